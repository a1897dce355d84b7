//! The code tree: paradigm classes -> categories -> concepts -> codes, with coding counts and a
//! filter box, and the category model edited in place: drag codes onto a concept, concepts
//! onto a category, categories onto a paradigm class (or onto "not yet placed" / "not yet
//! grouped" to take them out); Ctrl- or Shift-click selects several, and dragging one of them
//! moves them all; right-click for rename (F2), new concept or category, core category and
//! delete (with a confirmation that says what goes). Codes are also dragged onto the text, or
//! double-clicked, to code the selected passage.

use super::bidi_text;
use super::command::{Commands, UiCommand};
use super::theme;
use super::tree_dialogs::{NameFor, TreeDialog};
use crate::app::{AppState, Group, Intent, TreeEdit};
use axial_core::analysis::hierarchy::{Hierarchy, Node, name as node_name};
use axial_core::model::*;
use egui::collapsing_header::CollapsingState;
use egui::{AtomExt as _, RichText, Sense};

#[derive(Default)]
pub struct CodeTree {
    pub filter: String,
    /// The hierarchy view model, rebuilt when the project's structure changes (not on every
    /// coding or keystroke).
    hierarchy: Hierarchy,
    built: bool,
    /// Items selected in the tree (several with Ctrl or Shift).
    pub selected: Vec<Node>,
    pub dialog: Option<TreeDialog>,
    /// The code last revealed (its branches opened, scrolled into view).
    revealed: Option<CodeId>,
    /// This frame: a newly selected code, and where it sits, to reveal.
    reveal: Option<(CodeId, Placement)>,
}

impl CodeTree {
    /// Opens the rename dialog of the one item selected (F2), if one code, concept or category
    /// is and no dialog is open.
    pub fn rename_selected(&mut self, state: &AppState) {
        if self.dialog.is_none()
            && let [node] = self.selected[..]
            && !matches!(node, Node::Class(_))
        {
            self.dialog = Some(TreeDialog::rename(node, node_name(&state.project, node)));
        }
    }

    /// Opens the dialog for a new concept (in the selected category, if one is) or category.
    pub fn new_item(&mut self, concept: bool) {
        let category = self.selected.iter().find_map(|n| match n {
            Node::Category(id) => Some(*id),
            _ => None,
        });
        self.dialog = Some(TreeDialog::new_item(if concept {
            NameFor::NewConcept(category)
        } else {
            NameFor::NewCategory(None)
        }));
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let structure = state.project.revisions().structure;
        if !self.built || self.hierarchy.revision != structure {
            self.hierarchy = Hierarchy::build(&state.project);
            self.built = true;
            self.selected.retain(|n| exists(&state.project, *n));
        }
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
        let refusal = state.edit_refusal();
        ui.horizontal(|ui| {
            let why = refusal.unwrap_or_default();
            for (label, command) in [("+ Concept", UiCommand::NewConcept), ("+ Category", UiCommand::NewCategory)] {
                if ui
                    .add_enabled(refusal.is_none(), egui::Button::new(label).small())
                    .on_hover_text(command.hover_text(ui.ctx()))
                    .on_disabled_hover_text(why)
                    .clicked()
                {
                    commands.push(command);
                }
            }
        });
        ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("Filter codes").desired_width(f32::INFINITY));
        ui.add_space(4.0);
        // A code selected elsewhere (a coding, retrieval, a loose end) is revealed in the tree.
        self.reveal =
            state.selected_code.filter(|c| Some(*c) != self.revealed).map(|c| (c, state.project.placement(c)));
        self.revealed = state.selected_code;
        egui::ScrollArea::vertical().id_salt("code-tree").auto_shrink(false).show(ui, |ui| {
            self.tree_ui(ui, state, commands);
        });
        if let Some(dialog) = &mut self.dialog
            && dialog.ui(ui.ctx(), commands)
        {
            self.dialog = None;
        }
    }

    fn tree_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        let filter = self.filter.trim().to_lowercase();
        let code_visible = |c: &Code| filter.is_empty() || c.name.to_lowercase().contains(&filter);
        if p.codes().len() == 0 {
            ui.label(
                RichText::new(format!(
                    "No codes yet. Select a passage and press {} to create the first one.",
                    UiCommand::QuickPick.keys(ui.ctx())
                ))
                .weak(),
            );
        }
        // The six classes are always there to drop categories on; a study that places nothing
        // yet sees them closed.
        let uses_paradigm = p.categories().any(|c| c.class.is_some());
        // Taken out for the walk (the items below borrow the tree mutably) and put back after.
        let h = std::mem::take(&mut self.hierarchy);
        let codes_in = |k: Option<ConceptId>| h.codes_in(k).iter().filter_map(|&id| p.code(id)).collect::<Vec<_>>();
        for class in ParadigmClass::ALL.map(Some).into_iter().chain([None]) {
            let cats: Vec<&Category> = h.categories_in(class).iter().filter_map(|&c| p.category(c)).collect();
            if cats.is_empty() && class.is_none() {
                continue;
            }
            let any_visible = cats
                .iter()
                .any(|c| h.concepts_in(Some(c.id)).iter().any(|&k| codes_in(Some(k)).into_iter().any(code_visible)));
            if !filter.is_empty() && !any_visible {
                continue;
            }
            let (label, count) = match class {
                Some(c) => (c.label().to_owned(), p.tallies().class(c).references),
                None => (
                    if uses_paradigm { "Categories not yet placed" } else { "Categories" }.to_owned(),
                    cats.iter().map(|c| p.tallies().category(c.id).references).sum(),
                ),
            };
            let text = (RichText::new(&label).strong().into(), format!("({count})"));
            let reveal = self.reveal.is_some_and(|(_, at)| at.category.is_some() && at.class == class);
            let (response, id) =
                branch(ui, ("class", label.clone()), class.is_none() || uses_paradigm, reveal, text, false, |ui| {
                    if cats.is_empty() {
                        let hint = if state.edit_refusal().is_none() {
                            "no categories (drop one here)"
                        } else {
                            "no categories"
                        };
                        ui.label(RichText::new(hint).weak().small());
                    }
                    for cat in cats {
                        self.category_ui(ui, state, &h, cat, &filter, &code_visible, commands);
                    }
                });
            self.drop_target(ui, &response, id, Target::Class(class), commands);
            if let Some(class) = class {
                response.context_menu(|ui| {
                    let refusal = state.edit_refusal();
                    if ui
                        .add_enabled(refusal.is_none(), egui::Button::new("New category here…"))
                        .on_disabled_hover_text(refusal.unwrap_or_default())
                        .clicked()
                    {
                        self.dialog = Some(TreeDialog::new_item(NameFor::NewCategory(Some(class))));
                        ui.close();
                    }
                });
            }
        }
        let loose_concepts: Vec<&Concept> = h.concepts_in(None).iter().filter_map(|&k| p.concept(k)).collect();
        let loose_codes: Vec<&Code> = codes_in(None).into_iter().filter(|c| code_visible(c)).collect();
        if !loose_concepts.is_empty() || !loose_codes.is_empty() || p.categories().len() > 0 {
            let text = (RichText::new("Not yet grouped").strong().into(), String::new());
            let reveal = self.reveal.is_some_and(|(_, at)| at.category.is_none());
            let (response, id) = branch(ui, "loose", true, reveal, text, false, |ui| {
                if loose_concepts.is_empty() && loose_codes.is_empty() {
                    let hint = if state.edit_refusal().is_none() {
                        "drop codes or concepts here to ungroup them"
                    } else {
                        "none"
                    };
                    ui.label(RichText::new(hint).weak().small());
                }
                for concept in loose_concepts {
                    self.concept_ui(ui, state, &h, concept, &filter, &code_visible, commands);
                }
                for code in loose_codes {
                    self.code_row(ui, state, code, commands);
                }
            });
            self.drop_target(ui, &response, id, Target::Loose, commands);
        }
        self.hierarchy = h;
    }

    #[allow(clippy::too_many_arguments)]
    fn category_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        h: &Hierarchy,
        cat: &Category,
        filter: &str,
        visible: &dyn Fn(&Code) -> bool,
        commands: &mut Commands,
    ) {
        let p = &state.project;
        let core = if p.core_category() == Some(cat.id) { " · core" } else { "" };
        let node = Node::Category(cat.id);
        let count = format!("({}){core}", p.tallies().category(cat.id).references);
        let text = (bidi_text::label(ui, &cat.name), count);
        let selected = self.selected.contains(&node);
        let open = !filter.is_empty() || p.categories().len() <= 4;
        let reveal = self.reveal.is_some_and(|(_, at)| at.category == Some(cat.id));
        let (response, id) = branch(ui, ("category", cat.id.0), open, reveal, text, selected, |ui| {
            for concept in h.concepts_in(Some(cat.id)).iter().filter_map(|&k| p.concept(k)) {
                self.concept_ui(ui, state, h, concept, filter, visible, commands);
            }
        });
        let response = response.on_hover_text(&cat.name);
        self.item_interactions(ui, &response, state, node, commands);
        if state.edit_refusal().is_none() {
            response.dnd_set_drag_payload(cat.id);
        }
        self.drop_target(ui, &response, id, Target::Category(cat.id), commands);
    }

    #[allow(clippy::too_many_arguments)]
    fn concept_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        h: &Hierarchy,
        concept: &Concept,
        filter: &str,
        visible: &dyn Fn(&Code) -> bool,
        commands: &mut Commands,
    ) {
        let p = &state.project;
        let codes: Vec<&Code> =
            h.codes_in(Some(concept.id)).iter().filter_map(|&c| p.code(c)).filter(|c| visible(c)).collect();
        if codes.is_empty() && !filter.trim().is_empty() {
            return;
        }
        let node = Node::Concept(concept.id);
        let text = (bidi_text::label(ui, &concept.name), format!("({})", p.tallies().concept(concept.id).references));
        let selected = self.selected.contains(&node);
        let open = !filter.trim().is_empty() || p.concepts().len() <= 12;
        let reveal = self.reveal.is_some_and(|(_, at)| at.concept == Some(concept.id));
        let (response, id) = branch(ui, ("concept", concept.id.0), open, reveal, text, selected, |ui| {
            for code in codes {
                self.code_row(ui, state, code, commands);
            }
        });
        let response = response.on_hover_text(&concept.name);
        self.item_interactions(ui, &response, state, node, commands);
        if state.edit_refusal().is_none() {
            response.dnd_set_drag_payload(concept.id);
        }
        self.drop_target(ui, &response, id, Target::Concept(concept.id), commands);
    }

    /// One code: colour swatch, name, count. Click selects (Ctrl/Shift: several),
    /// double-click codes the selected passage, drag onto the text codes it, drag onto a
    /// concept groups it (with the other selected codes).
    fn code_row(&mut self, ui: &mut egui::Ui, state: &AppState, code: &Code, commands: &mut Commands) {
        let node = Node::Code(code.id);
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, theme::code_color(&code.color));
            let n = state.project.tallies().code(code.id).references;
            let selected = self.selected.contains(&node) || state.selected_code == Some(code.id);
            let response = ui
                // The name shrinks (with "…") before the count does: the count stays readable.
                .add(
                    egui::Button::selectable(
                        selected,
                        (
                            bidi_text::label(ui, &code.name).atom_shrink(true),
                            egui::Atom::grow(),
                            egui::RichText::new(format!("({n})")).weak(),
                        ),
                    )
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
                )
                .interact(Sense::click_and_drag())
                .on_hover_text(if code.definition.is_empty() {
                    "Drag onto the selected text, or double-click, to code it; drag onto a concept to group it"
                        .to_owned()
                } else {
                    code.definition.clone()
                });
            let can_edit = state.edit_refusal().is_none();
            if can_edit {
                response.dnd_set_drag_payload(code.id);
            }
            if self.reveal.is_some_and(|(c, _)| c == code.id) {
                response.scroll_to_me(Some(egui::Align::Center));
            }
            if response.double_clicked() && can_edit {
                commands.push(Intent::ApplyCode(code.id));
            } else if response.clicked() {
                commands.push(Intent::SelectCode(Some(code.id)));
            }
            self.item_interactions(ui, &response, state, node, commands);
        });
    }

    /// Selection by click (Ctrl/Shift add), rename by double-click (concepts and categories)
    /// and the context menu, for any item.
    fn item_interactions(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        state: &AppState,
        node: Node,
        commands: &mut Commands,
    ) {
        if response.clicked() {
            let add = ui.input(|i| i.modifiers.command || i.modifiers.shift);
            if add {
                if let Some(at) = self.selected.iter().position(|n| *n == node) {
                    self.selected.remove(at);
                } else {
                    self.selected.push(node);
                }
            } else {
                self.selected = vec![node];
            }
            match node {
                Node::Concept(id) => commands.push(Intent::SelectGroup(Some(Group::Concept(id)))),
                Node::Category(id) => commands.push(Intent::SelectGroup(Some(Group::Category(id)))),
                _ => {}
            }
        }
        let refusal = state.edit_refusal();
        if response.double_clicked() && !matches!(node, Node::Code(_)) && refusal.is_none() {
            self.dialog = Some(TreeDialog::rename(node, node_name(&state.project, node)));
        }
        response.context_menu(|ui| {
            if ui.button("Read its passages").on_hover_text("Open its coded passages one after another").clicked() {
                commands.push(super::command::UiCommand::ReadPassages(crate::app::Scope::of(node)));
                ui.close();
            }
            if let Some(target) = comment_target(node) {
                let open = state.comments.open_on(target);
                let label = if open > 0 { format!("Comments ({open} open)…") } else { "Comment…".to_owned() };
                if ui.button(label).on_hover_text("Its comment threads, in the details panel below").clicked() {
                    match node {
                        Node::Code(id) => commands.push(Intent::SelectCode(Some(id))),
                        Node::Concept(id) => commands.push(Intent::SelectGroup(Some(Group::Concept(id)))),
                        Node::Category(id) => commands.push(Intent::SelectGroup(Some(Group::Category(id)))),
                        Node::Class(_) => {}
                    }
                    commands.push(super::command::UiCommand::ShowComments);
                    ui.close();
                }
            }
            ui.separator();
            // Everything below changes the model: disabled, with the reason, while reviewing.
            ui.add_enabled_ui(refusal.is_none(), |ui| self.edit_menu_ui(ui, state, node, commands))
                .response
                .on_disabled_hover_text(refusal.unwrap_or_default());
        });
    }

    /// The context menu's edits of an item: rename, new concept, core, colour, split, merge,
    /// delete.
    fn edit_menu_ui(&mut self, ui: &mut egui::Ui, state: &AppState, node: Node, commands: &mut Commands) {
        let why = state.edit_refusal().unwrap_or_default();
        {
            let rename = egui::Button::new("Rename…").shortcut_text(UiCommand::RenameSelected.keys(ui.ctx()));
            if ui.add(rename).on_disabled_hover_text(why).clicked() {
                self.dialog = Some(TreeDialog::rename(node, node_name(&state.project, node)));
                ui.close();
            }
            if let Node::Category(id) = node {
                if ui.button("New concept in this category…").clicked() {
                    self.dialog = Some(TreeDialog::new_item(NameFor::NewConcept(Some(id))));
                    ui.close();
                }
                let core = state.project.core_category() == Some(id);
                let label = if core { "Not the core category" } else { "Mark as the core category" };
                if ui.button(label).clicked() {
                    commands.push(Intent::EditTree(TreeEdit::SetCore((!core).then_some(id))));
                    ui.close();
                }
            }
            if let Node::Code(id) = node {
                ui.menu_button("Colour", |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for color in CODE_PALETTE {
                            let swatch = egui::Button::new("   ").fill(theme::code_color(color));
                            if ui.add(swatch).on_hover_text(color).clicked() {
                                commands.push(Intent::EditTree(TreeEdit::Recolor(id, color.to_owned())));
                                ui.close();
                            }
                        }
                    });
                });
                let p = &state.project;
                let in_document: Vec<CodingId> = state
                    .document
                    .map(|d| p.codings_in(d).filter(|c| c.code == id).map(|c| c.id).collect())
                    .unwrap_or_default();
                // The codings of this code that overlap the passage selected in the transcript.
                let in_selection: Vec<CodingId> = match (state.document, state.selected_range()) {
                    (Some(d), Some((start, end))) => p
                        .codings_in(d)
                        .filter(|c| c.code == id && c.start < end && start < c.end)
                        .map(|c| c.id)
                        .collect(),
                    _ => Vec::new(),
                };
                let choices = [
                    (in_selection, "in the selected passage", "Split off its codings in the selected passage…"),
                    (in_document, "in the open document", "Split off its codings in this document…"),
                ];
                for (codings, which, label) in choices {
                    let button = ui
                        .add_enabled(!codings.is_empty(), egui::Button::new(label))
                        .on_disabled_hover_text("Select a passage in the transcript that this code's codings overlap");
                    if button.clicked() {
                        self.dialog = Some(TreeDialog::new_item(NameFor::Split(id, codings, which)));
                        ui.close();
                    }
                }
            }
            let same_kind: Vec<Node> = self
                .selected
                .iter()
                .copied()
                .filter(|n| std::mem::discriminant(n) == std::mem::discriminant(&node))
                .collect();
            if same_kind.len() >= 2 && same_kind.contains(&node) {
                let label = format!(
                    "Merge {} selected into \u{201c}{}\u{201d}",
                    same_kind.len(),
                    node_name(&state.project, node)
                );
                if ui.button(label).clicked() {
                    commands.push(Intent::EditTree(TreeEdit::Merge(same_kind, node)));
                    ui.close();
                }
            }
            ui.separator();
            if ui.button("Delete…").on_disabled_hover_text(why).clicked() {
                if let Some(consequences) = state.delete_consequences(node) {
                    let name = node_name(&state.project, node).to_owned();
                    self.dialog = Some(TreeDialog::Delete { node, name, consequences });
                }
                ui.close();
            }
        }
    }

    /// What is dropped where: codes on concepts, concepts on categories, categories on classes;
    /// onto "not yet grouped" / "not yet placed" to take them out. An item that is part of the
    /// tree's selection brings the other selected items of its kind along.
    fn drop_target(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        branch_id: egui::Id,
        target: Target,
        commands: &mut Commands,
    ) {
        // Nothing is dragged while reviewing (no payloads are set), so nothing lands here.
        let hovering = match target {
            Target::Concept(_) => response.dnd_hover_payload::<CodeId>().is_some(),
            Target::Category(_) => response.dnd_hover_payload::<ConceptId>().is_some(),
            Target::Class(_) => response.dnd_hover_payload::<CategoryId>().is_some(),
            Target::Loose => {
                response.dnd_hover_payload::<CodeId>().is_some() || response.dnd_hover_payload::<ConceptId>().is_some()
            }
        };
        if hovering {
            ui.painter().rect_stroke(
                response.rect.expand(1.0),
                3.0,
                egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Outside,
            );
        }
        let edit = match target {
            Target::Concept(k) => response
                .dnd_release_payload::<CodeId>()
                .map(|c| TreeEdit::MoveCodes(self.with_selected_codes(*c), Some(k))),
            Target::Category(c) => response
                .dnd_release_payload::<ConceptId>()
                .map(|k| TreeEdit::MoveConcepts(self.with_selected_concepts(*k), Some(c))),
            Target::Class(class) => response
                .dnd_release_payload::<CategoryId>()
                .map(|c| TreeEdit::PlaceCategories(self.with_selected_categories(*c), class)),
            Target::Loose => response
                .dnd_release_payload::<CodeId>()
                .map(|c| TreeEdit::MoveCodes(self.with_selected_codes(*c), None))
                .or_else(|| {
                    response
                        .dnd_release_payload::<ConceptId>()
                        .map(|k| TreeEdit::MoveConcepts(self.with_selected_concepts(*k), None))
                }),
        };
        if let Some(edit) = edit {
            commands.push(Intent::EditTree(edit));
            // Open the branch it landed in, so the user sees it there.
            let mut branch = CollapsingState::load_with_default_open(ui.ctx(), branch_id, true);
            branch.set_open(true);
            branch.store(ui.ctx());
        }
    }

    fn with_selected_codes(&self, dragged: CodeId) -> Vec<CodeId> {
        self.with_selected(Node::Code(dragged), |n| if let Node::Code(id) = n { Some(id) } else { None })
    }

    fn with_selected_concepts(&self, dragged: ConceptId) -> Vec<ConceptId> {
        self.with_selected(Node::Concept(dragged), |n| if let Node::Concept(id) = n { Some(id) } else { None })
    }

    fn with_selected_categories(&self, dragged: CategoryId) -> Vec<CategoryId> {
        self.with_selected(Node::Category(dragged), |n| if let Node::Category(id) = n { Some(id) } else { None })
    }

    /// The dragged item, and the selected items of its kind if it is one of them.
    fn with_selected<T>(&self, dragged: Node, of_kind: impl Fn(Node) -> Option<T>) -> Vec<T> {
        if self.selected.contains(&dragged) {
            self.selected.iter().filter_map(|n| of_kind(*n)).collect()
        } else {
            of_kind(dragged).into_iter().collect()
        }
    }
}

/// A branch of the tree: its arrow opens and closes it; its label selects, renames (double
/// click), drags and takes drops (egui's `CollapsingHeader` would toggle on any click of its
/// header, so a click to select would also fold the branch). Returns the label's response and
/// the branch's id.
fn branch(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    default_open: bool,
    force_open: bool,
    (name, count): (egui::WidgetText, String),
    selected: bool,
    body: impl FnOnce(&mut egui::Ui),
) -> (egui::Response, egui::Id) {
    let id = ui.make_persistent_id(id_salt);
    // The arrow is named for screen readers without the counts, so it reads apart from the label.
    let arrow = format!("Open or close {}", name.text());
    let mut collapsing = CollapsingState::load_with_default_open(ui.ctx(), id, default_open);
    if force_open {
        collapsing.set_open(true);
    }
    let (toggle, header, _) = collapsing
        .show_header(ui, |ui| {
            // The name shrinks (with "…") before the count does, as on a code's row.
            let label = (name.atom_shrink(true), egui::Atom::grow(), RichText::new(count).weak());
            ui.add(
                egui::Button::selectable(selected, label)
                    .frame_when_inactive(false)
                    .min_size(egui::vec2(ui.available_width(), 0.0)),
            )
            .interact(Sense::click_and_drag())
        })
        .body(body);
    toggle.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::DisclosureTriangle, true, &arrow));
    (header.inner, id)
}

/// Where something can be dropped in the tree.
#[derive(Clone, Copy)]
enum Target {
    Class(Option<ParadigmClass>),
    Category(CategoryId),
    Concept(ConceptId),
    /// "Not yet grouped": codes out of their concept, concepts out of their category.
    Loose,
}

fn exists(p: &Project, node: Node) -> bool {
    match node {
        Node::Class(_) => true,
        Node::Category(id) => p.category(id).is_some(),
        Node::Concept(id) => p.concept(id).is_some(),
        Node::Code(id) => p.code(id).is_some(),
    }
}

/// What a comment on a tree item is on (a paradigm class takes none).
fn comment_target(node: Node) -> Option<axial_core::model::CommentTarget> {
    use axial_core::model::CommentTarget;
    match node {
        Node::Code(id) => Some(CommentTarget::Code(id)),
        Node::Concept(id) => Some(CommentTarget::Concept(id)),
        Node::Category(id) => Some(CommentTarget::Category(id)),
        Node::Class(_) => None,
    }
}
