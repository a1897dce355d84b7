//! UI tests (egui_kittest) for the depth of the model in the details panel: a property added
//! to a category through its form, a coded passage placed on it and marked prompted, the
//! category's matrix level, and a relation's evidence picked from the suggestions and from the
//! text selected in the transcript; each checked in the project and undone.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

mod ui_common;
use ui_common::{Picker, harness, sample_copy, state};

const CORE: &str = "Determining the management framework";

type H<'a> = egui_kittest::Harness<'a, axial::ui::AxialApp>;

/// Brings the widget labelled `label` into view (the details panel scrolls), points at it and
/// clicks it, as a hand does.
fn click(h: &mut H<'_>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).hover();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// Clicks at `at` (a text field) and types `text` there.
fn type_at(h: &mut H<'_>, at: egui::Pos2, text: &str) {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    h.event(egui::Event::Text(text.into()));
    h.run();
}

fn select(h: &mut H<'_>, intent: axial::app::Intent) {
    h.state_mut().state.as_mut().unwrap().handle(intent);
    h.run();
}

#[test]
fn a_property_is_added_from_the_category_form_and_a_passage_placed_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    let category = state(&h).project.categories().find(|c| c.name == CORE).unwrap().id;
    select(&mut h, axial::app::Intent::SelectGroup(Some(axial::app::Group::Category(category))));

    click(&mut h, "+ Property");
    h.get_by_label("Name");
    // The two text fields: the name, then the points.
    let fields: Vec<_> = h.query_all_by_role(egui::accesskit::Role::TextInput).map(|n| n.rect().center()).collect();
    let (name_at, points_at) = (fields[fields.len() - 2], fields[fields.len() - 1]);
    type_at(&mut h, name_at, "Formality");
    type_at(&mut h, points_at, "informal, mixed, formal");
    click(&mut h, "Add property");
    let p = &state(&h).project;
    let property = p.depth().property_named(category, "Formality").expect("the form added the property").clone();
    assert_eq!(property.dimension, axial_core::model::PropertyDimension::range(["informal", "mixed", "formal"]));

    // The level of the matrix, from its combo box (the sample puts it at the organisation).
    use axial_core::model::ConditionLevel;
    assert_eq!(state(&h).project.depth().level(category), Some(ConditionLevel::Organisation));
    click(&mut h, "Matrix level");
    h.get_by_label("Industry").click();
    h.run();
    assert_eq!(state(&h).project.depth().level(category), Some(ConditionLevel::Industry));

    // A passage of the category: placed on the property and marked prompted from its details.
    let coding = {
        let p = &state(&h).project;
        p.codings().find(|c| p.placement(c.code).category == Some(category)).unwrap().id
    };
    select(&mut h, axial::app::Intent::SelectCoding(Some(coding)));
    click(&mut h, "Formality");
    h.get_by_label("formal").click();
    h.run();
    click(&mut h, "prompted by the interviewer");
    let d = state(&h).project.depth();
    assert_eq!(d.placement(coding, property.id), Some("formal"));
    assert!(d.is_prompted(coding));
    // Four steps, four undos: the property, level, place and mark are gone.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    let d = state(&h).project.depth();
    assert!(d.properties().next().is_none() && !d.is_prompted(coding));
    assert_eq!(d.level(category), Some(ConditionLevel::Organisation));
}

#[test]
fn a_relation_takes_evidence_from_its_suggestions_and_from_the_selected_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    use axial_core::analysis::grounding::{grounding, suggestions};
    let grounds = grounding(&state(&h).project);
    let (suggested, bare) = {
        let p = &state(&h).project;
        let suggested = p.relations().find(|r| !suggestions(p, r.id).is_empty()).unwrap().id;
        let bare = p.relations().find(|r| !grounds[&r.id].any()).unwrap().id;
        (suggested, bare)
    };
    let before = state(&h).project.depth().evidence_of(suggested).count();
    select(&mut h, axial::app::Intent::SelectRelation(Some(suggested)));
    h.get_by_label_contains(&format!("{before} evidence passage"));
    h.get_by_label("Coded with both ends (suggested)");
    // Pointed at first, as a hand does (the row's link and button settle under the pointer).
    h.query_all_by_label("Add").next().expect("a suggestion to add").scroll_to_me();
    h.run();
    h.query_all_by_label("Add").next().unwrap().hover();
    h.run();
    h.query_all_by_label("Add").next().unwrap().click();
    h.run();
    assert_eq!(state(&h).project.depth().evidence_of(suggested).count(), before + 1);
    h.get_by_label_contains(&format!("{} evidence passages", before + 1));

    // A relation the data does not ground: select text in the transcript, add it.
    select(&mut h, axial::app::Intent::SelectRelation(Some(bare)));
    h.get_by_label_contains("No evidence: no passage is picked");
    let document = state(&h).project.documents().next().unwrap().id;
    select(&mut h, axial::app::Intent::OpenDocument(document));
    select(&mut h, axial::app::Intent::Select { anchor: 100, focus: 180 });
    click(&mut h, "Add the selected text as evidence");
    let e: Vec<_> = state(&h).project.depth().evidence_of(bare).cloned().collect();
    assert_eq!((e.len(), e[0].document, e[0].start, e[0].end), (1, document, 100, 180));
    // The relation is grounded now: the model's grounding says so.
    assert!(axial_core::analysis::grounding::grounding(&state(&h).project)[&bare].any());
    click(&mut h, "Remove");
    assert_eq!(state(&h).project.depth().evidence_of(bare).count(), 0);
}

fn drag(h: &mut H<'_>, from: egui::Pos2, to: egui::Pos2) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.run_steps(1);
    h.event(button(from, true));
    h.run_steps(1);
    for i in 1..=6 {
        h.event(egui::Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.run_steps(1);
    }
    h.event(button(to, false));
    // The drop's tooltip fades for a few frames.
    h.run_steps(12);
}

#[test]
fn the_matrix_view_places_a_category_at_the_level_it_is_dragged_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    h.get_by_label("Paradigm model").click();
    h.run();
    h.get_by_label("Conditional/consequential matrix").click();
    h.run();
    let category = state(&h).project.categories().find(|c| c.name == "Manpower supply").unwrap().id;
    assert_eq!(state(&h).project.depth().level(category), Some(axial_core::model::ConditionLevel::Group));
    let from = h.get_by_label("Chip: Manpower supply").rect().center();
    let to = h.get_by_label("Band: Organisation").rect().center();
    drag(&mut h, from, to);
    assert_eq!(state(&h).project.depth().level(category), Some(axial_core::model::ConditionLevel::Organisation));
    // Into the tray: no level again.
    let from = h.get_by_label("Chip: Manpower supply").rect().center();
    let to = h.get_by_label("Tray: no level").rect().center();
    drag(&mut h, from, to);
    assert_eq!(state(&h).project.depth().level(category), None);
    // A click selects it for the details panel.
    h.get_by_label("Chip: Manpower supply").click();
    h.run();
    assert_eq!(state(&h).selected_group, Some(axial::app::Group::Category(category)));
}

/// Selecting a relation turns the memo pane to it: what is typed there is a memo on the
/// relation, saved at once.
#[test]
fn a_memo_is_written_on_the_selected_relation() {
    use axial_core::model::MemoTarget;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    let mut h = harness(path.clone(), Picker::default());
    let relation = {
        let p = &state(&h).project;
        p.relations().find(|r| p.memos_on(&MemoTarget::Relation(r.id)).next().is_none()).unwrap().id
    };
    select(&mut h, axial::app::Intent::SelectRelation(Some(relation)));
    // The pane says what the memo is on.
    h.get_by_label("relation");
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run();
    h.event(egui::Event::Text("Why the two are linked.".into()));
    h.run();
    let saved = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let memos: Vec<_> = saved.memos_on(&MemoTarget::Relation(relation)).collect();
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].text, "Why the two are linked.");
}
