//! Text with right-to-left runs, laid out by Axial itself: egui 0.37 shapes Arabic script but
//! places the runs of a line left to right, and its cursor and selection are wrong in
//! right-to-left text. So a reader paragraph with such text is a [`BidiBlock`]: the paragraph's
//! levels from the Unicode bidirectional algorithm (`axial_core::bidi`), each piece shaped on its
//! own by egui to learn each char's advance, lines broken by those advances, and each line one
//! galley whose sections are the pieces in visual order. Clicks, drags, arrow keys, highlights
//! and stripes then go through the core's [`LineLayout`], never through egui's cursor.
//!
//! [`visual_job`] does the same for a line of text that is only drawn (a code name, a search
//! hit, a card in the diagram): its pieces in visual order, as one `LayoutJob`.

use std::ops::Range;
use std::sync::Arc;

use axial_core::bidi::{self, Affinity, BidiParagraph, LineLayout, Piece};
use egui::epaint::text::FontsView;
use egui::epaint::text::{ByteIndex, LayoutSection};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Vec2, pos2, vec2};

/// A paragraph laid out line by line in visual order.
pub struct BidiBlock {
    lines: Vec<BidiLine>,
    size: Vec2,
    /// The paragraph's base direction: its lines are right-aligned and start at the right.
    rtl: bool,
    /// The paragraph's length in chars.
    len: usize,
}

struct BidiLine {
    layout: LineLayout,
    /// Where the line's left edge sits in the block (right-to-left lines are right-aligned).
    left: f32,
    top: f32,
    height: f32,
    /// The line's pieces in visual order, one section each.
    galley: Arc<Galley>,
}

/// How a paragraph is drawn: its font, stretches in colours of their own (a speaker label; the
/// rest is drawn in the colour the painter is given), and where the text whose first strong
/// letter sets the paragraph's direction starts (after a speaker label).
pub struct BlockStyle<'a> {
    pub font: &'a FontId,
    pub colors: &'a [(Range<usize>, Color32)],
    pub body_from: usize,
}

impl BlockStyle<'_> {
    fn color_at(&self, offset: usize) -> Color32 {
        self.colors.iter().find(|(chars, _)| chars.contains(&offset)).map_or(Color32::PLACEHOLDER, |(_, c)| *c)
    }
}

impl BidiBlock {
    /// Whether `text` needs this layout rather than egui's own: anything drawn right to left
    /// (letters of a right-to-left script, Arabic-script digits, which egui would reverse).
    pub fn needed(text: &str) -> bool {
        bidi::has_rtl_chars(text)
    }

    /// Lays out `text` (one paragraph, no newlines) wrapped at `wrap` points.
    pub fn new(fonts: &mut FontsView<'_>, text: &str, style: &BlockStyle<'_>, wrap: f32) -> Self {
        let paragraph = BidiParagraph::with_base_from(text, style.body_from);
        let chars: Vec<char> = text.chars().collect();
        let mut pieces = paragraph.pieces(text);
        for (chars, _) in style.colors {
            pieces = split_at(split_at(pieces, chars.start), chars.end);
        }
        let mut advances = vec![0.0; chars.len()];
        for piece in &pieces {
            let span = piece.chars.clone();
            let glyphs = shaped_glyphs(fonts, &chars[span.clone()].iter().collect::<String>(), style.font);
            advances[span.clone()].copy_from_slice(&bidi::char_advances(&chars[span], &glyphs, piece.shaped_rtl));
        }
        let row_height = fonts.row_height(style.font);
        let mut lines = Vec::new();
        let mut top = 0.0;
        for range in bidi::break_lines(&chars, &advances, wrap) {
            let layout = LineLayout::new(paragraph.visual_line(range.clone()), &advances[range.clone()]);
            let left = if paragraph.is_rtl() { wrap - layout.width() } else { 0.0 };
            let job = line_job(text, &layout, &pieces, style);
            let galley = fonts.layout_job(job);
            let height = galley.size().y.max(row_height);
            lines.push(BidiLine { layout, left, top, height, galley });
            top += height;
        }
        BidiBlock { lines, size: vec2(wrap, top), rtl: paragraph.is_rtl(), len: chars.len() }
    }

    pub fn size(&self) -> Vec2 {
        self.size
    }

    /// Whether the paragraph reads right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// The char offset (into the paragraph) a click at `local` (from the block's top left) means.
    pub fn hit(&self, local: Vec2) -> usize {
        let line = self.line_at_y(local.y);
        line.layout.hit(local.x - line.left).0
    }

    /// The top and bottom of the line where the char at `offset` starts (`ending`: where a range
    /// ending at `offset` ends), for the stripes beside the text.
    pub fn line_span(&self, offset: usize, ending: bool) -> (f32, f32) {
        let line = &self.lines[self.line_of(offset, ending)];
        (line.top, line.top + line.height)
    }

    /// The screen rectangles covering `chars` (paragraph offsets), left to right on each line:
    /// several where the range crosses a change of direction.
    pub fn rects(&self, origin: Pos2, chars: Range<usize>) -> Vec<Rect> {
        let mut rects = Vec::new();
        for line in &self.lines {
            let span = line.layout.line();
            if chars.start >= span.end.max(span.start + 1) || chars.end <= span.start {
                continue;
            }
            for (a, b) in line.layout.selection_spans(chars.clone()) {
                let x = origin.x + line.left;
                rects.push(Rect::from_min_max(
                    pos2(x + a, origin.y + line.top),
                    pos2(x + b, origin.y + line.top + line.height),
                ));
            }
        }
        rects
    }

    /// Where the caret for `offset` is drawn: x, and the top and bottom of its line, from the
    /// block's top left.
    pub fn caret(&self, offset: usize) -> (f32, f32, f32) {
        let line = &self.lines[self.line_of(offset, false)];
        (line.left + line.layout.caret_x(offset, Affinity::Auto), line.top, line.top + line.height)
    }

    /// The paragraph's length in chars.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The offset one step to the visual left (or right) of `offset`, as the arrow keys move: by
    /// char inside a line, to the logical neighbour at a line's visual end.
    pub fn move_visual(&self, offset: usize, left: bool) -> usize {
        let line = &self.lines[self.line_of(offset, false)];
        if let Some(next) = line.layout.move_visual(offset, Affinity::Auto, left) {
            return next;
        }
        let forward = left == self.rtl;
        if forward { (offset + 1).min(self.len) } else { offset.saturating_sub(1) }
    }

    /// Paints the highlights (`fills`, paragraph char ranges and colours), the selection and the
    /// text at `origin`, body text in `text_color`.
    pub fn paint(
        &self,
        painter: &Painter,
        origin: Pos2,
        fills: &[(Range<usize>, Color32)],
        selection: Option<(Range<usize>, (Color32, Color32))>,
        text_color: Color32,
    ) {
        for (chars, fill) in fills {
            for rect in self.rects(origin, chars.clone()) {
                painter.rect_filled(rect, 0.0, *fill);
            }
        }
        let selected = selection.as_ref().map(|(chars, _)| self.rects(origin, chars.clone())).unwrap_or_default();
        if let Some((_, (fill, _))) = &selection {
            for rect in &selected {
                painter.rect_filled(*rect, 0.0, *fill);
            }
        }
        for line in &self.lines {
            painter.galley(pos2(origin.x + line.left, origin.y + line.top), line.galley.clone(), text_color);
        }
        // Selected text in the selection's colour: the same galleys again, clipped to the spans.
        if let Some((_, (_, color))) = selection {
            for rect in &selected {
                let clipped = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
                for line in &self.lines {
                    let top = origin.y + line.top;
                    if top < rect.max.y && top + line.height > rect.min.y {
                        clipped.galley(pos2(origin.x + line.left, top), line.galley.clone(), color);
                    }
                }
            }
        }
    }

    fn line_at_y(&self, y: f32) -> &BidiLine {
        let i = self.lines.partition_point(|line| line.top + line.height <= y);
        &self.lines[i.min(self.lines.len() - 1)]
    }

    /// The line holding `offset`: the one it starts in, or (`ending`) the one a range ending
    /// there ends in. An offset at a line break belongs to the next line unless `ending`.
    fn line_of(&self, offset: usize, ending: bool) -> usize {
        let i = if ending {
            self.lines.partition_point(|line| line.layout.line().end < offset)
        } else {
            self.lines.partition_point(|line| line.layout.line().end <= offset)
        };
        i.min(self.lines.len() - 1)
    }
}

/// Splits the piece that straddles `at` (where a colour or a section changes), so each side
/// keeps its own format.
fn split_at(pieces: Vec<Piece>, at: usize) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len() + 1);
    for piece in pieces {
        if piece.chars.start < at && at < piece.chars.end {
            out.push(Piece { chars: piece.chars.start..at, ..piece.clone() });
            out.push(Piece { chars: at..piece.chars.end, ..piece });
        } else {
            out.push(piece);
        }
    }
    out
}

/// The glyphs egui draws for `text` on its own, as `(char, advance)` left to right.
fn shaped_glyphs(fonts: &mut FontsView<'_>, text: &str, font: &FontId) -> Vec<(char, f32)> {
    let galley = fonts.layout_job(LayoutJob::simple_singleline(text.to_owned(), font.clone(), Color32::PLACEHOLDER));
    galley.rows.iter().flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.advance_width))).collect()
}

/// One line's pieces in visual order, each its own section so egui shapes it alone.
fn line_job(text: &str, layout: &LineLayout, pieces: &[Piece], style: &BlockStyle<'_>) -> LayoutJob {
    let mut job = LayoutJob::default();
    let bytes = char_bytes(text);
    for (chars, rtl) in in_visual_order(layout.runs().iter().map(|placed| &placed.run), pieces) {
        let color = style.color_at(chars.start);
        push_piece(
            &mut job,
            &text[bytes[chars.start]..bytes[chars.end]],
            rtl,
            TextFormat::simple(style.font.clone(), color),
        );
    }
    if job.text.is_empty() {
        job.append(" ", 0.0, TextFormat::simple(style.font.clone(), Color32::PLACEHOLDER));
    }
    job
}

/// Appends a piece as a section of its own (`LayoutJob::append` would merge it into the one
/// before when the format is the same, and egui would shape the two together). A neutral in a
/// right-to-left run is drawn mirrored, "(" as ")".
fn push_piece(job: &mut LayoutJob, piece: &str, rtl: bool, format: TextFormat) {
    let start = job.text.len();
    let mut chars = piece.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if rtl => job.text.push(bidi::mirrored(c)),
        _ => job.text.push_str(piece),
    }
    let byte_range = ByteIndex(start)..ByteIndex(job.text.len());
    job.sections.push(LayoutSection { leading_space: 0.0, byte_range, format });
}

/// The pieces of a line's runs (given left to right), cut to the runs, left to right: inside a
/// right-to-left run its pieces come from the last. With each, whether its run is right to left.
fn in_visual_order<'a>(runs: impl Iterator<Item = &'a bidi::Run>, pieces: &[Piece]) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    for run in runs {
        let first = pieces.partition_point(|p| p.chars.end <= run.chars.start);
        let inside = pieces[first..]
            .iter()
            .take_while(|p| p.chars.start < run.chars.end)
            .map(|p| (p.chars.start.max(run.chars.start)..p.chars.end.min(run.chars.end), run.is_rtl()));
        let from = out.len();
        out.extend(inside);
        if run.is_rtl() {
            out[from..].reverse();
        }
    }
    out
}

/// The byte offset of each char of `text`, and of its end.
fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices().map(|(byte, _)| byte).chain([text.len()]).collect()
}

/// A label's text, in visual order when it holds right-to-left text (else as given): a code
/// name, a category card, a document title, a search hit. For text that is drawn, not edited or
/// selected; its style (weak, small, strong, a colour) is kept.
pub fn label(ui: &egui::Ui, text: impl Into<egui::RichText>) -> egui::WidgetText {
    let rich: egui::RichText = text.into();
    if !bidi::has_rtl_chars(rich.text()) {
        return rich.into();
    }
    let job =
        egui::WidgetText::from(rich).into_layout_job(ui.style(), egui::FontSelection::Default, egui::Align::Center);
    let format = job.sections.first().map(|s| s.format.clone()).unwrap_or_default();
    egui::WidgetText::LayoutJob(Arc::new(visual_job(&job.text, format)))
}

/// A single line of text in visual order, every piece in `format` (one section when there is
/// no right-to-left text).
pub fn visual_job(text: &str, format: TextFormat) -> LayoutJob {
    if !bidi::has_rtl_chars(text) {
        return LayoutJob::single_section(text.to_owned(), format);
    }
    visual_sections(&[(text, format)])
}

/// A single line of text given as sections in logical order (a title, then a hit in its
/// context, each with its format), laid out in visual order: pieces are cut where a section
/// ends too, and keep their section's format.
pub fn visual_sections(sections: &[(&str, TextFormat)]) -> LayoutJob {
    let text: String = sections.iter().map(|(t, _)| *t).collect();
    let mut ends = Vec::with_capacity(sections.len());
    let mut at = 0;
    for (t, _) in sections {
        at += t.chars().count();
        ends.push(at);
    }
    let paragraph = BidiParagraph::new(&text);
    let mut pieces = paragraph.pieces(&text);
    for &end in &ends {
        pieces = split_at(pieces, end);
    }
    let bytes = char_bytes(&text);
    let line = paragraph.visual_line(0..paragraph.len());
    let mut job = LayoutJob::default();
    for (chars, rtl) in in_visual_order(line.runs.iter(), &pieces) {
        let section = ends.partition_point(|&end| end <= chars.start).min(sections.len().saturating_sub(1));
        push_piece(&mut job, &text[bytes[chars.start]..bytes[chars.end]], rtl, sections[section].1.clone());
    }
    job
}

/// One line of `text` no wider than `max_width`, shortened with "…" at its logical end when
/// it does not fit: on the right of left-to-right text, on the left of right-to-left text
/// (egui's own truncation would cut a right-to-left name at its beginning).
pub fn fitted_line(painter: &Painter, text: &str, format: TextFormat, max_width: f32) -> Arc<Galley> {
    if !bidi::has_rtl_chars(text) {
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap =
            egui::text::TextWrapping { max_width, max_rows: 1, break_anywhere: false, overflow_character: Some('…') };
        return painter.layout_job(job);
    }
    let whole = painter.layout_job(visual_job(text, format.clone()));
    if whole.size().x <= max_width {
        return whole;
    }
    // The longest logical prefix that fits with "…" after it (binary search on its length).
    let chars: Vec<char> = text.chars().collect();
    let shortened = |n: usize| -> Arc<Galley> {
        let prefix: String = chars[..n].iter().collect::<String>().trim_end().to_owned() + "…";
        painter.layout_job(visual_job(&prefix, format.clone()))
    };
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let mid = (fits + too_long) / 2;
        if shortened(mid).size().x <= max_width { fits = mid } else { too_long = mid }
    }
    shortened(fits)
}

/// Wrapped text to read (a quote, a passage in its context), given as sections in logical
/// order with their colours, `font` throughout: laid out by [`BidiBlock`] when it holds
/// right-to-left text, else by egui as a wrapped label. Newlines read as spaces.
pub fn wrapped(ui: &mut egui::Ui, sections: &[(&str, Color32)], font: FontId) -> egui::Response {
    let text: String = sections.iter().map(|(t, _)| t.replace('\n', " ")).collect();
    if !bidi::has_rtl_chars(&text) {
        let mut job = LayoutJob::default();
        for (t, color) in sections {
            job.append(&t.replace('\n', " "), 0.0, TextFormat::simple(font.clone(), *color));
        }
        return ui.add(egui::Label::new(job).wrap().selectable(false));
    }
    let mut colors = Vec::with_capacity(sections.len());
    let mut at = 0;
    for (t, color) in sections {
        let n = t.chars().count();
        colors.push((at..at + n, *color));
        at += n;
    }
    let style = BlockStyle { font: &font, colors: &colors, body_from: 0 };
    let width = ui.available_width().max(40.0);
    let block = ui.fonts_mut(|f| BidiBlock::new(f, &text, &style, width));
    let (rect, response) = ui.allocate_exact_size(block.size(), egui::Sense::hover());
    block.paint(ui.painter(), rect.min, &[], None, ui.visuals().text_color());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    response
}

/// Text to read, paragraph by paragraph, each in its own direction (a Persian memo with an
/// English gloss: the Persian paragraphs right-aligned and right to left, the English ones left
/// to right). Plain egui labels when there is no right-to-left text.
pub fn paragraphs(ui: &mut egui::Ui, text: &str) {
    if !bidi::has_rtl_chars(text) {
        ui.label(text);
        return;
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    ui.vertical(|ui| {
        for line in text.lines() {
            if line.trim().is_empty() {
                ui.add_space(font.size * 0.6);
            } else {
                wrapped(ui, &[(line, color)], font.clone());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chars of a galley's glyphs, left to right on screen.
    fn drawn(job: LayoutJob) -> String {
        let ctx = egui::Context::default();
        let mut galley = None;
        let mut output =
            ctx.run_ui(Default::default(), |ui| galley = Some(ui.fonts_mut(|f| f.layout_job(job.clone()))));
        output.textures_delta.clear();
        let galley = galley.unwrap();
        let mut glyphs: Vec<(f32, char)> = galley
            .rows
            .iter()
            .flat_map(|r| r.glyphs.iter().filter(|g| g.advance_width > 0.0).map(|g| (g.pos.x, g.chr)))
            .collect();
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        glyphs.into_iter().map(|g| g.1).collect()
    }

    #[test]
    fn a_persian_label_is_drawn_with_its_first_word_on_the_right() {
        let format = TextFormat::simple(FontId::proportional(13.0), Color32::WHITE);
        assert_eq!(drawn(visual_job("دانش ضمنی", format.clone())), "ینمض شناد");
        // An English acronym after a Persian word: on its left, still reading left to right.
        let mixed = drawn(visual_job("سامانه\u{200c}ی CRM", format));
        assert!(mixed.starts_with("CRM ") && mixed.ends_with('س'), "{mixed:?}");
    }

    #[test]
    fn a_label_without_right_to_left_text_is_left_as_it_is() {
        let format = TextFormat::simple(FontId::proportional(13.0), Color32::WHITE);
        assert_eq!(drawn(visual_job("Voice of Customer", format)).replace(' ', ""), "VoiceofCustomer");
    }
}
