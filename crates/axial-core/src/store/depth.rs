//! The store's side of [`crate::model::Depth`]: properties and their dimensions, placements of
//! coded passages, relations' evidence, matrix levels and prompted codings. Each apply checks
//! first (a refused action changes nothing), writes, records what changed and returns its undo;
//! the helpers at the end give back what a deletion of a coding, category, relation or document
//! takes with it.

use super::lookup::*;
use super::{Result, invalid};
use crate::model::*;
use rusqlite::{Connection, OptionalExtension, params};

fn points_json(dimension: &PropertyDimension) -> String {
    serde_json::to_string(&dimension.points).expect("a list of strings serialises")
}

fn property_from_row(r: &rusqlite::Row) -> rusqlite::Result<Property> {
    let points: String = r.get(4)?;
    Ok(Property {
        id: PropertyId(r.get(0)?),
        category: CategoryId(r.get(1)?),
        name: r.get(2)?,
        dimension: PropertyDimension {
            ordered: r.get::<_, i64>(3)? != 0,
            // Written by this module only; a damaged value reads as no points.
            points: serde_json::from_str(&points).unwrap_or_default(),
        },
    })
}

const PROPERTY_COLUMNS: &str = "id, category_id, name, ordered, points";

pub(super) fn property_row(tx: &Connection, id: i64) -> Result<Property> {
    query_row(tx, &format!("SELECT {PROPERTY_COLUMNS} FROM property WHERE id = ?1"), [id], property_from_row)
        .optional()?
        .ok_or_else(|| not_found("property", id))
}

pub(super) fn relation_row(tx: &Connection, id: i64) -> Result<Relation> {
    query_row(tx, "SELECT id, from_id, to_id, kind FROM relation WHERE id = ?1", [id], |r| {
        Ok(Relation {
            id: RelationId(r.get(0)?),
            from: CategoryId(r.get(1)?),
            to: CategoryId(r.get(2)?),
            kind: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found("relation", id))
}

fn evidence_from_row(r: &rusqlite::Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: EvidenceId(r.get(0)?),
        relation: RelationId(r.get(1)?),
        document: DocumentId(r.get(2)?),
        start: r.get::<_, i64>(3)? as usize,
        end: r.get::<_, i64>(4)? as usize,
    })
}

const EVIDENCE_COLUMNS: &str = "id, relation_id, document_id, start, end";

fn check_property(
    tx: &Connection,
    category: i64,
    name: &str,
    dimension: &PropertyDimension,
    id: Option<i64>,
) -> Result<()> {
    required("property name", name)?;
    if let Some(problem) = dimension.problem() {
        return invalid(problem);
    }
    let clash: Option<i64> = query_row(
        tx,
        "SELECT id FROM property WHERE category_id = ?1 AND name = ?2 AND id IS NOT ?3",
        params![category, name, id],
        |r| r.get(0),
    )
    .optional()?;
    if clash.is_some() {
        return invalid(format!(
            "this category already has a property named \u{201c}{name}\u{201d}; pick another name"
        ));
    }
    Ok(())
}

/// Applies the actions of this module (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        CreateProperty { id, category, name, dimension } => {
            name_of(tx, "category", "category", category.0)?;
            check_property(tx, category.0, name, dimension, None)?;
            exec(
                tx,
                "INSERT INTO property (id, category_id, name, ordered, points) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, category.0, name, dimension.ordered, points_json(dimension)],
            )?;
            changes.push(Change::Property(property_row(tx, id.0)?));
            DeleteProperty { id: *id }
        }
        UpdateProperty { id, name, dimension } => {
            let old = property_row(tx, id.0)?;
            check_property(tx, old.category.0, name, dimension, Some(id.0))?;
            let mut stmt = tx.prepare_cached(
                "SELECT point, count(*) FROM placement WHERE property_id = ?1 GROUP BY point ORDER BY point",
            )?;
            let used = stmt
                .query_map([id.0], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if let Some((point, n)) = used.iter().find(|(p, _)| !dimension.points.contains(p)) {
                let passages = if *n == 1 { "1 passage is".to_owned() } else { format!("{n} passages are") };
                return invalid(format!(
                    "{passages} placed at \u{201c}{point}\u{201d}; rename the point instead, or place them elsewhere first"
                ));
            }
            exec(
                tx,
                "UPDATE property SET name = ?1, ordered = ?2, points = ?3 WHERE id = ?4",
                params![name, dimension.ordered, points_json(dimension), id.0],
            )?;
            changes.push(Change::Property(property_row(tx, id.0)?));
            UpdateProperty { id: *id, name: old.name, dimension: old.dimension }
        }
        RenamePropertyPoint { id, point, new_name } => {
            let old = property_row(tx, id.0)?;
            let Some(at) = old.dimension.points.iter().position(|p| p == point) else {
                return invalid(format!(
                    "the property \u{201c}{}\u{201d} has no point \u{201c}{point}\u{201d}",
                    old.name
                ));
            };
            let mut dimension = old.dimension.clone();
            dimension.points[at] = new_name.clone();
            check_property(tx, old.category.0, &old.name, &dimension, Some(id.0))?;
            exec(tx, "UPDATE property SET points = ?1 WHERE id = ?2", params![points_json(&dimension), id.0])?;
            // The passages on the renamed point move with it.
            let mut stmt = tx.prepare_cached(
                "SELECT coding_id FROM placement WHERE property_id = ?1 AND point = ?2 ORDER BY coding_id",
            )?;
            let moved =
                stmt.query_map(params![id.0, point], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            exec(
                tx,
                "UPDATE placement SET point = ?1 WHERE property_id = ?2 AND point = ?3",
                params![new_name, id.0, point],
            )?;
            changes.push(Change::Property(property_row(tx, id.0)?));
            for coding in moved {
                changes.push(Change::Placement {
                    coding: CodingId(coding),
                    property: *id,
                    point: Some(new_name.clone()),
                });
            }
            RenamePropertyPoint { id: *id, point: new_name.clone(), new_name: point.clone() }
        }
        DeleteProperty { id } => {
            let undo = restore_property(tx, id.0, changes)?;
            exec(tx, "DELETE FROM property WHERE id = ?1", [id.0])?;
            batch("Restore property", undo)
        }
        PlaceCoding { coding, property, point } => {
            coding_row(tx, coding.0)?;
            let p = property_row(tx, property.0)?;
            if let Some(point) = point
                && !p.dimension.points.contains(point)
            {
                return invalid(format!(
                    "the property \u{201c}{}\u{201d} has no point \u{201c}{point}\u{201d} (its points: {})",
                    p.name,
                    p.dimension.points.join(", ")
                ));
            }
            let old: Option<String> = query_row(
                tx,
                "SELECT point FROM placement WHERE coding_id = ?1 AND property_id = ?2",
                [coding.0, property.0],
                |r| r.get(0),
            )
            .optional()?;
            match point {
                Some(point) => exec(
                    tx,
                    "INSERT INTO placement (coding_id, property_id, point) VALUES (?1, ?2, ?3)
                     ON CONFLICT (coding_id, property_id) DO UPDATE SET point = excluded.point",
                    params![coding.0, property.0, point],
                )?,
                None => {
                    exec(tx, "DELETE FROM placement WHERE coding_id = ?1 AND property_id = ?2", [coding.0, property.0])?
                }
            };
            changes.push(Change::Placement { coding: *coding, property: *property, point: point.clone() });
            PlaceCoding { coding: *coding, property: *property, point: old }
        }
        AddEvidence { id, relation, document, start, end } => {
            relation_row(tx, relation.0)?;
            check_range(tx, document.0, *start, *end)?;
            let same: Option<i64> = query_row(
                tx,
                "SELECT id FROM evidence WHERE relation_id = ?1 AND document_id = ?2 AND start = ?3 AND end = ?4",
                params![relation.0, document.0, *start as i64, *end as i64],
                |r| r.get(0),
            )
            .optional()?;
            if same.is_some() {
                return invalid("this passage is already evidence for the relation");
            }
            exec(
                tx,
                "INSERT INTO evidence (id, relation_id, document_id, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, relation.0, document.0, *start as i64, *end as i64],
            )?;
            changes.push(Change::Evidence(Evidence {
                id: *id,
                relation: *relation,
                document: *document,
                start: *start,
                end: *end,
            }));
            RemoveEvidence { id: *id }
        }
        RemoveEvidence { id } => {
            let e = evidence_row(tx, id.0)?;
            exec(tx, "DELETE FROM evidence WHERE id = ?1", [id.0])?;
            changes.push(Change::EvidenceDeleted(*id));
            add_evidence(e)
        }
        SetCategoryLevel { id, level } => {
            name_of(tx, "category", "category", id.0)?;
            let old = level_of(tx, id.0)?;
            match level {
                Some(level) => exec(
                    tx,
                    "INSERT INTO category_level (category_id, level) VALUES (?1, ?2)
                     ON CONFLICT (category_id) DO UPDATE SET level = excluded.level",
                    params![id.0, level.key()],
                )?,
                None => exec(tx, "DELETE FROM category_level WHERE category_id = ?1", [id.0])?,
            };
            changes.push(Change::CategoryLevel { category: *id, level: *level });
            SetCategoryLevel { id: *id, level: old }
        }
        SetCodingPrompted { id, prompted } => {
            coding_row(tx, id.0)?;
            let was = is_prompted(tx, id.0)?;
            if *prompted {
                exec(tx, "INSERT OR IGNORE INTO prompted_coding (coding_id) VALUES (?1)", [id.0])?;
            } else {
                exec(tx, "DELETE FROM prompted_coding WHERE coding_id = ?1", [id.0])?;
            }
            changes.push(Change::Prompted { coding: *id, prompted: *prompted });
            SetCodingPrompted { id: *id, prompted: was }
        }
        other => return invalid(format!("{} is not applied here", other.label())),
    })
}

fn evidence_row(tx: &Connection, id: i64) -> Result<Evidence> {
    query_row(tx, &format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"), [id], evidence_from_row)
        .optional()?
        .ok_or_else(|| not_found("evidence passage", id))
}

fn add_evidence(e: Evidence) -> Action {
    Action::AddEvidence { id: e.id, relation: e.relation, document: e.document, start: e.start, end: e.end }
}

fn level_of(tx: &Connection, category: i64) -> Result<Option<ConditionLevel>> {
    let key: Option<String> =
        query_row(tx, "SELECT level FROM category_level WHERE category_id = ?1", [category], |r| r.get(0))
            .optional()?;
    Ok(key.as_deref().and_then(ConditionLevel::from_key))
}

fn is_prompted(tx: &Connection, coding: i64) -> Result<bool> {
    Ok(query_row(tx, "SELECT count(*) FROM prompted_coding WHERE coding_id = ?1", [coding], |r| r.get::<_, i64>(0))?
        > 0)
}

/// The actions that put back a coding's placements and prompted mark; records them as gone.
pub(super) fn coding_marks(tx: &Connection, coding: CodingId, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    let mut stmt =
        tx.prepare_cached("SELECT property_id, point FROM placement WHERE coding_id = ?1 ORDER BY property_id")?;
    let placed = stmt
        .query_map([coding.0], |r| Ok((PropertyId(r.get(0)?), r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (property, point) in placed {
        changes.push(Change::Placement { coding, property, point: None });
        out.push(Action::PlaceCoding { coding, property, point: Some(point) });
    }
    if is_prompted(tx, coding.0)? {
        changes.push(Change::Prompted { coding, prompted: false });
        out.push(Action::SetCodingPrompted { id: coding, prompted: true });
    }
    Ok(out)
}

/// The actions that recreate a property and the placements on it; records them as gone.
fn restore_property(tx: &Connection, id: i64, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    let p = property_row(tx, id)?;
    let mut out = vec![Action::CreateProperty { id: p.id, category: p.category, name: p.name, dimension: p.dimension }];
    let mut stmt =
        tx.prepare_cached("SELECT coding_id, point FROM placement WHERE property_id = ?1 ORDER BY coding_id")?;
    let placed = stmt
        .query_map([id], |r| Ok((CodingId(r.get(0)?), r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (coding, point) in placed {
        out.push(Action::PlaceCoding { coding, property: p.id, point: Some(point) });
    }
    changes.push(Change::PropertyDeleted(p.id));
    Ok(out)
}

/// What a category's deletion takes with it here (its properties with their placements, its
/// matrix level), as the actions that put it back; records it as gone.
pub(super) fn category_dependents(
    tx: &Connection,
    category: CategoryId,
    changes: &mut ChangeSet,
) -> Result<Vec<Action>> {
    let mut out = Vec::new();
    for property in ids(tx, "SELECT id FROM property WHERE category_id = ?1 ORDER BY id", category.0)? {
        out.extend(restore_property(tx, property, changes)?);
    }
    if let Some(level) = level_of(tx, category.0)? {
        changes.push(Change::CategoryLevel { category, level: None });
        out.push(Action::SetCategoryLevel { id: category, level: Some(level) });
    }
    Ok(out)
}

/// The evidence a relation's or a document's deletion takes with it, as the actions that put
/// it back; records it as gone.
pub(super) fn evidence_on(tx: &Connection, column: &str, id: i64, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    debug_assert!(column == "relation_id" || column == "document_id");
    let mut stmt =
        tx.prepare_cached(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE {column} = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([id], evidence_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|e| {
            changes.push(Change::EvidenceDeleted(e.id));
            add_evidence(e)
        })
        .collect())
}

/// Reads properties, placements, evidence, levels and prompted marks into the project (after
/// its categories, relations, documents and codings).
pub(super) fn load(conn: &Connection, p: &mut Project) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {PROPERTY_COLUMNS} FROM property ORDER BY id"))?;
    for property in stmt.query_map([], property_from_row)? {
        p.apply_change(Change::Property(property?));
    }
    let mut stmt = conn.prepare("SELECT coding_id, property_id, point FROM placement")?;
    for row in stmt.query_map([], |r| {
        Ok(Change::Placement { coding: CodingId(r.get(0)?), property: PropertyId(r.get(1)?), point: Some(r.get(2)?) })
    })? {
        p.apply_change(row?);
    }
    let mut stmt = conn.prepare(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence ORDER BY id"))?;
    for e in stmt.query_map([], evidence_from_row)? {
        p.apply_change(Change::Evidence(e?));
    }
    let mut stmt = conn.prepare("SELECT category_id, level FROM category_level")?;
    for row in stmt.query_map([], |r| Ok((CategoryId(r.get(0)?), r.get::<_, String>(1)?)))? {
        let (category, key) = row?;
        p.apply_change(Change::CategoryLevel { category, level: ConditionLevel::from_key(&key) });
    }
    let mut stmt = conn.prepare("SELECT coding_id FROM prompted_coding")?;
    for coding in stmt.query_map([], |r| r.get::<_, i64>(0))? {
        p.apply_change(Change::Prompted { coding: CodingId(coding?), prompted: true });
    }
    Ok(())
}
