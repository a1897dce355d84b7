//! Rolling backups of a project: whole copies in a folder beside it, `thesis backups/`, named
//! by the time they were made (`thesis 2026-11-30 14-05-09.axial`). The window makes one on
//! opening and every few minutes of editing, `axial backup` on demand; the newest few are kept.
//! A restore first saves the current state as a "before restore" copy, which is never rotated
//! away, so restoring that copy undoes the restore.

use crate::store::{Store, StoreError, backup};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many rolling backups are kept per project (the "before restore" copies are extra).
pub const KEEP: usize = 5;

/// How often the window makes a rolling backup while edits are being made.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

const BEFORE_RESTORE: &str = "before restore";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was made, as in its name ("2026-11-30 14-05-09").
    pub made: String,
    /// Saved just before a restore: restoring it undoes that restore.
    pub before_restore: bool,
}

/// The folder a project's backups live in: `<stem> backups` beside the file.
pub fn folder(project: &Path) -> PathBuf {
    let stem = project.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "project".into());
    project.with_file_name(format!("{stem} backups"))
}

/// The project's backups, newest first.
pub fn list(project: &Path) -> Vec<Backup> {
    let stem = project.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(folder(project)) else { return Vec::new() };
    let mut out: Vec<Backup> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&format!("{stem} "))?.strip_suffix(".axial")?;
            let (made, before_restore) = match rest.strip_prefix(&format!("{BEFORE_RESTORE} ")) {
                Some(made) => (made.to_owned(), true),
                None => (rest.to_owned(), false),
            };
            is_stamp(&made).then_some(Backup { path: e.path(), made, before_restore })
        })
        .collect();
    out.sort_by(|a, b| order(&b.made).cmp(&order(&a.made)).then(b.before_restore.cmp(&a.before_restore)));
    out
}

/// Makes a rolling backup of the project file at `project` (through its own read-only
/// connection, so any thread may call it while the project is open) and drops the oldest
/// beyond [`KEEP`]. When nothing was edited since the newest backup, no copy is made and that
/// one is returned (opening a project five times must not rotate away the backups that differ).
pub fn make(project: &Path) -> Result<Made, StoreError> {
    if let Some(newest) = list(project).into_iter().find(|b| !b.before_restore)
        && backup::edit_mark(&newest.path).ok() == Some(backup::edit_mark(project)?)
    {
        return Ok(Made::Unchanged(newest));
    }
    let path = new_path(project, false)?;
    backup::copy_project(project, &path)?;
    rotate(project);
    Ok(Made::New(path))
}

/// What [`make`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Made {
    /// A new copy, at this path.
    New(PathBuf),
    /// Nothing changed since this backup, so no copy was needed.
    Unchanged(Backup),
}

impl Made {
    /// The backup that holds the project as it is now.
    pub fn path(&self) -> &Path {
        match self {
            Made::New(path) => path,
            Made::Unchanged(b) => &b.path,
        }
    }

    /// One sentence for the user.
    pub fn describe(&self) -> String {
        match self {
            Made::New(path) => format!("Backed up to {}", path.display()),
            Made::Unchanged(b) => format!(
                "Nothing changed since the backup of {}, so no new copy was needed: {}",
                b.made,
                b.path.display()
            ),
        }
    }
}

/// Replaces the open project's content with `from`, after saving the current state as a
/// "before restore" copy (returned: restoring it undoes this restore).
pub fn restore(store: &mut Store, from: &Path) -> Result<PathBuf, StoreError> {
    let project =
        store.path().ok_or(StoreError::Invalid("a sample opened in memory has no backups".into()))?.to_owned();
    if std::fs::canonicalize(from).ok() == std::fs::canonicalize(&project).ok() {
        return Err(StoreError::Invalid("that is the project itself; choose one of its backups".into()));
    }
    // A backup made before this build upgraded the project has the older schema: restore an
    // upgraded copy of it, so the project stays in the form this build writes.
    let older = backup::schema_version(from).is_some_and(|v| (1..crate::store::CURRENT_VERSION).contains(&v));
    if !older {
        // Check the backup before anything is written.
        Store::open_read_only(from)?.load()?;
        let before = new_path(&project, true)?;
        store.backup_to(&before)?;
        store.restore_from(from)?;
        return Ok(before);
    }
    let work = working_folder(&project)?;
    let result = (|| {
        let copy = work.join("backup.axial");
        backup::copy_project(from, &copy)?;
        Store::open(&copy).and_then(|s| s.load().map(drop)).map_err(|e| {
            StoreError::Invalid(format!(
                "the backup {} was made by an older Axial and could not be brought up to date ({e})",
                from.display()
            ))
        })?;
        let before = new_path(&project, true)?;
        store.backup_to(&before)?;
        store.restore_from(&copy)?;
        Ok(before)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// A new private folder inside the backups folder for upgrading a backup's copy (its name
/// starts with a dot and is never listed as a backup).
fn working_folder(project: &Path) -> Result<PathBuf, StoreError> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = folder(project).join(format!(".restoring-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|error| StoreError::Io {
        action: format!("cannot make a folder in {}; check that the folder is writable", folder(project).display()),
        error,
    })?;
    Ok(dir)
}

fn new_path(project: &Path, before_restore: bool) -> Result<PathBuf, StoreError> {
    let dir = folder(project);
    std::fs::create_dir_all(&dir).map_err(|error| StoreError::Io {
        action: format!("cannot make the backup folder {}; check that the folder is writable", dir.display()),
        error,
    })?;
    let stem = project.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let kind = if before_restore { format!("{BEFORE_RESTORE} ") } else { String::new() };
    let mut stamp = stamp(SystemTime::now());
    // Two backups in one second (a restore right after opening) get distinct names, and a new
    // one always sorts after every existing one (even when an older one of that second was
    // rotated away).
    if let Some(newest) = list(project).first()
        && order(&stamp) <= order(&newest.made)
    {
        stamp = bump(&newest.made);
    }
    while dir.join(format!("{stem} {kind}{stamp}.axial")).exists() {
        stamp = bump(&stamp);
    }
    Ok(dir.join(format!("{stem} {kind}{stamp}.axial")))
}

fn rotate(project: &Path) {
    for old in list(project).into_iter().filter(|b| !b.before_restore).skip(KEEP) {
        let _ = std::fs::remove_file(old.path);
    }
}

/// "2026-11-30 14-05-09" (UTC): sorts as it reads, and is a valid file name everywhere.
fn stamp(t: SystemTime) -> String {
    let s = humantime::format_rfc3339_seconds(t).to_string();
    s.trim_end_matches('Z').replace('T', " ").replace(':', "-")
}

fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[4] == b'-'
        && b[10] == b' '
        && b[13] == b'-'
        && b[..19].iter().all(|c| c.is_ascii_digit() || b" -".contains(c))
}

/// A stamp's place in time: its second, then its counter ("….3" after "….2" after "…").
fn order(stamp: &str) -> (&str, u32) {
    match stamp.split_once('.') {
        Some((second, n)) => (second, n.parse().unwrap_or(1)),
        None => (stamp, 1),
    }
}

/// The same stamp with a counter, for a second copy within one second: "… 14-05-09.2".
fn bump(s: &str) -> String {
    match s.rsplit_once('.') {
        Some((base, n)) if n.parse::<u32>().is_ok() => format!("{base}.{}", n.parse::<u32>().unwrap_or(1) + 1),
        _ => format!("{s}.2"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn add_code(store: &mut Store, name: &str) {
        let id = store.ids().unwrap().code();
        let code = Action::CreateCode {
            id,
            name: name.into(),
            color: "#123456".into(),
            definition: String::new(),
            concept: None,
        };
        store.apply(&code).unwrap();
    }

    fn project_with_code(dir: &Path, name: &str) -> (Store, PathBuf) {
        let path = dir.join("thesis.axial");
        let mut store = Store::create(&path).unwrap();
        add_code(&mut store, name);
        (store, path)
    }

    #[test]
    fn backups_are_whole_projects_and_only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, path) = project_with_code(dir.path(), "Trust");
        let first = make(&path).unwrap();
        assert!(matches!(first, Made::New(_)));
        let again = make(&path).unwrap();
        assert!(matches!(again, Made::Unchanged(_)), "nothing edited since: no new copy");
        assert_eq!(again.path(), first.path());
        for i in 0..KEEP + 1 {
            add_code(&mut store, &format!("C{i}"));
            make(&path).unwrap();
        }
        let all = list(&path);
        assert_eq!(all.len(), KEEP, "{all:?}");
        assert!(all.windows(2).all(|w| w[0].made > w[1].made), "newest first");
        let copy = Store::open_read_only(&all[0].path).unwrap().load().unwrap();
        assert_eq!(copy, store.load().unwrap(), "a backup holds the whole project, made while it is open");
        assert!(!folder(&path).join(format!("{}.partial", all[0].path.display())).exists());
    }

    #[test]
    fn a_restore_brings_the_backup_back_and_restoring_the_copy_before_undoes_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, path) = project_with_code(dir.path(), "Trust");
        let backup = make(&path).unwrap().path().to_owned();
        add_code(&mut store, "Later");
        let edited = store.load().unwrap();
        let before = restore(&mut store, &backup).unwrap();
        assert_eq!(store.load().unwrap().codes().len(), 1, "the later code is gone");
        assert_eq!(Store::open_read_only(&path).unwrap().load().unwrap().codes().len(), 1, "in the file too");
        assert!(list(&path).iter().any(|b| b.before_restore && b.path == before));
        restore(&mut store, &before).unwrap();
        assert_eq!(store.load().unwrap(), edited, "restoring the copy made before undoes the restore");
    }

    /// A backup made before this build upgraded the project (schema 9: the texts inside the
    /// document rows, no speaker counts).
    fn as_schema_9(path: &Path) {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute_batch(
            "ALTER TABLE document ADD COLUMN text TEXT NOT NULL DEFAULT '';
             UPDATE document SET text = (SELECT text FROM document_text t WHERE t.document_id = document.id);
             ALTER TABLE document DROP COLUMN speakers;
             DROP TABLE document_text;
             PRAGMA user_version = 9;",
        )
        .unwrap();
    }

    #[test]
    fn a_backup_from_before_an_upgrade_is_restored_upgraded_and_the_upgrade_is_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, path) = project_with_code(dir.path(), "Trust");
        let old = make(&path).unwrap().path().to_owned();
        as_schema_9(&old);
        // The project as this build has it is a different file from that backup, even though
        // no edit came since: a new backup is made.
        assert!(matches!(make(&path).unwrap(), Made::New(_)));
        add_code(&mut store, "Later");
        restore(&mut store, &old).unwrap();
        let restored = Store::open(&path).unwrap();
        assert_eq!(restored.load().unwrap().codes().len(), 1, "the backup's project");
        assert_eq!(backup::schema_version(&path), Some(crate::store::CURRENT_VERSION), "still this build's schema");
        assert_eq!(restored.check_integrity().unwrap(), None);
        assert_eq!(backup::schema_version(&old), Some(9), "the backup itself is left as it was");
        let left: Vec<_> = std::fs::read_dir(folder(&path)).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(left.iter().all(|n| !n.to_string_lossy().starts_with('.')), "no working files left: {left:?}");
    }

    #[test]
    fn a_file_that_is_not_a_project_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, path) = project_with_code(dir.path(), "Trust");
        let junk = dir.path().join("junk.axial");
        std::fs::write(&junk, b"not a database at all").unwrap();
        let before = store.load().unwrap();
        assert!(restore(&mut store, &junk).unwrap_err().to_string().contains("not an Axial project"));
        assert!(restore(&mut store, &path).is_err(), "the project itself is not a backup");
        assert_eq!(store.load().unwrap(), before);
        assert!(list(&path).is_empty(), "no copy was made for a refused restore");
    }
}
