//! Reads the text layer of a PDF, page by page, with `pdf-extract` (over `lopdf`).
//!
//! What comes out is what the PDF draws as text, in the order its pages draw it: for a PDF
//! saved from a word processor that is the reading order; a two-column layout may interleave.
//! Pages are separated by a blank line. Lines the PDF wrapped inside a paragraph are joined
//! only where that is plainly safe (see [`tidy_page`]); every other line end is kept. Images
//! are never decoded, so a scan (pages that are pictures of text) has no text to read and is
//! refused with advice to run it through OCR.
//!
//! `pdf-extract` panics on some odd files and recurses without a limit on others, and `lopdf`
//! inflates compressed streams without a cap. So, before any text is drawn: compressed
//! streams are inflated here under one budget ([`MAX_PDF_INFLATED_BYTES`]), pictures are
//! emptied, and the page tree and the forms the pages draw are checked for loops and depth
//! (a loop would overflow the stack, which aborts the process and cannot be caught). The rest
//! runs under `catch_unwind`, so a panic in the reader becomes one sentence. That needs the
//! default `panic = "unwind"`, which every profile of this workspace keeps.

use crate::io::limits::{MAX_PDF_INFLATED_BYTES, size_text};
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, LoadOptions, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};
use std::cell::Cell;
use std::collections::HashSet;
use std::io::Read;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("is not a PDF (it does not start with %PDF-); it may be damaged, or another kind of file renamed .pdf")]
    NotPdf,
    #[error(
        "is a PDF Axial cannot read ({0}); it may be damaged: open it in a PDF viewer and save or print it as a new PDF, or import a .txt of it"
    )]
    Unreadable(String),
    #[error(
        "is a password-protected PDF; open it in a PDF viewer with its password and save a copy without one, or import a .txt of it"
    )]
    Encrypted,
    #[error(
        "is a PDF with no pages Axial can find; it may be damaged: open it in a PDF viewer and save it as a new PDF"
    )]
    NoPages,
    #[error(
        "is a PDF with no text layer (a scanned document?); run it through OCR and import the result, or import a .txt of it"
    )]
    NoText,
    #[error(
        "is a PDF whose compressed contents unpack to more than {}, more than Axial reads (a decompression bomb, or a document too long for one transcript); split it into smaller documents",
        size_text(*max)
    )]
    TooBig { max: u64 },
    #[error(
        "is a PDF whose pages draw {0}, which Axial does not follow; print it to a new PDF in a PDF viewer, or import a .txt of it"
    )]
    TooTangled(&'static str),
}

/// The text of a PDF and how many pages it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// The pages' text, `\n` line ends, a blank line between pages, ending in one `\n`.
    pub text: String,
    pub pages: usize,
    /// Pages (1-based) with no text, left out of `text`: blank pages, or scanned ones.
    pub blank_pages: Vec<usize>,
}

/// Forms (reusable drawings) may draw forms inside them this deep; real documents nest two or
/// three levels.
const MAX_FORM_DEPTH: usize = 32;
/// Bytes of drawing instructions the pages may draw in all, counting a form each time it is
/// drawn. A transcript's pages are a few megabytes; a form drawn a million times is an attack.
const MAX_DRAWN_BYTES: u64 = 256 * 1024 * 1024;
/// Forms and pictures one page may draw, counting repeats.
const MAX_DRAWN_PER_PAGE: usize = 100_000;
/// Longest chain of page-tree parents followed; real trees are a few levels deep.
const MAX_TREE_DEPTH: usize = 256;

/// The text layer of a PDF given as bytes. Compressed streams unpack to at most
/// [`MAX_PDF_INFLATED_BYTES`] in all.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    read_pdf_capped(bytes, MAX_PDF_INFLATED_BYTES)
}

fn read_pdf_capped(bytes: &[u8], max: u64) -> Result<PdfText, PdfError> {
    // The header may follow some junk, within the first kilobyte (as readers allow).
    if !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let pages = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(bytes, max)))
        .map_err(|panic| PdfError::Unreadable(format!("its reader stopped: {}", panic_text(&*panic))))??;
    let mut text = String::new();
    let mut blank_pages = Vec::new();
    for (i, raw) in pages.iter().enumerate() {
        let page = tidy_page(raw);
        if page.is_empty() {
            blank_pages.push(i + 1);
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&page);
    }
    if text.is_empty() {
        return Err(PdfError::NoText);
    }
    text.push('\n');
    Ok(PdfText { text, pages: pages.len(), blank_pages })
}

/// The first line of a panic's message, short enough for a sentence.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into());
    let line = message.lines().next().unwrap_or_default().trim();
    let short: String = line.chars().take(120).collect();
    if short.len() < line.len() { format!("{short}…") } else { short }
}

/// Loads the document and draws each page's text, raw (as the reader lays it out).
fn extract(bytes: &[u8], max: u64) -> Result<Vec<String>, PdfError> {
    LOAD_BUDGET.set(max);
    LOAD_OVER.set(false);
    let options = LoadOptions { filter: Some(inflate_object_streams), ..LoadOptions::default() };
    let loaded = Document::load_mem_with_options(bytes, options);
    if LOAD_OVER.get() {
        return Err(PdfError::TooBig { max });
    }
    let mut doc = loaded.map_err(|e| PdfError::Unreadable(e.to_string()))?;
    // lopdf opens a PDF that needs no password to read (only one to edit) by itself, and
    // removes its `/Encrypt`; one still there needs a password.
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let mut budget = LOAD_BUDGET.get();
    prepare(&mut doc, &mut budget).map_err(|()| PdfError::TooBig { max })?;
    let mut drawn = MAX_DRAWN_BYTES;
    for &page in pages.values() {
        check_page(&doc, page, &mut drawn)?;
    }
    let mut out = PageTexts::default();
    pdf_extract::output_doc(&doc, &mut out).map_err(|e| PdfError::Unreadable(e.to_string()))?;
    Ok(out.pages)
}

// --- inflating under a budget ------------------------------------------------------------

thread_local! {
    /// Bytes compressed streams may still unpack to, for the load's object filter (a plain
    /// `fn`, so it cannot capture a counter); the load runs on this thread.
    static LOAD_BUDGET: Cell<u64> = const { Cell::new(0) };
    /// Whether an object stream ran past the budget during the load.
    static LOAD_OVER: Cell<bool> = const { Cell::new(false) };
}

/// lopdf's object filter, called for each object as it is loaded and before an object stream
/// (a compressed bundle of objects) is unpacked: the bundle is inflated here, under the
/// budget, so lopdf finds it already plain. A bundle past the budget is emptied and the load
/// is refused afterwards.
///
/// lopdf keeps the object it passed for a top-level object and ignores what is returned, but
/// takes the returned one for an object unpacked from a bundle (never a stream): so a stream
/// is answered with a placeholder (copying a picture would cost its size), anything else with
/// itself.
fn inflate_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let Object::Stream(stream) = object else { return Some((id, object.clone())) };
    if stream.dict.has_type(b"ObjStm") {
        let mut budget = LOAD_BUDGET.get();
        if inflate_stream(stream, &mut budget).is_err() {
            LOAD_OVER.set(true);
            stream.set_plain_content(Vec::new());
        }
        LOAD_BUDGET.set(budget);
    }
    Some((id, Object::Null))
}

/// Before drawing: pictures emptied (never decoded, and `pdf-extract` would read their bytes
/// as drawing instructions), and every Flate stream inflated under `budget`.
fn prepare(doc: &mut Document, budget: &mut u64) -> Result<(), ()> {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Image") {
                stream.set_plain_content(Vec::new());
            } else {
                inflate_stream(stream, budget)?;
            }
        }
    }
    Ok(())
}

/// Inflates a stream whose filters start with FlateDecode, taking what it unpacks to from
/// `budget`. A stream with only that filter is replaced by its plain content; one with more
/// (a predictor, a second filter) is only measured and left for lopdf to decode, which then
/// produces no more than was measured. Other filters are left alone (LZW and the rest are
/// rare in PDFs written since 1996).
fn inflate_stream(stream: &mut pdf_extract::Stream, budget: &mut u64) -> Result<(), ()> {
    let filters: Vec<Vec<u8>> = match stream.filters() {
        Ok(f) => f.into_iter().map(<[u8]>::to_vec).collect(),
        Err(_) => return Ok(()),
    };
    if filters.first().map(Vec::as_slice) != Some(b"FlateDecode") {
        return Ok(());
    }
    let data = inflate(&stream.content, budget)?;
    let predictor = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .and_then(|p| p.get(b"Predictor"))
        .and_then(Object::as_i64)
        .unwrap_or(1);
    if filters.len() == 1 && predictor <= 1 {
        stream.set_plain_content(data);
    }
    Ok(())
}

/// zlib data inflated as lopdf does it (what inflates before an error is kept; raw deflate
/// is tried when the zlib header is wrong), reading at most `budget` bytes and taking them
/// from it. `Err` when the data unpacks to more.
fn inflate(data: &[u8], budget: &mut u64) -> Result<Vec<u8>, ()> {
    fn capped(reader: impl Read, budget: u64) -> Vec<u8> {
        let mut out = Vec::new();
        let _ = reader.take(budget.saturating_add(1)).read_to_end(&mut out);
        out
    }
    let mut out = capped(flate2::read::ZlibDecoder::new(data), *budget);
    if out.is_empty() && data.len() > 2 {
        out = capped(flate2::read::DeflateDecoder::new(&data[2..]), *budget);
    }
    let len = out.len() as u64;
    if len > *budget {
        return Err(());
    }
    *budget -= len;
    Ok(out)
}

// --- loops and depth ---------------------------------------------------------------------

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        _ => object,
    }
}

/// Checks what `pdf-extract` would follow for one page without a limit: the chain of parents
/// it climbs for inherited resources, and the forms the page draws (a form drawing itself, or
/// forms nested or repeated past the limits). Walks exactly as the reader resolves them.
fn check_page(doc: &Document, page: ObjectId, drawn: &mut u64) -> Result<(), PdfError> {
    let Ok(mut dict) = doc.get_dictionary(page) else { return Ok(()) };
    let mut resources = None;
    let mut seen = HashSet::new();
    loop {
        if resources.is_none() {
            resources = dict.get(b"Resources").ok().and_then(|r| deref(doc, r).as_dict().ok());
        }
        let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) else { break };
        if !seen.insert(parent) || seen.len() > MAX_TREE_DEPTH {
            return Err(PdfError::TooTangled("through a page tree that loops back on itself"));
        }
        match doc.get_dictionary(parent) {
            Ok(d) => dict = d,
            Err(_) => break,
        }
    }
    let content = doc.get_page_content(page).unwrap_or_default();
    let mut count = MAX_DRAWN_PER_PAGE;
    walk_forms(doc, &content, resources, &mut Vec::new(), drawn, &mut count)
}

fn walk_forms(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    path: &mut Vec<ObjectId>,
    drawn: &mut u64,
    count: &mut usize,
) -> Result<(), PdfError> {
    const REPEATED: PdfError = PdfError::TooTangled("the same forms over and over, more than Axial reads");
    *drawn = drawn.checked_sub(content.len() as u64).ok_or(REPEATED)?;
    let Ok(ops) = Content::decode(content) else { return Ok(()) };
    let xobjects = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|x| deref(doc, x).as_dict().ok());
    for op in ops.operations.iter().filter(|op| op.operator == "Do") {
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else { continue };
        let Some(id) = xobjects.and_then(|x| x.get(name).ok()).and_then(|o| o.as_reference().ok()) else { continue };
        if path.contains(&id) {
            return Err(PdfError::TooTangled("a form that draws itself (a loop)"));
        }
        if path.len() >= MAX_FORM_DEPTH {
            return Err(PdfError::TooTangled("forms nested inside forms more than 32 deep"));
        }
        *count = count.checked_sub(1).ok_or(REPEATED)?;
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { continue };
        let inner = stream.dict.get(b"Resources").ok().and_then(|r| deref(doc, r).as_dict().ok()).or(resources);
        let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        path.push(id);
        walk_forms(doc, &data, inner, path, drawn, count)?;
        path.pop();
    }
    Ok(())
}

// --- laying out the characters ------------------------------------------------------------

/// One line of a page as drawn: its text, where its baseline is (down from the top of the
/// page) and its font size, in points.
struct Line {
    text: String,
    y: f64,
    size: f64,
}

/// Lays the characters `pdf-extract` draws out into lines, one string per page. A line starts
/// where the text moves down (or up) and back left, as `pdf-extract`'s own plain-text output
/// decides it; a space goes where the text jumps right. Unlike that output, a paragraph break
/// is not "a gap of one and a half font sizes" (that splits every line of a document set in
/// 1.5 or double spacing) but a gap clearly wider than the page's usual line spacing (see
/// [`page_text`]).
#[derive(Default)]
struct PageTexts {
    pages: Vec<String>,
    lines: Vec<Line>,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    page_height: f64,
}

impl OutputDev for PageTexts {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.lines.clear();
        (self.last_end, self.last_y, self.first_char) = (100_000.0, 0.0, false);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.pages.push(page_text(&std::mem::take(&mut self.lines)));
        Ok(())
    }

    fn output_character(&mut self, trm: &Transform, width: f64, _: f64, size: f64, c: &str) -> Result<(), OutputError> {
        // The text matrix, flipped so y grows down the page, applied to the origin and to a
        // font-size square (the side of a square of the same area is the drawn size).
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let (sx, sy) = (size * (trm.m11 + trm.m21), size * (trm.m12 + trm.m22));
        let size = (sx * sy).abs().sqrt();
        let dy = (y - self.last_y).abs();
        let new_line =
            self.lines.is_empty() || self.first_char && (dy > size * 1.5 || x < self.last_end && dy > size * 0.5);
        if new_line {
            self.lines.push(Line { text: String::new(), y, size });
        }
        if let Some(line) = self.lines.last_mut() {
            if !new_line && self.first_char && x > self.last_end + size * 0.1 {
                line.text.push(' ');
            }
            line.text.push_str(c);
            line.size = line.size.max(size);
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A page's lines joined: a blank line where the gap to the next line is more than 1.3 times
/// the page's usual line spacing (its tenth-percentile gap, so a page of mostly one-line
/// paragraphs with a few wrapped ones still finds it) or where the text goes back up the page
/// (a new column or a box); a line end elsewhere.
fn page_text(lines: &[Line]) -> String {
    let gaps: Vec<f64> = lines.windows(2).map(|w| w[1].y - w[0].y).collect();
    let mut down: Vec<f64> = gaps.iter().copied().filter(|g| g.is_finite() && *g > 0.0).collect();
    down.sort_by(f64::total_cmp);
    let usual = down.get(down.len() / 10).copied().unwrap_or(0.0);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let gap = gaps[i - 1];
            let paragraph = gap < -line.size * 0.5 || usual > 0.0 && gap > usual * 1.3;
            out.push_str(if paragraph { "\n\n" } else { "\n" });
        }
        out.push_str(&line.text);
    }
    out
}

// --- tidying a page's text ---------------------------------------------------------------

/// One page's raw text made into transcript text: `\n` line ends, no form feeds or control
/// characters, typographic ligatures (ﬁ, ﬂ) spelled out so they can be searched, runs of
/// spaces made one, lines trimmed (indentation would hide a speaker label), at most one blank
/// line in a row, and lines the PDF wrapped inside a paragraph joined into it.
///
/// A PDF keeps no paragraphs, only lines; joining two is safe only when the first was plainly
/// cut by the margin. So a line joins the next one only when all hold: it ends in a letter,
/// digit or comma (not a sentence's end, a hyphen or a colon); the next line's first word
/// would not have fitted on it (it would be longer than the longest line of the page, which
/// must be at least 30 characters); and the next line does not open a speaker turn, a list
/// item or a timestamp. Anything else keeps its line end: a line too many is harmless, a
/// paragraph run into the next would hide a turn or a heading.
pub fn tidy_page(raw: &str) -> String {
    let mut clean = String::with_capacity(raw.len());
    for c in crate::io::text::normalise_line_ends(raw).chars() {
        match c {
            '\u{FB00}' => clean.push_str("ff"),
            '\u{FB01}' => clean.push_str("fi"),
            '\u{FB02}' => clean.push_str("fl"),
            '\u{FB03}' => clean.push_str("ffi"),
            '\u{FB04}' => clean.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => clean.push_str("st"),
            '\t' => clean.push(' '),
            '\n' => clean.push('\n'),
            c if c.is_control() => {}
            c => clean.push(c),
        }
    }
    // Justified text comes out with a space drawn and a gap measured: two spaces for one.
    // (Split at ' ' only: a no-break space is the writer's choice.)
    let spaced: Vec<String> =
        clean.split('\n').map(|l| l.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")).collect();
    let lines: Vec<&str> = spaced.iter().map(|l| l.trim()).collect();
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = String::with_capacity(raw.len());
    let mut previous: Option<&str> = None;
    for line in lines {
        match previous {
            None if line.is_empty() => continue,
            Some("") if line.is_empty() => continue,
            Some(before) if !line.is_empty() && wrapped(before, line, width) => out.push(' '),
            Some(_) => out.push('\n'),
            None => {}
        }
        out.push_str(line);
        previous = Some(line);
    }
    out.trim_end().to_owned()
}

/// Whether `line` is the rest of `before`'s paragraph, cut at the margin (see [`tidy_page`]).
fn wrapped(before: &str, line: &str, width: usize) -> bool {
    let ends_mid_sentence = before.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ',');
    let first_word = line.split_whitespace().next().unwrap_or_default();
    let full = before.chars().count() + 1 + first_word.chars().count() > width;
    let opens_something = crate::io::speakers::speaker_label(line).is_some()
        || line.starts_with(['•', '◦', '▪', '‣', '-', '–', '—', '*', '[', '('])
        || list_number(first_word);
    width >= 30 && ends_mid_sentence && full && !opens_something
}

/// "1.", "12)", "a)": a numbered list item's marker.
fn list_number(word: &str) -> bool {
    let body = word.strip_suffix(['.', ')']).unwrap_or("");
    !body.is_empty() && (body.chars().all(|c| c.is_ascii_digit()) || (body.chars().count() == 1 && word.ends_with(')')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::test_files::{pdf, pdf_flate, pdf_objects, pdf_pages, stream_text};

    #[test]
    fn two_pages_in_order_with_a_blank_line_between() {
        let bytes = pdf(&[
            &["Interviewer: How did the project start?", "P01: With a phone call."],
            &["Interviewer: And then?", "P01: Caf\u{e9} meetings, every week."],
        ]);
        let read = read_pdf(&bytes).unwrap();
        assert_eq!(read.pages, 2);
        assert_eq!(
            read.text,
            "Interviewer: How did the project start?\nP01: With a phone call.\n\n\
             Interviewer: And then?\nP01: Caf\u{e9} meetings, every week.\n"
        );
        assert!(read.blank_pages.is_empty());
        assert_eq!(crate::io::speakers::speakers(&read.text), ["Interviewer", "P01"]);
    }

    #[test]
    fn a_page_without_text_is_a_scan_and_is_named() {
        let rectangle = pdf_pages(&[b"0 0 1 rg 72 72 400 600 re f".as_slice(), b""]);
        assert_eq!(read_pdf(&rectangle), Err(PdfError::NoText));
        assert!(PdfError::NoText.to_string().starts_with("is a PDF with no text layer (a scanned document?); run it"));
        // One page of text and one without: the text, and the blank page named.
        let mixed = pdf_pages(&[b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".as_slice(), b"72 72 400 600 re f"]);
        let read = read_pdf(&mixed).unwrap();
        assert_eq!((read.text.as_str(), read.pages, read.blank_pages), ("Hello\n", 2, vec![2]));
    }

    #[test]
    fn garbage_after_a_header_is_one_sentence_not_a_panic() {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend((0..3000u32).map(|i| (i * 7919 % 251) as u8));
        let err = read_pdf(&bytes).unwrap_err();
        assert!(matches!(err, PdfError::Unreadable(_)), "{err:?}");
        let sentence = err.to_string();
        assert!(sentence.starts_with("is a PDF Axial cannot read ("), "{sentence}");
        assert_eq!(sentence.lines().count(), 1);
        assert_eq!(read_pdf(b"hello, not a pdf"), Err(PdfError::NotPdf));
        assert_eq!(read_pdf(b""), Err(PdfError::NotPdf));
        let good = pdf(&[&["Some text here."]]);
        for cut in [good.len() / 3, good.len() / 2, good.len() - 40] {
            let _ = read_pdf(&good[..cut]); // an answer, not a panic
        }
    }

    #[test]
    fn a_panic_in_the_reader_is_one_sentence() {
        // A page with no MediaBox anywhere up its tree: pdf-extract `expect`s one and panics.
        let bytes = pdf_objects(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            &stream_text("", "BT /F1 12 Tf 72 700 Td (Hi) Tj ET"),
        ]);
        let err = read_pdf(&bytes).unwrap_err();
        assert_eq!(err, PdfError::Unreadable("its reader stopped: MediaBox".into()));
        assert!(
            err.to_string().starts_with("is a PDF Axial cannot read (its reader stopped: MediaBox); it may be damaged")
        );
    }

    #[test]
    fn a_form_that_draws_itself_is_refused_not_a_stack_overflow() {
        // Object 5 is a form whose resources name itself and whose content draws itself.
        let bytes = pdf_objects(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>",
            &stream_text("", "/X Do"),
            &stream_text(
                "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>",
                "/X Do",
            ),
        ]);
        assert_eq!(read_pdf(&bytes), Err(PdfError::TooTangled("a form that draws itself (a loop)")));
        // A page tree whose page is its own parent.
        let bytes = pdf_objects(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            &stream_text("", ""),
        ]);
        assert!(matches!(read_pdf(&bytes), Err(PdfError::TooTangled(_))));
    }

    #[test]
    fn pictures_are_not_read_as_text() {
        // An image whose bytes happen to be drawing instructions: pdf-extract would draw them.
        let bytes = pdf_objects(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /Im 5 0 R >> >> >>",
            &stream_text("", "BT /F1 12 Tf 72 700 Td (Seen) Tj ET /Im Do"),
            &stream_text(
                "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray",
                "BT /F1 12 Tf 72 600 Td (Ghost) Tj ET",
            ),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]);
        assert_eq!(read_pdf(&bytes).unwrap().text, "Seen\n");
    }

    #[test]
    fn a_flate_bomb_stops_at_the_cap() {
        let content = format!("BT /F1 12 Tf 72 700 Td ({}) Tj ET", "a".repeat(20_000));
        let bytes = pdf_flate(&[content.as_bytes()]);
        assert!(bytes.len() < 2_000, "highly compressible");
        assert_eq!(read_pdf_capped(&bytes, 10_000), Err(PdfError::TooBig { max: 10_000 }));
        assert!(read_pdf_capped(&bytes, 100_000).unwrap().text.starts_with("aaaa"), "under the cap it reads");
    }

    #[test]
    fn a_password_protected_pdf_is_named() {
        // The trailer names an /Encrypt dictionary whose user password is not empty, so no
        // reader may open it without the password.
        let mut bytes = pdf_objects(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
            "<< /Filter /Standard /V 1 /R 2 /O <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> /U <FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100> /P -4 >>",
        ]);
        let trailer = b"/Root 1 0 R";
        let at = bytes.windows(trailer.len()).position(|w| w == trailer).unwrap();
        bytes.splice(
            at..at,
            b"/Encrypt 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] "
                .iter()
                .copied(),
        );
        assert_eq!(read_pdf(&bytes), Err(PdfError::Encrypted));
    }

    #[test]
    fn wrapped_lines_join_only_where_safe() {
        let raw = "  This is a long line of a paragraph that the margin cut off in the\n\
                   middle of its sentence, and it goes on.\n\
                   Short line.\n\
                   Interviewer: a turn starts here and is long enough to reach the margin\n\
                   P01: and the next turn is not joined to it.\n\n\n\n\
                   \u{FB01}nal \u{c}line\t \n";
        assert_eq!(
            tidy_page(raw),
            "This is a long line of a paragraph that the margin cut off in the middle of its sentence, and it goes on.\n\
             Short line.\n\
             Interviewer: a turn starts here and is long enough to reach the margin\n\
             P01: and the next turn is not joined to it.\n\n\
             final\n\nline"
        );
        assert_eq!(tidy_page("short\nlines\nstay"), "short\nlines\nstay");
        assert!(list_number("1.") && list_number("12)") && list_number("a)"));
        assert!(!list_number("and") && !list_number(".") && !list_number("etc."));
    }
}
