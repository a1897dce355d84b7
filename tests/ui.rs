//! UI tests with egui_kittest: the real app, driven by clicks, drags and keys, asserting on
//! what changed in the project and on screen.

use axial::app::{AppState, Intent};
use axial::ui::{AxialApp, dialogs::FilePicker};
use axial_core::model::*;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

mod ui_common;
use ui_common::{state, wait_idle};

/// Answers the file dialogs from a script; a test never opens a real dialog.
#[derive(Clone, Default)]
struct ScriptedPicker {
    transcripts: Arc<Mutex<Vec<Vec<PathBuf>>>>,
    new_project: Arc<Mutex<Option<PathBuf>>>,
    export: Arc<Mutex<Option<PathBuf>>>,
    /// What "open a project" dialogs answer (open, review, a reviewed copy).
    open: Arc<Mutex<Option<PathBuf>>>,
    /// Plays a desktop with no file dialog (no portal, no zenity).
    no_dialog: bool,
}

impl FilePicker for ScriptedPicker {
    fn available(&self) -> bool {
        !self.no_dialog
    }
    fn transcripts(&mut self) -> Vec<PathBuf> {
        self.transcripts.lock().unwrap().pop().unwrap_or_default()
    }
    fn folder(&mut self) -> Option<PathBuf> {
        None
    }
    fn open_project(&mut self) -> Option<PathBuf> {
        self.open.lock().unwrap().take()
    }
    fn new_project(&mut self) -> Option<PathBuf> {
        self.new_project.lock().unwrap().take()
    }
    fn export(&mut self, _file_name: &str) -> Option<PathBuf> {
        self.export.lock().unwrap().take()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A private copy of a sample as a project file, so tests never share a file.
fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.axial"));
    drop(axial_core::project::create_from_sample(&root().join("sample_projects").join(name), &path).unwrap());
    path
}

fn harness(project: Option<PathBuf>, picker: ScriptedPicker) -> Harness<'static, AxialApp> {
    harness_checked(project, picker, true)
}

/// `accessible`: whether every widget must have an accessible name (egui_file's two path fields
/// have none, so the file-browser test alone turns the check off).
fn harness_checked(project: Option<PathBuf>, picker: ScriptedPicker, accessible: bool) -> Harness<'static, AxialApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .with_accessibility_check(accessible)
        .build_eframe(move |cc| AxialApp::new(cc, project, Box::new(picker)));
    wait_idle(&mut h);
    h
}

/// The app as the window runs it, with the machine's fonts behind egui's own (as eframe does):
/// for texts in scripts, or characters, that egui's fonts lack.
fn harness_with_system_fonts(project: PathBuf) -> Harness<'static, AxialApp> {
    let mut h = Harness::builder().with_size(Vec2::new(1360.0, 860.0)).build_eframe(move |cc| {
        cc.egui_ctx.add_font_provider(Arc::new(egui_system_font_provider::SystemFontProvider::new()));
        AxialApp::new(cc, Some(project), Box::new(ScriptedPicker::default()))
    });
    wait_idle(&mut h);
    h
}

fn count_of(h: &Harness<'_, AxialApp>, code: &str) -> usize {
    let s = state(h);
    let id = s.project.codes().find(|c| c.name == code).unwrap().id;
    s.code_count(id)
}

/// Presses, moves in steps and releases the primary button: a real drag.
fn drag(h: &mut Harness<'_, AxialApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.run_steps(1);
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.event(Event::PointerMoved(from + (to - from) * t));
        h.run_steps(1);
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    // A drop may open or close a tree branch, which animates for a few frames.
    h.run_steps(12);
}

/// Selects text by dragging across the first lines of the transcript.
fn select_by_mouse(h: &mut Harness<'_, AxialApp>) -> (usize, usize) {
    let rect = h.get_by_label("Transcript text").rect();
    let from = pos2(rect.left() + 90.0, rect.top() + 12.0);
    let to = pos2(rect.left() + 330.0, rect.top() + 12.0);
    drag(h, from, to);
    state(h).selected_range().expect("dragging over the text selects it")
}

#[test]
fn opens_a_sample_with_documents_codes_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
    h.get_by_label("Interview B  (24)");
    h.get_by_label("Agents advise callers on products and repairs (6)");
    h.get_by_label_contains("Operational CRM (52)");
    assert_eq!(state(&h).project.documents().len(), 12);
    assert_eq!(state(&h).undo_label, None, "a fresh copy of a sample starts with nothing to undo");
}

#[test]
fn select_then_quick_pick_codes_the_passage_and_undo_redo_take_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
fn search_then_code_all_hits_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

#[derive(Debug)]
struct Dropped(PathBuf);
impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn wait_for_import(h: &mut Harness<'_, AxialApp>) {
    wait_idle(h);
}

#[test]
fn importing_a_bad_file_shows_the_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let picker = ScriptedPicker::default();
    picker.transcripts.lock().unwrap().push(vec![root().join("tests/fixtures/image_renamed.txt")]);
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), picker);
    let before = state(&h).project.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(1);
    wait_for_import(&mut h);
    h.get_by_label_contains("is a binary file, not text");
    assert_eq!(state(&h).project, before);
    assert_eq!(state(&h).undo_label, None);
}

#[test]
fn dropping_files_on_the_window_imports_them_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    let files = ["utf16le_interview.txt", "windows1252_interview.txt", "branch_manager.docx"];
    for f in files {
        h.input_mut().dropped_files.push(Arc::new(Dropped(root().join("tests/fixtures").join(f))));
    }
    h.run_steps(1);
    wait_for_import(&mut h);
    let s = state(&h);
    assert_eq!(s.project.documents().len(), 19);
    assert_eq!(s.undo_label.as_deref(), Some("Import 3 documents"));
    h.get_by_label_contains("Imported 3 documents");
    h.get_by_label("branch_manager  (0)");
}

#[test]
fn the_start_screen_makes_a_new_project() {
    let dir = tempfile::tempdir().unwrap();
    let picker = ScriptedPicker::default();
    let path = dir.path().join("thesis.axial");
    *picker.new_project.lock().unwrap() = Some(path.clone());
    let mut h = harness(None, picker);
    h.get_by_label("Sample projects");
    h.get_by_label("New project…").click();
    h.step();
    wait_idle(&mut h);
    assert!(path.exists());
    assert_eq!(state(&h).project.name(), "thesis");
    h.get_by_label_contains("No documents yet");
}

/// Replaces the text of the focused-by-value text field with `text` and leaves it with Enter.
fn retype(h: &mut Harness<'_, AxialApp>, value: &str, text: &str) {
    fn field<'h>(h: &'h Harness<'_, AxialApp>, value: &str) -> egui_kittest::Node<'h> {
        let found = h.get_all_by_role(egui::accesskit::Role::TextInput).find(|n| n.value().as_deref() == Some(value));
        found.unwrap_or_else(|| panic!("no text field holds {value:?}"))
    }
    field(h, value).focus();
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(h, value).type_text(text);
    h.step();
    h.key_press(Key::Enter);
    h.step();
    h.step();
    wait_idle(h);
}

#[test]
fn without_a_desktop_dialog_the_window_offers_its_own_file_browser() {
    let dir = tempfile::tempdir().unwrap();
    let picker = ScriptedPicker { no_dialog: true, ..Default::default() };
    let mut h = harness_checked(None, picker, false);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label_contains("New project — type a path or pick one");
    // The folder is typed into the browser's path field, the name into its file field.
    let start = std::env::current_dir().unwrap();
    retype(&mut h, start.to_str().unwrap(), dir.path().to_str().unwrap());
    // Enter in the file field saves, as in a desktop dialog.
    retype(&mut h, "project.axial", "thesis");
    wait_idle(&mut h);
    assert!(dir.path().join("thesis.axial").exists(), "the project was made where the user typed");
    assert_eq!(state(&h).project.name(), "thesis");

    // Open goes through the same browser: a typed project path opens it.
    let other = sample_copy(dir.path(), "banking_ckm_crm");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("Open project — type a path");
    retype(&mut h, dir.path().to_str().unwrap(), other.to_str().unwrap());
    wait_idle(&mut h);
    assert_eq!(state(&h).path.as_deref(), Some(other.as_path()));
}

#[test]
fn a_memo_typed_in_the_details_panel_is_saved_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    let mut h = harness(Some(path.clone()), ScriptedPicker::default());
    h.get_by_label("project").click();
    h.run();
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run();
    let existing = state(&h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone()).unwrap_or_default();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Text(" Saturation reached.".into()));
    h.run();
    let saved = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let text = &saved.memos_on(&MemoTarget::Project).next().unwrap().text;
    assert!(text.ends_with("Saturation reached."), "{text}");
    assert!(text.len() > existing.len());
}

#[test]
fn dropping_a_project_json_onto_an_empty_project_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(Some(path), ScriptedPicker::default());
    h.get_by_label_contains("No documents yet");
    let json = root().join("sample_projects/crm_knowledge_creation/project.json");
    h.input_mut().dropped_files.push(Arc::new(Dropped(json)));
    h.step();
    assert!(state(&h).jobs.project_json.is_some(), "the import runs in the background");
    wait_idle(&mut h);
    let s = state(&h);
    assert_eq!(s.project.documents().len(), 12);
    assert_eq!(s.project.codings().len(), 193);
    h.get_by_label_contains("Imported the project file with 12 documents");
    h.get_by_label("Interview B  (24)");
}

#[test]
fn opening_a_search_hit_scrolls_the_reader_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
fn undo_while_typing_a_memo_shows_the_undone_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
    h.get_by_label("project").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.event(Event::Text("abc".into()));
    h.run();
    let memo =
        |h: &Harness<'_, AxialApp>| state(h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone());
    let typed = memo(&h).unwrap();
    assert!(typed.ends_with("abc"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let undone = memo(&h).unwrap_or_default();
    assert!(!undone.ends_with("abc"), "the burst of typing is undone: {undone:?}");
    // The editor now shows the undone text, so the next key does not bring "abc" back.
    h.event(Event::Text("d".into()));
    h.run();
    let after = memo(&h).unwrap();
    assert_eq!(after, format!("{undone}d"));
}

#[test]
fn a_memo_open_in_one_project_never_lands_in_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let banking = sample_copy(dir.path(), "banking_ckm_crm");
    let crm = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = harness(Some(banking), ScriptedPicker::default());
    h.get_by_label("project").click();
    h.run();
    let banking_memo = state(&h).project.memos_on(&MemoTarget::Project).next().unwrap().text.clone();
    h.state_mut().open(&crm);
    wait_idle(&mut h);
    let crm_memo = state(&h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone()).unwrap_or_default();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.event(Event::Text("!".into()));
    h.run();
    let now = state(&h).project.memos_on(&MemoTarget::Project).next().unwrap().text.clone();
    assert_ne!(now, format!("{banking_memo}!"), "the banking memo must not be written into the CRM project");
    assert!(now.starts_with(&crm_memo) || now == "!", "{now:?}");
}

#[test]
fn keyboard_selection_extends_from_a_click_by_characters_words_and_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
fn a_project_opens_in_the_background_and_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = harness(None, ScriptedPicker::default());
    // Asking to open returns at once: the loading runs beside the window, which is polled for
    // it frame by frame (deterministic: nothing is polled until the next frame).
    h.state_mut().open(&path);
    assert!(h.state().is_opening(), "opening runs in the background");
    assert!(h.state().state.is_none());
    wait_idle(&mut h);
    assert!(!h.state().is_opening());
    assert_eq!(state(&h).project.documents().len(), 12);
}

/// Every export of the Export menu (its submenus) writes the bytes `axial export` writes.
#[test]
fn exporting_from_the_window_writes_what_the_command_line_writes() {
    use axial_core::export::{CubeTable, Export};
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    let picker = ScriptedPicker::default();
    let mut h = harness(Some(path.clone()), picker.clone());
    let p = path.to_str().unwrap();
    let cli = |format: &'static str| vec!["export", p, "--format", format, "-o"];
    let mut tested = 0;
    for export in Export::ALL {
        let args: Vec<&str> = match export {
            Export::CategoryModel => cli("json"),
            Export::ProjectJson => cli("project-json"),
            Export::DiagramSvg => cli("svg"),
            Export::DiagramPng => cli("png"),
            Export::DiagramPdf => cli("pdf"),
            Export::MatrixSvg => cli("matrix-svg"),
            Export::MatrixPng => cli("matrix-png"),
            Export::MatrixPdf => cli("matrix-pdf"),
            Export::SaturationSvg => cli("saturation-svg"),
            Export::SaturationPng => cli("saturation-png"),
            Export::ModelCsv => cli("model-csv"),
            Export::ModelMarkdown => cli("model-md"),
            Export::ModelDocx => cli("model-docx"),
            Export::CubeCsv(CubeTable::Six) => vec!["export", p, "--format", "cube-csv", "-o"],
            Export::CubeCsv(CubeTable::Seven) => vec!["export", p, "--format", "cube-csv", "--table", "7", "-o"],
            Export::CubeCsv(CubeTable::Eight) => vec!["export", p, "--format", "cube-csv", "--table", "8", "-o"],
            Export::CubeMarkdown => cli("cube-md"),
            Export::CubeDocx => cli("cube-docx"),
            Export::FrequenciesCsv => cli("frequencies-csv"),
            Export::FrequenciesMarkdown => cli("frequencies-md"),
            Export::FrequenciesDocx => cli("frequencies-docx"),
            Export::CooccurrenceCsv => cli("cooccurrence-csv"),
            Export::CooccurrenceMarkdown => cli("cooccurrence-md"),
            Export::CooccurrenceDocx => cli("cooccurrence-docx"),
            Export::SaturationCsv => cli("saturation-csv"),
            Export::SaturationMarkdown => cli("saturation-md"),
            Export::SaturationDocx => cli("saturation-docx"),
            Export::CodingsCsv => cli("codings-csv"),
            Export::Html => cli("html"),
            Export::Qdc => cli("qdc"),
            // Stamped with the time it was written (tests/ui_exchange.rs reads it back).
            Export::Qdpx => continue,
        };
        let out = dir.path().join(Export::default_file_name(export, &state(&h).project));
        *picker.export.lock().unwrap() = Some(out.clone());
        h.get_by_label("Project").click();
        h.run();
        h.get_by_label("Export").click();
        h.run();
        h.get_by_label(export.group().label()).click();
        h.run();
        h.get_by_label(export.menu_label()).click();
        h.step();
        wait_idle(&mut h);
        let from_window = std::fs::read(&out).expect("the export was written");
        let cli_out = dir.path().join(format!("cli-{}", out.file_name().unwrap().to_string_lossy()));
        let mut args = args;
        args.push(cli_out.to_str().unwrap());
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_axial")).args(&args).output().unwrap();
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        let from_cli = std::fs::read(&cli_out).unwrap();
        assert!(from_window == from_cli, "{export:?}: the window and the command line write the same bytes");
        assert!(state(&h).notices.last().unwrap().text.starts_with("Exported the"), "the window says so");
        tested += 1;
    }
    assert_eq!(tested, Export::ALL.len() - 1);
}

/// An empty project with the CRM sample's project JSON dropped on it, still importing.
fn importing_the_crm_sample(dir: &Path) -> (Harness<'static, AxialApp>, PathBuf) {
    let path = dir.join("empty.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(Some(path.clone()), ScriptedPicker::default());
    let json = root().join("sample_projects/crm_knowledge_creation/project.json");
    h.input_mut().dropped_files.push(Arc::new(Dropped(json)));
    h.step();
    assert!(state(&h).writing_in_background(), "the import runs in the background");
    (h, path)
}

#[test]
fn edits_made_while_a_project_imports_in_the_background_are_kept_and_saved_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = importing_the_crm_sample(dir.path());
    let app = h.state_mut().state.as_mut().unwrap();
    app.handle(Intent::SetMemo { target: MemoTarget::Project, text: "Written while importing".into() });
    // What depends on the selection or on the history now is refused, not replayed later.
    for intent in [Intent::Undo, Intent::InVivo] {
        app.handle(intent);
        assert!(app.notices.last().unwrap().text.contains("still being written"));
    }
    wait_idle(&mut h);
    let s = state(&h);
    assert_eq!(s.project.documents().len(), 12, "the import landed");
    assert_eq!(s.project.memos_on(&MemoTarget::Project).next().unwrap().text, "Written while importing");
    drop(h);
    let reopened = axial_core::store::Store::open(&path).unwrap().load().unwrap();
    assert_eq!(reopened.memos_on(&MemoTarget::Project).next().unwrap().text, "Written while importing");
    assert_eq!(reopened.codings().len(), 193);
}

#[test]
fn closing_a_project_while_it_imports_keeps_the_edits_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = importing_the_crm_sample(dir.path());
    h.state_mut().state.as_mut().unwrap().handle(Intent::SetMemo { target: MemoTarget::Project, text: "Kept".into() });
    h.get_by_label("Project").click();
    h.run_steps(2);
    h.get_by_label("Close project").click();
    h.run_steps(2);
    assert!(h.state().state.is_none());
    let reopened = axial_core::store::Store::open(&path).unwrap().load().unwrap();
    assert_eq!(reopened.memos_on(&MemoTarget::Project).next().unwrap().text, "Kept");
    assert_eq!(reopened.documents().len(), 12);
}

fn press(h: &mut Harness<'_, AxialApp>, pos: Pos2, button: PointerButton) {
    h.event(Event::PointerMoved(pos));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(Event::PointerButton { pos, button, pressed, modifiers: Modifiers::NONE });
        h.run_steps(1);
    }
    h.run();
}

fn concept_of(h: &Harness<'_, AxialApp>, code: &str) -> Option<String> {
    let p = &state(h).project;
    p.code_named(code).and_then(|c| c.concept).and_then(|k| p.concept(k)).map(|k| k.name.clone())
}

#[test]
fn dragging_a_code_onto_a_concept_regroups_it_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

fn paradigm_tab(h: &mut Harness<'_, AxialApp>) {
    h.get_by_label("Paradigm model").click();
    h.run();
}

#[test]
fn in_the_paradigm_view_a_card_dragged_into_a_box_is_placed_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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
    let picker = ScriptedPicker::default();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), picker.clone());
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
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
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
    let mut h = harness(Some(sample_copy(dir2.path(), "crm_knowledge_creation")), ScriptedPicker::default());
    paradigm_tab(&mut h);
    h.get_by_label("category not placed: Analytical CRM").click();
    h.run();
    h.get_by_label("Category: Analytical CRM");
}

#[test]
fn a_new_concept_from_the_keyboard_lands_in_the_selected_category() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

fn dimension_keys(h: &Harness<'_, AxialApp>) -> Vec<String> {
    state(h).project.framework().dimensions.iter().map(|d| d.key.clone()).collect()
}

#[test]
fn project_settings_rename_reorder_add_and_remove_the_cube_vocabulary_and_relation_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

#[test]
fn a_category_card_leads_to_its_passages_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

#[test]
fn a_code_is_split_by_the_codings_in_the_selected_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

fn tab(h: &mut Harness<'_, AxialApp>, name: &str) {
    h.get_by_label(name).click();
    h.run();
}

fn banking(dir: &Path) -> Harness<'static, AxialApp> {
    harness(Some(sample_copy(dir, "banking_ckm_crm")), ScriptedPicker::default())
}

#[test]
fn passages_of_the_selected_category_filter_by_case_and_open_in_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label_contains("Customer satisfaction (").click();
    h.run();
    tab(&mut h, "Passages");
    h.get_by_label("Passages of the category \u{201c}Customer satisfaction\u{201d}");
    h.get_by_label("17 passages");
    // Only the bank staff's interviews.
    let staff = {
        let p = &state(&h).project;
        let case = p.cases().find(|c| c.name == "Bank staff").unwrap().id;
        let cat = p.categories().find(|c| c.name == "Customer satisfaction").unwrap().id;
        axial_core::analysis::retrieval::passages(p, axial::app::Scope::Category(cat))
            .into_iter()
            .filter(|id| p.document(p.coding(*id).unwrap().document).unwrap().case == Some(case))
            .count()
    };
    assert!(staff > 0 && staff < 17);
    h.get_by_label("Case:").click();
    h.run();
    h.get_by_label("Bank staff").click();
    h.run();
    h.get_by_label(&format!("{staff} passages"));
    // A passage opens in the transcript, selected.
    let first = h.get_all_by_label_contains("Passage: ").next().unwrap().rect().center();
    press(&mut h, first, PointerButton::Primary);
    assert_eq!(h.state().center, axial::ui::Center::Transcript);
    let s = state(&h);
    let coding = s.selected_coding.expect("the passage's coding is selected");
    assert_eq!(s.document, s.project.coding(coding).map(|c| c.document));
}

#[test]
fn pinning_one_code_reads_it_beside_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label_contains("Customer satisfaction (").click();
    h.run();
    tab(&mut h, "Passages");
    h.get_by_label("Pin to compare").click();
    h.run();
    h.get_by_label_contains("Manpower supply (").click();
    h.run();
    h.get_by_label("Comparing the category \u{201c}Customer satisfaction\u{201d}");
    h.get_by_label("category \u{201c}Manpower supply\u{201d}");
    h.get_by_label("35 passages");
}

/// The category in the frequency table's first row (the table is left of the code tree).
fn first_row(h: &Harness<'_, AxialApp>) -> String {
    let names: Vec<String> = state(h).project.categories().map(|c| c.name.clone()).collect();
    let tree_left = h.get_by_label("+ Concept").rect().left();
    names
        .into_iter()
        .filter_map(|n| {
            let top = h
                .query_all_by_label(&n)
                .filter(|x| x.rect().right() < tree_left)
                .map(|x| x.rect().top())
                .reduce(f32::min)?;
            Some((top, n))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("rows in view")
        .1
}

#[test]
fn the_frequency_table_sorts_by_references_when_its_header_is_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Frequencies");
    tab(&mut h, "Categories");
    assert_eq!(first_row(&h), "Rapid response of the bank to the external environment", "tree order first");
    h.get_by_label_contains("References").click();
    h.run();
    assert_eq!(first_row(&h), "Determining the management framework", "the most referenced (26) first");
    h.get_by_label_contains("References").click();
    h.run();
    let p = &state(&h).project;
    let fewest = p.categories().map(|c| p.tallies().category(c.id).references).min().unwrap();
    let first = first_row(&h);
    let id = p.categories().find(|c| c.name == first).unwrap().id;
    assert_eq!(p.tallies().category(id).references, fewest, "a second click reverses the order");
}

#[test]
fn a_cooccurrence_cell_lists_the_passages_where_both_occur() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Co-occurrence");
    let cell = h
        .get_all_by_label_contains("Cell: ")
        .find(|n| !n.accesskit_node().label().unwrap_or_default().ends_with(": 0"))
        .expect("two categories share a turn");
    let label = cell.accesskit_node().label().unwrap_or_default();
    let at = cell.rect().center();
    press(&mut h, at, PointerButton::Primary);
    let pair = label.trim_start_matches("Cell: ");
    let (a, rest) = pair.split_once(" with ").unwrap();
    let b = rest.rsplit_once(": ").unwrap().0;
    h.get_by_label(&format!("Where \u{201c}{a}\u{201d} and \u{201c}{b}\u{201d} occur together"));
    assert!(h.get_all_by_label_contains("Passage: ").count() >= 2, "a passage of each");
}

#[test]
fn saturation_says_after_which_interview_no_new_category_came() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Saturation");
    h.get_by_label_contains("No new category after interview 4 of 16");
    h.get_by_label_contains("A claim of saturation can rest on categories (none new in the last 12)");
    h.get_by_label_contains("Interviews in the order of their date attribute.");
    h.get_by_label("New relations");
    // The second interview by date (P03) opens from its row.
    h.get_by_label("Interview P03").click();
    h.run();
    assert_eq!(h.state().center, axial::ui::Center::Transcript);
    let s = state(&h);
    assert_eq!(s.current_document().map(|d| d.title.as_str()), Some("Interview P03"));
}

fn crm(dir: &Path) -> Harness<'static, AxialApp> {
    harness(Some(sample_copy(dir, "crm_knowledge_creation")), ScriptedPicker::default())
}

#[test]
fn a_cube_cell_lists_the_passages_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    tab(&mut h, "Cube");
    h.get_by_label("Cell : 193");
    h.get_by_label("Cell crm=analytical, seci=combination, knowledge=about: 31").click();
    h.run();
    h.get_by_label("31 passages behind Analytical \u{b7} Combination \u{b7} Knowledge about");
    assert_eq!(h.get_all_by_label_contains("Passage: ").count(), 31);
    // A margin of Table 7.
    tab(&mut h, "Table 7");
    h.get_by_label("Cell crm=collaborative, seci=externalization: 47").click();
    h.run();
    h.get_by_label("47 passages behind Collaborative \u{b7} Externalization");
    let first = h.get_all_by_label_contains("Passage: ").next().unwrap().rect().center();
    press(&mut h, first, PointerButton::Primary);
    assert_eq!(h.state().center, axial::ui::Center::Transcript, "a passage opens in the transcript");
}

#[test]
fn slicing_the_cube_by_case_and_changing_the_unit_change_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    tab(&mut h, "Cube");
    let electronics = {
        let p = &state(&h).project;
        let case = p.cases().find(|c| c.name == "Electronics organisation").unwrap().id;
        p.codings().filter(|c| p.document(c.document).unwrap().case == Some(case)).count()
    };
    h.get_by_label("Slice:").click();
    h.run();
    h.get_by_label("case: Electronics organisation").click();
    h.run();
    h.get_by_label(&format!("Cell : {electronics}"));
    // Side by side with another organisation.
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("Second slice:").click();
    h.run();
    h.get_by_label("case: Health organisation").click();
    h.run();
    h.get_by_label("Health organisation");
    assert_eq!(h.get_all_by_label_contains("Cell : ").count(), 2, "two cubes side by side");
    // Each document once per code: fewer references than passages.
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("Count").click();
    h.run();
    h.get_by_label("each document once per code").click();
    h.run();
    let total: usize = h
        .get_by_label_contains("Cell : ")
        .accesskit_node()
        .label()
        .unwrap()
        .trim_start_matches("Cell : ")
        .parse()
        .unwrap();
    assert!(total < electronics, "{total} < {electronics}");
}

/// At 1024x700 the two cubes never overlap and no cell is cut off at the side: beside each
/// other when they fit (full width), else one above the other.
#[test]
fn comparing_two_cubes_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.set_size(Vec2::new(1024.0, 700.0));
    tab(&mut h, "Cube");
    h.get_by_label("Compare with").click();
    h.run();
    for (full_width, table) in [
        (false, "Table 6"),
        (false, "Table 8 heat map"),
        (true, "Table 6"),
        (true, "Table 7"),
        (true, "Table 8 heat map"),
    ] {
        if full_width && !h.state().panels_hidden {
            h.get_by_label("Full width").click();
        }
        tab(&mut h, table);
        h.run();
        let (mut left, mut right) = (Vec::new(), Vec::new());
        // Cells name their place; both tables hold the same cells, the first drawn first.
        let cells: Vec<egui::Rect> = h.get_all_by_label_contains("Cell ").map(|n| n.rect()).collect();
        assert!(cells.len() >= 2 && cells.len().is_multiple_of(2), "{table}: {} cells", cells.len());
        for (i, r) in cells.iter().enumerate() {
            if i < cells.len() / 2 { left.push(*r) } else { right.push(*r) }
        }
        let bounds = |rs: &[egui::Rect]| rs.iter().fold(egui::Rect::NOTHING, |a, r| a.union(*r));
        let (a, b) = (bounds(&left), bounds(&right));
        assert!(!a.intersects(b), "{table} (full width {full_width}): the tables overlap: {a:?} {b:?}");
        let side_by_side = b.min.x > a.max.x;
        assert_eq!(side_by_side, full_width, "{table}: beside each other only when there is room");
        for r in &cells {
            assert!(r.max.x <= 1024.0, "{table}: a cell is cut off at the side: {r:?}");
        }
    }
}

#[test]
fn f1_lists_the_keyboard_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().shortcuts_open);
    h.get_by_label("Project settings");
    h.get_by_label("Previous / next passage while reading passages one by one");
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("Everything is saved as you work");
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

#[test]
fn the_command_palette_finds_a_view_by_a_few_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Show Cube");
    h.event(Event::Text("cube".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().center, axial::ui::Center::Cube);
    h.get_by_label("Cell : 193");
}

#[test]
fn a_document_moves_to_a_new_case_and_is_renamed_from_its_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let before = state(&h).project.clone();
    let row = h.get_by_label_contains("Interview B  (").rect().center();
    press(&mut h, row, PointerButton::Secondary);
    h.get_by_label("Move to case").click();
    h.run();
    h.get_by_label("New case…").click();
    h.run();
    h.get_by_label("Name").type_text("Retail pilot");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let p = &state(&h).project;
    let doc = p.documents().find(|d| d.title == "Interview B").unwrap();
    assert_eq!(doc.case.and_then(|c| p.case(c)).map(|c| c.name.as_str()), Some("Retail pilot"));
    // Rename it from the same menu.
    let row = h.get_by_label_contains("Interview B  (").rect().center();
    press(&mut h, row, PointerButton::Secondary);
    h.get_by_label("Rename…").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("Interview B (pilot)".into()));
    h.key_press(Key::Enter);
    h.run();
    assert!(state(&h).project.documents().any(|d| d.title == "Interview B (pilot)"));
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(*state(&h).project, *before, "two gestures, two undos");
}

#[test]
fn importing_a_file_already_in_the_project_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    let file = root().join("tests/fixtures/branch_manager.docx");
    let drop = |h: &mut Harness<'_, AxialApp>| {
        h.input_mut().dropped_files.push(Arc::new(Dropped(file.clone())));
        h.run_steps(1);
        wait_for_import(h);
    };
    drop(&mut h);
    assert_eq!(state(&h).project.documents().len(), 17);
    // Again: nothing is added until the user answers.
    drop(&mut h);
    h.get_by_label("This file is already in the project");
    assert_eq!(state(&h).project.documents().len(), 17);
    h.get_by_label("Skip").click();
    h.run();
    assert_eq!(state(&h).project.documents().len(), 17);
    h.get_by_label_contains("Skipped 1 file");
    drop(&mut h);
    h.get_by_label("Import again as a copy").click();
    h.run();
    assert!(state(&h).project.documents().any(|d| d.title == "branch_manager (2)"));
}

#[test]
fn every_memo_on_an_item_can_be_added_opened_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label("project").click();
    h.run();
    let before = state(&h).project.clone();
    let texts = |h: &Harness<'_, AxialApp>| -> Vec<String> {
        state(h).project.memos_on(&MemoTarget::Project).map(|m| m.text.clone()).collect()
    };
    let start = texts(&h);
    assert!(start.len() >= 2, "the banking sample has several project memos");
    // Each is listed (by title, else its first words) and opens in the editor.
    let second = state(&h).project.memos_on(&MemoTarget::Project).nth(1).unwrap().clone();
    let chip = if second.title.trim().is_empty() {
        format!("{}\u{2026}", second.text.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
    } else {
        second.title.clone()
    };
    h.get_by_label(&chip).click();
    h.run();
    assert_eq!(h.get_by_role(egui::accesskit::Role::MultilineTextInput).value().unwrap(), start[1]);
    // Another memo, typed into.
    h.get_by_label("+ Memo").click();
    h.run();
    h.run();
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run();
    h.event(Event::Text("Second thoughts on sampling.".into()));
    h.run();
    let now = texts(&h);
    assert_eq!(now.len(), start.len() + 1);
    assert_eq!(now.last().map(String::as_str), Some("Second thoughts on sampling."));
    assert_eq!(now[..start.len()], start[..], "the others are untouched");
    // Delete it, then undo everything.
    h.get_by_label("Delete memo").click();
    h.run();
    assert_eq!(texts(&h), start);
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(*state(&h).project, *before);
}

/// Coding never reflows the document: a coding that opens new stripe lanes (three codings on
/// one passage) leaves the text where it was, its height and every line unchanged.
#[test]
fn adding_codings_that_open_new_lanes_never_reflows_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
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
    let mut h = harness_with_system_fonts(path);
    assert!(state(&h).document.is_some(), "the transcript is open in the reader");
    assert!(h.get_all_by_label_contains("多语言访谈").count() >= 1, "its title is listed");
    // A code named in Persian and Hindi, in the code tree.
    let app = h.state_mut().state.as_mut().unwrap();
    app.handle(Intent::Select { anchor: 0, focus: 11 });
    app.handle(Intent::CreateCodeAndApply("شکایت مشتری · ग्राहक".into()));
    h.run();
    assert!(h.get_all_by_label_contains("شکایت مشتری").count() >= 1, "the code is listed");
}

/// Long names (a code, a search hit) never widen a side panel: at 1024x700 the transcript keeps
/// its room, frame after frame, and a width remembered from a bigger window is clamped.
#[test]
fn long_names_never_push_the_transcript_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    let long = "customers describe at great length how the branch handled their complaint ".repeat(3);
    let doc = state(&h).project.documents().next().unwrap().id;
    let app = h.state_mut().state.as_mut().unwrap();
    app.handle(Intent::OpenDocument(doc));
    app.handle(Intent::Select { anchor: 0, focus: 30 });
    app.handle(Intent::CreateCodeAndApply(long.clone()));
    h.set_size(Vec2::new(1024.0, 700.0));
    h.run();
    // The search tab lists hits and the code-all-hits picker, both with the long name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("complaint".into()));
    h.run();
    h.get_by_label("Run search").click();
    h.run();
    wait_idle(&mut h);
    h.get_by_label("Code all hits…").click();
    h.run();
    for _ in 0..3 {
        h.run();
        let centre = h.get_by_label("Transcript").rect();
        let codes = h.get_by_label("Codes").rect();
        assert!(
            codes.left() - centre.left() >= 440.0,
            "the transcript kept only {} px at 1024 wide",
            codes.left() - centre.left()
        );
    }
}

#[test]
fn search_hits_widened_to_their_sentences_get_a_new_code_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "crm_knowledge_creation")), ScriptedPicker::default());
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

#[test]
fn the_memo_browser_finds_a_memo_and_opens_its_item_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    h.get_by_label("Memos").click();
    h.run();
    h.get_by_label_contains("27 of 27 memos");
    // The search field sits right of its "Find" label.
    let at = h.get_by_role_and_label(egui::accesskit::Role::Label, "Find").rect().right_center() + Vec2::new(60.0, 0.0);
    press(&mut h, at, PointerButton::Primary);
    h.event(Event::Text("word of mouth".into()));
    h.run();
    h.get_by_label_contains("1 of 27 memos");
    h.get_by_label("Being known").click();
    h.run();
    assert_eq!(
        h.get_all_by_label_contains("on category “Customer satisfaction”").count(),
        2,
        "in the list and over the text"
    );
    h.get_by_label("Open its item").click();
    h.run();
    let s = state(&h);
    let category = s.project.categories().find(|c| c.name == "Customer satisfaction").unwrap().id;
    assert_eq!(s.selected_group, Some(axial::app::Group::Category(category)), "its item is selected");
    // The details panel now edits that memo.
    let editor = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    assert!(editor.value().unwrap_or_default().contains("word of mouth"), "{:?}", editor.value());
}

#[test]
fn ctrl_b_gives_the_centre_the_whole_width_and_search_brings_the_panels_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    h.set_size(Vec2::new(1024.0, 700.0));
    h.run();
    h.get_by_label("Cube").click();
    h.run();
    let before = h.get_by_label("Transcript").rect().left();
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert!(h.query_by_label("Codes").is_none(), "the codes panel is hidden");
    assert!(h.get_by_label("Transcript").rect().left() < before - 100.0, "the centre starts at the window's edge");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Codes");
    h.get_by_label("Run search");
}

#[test]
fn a_backup_made_on_opening_is_restored_from_the_backups_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(Some(path.clone()), ScriptedPicker::default());
    // The copy made on opening, in the background.
    for _ in 0..500 {
        if state(&h).backing_up() || axial_core::backups::list(&path).is_empty() {
            h.step();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    assert_eq!(axial_core::backups::list(&path).len(), 1, "one backup on opening");
    h.state_mut()
        .state
        .as_mut()
        .unwrap()
        .handle(Intent::SetMemo { target: MemoTarget::Project, text: "Later thoughts".into() });
    h.run();
    assert_eq!(state(&h).project.memos().len(), 1);
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Backups…").click();
    h.run();
    h.get_by_label("Restore…").click();
    h.run();
    h.get_by_label("Restore this backup").click();
    h.run_steps(1);
    // The copying runs beside the window: the window keeps drawing, then shows the result.
    wait_idle(&mut h);
    assert_eq!(state(&h).project.memos().len(), 0, "the project is as it was when opened");
    h.get_by_label_contains("restore that one to undo this");
    let kept = axial_core::backups::list(&path);
    assert!(kept.iter().any(|b| b.before_restore), "the state before the restore is kept: {kept:?}");
    // Undo the restore: restore the copy made before it.
    let before = kept.iter().find(|b| b.before_restore).unwrap().path.clone();
    h.state_mut().state.as_mut().unwrap().handle(Intent::RestoreBackup(before));
    assert!(state(&h).restoring());
    wait_idle(&mut h);
    assert_eq!(state(&h).project.memos().len(), 1, "restoring the copy made before undoes the restore");
}

/// While another program holds the write lock (a long import from a terminal), a memo being
/// typed is kept, marked "not saved yet", survives the other program's change being reloaded,
/// and is saved as soon as the lock is free.
#[test]
fn a_memo_typed_while_another_program_writes_is_kept_and_saved_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = harness(Some(path.clone()), ScriptedPicker::default());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.get_by_label("document").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Text("Trust comes first".into()));
    h.run();
    h.get_by_label("Not saved yet");
    // The other program's write lands: the window reloads, the typed text stays.
    other.execute_batch("UPDATE project SET name = 'renamed elsewhere'; COMMIT").unwrap();
    for _ in 0..100 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        if !state(&h).not_saved_yet() {
            break;
        }
    }
    h.run();
    assert!(!state(&h).not_saved_yet(), "saved once the lock was free");
    assert!(h.query_by_label("Not saved yet").is_none());
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    assert!(memo.value().unwrap_or_default().ends_with("Trust comes first"), "the text typed is still there");
    let saved = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let doc = state(&h).document.unwrap();
    let text = saved.memos_on(&MemoTarget::Document(doc)).next().map(|m| m.text.clone()).unwrap_or_default();
    assert!(text.ends_with("Trust comes first"), "{text}");
    assert_eq!(saved.name(), "renamed elsewhere", "and the other program's change is kept too");
}

#[test]
fn an_imported_file_with_a_stray_byte_says_which_line_was_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stray.txt");
    std::fs::write(&file, b"Interviewer: K\xc3\xb6nnen Sie das sagen?\n\nP01: Ja, nat\xfcrlich.\n").unwrap();
    // The replacement character is drawn with a system font, as in the window.
    let mut h = harness_with_system_fonts(sample_copy(dir.path(), "banking_ckm_crm"));
    h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
    h.run_steps(1);
    wait_for_import(&mut h);
    h.get_by_label_contains("Imported with a warning");
    let s = state(&h);
    let doc = s.project.documents().find(|d| d.title == "stray").unwrap();
    assert!(doc.text.contains("Können"), "read as UTF-8, not guessed: {}", doc.text);
}

/// A long memo scrolls inside the details panel: the transcript keeps its height.
#[test]
fn a_long_memo_does_not_push_the_transcript_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(sample_copy(dir.path(), "banking_ckm_crm")), ScriptedPicker::default());
    h.set_size(Vec2::new(1024.0, 700.0));
    h.run();
    // The details panel's top edge (where the transcript ends) is where "Memo on" starts.
    let before = h.get_by_label("Memo on").rect().top();
    let doc = state(&h).document.expect("a document is open");
    let text = "A long memo line that goes on about the phenomenon.\n".repeat(60);
    h.state_mut().state.as_mut().unwrap().handle(Intent::SetMemo { target: MemoTarget::Document(doc), text });
    h.run();
    let after = h.get_by_label("Memo on").rect().top();
    assert!((before - after).abs() < 2.0, "the details panel's top moved from {before} to {after}");
}

/// "Back up now" says what it did: a new copy, or that nothing changed since the last one.
#[test]
fn back_up_now_says_whether_a_copy_was_needed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(Some(path.clone()), ScriptedPicker::default());
    assert_eq!(axial_core::backups::list(&path).len(), 1, "one backup on opening");
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Backups…").click();
    h.run();
    // Stepped, not run: the backup starts a frame later and its spinner repaints meanwhile.
    h.get_by_label("Back up now").click();
    step_until(&mut h, |h| h.query_by_label_contains("Nothing changed since the backup of").is_some());
    assert_eq!(axial_core::backups::list(&path).len(), 1);
    h.state_mut()
        .state
        .as_mut()
        .unwrap()
        .handle(Intent::SetMemo { target: MemoTarget::Project, text: "New thoughts".into() });
    h.get_by_label("Back up now").click();
    step_until(&mut h, |h| h.query_by_label_contains("Backed up to").is_some());
    assert_eq!(axial_core::backups::list(&path).len(), 2);
}

/// Steps the app (without waiting for it to settle) until `done`, or fails after a while.
fn step_until(h: &mut Harness<'_, AxialApp>, done: impl Fn(&Harness<'_, AxialApp>) -> bool) {
    for _ in 0..1000 {
        h.step();
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("what the test waited for did not happen");
}

/// A supervisor opens the student's project for review: every control that would change the
/// project is disabled (and says why), Ctrl+Z reaches none of the student's steps, and the one
/// thing they can write, a comment, is saved in the file.
#[test]
fn review_mode_disables_every_edit_control_ctrl_z_is_harmless_and_a_comment_is_saved() {
    use axial::app::{OpenAs, REVIEW_REFUSAL, TreeEdit};
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    {
        // The student's last step, which a reviewer's Ctrl+Z must not undo.
        let mut student = AppState::open(&path).unwrap();
        student.handle(Intent::EditTree(TreeEdit::NewCategory { name: "Student's last step".into(), class: None }));
        assert!(student.notices.is_empty(), "{:?}", student.notices);
    }
    let read = || axial_core::store::Store::open_read_only(&path).unwrap();
    let (model_before, history_before) = (read().load().unwrap(), read().history().unwrap());
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .build_eframe(move |cc| AxialApp::new_as(cc, Some(p), OpenAs::Review, Box::new(ScriptedPicker::default())));
    wait_idle(&mut h);
    assert!(state(&h).reviewing());
    h.get_by_label_contains("Reviewing");

    // Ctrl+Z and Ctrl+Shift+Z: refused, said why, nothing undone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(read().history().unwrap(), history_before, "the student's history is untouched");
    assert_eq!(read().load().unwrap(), model_before);
    assert!(state(&h).notices.iter().any(|n| n.text == REVIEW_REFUSAL), "{:?}", state(&h).notices);

    let disabled = |h: &Harness<'_, AxialApp>, label: &str| {
        let node = h.get_by_label(label);
        assert!(node.accesskit_node().is_disabled(), "{label} is disabled while reviewing");
    };
    for label in ["Undo", "Redo", "+ Concept", "+ Category", "Code selection…", "In-vivo"] {
        disabled(&h, label);
    }
    // A reviewer starts on the changes since their last review (the first time: none).
    h.get_by_label_contains("Your first review");
    h.get_by_label("Transcript").click();
    h.run();
    // A selected passage: still no coding from it.
    select_by_mouse(&mut h);
    disabled(&h, "Code selection…");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(!h.state().quick_pick.open, "Ctrl+K opens no code picker");
    // A coding: its code, boundaries and removal are disabled; Delete removes nothing.
    let coding = state(&h).project.codings().next().unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(coding)));
    h.run();
    disabled(&h, "Fit to selection");
    disabled(&h, "Remove coding");
    h.key_press(Key::Delete);
    h.run();
    assert!(state(&h).project.coding(coding).is_some());
    // A code: its definition is text to read, its facets are disabled.
    let code = state(&h).project.codes().next().unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCode(Some(code)));
    h.run();
    for combo in h.query_all_by_role(Role::ComboBox) {
        assert!(combo.accesskit_node().is_disabled(), "{:?} is disabled", combo.accesskit_node().label());
    }
    // No text field edits the project: the only ones left search, filter, or write comments.
    // With the memo pane shown too (a reviewer starts on the comments pane).
    let no_editor = |h: &Harness<'_, AxialApp>| {
        for input in h.query_all_by_role(Role::TextInput).chain(h.query_all_by_role(Role::MultilineTextInput)) {
            let hint = format!("{:?} {:?}", input.accesskit_node().label(), input.accesskit_node().placeholder());
            let allowed = ["Filter codes", "Filter documents", "Search all documents", "Write a comment", "Reply"];
            assert!(
                input.accesskit_node().is_disabled() || allowed.iter().any(|a| hint.contains(a)),
                "an editable text field while reviewing: {hint}"
            );
        }
    };
    no_editor(&h);
    h.get_by_label("Memo").click();
    h.run();
    no_editor(&h);
    for label in ["+ Memo", "Delete memo"] {
        if let Some(node) = h.query_by_label(label) {
            assert!(node.accesskit_node().is_disabled(), "{label}");
        }
    }
    assert_eq!(read().load().unwrap(), model_before, "nothing the reviewer did changed the project");

    // The comment: typed in the details panel, on the selected code, saved in the file.
    // The tab strip says "Comments" too; the details panel's is the lower one.
    let pane = h.get_all_by_label("Comments").max_by(|a, b| a.rect().top().total_cmp(&b.rect().top())).unwrap().rect();
    h.event(Event::PointerMoved(pane.center()));
    press(&mut h, pane.center(), PointerButton::Primary);
    let box_ = h
        .get_all_by_role(Role::MultilineTextInput)
        .find(|n| n.accesskit_node().placeholder().is_some_and(|p| p.contains("Write a comment")));
    box_.expect("a comment box").focus();
    h.run();
    h.event(Event::Text("Is this code distinct from its neighbour?".into()));
    h.run();
    h.get_by_label("Comment").click();
    h.run();
    let saved = read().comments().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].text, "Is this code distinct from its neighbour?");
    assert_eq!(saved[0].target, Some(CommentTarget::Code(code)));
    assert_eq!(read().history().unwrap(), history_before, "a comment is no undo step");
}

/// A second window on a file another window edits is told who has it, and opening it for
/// review from that question gives a window that reviews (the first keeps editing).
#[test]
fn a_second_window_is_asked_and_opens_the_project_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let first = AppState::open(&path).unwrap();
    let mut h = harness_checked(Some(path.clone()), ScriptedPicker::default(), true);
    assert!(h.state().state.is_none(), "not opened for editing");
    h.get_by_label_contains("is open in another window");
    h.get_by_label_contains(&format!("(process {})", std::process::id()));
    h.get_by_label("Open for review").click();
    h.step();
    wait_idle(&mut h);
    assert!(state(&h).reviewing());
    assert!(first.edit_lock().is_some(), "the first window still edits");
}

/// The author brings a reviewed copy's comments home from the Comments tab.
#[test]
fn the_author_brings_a_reviewed_copy_s_comments_home_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let copy = dir.path().join("reviewed.axial");
    axial_core::store::backup::copy_project(&path, &copy).unwrap();
    {
        let mut sup = axial_core::store::Store::open_for_review(&copy).unwrap();
        sup.set_user("supervisor");
        let target = CommentTarget::Code(sup.load().unwrap().codes().next().unwrap().id);
        let uid = new_uid();
        sup.comment(&CommentAction::Write { uid, target, text: "Where is this in interview C?".into() }).unwrap();
    }
    let picker = ScriptedPicker::default();
    *picker.open.lock().unwrap() = Some(copy);
    let mut h = harness(Some(path.clone()), picker);
    // The tab (the details panel's pane has the same name, lower down).
    let tab = h.get_all_by_label("Comments").min_by(|a, b| a.rect().top().total_cmp(&b.rect().top())).unwrap().rect();
    press(&mut h, tab.center(), PointerButton::Primary);
    h.get_by_label_contains("No open comments");
    h.get_by_label("Bring in comments from a reviewed copy…").click();
    h.step();
    wait_idle(&mut h);
    assert_eq!(state(&h).comments.open_count(), 1);
    h.get_by_label("Where is this in interview C?");
    assert!(state(&h).notices.iter().any(|n| n.text.contains("1 new thread")), "{:?}", state(&h).notices);
    assert_eq!(axial_core::store::Store::open_read_only(&path).unwrap().comments().unwrap().len(), 1, "in the file");
}

/// A project file at `path` made from whole-project JSON, opened in a window on the
/// Agreement tab.
fn agreement_tab(path: &Path, json: &serde_json::Value) -> Harness<'static, AxialApp> {
    let file = path.with_extension("json");
    std::fs::write(&file, json.to_string()).unwrap();
    let mut store = axial_core::store::Store::create(path).unwrap();
    axial_core::project::import_project_json(&mut store, &file).unwrap();
    drop(store);
    let mut h = harness(Some(path.to_path_buf()), ScriptedPicker::default());
    h.get_by_label("Agreement").click();
    h.run();
    h
}

/// The Agreement tab: two coders' figures as worked by hand; a disagreement talked through,
/// read in the transcript and settled (one undo step), the figures following.
#[test]
fn the_agreement_tab_shows_both_coders_figures_and_opens_a_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let text = "x".repeat(100);
    let coding = |code: &str, coder: &str, start: usize, end: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": end, "created": "t"});
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "two coders",
        "documents": [{"title": "Interview 1", "text": text}],
        "codes": [{"name": "C1"}, {"name": "C2"}],
        "codings": [coding("C1", "A", 0, 30), coding("C1", "B", 10, 40), coding("C2", "A", 50, 60)],
    });
    let mut h = agreement_tab(&path, &json);
    h.get_by_label("Cohen's kappa");
    h.get_by_label("0.483");
    h.get_by_label_contains("1 of 1 documents are compared");
    h.get_by_label("Interview 1 · C1 · B only (10 characters)").click();
    h.run();
    h.get_by_label_contains("Talking it through: Interview 1, \u{201c}C1\u{201d}, characters 30");
    h.get_by_label("A did not code it");
    // Keep A's on [30,40) (A did not code it): B's coding of C1 is cut back to [10,30); the
    // characters they agreed on stay agreed.
    h.get_by_label("Keep A's").click();
    h.run();
    let c1 = state(&h).project.code_named("C1").unwrap().id;
    let b_c1: Vec<(usize, usize)> =
        state(&h).project.codings().filter(|c| c.coder == "B" && c.code == c1).map(|c| (c.start, c.end)).collect();
    assert_eq!(b_c1, [(10, 30)]);
    assert!(h.query_by_label("0.483").is_none(), "the figures followed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("0.483");
    // Read a disagreement in the transcript, selected.
    h.get_by_label("Interview 1 · C1 · B only (10 characters)").click();
    h.run();
    h.get_by_label("Read it in the transcript").click();
    h.run();
    assert_eq!(state(&h).selected_range(), Some((30, 40)));
    h.get_by_label("Transcript text");
}

/// A concept whose codes carry values is a scale: the Agreement tab gives its interval alpha.
#[test]
fn the_agreement_tab_gives_a_scale_s_interval_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.axial");
    let coding = |code: &str, coder: &str, start: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": start + 10, "created": "t"});
    let mut codings = Vec::new();
    for (unit, (a, b)) in [("1 low", "1 low"), ("2", "3 high"), ("3 high", "3 high"), ("1 low", "2")].iter().enumerate()
    {
        codings.push(coding(a, "A", unit * 20));
        codings.push(coding(b, "B", unit * 20));
    }
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "ratings",
        "documents": [{"title": "Interview 1", "text": "x".repeat(100)}],
        "concepts": [{"name": "Intensity"}],
        "codes": [{"name": "1 low", "concept": "Intensity"}, {"name": "2", "concept": "Intensity"}, {"name": "3 high", "concept": "Intensity"}],
        "codings": codings,
    });
    let h = agreement_tab(&path, &json);
    h.get_by_label_contains("Scale \u{201c}Intensity\u{201d} (3 codes, values 1 to 3)");
    h.get_by_label_contains("alpha interval 0.708 (nominal 0.333)");
}

/// Two disagreements on one stretch, one per code: the one clicked is the one talked through
/// and settled; the other stays open.
#[test]
fn two_disagreements_on_one_stretch_are_talked_through_one_code_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let coding = |code: &str, coder: &str, start: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": start + 10, "created": "t"});
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "two coders",
        "documents": [{"title": "Interview 1", "text": "x".repeat(100)}],
        "codes": [{"name": "C1"}, {"name": "C2"}],
        // Both coded [80,90) alike, so the interview stays compared whatever is settled.
        "codings": [coding("C1", "B", 30), coding("C2", "A", 30), coding("C1", "A", 80), coding("C1", "B", 80)],
    });
    let mut h = agreement_tab(&path, &json);
    h.get_by_label("Interview 1 · C2 · A only (10 characters)").click();
    h.run();
    h.get_by_label_contains("Talking it through: Interview 1, \u{201c}C2\u{201d}, characters 30");
    h.get_by_label("Keep B's").click();
    h.run();
    let p = &state(&h).project;
    let left: Vec<(&str, &str)> =
        p.codings().map(|c| (c.coder.as_str(), p.code(c.code).unwrap().name.as_str())).collect();
    assert_eq!(left, [("B", "C1"), ("A", "C1"), ("B", "C1")], "A's C2 is gone; B's C1, another disagreement, is not");
    assert!(h.query_by_label_contains("Talking it through").is_none(), "settled, it closes");
    h.get_by_label("Interview 1 · C1 · B only (10 characters)");
}

/// With two coders, the transcript shows one coder, the other, or both apart (a stripe group
/// each, with a legend).
#[test]
fn the_transcript_shows_one_coder_or_two_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_axial"))
        .args(["synth", path.to_str().unwrap(), "--size", "tiny"])
        .output()
        .unwrap();
    assert!(r.status.success());
    let mut h = harness(Some(path), ScriptedPicker::default());
    let doc = state(&h).document.unwrap();
    let by = |who: &str| state(&h).project.codings_in(doc).filter(|c| c.coder == who).count();
    let (a, b) = (by("coder-a"), by("coder-b"));
    assert!(a > 0 && b > 0);
    h.get_by_label_contains(&format!("{} codings", a + b));
    h.get_by_label("Coders").click();
    h.run();
    h.get_by_label("coder-a only").click();
    h.run();
    h.get_by_label_contains(&format!("{a} codings"));
    h.get_by_label("Coders").click();
    h.run();
    h.get_by_label("coder-a | coder-b apart").click();
    h.run();
    h.get_by_label(&format!("left stripes: coder-a ({a})"));
    h.get_by_label(&format!("right stripes: coder-b ({b})"));
}

/// Project > Merge a coder's copy: the copy's codings arrive with their coder, in the
/// background, as one undo step.
#[test]
fn merging_a_coders_copy_from_the_window_brings_their_codings() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let copy = dir.path().join("sam.axial");
    axial_core::store::backup::copy_project(&path, &copy).unwrap();
    {
        let mut sam = axial_core::store::Store::open(&copy).unwrap();
        let p = sam.load().unwrap();
        let (doc, code) = (p.documents().next().unwrap().id, p.codes().next().unwrap().id);
        let id = sam.ids().unwrap().coding();
        sam.apply(&Action::CreateCoding {
            id,
            document: doc,
            code,
            start: 0,
            end: 30,
            coder: "sam".into(),
            created: "t".into(),
        })
        .unwrap();
    }
    let picker = ScriptedPicker::default();
    *picker.open.lock().unwrap() = Some(copy);
    let mut h = harness(Some(path), picker);
    let before = state(&h).project.codings().count();
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Merge a coder's copy…").click();
    h.step();
    wait_idle(&mut h);
    assert_eq!(state(&h).project.codings().count(), before + 1);
    assert!(state(&h).project.codings().any(|c| c.coder == "sam"));
    assert!(state(&h).notices.iter().any(|n| n.text.starts_with("Merged sam.axial: added")), "{:?}", state(&h).notices);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.codings().count(), before, "one undo step");
}
