//! Application state: the open project, what is selected, search and import state, and the
//! one place that turns the user's intents into actions on the project. No egui here, so the
//! whole flow is tested without a window; `ui/` draws this state and emits [`Intent`]s.

mod background;
mod backups;
mod computed;
mod error;
mod hits;
mod intent;
pub mod job;
pub mod reader;
mod review;
pub mod samples;
mod tree_edit;
mod unsaved;

pub use axial_core::analysis::retrieval::Scope;
pub use background::{BACKGROUND_SEARCH_CHARS, Jobs};
pub use computed::{Computed, INLINE_CODINGS};
pub use error::AppError;
pub use hits::HitsCode;
pub use intent::{DepthEdit, Intent, in_vivo_name};
pub use job::{Job, Wake};
pub use review::{OpenAs, REVIEW_REFUSAL, ReviewState};
pub use tree_edit::TreeEdit;
pub use unsaved::RETRY_EVERY;

use axial_core::analysis::search::{Hit, SearchOptions};
use axial_core::model::*;
use axial_core::project::ProjectError;
use axial_core::store::{IdAllocator, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A selected passage: `anchor` where the selection began, `focus` where it ends now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub document: DocumentId,
    pub anchor: usize,
    pub focus: usize,
}

impl Selection {
    pub fn range(&self) -> (usize, usize) {
        (self.anchor.min(self.focus), self.anchor.max(self.focus))
    }
    pub fn is_empty(&self) -> bool {
        self.anchor == self.focus
    }
}

/// A concept or a category, as selected in the code tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Concept(ConceptId),
    Category(CategoryId),
}

/// A message for the user: an error (red) or information.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub options: SearchOptions,
    pub hits: Vec<Hit>,
    pub error: Option<String>,
    /// The documents the hits were found in (hits are stale when these change).
    pub documents: Vec<DocumentId>,
}

/// Reading the passages under a code, concept, category or class one after another in the
/// transcript (constant comparison), started from the details panel, a card or the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassageWalk {
    pub scope: axial_core::analysis::retrieval::Scope,
    /// What is read, as the bar says it ("category “Trust”").
    pub title: String,
    /// The passages in reading order when the walk began; ones deleted since are skipped.
    pub codings: Vec<CodingId>,
    pub index: usize,
}

/// How many codes the "recent codes" bar keeps (keys 1-9).
pub const RECENT_CODES: usize = 9;

pub struct AppState {
    store: Store,
    /// The live project: loaded once, then patched from every change set the store returns.
    /// Shared (`Arc`) with background jobs; an edit while a job still reads it copies it once.
    pub project: Arc<Project>,
    /// The project file (a sample's working copy for samples).
    pub path: Option<PathBuf>,
    /// The sample folder this project is a working copy of, if any.
    pub sample: Option<PathBuf>,
    pub document: Option<DocumentId>,
    pub selection: Option<Selection>,
    pub selected_coding: Option<CodingId>,
    pub selected_code: Option<CodeId>,
    /// A concept or category selected in the code tree (the details panel shows it).
    pub selected_group: Option<Group>,
    /// A relation between categories selected in the paradigm model.
    pub selected_relation: Option<RelationId>,
    /// The codes on keys 1-9, in key order.
    pub recent_codes: Vec<CodeId>,
    /// When each key's code was last used (a counter), to give a new code the stalest key.
    recent_used: Vec<u64>,
    recent_clock: u64,
    pub notices: Vec<Notice>,
    pub search: SearchState,
    /// Work running beside the window.
    pub jobs: Jobs,
    /// Edits made while a project import writes in the background, applied after it.
    deferred: Vec<Intent>,
    /// Writes that found the project busy (another program writing), retried until saved.
    unsaved: Vec<Intent>,
    /// When the unsaved writes were last tried.
    unsaved_tried: Option<std::time::Instant>,
    wake: Option<Wake>,
    /// A character offset the reader should scroll to (search hit, selected coding).
    pub scroll_to: Option<usize>,
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    /// Counts undos and redos, so editors that keep their text while focused know to reload.
    pub history_steps: u64,
    /// The passages being read one by one, if any.
    pub walk: Option<PassageWalk>,
    /// Imported files with the title of a document already in the project, waiting for the
    /// user to say whether to import them again (as copies) or skip them.
    pub duplicates: Vec<axial_core::io::import::SourceText>,
    /// When the first edit not yet folded into the project file was saved (it is durable in
    /// the write-ahead log; after a quiet moment the file alone holds it).
    unfolded_since: Option<std::time::Instant>,
    /// Rolling backups made while the project is open.
    backups: backups::BackupState,
    /// The file's data version when this window last read or wrote it: another process's
    /// commit (`axial undo`, `axial import` from a terminal) moves it on.
    data_version: i64,
    /// The last audit row this window has seen: an outside change that added only comment rows
    /// reloads the comments, not the whole project.
    audit_seen: i64,
    /// The edit lock this window holds (none for review, read-only files and samples in memory).
    edit_lock: Option<axial_core::edit_lock::EditLock>,
    /// When the edit lock's heartbeat was last written.
    lock_refreshed: Option<std::time::Instant>,
    /// Every comment on the project, live.
    pub comments: Comments,
    /// Set when the project is open for review: what changed since the last review.
    pub review: Option<ReviewState>,
    /// Whether this review has been noted in the project (once, when it closes).
    review_noted: bool,
}

impl Drop for AppState {
    /// A reviewing window notes its review as it closes (see [`AppState::finish_review`]).
    fn drop(&mut self) {
        self.finish_review();
    }
}

/// How long the project stays quiet before its write-ahead log is folded into the file.
pub const CHECKPOINT_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

impl AppState {
    pub fn from_store(store: Store, path: Option<PathBuf>, sample: Option<PathBuf>) -> Result<AppState, ProjectError> {
        Self::from_store_with_progress(store, path, sample, &mut |_, _| {})
    }

    /// As [`AppState::from_store`], reporting `progress(done, total)` while the project loads.
    pub fn from_store_with_progress(
        store: Store,
        path: Option<PathBuf>,
        sample: Option<PathBuf>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<AppState, ProjectError> {
        let project = Arc::new(store.load_with_progress(progress)?);
        log::info!(
            "opened {} ({} documents, {} codings, {:?})",
            path.as_deref().or(sample.as_deref()).map_or("a project in memory".into(), |p| p.display().to_string()),
            project.documents().len(),
            project.codings().len(),
            store.mode()
        );
        let comments = Comments::new(store.comments()?);
        let mut state = AppState {
            store,
            project,
            path,
            sample,
            document: None,
            selection: None,
            selected_coding: None,
            selected_code: None,
            selected_group: None,
            selected_relation: None,
            recent_codes: Vec::new(),
            recent_used: Vec::new(),
            recent_clock: 0,
            notices: Vec::new(),
            search: SearchState::default(),
            jobs: Jobs::default(),
            deferred: Vec::new(),
            unsaved: Vec::new(),
            unsaved_tried: None,
            wake: None,
            scroll_to: None,
            undo_label: None,
            redo_label: None,
            history_steps: 0,
            walk: None,
            duplicates: Vec::new(),
            unfolded_since: None,
            backups: Default::default(),
            data_version: 0,
            audit_seen: 0,
            edit_lock: None,
            lock_refreshed: None,
            comments,
            review: None,
            review_noted: false,
        };
        state.data_version = state.store.data_version()?;
        state.audit_seen = state.store.audit_mark()?;
        state.undo_label = state.store.undo_label()?;
        state.redo_label = state.store.redo_label()?;
        state.document = state.project.documents().next().map(|d| d.id);
        state.set_busy_wait(unsaved::BUSY_WAIT);
        Ok(state)
    }

    /// Opens a `.axial` file for editing, or a sample folder's working copy (see
    /// [`AppState::open_as`]).
    pub fn open(path: &Path) -> Result<AppState, ProjectError> {
        Self::open_with_progress(path, &mut |_, _| {})
    }

    /// As [`AppState::open`], reporting `progress(done, total)` while the project loads (the
    /// window runs this in the background).
    pub fn open_with_progress(path: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<AppState, ProjectError> {
        Self::open_as(path, OpenAs::Edit, progress)
    }

    /// Creates a new project file and opens it.
    pub fn create(path: &Path) -> Result<AppState, ProjectError> {
        let store = Store::create(path)?;
        let mut state = Self::from_store(store, Some(path.to_owned()), None)?;
        if let Ok(axial_core::edit_lock::Claim::Ours { lock, .. }) = axial_core::edit_lock::claim(path) {
            state.edit_lock = Some(lock);
        }
        Ok(state)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The project's revision, for the views' caches (moves on with every change).
    pub fn revision(&self) -> u64 {
        self.project.revision()
    }

    fn refresh_history(&mut self) -> Result<(), AppError> {
        self.undo_label = self.store.undo_label()?;
        self.redo_label = self.store.redo_label()?;
        Ok(())
    }

    /// Patches the live model with what an action changed, then drops selections that no
    /// longer exist. Costs what changed, not the size of the project.
    pub(crate) fn patch(&mut self, changes: &ChangeSet) -> Result<(), AppError> {
        Arc::make_mut(&mut self.project).apply(changes);
        if !changes.is_empty() {
            self.note_saved_edit();
        }
        self.refresh_history()?;
        let p = &self.project;
        if self.document.is_some_and(|d| p.document(d).is_none()) {
            self.document = p.documents().next().map(|d| d.id);
            self.selection = None;
        }
        if let Some(sel) = self.selection {
            let len = p.document(sel.document).map(|d| d.char_len()).unwrap_or(0);
            if sel.anchor.max(sel.focus) > len || Some(sel.document) != self.document {
                self.selection = None;
            }
        }
        if self.selected_coding.is_some_and(|c| p.coding(c).is_none()) {
            self.selected_coding = None;
        }
        if self.selected_group.is_some_and(|g| match g {
            Group::Concept(id) => p.concept(id).is_none(),
            Group::Category(id) => p.category(id).is_none(),
        }) {
            self.selected_group = None;
        }
        if self.selected_relation.is_some_and(|r| p.relation(r).is_none()) {
            self.selected_relation = None;
        }
        if self.selected_code.is_some_and(|c| p.code(c).is_none()) {
            self.selected_code = None;
        }
        // A deleted code leaves the bar (the codes after it move up one key).
        let kept: Vec<bool> = self.recent_codes.iter().map(|c| p.code(*c).is_some()).collect();
        let mut keep = kept.iter().copied();
        self.recent_codes.retain(|_| keep.next().unwrap_or(false));
        let mut keep = kept.into_iter();
        self.recent_used.retain(|_| keep.next().unwrap_or(false));
        // Hits depend only on the texts: search again only when documents came or went.
        let documents_changed =
            changes.changes.iter().any(|c| matches!(c, Change::DocumentAdded(_) | Change::DocumentDeleted(_)));
        if documents_changed && !self.search.query.is_empty() {
            self.run_search();
        }
        Ok(())
    }

    /// Notes that an edit was saved: the idle checkpoint folds it into the file, and the rolling
    /// backups copy it.
    fn note_saved_edit(&mut self) {
        self.unfolded_since = Some(std::time::Instant::now());
        self.backups.note_edit();
    }

    /// Applies one action through the store (one transaction) and patches the live model.
    pub(crate) fn apply(&mut self, action: Action) -> Result<(), AppError> {
        let changes = self.store.apply(&action)?;
        self.patch(&changes)
    }

    /// Applies an action that creates rows, built while the store holds the write lock: the
    /// ids `build` takes cannot be taken by another program writing the same file meanwhile
    /// (a terminal import, a second window), so the write waits its turn instead of failing.
    /// `build` sees the live model and the ids; what else it returns is handed back.
    pub(crate) fn apply_new<T>(
        &mut self,
        build: impl FnOnce(&Project, &mut IdAllocator) -> Result<(Action, T), AppError>,
    ) -> Result<T, AppError> {
        let project = &self.project;
        let (out, changes) = self.store.apply_built(|store| {
            let mut ids = store.ids()?;
            build(project, &mut ids)
        })?;
        self.patch(&changes)?;
        Ok(out)
    }

    pub(crate) fn apply_merging(&mut self, action: Action) -> Result<(), AppError> {
        let changes = self.store.apply_merging(&action)?;
        self.patch(&changes)
    }

    pub fn current_document(&self) -> Option<&Document> {
        self.document.and_then(|d| self.project.document(d))
    }

    /// The selected passage in the open document, if it is not empty.
    pub fn selected_range(&self) -> Option<(usize, usize)> {
        self.selection.filter(|s| !s.is_empty() && Some(s.document) == self.document).map(|s| s.range())
    }

    /// Folds the write-ahead log into the project file once no edit has come for
    /// [`CHECKPOINT_AFTER`], so a plain copy of the `.axial` file has every edit. Returns how
    /// long to wait before calling again, if edits are still waiting.
    pub fn checkpoint_when_idle(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        let since = self.unfolded_since?;
        let quiet = now.saturating_duration_since(since);
        if quiet < CHECKPOINT_AFTER {
            return Some(CHECKPOINT_AFTER - quiet);
        }
        // A background import writes through its own connection: fold after it lands.
        if self.writing_in_background() {
            return Some(CHECKPOINT_AFTER);
        }
        match self.store.checkpoint() {
            Ok(true) => {
                self.unfolded_since = None;
                None
            }
            // Another process reads or writes the file just now; the edits are safe in the log.
            Ok(false) | Err(_) => Some(CHECKPOINT_AFTER),
        }
    }

    /// Reloads the project if another process changed the file (the command line, a second
    /// window): counts, the tree and history then show what the file holds. Returns whether it
    /// reloaded. Skipped while this window's own background import writes.
    pub fn reload_if_changed_outside(&mut self) -> bool {
        if self.writing_in_background() {
            return false;
        }
        let Ok(version) = self.store.data_version() else { return false };
        if version == self.data_version {
            return false;
        }
        self.data_version = version;
        // Only comments (a reviewer beside this window): read those alone. Anything else, and a
        // change that added no audit row at all (typing goes into its burst's row, a restore
        // replaces the file), reloads the whole project. `audit_seen` moves on only here, never
        // past rows another program wrote.
        let comments_up_to = self.store.comments_only_since(self.audit_seen).ok().flatten();
        if let Some(last) = comments_up_to {
            let before = self.comments.len();
            self.audit_seen = last;
            return match self.reload_comments() {
                Ok(()) => {
                    if self.comments.len() > before {
                        self.info("New comments arrived from another window or the command line.");
                    }
                    true
                }
                Err(e) => {
                    self.error(format!("the comments changed outside this window and could not be read again: {e}"));
                    false
                }
            };
        }
        match self.reload_from_store() {
            Ok(()) => {
                self.info("The project was changed outside this window (the command line or another program); it shows the file as it is now.");
                true
            }
            Err(e) => {
                self.error(format!("the project changed outside this window and could not be read again: {e}"));
                false
            }
        }
    }

    /// Reads the whole project again from the file (after an outside change or a restore).
    fn reload_from_store(&mut self) -> Result<(), AppError> {
        // The mark first: a row written while the project loads is looked at again next time.
        let mark = self.store.audit_mark().unwrap_or(self.audit_seen);
        let version = self.store.data_version().unwrap_or(self.data_version);
        let mut project = self.store.load()?;
        project.advance_revisions_past(self.project.revisions());
        self.project = Arc::new(project);
        self.comments = Comments::new(self.store.comments()?);
        self.data_version = version;
        self.audit_seen = mark;
        // Editors that keep their text while focused reload it, as after an undo.
        self.history_steps += 1;
        self.patch(&ChangeSet::default())?;
        self.unfolded_since = None;
        Ok(())
    }

    /// Takes this window's own commits through another connection (a background import) as
    /// known, so they are not mistaken for an outside change.
    pub(crate) fn own_write_landed(&mut self) {
        if let Ok(v) = self.store.data_version() {
            self.data_version = v;
        }
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        log::warn!("{text}");
        self.notices.push(Notice { text, error: true });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.notices.push(Notice { text: text.into(), error: false });
    }

    /// Notes `code` as just used, for the recent-codes bar. Keys are stable: a code keeps its
    /// number while it is in the bar (pressing 3 twice applies the same code twice); a new code
    /// takes the next free number, or, when all nine are taken, the number used longest ago.
    pub(crate) fn touch_recent(&mut self, code: CodeId) {
        self.recent_clock += 1;
        let now = self.recent_clock;
        if let Some(i) = self.recent_codes.iter().position(|c| *c == code) {
            self.recent_used[i] = now;
        } else if self.recent_codes.len() < RECENT_CODES {
            self.recent_codes.push(code);
            self.recent_used.push(now);
        } else if let Some(i) = (0..self.recent_used.len()).min_by_key(|&i| self.recent_used[i]) {
            self.recent_codes[i] = code;
            self.recent_used[i] = now;
        }
    }

    /// Number of codings of `code`.
    pub fn code_count(&self, code: CodeId) -> usize {
        self.project.tallies().code(code).references
    }
}
