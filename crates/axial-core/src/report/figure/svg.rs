//! The figure written as SVG: a physical size (160 mm wide, one unit a printer's point), greys
//! and one accent, and distinctions that survive black-and-white printing: the paradigm's flow
//! as broad light-grey arrows, relations as thin dark lines with small heads, the core category
//! with a thick border, a bold name and the words "core category". Each card is a
//! `<g class="card" data-category="…">` whose name's lines are `<tspan>`s, so the full name
//! stays findable in the file.

use super::font::Line;
use super::label::{HEAD, Label};
use super::layout::*;
use super::{Edge, Figure, Point, figure};
use crate::model::Project;
use quick_xml::escape::escape;
use std::fmt::{self, Write};

/// Ubuntu (the embedded font, what PNG and PDF use), then the sans-serifs a browser likely has.
const FONTS: &str = "Ubuntu, 'Helvetica Neue', Helvetica, Arial, sans-serif";
/// The accent: relations and the core category. Dark enough to read as near-black in grey.
pub const ACCENT: &str = "#1d4f91";
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555b63";
const BOX_FILL: &str = "#f1f3f5";
const BAND_FILL: &str = "#dde1e6";
const BOX_LINE: &str = "#8a939c";
const FLOW_FILL: &str = "#c3c8ce";
/// The stroke that sets a name in bold the same way in every renderer (the embedded font has
/// no bold face, and a browser's bold would be wider than the text was measured for).
const BOLD: &str = r#"stroke-width="0.3" stroke-linejoin="round""#;

/// A number with at most two decimals.
pub(super) struct N(pub f32);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = format!("{:.2}", self.0);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" { "0" } else { s })
    }
}

/// The paradigm figure of `project` as a standalone SVG document.
pub fn svg(project: &Project) -> String {
    write(project, &figure(project))
}

pub(super) fn write(project: &Project, fig: &Figure) -> String {
    let l = &fig.layout;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}mm" height="{}mm" viewBox="0 0 {} {}" font-family="{FONTS}" font-weight="300">"#,
        N(WIDTH_MM),
        N(fig.height / PT_PER_MM),
        N(l.width),
        N(fig.height)
    );
    let _ = writeln!(out, "<title>Paradigm model: {}</title>", escape(project.name()));
    let _ = writeln!(out, r#"<rect width="{}" height="{}" fill="white"/>"#, N(l.width), N(fig.height));
    for b in &l.boxes {
        class_box(&mut out, b);
    }
    for f in &l.flows {
        flow(&mut out, f);
    }
    for c in &l.cards {
        card(&mut out, c);
    }
    for e in &fig.edges {
        let name = |id| project.category(id).map_or("", |c| c.name.as_str());
        edge(&mut out, e, name(e.from), name(e.to));
    }
    for label in &fig.labels {
        plate(&mut out, label);
    }
    if !fig.notes.is_empty() {
        let _ = write!(out, r#"<text class="notes" font-size="{SMALL_SIZE}" fill="{INK}">"#);
        tspans(&mut out, &fig.notes, MARGIN);
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn class_box(out: &mut String, b: &ClassBox) {
    let (r, band) = (b.rect, b.band);
    let _ = write!(
        out,
        r#"<g class="class-box" data-class="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{BOX_FILL}" stroke="{BOX_LINE}" stroke-width="0.6"/>"#,
        b.class.key(),
        N(r.x),
        N(r.y),
        N(r.w),
        N(r.h)
    );
    let _ = write!(
        out,
        r#"<rect class="title" x="{}" y="{}" width="{}" height="{}" fill="{BAND_FILL}" stroke="{BOX_LINE}" stroke-width="0.6"/>"#,
        N(band.x),
        N(band.y),
        N(band.w),
        N(band.h)
    );
    let _ = write!(out, r#"<text font-size="{TITLE_SIZE}" text-anchor="middle" fill="{INK}" stroke="{INK}" {BOLD}>"#);
    tspans(out, &b.title, band.x + band.w / 2.0);
    out.push_str("</text>");
    if let Some(p) = b.placeholder {
        let _ = write!(
            out,
            r#"<text class="empty" x="{}" y="{}" font-size="{SMALL_SIZE}" text-anchor="middle" fill="{MUTED}">(no category yet)</text>"#,
            N(p.x + p.w / 2.0),
            N(p.y + SMALL_SIZE)
        );
    }
    out.push_str("</g>\n");
}

/// A broad grey arrow along `points`, its head at the last point.
fn flow(out: &mut String, f: &Flow) {
    let points = &f.points[..];
    let [.., a, b] = points else { return };
    let (dx, dy) = unit(*a, *b);
    let head = 7.0;
    let half = 5.5;
    let base = Point(b.0 - dx * head, b.1 - dy * head);
    let mut d = format!("M{},{}", N(points[0].0), N(points[0].1));
    for p in &points[1..points.len() - 1] {
        let _ = write!(d, " L{},{}", N(p.0), N(p.1));
    }
    let _ = write!(d, " L{},{}", N(base.0), N(base.1));
    let _ = writeln!(
        out,
        r#"<g class="flow" data-from="{}" data-to="{}"><path d="{d}" fill="none" stroke="{FLOW_FILL}" stroke-width="5"/><path d="M{},{} L{},{} L{},{} Z" fill="{FLOW_FILL}"/></g>"#,
        f.from.key(),
        f.to.key(),
        N(b.0),
        N(b.1),
        N(base.0 - dy * half),
        N(base.1 + dx * half),
        N(base.0 + dy * half),
        N(base.1 - dx * half)
    );
}

fn unit(a: Point, b: Point) -> (f32, f32) {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt().max(f32::EPSILON);
    ((b.0 - a.0) / len, (b.1 - a.1) / len)
}

fn card(out: &mut String, c: &Card) {
    let r = c.rect;
    let (stroke, width, fill) = if c.core { (ACCENT, "1.8", "#eef3fa") } else { (MUTED, "0.6", "white") };
    let _ = write!(
        out,
        r#"<g class="card" data-category="{}"{}><rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>"#,
        escape(c.name.as_str()),
        if c.core { r#" data-core="true""# } else { "" },
        N(r.x),
        N(r.y),
        N(r.w),
        N(r.h)
    );
    let x = N(r.x + TEXT_INSET);
    if let Some(y) = c.tag {
        let _ = write!(
            out,
            r#"<text class="tag" x="{x}" y="{}" font-size="{SMALL_SIZE}" fill="{ACCENT}" stroke="{ACCENT}" {BOLD}>core category</text>"#,
            N(y)
        );
    }
    let bold = if c.core { format!(r#" stroke="{INK}" {BOLD}"#) } else { String::new() };
    let _ = write!(out, r#"<text class="name" font-size="{NAME_SIZE}" fill="{INK}"{bold}>"#);
    tspans(out, &c.lines, r.x + TEXT_INSET);
    let _ = write!(out, r#"</text><text class="counts" font-size="{SMALL_SIZE}" fill="{MUTED}">"#);
    tspans(out, &c.meta, r.x + TEXT_INSET);
    out.push_str("</text></g>\n");
}

/// Wrapped lines as `<tspan>`s starting at `x`; a line that goes on with the previous line's
/// word is marked `class="joined"`.
fn tspans(out: &mut String, lines: &[Line], x: f32) {
    for l in lines {
        let joined = if l.joined { r#" class="joined""# } else { "" };
        // A right-to-left name is isolated as such (RLI … PDI), so an English word inside it
        // stays on its left, as in the window; the line still starts at `x`.
        let text = if crate::bidi::base_is_rtl(&l.text) {
            format!("\u{2067}{}\u{2069}", escape(l.text.as_str()))
        } else {
            escape(l.text.as_str()).into_owned()
        };
        let _ = write!(out, r#"<tspan x="{}" y="{}"{joined}>{text}</tspan>"#, N(x), N(l.y));
    }
}

/// A relation from the category named `from` to the one named `to`.
fn edge(out: &mut String, e: &Edge, from: &str, to: &str) {
    let [.., a, b] = e.points[..] else { return };
    let (dx, dy) = unit(a, b);
    let base = Point(b.0 - dx * HEAD, b.1 - dy * HEAD);
    let mut d = String::new();
    for (i, p) in e.points[..e.points.len() - 1].iter().enumerate() {
        let _ = write!(d, "{}{},{} ", if i == 0 { "M" } else { "L" }, N(p.0), N(p.1));
    }
    let _ = write!(d, "L{},{}", N(base.0), N(base.1));
    let half = 2.2;
    // A relation nothing in the data is coded with both ends of: dashed (see the notes).
    let (grounded, dash) = if e.grounded { ("yes", "") } else { ("no", r#" stroke-dasharray="2.5,1.8""#) };
    let _ = writeln!(
        out,
        r#"<g class="relation" data-grounded="{grounded}" data-kind="{}" data-from="{}" data-to="{}"><path class="route" d="{d}" fill="none" stroke="{ACCENT}" stroke-width="0.75" stroke-linejoin="round"{dash}/><path class="head" d="M{},{} L{},{} L{},{} Z" fill="{ACCENT}"/></g>"#,
        escape(e.kind.as_str()),
        escape(from),
        escape(to),
        N(b.0),
        N(b.1),
        N(base.0 - dy * half),
        N(base.1 + dx * half),
        N(base.0 + dy * half),
        N(base.1 - dx * half)
    );
}

fn plate(out: &mut String, l: &Label) {
    let r = l.rect;
    let at = l.anchor();
    let _ = write!(out, r#"<g class="relation-label">"#);
    if let Some((a, b)) = l.leader {
        let _ = write!(
            out,
            r#"<path class="leader" d="M{},{} L{},{}" stroke="{ACCENT}" stroke-width="0.4" stroke-dasharray="1.2 0.8"/><circle cx="{}" cy="{}" r="1.1" fill="{ACCENT}"/>"#,
            N(a.0),
            N(a.1),
            N(b.0),
            N(b.1),
            N(a.0),
            N(a.1)
        );
    }
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="1.5" fill="white" stroke="{ACCENT}" stroke-width="0.3"/><text x="{}" y="{}" font-size="{SMALL_SIZE}" text-anchor="middle" fill="{ACCENT}">{}</text></g>"#,
        N(r.x),
        N(r.y),
        N(r.w),
        N(r.h),
        N(at.0),
        N(at.1),
        escape(l.key.map(|k| k.to_string()).as_deref().unwrap_or(&l.text))
    );
}
