//! Rolling backups from the window: one when a project opens, then one every few minutes
//! while edits come ([`axial_core::backups::EVERY`]), each made on its own thread from a
//! read-only connection; and restoring one, which reloads the window.

use super::{AppState, Job, Wake};
use axial_core::backups;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Default)]
pub struct BackupState {
    /// When the last backup was started (none yet this session: one is due).
    last: Option<Instant>,
    /// Whether an edit came since the last backup started.
    edited: bool,
    /// Whether the user asked for the next backup (Back up now): its outcome is said.
    asked: bool,
    /// The backup being made, and whether the user asked for it.
    job: Option<(Job<backups::Made, String>, bool)>,
}

impl BackupState {
    pub(super) fn note_edit(&mut self) {
        self.edited = true;
    }
}

impl AppState {
    /// Starts a backup if one is due: on opening, then every [`backups::EVERY`] with edits.
    /// Samples' working copies are not backed up (the sample itself is the original).
    pub fn backup_when_due(&mut self, now: Instant, wake: Option<Wake>) {
        if let Some((job, asked)) = &self.backups.job {
            let asked = *asked;
            match job.poll(|| "the backup stopped".to_owned()) {
                None => return,
                Some(Ok(made)) => {
                    self.backups.job = None;
                    if asked {
                        self.info(made.describe());
                    }
                }
                Some(Err(e)) => {
                    self.backups.job = None;
                    let what = if asked { "the backup" } else { "the automatic backup" };
                    self.error(format!("{what} was not made ({e}); your work is saved in the project"));
                }
            }
        }
        // Only the author's window backs up: a reviewer writes nothing into the author's folder.
        let editing = self.store.mode() == axial_core::store::Mode::Edit;
        let Some(path) = self.path.clone().filter(|_| self.sample.is_none() && editing) else {
            return;
        };
        // Not during a restore: a backup then would rotate away old ones, perhaps the one
        // being restored, and copy a project about to be replaced.
        if self.restoring() {
            return;
        }
        let due = match self.backups.last {
            None => true,
            Some(last) => self.backups.edited && now.saturating_duration_since(last) >= backups::EVERY,
        };
        if due {
            self.backups.last = Some(now);
            self.backups.edited = false;
            let job = Job::spawn("Backing up", wake, move |_| backups::make(&path).map_err(|e| e.to_string()));
            self.backups.job = Some((job, std::mem::take(&mut self.backups.asked)));
        }
    }

    /// Makes the next [`Self::backup_when_due`] start a backup.
    pub(super) fn backup_now(&mut self) {
        self.backups.last = None;
        self.backups.asked = true;
    }

    /// Whether a backup is being written now.
    pub fn backing_up(&self) -> bool {
        self.backups.job.is_some()
    }

    /// Replaces the project with the backup at `from` (the state before is kept as a backup
    /// of its own) and shows the restored project. The copying runs beside the window through
    /// a second connection (a large project takes a while); edits made meanwhile wait for it.
    pub(super) fn restore_backup(&mut self, from: PathBuf) -> Result<(), super::AppError> {
        if self.writing_in_background() {
            return Err(super::AppError::WritingBeside);
        }
        let Some(path) = self.store.path().map(std::path::Path::to_owned) else {
            let before = backups::restore(&mut self.store, &from)?;
            return self.restored(&from, &before);
        };
        let user = self.store.user().to_owned();
        self.jobs.restore = Some(Job::spawn("Restoring a backup", self.wake.clone(), move |_| {
            let mut store = axial_core::store::Store::open(&path)?;
            store.set_user(user);
            let before = backups::restore(&mut store, &from)?;
            Ok((from, before))
        }));
        Ok(())
    }

    /// Whether a backup is being restored now.
    pub fn restoring(&self) -> bool {
        self.jobs.restore.is_some()
    }

    /// Shows the project as the restore left it.
    pub(super) fn restored(&mut self, from: &std::path::Path, before: &std::path::Path) -> Result<(), super::AppError> {
        self.reload_from_store()?;
        self.info(format!(
            "Restored the backup of {}; the project as it was is kept as the backup of {} (restore that one to undo this).",
            made(from),
            made(before)
        ));
        Ok(())
    }
}

/// The time in a backup's name, as the user reads it.
fn made(path: &std::path::Path) -> String {
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    name.rsplit_once(" before restore ").map(|(_, t)| t.to_owned()).unwrap_or_else(|| {
        name.split(' ').rev().take(2).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Intent;
    use axial_core::model::MemoTarget;

    #[test]
    fn a_backup_is_not_taken_for_a_change_from_outside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(axial_core::store::Store::create(&path).unwrap());
        let mut app = AppState::open(&path).unwrap();
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "x".into() });
        app.backup_when_due(Instant::now(), None);
        while app.backing_up() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            app.backup_when_due(Instant::now(), None);
        }
        assert_eq!(backups::list(&path).len(), 1);
        assert!(!app.reload_if_changed_outside(), "making a backup is not an outside change");
    }

    #[test]
    fn an_edit_made_during_a_restore_is_refused_not_applied_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(axial_core::store::Store::create(&path).unwrap());
        let mut app = AppState::open(&path).unwrap();
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "Before".into() });
        let made = backups::make(&path).unwrap();
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "Before, and later".into() });
        app.handle(Intent::RestoreBackup(made.path().to_owned()));
        assert!(app.restoring());
        // Typed into the memo as it was before the restore.
        app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "Before, and later!".into() });
        assert!(app.notices.iter().any(|n| n.error && n.text.starts_with("a backup is being restored")));
        while app.restoring() {
            app.poll_jobs();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let memo = app.project.memos_on(&MemoTarget::Project).next().unwrap().text.clone();
        assert_eq!(memo, "Before", "the restore is not undone by the edit made during it");
        assert!(!app.not_saved_yet());
    }
}
