//! Soak: 50,000 random edits, undos and redos on a thesis-size synthetic project (60 documents
//! x 8,000 words, 400 codes, 20,000 codings), written to a file as the app writes it. Records
//! the time of each store call (with patching the live model) and the resident memory, and
//! asserts that neither grows: the mean of the last 1,000 edits is at most twice the first
//! 1,000's plus 2 ms, and resident memory at the end is at most 1.5x the start's plus 64 MiB.
//! At the end the live model must still equal a fresh load.
//!
//! Ignored in CI (minutes). Run:
//! `cargo test -p axial-core --release --test soak -- --ignored --nocapture`
//! (`AXIAL_SOAK_EDITS=N` for another length, `AXIAL_SOAK_SPEC=tiny` for a small project).

mod common;

use axial_core::model::*;
use axial_core::store::Store;
use axial_core::synth::{SynthSpec, generate};
use common::ops::*;
use std::time::{Duration, Instant};

/// Resident memory of this process in KiB (Linux), 0 where /proc is not there.
fn vm_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmRSS:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

fn mean(d: &[Duration]) -> Duration {
    d.iter().sum::<Duration>() / d.len().max(1) as u32
}

/// Keeps the project near its starting size: without this, merges and deletions (each code
/// deleted takes its codings) wear a thesis down to a handful of codes within 50,000 steps.
fn bounded(op: Op, live: &Project, spec: &SynthSpec) -> Op {
    let few_codes = live.codes().len() < spec.codes * 9 / 10;
    match op {
        Op::CreateCoding(_, _, _, n) if live.codings().len() > spec.codings + 1_000 => Op::DeleteCoding(n),
        Op::DeleteCoding(n) if live.codings().len() + 1_000 < spec.codings => Op::CreateCoding(n, n, n as u16, n),
        Op::Merge(a, b, c, _) if few_codes => Op::CreateCode(a, b, c),
        Op::DeleteCode(n) | Op::DeleteConcept(n) | Op::DeleteCategory(n) if few_codes => Op::CreateCode(n, n, n),
        Op::CreateMemo(_, n) if live.memos().len() > 2_000 => Op::DeleteMemo(n),
        other => other,
    }
}

#[test]
#[ignore = "minutes: run with --ignored (see the module doc)"]
fn fifty_thousand_edits_on_a_thesis_project_stay_fast_and_small() {
    let edits: usize = std::env::var("AXIAL_SOAK_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let spec_name = std::env::var("AXIAL_SOAK_SPEC").unwrap_or_else(|_| "thesis".into());
    let spec = SynthSpec::named(&spec_name).expect("thesis, large or tiny");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soak.axial");
    let t = Instant::now();
    generate(&path, &spec, |_, _| {}).expect("the synthetic project is written");
    println!("soak: generated {spec_name} in {:.1?}", t.elapsed());

    let mut store = Store::open(&path).unwrap();
    let mut live = store.load().unwrap();
    let rss_start = vm_rss_kib();
    let mut rng = fastrand::Rng::with_seed(0x50A7);
    let mut times = Vec::with_capacity(edits);
    // Which kind of step each time belongs to, to tell a slower store from a changed mix.
    let mut kinds: Vec<String> = Vec::with_capacity(edits);
    let (mut done, mut refused, mut skipped) = (0usize, 0usize, 0usize);
    let began = Instant::now();
    while times.len() < edits {
        let op = bounded(random_op(&mut rng), &live, &spec);
        // Build the action outside the clock (the generator collects every id); time only
        // the store call and the patching of the live model, as the app pays them.
        let action = match &op {
            Op::Undo | Op::Redo => None,
            _ => {
                let mut ids = store.ids().unwrap();
                match batch_action(&live, &mut ids, &op) {
                    Some(a) => Some(a),
                    None => {
                        skipped += 1;
                        continue;
                    }
                }
            }
        };
        let t = Instant::now();
        let result = match (&op, &action) {
            (Op::Undo, _) => store.undo().map(|s| s.changes),
            (Op::Redo, _) => store.redo().map(|s| s.changes),
            (_, Some(a)) if a.merge_key().is_some() => store.apply_merging(a),
            (_, Some(a)) => store.apply(a),
            (_, None) => unreachable!("built above"),
        };
        match result {
            Ok(changes) => {
                live.apply(&changes);
                done += 1;
            }
            Err(_) => refused += 1,
        }
        times.push(t.elapsed());
        let name = format!("{op:?}");
        kinds.push(name.split('(').next().unwrap_or_default().to_owned());
    }
    let total = began.elapsed();
    let rss_end = vm_rss_kib();
    let fresh = store.load().unwrap();
    assert!(live == fresh, "after the soak the live model differs from a fresh load");
    offsets_inside(&fresh).unwrap();
    assert_eq!(store.check_integrity().unwrap(), None);

    let k = 1_000.min(times.len() / 2).max(1);
    let (first, last) = (mean(&times[..k]), mean(&times[times.len() - k..]));
    let mut sorted = times.clone();
    sorted.sort();
    let pct = |p: f64| sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)];
    println!(
        "soak: {edits} steps ({done} applied, {refused} refused, {skipped} skipped as no-ops) in {total:.1?}; \
         mean first {k} {first:.2?}, last {k} {last:.2?}; p50 {:.2?}, p99 {:.2?}, max {:.2?}; \
         VmRSS start {} MiB, end {} MiB; project now {} codes, {} codings, {} memos; file {} MiB",
        pct(0.50),
        pct(0.99),
        sorted[sorted.len() - 1],
        rss_start / 1024,
        rss_end / 1024,
        fresh.codes().len(),
        fresh.codings().len(),
        fresh.memos().len(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) / (1 << 20),
    );
    // Per kind: the mean and count in the first and the last k steps (the kinds that slowed).
    let by_kind = |range: std::ops::Range<usize>| {
        let mut m: std::collections::BTreeMap<&str, (Duration, u32)> = Default::default();
        for i in range {
            let e = m.entry(kinds[i].as_str()).or_default();
            e.0 += times[i];
            e.1 += 1;
        }
        m
    };
    let (head, tail) = (by_kind(0..k), by_kind(times.len() - k..times.len()));
    for (kind, (t, n)) in &tail {
        let (t0, n0) = head.get(kind).copied().unwrap_or_default();
        println!(
            "soak: {kind:<20} first {n0:>4} x {:>9.2?}   last {n:>4} x {:>9.2?}",
            t0.checked_div(n0.max(1)).unwrap_or_default(),
            t.checked_div(*n).unwrap_or_default()
        );
    }
    assert!(last <= first * 2 + Duration::from_millis(2), "edits slowed down: first {first:?}, last {last:?}");
    assert!(rss_end <= rss_start + rss_start / 2 + 64 * 1024, "memory grew: {rss_start} KiB -> {rss_end} KiB");
}

/// The time of one edit must not grow with the length of the undo history: 200 renames timed
/// on a fresh file, then again once the history holds 32,768 entries of about 1 KB (the soak
/// above ends with about 33,000). The long history is made by copying real entries with SQL
/// (fast; the copies are never undone), as 33,000 fsynced edits would take minutes.
#[test]
fn an_edits_time_does_not_grow_with_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.axial");
    let mut store = Store::create(&path).unwrap();
    let rename = |store: &mut Store| {
        let t = Instant::now();
        for i in 0..200 {
            store.apply(&Action::SetProjectName { name: format!("name {i}") }).unwrap();
        }
        t.elapsed() / 200
    };
    let text = "x".repeat(1024);
    for _ in 0..16 {
        let id = store.ids().unwrap().memo();
        let memo = Action::CreateMemo {
            id,
            target: MemoTarget::Project,
            title: "t".into(),
            text: text.clone(),
            author: "a".into(),
            created: "t".into(),
            modified: "t".into(),
        };
        store.apply(&memo).unwrap();
    }
    let before = rename(&mut store);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let copy = "INSERT INTO history (label, forward, inverse, undone, who, at, format, merge_key, audit_id, open)
                SELECT label, forward, inverse, 0, who, at, format, NULL, NULL, 0 FROM history WHERE label = 'Write memo'";
    while conn.query_row("SELECT count(*) FROM history", [], |r| r.get::<_, i64>(0)).unwrap() < 32_768 {
        conn.execute(copy, []).unwrap();
    }
    let plan: String = conn
        .query_row("EXPLAIN QUERY PLAN SELECT seq, forward, format, audit_id FROM history WHERE open = 1", [], |r| {
            r.get(3)
        })
        .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let after = rename(&mut store);
    println!("one rename: {before:.2?} with a short history, {after:.2?} with 32,768 entries; sealing bursts: {plan}");
    assert!(after <= before * 2 + Duration::from_millis(2), "an edit slowed from {before:?} to {after:?} ({plan})");
}
