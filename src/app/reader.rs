//! A document as the reader shows it: paragraphs (lines of the text) with their character
//! ranges and speaker labels. Pure and cheap; rebuilt only when the document changes.

use axial_core::io::speakers::speaker_label_at;
use axial_core::model::{Coding, CodingId, DocumentId, Project};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use unicode_segmentation::UnicodeSegmentation;

/// Whose codings the reader shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum CodersShown {
    /// Everyone's, stripes in shared lanes.
    #[default]
    All,
    /// One coder's.
    Only(String),
    /// Two coders' side by side: the first's stripes in the lanes on the left, the second's in
    /// lanes of their own to the right, an empty lane between.
    Apart(String, String),
}

impl CodersShown {
    fn shows(&self, coder: &str) -> bool {
        match self {
            CodersShown::All => true,
            CodersShown::Only(c) => c == coder,
            CodersShown::Apart(a, b) => a == coder || b == coder,
        }
    }

    /// How a coder's view is named in the reader's menu.
    pub fn label(&self) -> String {
        match self {
            CodersShown::All => "All coders".into(),
            CodersShown::Only(c) => format!("{c} only"),
            CodersShown::Apart(a, b) => format!("{a} | {b} apart"),
        }
    }
}

/// Most stripe lanes drawn beside the text; codings in lanes past it are not drawn.
pub const MAX_LANES: usize = 8;

/// Everything the reader needs to draw one document, derived once per project revision:
/// paragraphs, the document's codings, which codings touch which paragraph, the stripe lane
/// of each coding, paragraph numbers, and the facts shown above the text.
#[derive(Clone, Debug, Default)]
pub struct DocumentLayout {
    pub document: Option<DocumentId>,
    pub paragraphs: Vec<Paragraph>,
    pub codings: Vec<Coding>,
    /// Per paragraph, indices into `codings` of those that touch it.
    pub by_paragraph: Vec<Vec<usize>>,
    pub lanes: HashMap<CodingId, usize>,
    pub lane_count: usize,
    /// Two coders apart: the empty lane between their stripe groups.
    pub gap_lane: Option<usize>,
    /// The number shown beside each paragraph (blank lines have none).
    pub numbers: Vec<Option<usize>>,
    pub words: usize,
    pub speakers: Vec<String>,
    /// Length of the text in characters.
    pub len: usize,
    /// Per paragraph, a hash of what its codings look like (ids, ranges, codes' colours): a
    /// paragraph whose fingerprint did not change keeps its laid-out text.
    pub fingerprints: Vec<u64>,
}

impl DocumentLayout {
    pub fn new(project: &Project, document: DocumentId) -> DocumentLayout {
        Self::new_for(project, document, &CodersShown::All)
    }

    /// The layout with only the codings of the coders `shown` (their stripes apart, if so).
    pub fn new_for(project: &Project, document: DocumentId, shown: &CodersShown) -> DocumentLayout {
        let Some(doc) = project.document(document) else {
            return DocumentLayout::default();
        };
        let paragraphs = paragraphs(&doc.text);
        let codings: Vec<Coding> = project.codings_in(document).filter(|c| shown.shows(&c.coder)).cloned().collect();
        let (lanes, lane_count, gap_lane) = match shown {
            CodersShown::Apart(first, _) => {
                let (left, right): (Vec<&Coding>, Vec<&Coding>) = codings.iter().partition(|c| &c.coder == first);
                let mut lanes = axial_core::analysis::stripes::lanes(left.iter().copied());
                let mut left_count = lanes.values().max().map(|m| m + 1).unwrap_or(0);
                let right_lanes = axial_core::analysis::stripes::lanes(right.iter().copied());
                let right_count = right_lanes.values().max().map(|m| m + 1).unwrap_or(0);
                // Both groups fit in the lanes drawn: the first coder keeps at least half of
                // them, and gives up what the second does not need (its deepest overlaps are
                // not drawn, as with too many overlaps in one group).
                let room = MAX_LANES - 1;
                if left_count + right_count > room {
                    let cap = room.saturating_sub(right_count).max(room / 2);
                    for lane in lanes.values_mut().filter(|l| **l >= cap) {
                        *lane = usize::MAX;
                    }
                    left_count = left_count.min(cap);
                }
                // The second coder's lanes start after an empty one, so the groups never touch.
                let offset = left_count + 1;
                lanes.extend(right_lanes.into_iter().map(|(id, lane)| (id, lane + offset)));
                (lanes, offset + right_count, Some(left_count))
            }
            _ => {
                let lanes = axial_core::analysis::stripes::lanes(&codings);
                let count = lanes.values().max().map(|m| m + 1).unwrap_or(0);
                (lanes, count, None)
            }
        };
        let mut by_paragraph = vec![Vec::new(); paragraphs.len()];
        for (i, c) in codings.iter().enumerate() {
            let first = paragraph_at(&paragraphs, c.start);
            let last = paragraph_at(&paragraphs, c.end.saturating_sub(1).max(c.start));
            for list in &mut by_paragraph[first..=last] {
                list.push(i);
            }
        }
        let fingerprints = by_paragraph
            .iter()
            .map(|touching| {
                let mut h = std::hash::DefaultHasher::new();
                for &i in touching {
                    let c: &Coding = &codings[i];
                    (c.id, c.start, c.end, project.code(c.code).map(|k| k.color.as_str())).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let mut n = 0;
        let numbers = paragraphs
            .iter()
            .map(|p| {
                (!p.is_blank(&doc.text)).then(|| {
                    n += 1;
                    n
                })
            })
            .collect();
        DocumentLayout {
            document: Some(document),
            len: paragraphs.last().map(|p| p.end).unwrap_or(0),
            words: doc.text.split_whitespace().count(),
            speakers: axial_core::io::speakers::speakers(&doc.text),
            paragraphs,
            codings,
            by_paragraph,
            lanes,
            lane_count,
            gap_lane,
            numbers,
            fingerprints,
        }
    }

    /// Byte position of character `offset` in `text`, found through its paragraph, so the
    /// cost is one paragraph's length, not the document's.
    pub fn byte_of(&self, text: &str, offset: usize) -> usize {
        if self.paragraphs.is_empty() {
            return 0;
        }
        let p = &self.paragraphs[paragraph_at(&self.paragraphs, offset)];
        let local = offset.saturating_sub(p.start);
        let para = &text[p.byte_start..p.byte_end];
        p.byte_start + para.char_indices().nth(local).map(|(b, _)| b).unwrap_or(para.len())
    }

    /// The characters `[start, end)` of `text`, as [`slice`] but without walking from the start.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let (a, b) = (self.byte_of(text, start), self.byte_of(text, end.max(start)));
        &text[a..b]
    }

    /// The word around `offset` (as [`word_at`]), looking only at its paragraph.
    pub fn word_at(&self, text: &str, offset: usize) -> (usize, usize) {
        if self.paragraphs.is_empty() {
            return (offset, offset);
        }
        let p = &self.paragraphs[paragraph_at(&self.paragraphs, offset)];
        let (a, b) = word_at(&text[p.byte_start..p.byte_end], offset.saturating_sub(p.start));
        (p.start + a, p.start + b)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Character range in the document, without the line end.
    pub start: usize,
    pub end: usize,
    /// Byte range in the document text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Characters of the speaker label including its colon, if the paragraph opens a turn.
    pub speaker_len: Option<usize>,
    /// The speaker of the turn this paragraph belongs to (continuations included).
    pub speaker: Option<String>,
}

impl Paragraph {
    pub fn is_blank(&self, text: &str) -> bool {
        text[self.byte_start..self.byte_end].trim().is_empty()
    }
}

/// Splits on `\n`. Every character of the text except line ends belongs to one paragraph.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut chars = 0usize;
    let mut bytes = 0usize;
    let mut speaker: Option<String> = None;
    for line in text.split('\n') {
        let len = line.chars().count();
        let label = speaker_label_at(line);
        if let Some((_, l)) = label {
            speaker = Some(l.to_owned());
        }
        out.push(Paragraph {
            start: chars,
            end: chars + len,
            byte_start: bytes,
            byte_end: bytes + line.len(),
            // Through the colon, from the line's start: a timestamp before the label goes with it.
            speaker_len: label.map(|(at, l)| line[..at].chars().count() + l.chars().count() + 1),
            speaker: speaker.clone(),
        });
        chars += len + 1;
        bytes += line.len() + 1;
    }
    out
}

/// The paragraph holding character `offset` (the last one for the end of the text).
pub fn paragraph_at(paragraphs: &[Paragraph], offset: usize) -> usize {
    paragraphs.partition_point(|p| p.end < offset).min(paragraphs.len().saturating_sub(1))
}

/// The characters `[start, end)` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// The word around character `offset` of `text`, in chars: the word holding the char at
/// `offset`, else the one ending there (a caret just after a word); `(offset, offset)` on a space
/// or punctuation touching no word. Offsets past the end mean the end.
///
/// Words are UAX #29 word segments holding a letter or digit, so "3.5", "don't", "snake_case"
/// and a Persian word with its zero-width non-joiner stay whole (UAX #29 counts U+200C, like a
/// combining mark, with the letter before it), and quotes, brackets and other punctuation stay
/// out of the word. Two joins on top of it, for in-vivo coding:
/// - Segments linked by one hyphen, or an apostrophe, are one word. UAX #29 splits
///   "well-known" at the hyphen, since a hyphen may be a dash in general text; but a coder who
///   double-clicks "well-known", "face-to-face" or "COVID-19" wants the participant's whole
///   expression. (UAX #29 keeps "don't" whole already; the apostrophe rule adds "90's".) Two
///   hyphens, or one at a word's edge ("pre- and post-test"), are not a link.
/// - Word segments that touch are one word. UAX #29 leaves Chinese, Japanese and Thai to a
///   dictionary and, without one, splits them char by char; the run up to the next space or
///   punctuation is the better guess for a selection.
pub fn word_at(text: &str, offset: usize) -> (usize, usize) {
    #[derive(PartialEq)]
    enum After {
        Word,
        Link,
        Other,
    }
    let offset = offset.min(text.chars().count());
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut after = After::Other;
    let mut start = 0;
    for segment in text.split_word_bounds() {
        let end = start + segment.chars().count();
        if start > offset && after == After::Other {
            break;
        }
        after = if segment.chars().any(char::is_alphanumeric) {
            match words.last_mut() {
                Some(word) if after != After::Other => word.1 = end,
                _ => words.push((start, end)),
            }
            After::Word
        } else if after == After::Word && matches!(segment, "-" | "\u{2010}" | "\u{2011}" | "'" | "\u{2019}") {
            After::Link
        } else {
            After::Other
        };
        start = end;
    }
    let around = words.iter().find(|w| w.0 <= offset && offset < w.1);
    around.or(words.iter().find(|w| w.1 == offset)).copied().unwrap_or((offset, offset))
}

#[cfg(test)]
mod coders_tests {
    use super::*;
    use axial_core::model::*;

    #[test]
    fn one_coder_or_two_apart_each_in_lanes_of_their_own() {
        let mut p = Project::default();
        p.apply_change(Change::DocumentAdded(Document::new(DocumentId(1), "D", "x".repeat(50))));
        let coding = |id: i64, coder: &str, start: usize, end: usize| {
            Change::Coding(Coding {
                id: CodingId(id),
                document: DocumentId(1),
                code: CodeId(1),
                start,
                end,
                coder: coder.into(),
                created: "t".into(),
            })
        };
        for c in [coding(1, "A", 0, 10), coding(2, "B", 0, 10), coding(3, "A", 5, 15), coding(4, "C", 20, 30)] {
            p.apply_change(c);
        }
        let all = DocumentLayout::new(&p, DocumentId(1));
        assert_eq!((all.codings.len(), all.lane_count), (4, 3));
        let only = DocumentLayout::new_for(&p, DocumentId(1), &CodersShown::Only("A".into()));
        assert_eq!(only.codings.iter().map(|c| c.id.0).collect::<Vec<_>>(), [1, 3]);
        let apart = DocumentLayout::new_for(&p, DocumentId(1), &CodersShown::Apart("A".into(), "B".into()));
        assert_eq!(apart.codings.len(), 3, "C's coding is not shown");
        // A in lanes 0 and 1, an empty lane 2, B in lane 3.
        assert_eq!((apart.lanes[&CodingId(1)], apart.lanes[&CodingId(3)], apart.lanes[&CodingId(2)]), (0, 1, 3));
        assert_eq!((apart.lane_count, apart.gap_lane), (4, Some(2)));
    }

    /// Apart, a first coder with more overlaps than there are lanes still leaves the second
    /// coder's stripes room to be drawn.
    #[test]
    fn two_coders_apart_both_fit_in_the_lanes_drawn() {
        let mut p = Project::default();
        p.apply_change(Change::DocumentAdded(Document {
            id: DocumentId(1),
            title: "D".into(),
            text: "x".repeat(100).into(),
            case: None,
            imported: "t".into(),
            attributes: Default::default(),
            char_len: 100,
        }));
        // A codes ten overlapping stretches, B two.
        for i in 0..12 {
            let coder = if i < 10 { "A" } else { "B" };
            p.apply_change(Change::Coding(Coding {
                id: CodingId(i + 1),
                document: DocumentId(1),
                code: CodeId(1),
                start: i as usize,
                end: 50,
                coder: coder.into(),
                created: "t".into(),
            }));
        }
        let apart = DocumentLayout::new_for(&p, DocumentId(1), &CodersShown::Apart("A".into(), "B".into()));
        assert_eq!(apart.gap_lane, Some(5), "A keeps the lanes B does not need");
        let b: Vec<usize> = [11, 12].iter().map(|i| apart.lanes[&CodingId(*i)]).collect();
        assert!(b.iter().all(|l| *l < MAX_LANES), "B's stripes are drawn: {b:?}");
        assert_eq!(apart.lane_count, MAX_LANES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_cover_the_text_and_carry_speakers() {
        let text = "Interviewer: Hi.\n\nZoë: Café first.\nMore.\n";
        let p = paragraphs(text);
        assert_eq!(p.len(), 5);
        assert_eq!((p[2].start, p[2].end), (18, 34));
        assert_eq!(p[2].speaker_len, Some(4));
        assert_eq!(p[3].speaker.as_deref(), Some("Zoë"));
        assert_eq!(p[3].speaker_len, None);
        assert_eq!(&text[p[2].byte_start..p[2].byte_end], "Zoë: Café first.");
        assert_eq!(paragraph_at(&p, 20), 2);
        assert_eq!(paragraph_at(&p, 34), 2, "the end of a paragraph belongs to it");
        assert_eq!(paragraph_at(&p, 999), 4);
        assert!(p[1].is_blank(text));
        // A subtitle import's turn: the label (and the timestamp before it) is what is bold.
        let p = paragraphs("[00:01:23] Zoë: Café.\n[00:01:30] more");
        assert_eq!((p[0].speaker_len, p[0].speaker.as_deref()), (Some(15), Some("Zoë")));
        assert_eq!((p[1].speaker_len, p[1].speaker.as_deref()), (None, Some("Zoë")));
    }

    #[test]
    fn a_layout_knows_which_codings_touch_which_paragraph() {
        use axial_core::model::*;
        let mut p = Project::default();
        p.apply_change(Change::DocumentAdded(Document::new(DocumentId(1), "d", "A: one\n\nB: two three\nfour")));
        let coding = |id, start, end| Coding {
            id: CodingId(id),
            document: DocumentId(1),
            code: CodeId(1),
            start,
            end,
            coder: String::new(),
            created: String::new(),
        };
        for c in [coding(1, 3, 6), coding(2, 5, 20), coding(3, 11, 13)] {
            p.apply_change(Change::Coding(c));
        }
        let l = DocumentLayout::new(&p, DocumentId(1));
        assert_eq!(l.by_paragraph, vec![vec![0, 1], vec![1], vec![1, 2], vec![]], "coding 2 ends with paragraph 3");
        assert_eq!(l.numbers, vec![Some(1), None, Some(2), Some(3)]);
        assert_eq!(l.lane_count, 2);
        assert_eq!(l.words, 6);
        assert_eq!(l.speakers, vec!["A", "B"]);
        let text = &p.document(DocumentId(1)).unwrap().text;
        assert_eq!(l.slice(text, 11, 20), "two three");
        assert_eq!(l.slice(text, 3, 12), "one\n\nB: t", "slices run across paragraphs");
        assert_eq!(l.word_at(text, 16), (15, 20));
        assert_eq!(l.byte_of(text, l.len), text.len());
    }

    #[test]
    fn a_new_coding_changes_only_the_fingerprints_of_the_paragraphs_it_touches() {
        use axial_core::model::*;
        let mut p = Project::default();
        p.apply_change(Change::DocumentAdded(Document::new(DocumentId(1), "d", "A: one\n\nB: two three\nfour")));
        p.apply_change(Change::Code(Code {
            id: CodeId(1),
            name: "c".into(),
            color: "#123456".into(),
            definition: String::new(),
            concept: None,
        }));
        let coding = |id, start, end| {
            Change::Coding(Coding {
                id: CodingId(id),
                document: DocumentId(1),
                code: CodeId(1),
                start,
                end,
                coder: String::new(),
                created: String::new(),
            })
        };
        p.apply_change(coding(1, 3, 6));
        let before = DocumentLayout::new(&p, DocumentId(1)).fingerprints;
        p.apply_change(coding(2, 11, 13));
        let after = DocumentLayout::new(&p, DocumentId(1)).fingerprints;
        let changed: Vec<usize> = (0..before.len()).filter(|&i| before[i] != after[i]).collect();
        assert_eq!(changed, [2], "only the paragraph with the new coding is laid out again");
        // Recolouring the code changes every paragraph that shows it.
        p.apply_change(Change::Code(Code {
            id: CodeId(1),
            name: "c".into(),
            color: "#654321".into(),
            definition: String::new(),
            concept: None,
        }));
        let recoloured = DocumentLayout::new(&p, DocumentId(1)).fingerprints;
        let changed: Vec<usize> = (0..after.len()).filter(|&i| after[i] != recoloured[i]).collect();
        assert_eq!(changed, [0, 2]);
    }

    #[test]
    fn a_persian_word_keeps_its_zero_width_non_joiner_and_marks() {
        let text = "ما می‌خواهیم مُشتری";
        assert_eq!(word_at(text, 4), (3, 12), "می‌خواهیم is one word");
        assert_eq!(word_at(text, 14), (13, 19), "a short vowel stays inside its word");
        assert_eq!(word_at("کتاب\u{200c}ها را", 2), (0, 7), "کتاب\u{200c}ها (books) too");
        let mixed = "من از CRM استفاده می\u{200c}کنم.";
        assert_eq!(word_at(mixed, 7), (6, 9), "an English word inside Persian");
        assert_eq!(word_at(mixed, 21), (18, 24), "the last word, before its full stop");
    }

    #[test]
    fn words_and_slices_count_characters() {
        let text = "the café’s owner";
        assert_eq!(word_at(text, 6), (4, 10));
        assert_eq!(slice(text, 4, 10), "café’s");
    }

    #[test]
    fn a_word_is_a_uax29_word_with_its_inner_apostrophes_and_decimal_points() {
        let word = |text: &str, at: usize| {
            let (a, b) = word_at(text, at);
            slice(text, a, b)
        };
        assert_eq!(word("Interviews with staff", 12), "with");
        assert_eq!(word("I don't know", 3), "don't");
        assert_eq!(word("costs 3.5 million.", 8), "3.5");
        assert_eq!(word("it was 3.5.", 9), "3.5", "a full stop after a number is not in it");
        assert_eq!(word("he said 'never' twice", 10), "never", "quotes stay out");
        assert_eq!(word("the students' views", 6), "students", "so does a closing apostrophe");
        assert_eq!(word("snake_case x", 2), "snake_case");
    }

    #[test]
    fn a_hyphen_or_an_apostrophe_between_words_links_them() {
        let word = |text: &str, at: usize| {
            let (a, b) = word_at(text, at);
            slice(text, a, b)
        };
        let text = "a well-known, face-to-face talk";
        assert_eq!(word(text, 3), "well-known");
        assert_eq!(word(text, 6), "well-known", "on the hyphen too");
        assert_eq!(word(text, 16), "face-to-face");
        assert_eq!(word("COVID-19 cases", 2), "COVID-19");
        assert_eq!(word("the 90's music", 5), "90's");
        // A hyphen at a word's edge, or two, links nothing.
        assert_eq!(word("pre- and post-test", 1), "pre");
        assert_eq!(word("pre- and post-test", 12), "post-test");
        assert_eq!(word("well--known", 1), "well");
    }

    #[test]
    fn on_a_space_or_punctuation_the_word_is_the_one_just_before_else_none() {
        assert_eq!(word_at("hello, world", 5), (0, 5), "a caret just after a word");
        assert_eq!(word_at("hello, world", 6), (6, 6));
        assert_eq!(word_at("a  b", 2), (2, 2));
        assert_eq!(word_at("end", 3), (0, 3), "the end of the text");
        assert_eq!(word_at("end", 99), (0, 3), "past it");
        assert_eq!(word_at("end.", 4), (4, 4));
        assert_eq!(word_at("", 0), (0, 0));
    }

    #[test]
    fn scripts_without_spaces_select_the_run_up_to_punctuation() {
        assert_eq!(word_at("你们怎样记录，顾客", 1), (0, 6));
        assert_eq!(word_at("ลูกค้าบอก ครับ", 2), (0, 9));
    }
}
