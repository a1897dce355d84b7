//! Reads the text of an OpenDocument Text (`.odt`, as LibreOffice, Google Docs and Word save
//! it) the way [`docx`](crate::io::docx) reads Word: headings and paragraphs one per line
//! (list items too), tables one line per row with cells separated by " | ", line breaks,
//! tabs and runs of spaces, and footnotes and endnotes marked `[n]` in the text and listed at
//! the end. Comments (`office:annotation`), frames (pictures, text boxes, shapes, charts) and
//! tracked deletions are left out. Only `content.xml` is read: page headers and footers live
//! in `styles.xml` and are not part of the transcript.
//!
//! Elements are matched by namespace, not by prefix, so a file whose writer chose other
//! prefixes reads the same.

use crate::io::limits::{MAX_ODT_PART_BYTES, size_text};
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::io::Read;

#[derive(Debug, thiserror::Error)]
pub enum OdtError {
    #[error("is not a valid .odt (it is not a readable zip archive: {0}); it may be damaged, truncated or renamed")]
    NotZip(String),
    #[error("is a zip archive but not an OpenDocument Text (it has no content.xml)")]
    NotOdt,
    #[error(
        "is an OpenDocument file but not a text document (it is {0}); save it as an .odt text document or a .txt and import that"
    )]
    OtherKind(String),
    #[error("is a damaged .odt (its {part} cannot be read: {detail})")]
    Damaged { part: &'static str, detail: String },
    #[error("contains no text")]
    NoText,
    #[error(
        "is an .odt whose {part} unpacks to more than {}, more than Axial reads (a zip bomb, or a document too long for one transcript); split it into smaller documents",
        size_text(*max)
    )]
    TooBig { part: &'static str, max: u64 },
}

/// The text of an `.odt` given as bytes, with `\n` line ends. `content.xml` is read up to
/// [`MAX_ODT_PART_BYTES`] unpacked.
pub fn read_odt(bytes: &[u8]) -> Result<String, OdtError> {
    read_odt_capped(bytes, MAX_ODT_PART_BYTES)
}

fn read_odt_capped(bytes: &[u8], max: u64) -> Result<String, OdtError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| OdtError::NotZip(e.to_string()))?;
    // The `mimetype` entry names the kind of OpenDocument: a spreadsheet or a presentation has
    // a content.xml too, but no text body. It is only a hint: one that is missing, damaged or
    // implausibly long is passed over and content.xml decides.
    if let Ok(Some(kind)) = part(&mut archive, "mimetype", "type", 1024) {
        let kind = kind.trim();
        if !kind.is_empty() && !kind.starts_with("application/vnd.oasis.opendocument.text") {
            return Err(OdtError::OtherKind(describe_kind(kind)));
        }
    }
    let Some(xml) = part(&mut archive, "content.xml", "document body", max)? else {
        return Err(OdtError::NotOdt);
    };
    let parsed = parse(&xml)?;
    let mut text = parsed.paragraphs.join("\n");
    for (heading, notes) in [("Footnotes", &parsed.footnotes), ("Endnotes", &parsed.endnotes)] {
        let notes: Vec<String> = notes
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(mark, t)| format!("[{mark}] {}", t.trim()))
            .collect();
        if !notes.is_empty() {
            text = format!("{}\n\n{heading}\n{}", text.trim_end(), notes.join("\n"));
        }
    }
    if text.trim().is_empty() {
        return Err(OdtError::NoText);
    }
    Ok(text.trim_end().to_owned() + "\n")
}

/// "an OpenDocument spreadsheet" for its media type; the type itself when unknown.
fn describe_kind(media_type: &str) -> String {
    let kind = media_type.strip_prefix("application/vnd.oasis.opendocument.").unwrap_or("");
    let name = match kind.split('-').next().unwrap_or("") {
        "spreadsheet" => "an OpenDocument spreadsheet",
        "presentation" => "an OpenDocument presentation",
        "graphics" => "an OpenDocument drawing",
        "formula" => "an OpenDocument formula",
        "chart" => "an OpenDocument chart",
        "database" => "an OpenDocument database",
        _ => "",
    };
    if name.is_empty() {
        let shown: String = media_type.chars().take(80).collect();
        format!("of type {shown}")
    } else {
        name.to_owned()
    }
}

/// One part of the archive as text, read like a `.docx` part: the declared size checked
/// first, then the inflating reader capped, so an archive whose header lies still stops at
/// `max`.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    label: &'static str,
    max: u64,
) -> Result<Option<String>, OdtError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(OdtError::Damaged { part: label, detail: e.to_string() }),
    };
    if file.size() > max {
        return Err(OdtError::TooBig { part: label, max });
    }
    let mut bytes = Vec::with_capacity(file.size() as usize);
    (&mut file)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| OdtError::Damaged { part: label, detail: e.to_string() })?;
    if bytes.len() as u64 > max {
        return Err(OdtError::TooBig { part: label, max });
    }
    String::from_utf8(bytes).map(Some).map_err(|e| OdtError::Damaged { part: label, detail: e.to_string() })
}

/// The namespaces whose elements matter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Text,
    Table,
    Office,
    Draw,
    Other,
}

fn ns(resolved: &ResolveResult) -> Ns {
    match resolved {
        ResolveResult::Bound(n) => match n.as_ref() {
            b"urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
            b"urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::Table,
            b"urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
            b"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::Draw,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

/// A run of `text:s` spaces longer than this is cut to it: the count is the file's to choose,
/// and a count of four billion must not become four gigabytes.
const MAX_SPACES: usize = 1_000;

/// A paragraph being read. ODF collapses runs of white space in the XML to one space and
/// drops it at a paragraph's start and end; `text:s` spaces are kept as they are.
#[derive(Default)]
struct Para {
    text: String,
    /// The text ends with a space that came from collapsing white space.
    soft_space: bool,
}

impl Para {
    fn push_xml_text(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.text.is_empty() && !self.soft_space && !self.text.ends_with([' ', '\t', '\n']) {
                    self.text.push(' ');
                    self.soft_space = true;
                }
            } else {
                self.text.push(c);
                self.soft_space = false;
            }
        }
    }

    fn push_exact(&mut self, s: &str) {
        self.text.push_str(s);
        self.soft_space = false;
    }

    fn finish(mut self) -> String {
        if self.soft_space {
            self.text.pop();
        }
        self.text
    }
}

/// A footnote or endnote being read: its mark, its paragraphs, and how many paragraphs were
/// open when it started (its own are the ones opened after).
struct Note {
    mark: String,
    endnote: bool,
    paragraphs: Vec<String>,
    depth: usize,
    in_citation: bool,
}

#[derive(Default)]
struct Parsed {
    paragraphs: Vec<String>,
    footnotes: Vec<(String, String)>,
    endnotes: Vec<(String, String)>,
}

/// Walks `content.xml`. Inside a table row, paragraphs collect into the cell; a row becomes one
/// paragraph (or, in a nested table, part of the enclosing cell). Inside a note, paragraphs
/// collect into the note, and the note leaves its mark in the paragraph around it.
fn parse(xml: &str) -> Result<Parsed, OdtError> {
    let damaged = |e: &dyn std::fmt::Display| OdtError::Damaged { part: "document body", detail: e.to_string() };
    let mut reader = NsReader::from_str(xml);
    let mut out = Parsed::default();
    let mut paras: Vec<Para> = Vec::new(); // open paragraphs, innermost last
    let mut rows: Vec<(Vec<String>, Vec<String>)> = Vec::new(); // per open row: its cells, the open cell's paragraphs
    let mut note: Option<Note> = None;
    let mut skip = 0usize; // depth inside an element whose content is left out
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(|e| damaged(&e))?;
        let space = ns(&resolved);
        match event {
            // First: the reader answers Eof for ever, also inside an element left unclosed.
            Event::Eof => break,
            Event::Start(_) | Event::Empty(_) if skip > 0 => {
                if matches!(event, Event::Start(_)) {
                    skip += 1;
                }
            }
            Event::End(_) if skip > 0 => skip -= 1,
            _ if skip > 0 => {}
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match (space, e.local_name().as_ref()) {
                    (Ns::Office, b"annotation")
                    | (Ns::Text, b"tracked-changes")
                    | (Ns::Draw, _)
                    | (Ns::Table, b"covered-table-cell") => skip = usize::from(!empty),
                    (Ns::Text, b"p" | b"h") if !empty => paras.push(Para::default()),
                    (Ns::Text, b"s") => {
                        let n = attr(e, b"c").and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(1);
                        if let Some(p) = paras.last_mut() {
                            p.push_exact(&" ".repeat(n.min(MAX_SPACES)));
                        }
                    }
                    (Ns::Text, b"tab") => {
                        if let Some(p) = paras.last_mut() {
                            p.push_exact("\t");
                        }
                    }
                    (Ns::Text, b"line-break") => {
                        if let Some(p) = paras.last_mut() {
                            p.push_exact("\n");
                        }
                    }
                    (Ns::Text, b"note") if !empty && note.is_none() => {
                        let endnote = attr(e, b"note-class").is_some_and(|c| c == "endnote");
                        note = Some(Note {
                            mark: String::new(),
                            endnote,
                            paragraphs: Vec::new(),
                            depth: paras.len(),
                            in_citation: false,
                        });
                    }
                    (Ns::Text, b"note-citation") if !empty => {
                        if let Some(n) = note.as_mut() {
                            n.in_citation = true;
                        }
                    }
                    (Ns::Table, b"table-row") if !empty => rows.push((Vec::new(), Vec::new())),
                    (Ns::Table, b"table-cell") if empty => {
                        if let Some(row) = rows.last_mut() {
                            row.0.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) => {
                let text = e.xml_content().map_err(|e| damaged(&e))?;
                push_text(&mut paras, &mut note, &text);
            }
            Event::CData(e) => {
                let text = e.decode().map_err(|e| damaged(&e))?;
                push_text(&mut paras, &mut note, &text);
            }
            Event::GeneralRef(e) => {
                let text = match e.resolve_char_ref().map_err(|e| damaged(&e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = e.decode().map_err(|e| damaged(&e))?;
                        quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("").to_owned()
                    }
                };
                push_text(&mut paras, &mut note, &text);
            }
            Event::End(e) => match (space, e.local_name().as_ref()) {
                (Ns::Text, b"p" | b"h") => {
                    let text = paras.pop().unwrap_or_default().finish();
                    if let Some(n) = note.as_mut().filter(|n| paras.len() >= n.depth) {
                        n.paragraphs.push(text);
                    } else if let Some(row) = rows.last_mut() {
                        row.1.push(text);
                    } else {
                        out.paragraphs.push(text);
                    }
                }
                (Ns::Text, b"note-citation") => {
                    if let Some(n) = note.as_mut() {
                        n.in_citation = false;
                    }
                }
                (Ns::Text, b"note") => {
                    if let Some(n) = note.take() {
                        let mark = n.mark.trim().to_owned();
                        if let Some(p) = paras.last_mut() {
                            p.push_exact(&format!("[{mark}]"));
                        }
                        let list = if n.endnote { &mut out.endnotes } else { &mut out.footnotes };
                        list.push((mark, n.paragraphs.join(" ")));
                    }
                }
                (Ns::Table, b"table-cell") => {
                    if let Some(row) = rows.last_mut() {
                        let text = row.1.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>();
                        let text = text.join(" ");
                        row.1.clear();
                        row.0.push(text);
                    }
                }
                (Ns::Table, b"table-row") => {
                    let row = rows.pop().unwrap_or_default().0.join(" | ");
                    if let Some(outer) = rows.last_mut() {
                        outer.1.push(row);
                    } else {
                        out.paragraphs.push(row);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// Text goes to the note's mark while its citation is read, else to the open paragraph;
/// text outside any paragraph (the XML's own indentation) is not the document's.
fn push_text(paras: &mut [Para], note: &mut Option<Note>, text: &str) {
    if let Some(n) = note.as_mut().filter(|n| n.in_citation) {
        n.mark.push_str(text);
    } else if let Some(p) = paras.last_mut() {
        p.push_xml_text(text);
    }
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::test_files::{odt, odt_content, odt_parts};

    #[test]
    fn paragraphs_spans_spaces_lists_tables_and_notes() {
        let body = r#"
            <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
            <text:h text:outline-level="1">Interview 3</text:h>
            <text:p>Interviewer: Caf&#233; &amp; <text:span text:style-name="T1">tea</text:span>?<office:annotation><dc:creator>Ana</dc:creator><text:p>check this</text:p></office:annotation></text:p>
            <text:p>P03:<text:s/>Yes<text:s text:c="3"/>please<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Said   laughing.</text:p></text:note-body></text:note>,<text:tab/>see <text:a xlink:href="https://example.org">the site</text:a><text:line-break/>line two</text:p>
            <text:list><text:list-item><text:p>first item</text:p></text:list-item><text:list-item><text:p>second item</text:p></text:list-item></text:list>
            <table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>
              <table:table-row><table:table-cell><text:p>Role</text:p></table:table-cell><table:table-cell><text:p>Manager</text:p><text:p>since 2019</text:p></table:table-cell></table:table-row>
              <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Both</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
            </table:table>
            <text:p><draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/1.png"/><draw:text-box><text:p>caption in a frame</text:p></draw:text-box></draw:frame>After the picture.</text:p>
            <text:p>An endnote<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>At the end.</text:p></text:note-body></text:note>.</text:p>
            <text:p/>
        "#;
        let text = read_odt(&odt(&odt_content(body))).unwrap();
        assert_eq!(
            text,
            "Interview 3\n\
             Interviewer: Café & tea?\n\
             P03: Yes   please[1],\tsee the site\nline two\n\
             first item\n\
             second item\n\
             Role | Manager since 2019\n\
             Both\n\
             After the picture.\n\
             An endnote[i].\n\n\
             Footnotes\n[1] Said laughing.\n\n\
             Endnotes\n[i] At the end.\n"
        );
        assert_eq!(crate::io::speakers::speakers(&text), ["Interviewer", "P03"]);
    }

    #[test]
    fn tracked_deletions_are_left_out_and_other_prefixes_read_the_same() {
        let body = r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>Kept<text:change text:change-id="c1"/> text.</text:p>"#;
        assert_eq!(read_odt(&odt(&odt_content(body))).unwrap(), "Kept text.\n");
        let other_prefixes = r#"<d:document-content xmlns:d="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><d:body><d:text><t:p>One<t:s t:c="2"/>two</t:p></d:text></d:body></d:document-content>"#;
        assert_eq!(read_odt(&odt(other_prefixes)).unwrap(), "One  two\n");
    }

    #[test]
    fn broken_archives_and_other_kinds_are_named() {
        assert!(matches!(read_odt(b"not a zip at all"), Err(OdtError::NotZip(_))));
        let good = odt(&odt_content("<text:p>x</text:p>"));
        assert!(matches!(read_odt(&good[..good.len() / 2]), Err(OdtError::NotZip(_))));
        assert!(matches!(read_odt(&odt_parts(&[("styles.xml", b"<x/>")])), Err(OdtError::NotOdt)));
        let bad_xml = odt(&odt_content("<text:p>unclosed</text:h>"));
        let err = read_odt(&bad_xml).unwrap_err();
        assert!(matches!(err, OdtError::Damaged { part: "document body", .. }), "{err:?}");
        assert!(matches!(read_odt(&odt(&odt_content("<text:p> </text:p>"))), Err(OdtError::NoText)));

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", opts).unwrap();
        std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("content.xml", opts).unwrap();
        let sheet = zip.finish().unwrap().into_inner();
        let err = read_odt(&sheet).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is an OpenDocument file but not a text document (it is an OpenDocument spreadsheet); save it as an .odt text document or a .txt and import that"
        );
    }

    /// Found by the odt_import fuzz target: content.xml cut short inside a comment (inside an
    /// element whose content is skipped) looped for ever on the reader's end of file. Now the
    /// text up to the cut is read; the paragraph left open at the cut is not.
    #[test]
    fn a_document_cut_short_inside_a_comment_ends() {
        let xml = odt_content("<text:p>Kept</text:p><text:p>cut<office:annotation><text:p>note");
        let cut = &xml[..xml.find("</office:text>").unwrap()];
        assert_eq!(read_odt(&odt(cut)).unwrap(), "Kept\n");
    }

    #[test]
    fn content_past_the_cap_is_refused() {
        let bomb = odt(&odt_content(&format!("<text:p>{}</text:p>", "a".repeat(8000))));
        assert!(matches!(read_odt_capped(&bomb, 1000), Err(OdtError::TooBig { part: "document body", max: 1000 })));
        assert!(read_odt_capped(&bomb, 100_000).unwrap().starts_with("aaaa"));
        // A huge space count is cut, not allocated.
        let spaces = read_odt(&odt(&odt_content(r#"<text:p>a<text:s text:c="4000000000"/>b</text:p>"#))).unwrap();
        assert_eq!(spaces.len(), "a".len() + MAX_SPACES + "b\n".len());
    }
}
