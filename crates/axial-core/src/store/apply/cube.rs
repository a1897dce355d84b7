//! The cube's facet values on codes, concepts and categories, and the study's expected levels.

use super::*;

/// Applies the actions of this kind (`store::apply` hands them here).
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetFacet { owner, dimension, value } => {
            let (kind, owner_id) = facet_owner_columns(*owner);
            match owner {
                FacetOwner::Code(id) => drop(code_row(tx, id.0)?),
                FacetOwner::Concept(id) => drop(name_of(tx, "concept", "concept", id.0)?),
                FacetOwner::Category(id) => drop(name_of(tx, "category", "category", id.0)?),
            }
            if let Some(value) = value
                && !dimension_value_exists(tx, dimension, value)?
            {
                return invalid(format!(
                    "\u{201c}{value}\u{201d} is not a value of the cube dimension \u{201c}{dimension}\u{201d}"
                ));
            }
            let old: Option<String> = query_row(
                tx,
                "SELECT value FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                params![kind, owner_id, dimension],
                |r| r.get(0),
            )
            .optional()?;
            exec(
                tx,
                "DELETE FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                params![kind, owner_id, dimension],
            )?;
            if let Some(value) = value {
                exec(
                    tx,
                    "INSERT INTO facet (owner_kind, owner_id, dimension, value) VALUES (?1, ?2, ?3, ?4)",
                    params![kind, owner_id, dimension, value],
                )?;
            }
            changes.push(Change::Facet { owner: *owner, dimension: dimension.clone(), value: value.clone() });
            SetFacet { owner: *owner, dimension: dimension.clone(), value: old }
        }

        SetExpectation { row, column, level } => {
            for r in [row, column] {
                if !dimension_value_exists(tx, &r.dimension, &r.value)? {
                    return invalid(format!(
                        "\u{201c}{}\u{201d} is not a value of the cube dimension \u{201c}{}\u{201d}",
                        r.value, r.dimension
                    ));
                }
            }
            if row.dimension == column.dimension {
                return invalid("an expectation pairs values of two different cube dimensions");
            }
            if let Some(level) = level
                && !EXPECTED_LEVELS.contains(&level.as_str())
            {
                return invalid(format!("\u{201c}{level}\u{201d} is not a level; use {}", EXPECTED_LEVELS.join(", ")));
            }
            let keys = params![row.dimension, row.value, column.dimension, column.value];
            let old: Option<String> = query_row(
                tx,
                "SELECT level FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                 AND column_dimension = ?3 AND column_value = ?4",
                keys,
                |r| r.get(0),
            )
            .optional()?;
            exec(
                tx,
                "DELETE FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                 AND column_dimension = ?3 AND column_value = ?4",
                keys,
            )?;
            if let Some(level) = level {
                exec(
                    tx,
                    "INSERT INTO expectation (row_dimension, row_value, column_dimension, column_value, level)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![row.dimension, row.value, column.dimension, column.value, level],
                )?;
            }
            changes.push(Change::Expectation { row: row.clone(), column: column.clone(), level: level.clone() });
            SetExpectation { row: row.clone(), column: column.clone(), level: old }
        }

        other => return invalid(format!("{} is not applied here", other.label())),
    })
}
