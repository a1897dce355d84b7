//! The depth of the model in the details panel: a category's properties with their dimensions
//! (and how its passages spread over them) and its level of the conditional/consequential
//! matrix; a coded passage's place on its category's properties and its prompted mark; a
//! relation's evidence passages, the passages the data suggests, and a way to add the text
//! selected in the transcript.

use super::Center;
use super::command::{Commands, UiCommand};
use crate::app::{AppState, DepthEdit, Intent};
use axial_core::analysis::grounding::{Suggestion, suggestions};
use axial_core::model::*;
use egui::RichText;

/// What is being typed for a new or edited property, and the suggestions last worked out.
#[derive(Default)]
pub struct DepthDrafts {
    /// The property form: for which category, which property (None: a new one), its fields.
    form: Option<PropertyForm>,
    /// Suggestions for a relation, by the relation and the revisions they were worked out at:
    /// two co-occurrence matrices over every coding, so off the frame thread in a large project
    /// (the value carries its relation: a previous relation's is never offered for this one).
    suggested: crate::app::Computed<SuggestionKey, (RelationId, Vec<Suggestion>)>,
}

/// A relation and the (structure, codings) revisions its suggestions were worked out at.
type SuggestionKey = (RelationId, (u64, u64));

struct PropertyForm {
    /// Just opened: brought into view once (the details panel scrolls).
    fresh: bool,
    category: CategoryId,
    editing: Option<PropertyId>,
    name: String,
    points: String,
    set: bool,
}

const NOT_PLACED: &str = "not placed";

/// A category's properties (each with its dimension and spread), a form to add or edit one,
/// and its matrix level.
pub fn category_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    category: CategoryId,
    drafts: &mut DepthDrafts,
    commands: &mut Commands,
) {
    let p = &state.project;
    let d = p.depth();
    let refusal = state.edit_refusal();
    ui.horizontal(|ui| {
        let mut level = d.level(category);
        ui.add_enabled_ui(refusal.is_none(), |ui| {
            egui::ComboBox::from_label("Matrix level")
                .selected_text(level.map(|l| l.label()).unwrap_or("not set"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut level, None, "not set");
                    for l in ConditionLevel::ALL {
                        ui.selectable_value(&mut level, Some(l), l.label());
                    }
                })
                .response
                .on_hover_text("Where its conditions lie in the conditional/consequential matrix")
                .on_disabled_hover_text(refusal.unwrap_or_default());
        });
        if level != d.level(category) {
            commands.push(Intent::EditDepth(DepthEdit::SetLevel { category, level }));
        }
    });
    let properties: Vec<&Property> = d.properties_of(category).collect();
    ui.label(RichText::new(format!("Properties ({})", properties.len())).small().strong());
    for prop in &properties {
        ui.horizontal_wrapped(|ui| {
            let kind = if prop.dimension.ordered { "range" } else { "set" };
            ui.label(super::bidi_text::label(ui, RichText::new(&prop.name).strong()))
                .on_hover_text(format!("A {kind}: {}", prop.dimension.describe()));
            let spread = d.spread(prop);
            let placed: usize = spread.iter().map(|(_, n)| n).sum();
            let text: Vec<String> = spread.iter().map(|(point, n)| format!("{point} {n}")).collect();
            ui.label(RichText::new(text.join(if prop.dimension.ordered { " \u{2013} " } else { " · " })).small())
                .on_hover_text(format!("{placed} passages placed on its dimension"));
            if ui.add_enabled(refusal.is_none(), egui::Button::new("Edit").small()).clicked() {
                drafts.form = Some(PropertyForm {
                    fresh: true,
                    category,
                    editing: Some(prop.id),
                    name: prop.name.clone(),
                    points: prop.dimension.points.join(", "),
                    set: !prop.dimension.ordered,
                });
            }
            if ui
                .add_enabled(refusal.is_none(), egui::Button::new("Delete").small())
                .on_hover_text("Delete the property and the passages' places on it (undo brings them back)")
                .clicked()
            {
                commands.push(Intent::EditDepth(DepthEdit::DeleteProperty(prop.id)));
            }
        });
    }
    let open = drafts.form.as_ref().is_some_and(|f| f.category == category);
    if !open {
        let add = ui
            .add_enabled(refusal.is_none(), egui::Button::new("+ Property"))
            .on_hover_text("A property of this category with its dimension: a range (low to high) or a set of values")
            .on_disabled_hover_text(refusal.unwrap_or_default());
        if add.clicked() {
            drafts.form = Some(PropertyForm {
                fresh: true,
                category,
                editing: None,
                name: String::new(),
                points: String::new(),
                set: false,
            });
        }
        return;
    }
    property_form(ui, drafts, commands);
}

fn property_form(ui: &mut egui::Ui, drafts: &mut DepthDrafts, commands: &mut Commands) {
    let Some(form) = drafts.form.as_mut() else { return };
    let mut close = false;
    let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut form.name).hint_text("Frequency").desired_width(160.0));
        });
        ui.horizontal(|ui| {
            ui.label("Points");
            ui.add(
                egui::TextEdit::singleline(&mut form.points).hint_text("rarely, monthly, weekly").desired_width(220.0),
            );
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.set, false, "a range (first to last)");
            ui.radio_value(&mut form.set, true, "a set of values");
        });
        let dimension = PropertyDimension { ordered: !form.set, points: axial_core::edit::depth::points(&form.points) };
        let problem = if form.name.trim().is_empty() { Some("give it a name".to_owned()) } else { dimension.problem() };
        if let Some(problem) = &problem {
            ui.label(RichText::new(problem).small().weak());
        }
        ui.horizontal(|ui| {
            let label = if form.editing.is_some() { "Save property" } else { "Add property" };
            if ui.add_enabled(problem.is_none(), egui::Button::new(label)).clicked() {
                let name = form.name.trim().to_owned();
                commands.push(Intent::EditDepth(match form.editing {
                    Some(id) => DepthEdit::UpdateProperty { id, name, dimension },
                    None => DepthEdit::AddProperty { category: form.category, name, dimension },
                }));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if std::mem::take(&mut form.fresh) {
        frame.response.scroll_to_me(None);
    }
    if close {
        drafts.form = None;
    }
}

/// A coded passage's place on its category's properties, and whether it was prompted.
pub fn coding_ui(ui: &mut egui::Ui, state: &AppState, coding: &Coding, commands: &mut Commands) {
    let p = &state.project;
    let d = p.depth();
    let refusal = state.edit_refusal();
    ui.horizontal_wrapped(|ui| {
        let mut prompted = d.is_prompted(coding.id);
        let check = ui
            .add_enabled(refusal.is_none(), egui::Checkbox::new(&mut prompted, "prompted by the interviewer"))
            .on_hover_text("The interviewer asked about it by name: the cube can count unprompted references only")
            .on_disabled_hover_text(refusal.unwrap_or_default());
        if check.changed() {
            commands.push(Intent::EditDepth(DepthEdit::SetPrompted { coding: coding.id, prompted }));
        }
    });
    let Some(category) = p.placement(coding.code).category else { return };
    let properties: Vec<&Property> = d.properties_of(category).collect();
    if properties.is_empty() {
        return;
    }
    let name = p.category(category).map(|c| c.name.as_str()).unwrap_or("?");
    ui.label(RichText::new(format!("On the properties of \u{201c}{name}\u{201d}")).small());
    egui::Grid::new(("coding-properties", coding.id.0)).num_columns(1).show(ui, |ui| {
        for prop in properties {
            let now = d.placement(coding.id, prop.id).map(str::to_owned);
            let mut chosen = now.clone();
            ui.add_enabled_ui(refusal.is_none(), |ui| {
                egui::ComboBox::from_label(super::bidi_text::label(ui, prop.name.as_str()))
                    .width(140.0)
                    .selected_text(chosen.as_deref().unwrap_or(NOT_PLACED))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, NOT_PLACED);
                        for point in &prop.dimension.points {
                            ui.selectable_value(&mut chosen, Some(point.clone()), point);
                        }
                    });
            });
            if chosen != now {
                commands.push(Intent::EditDepth(DepthEdit::Place {
                    coding: coding.id,
                    property: prop.id,
                    point: chosen,
                }));
            }
            ui.end_row();
        }
    });
}

/// A relation's evidence: the passages picked (each opens in the transcript; one click removes
/// it), the text selected in the transcript to add, and the passages coded with both ends to
/// pick from.
pub fn relation_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    r: &Relation,
    drafts: &mut DepthDrafts,
    commands: &mut Commands,
) {
    let p = &state.project;
    let refusal = state.edit_refusal();
    let picked: Vec<&Evidence> = p.depth().evidence_of(r.id).collect();
    let relation = r.id;
    // By the hierarchy's and the codings' revisions: typing the relation's memo recounts nothing.
    let key = (relation, super::analysis::counts_key(state));
    if drafts.suggested.busy() {
        ui.spinner();
    }
    let computed = drafts
        .suggested
        .get(key, &state.project, super::analysis::wake(ui), move |p| (relation, suggestions(p, relation)));
    let suggested: &[Suggestion] = match computed {
        Some((id, s)) if *id == relation => s.as_slice(),
        _ => &[],
    };
    let status = match (picked.len(), suggested.len()) {
        (0, 0) => "No evidence: no passage is picked and none is coded with both ends (drawn dashed).".to_owned(),
        (0, n) => format!("No evidence picked yet; the data suggests {n} passage{}.", if n == 1 { "" } else { "s" }),
        (k, _) => format!("{k} evidence passage{}.", if k == 1 { "" } else { "s" }),
    };
    ui.label(RichText::new(status).small());
    egui::ScrollArea::vertical().id_salt(("evidence", r.id.0)).max_height(150.0).show(ui, |ui| {
        for e in &picked {
            let button = ("Remove", "No longer evidence for this relation (undo brings it back)");
            if passage_row(ui, state, (e.document, e.start, e.end), button, refusal.is_none(), commands) {
                commands.push(Intent::EditDepth(DepthEdit::RemoveEvidence(e.id)));
            }
        }
        if !suggested.is_empty() {
            ui.label(RichText::new("Coded with both ends (suggested)").small().weak());
        }
        for s in suggested.iter().take(20) {
            let button = ("Add", "Pick this passage as evidence for the relation");
            if passage_row(ui, state, (s.document, s.start, s.end), button, refusal.is_none(), commands) {
                commands.push(Intent::EditDepth(DepthEdit::AddEvidence {
                    relation: r.id,
                    document: s.document,
                    start: s.start,
                    end: s.end,
                }));
            }
        }
    });
    let selection = state.selected_range().zip(state.document);
    let add = ui
        .add_enabled(refusal.is_none() && selection.is_some(), egui::Button::new("Add the selected text as evidence"))
        .on_hover_text("The passage selected in the transcript grounds this relation")
        .on_disabled_hover_text(
            refusal.unwrap_or("Select the passage in the transcript first (the relation stays here)"),
        );
    if add.clicked()
        && let Some(((start, end), document)) = selection
    {
        commands.push(Intent::EditDepth(DepthEdit::AddEvidence { relation: r.id, document, start, end }));
    }
}

/// One passage: where it is (a link that opens it in the transcript), its first words, and the
/// row's own button (its label and hover text); whether that button was clicked.
fn passage_row(
    ui: &mut egui::Ui,
    state: &AppState,
    (document, start, end): (DocumentId, usize, usize),
    (label, hover): (&str, &str),
    enabled: bool,
    commands: &mut Commands,
) -> bool {
    let Some(doc) = state.project.document(document) else { return false };
    let quote = axial_core::io::text::slice_chars(&doc.text, start, end);
    let words: String = quote.chars().take(90).collect();
    let more = if words.len() < quote.len() { "\u{2026}" } else { "" };
    let clicked = ui
        .horizontal_wrapped(|ui| {
            let link =
                ui.link(format!("{} {start}\u{2013}{end}", doc.title)).on_hover_text("Read it in the transcript");
            if link.clicked() {
                commands.push(Intent::ShowPassage { document, start, end });
                commands.push(UiCommand::Show(Center::Transcript));
            }
            ui.add_enabled(enabled, egui::Button::new(label).small()).on_hover_text(hover).clicked()
        })
        .inner;
    ui.label(super::bidi_text::label(
        ui,
        RichText::new(format!("\u{201c}{}{more}\u{201d}", words.trim())).small().italics(),
    ));
    clicked
}
