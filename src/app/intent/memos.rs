//! Memos and code definitions: texts typed in the window, saved as they are typed (the edits
//! of one text merge into one undo step).

use crate::app::{AppError, AppState};
use axial_core::model::*;

impl AppState {
    /// Writes the (first) memo on a target: creates it, or edits it (typing merges into one
    /// undo step).
    pub(super) fn set_memo(&mut self, target: MemoTarget, text: String) -> Result<(), AppError> {
        let existing = self.project.memos_on(&target).next().cloned();
        match existing {
            Some(memo) if memo.text == text => Ok(()),
            Some(memo) => {
                self.apply_merging(Action::UpdateMemo { id: memo.id, title: memo.title, text, modified: now_rfc3339() })
            }
            None if text.is_empty() => Ok(()),
            None => self.create_memo(target, String::new(), text),
        }
    }

    /// Edits one memo's text (typing merges into one undo step).
    pub(super) fn edit_memo(&mut self, id: MemoId, text: String) -> Result<(), AppError> {
        let memo = self.project.memo(id).ok_or(AppError::Gone("memo"))?.clone();
        if memo.text == text {
            return Ok(());
        }
        self.apply_merging(Action::UpdateMemo { id, title: memo.title, text, modified: now_rfc3339() })
    }

    /// A further memo on a target (an item can carry several, each with a title).
    pub(super) fn new_memo(&mut self, target: MemoTarget, title: String) -> Result<(), AppError> {
        self.create_memo(target, title.trim().to_owned(), String::new())
    }

    /// A new memo by the current user, now, its id picked under the write lock.
    fn create_memo(&mut self, target: MemoTarget, title: String, text: String) -> Result<(), AppError> {
        let (author, now) = (self.store.user().to_owned(), now_rfc3339());
        self.apply_new(|_, ids| {
            let memo =
                Action::CreateMemo { id: ids.memo(), target, title, text, author, created: now.clone(), modified: now };
            Ok((memo, ()))
        })
    }

    /// Sets a code's definition (typing merges into one undo step).
    pub(super) fn set_code_definition(&mut self, code: CodeId, definition: String) -> Result<(), AppError> {
        let c = self.project.code(code).ok_or(AppError::Gone("code"))?.clone();
        if c.definition == definition {
            return Ok(());
        }
        self.apply_merging(Action::UpdateCode { id: code, name: c.name, color: c.color, definition })
    }
}
