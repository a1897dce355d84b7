//! One paragraph as the reader lays it out: by egui (left-to-right text, its codings'
//! highlights and the selection in the galley) or by the reader itself (right-to-left text,
//! highlights painted over it each frame), cached by what it shows, and cut into segments
//! where what is drawn changes.

use super::ReaderView;
use crate::app::AppState;
use crate::app::reader::Paragraph;
use crate::ui::bidi_text::{BidiBlock, BlockStyle};
use crate::ui::theme::{self, BODY_SIZE};
use axial_core::model::*;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, pos2};
use std::ops::Range;
use std::sync::Arc;

/// What a paragraph's laid-out text depends on: it is laid out again when this changes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct GalleyKey {
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
pub(super) enum Laid {
    Plain(Arc<Galley>),
    Bidi(Arc<BidiBlock>),
}

impl Laid {
    pub(super) fn height(&self) -> f32 {
        match self {
            Laid::Plain(galley) => galley.size().y,
            Laid::Bidi(block) => block.size().y,
        }
    }

    /// The char (paragraph offset) a pointer at `local` (from the text's top left) means.
    pub(super) fn hit(&self, local: egui::Vec2) -> usize {
        match self {
            Laid::Plain(galley) => galley.cursor_from_pos(local).index.0,
            Laid::Bidi(block) => block.hit(local),
        }
    }

    /// The top of the line where `offset` starts, or (`ending`) the bottom of the line where a
    /// range ending at `offset` ends.
    pub(super) fn line_edge(&self, offset: usize, ending: bool) -> f32 {
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
    pub(super) fn rects(&self, origin: Pos2, chars: Range<usize>) -> Vec<Rect> {
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

/// highlight, whether it is the speaker label, whether it is selected.
struct Segment {
    chars: Range<usize>,
    highlight: Color32,
    in_label: bool,
    selected: bool,
}

impl ReaderView {
    /// The paragraph laid out for this frame, from the cache when what it shows is unchanged.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn laid(
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
    pub(super) fn paint_bidi(
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

    /// Paragraph `index` as egui lays it out: its segments' text in the body's colour (the
    /// speaker label stronger) on their codings' highlight or the selection's colours.
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
