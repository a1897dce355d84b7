//! Reads WebVTT (`.vtt`) and SubRip (`.srt`) subtitles, the formats transcription services and
//! video-call recorders (Zoom, Teams, Otter, Rev, YouTube) hand out, into a transcript: one
//! paragraph per speaker turn, each opening with the time it starts and its speaker,
//! `[00:01:23] Interviewer: text of the turn…` (`[00:01:23] text…` without a speaker), with a
//! blank line between turns.
//!
//! Written here rather than taken from crates.io: no crate there reads both formats (subparse
//! reads SubRip but not WebVTT and brings an old parser stack; srtlib, srtparse, vtt and
//! webvtt-parser read one format each), and none finds speakers. Both formats are simple, and
//! a transcript wants leniency the strict parsers lack: files from real tools have missing
//! blank lines, blank lines inside cues, `.` or `,` before the milliseconds, and hours left
//! out. So: cues are found by their timing line (`00:00:01,000 --> 00:00:04,000`; hours
//! optional, `.` or `,`), a cue id is the line just before it, and everything that is not a
//! cue (the `WEBVTT` header, `NOTE`, `STYLE` and `REGION` blocks) is skipped.
//!
//! Speakers come from WebVTT voice tags (`<v Name>`, `<v.loud Name>`) and, at the start of a
//! subtitle line, from `Name:` (as [`speaker_label`] reads it), `[Name]` and `>> Name:`; a
//! dialogue dash (`- `) or a bare `>>` marks a new, unnamed speaker. Consecutive cues of one
//! speaker are merged into one turn; in a file without speakers, a pause of two seconds or
//! more starts a new paragraph instead. Styling (`<i>`, `<b>`, `<c.x>`, `<font>`), timestamps
//! inside cues (`<00:00:01.000>`) and positioning codes (`{\an8}`) are dropped; cue settings
//! and timings other than each turn's start are not kept.

use crate::io::speakers::{speaker_label, speaker_label_at};

/// Which subtitle format a file is in (by its extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubtitleKind {
    WebVtt,
    SubRip,
}

impl SubtitleKind {
    /// "WebVTT", "SubRip".
    pub fn name(self) -> &'static str {
        match self {
            SubtitleKind::WebVtt => "WebVTT",
            SubtitleKind::SubRip => "SubRip",
        }
    }

    fn example(self) -> &'static str {
        match self {
            SubtitleKind::WebVtt => "00:00:01.000 --> 00:00:04.000",
            SubtitleKind::SubRip => "00:00:01,000 --> 00:00:04,000",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubtitleError {
    #[error(
        "has no subtitle cues Axial can read (no timing lines such as {}); check that it is a {} file, or import it renamed as .txt",
        .0.example(),
        .0.name()
    )]
    NoCues(SubtitleKind),
    #[error("has subtitle cues but no text in them")]
    NoText,
}

/// A new paragraph starts after a pause this long, in a file without speakers.
const PAUSE_MS: u64 = 2_000;

/// The transcript of a subtitle file's text (already decoded, as [`crate::io::text::decode`]
/// gives it: `\n` line ends). It ends in one `\n`.
pub fn read_subtitles(text: &str, kind: SubtitleKind) -> Result<String, SubtitleError> {
    let cues = cues(text.strip_prefix('\u{FEFF}').unwrap_or(text), kind);
    if cues.is_empty() {
        return Err(SubtitleError::NoCues(kind));
    }
    let turns = turns(&cues);
    if turns.is_empty() {
        return Err(SubtitleError::NoText);
    }
    let mut out = String::new();
    for turn in &turns {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&stamp(turn.start));
        out.push(' ');
        if let Some(speaker) = &turn.speaker {
            out.push_str(speaker);
            out.push_str(": ");
        }
        out.push_str(&turn.text);
    }
    out.push('\n');
    Ok(out)
}

/// `[hh:mm:ss]`, seconds cut (not rounded) so a turn's stamp is never after its start.
fn stamp(ms: u64) -> String {
    let s = ms / 1000;
    format!("[{:02}:{:02}:{:02}]", s / 3600, s / 60 % 60, s % 60)
}

// --- cues --------------------------------------------------------------------------------

/// A cue: when it starts and ends (milliseconds) and its text lines, raw (tags and all).
#[derive(Debug, PartialEq, Eq)]
struct Cue<'a> {
    start: u64,
    end: u64,
    lines: Vec<&'a str>,
}

/// The cues of a file, in file order. Blocks are separated by blank lines. In a block, a line
/// with a timing starts a cue; the line just before it is the cue's id when it is the block's
/// first line or a number; the lines after it, up to the next cue, are its text. Lines outside
/// any cue: in SubRip, a block without a timing continues the cue before it (a blank line
/// inside a subtitle is a common slip); in WebVTT they are the header, a comment or junk.
fn cues(text: &str, kind: SubtitleKind) -> Vec<Cue<'_>> {
    let mut out: Vec<Cue> = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in text.split('\n').chain([""]) {
        if !line.trim().is_empty() {
            block.push(line.trim_end());
            continue;
        }
        let lines = std::mem::take(&mut block);
        let Some(first) = lines.first() else { continue };
        if ["NOTE", "STYLE", "REGION", "WEBVTT"].iter().any(|k| keyword(first, k))
            && !lines.iter().any(|l| timing(l).is_some())
        {
            continue;
        }
        let mut in_cue = kind == SubtitleKind::SubRip && !out.is_empty();
        for (i, line) in lines.iter().enumerate() {
            if let Some((start, end)) = timing(line) {
                out.push(Cue { start, end, lines: Vec::new() });
                in_cue = true;
                continue;
            }
            let next_is_timing = lines.get(i + 1).is_some_and(|l| timing(l).is_some());
            if next_is_timing && (i == 0 || line.trim().bytes().all(|b| b.is_ascii_digit())) {
                continue; // the next cue's id
            }
            let orphan_number = line.trim().bytes().all(|b| b.is_ascii_digit());
            if in_cue
                && !orphan_number
                && let Some(cue) = out.last_mut()
            {
                cue.lines.push(line);
            }
        }
    }
    out
}

/// Whether `line` is `word` alone or followed by white space (a WebVTT block keyword).
fn keyword(line: &str, word: &str) -> bool {
    line.strip_prefix(word).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The start and end of a timing line, `start --> end` (cue settings may follow the end).
fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((time(start.trim())?, time(end)?))
}

/// Milliseconds of `hh:mm:ss,mmm`, `hh:mm:ss.mmm`, `mm:ss.mmm` or those without the fraction
/// (hours of any length; minutes and seconds after the first part below 60). `None` for
/// anything else, never a panic or an overflow.
fn time(s: &str) -> Option<u64> {
    let (clock, fraction) = match s.find([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let number = |p: &str, max_len: usize| -> Option<u64> {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (number(h, 9)?, number(m, 2)?, number(s, 2)?),
        [m, s] => (0, number(m, 9)?, number(s, 2)?),
        _ => return None,
    };
    if sec >= 60 || (parts.len() == 3 && m >= 60) {
        return None;
    }
    let ms = match fraction.len() {
        0 => 0,
        1..=3 => number(fraction, 3)? * 10u64.pow(3 - fraction.len() as u32),
        _ => return None,
    };
    h.checked_mul(3600)?.checked_add(m.checked_mul(60)?)?.checked_add(sec)?.checked_mul(1000)?.checked_add(ms)
}

// --- speakers and turns ------------------------------------------------------------------

/// How a piece of a cue relates to the speaker before it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    /// A named speaker starts (or goes on) here.
    Named(String),
    /// Someone else, unnamed, speaks from here (a dialogue dash, a bare `>>`).
    Change,
    /// The same speaker goes on.
    Continue,
}

/// A cue's text split where speakers change, each piece cleaned to plain text.
fn utterances(lines: &[&str]) -> Vec<(Marker, String)> {
    let mut out: Vec<(Marker, String)> = Vec::new();
    for line in lines {
        for (i, (voice, raw)) in split_voices(line).into_iter().enumerate() {
            let text = clean(raw);
            let (marker, text) = match voice {
                Some(name) => (Marker::Named(name), text),
                None if i == 0 => opening(&text),
                None => (Marker::Continue, text),
            };
            if text.is_empty() {
                continue;
            }
            match (marker, out.last_mut()) {
                (Marker::Continue, Some((_, last))) => {
                    last.push(' ');
                    last.push_str(&text);
                }
                (marker, _) => out.push((marker, text)),
            }
        }
    }
    out
}

/// A line cut at its WebVTT voice tags: the text before the first (no voice), then each voice's
/// name and the text after its tag.
fn split_voices(line: &str) -> Vec<(Option<String>, &str)> {
    let mut out = Vec::new();
    let mut voice = None;
    let mut rest = line;
    loop {
        let next = rest.match_indices("<v").find(|&(i, _)| rest[i + 2..].starts_with([' ', '\t', '.']));
        let Some((at, _)) = next else { break };
        let Some(close) = rest[at..].find('>') else { break };
        out.push((voice.take(), &rest[..at]));
        // `<v.loud.first Name>`: classes up to the first white space, then the name.
        let inside = &rest[at + 2..at + close];
        let name = inside.split_once([' ', '\t']).map(|(_, n)| n).unwrap_or("");
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        voice = (!name.is_empty()).then(|| capitalised(&decode_entities(&name)));
        rest = &rest[at + close + 1..];
    }
    out.push((voice, rest));
    out
}

/// The name with its first letter in upper case, so it reads as a speaker label.
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Bracketed words that are sounds, not speakers (`[Music] …`), in lower case.
const SOUNDS: [&str; 24] = [
    "music",
    "applause",
    "laughter",
    "laughs",
    "laughing",
    "chuckles",
    "inaudible",
    "unintelligible",
    "indistinct",
    "crosstalk",
    "silence",
    "pause",
    "noise",
    "background noise",
    "sighs",
    "coughs",
    "cheering",
    "cheers",
    "music playing",
    "upbeat music",
    "foreign",
    "blank audio",
    "no audio",
    "sound",
];

/// The marker a subtitle line opens with, and the line without it.
fn opening(text: &str) -> (Marker, String) {
    let named_or = |rest: &str, otherwise: Marker| match speaker_label_at(rest) {
        Some((at, label)) => (Marker::Named(label.to_owned()), rest[at + label.len() + 1..].trim().to_owned()),
        None => (otherwise, rest.to_owned()),
    };
    if let Some(rest) = text.strip_prefix(">>") {
        return named_or(rest.trim_start_matches('>').trim(), Marker::Change);
    }
    if let Some(rest) = text.strip_prefix(['-', '–', '‐'])
        && rest.chars().next().is_some_and(|c| c == ' ' || c.is_alphabetic() || "\"“'¿¡".contains(c))
    {
        return named_or(rest.trim(), Marker::Change);
    }
    if let Some((name, rest)) = text.strip_prefix('[').and_then(|r| r.split_once(']')) {
        let rest = rest.trim_start_matches(':').trim();
        let is_name = speaker_label(&format!("{name}:")) == Some(name);
        if is_name && !rest.is_empty() && !SOUNDS.contains(&name.to_lowercase().as_str()) {
            return (Marker::Named(name.to_owned()), rest.to_owned());
        }
    }
    named_or(text, Marker::Continue)
}

/// Plain text of a piece of a cue: tags (`<i>`, `</v>`, `<c.x>`, `<00:00:01.000>`, `<font …>`)
/// and `{\…}` codes dropped, entities decoded, white space collapsed to single spaces.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(close) = rest.find('>')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/')
            && !rest[1..close].contains('<')
        {
            rest = &rest[close + 1..];
            continue;
        }
        if rest.starts_with("{\\")
            && let Some(close) = rest.find('}')
        {
            rest = &rest[close + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    decode_entities(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&lrm;`, `&rlm;` and numeric
/// references decoded; anything else left as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "lrm" => Some('\u{200E}'),
            "rlm" => Some('\u{200F}'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32).filter(|c| !c.is_control())
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A turn of the transcript: when it starts, who speaks (if known), what is said.
#[derive(Debug, PartialEq, Eq)]
struct Turn {
    start: u64,
    speaker: Option<String>,
    text: String,
}

/// Cues merged into turns: a named speaker goes on in the same turn until another speaks; a
/// dash or `>>` starts a new, unnamed turn; unmarked text goes on the turn before it, except in
/// a file without named speakers after a pause of [`PAUSE_MS`] or more.
fn turns(cues: &[Cue]) -> Vec<Turn> {
    let pieces: Vec<Vec<(Marker, String)>> = cues.iter().map(|c| utterances(&c.lines)).collect();
    let named = pieces.iter().flatten().any(|(m, _)| matches!(m, Marker::Named(_)));
    let mut out: Vec<Turn> = Vec::new();
    let mut last_end: Option<u64> = None;
    for (cue, utterances) in cues.iter().zip(pieces) {
        let (start, end) = (cue.start, cue.end);
        for (i, (marker, text)) in utterances.into_iter().enumerate() {
            let paused = !named && i == 0 && last_end.is_some_and(|e| start.saturating_sub(e) >= PAUSE_MS);
            let new_turn = match (&marker, out.last()) {
                (_, None) => true,
                (Marker::Named(name), Some(last)) => last.speaker.as_ref() != Some(name),
                (Marker::Change, _) => true,
                (Marker::Continue, Some(_)) => paused,
            };
            if new_turn {
                let speaker = if let Marker::Named(name) = marker { Some(name) } else { None };
                out.push(Turn { start, speaker, text });
            } else if let Some(last) = out.last_mut() {
                last.text.push(' ');
                last.text.push_str(&text);
            }
        }
        last_end = Some(last_end.map_or(end, |e| e.max(end)).max(start));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use SubtitleKind::{SubRip, WebVtt};

    #[test]
    fn webvtt_with_voices_header_notes_and_styles() {
        let vtt = "\u{FEFF}WEBVTT - Interview 4\nKind: captions\nLanguage: en\n\n\
            STYLE\n::cue { color: yellow }\n\n\
            NOTE recorded on Zoom\nsecond note line\n\n\
            1\n00:00:01.000 --> 00:00:03.500 align:start position:10%\n<v Interviewer>How did it <i>start</i>?</v>\n\n\
            00:00:04.000 --> 00:00:06.000\n<v.loud Ana Lima>With a call &amp; a <c.yellow>meeting</c>.</v>\n\n\
            00:00:06.100 --> 00:00:09.000\n<v Ana Lima>Then <00:00:07.000>weekly\nmeetings.\n\n\
            intro\n01:02:03.040 --> 01:02:05.000\n<v Interviewer>Thanks.</v>\n";
        assert_eq!(
            read_subtitles(vtt, WebVtt).unwrap(),
            "[00:00:01] Interviewer: How did it start?\n\n\
             [00:00:04] Ana Lima: With a call & a meeting. Then weekly meetings.\n\n\
             [01:02:03] Interviewer: Thanks.\n"
        );
    }

    #[test]
    fn subrip_with_name_colons_brackets_and_dashes() {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nInterviewer: Where do\r\nyou work?\r\n\r\n\
            2\n00:00:03,000 --> 00:00:05,000\nP01: At the branch.\n\n\
            3\n00:00:05,000 --> 00:00:06,000\n{\\an8}<font color=\"#ffff00\">For ten years.</font>\n\n\
            4\n00:00:07,000 --> 00:00:08,000\n[Interviewer] And before?\n\n\
            5\n00:00:08,500 --> 00:00:09,000\n[Laughs] Before that,\n\n\
            6\n00:00:09,000 --> 00:00:10,000\n>> P01: a bank.\n";
        let srt = crate::io::text::normalise_line_ends(srt);
        assert_eq!(
            read_subtitles(&srt, SubRip).unwrap(),
            "[00:00:01] Interviewer: Where do you work?\n\n\
             [00:00:03] P01: At the branch. For ten years.\n\n\
             [00:00:07] Interviewer: And before? [Laughs] Before that,\n\n\
             [00:00:09] P01: a bank.\n"
        );
        let dashes =
            "1\n00:00:01,000 --> 00:00:03,000\n- Are you coming?\n-Yes.\n\n2\n00:00:03,000 --> 00:00:04,000\n>> Now?\n";
        assert_eq!(
            read_subtitles(dashes, SubRip).unwrap(),
            "[00:00:01] Are you coming?\n\n[00:00:01] Yes.\n\n[00:00:03] Now?\n"
        );
    }

    #[test]
    fn without_speakers_a_pause_starts_a_paragraph() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nFirst words\n\n2\n00:00:02,500 --> 00:00:03,000\nand more.\n\n\
                   3\n00:00:05,000 --> 00:00:06,000\nAfter a pause.\n";
        assert_eq!(
            read_subtitles(srt, SubRip).unwrap(),
            "[00:00:01] First words and more.\n\n[00:00:05] After a pause.\n"
        );
        // With speakers, a pause does not split a turn.
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nA: one\n\n00:09.000 --> 00:10.000\ntwo\n";
        assert_eq!(read_subtitles(vtt, WebVtt).unwrap(), "[00:00:01] A: one two\n");
    }

    #[test]
    fn sloppy_subrip_still_reads() {
        // No blank line before cue 2, a blank line inside cue 2, "." before milliseconds.
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello\n2\n00:00:02.000 --> 00:00:03.000\nthere,\n\nfriend.\n";
        assert_eq!(read_subtitles(srt, SubRip).unwrap(), "[00:00:01] Hello there, friend.\n");
        // The same blank line in WebVTT ends the cue; what follows is not a cue's.
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthere,\n\nstray line\n";
        assert_eq!(read_subtitles(vtt, WebVtt).unwrap(), "[00:00:01] there,\n");
    }

    #[test]
    fn times_parse_without_panics() {
        assert_eq!(time("00:01:23,456"), Some(83_456));
        assert_eq!(time("01:23.5"), Some(83_500));
        assert_eq!(time("1:00:00"), Some(3_600_000));
        assert_eq!(time("120:00.000"), Some(7_200_000));
        for bad in
            ["", ":", "00:60.000", "00:61:00,000", "1:2:3:4", "a:b", "00:00:01,0000", "99999999999:00:00", "-1:00"]
        {
            assert_eq!(time(bad), None, "{bad}");
        }
        assert_eq!(time("999999999:59:59,999"), Some(999_999_999 * 3_600_000 + 3_599_999));
        assert_eq!(timing("00:00:01.000-->00:00:02.000 line:0"), Some((1000, 2000)));
        assert_eq!(timing("-->"), None);
        assert_eq!(stamp(999_999_999 * 3_600_000), "[999999999:00:00]");
    }

    #[test]
    fn files_without_cues_or_text_are_refused() {
        assert_eq!(read_subtitles("just some text\nno cues", SubRip), Err(SubtitleError::NoCues(SubRip)));
        assert_eq!(read_subtitles("WEBVTT\n\nNOTE only\n", WebVtt), Err(SubtitleError::NoCues(WebVtt)));
        assert_eq!(read_subtitles("", WebVtt), Err(SubtitleError::NoCues(WebVtt)));
        assert_eq!(
            SubtitleError::NoCues(SubRip).to_string(),
            "has no subtitle cues Axial can read (no timing lines such as 00:00:01,000 --> 00:00:04,000); check that it is a SubRip file, or import it renamed as .txt"
        );
        let empty = "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:02,000 --> 00:00:03,000\n";
        assert_eq!(read_subtitles(empty, SubRip), Err(SubtitleError::NoText));
    }

    #[test]
    fn cleaning_keeps_text_that_only_looks_like_tags() {
        assert_eq!(clean("a < b and c > d"), "a < b and c > d");
        assert_eq!(clean("<b>bold</b>  &lt;3 &#233;&#xE9; &bogus; & done"), "bold <3 éé &bogus; & done");
        assert_eq!(clean("{\\an8}top"), "top");
        assert_eq!(split_voices("<v.a.b  >x"), vec![(None, ""), (None, "x")]);
        assert_eq!(
            split_voices("<v lee>hi <v Kim Ode>yo"),
            vec![(None, ""), (Some("Lee".into()), "hi "), (Some("Kim Ode".into()), "yo")]
        );
        assert_eq!(opening("[Music]").0, Marker::Continue);
        assert_eq!(opening("[Music] and then").0, Marker::Continue);
        assert_eq!(opening("-5 degrees").0, Marker::Continue);
        assert_eq!(opening("– Anna: hi"), (Marker::Named("Anna".into()), "hi".into()));
    }
}
