//! What the user asks for, as data. Views emit intents; [`AppState::handle`] turns each into
//! at most one action on the project (one transaction, one undo step) or a change of what is
//! selected. Failures become a notice, never a panic.
//!
//! [`AppState::handle`]: super::AppState::handle

mod coding;
mod handle;
mod import;
mod memos;
mod passage_walk;
mod selection;
#[cfg(test)]
mod tests;

pub use coding::in_vivo_name;
pub(super) use coding::new_coding;

use super::hits::HitsCode;
use axial_core::io::import::SourceText;
use axial_core::model::*;

#[derive(Clone, Debug)]
pub enum Intent {
    Undo,
    Redo,
    OpenDocument(DocumentId),
    /// Sets the selection in the open document (character offsets).
    Select {
        anchor: usize,
        focus: usize,
    },
    ClearSelection,
    SelectCoding(Option<CodingId>),
    SelectCode(Option<CodeId>),
    /// Selects a concept or category (its details, facets and memos show below).
    SelectGroup(Option<super::Group>),
    /// Sets (or clears) a cube facet value on a code, concept or category.
    SetFacet {
        owner: FacetOwner,
        dimension: String,
        value: Option<String>,
    },
    /// Codes the selected passage with an existing code.
    ApplyCode(CodeId),
    /// Creates a code with this name and codes the selected passage with it.
    CreateCodeAndApply(String),
    /// Codes the selected passage with a new code named after the passage itself.
    InVivo,
    RemoveCoding(CodingId),
    ChangeCodingCode(CodingId, CodeId),
    /// Moves a coding's boundaries to the current selection.
    FitCodingToSelection(CodingId),
    /// Writes the (first) memo on a target: creates it, or edits it (typing merges into one
    /// undo step).
    SetMemo {
        target: MemoTarget,
        text: String,
    },
    SetCodeDefinition {
        code: CodeId,
        definition: String,
    },
    /// Edits one memo's text (typing merges into one undo step).
    EditMemo {
        id: MemoId,
        text: String,
    },
    /// A further memo on a target (an item can carry several, each with a title).
    NewMemo {
        target: MemoTarget,
        title: String,
    },
    DeleteMemo(MemoId),
    /// Runs a search across all documents.
    Search {
        query: String,
        regex: bool,
        case_sensitive: bool,
    },
    /// Replaces the project with one of its backups (the state before is kept as a backup).
    RestoreBackup(std::path::PathBuf),
    /// Makes a rolling backup now (in the background).
    BackUpNow,
    /// Codes every current search hit, widened to `extent`, with a code (an existing one, or a
    /// new one made in the same step), as one undoable action.
    CodeAllHits {
        code: HitsCode,
        extent: axial_core::analysis::extent::Extent,
    },
    /// Opens a search hit: its document, selected.
    OpenHit(usize),
    /// Adds transcripts read by an import, as one undoable action.
    AddSources(Vec<SourceText>),
    /// The answer about files already in the project: import them again as copies, or skip.
    ResolveDuplicates {
        import: bool,
    },
    /// Imports an Axial project JSON (`axial.project/1`) into this project, as one action.
    ImportProjectJson(std::path::PathBuf),
    /// Changes the category model (regroup, place, rename, create, delete, core).
    EditTree(super::TreeEdit),
    /// Reads the passages under a code, concept, category or class one by one: opens the first.
    ReadPassages(axial_core::analysis::retrieval::Scope),
    /// Opens the next (+1) or previous (-1) passage of the walk.
    StepPassage(isize),
    EndWalk,
    /// Creates a case, and puts a document in it if one is given: one undo step.
    NewCase {
        name: String,
        document: Option<DocumentId>,
    },
    /// Edits a case or document (create, rename, delete a case; rename a document, move it to
    /// a case; set or clear an attribute): one of those actions, built by the documents panel.
    EditRecord(Action),
    /// Edits the project's vocabularies (cube dimensions and values, relation kinds): one of
    /// the dimension, value or relation-kind actions, built by the settings view.
    EditVocabulary(Action),
    /// Edits the depth of the model: properties, a passage placed on one, a relation's
    /// evidence, a category's matrix level, a prompted mark.
    EditDepth(DepthEdit),
    /// Writes a file a view made (its passages as quotes) in one atomic write.
    WriteFile {
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        what: String,
    },
    /// Writes an export to a file, in the background.
    Export(axial_core::export::Export, std::path::PathBuf),
    DismissNotice(usize),
    /// Writes a comment, a reply, an edit of one, a thread's status or a withdrawal (allowed
    /// while reviewing; never an undo step).
    Comment(CommentAction),
    /// Brings in the comments of a copy of this project that came back from a reviewer.
    ImportComments(std::path::PathBuf),
    /// Selects what a comment is on (a passage opens in the transcript).
    ShowCommentTarget(CommentTarget),
    /// Writes a copy of the project (to send for review), in the background.
    SaveCopy(std::path::PathBuf),
    /// Selects a relation between categories (the details panel shows it and its comments).
    SelectRelation(Option<RelationId>),
    /// Merges a second coder's copy of the project into it, in the background.
    MergeCopy(std::path::PathBuf),
    /// Settles a disagreement between two coders on a stretch of a document: one undo step.
    Settle {
        document: DocumentId,
        start: usize,
        end: usize,
        /// The code the coders coded the stretch unalike with.
        code: CodeId,
        coders: (String, String),
        how: axial_core::edit::settle::Settle,
    },
    /// Opens a document with a stretch of it selected and in view (a disagreement, say).
    ShowPassage {
        document: DocumentId,
        start: usize,
        end: usize,
    },
}

/// What happens to an intent while a project import writes in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WhileWriting {
    /// It does not write: carried out at once.
    Now,
    /// It carries everything it needs (a memo's text, a coding's id): queued in order and saved
    /// when the import lands.
    Wait,
    /// It depends on what is selected or on the history now (code the selection, undo): carried
    /// out later it would act on something else, so it is refused with a notice.
    Refuse,
}

/// An edit of the model's depth from the window, by ids; those that create a row get its id
/// under the write lock.
#[derive(Clone, Debug, PartialEq)]
pub enum DepthEdit {
    AddProperty { category: CategoryId, name: String, dimension: PropertyDimension },
    UpdateProperty { id: PropertyId, name: String, dimension: PropertyDimension },
    DeleteProperty(PropertyId),
    Place { coding: CodingId, property: PropertyId, point: Option<String> },
    AddEvidence { relation: RelationId, document: DocumentId, start: usize, end: usize },
    RemoveEvidence(EvidenceId),
    SetLevel { category: CategoryId, level: Option<ConditionLevel> },
    SetPrompted { coding: CodingId, prompted: bool },
}

impl DepthEdit {
    /// The action, with any new row's id from `ids`. A property edited in place whose points
    /// keep their number renames each changed point (its passages move with it) before the
    /// rest of the edit, in one step.
    pub fn action(self, project: &Project, ids: &mut axial_core::store::IdAllocator) -> Action {
        if let DepthEdit::UpdateProperty { id, name, dimension } = &self
            && let Some(old) = project.depth().property(*id)
            && old.dimension.points.len() == dimension.points.len()
            && old.dimension.points != dimension.points
        {
            let mut actions: Vec<Action> = old
                .dimension
                .points
                .iter()
                .zip(&dimension.points)
                .filter(|(was, now)| was != now)
                .map(|(was, now)| Action::RenamePropertyPoint { id: *id, point: was.clone(), new_name: now.clone() })
                .collect();
            actions.push(Action::UpdateProperty { id: *id, name: name.clone(), dimension: dimension.clone() });
            return Action::Batch { label: format!("Edit property \u{201c}{name}\u{201d}"), actions };
        }
        match self {
            DepthEdit::AddProperty { category, name, dimension } => {
                Action::CreateProperty { id: ids.property(), category, name, dimension }
            }
            DepthEdit::UpdateProperty { id, name, dimension } => Action::UpdateProperty { id, name, dimension },
            DepthEdit::DeleteProperty(id) => Action::DeleteProperty { id },
            DepthEdit::Place { coding, property, point } => Action::PlaceCoding { coding, property, point },
            DepthEdit::AddEvidence { relation, document, start, end } => {
                Action::AddEvidence { id: ids.evidence(), relation, document, start, end }
            }
            DepthEdit::RemoveEvidence(id) => Action::RemoveEvidence { id },
            DepthEdit::SetLevel { category, level } => Action::SetCategoryLevel { id: category, level },
            DepthEdit::SetPrompted { coding, prompted } => Action::SetCodingPrompted { id: coding, prompted },
        }
    }
}

impl Intent {
    fn while_writing(&self) -> WhileWriting {
        match self {
            Intent::OpenDocument(_)
            | Intent::Select { .. }
            | Intent::ClearSelection
            | Intent::SelectCoding(_)
            | Intent::SelectCode(_)
            | Intent::SelectGroup(_)
            | Intent::Search { .. }
            | Intent::OpenHit(_)
            | Intent::Export(..)
            | Intent::WriteFile { .. }
            | Intent::ReadPassages(_)
            | Intent::StepPassage(_)
            | Intent::EndWalk
            | Intent::DismissNotice(_)
            | Intent::ShowCommentTarget(_)
            | Intent::SaveCopy(_)
            | Intent::SelectRelation(_)
            | Intent::ShowPassage { .. }
            | Intent::BackUpNow => WhileWriting::Now,
            Intent::SetMemo { .. }
            | Intent::EditMemo { .. }
            | Intent::NewMemo { .. }
            | Intent::DeleteMemo(_)
            | Intent::SetCodeDefinition { .. }
            | Intent::RemoveCoding(_)
            | Intent::ChangeCodingCode(..)
            | Intent::AddSources(_)
            | Intent::Comment(_)
            | Intent::ResolveDuplicates { .. } => WhileWriting::Wait,
            Intent::Undo
            | Intent::Redo
            | Intent::ApplyCode(_)
            | Intent::CreateCodeAndApply(_)
            | Intent::InVivo
            | Intent::FitCodingToSelection(_)
            | Intent::CodeAllHits { .. }
            | Intent::ImportProjectJson(_)
            | Intent::RestoreBackup(_)
            | Intent::EditTree(_)
            | Intent::SetFacet { .. }
            | Intent::EditVocabulary(_)
            | Intent::EditRecord(_)
            | Intent::EditDepth(_)
            | Intent::ImportComments(_)
            | Intent::MergeCopy(_)
            | Intent::Settle { .. }
            | Intent::NewCase { .. } => WhileWriting::Refuse,
        }
    }

    /// Whether this changes the project (its model or its history): refused while reviewing
    /// or read-only. Selecting, reading, searching, exporting and commenting do not: what runs
    /// at once beside a background write is exactly what writes nothing, and comments are
    /// the one write a reviewer makes.
    pub fn changes_project(&self) -> bool {
        self.while_writing() != WhileWriting::Now && !matches!(self, Intent::Comment(_) | Intent::ImportComments(_))
    }
}
