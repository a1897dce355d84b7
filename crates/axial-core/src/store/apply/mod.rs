//! Applies one [`Action`] inside an open transaction: validates it against the current rows
//! (so a refused action changes nothing), writes it, records every row it changed in a
//! [`ChangeSet`] (dependents before the row they hang on) and returns the action that undoes it.
//!
//! One module per kind of change: the project's name and cases, documents, codes, concepts,
//! categories, relations and codings (`passages`), memos, the cube's facets and expected levels,
//! stable ids; the cube framework and relation kinds in `store::vocabulary`, the method's depth
//! in `store::depth`. [`apply`] hands each action to its module; a batch applies its actions in
//! order.

use super::lookup::*;
use super::read::{facet_owner_columns, memo_target_columns};
use super::vocabulary;
use super::{Result, StoreError, invalid};
use crate::model::*;
use rusqlite::{Connection, OptionalExtension, params};
use std::sync::Arc;

mod cases;
mod categories;
mod codes;
mod concepts;
mod cube;
mod documents;
mod memos;
mod passages;
mod stable_ids;

/// Applies `action`, records what changed in `changes` and returns the action that undoes it.
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetProjectName { .. } | CreateCase { .. } | RenameCase { .. } | DeleteCase { .. } | SetCaseAttribute { .. } => {
            cases::apply(tx, action, changes)?
        }
        AddDocument { .. }
        | RenameDocument { .. }
        | SetDocumentCase { .. }
        | SetDocumentAttribute { .. }
        | DeleteDocument { .. } => documents::apply(tx, action, changes)?,
        CreateCode { .. } | UpdateCode { .. } | SetCodeConcept { .. } | DeleteCode { .. } => {
            codes::apply(tx, action, changes)?
        }
        CreateConcept { .. } | RenameConcept { .. } | SetConceptCategory { .. } | DeleteConcept { .. } => {
            concepts::apply(tx, action, changes)?
        }
        CreateCategory { .. }
        | RenameCategory { .. }
        | SetCategoryClass { .. }
        | SetCoreCategory { .. }
        | DeleteCategory { .. } => categories::apply(tx, action, changes)?,
        CreateRelation { .. }
        | DeleteRelation { .. }
        | CreateCoding { .. }
        | SetCodingRange { .. }
        | SetCodingCode { .. }
        | DeleteCoding { .. } => passages::apply(tx, action, changes)?,
        CreateMemo { .. } | UpdateMemo { .. } | DeleteMemo { .. } => memos::apply(tx, action, changes)?,

        AddEvidence { .. }
        | RemoveEvidence { .. }
        | CreateProperty { .. }
        | UpdateProperty { .. }
        | RenamePropertyPoint { .. }
        | DeleteProperty { .. }
        | PlaceCoding { .. }
        | SetCategoryLevel { .. }
        | SetCodingPrompted { .. } => super::depth::apply(tx, action, changes)?,

        CreateDimension { dimension, position } => vocabulary::create_dimension(tx, dimension, *position, changes)?,
        DeleteDimension { key } => vocabulary::delete_dimension(tx, key, changes)?,
        RenameDimension { key, label } => vocabulary::rename_dimension(tx, key, label, changes)?,
        MoveDimension { key, position } => vocabulary::move_dimension(tx, key, *position, changes)?,
        CreateDimensionValue { dimension, value, position } => {
            vocabulary::create_value(tx, dimension, value, *position, changes)?
        }
        RenameDimensionValue { dimension, key, label } => vocabulary::rename_value(tx, dimension, key, label, changes)?,
        MoveDimensionValue { dimension, key, position } => {
            vocabulary::move_value(tx, dimension, key, *position, changes)?
        }
        DeleteDimensionValue { dimension, key } => vocabulary::delete_value(tx, dimension, key, changes)?,
        CreateRelationKind { name, position } => vocabulary::create_kind(tx, name, *position, changes)?,
        RenameRelationKind { name, new_name } => vocabulary::rename_kind(tx, name, new_name, changes)?,
        MoveRelationKind { name, position } => vocabulary::move_kind(tx, name, *position, changes)?,
        DeleteRelationKind { name } => vocabulary::delete_kind(tx, name, changes)?,
        SetFacet { .. } | SetExpectation { .. } => cube::apply(tx, action, changes)?,
        SetUid { .. } | SetPersonUid { .. } => stable_ids::apply(tx, action, changes)?,

        Batch { label, actions } => {
            let mut undo = Vec::with_capacity(actions.len());
            for action in actions {
                undo.push(apply(tx, action, changes)?);
            }
            undo.reverse();
            Batch { label: format!("Undo {label}"), actions: undo }
        }
    })
}

fn set_attribute(
    tx: &Connection,
    table: &str,
    owner: &str,
    id: i64,
    key: &str,
    value: Option<&str>,
) -> Result<Option<String>> {
    let key = required("attribute name", key)?;
    let old: Option<String> =
        query_row(tx, &format!("SELECT value FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key], |r| {
            r.get(0)
        })
        .optional()?;
    exec(tx, &format!("DELETE FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key])?;
    if let Some(value) = value {
        exec(tx, &format!("INSERT INTO {table} ({owner}, key, value) VALUES (?1, ?2, ?3)"), params![id, key, value])?;
    }
    Ok(old)
}
