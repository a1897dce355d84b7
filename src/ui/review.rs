//! The window's side of sharing a project: the question a second opener is asked (review it,
//! open a copy, or cancel), and the banner that says a project is open for review.

use super::command::{Command, Commands, UiCommand};
use super::{AxialApp, Center};
use crate::app::{AppState, OpenAs};
use egui::RichText;

impl AxialApp {
    /// Another window edits the project this one tried to open: say who, and offer to review
    /// it (read-only, with comments) or to open a copy (queued); never a second writer.
    /// Cancel only closes the question, which is this window's own state.
    pub(super) fn in_use_ui(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        let Some((path, holder)) = &self.in_use else { return };
        let (path, holder) = (path.clone(), holder.clone());
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("project-in-use")).show(ctx, |ui| {
            ui.set_width(460.0);
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            ui.heading(format!("\u{201c}{name}\u{201d} is open in another window"));
            ui.add_space(4.0);
            ui.label(format!("{} has it open for editing.", holder.describe()));
            ui.label(
                RichText::new(
                    "Only one window edits a project at a time, so that no edit of either is lost. You can review it \
                     beside that window (read everything, write comments; you see its edits as they are made), or work \
                     on a copy of it.",
                )
                .weak(),
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Open for review")
                    .on_hover_text("Read-only: nothing of the project changes; comments can be written")
                    .clicked()
                {
                    choice = Some(1);
                }
                if ui
                    .button("Open a copy")
                    .on_hover_text("A copy beside it, \u{201c}… (copy).axial\u{201d}: its edits stay in the copy")
                    .clicked()
                {
                    choice = Some(2);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(0);
                }
            });
        });
        match choice {
            Some(1) => commands.push(Command::Open(path, OpenAs::Review)),
            Some(2) => commands.push(Command::OpenCopy(path)),
            Some(_) => self.in_use = None,
            None => {}
        }
    }

    /// The strip that says the project is open for review, with the changes since the last
    /// review a click away.
    pub(super) fn review_banner_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let Some(review) = &state.review else { return };
        let fill = ui.visuals().warn_fg_color.gamma_multiply(0.18);
        egui::Frame::new().fill(fill).inner_margin(egui::Margin::symmetric(8, 4)).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Reviewing").strong());
                let what = if state.can_comment() {
                    "Nothing of the project can change here; you can comment on any code, category, passage, relation or memo."
                } else {
                    "Nothing of the project can change here, and this file cannot take comments."
                };
                ui.label(what);
                let changes = match &review.last_review {
                    Some(_) => format!("{} changes since your last review", review.changes.len()),
                    None => "First review".to_owned(),
                };
                if ui.link(changes).clicked() {
                    commands.push(UiCommand::Show(Center::Changes));
                }
            });
        });
    }
}
