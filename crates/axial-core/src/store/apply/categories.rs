//! Categories: creating, renaming, placing one in a paradigm class, the core category, deleting
//! (with its relations, properties and memos, which undo gives back).

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateCategory { id, name, class } => {
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, None)?;
            exec(
                tx,
                "INSERT INTO category (id, name, class) VALUES (?1, ?2, ?3)",
                params![id.0, name, class.map(|c| c.key())],
            )?;
            changes.push(Change::Category(category_row(tx, id.0)?));
            DeleteCategory { id: *id }
        }
        RenameCategory { id, name } => {
            let old = name_of(tx, "category", "category", id.0)?;
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, Some(id.0))?;
            exec(tx, "UPDATE category SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Category(category_row(tx, id.0)?));
            RenameCategory { id: *id, name: old }
        }
        SetCategoryClass { id, class } => {
            let old = category_row(tx, id.0)?;
            exec(tx, "UPDATE category SET class = ?1 WHERE id = ?2", params![class.map(|c| c.key()), id.0])?;
            changes.push(Change::Category(Category { class: *class, ..old.clone() }));
            SetCategoryClass { id: *id, class: old.class }
        }
        SetCoreCategory { id } => {
            if let Some(id) = id {
                name_of(tx, "category", "category", id.0)?;
            }
            let old: Option<i64> = query_row(tx, "SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            exec(tx, "UPDATE project SET core_category = ?1 WHERE id = 1", [id.map(|c| c.0)])?;
            changes.push(Change::CoreCategory(*id));
            SetCoreCategory { id: old.map(CategoryId) }
        }
        DeleteCategory { id } => {
            let old = category_row(tx, id.0)?;
            let mut undo = vec![CreateCategory { id: *id, name: old.name, class: old.class }];
            let core: Option<i64> = query_row(tx, "SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            if core == Some(id.0) {
                undo.push(SetCoreCategory { id: Some(*id) });
            }
            let concepts = ids(tx, "SELECT id FROM concept WHERE category_id = ?1 ORDER BY id", id.0)?;
            for concept in &concepts {
                undo.push(SetConceptCategory { id: ConceptId(*concept), category: Some(*id) });
            }
            let mut stmt = tx.prepare_cached(
                "SELECT id, from_id, to_id, kind FROM relation WHERE from_id = ?1 OR to_id = ?1 ORDER BY id",
            )?;
            let relations = stmt
                .query_map([id.0], |r| {
                    Ok(Relation {
                        id: RelationId(r.get(0)?),
                        from: CategoryId(r.get(1)?),
                        to: CategoryId(r.get(2)?),
                        kind: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut relation_dependents = Vec::new();
            for r in relations {
                relation_dependents.extend(super::super::depth::evidence_on(tx, "relation_id", r.id.0, changes)?);
                relation_dependents.extend(memos_on(tx, "relation", r.id.0, changes)?);
                changes.push(Change::RelationDeleted(r.id));
                undo.push(CreateRelation { id: r.id, from: r.from, to: r.to, kind: r.kind });
            }
            undo.extend(relation_dependents);
            undo.extend(super::super::depth::category_dependents(tx, *id, changes)?);
            undo.extend(facets_of(tx, FacetOwner::Category(*id), changes)?);
            undo.extend(memos_on(tx, "category", id.0, changes)?);
            exec(tx, "DELETE FROM category WHERE id = ?1", [id.0])?;
            if core == Some(id.0) {
                changes.push(Change::CoreCategory(None));
            }
            for concept in concepts {
                changes.push(Change::Concept(concept_row(tx, concept)?));
            }
            changes.push(Change::CategoryDeleted(*id));
            batch("Restore category", undo)
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
