//! What a person reads when a project file is not what this Axial expects: one short
//! sentence, never the SQL a query was made of.

use axial_core::store::{Store, StoreError};

#[test]
fn a_foreign_schema_is_one_sentence_without_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.axial");
    drop(Store::create(&path).unwrap());
    // Says it is an Axial project (application id, version), but its tables are someone else's.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE coding; CREATE TABLE coding (x TEXT); DROP TABLE memo;")
        .unwrap();
    for read_only in [true, false] {
        let store = if read_only { Store::open_read_only(&path) } else { Store::open(&path) };
        let err = match store {
            Ok(store) => match store.load() {
                Ok(_) => panic!("the foreign tables cannot be loaded"),
                Err(e) => e,
            },
            Err(e) => e,
        };
        let text = err.to_string();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains("SELECT") && !text.contains("CREATE"), "{text}");
        assert!(text.contains("tables this Axial expects"), "{text}");
        assert!(text.len() < 300, "{text}");
        assert!(std::error::Error::source(&err).is_none(), "the sentence is not repeated by a source chain");
    }
}

#[test]
fn a_refused_write_says_read_only_once() {
    let err = StoreError::from(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
        Some("attempt to write a readonly database".into()),
    ));
    assert!(std::error::Error::source(&err).is_none());
    let chain = format!("{:#}", anyhow_like(&err));
    assert_eq!(chain.matches("read-only").count(), 1, "{chain}");
    assert!(!chain.contains("attempt to write"), "{chain}");
}

/// The whole source chain, as `anyhow`'s `{:#}` prints it.
fn anyhow_like(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut next = err.source();
    while let Some(e) = next {
        s.push_str(": ");
        s.push_str(&e.to_string());
        next = e.source();
    }
    s
}
