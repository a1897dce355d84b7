//! Code frequencies: coded references and the documents they occur in, per code, concept,
//! category and paradigm class.

use super::hierarchy::code_placement;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// References (codings) and distinct documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub references: usize,
    pub documents: usize,
}

#[derive(Default)]
struct Acc {
    references: usize,
    documents: BTreeSet<DocumentId>,
}

impl Acc {
    fn add(&mut self, doc: DocumentId) {
        self.references += 1;
        self.documents.insert(doc);
    }
    fn tally(&self) -> Tally {
        Tally { references: self.references, documents: self.documents.len() }
    }
}

/// Tallies at every level of the hierarchy. A coding counts once at each level above its code.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    pub codes: BTreeMap<CodeId, Tally>,
    pub concepts: BTreeMap<ConceptId, Tally>,
    pub categories: BTreeMap<CategoryId, Tally>,
    pub classes: BTreeMap<ParadigmClass, Tally>,
    pub total: Tally,
}

impl Frequencies {
    pub fn code(&self, id: CodeId) -> Tally {
        self.codes.get(&id).copied().unwrap_or_default()
    }
    pub fn concept(&self, id: ConceptId) -> Tally {
        self.concepts.get(&id).copied().unwrap_or_default()
    }
    pub fn category(&self, id: CategoryId) -> Tally {
        self.categories.get(&id).copied().unwrap_or_default()
    }
    pub fn class(&self, class: ParadigmClass) -> Tally {
        self.classes.get(&class).copied().unwrap_or_default()
    }
}

pub fn frequencies(project: &Project) -> Frequencies {
    let mut codes: BTreeMap<CodeId, Acc> = BTreeMap::new();
    let mut concepts: BTreeMap<ConceptId, Acc> = BTreeMap::new();
    let mut categories: BTreeMap<CategoryId, Acc> = BTreeMap::new();
    let mut classes: BTreeMap<ParadigmClass, Acc> = BTreeMap::new();
    let mut total = Acc::default();
    for coding in &project.codings {
        let p = code_placement(project, coding.code);
        codes.entry(coding.code).or_default().add(coding.document);
        if let Some(c) = p.concept {
            concepts.entry(c).or_default().add(coding.document);
        }
        if let Some(c) = p.category {
            categories.entry(c).or_default().add(coding.document);
        }
        if let Some(c) = p.class {
            classes.entry(c).or_default().add(coding.document);
        }
        total.add(coding.document);
    }
    fn done<K: Ord>(m: BTreeMap<K, Acc>) -> BTreeMap<K, Tally> {
        m.into_iter().map(|(k, a)| (k, a.tally())).collect()
    }
    Frequencies {
        codes: done(codes),
        concepts: done(concepts),
        categories: done(categories),
        classes: done(classes),
        total: total.tally(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_roll_up_and_documents_are_distinct() {
        let mut p = Project::default();
        p.categories.push(Category { id: CategoryId(1), name: "Cat".into(), class: Some(ParadigmClass::Strategies) });
        p.concepts.push(Concept { id: ConceptId(1), name: "Con".into(), category: Some(CategoryId(1)) });
        for (id, concept) in [(1, Some(ConceptId(1))), (2, Some(ConceptId(1))), (3, None)] {
            p.codes.push(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept,
            });
        }
        for (i, (doc, code)) in [(1, 1), (1, 1), (2, 2), (2, 3)].into_iter().enumerate() {
            p.codings.push(Coding {
                id: CodingId(i as i64),
                document: DocumentId(doc),
                code: CodeId(code),
                start: 0,
                end: 1,
                coder: String::new(),
                created: String::new(),
            });
        }
        let f = frequencies(&p);
        assert_eq!(f.code(CodeId(1)), Tally { references: 2, documents: 1 });
        assert_eq!(f.concept(ConceptId(1)), Tally { references: 3, documents: 2 });
        assert_eq!(f.class(ParadigmClass::Strategies), Tally { references: 3, documents: 2 });
        assert_eq!(f.class(ParadigmClass::Phenomenon), Tally::default());
        assert_eq!(f.total, Tally { references: 4, documents: 2 });
    }
}
