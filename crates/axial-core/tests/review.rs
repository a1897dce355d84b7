//! Review through the store: a store opened for review writes comments and nothing else, and
//! the usual round trip works: the student sends a copy, the supervisor comments on it while
//! the student keeps working, and the copy's comments come home with nothing of either side
//! lost.

use axial_core::model::*;
use axial_core::store::{Store, StoreError, backup::copy_project};
use std::path::{Path, PathBuf};

struct Study {
    _dir: tempfile::TempDir,
    path: PathBuf,
    trust: CodeId,
    loyalty: CategoryId,
    coding: CodingId,
    memo: MemoId,
    relation: RelationId,
}

fn as_user(store: &mut Store, user: &str) {
    store.set_user(user);
}

/// A small project: a document, a code with a coding, two categories related, a memo.
fn study() -> Study {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thesis.axial");
    let mut store = Store::create(&path).unwrap();
    as_user(&mut store, "student");
    let mut ids = store.ids().unwrap();
    let (doc, trust, coding, memo) = (ids.document(), ids.code(), ids.coding(), ids.memo());
    let (loyalty, trust_cat, relation) = (ids.category(), ids.category(), ids.relation());
    let actions = vec![
        Action::AddDocument {
            id: doc,
            title: "Interview A".into(),
            text: "A: I trust the bank because they call me by name.".into(),
            case: None,
            imported: "t".into(),
        },
        Action::CreateCode {
            id: trust,
            name: "Trust".into(),
            color: "#4477aa".into(),
            definition: String::new(),
            concept: None,
        },
        Action::CreateCoding {
            id: coding,
            document: doc,
            code: trust,
            start: 3,
            end: 20,
            coder: "student".into(),
            created: "t".into(),
        },
        Action::CreateCategory { id: loyalty, name: "Loyalty".into(), class: Some(ParadigmClass::Consequences) },
        Action::CreateCategory { id: trust_cat, name: "Building trust".into(), class: Some(ParadigmClass::Strategies) },
        Action::CreateRelation { id: relation, from: trust_cat, to: loyalty, kind: "leads to".into() },
        Action::CreateMemo {
            id: memo,
            target: MemoTarget::Code(trust),
            title: "Why trust".into(),
            text: "Names matter.".into(),
            author: "student".into(),
            created: "t".into(),
            modified: "t".into(),
        },
    ];
    store.apply(&Action::Batch { label: "Set up".into(), actions }).unwrap();
    Study { _dir: dir, path, trust, loyalty, coding, memo, relation }
}

fn write(store: &mut Store, target: CommentTarget, text: &str) -> String {
    let uid = new_uid();
    store.comment(&CommentAction::Write { uid: uid.clone(), target, text: text.into() }).unwrap();
    uid
}

fn reply(store: &mut Store, thread: &str, text: &str) -> String {
    let uid = new_uid();
    store.comment(&CommentAction::Reply { uid: uid.clone(), thread: thread.into(), text: text.into() }).unwrap();
    uid
}

fn comments(path: &Path) -> Comments {
    Comments::new(Store::open_read_only(path).unwrap().comments().unwrap())
}

#[test]
fn a_store_opened_for_review_writes_comments_and_nothing_else() {
    let s = study();
    let mut review = Store::open_for_review(&s.path).unwrap();
    as_user(&mut review, "supervisor");
    let before = review.load().unwrap();
    let history = review.history().unwrap();
    for result in [
        review.apply(&Action::SetProjectName { name: "x".into() }).map(drop),
        review.undo().map(drop),
        review.redo().map(drop),
        review.forget_history(),
    ] {
        assert!(matches!(result, Err(StoreError::Review)), "{result:?}");
    }
    let err = review.apply(&Action::DeleteCode { id: s.trust }).unwrap_err();
    assert!(err.to_string().contains("open for review"), "{err}");
    // A comment on each kind of thing a reviewer looks at.
    let targets = [
        (CommentTarget::Code(s.trust), "code \u{201c}Trust\u{201d}"),
        (CommentTarget::Category(s.loyalty), "category \u{201c}Loyalty\u{201d}"),
        (
            CommentTarget::Relation(s.relation),
            "relation \u{201c}Building trust\u{201d} leads to \u{201c}Loyalty\u{201d}",
        ),
        (
            CommentTarget::Coding(s.coding),
            "passage \u{201c}I trust the bank\u{201d} coded \u{201c}Trust\u{201d} in Interview A",
        ),
        (CommentTarget::Memo(s.memo), "memo \u{201c}Why trust\u{201d}"),
        (CommentTarget::Project, "the project"),
    ];
    for (target, _) in targets {
        write(&mut review, target, "Say more about this.");
    }
    drop(review);
    let store = Store::open(&s.path).unwrap();
    assert_eq!(store.load().unwrap(), before, "the project is as it was");
    assert_eq!(store.history().unwrap(), history, "the undo history is as it was");
    let all = Comments::new(store.comments().unwrap());
    for (target, label) in targets {
        let threads = all.threads_on(Some(target));
        assert_eq!(threads.len(), 1, "{target:?}");
        assert_eq!(threads[0].first.label, label);
        assert_eq!(threads[0].first.author, "supervisor");
    }
    assert_eq!(store.undo_label().unwrap().as_deref(), Some("Set up"), "comments are not undo steps");
}

#[test]
fn replies_resolve_edit_and_withdraw_follow_their_rules() {
    let s = study();
    let mut sup = Store::open_for_review(&s.path).unwrap();
    as_user(&mut sup, "supervisor");
    let thread = write(&mut sup, CommentTarget::Code(s.trust), "Is this trust or familiarity?");
    let mut me = Store::open(&s.path).unwrap();
    as_user(&mut me, "student");
    let answer = reply(&mut me, &thread, "Familiarity first; see memo.");
    // Only a thread's first comment takes replies and a status; only its author edits it.
    let err = me.comment(&CommentAction::Reply { uid: new_uid(), thread: answer.clone(), text: "x".into() });
    assert!(err.unwrap_err().to_string().contains("first comment"));
    let err = me.comment(&CommentAction::Edit { uid: thread.clone(), text: "mine now".into() }).unwrap_err();
    assert!(err.to_string().contains("only its author, supervisor"), "{err}");
    let err =
        me.comment(&CommentAction::Write { uid: new_uid(), target: CommentTarget::Code(s.trust), text: "  ".into() });
    assert!(err.unwrap_err().to_string().contains("empty"));
    let err = me.comment(&CommentAction::Write {
        uid: new_uid(),
        target: CommentTarget::Code(CodeId(999)),
        text: "x".into(),
    });
    assert!(matches!(err, Err(StoreError::NotFound { .. })));
    let resolved = me.comment(&CommentAction::Resolve { uid: thread.clone(), resolved: true }).unwrap();
    assert!(resolved.resolved && resolved.status_by.as_deref() == Some("student"));
    me.comment(&CommentAction::Edit { uid: answer.clone(), text: "Familiarity first.".into() }).unwrap();
    let withdrawn = me.comment(&CommentAction::Withdraw { uid: answer.clone() }).unwrap();
    assert!(withdrawn.is_withdrawn() && withdrawn.text.is_empty());
    let all = comments(&s.path);
    let t = all.thread(&thread).unwrap();
    assert!(!t.is_open());
    assert_eq!(t.replies.len(), 1, "a withdrawn reply keeps its place in the thread");
    // A read-only store writes no comment.
    let mut ro = Store::open_read_only(&s.path).unwrap();
    let err = ro.comment(&CommentAction::Write { uid: new_uid(), target: CommentTarget::Project, text: "x".into() });
    assert!(matches!(err, Err(StoreError::ReadOnly)));
}

/// The round trip: copy out, comment and work in parallel, bring the comments home.
#[test]
fn a_reviewed_copy_s_comments_come_home_and_nothing_of_either_side_is_lost() {
    let s = study();
    let mut student = Store::open(&s.path).unwrap();
    as_user(&mut student, "student");
    // An earlier round left a thread the student answers now.
    let old_thread = write(&mut student, CommentTarget::Category(s.loyalty), "Earlier note to self.");
    let copy = s.path.with_file_name("thesis (for review).axial");
    copy_project(&s.path, &copy).unwrap();

    // The supervisor reviews the copy.
    let mut sup = Store::open_for_review(&copy).unwrap();
    as_user(&mut sup, "supervisor");
    let on_code = write(&mut sup, CommentTarget::Code(s.trust), "Define trust before coding more.");
    let on_passage = write(&mut sup, CommentTarget::Coding(s.coding), "Is this trust or habit?");
    let on_memo = write(&mut sup, CommentTarget::Memo(s.memo), "Good memo.");
    let on_relation = write(&mut sup, CommentTarget::Relation(s.relation), "Evidence for this link?");
    let sup_reply = reply(&mut sup, &old_thread, "I agree with your note.");
    sup.comment(&CommentAction::Resolve { uid: on_memo.clone(), resolved: true }).unwrap();
    drop(sup);

    // Meanwhile the student keeps working: renames the commented code, adds one, comments,
    // resolves the earlier thread.
    student
        .apply(&Action::UpdateCode {
            id: s.trust,
            name: "Trust in staff".into(),
            color: "#4477aa".into(),
            definition: "d".into(),
        })
        .unwrap();
    let new_code = student.ids().unwrap().code();
    student
        .apply(&Action::CreateCode {
            id: new_code,
            name: "Habit".into(),
            color: "#228833".into(),
            definition: String::new(),
            concept: None,
        })
        .unwrap();
    let own = write(&mut student, CommentTarget::Code(new_code), "New code, check with supervisor.");
    student.comment(&CommentAction::Resolve { uid: old_thread.clone(), resolved: true }).unwrap();
    let model_before = student.load().unwrap();

    let imported = student.import_comments(&copy).unwrap();
    assert_eq!((imported.new_threads, imported.new_replies, imported.detached), (4, 1, 0), "{imported:?}");
    assert_eq!(imported.updated, 0, "the student's resolution is newer than the copy's open thread");
    assert_eq!(student.load().unwrap(), model_before, "the model is untouched");
    let all = Comments::new(student.comments().unwrap());
    assert_eq!(all.len(), 7, "the student's two, the supervisor's five");
    assert_eq!(all.threads_on(Some(CommentTarget::Code(s.trust)))[0].first.uid, on_code, "on the renamed code");
    assert_eq!(all.threads_on(Some(CommentTarget::Coding(s.coding)))[0].first.uid, on_passage);
    assert_eq!(all.threads_on(Some(CommentTarget::Relation(s.relation)))[0].first.uid, on_relation);
    assert!(all.thread(&on_memo).unwrap().first.resolved, "the supervisor's resolution came along");
    let old = all.thread(&old_thread).unwrap();
    assert!(old.first.resolved, "the student's own resolution stays");
    assert_eq!(old.replies[0].uid, sup_reply);
    assert!(all.get(&own).is_some());

    // Bringing the same copy in again changes nothing.
    let again = student.import_comments(&copy).unwrap();
    assert_eq!((again.new_threads, again.new_replies, again.updated), (0, 0, 0));
    assert_eq!(Comments::new(student.comments().unwrap()), all);

    // A later edit on either side wins; a withdrawal wins.
    let mut sup = Store::open_for_review(&copy).unwrap();
    as_user(&mut sup, "supervisor");
    sup.comment(&CommentAction::Edit { uid: on_code.clone(), text: "Define trust first, please.".into() }).unwrap();
    sup.comment(&CommentAction::Withdraw { uid: on_relation.clone() }).unwrap();
    drop(sup);
    let third = student.import_comments(&copy).unwrap();
    assert_eq!(third.updated, 2, "{third:?}");
    let all = Comments::new(student.comments().unwrap());
    assert_eq!(all.get(&on_code).unwrap().text, "Define trust first, please.");
    assert!(all.get(&on_relation).unwrap().is_withdrawn());
}

#[test]
fn comments_from_another_project_or_the_project_itself_are_refused() {
    let s = study();
    let other = study();
    let mut store = Store::open(&s.path).unwrap();
    let err = store.import_comments(&other.path).unwrap_err().to_string();
    assert!(err.contains("not a copy of this project"), "{err}");
    let err = store.import_comments(&s.path).unwrap_err().to_string();
    assert!(err.contains("this project itself"), "{err}");
    let junk = s.path.with_file_name("junk.axial");
    std::fs::write(&junk, "not a database").unwrap();
    let err = store.import_comments(&junk).unwrap_err().to_string();
    assert!(err.contains("not an Axial project"), "{err}");
    assert!(store.comments().unwrap().is_empty());
}

/// A copy someone also edited: a comment on something made only in the copy keeps its words
/// and what it was on, but does not land on whatever has that id at home.
#[test]
fn a_comment_on_something_made_only_in_the_copy_is_kept_without_a_target() {
    let s = study();
    let copy = s.path.with_file_name("copy.axial");
    copy_project(&s.path, &copy).unwrap();
    let mut theirs = Store::open(&copy).unwrap();
    let made_there = theirs.ids().unwrap().code();
    theirs
        .apply(&Action::CreateCode {
            id: made_there,
            name: "Only there".into(),
            color: "#000000".into(),
            definition: String::new(),
            concept: None,
        })
        .unwrap();
    let uid = write(&mut theirs, CommentTarget::Code(made_there), "About the new code.");
    drop(theirs);
    let mut home = Store::open(&s.path).unwrap();
    let same_id = home.ids().unwrap().code();
    assert_eq!(same_id, made_there, "the same id is free at home");
    home.apply(&Action::CreateCode {
        id: same_id,
        name: "Only here".into(),
        color: "#000000".into(),
        definition: String::new(),
        concept: None,
    })
    .unwrap();
    let imported = home.import_comments(&copy).unwrap();
    assert_eq!((imported.new_threads, imported.detached), (1, 1));
    let all = Comments::new(home.comments().unwrap());
    assert!(all.threads_on(Some(CommentTarget::Code(same_id))).is_empty(), "not on “Only here”");
    let c = all.get(&uid).unwrap();
    assert_eq!((c.target, c.label.as_str()), (None, "code \u{201c}Only there\u{201d}"));
}

/// A project from before comments: the upgrade gives it a uid derived from what every copy of
/// it shares, so two copies upgraded apart still know each other (and another project not).
#[test]
fn copies_of_an_older_project_upgraded_apart_share_their_uid() {
    let s = study();
    let conn = rusqlite::Connection::open(&s.path).unwrap();
    conn.execute_batch(
        "DROP TABLE comment; DROP TABLE review; ALTER TABLE project DROP COLUMN uid; PRAGMA user_version = 6;",
    )
    .unwrap();
    drop(conn);
    let (a, b) = (s.path.with_file_name("a.axial"), s.path.with_file_name("b.axial"));
    std::fs::copy(&s.path, &a).unwrap();
    std::fs::copy(&s.path, &b).unwrap();
    let uid_a = Store::open(&a).unwrap().project_uid().unwrap();
    // A reviewer does not upgrade the author's file: refused in a sentence, the file untouched.
    let before = std::fs::read(&b).unwrap();
    let err = Store::open_for_review(&b).err().expect("refused").to_string();
    assert!(err.contains("made by an older Axial") && err.lines().count() == 1, "{err}");
    assert_eq!(std::fs::read(&b).unwrap(), before);
    drop(Store::open(&b).unwrap());
    let mut store_b = Store::open_for_review(&b).unwrap();
    assert_eq!(store_b.project_uid().unwrap(), uid_a);
    assert_ne!(Store::open(&study().path).unwrap().project_uid().unwrap(), uid_a);
    write(&mut store_b, CommentTarget::Code(s.trust), "Reviewed on the upgraded copy.");
    drop(store_b);
    let imported = Store::open(&a).unwrap().import_comments(&b).unwrap();
    assert_eq!(imported.new_threads, 1);
}

/// What a window asks after every change from outside: were they only comments?
#[test]
fn a_window_tells_comments_only_from_other_changes_without_reading_actions() {
    let s = study();
    let mut store = Store::open(&s.path).unwrap();
    let mark = store.audit_mark().unwrap();
    assert_eq!(store.comments_only_since(mark).unwrap(), None, "nothing since");
    write(&mut store, CommentTarget::Project, "One.");
    write(&mut store, CommentTarget::Code(s.trust), "Two.");
    let last = store.audit_mark().unwrap();
    assert_eq!(store.comments_only_since(mark).unwrap(), Some(last));
    store.apply(&Action::SetProjectName { name: "renamed".into() }).unwrap();
    assert_eq!(store.comments_only_since(mark).unwrap(), None, "a model change among them");
    assert_eq!(store.comments_only_since(store.audit_mark().unwrap()).unwrap(), None);
}
