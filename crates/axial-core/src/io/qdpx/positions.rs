//! How a QDPX file counts positions in a text. The standard says Unicode code points from 0;
//! tools in use count UTF-16 code units (so a character outside the Basic Multilingual Plane,
//! an emoji, counts twice), count CRLF as one character or two, and count a byte-order mark or
//! not. The readings are tried against the selections whose name quotes their text, and the
//! one that matches most is used; the import says which.

use crate::io::text::{CharIndex, normalise_line_ends};

/// One way of counting positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionReading {
    pub utf16: bool,
    pub crlf_as_one: bool,
    pub bom_counted: bool,
}

impl PositionReading {
    /// The standard's own reading first: ties go to the earlier one.
    pub const ALL: [PositionReading; 8] = [
        Self::new(false, false, false),
        Self::new(false, true, false),
        Self::new(true, false, false),
        Self::new(true, true, false),
        Self::new(false, false, true),
        Self::new(false, true, true),
        Self::new(true, false, true),
        Self::new(true, true, true),
    ];

    const fn new(utf16: bool, crlf_as_one: bool, bom_counted: bool) -> PositionReading {
        PositionReading { utf16, crlf_as_one, bom_counted }
    }

    /// "Unicode code points, CRLF as two characters, a byte-order mark not counted".
    pub fn describe(self) -> String {
        format!(
            "{}, CRLF as {}, a byte-order mark {}",
            if self.utf16 { "UTF-16 code units" } else { "Unicode code points" },
            if self.crlf_as_one { "one character" } else { "two characters" },
            if self.bom_counted { "counted" } else { "not counted" }
        )
    }
}

/// A source's text as the file holds it, and as Axial keeps it (line ends as `\n`, no BOM).
pub struct SourceText {
    raw: String,
    had_bom: bool,
    pub text: String,
}

impl SourceText {
    pub fn new(raw: &str) -> SourceText {
        let (raw, had_bom) = match raw.strip_prefix('\u{FEFF}') {
            Some(rest) => (rest.to_owned(), true),
            None => (raw.to_owned(), false),
        };
        let text = normalise_line_ends(&raw);
        SourceText { raw, had_bom, text }
    }

    /// Whether `reading` can count this text differently from the standard's reading.
    fn differs(&self, reading: PositionReading) -> bool {
        (reading.utf16 && self.raw.chars().any(|c| c.len_utf16() == 2))
            || (reading.crlf_as_one && self.raw.contains("\r\n"))
            || (reading.bom_counted && self.had_bom)
    }

    /// The character offset in [`SourceText::text`] of each of `positions` counted under
    /// `reading`, or None for one past the end. One walk over the text, whatever the number of
    /// positions (a position inside a character, such as between CR and LF, is that character's).
    pub fn convert(&self, reading: PositionReading, positions: &[u64]) -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_unstable_by_key(|&i| positions[i]);
        let mut walk =
            Walk { positions, order: order.into_iter().peekable(), out: vec![None; positions.len()], unit: 0, n: 0 };
        if reading.bom_counted && self.had_bom {
            walk.step(1, 0);
        }
        let mut chars = self.raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    walk.step(if reading.crlf_as_one { 1 } else { 2 }, 1);
                }
                // A form feed is a paragraph break in Axial's text (two line ends).
                '\x0c' => walk.step(1, 2),
                c => walk.step(if reading.utf16 { c.len_utf16() as u64 } else { 1 }, 1),
            }
        }
        // The end of the text is a position too.
        walk.step(1, 0);
        walk.out
    }
}

/// A walk over a text's positions in order, answering the sorted positions it passes.
struct Walk<'a> {
    positions: &'a [u64],
    order: std::iter::Peekable<std::vec::IntoIter<usize>>,
    out: Vec<Option<usize>>,
    unit: u64,
    n: usize,
}

impl Walk<'_> {
    /// One character that takes `units` positions and `chars` characters of Axial's text.
    fn step(&mut self, units: u64, chars: usize) {
        while let Some(&i) = self.order.peek() {
            if self.positions[i] >= self.unit + units {
                break;
            }
            self.out[i] = Some(self.n);
            self.order.next();
        }
        self.unit += units;
        self.n += chars;
    }
}

/// A selection to place: its positions as the file gives them and its name (often the quote).
pub struct Selection<'a> {
    pub source: usize,
    pub start: u64,
    pub end: u64,
    pub name: Option<&'a str>,
}

/// The reading chosen for a whole file, and how well it fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Positions {
    pub reading: PositionReading,
    /// Selections whose name quotes their text, and of those how many match under the reading.
    pub quoted: usize,
    pub matched: usize,
}

impl Positions {
    /// One sentence for the user: which reading was used and why.
    pub fn sentence(&self) -> String {
        if self.quoted == 0 {
            format!(
                "positions were read as {} (the standard's reading: no selection quotes its text to check against)",
                self.reading.describe()
            )
        } else {
            format!(
                "positions were read as {} ({} of {} selections that quote their text match it)",
                self.reading.describe(),
                self.matched,
                self.quoted
            )
        }
    }
}

/// Picks the reading under which the most quoting selections match their text; among readings
/// that place every selection inside its text when one does.
pub fn choose(sources: &[SourceText], selections: &[Selection]) -> Positions {
    let indexes: Vec<CharIndex> = sources.iter().map(|s| CharIndex::new(&s.text)).collect();
    let mut best: Option<(bool, usize, Positions)> = None;
    for reading in PositionReading::ALL {
        // A reading that changes nothing in any text is the standard's, already tried.
        if reading != PositionReading::ALL[0] && !sources.iter().any(|s| s.differs(reading)) {
            continue;
        }
        let placed = place_all(sources, selections, reading);
        let (mut inside, mut quoted, mut matched) = (true, 0, 0);
        for (s, at) in selections.iter().zip(&placed) {
            let Some((a, b)) = *at else {
                inside = false;
                continue;
            };
            if let Some(name) = s.name.filter(|n| !n.trim().is_empty()) {
                quoted += 1;
                if a <= b && quotes(name, indexes[s.source].slice(a, b)) {
                    matched += 1;
                }
            }
        }
        let candidate = Positions { reading, quoted, matched };
        let better = match &best {
            None => true,
            Some((best_inside, best_matched, _)) => (inside, matched) > (*best_inside, *best_matched),
        };
        if better {
            best = Some((inside, matched, candidate));
        }
    }
    best.map(|(_, _, p)| p).expect("the standard's reading is always tried")
}

/// Every selection's character offsets under `reading` (None: past the end of its text).
pub fn place_all(
    sources: &[SourceText],
    selections: &[Selection],
    reading: PositionReading,
) -> Vec<Option<(usize, usize)>> {
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (i, s) in selections.iter().enumerate() {
        by_source[s.source].push(i);
    }
    let mut out = vec![None; selections.len()];
    for (source, members) in by_source.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let positions: Vec<u64> = members.iter().flat_map(|&i| [selections[i].start, selections[i].end]).collect();
        let offsets = sources[source].convert(reading, &positions);
        for (k, &i) in members.iter().enumerate() {
            out[i] = offsets[2 * k].zip(offsets[2 * k + 1]);
        }
    }
    out
}

/// Whether a selection's name quotes `text`: the same characters with each run of spaces and
/// line ends as one space, or, for a name cut short ("…" or "..." at its end), a beginning of
/// them.
fn quotes(name: &str, text: &str) -> bool {
    let squash = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let (name, text) = (squash(name), squash(text));
    if name == text {
        return true;
    }
    let cut = name.strip_suffix('…').or_else(|| name.strip_suffix("...")).map(str::trim_end);
    cut.is_some_and(|cut| cut.chars().count() >= 8 && text.starts_with(cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, quote: &str, reading: PositionReading) -> (u64, u64) {
        // Positions as a tool counting under `reading` would give them for `quote` in `text`.
        let byte = text.find(quote).unwrap();
        let count = |s: &str| -> u64 {
            let (s, bom) = match s.strip_prefix('\u{FEFF}') {
                Some(rest) => (rest, true),
                None => (s, false),
            };
            let mut n = if reading.bom_counted && bom { 1 } else { 0 };
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\r' && chars.peek() == Some(&'\n') && reading.crlf_as_one {
                    continue;
                }
                n += if reading.utf16 { c.len_utf16() as u64 } else { 1 };
            }
            n
        };
        let start = count(&text[..byte]);
        (start, start + count(quote))
    }

    #[test]
    fn each_reading_is_recognised_from_quoting_selections() {
        let raw = "\u{FEFF}Interviewer: Hello 😀 there.\r\nNurse: We hand over at 7.\r\nInterviewer: 𝒜nd then?\r\nNurse: Then we go home.\r\n";
        let source = SourceText::new(raw);
        for reading in PositionReading::ALL {
            let quotes = ["We hand over at 7.", "Then we go home."];
            let positions: Vec<(u64, u64)> = quotes.iter().map(|q| find(raw, q, reading)).collect();
            let selections: Vec<Selection> = positions
                .iter()
                .zip(quotes)
                .map(|(&(start, end), q)| Selection { source: 0, start, end, name: Some(q) })
                .collect();
            let chosen = choose(std::slice::from_ref(&source), &selections);
            // Readings that place every quote the same are the same for this file.
            assert_eq!((chosen.quoted, chosen.matched), (2, 2), "{}", reading.describe());
            let placed = place_all(std::slice::from_ref(&source), &selections, chosen.reading);
            for (at, quote) in placed.iter().zip(quotes) {
                let (a, b) = at.unwrap();
                assert_eq!(CharIndex::new(&source.text).slice(a, b), quote, "{}", reading.describe());
            }
        }
    }

    #[test]
    fn names_cut_short_or_spaced_differently_still_quote() {
        assert!(quotes("We hand\r\nover", "We hand\nover"));
        assert!(quotes("We hand over at seven o'clock…", "We hand over at seven o'clock and go"));
        assert!(!quotes("Then we go home.", " Then we go home"), "a position one off is not a match");
        assert!(!quotes("ab…", "abc"), "too short to tell");
    }

    #[test]
    fn without_quotes_the_standard_reading_is_used_and_said() {
        let source = SourceText::new("plain text\r\nmore");
        let chosen = choose(std::slice::from_ref(&source), &[Selection { source: 0, start: 0, end: 5, name: None }]);
        assert_eq!(chosen.reading, PositionReading::ALL[0]);
        assert!(chosen.sentence().contains("the standard's reading"), "{}", chosen.sentence());
    }

    #[test]
    fn a_reading_that_keeps_every_selection_inside_wins_over_one_that_does_not() {
        // 12 code points with CRLF as two; the selection ends at 12, past the end if CRLF is one.
        let source = SourceText::new("ab\r\ncd\r\nefgh");
        let selection = Selection { source: 0, start: 8, end: 12, name: Some("x") };
        let chosen = choose(std::slice::from_ref(&source), &[selection]);
        assert!(!chosen.reading.crlf_as_one);
    }
}
