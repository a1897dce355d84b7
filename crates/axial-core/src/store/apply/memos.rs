//! Memos: writing, editing (a burst of typing merges into one undo step upstream), deleting.

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateMemo { id, target, title, text, author, created, modified } => {
            check_memo_target(tx, target)?;
            let (kind, target_id) = memo_target_columns(target);
            exec(
                tx,
                "INSERT INTO memo (id, target_kind, target_id, title, text, author, created, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id.0, kind, target_id, title, text, author, created, modified],
            )?;
            changes.push(Change::Memo(Memo {
                id: *id,
                target: target.clone(),
                title: title.clone(),
                text: text.clone(),
                author: author.clone(),
                created: created.clone(),
                modified: modified.clone(),
            }));
            DeleteMemo { id: *id }
        }
        UpdateMemo { id, title, text, modified } => {
            let old = memo(tx, id.0)?;
            exec(
                tx,
                "UPDATE memo SET title = ?1, text = ?2, modified = ?3 WHERE id = ?4",
                params![title, text, modified, id.0],
            )?;
            let undo = UpdateMemo {
                id: *id,
                title: old.title.clone(),
                text: old.text.clone(),
                modified: old.modified.clone(),
            };
            changes.push(Change::Memo(Memo {
                title: title.clone(),
                text: text.clone(),
                modified: modified.clone(),
                ..old
            }));
            undo
        }
        DeleteMemo { id } => {
            let undo = create_memo(memo(tx, id.0)?);
            exec(tx, "DELETE FROM memo WHERE id = ?1", [id.0])?;
            changes.push(Change::MemoDeleted(*id));
            undo
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
