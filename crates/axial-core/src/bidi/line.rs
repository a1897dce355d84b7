//! One laid-out line of bidirectional text: where each run and char sits on screen, and the
//! mapping between screen x and logical char offsets (carets, clicks, selections, arrow keys).
//!
//! A line of `n` chars has `n` char boxes side by side and `n + 1` visual boundaries between and
//! around them (boundary `b` is the left edge of box `b`). A char's *leading* edge is where it
//! starts in its own direction (left in a left-to-right run, right in a right-to-left run), its
//! *trailing* edge where it ends. Offset `o` lies between chars `o - 1` and `o`, so its caret can
//! sit at the trailing edge of `o - 1` or the leading edge of `o`: one place inside a run, two
//! places at a direction boundary.
//!
//! The rule for choosing ([`Affinity::Auto`]): the caret goes with the neighbour at the *lower*
//! embedding level, the line's start and end counting as paragraph level. So in a Persian line
//! with "CRM" inside, the offset after "M" sits to the left of "CRM", where the next Persian letter
//! would appear. This rule puts the `n + 1` offsets on the `n + 1` boundaries one to one, so a
//! click on a boundary, arrow keys and round trips all have exactly one answer.
//! [`Affinity::Before`] and [`Affinity::After`] pin the caret to one neighbour instead; a click
//! inside a char box returns them, so the caret stays where the person clicked.

use std::ops::Range;

use super::{Run, VisualLine};

/// Which of an offset's two candidate caret positions to use at a direction boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Affinity {
    /// With the neighbour at the lower embedding level (the paragraph's side): each offset has
    /// its own boundary.
    #[default]
    Auto,
    /// At the trailing edge of the char before the offset (the caret after typing it).
    Before,
    /// At the leading edge of the char at the offset.
    After,
}

/// A run placed on the line: draw its shaped text in `left..right` (an RTL run right to left).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedRun {
    pub run: Run,
    pub left: f32,
    pub right: f32,
}

/// A line's geometry, x from 0 at the line's left edge (the caller adds its own origin, e.g.
/// right-aligns a right-to-left paragraph's lines). Built from a [`VisualLine`] and each char's
/// advance.
#[derive(Debug, Clone, PartialEq)]
pub struct LineLayout {
    line: Range<usize>,
    base_rtl: bool,
    runs: Vec<PlacedRun>,
    /// Per visual box, left to right: the char's offset and whether it runs right to left.
    boxes: Vec<(usize, bool)>,
    /// The `n + 1` boundary x positions, left to right.
    xs: Vec<f32>,
    /// Per char of the line (logical order): its visual box.
    box_of: Vec<usize>,
    /// Per offset of the line (`line.start..=line.end`): its boundary under `Affinity::Auto`.
    boundary_of: Vec<usize>,
    /// The inverse of `boundary_of`: per boundary, the offset whose Auto caret sits there.
    offset_of: Vec<usize>,
}

impl LineLayout {
    /// Lays out `line`. `advances` holds each char's advance, in *logical* order over the line
    /// (`advances[i]` is for char `line.start + i`), whatever its run's direction; a char the
    /// shaper merged into a ligature or cluster gets 0. Missing advances count as 0.
    pub fn new(line: VisualLine, advances: &[f32]) -> Self {
        let VisualLine { line, base_rtl, runs } = line;
        let n = line.len();
        debug_assert_eq!(advances.len(), n, "one advance per char of the line");
        let advance = |offset: usize| advances.get(offset - line.start).copied().unwrap_or(0.0);

        let mut boxes = Vec::with_capacity(n);
        let mut xs = Vec::with_capacity(n + 1);
        let mut box_of = vec![0; n];
        let mut levels = vec![0u8; n];
        let mut placed = Vec::with_capacity(runs.len());
        let mut x = 0.0;
        xs.push(x);
        for run in runs {
            let left = x;
            let rtl = run.is_rtl();
            let mut place = |offset: usize| {
                box_of[offset - line.start] = boxes.len();
                levels[offset - line.start] = run.level;
                boxes.push((offset, rtl));
                x += advance(offset);
                xs.push(x);
            };
            if rtl {
                run.chars.clone().rev().for_each(&mut place);
            } else {
                run.chars.clone().for_each(&mut place);
            }
            placed.push(PlacedRun { run, left, right: x });
        }
        debug_assert_eq!(boxes.len(), n, "the runs cover the line once");

        let mut layout = LineLayout {
            line,
            base_rtl,
            runs: placed,
            boxes,
            xs,
            box_of,
            boundary_of: Vec::with_capacity(n + 1),
            offset_of: vec![usize::MAX; n + 1],
        };
        for i in 0..=n {
            let offset = layout.line.start + i;
            let boundary = if i == 0 || i == n {
                layout.side_boundary(i == 0)
            } else if levels[i - 1] < levels[i] {
                layout.trailing(offset - 1)
            } else {
                layout.leading(offset)
            };
            layout.boundary_of.push(boundary);
            layout.offset_of[boundary] = offset;
        }
        // The lower-level rule is one to one (module docs); runs not from `visual_line` may
        // leave a boundary unclaimed, which then falls back to the line's start.
        debug_assert!(layout.offset_of.iter().all(|&o| o != usize::MAX));
        for offset in &mut layout.offset_of {
            if *offset == usize::MAX {
                *offset = layout.line.start;
            }
        }
        layout
    }

    /// The line's char range in the paragraph.
    pub fn line(&self) -> Range<usize> {
        self.line.clone()
    }

    /// Whether the paragraph (and so the line's start) is right to left.
    pub fn is_rtl(&self) -> bool {
        self.base_rtl
    }

    pub fn width(&self) -> f32 {
        self.xs.last().copied().unwrap_or(0.0)
    }

    /// The runs with their boxes, left to right.
    pub fn runs(&self) -> &[PlacedRun] {
        &self.runs
    }

    /// Where the caret for `offset` (clamped to the line) sits.
    pub fn caret_x(&self, offset: usize, affinity: Affinity) -> f32 {
        self.xs[self.caret_boundary(offset, affinity)]
    }

    /// The caret a click at `x` means: the nearest char edge, as an offset and the affinity that
    /// puts the caret on that edge (in a right-to-left char the right edge is its logical start).
    /// On a boundary, or beyond the line's ends, the Auto caret of that boundary.
    pub fn hit(&self, x: f32) -> (usize, Affinity) {
        let n = self.boxes.len();
        if x.is_nan() {
            return (self.line.start, Affinity::Auto);
        }
        if n == 0 || x <= self.xs[0] {
            return (self.offset_of[0], Affinity::Auto);
        }
        if x >= self.xs[n] {
            return (self.offset_of[n], Affinity::Auto);
        }
        let v = self.xs.partition_point(|&b| b <= x) - 1;
        if x == self.xs[v] {
            return (self.offset_of[v], Affinity::Auto);
        }
        let (offset, rtl) = self.boxes[v];
        let left_half = x - self.xs[v] < self.xs[v + 1] - x;
        let (boundary, caret) = match (left_half, rtl) {
            (true, false) => (v, (offset, Affinity::After)),
            (true, true) => (v, (offset + 1, Affinity::Before)),
            (false, false) => (v + 1, (offset + 1, Affinity::Before)),
            (false, true) => (v + 1, (offset, Affinity::After)),
        };
        if self.offset_of[boundary] == caret.0 { (caret.0, Affinity::Auto) } else { caret }
    }

    /// The logical offset a click at `x` means ([`Self::hit`] without the affinity).
    pub fn offset_at(&self, x: f32) -> usize {
        self.hit(x).0
    }

    /// The char whose box contains `x`, if any: for a double-click or a hover.
    pub fn char_at(&self, x: f32) -> Option<usize> {
        if self.boxes.is_empty() || x.is_nan() || x < self.xs[0] || x >= self.width() {
            return None;
        }
        let v = self.xs.partition_point(|&b| b <= x) - 1;
        self.boxes.get(v).map(|&(offset, _)| offset)
    }

    /// The chars of `range` (clipped to the line) as x spans, left to right, adjacent boxes
    /// merged: one span within a run, several where the range crosses a direction boundary.
    pub fn selection_spans(&self, range: Range<usize>) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = Vec::new();
        let mut previous_selected = false;
        for (v, &(offset, _)) in self.boxes.iter().enumerate() {
            let selected = range.contains(&offset);
            if selected {
                match spans.last_mut() {
                    Some(span) if previous_selected => span.1 = self.xs[v + 1],
                    _ => spans.push((self.xs[v], self.xs[v + 1])),
                }
            }
            previous_selected = selected;
        }
        spans
    }

    /// The offset one boundary to the visual left (or right) of the caret `(offset, affinity)`,
    /// whose Auto caret sits there; `None` at the line's left (or right) end. Walking from one end
    /// visits every offset of the line once. It moves by chars: to move by grapheme, repeat while
    /// the result is not a grapheme boundary.
    pub fn move_visual(&self, offset: usize, affinity: Affinity, left: bool) -> Option<usize> {
        let boundary = self.caret_boundary(offset, affinity);
        let next =
            if left { boundary.checked_sub(1)? } else { Some(boundary + 1).filter(|&b| b <= self.boxes.len())? };
        Some(self.offset_of[next])
    }

    fn caret_boundary(&self, offset: usize, affinity: Affinity) -> usize {
        let offset = offset.clamp(self.line.start, self.line.end);
        let i = offset - self.line.start;
        match affinity {
            Affinity::Before if offset > self.line.start => self.trailing(offset - 1),
            Affinity::After if offset < self.line.end => self.leading(offset),
            _ => self.boundary_of[i],
        }
    }

    /// The boundary at the line's start (`true`) or end side, from the base direction.
    fn side_boundary(&self, start: bool) -> usize {
        if start != self.base_rtl { 0 } else { self.boxes.len() }
    }

    /// The boundary at the leading edge of char `offset`.
    fn leading(&self, offset: usize) -> usize {
        let v = self.box_of[offset - self.line.start];
        if self.boxes[v].1 { v + 1 } else { v }
    }

    /// The boundary at the trailing edge of char `offset`.
    fn trailing(&self, offset: usize) -> usize {
        let v = self.box_of[offset - self.line.start];
        if self.boxes[v].1 { v } else { v + 1 }
    }
}
