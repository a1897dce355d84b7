//! Fuzzing regressions (docs/fuzzing.md): every input the fuzz targets in `fuzz/` found to
//! crash, hang or exhaust memory, and the small seed corpus they start from, fed to the same
//! public API the targets call. The property is the fuzzers': each input is answered (Ok or
//! Err), never a panic. The harness functions below are copies of `fuzz/src/lib.rs` (the fuzz
//! package is its own workspace, so this crate cannot depend on it); keep the two in step.

use axial_core::io::import::SourceText;
use axial_core::io::{docx, project_json, speakers, text};
use axial_core::project::{add_sources, import_project_json};
use axial_core::store::Store;
use std::path::{Path, PathBuf};

fn inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_inputs")
}

/// Every file of `tests/fuzz_inputs/<dir>`, sorted, with its name.
fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(inputs().join(dir))
        .unwrap_or_else(|e| panic!("tests/fuzz_inputs/{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn input(path: &str) -> Vec<u8> {
    std::fs::read(inputs().join(path)).unwrap_or_else(|e| panic!("tests/fuzz_inputs/{path}: {e}"))
}

// --- the harnesses (as fuzz/src/lib.rs) ----------------------------------------------------

fn text_import(data: &[u8]) {
    let Ok(decoded) = text::decode(data) else { return };
    assert!(!decoded.text.contains('\r'), "decode normalises line ends");
    let index = text::CharIndex::new(&decoded.text);
    let _ = index.slice(0, index.len());
    let _ = speakers::speakers(&decoded.text);
    import_text(decoded.text, decoded.encoding);
}

fn docx_import(data: &[u8]) {
    let Ok(text) = docx::read_docx(data) else { return };
    assert!(!text.trim().is_empty(), "read_docx answers NoText for a blank document");
    let _ = speakers::speakers(&text);
}

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

fn project_json_import(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.json");
    std::fs::write(&path, data).unwrap();
    let mut store = Store::in_memory("fuzz").expect("in-memory store");
    if import_project_json(&mut store, &path).is_ok() {
        let _ = import_project_json(&mut store, &path);
        let project = store.load().expect("an imported project loads");
        let json = project_json::export_string(&project);
        project_json::parse(&json).expect("an exported project parses back");
    }
}

fn docx_xml_import(data: &[u8]) {
    docx_import(&docx_with(data));
}

fn docx_with(data: &[u8]) -> Vec<u8> {
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

/// Runs `harness` on every file of `dir`, naming each that panics.
fn replay(dir: &str, harness: fn(&[u8])) {
    let files = files(dir);
    assert!(!files.is_empty(), "tests/fuzz_inputs/{dir} has inputs");
    let mut failed = Vec::new();
    for (name, data) in &files {
        if std::panic::catch_unwind(|| harness(data)).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "tests/fuzz_inputs/{dir}: these inputs panicked: {failed:?}");
}

// --- the seed corpus: every file, so CI runs what the fuzzers start from ------------------

#[test]
fn seed_corpus_text_import() {
    replay("seeds/text_import", text_import);
}

#[test]
fn seed_corpus_docx_import() {
    replay("seeds/docx_import", docx_import);
}

#[test]
fn seed_corpus_docx_xml_import() {
    replay("seeds/docx_xml_import", docx_xml_import);
}

#[test]
fn seed_corpus_project_json_import() {
    replay("seeds/project_json_import", project_json_import);
}

// --- findings ---------------------------------------------------------------------------

/// Found by reading the project-JSON importer while writing its target (the fuzzer's scratch
/// folder holds no such file, so it cannot find it by mutation), confirmed with the
/// project_json_import fuzz binary: a document's `"path"` may name any file, and
/// `io::import::read_source` reads the whole file (`std::fs::read`) before it checks the
/// extension or any size, so `"path": "/dev/zero"` reads until memory runs out (libFuzzer:
/// out-of-memory, malloc of more than 2 GB). Now refused: a path must stay inside the JSON's
/// folder and name a regular file, read through a capped reader (io::limits).
#[test]

fn project_json_path_to_an_endless_file_is_refused() {
    project_json_import(&input("project_json_import/path_dev_zero.json"));
}
