//! Coded retrieval for constant comparison: every passage of the code, concept or category
//! selected in the tree (or of a paradigm class), filtered by case, document attribute and
//! coder. Pin one item to read it side by side with the next one selected. Copy the passages,
//! export them as CSV, or open any one in the transcript.

use super::{Commands, counts_key, passage_list, wake};
use crate::app::{AppState, Computed, Group, Intent, Scope, Wake};
use crate::ui::command::UiCommand;
use axial_core::analysis::retrieval::{self, Filter, Passage};
use axial_core::analysis::units::TurnIndex;
use axial_core::export::QuotesFormat;
use axial_core::model::*;
use egui::RichText;

type Key = (Scope, (u64, u64), Filter);

#[derive(Default)]
pub struct PassagesView {
    /// An item kept on the left while another is selected, to compare the two.
    pub pinned: Option<Scope>,
    /// The class read when nothing is selected in the tree.
    pub class: Option<ParadigmClass>,
    pub filter: Filter,
    left: Computed<Key, Vec<Passage>>,
    right: Computed<Key, Vec<Passage>>,
    /// The coders of the project's codings, by codings revision.
    coders: Option<(u64, Vec<String>)>,
}

/// The item selected in the tree, as a retrieval scope.
pub fn selected_scope(state: &AppState) -> Option<Scope> {
    match (state.selected_code, state.selected_group) {
        (Some(code), _) => Some(Scope::Code(code)),
        (_, Some(Group::Concept(id))) => Some(Scope::Concept(id)),
        (_, Some(Group::Category(id))) => Some(Scope::Category(id)),
        _ => None,
    }
}

fn load(p: &Project, scope: Scope, filter: &Filter) -> Vec<Passage> {
    retrieval::filtered(p, scope, filter, &mut TurnIndex::default())
}

/// The passages of `scope` through `filter`, from `slot`'s computed value.
fn passages_in<'a>(
    slot: &'a mut Computed<Key, Vec<Passage>>,
    wake: Option<Wake>,
    state: &AppState,
    scope: Scope,
    filter: &Filter,
) -> &'a [Passage] {
    let f = filter.clone();
    slot.get((scope, counts_key(state), filter.clone()), &state.project, wake, move |p| load(p, scope, &f))
        .map(Vec::as_slice)
        .unwrap_or_default()
}

impl PassagesView {
    /// The scope read on the left and, when comparing, on the right.
    fn scopes(&self, state: &AppState) -> (Option<Scope>, Option<Scope>) {
        let current = selected_scope(state).or(self.class.map(Scope::Class));
        match self.pinned {
            Some(pinned) => (Some(pinned), current.filter(|c| *c != pinned)),
            None => (current, None),
        }
    }

    /// The items read now: on the left, and on the right when comparing.
    pub fn scopes_read(&self, state: &AppState) -> Vec<Scope> {
        let (left, right) = self.scopes(state);
        left.into_iter().chain(right).collect()
    }

    /// The passages shown now (left, then right), filtered: what Copy and Export write.
    pub fn shown(&mut self, state: &AppState, wake: Option<Wake>) -> Vec<Passage> {
        let (left, right) = self.scopes(state);
        let mut out = Vec::new();
        if let Some(scope) = left {
            out.extend_from_slice(passages_in(&mut self.left, wake.clone(), state, scope, &self.filter));
        }
        if let Some(scope) = right {
            out.extend_from_slice(passages_in(&mut self.right, wake, state, scope, &self.filter));
        }
        out
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        let (left, _) = self.scopes(state);
        ui.horizontal_wrapped(|ui| {
            match (self.pinned, left) {
                (Some(pinned), _) => {
                    ui.label(RichText::new(format!("Comparing the {}", pinned.describe(p))).strong());
                    ui.label(RichText::new("with the item selected in the code tree").weak());
                    if ui.button("Unpin").clicked() {
                        self.pinned = None;
                    }
                }
                (None, Some(scope)) => {
                    ui.label(RichText::new(format!("Passages of the {}", scope.describe(p))).strong());
                    if ui
                        .button("Pin to compare")
                        .on_hover_text("Keep these passages on the left; select another item to read beside them")
                        .clicked()
                    {
                        self.pinned = Some(scope);
                    }
                }
                (None, None) => {
                    ui.label(RichText::new("Select a code, concept or category in the code tree, or a class:").weak());
                }
            }
            let mut class = self.class;
            let label = ui.label("Class:");
            egui::ComboBox::from_id_salt("passages-class")
                .selected_text(class.map(|c| c.label()).unwrap_or("—"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut class, None, "—");
                    for c in ParadigmClass::ALL {
                        ui.selectable_value(&mut class, Some(c), c.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if class != self.class {
                self.class = class;
                if class.is_some() {
                    commands.push(Intent::SelectCode(None));
                    commands.push(Intent::SelectGroup(None));
                }
            }
        });
        self.filters_ui(ui, state);
        let (left, right) = self.scopes(state);
        let busy = self.left.busy() || self.right.busy();
        let shown_left = match left {
            Some(scope) => passages_in(&mut self.left, wake(ui), state, scope, &self.filter),
            None => &[],
        };
        let shown_right = right.map(|scope| passages_in(&mut self.right, wake(ui), state, scope, &self.filter));
        ui.horizontal(|ui| {
            let total = shown_left.len() + shown_right.map_or(0, <[Passage]>::len);
            ui.label(RichText::new(format!("{total} passages")).weak());
            if busy {
                ui.spinner();
            }
            let copy = ui.add_enabled(total > 0, egui::Button::new("Copy"));
            if copy.on_hover_text("Copy every passage shown, as text").clicked() {
                commands.push(UiCommand::CopyPassages);
            }
            ui.add_enabled_ui(total > 0, |ui| {
                ui.menu_button("Export quotes", |ui| {
                    for format in QuotesFormat::ALL {
                        let c = UiCommand::ExportPassages(format);
                        if c.menu_button(ui, true) {
                            commands.push(c);
                        }
                    }
                })
                .response
                .on_hover_text("Every passage shown, with document, case, speaker and position, for a thesis");
            });
            if let Some(scope) = left
                && ui.add_enabled(!shown_left.is_empty(), egui::Button::new("Read one by one")).clicked()
            {
                commands.push(UiCommand::ReadPassages(scope));
            }
        });
        ui.separator();
        match (right, shown_right) {
            (Some(scope), Some(shown_right)) => {
                ui.columns(2, |cols| {
                    cols[0].label(RichText::new(left.map(|s| s.describe(p)).unwrap_or_default()).strong());
                    passage_list(&mut cols[0], state, shown_left, "left", commands);
                    cols[1].label(RichText::new(scope.describe(p)).strong());
                    passage_list(&mut cols[1], state, shown_right, "right", commands);
                });
            }
            _ if left.is_some() => passage_list(ui, state, shown_left, "left", commands),
            _ => {}
        }
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &state.project;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Case:");
            let case_name = |c: Option<CaseId>| c.and_then(|c| p.case(c)).map(|c| c.name.clone());
            egui::ComboBox::from_id_salt("filter-case")
                .selected_text(case_name(self.filter.case).unwrap_or_else(|| "every case".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.case, None, "every case");
                    for c in p.cases() {
                        ui.selectable_value(&mut self.filter.case, Some(c.id), &c.name);
                    }
                })
                .response
                .labelled_by(label.id);
            let shown = |a: &Option<(String, String)>| match a {
                Some((k, v)) => format!("{k} = {v}"),
                None => "any attribute".into(),
            };
            let label = ui.label("Attribute:");
            egui::ComboBox::from_id_salt("filter-attribute")
                .selected_text(shown(&self.filter.attribute))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.attribute, None, "any attribute");
                    let attributes = super::document_attribute_values(p);
                    for a in attributes {
                        let label = format!("{} = {}", a.0, a.1);
                        ui.selectable_value(&mut self.filter.attribute, Some(a), label);
                    }
                })
                .response
                .labelled_by(label.id);
            let revision = p.revisions().codings;
            if self.coders.as_ref().is_none_or(|(r, _)| *r != revision) {
                let all: std::collections::BTreeSet<&str> = p.codings().map(|c| c.coder.as_str()).collect();
                self.coders = Some((revision, all.into_iter().map(str::to_owned).collect()));
            }
            let coders = self.coders.as_ref().map(|(_, c)| c.as_slice()).unwrap_or_default();
            if coders.len() > 1 || self.filter.coder.is_some() {
                let label = ui.label("Coder:");
                egui::ComboBox::from_id_salt("filter-coder")
                    .selected_text(self.filter.coder.clone().unwrap_or_else(|| "every coder".into()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.filter.coder, None, "every coder");
                        for c in coders {
                            ui.selectable_value(&mut self.filter.coder, Some(c.clone()), c);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            if !self.filter.is_empty() && ui.small_button("Clear filters").clicked() {
                self.filter = Filter::default();
            }
        });
    }
}
