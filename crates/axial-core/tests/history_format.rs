//! The undo history of a file written by an older Axial still works after the upgrade:
//! `tests/fixtures/v2_history.axial` was written by the schema-2 build (before history rows
//! carried a format), with a memo typed in a burst, a code definition typed in a burst, a
//! batch, and a deleted code whose undo must bring back its coding, facet and memo.

use axial_core::model::*;
use axial_core::store::{ACTION_FORMAT, Store, StoreError};

fn copy_of_fixture(dir: &std::path::Path) -> std::path::PathBuf {
    let from = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/v2_history.axial");
    let to = dir.join("old.axial");
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn the_action_format_is_pinned() {
    // Changing how actions serialise needs a new ACTION_FORMAT and a reader for the old one.
    // Format 2 only lets the history name a document's text instead of copying it.
    assert_eq!(ACTION_FORMAT, 2);
    let pinned = [
        (
            Action::CreateCoding {
                id: CodingId(3),
                document: DocumentId(1),
                code: CodeId(2),
                start: 4,
                end: 9,
                coder: "a".into(),
                created: "t".into(),
            },
            r#"{"action":"create_coding","id":3,"document":1,"code":2,"start":4,"end":9,"coder":"a","created":"t"}"#,
        ),
        (
            Action::UpdateMemo { id: MemoId(1), title: String::new(), text: "x".into(), modified: "t".into() },
            r#"{"action":"update_memo","id":1,"title":"","text":"x","modified":"t"}"#,
        ),
        (
            Action::SetFacet { owner: FacetOwner::Code(CodeId(1)), dimension: "seci".into(), value: None },
            r#"{"action":"set_facet","owner":{"kind":"code","id":1},"dimension":"seci","value":null}"#,
        ),
        (
            Action::CreateMemo {
                id: MemoId(2),
                target: MemoTarget::Category(CategoryId(5)),
                title: String::new(),
                text: String::new(),
                author: "a".into(),
                created: "t".into(),
                modified: "t".into(),
            },
            r#"{"action":"create_memo","id":2,"target":{"on":"category","id":5},"title":"","text":"","author":"a","created":"t","modified":"t"}"#,
        ),
        (
            Action::SetCategoryClass { id: CategoryId(1), class: Some(ParadigmClass::InterveningConditions) },
            r#"{"action":"set_category_class","id":1,"class":"intervening_conditions"}"#,
        ),
        (
            Action::MoveDimensionValue { dimension: "crm".into(), key: "analytical".into(), position: 0 },
            r#"{"action":"move_dimension_value","dimension":"crm","key":"analytical","position":0}"#,
        ),
        (
            Action::RenameRelationKind { name: "causes".into(), new_name: "gives rise to".into() },
            r#"{"action":"rename_relation_kind","name":"causes","new_name":"gives rise to"}"#,
        ),
        (
            Action::Batch { label: "b".into(), actions: vec![Action::DeleteCoding { id: CodingId(1) }] },
            r#"{"action":"batch","label":"b","actions":[{"action":"delete_coding","id":1}]}"#,
        ),
    ];
    for (action, json) in pinned {
        assert_eq!(serde_json::to_string(&action).unwrap(), json);
        assert_eq!(serde_json::from_str::<Action>(json).unwrap(), action);
    }
}

#[test]
fn an_old_files_undo_history_works_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_fixture(dir.path());
    let mut store = Store::open(&path).unwrap();
    let backed_up = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("old.axial.v2-") && name.ends_with(".bak")
    });
    assert!(backed_up, "backed up (with a timestamp) before the upgrade");
    let labels: Vec<String> = store.history().unwrap().into_iter().map(|h| h.label).collect();
    assert_eq!(labels.len(), 12);
    assert_eq!(inline_texts_in_history(&path), (0, 1), "the upgrade names the imported text instead of copying it");
    let mut live = store.load().unwrap();
    let end = live.clone();
    assert!(live.code_named("Hot list").is_none(), "the last step deleted it");

    // Undo "Delete code": the code comes back with its coding, facet, memo and definition.
    let step = store.undo().unwrap();
    assert_eq!(step.label, "Delete code");
    live.apply(&step.changes);
    assert_eq!(live, store.load().unwrap());
    let code = live.code_named("Hot list").expect("restored").clone();
    assert_eq!(code.definition, "Lists kept by the team");
    assert_eq!(live.codings_of(code.id).map(|c| (c.start, c.end)).collect::<Vec<_>>(), [(30, 38)]);
    assert_eq!(live.facet(FacetOwner::Code(code.id), "seci"), Some("combination"));
    assert_eq!(live.memos_on(&MemoTarget::Code(code.id)).next().unwrap().text, "A list everyone reads");
    assert_eq!(live.tallies().class(ParadigmClass::Strategies).references, 1);

    // Undo the rest, one step at a time, down to the empty project.
    loop {
        match store.undo() {
            Ok(step) => live.apply(&step.changes),
            Err(StoreError::NothingTo(_)) => break,
            Err(e) => panic!("undo failed on the upgraded file: {e}"),
        }
        assert_eq!(live, store.load().unwrap());
    }
    assert_eq!(live.documents().len(), 0);
    assert_eq!(live.codes().len(), 0);

    // And forward again to where the old build left it.
    while let Ok(step) = store.redo() {
        live.apply(&step.changes);
    }
    assert_eq!(store.load().unwrap(), end);
    assert_eq!(live, end);

    // New edits after the upgrade merge as bursts and undo as before.
    let memo = store.ids().unwrap().memo();
    store
        .apply(&Action::CreateMemo {
            id: memo,
            target: MemoTarget::Project,
            title: String::new(),
            text: String::new(),
            author: "new".into(),
            created: "t".into(),
            modified: "t".into(),
        })
        .unwrap();
    for t in ["n", "ne", "new"] {
        store
            .apply_merging(&Action::UpdateMemo { id: memo, title: String::new(), text: t.into(), modified: "t".into() })
            .unwrap();
    }
    store.undo().unwrap();
    assert_eq!(store.load().unwrap().memo(memo).unwrap().text, "");
}

/// How many `add_document` actions in the history carry their text, and how many name it.
fn inline_texts_in_history(path: &std::path::Path) -> (usize, usize) {
    fn walk(value: &serde_json::Value, counts: &mut (usize, usize)) {
        if value["action"] == "add_document" {
            counts.0 += usize::from(value.get("text").is_some());
            counts.1 += usize::from(value.get("text_of").is_some());
        }
        if let Some(actions) = value["actions"].as_array() {
            actions.iter().for_each(|a| walk(a, counts));
        }
    }
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT forward || char(10) || inverse FROM history").unwrap();
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut counts = (0, 0);
    for json in rows.iter().flat_map(|r| r.lines()) {
        walk(&serde_json::from_str(json).unwrap(), &mut counts);
    }
    counts
}

/// A schema-5 file (texts copied into the history) whose import was undone: the upgrade parks
/// the text the history holds, so the import can still be redone, and stores it once.
#[test]
fn an_upgrade_keeps_the_text_of_an_undone_import_for_redo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.axial");
    let text = "Manager: We keep a list of every client who calls twice.\n".repeat(50);
    let mut store = Store::create(&path).unwrap();
    let id = store.ids().unwrap().document();
    let add = Action::AddDocument { id, title: "A".into(), text: text.clone(), case: None, imported: "t".into() };
    store.apply(&add).unwrap();
    store.undo().unwrap();
    drop(store);
    // Write it back as schema 5 did: the text inline in the history, no park.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE history_text; DROP TABLE parked_text;
         ALTER TABLE document ADD COLUMN text TEXT NOT NULL DEFAULT '';
         UPDATE document SET text = coalesce((SELECT text FROM document_text t WHERE t.document_id = document.id), '');
         ALTER TABLE document DROP COLUMN speakers;
         DROP TABLE document_text;
         PRAGMA user_version = 5;",
    )
    .unwrap();
    conn.execute("UPDATE history SET forward = ?1, format = 1", [serde_json::to_string(&add).unwrap()]).unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(inline_texts_in_history(&path), (0, 1));
    store.redo().unwrap();
    assert_eq!(&*store.load().unwrap().document(id).unwrap().text, text);
    assert_eq!(store.check_integrity().unwrap(), None);
}
