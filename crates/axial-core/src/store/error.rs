//! What can go wrong with a project file, as typed errors whose `Display` is the one sentence a
//! person reads (what was wrong, what to do, the path last). SQLite's own errors are sorted
//! here: "busy" and "read-only" become their own variants, and nothing prints raw SQL.

use super::schema::CURRENT_VERSION;
use rusqlite::ErrorCode;
use std::path::PathBuf;

/// How long a connection waits for another writer (another window, the command line) to finish
/// before giving up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no project file here; check the path or create one with `axial new`: {}", .0.display())]
    Missing(PathBuf),
    #[error("a file already exists here; choose another name or open it instead: {}", .0.display())]
    Exists(PathBuf),
    #[error("this is not an Axial project (not an SQLite database made by Axial); open a .axial file or a sample folder: {}", .0.display())]
    NotAProject(PathBuf),
    #[error("the project file is damaged and cannot be read ({detail}); restore it from a backup: {}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "this project was made by a newer Axial (schema {found}; this build reads up to {CURRENT_VERSION}); update Axial to open it: {}", path.display()
    )]
    TooNew { path: PathBuf, found: i64 },
    /// A schema version no Axial ever wrote (negative, or 0: a creation that never finished).
    #[error("this project file has a schema version no Axial writes ({found}), so it is not opened; open another copy of the project, or create a new one: {}", path.display())]
    UnknownVersion { path: PathBuf, found: i64 },
    /// The store was opened for reading only (on purpose).
    #[error("the project is open read-only; reopen it for editing to change it")]
    ReadOnly,
    /// The store was opened for review: only comments may be written.
    #[error("the project is open for review, so only comments can be added; open it for editing to change it")]
    Review,
    /// The file (or its folder) cannot be written: opening it for editing, or a write, was
    /// refused by the system. The file itself is fine.
    #[error("the project file cannot be changed because it or its folder is read-only; make both writable (or copy the project into a folder you can write to) and open it again{}", path_suffix(.path))]
    NotWritable { path: Option<PathBuf> },
    /// Another program kept the project locked for longer than [`BUSY_TIMEOUT`]. Nothing was
    /// written; the same change can be tried again.
    #[error("another program is writing to the project, so this change was not saved yet; try again in a moment")]
    Busy,
    /// Another program added rows with the ids this change had picked (outside
    /// [`Store::apply_built`](super::Store::apply_built)). Nothing was written; build the change
    /// again (new ids) and retry.
    #[error("another program changed the project at the same moment, so this change was not saved yet; try again")]
    Conflict,
    #[error("the {what} is empty; type a name")]
    EmptyName { what: &'static str },
    #[error("a {what} named \u{201c}{name}\u{201d} already exists; choose another name")]
    NameTaken { what: &'static str, name: String },
    #[error("there is no {what} #{id} in this project (it may have been deleted)")]
    NotFound { what: &'static str, id: i64 },
    #[error("the passage {start}..{end} is not inside the document (0..{len}); select some text first")]
    OutsideText { start: usize, end: usize, len: usize },
    #[error("\u{201c}{0}\u{201d} is not a colour; use #rrggbb")]
    BadColor(String),
    /// Any other refusal, as the sentence the user reads.
    #[error("{0}")]
    Invalid(String),
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// Any other SQLite error, shown as one short line (never the SQL it came from).
    #[error("{}", describe_sql(.0))]
    Sql(rusqlite::Error),
    #[error("cannot read the history ({0}); the project file may be damaged")]
    History(#[from] serde_json::Error),
    #[error("{action} ({error})")]
    Io { action: String, error: std::io::Error },
}

impl StoreError {
    /// Whether the same operation may succeed if tried again later (another writer held the
    /// project): the caller keeps what the user typed and retries.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy)
    }

    /// Whether nothing was written only because of another writer: [`StoreError::Busy`] (retry
    /// the same action) or [`StoreError::Conflict`] (build the action again, with new ids).
    pub fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Busy | StoreError::Conflict)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::NotWritable { path: None },
            // Every row id is picked by `ids()`; one already taken was taken by another writer.
            Some(ErrorCode::ConstraintViolation) if matches!(&e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => {
                StoreError::Conflict
            }
            _ => StoreError::Sql(e),
        }
    }
}

fn path_suffix(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| format!(": {}", p.display())).unwrap_or_default()
}

/// One line for an SQLite error: its message without the statement, cut short.
pub(crate) fn describe_sql(e: &rusqlite::Error) -> String {
    let (message, schema) = match e {
        rusqlite::Error::SqlInputError { msg, .. } => (msg.clone(), true),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => {
            let schema = msg.starts_with("no such ") || msg.contains("has no column");
            (msg.clone(), schema)
        }
        other => (other.to_string(), false),
    };
    let message = one_line(&message);
    if schema || message.starts_with("no such ") {
        format!(
            "the project file does not hold the tables this Axial expects ({message}); it is damaged or was not made by Axial, so open another copy of it"
        )
    } else if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) {
        format!("the project file is damaged ({message}); restore it from a backup")
    } else {
        format!("the project file could not be used ({message}); check it with `axial check`")
    }
}

/// The first line of `text`, at most 160 characters.
pub(crate) fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 160 {
        format!("{}...", line.chars().take(157).collect::<String>())
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn sql_errors_are_one_line_without_the_statement() {
        let conn = Connection::open_in_memory().unwrap();
        let sql = "SELECT a,\n b,\n c\n FROM nowhere\n WHERE 1";
        let err = StoreError::from(conn.prepare(sql).unwrap_err());
        let text = err.to_string();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains("SELECT"), "{text}");
        assert!(text.contains("no such table"), "{text}");
    }

    #[test]
    fn busy_and_read_only_are_sorted_out() {
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None);
        assert!(StoreError::from(busy).is_busy());
        let ro = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("attempt to write a readonly database".into()),
        );
        let text = StoreError::from(ro).to_string();
        assert!(text.contains("read-only") && !text.contains("attempt to write"), "{text}");
        assert!(!text.contains("damaged") && !text.contains("backup"), "{text}");
    }
}
