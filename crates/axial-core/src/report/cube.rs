//! The cube laid out as Khodakarami & Chan (2014) lay it out:
//! Table 6: rows system x process, columns knowledge type, with totals per system and process,
//! per system, per knowledge type and the grand total; Table 7: the two-way tables with
//! margins; Table 8: the three-way cells binned Low / Med / Med-High / High.
//! Dimensions are looked up by key, so a study with its own framework gets the same layouts.

use super::{Format, Table};
use crate::analysis::cube::Cube;
use crate::model::Dimension;
use serde_json::{Map, Value, json};

/// Parses `N` strictly increasing counts separated by commas ("3,10,20").
fn parse_thresholds<const N: usize>(s: &str, what: &str, example: &str) -> Result<[usize; N], String> {
    let words = ["zero", "one", "two", "three", "four"];
    let count = words.get(N).copied().unwrap_or("several");
    let bad = || format!("{what} must be {count} increasing whole numbers like {example}, not \u{201c}{s}\u{201d}");
    let parts: Vec<usize> =
        s.split(',').map(|p| p.trim().parse::<usize>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let parts: [usize; N] = parts.try_into().map_err(|_| bad())?;
    if parts.windows(2).all(|w| w[0] < w[1]) { Ok(parts) } else { Err(bad()) }
}

/// Which dimensions go where: two row dimensions (outer, inner) and one column dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub outer: String,
    pub inner: String,
    pub columns: String,
}

impl Layout {
    /// `crm` x `seci` by `knowledge` when the framework has them (the paper's layout), else
    /// the second, first and third dimensions.
    pub fn default_for(cube: &Cube) -> Option<Layout> {
        let has = |k: &str| cube.position(k).is_some();
        if has("crm") && has("seci") && has("knowledge") {
            return Some(Layout { outer: "crm".into(), inner: "seci".into(), columns: "knowledge".into() });
        }
        match cube.dimensions.as_slice() {
            [a, b, c, ..] => Some(Layout { outer: b.key.clone(), inner: a.key.clone(), columns: c.key.clone() }),
            _ => None,
        }
    }
}

/// Cut points between Low | Med | Med-High | High: a count below `0` is Low, below `1` Med,
/// below `2` Med-High, else High. The default (7, 12, 17) is where the paper's own reading of
/// its Table 8 holds: collaborative externalization of knowledge for (17) and about (24)
/// customers is high, there are "not many red areas" (three High cells) and many more yellow
/// ones (25 of 36 Low), and the table of knowledge *from* customers is "all yellow" (at most 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bins(pub [usize; 3]);

impl Default for Bins {
    fn default() -> Self {
        Bins([7, 12, 17])
    }
}

impl Bins {
    pub const LABELS: [&'static str; 4] = ["Low", "Med", "Med-High", "High"];
    /// The colours of the levels, light yellow to red (the paper's dashboard), as RGB hex.
    pub const COLOURS: [&'static str; 4] = ["FFF2CC", "FFD966", "F4B183", "E06666"];

    /// The level of a count: 0 (Low) to 3 (High).
    pub fn level(&self, n: usize) -> usize {
        self.0.iter().filter(|t| n >= **t).count()
    }

    pub fn label(&self, n: usize) -> &'static str {
        Self::LABELS[self.level(n)]
    }

    /// The colour of a count's level.
    pub fn colour(&self, n: usize) -> &'static str {
        Self::COLOURS[self.level(n)]
    }

    /// Parses "7,12,17": three increasing counts.
    pub fn parse(s: &str) -> Result<Bins, String> {
        let [a, b, c] = parse_thresholds::<3>(s, "bins", "7,12,17")?;
        Ok(Bins([a, b, c]))
    }
}

fn dim<'a>(cube: &'a Cube, key: &str) -> Result<&'a Dimension, String> {
    cube.dimensions
        .iter()
        .find(|d| d.key == key)
        .ok_or_else(|| format!("the project has no cube dimension \u{201c}{key}\u{201d}"))
}

/// Table 6.
pub fn table6(cube: &Cube, layout: &Layout, format: Format) -> Result<String, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    let count = |o: &str, i: &str, c: &str| cube.sum(&[(&outer.key, o), (&inner.key, i), (&cols.key, c)]);
    if format == Format::Json {
        let mut by_outer_inner = Map::new();
        let mut by_outer = Map::new();
        for o in &outer.values {
            let mut m = Map::new();
            for i in &inner.values {
                m.insert(i.key.clone(), cube.sum(&[(&outer.key, &o.key), (&inner.key, &i.key)]).into());
            }
            by_outer_inner.insert(o.key.clone(), m.into());
            by_outer.insert(o.key.clone(), cube.sum(&[(&outer.key, &o.key)]).into());
        }
        let mut by_cols = Map::new();
        for c in &cols.values {
            by_cols.insert(c.key.clone(), cube.sum(&[(&cols.key, &c.key)]).into());
        }
        let cells: Vec<Value> = outer
            .values
            .iter()
            .flat_map(|o| inner.values.iter().map(move |i| (o, i)))
            .flat_map(|(o, i)| cols.values.iter().map(move |c| (o, i, c)))
            .map(|(o, i, c)| {
                json!({ &outer.key: o.key, &inner.key: i.key, &cols.key: c.key, "references": count(&o.key, &i.key, &c.key) })
            })
            .collect();
        let value = json!({
            "view": "table6",
            "unit": cube.unit.key(),
            "rule": cube.rule.key(),
            "layout": {"rows": [outer.key, inner.key], "columns": cols.key},
            "cells": cells,
            "totals": {
                "references": cube.total(),
                format!("by_{}", outer.key): by_outer,
                format!("by_{}", cols.key): by_cols,
                format!("by_{}_{}", outer.key, inner.key): by_outer_inner,
            },
            "unassigned_references": cube.unassigned,
        });
        return Ok(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n");
    }
    Ok(render(table6_table(cube, layout, format == Format::Csv)?, format, cube))
}

/// Table 6 as a table: rows system x process (each system's rows followed by its total), columns
/// knowledge type and a total, a last row of totals. The system is named on its first row only,
/// as the paper prints it, unless `every_row_named` (CSV, where each row stands alone).
pub fn table6_table(cube: &Cube, layout: &Layout, every_row_named: bool) -> Result<Table, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    let count = |o: &str, i: &str, c: &str| cube.sum(&[(&outer.key, o), (&inner.key, i), (&cols.key, c)]);
    let mut header = vec![outer.label.clone(), inner.label.clone()];
    header.extend(cols.values.iter().map(|c| c.label.clone()));
    header.push("Total".into());
    let mut t = Table::new(header);
    for o in &outer.values {
        for (n, i) in inner.values.iter().enumerate() {
            let first = n == 0 || every_row_named;
            let mut row = vec![if first { o.label.clone() } else { String::new() }, i.label.clone()];
            row.extend(cols.values.iter().map(|c| count(&o.key, &i.key, &c.key).to_string()));
            row.push(cube.sum(&[(&outer.key, &o.key), (&inner.key, &i.key)]).to_string());
            t.row(row);
        }
        let mut row = vec![if every_row_named { o.label.clone() } else { String::new() }, format!("Total {}", o.label)];
        row.extend(cols.values.iter().map(|c| cube.sum(&[(&outer.key, &o.key), (&cols.key, &c.key)]).to_string()));
        row.push(cube.sum(&[(&outer.key, &o.key)]).to_string());
        t.total_row(row);
    }
    let mut row = vec!["Total".to_owned(), String::new()];
    row.extend(cols.values.iter().map(|c| cube.sum(&[(&cols.key, &c.key)]).to_string()));
    row.push(cube.total().to_string());
    t.total_row(row);
    Ok(t)
}

/// A table of the cube, stating what one count is (its unit) and which references count (its
/// rule): under the table in text, as two last rows in CSV (padded to the table's width).
fn render(mut t: Table, format: Format, cube: &Cube) -> String {
    match format {
        Format::Csv => {
            let width = t.columns();
            for (what, key) in [("Counting unit", cube.unit.key()), ("Counting rule", cube.rule.key())] {
                let mut row = vec![what.to_owned(), key.to_owned()];
                row.resize(width.max(2), String::new());
                t.row(row);
            }
            t.to_csv()
        }
        _ => {
            let mut s = t.to_text();
            s.push_str(&format!("\n{}\n", crate::analysis::units::statement(cube.unit, cube.rule)));
            if cube.unassigned > 0 {
                s.push_str(&format!(
                    "\n{} coded reference(s) are not in the cube: their codes lack a value on some dimension.\n",
                    cube.unassigned
                ));
            }
            s
        }
    }
}

/// The two-way table of `rows` by `cols` with margins.
fn two_way(cube: &Cube, rows: &Dimension, cols: &Dimension, corner: Option<&str>) -> Table {
    let corner = corner.map(str::to_owned).unwrap_or_else(|| format!("{} \\ {}", rows.label, cols.label));
    let mut header = vec![corner];
    header.extend(cols.values.iter().map(|c| c.label.clone()));
    header.push("Total".into());
    let mut t = Table::new(header);
    for r in &rows.values {
        let mut row = vec![r.label.clone()];
        row.extend(cols.values.iter().map(|c| cube.sum(&[(&rows.key, &r.key), (&cols.key, &c.key)]).to_string()));
        row.push(cube.sum(&[(&rows.key, &r.key)]).to_string());
        t.row(row);
    }
    let mut row = vec!["Total".to_owned()];
    row.extend(cols.values.iter().map(|c| cube.sum(&[(&cols.key, &c.key)]).to_string()));
    row.push(cube.total().to_string());
    t.total_row(row);
    t
}

/// Table 7 as tables: system x process, system x knowledge, knowledge x process, each with its
/// title ("CRM system x SECI process") and margins.
pub fn table7_tables(cube: &Cube, layout: &Layout) -> Result<Vec<(String, Table)>, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    Ok([(outer, inner), (outer, cols), (cols, inner)]
        .into_iter()
        .map(|(r, c)| (format!("{} x {}", r.label, c.label), two_way(cube, r, c, None)))
        .collect())
}

/// Table 7: system x process, system x knowledge, knowledge x process.
pub fn table7(cube: &Cube, layout: &Layout, format: Format) -> Result<String, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    let pairs = [(outer, inner), (outer, cols), (cols, inner)];
    match format {
        Format::Json => {
            let tables: Vec<Value> = pairs
                .iter()
                .map(|(r, c)| {
                    let mut counts = Map::new();
                    for rv in &r.values {
                        let mut m = Map::new();
                        for cv in &c.values {
                            m.insert(cv.key.clone(), cube.sum(&[(&r.key, &rv.key), (&c.key, &cv.key)]).into());
                        }
                        counts.insert(rv.key.clone(), m.into());
                    }
                    json!({"rows": r.key, "columns": c.key, "counts": counts})
                })
                .collect();
            Ok(serde_json::to_string_pretty(
                &json!({"view": "table7", "unit": cube.unit.key(), "rule": cube.rule.key(), "tables": tables, "references": cube.total()}),
            )
            .unwrap_or_default()
                + "\n")
        }
        Format::Csv => {
            let mut t = Table::new(["rows", "columns", "row_value", "column_value", "references"]);
            for (r, c) in pairs {
                for rv in &r.values {
                    for cv in &c.values {
                        t.row([
                            r.key.clone(),
                            c.key.clone(),
                            rv.key.clone(),
                            cv.key.clone(),
                            cube.sum(&[(&r.key, &rv.key), (&c.key, &cv.key)]).to_string(),
                        ]);
                    }
                }
            }
            Ok(t.to_csv())
        }
        Format::Table => {
            let parts: Vec<String> = table7_tables(cube, layout)?
                .into_iter()
                .map(|(title, t)| format!("{title}\n{}", t.to_text()))
                .collect();
            Ok(parts.join("\n"))
        }
    }
}

/// Table 8: for each value of each dimension, the grid of the other two, every three-way
/// cell shown with its count and bin; each panel ends with the two-way totals (counts only:
/// bins are defined for three-way cells).
pub fn table8(cube: &Cube, layout: &Layout, bins: Bins, format: Format) -> Result<String, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    let cell = |fixed: [(&Dimension, &str); 3]| cube.sum(&fixed.map(|(d, v)| (d.key.as_str(), v)));
    match format {
        Format::Json => {
            let cells: Vec<Value> = crate::analysis::cube::all_cells(&cube.dimensions)
                .into_iter()
                .map(|key| {
                    let mut m = Map::new();
                    for (d, v) in cube.dimensions.iter().zip(&key) {
                        m.insert(d.key.clone(), v.clone().into());
                    }
                    let n = cube.cells.get(&key).copied().unwrap_or(0);
                    m.insert("references".into(), n.into());
                    m.insert("level".into(), bins.label(n).into());
                    Value::Object(m)
                })
                .collect();
            let value = json!({"view": "table8", "unit": cube.unit.key(), "rule": cube.rule.key(), "bins": {"low_below": bins.0[0], "med_below": bins.0[1], "med_high_below": bins.0[2]}, "cells": cells});
            Ok(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n")
        }
        Format::Csv => {
            let mut t = Table::new([
                outer.key.clone(),
                inner.key.clone(),
                cols.key.clone(),
                "references".into(),
                "level".into(),
            ]);
            for o in &outer.values {
                for i in &inner.values {
                    for c in &cols.values {
                        let n = cell([(outer, &o.key), (inner, &i.key), (cols, &c.key)]);
                        t.row([o.key.clone(), i.key.clone(), c.key.clone(), n.to_string(), bins.label(n).to_owned()]);
                    }
                }
            }
            Ok(t.to_csv())
        }
        Format::Table => {
            let mut out = format!(
                "Levels: Low < {} <= Med < {} <= Med-High < {} <= High references\n",
                bins.0[0], bins.0[1], bins.0[2]
            );
            for panel in table8_panels(cube, layout, bins)? {
                out.push_str(&format!("\nBy {}\n", panel.by.to_lowercase()));
                for t in &panel.slices {
                    out.push('\n');
                    out.push_str(&t.to_text());
                }
                out.push('\n');
                out.push_str(&panel.totals.to_text());
            }
            Ok(out)
        }
    }
}

/// One panel of Table 8: the cube sliced by one dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table8Panel {
    /// The label of the dimension sliced by ("SECI process").
    pub by: String,
    /// One grid per value of that dimension, the value's label in the top-left cell; each
    /// three-way cell reads "count level" ("17 High") and is filled with its level's colour.
    pub slices: Vec<Table>,
    /// The two-way totals of the grid's dimensions (counts only: bins are for three-way cells).
    pub totals: Table,
}

/// Table 8 as its three panels: by process (grid knowledge x system), by knowledge (system x
/// process) and by system (knowledge x process), as the paper's.
pub fn table8_panels(cube: &Cube, layout: &Layout, bins: Bins) -> Result<Vec<Table8Panel>, String> {
    let (outer, inner, cols) = (dim(cube, &layout.outer)?, dim(cube, &layout.inner)?, dim(cube, &layout.columns)?);
    let panels = [(inner, cols, outer), (cols, outer, inner), (outer, cols, inner)];
    let cell = |fixed: [(&Dimension, &str); 3]| cube.sum(&fixed.map(|(d, v)| (d.key.as_str(), v)));
    Ok(panels
        .into_iter()
        .map(|(slice, rows, columns)| {
            let slices = slice
                .values
                .iter()
                .map(|s| {
                    let mut header = vec![s.label.clone()];
                    header.extend(columns.values.iter().map(|c| c.label.clone()));
                    let mut t = Table::new(header);
                    for (ri, r) in rows.values.iter().enumerate() {
                        let mut row = vec![r.label.clone()];
                        for (ci, c) in columns.values.iter().enumerate() {
                            let n = cell([(slice, &s.key), (rows, &r.key), (columns, &c.key)]);
                            row.push(format!("{n} {}", bins.label(n)));
                            t.fills.insert((ri, ci + 1), bins.colour(n).to_owned());
                        }
                        t.row(row);
                    }
                    t
                })
                .collect();
            Table8Panel { by: slice.label.clone(), slices, totals: two_way(cube, rows, columns, Some("Total")) }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cut_where_documented() {
        let b = Bins::default();
        assert_eq!(
            [0, 6, 7, 11, 12, 16, 17, 31].map(|n| b.label(n)),
            ["Low", "Low", "Med", "Med", "Med-High", "Med-High", "High", "High"]
        );
        assert_eq!(Bins::parse("1, 5,9"), Ok(Bins([1, 5, 9])));
        assert!(Bins::parse("5,1,9").is_err());
        assert!(Bins::parse("a,b").is_err());
    }
}

/// Cut points between observed Low | Medium | High for a two-way count (system x process,
/// system x knowledge). The default (13, 25) reads the paper's Table 7 the way its text does:
/// operational and collaborative socialization (19, 13) and operational externalization (13)
/// medium, collaborative externalization (47) and analytical combination (31) high, operational
/// combination (11) "fairly low", every system high for knowledge about customers (31, 46, 52),
/// and "relatively few" references for knowledge from customers (at most 12) low.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Levels(pub [usize; 2]);

impl Default for Levels {
    fn default() -> Self {
        Levels([13, 25])
    }
}

impl Levels {
    pub const LABELS: [&'static str; 3] = ["low", "medium", "high"];

    pub fn rank(&self, n: usize) -> usize {
        self.0.iter().filter(|t| n >= **t).count()
    }

    /// Parses "13,25": two increasing counts.
    pub fn parse(s: &str) -> Result<Levels, String> {
        let [a, b] = parse_thresholds::<2>(s, "levels", "13,25")?;
        Ok(Levels([a, b]))
    }
}

/// The range of observed ranks (0 low, 1 medium, 2 high) an expected level admits.
fn expected_ranks(level: &str) -> (usize, usize) {
    match level {
        "low" => (0, 0),
        "low/medium" => (0, 1),
        "medium" => (1, 1),
        "medium/high" => (1, 2),
        _ => (2, 2),
    }
}

/// One expected level beside what was observed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub row: crate::model::DimensionRef,
    pub column: crate::model::DimensionRef,
    /// The values' labels.
    pub row_label: String,
    pub column_label: String,
    pub references: usize,
    pub observed: &'static str,
    pub expected: String,
    pub agreement: &'static str,
}

/// Every expectation beside the observed two-way count and its level, in the framework's order.
pub fn comparisons(cube: &Cube, expectations: &[crate::model::Expectation], levels: Levels) -> Vec<Comparison> {
    let position = |d: &str, v: &str| {
        let di = cube.position(d).unwrap_or(usize::MAX);
        let vi =
            cube.dimensions.get(di).and_then(|dim| dim.values.iter().position(|x| x.key == v)).unwrap_or(usize::MAX);
        (di, vi)
    };
    let label = |d: &str, v: &str| {
        cube.dimensions
            .iter()
            .find(|x| x.key == d)
            .and_then(|x| x.values.iter().find(|y| y.key == v))
            .map(|y| y.label.clone())
            .unwrap_or_else(|| v.to_owned())
    };
    let mut rows: Vec<&crate::model::Expectation> = expectations.iter().collect();
    rows.sort_by_key(|e| (position(&e.row.dimension, &e.row.value), position(&e.column.dimension, &e.column.value)));
    rows.into_iter()
        .map(|e| {
            let n = cube.sum(&[(&e.row.dimension, &e.row.value), (&e.column.dimension, &e.column.value)]);
            let rank = levels.rank(n);
            let (lo, hi) = expected_ranks(&e.level);
            let agreement = if rank < lo {
                "lower than expected"
            } else if rank > hi {
                "higher than expected"
            } else {
                "as expected"
            };
            Comparison {
                row: e.row.clone(),
                column: e.column.clone(),
                row_label: label(&e.row.dimension, &e.row.value),
                column_label: label(&e.column.dimension, &e.column.value),
                references: n,
                observed: Levels::LABELS[rank],
                expected: e.level.clone(),
                agreement,
            }
        })
        .collect()
}

/// Observed levels beside the study's expected ones, for every pair the project has an
/// expectation for (Khodakarami & Chan's Table 1 against their Table 7).
pub fn expected(
    cube: &Cube,
    expectations: &[crate::model::Expectation],
    levels: Levels,
    format: Format,
) -> Result<String, String> {
    if expectations.is_empty() {
        return Err("the project records no expected levels; add them to compare (see the CRM sample's project.json, \"expectations\")".into());
    }
    let mut t = Table::new(["row", "column", "references", "observed", "expected", "agreement"]);
    let mut json_rows = Vec::new();
    for c in comparisons(cube, expectations, levels) {
        t.row([
            c.row_label.clone(),
            c.column_label.clone(),
            c.references.to_string(),
            c.observed.to_owned(),
            c.expected.clone(),
            c.agreement.to_owned(),
        ]);
        json_rows.push(json!({
            "row": {&c.row.dimension: c.row.value}, "column": {&c.column.dimension: c.column.value},
            "references": c.references, "observed": c.observed, "expected": c.expected, "agreement": c.agreement,
        }));
    }
    Ok(match format {
        Format::Table => {
            format!("Observed: low < {} <= medium < {} <= high references\n\n{}", levels.0[0], levels.0[1], t.to_text())
        }
        Format::Csv => t.to_csv(),
        Format::Json => {
            let value = json!({"view": "expected", "levels": {"medium_from": levels.0[0], "high_from": levels.0[1]}, "pairs": json_rows});
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
    })
}
