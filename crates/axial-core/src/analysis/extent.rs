//! Widening a passage (a search hit) to the sentence, paragraph or speaker turn around it, so
//! "code all hits" can code what was said rather than the matched word alone.
//!
//! Offsets are in characters, like codings. A paragraph is a line of the text (as the reader
//! numbers them); a turn runs from one turn start to the next (speaker labels, else blank-line
//! paragraphs, as [`units`](super::units) counts them). A widened passage never includes the
//! speaker label ("Interviewer:") or the whitespace around it.

use crate::io::speakers::speaker_label_at;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Extent {
    /// The matched text itself.
    #[default]
    Match,
    Sentence,
    Paragraph,
    Turn,
}

impl Extent {
    pub const ALL: [Extent; 4] = [Extent::Match, Extent::Sentence, Extent::Paragraph, Extent::Turn];

    pub fn label(self) -> &'static str {
        match self {
            Extent::Match => "match",
            Extent::Sentence => "sentence",
            Extent::Paragraph => "paragraph",
            Extent::Turn => "speaker turn",
        }
    }
}

/// Widens each `(start, end)` passage of `text` to `extent`. One pass to index the text, then
/// each passage costs only its own neighbourhood.
pub fn widen_all(text: &str, passages: &[(usize, usize)], extent: Extent) -> Vec<(usize, usize)> {
    if extent == Extent::Match {
        return passages.to_vec();
    }
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let chars = bytes.len() - 1;
    let char_at = |byte: usize| bytes.partition_point(|&b| b < byte);
    let turns: Vec<usize> = if extent == Extent::Turn {
        super::units::turn_starts(text).into_iter().map(|(start, _)| bytes[start.min(chars)]).collect()
    } else {
        Vec::new()
    };
    passages
        .iter()
        .map(|&(start, end)| {
            let (s, e) = (bytes[start.min(chars)], bytes[end.min(chars)]);
            let (ws, we) = match extent {
                Extent::Match => (s, e),
                Extent::Paragraph => paragraph(text, s, e),
                Extent::Sentence => sentence(text, s, e),
                Extent::Turn => turn(text, &turns, s, e),
            };
            (char_at(ws), char_at(we))
        })
        .collect()
}

/// The lines holding bytes `s..e`, without a speaker label and surrounding whitespace.
fn paragraph(text: &str, s: usize, e: usize) -> (usize, usize) {
    let from = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let to = text[e..].find('\n').map_or(text.len(), |i| e + i);
    trimmed(text, from, to, s, e)
}

/// The sentences (Unicode sentence boundaries) holding bytes `s..e`, within their paragraph.
fn sentence(text: &str, s: usize, e: usize) -> (usize, usize) {
    let (p_from, p_to) = paragraph(text, s, e);
    let (s, e) = (s.max(p_from), e.min(p_to).max(s.max(p_from)));
    let mut from = p_from;
    let mut to = p_to;
    for (offset, piece) in text[p_from..p_to].split_sentence_bound_indices() {
        let (a, b) = (p_from + offset, p_from + offset + piece.len());
        if b <= s && b > from {
            from = b;
        }
        if a >= e && a < to && a > s {
            to = a;
        }
    }
    trimmed(text, from, to, s, e)
}

/// The speaker turn holding bytes `s..e` (through the turn holding `e`).
fn turn(text: &str, turns: &[usize], s: usize, e: usize) -> (usize, usize) {
    let first = turns.partition_point(|&t| t <= s).saturating_sub(1);
    let last = turns.partition_point(|&t| t < e.max(s + 1)).saturating_sub(1);
    let from = turns.get(first).copied().unwrap_or(0);
    let to = turns.get(last + 1).copied().unwrap_or(text.len());
    trimmed(text, from, to, s, e)
}

/// `from..to` without a leading speaker label and without whitespace at either end, but never
/// narrower than the original `s..e`.
fn trimmed(text: &str, mut from: usize, mut to: usize, s: usize, e: usize) -> (usize, usize) {
    let line_end = text[from..to].find('\n').map_or(to, |i| from + i);
    if let Some((at, label)) = speaker_label_at(&text[from..line_end]) {
        let after = from + at + label.len() + 1;
        if after <= s {
            from = after;
        }
    }
    let body = &text[from..to];
    from += body.len() - body.trim_start().len();
    to -= body.len() - body.trim_end().len();
    (from.min(s), to.max(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widened(text: &str, needle: &str, extent: Extent) -> String {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        let end = start + needle.chars().count();
        let (s, e) = widen_all(text, &[(start, end)], extent)[0];
        text.chars().skip(s).take(e - s).collect()
    }

    const TEXT: &str = "Interviewer: How do you keep track? Tell me.\n\nBranch manager: We write it down. Every complaint goes in the book. Then we call back.\nIt works well.\n\nInterviewer: Thanks.";

    #[test]
    fn a_hit_widens_to_its_sentence_without_the_speaker_label() {
        assert_eq!(widened(TEXT, "complaint", Extent::Sentence), "Every complaint goes in the book.");
        assert_eq!(widened(TEXT, "keep", Extent::Sentence), "How do you keep track?");
        assert_eq!(widened(TEXT, "complaint", Extent::Match), "complaint");
    }

    #[test]
    fn a_hit_widens_to_its_paragraph_and_its_turn() {
        assert_eq!(
            widened(TEXT, "complaint", Extent::Paragraph),
            "We write it down. Every complaint goes in the book. Then we call back."
        );
        assert_eq!(
            widened(TEXT, "complaint", Extent::Turn),
            "We write it down. Every complaint goes in the book. Then we call back.\nIt works well."
        );
        assert_eq!(widened(TEXT, "Thanks", Extent::Turn), "Thanks.");
    }

    #[test]
    fn offsets_count_characters_and_a_hit_over_two_sentences_keeps_both() {
        let text = "Kunde: Können wir das prüfen? Ja. Später schon.";
        assert_eq!(widened(text, "prüfen? Ja", Extent::Sentence), "Können wir das prüfen? Ja.");
        assert_eq!(widened("顧客の声です。毎週まとめます。", "毎週", Extent::Sentence), "毎週まとめます。");
    }

    #[test]
    fn a_timestamp_before_the_label_is_left_out_too() {
        let text = "[00:00:01] Interviewer: How? Tell me.\n\n[00:00:05] P01: We write it down. Every complaint goes in.\n\n[00:00:09] More from P01.";
        assert_eq!(widened(text, "complaint", Extent::Paragraph), "We write it down. Every complaint goes in.");
        assert_eq!(widened(text, "write", Extent::Sentence), "We write it down.");
        assert_eq!(
            widened(text, "complaint", Extent::Turn),
            "We write it down. Every complaint goes in.\n\n[00:00:09] More from P01."
        );
    }

    #[test]
    fn without_speaker_labels_a_turn_is_a_blank_line_paragraph() {
        let text = "first line\nsecond line with word\n\nnext paragraph";
        assert_eq!(widened(text, "word", Extent::Turn), "first line\nsecond line with word");
        assert_eq!(widened(text, "word", Extent::Paragraph), "second line with word");
    }
}
