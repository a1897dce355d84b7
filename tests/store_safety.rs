//! "Nothing is lost", through the real binary: many `axial import`s at once all succeed; a
//! killed `axial new` or `axial synth` leaves nothing or a whole project (and never blocks the
//! name); odd schema versions, foreign schemas, damaged pages and read-only files each get one
//! short sentence, never a panic, an SQL dump or a false "damaged".

mod common;

use common::axial_in;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_axial")
}

/// An error message a person reads: one or two lines, no panic, no SQL.
fn assert_short(stderr: &str) {
    assert!(stderr.lines().count() <= 2, "at most two lines:\n{stderr}");
    for raw in ["panicked", "CREATE ", "SELECT ", "attempt to write a readonly database", "database error"] {
        assert!(!stderr.contains(raw), "no {raw:?} in:\n{stderr}");
    }
}

/// Files left in `dir` other than `keep`, hidden temporary files included.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn forty_imports_at_once_all_succeed_and_every_document_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(axial_in(d, &["new", "p.axial"]).code, 0);
    const N: usize = 40;
    for i in 0..N {
        std::fs::write(d.join(format!("interview_{i:02}.txt")), format!("A: answer number {i}.\nB: thanks.\n"))
            .unwrap();
    }
    let children: Vec<_> = (0..N)
        .map(|i| {
            Command::new(bin())
                .args(["import", "p.axial", &format!("interview_{i:02}.txt")])
                .current_dir(d)
                .env("AXIAL_USER", "tester")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let failures: Vec<String> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .filter(|o| !o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(failures.is_empty(), "{} of {N} imports failed: {failures:?}", failures.len());
    let info = axial_in(d, &["info", "p.axial"]);
    assert!(info.stdout.contains(&format!("{N} documents")), "{}", info.stdout);
    for i in 0..N {
        assert!(info.stdout.contains(&format!("interview_{i:02}:")), "interview_{i:02} is there:\n{}", info.stdout);
    }
}

/// Kills `args` after `delay`, then checks what is at `target`: nothing, or a sound project
/// (with documents, if the command `fills` it).
fn kill_and_check(d: &Path, args: &[&str], target: &str, delay: Duration, fills: bool) -> bool {
    let mut child =
        Command::new(bin()).args(args).current_dir(d).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
    if !d.join(target).exists() {
        let made = axial_in(d, &["new", target]);
        assert_eq!(made.code, 0, "a killed creation never refuses the name: {}", made.stderr);
        std::fs::remove_file(d.join(target)).unwrap();
        return false;
    }
    let check = axial_in(d, &["check", target]);
    assert_eq!(check.code, 0, "whatever is at the target is whole (after {delay:?}): {}", check.stderr);
    let info = axial_in(d, &["info", target]);
    assert_eq!(info.code, 0, "{}", info.stderr);
    assert!(!fills || !info.stdout.contains("\n0 documents"), "a made project is never empty: {}", info.stdout);
    assert!(info.stdout.starts_with("Project: named") || fills, "a new project has its name at once: {}", info.stdout);
    std::fs::remove_file(d.join(target)).unwrap();
    true
}

#[test]
fn a_killed_creation_leaves_nothing_or_a_whole_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // `axial new` is quick: kill it at many moments, early ones included.
    for i in 0..12u64 {
        kill_and_check(d, &["new", "p.axial", "--name", "named"], "p.axial", Duration::from_millis(i * 2), false);
    }
    // `axial synth` fills a project for a while: a kill mid-way must not leave it half filled.
    let mut whole = 0;
    for ms in [5, 40, 120, 300, 3000] {
        if kill_and_check(d, &["synth", "s.axial", "--size", "tiny"], "s.axial", Duration::from_millis(ms), true) {
            whole += 1;
        }
    }
    assert!(whole >= 1, "given time, synth finishes");
    for name in names(d) {
        assert!(!name.ends_with(".axial"), "no project is left: {name}");
    }
}

#[test]
fn odd_schema_versions_are_refused_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(axial_in(d, &["new", "p.axial"]).code, 0);
    for (version, says) in [(-1, "schema version no Axial writes"), (99, "made by a newer Axial")] {
        set_user_version(&d.join("p.axial"), version);
        for args in [&["info", "p.axial"][..], &["import", "p.axial", "x.txt"], &["check", "p.axial"]] {
            let r = axial_in(d, args);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
            assert!(!r.stderr.contains("for editing"), "{args:?}: {}", r.stderr);
            assert_short(&r.stderr);
        }
    }
}

/// Writes `PRAGMA user_version` straight into the header (bytes 60..64, big-endian), as a
/// damaged or foreign file might carry it.
fn set_user_version(path: &Path, version: i32) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&version.to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_page_gets_a_short_summary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A project with a page overwritten in the middle.
    assert_eq!(axial_in(d, &["synth", "big.axial", "--size", "tiny"]).code, 0);
    let path = d.join("big.axial");
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "the project spans pages");
    for b in &mut bytes[3 * page..6 * page] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    let r = axial_in(d, &["check", "big.axial"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("damaged"), "{}", r.stderr);
    assert_short(&r.stderr);
    assert!(r.stderr.len() < 600, "a summary, not every finding: {}", r.stderr);
}

/// Runs the binary as a user who may not write what root may (root ignores permissions).
fn as_plain_user(d: &Path, args: &[&str]) -> Option<common::Run> {
    let mut cmd = if running_as_root() {
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!("skipped: running as root without setpriv, so a read-only file cannot be simulated");
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin()]);
        c
    } else {
        Command::new(bin())
    };
    let out = cmd.args(args).current_dir(d).env("AXIAL_USER", "tester").output().unwrap();
    Some(common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

fn running_as_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[cfg(unix)]
#[test]
fn a_read_only_project_reads_and_is_never_called_damaged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(axial_in(d, &["synth", "p.axial", "--size", "tiny"]).code, 0);
    std::fs::write(d.join("x.txt"), "A: hello\n").unwrap();
    let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    // A read-only file in a writable folder, then a writable file in a read-only folder.
    for (file_mode, folder_mode) in [(0o444, 0o777), (0o644, 0o555)] {
        set(&d.join("p.axial"), file_mode);
        set(d, folder_mode);
        let info = as_plain_user(d, &["info", "p.axial"]);
        let import = as_plain_user(d, &["import", "p.axial", "x.txt"]);
        let check = as_plain_user(d, &["check", "p.axial"]);
        set(d, 0o777);
        let (Some(info), Some(import), Some(check)) = (info, import, check) else { return };
        assert_eq!(info.code, 0, "reading works ({file_mode:o}/{folder_mode:o}): {}", info.stderr);
        assert!(info.stdout.contains("documents"), "{}", info.stdout);
        assert_eq!(check.code, 0, "a healthy read-only file checks sound: {}", check.stderr);
        assert_eq!(import.code, 1);
        assert!(import.stderr.contains("read-only"), "{}", import.stderr);
        for wrong in ["damaged", "backup"] {
            assert!(!import.stderr.contains(wrong), "{wrong}: {}", import.stderr);
            assert!(!info.stderr.contains(wrong), "{wrong}: {}", info.stderr);
        }
        assert_short(&import.stderr);
    }
}
