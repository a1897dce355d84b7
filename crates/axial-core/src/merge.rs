//! Merging a second coder's copy of the project into this one, as one undoable step, with
//! nothing silently dropped.
//!
//! How things are matched, in order:
//! - documents by stable id, then by identical text;
//! - cases, categories, concepts and codes by stable id, then by name;
//! - relations by stable id, then by the same two categories and kind;
//! - codings by stable id, then by the same passage of the same document with the same code by
//!   the same coder (two coders coding one passage alike are two codings: both are kept);
//! - memos by stable id, then by the same item, title and text.
//!
//! What matches keeps this project's form (its name, its place in the hierarchy), and where
//! the copy's differs the report says so. What does not match is added, with the copy's stable
//! id, so merging the same copy again finds everything already here and adds nothing. A memo
//! the copy holds with another text is added beside ours rather than lost. The other coder's
//! codings arrive with their coder.

mod depth;

use crate::model::*;
use crate::project::{ProjectError, Result};
use crate::store::{IdAllocator, Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Per kind ("documents", "codes"...): how many matched one here, and how many were added.
    pub matched: Vec<(&'static str, usize)>,
    pub added: Vec<(&'static str, usize)>,
    /// Each item of the copy kept as new here, in words ("code “Rituals”").
    pub new_items: Vec<String>,
    /// Where the copy differs from this project on something matched (kept as here).
    pub differences: Vec<String>,
    pub codings_added: usize,
    /// Codings already here (matched).
    pub codings_matched: usize,
    /// The copy's coders whose codings arrived.
    pub coders: Vec<String>,
}

impl MergeReport {
    /// Whether the merge brought nothing new.
    pub fn nothing_new(&self) -> bool {
        self.added.iter().all(|(_, n)| *n == 0) && self.codings_added == 0
    }

    /// One line: "added 3 codes, 1 concept and 120 codings (by sam); matched 12 documents...".
    pub fn summary(&self) -> String {
        if self.nothing_new() {
            return "nothing new: everything in the copy is already here".into();
        }
        let list = |items: &[(&'static str, usize)]| {
            let parts: Vec<String> = items.iter().filter(|(_, n)| *n > 0).map(|(k, n)| format!("{n} {k}")).collect();
            if parts.is_empty() { "nothing".to_owned() } else { parts.join(", ") }
        };
        let by = if self.coders.is_empty() { String::new() } else { format!(" (coded by {})", self.coders.join(", ")) };
        format!(
            "added {} and {} codings{by}; {} codings and {} were here already",
            list(&self.added),
            self.codings_added,
            self.codings_matched,
            list(&self.matched)
        )
    }
}

/// Merges the coder's copy at `other` into `store` (whose live model is `ours`), as one
/// undoable step. A file that is not an Axial project, is newer than this Axial, or is this
/// project itself is refused in one sentence and nothing changes.
pub fn merge_copy(store: &mut Store, ours: &Project, other: &Path) -> Result<(MergeReport, ChangeSet)> {
    if let Some(own) = store.path()
        && std::fs::canonicalize(own).ok() == std::fs::canonicalize(other).ok()
    {
        return Err(ProjectError::Store(StoreError::Invalid(format!(
            "that is this project itself; choose the coder's copy to merge: {}",
            other.display()
        ))));
    }
    let theirs_store = Store::open_read_only(other)?;
    let theirs = theirs_store.load()?;
    let their_uids = theirs_store.uids()?;
    drop(theirs_store);
    let name = other.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "the copy".into());
    // A copy with nothing new is not an undo step: the transaction is rolled back.
    let mut nothing_new = None;
    let result = store.apply_built(|s| {
        let mut ids = s.ids()?;
        let our_uids = s.uids()?;
        let mut m = Merger::new(ours, &our_uids, &theirs, &their_uids, &mut ids);
        m.run();
        let report = m.report;
        if m.actions.is_empty() {
            nothing_new = Some(report);
            return Err(ProjectError::Store(StoreError::NothingTo("merge")));
        }
        let label = format!("Merge {name} ({})", short_summary(&report));
        Ok::<_, ProjectError>((Action::Batch { label, actions: m.actions }, report))
    });
    match (result, nothing_new) {
        (Err(_), Some(report)) => Ok((report, ChangeSet::default())),
        (result, _) => result,
    }
}

fn short_summary(r: &MergeReport) -> String {
    let added: usize = r.added.iter().map(|(_, n)| n).sum();
    format!("{} codings, {added} new items", r.codings_added)
}

fn q(s: &str) -> String {
    format!("\u{201c}{s}\u{201d}")
}

/// Builds the merge's actions and report.
struct Merger<'a> {
    ours: &'a Project,
    theirs: &'a Project,
    their_uids: &'a Uids,
    /// Our (kind, row id) by uid.
    our_by_uid: HashMap<&'a str, (UidKind, i64)>,
    /// Our people's ids.
    our_people: HashSet<&'a str>,
    /// Our people's ids by name.
    our_person_by_name: HashMap<&'a str, &'a str>,
    ids: &'a mut IdAllocator,
    actions: Vec<Action>,
    report: MergeReport,
    cases: HashMap<CaseId, CaseId>,
    documents: HashMap<DocumentId, DocumentId>,
    categories: HashMap<CategoryId, CategoryId>,
    concepts: HashMap<ConceptId, ConceptId>,
    codes: HashMap<CodeId, CodeId>,
    codings: HashMap<CodingId, CodingId>,
    relations: HashMap<RelationId, RelationId>,
    /// Names and titles taken here, as the merge adds more.
    taken: HashSet<(UidKind, String)>,
    /// Our rows one of the copy's items matched.
    claimed: HashSet<(UidKind, i64)>,
}

impl<'a> Merger<'a> {
    fn new(
        ours: &'a Project,
        our_uids: &'a Uids,
        theirs: &'a Project,
        their_uids: &'a Uids,
        ids: &'a mut IdAllocator,
    ) -> Merger<'a> {
        let our_by_uid = our_uids.items.iter().map(|((k, id), uid)| (uid.as_str(), (*k, *id))).collect();
        let our_people = our_uids.people.values().map(String::as_str).collect();
        let our_person_by_name = our_uids.people.iter().map(|(n, u)| (n.as_str(), u.as_str())).collect();
        let mut taken = HashSet::new();
        taken.extend(ours.cases().map(|c| (UidKind::Case, c.name.clone())));
        taken.extend(ours.documents().map(|d| (UidKind::Document, d.title.clone())));
        taken.extend(ours.categories().map(|c| (UidKind::Category, c.name.clone())));
        taken.extend(ours.concepts().map(|c| (UidKind::Concept, c.name.clone())));
        taken.extend(ours.codes().map(|c| (UidKind::Code, c.name.clone())));
        Merger {
            ours,
            theirs,
            their_uids,
            our_by_uid,
            our_people,
            our_person_by_name,
            ids,
            actions: Vec::new(),
            report: MergeReport::default(),
            cases: HashMap::new(),
            documents: HashMap::new(),
            categories: HashMap::new(),
            concepts: HashMap::new(),
            codes: HashMap::new(),
            codings: HashMap::new(),
            relations: HashMap::new(),
            taken,
            claimed: HashSet::new(),
        }
    }

    /// Our row id of the item the copy's (kind, id) has the stable id of, if we have it and
    /// it is still here (ids stay with deleted rows: a copy's item deleted here since is
    /// added again, not matched to nothing).
    fn by_uid(&self, kind: UidKind, their_id: i64) -> Option<i64> {
        let uid = self.their_uids.of(kind, their_id)?;
        let (_, id) = self.our_by_uid.get(uid).filter(|(k, _)| *k == kind)?;
        let p = self.ours;
        let live = match kind {
            UidKind::Case => p.case(CaseId(*id)).is_some(),
            UidKind::Document => p.document(DocumentId(*id)).is_some(),
            UidKind::Code => p.code(CodeId(*id)).is_some(),
            UidKind::Concept => p.concept(ConceptId(*id)).is_some(),
            UidKind::Category => p.category(CategoryId(*id)).is_some(),
            UidKind::Coding => p.coding(CodingId(*id)).is_some(),
            UidKind::Memo => p.memo(MemoId(*id)).is_some(),
            UidKind::Relation => p.relation(RelationId(*id)).is_some(),
        };
        live.then_some(*id)
    }

    /// Whether one of the copy's items already took our row `id` of `kind` (two of theirs
    /// never land on one of ours: the second is added instead).
    fn claim(&mut self, kind: UidKind, id: i64) -> bool {
        self.claimed.insert((kind, id))
    }

    /// Gives a new item the copy's stable id.
    fn keep_uid(&mut self, kind: UidKind, their_id: i64, our_id: i64) {
        if let Some(uid) = self.their_uids.of(kind, their_id) {
            self.actions.push(Action::SetUid { kind, id: our_id, uid: uid.to_owned() });
        }
    }

    /// A name not taken here: `name`, else "name (from the copy)", "... 2".
    fn free_name(&mut self, kind: UidKind, name: &str) -> String {
        let mut candidate = name.to_owned();
        let mut n = 1;
        while self.taken.contains(&(kind, candidate.clone())) {
            candidate = if n == 1 { format!("{name} (from the copy)") } else { format!("{name} (from the copy {n})") };
            n += 1;
        }
        self.taken.insert((kind, candidate.clone()));
        candidate
    }

    fn count(list: &mut Vec<(&'static str, usize)>, kind: &'static str) {
        match list.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => list.push((kind, 1)),
        }
    }

    fn matched(&mut self, kind: &'static str) {
        Self::count(&mut self.report.matched, kind);
    }

    fn added(&mut self, kind: &'static str, what: String) {
        Self::count(&mut self.report.added, kind);
        self.report.new_items.push(what);
    }

    fn run(&mut self) {
        for kind in ["cases", "documents", "categories", "concepts", "codes", "relations", "memos"] {
            self.report.matched.push((kind, 0));
            self.report.added.push((kind, 0));
        }
        self.cases();
        self.documents();
        self.categories();
        self.concepts();
        self.codes();
        self.relations();
        self.codings();
        self.memos();
        self.depth();
        self.people();
        self.whole_project_differences();
    }

    fn cases(&mut self) {
        let by_name: HashMap<&str, CaseId> = self.ours.cases().map(|c| (c.name.as_str(), c.id)).collect();
        for c in self.theirs.cases() {
            let found = self
                .by_uid(UidKind::Case, c.id.0)
                .map(CaseId)
                .or_else(|| by_name.get(c.name.as_str()).copied())
                .filter(|id| self.claim(UidKind::Case, id.0));
            let id = match found {
                Some(id) => {
                    self.matched("cases");
                    if let Some(o) = self.ours.case(id)
                        && o.name != c.name
                    {
                        self.report.differences.push(format!(
                            "case {} is called {} in the copy (kept as here)",
                            q(&o.name),
                            q(&c.name)
                        ));
                    }
                    id
                }
                None => {
                    let id = self.ids.case();
                    let name = self.free_name(UidKind::Case, &c.name);
                    self.actions.push(Action::CreateCase { id, name: name.clone() });
                    for (key, value) in &c.attributes {
                        self.actions.push(Action::SetCaseAttribute {
                            id,
                            key: key.clone(),
                            value: Some(value.clone()),
                        });
                    }
                    self.keep_uid(UidKind::Case, c.id.0, id.0);
                    self.added("cases", format!("case {}", q(&name)));
                    id
                }
            };
            self.cases.insert(c.id, id);
        }
    }

    fn documents(&mut self) {
        let by_text: HashMap<&str, DocumentId> = self.ours.documents().map(|d| (&*d.text, d.id)).collect();
        for d in self.theirs.documents() {
            let found = self
                .by_uid(UidKind::Document, d.id.0)
                .map(DocumentId)
                .filter(|ours| self.ours.document(*ours).is_some_and(|o| o.text == d.text))
                .or_else(|| by_text.get(&*d.text).copied())
                .filter(|id| self.claim(UidKind::Document, id.0));
            let id = match found {
                Some(id) => {
                    self.matched("documents");
                    if let Some(o) = self.ours.document(id) {
                        if o.title != d.title {
                            self.report.differences.push(format!(
                                "document {} is called {} in the copy (kept as here)",
                                q(&o.title),
                                q(&d.title)
                            ));
                        }
                        let case = d.case.and_then(|c| self.cases.get(&c).copied());
                        if case != o.case {
                            self.report.differences.push(format!(
                                "document {} belongs to another case in the copy (kept as here)",
                                q(&o.title)
                            ));
                        }
                    }
                    id
                }
                None => {
                    let id = self.ids.document();
                    let title = self.free_name(UidKind::Document, &d.title);
                    self.actions.push(Action::AddDocument {
                        id,
                        title: title.clone(),
                        text: d.text.to_string(),
                        case: d.case.and_then(|c| self.cases.get(&c).copied()),
                        imported: d.imported.clone(),
                    });
                    for (key, value) in &d.attributes {
                        self.actions.push(Action::SetDocumentAttribute {
                            id,
                            key: key.clone(),
                            value: Some(value.clone()),
                        });
                    }
                    self.keep_uid(UidKind::Document, d.id.0, id.0);
                    self.added("documents", format!("document {}", q(&title)));
                    id
                }
            };
            self.documents.insert(d.id, id);
        }
    }

    /// Facet values a new item carries in the copy, where this project's cube has them.
    fn facets(&mut self, theirs: FacetOwner, ours: FacetOwner, what: &str) {
        for (dimension, value) in self.theirs.facets_of(theirs) {
            let known = self.ours.framework().dimension(dimension).is_some_and(|d| d.has_value(value));
            if known {
                self.actions.push(Action::SetFacet {
                    owner: ours,
                    dimension: dimension.to_owned(),
                    value: Some(value.to_owned()),
                });
            } else {
                self.report.differences.push(format!(
                    "{what}: its facet {dimension}={value} is not in this project's cube, so it was left off"
                ));
            }
        }
    }

    /// Where a matched item carries another facet value in the copy (kept as here).
    fn facet_differences(&mut self, theirs: FacetOwner, ours: FacetOwner, what: &str) {
        for (dimension, value) in self.theirs.facets_of(theirs) {
            let here = self.ours.facet(ours, dimension);
            if here != Some(value) {
                self.report.differences.push(format!(
                    "{what} is {dimension}={value} in the copy, {} here (kept as here)",
                    here.map(|h| format!("{dimension}={h}")).unwrap_or_else(|| "unset".into())
                ));
            }
        }
    }

    /// What the copy holds for the whole project and differs from here: the core category,
    /// the cube, the expected levels (all kept as here).
    fn whole_project_differences(&mut self) {
        let core_name = |p: &Project| p.core_category().and_then(|c| p.category(c)).map(|c| c.name.clone());
        let (theirs_core, ours_core) = (core_name(self.theirs), core_name(self.ours));
        if theirs_core.is_some() && theirs_core != ours_core {
            self.report.differences.push(format!(
                "the core category is {} in the copy, {} here (kept as here)",
                q(theirs_core.as_deref().unwrap_or_default()),
                ours_core.map(|c| q(&c)).unwrap_or_else(|| "not chosen".into())
            ));
        }
        if self.theirs.framework() != self.ours.framework() {
            self.report.differences.push(
                "the copy's cube has other dimensions or values (kept as here; facets it lacks here are left off)"
                    .into(),
            );
        }
        if self.theirs.expectations() != self.ours.expectations() {
            self.report.differences.push("the copy expects other levels in the cube (kept as here)".into());
        }
        for (name, uid) in &self.their_uids.people {
            if let Some(ours) = self.our_person_by_name.get(name.as_str())
                && *ours != uid.as_str()
            {
                self.report.differences.push(format!(
                    "coder {} in the copy is someone else than {} here (another id): their codings arrive under the same name",
                    q(name),
                    q(name)
                ));
            }
        }
    }

    fn categories(&mut self) {
        let by_name: HashMap<&str, CategoryId> = self.ours.categories().map(|c| (c.name.as_str(), c.id)).collect();
        for c in self.theirs.categories() {
            let found = self
                .by_uid(UidKind::Category, c.id.0)
                .map(CategoryId)
                .or_else(|| by_name.get(c.name.as_str()).copied())
                .filter(|id| self.claim(UidKind::Category, id.0));
            let id = match found {
                Some(id) => {
                    self.matched("categories");
                    if let Some(o) = self.ours.category(id) {
                        let what = format!("category {}", q(&o.name));
                        self.facet_differences(FacetOwner::Category(c.id), FacetOwner::Category(id), &what);
                        if o.name != c.name {
                            self.report.differences.push(format!(
                                "category {} is called {} in the copy (kept as here)",
                                q(&o.name),
                                q(&c.name)
                            ));
                        }
                        if o.class != c.class {
                            let place = |k: Option<ParadigmClass>| k.map(|k| k.label()).unwrap_or("not placed");
                            self.report.differences.push(format!(
                                "category {} is in {} in the copy, {} here (kept as here)",
                                q(&o.name),
                                place(c.class),
                                place(o.class)
                            ));
                        }
                    }
                    id
                }
                None => {
                    let id = self.ids.category();
                    let name = self.free_name(UidKind::Category, &c.name);
                    self.actions.push(Action::CreateCategory { id, name: name.clone(), class: c.class });
                    self.keep_uid(UidKind::Category, c.id.0, id.0);
                    self.facets(
                        FacetOwner::Category(c.id),
                        FacetOwner::Category(id),
                        &format!("category {}", q(&name)),
                    );
                    self.added("categories", format!("category {}", q(&name)));
                    id
                }
            };
            self.categories.insert(c.id, id);
        }
    }

    fn concepts(&mut self) {
        let by_name: HashMap<&str, ConceptId> = self.ours.concepts().map(|c| (c.name.as_str(), c.id)).collect();
        for c in self.theirs.concepts() {
            let found = self
                .by_uid(UidKind::Concept, c.id.0)
                .map(ConceptId)
                .or_else(|| by_name.get(c.name.as_str()).copied())
                .filter(|id| self.claim(UidKind::Concept, id.0));
            let category = c.category.and_then(|k| self.categories.get(&k).copied());
            let id = match found {
                Some(id) => {
                    self.matched("concepts");
                    if let Some(o) = self.ours.concept(id) {
                        let what = format!("concept {}", q(&o.name));
                        self.facet_differences(FacetOwner::Concept(c.id), FacetOwner::Concept(id), &what);
                    }
                    if let Some(o) = self.ours.concept(id)
                        && (o.name != c.name || o.category != category)
                    {
                        self.report.differences.push(format!(
                            "concept {} is {} in the copy (kept as here)",
                            q(&o.name),
                            if o.name != c.name {
                                format!("called {}", q(&c.name))
                            } else {
                                "under another category".into()
                            }
                        ));
                    }
                    id
                }
                None => {
                    let id = self.ids.concept();
                    let name = self.free_name(UidKind::Concept, &c.name);
                    self.actions.push(Action::CreateConcept { id, name: name.clone(), category });
                    self.keep_uid(UidKind::Concept, c.id.0, id.0);
                    self.facets(FacetOwner::Concept(c.id), FacetOwner::Concept(id), &format!("concept {}", q(&name)));
                    self.added("concepts", format!("concept {}", q(&name)));
                    id
                }
            };
            self.concepts.insert(c.id, id);
        }
    }

    fn codes(&mut self) {
        let by_name: HashMap<&str, CodeId> = self.ours.codes().map(|c| (c.name.as_str(), c.id)).collect();
        for c in self.theirs.codes() {
            let found = self
                .by_uid(UidKind::Code, c.id.0)
                .map(CodeId)
                .or_else(|| by_name.get(c.name.as_str()).copied())
                .filter(|id| self.claim(UidKind::Code, id.0));
            let concept = c.concept.and_then(|k| self.concepts.get(&k).copied());
            let id = match found {
                Some(id) => {
                    self.matched("codes");
                    if let Some(o) = self.ours.code(id) {
                        let what = format!("code {}", q(&o.name));
                        self.facet_differences(FacetOwner::Code(c.id), FacetOwner::Code(id), &what);
                        if o.name != c.name {
                            self.report.differences.push(format!(
                                "code {} is called {} in the copy (kept as here; its codings arrive on {})",
                                q(&o.name),
                                q(&c.name),
                                q(&o.name)
                            ));
                        } else if o.concept != concept {
                            self.report.differences.push(format!(
                                "code {} is under another concept in the copy (kept as here)",
                                q(&o.name)
                            ));
                        }
                        if o.definition != c.definition && !c.definition.trim().is_empty() {
                            self.report.differences.push(format!(
                                "code {} has another definition in the copy (kept as here): {}",
                                q(&o.name),
                                c.definition.chars().take(80).collect::<String>()
                            ));
                        }
                    }
                    id
                }
                None => {
                    let id = self.ids.code();
                    let name = self.free_name(UidKind::Code, &c.name);
                    self.actions.push(Action::CreateCode {
                        id,
                        name: name.clone(),
                        color: c.color.clone(),
                        definition: c.definition.clone(),
                        concept,
                    });
                    self.keep_uid(UidKind::Code, c.id.0, id.0);
                    self.facets(FacetOwner::Code(c.id), FacetOwner::Code(id), &format!("code {}", q(&name)));
                    self.added("codes", format!("code {}", q(&name)));
                    id
                }
            };
            self.codes.insert(c.id, id);
        }
    }

    fn relations(&mut self) {
        let existing: HashMap<(CategoryId, CategoryId, &str), RelationId> =
            self.ours.relations().map(|r| ((r.from, r.to, r.kind.as_str()), r.id)).collect();
        let mut kinds: HashSet<String> = self.ours.relation_kinds().iter().cloned().collect();
        for r in self.theirs.relations() {
            let (Some(&from), Some(&to)) = (self.categories.get(&r.from), self.categories.get(&r.to)) else {
                // Every category of the copy is matched or added first, so this is a copy whose
                // rows do not hold together; said, never dropped silently.
                self.report
                    .differences
                    .push(format!("a relation {} of the copy names a category it does not hold: left out", r.kind));
                continue;
            };
            let uid_match = self.by_uid(UidKind::Relation, r.id.0).filter(|id| self.claim(UidKind::Relation, *id));
            if let Some(ours) =
                uid_match.map(RelationId).or_else(|| existing.get(&(from, to, r.kind.as_str())).copied())
            {
                self.relations.insert(r.id, ours);
                self.matched("relations");
                continue;
            }
            if kinds.insert(r.kind.clone()) {
                self.actions.push(Action::CreateRelationKind { name: r.kind.clone(), position: None });
            }
            let id = self.ids.relation();
            self.actions.push(Action::CreateRelation { id, from, to, kind: r.kind.clone() });
            self.relations.insert(r.id, id);
            self.keep_uid(UidKind::Relation, r.id.0, id.0);
            let name = |c: CategoryId| self.theirs.category(c).map(|k| k.name.clone()).unwrap_or_default();
            let what = format!("relation {} {} {}", q(&name(r.from)), r.kind, q(&name(r.to)));
            self.added("relations", what);
        }
    }

    fn codings(&mut self) {
        // What is here already, by passage: (document, code, start, end, coder).
        let mut here: HashMap<(DocumentId, CodeId, usize, usize, &str), CodingId> = HashMap::new();
        for c in self.ours.codings() {
            here.insert((c.document, c.code, c.start, c.end, c.coder.as_str()), c.id);
        }
        let mut coders: std::collections::BTreeSet<&str> = Default::default();
        for c in self.theirs.codings() {
            let (Some(&document), Some(&code)) = (self.documents.get(&c.document), self.codes.get(&c.code)) else {
                self.report.differences.push(format!(
                    "a coding by {} ({}\u{2013}{}) names a document or code the copy does not hold: left out",
                    c.coder, c.start, c.end
                ));
                continue;
            };
            let found = self
                .by_uid(UidKind::Coding, c.id.0)
                .map(CodingId)
                .or_else(|| here.get(&(document, code, c.start, c.end, c.coder.as_str())).copied())
                .filter(|id| self.claim(UidKind::Coding, id.0));
            if let Some(id) = found {
                self.report.codings_matched += 1;
                self.codings.insert(c.id, id);
                continue;
            }
            let id = self.ids.coding();
            self.actions.push(Action::CreateCoding {
                id,
                document,
                code,
                start: c.start,
                end: c.end,
                coder: c.coder.clone(),
                created: c.created.clone(),
            });
            self.keep_uid(UidKind::Coding, c.id.0, id.0);
            self.codings.insert(c.id, id);
            self.report.codings_added += 1;
            coders.insert(&c.coder);
        }
        self.report.coders = coders.into_iter().map(str::to_owned).collect();
    }

    fn memos(&mut self) {
        for m in self.theirs.memos() {
            let target = match &m.target {
                MemoTarget::Project => Some(MemoTarget::Project),
                MemoTarget::Document(d) => self.documents.get(d).map(|d| MemoTarget::Document(*d)),
                MemoTarget::Code(c) => self.codes.get(c).map(|c| MemoTarget::Code(*c)),
                MemoTarget::Concept(c) => self.concepts.get(c).map(|c| MemoTarget::Concept(*c)),
                MemoTarget::Category(c) => self.categories.get(c).map(|c| MemoTarget::Category(*c)),
                MemoTarget::Coding(c) => self.codings.get(c).map(|c| MemoTarget::Coding(*c)),
                MemoTarget::Relation(r) => self.relations.get(r).map(|r| MemoTarget::Relation(*r)),
            };
            let Some(target) = target else {
                self.report
                    .differences
                    .push(format!("memo {} is on something the copy does not hold: left out", q(&m.title)));
                continue;
            };
            let by_uid = self.by_uid(UidKind::Memo, m.id.0).and_then(|id| self.ours.memo(MemoId(id)));
            let same = |o: &Memo| o.title == m.title && o.text == m.text;
            match by_uid {
                Some(o) if same(o) => {
                    self.matched("memos");
                    continue;
                }
                // Their text is on the same item already (as another memo): nothing is lost.
                Some(_) if self.ours.memos_on(&target).any(same) => {
                    self.matched("memos");
                    continue;
                }
                Some(o) => {
                    // The same memo with another text: theirs is added beside ours, not lost.
                    self.report.differences.push(format!(
                        "memo {} has another text in the copy: added beside this one",
                        q(if o.title.is_empty() { "(untitled)" } else { &o.title })
                    ));
                }
                None if self.ours.memos_on(&target).any(same) => {
                    self.matched("memos");
                    continue;
                }
                None => {}
            }
            let id = self.ids.memo();
            let differs = by_uid.is_some();
            self.actions.push(Action::CreateMemo {
                id,
                target,
                title: if differs {
                    format!("{} (from the copy)", m.title).trim_start().to_owned()
                } else {
                    m.title.clone()
                },
                text: m.text.clone(),
                author: m.author.clone(),
                created: m.created.clone(),
                modified: m.modified.clone(),
            });
            if !differs {
                self.keep_uid(UidKind::Memo, m.id.0, id.0);
            }
            let title = if m.title.is_empty() { m.text.chars().take(40).collect() } else { m.title.clone() };
            self.added("memos", format!("memo {}", q(&title)));
        }
    }

    /// The copy's people, with their ids, where they are new here (their codings or memos
    /// arrive in this merge).
    fn people(&mut self) {
        let arriving: HashSet<&str> = self
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::CreateCoding { coder, .. } => Some(coder.as_str()),
                Action::CreateMemo { author, .. } => Some(author.as_str()),
                _ => None,
            })
            .collect();
        let here: HashSet<&str> =
            self.ours.codings().map(|c| c.coder.as_str()).chain(self.ours.memos().map(|m| m.author.as_str())).collect();
        let mut set = Vec::new();
        for (name, uid) in &self.their_uids.people {
            if arriving.contains(name.as_str())
                && !here.contains(name.as_str())
                && !self.our_people.contains(uid.as_str())
            {
                set.push(Action::SetPersonUid { name: name.clone(), uid: uid.clone() });
            }
        }
        self.actions.extend(set);
    }
}
