//! Backups through the real binary: made whole beside the project, listed, restored, and a
//! restore undone by restoring the copy made just before it.

mod common;
use common::*;

fn codes(project: &std::path::Path) -> usize {
    let out = ok(&["export", s(project), "--format", "project-json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["codes"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_backup_is_restored_and_the_restore_is_undone_by_the_copy_made_before_it() {
    let (dir, project) = new_project();
    ok(&["import", s(&project), s(&fixture("windows1252_interview.txt"))]);
    ok(&["edit", s(&project), "new-category", "Trust"]);
    let made = ok(&["backup", s(&project)]);
    assert!(made.starts_with("Backed up to "), "{made}");
    let backup = made.trim().trim_start_matches("Backed up to ").to_owned();
    assert!(backup.starts_with(s(&dir.path().join("study backups"))), "{backup}");
    ok(&["edit", s(&project), "new-category", "Loyalty"]);
    let before_restore = ok(&["export", s(&project), "--format", "project-json", "-o", "-"]);

    let restored = ok(&["restore", s(&project), &backup]);
    assert!(restored.contains("restore it to undo this"), "{restored}");
    let info = ok(&["info", s(&project)]);
    assert!(info.contains("1 categories") || info.contains("1 category"), "{info}");
    let listed = ok(&["restore", s(&project)]);
    assert!(listed.contains("(saved before a restore)"), "{listed}");

    // Undo the restore: restore the copy saved just before it.
    let undo_from = restored.lines().nth(1).unwrap().trim_start_matches("The project as it was is kept in ");
    let undo_from = undo_from.trim_end_matches("; restore it to undo this.");
    ok(&["restore", s(&project), undo_from]);
    assert_eq!(ok(&["export", s(&project), "--format", "project-json", "-o", "-"]), before_restore);
    assert_eq!(codes(&project), 0);
}

#[test]
fn restoring_something_that_is_not_a_project_changes_nothing() {
    let (dir, project) = new_project();
    ok(&["edit", s(&project), "new-category", "Trust"]);
    let junk = dir.path().join("junk.axial");
    std::fs::write(&junk, "not a database").unwrap();
    let before = ok(&["export", s(&project), "--format", "project-json", "-o", "-"]);
    let r = axial(&["restore", s(&project), s(&junk)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not an Axial project"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one sentence: {}", r.stderr);
    assert_eq!(ok(&["export", s(&project), "--format", "project-json", "-o", "-"]), before);
    let r = axial(&["backup", s(&sample("crm_knowledge_creation"))]);
    assert!(r.stderr.contains("a sample folder has no backups"), "{}", r.stderr);
}
