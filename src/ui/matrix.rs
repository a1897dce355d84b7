//! The conditional/consequential matrix in the window (beside the paradigm model, in its tab):
//! a band per level of the matrix, society at the top down to the individual, nested as the
//! matrix's rings are; in each band the categories at that level, across by their part in the
//! paradigm (conditions, action/interaction, consequences). Drag a category into another band
//! to change its level, or into the tray below to clear it; click one to see it in the details
//! panel. The same grid the printed figure draws ([`axial_core::report::figure::matrix`]).

use super::command::{Commands, UiCommand};
use crate::app::{AppState, DepthEdit, Group, Intent};
use axial_core::model::*;
use axial_core::report::figure::matrix::{Matrix, matrix};
use egui::{Color32, RichText, Sense, Stroke, vec2};

const CHIP_H: f32 = 24.0;
const NEST: f32 = 6.0;

/// Where a dragged category was dropped: a level, or the tray (no level).
type Drop = Option<ConditionLevel>;

pub fn ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let p = &state.project;
    let m = matrix(p);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Figure for print:").weak());
        use axial_core::export::Export;
        for (label, export) in
            [("Export SVG…", Export::MatrixSvg), ("Export PNG…", Export::MatrixPng), ("Export PDF…", Export::MatrixPdf)]
        {
            let command = UiCommand::Export(export);
            if ui.button(label).on_hover_text(command.tooltip()).clicked() {
                commands.push(command);
            }
        }
    });
    let hint = if state.edit_refusal().is_none() {
        "The categories by the level their conditions lie at · drag one into another band to change its level, \
         or into the tray to clear it · click one to see it below"
    } else {
        "The categories by the level their conditions lie at · click one to see it below and comment on it"
    };
    ui.label(RichText::new(hint).small().weak());
    let mut dropped: Option<(CategoryId, Drop)> = None;
    egui::ScrollArea::both().id_salt("matrix").auto_shrink(false).show(ui, |ui| {
        // A narrow window shrinks the columns (names are shortened with "…"); narrower than
        // this, the matrix scrolls sideways.
        let width = ui.available_width().max(420.0);
        let cols = m.columns.len() as f32;
        // The band's name takes less room in a narrow window ("Organisation" still fits).
        let label_w = (width * 0.18).clamp(84.0, 110.0);
        let col_w = (width - label_w - 2.0 * NEST * 4.0) / cols;
        header(ui, &m, label_w, col_w);
        let heights: Vec<f32> = m
            .rows
            .iter()
            .map(|(_, cells)| cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * (CHIP_H + 4.0) + 12.0)
            .collect();
        let (all, _) = ui.allocate_exact_size(vec2(width, heights.iter().sum()), Sense::hover());
        // Each band runs from its row to the bottom, inside the one around it: the matrix's rings.
        let mut top = all.min.y;
        let mut rows = Vec::with_capacity(heights.len());
        for (i, ((level, _), h)) in m.rows.iter().zip(&heights).enumerate() {
            let inset = i as f32 * NEST;
            let band =
                egui::Rect::from_min_max(egui::pos2(all.min.x + inset, top), egui::pos2(all.max.x - inset, all.max.y));
            let fill = if ui.visuals().dark_mode {
                Color32::from_gray(40 + 9 * i as u8)
            } else {
                Color32::from_gray(246 - 9 * i as u8)
            };
            ui.painter().rect(
                band,
                4.0,
                fill,
                Stroke::new(1.0, ui.visuals().weak_text_color()),
                egui::StrokeKind::Inside,
            );
            ui.painter().text(
                band.min + vec2(8.0, 6.0),
                egui::Align2::LEFT_TOP,
                level.label(),
                egui::FontId::proportional(13.0),
                ui.visuals().strong_text_color(),
            );
            rows.push((*level, egui::Rect::from_min_max(band.min, egui::pos2(band.max.x, top + h))));
            top += h;
        }
        for ((level, row), (_, cells)) in rows.iter().zip(&m.rows) {
            if drop_zone(ui, *row, *level, &mut dropped, state) {
                ui.painter().rect_stroke(
                    *row,
                    4.0,
                    Stroke::new(2.0, ui.visuals().selection.stroke.color),
                    egui::StrokeKind::Inside,
                );
            }
            for (c, ids) in cells.iter().enumerate() {
                let x = all.min.x + label_w + NEST * 4.0 + c as f32 * col_w;
                for (k, id) in ids.iter().enumerate() {
                    let chip = egui::Rect::from_min_size(
                        egui::pos2(x, row.min.y + 6.0 + k as f32 * (CHIP_H + 4.0)),
                        vec2(col_w - 8.0, CHIP_H),
                    );
                    chip_ui(ui, state, *id, chip, commands);
                }
            }
        }
        ui.add_space(8.0);
        tray(ui, state, &m, width, &mut dropped, commands);
    });
    if let Some((category, level)) = dropped
        && state.project.depth().level(category) != level
    {
        commands.push(Intent::EditDepth(DepthEdit::SetLevel { category, level }));
    }
}

/// The columns' names, each within its column (shortened with "…" when narrow).
fn header(ui: &mut egui::Ui, m: &Matrix, label_w: f32, col_w: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 18.0), Sense::hover());
    let painter = ui.painter();
    for (i, c) in m.columns.iter().enumerate() {
        let format = egui::TextFormat::simple(egui::FontId::proportional(12.0), ui.visuals().weak_text_color());
        let name = super::bidi_text::fitted_line(painter, c.label(), format, col_w - 10.0);
        let at = rect.min + vec2(label_w + NEST * 4.0 + i as f32 * col_w, 2.0);
        painter.galley(at, name, ui.visuals().weak_text_color());
    }
}

/// A band that takes a dragged category; whether one is held over it.
fn drop_zone(
    ui: &mut egui::Ui,
    band: egui::Rect,
    level: ConditionLevel,
    dropped: &mut Option<(CategoryId, Drop)>,
    state: &AppState,
) -> bool {
    let response = ui.interact(band, ui.scope_id().with(("band", level.key())), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Group, true, format!("Band: {}", level.label()))
    });
    if state.edit_refusal().is_some() {
        return false;
    }
    if let Some(id) = response.dnd_release_payload::<CategoryId>() {
        *dropped = Some((*id, Some(level)));
    }
    response.dnd_hover_payload::<CategoryId>().is_some()
}

/// The categories with no level yet, as chips to drag into a band; a drop here clears one.
fn tray(
    ui: &mut egui::Ui,
    state: &AppState,
    m: &Matrix,
    width: f32,
    dropped: &mut Option<(CategoryId, Drop)>,
    commands: &mut Commands,
) {
    ui.label(RichText::new(format!("No level yet ({})", m.without_level.len())).strong());
    let per_row = ((width / 230.0).floor() as usize).max(1);
    let rows = m.without_level.len().div_ceil(per_row).max(1) as f32;
    let (rect, _) = ui.allocate_exact_size(vec2(width, rows * (CHIP_H + 4.0) + 8.0), Sense::hover());
    let response = ui.interact(rect, ui.scope_id().with("matrix-tray"), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Group, true, "Tray: no level"));
    ui.painter().rect_stroke(rect, 4.0, Stroke::new(1.0, ui.visuals().weak_text_color()), egui::StrokeKind::Inside);
    if state.edit_refusal().is_none()
        && let Some(id) = response.dnd_release_payload::<CategoryId>()
    {
        *dropped = Some((*id, None));
    }
    let chip_w = width / per_row as f32 - 8.0;
    for (i, id) in m.without_level.iter().enumerate() {
        let (row, col) = (i / per_row, i % per_row);
        let chip = egui::Rect::from_min_size(
            rect.min + vec2(4.0 + col as f32 * (chip_w + 8.0), 4.0 + row as f32 * (CHIP_H + 4.0)),
            vec2(chip_w, CHIP_H),
        );
        chip_ui(ui, state, *id, chip, commands);
    }
}

/// One category: its name (the core category with a strong border), a click selects it, a drag
/// carries it to another band.
fn chip_ui(ui: &mut egui::Ui, state: &AppState, id: CategoryId, r: egui::Rect, commands: &mut Commands) {
    let p = &state.project;
    let Some(c) = p.category(id) else { return };
    let sense = if state.edit_refusal().is_none() { Sense::click_and_drag() } else { Sense::click() };
    let response = ui.interact(r, ui.scope_id().with(("matrix-chip", id.0)), sense);
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, format!("Chip: {}", c.name)));
    if state.edit_refusal().is_none() {
        response.dnd_set_drag_payload(id);
    }
    let visuals = ui.visuals();
    let core = p.core_category() == Some(id);
    let selected = state.selected_group == Some(Group::Category(id));
    let stroke = if core {
        Stroke::new(2.5, Color32::from_rgb(0xe0, 0xa8, 0x20))
    } else if selected || response.hovered() {
        Stroke::new(2.0, visuals.selection.stroke.color)
    } else {
        Stroke::new(1.0, visuals.weak_text_color())
    };
    let painter = ui.painter().with_clip_rect(r.intersect(ui.clip_rect()));
    painter.rect_filled(r, 4.0, visuals.window_fill);
    painter.rect_stroke(r, 4.0, stroke, egui::StrokeKind::Inside);
    let format = egui::TextFormat::simple(egui::FontId::proportional(12.5), visuals.strong_text_color());
    let name = super::bidi_text::fitted_line(&painter, &c.name, format, r.width() - 12.0);
    painter.galley(r.min + vec2(6.0, (CHIP_H - name.size().y) / 2.0), name, visuals.strong_text_color());
    let class = c.class.map(|k| k.label()).unwrap_or("not in the paradigm yet");
    let response = response.on_hover_text(format!("{}\n{class}", c.name));
    if response.clicked() {
        commands.push(Intent::SelectGroup(Some(Group::Category(id))));
    }
}
