//! Every change to a project is an `Action`: plain data that the store applies in one
//! transaction, recording its inverse for undo/redo and an audit row. Creations carry their id
//! so that redo recreates the very same row and later history entries stay valid.

use super::*;
use serde::{Deserialize, Serialize};

/// What a memo is attached to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "on", content = "id", rename_all = "snake_case")]
pub enum MemoTarget {
    Project,
    Document(DocumentId),
    Code(CodeId),
    Concept(ConceptId),
    Category(CategoryId),
    Coding(CodingId),
    Relation(RelationId),
}

/// The kinds of item with a stable id (see `store::schema`'s `v8_stable_ids`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UidKind {
    Case,
    Document,
    Code,
    Concept,
    Category,
    Coding,
    Memo,
    Relation,
}

impl UidKind {
    pub const ALL: [UidKind; 8] = [
        UidKind::Case,
        UidKind::Document,
        UidKind::Code,
        UidKind::Concept,
        UidKind::Category,
        UidKind::Coding,
        UidKind::Memo,
        UidKind::Relation,
    ];

    /// The kind as `item_uid` stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            UidKind::Case => "case",
            UidKind::Document => "document",
            UidKind::Code => "code",
            UidKind::Concept => "concept",
            UidKind::Category => "category",
            UidKind::Coding => "coding",
            UidKind::Memo => "memo",
            UidKind::Relation => "relation",
        }
    }

    pub fn from_key(s: &str) -> Option<UidKind> {
        UidKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Every item's stable id, by kind and row id, and the people who code, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uids {
    pub items: std::collections::HashMap<(UidKind, i64), String>,
    /// Person name -> uid.
    pub people: std::collections::BTreeMap<String, String>,
}

impl Uids {
    pub fn of(&self, kind: UidKind, id: i64) -> Option<&str> {
        self.items.get(&(kind, id)).map(String::as_str)
    }
}

/// What carries a cube facet value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum FacetOwner {
    Code(CodeId),
    Concept(ConceptId),
    Category(CategoryId),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    SetProjectName {
        name: String,
    },

    CreateCase {
        id: CaseId,
        name: String,
    },
    RenameCase {
        id: CaseId,
        name: String,
    },
    DeleteCase {
        id: CaseId,
    },
    SetCaseAttribute {
        id: CaseId,
        key: String,
        value: Option<String>,
    },

    AddDocument {
        id: DocumentId,
        title: String,
        text: String,
        case: Option<CaseId>,
        imported: String,
    },
    RenameDocument {
        id: DocumentId,
        title: String,
    },
    SetDocumentCase {
        id: DocumentId,
        case: Option<CaseId>,
    },
    SetDocumentAttribute {
        id: DocumentId,
        key: String,
        value: Option<String>,
    },
    DeleteDocument {
        id: DocumentId,
    },

    CreateCode {
        id: CodeId,
        name: String,
        color: String,
        definition: String,
        concept: Option<ConceptId>,
    },
    UpdateCode {
        id: CodeId,
        name: String,
        color: String,
        definition: String,
    },
    SetCodeConcept {
        id: CodeId,
        concept: Option<ConceptId>,
    },
    DeleteCode {
        id: CodeId,
    },

    CreateConcept {
        id: ConceptId,
        name: String,
        category: Option<CategoryId>,
    },
    RenameConcept {
        id: ConceptId,
        name: String,
    },
    SetConceptCategory {
        id: ConceptId,
        category: Option<CategoryId>,
    },
    DeleteConcept {
        id: ConceptId,
    },

    CreateCategory {
        id: CategoryId,
        name: String,
        class: Option<ParadigmClass>,
    },
    RenameCategory {
        id: CategoryId,
        name: String,
    },
    SetCategoryClass {
        id: CategoryId,
        class: Option<ParadigmClass>,
    },
    SetCoreCategory {
        id: Option<CategoryId>,
    },
    DeleteCategory {
        id: CategoryId,
    },

    CreateRelation {
        id: RelationId,
        from: CategoryId,
        to: CategoryId,
        kind: String,
    },
    DeleteRelation {
        id: RelationId,
    },
    /// Adds a passage of a transcript as evidence for a relation.
    AddEvidence {
        id: EvidenceId,
        relation: RelationId,
        document: DocumentId,
        start: usize,
        end: usize,
    },
    RemoveEvidence {
        id: EvidenceId,
    },

    /// Gives a category a property with its dimension.
    CreateProperty {
        id: PropertyId,
        category: CategoryId,
        name: String,
        dimension: PropertyDimension,
    },
    /// Renames a property or changes its dimension; a point that passages are placed on
    /// cannot be dropped (rename it with `RenamePropertyPoint`, or move the passages first).
    UpdateProperty {
        id: PropertyId,
        name: String,
        dimension: PropertyDimension,
    },
    /// Renames a point of a property's dimension, and every placement on it.
    RenamePropertyPoint {
        id: PropertyId,
        point: String,
        new_name: String,
    },
    DeleteProperty {
        id: PropertyId,
    },
    /// Places a coded passage on a point of a property's dimension (or takes it off).
    PlaceCoding {
        coding: CodingId,
        property: PropertyId,
        point: Option<String>,
    },
    /// Sets (or clears) the level of the conditional/consequential matrix a category sits at.
    SetCategoryLevel {
        id: CategoryId,
        level: Option<ConditionLevel>,
    },
    /// Marks a coding as prompted by the interviewer (or not).
    SetCodingPrompted {
        id: CodingId,
        prompted: bool,
    },

    CreateCoding {
        id: CodingId,
        document: DocumentId,
        code: CodeId,
        start: usize,
        end: usize,
        coder: String,
        created: String,
    },
    SetCodingRange {
        id: CodingId,
        start: usize,
        end: usize,
    },
    SetCodingCode {
        id: CodingId,
        code: CodeId,
    },
    DeleteCoding {
        id: CodingId,
    },

    CreateMemo {
        id: MemoId,
        target: MemoTarget,
        title: String,
        text: String,
        author: String,
        created: String,
        modified: String,
    },
    UpdateMemo {
        id: MemoId,
        title: String,
        text: String,
        modified: String,
    },
    DeleteMemo {
        id: MemoId,
    },

    /// Adds a cube dimension with a new key, at index `position` in the framework's order
    /// (default: last).
    CreateDimension {
        dimension: Dimension,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<i64>,
    },
    /// Removes a dimension and every facet value on it.
    DeleteDimension {
        key: String,
    },
    /// Relabels a dimension; its key, which facets and expectations name, stays.
    RenameDimension {
        key: String,
        label: String,
    },
    /// Moves a dimension to index `position` (0-based) in the framework's order.
    MoveDimension {
        key: String,
        position: usize,
    },
    /// Adds a value to a dimension at index `position` (default: last).
    CreateDimensionValue {
        dimension: String,
        value: DimensionValue,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// Relabels a value; its key stays.
    RenameDimensionValue {
        dimension: String,
        key: String,
        label: String,
    },
    /// Moves a value to index `position` (0-based) among its dimension's values.
    MoveDimensionValue {
        dimension: String,
        key: String,
        position: usize,
    },
    /// Removes a value (never a dimension's last one) with every facet and expected level on it.
    DeleteDimensionValue {
        dimension: String,
        key: String,
    },

    /// Adds a relation kind at index `position` (default: last).
    CreateRelationKind {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// Renames a kind and every relation of that kind.
    RenameRelationKind {
        name: String,
        new_name: String,
    },
    /// Moves a kind to index `position` (0-based).
    MoveRelationKind {
        name: String,
        position: usize,
    },
    /// Removes a kind that no relation uses.
    DeleteRelationKind {
        name: String,
    },

    SetFacet {
        owner: FacetOwner,
        dimension: String,
        value: Option<String>,
    },

    /// Sets (or clears) the expected level of a pair of cube values.
    SetExpectation {
        row: DimensionRef,
        column: DimensionRef,
        level: Option<String>,
    },

    /// Gives an item the stable id it has elsewhere (an import, a merged copy): the row is
    /// made first and gets an id of its own, which this replaces.
    SetUid {
        kind: UidKind,
        id: i64,
        uid: String,
    },

    /// Gives a person (a coder, a memo's author) the stable id they have elsewhere; the person
    /// must be in the project (their codings or memos made first).
    SetPersonUid {
        name: String,
        uid: String,
    },

    /// Several actions applied as one, undone as one ("code all hits", an import).
    Batch {
        label: String,
        actions: Vec<Action>,
    },
}

impl Action {
    /// Consecutive actions with the same key within a short time merge into one undo step
    /// (typing in a memo, nudging a coding's boundaries).
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Action::UpdateMemo { id, .. } => Some(format!("memo:{}", id.0)),
            Action::UpdateCode { id, .. } => Some(format!("code:{}", id.0)),
            Action::SetCodingRange { id, .. } => Some(format!("range:{}", id.0)),
            _ => None,
        }
    }

    /// A short human label for menus, undo history and the audit trail.
    pub fn label(&self) -> String {
        use Action::*;
        match self {
            SetProjectName { .. } => "Rename project".into(),
            CreateCase { name, .. } => format!("Create case \u{201c}{name}\u{201d}"),
            RenameCase { name, .. } => format!("Rename case to \u{201c}{name}\u{201d}"),
            DeleteCase { .. } => "Delete case".into(),
            SetCaseAttribute { key, .. } => format!("Set case attribute \u{201c}{key}\u{201d}"),
            AddDocument { title, .. } => format!("Import \u{201c}{title}\u{201d}"),
            RenameDocument { title, .. } => format!("Rename document to \u{201c}{title}\u{201d}"),
            SetDocumentCase { .. } => "Move document to case".into(),
            SetDocumentAttribute { key, .. } => {
                format!("Set document attribute \u{201c}{key}\u{201d}")
            }
            DeleteDocument { .. } => "Delete document".into(),
            CreateCode { name, .. } => format!("Create code \u{201c}{name}\u{201d}"),
            UpdateCode { name, .. } => format!("Edit code \u{201c}{name}\u{201d}"),
            SetCodeConcept { .. } => "Move code".into(),
            DeleteCode { .. } => "Delete code".into(),
            CreateConcept { name, .. } => format!("Create concept \u{201c}{name}\u{201d}"),
            RenameConcept { name, .. } => format!("Rename concept to \u{201c}{name}\u{201d}"),
            SetConceptCategory { .. } => "Move concept".into(),
            DeleteConcept { .. } => "Delete concept".into(),
            CreateCategory { name, .. } => format!("Create category \u{201c}{name}\u{201d}"),
            RenameCategory { name, .. } => format!("Rename category to \u{201c}{name}\u{201d}"),
            SetCategoryClass { .. } => "Place category".into(),
            SetCoreCategory { .. } => "Set core category".into(),
            DeleteCategory { .. } => "Delete category".into(),
            CreateRelation { kind, .. } => format!("Relate categories ({kind})"),
            DeleteRelation { .. } => "Delete relation".into(),
            AddEvidence { .. } => "Add evidence to relation".into(),
            RemoveEvidence { .. } => "Remove evidence".into(),
            CreateProperty { name, .. } => format!("Add property \u{201c}{name}\u{201d}"),
            UpdateProperty { name, .. } => format!("Edit property \u{201c}{name}\u{201d}"),
            RenamePropertyPoint { new_name, .. } => format!("Rename point to \u{201c}{new_name}\u{201d}"),
            DeleteProperty { .. } => "Delete property".into(),
            PlaceCoding { point: Some(point), .. } => format!("Place passage at \u{201c}{point}\u{201d}"),
            PlaceCoding { point: None, .. } => "Take passage off a property".into(),
            SetCategoryLevel { .. } => "Set category's matrix level".into(),
            SetCodingPrompted { prompted: true, .. } => "Mark coding prompted".into(),
            SetCodingPrompted { prompted: false, .. } => "Mark coding unprompted".into(),
            CreateCoding { .. } => "Code passage".into(),
            SetCodingRange { .. } => "Adjust coding".into(),
            SetCodingCode { .. } => "Change coding's code".into(),
            DeleteCoding { .. } => "Remove coding".into(),
            CreateMemo { .. } => "Write memo".into(),
            UpdateMemo { .. } => "Edit memo".into(),
            DeleteMemo { .. } => "Delete memo".into(),
            CreateDimension { dimension, .. } => {
                format!("Add cube dimension \u{201c}{}\u{201d}", dimension.key)
            }
            DeleteDimension { key } => format!("Remove cube dimension \u{201c}{key}\u{201d}"),
            RenameDimension { label, .. } => format!("Rename cube dimension to \u{201c}{label}\u{201d}"),
            MoveDimension { key, .. } => format!("Move cube dimension \u{201c}{key}\u{201d}"),
            CreateDimensionValue { value, .. } => format!("Add value \u{201c}{}\u{201d}", value.label),
            RenameDimensionValue { label, .. } => format!("Rename value to \u{201c}{label}\u{201d}"),
            MoveDimensionValue { key, .. } => format!("Move value \u{201c}{key}\u{201d}"),
            DeleteDimensionValue { key, .. } => format!("Remove value \u{201c}{key}\u{201d}"),
            CreateRelationKind { name, .. } => format!("Add relation kind \u{201c}{name}\u{201d}"),
            RenameRelationKind { new_name, .. } => format!("Rename relation kind to \u{201c}{new_name}\u{201d}"),
            MoveRelationKind { name, .. } => format!("Move relation kind \u{201c}{name}\u{201d}"),
            DeleteRelationKind { name } => format!("Remove relation kind \u{201c}{name}\u{201d}"),
            SetFacet { dimension, .. } => format!("Set {dimension} facet"),
            SetExpectation { .. } => "Set expected level".into(),
            SetUid { kind, .. } => format!("Keep the {} id from elsewhere", kind.as_str()),
            SetPersonUid { name, .. } => format!("Keep {name}'s id from elsewhere"),
            Batch { label, .. } => label.clone(),
        }
    }
}
