//! Codes: creating, editing, moving one under a concept, deleting (with its codings, facets and
//! memos, which undo gives back).

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateCode { id, name, color, definition, concept } => {
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, None)?;
            check_color(color)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            exec(
                tx,
                "INSERT INTO code (id, name, color, definition, concept_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, name, color, definition, concept.map(|c| c.0)],
            )?;
            changes.push(Change::Code(code_row(tx, id.0)?));
            DeleteCode { id: *id }
        }
        UpdateCode { id, name, color, definition } => {
            let old = code_row(tx, id.0)?;
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, Some(id.0))?;
            check_color(color)?;
            exec(
                tx,
                "UPDATE code SET name = ?1, color = ?2, definition = ?3 WHERE id = ?4",
                params![name, color, definition, id.0],
            )?;
            changes.push(Change::Code(Code {
                name: name.to_owned(),
                color: color.clone(),
                definition: definition.clone(),
                ..old.clone()
            }));
            UpdateCode { id: *id, name: old.name, color: old.color, definition: old.definition }
        }
        SetCodeConcept { id, concept } => {
            let old = code_row(tx, id.0)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            exec(tx, "UPDATE code SET concept_id = ?1 WHERE id = ?2", params![concept.map(|c| c.0), id.0])?;
            changes.push(Change::Code(Code { concept: *concept, ..old.clone() }));
            SetCodeConcept { id: *id, concept: old.concept }
        }
        DeleteCode { id } => {
            let old = code_row(tx, id.0)?;
            let mut undo = vec![CreateCode {
                id: *id,
                name: old.name,
                color: old.color,
                definition: old.definition,
                concept: old.concept,
            }];
            for coding in ids(tx, "SELECT id FROM coding WHERE code_id = ?1 ORDER BY id", id.0)? {
                let restore = restore_coding(tx, coding, changes)?;
                undo.extend(restore);
            }
            undo.extend(facets_of(tx, FacetOwner::Code(*id), changes)?);
            undo.extend(memos_on(tx, "code", id.0, changes)?);
            exec(tx, "DELETE FROM code WHERE id = ?1", [id.0])?;
            changes.push(Change::CodeDeleted(*id));
            batch("Restore code", undo)
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
