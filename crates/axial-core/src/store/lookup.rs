//! Row lookups and checks used while applying actions, and the snapshots of rows that become
//! the inverses of deletions (a deleted code comes back with its codings, memos and facets).

use super::read::facet_owner_columns;
use super::{Result, invalid};
use crate::model::*;
use rusqlite::{OptionalExtension, Transaction, params};

pub(super) fn dimension_value_exists(tx: &Transaction, dimension: &str, value: &str) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT count(*) FROM dimension_value WHERE dimension = ?1 AND key = ?2",
        params![dimension, value],
        |r| r.get(0),
    )?)
}

pub(super) fn batch(label: &str, actions: Vec<Action>) -> Action {
    Action::Batch { label: label.into(), actions }
}

pub(super) fn required<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return invalid(format!("the {what} is empty; type a name"));
    }
    Ok(trimmed)
}

pub(super) fn not_found(what: &str, id: i64) -> super::StoreError {
    super::StoreError::Invalid(format!("there is no {what} #{id} in this project (it may have been deleted)"))
}

pub(super) fn check_color(color: &str) -> Result<()> {
    if is_hex_color(color) { Ok(()) } else { invalid(format!("\u{201c}{color}\u{201d} is not a colour; use #rrggbb")) }
}

pub(super) fn unique_name(tx: &Transaction, table: &str, what: &str, name: &str, except: Option<i64>) -> Result<()> {
    let column = if table == "document" { "title" } else { "name" };
    let taken: bool = tx.query_row(
        &format!("SELECT count(*) FROM {table} WHERE {column} = ?1 AND id IS NOT ?2"),
        params![name, except],
        |r| r.get(0),
    )?;
    if taken {
        return invalid(format!("a {what} named \u{201c}{name}\u{201d} already exists; choose another name"));
    }
    Ok(())
}

pub(super) fn name_of(tx: &Transaction, table: &str, what: &str, id: i64) -> Result<String> {
    tx.query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(what, id))
}

pub(super) fn title_of(tx: &Transaction, id: i64) -> Result<String> {
    tx.query_row("SELECT title FROM document WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("document", id))
}

pub(super) fn class_of(tx: &Transaction, id: i64) -> Result<Option<ParadigmClass>> {
    let key: Option<String> = tx.query_row("SELECT class FROM category WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(key.as_deref().and_then(ParadigmClass::from_key))
}

pub(super) fn ids(tx: &Transaction, sql: &str, param: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare(sql)?;
    let out = stmt.query_map([param], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}

pub(super) fn attributes(tx: &Transaction, table: &str, owner: &str, id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(&format!("SELECT key, value FROM {table} WHERE {owner} = ?1 ORDER BY key"))?;
    let out = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub(super) fn code_row(tx: &Transaction, id: i64) -> Result<Code> {
    tx.query_row("SELECT name, color, definition, concept_id FROM code WHERE id = ?1", [id], |r| {
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

pub(super) fn coding_row(tx: &Transaction, id: i64) -> Result<Coding> {
    tx.query_row("SELECT document_id, code_id, start, end, coder, created FROM coding WHERE id = ?1", [id], |r| {
        Ok(Coding {
            id: CodingId(id),
            document: DocumentId(r.get(0)?),
            code: CodeId(r.get(1)?),
            start: r.get::<_, i64>(2)? as usize,
            end: r.get::<_, i64>(3)? as usize,
            coder: r.get(4)?,
            created: r.get(5)?,
        })
    })
    .optional()?
    .ok_or_else(|| not_found("coding", id))
}

/// The actions that recreate a coding and the memos on it.
pub(super) fn restore_coding(tx: &Transaction, id: i64) -> Result<Vec<Action>> {
    let c = coding_row(tx, id)?;
    let mut out = vec![Action::CreateCoding {
        id: c.id,
        document: c.document,
        code: c.code,
        start: c.start,
        end: c.end,
        coder: c.coder,
        created: c.created,
    }];
    out.extend(memos_on(tx, "coding", id)?);
    Ok(out)
}

pub(super) fn check_range(tx: &Transaction, document: i64, start: usize, end: usize) -> Result<()> {
    let len: i64 = tx
        .query_row("SELECT char_len FROM document WHERE id = ?1", [document], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("document", document))?;
    if start >= end || end as i64 > len {
        return invalid(format!(
            "the passage {start}..{end} is not inside the document (0..{len}); select some text first"
        ));
    }
    Ok(())
}

pub(super) fn memo_row(tx: &Transaction, id: i64) -> Result<Action> {
    tx.query_row(
        "SELECT target_kind, target_id, title, text, author, created, modified FROM memo WHERE id = ?1",
        [id],
        |r| {
            let kind: String = r.get(0)?;
            let target_id: Option<i64> = r.get(1)?;
            Ok(Action::CreateMemo {
                id: MemoId(id),
                target: super::read::memo_target(&kind, target_id.unwrap_or_default()),
                title: r.get(2)?,
                text: r.get(3)?,
                author: r.get(4)?,
                created: r.get(5)?,
                modified: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found("memo", id))
}

pub(super) fn memos_on(tx: &Transaction, kind: &str, target: i64) -> Result<Vec<Action>> {
    let mut stmt = tx.prepare("SELECT id FROM memo WHERE target_kind = ?1 AND target_id = ?2 ORDER BY id")?;
    let ids = stmt.query_map(params![kind, target], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|id| memo_row(tx, id)).collect()
}

pub(super) fn check_memo_target(tx: &Transaction, target: &MemoTarget) -> Result<()> {
    match *target {
        MemoTarget::Project => Ok(()),
        MemoTarget::Document(id) => title_of(tx, id.0).map(drop),
        MemoTarget::Code(id) => code_row(tx, id.0).map(drop),
        MemoTarget::Concept(id) => name_of(tx, "concept", "concept", id.0).map(drop),
        MemoTarget::Category(id) => name_of(tx, "category", "category", id.0).map(drop),
        MemoTarget::Coding(id) => coding_row(tx, id.0).map(drop),
    }
}

pub(super) fn facet_owner(kind: &str, id: i64) -> FacetOwner {
    match kind {
        "code" => FacetOwner::Code(CodeId(id)),
        "concept" => FacetOwner::Concept(ConceptId(id)),
        _ => FacetOwner::Category(CategoryId(id)),
    }
}

pub(super) fn facets_of(tx: &Transaction, owner: FacetOwner) -> Result<Vec<Action>> {
    let (kind, id) = facet_owner_columns(owner);
    let mut stmt =
        tx.prepare("SELECT dimension, value FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY dimension")?;
    let out = stmt
        .query_map(params![kind, id], |r| Ok(Action::SetFacet { owner, dimension: r.get(0)?, value: Some(r.get(1)?) }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}
