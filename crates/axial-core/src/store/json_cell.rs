//! Writing a JSON value of any size into one cell without holding it in memory. A large
//! import's history and audit rows are tens of megabytes of JSON each (200,000 codings);
//! bound as text, SQLite copies the bound string and copies it again into the row's record,
//! so each row cost three times its size at once (issue 25: the large import peaked at 591 MB).
//!
//! A value up to [`INLINE_MAX`] bytes is bound as text, as before. A longer one is made room
//! for with `zeroblob(n)` (SQLite writes the zeros straight into the row's pages) and then
//! serialized into that room through incremental blob I/O, a buffer at a time; its length is
//! counted by serializing it once into nothing. Such a cell holds a BLOB of UTF-8 JSON:
//! [`read`] takes either, and `CAST(col AS TEXT)` shows it in the sqlite3 shell.

use super::{Result, StoreError};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, MAIN_DB, Row};
use serde::Serialize;
use std::io::Write;

/// Values longer than this are written through blob I/O (a typed memo or a rename never is).
pub const INLINE_MAX: usize = 1 << 20;

/// What a JSON cell is bound to in its INSERT or UPDATE: the text, or room for it.
pub(super) enum JsonCell {
    Text(String),
    Room(usize),
}

impl JsonCell {
    /// The cell for `value`: its text when short, else room for its `n` bytes, to be filled
    /// by [`JsonCell::fill`] once the row exists.
    pub fn of(value: &impl Serialize) -> Result<JsonCell> {
        let mut counter = Counter(0);
        serde_json::to_writer(&mut counter, value)?;
        Ok(if counter.0 <= INLINE_MAX {
            JsonCell::Text(serde_json::to_string(value)?)
        } else {
            JsonCell::Room(counter.0)
        })
    }

    /// Writes `value` (the one the cell was made for) into the room made for it in
    /// `table.column` of row `rowid`; nothing to do for a text cell.
    pub fn fill(&self, conn: &Connection, table: &str, column: &str, rowid: i64, value: &impl Serialize) -> Result<()> {
        let JsonCell::Room(len) = *self else { return Ok(()) };
        let blob = conn.blob_open(MAIN_DB, table, column, rowid, false)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, Counted { inner: blob, written: 0 });
        serde_json::to_writer(&mut out, value)?;
        let written = out.into_inner().map_err(|e| StoreError::Invalid(e.to_string()))?.written;
        if written != len {
            // Cannot happen (serializing is deterministic); refused rather than left half zeros.
            return Err(StoreError::Invalid(format!("a JSON cell of {len} bytes was written with {written}")));
        }
        Ok(())
    }
}

impl JsonCell {
    /// The text to keep in a cell that cannot take room in place (not the last column of its
    /// row): the JSON, or '' when it is kept elsewhere.
    pub fn inline(&self) -> &str {
        match self {
            JsonCell::Text(text) => text,
            JsonCell::Room(_) => "",
        }
    }

    pub fn is_inline(&self) -> bool {
        matches!(self, JsonCell::Text(_))
    }
}

/// Room is made with `zeroblob(n)`, which SQLite writes in place only as the last column of
/// its row (elsewhere it expands it in memory first).
impl ToSql for JsonCell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            JsonCell::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            JsonCell::Room(len) => ToSqlOutput::ZeroBlob(
                i32::try_from(*len).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
            ),
        })
    }
}

/// A JSON cell's text, whichever way it was written.
pub(super) fn read(row: &Row, index: usize) -> rusqlite::Result<String> {
    match row.get_ref(index)? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Blob, Box::new(e))),
        other => Err(rusqlite::Error::InvalidColumnType(index, "json".into(), other.data_type())),
    }
}

/// Counts the bytes written into it, and keeps none.
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A writer that counts what went through it.
struct Counted<W> {
    inner: W,
    written: usize,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_goes_through_blob_io_and_reads_back_as_the_same_text() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, j TEXT NOT NULL)").unwrap();
        let long: Vec<String> = (0..INLINE_MAX / 8).map(|i| format!("n{i}\u{e9}\"")).collect();
        for (value, inline) in [(vec!["short".to_owned()], true), (long, false)] {
            let cell = JsonCell::of(&value).unwrap();
            assert_eq!(matches!(cell, JsonCell::Text(_)), inline);
            conn.execute("INSERT INTO t (j) VALUES (?1)", [&cell]).unwrap();
            let id = conn.last_insert_rowid();
            cell.fill(&conn, "t", "j", id, &value).unwrap();
            let back = conn.query_row("SELECT j FROM t WHERE id = ?1", [id], |r| read(r, 0)).unwrap();
            assert_eq!(back, serde_json::to_string(&value).unwrap());
            let kind: String = conn.query_row("SELECT typeof(j) FROM t WHERE id = ?1", [id], |r| r.get(0)).unwrap();
            assert_eq!(kind, if inline { "text" } else { "blob" });
        }
    }
}
