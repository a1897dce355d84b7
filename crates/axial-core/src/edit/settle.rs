//! Settling a disagreement between two coders once they have talked it through: on a stretch
//! of one document where they coded a code unalike, keep one coder's coding, keep both, or
//! recode both with one code. Each is one batch (one undo step) that leaves the two coding the
//! stretch alike, so the agreement figures count it as agreement from then on.
//!
//! It works on the stretch, never beyond it: a coding that runs past the stretch is cut back
//! (or split) rather than deleted, so where the coders already agreed they still do; a coder
//! given a code gets a coding of exactly the stretch. Recoding takes the codes the two gave
//! the stretch unalike off it; a code both gave the whole stretch is agreement and stays.

use crate::model::*;
use crate::store::IdAllocator;

/// How a disagreement is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settle {
    /// This coder's coding of the stretch stands (coded or not); the other's becomes the same.
    Keep(String),
    /// Both stand: each coder also gets every code the other gave the whole stretch.
    KeepBoth,
    /// The stretch takes this code from both coders, in place of the codes they gave it
    /// unalike (codes both gave it stay).
    Recode(CodeId),
}

impl Settle {
    /// What the undo history calls it.
    pub fn label(&self, p: &Project) -> String {
        match self {
            Settle::Keep(coder) => format!("Settle a disagreement: keep {coder}'s coding"),
            Settle::KeepBoth => "Settle a disagreement: keep both codings".into(),
            Settle::Recode(code) => format!(
                "Settle a disagreement: recode as \u{201c}{}\u{201d}",
                p.code(*code).map(|c| c.name.as_str()).unwrap_or("?")
            ),
        }
    }
}

/// Why a disagreement cannot be settled as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("settling takes two different coders")]
    Coders,
    #[error("that code no longer exists; choose another")]
    NoCode,
    #[error("the coders already code this stretch alike; nothing to settle")]
    NothingToSettle,
}

/// The actions one settling gathers: new codings of exactly the stretch, codings taken out
/// of it, and the parts after it of codings that ran past both ends.
struct Edits<'p> {
    p: &'p Project,
    ids: &'p mut IdAllocator,
    document: DocumentId,
    stretch: (usize, usize),
    now: String,
    actions: Vec<Action>,
    splits: Vec<(usize, usize, &'p Coding)>,
}

impl<'p> Edits<'p> {
    /// Gives `coder` a coding of exactly the stretch with `code`.
    fn add(&mut self, coder: &str, code: CodeId) {
        let (start, end) = self.stretch;
        self.actions.push(Action::CreateCoding {
            id: self.ids.coding(),
            document: self.document,
            code,
            start,
            end,
            coder: coder.to_owned(),
            created: self.now.clone(),
        });
    }

    /// Takes `c` out of the stretch: deleted if inside it, cut back if it runs past one end,
    /// and split (the part after the stretch made again) if it runs past both. A deleted
    /// coding's memos are kept, on the document, so no one's writing goes with it.
    fn cut(&mut self, c: &'p Coding) {
        let (start, end) = self.stretch;
        match (c.start < start, c.end > end) {
            (false, false) => {
                for m in self.p.memos_on(&MemoTarget::Coding(c.id)) {
                    let title = if m.title.is_empty() { "On a coding settled away".into() } else { m.title.clone() };
                    self.actions.push(Action::CreateMemo {
                        id: self.ids.memo(),
                        target: MemoTarget::Document(self.document),
                        title,
                        text: m.text.clone(),
                        author: m.author.clone(),
                        created: m.created.clone(),
                        modified: m.modified.clone(),
                    });
                }
                self.actions.push(Action::DeleteCoding { id: c.id })
            }
            (true, false) => self.actions.push(Action::SetCodingRange { id: c.id, start: c.start, end: start }),
            (false, true) => self.actions.push(Action::SetCodingRange { id: c.id, start: end, end: c.end }),
            (true, true) => {
                self.actions.push(Action::SetCodingRange { id: c.id, start: c.start, end: start });
                self.splits.push((end, c.end, c));
            }
        }
    }

    fn finish(mut self) -> Vec<Action> {
        for (s, e, c) in std::mem::take(&mut self.splits) {
            self.actions.push(Action::CreateCoding {
                id: self.ids.coding(),
                document: self.document,
                code: c.code,
                start: s,
                end: e,
                coder: c.coder.clone(),
                created: c.created.clone(),
            });
        }
        self.actions
    }
}

/// The batch that settles the stretch `[start, end)` of `document`, where coders `a` and `b`
/// coded `code` unalike, as `how` says. `ids` gives the new codings theirs.
///
/// "Keep both" gives each coder every code the other coded the whole stretch with (the
/// disagreement's code among them): a code the other gave only part of it stays a matter for
/// that part's own disagreement.
pub fn settle(
    p: &Project,
    ids: &mut IdAllocator,
    document: DocumentId,
    (start, end): (usize, usize),
    code: CodeId,
    (a, b): (&str, &str),
    how: &Settle,
) -> Result<Action, SettleError> {
    if a == b {
        return Err(SettleError::Coders);
    }
    // Each coder's codings overlapping the stretch, and whether they cover it with a code.
    let overlapping = |coder: &str| -> Vec<&Coding> {
        p.codings_in(document).filter(|c| c.coder == coder && c.start < end && start < c.end).collect()
    };
    let covers = |list: &[&Coding], code: CodeId| {
        let mut at = start;
        let mut spans: Vec<(usize, usize)> = list.iter().filter(|c| c.code == code).map(|c| (c.start, c.end)).collect();
        spans.sort_unstable();
        for (s, e) in spans {
            if s <= at && e > at {
                at = e;
            }
        }
        at >= end
    };
    let (of_a, of_b) = (overlapping(a), overlapping(b));
    let mut edits =
        Edits { p, ids, document, stretch: (start, end), now: now_rfc3339(), actions: Vec::new(), splits: Vec::new() };
    match how {
        Settle::Keep(winner) => {
            let (keep, lose, loser) = if winner == a { (&of_a, &of_b, b) } else { (&of_b, &of_a, a) };
            match (covers(keep, code), covers(lose, code)) {
                (true, false) => edits.add(loser, code),
                (false, true) | (false, false) => {
                    for c in lose.iter().filter(|c| c.code == code) {
                        edits.cut(c);
                    }
                }
                (true, true) => {}
            }
        }
        Settle::KeepBoth => {
            let codes: std::collections::BTreeSet<CodeId> = of_a
                .iter()
                .chain(&of_b)
                .map(|c| c.code)
                .filter(|&k| k == code || covers(&of_a, k) || covers(&of_b, k))
                .collect();
            for k in codes {
                let (in_a, in_b) = (covers(&of_a, k), covers(&of_b, k));
                if in_a != in_b {
                    edits.add(if in_a { b } else { a }, k);
                }
            }
        }
        Settle::Recode(to) => {
            if p.code(*to).is_none() {
                return Err(SettleError::NoCode);
            }
            // A code both coded the whole stretch with is agreement, not part of this: it stays.
            let agreed = |k: CodeId| covers(&of_a, k) && covers(&of_b, k);
            for (list, coder) in [(&of_a, a), (&of_b, b)] {
                for c in list.iter().filter(|c| c.code != *to && !agreed(c.code)) {
                    edits.cut(c);
                }
                if !covers(list, *to) {
                    edits.add(coder, *to);
                }
            }
        }
    }
    let actions = edits.finish();
    if actions.is_empty() {
        return Err(SettleError::NothingToSettle);
    }
    Ok(Action::Batch { label: how.label(p), actions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::agreement::agreement;
    use crate::store::Store;

    fn code(id: CodeId, name: &str) -> Action {
        Action::CreateCode { id, name: name.into(), color: "#000000".into(), definition: String::new(), concept: None }
    }

    fn coding(id: CodingId, document: DocumentId, code: CodeId, coder: &str, (start, end): (usize, usize)) -> Action {
        Action::CreateCoding { id, document, code, start, end, coder: coder.into(), created: "t".into() }
    }

    /// A store with one 100-character interview, the codes C1..C`codes`, and `then` (given the
    /// document's id, the codes' and an id allocator) applied as one batch.
    fn interview(
        codes: usize,
        then: impl FnOnce(DocumentId, &[CodeId], &mut IdAllocator) -> Vec<Action>,
    ) -> (Store, DocumentId, Vec<CodeId>) {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let doc = ids.document();
        let code_ids: Vec<CodeId> = (0..codes).map(|_| ids.code()).collect();
        let mut actions = vec![Action::AddDocument {
            id: doc,
            title: "D".into(),
            text: "x".repeat(100),
            case: None,
            imported: "t".into(),
        }];
        actions.extend(code_ids.iter().enumerate().map(|(i, id)| code(*id, &format!("C{}", i + 1))));
        actions.extend(then(doc, &code_ids, &mut ids));
        store.apply(&Action::Batch { label: "x".into(), actions }).unwrap();
        (store, doc, code_ids)
    }

    /// One interview; codes C1, C2, C3; C1 by ana at [0,30), C2 by sam at [0,30).
    fn two_coders() -> (Store, DocumentId, CodeId, CodeId) {
        let (store, doc, codes) = interview(3, |doc, c, ids| {
            vec![coding(ids.coding(), doc, c[0], "ana", (0, 30)), coding(ids.coding(), doc, c[1], "sam", (0, 30))]
        });
        (store, doc, codes[0], codes[1])
    }

    fn kappa(store: &Store) -> Option<f64> {
        let a = agreement(&store.load().unwrap(), &["ana".into(), "sam".into()]).unwrap();
        a.overall.all.cohen_kappa()
    }

    /// Settles the stretch [0,30) for `code` with each of `hows` in turn.
    fn settled(steps: &[(CodeId, Settle)]) -> (Store, Project) {
        let (mut store, doc, ..) = two_coders();
        for (code, how) in steps {
            let p = store.load().unwrap();
            let mut ids = store.ids().unwrap();
            let action = settle(&p, &mut ids, doc, (0, 30), *code, ("ana", "sam"), how).unwrap();
            store.apply(&action).unwrap();
        }
        let p = store.load().unwrap();
        (store, p)
    }

    fn codes_of(p: &Project, coder: &str) -> Vec<String> {
        let mut v: Vec<String> =
            p.codings().filter(|c| c.coder == coder).map(|c| p.code(c.code).unwrap().name.clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn each_way_of_settling_leaves_the_two_agreeing_one_undo_step_each() {
        let (store, ..) = two_coders();
        assert!(kappa(&store).unwrap() < 0.0, "they disagree at first");
        let (c1, c2, c3) = (CodeId(1), CodeId(2), CodeId(3));

        // Ana coded C1 there, Sam C2: keep Ana's on both counts.
        let (store, p) = settled(&[(c1, Settle::Keep("ana".into())), (c2, Settle::Keep("ana".into()))]);
        assert_eq!((codes_of(&p, "ana"), codes_of(&p, "sam")), (vec!["C1".to_owned()], vec!["C1".to_owned()]));
        assert_eq!(kappa(&store), Some(1.0));

        let (store, p) = settled(&[(c1, Settle::KeepBoth)]);
        assert_eq!(codes_of(&p, "ana"), ["C1", "C2"]);
        assert_eq!(codes_of(&p, "sam"), ["C1", "C2"]);
        assert_eq!(kappa(&store), Some(1.0));

        let (mut store, p) = settled(&[(c1, Settle::Recode(c3))]);
        assert_eq!((codes_of(&p, "ana"), codes_of(&p, "sam")), (vec!["C3".to_owned()], vec!["C3".to_owned()]));
        assert_eq!(kappa(&store), Some(1.0));
        store.undo().unwrap();
        assert_eq!(codes_of(&store.load().unwrap(), "sam"), ["C2"], "one undo step");
    }

    /// Only the stretch changes: a coding running past it is cut back or split, so agreement
    /// elsewhere stays.
    #[test]
    fn a_coding_running_past_the_stretch_is_cut_back_or_split_not_deleted() {
        // Ana [0,30), Sam [10,60): they disagree on [0,10) and [30,60).
        let (mut store, doc, codes) = interview(1, |doc, c, ids| {
            vec![coding(ids.coding(), doc, c[0], "ana", (0, 30)), coding(ids.coding(), doc, c[0], "sam", (10, 60))]
        });
        let c1 = codes[0];
        let p = store.load().unwrap();
        // Keep Ana's on [30,40) only: Sam's is split into [10,30) and [40,60).
        let action =
            settle(&p, &mut store.ids().unwrap(), doc, (30, 40), c1, ("ana", "sam"), &Settle::Keep("ana".into()));
        store.apply(&action.unwrap()).unwrap();
        let p = store.load().unwrap();
        let mut sam: Vec<(usize, usize)> = p.codings().filter(|c| c.coder == "sam").map(|c| (c.start, c.end)).collect();
        sam.sort();
        assert_eq!(sam, [(10, 30), (40, 60)]);
        // Keep Sam's on [0,10): Ana's is cut back to [10,30).
        let action =
            settle(&p, &mut store.ids().unwrap(), doc, (0, 10), c1, ("ana", "sam"), &Settle::Keep("sam".into()));
        store.apply(&action.unwrap()).unwrap();
        let p = store.load().unwrap();
        let ana: Vec<(usize, usize)> = p.codings().filter(|c| c.coder == "ana").map(|c| (c.start, c.end)).collect();
        assert_eq!(ana, [(10, 30)]);
        assert_eq!(
            settle(&p, &mut store.ids().unwrap(), doc, (10, 30), c1, ("ana", "sam"), &Settle::KeepBoth),
            Err(SettleError::NothingToSettle),
            "they agree there already"
        );
    }

    /// A coding settled away keeps its memo (on the document); recoding leaves a code both
    /// coders gave the stretch; keeping both does not spread a code given only part of it.
    #[test]
    fn settling_keeps_memos_agreed_codes_and_the_stretch() {
        let (mut store, doc, codes) = interview(4, |doc, c, ids| {
            let sams = ids.coding();
            vec![
                // As in `two_coders`: C1 by Ana, C2 by Sam, on [0,30); Sam wrote a memo on his.
                coding(ids.coding(), doc, c[0], "ana", (0, 30)),
                coding(sams, doc, c[1], "sam", (0, 30)),
                Action::CreateMemo {
                    id: ids.memo(),
                    target: MemoTarget::Coding(sams),
                    title: String::new(),
                    text: "Sam: this is about the manager".into(),
                    author: "sam".into(),
                    created: "t".into(),
                    modified: "t".into(),
                },
                // Both gave [0,30) C3; Ana gave C4 to [20,30) only.
                coding(ids.coding(), doc, c[2], "ana", (0, 30)),
                coding(ids.coding(), doc, c[2], "sam", (0, 30)),
                coding(ids.coding(), doc, c[3], "ana", (20, 30)),
            ]
        });
        let (c1, c2) = (codes[0], codes[1]);
        let p = store.load().unwrap();
        let both = settle(&p, &mut store.ids().unwrap(), doc, (0, 30), c1, ("ana", "sam"), &Settle::KeepBoth).unwrap();
        let Action::Batch { actions, .. } = &both else { panic!() };
        let given: Vec<(CodeId, &str)> = actions
            .iter()
            .map(|a| match a {
                Action::CreateCoding { code, coder, .. } => (*code, coder.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(given, [(c1, "sam"), (c2, "ana")], "not C4, which Ana gave only part of the stretch");

        let recode = settle(&p, &mut store.ids().unwrap(), doc, (0, 30), c1, ("ana", "sam"), &Settle::Recode(c1));
        store.apply(&recode.unwrap()).unwrap();
        let p = store.load().unwrap();
        assert_eq!(codes_of(&p, "ana"), ["C1", "C3"], "C4, which only Ana gave part of it, is taken off");
        assert_eq!(codes_of(&p, "sam"), ["C1", "C3"], "C3 both gave stays");
        let kept: Vec<&str> = p.memos_on(&MemoTarget::Document(doc)).map(|m| m.text.as_str()).collect();
        assert_eq!(kept, ["Sam: this is about the manager"], "Sam's memo on the coding settled away");
    }
}
