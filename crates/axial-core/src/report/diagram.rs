//! The paradigm model diagram as SVG, from the same layout the window draws: class boxes with
//! the paradigm's flow between them, categories as cards (counts, the core category set
//! apart), and the typed relations between categories as labelled arrows.

use crate::analysis::diagram::{Diagram, FLOW, Rect, layout};
use crate::analysis::hierarchy::Hierarchy;
use crate::model::*;
use quick_xml::escape::escape;
use std::fmt::Write;

/// The width the export is laid out at.
pub const SVG_WIDTH: f32 = 1280.0;

/// The diagram of `project` as a standalone SVG document.
pub fn svg(project: &Project) -> String {
    let h = Hierarchy::build(project);
    let d = layout(project, &h, SVG_WIDTH);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">"##,
        w = d.width,
        h = d.height
    );
    out.push_str(
        r##"<defs><marker id="flow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker><marker id="rel" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1f5fa8"/></marker></defs>
"##,
    );
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(out, "<title>{}</title>", escape(project.name()));
    for b in &d.boxes {
        let label = b.class.map(|c| c.label()).unwrap_or("Not yet placed");
        let r = b.rect;
        let _ = writeln!(
            out,
            r##"<g class="box"><rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#f4f6f8" stroke="#9aa5b1"/><text x="{}" y="{}" font-weight="bold" font-size="13">{}</text></g>"##,
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 10.0,
            r.y + 20.0,
            escape(label)
        );
    }
    for (from, to) in FLOW {
        if let (Some(a), Some(b)) = (d.class_box(Some(from)), d.class_box(Some(to))) {
            let ((x1, y1), (x2, y2)) = flow_line(a.rect, b.rect);
            let _ = writeln!(
                out,
                r##"<line class="flow" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#777" stroke-width="2" marker-end="url(#flow)"/>"##
            );
        }
    }
    // Relation lines under the cards, their labels over everything, haloed to stay readable.
    let mut labels = String::new();
    for rel in project.relations() {
        let (Some(a), Some(b)) = (d.card(rel.from), d.card(rel.to)) else { continue };
        let ((x1, y1), (x2, y2)) = relation_line(a.rect, b.rect);
        let _ = writeln!(
            out,
            r##"<line class="relation" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#1f5fa8" stroke-width="1.5" marker-end="url(#rel)"/>"##
        );
        // A white plate behind the label (every renderer draws it; `paint-order` halos not).
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let w = rel.kind.chars().count() as f32 * 6.0 + 6.0;
        let _ = writeln!(
            labels,
            r##"<g class="relation-kind"><rect x="{}" y="{}" width="{w}" height="14" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="none"/><text x="{mx}" y="{}" fill="#1f5fa8" font-size="11" text-anchor="middle">{}</text></g>"##,
            mx - w / 2.0,
            my - 11.0,
            my,
            escape(rel.kind.as_str())
        );
    }
    for card in &d.cards {
        let Some(c) = project.category(card.category) else { continue };
        let core = project.core_category() == Some(c.id);
        let t = project.tallies().category(c.id);
        let concepts = h.concepts_in(Some(c.id)).len();
        let r = card.rect;
        let name: String =
            if c.name.chars().count() > 34 { c.name.chars().take(33).chain(['…']).collect() } else { c.name.clone() };
        let _ = writeln!(
            out,
            r##"<g class="card" data-category="{}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{}" stroke-width="{}"/><text x="{}" y="{}" font-weight="{}">{}</text><text x="{}" y="{}" fill="#555" font-size="11">{} refs · {} docs · {} concepts{}</text></g>"##,
            escape(c.name.as_str()),
            escape(c.name.as_str()),
            r.x,
            r.y,
            r.w,
            r.h,
            if core { "#fff4d6" } else { "#ffffff" },
            if core { "#c98a00" } else { "#b8c2cc" },
            if core { 3 } else { 1 },
            r.x + 8.0,
            r.y + 19.0,
            if core { "bold" } else { "normal" },
            escape(name.as_str()),
            r.x + 8.0,
            r.y + 37.0,
            t.references,
            t.documents,
            concepts,
            if core { " · core category" } else { "" }
        );
    }
    out.push_str(&labels);
    out.push_str("</svg>\n");
    out
}

/// From the edge of one box to the facing edge of the next: sideways along the top row, up
/// from the lower row into the strategies.
pub fn flow_line(a: Rect, b: Rect) -> ((f32, f32), (f32, f32)) {
    if a.y > b.y + b.h {
        let x = (a.x + a.w / 2.0).clamp(b.x + 12.0, b.x + b.w - 12.0);
        ((a.x + a.w / 2.0, a.y), (x, b.y + b.h))
    } else {
        ((a.x + a.w, a.y + 20.0), (b.x, b.y + 20.0))
    }
}

/// Between the borders of two cards, on the line joining their centres.
pub fn relation_line(a: Rect, b: Rect) -> ((f32, f32), (f32, f32)) {
    let (ax, ay) = a.center();
    let (bx, by) = b.center();
    (clip(a, (ax, ay), (bx, by)), clip(b, (bx, by), (ax, ay)))
}

/// Where the segment from the centre of `r` towards `to` leaves `r`.
fn clip(r: Rect, from: (f32, f32), to: (f32, f32)) -> (f32, f32) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let tx = if dx.abs() > f32::EPSILON { (r.w / 2.0) / dx.abs() } else { f32::INFINITY };
    let ty = if dy.abs() > f32::EPSILON { (r.h / 2.0) / dy.abs() } else { f32::INFINITY };
    let t = tx.min(ty).min(1.0);
    (from.0 + dx * t, from.1 + dy * t)
}

/// The diagram's geometry, for callers that draw it themselves.
pub fn diagram(project: &Project, width: f32) -> Diagram {
    layout(project, &Hierarchy::build(project), width)
}
