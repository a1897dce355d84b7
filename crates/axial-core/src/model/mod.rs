//! Plain data types of an Axial project: ids, documents, codes and their hierarchy, codings,
//! memos, the paradigm classes and the cube framework. No I/O, no SQL.

mod action;
mod framework;
mod paradigm;

pub use action::{Action, FacetOwner, MemoTarget};
pub use framework::{Dimension, DimensionValue, Framework};
pub use paradigm::ParadigmClass;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[doc = concat!("Row id of a ", stringify!($name), " in the project file.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
    )*};
}
id_type!(DocumentId, CaseId, CodeId, ConceptId, CategoryId, CodingId, MemoId, RelationId);

/// Attributes are ordered key/value pairs (role, date, sex...).
pub type Attributes = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub name: String,
    pub attributes: Attributes,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    /// Full text, `\n` line ends, valid UTF-8.
    pub text: String,
    pub case: Option<CaseId>,
    pub attributes: Attributes,
    /// When the document was imported (RFC 3339, UTC).
    pub imported: String,
}

impl Document {
    /// Length of the text in Unicode scalar values, the unit of coding offsets.
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: CodeId,
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    pub definition: String,
    pub concept: Option<ConceptId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concept {
    pub id: ConceptId,
    pub name: String,
    pub category: Option<CategoryId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub class: Option<ParadigmClass>,
}

/// A typed, directed link between two categories (axial coding).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: RelationId,
    pub from: CategoryId,
    pub to: CategoryId,
    pub kind: String,
}

/// A coded reference: `[start, end)` in Unicode scalar values of the document text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    pub id: CodingId,
    pub document: DocumentId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub coder: String,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    pub id: MemoId,
    pub target: MemoTarget,
    pub title: String,
    pub text: String,
    pub author: String,
    pub created: String,
    pub modified: String,
}

/// A facet value set on a code, concept or category for one cube dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub owner: FacetOwner,
    pub dimension: String,
    pub value: String,
}

/// An expected level for a pair of values on two cube dimensions, e.g. operational CRM x
/// socialization: "medium/high".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectation {
    pub row: DimensionRef,
    pub column: DimensionRef,
    pub level: String,
}

/// A value on a cube dimension, by keys.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DimensionRef {
    pub dimension: String,
    pub value: String,
}

/// The levels an expectation may take, lowest first.
pub const EXPECTED_LEVELS: [&str; 5] = ["low", "low/medium", "medium", "medium/high", "high"];

/// The whole project in memory, as the analyses and exporters read it.
/// Every list is in id order, which is creation order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    pub core_category: Option<CategoryId>,
    pub framework: Framework,
    pub cases: Vec<Case>,
    pub documents: Vec<Document>,
    pub codes: Vec<Code>,
    pub concepts: Vec<Concept>,
    pub categories: Vec<Category>,
    pub relations: Vec<Relation>,
    pub codings: Vec<Coding>,
    pub memos: Vec<Memo>,
    pub facets: Vec<Facet>,
    /// The study's expected support levels for pairs of cube values (its propositions, as
    /// Khodakarami & Chan's Table 1), to set beside what the coding shows.
    pub expectations: Vec<Expectation>,
}

impl Project {
    pub fn code(&self, id: CodeId) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }
    pub fn concept(&self, id: ConceptId) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }
    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
    pub fn case(&self, id: CaseId) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }
    /// The facet value `owner` carries on `dimension`, if any.
    pub fn facet(&self, owner: FacetOwner, dimension: &str) -> Option<&str> {
        self.facets.iter().find(|f| f.owner == owner && f.dimension == dimension).map(|f| f.value.as_str())
    }
    /// Memos attached to `target`, in creation order.
    pub fn memos_on(&self, target: &MemoTarget) -> impl Iterator<Item = &Memo> {
        let target = target.clone();
        self.memos.iter().filter(move |m| m.target == target)
    }
}

/// The colours new codes cycle through: distinct, readable under dark text, colour-blind aware
/// (Okabe-Ito plus lighter companions).
pub const CODE_PALETTE: [&str; 12] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999", "#8dd3c7", "#bebada",
    "#fb8072", "#80b1d3",
];

/// Whether `s` is a `#rrggbb` colour.
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The current time as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Who is working: `AXIAL_USER`, else the login name, else "unknown".
pub fn current_user() -> String {
    ["AXIAL_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}
