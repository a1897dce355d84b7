//! The views that read the model back: coded passages (constant comparison), the cube,
//! frequencies, co-occurrence and saturation. Each reads from the core's `analysis` through a
//! [`Computed`](crate::app::Computed) value, so a large project is counted off the frame thread;
//! every number leads to the passages behind it, and a passage to the transcript.

pub mod agreement;
pub mod cooccurrence;
pub mod cube;
pub mod frequencies;
pub mod memos;
pub mod passages;
pub mod saturation;

use super::command::{Commands, UiCommand};
use super::theme;
use crate::app::{AppState, Wake};
use axial_core::analysis::retrieval::Passage;
use egui::{FontId, RichText};
use std::sync::Arc;

/// At most this many passages are drawn in one list; the rest are counted, exported and
/// copied, but not laid out (a code with thousands of passages stays fast).
pub const SHOWN: usize = 400;

/// A repaint request for a background count that finishes.
pub fn wake(ui: &egui::Ui) -> Option<Wake> {
    let ctx = ui.ctx().clone();
    Some(Arc::new(move || ctx.request_repaint()))
}

/// Every (attribute, value) pair the project's documents carry, sorted: what filters and
/// slices offer. Built only while their menu is open (a large project has thousands).
pub fn document_attribute_values(p: &axial_core::model::Project) -> std::collections::BTreeSet<(String, String)> {
    p.documents().flat_map(|d| d.attributes.iter().map(|(k, v)| (k.clone(), v.clone()))).collect()
}

/// The revisions a count over codings and the hierarchy depends on.
pub fn counts_key(state: &AppState) -> (u64, u64) {
    let r = state.project.revisions();
    (r.structure, r.codings)
}

/// A list of passages as cards: where each is and who said it, then its words with a line of
/// context. A click opens it in the transcript.
pub fn passage_list(ui: &mut egui::Ui, state: &AppState, passages: &[Passage], salt: &str, commands: &mut Commands) {
    let p = &state.project;
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    egui::ScrollArea::vertical().id_salt(("passages", salt)).auto_shrink([false, false]).show(ui, |ui| {
        for passage in passages.iter().take(SHOWN) {
            let code = p.code(passage.code);
            let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
            let response = frame
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = code {
                            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                            ui.painter().rect_filled(r, 2.0, theme::code_color(&c.color));
                        }
                        let mut head = passage.title.clone();
                        for part in [passage.case.as_deref(), passage.speaker.as_deref()].into_iter().flatten() {
                            head.push_str(" · ");
                            head.push_str(part);
                        }
                        if let Some(c) = code {
                            head.push_str(" · ");
                            head.push_str(&c.name);
                        }
                        ui.add(egui::Label::new(RichText::new(head).small().color(weak)).selectable(false));
                    });
                    // The passage in its context, right-to-left text in visual order.
                    let sections = [
                        (passage.before.as_str(), weak),
                        (passage.text.as_str(), text_color),
                        (passage.after.as_str(), weak),
                    ];
                    super::bidi_text::wrapped(ui, &sections, FontId::proportional(14.0));
                })
                .response;
            let response = ui
                .interact(response.rect, ui.scope_id().with(("passage", passage.coding.0)), egui::Sense::click())
                .on_hover_text("Open in the transcript");
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, format!("Passage: {}", passage.text))
            });
            if response.clicked() {
                commands.push(UiCommand::OpenPassage(passage.coding));
            }
        }
        if passages.len() > SHOWN {
            ui.label(
                RichText::new(format!(
                    "{} more passages are not shown; narrow them with the filters, or copy or export them all.",
                    passages.len() - SHOWN
                ))
                .weak(),
            );
        }
    });
}

/// The passages as plain text for the clipboard: a heading per passage, then its words.
pub fn passages_as_text(state: &AppState, passages: &[Passage]) -> String {
    let mut out = String::new();
    for pa in passages {
        let code = state.project.code(pa.code).map(|c| c.name.as_str()).unwrap_or("");
        let who = pa.speaker.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
        out.push_str(&format!("{}{who} ({code}, {}–{})\n{}\n\n", pa.title, pa.start, pa.end, pa.text.trim()));
    }
    out
}
