//! Copies of a project file made with SQLite's online backup API: consistent even while the
//! project is open and being written (the copy is one read snapshot), and written to a
//! temporary name first so a copy is either whole or absent.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Copies the project file at `source` to `dest` (which must not exist) through a read-only
/// connection, so it can run on any thread while the project stays open for editing.
pub fn copy_project(source: &Path, dest: &Path) -> Result<()> {
    write_copy(&read_only(source)?, dest)
}

/// Which edit the project file at `path` is at: its schema version and its last audit row
/// (every do, undo and redo appends one; 0 for a project never edited). Two files at the same
/// mark hold the same project when one is a copy of the other; an upgrade, which adds no audit
/// row, changes the version, so a project just upgraded is backed up again in its new form.
pub fn edit_mark(path: &Path) -> Result<(i64, i64)> {
    let conn = read_only(path)?;
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((version, conn.query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?))
}

/// The schema version (`PRAGMA user_version`) of the SQLite file at `path`, if it opens.
pub fn schema_version(path: &Path) -> Option<i64> {
    read_only(path).ok()?.query_row("PRAGMA user_version", [], |r| r.get(0)).ok()
}

/// A read-only connection that never creates a file.
fn read_only(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?)
}

impl Store {
    /// Copies this project to `dest` (which must not exist).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        write_copy(&self.conn, dest)
    }

    /// Replaces this project's whole content with the project file at `backup`, in place: the
    /// file keeps its name and every other connection sees the restored project. The backup
    /// is first checked to be a readable Axial project of a version this build knows.
    pub fn restore_from(&mut self, backup: &Path) -> Result<()> {
        self.writable()?;
        // Opening it checks the header, the application id and the schema version.
        let checked = Store::open_read_only(backup)?;
        checked.load()?;
        drop(checked);
        // Read-only: a backup that vanished since the check is an error, never an empty
        // database created in its place and copied over the project.
        copy_pages(&read_only(backup)?, &mut self.conn)
    }
}

/// Copies every page of `src` into `dst`, in one step: one read snapshot, so the copy is
/// consistent even while another connection writes. A busy source or target is waited for a
/// little (5 s in all).
fn copy_pages(src: &Connection, dst: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = rusqlite::backup::Backup::new(src, dst)?;
    let mut tries = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked if tries < 200 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            _ => return Err(StoreError::Invalid("the project stayed busy; nothing was copied, try again".into())),
        }
    }
}

fn write_copy(src: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(StoreError::Exists(dest.to_owned()));
    }
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut dst = Connection::open(&partial)?;
        copy_pages(src, &mut dst)?;
        // A backup is one plain file: no write-ahead log beside it.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        drop(dst);
        std::fs::rename(&partial, dest)
            .map_err(|error| StoreError::Io { action: format!("cannot write the backup {}", dest.display()), error })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
