//! The window's chrome: the menu bar, the toolbar (undo, redo, recent codes, background
//! work), the notices, the duplicate-import question and the keyboard-shortcuts window.

use super::command::{Commands, UiCommand};
use super::menu_bar::{self, Entry};
use super::{AxialApp, Center, theme};
use crate::app::{AppState, Intent};
use axial_core::export::{Export, Group, QuotesFormat};
use egui::RichText;

/// What the menus may offer now: which commands are enabled, and why one is not.
struct Gate {
    has_project: bool,
    /// Why the open project may not be changed here (reviewing, read-only), if so.
    refusal: Option<&'static str>,
    can_edit: bool,
    has_selection: bool,
    has_coding: bool,
    can_undo: bool,
    can_redo: bool,
    reviewing: bool,
    can_comment: bool,
    /// The project is the user's own file (not a sample's working copy).
    own_file: bool,
    /// The Passages view reads an item, whose quotes can be exported.
    reading: bool,
}

impl Gate {
    fn new(app: &AxialApp) -> Gate {
        let state = app.state.as_ref();
        let refusal = state.and_then(|s| s.edit_refusal());
        let can_edit = state.is_some() && refusal.is_none();
        Gate {
            has_project: state.is_some(),
            refusal,
            can_edit,
            has_selection: can_edit && state.is_some_and(|s| s.selected_range().is_some()),
            has_coding: can_edit && state.is_some_and(|s| s.selected_coding.is_some()),
            can_undo: can_edit && state.is_some_and(|s| s.undo_label.is_some()),
            can_redo: can_edit && state.is_some_and(|s| s.redo_label.is_some()),
            reviewing: state.is_some_and(|s| s.reviewing()),
            can_comment: state.is_some_and(|s| s.can_comment()),
            own_file: can_edit && state.is_some_and(|s| s.sample.is_none()),
            reading: state.is_some_and(|s| !app.passages.scopes_read(s).is_empty()),
        }
    }

    /// Whether `c` is enabled in the menus, and what a disabled item says on hover.
    fn of(&self, c: UiCommand) -> (bool, Option<&'static str>) {
        let edit = |enabled: bool| (enabled, self.refusal);
        match c {
            UiCommand::ImportFiles
            | UiCommand::ImportFolder
            | UiCommand::MergeCopy
            | UiCommand::ProjectSettings
            | UiCommand::NewConcept
            | UiCommand::NewCategory => edit(self.can_edit),
            UiCommand::ImportComments => {
                let why = if self.reviewing {
                    Some("Only the project's author brings comments home, into their own file")
                } else {
                    self.refusal
                };
                (self.has_project && !self.reviewing && self.can_comment, why)
            }
            UiCommand::Backups => edit(self.own_file),
            UiCommand::Undo => edit(self.can_undo),
            UiCommand::Redo => edit(self.can_redo),
            UiCommand::QuickPick | UiCommand::NewCode | UiCommand::InVivo => edit(self.has_selection),
            UiCommand::RemoveCoding => edit(self.has_coding),
            UiCommand::ExportPassages(_) => (self.reading, None),
            UiCommand::NewProject
            | UiCommand::OpenProject
            | UiCommand::ReviewProject
            | UiCommand::Quit
            | UiCommand::Palette
            | UiCommand::Shortcuts
            | UiCommand::OpenLog => (true, None),
            _ => (self.has_project, None),
        }
    }
}

impl AxialApp {
    /// The keyboard shortcuts, listed (Help > Keyboard shortcuts, F1), by menu, from the
    /// declarations the menus are drawn from.
    pub(super) fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.shortcuts_open;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_pos([40.0, 64.0])
            .show(ctx, |ui| {
                // Scrolls in a small window (1024x700) rather than running off its bottom.
                let room = (ctx.content_rect().height() - 140.0).max(160.0);
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).num_columns(2).show(ui, |ui| {
                        for section in menu_bar::help_sections(ctx) {
                            ui.label(RichText::new(section.title).strong());
                            ui.end_row();
                            for (keys, what) in section.rows {
                                ui.label(RichText::new(keys).monospace());
                                ui.label(what);
                                ui.end_row();
                            }
                        }
                    });
                });
            });
        self.shortcuts_open = open;
    }

    /// The menu bar, drawn from [`menu_bar::MENU_BAR`]; a running open shows its progress at
    /// the right.
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Commands) {
        let gate = Gate::new(self);
        let opening = self.opening.as_ref().map(|(job, _, _)| (job.label.clone(), job.progress().fraction()));
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in menu_bar::MENU_BAR {
                ui.menu_button(menu.title, |ui| {
                    for entry in menu.entries {
                        self.entry_ui(ui, *entry, &gate, commands);
                    }
                });
            }
            if let Some((label, fraction)) = &opening {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.add(
                        egui::ProgressBar::new(*fraction).desired_width(220.0).text(format!("{label}…")).animate(true),
                    );
                });
            }
        });
    }

    /// One entry of a menu: a command with its declared label, shortcut and tooltip, enabled as
    /// `gate` says; a separator; or a part generated from its own list.
    fn entry_ui(&self, ui: &mut egui::Ui, entry: Entry, gate: &Gate, commands: &mut Commands) {
        match entry {
            Entry::Command(c) => {
                let (enabled, why) = gate.of(c);
                if c.menu_button_why(ui, enabled, why) {
                    commands.push(c);
                }
            }
            Entry::Separator => {
                ui.separator();
            }
            Entry::Exports => {
                ui.add_enabled_ui(gate.has_project, |ui| {
                    ui.menu_button("Export", |ui| Self::exports_ui(ui, gate, commands));
                });
            }
            Entry::Views => {
                for (center, label) in Center::TABS {
                    if self.state.as_ref().is_some_and(|s| !center.offered(s)) {
                        continue;
                    }
                    let button = egui::Button::selectable(self.center == center, label);
                    if ui.add_enabled(gate.has_project, button).clicked() {
                        commands.push(UiCommand::Show(center));
                    }
                }
            }
            Entry::About => {
                ui.label(RichText::new(format!("Axial {}", env!("CARGO_PKG_VERSION"))).weak());
                ui.label(
                    RichText::new("Everything is saved as you work; the .axial file is the whole project.").weak(),
                );
            }
        }
    }

    /// Project > Export: a submenu per group of [`Export::ALL`], the quotes after the tables.
    fn exports_ui(ui: &mut egui::Ui, gate: &Gate, commands: &mut Commands) {
        for group in Group::ALL {
            ui.menu_button(group.label(), |ui| {
                let mut last = None;
                for export in Export::ALL.into_iter().filter(|e| e.group() == group) {
                    // A rule between what the files hold (the model, the cube…).
                    if last.is_some_and(|l| l != export.label()) {
                        ui.separator();
                    }
                    last = Some(export.label());
                    let c = UiCommand::Export(export);
                    if c.menu_button(ui, gate.of(c).0) {
                        commands.push(c);
                    }
                }
            });
            if group == Group::Tables {
                // The item read in the Passages view, filtered as it shows it.
                ui.menu_button("Quotes", |ui| {
                    if !gate.reading {
                        ui.label(egui::RichText::new("Select a code, concept, category or class first").weak());
                    }
                    for format in QuotesFormat::ALL {
                        let c = UiCommand::ExportPassages(format);
                        if c.menu_button(ui, gate.of(c).0) {
                            commands.push(c);
                        }
                    }
                });
            }
        }
    }

    pub(super) fn toolbar_ui(ui: &mut egui::Ui, state: &AppState, intents: &mut Commands) {
        let refusal = state.edit_refusal();
        let why = refusal.unwrap_or("");
        ui.horizontal(|ui| {
            if state.store().is_read_only() {
                ui.label(RichText::new("Read-only").strong().color(ui.visuals().warn_fg_color))
                    .on_hover_text("The file or its folder cannot be written: read, report and export; copy it to edit it");
                ui.separator();
            }
            if state.not_saved_yet() {
                ui.label(RichText::new("Not saved yet").strong().color(ui.visuals().warn_fg_color)).on_hover_text(
                    "Another program is writing the project just now; your changes are kept here and saved as soon as it is done",
                );
                ui.separator();
            }
            let undo_tip = state
                .undo_label
                .as_deref()
                .map(|l| format!("Undo {l} ({})", UiCommand::Undo.keys(ui.ctx())))
                .unwrap_or_else(|| "Nothing to undo".into());
            let undo = ui.add_enabled(refusal.is_none() && state.undo_label.is_some(), egui::Button::new("Undo"));
            let undo = if refusal.is_some() { undo.on_disabled_hover_text(why) } else { undo.on_hover_text(undo_tip) };
            if undo.clicked() {
                intents.push(UiCommand::Undo);
            }
            let redo_tip = state
                .redo_label
                .as_deref()
                .map(|l| format!("Redo {l} ({})", UiCommand::Redo.keys(ui.ctx())))
                .unwrap_or_else(|| "Nothing to redo".into());
            let redo = ui.add_enabled(refusal.is_none() && state.redo_label.is_some(), egui::Button::new("Redo"));
            let redo = if refusal.is_some() { redo.on_disabled_hover_text(why) } else { redo.on_hover_text(redo_tip) };
            if redo.clicked() {
                intents.push(UiCommand::Redo);
            }
            ui.separator();
            let has_selection = refusal.is_none() && state.selected_range().is_some();
            let tip = |t: &'static str| if refusal.is_some() { why } else { t };
            if ui
                .add_enabled(has_selection, egui::Button::new("Code selection…"))
                .on_hover_text(tip(UiCommand::QuickPick.tooltip()))
                .on_disabled_hover_text(tip("Select a passage in the transcript first"))
                .clicked()
            {
                intents.push(UiCommand::QuickPick);
            }
            if ui
                .add_enabled(has_selection, egui::Button::new("In-vivo"))
                .on_hover_text(tip(UiCommand::InVivo.tooltip()))
                .on_disabled_hover_text(tip("Select a passage in the transcript first"))
                .clicked()
            {
                intents.push(UiCommand::InVivo);
            }
            ui.separator();
            if !state.recent_codes.is_empty() {
                ui.label(RichText::new("Recent:").weak());
            }
            for (i, code) in state.recent_codes.iter().enumerate() {
                let Some(c) = state.project.code(*code) else {
                    continue;
                };
                let fill = theme::code_color(&c.color).gamma_multiply(0.35);
                let name: String = c.name.chars().take(22).collect();
                let button = egui::Button::new(format!("{} {}", i + 1, name)).fill(fill).small();
                if ui
                    .add_enabled(has_selection, button)
                    .on_hover_text(format!("Key {}: code the selection with “{}”", i + 1, c.name))
                    .on_disabled_hover_text(if refusal.is_some() { why.to_owned() } else { format!("Select a passage, then key {} codes it with “{}”", i + 1, c.name) })
                    .clicked()
                {
                    intents.push(UiCommand::ApplyRecent(i + 1));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (label, progress) in state.jobs.running() {
                    let (done, total) = progress.get();
                    let text = if total > 1 { format!("{label} {done}/{total}") } else { format!("{label}…") };
                    let bar = egui::ProgressBar::new(progress.fraction()).desired_width(200.0).text(text);
                    ui.add(bar.animate(total == 0));
                }
                let name = RichText::new(state.project.name()).strong();
                let label = ui.label(super::bidi_text::label(ui, name));
                if let Some(sample) = &state.sample {
                    label.on_hover_text(format!(
                        "Your working copy of the sample {}; edits are saved to {}",
                        sample.display(),
                        state.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
                    ));
                } else if let Some(p) = &state.path {
                    label.on_hover_text(format!("Saved as you work: {}", p.display()));
                }
            });
        });
    }

    /// The latest notices, floating at the top right over the window: they never push the
    /// layout down, an error reads as normal text beside a red bar, and each can be dismissed.
    pub(super) fn notices_ui(ctx: &egui::Context, state: &AppState, intents: &mut Commands) {
        let start = state.notices.len().saturating_sub(3);
        if start == state.notices.len() {
            return;
        }
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-14.0, 66.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (i, n) in state.notices.iter().enumerate().skip(start) {
                    let bar = if n.error { ui.visuals().error_fg_color } else { ui.visuals().selection.stroke.color };
                    let frame =
                        egui::Frame::popup(ui.style()).inner_margin(egui::Margin { left: 12, ..egui::Margin::same(8) });
                    let shown = frame.show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if ui.small_button("\u{d7}").on_hover_text("Dismiss").clicked() {
                                intents.push(Intent::DismissNotice(i));
                            }
                            ui.add(egui::Label::new(RichText::new(&n.text).color(ui.visuals().text_color())).wrap());
                        });
                    });
                    let r = shown.response.rect;
                    ui.painter().rect_filled(
                        egui::Rect::from_min_max(r.left_top(), egui::pos2(r.left() + 4.0, r.bottom())),
                        2.0,
                        bar,
                    );
                    ui.add_space(4.0);
                }
            });
    }

    /// Files already in the project (by title) wait for an answer: import again, or skip.
    pub(super) fn duplicates_ui(ctx: &egui::Context, state: &AppState, intents: &mut Commands) {
        if state.duplicates.is_empty() {
            return;
        }
        egui::Modal::new(egui::Id::unique("duplicates")).show(ctx, |ui| {
            ui.set_width(420.0);
            let n = state.duplicates.len();
            ui.strong(if n == 1 {
                "This file is already in the project".to_owned()
            } else {
                format!("{n} files are already in the project")
            });
            for s in state.duplicates.iter().take(8) {
                ui.label(format!("\u{201c}{}\u{201d} ({})", s.title, s.path.display()));
            }
            if n > 8 {
                ui.label(RichText::new(format!("and {} more", n - 8)).weak());
            }
            ui.label(
                RichText::new("A copy would be imported as a new document, e.g. \u{201c}title (2)\u{201d}.").weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Skip").clicked() {
                    intents.push(Intent::ResolveDuplicates { import: false });
                }
                if ui.button("Import again as a copy").clicked() {
                    intents.push(Intent::ResolveDuplicates { import: true });
                }
            });
        });
    }
}
