//! A small table: a header, rows of cells, rendered as aligned text or as CSV (and, through
//! [`super::document`], as Markdown, DOCX and HTML).

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Indexes into `rows` of the rows that are totals (margins): a document sets them in bold;
    /// text and CSV show them as any row.
    pub totals: Vec<usize>,
    /// Background colours of cells ("FFD966"), by (row, column) of `rows`: a document shades
    /// them (Table 8's levels); text and CSV do not.
    pub fills: std::collections::BTreeMap<(usize, usize), String>,
}

impl Table {
    pub fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Table { header: header.into_iter().map(Into::into).collect(), ..Table::default() }
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Adds a row of totals.
    pub fn total_row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.totals.push(self.rows.len());
        self.row(cells);
    }

    /// Whether row `i` is a row of totals.
    pub fn is_total(&self, i: usize) -> bool {
        self.totals.contains(&i)
    }

    /// The number of columns: the header's, or the longest row's.
    pub fn columns(&self) -> usize {
        self.header.len().max(self.rows.iter().map(Vec::len).max().unwrap_or(0))
    }

    /// Whether column `i` holds numbers: every non-empty cell parses as one, and one at least
    /// is not empty. Numbers are right-aligned.
    pub fn is_numeric(&self, i: usize) -> bool {
        self.rows.iter().filter_map(|r| r.get(i)).filter(|c| !c.is_empty()).all(|c| c.parse::<f64>().is_ok())
            && self.rows.iter().any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
    }

    /// Aligned columns: text left, numbers right, a rule under the header. Cells are measured
    /// in terminal columns (zero for a joiner or a combining mark, two for a wide CJK
    /// character), so a column of Persian or Chinese names lines up.
    pub fn to_text(&self) -> String {
        use unicode_width::UnicodeWidthStr;
        let cols = self.columns();
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..cols).map(width).collect();
        let numeric: Vec<bool> = (0..cols).map(|i| self.is_numeric(i)).collect();
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let pad = w.saturating_sub(cell.width());
                if i > 0 {
                    out.push_str("  ");
                }
                if numeric[i] && i > 0 {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                }
            }
            out.trim_end().to_owned() + "\n"
        };
        let mut out = line(&self.header);
        out.push_str(&(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  ") + "\n"));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }

    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&self.header);
        for row in &self.rows {
            let _ = w.write_record(row);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Persian name with a zero-width non-joiner and a CJK name take the columns a terminal
    /// gives them: the next column starts at the same place on every line.
    #[test]
    fn columns_line_up_for_joiners_and_wide_characters() {
        let mut t = Table::new(["name", "n"]);
        t.row(["می\u{200c}خواهم", "1"]);
        t.row(["客户", "2"]);
        t.row(["plain", "3"]);
        let text = t.to_text();
        use unicode_width::UnicodeWidthStr;
        let columns: Vec<usize> = text.lines().skip(2).map(|l| l.trim_end().width()).collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn aligns_and_quotes() {
        let mut t = Table::new(["Code", "References"]);
        t.row(["Call centre, advice", "12"]);
        t.row(["Web", "3"]);
        assert_eq!(
            t.to_text(),
            "Code                 References\n-------------------  ----------\nCall centre, advice          12\nWeb                           3\n"
        );
        assert_eq!(t.to_csv(), "Code,References\n\"Call centre, advice\",12\nWeb,3\n");
    }
}
