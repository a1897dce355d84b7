//! `axial merge PROJECT OTHER.axial` through the real binary: a coder's copy comes in as one
//! undoable step, again adds nothing, and a file that is not a project is refused.

mod common;
use axial_core::model::*;
use axial_core::store::Store;
use common::*;

#[test]
fn a_coders_copy_merges_once_and_the_second_time_adds_nothing() {
    let (dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("crm_knowledge_creation").join("project.json"))]);
    let copy = dir.path().join("sam.axial");
    std::fs::copy(&path, &copy).unwrap();
    {
        let mut sam = Store::open(&copy).unwrap();
        sam.set_user("sam");
        let p = sam.load().unwrap();
        let doc = p.documents().next().unwrap().id;
        let code = p.codes().next().unwrap().id;
        let mut ids = sam.ids().unwrap();
        let (new_code, c1, c2) = (ids.code(), ids.coding(), ids.coding());
        let coding = |id, code, start, end| Action::CreateCoding {
            id,
            document: doc,
            code,
            start,
            end,
            coder: "sam".into(),
            created: now_rfc3339(),
        };
        sam.apply(&Action::Batch {
            label: "Sam codes".into(),
            actions: vec![
                Action::CreateCode {
                    id: new_code,
                    name: "Sam's code".into(),
                    color: "#112233".into(),
                    definition: String::new(),
                    concept: None,
                },
                coding(c1, code, 0, 40),
                coding(c2, new_code, 50, 90),
            ],
        })
        .unwrap();
    }
    let before = ok(&["info", s(&path)]);
    let out = ok(&["merge", s(&path), s(&copy)]);
    assert!(out.contains("added 1 codes and 2 codings (coded by sam)"), "{out}");
    assert!(out.contains("new: code \u{201c}Sam's code\u{201d}"), "{out}");
    let agreement = ok(&["report", s(&path), "agreement", "--coders", "analyst", "sam"]);
    assert!(agreement.contains("Agreement of analyst and sam"), "{agreement}");
    let again = ok(&["merge", s(&path), s(&copy)]);
    assert!(again.contains("nothing new"), "{again}");
    ok(&["undo", s(&path)]);
    assert_eq!(ok(&["info", s(&path)]), before, "one undo takes the merge back");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a project").unwrap();
    let r = axial(&["merge", s(&path), s(&notes)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not an Axial project") && r.stderr.lines().count() == 1, "{}", r.stderr);
    assert_eq!(ok(&["info", s(&path)]), before);
}
