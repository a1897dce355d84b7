//! Text measured with the embedded font's real glyph advances (Ubuntu Light, the font the PNG
//! and PDF are set in), and names wrapped to a width with that measure. The font's `cmap`
//! (format 4) and `hmtx` tables are read here directly: ttf-parser is in the build but not
//! reachable through usvg's or fontdb's re-exports, and these two tables are all a width needs.
//! Kerning is left out; the slack the layout leaves ([`SLACK`]) covers it and a browser's other
//! sans-serif.

use std::sync::OnceLock;

/// Text is wrapped as if this many times wider than measured: room for a browser that sets the
/// SVG in another sans-serif. Arial's metrics (Liberation Sans) run 0.97–1.03 times Ubuntu
/// Light's on the samples' names; DejaVu Sans, the widest common fallback, 1.12–1.16, which
/// still ends inside the card (in its text inset).
pub const SLACK: f32 = 1.1;

/// Every glyph's advance width, and the map from characters to glyphs.
struct Metrics {
    /// Per glyph, in font units.
    advances: Vec<u16>,
    units_per_em: f32,
    /// The `cmap` format 4 segments, by end character.
    segments: Vec<Segment>,
    data: &'static [u8],
}

#[derive(Clone, Copy)]
struct Segment {
    start: u32,
    end: u32,
    delta: u16,
    /// Where this segment's idRangeOffset sits in the font, and its value (0: use `delta`).
    offset_at: usize,
    offset: u16,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl Metrics {
    fn parse(data: &'static [u8]) -> Option<Metrics> {
        let tables = u16_at(data, 4)? as usize;
        let table = |tag: &[u8; 4]| {
            (0..tables).map(|i| 12 + 16 * i).find(|at| data.get(*at..*at + 4) == Some(tag)).and_then(|at| {
                let offset = u32_at(data, at + 8)? as usize;
                Some(offset)
            })
        };
        let units_per_em = f32::from(u16_at(data, table(b"head")? + 18)?);
        let metrics = u16_at(data, table(b"hhea")? + 34)? as usize;
        let glyphs = u16_at(data, table(b"maxp")? + 4)? as usize;
        let hmtx = table(b"hmtx")?;
        let mut advances: Vec<u16> = (0..metrics).map(|i| u16_at(data, hmtx + 4 * i)).collect::<Option<_>>()?;
        let last = *advances.last()?;
        advances.resize(glyphs.max(metrics), last);
        let segments = Self::cmap(data, table(b"cmap")?)?;
        Some(Metrics { advances, units_per_em, segments, data })
    }

    /// The Windows Unicode BMP subtable (format 4), as segments.
    fn cmap(data: &[u8], cmap: usize) -> Option<Vec<Segment>> {
        let subtables = u16_at(data, cmap + 2)? as usize;
        let sub = (0..subtables).map(|i| cmap + 4 + 8 * i).find_map(|at| {
            let (platform, encoding) = (u16_at(data, at)?, u16_at(data, at + 2)?);
            let offset = cmap + u32_at(data, at + 4)? as usize;
            let unicode = platform == 0 || (platform == 3 && encoding == 1);
            (unicode && u16_at(data, offset)? == 4).then_some(offset)
        })?;
        let count = u16_at(data, sub + 6)? as usize / 2;
        let ends = sub + 14;
        let starts = ends + 2 * count + 2;
        let deltas = starts + 2 * count;
        let offsets = deltas + 2 * count;
        (0..count)
            .map(|i| {
                Some(Segment {
                    end: u32::from(u16_at(data, ends + 2 * i)?),
                    start: u32::from(u16_at(data, starts + 2 * i)?),
                    delta: u16_at(data, deltas + 2 * i)?,
                    offset_at: offsets + 2 * i,
                    offset: u16_at(data, offsets + 2 * i)?,
                })
            })
            .collect()
    }

    fn glyph(&self, c: char) -> u16 {
        let c = c as u32;
        let i = self.segments.partition_point(|s| s.end < c);
        let Some(s) = self.segments.get(i).filter(|s| s.start <= c) else { return 0 };
        if s.offset == 0 {
            return (c as u16).wrapping_add(s.delta);
        }
        let at = s.offset_at + s.offset as usize + 2 * (c - s.start) as usize;
        match u16_at(self.data, at) {
            Some(0) | None => 0,
            Some(g) => g.wrapping_add(s.delta),
        }
    }

    fn advance(&self, c: char) -> f32 {
        let glyph = self.glyph(c) as usize;
        f32::from(self.advances.get(glyph).copied().unwrap_or(0)) / self.units_per_em
    }
}

fn metrics() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Metrics::parse(epaint_default_fonts::UBUNTU_LIGHT)).as_ref()
}

/// The width of `text` set at `size` (without slack).
pub fn width(text: &str, size: f32) -> f32 {
    match metrics() {
        Some(m) => text.chars().map(|c| m.advance(c)).sum::<f32>() * size,
        // The embedded font always parses (a test checks it); were it not to, a wide guess.
        None => text.chars().count() as f32 * 0.6 * size,
    }
}

/// A line of wrapped text.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    /// It goes on with the previous line's word (a word too wide for a line was broken).
    pub joined: bool,
    /// Its baseline, once placed.
    pub y: f32,
}

/// `text` broken at spaces into lines no wider than `room` (with [`SLACK`]) at `size`. A word
/// wider than a whole line is broken between characters. Runs of whitespace become one space.
pub fn wrap(text: &str, size: f32, room: f32) -> Vec<Line> {
    let room = room / SLACK;
    let space = width(" ", size);
    let mut lines: Vec<Line> = Vec::new();
    let mut line = Line { text: String::new(), joined: false, y: 0.0 };
    let mut line_width = 0.0;
    let mut next = |line: &mut Line, joined: bool| {
        let done = std::mem::replace(line, Line { text: String::new(), joined, y: 0.0 });
        lines.push(done);
    };
    for word in text.split_whitespace() {
        let w = width(word, size);
        if !line.text.is_empty() && line_width + space + w <= room {
            line.text.push(' ');
            line.text.push_str(word);
            line_width += space + w;
            continue;
        }
        if !line.text.is_empty() {
            next(&mut line, false);
        }
        line_width = 0.0;
        for c in word.chars() {
            let cw = width(c.encode_utf8(&mut [0; 4]), size);
            if !line.text.is_empty() && line_width + cw > room {
                next(&mut line, true);
                line_width = 0.0;
            }
            line.text.push(c);
            line_width += cw;
        }
    }
    if !line.text.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The text of wrapped `lines` again (runs of whitespace as one space).
#[cfg(test)]
pub fn unwrap(lines: &[Line]) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && !l.joined {
            out.push(' ');
        }
        out.push_str(&l.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_parses_and_measures_like_ubuntu_light() {
        assert!(metrics().is_some());
        // Ubuntu Light: space 0.224 em, "m" 0.806 em; the digits share one advance.
        assert!((width(" ", 1000.0) - 224.0).abs() < 30.0, "{}", width(" ", 1000.0));
        assert!(width("m", 10.0) > width("i", 10.0) * 2.0);
        assert_eq!(width("0", 10.0), width("8", 10.0));
        assert!(width("é", 10.0) > 0.0 && width("ß", 10.0) > 0.0, "Latin-1 is mapped");
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_room() {
        let name = "Implementation of international standards in customer orientation";
        let lines = wrap(name, 8.0, 64.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| !l.joined), "no word is broken: {lines:?}");
        assert_eq!(unwrap(&lines), name);
        for line in &lines {
            assert!(width(&line.text, 8.0) * SLACK <= 64.0 + 1e-3, "{line:?}");
        }
        let long = "Kundenbeziehungsmanagementsystemeinführungsprojekt and more";
        let lines = wrap(long, 8.0, 40.0);
        assert!(lines.len() > 2 && lines[1].joined && !lines.last().unwrap().joined, "{lines:?}");
        assert_eq!(unwrap(&lines), long, "a too-long word is broken, nothing is lost");
        let text = |l: Vec<Line>| l.into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(text(wrap("  a   b ", 8.0, 100.0)), ["a b"]);
        assert_eq!(text(wrap("", 8.0, 100.0)), [""]);
    }
}
