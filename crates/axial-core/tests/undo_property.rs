//! Property: any sequence of actions (valid or not, with undos and redos between), undone to
//! the start, gives back exactly the starting project; redone to the end, exactly the end.
//! After every step, the live model patched from the store's change sets equals a fresh load,
//! and its live counts equal a count from scratch.

use axial_core::model::*;
use axial_core::store::{Store, StoreError};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    CreateCode(u8, u8, u8),
    UpdateCode(u8, u8, u8),
    SetCodeConcept(u8, u8),
    DeleteCode(u8),
    CreateConcept(u8, u8),
    RenameConcept(u8, u8),
    SetConceptCategory(u8, u8),
    DeleteConcept(u8),
    CreateCategory(u8, u8),
    SetCategoryClass(u8, u8),
    SetCore(u8),
    DeleteCategory(u8),
    CreateRelation(u8, u8),
    DeleteRelation(u8),
    CreateCoding(u8, u8, u16, u8),
    SetCodingRange(u8, u16, u8),
    SetCodingCode(u8, u8),
    DeleteCoding(u8),
    CreateMemo(u8, u8),
    UpdateMemo(u8, u8),
    DeleteMemo(u8),
    SetFacet(u8, u8, u8, u8),
    AddDocument(u8),
    DeleteDocument(u8),
    CreateCase(u8),
    DeleteCase(u8),
    SetDocumentCase(u8, u8),
    SetAttribute(u8, u8, u8),
    DeleteDimension(u8),
    CreateDimension(u8),
    SetExpectation(u8, u8, u8),
    /// Rename, move, add or delete a dimension's value, or the dimension itself moves.
    EditValue(u8, u8, u8, u8),
    /// Add, rename, move or delete a relation kind.
    EditKind(u8, u8, u8),
    Batch(Box<Op>, Box<Op>),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let leaf = prop_oneof![
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::CreateCode(a, b, c)),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::UpdateCode(a, b, c)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::SetCodeConcept(a, b)),
        any::<u8>().prop_map(Op::DeleteCode),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::CreateConcept(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::RenameConcept(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::SetConceptCategory(a, b)),
        any::<u8>().prop_map(Op::DeleteConcept),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::CreateCategory(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::SetCategoryClass(a, b)),
        any::<u8>().prop_map(Op::SetCore),
        any::<u8>().prop_map(Op::DeleteCategory),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::CreateRelation(a, b)),
        any::<u8>().prop_map(Op::DeleteRelation),
        (any::<u8>(), any::<u8>(), any::<u16>(), any::<u8>()).prop_map(|(a, b, c, d)| Op::CreateCoding(a, b, c, d)),
        (any::<u8>(), any::<u16>(), any::<u8>()).prop_map(|(a, b, c)| Op::SetCodingRange(a, b, c)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::SetCodingCode(a, b)),
        any::<u8>().prop_map(Op::DeleteCoding),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::CreateMemo(a, b)),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::UpdateMemo(a, b)),
        any::<u8>().prop_map(Op::DeleteMemo),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| Op::SetFacet(a, b, c, d)),
        any::<u8>().prop_map(Op::AddDocument),
        any::<u8>().prop_map(Op::DeleteDocument),
        any::<u8>().prop_map(Op::CreateCase),
        any::<u8>().prop_map(Op::DeleteCase),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::SetDocumentCase(a, b)),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::SetAttribute(a, b, c)),
        any::<u8>().prop_map(Op::DeleteDimension),
        any::<u8>().prop_map(Op::CreateDimension),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::SetExpectation(a, b, c)),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| Op::EditValue(a, b, c, d)),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::EditKind(a, b, c)),
        Just(Op::Undo),
        Just(Op::Redo),
    ];
    leaf.prop_recursive(1, 4, 2, |inner| (inner.clone(), inner).prop_map(|(a, b)| Op::Batch(Box::new(a), Box::new(b))))
}

/// An id from `ids` by index, or one that does not exist (to exercise refusals).
fn pick(ids: &[i64], n: u8) -> i64 {
    let i = n as usize % (ids.len() + 1);
    ids.get(i).copied().unwrap_or(9_999)
}

const NAMES: [&str; 6] = ["Trust", "Delay", "trust", "Ímpact", "", "Trust"];
const TEXTS: [&str; 3] = ["A: one two three\n\nB: four five", "Zoë: “quoted” — dash\n", "x"];

fn to_action(p: &Project, ids: &mut axial_core::store::IdAllocator, op: &Op) -> Action {
    let codes: Vec<i64> = p.codes().map(|c| c.id.0).collect();
    let concepts: Vec<i64> = p.concepts().map(|c| c.id.0).collect();
    let cats: Vec<i64> = p.categories().map(|c| c.id.0).collect();
    let docs: Vec<i64> = p.documents().map(|c| c.id.0).collect();
    let codings: Vec<i64> = p.codings().map(|c| c.id.0).collect();
    let memos: Vec<i64> = p.memos().map(|c| c.id.0).collect();
    let rels: Vec<i64> = p.relations().map(|c| c.id.0).collect();
    let cases: Vec<i64> = p.cases().map(|c| c.id.0).collect();
    let name = |n: u8, salt: &str| {
        format!("{}{}", NAMES[n as usize % NAMES.len()], if n.is_multiple_of(3) { "" } else { salt })
    };
    let opt = |ids: &[i64], n: u8| if n.is_multiple_of(4) { None } else { Some(pick(ids, n)) };
    let class = |n: u8| {
        if n % 7 == 6 { None } else { Some(ParadigmClass::ALL[n as usize % 6]) }
    };
    let dims = ["seci", "crm", "knowledge", "nope"];
    match op {
        Op::CreateCode(n, c, k) => Action::CreateCode {
            id: ids.code(),
            name: name(*n, &n.to_string()),
            color: if c % 5 == 4 { "red".into() } else { CODE_PALETTE[*c as usize % 12].into() },
            definition: format!("def {c}"),
            concept: opt(&concepts, *k).map(ConceptId),
        },
        Op::UpdateCode(i, n, c) => Action::UpdateCode {
            id: CodeId(pick(&codes, *i)),
            name: name(*n, "u"),
            color: CODE_PALETTE[*c as usize % 12].into(),
            definition: "new".into(),
        },
        Op::SetCodeConcept(i, k) => {
            Action::SetCodeConcept { id: CodeId(pick(&codes, *i)), concept: opt(&concepts, *k).map(ConceptId) }
        }
        Op::DeleteCode(i) => Action::DeleteCode { id: CodeId(pick(&codes, *i)) },
        Op::CreateConcept(n, k) => {
            Action::CreateConcept { id: ids.concept(), name: name(*n, "k"), category: opt(&cats, *k).map(CategoryId) }
        }
        Op::RenameConcept(i, n) => Action::RenameConcept { id: ConceptId(pick(&concepts, *i)), name: name(*n, "r") },
        Op::SetConceptCategory(i, k) => {
            Action::SetConceptCategory { id: ConceptId(pick(&concepts, *i)), category: opt(&cats, *k).map(CategoryId) }
        }
        Op::DeleteConcept(i) => Action::DeleteConcept { id: ConceptId(pick(&concepts, *i)) },
        Op::CreateCategory(n, c) => {
            Action::CreateCategory { id: ids.category(), name: name(*n, "cat"), class: class(*c) }
        }
        Op::SetCategoryClass(i, c) => Action::SetCategoryClass { id: CategoryId(pick(&cats, *i)), class: class(*c) },
        Op::SetCore(i) => Action::SetCoreCategory { id: opt(&cats, *i).map(CategoryId) },
        Op::DeleteCategory(i) => Action::DeleteCategory { id: CategoryId(pick(&cats, *i)) },
        Op::CreateRelation(a, b) => Action::CreateRelation {
            id: ids.relation(),
            from: CategoryId(pick(&cats, *a)),
            to: CategoryId(pick(&cats, *b)),
            kind: ["leads to", "enables"][*a as usize % 2].into(),
        },
        Op::DeleteRelation(i) => Action::DeleteRelation { id: RelationId(pick(&rels, *i)) },
        Op::CreateCoding(d, c, start, len) => Action::CreateCoding {
            id: ids.coding(),
            document: DocumentId(pick(&docs, *d)),
            code: CodeId(pick(&codes, *c)),
            start: *start as usize % 40,
            end: *start as usize % 40 + *len as usize % 12,
            coder: "prop".into(),
            created: "2026-01-01T00:00:00Z".into(),
        },
        Op::SetCodingRange(i, start, len) => Action::SetCodingRange {
            id: CodingId(pick(&codings, *i)),
            start: *start as usize % 30,
            end: *start as usize % 30 + *len as usize % 10,
        },
        Op::SetCodingCode(i, c) => {
            Action::SetCodingCode { id: CodingId(pick(&codings, *i)), code: CodeId(pick(&codes, *c)) }
        }
        Op::DeleteCoding(i) => Action::DeleteCoding { id: CodingId(pick(&codings, *i)) },
        Op::CreateMemo(t, n) => {
            let target = match t % 6 {
                0 => MemoTarget::Project,
                1 => MemoTarget::Document(DocumentId(pick(&docs, *n))),
                2 => MemoTarget::Code(CodeId(pick(&codes, *n))),
                3 => MemoTarget::Concept(ConceptId(pick(&concepts, *n))),
                4 => MemoTarget::Category(CategoryId(pick(&cats, *n))),
                _ => MemoTarget::Coding(CodingId(pick(&codings, *n))),
            };
            Action::CreateMemo {
                id: ids.memo(),
                target,
                title: "m".into(),
                text: format!("memo {n}"),
                author: "prop".into(),
                created: "t0".into(),
                modified: "t0".into(),
            }
        }
        Op::UpdateMemo(i, n) => Action::UpdateMemo {
            id: MemoId(pick(&memos, *i)),
            title: "edited".into(),
            text: format!("v{n}"),
            modified: "t1".into(),
        },
        Op::DeleteMemo(i) => Action::DeleteMemo { id: MemoId(pick(&memos, *i)) },
        Op::SetFacet(kind, i, d, v) => {
            let owner = match kind % 3 {
                0 => FacetOwner::Code(CodeId(pick(&codes, *i))),
                1 => FacetOwner::Concept(ConceptId(pick(&concepts, *i))),
                _ => FacetOwner::Category(CategoryId(pick(&cats, *i))),
            };
            let dim = dims[*d as usize % dims.len()];
            let value = match v % 5 {
                0 => None,
                1 => Some("combination".into()),
                2 => Some("analytical".into()),
                3 => Some("about".into()),
                _ => Some("bogus".into()),
            };
            Action::SetFacet { owner, dimension: dim.into(), value }
        }
        Op::AddDocument(n) => Action::AddDocument {
            id: ids.document(),
            title: format!("Doc {}", n % 4),
            text: TEXTS[*n as usize % 3].into(),
            case: opt(&cases, *n).map(CaseId),
            imported: "t".into(),
        },
        Op::DeleteDocument(i) => Action::DeleteDocument { id: DocumentId(pick(&docs, *i)) },
        Op::CreateCase(n) => Action::CreateCase { id: ids.case(), name: format!("Case {}", n % 3) },
        Op::DeleteCase(i) => Action::DeleteCase { id: CaseId(pick(&cases, *i)) },
        Op::SetDocumentCase(d, c) => {
            Action::SetDocumentCase { id: DocumentId(pick(&docs, *d)), case: opt(&cases, *c).map(CaseId) }
        }
        Op::SetAttribute(which, i, v) => {
            let value = if v % 3 == 0 { None } else { Some(format!("v{v}")) };
            if which % 2 == 0 {
                Action::SetDocumentAttribute { id: DocumentId(pick(&docs, *i)), key: "role".into(), value }
            } else {
                Action::SetCaseAttribute { id: CaseId(pick(&cases, *i)), key: "sector".into(), value }
            }
        }
        Op::DeleteDimension(d) => Action::DeleteDimension { key: dims[*d as usize % dims.len()].into() },
        Op::CreateDimension(n) => Action::CreateDimension {
            dimension: Dimension {
                key: ["seci", "mood"][*n as usize % 2].into(),
                label: "Mood".into(),
                values: vec![DimensionValue { key: "calm".into(), label: "Calm".into() }],
            },
            position: None,
        },
        Op::SetExpectation(r, c, l) => {
            let pairs = [
                ("crm", "operational"),
                ("crm", "analytical"),
                ("seci", "combination"),
                ("knowledge", "from"),
                ("mood", "calm"),
                ("crm", "bogus"),
            ];
            let (rd, rv) = pairs[*r as usize % pairs.len()];
            let (cd, cv) = pairs[*c as usize % pairs.len()];
            let levels = ["low", "medium/high", "high", "huge"];
            Action::SetExpectation {
                row: DimensionRef { dimension: rd.into(), value: rv.into() },
                column: DimensionRef { dimension: cd.into(), value: cv.into() },
                level: if l % 5 == 4 { None } else { Some(levels[*l as usize % 4].into()) },
            }
        }
        Op::EditValue(what, d, v, n) => {
            let dimension = dims[*d as usize % dims.len()].to_owned();
            let values = ["operational", "analytical", "combination", "from", "calm", "new", "bogus"];
            let key = values[*v as usize % values.len()].to_owned();
            let position = *n as usize % 5;
            match what % 5 {
                0 => Action::RenameDimensionValue { dimension, key, label: format!("Label {n}") },
                1 => Action::MoveDimensionValue { dimension, key, position },
                2 => Action::CreateDimensionValue {
                    dimension,
                    value: DimensionValue { key, label: "New".into() },
                    position: (n % 2 == 0).then_some(position),
                },
                3 => Action::DeleteDimensionValue { dimension, key },
                _ => Action::MoveDimension { key: dimension, position },
            }
        }
        Op::EditKind(what, k, n) => {
            let kinds = ["causes", "leads to", "enables", "", "results in"];
            let name = kinds[*k as usize % kinds.len()].to_owned();
            match what % 4 {
                0 => Action::CreateRelationKind { name, position: (n % 2 == 0).then_some(*n as usize % 8) },
                1 => Action::RenameRelationKind { name, new_name: kinds[*n as usize % kinds.len()].into() },
                2 => Action::MoveRelationKind { name, position: *n as usize % 8 },
                _ => Action::DeleteRelationKind { name },
            }
        }
        Op::Batch(..) | Op::Undo | Op::Redo => unreachable!("handled by the caller"),
    }
}

fn batch_action(p: &Project, ids: &mut axial_core::store::IdAllocator, op: &Op) -> Option<Action> {
    match op {
        Op::Batch(a, b) => {
            let mut actions = Vec::new();
            for o in [a, b] {
                actions.push(batch_action(p, ids, o)?);
            }
            Some(Action::Batch { label: "Batch".into(), actions })
        }
        Op::Undo | Op::Redo => None,
        other => Some(to_action(p, ids, other)),
    }
}

/// A small project with something of every kind.
fn seeded() -> Store {
    let mut store = Store::in_memory("prop").unwrap();
    let ops = [
        Op::CreateCase(1),
        Op::AddDocument(0),
        Op::AddDocument(2),
        Op::CreateCategory(1, 1),
        Op::CreateConcept(2, 2),
        Op::CreateCode(1, 1, 2),
        Op::CreateCode(2, 2, 0),
        Op::CreateCoding(0, 0, 2, 5),
        Op::CreateMemo(5, 0),
        Op::SetFacet(0, 0, 0, 1),
        Op::SetFacet(2, 0, 1, 2),
        Op::SetCore(2),
        Op::SetAttribute(0, 0, 1),
    ];
    for op in &ops {
        let p = store.load().unwrap();
        let mut ids = store.ids().unwrap();
        let action = to_action(&p, &mut ids, op);
        store.apply(&action).unwrap_or_else(|e| panic!("seeding {op:?}: {e}"));
    }
    store
}

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
