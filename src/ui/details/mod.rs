//! The bottom panel: the selected coding (its code, quote, boundaries, coder) with ways to
//! change or remove it, the selected code's definition, and a memo editor for the coding, the
//! code, the document or the project (`memo`). Typing is committed as it happens (one undo step
//! per burst), so there is nothing to save.

use super::command::{Commands, UiCommand};
use super::comments::{self, Drafts};
use super::theme;
use crate::app::{AppState, Group, Intent, reader};
use axial_core::model::*;
use egui::RichText;

mod memo;
pub use memo::MemoOn;

/// The text of the passage shown, cut once per passage rather than every frame.
#[derive(Default)]
struct QuoteCache {
    key: Option<(DocumentId, usize, usize, u64)>,
    text: String,
}

impl QuoteCache {
    fn get(&mut self, doc: &Document, start: usize, end: usize, revision: u64) -> &str {
        let key = (doc.id, start, end, revision);
        if self.key != Some(key) {
            self.text = reader::slice(&doc.text, start, end);
            self.key = Some(key);
        }
        &self.text
    }
}

/// What the right half of the panel shows.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Memo,
    Comments,
}

/// What the comments shown are on (the most specific thing selected, unless chosen).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum CommentOn {
    #[default]
    Selected,
    Memo,
    Project,
}

#[derive(Default)]
pub struct DetailsPanel {
    pub pane: Pane,
    /// The pane was chosen by the user (a reviewer starts on the comments).
    pane_chosen: bool,
    comment_on: CommentOn,
    /// What was selected when the comments were last drawn: a new selection shows its own.
    comment_seen: Option<CommentTarget>,
    drafts: Drafts,
    /// The property form and a relation's suggested evidence.
    depth: super::depth::DepthDrafts,
    pub memo_on: MemoOn,
    memo_buffer: String,
    memo_key: Option<(MemoTarget, Option<MemoId>, u64)>,
    /// The memo edited, when its item has several (else the first).
    memo_chosen: Option<MemoId>,
    /// A memo was just added: edit the newest once it is there.
    memo_pick_newest: bool,
    definition_buffer: String,
    definition_key: Option<(CodeId, u64)>,
    quote: QuoteCache,
    /// The concept or category selected when last drawn (the memo switches to it).
    seen_group: Option<Group>,
    /// The relation selected when the memo pane last looked.
    seen_relation: Option<axial_core::model::RelationId>,
    /// The undo/redo count last seen: an undo reloads the editors even while they have focus.
    seen_history_steps: u64,
}

impl DetailsPanel {
    /// Shows the comments on what is selected.
    pub fn show_comments(&mut self) {
        self.pane = Pane::Comments;
        self.pane_chosen = true;
        self.comment_on = CommentOn::Selected;
    }

    /// Shows memo `id` (on `target`) in the memo editor; the caller selects its item.
    pub fn show_memo(&mut self, target: &MemoTarget, id: MemoId) {
        self.memo_on = match target {
            MemoTarget::Coding(_) => MemoOn::Coding,
            MemoTarget::Code(_) => MemoOn::Code,
            MemoTarget::Concept(_) | MemoTarget::Category(_) => MemoOn::Group,
            MemoTarget::Document(_) => MemoOn::Document,
            MemoTarget::Project => MemoOn::Project,
            MemoTarget::Relation(_) => MemoOn::Relation,
        };
        if let MemoTarget::Concept(c) = target {
            self.seen_group = Some(Group::Concept(*c));
        }
        if let MemoTarget::Category(c) = target {
            self.seen_group = Some(Group::Category(*c));
        }
        if let MemoTarget::Relation(r) = target {
            self.seen_relation = Some(*r);
        }
        self.memo_chosen = Some(id);
        self.memo_key = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        if state.history_steps != self.seen_history_steps {
            self.seen_history_steps = state.history_steps;
            self.memo_key = None;
            self.definition_key = None;
        }
        // An egui panel takes the height of its content: filling it keeps the height the user
        // dragged it to, whatever is selected (the memo editor scrolls within it).
        ui.set_min_height(ui.available_height());
        // Columns lay text out justified (stretched spaces); these read ragged-right.
        let ragged = egui::Layout::top_down(egui::Align::Min);
        if !self.pane_chosen && state.reviewing() {
            self.pane = Pane::Comments;
        }
        ui.columns(2, |cols| {
            let (left, right) = cols.split_at_mut(1);
            // What is selected scrolls within the panel's height (a relation with its evidence,
            // a category with its properties can be taller than a short window gives).
            left[0].with_layout(ragged, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("details-selection")
                    .auto_shrink([false, true])
                    .show(ui, |ui| self.selection_ui(ui, state, commands));
            });
            right[0].with_layout(ragged, |ui| {
                self.pane_tabs_ui(ui, state);
                match self.pane {
                    Pane::Memo => self.memo_ui(ui, state, commands),
                    Pane::Comments => self.comments_ui(ui, state, commands),
                }
            });
        });
    }

    /// Memo | Comments (with how many open threads the project has).
    fn pane_tabs_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal(|ui| {
            let before = self.pane;
            ui.selectable_value(&mut self.pane, Pane::Memo, RichText::new("Memo").strong());
            let open = state.comments.open_count();
            let label = if open == 0 { "Comments".to_owned() } else { format!("Comments ({open} open)") };
            ui.selectable_value(&mut self.pane, Pane::Comments, RichText::new(label).strong());
            if self.pane != before {
                self.pane_chosen = true;
            }
        });
    }

    /// The comment threads on what is selected (a passage, code, concept, category or
    /// relation), on the memo the memo pane shows, or on the project.
    fn comments_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let selected = if let Some(id) = state.selected_coding {
            Some((CommentTarget::Coding(id), "passage"))
        } else if let Some(id) = state.selected_code {
            Some((CommentTarget::Code(id), "code"))
        } else if let Some(g) = state.selected_group {
            Some(match g {
                Group::Concept(id) => (CommentTarget::Concept(id), "concept"),
                Group::Category(id) => (CommentTarget::Category(id), "category"),
            })
        } else {
            state.selected_relation.map(|id| (CommentTarget::Relation(id), "relation"))
        };
        let memo = self.current_memo(state);
        let now = selected.map(|(t, _)| t);
        if now != self.comment_seen {
            self.comment_seen = now;
            if now.is_some() {
                self.comment_on = CommentOn::Selected;
            }
        }
        if self.comment_on == CommentOn::Selected && selected.is_none() {
            self.comment_on = CommentOn::Project;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("on").small());
            if let Some((_, what)) = selected {
                ui.selectable_value(&mut self.comment_on, CommentOn::Selected, what);
            }
            ui.add_enabled_ui(memo.is_some(), |ui| ui.selectable_value(&mut self.comment_on, CommentOn::Memo, "memo"))
                .response
                .on_disabled_hover_text("The memo shown in the Memo tab (there is none on what is selected)");
            ui.selectable_value(&mut self.comment_on, CommentOn::Project, "the project");
        });
        let target = match self.comment_on {
            CommentOn::Selected => selected.map(|(t, _)| t),
            CommentOn::Memo => memo.map(CommentTarget::Memo),
            CommentOn::Project => Some(CommentTarget::Project),
        }
        .unwrap_or(CommentTarget::Project);
        let max_height = ui.available_height().max(36.0);
        egui::ScrollArea::vertical()
            .id_salt("comments-scroll")
            .max_height(max_height)
            .min_scrolled_height(max_height)
            .auto_shrink([false, false])
            .show(ui, |ui| comments::threads_ui(ui, state, target, &mut self.drafts, commands));
    }

    /// What is selected, most specific first: a coding, a code, a concept or category, a
    /// relation, a stretch of text (or a hint when nothing is).
    fn selection_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        if let Some(c) = state.selected_coding.and_then(|id| p.coding(id)) {
            self.coding_ui(ui, state, c, commands);
        } else if let Some(code) = state.selected_code.and_then(|id| p.code(id)) {
            self.code_ui(ui, state, code, commands);
        } else if let Some(group) = state.selected_group {
            group_ui(ui, state, group, &mut self.depth, commands);
        } else if let Some(r) = state.selected_relation.and_then(|id| p.relation(id)) {
            relation_ui(ui, state, r, commands);
            super::depth::relation_ui(ui, state, r, &mut self.depth, commands);
        } else {
            self.range_ui(ui, state);
        }
    }

    /// A coding: its code, quote and source, a code to move it to, its boundaries, its depth.
    fn coding_ui(&mut self, ui: &mut egui::Ui, state: &AppState, c: &Coding, commands: &mut Commands) {
        let p = &state.project;
        let code = p.code(c.code);
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, code.map(|k| theme::code_color(&k.color)).unwrap_or_default());
            let name = format!("Coding: {}", code.map(|k| k.name.as_str()).unwrap_or("?"));
            ui.add(egui::Label::new(super::bidi_text::label(ui, RichText::new(name).strong())).truncate());
        });
        if let Some(doc) = p.document(c.document) {
            let quote = self.quote.get(doc, c.start, c.end, state.revision());
            // Ragged right, one line under the other (a justified layout stretched the spaces).
            egui::ScrollArea::vertical().id_salt("quote").max_height(70.0).show(ui, |ui| {
                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    quote_ui(ui, quote);
                });
            });
            ui.label(
                RichText::new(format!(
                    "{} · characters {}–{} · coded by {} · {}",
                    doc.title, c.start, c.end, c.coder, c.created
                ))
                .small()
                .weak(),
            );
        }
        let refusal = state.edit_refusal();
        ui.horizontal_wrapped(|ui| {
            let mut new_code = c.code;
            ui.add_enabled_ui(refusal.is_none(), |ui| {
                egui::ComboBox::from_label("code")
                    .selected_text(code.map(|k| k.name.as_str()).unwrap_or("?"))
                    .width(180.0)
                    .show_ui(ui, |ui| {
                        for k in p.codes() {
                            ui.selectable_value(&mut new_code, k.id, &k.name);
                        }
                    })
                    .response
                    .on_disabled_hover_text(refusal.unwrap_or_default());
            });
            if new_code != c.code {
                commands.push(Intent::ChangeCodingCode(c.id, new_code));
            }
            if ui
                .add_enabled(
                    refusal.is_none() && state.selected_range().is_some(),
                    egui::Button::new("Fit to selection"),
                )
                .on_hover_text("Move this coding's boundaries to the selected text")
                .on_disabled_hover_text(refusal.unwrap_or("Select the new boundaries in the transcript first"))
                .clicked()
            {
                commands.push(Intent::FitCodingToSelection(c.id));
            }
            if ui
                .add_enabled(refusal.is_none(), egui::Button::new("Remove coding"))
                .on_hover_text("Delete (the key) does the same")
                .on_disabled_hover_text(refusal.unwrap_or_default())
                .clicked()
            {
                commands.push(Intent::RemoveCoding(c.id));
            }
        });
        super::depth::coding_ui(ui, state, c, commands);
    }

    /// A code: its count, its codebook definition (an editor unless the project is read
    /// only), its facets.
    fn code_ui(&mut self, ui: &mut egui::Ui, state: &AppState, code: &Code, commands: &mut Commands) {
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, theme::code_color(&code.color));
            let name = format!("{}  ·  {} codings", code.name, state.code_count(code.id));
            ui.add(egui::Label::new(super::bidi_text::label(ui, RichText::new(name).strong())).truncate());
        });
        let other_code = self.definition_key.is_none_or(|(id, _)| id != code.id);
        if other_code || (self.definition_key != Some((code.id, state.revision())) && !ui.ctx().text_edit_focused()) {
            self.definition_buffer = code.definition.clone();
            self.definition_key = Some((code.id, state.revision()));
        }
        ui.label(RichText::new("Definition (codebook)").small());
        if let Some(why) = state.edit_refusal().filter(|_| !state.restoring()) {
            // Reviewing or read-only: the definition to read, not an editor.
            let text = if code.definition.trim().is_empty() { "(no definition yet)" } else { &code.definition };
            ui.add(egui::Label::new(text).wrap()).on_hover_text(why);
            super::facets::facets_ui(ui, state, FacetOwner::Code(code.id), commands);
            return;
        }
        let edit = ui.add(
            egui::TextEdit::multiline(&mut self.definition_buffer)
                // Read-only while a restore replaces the project (an edit would be refused).
                .interactive(!state.restoring())
                .desired_rows(3)
                .desired_width(ui.available_width())
                .hint_text("What to code with this code, and when not to"),
        );
        if edit.changed() {
            commands.push(Intent::SetCodeDefinition { code: code.id, definition: self.definition_buffer.clone() });
        }
        super::facets::facets_ui(ui, state, FacetOwner::Code(code.id), commands);
    }

    /// The stretch of text selected in the transcript and how to code it, or a hint.
    fn range_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        match state.selected_range() {
            Some((a, b)) => {
                ui.strong(format!("Selected: {} characters", b - a));
                if let Some(doc) = state.current_document() {
                    let text = self.quote.get(doc, a, b, state.revision());
                    let short: String = text.chars().take(200).collect();
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        quote_ui(ui, &short);
                    });
                }
                let keys = |c: UiCommand| c.keys(ui.ctx());
                let hint = format!(
                    "{}: code it · {}: in-vivo · drag a code onto it · {}–{}: a recent code",
                    keys(UiCommand::QuickPick),
                    keys(UiCommand::InVivo),
                    keys(UiCommand::ApplyRecent(1)),
                    keys(UiCommand::ApplyRecent(9))
                );
                ui.label(RichText::new(hint).small().weak());
            }
            None => {
                let hint = if state.reviewing() {
                    "Click a coloured stripe in the transcript, a code in the tree or a card in the paradigm model to see it and comment on it."
                } else {
                    "Select text in the transcript to code it; click a coloured stripe to select a coding."
                };
                ui.label(RichText::new(hint).weak());
            }
        }
    }
}

/// A concept or category: where it sits, its counts, and its facets.
fn group_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    group: Group,
    depth: &mut super::depth::DepthDrafts,
    commands: &mut Commands,
) {
    let p = &state.project;
    let (kind, name, tally, place, owner) = match group {
        Group::Concept(id) => {
            let Some(k) = p.concept(id) else { return };
            let place = k.category.and_then(|c| p.category(c)).map(|c| format!("in \u{201c}{}\u{201d}", c.name));
            ("Concept", k.name.as_str(), p.tallies().concept(id), place, FacetOwner::Concept(id))
        }
        Group::Category(id) => {
            let Some(c) = p.category(id) else { return };
            let mut place = c.class.map(|k| format!("in {}", k.label().to_lowercase()));
            if p.core_category() == Some(id) {
                place = Some(format!("{} · the core category", place.unwrap_or_else(|| "not yet placed".into())));
            }
            ("Category", c.name.as_str(), p.tallies().category(id), place, FacetOwner::Category(id))
        }
    };
    ui.add(egui::Label::new(super::bidi_text::label(ui, RichText::new(format!("{kind}: {name}")).strong())).truncate());
    ui.label(
        RichText::new(format!(
            "{} · {} references in {} documents",
            place.unwrap_or_else(|| {
                if matches!(group, Group::Category(_)) { "not yet placed" } else { "not yet grouped" }.into()
            }),
            tally.references,
            tally.documents
        ))
        .small()
        .weak(),
    );
    let scope = match group {
        Group::Concept(id) => crate::app::Scope::Concept(id),
        Group::Category(id) => crate::app::Scope::Category(id),
    };
    ui.horizontal(|ui| {
        let read = ui
            .add_enabled(tally.references > 0, egui::Button::new(format!("Read its {} passages", tally.references)))
            .on_hover_text(format!(
                "Open its coded passages in the transcript one after another ({} for the next)",
                UiCommand::NextPassage.keys(ui.ctx())
            ));
        if read.clicked() {
            commands.push(UiCommand::ReadPassages(scope));
        }
    });
    members_ui(ui, state, group, commands);
    // A category's properties and matrix level before its cube facets: the method first.
    if let Group::Category(id) = group {
        super::depth::category_ui(ui, state, id, depth, commands);
    }
    super::facets::facets_ui(ui, state, owner, commands);
}

/// What a concept or category holds: its concepts and their codes, each code one click from
/// the tree's selection, with its reference count.
fn members_ui(ui: &mut egui::Ui, state: &AppState, group: Group, commands: &mut Commands) {
    let p = &state.project;
    let concepts: Vec<&Concept> = match group {
        Group::Concept(id) => p.concept(id).into_iter().collect(),
        Group::Category(id) => p.concepts().filter(|k| k.category == Some(id)).collect(),
    };
    let concept_ids: std::collections::HashSet<ConceptId> = concepts.iter().map(|k| k.id).collect();
    let mut codes: std::collections::HashMap<ConceptId, Vec<&Code>> = Default::default();
    for code in p.codes() {
        if let Some(k) = code.concept.filter(|k| concept_ids.contains(k)) {
            codes.entry(k).or_default().push(code);
        }
    }
    let title = match group {
        Group::Concept(_) => format!("{} codes", codes.values().map(Vec::len).sum::<usize>()),
        Group::Category(_) => format!("{} concepts", concepts.len()),
    };
    egui::CollapsingHeader::new(title).id_salt(("members", format!("{group:?}"))).default_open(false).show(ui, |ui| {
        // Scrolls in its place: the details panel keeps its height however long the list.
        egui::ScrollArea::vertical().id_salt("members-scroll").max_height(110.0).show(ui, |ui| {
            for concept in &concepts {
                if matches!(group, Group::Category(_)) {
                    ui.label(super::bidi_text::label(ui, RichText::new(&concept.name).strong()));
                }
                ui.indent(("concept-codes", concept.id.0), |ui| {
                    for code in codes.get(&concept.id).into_iter().flatten() {
                        let n = p.tallies().code(code.id).references;
                        let link = super::bidi_text::label(ui, format!("{} ({n})", code.name));
                        if ui.link(link).on_hover_text("Select this code").clicked() {
                            commands.push(Intent::SelectCode(Some(code.id)));
                        }
                    }
                });
            }
        });
    });
}

/// A relation between two categories: what it says, and a way to remove it.
fn relation_ui(ui: &mut egui::Ui, state: &AppState, r: &Relation, commands: &mut Commands) {
    let p = &state.project;
    let name = |id: CategoryId| p.category(id).map(|c| c.name.as_str()).unwrap_or("?");
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "Relation: \u{201c}{}\u{201d} {} \u{201c}{}\u{201d}",
                name(r.from),
                r.kind,
                name(r.to)
            ))
            .strong(),
        )
        .wrap(),
    );
    ui.label(RichText::new("Axial coding: how one category bears on another").small().weak());
    let refusal = state.edit_refusal();
    ui.horizontal_wrapped(|ui| {
        if ui.link(format!("Show \u{201c}{}\u{201d}", name(r.from))).clicked() {
            commands.push(Intent::SelectGroup(Some(Group::Category(r.from))));
        }
        if ui.link(format!("Show \u{201c}{}\u{201d}", name(r.to))).clicked() {
            commands.push(Intent::SelectGroup(Some(Group::Category(r.to))));
        }
        if ui
            .add_enabled(refusal.is_none(), egui::Button::new("Delete relation"))
            .on_hover_text("Remove this relation (undo brings it back)")
            .on_disabled_hover_text(refusal.unwrap_or_default())
            .clicked()
        {
            commands.push(Intent::EditTree(crate::app::TreeEdit::DeleteRelation(r.id)));
        }
    });
}

/// A quote in quotation marks, wrapped; right-to-left text in visual order (egui's italic label
/// would draw it in logical order).
fn quote_ui(ui: &mut egui::Ui, quote: &str) {
    let quoted = format!("“{}”", quote.trim());
    if axial_core::bidi::has_rtl_chars(&quoted) {
        let size = egui::TextStyle::Body.resolve(ui.style()).size;
        super::bidi_text::wrapped(
            ui,
            &[(quoted.as_str(), ui.visuals().text_color())],
            egui::FontId::proportional(size),
        );
    } else {
        ui.add(egui::Label::new(RichText::new(quoted).italics()).wrap());
    }
}
