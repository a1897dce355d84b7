// The fuzz harnesses as plain `fn(&[u8])`, each calling only axial-core's public API, the way
// the app and the CLI do. The one copy: `fuzz/src/lib.rs` makes them the fuzz targets' library
// (`mod harness`), and `crates/axial-core/tests/fuzz_regressions.rs` replays the seeds and the
// findings through them (`include!`, as the fuzz package is its own workspace and cannot be a
// dependency of axial-core). Plain `//` comments here: `include!` takes no inner doc comment.
//
// The property is "never panic, never abort, never hang": errors are fine. A few invariants
// that must hold whenever an import succeeds are asserted too (an assertion failure is a
// finding like any panic).

use axial_core::io::import::SourceText;
use axial_core::io::subtitles::{SubtitleKind, read_subtitles};
use axial_core::io::{docx, odt, pdf, project_json, speakers, text};
use axial_core::project::{add_sources, import_project_json};
use axial_core::store::Store;
use std::path::{Path, PathBuf};

/// A text transcript's bytes, as `read_source` sees a `.txt` file: decoded, then (if it has
/// any text) imported into an in-memory project and read back unchanged.
pub fn text_import(data: &[u8]) {
    let Ok(decoded) = text::decode(data) else { return };
    assert!(!decoded.text.contains('\r'), "decode normalises line ends");
    let index = text::CharIndex::new(&decoded.text);
    let _ = index.slice(0, index.len());
    let _ = speakers::speakers(&decoded.text);
    import_text(decoded.text, decoded.encoding);
}

/// A `.docx` file's bytes: its text read as `read_source` does, then the speakers found.
pub fn docx_import(data: &[u8]) {
    let Ok(text) = docx::read_docx(data) else { return };
    assert!(!text.trim().is_empty(), "read_docx answers NoText for a blank document");
    let _ = speakers::speakers(&text);
}

/// A `.pdf`: bytes that start with `%PDF` are read as the file; any other bytes are cut at each
/// NUL into object bodies (object 1, the catalog, first) and written as a PDF with a correct
/// xref table ([`pdf_with`]), because a mutation that shifts a byte breaks a real file's xref
/// offsets and so would seldom reach pdf-extract. The text layer is read as `read_source`
/// does, then the speakers found. pdf-extract panics on odd files, and `read_pdf` answers
/// those panics with an `Err` (it runs the reader under `catch_unwind`), so they are not
/// findings; see [`quiet_pdf_reader_panics`]. A panic anywhere else, a stack overflow, a hang
/// or a runaway allocation still is.
pub fn pdf_import(data: &[u8]) {
    quiet_pdf_reader_panics();
    let read = if data.starts_with(b"%PDF") { pdf::read_pdf(data) } else { pdf::read_pdf(&pdf_with(data)) };
    let Ok(read) = read else { return };
    assert!(!read.text.trim().is_empty(), "read_pdf answers NoText for a PDF without text");
    assert!(!read.text.contains(['\r', '\x0c']), "line ends are normalised, form feeds gone");
    assert!(read.blank_pages.len() < read.pages, "some page has the text");
    let _ = speakers::speakers(&read.text);
}

/// A PDF whose objects are the parts of `objects` between NULs, numbered from 1, with an
/// xref table giving each one's true offset and a trailer naming object 1 as the root.
pub fn pdf_with(objects: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.split(|&b| b == 0).enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for offset in &offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// libFuzzer's panic hook aborts on every panic, before any `catch_unwind` can answer it.
/// Installed once, this hook stays quiet for a panic raised in pdf-extract or a crate it parses
/// with (`read_pdf` catches those and answers `Err`), and hands every other panic, one in
/// Axial's own code above all, to the hook it replaced (libFuzzer's, which aborts: a finding).
fn quiet_pdf_reader_panics() {
    const READER_CRATES: [&str; 10] = [
        "pdf-extract-",
        "lopdf-",
        "adobe-cmap-parser-",
        "cff-parser-",
        "type1-encoding-parser-",
        "postscript-",
        "pom-",
        "euclid-",
        "nom-",
        "unicode-normalization-",
    ];
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or_default();
            let in_reader = file.contains("/registry/")
                && READER_CRATES.iter().any(|c| file.split('/').any(|part| part.starts_with(c)));
            if !in_reader {
                previous(info);
            }
        }));
    });
}

/// An `.odt`: bytes that start like a zip are read as the file; any other bytes become the
/// `content.xml` of a valid stored archive (written with the zip crate), because a mutated zip
/// rarely survives its CRC-32 check and so would seldom reach the XML walk. Then the speakers.
pub fn odt_import(data: &[u8]) {
    let read = if data.starts_with(b"PK") { odt::read_odt(data) } else { odt::read_odt(&odt_with(data)) };
    let Ok(text) = read else { return };
    assert!(!text.trim().is_empty(), "read_odt answers NoText for a blank document");
    let _ = speakers::speakers(&text);
}

/// A stored .odt whose `content.xml` is `content` (after the `mimetype` entry LibreOffice
/// writes first).
pub fn odt_with(content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", options).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    zip.start_file("content.xml", options).unwrap();
    zip.write_all(content).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A subtitle file's bytes, decoded as `read_source` decodes a `.vtt` or `.srt`, then read as
/// both WebVTT and SubRip; every turn a transcript has opens with its `[hh:mm:ss]` stamp.
pub fn subtitle_import(data: &[u8]) {
    let Ok(decoded) = text::decode(data) else { return };
    for kind in [SubtitleKind::WebVtt, SubtitleKind::SubRip] {
        let Ok(transcript) = read_subtitles(&decoded.text, kind) else { continue };
        assert!(!transcript.trim().is_empty(), "read_subtitles answers NoText for cues without text");
        for turn in transcript.trim_end().split("\n\n") {
            assert!(turn.starts_with('['), "a turn opens with its time: {turn:?}");
        }
        let _ = speakers::speakers(&transcript);
    }
}

/// Adds `text` to a fresh in-memory project as the import does, and checks it reads back.
fn import_text(text: String, format: &str) {
    if text.trim().is_empty() {
        return;
    }
    let mut store = Store::in_memory("fuzz").expect("in-memory store");
    let source = SourceText {
        path: PathBuf::from("fuzz.txt"),
        title: "fuzz".into(),
        text: text.clone(),
        format: format.into(),
        warnings: Vec::new(),
    };
    if add_sources(&mut store, vec![source]).is_ok() {
        let project = store.load().expect("a project just written loads");
        let doc = project.documents().next().expect("the imported document");
        assert_eq!(&*doc.text, text.as_str(), "the store keeps the text as imported");
    }
}

/// An `axial.project/1` file's bytes, written to `path` (a `project.json` in a private folder
/// that holds nothing else: documents that name a relative `"path"` are looked for there) and
/// imported through the real entry point (it takes a path) into an empty in-memory project; if
/// that succeeds, imported again into the now non-empty project (the "add to an existing
/// project" path), and the project exported and parsed back. Where the folder is, is the
/// caller's: the fuzz target reuses one per process, the regression test makes one per input.
pub fn project_json_import_at(path: &Path, data: &[u8]) {
    std::fs::write(path, data).expect("write the scratch project.json");
    let mut store = Store::in_memory("fuzz").expect("in-memory store");
    if import_project_json(&mut store, path).is_ok() {
        let _ = import_project_json(&mut store, path);
        let project = store.load().expect("an imported project loads");
        let json = project_json::export_string(&project, None);
        project_json::parse(&json).expect("an exported project parses back");
    }
}

/// The XML inside a `.docx`: a mutated zip almost never gets past its CRC check, so this
/// target wraps the bytes in a valid archive (stored, with the zip crate) and reads it with
/// `read_docx`. The bytes before the first NUL are `word/document.xml`; those after it, if
/// any, are `word/footnotes.xml`.
pub fn docx_xml_import(data: &[u8]) {
    docx_import(&docx_with(data));
}

/// A stored .docx whose parts are cut from `data` as [`docx_xml_import`] says.
pub fn docx_with(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let (document, footnotes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    if let Some(notes) = footnotes {
        zip.start_file("word/footnotes.xml", options).unwrap();
        zip.write_all(notes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A `.qdpx`: bytes that start like a zip are read as the archive; any other bytes become its
/// `project.qde` beside one source (`sources/s.txt`), so mutations reach the XML walk, the
/// code tree and the position reading rather than dying at the zip's CRC check. On `Ok`, the
/// result is imported into an empty project (what `axial import` does next).
pub fn qdpx_import(data: &[u8]) {
    let bytes = if data.starts_with(b"PK") { data.to_vec() } else { qdpx_with(data) };
    let empty = axial_core::model::Project::default();
    let Ok(read) = axial_core::io::qdpx::read_qdpx(&bytes, &empty, &axial_core::model::Uids::default()) else {
        return;
    };
    let mut store = axial_core::store::Store::in_memory("fuzz").unwrap();
    let mut ids = store.ids().unwrap();
    let uids = store.uids().unwrap();
    if let Ok((actions, _)) = axial_core::io::project_json::to_actions(&read.file, None, &empty, &mut ids, "fuzz", &uids) {
        let _ = store.apply(&axial_core::model::Action::Batch { label: "fuzz".into(), actions });
    }
}

/// A stored `.qdpx` whose `project.qde` is `qde`, with one source text `sources/s.txt`.
pub fn qdpx_with(qde: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("project.qde", options).unwrap();
    zip.write_all(qde).unwrap();
    zip.start_file("sources/s.txt", options).unwrap();
    zip.write_all("\u{feff}Q: Wie geht es? 😀\r\nA: Gut, danke.\r\n".as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A `.qdc` codebook's bytes, read for import into an empty project.
pub fn qdc_import(data: &[u8]) {
    let empty = axial_core::model::Project::default();
    let _ = axial_core::io::qdpx::read_qdc(data, &empty, &axial_core::model::Uids::default());
}
