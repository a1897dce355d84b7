//! Helpers shared by the UI test files (egui_kittest): a scripted file picker, a sample's
//! private copy, the harness, waiting for background work, clicking through menus, real
//! pointer gestures (a press, a drag, a selection by mouse) and reaching the open project's
//! state.
#![allow(dead_code)]

use axial::app::AppState;
use axial::ui::{AxialApp, dialogs::FilePicker};
use egui::{Event, Modifiers, PointerButton, Pos2, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Steps the app until no background work (opening, imports, checks) is left, then settles.
pub fn wait_idle(h: &mut Harness<'_, AxialApp>) {
    for _ in 0..2000 {
        // The backup made on opening counts too: its spinner repaints every frame, so a
        // `run()` while it lasts (long on a loaded machine) would never settle.
        let busy = h.state().is_opening() || h.state().state.as_ref().is_some_and(|s| s.jobs.any() || s.backing_up());
        if !busy {
            h.run();
            return;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

pub fn state<'a>(h: &'a Harness<'_, AxialApp>) -> &'a AppState {
    h.state().state.as_ref().expect("a project is open")
}

/// Answers the file dialogs from a script; a test never opens a real dialog.
#[derive(Clone, Default)]
pub struct Picker {
    /// What the import dialog answers (one file).
    pub import: Arc<Mutex<Option<PathBuf>>>,
    pub new_project: Arc<Mutex<Option<PathBuf>>>,
    /// What "open a project" dialogs answer (open, review, a reviewed copy, a coder's copy).
    pub open: Arc<Mutex<Option<PathBuf>>>,
    pub export: Arc<Mutex<Option<PathBuf>>>,
    /// The folder each export dialog was asked to start in.
    pub folders: Arc<Mutex<Vec<Option<PathBuf>>>>,
    /// The file names the export dialogs suggested.
    pub suggested: Arc<Mutex<Vec<String>>>,
    /// Plays a desktop with no file dialog (no portal, no zenity).
    pub no_dialog: bool,
}

impl FilePicker for Picker {
    fn available(&self) -> bool {
        !self.no_dialog
    }
    fn transcripts(&mut self) -> Vec<PathBuf> {
        self.import.lock().unwrap().take().into_iter().collect()
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
    fn export(&mut self, file_name: &str) -> Option<PathBuf> {
        self.suggested.lock().unwrap().push(file_name.to_owned());
        self.export.lock().unwrap().take()
    }
    fn export_in(&mut self, file_name: &str, folder: Option<&Path>) -> Option<PathBuf> {
        self.folders.lock().unwrap().push(folder.map(Path::to_path_buf));
        self.export(file_name)
    }
}

pub fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.axial"));
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects").join(name);
    drop(axial_core::project::create_from_sample(&folder, &path).unwrap());
    path
}

pub fn harness(project: PathBuf, picker: Picker) -> Harness<'static, AxialApp> {
    harness_checked(Some(project), picker, true)
}

/// The window on its start screen, no project open.
pub fn start_screen(picker: Picker) -> Harness<'static, AxialApp> {
    harness_checked(None, picker, true)
}

/// `accessible`: whether every widget must have an accessible name (egui_file's two path fields
/// have none, so the file-browser test alone turns the check off).
pub fn harness_checked(project: Option<PathBuf>, picker: Picker, accessible: bool) -> Harness<'static, AxialApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .with_accessibility_check(accessible)
        .build_eframe(move |cc| AxialApp::new(cc, project, Box::new(picker)));
    wait_idle(&mut h);
    h
}

/// The CRM sample (Khodakarami & Chan's twelve interviews), in a private copy, open.
pub fn crm(dir: &Path) -> Harness<'static, AxialApp> {
    harness(sample_copy(dir, "crm_knowledge_creation"), Picker::default())
}

/// The banking sample (sixteen interviews, every category placed), in a private copy, open.
pub fn banking(dir: &Path) -> Harness<'static, AxialApp> {
    harness(sample_copy(dir, "banking_ckm_crm"), Picker::default())
}

/// As [`harness`], with the machine's fonts behind egui's own (as eframe does in the window):
/// for transcripts in scripts egui's fonts lack (Persian, Arabic, Hindi...).
pub fn harness_with_system_fonts(project: PathBuf, picker: Picker) -> Harness<'static, AxialApp> {
    // Frames 1/30 s apart, not kittest's quarter second: two clicks then count as a double click.
    let mut h =
        Harness::builder().with_size(Vec2::new(1360.0, 860.0)).with_step_dt(1.0 / 30.0).build_eframe(move |cc| {
            cc.egui_ctx.add_font_provider(Arc::new(egui_system_font_provider::SystemFontProvider::new()));
            AxialApp::new(cc, Some(project), Box::new(picker))
        });
    wait_idle(&mut h);
    h
}

/// Steps the app (background work included) until `done` holds of its state.
pub fn wait_for(h: &mut Harness<'_, AxialApp>, done: impl Fn(&axial::app::AppState) -> bool) {
    for _ in 0..4000 {
        if h.state().state.as_ref().is_some_and(&done) {
            wait_idle(h);
            return;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the window never got there: {:?}", h.state().state.as_ref().map(|s| &s.notices));
}

pub fn menu(h: &mut Harness<'_, AxialApp>, path: &[&str]) {
    for item in path {
        h.get_by_label(item).click();
        // Steps, not `run`: a notice fading out keeps the window repainting.
        h.run_steps(3);
    }
}

/// How many codings the code named `code` has.
pub fn count_of(h: &Harness<'_, AxialApp>, code: &str) -> usize {
    let s = state(h);
    let id = s.project.codes().find(|c| c.name == code).unwrap().id;
    s.code_count(id)
}

/// Moves to `pos`, then presses and releases `button` there: a click, a frame at a time.
pub fn press(h: &mut Harness<'_, AxialApp>, pos: Pos2, button: PointerButton) {
    h.event(Event::PointerMoved(pos));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(Event::PointerButton { pos, button, pressed, modifiers: Modifiers::NONE });
        h.run_steps(1);
    }
    h.run();
}

/// Presses, moves in steps and releases the primary button: a real drag.
pub fn drag(h: &mut Harness<'_, AxialApp>, from: Pos2, to: Pos2) {
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
pub fn select_by_mouse(h: &mut Harness<'_, AxialApp>) -> (usize, usize) {
    let rect = h.get_by_label("Transcript text").rect();
    let from = pos2(rect.left() + 90.0, rect.top() + 12.0);
    let to = pos2(rect.left() + 330.0, rect.top() + 12.0);
    drag(h, from, to);
    state(h).selected_range().expect("dragging over the text selects it")
}
