//! Stable ids from elsewhere (an import, a merged copy) given to items and people.

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, _changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetUid { kind, id, uid } => {
            let uid = required("id", uid)?;
            let old: String = query_row(
                tx,
                "SELECT uid FROM item_uid WHERE kind = ?1 AND id = ?2",
                params![kind.as_str(), id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found("item", *id))?;
            let holder: Option<(String, i64)> =
                query_row(tx, "SELECT kind, id FROM item_uid WHERE uid = ?1", [uid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
            // The id may be kept by an item deleted here (ids stay with their rows): it gives
            // it up for a fresh one, and the undo gives it back.
            let mut undo = vec![SetUid { kind: *kind, id: *id, uid: old.clone() }];
            if let Some((holder_kind, holder_id)) = holder.filter(|_| old != uid) {
                let holder_kind = UidKind::from_key(&holder_kind).ok_or_else(|| not_found("item", holder_id))?;
                if super::super::uids::item_exists(tx, holder_kind, holder_id)? {
                    return invalid(format!("the id {uid} is already another item's in this project"));
                }
                let fresh = crate::model::new_uid();
                exec(
                    tx,
                    "UPDATE item_uid SET uid = ?1 WHERE kind = ?2 AND id = ?3",
                    params![fresh, holder_kind.as_str(), holder_id],
                )?;
                undo.push(SetUid { kind: holder_kind, id: holder_id, uid: uid.to_owned() });
            }
            exec(tx, "UPDATE item_uid SET uid = ?1 WHERE kind = ?2 AND id = ?3", params![uid, kind.as_str(), id])?;
            if undo.len() == 1 { undo.remove(0) } else { batch("Keep an id from elsewhere", undo) }
        }

        SetPersonUid { name, uid } => {
            let uid = required("id", uid)?;
            let old: String =
                query_row(tx, "SELECT uid FROM person WHERE name = ?1", [name], |r| r.get(0)).optional()?.ok_or_else(
                    || StoreError::Invalid(format!("there is no coder or author named \u{201c}{name}\u{201d}")),
                )?;
            let taken: Option<String> =
                query_row(tx, "SELECT name FROM person WHERE uid = ?1", [uid], |r| r.get(0)).optional()?;
            if taken.as_ref().is_some_and(|t| t != name) {
                return invalid(format!("the id {uid} is already another person's in this project"));
            }
            exec(tx, "UPDATE person SET uid = ?1 WHERE name = ?2", params![uid, name])?;
            SetPersonUid { name: name.clone(), uid: old }
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
