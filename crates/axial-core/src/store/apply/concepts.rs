//! Concepts: creating, renaming, moving one under a category, deleting (its codes stay, loose).

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateConcept { id, name, category } => {
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, None)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            exec(
                tx,
                "INSERT INTO concept (id, name, category_id) VALUES (?1, ?2, ?3)",
                params![id.0, name, category.map(|c| c.0)],
            )?;
            changes.push(Change::Concept(concept_row(tx, id.0)?));
            DeleteConcept { id: *id }
        }
        RenameConcept { id, name } => {
            let old = name_of(tx, "concept", "concept", id.0)?;
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, Some(id.0))?;
            exec(tx, "UPDATE concept SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Concept(concept_row(tx, id.0)?));
            RenameConcept { id: *id, name: old }
        }
        SetConceptCategory { id, category } => {
            let old = concept_row(tx, id.0)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            exec(tx, "UPDATE concept SET category_id = ?1 WHERE id = ?2", params![category.map(|c| c.0), id.0])?;
            changes.push(Change::Concept(Concept { category: *category, ..old.clone() }));
            SetConceptCategory { id: *id, category: old.category }
        }
        DeleteConcept { id } => {
            let old = concept_row(tx, id.0)?;
            let mut undo = vec![CreateConcept { id: *id, name: old.name, category: old.category }];
            let codes = ids(tx, "SELECT id FROM code WHERE concept_id = ?1 ORDER BY id", id.0)?;
            for code in &codes {
                undo.push(SetCodeConcept { id: CodeId(*code), concept: Some(*id) });
            }
            undo.extend(facets_of(tx, FacetOwner::Concept(*id), changes)?);
            undo.extend(memos_on(tx, "concept", id.0, changes)?);
            exec(tx, "DELETE FROM concept WHERE id = ?1", [id.0])?;
            for code in codes {
                changes.push(Change::Code(code_row(tx, code)?));
            }
            changes.push(Change::ConceptDeleted(*id));
            batch("Restore concept", undo)
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
