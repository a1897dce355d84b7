//! Plain data types of an Axial project: ids, documents, codes and their hierarchy, codings,
//! memos, the paradigm classes and the cube framework. No I/O, no SQL.

mod action;
mod change;
mod comment;
mod depth;
mod framework;
mod paradigm;
mod project;
mod tally;

pub use action::{Action, FacetOwner, MemoTarget, UidKind, Uids};
pub use change::{Change, ChangeSet};
pub use comment::{Comment, CommentAction, CommentTarget, Comments, Thread, derived_uid, new_uid};
pub use depth::{ConditionLevel, Depth, Evidence, Property, PropertyDimension};
pub use framework::{
    Dimension, DimensionValue, Framework, FrameworkTooBig, MAX_CUBE_CELLS, MAX_CUBE_DIMENSIONS, MAX_CUBE_VALUES,
    check_framework_size,
};
pub use paradigm::ParadigmClass;
pub use project::{Parts, Placement, Project, Revisions};
pub use tally::{Tallies, Tally};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[doc = concat!("Row id of a ", stringify!($name), " in the project file.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
    )*};
}
id_type!(DocumentId, CaseId, CodeId, ConceptId, CategoryId, CodingId, MemoId, RelationId, PropertyId, EvidenceId);

/// Attributes are ordered key/value pairs (role, date, sex...).
pub type Attributes = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub name: String,
    pub attributes: Attributes,
}

/// A transcript. Its text never changes once imported, so it is shared (`Arc`) with
/// background jobs (search, export) instead of copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    /// Full text, `\n` line ends, valid UTF-8.
    pub text: Arc<str>,
    /// Length of the text in Unicode scalar values, the unit of coding offsets.
    pub char_len: usize,
    pub case: Option<CaseId>,
    pub attributes: Attributes,
    /// When the document was imported (RFC 3339, UTC).
    pub imported: String,
}

impl Document {
    /// A document with its character length counted once.
    pub fn new(id: DocumentId, title: impl Into<String>, text: impl Into<Arc<str>>) -> Document {
        let text: Arc<str> = text.into();
        Document {
            id,
            title: title.into(),
            char_len: text.chars().count(),
            text,
            case: None,
            attributes: Attributes::new(),
            imported: String::new(),
        }
    }

    /// Length of the text in Unicode scalar values, the unit of coding offsets.
    pub fn char_len(&self) -> usize {
        self.char_len
    }
}

/// What a document is besides its text: the part of a document row that edits change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentMeta {
    pub id: DocumentId,
    pub title: String,
    pub case: Option<CaseId>,
    pub attributes: Attributes,
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

/// The relation kinds a new project offers (Strauss & Corbin's paradigm links); the kinds are
/// project data, so a study renames, reorders, adds and removes its own.
pub const DEFAULT_RELATION_KINDS: [&str; 6] =
    ["causes", "leads to", "is context of", "intervenes in", "is strategy for", "results in"];

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

/// What counting needs of a coding: which code, in which document (no range, no strings).
/// The store reads these in one pass over the codings for a report that only counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodingRef {
    pub id: CodingId,
    pub code: CodeId,
    pub document: DocumentId,
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
