//! The depth of the method in the store: properties with dimensions, passages placed on them,
//! relations' evidence and memos, matrix levels and prompted codings. Each is applied, refused
//! where it must be, taken away with what it hangs on and given back whole by undo; a fresh
//! load equals the live model; and the project JSON carries it all.

use axial_core::io::project_json;
use axial_core::model::*;
use axial_core::store::Store;

struct Fixture {
    store: Store,
    live: Project,
    category: CategoryId,
    other: CategoryId,
    relation: RelationId,
    document: DocumentId,
    coding: CodingId,
}

const TEXT: &str = "P01: We meet the customer every week.\n\nP01: Only when something breaks.";

fn apply(f: &mut Fixture, action: Action) {
    let changes = f.store.apply(&action).unwrap_or_else(|e| panic!("{}: {e}", action.label()));
    f.live.apply(&changes);
}

fn refused(f: &mut Fixture, action: Action) -> String {
    f.store.apply(&action).expect_err("the store refuses it").to_string()
}

fn undo(f: &mut Fixture) {
    let step = f.store.undo().unwrap();
    f.live.apply(&step.changes);
}

fn fixture() -> Fixture {
    let store = Store::in_memory("depth").unwrap();
    let live = store.load().unwrap();
    let mut f = Fixture {
        store,
        live,
        category: CategoryId(0),
        other: CategoryId(0),
        relation: RelationId(0),
        document: DocumentId(0),
        coding: CodingId(0),
    };
    let mut ids = f.store.ids().unwrap();
    (f.category, f.other, f.relation, f.document, f.coding) =
        (ids.category(), ids.category(), ids.relation(), ids.document(), ids.coding());
    let (concept, code) = (ids.concept(), ids.code());
    let actions = vec![
        Action::AddDocument {
            id: f.document,
            title: "P01".into(),
            text: TEXT.into(),
            case: None,
            imported: "t".into(),
        },
        Action::CreateCategory { id: f.category, name: "Customer contact".into(), class: None },
        Action::CreateCategory { id: f.other, name: "Trust".into(), class: None },
        Action::CreateConcept { id: concept, name: "Meetings".into(), category: Some(f.category) },
        Action::CreateCode {
            id: code,
            name: "Weekly meeting".into(),
            color: "#e69f00".into(),
            definition: String::new(),
            concept: Some(concept),
        },
        Action::CreateCoding {
            id: f.coding,
            document: f.document,
            code,
            start: 5,
            end: 37,
            coder: "maryam".into(),
            created: "t".into(),
        },
        Action::CreateRelation { id: f.relation, from: f.category, to: f.other, kind: "leads to".into() },
    ];
    for a in actions {
        apply(&mut f, a);
    }
    f
}

fn frequency(f: &mut Fixture) -> PropertyId {
    let id = f.store.ids().unwrap().property();
    apply(
        f,
        Action::CreateProperty {
            id,
            category: f.category,
            name: "Frequency".into(),
            dimension: PropertyDimension::range(["rarely", "monthly", "weekly"]),
        },
    );
    id
}

/// The fixture with a property, a passage placed on it and marked prompted, the category at
/// `level`, a relation's evidence and a memo on the relation; returns the property.
fn deepened(f: &mut Fixture, level: ConditionLevel, memo_text: &str) -> PropertyId {
    let property = frequency(f);
    let (coding, category, relation, document) = (f.coding, f.category, f.relation, f.document);
    let evidence = f.store.ids().unwrap().evidence();
    let memo = f.store.ids().unwrap().memo();
    for a in [
        Action::PlaceCoding { coding, property, point: Some("weekly".into()) },
        Action::SetCodingPrompted { id: coding, prompted: true },
        Action::SetCategoryLevel { id: category, level: Some(level) },
        Action::AddEvidence { id: evidence, relation, document, start: 44, end: 71 },
        Action::CreateMemo {
            id: memo,
            target: MemoTarget::Relation(relation),
            title: String::new(),
            text: memo_text.into(),
            author: "maryam".into(),
            created: "t".into(),
            modified: "t".into(),
        },
    ] {
        apply(f, a);
    }
    property
}

fn check_fresh(f: &Fixture) {
    assert_eq!(f.live, f.store.load().unwrap(), "the live model equals a fresh load");
}

#[test]
fn a_property_carries_a_dimension_and_passages_placed_on_it() {
    let mut f = fixture();
    let property = frequency(&mut f);
    let (coding, category) = (f.coding, f.category);
    apply(&mut f, Action::PlaceCoding { coding, property, point: Some("weekly".into()) });
    assert_eq!(f.live.depth().placement(coding, property), Some("weekly"));
    let p = f.live.depth().property(property).unwrap().clone();
    assert_eq!(f.live.depth().spread(&p), vec![("rarely".into(), 0), ("monthly".into(), 0), ("weekly".into(), 1)]);

    let e = refused(&mut f, Action::PlaceCoding { coding, property, point: Some("daily".into()) });
    assert!(e.contains("no point \u{201c}daily\u{201d}"), "{e}");
    let e = refused(
        &mut f,
        Action::UpdateProperty {
            id: property,
            name: "Frequency".into(),
            dimension: PropertyDimension::range(["rarely", "often"]),
        },
    );
    assert!(e.contains("1 passage is placed at \u{201c}weekly\u{201d}"), "{e}");
    let e = refused(
        &mut f,
        Action::CreateProperty {
            id: PropertyId(99),
            category,
            name: "Frequency".into(),
            dimension: PropertyDimension::set(["a", "b"]),
        },
    );
    assert!(e.contains("already has a property named"), "{e}");
    let e = refused(
        &mut f,
        Action::CreateProperty {
            id: PropertyId(99),
            category,
            name: "Formality".into(),
            dimension: PropertyDimension::set(["only one"]),
        },
    );
    assert!(e.contains("at least two points"), "{e}");

    // Renaming a point carries the passages on it; undo renames it back.
    apply(&mut f, Action::RenamePropertyPoint { id: property, point: "weekly".into(), new_name: "every week".into() });
    assert_eq!(f.live.depth().placement(coding, property), Some("every week"));
    check_fresh(&f);
    undo(&mut f);
    assert_eq!(f.live.depth().placement(coding, property), Some("weekly"));
    check_fresh(&f);
}

#[test]
fn deleting_what_depth_hangs_on_takes_it_and_undo_gives_it_back() {
    let mut f = fixture();
    let property = deepened(&mut f, ConditionLevel::Organisation, "Meeting often builds trust.");
    let (coding, category, relation, document) = (f.coding, f.category, f.relation, f.document);
    let before = f.live.clone();
    let e = refused(&mut f, Action::AddEvidence { id: EvidenceId(99), relation, document, start: 44, end: 71 });
    assert!(e.contains("already evidence"), "{e}");

    for delete in [
        Action::DeleteCoding { id: coding },
        Action::DeleteProperty { id: property },
        Action::DeleteRelation { id: relation },
        Action::DeleteDocument { id: document },
        Action::DeleteCategory { id: category },
    ] {
        let label = delete.label();
        apply(&mut f, delete);
        check_fresh(&f);
        undo(&mut f);
        check_fresh(&f);
        assert_eq!(f.live, before, "undoing \u{201c}{label}\u{201d} gives everything back");
    }
    // What went with each deletion, checked once.
    apply(&mut f, Action::DeleteCategory { id: category });
    assert_eq!(f.live.depth().properties().count(), 0);
    assert_eq!(f.live.depth().level(category), None);
    assert_eq!(f.live.depth().evidence().count(), 0, "the relation went, and its evidence");
    assert!(f.live.memos_on(&MemoTarget::Relation(relation)).next().is_none());
    assert!(f.live.depth().is_prompted(coding), "the coding stays");
}

#[test]
fn the_project_json_carries_the_depth_and_reads_back_the_same() {
    let mut f = fixture();
    deepened(&mut f, ConditionLevel::Group, "Why these two.");
    let json = project_json::export_string(&f.live, None);
    assert!(json.contains("\"schema\": \"axial.project/2\""));
    assert!(json.contains("\"quote\": \"Only when something breaks.\""), "evidence quotes its passage");

    let copy = Store::in_memory("copy").unwrap();
    let mut copy = copy;
    let file = project_json::parse(&json).unwrap();
    let empty = copy.load().unwrap();
    let (actions, _) =
        project_json::to_actions(&file, None, &empty, &mut copy.ids().unwrap(), "maryam", &Uids::default()).unwrap();
    copy.apply(&Action::Batch { label: "Import".into(), actions }).unwrap();
    let back = copy.load().unwrap();
    assert_eq!(project_json::export_string(&back, None), json, "export, import, export: the same");
    let d = back.depth();
    assert_eq!(d.properties().count(), 1);
    assert_eq!(d.evidence().count(), 1);
    assert_eq!(d.prompted_count(), 1);

    // A version 1 file still reads, and a bad placement is refused in one sentence.
    let v1 = json.replace("axial.project/2", "axial.project/1");
    assert!(project_json::parse(&v1).is_ok());
    let bad = json.replace("\"point\": \"weekly\"", "\"point\": \"daily\"");
    let file = project_json::parse(&bad).unwrap();
    let e = project_json::to_actions(&file, None, &empty, &mut copy.ids().unwrap(), "maryam", &Uids::default())
        .expect_err("refused")
        .to_string();
    assert!(e.contains("not a point of the property"), "{e}");
}
