//! Writes that could not be saved yet because another program holds the project's write lock
//! (a long import from a terminal, a second window): the text typed is kept, the window says
//! "not saved yet", and the writes are retried in order until they land. Nothing typed is
//! dropped.

use super::{AppError, AppState, Intent};
use axial_core::model::{MemoId, MemoTarget};

/// How often unsaved writes are tried again.
pub const RETRY_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Whether `e` means only "another connection is writing now; try again".
pub fn is_busy(e: &AppError) -> bool {
    match e {
        AppError::Store(s) => s.is_retryable(),
        AppError::Project(axial_core::project::ProjectError::Store(s)) => s.is_retryable(),
        _ => false,
    }
}

/// Whether `new` makes `old` pointless: both set the whole text of the same thing.
fn supersedes(new: &Intent, old: &Intent) -> bool {
    match (new, old) {
        (Intent::SetMemo { target: a, .. }, Intent::SetMemo { target: b, .. }) => a == b,
        (Intent::EditMemo { id: a, .. }, Intent::EditMemo { id: b, .. }) => a == b,
        (Intent::SetCodeDefinition { code: a, .. }, Intent::SetCodeDefinition { code: b, .. }) => a == b,
        _ => false,
    }
}

/// How long the window's own writes wait for another program's write lock before they are
/// kept as unsaved and retried: short, so the window never freezes.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

impl AppState {
    /// How long a write waits for another program's write lock (see [`BUSY_WAIT`]).
    pub fn set_busy_wait(&mut self, wait: std::time::Duration) {
        let _ = self.store.set_busy_timeout(wait);
    }

    /// Keeps a write that found the project busy, to be saved by [`Self::retry_unsaved`].
    pub(super) fn keep_unsaved(&mut self, intent: Intent) {
        self.unsaved.retain(|old| !supersedes(&intent, old));
        self.unsaved.push(intent);
    }

    /// Whether some edits are shown but not yet saved (the project is busy elsewhere).
    pub fn not_saved_yet(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// [`Self::retry_unsaved`] at most every [`RETRY_EVERY`] (each try may wait [`BUSY_WAIT`]
    /// for the lock, so the window does not try every frame). Returns whether any are left.
    pub fn retry_unsaved_when_due(&mut self, now: std::time::Instant) -> bool {
        if self.unsaved.is_empty() {
            return false;
        }
        // Not while an import or a restore writes through its own connection: an edit saved
        // in the middle of a restore would be in neither the copy kept before it nor the
        // restored project. They are tried again once it lands.
        if self.writing_in_background() {
            return true;
        }
        if self.unsaved_tried.is_some_and(|t| now.saturating_duration_since(t) < RETRY_EVERY) {
            return true;
        }
        self.unsaved_tried = Some(now);
        self.retry_unsaved()
    }

    /// Tries the unsaved writes again, in order, stopping at the first that still finds the
    /// project busy. Returns whether any are left.
    pub fn retry_unsaved(&mut self) -> bool {
        while !self.unsaved.is_empty() {
            let intent = self.unsaved.remove(0);
            match self.try_handle(intent.clone()) {
                Ok(()) => {}
                Err(e) if is_busy(&e) => {
                    self.unsaved.insert(0, intent);
                    return true;
                }
                Err(e) => self.error(e.to_string()),
            }
        }
        false
    }

    /// The text typed for a memo that is not saved yet (the editor shows it, not the file's).
    pub fn unsaved_memo_text(&self, target: &MemoTarget, memo: Option<MemoId>) -> Option<&str> {
        self.unsaved.iter().rev().find_map(|i| match i {
            Intent::SetMemo { target: t, text } if t == target => Some(text.as_str()),
            Intent::EditMemo { id, text } if Some(*id) == memo => Some(text.as_str()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axial_core::store::Store;
    use rusqlite::Connection;

    #[test]
    fn a_memo_typed_while_another_program_writes_is_kept_and_saved_when_it_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(Store::create(&path).unwrap());
        let mut app = AppState::open(&path).unwrap();
        app.set_busy_wait(std::time::Duration::from_millis(20));
        // Another program takes the write lock and keeps it.
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "First".into() });
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "First thoughts".into() });
        assert!(app.not_saved_yet());
        assert!(app.notices.iter().all(|n| !n.error), "busy is not an error: {:?}", app.notices);
        assert_eq!(app.unsaved_memo_text(&MemoTarget::Project, None), Some("First thoughts"));
        assert!(app.retry_unsaved(), "still busy");
        other.execute_batch("COMMIT").unwrap();
        assert!(!app.retry_unsaved(), "saved once the lock is free");
        let saved = Store::open_read_only(&path).unwrap().load().unwrap();
        let memo = saved.memos_on(&MemoTarget::Project).next().expect("the memo is in the file");
        assert_eq!(memo.text, "First thoughts");
    }

    #[test]
    fn a_memo_made_while_another_program_writes_one_gets_its_own_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(Store::create(&path).unwrap());
        let mut app = AppState::open(&path).unwrap();
        app.set_busy_wait(std::time::Duration::from_secs(10));
        // Another program is writing a memo with the next free id and commits a moment later,
        // while the window's write waits for the lock.
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch(
                "BEGIN IMMEDIATE;
                 INSERT INTO memo (id, target_kind, target_id, title, text, author, created, modified)
                 VALUES (1, 'project', NULL, 'Theirs', '', 'them', 't', 't');",
            )
            .unwrap();
        let commit = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(200));
            other.execute_batch("COMMIT").unwrap();
        });
        app.handle(Intent::NewMemo { target: MemoTarget::Project, title: "Mine".into() });
        commit.join().unwrap();
        assert!(app.notices.iter().all(|n| !n.error), "{:?}", app.notices);
        assert!(!app.not_saved_yet());
        let saved = Store::open_read_only(&path).unwrap().load().unwrap();
        let mut titles: Vec<_> = saved.memos_on(&MemoTarget::Project).map(|m| m.title.clone()).collect();
        titles.sort();
        assert_eq!(titles, ["Mine", "Theirs"]);
    }
}
