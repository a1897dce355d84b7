//! Importing an `axial.project/1` document: every name resolved and every offset checked
//! before one action is built, so a bad file is refused whole with one sentence.

use super::*;
use crate::io::text::CharIndex;
use crate::store::IdAllocator;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Most items of each kind a project may have after a project JSON is imported. Every report
/// holds a row per item (and the frequency table a column per document or case), so a file
/// with millions of them would make every report run out of memory; these are far above any
/// study (60 interviews and 2,000 codes is a large one).
pub const MAX_DOCUMENTS: usize = 5_000;
/// Most cases (see [`MAX_DOCUMENTS`]).
pub const MAX_CASES: usize = 5_000;
/// Most codes, and separately most concepts and most categories.
pub const MAX_CODES: usize = 50_000;
/// Most codings (references).
pub const MAX_CODINGS: usize = 2_000_000;
/// Most memos.
pub const MAX_MEMOS: usize = 200_000;
/// Most relations between categories.
pub const MAX_RELATIONS: usize = 100_000;
/// Most relation kinds.
pub const MAX_RELATION_KINDS: usize = 1_000;
/// Most expected levels (pairs of cube values).
pub const MAX_EXPECTATIONS: usize = 100_000;
/// Most cells of the frequency table by document: (codes + concepts + categories) x
/// (documents or cases, whichever is more). 10 million counts are 80 MB.
pub const MAX_FREQUENCY_CELLS: usize = 10_000_000;

fn invalid<T>(msg: impl Into<String>) -> Result<T, ProjectJsonError> {
    Err(ProjectJsonError::Invalid(msg.into()))
}

/// The actions that add `file` to `existing`, and the warnings of the transcripts it names by
/// `path` (a repaired byte, say: read, but not exactly). Into an empty project (no documents,
/// codes, concepts or categories) the file's name and cube framework replace the project's;
/// into a non-empty one the contents are added and dimensions must agree.
pub fn to_actions(
    file: &ProjectFile,
    base_dir: Option<&Path>,
    existing: &Project,
    ids: &mut IdAllocator,
    user: &str,
    existing_uids: &Uids,
) -> Result<(Vec<Action>, Vec<String>), ProjectJsonError> {
    check_counts(file, existing)?;
    let mut im = Importer::new(file, existing, ids, user, existing_uids);
    im.name_and_vocabularies()?;
    im.cases();
    im.documents(base_dir)?;
    im.categories()?;
    im.concepts_and_codes()?;
    im.relations()?;
    im.codings()?;
    im.memos()?;
    im.expectations()?;
    Ok(im.finish())
}

/// One import being built: the file, the project it goes into, the actions so far and the ids
/// each name in the file was given (the file's and the project's names both resolve).
struct Importer<'a> {
    file: &'a ProjectFile,
    existing: &'a Project,
    ids: &'a mut IdAllocator,
    user: &'a str,
    existing_uids: &'a Uids,
    now: String,
    /// The project has no documents, codes, concepts or categories: the file's name, cube
    /// framework and relation kinds replace its own.
    fresh: bool,
    actions: Vec<Action>,
    warnings: Vec<String>,
    /// Stable ids kept from the file, given once every row they name exists; the ids in use.
    adopted: Vec<Action>,
    taken: HashSet<String>,
    dimensions: Vec<Dimension>,
    cases: HashMap<String, CaseId>,
    /// Titles to ids and texts; existing texts are shared, not copied.
    documents: HashMap<String, (DocumentId, std::sync::Arc<str>)>,
    categories: HashMap<String, CategoryId>,
    /// Properties by (category, name), for the codings placed on them.
    properties: HashMap<(CategoryId, String), (PropertyId, PropertyDimension)>,
    concepts: HashMap<String, ConceptId>,
    codes: HashMap<String, CodeId>,
    relation_ids: Vec<RelationId>,
    coding_ids: Vec<CodingId>,
}

/// Keeps an item's stable id from the file, unless the project already uses it (the same file
/// imported twice: the copies get ids of their own).
fn adopt(taken: &mut HashSet<String>, adopted: &mut Vec<Action>, kind: UidKind, id: i64, uid: &Option<String>) {
    if let Some(uid) = uid.as_ref().map(|u| u.trim()).filter(|u| !u.is_empty())
        && taken.insert(uid.to_owned())
    {
        adopted.push(Action::SetUid { kind, id, uid: uid.to_owned() });
    }
}

impl<'a> Importer<'a> {
    fn new(
        file: &'a ProjectFile,
        existing: &'a Project,
        ids: &'a mut IdAllocator,
        user: &'a str,
        existing_uids: &'a Uids,
    ) -> Self {
        let fresh = existing.documents().len() == 0
            && existing.codes().len() == 0
            && existing.concepts().len() == 0
            && existing.categories().len() == 0;
        Importer {
            file,
            existing,
            ids,
            user,
            existing_uids,
            now: now_rfc3339(),
            fresh,
            actions: Vec::new(),
            warnings: Vec::new(),
            adopted: Vec::new(),
            taken: existing_uids.items.values().cloned().collect(),
            dimensions: existing.framework().dimensions.clone(),
            cases: existing.cases().map(|c| (c.name.clone(), c.id)).collect(),
            documents: existing.documents().map(|d| (d.title.clone(), (d.id, d.text.clone()))).collect(),
            categories: existing.categories().map(|c| (c.name.clone(), c.id)).collect(),
            properties: HashMap::new(),
            concepts: existing.concepts().map(|c| (c.name.clone(), c.id)).collect(),
            codes: existing.codes().map(|c| (c.name.clone(), c.id)).collect(),
            relation_ids: Vec::new(),
            coding_ids: Vec::new(),
        }
    }

    fn adopt(&mut self, kind: UidKind, id: i64, uid: &Option<String>) {
        adopt(&mut self.taken, &mut self.adopted, kind, id, uid);
    }

    /// The project's name, cube framework and relation kinds.
    fn name_and_vocabularies(&mut self) -> Result<(), ProjectJsonError> {
        let (file, existing) = (self.file, self.existing);
        if self.fresh && !file.name.trim().is_empty() && file.name != existing.name() {
            self.actions.push(Action::SetProjectName { name: file.name.clone() });
        }
        if let Some(framework) = &file.framework {
            if self.fresh && *framework != existing.framework().dimensions {
                for d in &existing.framework().dimensions {
                    self.actions.push(Action::DeleteDimension { key: d.key.clone() });
                }
                for d in framework {
                    self.actions.push(Action::CreateDimension { dimension: d.clone(), position: None });
                }
                self.dimensions = framework.clone();
            } else {
                for d in framework {
                    match existing.framework().dimension(&d.key) {
                        Some(e) if e == d => {}
                        Some(_) => {
                            return invalid(format!(
                                "defines the cube dimension \u{201c}{}\u{201d} differently from this project; import it into a new project",
                                d.key
                            ));
                        }
                        None => {
                            self.actions.push(Action::CreateDimension { dimension: d.clone(), position: None });
                            self.dimensions.push(d.clone());
                        }
                    }
                }
            }
        }
        if let Err(e) = check_framework_size(&self.dimensions) {
            return invalid(format!("defines {e}; use fewer cube dimensions or values"));
        }
        if let Some(kinds) = &file.relation_kinds {
            if self.fresh && kinds.as_slice() != existing.relation_kinds() {
                for kind in existing.relation_kinds() {
                    self.actions.push(Action::DeleteRelationKind { name: kind.clone() });
                }
                for kind in kinds {
                    self.actions.push(Action::CreateRelationKind { name: kind.clone(), position: None });
                }
            } else {
                for kind in kinds.iter().filter(|k| !existing.relation_kinds().contains(k)) {
                    self.actions.push(Action::CreateRelationKind { name: kind.clone(), position: None });
                }
            }
        }
        Ok(())
    }

    fn cases(&mut self) {
        for c in &self.file.cases {
            let id = self.ids.case();
            self.actions.push(Action::CreateCase { id, name: c.name.clone() });
            self.adopt(UidKind::Case, id.0, &c.uid);
            for (key, value) in &c.attributes {
                self.actions.push(Action::SetCaseAttribute { id, key: key.clone(), value: Some(value.clone()) });
            }
            self.cases.insert(c.name.clone(), id);
        }
    }

    /// The documents, their texts inline or read from files beside the JSON.
    fn documents(&mut self, base_dir: Option<&Path>) -> Result<(), ProjectJsonError> {
        for d in &self.file.documents {
            let text = match (&d.text, &d.path) {
                (Some(text), _) => crate::io::text::normalise_line_ends(text),
                (None, Some(path)) => {
                    let full = inside(base_dir, path, &d.title)?;
                    let source = crate::io::import::read_source(&full)
                        .map_err(|e| ProjectJsonError::Invalid(format!("document \u{201c}{}\u{201d}: {e}", d.title)))?;
                    self.warnings.extend(source.warnings);
                    source.text
                }
                (None, None) => {
                    return invalid(format!("document \u{201c}{}\u{201d} has neither \"text\" nor \"path\"", d.title));
                }
            };
            let case = match &d.case {
                Some(name) => Some(*self.cases.get(name).ok_or_else(|| unknown("case", name, &d.title))?),
                None => None,
            };
            let id = self.ids.document();
            self.actions.push(Action::AddDocument {
                id,
                title: d.title.clone(),
                text: text.clone(),
                case,
                imported: d.imported.clone().unwrap_or_else(|| self.now.clone()),
            });
            for (key, value) in &d.attributes {
                self.actions.push(Action::SetDocumentAttribute { id, key: key.clone(), value: Some(value.clone()) });
            }
            self.adopt(UidKind::Document, id.0, &d.uid);
            self.documents.insert(d.title.clone(), (id, text.into()));
        }
        Ok(())
    }

    /// Refuses facet values the cube does not have.
    fn check_facets(&self, facets: &BTreeMap<String, String>, what: &str) -> Result<(), ProjectJsonError> {
        for (dim, value) in facets {
            match self.dimensions.iter().find(|d| &d.key == dim) {
                Some(d) if d.has_value(value) => {}
                Some(_) => {
                    return invalid(format!(
                        "{what} has the facet {dim}={value}, which is not a value of that dimension"
                    ));
                }
                None => {
                    return invalid(format!("{what} has a facet on the unknown cube dimension \u{201c}{dim}\u{201d}"));
                }
            }
        }
        Ok(())
    }

    fn facets(&mut self, owner: FacetOwner, facets: &BTreeMap<String, String>) {
        for (dim, value) in facets {
            self.actions.push(Action::SetFacet { owner, dimension: dim.clone(), value: Some(value.clone()) });
        }
    }

    /// Categories with their facets, then each one's matrix level and properties.
    fn categories(&mut self) -> Result<(), ProjectJsonError> {
        let file = self.file;
        for c in &file.categories {
            self.check_facets(&c.facets, &format!("category \u{201c}{}\u{201d}", c.name))?;
            let id = self.ids.category();
            self.actions.push(Action::CreateCategory { id, name: c.name.clone(), class: c.class });
            self.adopt(UidKind::Category, id.0, &c.uid);
            self.facets(FacetOwner::Category(id), &c.facets);
            self.categories.insert(c.name.clone(), id);
        }
        for c in &file.categories {
            let category = self.categories[&c.name];
            if let Some(level) = c.level {
                self.actions.push(Action::SetCategoryLevel { id: category, level: Some(level) });
            }
            for p in &c.properties {
                if let Some(problem) = p.dimension.problem() {
                    return invalid(format!(
                        "property \u{201c}{}\u{201d} of category \u{201c}{}\u{201d}: {problem}",
                        p.name, c.name
                    ));
                }
                if p.name.trim().is_empty() || self.properties.contains_key(&(category, p.name.clone())) {
                    return invalid(format!(
                        "category \u{201c}{}\u{201d} has a property with no name or two with one name",
                        c.name
                    ));
                }
                let id = self.ids.property();
                self.actions.push(Action::CreateProperty {
                    id,
                    category,
                    name: p.name.clone(),
                    dimension: p.dimension.clone(),
                });
                self.properties.insert((category, p.name.clone()), (id, p.dimension.clone()));
            }
        }
        Ok(())
    }

    /// Concepts under their categories, codes under their concepts, each with its facets; then
    /// the core category.
    fn concepts_and_codes(&mut self) -> Result<(), ProjectJsonError> {
        let file = self.file;
        for c in &file.concepts {
            self.check_facets(&c.facets, &format!("concept \u{201c}{}\u{201d}", c.name))?;
            let category = match &c.category {
                Some(name) => Some(*self.categories.get(name).ok_or_else(|| unknown("category", name, &c.name))?),
                None => None,
            };
            let id = self.ids.concept();
            self.actions.push(Action::CreateConcept { id, name: c.name.clone(), category });
            self.adopt(UidKind::Concept, id.0, &c.uid);
            self.facets(FacetOwner::Concept(id), &c.facets);
            self.concepts.insert(c.name.clone(), id);
        }
        for (i, c) in file.codes.iter().enumerate() {
            self.check_facets(&c.facets, &format!("code \u{201c}{}\u{201d}", c.name))?;
            let concept = match &c.concept {
                Some(name) => Some(*self.concepts.get(name).ok_or_else(|| unknown("concept", name, &c.name))?),
                None => None,
            };
            let color = c
                .color
                .clone()
                .unwrap_or_else(|| CODE_PALETTE[(self.existing.codes().len() + i) % CODE_PALETTE.len()].into());
            let id = self.ids.code();
            self.actions.push(Action::CreateCode {
                id,
                name: c.name.clone(),
                color,
                definition: c.definition.clone(),
                concept,
            });
            self.adopt(UidKind::Code, id.0, &c.uid);
            self.facets(FacetOwner::Code(id), &c.facets);
            self.codes.insert(c.name.clone(), id);
        }
        if let Some(core) = &file.core_category {
            let id = *self.categories.get(core).ok_or_else(|| unknown("category", core, "core_category"))?;
            self.actions.push(Action::SetCoreCategory { id: Some(id) });
        }
        Ok(())
    }

    /// Relations with their evidence passages (each checked against its text).
    fn relations(&mut self) -> Result<(), ProjectJsonError> {
        // Each text is indexed once, so checking a passage costs its own length, not its text's.
        let mut indexes: HashMap<&str, CharIndex> = HashMap::new();
        for (i, r) in self.file.relations.iter().enumerate() {
            let from = *self.categories.get(&r.from).ok_or_else(|| unknown("category", &r.from, "a relation"))?;
            let to = *self.categories.get(&r.to).ok_or_else(|| unknown("category", &r.to, "a relation"))?;
            let id = self.ids.relation();
            self.actions.push(Action::CreateRelation { id, from, to, kind: r.kind.clone() });
            adopt(&mut self.taken, &mut self.adopted, UidKind::Relation, id.0, &r.uid);
            self.relation_ids.push(id);
            for (j, e) in r.evidence.iter().enumerate() {
                let what = format!("evidence #{j} of relation #{i}");
                let (document, text) =
                    self.documents.get(&e.document).ok_or_else(|| unknown("document", &e.document, &what))?;
                let index = indexes.entry(e.document.as_str()).or_insert_with(|| CharIndex::new(text));
                check_passage(&what, &e.document, e.start, e.end, e.quote.as_deref(), index)?;
                let evidence = self.ids.evidence();
                self.actions.push(Action::AddEvidence {
                    id: evidence,
                    relation: id,
                    document: *document,
                    start: e.start,
                    end: e.end,
                });
            }
        }
        Ok(())
    }

    /// Codings (each checked against its text and quote), their prompted marks and their
    /// places on properties.
    fn codings(&mut self) -> Result<(), ProjectJsonError> {
        let mut indexes: HashMap<&str, CharIndex> = HashMap::new();
        for (i, c) in self.file.codings.iter().enumerate() {
            let what = format!("coding #{i}");
            let (document, text) =
                self.documents.get(&c.document).ok_or_else(|| unknown("document", &c.document, &what))?;
            let code = *self.codes.get(&c.code).ok_or_else(|| unknown("code", &c.code, &what))?;
            let index = indexes.entry(c.document.as_str()).or_insert_with(|| CharIndex::new(text));
            check_passage(&what, &c.document, c.start, c.end, c.quote.as_deref(), index)?;
            let id = self.ids.coding();
            self.coding_ids.push(id);
            self.actions.push(Action::CreateCoding {
                id,
                document: *document,
                code,
                start: c.start,
                end: c.end,
                coder: c.coder.clone().unwrap_or_else(|| self.user.to_owned()),
                created: c.created.clone().unwrap_or_else(|| self.now.clone()),
            });
            adopt(&mut self.taken, &mut self.adopted, UidKind::Coding, id.0, &c.uid);
            if c.prompted {
                self.actions.push(Action::SetCodingPrompted { id, prompted: true });
            }
            for p in &c.placements {
                let category =
                    *self.categories.get(&p.category).ok_or_else(|| unknown("category", &p.category, &what))?;
                let Some((property, dimension)) = self.properties.get(&(category, p.property.clone())) else {
                    return invalid(format!(
                        "{what} is placed on \u{201c}{}\u{201d}, which is not a property of \u{201c}{}\u{201d} in this file",
                        p.property, p.category
                    ));
                };
                if !dimension.points.contains(&p.point) {
                    return invalid(format!(
                        "{what} is placed at \u{201c}{}\u{201d}, which is not a point of the property \u{201c}{}\u{201d}",
                        p.point, p.property
                    ));
                }
                self.actions.push(Action::PlaceCoding {
                    coding: id,
                    property: *property,
                    point: Some(p.point.clone()),
                });
            }
        }
        Ok(())
    }

    /// What memo `i` (`m`) is on.
    fn memo_target(&self, i: usize, m: &MemoEntry) -> Result<MemoTarget, ProjectJsonError> {
        let what = format!("memo #{i}");
        let name = || -> Result<&String, ProjectJsonError> {
            match &m.target {
                Some(MemoRef::Name(n)) => Ok(n),
                _ => invalid(format!("{what} on a {} needs a \"target\" name", m.on)),
            }
        };
        let index = |len: usize, kind: &str| -> Result<usize, ProjectJsonError> {
            match m.target {
                Some(MemoRef::Index(n)) if n < len => Ok(n),
                _ => invalid(format!(
                    "{what} is on a {kind} but its \"target\" is not the index of a {kind} in this file"
                )),
            }
        };
        // An item of `kind` by the memo's target name.
        fn named<T: Copy>(map: &HashMap<String, T>, name: &str, kind: &str, what: &str) -> Result<T, ProjectJsonError> {
            map.get(name).copied().ok_or_else(|| unknown(kind, name, what))
        }
        Ok(match m.on.as_str() {
            "project" => MemoTarget::Project,
            "document" => {
                let title = name()?;
                MemoTarget::Document(self.documents.get(title).ok_or_else(|| unknown("document", title, &what))?.0)
            }
            "code" => MemoTarget::Code(named(&self.codes, name()?, "code", &what)?),
            "concept" => MemoTarget::Concept(named(&self.concepts, name()?, "concept", &what)?),
            "category" => MemoTarget::Category(named(&self.categories, name()?, "category", &what)?),
            "coding" => MemoTarget::Coding(self.coding_ids[index(self.coding_ids.len(), "coding")?]),
            "relation" => MemoTarget::Relation(self.relation_ids[index(self.relation_ids.len(), "relation")?]),
            other => {
                return invalid(format!(
                    "{what} is on \u{201c}{other}\u{201d}; use project, document, code, concept, category, coding or relation"
                ));
            }
        })
    }

    fn memos(&mut self) -> Result<(), ProjectJsonError> {
        for (i, m) in self.file.memos.iter().enumerate() {
            let target = self.memo_target(i, m)?;
            let created = m.created.clone().unwrap_or_else(|| self.now.clone());
            let id = self.ids.memo();
            adopt(&mut self.taken, &mut self.adopted, UidKind::Memo, id.0, &m.uid);
            self.actions.push(Action::CreateMemo {
                id,
                target,
                title: m.title.clone(),
                text: m.text.clone(),
                author: m.author.clone().unwrap_or_else(|| self.user.to_owned()),
                modified: m.modified.clone().unwrap_or_else(|| created.clone()),
                created,
            });
        }
        Ok(())
    }

    fn expectations(&mut self) -> Result<(), ProjectJsonError> {
        for e in &self.file.expectations {
            for r in [&e.row, &e.column] {
                if !self.dimensions.iter().any(|d| d.key == r.dimension && d.has_value(&r.value)) {
                    return invalid(format!(
                        "an expectation names {}={}, which is not a value of the project's cube",
                        r.dimension, r.value
                    ));
                }
            }
            self.actions.push(Action::SetExpectation {
                row: e.row.clone(),
                column: e.column.clone(),
                level: Some(e.level.clone()),
            });
        }
        Ok(())
    }

    /// The actions with the kept stable ids last (after every row they name exists: a memo's
    /// id is taken before its row is made), then the people this file brings (its codings'
    /// coders, its memos' authors) not yet here; and the warnings.
    fn finish(mut self) -> (Vec<Action>, Vec<String>) {
        // Exactly as long as needed (an import of 200,000 codings adopts as many stable ids,
        // and a doubled capacity would hold room for 100,000 more actions).
        self.actions.reserve_exact(self.adopted.len() + self.file.people.len());
        self.actions.append(&mut self.adopted);
        let user = self.user;
        let brought: HashSet<&str> = self
            .file
            .codings
            .iter()
            .map(|c| c.coder.as_deref().unwrap_or(user))
            .chain(self.file.memos.iter().map(|m| m.author.as_deref().unwrap_or(user)))
            .collect();
        for p in &self.file.people {
            if brought.contains(p.name.as_str())
                && !self.existing_uids.people.contains_key(&p.name)
                && self.taken.insert(p.uid.clone())
            {
                self.actions.push(Action::SetPersonUid { name: p.name.clone(), uid: p.uid.clone() });
            }
        }
        (self.actions, self.warnings)
    }
}

/// Checks that a passage (a coding, an evidence passage) lies inside its text and, when it
/// quotes its text, quotes it rightly.
fn check_passage(
    what: &str,
    document: &str,
    start: usize,
    end: usize,
    quote: Option<&str>,
    index: &CharIndex,
) -> Result<(), ProjectJsonError> {
    let len = index.len();
    if start >= end {
        return invalid(format!(
            "{what} in \u{201c}{document}\u{201d} spans {start}..{end}, an empty or reversed passage (its start must be before its end); fix its start and end or remove it"
        ));
    }
    if end > len {
        return invalid(format!(
            "{what} in \u{201c}{document}\u{201d} spans {start}..{end}, outside the text (0..{len}); fix its start and end or remove it"
        ));
    }
    if let Some(quote) = quote {
        let actual = index.slice(start, end);
        if normalise(actual) != normalise(quote) {
            return invalid(format!(
                "{what} in \u{201c}{document}\u{201d}: its quote does not match the text at {start}..{end} (the text reads \u{201c}{}\u{201d})",
                actual.chars().take(60).collect::<String>()
            ));
        }
    }
    Ok(())
}

/// Quotes are compared with line ends normalised and outer space trimmed.
fn normalise(s: &str) -> String {
    crate::io::text::normalise_line_ends(s).trim().to_owned()
}

fn unknown(what: &str, name: &str, context: &str) -> ProjectJsonError {
    ProjectJsonError::Invalid(format!(
        "{context} refers to the {what} \u{201c}{name}\u{201d}, which the file does not define"
    ))
}

/// Refuses a file that would leave the project with more of anything than the reports can
/// list (the limits above), counting what the project already has.
fn check_counts(file: &ProjectFile, existing: &Project) -> Result<(), ProjectJsonError> {
    let documents = existing.documents().len() + file.documents.len();
    let cases = existing.cases().len() + file.cases.len();
    let items = [
        ("codes", existing.codes().len() + file.codes.len()),
        ("concepts", existing.concepts().len() + file.concepts.len()),
        ("categories", existing.categories().len() + file.categories.len()),
    ];
    let counts = [
        ("documents", documents, MAX_DOCUMENTS),
        ("cases", cases, MAX_CASES),
        (items[0].0, items[0].1, MAX_CODES),
        (items[1].0, items[1].1, MAX_CODES),
        (items[2].0, items[2].1, MAX_CODES),
        ("codings", existing.codings().len() + file.codings.len(), MAX_CODINGS),
        ("memos", existing.memos().len() + file.memos.len(), MAX_MEMOS),
        ("relations", existing.relations().len() + file.relations.len(), MAX_RELATIONS),
        ("relation kinds", file.relation_kinds.as_ref().map_or(0, Vec::len), MAX_RELATION_KINDS),
        ("expected levels", file.expectations.len(), MAX_EXPECTATIONS),
    ];
    for (what, n, max) in counts {
        if n > max {
            return invalid(format!(
                "would give the project {n} {what}, more than the {max} Axial's reports can list; split it into smaller projects"
            ));
        }
    }
    let rows: usize = items.iter().map(|(_, n)| n).sum();
    let cells = rows.saturating_mul(documents.max(cases));
    if cells > MAX_FREQUENCY_CELLS {
        return invalid(format!(
            "would give the project {rows} codes, concepts and categories across {} documents or cases, a frequency table of {cells} cells, more than the {MAX_FREQUENCY_CELLS} Axial's reports can list; split it into smaller projects",
            documents.max(cases)
        ));
    }
    Ok(())
}

/// The file a document's `"path"` names, which must lie inside the project JSON's own folder
/// (after resolving `..` and symbolic links), so that importing a JSON someone sent never
/// pulls other files from this computer into the project.
fn inside(base_dir: Option<&Path>, path: &str, title: &str) -> Result<std::path::PathBuf, ProjectJsonError> {
    let base = match base_dir {
        Some(b) if !b.as_os_str().is_empty() => b,
        _ => Path::new("."),
    };
    let refuse = |why: String| {
        ProjectJsonError::Invalid(format!("document \u{201c}{title}\u{201d} has the path {path:?}, {why}"))
    };
    let folder = base.canonicalize().map_err(|e| {
        refuse(format!(
            "but the project file's folder cannot be resolved ({e}); move the files into one readable folder"
        ))
    })?;
    let full = folder.join(path).canonicalize().map_err(|e| {
        refuse(format!(
            "which {}; put the transcript in the project file's folder and give its path from there",
            crate::io::limits::ReadError::from_io(&e)
        ))
    })?;
    if !full.starts_with(&folder) {
        return Err(refuse(
            "which leads outside the project file's folder; Axial reads only transcripts in that folder or below it, so copy the transcript there and give its path from there"
                .into(),
        ));
    }
    Ok(full)
}
