//! Reads the text of a Word `.docx`: paragraphs, tables (one line per row, cells separated by
//! " | "), line breaks, tabs, and footnotes (marked `[n]` in the text, listed at the end).

use crate::io::limits::MAX_DOCX_PART_BYTES;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("is not a valid .docx (it is not a readable zip archive: {0}); it may be damaged, truncated or renamed")]
    NotZip(String),
    #[error("is a zip archive but not a Word document (it has no word/document.xml)")]
    NotWord,
    #[error("is a damaged .docx (its {part} cannot be read: {detail})")]
    Damaged { part: &'static str, detail: String },
    #[error("contains no text")]
    NoText,
    #[error(
        "is a .docx whose {part} unpacks to more than {}, more than Axial reads (a zip bomb, or a document too long for one transcript); split it into smaller documents",
        crate::io::limits::size_text(*max)
    )]
    TooBig { part: &'static str, max: u64 },
}

/// The text of a `.docx` given as bytes, with `\n` line ends. Each part is read up to
/// [`MAX_DOCX_PART_BYTES`] unpacked.
pub fn read_docx(bytes: &[u8]) -> Result<String, DocxError> {
    read_docx_capped(bytes, MAX_DOCX_PART_BYTES)
}

fn read_docx_capped(bytes: &[u8], max: u64) -> Result<String, DocxError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    let body = match part(&mut archive, "word/document.xml", "document body", max)? {
        Some(xml) => xml,
        None => return Err(DocxError::NotWord),
    };
    let footnotes = match part(&mut archive, "word/footnotes.xml", "footnotes", max)? {
        Some(xml) => parse(&xml, "footnotes")?.footnotes,
        None => Vec::new(),
    };
    let mut text = parse(&body, "document body")?.paragraphs.join("\n");
    let notes: Vec<String> = footnotes
        .into_iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(id, t)| format!("[{id}] {}", t.trim()))
        .collect();
    if !notes.is_empty() {
        text = format!("{}\n\nFootnotes\n{}", text.trim_end(), notes.join("\n"));
    }
    if text.trim().is_empty() {
        return Err(DocxError::NoText);
    }
    Ok(text.trim_end().to_owned() + "\n")
}

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    label: &'static str,
    max: u64,
) -> Result<Option<String>, DocxError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::Damaged { part: label, detail: e.to_string() });
        }
    };
    // The declared size is checked first, then the inflating reader is capped, so an archive
    // whose header lies still stops at the limit.
    if file.size() > max {
        return Err(DocxError::TooBig { part: label, max });
    }
    let mut bytes = Vec::with_capacity(file.size() as usize);
    (&mut file)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::Damaged { part: label, detail: e.to_string() })?;
    if bytes.len() as u64 > max {
        return Err(DocxError::TooBig { part: label, max });
    }
    let xml = String::from_utf8(bytes).map_err(|e| DocxError::Damaged { part: label, detail: e.to_string() })?;
    Ok(Some(xml))
}

#[derive(Default)]
struct Parsed {
    paragraphs: Vec<String>,
    /// Footnote id and text, in file order (from `footnotes.xml`).
    footnotes: Vec<(String, String)>,
}

/// Walks WordprocessingML. Inside a table, paragraphs collect into the cell; a row becomes one
/// paragraph. Inside `w:footnote`, paragraphs collect into the note.
fn parse(xml: &str, label: &'static str) -> Result<Parsed, DocxError> {
    let damaged = |e: &dyn std::fmt::Display| DocxError::Damaged { part: label, detail: e.to_string() };
    let mut reader = Reader::from_str(xml);
    let mut out = Parsed::default();
    let mut para = String::new();
    let mut in_text = false;
    let mut cells: Vec<Vec<String>> = Vec::new(); // one entry per open table row
    let mut cell: Vec<String> = Vec::new();
    let mut note: Option<(String, Vec<String>)> = None;
    loop {
        let event = reader.read_event().map_err(|e| damaged(&e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"t" if !empty => in_text = true,
                    b"tab" => para.push('\t'),
                    b"br" | b"cr" => para.push('\n'),
                    b"tr" if !empty => cells.push(Vec::new()),
                    b"footnoteReference" => {
                        if let Some(id) = attr(e, b"id") {
                            para.push_str(&format!("[{id}]"));
                        }
                    }
                    b"footnote" if !empty => {
                        let kind = attr(e, b"type").unwrap_or_default();
                        let id = attr(e, b"id").unwrap_or_default();
                        note = (kind.is_empty() || kind == "normal").then(|| (id, Vec::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(e) if in_text => para.push_str(&e.xml_content().map_err(|e| damaged(&e))?),
            Event::GeneralRef(e) if in_text => {
                if let Some(c) = e.resolve_char_ref().map_err(|e| damaged(&e))? {
                    para.push(c);
                } else {
                    let name = e.decode().map_err(|e| damaged(&e))?;
                    para.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut para);
                    if let Some((_, lines)) = note.as_mut() {
                        lines.push(text);
                    } else if !cells.is_empty() {
                        cell.push(text);
                    } else {
                        out.paragraphs.push(text);
                    }
                }
                b"tc" => {
                    let text = cell.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
                    cell.clear();
                    if let Some(row) = cells.last_mut() {
                        row.push(text);
                    }
                }
                b"tr" => {
                    let row = cells.pop().unwrap_or_default().join(" | ");
                    if cells.is_empty() {
                        out.paragraphs.push(row);
                    } else {
                        cell.push(row);
                    }
                }
                b"footnote" => {
                    if let Some((id, lines)) = note.take() {
                        out.footnotes.push((id, lines.join(" ")));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attr(e: &quick_xml::events::BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn docx(document: &str, footnotes: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        if let Some(f) = footnotes {
            zip.start_file("word/footnotes.xml", opts).unwrap();
            zip.write_all(f.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn paragraphs_tables_breaks_entities_and_footnotes() {
        let doc = format!(
            r#"<w:document {NS}><w:body>
            <w:p><w:r><w:t>Interviewer: Caf&#233; &amp; tea?</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">A: Yes </w:t></w:r><w:r><w:t>please</w:t><w:footnoteReference w:id="1"/><w:br/><w:t>line two</w:t></w:r></w:p>
            <w:p><w:r><w:delText>gone</w:delText></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Manager</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#
        );
        let notes = format!(
            r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
            <w:footnote w:id="1"><w:p><w:r><w:t>Said laughing.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let text = read_docx(&docx(&doc, Some(&notes))).unwrap();
        assert_eq!(
            text,
            "Interviewer: Café & tea?\nA: Yes please[1]\nline two\n\nRole | Manager\n\nFootnotes\n[1] Said laughing.\n"
        );
    }

    /// Sets the uncompressed size that both the local and the central header declare for
    /// every entry, as a hand-made zip bomb would.
    fn lie_about_sizes(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        let mut i = 0;
        while i + 30 <= zip.len() {
            let at = match &zip[i..i + 4] {
                [0x50, 0x4b, 0x03, 0x04] => Some(i + 22),
                [0x50, 0x4b, 0x01, 0x02] => Some(i + 24),
                _ => None,
            };
            if let Some(at) = at {
                zip[at..at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
        zip
    }

    #[test]
    fn a_part_that_unpacks_past_the_cap_is_refused_even_when_its_header_lies() {
        let body = format!(
            "<w:document {NS}><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "a".repeat(4000)
        );
        let bomb = docx(&body, None);
        assert!(bomb.len() < 1000, "highly compressible");
        let cap = 1000;
        let err = read_docx_capped(&bomb, cap).unwrap_err();
        assert!(matches!(err, DocxError::TooBig { part: "document body", max: 1000 }), "declared size: {err:?}");
        // A header that claims less than the part unpacks to is refused either way: by zip
        // itself (it checks the declared size, since zip 9) or by the cap on what is read.
        let liar = lie_about_sizes(bomb.clone(), 100);
        let err = read_docx_capped(&liar, cap).unwrap_err();
        assert!(
            matches!(err, DocxError::TooBig { .. } | DocxError::Damaged { part: "document body", .. }),
            "a lying header still stops: {err:?}"
        );
        assert!(read_docx_capped(&bomb, 5000).unwrap().starts_with("aaaa"), "under the cap it reads");
    }

    #[test]
    fn broken_archives_are_named() {
        assert!(matches!(read_docx(b"not a zip at all"), Err(DocxError::NotZip(_))));
        let good =
            docx(&format!("<w:document {NS}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"), None);
        assert!(matches!(read_docx(&good[..good.len() / 2]), Err(DocxError::NotZip(_))));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.txt", zip::write::SimpleFileOptions::default()).unwrap();
        let not_word = zip.finish().unwrap().into_inner();
        assert!(matches!(read_docx(&not_word), Err(DocxError::NotWord)));
        let bad_xml = docx("<w:document><w:body><w:p></w:body>", None);
        assert!(matches!(read_docx(&bad_xml), Err(DocxError::Damaged { .. })));
        let empty = docx(&format!("<w:document {NS}><w:body></w:body></w:document>"), None);
        assert!(matches!(read_docx(&empty), Err(DocxError::NoText)));
    }
}
