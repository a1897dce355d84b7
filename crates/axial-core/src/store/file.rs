//! The project file on disk: creating it atomically (built under a temporary name, renamed into
//! place only when whole), opening it for editing or reading (refusing unknown versions, telling
//! a read-only file from a damaged one), and backing it up before a migration.

use super::error::{BUSY_TIMEOUT, StoreError, one_line};
use super::schema::{APPLICATION_ID, CURRENT_VERSION};
use super::{Mode, Result, Store, invalid};
use crate::model;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What a temporary file being made into `name` is called: hidden, and never ending in `.axial`,
/// so no one takes it for the project and `axial new` never refuses a name because of it.
const CREATING: &str = ".creating";

impl Store {
    /// Creates a new, empty project file; refuses to overwrite anything.
    pub fn create(path: &Path) -> Result<Store> {
        Self::create_with(path, |_| Ok::<(), StoreError>(()))
    }

    /// Creates a new project file filled by `fill` (an import, a name), atomically: the file
    /// is built under a hidden temporary name beside `path` and appears at `path` only whole.
    /// If `fill` fails, or the process dies on the way, there is no file at `path`.
    pub fn create_with<E: From<StoreError>>(
        path: &Path,
        fill: impl FnOnce(&mut Store) -> Result<(), E>,
    ) -> Result<Store, E> {
        if path.symlink_metadata().is_ok() {
            return Err(StoreError::Exists(path.to_owned()).into());
        }
        let folder = folder_of(path);
        if !folder.is_dir() {
            return Err(StoreError::Invalid(format!(
                "there is no folder to create the project in; create the folder first: {}",
                folder.display()
            ))
            .into());
        }
        remove_stale_leftovers(path);
        let tmp = temporary_name(path);
        let built = build(path, &tmp, fill).and_then(|()| publish(&tmp, path).map_err(E::from));
        if let Err(e) = built {
            remove_with_side_files(&tmp);
            return Err(e);
        }
        Ok(Store::open(path)?)
    }

    /// Opens an existing project for editing, migrating an older schema (after a backup copy).
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, Mode::Edit)
    }

    /// Opens an existing project without ever writing to it. A project in a read-only file or
    /// folder opens this way too.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::open_with(path, Mode::ReadOnly)
    }

    /// Opens an existing project for review: it reads everything and writes only comments
    /// and review sessions; no action, undo or redo reaches the project (see [`Mode::Review`]).
    /// An older file is upgraded first (after a backup), as for editing: the comments need
    /// the new tables. A file that cannot be written is refused as for editing; open it
    /// read-only instead.
    pub fn open_for_review(path: &Path) -> Result<Store> {
        Self::open_with(path, Mode::Review)
    }

    pub(super) fn open_with(path: &Path, mode: Mode) -> Result<Store> {
        check_metadata(path)?;
        let read_only = mode == Mode::ReadOnly;
        let conn = if read_only { connect_for_reading(path)? } else { connect_for_editing(path)? };
        // Read before anything writes: a foreign or damaged file must stay as it is.
        let corrupt = |e: rusqlite::Error| classify(path, e);
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(corrupt)?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAProject(path.to_owned()));
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(corrupt)?;
        check_version(path, version)?;
        // What is cheap and certain at once: the schema reads. A full scan of every page
        // (`check_integrity`) runs on demand (`axial check`) or in the background.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(corrupt)?;
        let mut store = Store { conn, path: Some(path.to_owned()), mode, user: model::current_user() };
        // A reviewer does not upgrade (and so back up and rewrite) the author's file.
        if mode == Mode::Review && version < CURRENT_VERSION {
            return invalid(
                "this project was made by an older Axial and is upgraded the first time its author opens it for editing; ask them to, or review a copy you have opened for editing once",
            );
        }
        if read_only {
            store.conn.execute_batch("PRAGMA query_only = ON;")?;
            if version < CURRENT_VERSION {
                return invalid(
                    "this project was made by an older Axial and is upgraded the first time it is opened for editing; open it once in the window first",
                );
            }
        } else {
            store.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
            // Back up and migrate before anything else (even switching to WAL) touches the file.
            if version < CURRENT_VERSION {
                store.upgrade(path)?;
            }
            store.configure()?;
            // A burst of typing left open is the author's to seal, not a reviewer's.
            if mode == Mode::Edit {
                store.seal_open_bursts()?;
            }
        }
        Ok(store)
    }

    /// Backs the file up, then runs every migration step in one transaction that holds the
    /// write lock throughout (two programs opening an old file at once upgrade it once).
    fn upgrade(&mut self, path: &Path) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        check_version(path, version)?;
        if version < CURRENT_VERSION {
            backup_before_migration(path, version)?;
            super::migrate(&tx, version)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The folder a project file is in.
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s: OsString = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `.NAME.PID-N.creating` beside `path`.
fn temporary_name(path: &Path) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    folder_of(path).join(format!(".{name}.{}-{n}{CREATING}", std::process::id()))
}

/// Builds the whole project in `tmp`, then closes it (folding the write-ahead log in) and
/// flushes it to disk.
fn build<E: From<StoreError>>(
    path: &Path,
    tmp: &Path,
    fill: impl FnOnce(&mut Store) -> Result<(), E>,
) -> Result<(), E> {
    let cannot = |e: &dyn std::fmt::Display| {
        StoreError::Invalid(format!(
            "cannot create the project file ({}); check that the folder is writable: {}",
            one_line(&e.to_string()),
            path.display()
        ))
    };
    // The temporary name is new (never someone else's file); an empty file is an empty database.
    std::fs::OpenOptions::new().write(true).create_new(true).open(tmp).map_err(|e| cannot(&e))?;
    let conn = Connection::open_with_flags(tmp, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| cannot(&e))?;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut store = Store { conn, path: Some(tmp.to_owned()), mode: Mode::Edit, user: model::current_user() };
    store.configure()?;
    store.initialise(&name)?;
    fill(&mut store)?;
    store.checkpoint()?;
    let Store { conn, .. } = store;
    conn.close().map_err(|(_, e)| StoreError::from(e))?;
    let synced = std::fs::File::open(tmp).and_then(|f| f.sync_all());
    synced.map_err(|error| StoreError::Io { action: format!("cannot write {}", path.display()), error })?;
    Ok(())
}

/// Gives the finished `tmp` its real name, never replacing a file that appeared there meanwhile.
fn publish(tmp: &Path, path: &Path) -> Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(StoreError::Exists(path.to_owned())),
        // No hard links on this file system: rename (the check above is as close as it gets).
        Err(_) => {
            if path.symlink_metadata().is_ok() {
                return Err(StoreError::Exists(path.to_owned()));
            }
            std::fs::rename(tmp, path)
                .map_err(|error| StoreError::Io { action: format!("cannot create {}", path.display()), error })?;
        }
    }
    // The new name itself is on disk (best effort: not every system syncs a folder).
    let _ = std::fs::File::open(folder_of(path)).and_then(|d| d.sync_all());
    Ok(())
}

fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// Removes what a creation of `path` killed over an hour ago left behind (hidden `.creating`
/// files); a creation under way now is left alone.
fn remove_stale_leftovers(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if file.starts_with(&prefix) && file.ends_with(CREATING) && stale {
            remove_with_side_files(&entry.path());
        }
    }
}

/// Tells a missing file, a folder and an empty file from a project before SQLite sees them,
/// from the file's metadata alone. It never opens the file: POSIX advisory locks belong to the
/// process, so closing any other handle on a project this process has open (the window's own
/// connection, say) drops every lock SQLite holds on it, and the next program to close the
/// file then takes itself for the last one and deletes the -wal and -shm still in use here.
/// SQLite itself tells a file that is not a database (`NotADatabase`, see [`classify`]).
fn check_metadata(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_owned()),
        _ => StoreError::Io { action: format!("cannot open {}", path.display()), error: e },
    })?;
    if meta.is_dir() || meta.len() == 0 {
        return Err(StoreError::NotAProject(path.to_owned()));
    }
    Ok(())
}

/// Versions 1..=CURRENT_VERSION are known; anything else is refused in a sentence.
fn check_version(path: &Path, version: i64) -> Result<()> {
    if version > CURRENT_VERSION {
        Err(StoreError::TooNew { path: path.to_owned(), found: version })
    } else if version < 1 {
        Err(StoreError::UnknownVersion { path: path.to_owned(), found: version })
    } else {
        Ok(())
    }
}

/// A connection for editing: refused in a sentence when the file or its folder is read-only.
fn connect_for_editing(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // SQLite opens a file it may not write read-only without saying so; the folder must take
    // the write-ahead log beside it.
    if conn.is_readonly(rusqlite::MAIN_DB)? || !folder_writable(path) {
        return Err(StoreError::NotWritable { path: Some(path.to_owned()) });
    }
    conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0)).map_err(|e| classify(path, e))?;
    Ok(conn)
}

/// A connection for reading. Read-write with every write refused (`query_only`) where it can:
/// the last connection to close a WAL file then folds it back and removes the -wal and -shm
/// side files, so a report leaves the folder as it found it. Else read-only; and in a folder
/// no one can write (so no one is writing the project), as an immutable file.
fn connect_for_reading(path: &Path) -> Result<Connection> {
    let attempts: [&dyn Fn() -> rusqlite::Result<Connection>; 3] = [
        &|| {
            let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            c.execute_batch("PRAGMA query_only = ON;")?;
            Ok(c)
        },
        &|| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY),
        &|| {
            if folder_writable(path) || with_suffix(path, "-wal").exists() {
                return Err(rusqlite::Error::InvalidPath(path.to_owned()));
            }
            Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
        },
    ];
    let mut first_error = None;
    for attempt in attempts {
        let conn = attempt().and_then(|c| {
            c.busy_timeout(BUSY_TIMEOUT)?;
            c.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0))?;
            Ok(c)
        });
        match conn {
            Ok(c) => return Ok(c),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(classify(path, first_error.expect("three attempts were made")))
}

/// `file:PATH?immutable=1`, with the characters a URI reserves escaped.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether a new file can be made beside `path` (SQLite needs that for its -wal and -shm).
fn folder_writable(path: &Path) -> bool {
    let probe = folder_of(path).join(format!(".axial-write-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        // A probe left by a killed run of this same process id: the folder is writable.
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// Sorts an error met while opening: busy, read-only (never "damaged"), or damaged.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::ReadOnly) => StoreError::NotWritable { path: Some(path.to_owned()) },
        Some(ErrorCode::NotADatabase) => StoreError::NotAProject(path.to_owned()),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) if !folder_writable(path) => {
            StoreError::NotWritable { path: Some(path.to_owned()) }
        }
        _ => StoreError::Corrupt { path: path.to_owned(), detail: one_line(&e.to_string()) },
    }
}

/// Copies the project next to itself before the first migration step touches it:
/// `thesis.axial.v1-20261130-101500.bak` (the version it was, and when). An earlier backup is
/// never replaced. Called while the upgrade holds the write lock, so the copy is the file as
/// the upgrade found it. It is made through a second SQLite connection (SQLite's online
/// backup: one plain file with whatever the write-ahead log held), never by copying the file:
/// a handle of our own on the project would drop this process's locks on it when closed (see
/// [`check_metadata`]); SQLite keeps its own handles open until the last lock is released.
pub(super) fn backup_before_migration(path: &Path, version: i64) -> Result<()> {
    let stamp: String = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .chars()
        .filter_map(|c| match c {
            'T' => Some('-'),
            c if c.is_ascii_digit() => Some(c),
            _ => None,
        })
        .collect();
    let mut backup = with_suffix(path, &format!(".v{version}-{stamp}.bak"));
    let mut n = 2;
    while backup.exists() {
        backup = with_suffix(path, &format!(".v{version}-{stamp}-{n}.bak"));
        n += 1;
    }
    super::backup::copy_project(path, &backup).map_err(|e| {
        StoreError::Invalid(format!(
            "cannot back up the project before upgrading it, so it was left as it was ({}); free some disk space or make the folder writable: {}",
            one_line(&e.to_string()),
            backup.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether some process holds SQLite's shared lock on the project file: the lock every
    /// open connection in WAL mode keeps, and the one that tells a closing connection it is not
    /// the last (so it must not delete the -wal and -shm). An open file description lock
    /// conflicts with this process's own POSIX locks, so it sees ours. Its own handle is
    /// closed after the answer is read (that close drops our locks: call it last).
    #[cfg(target_os = "linux")]
    fn shared_lock_is_held(path: &Path) -> bool {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(path).unwrap();
        // SAFETY: a zeroed `flock` is a valid value; fcntl reads and writes only that struct.
        let mut probe: libc::flock = unsafe { std::mem::zeroed() };
        probe.l_type = libc::F_WRLCK as _;
        probe.l_whence = libc::SEEK_SET as _;
        probe.l_start = 0x4000_0002; // SQLite's SHARED_FIRST (PENDING_BYTE + 2)
        probe.l_len = 510; // SHARED_SIZE
        // SAFETY: the descriptor is open for the call's length and `probe` outlives it.
        let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_GETLK, &mut probe) };
        assert_eq!(rc, 0, "F_OFD_GETLK works here");
        i32::from(probe.l_type) != libc::F_UNLCK
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn opening_the_project_again_in_this_process_keeps_its_locks() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.axial");
        // Every way this process reads the project beside an open store: the background
        // check, a second editing connection (a project import), a backup copy. Each on a
        // project of its own: the probe's own close drops the locks it looked at.
        type Reader<'a> = &'a dyn Fn(&Path);
        let others: [(&str, Reader); 3] = [
            ("a read-only store", &|p| drop(Store::open_read_only(p).unwrap().load().unwrap())),
            ("a second editing store", &|p| drop(Store::open(p).unwrap())),
            ("a backup copy", &|p| super::super::backup::copy_project(p, &copy).unwrap()),
        ];
        for (i, (what, other)) in others.into_iter().enumerate() {
            let path = dir.path().join(format!("p{i}.axial"));
            let store = Store::create(&path).unwrap();
            store.load().unwrap();
            other(&path);
            assert!(shared_lock_is_held(&path), "{what} left this process's shared lock in place");
            drop(store);
        }
    }

    #[test]
    fn a_failed_creation_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        let err = Store::create_with(&path, |store| {
            store.apply(&crate::model::Action::SetProjectName { name: "half".into() })?;
            Err(StoreError::Invalid("injected failure".into()))
        })
        .err()
        .expect("the failure is passed on");
        assert_eq!(err.to_string(), "injected failure");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "nothing is left behind: {left:?}");
        Store::create(&path).expect("the name is free");
    }

    #[test]
    fn a_leftover_temporary_file_neither_blocks_nor_is_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        // What a creation killed half way leaves: a hidden, half-made file.
        std::fs::write(temporary_name(&path), b"SQLite format 3\0half").unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::Missing(_))));
        let store = Store::create(&path).expect("a leftover does not refuse the name");
        assert_eq!(store.path(), Some(path.as_path()));
        assert_eq!(store.load().unwrap().name(), "p");
    }

    #[test]
    fn a_creation_does_not_replace_a_file_made_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        let err = Store::create_with(&path, |_| {
            std::fs::write(&path, "someone else's").unwrap();
            Ok::<(), StoreError>(())
        })
        .err()
        .expect("refused");
        assert!(matches!(err, StoreError::Exists(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "someone else's");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is gone");
    }
}
