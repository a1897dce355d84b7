//! Painting the paragraphs in view: each one's number, its text and its codings' stripes in
//! the margin (one lane per overlapping coding, joined across paragraphs), and the tooltip of
//! the stripe under the pointer.

use super::paragraph::Laid;
use super::{Frame, Placed, ReaderView};
use crate::app::AppState;
use crate::ui::theme::{self, GUTTER_WIDTH, LANE_WIDTH, MAX_LANES};
use axial_core::model::*;
use egui::{Align2, Color32, FontId, Id, Pos2, Rect, Stroke, pos2, vec2};

impl ReaderView {
    /// Paints the paragraphs placed this frame: with two coders apart a faint rule between
    /// their stripe groups, then each paragraph's number, text and stripes. Returns the coding
    /// (an index into the layout's codings) whose stripe is under the pointer.
    pub(super) fn paint(
        &self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        state: &AppState,
        frame: &Frame,
        selection: Option<(usize, usize)>,
    ) -> Option<usize> {
        let origin = frame.rect.min;
        let text_color = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let pointer = ui.ctx().pointer_hover_pos();
        let mut hovered = None;
        // Two coders apart: a faint rule between their stripe groups.
        if let Some(gap) = self.layout.gap_lane.filter(|g| *g < MAX_LANES) {
            let x = origin.x + GUTTER_WIDTH + (gap as f32 + 0.4) * LANE_WIDTH;
            painter.vline(x, frame.rect.y_range(), Stroke::new(1.0, weak.gamma_multiply(0.5)));
        }
        for p in &frame.placed {
            let top = origin.y + p.top;
            if let Some(n) = self.layout.numbers[p.index] {
                painter.text(
                    pos2(origin.x + GUTTER_WIDTH - 8.0, top + 1.0),
                    Align2::RIGHT_TOP,
                    n.to_string(),
                    FontId::monospace(10.5),
                    weak,
                );
            }
            let text_origin = pos2(origin.x + frame.text_left, top);
            match &p.text {
                Laid::Plain(galley) => painter.galley(text_origin, galley.clone(), text_color),
                Laid::Bidi(block) => self.paint_bidi(ui, state, painter, block, p.index, text_origin, selection),
            }
            if let Some(coding) = self.paint_stripes(painter, state, origin, p, text_color, pointer) {
                hovered = Some(coding);
            }
        }
        hovered
    }

    /// Paints the stripes of the codings touching the placed paragraph `p` (`origin` is the top
    /// left of the reader's rectangle), the selected coding's outlined; returns the last one
    /// under `pointer`.
    fn paint_stripes(
        &self,
        painter: &egui::Painter,
        state: &AppState,
        origin: Pos2,
        p: &Placed,
        text_color: Color32,
        pointer: Option<Pos2>,
    ) -> Option<usize> {
        let top = origin.y + p.top;
        let para = &self.layout.paragraphs[p.index];
        let next_top = origin.y
            + p.top
            + self.heights[p.index]
            + self.top_gap((p.index + 1).min(self.layout.paragraphs.len() - 1));
        let mut hovered = None;
        for &ci in &self.layout.by_paragraph[p.index] {
            let c = &self.layout.codings[ci];
            let lane = self.layout.lanes.get(&c.id).copied().unwrap_or(0);
            if lane >= MAX_LANES {
                continue;
            }
            let y0 = if c.start <= para.start {
                top - self.top_gap(p.index)
            } else {
                top + p.text.line_edge(c.start - para.start, false)
            };
            let y1 = if c.end > para.end { next_top } else { top + p.text.line_edge(c.end - para.start, true) };
            let x = origin.x + GUTTER_WIDTH + lane as f32 * LANE_WIDTH;
            let stripe = Rect::from_min_max(pos2(x, y0), pos2(x + LANE_WIDTH - 1.5, y1.max(y0 + 2.0)));
            let color = state.project.code(c.code).map(|k| theme::code_color(&k.color)).unwrap_or(Color32::GRAY);
            painter.rect_filled(stripe, 1.0, color);
            if state.selected_coding == Some(c.id) {
                painter.rect_stroke(stripe.expand(1.0), 1.0, Stroke::new(1.5, text_color), egui::StrokeKind::Outside);
            }
            if pointer.is_some_and(|pt| stripe.expand2(vec2(1.0, 0.0)).contains(pt)) {
                hovered = Some(ci);
            }
        }
        hovered
    }

    /// The tooltip of a stripe under the pointer: its code, the start of its quote, its coder.
    pub(super) fn stripe_tip(&self, ui: &egui::Ui, state: &AppState, document: &Document, c: &Coding) {
        let name = state.project.code(c.code).map(|k| k.name.as_str()).unwrap_or("?");
        let quote = self.layout.slice(&document.text, c.start, c.end);
        let short: String = quote.chars().take(140).collect();
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            Id::unique("stripe-tip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            ui.strong(name);
            ui.label(format!("{}{}", short, if quote.chars().count() > 140 { "…" } else { "" }));
            ui.weak(format!("coded by {} · click to select", c.coder));
        });
    }
}
