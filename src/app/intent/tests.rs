use super::*;
use crate::app::AppState;
use axial_core::store::Store;

fn state() -> AppState {
    let mut store = Store::in_memory("t").unwrap();
    let mut ids = store.ids().unwrap();
    let text = "Interviewer: Why?\n\nB: We keep a “hot list” of calls. The hot list is read by everyone.";
    store
        .apply(&Action::AddDocument {
            id: ids.document(),
            title: "B".into(),
            text: text.into(),
            case: None,
            imported: "t".into(),
        })
        .unwrap();
    store
        .apply(&Action::CreateCode {
            id: ids.code(),
            name: "Sharing".into(),
            color: "#123456".into(),
            definition: String::new(),
            concept: None,
        })
        .unwrap();
    AppState::from_store(store, None, None).unwrap()
}

/// What the details panel shows is what Delete acts on: a new selection, or another code
/// selected, drops the coding selected before.
#[test]
fn a_new_selection_or_code_drops_the_selected_coding() {
    let mut s = state();
    let code = s.project.codes().next().unwrap().id;
    s.handle(Intent::Select { anchor: 0, focus: 5 });
    s.handle(Intent::ApplyCode(code));
    let coding = s.selected_coding.expect("the new coding is selected");
    s.handle(Intent::Select { anchor: 0, focus: 5 });
    assert_eq!(s.selected_coding, Some(coding), "the same selection keeps it");
    s.handle(Intent::Select { anchor: 10, focus: 14 });
    assert_eq!(s.selected_coding, None, "a new selection drops it");
    s.handle(Intent::SelectCoding(Some(coding)));
    assert_eq!(s.selected_coding, Some(coding), "selected again, with the new passage kept to fit it to");
    assert_eq!(s.selected_range(), Some((10, 14)));
    s.handle(Intent::SelectCode(Some(code)));
    assert_eq!(s.selected_coding, Some(coding), "its own code keeps it");
    s.handle(Intent::SelectCode(None));
    assert_eq!(s.selected_coding, None);
}

/// Pressing a key twice applies the same code twice: keys never reorder on use, and the
/// tenth code takes the key used longest ago.
#[test]
fn recent_code_keys_are_stable() {
    let mut s = state();
    let codes: Vec<CodeId> = (0..10).map(CodeId).collect();
    for &c in &codes[..9] {
        s.touch_recent(c);
    }
    assert_eq!(s.recent_codes, codes[..9]);
    s.touch_recent(codes[2]);
    s.touch_recent(codes[2]);
    assert_eq!(s.recent_codes[2], codes[2], "using key 3 keeps its code on key 3");
    assert_eq!(s.recent_codes, codes[..9], "nothing moved");
    s.touch_recent(codes[9]);
    assert_eq!(s.recent_codes[0], codes[9], "key 1 was used longest ago");
    assert_eq!(s.recent_codes[2], codes[2]);
}

#[test]
fn coding_needs_a_selection_and_is_one_undo_step() {
    let mut s = state();
    let code = s.project.codes().next().unwrap().id;
    s.handle(Intent::ApplyCode(code));
    assert_eq!(s.notices.last().unwrap().text, "select a passage first");
    s.handle(Intent::Select { anchor: 30, focus: 22 });
    s.handle(Intent::ApplyCode(code));
    assert_eq!(s.project.codings().len(), 1);
    let c = s.project.codings().next().unwrap();
    assert_eq!((c.start, c.end), (22, 30));
    assert_eq!(s.recent_codes, vec![code]);
    s.handle(Intent::ApplyCode(code));
    assert_eq!(s.notices.last().unwrap().text, "this passage already has that code");
    // A second coder coding the same passage alike makes a second coding.
    s.store.set_user("second coder");
    s.handle(Intent::ApplyCode(code));
    assert_eq!(s.project.codings().len(), 2);
    assert!(s.project.codings().any(|c| c.coder == "second coder"));
    s.handle(Intent::Undo);
    s.handle(Intent::Undo);
    assert_eq!(s.project.codings().len(), 0);
    s.handle(Intent::Redo);
    assert_eq!(s.project.codings().len(), 1);
}

#[test]
fn in_vivo_names_the_code_after_the_words() {
    let mut s = state();
    let text = s.project.documents().next().unwrap().text.to_string();
    let start = text.find('“').map(|b| text[..b].chars().count()).unwrap();
    s.handle(Intent::Select { anchor: start, focus: start + 10 });
    s.handle(Intent::InVivo);
    assert_eq!(s.project.codes().last().unwrap().name, "hot list");
    assert_eq!(s.project.codings().len(), 1);
    s.handle(Intent::Undo);
    assert_eq!(s.project.codes().len(), 1, "creating the code and coding undo together");
    assert_eq!(in_vivo_name("  “we just, like, listen.” "), "we just, like, listen");
}

#[test]
fn code_all_hits_is_one_action_and_skips_what_is_coded() {
    let mut s = state();
    let code = s.project.codes().next().unwrap().id;
    s.handle(Intent::Search { query: "hot list".into(), regex: false, case_sensitive: false });
    assert_eq!(s.search.hits.len(), 2);
    let all = |code| Intent::CodeAllHits { code: HitsCode::Existing(code), extent: Default::default() };
    s.handle(all(code));
    assert_eq!(s.project.codings().len(), 2);
    assert_eq!(s.undo_label.as_deref(), Some("Code 2 search hits with “Sharing”"));
    s.handle(all(code));
    assert!(s.notices.last().unwrap().text.contains("no new search hits"));
    s.handle(Intent::Undo);
    assert_eq!(s.project.codings().len(), 0);
}

#[test]
fn memos_are_created_then_edited_in_one_step() {
    let mut s = state();
    let doc = s.project.documents().next().unwrap().id;
    for text in ["F", "Fi", "First thoughts"] {
        s.handle(Intent::SetMemo { target: MemoTarget::Document(doc), text: text.into() });
    }
    assert_eq!(s.project.memos().len(), 1);
    assert_eq!(s.project.memos().next().unwrap().text, "First thoughts");
    s.handle(Intent::Undo);
    assert_eq!(s.project.memos().next().unwrap().text, "F", "the edits after creating merge into one step");
}

#[test]
fn fitting_a_coding_to_the_selection_moves_its_boundaries() {
    let mut s = state();
    let code = s.project.codes().next().unwrap().id;
    s.handle(Intent::Select { anchor: 0, focus: 11 });
    s.handle(Intent::ApplyCode(code));
    let id = s.project.codings().next().unwrap().id;
    s.handle(Intent::Select { anchor: 13, focus: 17 });
    s.handle(Intent::FitCodingToSelection(id));
    let c = s.project.codings().next().unwrap();
    assert_eq!((c.start, c.end), (13, 17));
    s.handle(Intent::RemoveCoding(id));
    assert_eq!(s.project.codings().len(), 0);
    assert_eq!(s.selected_coding, None);
}

/// A property edited in the window with a point renamed becomes one step that renames the
/// point (its passages move with it) and then edits the rest; other edits stay one action.
#[test]
fn editing_a_propertys_points_in_place_renames_them() {
    use axial_core::model::*;
    let mut p = Project::new("P", Framework::default());
    p.apply_change(Change::Category(Category { id: CategoryId(1), name: "C".into(), class: None }));
    let dimension = PropertyDimension::range(["low", "mixed", "high"]);
    p.apply_change(Change::Property(Property {
        id: PropertyId(1),
        category: CategoryId(1),
        name: "Formality".into(),
        dimension: dimension.clone(),
    }));
    let mut ids = axial_core::store::Store::in_memory("t").unwrap().ids().unwrap();
    let edit = super::DepthEdit::UpdateProperty {
        id: PropertyId(1),
        name: "Formality".into(),
        dimension: PropertyDimension::range(["low", "in between", "high"]),
    };
    let Action::Batch { actions, .. } = edit.action(&p, &mut ids) else { panic!("one step of several actions") };
    assert_eq!(
        actions[0],
        Action::RenamePropertyPoint { id: PropertyId(1), point: "mixed".into(), new_name: "in between".into() }
    );
    assert!(matches!(actions[1], Action::UpdateProperty { .. }));
    // Another number of points: a plain edit (refused by the store if a dropped point is used).
    let edit = super::DepthEdit::UpdateProperty {
        id: PropertyId(1),
        name: "Formality".into(),
        dimension: PropertyDimension::range(["low", "high"]),
    };
    assert!(matches!(edit.action(&p, &mut ids), Action::UpdateProperty { .. }));
}
