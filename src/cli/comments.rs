//! `axial comments` (list, add, reply, resolve, reopen, import) and `axial changes`: a
//! reviewer's side of a project from a terminal. Comment writes open the project for review,
//! so they can change nothing else.

use super::values::ReportFormat;
use anyhow::{Result, bail};
use axial_core::analysis::review_changes::{Snapshot, changes_since};
use axial_core::model::{
    CodingId, CommentAction, CommentTarget, Comments, MemoId, Project, RelationId, Thread, new_uid,
};
use axial_core::project::{self, Access};
use axial_core::store::Store;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CommentsOp {
    /// List the comment threads: the open ones, or --all (resolved and withdrawn too).
    List {
        project: PathBuf,
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// Start a thread on a code, concept, category (by name), relation ("FROM -> TO" or its id),
    /// coded passage or memo (by id: `axial report PROJECT retrieval|memos --format json` shows
    /// them) or the project.
    Add {
        project: PathBuf,
        #[arg(long, value_enum)]
        on: OnArg,
        /// The name or id of what the comment is on (nothing for --on project).
        #[arg(long)]
        target: Option<String>,
        text: String,
    },
    /// Reply in a thread (named by its id, or the first 8 characters of it, as `list` shows).
    Reply { project: PathBuf, thread: String, text: String },
    /// Mark a thread resolved.
    Resolve { project: PathBuf, thread: String },
    /// Open a resolved thread again.
    Reopen { project: PathBuf, thread: String },
    /// Bring in the comments of a copy of this project that came back from a reviewer.
    Import {
        project: PathBuf,
        /// The reviewed copy (.axial).
        copy: PathBuf,
    },
}

/// What a comment can be on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnArg {
    Project,
    Code,
    Concept,
    Category,
    Relation,
    Coding,
    Memo,
}

pub(super) fn comments(op: CommentsOp, out: &mut dyn std::io::Write) -> Result<()> {
    match op {
        CommentsOp::List { project: path, all, format } => {
            let store = project::open(&path, Access::Read)?;
            let comments = Comments::new(store.comments()?);
            let threads = if all { comments.threads() } else { comments.open_threads() };
            match format {
                ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&threads_json(&threads))?)?,
                _ => write!(out, "{}", threads_table(&threads, all))?,
            }
        }
        CommentsOp::Add { project: path, on, target, text } => {
            let mut store = open_for_comments(&path)?;
            let target = resolve_target(&store.load()?, on, target.as_deref())?;
            let uid = new_uid();
            let c = store.comment(&CommentAction::Write { uid, target, text })?;
            writeln!(out, "Commented on {} ({})", c.label, short(&c.uid))?;
        }
        CommentsOp::Reply { project: path, thread, text } => {
            let mut store = open_for_comments(&path)?;
            let thread = find_thread(&store, &thread)?;
            let c = store.comment(&CommentAction::Reply { uid: new_uid(), thread, text })?;
            writeln!(out, "Replied on {}", c.label)?;
        }
        CommentsOp::Resolve { project: path, thread } => set_status(&path, &thread, true, out)?,
        CommentsOp::Reopen { project: path, thread } => set_status(&path, &thread, false, out)?,
        CommentsOp::Import { project: path, copy } => {
            let mut store = open_for_comments(&path)?;
            let imported = store.import_comments(&copy)?;
            writeln!(out, "Brought in {}", imported.summary())?;
        }
    }
    Ok(())
}

fn set_status(path: &std::path::Path, thread: &str, resolved: bool, out: &mut dyn std::io::Write) -> Result<()> {
    let mut store = open_for_comments(path)?;
    let uid = find_thread(&store, thread)?;
    let c = store.comment(&CommentAction::Resolve { uid, resolved })?;
    writeln!(out, "{} the thread on {}", if resolved { "Resolved" } else { "Reopened" }, c.label)?;
    Ok(())
}

/// Opens `path` to write comments: for review (nothing else can change), or refuses a sample.
fn open_for_comments(path: &std::path::Path) -> Result<Store> {
    if project::is_sample_folder(path) {
        bail!(
            "a sample folder is never written, so it keeps no comments; comment on a .axial project: {}",
            path.display()
        );
    }
    Ok(project::open(path, Access::Review)?)
}

/// A thread named by its uid or a unique prefix of it (at least 6 characters).
fn find_thread(store: &Store, given: &str) -> Result<String> {
    let comments = Comments::new(store.comments()?);
    let given = given.trim();
    let matches: Vec<&str> = comments
        .threads()
        .into_iter()
        .map(|t| t.first.uid.as_str())
        .filter(|u| *u == given || (given.len() >= 6 && u.starts_with(given)))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => bail!("there is no comment thread {given:?}; `axial comments list --all` shows their ids"),
        _ => bail!("{given:?} names more than one thread; give more of its id"),
    }
}

/// What `--on KIND --target X` names.
fn resolve_target(p: &Project, on: OnArg, target: Option<&str>) -> Result<CommentTarget> {
    let need = |what: &str| -> Result<&str> {
        match target.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Ok(t),
            None => bail!("say which {what} with --target"),
        }
    };
    let id = |what: &str| -> Result<i64> {
        let t = need(what)?;
        t.trim_start_matches('#')
            .parse()
            .map_err(|_| anyhow::anyhow!("a {what} is named by its id, such as --target 12"))
    };
    Ok(match on {
        OnArg::Project => CommentTarget::Project,
        OnArg::Code => {
            let name = need("code")?;
            let Some(c) = p.code_named(name) else { bail!("there is no code named {name:?}") };
            CommentTarget::Code(c.id)
        }
        OnArg::Concept => {
            let name = need("concept")?;
            let Some(c) = p.concepts().find(|c| c.name == name) else { bail!("there is no concept named {name:?}") };
            CommentTarget::Concept(c.id)
        }
        OnArg::Category => {
            let name = need("category")?;
            let Some(c) = p.categories().find(|c| c.name == name) else { bail!("there is no category named {name:?}") };
            CommentTarget::Category(c.id)
        }
        OnArg::Relation => match need("relation")?.split_once("->") {
            // "FROM -> TO", by the categories' names.
            Some((from, to)) => {
                let (from, to) = (from.trim(), to.trim());
                let name = |c: axial_core::model::CategoryId| p.category(c).map(|c| c.name.as_str());
                let found: Vec<RelationId> = p
                    .relations()
                    .filter(|r| name(r.from) == Some(from) && name(r.to) == Some(to))
                    .map(|r| r.id)
                    .collect();
                match found.as_slice() {
                    [one] => CommentTarget::Relation(*one),
                    [] => bail!("there is no relation from {from:?} to {to:?}"),
                    _ => bail!("there are several relations from {from:?} to {to:?}; name one by its id"),
                }
            }
            None => CommentTarget::Relation(RelationId(id("relation")?)),
        },
        OnArg::Coding => CommentTarget::Coding(CodingId(id("coded passage")?)),
        OnArg::Memo => CommentTarget::Memo(MemoId(id("memo")?)),
    })
}

/// The first 8 characters of a uid, as `list` shows it.
fn short(uid: &str) -> &str {
    uid.get(..8).unwrap_or(uid)
}

/// "2026-12-06 14:02" from an RFC 3339 time.
fn when(t: &str) -> String {
    t.get(..16).map(|s| s.replace('T', " ")).unwrap_or_else(|| t.to_owned())
}

fn threads_table(threads: &[Thread], all: bool) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    if threads.is_empty() {
        let _ = writeln!(s, "{}", if all { "No comments." } else { "No open comments." });
        return s;
    }
    for t in threads {
        let status = if t.first.is_withdrawn() {
            "withdrawn"
        } else if t.first.resolved {
            "resolved"
        } else {
            "open"
        };
        let on = if t.first.target.is_none() {
            format!("{} (no longer here)", t.first.label)
        } else {
            t.first.label.clone()
        };
        let _ = writeln!(s, "{status:<9} {}  {on}", short(&t.first.uid));
        for c in std::iter::once(&t.first).chain(&t.replies) {
            let text = if c.is_withdrawn() { "(withdrawn)".to_owned() } else { c.text.replace('\n', " ") };
            let _ = writeln!(s, "          {} {}: {text}", c.author, when(&c.created));
        }
    }
    s
}

fn threads_json(threads: &[Thread]) -> serde_json::Value {
    let comment = |c: &axial_core::model::Comment| {
        serde_json::json!({
            "id": c.uid,
            "author": c.author,
            "created": c.created,
            "edited": c.edited,
            "text": c.text,
            "withdrawn": c.withdrawn.is_some(),
        })
    };
    serde_json::Value::Array(
        threads
            .iter()
            .map(|t| {
                let mut v = comment(t.first);
                v["on"] = serde_json::json!({
                    "kind": t.first.target.map(|x| x.kind()),
                    "id": t.first.target.and_then(|x| x.id()),
                    "label": t.first.label,
                });
                v["status"] = serde_json::json!(if t.first.resolved { "resolved" } else { "open" });
                v["status_by"] = serde_json::json!(t.first.status_by);
                v["replies"] = serde_json::Value::Array(t.replies.iter().map(|c| comment(c)).collect());
                v
            })
            .collect(),
    )
}

/// `axial changes`: what changed since a reviewer last reviewed the project (it notes nothing).
pub(super) fn changes(
    path: PathBuf,
    reviewer: Option<String>,
    format: ReportFormat,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let store = project::open(&path, Access::Read)?;
    let reviewer = reviewer.unwrap_or_else(|| store.user().to_owned());
    let Some(last) = store.last_review_by(&reviewer)? else {
        bail!(
            "{reviewer} has not reviewed this project yet (a review is noted when a window opened with `axial --review` closes)"
        );
    };
    let Some(before) = Snapshot::from_json(&last.snapshot) else {
        bail!("the record of {reviewer}'s last review cannot be read, so the changes since cannot be listed");
    };
    let changes = changes_since(&before, &store.load()?, &store.audit_since(last.audit_mark)?);
    if format == ReportFormat::Json {
        let rows: Vec<serde_json::Value> = changes
            .iter()
            .map(|c| serde_json::json!({"area": c.area.label(), "what": c.what, "who": c.who, "at": c.at}))
            .collect();
        let json = serde_json::json!({"reviewer": reviewer, "since": last.opened, "changes": rows});
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(());
    }
    writeln!(out, "Changes since {reviewer} last reviewed ({}): {}", when(&last.opened), changes.len())?;
    let mut area = None;
    for c in &changes {
        if area != Some(c.area) {
            writeln!(out, "\n{}", c.area.label())?;
            area = Some(c.area);
        }
        let by = match (&c.who[..], &c.at) {
            ([], None) => String::new(),
            (who, at) => {
                format!("  ({}{})", who.join(", "), at.as_deref().map(|a| format!(", {}", when(a))).unwrap_or_default())
            }
        };
        writeln!(out, "  {}{by}", c.what)?;
    }
    Ok(())
}
