//! A document as GitHub-flavoured Markdown: pipe tables (numbers right-aligned, `|` escaped, a
//! newline in a cell as `<br>`), quotations as block quotes ending in their source, anchors as
//! `<a id>` before their headings.

use super::{Block, Doc, paragraphs, safe_anchor};
use crate::report::Table;

pub fn to_markdown(doc: &Doc) -> String {
    let mut out = format!("# {}\n", line(&doc.title));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text, anchor } => {
                if let Some(a) = anchor {
                    out.push_str(&format!("<a id=\"{}\"></a>\n\n", safe_anchor(a)));
                }
                let hashes = "#".repeat(usize::from((*level).clamp(1, 5)) + 1);
                out.push_str(&format!("{hashes} {}\n", line(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n", lines(text))),
            Block::Table { caption, table, note } => {
                out.push_str(&format!("**{}**\n\n", inline(caption)));
                out.push_str(&pipe_table(table));
                if let Some(note) = note {
                    out.push_str(&format!("\n*{}*\n", inline(note)));
                }
            }
            Block::Quote { text, source } => {
                for (i, p) in paragraphs(text).enumerate() {
                    if i > 0 {
                        out.push_str(">\n");
                    }
                    out.push_str(&format!("> {}\n", lines(p).replace('\n', "\n> ")));
                }
                out.push_str(&format!(">\n> \u{2014} {}\n", inline(source)));
            }
            Block::Figure { caption, .. } => {
                out.push_str(&format!("*{} (figure exported separately as SVG)*\n", inline(caption)));
            }
            Block::Contents => {
                for (level, text, anchor) in doc.contents() {
                    let indent = "  ".repeat(usize::from(level.saturating_sub(1)));
                    out.push_str(&format!("{indent}- [{}](#{})\n", inline(text), safe_anchor(anchor)));
                }
            }
        }
    }
    out
}

/// A pipe table: a header row, a delimiter row (`---:` for numeric columns), one row per row.
pub(crate) fn pipe_table(t: &Table) -> String {
    let cols = t.columns().max(1);
    let row = |cells: &[String]| {
        let cells: Vec<String> = (0..cols).map(|i| cell(cells.get(i).map(String::as_str).unwrap_or(""))).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = row(&t.header);
    let rule: Vec<&str> = (0..cols).map(|i| if t.is_numeric(i) { "---:" } else { "---" }).collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for r in &t.rows {
        out.push_str(&row(r));
    }
    out
}

/// A table cell: inline text on one line, line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.trim().lines().map(|l| inline(l.trim())).collect::<Vec<_>>().join("<br>")
}

/// Text where Markdown reads no markup: punctuation that could open emphasis, code, links,
/// HTML or a table cell is escaped with a backslash.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One line that must not start a heading, list, rule or code block.
fn line(text: &str) -> String {
    let text = inline(text.trim());
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{text}"),
        _ if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) => {
            format!("{}\\{}", &text[..digits], &text[digits..])
        }
        _ => text,
    }
}

/// Lines of one paragraph, each kept (a hard break `\` ends all but the last).
fn lines(text: &str) -> String {
    let kept: Vec<String> = text.trim().lines().map(line).filter(|l| !l.is_empty()).collect();
    kept.join("\\\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The cells of one pipe-table row, unescaped (`\|` back to `|`, `<br>` back to a newline).
    pub(crate) fn split_row(row: &str) -> Vec<String> {
        let inner = row.trim().strip_prefix('|').and_then(|r| r.strip_suffix('|')).expect("a pipe row");
        let mut cells = vec![String::new()];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => cells.last_mut().unwrap().extend(chars.next()),
                '|' => cells.push(String::new()),
                c => cells.last_mut().unwrap().push(c),
            }
        }
        cells.into_iter().map(|c| c.trim().replace("<br>", "\n")).collect()
    }

    #[test]
    fn a_table_reads_back_cell_for_cell_with_pipes_newlines_and_markup() {
        let mut t = Table::new(["Code", "Definition", "References"]);
        t.row(["Web | phone", "Line one\nline two", "12"]);
        t.row(["*Trust*", "a_b [x] <y>", "3"]);
        let md = pipe_table(&t);
        let rows: Vec<&str> = md.lines().collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(split_row(rows[0]), t.header);
        assert_eq!(split_row(rows[1]), ["---", "---", "---:"], "numbers right-aligned");
        assert_eq!(split_row(rows[2]), t.rows[0]);
        assert_eq!(split_row(rows[3]), t.rows[1]);
    }

    #[test]
    fn quotes_keep_their_paragraphs_inside_the_block_quote_and_end_with_the_source() {
        let mut d = Doc::new("Quotes");
        d.quote("First line\nsecond line\n\n# not a heading", "Interview 1, Ann, 3\u{2013}9, code: X");
        let md = to_markdown(&d);
        let body: Vec<&str> = md.lines().skip(2).collect();
        assert_eq!(
            body,
            [
                "> First line\\",
                "> second line",
                ">",
                "> \\# not a heading",
                ">",
                "> \u{2014} Interview 1, Ann, 3\u{2013}9, code: X"
            ]
        );
    }

    #[test]
    fn headings_are_one_below_the_title_and_cannot_be_forged() {
        let mut d = Doc::new("1. Model");
        d.section(1, "Codebook", "codebook");
        d.paragraph("- not a list\n42) nor this");
        let md = to_markdown(&d);
        assert!(md.starts_with("# 1\\. Model\n"), "{md}");
        assert!(md.contains("<a id=\"codebook\"></a>\n\n## Codebook\n"), "{md}");
        assert!(md.contains("\\- not a list\\\n42\\) nor this\n"), "{md}");
    }
}
