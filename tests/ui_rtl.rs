//! UI tests (egui_kittest) of transcripts in the world's scripts: every script drawn with the
//! machine's fonts, and right-to-left text (the Persian sample) selected by mouse and by
//! keyboard on what the screen shows, coded, and the quote checked in the JSON export.
//! Needs the Noto fonts (`scripts/setup.sh` installs them): kittest panics on a missing glyph.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::ops::Range;

use axial::app::Intent;
use axial::ui::AxialApp;

mod ui_common;
use ui_common::{Picker, harness_with_system_fonts, menu, sample_copy, state, wait_for};

const SAMPLE: &str = "persian_bank_interview";

/// The Persian sample, in a private copy, open in the window with the machine's fonts.
fn open_sample() -> (tempfile::TempDir, Picker, Harness<'static, AxialApp>) {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let h = harness_with_system_fonts(sample_copy(dir.path(), SAMPLE), picker.clone());
    (dir, picker, h)
}

/// A click (press and release) at `at`.
fn click(h: &mut Harness<'_, AxialApp>, at: Pos2) {
    h.event(Event::PointerMoved(at));
    press(h, at, true);
    press(h, at, false);
    h.run();
}

/// The document char range of `needle` in the open transcript (its first occurrence).
fn find(h: &Harness<'_, AxialApp>, needle: &str) -> Range<usize> {
    let text = &state(h).current_document().expect("a transcript is open").text;
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is in the transcript"));
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

/// Where the reader drew the char at `offset`, as one rectangle.
fn char_rect(h: &Harness<'_, AxialApp>, offset: usize) -> Rect {
    let rects = h.state().reader_char_rects(offset..offset + 1);
    assert_eq!(rects.len(), 1, "one char is one box: {rects:?}");
    rects[0]
}

fn press(h: &mut Harness<'_, AxialApp>, at: Pos2, pressed: bool) {
    h.event(Event::PointerButton { pos: at, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE });
}

/// A real drag, pressed at `from`, moved in steps, released at `to`.
fn drag(h: &mut Harness<'_, AxialApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.run_steps(1);
    press(h, from, true);
    h.run_steps(1);
    for i in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.run_steps(1);
    }
    press(h, to, false);
    h.run_steps(4);
}

/// Codes the selection with a new code through the quick pick (Ctrl+K, a name, Enter).
fn code_selection(h: &mut Harness<'_, AxialApp>, name: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.event(Event::Text(name.into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Codes the selection with a new code `code`, exports the whole project as JSON from the menu
/// and returns the quotes of `code`'s codings there.
fn code_and_export(h: &mut Harness<'_, AxialApp>, picker: &Picker, dir: &std::path::Path, code: &str) -> Vec<String> {
    code_selection(h, code);
    let path = dir.join("persian.json");
    *picker.export.lock().unwrap() = Some(path.clone());
    menu(h, &["Project", "Export", "Data and other tools", "Whole project (JSON)…"]);
    wait_for(h, |_| path.exists());
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(json["codes"].as_array().unwrap().iter().any(|c| c["name"] == code), "the new code is exported");
    json["codings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == code)
        .map(|c| c["quote"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_persian_phrase_dragged_over_from_right_to_left_is_selected_coded_and_exported() {
    let (dir, picker, mut h) = open_sample();
    let phrase = find(&h, "مدیر این شعبه هستم");
    let first = char_rect(&h, phrase.start);
    let last = char_rect(&h, phrase.end - 1);
    assert!(first.center().x > last.center().x, "Persian runs right to left: {first:?} {last:?}");
    assert!((first.center().y - last.center().y).abs() < 1.0, "the phrase is on one line");
    // From the middle of the first letter to the middle of the last: the selection snaps to
    // the whole words the drag went over, and it is highlighted where the phrase is drawn.
    drag(&mut h, first.center(), last.center());
    assert_eq!(state(&h).selected_range(), Some((phrase.start, phrase.end)));
    let drawn = h.state().reader_char_rects(phrase.clone());
    assert_eq!(drawn.len(), 1, "one run, one highlight: {drawn:?}");
    assert!(drawn[0].contains(first.center()) && drawn[0].contains(last.center()));

    let quotes = code_and_export(&mut h, &picker, dir.path(), "rtl mouse passage");
    let coding = state(&h).project.codings().last().unwrap().clone();
    assert_eq!((coding.start, coding.end), (phrase.start, phrase.end), "the coding is the selection");
    assert_eq!(quotes, ["مدیر این شعبه هستم"]);
}

#[test]
fn a_drag_across_an_english_word_inside_persian_selects_the_logical_text_between() {
    let (dir, picker, mut h) = open_sample();
    // "سامانه‌ی CRM": the Persian word on the right, then (to its left) the English acronym.
    let phrase = find(&h, "سامانه\u{200c}ی CRM");
    let first = char_rect(&h, phrase.start);
    let c = char_rect(&h, phrase.end - 3);
    let m = char_rect(&h, phrase.end - 1);
    assert!(c.center().x < m.center().x, "CRM reads left to right");
    assert!(m.center().x < first.center().x, "and sits to the left of the Persian word before it");
    drag(&mut h, first.center(), m.center());
    assert_eq!(state(&h).selected_range(), Some((phrase.start, phrase.end)));
    let quotes = code_and_export(&mut h, &picker, dir.path(), "rtl mixed passage");
    assert_eq!(quotes, ["سامانه\u{200c}ی CRM"]);
}

#[test]
fn shift_and_the_left_arrow_extend_a_persian_selection_forward_and_the_quote_is_exported() {
    let (dir, picker, mut h) = open_sample();
    let phrase = find(&h, "بانک از کجا");
    // A click on the right half of the first letter puts the caret before it (its right edge).
    let first = char_rect(&h, phrase.start);
    let at = Pos2::new(first.right() - 1.0, first.center().y);
    click(&mut h, at);
    assert_eq!(state(&h).selection.map(|s| s.anchor), Some(phrase.start), "the caret is before the phrase");
    // Leftwards on screen is forwards in the text: eleven presses take in the phrase.
    for _ in 0..phrase.len() {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    }
    h.run();
    assert_eq!(state(&h).selected_range(), Some((phrase.start, phrase.end)));
    // One back (to the right) gives the last letter up.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(state(&h).selected_range(), Some((phrase.start, phrase.end - 1)));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let quotes = code_and_export(&mut h, &picker, dir.path(), "rtl keyboard passage");
    assert_eq!(quotes, ["بانک از کجا"]);

    // From a caret at the phrase, Shift+End selects to the end of the turn, Shift+Home from
    // there back to its start (logical ends, whatever the direction on screen).
    let turn = {
        let text = &state(&h).current_document().unwrap().text;
        let byte = text.find("Interviewer: بانک").unwrap();
        let end = text[byte..].find('\n').map_or(text.len(), |b| byte + b);
        text[..byte].chars().count()..text[..end].chars().count()
    };
    let first = char_rect(&h, phrase.start);
    let at = Pos2::new(first.right() - 1.0, first.center().y);
    click(&mut h, at);
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    assert_eq!(state(&h).selected_range(), Some((phrase.start, turn.end)));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Home);
    h.run();
    assert_eq!(state(&h).selected_range(), Some((turn.start, phrase.start)));
}

#[test]
fn a_double_click_selects_a_whole_persian_word_with_its_zero_width_non_joiner() {
    let (_dir, _picker, mut h) = open_sample();
    let word = find(&h, "می\u{200c}کردم");
    let inside = char_rect(&h, word.start + 4).center();
    h.event(Event::PointerMoved(inside));
    h.run_steps(1);
    for _ in 0..2 {
        press(&mut h, inside, true);
        press(&mut h, inside, false);
        h.run_steps(1);
    }
    h.run();
    assert_eq!(state(&h).selected_range(), Some((word.start, word.end)));
}

#[test]
fn a_click_on_coded_persian_text_selects_the_coding_drawn_there() {
    let (_dir, _picker, mut h) = open_sample();
    let s = state(&h);
    // A coding no other coding overlaps, and a char in its middle.
    let codings: Vec<_> = s.project.codings().cloned().collect();
    let alone = codings
        .iter()
        .find(|c| !codings.iter().any(|o| o.id != c.id && o.start < c.end && c.start < o.end))
        .expect("the sample has a coding on its own")
        .clone();
    let middle = char_rect(&h, (alone.start + alone.end) / 2).center();
    click(&mut h, middle);
    assert_eq!(state(&h).selected_coding, Some(alone.id));
    // Its highlight covers exactly the boxes of its chars, on each line it spans.
    let boxes = h.state().reader_char_rects(alone.start..alone.end);
    assert!(boxes.iter().any(|r| r.contains(middle)));
}

#[test]
fn a_persian_memo_is_written_and_edited_by_what_the_screen_shows() {
    use axial_core::model::MemoTarget;
    let (_dir, _picker, mut h) = open_sample();
    let memo_text = |h: &Harness<'_, AxialApp>| {
        state(h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone()).unwrap_or_default()
    };
    h.get_by_label("project").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.key_press(Key::Enter);
    h.event(Event::Text("سلام دنیا".into()));
    h.run();
    assert!(memo_text(&h).ends_with("\nسلام دنیا"), "{:?}", memo_text(&h));
    // Right is backwards in a right-to-left line: four to the right put the caret before "دنیا".
    for _ in 0..4 {
        h.key_press(Key::ArrowRight);
    }
    h.event(Event::Text("خوب ".into()));
    h.run();
    assert!(memo_text(&h).ends_with("\nسلام خوب دنیا"), "{:?}", memo_text(&h));
    // Shift+Left selects forwards; what is typed replaces the selection.
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    }
    h.event(Event::Text("جهان".into()));
    h.run();
    assert!(memo_text(&h).ends_with("\nسلام خوب جهان"), "{:?}", memo_text(&h));
    // Backspace takes the letter before the caret; Left from the paragraph's end stays there.
    h.key_press(Key::Backspace);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert!(memo_text(&h).ends_with("\nسلام خوب جها"), "{:?}", memo_text(&h));
}

/// A transcript in the scripts of the world's interviews (Chinese, Japanese, Korean, Hindi,
/// Bengali, Tamil, Thai, Hebrew, Arabic, Persian, Urdu, with emoji) draws with the machine's
/// fonts: kittest panics on any character no font has (`MissingGlyphPolicy::Panic`), so
/// reaching the end means every one was drawn, in the reader, the document list and a code name.
/// Needs the Noto CJK and Noto core fonts (`scripts/setup.sh` installs them).
#[test]
fn every_script_draws_with_the_system_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("多语言访谈.txt");
    std::fs::write(
        &text,
        "Interviewer: 你们怎样记录客户的意见？\n\nBranch manager: 顧客の声は毎週まとめます。한국 지점도 같은 방식입니다 😀👍\n\n\
         Interviewer: ग्राहक की शिकायतें आप कैसे दर्ज करते हैं?\n\nManager: গ্রাহকের মতামত আমরা লিখে রাখি। வாடிக்கையாளர் கருத்து முக்கியம்.\n\n\
         Interviewer: ลูกค้าบอกอะไรคุณบ้าง\n\nManager: הלקוחות מספרים לנו הכול. العملاء يخبروننا بكل شيء.\n\n\
         Interviewer: مشتری‌ها چه می‌گویند؟\n\nManager: گاہک ہمیں سب کچھ بتاتے ہیں۔\n",
    )
    .unwrap();
    let path = dir.path().join("scripts.axial");
    let mut store = axial_core::store::Store::create(&path).unwrap();
    axial_core::project::import_paths(&mut store, &[text]).unwrap();
    drop(store);
    let mut h = harness_with_system_fonts(path, Picker::default());
    assert!(state(&h).document.is_some(), "the transcript is open in the reader");
    assert!(h.get_all_by_label_contains("多语言访谈").count() >= 1, "its title is listed");
    // A code named in Persian and Hindi, in the code tree.
    let app = h.state_mut().state.as_mut().unwrap();
    app.handle(Intent::Select { anchor: 0, focus: 11 });
    app.handle(Intent::CreateCodeAndApply("شکایت مشتری · ग्राहक".into()));
    h.run();
    assert!(h.get_all_by_label_contains("شکایت مشتری").count() >= 1, "the code is listed");
}
