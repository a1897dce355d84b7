//! The single write path: apply an action with its inverse and an audit row in one
//! transaction; undo and redo walk the persisted history.

use super::{Result, Store, StoreError, apply::apply};
use crate::model::{Action, now_rfc3339};
use rusqlite::{OptionalExtension, Transaction, params};

/// One row of the undo history, for menus ("Undo Code passage").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub seq: i64,
    pub label: String,
    pub undone: bool,
    pub who: String,
    pub at: String,
}

impl Store {
    /// Applies `action` in one transaction: the change, its inverse in the history (dropping
    /// anything that was undone), and an audit row. On error nothing is written.
    pub fn apply(&mut self, action: &Action) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let who = self.user.clone();
        let tx = self.conn.transaction()?;
        let inverse = apply(&tx, action)?;
        let label = action.label();
        let at = now_rfc3339();
        tx.execute("DELETE FROM history WHERE undone = 1", [])?;
        tx.execute(
            "INSERT INTO history (label, forward, inverse, who, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![label, serde_json::to_string(action)?, serde_json::to_string(&inverse)?, who, at],
        )?;
        audit(&tx, &who, &at, "do", &label, action)?;
        tx.commit()?;
        Ok(())
    }

    /// As [`Store::apply`], but if the latest history entry has the same
    /// [`Action::merge_key`] and is under 30 seconds old, the change joins that entry: one
    /// undo step for a burst of typing. Every change is still committed at once.
    pub fn apply_merging(&mut self, action: &Action) -> Result<()> {
        let Some(key) = action.merge_key() else {
            return self.apply(action);
        };
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let last: Option<(i64, String, String)> = self
            .conn
            .query_row("SELECT seq, forward, at FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let recent = |at: &str| {
            humantime::parse_rfc3339(at)
                .ok()
                .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age.as_secs() < 30)
        };
        let joins = last.as_ref().is_some_and(|(_, forward, at)| {
            serde_json::from_str::<Action>(forward).ok().and_then(|a| a.merge_key()).as_deref() == Some(key.as_str())
                && recent(at)
        });
        if !joins {
            return self.apply(action);
        }
        let (seq, _, _) = last.expect("joins implies a last entry");
        let who = self.user.clone();
        let tx = self.conn.transaction()?;
        apply(&tx, action)?;
        let at = now_rfc3339();
        tx.execute("DELETE FROM history WHERE undone = 1", [])?;
        tx.execute(
            "UPDATE history SET forward = ?1, at = ?2 WHERE seq = ?3",
            params![serde_json::to_string(action)?, at, seq],
        )?;
        audit(&tx, &who, &at, "do", &action.label(), action)?;
        tx.commit()?;
        Ok(())
    }

    /// Undoes the latest action not yet undone; returns its label.
    pub fn undo(&mut self) -> Result<String> {
        self.step("undo")
    }

    /// Redoes the earliest undone action; returns its label.
    pub fn redo(&mut self) -> Result<String> {
        self.step("redo")
    }

    fn step(&mut self, event: &'static str) -> Result<String> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let who = self.user.clone();
        let tx = self.conn.transaction()?;
        let sql = if event == "undo" {
            "SELECT seq, label, inverse FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
        } else {
            "SELECT seq, label, forward FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
        };
        let Some((seq, label, json)) = tx
            .query_row(sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .optional()?
        else {
            return Err(StoreError::NothingTo(event));
        };
        let action: Action = serde_json::from_str(&json)?;
        apply(&tx, &action)?;
        tx.execute("UPDATE history SET undone = ?1 WHERE seq = ?2", params![event == "undo", seq])?;
        audit(&tx, &who, &now_rfc3339(), event, &label, &action)?;
        tx.commit()?;
        Ok(label)
    }

    /// The label of what Ctrl+Z would undo, if anything.
    pub fn undo_label(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT label FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
            .optional()?)
    }

    /// The label of what Ctrl+Shift+Z would redo, if anything.
    pub fn redo_label(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT label FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1", [], |r| r.get(0))
            .optional()?)
    }

    /// The whole undo history, oldest first.
    pub fn history(&self) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare("SELECT seq, label, undone, who, at FROM history ORDER BY seq")?;
        let out = stmt
            .query_map([], |r| {
                Ok(HistoryEntry { seq: r.get(0)?, label: r.get(1)?, undone: r.get(2)?, who: r.get(3)?, at: r.get(4)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    /// Makes the current state the start of the undo history (a sample's working copy starts
    /// as a finished import, not as something to undo). The audit trail keeps everything.
    pub fn forget_history(&mut self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.conn.execute("DELETE FROM history", [])?;
        Ok(())
    }

    /// Number of audit rows (every do, undo and redo ever applied).
    pub fn audit_len(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }
}

fn audit(tx: &Transaction, who: &str, at: &str, event: &str, label: &str, action: &Action) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (at, who, event, label, action) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, who, event, label, serde_json::to_string(action)?],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::Store;

    #[test]
    fn a_burst_of_memo_edits_is_one_undo_step() {
        let mut store = Store::in_memory("t").unwrap();
        let id = store.ids().unwrap().memo();
        let memo =
            |text: &str| Action::UpdateMemo { id, title: String::new(), text: text.into(), modified: "t".into() };
        store
            .apply(&Action::CreateMemo {
                id,
                target: MemoTarget::Project,
                title: String::new(),
                text: String::new(),
                author: "a".into(),
                created: "t".into(),
                modified: "t".into(),
            })
            .unwrap();
        for text in ["T", "Th", "The storyline"] {
            store.apply_merging(&memo(text)).unwrap();
        }
        assert_eq!(store.load().unwrap().memos[0].text, "The storyline");
        assert_eq!(store.history().unwrap().len(), 2, "create + one merged edit");
        store.undo().unwrap();
        assert_eq!(store.load().unwrap().memos[0].text, "", "one undo takes back the whole burst");
        store.redo().unwrap();
        assert_eq!(store.load().unwrap().memos[0].text, "The storyline", "redo replays the last text");
    }
}
