//! UI tests (egui_kittest) of work in the transcript: selecting by mouse and keyboard, coding
//! the selection (quick pick, a dragged code, in vivo, a recent code's key), a coding's stripe
//! and its place, searching and coding the hits; the text never moves or reflows under it.

use axial::app::Intent;
use axial::ui::AxialApp;
use axial_core::model::DocumentId;
use egui::{Event, Key, Modifiers, PointerButton, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod ui_common;
use ui_common::{banking, count_of, crm, drag, press, select_by_mouse, state, wait_idle};

#[test]
fn opens_a_sample_with_documents_codes_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let h = crm(dir.path());
    h.get_by_label("Interview B  (24)");
    h.get_by_label("Agents advise callers on products and repairs (6)");
    h.get_by_label_contains("Operational CRM (52)");
    assert_eq!(state(&h).project.documents().len(), 12);
    assert_eq!(state(&h).undo_label, None, "a fresh copy of a sample starts with nothing to undo");
}

#[test]
fn select_then_quick_pick_codes_the_passage_and_undo_redo_take_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.get_by_label("Interview A  (12)").click();
    h.run();
    let (start, end) = select_by_mouse(&mut h);
    assert!(end > start);
    // A mouse selection snaps to whole words.
    let text: Vec<char> = state(&h).current_document().unwrap().text.chars().collect();
    assert!(start == 0 || !text[start - 1].is_alphanumeric(), "starts on a word boundary");
    assert!(end == text.len() || !text[end].is_alphanumeric(), "ends on a word boundary");
    let code = "Segmentation and lifetime value analysis";
    let before = count_of(&h, code);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.event(Event::Text("segmentation lifetime".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(count_of(&h, code), before + 1);
    let coding = state(&h).project.codings().last().unwrap().clone();
    assert_eq!((coding.start, coding.end), (start, end), "the coding covers exactly the selection");
    h.get_by_label(&format!("{code} ({})", before + 1));
    assert!(h.get_by_label("Interview A  (13)").rect().width() > 0.0, "the document count changed");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count_of(&h, code), before);
    h.get_by_label(&format!("{code} ({before})"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(count_of(&h, code), before + 1);
}

#[test]
fn dragging_a_code_onto_the_selection_codes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let (start, end) = select_by_mouse(&mut h);
    let code = "Reading customer history before a contact";
    let before = count_of(&h, code);
    let from = h.get_by_label(&format!("{code} ({before})")).rect().center();
    let to = h.get_by_label("Transcript text").rect().left_top() + Vec2::new(200.0, 40.0);
    drag(&mut h, from, to);
    assert_eq!(count_of(&h, code), before + 1);
    let coding = state(&h).project.codings().last().unwrap();
    assert_eq!((coding.start, coding.end), (start, end));
    h.get_by_label(&format!("{code} ({})", before + 1));
}

#[test]
fn in_vivo_and_new_code_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    let (start, end) = select_by_mouse(&mut h);
    let codes_before = state(&h).project.codes().len();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    h.run();
    let s = state(&h);
    assert_eq!(s.project.codes().len(), codes_before + 1);
    let text = &s.current_document().unwrap().text;
    let words: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(s.project.codes().last().unwrap().name, axial::app::in_vivo_name(&words));
    // Undo takes back the code and its coding together.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.codes().len(), codes_before);
}

#[test]
fn clicking_a_stripe_selects_the_coding_and_delete_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    // Interview B's first coding sits near the top of the transcript.
    h.get_by_label("Interview B  (24)").click();
    h.run();
    let s = state(&h);
    let doc = s.document.unwrap();
    let first = s.project.codings().filter(|c| c.document == doc).min_by_key(|c| c.start).unwrap().clone();
    assert!(first.start < 2000, "the first coding is on the first screen");
    // Lane 0 of the stripes runs just right of the paragraph numbers; click down it until a
    // stripe answers.
    let mut clicked = None;
    let view = h.get_by_label("Transcript text").rect();
    let left = view.left();
    for y in (view.top() as i32..(view.top() as i32 + 700)).step_by(6) {
        let p = pos2(left + 41.5, y as f32);
        h.hover_at(p);
        h.run_steps(1);
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run();
        if let Some(c) = state(&h).selected_coding {
            clicked = Some(c);
            break;
        }
    }
    let clicked = clicked.expect("a stripe is clickable");
    h.get_by_label_contains("Coding: ");
    let before = state(&h).project.codings().len();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(state(&h).project.codings().len(), before - 1);
    assert!(!state(&h).project.codings().any(|c| c.id == clicked));
}

#[test]
fn keyboard_selection_extends_from_a_click_by_characters_words_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let rect = h.get_by_label("Transcript text").rect();
    let at = pos2(rect.left() + 120.0, rect.top() + 12.0);
    h.event(Event::PointerMoved(at));
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let caret = state(&h).selection.expect("a click puts a caret").anchor;
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    assert_eq!(state(&h).selected_range(), Some((caret, caret + 5)));
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    let (_, end) = state(&h).selected_range().unwrap();
    let text: Vec<char> = state(&h).current_document().unwrap().text.chars().collect();
    assert!(end > caret + 5 && !text[end].is_alphanumeric(), "Ctrl+Shift+Right extends to a word's end");
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    let (_, end) = state(&h).selected_range().unwrap();
    assert_eq!(text[end], '\n', "Shift+End extends to the end of the paragraph");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(state(&h).selected_range(), None);
}

#[test]
fn a_recent_code_is_one_key_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    select_by_mouse(&mut h);
    let code = "Learning customer needs on calls";
    let id = state(&h).project.codes().find(|c| c.name == code).unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::ApplyCode(id));
    h.run();
    assert_eq!(state(&h).recent_codes.first(), Some(&id));
    h.get_by_label_contains("1 Learning customer");
    // Another passage, then the key 1.
    let rect = h.get_by_label("Transcript text").rect();
    drag(&mut h, pos2(rect.left() + 90.0, rect.top() + 80.0), pos2(rect.left() + 300.0, rect.top() + 80.0));
    let selected = state(&h).selected_range().unwrap();
    let before = count_of(&h, code);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(count_of(&h, code), before + 1);
    let last = state(&h).project.codings().last().unwrap();
    assert_eq!((last.start, last.end), selected);
}

#[test]
fn the_details_panel_moves_a_coding_to_the_selection_and_changes_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    select_by_mouse(&mut h);
    let first = state(&h).project.codes().next().unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::ApplyCode(first));
    h.run();
    let coding = state(&h).selected_coding.expect("the new coding is selected");
    // Select a later passage, then "Fit to selection".
    let rect = h.get_by_label("Transcript text").rect();
    drag(&mut h, pos2(rect.left() + 90.0, rect.top() + 80.0), pos2(rect.left() + 300.0, rect.top() + 80.0));
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(coding)));
    h.run();
    let target = state(&h).selected_range().unwrap();
    h.get_by_label("Fit to selection").click();
    h.run();
    let c = state(&h).project.codings().find(|c| c.id == coding).unwrap().clone();
    assert_eq!((c.start, c.end), target);
    // Change its code through the combo box (the details panel's: with a second coder in the
    // project, the reader has one for the coders too).
    let other = state(&h).project.codes().nth(5).unwrap().clone();
    let combo = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .rect();
    press(&mut h, combo.center(), PointerButton::Primary);
    h.run();
    h.get_by_label(&other.name).click_accesskit();
    h.run();
    let c = state(&h).project.codings().find(|c| c.id == coding).unwrap();
    assert_eq!(c.code, other.id);
    // Both are undoable, one step each.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.codings().find(|c| c.id == coding).unwrap().code, first);
}

#[test]
fn selecting_a_coding_in_view_does_not_move_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    // A document with a coding wholly in view below the first two paragraphs, seen from the top.
    let documents: Vec<DocumentId> = state(&h).project.documents().map(|d| d.id).collect();
    let mut found = None;
    for doc in documents {
        h.state_mut().state.as_mut().unwrap().handle(Intent::OpenDocument(doc));
        h.run();
        let (a, b) = h.state().reader_in_view().expect("paragraphs in view");
        let s = state(&h);
        let text = &s.project.document(doc).unwrap().text;
        let paragraph = |offset: usize| text.chars().take(offset).collect::<String>().matches("\n\n").count();
        if let Some(c) = s.project.codings_in(doc).find(|c| c.start >= a && c.end <= b && paragraph(c.start) >= 2) {
            found = Some((c.id, s.project.codings_in(doc).last().unwrap().id));
            break;
        }
    }
    let (near, far) = found.expect("some interview has a coding in its first screen");
    let top = h.state().reader_first_visible();
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(near)));
    h.run();
    assert_eq!(h.state().reader_first_visible(), top, "a coding in view: the text stays put");
    assert_eq!(state(&h).selected_coding, Some(near));
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(far)));
    h.run();
    assert_ne!(h.state().reader_first_visible(), top, "one out of view is scrolled to");
}

/// Coding never reflows the document: a coding that opens new stripe lanes (three codings on
/// one passage) leaves the text where it was, its height and every line unchanged.
#[test]
fn adding_codings_that_open_new_lanes_never_reflows_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.set_size(Vec2::new(1024.0, 700.0));
    h.run();
    let text_height = |h: &Harness<'_, AxialApp>| h.get_by_label("Transcript text").rect().height();
    let before = text_height(&h);
    let lanes_before = state(&h).project.codings().count();
    let app = h.state_mut().state.as_mut().unwrap();
    for name in ["lane one", "lane two", "lane three"] {
        app.handle(Intent::Select { anchor: 40, focus: 400 });
        app.handle(Intent::CreateCodeAndApply(name.into()));
    }
    h.run();
    assert_eq!(state(&h).project.codings().count(), lanes_before + 3);
    assert_eq!(text_height(&h), before, "the text wraps where it did");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(text_height(&h), before, "and after a coding goes");
}

#[test]
fn search_then_code_all_hits_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("Voice of Customer".into()));
    h.run();
    h.get_by_label("Run search").click();
    h.run();
    wait_idle(&mut h);
    let hits = state(&h).search.hits.len();
    assert!(hits >= 3, "the sample mentions the portal often ({hits})");
    h.get_by_label_contains("hits in").rect();
    let code = "Publishing survey results and feedback";
    let before = count_of(&h, code);
    // The code is chosen as with Ctrl+K: a few letters, then Enter.
    h.get_by_label("Code all hits…").click();
    h.run();
    h.get_by_label_contains(&format!("Code all {hits} search hits"));
    h.event(Event::Text("Publishing survey".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(count_of(&h, code), before + hits, "{:?}", state(&h).notices);
    h.get_by_label_contains(&format!("Coded {hits} search hits"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(count_of(&h, code), before, "one undo takes back every hit");
    // Clicking a hit opens its document with the hit selected.
    h.get_all_by_label_contains(": …").next().expect("hits are listed with context").click();
    h.run();
    let s = state(&h);
    let hit = &s.search.hits[0];
    assert_eq!(s.document, Some(hit.document));
    assert_eq!(s.selected_range(), Some((hit.start, hit.end)));
}

#[test]
fn opening_a_search_hit_scrolls_the_reader_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    assert_eq!(h.state().reader_first_visible(), Some(0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    // A phrase from late in Interview J.
    h.event(Event::Text("third repair on the same dishwasher".into()));
    h.key_press(Key::Enter);
    h.run();
    let hits = state(&h).search.hits.clone();
    assert!(!hits.is_empty(), "the phrase is in the sample");
    h.get_all_by_label_contains(": …").next().unwrap().click();
    h.run();
    let hit = &hits[0];
    let top = h.state().reader_first_visible().expect("the reader shows text");
    assert!(
        top > 0 && top <= hit.start,
        "scrolled down to the hit: top paragraph starts at {top}, hit at {}",
        hit.start
    );
    let doc = state(&h).current_document().unwrap();
    let layout = axial::app::reader::DocumentLayout::new(&state(&h).project, doc.id);
    let hit_paragraph = axial::app::reader::paragraph_at(&layout.paragraphs, hit.start);
    let top_paragraph = axial::app::reader::paragraph_at(&layout.paragraphs, top);
    assert!(hit_paragraph - top_paragraph <= 6, "the hit is near the top of the view");
}

#[test]
fn search_hits_widened_to_their_sentences_get_a_new_code_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("portal".into()));
    h.run();
    h.get_by_label("Run search").click();
    h.run();
    wait_idle(&mut h);
    assert!(!state(&h).search.hits.is_empty());
    h.get_by_label("sentence").click();
    h.get_by_label("Code all hits…").click();
    h.run();
    h.get_by_label_contains("Code the sentences of");
    h.event(Event::Text("Portal remarks".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let s = state(&h);
    let code = s.project.code_named("Portal remarks").expect("the code was made").id;
    let codings: Vec<_> = s.project.codings_of(code).collect();
    assert!(!codings.is_empty());
    for c in &codings {
        let text = &s.project.document(c.document).unwrap().text;
        let said: String = text.chars().skip(c.start).take(c.end - c.start).collect();
        assert!(said.to_lowercase().contains("portal") && said.len() > "portal".len() + 10, "{said:?}");
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(state(&h).project.code_named("Portal remarks").is_none(), "one undo takes the code and its codings");
}
