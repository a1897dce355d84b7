//! The window's chrome: the menu bar, the toolbar (undo, redo, recent codes, background
//! work), the notices, the duplicate-import question and the keyboard-shortcuts window.

use super::command::{Commands, UiCommand};
use super::{AxialApp, Center, theme};
use crate::app::{AppState, Intent};
use axial_core::export::{Export, Group, QuotesFormat};
use egui::RichText;

impl AxialApp {
    /// The keyboard shortcuts, listed (Help > Keyboard shortcuts, F1).
    pub(super) fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        let mut open = self.shortcuts_open;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_pos([40.0, 64.0])
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).num_columns(2).show(ui, |ui| {
                    for (keys, what) in UiCommand::shortcut_list(ctx) {
                        ui.label(RichText::new(keys).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.shortcuts_open = open;
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Commands) {
        let has_project = self.state.is_some();
        // Whether the open project may be changed here (not while reviewing or read-only).
        let refusal = self.state.as_ref().and_then(|s| s.edit_refusal());
        let can_edit = has_project && refusal.is_none();
        let has_selection = can_edit && self.state.as_ref().is_some_and(|s| s.selected_range().is_some());
        let opening = self.opening.as_ref().map(|(job, _, _)| (job.label.clone(), job.progress().fraction()));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Project", |ui| {
                for c in [UiCommand::NewProject, UiCommand::OpenProject, UiCommand::ReviewProject] {
                    if c.menu_button(ui, true) {
                        commands.push(c);
                    }
                }
                ui.separator();
                for c in [UiCommand::ImportFiles, UiCommand::ImportFolder, UiCommand::MergeCopy] {
                    if c.menu_button_why(ui, can_edit, refusal) {
                        commands.push(c);
                    }
                }
                ui.separator();
                let reviewing = self.state.as_ref().is_some_and(|s| s.reviewing());
                if UiCommand::SaveCopy.menu_button(ui, has_project) {
                    commands.push(UiCommand::SaveCopy);
                }
                let can_bring = has_project && !reviewing && self.state.as_ref().is_some_and(|s| s.can_comment());
                let why = if reviewing {
                    Some("Only the project's author brings comments home, into their own file")
                } else {
                    refusal
                };
                if UiCommand::ImportComments.menu_button_why(ui, can_bring, why) {
                    commands.push(UiCommand::ImportComments);
                }
                ui.separator();
                ui.add_enabled_ui(has_project, |ui| {
                    ui.menu_button("Export", |ui| {
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
                                    if c.menu_button(ui, has_project) {
                                        commands.push(c);
                                    }
                                }
                            });
                            if group == Group::Tables {
                                // The item read in the Passages view, filtered as it shows it.
                                let reading =
                                    self.state.as_ref().is_some_and(|s| !self.passages.scopes_read(s).is_empty());
                                ui.menu_button("Quotes", |ui| {
                                    if !reading {
                                        ui.label(
                                            egui::RichText::new("Select a code, concept, category or class first")
                                                .weak(),
                                        );
                                    }
                                    for format in QuotesFormat::ALL {
                                        let c = UiCommand::ExportPassages(format);
                                        if c.menu_button(ui, reading) {
                                            commands.push(c);
                                        }
                                    }
                                });
                            }
                        }
                    });
                });
                ui.separator();
                if UiCommand::ProjectSettings.menu_button_why(ui, can_edit, refusal) {
                    commands.push(UiCommand::ProjectSettings);
                }
                let own_file = can_edit && self.state.as_ref().is_some_and(|s| s.sample.is_none());
                if UiCommand::Backups.menu_button_why(ui, own_file, refusal) {
                    commands.push(UiCommand::Backups);
                }
                ui.separator();
                if UiCommand::CloseProject.menu_button(ui, has_project) {
                    commands.push(UiCommand::CloseProject);
                }
                if UiCommand::Quit.menu_button(ui, true) {
                    commands.push(UiCommand::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) =
                    self.state.as_ref().map(|s| (s.undo_label.clone(), s.redo_label.clone())).unwrap_or_default();
                if UiCommand::Undo.menu_button_why(ui, can_edit && undo.is_some(), refusal) {
                    commands.push(UiCommand::Undo);
                }
                if UiCommand::Redo.menu_button_why(ui, can_edit && redo.is_some(), refusal) {
                    commands.push(UiCommand::Redo);
                }
                ui.separator();
                if UiCommand::Find.menu_button(ui, has_project) {
                    commands.push(UiCommand::Find);
                }
            });
            ui.menu_button("View", |ui| {
                for (center, label) in Center::TABS {
                    if self.state.as_ref().is_some_and(|s| !center.offered(s)) {
                        continue;
                    }
                    if ui.add_enabled(has_project, egui::Button::selectable(self.center == center, label)).clicked() {
                        commands.push(UiCommand::Show(center));
                    }
                }
                ui.separator();
                if UiCommand::TogglePanels.menu_button(ui, has_project) {
                    commands.push(UiCommand::TogglePanels);
                }
            });
            ui.menu_button("Code", |ui| {
                for c in [UiCommand::QuickPick, UiCommand::NewCode, UiCommand::InVivo] {
                    if c.menu_button_why(ui, has_selection, refusal) {
                        commands.push(c);
                    }
                }
                ui.separator();
                for c in [UiCommand::NewConcept, UiCommand::NewCategory] {
                    if c.menu_button_why(ui, can_edit, refusal) {
                        commands.push(c);
                    }
                }
                ui.separator();
                let has_coding = can_edit && self.state.as_ref().is_some_and(|s| s.selected_coding.is_some());
                if UiCommand::RemoveCoding.menu_button_why(ui, has_coding, refusal) {
                    commands.push(UiCommand::RemoveCoding);
                }
            });
            ui.menu_button("Help", |ui| {
                for c in [UiCommand::Palette, UiCommand::Shortcuts, UiCommand::OpenLog] {
                    if c.menu_button(ui, true) {
                        commands.push(c);
                    }
                }
                ui.separator();
                ui.label(RichText::new(format!("Axial {}", env!("CARGO_PKG_VERSION"))).weak());
                ui.label(
                    RichText::new("Everything is saved as you work; the .axial file is the whole project.").weak(),
                );
            });
            if let Some((label, fraction)) = &opening {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.add(
                        egui::ProgressBar::new(*fraction).desired_width(220.0).text(format!("{label}…")).animate(true),
                    );
                });
            }
        });
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
                .map(|l| format!("Undo {l} (Ctrl+Z)"))
                .unwrap_or_else(|| "Nothing to undo".into());
            let undo = ui.add_enabled(refusal.is_none() && state.undo_label.is_some(), egui::Button::new("Undo"));
            let undo = if refusal.is_some() { undo.on_disabled_hover_text(why) } else { undo.on_hover_text(undo_tip) };
            if undo.clicked() {
                intents.push(UiCommand::Undo);
            }
            let redo_tip = state
                .redo_label
                .as_deref()
                .map(|l| format!("Redo {l} (Ctrl+Shift+Z)"))
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
                    intents.push(Intent::ApplyCode(*code));
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
