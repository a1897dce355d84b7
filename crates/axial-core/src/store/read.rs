//! Reads the whole project into a live [`Project`] for the analyses, exporters and views.

use super::lookup::facet_owner;
use super::{Result, Store, StoreError};
use crate::model::*;
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::BTreeMap;
use std::sync::Arc;

impl Store {
    /// The whole project in memory (texts included), as a live model with its indexes and
    /// counts built. A damaged page met while reading is reported as a damaged file.
    pub fn load(&self) -> Result<Project> {
        self.load_with_progress(&mut |_, _| {})
    }

    /// The project without its transcripts' texts or its codings ([`Parts::OUTLINE`]): what an
    /// edit by name, or a report that counts through [`Store::coding_refs`], reads. A few
    /// milliseconds at any size, where [`Store::load`] reads every coding and every text.
    pub fn load_outline(&self) -> Result<Project> {
        self.load_parts(Parts::OUTLINE, &mut |_, _| {})
    }

    /// Only the [`Parts`] asked for: what an edit reads, verb by verb. Texts need their
    /// documents; codes need their categories; codings need everything they belong to.
    pub fn load_only(&self, parts: Parts) -> Result<Project> {
        debug_assert!(!parts.texts || parts.records, "texts without their documents");
        debug_assert!(!parts.codes || parts.categories, "codes without their categories");
        debug_assert!(!parts.codings || (parts.records && parts.codes), "codings without their documents and codes");
        self.load_parts(parts, &mut |_, _| {})
    }

    /// As [`Store::load`], calling `progress(done, total)` as documents and codings are read
    /// (for a progress bar while a large project opens).
    pub fn load_with_progress(&self, progress: &mut dyn FnMut(usize, usize)) -> Result<Project> {
        self.load_parts(Parts::ALL, progress)
    }

    fn load_parts(&self, parts: Parts, progress: &mut dyn FnMut(usize, usize)) -> Result<Project> {
        // One read transaction: every table as of one moment, whatever another writer commits
        // meanwhile (inside `apply_built`, the write transaction already is that moment).
        let snapshot = if self.conn.is_autocommit() { Some(self.conn.unchecked_transaction()?) } else { None };
        let loaded = load(&self.conn, parts, progress);
        drop(snapshot);
        loaded.map_err(|e| match e {
            StoreError::Sql(ref sql)
                if matches!(
                    sql.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                StoreError::Corrupt {
                    path: self.path.clone().unwrap_or_default(),
                    detail: super::error::one_line(&sql.to_string()),
                }
            }
            other => other,
        })
    }
}

impl Store {
    /// Every coding's id, code and document, in one pass over the codings (no ranges, no
    /// strings): what counting references needs (`analysis::units::tallies_of`).
    pub fn coding_refs(&self) -> Result<Vec<CodingRef>> {
        let mut out = Vec::new();
        each_row(
            &self.conn,
            "SELECT id, code_id, document_id FROM coding",
            |r| Ok(CodingRef { id: CodingId(r.get(0)?), code: CodeId(r.get(1)?), document: DocumentId(r.get(2)?) }),
            |c| out.push(c),
        )?;
        Ok(out)
    }

    /// How many codings each document has (documents without any are left out), from the
    /// index of codings by document.
    pub fn codings_per_document(&self) -> Result<rustc_hash::FxHashMap<DocumentId, usize>> {
        let mut out = rustc_hash::FxHashMap::default();
        each_row(
            &self.conn,
            "SELECT document_id, count(*) FROM coding GROUP BY document_id",
            |r| Ok((DocumentId(r.get(0)?), r.get::<_, i64>(1)? as usize)),
            |(d, n)| {
                out.insert(d, n);
            },
        )?;
        Ok(out)
    }

    /// The codings an edit of an outline ([`Store::load_outline`]) needs, added to it: those
    /// with the given ids, those of the given codes, those in the given documents. The outline
    /// then answers for them as a whole project would (`coding`, `codings_of`, `codings_in`).
    pub fn add_codings_to(&self, p: &mut Project, wanted: &CodingsWanted) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {CODING_COLUMNS} FROM coding WHERE id = ?1"))?;
        for id in &wanted.ids {
            if let Some(c) = stmt.query_row([id.0], coding_from_row).optional()? {
                p.apply_change(Change::Coding(c));
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CODING_COLUMNS} FROM coding WHERE code_id = ?1 ORDER BY document_id, start, id"
        ))?;
        for code in &wanted.codes {
            for c in stmt.query_map([code.0], coding_from_row)? {
                p.apply_change(Change::Coding(c?));
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CODING_COLUMNS} FROM coding WHERE document_id = ?1 ORDER BY start, id"
        ))?;
        for document in &wanted.documents {
            for c in stmt.query_map([document.0], coding_from_row)? {
                p.apply_change(Change::Coding(c?));
            }
        }
        Ok(())
    }

    /// How many speakers each document's transcript has (counted when it was added).
    pub fn speakers_per_document(&self) -> Result<rustc_hash::FxHashMap<DocumentId, usize>> {
        let mut out = rustc_hash::FxHashMap::default();
        each_row(
            &self.conn,
            "SELECT id, speakers FROM document",
            |r| Ok((DocumentId(r.get(0)?), r.get::<_, i64>(1)? as usize)),
            |(d, n)| {
                out.insert(d, n);
            },
        )?;
        Ok(out)
    }

    /// The titles of every document (titles are unique), without reading texts.
    pub fn document_titles(&self) -> Result<std::collections::HashSet<String>> {
        Ok(rows(&self.conn, "SELECT title FROM document", |r| r.get(0))?.into_iter().collect())
    }
}

/// Which codings [`Store::add_codings_to`] reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodingsWanted {
    pub ids: Vec<CodingId>,
    pub codes: Vec<CodeId>,
    pub documents: Vec<DocumentId>,
}

/// The columns `coding_from_row` reads, in its order.
pub(super) const CODING_COLUMNS: &str = "id, document_id, code_id, start, end, coder, created";

/// A coding from a row of [`CODING_COLUMNS`].
pub(super) fn coding_from_row(r: &Row) -> rusqlite::Result<Coding> {
    Ok(Coding {
        id: CodingId(r.get(0)?),
        document: DocumentId(r.get(1)?),
        code: CodeId(r.get(2)?),
        start: r.get::<_, i64>(3)? as usize,
        end: r.get::<_, i64>(4)? as usize,
        coder: r.get(5)?,
        created: r.get(6)?,
    })
}

/// The columns `memo_from_row` reads, in its order.
pub(super) const MEMO_COLUMNS: &str = "id, target_kind, target_id, title, text, author, created, modified";

/// A memo from a row of [`MEMO_COLUMNS`].
pub(super) fn memo_from_row(r: &Row) -> rusqlite::Result<Memo> {
    let kind: String = r.get(1)?;
    let target_id: Option<i64> = r.get(2)?;
    Ok(Memo {
        id: MemoId(r.get(0)?),
        target: memo_target(&kind, target_id.unwrap_or_default()),
        title: r.get(3)?,
        text: r.get(4)?,
        author: r.get(5)?,
        created: r.get(6)?,
        modified: r.get(7)?,
    })
}

fn parse_class(key: Option<String>) -> Option<ParadigmClass> {
    key.as_deref().and_then(ParadigmClass::from_key)
}

fn rows<T>(conn: &Connection, sql: &str, f: impl FnMut(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt.query_map([], f)?.collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(out)
}

/// Runs `sql` and hands every row, mapped by `f`, to `each`.
fn each_row<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&Row) -> rusqlite::Result<T>,
    mut each: impl FnMut(T),
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    for row in stmt.query_map([], f)? {
        each(row?);
    }
    Ok(())
}

/// How far a load is, for [`Store::load_with_progress`].
struct Progress<'a> {
    done: usize,
    total: usize,
    report: &'a mut dyn FnMut(usize, usize),
}

impl Progress<'_> {
    /// One more row read; reported every `every` rows.
    fn step(&mut self, every: usize) {
        self.done += 1;
        if self.done.is_multiple_of(every) {
            (self.report)(self.done, self.total);
        }
    }
}

/// Reads every table (or the [`Parts`] asked for) into a [`Project`], parents before children
/// so that the counts built as codings arrive see each code's place in the hierarchy.
pub(super) fn load(conn: &Connection, parts: Parts, report: &mut dyn FnMut(usize, usize)) -> Result<Project> {
    let total: i64 = match (parts.records, parts.codings) {
        (_, true) => {
            conn.query_row("SELECT (SELECT count(*) FROM document) + (SELECT count(*) FROM coding)", [], |r| r.get(0))?
        }
        (true, false) => conn.query_row("SELECT count(*) FROM document", [], |r| r.get(0))?,
        (false, false) => 0,
    };
    let mut progress = Progress { done: 0, total: total as usize, report };
    (progress.report)(0, progress.total);
    let (name, core): (String, Option<i64>) =
        conn.query_row("SELECT name, core_category FROM project WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut p = Project::new(name, load_framework(conn)?);
    p.set_parts(parts);
    p.apply_change(Change::RelationKinds(super::vocabulary::relation_kinds(conn)?));
    p.apply_change(Change::CoreCategory(core.map(CategoryId)));
    if parts.records {
        load_cases_and_documents(conn, &mut p, parts, &mut progress)?;
    }
    if parts.categories {
        load_categories(conn, &mut p)?;
    }
    if parts.codes {
        load_codes(conn, &mut p)?;
    }
    if parts.codings {
        // In document and start order, so each document's index is built by appending.
        each_row(
            conn,
            &format!("SELECT {CODING_COLUMNS} FROM coding ORDER BY document_id, start, id"),
            coding_from_row,
            |c| {
                p.apply_change(Change::Coding(c));
                progress.step(5_000);
            },
        )?;
    }
    (progress.report)(progress.total, progress.total);
    if parts.categories {
        super::depth::load(conn, &mut p)?;
    }
    if parts.notes {
        load_memos_facets_expectations(conn, &mut p)?;
    }
    Ok(p)
}

/// Cases and documents, each with its attributes; documents without their texts unless
/// `parts` asks for them.
fn load_cases_and_documents(conn: &Connection, p: &mut Project, parts: Parts, progress: &mut Progress) -> Result<()> {
    let mut attributes: BTreeMap<i64, Attributes> = BTreeMap::new();
    each_row(
        conn,
        "SELECT case_id, key, value FROM case_attribute",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        |(id, k, v)| drop(attributes.entry(id).or_default().insert(k, v)),
    )?;
    each_row(
        conn,
        "SELECT id, name FROM case_ ORDER BY id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        |(id, name)| {
            let attributes = attributes.remove(&id).unwrap_or_default();
            p.apply_change(Change::Case(Case { id: CaseId(id), name, attributes }))
        },
    )?;

    each_row(
        conn,
        "SELECT document_id, key, value FROM document_attribute",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        |(id, k, v)| drop(attributes.entry(id).or_default().insert(k, v)),
    )?;
    each_row(
        conn,
        if parts.texts {
            // A document without its text (a damaged file) fails to read, never loads empty.
            "SELECT d.id, d.title, t.text, d.char_len, d.case_id, d.imported FROM document d
             LEFT JOIN document_text t ON t.document_id = d.id ORDER BY d.id"
        } else {
            "SELECT id, title, '', char_len, case_id, imported FROM document ORDER BY id"
        },
        |r| {
            Ok(Document {
                id: DocumentId(r.get(0)?),
                title: r.get(1)?,
                text: Arc::from(r.get_ref(2)?.as_str()?),
                char_len: r.get::<_, i64>(3)? as usize,
                case: r.get::<_, Option<i64>>(4)?.map(CaseId),
                attributes: Attributes::new(),
                imported: r.get(5)?,
            })
        },
        |mut d| {
            d.attributes = attributes.remove(&d.id.0).unwrap_or_default();
            p.apply_change(Change::DocumentAdded(d));
            progress.step(1);
        },
    )
}

/// Categories and the relations between them.
fn load_categories(conn: &Connection, p: &mut Project) -> Result<()> {
    each_row(
        conn,
        "SELECT id, name, class FROM category ORDER BY id",
        |r| Ok(Category { id: CategoryId(r.get(0)?), name: r.get(1)?, class: parse_class(r.get(2)?) }),
        |c| p.apply_change(Change::Category(c)),
    )?;
    each_row(
        conn,
        "SELECT id, from_id, to_id, kind FROM relation ORDER BY id",
        |r| {
            Ok(Relation {
                id: RelationId(r.get(0)?),
                from: CategoryId(r.get(1)?),
                to: CategoryId(r.get(2)?),
                kind: r.get(3)?,
            })
        },
        |r| p.apply_change(Change::Relation(r)),
    )
}

/// Concepts, then codes (parents first, after the categories).
fn load_codes(conn: &Connection, p: &mut Project) -> Result<()> {
    each_row(
        conn,
        "SELECT id, name, category_id FROM concept ORDER BY id",
        |r| {
            Ok(Concept {
                id: ConceptId(r.get(0)?),
                name: r.get(1)?,
                category: r.get::<_, Option<i64>>(2)?.map(CategoryId),
            })
        },
        |c| p.apply_change(Change::Concept(c)),
    )?;
    each_row(
        conn,
        "SELECT id, name, color, definition, concept_id FROM code ORDER BY id",
        |r| {
            Ok(Code {
                id: CodeId(r.get(0)?),
                name: r.get(1)?,
                color: r.get(2)?,
                definition: r.get(3)?,
                concept: r.get::<_, Option<i64>>(4)?.map(ConceptId),
            })
        },
        |c| p.apply_change(Change::Code(c)),
    )
}

/// Memos, the cube's facets on codes, concepts and categories, and the expected levels.
fn load_memos_facets_expectations(conn: &Connection, p: &mut Project) -> Result<()> {
    each_row(conn, &format!("SELECT {MEMO_COLUMNS} FROM memo ORDER BY id"), memo_from_row, |m| {
        p.apply_change(Change::Memo(m))
    })?;
    each_row(
        conn,
        "SELECT owner_kind, owner_id, dimension, value FROM facet",
        |r| {
            let kind: String = r.get(0)?;
            Ok(Change::Facet { owner: facet_owner(&kind, r.get(1)?), dimension: r.get(2)?, value: Some(r.get(3)?) })
        },
        |c| p.apply_change(c),
    )?;
    each_row(
        conn,
        "SELECT row_dimension, row_value, column_dimension, column_value, level FROM expectation",
        expectation_from_row,
        |e| p.apply_change(Change::Expectation { row: e.row, column: e.column, level: Some(e.level) }),
    )
}

pub(super) fn load_framework(conn: &Connection) -> Result<Framework> {
    let mut framework = Framework::default();
    for (key, label) in
        rows(conn, "SELECT key, label FROM dimension ORDER BY position, key", |r| Ok((r.get(0)?, r.get(1)?)))?
    {
        framework.dimensions.push(Dimension { key, label, values: Vec::new() });
    }
    for (dim, key, label) in
        rows(conn, "SELECT dimension, key, label FROM dimension_value ORDER BY position, key", |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?
    {
        if let Some(d) = framework.dimensions.iter_mut().find(|d| d.key == dim) {
            d.values.push(DimensionValue { key, label });
        }
    }
    Ok(framework)
}

pub(super) fn memo_target(kind: &str, id: i64) -> MemoTarget {
    match kind {
        "document" => MemoTarget::Document(DocumentId(id)),
        "code" => MemoTarget::Code(CodeId(id)),
        "concept" => MemoTarget::Concept(ConceptId(id)),
        "category" => MemoTarget::Category(CategoryId(id)),
        "coding" => MemoTarget::Coding(CodingId(id)),
        "relation" => MemoTarget::Relation(RelationId(id)),
        _ => MemoTarget::Project,
    }
}

/// The (kind, id) columns a memo target is stored as.
pub(super) fn memo_target_columns(target: &MemoTarget) -> (&'static str, Option<i64>) {
    match *target {
        MemoTarget::Project => ("project", None),
        MemoTarget::Document(id) => ("document", Some(id.0)),
        MemoTarget::Code(id) => ("code", Some(id.0)),
        MemoTarget::Concept(id) => ("concept", Some(id.0)),
        MemoTarget::Category(id) => ("category", Some(id.0)),
        MemoTarget::Coding(id) => ("coding", Some(id.0)),
        MemoTarget::Relation(id) => ("relation", Some(id.0)),
    }
}

pub(super) fn facet_owner_columns(owner: FacetOwner) -> (&'static str, i64) {
    match owner {
        FacetOwner::Code(id) => ("code", id.0),
        FacetOwner::Concept(id) => ("concept", id.0),
        FacetOwner::Category(id) => ("category", id.0),
    }
}

/// An expectation from a row of (row_dimension, row_value, column_dimension, column_value, level).
pub(super) fn expectation_from_row(r: &Row) -> rusqlite::Result<Expectation> {
    Ok(Expectation {
        row: DimensionRef { dimension: r.get(0)?, value: r.get(1)? },
        column: DimensionRef { dimension: r.get(2)?, value: r.get(3)? },
        level: r.get(4)?,
    })
}
