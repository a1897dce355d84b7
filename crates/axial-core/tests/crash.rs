//! Crash test: every acknowledged edit survives the process being killed.
//!
//! The test binary re-runs itself as a child (`crash_child`, active only with
//! `AXIAL_CRASH_CHILD` set) that opens a project file and makes random edits through the one
//! write path (codings, hierarchy moves, placing categories, merges, memo typing bursts,
//! undo and redo), printing `ack STEP DIGEST` after each `apply`/`undo`/`redo` has returned.
//! The parent kills it with SIGKILL after a random delay, reopens the file with
//! `Store::open` and checks that:
//! - the file opens, `PRAGMA integrity_check` says ok, and every coding is inside its text;
//! - the project is exactly the state of the last acknowledged step, or of the step after it
//!   (killed between the commit and the acknowledgement; the parent then replays the child's
//!   seeded script on a copy of the file taken before the child started, and compares whole
//!   projects);
//! - every 25 kills (and at the end), undoing the whole history gives back the empty project
//!   and redoing it gives back the last state: the history survives the crashes too.
//!
//! CI runs 20 kills. The long run (seeds and delays printed on failure):
//! `AXIAL_CRASH_KILLS=5000 cargo test -p axial-core --release --test crash -- --nocapture`
//! Also `AXIAL_CRASH_SEED` (base seed) and `AXIAL_CRASH_MAX_MS` (longest delay, default 120).

mod common;

use axial_core::model::*;
use axial_core::store::{Store, StoreError};
use common::ops::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "AXIAL_CRASH_CHILD";
const CHILD_SEED: &str = "AXIAL_CRASH_CHILD_SEED";
const CHILD_RUN: &str = "AXIAL_CRASH_CHILD_RUN";
/// Kills per project file: then the history is walked back to the start and a new file begun.
const EPOCH: usize = 25;

fn env_or<T: std::str::FromStr>(key: &str, default: T) -> T {
    std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Keeps a run's project small so every step's fresh load stays cheap.
fn bounded(op: Op, live: &Project) -> Op {
    match op {
        Op::CreateCoding(_, _, _, n) if live.codings().len() > 120 => Op::DeleteCoding(n),
        Op::CreateCode(a, b, _) if live.codes().len() > 30 => Op::Merge(0, a, b, 0),
        Op::CreateConcept(a, b) if live.concepts().len() > 15 => Op::Merge(1, a, b, 1),
        Op::CreateCategory(a, b) if live.categories().len() > 10 => Op::Merge(2, a, b, 2),
        Op::CreateMemo(_, n) if live.memos().len() > 30 => Op::DeleteMemo(n),
        Op::AddDocument(n) if live.documents().len() > 6 => Op::DeleteCoding(n),
        other => other,
    }
}

/// The child's script: deterministic from (`seed`, `run`, the file as it was opened). Step 1
/// renames the project (a plain action, so no typing burst of the previous run can absorb
/// this run's typing, which would depend on the clock); then random ops. After each step
/// returns, `ack(step, digest of the live model patched from its change set)`; then the live
/// model is checked against a fresh load (a mismatch panics, which the parent reports).
fn run_script(path: &Path, seed: u64, run: u64, max_steps: u64, mut ack: impl FnMut(u64, u64)) {
    let mut store = Store::open(path).unwrap_or_else(|e| panic!("the child cannot open {}: {e}", path.display()));
    let mut live = store.load().expect("the child loads the project");
    let mut rng = fastrand::Rng::with_seed(seed);
    let changes = store.apply(&Action::SetProjectName { name: format!("crash run {run}") }).expect("rename");
    live.apply(&changes);
    ack(1, digest(&store.load().expect("load")));
    for n in 2..=max_steps {
        let op = bounded(random_op(&mut rng), &live);
        step(&mut store, &mut live, &op);
        // Acknowledge at once (the live model is what the window shows), then check it.
        let d = digest(&live);
        ack(n, d);
        let fresh = store.load().expect("load");
        assert_eq!(digest(&fresh), d, "run {run} seed {seed}: the live model differs from a fresh load after {op:?}");
    }
}

/// Not a test of its own: the child process's entry. Does nothing unless `AXIAL_CRASH_CHILD`
/// names a project file.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD) else { return };
    let seed: u64 = env_or(CHILD_SEED, 0);
    let run: u64 = env_or(CHILD_RUN, 0);
    let mut out = std::io::stdout();
    run_script(Path::new(&path), seed, run, 1_000_000, |n, d| {
        // Written and flushed straight to the pipe (not through the test harness's capture).
        writeln!(out, "ack {n} {d:016x}").and_then(|()| out.flush()).expect("the parent reads acks");
    });
}

/// The last acknowledged step and its digest, if any.
fn last_ack(stdout: &str) -> Option<(u64, u64)> {
    stdout.lines().filter_map(|l| l.strip_prefix("ack ")).next_back().map(|rest| {
        let (n, d) = rest.split_once(' ').expect("ack STEP DIGEST");
        (n.parse().expect("step"), u64::from_str_radix(d.trim(), 16).expect("digest"))
    })
}

fn copy_project(from: &Path, to: &Path) {
    for suffix in ["", "-wal"] {
        let (mut a, mut b) = (from.as_os_str().to_owned(), to.as_os_str().to_owned());
        a.push(suffix);
        b.push(suffix);
        let _ = std::fs::remove_file(&b);
        if Path::new(&a).exists() {
            std::fs::copy(&a, &b).expect("copy the project");
        }
    }
}

/// SQLite's full check, run through its own connection beside the store's.
fn integrity_check(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("rusqlite opens the file");
    let mut stmt = conn.prepare("PRAGMA integrity_check").expect("prepare");
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect();
    lines.join("; ")
}

#[derive(Default, Debug)]
struct Tally {
    kills: usize,
    /// The file held exactly the last acknowledged state.
    at_ack: usize,
    /// The file held the state one step past the last acknowledgement (killed after commit).
    one_past: usize,
    /// Killed before the child acknowledged anything.
    before_first_ack: usize,
    steps_acked: u64,
    history_walks: usize,
}

/// Redo what waits to be redone (the end); undo everything, compare with the start; redo
/// everything, compare with the end.
fn walk_history(path: &Path, start: &Project, what: &str) {
    let mut store = Store::open(path).expect("open for the history walk");
    // The end is the state with everything redone that can be (undone steps wait at the top).
    loop {
        match store.redo() {
            Ok(_) => {}
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("{what}: redo failed after crashes: {e}"),
        }
    }
    let end = store.load().unwrap();
    let mut steps = 0;
    loop {
        match store.undo() {
            Ok(_) => steps += 1,
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("{what}: undo {steps} failed after crashes: {e}"),
        }
    }
    assert!(store.load().unwrap() == *start, "{what}: undoing all {steps} steps does not give back the start");
    loop {
        match store.redo() {
            Ok(_) => {}
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("{what}: redo failed after crashes: {e}"),
        }
    }
    assert!(store.load().unwrap() == end, "{what}: redoing all {steps} steps does not give back the end");
}

#[test]
fn acknowledged_edits_survive_sigkill() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let kills: usize = env_or("AXIAL_CRASH_KILLS", 20);
    let base_seed: u64 = env_or("AXIAL_CRASH_SEED", 0xA71A1);
    let max_ms: u64 = env_or("AXIAL_CRASH_MAX_MS", 120);
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut delays = fastrand::Rng::with_seed(base_seed ^ 0xDE1A7);
    let mut tally = Tally::default();
    let began = Instant::now();
    let mut path = PathBuf::new();
    let mut start = Project::default();
    for kill in 0..kills {
        if kill % EPOCH == 0 {
            if kill > 0 && kill % 500 == 0 {
                eprintln!("crash test: {kill} kills survived so far ({:.0?})", began.elapsed());
            }
            if kill > 0 {
                walk_history(&path, &start, &format!("file {}", kill / EPOCH));
                tally.history_walks += 1;
            }
            path = dir.path().join(format!("crash{}.axial", kill / EPOCH));
            let mut store = Store::create(&path).unwrap();
            start = store.load().unwrap();
            seed(&mut store);
        }
        let seed = base_seed.wrapping_mul(6364136223846793005).wrapping_add(kill as u64);
        let run = kill as u64;
        let shadow = dir.path().join("shadow.axial");
        let before = digest(&Store::open_read_only(&path).unwrap().load().unwrap());
        copy_project(&path, &shadow);
        let delay = Duration::from_millis(delays.u64(0..=max_ms));
        let early = delays.u32(0..10) == 0;
        let mut out: Vec<String> = Vec::new();
        let context = format!(
            "kill {kill} (AXIAL_CRASH_SEED={base_seed}, child seed {seed}, delay {delay:?} after {})",
            if early { "spawning" } else { "the first ack" }
        );

        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1", "--quiet"])
            .env(CHILD, &path)
            .env(CHILD_SEED, seed.to_string())
            .env(CHILD_RUN, run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the child");
        let stdout = child.stdout.take().unwrap();
        let (lines, acks) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
                let line = line.expect("read the child's acks");
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        // Most delays count from the first acknowledgement (the child is editing); one kill in
        // ten counts from the start, so some land while the file is being opened.
        if !early {
            while let Ok(line) = acks.recv_timeout(Duration::from_secs(10)) {
                let first_ack = line.starts_with("ack ");
                out.push(line);
                if first_ack {
                    break;
                }
            }
        }
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL the child");
        let status = child.wait().unwrap();
        reader.join().unwrap();
        out.extend(acks.try_iter());
        let out = out.join("\n");
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "{context}: the child ended on its own ({status}):\n{out}\n{err}");
        }
        tally.kills += 1;

        // Reopen as the app would, then check everything.
        let store = Store::open(&path).unwrap_or_else(|e| panic!("{context}: the file does not reopen: {e}"));
        let loaded = store.load().unwrap_or_else(|e| panic!("{context}: the project does not load: {e}"));
        assert_eq!(store.check_integrity().unwrap(), None, "{context}: quick_check");
        assert_eq!(integrity_check(&path), "ok", "{context}: integrity_check");
        offsets_inside(&loaded).unwrap_or_else(|e| panic!("{context}: {e}"));
        drop(store);
        let got = digest(&loaded);
        let (acked, acked_digest) = last_ack(&out).unwrap_or((0, before));
        tally.steps_acked += acked;
        if acked == 0 {
            tally.before_first_ack += 1;
        }
        if got == acked_digest {
            tally.at_ack += 1;
            continue;
        }
        // Not the acknowledged state: it must be the next one, in full. Replay the script on
        // the copy taken before the child ran.
        let mut digests = vec![before];
        run_script(&shadow, seed, run, acked + 1, |_, d| digests.push(d));
        assert_eq!(
            digests[acked as usize], acked_digest,
            "{context}: the replay is not deterministic (step {acked} differs from the child's)"
        );
        let replayed = Store::open(&shadow).unwrap().load().unwrap();
        assert!(
            replayed == loaded,
            "{context}: acknowledged step {acked} is lost or half-applied: the file is neither that state nor the next"
        );
        tally.one_past += 1;
    }
    if kills > 0 {
        walk_history(&path, &start, "the last file");
        tally.history_walks += 1;
    }
    println!("crash test: {tally:?} in {:.1?} (AXIAL_CRASH_SEED={base_seed})", began.elapsed());
}

/// After `Store::checkpoint` (what the app runs once edits go quiet), the `.axial` file
/// alone, copied while the project is still open and without its `-wal`, holds every edit.
#[test]
fn after_a_checkpoint_the_file_alone_holds_every_edit() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    let mut store = Store::create(&path).unwrap();
    seed(&mut store);
    let mut live = store.load().unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..200 {
        step(&mut store, &mut live, &random_op(&mut rng));
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0, "the edits sit in the write-ahead log");
    assert!(store.checkpoint().unwrap(), "nothing else holds the file");
    let copy = dir.path().join("copy.axial");
    std::fs::copy(&path, &copy).unwrap();
    let from_copy = Store::open(&copy).unwrap().load().unwrap();
    assert!(from_copy == live, "the copied file alone lacks edits");
    assert_eq!(integrity_check(&copy), "ok");
}
