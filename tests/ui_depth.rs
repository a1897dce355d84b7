//! UI tests (egui_kittest) for the depth of the model in the details panel: a property added
//! to a category through its form, a coded passage placed on it and marked prompted, the
//! category's matrix level, and a relation's evidence picked from the suggestions and from the
//! text selected in the transcript; each checked in the project and undone.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

mod ui_common;
use ui_common::{Picker, harness, sample_copy, state};

const CORE: &str = "Determining the management framework";

fn select(h: &mut egui_kittest::Harness<'_, axial::ui::AxialApp>, intent: axial::app::Intent) {
    h.state_mut().state.as_mut().unwrap().handle(intent);
    h.run();
}

#[test]
fn a_property_is_added_from_the_category_form_and_a_passage_placed_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    let category = state(&h).project.categories().find(|c| c.name == CORE).unwrap().id;
    select(&mut h, axial::app::Intent::SelectGroup(Some(axial::app::Group::Category(category))));

    h.get_by_label("+ Property").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    // The two text fields: the name, then the points.
    let fields: Vec<_> = h.query_all_by_role(egui::accesskit::Role::TextInput).map(|n| n.rect().center()).collect();
    let (name_at, points_at) = (fields[fields.len() - 2], fields[fields.len() - 1]);
    h.event(egui::Event::PointerButton {
        pos: name_at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: name_at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    h.event(egui::Event::Text("Formality".into()));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: points_at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: points_at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    h.event(egui::Event::Text("informal, mixed, formal".into()));
    h.run();
    h.get_by_label("Add property").click();
    h.run();
    let p = &state(&h).project;
    let property = p.depth().property_named(category, "Formality").expect("the form added the property").clone();
    assert_eq!(property.dimension, axial_core::model::PropertyDimension::range(["informal", "mixed", "formal"]));

    // The level of the matrix, from its combo box.
    h.get_by_label("Matrix level").click();
    h.run();
    h.get_by_label("Organisation").click();
    h.run();
    assert_eq!(state(&h).project.depth().level(category), Some(axial_core::model::ConditionLevel::Organisation));

    // A passage of the category: placed on the property and marked prompted from its details.
    let coding = {
        let p = &state(&h).project;
        p.codings().find(|c| p.placement(c.code).category == Some(category)).unwrap().id
    };
    select(&mut h, axial::app::Intent::SelectCoding(Some(coding)));
    h.get_by_label("Formality").click();
    h.run();
    h.get_by_label("formal").click();
    h.run();
    h.get_by_label("prompted by the interviewer").click();
    h.run();
    let d = state(&h).project.depth();
    assert_eq!(d.placement(coding, property.id), Some("formal"));
    assert!(d.is_prompted(coding));
    // Four steps, four undos: the property, level, place and mark are gone.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    let d = state(&h).project.depth();
    assert!(d.properties().next().is_none() && d.level(category).is_none() && !d.is_prompted(coding));
}

#[test]
fn a_relation_takes_evidence_from_its_suggestions_and_from_the_selected_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    let grounding = axial_core::analysis::grounding::grounding(&state(&h).project);
    let (suggested, bare) = {
        let p = &state(&h).project;
        let suggested = p.relations().find(|r| grounding[&r.id].turns > 0).unwrap().id;
        let bare = p.relations().find(|r| !grounding[&r.id].any()).unwrap().id;
        (suggested, bare)
    };
    select(&mut h, axial::app::Intent::SelectRelation(Some(suggested)));
    h.get_by_label_contains("No evidence picked yet; the data suggests");
    // Pointed at first, as a hand does (the row's link and button settle under the pointer).
    h.query_all_by_label("Add").next().expect("a suggestion to add").hover();
    h.run();
    h.query_all_by_label("Add").next().unwrap().click();
    h.run();
    assert_eq!(state(&h).project.depth().evidence_of(suggested).count(), 1);
    h.get_by_label_contains("1 evidence passage");

    // A relation the data does not ground: select text in the transcript, add it.
    select(&mut h, axial::app::Intent::SelectRelation(Some(bare)));
    h.get_by_label_contains("No evidence: no passage is picked");
    let document = state(&h).project.documents().next().unwrap().id;
    select(&mut h, axial::app::Intent::OpenDocument(document));
    select(&mut h, axial::app::Intent::Select { anchor: 100, focus: 180 });
    h.get_by_label("Add the selected text as evidence").click();
    h.run();
    let e: Vec<_> = state(&h).project.depth().evidence_of(bare).cloned().collect();
    assert_eq!((e.len(), e[0].document, e[0].start, e[0].end), (1, document, 100, 180));
    // The relation is grounded now: the model's grounding says so.
    assert!(axial_core::analysis::grounding::grounding(&state(&h).project)[&bare].any());
    h.get_by_label("Remove").click();
    h.run();
    assert_eq!(state(&h).project.depth().evidence_of(bare).count(), 0);
}
