//! Coding passages: with an existing code, a new one, or an in-vivo one named after the
//! passage; giving a coding another code or new boundaries.

use crate::app::{AppError, AppState, reader};
use axial_core::model::*;

impl AppState {
    /// Codes the selected passage with an existing code.
    pub(super) fn apply_code(&mut self, code: CodeId) -> Result<(), AppError> {
        let (doc, start, end) = self.passage()?;
        self.code_passage(doc, code, start, end)
    }

    /// Codes the selected passage with the code of this name, created if the project has none.
    pub(super) fn create_code_and_apply(&mut self, name: String) -> Result<(), AppError> {
        let (doc, start, end) = self.passage()?;
        let name = name.trim().to_owned();
        if let Some(existing) = self.project.code_named(&name) {
            return self.code_passage(doc, existing.id, start, end);
        }
        self.create_and_code(name, doc, start, end)
    }

    /// Codes the selected passage with a code named after the passage itself (see
    /// [`in_vivo_name`]).
    pub(super) fn code_in_vivo(&mut self) -> Result<(), AppError> {
        let (doc, start, end) = self.passage()?;
        let text = &self.project.document(doc).ok_or(AppError::Gone("document"))?.text;
        let name = in_vivo_name(&reader::slice(text, start, end));
        if name.is_empty() {
            return Err(AppError::NoWords);
        }
        if let Some(existing) = self.project.code_named(&name) {
            return self.code_passage(doc, existing.id, start, end);
        }
        self.create_and_code(name, doc, start, end)
    }

    /// Gives a coding another code (which becomes recent).
    pub(super) fn change_coding_code(&mut self, id: CodingId, code: CodeId) -> Result<(), AppError> {
        self.apply(Action::SetCodingCode { id, code })?;
        self.touch_recent(code);
        Ok(())
    }

    /// Moves a coding's boundaries to the current selection.
    pub(super) fn fit_coding_to_selection(&mut self, id: CodingId) -> Result<(), AppError> {
        let (doc, start, end) = self.passage()?;
        let coding = self.project.coding(id).ok_or(AppError::Gone("coding"))?;
        if coding.document != doc {
            return Err(AppError::OtherDocument);
        }
        self.apply_merging(Action::SetCodingRange { id, start, end })
    }

    /// The open document and the selected passage in it.
    fn passage(&self) -> Result<(DocumentId, usize, usize), AppError> {
        let doc = self.document.ok_or(AppError::NoDocument)?;
        let (start, end) = self.selected_range().ok_or(AppError::NoSelection)?;
        Ok((doc, start, end))
    }

    fn code_passage(&mut self, document: DocumentId, code: CodeId, start: usize, end: usize) -> Result<(), AppError> {
        // The same coder coding a passage twice with one code is a duplicate; another coder
        // coding it alike is a second coding (what agreement counts).
        let me = self.store.user();
        if self
            .project
            .codings_in(document)
            .any(|c| c.code == code && c.start == start && c.end == end && c.coder == me)
        {
            return Err(AppError::AlreadyCoded);
        }
        let coder = self.store.user().to_owned();
        let id = self.apply_new(|_, ids| {
            let id = ids.coding();
            Ok((new_coding(&coder, id, document, code, start, end), id))
        })?;
        self.select_new_coding(code, id);
        Ok(())
    }

    /// After coding a passage: the code becomes recent, and the coding and code are selected.
    fn select_new_coding(&mut self, code: CodeId, coding: CodingId) {
        self.touch_recent(code);
        self.selected_coding = Some(coding);
        self.selected_code = Some(code);
    }

    /// Creates a code and codes the passage with it: one action, one undo step.
    fn create_and_code(
        &mut self,
        name: String,
        document: DocumentId,
        start: usize,
        end: usize,
    ) -> Result<(), AppError> {
        let coder = self.store.user().to_owned();
        let (code, coding) = self.apply_new(|project, ids| {
            let (code, coding) = (ids.code(), ids.coding());
            let color = CODE_PALETTE[project.codes().len() % CODE_PALETTE.len()].to_owned();
            let label = format!("Code passage with new code \u{201c}{name}\u{201d}");
            let actions = vec![
                Action::CreateCode { id: code, name, color, definition: String::new(), concept: None },
                new_coding(&coder, coding, document, code, start, end),
            ];
            Ok((Action::Batch { label, actions }, (code, coding)))
        })?;
        self.select_new_coding(code, coding);
        Ok(())
    }
}

/// A new coding by `coder`, now.
pub(in crate::app) fn new_coding(
    coder: &str,
    id: CodingId,
    document: DocumentId,
    code: CodeId,
    start: usize,
    end: usize,
) -> Action {
    Action::CreateCoding { id, document, code, start, end, coder: coder.to_owned(), created: now_rfc3339() }
}

/// The longest in-vivo code name; a longer passage is cut at a word boundary.
const IN_VIVO_MAX: usize = 60;

/// An in-vivo code name from a passage: its words on one line, quotes and outer punctuation
/// trimmed, cut at a word boundary if long.
pub fn in_vivo_name(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let mut name = String::new();
    for w in words {
        if name.chars().count() + w.chars().count() + 1 > IN_VIVO_MAX && !name.is_empty() {
            name.push('…');
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    name.trim_matches(|c: char| c.is_ascii_punctuation() && c != '…' || matches!(c, '“' | '”' | '‘' | '’'))
        .trim()
        .to_owned()
}
