//! Small files of the kinds Axial imports, written in test code: PDFs (a tiny hand-written
//! writer: numbered objects, an xref table, Helvetica as a standard Type 1 font, one content
//! stream per page) and OpenDocument Text archives. The one copy: `src/io/import.rs` includes
//! it with `#[path]` for the importers' unit tests (`io::import::test_files`), and integration
//! tests include it the same way.
#![allow(dead_code)]

use std::io::Write;

/// A PDF of the objects given (object `n` is `objects[n - 1]`), the first the catalog, with a
/// correct xref table and trailer.
pub fn pdf_raw(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// As [`pdf_raw`], for objects written as text.
pub fn pdf_objects(objects: &[&str]) -> Vec<u8> {
    pdf_raw(&objects.iter().map(|o| o.as_bytes().to_vec()).collect::<Vec<_>>())
}

/// A stream object: `dict` holds the dictionary's entries other than `/Length`.
pub fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
    out
}

/// As [`stream`], for text content.
pub fn stream_text(dict: &str, content: &str) -> String {
    String::from_utf8(stream(dict, content.as_bytes())).unwrap()
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// A PDF of US Letter pages, each drawing its content stream (raw drawing instructions) with
/// Helvetica as `/F1`; compressed with FlateDecode when `flate`.
fn pdf_with(contents: &[&[u8]], flate: bool) -> Vec<u8> {
    let kids: Vec<String> = (0..contents.len()).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), contents.len()).into_bytes(),
        HELVETICA.as_bytes().to_vec(),
    ];
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(if flate {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(content).unwrap();
            stream("/Filter /FlateDecode", &z.finish().unwrap())
        } else {
            stream("", content)
        });
    }
    pdf_raw(&objects)
}

/// A PDF whose pages draw the given content streams.
pub fn pdf_pages(contents: &[&[u8]]) -> Vec<u8> {
    pdf_with(contents, false)
}

/// As [`pdf_pages`], the content streams compressed.
pub fn pdf_flate(contents: &[&[u8]]) -> Vec<u8> {
    pdf_with(contents, true)
}

/// A PDF with one page per entry, each line of text in 12-point Helvetica, 14 points apart,
/// from the top left; an empty line leaves a line's space (a paragraph gap).
pub fn pdf(pages: &[&[&str]]) -> Vec<u8> {
    let contents: Vec<Vec<u8>> = pages.iter().map(|lines| page_content(lines)).collect();
    pdf_pages(&contents.iter().map(Vec::as_slice).collect::<Vec<_>>())
}

/// The drawing instructions for `lines` (see [`pdf`]).
pub fn page_content(lines: &[&str]) -> Vec<u8> {
    let mut out = b"BT /F1 12 Tf 14 TL 72 720 Td\n".to_vec();
    for line in lines {
        if !line.is_empty() {
            out.push(b'(');
            out.extend(win_ansi(line));
            out.extend_from_slice(b") Tj ");
        }
        out.extend_from_slice(b"T*\n");
    }
    out.extend_from_slice(b"ET");
    out
}

/// `text` as a PDF string's bytes in WinAnsiEncoding, escaped (characters it lacks become `?`).
fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        let byte = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u8
            }
            ' '..='~' => c as u8,
            '\u{A0}'..='\u{FF}' => c as u8,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        };
        if byte >= 0x80 {
            out.extend_from_slice(format!("\\{byte:03o}").as_bytes());
        } else {
            out.push(byte);
        }
    }
    out
}

/// An OpenDocument Text archive holding `content.xml` (and the `mimetype` entry first, stored,
/// as LibreOffice writes it).
pub fn odt(content_xml: &str) -> Vec<u8> {
    odt_parts(&[("content.xml", content_xml.as_bytes())])
}

/// An OpenDocument-style archive of the given parts after its `mimetype` entry.
pub fn odt_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `content.xml` of an OpenDocument Text whose body is `body` (inside `office:text`).
pub fn odt_content(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    )
}
