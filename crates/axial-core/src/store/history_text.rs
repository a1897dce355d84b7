//! A transcript's text is stored once. While its document exists the text is in the document
//! row; the undo history's actions name it (`"text_of": id` in place of `"text"`) instead of
//! copying it. When the document is deleted (by a delete or by undoing its import) the text is
//! *parked* in `parked_text` under the document's id, which is never reused, so redoing the
//! import or undoing the delete can bring it back; the park is emptied when the document
//! returns, and a parked text is dropped once no history row names it any more.
//!
//! `history_text` lists which history rows name which documents' texts (deleted with their
//! row by a foreign key), so what may be dropped is an indexed lookup, not a parse of history.
//!
//! A text in an action is only replaced by a reference when the stored text is the same, so a
//! history row always reads back as exactly the action that was written.

use super::lookup::{exec, query_row};
use super::{Result, StoreError};
use crate::model::Action;
use rusqlite::{Connection, OptionalExtension, params};
use rustc_hash::FxHashSet;
use serde_json::{Map, Value};

/// The key that stands for an `add_document` action's text in the stored form.
const TEXT_OF: &str = "text_of";

/// An action in the form the history stores it: each document text the file already holds
/// (in the document or parked) is named (`"text_of": id`) instead of copied. It serializes as
/// that JSON element by element, so a 200,000-action import is never one `serde_json::Value`
/// tree nor, written through [`super::json_cell`], one string.
pub(super) struct StoredForm<'a> {
    action: &'a Action,
    /// The documents whose texts are named.
    named: FxHashSet<i64>,
}

impl StoredForm<'_> {
    /// The documents whose texts this form names, in order.
    pub fn texts_of(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.named.iter().copied().collect();
        ids.sort_unstable();
        ids
    }
}

impl serde::Serialize for StoredForm<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        Stored { action: self.action, named: &self.named }.serialize(serializer)
    }
}

/// One action of a [`StoredForm`], batches element by element.
struct Stored<'a> {
    action: &'a Action,
    named: &'a FxHashSet<i64>,
}

impl serde::Serialize for Stored<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::Error;
        match self.action {
            Action::Batch { label, actions } => {
                serialize_batch(serializer, label, actions, |action| Stored { action, named: self.named })
            }
            Action::AddDocument { id, .. } if self.named.contains(&id.0) => {
                let mut value = serde_json::to_value(self.action).map_err(S::Error::custom)?;
                if let Value::Object(map) = &mut value {
                    map.remove("text");
                    map.insert(TEXT_OF.into(), Value::from(id.0));
                }
                value.serialize(serializer)
            }
            other => other.serialize(serializer),
        }
    }
}

/// A batch as `Action`'s own serde form writes it (`{"action":"batch","label":..,"actions":[..]}`),
/// each element through `form`.
pub(super) fn serialize_batch<'a, S: serde::Serializer, T: serde::Serialize>(
    serializer: S,
    label: &str,
    actions: &'a [Action],
    form: impl Fn(&'a Action) -> T,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut batch = serializer.serialize_struct("Batch", 3)?;
    batch.serialize_field("action", "batch")?;
    batch.serialize_field("label", label)?;
    batch.serialize_field("actions", &Each(actions, &form))?;
    batch.end()
}

/// A slice of actions serialized as a sequence, each through a form.
struct Each<'a, 'f, F>(&'a [Action], &'f F);

impl<'a, T: serde::Serialize, F: Fn(&'a Action) -> T> serde::Serialize for Each<'a, '_, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(self.1))
    }
}

/// `action` in its stored form: the texts it adds that the file holds are looked up here, one
/// at a time, before anything is written.
pub(super) fn stored_form<'a>(tx: &Connection, action: &'a Action) -> Result<StoredForm<'a>> {
    stored_form_in(tx, action, TextsIn::TextTable)
}

/// Where a file keeps its documents' texts: their own table since schema v10, the document rows
/// before (while the v6 migration converts an old history).
#[derive(Clone, Copy)]
enum TextsIn {
    TextTable,
    DocumentRows,
}

fn stored_form_in<'a>(tx: &Connection, action: &'a Action, texts: TextsIn) -> Result<StoredForm<'a>> {
    let mut named = FxHashSet::default();
    name_stored_texts(tx, action, texts, &mut named)?;
    Ok(StoredForm { action, named })
}

/// Notes in `named` each document `action` adds whose text the file holds, exactly.
fn name_stored_texts(tx: &Connection, action: &Action, texts: TextsIn, named: &mut FxHashSet<i64>) -> Result<()> {
    match action {
        Action::Batch { actions, .. } => actions.iter().try_for_each(|a| name_stored_texts(tx, a, texts, named)),
        Action::AddDocument { id, text, .. } => {
            if stored_text(tx, id.0, texts)?.as_deref() == Some(text.as_str()) {
                named.insert(id.0);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The action a stored form stands for, with every referenced text read back.
pub(super) fn resolve(tx: &Connection, json: &str) -> Result<Action> {
    // Only a row that names a text can contain `"text_of"` (a string that is exactly
    // `text_of` matches too, and just takes the slower path below).
    if !json.contains("\"text_of\"") {
        return Ok(serde_json::from_str(json)?);
    }
    // A batch element by element, each borrowed from `json` until it is read: a large import's
    // batch never becomes one `Value` tree (which took about ten times its JSON).
    #[derive(serde::Deserialize)]
    struct Kind<'a> {
        #[serde(borrow)]
        action: std::borrow::Cow<'a, str>,
    }
    #[derive(serde::Deserialize)]
    struct BatchForm<'a> {
        label: String,
        #[serde(borrow)]
        actions: Vec<&'a serde_json::value::RawValue>,
    }
    if serde_json::from_str::<Kind>(json)?.action == "batch" {
        let batch: BatchForm = serde_json::from_str(json)?;
        let actions = batch.actions.iter().map(|a| resolve(tx, a.get())).collect::<Result<Vec<_>>>()?;
        return Ok(Action::Batch { label: batch.label, actions });
    }
    let mut value: Value = serde_json::from_str(json)?;
    for_each_added_document(&mut value, &mut |map| {
        let Some(id) = map.get(TEXT_OF).and_then(Value::as_i64) else { return Ok(()) };
        let text = stored_text(tx, id, TextsIn::TextTable)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "the transcript text this undo step needs (document {id}) is missing from the project file, so the step cannot be undone or redone; the project itself is intact"
            ))
        })?;
        map.remove(TEXT_OF);
        map.insert("text".into(), Value::String(text));
        Ok(())
    })?;
    Ok(serde_json::from_value(value)?)
}

/// Records that history row `seq` names the texts of `documents`.
pub(super) fn link(tx: &Connection, seq: i64, documents: &[i64]) -> Result<()> {
    for document in documents {
        exec(tx, "INSERT OR IGNORE INTO history_text (seq, document_id) VALUES (?1, ?2)", params![seq, document])?;
    }
    Ok(())
}

/// Keeps the text of document `id`, just deleted, for the history to bring back. (Parked
/// after the delete, so the file reuses the row's pages instead of holding the text twice.)
pub(super) fn park(tx: &Connection, id: i64, text: &str) -> Result<()> {
    exec(tx, "INSERT OR REPLACE INTO parked_text (document_id, text) VALUES (?1, ?2)", params![id, text])?;
    Ok(())
}

/// Document `id` is back (its text is in its row again): its parked copy goes.
pub(super) fn unpark(tx: &Connection, id: i64) -> Result<()> {
    exec(tx, "DELETE FROM parked_text WHERE document_id = ?1", [id])?;
    Ok(())
}

/// Drops every parked text that no history row names (after history rows were deleted).
pub(super) fn drop_unnamed(tx: &Connection) -> Result<()> {
    exec(
        tx,
        "DELETE FROM parked_text WHERE NOT EXISTS
            (SELECT 1 FROM history_text h WHERE h.document_id = parked_text.document_id)",
        [],
    )?;
    Ok(())
}

/// Texts the history names that are neither in a document nor parked (a damaged file): one
/// sentence for `axial check`, or `None` when every undo step can read its texts.
pub(super) fn missing_texts(conn: &Connection) -> Result<Option<String>> {
    let missing: i64 = query_row(
        conn,
        "SELECT count(DISTINCT document_id) FROM history_text h
         WHERE NOT EXISTS (SELECT 1 FROM document_text d WHERE d.document_id = h.document_id)
           AND NOT EXISTS (SELECT 1 FROM parked_text p WHERE p.document_id = h.document_id)",
        [],
        |r| r.get(0),
    )?;
    Ok((missing > 0).then(|| format!("the undo history names {missing} transcript text(s) the file no longer holds")))
}

/// The text of document `id`, from where the file keeps texts or, when the document is
/// deleted, from the park.
fn stored_text(tx: &Connection, id: i64, texts: TextsIn) -> Result<Option<String>> {
    let sql = match texts {
        TextsIn::TextTable => {
            "SELECT text FROM document_text WHERE document_id = ?1
             UNION ALL SELECT text FROM parked_text WHERE document_id = ?1 LIMIT 1"
        }
        TextsIn::DocumentRows => {
            "SELECT text FROM document WHERE id = ?1
             UNION ALL SELECT text FROM parked_text WHERE document_id = ?1 LIMIT 1"
        }
    };
    Ok(query_row(tx, sql, [id], |r| r.get(0)).optional()?)
}

fn adds_a_document(action: &Action) -> bool {
    match action {
        Action::AddDocument { .. } => true,
        Action::Batch { actions, .. } => actions.iter().any(adds_a_document),
        _ => false,
    }
}

/// Calls `f` with the fields of every `add_document` action in `value`, batches included.
fn for_each_added_document(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>) -> Result<()>) -> Result<()> {
    let Value::Object(map) = value else { return Ok(()) };
    if map.get("action").and_then(Value::as_str) == Some("add_document") {
        f(map)?;
    }
    if let Some(Value::Array(actions)) = map.get_mut("actions") {
        for action in actions {
            for_each_added_document(action, f)?;
        }
    }
    Ok(())
}

/// Schema v6 for a file written before it (its texts in the document rows, as until v10): each
/// history row's inline texts become references
/// (parking the texts of documents deleted since), so an old file shrinks to one copy. A row
/// that does not parse is left as it is; it still reads, as inline texts always do.
pub(super) fn convert_history(tx: &Connection) -> rusqlite::Result<()> {
    // Only rows that add a document, one at a time: an old file's history can hold hundreds
    // of megabytes of copied texts, which must not all be in memory at once.
    let seqs: Vec<i64> = tx
        .prepare(
            r#"SELECT seq FROM history WHERE format = 1
               AND (instr(forward, '"add_document"') > 0 OR instr(inverse, '"add_document"') > 0)
             ORDER BY seq"#,
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let to_sql = |e: StoreError| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    for seq in seqs {
        let (forward, inverse): (String, String) =
            tx.query_row("SELECT forward, inverse FROM history WHERE seq = ?1", [seq], |r| {
                Ok((super::json_cell::read(r, 0)?, super::json_cell::read(r, 1)?))
            })?;
        let mut named = Vec::new();
        let mut convert = |json: String| -> rusqlite::Result<String> {
            let Ok(action) = serde_json::from_str::<Action>(&json) else { return Ok(json) };
            if !adds_a_document(&action) {
                return Ok(json);
            }
            park_texts(tx, &action).map_err(to_sql)?;
            let stored = stored_form_in(tx, &action, TextsIn::DocumentRows).map_err(to_sql)?;
            named.extend(stored.texts_of());
            serde_json::to_string(&stored).map_err(|e| to_sql(e.into()))
        };
        let forward = convert(forward)?;
        let inverse = convert(inverse)?;
        if named.is_empty() {
            continue;
        }
        tx.execute(
            "UPDATE history SET forward = ?1, inverse = ?2, format = ?3 WHERE seq = ?4",
            params![forward, inverse, super::ACTION_FORMAT, seq],
        )?;
        link(tx, seq, &named).map_err(to_sql)?;
    }
    Ok(())
}

/// Parks each text `action` adds whose document is gone and whose text is not parked yet.
fn park_texts(tx: &Connection, action: &Action) -> Result<()> {
    match action {
        Action::AddDocument { id, text, .. } if stored_text(tx, id.0, TextsIn::DocumentRows)?.is_none() => {
            park(tx, id.0, text)?;
        }
        Action::Batch { actions, .. } => actions.iter().try_for_each(|a| park_texts(tx, a))?,
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::{Store, StoreError};

    const TEXT: &str = "Interviewer: How do you keep clients?\n\nManager: We call them every quarter.";

    fn import(store: &mut Store, title: &str) -> DocumentId {
        let id = store.ids().unwrap().document();
        let add = Action::AddDocument { id, title: title.into(), text: TEXT.into(), case: None, imported: "t".into() };
        store.apply(&Action::Batch { label: "Import".into(), actions: vec![add] }).unwrap();
        id
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// How many copies of the text the file holds: document rows, parked texts, history rows.
    fn copies(store: &Store) -> (i64, i64, i64) {
        let like = format!("%{}%", &TEXT[..20]);
        let history: i64 = store
            .conn
            .query_row("SELECT count(*) FROM history WHERE forward LIKE ?1 OR inverse LIKE ?1", [&like], |r| r.get(0))
            .unwrap();
        (count(store, "SELECT count(*) FROM document"), count(store, "SELECT count(*) FROM parked_text"), history)
    }

    /// A batch written element by element is exactly the JSON serde writes for it, nested
    /// batches and odd labels included, so old and new rows read back alike.
    #[test]
    fn a_batch_written_element_by_element_is_what_serde_writes() {
        let store = Store::in_memory("t").unwrap();
        let inner = Action::Batch {
            label: "in \"quotes\" \u{1F600}".into(),
            actions: vec![Action::SetProjectName { name: "n".into() }],
        };
        let batch = Action::Batch {
            label: "Import \u{201c}x\u{201d}".into(),
            actions: vec![inner.clone(), Action::SetProjectName { name: "m\n".into() }],
        };
        let stored = super::stored_form(&store.conn, &batch).unwrap();
        assert_eq!(serde_json::to_string(&stored).unwrap(), serde_json::to_string(&batch).unwrap());
        assert!(stored.texts_of().is_empty());
        assert_eq!(
            crate::store::audit_form::audit_json(&batch).unwrap(),
            serde_json::to_string(&batch).unwrap(),
            "nothing to summarise: the audit form is the action"
        );
    }

    #[test]
    fn the_history_names_an_imported_text_and_an_undone_import_parks_it() {
        let mut store = Store::in_memory("t").unwrap();
        let id = import(&mut store, "A");
        assert_eq!(copies(&store), (1, 0, 0), "only the document holds the text");
        let forward =
            store.conn.query_row("SELECT forward FROM history", [], |r| super::super::json_cell::read(r, 0)).unwrap();
        assert!(forward.contains(&format!("\"text_of\":{}", id.0)), "{forward}");

        store.undo().unwrap();
        assert_eq!(copies(&store), (0, 1, 0), "parked while the import can be redone");
        store.redo().unwrap();
        assert_eq!(copies(&store), (1, 0, 0));
        assert_eq!(&*store.load().unwrap().document(id).unwrap().text, TEXT);

        store.undo().unwrap();
        store.apply(&Action::CreateCase { id: store.ids().unwrap().case(), name: "C".into() }).unwrap();
        assert_eq!(copies(&store), (0, 0, 0), "the redo is gone, and with it the parked text");
    }

    #[test]
    fn a_deleted_document_comes_back_whole_on_undo_and_goes_again_on_redo() {
        let mut store = Store::in_memory("t").unwrap();
        let id = import(&mut store, "A");
        let before = store.load().unwrap();
        store.apply(&Action::DeleteDocument { id }).unwrap();
        assert_eq!(copies(&store), (0, 1, 0), "parked for the undo, not copied into the history");
        store.undo().unwrap();
        assert_eq!(copies(&store), (1, 0, 0));
        assert_eq!(store.load().unwrap(), before);
        store.redo().unwrap();
        assert_eq!(copies(&store), (0, 1, 0));
        // Undo the delete and the import, then redo both: the same text each way.
        store.undo().unwrap();
        store.undo().unwrap();
        assert_eq!(copies(&store), (0, 1, 0));
        store.redo().unwrap();
        assert_eq!(store.load().unwrap(), before);
    }

    #[test]
    fn a_delete_that_drops_the_redo_keeps_its_own_text_parked() {
        let mut store = Store::in_memory("t").unwrap();
        let a = import(&mut store, "A");
        import(&mut store, "B");
        store.undo().unwrap();
        assert_eq!(copies(&store), (1, 1, 0), "A in its row, B parked for the redo");
        store.apply(&Action::DeleteDocument { id: a }).unwrap();
        assert_eq!(copies(&store), (0, 1, 0), "B's redo is gone; A is parked for the undo");
        let parked: i64 = count(&store, "SELECT document_id FROM parked_text");
        assert_eq!(parked, a.0);
        store.undo().unwrap();
        assert_eq!(copies(&store), (1, 0, 0));
        assert_eq!(&*store.load().unwrap().document(a).unwrap().text, TEXT);
    }

    #[test]
    fn forgetting_the_history_drops_parked_texts() {
        let mut store = Store::in_memory("t").unwrap();
        import(&mut store, "A");
        let b = import(&mut store, "B");
        store.apply(&Action::DeleteDocument { id: b }).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM parked_text"), 1);
        store.forget_history().unwrap();
        assert_eq!(copies(&store), (1, 0, 0));
    }

    #[test]
    fn a_text_that_is_not_the_stored_one_stays_in_the_history() {
        // A batch that adds a document and deletes it again: both the forward's text and the
        // inverse's name the parked text, and undo and redo each way find it.
        let mut store = Store::in_memory("t").unwrap();
        let id = store.ids().unwrap().document();
        let add = Action::AddDocument { id, title: "A".into(), text: TEXT.into(), case: None, imported: "t".into() };
        store.apply(&Action::Batch { label: "b".into(), actions: vec![add, Action::DeleteDocument { id }] }).unwrap();
        store.undo().unwrap();
        store.redo().unwrap();
        assert_eq!(store.load().unwrap().documents().len(), 0);
        // A stored form never names a text that differs from the one in the file.
        let other =
            Action::AddDocument { id, title: "A".into(), text: "other".into(), case: None, imported: "t".into() };
        let stored = super::stored_form(&store.conn, &other).unwrap();
        let json = serde_json::to_string(&stored).unwrap();
        assert!(stored.texts_of().is_empty() && json.contains("\"other\""), "{json}");
    }

    #[test]
    fn a_missing_text_is_one_sentence_on_undo_and_a_finding_of_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("p.axial")).unwrap();
        import(&mut store, "A");
        store.undo().unwrap();
        store.conn.execute("DELETE FROM parked_text", []).unwrap();
        let finding = store.check_integrity().unwrap().expect("the check names the missing text");
        assert!(finding.contains("1 transcript text"), "{finding}");
        match store.redo() {
            Err(StoreError::Invalid(msg)) => assert!(msg.contains("is missing from the project file"), "{msg}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(store.load().unwrap().documents().len(), 0, "nothing half-applied");
    }
}
