//! Shared helpers for the integration tests: run the real `axial` binary, find fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the real binary with `args` in `dir`.
pub fn axial_in(dir: &Path, args: &[&str]) -> Run {
    axial_as(dir, "tester", args)
}

/// Runs the real binary with `args` in `dir` as `user` (`AXIAL_USER`).
pub fn axial_as(dir: &Path, user: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_axial"))
        .args(args)
        .current_dir(dir)
        .env("AXIAL_USER", user)
        .output()
        .expect("the axial binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn axial(args: &[&str]) -> Run {
    axial_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs and asserts success, returning stdout.
pub fn ok(args: &[&str]) -> String {
    let r = axial(args);
    assert_eq!(r.code, 0, "axial {args:?} failed:\n{}", r.stderr);
    r.stdout
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects").join(name)
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// A new project in a temporary folder (kept alive by the returned guard).
pub fn new_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.axial");
    ok(&["new", s(&path)]);
    (dir, path)
}
