//! The paradigm model view (a tab beside the transcript): the project's categories as cards in
//! Strauss & Corbin's diagram (the layout is the core's, shared with the SVG export). Drag a
//! card into another box to place it (or into the tray to unplace it); drag from a card's
//! handle onto another card to relate them (then choose the kind); click a relation to select
//! it and Delete to remove it; right-click a card to mark the core category; click a card to see
//! it in the details panel.

use super::command::{Commands, UiCommand};
use crate::app::{AppState, Group, Intent, TreeEdit};
use axial_core::analysis::diagram::{Diagram, FLOW, layout};
use axial_core::analysis::hierarchy::{Hierarchy, loose_ends};
use axial_core::model::*;
use axial_core::report::diagram::{flow_line, relation_line};
use egui::{Align2, Color32, FontId, Pos2, Sense, Stroke, pos2, vec2};

/// The payload of a drag that draws a relation from a category.
#[derive(Clone, Copy, Debug)]
struct RelateFrom(CategoryId);

#[derive(Default)]
pub struct ParadigmView {
    hierarchy: Hierarchy,
    built: bool,
    /// A relation drawn, waiting for its kind.
    pending: Option<(CategoryId, CategoryId)>,
    custom_kind: String,
    pub selected_relation: Option<RelationId>,
    /// The storyline being typed, and the core category and revision it was loaded at.
    storyline: String,
    storyline_key: Option<(CategoryId, u64)>,
    /// Which relations evidence or a passage or turn coded with both ends grounds (the others are dashed),
    /// by the structure and coding revisions it was computed at.
    grounds: crate::app::Computed<(u64, u64), axial_core::analysis::grounding::Grounding>,
    /// The conditional/consequential matrix is shown instead of the paradigm diagram.
    pub matrix: bool,
}

impl ParadigmView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        if !self.built || self.hierarchy.revision != p.revisions().structure {
            self.hierarchy = Hierarchy::build(p);
            self.built = true;
            self.selected_relation = self.selected_relation.filter(|r| p.relation(*r).is_some());
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.matrix, false, "Paradigm model").on_hover_text(
                "Strauss & Corbin's paradigm: the categories in their six classes, with their relations",
            );
            ui.selectable_value(&mut self.matrix, true, "Conditional/consequential matrix")
                .on_hover_text("The categories by the level their conditions lie at, society to the individual");
        });
        if self.matrix {
            super::matrix::ui(ui, state, commands);
            return;
        }
        export_ui(ui, commands);
        let hint = if state.edit_refusal().is_none() {
            "Drag a card into a box to place it · drag from the dot on a card's right onto another card to relate \
             them · click a relation, then Delete, to remove it · right-click a card for the core category · \
             dashed: no passage is picked as its evidence or coded with both ends"
        } else {
            "Click a card or a relation to see it below and comment on it · right-click a card for its passages · \
             dashed: no passage is picked as its evidence or coded with both ends"
        };
        ui.label(egui::RichText::new(hint).small().weak());
        let width = (ui.available_width() - 12.0).max(640.0);
        let d = layout(p, &self.hierarchy, width);
        egui::ScrollArea::both().id_salt("paradigm").auto_shrink(false).show(ui, |ui| {
            let (full, background) = ui.allocate_exact_size(vec2(d.width, d.height + 270.0), Sense::click());
            let rect = egui::Rect::from_min_size(full.min, vec2(d.width, d.height));
            let origin = rect.min.to_vec2();
            let at = |x: f32, y: f32| pos2(x, y) + origin;
            let screen =
                |r: axial_core::analysis::diagram::Rect| egui::Rect::from_min_size(at(r.x, r.y), vec2(r.w, r.h));
            let painter = ui.painter_at(rect);
            let visuals = ui.visuals().clone();
            let text = visuals.text_color();
            let weak = visuals.weak_text_color();
            let accent = visuals.selection.stroke.color;

            for b in &d.boxes {
                let r = screen(b.rect);
                painter.rect_filled(r, 8.0, visuals.faint_bg_color);
                painter.rect_stroke(r, 8.0, Stroke::new(1.0, weak), egui::StrokeKind::Inside);
                let label = b.class.map(|c| c.label()).unwrap_or("Not yet placed");
                painter.text(r.min + vec2(10.0, 8.0), Align2::LEFT_TOP, label, FontId::proportional(14.0), text);
                let id = ui.scope_id().with(("paradigm-box", b.class));
                let response = ui.interact(r, id, Sense::hover());
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Group, true, format!("Box: {label}"))
                });
            }
            for (from, to) in FLOW {
                if let (Some(a), Some(b)) = (d.class_box(Some(from)), d.class_box(Some(to))) {
                    let ((x1, y1), (x2, y2)) = flow_line(a.rect, b.rect);
                    arrow(&painter, at(x1, y1), at(x2, y2), Stroke::new(2.0, weak), true);
                }
            }
            let pointer = ui.ctx().pointer_hover_pos();
            let revisions = p.revisions();
            let grounds = self
                .grounds
                .get(
                    (revisions.structure, revisions.codings),
                    &state.project,
                    super::analysis::wake(ui),
                    axial_core::analysis::grounding::grounding,
                )
                .cloned()
                .unwrap_or_default();
            let mut hovered_relation = None;
            // Relation labels are painted after the cards, so a card never hides one.
            let mut labels = Vec::new();
            for rel in p.relations() {
                let (Some(a), Some(b)) = (d.card(rel.from), d.card(rel.to)) else { continue };
                let ((x1, y1), (x2, y2)) = relation_line(a.rect, b.rect);
                let (s, e) = (at(x1, y1), at(x2, y2));
                let selected = self.selected_relation == Some(rel.id);
                let near = pointer.is_some_and(|pt| distance_to_segment(pt, s, e) < 5.0);
                if near {
                    hovered_relation = Some(rel.id);
                }
                let width = if selected || near { 3.0 } else { 1.5 };
                let color = if selected { accent } else { Color32::from_rgb(0x3a, 0x7b, 0xd5) };
                // A relation nothing in the data grounds is dashed (as in the printed figure).
                let grounded = grounds.get(&rel.id).is_none_or(|g| g.any());
                arrow(&painter, s, e, Stroke::new(width, color), grounded);
                labels.push((pos2((s.x + e.x) / 2.0, (s.y + e.y) / 2.0 - 8.0), rel.kind.clone(), color));
            }
            if background.clicked() {
                self.selected_relation = hovered_relation;
                // The details panel shows the relation (and its comments).
                if hovered_relation.is_some() || state.selected_relation.is_some() {
                    commands.push(Intent::SelectRelation(hovered_relation));
                }
            }
            if let Some(rel) = self.selected_relation
                && state.edit_refusal().is_none()
                && !ui.ctx().text_edit_focused()
                && ui.input(|i| i.key_pressed(egui::Key::Delete) || i.key_pressed(egui::Key::Backspace))
            {
                commands.push(Intent::EditTree(TreeEdit::DeleteRelation(rel)));
                self.selected_relation = None;
            }

            for card in &d.cards {
                self.card_ui(ui, state, card, screen(card.rect), commands);
            }
            self.below_ui(ui, state, rect, commands);
            let painter = ui.painter_at(rect);
            for (mid, kind, color) in labels {
                let galley = painter.layout_no_wrap(kind, FontId::proportional(11.0), color);
                let plate = egui::Rect::from_center_size(mid, galley.size() + vec2(6.0, 2.0));
                painter.rect_filled(plate, 3.0, visuals.extreme_bg_color);
                painter.galley(plate.min + vec2(3.0, 1.0), galley, color);
            }
            self.drops(ui, &d, origin, commands);
        });
        self.kind_dialog(ui.ctx(), state, commands);
    }

    fn card_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        card: &axial_core::analysis::diagram::Card,
        r: egui::Rect,
        commands: &mut Commands,
    ) {
        let p = &state.project;
        let Some(c) = p.category(card.category) else { return };
        let core = p.core_category() == Some(c.id);
        let selected = state.selected_group == Some(Group::Category(c.id));
        let visuals = ui.visuals().clone();
        // Reviewing (or read-only): a card is clicked, never dragged into another box.
        let refusal = state.edit_refusal();
        let sense = if refusal.is_none() { Sense::click_and_drag() } else { Sense::click() };
        let response = ui.interact(r, ui.scope_id().with(("card", c.id.0)), sense);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, format!("Card: {}", c.name))
        });
        if refusal.is_none() {
            response.dnd_set_drag_payload(c.id);
        }
        // Text stays inside its card, however narrow the window makes it.
        let painter = ui.painter().with_clip_rect(r.intersect(ui.clip_rect()));
        let fill = if core { Color32::from_rgb(0x6b, 0x50, 0x10) } else { visuals.window_fill };
        painter.rect_filled(r, 6.0, fill);
        let stroke = if core {
            Stroke::new(3.0, Color32::from_rgb(0xe0, 0xa8, 0x20))
        } else if selected || response.hovered() {
            Stroke::new(2.0, visuals.selection.stroke.color)
        } else {
            Stroke::new(1.0, visuals.weak_text_color())
        };
        painter.rect_stroke(r, 6.0, stroke, egui::StrokeKind::Inside);
        let t = p.tallies().category(c.id);
        let concepts = self.hierarchy.concepts_in(Some(c.id)).len();
        // The name on one line, shortened with "…" (right-to-left names in visual order).
        let format = egui::TextFormat::simple(FontId::proportional(13.0), visuals.strong_text_color());
        let name = super::bidi_text::fitted_line(&painter, &c.name, format, r.width() - 28.0);
        // A right-to-left name starts at the card's right (clear of the relation dot).
        let x = if axial_core::bidi::base_is_rtl(&c.name) { r.max.x - 20.0 - name.size().x } else { r.min.x + 8.0 };
        painter.galley(egui::pos2(x, r.min.y + 6.0), name, visuals.strong_text_color());
        let properties: Vec<&axial_core::model::Property> = p.depth().properties_of(c.id).collect();
        let facts = format!(
            "{} refs · {} docs · {} concepts{}{}",
            t.references,
            t.documents,
            concepts,
            match properties.len() {
                0 => String::new(),
                1 => " · 1 property".to_owned(),
                n => format!(" · {n} properties"),
            },
            if core { " · core" } else { "" }
        );
        painter.text(
            r.min + vec2(8.0, 27.0),
            Align2::LEFT_TOP,
            facts,
            FontId::proportional(11.0),
            visuals.weak_text_color(),
        );
        // The hover names the category, its matrix level and its properties with their dimensions.
        let mut hover = c.name.clone();
        if let Some(level) = p.depth().level(c.id) {
            hover.push_str(&format!("\nMatrix level: {}", level.label()));
        }
        for prop in &properties {
            hover.push_str(&format!("\n{}: {}", prop.name, prop.dimension.describe()));
        }
        let response = response.on_hover_text(hover);
        if response.clicked() {
            commands.push(Intent::SelectGroup(Some(Group::Category(c.id))));
        }
        response.context_menu(|ui| {
            if ui.button("Read its passages").clicked() {
                commands.push(UiCommand::ReadPassages(crate::app::Scope::Category(c.id)));
                ui.close();
            }
            let label = if core { "Not the core category" } else { "Mark as the core category" };
            if ui
                .add_enabled(refusal.is_none(), egui::Button::new(label))
                .on_disabled_hover_text(refusal.unwrap_or_default())
                .clicked()
            {
                commands.push(Intent::EditTree(TreeEdit::SetCore((!core).then_some(c.id))));
                ui.close();
            }
            let outgoing: Vec<&Relation> = p.relations().filter(|r| r.from == c.id || r.to == c.id).collect();
            if !outgoing.is_empty() {
                ui.menu_button("Comment on a relation", |ui| {
                    for rel in &outgoing {
                        let name = |id| p.category(id).map(|k| k.name.as_str()).unwrap_or("?");
                        let open = state.comments.open_on(axial_core::model::CommentTarget::Relation(rel.id));
                        let badge = if open > 0 { format!("  ({open} open)") } else { String::new() };
                        if ui.button(format!("{} {} {}{badge}", name(rel.from), rel.kind, name(rel.to))).clicked() {
                            commands.push(Intent::SelectRelation(Some(rel.id)));
                            ui.close();
                        }
                    }
                });
            }
            if !outgoing.is_empty() && refusal.is_none() {
                ui.menu_button("Delete a relation", |ui| {
                    for rel in outgoing {
                        let name = |id| p.category(id).map(|k| k.name.as_str()).unwrap_or("?");
                        if ui.button(format!("{} {} {}", name(rel.from), rel.kind, name(rel.to))).clicked() {
                            commands.push(Intent::EditTree(TreeEdit::DeleteRelation(rel.id)));
                            ui.close();
                        }
                    }
                });
            }
        });
        if refusal.is_some() {
            return;
        }
        // The handle to draw a relation from: on top of the card, at its right edge.
        let handle = egui::Rect::from_center_size(pos2(r.right() - 10.0, r.center().y), vec2(14.0, 14.0));
        let h = ui.interact(handle, ui.scope_id().with(("relate", c.id.0)), Sense::drag());
        h.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, format!("Relate from {}", c.name))
        });
        h.dnd_set_drag_payload(RelateFrom(c.id));
        let dot = if h.hovered() { visuals.selection.stroke.color } else { visuals.weak_text_color() };
        ui.painter().circle_filled(handle.center(), 4.5, dot);
        if h.dragged()
            && let Some(pt) = ui.ctx().pointer_interact_pos()
        {
            ui.painter().line_segment([handle.center(), pt], Stroke::new(2.0, visuals.selection.stroke.color));
        }
    }

    /// Where a dragged card or relation lands, decided from the pointer and the layout (boxes
    /// hold cards, so hit-testing by geometry is what tells them apart).
    fn drops(&mut self, ui: &egui::Ui, d: &Diagram, origin: egui::Vec2, commands: &mut Commands) {
        let ctx = ui.ctx();
        let Some(pt) = ctx.pointer_interact_pos().or_else(|| ctx.pointer_hover_pos()) else { return };
        let local = pt - origin;
        if !ui.clip_rect().contains(pt) {
            return;
        }
        let released = ctx.input(|i| i.pointer.any_released());
        if let Some(dragged) = egui::DragAndDrop::payload::<CategoryId>(ctx)
            && let Some(class) = d.box_at(local.x, local.y)
        {
            if let Some(b) = d.class_box(class).map(|b| b.rect) {
                let r = egui::Rect::from_min_size(pos2(b.x, b.y) + origin, vec2(b.w, b.h));
                let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
                ui.painter().rect_stroke(r, 8.0, stroke, egui::StrokeKind::Outside);
            }
            if released {
                egui::DragAndDrop::clear_payload(ctx);
                commands.push(Intent::EditTree(TreeEdit::PlaceCategories(vec![*dragged], class)));
            }
        }
        if let Some(from) = egui::DragAndDrop::payload::<RelateFrom>(ctx)
            && released
        {
            egui::DragAndDrop::clear_payload(ctx);
            if let Some(to) = d.card_at(local.x, local.y)
                && to != from.0
            {
                self.pending = Some((from.0, to));
                self.custom_kind.clear();
            }
        }
    }

    /// Under the diagram: the storyline (the core category's memo) and the loose ends.
    fn below_ui(&mut self, ui: &mut egui::Ui, state: &AppState, diagram: egui::Rect, commands: &mut Commands) {
        let p = &state.project;
        let area = egui::Rect::from_min_size(diagram.left_bottom() + vec2(0.0, 8.0), vec2(diagram.width(), 260.0));
        ui.scope_builder(egui::UiBuilder::new().max_rect(area), |ui| {
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                ui.strong("Storyline");
                match p.core_category().and_then(|c| p.category(c)) {
                    None => {
                        ui.label(
                            egui::RichText::new("Mark a core category (right-click its card) to write the storyline.")
                                .weak(),
                        );
                    }
                    Some(core) => {
                        let key = (core.id, state.revision());
                        let target = MemoTarget::Category(core.id);
                        let typing =
                            ui.ctx().text_edit_focused() && self.storyline_key.is_some_and(|(c, _)| c == core.id);
                        if self.storyline_key != Some(key) && !typing {
                            self.storyline = p.memos_on(&target).next().map(|m| m.text.clone()).unwrap_or_default();
                            self.storyline_key = Some(key);
                        }
                        let label = ui.label(
                            egui::RichText::new(format!("the memo of \u{201c}{}\u{201d}", core.name)).small().weak(),
                        );
                        // Reviewing or read-only: the storyline to read, not an editor.
                        let read_only = state.edit_refusal().filter(|_| !state.restoring());
                        // A long storyline scrolls inside its place under the diagram.
                        let edit = egui::ScrollArea::vertical()
                            .id_salt("storyline-scroll")
                            .max_height(210.0)
                            .show(ui, |ui| {
                                if let Some(why) = read_only {
                                    let text = if self.storyline.trim().is_empty() {
                                        "(no storyline yet)"
                                    } else {
                                        &self.storyline
                                    };
                                    return ui.add(egui::Label::new(text).wrap().selectable(true)).on_hover_text(why);
                                }
                                ui.add(
                                    egui::TextEdit::multiline(&mut self.storyline)
                                        .id_salt("storyline")
                                        .interactive(!state.restoring())
                                        .desired_rows(8)
                                        .desired_width(f32::INFINITY)
                                        .hint_text("The story the core category tells, in a few paragraphs"),
                                )
                                .labelled_by(label.id)
                            })
                            .inner;
                        if edit.changed() {
                            commands.push(Intent::SetMemo { target, text: self.storyline.clone() });
                        }
                    }
                }
                let ui = &mut cols[1];
                ui.strong("Loose ends");
                let loose = loose_ends(p, &self.hierarchy);
                if loose.is_empty() {
                    ui.label(egui::RichText::new("None: every code, concept and category is tied in.").weak());
                }
                egui::ScrollArea::vertical().id_salt("loose-ends").max_height(220.0).show(ui, |ui| {
                    for &id in &loose.codes {
                        let name = p.code(id).map(|c| c.name.as_str()).unwrap_or("?");
                        if ui.link(format!("code without a concept: {name}")).clicked() {
                            commands.push(Intent::SelectCode(Some(id)));
                        }
                    }
                    for &id in &loose.concepts {
                        let name = p.concept(id).map(|c| c.name.as_str()).unwrap_or("?");
                        if ui.link(format!("concept without a category: {name}")).clicked() {
                            commands.push(Intent::SelectGroup(Some(Group::Concept(id))));
                        }
                    }
                    for (list, what) in
                        [(&loose.unplaced, "category not placed"), (&loose.unrelated, "not connected to the core")]
                    {
                        for &id in list.iter() {
                            let name = p.category(id).map(|c| c.name.as_str()).unwrap_or("?");
                            if ui.link(format!("{what}: {name}")).clicked() {
                                commands.push(Intent::SelectGroup(Some(Group::Category(id))));
                            }
                        }
                    }
                });
            });
        });
    }

    /// Choosing the kind of a relation just drawn.
    fn kind_dialog(&mut self, ctx: &egui::Context, state: &AppState, commands: &mut Commands) {
        let Some((from, to)) = self.pending else { return };
        let p = &state.project;
        let name = |id| p.category(id).map(|c| c.name.clone()).unwrap_or_default();
        let kinds = p.relation_kinds();
        let mut done = false;
        egui::Modal::new(egui::Id::unique("relation-kind")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.strong(format!("\u{201c}{}\u{201d} … \u{201c}{}\u{201d}", name(from), name(to)));
            ui.label("What kind of relation?");
            ui.horizontal_wrapped(|ui| {
                for kind in kinds {
                    if ui.button(kind).clicked() {
                        commands.push(Intent::EditTree(TreeEdit::Relate { from, to, kind: kind.clone() }));
                        done = true;
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("A new kind:").on_hover_text(
                    "Added to the project's relation kinds (Project > Project settings lists, renames and orders them)",
                );
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut self.custom_kind).desired_width(180.0))
                    .labelled_by(label.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Add").clicked() || enter) && !self.custom_kind.trim().is_empty() {
                    commands.push(Intent::EditTree(TreeEdit::Relate {
                        from,
                        to,
                        kind: self.custom_kind.trim().to_owned(),
                    }));
                    done = true;
                }
            });
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = true;
            }
        });
        if done {
            self.pending = None;
        }
    }
}

/// A line with an arrowhead at its end.
fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke, solid: bool) {
    if solid {
        painter.line_segment([from, to], stroke);
    } else {
        painter.extend(egui::Shape::dashed_line(&[from, to], stroke, 6.0, 4.0));
    }
    let dir = (to - from).normalized();
    let side = vec2(-dir.y, dir.x);
    let head = 8.0 + stroke.width;
    painter.add(egui::Shape::convex_polygon(
        vec![to, to - dir * head + side * head * 0.45, to - dir * head - side * head * 0.45],
        stroke.color,
        Stroke::NONE,
    ));
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(f32::EPSILON)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

/// The diagram's exports, one click from the diagram: the same commands as Project > Export.
fn export_ui(ui: &mut egui::Ui, commands: &mut Commands) {
    use axial_core::export::Export;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Figure for print:").weak());
        for (label, export) in [
            ("Export SVG…", Export::DiagramSvg),
            ("Export PNG…", Export::DiagramPng),
            ("Export PDF…", Export::DiagramPdf),
        ] {
            let command = super::command::UiCommand::Export(export);
            if ui.button(label).on_hover_text(command.tooltip()).clicked() {
                commands.push(command);
            }
        }
    });
}
