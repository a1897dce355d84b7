//! The left panel: documents (grouped by case, with attributes, coding counts and a filter
//! box) and, on its second tab, search across all documents with "code all hits".

use super::bidi_text;
use super::command::{Commands, UiCommand};
use super::records::{Record, RecordDialog};
use crate::app::{AppState, Intent};
use axial_core::analysis::extent::Extent;
use axial_core::model::*;
use egui::RichText;

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Documents,
    Search,
}

#[derive(Default)]
pub struct DocumentsPanel {
    pub tab: Tab,
    pub filter: String,
    pub query: String,
    pub regex: bool,
    pub case_sensitive: bool,
    /// What "code all hits" codes: the matches, or their sentences, paragraphs or turns.
    hit_extent: Extent,
    pub focus_search: bool,
    dialog: Option<RecordDialog>,
}

impl DocumentsPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Documents, "Documents");
            ui.selectable_value(&mut self.tab, Tab::Search, "Search");
        });
        ui.separator();
        match self.tab {
            Tab::Documents => self.documents_ui(ui, state, commands),
            Tab::Search => self.search_ui(ui, state, commands),
        }
        if let Some(dialog) = &mut self.dialog
            && dialog.ui(ui.ctx(), state, commands)
        {
            self.dialog = None;
        }
    }

    fn documents_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("Filter documents").desired_width(f32::INFINITY));
        let filter = self.filter.trim().to_lowercase();
        let p = &state.project;
        let matches = |d: &Document| {
            filter.is_empty()
                || d.title.to_lowercase().contains(&filter)
                || d.attributes.values().any(|v| v.to_lowercase().contains(&filter))
                || d.case.and_then(|c| p.case(c)).is_some_and(|c| c.name.to_lowercase().contains(&filter))
        };
        egui::ScrollArea::vertical().id_salt("documents").auto_shrink(false).show(ui, |ui| {
            let groups: Vec<(Option<&Case>, Vec<&Document>)> = p
                .cases()
                .map(Some)
                .chain([None])
                .map(|case| {
                    (case, p.documents().filter(|d| d.case == case.map(|c| c.id) && matches(d)).collect::<Vec<_>>())
                })
                .filter(|(_, docs)| !docs.is_empty())
                .collect();
            for (case, docs) in groups {
                let title = case
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| if p.cases().len() == 0 { "All documents".into() } else { "No case".into() });
                let header = egui::CollapsingHeader::new(RichText::new(format!("{title}  ({})", docs.len())).strong())
                    .id_salt(("case", case.map(|c| c.id.0)))
                    .default_open(true);
                let header_response = header.show(ui, |ui| {
                    for d in docs {
                        let n = p.codings_in(d.id).len();
                        let selected = state.document == Some(d.id);
                        let response = ui.add(
                            egui::Button::selectable(selected, bidi_text::label(ui, format!("{}  ({n})", d.title)))
                                .wrap_mode(egui::TextWrapMode::Truncate),
                        );
                        let response = if d.attributes.is_empty() {
                            response
                        } else {
                            response.on_hover_ui(|ui| {
                                for (k, v) in &d.attributes {
                                    ui.label(format!("{k}: {v}"));
                                }
                            })
                        };
                        if response.clicked() {
                            commands.push(Intent::OpenDocument(d.id));
                        }
                        response.context_menu(|ui| {
                            let refusal = state.edit_refusal();
                            ui.add_enabled_ui(refusal.is_none(), |ui| self.document_menu(ui, p, d, commands))
                                .response
                                .on_disabled_hover_text(refusal.unwrap_or_default());
                        });
                    }
                });
                let case_id = case.map(|c| c.id);
                header_response.header_response.context_menu(|ui| {
                    let refusal = state.edit_refusal();
                    ui.add_enabled_ui(refusal.is_none(), |ui| self.case_menu(ui, p, case_id, commands))
                        .response
                        .on_disabled_hover_text(refusal.unwrap_or_default());
                });
                if let Some(case) = case
                    && !case.attributes.is_empty()
                {
                    header_response.header_response.on_hover_ui(|ui| {
                        for (k, v) in &case.attributes {
                            ui.label(format!("{k}: {v}"));
                        }
                    });
                }
            }
        });
    }

    /// A document's right-click menu: rename, move to a case, attributes, delete.
    fn document_menu(&mut self, ui: &mut egui::Ui, p: &Project, d: &Document, commands: &mut Commands) {
        if ui.button("Rename…").clicked() {
            self.dialog = Some(RecordDialog::rename(Record::Document(d.id), p));
            ui.close();
        }
        ui.menu_button("Move to case", |ui| {
            for c in p.cases() {
                if ui.add_enabled(d.case != Some(c.id), egui::Button::new(bidi_text::label(ui, &c.name))).clicked() {
                    commands.push(Intent::EditRecord(Action::SetDocumentCase { id: d.id, case: Some(c.id) }));
                    ui.close();
                }
            }
            if ui.add_enabled(d.case.is_some(), egui::Button::new("No case")).clicked() {
                commands.push(Intent::EditRecord(Action::SetDocumentCase { id: d.id, case: None }));
                ui.close();
            }
            ui.separator();
            if ui.button("New case…").clicked() {
                self.dialog = Some(RecordDialog::NewCase { text: String::new(), document: Some(d.id) });
                ui.close();
            }
        });
        if ui.button("Attributes…").clicked() {
            self.dialog = Some(RecordDialog::attributes(Record::Document(d.id)));
            ui.close();
        }
        ui.separator();
        if ui.button("Delete document…").clicked() {
            self.dialog = Some(RecordDialog::DeleteDocument { id: d.id });
            ui.close();
        }
    }

    /// A case's right-click menu: rename, attributes, delete (its documents stay), new case.
    fn case_menu(&mut self, ui: &mut egui::Ui, p: &Project, case: Option<CaseId>, commands: &mut Commands) {
        if let Some(id) = case {
            if ui.button("Rename case…").clicked() {
                self.dialog = Some(RecordDialog::rename(Record::Case(id), p));
                ui.close();
            }
            if ui.button("Attributes…").clicked() {
                self.dialog = Some(RecordDialog::attributes(Record::Case(id)));
                ui.close();
            }
            if ui.button("Delete case (its documents stay)").clicked() {
                commands.push(Intent::EditRecord(Action::DeleteCase { id }));
                ui.close();
            }
            ui.separator();
        }
        if ui.button("New case…").clicked() {
            self.dialog = Some(RecordDialog::NewCase { text: String::new(), document: None });
            ui.close();
        }
    }

    /// The search box, its options, what was found and the button that codes the hits; then
    /// the hits, two lines each.
    fn search_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        self.search_form_ui(ui, state, commands);
        ui.separator();
        // Every hit is two lines high, so only the rows in view are laid out (there may be
        // thousands).
        let font = egui::FontId::proportional(12.5);
        let row_height = ui.fonts_mut(|f| f.row_height(&font)) * 2.0 + 8.0;
        let width = ui.available_width();
        let hits = &state.search.hits;
        egui::ScrollArea::vertical().id_salt("hits").auto_shrink(false).show_rows(
            ui,
            row_height,
            hits.len(),
            |ui, rows| {
                for i in rows {
                    hit_ui(ui, state, i, (&font, row_height, width), commands);
                }
            },
        );
    }

    fn search_form_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut self.query).hint_text("Search all documents").desired_width(f32::INFINITY),
        );
        if self.focus_search {
            edit.request_focus();
            self.focus_search = false;
        }
        let mut run = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            run |= ui.checkbox(&mut self.regex, "Regex").changed();
            run |= ui.checkbox(&mut self.case_sensitive, "Match case").changed();
            run |= ui.button("Run search").clicked();
        });
        if run {
            commands.push(Intent::Search {
                query: self.query.clone(),
                regex: self.regex,
                case_sensitive: self.case_sensitive,
            });
        }
        if let Some(e) = &state.search.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let hits = &state.search.hits;
        if !state.search.query.is_empty() {
            let docs: std::collections::BTreeSet<_> = hits.iter().map(|h| h.document).collect();
            ui.label(format!("{} hits in {} documents", hits.len(), docs.len()));
        }
        if !hits.is_empty() {
            // Hits are coded as matched, or widened to what was said around them.
            ui.horizontal_wrapped(|ui| {
                ui.label("Code as:");
                for extent in Extent::ALL {
                    ui.selectable_value(&mut self.hit_extent, extent, extent.label());
                }
            });
            let refusal = state.edit_refusal();
            if ui
                .add_enabled(refusal.is_none(), egui::Button::new(UiCommand::CodeHits(self.hit_extent).label()))
                .on_hover_text(format!(
                    "Choose or create the code, as with {}: one undo step",
                    UiCommand::QuickPick.keys(ui.ctx())
                ))
                .on_disabled_hover_text(refusal.unwrap_or_default())
                .clicked()
            {
                commands.push(UiCommand::CodeHits(self.hit_extent));
            }
        }
    }
}

/// One hit: its document's title and the words around the match, the match highlighted; a
/// click opens it there.
/// `font`, `row_height` and `width` are the list's, the same for every row.
fn hit_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    i: usize,
    (font, row_height, width): (&egui::FontId, f32, f32),
    commands: &mut Commands,
) {
    let h = &state.search.hits[i];
    let title = state.project.document(h.document).map(|d| d.title.as_str()).unwrap_or("?");
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let mut hit = egui::TextFormat::simple(font.clone(), strong);
    hit.background = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
    let (head, before, after) = (format!("{title}: "), format!("…{}", h.before), format!("{}…", h.after));
    let sections = [
        (head.as_str(), egui::TextFormat::simple(font.clone(), strong)),
        (before.as_str(), egui::TextFormat::simple(font.clone(), weak)),
        (h.matched.as_str(), hit),
        (after.as_str(), egui::TextFormat::simple(font.clone(), weak)),
    ];
    // Right-to-left text in visual order, on one row (a second row of a line
    // laid out in visual order would read in the wrong order).
    let rtl = sections.iter().any(|(t, _)| axial_core::bidi::has_rtl_chars(t));
    let mut job = if rtl {
        bidi_text::visual_sections(&sections)
    } else {
        let mut job = egui::text::LayoutJob::default();
        for (t, format) in sections {
            job.append(t, 0.0, format);
        }
        job
    };
    job.wrap = egui::text::TextWrapping {
        max_width: width - 16.0,
        max_rows: if rtl { 1 } else { 2 },
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    // Left-aligned like a list row (a sized button would centre the text).
    let plain = job.text.clone();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, row_height - 2.0), egui::Sense::click());
    if response.hovered() {
        ui.painter().rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let galley = ui.painter().layout_job(job);
    ui.painter().galley(rect.left_top() + egui::vec2(6.0, 2.0), galley, strong);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &plain));
    if response.on_hover_text("Open this hit in its document").clicked() {
        commands.push(Intent::OpenHit(i));
    }
}
