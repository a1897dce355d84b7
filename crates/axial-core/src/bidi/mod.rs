//! Bidirectional text (Unicode Bidirectional Algorithm, UAX #9) for the transcript reader: a
//! paragraph's embedding levels, a wrapped line's directional runs in visual order, and
//! ([`LineLayout`]) the mapping between screen x and logical char offsets.
//!
//! Two orders meet here. The *logical* order is the order of the text as stored and typed; every
//! offset in Axial is a char (Unicode scalar) offset into it, and nothing in this module changes
//! that. The *visual* order is the order on screen, left to right: a paragraph is cut into runs of
//! one direction, the runs are placed left to right by rule L2, and the characters of a
//! right-to-left run are drawn right to left inside the run's box. The reader shapes each run on
//! its own (so Arabic letters join within it) and asks [`LineLayout`] where things are.
//!
//! The steps, for one paragraph: [`BidiParagraph::new`] resolves the levels once (rules P2–P3 pick
//! the base direction from the first strong character); the caller wraps lines; for each line
//! [`BidiParagraph::visual_line`] applies L1 (trailing whitespace takes the paragraph level) and
//! L2 (reordering) to that line only, still with the paragraph's levels; the caller measures each
//! run's characters and builds a [`LineLayout`].

mod line;
mod shaping;

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

pub use line::{Affinity, LineLayout, PlacedRun};
pub use shaping::{Piece, break_lines, char_advances};

/// One paragraph's resolved embedding levels, one per char (even = left to right, odd = right
/// to left). Holds no text: the caller keeps the `&str` it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct BidiParagraph {
    /// Resolved level per char, before the per-line rule L1.
    levels: Vec<u8>,
    /// Bidi class per char, which L1 needs per line.
    classes: Vec<BidiClass>,
    /// The paragraph embedding level: 0 (left to right) or 1 (right to left).
    base: u8,
    /// Whether any char resolved to an odd level.
    has_rtl: bool,
}

/// A directional run of one line: chars of one embedding level, contiguous in logical order.
/// [`BidiParagraph::visual_line`] lists them in visual order, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Char offsets into the paragraph, in logical order.
    pub chars: Range<usize>,
    /// The run's embedding level after L1; odd levels are right to left.
    pub level: u8,
}

impl Run {
    /// Whether the run's characters are drawn right to left inside its box.
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One line's runs in visual order, ready for [`LineLayout::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// The line's char range in the paragraph.
    pub line: Range<usize>,
    /// The paragraph's base direction, which decides on which side the line starts.
    pub base_rtl: bool,
    /// The runs, left to right; together they cover `line` exactly once. Empty for an empty line.
    pub runs: Vec<Run>,
}

impl BidiParagraph {
    /// Resolves `text`, one paragraph (no paragraph separators inside), with its base direction
    /// from its first strong character (P2–P3), left to right when it has none.
    pub fn new(text: &str) -> Self {
        Self::resolve(text, None)
    }

    /// As [`Self::new`], but a paragraph without strong characters (digits, punctuation, a
    /// timestamp) takes the direction given: the transcript's own direction, say.
    pub fn with_fallback(text: &str, rtl: bool) -> Self {
        let forced = match unicode_bidi::get_base_direction(text) {
            unicode_bidi::Direction::Mixed => Some(if rtl { Level::rtl() } else { Level::ltr() }),
            _ => None,
        };
        Self::resolve(text, forced)
    }

    fn resolve(text: &str, forced: Option<Level>) -> Self {
        if text.is_ascii() && forced.is_none_or(|level| level.is_ltr()) {
            // No right-to-left letters or controls: all level 0, and `visual_line` never needs
            // the classes (its pure left-to-right path returns first).
            return BidiParagraph { levels: vec![0; text.len()], classes: Vec::new(), base: 0, has_rtl: false };
        }
        // unicode-bidi works per byte; keep the value at each char's first byte.
        let info = ParagraphBidiInfo::new(text, forced);
        let chars = text.chars().count();
        let mut levels = Vec::with_capacity(chars);
        let mut classes = Vec::with_capacity(chars);
        for (byte, _) in text.char_indices() {
            levels.push(info.levels[byte].number());
            classes.push(info.original_classes[byte]);
        }
        let has_rtl = levels.iter().any(|level| level % 2 == 1);
        BidiParagraph { levels, classes, base: info.paragraph_level.number(), has_rtl }
    }

    /// The paragraph's length in chars.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// Whether the paragraph's base direction is right to left (its lines start at the right).
    pub fn is_rtl(&self) -> bool {
        self.base == 1
    }

    /// Whether anything in the paragraph runs right to left. When not, and the base is left to
    /// right, every line is one run and egui's own layout is exact.
    pub fn has_rtl(&self) -> bool {
        self.has_rtl
    }

    /// The resolved embedding level of each char (before L1, which is per line).
    pub fn levels(&self) -> &[u8] {
        &self.levels
    }

    /// The runs of the line `line` (char offsets into the paragraph, clamped to it), in visual
    /// order, with the paragraph's levels, trailing whitespace reset by L1 and reordered by L2.
    pub fn visual_line(&self, line: Range<usize>) -> VisualLine {
        let end = line.end.min(self.len());
        let line = line.start.min(end)..end;
        let base_rtl = self.is_rtl();
        if line.is_empty() {
            return VisualLine { line, base_rtl, runs: Vec::new() };
        }
        if !self.has_rtl && self.base == 0 {
            let runs = vec![Run { chars: line.clone(), level: 0 }];
            return VisualLine { line, base_rtl, runs };
        }
        let levels = self.line_levels(line.clone());
        let mut runs: Vec<Run> = Vec::new();
        for (offset, &level) in (line.start..).zip(&levels) {
            match runs.last_mut() {
                Some(run) if run.level == level => run.chars.end = offset + 1,
                _ => runs.push(Run { chars: offset..offset + 1, level }),
            }
        }
        reorder_runs(&mut runs);
        VisualLine { line, base_rtl, runs }
    }

    /// The line's levels after rule L1: segment separators (tab), and any whitespace or isolate
    /// controls before them or at the line's end, take the paragraph level; removed controls
    /// (embeddings, ZWNJ and other boundary neutrals) take the level before them.
    fn line_levels(&self, line: Range<usize>) -> Vec<u8> {
        use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
        let mut levels = self.levels[line.clone()].to_vec();
        let classes = &self.classes[line];
        let mut reset_from = Some(0);
        let mut prev_level = self.base;
        for (i, class) in classes.iter().enumerate() {
            match class {
                B | S => {
                    levels[reset_from.unwrap_or(i)..=i].fill(self.base);
                    reset_from = None;
                }
                WS | FSI | LRI | RLI | PDI => {
                    reset_from.get_or_insert(i);
                }
                RLE | LRE | RLO | LRO | PDF | BN => {
                    reset_from.get_or_insert(i);
                    levels[i] = prev_level;
                }
                _ => reset_from = None,
            }
            prev_level = levels[i];
        }
        if let Some(from) = reset_from {
            levels[from..].fill(self.base);
        }
        levels
    }
}

/// Rule L2: from the highest level down to the lowest odd one, reverse every maximal sequence of
/// runs at that level or higher.
fn reorder_runs(runs: &mut [Run]) {
    let Some(max) = runs.iter().map(|run| run.level).max() else {
        return;
    };
    let min = runs.iter().map(|run| run.level).min().unwrap_or(max);
    let lowest_odd = min | 1;
    for level in (lowest_odd..=max).rev() {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].level < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < runs.len() && runs[i].level >= level {
                i += 1;
            }
            runs[start..i].reverse();
        }
    }
}

/// Whether `text` holds anything drawn right to left: letters of a right-to-left script,
/// Arabic-script digits (left to right, but inside right-to-left text) or explicit
/// right-to-left controls. Text without them lays out left to right as it is stored.
pub fn has_rtl_chars(text: &str) -> bool {
    use BidiClass::{AL, AN, R, RLE, RLI, RLO};
    !text.is_ascii()
        && text.chars().any(|c| {
            shaping::is_arabic_digit(c) || matches!(unicode_bidi::bidi_class(c), R | AL | AN | RLE | RLO | RLI)
        })
}

/// Whether `text` reads right to left as a paragraph: its first strong character (rules P2–P3)
/// is of a right-to-left script. For exports, which set a paragraph's direction (Word's
/// `w:bidi`).
pub fn base_is_rtl(text: &str) -> bool {
    !text.is_ascii() && unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic, Persian, Urdu...), which
/// have no capitals.
pub fn is_rtl_letter(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The glyph to draw for `c` in a right-to-left run (rule L4): its mirror image where Unicode
/// gives one, such as ")" for "(", else `c` itself.
pub fn mirrored(c: char) -> char {
    unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
}

/// The byte range of the char range `chars` of `text` (clamped), to slice a run for shaping.
pub fn byte_range(text: &str, chars: Range<usize>) -> Range<usize> {
    let mut bytes = text.char_indices().map(|(byte, _)| byte).chain([text.len()]);
    let start = bytes.nth(chars.start).unwrap_or(text.len());
    let end = match chars.end.checked_sub(chars.start + 1) {
        Some(more) => bytes.nth(more).unwrap_or(text.len()),
        None => start,
    };
    start..end
}

#[cfg(test)]
mod tests;
