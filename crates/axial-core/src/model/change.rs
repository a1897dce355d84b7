//! What an applied action changed, row by row: the store returns a [`ChangeSet`] from every
//! apply, undo and redo, and the live [`Project`](super::Project) patches itself from it
//! instead of reloading (as rerun's store events keep its indices up to date).
//!
//! Deletions list their dependents first (a deleted code's codings before the code), so the
//! model never holds a row whose parent is gone while it applies a set in order.

use super::*;

/// One changed row. An upsert carries the whole new row; a deletion carries the id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    ProjectName(String),
    CoreCategory(Option<CategoryId>),
    /// The cube framework after a dimension was added or removed.
    Framework(Framework),
    /// The relation kinds after one was added, renamed, moved or removed.
    RelationKinds(Vec<String>),
    Case(Case),
    CaseDeleted(CaseId),
    /// A new document, with its text.
    DocumentAdded(Document),
    /// A document's title, case or attributes changed (its text never does).
    DocumentMeta(DocumentMeta),
    DocumentDeleted(DocumentId),
    Code(Code),
    CodeDeleted(CodeId),
    Concept(Concept),
    ConceptDeleted(ConceptId),
    Category(Category),
    CategoryDeleted(CategoryId),
    Relation(Relation),
    RelationDeleted(RelationId),
    Coding(Coding),
    CodingDeleted(CodingId),
    Property(Property),
    PropertyDeleted(PropertyId),
    /// A coding placed on a property's point (or taken off).
    Placement {
        coding: CodingId,
        property: PropertyId,
        point: Option<String>,
    },
    Evidence(Evidence),
    EvidenceDeleted(EvidenceId),
    CategoryLevel {
        category: CategoryId,
        level: Option<ConditionLevel>,
    },
    Prompted {
        coding: CodingId,
        prompted: bool,
    },
    Memo(Memo),
    MemoDeleted(MemoId),
    Facet {
        owner: FacetOwner,
        dimension: String,
        value: Option<String>,
    },
    Expectation {
        row: DimensionRef,
        column: DimensionRef,
        level: Option<String>,
    },
}

/// The changes of one applied action, in the order they happened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
    /// Set for a caller with no live model to patch: nothing is kept.
    discard: bool,
}

impl ChangeSet {
    /// A change set that keeps nothing, for a store with no live model to patch (the command
    /// line): a 200,000-row import then does not hold a second copy of every row it wrote.
    pub fn discarding() -> ChangeSet {
        ChangeSet { changes: Vec::new(), discard: true }
    }

    pub fn push(&mut self, change: Change) {
        if !self.discard {
            self.changes.push(change);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether any coding was created, changed or removed (the reader and the counts care).
    pub fn touches_codings(&self) -> bool {
        self.changes.iter().any(|c| matches!(c, Change::Coding(_) | Change::CodingDeleted(_)))
    }
}
