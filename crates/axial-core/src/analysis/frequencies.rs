//! Code frequencies: coded references and the documents they occur in, per code, concept,
//! category and paradigm class. The live project keeps them up to date
//! ([`Project::tallies`]); [`from_scratch`] counts every coding again.

use crate::model::*;
pub use crate::model::{Tallies, Tally};

/// Counts every coding of `project` again (what opening a project does once).
pub fn from_scratch(project: &Project) -> Tallies {
    Tallies::build(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_roll_up_and_documents_are_distinct() {
        let mut p = Project::default();
        p.apply_change(Change::Category(Category {
            id: CategoryId(1),
            name: "Cat".into(),
            class: Some(ParadigmClass::Strategies),
        }));
        p.apply_change(Change::Concept(Concept {
            id: ConceptId(1),
            name: "Con".into(),
            category: Some(CategoryId(1)),
        }));
        for (id, concept) in [(1, Some(ConceptId(1))), (2, Some(ConceptId(1))), (3, None)] {
            p.apply_change(Change::Code(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept,
            }));
        }
        for (i, (doc, code)) in [(1, 1), (1, 1), (2, 2), (2, 3)].into_iter().enumerate() {
            p.apply_change(Change::Coding(Coding {
                id: CodingId(i as i64),
                document: DocumentId(doc),
                code: CodeId(code),
                start: 0,
                end: 1,
                coder: String::new(),
                created: String::new(),
            }));
        }
        let f = p.tallies().clone();
        assert_eq!(f, from_scratch(&p), "the live counts equal a count from scratch");
        assert_eq!(f.code(CodeId(1)), Tally { references: 2, documents: 1 });
        assert_eq!(f.concept(ConceptId(1)), Tally { references: 3, documents: 2 });
        assert_eq!(f.class(ParadigmClass::Strategies), Tally { references: 3, documents: 2 });
        assert_eq!(f.class(ParadigmClass::Phenomenon), Tally::default());
        assert_eq!(f.total(), Tally { references: 4, documents: 2 });
        // Moving a concept out of its category takes its counts along.
        p.apply_change(Change::Concept(Concept { id: ConceptId(1), name: "Con".into(), category: None }));
        assert_eq!(p.tallies().class(ParadigmClass::Strategies), Tally::default());
        assert_eq!(p.tallies().concept(ConceptId(1)), Tally { references: 3, documents: 2 });
        p.apply_change(Change::CodingDeleted(CodingId(0)));
        assert_eq!(p.tallies().code(CodeId(1)), Tally { references: 1, documents: 1 });
        assert_eq!(*p.tallies(), from_scratch(&p));
    }
}
