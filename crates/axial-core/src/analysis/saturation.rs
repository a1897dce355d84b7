//! Theoretical saturation: how many codes, concepts and categories each successive interview
//! brought that no earlier one had, and the cumulative totals. When new categories stop
//! appearing, sampling has reached adequacy for the model (Strauss & Corbin; the banking
//! study reports it after 16 interviews).
//!
//! Interview order is the date a document carries (an attribute named `date`, or ending in
//! `date`, such as `interview date`; ISO `YYYY-MM-DD` or `DD.MM.YYYY`/`DD/MM/YYYY`), else the
//! order of import. Documents without a date follow the dated ones, in import order.

use crate::model::*;
use std::collections::HashSet;

/// One interview's contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub document: DocumentId,
    pub title: String,
    /// The date it was ordered by, if any.
    pub date: Option<String>,
    pub new_codes: usize,
    pub new_concepts: usize,
    pub new_categories: usize,
    /// Totals seen up to and including this interview.
    pub codes: usize,
    pub concepts: usize,
    pub categories: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saturation {
    pub steps: Vec<Step>,
    /// Whether the order came from dates (else import order).
    pub by_date: bool,
}

impl Saturation {
    /// The 1-based position of the last interview that brought a new category (0 if none did).
    pub fn last_new_category(&self) -> usize {
        self.steps.iter().rposition(|s| s.new_categories > 0).map_or(0, |i| i + 1)
    }

    /// The 1-based position of the last interview that brought a new code (0 if none did).
    pub fn last_new_code(&self) -> usize {
        self.steps.iter().rposition(|s| s.new_codes > 0).map_or(0, |i| i + 1)
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

/// New and cumulative codes, concepts and categories per interview, in interview order.
/// One pass over each document's codings.
pub fn saturation(p: &Project) -> Saturation {
    let (order, by_date) = interview_order(p);
    let (mut codes, mut concepts, mut categories) = (HashSet::new(), HashSet::new(), HashSet::new());
    let mut steps = Vec::with_capacity(order.len());
    for (document, date) in order {
        let (c0, k0, g0) = (codes.len(), concepts.len(), categories.len());
        for coding in p.codings_in(document) {
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
        steps.push(Step {
            document,
            title: p.document(document).map(|d| d.title.clone()).unwrap_or_default(),
            date,
            new_codes: codes.len() - c0,
            new_concepts: concepts.len() - k0,
            new_categories: categories.len() - g0,
            codes: codes.len(),
            concepts: concepts.len(),
            categories: categories.len(),
        });
    }
    Saturation { steps, by_date }
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
}
