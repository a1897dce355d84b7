//! Transcripts read by an import: added as one undoable action, but files with the title of a
//! document already in the project first wait for the user's answer (import again as copies,
//! or skip them).

use crate::app::{AppError, AppState};
use axial_core::io::import::SourceText;

impl AppState {
    /// Adds transcripts read by an import; those with a title the project has wait in
    /// `duplicates`.
    pub(super) fn import_sources(&mut self, sources: Vec<SourceText>) -> Result<(), AppError> {
        // Files whose title a document has already wait for the user's answer (import
        // again as a copy, or skip) instead of silently becoming "title (2)".
        let titles: std::collections::HashSet<&str> = self.project.documents().map(|d| d.title.as_str()).collect();
        let (again, sources): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| titles.contains(s.title.as_str()));
        self.duplicates.extend(again);
        if sources.is_empty() { Ok(()) } else { self.add_sources(sources) }
    }

    /// The answer about files already in the project: import them again as copies, or skip
    /// them.
    pub(super) fn resolve_duplicates(&mut self, import: bool) -> Result<(), AppError> {
        let again = std::mem::take(&mut self.duplicates);
        if again.is_empty() {
            return Ok(());
        }
        if import {
            return self.add_sources(again);
        }
        let n = again.len();
        self.info(format!("Skipped {n} file{} already in the project.", if n == 1 { "" } else { "s" }));
        Ok(())
    }

    /// Adds transcripts read by an import, as one undoable action, and opens the last.
    fn add_sources(&mut self, sources: Vec<SourceText>) -> Result<(), AppError> {
        let n = sources.len();
        let (imported, changes) = axial_core::project::add_sources(&mut self.store, sources)?;
        self.patch(&changes)?;
        if let Some(last) = imported.last()
            && let Some(doc) = self.project.documents().rev().find(|d| d.title == last.title)
        {
            self.document = Some(doc.id);
            self.selection = None;
        }
        self.info(format!("Imported {n} document{}.", if n == 1 { "" } else { "s" }));
        // Repaired bytes and the like: imported, but the user should know where.
        for warning in imported.iter().flat_map(|d| &d.warnings) {
            self.info(format!("Imported with a warning: {warning}"));
        }
        Ok(())
    }
}
