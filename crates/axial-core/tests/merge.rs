//! Merging a second coder's copy: conflicting, renamed and new codes, every coding of both
//! found afterwards, one undo step, nothing new the second time, refusals in one sentence.

use axial_core::merge::merge_copy;
use axial_core::model::*;
use axial_core::store::{Store, backup::copy_project};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const TEXT: &str = "A: We keep a list of every client who calls twice. B: And the manager reads it each week.";

fn code(store: &Store, name: &str) -> Action {
    let id = store.ids().unwrap().code();
    Action::CreateCode { id, name: name.into(), color: "#4477aa".into(), definition: String::new(), concept: None }
}

fn code_passage(store: &mut Store, code_name: &str, start: usize, end: usize) {
    let p = store.load().unwrap();
    let doc = p.documents().next().unwrap().id;
    let code = p.code_named(code_name).unwrap().id;
    let id = store.ids().unwrap().coding();
    let coder = store.user().to_owned();
    store.apply(&Action::CreateCoding { id, document: doc, code, start, end, coder, created: now_rfc3339() }).unwrap();
}

/// The student's project: one interview, the code "Trust" with one coding.
fn student(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("thesis.axial");
    let mut store = Store::create(&path).unwrap();
    store.set_user("ana");
    let doc = store.ids().unwrap().document();
    store
        .apply(&Action::AddDocument {
            id: doc,
            title: "Interview 1".into(),
            text: TEXT.into(),
            case: None,
            imported: "t".into(),
        })
        .unwrap();
    let trust = code(&store, "Trust");
    store.apply(&trust).unwrap();
    code_passage(&mut store, "Trust", 3, 50);
    (store, path)
}

/// Sam's copy of the project at `path` (beside it), open with Sam coding.
fn sams_copy(path: &Path) -> (Store, PathBuf) {
    let copy = path.with_file_name("sam.axial");
    copy_project(path, &copy).unwrap();
    let mut sam = Store::open(&copy).unwrap();
    sam.set_user("sam");
    (sam, copy)
}

/// Every coding of `p` as (document text start, code name, start, end, coder).
fn codings(p: &Project) -> BTreeSet<(String, String, usize, usize, String)> {
    p.codings()
        .map(|c| {
            (
                p.document(c.document).unwrap().title.clone(),
                p.code(c.code).unwrap().name.clone(),
                c.start,
                c.end,
                c.coder.clone(),
            )
        })
        .collect()
}

#[test]
fn a_coders_copy_merges_with_conflicting_renamed_and_new_codes_and_every_coding_of_both_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, path) = student(dir.path());
    let (mut sam, copy) = sams_copy(&path);

    // The second coder, in their copy: renames Trust, makes Rituals and Loyalty, codes with all
    // three, and codes Ana's passage alike (two coders, one passage: two codings).
    let trust = sam.load().unwrap().code_named("Trust").unwrap().clone();
    sam.apply(&Action::UpdateCode {
        id: trust.id,
        name: "Confidence".into(),
        color: trust.color,
        definition: trust.definition,
    })
    .unwrap();
    for name in ["Rituals", "Loyalty"] {
        let a = code(&sam, name);
        sam.apply(&a).unwrap();
    }
    code_passage(&mut sam, "Confidence", 3, 50);
    code_passage(&mut sam, "Rituals", 52, 89);
    code_passage(&mut sam, "Loyalty", 0, 20);
    let theirs = codings(&sam.load().unwrap());
    drop(sam);

    // Meanwhile Ana makes her own "Loyalty" (the same name: one code) and codes with it.
    let loyalty = code(&ana, "Loyalty");
    ana.apply(&loyalty).unwrap();
    code_passage(&mut ana, "Loyalty", 52, 70);
    let before = ana.load().unwrap();
    let mine = codings(&before);
    let history = ana.history().unwrap().len();

    let (report, _) = merge_copy(&mut ana, &before, &copy).unwrap();
    let after = ana.load().unwrap();
    let all = codings(&after);
    for c in &mine {
        assert!(all.contains(c), "Ana's coding {c:?} is kept");
    }
    // Sam's codings arrive with Sam, on the codes as they are named here.
    let here_name = |name: &str| if name == "Confidence" { "Trust".to_owned() } else { name.to_owned() };
    for (doc, code, start, end, coder) in &theirs {
        let expected = (doc.clone(), here_name(code), *start, *end, coder.clone());
        assert!(all.contains(&expected), "Sam's coding {expected:?} is here");
    }
    assert_eq!(after.codings().count(), 2 + 3, "Ana's two (one of them in the copy too, kept once) and Sam's three");
    let names: Vec<&str> = after.codes().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Trust", "Loyalty", "Rituals"], "renamed kept as here, same name one code, new added");
    assert_eq!(after.documents().count(), 1, "the interview matched");
    assert!(
        report.differences.iter().any(|d| d.contains("is called \u{201c}Confidence\u{201d} in the copy")),
        "{report:?}"
    );
    assert_eq!(report.codings_added, 3);
    assert_eq!(report.coders, ["sam"]);
    assert!(report.summary().contains("added 1 codes and 3 codings (coded by sam)"), "{}", report.summary());
    assert_eq!(ana.history().unwrap().len(), history + 1, "one undo step");
    assert_eq!(ana.uids().unwrap().people.get("sam").map(String::len), Some(36), "Sam is a person here, with Sam's id");

    // Merging the same copy again changes nothing.
    let (again, changes) = merge_copy(&mut ana, &after, &copy).unwrap();
    assert!(again.nothing_new(), "{again:?}");
    assert!(changes.is_empty());
    assert_eq!(ana.load().unwrap(), after);

    // And one undo takes the whole merge back.
    ana.undo().unwrap();
    assert_eq!(ana.load().unwrap(), before);
}

/// Two projects that never shared a file but imported the same interview: the document matches
/// by its text and codes by name.
#[test]
fn a_project_that_shares_no_ids_matches_by_text_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, _) = student(dir.path());
    let other_dir = tempfile::tempdir().unwrap();
    let (mut other, other_path) = student(other_dir.path());
    other.set_user("sam");
    code_passage(&mut other, "Trust", 60, 80);
    drop(other);
    let before = ana.load().unwrap();
    let (report, _) = merge_copy(&mut ana, &before, &other_path).unwrap();
    let after = ana.load().unwrap();
    assert_eq!((after.documents().count(), after.codes().count()), (1, 1));
    assert_eq!(after.codings().count(), 2, "the same passage by the same coder once, Sam's new one added");
    assert_eq!(report.codings_matched, 1);
}

#[test]
fn a_file_that_is_not_a_project_or_is_newer_or_is_this_one_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, path) = student(dir.path());
    let before = ana.load().unwrap();
    let text = dir.path().join("notes.axial");
    std::fs::write(&text, "just notes").unwrap();
    let newer = dir.path().join("newer.axial");
    copy_project(&path, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    for (file, says) in [
        (&text, "not an Axial project"),
        (&newer, "made by a newer Axial"),
        (&path, "this project itself"),
        (&dir.path().join("missing.axial"), "no project file here"),
    ] {
        let err = merge_copy(&mut ana, &before, file).unwrap_err().to_string();
        assert!(err.contains(says), "{file:?}: {err}");
        assert_eq!(err.lines().count(), 1);
    }
    assert_eq!(ana.load().unwrap(), before);
}

/// The author deleted a code the copy still codes with: it comes back (with the copy's id,
/// which the deleted row gives up), and its codings with it; merging again adds nothing.
#[test]
fn a_code_deleted_here_that_the_copy_still_uses_comes_back_with_its_codings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, path) = student(dir.path());
    let (mut sam, copy) = sams_copy(&path);
    code_passage(&mut sam, "Trust", 60, 80);
    drop(sam);

    let trust = ana.load().unwrap().code_named("Trust").unwrap().id;
    ana.apply(&Action::DeleteCode { id: trust }).unwrap();
    let before = ana.load().unwrap();
    assert_eq!(before.codings().count(), 0);

    let (report, _) = merge_copy(&mut ana, &before, &copy).unwrap();
    let after = ana.load().unwrap();
    let back = after.code_named("Trust").expect("the code the copy uses is back");
    assert_ne!(back.id, trust, "a new row, not the deleted one");
    let coders: BTreeSet<&str> = after.codings_of(back.id).map(|c| c.coder.as_str()).collect();
    assert_eq!(coders, BTreeSet::from(["ana", "sam"]), "the copy's codings of it, Ana's old one and Sam's");
    assert_eq!(report.codings_added, 2);
    let (again, _) = merge_copy(&mut ana, &after, &copy).unwrap();
    assert!(again.nothing_new(), "the copy's id now names the new code: {again:?}");

    // Undo takes the merge back, and the deleted row has its id again (undoing the delete too).
    ana.undo().unwrap();
    ana.undo().unwrap();
    let restored = ana.load().unwrap();
    assert_eq!(restored.code_named("Trust").map(|c| c.id), Some(trust));
    let (again, _) = merge_copy(&mut ana, &restored, &copy).unwrap();
    assert_eq!(again.codings_added, 1, "only Sam's coding is new: {again:?}");
}

/// Two of the copy's codes named alike land on two codes here, not both on one.
#[test]
fn two_items_of_the_copy_never_land_on_one_here_and_differences_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ana, path) = student(dir.path());
    let (mut sam, copy) = sams_copy(&path);
    let p = sam.load().unwrap();
    let doc = p.documents().next().unwrap().clone();
    sam.apply(&Action::RenameDocument { id: doc.id, title: "Interview with the manager".into() }).unwrap();
    // Sam renames Ana's "Trust" and makes a new "Trust": the first matches by id, the second
    // by name would land on the same code, so it is added beside it.
    let trust = p.code_named("Trust").unwrap().clone();
    sam.apply(&Action::UpdateCode {
        id: trust.id,
        name: "Trust old".into(),
        color: trust.color.clone(),
        definition: String::new(),
    })
    .unwrap();
    let a = code(&sam, "Trust");
    sam.apply(&a).unwrap();
    drop(sam);

    let before = ana.load().unwrap();
    let (report, _) = merge_copy(&mut ana, &before, &copy).unwrap();
    let after = ana.load().unwrap();
    let names: Vec<&str> = after.codes().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Trust", "Trust (from the copy)"], "{report:?}");
    assert!(report.differences.iter().any(|d| d.contains("is called \u{201c}Trust old\u{201d}")), "{report:?}");
    assert!(
        report.differences.iter().any(|d| d.contains("is called \u{201c}Interview with the manager\u{201d}")),
        "{report:?}"
    );
}
