//! Hostile and careless input through the real binary, each made at test time in a temporary
//! folder (nothing big is committed): a sparse 1 GB transcript, a FIFO named `.txt`, a symlink
//! loop, UTF-8 with a stray byte, a project JSON with a huge cube or a path leading outside its
//! folder. Each is refused with one sentence (exit 1, project untouched) or imported with a
//! warning (exit 0).

mod common;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs the binary, killing it (and failing) if it has not finished within `limit`.
fn axial_within(args: &[&str], limit: Duration) -> Run {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_axial"))
        .args(args)
        .env("AXIAL_USER", "tester")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("axial {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// One sentence on stderr containing `expect`, the path last, exit 1, the project unchanged.
fn refused(project: &Path, input: &Path, expect: &str) -> String {
    let before = std::fs::read(project).unwrap();
    let r = axial_within(&["import", s(project), s(input)], Duration::from_secs(60));
    assert_eq!(r.code, 1, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let err = r.stderr.trim_end();
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    assert!(err.starts_with("axial: ") && err.contains(expect), "expected {expect:?} in: {err}");
    assert!(err.ends_with(s(input)), "the path goes last: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(project).unwrap(), before, "a refused import leaves the project as it was");
    err.to_owned()
}

#[test]
fn a_sparse_gigabyte_text_is_refused_by_its_size_at_once() {
    let (dir, project) = new_project();
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(1024 * 1024 * 1024).unwrap();
    let started = Instant::now();
    refused(
        &project,
        &huge,
        "is 1.0 GB, more than the 64 MB Axial reads for one transcript; split it into smaller files",
    );
    assert!(started.elapsed() < Duration::from_secs(20), "refused before reading it");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_is_refused_instead_of_hanging() {
    let (dir, project) = new_project();
    let fifo = dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    refused(&project, &fifo, "is a named pipe (FIFO), not a regular file");
    // Also when it sits in a folder being imported: named, not skipped, not opened.
    let folder = dir.path().join("batch");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "A: hello\n").unwrap();
    assert!(std::process::Command::new("mkfifo").arg(folder.join("b.txt")).status().unwrap().success());
    let r = axial_within(&["import", s(&project), s(&folder)], Duration::from_secs(60));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("is a named pipe (FIFO)") && r.stderr.contains("b.txt"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_called_a_symlink_loop() {
    let (dir, project) = new_project();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let err = refused(&project, &a, "is a symbolic link that leads back to itself (a symlink loop)");
    assert!(!err.contains("does not exist"), "{err}");
}

#[test]
fn utf8_with_a_stray_byte_is_imported_as_utf8_with_a_warning_naming_the_line() {
    let (dir, project) = new_project();
    let path = dir.path().join("interview.txt");
    let mut bytes = "Interviewer: Können Sie das erklären?\nA: Ja, ".as_bytes().to_vec();
    bytes.push(0xFC); // one Windows-1252 byte pasted into UTF-8 text
    bytes.extend_from_slice("brigens schön.\n".as_bytes());
    std::fs::write(&path, bytes).unwrap();
    let r = axial(&["import", s(&project), s(&path)]);
    assert_eq!(r.code, 0, "a warning is not a failure: {}", r.stderr);
    assert!(r.stdout.contains("interview (UTF-8,"), "{}", r.stdout);
    assert_eq!(
        r.stderr.trim_end(),
        format!(
            "axial: warning: the file was read as UTF-8 but 1 byte is not valid UTF-8 (line 2) and now shows as \u{FFFD}; compare that line with the original and correct it in Axial: {}",
            path.display()
        )
    );
    let json = ok(&["export", s(&project), "--format", "project-json", "-o", "-"]);
    assert!(json.contains("Interviewer: Können Sie"), "no Windows-1252 mojibake: {json}");
    assert!(!json.contains("KÃ¶nnen"), "{json}");
}

#[test]
fn a_transcript_a_project_json_names_is_imported_with_its_warning() {
    let (dir, project) = new_project();
    let transcript = dir.path().join("interview.txt");
    let mut bytes = "A: Können Sie? Ja, ".as_bytes().to_vec();
    bytes.push(0xFC);
    bytes.extend_from_slice("brigens schön.\n".as_bytes());
    std::fs::write(&transcript, bytes).unwrap();
    let json = dir.path().join("project.json");
    std::fs::write(
        &json,
        r#"{"schema": "axial.project/1", "name": "p", "documents": [{"title": "d", "path": "interview.txt"}]}"#,
    )
    .unwrap();
    let r = axial(&["import", s(&project), s(&json)]);
    assert_eq!(r.code, 0, "a warning is not a failure: {}", r.stderr);
    assert!(r.stdout.contains("(1 documents)"), "{}", r.stdout);
    let warning = r.stderr.trim_end();
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(warning.starts_with("axial: warning: the file was read as UTF-8 but 1 byte"), "{warning}");
    assert!(warning.contains("(line 1)") && warning.ends_with("interview.txt"), "{warning}");
}

#[test]
fn a_project_json_with_a_huge_cube_is_refused_and_reports_still_run() {
    let (dir, project) = new_project();
    let values: Vec<String> = (0..1000).map(|i| format!("{{\"key\": \"v{i}\", \"label\": \"V{i}\"}}")).collect();
    let dims: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|k| format!("{{\"key\": \"{k}\", \"label\": \"{k}\", \"values\": [{}]}}", values.join(", ")))
        .collect();
    let json = dir.path().join("cube.json");
    std::fs::write(
        &json,
        format!(
            "{{\"schema\": \"axial.project/1\", \"name\": \"cube\", \"framework\": [{}], \"documents\": [{{\"title\": \"d\", \"text\": \"hello\"}}]}}",
            dims.join(", ")
        ),
    )
    .unwrap();
    refused(
        &project,
        &json,
        "defines the cube dimension \u{201c}a\u{201d} with 1000 values, more than the 50 Axial supports",
    );
    let cube = ok(&["report", s(&project), "cube", "--format", "csv"]);
    assert!(cube.lines().count() < 100, "the project kept its own small cube");
}

#[test]
fn a_project_json_cannot_pull_in_files_from_outside_its_folder() {
    let (dir, project) = new_project();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "A: someone's private notes\n").unwrap();
    let sent = dir.path().join("sent");
    std::fs::create_dir(&sent).unwrap();
    let json = sent.join("project.json");
    for path in ["../secret.txt", s(&secret)] {
        std::fs::write(
            &json,
            format!(
                "{{\"schema\": \"axial.project/1\", \"name\": \"p\", \"documents\": [{{\"title\": \"d\", \"path\": {path:?}}}]}}"
            ),
        )
        .unwrap();
        refused(&project, &json, &format!("has the path {path:?}, which leads outside the project file's folder"));
    }
}

#[test]
fn an_empty_coding_is_called_empty_not_outside_the_text() {
    let (dir, project) = new_project();
    let json = dir.path().join("c.json");
    std::fs::write(
        &json,
        r#"{"schema": "axial.project/1", "name": "x", "documents": [{"title": "d", "text": "hello"}],
        "codes": [{"name": "c"}], "codings": [{"document": "d", "code": "c", "start": 4, "end": 2}]}"#,
    )
    .unwrap();
    let err = refused(&project, &json, "spans 4..2, an empty or reversed passage (its start must be before its end)");
    assert!(!err.contains("outside the text"), "{err}");
}
