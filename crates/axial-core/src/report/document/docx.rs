//! A document as a Word file: a minimal WordprocessingML package written with the zip crate
//! (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml`,
//! `word/_rels/document.xml.rels`, `docProps/core.xml`, and `word/media/*.png` for figures).
//! Tables are real `w:tbl`s in a bordered table style, their header row repeated on every page,
//! numbers right-aligned; A4 pages with 2.5 cm margins, landscape when a table is too wide for
//! portrait (a codebook with definitions). Headings with an anchor carry a bookmark the contents
//! link to. A figure is embedded as a PNG drawn from its SVG.

use super::{Block, Doc, escape_xml, paragraphs, safe_anchor};
use crate::report::Table;
use std::io::Write as _;

mod parts;

/// A4 in twentieths of a point (portrait), and the margins.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const MARGIN: u32 = 1418;
/// The width text and tables have on a portrait page.
const TEXT_WIDTH: u32 = A4_SHORT - 2 * MARGIN;
/// English Metric Units per twip (a figure's size).
const EMU_PER_TWIP: u64 = 635;

/// The `.docx` bytes of `doc`.
pub fn to_docx(doc: &Doc) -> Vec<u8> {
    let landscape = doc.tables().any(too_wide_for_portrait);
    let (width, height) = if landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) };
    let mut w = Body { width: width - 2 * MARGIN, height: height - 2 * MARGIN, ..Body::default() };
    w.para("Title", "", &runs(&doc.title, ""));
    for block in &doc.blocks {
        w.block(doc, block);
    }
    let orient = if landscape { " w:orient=\"landscape\"" } else { "" };
    w.xml.push_str(&format!(
        "<w:sectPr><w:pgSz w:w=\"{width}\" w:h=\"{height}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" \
         w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"709\" w:footer=\"709\" \
         w:gutter=\"0\"/></w:sectPr>"
    ));
    package(&doc.title, &w)
}

/// Whether a table's columns leave its long texts too little room on a portrait page: its
/// shortest widths take most of the page and its texts want half a page more than there is.
fn too_wide_for_portrait(t: &Table) -> bool {
    let (min, want) = widths_wanted(t);
    min.iter().sum::<u32>() > TEXT_WIDTH * 3 / 4 && want.iter().sum::<u32>() > TEXT_WIDTH * 3 / 2
}

/// The zip: every part, with its content type and relationships.
fn package(title: &str, w: &Body) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time, so the same document gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).expect("a zip entry starts in memory");
        zip.write_all(bytes).expect("a zip entry is written in memory");
    };
    add("[Content_Types].xml", parts::content_types(!w.images.is_empty()).as_bytes());
    add("_rels/.rels", parts::PACKAGE_RELS.as_bytes());
    add("docProps/core.xml", parts::core(title).as_bytes());
    add("word/document.xml", parts::document(&w.xml).as_bytes());
    add("word/styles.xml", parts::STYLES.as_bytes());
    add("word/_rels/document.xml.rels", parts::document_rels(w.images.len()).as_bytes());
    for (i, png) in w.images.iter().enumerate() {
        add(&format!("word/media/figure{}.png", i + 1), png);
    }
    zip.finish().expect("a zip in memory finishes").into_inner()
}

/// `word/document.xml`'s body as it is written, and the figures' PNGs.
#[derive(Default)]
struct Body {
    xml: String,
    images: Vec<Vec<u8>>,
    bookmarks: usize,
    /// The text's width and height on the page, in twips.
    width: u32,
    height: u32,
}

impl Body {
    /// A paragraph of `style` holding `runs`, right to left (`w:bidi`) when `text`, what the
    /// runs say, starts with a right-to-left letter: Word then lays it out from the right.
    fn para(&mut self, style: &str, text: &str, runs: &str) {
        let bidi = direction(text);
        self.xml.push_str(&format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{bidi}</w:pPr>{runs}</w:p>"));
    }

    fn block(&mut self, doc: &Doc, block: &Block) {
        match block {
            Block::Heading { level, text, anchor } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                let mut body = runs(text, "");
                if let Some(a) = anchor {
                    self.bookmarks += 1;
                    let (id, name) = (self.bookmarks, safe_anchor(a));
                    body = format!(
                        "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{body}<w:bookmarkEnd w:id=\"{id}\"/>"
                    );
                }
                self.para(&style, text, &body);
            }
            Block::Paragraph(text) => self.para("Normal", text, &runs(text, "")),
            Block::Table { caption, table: t, note } => {
                self.para("Caption", caption, &runs(caption, ""));
                self.table(t);
                match note {
                    Some(note) => self.para("TableNote", note, &runs(note, "")),
                    // Two tables in a row would merge into one without a paragraph between.
                    None => self.para("Spacer", "", ""),
                }
            }
            Block::Quote { text, source } => {
                for p in paragraphs(text) {
                    self.para("Quote", p, &runs(p, ""));
                }
                self.para("QuoteSource", "", &runs(&format!("\u{2014} {source}"), ""));
            }
            Block::Figure { svg, caption } => self.figure(svg, caption),
            Block::Contents => {
                self.para("TOCHeading", "", &runs("Contents", ""));
                for (level, text, anchor) in doc.contents() {
                    let link =
                        format!("<w:hyperlink w:anchor=\"{}\">{}</w:hyperlink>", safe_anchor(anchor), runs(text, ""));
                    self.para(&format!("TOC{level}"), text, &link);
                }
            }
        }
    }

    /// A table at its columns' widths: the header row shaded, bold and repeated on each page,
    /// totals bold, numeric columns right-aligned, no row split across pages.
    fn table(&mut self, t: &Table) {
        let cols = t.columns().max(1);
        let widths = column_widths(t, self.width);
        let numeric: Vec<bool> = (0..cols).map(|i| t.is_numeric(i)).collect();
        self.xml.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"AxialTable\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/>\
             <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" \
             w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            widths.iter().sum::<u32>()
        ));
        for w in &widths {
            self.xml.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.xml.push_str("</w:tblGrid>");
        let mut row = |cells: &[String], index: Option<usize>, bold: bool| {
            let header = index.is_none();
            let tr = if header {
                "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            } else {
                "<w:trPr><w:cantSplit/></w:trPr>"
            };
            self.xml.push_str(&format!("<w:tr>{tr}"));
            for (i, w) in widths.iter().enumerate() {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let fill = match index {
                    None => Some("E6E6E6"),
                    Some(r) => t.fills.get(&(r, i)).map(String::as_str),
                };
                let shade =
                    fill.map(|f| format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>", escape_xml(f)));
                let shade = shade.unwrap_or_default();
                let jc = if numeric[i] && !(header && i == 0) { "<w:jc w:val=\"right\"/>" } else { "" };
                let bidi = direction(text);
                let rpr = if bold { "<w:rPr><w:b/><w:bCs/></w:rPr>" } else { "" };
                self.xml.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{shade}</w:tcPr><w:p><w:pPr>\
                     <w:pStyle w:val=\"TableText\"/>{bidi}{jc}</w:pPr>{}</w:p></w:tc>",
                    runs(text, rpr)
                ));
            }
            self.xml.push_str("</w:tr>");
        };
        row(&t.header, None, true);
        for (i, r) in t.rows.iter().enumerate() {
            row(r, Some(i), t.is_total(i));
        }
        self.xml.push_str("</w:tbl>");
    }

    /// The figure as a PNG at most the text's width (and most of a page's height), its caption
    /// below; if the SVG cannot be drawn, the caption says the figure is exported separately.
    fn figure(&mut self, svg: &str, caption: &str) {
        let png = crate::report::png::rasterise(svg, 2.0).ok().filter(|png| png.len() > 24);
        let Some(png) = png else {
            self.para("Caption", "", &runs(&format!("{caption} (figure exported separately as SVG)"), ""));
            return;
        };
        let px = |at: usize| u64::from(u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]));
        // Drawn at 2 pixels per SVG unit; an SVG unit is a CSS pixel, 15 twips.
        let (w, h) = ((px(16) * 15 / 2).max(1) * EMU_PER_TWIP, (px(20) * 15 / 2).max(1) * EMU_PER_TWIP);
        // At most the text's width, and room for the caption below.
        let (max_w, max_h) = (u64::from(self.width) * EMU_PER_TWIP, u64::from(self.height * 4 / 5) * EMU_PER_TWIP);
        // Shrunk by the tighter of the two limits, if either is passed.
        let (num, den) = if w * max_h > h * max_w { (max_w, w) } else { (max_h, h) };
        let (cx, cy) = if num < den { (w * num / den, h * num / den) } else { (w, h) };
        self.images.push(png);
        let n = self.images.len();
        self.para("Figure", "", &format!("<w:r>{}</w:r>", parts::drawing(n, cx.max(1), cy.max(1))));
        self.para("Caption", caption, &runs(caption, ""));
    }
}

/// Runs of `text` with run properties `rpr`: a newline is a line break, a tab a tab.
fn runs(text: &str, rpr: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.trim_end().split('\n').enumerate() {
        if i > 0 {
            out.push_str(&format!("<w:r>{rpr}<w:br/></w:r>"));
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str(&format!("<w:r>{rpr}<w:tab/></w:r>"));
            }
            if !piece.is_empty() {
                out.push_str(&format!("<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape_xml(piece)));
            }
        }
    }
    out
}

/// The narrowest each column may be (its longest word, a header's in bold) and the width its
/// longest line wants, in twips.
fn widths_wanted(t: &Table) -> (Vec<u32>, Vec<u32>) {
    // A character of 9 pt Calibri (or Carlito, its metric twin) is under 100 twips wide on
    // average, 110 in bold; cell margins and borders take about 200.
    let twips = |chars: usize, per: u32| (chars.min(4000) as u32) * per + 200;
    let longest_word = |cell: &str| cell.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let longest_line = |cell: &str| cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let cols = t.columns().max(1);
    fn cell(r: &[String], i: usize) -> &str {
        r.get(i).map(String::as_str).unwrap_or("")
    }
    let measure = |i: usize, f: &dyn Fn(&str) -> usize| {
        let body = t.rows.iter().map(|r| f(cell(r, i))).max().unwrap_or(0);
        twips(body, 100).max(twips(f(cell(&t.header, i)), 110))
    };
    let min: Vec<u32> = (0..cols).map(|i| measure(i, &|c| longest_word(c).min(20))).collect();
    let want: Vec<u32> = (0..cols).map(|i| measure(i, &longest_line).max(min[i])).collect();
    (min, want)
}

/// Column widths (twips) that fill `total`. When every line fits, numeric columns are made as
/// wide as the widest of them and the spare width is shared out evenly. Otherwise each column
/// gets a width in proportion to its longest line, but never less than its longest word: the
/// wrapping columns then take about as many lines each, so no row is taller than it must be.
fn column_widths(t: &Table, total: u32) -> Vec<u32> {
    let (min, want) = widths_wanted(t);
    let (min_sum, want_sum) = (min.iter().sum::<u32>(), want.iter().sum::<u32>());
    if want_sum <= total {
        let numeric: Vec<bool> = (0..want.len()).map(|i| i > 0 && t.is_numeric(i)).collect();
        let widest = want.iter().zip(&numeric).filter(|(_, n)| **n).map(|(w, _)| *w).max().unwrap_or(0);
        let even: Vec<u32> = want.iter().zip(&numeric).map(|(w, n)| if *n { widest } else { *w }).collect();
        let base = if even.iter().sum::<u32>() <= total { even } else { want };
        let spare = (total - base.iter().sum::<u32>()) / base.len() as u32;
        return base.iter().map(|w| w + spare).collect();
    }
    if min_sum >= total {
        return min.iter().map(|w| (u64::from(*w) * u64::from(total) / u64::from(min_sum)) as u32).collect();
    }
    // Columns held at their narrowest; the others share what is left in proportion to `want`.
    let mut held = vec![false; min.len()];
    loop {
        let room = total - (0..min.len()).filter(|&i| held[i]).map(|i| min[i]).sum::<u32>();
        let wanted = (0..min.len()).filter(|&i| !held[i]).map(|i| u64::from(want[i])).sum::<u64>().max(1);
        let width = |i: usize| (u64::from(want[i]) * u64::from(room) / wanted) as u32;
        let newly: Vec<usize> = (0..min.len()).filter(|&i| !held[i] && width(i) < min[i]).collect();
        if newly.is_empty() {
            return (0..min.len()).map(|i| if held[i] { min[i] } else { width(i) }).collect();
        }
        for i in newly {
            held[i] = true;
        }
    }
}

#[cfg(test)]
mod tests;

/// `<w:bidi/>` for a paragraph whose text reads right to left, else nothing.
fn direction(text: &str) -> &'static str {
    if crate::bidi::base_is_rtl(text) { "<w:bidi/>" } else { "" }
}
