//! The project file's schema as numbered migrations, one function per `PRAGMA user_version`.

use rusqlite::Transaction;

/// The schema version this build writes. A file with a higher version is refused.
pub const CURRENT_VERSION: i64 = 11;

/// `PRAGMA application_id` of an Axial project ("AXIA"), to tell our files from other SQLite files.
pub const APPLICATION_ID: i64 = 0x4158_4941;

/// Migration `n` takes the schema from version `n - 1` to `n`.
pub const MIGRATIONS: [fn(&Transaction) -> rusqlite::Result<()>; 11] = [
    v1_initial,
    v2_expectations,
    v3_history_bursts,
    v4_relation_kinds,
    v5_history_indexes,
    v6_texts_stored_once,
    v7_review,
    v8_stable_ids,
    v9_depth,
    v10_texts_apart,
    v11_history_forms,
];

/// The first schema: the project and its records, the category model with the codings, the
/// memos, the cube and the history, each group in the order its tables refer to each other.
fn v1_initial(tx: &Transaction) -> rusqlite::Result<()> {
    v1_records(tx)?;
    v1_model(tx)?;
    v1_notes_cube_history(tx)?;
    tx.execute_batch(DEPENDENT_TRIGGERS)
}

/// The project, its cases and documents, with their attributes.
fn v1_records(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE project (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            core_category INTEGER REFERENCES category(id) ON DELETE SET NULL,
            created TEXT NOT NULL
        );
        CREATE TABLE case_ (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE case_attribute (
            case_id INTEGER NOT NULL REFERENCES case_(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (case_id, key)
        );
        CREATE TABLE document (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            char_len INTEGER NOT NULL,
            case_id INTEGER REFERENCES case_(id) ON DELETE SET NULL,
            imported TEXT NOT NULL
        );
        CREATE TABLE document_attribute (
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (document_id, key)
        );
        "#,
    )
}

/// Categories, concepts, codes, relations and the codings.
fn v1_model(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE category (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            class TEXT CHECK (class IN ('causal_conditions', 'phenomenon', 'contextual_conditions',
                                        'intervening_conditions', 'strategies', 'consequences'))
        );
        CREATE TABLE concept (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            category_id INTEGER REFERENCES category(id) ON DELETE SET NULL
        );
        CREATE TABLE code (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL,
            definition TEXT NOT NULL DEFAULT '',
            concept_id INTEGER REFERENCES concept(id) ON DELETE SET NULL
        );
        CREATE TABLE relation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            from_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
            to_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
            kind TEXT NOT NULL
        );
        CREATE TABLE coding (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            coder TEXT NOT NULL,
            created TEXT NOT NULL,
            CHECK (0 <= start AND start < end)
        );
        CREATE INDEX coding_by_document ON coding(document_id, start);
        CREATE INDEX coding_by_code ON coding(code_id);
        "#,
    )
}

/// Memos, the cube framework and facets, the undo history and the audit trail.
fn v1_notes_cube_history(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE memo (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            target_kind TEXT NOT NULL CHECK (target_kind IN
                ('project', 'document', 'code', 'concept', 'category', 'coding')),
            target_id INTEGER,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            author TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE INDEX memo_by_target ON memo(target_kind, target_id);
        CREATE TABLE dimension (
            key TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            position INTEGER NOT NULL
        );
        CREATE TABLE dimension_value (
            dimension TEXT NOT NULL REFERENCES dimension(key) ON DELETE CASCADE,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (dimension, key)
        );
        CREATE TABLE facet (
            owner_kind TEXT NOT NULL CHECK (owner_kind IN ('code', 'concept', 'category')),
            owner_id INTEGER NOT NULL,
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (owner_kind, owner_id, dimension),
            FOREIGN KEY (dimension, value) REFERENCES dimension_value(dimension, key) ON DELETE CASCADE
        );

        -- Undo/redo survives closing the project: one row per applied action.
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            forward TEXT NOT NULL,
            inverse TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0,
            who TEXT NOT NULL,
            at TEXT NOT NULL
        );
        -- The audit trail: append-only, one row per do, undo and redo.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('do', 'undo', 'redo')),
            label TEXT NOT NULL,
            action TEXT NOT NULL
        );
        "#,
    )
}

/// Memos and facets point at several tables; these triggers keep them from dangling (made in
/// version 1, made again when version 9 rebuilds the memo table).
const DEPENDENT_TRIGGERS: &str = r#"
        CREATE TRIGGER document_memos AFTER DELETE ON document BEGIN
            DELETE FROM memo WHERE target_kind = 'document' AND target_id = OLD.id; END;
        CREATE TRIGGER coding_memos AFTER DELETE ON coding BEGIN
            DELETE FROM memo WHERE target_kind = 'coding' AND target_id = OLD.id; END;
        CREATE TRIGGER code_dependents AFTER DELETE ON code BEGIN
            DELETE FROM memo WHERE target_kind = 'code' AND target_id = OLD.id;
            DELETE FROM facet WHERE owner_kind = 'code' AND owner_id = OLD.id; END;
        CREATE TRIGGER concept_dependents AFTER DELETE ON concept BEGIN
            DELETE FROM memo WHERE target_kind = 'concept' AND target_id = OLD.id;
            DELETE FROM facet WHERE owner_kind = 'concept' AND owner_id = OLD.id; END;
        CREATE TRIGGER category_dependents AFTER DELETE ON category BEGIN
            DELETE FROM memo WHERE target_kind = 'category' AND target_id = OLD.id;
            DELETE FROM facet WHERE owner_kind = 'category' AND owner_id = OLD.id; END;
"#;

/// The study's expected levels for pairs of cube values (a study's propositions).
fn v2_expectations(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE expectation (
            row_dimension TEXT NOT NULL,
            row_value TEXT NOT NULL,
            column_dimension TEXT NOT NULL,
            column_value TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('low', 'low/medium', 'medium', 'medium/high', 'high')),
            PRIMARY KEY (row_dimension, row_value, column_dimension, column_value),
            FOREIGN KEY (row_dimension, row_value) REFERENCES dimension_value(dimension, key) ON DELETE CASCADE,
            FOREIGN KEY (column_dimension, column_value) REFERENCES dimension_value(dimension, key) ON DELETE CASCADE
        );
        "#,
    )
}

/// History rows say which format their actions are in, which merge key a burst of typing
/// has (so a keystroke need not parse the last entry), which audit row records them, and
/// whether a burst is still open (its forward action not yet written). Rows from before are
/// format 1, sealed, and never merged into.
fn v3_history_bursts(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        ALTER TABLE history ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE history ADD COLUMN merge_key TEXT;
        ALTER TABLE history ADD COLUMN audit_id INTEGER;
        ALTER TABLE history ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX history_undone ON history(undone, seq);
        "#,
    )
}

/// Relation kinds become project data: the default set, then every kind relations already
/// use (in the order first used), so existing relations keep their kinds.
fn v4_relation_kinds(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE relation_kind (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        );
        "#,
    )?;
    let used: Vec<String> = tx
        .prepare("SELECT kind FROM relation GROUP BY kind ORDER BY min(id)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let defaults = crate::model::DEFAULT_RELATION_KINDS.iter().map(|k| (*k).to_owned());
    let mut position = 0i64;
    for kind in defaults.chain(used) {
        position += tx.execute(
            "INSERT OR IGNORE INTO relation_kind (name, position) VALUES (?1, ?2)",
            rusqlite::params![kind, position],
        )? as i64;
    }
    Ok(())
}

/// Every edit asks the history for its open typing burst; without this index that read the
/// whole history, so an edit slowed as the history grew (9 ms on a fresh file, 55 ms at 32,768
/// entries). Partial: it holds only the one or two rows left open.
fn v5_history_indexes(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE INDEX history_open ON history (seq) WHERE open = 1;")
}

/// Transcript texts are stored once (see `store::history_text`): the history names a
/// document's text instead of copying it, and a deleted document's text waits in
/// `parked_text` while an undo step can still bring it back. Existing history is converted.
fn v6_texts_stored_once(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE parked_text (
            document_id INTEGER PRIMARY KEY,
            text TEXT NOT NULL
        );
        CREATE TABLE history_text (
            seq INTEGER NOT NULL REFERENCES history(seq) ON DELETE CASCADE,
            document_id INTEGER NOT NULL,
            PRIMARY KEY (seq, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX history_text_by_document ON history_text (document_id);
        "#,
    )?;
    super::history_text::convert_history(tx)
}

/// Review: the project's own uid (so a copy can be told from another project), comments with
/// replies and their status, and each reviewer's review sessions (what the project held when
/// they last reviewed it). Comments point at several tables, so they keep what their target
/// was (`label`) and outlive it: a deleted code's comments stay readable, and undoing the
/// delete brings the code back under them (ids are never reused).
fn v7_review(tx: &Transaction) -> rusqlite::Result<()> {
    // A file that already has the uid column (a test that wound a newer file back) keeps it.
    let has_uid: bool =
        tx.query_row("SELECT count(*) > 0 FROM pragma_table_info('project') WHERE name = 'uid'", [], |r| r.get(0))?;
    if !has_uid {
        tx.execute_batch("ALTER TABLE project ADD COLUMN uid TEXT;")?;
    }
    tx.execute_batch(
        r#"
        CREATE TABLE IF NOT EXISTS comment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            thread TEXT,
            target_kind TEXT NOT NULL CHECK (target_kind IN
                ('project', 'code', 'concept', 'category', 'relation', 'coding', 'memo')),
            target_id INTEGER,
            label TEXT NOT NULL,
            author TEXT NOT NULL,
            created TEXT NOT NULL,
            text TEXT NOT NULL,
            edited TEXT NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0,
            status_by TEXT,
            status_at TEXT,
            withdrawn TEXT
        );
        CREATE INDEX IF NOT EXISTS comment_by_target ON comment (target_kind, target_id);
        CREATE INDEX IF NOT EXISTS comment_by_thread ON comment (thread);
        CREATE TABLE IF NOT EXISTS review (
            uid TEXT PRIMARY KEY,
            reviewer TEXT NOT NULL,
            opened TEXT NOT NULL,
            audit_mark INTEGER NOT NULL,
            snapshot TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS review_by_reviewer ON review (reviewer, opened);
        "#,
    )?;
    // A project from before has no uid: derive one from what every copy of it shares (when
    // it was made and its first recorded step), so two copies upgraded apart still match.
    let seed: Option<String> = tx
        .query_row(
            "SELECT p.created || '|' || coalesce((SELECT at || '|' || who || '|' || label FROM audit ORDER BY id LIMIT 1), '')
             FROM project p WHERE p.id = 1",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(seed) = seed {
        tx.execute("UPDATE project SET uid = ?1 WHERE id = 1 AND uid IS NULL", [crate::model::derived_uid(&seed)])?;
    }
    Ok(())
}

/// A random id in the form of a version 4 UUID, made by SQLite (for triggers and fills).
const UUID_SQL: &str = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

/// The tables whose rows get a stable id, and the kind each id is filed under.
pub(super) const UID_TABLES: [(&str, &str); 8] = [
    ("case_", "case"),
    ("document", "document"),
    ("code", "code"),
    ("concept", "concept"),
    ("category", "category"),
    ("coding", "coding"),
    ("memo", "memo"),
    ("relation", "relation"),
];

/// Stable ids (UUIDs) for cases, documents, codes, concepts, categories, codings, memos and
/// relations, and the people who code and write memos, each with one: what survives export,
/// import and a merge of a coder's copy, where row ids do not.
///
/// An item's id lives in `item_uid` by (kind, row id), given by a trigger when the row is
/// first inserted and never removed: a row deleted and brought back by undo (same row id,
/// ids are never reused) has the same uid again. Rows from before get random ones: two copies
/// upgraded apart then match by name or text in a merge, never by a made-up id that might
/// name different things in each. (Every statement tolerates what a newer file already has:
/// tests wind files back by their version number.)
fn v8_stable_ids(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE IF NOT EXISTS item_uid (
            kind TEXT NOT NULL,
            id INTEGER NOT NULL,
            uid TEXT NOT NULL UNIQUE,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS person (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            uid TEXT NOT NULL UNIQUE
        );
        "#,
    )?;
    for (table, kind) in UID_TABLES {
        tx.execute_batch(&format!(
            "CREATE TRIGGER IF NOT EXISTS {table}_uid AFTER INSERT ON {table} BEGIN
                 INSERT OR IGNORE INTO item_uid (kind, id, uid) VALUES ('{kind}', NEW.id, {UUID_SQL});
             END;
             INSERT OR IGNORE INTO item_uid (kind, id, uid) SELECT '{kind}', id, {UUID_SQL} FROM {table};"
        ))?;
    }
    tx.execute_batch(&format!(
        "CREATE TRIGGER IF NOT EXISTS coding_coder AFTER INSERT ON coding BEGIN
             INSERT OR IGNORE INTO person (name, uid) VALUES (NEW.coder, {UUID_SQL});
         END;
         CREATE TRIGGER IF NOT EXISTS memo_author AFTER INSERT ON memo BEGIN
             INSERT OR IGNORE INTO person (name, uid) VALUES (NEW.author, {UUID_SQL});
         END;
         INSERT OR IGNORE INTO person (name, uid) SELECT coder, {UUID_SQL} FROM (SELECT DISTINCT coder FROM coding);
         INSERT OR IGNORE INTO person (name, uid) SELECT author, {UUID_SQL} FROM (SELECT DISTINCT author FROM memo);"
    ))
}

/// The depth of the method (issue 24): categories' properties with their dimensions (points as
/// a JSON array of names), coded passages placed on them, evidence passages of relations, the
/// conditional/consequential matrix level of a category, codings marked prompted, and memos on
/// relations (the memo table is rebuilt to allow the new target kind: SQLite cannot change a
/// CHECK in place; its rows, ids, id sequence, index and triggers are kept).
fn v9_depth(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        CREATE TABLE IF NOT EXISTS property (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            ordered INTEGER NOT NULL,
            points TEXT NOT NULL,
            UNIQUE (category_id, name)
        );
        CREATE TABLE IF NOT EXISTS placement (
            coding_id INTEGER NOT NULL REFERENCES coding(id) ON DELETE CASCADE,
            property_id INTEGER NOT NULL REFERENCES property(id) ON DELETE CASCADE,
            point TEXT NOT NULL,
            PRIMARY KEY (coding_id, property_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS placement_by_property ON placement (property_id);
        CREATE TABLE IF NOT EXISTS evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            relation_id INTEGER NOT NULL REFERENCES relation(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            CHECK (0 <= start AND start < end)
        );
        CREATE INDEX IF NOT EXISTS evidence_by_relation ON evidence (relation_id);
        CREATE INDEX IF NOT EXISTS evidence_by_document ON evidence (document_id);
        CREATE TABLE IF NOT EXISTS category_level (
            category_id INTEGER PRIMARY KEY REFERENCES category(id) ON DELETE CASCADE,
            level TEXT NOT NULL CHECK (level IN ('individual', 'group', 'organisation', 'industry', 'society'))
        );
        CREATE TABLE IF NOT EXISTS prompted_coding (
            coding_id INTEGER PRIMARY KEY REFERENCES coding(id) ON DELETE CASCADE
        );
        "#,
    )?;
    let allows_relation: bool = tx.query_row(
        "SELECT sql LIKE '%''relation''%' FROM sqlite_master WHERE type = 'table' AND name = 'memo'",
        [],
        |r| r.get(0),
    )?;
    if !allows_relation {
        let seq: Option<i64> =
            tx.query_row("SELECT max(seq) FROM sqlite_sequence WHERE name = 'memo'", [], |r| r.get(0))?;
        // The triggers that name the memo table go first (a rename checks every trigger) and
        // come back after it.
        tx.execute_batch(
            r#"
            DROP TRIGGER IF EXISTS document_memos;
            DROP TRIGGER IF EXISTS coding_memos;
            DROP TRIGGER IF EXISTS code_dependents;
            DROP TRIGGER IF EXISTS concept_dependents;
            DROP TRIGGER IF EXISTS category_dependents;
            DROP TRIGGER IF EXISTS memo_uid;
            DROP TRIGGER IF EXISTS memo_author;
            CREATE TABLE memo_v9 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                target_kind TEXT NOT NULL CHECK (target_kind IN
                    ('project', 'document', 'code', 'concept', 'category', 'coding', 'relation')),
                target_id INTEGER,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                author TEXT NOT NULL,
                created TEXT NOT NULL,
                modified TEXT NOT NULL
            );
            INSERT INTO memo_v9 (id, target_kind, target_id, title, text, author, created, modified)
                SELECT id, target_kind, target_id, title, text, author, created, modified FROM memo;
            DROP TABLE memo;
            ALTER TABLE memo_v9 RENAME TO memo;
            CREATE INDEX memo_by_target ON memo(target_kind, target_id);
            "#,
        )?;
        tx.execute_batch(DEPENDENT_TRIGGERS)?;
        if let Some(seq) = seq {
            tx.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'memo', 0
                 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'memo')",
                [],
            )?;
            tx.execute("UPDATE sqlite_sequence SET seq = max(seq, ?1) WHERE name = 'memo'", [seq])?;
        }
        tx.execute_batch(&format!(
            "CREATE TRIGGER memo_uid AFTER INSERT ON memo BEGIN
                 INSERT OR IGNORE INTO item_uid (kind, id, uid) VALUES ('memo', NEW.id, {UUID_SQL});
             END;
             CREATE TRIGGER memo_author AFTER INSERT ON memo BEGIN
                 INSERT OR IGNORE INTO person (name, uid) VALUES (NEW.author, {UUID_SQL});
             END;"
        ))?;
    }
    tx.execute_batch(
        "CREATE TRIGGER IF NOT EXISTS relation_memos AFTER DELETE ON relation BEGIN
             DELETE FROM memo WHERE target_kind = 'relation' AND target_id = OLD.id; END;",
    )
}

/// Schema v10: transcript texts in a table of their own (`document_text`), and each document's
/// speakers counted once, when it is added. A document row now holds only its title, length,
/// case, import date and speaker count, so reading those never walks the text's overflow
/// pages: SQLite keeps a long text in a chain of pages and must follow it to reach any column
/// stored after it, which on a 600-interview project cost every command about 60 ms before
/// it had read anything it needed.
fn v10_texts_apart(tx: &Transaction) -> rusqlite::Result<()> {
    let has_column = |name: &str| -> rusqlite::Result<bool> {
        tx.query_row("SELECT count(*) > 0 FROM pragma_table_info('document') WHERE name = ?1", [name], |r| r.get(0))
    };
    // Step by step, each only if not done: a file can be older in parts (a copy whose
    // version was set back by hand, as the tests of older files do).
    if has_column("text")? {
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS document_text (
                 document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
                 text TEXT NOT NULL
             );
             INSERT OR REPLACE INTO document_text (document_id, text) SELECT id, text FROM document;
             ALTER TABLE document DROP COLUMN text;",
        )?;
    }
    if has_column("speakers")? {
        return Ok(());
    }
    tx.execute_batch("ALTER TABLE document ADD COLUMN speakers INTEGER NOT NULL DEFAULT 0;")?;
    // One text at a time: a large project's texts are never all in memory.
    let ids: Vec<i64> =
        tx.prepare("SELECT document_id FROM document_text")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for id in ids {
        let speakers = tx.query_row("SELECT text FROM document_text WHERE document_id = ?1", [id], |r| {
            Ok(crate::speakers::speakers(r.get_ref(0)?.as_str()?).len() as i64)
        })?;
        tx.execute("UPDATE document SET speakers = ?1 WHERE id = ?2", [speakers, id])?;
    }
    Ok(())
}

/// Schema v11: an undo step's action whose JSON is longer than [`super::json_cell::INLINE_MAX`]
/// (a large import's: tens of megabytes) is kept in `history_form`, written in place through
/// blob I/O as it is serialized; its history row holds '' there (never valid JSON). SQLite
/// writes a zeroblob in place only when it is the last column of its row, which
/// `history.forward` and `inverse` are not: bound there, such an action was held in memory
/// three times over.
fn v11_history_forms(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS history_form (
             id INTEGER PRIMARY KEY,
             seq INTEGER NOT NULL REFERENCES history(seq) ON DELETE CASCADE,
             side TEXT NOT NULL CHECK (side IN ('forward', 'inverse')),
             json BLOB NOT NULL,
             UNIQUE (seq, side)
         );",
    )
}
