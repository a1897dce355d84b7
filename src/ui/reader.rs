//! The transcript reader: paragraphs laid out only when on screen, speaker turns set apart,
//! paragraph numbers, coded passages highlighted in their codes' colours with stacked coding
//! stripes in the margin; mouse and keyboard selection; a drop target for codes.
//!
//! Galleys are cached per paragraph and rebuilt only when what that paragraph shows changes
//! (its codings and their colours, the selection inside it, the selected coding) or the width
//! does; a new coding elsewhere, or a memo being typed, re-lays out nothing. Heights of
//! paragraphs not yet seen are estimated and corrected as they come into view.

use super::bidi_text::{BidiBlock, BlockStyle};
use super::command::{Commands, UiCommand};
use super::theme::{self, BODY_SIZE, GUTTER_WIDTH, LANE_WIDTH, MAX_LANES};
use crate::app::reader::{CodersShown, DocumentLayout, Paragraph};
use crate::app::{AppState, Intent};
use axial_core::model::*;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align2, Color32, FontId, Galley, Id, Pos2, Rect, Sense, Stroke, pos2, vec2};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Extra space above a paragraph that opens a speaker turn.
const TURN_GAP: f32 = 10.0;
const PARAGRAPH_GAP: f32 = 3.0;

#[derive(Clone, Copy, PartialEq, Eq)]
struct GalleyKey {
    /// What the paragraph's codings look like (see `DocumentLayout::fingerprints`).
    fingerprint: u64,
    width: u32,
    selection: Option<(usize, usize)>,
    selected_coding: Option<CodingId>,
    dark: bool,
}

/// A paragraph as laid out: by egui (left-to-right text), or by the reader itself when it holds
/// right-to-left text (see `bidi_text`).
#[derive(Clone)]
enum Laid {
    Plain(Arc<Galley>),
    Bidi(Arc<BidiBlock>),
}

impl Laid {
    fn height(&self) -> f32 {
        match self {
            Laid::Plain(galley) => galley.size().y,
            Laid::Bidi(block) => block.size().y,
        }
    }

    /// The char (paragraph offset) a pointer at `local` (from the text's top left) means.
    fn hit(&self, local: egui::Vec2) -> usize {
        match self {
            Laid::Plain(galley) => galley.cursor_from_pos(local).index.0,
            Laid::Bidi(block) => block.hit(local),
        }
    }

    /// The top of the line where `offset` starts, or (`ending`) the bottom of the line where a
    /// range ending at `offset` ends.
    fn line_edge(&self, offset: usize, ending: bool) -> f32 {
        match self {
            Laid::Plain(galley) => {
                let rect = galley.pos_from_cursor(CCursor::new(offset));
                if ending { rect.max.y } else { rect.min.y }
            }
            Laid::Bidi(block) => {
                let (top, bottom) = block.line_span(offset, ending);
                if ending { bottom } else { top }
            }
        }
    }

    /// The screen rectangles of the paragraph's chars `chars`, the text drawn at `origin`.
    fn rects(&self, origin: Pos2, chars: Range<usize>) -> Vec<Rect> {
        match self {
            Laid::Plain(galley) => {
                // Left-to-right rows: the first row from the start, whole rows between, the
                // last row up to the end.
                let first = galley.pos_from_cursor(CCursor::new(chars.start));
                let last = galley.pos_from_cursor(CCursor::new(chars.end.max(chars.start)));
                let mut rects = Vec::new();
                if (first.min.y - last.min.y).abs() < 0.5 {
                    rects.push(Rect::from_min_max(first.min, last.max));
                } else {
                    let right = galley.size().x;
                    rects.push(Rect::from_min_max(first.min, pos2(right, first.max.y)));
                    if last.min.y > first.max.y + 0.5 {
                        rects.push(Rect::from_min_max(pos2(0.0, first.max.y), pos2(right, last.min.y)));
                    }
                    rects.push(Rect::from_min_max(pos2(0.0, last.min.y), last.max));
                }
                rects.into_iter().map(|r| r.translate(origin.to_vec2())).collect()
            }
            Laid::Bidi(block) => block.rects(origin, chars),
        }
    }
}

#[derive(Default)]
pub struct ReaderView {
    /// The open document as the reader draws it, rebuilt when the project changes.
    layout: DocumentLayout,
    /// The document's coding revision and the project's structure revision the layout was
    /// built at.
    built_at: (u64, u64),
    /// Whose codings are shown (all, one coder's, two apart), and what the layout was built for.
    pub shown: CodersShown,
    built_for: CodersShown,
    /// Paragraph heights at `height_width` (estimates until laid out).
    heights: Vec<f32>,
    height_width: f32,
    galleys: HashMap<usize, (GalleyKey, Laid)>,
    /// Per paragraph: whether it holds right-to-left text (and so is laid out by the reader).
    bidi: Vec<bool>,
    /// Where each paragraph in view was drawn last frame (its text's top left), for tests.
    drawn: Vec<(usize, Pos2, Laid)>,
    /// Where the current mouse drag began (before snapping to words).
    drag_anchor: Option<usize>,
    pending_scroll: Option<usize>,
    /// The first paragraph in view last frame (its first character), for tests and status.
    pub first_visible: Option<usize>,
    /// The characters of the paragraphs wholly in view last frame: a passage there is not
    /// scrolled to (selecting a coding never moves the text under the mouse).
    pub in_view: Option<(usize, usize)>,
}

/// Where a visible paragraph was drawn this frame, for mapping the pointer to characters.
struct Placed {
    index: usize,
    top: f32,
    text: Laid,
}

/// A stretch of a paragraph drawn one way: its chars (paragraph offsets), its codings'
/// highlight, whether it is the speaker label, whether it is selected.
struct Segment {
    chars: Range<usize>,
    highlight: Color32,
    in_label: bool,
    selected: bool,
}

impl ReaderView {
    fn sync(&mut self, state: &AppState) {
        let doc = state.document;
        let revisions = state.project.revisions();
        let at = (doc.map(|d| revisions.document(d)).unwrap_or(0), revisions.structure);
        if doc == self.layout.document && at == self.built_at && self.shown == self.built_for {
            return;
        }
        if self.shown != self.built_for {
            // Other codings shown: every paragraph's highlight changes.
            self.galleys.clear();
        }
        self.built_for = self.shown.clone();
        if doc != self.layout.document {
            self.heights.clear();
            self.height_width = 0.0;
            self.galleys.clear();
            self.in_view = None;
        }
        self.built_at = at;
        self.layout = doc.map(|d| DocumentLayout::new_for(&state.project, d, &self.shown)).unwrap_or_default();
        let text = state.current_document().map(|d| &d.text[..]).unwrap_or("");
        self.bidi = self
            .layout
            .paragraphs
            .iter()
            .map(|p| BidiBlock::needed(text.get(p.byte_start..p.byte_end).unwrap_or("")))
            .collect();
    }

    /// The screen rectangles of the document's chars `chars` in the paragraphs drawn last
    /// frame (several where a range crosses lines or a change of direction): for tests, which
    /// point at text as a user would.
    pub fn char_rects(&self, chars: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        for (index, origin, text) in &self.drawn {
            let para = &self.layout.paragraphs[*index];
            if chars.start >= para.end || chars.end <= para.start {
                continue;
            }
            let local = chars.start.max(para.start) - para.start..chars.end.min(para.end) - para.start;
            rects.extend(text.rects(*origin, local));
        }
        rects
    }

    fn top_gap(&self, i: usize) -> f32 {
        if self.layout.paragraphs[i].speaker_len.is_some() && i > 0 { TURN_GAP } else { PARAGRAPH_GAP }
    }

    /// A cheap height guess for paragraphs not laid out yet.
    fn estimate(&self, text: &str, p: &Paragraph, wrap: f32) -> f32 {
        let chars = text[p.byte_start..p.byte_end].chars().count() as f32;
        let per_row = (wrap / (BODY_SIZE * 0.48)).max(10.0);
        let rows = (chars / per_row).ceil().max(1.0);
        rows * BODY_SIZE * 1.3
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        // A coder no longer in the project (an undo, a reload) shows everyone again.
        let coders = axial_core::analysis::agreement::coders(&state.project);
        let still = match &self.shown {
            CodersShown::All => true,
            CodersShown::Only(c) => coders.contains(c),
            CodersShown::Apart(a, b) => coders.contains(a) && coders.contains(b),
        };
        if !still {
            self.shown = CodersShown::All;
        }
        self.sync(state);
        let Some(document) = state.current_document() else {
            ui.centered_and_justified(|ui| {
                ui.label(if state.project.documents().len() == 0 {
                    "No documents yet. Import transcripts (or another tool's .qdpx project) with Project > Import files…, or drop files onto this window."
                } else {
                    "Choose a document on the left."
                });
            });
            return;
        };
        header_ui(ui, state, document, &self.layout);
        if coders.len() >= 2 {
            coders_ui(ui, state, &coders, &mut self.shown);
        }
        if let Some(walk) = &state.walk {
            walk_ui(ui, walk, commands);
        }
        ui.separator();

        // Room for every lane, used or not: a coding that opens a new lane (or a removal that
        // closes one) never changes the width the text wraps at, so the text never reflows
        // under the reader's eyes while coding.
        let lanes_width = MAX_LANES as f32 * LANE_WIDTH + 8.0;
        let text_left = GUTTER_WIDTH + lanes_width;
        let full_width = ui.available_width();
        let wrap = (full_width - text_left - 18.0).max(120.0);
        if (wrap - self.height_width).abs() > 0.5 || self.heights.len() != self.layout.paragraphs.len() {
            self.heights = self.layout.paragraphs.iter().map(|p| self.estimate(&document.text, p, wrap)).collect();
            self.height_width = wrap;
            self.galleys.clear();
        }
        if let Some(offset) = state.scroll_to {
            self.pending_scroll = Some(offset);
        }

        // The reading position belongs to the project and the document (ids repeat across
        // projects; egui keeps scroll offsets between runs).
        let mut scroll =
            egui::ScrollArea::vertical().id_salt(("reader", &state.path, document.id.0)).auto_shrink(false);
        if let Some(offset) =
            self.pending_scroll.take().filter(|o| !self.in_view.is_some_and(|(a, b)| (a..b).contains(o)))
        {
            let target = crate::app::reader::paragraph_at(&self.layout.paragraphs, offset);
            let y: f32 = (0..target).map(|i| self.heights[i] + self.top_gap(i)).sum();
            scroll = scroll.vertical_scroll_offset((y - 60.0).max(0.0));
        }
        scroll.show_viewport(ui, |ui, viewport| self.text_ui(ui, viewport, state, document, text_left, wrap, commands));
    }

    #[allow(clippy::too_many_arguments)]
    fn text_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        state: &AppState,
        document: &Document,
        text_left: f32,
        wrap: f32,
        commands: &mut Commands,
    ) {
        let total: f32 =
            (0..self.layout.paragraphs.len()).map(|i| self.heights[i] + self.top_gap(i)).sum::<f32>() + 40.0;
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(vec2(width, total), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Transcript text"));
        let id = response.id;
        let origin = rect.min;
        let dark = ui.visuals().dark_mode;
        let selection = state.selected_range();

        // Lay out and place the paragraphs in view.
        let mut placed: Vec<Placed> = Vec::new();
        let mut y = 0.0;
        for i in 0..self.layout.paragraphs.len() {
            y += self.top_gap(i);
            let h = self.heights[i];
            if y + h >= viewport.min.y - 200.0 && y <= viewport.max.y + 200.0 {
                let text = self.laid(ui, state, document, i, wrap, selection, dark);
                let actual = text.height().max(BODY_SIZE);
                if (actual - h).abs() > 0.5 {
                    self.heights[i] = actual;
                }
                placed.push(Placed { index: i, top: y, text });
            }
            y += self.heights[i];
            if y > viewport.max.y + 200.0 {
                break;
            }
        }

        self.first_visible = placed
            .iter()
            .find(|p| p.top + self.heights[p.index] >= viewport.min.y)
            .map(|p| self.layout.paragraphs[p.index].start);
        let whole: Vec<&Placed> = placed
            .iter()
            .filter(|p| p.top >= viewport.min.y && p.top + self.heights[p.index] <= viewport.max.y)
            .collect();
        self.in_view = match (whole.first(), whole.last()) {
            (Some(a), Some(b)) => Some((self.layout.paragraphs[a.index].start, self.layout.paragraphs[b.index].end)),
            _ => None,
        };
        self.drawn =
            placed.iter().map(|p| (p.index, pos2(origin.x + text_left, origin.y + p.top), p.text.clone())).collect();
        let painter = ui.painter_at(rect);
        let text_color = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let pointer = ui.ctx().pointer_hover_pos();
        let mut hovered_coding: Option<&Coding> = None;
        // Two coders apart: a faint rule between their stripe groups.
        if let Some(gap) = self.layout.gap_lane.filter(|g| *g < MAX_LANES) {
            let x = origin.x + GUTTER_WIDTH + (gap as f32 + 0.4) * LANE_WIDTH;
            painter.vline(x, rect.y_range(), Stroke::new(1.0, weak.gamma_multiply(0.5)));
        }
        for p in &placed {
            let top = origin.y + p.top;
            let para = &self.layout.paragraphs[p.index];
            if let Some(n) = self.layout.numbers[p.index] {
                painter.text(
                    pos2(origin.x + GUTTER_WIDTH - 8.0, top + 1.0),
                    Align2::RIGHT_TOP,
                    n.to_string(),
                    FontId::monospace(10.5),
                    weak,
                );
            }
            let text_origin = pos2(origin.x + text_left, top);
            match &p.text {
                Laid::Plain(galley) => painter.galley(text_origin, galley.clone(), text_color),
                Laid::Bidi(block) => self.paint_bidi(ui, state, &painter, block, p.index, text_origin, selection),
            }
            // Coding stripes: one lane per overlapping coding, joined across paragraphs.
            let next_top = origin.y
                + p.top
                + self.heights[p.index]
                + self.top_gap((p.index + 1).min(self.layout.paragraphs.len() - 1));
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
                    painter.rect_stroke(
                        stripe.expand(1.0),
                        1.0,
                        Stroke::new(1.5, text_color),
                        egui::StrokeKind::Outside,
                    );
                }
                if pointer.is_some_and(|pt| stripe.expand2(vec2(1.0, 0.0)).contains(pt)) {
                    hovered_coding = Some(c);
                }
            }
        }

        // Hovering a stripe names its code; clicking it selects the coding.
        if let Some(c) = hovered_coding {
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
            if response.clicked() {
                commands.push(Intent::SelectCoding(Some(c.id)));
                return;
            }
        }

        let char_at = |pos: Pos2| -> Option<usize> {
            let local_y = pos.y - origin.y;
            let p = placed.iter().find(|p| local_y < p.top + p.text.height() + PARAGRAPH_GAP).or(placed.last())?;
            let para = &self.layout.paragraphs[p.index];
            let local = vec2(pos.x - origin.x - text_left, local_y - p.top);
            let c = p.text.hit(local);
            Some((para.start + c).min(para.end))
        };

        // Mouse selection snaps to whole words, as coders expect; Alt selects exact characters.
        let exact = ui.input(|i| i.modifiers.alt);
        let snap = |anchor: usize, focus: usize| -> (usize, usize) {
            if exact {
                return (anchor, focus);
            }
            if focus >= anchor {
                (self.layout.word_at(&document.text, anchor).0, self.layout.word_at(&document.text, focus).1.max(focus))
            } else {
                (self.layout.word_at(&document.text, anchor).1, self.layout.word_at(&document.text, focus).0.min(focus))
            }
        };
        if response.drag_started() {
            let from = ui.input(|i| i.pointer.press_origin()).and_then(char_at);
            if let Some(anchor) = from {
                commands.push(Intent::Select { anchor, focus: anchor });
                self.drag_anchor = Some(anchor);
            }
        }
        if response.dragged()
            && let (Some(raw_anchor), Some(raw_focus)) =
                (self.drag_anchor, response.interact_pointer_pos().and_then(char_at))
        {
            let (anchor, focus) = snap(raw_anchor, raw_focus);
            if state.selection.is_none_or(|s| (s.anchor, s.focus) != (anchor, focus)) {
                commands.push(Intent::Select { anchor, focus });
            }
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked() {
            if let Some(at) = response.interact_pointer_pos().and_then(char_at) {
                let (a, b) = self.layout.word_at(&document.text, at);
                commands.push(Intent::Select { anchor: a, focus: b });
            }
        } else if response.clicked() {
            response.request_focus();
            let at = response.interact_pointer_pos().and_then(char_at);
            // A click on coded text selects the innermost coding there; elsewhere it clears.
            let coding = at.and_then(|at| {
                self.layout
                    .codings
                    .iter()
                    .filter(|c| c.start <= at && at < c.end)
                    .min_by_key(|c| c.end - c.start)
                    .map(|c| c.id)
            });
            // The caret first: a new selection drops the selected coding, so the coding comes
            // after it (the other way round, a click never selected the coding under it).
            commands.push(Intent::ClearSelection);
            if let Some(at) = at {
                commands.push(Intent::Select { anchor: at, focus: at });
            }
            commands.push(Intent::SelectCoding(coding));
        }
        if response.drag_started() || response.clicked() {
            response.request_focus();
        }

        // Keyboard selection while the reader has focus.
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() },
                )
            });
            if let Some(sel) = state.selection.filter(|s| Some(s.document) == state.document)
                && let Some(focus) = self.keyboard_focus(ui, document, sel.focus)
            {
                let shift = ui.input(|i| i.modifiers.shift);
                let anchor = if shift { sel.anchor } else { focus };
                commands.push(Intent::Select { anchor, focus });
            }
        }

        // Drop a code from the tree onto the text to code the selection.
        if let Some(code) = response.dnd_hover_payload::<CodeId>() {
            let name = state.project.code(*code).map(|c| c.name.clone()).unwrap_or_default();
            let hint = if selection.is_some() {
                format!("Drop to code the selection with “{name}”")
            } else {
                "Select a passage first".into()
            };
            if let Some(pt) = pointer {
                painter.text(
                    pt + vec2(14.0, -18.0),
                    Align2::LEFT_BOTTOM,
                    hint,
                    FontId::proportional(12.0),
                    ui.visuals().strong_text_color(),
                );
            }
        }
        if let Some(code) = response.dnd_release_payload::<CodeId>() {
            commands.push(Intent::ApplyCode(*code));
        }

        response.context_menu(|ui| {
            let refusal = state.edit_refusal();
            let why = refusal.unwrap_or("Select a passage first");
            let enabled = refusal.is_none() && selection.is_some();
            if let Some(c) = state.selected_coding {
                let open = state.comments.open_on(axial_core::model::CommentTarget::Coding(c));
                let label = if open > 0 {
                    format!("Comments on this coding ({open} open)…")
                } else {
                    "Comment on this coding…".to_owned()
                };
                if ui.button(label).clicked() {
                    commands.push(super::command::UiCommand::ShowComments);
                    ui.close();
                }
                ui.separator();
            }
            for c in [UiCommand::QuickPick, UiCommand::InVivo] {
                if c.menu_button_why(ui, enabled, Some(why)) {
                    commands.push(c);
                    ui.close();
                }
            }
            if state.selected_coding.is_some()
                && UiCommand::RemoveCoding.menu_button_why(ui, refusal.is_none(), Some(why))
            {
                commands.push(UiCommand::RemoveCoding);
                ui.close();
            }
        });
    }

    /// The new focus position for arrow keys (by character, by word with Ctrl, by paragraph
    /// with Up/Down, to paragraph ends with Home/End), if one was pressed.
    fn keyboard_focus(&self, ui: &egui::Ui, document: &Document, focus: usize) -> Option<usize> {
        let len = self.layout.len;
        let para = crate::app::reader::paragraph_at(&self.layout.paragraphs, focus);
        // In a paragraph laid out right to left, arrows move by what is on screen.
        let block = match self.galleys.get(&para) {
            Some((_, Laid::Bidi(block))) => Some(block.clone()),
            _ => None,
        };
        let start = self.layout.paragraphs[para].start;
        ui.input(|i| {
            let word = i.modifiers.command || i.modifiers.alt;
            let arrow = |key| i.key_pressed(key) && !word;
            if let Some(block) = &block
                && (arrow(egui::Key::ArrowLeft) || arrow(egui::Key::ArrowRight))
            {
                let left = i.key_pressed(egui::Key::ArrowLeft);
                return Some(start + block.move_visual(focus - start, left));
            }
            // Words: forward is to the left in a right-to-left paragraph.
            let rtl = block.as_ref().is_some_and(|b| b.is_rtl());
            let (forward, backward) = if rtl {
                (egui::Key::ArrowLeft, egui::Key::ArrowRight)
            } else {
                (egui::Key::ArrowRight, egui::Key::ArrowLeft)
            };
            if i.key_pressed(forward) {
                Some(if word {
                    self.layout.word_at(&document.text, (focus + 1).min(len)).1.max(focus + 1).min(len)
                } else {
                    (focus + 1).min(len)
                })
            } else if i.key_pressed(backward) {
                Some(if word {
                    self.layout.word_at(&document.text, focus.saturating_sub(1)).0
                } else {
                    focus.saturating_sub(1)
                })
            } else if i.key_pressed(egui::Key::ArrowDown) {
                Some(self.layout.paragraphs.get(para + 1).map(|p| p.end).unwrap_or(len))
            } else if i.key_pressed(egui::Key::ArrowUp) {
                Some(if para == 0 { 0 } else { self.layout.paragraphs[para - 1].start })
            } else if i.key_pressed(egui::Key::Home) {
                Some(self.layout.paragraphs[para].start)
            } else if i.key_pressed(egui::Key::End) {
                Some(self.layout.paragraphs[para].end)
            } else {
                None
            }
        })
    }

    /// The paragraph laid out for this frame, from the cache when what it shows is unchanged.
    #[allow(clippy::too_many_arguments)]
    fn laid(
        &mut self,
        ui: &egui::Ui,
        state: &AppState,
        document: &Document,
        index: usize,
        wrap: f32,
        selection: Option<(usize, usize)>,
        dark: bool,
    ) -> Laid {
        if self.bidi.get(index).copied().unwrap_or(false) {
            return self.bidi_block(ui, document, index, wrap, dark);
        }
        let local_selection = local_selection(selection, &self.layout.paragraphs[index]);
        let selected_coding = self.selected_coding_in(state, index);
        let key = GalleyKey {
            fingerprint: self.layout.fingerprints[index],
            width: wrap as u32,
            selection: local_selection,
            selected_coding,
            dark,
        };
        if let Some((k, laid)) = self.galleys.get(&index)
            && *k == key
        {
            return laid.clone();
        }
        let job = self.layout_job(ui, state, document, index, wrap, local_selection, selected_coding);
        let laid = Laid::Plain(ui.fonts_mut(|f| f.layout_job(job)));
        self.galleys.insert(index, (key, laid.clone()));
        laid
    }

    /// A paragraph with right-to-left text: its lines depend only on its text, the width and
    /// the theme; highlights and the selection are painted over it each frame.
    fn bidi_block(&mut self, ui: &egui::Ui, document: &Document, index: usize, wrap: f32, dark: bool) -> Laid {
        let key = GalleyKey { fingerprint: 0, width: wrap as u32, selection: None, selected_coding: None, dark };
        if let Some((k, laid)) = self.galleys.get(&index)
            && *k == key
        {
            return laid.clone();
        }
        let para = &self.layout.paragraphs[index];
        let text = &document.text[para.byte_start..para.byte_end];
        let font = FontId::proportional(BODY_SIZE);
        let label = para.speaker_len.unwrap_or(0);
        let colors = [(0..label, ui.visuals().strong_text_color())];
        let style = BlockStyle { font: &font, colors: &colors, body_from: label };
        let block = ui.fonts_mut(|f| BidiBlock::new(f, text, &style, wrap));
        let laid = Laid::Bidi(Arc::new(block));
        self.galleys.insert(index, (key, laid.clone()));
        laid
    }

    /// Paints a right-to-left paragraph: its codings' highlights, the selection, the text.
    #[allow(clippy::too_many_arguments)]
    fn paint_bidi(
        &self,
        ui: &egui::Ui,
        state: &AppState,
        painter: &egui::Painter,
        block: &BidiBlock,
        index: usize,
        origin: Pos2,
        selection: Option<(usize, usize)>,
    ) {
        let para = &self.layout.paragraphs[index];
        let local_selection = local_selection(selection, para);
        let selected_coding = self.selected_coding_in(state, index);
        let segments = self.segments(state, index, local_selection, selected_coding, ui.visuals().dark_mode);
        let fills: Vec<(Range<usize>, Color32)> = segments
            .iter()
            .filter(|s| s.highlight != Color32::TRANSPARENT && !s.selected)
            .map(|s| (s.chars.clone(), s.highlight))
            .collect();
        let selected = local_selection
            .map(|(a, b)| (a - para.start..b - para.start, theme::text_selection(ui.visuals().dark_mode)));
        block.paint(painter, origin, &fills, selected, self.body_color(ui, para));
    }

    /// The selected coding, if it touches paragraph `index`.
    fn selected_coding_in(&self, state: &AppState, index: usize) -> Option<CodingId> {
        let touching = &self.layout.by_paragraph[index];
        state.selected_coding.filter(|id| touching.iter().any(|&i| self.layout.codings[i].id == *id))
    }

    /// The colour of a paragraph's words: an interviewer's turn is drawn weaker (labelled
    /// Interviewer, I or Q, or the Persian, Arabic or Hebrew word for the interviewer).
    fn body_color(&self, ui: &egui::Ui, para: &Paragraph) -> Color32 {
        const INTERVIEWER: [&str; 6] = ["interviewer", "مصاحبه", "پرسشگر", "المحاور", "محاور", "מראיין"];
        let interviewer = para
            .speaker
            .as_deref()
            .is_some_and(|s| INTERVIEWER.iter().any(|word| s.to_lowercase().starts_with(word)) || s == "I" || s == "Q");
        if interviewer { ui.visuals().weak_text_color() } else { ui.visuals().text_color() }
    }

    /// Paragraph `index` cut where what is drawn changes: at codings' ends, the speaker label's
    /// end and the selection's ends (`selection` in document offsets, clipped to the paragraph).
    fn segments(
        &self,
        state: &AppState,
        index: usize,
        selection: Option<(usize, usize)>,
        selected_coding: Option<CodingId>,
        dark: bool,
    ) -> Vec<Segment> {
        let para = &self.layout.paragraphs[index];
        let n = para.end - para.start;
        let mut cuts = vec![0, n];
        if let Some(l) = para.speaker_len {
            cuts.push(l.min(n));
        }
        for &ci in &self.layout.by_paragraph[index] {
            let c = &self.layout.codings[ci];
            cuts.push(c.start.saturating_sub(para.start).min(n));
            cuts.push(c.end.saturating_sub(para.start).min(n));
        }
        if let Some((a, b)) = selection {
            cuts.push(a - para.start);
            cuts.push(b - para.start);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut segments = Vec::with_capacity(cuts.len());
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (abs_a, abs_b) = (para.start + a, para.start + b);
            let covering: Vec<&Coding> = self.layout.by_paragraph[index]
                .iter()
                .map(|&i| &self.layout.codings[i])
                .filter(|c| c.start <= abs_a && c.end >= abs_b)
                .collect();
            let colors: Vec<Color32> = covering
                .iter()
                .filter_map(|c| state.project.code(c.code))
                .map(|k| theme::code_color(&k.color))
                .collect();
            let emphasised = covering.iter().any(|c| Some(c.id) == selected_coding);
            segments.push(Segment {
                chars: a..b,
                highlight: theme::highlight(&colors, emphasised, dark),
                in_label: para.speaker_len.is_some_and(|l| b <= l),
                selected: selection.is_some_and(|(s, e)| abs_a >= s && abs_b <= e),
            });
        }
        segments
    }

    #[allow(clippy::too_many_arguments)]
    fn layout_job(
        &self,
        ui: &egui::Ui,
        state: &AppState,
        document: &Document,
        index: usize,
        wrap: f32,
        selection: Option<(usize, usize)>,
        selected_coding: Option<CodingId>,
    ) -> LayoutJob {
        let para = &self.layout.paragraphs[index];
        let text = &document.text[para.byte_start..para.byte_end];
        let visuals = ui.visuals();
        let body = self.body_color(ui, para);
        let mut job = LayoutJob {
            wrap: egui::text::TextWrapping { max_width: wrap, ..Default::default() },
            ..Default::default()
        };
        if text.is_empty() {
            job.append(" ", 0.0, TextFormat::simple(FontId::proportional(BODY_SIZE * 0.5), body));
            return job;
        }
        // Char offsets -> byte offsets inside the paragraph.
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let (selection_fill, selection_text) = theme::text_selection(visuals.dark_mode);
        for segment in self.segments(state, index, selection, selected_coding, visuals.dark_mode) {
            let color = if segment.in_label { visuals.strong_text_color() } else { body };
            let mut format = TextFormat::simple(FontId::proportional(BODY_SIZE), color);
            format.background = if segment.selected { selection_fill } else { segment.highlight };
            if segment.selected {
                format.color = selection_text;
            }
            job.append(&text[bytes[segment.chars.start]..bytes[segment.chars.end]], 0.0, format);
        }
        job
    }
}

/// `selection` (document offsets) clipped to `para`, if it touches it.
fn local_selection(selection: Option<(usize, usize)>, para: &Paragraph) -> Option<(usize, usize)> {
    selection
        .filter(|(a, b)| *a < para.end.max(para.start + 1) && *b > para.start)
        .map(|(a, b)| (a.max(para.start), b.min(para.end)))
}

/// Title, case, attributes and counts above the text.
/// The bar of a passage walk: what is read, where in it, and the way on.
fn walk_ui(ui: &mut egui::Ui, walk: &crate::app::PassageWalk, commands: &mut Commands) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("Passages of the {}:", walk.title)).strong());
        let at = walk.index;
        let n = walk.codings.len();
        let ctx = ui.ctx().clone();
        let keys = |c: UiCommand| c.keys(&ctx);
        if ui
            .add_enabled(at > 0, egui::Button::new("Previous"))
            .on_hover_text(keys(UiCommand::PreviousPassage))
            .clicked()
        {
            commands.push(UiCommand::PreviousPassage);
        }
        ui.label(format!("{} of {}", at + 1, n));
        if ui.add_enabled(at + 1 < n, egui::Button::new("Next")).on_hover_text(keys(UiCommand::NextPassage)).clicked() {
            commands.push(UiCommand::NextPassage);
        }
        if ui.button("Done").on_hover_text("Stop reading these passages").clicked() {
            commands.push(Intent::EndWalk);
        }
    });
}

fn header_ui(ui: &mut egui::Ui, state: &AppState, document: &Document, layout: &DocumentLayout) {
    ui.horizontal_wrapped(|ui| {
        ui.label(super::bidi_text::label(ui, egui::RichText::new(&document.title).heading()));
        if let Some(case) = document.case.and_then(|c| state.project.case(c)) {
            ui.label(super::bidi_text::label(ui, egui::RichText::new(&case.name).weak()));
        }
    });
    let mut facts: Vec<String> =
        document.attributes.iter().filter(|(k, _)| *k != "source").map(|(k, v)| format!("{k}: {v}")).collect();
    facts.push(format!("{} words", layout.words));
    facts.push(format!("{} codings", layout.codings.len()));
    if !layout.speakers.is_empty() {
        facts.push(format!("speakers: {}", layout.speakers.join(", ")));
    }
    ui.label(super::bidi_text::label(ui, egui::RichText::new(facts.join("  ·  ")).small().weak()));
}

/// Whose codings to show (when the project has two or more coders), and for two apart, which
/// stripes are whose.
fn coders_ui(ui: &mut egui::Ui, state: &AppState, coders: &[String], shown: &mut CodersShown) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(egui::RichText::new("Coders").small());
        let mut choices = vec![CodersShown::All];
        choices.extend(coders.iter().map(|c| CodersShown::Only(c.clone())));
        // Pairs apart for a handful of coders (a study rarely has more than three).
        for (i, a) in coders.iter().enumerate().take(4) {
            for b in coders.iter().skip(i + 1).take(4) {
                choices.push(CodersShown::Apart(a.clone(), b.clone()));
            }
        }
        egui::ComboBox::from_id_salt("reader-coders")
            .selected_text(shown.label())
            .show_ui(ui, |ui| {
                for c in choices {
                    let text = c.label();
                    ui.selectable_value(shown, c, text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Whose codings the transcript shows; two apart keep their stripes in groups of their own");
        let counts = |who: &str| {
            state.current_document().map_or(0, |d| state.project.codings_in(d.id).filter(|c| c.coder == who).count())
        };
        if let CodersShown::Apart(a, b) = shown {
            // A drawn key: two stripe groups with a gap, the one named beside it marked.
            let key = |ui: &mut egui::Ui, left: bool| {
                let (r, _) = ui.allocate_exact_size(vec2(3.0 * LANE_WIDTH, 12.0), Sense::hover());
                let weak = ui.visuals().weak_text_color();
                let strong = ui.visuals().strong_text_color();
                for (lane, mine) in [(0.0, left), (2.0, !left)] {
                    let x = r.left() + lane * LANE_WIDTH;
                    let bar = Rect::from_min_max(pos2(x, r.top()), pos2(x + LANE_WIDTH - 1.5, r.bottom()));
                    ui.painter().rect_filled(bar, 1.0, if mine { strong } else { weak.gamma_multiply(0.4) });
                }
            };
            key(ui, true);
            ui.label(egui::RichText::new(format!("left stripes: {a} ({})", counts(a))).small());
            key(ui, false);
            ui.label(egui::RichText::new(format!("right stripes: {b} ({})", counts(b))).small());
        }
    });
}
