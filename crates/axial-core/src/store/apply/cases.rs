//! The project's name and cases: creating, renaming, attributes, deleting.

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetProjectName { name } => {
            let name = required("project name", name)?;
            let old: String = query_row(tx, "SELECT name FROM project WHERE id = 1", [], |r| r.get(0))?;
            exec(tx, "UPDATE project SET name = ?1 WHERE id = 1", [name])?;
            changes.push(Change::ProjectName(name.to_owned()));
            SetProjectName { name: old }
        }

        CreateCase { id, name } => {
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, None)?;
            exec(tx, "INSERT INTO case_ (id, name) VALUES (?1, ?2)", params![id.0, name])?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            DeleteCase { id: *id }
        }
        RenameCase { id, name } => {
            let old = name_of(tx, "case_", "case", id.0)?;
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, Some(id.0))?;
            exec(tx, "UPDATE case_ SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            RenameCase { id: *id, name: old }
        }
        DeleteCase { id } => {
            let name = name_of(tx, "case_", "case", id.0)?;
            let mut undo = vec![CreateCase { id: *id, name }];
            for (key, value) in attributes(tx, "case_attribute", "case_id", id.0)? {
                undo.push(SetCaseAttribute { id: *id, key, value: Some(value) });
            }
            let documents = ids(tx, "SELECT id FROM document WHERE case_id = ?1 ORDER BY id", id.0)?;
            for doc in &documents {
                undo.push(SetDocumentCase { id: DocumentId(*doc), case: Some(*id) });
            }
            exec(tx, "DELETE FROM case_ WHERE id = ?1", [id.0])?;
            for doc in documents {
                changes.push(Change::DocumentMeta(document_meta(tx, doc)?));
            }
            changes.push(Change::CaseDeleted(*id));
            batch("Restore case", undo)
        }
        SetCaseAttribute { id, key, value } => {
            name_of(tx, "case_", "case", id.0)?;
            let old = set_attribute(tx, "case_attribute", "case_id", id.0, key, value.as_deref())?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            SetCaseAttribute { id: *id, key: key.clone(), value: old }
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
