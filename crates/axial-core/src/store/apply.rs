//! Applies one [`Action`] inside an open transaction and returns its inverse. Validation
//! happens here, against the current rows, so a refused action changes nothing.

use super::lookup::*;
use super::read::{facet_owner_columns, memo_target_columns};
use super::{Result, invalid};
use crate::model::*;
use rusqlite::{OptionalExtension, Transaction, params};

/// Applies `action` and returns the action that undoes it.
pub(super) fn apply(tx: &Transaction, action: &Action) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetProjectName { name } => {
            let name = required("project name", name)?;
            let old: String = tx.query_row("SELECT name FROM project WHERE id = 1", [], |r| r.get(0))?;
            tx.execute("UPDATE project SET name = ?1 WHERE id = 1", [name])?;
            SetProjectName { name: old }
        }

        CreateCase { id, name } => {
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, None)?;
            tx.execute("INSERT INTO case_ (id, name) VALUES (?1, ?2)", params![id.0, name])?;
            DeleteCase { id: *id }
        }
        RenameCase { id, name } => {
            let old = name_of(tx, "case_", "case", id.0)?;
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, Some(id.0))?;
            tx.execute("UPDATE case_ SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            RenameCase { id: *id, name: old }
        }
        DeleteCase { id } => {
            let name = name_of(tx, "case_", "case", id.0)?;
            let mut undo = vec![CreateCase { id: *id, name }];
            for (key, value) in attributes(tx, "case_attribute", "case_id", id.0)? {
                undo.push(SetCaseAttribute { id: *id, key, value: Some(value) });
            }
            for doc in ids(tx, "SELECT id FROM document WHERE case_id = ?1 ORDER BY id", id.0)? {
                undo.push(SetDocumentCase { id: DocumentId(doc), case: Some(*id) });
            }
            tx.execute("DELETE FROM case_ WHERE id = ?1", [id.0])?;
            batch("Restore case", undo)
        }
        SetCaseAttribute { id, key, value } => {
            name_of(tx, "case_", "case", id.0)?;
            let old = set_attribute(tx, "case_attribute", "case_id", id.0, key, value.as_deref())?;
            SetCaseAttribute { id: *id, key: key.clone(), value: old }
        }

        AddDocument { id, title, text, case, imported } => {
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, None)?;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            if text.contains('\r') {
                return invalid("document text must use \\n line ends");
            }
            tx.execute(
                "INSERT INTO document (id, title, text, char_len, case_id, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, title, text, text.chars().count() as i64, case.map(|c| c.0), imported],
            )?;
            DeleteDocument { id: *id }
        }
        RenameDocument { id, title } => {
            let old = title_of(tx, id.0)?;
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, Some(id.0))?;
            tx.execute("UPDATE document SET title = ?1 WHERE id = ?2", params![title, id.0])?;
            RenameDocument { id: *id, title: old }
        }
        SetDocumentCase { id, case } => {
            title_of(tx, id.0)?;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            let old: Option<i64> = tx.query_row("SELECT case_id FROM document WHERE id = ?1", [id.0], |r| r.get(0))?;
            tx.execute("UPDATE document SET case_id = ?1 WHERE id = ?2", params![case.map(|c| c.0), id.0])?;
            SetDocumentCase { id: *id, case: old.map(CaseId) }
        }
        SetDocumentAttribute { id, key, value } => {
            title_of(tx, id.0)?;
            let old = set_attribute(tx, "document_attribute", "document_id", id.0, key, value.as_deref())?;
            SetDocumentAttribute { id: *id, key: key.clone(), value: old }
        }
        DeleteDocument { id } => {
            let (title, text, case, imported): (String, String, Option<i64>, String) = tx
                .query_row("SELECT title, text, case_id, imported FROM document WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?
                .ok_or_else(|| not_found("document", id.0))?;
            let mut undo = vec![AddDocument { id: *id, title, text, case: case.map(CaseId), imported }];
            for (key, value) in attributes(tx, "document_attribute", "document_id", id.0)? {
                undo.push(SetDocumentAttribute { id: *id, key, value: Some(value) });
            }
            undo.extend(memos_on(tx, "document", id.0)?);
            for coding in ids(tx, "SELECT id FROM coding WHERE document_id = ?1 ORDER BY id", id.0)? {
                undo.extend(restore_coding(tx, coding)?);
            }
            tx.execute("DELETE FROM document WHERE id = ?1", [id.0])?;
            batch("Restore document", undo)
        }

        CreateCode { id, name, color, definition, concept } => {
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, None)?;
            check_color(color)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            tx.execute(
                "INSERT INTO code (id, name, color, definition, concept_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, name, color, definition, concept.map(|c| c.0)],
            )?;
            DeleteCode { id: *id }
        }
        UpdateCode { id, name, color, definition } => {
            let old = code_row(tx, id.0)?;
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, Some(id.0))?;
            check_color(color)?;
            tx.execute(
                "UPDATE code SET name = ?1, color = ?2, definition = ?3 WHERE id = ?4",
                params![name, color, definition, id.0],
            )?;
            UpdateCode { id: *id, name: old.name, color: old.color, definition: old.definition }
        }
        SetCodeConcept { id, concept } => {
            let old = code_row(tx, id.0)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            tx.execute("UPDATE code SET concept_id = ?1 WHERE id = ?2", params![concept.map(|c| c.0), id.0])?;
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
            undo.extend(facets_of(tx, FacetOwner::Code(*id))?);
            undo.extend(memos_on(tx, "code", id.0)?);
            for coding in ids(tx, "SELECT id FROM coding WHERE code_id = ?1 ORDER BY id", id.0)? {
                undo.extend(restore_coding(tx, coding)?);
            }
            tx.execute("DELETE FROM code WHERE id = ?1", [id.0])?;
            batch("Restore code", undo)
        }

        CreateConcept { id, name, category } => {
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, None)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            tx.execute(
                "INSERT INTO concept (id, name, category_id) VALUES (?1, ?2, ?3)",
                params![id.0, name, category.map(|c| c.0)],
            )?;
            DeleteConcept { id: *id }
        }
        RenameConcept { id, name } => {
            let old = name_of(tx, "concept", "concept", id.0)?;
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, Some(id.0))?;
            tx.execute("UPDATE concept SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            RenameConcept { id: *id, name: old }
        }
        SetConceptCategory { id, category } => {
            name_of(tx, "concept", "concept", id.0)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            let old: Option<i64> =
                tx.query_row("SELECT category_id FROM concept WHERE id = ?1", [id.0], |r| r.get(0))?;
            tx.execute("UPDATE concept SET category_id = ?1 WHERE id = ?2", params![category.map(|c| c.0), id.0])?;
            SetConceptCategory { id: *id, category: old.map(CategoryId) }
        }
        DeleteConcept { id } => {
            let name = name_of(tx, "concept", "concept", id.0)?;
            let category: Option<i64> =
                tx.query_row("SELECT category_id FROM concept WHERE id = ?1", [id.0], |r| r.get(0))?;
            let mut undo = vec![CreateConcept { id: *id, name, category: category.map(CategoryId) }];
            for code in ids(tx, "SELECT id FROM code WHERE concept_id = ?1 ORDER BY id", id.0)? {
                undo.push(SetCodeConcept { id: CodeId(code), concept: Some(*id) });
            }
            undo.extend(facets_of(tx, FacetOwner::Concept(*id))?);
            undo.extend(memos_on(tx, "concept", id.0)?);
            tx.execute("DELETE FROM concept WHERE id = ?1", [id.0])?;
            batch("Restore concept", undo)
        }

        CreateCategory { id, name, class } => {
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, None)?;
            tx.execute(
                "INSERT INTO category (id, name, class) VALUES (?1, ?2, ?3)",
                params![id.0, name, class.map(|c| c.key())],
            )?;
            DeleteCategory { id: *id }
        }
        RenameCategory { id, name } => {
            let old = name_of(tx, "category", "category", id.0)?;
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, Some(id.0))?;
            tx.execute("UPDATE category SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            RenameCategory { id: *id, name: old }
        }
        SetCategoryClass { id, class } => {
            name_of(tx, "category", "category", id.0)?;
            let old = class_of(tx, id.0)?;
            tx.execute("UPDATE category SET class = ?1 WHERE id = ?2", params![class.map(|c| c.key()), id.0])?;
            SetCategoryClass { id: *id, class: old }
        }
        SetCoreCategory { id } => {
            if let Some(id) = id {
                name_of(tx, "category", "category", id.0)?;
            }
            let old: Option<i64> = tx.query_row("SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            tx.execute("UPDATE project SET core_category = ?1 WHERE id = 1", [id.map(|c| c.0)])?;
            SetCoreCategory { id: old.map(CategoryId) }
        }
        DeleteCategory { id } => {
            let name = name_of(tx, "category", "category", id.0)?;
            let class = class_of(tx, id.0)?;
            let mut undo = vec![CreateCategory { id: *id, name, class }];
            let core: Option<i64> = tx.query_row("SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            if core == Some(id.0) {
                undo.push(SetCoreCategory { id: Some(*id) });
            }
            for concept in ids(tx, "SELECT id FROM concept WHERE category_id = ?1 ORDER BY id", id.0)? {
                undo.push(SetConceptCategory { id: ConceptId(concept), category: Some(*id) });
            }
            let mut stmt = tx.prepare(
                "SELECT id, from_id, to_id, kind FROM relation WHERE from_id = ?1 OR to_id = ?1 ORDER BY id",
            )?;
            let relations = stmt
                .query_map([id.0], |r| {
                    Ok(CreateRelation {
                        id: RelationId(r.get(0)?),
                        from: CategoryId(r.get(1)?),
                        to: CategoryId(r.get(2)?),
                        kind: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            undo.extend(relations);
            undo.extend(facets_of(tx, FacetOwner::Category(*id))?);
            undo.extend(memos_on(tx, "category", id.0)?);
            tx.execute("DELETE FROM category WHERE id = ?1", [id.0])?;
            batch("Restore category", undo)
        }

        CreateRelation { id, from, to, kind } => {
            name_of(tx, "category", "category", from.0)?;
            name_of(tx, "category", "category", to.0)?;
            let kind = required("relation kind", kind)?;
            if from == to {
                return invalid("a relation links two different categories; pick another target");
            }
            tx.execute(
                "INSERT INTO relation (id, from_id, to_id, kind) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, from.0, to.0, kind],
            )?;
            DeleteRelation { id: *id }
        }
        DeleteRelation { id } => {
            let (from, to, kind): (i64, i64, String) = tx
                .query_row("SELECT from_id, to_id, kind FROM relation WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| not_found("relation", id.0))?;
            tx.execute("DELETE FROM relation WHERE id = ?1", [id.0])?;
            CreateRelation { id: *id, from: CategoryId(from), to: CategoryId(to), kind }
        }

        CreateCoding { id, document, code, start, end, coder, created } => {
            check_range(tx, document.0, *start, *end)?;
            code_row(tx, code.0)?;
            tx.execute(
                "INSERT INTO coding (id, document_id, code_id, start, end, coder, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id.0, document.0, code.0, *start as i64, *end as i64, coder, created],
            )?;
            DeleteCoding { id: *id }
        }
        SetCodingRange { id, start, end } => {
            let old = coding_row(tx, id.0)?;
            check_range(tx, old.document.0, *start, *end)?;
            tx.execute(
                "UPDATE coding SET start = ?1, end = ?2 WHERE id = ?3",
                params![*start as i64, *end as i64, id.0],
            )?;
            SetCodingRange { id: *id, start: old.start, end: old.end }
        }
        SetCodingCode { id, code } => {
            let old = coding_row(tx, id.0)?;
            code_row(tx, code.0)?;
            tx.execute("UPDATE coding SET code_id = ?1 WHERE id = ?2", params![code.0, id.0])?;
            SetCodingCode { id: *id, code: old.code }
        }
        DeleteCoding { id } => {
            let undo = restore_coding(tx, id.0)?;
            tx.execute("DELETE FROM coding WHERE id = ?1", [id.0])?;
            batch("Restore coding", undo)
        }

        CreateMemo { id, target, title, text, author, created, modified } => {
            check_memo_target(tx, target)?;
            let (kind, target_id) = memo_target_columns(target);
            tx.execute(
                "INSERT INTO memo (id, target_kind, target_id, title, text, author, created, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id.0, kind, target_id, title, text, author, created, modified],
            )?;
            DeleteMemo { id: *id }
        }
        UpdateMemo { id, title, text, modified } => {
            let old = memo_row(tx, id.0)?;
            let Action::CreateMemo { title: old_title, text: old_text, modified: old_modified, .. } = old else {
                unreachable!("memo_row returns CreateMemo")
            };
            tx.execute(
                "UPDATE memo SET title = ?1, text = ?2, modified = ?3 WHERE id = ?4",
                params![title, text, modified, id.0],
            )?;
            UpdateMemo { id: *id, title: old_title, text: old_text, modified: old_modified }
        }
        DeleteMemo { id } => {
            let undo = memo_row(tx, id.0)?;
            tx.execute("DELETE FROM memo WHERE id = ?1", [id.0])?;
            undo
        }

        CreateDimension { dimension, position } => {
            required("dimension key", &dimension.key)?;
            let taken: bool =
                tx.query_row("SELECT count(*) FROM dimension WHERE key = ?1", [&dimension.key], |r| r.get(0))?;
            if taken {
                return invalid(format!("a cube dimension \u{201c}{}\u{201d} already exists", dimension.key));
            }
            insert_dimension(tx, dimension, *position)?;
            DeleteDimension { key: dimension.key.clone() }
        }
        DeleteDimension { key } => {
            let framework = super::read::load_framework(tx)?;
            let Some(dimension) = framework.dimension(key).cloned() else {
                return invalid(format!("there is no cube dimension \u{201c}{key}\u{201d}"));
            };
            let position: i64 = tx.query_row("SELECT position FROM dimension WHERE key = ?1", [key], |r| r.get(0))?;
            let mut undo = vec![CreateDimension { dimension, position: Some(position) }];
            let mut stmt = tx.prepare(
                "SELECT owner_kind, owner_id, value FROM facet WHERE dimension = ?1 ORDER BY owner_kind, owner_id",
            )?;
            let facets = stmt
                .query_map([key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (kind, id, value) in facets {
                undo.push(SetFacet { owner: facet_owner(&kind, id), dimension: key.clone(), value: Some(value) });
            }
            let mut stmt = tx.prepare(
                "SELECT row_dimension, row_value, column_dimension, column_value, level FROM expectation
                 WHERE row_dimension = ?1 OR column_dimension = ?1 ORDER BY 1, 2, 3, 4",
            )?;
            let expectations = stmt
                .query_map([key], |r| {
                    super::read::expectation_from_row(r).map(|e| SetExpectation {
                        row: e.row,
                        column: e.column,
                        level: Some(e.level),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            undo.extend(expectations);
            tx.execute("DELETE FROM facet WHERE dimension = ?1", [key])?;
            tx.execute("DELETE FROM dimension WHERE key = ?1", [key])?;
            batch("Restore cube dimension", undo)
        }
        SetFacet { owner, dimension, value } => {
            let (kind, owner_id) = facet_owner_columns(*owner);
            match owner {
                FacetOwner::Code(id) => drop(code_row(tx, id.0)?),
                FacetOwner::Concept(id) => drop(name_of(tx, "concept", "concept", id.0)?),
                FacetOwner::Category(id) => drop(name_of(tx, "category", "category", id.0)?),
            }
            if let Some(value) = value {
                let known: bool = tx.query_row(
                    "SELECT count(*) FROM dimension_value WHERE dimension = ?1 AND key = ?2",
                    params![dimension, value],
                    |r| r.get(0),
                )?;
                if !known {
                    return invalid(format!(
                        "\u{201c}{value}\u{201d} is not a value of the cube dimension \u{201c}{dimension}\u{201d}"
                    ));
                }
            }
            let old: Option<String> = tx
                .query_row(
                    "SELECT value FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                    params![kind, owner_id, dimension],
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "DELETE FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                params![kind, owner_id, dimension],
            )?;
            if let Some(value) = value {
                tx.execute(
                    "INSERT INTO facet (owner_kind, owner_id, dimension, value) VALUES (?1, ?2, ?3, ?4)",
                    params![kind, owner_id, dimension, value],
                )?;
            }
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
            let old: Option<String> = tx
                .query_row(
                    "SELECT level FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                     AND column_dimension = ?3 AND column_value = ?4",
                    keys,
                    |r| r.get(0),
                )
                .optional()?;
            tx.execute(
                "DELETE FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                 AND column_dimension = ?3 AND column_value = ?4",
                keys,
            )?;
            if let Some(level) = level {
                tx.execute(
                    "INSERT INTO expectation (row_dimension, row_value, column_dimension, column_value, level)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![row.dimension, row.value, column.dimension, column.value, level],
                )?;
            }
            SetExpectation { row: row.clone(), column: column.clone(), level: old }
        }

        Batch { label, actions } => {
            let mut undo = Vec::with_capacity(actions.len());
            for action in actions {
                undo.push(apply(tx, action)?);
            }
            undo.reverse();
            Batch { label: format!("Undo {label}"), actions: undo }
        }
    })
}

pub(super) fn insert_dimension(tx: &Transaction, dimension: &Dimension, position: Option<i64>) -> Result<()> {
    if dimension.values.is_empty() {
        return invalid(format!("the cube dimension \u{201c}{}\u{201d} needs at least one value", dimension.key));
    }
    let position: i64 = match position {
        Some(p) => p,
        None => tx.query_row("SELECT coalesce(max(position) + 1, 0) FROM dimension", [], |r| r.get(0))?,
    };
    tx.execute(
        "INSERT INTO dimension (key, label, position) VALUES (?1, ?2, ?3)",
        params![dimension.key, dimension.label, position],
    )?;
    for (i, value) in dimension.values.iter().enumerate() {
        required("dimension value", &value.key)?;
        let inserted = tx.execute(
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
    Ok(())
}

fn set_attribute(
    tx: &Transaction,
    table: &str,
    owner: &str,
    id: i64,
    key: &str,
    value: Option<&str>,
) -> Result<Option<String>> {
    let key = required("attribute name", key)?;
    let old: Option<String> = tx
        .query_row(&format!("SELECT value FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key], |r| {
            r.get(0)
        })
        .optional()?;
    tx.execute(&format!("DELETE FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key])?;
    if let Some(value) = value {
        tx.execute(&format!("INSERT INTO {table} ({owner}, key, value) VALUES (?1, ?2, ?3)"), params![id, key, value])?;
    }
    Ok(old)
}
