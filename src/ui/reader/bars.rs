//! The bars above the transcript: its title and facts, whose codings are shown, and the way
//! through a walk of passages.

use crate::app::reader::{CodersShown, DocumentLayout};
use crate::app::{AppState, Intent};
use crate::ui::bidi_text;
use crate::ui::command::{Commands, UiCommand};
use crate::ui::theme::LANE_WIDTH;
use axial_core::model::Document;
use egui::{Rect, Sense, pos2, vec2};

/// The bar of a passage walk: what is read, where in it, and the way on.
pub(super) fn walk_ui(ui: &mut egui::Ui, walk: &crate::app::PassageWalk, commands: &mut Commands) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("Passages of the {}:", walk.title)).strong());
        let at = walk.index;
        let n = walk.codings.len();
        let ctx = ui.ctx().clone();
        let keys = |c: UiCommand| c.keys(&ctx);
        if ui
            .add_enabled(at > 0, egui::Button::new("Previous"))
            .on_hover_text(keys(UiCommand::PreviousPassage))
            .clicked()
        {
            commands.push(UiCommand::PreviousPassage);
        }
        ui.label(format!("{} of {}", at + 1, n));
        if ui.add_enabled(at + 1 < n, egui::Button::new("Next")).on_hover_text(keys(UiCommand::NextPassage)).clicked() {
            commands.push(UiCommand::NextPassage);
        }
        if ui.button("Done").on_hover_text("Stop reading these passages").clicked() {
            commands.push(Intent::EndWalk);
        }
    });
}

/// Title, case, attributes and counts above the text.
pub(super) fn header_ui(ui: &mut egui::Ui, state: &AppState, document: &Document, layout: &DocumentLayout) {
    ui.horizontal_wrapped(|ui| {
        ui.label(bidi_text::label(ui, egui::RichText::new(&document.title).heading()));
        if let Some(case) = document.case.and_then(|c| state.project.case(c)) {
            ui.label(bidi_text::label(ui, egui::RichText::new(&case.name).weak()));
        }
    });
    let mut facts: Vec<String> =
        document.attributes.iter().filter(|(k, _)| *k != "source").map(|(k, v)| format!("{k}: {v}")).collect();
    facts.push(format!("{} words", layout.words));
    facts.push(format!("{} codings", layout.codings.len()));
    if !layout.speakers.is_empty() {
        facts.push(format!("speakers: {}", layout.speakers.join(", ")));
    }
    ui.label(bidi_text::label(ui, egui::RichText::new(facts.join("  ·  ")).small().weak()));
}

/// Whose codings to show (when the project has two or more coders), and for two apart, which
/// stripes are whose.
pub(super) fn coders_ui(ui: &mut egui::Ui, state: &AppState, coders: &[String], shown: &mut CodersShown) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(egui::RichText::new("Coders").small());
        let mut choices = vec![CodersShown::All];
        choices.extend(coders.iter().map(|c| CodersShown::Only(c.clone())));
        // Pairs apart for a handful of coders (a study rarely has more than three).
        for (i, a) in coders.iter().enumerate().take(4) {
            for b in coders.iter().skip(i + 1).take(4) {
                choices.push(CodersShown::Apart(a.clone(), b.clone()));
            }
        }
        egui::ComboBox::from_id_salt("reader-coders")
            .selected_text(shown.label())
            .show_ui(ui, |ui| {
                for c in choices {
                    let text = c.label();
                    ui.selectable_value(shown, c, text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Whose codings the transcript shows; two apart keep their stripes in groups of their own");
        let counts = |who: &str| {
            state.current_document().map_or(0, |d| state.project.codings_in(d.id).filter(|c| c.coder == who).count())
        };
        if let CodersShown::Apart(a, b) = shown {
            // A drawn key: two stripe groups with a gap, the one named beside it marked.
            let key = |ui: &mut egui::Ui, left: bool| {
                let (r, _) = ui.allocate_exact_size(vec2(3.0 * LANE_WIDTH, 12.0), Sense::hover());
                let weak = ui.visuals().weak_text_color();
                let strong = ui.visuals().strong_text_color();
                for (lane, mine) in [(0.0, left), (2.0, !left)] {
                    let x = r.left() + lane * LANE_WIDTH;
                    let bar = Rect::from_min_max(pos2(x, r.top()), pos2(x + LANE_WIDTH - 1.5, r.bottom()));
                    ui.painter().rect_filled(bar, 1.0, if mine { strong } else { weak.gamma_multiply(0.4) });
                }
            };
            key(ui, true);
            ui.label(egui::RichText::new(format!("left stripes: {a} ({})", counts(a))).small());
            key(ui, false);
            ui.label(egui::RichText::new(format!("right stripes: {b} ({})", counts(b))).small());
        }
    });
}
