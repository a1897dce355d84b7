//! Agreement: how far the chosen coders agree, overall (over all text and over coded text,
//! each named), by segments and per code, and the stretches they coded unalike, each a click
//! from the transcript. Counted off the frame thread for a large project.

use super::{Commands, counts_key, wake};
use crate::app::{AppState, Computed, Intent};
use crate::ui::{Center, command::UiCommand};
use axial_core::analysis::agreement::{Agreement, AgreementError, CharFigures, Disagreement, agreement, coders};
use axial_core::edit::settle::Settle;
use axial_core::model::{CodeId, DocumentId};
use egui::RichText;

type Key = ((u64, u64), Vec<String>);

#[derive(Default)]
pub struct AgreementView {
    /// The coders compared (two or more of the project's).
    chosen: Vec<String>,
    /// The disagreement being talked through (two coders): its document, code, start and end.
    open: Option<(DocumentId, CodeId, usize, usize)>,
    /// The code a "recode" would give.
    recode: Option<CodeId>,
    /// A disagreement was just opened: bring its panel into view (the page may be scrolled
    /// down to the list).
    reveal: bool,
    result: Computed<Key, Result<Agreement, AgreementError>>,
}

fn f3(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "n/a".into())
}

const ROW: f32 = 22.0;
/// Below this height the tab scrolls as a whole.
const SHORT: f32 = 560.0;
/// Each list's height when the tab scrolls.
const COMPACT_LIST: f32 = 240.0;
/// A list's title and hint above its rows.
const LIST_HEADER: f32 = 44.0;

impl AgreementView {
    /// In a short window the whole tab scrolls, each list a fixed height within it, so the
    /// figures, the stretch being talked through and both lists can all be reached.
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        if ui.available_height() < SHORT {
            egui::ScrollArea::vertical()
                .id_salt("agreement-page")
                .auto_shrink([false, false])
                .show(ui, |ui| self.page(ui, state, commands, Some(COMPACT_LIST)));
        } else {
            self.page(ui, state, commands, None);
        }
    }

    /// The tab's content; `list_height` fixes the lists' height (else they fill what is left).
    fn page(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands, list_height: Option<f32>) {
        let p = &state.project;
        let all = coders(p);
        if all.len() < 2 {
            ui.label(RichText::new("Agreement compares two or more coders").strong());
            let who = if all.is_empty() { "nobody yet".to_owned() } else { all.join(", ") };
            ui.label(
                RichText::new(format!(
                    "Every coding here is by {who}. A second coder codes some transcripts in their own copy of the project; \
                     when their copy is merged in (Project > Merge a coder's copy…), this tab compares the two."
                ))
                .weak(),
            );
            return;
        }
        self.chosen.retain(|c| all.contains(c));
        if self.chosen.len() < 2 {
            self.chosen = all.iter().take(2).cloned().collect();
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("Coders");
            for c in &all {
                let mut on = self.chosen.contains(c);
                if ui.checkbox(&mut on, c).changed() {
                    if on {
                        self.chosen.push(c.clone());
                    } else if self.chosen.len() > 2 {
                        self.chosen.retain(|x| x != c);
                    }
                }
            }
        });
        let chosen = self.chosen.clone();
        let key = (counts_key(state), chosen.clone());
        self.result.get(key, &state.project, wake(ui), move |p| agreement(p, &chosen));
        let busy = self.result.busy();
        let Some(result) = self.result.value() else {
            ui.spinner();
            return;
        };
        let a = match result {
            Ok(a) => a,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e.to_string());
                return;
            }
        };
        ui.label(
            RichText::new(format!(
                "{} of {} documents are compared: those every chosen coder coded. Characters are the units, once per code.",
                a.documents.len(),
                p.documents().len()
            ))
            .weak(),
        );
        overall_ui(ui, a);
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if busy {
                ui.spinner().on_hover_text("Counting the last change\u{2026}");
            }
            ui.label(a.segments.sentence());
        });
        scales_ui(ui, state, a);
        ui.add_space(6.0);
        // The disagreement talked through, while it is one (settled, it leaves the list).
        let open = self.open.and_then(|(d, code, s, e)| {
            a.disagreements.iter().find(|x| x.document == d && x.code == code && x.start < e && s < x.end).cloned()
        });
        if open.is_none() {
            self.open = None;
        }
        if let Some(d) = &open
            && a.coders.len() == 2
        {
            let panel = settle_ui(&mut self.open, &mut self.recode, busy, ui, state, a, d, commands);
            if std::mem::take(&mut self.reveal) {
                panel.scroll_to_me(Some(egui::Align::Min));
            }
            ui.add_space(6.0);
        }
        // Side by side where there is room; one above the other in a narrow window.
        let mut chosen = None;
        if ui.available_width() >= 760.0 {
            // Within the scrolling page the lists get their full height, not what is left of
            // the view (a scroll area inside another is bounded by the space it is given).
            let size = egui::vec2(ui.available_width(), list_height.map_or(ui.available_height(), |h| h + LIST_HEADER));
            ui.allocate_ui(size, |ui| {
                ui.columns(2, |cols| {
                    per_code_ui(&mut cols[0], state, a, commands, list_height);
                    chosen = disagreements_ui(&mut cols[1], state, a, open.as_ref(), commands, list_height);
                })
            });
        } else if let Some(h) = list_height {
            let size = egui::vec2(ui.available_width(), h + LIST_HEADER);
            ui.allocate_ui(size, |ui| per_code_ui(ui, state, a, commands, Some(h)));
            chosen = ui.allocate_ui(size, |ui| disagreements_ui(ui, state, a, open.as_ref(), commands, Some(h))).inner;
        } else {
            let half = (ui.available_height() / 2.0 - 40.0).max(66.0);
            per_code_ui(ui, state, a, commands, Some(half));
            chosen = disagreements_ui(ui, state, a, open.as_ref(), commands, None);
        }
        if let Some(d) = chosen {
            self.open = Some((d.document, d.code, d.start, d.end));
            self.recode = Some(d.code);
            self.reveal = true;
        }
    }
}

/// Overall figures: a row per coefficient, a column for all text and one for coded text.
fn overall_ui(ui: &mut egui::Ui, a: &Agreement) {
    let two = a.coders.len() == 2;
    let o: &CharFigures = &a.overall;
    egui::Grid::new("agreement-overall").num_columns(3).striped(true).spacing([24.0, 4.0]).show(ui, |ui| {
        ui.label("");
        ui.strong("All text")
            .on_hover_text("Every character of the documents compared; text nobody coded counts as agreement");
        ui.strong("Coded text only").on_hover_text("Only characters some chosen coder coded with any code");
        ui.end_row();
        ui.label("Percent agreement");
        ui.label(f3(o.percent_all()));
        ui.label(f3(o.percent_coded()));
        ui.end_row();
        if two {
            ui.label("Cohen's kappa");
            ui.label(f3(o.all.cohen_kappa()));
            ui.label(f3(o.coded.cohen_kappa()));
            ui.end_row();
        }
        ui.label("Krippendorff's alpha (nominal)");
        ui.label(f3(o.alpha_all()));
        ui.label(f3(o.alpha_coded()));
        ui.end_row();
    });
}

/// A line per scale (a concept whose codes carry values), with its interval alpha; where there
/// is none, how to make one.
fn scales_ui(ui: &mut egui::Ui, state: &AppState, a: &Agreement) {
    if a.scales.is_empty() {
        ui.label(
            RichText::new(
                "Interval alpha: no concept here has codes that all carry values. Name a concept's codes with numbers                  (\u{201c}1 rarely\u{201d} \u{2026} \u{201c}5 always\u{201d}, or \u{201c}Trust: 1\u{201d} \u{2026}) to compare ratings.",
            )
            .small()
            .weak(),
        );
        return;
    }
    for f in &a.scales {
        ui.label(f.sentence(&state.project)).on_hover_text(
            "Interval: a rating of 2 against 3 is a smaller disagreement than 1 against 5. Nominal: any two different values disagree alike.",
        );
    }
}

/// One row per code: its characters per coder, kappa (or alpha) over all and coded text,
/// segments coded by all; a click selects the code.
fn per_code_ui(ui: &mut egui::Ui, state: &AppState, a: &Agreement, commands: &mut Commands, height: Option<f32>) {
    let two = a.coders.len() == 2;
    ui.strong(format!("Per code ({})", a.per_code.len()));
    let coefficient = if two { "kappa" } else { "alpha" };
    ui.label(
        RichText::new(format!("{coefficient} all text · {coefficient} coded text · segments by all / groups"))
            .small()
            .weak(),
    );
    let height = height.unwrap_or(ui.available_height()).max(66.0);
    egui::ScrollArea::vertical().id_salt("agreement-codes").max_height(height).auto_shrink([false, false]).show_rows(
        ui,
        ROW,
        a.per_code.len(),
        |ui, rows| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for c in &a.per_code[rows] {
                let name = state.project.code(c.code).map(|k| k.name.as_str()).unwrap_or("?");
                let (all, coded) = if two {
                    (c.chars.all.cohen_kappa(), c.chars.coded.cohen_kappa())
                } else {
                    (c.chars.alpha_all(), c.chars.alpha_coded())
                };
                // The figures first, at a fixed width, so a long name never hides them.
                let text = format!(
                    "{:>6} {:>6} {:>7}",
                    f3(all),
                    f3(coded),
                    format!("{}/{}", c.segments.by_all, c.segments.groups)
                );
                ui.horizontal(|ui| {
                    ui.set_height(ROW);
                    ui.label(RichText::new(text).monospace());
                    let chars: Vec<String> =
                        a.coders.iter().zip(&c.characters).map(|(who, n)| format!("{who}: {n}")).collect();
                    if ui.link(name).on_hover_text(format!("Characters coded: {}", chars.join(", "))).clicked() {
                        commands.push(Intent::SelectCode(Some(c.code)));
                    }
                });
            }
        },
    );
}

/// The disagreement being talked through: what each coder did there, and the ways to settle it
/// (each one undo step; the figures above update). `open` is cleared by Close; `recode` is the
/// code a recode gives; while `busy` (the figures of the last settling still being counted)
/// the buttons wait, so no one settles a stretch twice off a stale list.
#[allow(clippy::too_many_arguments)]
fn settle_ui(
    open: &mut Option<(DocumentId, CodeId, usize, usize)>,
    recode: &mut Option<CodeId>,
    busy: bool,
    ui: &mut egui::Ui,
    state: &AppState,
    a: &Agreement,
    d: &Disagreement,
    commands: &mut Commands,
) -> egui::Response {
    let p = &state.project;
    let (first, second) = (a.coders[0].clone(), a.coders[1].clone());
    let doc = p.document(d.document).map(|x| x.title.as_str()).unwrap_or("?");
    let quote: String = p
        .document(d.document)
        .map(|x| x.text.chars().skip(d.start).take((d.end - d.start).min(240)).collect())
        .unwrap_or_default();
    let refusal = state.edit_refusal().or(busy.then_some("Counting the last change\u{2026}"));
    egui::Frame::group(ui.style())
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let code = p.code(d.code).map(|k| k.name.as_str()).unwrap_or("?");
                ui.strong(format!(
                    "Talking it through: {doc}, \u{201c}{code}\u{201d}, characters {}\u{2013}{}",
                    d.start, d.end
                ));
                if ui.link("Read it in the transcript").clicked() {
                    commands.push(Intent::ShowPassage { document: d.document, start: d.start, end: d.end });
                    commands.push(UiCommand::Show(Center::Transcript));
                }
                if ui.small_button("Close").clicked() {
                    *open = None;
                }
            });
            ui.label(RichText::new(format!("\u{201c}{}\u{201d}", quote.trim())).italics());
            for coder in [&first, &second] {
                let codes: Vec<String> = p
                    .codings_in(d.document)
                    .filter(|c| &c.coder == coder && c.start < d.end && d.start < c.end)
                    .map(|c| {
                        let name = p.code(c.code).map(|k| k.name.as_str()).unwrap_or("?");
                        format!("\u{201c}{name}\u{201d} ({}\u{2013}{})", c.start, c.end)
                    })
                    .collect();
                let did = if codes.is_empty() {
                    "did not code it".to_owned()
                } else {
                    format!("coded it {}", codes.join(", "))
                };
                ui.label(format!("{coder} {did}"));
            }
            let coders = (first.clone(), second.clone());
            let settle = |how: Settle| Intent::Settle {
                document: d.document,
                start: d.start,
                end: d.end,
                code: d.code,
                coders: coders.clone(),
                how,
            };
            ui.add_enabled_ui(refusal.is_none(), |ui| {
                ui.horizontal_wrapped(|ui| {
                    for coder in [&first, &second] {
                        let tip =
                            format!("{coder}'s coding stands here; the other coder's becomes the same (one undo step)");
                        if ui.button(format!("Keep {coder}'s")).on_hover_text(tip).clicked() {
                            commands.push(settle(Settle::Keep(coder.clone())));
                        }
                    }
                    if ui
                        .button("Keep both")
                        .on_hover_text("Both codings stand: each coder gets the other's too")
                        .clicked()
                    {
                        commands.push(settle(Settle::KeepBoth));
                    }
                    ui.separator();
                    let label = ui.label("Recode as");
                    let current =
                        recode.and_then(|c| p.code(c)).map(|c| c.name.clone()).unwrap_or_else(|| "a code".into());
                    egui::ComboBox::from_id_salt("settle-recode")
                        .selected_text(current)
                        .width(200.0)
                        .show_ui(ui, |ui| {
                            for k in p.codes() {
                                ui.selectable_value(recode, Some(k.id), &k.name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if let Some(code) = *recode
                        && ui.button("Recode both").on_hover_text("Both coders' codings here take this code").clicked()
                    {
                        commands.push(settle(Settle::Recode(code)));
                    }
                });
            })
            .response
            .on_disabled_hover_text(refusal.unwrap_or_default());
        })
        .response
}

/// The stretches coded unalike: document, code, who coded it. With two coders a click opens
/// one for talking through (returned); with more, it opens in the transcript.
fn disagreements_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    a: &Agreement,
    open: Option<&Disagreement>,
    commands: &mut Commands,
    height: Option<f32>,
) -> Option<Disagreement> {
    let mut chosen = None;
    ui.strong(format!("Disagreements ({})", a.disagreements.len()));
    let hint = if a.coders.len() == 2 {
        "A stretch one coder coded with a code and the other did not; click to talk it through"
    } else {
        "A stretch some coders coded with a code and others did not; click to read it"
    };
    ui.label(RichText::new(hint).small().weak());
    let height = height.unwrap_or(ui.available_height()).max(66.0);
    egui::ScrollArea::vertical()
        .id_salt("agreement-disagreements")
        .max_height(height)
        .auto_shrink([false, false])
        .show_rows(ui, ROW, a.disagreements.len(), |ui, rows| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for d in &a.disagreements[rows] {
                let p = &state.project;
                let doc = p.document(d.document).map(|x| x.title.as_str()).unwrap_or("?");
                let code = p.code(d.code).map(|x| x.name.as_str()).unwrap_or("?");
                let who: Vec<&str> = d.coded_by.iter().map(|i| a.coders[*i].as_str()).collect();
                let label = format!("{doc} · {code} · {} only ({} characters)", who.join(", "), d.end - d.start);
                // Each row exactly ROW high, as `show_rows` counts them.
                ui.horizontal(|ui| {
                    ui.set_height(ROW);
                    if ui.selectable_label(open == Some(d), label).clicked() {
                        if a.coders.len() == 2 {
                            chosen = Some(d.clone());
                        } else {
                            commands.push(Intent::ShowPassage { document: d.document, start: d.start, end: d.end });
                            commands.push(UiCommand::Show(Center::Transcript));
                        }
                    }
                });
            }
        });
    chosen
}
