//! The egui window: draws [`AppState`] and turns clicks, drags and keys into intents. Views
//! hold only view state (filters, caches, buffers); everything else goes through `app`.

mod analysis;
mod backups;
mod bidi_editor;
mod bidi_text;
mod code_tree;
pub mod command;
mod command_handling;
mod comments;
mod depth;
mod details;
pub mod dialogs;
mod documents;
mod facets;
mod file_browser;
mod files;
mod matrix;
pub mod menu_bar;
mod menus;
mod opening;
mod palette;
mod paradigm;
mod quick_pick;
mod reader;
mod records;
mod review;
mod settings;
mod start;
mod theme;
mod tree_dialogs;

use crate::app::{AppState, Intent, Job, OpenAs, Wake};
use axial_core::project::ProjectError;
use command::{Command, Commands, UiCommand};
use dialogs::{FilePicker, NativePicker};
use egui::RichText;
use std::path::PathBuf;
use std::sync::Arc;

pub use quick_pick::{Choice, choices};

/// The views the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Center {
    Transcript,
    Paradigm,
    Passages,
    Cube,
    Frequencies,
    Cooccurrence,
    Saturation,
    Memos,
    /// How far two or more coders agree, and where they do not.
    Agreement,
    /// Review comments: every thread, open ones first.
    Comments,
    /// What changed since the reviewer's last review (shown while reviewing).
    Changes,
}

impl Center {
    /// The tabs in order, with their names.
    pub const TABS: [(Center, &'static str); 11] = [
        (Center::Transcript, "Transcript"),
        (Center::Paradigm, "Paradigm model"),
        (Center::Passages, "Passages"),
        (Center::Cube, "Cube"),
        (Center::Frequencies, "Frequencies"),
        (Center::Cooccurrence, "Co-occurrence"),
        (Center::Saturation, "Saturation"),
        (Center::Memos, "Memos"),
        (Center::Agreement, "Agreement"),
        (Center::Comments, "Comments"),
        (Center::Changes, "Changes"),
    ];

    /// Whether this tab is offered for `state` (Changes only while reviewing).
    pub fn offered(self, state: &AppState) -> bool {
        self != Center::Changes || state.review.is_some()
    }
}

/// Preferences kept between runs (eframe storage). The project's data lives only in SQLite.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
}

const SETTINGS_KEY: &str = "axial-settings";
const MAX_RECENT: usize = 10;

pub struct AxialApp {
    pub settings: Settings,
    pub state: Option<AppState>,
    pub start_error: Option<String>,
    picker: Box<dyn FilePicker>,
    file_browser: file_browser::FileBrowser,
    /// The folder the last export or copy was written to, where the next one's dialog starts.
    export_folder: Option<PathBuf>,
    documents: documents::DocumentsPanel,
    codes: code_tree::CodeTree,
    reader: reader::ReaderView,
    paradigm: paradigm::ParadigmView,
    passages: analysis::passages::PassagesView,
    cube: analysis::cube::CubeView,
    frequencies: analysis::frequencies::FrequenciesView,
    cooccurrence: analysis::cooccurrence::CooccurrenceView,
    saturation: analysis::saturation::SaturationView,
    memos: analysis::memos::MemosView,
    agreement: analysis::agreement::AgreementView,
    comments: comments::CommentsView,
    changes: comments::ChangesView,
    /// The project another window edits, waiting for the user to say: review it, open a copy,
    /// or cancel.
    in_use: Option<(PathBuf, axial_core::edit_lock::Holder)>,
    /// Which view the centre shows.
    pub center: Center,
    details: details::DetailsPanel,
    project_settings: settings::SettingsWindow,
    backups: backups::BackupsWindow,
    pub quick_pick: quick_pick::QuickPick,
    samples: Vec<PathBuf>,
    /// The window title last sent (sending one every frame would repaint forever).
    title: String,
    /// A project being opened in the background, its path, and how.
    opening: Option<(Job<AppState, ProjectError>, PathBuf, OpenAs)>,
    wake: Wake,
    /// The window's egui context (the clipboard for copied passages).
    ctx: egui::Context,
    /// Whether the keyboard-shortcuts window is open.
    pub shortcuts_open: bool,
    /// The documents and codes panels are hidden (Ctrl+B): the centre has the whole width.
    pub panels_hidden: bool,
    palette: palette::Palette,
    /// Commands asked for outside the frame's drawing (files dropped onto the window), run with
    /// the frame's own.
    queued: Commands,
}

/// The room the transcript always keeps between the side panels, in points.
pub const CENTRE_MIN_WIDTH: f32 = 440.0;

/// How wide the documents (left) and codes (right) panels may be in a window `width` wide:
/// their maxima shrink with the window so the centre keeps [`CENTRE_MIN_WIDTH`], and a width
/// remembered from a bigger window is clamped to them.
fn side_panel_ranges(width: f32) -> (egui::Rangef, egui::Rangef) {
    let (left_min, right_min) = (160.0, 180.0);
    let spare = (width - CENTRE_MIN_WIDTH).max(left_min + right_min);
    let left_max = (spare * 0.45).clamp(left_min, 520.0);
    let right_max = (spare - left_max).clamp(right_min, 600.0);
    (egui::Rangef::new(left_min, left_max), egui::Rangef::new(right_min, right_max))
}

/// A side panel never grows with its content: text that does not fit is cut with "…" (its full
/// form is a hover or a click away), so a long code name cannot push the transcript aside.
fn keep_to_width(ui: &mut egui::Ui) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    ui.set_max_width(ui.available_width());
}

/// Opens the window: the start screen, or `project` directly (for editing or for review).
pub fn run(project: Option<PathBuf>, how: OpenAs) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Axial")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([820.0, 520.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Axial",
        options,
        Box::new(move |cc| Ok(Box::new(AxialApp::new_as(cc, project, how, Box::new(NativePicker))))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window ({e}); the command line still works: axial --help"))
}

impl AxialApp {
    pub fn new(cc: &eframe::CreationContext<'_>, project: Option<PathBuf>, picker: Box<dyn FilePicker>) -> AxialApp {
        Self::new_as(cc, project, OpenAs::Edit, picker)
    }

    /// As [`AxialApp::new`], opening `project` for editing or for review.
    pub fn new_as(
        cc: &eframe::CreationContext<'_>,
        project: Option<PathBuf>,
        how: OpenAs,
        picker: Box<dyn FilePicker>,
    ) -> AxialApp {
        let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
        // Small text (metadata lines, counts) at a readable size, not egui's 9 px.
        cc.egui_ctx.global_style_mut(|style| {
            style.text_styles.insert(egui::TextStyle::Small, egui::FontId::proportional(11.5));
        });
        let mut app = AxialApp {
            settings,
            state: None,
            start_error: None,
            picker,
            file_browser: Default::default(),
            export_folder: None,
            documents: Default::default(),
            codes: Default::default(),
            reader: Default::default(),
            paradigm: Default::default(),
            passages: Default::default(),
            cube: Default::default(),
            frequencies: Default::default(),
            cooccurrence: Default::default(),
            saturation: Default::default(),
            memos: Default::default(),
            agreement: Default::default(),
            comments: Default::default(),
            changes: Default::default(),
            in_use: None,
            center: Center::Transcript,
            details: Default::default(),
            project_settings: Default::default(),
            backups: Default::default(),
            quick_pick: Default::default(),
            samples: crate::app::samples::bundled_samples(),
            title: String::new(),
            opening: None,
            wake: {
                let ctx = cc.egui_ctx.clone();
                Arc::new(move || ctx.request_repaint())
            },
            ctx: cc.egui_ctx.clone(),
            shortcuts_open: false,
            panels_hidden: false,
            palette: Default::default(),
            queued: Default::default(),
        };
        if let Some(path) = project {
            app.open_as(&path, how);
        }
        app
    }

    /// The first character in view in the reader (the start of the top paragraph).
    pub fn reader_first_visible(&self) -> Option<usize> {
        self.reader.first_visible
    }

    /// Where the reader drew the document's chars `chars` last frame, on screen: for tests
    /// that point at words as a user would, in either direction.
    pub fn reader_char_rects(&self, chars: std::ops::Range<usize>) -> Vec<egui::Rect> {
        self.reader.char_rects(chars)
    }

    /// The characters of the paragraphs wholly in view in the reader.
    pub fn reader_in_view(&self) -> Option<(usize, usize)> {
        self.reader.in_view
    }

    fn notify_error(&mut self, text: String) {
        match &mut self.state {
            Some(s) => s.error(text),
            None => self.start_error = Some(text),
        }
    }

    /// Imports files: a project JSON at once (it is one small read), transcripts in the
    /// background with progress.
    fn import(&mut self, paths: Vec<PathBuf>) {
        let Some(state) = &mut self.state else { return };
        // Project files (Axial's JSON, other tools' QDPX projects and QDC codebooks) import one
        // by one as a step each; transcripts are read together.
        let (json, transcripts): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| {
            p.extension().is_some_and(|e| ["json", "qdpx", "qdc"].iter().any(|x| e.eq_ignore_ascii_case(x)))
        });
        for path in json {
            state.handle(Intent::ImportProjectJson(path));
        }
        if transcripts.is_empty() {
            return;
        }
        state.start_import(transcripts);
    }

    fn workspace_ui(&mut self, ui: &mut egui::Ui, intents: &mut Commands) {
        let Some(state) = &self.state else { return };
        if !self.center.offered(state) {
            self.center = Center::Transcript;
        }
        egui::Panel::top("toolbar").show(ui, |ui| {
            Self::review_banner_ui(ui, state, intents);
            Self::toolbar_ui(ui, state, intents);
        });
        let (left, right) = side_panel_ranges(ui.available_width());
        if !self.panels_hidden {
            egui::Panel::left("documents").resizable(true).default_size(250.0).size_range(left).show(ui, |ui| {
                keep_to_width(ui);
                self.documents.ui(ui, state, intents);
            });
            egui::Panel::right("codes").resizable(true).default_size(310.0).size_range(right).show(ui, |ui| {
                keep_to_width(ui);
                self.codes.ui(ui, state, intents);
            });
        }
        egui::Panel::bottom("details").resizable(true).default_size(170.0).size_range(90.0..=480.0).show(ui, |ui| {
            self.details.ui(ui, state, intents);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (center, label) in Center::TABS {
                    if !center.offered(state) {
                        continue;
                    }
                    let label = match center {
                        Center::Comments => match state.comments.open_count() {
                            0 => label.to_owned(),
                            n => format!("{label} ({n})"),
                        },
                        Center::Changes => match &state.review {
                            Some(r) if r.last_review.is_some() => format!("{label} ({})", r.changes.len()),
                            _ => label.to_owned(),
                        },
                        _ => label.to_owned(),
                    };
                    if ui.selectable_label(self.center == center, label).clicked() {
                        intents.push(UiCommand::Show(center));
                    }
                }
                let (text, hidden) = ("Full width", self.panels_hidden);
                if ui
                    .selectable_label(hidden, RichText::new(text).small())
                    .on_hover_text(UiCommand::TogglePanels.hover_text(ui.ctx()))
                    .clicked()
                {
                    intents.push(UiCommand::TogglePanels);
                }
            });
            match self.center {
                Center::Transcript => self.reader.ui(ui, state, intents),
                Center::Paradigm => self.paradigm.ui(ui, state, intents),
                Center::Passages => self.passages.ui(ui, state, intents),
                Center::Cube => self.cube.ui(ui, state, intents),
                Center::Frequencies => self.frequencies.ui(ui, state, intents),
                Center::Cooccurrence => self.cooccurrence.ui(ui, state, intents),
                Center::Saturation => self.saturation.ui(ui, state, intents),
                Center::Memos => self.memos.ui(ui, state, intents),
                Center::Agreement => self.agreement.ui(ui, state, intents),
                Center::Comments => self.comments.ui(ui, state, intents),
                Center::Changes => self.changes.ui(ui, state, intents),
            }
        });
        self.quick_pick.ui(ui.ctx(), state, intents);
        self.project_settings.ui(ui.ctx(), state, intents);
        self.backups.ui(ui.ctx(), state, intents);
        Self::notices_ui(ui.ctx(), state, intents);
        Self::duplicates_ui(ui.ctx(), state, intents);
    }
}

impl eframe::App for AxialApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_opening();
        let mut reloaded = false;
        if let Some(state) = &mut self.state {
            state.poll_jobs();
            state.refresh_lock_when_due(std::time::Instant::now());
            if state.retry_unsaved_when_due(std::time::Instant::now()) {
                ctx.request_repaint_after(crate::app::RETRY_EVERY);
            }
            reloaded = state.reload_if_changed_outside();
            // Look again in a second, so a change from a terminal shows without input.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
            if let Some(wait) = state.checkpoint_when_idle(std::time::Instant::now()) {
                ctx.request_repaint_after(wait);
            }
            let wake = ctx.clone();
            state.backup_when_due(std::time::Instant::now(), Some(std::sync::Arc::new(move || wake.request_repaint())));
        }
        if reloaded {
            self.reset_views();
        }
        // Files dropped onto the window: import them, or open a project if none is open.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.queued.push(Command::Drop(dropped));
        }
        let title = match &self.state {
            Some(s) if s.reviewing() => format!("{} — reviewing — Axial", s.project.name()),
            Some(s) => format!("{} — Axial", s.project.name()),
            None => "Axial".to_owned(),
        };
        if title != self.title {
            self.title = title.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut queue = std::mem::take(&mut self.queued);
        for c in command::pressed(&ctx, |c| self.takes_key(c)) {
            queue.push(c);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut queue));
        self.shortcuts_ui(&ctx);
        self.in_use_ui(&ctx, &mut queue);
        self.palette.ui(&ctx, &mut queue);
        self.file_browser_ui(&ctx, &mut queue);
        if self.state.is_some() {
            self.workspace_ui(ui, &mut queue);
        } else {
            let recent: Vec<PathBuf> = self.settings.recent.iter().filter(|p| p.exists()).cloned().collect();
            let choice = egui::CentralPanel::default()
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| start::ui(ui, &recent, &self.samples, self.start_error.as_deref()))
                        .inner
                })
                .inner;
            match choice {
                Some(start::StartChoice::New) => queue.push(UiCommand::NewProject),
                Some(start::StartChoice::Open) => queue.push(UiCommand::OpenProject),
                Some(start::StartChoice::Review) => queue.push(UiCommand::ReviewProject),
                Some(start::StartChoice::Path(p)) => queue.push(Command::Open(p, OpenAs::Edit)),
                None => {}
            }
        }
        // The reader has taken this frame's scroll request; commands may make a new one.
        if let Some(state) = &mut self.state {
            state.scroll_to = None;
        }
        self.run_queue(queue);
        if self.state.as_ref().is_some_and(|s| s.scroll_to.is_some()) {
            ctx.request_repaint();
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Opens `path` with the desktop's own viewer; whether one was started.
fn open_externally(path: &std::path::Path) -> bool {
    if !path.exists() {
        return false;
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let child = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        // Reaped when it exits, so no finished viewer lingers as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(_) => return false,
    }
    true
}
