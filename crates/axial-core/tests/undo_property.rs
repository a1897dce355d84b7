//! Property: any sequence of actions (valid or not, with undos and redos between), undone to
//! the start, gives back exactly the starting project; redone to the end, exactly the end.
//! After every step, the live model patched from the store's change sets equals a fresh load,
//! and its live counts equal a count from scratch.
//!
//! The random actions come from `common/ops.rs` (shared with the crash, properties and soak
//! tests), merges included.

mod common;

use axial_core::model::*;
use axial_core::store::{Store, StoreError};
use common::ops::*;
use proptest::prelude::*;

fn redo_all(store: &mut Store, live: &mut Project) {
    loop {
        match store.redo() {
            Ok(step) => live.apply(&step.changes),
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("redo failed: {e}"),
        }
    }
}

fn undo_all(store: &mut Store, live: &mut Project) {
    loop {
        match store.undo() {
            Ok(step) => live.apply(&step.changes),
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("undo failed: {e}"),
        }
    }
}

/// Derived data kept live across steps, checked against a count from scratch.
#[derive(Default)]
struct Caches {
    cube: axial_core::analysis::cube::CubeCache,
    cooccurrence: axial_core::analysis::cooccurrence::CooccurrenceCache,
}

/// The live model must be what a fresh load gives, counts and caches included.
fn check_live(live: &Project, caches: &mut Caches, store: &Store, after: &str) -> Result<(), TestCaseError> {
    let fresh = store.load().unwrap();
    prop_assert_eq!(
        caches.cube.get(live),
        &axial_core::analysis::cube::cube_from(&fresh, &Tallies::build(&fresh)),
        "the cube cache differs after {}",
        after
    );
    prop_assert_eq!(
        caches.cooccurrence.update(live),
        &axial_core::analysis::cooccurrence::cooccurrence(&fresh),
        "co-occurrence differs after {}",
        after
    );
    prop_assert_eq!(live, &fresh, "the patched model differs from a fresh load after {}", after);
    prop_assert_eq!(live.tallies(), &Tallies::build(&fresh), "live counts differ from a recount after {}", after);
    prop_assert_eq!(
        axial_core::analysis::cube::cube(live),
        axial_core::analysis::cube::cube_from(&fresh, &Tallies::build(&fresh)),
        "the cube differs after {}",
        after
    );
    // Every index the live model keeps answers as the fresh load's does.
    for code in fresh.codes() {
        prop_assert_eq!(live.code_named(&code.name).map(|c| c.id), Some(code.id), "code names after {}", after);
        let live_codings: Vec<CodingId> = live.codings_of(code.id).map(|c| c.id).collect();
        let fresh_codings: Vec<CodingId> = fresh.codings_of(code.id).map(|c| c.id).collect();
        prop_assert_eq!(live_codings, fresh_codings, "codings of a code after {}", after);
    }
    for memo in fresh.memos() {
        let live_memos: Vec<MemoId> = live.memos_on(&memo.target).map(|m| m.id).collect();
        let fresh_memos: Vec<MemoId> = fresh.memos_on(&memo.target).map(|m| m.id).collect();
        prop_assert_eq!(live_memos, fresh_memos, "memos on a target after {}", after);
    }
    prop_assert_eq!(live.memos().len(), fresh.memos().len());
    for d in fresh.documents() {
        let live_order: Vec<CodingId> = live.codings_in(d.id).map(|c| c.id).collect();
        let mut expected: Vec<(usize, CodingId)> =
            fresh.codings().filter(|c| c.document == d.id).map(|c| (c.start, c.id)).collect();
        expected.sort();
        prop_assert_eq!(
            live_order,
            expected.into_iter().map(|(_, id)| id).collect::<Vec<_>>(),
            "document index after {}",
            after
        );
    }
    Ok(())
}

proptest! {
    // CI runs 96 cases; `PROPTEST_CASES=3000 cargo test -p axial-core --release --test undo_property` runs more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(ops in proptest::collection::vec(op(), 1..40)) {
        let mut store = seeded();
        let mut live = store.load().unwrap();
        let mut caches = Caches::default();
        // Undo the seeding too: the start is the empty project.
        let start = Store::in_memory("prop").unwrap().load().unwrap();
        for op in &ops {
            match op {
                Op::Undo => { if let Ok(step) = store.undo() { live.apply(&step.changes) } }
                Op::Redo => { if let Ok(step) = store.redo() { live.apply(&step.changes) } }
                _ => {
                    let mut ids = store.ids().unwrap();
                    if let Some(action) = batch_action(&live, &mut ids, op) {
                        let before = store.load().unwrap();
                        // apply_merging: consecutive edits of one memo or code join one undo step.
                        match store.apply_merging(&action) {
                            Ok(changes) => live.apply(&changes),
                            Err(_) => prop_assert_eq!(&store.load().unwrap(), &before, "a refused action changed the project: {:?}", action),
                        }
                    }
                }
            }
            check_live(&live, &mut caches, &store, &format!("{op:?}"))?;
            // Invariant: every coding stays inside its document.
            let p = store.load().unwrap();
            for c in p.codings() {
                let len = p.document(c.document).map(|d| d.char_len()).unwrap_or(0);
                prop_assert!(c.start < c.end && c.end <= len, "coding out of range: {:?}", c);
            }
        }
        // The end is the state with everything redone that can be.
        redo_all(&mut store, &mut live);
        let end = store.load().unwrap();
        undo_all(&mut store, &mut live);
        prop_assert_eq!(&store.load().unwrap(), &start);
        check_live(&live, &mut caches, &store, "undoing everything")?;
        redo_all(&mut store, &mut live);
        prop_assert_eq!(store.load().unwrap(), end);
        check_live(&live, &mut caches, &store, "redoing everything")?;
    }
}

#[test]
fn undo_history_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.axial");
    let empty;
    {
        let mut store = Store::create(&path).unwrap();
        empty = store.load().unwrap();
        let mut ids = store.ids().unwrap();
        let doc = ids.document();
        let code = ids.code();
        store
            .apply(&Action::AddDocument {
                id: doc,
                title: "T".into(),
                text: "Hello world".into(),
                case: None,
                imported: "t".into(),
            })
            .unwrap();
        store
            .apply(&Action::CreateCode {
                id: code,
                name: "Greeting".into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            })
            .unwrap();
        store
            .apply(&Action::CreateCoding {
                id: ids.coding(),
                document: doc,
                code,
                start: 0,
                end: 5,
                coder: "me".into(),
                created: "t".into(),
            })
            .unwrap();
        store.undo().unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.redo_label().unwrap().as_deref(), Some("Code passage"));
    store.redo().unwrap();
    assert_eq!(store.load().unwrap().codings().len(), 1);
    let mut live = store.load().unwrap();
    undo_all(&mut store, &mut live);
    assert_eq!(store.load().unwrap(), empty);
    assert!(store.audit_len().unwrap() >= 7, "every do, undo and redo is audited");
}
