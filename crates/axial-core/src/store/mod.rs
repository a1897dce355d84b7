//! The project file: one SQLite database per project. The only module that speaks SQL.
//!
//! A `Store` is opened on a `.axial` file (or in memory for a sample folder). Reading goes
//! through [`Store::load`] (once, into the live model), or for a command that needs less,
//! [`Store::load_outline`] and the narrow reads beside it; every change goes through
//! [`Store::apply`], which runs one transaction that writes the change, its inverse (for
//! undo/redo) and an audit row, and returns the [`ChangeSet`](crate::model::ChangeSet) the
//! live model patches itself from.

mod apply;
mod audit_form;
pub mod backup;
mod comments;
mod depth;
mod error;
mod file;
pub mod floor;
mod history;
mod history_text;
mod ids;
mod json_cell;
mod lookup;
mod read;
mod schema;
mod uids;
mod vocabulary;

pub use comments::{AuditRow, CommentImport, MAX_COMMENT_CHARS, ReviewSession, merge as merge_comment};
pub use error::{BUSY_TIMEOUT, StoreError};
pub use history::{ACTION_FORMAT, HistoryEntry, Step};
pub use ids::IdAllocator;
pub use read::CodingsWanted;
pub use schema::{APPLICATION_ID, CURRENT_VERSION};

use crate::model::{self, Framework};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use std::path::{Path, PathBuf};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Shorthand for a validation error: one sentence a user can act on.
pub(crate) fn invalid<T>(msg: impl Into<String>) -> Result<T> {
    Err(StoreError::Invalid(msg.into()))
}

/// How a store was opened: what it may write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything: the project's author at work.
    Edit,
    /// Nothing of the project, its history or its undo; only comments and the reviewer's own
    /// review sessions (a supervisor reading a student's file).
    Review,
    /// Nothing at all (on purpose, or because the file or its folder cannot be written).
    ReadOnly,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    mode: Mode,
    user: String,
}

impl Store {
    /// A project that lives only in memory (a sample folder opened for reading or reports).
    pub fn in_memory(name: &str) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None, mode: Mode::Edit, user: model::current_user() };
        store.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        store.conn.set_prepared_statement_cache_capacity(96);
        store.initialise(name)?;
        Ok(store)
    }

    /// A number that changes whenever another connection (another process, the command line)
    /// commits to the file; this connection's own writes leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Folds the write-ahead log into the project file and empties it, so the `.axial` file alone
    /// holds every edit (a plain copy of it is complete). `false` when a reader or writer
    /// elsewhere kept it from finishing (try again later).
    pub fn checkpoint(&self) -> Result<bool> {
        if self.mode == Mode::ReadOnly || self.path.is_none() {
            return Ok(true);
        }
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// SQLite's full consistency check of every page, then that every transcript text the
    /// undo history names is in the file: `None` when the file is sound, else a short summary
    /// of what is wrong (the first few problems and how many there are). Reads the whole file,
    /// so it is not run on every open.
    pub fn check_integrity(&self) -> Result<Option<String>> {
        let lines = self
            .conn
            .prepare("PRAGMA quick_check(100)")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>());
        let lines = match lines {
            Ok(lines) => lines,
            // So damaged that the check itself cannot run: that is its finding.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                vec![error::one_line(&e.to_string())]
            }
            Err(e) => return Err(e.into()),
        };
        if lines != ["ok"] {
            return Ok(Some(integrity_summary(&lines)));
        }
        let findings: Vec<String> = [history_text::missing_texts(&self.conn)?, history::missing_forms(&self.conn)?]
            .into_iter()
            .flatten()
            .collect();
        Ok((!findings.is_empty()).then(|| findings.join("; ")))
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
        self.conn.set_prepared_statement_cache_capacity(96);
        Ok(())
    }

    /// A write transaction that takes the write lock at once (waiting up to [`BUSY_TIMEOUT`]
    /// for another writer), so what it reads cannot change before it writes, and two writers
    /// never deadlock upgrading a read lock.
    fn write_transaction(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    fn initialise(&mut self, name: &str) -> Result<()> {
        self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let tx = self.write_transaction()?;
        migrate(&tx, 0)?;
        tx.execute(
            "INSERT INTO project (id, name, created, uid) VALUES (1, ?1, ?2, ?3)",
            params![name, model::now_rfc3339(), model::new_uid()],
        )?;
        for dimension in Framework::seci_crm_knowledge().dimensions {
            vocabulary::insert_dimension(&tx, &dimension, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How long a write waits for another writer before it gives up with
    /// [`StoreError::Busy`] ([`BUSY_TIMEOUT`] unless set; the window may choose less, so a
    /// frame never waits long).
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Who edits through this store (coder of new codings, author in the audit trail).
    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether nothing at all may be written (see [`Mode::ReadOnly`]).
    pub fn is_read_only(&self) -> bool {
        self.mode == Mode::ReadOnly
    }

    /// What this store may write.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// This store, from now on for review only (a sample folder opened for review in memory).
    /// A store can only be narrowed, never widened.
    pub fn into_review(mut self) -> Store {
        self.narrow_to_review();
        self
    }

    /// From now on, for review only (see [`Store::into_review`]).
    pub fn narrow_to_review(&mut self) {
        if self.mode == Mode::Edit {
            self.mode = Mode::Review;
        }
    }
}

/// Runs the migration steps from version `from` to [`CURRENT_VERSION`] inside `tx`.
fn migrate(tx: &Transaction, from: i64) -> Result<()> {
    let steps = usize::try_from(from).ok().and_then(|from| schema::MIGRATIONS.get(from..));
    let Some(steps) = steps else {
        return invalid(format!("the project's schema version {from} is not one Axial knows; open another copy"));
    };
    for step in steps {
        step(tx)?;
    }
    tx.pragma_update(None, "user_version", CURRENT_VERSION)?;
    Ok(())
}

/// At most three of SQLite's findings, and how many there are in all.
fn integrity_summary(lines: &[String]) -> String {
    let shown: Vec<String> = lines.iter().take(3).map(|l| error::one_line(l)).collect();
    let more = lines.len().saturating_sub(shown.len());
    let count = if lines.len() >= 100 { "100 or more".to_owned() } else { lines.len().to_string() };
    if more == 0 { shown.join("; ") } else { format!("{count} problems, the first: {}; ...", shown.join("; ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project file as version 1 of the schema wrote it.
    fn write_v1(path: &Path) {
        let mut conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        let tx = conn.transaction().unwrap();
        schema::MIGRATIONS[0](&tx).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.execute("INSERT INTO project (id, name, created) VALUES (1, 'old', 't')", []).unwrap();
        for d in Framework::seci_crm_knowledge().dimensions {
            vocabulary::insert_dimension(&tx, &d, None).unwrap();
        }
        tx.commit().unwrap();
    }

    #[test]
    fn an_older_file_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.axial");
        write_v1(&path);
        let store = Store::open(&path).unwrap();
        let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, CURRENT_VERSION);
        assert_eq!(store.load().unwrap().name(), "old");
        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("old.axial.v1-") && n.ends_with(".bak"))
            .collect();
        assert_eq!(backups.len(), 1, "one timestamped backup: {backups:?}");
        // The backup is the project as it was: version 1, its rows, one plain file.
        let backup = Connection::open(dir.path().join(&backups[0])).unwrap();
        let (version, name): (i64, String) = backup
            .query_row("SELECT (SELECT user_version FROM pragma_user_version), name FROM project", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((version, name.as_str()), (1, "old"), "the backup is the file as it was");
        assert!(!dir.path().join(format!("{}-wal", backups[0])).exists());
        // Opening again neither backs up nor migrates again.
        drop(store);
        drop(Store::open(&path).unwrap());
        assert_eq!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
                .count(),
            1
        );
    }

    /// A version 8 file with memos (the newest deleted, so the id sequence is past the last
    /// row) is upgraded to memos on relations keeping every memo, its uid and the sequence, and
    /// the triggers that remove a deleted item's memos still fire.
    #[test]
    fn version_9_rebuilds_the_memo_table_keeping_rows_ids_and_triggers() {
        use crate::model::*;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v8.axial");
        {
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            let tx = conn.transaction().unwrap();
            for m in &schema::MIGRATIONS[..8] {
                m(&tx).unwrap();
            }
            tx.pragma_update(None, "user_version", 8).unwrap();
            tx.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
            tx.execute_batch(
                "INSERT INTO project (id, name, created) VALUES (1, 'old', 't');
                 INSERT INTO document (id, title, text, char_len, imported) VALUES (1, 'D', 'text', 4, 't');
                 INSERT INTO memo (id, target_kind, target_id, title, text, author, created, modified)
                     VALUES (1, 'document', 1, 'a', 'on the document', 'm', 't', 't'),
                            (2, 'project', NULL, 'b', 'on the project', 'm', 't', 't'),
                            (3, 'project', NULL, 'c', 'deleted', 'm', 't', 't');
                 DELETE FROM memo WHERE id = 3;",
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let uid_before: String = Connection::open(&path)
            .unwrap()
            .query_row("SELECT uid FROM item_uid WHERE kind = 'memo' AND id = 2", [], |r| r.get(0))
            .unwrap();
        let mut store = Store::open(&path).unwrap();
        let p = store.load().unwrap();
        assert_eq!(p.memos().map(|m| m.text.as_str()).collect::<Vec<_>>(), ["on the document", "on the project"]);
        assert_eq!(store.uids().unwrap().of(UidKind::Memo, 2), Some(uid_before.as_str()));
        assert_eq!(store.ids().unwrap().memo(), MemoId(4), "a deleted memo's id is never given again");
        let (a, b, relation) = (CategoryId(1), CategoryId(2), RelationId(1));
        for action in [
            Action::CreateCategory { id: a, name: "A".into(), class: None },
            Action::CreateCategory { id: b, name: "B".into(), class: None },
            Action::CreateRelation { id: relation, from: a, to: b, kind: "causes".into() },
            Action::CreateMemo {
                id: MemoId(4),
                target: MemoTarget::Relation(relation),
                title: String::new(),
                text: "why".into(),
                author: "m".into(),
                created: "t".into(),
                modified: "t".into(),
            },
            Action::DeleteDocument { id: DocumentId(1) },
        ] {
            store.apply(&action).unwrap();
        }
        let p = store.load().unwrap();
        assert_eq!(p.memos().map(|m| m.text.as_str()).collect::<Vec<_>>(), ["on the project", "why"]);
        assert!(store.uids().unwrap().of(UidKind::Memo, 4).is_some(), "a new memo gets a uid");
    }

    /// A version 9 file (texts inside the document rows) is upgraded to texts apart: every
    /// text kept, each document's speakers counted, and a document deleted then brought back
    /// by undo has its text again.
    #[test]
    fn version_10_moves_the_texts_apart_and_counts_the_speakers() {
        use crate::model::*;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v9.axial");
        let text = "Interviewer: How do you keep clients?\n\nP01: We call them.\n\nP02: We visit.";
        {
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            let tx = conn.transaction().unwrap();
            for m in &schema::MIGRATIONS[..9] {
                m(&tx).unwrap();
            }
            tx.pragma_update(None, "user_version", 9).unwrap();
            tx.pragma_update(None, "application_id", schema::APPLICATION_ID).unwrap();
            tx.execute("INSERT INTO project (id, name, created) VALUES (1, 'old', 't')", []).unwrap();
            tx.execute(
                "INSERT INTO document (id, title, text, char_len, imported) VALUES (1, 'A', ?1, ?2, 't'), (2, 'B', 'plain', 5, 't')",
                params![text, text.chars().count() as i64],
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        let p = store.load().unwrap();
        assert_eq!(&*p.document(DocumentId(1)).unwrap().text, text);
        assert_eq!(&*p.document(DocumentId(2)).unwrap().text, "plain");
        let speakers = store.speakers_per_document().unwrap();
        assert_eq!((speakers[&DocumentId(1)], speakers[&DocumentId(2)]), (3, 0));
        let outline = store.load_outline().unwrap();
        assert_eq!(outline.document(DocumentId(1)).unwrap().char_len(), text.chars().count());
        store.apply(&Action::DeleteDocument { id: DocumentId(1) }).unwrap();
        assert_eq!(store.load().unwrap().documents().len(), 1);
        store.undo().unwrap();
        assert_eq!(&*store.load().unwrap().document(DocumentId(1)).unwrap().text, text, "undo brings the text back");
        assert_eq!(store.check_integrity().unwrap(), None);
    }

    #[test]
    fn a_version_no_axial_writes_is_refused_in_a_sentence_not_a_panic() {
        for found in [-1, 0, i64::MIN, i64::from(i32::MAX)] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("odd.axial");
            drop(Store::create(&path).unwrap());
            Connection::open(&path).unwrap().pragma_update(None, "user_version", found).unwrap();
            let before = std::fs::read(&path).unwrap();
            for mode in [Mode::Edit, Mode::ReadOnly, Mode::Review] {
                let err = Store::open_with(&path, mode).err().expect("refused");
                let text = err.to_string();
                assert_eq!(text.lines().count(), 1, "{text}");
                assert!(!text.contains("for editing"), "{text}");
                if found > CURRENT_VERSION {
                    assert!(matches!(err, StoreError::TooNew { .. }), "{text}");
                    assert!(text.contains("made by a newer Axial") && text.contains("update Axial"), "{text}");
                } else {
                    assert!(matches!(err, StoreError::UnknownVersion { .. }), "{text}");
                }
            }
            assert_eq!(std::fs::read(&path).unwrap(), before, "the file is left as it was");
        }
    }

    #[test]
    fn the_integrity_summary_is_short() {
        let lines: Vec<String> = (0..100).map(|i| format!("row {i} missing from index x")).collect();
        let s = integrity_summary(&lines);
        assert!(s.starts_with("100 or more problems, the first: row 0"), "{s}");
        assert_eq!(s.matches("missing").count(), 3, "{s}");
        assert_eq!(integrity_summary(&["one".into()]), "one");
    }

    #[test]
    fn a_newer_file_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.axial");
        drop(Store::create(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("a newer schema is refused");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("update Axial"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn read_only_refuses_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(Store::create(&path).unwrap());
        let mut store = Store::open_read_only(&path).unwrap();
        let err = store.apply(&crate::model::Action::SetProjectName { name: "x".into() }).unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly));
    }
}
