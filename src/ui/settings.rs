//! Project settings: the study's own vocabularies. The cube framework's dimensions and their
//! values (renamed in place, moved up and down, added, removed with a confirmation that says
//! what goes with them) and the kinds of relation offered when categories are related. Every
//! change is one undoable action; keys, which facets and exports refer to, are made from the
//! names once and never change.

use super::command::Commands;
use crate::app::{AppState, Intent};
use axial_core::edit::vocabulary::key_for;
use axial_core::model::*;
use egui::RichText;

/// What a name field edits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Target {
    Dimension(String),
    Value(String, String),
    Kind(String),
}

/// A removal waiting for the user's yes.
struct Confirm {
    message: String,
    action: Action,
}

#[derive(Default)]
pub struct SettingsWindow {
    pub open: bool,
    /// The name field being typed in, with its text (other fields show the project's names,
    /// so an undo elsewhere shows at once).
    editing: Option<(Target, String)>,
    new_dimension: String,
    new_dimension_values: String,
    /// Per dimension key, the name of a value about to be added.
    new_value: std::collections::HashMap<String, String>,
    new_kind: String,
    confirm: Option<Confirm>,
}

impl SettingsWindow {
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, commands: &mut Commands) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Project settings")
            .open(&mut open)
            .default_size([520.0, 560.0])
            // Below the menu bar and the toolbar, centred across the window.
            .default_pos([(ctx.content_rect().center().x - 260.0).max(8.0), 64.0])
            .max_height(ctx.content_rect().height() - 90.0)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
                    self.dimensions_ui(ui, &state.project, commands);
                    ui.add_space(12.0);
                    ui.separator();
                    self.kinds_ui(ui, &state.project, commands);
                });
            });
        self.open = open;
        self.confirm_ui(ctx, commands);
    }

    fn dimensions_ui(&mut self, ui: &mut egui::Ui, p: &Project, commands: &mut Commands) {
        ui.heading("Cube dimensions");
        ui.label(
            RichText::new(
                "Each coded reference falls in one cell of the cube: one value on every dimension, \
                 taken from its code, else the code's concept, else the category.",
            )
            .weak(),
        );
        let dims = &p.framework().dimensions;
        let mut vocabulary = |a: Action| commands.push(Intent::EditVocabulary(a));
        for (i, dim) in dims.iter().enumerate() {
            ui.add_space(6.0);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let target = Target::Dimension(dim.key.clone());
                    if let Some(label) = self.name_field(ui, target, &dim.label, 200.0, "Dimension name") {
                        vocabulary(Action::RenameDimension { key: dim.key.clone(), label });
                    }
                    ui.label(RichText::new(format!("key: {}", dim.key)).small().weak());
                    if let Some(position) = up_down(ui, i, dims.len(), "dimension") {
                        vocabulary(Action::MoveDimension { key: dim.key.clone(), position });
                    }
                    if ui.button("Remove…").on_hover_text("Remove this dimension (undo brings it back)").clicked() {
                        self.confirm = Some(Confirm {
                            message: removal_message(p, &dim.label, &dim.key, None),
                            action: Action::DeleteDimension { key: dim.key.clone() },
                        });
                    }
                });
                ui.indent(("values", dim.key.as_str()), |ui| {
                    for (j, value) in dim.values.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let target = Target::Value(dim.key.clone(), value.key.clone());
                            if let Some(label) = self.name_field(ui, target, &value.label, 180.0, "Value name") {
                                vocabulary(Action::RenameDimensionValue {
                                    dimension: dim.key.clone(),
                                    key: value.key.clone(),
                                    label,
                                });
                            }
                            if let Some(position) = up_down(ui, j, dim.values.len(), "value") {
                                vocabulary(Action::MoveDimensionValue {
                                    dimension: dim.key.clone(),
                                    key: value.key.clone(),
                                    position,
                                });
                            }
                            let last = dim.values.len() == 1;
                            let remove = ui
                                .add_enabled(!last, egui::Button::new("Remove…").small())
                                .on_hover_text("Remove this value (undo brings it back)")
                                .on_disabled_hover_text("A dimension keeps at least one value; remove the dimension");
                            if remove.clicked() {
                                self.confirm = Some(Confirm {
                                    message: removal_message(p, &value.label, &dim.key, Some(&value.key)),
                                    action: Action::DeleteDimensionValue {
                                        dimension: dim.key.clone(),
                                        key: value.key.clone(),
                                    },
                                });
                            }
                        });
                    }
                    ui.horizontal(|ui| {
                        let text = self.new_value.entry(dim.key.clone()).or_default();
                        let label = ui.label("New value:");
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(text)
                                    .desired_width(180.0)
                                    .id_salt(("new-value", dim.key.as_str())),
                            )
                            .labelled_by(label.id);
                        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        let add = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Add value"));
                        if (add.clicked() || enter) && !text.trim().is_empty() {
                            let label = text.trim().to_owned();
                            let key = key_for(&label, |k| dim.has_value(k));
                            vocabulary(Action::CreateDimensionValue {
                                dimension: dim.key.clone(),
                                value: DimensionValue { key, label },
                                position: None,
                            });
                            text.clear();
                        }
                    });
                });
            });
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Add a dimension").strong());
        egui::Grid::new("new-dimension").num_columns(2).show(ui, |ui| {
            let name = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_dimension)
                    .hint_text("e.g. Role")
                    .desired_width(240.0)
                    .id_salt("new-dimension-name"),
            )
            .labelled_by(name.id);
            ui.end_row();
            let values = ui.label("Values");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_dimension_values)
                    .hint_text("comma-separated, e.g. Manager, Front line")
                    .desired_width(240.0)
                    .id_salt("new-dimension-values"),
            )
            .labelled_by(values.id);
            ui.end_row();
        });
        let values: Vec<String> =
            self.new_dimension_values.split(',').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
        let ready = !self.new_dimension.trim().is_empty() && !values.is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Add dimension"))
            .on_disabled_hover_text("Give the dimension a name and at least one value")
            .clicked()
        {
            let action = axial_core::edit::vocabulary::add_dimension(p, &self.new_dimension, None, &values);
            vocabulary(action);
            self.new_dimension.clear();
            self.new_dimension_values.clear();
        }
    }

    fn kinds_ui(&mut self, ui: &mut egui::Ui, p: &Project, commands: &mut Commands) {
        ui.heading("Relation kinds");
        ui.label(
            RichText::new("Offered when you draw a relation between two categories in the paradigm model.").weak(),
        );
        let mut uses: std::collections::HashMap<&str, usize> = Default::default();
        for r in p.relations() {
            *uses.entry(r.kind.as_str()).or_default() += 1;
        }
        let kinds = p.relation_kinds();
        for (i, kind) in kinds.iter().enumerate() {
            ui.horizontal(|ui| {
                if let Some(new_name) = self.name_field(ui, Target::Kind(kind.clone()), kind, 200.0, "Relation kind") {
                    commands.push(Intent::EditVocabulary(Action::RenameRelationKind { name: kind.clone(), new_name }));
                }
                if let Some(position) = up_down(ui, i, kinds.len(), "kind") {
                    commands.push(Intent::EditVocabulary(Action::MoveRelationKind { name: kind.clone(), position }));
                }
                let used = uses.get(kind.as_str()).copied().unwrap_or(0);
                let remove = ui
                    .add_enabled(used == 0, egui::Button::new("Remove").small())
                    .on_hover_text("Remove this kind (undo brings it back)")
                    .on_disabled_hover_text(format!(
                        "{} of this kind; rename the kind, or delete them first",
                        plural(used, "relation")
                    ));
                if remove.clicked() {
                    commands.push(Intent::EditVocabulary(Action::DeleteRelationKind { name: kind.clone() }));
                }
                if used > 0 {
                    ui.label(RichText::new(plural(used, "relation")).small().weak());
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("New kind:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_kind)
                        .hint_text("e.g. enables")
                        .desired_width(200.0)
                        .id_salt("new-kind"),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.new_kind.trim().to_owned();
            let taken = kinds.contains(&name);
            let add = ui
                .add_enabled(!name.is_empty() && !taken, egui::Button::new("Add kind"))
                .on_disabled_hover_text(if taken { "This kind exists already" } else { "Type the new kind's name" });
            if (add.clicked() || enter) && !name.is_empty() && !taken {
                commands.push(Intent::EditVocabulary(Action::CreateRelationKind { name, position: None }));
                self.new_kind.clear();
            }
        });
    }

    /// A name shown as a text field: typing edits a buffer; leaving the field (or Enter)
    /// returns the new name if it changed and is not empty.
    fn name_field(
        &mut self,
        ui: &mut egui::Ui,
        target: Target,
        current: &str,
        width: f32,
        what: &str,
    ) -> Option<String> {
        let editing = self.editing.as_ref().is_some_and(|(t, _)| *t == target);
        let mut text = if editing {
            self.editing.as_ref().map(|(_, t)| t.clone()).unwrap_or_default()
        } else {
            current.to_owned()
        };
        let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(width).id_salt(("name", &target)));
        let response = response.on_hover_text(format!("{what}: type to rename, Enter to keep"));
        if response.has_focus() {
            self.editing = Some((target, text.clone()));
        }
        if response.lost_focus() {
            self.editing = None;
            let text = text.trim();
            if !text.is_empty() && text != current {
                return Some(text.to_owned());
            }
        }
        None
    }

    fn confirm_ui(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        let Some(confirm) = &self.confirm else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("settings-confirm")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.label(&confirm.message);
            ui.horizontal(|ui| {
                if ui.button("Remove it").clicked() {
                    commands.push(Intent::EditVocabulary(confirm.action.clone()));
                    close = true;
                }
                close |= ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape));
            });
        });
        if close {
            self.confirm = None;
        }
    }
}

/// Up and down buttons for item `i` of `len`; the index to move it to, if one was clicked.
fn up_down(ui: &mut egui::Ui, i: usize, len: usize, what: &str) -> Option<usize> {
    let up = ui.add_enabled(i > 0, egui::Button::new("Up").small()).on_hover_text(format!("Move this {what} up"));
    let down =
        ui.add_enabled(i + 1 < len, egui::Button::new("Down").small()).on_hover_text(format!("Move this {what} down"));
    if up.clicked() {
        Some(i - 1)
    } else if down.clicked() {
        Some(i + 1)
    } else {
        None
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// What removing a dimension (or one of its values) takes with it, in a sentence.
fn removal_message(p: &Project, label: &str, dimension: &str, value: Option<&str>) -> String {
    let names = |d: &str, v: &str| d == dimension && value.is_none_or(|x| x == v);
    let facets = p.facets().iter().filter(|f| names(&f.dimension, &f.value)).count();
    let expectations = p
        .expectations()
        .iter()
        .filter(|e| names(&e.row.dimension, &e.row.value) || names(&e.column.dimension, &e.column.value))
        .count();
    let what = if value.is_some() { "value" } else { "cube dimension" };
    let mut goes = Vec::new();
    if facets > 0 {
        goes.push(plural(facets, "facet value"));
    }
    if expectations > 0 {
        goes.push(plural(expectations, "expected level"));
    }
    let tail = if goes.is_empty() {
        "Nothing is set on it yet.".to_owned()
    } else {
        format!("{} on it go with it.", goes.join(" and "))
    };
    format!("Remove the {what} \u{201c}{label}\u{201d}? {tail} Undo brings it all back.")
}
