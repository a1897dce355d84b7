//! The project in memory, live: every row by id (iteration in id order, which is creation
//! order), indexes both ways (codings per document ordered by start, codings per code, memos
//! per target, codes by name) and the code frequencies, all patched from the store's
//! [`ChangeSet`]s. Nothing here scans a list to find a row.
//!
//! The only ways in are [`Project::apply`] (a change set from the store) and
//! [`Project::apply_change`] (one row, for loading and tests); the indexes cannot drift from
//! the rows because nothing else can touch them.

use super::tally::Tallies;
use super::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// The chain above a code, each link optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    pub concept: Option<ConceptId>,
    pub category: Option<CategoryId>,
    pub class: Option<ParadigmClass>,
}

/// Revision counters the views cache by: `all` moves on every change; the others only when
/// what they name changed, so typing a memo does not re-lay out the transcript.
#[derive(Clone, Debug, Default)]
pub struct Revisions {
    pub all: u64,
    /// Codes, concepts, categories, their names, colours and places, relations, facets and
    /// the cube framework.
    pub structure: u64,
    /// Any coding.
    pub codings: u64,
    /// Codings per document.
    documents: FxHashMap<DocumentId, u64>,
}

impl Revisions {
    /// The revision of `document`'s codings (0 until one changes).
    pub fn document(&self, document: DocumentId) -> u64 {
        self.documents.get(&document).copied().unwrap_or(0)
    }
}

/// What of a project's rows a [`Project`] holds. The window and the exports hold everything;
/// a command that only counts or edits by name reads less (issue 25: a command reads only what
/// it needs, so `axial edit` on a 200,000-coding project does not read 200,000 codings to
/// rename a code, nor 600 documents to rename a category). The project's name, core category,
/// cube framework and relation kinds are always read. A part that was not read is empty, and
/// the debug build asserts that nobody asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    /// Cases and documents (without their texts unless `texts`), with their attributes.
    pub records: bool,
    /// Categories, the relations between them, and the depth of the model (properties,
    /// placements, evidence, levels, prompted marks).
    pub categories: bool,
    /// Concepts and codes (with the categories they sit in).
    pub codes: bool,
    /// The transcripts' texts (without them each document's text is empty; its length and
    /// title are there).
    pub texts: bool,
    pub codings: bool,
    /// Memos, the cube's facets and the expected levels.
    pub notes: bool,
}

impl Parts {
    pub const ALL: Parts =
        Parts { records: true, categories: true, codes: true, texts: true, codings: true, notes: true };
    /// Everything but the texts and the codings: what counting needs beside the codings.
    pub const OUTLINE: Parts = Parts { texts: false, codings: false, ..Parts::ALL };
    /// The outline without memos, facets and expected levels: the names an edit resolves. On a
    /// 200,000-coding project the memos and facets were most of an edit's reading.
    pub const NAMES: Parts = Parts { notes: false, ..Parts::OUTLINE };
    /// Only what is always read: the name, the core category, the framework, the relation kinds.
    pub const VOCABULARY: Parts =
        Parts { records: false, categories: false, codes: false, texts: false, codings: false, notes: false };
}

impl Default for Parts {
    fn default() -> Parts {
        Parts::ALL
    }
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    name: String,
    core_category: Option<CategoryId>,
    framework: Framework,
    relation_kinds: Vec<String>,
    cases: BTreeMap<CaseId, Case>,
    documents: BTreeMap<DocumentId, Document>,
    codes: BTreeMap<CodeId, Code>,
    concepts: BTreeMap<ConceptId, Concept>,
    categories: BTreeMap<CategoryId, Category>,
    relations: BTreeMap<RelationId, Relation>,
    codings: BTreeMap<CodingId, Coding>,
    memos: BTreeMap<MemoId, Memo>,
    facets: FxHashMap<FacetOwner, BTreeMap<String, String>>,
    expectations: BTreeMap<(DimensionRef, DimensionRef), String>,
    depth: Depth,

    code_names: FxHashMap<String, CodeId>,
    /// Per document, its codings as (start, id), sorted.
    codings_by_document: FxHashMap<DocumentId, Vec<(usize, CodingId)>>,
    codings_by_code: FxHashMap<CodeId, BTreeSet<CodingId>>,
    memos_by_target: FxHashMap<MemoTarget, BTreeSet<MemoId>>,
    /// How many codings each coder has, so the coders are known without a walk of codings.
    coder_counts: BTreeMap<String, usize>,
    tallies: Tallies,
    revisions: Revisions,
    /// What was read (everything unless the store was asked for less).
    parts: Parts,
}

/// Two projects are equal when they hold the same rows (indexes and revisions aside).
impl PartialEq for Project {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.core_category == other.core_category
            && self.framework == other.framework
            && self.relation_kinds == other.relation_kinds
            && self.cases == other.cases
            && self.documents == other.documents
            && self.codes == other.codes
            && self.concepts == other.concepts
            && self.categories == other.categories
            && self.relations == other.relations
            && self.codings == other.codings
            && self.memos == other.memos
            && self.facets == other.facets
            && self.expectations == other.expectations
            && self.depth == other.depth
    }
}

impl Eq for Project {}

impl Project {
    /// An empty project with a name and a cube framework.
    pub fn new(name: impl Into<String>, framework: Framework) -> Project {
        Project { name: name.into(), framework, ..Default::default() }
    }

    /// What of the project's rows this model holds ([`Parts::ALL`] unless it was read as an
    /// outline).
    pub fn parts(&self) -> Parts {
        self.parts
    }

    /// Marks what was read (the store, after reading less than everything).
    pub fn set_parts(&mut self, parts: Parts) {
        self.parts = parts;
    }

    /// Applies the changes of one action, in order, and moves the revision on.
    pub fn apply(&mut self, changes: &ChangeSet) {
        for change in &changes.changes {
            self.apply_change(change.clone());
        }
    }

    /// Applies one changed row, keeping every index and count in step.
    pub fn apply_change(&mut self, change: Change) {
        self.revisions.all += 1;
        match change {
            Change::ProjectName(name) => self.name = name,
            Change::CoreCategory(id) => self.core_category = id,
            Change::Framework(framework) => {
                self.framework = framework;
                self.revisions.structure += 1;
            }
            Change::RelationKinds(kinds) => {
                self.relation_kinds = kinds;
                self.revisions.structure += 1;
            }
            Change::Case(case) => {
                self.cases.insert(case.id, case);
            }
            Change::CaseDeleted(id) => {
                self.cases.remove(&id);
            }
            Change::DocumentAdded(document) => {
                self.documents.insert(document.id, document);
            }
            Change::DocumentMeta(meta) => {
                if let Some(d) = self.documents.get_mut(&meta.id) {
                    (d.title, d.case, d.attributes) = (meta.title, meta.case, meta.attributes);
                }
            }
            Change::DocumentDeleted(id) => self.remove_document(id),
            Change::Code(code) => self.upsert_code(code),
            Change::CodeDeleted(id) => self.remove_code(id),
            Change::Concept(concept) => self.upsert_concept(concept),
            Change::ConceptDeleted(id) => {
                self.concepts.remove(&id);
                self.revisions.structure += 1;
            }
            Change::Category(category) => self.upsert_category(category),
            Change::CategoryDeleted(id) => {
                self.depth.forget_category(id);
                self.categories.remove(&id);
                self.revisions.structure += 1;
            }
            Change::Relation(relation) => {
                self.relations.insert(relation.id, relation);
                self.revisions.structure += 1;
            }
            Change::RelationDeleted(id) => self.remove_relation(id),
            Change::Coding(coding) => self.upsert_coding(coding),
            Change::CodingDeleted(id) => {
                self.depth.forget_coding(id);
                self.remove_coding(id)
            }
            Change::Property(property) => {
                self.depth.upsert_property(property);
                self.revisions.structure += 1;
            }
            Change::PropertyDeleted(id) => {
                self.depth.remove_property(id);
                self.revisions.structure += 1;
            }
            Change::Placement { coding, property, point } => self.depth.place(coding, property, point),
            Change::Evidence(evidence) => {
                self.depth.upsert_evidence(evidence);
                self.revisions.structure += 1;
            }
            Change::EvidenceDeleted(id) => {
                self.depth.remove_evidence(id);
                self.revisions.structure += 1;
            }
            Change::CategoryLevel { category, level } => {
                self.depth.set_level(category, level);
                self.revisions.structure += 1;
            }
            Change::Prompted { coding, prompted } => {
                self.depth.set_prompted(coding, prompted);
                self.revisions.codings += 1;
            }
            Change::Memo(memo) => {
                self.memos_by_target.entry(memo.target.clone()).or_default().insert(memo.id);
                self.memos.insert(memo.id, memo);
            }
            Change::MemoDeleted(id) => self.remove_memo(id),
            Change::Facet { owner, dimension, value } => self.set_facet(owner, dimension, value),
            Change::Expectation { row, column, level } => match level {
                Some(level) => drop(self.expectations.insert((row, column), level)),
                None => drop(self.expectations.remove(&(row, column))),
            },
        }
    }

    fn remove_document(&mut self, id: DocumentId) {
        self.depth.forget_document(id);
        self.documents.remove(&id);
        self.codings_by_document.remove(&id);
        self.revisions.documents.remove(&id);
        self.revisions.codings += 1;
    }

    fn remove_code(&mut self, id: CodeId) {
        if let Some(code) = self.codes.remove(&id) {
            self.code_names.remove(&code.name);
        }
        self.codings_by_code.remove(&id);
        self.revisions.structure += 1;
    }

    fn remove_relation(&mut self, id: RelationId) {
        self.depth.forget_relation(id);
        self.memos_by_target.remove(&MemoTarget::Relation(id));
        self.relations.remove(&id);
        self.revisions.structure += 1;
    }

    fn remove_memo(&mut self, id: MemoId) {
        if let Some(memo) = self.memos.remove(&id)
            && let Some(set) = self.memos_by_target.get_mut(&memo.target)
        {
            set.remove(&id);
            if set.is_empty() {
                self.memos_by_target.remove(&memo.target);
            }
        }
    }

    /// Sets (or with `None` clears) one facet value; an owner without facets is not kept.
    fn set_facet(&mut self, owner: FacetOwner, dimension: String, value: Option<String>) {
        let facets = self.facets.entry(owner).or_default();
        match value {
            Some(v) => drop(facets.insert(dimension, v)),
            None => drop(facets.remove(&dimension)),
        }
        if facets.is_empty() {
            self.facets.remove(&owner);
        }
        self.revisions.structure += 1;
    }

    fn upsert_code(&mut self, code: Code) {
        let to = self.placement_of_concept(code.concept);
        // A definition being typed changes nothing the tree, the reader or the cube shows.
        let mut structural = true;
        if let Some(old) = self.codes.get(&code.id) {
            if old.concept != code.concept {
                let from = self.placement_of_concept(old.concept);
                self.tallies.move_code(code.id, from, to);
            }
            if old.name != code.name {
                self.code_names.remove(&old.name);
            }
            structural = old.name != code.name || old.color != code.color || old.concept != code.concept;
        }
        self.code_names.insert(code.name.clone(), code.id);
        self.codes.insert(code.id, code);
        if structural {
            self.revisions.structure += 1;
        }
    }

    fn upsert_concept(&mut self, concept: Concept) {
        if let Some(old) = self.concepts.get(&concept.id)
            && old.category != concept.category
        {
            let from = self.placement_of_category(old.category);
            let to = self.placement_of_category(concept.category);
            self.tallies.move_concept(concept.id, from, to);
        }
        self.concepts.insert(concept.id, concept);
        self.revisions.structure += 1;
    }

    fn upsert_category(&mut self, category: Category) {
        if let Some(old) = self.categories.get(&category.id)
            && old.class != category.class
        {
            let from = Placement { class: old.class, ..Default::default() };
            let to = Placement { class: category.class, ..Default::default() };
            self.tallies.move_category(category.id, from, to);
        }
        self.categories.insert(category.id, category);
        self.revisions.structure += 1;
    }

    fn upsert_coding(&mut self, coding: Coding) {
        if self.codings.contains_key(&coding.id) {
            self.remove_coding(coding.id);
        }
        let list = self.codings_by_document.entry(coding.document).or_default();
        let key = (coding.start, coding.id);
        let at = list.partition_point(|k| *k < key);
        list.insert(at, key);
        self.codings_by_code.entry(coding.code).or_default().insert(coding.id);
        *self.coder_counts.entry(coding.coder.clone()).or_default() += 1;
        self.tallies.add_coding(coding.code, coding.document, self.placement(coding.code));
        self.touch_document(coding.document);
        self.codings.insert(coding.id, coding);
    }

    fn remove_coding(&mut self, id: CodingId) {
        let Some(coding) = self.codings.remove(&id) else { return };
        if let Some(list) = self.codings_by_document.get_mut(&coding.document) {
            let key = (coding.start, coding.id);
            if let Ok(at) = list.binary_search(&key) {
                list.remove(at);
            }
        }
        if let Some(set) = self.codings_by_code.get_mut(&coding.code) {
            set.remove(&id);
        }
        if let Some(n) = self.coder_counts.get_mut(&coding.coder) {
            *n -= 1;
            if *n == 0 {
                self.coder_counts.remove(&coding.coder);
            }
        }
        self.tallies.remove_coding(coding.code, coding.document, self.placement(coding.code));
        self.touch_document(coding.document);
    }

    fn touch_document(&mut self, document: DocumentId) {
        self.revisions.codings += 1;
        *self.revisions.documents.entry(document).or_default() = self.revisions.all;
    }

    /// Moves every revision counter past `earlier`'s, so caches keyed by the revisions of a
    /// model this one replaces (a reload after an outside change) never take it for the same.
    pub fn advance_revisions_past(&mut self, earlier: &Revisions) {
        let r = &mut self.revisions;
        r.all += earlier.all + 1;
        r.structure += earlier.structure + 1;
        r.codings += earlier.codings + 1;
        let bump = earlier.all + 1;
        for d in self.documents.keys() {
            *r.documents.entry(*d).or_default() += bump;
        }
    }

    // ---- reading -------------------------------------------------------------------------

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn core_category(&self) -> Option<CategoryId> {
        self.core_category
    }
    pub fn framework(&self) -> &Framework {
        &self.framework
    }
    /// The relation kinds the project offers, in the order the study chose.
    pub fn relation_kinds(&self) -> &[String] {
        &self.relation_kinds
    }
    /// Revision counters for caches.
    pub fn revisions(&self) -> &Revisions {
        &self.revisions
    }
    /// Moves on with every change.
    pub fn revision(&self) -> u64 {
        self.revisions.all
    }
    /// Properties and their placements, relations' evidence, matrix levels and prompted
    /// codings.
    pub fn depth(&self) -> &Depth {
        debug_assert!(self.parts.categories, "the categories were not read");
        &self.depth
    }
    /// Code frequencies at every level, up to date.
    pub fn tallies(&self) -> &Tallies {
        &self.tallies
    }

    pub fn cases(&self) -> impl DoubleEndedIterator<Item = &Case> + ExactSizeIterator {
        debug_assert!(self.parts.records, "the cases and documents were not read");
        self.cases.values()
    }
    pub fn documents(&self) -> impl DoubleEndedIterator<Item = &Document> + ExactSizeIterator {
        debug_assert!(self.parts.records, "the cases and documents were not read");
        self.documents.values()
    }
    pub fn codes(&self) -> impl DoubleEndedIterator<Item = &Code> + ExactSizeIterator {
        debug_assert!(self.parts.codes, "the codes and concepts were not read");
        self.codes.values()
    }
    pub fn concepts(&self) -> impl DoubleEndedIterator<Item = &Concept> + ExactSizeIterator {
        debug_assert!(self.parts.codes, "the codes and concepts were not read");
        self.concepts.values()
    }
    pub fn categories(&self) -> impl DoubleEndedIterator<Item = &Category> + ExactSizeIterator {
        debug_assert!(self.parts.categories, "the categories were not read");
        self.categories.values()
    }
    pub fn relations(&self) -> impl DoubleEndedIterator<Item = &Relation> + ExactSizeIterator {
        debug_assert!(self.parts.categories, "the categories were not read");
        self.relations.values()
    }
    pub fn codings(&self) -> impl DoubleEndedIterator<Item = &Coding> + ExactSizeIterator {
        self.codings.values()
    }
    pub fn memos(&self) -> impl DoubleEndedIterator<Item = &Memo> + ExactSizeIterator {
        debug_assert!(self.parts.notes, "the memos were not read");
        self.memos.values()
    }

    pub fn case(&self, id: CaseId) -> Option<&Case> {
        debug_assert!(self.parts.records, "the cases and documents were not read");
        self.cases.get(&id)
    }
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        debug_assert!(self.parts.records, "the cases and documents were not read");
        self.documents.get(&id)
    }
    pub fn code(&self, id: CodeId) -> Option<&Code> {
        debug_assert!(self.parts.codes, "the codes and concepts were not read");
        self.codes.get(&id)
    }
    pub fn concept(&self, id: ConceptId) -> Option<&Concept> {
        debug_assert!(self.parts.codes, "the codes and concepts were not read");
        self.concepts.get(&id)
    }
    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        debug_assert!(self.parts.categories, "the categories were not read");
        self.categories.get(&id)
    }
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        debug_assert!(self.parts.categories, "the categories were not read");
        self.relations.get(&id)
    }
    pub fn coding(&self, id: CodingId) -> Option<&Coding> {
        self.codings.get(&id)
    }
    pub fn memo(&self, id: MemoId) -> Option<&Memo> {
        self.memos.get(&id)
    }

    /// The code with exactly this name (names are unique).
    pub fn code_named(&self, name: &str) -> Option<&Code> {
        debug_assert!(self.parts.codes, "the codes and concepts were not read");
        self.code_names.get(name).and_then(|id| self.codes.get(id))
    }

    /// The codings of a document, ordered by start (then id).
    pub fn codings_in(&self, document: DocumentId) -> impl DoubleEndedIterator<Item = &Coding> + ExactSizeIterator {
        self.codings_by_document
            .get(&document)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|(_, id)| self.codings.get(id).expect("the document index names only codings the project holds"))
    }

    /// Everyone who coded something here, sorted by name.
    pub fn coders(&self) -> impl Iterator<Item = &str> {
        self.coder_counts.keys().map(String::as_str)
    }

    /// The codings of a code, in id order.
    pub fn codings_of(&self, code: CodeId) -> impl Iterator<Item = &Coding> {
        self.codings_by_code.get(&code).into_iter().flatten().filter_map(|id| self.codings.get(id))
    }

    /// Memos attached to `target`, in creation order.
    pub fn memos_on(&self, target: &MemoTarget) -> impl Iterator<Item = &Memo> {
        debug_assert!(self.parts.notes, "the memos were not read");
        self.memos_by_target.get(target).into_iter().flatten().filter_map(|id| self.memos.get(id))
    }

    /// The facet value `owner` carries on `dimension`, if any.
    pub fn facet(&self, owner: FacetOwner, dimension: &str) -> Option<&str> {
        self.facets.get(&owner).and_then(|f| f.get(dimension)).map(String::as_str)
    }

    /// The facet values `owner` carries, in the framework's dimension order.
    pub fn facets_of(&self, owner: FacetOwner) -> Vec<(&str, &str)> {
        let Some(values) = self.facets.get(&owner) else { return Vec::new() };
        let mut out: Vec<(&str, &str)> = values.iter().map(|(d, v)| (d.as_str(), v.as_str())).collect();
        out.sort_by_key(|(d, _)| self.framework.dimensions.iter().position(|x| x.key == *d).unwrap_or(usize::MAX));
        out
    }

    /// Every facet value, by owner then dimension order.
    pub fn facets(&self) -> Vec<Facet> {
        let mut owners: Vec<FacetOwner> = self.facets.keys().copied().collect();
        owners.sort();
        owners
            .into_iter()
            .flat_map(|owner| {
                self.facets_of(owner).into_iter().map(move |(d, v)| Facet {
                    owner,
                    dimension: d.to_owned(),
                    value: v.to_owned(),
                })
            })
            .collect()
    }

    /// The study's expected levels, ordered by row then column keys.
    pub fn expectations(&self) -> Vec<Expectation> {
        self.expectations
            .iter()
            .map(|((row, column), level)| Expectation {
                row: row.clone(),
                column: column.clone(),
                level: level.clone(),
            })
            .collect()
    }

    /// Where a code sits: its concept, that concept's category, that category's class.
    pub fn placement(&self, code: CodeId) -> Placement {
        self.placement_of_concept(self.codes.get(&code).and_then(|c| c.concept))
    }

    fn placement_of_concept(&self, concept: Option<ConceptId>) -> Placement {
        let category = concept.and_then(|c| self.concepts.get(&c)).and_then(|c| c.category);
        Placement { concept, ..self.placement_of_category(category) }
    }

    fn placement_of_category(&self, category: Option<CategoryId>) -> Placement {
        let class = category.and_then(|c| self.categories.get(&c)).and_then(|c| c.class);
        Placement { concept: None, category, class }
    }

    /// The value a coding of `code` takes on `dimension`: the code's own facet, else its
    /// concept's, else its category's (nearest wins).
    pub fn resolved_facet(&self, code: CodeId, dimension: &str) -> Option<&str> {
        let placement = self.placement(code);
        self.facet(FacetOwner::Code(code), dimension)
            .or_else(|| placement.concept.and_then(|c| self.facet(FacetOwner::Concept(c), dimension)))
            .or_else(|| placement.category.and_then(|c| self.facet(FacetOwner::Category(c), dimension)))
    }
}
