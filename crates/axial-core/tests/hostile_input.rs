//! Hostile input made at test time (nothing big is committed): a .docx that inflates far past
//! its limit is refused with one sentence instead of aborting the process on allocation.

use axial_core::io::import::read_source;
use axial_core::io::limits::MAX_DOCX_PART_BYTES;
use std::io::Write;

#[test]
fn a_docx_zip_bomb_is_refused_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>",
    )
    .unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    let unpacked = MAX_DOCX_PART_BYTES + 16 * 1024 * 1024;
    for _ in 0..unpacked / chunk.len() as u64 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    zip.finish().unwrap();
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 2 * 1024 * 1024, "a bomb: {packed} bytes that unpack to {unpacked}");

    let err = read_source(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the file is a .docx whose document body unpacks to more than 256 MB, more than Axial reads (a zip bomb, or a document too long for one transcript); split it into smaller documents: {}",
            path.display()
        )
    );
}

use axial_core::model::{Action, Dimension, DimensionValue};
use axial_core::project::import_project_json;
use axial_core::store::Store;
use std::path::Path;

/// Imports `json` (written as `dir/name`) into a fresh in-memory project: the error as a
/// sentence, or the store.
fn import(dir: &Path, name: &str, json: &str) -> Result<Store, String> {
    let path = dir.join(name);
    std::fs::write(&path, json).unwrap();
    let mut store = Store::in_memory("t").unwrap();
    import_project_json(&mut store, &path).map(|_| store).map_err(|e| format!("{e:#}"))
}

fn dimension(key: &str, values: usize) -> serde_json::Value {
    serde_json::json!({"key": key, "label": key,
        "values": (0..values).map(|i| serde_json::json!({"key": format!("v{i}"), "label": format!("V{i}")})).collect::<Vec<_>>()})
}

fn with_framework(dims: Vec<serde_json::Value>) -> String {
    serde_json::json!({"schema": "axial.project/1", "name": "cube", "framework": dims,
        "documents": [{"title": "d", "text": "hello"}]})
    .to_string()
}

#[test]
fn a_huge_cube_framework_is_refused_in_one_sentence_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            vec![dimension("a", 1000), dimension("b", 1000), dimension("c", 1000)],
            "the cube dimension \u{201c}a\u{201d} with 1000 values, more than the 50",
        ),
        ((0..7).map(|i| dimension(&format!("d{i}"), 2)).collect(), "7 cube dimensions, more than the 6"),
        ((0..4).map(|i| dimension(&format!("d{i}"), 20)).collect(), "160000 cube cells, more than the 10000"),
    ];
    for (dims, expect) in cases {
        let err = import(dir.path(), "cube.json", &with_framework(dims)).err().expect("refused");
        assert!(err.contains(expect), "{err}");
        assert!(err.starts_with("the file defines ") && err.contains("use fewer cube dimensions or values"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // The largest cube allowed imports, and its report lists every cell.
    let store =
        import(dir.path(), "ok.json", &with_framework(vec![dimension("a", 50), dimension("b", 50), dimension("c", 4)]))
            .expect("10000 cells are allowed");
    let cube = axial_core::analysis::cube::cube(&store.load().unwrap());
    assert_eq!(cube.cells.len(), 10_000);
}

#[test]
fn the_store_refuses_to_grow_a_cube_past_the_bounds() {
    let mut store = Store::in_memory("t").unwrap();
    let values: Vec<DimensionValue> =
        (0..50).map(|i| DimensionValue { key: format!("v{i}"), label: format!("V{i}") }).collect();
    let big = |key: &str| Action::CreateDimension {
        dimension: Dimension { key: key.into(), label: key.into(), values: values.clone() },
        position: None,
    };
    // 36 cells x 50 = 1800, then x 50 again is past 10000.
    store.apply(&big("x")).unwrap();
    let err = store.apply(&big("y")).unwrap_err().to_string();
    assert!(err.starts_with("the project would then have 90000 cube cells, more than the 10000"), "{err}");
    assert_eq!(store.load().unwrap().framework().dimensions.len(), 4, "the refused change left nothing behind");
}

#[test]
fn too_many_documents_or_a_huge_frequency_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<_> = (0..5001).map(|i| serde_json::json!({"title": format!("d{i}"), "text": "x"})).collect();
    let json = serde_json::json!({"schema": "axial.project/1", "name": "n", "documents": docs}).to_string();
    let err = import(dir.path(), "docs.json", &json).err().unwrap();
    assert!(err.contains("would give the project 5001 documents, more than the 5000"), "{err}");

    let docs: Vec<_> = (0..4000).map(|i| serde_json::json!({"title": format!("d{i}"), "text": "x"})).collect();
    let codes: Vec<_> = (0..3000).map(|i| serde_json::json!({"name": format!("c{i}")})).collect();
    let json =
        serde_json::json!({"schema": "axial.project/1", "name": "n", "documents": docs, "codes": codes}).to_string();
    let err = import(dir.path(), "table.json", &json).err().unwrap();
    assert!(err.contains("a frequency table of 12000000 cells"), "{err}");
}

fn with_path(path: &str) -> String {
    serde_json::json!({"schema": "axial.project/1", "name": "p", "documents": [{"title": "d", "path": path}]})
        .to_string()
}

#[test]
fn a_path_may_only_name_a_file_inside_the_json_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "A: private notes\n").unwrap();
    let root = tempfile::tempdir().unwrap();
    let project = root.path().join("project");
    std::fs::create_dir_all(project.join("transcripts")).unwrap();
    std::fs::write(project.join("transcripts/a.txt"), "A: hello\n").unwrap();
    std::fs::write(root.path().join("beside.txt"), "A: beside\n").unwrap();

    // Inside, also through `..` that stays inside.
    for ok in ["transcripts/a.txt", "transcripts/../transcripts/a.txt"] {
        let store = import(&project, "p.json", &with_path(ok)).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(&*store.load().unwrap().documents().next().unwrap().text, "A: hello\n");
    }
    let absolute_inside = project.join("transcripts/a.txt");
    assert!(import(&project, "p.json", &with_path(absolute_inside.to_str().unwrap())).is_ok());

    let mut escapes = vec!["../beside.txt".to_owned(), secret.to_str().unwrap().to_owned()];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, project.join("transcripts/link.txt")).unwrap();
        escapes.push("transcripts/link.txt".into());
    }
    for path in escapes {
        let err = import(&project, "p.json", &with_path(&path)).err().unwrap_or_else(|| panic!("{path} was imported"));
        assert!(
            err.contains(&format!("has the path {path:?}, which leads outside the project file's folder")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let err = import(&project, "p.json", &with_path("transcripts/missing.txt")).err().unwrap();
    assert!(err.contains("which does not exist"), "{err}");
}

#[test]
fn an_empty_or_reversed_coding_is_not_called_outside_the_text() {
    let dir = tempfile::tempdir().unwrap();
    for (start, end) in [(3, 3), (4, 1)] {
        let json = serde_json::json!({"schema": "axial.project/1", "name": "n",
            "documents": [{"title": "d", "text": "hello"}], "codes": [{"name": "c"}],
            "codings": [{"document": "d", "code": "c", "start": start, "end": end}]})
        .to_string();
        let err = import(dir.path(), "c.json", &json).err().unwrap();
        assert!(err.contains(&format!("spans {start}..{end}, an empty or reversed passage")), "{err}");
        assert!(!err.contains("outside the text"), "{err}");
    }
}
