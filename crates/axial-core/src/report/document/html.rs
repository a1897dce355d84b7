//! A document as one self-contained HTML page: inline CSS, no scripts, no outside resources,
//! figures' SVG inlined. Written as XHTML-compatible markup (void elements self-closed, every
//! element closed) so it also reads as XML; print-friendly (bordered tables whose header row
//! repeats on each page, rows, quotes and figures kept whole).

use super::{Block, Doc, escape_xml, paragraphs, safe_anchor};
use crate::report::Table;

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
  line-height: 1.45; color: #111; background: #fff; }
h1, h2, h3, h4 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.2;
  page-break-after: avoid; break-after: avoid; }
h2 { margin-top: 2em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 0.6em 0 0.3em; font-size: 0.9em; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #555; padding: 0.2em 0.5em; vertical-align: top; text-align: left; }
th { background: #e6e6e6; }
th, td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; }
thead { display: table-header-group; }
tr, blockquote, figure, table.short { page-break-inside: avoid; break-inside: avoid; }
p.note { font-size: 0.85em; color: #333; margin-top: 0.2em; }
blockquote.quote { margin: 0.9em 2em; padding-left: 1em; border-left: 3px solid #999; }
blockquote.quote p { margin: 0.3em 0; }
blockquote.quote p.source { font-size: 0.85em; color: #444; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; font-weight: bold; }
nav.toc ul { list-style: none; padding-left: 0; }
nav.toc li.level2 { margin-left: 1.5em; }
@page { size: A4; margin: 2cm; }
@media print { body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; } nav.toc { page-break-after: always; } }
";

/// Tables of at most this many rows are kept whole on a printed page.
const SHORT_TABLE: usize = 25;

pub fn to_html(doc: &Doc) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n", escape_xml(&doc.title)));
    out.push_str(&format!("<h1>{}</h1>\n", escape_xml(&doc.title)));
    for block in &doc.blocks {
        block_html(doc, block, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn block_html(doc: &Doc, block: &Block, out: &mut String) {
    match block {
        Block::Heading { level, text, anchor } => {
            let h = (*level).clamp(1, 5) + 1;
            let id = anchor.as_deref().map(|a| format!(" id=\"{}\"", safe_anchor(a))).unwrap_or_default();
            out.push_str(&format!("<h{h}{id} dir=\"auto\">{}</h{h}>\n", escape_xml(text)));
        }
        Block::Paragraph(text) => out.push_str(&format!("<p dir=\"auto\">{}</p>\n", with_breaks(text))),
        Block::Table { caption, table, note } => {
            table_html(caption, table, out);
            if let Some(note) = note {
                out.push_str(&format!("<p class=\"note\" dir=\"auto\">{}</p>\n", with_breaks(note)));
            }
        }
        Block::Quote { text, source } => {
            out.push_str("<blockquote class=\"quote\">");
            for p in paragraphs(text) {
                out.push_str(&format!("<p dir=\"auto\">{}</p>", with_breaks(p)));
            }
            out.push_str(&format!("<p class=\"source\">\u{2014} {}</p></blockquote>\n", escape_xml(source)));
        }
        Block::Figure { svg, caption } => {
            out.push_str(&format!(
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                inline_svg(svg),
                escape_xml(caption)
            ));
        }
        Block::Contents => {
            out.push_str("<nav class=\"toc\">\n<h2>Contents</h2>\n<ul>\n");
            for (level, text, anchor) in doc.contents() {
                out.push_str(&format!(
                    "<li class=\"level{level}\" dir=\"auto\"><a href=\"#{}\">{}</a></li>\n",
                    safe_anchor(anchor),
                    escape_xml(text)
                ));
            }
            out.push_str("</ul>\n</nav>\n");
        }
    }
}

fn table_html(caption: &str, t: &Table, out: &mut String) {
    let cols = t.columns();
    let numeric: Vec<bool> = (0..cols).map(|i| t.is_numeric(i)).collect();
    let class = |i: usize| if numeric[i] { " class=\"num\"" } else { "" };
    // A short table is kept on one page with its caption; a long one breaks between rows.
    let short = if t.rows.len() <= SHORT_TABLE { " class=\"short\"" } else { "" };
    out.push_str(&format!("<table{short}>\n<caption>{}</caption>\n<thead><tr>", escape_xml(caption)));
    for i in 0..cols {
        let text = t.header.get(i).map(String::as_str).unwrap_or("");
        out.push_str(&format!("<th{} dir=\"auto\">{}</th>", class(i), with_breaks(text)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in t.rows.iter().enumerate() {
        out.push_str(if t.is_total(r) { "<tr class=\"total\">" } else { "<tr>" });
        for i in 0..cols {
            let text = row.get(i).map(String::as_str).unwrap_or("");
            let fill = t.fills.get(&(r, i)).filter(|f| f.chars().all(|c| c.is_ascii_hexdigit()));
            let style = fill.map(|f| format!(" style=\"background:#{f}\"")).unwrap_or_default();
            out.push_str(&format!("<td{}{style} dir=\"auto\">{}</td>", class(i), with_breaks(text)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Escaped text, each newline a `<br/>`.
fn with_breaks(text: &str) -> String {
    text.trim().lines().map(escape_xml).collect::<Vec<_>>().join("<br/>")
}

/// An SVG document ready to sit inside the page: its XML declaration, doctype and comments
/// before the root dropped.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg[i..].trim_end(),
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_reads_as_xml_with_every_text_escaped() {
        let mut d = Doc::new("Model <&> \"thesis\"");
        d.blocks.push(Block::Contents);
        d.section(1, "Codebook", "codebook");
        let mut t = Table::new(["Code", "References"]);
        t.row(["<script>alert(1)</script>", "3"]);
        t.total_row(["Total", "3"]);
        d.table("Codes & counts", t, Some("Counting unit: passages".into()));
        d.quote("one\n\ntwo", "Interview 1");
        d.figure(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
            "F",
        );
        let html = to_html(&d);
        let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        let xml = roxmltree::Document::parse_with_options(&html, opts).expect("well-formed");
        let count = |tag: &str| xml.descendants().filter(|n| n.has_tag_name(tag)).count();
        assert_eq!((count("table"), count("tr"), count("blockquote"), count("svg")), (1, 3, 1, 1));
        assert_eq!(count("script"), 0, "user text is never markup");
        assert!(html.contains("&lt;script&gt;"));
        let link = xml.descendants().find(|n| n.has_tag_name("a")).unwrap();
        assert_eq!(link.attribute("href"), Some("#codebook"));
        assert!(xml.descendants().any(|n| n.attribute("id") == Some("codebook")));
        let total = xml.descendants().find(|n| n.attribute("class") == Some("total")).unwrap();
        assert_eq!(
            total.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect::<Vec<_>>(),
            ["Total", "3"]
        );
        for outside in ["src=", "<link", "href=\"http", "<script", "url("] {
            assert!(!html.contains(outside), "no outside resources or scripts: {outside}");
        }
    }
}
