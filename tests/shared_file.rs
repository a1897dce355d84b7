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

/// The walkthrough, many times over: the window and the command line take turns, and
/// every acknowledged edit of either is in the file and in the window at the end.
#[test]
fn a_long_lived_window_and_the_command_line_keep_every_edit_of_each_other() {
    let (_dir, path) = new_project();
    let mut window = open_as_the_window(&path);
    for round in 0..8 {
        new_category(&mut window, &format!("Window {round}"));
        ok(&["info", s(&path)]);
        ok(&["edit", s(&path), "new-category", &format!("Terminal {round}")]);
        assert!(window.reload_if_changed_outside(), "round {round}: the window saw the terminal");
        if round % 3 == 0 {
            assert_eq!(window.checkpoint_when_idle(Instant::now() + CHECKPOINT_AFTER * 2), None);
        }
    }
    let names: Vec<String> = window.project.categories().map(|c| c.name.clone()).collect();
    drop(window);
    let json = ok(&["export", s(&path), "--format", "json", "-o", "-"]);
    for round in 0..8 {
        for who in ["Window", "Terminal"] {
            let name = format!("{who} {round}");
            assert!(names.contains(&name), "the window shows {name}");
            assert!(json.contains(&format!("\"name\": \"{name}\"")), "the file holds {name}");
        }
    }
    assert_eq!(axial(&["check", s(&path)]).code, 0);
}

/// The same file opened twice: the second window is told who has it and can review it; the
/// first keeps working, and each sees the other's writes.
#[test]
fn a_second_window_is_told_who_edits_and_may_review_beside_it() {
    use axial::app::OpenAs;
    use axial_core::project::ProjectError;
    let (_dir, path) = new_project();
    let mut first = open_as_the_window(&path);
    new_category(&mut first, "Before");
    let err = match AppState::open(&path) {
        Err(e) => e,
        Ok(_) => panic!("a second window must not edit the same file"),
    };
    let ProjectError::InUse { holder, .. } = &err else { panic!("{err}") };
    assert_eq!(holder.pid, std::process::id());
    let text = err.to_string();
    assert!(text.contains("open for editing by") && text.contains("open it for review"), "{text}");
    assert_eq!(text.lines().count(), 1);

    // The first window still edits; no "damaged".
    new_category(&mut first, "After the second tried");
    let mut second = AppState::open_as(&path, OpenAs::Review, &mut |_, _| {}).unwrap();
    assert!(second.reviewing());
    second.backup_when_due(Instant::now(), None);
    assert!(!second.backing_up(), "a reviewer makes no backups in the author's folder");
    assert!(second.project.categories().any(|c| c.name == "After the second tried"));
    let before = second.store().history().unwrap();
    second.handle(Intent::Undo);
    second.handle(Intent::EditTree(TreeEdit::NewCategory { name: "Reviewer's".into(), class: None }));
    assert_eq!(second.store().history().unwrap(), before, "a reviewer's undo and edits reach nothing");
    assert!(second.notices.iter().any(|n| n.text.contains("You are reviewing")), "{:?}", second.notices);
    second.handle(Intent::Comment(axial_core::model::CommentAction::Write {
        uid: axial_core::model::new_uid(),
        target: axial_core::model::CommentTarget::Project,
        text: "Looks good so far.".into(),
    }));
    assert_eq!(second.comments.len(), 1);
    assert!(first.reload_if_changed_outside(), "the editing window sees the comment");
    assert_eq!(first.comments.len(), 1);
    assert_eq!(first.project.categories().count(), 2, "and keeps its project");
    new_category(&mut first, "Third");
    assert!(second.reload_if_changed_outside(), "the reviewer sees the edit");
    assert!(second.project.categories().any(|c| c.name == "Third"));
    drop(first);
    // Once the first window closes, the file can be edited again.
    AppState::open(&path).unwrap();
}

/// A window that died left its lock file: the next one takes it over and says so.
#[test]
fn a_lock_left_by_a_window_that_is_gone_is_taken_over() {
    let (_dir, path) = new_project();
    let lock = axial_core::edit_lock::lock_path(&path);
    let gone = serde_json::json!({
        "user": "alice", "machine": axial_core::edit_lock::machine_name(), "pid": 999_999,
        "since": "2026-12-01T09:00:00Z", "heartbeat": "2026-12-01T09:00:00Z"
    });
    std::fs::write(&lock, gone.to_string()).unwrap();
    let state = AppState::open(&path).unwrap();
    assert!(
        state.notices.iter().any(|n| n.text.contains("left open by alice on") && n.text.contains("yours to edit now")),
        "{:?}",
        state.notices
    );
    assert_eq!(axial_core::edit_lock::holder(&path).map(|h| h.pid), Some(std::process::id()));
}

/// A command-line write that waits too long for the write lock says who holds the project.
#[test]
fn a_command_line_write_that_finds_the_project_busy_names_who_has_it() {
    let (_dir, path) = new_project();
    let window = open_as_the_window(&path);
    let holder = window.edit_lock().unwrap().holder().clone();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let r = axial(&["edit", s(&path), "new-category", "Blocked"]);
    assert_eq!(r.code, 1);
    assert!(started.elapsed() >= Duration::from_secs(5), "it waited a while first");
    let text = r.stderr.trim();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(&format!("open in Axial by {} on {}", holder.user, holder.machine)), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    ok(&["edit", s(&path), "new-category", "Now it goes"]);
}

/// A review is noted when the reviewing window closes (not when it opens, so a crash or a
/// glance forgets nothing), and the next review lists what the author changed in between.
#[test]
fn a_review_is_noted_as_its_window_closes_and_the_next_lists_the_changes_since() {
    use axial::app::OpenAs;
    let (_dir, path) = new_project();
    let first = AppState::open_as(&path, OpenAs::Review, &mut |_, _| {}).unwrap();
    assert!(first.review.as_ref().unwrap().last_review.is_none(), "a first review");
    drop(first);
    ok(&["edit", s(&path), "new-category", "Since the review", "--class", "strategies"]);
    let second = AppState::open_as(&path, OpenAs::Review, &mut |_, _| {}).unwrap();
    let review = second.review.as_ref().unwrap();
    assert!(review.last_review.is_some());
    let what: Vec<&str> = review.changes.iter().map(|c| c.what.as_str()).collect();
    assert_eq!(what, ["Category \u{201c}Since the review\u{201d} added in Strategies"]);
    assert_eq!(review.changes[0].who, ["tester"]);
}
