//! Fuzzing regressions (docs/fuzzing.md): every input the fuzz targets in `fuzz/` found to
//! crash, hang or exhaust memory, and the small seed corpus they start from, fed to the same
//! public API the targets call. The property is the fuzzers': each input is answered (Ok or
//! Err), never a panic. The harness functions are the fuzz targets' own, `fuzz/src/harness.rs`,
//! included below (the fuzz package is its own workspace, so this crate cannot depend on it).

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

// --- the harnesses: the fuzz targets' own code ---------------------------------------------

mod harness {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/src/harness.rs"));
}

use harness::{
    docx_import, docx_xml_import, odt_import, pdf_import, project_json_import_at, qdc_import, qdpx_import,
    subtitle_import, text_import,
};

/// The `project_json_import` target, but with a fresh temporary folder per input, removed
/// afterwards: the target's one scratch folder per process would be shared by the tests,
/// which run on parallel threads of one process.
fn project_json_import(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    project_json_import_at(&dir.path().join("project.json"), data);
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
fn seed_corpus_qdpx_import() {
    replay("seeds/qdpx_import", qdpx_import);
}

#[test]
fn seed_corpus_qdc_import() {
    replay("seeds/qdc_import", qdc_import);
}

#[test]
fn seed_corpus_project_json_import() {
    replay("seeds/project_json_import", project_json_import);
}

#[test]
fn seed_corpus_pdf_import() {
    replay("seeds/pdf_import", pdf_import);
}

#[test]
fn seed_corpus_odt_import() {
    replay("seeds/odt_import", odt_import);
}

#[test]
fn seed_corpus_subtitle_import() {
    replay("seeds/subtitle_import", subtitle_import);
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

/// Found by the docx_import fuzz target (2026-11-30, in a 20-minute run): a .docx whose zip
/// entry carries an extended-timestamp extra field of length 0. zip 4.6 subtracted one from
/// that length (`extra_fields/extended_timestamp.rs:26`): a panic wherever overflow is checked
/// (debug builds, the tests, the fuzz build), a wrapped number and a refusal in release
/// builds. zip 9 checks the length; the import refuses the file in one sentence.
#[test]
fn docx_with_an_empty_extended_timestamp_is_refused_without_a_panic() {
    let bytes = input("docx_import/empty_extended_timestamp.docx");
    docx_import(&bytes);
    let err = axial_core::io::docx::read_docx(&bytes).expect_err("not a readable .docx");
    assert_eq!(err.to_string().lines().count(), 1, "{err}");
}

/// Found by the pdf_import fuzz target in the first minute of its first run: a page whose font
/// names an object the file does not have (its xref offset was mutated). pdf-extract `expect`s
/// every reference to resolve ("missing object reference") and panics; `read_pdf` runs it
/// under `catch_unwind`, so the import answers one sentence. The target reported it only
/// because libFuzzer's hook aborts on every panic, caught or not; the harness now leaves
/// panics raised inside pdf-extract to `read_pdf` (`quiet_pdf_reader_panics`).
#[test]
fn pdf_with_a_missing_object_is_one_sentence_not_a_panic() {
    let bytes = input("pdf_import/missing_object_reference.pdf");
    pdf_import(&bytes);
    let err = axial_core::io::pdf::read_pdf(&bytes).expect_err("not a readable PDF");
    let sentence = err.to_string();
    assert!(
        sentence.starts_with("is a PDF Axial cannot read (its reader stopped: missing object reference"),
        "{sentence}"
    );
    assert_eq!(sentence.lines().count(), 1, "{sentence}");
}

/// Found by the odt_import fuzz target (2026-12-06, after about a minute): a content.xml cut
/// short inside `office:annotation`, a comment, whose content the reader skips. The skipping
/// branch also swallowed the XML reader's end of file, which it answers for ever: the import
/// never returned (libFuzzer: timeout). Now the end of file ends the walk wherever it comes.
#[test]
fn odt_cut_short_inside_a_comment_ends() {
    let bytes = input("odt_import/cut_inside_a_comment.xml");
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        odt_import(&bytes);
        done.send(()).unwrap();
    });
    finished.recv_timeout(std::time::Duration::from_secs(20)).expect("odt_import returns");
}
