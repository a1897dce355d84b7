//! UI tests (egui_kittest) of the window around a project: the start screen, new and open (the
//! window's own file browser too), opening and importing in the background (picked, dropped,
//! a project JSON, a file already there, a stray byte), documents moved between cases,
//! backups, a second window on the same file, the panels' room, help and the command palette.

use axial::app::{AppState, Intent};
use axial::ui::AxialApp;
use axial_core::model::MemoTarget;
use egui::{Event, Key, Modifiers, PointerButton, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod ui_common;
use ui_common::{
    Picker, banking, crm, harness, harness_checked, harness_with_system_fonts, press, sample_copy, start_screen, state,
    wait_idle,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn the_start_screen_makes_a_new_project() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let path = dir.path().join("thesis.axial");
    *picker.new_project.lock().unwrap() = Some(path.clone());
    let mut h = start_screen(picker);
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
    let picker = Picker { no_dialog: true, ..Default::default() };
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
fn a_project_opens_in_the_background_and_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = start_screen(Picker::default());
    // Asking to open returns at once: the loading runs beside the window, which is polled for
    // it frame by frame (deterministic: nothing is polled until the next frame).
    h.state_mut().open(&path);
    assert!(h.state().is_opening(), "opening runs in the background");
    assert!(h.state().state.is_none());
    wait_idle(&mut h);
    assert!(!h.state().is_opening());
    assert_eq!(state(&h).project.documents().len(), 12);
}

/// A second window on a file another window edits is told who has it, and opening it for
/// review from that question gives a window that reviews (the first keeps editing).
#[test]
fn a_second_window_is_asked_and_opens_the_project_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let first = AppState::open(&path).unwrap();
    let mut h = harness(path.clone(), Picker::default());
    assert!(h.state().state.is_none(), "not opened for editing");
    h.get_by_label_contains("is open in another window");
    h.get_by_label_contains(&format!("(process {})", std::process::id()));
    h.get_by_label("Open for review").click();
    h.step();
    wait_idle(&mut h);
    assert!(state(&h).reviewing());
    assert!(first.edit_lock().is_some(), "the first window still edits");
}

#[test]
fn importing_a_bad_file_shows_the_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    *picker.import.lock().unwrap() = Some(root().join("tests/fixtures/image_renamed.txt"));
    let mut h = harness(sample_copy(dir.path(), "banking_ckm_crm"), picker);
    let before = state(&h).project.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run_steps(1);
    wait_idle(&mut h);
    h.get_by_label_contains("is a binary file, not text");
    assert_eq!(state(&h).project, before);
    assert_eq!(state(&h).undo_label, None);
}

#[test]
fn dropping_files_on_the_window_imports_them_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    let files = ["utf16le_interview.txt", "windows1252_interview.txt", "branch_manager.docx"];
    for f in files {
        h.input_mut().dropped_files.push(Arc::new(Dropped(root().join("tests/fixtures").join(f))));
    }
    h.run_steps(1);
    wait_idle(&mut h);
    let s = state(&h);
    assert_eq!(s.project.documents().len(), 19);
    assert_eq!(s.undo_label.as_deref(), Some("Import 3 documents"));
    h.get_by_label_contains("Imported 3 documents");
    h.get_by_label("branch_manager  (0)");
}

#[test]
fn dropping_a_project_json_onto_an_empty_project_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(path, Picker::default());
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

/// An empty project with the CRM sample's project JSON dropped on it, still importing.
fn importing_the_crm_sample(dir: &Path) -> (Harness<'static, AxialApp>, PathBuf) {
    let path = dir.join("empty.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(path.clone(), Picker::default());
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

#[test]
fn importing_a_file_already_in_the_project_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    let file = root().join("tests/fixtures/branch_manager.docx");
    let drop = |h: &mut Harness<'_, AxialApp>| {
        h.input_mut().dropped_files.push(Arc::new(Dropped(file.clone())));
        h.run_steps(1);
        wait_idle(h);
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
fn an_imported_file_with_a_stray_byte_says_which_line_was_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stray.txt");
    std::fs::write(&file, b"Interviewer: K\xc3\xb6nnen Sie das sagen?\n\nP01: Ja, nat\xfcrlich.\n").unwrap();
    // The replacement character is drawn with a system font, as in the window.
    let mut h = harness_with_system_fonts(sample_copy(dir.path(), "banking_ckm_crm"), Picker::default());
    h.input_mut().dropped_files.push(Arc::new(Dropped(file)));
    h.run_steps(1);
    wait_idle(&mut h);
    h.get_by_label_contains("Imported with a warning");
    let s = state(&h);
    let doc = s.project.documents().find(|d| d.title == "stray").unwrap();
    assert!(doc.text.contains("Können"), "read as UTF-8, not guessed: {}", doc.text);
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
fn a_backup_made_on_opening_is_restored_from_the_backups_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(path.clone(), Picker::default());
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

/// "Back up now" says what it did: a new copy, or that nothing changed since the last one.
#[test]
fn back_up_now_says_whether_a_copy_was_needed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    drop(axial_core::store::Store::create(&path).unwrap());
    let mut h = harness(path.clone(), Picker::default());
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

/// Long names (a code, a search hit) never widen a side panel: at 1024x700 the transcript keeps
/// its room, frame after frame, and a width remembered from a bigger window is clamped.
#[test]
fn long_names_never_push_the_transcript_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
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
fn ctrl_b_gives_the_centre_the_whole_width_and_search_brings_the_panels_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
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
