//! Documents: adding, renaming, putting in a case, attributes, deleting (a deleted document's
//! text waits, parked, for its undo).

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        AddDocument { id, title, text, case, imported } => {
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, None)?;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            if text.contains('\r') {
                return invalid("document text must use \\n line ends");
            }
            let char_len = text.chars().count();
            // Its parked copy goes first, so the file reuses those pages for the row.
            super::super::history_text::unpark(tx, id.0)?;
            let speakers = crate::speakers::speakers(text).len();
            exec(
                tx,
                "INSERT INTO document (id, title, char_len, case_id, imported, speakers) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, title, char_len as i64, case.map(|c| c.0), imported, speakers as i64],
            )?;
            exec(tx, "INSERT INTO document_text (document_id, text) VALUES (?1, ?2)", params![id.0, text])?;
            changes.push(Change::DocumentAdded(Document {
                id: *id,
                title: title.to_owned(),
                text: Arc::from(text.as_str()),
                char_len,
                case: *case,
                attributes: Attributes::new(),
                imported: imported.clone(),
            }));
            DeleteDocument { id: *id }
        }
        RenameDocument { id, title } => {
            let old = title_of(tx, id.0)?;
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, Some(id.0))?;
            exec(tx, "UPDATE document SET title = ?1 WHERE id = ?2", params![title, id.0])?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            RenameDocument { id: *id, title: old }
        }
        SetDocumentCase { id, case } => {
            let old = document_meta(tx, id.0)?.case;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            exec(tx, "UPDATE document SET case_id = ?1 WHERE id = ?2", params![case.map(|c| c.0), id.0])?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            SetDocumentCase { id: *id, case: old }
        }
        SetDocumentAttribute { id, key, value } => {
            title_of(tx, id.0)?;
            let old = set_attribute(tx, "document_attribute", "document_id", id.0, key, value.as_deref())?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            SetDocumentAttribute { id: *id, key: key.clone(), value: old }
        }
        DeleteDocument { id } => {
            let d = document_row(tx, id.0)?;
            let mut undo = vec![AddDocument {
                id: *id,
                title: d.title,
                text: d.text.to_string(),
                case: d.case,
                imported: d.imported,
            }];
            for (key, value) in d.attributes {
                undo.push(SetDocumentAttribute { id: *id, key, value: Some(value) });
            }
            undo.extend(memos_on(tx, "document", id.0, changes)?);
            let evidence = super::super::depth::evidence_on(tx, "document_id", id.0, changes)?;
            for coding in ids(tx, "SELECT id FROM coding WHERE document_id = ?1 ORDER BY id", id.0)? {
                undo.extend(restore_coding(tx, coding, changes)?);
            }
            undo.extend(evidence);
            // Its text goes with it (`document_text` cascades), into the park.
            exec(tx, "DELETE FROM document WHERE id = ?1", [id.0])?;
            super::super::history_text::park(tx, id.0, &d.text)?;
            changes.push(Change::DocumentDeleted(*id));
            batch("Restore document", undo)
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
