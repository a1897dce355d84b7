//! Review comments: what a supervisor (or anyone) writes on a code, concept, category,
//! relation, coded passage or memo, with replies, each thread open or resolved.
//!
//! Comments are a conversation about the analysis, not part of it: they live in the project
//! file (one project, one file; a copy sent for review carries them back) but outside the undo
//! history, so stepping the model back never takes someone's words away, and a reviewer who
//! may change nothing else can write them. Each has a `uid` (random, 128 bits) that survives
//! copies, so bringing a reviewed copy's comments home merges them instead of doubling them.
//!
//! [`Comments`] holds them in memory, indexed by target and by thread; it is patched from the
//! comments the store returns after each write.

use super::{CategoryId, CodeId, CodingId, ConceptId, MemoId, RelationId};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a comment is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "on", content = "id", rename_all = "snake_case")]
pub enum CommentTarget {
    /// The project as a whole.
    Project,
    Code(CodeId),
    Concept(ConceptId),
    Category(CategoryId),
    Relation(RelationId),
    /// A coded passage.
    Coding(CodingId),
    Memo(MemoId),
}

impl CommentTarget {
    /// Whether what it names is in `project` now (a deleted item's comments stay; undoing the
    /// delete brings the item back under them).
    pub fn exists_in(&self, project: &super::Project) -> bool {
        match *self {
            CommentTarget::Project => true,
            CommentTarget::Code(id) => project.code(id).is_some(),
            CommentTarget::Concept(id) => project.concept(id).is_some(),
            CommentTarget::Category(id) => project.category(id).is_some(),
            CommentTarget::Relation(id) => project.relation(id).is_some(),
            CommentTarget::Coding(id) => project.coding(id).is_some(),
            CommentTarget::Memo(id) => project.memo(id).is_some(),
        }
    }

    /// The kind as stored and shown: "code", "coding"...
    pub fn kind(&self) -> &'static str {
        match self {
            CommentTarget::Project => "project",
            CommentTarget::Code(_) => "code",
            CommentTarget::Concept(_) => "concept",
            CommentTarget::Category(_) => "category",
            CommentTarget::Relation(_) => "relation",
            CommentTarget::Coding(_) => "coding",
            CommentTarget::Memo(_) => "memo",
        }
    }

    /// The row id of the target (none for the project).
    pub fn id(&self) -> Option<i64> {
        match *self {
            CommentTarget::Project => None,
            CommentTarget::Code(id) => Some(id.0),
            CommentTarget::Concept(id) => Some(id.0),
            CommentTarget::Category(id) => Some(id.0),
            CommentTarget::Relation(id) => Some(id.0),
            CommentTarget::Coding(id) => Some(id.0),
            CommentTarget::Memo(id) => Some(id.0),
        }
    }

    /// The target from its stored kind and id; `None` for a kind no Axial writes.
    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<CommentTarget> {
        Some(match (kind, id) {
            ("project", _) => CommentTarget::Project,
            ("code", Some(id)) => CommentTarget::Code(CodeId(id)),
            ("concept", Some(id)) => CommentTarget::Concept(ConceptId(id)),
            ("category", Some(id)) => CommentTarget::Category(CategoryId(id)),
            ("relation", Some(id)) => CommentTarget::Relation(RelationId(id)),
            ("coding", Some(id)) => CommentTarget::Coding(CodingId(id)),
            ("memo", Some(id)) => CommentTarget::Memo(MemoId(id)),
            _ => return None,
        })
    }
}

/// One comment: the first of a thread, or a reply in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub uid: String,
    /// The uid of the thread's first comment; `None` for a first comment.
    pub thread: Option<String>,
    /// What it is on; `None` when that exists only in the copy the comment came from (see
    /// `store::comments`), where `label` still says what it was.
    pub target: Option<CommentTarget>,
    /// What the target was when the comment was written ("code “Trust”", a quote): shown
    /// when the target has since been deleted.
    pub label: String,
    pub author: String,
    /// When it was written (RFC 3339, UTC).
    pub created: String,
    pub text: String,
    /// When its text last changed (`created` until edited).
    pub edited: String,
    /// Whether the thread is resolved (kept on its first comment).
    pub resolved: bool,
    /// Who last resolved or reopened the thread, and when.
    pub status_by: Option<String>,
    pub status_at: Option<String>,
    /// When its author withdrew it: kept (without its text) so a merge does not bring it back.
    pub withdrawn: Option<String>,
}

impl Comment {
    /// The uid of the thread this comment is in (its own, for a first comment).
    pub fn thread_uid(&self) -> &str {
        self.thread.as_deref().unwrap_or(&self.uid)
    }

    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }
}

/// A write to the comments, as data (the store fills in who and when). Recorded in the audit
/// trail, never in the undo history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "comment", rename_all = "snake_case")]
pub enum CommentAction {
    /// Starts a thread on `target`.
    Write { uid: String, target: CommentTarget, text: String },
    /// Replies in the thread whose first comment is `thread`.
    Reply { uid: String, thread: String, text: String },
    /// Changes a comment's text (its author only).
    Edit { uid: String, text: String },
    /// Resolves or reopens a thread (anyone may).
    Resolve { uid: String, resolved: bool },
    /// Withdraws a comment (its author only): its text goes, a mark stays.
    Withdraw { uid: String },
}

impl CommentAction {
    /// The comment it writes or changes.
    pub fn uid(&self) -> &str {
        match self {
            CommentAction::Write { uid, .. }
            | CommentAction::Reply { uid, .. }
            | CommentAction::Edit { uid, .. }
            | CommentAction::Resolve { uid, .. }
            | CommentAction::Withdraw { uid } => uid,
        }
    }

    /// What the audit trail calls it.
    pub fn label(&self) -> &'static str {
        match self {
            CommentAction::Write { .. } => "Comment",
            CommentAction::Reply { .. } => "Reply to a comment",
            CommentAction::Edit { .. } => "Edit a comment",
            CommentAction::Resolve { resolved: true, .. } => "Resolve a comment",
            CommentAction::Resolve { resolved: false, .. } => "Reopen a comment",
            CommentAction::Withdraw { .. } => "Withdraw a comment",
        }
    }
}

/// A thread: its first comment and the replies, oldest first (withdrawn ones included, so
/// the conversation keeps its shape; views show them as withdrawn).
#[derive(Clone, Debug)]
pub struct Thread<'a> {
    pub first: &'a Comment,
    pub replies: Vec<&'a Comment>,
}

impl Thread<'_> {
    /// Open: not resolved and not withdrawn.
    pub fn is_open(&self) -> bool {
        !self.first.resolved && !self.first.is_withdrawn()
    }

    /// When anything in the thread was last written.
    pub fn last_activity(&self) -> &str {
        let mut last = self.first.edited.as_str().max(self.first.status_at.as_deref().unwrap_or(""));
        for r in &self.replies {
            last = last.max(r.edited.as_str());
        }
        last
    }
}

/// Every comment of a project, by uid, with threads and targets indexed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    by_uid: BTreeMap<String, Comment>,
    /// First comments per target, in the order written.
    threads_by_target: FxHashMap<Option<CommentTarget>, Vec<String>>,
    /// Replies per thread, in the order written.
    replies: FxHashMap<String, Vec<String>>,
}

impl Comments {
    pub fn new(comments: impl IntoIterator<Item = Comment>) -> Comments {
        let mut c = Comments::default();
        let mut all: Vec<Comment> = comments.into_iter().collect();
        all.sort_by(|a, b| (&a.created, &a.uid).cmp(&(&b.created, &b.uid)));
        for comment in all {
            c.put(comment);
        }
        c
    }

    /// Adds or replaces a comment (as the store returned it after a write).
    pub fn put(&mut self, comment: Comment) {
        if let Some(old) = self.by_uid.get(&comment.uid) {
            if old.target == comment.target && old.thread == comment.thread {
                self.by_uid.insert(comment.uid.clone(), comment);
                return;
            }
            let old = old.clone();
            self.unindex(&old);
        }
        match &comment.thread {
            None => self.threads_by_target.entry(comment.target).or_default().push(comment.uid.clone()),
            Some(thread) => self.replies.entry(thread.clone()).or_default().push(comment.uid.clone()),
        }
        self.by_uid.insert(comment.uid.clone(), comment);
    }

    fn unindex(&mut self, old: &Comment) {
        let list = match &old.thread {
            None => self.threads_by_target.get_mut(&old.target),
            Some(thread) => self.replies.get_mut(thread),
        };
        if let Some(list) = list {
            list.retain(|u| *u != old.uid);
        }
    }

    pub fn get(&self, uid: &str) -> Option<&Comment> {
        self.by_uid.get(uid)
    }

    pub fn len(&self) -> usize {
        self.by_uid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_uid.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Comment> {
        self.by_uid.values()
    }

    /// The thread whose first comment is `uid`.
    pub fn thread(&self, uid: &str) -> Option<Thread<'_>> {
        let first = self.by_uid.get(uid)?;
        let replies =
            self.replies.get(uid).map(|r| r.iter().filter_map(|u| self.by_uid.get(u)).collect()).unwrap_or_default();
        Some(Thread { first, replies })
    }

    /// The threads on `target`, oldest first.
    pub fn threads_on(&self, target: Option<CommentTarget>) -> Vec<Thread<'_>> {
        self.threads_by_target
            .get(&target)
            .map(|uids| uids.iter().filter_map(|u| self.thread(u)).collect())
            .unwrap_or_default()
    }

    /// How many open threads are on `target`.
    pub fn open_on(&self, target: CommentTarget) -> usize {
        self.threads_on(Some(target)).iter().filter(|t| t.is_open()).count()
    }

    /// Every thread, most recent activity first.
    pub fn threads(&self) -> Vec<Thread<'_>> {
        let mut all: Vec<Thread<'_>> =
            self.threads_by_target.values().flatten().filter_map(|u| self.thread(u)).collect();
        all.sort_by(|a, b| b.last_activity().cmp(a.last_activity()).then_with(|| a.first.uid.cmp(&b.first.uid)));
        all
    }

    /// How many threads are open (without sorting them, for a tab's label every frame).
    pub fn open_count(&self) -> usize {
        self.threads_by_target
            .values()
            .flatten()
            .filter_map(|u| self.by_uid.get(u))
            .filter(|c| !c.resolved && !c.is_withdrawn())
            .count()
    }

    /// The open threads, most recent activity first.
    pub fn open_threads(&self) -> Vec<Thread<'_>> {
        self.threads().into_iter().filter(Thread::is_open).collect()
    }
}

/// A new random uid, in the form of a version 4 UUID.
pub fn new_uid() -> String {
    let bits = fastrand::u128(..);
    // Version 4, variant 1, as RFC 9562 lays them out.
    let bits = (bits & !(0xF << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    format_uuid(bits)
}

/// A uid that is the same wherever `seed` is the same (FNV-1a, twice, 64 bits each): for a
/// project made before uids, from what every copy of it shares.
pub fn derived_uid(seed: &str) -> String {
    let fnv = |basis: u64| seed.bytes().fold(basis, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3));
    let bits = (u128::from(fnv(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(fnv(0x6c62_272e_07bb_0142));
    format_uuid(bits)
}

fn format_uuid(bits: u128) -> String {
    let hex = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(uid: &str, thread: Option<&str>, target: CommentTarget, created: &str) -> Comment {
        Comment {
            uid: uid.into(),
            thread: thread.map(Into::into),
            target: Some(target),
            label: "code “Trust”".into(),
            author: "sam".into(),
            created: created.into(),
            text: format!("text of {uid}"),
            edited: created.into(),
            resolved: false,
            status_by: None,
            status_at: None,
            withdrawn: None,
        }
    }

    #[test]
    fn threads_gather_their_replies_and_are_found_by_target() {
        let code = CommentTarget::Code(CodeId(3));
        let comments = Comments::new([
            comment("r2", Some("a"), code, "2026-01-03T00:00:00Z"),
            comment("a", None, code, "2026-01-01T00:00:00Z"),
            comment("r1", Some("a"), code, "2026-01-02T00:00:00Z"),
            comment("b", None, CommentTarget::Project, "2026-01-04T00:00:00Z"),
        ]);
        let on_code = comments.threads_on(Some(code));
        assert_eq!(on_code.len(), 1);
        let replies: Vec<&str> = on_code[0].replies.iter().map(|c| c.uid.as_str()).collect();
        assert_eq!(replies, ["r1", "r2"], "oldest first");
        assert_eq!(comments.open_on(code), 1);
        assert_eq!(comments.open_count(), 2);
        let order: Vec<&str> = comments.threads().iter().map(|t| t.first.uid.as_str()).collect();
        assert_eq!(order, ["b", "a"], "latest activity first");
        let mut resolved = comments.get("a").unwrap().clone();
        resolved.resolved = true;
        resolved.status_at = Some("2026-01-05T00:00:00Z".into());
        let mut comments = comments;
        comments.put(resolved);
        assert_eq!(comments.open_on(code), 0);
        assert_eq!(comments.open_threads().len(), 1);
        assert_eq!(comments.open_count(), 1);
        assert_eq!(comments.threads()[0].first.uid, "a", "resolving is activity");
    }

    #[test]
    fn uids_look_like_uuids_and_derived_ones_are_stable() {
        let a = new_uid();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "version 4: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant 1: {a}");
        assert_ne!(a, new_uid());
        assert_eq!(derived_uid("2026-01-01T00:00:00Z"), derived_uid("2026-01-01T00:00:00Z"));
        assert_ne!(derived_uid("a"), derived_uid("b"));
    }
}
