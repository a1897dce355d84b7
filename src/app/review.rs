//! Who may change the open project, and the reviewer's side of it: opening for editing (one
//! window at a time, through the edit lock) or for review (comments only), the comments, and
//! what changed since this reviewer's last review.
//!
//! The rules, in one place (the README's "Sharing a project" says the same to users):
//! - One window edits a project at a time. It holds the edit lock beside the file; a second
//!   window is told who has it and offered to review it or open a copy.
//! - The command line may write beside that window: each command is one transaction, which
//!   the window shows within a second (it never overwrites it: its own edits are transactions
//!   on the same file, never a copy of it).
//! - A reviewer changes nothing of the project, its history or its undo; they write comments
//!   and their own review sessions, into the file they opened (the student's, or a copy).

use super::{AppError, AppState, Intent};
use axial_core::analysis::review_changes::{ReviewChange, Snapshot, changes_since};
use axial_core::edit_lock::{self, Claim, EditLock};
use axial_core::model::{CommentAction, CommentTarget, Comments};
use axial_core::project::{self, Access, ProjectError};
use axial_core::store::{Mode, StoreError};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How the window opens a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenAs {
    Edit,
    Review,
}

/// What the reviewer sees on opening: the changes since their last review.
#[derive(Clone, Debug, Default)]
pub struct ReviewState {
    /// When this reviewer last reviewed the project (none: the first time).
    pub last_review: Option<String>,
    pub changes: Vec<ReviewChange>,
}

/// Why the project cannot be changed in this window, for notices and disabled controls.
pub const REVIEW_REFUSAL: &str = "You are reviewing this project, so it stays as its author left it; comment instead (the Comments pane below, or right-click an item).";
const READ_ONLY_REFUSAL: &str = "This project is read-only because the file or its folder cannot be written; you can read it, run reports and export.";
const RESTORING_REFUSAL: &str = "A backup is being restored; wait until it has finished.";

impl AppState {
    /// Opens `path` for editing or for review, reporting progress (the window runs this in
    /// the background). Editing claims the edit lock first: a project another window edits is
    /// refused with [`ProjectError::InUse`], naming who.
    pub fn open_as(path: &Path, how: OpenAs, progress: &mut dyn FnMut(usize, usize)) -> Result<AppState, ProjectError> {
        match how {
            OpenAs::Edit => Self::open_for_editing(path, progress),
            OpenAs::Review => Self::open_for_review(path, progress),
        }
    }

    fn open_for_editing(path: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<AppState, ProjectError> {
        let sample = project::is_sample_folder(path);
        let file = if sample { super::samples::working_copy_path(path) } else { path.to_owned() };
        if sample && let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut unlocked = None;
        let (lock, taken_over) = match edit_lock::claim(&file) {
            Ok(Claim::Ours { lock, taken_over }) => (Some(lock), taken_over),
            // A sample's working copy is the file the other window edits: that is what to review.
            Ok(Claim::Theirs(holder)) => return Err(ProjectError::InUse { path: file, holder: Box::new(holder) }),
            // No lock file can be made (a read-only folder): the project opens read-only below,
            // or, where it can still be written, without the lock rather than not at all.
            Err(e) => {
                unlocked = Some(e);
                (None, None)
            }
        };
        let mut state = if sample {
            let (store, copy) = super::samples::open_working_copy(path)?;
            Self::from_store_with_progress(store, Some(copy), Some(path.to_owned()), progress)?
        } else {
            match project::open(path, Access::Write) {
                Ok(store) => Self::from_store_with_progress(store, Some(path.to_owned()), None, progress)?,
                Err(ProjectError::Store(StoreError::NotWritable { .. })) => {
                    let store = project::open(path, Access::Read)?;
                    let mut state = Self::from_store_with_progress(store, Some(path.to_owned()), None, progress)?;
                    state.info(
                        "This project is read-only because the file or its folder cannot be written; to edit it, make both writable or copy it into a folder you can write to.",
                    );
                    // Nobody edits it here: another window may (once the folder is writable).
                    return Ok(state);
                }
                Err(e) => return Err(e),
            }
        };
        if let Some(e) = unlocked {
            state.info(format!(
                "Axial could not mark this project as open here ({e}), so it cannot tell another window that it is; open it in one window only."
            ));
        }
        if let Some(h) = taken_over {
            let gone = if h.machine == edit_lock::machine_name() {
                "whose Axial is no longer running"
            } else {
                "whose machine has not said for three minutes that it still has it"
            };
            state.info(format!("This project was left open by {}, {gone}, so it is yours to edit now.", h.describe()));
        }
        state.edit_lock = lock;
        state.lock_refreshed = Some(Instant::now());
        let open = state.comments.open_count();
        if open > 0 {
            state.info(format!(
                "{open} open comment{} on this project: see the Comments tab.",
                if open == 1 { "" } else { "s" }
            ));
        }
        Ok(state)
    }

    fn open_for_review(path: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<AppState, ProjectError> {
        let (store, read_only) = match project::open(path, Access::Review) {
            Ok(store) => (store, false),
            Err(ProjectError::Store(StoreError::NotWritable { .. })) => (project::open(path, Access::Read)?, true),
            Err(e) => return Err(e),
        };
        let file = (!project::is_sample_folder(path)).then(|| path.to_owned());
        let sample = project::is_sample_folder(path).then(|| path.to_owned());
        let mut state = Self::from_store_with_progress(store, file, sample, progress)?;
        state.start_review();
        if read_only {
            state.info(
                "This project's file cannot be written, so your comments could not be saved in it: ask for a copy you can write to.",
            );
        }
        Ok(state)
    }

    /// Works out what changed since this reviewer last reviewed. This review is noted when the
    /// reviewing window closes ([`AppState::finish_review`]), not on opening: a crash, or a
    /// glance that ends at once, must not make the next review forget what changed since the
    /// last real one.
    fn start_review(&mut self) {
        let reviewer = self.store.user().to_owned();
        let last = self.store.last_review_by(&reviewer).ok().flatten();
        let mut review = ReviewState::default();
        if let Some(last) = &last {
            review.last_review = Some(last.opened.clone());
            match (Snapshot::from_json(&last.snapshot), self.store.audit_since(last.audit_mark)) {
                (Some(before), Ok(rows)) => review.changes = changes_since(&before, &self.project, &rows),
                _ => self.error("could not tell what changed since your last review (its record is unreadable)"),
            }
        }
        self.review = Some(review);
    }

    /// Notes this review in the project (who, when, and what it held then), for the next
    /// review's list of changes. Once, when the reviewing window closes the project.
    pub fn finish_review(&mut self) {
        if self.review.is_none() || self.store.mode() != Mode::Review || self.review_noted {
            return;
        }
        self.review_noted = true;
        let snapshot = Snapshot::of(&self.project).to_json();
        // Nobody to tell if it fails (the window is closing): the next review then lists the
        // changes since an earlier one, which loses nothing.
        let _ = self.store.record_review(snapshot);
    }

    /// Whether this window is reviewing (comments only).
    pub fn reviewing(&self) -> bool {
        self.store.mode() == Mode::Review || self.review.is_some()
    }

    /// Why the project cannot be changed here now, if it cannot: for a notice, and for the
    /// hover text of every disabled edit control.
    pub fn edit_refusal(&self) -> Option<&'static str> {
        if self.reviewing() {
            Some(REVIEW_REFUSAL)
        } else if self.store.is_read_only() {
            Some(READ_ONLY_REFUSAL)
        } else if self.restoring() {
            Some(RESTORING_REFUSAL)
        } else {
            None
        }
    }

    /// Whether comments can be written here (editing or reviewing a writable file).
    pub fn can_comment(&self) -> bool {
        matches!(self.store.mode(), Mode::Edit | Mode::Review) && !self.restoring()
    }

    /// Who holds the edit lock of this window, if it holds one.
    pub fn edit_lock(&self) -> Option<&EditLock> {
        self.edit_lock.as_ref()
    }

    /// Rewrites the edit lock's heartbeat once a minute (see [`edit_lock::REFRESH_EVERY`]).
    pub fn refresh_lock_when_due(&mut self, now: Instant) {
        let due = self.lock_refreshed.is_none_or(|t| now.saturating_duration_since(t) >= edit_lock::REFRESH_EVERY);
        let Some(lock) = self.edit_lock.as_mut().filter(|_| due) else { return };
        self.lock_refreshed = Some(now);
        // Another window took the project over (this one was silent too long: a laptop that
        // slept): stop editing here, so the two never both write.
        if let Ok(Some(holder)) = lock.refresh() {
            self.edit_lock = None;
            self.store.narrow_to_review();
            self.review = Some(ReviewState::default());
            // The author's own window, narrowed: not a review to note for the next one.
            self.review_noted = true;
            self.error(format!(
                "{} took this project over while this window was silent for over three minutes, so this window now only reviews it; reopen the project to edit it again when they are done.",
                holder.describe()
            ));
        }
    }

    /// Writes a comment, reply, edit, status or withdrawal.
    pub(super) fn comment(&mut self, action: CommentAction) -> Result<(), AppError> {
        // Through this window's own connection: the data version does not move for it.
        let comment = self.store.comment(&action)?;
        self.comments.put(comment);
        self.note_comment_write();
        Ok(())
    }

    /// Brings in the comments of a copy that came back from a reviewer.
    pub(super) fn import_comments(&mut self, copy: PathBuf) -> Result<(), AppError> {
        let imported = self.store.import_comments(&copy)?;
        self.comments = Comments::new(self.store.comments()?);
        self.note_comment_write();
        self.info(format!("Brought in the comments of {}: {}.", file_name(&copy), imported.summary()));
        Ok(())
    }

    /// Reads the comments again from the file (after an outside change).
    pub(super) fn reload_comments(&mut self) -> Result<(), AppError> {
        self.comments = Comments::new(self.store.comments()?);
        Ok(())
    }

    /// The item a comment or change is on, selected (a passage opens in the transcript).
    pub fn go_to_comment_target(&mut self, target: CommentTarget) {
        if !target.exists_in(&self.project) {
            self.info(format!(
                "That {} is no longer in the project (it was deleted); its comments keep what it was.",
                match target {
                    CommentTarget::Coding(_) => "coded passage",
                    other => other.kind(),
                }
            ));
            return;
        }
        let intent = match target {
            CommentTarget::Project => return,
            CommentTarget::Code(id) => Intent::SelectCode(Some(id)),
            CommentTarget::Concept(id) => Intent::SelectGroup(Some(super::Group::Concept(id))),
            CommentTarget::Category(id) => Intent::SelectGroup(Some(super::Group::Category(id))),
            CommentTarget::Relation(id) => Intent::SelectRelation(Some(id)),
            CommentTarget::Coding(id) => Intent::SelectCoding(Some(id)),
            CommentTarget::Memo(id) => match self.project.memo(id).map(|m| m.target.clone()) {
                Some(axial_core::model::MemoTarget::Code(c)) => Intent::SelectCode(Some(c)),
                Some(axial_core::model::MemoTarget::Concept(c)) => Intent::SelectGroup(Some(super::Group::Concept(c))),
                Some(axial_core::model::MemoTarget::Category(c)) => {
                    Intent::SelectGroup(Some(super::Group::Category(c)))
                }
                Some(axial_core::model::MemoTarget::Coding(c)) => Intent::SelectCoding(Some(c)),
                Some(axial_core::model::MemoTarget::Document(d)) => Intent::OpenDocument(d),
                Some(axial_core::model::MemoTarget::Relation(r)) => Intent::SelectRelation(Some(r)),
                Some(axial_core::model::MemoTarget::Project) | None => return,
            },
        };
        self.handle(intent);
    }

    /// A comment write is an edit for the rolling backups and the idle checkpoint.
    fn note_comment_write(&mut self) {
        if self.store.mode() == Mode::Edit {
            self.note_saved_edit();
        } else {
            // A reviewer makes no backups of someone else's project; the log is still folded.
            self.unfolded_since = Some(Instant::now());
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
