//! Reading the stable ids (`item_uid`) and the people (`person`) of a project: what the full
//! export writes and what a merge of a coder's copy matches by.

use super::{Result, Store};
use crate::model::{UidKind, Uids};
use rusqlite::{Connection, OptionalExtension};

/// Whether the row an item's id is filed under still exists (ids stay after a delete).
pub(super) fn item_exists(tx: &Connection, kind: UidKind, id: i64) -> Result<bool> {
    // Every kind has a table; one without would be taken as still there (its id kept).
    let Some(table) = super::schema::UID_TABLES.iter().find(|(_, k)| *k == kind.as_str()).map(|(t, _)| *t) else {
        return Ok(true);
    };
    Ok(tx.query_row(&format!("SELECT 1 FROM {table} WHERE id = ?1"), [id], |_| Ok(())).optional()?.is_some())
}

impl Store {
    /// The stable ids of a project file, for an export; none for a project only in memory (a
    /// sample folder: its ids are made afresh each time it is read, so an export of it stays
    /// the same from one run to the next without them).
    pub fn file_uids(&self) -> Option<Uids> {
        self.path.as_ref()?;
        self.uids().ok()
    }

    /// Every item's stable id and every person's.
    pub fn uids(&self) -> Result<Uids> {
        let mut out = Uids::default();
        let mut stmt = self.conn.prepare("SELECT kind, id, uid FROM item_uid")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))? {
            let (kind, id, uid) = row?;
            if let Some(kind) = UidKind::from_key(&kind) {
                out.items.insert((kind, id), uid);
            }
        }
        let mut stmt = self.conn.prepare("SELECT name, uid FROM person")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (name, uid) = row?;
            out.people.insert(name, uid);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::*;
    use crate::store::Store;

    fn code(id: CodeId, name: &str) -> Action {
        Action::CreateCode { id, name: name.into(), color: "#000000".into(), definition: String::new(), concept: None }
    }

    #[test]
    fn every_new_row_gets_a_stable_id_that_undo_and_redo_keep() {
        let mut store = Store::in_memory("t").unwrap();
        let id = store.ids().unwrap().code();
        store.apply(&code(id, "Trust")).unwrap();
        let first = store.uids().unwrap().of(UidKind::Code, id.0).unwrap().to_owned();
        assert_eq!(first.len(), 36, "{first}");
        assert_eq!(&first[14..15], "4");
        store.undo().unwrap();
        store.redo().unwrap();
        assert_eq!(store.uids().unwrap().of(UidKind::Code, id.0), Some(first.as_str()), "the same id after redo");
        let other = store.ids().unwrap().code();
        store.apply(&code(other, "Habit")).unwrap();
        assert_ne!(store.uids().unwrap().of(UidKind::Code, other.0), Some(first.as_str()));
    }

    #[test]
    fn an_item_takes_the_id_it_has_elsewhere_and_undo_gives_its_own_back() {
        let mut store = Store::in_memory("t").unwrap();
        let (a, b) = {
            let mut ids = store.ids().unwrap();
            (ids.code(), ids.code())
        };
        store.apply(&code(a, "A")).unwrap();
        store.apply(&code(b, "B")).unwrap();
        let own = store.uids().unwrap().of(UidKind::Code, b.0).unwrap().to_owned();
        let elsewhere = new_uid();
        store.apply(&Action::SetUid { kind: UidKind::Code, id: b.0, uid: elsewhere.clone() }).unwrap();
        assert_eq!(store.uids().unwrap().of(UidKind::Code, b.0), Some(elsewhere.as_str()));
        let a_uid = store.uids().unwrap().of(UidKind::Code, a.0).unwrap().to_owned();
        let err = store.apply(&Action::SetUid { kind: UidKind::Code, id: b.0, uid: a_uid }).unwrap_err();
        assert!(err.to_string().contains("already another item's"), "{err}");
        store.undo().unwrap();
        assert_eq!(store.uids().unwrap().of(UidKind::Code, b.0), Some(own.as_str()));
    }

    #[test]
    fn coders_and_memo_authors_are_people_with_ids() {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (doc, c, k1, k2, memo) = (ids.document(), ids.code(), ids.coding(), ids.coding(), ids.memo());
        let coding = |id, coder: &str| Action::CreateCoding {
            id,
            document: doc,
            code: c,
            start: 0,
            end: 3,
            coder: coder.into(),
            created: "t".into(),
        };
        store
            .apply(&Action::Batch {
                label: "x".into(),
                actions: vec![
                    Action::AddDocument {
                        id: doc,
                        title: "D".into(),
                        text: "abcdef".into(),
                        case: None,
                        imported: "t".into(),
                    },
                    code(c, "C"),
                    coding(k1, "ana"),
                    coding(k2, "ben"),
                    Action::CreateMemo {
                        id: memo,
                        target: MemoTarget::Project,
                        title: String::new(),
                        text: "m".into(),
                        author: "cleo".into(),
                        created: "t".into(),
                        modified: "t".into(),
                    },
                ],
            })
            .unwrap();
        let people: Vec<String> = store.uids().unwrap().people.keys().cloned().collect();
        assert_eq!(people, ["ana", "ben", "cleo"]);
    }
}
