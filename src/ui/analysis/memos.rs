//! The memo browser: every memo of the project, newest first, found by its words or by what it
//! is on; the chosen memo is read in full and its item is one click away (the details panel
//! then edits it).

use crate::app::AppState;
use crate::ui::command::{Commands, UiCommand};
use axial_core::analysis::memos::{find, heading, target_label};
use axial_core::model::MemoId;
use egui::RichText;

#[derive(Default)]
pub struct MemosView {
    query: String,
    chosen: Option<MemoId>,
    /// The memos the query finds, for the project revision and query they were found for.
    found: Option<((u64, String), Vec<MemoId>)>,
}

impl MemosView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("words of a memo's title, text or item")
                    .desired_width((ui.available_width() - 60.0).max(120.0)),
            )
            .labelled_by(label.id);
            if !self.query.is_empty() && ui.small_button("Clear").clicked() {
                self.query.clear();
            }
        });
        let key = (p.revisions().all, self.query.clone());
        if self.found.as_ref().is_none_or(|(k, _)| *k != key) {
            let ids = find(p, &self.query).into_iter().map(|m| m.id).collect();
            self.found = Some((key, ids));
        }
        let Some((_, ids)) = &self.found else { return };
        ui.label(RichText::new(format!("{} of {} memos", ids.len(), p.memos().len())).weak());
        if p.memos().len() == 0 {
            ui.label("No memos yet. Write one in the details panel below, on a coding, code, category, document or the project.");
            return;
        }
        let row_height =
            ui.text_style_height(&egui::TextStyle::Body) + ui.text_style_height(&egui::TextStyle::Small) + 10.0;
        let list_height = (ui.available_height() * 0.5).max(row_height * 3.0);
        egui::ScrollArea::vertical().id_salt("memo-list").max_height(list_height).auto_shrink([false, true]).show_rows(
            ui,
            row_height,
            ids.len(),
            |ui, rows| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for &id in &ids[rows] {
                    let Some(m) = p.memo(id) else { continue };
                    let on = format!("on {} · {} · {}", target_label(p, &m.target), m.author, day(&m.modified));
                    let title = super::super::bidi_text::label(ui, RichText::new(heading(m)).strong());
                    let button = egui::Button::selectable(self.chosen == Some(id), title)
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    let response = ui.vertical(|ui| {
                        let r = ui.add(button);
                        ui.label(RichText::new(on).small().weak());
                        r
                    });
                    if response.inner.clicked() {
                        self.chosen = Some(id);
                    }
                    if response.inner.double_clicked() {
                        commands.push(UiCommand::OpenMemo(id));
                    }
                }
            },
        );
        ui.separator();
        let Some(m) = self.chosen.and_then(|id| p.memo(id)) else {
            ui.label(RichText::new("Choose a memo to read it; double-click to open its item.").weak());
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(super::super::bidi_text::label(ui, RichText::new(heading(m)).strong()));
            ui.label(RichText::new(format!("on {}", target_label(p, &m.target))).weak());
            if ui
                .button("Open its item")
                .on_hover_text("Select what the memo is on and edit the memo in the details panel")
                .clicked()
            {
                commands.push(UiCommand::OpenMemo(m.id));
            }
        });
        ui.label(
            RichText::new(format!("{} · written {} · changed {}", m.author, day(&m.created), day(&m.modified)))
                .small()
                .weak(),
        );
        egui::ScrollArea::vertical().id_salt("memo-text").auto_shrink([false, false]).show(ui, |ui| {
            super::super::bidi_text::paragraphs(ui, &m.text);
        });
    }
}

/// The date part of a timestamp ("2026-11-30T01:02:03Z" → "2026-11-30").
fn day(stamp: &str) -> &str {
    stamp.split('T').next().unwrap_or(stamp)
}
