//! Many writers on one project file at once: each waits its turn, none fails, nothing is lost;
//! a writer kept waiting too long is told "busy", distinctly, with nothing written.

use axial_core::io::import::SourceText;
use axial_core::model::Action;
use axial_core::project;
use axial_core::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::time::Duration;

const WRITERS: usize = 32;

fn source(title: &str) -> SourceText {
    SourceText {
        title: title.to_owned(),
        text: format!("Interviewer: tell me about {title}.\nA: It went well.\n"),
        format: "txt".into(),
        path: PathBuf::from(format!("{title}.txt")),
        warnings: Vec::new(),
    }
}

fn spawn_writers(path: &Path, write: fn(&mut Store, usize) -> Result<(), String>) -> Vec<Result<(), String>> {
    let start = std::sync::Arc::new(std::sync::Barrier::new(WRITERS));
    let handles: Vec<_> = (0..WRITERS)
        .map(|i| {
            let path = path.to_owned();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                // Each writer is its own connection, as each `axial` process is.
                let mut store = Store::open(&path).map_err(|e| e.to_string())?;
                write(&mut store, i)
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().expect("a writer thread does not panic")).collect()
}

#[test]
fn imports_at_the_same_time_all_succeed_and_every_document_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    drop(Store::create(&path).unwrap());
    let results = spawn_writers(&path, |store, i| {
        // Half of them import the same title: each still gets its own ("x (2)", ...).
        let title = if i % 2 == 0 { format!("interview {i}") } else { "same title".to_owned() };
        project::add_sources(store, vec![source(&title)]).map(|_| ()).map_err(|e| e.to_string())
    });
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failures.is_empty(), "{} of {WRITERS} imports failed: {failures:?}", failures.len());
    let p = Store::open_read_only(&path).unwrap().load().unwrap();
    assert_eq!(p.documents().len(), WRITERS, "every import is there");
    let titles: std::collections::HashSet<_> = p.documents().map(|d| d.title.clone()).collect();
    assert_eq!(titles.len(), WRITERS, "titles stay unique");
}

#[test]
fn edits_at_the_same_time_pick_their_ids_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    drop(Store::create(&path).unwrap());
    let results = spawn_writers(&path, |store, i| {
        store
            .apply_built(|s| {
                let id = s.ids()?.code();
                let action = Action::CreateCode {
                    id,
                    name: format!("code {i}"),
                    color: "#336699".into(),
                    definition: String::new(),
                    concept: None,
                };
                Ok::<_, StoreError>((action, ()))
            })
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(failures.is_empty(), "{} of {WRITERS} edits failed: {failures:?}", failures.len());
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.load().unwrap().codes().len(), WRITERS);
    assert_eq!(store.history().unwrap().len(), WRITERS, "each edit is one undo step");
}

#[test]
fn a_writer_kept_waiting_too_long_is_told_busy_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    drop(Store::create(&path).unwrap());
    let mut store = Store::open(&path).unwrap();
    store.set_busy_timeout(Duration::from_millis(200)).unwrap();
    // Another program holds the write lock.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.apply(&Action::SetProjectName { name: "typed".into() }).unwrap_err();
    assert!(err.is_busy(), "{err}");
    assert!(matches!(err, StoreError::Busy));
    assert!(err.to_string().contains("not saved yet; try again"), "{err}");
    let err = project::add_sources(&mut store, vec![source("late")]).unwrap_err();
    assert!(matches!(err, project::ProjectError::Store(StoreError::Busy)), "{err}");
    // Once the other writer is done, the same change goes through.
    other.execute_batch("COMMIT").unwrap();
    store.apply(&Action::SetProjectName { name: "typed".into() }).unwrap();
    assert_eq!(store.load().unwrap().name(), "typed");
    assert!(store.load().unwrap().documents().len() == 0, "the refused import wrote nothing");
}

#[test]
fn ids_picked_before_another_writer_took_them_are_a_conflict_to_retry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    drop(Store::create(&path).unwrap());
    let mut mine = Store::open(&path).unwrap();
    let mut other = Store::open(&path).unwrap();
    let id = mine.ids().unwrap().code();
    let code = |id, name: &str| Action::CreateCode {
        id,
        name: name.into(),
        color: "#336699".into(),
        definition: String::new(),
        concept: None,
    };
    other.apply(&code(other.ids().unwrap().code(), "theirs")).unwrap();
    let err = mine.apply(&code(id, "mine")).unwrap_err();
    assert!(matches!(err, StoreError::Conflict) && err.is_retryable(), "{err}");
    assert!(err.to_string().contains("not saved yet; try again"), "{err}");
    mine.apply(&code(mine.ids().unwrap().code(), "mine")).unwrap();
    assert_eq!(mine.load().unwrap().codes().len(), 2);
}
