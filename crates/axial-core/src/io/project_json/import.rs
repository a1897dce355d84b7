//! Importing an `axial.project/1` document: every name resolved and every offset checked
//! before one action is built, so a bad file is refused whole with one sentence.

use super::*;
use crate::io::text::CharIndex;
use crate::store::IdAllocator;
use std::collections::{BTreeMap, HashMap};
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
    // Stable ids from the file are kept, unless this project already uses one (the same file
    // imported twice: the copies get ids of their own).
    let mut taken: std::collections::HashSet<String> = existing_uids.items.values().cloned().collect();
    let mut adopted = Vec::new();
    let mut adopt = |kind: UidKind, id: i64, uid: &Option<String>| {
        if let Some(uid) = uid.as_ref().map(|u| u.trim()).filter(|u| !u.is_empty())
            && taken.insert(uid.to_owned())
        {
            adopted.push(Action::SetUid { kind, id, uid: uid.to_owned() });
        }
    };
    let now = now_rfc3339();
    let fresh = existing.documents().len() == 0
        && existing.codes().len() == 0
        && existing.concepts().len() == 0
        && existing.categories().len() == 0;
    let mut actions = Vec::new();
    let mut warnings = Vec::new();

    if fresh && !file.name.trim().is_empty() && file.name != existing.name() {
        actions.push(Action::SetProjectName { name: file.name.clone() });
    }
    let mut dimensions = existing.framework().dimensions.clone();
    if let Some(framework) = &file.framework {
        if fresh && *framework != existing.framework().dimensions {
            for d in &existing.framework().dimensions {
                actions.push(Action::DeleteDimension { key: d.key.clone() });
            }
            for d in framework {
                actions.push(Action::CreateDimension { dimension: d.clone(), position: None });
            }
            dimensions = framework.clone();
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
                        actions.push(Action::CreateDimension { dimension: d.clone(), position: None });
                        dimensions.push(d.clone());
                    }
                }
            }
        }
    }

    if let Err(e) = check_framework_size(&dimensions) {
        return invalid(format!("defines {e}; use fewer cube dimensions or values"));
    }

    if let Some(kinds) = &file.relation_kinds {
        if fresh && kinds.as_slice() != existing.relation_kinds() {
            for kind in existing.relation_kinds() {
                actions.push(Action::DeleteRelationKind { name: kind.clone() });
            }
            for kind in kinds {
                actions.push(Action::CreateRelationKind { name: kind.clone(), position: None });
            }
        } else {
            for kind in kinds.iter().filter(|k| !existing.relation_kinds().contains(k)) {
                actions.push(Action::CreateRelationKind { name: kind.clone(), position: None });
            }
        }
    }

    let mut cases: HashMap<String, CaseId> = existing.cases().map(|c| (c.name.clone(), c.id)).collect();
    for c in &file.cases {
        let id = ids.case();
        actions.push(Action::CreateCase { id, name: c.name.clone() });
        adopt(UidKind::Case, id.0, &c.uid);
        for (key, value) in &c.attributes {
            actions.push(Action::SetCaseAttribute { id, key: key.clone(), value: Some(value.clone()) });
        }
        cases.insert(c.name.clone(), id);
    }

    // Titles to ids and texts; existing texts are shared, not copied.
    let mut documents: HashMap<String, (DocumentId, std::sync::Arc<str>)> =
        existing.documents().map(|d| (d.title.clone(), (d.id, d.text.clone()))).collect();
    for d in &file.documents {
        let text = match (&d.text, &d.path) {
            (Some(text), _) => crate::io::text::normalise_line_ends(text),
            (None, Some(path)) => {
                let full = inside(base_dir, path, &d.title)?;
                let source = crate::io::import::read_source(&full)
                    .map_err(|e| ProjectJsonError::Invalid(format!("document \u{201c}{}\u{201d}: {e}", d.title)))?;
                warnings.extend(source.warnings);
                source.text
            }
            (None, None) => {
                return invalid(format!("document \u{201c}{}\u{201d} has neither \"text\" nor \"path\"", d.title));
            }
        };
        let case = match &d.case {
            Some(name) => Some(*cases.get(name).ok_or_else(|| unknown("case", name, &d.title))?),
            None => None,
        };
        let id = ids.document();
        actions.push(Action::AddDocument {
            id,
            title: d.title.clone(),
            text: text.clone(),
            case,
            imported: d.imported.clone().unwrap_or_else(|| now.clone()),
        });
        for (key, value) in &d.attributes {
            actions.push(Action::SetDocumentAttribute { id, key: key.clone(), value: Some(value.clone()) });
        }
        adopt(UidKind::Document, id.0, &d.uid);
        documents.insert(d.title.clone(), (id, text.into()));
    }

    let check_facets = |facets: &BTreeMap<String, String>, what: &str| -> Result<(), ProjectJsonError> {
        for (dim, value) in facets {
            match dimensions.iter().find(|d| &d.key == dim) {
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
    };

    let mut categories: HashMap<String, CategoryId> = existing.categories().map(|c| (c.name.clone(), c.id)).collect();
    for c in &file.categories {
        check_facets(&c.facets, &format!("category \u{201c}{}\u{201d}", c.name))?;
        let id = ids.category();
        actions.push(Action::CreateCategory { id, name: c.name.clone(), class: c.class });
        adopt(UidKind::Category, id.0, &c.uid);
        for (dim, value) in &c.facets {
            actions.push(Action::SetFacet {
                owner: FacetOwner::Category(id),
                dimension: dim.clone(),
                value: Some(value.clone()),
            });
        }
        categories.insert(c.name.clone(), id);
    }
    // Properties by (category, name), for the codings placed on them.
    let mut properties: HashMap<(CategoryId, &str), (PropertyId, &PropertyDimension)> = HashMap::new();
    for c in &file.categories {
        let category = categories[&c.name];
        if let Some(level) = c.level {
            actions.push(Action::SetCategoryLevel { id: category, level: Some(level) });
        }
        for p in &c.properties {
            if let Some(problem) = p.dimension.problem() {
                return invalid(format!(
                    "property \u{201c}{}\u{201d} of category \u{201c}{}\u{201d}: {problem}",
                    p.name, c.name
                ));
            }
            if p.name.trim().is_empty() || properties.contains_key(&(category, p.name.as_str())) {
                return invalid(format!(
                    "category \u{201c}{}\u{201d} has a property with no name or two with one name",
                    c.name
                ));
            }
            let id = ids.property();
            actions.push(Action::CreateProperty { id, category, name: p.name.clone(), dimension: p.dimension.clone() });
            properties.insert((category, p.name.as_str()), (id, &p.dimension));
        }
    }
    let mut concepts: HashMap<String, ConceptId> = existing.concepts().map(|c| (c.name.clone(), c.id)).collect();
    for c in &file.concepts {
        check_facets(&c.facets, &format!("concept \u{201c}{}\u{201d}", c.name))?;
        let category = match &c.category {
            Some(name) => Some(*categories.get(name).ok_or_else(|| unknown("category", name, &c.name))?),
            None => None,
        };
        let id = ids.concept();
        actions.push(Action::CreateConcept { id, name: c.name.clone(), category });
        adopt(UidKind::Concept, id.0, &c.uid);
        for (dim, value) in &c.facets {
            actions.push(Action::SetFacet {
                owner: FacetOwner::Concept(id),
                dimension: dim.clone(),
                value: Some(value.clone()),
            });
        }
        concepts.insert(c.name.clone(), id);
    }
    let mut codes: HashMap<String, CodeId> = existing.codes().map(|c| (c.name.clone(), c.id)).collect();
    for (i, c) in file.codes.iter().enumerate() {
        check_facets(&c.facets, &format!("code \u{201c}{}\u{201d}", c.name))?;
        let concept = match &c.concept {
            Some(name) => Some(*concepts.get(name).ok_or_else(|| unknown("concept", name, &c.name))?),
            None => None,
        };
        let color =
            c.color.clone().unwrap_or_else(|| CODE_PALETTE[(existing.codes().len() + i) % CODE_PALETTE.len()].into());
        let id = ids.code();
        actions.push(Action::CreateCode { id, name: c.name.clone(), color, definition: c.definition.clone(), concept });
        adopt(UidKind::Code, id.0, &c.uid);
        for (dim, value) in &c.facets {
            actions.push(Action::SetFacet {
                owner: FacetOwner::Code(id),
                dimension: dim.clone(),
                value: Some(value.clone()),
            });
        }
        codes.insert(c.name.clone(), id);
    }

    if let Some(core) = &file.core_category {
        let id = *categories.get(core).ok_or_else(|| unknown("category", core, "core_category"))?;
        actions.push(Action::SetCoreCategory { id: Some(id) });
    }
    // Each text is indexed once, so checking a coding costs its own length, not its text's.
    let mut indexes: HashMap<&str, CharIndex> = HashMap::new();
    let mut relation_ids = Vec::with_capacity(file.relations.len());
    for (i, r) in file.relations.iter().enumerate() {
        let from = *categories.get(&r.from).ok_or_else(|| unknown("category", &r.from, "a relation"))?;
        let to = *categories.get(&r.to).ok_or_else(|| unknown("category", &r.to, "a relation"))?;
        let id = ids.relation();
        actions.push(Action::CreateRelation { id, from, to, kind: r.kind.clone() });
        adopt(UidKind::Relation, id.0, &r.uid);
        relation_ids.push(id);
        for (j, e) in r.evidence.iter().enumerate() {
            let what = format!("evidence #{j} of relation #{i}");
            let (document, text) = documents.get(&e.document).ok_or_else(|| unknown("document", &e.document, &what))?;
            let index = indexes.entry(e.document.as_str()).or_insert_with(|| CharIndex::new(text));
            check_passage(&what, &e.document, e.start, e.end, e.quote.as_deref(), index)?;
            actions.push(Action::AddEvidence {
                id: ids.evidence(),
                relation: id,
                document: *document,
                start: e.start,
                end: e.end,
            });
        }
    }

    let mut coding_ids = Vec::with_capacity(file.codings.len());
    for (i, c) in file.codings.iter().enumerate() {
        let what = format!("coding #{i}");
        let (document, text) = documents.get(&c.document).ok_or_else(|| unknown("document", &c.document, &what))?;
        let code = *codes.get(&c.code).ok_or_else(|| unknown("code", &c.code, &what))?;
        let index = indexes.entry(c.document.as_str()).or_insert_with(|| CharIndex::new(text));
        check_passage(&what, &c.document, c.start, c.end, c.quote.as_deref(), index)?;
        let id = ids.coding();
        coding_ids.push(id);
        actions.push(Action::CreateCoding {
            id,
            document: *document,
            code,
            start: c.start,
            end: c.end,
            coder: c.coder.clone().unwrap_or_else(|| user.to_owned()),
            created: c.created.clone().unwrap_or_else(|| now.clone()),
        });
        adopt(UidKind::Coding, id.0, &c.uid);
        if c.prompted {
            actions.push(Action::SetCodingPrompted { id, prompted: true });
        }
        for p in &c.placements {
            let category = *categories.get(&p.category).ok_or_else(|| unknown("category", &p.category, &what))?;
            let Some((property, dimension)) = properties.get(&(category, p.property.as_str())) else {
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
            actions.push(Action::PlaceCoding { coding: id, property: *property, point: Some(p.point.clone()) });
        }
    }

    for (i, m) in file.memos.iter().enumerate() {
        let what = format!("memo #{i}");
        let name = |r: &Option<MemoRef>| -> Result<String, ProjectJsonError> {
            match r {
                Some(MemoRef::Name(n)) => Ok(n.clone()),
                _ => invalid(format!("{what} on a {} needs a \"target\" name", m.on)),
            }
        };
        let target = match m.on.as_str() {
            "project" => MemoTarget::Project,
            "document" => MemoTarget::Document(
                documents
                    .get(&name(&m.target)?)
                    .ok_or_else(|| unknown("document", &name(&m.target).unwrap_or_default(), &what))?
                    .0,
            ),
            "code" => MemoTarget::Code(
                *codes
                    .get(&name(&m.target)?)
                    .ok_or_else(|| unknown("code", &name(&m.target).unwrap_or_default(), &what))?,
            ),
            "concept" => MemoTarget::Concept(
                *concepts
                    .get(&name(&m.target)?)
                    .ok_or_else(|| unknown("concept", &name(&m.target).unwrap_or_default(), &what))?,
            ),
            "category" => MemoTarget::Category(
                *categories
                    .get(&name(&m.target)?)
                    .ok_or_else(|| unknown("category", &name(&m.target).unwrap_or_default(), &what))?,
            ),
            "coding" => match m.target {
                Some(MemoRef::Index(n)) if n < coding_ids.len() => MemoTarget::Coding(coding_ids[n]),
                _ => {
                    return invalid(format!(
                        "{what} is on a coding but its \"target\" is not the index of a coding in this file"
                    ));
                }
            },
            "relation" => match m.target {
                Some(MemoRef::Index(n)) if n < relation_ids.len() => MemoTarget::Relation(relation_ids[n]),
                _ => {
                    return invalid(format!(
                        "{what} is on a relation but its \"target\" is not the index of a relation in this file"
                    ));
                }
            },
            other => {
                return invalid(format!(
                    "{what} is on \u{201c}{other}\u{201d}; use project, document, code, concept, category, coding or relation"
                ));
            }
        };
        let created = m.created.clone().unwrap_or_else(|| now.clone());
        let id = ids.memo();
        adopt(UidKind::Memo, id.0, &m.uid);
        actions.push(Action::CreateMemo {
            id,
            target,
            title: m.title.clone(),
            text: m.text.clone(),
            author: m.author.clone().unwrap_or_else(|| user.to_owned()),
            modified: m.modified.clone().unwrap_or_else(|| created.clone()),
            created,
        });
    }
    for e in &file.expectations {
        for r in [&e.row, &e.column] {
            if !dimensions.iter().any(|d| d.key == r.dimension && d.has_value(&r.value)) {
                return invalid(format!(
                    "an expectation names {}={}, which is not a value of the project's cube",
                    r.dimension, r.value
                ));
            }
        }
        actions.push(Action::SetExpectation {
            row: e.row.clone(),
            column: e.column.clone(),
            level: Some(e.level.clone()),
        });
    }
    // After every row they name exists (a memo's id is taken before its row is made).
    actions.extend(adopted);
    // Only people this file brings (its codings' coders, its memos' authors), not yet here.
    let brought: std::collections::HashSet<&str> = file
        .codings
        .iter()
        .map(|c| c.coder.as_deref().unwrap_or(user))
        .chain(file.memos.iter().map(|m| m.author.as_deref().unwrap_or(user)))
        .collect();
    for p in &file.people {
        if brought.contains(p.name.as_str())
            && !existing_uids.people.contains_key(&p.name)
            && taken.insert(p.uid.clone())
        {
            actions.push(Action::SetPersonUid { name: p.name.clone(), uid: p.uid.clone() });
        }
    }
    Ok((actions, warnings))
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
