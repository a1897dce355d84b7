//! Shared by the reliability tests (undo_property, crash, properties, soak): random edits as
//! data (`Op`, merges through `axial_core::edit::merge` included), the actions they become
//! against the current project, a proptest strategy and a seeded `fastrand` picker for them,
//! and a canonical digest of a project's rows.
#![allow(dead_code)]

use axial_core::model::*;
use axial_core::store::{IdAllocator, Store};
use proptest::prelude::*;

#[derive(Clone, Debug)]
pub enum Op {
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
    /// Merge two codes (0), concepts (1) or categories (2) by name, kept or renamed.
    Merge(u8, u8, u8, u8),
    /// The depth of the method: a property made, edited, its point renamed or deleted, a
    /// passage placed, evidence added or removed, a matrix level, a prompted mark.
    Depth(u8, u8, u8, u8),
}

pub fn op() -> impl Strategy<Value = Op> {
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
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| Op::Merge(a, b, c, d)),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c, d)| Op::Depth(a, b, c, d)),
        Just(Op::Undo),
        Just(Op::Redo),
    ];
    leaf.prop_recursive(1, 4, 2, |inner| (inner.clone(), inner).prop_map(|(a, b)| Op::Batch(Box::new(a), Box::new(b))))
}

/// An id from `ids` by index, or one that does not exist (to exercise refusals).
pub fn pick(ids: &[i64], n: u8) -> i64 {
    let i = n as usize % (ids.len() + 1);
    ids.get(i).copied().unwrap_or(9_999)
}

pub const NAMES: [&str; 6] = ["Trust", "Delay", "trust", "Ímpact", "", "Trust"];
pub const TEXTS: [&str; 3] = ["A: one two three\n\nB: four five", "Zoë: “quoted” — dash\n", "x"];

pub fn to_action(p: &Project, ids: &mut axial_core::store::IdAllocator, op: &Op) -> Action {
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
            let target = match t % 7 {
                0 => MemoTarget::Project,
                1 => MemoTarget::Document(DocumentId(pick(&docs, *n))),
                2 => MemoTarget::Code(CodeId(pick(&codes, *n))),
                3 => MemoTarget::Concept(ConceptId(pick(&concepts, *n))),
                4 => MemoTarget::Category(CategoryId(pick(&cats, *n))),
                5 => MemoTarget::Coding(CodingId(pick(&codings, *n))),
                _ => MemoTarget::Relation(RelationId(pick(&rels, *n))),
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
        Op::Depth(kind, i, j, n) => depth_action(p, ids, *kind, *i, *j, *n),
        Op::Batch(..) | Op::Merge(..) | Op::Undo | Op::Redo => unreachable!("handled by the caller"),
    }
}

pub fn batch_action(p: &Project, ids: &mut axial_core::store::IdAllocator, op: &Op) -> Option<Action> {
    match op {
        Op::Batch(a, b) => {
            let mut actions = Vec::new();
            for o in [a, b] {
                actions.push(batch_action(p, ids, o)?);
            }
            Some(Action::Batch { label: "Batch".into(), actions })
        }
        Op::Undo | Op::Redo => None,
        Op::Merge(level, a, b, into) => merge_action(p, ids, *level, *a, *b, *into),
        other => Some(to_action(p, ids, other)),
    }
}

/// A small project with something of every kind.
pub fn seeded() -> Store {
    let mut store = Store::in_memory("prop").unwrap();
    seed(&mut store);
    store
}

/// Writes the small project of [`seeded`] into `store` (one undoable step per row).
pub fn seed(store: &mut Store) {
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
}

/// A merge of two items of one level, built by the same function `axial edit merge` and the
/// code tree use. `None` when the level has fewer than two items or the merge is refused.
/// The memos a code merge copies get a fixed `modified` (the editor stamps the wall clock),
/// so the same ops on the same project give the same rows.
pub fn merge_action(p: &Project, ids: &mut IdAllocator, level: u8, a: u8, b: u8, into: u8) -> Option<Action> {
    use axial_core::edit::{Level, merge};
    let (level, names): (Level, Vec<String>) = match level % 3 {
        0 => (Level::Code, p.codes().map(|c| c.name.clone()).collect()),
        1 => (Level::Concept, p.concepts().map(|c| c.name.clone()).collect()),
        _ => (Level::Category, p.categories().map(|c| c.name.clone()).collect()),
    };
    if names.len() < 2 {
        return None;
    }
    let first = a as usize % names.len();
    let second = (first + 1 + b as usize % (names.len() - 1)) % names.len();
    let pair = [names[first].clone(), names[second].clone()];
    let target = match into % 3 {
        0 => pair[0].clone(),
        1 => pair[1].clone(),
        _ => format!("{} & {}", pair[0], pair[1]),
    };
    let Ok(Action::Batch { label, actions }) = merge(p, ids, level, &pair, &target) else { return None };
    let actions = actions
        .into_iter()
        .map(|action| match action {
            Action::CreateMemo { id, target, title, text, author, created, .. } => {
                Action::CreateMemo { id, target, title, text, author, created, modified: "t-merge".into() }
            }
            other => other,
        })
        .collect();
    Some(Action::Batch { label, actions })
}

/// One of the depth actions against the current project (some refused: a bad id, a point the
/// dimension lacks, a dropped point passages are placed on).
pub fn depth_action(p: &Project, ids: &mut IdAllocator, kind: u8, i: u8, j: u8, n: u8) -> Action {
    let cats: Vec<i64> = p.categories().map(|c| c.id.0).collect();
    let props: Vec<i64> = p.depth().properties().map(|c| c.id.0).collect();
    let codings: Vec<i64> = p.codings().map(|c| c.id.0).collect();
    let rels: Vec<i64> = p.relations().map(|c| c.id.0).collect();
    let evidence: Vec<i64> = p.depth().evidence().map(|c| c.id.0).collect();
    let docs: Vec<i64> = p.documents().map(|c| c.id.0).collect();
    let points = ["low", "medium", "high", "", "low"];
    let dimension = |n: u8| {
        let k = 1 + n as usize % 4;
        PropertyDimension {
            ordered: n.is_multiple_of(2),
            points: points[..k].iter().map(|s| (*s).to_owned()).collect(),
        }
    };
    match kind % 9 {
        0 => Action::CreateProperty {
            id: ids.property(),
            category: CategoryId(pick(&cats, i)),
            name: ["Frequency", "Formality", ""][j as usize % 3].into(),
            dimension: dimension(n),
        },
        1 => Action::UpdateProperty { id: PropertyId(pick(&props, i)), name: format!("P{j}"), dimension: dimension(n) },
        2 => Action::RenamePropertyPoint {
            id: PropertyId(pick(&props, i)),
            point: points[j as usize % 3].into(),
            new_name: ["rare", "often", "high"][n as usize % 3].into(),
        },
        3 => Action::DeleteProperty { id: PropertyId(pick(&props, i)) },
        4 => Action::PlaceCoding {
            coding: CodingId(pick(&codings, i)),
            property: PropertyId(pick(&props, j)),
            point: (!n.is_multiple_of(4)).then(|| points[n as usize % 3].to_owned()),
        },
        5 => {
            let start = n as usize % 5;
            Action::AddEvidence {
                id: ids.evidence(),
                relation: RelationId(pick(&rels, i)),
                document: DocumentId(pick(&docs, j)),
                start,
                end: start + 1 + (n as usize % 3),
            }
        }
        6 => Action::RemoveEvidence { id: EvidenceId(pick(&evidence, i)) },
        7 => Action::SetCategoryLevel {
            id: CategoryId(pick(&cats, i)),
            level: (n % 6 != 5).then(|| ConditionLevel::ALL[n as usize % 5]),
        },
        _ => Action::SetCodingPrompted { id: CodingId(pick(&codings, i)), prompted: !n.is_multiple_of(3) },
    }
}

/// A random op, weighted towards what a coder does all day: code and uncode passages, move
/// codes into concepts and concepts into categories, place categories, merge, write memos
/// (typed as bursts), undo and redo. The other ops come up now and then.
pub fn random_op(rng: &mut fastrand::Rng) -> Op {
    let b = |rng: &mut fastrand::Rng| rng.u8(..);
    match rng.u32(0..100) {
        0..=13 => Op::CreateCoding(b(rng), b(rng), rng.u16(..), b(rng)),
        14..=21 => Op::DeleteCoding(b(rng)),
        22..=25 => Op::SetCodingRange(b(rng), rng.u16(..), b(rng)),
        26..=27 => Op::SetCodingCode(b(rng), b(rng)),
        28..=31 => Op::CreateCode(b(rng), b(rng), b(rng)),
        32..=33 => Op::DeleteCode(b(rng)),
        34..=38 => Op::SetCodeConcept(b(rng), b(rng)),
        39..=41 => Op::CreateConcept(b(rng), b(rng)),
        42..=45 => Op::SetConceptCategory(b(rng), b(rng)),
        46..=47 => Op::CreateCategory(b(rng), b(rng)),
        48..=51 => Op::SetCategoryClass(b(rng), b(rng)),
        52 => Op::SetCore(b(rng)),
        53..=54 => Op::DeleteConcept(b(rng)),
        55 => Op::DeleteCategory(b(rng)),
        56..=60 => Op::Merge(b(rng), b(rng), b(rng), b(rng)),
        61..=63 => Op::CreateMemo(b(rng), b(rng)),
        64..=69 => Op::UpdateMemo(b(rng), b(rng)),
        70 => Op::DeleteMemo(b(rng)),
        71 => Op::SetFacet(b(rng), b(rng), b(rng), b(rng)),
        72 => Op::CreateRelation(b(rng), b(rng)),
        73 => Op::AddDocument(b(rng)),
        90..=92 => Op::Depth(b(rng), b(rng), b(rng), b(rng)),
        74 => Op::UpdateCode(b(rng), b(rng), b(rng)),
        75..=76 => Op::Batch(
            Box::new(Op::CreateCoding(b(rng), b(rng), rng.u16(..), b(rng))),
            Box::new(Op::SetCodeConcept(b(rng), b(rng))),
        ),
        77..=89 => Op::Undo,
        _ => Op::Redo,
    }
}

/// What one op did to the store.
pub enum Outcome {
    /// Applied (or undone/redone); the live model was patched with its change set.
    Done,
    /// Refused by the store (nothing to undo, a bad id, a taken name...).
    Refused,
    /// The op made no action against this project (a merge with one item).
    Skipped,
}

/// Applies `op` through the one write path, as the app does: mergeable edits (typing in a
/// memo, nudging a coding) through `apply_merging`, everything else through `apply`; undo
/// and redo through the store's history. Patches `live` from the returned change set.
pub fn step(store: &mut Store, live: &mut Project, op: &Op) -> Outcome {
    let result = match op {
        Op::Undo => store.undo().map(|s| s.changes),
        Op::Redo => store.redo().map(|s| s.changes),
        _ => {
            let mut ids = store.ids().expect("the id allocator reads the file");
            let Some(action) = batch_action(live, &mut ids, op) else { return Outcome::Skipped };
            if action.merge_key().is_some() { store.apply_merging(&action) } else { store.apply(&action) }
        }
    };
    match result {
        Ok(changes) => {
            live.apply(&changes);
            Outcome::Done
        }
        Err(_) => Outcome::Refused,
    }
}

/// A digest of every row `Project`'s equality compares (name, core category, framework,
/// relation kinds, cases, documents, codes, concepts, categories, relations, codings, memos,
/// facets, expected levels), read through the public accessors so the indexes and revision
/// counters (which differ between a patched and a loaded model) play no part. FNV-1a over
/// the rows' `Debug` text: stable across processes of one build.
pub fn digest(p: &Project) -> u64 {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = write!(s, "{:?}|{:?}|{:?}|{:?}|", p.name(), p.core_category(), p.framework(), p.relation_kinds());
    p.cases().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.documents().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.codes().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.concepts().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.categories().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.relations().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.codings().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    p.memos().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    let _ = write!(s, "{:?}{:?}", p.facets(), p.expectations());
    let d = p.depth();
    d.properties().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    d.evidence().for_each(|r| {
        let _ = write!(s, "{r:?}");
    });
    let _ = write!(s, "{:?}", d.levels().collect::<Vec<_>>());
    p.codings().for_each(|c| {
        let _ = write!(s, "{:?}{:?}", d.is_prompted(c.id), d.placements_of(c.id).collect::<Vec<_>>());
    });
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Every coding lies inside its document's text (start < end <= length in characters).
pub fn offsets_inside(p: &Project) -> Result<(), String> {
    for c in p.codings() {
        let len = p.document(c.document).map(|d| d.char_len()).ok_or_else(|| format!("{c:?} has no document"))?;
        if !(c.start < c.end && c.end <= len) {
            return Err(format!("coding outside its document (length {len}): {c:?}"));
        }
    }
    Ok(())
}
