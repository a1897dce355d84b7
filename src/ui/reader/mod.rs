//! The transcript reader: paragraphs laid out only when on screen, speaker turns set apart,
//! paragraph numbers, coded passages highlighted in their codes' colours with stacked coding
//! stripes in the margin; mouse and keyboard selection; a drop target for codes.
//!
//! Galleys are cached per paragraph and rebuilt only when what that paragraph shows changes
//! (its codings and their colours, the selection inside it, the selected coding) or the width
//! does; a new coding elsewhere, or a memo being typed, re-lays out nothing. Heights of
//! paragraphs not yet seen are estimated and corrected as they come into view.
//!
//! Here the view's state and the frame's order; `paragraph` lays one paragraph out, `paint`
//! draws what is in view, `input` turns the pointer, keys and drops into intents, and `bars`
//! draws the bars above the text.

mod bars;
mod input;
mod paint;
mod paragraph;

use super::command::Commands;
use super::theme::{BODY_SIZE, GUTTER_WIDTH, LANE_WIDTH, MAX_LANES};
use crate::app::reader::{CodersShown, DocumentLayout, Paragraph};
use crate::app::{AppState, Intent};
use axial_core::model::*;
use egui::{Pos2, Rect, Sense, pos2, vec2};
use paragraph::{GalleyKey, Laid};
use std::collections::HashMap;
use std::ops::Range;

/// Extra space above a paragraph that opens a speaker turn.
const TURN_GAP: f32 = 10.0;
const PARAGRAPH_GAP: f32 = 3.0;

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

/// The text's place this frame: the rectangle it was given (its top left is the origin of
/// every `Placed::top`), where the text starts right of the numbers and stripes, and the
/// paragraphs placed in view.
struct Frame {
    rect: Rect,
    text_left: f32,
    placed: Vec<Placed>,
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
            .map(|p| super::bidi_text::BidiBlock::needed(text.get(p.byte_start..p.byte_end).unwrap_or("")))
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
        bars::header_ui(ui, state, document, &self.layout);
        if coders.len() >= 2 {
            bars::coders_ui(ui, state, &coders, &mut self.shown);
        }
        if let Some(walk) = &state.walk {
            bars::walk_ui(ui, walk, commands);
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

    /// The text in the scroll area's `viewport`: the paragraphs in view laid out, placed and
    /// painted, then what the pointer, the keys and a dragged code do to it.
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
        let selection = state.selected_range();
        let placed = self.place(ui, viewport, state, document, wrap, selection);
        let frame = Frame { rect, text_left, placed };
        self.note_view(&frame, viewport);
        let painter = ui.painter_at(rect);
        let hovered = self.paint(ui, &painter, state, &frame, selection);

        // Hovering a stripe names its code; clicking it selects the coding.
        if let Some(coding) = hovered.map(|i| &self.layout.codings[i]) {
            self.stripe_tip(ui, state, document, coding);
            if response.clicked() {
                commands.push(Intent::SelectCoding(Some(coding.id)));
                return;
            }
        }
        self.pointer_ui(ui, &response, state, document, &frame, commands);
        self.keyboard_ui(ui, &response, state, document, commands);
        input::drop_ui(ui, &response, &painter, state, selection, commands);
        input::context_menu_ui(&response, state, selection, commands);
    }

    /// Lays out the paragraphs in `viewport` (and a margin around it), correcting their
    /// estimated heights, and says where each goes (from the text's top).
    fn place(
        &mut self,
        ui: &egui::Ui,
        viewport: Rect,
        state: &AppState,
        document: &Document,
        wrap: f32,
        selection: Option<(usize, usize)>,
    ) -> Vec<Placed> {
        let dark = ui.visuals().dark_mode;
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
        placed
    }

    /// Notes what this frame shows: the first paragraph in view, the paragraphs wholly in
    /// view, and where each placed paragraph's text is drawn.
    fn note_view(&mut self, frame: &Frame, viewport: Rect) {
        let placed = &frame.placed;
        let origin = frame.rect.min;
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
        self.drawn = placed
            .iter()
            .map(|p| (p.index, pos2(origin.x + frame.text_left, origin.y + p.top), p.text.clone()))
            .collect();
    }

    /// The document char a pointer at `pos` means: in the paragraph placed there (past the
    /// last one, in that one), clamped to the paragraph's end.
    fn char_at(&self, frame: &Frame, pos: Pos2) -> Option<usize> {
        let origin = frame.rect.min;
        let local_y = pos.y - origin.y;
        let p =
            frame.placed.iter().find(|p| local_y < p.top + p.text.height() + PARAGRAPH_GAP).or(frame.placed.last())?;
        let para = &self.layout.paragraphs[p.index];
        let local = vec2(pos.x - origin.x - frame.text_left, local_y - p.top);
        let c = p.text.hit(local);
        Some((para.start + c).min(para.end))
    }
}
