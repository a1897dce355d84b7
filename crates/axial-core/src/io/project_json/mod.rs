//! The full project as JSON (`axial.project/1`): lossless, readable, diff-friendly. Export
//! writes every document's text inline; import also accepts `"path"` (relative to the JSON
//! file) instead of `"text"`, which is how the sample projects keep transcripts as `.txt`.
//! Everything refers to everything else by name (codes, concepts, categories, cases and
//! documents have unique names); a memo on a coding names the coding by its index, a memo on a
//! relation the relation by its index.
//!
//! Version 2 adds the depth of the method: a category's matrix `level` and `properties` (each
//! a name, `ordered` and its dimension's `points`), a coding's `prompted` mark and
//! `placements`, a relation's `evidence` passages, and memos `on` a relation. Every key of
//! version 1 means what it meant, and version 1 files are read as they are.

use crate::io::text::CharIndex;
use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const SCHEMA: &str = "axial.project/2";

/// The versions this build reads (each a subset of the one after).
pub const SCHEMAS_READ: [&str; 2] = ["axial.project/1", SCHEMA];

#[derive(Debug, thiserror::Error)]
pub enum ProjectJsonError {
    #[error("is not valid JSON ({0}); fix the file or export it again")]
    Malformed(serde_json::Error),
    #[error("is not an Axial project export (its \"schema\" is {0:?}, expected \"{SCHEMA}\")")]
    WrongSchema(String),
    #[error("{0}")]
    Invalid(String),
}

#[derive(Serialize, Deserialize)]
pub struct ProjectFile {
    pub schema: String,
    pub name: String,
    #[serde(default)]
    pub core_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Vec<Dimension>>,
    /// The relation kinds the project offers, in order (absent: the default set, plus the
    /// kinds the relations use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation_kinds: Option<Vec<String>>,
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
    /// The people who coded and wrote memos, with their stable ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonEntry>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PersonEntry {
    pub name: String,
    pub uid: String,
}

#[derive(Serialize, Deserialize)]
pub struct CaseEntry {
    pub name: String,
    #[serde(default)]
    pub attributes: Attributes,
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
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
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct CategoryEntry {
    pub name: String,
    #[serde(default)]
    pub class: Option<ParadigmClass>,
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
    /// The level of the conditional/consequential matrix it sits at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<ConditionLevel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyEntry>,
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

/// A category's property: its name, and its dimension (`ordered`: a range whose `points` run
/// from one end to the other; else a set of values).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PropertyEntry {
    pub name: String,
    #[serde(flatten)]
    pub dimension: PropertyDimension,
}

/// Where a coded passage sits on a property's dimension.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PlacementEntry {
    pub category: String,
    pub property: String,
    pub point: String,
}

/// A passage that grounds a relation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EvidenceEntry {
    pub document: String,
    pub start: usize,
    pub end: usize,
    /// The passage's text, for readers; checked against the document on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct ConceptEntry {
    pub name: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub facets: BTreeMap<String, String>,
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
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
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct RelationEntry {
    pub from: String,
    pub to: String,
    pub kind: String,
    /// Passages picked as evidence for the relation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceEntry>,
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
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
    /// Whether the interviewer prompted what is coded (asked about it by name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prompted: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<PlacementEntry>,
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct MemoEntry {
    /// project, document, code, concept, category, coding or relation.
    pub on: String,
    /// The name of what the memo is on, or the index of the coding or relation; absent for the
    /// project.
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
    /// The item's stable id (absent in files written before ids, or by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

#[derive(Serialize, Deserialize, Clone)]
#[serde(untagged)]
pub enum MemoRef {
    Index(usize),
    Name(String),
}

/// The whole project as an `axial.project/1` document, with every item's stable id when
/// `uids` are given (a project file's; a project only in memory has none worth keeping).
pub fn export(project: &Project, uids: Option<&Uids>) -> ProjectFile {
    let e = Exporter { project, uids, depth: project.depth() };
    let coding_index: HashMap<CodingId, usize> = project.codings().enumerate().map(|(i, c)| (c.id, i)).collect();
    let relation_index: HashMap<RelationId, usize> = project.relations().enumerate().map(|(i, r)| (r.id, i)).collect();
    ProjectFile {
        schema: SCHEMA.into(),
        name: project.name().to_owned(),
        core_category: project.core_category().map(|c| e.category_name(c)),
        framework: Some(project.framework().dimensions.clone()),
        relation_kinds: Some(project.relation_kinds().to_vec()),
        cases: e.cases(),
        documents: e.documents(),
        categories: e.categories(),
        concepts: e.concepts(),
        codes: e.codes(),
        relations: e.relations(),
        codings: e.codings(&coding_index),
        memos: e.memos(&coding_index, &relation_index),
        expectations: project.expectations(),
        people: e.people(),
    }
}

/// What [`export`] reads from, with the lookups every part shares.
struct Exporter<'a> {
    project: &'a Project,
    uids: Option<&'a Uids>,
    depth: &'a crate::model::Depth,
}

impl Exporter<'_> {
    fn uid(&self, kind: UidKind, id: i64) -> Option<String> {
        self.uids.and_then(|u| u.of(kind, id)).map(str::to_owned)
    }

    fn category_name(&self, id: CategoryId) -> String {
        self.project.category(id).map(|c| c.name.clone()).unwrap_or_default()
    }

    fn title(&self, id: DocumentId) -> String {
        self.project.document(id).map(|d| d.title.clone()).unwrap_or_default()
    }

    fn facets(&self, owner: FacetOwner) -> BTreeMap<String, String> {
        self.project.facets_of(owner).into_iter().map(|(d, v)| (d.to_owned(), v.to_owned())).collect()
    }

    fn cases(&self) -> Vec<CaseEntry> {
        let cases = self.project.cases();
        cases
            .map(|c| CaseEntry {
                name: c.name.clone(),
                attributes: c.attributes.clone(),
                uid: self.uid(UidKind::Case, c.id.0),
            })
            .collect()
    }

    fn documents(&self) -> Vec<DocumentEntry> {
        let p = self.project;
        p.documents()
            .map(|d| DocumentEntry {
                title: d.title.clone(),
                case: d.case.and_then(|c| p.case(c)).map(|c| c.name.clone()),
                attributes: d.attributes.clone(),
                imported: Some(d.imported.clone()),
                path: None,
                text: Some(d.text.to_string()),
                uid: self.uid(UidKind::Document, d.id.0),
            })
            .collect()
    }

    fn categories(&self) -> Vec<CategoryEntry> {
        self.project
            .categories()
            .map(|c| CategoryEntry {
                name: c.name.clone(),
                class: c.class,
                facets: self.facets(FacetOwner::Category(c.id)),
                level: self.depth.level(c.id),
                properties: self
                    .depth
                    .properties_of(c.id)
                    .map(|p| PropertyEntry { name: p.name.clone(), dimension: p.dimension.clone() })
                    .collect(),
                uid: self.uid(UidKind::Category, c.id.0),
            })
            .collect()
    }

    fn concepts(&self) -> Vec<ConceptEntry> {
        self.project
            .concepts()
            .map(|c| ConceptEntry {
                name: c.name.clone(),
                category: c.category.map(|k| self.category_name(k)),
                facets: self.facets(FacetOwner::Concept(c.id)),
                uid: self.uid(UidKind::Concept, c.id.0),
            })
            .collect()
    }

    fn codes(&self) -> Vec<CodeEntry> {
        let p = self.project;
        p.codes()
            .map(|c| CodeEntry {
                name: c.name.clone(),
                color: Some(c.color.clone()),
                definition: c.definition.clone(),
                concept: c.concept.and_then(|k| p.concept(k)).map(|k| k.name.clone()),
                facets: self.facets(FacetOwner::Code(c.id)),
                uid: self.uid(UidKind::Code, c.id.0),
            })
            .collect()
    }

    fn relations(&self) -> Vec<RelationEntry> {
        let p = self.project;
        p.relations()
            .map(|r| RelationEntry {
                from: self.category_name(r.from),
                to: self.category_name(r.to),
                kind: r.kind.clone(),
                evidence: self
                    .depth
                    .evidence_of(r.id)
                    .map(|e| EvidenceEntry {
                        document: self.title(e.document),
                        start: e.start,
                        end: e.end,
                        quote: p
                            .document(e.document)
                            .map(|d| crate::io::text::slice_chars(&d.text, e.start, e.end).to_owned()),
                    })
                    .collect(),
                uid: self.uid(UidKind::Relation, r.id.0),
            })
            .collect()
    }

    /// Every coding with its quote, cut document by document (each text indexed once, not
    /// walked per coding).
    fn codings(&self, coding_index: &HashMap<CodingId, usize>) -> Vec<CodingEntry> {
        let p = self.project;
        let mut quotes: Vec<Option<String>> = vec![None; coding_index.len()];
        for d in p.documents() {
            let index = CharIndex::new(&d.text);
            for c in p.codings_in(d.id) {
                quotes[coding_index[&c.id]] = Some(index.slice(c.start, c.end).to_owned());
            }
        }
        p.codings()
            .zip(quotes)
            .map(|(c, quote)| CodingEntry {
                document: self.title(c.document),
                code: p.code(c.code).map(|k| k.name.clone()).unwrap_or_default(),
                start: c.start,
                end: c.end,
                coder: Some(c.coder.clone()),
                created: Some(c.created.clone()),
                quote,
                prompted: self.depth.is_prompted(c.id),
                placements: self.placements(c.id),
                uid: self.uid(UidKind::Coding, c.id.0),
            })
            .collect()
    }

    fn placements(&self, coding: CodingId) -> Vec<PlacementEntry> {
        self.depth
            .placements_of(coding)
            .filter_map(|(property, point)| {
                let p = self.depth.property(property)?;
                Some(PlacementEntry {
                    category: self.category_name(p.category),
                    property: p.name.clone(),
                    point: point.to_owned(),
                })
            })
            .collect()
    }

    fn memos(
        &self,
        coding_index: &HashMap<CodingId, usize>,
        relation_index: &HashMap<RelationId, usize>,
    ) -> Vec<MemoEntry> {
        let p = self.project;
        p.memos()
            .map(|m| {
                let (on, target) = match m.target {
                    MemoTarget::Project => ("project", None),
                    MemoTarget::Document(id) => ("document", p.document(id).map(|d| MemoRef::Name(d.title.clone()))),
                    MemoTarget::Code(id) => ("code", p.code(id).map(|c| MemoRef::Name(c.name.clone()))),
                    MemoTarget::Concept(id) => ("concept", p.concept(id).map(|c| MemoRef::Name(c.name.clone()))),
                    MemoTarget::Category(id) => ("category", Some(MemoRef::Name(self.category_name(id)))),
                    MemoTarget::Coding(id) => ("coding", coding_index.get(&id).map(|i| MemoRef::Index(*i))),
                    MemoTarget::Relation(id) => ("relation", relation_index.get(&id).map(|i| MemoRef::Index(*i))),
                };
                MemoEntry {
                    on: on.into(),
                    target,
                    title: m.title.clone(),
                    text: m.text.clone(),
                    author: Some(m.author.clone()),
                    created: Some(m.created.clone()),
                    modified: Some(m.modified.clone()),
                    uid: self.uid(UidKind::Memo, m.id.0),
                }
            })
            .collect()
    }

    /// The people who coded or wrote what is exported (one who did and whose work has since
    /// been deleted is not named).
    fn people(&self) -> Vec<PersonEntry> {
        let Some(u) = self.uids else { return Vec::new() };
        let p = self.project;
        let named: std::collections::BTreeSet<&str> =
            p.codings().map(|c| c.coder.as_str()).chain(p.memos().map(|m| m.author.as_str())).collect();
        u.people
            .iter()
            .filter(|(name, _)| named.contains(name.as_str()))
            .map(|(name, uid)| PersonEntry { name: name.clone(), uid: uid.clone() })
            .collect()
    }
}

/// Pretty JSON of the whole project, ending in a newline (see [`export`]).
pub fn export_string(project: &Project, uids: Option<&Uids>) -> String {
    let mut s = serde_json::to_string_pretty(&export(project, uids)).expect("project JSON serialises (plain data)");
    s.push('\n');
    s
}

/// Parses an `axial.project/1` document.
pub fn parse(json: &str) -> Result<ProjectFile, ProjectJsonError> {
    // Twice over the text, never as one `serde_json::Value` tree: first only the schema (every
    // other field skipped), then straight into the typed file. A tree of a 200,000-coding
    // project took several hundred megabytes more than the file it was read into.
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<serde_json::Value>,
    }
    let schema = match serde_json::from_str::<SchemaOnly>(json) {
        Ok(head) => head.schema.as_ref().and_then(|s| s.as_str()).unwrap_or_default().to_owned(),
        // Well-formed JSON that is not an object: no schema at all.
        Err(e) if e.classify() == serde_json::error::Category::Data => String::new(),
        Err(e) => return Err(ProjectJsonError::Malformed(e)),
    };
    if !SCHEMAS_READ.contains(&schema.as_str()) {
        return Err(ProjectJsonError::WrongSchema(schema));
    }
    serde_json::from_str(json).map_err(|e| ProjectJsonError::Invalid(format!("does not follow {SCHEMA}: {e}")))
}

mod import;
pub use import::to_actions;
