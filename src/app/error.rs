//! What can go wrong when the app carries out an intent, as a type the views can match on
//! ("name taken" is not "not found"); the sentence is made only where a person reads it.

use axial_core::project::ProjectError;
use axial_core::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("open a document first")]
    NoDocument,
    #[error("select a passage first")]
    NoSelection,
    #[error("this passage already has that code")]
    AlreadyCoded,
    /// Something the user pointed at was deleted meanwhile (by an undo, say).
    #[error("that {0} no longer exists")]
    Gone(&'static str),
    #[error("the selection has no words to name a code with; select some words")]
    NoWords,
    #[error("select the new boundaries in the coding's own document")]
    OtherDocument,
    #[error("there are no new search hits to code; search for something first")]
    NoNewHits,
    #[error("that search hit is gone; search again")]
    HitGone,
    #[error("the work stopped unexpectedly and nothing was changed; try again")]
    Stopped,
    /// A project import or a restore is writing beside the window.
    #[error("a project import or a backup restore is still being written; do this again when it has finished")]
    WritingBeside,
    /// A model edit refused before it reached the store (e.g. fewer than two items to merge).
    #[error(transparent)]
    Edit(#[from] axial_core::edit::EditError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Export(#[from] axial_core::export::ExportError),
}
