//! Exchange with other tools and deleting documents, through the real binary: `axial export
//! --format qdpx|qdc`, `axial import` of both, and `axial edit document delete`.

mod common;
use common::*;
use std::path::Path;

fn banking() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("banking_ckm_crm").join("project.json"))]);
    (dir, path)
}

fn info(path: &Path) -> String {
    ok(&["info", s(path)])
}

#[test]
fn a_project_goes_to_qdpx_and_comes_back_whole() {
    let (dir, path) = banking();
    let qdpx = dir.path().join("banking.qdpx");
    let out = ok(&["export", s(&path), "--format", "qdpx", "-o", s(&qdpx)]);
    assert!(out.starts_with("Wrote"), "{out}");
    let copy = dir.path().join("copy.axial");
    ok(&["new", s(&copy)]);
    let run = axial(&["import", s(&copy), s(&qdpx)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Imported the QDPX project"), "{}", run.stdout);
    assert!(run.stdout.contains("positions were read as Unicode code points"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "no warnings for Axial's own export: {}", run.stderr);
    let model = |p: &Path| ok(&["export", s(p), "--format", "json", "-o", "-"]);
    assert!(model(&copy) == model(&path), "the same category model, counts and all");
    // QDPX is a zip: never to standard output.
    let run = axial(&["export", s(&path), "--format", "qdpx", "-o", "-"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("give a file name such as thesis.qdpx"), "{}", run.stderr);
}

#[test]
fn a_codebook_goes_out_and_in_saying_what_it_added() {
    let (dir, path) = banking();
    let qdc = dir.path().join("codebook.qdc");
    ok(&["export", s(&path), "--format", "qdc", "-o", s(&qdc)]);
    let (_d2, other) = new_project();
    ok(&["edit", s(&other), "new-category", "Service quality"]);
    let out = ok(&["import", s(&other), s(&qdc)]);
    assert!(out.contains("already in the project"), "{out}");
    assert!(out.contains("  added code \u{201c}"), "{out}");
    let again = ok(&["import", s(&other), s(&qdc)]);
    assert!(again.contains(": 0 new,"), "a second import adds nothing: {again}");
}

#[test]
fn a_bad_qdpx_is_one_sentence_and_changes_nothing() {
    let (dir, path) = banking();
    let before = info(&path);
    let bad = dir.path().join("bad.qdpx");
    std::fs::write(&bad, b"this is not a zip").unwrap();
    let run = axial(&["import", s(&path), s(&bad)]);
    assert_ne!(run.code, 0);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("is not a QDPX project"), "{}", run.stderr);
    assert_eq!(info(&path), before);
}

#[test]
fn a_document_is_deleted_with_its_codings_and_undo_brings_it_back() {
    let (_dir, path) = banking();
    let before = ok(&["export", s(&path), "--format", "project-json", "-o", "-"]);
    let doc: serde_json::Value = serde_json::from_str(&before).unwrap();
    let title = doc["documents"][0]["title"].as_str().unwrap().to_owned();
    let codings = doc["codings"].as_array().unwrap().iter().filter(|c| c["document"] == title.as_str()).count();
    assert!(codings > 0);
    let out = ok(&["edit", s(&path), "document", "delete", &title]);
    assert!(out.contains("Delete document"), "{out}");
    assert!(out.contains(&format!("Removed with it: {codings} coding(s)")), "{out}");
    let after: serde_json::Value =
        serde_json::from_str(&ok(&["export", s(&path), "--format", "project-json", "-o", "-"])).unwrap();
    assert!(after["documents"].as_array().unwrap().iter().all(|d| d["title"] != title.as_str()));
    assert!(after["codings"].as_array().unwrap().iter().all(|c| c["document"] != title.as_str()));
    ok(&["undo", s(&path)]);
    assert_eq!(ok(&["export", s(&path), "--format", "project-json", "-o", "-"]), before, "undo restores it all");
    let run = axial(&["edit", s(&path), "document", "delete", "No such interview"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("No such interview"), "{}", run.stderr);
}
