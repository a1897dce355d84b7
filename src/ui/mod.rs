//! The egui window: draws [`AppState`] and turns clicks, drags and keys into intents. Views
//! hold only view state (filters, caches, buffers); everything else goes through `app`.

mod analysis;
mod backups;
mod bidi_editor;
mod bidi_text;
mod code_tree;
pub mod command;
mod comments;
mod depth;
mod details;
pub mod dialogs;
mod documents;
mod facets;
mod file_browser;
mod files;
mod matrix;
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
use dialogs::{FilePicker, FilePurpose, NativePicker};
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

    fn run_command(&mut self, command: UiCommand, intents: &mut Vec<Intent>) {
        if command.changes_project()
            && let Some(state) = &mut self.state
            && let Some(why) = state.edit_refusal().filter(|_| state.reviewing() || state.store().is_read_only())
        {
            state.error(why);
            return;
        }
        match command {
            UiCommand::NewProject => self.choose_file(FilePurpose::NewProject, intents),
            UiCommand::OpenProject => self.choose_file(FilePurpose::OpenProject, intents),
            UiCommand::ReviewProject => self.choose_file(FilePurpose::ReviewProject, intents),
            UiCommand::ShowComments => self.details.show_comments(),
            UiCommand::MergeCopy => {
                if self.state.is_some() {
                    self.choose_file(FilePurpose::MergeCopy, intents);
                }
            }
            UiCommand::ImportComments => {
                if self.state.is_some() {
                    self.choose_file(FilePurpose::ImportComments, intents);
                }
            }
            UiCommand::SaveCopy => {
                let Some(state) = &self.state else { return };
                let stem = state.project.name().to_owned();
                self.choose_file(FilePurpose::SaveCopy { file_name: format!("{stem} (for review).axial") }, intents);
            }
            UiCommand::CloseProject => self.close(),
            UiCommand::ImportFiles => self.choose_file(FilePurpose::ImportFiles, intents),
            UiCommand::ImportFolder => self.choose_file(FilePurpose::ImportFolder, intents),
            UiCommand::Export(export) => {
                let Some(state) = &self.state else { return };
                let file_name = export.default_file_name(&state.project);
                self.choose_file(FilePurpose::Export { export, file_name }, intents);
            }
            UiCommand::ProjectSettings => self.project_settings.open = self.state.is_some(),
            UiCommand::Backups => self.backups.open = self.state.as_ref().is_some_and(|s| s.sample.is_none()),
            UiCommand::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Shortcuts => self.shortcuts_open = true,
            UiCommand::OpenLog => {
                let path = crate::log_file::path();
                let opened = open_externally(&path);
                if let Some(state) = &mut self.state {
                    state.info(if opened {
                        format!("The log is {} (opened in your viewer).", path.display())
                    } else {
                        format!("The log is {}; attach it to a bug report.", path.display())
                    });
                }
            }
            UiCommand::Palette => self.palette.show(),
            UiCommand::TogglePanels => self.panels_hidden = !self.panels_hidden,
            // Searching happens in the documents panel: it comes back.
            UiCommand::Find if self.panels_hidden => {
                self.panels_hidden = false;
                self.run_command(UiCommand::Find, intents);
            }
            UiCommand::Show(center) => {
                if self.state.is_some() {
                    self.center = center;
                }
            }
            UiCommand::ReadPassages(scope) => {
                self.center = Center::Transcript;
                intents.push(Intent::ReadPassages(scope));
            }
            UiCommand::ShowPassages(scope) => {
                self.center = Center::Passages;
                self.passages.pinned = None;
                match scope {
                    crate::app::Scope::Code(id) => intents.push(Intent::SelectCode(Some(id))),
                    crate::app::Scope::Concept(id) => {
                        intents.push(Intent::SelectGroup(Some(crate::app::Group::Concept(id))))
                    }
                    crate::app::Scope::Category(id) => {
                        intents.push(Intent::SelectGroup(Some(crate::app::Group::Category(id))))
                    }
                    crate::app::Scope::Class(class) => {
                        self.passages.class = Some(class);
                        intents.push(Intent::SelectCode(None));
                        intents.push(Intent::SelectGroup(None));
                    }
                }
            }
            UiCommand::OpenPassage(coding) => {
                self.center = Center::Transcript;
                intents.push(Intent::SelectCoding(Some(coding)));
            }
            UiCommand::OpenMemo(id) => self.open_memo(id, intents),
            UiCommand::ShowDocument(document) => {
                self.center = Center::Transcript;
                intents.push(Intent::OpenDocument(document));
            }
            UiCommand::CopyPassages | UiCommand::ExportPassages(_) => self.passages_out(command, intents),
            UiCommand::Undo => intents.push(Intent::Undo),
            UiCommand::Redo => intents.push(Intent::Redo),
            UiCommand::QuickPick => self.open_quick_pick(false),
            UiCommand::CodeHits(extent) => {
                if self.state.as_ref().is_some_and(|s| !s.search.hits.is_empty()) {
                    self.quick_pick.open_for(false, quick_pick::PickTarget::Hits(extent));
                }
            }
            UiCommand::NewCode => self.open_quick_pick(true),
            UiCommand::InVivo => intents.push(Intent::InVivo),
            UiCommand::NewConcept | UiCommand::NewCategory if self.state.is_some() => {
                self.codes.new_item(command == UiCommand::NewConcept);
            }
            UiCommand::NewConcept | UiCommand::NewCategory => {}
            UiCommand::RemoveCoding => {
                if let Some(c) = self.state.as_ref().and_then(|s| s.selected_coding) {
                    intents.push(Intent::RemoveCoding(c));
                }
            }
            UiCommand::Find => {
                self.documents.tab = documents::Tab::Search;
                self.documents.focus_search = true;
            }
            UiCommand::ApplyRecent(n) => {
                if let Some(code) = self.state.as_ref().and_then(|s| s.recent_codes.get(n - 1)).copied() {
                    intents.push(Intent::ApplyCode(code));
                }
            }
        }
    }

    /// Copies or exports the passages the passages view shows.
    fn passages_out(&mut self, command: UiCommand, intents: &mut Vec<Intent>) {
        let Some(state) = &self.state else { return };
        if command == UiCommand::CopyPassages {
            let passages = self.passages.shown(state, Some(self.wake.clone()));
            self.ctx.copy_text(analysis::passages_as_text(state, &passages));
            return;
        }
        let UiCommand::ExportPassages(format) = command else { return };
        use axial_core::export::{quotes, quotes_file_name, quotes_title};
        let p = &state.project;
        let scopes = self.passages.scopes_read(state);
        // Read here, not from the view's last result: the menu exports them with the view hidden.
        let mut turns = axial_core::analysis::units::TurnIndex::default();
        let passages: Vec<_> = scopes
            .iter()
            .flat_map(|&s| axial_core::analysis::retrieval::filtered(p, s, &self.passages.filter, &mut turns))
            .collect();
        let title = quotes_title(p, &scopes, &self.passages.filter);
        let bytes = quotes(p, &title, &passages, format);
        let file_name = quotes_file_name(p, &scopes, format);
        self.choose_file(FilePurpose::Passages { bytes, file_name }, intents);
    }

    /// Selects what memo `id` is on (a document or passage opens in the transcript) and shows
    /// the memo in the details panel's editor.
    fn open_memo(&mut self, id: axial_core::model::MemoId, intents: &mut Vec<Intent>) {
        use axial_core::model::MemoTarget;
        let Some(target) = self.state.as_ref().and_then(|s| s.project.memo(id)).map(|m| m.target.clone()) else {
            return;
        };
        match target {
            MemoTarget::Project => {}
            MemoTarget::Document(d) => self.run_command(UiCommand::ShowDocument(d), intents),
            MemoTarget::Coding(c) => self.run_command(UiCommand::OpenPassage(c), intents),
            MemoTarget::Code(c) => intents.push(Intent::SelectCode(Some(c))),
            MemoTarget::Concept(c) => intents.push(Intent::SelectGroup(Some(crate::app::Group::Concept(c)))),
            MemoTarget::Category(c) => intents.push(Intent::SelectGroup(Some(crate::app::Group::Category(c)))),
            MemoTarget::Relation(r) => intents.push(Intent::SelectRelation(Some(r))),
        }
        self.details.show_memo(&target, id);
    }

    fn handle_intents(&mut self, intents: Vec<Intent>) {
        if let Some(state) = &mut self.state {
            for intent in intents {
                state.handle(intent);
            }
        }
    }

    fn open_quick_pick(&mut self, new_code: bool) {
        match &mut self.state {
            Some(state) if state.selected_range().is_none() => state.error("select a passage first"),
            Some(_) => self.quick_pick.open(new_code),
            None => {}
        }
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
                    ui.selectable_value(&mut self.center, center, label);
                }
                let (text, hidden) = ("Full width", self.panels_hidden);
                if ui
                    .selectable_label(hidden, RichText::new(text).small())
                    .on_hover_text(format!("{} (Ctrl+B)", UiCommand::TogglePanels.tooltip()))
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
            match &mut self.state {
                None => self.open(&dropped[0]),
                Some(state) if state.reviewing() || state.store().is_read_only() => {
                    let why = state.edit_refusal().unwrap_or_default();
                    state.error(why);
                }
                Some(_) => self.import(dropped),
            }
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
        let mut queue = Commands::default();
        for c in command::pressed(&ctx) {
            // The quick pick owns the keyboard while it is open.
            if (!self.quick_pick.open && !self.palette.open && !self.file_browser.is_open())
                || matches!(c, UiCommand::Undo | UiCommand::Redo)
            {
                queue.push(c);
            }
        }
        if ctx.data_mut(|d| d.remove_temp::<bool>(egui::Id::unique("open-quick-pick"))).unwrap_or(false) {
            queue.push(UiCommand::QuickPick);
        }
        // Escape drops the selection (egui also takes focus away on Escape, so the reader
        // cannot see it itself); in a text field or the quick pick it belongs to them.
        if !self.quick_pick.open && !ctx.text_edit_focused() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            queue.push(Intent::ClearSelection);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut queue));
        self.shortcuts_ui(&ctx);
        self.in_use_ui(&ctx);
        self.palette.ui(&ctx, &mut queue);
        let mut chosen = Vec::new();
        self.file_browser_ui(&ctx, &mut chosen);
        self.handle_intents(chosen);
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
                Some(start::StartChoice::Path(p)) => self.open(&p),
                None => {}
            }
        }
        // The reader has taken this frame's scroll request; commands may make a new one.
        if let Some(state) = &mut self.state {
            state.scroll_to = None;
        }
        for command in queue.take() {
            match command {
                Command::Ui(c) => {
                    let mut follow = Vec::new();
                    self.run_command(c, &mut follow);
                    self.handle_intents(follow);
                }
                Command::App(intent) => self.handle_intents(vec![intent]),
            }
        }
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
