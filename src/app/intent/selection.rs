//! What is open and selected: a document, a passage in it, a coding, a code, a concept or
//! category, a search hit. None of this writes to the project.

use crate::app::{AppError, AppState, Group, Selection};
use axial_core::model::{CodeId, CodingId, DocumentId};

impl AppState {
    /// Opens a document; another one opens with nothing selected, at the top.
    pub(super) fn open_document(&mut self, id: DocumentId) -> Result<(), AppError> {
        if self.project.document(id).is_none() {
            return Err(AppError::Gone("document"));
        }
        if self.document != Some(id) {
            self.document = Some(id);
            self.selection = None;
            self.selected_coding = None;
            self.scroll_to = Some(0);
        }
        Ok(())
    }

    /// Sets the selection in the open document (character offsets).
    pub(super) fn select_passage(&mut self, anchor: usize, focus: usize) -> Result<(), AppError> {
        let doc = self.current_document().ok_or(AppError::NoDocument)?;
        let len = doc.char_len();
        let selection = Selection { document: doc.id, anchor: anchor.min(len), focus: focus.min(len) };
        // A new selection drops the selected coding: the details panel and Delete then
        // act on nothing stale (select a coding again, e.g. to fit it to this passage).
        if self.selection.map(|s| s.range()) != Some(selection.range()) {
            self.selected_coding = None;
        }
        self.selection = Some(selection);
        Ok(())
    }

    /// Selects a coding (or none): its document opens, its code is selected, the reader
    /// scrolls to it.
    pub(super) fn select_coding(&mut self, id: Option<CodingId>) -> Result<(), AppError> {
        self.selected_coding = id;
        if id.is_some() {
            self.selected_relation = None;
        }
        if let Some(c) = id.and_then(|id| self.project.coding(id)).cloned() {
            if self.document != Some(c.document) {
                self.document = Some(c.document);
                self.selection = None;
            }
            self.selected_code = Some(c.code);
            self.scroll_to = Some(c.start);
        }
        Ok(())
    }

    /// Selects a relation between categories (or none); one selected drops the other
    /// selections, so the details panel shows it.
    pub(super) fn select_relation(&mut self, id: Option<axial_core::model::RelationId>) -> Result<(), AppError> {
        if id.is_some_and(|id| self.project.relation(id).is_none()) {
            return Err(AppError::Gone("relation"));
        }
        self.selected_relation = id;
        if id.is_some() {
            self.selected_code = None;
            self.selected_coding = None;
            self.selected_group = None;
        }
        Ok(())
    }

    /// Selects a code (or none); a code selected drops the selected concept or category.
    pub(super) fn select_code(&mut self, id: Option<CodeId>) -> Result<(), AppError> {
        // Another code: the coding selected before is no longer what the details show.
        if self.selected_coding.and_then(|c| self.project.coding(c)).map(|c| c.code) != id {
            self.selected_coding = None;
        }
        self.selected_code = id;
        if id.is_some() {
            self.selected_group = None;
            self.selected_relation = None;
        }
        Ok(())
    }

    /// Selects a concept or category (or none); one selected drops the selected code and
    /// coding.
    pub(super) fn select_group(&mut self, group: Option<Group>) -> Result<(), AppError> {
        self.selected_group = group;
        if group.is_some() {
            self.selected_code = None;
            self.selected_coding = None;
            self.selected_relation = None;
        }
        Ok(())
    }

    /// Opens `document` with `[start, end)` selected and scrolled to.
    pub(super) fn show_passage(&mut self, document: DocumentId, start: usize, end: usize) -> Result<(), AppError> {
        let doc = self.project.document(document).ok_or(AppError::Gone("document"))?;
        let len = doc.char_len();
        self.document = Some(document);
        self.selection = Some(Selection { document, anchor: start.min(len), focus: end.min(len) });
        self.selected_coding = None;
        self.scroll_to = Some(start.min(len));
        Ok(())
    }

    /// Opens a search hit: its document, selected.
    pub(super) fn open_hit(&mut self, i: usize) -> Result<(), AppError> {
        let hit = self.search.hits.get(i).cloned().ok_or(AppError::HitGone)?;
        self.document = Some(hit.document);
        self.selection = Some(Selection { document: hit.document, anchor: hit.start, focus: hit.end });
        self.selected_coding = None;
        self.scroll_to = Some(hit.start);
        Ok(())
    }
}
