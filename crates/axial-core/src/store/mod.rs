//! The project file: one SQLite database per project. The only module that speaks SQL.
//!
//! A `Store` is opened on a `.axial` file (or in memory for a sample folder). Reading goes
//! through [`Store::load`] (once, into the live model); every change goes through
//! [`Store::apply`], which runs one transaction that writes the change, its inverse (for
//! undo/redo) and an audit row, and returns the [`ChangeSet`](crate::model::ChangeSet) the
//! live model patches itself from.

mod apply;
mod audit_form;
pub mod backup;
mod history;
mod ids;
mod lookup;
mod read;
mod schema;
mod vocabulary;

pub use history::{ACTION_FORMAT, HistoryEntry, Step};
pub use ids::IdAllocator;
pub use schema::{APPLICATION_ID, CURRENT_VERSION};

use crate::model::{self, Framework};
use rusqlite::{Connection, OpenFlags, params};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no project file here; check the path or create one with `axial new`: {}", .0.display())]
    Missing(PathBuf),
    #[error("a file already exists here; choose another name or open it instead: {}", .0.display())]
    Exists(PathBuf),
    #[error("this is not an Axial project (not an SQLite database made by Axial); open a .axial file or a sample folder: {}", .0.display())]
    NotAProject(PathBuf),
    #[error("the project file is damaged and cannot be read ({detail}); restore it from a backup: {path}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "this project was written by a newer Axial (schema {found}, this build reads up to {CURRENT_VERSION}); update Axial to open it: {path}"
    )]
    TooNew { path: PathBuf, found: i64 },
    #[error("the project is open read-only; reopen it for editing to change it")]
    ReadOnly,
    #[error("the {what} is empty; type a name")]
    EmptyName { what: &'static str },
    #[error("a {what} named \u{201c}{name}\u{201d} already exists; choose another name")]
    NameTaken { what: &'static str, name: String },
    #[error("there is no {what} #{id} in this project (it may have been deleted)")]
    NotFound { what: &'static str, id: i64 },
    #[error("the passage {start}..{end} is not inside the document (0..{len}); select some text first")]
    OutsideText { start: usize, end: usize, len: usize },
    #[error("\u{201c}{0}\u{201d} is not a colour; use #rrggbb")]
    BadColor(String),
    /// Any other refusal, as the sentence the user reads.
    #[error("{0}")]
    Invalid(String),
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("cannot read the history ({0}); the project file may be damaged")]
    History(#[from] serde_json::Error),
    #[error("{action} ({error})")]
    Io { action: String, error: std::io::Error },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// Whether this only means "another connection is writing just now; try again".
    pub fn is_busy(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        matches!(self, StoreError::Sql(rusqlite::Error::SqliteFailure(f, _)) if matches!(f.code, DatabaseBusy | DatabaseLocked))
    }
}

/// Shorthand for a validation error: one sentence a user can act on.
pub(crate) fn invalid<T>(msg: impl Into<String>) -> Result<T> {
    Err(StoreError::Invalid(msg.into()))
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    user: String,
}

impl Store {
    /// Creates a new, empty project file; refuses to overwrite anything.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::Exists(path.to_owned()));
        }
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return invalid(format!(
                "there is no folder to create the project in; create the folder first: {}",
                folder.display()
            ));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| {
                StoreError::Invalid(format!(
                    "cannot create the project file ({e}); check that the folder is writable: {}",
                    path.display()
                ))
            })?;
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let mut store = Store { conn, path: Some(path.to_owned()), read_only: false, user: model::current_user() };
        store.configure()?;
        store.initialise(&name)?;
        // The new file alone is a whole project from the start (its schema is not left in the
        // write-ahead log).
        store.checkpoint()?;
        Ok(store)
    }

    /// A project that lives only in memory (a sample folder opened for reading or reports).
    pub fn in_memory(name: &str) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None, read_only: false, user: model::current_user() };
        store.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        store.conn.set_prepared_statement_cache_capacity(96);
        store.initialise(name)?;
        Ok(store)
    }

    /// Opens an existing project for editing, migrating an older schema (after a backup copy).
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, false)
    }

    /// Opens an existing project without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    fn open_with(path: &Path, read_only: bool) -> Result<Store> {
        check_header(path)?;
        let corrupt = |e: rusqlite::Error| StoreError::Corrupt { path: path.to_owned(), detail: e.to_string() };
        // Reading opens read-write when it can, with every write refused (`query_only`): the
        // last connection to close a WAL file then folds it back and removes the -wal and -shm
        // side files, so a report leaves the folder as it found it. A file that is only
        // readable opens read-only.
        let conn = if read_only {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
                .and_then(|c| c.execute_batch("PRAGMA query_only = ON;").map(|()| c))
                .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
                .map_err(corrupt)?
        } else {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(corrupt)?
        };
        // Read before anything writes: a foreign or damaged file must stay as it is.
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(corrupt)?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAProject(path.to_owned()));
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(corrupt)?;
        if version > CURRENT_VERSION {
            return Err(StoreError::TooNew { path: path.to_owned(), found: version });
        }
        // What is cheap and certain at once: the schema reads. A full scan of every page
        // (`check_integrity`) runs on demand (`axial check`) or in the background.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(corrupt)?;
        let mut store = Store { conn, path: Some(path.to_owned()), read_only, user: model::current_user() };
        if read_only {
            store.conn.execute_batch("PRAGMA query_only = ON;")?;
            if version < CURRENT_VERSION {
                return invalid("this project needs an upgrade to be read; open it once for editing first");
            }
        } else {
            // Back up before anything (even switching to WAL) touches the old file.
            if version < CURRENT_VERSION {
                backup_before_migration(path, version)?;
            }
            store.configure()?;
            if version < CURRENT_VERSION {
                store.migrate(version)?;
            }
            store.seal_open_bursts()?;
        }
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
        if self.read_only || self.path.is_none() {
            return Ok(true);
        }
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// SQLite's full consistency check of every page: `None` when the file is sound, else
    /// what is wrong. Reads the whole file, so it is not run on every open.
    pub fn check_integrity(&self) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(if lines == ["ok"] { None } else { Some(lines.join("; ")) })
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.set_prepared_statement_cache_capacity(96);
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for version in from..CURRENT_VERSION {
            let tx = self.conn.transaction()?;
            schema::MIGRATIONS[version as usize](&tx)?;
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    fn initialise(&mut self, name: &str) -> Result<()> {
        self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        self.migrate(0)?;
        let tx = self.conn.transaction()?;
        tx.execute("INSERT INTO project (id, name, created) VALUES (1, ?1, ?2)", params![name, model::now_rfc3339()])?;
        for dimension in Framework::seci_crm_knowledge().dimensions {
            vocabulary::insert_dimension(&tx, &dimension, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Who edits through this store (coder of new codings, author in the audit trail).
    /// How long a write waits for another connection's write lock before failing as busy
    /// (5 s by default; the window waits briefly and retries itself, so it never freezes).
    pub fn set_busy_wait(&self, wait: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    pub fn set_user(&mut self, user: impl Into<String>) {
        self.user = user.into();
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

/// Tells a missing file, a non-SQLite file and an empty file apart before SQLite sees them.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_owned()),
        _ => StoreError::Io { action: format!("cannot open {}", path.display()), error: e },
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(StoreError::NotAProject(path.to_owned()));
    }
    let mut header = [0u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == b"SQLite format 3\0" => Ok(()),
        _ => Err(StoreError::NotAProject(path.to_owned())),
    }
}

/// Copies the project (and its write-ahead log, if one is left) next to itself before the
/// first migration step touches it: `thesis.axial.v1.bak`.
fn backup_before_migration(path: &Path, version: i64) -> Result<()> {
    let mut backup = path.as_os_str().to_owned();
    backup.push(format!(".v{version}.bak"));
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if Path::new(&wal).exists() {
        let mut backup_wal = backup.clone();
        backup_wal.push("-wal");
        std::fs::copy(&wal, &backup_wal).map_err(|error| StoreError::Io {
            action: "cannot back up the project's write-ahead log before upgrading it".into(),
            error,
        })?;
    }
    std::fs::copy(path, &backup).map_err(|error| StoreError::Io {
        action: format!("cannot back up the project before upgrading it to {}", PathBuf::from(&backup).display()),
        error,
    })?;
    Ok(())
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
        let v1_bytes = std::fs::read(&path).unwrap();
        let store = Store::open(&path).unwrap();
        let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, CURRENT_VERSION);
        assert_eq!(store.load().unwrap().name(), "old");
        let backup = dir.path().join("old.axial.v1.bak");
        assert_eq!(std::fs::read(backup).unwrap(), v1_bytes, "the backup is the file as it was");
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
