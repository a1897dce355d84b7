//! The fuzz harnesses as plain `fn(&[u8])`, shared by the libFuzzer targets in
//! `fuzz_targets/`. They live in `harness.rs`, which `crates/axial-core/tests/fuzz_regressions.rs`
//! includes too, so the targets and the regression test run the same code. Each calls only
//! axial-core's public API, the way the app and the CLI do. The property is "never panic,
//! never abort, never hang": errors are fine.

mod harness;

pub use harness::{
    docx_import, docx_with, docx_xml_import, odt_import, odt_with, pdf_import, pdf_with, project_json_import_at,
    qdc_import, qdpx_import, qdpx_with, subtitle_import, text_import,
};
use std::path::PathBuf;

/// An `axial.project/1` file's bytes, imported as [`project_json_import_at`] says from
/// `project.json` in this process's scratch folder.
pub fn project_json_import(data: &[u8]) {
    project_json_import_at(&scratch_file(), data);
}

/// `<tmp>/axial-fuzz-<pid>/project.json`, the folder made once per process. Documents that
/// name a relative `"path"` are looked for in this folder, which holds nothing else.
fn scratch_file() -> PathBuf {
    use std::sync::OnceLock;
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("axial-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    });
    dir.join("project.json")
}
