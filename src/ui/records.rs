//! The small dialogs of the documents panel: rename a document or case, create a case (and put
//! a document in it), edit a document's or case's attributes, and delete a document after
//! saying what goes with it. Each change is one undoable action.

use super::command::Commands;
use crate::app::{AppState, Intent};
use axial_core::model::*;
use egui::RichText;

/// A case or a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    Case(CaseId),
    Document(DocumentId),
}

impl Record {
    fn name(self, p: &Project) -> String {
        match self {
            Record::Case(id) => p.case(id).map(|c| c.name.clone()),
            Record::Document(id) => p.document(id).map(|d| d.title.clone()),
        }
        .unwrap_or_default()
    }

    fn attributes(self, p: &Project) -> Vec<(String, String)> {
        let attributes = match self {
            Record::Case(id) => p.case(id).map(|c| &c.attributes),
            Record::Document(id) => p.document(id).map(|d| &d.attributes),
        };
        attributes.map(|a| a.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).unwrap_or_default()
    }

    fn set(self, key: String, value: Option<String>) -> Intent {
        Intent::EditRecord(match self {
            Record::Case(id) => Action::SetCaseAttribute { id, key, value },
            Record::Document(id) => Action::SetDocumentAttribute { id, key, value },
        })
    }
}

pub enum RecordDialog {
    Rename {
        what: Record,
        text: String,
    },
    NewCase {
        text: String,
        document: Option<DocumentId>,
    },
    Attributes {
        what: Record,
        key: String,
        value: String,
    },
    /// Confirms deleting a document with its codings and memos (one step; Undo brings it back).
    DeleteDocument {
        id: DocumentId,
    },
}

impl RecordDialog {
    pub fn rename(what: Record, p: &Project) -> RecordDialog {
        RecordDialog::Rename { what, text: what.name(p) }
    }

    pub fn attributes(what: Record) -> RecordDialog {
        RecordDialog::Attributes { what, key: String::new(), value: String::new() }
    }

    /// Draws the dialog; returns whether it closed.
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, commands: &mut Commands) -> bool {
        let p = &state.project;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("record-dialog")).show(ctx, |ui| {
            ui.set_width(400.0);
            let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
            close |= escape;
            match self {
                RecordDialog::Rename { what, text } => {
                    ui.strong(match what {
                        Record::Case(_) => "Rename case",
                        Record::Document(_) => "Rename document",
                    });
                    let label = ui.label("Name");
                    let edit = ui
                        .add(egui::TextEdit::singleline(text).id_salt("record-name").desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                    edit.request_focus();
                    let ok = ui.horizontal(|ui| {
                        let ok = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("OK")).clicked();
                        close |= ui.button("Cancel").clicked();
                        ok
                    });
                    if (ok.inner || enter) && !text.trim().is_empty() {
                        let name = text.trim().to_owned();
                        commands.push(Intent::EditRecord(match *what {
                            Record::Case(id) => Action::RenameCase { id, name },
                            Record::Document(id) => Action::RenameDocument { id, title: name },
                        }));
                        close = true;
                    }
                }
                RecordDialog::NewCase { text, document } => {
                    ui.strong("New case");
                    if let Some(d) = document.and_then(|d| p.document(d)) {
                        ui.label(RichText::new(format!("\u{201c}{}\u{201d} goes into it.", d.title)).weak());
                    }
                    let label = ui.label("Name");
                    let edit = ui
                        .add(egui::TextEdit::singleline(text).id_salt("record-name").desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                    edit.request_focus();
                    let taken = p.cases().any(|c| c.name == text.trim());
                    if taken {
                        ui.label(RichText::new("A case has this name already.").color(ui.visuals().warn_fg_color));
                    }
                    let ready = !text.trim().is_empty() && !taken;
                    let ok = ui.horizontal(|ui| {
                        let ok = ui.add_enabled(ready, egui::Button::new("Create")).clicked();
                        close |= ui.button("Cancel").clicked();
                        ok
                    });
                    if (ok.inner || enter) && ready {
                        commands.push(Intent::NewCase { name: text.trim().to_owned(), document: *document });
                        close = true;
                    }
                }
                RecordDialog::Attributes { what, key, value } => {
                    ui.strong(format!("Attributes of \u{201c}{}\u{201d}", what.name(p)));
                    ui.label(
                        RichText::new("Edit a value and press Enter; an emptied value removes the attribute.").weak(),
                    );
                    egui::Grid::new("attributes").num_columns(3).show(ui, |ui| {
                        for (k, v) in what.attributes(p) {
                            ui.label(&k);
                            let id = egui::Id::unique("attribute-value").with(&k);
                            let mut text = ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or_else(|| v.clone());
                            let edit = ui.add(egui::TextEdit::singleline(&mut text).desired_width(200.0));
                            if edit.has_focus() {
                                ui.data_mut(|d| d.insert_temp(id, text.clone()));
                            }
                            if edit.lost_focus() {
                                ui.data_mut(|d| d.remove::<String>(id));
                                if text.trim() != v {
                                    let value = (!text.trim().is_empty()).then(|| text.trim().to_owned());
                                    commands.push(what.set(k.clone(), value));
                                }
                            }
                            if ui.small_button("Remove").clicked() {
                                commands.push(what.set(k.clone(), None));
                            }
                            ui.end_row();
                        }
                    });
                    ui.separator();
                    ui.horizontal(|ui| {
                        let k = ui.label("New attribute");
                        ui.add(egui::TextEdit::singleline(key).hint_text("e.g. role").desired_width(110.0))
                            .labelled_by(k.id);
                        let v = ui.label("value");
                        ui.add(egui::TextEdit::singleline(value).desired_width(130.0)).labelled_by(v.id);
                        let ready = !key.trim().is_empty() && !value.trim().is_empty();
                        if ui.add_enabled(ready, egui::Button::new("Add")).clicked() {
                            commands.push(what.set(key.trim().to_owned(), Some(value.trim().to_owned())));
                            key.clear();
                            value.clear();
                        }
                    });
                    close |= ui.button("Done").clicked();
                }
                RecordDialog::DeleteDocument { id } => {
                    let id = *id;
                    let Some(d) = p.document(id) else {
                        close = true;
                        return;
                    };
                    let codings = p.codings_in(id).len();
                    let memos = p.memos_on(&MemoTarget::Document(id)).count()
                        + p.codings_in(id).map(|c| p.memos_on(&MemoTarget::Coding(c.id)).count()).sum::<usize>();
                    let s = |n: usize| if n == 1 { "" } else { "s" };
                    ui.strong(format!("Delete \u{201c}{}\u{201d}?", d.title));
                    ui.label(format!(
                        "This removes the transcript with its {codings} coding{} and {memos} memo{}. Undo brings them all back.",
                        s(codings),
                        s(memos)
                    ));
                    let delete = ui.horizontal(|ui| {
                        let delete = ui.button("Delete document").clicked();
                        close |= ui.button("Cancel").clicked();
                        delete
                    });
                    if delete.inner || enter {
                        commands.push(Intent::EditRecord(Action::DeleteDocument { id }));
                        close = true;
                    }
                }
            }
        });
        close
    }
}
