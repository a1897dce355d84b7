//! `axial comments` and `axial changes` through the real binary: the round trip of a copy sent
//! for review while the student keeps working, and what changed since a reviewer's last review.

mod common;
use common::*;
use std::path::Path;

fn ok_as(dir: &Path, user: &str, args: &[&str]) -> String {
    let r = axial_as(dir, user, args);
    assert_eq!(r.code, 0, "axial {args:?} failed:\n{}", r.stderr);
    r.stdout
}

fn threads(dir: &Path, project: &str) -> Vec<serde_json::Value> {
    let json = ok_as(dir, "student", &["comments", "list", project, "--all", "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&json).unwrap().as_array().unwrap().clone()
}

#[test]
fn a_copy_reviewed_while_the_student_works_brings_its_comments_home() {
    let (dir, path) = new_project();
    let d = dir.path();
    ok(&["import", s(&path), s(&sample("banking_ckm_crm").join("project.json"))]);
    let code = "Tracking competitor offers";
    assert!(ok(&["report", s(&path), "frequencies"]).contains(code), "the sample has {code}");
    ok_as(
        d,
        "student",
        &["comments", "add", "study.axial", "--on", "project", "Note to my supervisor: start with the core."],
    );
    std::fs::copy(&path, d.join("review.axial")).unwrap();

    // The supervisor comments on the copy (review: nothing else may change).
    let sup = |args: &[&str]| ok_as(d, "supervisor", args);
    sup(&["comments", "add", "review.axial", "--on", "code", "--target", code, "Define it before coding more."]);
    sup(&["comments", "add", "review.axial", "--on", "category", "--target", "Manpower supply", "Evidence?"]);
    // A coded passage by the id the retrieval report gives; a relation by its categories.
    let passages = ok_as(d, "supervisor", &["report", "review.axial", "retrieval", "--code", code, "--format", "json"]);
    let passages: serde_json::Value = serde_json::from_str(&passages).unwrap();
    let coding = passages["passages"][0]["coding"].as_i64().unwrap().to_string();
    sup(&["comments", "add", "review.axial", "--on", "coding", "--target", &coding, "Habit, not trust?"]);
    let relation = "Rapid response of the bank to the external environment -> Determining the management framework";
    sup(&["comments", "add", "review.axial", "--on", "relation", "--target", relation, "Evidence for this link?"]);
    let first = threads(d, "review.axial").into_iter().find(|t| t["on"]["kind"] == "project").unwrap();
    let id = first["id"].as_str().unwrap()[..8].to_owned();
    sup(&["comments", "reply", "review.axial", &id, "Agreed."]);
    let refused =
        axial_as(d, "supervisor", &["comments", "add", "review.axial", "--on", "code", "--target", "Nope", "x"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("no code named"), "{}", refused.stderr);

    // The student keeps working meanwhile.
    ok_as(d, "student", &["edit", "study.axial", "rename", "code", code, "Watching competitors"]);
    ok_as(d, "student", &["comments", "resolve", "study.axial", &id]);

    let out = ok_as(d, "student", &["comments", "import", "study.axial", "review.axial"]);
    assert!(out.contains("4 new threads, 1 reply"), "{out}");
    let home = threads(d, "study.axial");
    assert_eq!(home.len(), 5);
    assert!(home.iter().any(|t| t["on"]["kind"] == "coding" && t["text"] == "Habit, not trust?"));
    assert!(home.iter().any(|t| t["on"]["kind"] == "relation"));
    let on_code = home.iter().find(|t| t["on"]["kind"] == "code").unwrap();
    assert_eq!(on_code["on"]["label"], format!("code \u{201c}{code}\u{201d}"), "the label keeps what it was");
    assert_eq!(on_code["author"], "supervisor");
    let project = home.iter().find(|t| t["on"]["kind"] == "project").unwrap();
    assert_eq!(project["status"], "resolved", "the student's resolution stays");
    assert_eq!(project["replies"][0]["text"], "Agreed.");
    // The renamed code still carries the comment; the model is the student's.
    let list = ok_as(d, "student", &["comments", "list", "study.axial"]);
    assert!(list.contains("Define it before coding more.") && !list.contains("Note to my supervisor"), "{list}");
    assert!(ok(&["report", s(&path), "frequencies"]).contains("Watching competitors"));
    let again = ok_as(d, "student", &["comments", "import", "study.axial", "review.axial"]);
    assert!(again.contains("0 new threads, 0 replies and 0 changes"), "{again}");
    // Another project's file is refused, the project untouched.
    let (_other_dir, other) = new_project();
    let r = axial_as(d, "student", &["comments", "import", "study.axial", s(&other)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a copy of this project"), "{}", r.stderr);
    assert_eq!(threads(d, "study.axial").len(), 5);
}

#[test]
fn changes_since_a_review_are_listed_per_reviewer() {
    let (dir, path) = new_project();
    let d = dir.path();
    ok(&["import", s(&path), s(&sample("banking_ckm_crm").join("project.json"))]);
    let never = axial_as(d, "supervisor", &["changes", "study.axial"]);
    assert_eq!(never.code, 1);
    assert!(never.stderr.contains("has not reviewed this project yet"), "{}", never.stderr);
    // A review is noted when the window opens the project for review (as it does, here).
    {
        let mut store = axial_core::store::Store::open_for_review(&path).unwrap();
        store.set_user("supervisor");
        let snapshot = axial_core::analysis::review_changes::Snapshot::of(&store.load().unwrap());
        store.record_review(snapshot.to_json()).unwrap();
    }
    let none = ok_as(d, "supervisor", &["changes", "study.axial"]);
    assert!(none.contains(": 0"), "{none}");
    ok(&["edit", s(&path), "rename", "code", "Tracking competitor offers", "Watching competitors"]);
    ok(&["edit", s(&path), "new-category", "Trust repair", "--class", "strategies"]);
    ok(&["edit", s(&path), "place", "Manpower supply", "--class", "none"]);
    let out = ok_as(d, "supervisor", &["changes", "study.axial"]);
    for line in [
        "Code \u{201c}Tracking competitor offers\u{201d} renamed to \u{201c}Watching competitors\u{201d}  (tester, ",
        "Category \u{201c}Trust repair\u{201d} added in Strategies",
        "Category \u{201c}Manpower supply\u{201d} moved from ",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok_as(
        d,
        "student",
        &["changes", "study.axial", "--reviewer", "supervisor", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 3, "{json}");
    assert_eq!(json["reviewer"], "supervisor");
}
