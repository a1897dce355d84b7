//! The project's own vocabularies: the cube framework's dimensions and values, and the kinds
//! of relation between categories. Each is an ordered list; positions are kept dense (0..n)
//! so that "move to index i" and its inverse "move back to index j" are exact.

use super::lookup::*;
use super::read::{expectation_from_row, load_framework};
use super::{Result, invalid};
use crate::model::*;
use rusqlite::{Connection, params};

/// Which ordered list a reorder writes.
enum List<'a> {
    Dimensions,
    Values(&'a str),
    RelationKinds,
}

impl List<'_> {
    fn keys(&self, tx: &Connection) -> Result<Vec<String>> {
        let (sql, dimension) = match self {
            List::Dimensions => ("SELECT key FROM dimension ORDER BY position, key", None),
            List::Values(d) => {
                ("SELECT key FROM dimension_value WHERE dimension = ?1 ORDER BY position, key", Some(*d))
            }
            List::RelationKinds => ("SELECT name FROM relation_kind ORDER BY position, name", None),
        };
        let mut stmt = tx.prepare_cached(sql)?;
        let rows = match dimension {
            Some(d) => stmt.query_map([d], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?,
            None => stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?,
        };
        Ok(rows)
    }

    fn write_positions(&self, tx: &Connection, keys: &[String]) -> Result<()> {
        for (i, key) in keys.iter().enumerate() {
            match self {
                List::Dimensions => {
                    exec(tx, "UPDATE dimension SET position = ?2 WHERE key = ?1", params![key, i as i64])?
                }
                List::Values(d) => exec(
                    tx,
                    "UPDATE dimension_value SET position = ?3 WHERE dimension = ?1 AND key = ?2",
                    params![d, key, i as i64],
                )?,
                List::RelationKinds => {
                    exec(tx, "UPDATE relation_kind SET position = ?2 WHERE name = ?1", params![key, i as i64])?
                }
            };
        }
        Ok(())
    }

    /// Moves `key` to index `position` (clamped to the end) and returns the index it had.
    fn move_to(&self, tx: &Connection, key: &str, position: usize) -> Result<usize> {
        let mut keys = self.keys(tx)?;
        let Some(old) = keys.iter().position(|k| k == key) else {
            return invalid(format!("there is no \u{201c}{key}\u{201d} to move"));
        };
        let moved = keys.remove(old);
        keys.insert(position.min(keys.len()), moved);
        self.write_positions(tx, &keys)?;
        Ok(old)
    }
}

pub(super) fn relation_kinds(tx: &Connection) -> Result<Vec<String>> {
    List::RelationKinds.keys(tx)
}

fn framework_changed(tx: &Connection, changes: &mut ChangeSet) -> Result<()> {
    changes.push(Change::Framework(load_framework(tx)?));
    Ok(())
}

/// After a dimension or value is added: refuses a framework past the bounds every report can
/// list ([`check_framework_size`]), whichever way it came (edit, window, project JSON).
fn framework_grown(tx: &Connection, changes: &mut ChangeSet) -> Result<()> {
    let framework = load_framework(tx)?;
    if let Err(e) = check_framework_size(&framework.dimensions) {
        return invalid(format!("the project would then have {e}; remove a cube dimension or some values first"));
    }
    changes.push(Change::Framework(framework));
    Ok(())
}

fn kinds_changed(tx: &Connection, changes: &mut ChangeSet) -> Result<()> {
    changes.push(Change::RelationKinds(relation_kinds(tx)?));
    Ok(())
}

fn dimension_exists(tx: &Connection, key: &str) -> Result<()> {
    let found: bool = query_row(tx, "SELECT count(*) FROM dimension WHERE key = ?1", [key], |r| r.get(0))?;
    if found { Ok(()) } else { invalid(format!("there is no cube dimension \u{201c}{key}\u{201d}")) }
}

fn value_exists(tx: &Connection, dimension: &str, key: &str) -> Result<()> {
    dimension_exists(tx, dimension)?;
    if dimension_value_exists(tx, dimension, key)? {
        Ok(())
    } else {
        invalid(format!("\u{201c}{key}\u{201d} is not a value of the cube dimension \u{201c}{dimension}\u{201d}"))
    }
}

/// Inserts a dimension with its values, at index `position` (default: last).
pub(super) fn insert_dimension(tx: &Connection, dimension: &Dimension, position: Option<i64>) -> Result<()> {
    required("dimension key", &dimension.key)?;
    required("dimension name", &dimension.label)?;
    if dimension.values.is_empty() {
        return invalid(format!("the cube dimension \u{201c}{}\u{201d} needs at least one value", dimension.key));
    }
    let last: i64 = query_row(tx, "SELECT coalesce(max(position) + 1, 0) FROM dimension", [], |r| r.get(0))?;
    exec(
        tx,
        "INSERT INTO dimension (key, label, position) VALUES (?1, ?2, ?3)",
        params![dimension.key, dimension.label, last],
    )?;
    for (i, value) in dimension.values.iter().enumerate() {
        required("dimension value", &value.key)?;
        let inserted = exec(
            tx,
            "INSERT OR IGNORE INTO dimension_value (dimension, key, label, position) VALUES (?1, ?2, ?3, ?4)",
            params![dimension.key, value.key, value.label, i as i64],
        )?;
        if inserted == 0 {
            return invalid(format!(
                "the cube dimension \u{201c}{}\u{201d} lists \u{201c}{}\u{201d} twice",
                dimension.key, value.key
            ));
        }
    }
    if let Some(position) = position {
        List::Dimensions.move_to(tx, &dimension.key, position.max(0) as usize)?;
    }
    Ok(())
}

pub(super) fn create_dimension(
    tx: &Connection,
    dimension: &Dimension,
    position: Option<i64>,
    changes: &mut ChangeSet,
) -> Result<Action> {
    required("dimension key", &dimension.key)?;
    let taken: bool = query_row(tx, "SELECT count(*) FROM dimension WHERE key = ?1", [&dimension.key], |r| r.get(0))?;
    if taken {
        return invalid(format!("a cube dimension \u{201c}{}\u{201d} already exists", dimension.key));
    }
    insert_dimension(tx, dimension, position)?;
    framework_grown(tx, changes)?;
    Ok(Action::DeleteDimension { key: dimension.key.clone() })
}

/// Snapshots (for the inverse) and records as removed every facet and expected level that
/// names `dimension` (and, if given, only its `value`).
fn facets_and_expectations(
    tx: &Connection,
    dimension: &str,
    value: Option<&str>,
    changes: &mut ChangeSet,
) -> Result<Vec<Action>> {
    let mut undo = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT owner_kind, owner_id, value FROM facet WHERE dimension = ?1 AND (?2 IS NULL OR value = ?2)
         ORDER BY owner_kind, owner_id",
    )?;
    let facets = stmt
        .query_map(params![dimension, value], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, id, value) in facets {
        let owner = facet_owner(&kind, id);
        changes.push(Change::Facet { owner, dimension: dimension.to_owned(), value: None });
        undo.push(Action::SetFacet { owner, dimension: dimension.to_owned(), value: Some(value) });
    }
    let mut stmt = tx.prepare_cached(
        "SELECT row_dimension, row_value, column_dimension, column_value, level FROM expectation
         WHERE (row_dimension = ?1 AND (?2 IS NULL OR row_value = ?2))
            OR (column_dimension = ?1 AND (?2 IS NULL OR column_value = ?2))
         ORDER BY 1, 2, 3, 4",
    )?;
    let expectations =
        stmt.query_map(params![dimension, value], expectation_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    for e in expectations {
        changes.push(Change::Expectation { row: e.row.clone(), column: e.column.clone(), level: None });
        undo.push(Action::SetExpectation { row: e.row, column: e.column, level: Some(e.level) });
    }
    Ok(undo)
}

pub(super) fn delete_dimension(tx: &Connection, key: &str, changes: &mut ChangeSet) -> Result<Action> {
    let framework = load_framework(tx)?;
    let Some(position) = framework.dimensions.iter().position(|d| d.key == key) else {
        return invalid(format!("there is no cube dimension \u{201c}{key}\u{201d}"));
    };
    let dimension = framework.dimensions[position].clone();
    let mut undo = vec![Action::CreateDimension { dimension, position: Some(position as i64) }];
    undo.extend(facets_and_expectations(tx, key, None, changes)?);
    exec(tx, "DELETE FROM facet WHERE dimension = ?1", [key])?;
    exec(tx, "DELETE FROM dimension WHERE key = ?1", [key])?;
    List::Dimensions.write_positions(tx, &List::Dimensions.keys(tx)?)?;
    framework_changed(tx, changes)?;
    Ok(batch("Restore cube dimension", undo))
}

pub(super) fn rename_dimension(tx: &Connection, key: &str, label: &str, changes: &mut ChangeSet) -> Result<Action> {
    dimension_exists(tx, key)?;
    let label = required("dimension name", label)?;
    let old: String = query_row(tx, "SELECT label FROM dimension WHERE key = ?1", [key], |r| r.get(0))?;
    exec(tx, "UPDATE dimension SET label = ?2 WHERE key = ?1", params![key, label])?;
    framework_changed(tx, changes)?;
    Ok(Action::RenameDimension { key: key.to_owned(), label: old })
}

pub(super) fn move_dimension(tx: &Connection, key: &str, position: usize, changes: &mut ChangeSet) -> Result<Action> {
    dimension_exists(tx, key)?;
    let old = List::Dimensions.move_to(tx, key, position)?;
    framework_changed(tx, changes)?;
    Ok(Action::MoveDimension { key: key.to_owned(), position: old })
}

pub(super) fn create_value(
    tx: &Connection,
    dimension: &str,
    value: &DimensionValue,
    position: Option<usize>,
    changes: &mut ChangeSet,
) -> Result<Action> {
    dimension_exists(tx, dimension)?;
    let key = required("value key", &value.key)?;
    let label = required("value name", &value.label)?;
    if dimension_value_exists(tx, dimension, key)? {
        return invalid(format!(
            "the cube dimension \u{201c}{dimension}\u{201d} already has a value \u{201c}{key}\u{201d}"
        ));
    }
    let last: i64 = query_row(
        tx,
        "SELECT coalesce(max(position) + 1, 0) FROM dimension_value WHERE dimension = ?1",
        [dimension],
        |r| r.get(0),
    )?;
    exec(
        tx,
        "INSERT INTO dimension_value (dimension, key, label, position) VALUES (?1, ?2, ?3, ?4)",
        params![dimension, key, label, last],
    )?;
    if let Some(position) = position {
        List::Values(dimension).move_to(tx, key, position)?;
    }
    framework_grown(tx, changes)?;
    Ok(Action::DeleteDimensionValue { dimension: dimension.to_owned(), key: key.to_owned() })
}

pub(super) fn rename_value(
    tx: &Connection,
    dimension: &str,
    key: &str,
    label: &str,
    changes: &mut ChangeSet,
) -> Result<Action> {
    value_exists(tx, dimension, key)?;
    let label = required("value name", label)?;
    let old: String = query_row(
        tx,
        "SELECT label FROM dimension_value WHERE dimension = ?1 AND key = ?2",
        params![dimension, key],
        |r| r.get(0),
    )?;
    exec(
        tx,
        "UPDATE dimension_value SET label = ?3 WHERE dimension = ?1 AND key = ?2",
        params![dimension, key, label],
    )?;
    framework_changed(tx, changes)?;
    Ok(Action::RenameDimensionValue { dimension: dimension.to_owned(), key: key.to_owned(), label: old })
}

pub(super) fn move_value(
    tx: &Connection,
    dimension: &str,
    key: &str,
    position: usize,
    changes: &mut ChangeSet,
) -> Result<Action> {
    value_exists(tx, dimension, key)?;
    let old = List::Values(dimension).move_to(tx, key, position)?;
    framework_changed(tx, changes)?;
    Ok(Action::MoveDimensionValue { dimension: dimension.to_owned(), key: key.to_owned(), position: old })
}

pub(super) fn delete_value(tx: &Connection, dimension: &str, key: &str, changes: &mut ChangeSet) -> Result<Action> {
    value_exists(tx, dimension, key)?;
    let keys = List::Values(dimension).keys(tx)?;
    if keys.len() == 1 {
        return invalid(format!(
            "\u{201c}{key}\u{201d} is the only value of the cube dimension \u{201c}{dimension}\u{201d}; remove the dimension instead"
        ));
    }
    let position = keys.iter().position(|k| k == key).unwrap_or(keys.len());
    let label: String = query_row(
        tx,
        "SELECT label FROM dimension_value WHERE dimension = ?1 AND key = ?2",
        params![dimension, key],
        |r| r.get(0),
    )?;
    let mut undo = vec![Action::CreateDimensionValue {
        dimension: dimension.to_owned(),
        value: DimensionValue { key: key.to_owned(), label },
        position: Some(position),
    }];
    undo.extend(facets_and_expectations(tx, dimension, Some(key), changes)?);
    // Facets and expectations go with the value (ON DELETE CASCADE).
    exec(tx, "DELETE FROM dimension_value WHERE dimension = ?1 AND key = ?2", params![dimension, key])?;
    List::Values(dimension).write_positions(tx, &List::Values(dimension).keys(tx)?)?;
    framework_changed(tx, changes)?;
    Ok(batch("Restore value", undo))
}

fn kind_exists(tx: &Connection, name: &str) -> Result<bool> {
    Ok(query_row(tx, "SELECT count(*) FROM relation_kind WHERE name = ?1", [name], |r| r.get(0))?)
}

fn known_kind(tx: &Connection, name: &str) -> Result<()> {
    if kind_exists(tx, name)? { Ok(()) } else { invalid(format!("there is no relation kind \u{201c}{name}\u{201d}")) }
}

/// Adds `name` as a kind if it is new; returns whether it did (a relation of a new kind adds
/// the kind, and its undo takes the kind away again).
pub(super) fn ensure_kind(tx: &Connection, name: &str, changes: &mut ChangeSet) -> Result<bool> {
    if kind_exists(tx, name)? {
        return Ok(false);
    }
    create_kind(tx, name, None, changes)?;
    Ok(true)
}

pub(super) fn create_kind(
    tx: &Connection,
    name: &str,
    position: Option<usize>,
    changes: &mut ChangeSet,
) -> Result<Action> {
    let name = required("relation kind", name)?;
    if kind_exists(tx, name)? {
        return invalid(format!("the relation kind \u{201c}{name}\u{201d} already exists"));
    }
    let last: i64 = query_row(tx, "SELECT coalesce(max(position) + 1, 0) FROM relation_kind", [], |r| r.get(0))?;
    exec(tx, "INSERT INTO relation_kind (name, position) VALUES (?1, ?2)", params![name, last])?;
    if let Some(position) = position {
        List::RelationKinds.move_to(tx, name, position)?;
    }
    kinds_changed(tx, changes)?;
    Ok(Action::DeleteRelationKind { name: name.to_owned() })
}

pub(super) fn rename_kind(tx: &Connection, name: &str, new_name: &str, changes: &mut ChangeSet) -> Result<Action> {
    known_kind(tx, name)?;
    let new_name = required("relation kind", new_name)?;
    if new_name != name && kind_exists(tx, new_name)? {
        return invalid(format!("the relation kind \u{201c}{new_name}\u{201d} already exists; pick another name"));
    }
    exec(tx, "UPDATE relation_kind SET name = ?2 WHERE name = ?1", params![name, new_name])?;
    let mut stmt = tx.prepare_cached("SELECT id, from_id, to_id FROM relation WHERE kind = ?1 ORDER BY id")?;
    let relations = stmt
        .query_map([name], |r| {
            Ok(Relation {
                id: RelationId(r.get(0)?),
                from: CategoryId(r.get(1)?),
                to: CategoryId(r.get(2)?),
                kind: new_name.to_owned(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    exec(tx, "UPDATE relation SET kind = ?2 WHERE kind = ?1", params![name, new_name])?;
    for relation in relations {
        changes.push(Change::Relation(relation));
    }
    kinds_changed(tx, changes)?;
    Ok(Action::RenameRelationKind { name: new_name.to_owned(), new_name: name.to_owned() })
}

pub(super) fn move_kind(tx: &Connection, name: &str, position: usize, changes: &mut ChangeSet) -> Result<Action> {
    known_kind(tx, name)?;
    let old = List::RelationKinds.move_to(tx, name, position)?;
    kinds_changed(tx, changes)?;
    Ok(Action::MoveRelationKind { name: name.to_owned(), position: old })
}

pub(super) fn delete_kind(tx: &Connection, name: &str, changes: &mut ChangeSet) -> Result<Action> {
    known_kind(tx, name)?;
    let used: i64 = query_row(tx, "SELECT count(*) FROM relation WHERE kind = ?1", [name], |r| r.get(0))?;
    if used > 0 {
        let relations = if used == 1 { "1 relation".to_owned() } else { format!("{used} relations") };
        return invalid(format!(
            "{relations} of the kind \u{201c}{name}\u{201d} remain; delete them or rename the kind instead"
        ));
    }
    let keys = List::RelationKinds.keys(tx)?;
    let position = keys.iter().position(|k| k == name);
    exec(tx, "DELETE FROM relation_kind WHERE name = ?1", [name])?;
    List::RelationKinds.write_positions(tx, &List::RelationKinds.keys(tx)?)?;
    kinds_changed(tx, changes)?;
    Ok(Action::CreateRelationKind { name: name.to_owned(), position })
}
