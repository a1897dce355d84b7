//! What a bidirectional paragraph needs from the shaper, and what it gets back: the pieces to
//! shape one at a time, each char's advance recovered from the shaped glyphs, and lines broken
//! at spaces.
//!
//! The reader shapes with egui, which cuts text into runs of one font face and guesses each
//! run's direction from its script, but places those runs left to right. So a piece handed to
//! it must be one it gets right on its own: a stretch of right-to-left letters (one face, joined
//! and drawn right to left by the shaper), or a stretch of anything else (drawn left to right),
//! never both. Digits in Arabic script are drawn left to right but would be guessed right to
//! left, so they are pieces of one char each.

use std::ops::Range;

use unicode_bidi::BidiClass;

use super::BidiParagraph;

/// A stretch of a paragraph to shape on its own, in logical order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Char offsets into the paragraph.
    pub chars: Range<usize>,
    /// Whether the piece lies in a right-to-left run (its pieces are placed right to left).
    pub rtl: bool,
    /// Whether the shaper draws the piece's glyphs right to left (letters of a right-to-left
    /// script), so its glyphs come back in reverse logical order.
    pub shaped_rtl: bool,
}

impl BidiParagraph {
    /// As [`Self::new`], but the base direction comes from the first strong character at or after
    /// char `from`: a transcript line "Interviewer: <Persian>" is a right-to-left paragraph whose
    /// Latin speaker label is an embedded left-to-right run. Text without a strong character
    /// after `from` takes its direction from the whole text.
    ///
    /// A left-to-right label before `from` in a right-to-left paragraph is kept whole, its
    /// punctuation with it ("P01:" reads "P01:" at the line's right end, not ":P01"), as if it
    /// were isolated.
    pub fn with_base_from(text: &str, from: usize) -> Self {
        let body = &text[super::byte_range(text, from..usize::MAX).start..];
        let forced = match unicode_bidi::get_base_direction(body) {
            unicode_bidi::Direction::Rtl => Some(unicode_bidi::Level::rtl()),
            unicode_bidi::Direction::Ltr => Some(unicode_bidi::Level::ltr()),
            unicode_bidi::Direction::Mixed => None,
        };
        let mut paragraph = Self::resolve(text, forced);
        let label: Vec<char> = text.chars().take(from).collect();
        let label_len = label.len() - label.iter().rev().take_while(|c| c.is_whitespace()).count();
        let end = label_len.min(paragraph.len());
        let rtl_label = paragraph.classes[..end.min(paragraph.classes.len())]
            .iter()
            .any(|class| matches!(class, BidiClass::R | BidiClass::AL | BidiClass::AN));
        if paragraph.is_rtl() && !rtl_label {
            paragraph.levels[..end].fill(2);
        }
        paragraph
    }

    /// The pieces of `text` (the paragraph's text) to shape one at a time, covering it once in
    /// logical order: cut where the level changes, and inside a run where the script's direction
    /// does (module docs).
    pub fn pieces(&self, text: &str) -> Vec<Piece> {
        if self.classes.is_empty() {
            // The all-ASCII path: one left-to-right piece.
            let all = 0..self.len();
            return if all.is_empty() { Vec::new() } else { vec![Piece { chars: all, rtl: false, shaped_rtl: false }] };
        }
        let mut pieces: Vec<Piece> = Vec::new();
        // Whether the last piece must stay one char (plus marks): an Arabic-script digit, or a
        // neutral inside a right-to-left run, which its neighbours place one by one.
        let mut last_single = false;
        let chars = text.chars();
        for (i, ((&level, &class), c)) in self.levels.iter().zip(&self.classes).zip(chars).enumerate() {
            let rtl = level % 2 == 1;
            let attaches = matches!(class, BidiClass::NSM | BidiClass::BN);
            let strong_rtl = matches!(class, BidiClass::R | BidiClass::AL);
            let digit = is_arabic_digit(c);
            if let Some(last) = pieces.last_mut()
                && last.rtl == rtl
            {
                // Marks and joiners stay with what they follow; right-to-left letters join each
                // other; other chars join a left-to-right stretch of other chars.
                let joins = attaches
                    || (strong_rtl && last.shaped_rtl)
                    || (!strong_rtl && !digit && !last.shaped_rtl && !last_single);
                if joins {
                    last.chars.end = i + 1;
                    continue;
                }
            }
            last_single = digit || (rtl && !strong_rtl);
            pieces.push(Piece { chars: i..i + 1, rtl, shaped_rtl: strong_rtl });
        }
        pieces
    }
}

/// Digits (and number separators) of the Arabic script: read left to right, but a shaper that
/// guesses direction from the script would draw them right to left. Persian digits (U+06F0–9)
/// are European numbers to the bidi algorithm, Arabic-Indic ones (U+0660–9) Arabic numbers.
pub(super) fn is_arabic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{066C}' | '\u{06F0}'..='\u{06F9}')
}

/// Each char's advance, in logical order, from what the shaper returned for `chars`: its glyphs
/// as `(char, advance)` in the order drawn (left to right; `rtl` when the shaper drew the piece
/// right to left). A glyph names the first char of its cluster; a cluster of several chars (a
/// ligature, a base with marks) shares its width evenly among them. Zero-width glyphs the
/// layout appended after a right-to-left piece name no cluster and are dropped. If the glyphs
/// cannot be matched to the chars, the piece's width is shared evenly: carets then fall inside
/// the word, never outside it.
pub fn char_advances(chars: &[char], glyphs: &[(char, f32)], rtl: bool) -> Vec<f32> {
    let total: f32 = glyphs.iter().map(|g| g.1).sum();
    if chars.len() <= 1 {
        return chars.iter().map(|_| total).collect();
    }
    let mut drawn: Vec<(char, f32)> = glyphs.to_vec();
    if rtl {
        while drawn.len() > 1 && drawn.last().is_some_and(|g| g.1 == 0.0) {
            drawn.pop();
        }
        drawn.reverse();
    }
    match match_clusters(chars, &drawn) {
        Some(advances) => advances,
        None => vec![total / chars.len() as f32; chars.len()],
    }
}

/// Walks the glyphs (in logical order) and the chars together; `None` when they disagree.
fn match_clusters(chars: &[char], glyphs: &[(char, f32)]) -> Option<Vec<f32>> {
    let mut advances = vec![0.0; chars.len()];
    // The cluster being filled: its first char and its width so far.
    let mut cluster: Option<(usize, f32)> = None;
    let mut next = 0;
    for &(chr, advance) in glyphs {
        if next < chars.len() && chars[next] == chr {
            if let Some((start, width)) = cluster {
                share(&mut advances, start..next, width);
            }
            cluster = Some((next, advance));
            next += 1;
        } else if let Some((start, width)) = cluster.as_mut()
            && chars[*start] == chr
        {
            // Another glyph of the same cluster (a mark, a glyph the shaper split).
            *width += advance;
        } else if let Some(found) = chars[next.min(chars.len())..].iter().position(|&c| c == chr) {
            // The chars in between were merged into the cluster before.
            let at = next + found;
            if let Some((start, width)) = cluster {
                share(&mut advances, start..at, width);
            }
            cluster = Some((at, advance));
            next = at + 1;
        } else {
            return None;
        }
    }
    let (start, width) = cluster?;
    share(&mut advances, start..chars.len(), width);
    Some(advances)
}

fn share(advances: &mut [f32], cluster: Range<usize>, width: f32) {
    let n = cluster.len().max(1) as f32;
    for advance in &mut advances[cluster] {
        *advance = width / n;
    }
}

/// Breaks a paragraph of chars with the given advances into lines no wider than `width`, at
/// the ends of runs of whitespace (which may hang past `width`, as in any editor); a word wider
/// than a line is cut where it overflows. Returns each line's char range; together they cover
/// the paragraph once. An empty paragraph is one empty line.
pub fn break_lines(chars: &[char], advances: &[f32], width: f32) -> Vec<Range<usize>> {
    let n = chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        let mut x = 0.0;
        let mut end = start;
        // The last place the line may end: after a run of whitespace.
        let mut last_break = None;
        while end < n {
            if chars[end].is_whitespace() {
                x += advances[end];
                end += 1;
                if end == n || !chars[end].is_whitespace() {
                    last_break = Some(end);
                }
                continue;
            }
            if x + advances[end] > width && end > start {
                break;
            }
            x += advances[end];
            end += 1;
        }
        let end = if end < n { last_break.unwrap_or(end) } else { end };
        lines.push(start..end);
        start = end;
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    fn piece_texts(text: &str) -> Vec<(String, bool, bool)> {
        let all = chars(text);
        BidiParagraph::new(text)
            .pieces(text)
            .into_iter()
            .map(|p| (all[p.chars.clone()].iter().collect(), p.rtl, p.shaped_rtl))
            .collect()
    }

    #[test]
    fn a_persian_line_is_cut_into_words_and_the_spaces_between() {
        let pieces = piece_texts("ما CRM داریم");
        let texts: Vec<&str> = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, ["ما", " ", "CRM", " ", "داریم"]);
        assert!(pieces[0].1 && pieces[0].2, "Persian letters: in an RTL run and shaped RTL");
        assert!(pieces[1].1 && !pieces[1].2, "the space between Persian words is in the RTL run");
        assert!(!pieces[2].1 && !pieces[2].2, "the English term is its own LTR run");
    }

    #[test]
    fn a_zwnj_stays_inside_its_word_and_persian_digits_are_one_each() {
        let pieces = piece_texts("می‌خواهم ۱۴۰۲");
        let texts: Vec<&str> = pieces.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(texts, ["می‌خواهم", " ", "۱", "۴", "۰", "۲"]);
        assert!(pieces[2..].iter().all(|p| !p.1), "the number runs left to right");
    }

    #[test]
    fn an_english_line_is_one_piece_and_an_arabic_word_inside_it_its_own() {
        assert_eq!(piece_texts("Plain ASCII text."), [("Plain ASCII text.".to_owned(), false, false)]);
        let texts: Vec<String> = piece_texts("We met at بانک ملت today").into_iter().map(|p| p.0).collect();
        assert_eq!(texts, ["We met at ", "بانک", " ", "ملت", " today"]);
    }

    #[test]
    fn the_base_direction_can_come_from_after_a_speaker_label() {
        let text = "Interviewer: بانک ملت";
        assert!(!BidiParagraph::new(text).is_rtl());
        assert!(BidiParagraph::with_base_from(text, 13).is_rtl());
        assert!(!BidiParagraph::with_base_from("Q: 12 CRM", 3).is_rtl());
        assert!(!BidiParagraph::with_base_from("Q: 12", 3).is_rtl(), "no strong char after: the whole text's");
        // The label's colon stays with it: one left-to-right run "P01:" at the right end.
        let labelled = "P01: بله";
        let line = BidiParagraph::with_base_from(labelled, 5).visual_line(0..8);
        let rightmost = line.runs.last().expect("runs");
        assert_eq!((rightmost.chars.clone(), rightmost.level), (0..4, 2));
    }

    #[test]
    fn advances_come_back_per_char_in_logical_order() {
        // A left-to-right piece: one glyph per char.
        assert_eq!(char_advances(&chars("abc"), &[('a', 5.0), ('b', 6.0), ('c', 7.0)], false), [5.0, 6.0, 7.0]);
        // A right-to-left piece: glyphs drawn right to left, then egui's zero-width extras.
        let word = chars("بان");
        let glyphs = [('ن', 8.0), ('ا', 3.0), ('ب', 4.0), ('ا', 0.0), ('ن', 0.0)];
        assert_eq!(char_advances(&word, &glyphs, true), [4.0, 3.0, 8.0]);
    }

    #[test]
    fn a_ligature_or_a_mark_shares_its_cluster_width() {
        // Lam-alef: one glyph for two chars.
        let word = chars("سلام");
        let glyphs = [('م', 6.0), ('ل', 8.0), ('س', 10.0)];
        assert_eq!(char_advances(&word, &glyphs, true), [10.0, 4.0, 4.0, 6.0]);
        // A base and its mark as two glyphs of one cluster.
        let marked = chars("e\u{301}x");
        assert_eq!(char_advances(&marked, &[('e', 6.0), ('e', 0.0), ('x', 5.0)], false), [3.0, 3.0, 5.0]);
    }

    #[test]
    fn glyphs_that_match_nothing_share_the_width_evenly() {
        assert_eq!(char_advances(&chars("ab"), &[('z', 10.0)], false), [5.0, 5.0]);
        assert_eq!(char_advances(&chars("x"), &[('x', 4.0), ('x', 1.0)], false), [5.0]);
        assert!(char_advances(&[], &[], true).is_empty());
    }

    #[test]
    fn lines_break_after_spaces_and_cut_a_word_wider_than_the_line() {
        let text = chars("aa bb cc");
        let ten = vec![10.0; text.len()];
        assert_eq!(break_lines(&text, &ten, 55.0), [0..6, 6..8]);
        assert_eq!(break_lines(&text, &ten, 25.0), [0..3, 3..6, 6..8], "spaces hang past the width");
        assert_eq!(break_lines(&chars("abcdef"), &[10.0; 6], 25.0), [0..2, 2..4, 4..6]);
        assert_eq!(break_lines(&[], &[], 100.0), vec![0..0]);
        assert_eq!(break_lines(&text, &ten, 1000.0), vec![0..8]);
    }
}
