//! Row lookups and checks used while applying actions, and the snapshots of rows that become
//! the inverses of deletions (a deleted code comes back with its codings, memos and facets).
//! Whatever a snapshot takes for the inverse is also recorded as deleted in the change set,
//! so "what undo restores" and "what the live model removes" are one list.

use super::read::{CODING_COLUMNS, MEMO_COLUMNS, coding_from_row, facet_owner_columns, memo_from_row};
use super::{Result, StoreError};
use crate::model::*;
use rusqlite::{Connection, OptionalExtension, Params, Row, params};
use std::sync::Arc;

/// Runs a statement through the connection's statement cache (actions repeat the same few).
pub(super) fn exec(tx: &Connection, sql: &str, p: impl Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(p)
}

/// One row through the statement cache.
pub(super) fn query_row<T>(
    tx: &Connection,
    sql: &str,
    p: impl Params,
    f: impl FnOnce(&Row) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    tx.prepare_cached(sql)?.query_row(p, f)
}

pub(super) fn dimension_value_exists(tx: &Connection, dimension: &str, value: &str) -> Result<bool> {
    Ok(query_row(
        tx,
        "SELECT count(*) FROM dimension_value WHERE dimension = ?1 AND key = ?2",
        params![dimension, value],
        |r| r.get(0),
    )?)
}

pub(super) fn batch(label: &str, actions: Vec<Action>) -> Action {
    Action::Batch { label: label.into(), actions }
}

pub(super) fn required<'a>(what: &'static str, value: &'a str) -> Result<&'a str> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(StoreError::EmptyName { what });
    }
    Ok(trimmed)
}

pub(super) fn not_found(what: &'static str, id: i64) -> StoreError {
    StoreError::NotFound { what, id }
}

pub(super) fn check_color(color: &str) -> Result<()> {
    if is_hex_color(color) { Ok(()) } else { Err(StoreError::BadColor(color.to_owned())) }
}

pub(super) fn unique_name(
    tx: &Connection,
    table: &str,
    what: &'static str,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let column = if table == "document" { "title" } else { "name" };
    let taken: bool = query_row(
        tx,
        &format!("SELECT count(*) FROM {table} WHERE {column} = ?1 AND id IS NOT ?2"),
        params![name, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::NameTaken { what, name: name.to_owned() });
    }
    Ok(())
}

pub(super) fn name_of(tx: &Connection, table: &str, what: &'static str, id: i64) -> Result<String> {
    query_row(tx, &format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(what, id))
}

pub(super) fn title_of(tx: &Connection, id: i64) -> Result<String> {
    query_row(tx, "SELECT title FROM document WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("document", id))
}

pub(super) fn ids(tx: &Connection, sql: &str, param: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let out = stmt.query_map([param], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}

pub(super) fn attributes(tx: &Connection, table: &str, owner: &str, id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT key, value FROM {table} WHERE {owner} = ?1 ORDER BY key"))?;
    let out = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub(super) fn case_row(tx: &Connection, id: i64) -> Result<Case> {
    let name = name_of(tx, "case_", "case", id)?;
    let attributes = attributes(tx, "case_attribute", "case_id", id)?.into_iter().collect();
    Ok(Case { id: CaseId(id), name, attributes })
}

pub(super) fn document_meta(tx: &Connection, id: i64) -> Result<DocumentMeta> {
    let (title, case): (String, Option<i64>) =
        query_row(tx, "SELECT title, case_id FROM document WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| not_found("document", id))?;
    let attributes = attributes(tx, "document_attribute", "document_id", id)?.into_iter().collect();
    Ok(DocumentMeta { id: DocumentId(id), title, case: case.map(CaseId), attributes })
}

pub(super) fn document_row(tx: &Connection, id: i64) -> Result<Document> {
    let (text, char_len, imported): (String, i64, String) = query_row(
        tx,
        "SELECT t.text, d.char_len, d.imported FROM document d JOIN document_text t ON t.document_id = d.id
             WHERE d.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| not_found("document", id))?;
    let meta = document_meta(tx, id)?;
    Ok(Document {
        id: meta.id,
        title: meta.title,
        text: Arc::from(text),
        char_len: char_len as usize,
        case: meta.case,
        attributes: meta.attributes,
        imported,
    })
}

pub(super) fn code_row(tx: &Connection, id: i64) -> Result<Code> {
    query_row(tx, "SELECT name, color, definition, concept_id FROM code WHERE id = ?1", [id], |r| {
        Ok(Code {
            id: CodeId(id),
            name: r.get(0)?,
            color: r.get(1)?,
            definition: r.get(2)?,
            concept: r.get::<_, Option<i64>>(3)?.map(ConceptId),
        })
    })
    .optional()?
    .ok_or_else(|| not_found("code", id))
}

pub(super) fn concept_row(tx: &Connection, id: i64) -> Result<Concept> {
    query_row(tx, "SELECT name, category_id FROM concept WHERE id = ?1", [id], |r| {
        Ok(Concept { id: ConceptId(id), name: r.get(0)?, category: r.get::<_, Option<i64>>(1)?.map(CategoryId) })
    })
    .optional()?
    .ok_or_else(|| not_found("concept", id))
}

pub(super) fn category_row(tx: &Connection, id: i64) -> Result<Category> {
    query_row(tx, "SELECT name, class FROM category WHERE id = ?1", [id], |r| {
        let class: Option<String> = r.get(1)?;
        Ok(Category { id: CategoryId(id), name: r.get(0)?, class: class.as_deref().and_then(ParadigmClass::from_key) })
    })
    .optional()?
    .ok_or_else(|| not_found("category", id))
}

pub(super) fn coding_row(tx: &Connection, id: i64) -> Result<Coding> {
    query_row(tx, &format!("SELECT {CODING_COLUMNS} FROM coding WHERE id = ?1"), [id], coding_from_row)
        .optional()?
        .ok_or_else(|| not_found("coding", id))
}

/// The actions that recreate a coding and the memos on it; records them as deleted.
pub(super) fn restore_coding(tx: &Connection, id: i64, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    let c = coding_row(tx, id)?;
    let mut out = super::depth::coding_marks(tx, c.id, changes)?;
    out.extend(memos_on(tx, "coding", id, changes)?);
    out.insert(
        0,
        Action::CreateCoding {
            id: c.id,
            document: c.document,
            code: c.code,
            start: c.start,
            end: c.end,
            coder: c.coder,
            created: c.created,
        },
    );
    changes.push(Change::CodingDeleted(c.id));
    Ok(out)
}

pub(super) fn check_range(tx: &Connection, document: i64, start: usize, end: usize) -> Result<()> {
    let len: i64 = query_row(tx, "SELECT char_len FROM document WHERE id = ?1", [document], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("document", document))?;
    if start >= end || end as i64 > len {
        return Err(StoreError::OutsideText { start, end, len: len as usize });
    }
    Ok(())
}

pub(super) fn memo(tx: &Connection, id: i64) -> Result<Memo> {
    query_row(tx, &format!("SELECT {MEMO_COLUMNS} FROM memo WHERE id = ?1"), [id], memo_from_row)
        .optional()?
        .ok_or_else(|| not_found("memo", id))
}

/// The action that recreates a memo as it is now.
pub(super) fn create_memo(m: Memo) -> Action {
    Action::CreateMemo {
        id: m.id,
        target: m.target,
        title: m.title,
        text: m.text,
        author: m.author,
        created: m.created,
        modified: m.modified,
    }
}

/// The actions that recreate the memos on a target; records them as deleted.
pub(super) fn memos_on(tx: &Connection, kind: &str, target: i64, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    let mut stmt = tx.prepare_cached("SELECT id FROM memo WHERE target_kind = ?1 AND target_id = ?2 ORDER BY id")?;
    let ids = stmt.query_map(params![kind, target], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter()
        .map(|id| {
            changes.push(Change::MemoDeleted(MemoId(id)));
            memo(tx, id).map(create_memo)
        })
        .collect()
}

pub(super) fn check_memo_target(tx: &Connection, target: &MemoTarget) -> Result<()> {
    match *target {
        MemoTarget::Project => Ok(()),
        MemoTarget::Document(id) => title_of(tx, id.0).map(drop),
        MemoTarget::Code(id) => code_row(tx, id.0).map(drop),
        MemoTarget::Concept(id) => name_of(tx, "concept", "concept", id.0).map(drop),
        MemoTarget::Category(id) => name_of(tx, "category", "category", id.0).map(drop),
        MemoTarget::Coding(id) => coding_row(tx, id.0).map(drop),
        MemoTarget::Relation(id) => super::depth::relation_row(tx, id.0).map(drop),
    }
}

pub(super) fn facet_owner(kind: &str, id: i64) -> FacetOwner {
    match kind {
        "code" => FacetOwner::Code(CodeId(id)),
        "concept" => FacetOwner::Concept(ConceptId(id)),
        _ => FacetOwner::Category(CategoryId(id)),
    }
}

/// The actions that set an owner's facets again; records them as cleared.
pub(super) fn facets_of(tx: &Connection, owner: FacetOwner, changes: &mut ChangeSet) -> Result<Vec<Action>> {
    let (kind, id) = facet_owner_columns(owner);
    let mut stmt = tx.prepare_cached(
        "SELECT dimension, value FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY dimension",
    )?;
    let out = stmt
        .query_map(params![kind, id], |r| Ok(Action::SetFacet { owner, dimension: r.get(0)?, value: Some(r.get(1)?) }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for action in &out {
        if let Action::SetFacet { dimension, .. } = action {
            changes.push(Change::Facet { owner, dimension: dimension.clone(), value: None });
        }
    }
    Ok(out)
}
