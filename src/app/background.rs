//! The project's long work, off the frame thread: reading transcripts, importing a project
//! JSON, searching a large project, exports and the full integrity check. Each runs as a
//! [`Job`]; [`AppState::poll_jobs`] takes in what finished, once per frame.
//!
//! A project-JSON import writes through a second connection to the same file, so the window
//! keeps its own; edits made meanwhile wait in order (`deferred`) and are applied when the
//! import is done, so nothing typed or coded is refused or lost, and ids never collide.

use super::job::{Job, Progress, Wake};
use super::{AppError, AppState, Intent};
use axial_core::analysis::search::{self, Hit, SearchOptions};
use axial_core::export::{Export, write_atomically};
use axial_core::io::import::{self, SourceText};
use axial_core::model::{ChangeSet, Project};
use axial_core::project::{ExchangeImport, ProjectImport, import_project_json_into, import_qdc_into, import_qdpx_into};
use axial_core::store::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// What importing a project file brought in, by the kind of file.
pub enum FileImport {
    Json(ProjectImport),
    Qdpx(ExchangeImport),
    Qdc(ExchangeImport),
}

/// Imports a project JSON, a QDPX project or a QDC codebook (by its extension) as one step.
fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    existing: &Project,
) -> Result<(FileImport, ChangeSet), axial_core::project::ProjectError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    Ok(match ext.as_str() {
        "qdpx" => {
            let (i, c) = import_qdpx_into(store, path, existing)?;
            (FileImport::Qdpx(i), c)
        }
        "qdc" => {
            let (i, c) = import_qdc_into(store, path, existing)?;
            (FileImport::Qdc(i), c)
        }
        _ => {
            let (i, c) = import_project_json_into(store, path, existing)?;
            (FileImport::Json(i), c)
        }
    })
}

/// Above this many characters of text in all, a search runs in the background.
pub const BACKGROUND_SEARCH_CHARS: usize = 2_000_000;

/// A finished search, with what it searched for (a newer query makes it stale).
pub struct SearchOutcome {
    pub query: String,
    pub options: SearchOptions,
    pub hits: Result<Vec<Hit>, String>,
}

/// The jobs that may run beside the window, at most one of each kind.
#[derive(Default)]
pub struct Jobs {
    pub import: Option<Job<Vec<SourceText>, String>>,
    pub project_json: Option<Job<(FileImport, ChangeSet), AppError>>,
    pub search: Option<Job<SearchOutcome, String>>,
    pub export: Option<Job<(Export, PathBuf), AppError>>,
    pub integrity: Option<Job<Option<String>, AppError>>,
    /// Restoring a backup (the backup restored, and the copy kept of the project before).
    pub restore: Option<Job<(PathBuf, PathBuf), AppError>>,
    /// Writing a copy of the project (to send for review).
    pub copy: Option<Job<PathBuf, AppError>>,
    /// Merging a coder's copy, through a second connection.
    pub merge: Option<Job<(axial_core::merge::MergeReport, ChangeSet, PathBuf), AppError>>,
}

impl Jobs {
    /// The label and progress of every running job, for the status bar.
    pub fn running(&self) -> Vec<(&str, &Progress)> {
        let mut out = Vec::new();
        if let Some(j) = &self.import {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.project_json {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.search {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.export {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.restore {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.copy {
            out.push((j.label.as_str(), j.progress()));
        }
        if let Some(j) = &self.merge {
            out.push((j.label.as_str(), j.progress()));
        }
        out
    }

    pub fn any(&self) -> bool {
        self.import.is_some()
            || self.project_json.is_some()
            || self.search.is_some()
            || self.export.is_some()
            || self.integrity.is_some()
            || self.restore.is_some()
            || self.copy.is_some()
            || self.merge.is_some()
    }
}

const STOPPED: &str = "the work stopped unexpectedly and nothing was changed; try again";

impl AppState {
    /// What wakes the window when a job has news (set once by the window).
    pub fn set_wake(&mut self, wake: Wake) {
        self.wake = Some(wake);
    }

    /// Whether a write is running beside the window (edits wait for it).
    pub fn writing_in_background(&self) -> bool {
        self.jobs.project_json.is_some() || self.jobs.restore.is_some() || self.jobs.merge.is_some()
    }

    /// Waits for a background write and saves the edits that waited for it: before this state
    /// is closed or replaced, so nothing the user was told is kept gets dropped.
    pub fn finish_background_writes(&mut self) {
        while self.writing_in_background() {
            if !self.poll_jobs() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// Starts reading `paths` in the background; the documents are added when it finishes.
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.jobs.import.is_some() {
            self.error("an import is still running; wait for it to finish, then import again");
            return;
        }
        if paths.is_empty() {
            return;
        }
        let label = "Reading transcripts";
        self.jobs.import = Some(Job::spawn(label, self.wake.clone(), move |p| {
            import::read_all_with_progress(&paths, |n, of| p.set(n, of)).map_err(|e| e.to_string())
        }));
    }

    /// Imports a project file: an `axial.project/1` JSON, or another tool's QDPX project or
    /// QDC codebook. With a project file, in the background through a second connection; a
    /// project only in memory (tests) imports at once.
    pub(crate) fn start_project_json_import(&mut self, json: PathBuf) -> Result<(), AppError> {
        let Some(path) = self.path.clone().filter(|_| self.store.path().is_some()) else {
            let (imported, changes) = import_file(&mut self.store, &json, &self.project)?;
            self.patch(&changes)?;
            self.file_imported(&imported);
            return Ok(());
        };
        if self.jobs.project_json.is_some() {
            self.error("a project import is still running; wait for it to finish, then import again");
            return Ok(());
        }
        let existing = Arc::clone(&self.project);
        let user = self.store.user().to_owned();
        let label = format!("Importing {}", json.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
        self.jobs.project_json = Some(Job::spawn(label, self.wake.clone(), move |p| {
            p.set(0, 1);
            let mut store = Store::open(&path)?;
            store.set_user(user);
            let out = import_file(&mut store, &json, &existing)?;
            p.set(1, 1);
            Ok(out)
        }));
        Ok(())
    }

    /// Merges a coder's copy beside the window (a large copy takes a while to read), through a
    /// second connection; edits made meanwhile wait, as during a project import.
    pub(crate) fn start_merge(&mut self, other: PathBuf) -> Result<(), AppError> {
        let Some(path) = self.store.path().map(|p| p.to_owned()) else {
            let (report, changes) = axial_core::merge::merge_copy(&mut self.store, &self.project, &other)?;
            self.patch(&changes)?;
            self.merged(&other, &report);
            return Ok(());
        };
        if self.jobs.merge.is_some() {
            self.error("a merge is still running; wait for it to finish");
            return Ok(());
        }
        let existing = Arc::clone(&self.project);
        let user = self.store.user().to_owned();
        let label = format!("Merging {}", other.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
        self.jobs.merge = Some(Job::spawn(label, self.wake.clone(), move |p| {
            p.set(0, 1);
            let mut store = Store::open(&path)?;
            store.set_user(user);
            let (report, changes) = axial_core::merge::merge_copy(&mut store, &existing, &other)?;
            p.set(1, 1);
            Ok((report, changes, other))
        }));
        Ok(())
    }

    /// Says what a merge did: one line, and what differs or arrived as new, a notice each (the
    /// first few).
    fn merged(&mut self, other: &std::path::Path, report: &axial_core::merge::MergeReport) {
        let name = other.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.info(format!("Merged {name}: {}.", report.summary()));
        for d in report.differences.iter().take(5) {
            self.info(format!("In the copy, {d}."));
        }
        if report.differences.len() > 5 {
            self.info(format!(
                "... and {} more differences (axial merge lists them all).",
                report.differences.len() - 5
            ));
        }
    }

    /// Says what a project file brought in.
    fn file_imported(&mut self, imported: &FileImport) {
        match imported {
            FileImport::Json(imported) => self.project_json_imported(imported),
            FileImport::Qdpx(imported) => self.qdpx_imported(imported),
            FileImport::Qdc(imported) => self.qdc_imported(imported),
        }
    }

    /// Says what a QDPX project brought in, how its positions were read, and what it could not
    /// carry over.
    fn qdpx_imported(&mut self, imported: &ExchangeImport) {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        self.info(format!(
            "Imported the QDPX project: {}, {}, {}, {}.",
            plural(imported.documents, "document"),
            plural(imported.codings, "coding"),
            plural(imported.memos, "memo"),
            match imported.added.len() {
                1 => "1 new code, concept or category".to_owned(),
                n => format!("{n} new codes, concepts and categories"),
            },
        ));
        if let Some(positions) = &imported.positions {
            self.info(format!("In it, {positions}."));
        }
        self.exchange_notes(&imported.warnings);
    }

    /// What another tool's file could not carry over as it was: one notice, so the summary
    /// before it stays in view.
    fn exchange_notes(&mut self, warnings: &[String]) {
        if !warnings.is_empty() {
            self.info(format!("Not carried over as it was: {}.", warnings.join("; ")));
        }
    }

    /// Says what a codebook added and what the project had already.
    fn qdc_imported(&mut self, imported: &ExchangeImport) {
        let added = &imported.added;
        let listed: Vec<&str> = added.iter().take(8).map(String::as_str).collect();
        let more = if added.len() > 8 { format!(" and {} more", added.len() - 8) } else { String::new() };
        if added.is_empty() {
            self.info(format!(
                "The codebook added nothing: the project has all {} of its items already.",
                imported.matched
            ));
        } else {
            self.info(format!(
                "The codebook added {} (the project had {} of its items already): {}{more}.",
                added.len(),
                imported.matched,
                listed.join(", ")
            ));
        }
        self.exchange_notes(&imported.warnings);
    }

    /// Says what a project JSON brought in, and each transcript it read only with a repair.
    fn project_json_imported(&mut self, imported: &ProjectImport) {
        let n = imported.documents;
        self.info(format!("Imported the project file with {n} document{}.", if n == 1 { "" } else { "s" }));
        for warning in &imported.warnings {
            self.info(format!("Imported with a warning: {warning}"));
        }
    }

    /// Runs the current search, in the background when the project's text is large.
    pub(crate) fn run_search(&mut self) {
        self.search.documents = self.project.documents().map(|d| d.id).collect();
        let chars: usize = self.project.documents().map(|d| d.char_len).sum();
        let (query, options) = (self.search.query.clone(), self.search.options);
        if chars < BACKGROUND_SEARCH_CHARS {
            let hits = search::search(&self.project, &query, options);
            self.take_search(SearchOutcome { query, options, hits });
            return;
        }
        let project: Arc<Project> = Arc::clone(&self.project);
        let label = format!("Searching for \u{201c}{query}\u{201d}");
        self.jobs.search = Some(Job::spawn(label, self.wake.clone(), move |p| {
            p.set(0, 1);
            let hits = search::search(&project, &query, options);
            p.set(1, 1);
            Ok(SearchOutcome { query, options, hits })
        }));
    }

    fn take_search(&mut self, outcome: SearchOutcome) {
        if outcome.query != self.search.query || outcome.options != self.search.options {
            return;
        }
        match outcome.hits {
            Ok(hits) => {
                self.search.hits = hits;
                self.search.error = None;
            }
            Err(e) => {
                self.search.hits.clear();
                self.search.error = Some(e);
            }
        }
    }

    /// Writes an export in the background from the model as it is now.
    pub fn start_export(&mut self, export: Export, path: PathBuf) {
        if self.jobs.export.is_some() {
            self.error("an export is still running; wait for it to finish, then export again");
            return;
        }
        let project: Arc<Project> = Arc::clone(&self.project);
        // The whole project carries its items' stable ids (a project file's, read here).
        let uids = export.carries_ids().then(|| self.store.file_uids()).flatten();
        let label = format!("Exporting the {}", export.label());
        self.jobs.export = Some(Job::spawn(label, self.wake.clone(), move |p| {
            p.set(0, 2);
            let bytes = export.render(&project, uids.as_ref())?;
            p.set(1, 2);
            write_atomically(&path, &bytes).map_err(|error| axial_core::store::StoreError::Io {
                action: format!("cannot write the export; check the folder: {}", path.display()),
                error,
            })?;
            p.set(2, 2);
            Ok((export, path))
        }));
    }

    /// Writes a copy of the project to `dest` in the background (SQLite's online backup: whole
    /// and consistent while this window keeps editing), replacing a file the user chose to
    /// replace, never the project itself.
    pub(crate) fn start_copy(&mut self, dest: PathBuf) -> Result<(), AppError> {
        let own = self.store.path().map(|p| p.to_owned());
        if own.as_ref().is_some_and(|p| std::fs::canonicalize(p).ok() == std::fs::canonicalize(&dest).ok()) {
            return Err(AppError::Store(axial_core::store::StoreError::Invalid(
                "that is the project itself; choose another name for the copy".into(),
            )));
        }
        if self.jobs.copy.is_some() {
            self.error("a copy is still being written; wait for it to finish");
            return Ok(());
        }
        let partial = dest.with_file_name(format!(
            ".{}.copying",
            dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        let _ = std::fs::remove_file(&partial);
        let Some(source) = own else {
            // A project only in memory (a sample opened for review): copy it here and now.
            self.store.backup_to(&partial)?;
            return self.copy_written(&partial, &dest);
        };
        self.jobs.copy = Some(Job::spawn("Writing a copy", self.wake.clone(), move |p| {
            p.set(0, 1);
            axial_core::store::backup::copy_project(&source, &partial)?;
            std::fs::rename(&partial, &dest).map_err(|error| axial_core::store::StoreError::Io {
                action: format!("cannot write the copy; check the folder: {}", dest.display()),
                error,
            })?;
            p.set(1, 1);
            Ok(dest)
        }));
        Ok(())
    }

    fn copy_written(&mut self, partial: &std::path::Path, dest: &std::path::Path) -> Result<(), AppError> {
        std::fs::rename(partial, dest).map_err(|error| axial_core::store::StoreError::Io {
            action: format!("cannot write the copy; check the folder: {}", dest.display()),
            error,
        })?;
        self.copy_done(dest);
        Ok(())
    }

    fn copy_done(&mut self, dest: &std::path::Path) {
        self.info(format!(
            "Saved a copy for review in {}; keep working here, and when it comes back use Project > Bring in comments from a reviewed copy.",
            dest.display()
        ));
    }

    /// Checks every page of the project file in the background (opening checks only what is
    /// cheap); a problem becomes an error notice.
    pub fn start_integrity_check(&mut self) {
        let Some(path) = self.store.path().map(|p| p.to_owned()) else { return };
        self.jobs.integrity = Some(Job::spawn("Checking the project file", self.wake.clone(), move |_| {
            Ok(Store::open_read_only(&path)?.check_integrity()?)
        }));
    }

    /// Takes in whatever finished; returns whether anything did.
    pub fn poll_jobs(&mut self) -> bool {
        let mut any = false;
        if let Some(result) = self.jobs.import.as_ref().and_then(|j| j.poll(|| STOPPED.to_owned())) {
            self.jobs.import = None;
            any = true;
            match result {
                Ok(sources) => self.handle(Intent::AddSources(sources)),
                Err(e) => self.error(e),
            }
        }
        if let Some(result) = self.jobs.project_json.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.project_json = None;
            any = true;
            self.own_write_landed();
            match result.and_then(|(imported, changes)| self.patch(&changes).map(|()| imported)) {
                Ok(imported) => self.file_imported(&imported),
                Err(e) => self.error(e.to_string()),
            }
            for intent in std::mem::take(&mut self.deferred) {
                self.handle(intent);
            }
        }
        if let Some(result) = self.jobs.merge.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.merge = None;
            any = true;
            self.own_write_landed();
            match result.and_then(|(report, changes, other)| self.patch(&changes).map(|()| (report, other))) {
                Ok((report, other)) => self.merged(&other, &report),
                Err(e) => self.error(e.to_string()),
            }
            for intent in std::mem::take(&mut self.deferred) {
                self.handle(intent);
            }
        }
        if let Some(result) = self.jobs.restore.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.restore = None;
            any = true;
            match result.and_then(|(from, before)| self.restored(&from, &before)) {
                Ok(()) => {}
                Err(e) => self.error(e.to_string()),
            }
            for intent in std::mem::take(&mut self.deferred) {
                self.handle(intent);
            }
        }
        if let Some(result) = self.jobs.search.as_ref().and_then(|j| j.poll(|| STOPPED.to_owned())) {
            self.jobs.search = None;
            any = true;
            match result {
                Ok(outcome) => self.take_search(outcome),
                Err(e) => self.search.error = Some(e),
            }
        }
        if let Some(result) = self.jobs.export.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.export = None;
            any = true;
            match result {
                Ok((export, path)) => self.info(format!("Exported the {} to {}", export.label(), path.display())),
                Err(e) => self.error(e.to_string()),
            }
        }
        if let Some(result) = self.jobs.copy.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.copy = None;
            any = true;
            match result {
                Ok(dest) => self.copy_done(&dest),
                Err(e) => self.error(e.to_string()),
            }
        }
        if let Some(result) = self.jobs.integrity.as_ref().and_then(|j| j.poll(stopped)) {
            self.jobs.integrity = None;
            any = true;
            match result {
                Ok(None) => {}
                Ok(Some(problem)) => self.error(format!(
                    "the project file is damaged ({}); export what you can and restore a backup",
                    problem.chars().take(200).collect::<String>()
                )),
                Err(e) => self.error(format!("could not check the project file ({e})")),
            }
        }
        any
    }
}

fn stopped() -> AppError {
    AppError::Stopped
}

#[cfg(test)]
mod tests {
    use super::*;
    use axial_core::model::*;

    fn state_with_text(text: String) -> AppState {
        let mut store = Store::in_memory("t").unwrap();
        let id = store.ids().unwrap().document();
        store.apply(&Action::AddDocument { id, title: "Long".into(), text, case: None, imported: "t".into() }).unwrap();
        AppState::from_store(store, None, None).unwrap()
    }

    fn settle(s: &mut AppState) {
        for _ in 0..2000 {
            if !s.jobs.any() {
                return;
            }
            s.poll_jobs();
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the job did not finish");
    }

    #[test]
    fn a_search_over_a_large_project_runs_in_the_background_and_a_newer_query_wins() {
        let text = "the customer calls the branch. ".repeat(BACKGROUND_SEARCH_CHARS / 31 + 10);
        let mut s = state_with_text(text);
        s.handle(Intent::Search { query: "branch".into(), regex: false, case_sensitive: false });
        assert!(s.jobs.search.is_some(), "searching {} characters runs beside the window", BACKGROUND_SEARCH_CHARS);
        settle(&mut s);
        assert_eq!(s.search.hits.len(), BACKGROUND_SEARCH_CHARS / 31 + 10);
        // A result for a query the user has since replaced is dropped.
        s.search.query = "customer".into();
        s.take_search(SearchOutcome { query: "branch".into(), options: s.search.options, hits: Ok(Vec::new()) });
        assert!(!s.search.hits.is_empty(), "the stale result did not replace the hits");
    }

    #[test]
    fn a_project_json_import_in_the_background_shows_its_transcripts_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        drop(Store::create(&path).unwrap());
        let mut bytes = "A: Können Sie? Ja, ".as_bytes().to_vec();
        bytes.push(0xFC);
        bytes.extend_from_slice("brigens schön.\n".as_bytes());
        std::fs::write(dir.path().join("interview.txt"), bytes).unwrap();
        let json = dir.path().join("project.json");
        let doc = r#"{"title": "d", "path": "interview.txt"}"#;
        std::fs::write(&json, format!(r#"{{"schema": "axial.project/1", "name": "p", "documents": [{doc}]}}"#))
            .unwrap();
        let mut s = AppState::open(&path).unwrap();
        s.handle(Intent::ImportProjectJson(json));
        assert!(s.jobs.project_json.is_some(), "imports beside the window");
        settle(&mut s);
        assert_eq!(s.project.documents().len(), 1);
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
        assert!(texts.contains(&"Imported the project file with 1 document."), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.starts_with("Imported with a warning: the file was read as UTF-8")
                && t.ends_with("interview.txt")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_small_project_searches_at_once() {
        let mut s = state_with_text("one two one".into());
        s.handle(Intent::Search { query: "one".into(), regex: false, case_sensitive: false });
        assert!(s.jobs.search.is_none());
        assert_eq!(s.search.hits.len(), 2);
    }
}
