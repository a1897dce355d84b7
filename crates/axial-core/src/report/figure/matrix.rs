//! The conditional/consequential matrix (Strauss & Corbin) as a figure for the selective-coding
//! chapter: the categories by the level their conditions lie at, from society (the outermost
//! ring of the matrix) down to the individual (the innermost), and across by their part in the
//! paradigm: conditions, action/interaction (phenomenon and strategies), consequences.
//!
//! **Why a grid and not rings.** Strauss & Corbin draw the matrix as concentric circles around
//! action. At a printed width of 160 mm five rings leave each under a centimetre: a category's
//! name would not fit, let alone several. Bands stacked from the outer level to the inner one
//! keep the matrix's order and read at print size; each band is drawn inside the one above it
//! (indented on both sides), so the nesting of the rings stays visible. Categories with no level
//! yet are listed under the figure.
//!
//! SVG with the paradigm figure's physical size, fonts and greys; PNG at 300 dpi and PDF
//! through the same paths.

use super::font::{Line, wrap};
use super::layout::{MARGIN, NAME_LEADING, NAME_SIZE, PT_PER_MM, SMALL_LEADING, SMALL_SIZE, TITLE_SIZE, WIDTH_MM};
use super::svg::{ACCENT, N};
use crate::model::*;
use quick_xml::escape::escape;
use std::fmt::Write;

const INK: &str = "#1a1a1a";
const MUTED: &str = "#555b63";
const LINE: &str = "#8a939c";
/// Band fills from the outermost level (lightest) to the innermost.
const FILLS: [&str; 5] = ["#f6f7f8", "#eef0f2", "#e5e8eb", "#dcdfe3", "#d2d6db"];
/// How far each inner band is indented from the one around it, on each side.
const NEST: f32 = 4.0;
const LABEL_W: f32 = 66.0;
const HEADER_H: f32 = 16.0;
const CHIP_PAD: f32 = 3.0;
const CHIP_GAP: f32 = 4.0;
const ROW_PAD: f32 = 5.0;

/// The matrix's columns: where a category's class puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Conditions,
    Action,
    Consequences,
    /// Not yet placed in a paradigm class.
    Unplaced,
}

impl Column {
    pub fn of(class: Option<ParadigmClass>) -> Column {
        match class {
            Some(
                ParadigmClass::CausalConditions
                | ParadigmClass::ContextualConditions
                | ParadigmClass::InterveningConditions,
            ) => Column::Conditions,
            Some(ParadigmClass::Phenomenon | ParadigmClass::Strategies) => Column::Action,
            Some(ParadigmClass::Consequences) => Column::Consequences,
            None => Column::Unplaced,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::Conditions => "Conditions",
            Column::Action => "Action/interaction",
            Column::Consequences => "Consequences",
            Column::Unplaced => "Not in the paradigm yet",
        }
    }
}

/// The categories of each level (outermost first) and column, in category order, and those
/// with no level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    pub columns: Vec<Column>,
    /// (level, per column its categories), society first.
    pub rows: Vec<(ConditionLevel, Vec<Vec<CategoryId>>)>,
    pub without_level: Vec<CategoryId>,
}

/// The matrix of `p`: the three columns, and a fourth when a category with a level has no
/// paradigm class.
pub fn matrix(p: &Project) -> Matrix {
    let d = p.depth();
    let unplaced_leveled = p.categories().any(|c| c.class.is_none() && d.level(c.id).is_some());
    let mut columns = vec![Column::Conditions, Column::Action, Column::Consequences];
    if unplaced_leveled {
        columns.push(Column::Unplaced);
    }
    let mut rows: Vec<(ConditionLevel, Vec<Vec<CategoryId>>)> =
        ConditionLevel::ALL.iter().rev().map(|l| (*l, vec![Vec::new(); columns.len()])).collect();
    let mut without_level = Vec::new();
    for c in p.categories() {
        match d.level(c.id) {
            Some(level) => {
                let row =
                    ConditionLevel::ALL.len() - 1 - ConditionLevel::ALL.iter().position(|l| *l == level).unwrap_or(0);
                let col = columns.iter().position(|k| *k == Column::of(c.class)).unwrap_or(0);
                rows[row].1[col].push(c.id);
            }
            None => without_level.push(c.id),
        }
    }
    Matrix { columns, rows, without_level }
}

struct Chip {
    lines: Vec<Line>,
    h: f32,
    core: bool,
    name: String,
}

/// The matrix of `project` as a standalone SVG document, 160 mm wide, one unit a point.
pub fn svg(project: &Project) -> String {
    let m = matrix(project);
    let width = WIDTH_MM * PT_PER_MM;
    let cols = m.columns.len() as f32;
    let inner = width - 2.0 * MARGIN;
    // The innermost band is indented four times; its columns must still hold a chip.
    let col_w = (inner - LABEL_W - 2.0 * NEST * 4.0) / cols;
    let chip_room = col_w - 2.0 * CHIP_PAD - 6.0;
    let chips: Vec<Vec<Vec<Chip>>> = m
        .rows
        .iter()
        .map(|(_, cells)| {
            cells
                .iter()
                .map(|ids| {
                    ids.iter()
                        .filter_map(|id| project.category(*id))
                        .map(|c| {
                            let lines = wrap(&c.name, NAME_SIZE, chip_room);
                            let h = lines.len() as f32 * NAME_LEADING + 2.0 * CHIP_PAD;
                            Chip { lines, h, core: project.core_category() == Some(c.id), name: c.name.clone() }
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let row_h: Vec<f32> = chips
        .iter()
        .map(|cells| {
            let tallest =
                cells.iter().map(|chips| chips.iter().map(|c| c.h + CHIP_GAP).sum::<f32>()).fold(0.0, f32::max);
            (tallest + 2.0 * ROW_PAD).max(28.0)
        })
        .collect();
    let top = MARGIN + 14.0;
    let body_h: f32 = row_h.iter().sum::<f32>() + HEADER_H;
    let notes = notes(project, &m, inner);
    let height = top + body_h + 8.0 + notes.len() as f32 * SMALL_LEADING + MARGIN;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}mm" height="{}mm" viewBox="0 0 {} {}" font-family="Ubuntu, 'Helvetica Neue', Helvetica, Arial, sans-serif" font-weight="300">"#,
        N(WIDTH_MM),
        N(height / PT_PER_MM),
        N(width),
        N(height)
    );
    let _ = writeln!(out, "<title>Conditional/consequential matrix: {}</title>", escape(project.name()));
    let _ = writeln!(out, r#"<rect width="{}" height="{}" fill="white"/>"#, N(width), N(height));
    let _ = writeln!(
        out,
        r#"<text class="heading" x="{}" y="{}" font-size="{TITLE_SIZE}" fill="{INK}">Conditional/consequential matrix: categories by the level of their conditions</text>"#,
        N(MARGIN),
        N(MARGIN + 8.0)
    );
    // Bands, outermost first: each encloses the ones below it, indented a little more.
    let mut y = top + HEADER_H;
    let bottom = top + body_h;
    for (i, ((level, _), h)) in m.rows.iter().zip(&row_h).enumerate() {
        let x = MARGIN + i as f32 * NEST;
        let w = inner - 2.0 * i as f32 * NEST;
        let _ = writeln!(
            out,
            r#"<rect class="band" data-level="{}" x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{LINE}" stroke-width="0.6"/>"#,
            level.key(),
            N(x),
            N(y),
            N(w),
            N(bottom - y),
            FILLS[i.min(FILLS.len() - 1)]
        );
        let _ = writeln!(
            out,
            r#"<text class="level" x="{}" y="{}" font-size="{TITLE_SIZE}" fill="{INK}" stroke="{INK}" stroke-width="0.3">{}</text>"#,
            N(x + 4.0),
            N(y + 11.0),
            level.label()
        );
        y += h;
    }
    // Column headings and the cells' chips.
    let col_x = |i: usize, row: usize| MARGIN + row as f32 * NEST + LABEL_W + i as f32 * col_w;
    for (i, c) in m.columns.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<text class="column" x="{}" y="{}" font-size="{SMALL_SIZE}" fill="{MUTED}">{}</text>"#,
            N(col_x(i, 0) + CHIP_PAD),
            N(top + 10.0),
            c.label()
        );
    }
    let mut y = top + HEADER_H;
    for (row, (cells, h)) in chips.iter().zip(&row_h).enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            let mut cy = y + ROW_PAD;
            let x = col_x(col, row);
            for chip in cell {
                chip_svg(&mut out, chip, x, cy, col_w - 6.0);
                cy += chip.h + CHIP_GAP;
            }
        }
        y += h;
    }
    if !notes.is_empty() {
        let _ = write!(out, r#"<text class="notes" font-size="{SMALL_SIZE}" fill="{INK}">"#);
        let mut ny = bottom + 8.0 + SMALL_SIZE;
        for line in &notes {
            let _ = write!(out, r#"<tspan x="{}" y="{}">{}</tspan>"#, N(MARGIN), N(ny), escape(line.text.as_str()));
            ny += SMALL_LEADING;
        }
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn chip_svg(out: &mut String, chip: &Chip, x: f32, y: f32, w: f32) {
    let (stroke, width) = if chip.core { (ACCENT, 1.6) } else { (LINE, 0.6) };
    let _ = write!(
        out,
        r#"<g class="chip" data-category="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="white" stroke="{stroke}" stroke-width="{width}"/>"#,
        escape(chip.name.as_str()),
        N(x),
        N(y),
        N(w),
        N(chip.h)
    );
    let bold = if chip.core { format!(r#" stroke="{INK}" stroke-width="0.3""#) } else { String::new() };
    let _ = write!(out, r#"<text font-size="{NAME_SIZE}" fill="{INK}"{bold}>"#);
    let mut ly = y + CHIP_PAD + NAME_SIZE;
    for l in &chip.lines {
        let _ = write!(out, r#"<tspan x="{}" y="{}">{}</tspan>"#, N(x + CHIP_PAD), N(ly), escape(l.text.as_str()));
        ly += NAME_LEADING;
    }
    out.push_str("</text></g>\n");
}

/// What the figure shows, and the categories not on it, as wrapped lines under it.
fn notes(project: &Project, m: &Matrix, room: f32) -> Vec<Line> {
    let mut text = String::from(
        "Bands from the outermost level of the matrix (society) to the innermost (the individual); the core category has a dark border.",
    );
    if !m.without_level.is_empty() {
        let names: Vec<&str> =
            m.without_level.iter().filter_map(|id| project.category(*id)).map(|c| c.name.as_str()).collect();
        let _ = write!(text, " Without a level yet ({}): {}.", names.len(), names.join("; "));
    }
    wrap(&text, SMALL_SIZE, room)
}

/// The matrix as PNG bytes at 300 dpi for its printed width.
pub fn png(project: &Project) -> Result<Vec<u8>, crate::report::png::PngError> {
    let png = crate::report::png::rasterise(&svg(project), super::DPI / 96.0)?;
    Ok(super::with_resolution(png, super::DPI))
}

/// The matrix as a one-page vector PDF.
pub fn pdf(project: &Project) -> Result<Vec<u8>, super::PdfError> {
    super::pdf::from_svg(&svg(project), &format!("Conditional/consequential matrix: {}", project.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::new("M", Framework::default());
        let cat = |id, name: &str, class| Change::Category(Category { id: CategoryId(id), name: name.into(), class });
        p.apply_change(cat(
            1,
            "Rising digital expectations of customers in the cities",
            Some(ParadigmClass::CausalConditions),
        ));
        p.apply_change(cat(2, "Determining the management framework", Some(ParadigmClass::Phenomenon)));
        p.apply_change(cat(3, "Customer satisfaction", Some(ParadigmClass::Consequences)));
        p.apply_change(cat(4, "Loose", None));
        p.apply_change(Change::CoreCategory(Some(CategoryId(2))));
        for (id, level) in
            [(1, ConditionLevel::Society), (2, ConditionLevel::Organisation), (3, ConditionLevel::Individual)]
        {
            p.apply_change(Change::CategoryLevel { category: CategoryId(id), level: Some(level) });
        }
        p
    }

    #[test]
    fn categories_sit_in_their_level_and_column() {
        let m = matrix(&project());
        assert_eq!(m.columns.len(), 3, "no leveled category lacks a class");
        assert_eq!(m.rows[0].0, ConditionLevel::Society, "the outermost level on top");
        assert_eq!(m.rows[0].1[0], [CategoryId(1)]);
        assert_eq!(m.rows[2].1[1], [CategoryId(2)]);
        assert_eq!(m.rows[4].1[2], [CategoryId(3)]);
        assert_eq!(m.without_level, [CategoryId(4)]);
    }

    #[test]
    fn the_svg_names_every_category_in_full_and_reads_as_svg() {
        let p = project();
        let svg = svg(&p);
        for name in ["Determining the management framework", "Customer satisfaction", "Loose"] {
            assert!(svg.contains(name), "{name}");
        }
        assert!(svg.contains(r#"data-category="Rising digital expectations of customers in the cities""#));
        assert!(svg.contains("Without a level yet (1): Loose."));
        let tree = resvg::usvg::Tree::from_str(&svg, &crate::report::png::options()).unwrap();
        assert!(tree.size().width() > 500.0, "160 mm wide");
        assert!(png(&p).unwrap().starts_with(b"\x89PNG"));
        assert!(pdf(&p).unwrap().starts_with(b"%PDF"));
    }
}
