//! The saturation curve as a figure: three panels stacked (codes, concepts, categories), each
//! with the cumulative total as a line over the interviews and what each interview brought new
//! as bars, on its own scale (a study has ten times more codes than categories, and the
//! categories' plateau is the point of the figure). A dashed rule marks the last interview that
//! brought a new category. Black on white with grey bars, so it prints the same in greyscale;
//! 160 mm wide, the text width of an A4 page, its smallest text 7 pt there.

use crate::analysis::saturation::{Saturation, Step};
use quick_xml::escape::escape;
use std::fmt::Write;

/// Width in SVG units; the figure is printed [`WIDTH_MM`] wide.
pub const WIDTH: f32 = 640.0;
pub const WIDTH_MM: f32 = 160.0;
const PANEL_HEIGHT: f32 = 150.0;
const TOP: f32 = 64.0;
const LEFT: f32 = 56.0;
const RIGHT: f32 = 16.0;
const GAP: f32 = 34.0;
const BOTTOM: f32 = 44.0;

/// What a panel draws of an interview: a count.
type Count = fn(&Step) -> usize;

/// The panels: what they count, the cumulative total and the new ones of an interview.
const PANELS: [(&str, Count, Count); 5] = [
    ("Codes", |s| s.codes, |s| s.new_codes),
    ("Concepts", |s| s.concepts, |s| s.new_concepts),
    ("Categories", |s| s.categories, |s| s.new_categories),
    ("Properties shown", |s| s.properties, |s| s.new_properties),
    ("Relations grounded", |s| s.relations, |s| s.new_relations),
];

/// The panels to draw: properties only once a passage is placed on one (a study that does not
/// use them gets no empty panel).
fn panels(s: &Saturation) -> Vec<(&'static str, Count, Count)> {
    let placed = s.steps.last().is_some_and(|st| st.properties > 0);
    PANELS.into_iter().filter(|(name, ..)| placed || *name != "Properties shown").collect()
}

/// The curve of `s` as a standalone SVG document titled `title`.
pub fn svg(s: &Saturation, title: &str) -> String {
    let shown = panels(s);
    let panels = shown.len() as f32;
    let height = TOP + panels * PANEL_HEIGHT + (panels - 1.0) * GAP + BOTTOM;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_MM}mm" height="{:.1}mm" viewBox="0 0 {WIDTH} {height}" font-family="Ubuntu, 'DejaVu Sans', Arial, sans-serif" font-size="11">"##,
        height * WIDTH_MM / WIDTH
    );
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let order = if s.by_date { "interviews in date order" } else { "interviews in import order" };
    let _ = writeln!(
        out,
        r##"<text class="heading" x="{LEFT}" y="18" font-size="13" font-weight="bold">Saturation: what each interview brought new</text><text x="{LEFT}" y="34" fill="#444">{} ({order}); bars: new in the interview, line: total so far</text>"##,
        escape(summary(s))
    );
    for (i, (name, total, new)) in shown.into_iter().enumerate() {
        let y = TOP + i as f32 * (PANEL_HEIGHT + GAP);
        panel(&mut out, s, y, name, total, new);
    }
    let _ = writeln!(
        out,
        r##"<text class="axis-title" x="{}" y="{}" text-anchor="middle">Interview</text>"##,
        LEFT + (WIDTH - LEFT - RIGHT) / 2.0,
        height - 8.0
    );
    out.push_str("</svg>\n");
    out
}

/// One panel at `top`: axes, ticks, bars of the new items, the cumulative line.
fn panel(out: &mut String, s: &Saturation, top: f32, name: &str, total: Count, new: Count) {
    let n = s.steps.len();
    let plot_w = WIDTH - LEFT - RIGHT;
    let bottom = top + PANEL_HEIGHT;
    let max = s.steps.iter().map(total).max().unwrap_or(0).max(1);
    let step_y = nice_step(max);
    let y_max = max.div_ceil(step_y) * step_y;
    let y_of = |v: usize| bottom - v as f32 / y_max as f32 * PANEL_HEIGHT;
    let slot = plot_w / n.max(1) as f32;
    let x_of = |i: usize| LEFT + slot * (i as f32 + 0.5);
    let _ = writeln!(
        out,
        r##"<g class="panel" data-panel="{name}"><text class="panel-title" x="{LEFT}" y="{}" font-weight="bold">{name}</text>"##,
        top - 6.0
    );
    let mut v = 0;
    while v <= y_max {
        let y = y_of(v);
        let _ = writeln!(
            out,
            r##"<line x1="{LEFT}" y1="{y}" x2="{}" y2="{y}" stroke="#dddddd" stroke-width="0.6"/><text x="{}" y="{}" text-anchor="end" font-size="10" fill="#333">{v}</text>"##,
            WIDTH - RIGHT,
            LEFT - 5.0,
            y + 3.5
        );
        v += step_y;
    }
    let bar_w = (slot * 0.6).min(24.0);
    for (i, st) in s.steps.iter().enumerate() {
        let k = new(st);
        if k > 0 {
            let _ = writeln!(
                out,
                r##"<rect class="new" x="{}" y="{}" width="{bar_w}" height="{}" fill="#bdbdbd"><title>{}: {k} new</title></rect>"##,
                x_of(i) - bar_w / 2.0,
                y_of(k),
                bottom - y_of(k),
                escape(&st.title)
            );
        }
    }
    let points: Vec<String> =
        s.steps.iter().enumerate().map(|(i, st)| format!("{},{}", x_of(i), y_of(total(st)))).collect();
    if !points.is_empty() {
        let _ = writeln!(
            out,
            r##"<polyline class="total" points="{}" fill="none" stroke="#111111" stroke-width="1.8"/>"##,
            points.join(" ")
        );
        for (i, st) in s.steps.iter().enumerate() {
            let _ = writeln!(out, r##"<circle cx="{}" cy="{}" r="2.4" fill="#111111"/>"##, x_of(i), y_of(total(st)));
        }
    }
    if let k @ 1.. = s.last_new_category()
        && k < n
    {
        let x = (x_of(k - 1) + x_of(k)) / 2.0;
        let _ = writeln!(
            out,
            r##"<line class="last-new-category" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#111111" stroke-width="1" stroke-dasharray="4 3"/>"##
        );
    }
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{bottom}" x2="{}" y2="{bottom}" stroke="#111111"/><line x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{bottom}" stroke="#111111"/>"##,
        WIDTH - RIGHT
    );
    // Every interview's number when they fit, else every k-th.
    let every = (n as f32 * 18.0 / plot_w).ceil().max(1.0) as usize;
    for i in (0..n).filter(|i| (i + 1) % every == 0 || *i == 0) {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="#333">{}</text>"##,
            x_of(i),
            bottom + 13.0,
            i + 1
        );
    }
    out.push_str("</g>\n");
}

/// A tick step of 1, 2 or 5 times a power of ten giving at most five intervals up to `max`.
fn nice_step(max: usize) -> usize {
    let mut magnitude = 1;
    loop {
        for m in [1, 2, 5] {
            if max.div_ceil(m * magnitude) <= 5 {
                return m * magnitude;
            }
        }
        magnitude *= 10;
    }
}

/// The figure's one-line answer.
fn summary(s: &Saturation) -> String {
    let n = s.steps.len();
    match s.last_new_category() {
        0 => "No interview has brought a category yet".to_owned(),
        k if k == n => format!("The last interview ({n} of {n}) still brought a new category"),
        k => format!("No new category after interview {k} of {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::saturation::Step;
    use crate::model::DocumentId;

    fn step(i: i64, new: [usize; 3], total: [usize; 3]) -> Step {
        Step {
            document: DocumentId(i),
            title: format!("Interview {i} <A&B>"),
            date: None,
            sampled_because: None,
            to_develop: None,
            new_codes: new[0],
            new_concepts: new[1],
            new_categories: new[2],
            new_properties: 0,
            new_relations: 0,
            codes: total[0],
            concepts: total[1],
            categories: total[2],
            properties: 0,
            relations: 0,
        }
    }

    fn curve() -> Saturation {
        Saturation {
            steps: vec![
                step(1, [12, 4, 2], [12, 4, 2]),
                step(2, [7, 2, 1], [19, 6, 3]),
                step(3, [3, 1, 0], [22, 7, 3]),
                step(4, [0, 0, 0], [22, 7, 3]),
            ],
            by_date: false,
        }
    }

    #[test]
    fn each_panel_draws_every_interview_on_its_own_scale() {
        let svg = svg(&curve(), "Study");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let panels: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("panel")).collect();
        assert_eq!(panels.len(), 4, "codes, concepts, categories, relations");
        for (panel, top) in panels.iter().zip([22, 7, 3]) {
            let line = panel.descendants().find(|n| n.attribute("class") == Some("total")).unwrap();
            let ys: Vec<f32> = line
                .attribute("points")
                .unwrap()
                .split(' ')
                .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
                .collect();
            assert_eq!(ys.len(), 4);
            assert!(ys.windows(2).all(|w| w[1] <= w[0]), "a total never falls: {ys:?}");
            // The highest tick label is the top of the scale and at least the total.
            let ticks: Vec<usize> =
                panel.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()?.parse().ok()).collect();
            assert!(ticks.iter().any(|&t| t >= top), "{ticks:?}");
        }
        let bars = doc.descendants().filter(|n| n.attribute("class") == Some("new")).count();
        assert_eq!(bars, 3 + 3 + 2, "a bar for each interview that brought something new");
        assert!(svg.contains("No new category after interview 2 of 4"), "{svg}");
        assert!(svg.contains("Interview 1 &lt;A&amp;B&gt;"), "titles are escaped");
        assert_eq!(
            doc.descendants().filter(|n| n.attribute("class") == Some("last-new-category")).count(),
            4,
            "marked in each panel"
        );
    }

    #[test]
    fn no_interviews_is_still_a_drawing() {
        let svg = svg(&Saturation::default(), "Empty");
        assert!(roxmltree::Document::parse(&svg).is_ok());
        assert!(svg.contains("No interview has brought a category yet"));
        assert!(crate::report::png::rasterise(&svg, 1.0).is_ok());
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(22), 5);
        assert_eq!(nice_step(140), 50);
        assert_eq!(nice_step(1000), 200);
    }
}
