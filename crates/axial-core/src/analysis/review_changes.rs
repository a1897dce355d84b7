//! What changed since a reviewer last reviewed a project: codes, concepts and categories added,
//! renamed, merged, moved or deleted; relations; codings added and removed per code; memos
//! written, edited and deleted; documents. Each change names its item (to jump to it, where it
//! still exists) and who made it and when.
//!
//! How: each review session keeps a [`Snapshot`] of what the project held (names, places,
//! per-code coding counts, memo times: small, never the texts) and the last audit row then.
//! The changes are the difference between that snapshot and the project now, so a code made
//! and deleted in between is no change, and a code renamed twice is one rename. The audit rows
//! since (the history the file keeps anyway) say who made each change and when, and which
//! deletions were merges.

use crate::model::{Action, CategoryId, CodeId, CodingId, ConceptId, DocumentId, MemoId, Project, RelationId};
use crate::store::AuditRow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What a project held when a review opened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Code id: name, concept.
    pub codes: BTreeMap<i64, (String, Option<i64>)>,
    /// Concept id: name, category.
    pub concepts: BTreeMap<i64, (String, Option<i64>)>,
    /// Category id: name, paradigm class key.
    pub categories: BTreeMap<i64, (String, Option<String>)>,
    pub core: Option<i64>,
    /// Relation id: from, to, kind.
    pub relations: BTreeMap<i64, (i64, i64, String)>,
    /// Memo id: when last modified.
    pub memos: BTreeMap<i64, String>,
    /// Codings per code.
    pub codings: BTreeMap<i64, usize>,
    /// The highest coding id (ids only grow: any coding above it is new).
    pub last_coding: i64,
    /// Document id: title.
    pub documents: BTreeMap<i64, String>,
}

impl Snapshot {
    pub fn of(p: &Project) -> Snapshot {
        let mut codings: BTreeMap<i64, usize> = BTreeMap::new();
        let mut last_coding = 0;
        for c in p.codings() {
            *codings.entry(c.code.0).or_default() += 1;
            last_coding = last_coding.max(c.id.0);
        }
        Snapshot {
            codes: p.codes().map(|c| (c.id.0, (c.name.clone(), c.concept.map(|x| x.0)))).collect(),
            concepts: p.concepts().map(|c| (c.id.0, (c.name.clone(), c.category.map(|x| x.0)))).collect(),
            categories: p
                .categories()
                .map(|c| (c.id.0, (c.name.clone(), c.class.map(|k| k.key().to_owned()))))
                .collect(),
            core: p.core_category().map(|c| c.0),
            relations: p.relations().map(|r| (r.id.0, (r.from.0, r.to.0, r.kind.clone()))).collect(),
            memos: p.memos().map(|m| (m.id.0, m.modified.clone())).collect(),
            codings,
            last_coding,
            documents: p.documents().map(|d| (d.id.0, d.title.clone())).collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot is plain data")
    }

    /// The snapshot stored in a review session; `None` if it is empty or unreadable.
    pub fn from_json(json: &str) -> Option<Snapshot> {
        serde_json::from_str(json).ok()
    }
}

/// What a change is about, to jump to it (only for what still exists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Category(CategoryId),
    Concept(ConceptId),
    Code(CodeId),
    Relation(RelationId),
    Coding(CodingId),
    Memo(MemoId),
    Document(DocumentId),
}

/// The kinds of change, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Categories,
    Concepts,
    Codes,
    Relations,
    Codings,
    Memos,
    Documents,
}

impl Area {
    pub fn label(self) -> &'static str {
        match self {
            Area::Categories => "Categories",
            Area::Concepts => "Concepts",
            Area::Codes => "Codes",
            Area::Relations => "Relations",
            Area::Codings => "Codings",
            Area::Memos => "Memos",
            Area::Documents => "Documents",
        }
    }
}

/// One change since the last review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewChange {
    pub area: Area,
    /// One sentence: "Code “Trust” renamed to “Trust in staff”".
    pub what: String,
    /// Where to jump; `None` when the item is gone.
    pub item: Option<Item>,
    /// Who made it, and when (latest), from the audit trail; empty when it does not say.
    pub who: Vec<String>,
    pub at: Option<String>,
}

/// Who touched what, from the audit rows since the last review.
#[derive(Default)]
struct Touches {
    by: HashMap<(Area, i64), (Vec<String>, String)>,
    /// Deleted code, concept or category id: the name it was merged into.
    merged_into: HashMap<(Area, i64), String>,
}

impl Touches {
    fn from_audit(rows: &[AuditRow]) -> Touches {
        let mut t = Touches::default();
        for row in rows {
            let Some(action) = row.model_action() else { continue };
            let merge_into = merged_name(&action);
            t.walk(&action, row, merge_into.as_deref());
        }
        t
    }

    fn walk(&mut self, action: &Action, row: &AuditRow, merge_into: Option<&str>) {
        use Action::*;
        let key = match action {
            Batch { actions, .. } => {
                actions.iter().for_each(|a| self.walk(a, row, merge_into));
                return;
            }
            CreateCode { id, .. } | UpdateCode { id, .. } | SetCodeConcept { id, .. } | DeleteCode { id } => {
                (Area::Codes, id.0)
            }
            CreateConcept { id, .. }
            | RenameConcept { id, .. }
            | SetConceptCategory { id, .. }
            | DeleteConcept { id } => (Area::Concepts, id.0),
            CreateCategory { id, .. }
            | RenameCategory { id, .. }
            | SetCategoryClass { id, .. }
            | DeleteCategory { id } => (Area::Categories, id.0),
            SetCoreCategory { id } => (Area::Categories, id.map(|c| c.0).unwrap_or(0)),
            CreateRelation { id, .. } | DeleteRelation { id } => (Area::Relations, id.0),
            CreateCoding { code, .. } | SetCodingCode { code, .. } => (Area::Codings, code.0),
            CreateMemo { id, .. } | UpdateMemo { id, .. } | DeleteMemo { id } => (Area::Memos, id.0),
            AddDocument { id, .. } | RenameDocument { id, .. } | DeleteDocument { id } => (Area::Documents, id.0),
            _ => return,
        };
        if let (Some(into), DeleteCode { .. } | DeleteConcept { .. } | DeleteCategory { .. }) = (merge_into, action) {
            self.merged_into.insert(key, into.to_owned());
        }
        let entry = self.by.entry(key).or_insert_with(|| (Vec::new(), String::new()));
        if !entry.0.contains(&row.who) {
            entry.0.push(row.who.clone());
        }
        entry.1 = row.at.clone();
    }

    fn who(&self, area: Area, id: i64) -> (Vec<String>, Option<String>) {
        match self.by.get(&(area, id)) {
            Some((who, at)) => (who.clone(), Some(at.clone())),
            None => (Vec::new(), None),
        }
    }
}

/// The name a "Merge ... into “X”" step merged into.
fn merged_name(action: &Action) -> Option<String> {
    let Action::Batch { label, .. } = action else { return None };
    let rest = label.strip_prefix("Merge ")?;
    let start = rest.find('\u{201c}')? + '\u{201c}'.len_utf8();
    let end = rest.rfind('\u{201d}')?;
    (start <= end).then(|| rest[start..end].to_owned())
}

fn q(name: &str) -> String {
    format!("\u{201c}{name}\u{201d}")
}

/// The changes from `before` to `now`, attributed from the audit `rows` since `before` was
/// taken; grouped by [`Area`], then by name.
pub fn changes_since(before: &Snapshot, now: &Project, rows: &[AuditRow]) -> Vec<ReviewChange> {
    let touches = Touches::from_audit(rows);
    let mut out = Vec::new();
    let push = |out: &mut Vec<ReviewChange>, area: Area, id: i64, what: String, item: Option<Item>| {
        let (who, at) = touches.who(area, id);
        out.push(ReviewChange { area, what, item, who, at });
    };
    let class_label = |key: &Option<String>| {
        key.as_deref()
            .and_then(crate::model::ParadigmClass::from_key)
            .map(|c| c.label().to_owned())
            .unwrap_or_else(|| "not yet placed".to_owned())
    };

    // Categories.
    let now_categories: BTreeMap<i64, _> = now.categories().map(|c| (c.id.0, c)).collect();
    for (id, (name, class)) in &before.categories {
        match now_categories.get(id) {
            None => {
                let what = match touches.merged_into.get(&(Area::Categories, *id)) {
                    Some(into) => format!("Category {} merged into {}", q(name), q(into)),
                    None => format!("Category {} deleted", q(name)),
                };
                push(&mut out, Area::Categories, *id, what, None);
            }
            Some(c) => {
                let item = Some(Item::Category(c.id));
                if c.name != *name {
                    push(
                        &mut out,
                        Area::Categories,
                        *id,
                        format!("Category {} renamed to {}", q(name), q(&c.name)),
                        item,
                    );
                }
                let key = c.class.map(|k| k.key().to_owned());
                if key != *class {
                    let what =
                        format!("Category {} moved from {} to {}", q(&c.name), class_label(class), class_label(&key));
                    push(&mut out, Area::Categories, *id, what, item);
                }
            }
        }
    }
    for c in now.categories().filter(|c| !before.categories.contains_key(&c.id.0)) {
        let place = c.class.map(|k| format!(" in {}", k.label())).unwrap_or_default();
        push(
            &mut out,
            Area::Categories,
            c.id.0,
            format!("Category {} added{place}", q(&c.name)),
            Some(Item::Category(c.id)),
        );
    }
    if now.core_category().map(|c| c.0) != before.core {
        let what = match now.core_category().and_then(|c| now.category(c)) {
            Some(c) => format!("Core category is now {}", q(&c.name)),
            None => "No core category any more".to_owned(),
        };
        let id = now.core_category().map(|c| c.0).unwrap_or(0);
        push(&mut out, Area::Categories, id, what, now.core_category().map(Item::Category));
    }

    // Concepts in categories, codes in concepts.
    let category_then = |id: i64| before.categories.get(&id).map(|c| c.0.clone());
    let category_now = |id: i64| now.category(CategoryId(id)).map(|c| c.name.clone());
    let concepts: Vec<(i64, &str, Option<i64>, Item)> =
        now.concepts().map(|c| (c.id.0, c.name.as_str(), c.category.map(|x| x.0), Item::Concept(c.id))).collect();
    let level = Level { area: Area::Concepts, word: "Concept", parent_word: "category", before: &before.concepts };
    level.changes(&concepts, &category_then, &category_now, &touches, &mut out);
    let concept_then = |id: i64| before.concepts.get(&id).map(|c| c.0.clone());
    let concept_now = |id: i64| now.concept(ConceptId(id)).map(|c| c.name.clone());
    let codes: Vec<(i64, &str, Option<i64>, Item)> =
        now.codes().map(|c| (c.id.0, c.name.as_str(), c.concept.map(|x| x.0), Item::Code(c.id))).collect();
    let level = Level { area: Area::Codes, word: "Code", parent_word: "concept", before: &before.codes };
    level.changes(&codes, &concept_then, &concept_now, &touches, &mut out);

    // Relations.
    let name_of = |id: i64| {
        now.category(CategoryId(id))
            .map(|c| c.name.clone())
            .or_else(|| before.categories.get(&id).map(|c| c.0.clone()))
            .unwrap_or_default()
    };
    for (id, (from, to, kind)) in &before.relations {
        if now.relation(RelationId(*id)).is_none() {
            let what = format!("Relation {} {kind} {} removed", q(&name_of(*from)), q(&name_of(*to)));
            push(&mut out, Area::Relations, *id, what, None);
        }
    }
    for r in now.relations().filter(|r| !before.relations.contains_key(&r.id.0)) {
        let what = format!("Relation {} {} {} added", q(&name_of(r.from.0)), r.kind, q(&name_of(r.to.0)));
        push(&mut out, Area::Relations, r.id.0, what, Some(Item::Relation(r.id)));
    }

    codings_changes(before, now, &touches, &mut out);
    memo_changes(before, now, &touches, &mut out);

    // Documents.
    for (id, title) in &before.documents {
        match now.document(DocumentId(*id)) {
            None => push(&mut out, Area::Documents, *id, format!("Document {} removed", q(title)), None),
            Some(d) if d.title != *title => {
                let what = format!("Document {} renamed to {}", q(title), q(&d.title));
                push(&mut out, Area::Documents, *id, what, Some(Item::Document(d.id)));
            }
            Some(_) => {}
        }
    }
    for d in now.documents().filter(|d| !before.documents.contains_key(&d.id.0)) {
        push(
            &mut out,
            Area::Documents,
            d.id.0,
            format!("Document {} imported", q(&d.title)),
            Some(Item::Document(d.id)),
        );
    }

    out.sort_by(|a, b| a.area.cmp(&b.area).then_with(|| a.what.cmp(&b.what)));
    out
}

/// One level of the hierarchy below categories (concepts in categories, codes in concepts):
/// each item added, deleted or merged, renamed, or moved to another parent.
struct Level<'a> {
    area: Area,
    /// "Concept", "Code".
    word: &'static str,
    /// What holds one: "category", "concept".
    parent_word: &'static str,
    /// Id: name and parent, when the review was taken.
    before: &'a BTreeMap<i64, (String, Option<i64>)>,
}

impl Level<'_> {
    /// `now`: id, name, parent and item of every item now; the parents' names then and now.
    fn changes(
        &self,
        now: &[(i64, &str, Option<i64>, Item)],
        parent_then: &dyn Fn(i64) -> Option<String>,
        parent_now: &dyn Fn(i64) -> Option<String>,
        touches: &Touches,
        out: &mut Vec<ReviewChange>,
    ) {
        let (area, word) = (self.area, self.word);
        let push = |out: &mut Vec<ReviewChange>, id: i64, what: String, item: Option<Item>| {
            let (who, at) = touches.who(area, id);
            out.push(ReviewChange { area, what, item, who, at });
        };
        let parent = |id: Option<i64>, then: bool| match id {
            None => format!("no {}", self.parent_word),
            Some(id) => parent_now(id)
                .or_else(|| if then { parent_then(id) } else { None })
                .map(|n| q(&n))
                .unwrap_or_else(|| format!("a deleted {}", self.parent_word)),
        };
        let by_id: BTreeMap<i64, (&str, Option<i64>, Item)> =
            now.iter().map(|(id, name, parent, item)| (*id, (*name, *parent, *item))).collect();
        for (id, (name, parent_before)) in self.before {
            match by_id.get(id) {
                None => {
                    let what = match touches.merged_into.get(&(area, *id)) {
                        Some(into) => format!("{word} {} merged into {}", q(name), q(into)),
                        None => format!("{word} {} deleted", q(name)),
                    };
                    push(out, *id, what, None);
                }
                Some((name_now, parent_now_id, item)) => {
                    if name_now != name {
                        push(out, *id, format!("{word} {} renamed to {}", q(name), q(name_now)), Some(*item));
                    }
                    if parent_now_id != parent_before {
                        let (from, to) = (parent(*parent_before, true), parent(*parent_now_id, false));
                        push(out, *id, format!("{word} {} moved from {from} to {to}", q(name_now)), Some(*item));
                    }
                }
            }
        }
        for (id, name, _, item) in now.iter().filter(|(id, ..)| !self.before.contains_key(id)) {
            push(out, *id, format!("{word} {} added", q(name)), Some(*item));
        }
    }
}

/// Codings added and removed, per code: new ones are those above the snapshot's highest id;
/// removed ones are what a code had then and no longer has of those.
fn codings_changes(before: &Snapshot, now: &Project, touches: &Touches, out: &mut Vec<ReviewChange>) {
    #[derive(Default)]
    struct PerCode {
        kept: usize,
        added: usize,
        first_new: Option<CodingId>,
        coders: Vec<String>,
        latest: String,
    }
    let mut per: BTreeMap<i64, PerCode> = BTreeMap::new();
    for c in now.codings() {
        let e = per.entry(c.code.0).or_default();
        if c.id.0 > before.last_coding {
            e.added += 1;
            e.first_new = Some(e.first_new.map_or(c.id, |f| f.min(c.id)));
            if !e.coders.contains(&c.coder) {
                e.coders.push(c.coder.clone());
            }
            e.latest = e.latest.clone().max(c.created.clone());
        } else {
            e.kept += 1;
        }
    }
    let code_name = |id: i64| {
        now.code(CodeId(id))
            .map(|c| c.name.clone())
            .or_else(|| before.codes.get(&id).map(|c| c.0.clone()))
            .unwrap_or_default()
    };
    let n = |n: usize| if n == 1 { "1 coding".to_owned() } else { format!("{n} codings") };
    for (code, e) in &per {
        if e.added > 0 {
            out.push(ReviewChange {
                area: Area::Codings,
                what: format!("{} of {} added", n(e.added), q(&code_name(*code))),
                item: e.first_new.map(Item::Coding),
                who: e.coders.clone(),
                at: (!e.latest.is_empty()).then(|| e.latest.clone()),
            });
        }
    }
    // Older codings a code holds more of than it had came from other codes (a split, a merge,
    // a coding given another code): then what another code lost may have moved, not gone.
    let moved_in: BTreeMap<i64, usize> = per
        .iter()
        .filter_map(|(code, e)| {
            let had = before.codings.get(code).copied().unwrap_or(0);
            (e.kept > had).then(|| (*code, e.kept - had))
        })
        .collect();
    // A merge's target: the merged code's line already says where its codings went.
    let merge_targets: std::collections::HashSet<&str> = touches.merged_into.values().map(String::as_str).collect();
    let mut moved_elsewhere = false;
    for (code, n_in) in &moved_in {
        let Some(c) = now.code(CodeId(*code)) else { continue };
        if merge_targets.contains(c.name.as_str()) {
            continue;
        }
        moved_elsewhere = true;
        let (who, at) = touches.who(Area::Codings, *code);
        let what = format!("{} of other codes moved to {}", n(*n_in), q(&c.name));
        out.push(ReviewChange { area: Area::Codings, what, item: Some(Item::Code(c.id)), who, at });
    }
    for (code, had) in &before.codings {
        let kept = per.get(code).map_or(0, |e| e.kept);
        if *had > kept {
            // A deleted or merged code's codings went with it: its step says who and when.
            let (who, at) = match touches.who(Area::Codings, *code) {
                (who, at) if !who.is_empty() => (who, at),
                _ => touches.who(Area::Codes, *code),
            };
            let item = now.code(CodeId(*code)).map(|c| Item::Code(c.id));
            let merged = touches.merged_into.contains_key(&(Area::Codes, *code));
            let what = if merged {
                format!("{} of {} moved with the merge", n(*had - kept), q(&code_name(*code)))
            } else if !moved_elsewhere {
                format!("{} of {} removed", n(*had - kept), q(&code_name(*code)))
            } else {
                format!("{} of {} removed or moved to other codes", n(*had - kept), q(&code_name(*code)))
            };
            out.push(ReviewChange { area: Area::Codings, what, item, who, at });
        }
    }
}

fn memo_changes(before: &Snapshot, now: &Project, touches: &Touches, out: &mut Vec<ReviewChange>) {
    let title = |m: &crate::model::Memo| {
        let first = if m.title.trim().is_empty() { m.text.lines().next().unwrap_or("") } else { &m.title };
        let first: String = first.chars().take(60).collect();
        if first.trim().is_empty() { "untitled".to_owned() } else { q(first.trim()) }
    };
    for (id, modified) in &before.memos {
        match now.memo(MemoId(*id)) {
            None => {
                let (who, at) = touches.who(Area::Memos, *id);
                out.push(ReviewChange {
                    area: Area::Memos,
                    what: "A memo was deleted".to_owned(),
                    item: None,
                    who,
                    at,
                });
            }
            Some(m) if m.modified != *modified => {
                let (who, at) = touches.who(Area::Memos, *id);
                let who = if who.is_empty() { vec![m.author.clone()] } else { who };
                let what = format!("Memo {} edited", title(m));
                out.push(ReviewChange {
                    area: Area::Memos,
                    what,
                    item: Some(Item::Memo(m.id)),
                    who,
                    at: at.or(Some(m.modified.clone())),
                });
            }
            Some(_) => {}
        }
    }
    for m in now.memos().filter(|m| !before.memos.contains_key(&m.id.0)) {
        let what = format!("Memo {} written", title(m));
        out.push(ReviewChange {
            area: Area::Memos,
            what,
            item: Some(Item::Memo(m.id)),
            who: vec![m.author.clone()],
            at: Some(m.modified.clone()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::store::Store;

    fn code(id: CodeId, name: &str, concept: Option<ConceptId>) -> Action {
        Action::CreateCode { id, name: name.into(), color: "#000000".into(), definition: String::new(), concept }
    }

    fn coding(id: CodingId, document: DocumentId, code: CodeId, start: usize) -> Action {
        Action::CreateCoding {
            id,
            document,
            code,
            start,
            end: start + 3,
            coder: "student".into(),
            created: now_rfc3339(),
        }
    }

    #[test]
    fn renames_moves_merges_codings_and_memos_are_each_one_line_with_who() {
        let mut store = Store::in_memory("t").unwrap();
        store.set_user("student");
        let mut ids = store.ids().unwrap();
        let (doc, trust, habit, gone, concept, cat, other_cat) =
            (ids.document(), ids.code(), ids.code(), ids.code(), ids.concept(), ids.category(), ids.category());
        let (c1, c2, c3, memo, rel) = (ids.coding(), ids.coding(), ids.coding(), ids.memo(), ids.relation());
        store
            .apply(&Action::Batch {
                label: "Start".into(),
                actions: vec![
                    Action::AddDocument {
                        id: doc,
                        title: "A".into(),
                        text: "x".repeat(100),
                        case: None,
                        imported: "t".into(),
                    },
                    Action::CreateCategory {
                        id: cat,
                        name: "Loyalty".into(),
                        class: Some(ParadigmClass::Consequences),
                    },
                    Action::CreateCategory { id: other_cat, name: "Trust work".into(), class: None },
                    Action::CreateConcept { id: concept, name: "Calls".into(), category: Some(cat) },
                    code(trust, "Trust", Some(concept)),
                    code(habit, "Habit", None),
                    code(gone, "Gone", None),
                    coding(c1, doc, trust, 0),
                    coding(c2, doc, habit, 10),
                    coding(c3, doc, gone, 20),
                    Action::CreateRelation { id: rel, from: other_cat, to: cat, kind: "leads to".into() },
                    Action::CreateMemo {
                        id: memo,
                        target: MemoTarget::Project,
                        title: "Storyline".into(),
                        text: "a".into(),
                        author: "student".into(),
                        created: "2026-01-01T00:00:00Z".into(),
                        modified: "2026-01-01T00:00:00Z".into(),
                    },
                ],
            })
            .unwrap();
        let before = Snapshot::of(&store.load().unwrap());
        let mark = store.audit_mark().unwrap();
        assert_eq!(changes_since(&before, &store.load().unwrap(), &[]), vec![], "nothing yet");

        store.set_user("sam");
        store
            .apply(&Action::UpdateCode {
                id: trust,
                name: "Trust in staff".into(),
                color: "#000000".into(),
                definition: String::new(),
            })
            .unwrap();
        store.apply(&Action::SetCategoryClass { id: other_cat, class: Some(ParadigmClass::Strategies) }).unwrap();
        store.apply(&Action::SetCodeConcept { id: habit, concept: Some(concept) }).unwrap();
        let p = store.load().unwrap();
        let merge = crate::edit::merge(
            &p,
            &mut store.ids().unwrap(),
            crate::edit::Level::Code,
            &["Habit".into(), "Gone".into()],
            "Habit",
        )
        .unwrap();
        store.apply(&merge).unwrap();
        let (c4, c5, brand_new, temp) = {
            let mut ids = store.ids().unwrap();
            (ids.coding(), ids.coding(), ids.code(), ids.code())
        };
        store.apply(&coding(c4, doc, trust, 40)).unwrap();
        store.apply(&coding(c5, doc, trust, 50)).unwrap();
        store.apply(&Action::DeleteCoding { id: c1 }).unwrap();
        store.apply(&code(brand_new, "Brand new", None)).unwrap();
        store.apply(&code(temp, "Made and gone", None)).unwrap();
        store.apply(&Action::DeleteCode { id: temp }).unwrap();
        store
            .apply(&Action::UpdateMemo {
                id: memo,
                title: "Storyline".into(),
                text: "b".into(),
                modified: "2026-02-01T00:00:00Z".into(),
            })
            .unwrap();
        store.apply(&Action::DeleteRelation { id: rel }).unwrap();

        let changes = changes_since(&before, &store.load().unwrap(), &store.audit_since(mark).unwrap());
        let lines: Vec<&str> = changes.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(
            lines,
            [
                "Category \u{201c}Trust work\u{201d} moved from not yet placed to Strategies",
                "Code \u{201c}Brand new\u{201d} added",
                "Code \u{201c}Gone\u{201d} merged into \u{201c}Habit\u{201d}",
                "Code \u{201c}Habit\u{201d} moved from no concept to \u{201c}Calls\u{201d}",
                "Code \u{201c}Trust\u{201d} renamed to \u{201c}Trust in staff\u{201d}",
                "Relation \u{201c}Trust work\u{201d} leads to \u{201c}Loyalty\u{201d} removed",
                "1 coding of \u{201c}Gone\u{201d} moved with the merge",
                "1 coding of \u{201c}Trust in staff\u{201d} removed",
                "2 codings of \u{201c}Trust in staff\u{201d} added",
                "Memo \u{201c}Storyline\u{201d} edited",
            ]
        );
        let rename = changes.iter().find(|c| c.what.contains("renamed")).unwrap();
        assert_eq!((rename.item, rename.who.as_slice()), (Some(Item::Code(trust)), ["sam".to_owned()].as_slice()));
        assert!(rename.at.is_some());
        let added = changes.iter().find(|c| c.what.starts_with("2 codings")).unwrap();
        assert_eq!(added.item, Some(Item::Coding(c4)), "jumps to the first new coding");
        assert!(changes.iter().find(|c| c.what.contains("merged")).unwrap().item.is_none(), "gone: no jump");
    }

    #[test]
    fn a_coding_given_another_code_reads_as_moved_not_only_removed() {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (doc, a, b, c1, c2) = (ids.document(), ids.code(), ids.code(), ids.coding(), ids.coding());
        store
            .apply(&Action::Batch {
                label: "Start".into(),
                actions: vec![
                    Action::AddDocument {
                        id: doc,
                        title: "A".into(),
                        text: "x".repeat(50),
                        case: None,
                        imported: "t".into(),
                    },
                    code(a, "A", None),
                    code(b, "B", None),
                    coding(c1, doc, a, 0),
                    coding(c2, doc, a, 10),
                ],
            })
            .unwrap();
        let before = Snapshot::of(&store.load().unwrap());
        let mark = store.audit_mark().unwrap();
        store.apply(&Action::SetCodingCode { id: c2, code: b }).unwrap();
        let changes = changes_since(&before, &store.load().unwrap(), &store.audit_since(mark).unwrap());
        let lines: Vec<&str> = changes.iter().map(|c| c.what.as_str()).collect();
        assert_eq!(
            lines,
            [
                "1 coding of other codes moved to \u{201c}B\u{201d}",
                "1 coding of \u{201c}A\u{201d} removed or moved to other codes"
            ]
        );
    }

    #[test]
    fn a_snapshot_survives_json_and_a_broken_one_is_none() {
        let mut p = Project::default();
        p.apply_change(Change::Code(Code {
            id: CodeId(1),
            name: "a".into(),
            color: "#000000".into(),
            definition: String::new(),
            concept: None,
        }));
        let s = Snapshot::of(&p);
        assert_eq!(Snapshot::from_json(&s.to_json()), Some(s));
        assert_eq!(Snapshot::from_json(""), None);
    }
}
