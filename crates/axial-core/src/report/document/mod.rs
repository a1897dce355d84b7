//! A small document model for thesis outputs: a title and a list of blocks (headings,
//! paragraphs, tables with caption and note, quotations with their source, figures), written
//! as Markdown ([`to_markdown`]), a Word document ([`to_docx`]) or one self-contained HTML page
//! ([`to_html`]). Builders ([`super::thesis`]) say what a document holds; the renderers only
//! say how it looks, so the three formats always carry the same text.

mod docx;
mod html;
mod markdown;

pub use docx::to_docx;
pub use html::to_html;
pub use markdown::to_markdown;

use super::Table;

/// A document: its title (the first line of every rendering) and what follows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One block of a document. Text is plain: renderers escape it, and a newline in it is a line
/// break (a blank line, in a quote, a new paragraph).
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading; level 1 is the highest below the title. An anchor (letters, digits,
    /// `-`) lets the table of contents link to it.
    Heading {
        level: u8,
        text: String,
        anchor: Option<String>,
    },
    Paragraph(String),
    /// A table with its caption (above it) and an optional note (below it: what is counted).
    Table {
        caption: String,
        table: Table,
        note: Option<String>,
    },
    /// A quotation: the words as a block quote, then the line saying where they are from.
    Quote {
        text: String,
        source: String,
    },
    /// An SVG picture with its caption. HTML inlines the SVG; DOCX embeds it as a PNG drawn by
    /// [`super::png::rasterise`] (or says it is exported separately, should that fail);
    /// Markdown names it in its caption, as Markdown cannot hold it.
    Figure {
        svg: String,
        caption: String,
    },
    /// The table of contents: every heading of level 1 or 2 that has an anchor, linked.
    Contents,
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Doc {
        Doc { title: title.into(), blocks: Vec::new() }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading { level, text: text.into(), anchor: None });
    }

    /// A heading the table of contents links to.
    pub fn section(&mut self, level: u8, text: impl Into<String>, anchor: impl Into<String>) {
        self.blocks.push(Block::Heading { level, text: text.into(), anchor: Some(anchor.into()) });
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    pub fn table(&mut self, caption: impl Into<String>, table: Table, note: Option<String>) {
        self.blocks.push(Block::Table { caption: caption.into(), table, note });
    }

    pub fn quote(&mut self, text: impl Into<String>, source: impl Into<String>) {
        self.blocks.push(Block::Quote { text: text.into(), source: source.into() });
    }

    pub fn figure(&mut self, svg: impl Into<String>, caption: impl Into<String>) {
        self.blocks.push(Block::Figure { svg: svg.into(), caption: caption.into() });
    }

    /// The headings the table of contents lists: (level, text, anchor).
    pub fn contents(&self) -> Vec<(u8, &str, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, anchor: Some(anchor) } if *level <= 2 => {
                    Some((*level, text.as_str(), anchor.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table { table, .. } => Some(table),
            _ => None,
        })
    }

    /// How many quotations the document holds.
    pub fn quotes(&self) -> usize {
        self.blocks.iter().filter(|b| matches!(b, Block::Quote { .. })).count()
    }
}

/// Whether `c` may appear in an XML 1.0 document (HTML and DOCX drop the others: a transcript
/// may hold stray control characters).
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` escaped for XML and HTML text and attribute values, characters XML cannot hold dropped.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An anchor made safe for an HTML id and a Word bookmark: ASCII letters, digits and `-`,
/// starting with a letter, at most 40 characters.
pub(crate) fn safe_anchor(anchor: &str) -> String {
    let mut out: String = anchor.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).take(38).collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "a-");
    }
    out
}

/// The paragraphs of a quotation: split at blank lines, each trimmed, empty ones dropped.
pub(crate) fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_drops_what_xml_cannot_hold_and_anchors_are_safe() {
        assert_eq!(escape_xml("a<b & \"c\"\u{1}\u{b}é"), "a&lt;b &amp; &quot;c&quot;é");
        assert_eq!(safe_anchor("category 12"), "category-12");
        assert_eq!(safe_anchor("3rd"), "a-3rd");
        assert!(safe_anchor(&"x".repeat(80)).len() <= 40);
    }

    #[test]
    fn contents_lists_anchored_headings_of_the_top_two_levels() {
        let mut d = Doc::new("T");
        d.section(1, "One", "one");
        d.heading(1, "No anchor");
        d.section(2, "Two", "two");
        d.section(3, "Three", "three");
        assert_eq!(d.contents(), [(1, "One", "one"), (2, "Two", "two")]);
    }
}
