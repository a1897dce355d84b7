//! Code co-occurrence: a matrix of the most frequent codes (or concepts, categories) that
//! overlap or share a speaker turn, shaded by count; a click on a cell lists the passages
//! where both occur.

use super::{Commands, counts_key, passage_list, wake};
use crate::app::{AppState, Computed};
use axial_core::analysis::cooccurrence::{CooccurrenceCache, Level, Matrix, Near, code_matrix, matrix, meetings};
use axial_core::analysis::hierarchy::{Node, name};
use axial_core::analysis::retrieval::{Passage, details};
use axial_core::analysis::units::TurnIndex;
use axial_core::model::*;
use egui::{Color32, RichText, Sense, vec2};

/// The matrix shows at most this many items (the most frequent), so it stays readable.
pub const ITEMS: usize = 24;

type Key = ((u64, u64), Level, Near);

pub struct CooccurrenceView {
    pub level: Level,
    pub near: Near,
    /// The cell whose passages are listed: indexes into the matrix's items.
    pub cell: Option<(usize, usize)>,
    matrix: Computed<Key, Matrix>,
    /// Codes on overlapping passages, kept live: the cache recounts only the documents whose
    /// codings changed (54 µs after one coding on the large project; 31 ms from scratch), and
    /// the matrix is rebuilt from its totals when the counts' revision moves.
    live: CooccurrenceCache,
    live_matrix: Option<((u64, u64), Matrix)>,
    /// The passages behind the clicked cell (off the frame thread in a large project).
    passages: Computed<(Key, (usize, usize)), Vec<Passage>>,
}

/// Categories sharing a speaker turn: the view opens on what a small study has most of (few
/// codes overlap; many share an answer).
impl Default for CooccurrenceView {
    fn default() -> Self {
        CooccurrenceView {
            level: Level::Category,
            near: Near::Turn,
            cell: None,
            matrix: Computed::default(),
            live: CooccurrenceCache::default(),
            live_matrix: None,
            passages: Computed::default(),
        }
    }
}

impl CooccurrenceView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        ui.horizontal_wrapped(|ui| {
            for (level, label) in
                [(Level::Code, "Codes"), (Level::Concept, "Concepts"), (Level::Category, "Categories")]
            {
                if ui.selectable_value(&mut self.level, level, label).changed() {
                    self.cell = None;
                }
            }
            ui.separator();
            for (near, label) in [(Near::Overlap, "Overlapping passages"), (Near::Turn, "Same speaker turn")] {
                if ui.selectable_value(&mut self.near, near, label).changed() {
                    self.cell = None;
                }
            }
        });
        let key = (counts_key(state), self.level, self.near);
        let (level, near) = (self.level, self.near);
        let m = if (level, near) == (Level::Code, Near::Overlap) {
            let counts = counts_key(state);
            if self.live_matrix.as_ref().is_none_or(|(at, _)| *at != counts) {
                self.live_matrix = Some((counts, code_matrix(p, self.live.update(p))));
            }
            self.live_matrix.as_ref().map(|(_, m)| m)
        } else {
            self.matrix.get(key, &state.project, wake(ui), move |p| matrix(p, level, near, &mut TurnIndex::default()))
        };
        let Some(m) = m else {
            ui.spinner();
            return;
        };
        if m.pairs.is_empty() {
            let hint = match self.near {
                Near::Overlap => {
                    "No two of them are coded on overlapping passages; try \u{201c}Same speaker turn\u{201d}."
                }
                Near::Turn => "No two of them are coded in the same speaker turn yet.",
            };
            ui.label(RichText::new(hint).weak());
            return;
        }
        // The most frequent items, in tree order.
        let tally = |n: Node| match n {
            Node::Code(id) => p.tallies().code(id).references,
            Node::Concept(id) => p.tallies().concept(id).references,
            Node::Category(id) => p.tallies().category(id).references,
            Node::Class(c) => p.tallies().class(c).references,
        };
        let mut shown: Vec<usize> = (0..m.items.len()).collect();
        shown.sort_by_key(|&i| std::cmp::Reverse(tally(m.items[i])));
        shown.truncate(ITEMS);
        shown.sort_unstable();
        if m.items.len() > ITEMS {
            ui.label(RichText::new(format!("The {ITEMS} most frequent of {} are shown.", m.items.len())).weak());
        }
        let max = m.pairs.values().map(|c| c.overlaps).max().unwrap_or(1).max(1);
        let mut clicked = None;
        egui::ScrollArea::both().id_salt("cooccurrence").max_height(ui.available_height() * 0.6).show(ui, |ui| {
            egui::Grid::new("cooccurrence-grid").spacing(vec2(2.0, 2.0)).show(ui, |ui| {
                ui.label("");
                for (col, &j) in shown.iter().enumerate() {
                    ui.label(RichText::new(format!("{}", col + 1)).small().strong()).on_hover_text(name(p, m.items[j]));
                }
                ui.end_row();
                for (row, &i) in shown.iter().enumerate() {
                    let label: String = name(p, m.items[i]).chars().take(32).collect();
                    ui.label(super::super::bidi_text::label(ui, RichText::new(format!("{} {label}", row + 1)).small()));
                    for &j in &shown {
                        if i == j {
                            ui.label("");
                            continue;
                        }
                        let n = m.get(i, j).overlaps;
                        let (rect, response) = ui.allocate_exact_size(vec2(30.0, 20.0), Sense::click());
                        let strength = n as f32 / max as f32;
                        let fill = if n == 0 {
                            ui.visuals().faint_bg_color
                        } else {
                            Color32::from_rgb(0x3a, 0x7b, 0xd5).gamma_multiply(0.25 + 0.75 * strength)
                        };
                        let selected = self.cell == Some((i.min(j), i.max(j)));
                        ui.painter().rect_filled(rect, 2.0, fill);
                        if selected {
                            ui.painter().rect_stroke(
                                rect,
                                2.0,
                                (2.0, ui.visuals().selection.stroke.color),
                                egui::StrokeKind::Inside,
                            );
                        }
                        if n > 0 {
                            ui.painter().text(
                                rect.center(),
                                egui::Align2::CENTER_CENTER,
                                n.to_string(),
                                egui::FontId::proportional(12.0),
                                ui.visuals().strong_text_color(),
                            );
                        }
                        let (a, b) = (name(p, m.items[i]).to_owned(), name(p, m.items[j]).to_owned());
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::accesskit::Role::Button,
                                true,
                                format!("Cell: {a} with {b}: {n}"),
                            )
                        });
                        if response.on_hover_text(format!("{a}\nwith {}\n{n} together", name(p, m.items[j]))).clicked()
                            && n > 0
                        {
                            clicked = Some((i.min(j), i.max(j)));
                        }
                    }
                    ui.end_row();
                }
            });
        });
        if clicked.is_some() {
            self.cell = clicked;
        }
        let Some(cell) = self.cell else {
            ui.label(RichText::new("Click a cell to read the passages where both occur.").weak());
            return;
        };
        // Only the two items go to the count, not the whole matrix.
        let pair = Matrix {
            level: m.level,
            near: m.near,
            items: vec![m.items[cell.0], m.items[cell.1]],
            pairs: Default::default(),
        };
        let passages = self.passages.get((key, cell), &state.project, wake(ui), move |p| {
            let mut turns = TurnIndex::default();
            let pairs = meetings(p, &pair, 0, 1, &mut turns);
            let mut codings: Vec<CodingId> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
            codings.sort_by_cached_key(|id| p.coding(*id).map(|c| (c.document, c.start, c.end)));
            codings.dedup();
            details(p, &codings, &mut turns)
        });
        let (a, b) = (name(p, m.items[cell.0]), name(p, m.items[cell.1]));
        ui.label(RichText::new(format!("Where \u{201c}{a}\u{201d} and \u{201c}{b}\u{201d} occur together")).strong());
        match passages {
            Some(passages) => passage_list(ui, state, passages, "cooccurrence", commands),
            None => {
                ui.spinner();
            }
        }
    }
}
