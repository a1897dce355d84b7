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
use axial_core::io::{docx, project_json, speakers, text};
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
