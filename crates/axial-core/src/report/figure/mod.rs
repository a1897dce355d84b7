//! The paradigm model as a figure fit to print: SVG with a physical size, PNG at 300 dpi and a
//! one-page vector PDF, for a thesis or a paper. Unlike the window's diagram
//! ([`crate::analysis::diagram`], kept as it is) it shows only placed categories, each name in
//! full (wrapped, measured with the embedded font), and routes the relations around the cards
//! with their kinds set where they overlap nothing.
//!
//! **Layout.** Our own, not a generic layered-graph layout (such as a Sugiyama crate): the
//! paradigm's arrangement is fixed by the method — causal conditions -> phenomenon ->
//! strategies -> consequences in a row, contextual and intervening conditions under it bearing
//! on the strategies — and a reader of grounded theory expects exactly that skeleton, with each
//! category inside its class. A layered layout would place the categories by their relations
//! and break the skeleton; what is left to decide (the cards' sizes, the boxes' heights) is
//! simple stacking ([`layout`]).
//!
//! **Routing.** Relations are orthogonal polylines found by A* over a uniform 3 pt grid
//! ([`route`]): every card, grown by 6 pt, and every class title band is an obstacle; a path
//! pays for each step and bend, for crossing, running along or right beside an earlier
//! relation, for hugging a card, running on a box border or over a flow arrow; it leaves and
//! enters cards at ports on their sides, spread apart by a cost on used ports. Shorter
//! relations are routed first. The search weights its estimate (twice) and, in a crowded
//! figure where a path is still not found after a budget of nodes, starts again trusting it
//! more, so a hundred categories with three hundred relations route in a fraction of a second.
//! Relations between a category and itself (the store refuses them) and to a category not
//! placed are not drawn.
//!
//! **Labels** ([`label`]): each relation's kind on a white plate, at the best of the positions
//! along its route that overlap no card, title band, arrowhead or other label, preferring those
//! that cover no other relation; failing that, a little away with a leader line; failing that,
//! a number on the route, spelt out in a note under the figure.
//!
//! **Print.** The SVG is 160 mm wide with one unit a printer's point, so its font sizes are the
//! printed sizes: names 8 pt, counts and relation kinds 7 pt (the smallest). Greys and one dark
//! accent that stays dark in greyscale; the flow as broad light-grey arrows, relations as thin
//! dark lines; the core category with a thick border, a bold name and the words
//! "core category".
//!
//! **PDF** ([`pdf`]): the figure's SVG read by usvg (text shaped with the embedded font) and
//! written as PDF operators by hand, text as outlines.

mod font;
mod label;
mod layout;
pub mod matrix;
mod pdf;
mod route;
mod svg;
#[cfg(test)]
mod tests;

pub use layout::{PT_PER_MM, WIDTH_MM};
pub use pdf::{PdfError, pdf};
pub use svg::svg;

use crate::model::*;

/// The PNG's resolution: print quality at the figure's physical width.
pub const DPI: f32 = 300.0;

/// The figure as PNG bytes at [`DPI`] for its printed width of [`WIDTH_MM`] (a figure taller
/// than [`super::png::MAX_SIDE`] pixels is drawn at a lower resolution), with its resolution
/// recorded in the file so word processors place it at its printed size.
pub fn png(project: &Project) -> Result<Vec<u8>, super::png::PngError> {
    // usvg sizes a document in CSS pixels, 96 to the inch.
    let png = super::png::rasterise(&svg(project), DPI / 96.0)?;
    Ok(with_resolution(png, DPI))
}

/// A point of the drawing, in printer's points from the top left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Point(pub f32, pub f32);

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    /// The rectangle with corners `a` and `b` (a line's box, for a straight line).
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect { x: a.0.min(b.0), y: a.1.min(b.1), w: (a.0 - b.0).abs(), h: (a.1 - b.1).abs() }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn grow(&self, d: f32) -> Rect {
        Rect { x: self.x - d, y: self.y - d, w: self.w + 2.0 * d, h: self.h + 2.0 * d }
    }
    /// The two overlap with some area (touching edges do not).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    /// The axis-parallel segment `a`-`b` passes through the inside (not only the border).
    pub fn cut_by(&self, a: Point, b: Point) -> bool {
        let seg = Rect::spanning(a, b);
        let inside = |lo: f32, len: f32, s: f32, slen: f32| {
            if slen == 0.0 { s > lo + 1e-3 && s < lo + len - 1e-3 } else { s < lo + len - 1e-3 && s + slen > lo + 1e-3 }
        };
        inside(self.x, self.w, seg.x, seg.w) && inside(self.y, self.h, seg.y, seg.h)
    }
}

/// A relation drawn: its route from the border of one card to the border of the other.
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    pub relation: RelationId,
    pub from: CategoryId,
    pub to: CategoryId,
    pub kind: String,
    pub points: Vec<Point>,
    /// Whether a passage is picked as its evidence or a passage or speaker turn is coded with
    /// both ends (else drawn dashed).
    pub grounded: bool,
}

/// The whole figure's geometry.
#[derive(Clone, Debug)]
pub(crate) struct Figure {
    pub layout: layout::Layout,
    pub edges: Vec<Edge>,
    pub labels: Vec<label::Label>,
    /// Under the boxes: what the numbered labels stand for.
    pub notes: Vec<font::Line>,
    /// With the notes.
    pub height: f32,
}

/// Lays out, routes and labels the figure of `project`.
pub(crate) fn figure(project: &Project) -> Figure {
    let layout = layout::layout(project);
    let mut edges = route::route_all(project, &layout);
    let grounds = crate::analysis::grounding::grounding(project);
    for e in &mut edges {
        e.grounded = grounds.get(&e.relation).is_some_and(|g| g.any());
    }
    let labels = label::place(&layout, &edges);
    let keys: Vec<String> =
        labels.iter().filter_map(|l| Some(format!("{}\u{a0}{}", l.key?, l.text.replace(' ', "\u{a0}")))).collect();
    let mut height = layout.height;
    let mut notes = Vec::new();
    let mut parts = Vec::new();
    if !keys.is_empty() {
        parts.push(format!("Numbered relations: {}.", keys.join(" · ")));
    }
    if edges.iter().any(|e| !e.grounded) {
        parts.push(
            "Dashed: a relation with no passage picked as its evidence and none coded with both its ends.".to_owned(),
        );
    }
    if !parts.is_empty() {
        let text = parts.join(" ");
        let room = layout.width - 2.0 * layout::MARGIN;
        for line in font::wrap(&text, layout::SMALL_SIZE, room) {
            notes.push(font::Line { y: height + layout::SMALL_SIZE * 0.95 - 3.0, ..line });
            height += layout::SMALL_LEADING;
        }
        height = (height + layout::MARGIN).ceil();
    }
    Figure { layout, edges, labels, notes, height }
}

/// `png` with a `pHYs` chunk saying `dpi`, right after the header chunk.
fn with_resolution(png: Vec<u8>, dpi: f32) -> Vec<u8> {
    // Signature (8) and IHDR (4 length + 4 type + 13 data + 4 CRC).
    const AFTER_IHDR: usize = 33;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (dpi / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1);
    let mut crc = flate2::Crc::new();
    crc.update(&chunk[4..]);
    chunk.extend_from_slice(&crc.sum().to_be_bytes());
    let mut out = png;
    out.splice(AFTER_IHDR..AFTER_IHDR, chunk);
    out
}
