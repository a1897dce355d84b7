//! Counting units: what one "reference" is. A study says which it counts, and every count
//! (frequencies, the cube, exports) says which it used.
//!
//! - `passage`: every coded passage (a code applied twice in one answer counts twice);
//! - `turn`: each speaker turn once per code (applied twice in one answer, it counts once);
//!   a document without speaker labels counts each paragraph as a turn;
//! - `document`: each document once per code.
//!
//! Higher levels (concept, category, class, the cube's cells) add up their codes' counts, so a
//! concept with two codes in one answer counts that answer twice, once per code.

use crate::io::speakers::speaker_label;
use crate::model::*;
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unit {
    #[default]
    Passage,
    Turn,
    Document,
}

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Passage, Unit::Turn, Unit::Document];

    /// The key the command line and exports use.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Passage => "passage",
            Unit::Turn => "turn",
            Unit::Document => "document",
        }
    }

    /// What one reference is, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Passage => "every coded passage",
            Unit::Turn => "each speaker turn once per code",
            Unit::Document => "each document once per code",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.key() == s)
    }
}

/// Which coded references count: all of them, or only those the interviewer did not prompt
/// (a coding marked prompted: the interviewer named the thing asked about, so its mention says
/// less about what the interviewee brings up). Khodakarami & Chan count each unprompted
/// reference once; a study states its rule beside its unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rule {
    #[default]
    All,
    Unprompted,
}

impl Rule {
    pub const ALL: [Rule; 2] = [Rule::All, Rule::Unprompted];

    /// The key the command line and exports use.
    pub fn key(self) -> &'static str {
        match self {
            Rule::All => "all",
            Rule::Unprompted => "unprompted",
        }
    }

    /// The rule, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::All => "every coded reference, prompted or not",
            Rule::Unprompted => "only references the interviewer did not prompt",
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.key() == s)
    }

    /// Whether `coding` counts under this rule.
    pub fn counts(self, project: &Project, coding: CodingId) -> bool {
        self == Rule::All || !project.depth().is_prompted(coding)
    }
}

/// What one count is: the unit and the rule (the default: every coded passage, all of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counting {
    pub unit: Unit,
    pub rule: Rule,
}

/// "Counting unit: passage (every coded passage); rule: all (every coded reference, prompted or
/// not)": what every printed count states.
pub fn statement(unit: Unit, rule: Rule) -> String {
    format!("Counting unit: {} ({}); rule: {} ({}).", unit.key(), unit.describe(), rule.key(), rule.describe())
}

/// Where each speaker turn (or paragraph) of a document starts, in characters, and who
/// speaks in it. Texts never change, so a view keeps one index for the project's life.
#[derive(Clone, Debug, Default)]
pub struct TurnIndex {
    turns: FxHashMap<DocumentId, Vec<(usize, Option<String>)>>,
}

impl TurnIndex {
    fn of(&mut self, project: &Project, document: DocumentId) -> &[(usize, Option<String>)] {
        self.turns
            .entry(document)
            .or_insert_with(|| project.document(document).map(|d| turn_starts(&d.text)).unwrap_or_default())
    }

    /// The index of the turn holding character `offset` of `document`.
    pub fn turn_at(&mut self, project: &Project, document: DocumentId, offset: usize) -> usize {
        self.of(project, document).partition_point(|(s, _)| *s <= offset).saturating_sub(1)
    }

    /// Who speaks at character `offset` of `document` (none without speaker labels).
    pub fn speaker_at(&mut self, project: &Project, document: DocumentId, offset: usize) -> Option<String> {
        let turns = self.of(project, document);
        let i = turns.partition_point(|(s, _)| *s <= offset).checked_sub(1)?;
        turns[i].1.clone()
    }
}

/// Turns from speaker labels, else paragraphs (a line after a blank line starts one). One
/// pass over the lines: a turn starts at each labelled line, as [`turns`](crate::io::speakers::turns)
/// finds them, without the turns' ends (which cost a copy of the text as characters).
pub(crate) fn turn_starts(text: &str) -> Vec<(usize, Option<String>)> {
    let mut labelled = Vec::new();
    let mut paragraphs = vec![(0, None)];
    let mut offset = 0;
    let mut blank_before = false;
    for line in text.split('\n') {
        if let Some(label) = speaker_label(line) {
            labelled.push((offset, Some(label.to_owned())));
        }
        let blank = line.trim().is_empty();
        if blank_before && !blank && offset > 0 {
            paragraphs.push((offset, None));
        }
        blank_before = blank;
        offset += line.chars().count() + 1;
    }
    if labelled.is_empty() { paragraphs } else { labelled }
}

/// The codings that count under `unit` and `rule`: one per (code, document, turn) for turns,
/// one per (code, document) for documents, all of them for passages, in document order; under
/// [`Rule::Unprompted`] prompted codings are left out first.
pub fn counted_codings<'p>(project: &'p Project, unit: Unit, rule: Rule, turns: &mut TurnIndex) -> Vec<&'p Coding> {
    counted_codings_where(project, unit, rule, turns, &|_| true)
}

/// As [`counted_codings`], in the documents `keep` accepts (a slice: one case, one role).
pub fn counted_codings_where<'p>(
    project: &'p Project,
    unit: Unit,
    rule: Rule,
    turns: &mut TurnIndex,
    keep: &dyn Fn(&Document) -> bool,
) -> Vec<&'p Coding> {
    let mut seen: FxHashSet<(CodeId, DocumentId, usize)> = FxHashSet::default();
    let mut out = Vec::new();
    for document in project.documents().filter(|d| keep(d)) {
        for coding in project.codings_in(document.id) {
            if !rule.counts(project, coding.id) {
                continue;
            }
            let keep = match unit {
                Unit::Passage => true,
                Unit::Turn => {
                    let turn = turns.turn_at(project, document.id, coding.start);
                    seen.insert((coding.code, document.id, turn))
                }
                Unit::Document => seen.insert((coding.code, document.id, 0)),
            };
            if keep {
                out.push(coding);
            }
        }
    }
    out
}

/// Frequencies at every level, counted in `unit` under `rule` (the live tallies are
/// `passage`, `all`).
pub fn tallies(project: &Project, unit: Unit, rule: Rule, turns: &mut TurnIndex) -> Tallies {
    if unit == Unit::Passage && (rule == Rule::All || project.depth().prompted_count() == 0) {
        return project.tallies().clone();
    }
    tallies_where(project, unit, rule, turns, &|_| true)
}

/// Frequencies in `unit` under `rule` from the codings' refs alone (what the store reads in
/// one pass over the codings, `Store::coding_refs`), for a project read as an outline: the
/// counts [`tallies`] gives, for the passage and document units. `None` for the turn unit,
/// which needs the texts. Each (code, document) pair is counted once, after a sort, so the
/// hierarchy's counters are touched once per pair, not once per coding.
pub fn tallies_of(project: &Project, refs: &[CodingRef], unit: Unit, rule: Rule) -> Option<Tallies> {
    if unit == Unit::Turn {
        return None;
    }
    let mut pairs: Vec<(CodeId, DocumentId)> =
        refs.iter().filter(|c| rule.counts(project, c.id)).map(|c| (c.code, c.document)).collect();
    pairs.sort_unstable();
    let mut t = Tallies::default();
    let mut documents = Vec::new();
    for code_run in pairs.chunk_by(|a, b| a.0 == b.0) {
        documents.clear();
        documents.extend(code_run.chunk_by(|a, b| a == b).map(|run| {
            let n = if unit == Unit::Document { 1 } else { u32::try_from(run.len()).unwrap_or(u32::MAX) };
            (run[0].1, n)
        }));
        let code = code_run[0].0;
        t.add_code_references(code, project.placement(code), &documents);
    }
    Some(t)
}

/// Frequencies counted in `unit` under `rule` over the documents `keep` accepts.
pub fn tallies_where(
    project: &Project,
    unit: Unit,
    rule: Rule,
    turns: &mut TurnIndex,
    keep: &dyn Fn(&Document) -> bool,
) -> Tallies {
    let mut t = Tallies::default();
    for coding in counted_codings_where(project, unit, rule, turns, keep) {
        t.add_coding(coding.code, coding.document, project.placement(coding.code));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The turn index starts a turn where `speakers::turns` does, with the same speaker, and
    /// falls back to paragraphs only when no line carries a label.
    #[test]
    fn turn_starts_are_the_speaker_turns_or_else_the_paragraphs() {
        let texts = [
            "Interviewer: Hi.\n\nB: First.\n\nMore from B.\n\nInterviewer: Thanks.\n",
            "Preamble line\nInterviewer: Zoë – café?\r\n\r\nDr. Lee: 10:30 we met.\n\n\nP07:\n  \nthe end  ",
            "A:",
            // As subtitle imports write them: a timestamp before the label.
            "[00:00:01] Interviewer: Hi.\n\n[00:00:04] P01: Zoë first.\n\n[00:00:09] More from P01.\n\n[01:02:03] Interviewer: Thanks.\n",
        ];
        for text in texts {
            let expected: Vec<(usize, Option<String>)> =
                crate::io::speakers::turns(text).into_iter().map(|t| (t.start, Some(t.speaker))).collect();
            assert!(!expected.is_empty());
            assert_eq!(turn_starts(text), expected, "{text:?}");
        }
        let plain = "first paragraph\nstill first\n\n\nsecond é\n\nthird";
        assert!(crate::io::speakers::turns(plain).is_empty());
        let at = |s: &str| plain.chars().count() - plain[plain.find(s).unwrap()..].chars().count();
        assert_eq!(turn_starts(plain), [(0, None), (at("second"), None), (at("third"), None)]);
        assert_eq!(turn_starts(""), [(0, None)]);
    }

    /// Timestamped turns (as the subtitle importer writes them) count as turns: a code coded
    /// twice in one speaker's turn, once in the continuation paragraph, counts once.
    #[test]
    fn timestamped_turns_are_turns_for_counting() {
        let text =
            "[00:00:01] A: trust here\n\n[00:00:03] B: trust there\n\n[00:00:09] and trust again\n\n[00:00:12] A: no";
        let starts = turn_starts(text);
        let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
        assert_eq!(
            starts,
            [
                (0, Some("A".to_owned())),
                (at("[00:00:03]"), Some("B".to_owned())),
                (at("[00:00:12]"), Some("A".to_owned()))
            ]
        );
        let mut project = Project::default();
        project.apply_change(Change::DocumentAdded(Document::new(DocumentId(1), "D", text.to_owned())));
        let mut turns = TurnIndex::default();
        assert_eq!(
            turns.turn_at(&project, DocumentId(1), at("and trust again")),
            1,
            "a continuation stays in B's turn"
        );
        assert_eq!(turns.speaker_at(&project, DocumentId(1), at("and trust again")).as_deref(), Some("B"));
        assert_eq!(turns.speaker_at(&project, DocumentId(1), at("no")).as_deref(), Some("A"));
    }

    /// Worked by hand: document 1 has two turns; "Trust" is coded twice in the first answer
    /// and once in the second; "Delay" once in the first. Document 2 has no labels and two
    /// paragraphs; "Trust" is coded in both.
    #[test]
    fn a_code_counts_once_per_turn_or_document_under_those_units() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let (d1, d2) = (ids.document(), ids.document());
        let (trust, delay) = (ids.code(), ids.code());
        let one = "A: trust here and trust there\n\nB: and trust again";
        let two = "first paragraph trust\n\nsecond paragraph trust";
        let mut actions = vec![
            Action::AddDocument { id: d1, title: "1".into(), text: one.into(), case: None, imported: "t".into() },
            Action::AddDocument { id: d2, title: "2".into(), text: two.into(), case: None, imported: "t".into() },
        ];
        for (id, name) in [(trust, "Trust"), (delay, "Delay")] {
            actions.push(Action::CreateCode {
                id,
                name: name.into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            });
        }
        let find = |text: &str, word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        let codings = [
            (d1, trust, find(one, "trust", 0), 5),
            (d1, trust, find(one, "trust", 1), 5),
            (d1, delay, find(one, "here", 0), 4),
            (d1, trust, find(one, "trust", 2), 5),
            (d2, trust, find(two, "trust", 0), 5),
            (d2, trust, find(two, "trust", 1), 5),
        ];
        for (doc, code, start, len) in codings {
            actions.push(Action::CreateCoding {
                id: ids.coding(),
                document: doc,
                code,
                start,
                end: start + len,
                coder: "x".into(),
                created: "t".into(),
            });
        }
        s.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let p = s.load().unwrap();
        let mut turns = TurnIndex::default();
        let count = |unit, turns: &mut TurnIndex| {
            let t = tallies(&p, unit, Rule::All, turns);
            (t.code(trust).references, t.code(delay).references, t.total().references)
        };
        assert_eq!(count(Unit::Passage, &mut turns), (5, 1, 6));
        assert_eq!(count(Unit::Turn, &mut turns), (4, 1, 5), "twice in A's answer counts once");
        assert_eq!(count(Unit::Document, &mut turns), (2, 1, 3));
        assert_eq!(tallies(&p, Unit::Turn, Rule::All, &mut turns).code(trust).documents, 2);
    }
}
