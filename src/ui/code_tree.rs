//! The code tree: paradigm classes -> categories -> concepts -> codes, with coding counts, a
//! filter box, and codes that can be clicked (select), double-clicked (code the selection) or
//! dragged onto the text.

use super::command::Commands;
use super::theme;
use crate::app::{AppState, Intent};
use axial_core::analysis::hierarchy::Hierarchy;
use axial_core::model::*;
use egui::{AtomExt as _, RichText, Sense};

#[derive(Default)]
pub struct CodeTree {
    pub filter: String,
    /// The hierarchy view model, rebuilt when the project's structure changes (not on every
    /// coding or keystroke).
    hierarchy: Hierarchy,
    built: bool,
}

impl CodeTree {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let structure = state.project.revisions().structure;
        if !self.built || self.hierarchy.revision != structure {
            self.hierarchy = Hierarchy::build(&state.project);
            self.built = true;
        }
        let h = &self.hierarchy;
        let freq = state.project.tallies();
        ui.horizontal(|ui| {
            ui.heading("Codes");
            ui.label(
                RichText::new(format!(
                    "{} codes · {} codings",
                    state.project.codes().len(),
                    state.project.codings().len()
                ))
                .weak()
                .small(),
            );
        });
        ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("Filter codes").desired_width(f32::INFINITY));
        ui.add_space(4.0);
        let filter = self.filter.trim().to_lowercase();
        let p = &state.project;
        let code_visible = |c: &Code| filter.is_empty() || c.name.to_lowercase().contains(&filter);
        egui::ScrollArea::vertical().id_salt("code-tree").auto_shrink(false).show(ui, |ui| {
            if p.codes().len() == 0 {
                ui.label(
                    RichText::new("No codes yet. Select a passage and press Ctrl+K to create the first one.").weak(),
                );
            }
            // A study that does not use the paradigm model (nothing placed) sees its categories
            // without six empty classes above them.
            let uses_paradigm = p.categories().any(|c| c.class.is_some());
            let classes = ParadigmClass::ALL.map(Some).into_iter().chain([None]);
            let codes_in = |k: Option<ConceptId>| h.codes_in(k).iter().filter_map(|&id| p.code(id));
            for class in classes {
                let cats: Vec<&Category> = h.categories_in(class).iter().filter_map(|&c| p.category(c)).collect();
                if (cats.is_empty() && class.is_none()) || (class.is_some() && !uses_paradigm) {
                    continue;
                }
                let any_visible =
                    cats.iter().any(|c| h.concepts_in(Some(c.id)).iter().any(|&k| codes_in(Some(k)).any(code_visible)));
                if !filter.is_empty() && !any_visible {
                    continue;
                }
                let (label, count) = match class {
                    Some(c) => (c.label().to_owned(), freq.class(c).references),
                    None if uses_paradigm => (
                        "Categories not yet placed".to_owned(),
                        cats.iter().map(|c| freq.category(c.id).references).sum(),
                    ),
                    None => ("Categories".to_owned(), cats.iter().map(|c| freq.category(c.id).references).sum()),
                };
                egui::CollapsingHeader::new(RichText::new(format!("{label}  ({count})")).strong())
                    .id_salt(("class", label.clone()))
                    .default_open(true)
                    .show(ui, |ui| {
                        if cats.is_empty() {
                            ui.label(RichText::new("no categories").weak().small());
                        }
                        for cat in cats {
                            let core = if p.core_category() == Some(cat.id) { "  · core category" } else { "" };
                            let name = fit(ui, &cat.name, 40.0);
                            egui::CollapsingHeader::new(format!(
                                "{name}  ({}){core}",
                                freq.category(cat.id).references
                            ))
                            .id_salt(("category", cat.id.0))
                            .default_open(!filter.is_empty() || p.categories().len() <= 4)
                            .show(ui, |ui| {
                                for concept in h.concepts_in(Some(cat.id)).iter().filter_map(|&k| p.concept(k)) {
                                    concept_ui(ui, state, h, &self.filter, concept, &code_visible, commands);
                                }
                            })
                            .header_response
                            .on_hover_text(&cat.name);
                        }
                    });
            }
            let loose_concepts: Vec<&Concept> = h.concepts_in(None).iter().filter_map(|&k| p.concept(k)).collect();
            let loose_codes: Vec<&Code> = codes_in(None).filter(|c| code_visible(c)).collect();
            if !loose_concepts.is_empty() || !loose_codes.is_empty() {
                egui::CollapsingHeader::new(RichText::new("Open codes, not yet grouped").strong())
                    .id_salt("loose")
                    .default_open(true)
                    .show(ui, |ui| {
                        for concept in loose_concepts {
                            concept_ui(ui, state, h, &self.filter, concept, &code_visible, commands);
                        }
                        for code in loose_codes {
                            code_row(ui, state, code, commands);
                        }
                    });
            }
        });
    }
}

/// A concept with its (visible) codes, collapsible.
fn concept_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    h: &Hierarchy,
    filter: &str,
    concept: &Concept,
    visible: &dyn Fn(&Code) -> bool,
    commands: &mut Commands,
) {
    let p = &state.project;
    let codes: Vec<&Code> =
        h.codes_in(Some(concept.id)).iter().filter_map(|&c| p.code(c)).filter(|c| visible(c)).collect();
    if codes.is_empty() && !filter.trim().is_empty() {
        return;
    }
    let name = fit(ui, &concept.name, 50.0);
    egui::CollapsingHeader::new(format!("{name}  ({})", p.tallies().concept(concept.id).references))
        .id_salt(("concept", concept.id.0))
        .default_open(!filter.trim().is_empty() || p.concepts().len() <= 12)
        .show(ui, |ui| {
            for code in codes {
                code_row(ui, state, code, commands);
            }
        })
        .header_response
        .on_hover_text(&concept.name);
}

/// `name` shortened with "…" to fit the panel (headers do not wrap or truncate by themselves,
/// and a long category name would otherwise widen the whole panel).
fn fit(ui: &egui::Ui, name: &str, reserve: f32) -> String {
    let per_char = 7.4;
    let max = ((ui.available_width() - reserve) / per_char).max(12.0) as usize;
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let mut short: String = name.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

/// One code: colour swatch, name, count. Click selects, double-click codes the selection,
/// drag onto the text codes the selection.
fn code_row(ui: &mut egui::Ui, state: &AppState, code: &Code, commands: &mut Commands) {
    ui.horizontal(|ui| {
        let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
        ui.painter().rect_filled(swatch, 2.0, theme::code_color(&code.color));
        let n = state.project.tallies().code(code.id).references;
        let selected = state.selected_code == Some(code.id);
        let response = ui
            // The name shrinks (with "…") before the count does: the count stays readable.
            .add(
                egui::Button::selectable(
                    selected,
                    (
                        egui::RichText::new(&code.name).atom_shrink(true),
                        egui::Atom::grow(),
                        egui::RichText::new(format!("({n})")).weak(),
                    ),
                )
                .min_size(egui::vec2(ui.available_width(), 0.0)),
            )
            .interact(Sense::click_and_drag())
            .on_hover_text(if code.definition.is_empty() {
                "Drag onto the selected text, or double-click, to code it".to_owned()
            } else {
                code.definition.clone()
            });
        response.dnd_set_drag_payload(code.id);
        if response.double_clicked() {
            commands.push(Intent::ApplyCode(code.id));
        } else if response.clicked() {
            commands.push(Intent::SelectCode(Some(code.id)));
        }
    });
}
