//! Comments and review sessions in the project file (see `model::comment` for why they live
//! here and outside the undo history). Each comment write is one transaction with an audit
//! row; a store opened for review may write these and nothing else.
//!
//! Bringing a reviewed copy's comments home ([`Store::import_comments`]) merges by uid: new
//! comments are added, a comment both files have keeps the later text and the later status,
//! and a withdrawal wins. Targets are matched by id, which is sound because the copy and the
//! project share every id up to the moment the copy was made and ids are never reused; a
//! comment on something made in the copy after that (a copy someone also edited) keeps its
//! words and label but no target, rather than landing on whatever has that id here.

use super::history::audit;
use super::lookup::query_row;
use super::{Mode, Result, Store, StoreError, invalid};
use crate::model::{Action, Comment, CommentAction, CommentTarget, now_rfc3339};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashSet;
use std::path::Path;

const COMMENT_COLUMNS: &str = "uid, thread, target_kind, target_id, label, author, created, text, edited, resolved, status_by, status_at, withdrawn";

/// The longest comment, in characters (a long letter fits; a pasted transcript does not).
pub const MAX_COMMENT_CHARS: usize = 20_000;

fn comment_from_row(r: &Row) -> rusqlite::Result<Comment> {
    let kind: String = r.get(2)?;
    Ok(Comment {
        uid: r.get(0)?,
        thread: r.get(1)?,
        target: CommentTarget::from_parts(&kind, r.get(3)?),
        label: r.get(4)?,
        author: r.get(5)?,
        created: r.get(6)?,
        text: r.get(7)?,
        edited: r.get(8)?,
        resolved: r.get(9)?,
        status_by: r.get(10)?,
        status_at: r.get(11)?,
        withdrawn: r.get(12)?,
    })
}

/// A reviewer's visit: when they opened the project for review, the last audit row then, and
/// what the project held (a JSON snapshot, see `analysis::review_changes`), so the next visit
/// can list what changed since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewSession {
    pub uid: String,
    pub reviewer: String,
    pub opened: String,
    pub audit_mark: i64,
    pub snapshot: String,
}

/// One row of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub who: String,
    /// do, undo or redo.
    pub event: String,
    pub label: String,
    /// The action applied, as JSON: an [`Action`], or a [`CommentAction`] for a comment.
    pub action: String,
}

impl AuditRow {
    /// The model action this row applied; `None` for a comment or anything else.
    pub fn model_action(&self) -> Option<Action> {
        if self.is_comment() { None } else { serde_json::from_str(&self.action).ok() }
    }

    /// Whether this row wrote comments, not the project.
    pub fn is_comment(&self) -> bool {
        self.action.starts_with("{\"comment\"")
    }
}

/// What bringing a copy's comments in did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentImport {
    pub new_threads: usize,
    pub new_replies: usize,
    /// Comments both had, changed here (a later text, a new status, a withdrawal).
    pub updated: usize,
    /// Comments on something that exists only in the copy (kept, without a target).
    pub detached: usize,
    /// Review sessions the copy recorded.
    pub reviews: usize,
}

impl CommentImport {
    /// One line: "2 new threads, 3 replies and 1 change".
    pub fn summary(&self) -> String {
        let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![n(self.new_threads, "new thread", "new threads"), n(self.new_replies, "reply", "replies")];
        parts.push(n(self.updated, "change to a comment already here", "changes to comments already here"));
        let mut s = match parts.as_slice() {
            [a, b, c] => format!("{a}, {b} and {c}"),
            _ => parts.join(", "),
        };
        if self.detached > 0 {
            s.push_str(&format!(
                "; {} on something that exists only in the copy (kept, with what it was on)",
                n(self.detached, "comment is", "comments are")
            ));
        }
        s
    }
}

impl Store {
    /// The project's uid: the same in every copy of it, different in any other project.
    pub fn project_uid(&self) -> Result<String> {
        let uid: Option<String> = self.conn.query_row("SELECT uid FROM project WHERE id = 1", [], |r| r.get(0))?;
        uid.ok_or_else(|| {
            StoreError::Invalid("the project file has no uid; open it for editing once to upgrade it".into())
        })
    }

    /// Every comment, oldest first.
    pub fn comments(&self) -> Result<Vec<Comment>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COMMENT_COLUMNS} FROM comment ORDER BY id"))?;
        let out = stmt.query_map([], comment_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    /// Writes a comment, a reply, an edit, a status or a withdrawal, in one transaction with
    /// an audit row; returns the comment as it now is. Allowed for editing and for review.
    pub fn comment(&mut self, action: &CommentAction) -> Result<Comment> {
        self.comments_writable()?;
        let (who, now) = (self.user.clone(), comment_time());
        let tx = self.write_transaction()?;
        write(&tx, action, &who, &now)?;
        let json = serde_json::to_string(action)?;
        audit(&tx, &who, &now, "do", action.label(), &json)?;
        let comment = comment_row(&tx, action.uid())?;
        tx.commit()?;
        Ok(comment)
    }

    /// Brings the comments (and review sessions) of `copy`, a copy of this project that came
    /// back from a reviewer, into this project, in one transaction: nothing of either side is
    /// lost (see the module doc for how they merge). Refuses a file that is not a copy of this
    /// project. Running it twice changes nothing the second time.
    pub fn import_comments(&mut self, copy: &Path) -> Result<CommentImport> {
        self.comments_writable()?;
        if let Some(own) = &self.path
            && std::fs::canonicalize(own).ok() == std::fs::canonicalize(copy).ok()
        {
            return invalid(format!(
                "that is this project itself; choose the copy that came back from the review: {}",
                copy.display()
            ));
        }
        let other = Store::open_read_only(copy)?;
        if other.project_uid()? != self.project_uid()? {
            return invalid(format!(
                "this file is not a copy of this project (it belongs to another project), so nothing was brought in: {}",
                copy.display()
            ));
        }
        let fork = fork_point(&self.conn, &other.conn)?;
        let made_in_copy = created_after(&other.conn, fork)?;
        let theirs = other.comments()?;
        let reviews = all_reviews(&other.conn)?;
        drop(other);

        let mut out = CommentImport::default();
        let who = self.user.clone();
        let tx = self.write_transaction()?;
        for mut comment in theirs {
            if comment.target.is_some_and(|t| made_in_copy.contains(&t)) {
                comment.target = None;
            }
            match comment_row(&tx, &comment.uid).optional_row()? {
                None => {
                    out.detached += usize::from(comment.target.is_none());
                    insert(&tx, &comment)?;
                    if comment.thread.is_some() {
                        out.new_replies += 1;
                    } else {
                        out.new_threads += 1;
                    }
                }
                Some(mine) => {
                    let merged = merge(&mine, &comment);
                    if merged != mine {
                        update(&tx, &merged)?;
                        out.updated += 1;
                    }
                }
            }
        }
        for r in &reviews {
            // The copy's audit rows after the fork are not this file's: its mark is the fork
            // at most, so the author's own steps since are all listed as changes.
            out.reviews += tx.execute(
                "INSERT OR IGNORE INTO review (uid, reviewer, opened, audit_mark, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![r.uid, r.reviewer, r.opened, r.audit_mark.min(fork), r.snapshot],
            )?;
        }
        let json = serde_json::json!({
            "comment": "import",
            "from": copy.display().to_string(),
            "new_threads": out.new_threads,
            "new_replies": out.new_replies,
            "updated": out.updated,
        });
        audit(&tx, &who, &now_rfc3339(), "do", "Bring in comments from a reviewed copy", &json.to_string())?;
        tx.commit()?;
        Ok(out)
    }

    /// The latest review session of `reviewer`, if they reviewed this project before.
    pub fn last_review_by(&self, reviewer: &str) -> Result<Option<ReviewSession>> {
        Ok(self
            .conn
            .query_row(
                "SELECT uid, reviewer, opened, audit_mark, snapshot FROM review WHERE reviewer = ?1
                 ORDER BY opened DESC, rowid DESC LIMIT 1",
                [reviewer],
                review_from_row,
            )
            .optional()?)
    }

    /// Records that this store's user reviews the project now, holding `snapshot`; earlier
    /// sessions of theirs keep their time and mark but drop their snapshot (only the latest is
    /// compared against). Allowed for editing and for review.
    pub fn record_review(&mut self, snapshot: String) -> Result<ReviewSession> {
        self.comments_writable()?;
        let reviewer = self.user.clone();
        let tx = self.write_transaction()?;
        let mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?;
        let session =
            ReviewSession { uid: crate::model::new_uid(), reviewer, opened: now_rfc3339(), audit_mark: mark, snapshot };
        tx.execute("UPDATE review SET snapshot = '' WHERE reviewer = ?1", [&session.reviewer])?;
        tx.execute(
            "INSERT INTO review (uid, reviewer, opened, audit_mark, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![session.uid, session.reviewer, session.opened, session.audit_mark, session.snapshot],
        )?;
        tx.commit()?;
        Ok(session)
    }

    /// The id of the latest audit row (0 for a project never changed).
    pub fn audit_mark(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// The last audit row after `mark` when there are such rows and every one wrote comments
    /// only; `None` otherwise. Reads no action texts (a window asks this after every change
    /// from outside, and the rows since may hold a whole import).
    pub fn comments_only_since(&self, mark: i64) -> Result<Option<i64>> {
        let (last, others): (Option<i64>, i64) = self.conn.query_row(
            "SELECT max(id), coalesce(sum(substr(action, 1, 11) != '{\"comment\":'), 0) FROM audit WHERE id > ?1",
            [mark],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(last.filter(|_| others == 0))
    }

    /// The audit rows after `mark`, oldest first.
    pub fn audit_since(&self, mark: i64) -> Result<Vec<AuditRow>> {
        let mut stmt =
            self.conn.prepare("SELECT id, at, who, event, label, action FROM audit WHERE id > ?1 ORDER BY id")?;
        let rows = stmt
            .query_map([mark], |r| {
                Ok(AuditRow {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    event: r.get(3)?,
                    label: r.get(4)?,
                    action: super::json_cell::read(r, 5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn comments_writable(&self) -> Result<()> {
        match self.mode {
            Mode::Edit | Mode::Review => Ok(()),
            Mode::ReadOnly => Err(StoreError::ReadOnly),
        }
    }
}

/// When a comment is written, to the microsecond: a merge keeps the later of two edits, and
/// two edits within a second are common.
fn comment_time() -> String {
    humantime::format_rfc3339_micros(std::time::SystemTime::now()).to_string()
}

fn review_from_row(r: &Row) -> rusqlite::Result<ReviewSession> {
    Ok(ReviewSession {
        uid: r.get(0)?,
        reviewer: r.get(1)?,
        opened: r.get(2)?,
        audit_mark: r.get(3)?,
        snapshot: r.get(4)?,
    })
}

fn all_reviews(conn: &Connection) -> Result<Vec<ReviewSession>> {
    let mut stmt = conn.prepare("SELECT uid, reviewer, opened, audit_mark, snapshot FROM review ORDER BY rowid")?;
    let out = stmt.query_map([], review_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

trait OptionalRow<T> {
    fn optional_row(self) -> Result<Option<T>>;
}

impl<T> OptionalRow<T> for Result<T> {
    fn optional_row(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn comment_row(tx: &Connection, uid: &str) -> Result<Comment> {
    query_row(tx, &format!("SELECT {COMMENT_COLUMNS} FROM comment WHERE uid = ?1"), [uid], comment_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "comment", id: 0 })
}

/// Carries out one comment write inside `tx`.
fn write(tx: &Connection, action: &CommentAction, who: &str, now: &str) -> Result<()> {
    let text_of = |text: &str| -> Result<String> {
        let text = text.trim();
        if text.is_empty() {
            return invalid("the comment is empty; type what you want to say");
        }
        if text.chars().count() > MAX_COMMENT_CHARS {
            return invalid(format!(
                "a comment holds at most {MAX_COMMENT_CHARS} characters; shorten it or write a memo"
            ));
        }
        Ok(text.to_owned())
    };
    let new = |uid: &str, thread: Option<String>, target: Option<CommentTarget>, label: String, text: String| Comment {
        uid: uid.to_owned(),
        thread,
        target,
        label,
        author: who.to_owned(),
        created: now.to_owned(),
        text,
        edited: now.to_owned(),
        resolved: false,
        status_by: None,
        status_at: None,
        withdrawn: None,
    };
    let check_new_uid = |uid: &str| -> Result<()> {
        if uid.trim().is_empty() || comment_row(tx, uid).optional_row()?.is_some() {
            return Err(StoreError::Conflict);
        }
        Ok(())
    };
    match action {
        CommentAction::Write { uid, target, text } => {
            check_new_uid(uid)?;
            let label = label_of(tx, *target)?;
            insert(tx, &new(uid, None, Some(*target), label, text_of(text)?))
        }
        CommentAction::Reply { uid, thread, text } => {
            check_new_uid(uid)?;
            let first = comment_row(tx, thread)?;
            if first.thread.is_some() {
                return invalid("reply to the thread's first comment");
            }
            insert(tx, &new(uid, Some(first.uid), first.target, first.label, text_of(text)?))
        }
        CommentAction::Edit { uid, text } => {
            let mut c = own_comment(tx, uid, who, "edit")?;
            c.text = text_of(text)?;
            c.edited = now.to_owned();
            update(tx, &c)
        }
        CommentAction::Resolve { uid, resolved } => {
            let mut c = comment_row(tx, uid)?;
            if c.thread.is_some() {
                return invalid("a reply is resolved with its thread; resolve the thread's first comment");
            }
            c.resolved = *resolved;
            c.status_by = Some(who.to_owned());
            c.status_at = Some(now.to_owned());
            update(tx, &c)
        }
        CommentAction::Withdraw { uid } => {
            let mut c = own_comment(tx, uid, who, "withdraw")?;
            c.withdrawn = Some(now.to_owned());
            c.text.clear();
            c.edited = now.to_owned();
            update(tx, &c)
        }
    }
}

/// A comment `who` wrote and has not withdrawn (only its author edits or withdraws it).
fn own_comment(tx: &Connection, uid: &str, who: &str, verb: &str) -> Result<Comment> {
    let c = comment_row(tx, uid)?;
    if c.author != who {
        return invalid(format!("only its author, {}, can {verb} this comment; reply to it instead", c.author));
    }
    if c.is_withdrawn() {
        return invalid("this comment was withdrawn");
    }
    Ok(c)
}

/// What `target` is, in words, as the comment keeps it: "code “Trust”", a passage's quote.
fn label_of(tx: &Connection, target: CommentTarget) -> Result<String> {
    let quoted = |what: &str, table: &str, id: i64| -> Result<String> {
        let name: String = query_row(tx, &format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: kind_static(what), id })?;
        Ok(format!("{what} \u{201c}{name}\u{201d}"))
    };
    Ok(match target {
        CommentTarget::Project => "the project".into(),
        CommentTarget::Code(id) => quoted("code", "code", id.0)?,
        CommentTarget::Concept(id) => quoted("concept", "concept", id.0)?,
        CommentTarget::Category(id) => quoted("category", "category", id.0)?,
        CommentTarget::Relation(id) => query_row(
            tx,
            "SELECT f.name, r.kind, t.name FROM relation r JOIN category f ON f.id = r.from_id
             JOIN category t ON t.id = r.to_id WHERE r.id = ?1",
            [id.0],
            |r| {
                Ok(format!(
                    "relation \u{201c}{}\u{201d} {} \u{201c}{}\u{201d}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "relation", id: id.0 })?,
        CommentTarget::Coding(id) => query_row(
            tx,
            "SELECT substr(t.text, c.start + 1, min(c.end - c.start, 80)), c.end - c.start, k.name, d.title
             FROM coding c JOIN document d ON d.id = c.document_id JOIN document_text t ON t.document_id = d.id
             JOIN code k ON k.id = c.code_id WHERE c.id = ?1",
            [id.0],
            |r| {
                let quote: String = r.get(0)?;
                let more = if r.get::<_, i64>(1)? > 80 { "\u{2026}" } else { "" };
                let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
                Ok(format!(
                    "passage \u{201c}{quote}{more}\u{201d} coded \u{201c}{}\u{201d} in {}",
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "coded passage", id: id.0 })?,
        CommentTarget::Memo(id) => query_row(tx, "SELECT title, text FROM memo WHERE id = ?1", [id.0], |r| {
            let (title, text): (String, String) = (r.get(0)?, r.get(1)?);
            let first = if title.trim().is_empty() { text.lines().next().unwrap_or("").to_owned() } else { title };
            let first: String = first.chars().take(60).collect();
            Ok(if first.trim().is_empty() {
                "a memo".to_owned()
            } else {
                format!("memo \u{201c}{}\u{201d}", first.trim())
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound { what: "memo", id: id.0 })?,
    })
}

fn kind_static(what: &str) -> &'static str {
    match what {
        "code" => "code",
        "concept" => "concept",
        _ => "category",
    }
}

fn insert(tx: &Connection, c: &Comment) -> Result<()> {
    let (kind, id) = target_columns(c);
    tx.execute(
        &format!(
            "INSERT INTO comment ({COMMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        ),
        params![
            c.uid,
            c.thread,
            kind,
            id,
            c.label,
            c.author,
            c.created,
            c.text,
            c.edited,
            c.resolved,
            c.status_by,
            c.status_at,
            c.withdrawn
        ],
    )?;
    Ok(())
}

/// A comment's stored target: its kind, and its id (none for the project, or when the target
/// is only in the copy it came from: then the kind is read back from the label).
fn target_columns(c: &Comment) -> (&'static str, Option<i64>) {
    match c.target {
        Some(t) => (t.kind(), t.id()),
        None => {
            let kind = ["code", "concept", "category", "relation", "memo"]
                .into_iter()
                .find(|k| c.label.starts_with(k))
                .unwrap_or("coding");
            (kind, None)
        }
    }
}

fn update(tx: &Connection, c: &Comment) -> Result<()> {
    tx.execute(
        "UPDATE comment SET text = ?2, edited = ?3, resolved = ?4, status_by = ?5, status_at = ?6, withdrawn = ?7
         WHERE uid = ?1",
        params![c.uid, c.text, c.edited, c.resolved, c.status_by, c.status_at, c.withdrawn],
    )?;
    Ok(())
}

/// The same comment from two files, merged: the later text, the later status, and a
/// withdrawal wins. Where it is attached stays as this project has it.
pub fn merge(mine: &Comment, theirs: &Comment) -> Comment {
    let mut out = mine.clone();
    // Ties (the same instant) go to the greater text, so merging either way gives the same.
    if (&theirs.edited, &theirs.text) > (&mine.edited, &mine.text) {
        out.text = theirs.text.clone();
        out.edited = theirs.edited.clone();
    }
    if (&theirs.status_at, theirs.resolved) > (&mine.status_at, mine.resolved) {
        out.resolved = theirs.resolved;
        out.status_by = theirs.status_by.clone();
        out.status_at = theirs.status_at.clone();
    }
    if let Some(when) = mine.withdrawn.clone().max(theirs.withdrawn.clone()) {
        out.withdrawn = Some(when);
        out.text.clear();
    }
    out
}

/// The last audit row the two files share: the moment the copy was made (rows are never
/// deleted and ids never reused, so both hold the same rows up to there and differ after).
fn fork_point(ours: &Connection, theirs: &Connection) -> Result<i64> {
    // Not `at`: a burst of typing updates its row's time in place, in the copy or at home.
    let key = |conn: &Connection, id: i64| -> Result<Option<(String, String, String)>> {
        Ok(query_row(conn, "SELECT who, event, label FROM audit WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
    };
    let max = |conn: &Connection| -> Result<i64> {
        Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
    };
    let (mut lo, mut hi) = (0, max(ours)?.min(max(theirs)?));
    // The largest id at which both agree; agreement holds for a prefix.
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        let same = key(ours, mid)?.is_some_and(|k| Some(k) == key(theirs, mid).ok().flatten());
        if same {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(lo)
}

/// What the copy made itself after `fork`: the targets created by its own steps ('do' rows;
/// an undo or redo only brings back what was made before).
fn created_after(conn: &Connection, fork: i64) -> Result<HashSet<CommentTarget>> {
    let mut stmt = conn.prepare("SELECT action FROM audit WHERE id > ?1 AND event = 'do' ORDER BY id")?;
    let mut out = HashSet::new();
    for json in stmt.query_map([fork], |r| r.get::<_, String>(0))? {
        if let Ok(action) = serde_json::from_str::<Action>(&json?) {
            collect_created(&action, &mut out);
        }
    }
    Ok(out)
}

fn collect_created(action: &Action, out: &mut HashSet<CommentTarget>) {
    match action {
        Action::CreateCode { id, .. } => {
            out.insert(CommentTarget::Code(*id));
        }
        Action::CreateConcept { id, .. } => {
            out.insert(CommentTarget::Concept(*id));
        }
        Action::CreateCategory { id, .. } => {
            out.insert(CommentTarget::Category(*id));
        }
        Action::CreateRelation { id, .. } => {
            out.insert(CommentTarget::Relation(*id));
        }
        Action::CreateCoding { id, .. } => {
            out.insert(CommentTarget::Coding(*id));
        }
        Action::CreateMemo { id, .. } => {
            out.insert(CommentTarget::Memo(*id));
        }
        Action::Batch { actions, .. } => actions.iter().for_each(|a| collect_created(a, out)),
        _ => {}
    }
}
