//! A document as the reader shows it: paragraphs (lines of the text) with their character
//! ranges and speaker labels. Pure and cheap; rebuilt only when the document changes.

use crate::io::speakers::speaker_label;

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
        let label = speaker_label(line);
        if let Some(l) = label {
            speaker = Some(l.to_owned());
        }
        out.push(Paragraph {
            start: chars,
            end: chars + len,
            byte_start: bytes,
            byte_end: bytes + line.len(),
            speaker_len: label.map(|l| l.chars().count() + 1),
            speaker: speaker.clone(),
        });
        chars += len + 1;
        bytes += line.len() + 1;
    }
    out
}

/// The paragraph holding character `offset` (the last one for the end of the text).
pub fn paragraph_at(paragraphs: &[Paragraph], offset: usize) -> usize {
    paragraphs
        .partition_point(|p| p.end < offset)
        .min(paragraphs.len().saturating_sub(1))
}

/// The characters `[start, end)` of `text`.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The word around character `offset`: letters, digits, apostrophes and hyphens.
pub fn word_at(text: &str, offset: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let mut start = offset.min(chars.len());
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = offset.min(chars.len());
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    (start, end)
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
        assert_eq!(
            paragraph_at(&p, 34),
            2,
            "the end of a paragraph belongs to it"
        );
        assert_eq!(paragraph_at(&p, 999), 4);
        assert!(p[1].is_blank(text));
    }

    #[test]
    fn words_and_slices_count_characters() {
        let text = "the café’s owner";
        assert_eq!(word_at(text, 6), (4, 10));
        assert_eq!(slice(text, 4, 10), "café’s");
    }
}
