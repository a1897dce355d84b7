//! Bad input through the real binary: one clear sentence on stderr, exit code 1, and the
//! project file byte-for-byte what it was.

mod common;
use common::*;
use std::path::Path;

/// A project with one document and some history, and its bytes.
fn project_with_content() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (dir, project) = new_project();
    ok(&["import", s(&project), s(&fixture("windows1252_interview.txt"))]);
    let bytes = std::fs::read(&project).unwrap();
    (dir, project, bytes)
}

fn assert_refused(args: &[&str], project: &Path, before: &[u8], expect: &str) {
    let r = axial(args);
    assert_eq!(r.code, 1, "axial {args:?} should fail; stdout: {}", r.stdout);
    let err = r.stderr.trim_end();
    assert!(err.starts_with("axial: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one sentence expected, got:\n{err}");
    assert!(err.contains(expect), "expected {expect:?} in:\n{err}");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    // One sentence: no part of it (a cause chained after it) said twice.
    let halves: Vec<&str> = err.split(": ").collect();
    for (i, part) in halves.iter().enumerate() {
        assert!(!halves[i + 1..].contains(part) || part.len() < 12, "repeated in: {err}");
    }
    assert_eq!(std::fs::read(project).unwrap(), before, "the project file changed after {args:?}");
}

#[test]
fn each_bad_transcript_is_refused_and_named() {
    let (_dir, project, before) = project_with_content();
    let cases = [
        ("image_renamed.txt", "is a binary file, not text"),
        ("empty.txt", "is empty (zero bytes)"),
        ("truncated.docx", "is not a valid .docx"),
        ("not_a_docx.docx", "is not a valid .docx"),
        ("docx_renamed.txt", "looks like a zip archive"),
        ("undecodable_utf16.txt", "is not valid text in any encoding"),
        ("does_not_exist.txt", "does not exist"),
    ];
    for (file, expect) in cases {
        let path = fixture(file);
        assert_refused(&["import", s(&project), s(&path)], &project, &before, expect);
        let r = axial(&["import", s(&project), s(&path)]);
        assert!(r.stderr.trim_end().ends_with(s(&path)), "the path goes last: {}", r.stderr);
    }
    assert!(ok(&["info", s(&project)]).contains("1 documents"));
}

#[test]
fn one_bad_file_among_ten_imports_none_and_names_it() {
    let (dir, project, before) = project_with_content();
    let folder = dir.path().join("batch");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..9 {
        std::fs::copy(fixture("utf16le_interview.txt"), folder.join(format!("interview_{i:02}.txt"))).unwrap();
    }
    std::fs::copy(fixture("image_renamed.txt"), folder.join("interview_09.txt")).unwrap();
    assert_refused(&["import", s(&project), s(&folder)], &project, &before, "interview_09.txt");

    // Two bad files: both are listed, still nothing imported.
    std::fs::write(folder.join("interview_10.txt"), b"").unwrap();
    let r = axial(&["import", s(&project), s(&folder)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("2 of 11 files could not be read"), "{}", r.stderr);
    assert!(r.stderr.contains("interview_09.txt") && r.stderr.contains("interview_10.txt"));
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn project_files_that_are_not_axial_projects_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["other_app.sqlite", "text_named.axial", "empty.txt"] {
        let copy = dir.path().join(file);
        std::fs::copy(fixture(file), &copy).unwrap();
        let before = std::fs::read(&copy).unwrap();
        assert_refused(
            &["import", s(&copy), s(&fixture("mac_cr_interview.txt"))],
            &copy,
            &before,
            "not an Axial project",
        );
        assert_refused(&["info", s(&copy)], &copy, &before, "not an Axial project");
    }
    let missing = dir.path().join("missing.axial");
    let r = axial(&["info", s(&missing)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("there is no project file here"), "{}", r.stderr);
    assert!(!missing.exists(), "opening must not create a project");
}

#[test]
fn a_damaged_project_is_reported_and_left_as_it_was() {
    let (_dir, project, bytes) = project_with_content();
    // Truncate to half: SQLite sees a malformed image.
    let mut damaged = bytes.clone();
    damaged.truncate(bytes.len() / 2);
    std::fs::write(&project, &damaged).unwrap();
    assert_refused(&["import", s(&project), s(&fixture("mac_cr_interview.txt"))], &project, &damaged, "damaged");
    // Scribble over every page after the header page.
    let mut scribbled = bytes.clone();
    for (i, b) in scribbled.iter_mut().enumerate().skip(4096) {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(&project, &scribbled).unwrap();
    assert_refused(&["info", s(&project)], &project, &scribbled, "damaged");
}

#[test]
fn malformed_or_foreign_json_is_refused() {
    let (dir, project, before) = project_with_content();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\"schema\": \"axial.project/1\", \"name\": ").unwrap();
    assert_refused(&["import", s(&project), s(&bad)], &project, &before, "is not valid JSON");
    std::fs::write(&bad, "{\"schema\": \"something/else\"}").unwrap();
    assert_refused(&["import", s(&project), s(&bad)], &project, &before, "is not an Axial project export");
    std::fs::write(
        &bad,
        r#"{"schema": "axial.project/1", "name": "x", "documents": [{"title": "d", "text": "hello"}],
        "codes": [{"name": "c"}], "codings": [{"document": "d", "code": "c", "start": 2, "end": 99}]}"#,
    )
    .unwrap();
    assert_refused(&["import", s(&project), s(&bad)], &project, &before, "outside the text (0..5)");
    std::fs::write(
        &bad,
        r#"{"schema": "axial.project/1", "name": "x", "documents": [{"title": "d", "text": "hello"}],
        "codes": [{"name": "c"}], "codings": [{"document": "d", "code": "c", "start": 0, "end": 4, "quote": "bye"}]}"#,
    )
    .unwrap();
    assert_refused(&["import", s(&project), s(&bad)], &project, &before, "quote does not match");
}

#[test]
fn writing_to_a_sample_folder_is_refused_and_the_folder_stays_as_it_is() {
    let folder = sample("crm_knowledge_creation");
    let json = folder.join("project.json");
    let before = std::fs::read(&json).unwrap();
    assert_refused(
        &["import", s(&folder), s(&fixture("mac_cr_interview.txt"))],
        &json,
        &before,
        "sample folder is never written",
    );
}

#[test]
fn new_refuses_to_overwrite() {
    let (_dir, project, before) = project_with_content();
    assert_refused(&["new", s(&project)], &project, &before, "a file already exists here");
}

#[test]
fn an_export_never_overwrites_a_project_or_a_folder() {
    let (dir, project, before) = project_with_content();
    assert_refused(
        &["export", s(&project), "--format", "json", "-o", s(&project)],
        &project,
        &before,
        "would overwrite a project file",
    );
    let other = dir.path().join("other.axial");
    ok(&["new", s(&other)]);
    let other_before = std::fs::read(&other).unwrap();
    assert_refused(
        &["export", s(&project), "--format", "json", "-o", s(&other)],
        &other,
        &other_before,
        "would overwrite a project file",
    );
    assert_refused(
        &["export", s(&project), "--format", "json", "-o", s(dir.path())],
        &project,
        &before,
        "the output is a folder",
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn new_refuses_an_empty_name_or_a_missing_folder_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.axial");
    let r = axial(&["new", s(&path), "--name", "  "]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("the project name is empty"), "{}", r.stderr);
    assert!(!path.exists(), "a refused `new` leaves no file");
    let nested = dir.path().join("no/such/folder/x.axial");
    let r = axial(&["new", s(&nested)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("there is no folder to create the project in"), "{}", r.stderr);
    assert!(!r.stderr.contains("Error code"), "no SQLite internals: {}", r.stderr);
}

#[test]
fn without_a_display_the_app_says_so_and_points_to_the_command_line() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_axial"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no display") && err.contains("axial --help"), "{err}");
}
