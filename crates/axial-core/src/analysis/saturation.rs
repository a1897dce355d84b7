//! Theoretical saturation: how many codes, concepts, categories and relations each successive
//! interview brought that no earlier one had, and the cumulative totals. When new categories stop
//! appearing, sampling has reached adequacy for the model (Strauss & Corbin; the banking
//! study reports it after 16 interviews); but codes and concepts may still be new long after, so
//! [`Saturation::summary`] says where each level stopped growing and on which a claim can rest.
//!
//! A relation between two categories counts from the first interview with a passage picked as
//! its evidence or coded with both its ends (codings of codes in each category that overlap,
//! or share a speaker turn): the data that grounds it. A category's property counts from the
//! first interview with a passage placed on its dimension: where the data first shows it.
//!
//! Interview order is the date a document carries (an attribute named `date`, or ending in
//! `date`, such as `interview date`; ISO `YYYY-MM-DD` or `DD.MM.YYYY`/`DD/MM/YYYY`), else the
//! order of import. Documents without a date follow the dated ones, in import order.

use crate::analysis::cooccurrence::{Near, pairs_in};
use crate::analysis::units::TurnIndex;
use crate::model::*;
use std::collections::HashSet;

/// The theoretical sampling log lives in two document attributes: why an interview was sought,
/// and the category it was to develop. Attributes need no schema step, travel with the document
/// (JSON, QDPX) and are written where attributes are: `axial import --sampled-because …
/// --to-develop …`, `axial edit document attribute`, a document's Attributes… in the window.
pub const SAMPLED_BECAUSE: &str = "sampled because";
/// The category an interview was sought to develop (see [`SAMPLED_BECAUSE`]).
pub const TO_DEVELOP: &str = "to develop";

/// One interview's contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub document: DocumentId,
    pub title: String,
    /// The date it was ordered by, if any.
    pub date: Option<String>,
    /// Why it was sought, and the category it was to develop (the sampling log), if written.
    pub sampled_because: Option<String>,
    pub to_develop: Option<String>,
    pub new_codes: usize,
    pub new_concepts: usize,
    pub new_categories: usize,
    /// Properties first shown in this interview (a passage placed on their dimension).
    pub new_properties: usize,
    /// Relations first grounded in this interview (a passage coded with both their ends).
    pub new_relations: usize,
    /// Totals seen up to and including this interview.
    pub codes: usize,
    pub concepts: usize,
    pub categories: usize,
    pub properties: usize,
    pub relations: usize,
}

/// A level of the model whose growth saturation watches, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Codes,
    Concepts,
    Categories,
    Properties,
    Relations,
}

impl Level {
    pub const ALL: [Level; 5] = [Level::Codes, Level::Concepts, Level::Categories, Level::Properties, Level::Relations];

    pub fn plural(self) -> &'static str {
        match self {
            Level::Codes => "codes",
            Level::Concepts => "concepts",
            Level::Categories => "categories",
            Level::Properties => "properties",
            Level::Relations => "relations",
        }
    }

    /// What an interview brought new at this level.
    pub fn new_in(self, step: &Step) -> usize {
        match self {
            Level::Codes => step.new_codes,
            Level::Concepts => step.new_concepts,
            Level::Categories => step.new_categories,
            Level::Properties => step.new_properties,
            Level::Relations => step.new_relations,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saturation {
    pub steps: Vec<Step>,
    /// Whether the order came from dates (else import order).
    pub by_date: bool,
}

impl Saturation {
    /// Whether any interview carries a theoretical sampling note.
    pub fn has_sampling_log(&self) -> bool {
        self.steps.iter().any(|s| s.sampled_because.is_some() || s.to_develop.is_some())
    }

    /// The 1-based position of the last interview that brought something new at `level` (0 if
    /// none did).
    pub fn last_new(&self, level: Level) -> usize {
        self.steps.iter().rposition(|s| level.new_in(s) > 0).map_or(0, |i| i + 1)
    }

    /// The 1-based position of the last interview that brought a new category (0 if none did).
    pub fn last_new_category(&self) -> usize {
        self.last_new(Level::Categories)
    }

    /// The 1-based position of the last interview that brought a new code (0 if none did).
    pub fn last_new_code(&self) -> usize {
        self.last_new(Level::Codes)
    }

    /// The levels of the model (categories, properties, concepts, codes) that stopped growing before the
    /// last interview, coarsest first, each with how many interviews since brought none: what a
    /// claim of saturation can rest on.
    pub fn stopped(&self) -> Vec<(Level, usize)> {
        let n = self.steps.len();
        [Level::Categories, Level::Properties, Level::Concepts, Level::Codes]
            .into_iter()
            .filter_map(|level| {
                let last = self.last_new(level);
                (last > 0 && last < n).then_some((level, n - last))
            })
            .collect()
    }

    /// Where each level stopped growing and what a claim of saturation rests on, in sentences.
    pub fn summary(&self) -> String {
        let n = self.steps.len();
        let categories = self.last_new(Level::Categories);
        let head = match categories {
            0 => return "No interview has brought a category yet.".to_owned(),
            k if k == n => format!("The last interview ({k} of {n}) still brought a new category"),
            k => format!("No new category after interview {k} of {n}"),
        };
        let relations = match self.last_new(Level::Relations) {
            0 => "no relation has a passage as evidence or coded with both its ends".to_owned(),
            r => format!("the last relation first grounded at {r}"),
        };
        let properties = match self.last_new(Level::Properties) {
            0 => "no passage is placed on a property yet".to_owned(),
            r => format!("the last property first shown at {r}"),
        };
        let (concepts, codes) = (self.last_new(Level::Concepts), self.last_new(Level::Codes));
        let mut out = format!(
            "{head}; the last new concept came at interview {concepts}, the last new code at {codes}; {properties}; {relations}."
        );
        let stopped = self.stopped();
        if stopped.is_empty() {
            out.push_str(" No level has stopped growing: saturation cannot be claimed yet.");
        } else {
            let parts: Vec<String> = stopped
                .iter()
                .map(|(level, since)| {
                    let run = if *since == 1 { "the last interview".to_owned() } else { format!("the last {since}") };
                    format!("{} (none new in {run})", level.plural())
                })
                .collect();
            out.push_str(&format!(" A claim of saturation can rest on {}.", join_and(&parts)));
        }
        out
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The date attribute of a document as a sortable `(year, month, day)`, and its text.
fn date_of(d: &Document) -> Option<((u32, u32, u32), String)> {
    let (_, value) = d.attributes.iter().find(|(k, _)| {
        let k = k.trim().to_lowercase();
        k == "date" || k.ends_with(" date") || k.ends_with("_date")
    })?;
    let parts: Vec<u32> = value.split(['-', '.', '/']).map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    let key = match parts[..] {
        [y, m, d] if y > 999 => (y, m, d),
        [d, m, y] if y > 999 => (y, m, d),
        [y, m] if y > 999 => (y, m, 0),
        _ => return None,
    };
    Some((key, value.clone()))
}

/// Documents in interview order, with the date each was ordered by.
pub fn interview_order(p: &Project) -> (Vec<(DocumentId, Option<String>)>, bool) {
    let mut dated: Vec<((u32, u32, u32), DocumentId, String)> = Vec::new();
    let mut undated: Vec<DocumentId> = Vec::new();
    for d in p.documents() {
        match date_of(d) {
            Some((key, text)) => dated.push((key, d.id, text)),
            None => undated.push(d.id),
        }
    }
    // A stable sort keeps import order among interviews of the same day.
    dated.sort_by_key(|(key, ..)| *key);
    let by_date = !dated.is_empty();
    let order = dated.into_iter().map(|(_, id, text)| (id, Some(text))).chain(undated.into_iter().map(|id| (id, None)));
    (order.collect(), by_date)
}

/// New and cumulative codes, concepts, categories and relations per interview, in interview
/// order. One pass over each document's codings (sorted by start, for the overlaps).
pub fn saturation(p: &Project) -> Saturation {
    let (order, by_date) = interview_order(p);
    let (mut codes, mut concepts, mut categories) = (HashSet::new(), HashSet::new(), HashSet::new());
    // The model's relations by the category pair they join (either way round).
    let mut relation_of: std::collections::HashMap<(CategoryId, CategoryId), Vec<RelationId>> = Default::default();
    for r in p.relations() {
        relation_of.entry((r.from.min(r.to), r.from.max(r.to))).or_default().push(r.id);
    }
    let mut relations: HashSet<RelationId> = HashSet::new();
    let mut properties: HashSet<PropertyId> = HashSet::new();
    // Evidence picked by hand grounds a relation in the interview it was picked from.
    let mut picked_in: std::collections::HashMap<DocumentId, Vec<RelationId>> = Default::default();
    for e in p.depth().evidence() {
        picked_in.entry(e.document).or_default().push(e.relation);
    }
    let category_ids: Vec<CategoryId> = p.categories().map(|c| c.id).collect();
    let category_index: std::collections::HashMap<CategoryId, usize> =
        category_ids.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut turns = TurnIndex::default();
    let mut steps = Vec::with_capacity(order.len());
    for (document, date) in order {
        let (c0, k0, g0, r0) = (codes.len(), concepts.len(), categories.len(), relations.len());
        let p0 = properties.len();
        relations.extend(picked_in.get(&document).into_iter().flatten().copied());
        if !relation_of.is_empty() {
            for pair in co_coded_category_pairs(p, document, (&category_ids, &category_index), &mut turns) {
                relations.extend(relation_of.get(&pair).into_iter().flatten().copied());
            }
        }
        for coding in p.codings_in(document) {
            properties.extend(p.depth().placements_of(coding.id).map(|(property, _)| property));
            if codes.insert(coding.code) {
                let place = p.placement(coding.code);
                if let Some(k) = place.concept {
                    concepts.insert(k);
                }
                if let Some(g) = place.category {
                    categories.insert(g);
                }
            }
        }
        let doc = p.document(document);
        let attribute = |key: &str| {
            doc.and_then(|d| d.attributes.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(key)))
                .map(|(_, v)| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        steps.push(Step {
            document,
            title: doc.map(|d| d.title.clone()).unwrap_or_default(),
            date,
            sampled_because: attribute(SAMPLED_BECAUSE),
            to_develop: attribute(TO_DEVELOP),
            new_codes: codes.len() - c0,
            new_concepts: concepts.len() - k0,
            new_categories: categories.len() - g0,
            new_properties: properties.len() - p0,
            new_relations: relations.len() - r0,
            codes: codes.len(),
            concepts: concepts.len(),
            categories: categories.len(),
            properties: properties.len(),
            relations: relations.len(),
        });
    }
    Saturation { steps, by_date }
}

/// The pairs of categories (smaller id first) that a passage of `document` is coded with both
/// of: codings of their codes that overlap, or that share a speaker turn (a sample that codes
/// whole answers never overlaps). Category ids are numbered by `index`, `categories` maps back.
fn co_coded_category_pairs(
    p: &Project,
    document: DocumentId,
    (categories, index): (&[CategoryId], &std::collections::HashMap<CategoryId, usize>),
    turns: &mut TurnIndex,
) -> HashSet<(CategoryId, CategoryId)> {
    let item_of = |code: CodeId| p.placement(code).category.and_then(|c| index.get(&c).copied());
    let mut pairs = HashSet::new();
    for near in [Near::Overlap, Near::Turn] {
        for (a, b) in pairs_in(p, document, near, turns, item_of).into_keys() {
            let (a, b) = (categories[a], categories[b]);
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    pairs
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Three interviews worked by hand: the first brings codes a, b (concept K in category C)
    /// the second b again and c (concept L, category C), the third only b. Dated so that the
    /// third imported is the first interviewed.
    #[test]
    fn new_and_cumulative_items_per_interview_in_date_order() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let docs = [ids.document(), ids.document(), ids.document()];
        let (cat, k, l) = (ids.category(), ids.concept(), ids.concept());
        let (a, b, c) = (ids.code(), ids.code(), ids.code());
        let mut actions = vec![
            Action::CreateCategory { id: cat, name: "C".into(), class: None },
            Action::CreateConcept { id: k, name: "K".into(), category: Some(cat) },
            Action::CreateConcept { id: l, name: "L".into(), category: Some(cat) },
        ];
        for (id, name, concept) in [(a, "a", Some(k)), (b, "b", Some(k)), (c, "c", Some(l))] {
            actions.push(Action::CreateCode {
                id,
                name: name.into(),
                color: "#123456".into(),
                definition: String::new(),
                concept,
            });
        }
        let dates = ["2019-03-02", "2019-03-09", "01.03.2019"];
        for (i, doc) in docs.iter().enumerate() {
            actions.push(Action::AddDocument {
                id: *doc,
                title: format!("I{i}"),
                text: "one two three four".into(),
                case: None,
                imported: "t".into(),
            });
            actions.push(Action::SetDocumentAttribute {
                id: *doc,
                key: "Interview date".into(),
                value: Some(dates[i].into()),
            });
        }
        // Imported order I0, I1, I2; interviewed I2 (1 March), I0, I1.
        let codings = [(docs[2], b), (docs[0], a), (docs[0], b), (docs[1], b), (docs[1], c)];
        for (doc, code) in codings {
            actions.push(Action::CreateCoding {
                id: ids.coding(),
                document: doc,
                code,
                start: 0,
                end: 3,
                coder: "x".into(),
                created: "t".into(),
            });
        }
        s.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let sat = saturation(&s.load().unwrap());
        assert!(sat.by_date);
        let rows: Vec<(&str, usize, usize, usize, usize)> = sat
            .steps
            .iter()
            .map(|s| (s.title.as_str(), s.new_codes, s.new_concepts, s.new_categories, s.codes))
            .collect();
        assert_eq!(rows, [("I2", 1, 1, 1, 1), ("I0", 1, 0, 0, 2), ("I1", 1, 1, 0, 3)]);
        assert_eq!(sat.last_new_category(), 1);
        assert_eq!(sat.last_new_code(), 3);
        assert_eq!(sat.steps[0].date.as_deref(), Some("01.03.2019"));
    }

    /// A relation counts from the interview where a passage is coded with both its ends: in the
    /// first interview its two categories are coded in different turns, in the second in one
    /// turn, in the third in overlapping passages (already counted). The summary names the
    /// levels that stopped growing.
    #[test]
    fn a_relation_counts_from_the_first_turn_coded_with_both_its_ends() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let (c1, c2, k1, k2, a, b, r) =
            (ids.category(), ids.category(), ids.concept(), ids.concept(), ids.code(), ids.code(), ids.relation());
        let mut actions = vec![
            Action::CreateCategory { id: c1, name: "C1".into(), class: None },
            Action::CreateCategory { id: c2, name: "C2".into(), class: None },
            Action::CreateConcept { id: k1, name: "K1".into(), category: Some(c1) },
            Action::CreateConcept { id: k2, name: "K2".into(), category: Some(c2) },
            Action::CreateRelation { id: r, from: c1, to: c2, kind: "leads to".into() },
        ];
        for (id, name, concept) in [(a, "a", k1), (b, "b", k2)] {
            actions.push(Action::CreateCode {
                id,
                name: name.into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: Some(concept),
            });
        }
        // "Q: one two\nA: three four": the answer's turn starts at char 11.
        let text = "Q: one two\nA: three four";
        let codings = [[(a, 3, 6), (b, 14, 19)], [(a, 14, 19), (b, 20, 24)], [(a, 14, 24), (b, 20, 24)]];
        for (i, pair) in codings.iter().enumerate() {
            let doc = ids.document();
            actions.push(Action::AddDocument {
                id: doc,
                title: format!("I{i}"),
                text: text.into(),
                case: None,
                imported: "t".into(),
            });
            for &(code, start, end) in pair {
                actions.push(Action::CreateCoding {
                    id: ids.coding(),
                    document: doc,
                    code,
                    start,
                    end,
                    coder: "x".into(),
                    created: "t".into(),
                });
            }
        }
        s.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let sat = saturation(&s.load().unwrap());
        let relations: Vec<(usize, usize)> = sat.steps.iter().map(|st| (st.new_relations, st.relations)).collect();
        assert_eq!(relations, [(0, 0), (1, 1), (0, 1)]);
        assert_eq!(sat.last_new(Level::Relations), 2);
        assert_eq!(sat.stopped(), [(Level::Categories, 2), (Level::Concepts, 2), (Level::Codes, 2)]);
        let summary = sat.summary();
        assert!(summary.starts_with("No new category after interview 1 of 3;"), "{summary}");
        assert!(
            summary.contains("no passage is placed on a property yet; the last relation first grounded at 2"),
            "{summary}"
        );
        assert!(
            summary.ends_with(
                "A claim of saturation can rest on categories (none new in the last 2), concepts (none new in the \
                 last 2) and codes (none new in the last 2)."
            ),
            "{summary}"
        );
    }
}
