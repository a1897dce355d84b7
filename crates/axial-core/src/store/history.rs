//! The single write path: apply an action with its inverse and an audit row in one
//! transaction; undo and redo walk the persisted history. Every path returns the
//! [`ChangeSet`] of what it changed, for the live model.
//!
//! Typing is a burst: the first keystroke writes a history row (with its merge key) and an
//! audit row; each later keystroke of the same burst changes the row it types into and only
//! touches the timestamps of those two rows. The burst's forward action (for redo) is written
//! once, when the burst is sealed: by the next other action, an undo or redo, or the next
//! open after a crash. Sealing reads the target's current state, which is exactly what the
//! burst did, so a keystroke costs what it changes, not the whole text three times.

use super::audit_form::AuditForm;
use super::history_text;
use super::json_cell::{self, JsonCell};
use super::lookup::{code_row, coding_row, memo, query_row};
use super::{Result, Store, StoreError, apply::apply};
use crate::model::{Action, ChangeSet, now_rfc3339};
use rusqlite::{Connection, OptionalExtension, params};

/// The format of the actions stored in `history.forward`/`inverse` (their serde JSON). Bump
/// it when `Action`'s JSON changes, and teach [`read_action`] the old form: a file's undo
/// history must work after an upgrade. `model::action`'s tests pin the JSON.
/// 1: serde JSON. 2: as 1, but an `add_document`'s text may be named by `"text_of"`
/// (`store::history_text`); format 1 rows read as they are.
pub const ACTION_FORMAT: i64 = 2;

/// A burst of typing joins the previous history entry while it is younger than this.
const MERGE_WINDOW_SECS: u64 = 30;

/// One row of the undo history, for menus ("Undo Code passage").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub seq: i64,
    pub label: String,
    pub undone: bool,
    pub who: String,
    pub at: String,
}

/// What an undo or redo did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub label: String,
    pub changes: ChangeSet,
}

impl Store {
    /// Applies `action` in one transaction: the change, its inverse in the history (dropping
    /// anything that was undone), and an audit row. On error nothing is written.
    pub fn apply(&mut self, action: &Action) -> Result<ChangeSet> {
        self.writable()?;
        let who = self.user.clone();
        let tx = self.write_transaction()?;
        seal_bursts(&tx)?;
        let mut changes = ChangeSet::default();
        let inverse = apply(&tx, action, &mut changes)?;
        record(&tx, &who, action, &inverse, None)?;
        tx.commit()?;
        Ok(changes)
    }

    /// Builds an action from the project as it is once this store holds the write lock, then
    /// applies it, in one transaction: the ids ([`Store::ids`]) and names `build` picks cannot
    /// be taken by another writer (another window, the command line) in between. `build` reads
    /// through the store it is given and returns the action and anything else to hand back.
    /// On any error nothing is written; [`StoreError::Busy`] means "try again".
    pub fn apply_built<T, E: From<StoreError>>(
        &mut self,
        build: impl FnOnce(&Store) -> Result<(Action, T), E>,
    ) -> Result<(T, ChangeSet), E> {
        self.apply_built_into(build, ChangeSet::default())
    }

    /// As [`Store::apply_built`], for a caller with no live model to patch (the command
    /// line): the changed rows are not kept, which on a large import is a copy of every row.
    pub fn apply_built_unobserved<T, E: From<StoreError>>(
        &mut self,
        build: impl FnOnce(&Store) -> Result<(Action, T), E>,
    ) -> Result<T, E> {
        self.apply_built_into(build, ChangeSet::discarding()).map(|(out, _)| out)
    }

    fn apply_built_into<T, E: From<StoreError>>(
        &mut self,
        build: impl FnOnce(&Store) -> Result<(Action, T), E>,
        mut changes: ChangeSet,
    ) -> Result<(T, ChangeSet), E> {
        self.writable()?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(StoreError::from)?;
        let result = build(self).and_then(|(action, out)| {
            seal_bursts(&self.conn)?;
            let inverse = apply(&self.conn, &action, &mut changes)?;
            record(&self.conn, &self.user, &action, &inverse, None)?;
            self.conn.execute_batch("COMMIT").map_err(StoreError::from)?;
            Ok((out, changes))
        });
        if result.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        result
    }

    /// As [`Store::apply`], but if the latest history entry has the same
    /// [`Action::merge_key`], is under 30 seconds old and nothing is waiting to be redone, the
    /// change joins that entry: one undo step and one audit row for a burst of typing. Every
    /// change is still committed at once.
    pub fn apply_merging(&mut self, action: &Action) -> Result<ChangeSet> {
        let Some(key) = action.merge_key() else {
            return self.apply(action);
        };
        self.writable()?;
        let who = self.user.clone();
        let tx = self.write_transaction()?;
        let last: Option<(i64, Option<String>, String, Option<i64>)> = query_row(
            &tx,
            "SELECT seq, merge_key, at, audit_id FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
        let redo_pending: bool = query_row(&tx, "SELECT count(*) > 0 FROM history WHERE undone = 1", [], |r| r.get(0))?;
        let mut changes = ChangeSet::default();
        match last {
            Some((seq, Some(last_key), at, audit_id)) if last_key == key && recent(&at) && !redo_pending => {
                apply(&tx, action, &mut changes)?;
                let now = now_rfc3339();
                tx.prepare_cached("UPDATE history SET at = ?1, open = 1 WHERE seq = ?2")?.execute(params![now, seq])?;
                if let Some(audit_id) = audit_id {
                    tx.prepare_cached("UPDATE audit SET at = ?1 WHERE id = ?2")?.execute(params![now, audit_id])?;
                }
            }
            _ => {
                seal_bursts(&tx)?;
                let inverse = apply(&tx, action, &mut changes)?;
                record(&tx, &who, action, &inverse, Some(&key))?;
            }
        }
        tx.commit()?;
        Ok(changes)
    }

    /// Undoes the latest action not yet undone.
    pub fn undo(&mut self) -> Result<Step> {
        self.step(Direction::Undo)
    }

    /// Redoes the earliest undone action.
    pub fn redo(&mut self) -> Result<Step> {
        self.step(Direction::Redo)
    }

    fn step(&mut self, direction: Direction) -> Result<Step> {
        self.writable()?;
        let who = self.user.clone();
        let tx = self.write_transaction()?;
        seal_bursts(&tx)?;
        let sql = match direction {
            Direction::Undo => {
                "SELECT seq, label, inverse, format FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
            }
            Direction::Redo => {
                "SELECT seq, label, forward, format FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
            }
        };
        let Some((seq, label, json, format)) = query_row(&tx, sql, [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, json_cell::read(r, 2)?, r.get::<_, i64>(3)?))
        })
        .optional()?
        else {
            return Err(StoreError::NothingTo(direction.name()));
        };
        let side = match direction {
            Direction::Undo => "inverse",
            Direction::Redo => "forward",
        };
        let json = form_json(&tx, seq, side, json)?;
        let action = read_action(&tx, &json, format)?;
        let mut changes = ChangeSet::default();
        apply(&tx, &action, &mut changes)?;
        // An entry undone or redone is finished: later typing starts a new one, never rewrites it.
        tx.execute(
            "UPDATE history SET undone = ?1, merge_key = NULL WHERE seq = ?2",
            params![direction == Direction::Undo, seq],
        )?;
        audit_action(&tx, &who, &now_rfc3339(), direction.name(), &label, &action)?;
        tx.commit()?;
        Ok(Step { label, changes })
    }

    /// The label of what Ctrl+Z would undo, if anything.
    pub fn undo_label(&self) -> Result<Option<String>> {
        Ok(query_row(&self.conn, "SELECT label FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?)
    }

    /// The label of what Ctrl+Shift+Z would redo, if anything.
    pub fn redo_label(&self) -> Result<Option<String>> {
        Ok(query_row(&self.conn, "SELECT label FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1", [], |r| {
            r.get(0)
        })
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
        self.writable()?;
        let tx = self.write_transaction()?;
        seal_bursts(&tx)?;
        tx.execute("DELETE FROM history", [])?;
        tx.execute("DELETE FROM parked_text", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Number of audit rows (every do, undo and redo ever applied; a burst of typing is one).
    pub fn audit_len(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }

    /// Writes the forward action of a burst left open (by a crash, or a window closed while
    /// typing), so the history reads as if the burst had ended normally.
    pub(super) fn seal_open_bursts(&mut self) -> Result<()> {
        // Only a file with a burst left open is written (an open takes no write lock otherwise).
        let open: bool = query_row(&self.conn, "SELECT count(*) > 0 FROM history WHERE open = 1", [], |r| r.get(0))?;
        if !open {
            return Ok(());
        }
        let tx = self.write_transaction()?;
        seal_bursts(&tx)?;
        tx.commit()?;
        Ok(())
    }

    pub(super) fn writable(&self) -> Result<()> {
        match self.mode {
            super::Mode::Edit => Ok(()),
            super::Mode::Review => Err(StoreError::Review),
            super::Mode::ReadOnly => Err(StoreError::ReadOnly),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

impl Direction {
    fn name(self) -> &'static str {
        match self {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        }
    }
}

fn recent(at: &str) -> bool {
    humantime::parse_rfc3339(at)
        .ok()
        .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age.as_secs() < MERGE_WINDOW_SECS)
}

/// A new history entry (dropping what was undone) and its audit row.
fn record(tx: &Connection, who: &str, action: &Action, inverse: &Action, merge_key: Option<&str>) -> Result<()> {
    let label = action.label();
    let at = now_rfc3339();
    let dropped_redo = tx.prepare_cached("DELETE FROM history WHERE undone = 1")?.execute([])? > 0;
    let audit_id = audit_action(tx, who, &at, "do", &label, action)?;
    // After the change: the texts it added or deleted are in the file for the history to name.
    let forward = history_text::stored_form(tx, action)?;
    let inverse = history_text::stored_form(tx, inverse)?;
    let (forward_cell, inverse_cell) = (JsonCell::of(&forward)?, JsonCell::of(&inverse)?);
    tx.prepare_cached(
        "INSERT INTO history (label, forward, inverse, who, at, format, merge_key, audit_id, open)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
    )?
    .execute(params![
        label,
        forward_cell.inline(),
        inverse_cell.inline(),
        who,
        at,
        ACTION_FORMAT,
        merge_key,
        audit_id
    ])?;
    let seq = tx.last_insert_rowid();
    write_form(tx, seq, "forward", &forward_cell, &forward)?;
    write_form(tx, seq, "inverse", &inverse_cell, &inverse)?;
    for form in [forward, inverse] {
        history_text::link(tx, seq, &form.texts_of())?;
    }
    // Only now: a text this action parked is named by its own row, and must stay.
    if dropped_redo {
        history_text::drop_unnamed(tx)?;
    }
    Ok(())
}

/// Keeps a history row's action that is too long for its cell in `history_form` (schema v11),
/// written in place as it is serialized.
fn write_form(tx: &Connection, seq: i64, side: &str, cell: &JsonCell, form: &impl serde::Serialize) -> Result<()> {
    if cell.is_inline() {
        return Ok(());
    }
    tx.prepare_cached("INSERT INTO history_form (seq, side, json) VALUES (?1, ?2, ?3)")?
        .execute(params![seq, side, cell])?;
    cell.fill(tx, "history_form", "json", tx.last_insert_rowid(), form)
}

/// A history row's action: `inline` as its row holds it, or from `history_form` when the row
/// holds '' there.
fn form_json(tx: &Connection, seq: i64, side: &str, inline: String) -> Result<String> {
    if !inline.is_empty() {
        return Ok(inline);
    }
    query_row(tx, "SELECT json FROM history_form WHERE seq = ?1 AND side = ?2", params![seq, side], |r| {
        json_cell::read(r, 0)
    })
    .optional()?
    .ok_or_else(|| {
        StoreError::Invalid(format!(
        "the {side} action of undo step {seq} is missing from the project file, so the step cannot be undone or redone; the project itself is intact"
    ))
    })
}

/// Undo steps whose long action (kept in `history_form`) the file no longer holds (a damaged
/// file): one sentence for `axial check`, or `None`.
pub(super) fn missing_forms(conn: &Connection) -> Result<Option<String>> {
    let missing: i64 = query_row(
        conn,
        "SELECT count(*) FROM history h
         WHERE (h.forward = '' AND NOT EXISTS
                   (SELECT 1 FROM history_form f WHERE f.seq = h.seq AND f.side = 'forward'))
            OR (h.inverse = '' AND NOT EXISTS
                   (SELECT 1 FROM history_form f WHERE f.seq = h.seq AND f.side = 'inverse'))",
        [],
        |r| r.get(0),
    )?;
    Ok((missing > 0).then(|| format!("{missing} undo step(s) lack the action the file keeps apart for them")))
}

/// Appends an audit row whose action is JSON text already (a comment's); returns its id.
pub(super) fn audit(tx: &Connection, who: &str, at: &str, event: &str, label: &str, action_json: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO audit (at, who, event, label, action) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![at, who, event, label, action_json])?;
    Ok(tx.last_insert_rowid())
}

/// Appends the audit row of a model action (in its [`AuditForm`], written as it is
/// serialized); returns its id.
fn audit_action(tx: &Connection, who: &str, at: &str, event: &str, label: &str, action: &Action) -> Result<i64> {
    let form = AuditForm(action);
    let cell = JsonCell::of(&form)?;
    tx.prepare_cached("INSERT INTO audit (at, who, event, label, action) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![at, who, event, label, cell])?;
    let id = tx.last_insert_rowid();
    cell.fill(tx, "audit", "action", id, &form)?;
    Ok(id)
}

/// An action as stored in the history, in the format it was written in, with the texts it
/// names read back.
fn read_action(tx: &Connection, json: &str, format: i64) -> Result<Action> {
    match format {
        1 | ACTION_FORMAT => history_text::resolve(tx, json),
        newer if newer > ACTION_FORMAT => Err(StoreError::Invalid(format!(
            "this project's undo history was written by a newer Axial (action format {newer}); update Axial to undo"
        ))),
        older => Err(StoreError::Invalid(format!(
            "this project's undo history uses an action format ({older}) this Axial cannot read"
        ))),
    }
}

/// Writes the forward action of every open burst from its target's current state.
fn seal_bursts(tx: &Connection) -> Result<()> {
    let open: Vec<(i64, String, i64, Option<i64>)> = {
        let mut stmt = tx.prepare_cached("SELECT seq, forward, format, audit_id FROM history WHERE open = 1")?;
        stmt.query_map([], |r| Ok((r.get(0)?, json_cell::read(r, 1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (seq, forward, format, audit_id) in open {
        if format > ACTION_FORMAT {
            // Left open by a newer Axial: leave it for that one to seal (its undo is refused
            // here with a sentence, not by failing to open the file).
            continue;
        }
        let forward = form_json(tx, seq, "forward", forward)?;
        let first = read_action(tx, &forward, format)?;
        let current = match current_state(tx, &first) {
            Ok(action) => serde_json::to_string(&action)?,
            // The target is gone (it cannot be, as every other action seals first): keep what
            // the burst began with rather than fail the write that is sealing it.
            Err(StoreError::NotFound { .. }) => forward,
            Err(e) => return Err(e),
        };
        tx.execute(
            "UPDATE history SET forward = ?1, format = ?2, open = 0 WHERE seq = ?3",
            params![current, ACTION_FORMAT, seq],
        )?;
        if let Some(audit_id) = audit_id {
            tx.execute("UPDATE audit SET action = ?1 WHERE id = ?2", params![current, audit_id])?;
        }
    }
    Ok(())
}

/// The action that sets the target of a mergeable action to what it holds now.
fn current_state(tx: &Connection, action: &Action) -> Result<Action> {
    Ok(match action {
        Action::UpdateMemo { id, .. } => {
            let m = memo(tx, id.0)?;
            Action::UpdateMemo { id: *id, title: m.title, text: m.text, modified: m.modified }
        }
        Action::UpdateCode { id, .. } => {
            let c = code_row(tx, id.0)?;
            Action::UpdateCode { id: *id, name: c.name, color: c.color, definition: c.definition }
        }
        Action::SetCodingRange { id, .. } => {
            let c = coding_row(tx, id.0)?;
            Action::SetCodingRange { id: *id, start: c.start, end: c.end }
        }
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::Store;

    fn memo_store() -> (Store, MemoId) {
        let mut store = Store::in_memory("t").unwrap();
        let id = store.ids().unwrap().memo();
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
        (store, id)
    }

    fn typed(id: MemoId, text: &str) -> Action {
        Action::UpdateMemo { id, title: String::new(), text: text.into(), modified: "t".into() }
    }

    #[test]
    fn a_burst_of_memo_edits_is_one_undo_step_and_one_audit_row() {
        let (mut store, id) = memo_store();
        let audit_before = store.audit_len().unwrap();
        for text in ["T", "Th", "The storyline"] {
            let changes = store.apply_merging(&typed(id, text)).unwrap();
            assert!(matches!(&changes.changes[..], [Change::Memo(m)] if m.text == text), "{changes:?}");
        }
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "The storyline");
        assert_eq!(store.history().unwrap().len(), 2, "create + one merged edit");
        assert_eq!(store.audit_len().unwrap(), audit_before + 1, "one audit row for the whole burst");
        let undone = store.undo().unwrap();
        assert_eq!(undone.label, "Edit memo");
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "", "one undo takes back the whole burst");
        store.redo().unwrap();
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "The storyline", "redo replays the last text");
    }

    #[test]
    fn a_keystroke_writes_the_text_once_not_into_history_and_audit() {
        let (mut store, id) = memo_store();
        store.apply_merging(&typed(id, "first")).unwrap();
        let long = "x".repeat(10_000);
        store.apply_merging(&typed(id, &long)).unwrap();
        let (forward, audit): (String, String) = store
            .conn
            .query_row(
                "SELECT h.forward, a.action FROM history h JOIN audit a ON a.id = h.audit_id ORDER BY h.seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(!forward.contains(&long) && !audit.contains(&long), "the burst's rows were not rewritten");
        // Sealing (here by the next action) writes the final text once.
        store.apply(&Action::SetProjectName { name: "n".into() }).unwrap();
        let forward: String =
            store.conn.query_row("SELECT forward FROM history WHERE label = 'Edit memo'", [], |r| r.get(0)).unwrap();
        assert!(forward.contains(&long));
    }

    #[test]
    fn typing_after_an_undo_and_redo_starts_a_new_step_and_audit_row() {
        let (mut store, id) = memo_store();
        store.apply_merging(&typed(id, "a")).unwrap();
        store.apply_merging(&typed(id, "ab")).unwrap();
        store.undo().unwrap();
        store.redo().unwrap();
        let audit = store.audit_len().unwrap();
        store.apply_merging(&typed(id, "abc")).unwrap();
        assert_eq!(store.history().unwrap().len(), 3, "create, the first burst, the new burst");
        assert_eq!(store.audit_len().unwrap(), audit + 1, "the earlier burst's audit row is not rewritten");
        store.undo().unwrap();
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "ab", "undo takes back only the new burst");
    }

    #[test]
    fn an_open_burst_left_by_a_crash_is_sealed_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        let id;
        {
            let mut store = Store::create(&path).unwrap();
            id = store.ids().unwrap().memo();
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
            store.apply_merging(&typed(id, "a")).unwrap();
            store.apply_merging(&typed(id, "ab")).unwrap();
            store.apply_merging(&typed(id, "abc")).unwrap();
            // Dropped here with the burst open, as a crash would leave it.
        }
        let mut store = Store::open(&path).unwrap();
        store.undo().unwrap();
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "");
        store.redo().unwrap();
        assert_eq!(store.load().unwrap().memo(id).unwrap().text, "abc", "redo gives the last keystroke");
    }

    /// A batch whose history and audit rows are longer than a text cell takes (written through
    /// blob I/O) undoes, redoes and reads back in the audit trail like any other.
    #[test]
    fn a_batch_too_long_for_a_text_cell_undoes_redoes_and_is_audited() {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (document, code) = (ids.document(), ids.code());
        let mut actions = vec![
            Action::AddDocument {
                id: document,
                title: "D".into(),
                text: "word ".repeat(2_000),
                case: None,
                imported: "t".into(),
            },
            Action::CreateCode {
                id: code,
                name: "C".into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            },
        ];
        let codings = (0..10_000).map(|i| Action::CreateCoding {
            id: ids.coding(),
            document,
            code,
            start: i % 9_000,
            end: i % 9_000 + 4,
            coder: "a coder with a long name to make the row longer".into(),
            created: "2026-12-07T10:00:00Z".into(),
        });
        actions.extend(codings);
        let batch = Action::Batch { label: "Import".into(), actions };
        assert!(serde_json::to_string(&batch).unwrap().len() > super::json_cell::INLINE_MAX);
        let before = store.load().unwrap();
        let mark = store.audit_len().unwrap();
        store.apply(&batch).unwrap();
        let after = store.load().unwrap();
        let kinds: (String, String, String, i64) = store
            .conn
            .query_row(
                "SELECT h.forward, typeof(h.inverse), typeof(a.action), (SELECT count(*) FROM history_form)
                 FROM history h JOIN audit a ON a.id = h.audit_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        // The forward action is kept apart, the audit row's action written in place; the
        // inverse (10,000 short deletes) still fits a text cell.
        assert_eq!(kinds, (String::new(), "text".into(), "blob".into(), 1));
        let audited = store.audit_since(mark).unwrap();
        assert_eq!(audited.len(), 1);
        let Some(Action::Batch { actions, .. }) = audited[0].model_action() else { panic!("the audit row parses") };
        assert_eq!(actions.len(), 10_002);
        store.undo().unwrap();
        assert_eq!(store.load().unwrap(), before);
        store.redo().unwrap();
        assert_eq!(store.load().unwrap(), after);
        assert_eq!(store.audit_since(mark).unwrap().len(), 3, "do, undo, redo");
        store.undo().unwrap();
        // A damaged file that lost the step's action: a finding of `axial check`, and a redo
        // that says so and changes nothing.
        assert_eq!(store.check_integrity().unwrap(), None);
        store.conn.execute("DELETE FROM history_form", []).unwrap();
        let finding = store.check_integrity().unwrap().expect("the missing action is found");
        assert!(finding.contains("1 undo step(s)"), "{finding}");
        let refused = store.redo().unwrap_err().to_string();
        assert!(refused.contains("missing from the project file"), "{refused}");
        assert_eq!(store.load().unwrap(), before);
        store.apply(&Action::CreateCase { id: store.ids().unwrap().case(), name: "C".into() }).unwrap();
        let steps: i64 = store.conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0)).unwrap();
        assert_eq!(steps, 1, "the dropped redo goes, and with it the finding");
        assert_eq!(store.check_integrity().unwrap(), None);
    }
}
