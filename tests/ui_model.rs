//! UI tests (egui_kittest) of the category model: the code tree (regrouping by drag, renaming,
//! deleting, merging, splitting, a new concept, facets and where they come from, a coding's code
//! revealed), the paradigm view (placing, relating, the core, the storyline, the figure, reading
//! a category's passages) and the project's settings (the cube's vocabulary, relation kinds).

use axial::app::Intent;
use axial::ui::AxialApp;
use axial_core::model::{CodingId, FacetOwner, MemoTarget, ParadigmClass};
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod ui_common;
use ui_common::{Picker, banking, count_of, crm, drag, harness, press, sample_copy, state, wait_idle};

fn concept_of(h: &Harness<'_, AxialApp>, code: &str) -> Option<String> {
    let p = &state(h).project;
    p.code_named(code).and_then(|c| c.concept).and_then(|k| p.concept(k)).map(|k| k.name.clone())
}

#[test]
fn dragging_a_code_onto_a_concept_regroups_it_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let code = "Agents advise callers on products and repairs";
    assert_eq!(concept_of(&h, code).as_deref(), Some("Call centre"));
    let from = h.get_by_label_contains(code).rect().center();
    let to = h.get_by_label_contains("Point of sale (").rect().center();
    drag(&mut h, from, to);
    assert_eq!(concept_of(&h, code).as_deref(), Some("Point of sale"));
    h.get_by_label_contains("Point of sale (16)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(concept_of(&h, code).as_deref(), Some("Call centre"));
}

#[test]
fn dragging_a_category_onto_a_paradigm_class_places_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let class_of =
        |h: &Harness<'_, AxialApp>| state(h).project.categories().find(|c| c.name == "Operational CRM").unwrap().class;
    assert_eq!(class_of(&h), None);
    let from = h.get_by_label_contains("Operational CRM (").rect().center();
    let to = h.get_by_label_contains("Strategies (").rect().center();
    drag(&mut h, from, to);
    assert_eq!(class_of(&h), Some(ParadigmClass::Strategies));
    assert_eq!(state(&h).project.tallies().class(ParadigmClass::Strategies).references, 52);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(class_of(&h), None);
}

#[test]
fn f2_renames_the_selected_concept() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let header = h.get_by_label_contains("Data mining (").rect().center();
    press(&mut h, header, PointerButton::Primary);
    h.key_press(Key::F2);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("Name").type_text("Mining purchase data");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let names: Vec<String> = state(&h).project.concepts().map(|k| k.name.clone()).collect();
    assert!(names.contains(&"Mining purchase data".to_owned()), "{names:?}");
    assert!(!names.contains(&"Data mining".to_owned()));
}

#[test]
fn deleting_a_category_says_what_goes_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let before = state(&h).project.clone();
    let header = h.get_by_label_contains("Analytical CRM (").rect().center();
    press(&mut h, header, PointerButton::Secondary);
    h.get_by_label("Delete…").click();
    h.run();
    h.get_by_label_contains("Its 3 concepts stay, ungrouped");
    h.get_by_label("Delete").click();
    h.run();
    let p = &state(&h).project;
    assert!(p.categories().all(|c| c.name != "Analytical CRM"));
    assert_eq!(p.concepts().filter(|k| k.category.is_none()).count(), 3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*state(&h).project, *before, "the category, its concepts' places and its memos are back");
}

#[test]
fn a_selected_category_shows_its_facets_and_a_code_what_it_inherits_and_from_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let header = h.get_by_label_contains("Operational CRM (").rect().center();
    press(&mut h, header, PointerButton::Primary);
    h.get_by_label("Category: Operational CRM");
    assert!(matches!(state(&h).selected_group, Some(axial::app::Group::Category(_))));
    // The memo editor follows the selection to the category.
    h.get_by_label("category");
    h.get_by_label_contains("Agents advise callers on products").click();
    h.run();
    h.get_by_label_contains("from category \u{201c}Operational CRM\u{201d}");
    // Set the code's own CRM value: it no longer inherits, and undo takes it back.
    let code = state(&h).project.code_named("Agents advise callers on products and repairs").unwrap().id;
    h.get_by_label("CRM system").click();
    h.run();
    h.get_by_label("Analytical").click();
    h.run();
    assert_eq!(state(&h).project.facet(FacetOwner::Code(code), "crm"), Some("analytical"));
    assert_eq!(state(&h).project.resolved_facet(code, "crm"), Some("analytical"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.facet(FacetOwner::Code(code), "crm"), None);
}

#[test]
fn ctrl_click_two_codes_and_merge_them_from_the_context_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let before = state(&h).project.clone();
    let (a, b) = ("Agents advise callers on products and repairs", "Learning customer needs on calls");
    let total = count_of(&h, a) + count_of(&h, b);
    for name in [a, b] {
        h.get_by_label_contains(name).click_modifiers(Modifiers::COMMAND);
        h.run();
    }
    let at = h.get_by_label_contains(a).rect().center();
    press(&mut h, at, PointerButton::Secondary);
    h.get_by_label_contains("Merge 2 selected into").click();
    h.run();
    let p = &state(&h).project;
    assert!(p.code_named(b).is_none(), "the other code is merged away");
    assert!(count_of(&h, a) <= total && count_of(&h, a) >= total - 1, "codings kept (a shared passage once)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*state(&h).project, *before, "one undo takes the merge back");
}

#[test]
fn a_code_is_split_by_the_codings_in_the_selected_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let before = state(&h).project.clone();
    let code = "Agents advise callers on products and repairs".to_owned();
    let p = &state(&h).project;
    let first = p.codings_of(p.code_named(&code).unwrap().id).next().unwrap().clone();
    let app = h.state_mut().state.as_mut().unwrap();
    app.handle(Intent::OpenDocument(first.document));
    let total = count_of(&h, &code);
    assert!(total > 1, "the code has codings elsewhere too");
    h.state_mut().state.as_mut().unwrap().handle(Intent::Select { anchor: first.start, focus: first.end });
    h.run();
    assert_eq!(state(&h).selected_range(), Some((first.start, first.end)));
    let row = h.get_by_label_contains(&code).rect().center();
    press(&mut h, row, PointerButton::Secondary);
    h.get_by_label("Split off its codings in the selected passage…").click();
    h.run();
    h.get_by_label_contains("coding in the selected passage to the new code");
    h.get_by_label("Name").type_text("Split part");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let p = &state(&h).project;
    let new = p.code_named("Split part").expect("the new code");
    let moved: Vec<CodingId> = p.codings_of(new.id).map(|c| c.id).collect();
    assert!(moved.contains(&first.id), "the coding in the selection moved");
    assert_eq!(moved.len() + count_of(&h, &code), total, "the rest stayed with the code");
    assert_eq!(new.concept, p.code_named(&code).unwrap().concept, "under the same concept");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*state(&h).project, *before);
}

#[test]
fn a_new_concept_from_the_keyboard_lands_in_the_selected_category() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let header = h.get_by_label_contains("Analytical CRM (").rect().center();
    press(&mut h, header, PointerButton::Primary);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    h.get_by_label("Name").type_text("Reporting habits");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let p = &state(&h).project;
    let concept = p.concepts().find(|k| k.name == "Reporting habits").expect("created");
    assert_eq!(concept.category.and_then(|c| p.category(c)).map(|c| c.name.as_str()), Some("Analytical CRM"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("Name").type_text("Learning from customers");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let p = &state(&h).project;
    assert_eq!(p.categories().find(|c| c.name == "Learning from customers").map(|c| c.class), Some(None));
}

#[test]
fn selecting_a_coding_reveals_its_code_in_the_collapsed_tree() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    // The banking tree opens folded (18 categories, 50 concepts): a code deep in it is not drawn.
    let code = "Fast redesign of products";
    let tree_left = h.get_by_label("+ Concept").rect().left();
    let in_tree = |h: &Harness<'_, AxialApp>| {
        h.query_all_by_label_contains(code).any(|n| n.rect().left() >= tree_left && n.rect().height() > 0.0)
    };
    assert!(!in_tree(&h));
    let coding = {
        let p = &state(&h).project;
        p.codings_of(p.code_named(code).unwrap().id).next().unwrap().id
    };
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(coding)));
    h.run();
    assert!(in_tree(&h), "its category and concept opened");
}

fn paradigm_tab(h: &mut Harness<'_, AxialApp>) {
    h.get_by_label("Paradigm model").click();
    h.run();
}

#[test]
fn in_the_paradigm_view_a_card_dragged_into_a_box_is_placed_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    paradigm_tab(&mut h);
    let from = h.get_by_label("Card: Operational CRM").rect().center();
    let to = h.get_by_label("Box: Strategies").rect().center();
    drag(&mut h, from, to);
    let class = state(&h).project.categories().find(|c| c.name == "Operational CRM").unwrap().class;
    assert_eq!(class, Some(ParadigmClass::Strategies));
    // The card now sits in the strategies box.
    let card = h.get_by_label("Card: Operational CRM").rect();
    assert!(h.get_by_label("Box: Strategies").rect().contains(card.center()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.categories().find(|c| c.name == "Operational CRM").unwrap().class, None);
}

#[test]
fn in_the_paradigm_view_a_relation_is_drawn_from_card_to_card_and_the_core_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    paradigm_tab(&mut h);
    let from = h.get_by_label("Relate from Operational CRM").rect().center();
    let to = h.get_by_label("Card: Analytical CRM").rect().center();
    drag(&mut h, from, to);
    h.get_by_label("leads to").click();
    h.run();
    let p = &state(&h).project;
    let name = |id| p.category(id).unwrap().name.clone();
    let rels: Vec<(String, String, String)> =
        p.relations().map(|r| (name(r.from), r.kind.clone(), name(r.to))).collect();
    assert_eq!(rels, [("Operational CRM".to_owned(), "leads to".to_owned(), "Analytical CRM".to_owned())]);

    let card = h.get_by_label("Card: Collaborative CRM").rect().center();
    press(&mut h, card, PointerButton::Secondary);
    h.get_by_label("Mark as the core category").click();
    h.run();
    let p = &state(&h).project;
    assert_eq!(p.core_category().and_then(|c| p.category(c)).map(|c| c.name.as_str()), Some("Collaborative CRM"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.relations().len(), 0);
    assert_eq!(state(&h).project.core_category(), None);
}

#[test]
fn the_paradigm_view_exports_its_diagram_as_svg_or_png() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), picker.clone());
    paradigm_tab(&mut h);
    for (button, file, export, magic) in [
        ("Export SVG…", "diagram.svg", axial_core::export::Export::DiagramSvg, &b"<svg"[..]),
        ("Export PNG…", "diagram.png", axial_core::export::Export::DiagramPng, &b"\x89PNG\r\n\x1a\n"[..]),
    ] {
        let out = dir.path().join(file);
        // The scripted picker answers the save dialog: no real dialog opens.
        *picker.export.lock().unwrap() = Some(out.clone());
        h.get_by_label(button).click();
        h.step();
        wait_idle(&mut h);
        let written = std::fs::read(&out).expect("the export was written");
        assert!(written.starts_with(magic), "{button}");
        assert!(
            written == export.render(&state(&h).project, state(&h).store().file_uids().as_ref()).unwrap(),
            "{button}: the menu's export"
        );
        assert!(state(&h).notices.last().unwrap().text.starts_with("Exported the paradigm figure"));
    }
}

#[test]
fn the_storyline_is_written_beside_the_diagram_and_loose_ends_lead_to_their_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    paradigm_tab(&mut h);
    let p = &state(&h).project;
    let core = p.core_category().unwrap();
    let before = p.memos_on(&MemoTarget::Category(core)).next().unwrap().text.clone();
    h.get_by_label_contains("the memo of").focus();
    h.run();
    h.key_press(Key::End);
    h.event(Event::Text(" And so the bank learns.".into()));
    h.run();
    let after = state(&h).project.memos_on(&MemoTarget::Category(core)).next().unwrap().text.clone();
    assert!(after.len() > before.len() && after.contains("And so the bank learns."), "{after}");

    let dir2 = tempfile::tempdir().unwrap();
    let mut h = crm(dir2.path());
    paradigm_tab(&mut h);
    h.get_by_label("category not placed: Analytical CRM").click();
    h.run();
    h.get_by_label("Category: Analytical CRM");
}

#[test]
fn a_category_card_leads_to_its_passages_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    paradigm_tab(&mut h);
    h.get_by_label("Card: Operational CRM").click();
    h.run();
    h.get_by_label("Category: Operational CRM");
    h.get_by_label("Read its 52 passages").click();
    h.run();
    assert_eq!(h.state().center, axial::ui::Center::Transcript, "the transcript shows the passage");
    let walk = state(&h).walk.clone().expect("a walk began");
    assert_eq!(walk.codings.len(), 52);
    let opened = |h: &Harness<'_, AxialApp>| {
        let s = state(h);
        let coding = s.selected_coding.expect("a passage is selected");
        assert_eq!(s.document, s.project.coding(coding).map(|c| c.document), "its document is open");
        coding
    };
    assert_eq!(opened(&h), walk.codings[0]);
    h.get_by_label("1 of 52");
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(opened(&h), walk.codings[1]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(opened(&h), walk.codings[2]);
    h.get_by_label("3 of 52");
    h.get_by_label("Done").click();
    h.run();
    assert!(state(&h).walk.is_none());
}

fn dimension_keys(h: &Harness<'_, AxialApp>) -> Vec<String> {
    state(h).project.framework().dimensions.iter().map(|d| d.key.clone()).collect()
}

#[test]
fn project_settings_rename_reorder_add_and_remove_the_cube_vocabulary_and_relation_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let before = state(&h).project.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Cube dimensions");

    // Rename a value in place: select its name, type, Enter.
    h.get_all_by_value("Operational")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .expect("the value's name field")
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Operations".into()));
    h.key_press(Key::Enter);
    h.run();
    let crm = |h: &Harness<'_, AxialApp>| state(h).project.framework().dimension("crm").unwrap().clone();
    assert_eq!(crm(&h).values[0].label, "Operations");
    assert_eq!(crm(&h).values[0].key, "operational", "the key facets refer to stays");

    // Move the first dimension down.
    assert_eq!(dimension_keys(&h), ["seci", "crm", "knowledge"]);
    h.get_all_by_label("Down").next().unwrap().click();
    h.run();
    assert_eq!(dimension_keys(&h), ["crm", "seci", "knowledge"]);

    // The study's own dimension.
    for (field, text) in [("Name", "Role"), ("Values", "Manager, Front line")] {
        h.get_by_label(field).scroll_to_me();
        h.run();
        h.get_by_label(field).focus();
        h.run();
        h.get_by_label(field).type_text(text);
        h.run();
    }
    h.get_by_label("Add dimension").scroll_to_me();
    h.run();
    h.get_by_label("Add dimension").click();
    h.run();
    let role = state(&h).project.framework().dimension("role").cloned().expect("added");
    assert_eq!(role.values.iter().map(|v| v.label.as_str()).collect::<Vec<_>>(), ["Manager", "Front line"]);

    // A relation kind, then offered when a relation is drawn.
    h.get_by_label("New kind:").scroll_to_me();
    h.run();
    h.get_by_label("New kind:").focus();
    h.run();
    h.get_by_label("New kind:").type_text("enables");
    h.run();
    h.get_by_label("Add kind").click();
    h.run();
    assert_eq!(state(&h).project.relation_kinds().last().map(String::as_str), Some("enables"));

    // Removing a dimension says what goes with it.
    let crm_facets = state(&h).project.facets().iter().filter(|f| f.dimension == "crm").count();
    assert!(crm_facets > 0);
    h.get_all_by_label("Remove…").next().unwrap().scroll_to_me();
    h.run();
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    let crm_levels = state(&h)
        .project
        .expectations()
        .iter()
        .filter(|e| e.row.dimension == "crm" || e.column.dimension == "crm")
        .count();
    h.get_by_value(&format!(
        "Remove the cube dimension \u{201c}CRM system\u{201d}? {crm_facets} facet values and {crm_levels} expected \
         levels on it go with it. Undo brings it all back."
    ));
    h.get_by_label("Remove it").click();
    h.run();
    assert_eq!(dimension_keys(&h), ["seci", "knowledge", "role"]);

    for _ in 0..6 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(*state(&h).project, *before, "six undos take every settings change back");
}
