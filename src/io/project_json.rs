//! The full project as JSON (`axial.project/1`): lossless, readable, diff-friendly. Export
//! writes every document's text inline; import also accepts `"path"` (relative to the JSON
//! file) instead of `"text"`, which is how the sample projects keep transcripts as `.txt`.
//! Everything refers to everything else by name (codes, concepts, categories, cases and
//! documents have unique names); a memo on a coding names the coding by its index.

use crate::model::*;
use crate::store::IdAllocator;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const SCHEMA: &str = "axial.project/1";

#[derive(Debug, thiserror::Error)]
pub enum ProjectJsonError {
    #[error("is not valid JSON ({0}); fix the file or export it again")]
    Malformed(serde_json::Error),
    #[error("is not an Axial project export (its \"schema\" is {0:?}, expected \"{SCHEMA}\")")]
    WrongSchema(String),
    #[error("{0}")]
    Invalid(String),
}

fn invalid<T>(msg: impl Into<String>) -> Result<T, ProjectJsonError> {
    Err(ProjectJsonError::Invalid(msg.into()))
}

#[derive(Serialize, Deserialize)]
pub struct ProjectFile {
    pub schema: String,
    pub name: String,
    #[serde(default)]
    pub core_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Vec<Dimension>>,
    #[serde(default)]
    pub cases: Vec<CaseEntry>,
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
    #[serde(default)]
    pub categories: Vec<CategoryEntry>,
    #[serde(default)]
    pub concepts: Vec<ConceptEntry>,
    #[serde(default)]
    pub codes: Vec<CodeEntry>,
    #[serde(default)]
    pub relations: Vec<RelationEntry>,
    #[serde(default)]
    pub codings: Vec<CodingEntry>,
    #[serde(default)]
    pub memos: Vec<MemoEntry>,
    /// Expected levels for pairs of cube values (the study's propositions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<Expectation>,
}

#[derive(Serialize, Deserialize)]
pub struct CaseEntry {
    pub name: String,
    #[serde(default)]
    pub attributes: Attributes,
}

#[derive(Serialize, Deserialize)]
pub struct DocumentEntry {
    pub title: String,
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub attributes: Attributes,
    #[serde(default)]
    pub imported: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct CategoryEntry {
    pub name: String,
    #[serde(default)]
    pub class: Option<ParadigmClass>,
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
pub struct ConceptEntry {
    pub name: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
pub struct CodeEntry {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub concept: Option<String>,
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
pub struct RelationEntry {
    pub from: String,
    pub to: String,
    pub kind: String,
}

#[derive(Serialize, Deserialize)]
pub struct CodingEntry {
    pub document: String,
    pub code: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub coder: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
    /// The coded text, for readers; checked against the document on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct MemoEntry {
    /// project, document, code, concept, category or coding.
    pub on: String,
    /// The name of what the memo is on, or the index of the coding; absent for the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<MemoRef>,
    #[serde(default)]
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub modified: Option<String>,
}

#[derive(Serialize, Deserialize, Clone)]
#[serde(untagged)]
pub enum MemoRef {
    Index(usize),
    Name(String),
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The whole project as an `axial.project/1` document.
pub fn export(project: &Project) -> ProjectFile {
    let case_name = |id: CaseId| project.case(id).map(|c| c.name.clone());
    let cat_name = |id: CategoryId| {
        project
            .category(id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let facets = |owner: FacetOwner| -> BTreeMap<String, String> {
        project
            .facets
            .iter()
            .filter(|f| f.owner == owner)
            .map(|f| (f.dimension.clone(), f.value.clone()))
            .collect()
    };
    let coding_index: HashMap<CodingId, usize> = project
        .codings
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    ProjectFile {
        schema: SCHEMA.into(),
        name: project.name.clone(),
        core_category: project.core_category.map(cat_name),
        framework: Some(project.framework.dimensions.clone()),
        cases: project
            .cases
            .iter()
            .map(|c| CaseEntry {
                name: c.name.clone(),
                attributes: c.attributes.clone(),
            })
            .collect(),
        documents: project
            .documents
            .iter()
            .map(|d| DocumentEntry {
                title: d.title.clone(),
                case: d.case.and_then(case_name),
                attributes: d.attributes.clone(),
                imported: Some(d.imported.clone()),
                path: None,
                text: Some(d.text.clone()),
            })
            .collect(),
        categories: project
            .categories
            .iter()
            .map(|c| CategoryEntry {
                name: c.name.clone(),
                class: c.class,
                facets: facets(FacetOwner::Category(c.id)),
            })
            .collect(),
        concepts: project
            .concepts
            .iter()
            .map(|c| ConceptEntry {
                name: c.name.clone(),
                category: c.category.map(cat_name),
                facets: facets(FacetOwner::Concept(c.id)),
            })
            .collect(),
        codes: project
            .codes
            .iter()
            .map(|c| CodeEntry {
                name: c.name.clone(),
                color: Some(c.color.clone()),
                definition: c.definition.clone(),
                concept: c
                    .concept
                    .and_then(|k| project.concept(k))
                    .map(|k| k.name.clone()),
                facets: facets(FacetOwner::Code(c.id)),
            })
            .collect(),
        relations: project
            .relations
            .iter()
            .map(|r| RelationEntry {
                from: cat_name(r.from),
                to: cat_name(r.to),
                kind: r.kind.clone(),
            })
            .collect(),
        codings: project
            .codings
            .iter()
            .map(|c| {
                let doc = project.document(c.document);
                CodingEntry {
                    document: doc.map(|d| d.title.clone()).unwrap_or_default(),
                    code: project
                        .code(c.code)
                        .map(|k| k.name.clone())
                        .unwrap_or_default(),
                    start: c.start,
                    end: c.end,
                    coder: Some(c.coder.clone()),
                    created: Some(c.created.clone()),
                    quote: doc.map(|d| char_slice(&d.text, c.start, c.end)),
                }
            })
            .collect(),
        memos: project
            .memos
            .iter()
            .map(|m| {
                let (on, target) = match m.target {
                    MemoTarget::Project => ("project", None),
                    MemoTarget::Document(id) => (
                        "document",
                        project.document(id).map(|d| MemoRef::Name(d.title.clone())),
                    ),
                    MemoTarget::Code(id) => (
                        "code",
                        project.code(id).map(|c| MemoRef::Name(c.name.clone())),
                    ),
                    MemoTarget::Concept(id) => (
                        "concept",
                        project.concept(id).map(|c| MemoRef::Name(c.name.clone())),
                    ),
                    MemoTarget::Category(id) => ("category", Some(MemoRef::Name(cat_name(id)))),
                    MemoTarget::Coding(id) => {
                        ("coding", coding_index.get(&id).map(|i| MemoRef::Index(*i)))
                    }
                };
                MemoEntry {
                    on: on.into(),
                    target,
                    title: m.title.clone(),
                    text: m.text.clone(),
                    author: Some(m.author.clone()),
                    created: Some(m.created.clone()),
                    modified: Some(m.modified.clone()),
                }
            })
            .collect(),
        expectations: project.expectations.clone(),
    }
}

/// Pretty JSON of the whole project, ending in a newline.
pub fn export_string(project: &Project) -> String {
    let mut s = serde_json::to_string_pretty(&export(project))
        .expect("project JSON serialises (plain data)");
    s.push('\n');
    s
}

/// Parses an `axial.project/1` document.
pub fn parse(json: &str) -> Result<ProjectFile, ProjectJsonError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(ProjectJsonError::Malformed)?;
    let schema = value
        .get("schema")
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned();
    if schema != SCHEMA {
        return Err(ProjectJsonError::WrongSchema(schema));
    }
    serde_json::from_value(value)
        .map_err(|e| ProjectJsonError::Invalid(format!("does not follow {SCHEMA}: {e}")))
}

/// The actions that add `file` to `existing`. Into an empty project (no documents, codes,
/// concepts or categories) the file's name and cube framework replace the project's; into a
/// non-empty one the contents are added and dimensions must agree.
pub fn to_actions(
    file: &ProjectFile,
    base_dir: Option<&Path>,
    existing: &Project,
    ids: &mut IdAllocator,
    user: &str,
) -> Result<Vec<Action>, ProjectJsonError> {
    let now = now_rfc3339();
    let fresh = existing.documents.is_empty()
        && existing.codes.is_empty()
        && existing.concepts.is_empty()
        && existing.categories.is_empty();
    let mut actions = Vec::new();

    if fresh && !file.name.trim().is_empty() && file.name != existing.name {
        actions.push(Action::SetProjectName {
            name: file.name.clone(),
        });
    }
    let mut dimensions = existing.framework.dimensions.clone();
    if let Some(framework) = &file.framework {
        if fresh && *framework != existing.framework.dimensions {
            for d in &existing.framework.dimensions {
                actions.push(Action::DeleteDimension { key: d.key.clone() });
            }
            for d in framework {
                actions.push(Action::CreateDimension {
                    dimension: d.clone(),
                    position: None,
                });
            }
            dimensions = framework.clone();
        } else {
            for d in framework {
                match existing.framework.dimension(&d.key) {
                    Some(e) if e == d => {}
                    Some(_) => {
                        return invalid(format!(
                            "defines the cube dimension \u{201c}{}\u{201d} differently from this project; import it into a new project",
                            d.key
                        ));
                    }
                    None => {
                        actions.push(Action::CreateDimension {
                            dimension: d.clone(),
                            position: None,
                        });
                        dimensions.push(d.clone());
                    }
                }
            }
        }
    }

    let mut cases: HashMap<String, CaseId> = existing
        .cases
        .iter()
        .map(|c| (c.name.clone(), c.id))
        .collect();
    for c in &file.cases {
        let id = ids.case();
        actions.push(Action::CreateCase {
            id,
            name: c.name.clone(),
        });
        for (key, value) in &c.attributes {
            actions.push(Action::SetCaseAttribute {
                id,
                key: key.clone(),
                value: Some(value.clone()),
            });
        }
        cases.insert(c.name.clone(), id);
    }

    let mut documents: HashMap<String, (DocumentId, String)> = existing
        .documents
        .iter()
        .map(|d| (d.title.clone(), (d.id, d.text.clone())))
        .collect();
    for d in &file.documents {
        let text = match (&d.text, &d.path) {
            (Some(text), _) => super::text::normalise_line_ends(text),
            (None, Some(path)) => {
                let full = base_dir
                    .map(|b| b.join(path))
                    .unwrap_or_else(|| path.into());
                super::import::read_source(&full)
                    .map_err(|e| {
                        ProjectJsonError::Invalid(format!(
                            "document \u{201c}{}\u{201d}: {e}",
                            d.title
                        ))
                    })?
                    .text
            }
            (None, None) => {
                return invalid(format!(
                    "document \u{201c}{}\u{201d} has neither \"text\" nor \"path\"",
                    d.title
                ));
            }
        };
        let case = match &d.case {
            Some(name) => Some(
                *cases
                    .get(name)
                    .ok_or_else(|| unknown("case", name, &d.title))?,
            ),
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
            actions.push(Action::SetDocumentAttribute {
                id,
                key: key.clone(),
                value: Some(value.clone()),
            });
        }
        documents.insert(d.title.clone(), (id, text));
    }

    let check_facets = |facets: &BTreeMap<String, String>,
                        what: &str|
     -> Result<(), ProjectJsonError> {
        for (dim, value) in facets {
            match dimensions.iter().find(|d| &d.key == dim) {
                Some(d) if d.has_value(value) => {}
                Some(_) => {
                    return invalid(format!(
                        "{what} has the facet {dim}={value}, which is not a value of that dimension"
                    ));
                }
                None => {
                    return invalid(format!(
                        "{what} has a facet on the unknown cube dimension \u{201c}{dim}\u{201d}"
                    ));
                }
            }
        }
        Ok(())
    };

    let mut categories: HashMap<String, CategoryId> = existing
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.id))
        .collect();
    for c in &file.categories {
        check_facets(&c.facets, &format!("category \u{201c}{}\u{201d}", c.name))?;
        let id = ids.category();
        actions.push(Action::CreateCategory {
            id,
            name: c.name.clone(),
            class: c.class,
        });
        for (dim, value) in &c.facets {
            actions.push(Action::SetFacet {
                owner: FacetOwner::Category(id),
                dimension: dim.clone(),
                value: Some(value.clone()),
            });
        }
        categories.insert(c.name.clone(), id);
    }
    let mut concepts: HashMap<String, ConceptId> = existing
        .concepts
        .iter()
        .map(|c| (c.name.clone(), c.id))
        .collect();
    for c in &file.concepts {
        check_facets(&c.facets, &format!("concept \u{201c}{}\u{201d}", c.name))?;
        let category = match &c.category {
            Some(name) => Some(
                *categories
                    .get(name)
                    .ok_or_else(|| unknown("category", name, &c.name))?,
            ),
            None => None,
        };
        let id = ids.concept();
        actions.push(Action::CreateConcept {
            id,
            name: c.name.clone(),
            category,
        });
        for (dim, value) in &c.facets {
            actions.push(Action::SetFacet {
                owner: FacetOwner::Concept(id),
                dimension: dim.clone(),
                value: Some(value.clone()),
            });
        }
        concepts.insert(c.name.clone(), id);
    }
    let mut codes: HashMap<String, CodeId> = existing
        .codes
        .iter()
        .map(|c| (c.name.clone(), c.id))
        .collect();
    for (i, c) in file.codes.iter().enumerate() {
        check_facets(&c.facets, &format!("code \u{201c}{}\u{201d}", c.name))?;
        let concept = match &c.concept {
            Some(name) => Some(
                *concepts
                    .get(name)
                    .ok_or_else(|| unknown("concept", name, &c.name))?,
            ),
            None => None,
        };
        let color = c.color.clone().unwrap_or_else(|| {
            CODE_PALETTE[(existing.codes.len() + i) % CODE_PALETTE.len()].into()
        });
        let id = ids.code();
        actions.push(Action::CreateCode {
            id,
            name: c.name.clone(),
            color,
            definition: c.definition.clone(),
            concept,
        });
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
        let id = *categories
            .get(core)
            .ok_or_else(|| unknown("category", core, "core_category"))?;
        actions.push(Action::SetCoreCategory { id: Some(id) });
    }
    for r in &file.relations {
        let from = *categories
            .get(&r.from)
            .ok_or_else(|| unknown("category", &r.from, "a relation"))?;
        let to = *categories
            .get(&r.to)
            .ok_or_else(|| unknown("category", &r.to, "a relation"))?;
        actions.push(Action::CreateRelation {
            id: ids.relation(),
            from,
            to,
            kind: r.kind.clone(),
        });
    }

    let mut coding_ids = Vec::with_capacity(file.codings.len());
    for (i, c) in file.codings.iter().enumerate() {
        let what = format!("coding #{i}");
        let (document, text) = documents
            .get(&c.document)
            .ok_or_else(|| unknown("document", &c.document, &what))?;
        let code = *codes
            .get(&c.code)
            .ok_or_else(|| unknown("code", &c.code, &what))?;
        let len = text.chars().count();
        if c.start >= c.end || c.end > len {
            return invalid(format!(
                "{what} in \u{201c}{}\u{201d} spans {}..{}, outside the text (0..{len})",
                c.document, c.start, c.end
            ));
        }
        if let Some(quote) = &c.quote {
            let actual = char_slice(text, c.start, c.end);
            if normalise(&actual) != normalise(quote) {
                return invalid(format!(
                    "{what} in \u{201c}{}\u{201d}: its quote does not match the text at {}..{} (the text reads \u{201c}{}\u{201d})",
                    c.document,
                    c.start,
                    c.end,
                    actual.chars().take(60).collect::<String>()
                ));
            }
        }
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
                    .ok_or_else(|| {
                        unknown("document", &name(&m.target).unwrap_or_default(), &what)
                    })?
                    .0,
            ),
            "code" => MemoTarget::Code(
                *codes
                    .get(&name(&m.target)?)
                    .ok_or_else(|| unknown("code", &name(&m.target).unwrap_or_default(), &what))?,
            ),
            "concept" => {
                MemoTarget::Concept(*concepts.get(&name(&m.target)?).ok_or_else(|| {
                    unknown("concept", &name(&m.target).unwrap_or_default(), &what)
                })?)
            }
            "category" => {
                MemoTarget::Category(*categories.get(&name(&m.target)?).ok_or_else(|| {
                    unknown("category", &name(&m.target).unwrap_or_default(), &what)
                })?)
            }
            "coding" => match m.target {
                Some(MemoRef::Index(n)) if n < coding_ids.len() => {
                    MemoTarget::Coding(coding_ids[n])
                }
                _ => {
                    return invalid(format!(
                        "{what} is on a coding but its \"target\" is not the index of a coding in this file"
                    ));
                }
            },
            other => {
                return invalid(format!(
                    "{what} is on \u{201c}{other}\u{201d}; use project, document, code, concept, category or coding"
                ));
            }
        };
        let created = m.created.clone().unwrap_or_else(|| now.clone());
        actions.push(Action::CreateMemo {
            id: ids.memo(),
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
            if !dimensions
                .iter()
                .any(|d| d.key == r.dimension && d.has_value(&r.value))
            {
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
    Ok(actions)
}

/// Quotes are compared with line ends normalised and outer space trimmed.
fn normalise(s: &str) -> String {
    super::text::normalise_line_ends(s).trim().to_owned()
}

fn unknown(what: &str, name: &str, context: &str) -> ProjectJsonError {
    ProjectJsonError::Invalid(format!(
        "{context} refers to the {what} \u{201c}{name}\u{201d}, which the file does not define"
    ))
}
