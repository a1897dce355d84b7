//! Properties of the project as a whole (see docs/reliability.md), beyond `undo_property.rs`
//! (which checks, on an in-memory store: undo-all gives the start, the live model equals a
//! fresh load after every step, offsets stay inside the text):
//! - the same on a project FILE, with the file closed and reopened at random points: the
//!   history, bursts of typing included, survives closing;
//! - `axial.project/1` export -> import -> export gives the identical JSON;
//! - importing a damaged export either works or leaves the project exactly as it was.
//!
//! CI runs 32 cases each; `PROPTEST_CASES=1000 cargo test -p axial-core --release --test properties`
//! runs more.

mod common;

use axial_core::io::project_json;
use axial_core::model::*;
use axial_core::project::import_project_json;
use axial_core::store::{Store, StoreError};
use common::ops::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    Op(Op),
    /// Close the store and open the file again (the window closed, the laptop rebooted).
    Reopen,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![9 => op().prop_map(Step::Op), 1 => Just(Step::Reopen)];
    proptest::collection::vec(step, 1..40)
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A project built from `ops` on the seeded store, in memory.
fn project_from(ops: &[Op]) -> Store {
    let mut store = seeded();
    let mut live = store.load().unwrap();
    for op in ops {
        step(&mut store, &mut live, op);
    }
    store
}

fn undo_all(store: &mut Store) -> usize {
    let mut n = 0;
    loop {
        match store.undo() {
            Ok(_) => n += 1,
            Err(StoreError::NothingTo(_)) => return n,
            Err(e) => panic!("undo failed: {e}"),
        }
    }
}

fn redo_all(store: &mut Store) {
    loop {
        match store.redo() {
            Ok(_) => {}
            Err(StoreError::NothingTo(_)) => return,
            Err(e) => panic!("redo failed: {e}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), failure_persistence: None, ..ProptestConfig::default() })]

    /// (a), (c) and (d) on a file, with merges and reopening.
    #[test]
    fn a_file_with_merges_and_reopens_undoes_to_the_start(steps in steps()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.axial");
        let mut store = Store::create(&path).unwrap();
        let start = store.load().unwrap();
        seed(&mut store);
        let mut live = store.load().unwrap();
        for s in &steps {
            match s {
                Step::Reopen => {
                    drop(store);
                    store = Store::open(&path).unwrap();
                }
                Step::Op(op) => {
                    let before = store.load().unwrap();
                    if let Outcome::Refused = step(&mut store, &mut live, op) {
                        prop_assert!(store.load().unwrap() == before, "a refused {:?} changed the project", op);
                    }
                }
            }
            let fresh = store.load().unwrap();
            prop_assert!(live == fresh, "the live model differs from a fresh load after {:?}", s);
            prop_assert_eq!(live.tallies(), &Tallies::build(&fresh), "live counts after {:?}", s);
            if let Err(e) = offsets_inside(&fresh) {
                return Err(TestCaseError::fail(format!("after {s:?}: {e}")));
            }
        }
        drop(store);
        let mut store = Store::open(&path).unwrap();
        // The end is the state with everything redone that can be.
        redo_all(&mut store);
        let end = store.load().unwrap();
        undo_all(&mut store);
        prop_assert!(store.load().unwrap() == start, "undoing everything does not give back the empty project");
        redo_all(&mut store);
        prop_assert!(store.load().unwrap() == end, "redoing everything does not give back the end");
        prop_assert_eq!(store.check_integrity().unwrap(), None);
    }

    /// (b) export -> import -> export is identical, the items' stable ids included.
    #[test]
    fn export_import_export_is_identical(ops in proptest::collection::vec(op(), 0..40)) {
        let store = project_from(&ops);
        let first = project_json::export_string(&store.load().unwrap(), Some(&store.uids().unwrap()));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.json");
        std::fs::write(&file, &first).unwrap();
        let mut again = Store::in_memory("again").unwrap();
        import_project_json(&mut again, &file).map_err(|e| TestCaseError::fail(format!("the export does not import: {e}")))?;
        let imported = again.load().unwrap();
        let second = project_json::export_string(&imported, Some(&again.uids().unwrap()));
        prop_assert_eq!(&first, &second);
        if let Err(e) = offsets_inside(&imported) {
            return Err(TestCaseError::fail(e));
        }
    }

    /// Bad input leaves the project unchanged: a damaged export is imported whole or not at all.
    #[test]
    fn a_damaged_import_changes_nothing_or_imports_whole(
        ops in proptest::collection::vec(op(), 0..25),
        damage in proptest::collection::vec((0u8..8, any::<u16>()), 1..3),
    ) {
        let source = project_from(&ops).load().unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&project_json::export_string(&source, None)).unwrap();
        for (kind, n) in &damage {
            damage_json(&mut json, *kind, *n as usize);
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("damaged.json");
        std::fs::write(&file, serde_json::to_string(&json).unwrap()).unwrap();
        // Import into a project that already holds something of its own.
        let mut store = Store::in_memory("target").unwrap();
        let mut ids = store.ids().unwrap();
        let doc = ids.document();
        store.apply(&Action::AddDocument { id: doc, title: "Own".into(), text: "own text".into(), case: None, imported: "t".into() }).unwrap();
        let before = store.load().unwrap();
        match import_project_json(&mut store, &file) {
            Err(_) => prop_assert!(store.load().unwrap() == before, "a refused import changed the project"),
            Ok(_) => {
                let after = store.load().unwrap();
                if let Err(e) = offsets_inside(&after) {
                    return Err(TestCaseError::fail(format!("an accepted damaged import: {e}")));
                }
                store.undo().unwrap();
                prop_assert!(store.load().unwrap() == before, "one undo does not take the import back");
            }
        }
    }
}

/// The `n`th item (modulo its length) of a top-level list, if the list has any.
fn nth_mut<'a>(json: &'a mut serde_json::Value, list: &str, n: usize) -> Option<&'a mut serde_json::Value> {
    let items = json.get_mut(list)?.as_array_mut()?;
    let len = items.len();
    if len == 0 { None } else { items.get_mut(n % len) }
}

/// One kind of damage at index `n` of the list it touches (nothing if the list is empty).
fn damage_json(json: &mut serde_json::Value, kind: u8, n: usize) {
    use serde_json::json;
    let list =
        ["codings", "codings", "codings", "codes", "memos", "documents", "codes", "documents"][kind as usize % 8];
    let Some(item) = nth_mut(json, list, n) else { return };
    match kind {
        0 => item["end"] = json!(1_000_000),
        1 => item["code"] = json!("no such code"),
        2 => {
            let end = item["end"].as_u64().unwrap_or(0);
            item["start"] = json!(end + 1);
        }
        3 => item["concept"] = json!("no such concept"),
        4 => {
            item["on"] = json!("coding");
            item["target"] = json!(9_999);
        }
        5 => item["text"] = json!(null),
        6 => item["color"] = json!("not a colour"),
        _ => {
            let copy = item.clone();
            json["documents"].as_array_mut().expect("a list").push(copy);
        }
    }
}
