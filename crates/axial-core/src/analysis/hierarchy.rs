//! The code hierarchy as one view model: paradigm classes -> categories -> concepts -> codes,
//! and what is not yet placed, built once per structure revision with children lists
//! (downwards) beside the project's placements (upwards) and its live counts at every level.
//! The code tree, the category-model export and the frequency and paradigm reports all read
//! it; none of them walks the hierarchy by hand.

use crate::model::*;
use rustc_hash::FxHashMap;

/// One item of the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Class(ParadigmClass),
    Category(CategoryId),
    Concept(ConceptId),
    Code(CodeId),
}

/// An item in tree order, with the item it hangs under (none for a class or for something
/// not yet placed) and its depth below its top-level item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub node: Node,
    pub parent: Option<Node>,
    pub depth: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Hierarchy {
    /// The project's structure revision this was built at.
    pub revision: u64,
    categories_in: FxHashMap<Option<ParadigmClass>, Vec<CategoryId>>,
    concepts_in: FxHashMap<Option<CategoryId>, Vec<ConceptId>>,
    codes_in: FxHashMap<Option<ConceptId>, Vec<CodeId>>,
}

impl Hierarchy {
    /// Children lists in creation order, in one pass over codes, concepts and categories.
    pub fn build(project: &Project) -> Hierarchy {
        let mut h = Hierarchy { revision: project.revisions().structure, ..Default::default() };
        for c in project.categories() {
            h.categories_in.entry(c.class).or_default().push(c.id);
        }
        for c in project.concepts() {
            h.concepts_in.entry(c.category).or_default().push(c.id);
        }
        for c in project.codes() {
            h.codes_in.entry(c.concept).or_default().push(c.id);
        }
        h
    }

    /// The categories placed in `class` (`None`: not yet placed).
    pub fn categories_in(&self, class: Option<ParadigmClass>) -> &[CategoryId] {
        self.categories_in.get(&class).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The concepts grouped under `category` (`None`: without a category).
    pub fn concepts_in(&self, category: Option<CategoryId>) -> &[ConceptId] {
        self.concepts_in.get(&category).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The codes grouped under `concept` (`None`: open codes not yet grouped).
    pub fn codes_in(&self, concept: Option<ConceptId>) -> &[CodeId] {
        self.codes_in.get(&concept).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every item in tree order: the six classes with what is placed in them, then the
    /// categories not yet placed, the concepts without a category and the codes without a
    /// concept, each with what hangs under it.
    pub fn walk(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        for class in ParadigmClass::ALL {
            out.push(Entry { node: Node::Class(class), parent: None, depth: 0 });
            for &c in self.categories_in(Some(class)) {
                self.walk_category(c, Some(Node::Class(class)), 1, &mut out);
            }
        }
        for &c in self.categories_in(None) {
            self.walk_category(c, None, 0, &mut out);
        }
        for &k in self.concepts_in(None) {
            self.walk_concept(k, None, 0, &mut out);
        }
        for &code in self.codes_in(None) {
            out.push(Entry { node: Node::Code(code), parent: None, depth: 0 });
        }
        out
    }

    fn walk_category(&self, id: CategoryId, parent: Option<Node>, depth: usize, out: &mut Vec<Entry>) {
        out.push(Entry { node: Node::Category(id), parent, depth });
        for &k in self.concepts_in(Some(id)) {
            self.walk_concept(k, Some(Node::Category(id)), depth + 1, out);
        }
    }

    fn walk_concept(&self, id: ConceptId, parent: Option<Node>, depth: usize, out: &mut Vec<Entry>) {
        out.push(Entry { node: Node::Concept(id), parent, depth });
        for &code in self.codes_in(Some(id)) {
            out.push(Entry { node: Node::Code(code), parent: Some(Node::Concept(id)), depth: depth + 1 });
        }
    }
}

/// The live counts of any item.
pub fn tally(project: &Project, node: Node) -> Tally {
    let t = project.tallies();
    match node {
        Node::Class(c) => t.class(c),
        Node::Category(id) => t.category(id),
        Node::Concept(id) => t.concept(id),
        Node::Code(id) => t.code(id),
    }
}

/// The display name of any item (a class's label).
pub fn name(project: &Project, node: Node) -> &str {
    match node {
        Node::Class(c) => c.label(),
        Node::Category(id) => project.category(id).map(|c| c.name.as_str()).unwrap_or("?"),
        Node::Concept(id) => project.concept(id).map(|c| c.name.as_str()).unwrap_or("?"),
        Node::Code(id) => project.code(id).map(|c| c.name.as_str()).unwrap_or("?"),
    }
}

/// The key a report prints for an item: a class's key, else its name.
pub fn key(project: &Project, node: Node) -> &str {
    match node {
        Node::Class(c) => c.key(),
        other => name(project, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_visits_placed_items_then_loose_ones_with_parents() {
        let mut p = Project::default();
        p.apply_change(Change::Category(Category {
            id: CategoryId(1),
            name: "Cat".into(),
            class: Some(ParadigmClass::Strategies),
        }));
        p.apply_change(Change::Category(Category { id: CategoryId(2), name: "Loose cat".into(), class: None }));
        p.apply_change(Change::Concept(Concept {
            id: ConceptId(1),
            name: "Con".into(),
            category: Some(CategoryId(1)),
        }));
        p.apply_change(Change::Concept(Concept { id: ConceptId(2), name: "Loose con".into(), category: None }));
        for (id, concept) in [(1, Some(ConceptId(1))), (2, None), (3, Some(ConceptId(2)))] {
            p.apply_change(Change::Code(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept,
            }));
        }
        let h = Hierarchy::build(&p);
        let walk = h.walk();
        let strategies = walk.iter().position(|e| e.node == Node::Class(ParadigmClass::Strategies)).unwrap();
        assert_eq!(
            walk[strategies + 1..strategies + 4].iter().map(|e| (e.node, e.depth)).collect::<Vec<_>>(),
            [(Node::Category(CategoryId(1)), 1), (Node::Concept(ConceptId(1)), 2), (Node::Code(CodeId(1)), 3)]
        );
        let tail: Vec<(Node, Option<Node>)> = walk[walk.len() - 4..].iter().map(|e| (e.node, e.parent)).collect();
        assert_eq!(
            tail,
            [
                (Node::Category(CategoryId(2)), None),
                (Node::Concept(ConceptId(2)), None),
                (Node::Code(CodeId(3)), Some(Node::Concept(ConceptId(2)))),
                (Node::Code(CodeId(2)), None),
            ]
        );
        assert_eq!(h.codes_in(None), [CodeId(2)]);
        assert_eq!(p.placement(CodeId(1)).class, Some(ParadigmClass::Strategies), "and back up");
    }
}

/// What is not yet tied into the theory (selective coding's loose ends): codes without a
/// concept, concepts without a category, categories without a paradigm class, and categories
/// that no chain of relations (in either direction) connects to the core category: in the
/// paradigm the context bears on the strategies, not on the core itself, so a direct link is not
/// asked for, a connection is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LooseEnds {
    pub codes: Vec<CodeId>,
    pub concepts: Vec<ConceptId>,
    pub unplaced: Vec<CategoryId>,
    /// Empty while there is no core category.
    pub unrelated: Vec<CategoryId>,
}

impl LooseEnds {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.concepts.is_empty() && self.unplaced.is_empty() && self.unrelated.is_empty()
    }
}

pub fn loose_ends(project: &Project, h: &Hierarchy) -> LooseEnds {
    let unrelated = match project.core_category() {
        None => Vec::new(),
        Some(core) => {
            let mut neighbours: FxHashMap<CategoryId, Vec<CategoryId>> = FxHashMap::default();
            for r in project.relations() {
                neighbours.entry(r.from).or_default().push(r.to);
                neighbours.entry(r.to).or_default().push(r.from);
            }
            let mut connected = std::collections::HashSet::from([core]);
            let mut frontier = vec![core];
            while let Some(c) = frontier.pop() {
                for &n in neighbours.get(&c).map(Vec::as_slice).unwrap_or(&[]) {
                    if connected.insert(n) {
                        frontier.push(n);
                    }
                }
            }
            project.categories().map(|c| c.id).filter(|c| !connected.contains(c)).collect()
        }
    };
    LooseEnds {
        codes: h.codes_in(None).to_vec(),
        concepts: h.concepts_in(None).to_vec(),
        unplaced: h.categories_in(None).to_vec(),
        unrelated,
    }
}

#[cfg(test)]
mod loose_end_tests {
    use super::*;

    #[test]
    fn loose_ends_are_what_is_not_grouped_placed_or_related_to_the_core() {
        let mut p = Project::default();
        for (id, class) in [
            (1, Some(ParadigmClass::Phenomenon)),
            (2, Some(ParadigmClass::Strategies)),
            (3, None),
            (4, Some(ParadigmClass::ContextualConditions)),
        ] {
            p.apply_change(Change::Category(Category { id: CategoryId(id), name: format!("k{id}"), class }));
        }
        p.apply_change(Change::Concept(Concept { id: ConceptId(1), name: "loose".into(), category: None }));
        p.apply_change(Change::Code(Code {
            id: CodeId(1),
            name: "c".into(),
            color: "#000000".into(),
            definition: String::new(),
            concept: None,
        }));
        let h = Hierarchy::build(&p);
        assert_eq!(loose_ends(&p, &h).unrelated, [], "nothing is unrelated before there is a core");
        p.apply_change(Change::CoreCategory(Some(CategoryId(1))));
        p.apply_change(Change::Relation(Relation {
            id: RelationId(1),
            from: CategoryId(2),
            to: CategoryId(1),
            kind: "x".into(),
        }));
        // The context bears on the strategy, which bears on the core: connected, not loose.
        p.apply_change(Change::Relation(Relation {
            id: RelationId(2),
            from: CategoryId(4),
            to: CategoryId(2),
            kind: "y".into(),
        }));
        let l = loose_ends(&p, &Hierarchy::build(&p));
        assert_eq!(l.codes, [CodeId(1)]);
        assert_eq!(l.concepts, [ConceptId(1)]);
        assert_eq!(l.unplaced, [CategoryId(3)]);
        assert_eq!(l.unrelated, [CategoryId(3)], "k2 relates to the core, k4 through k2, k1 is the core");
    }
}
