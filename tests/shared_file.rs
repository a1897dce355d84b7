//! One project file, many hands: the window (a long-lived editing state in this process) and
//! the command line (other processes) on the same file. Every acknowledged edit is kept in both
//! directions, nobody removes another's `-wal`/`-shm` side files, and nothing reports damage
//! that is not there.

mod common;
use axial::app::{AppState, CHECKPOINT_AFTER, Intent, TreeEdit};
use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Runs the window's background jobs (the integrity check made on opening) to the end.
fn settle(state: &mut AppState) {
    let start = Instant::now();
    while state.jobs.any() {
        state.poll_jobs();
        assert!(start.elapsed() < Duration::from_secs(30), "the background work finished");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What the window does when it opens a project: open it for editing, then check every page
/// in the background. The check used to read the file's header through a plain file handle;
/// closing that handle dropped every POSIX lock this process held on the file (they belong to
/// the process, not the connection), so the next `axial info` took itself for the last
/// connection and deleted the window's -wal and -shm while the window still used them. From
/// then on the window wrote to a log no other program saw and its next checkpoint overwrote
/// the command line's edits.
fn open_as_the_window(path: &Path) -> AppState {
    let mut state = AppState::open(path).unwrap();
    state.start_integrity_check();
    settle(&mut state);
    assert!(state.notices.iter().all(|n| !n.error), "no false damage: {:?}", state.notices);
    state
}

fn new_category(state: &mut AppState, name: &str) {
    state.handle(Intent::EditTree(TreeEdit::NewCategory { name: name.into(), class: None }));
    assert!(state.notices.iter().all(|n| !n.error), "{:?}", state.notices);
}

#[test]
fn a_command_line_read_beside_the_window_leaves_its_side_files_and_every_edit_is_kept() {
    let (_dir, path) = new_project();
    let mut window = open_as_the_window(&path);
    new_category(&mut window, "From the window");
    assert!(side(&path, "-wal").exists() && side(&path, "-shm").exists(), "the window's side files");

    // A script reads the project while the window is open and idle.
    ok(&["info", s(&path)]);
    assert!(
        side(&path, "-wal").exists() && side(&path, "-shm").exists(),
        "a reader beside the window left its -wal and -shm in place"
    );

    // The command line edits; the window shows it within a second (it looks once a second).
    ok(&["edit", s(&path), "new-category", "From the terminal"]);
    assert!(window.reload_if_changed_outside(), "the window saw the terminal's edit");
    assert!(window.project.categories().any(|c| c.name == "From the terminal"));

    // The window edits again and folds its log into the file: the terminal's edit stays.
    new_category(&mut window, "From the window again");
    assert_eq!(window.checkpoint_when_idle(Instant::now() + CHECKPOINT_AFTER * 2), None, "folded");
    for _ in 0..3 {
        ok(&["info", s(&path)]);
    }
    let json = ok(&["export", s(&path), "--format", "json", "-o", "-"]);
    for name in ["From the window", "From the terminal", "From the window again"] {
        assert!(json.contains(&format!("\"name\": \"{name}\"")), "{name} is in the file:\n{json}");
    }
    let check = axial(&["check", s(&path)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    drop(window);
    let json = ok(&["export", s(&path), "--format", "json", "-o", "-"]);
    for name in ["From the window", "From the terminal", "From the window again"] {
        assert!(json.contains(&format!("\"name\": \"{name}\"")), "{name} is in the file after the window closed");
    }
}
