//! The code tree's small dialogs: a name (rename, new concept, new category) and the
//! confirmation before a delete, which says what goes with the item (undo brings it all back).

use super::command::{Commands, UiCommand};
use crate::app::{Intent, TreeEdit};
use axial_core::analysis::hierarchy::Node;
use axial_core::edit::Consequences;
use axial_core::model::{CategoryId, CodeId, CodingId, ParadigmClass};

/// What a typed name is for.
#[derive(Clone, Debug, PartialEq)]
pub enum NameFor {
    Rename(Node),
    NewConcept(Option<CategoryId>),
    NewCategory(Option<ParadigmClass>),
    /// A new code for some of a code's codings (saying which, e.g. "in the selected passage").
    Split(CodeId, Vec<CodingId>, &'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub enum TreeDialog {
    Name { purpose: NameFor, text: String, focused: bool },
    Delete { node: Node, name: String, consequences: Consequences },
}

impl TreeDialog {
    pub fn rename(node: Node, current: &str) -> TreeDialog {
        TreeDialog::Name { purpose: NameFor::Rename(node), text: current.to_owned(), focused: false }
    }

    pub fn new_item(purpose: NameFor) -> TreeDialog {
        TreeDialog::Name { purpose, text: String::new(), focused: false }
    }

    /// Draws the dialog; returns whether it closed.
    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Commands) -> bool {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("tree-dialog")).show(ctx, |ui| {
            ui.set_width(380.0);
            let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
            match self {
                TreeDialog::Name { purpose, text, focused } => {
                    ui.strong(match purpose {
                        NameFor::Rename(_) => "Rename",
                        NameFor::NewConcept(_) => "New concept",
                        NameFor::NewCategory(_) => "New category",
                        NameFor::Split(..) => "Split off a new code",
                    });
                    if let NameFor::Split(_, codings, which) = purpose {
                        let n = codings.len();
                        ui.label(format!("Moves {n} coding{} {which} to the new code (same concept).", plural(n)));
                    }
                    let label = ui.label("Name");
                    let edit = ui
                        .add(egui::TextEdit::singleline(text).id_salt("tree-dialog-name").desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                    if !*focused {
                        edit.request_focus();
                        *focused = true;
                    }
                    let mut ok = false;
                    ui.horizontal(|ui| {
                        ok = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("OK")).clicked();
                        close |= ui.button("Cancel").clicked();
                    });
                    if (ok || enter) && !text.trim().is_empty() {
                        let name = text.trim().to_owned();
                        commands.push(Intent::EditTree(match purpose.clone() {
                            NameFor::Rename(node) => TreeEdit::Rename(node, name),
                            NameFor::NewConcept(category) => TreeEdit::NewConcept { name, category },
                            NameFor::NewCategory(class) => TreeEdit::NewCategory { name, class },
                            NameFor::Split(code, codings, _) => TreeEdit::Split { code, codings, name },
                        }));
                        close = true;
                    }
                }
                TreeDialog::Delete { node, name, consequences: c } => {
                    ui.strong(format!("Delete \u{201c}{name}\u{201d}?"));
                    let goes = match node {
                        Node::Code(_) => format!(
                            "This removes {} coding{} and {} memo{} with the code.",
                            c.codings,
                            plural(c.codings),
                            c.memos,
                            plural(c.memos)
                        ),
                        Node::Concept(_) => format!(
                            "Its {} code{} stay, ungrouped; {} memo{} go with it.",
                            c.ungrouped,
                            plural(c.ungrouped),
                            c.memos,
                            plural(c.memos)
                        ),
                        _ => format!(
                            "Its {} concept{} stay, ungrouped; {} relation{} and {} memo{} go with it.",
                            c.ungrouped,
                            plural(c.ungrouped),
                            c.relations,
                            plural(c.relations),
                            c.memos,
                            plural(c.memos)
                        ),
                    };
                    ui.label(goes);
                    let undo = UiCommand::Undo.keys(ui.ctx());
                    ui.label(egui::RichText::new(format!("Undo ({undo}) brings all of it back.")).weak());
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            commands.push(Intent::EditTree(TreeEdit::Delete(*node)));
                            close = true;
                        }
                        close |= ui.button("Cancel").clicked();
                    });
                }
            }
            close |= escape;
        });
        close
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
