//! Speaker turns: a paragraph that starts with `Name:` opens a turn that runs until the next
//! labelled paragraph. Offsets are in Unicode scalar values, like codings.

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
pub fn speaker_label(line: &str) -> Option<&str> {
    let colon = line.find(':')?;
    let label = &line[..colon];
    let rest = &line[colon + 1..];
    let first = label.chars().next()?;
    let ok = first.is_alphabetic()
        && first.is_uppercase()
        && label.chars().count() <= 40
        && label.split_whitespace().count() <= 4
        && !label.ends_with(' ')
        && label.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
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
