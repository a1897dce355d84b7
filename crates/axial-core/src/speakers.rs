//! Speaker turns: a paragraph that starts with `Name:` (after a bracketed timestamp, if any)
//! opens a turn that runs until the next labelled paragraph. Offsets are in Unicode scalar
//! values, like codings.

/// A speaker turn: `[start, end)` in characters, the label without its colon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub speaker: String,
    pub start: usize,
    pub end: usize,
}

/// The speaker label that opens `line`, if it has one: one to four words of letters, digits,
/// spaces, dots, hyphens or apostrophes, starting with a letter, then `:` and a space or the
/// line end. "Interviewer:", "Dr. Lee:", "P07:" are labels; "10:30" and "Note that: x" are not.
/// A timestamp in brackets may come first, as subtitle imports write turns
/// (`[00:01:23] Interviewer: …`, `[01:23.500] P07: …`); a timestamp with no label after it
/// (`[00:01:23] text`) opens no turn. See [`speaker_label_at`] for where the label starts.
pub fn speaker_label(line: &str) -> Option<&str> {
    speaker_label_at(line).map(|(_, label)| label)
}

/// As [`speaker_label`], with the byte offset in `line` where the label starts: 0, or just
/// past a leading timestamp. The label's colon is at `offset + label.len()`.
pub fn speaker_label_at(line: &str) -> Option<(usize, &str)> {
    let at = timestamp_len(line);
    label(&line[at..]).map(|l| (at, l))
}

/// Bytes of a leading `[hh:mm:ss] ` or `[mm:ss] ` (seconds optionally with `.mmm`, hours of
/// one to three digits) and the white space after it; 0 when the line does not start with one.
fn timestamp_len(line: &str) -> usize {
    let Some(inner) = line.strip_prefix('[').and_then(|rest| rest.split_once(']')).map(|(inner, _)| inner) else {
        return 0;
    };
    let (clock, fraction) = inner.split_once('.').unwrap_or((inner, ""));
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = clock.split(':').collect();
    let clock_ok = match parts.as_slice() {
        [h, m, s] => digits(h, 1, 3) && digits(m, 2, 2) && digits(s, 2, 2),
        [m, s] => digits(m, 2, 2) && digits(s, 2, 2),
        _ => false,
    };
    let fraction_ok = fraction.is_empty() && !inner.contains('.') || digits(fraction, 1, 3);
    let after = inner.len() + 2;
    let rest = &line[after..];
    let spaced = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if clock_ok && fraction_ok && spaced > 0 { after + spaced } else { 0 }
}

/// The label that opens `line` (no timestamp before it), as [`speaker_label`] describes.
fn label(line: &str) -> Option<&str> {
    let colon = line.find(':')?;
    let label = &line[..colon];
    let rest = &line[colon + 1..];
    let first = label.chars().next()?;
    // A capital, or a letter of a right-to-left script, which has none ("مصاحبه‌گر:"); the
    // zero-width non-joiner is part of Persian spelling.
    let ok = first.is_alphabetic()
        && (first.is_uppercase() || is_rtl_letter(first))
        && label.chars().count() <= 40
        && label.split_whitespace().count() <= 4
        && !label.ends_with(' ')
        && label.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '\u{200C}'))
        && (rest.is_empty() || rest.starts_with([' ', '\t']));
    ok.then_some(label)
}

/// All speaker turns of a text; empty if no line carries a label.
pub fn turns(text: &str) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    let mut offset = 0usize;
    for line in text.split('\n') {
        let len = line.chars().count();
        if let Some(label) = speaker_label(line) {
            if let Some(last) = out.last_mut() {
                last.end = offset;
            }
            out.push(Turn { speaker: label.to_owned(), start: offset, end: offset + len });
        } else if let Some(last) = out.last_mut() {
            last.end = offset + len;
        }
        offset += len + 1;
    }
    // A turn ends where its text ends, not after trailing blank lines.
    let chars: Vec<char> = text.chars().collect();
    for turn in &mut out {
        while turn.end > turn.start && chars.get(turn.end - 1).is_some_and(|c| c.is_whitespace()) {
            turn.end -= 1;
        }
    }
    out
}

/// The distinct speakers of a text, in order of first appearance.
pub fn speakers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for turn in turns(text) {
        if !out.contains(&turn.speaker) {
            out.push(turn.speaker);
        }
    }
    out
}

/// A letter of a right-to-left script (Hebrew, Arabic, Persian...), which has no capitals: a
/// label in one still starts a turn.
fn is_rtl_letter(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(c), R | AL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(speaker_label("Interviewer: So,"), Some("Interviewer"));
        assert_eq!(speaker_label("Dr. Mina Rahimi: yes"), Some("Dr. Mina Rahimi"));
        assert_eq!(speaker_label("P07:"), Some("P07"));
        assert_eq!(speaker_label("10:30 we met"), None);
        assert_eq!(speaker_label("and then: nothing"), None);
        assert_eq!(speaker_label("http://example.org"), None);
        assert_eq!(speaker_label("Well, I think this is long: yes"), None);
        // Persian and Hebrew labels: no capitals, a zero-width non-joiner inside.
        assert_eq!(speaker_label("مصاحبه\u{200c}گر: ممنون"), Some("مصاحبه\u{200c}گر"));
        assert_eq!(speaker_label("מראיין: שלום"), Some("מראיין"));
        assert_eq!(speaker_label("او گفت که این کار خیلی طول کشید و سخت بود: بله"), None);
    }

    #[test]
    fn labels_after_a_timestamp() {
        assert_eq!(speaker_label("[00:01:23] Interviewer: text"), Some("Interviewer"));
        assert_eq!(speaker_label_at("[00:01:23] Interviewer: text"), Some((11, "Interviewer")));
        assert_eq!(speaker_label("[01:23] P07: yes"), Some("P07"));
        assert_eq!(speaker_label("[1:01:23.250]  Dr. Lee:"), Some("Dr. Lee"));
        assert_eq!(speaker_label_at("[01:23.5]\tZoë: ok"), Some((10, "Zoë")));
        assert_eq!(speaker_label_at("Interviewer: hi"), Some((0, "Interviewer")));
        // A timestamp alone opens no turn, nor does one with no space after it or a bad one.
        assert_eq!(speaker_label("[00:01:23] text of a turn"), None);
        assert_eq!(speaker_label("[00:01:23] 10:30 we met"), None);
        assert_eq!(speaker_label("[00:01:23]Interviewer: x"), None);
        assert_eq!(speaker_label("[00:1:23] Interviewer: x"), None);
        assert_eq!(speaker_label("[00:01:23.] Interviewer: x"), None);
        assert_eq!(speaker_label("[0000:01:23] Interviewer: x"), None);
        assert_eq!(speaker_label("[Music] Interviewer: x"), None);
        assert_eq!(speaker_label("["), None);
        assert_eq!(speaker_label("[]"), None);
        assert_eq!(speaker_label("[00:01:23] "), None);
        assert_eq!(speaker_label("[é:é] A: x"), None, "never a panic on a char boundary");
    }

    #[test]
    fn timestamped_turns() {
        let text = "[00:00:01] Interviewer: Hi.\n\n[00:00:04] P01: First.\n\n[00:00:09] More from P01.\n\n[00:00:12] Interviewer: Thanks.\n";
        let t = turns(text);
        assert_eq!(t.iter().map(|t| t.speaker.as_str()).collect::<Vec<_>>(), ["Interviewer", "P01", "Interviewer"]);
        let chars: Vec<char> = text.chars().collect();
        let p01: String = chars[t[1].start..t[1].end].iter().collect();
        assert_eq!(p01, "[00:00:04] P01: First.\n\n[00:00:09] More from P01.");
        assert_eq!(speakers(text), ["Interviewer", "P01"]);
    }

    #[test]
    fn turns_span_continuation_paragraphs() {
        let text = "Interviewer: Hi.\n\nB: First.\n\nMore from B.\n\nInterviewer: Thanks.\n";
        let t = turns(text);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].speaker, "B");
        let chars: Vec<char> = text.chars().collect();
        let b: String = chars[t[1].start..t[1].end].iter().collect();
        assert_eq!(b, "B: First.\n\nMore from B.");
        assert_eq!(speakers(text), vec!["Interviewer", "B"]);
        assert!(turns("no speakers here\nat all").is_empty());
    }
}
