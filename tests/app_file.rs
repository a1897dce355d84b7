//! The one file is always complete: while the app state is open and idle, a plain copy of the
//! `.axial` file (a backup, a sync folder, an e-mail) holds every edit; and commands that only
//! read a project leave no side files behind.

mod common;
use axial::app::{AppState, CHECKPOINT_AFTER, Intent, TreeEdit};
use axial_core::store::Store;
use common::*;
use std::path::Path;
use std::time::Instant;

fn has_category(path: &Path, name: &str) -> bool {
    Store::open_read_only(path).unwrap().load().unwrap().categories().any(|c| c.name == name)
}

#[test]
fn a_copy_of_the_project_file_holds_every_edit_once_the_app_is_idle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    let mut state = AppState::create(&path).unwrap();
    state.handle(Intent::EditTree(TreeEdit::NewCategory { name: "Building trust".into(), class: None }));
    assert!(state.notices.is_empty(), "{:?}", state.notices);
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&path, &to).unwrap();
        to
    };
    // Saved (in the write-ahead log) but not yet in the file alone.
    assert!(!has_category(&copy("during.axial"), "Building trust"));
    let now = Instant::now();
    assert!(state.checkpoint_when_idle(now).is_some(), "it waits for a quiet moment");
    assert_eq!(state.checkpoint_when_idle(now + CHECKPOINT_AFTER), None, "then folds the log in");
    assert!(has_category(&copy("idle.axial"), "Building trust"), "the copy has the edit");
    assert_eq!(std::fs::metadata(dir.path().join("thesis.axial-wal")).map(|m| m.len()).unwrap_or(0), 0);
}

#[test]
fn commands_that_only_read_leave_no_side_files() {
    let (dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("crm_knowledge_creation").join("project.json"))]);
    let side = |suffix: &str| dir.path().join(format!("{}{suffix}", path.file_name().unwrap().to_string_lossy()));
    assert!(!side("-wal").exists() && !side("-shm").exists(), "a write leaves none");
    for args in [
        vec!["info", s(&path)],
        vec!["report", s(&path), "cube"],
        vec!["report", s(&path), "saturation", "--format", "json"],
        vec!["export", s(&path), "--format", "json", "-o", "-"],
        vec!["history", s(&path)],
        vec!["check", s(&path)],
    ] {
        ok(&args);
        assert!(!side("-wal").exists() && !side("-shm").exists(), "{args:?} left side files");
    }
}

#[test]
fn the_window_notices_a_change_from_the_command_line_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    let mut state = AppState::create(&path).unwrap();
    state.handle(Intent::EditTree(TreeEdit::NewCategory { name: "Building trust".into(), class: None }));
    assert!(!state.reload_if_changed_outside(), "its own edits are no outside change");
    let before = state.project.revisions().structure;
    // From a terminal while the window is open: a new category, then undo of the window's edit.
    ok(&["edit", s(&path), "new-category", "Loyalty"]);
    assert!(state.reload_if_changed_outside());
    assert!(state.project.categories().any(|c| c.name == "Loyalty"));
    assert!(state.project.revisions().structure > before, "views see a new revision");
    assert!(state.notices.last().unwrap().text.contains("changed outside this window"));
    ok(&["undo", s(&path)]);
    ok(&["undo", s(&path)]);
    assert!(state.reload_if_changed_outside());
    assert_eq!(state.project.categories().count(), 0, "both undone from the terminal");
    assert!(!state.reload_if_changed_outside(), "nothing new since");
    // The window's undo walks the same history: the terminal's undos are redone from here.
    state.handle(Intent::Redo);
    assert_eq!(state.project.categories().count(), 1);
}
