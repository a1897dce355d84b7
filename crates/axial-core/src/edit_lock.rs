//! Who has a project open for editing in a window. One window at a time edits a project: it
//! holds an advisory lock (`flock`) on a small file beside it, `.NAME.axial.lock`, which also
//! says who they are (user, machine, process, since when). A second window is told who has the
//! project and offered to review it or open a copy, instead of becoming a second writer whose
//! undo history and unsaved edits fight the first one's.
//!
//! Why a file of its own, and not a lock on the project file: SQLite's locks on the project are
//! POSIX locks, which belong to the process; any other handle this process opened and closed
//! on the project file would drop them. The lock file is never touched by SQLite.
//!
//! The command line does not take this lock: its writes are single transactions that the
//! window sees within a second; when one waits too long for SQLite's write lock it names the
//! holder written here ([`holder`]).
//!
//! A lock whose process is gone is taken over: on this machine the `flock` tells (the system
//! releases it when the process ends, however it ends). A lock written on another machine (a
//! shared folder) cannot be checked that way everywhere, so its holder rewrites it every minute
//! ([`EditLock::refresh`]) and a lock file not rewritten for [`STALE_AFTER`] (by its time on
//! this machine's view of the file, not the other machine's clock) is taken over too. A holder
//! that finds its lock was taken over (a laptop that slept) learns it at its next refresh and
//! stops editing; it never writes over, or removes, the new holder's lock.

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How often the holder rewrites its heartbeat.
pub const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// A lock from another machine whose heartbeat is older than this is taken to be left behind.
pub const STALE_AFTER: Duration = Duration::from_secs(180);

/// Who holds a project open for editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub machine: String,
    pub pid: u32,
    /// When they opened it (RFC 3339, UTC).
    pub since: String,
    /// When their window last said it still has it (RFC 3339, UTC).
    pub heartbeat: String,
}

impl Holder {
    /// This process, now.
    pub fn me() -> Holder {
        let now = crate::model::now_rfc3339();
        Holder {
            user: crate::model::current_user(),
            machine: machine_name(),
            pid: std::process::id(),
            since: now.clone(),
            heartbeat: now,
        }
    }

    /// What the lock file says when it cannot be read (being written, damaged).
    fn unknown() -> Holder {
        Holder {
            user: "someone".into(),
            machine: "an unknown machine".into(),
            pid: 0,
            since: String::new(),
            heartbeat: String::new(),
        }
    }

    /// "alice on laptop (process 4242) since 2026-12-06 14:02 UTC".
    pub fn describe(&self) -> String {
        let mut s = format!("{} on {}", self.user, self.machine);
        if self.pid != 0 {
            s.push_str(&format!(" (process {})", self.pid));
        }
        if let Some(since) = short_time(&self.since) {
            s.push_str(&format!(" since {since}"));
        }
        s
    }

    fn is_this_machine(&self) -> bool {
        self.machine == machine_name()
    }

    /// Whether `self` and `other` are the same holding (the same process, since the same time).
    fn same_holding(&self, other: &Holder) -> bool {
        self.machine == other.machine && self.pid == other.pid && self.since == other.since
    }
}

/// Whether the lock file was written within [`STALE_AFTER`] (its modification time).
fn recently_written(file: &File) -> bool {
    file.metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_none_or(|age| age < STALE_AFTER)
}

/// "2026-12-06 14:02 UTC" from an RFC 3339 time.
fn short_time(rfc3339: &str) -> Option<String> {
    let (date, time) = rfc3339.split_once('T')?;
    Some(format!("{date} {} UTC", time.get(..5)?))
}

/// The name of this machine.
pub fn machine_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that much.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).trim().to_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("COMPUTERNAME").ok().filter(|n| !n.is_empty()).unwrap_or_else(|| "this machine".into())
}

/// The lock file of `project`: `.NAME.lock` beside it (beside the file itself, when `project`
/// is reached through a symbolic link, so every name of one file finds one lock).
pub fn lock_path(project: &Path) -> PathBuf {
    let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
    let name = project.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let folder = project.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    folder.join(format!(".{name}.lock"))
}

/// What a holder writes is padded to this many bytes and written in one go, so a reader never
/// sees half of a new holder over the end of an old one.
const RECORD_BYTES: usize = 1024;

/// The lock this window holds on its project. Dropping it removes the lock file and releases
/// the lock.
#[derive(Debug)]
pub struct EditLock {
    file: File,
    path: PathBuf,
    holder: Holder,
}

/// What claiming a project for editing found.
#[derive(Debug)]
pub enum Claim {
    /// The project is ours to edit; `taken_over` is who had left a lock behind.
    Ours { lock: EditLock, taken_over: Option<Holder> },
    /// Someone else is editing it.
    Theirs(Holder),
}

/// Claims `project` for editing by this process.
pub fn claim(project: &Path) -> std::io::Result<Claim> {
    let path = lock_path(project);
    for attempt in 0..20 {
        let mut file = match OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path) {
            Ok(f) => f,
            // Another user's lock file: a lock is still taken (flock needs no write access);
            // if its holder is gone, the file is replaced by one of ours.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                let mut theirs = File::open(&path)?;
                match theirs.try_lock() {
                    Err(std::fs::TryLockError::WouldBlock) => return Ok(Claim::Theirs(read_holder(&mut theirs))),
                    Err(std::fs::TryLockError::Error(e)) => return Err(e),
                    Ok(()) => {
                        std::fs::remove_file(&path)?;
                        continue;
                    }
                }
            }
            Err(e) => return Err(e),
        };
        match file.try_lock() {
            Ok(()) => {}
            // Someone only looking (`holder`) holds it for an instant: ask again before saying
            // it is taken.
            Err(std::fs::TryLockError::WouldBlock) if attempt < 3 => {
                std::thread::sleep(Duration::from_millis(30));
                continue;
            }
            Err(std::fs::TryLockError::WouldBlock) => return Ok(Claim::Theirs(read_holder(&mut file))),
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        // The file may have been removed by its holder between our open and our lock: then the
        // lock is on a file no one else will find. Try again on the file that is there now.
        if !same_file(&file, &path) {
            continue;
        }
        let contents = read_contents(&mut file).unwrap_or_default();
        let previous = serde_json::from_str::<Holder>(contents.trim()).ok();
        let fresh = recently_written(&file);
        // A lock written elsewhere and still rewritten: the flock may not reach across machines
        // (a sync folder, some network shares), so believe the file. The same for one that
        // cannot be read but was just written (another machine in the middle of writing it).
        match &previous {
            Some(h) if !h.is_this_machine() && fresh => return Ok(Claim::Theirs(h.clone())),
            None if !contents.trim().is_empty() && fresh => return Ok(Claim::Theirs(Holder::unknown())),
            _ => {}
        }
        let mut lock = EditLock { file, path, holder: Holder::me() };
        lock.write()?;
        return Ok(Claim::Ours { lock, taken_over: previous });
    }
    Err(std::io::Error::other("the lock file beside the project kept changing"))
}

/// Who holds `project` open for editing now, if anyone (for a message such as "busy: alice on
/// laptop has it open"). Never takes the lock.
pub fn holder(project: &Path) -> Option<Holder> {
    let path = lock_path(project);
    let mut file = File::open(&path).ok()?;
    // Shared: a look never keeps a window from claiming the project.
    match file.try_lock_shared() {
        Err(std::fs::TryLockError::WouldBlock) => Some(read_holder(&mut file)),
        Ok(()) => {
            // No one here holds it; a holder on another machine may, if it still writes.
            let h = read_contents(&mut file).and_then(|s| serde_json::from_str::<Holder>(s.trim()).ok());
            let fresh = recently_written(&file);
            let _ = file.unlock();
            h.filter(|h| !h.is_this_machine() && fresh)
        }
        Err(_) => None,
    }
}

impl EditLock {
    /// Who this lock says holds the project (this process).
    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Rewrites the heartbeat, so other machines see the lock is alive ([`STALE_AFTER`]).
    /// Returns who took the project over instead, if this lock is no longer ours (this window
    /// was quiet too long, say a laptop asleep): then nothing is written.
    pub fn refresh(&mut self) -> std::io::Result<Option<Holder>> {
        if let Some(other) = self.taken_by() {
            return Ok(Some(other));
        }
        self.holder.heartbeat = crate::model::now_rfc3339();
        self.write()?;
        Ok(None)
    }

    /// Who holds the project now if not this lock (its file replaced, or rewritten by another).
    fn taken_by(&mut self) -> Option<Holder> {
        if !same_file(&self.file, &self.path) {
            let mut now = File::open(&self.path).ok()?;
            return Some(read_holder(&mut now));
        }
        let written = read_contents(&mut self.file).and_then(|s| serde_json::from_str::<Holder>(s.trim()).ok())?;
        (!written.same_holding(&self.holder)).then_some(written)
    }

    fn write(&mut self) -> std::io::Result<()> {
        let mut json = serde_json::to_string_pretty(&self.holder).map_err(std::io::Error::other)?;
        json.push('\n');
        while json.len() < RECORD_BYTES {
            json.push(' ');
        }
        self.file.rewind()?;
        self.file.write_all(json.as_bytes())?;
        self.file.set_len(json.len() as u64)?;
        self.file.flush()
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Removed while still locked, so no one takes over a file that is about to go; and only
        // while it is still ours (a lock taken over belongs to its new holder).
        if self.taken_by().is_none() && same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// What the lock file says about its holder; retried a moment when it is being rewritten.
fn read_holder(file: &mut File) -> Holder {
    for _ in 0..5 {
        if let Some(h) = read_contents(file).and_then(|s| serde_json::from_str(s.trim()).ok()) {
            return h;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Holder::unknown()
}

fn read_contents(file: &mut File) -> Option<String> {
    let mut s = String::new();
    file.rewind().ok()?;
    file.take(64 * 1024).read_to_string(&mut s).ok()?;
    Some(s)
}

/// Whether `file` is the file at `path` now.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thesis.axial");
        (dir, path)
    }

    #[test]
    fn one_holder_at_a_time_and_the_second_is_told_who() {
        let (_dir, path) = project();
        let Claim::Ours { lock, taken_over: None } = claim(&path).unwrap() else { panic!("free") };
        assert!(lock_path(&path).exists());
        // A second claim (its own open file, as another process would have) is refused.
        let Claim::Theirs(holder) = claim(&path).unwrap() else { panic!("held") };
        assert_eq!(holder, *lock.holder());
        assert_eq!(holder.pid, std::process::id());
        assert!(holder.describe().contains(&format!("on {}", machine_name())), "{}", holder.describe());
        assert_eq!(super::holder(&path), Some(lock.holder().clone()));
        drop(lock);
        assert!(!lock_path(&path).exists(), "closing removes the lock file");
        assert_eq!(super::holder(&path), None);
        assert!(matches!(claim(&path).unwrap(), Claim::Ours { taken_over: None, .. }));
    }

    #[test]
    fn a_lock_left_by_a_process_that_is_gone_is_taken_over() {
        let (_dir, path) = project();
        let gone = Holder { pid: 999_999, user: "alice".into(), ..Holder::me() };
        std::fs::write(lock_path(&path), serde_json::to_string(&gone).unwrap()).unwrap();
        assert_eq!(super::holder(&path), None, "no process holds it");
        let Claim::Ours { lock, taken_over } = claim(&path).unwrap() else { panic!("stale: taken over") };
        assert_eq!(taken_over, Some(gone));
        assert_eq!(lock.holder().pid, std::process::id());
    }

    #[test]
    fn a_lock_from_another_machine_counts_while_its_heartbeat_is_fresh() {
        let (_dir, path) = project();
        let elsewhere = Holder { machine: "supervisor-desktop".into(), ..Holder::me() };
        std::fs::write(lock_path(&path), serde_json::to_string(&elsewhere).unwrap()).unwrap();
        let Claim::Theirs(h) = claim(&path).unwrap() else { panic!("fresh: theirs") };
        assert_eq!(h.machine, "supervisor-desktop");
        assert_eq!(super::holder(&path).map(|h| h.machine), Some("supervisor-desktop".into()));
        // Not rewritten for longer than STALE_AFTER (by the file's own time): taken over.
        let old = SystemTime::now() - STALE_AFTER * 2;
        File::options().write(true).open(lock_path(&path)).unwrap().set_modified(old).unwrap();
        assert_eq!(super::holder(&path), None);
        let Claim::Ours { mut lock, taken_over: Some(h) } = claim(&path).unwrap() else { panic!("stale: taken over") };
        assert_eq!(h.machine, "supervisor-desktop");
        // The other machine wakes up: its refresh finds the lock taken and writes nothing.
        let mut sleeper = EditLock {
            file: File::options().read(true).write(true).open(lock_path(&path)).unwrap(),
            path: lock_path(&path),
            holder: elsewhere,
        };
        let taken = sleeper.refresh().unwrap().expect("taken over");
        assert_eq!(taken.pid, std::process::id());
        drop(sleeper);
        assert!(lock_path(&path).exists(), "the sleeper leaves the new holder's file alone");
        assert_eq!(lock.refresh().unwrap(), None, "the new holder still holds it");
    }

    #[test]
    fn an_unreadable_lock_file_still_names_someone() {
        let (_dir, path) = project();
        let Claim::Ours { mut lock, .. } = claim(&path).unwrap() else { panic!() };
        lock.file.set_len(0).unwrap();
        let Claim::Theirs(h) = claim(&path).unwrap() else { panic!() };
        assert_eq!(h.describe(), "someone on an unknown machine");
        lock.write().unwrap();
        let Claim::Theirs(h) = claim(&path).unwrap() else { panic!() };
        assert_eq!(h.pid, std::process::id());
    }

    #[test]
    fn times_read_short() {
        assert_eq!(short_time("2026-12-06T14:02:33Z").as_deref(), Some("2026-12-06 14:02 UTC"));
        assert_eq!(short_time("garbage"), None);
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn a_half_written_lock_from_elsewhere_counts_while_it_is_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        std::fs::write(lock_path(&path), "{\"user\": \"sam\", \"mach").unwrap();
        let Claim::Theirs(h) = claim(&path).unwrap() else { panic!("held") };
        assert_eq!(h.user, "someone");
        let old = SystemTime::now() - STALE_AFTER * 2;
        File::options().write(true).open(lock_path(&path)).unwrap().set_modified(old).unwrap();
        assert!(matches!(claim(&path).unwrap(), Claim::Ours { taken_over: None, .. }));
    }

    #[test]
    fn a_name_through_a_symbolic_link_finds_the_same_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        std::fs::write(&path, "x").unwrap();
        let link = dir.path().join("link.axial");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&path, &link).unwrap();
        #[cfg(unix)]
        {
            let Claim::Ours { lock: _lock, .. } = claim(&path).unwrap() else { panic!() };
            assert!(matches!(claim(&link).unwrap(), Claim::Theirs(_)));
        }
    }
}
