//! The least SQLite itself does for a job: the floors the benchmarks measure Axial against
//! (`docs/performance.md`). Nothing of Axial's own work goes through here; the SQL lives in
//! the store all the same, so a benchmark never keeps its own copy of the schema.
//!
//! Each floor uses a raw connection with no model, no history and no audit, and reads or
//! writes only what its job needs.

use super::Result;
use crate::model::Dimension;
use rusqlite::{Connection, OpenFlags, params};
use std::collections::BTreeMap;
use std::path::Path;

/// A raw connection to a project file.
pub struct Floor {
    conn: Connection,
}

/// What [`Floor::select_all`] read: rows of the four big tables.
#[derive(Debug, Default)]
pub struct AllRows {
    pub documents: usize,
    pub codes: usize,
    pub codings: usize,
    pub memos: usize,
    /// Characters of transcript text read (so the reads cannot be optimised away).
    pub text_bytes: usize,
}

impl Floor {
    /// For reading only.
    pub fn read_only(path: &Path) -> Result<Floor> {
        Ok(Floor { conn: Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)? })
    }

    /// For writing with the store's durability: write-ahead log, `synchronous = FULL` (every
    /// commit waits for the disk).
    pub fn durable(path: &Path) -> Result<Floor> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
        Ok(Floor { conn })
    }

    /// Reads every coding once, every column of it: the floor of a report that counts codings.
    /// Returns how many there were.
    pub fn scan_codings(&self) -> Result<usize> {
        let mut stmt = self.conn.prepare("SELECT id, document_id, code_id, start, end, coder, created FROM coding")?;
        let mut rows = stmt.query([])?;
        let (mut n, mut sum) = (0usize, 0i64);
        while let Some(r) = rows.next()? {
            sum = sum
                .wrapping_add(r.get::<_, i64>(0)?)
                .wrapping_add(r.get::<_, i64>(1)?)
                .wrapping_add(r.get::<_, i64>(2)?)
                .wrapping_add(r.get::<_, i64>(3)?)
                .wrapping_add(r.get::<_, i64>(4)?);
            let text_len = |i: usize| -> rusqlite::Result<i64> {
                Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?.len() as i64)
            };
            sum = sum.wrapping_add(text_len(5)? + text_len(6)?);
            n += 1;
        }
        std::hint::black_box(sum);
        Ok(n)
    }

    /// Every row of the document, code, coding and memo tables into memory, nothing indexed:
    /// the floor of opening a project to a ready model.
    pub fn select_all(&self) -> Result<AllRows> {
        let mut all = AllRows::default();
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.title, t.text, d.char_len, d.case_id, d.imported FROM document d
             JOIN document_text t ON t.document_id = d.id",
        )?;
        let documents: Vec<(i64, String, String, i64, Option<i64>, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        all.documents = documents.len();
        all.text_bytes = documents.iter().map(|d| d.2.len()).sum();
        let mut stmt = self.conn.prepare("SELECT id, name, color, definition, concept_id FROM code")?;
        let codes: Vec<(i64, String, String, String, Option<i64>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        all.codes = codes.len();
        let mut stmt = self.conn.prepare("SELECT id, document_id, code_id, start, end, coder, created FROM coding")?;
        let codings: Vec<(i64, i64, i64, i64, i64, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
            .collect::<rusqlite::Result<_>>()?;
        all.codings = codings.len();
        let mut stmt =
            self.conn.prepare("SELECT id, target_kind, target_id, title, text, author, created, modified FROM memo")?;
        type MemoRow = (i64, String, Option<i64>, String, String, String, String, String);
        let memos: Vec<MemoRow> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        all.memos = memos.len();
        Ok(all)
    }

    /// One durable insert: a new case row in its own transaction (the write `axial edit P case
    /// new NAME` makes, without its history and audit rows).
    pub fn insert_case(&self, name: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached("INSERT INTO case_ (name) VALUES (?1)")?.execute(params![name])?;
        tx.commit()?;
        Ok(())
    }

    /// One durable update of a memo's text in its own transaction (a keystroke's floor).
    pub fn update_memo_text(&self, id: i64, text: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached("UPDATE memo SET text = ?1 WHERE id = ?2")?.execute(params![text, id])?;
        tx.commit()?;
        Ok(())
    }

    /// The knowledge cube as one SQL aggregate: each coding's code resolves every dimension
    /// nearest-first (the code's facet, else its concept's, else its category's), grouped by
    /// the values. Returns the cells every value of which is set, and the count of codings
    /// with some value missing.
    pub fn cube_group_by(&self, dimensions: &[Dimension]) -> Result<(BTreeMap<Vec<String>, usize>, usize)> {
        let mut stmt = self.conn.prepare_cached(&cube_sql(dimensions))?;
        let mut cells = BTreeMap::new();
        let mut unassigned = 0;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: Option<Vec<String>> =
                (0..dimensions.len()).map(|i| r.get::<_, Option<String>>(i)).collect::<rusqlite::Result<_>>()?;
            let n = r.get::<_, i64>(dimensions.len())? as usize;
            match key {
                Some(k) => *cells.entry(k).or_insert(0) += n,
                None => unassigned += n,
            }
        }
        Ok((cells, unassigned))
    }
}

/// The cube's aggregate (three LEFT JOINs per dimension, `coalesce(code's, concept's,
/// category's)`), grouped by every dimension.
fn cube_sql(dimensions: &[Dimension]) -> String {
    let mut columns = Vec::new();
    let mut joins = Vec::new();
    for (i, d) in dimensions.iter().enumerate() {
        let key = d.key.replace('\'', "''");
        columns.push(format!("coalesce(f{i}a.value, f{i}b.value, f{i}c.value)"));
        joins.push(format!(
            "LEFT JOIN facet f{i}a ON f{i}a.owner_kind = 'code' AND f{i}a.owner_id = code.id AND f{i}a.dimension = '{key}'
             LEFT JOIN facet f{i}b ON f{i}b.owner_kind = 'concept' AND f{i}b.owner_id = code.concept_id AND f{i}b.dimension = '{key}'
             LEFT JOIN facet f{i}c ON f{i}c.owner_kind = 'category' AND f{i}c.owner_id = concept.category_id AND f{i}c.dimension = '{key}'"
        ));
    }
    let groups: Vec<String> = (1..=dimensions.len()).map(|i| i.to_string()).collect();
    format!(
        "SELECT {}, count(*) FROM coding JOIN code ON code.id = coding.code_id
         LEFT JOIN concept ON concept.id = code.concept_id {} GROUP BY {}",
        columns.join(", "),
        joins.join(" "),
        groups.join(", ")
    )
}
