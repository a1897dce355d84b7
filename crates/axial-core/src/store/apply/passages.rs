//! Relations between categories and codings (coded passages).

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateRelation { id, from, to, kind } => {
            name_of(tx, "category", "category", from.0)?;
            name_of(tx, "category", "category", to.0)?;
            let kind = required("relation kind", kind)?;
            if from == to {
                return invalid("a relation links two different categories; pick another target");
            }
            let new_kind = vocabulary::ensure_kind(tx, kind, changes)?;
            exec(
                tx,
                "INSERT INTO relation (id, from_id, to_id, kind) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, from.0, to.0, kind],
            )?;
            changes.push(Change::Relation(Relation { id: *id, from: *from, to: *to, kind: kind.to_owned() }));
            if new_kind {
                batch("Delete relation", vec![DeleteRelation { id: *id }, DeleteRelationKind { name: kind.to_owned() }])
            } else {
                DeleteRelation { id: *id }
            }
        }
        DeleteRelation { id } => {
            let (from, to, kind): (i64, i64, String) =
                query_row(tx, "SELECT from_id, to_id, kind FROM relation WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| not_found("relation", id.0))?;
            let mut undo = vec![CreateRelation { id: *id, from: CategoryId(from), to: CategoryId(to), kind }];
            undo.extend(super::super::depth::evidence_on(tx, "relation_id", id.0, changes)?);
            undo.extend(memos_on(tx, "relation", id.0, changes)?);
            exec(tx, "DELETE FROM relation WHERE id = ?1", [id.0])?;
            changes.push(Change::RelationDeleted(*id));
            if undo.len() == 1 { undo.remove(0) } else { batch("Restore relation", undo) }
        }

        CreateCoding { id, document, code, start, end, coder, created } => {
            check_range(tx, document.0, *start, *end)?;
            code_row(tx, code.0)?;
            exec(
                tx,
                "INSERT INTO coding (id, document_id, code_id, start, end, coder, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id.0, document.0, code.0, *start as i64, *end as i64, coder, created],
            )?;
            changes.push(Change::Coding(Coding {
                id: *id,
                document: *document,
                code: *code,
                start: *start,
                end: *end,
                coder: coder.clone(),
                created: created.clone(),
            }));
            DeleteCoding { id: *id }
        }
        SetCodingRange { id, start, end } => {
            let old = coding_row(tx, id.0)?;
            check_range(tx, old.document.0, *start, *end)?;
            exec(
                tx,
                "UPDATE coding SET start = ?1, end = ?2 WHERE id = ?3",
                params![*start as i64, *end as i64, id.0],
            )?;
            changes.push(Change::Coding(Coding { start: *start, end: *end, ..old.clone() }));
            SetCodingRange { id: *id, start: old.start, end: old.end }
        }
        SetCodingCode { id, code } => {
            let old = coding_row(tx, id.0)?;
            code_row(tx, code.0)?;
            exec(tx, "UPDATE coding SET code_id = ?1 WHERE id = ?2", params![code.0, id.0])?;
            changes.push(Change::Coding(Coding { code: *code, ..old.clone() }));
            SetCodingCode { id: *id, code: old.code }
        }
        DeleteCoding { id } => {
            let undo = restore_coding(tx, id.0, changes)?;
            exec(tx, "DELETE FROM coding WHERE id = ?1", [id.0])?;
            batch("Restore coding", undo)
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
