//! Code frequencies: coded references and the documents they occur in, per code, concept,
//! category and paradigm class. The live project keeps them up to date
//! ([`Project::tallies`]); [`from_scratch`] counts every coding again.

use super::hierarchy::{self, Hierarchy, Node};
use super::units::{Rule, TurnIndex, Unit, counted_codings};
use crate::model::*;
pub use crate::model::{Tallies, Tally};
use rustc_hash::{FxHashMap, FxHashSet};

/// Counts every coding of `project` again (what opening a project does once).
pub fn from_scratch(project: &Project) -> Tallies {
    Tallies::build(project)
}

/// The level a frequency table lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    #[default]
    Code,
    Concept,
    Category,
    Class,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Code, Level::Concept, Level::Category, Level::Class];

    pub fn label(self) -> &'static str {
        match self {
            Level::Code => "Codes",
            Level::Concept => "Concepts",
            Level::Category => "Categories",
            Level::Class => "Paradigm classes",
        }
    }

    fn item(self, p: &Project, code: CodeId) -> Option<Node> {
        let place = p.placement(code);
        match self {
            Level::Code => Some(Node::Code(code)),
            Level::Concept => place.concept.map(Node::Concept),
            Level::Category => place.category.map(Node::Category),
            Level::Class => place.class.map(Node::Class),
        }
    }
}

/// What the columns beside the totals break the counts down by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum By {
    #[default]
    Overall,
    Document,
    Case,
}

/// One row: an item, its totals, and its count in each column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub node: Node,
    pub name: String,
    /// The item it sits under (a code's concept, ...), if any.
    pub parent: String,
    pub references: usize,
    pub documents: usize,
    pub cells: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrequencyTable {
    /// Column titles for `Row::cells` (documents or cases; none overall).
    pub columns: Vec<String>,
    /// Every item of the level in tree order, with zero rows for items never coded.
    pub rows: Vec<Row>,
}

/// References and documents per item of `level`, counted in `unit`, with a column per
/// document or case. One pass over the counted codings.
pub fn table(p: &Project, level: Level, by: By, unit: Unit, rule: Rule, turns: &mut TurnIndex) -> FrequencyTable {
    let hierarchy = Hierarchy::build(p);
    let walk = hierarchy.walk();
    let nodes: Vec<(Node, Option<Node>)> = walk
        .iter()
        .filter(|e| match e.node {
            Node::Code(_) => level == Level::Code,
            Node::Concept(_) => level == Level::Concept,
            Node::Category(_) => level == Level::Category,
            Node::Class(_) => level == Level::Class,
        })
        .map(|e| (e.node, e.parent))
        .collect();
    let index: FxHashMap<Node, usize> = nodes.iter().enumerate().map(|(i, (n, _))| (*n, i)).collect();
    let (columns, column_of): (Vec<String>, FxHashMap<DocumentId, usize>) = match by {
        By::Overall => (Vec::new(), FxHashMap::default()),
        By::Document => (
            p.documents().map(|d| d.title.clone()).collect(),
            p.documents().enumerate().map(|(i, d)| (d.id, i)).collect(),
        ),
        By::Case => {
            let cases: Vec<&Case> = p.cases().collect();
            let at: FxHashMap<CaseId, usize> = cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
            (
                cases.iter().map(|c| c.name.clone()).collect(),
                p.documents().filter_map(|d| Some((d.id, *at.get(&d.case?)?))).collect(),
            )
        }
    };
    let mut references = vec![0usize; nodes.len()];
    let mut cells = vec![vec![0usize; columns.len()]; nodes.len()];
    let mut documents: Vec<FxHashSet<DocumentId>> = vec![FxHashSet::default(); nodes.len()];
    for coding in counted_codings(p, unit, rule, turns) {
        let Some(i) = level.item(p, coding.code).and_then(|n| index.get(&n).copied()) else { continue };
        references[i] += 1;
        documents[i].insert(coding.document);
        if let Some(&c) = column_of.get(&coding.document) {
            cells[i][c] += 1;
        }
    }
    let rows = nodes
        .into_iter()
        .enumerate()
        .map(|(i, (node, parent))| Row {
            node,
            name: hierarchy::name(p, node).to_owned(),
            parent: parent.map(|n| hierarchy::name(p, n).to_owned()).unwrap_or_default(),
            references: references[i],
            documents: documents[i].len(),
            cells: std::mem::take(&mut cells[i]),
        })
        .collect();
    FrequencyTable { columns, rows }
}

/// The overall table in coded passages from the live counts the project keeps (patched by
/// every change): what `table(p, level, By::Overall, Unit::Passage, Rule::All, ..)` counts,
/// without walking the codings.
pub fn overall_from_tallies(p: &Project, level: Level) -> FrequencyTable {
    {
        let hierarchy = Hierarchy::build(p);
        let t = p.tallies();
        let rows = hierarchy
            .walk()
            .into_iter()
            .filter_map(|e| {
                let tally = match (e.node, level) {
                    (Node::Code(id), Level::Code) => t.code(id),
                    (Node::Concept(id), Level::Concept) => t.concept(id),
                    (Node::Category(id), Level::Category) => t.category(id),
                    (Node::Class(class), Level::Class) => t.class(class),
                    _ => return None,
                };
                Some(Row {
                    node: e.node,
                    name: hierarchy::name(p, e.node).to_owned(),
                    parent: e.parent.map(|n| hierarchy::name(p, n).to_owned()).unwrap_or_default(),
                    references: tally.references,
                    documents: tally.documents,
                    cells: Vec::new(),
                })
            })
            .collect();
        FrequencyTable { columns: Vec::new(), rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The overall table from the live counts equals the one counted from the codings, at every
    /// level, on both samples.
    #[test]
    fn the_overall_table_from_the_live_counts_is_the_counted_one() {
        for name in ["crm_knowledge_creation", "banking_ckm_crm"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects").join(name);
            let p = crate::project::open_sample(&root).unwrap().load().unwrap();
            for level in Level::ALL {
                let counted = table(&p, level, By::Overall, Unit::Passage, Rule::All, &mut TurnIndex::default());
                assert_eq!(overall_from_tallies(&p, level), counted, "{name} {level:?}");
            }
        }
    }

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

    #[test]
    fn a_table_per_level_with_a_column_per_case_and_zero_rows_kept() {
        let mut p = Project::default();
        p.apply_change(Change::Case(Case { id: CaseId(1), name: "Bank".into(), attributes: Default::default() }));
        for d in [1, 2] {
            let mut doc = Document::new(DocumentId(d), format!("d{d}"), "x".repeat(50));
            doc.case = (d == 1).then_some(CaseId(1));
            p.apply_change(Change::DocumentAdded(doc));
        }
        p.apply_change(Change::Concept(Concept { id: ConceptId(1), name: "Con".into(), category: None }));
        for (id, concept) in [(1, Some(ConceptId(1))), (2, Some(ConceptId(1))), (3, None)] {
            p.apply_change(Change::Code(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept,
            }));
        }
        for (i, (doc, code)) in [(1, 1), (1, 1), (2, 2), (1, 2)].into_iter().enumerate() {
            p.apply_change(Change::Coding(Coding {
                id: CodingId(i as i64),
                document: DocumentId(doc),
                code: CodeId(code),
                start: i * 5,
                end: i * 5 + 3,
                coder: String::new(),
                created: String::new(),
            }));
        }
        let mut turns = TurnIndex::default();
        let codes = table(&p, Level::Code, By::Case, Unit::Passage, Rule::All, &mut turns);
        assert_eq!(codes.columns, ["Bank"]);
        let row = |t: &FrequencyTable, name: &str| {
            let r = t.rows.iter().find(|r| r.name == name).unwrap();
            (r.references, r.documents, r.cells.clone())
        };
        assert_eq!(row(&codes, "c1"), (2, 1, vec![2]));
        assert_eq!(row(&codes, "c2"), (2, 2, vec![1]), "d2 has no case");
        assert_eq!(row(&codes, "c3"), (0, 0, vec![0]), "a code never applied still has its row");
        let concepts = table(&p, Level::Concept, By::Document, Unit::Document, Rule::All, &mut turns);
        assert_eq!(concepts.columns, ["d1", "d2"]);
        assert_eq!(row(&concepts, "Con"), (3, 2, vec![2, 1]), "once per document per code");
    }
}
