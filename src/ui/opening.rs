//! Opening, closing and switching projects: in the background, for editing or review, or a
//! copy of one another window edits; every view forgotten when another project comes in.

use super::{AxialApp, Center, MAX_RECENT};
use crate::app::{AppState, Job, OpenAs};
use axial_core::project::ProjectError;
use std::path::PathBuf;

impl AxialApp {
    /// Opens a project file or a sample folder in the background (the window keeps drawing,
    /// with progress); errors show on the start screen.
    pub fn open(&mut self, path: &std::path::Path) {
        self.open_as(path, OpenAs::Edit);
    }

    /// Opens a project for editing or for review, in the background. A project another
    /// window edits is not opened for editing: the window asks what to do instead.
    pub fn open_as(&mut self, path: &std::path::Path, how: OpenAs) {
        // The project open now is closed first (its background writes finished, its edit lock
        // released): editing it while the other loads would leave one of the two models stale
        // if they are one file.
        self.close();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let target = path.to_owned();
        let verb = if how == OpenAs::Review { "Opening for review" } else { "Opening" };
        let job = Job::spawn(format!("{verb} {name}"), Some(self.wake.clone()), move |p| {
            AppState::open_as(&target, how, &mut |done, total| p.set(done, total))
        });
        self.opening = Some((job, path.to_owned(), how));
        self.start_error = None;
        self.in_use = None;
        if how == OpenAs::Review {
            self.center = Center::Changes;
        }
    }

    /// Makes a copy of a project another window edits, and opens the copy for editing.
    pub(super) fn open_copy(&mut self, path: &std::path::Path) {
        self.close();
        let source = path.to_owned();
        let job = Job::spawn("Making a copy".to_owned(), Some(self.wake.clone()), move |p| {
            let copy = axial_core::project::make_copy(&source)?;
            let mut state = AppState::open_as(&copy, OpenAs::Edit, &mut |done, total| p.set(done, total))?;
            state.info(format!(
                "This is a copy, {}, whose edits stay in it while another window edits the original (its comments can be brought into the original later).",
                copy.display()
            ));
            Ok(state)
        });
        self.opening = Some((job, path.to_owned(), OpenAs::Edit));
        self.in_use = None;
    }

    /// Whether a project is being opened.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Takes in a project that finished opening.
    pub(super) fn poll_opening(&mut self) {
        let Some((job, path, how)) = &self.opening else { return };
        let how = *how;
        let Some(result) = job.poll(|| {
            ProjectError::Store(axial_core::store::StoreError::Invalid(
                "opening stopped unexpectedly; try again".into(),
            ))
        }) else {
            return;
        };
        let path = path.clone();
        self.opening = None;
        match result {
            Ok(state) => {
                let path = state.path.clone().filter(|_| state.sample.is_none()).unwrap_or(path);
                self.install(state, path);
                if how == OpenAs::Review {
                    self.center = Center::Changes;
                }
            }
            Err(ProjectError::InUse { path, holder }) => self.in_use = Some((path, *holder)),
            Err(e) => match &mut self.state {
                Some(s) => s.error(e.to_string()),
                None => self.start_error = Some(e.to_string()),
            },
        }
    }

    /// Closes the open project, if any, once its background writes have landed.
    pub(super) fn close(&mut self) {
        if let Some(mut state) = self.state.take() {
            state.finish_background_writes();
        }
        self.reset_views();
    }

    /// Makes `state` the open project.
    pub(super) fn install(&mut self, mut state: AppState, path: PathBuf) {
        self.close();
        state.set_wake(self.wake.clone());
        state.start_integrity_check();
        self.remember(path);
        self.state = Some(state);
        self.start_error = None;
        self.reset_views();
    }

    /// Forgets every view's state (filters, buffers, caches) when another project opens, so
    /// nothing of one project can end up in another.
    pub(super) fn reset_views(&mut self) {
        self.documents = Default::default();
        self.codes = Default::default();
        self.reader = Default::default();
        self.paradigm = Default::default();
        self.passages = Default::default();
        self.cube = Default::default();
        self.frequencies = Default::default();
        self.cooccurrence = Default::default();
        self.saturation = Default::default();
        self.memos = Default::default();
        self.agreement = Default::default();
        self.comments = Default::default();
        self.changes = Default::default();
        self.details = Default::default();
        self.project_settings = Default::default();
        self.backups = Default::default();
        self.quick_pick = Default::default();
    }

    fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.settings.recent.retain(|p| *p != path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(MAX_RECENT);
    }
}
