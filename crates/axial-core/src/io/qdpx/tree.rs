//! The codebook as REFI-QDA nests it (codes inside codes) and as Axial levels it (paradigm
//! class > category > concept > code): Axial's levels written as a tree, and any tree read
//! back as Axial's levels.

use super::{Marker, describe};

impl Node {
    /// The description as the file holds it: the text, then Axial's marker line if any.
    pub fn full_description(&self) -> String {
        describe(&self.description, self.marker.as_ref().unwrap_or(&Marker::default()))
    }
}
use crate::io::project_json::{CategoryEntry, CodeEntry, ConceptEntry, ProjectFile};
use crate::model::{ParadigmClass, derived_uid};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One code of a REFI-QDA codebook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Node {
    pub guid: String,
    pub name: String,
    pub color: Option<String>,
    pub codable: bool,
    /// The description without Axial's marker line (written after it, see [`Node::full_description`]).
    pub description: String,
    pub marker: Option<Marker>,
    pub children: Vec<Node>,
    /// The notes (memos) the code refers to, by GUID.
    pub notes: Vec<String>,
}

/// Colours of the paradigm classes' codes (and of the categories in them): the Okabe-Ito
/// colours, which stay apart for colour-blind readers.
fn class_color(class: ParadigmClass) -> &'static str {
    match class {
        ParadigmClass::CausalConditions => "#e69f00",
        ParadigmClass::Phenomenon => "#d55e00",
        ParadigmClass::ContextualConditions => "#56b4e9",
        ParadigmClass::InterveningConditions => "#009e73",
        ParadigmClass::Strategies => "#0072b2",
        ParadigmClass::Consequences => "#cc79a7",
    }
}

/// The GUID a paradigm class's code has in every export (the same in every project, so two
/// projects' codebooks agree on it).
pub(super) fn class_guid(class: ParadigmClass) -> String {
    derived_uid(&format!("axial-paradigm-class:{}", class.key()))
}

/// The GUIDs of a project's codebook items, by name.
pub(super) struct CodebookGuids<'a> {
    pub categories: &'a HashMap<String, String>,
    pub concepts: &'a HashMap<String, String>,
    pub codes: &'a HashMap<String, String>,
    /// Notes on each item, by (kind, name).
    pub notes: &'a HashMap<(&'static str, String), Vec<String>>,
}

/// Axial's levels as nested codes: the paradigm classes that hold categories, then the
/// categories in no class, the concepts in no category and the codes in no concept.
pub(super) fn axial_tree(file: &ProjectFile, guids: &CodebookGuids) -> Vec<Node> {
    let notes = |kind: &'static str, name: &str| guids.notes.get(&(kind, name.to_owned())).cloned().unwrap_or_default();
    let mut codes_of: HashMap<&str, Vec<&CodeEntry>> = HashMap::new();
    let mut loose_codes = Vec::new();
    for c in &file.codes {
        match &c.concept {
            Some(k) => codes_of.entry(k.as_str()).or_default().push(c),
            None => loose_codes.push(c),
        }
    }
    let mut concepts_of: HashMap<&str, Vec<&ConceptEntry>> = HashMap::new();
    let mut loose_concepts = Vec::new();
    for c in &file.concepts {
        match &c.category {
            Some(k) => concepts_of.entry(k.as_str()).or_default().push(c),
            None => loose_concepts.push(c),
        }
    }
    let code_node = |c: &CodeEntry| Node {
        guid: guids.codes[&c.name].clone(),
        name: c.name.clone(),
        color: c.color.clone(),
        codable: true,
        description: c.definition.clone(),
        marker: Some(Marker { facets: c.facets.clone(), ..Marker::default() }),
        children: Vec::new(),
        notes: notes("code", &c.name),
    };
    let concept_node = |c: &ConceptEntry| {
        let children: Vec<Node> = codes_of.get(c.name.as_str()).into_iter().flatten().map(|k| code_node(k)).collect();
        let marker = Marker { level: Some("concept".into()), facets: c.facets.clone(), ..Marker::default() };
        Node {
            guid: guids.concepts[&c.name].clone(),
            name: c.name.clone(),
            // A concept shows the colour of its first code.
            color: Some(children.first().and_then(|k| k.color.clone()).unwrap_or_else(|| "#999999".into())),
            codable: false,
            description: String::new(),
            marker: Some(marker),
            children,
            notes: notes("concept", &c.name),
        }
    };
    let category_node = |c: &CategoryEntry| {
        let marker = Marker {
            level: Some("category".into()),
            class: c.class,
            core: file.core_category.as_deref() == Some(c.name.as_str()),
            facets: c.facets.clone(),
            matrix_level: c.level,
            properties: c.properties.clone(),
            ..Marker::default()
        };
        Node {
            guid: guids.categories[&c.name].clone(),
            name: c.name.clone(),
            color: Some(c.class.map_or("#bbbbbb", class_color).to_owned()),
            codable: false,
            description: String::new(),
            marker: Some(marker),
            children: concepts_of.get(c.name.as_str()).into_iter().flatten().map(|k| concept_node(k)).collect(),
            notes: notes("category", &c.name),
        }
    };
    let mut tree = Vec::new();
    for class in ParadigmClass::ALL {
        let children: Vec<Node> =
            file.categories.iter().filter(|c| c.class == Some(class)).map(&category_node).collect();
        if children.is_empty() {
            continue;
        }
        let marker = Marker { level: Some("class".into()), class: Some(class), ..Marker::default() };
        tree.push(Node {
            guid: class_guid(class),
            name: class.label().to_owned(),
            color: Some(class_color(class).to_owned()),
            codable: false,
            description: String::new(),
            marker: Some(marker),
            children,
            notes: Vec::new(),
        });
    }
    tree.extend(file.categories.iter().filter(|c| c.class.is_none()).map(&category_node));
    tree.extend(loose_concepts.into_iter().map(concept_node));
    tree.extend(loose_codes.into_iter().map(code_node));
    tree
}

/// What a codebook tree becomes in Axial.
#[derive(Default)]
pub(super) struct Levelled {
    pub categories: Vec<CategoryEntry>,
    pub concepts: Vec<ConceptEntry>,
    pub codes: Vec<CodeEntry>,
    pub core: Option<String>,
    /// Each REFI-QDA code's GUID to the Axial code its codings go to.
    pub code_of: HashMap<String, String>,
    /// Each REFI-QDA code's GUID to the Axial item it became: ("category" | "concept" | "code", name).
    pub item_of: HashMap<String, (&'static str, String)>,
    /// Notes on the codebook: (note GUID, kind, name).
    pub notes: Vec<(String, &'static str, String)>,
    pub warnings: Vec<String>,
}

/// Where a code sits while the tree is levelled.
#[derive(Clone, Copy)]
enum Place<'a> {
    Top,
    Class(ParadigmClass),
    Category(&'a str),
    Concept(&'a str),
}

/// Levels a codebook tree: Axial's own markers say each code's level where they are present;
/// elsewhere the shape does: a code without children is a code, a parent of codes only is a
/// concept, a parent of parents is a category, and a top-level code named after a paradigm class
/// (with children, no codings of its own) is that class. Codes nested deeper than Axial's levels
/// are flattened into their concept as "Parent / Child"; codings on a category or concept go to
/// a code of the same name inside it, since only codes hold codings in Axial.
pub(super) fn levelled(tree: &[Node], coded: &HashSet<String>) -> Levelled {
    let mut l = Leveller {
        coded,
        out: Levelled::default(),
        names: HashMap::new(),
        auto_concepts: HashMap::new(),
        flattened: 0,
        renamed: 0,
        moved: 0,
    };
    for node in tree {
        l.place(node, Place::Top);
    }
    let Leveller { mut out, flattened, renamed, moved, .. } = l;
    if flattened > 0 {
        let which = if flattened == 1 {
            "1 code below a code was".to_owned()
        } else {
            format!("{flattened} codes below a code were")
        };
        out.warnings.push(format!(
            "the code tree is deeper than Axial's levels (paradigm class, category, concept, code): {which} flattened into its concept, named \u{201c}Parent / Child\u{201d}"
        ));
    }
    if moved > 0 {
        let which =
            if moved == 1 { "1 category or concept".to_owned() } else { format!("{moved} categories or concepts") };
        out.warnings.push(format!(
            "{which} held codings of its own; in Axial only codes do, so it got a code of the same name inside it that holds them"
        ));
    }
    if renamed > 0 {
        out.warnings.push(format!(
            "{renamed} codes, concepts or categories had a name another of their kind already had and were numbered (\u{201c}Name (2)\u{201d})"
        ));
    }
    out
}

struct Leveller<'a> {
    coded: &'a HashSet<String>,
    out: Levelled,
    /// Names taken, by kind.
    names: HashMap<&'static str, HashSet<String>>,
    /// The concept made for each category's codes that sit right under it (see `auto_concept`).
    auto_concepts: HashMap<String, String>,
    flattened: usize,
    renamed: usize,
    moved: usize,
}

impl Leveller<'_> {
    /// A name of `kind` no item of that kind has yet.
    fn unique(&mut self, kind: &'static str, name: &str) -> String {
        let base = if name.trim().is_empty() { "Unnamed".to_owned() } else { name.trim().to_owned() };
        let taken = self.names.entry(kind).or_default();
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base} ({n})");
            n += 1;
        }
        if candidate != base && name.trim() == base {
            self.renamed += 1;
        }
        taken.insert(candidate.clone());
        candidate
    }

    fn facets(node: &Node) -> BTreeMap<String, String> {
        node.marker.as_ref().map(|m| m.facets.clone()).unwrap_or_default()
    }

    fn place(&mut self, node: &Node, place: Place) {
        let level = self.level(node, place);
        match level {
            "class" => {
                let class = node
                    .marker
                    .as_ref()
                    .and_then(|m| m.class)
                    .or_else(|| {
                        ParadigmClass::ALL.into_iter().find(|c| c.label().eq_ignore_ascii_case(node.name.trim()))
                    })
                    .expect("a class node names its class");
                for child in &node.children {
                    self.place(child, Place::Class(class));
                }
            }
            "category" => self.category(node, place),
            "concept" => self.concept(node, place),
            _ => self.code(node, place),
        }
    }

    /// The level `node` takes at `place`: its marker's where that fits, else its shape's.
    fn level(&self, node: &Node, place: Place) -> &'static str {
        let marked = node.marker.as_ref().and_then(|m| m.level.as_deref());
        let fits = |level: &str| match (level, place) {
            ("class", Place::Top) => node.marker.as_ref().is_some_and(|m| m.class.is_some()),
            ("category", Place::Top | Place::Class(_)) => true,
            ("concept", Place::Top | Place::Category(_)) => true,
            ("code", _) => true,
            _ => false,
        };
        if let Some(level) = marked.filter(|l| fits(l)) {
            return match level {
                "class" => "class",
                "category" => "category",
                "concept" => "concept",
                _ => "code",
            };
        }
        let height = height(node);
        match place {
            Place::Top
                if marked.is_none()
                    && height > 0
                    && !self.coded.contains(&node.guid)
                    && ParadigmClass::ALL.iter().any(|c| c.label().eq_ignore_ascii_case(node.name.trim())) =>
            {
                "class"
            }
            Place::Top => match height {
                0 => "code",
                1 => "concept",
                _ => "category",
            },
            Place::Class(_) => "category",
            Place::Category(_) => {
                if height == 0 {
                    "code"
                } else {
                    "concept"
                }
            }
            Place::Concept(_) => "code",
        }
    }

    fn category(&mut self, node: &Node, place: Place) {
        let name = self.unique("category", &node.name);
        let marker_class = node.marker.as_ref().and_then(|m| m.class);
        let class = match place {
            Place::Class(c) => Some(c),
            _ => marker_class,
        };
        if node.marker.as_ref().is_some_and(|m| m.core) {
            self.out.core = Some(name.clone());
        }
        self.out.categories.push(CategoryEntry {
            name: name.clone(),
            class,
            facets: Self::facets(node),
            level: node.marker.as_ref().and_then(|m| m.matrix_level),
            properties: node.marker.as_ref().map(|m| m.properties.clone()).unwrap_or_default(),
            uid: Some(node.guid.clone()),
        });
        self.record(node, "category", &name);
        if self.coded.contains(&node.guid) {
            self.moved += 1;
            let concept = self.auto_concept(&name);
            let code = self.unique("code", &node.name);
            self.push_code(node, &code, Some(concept), false);
            self.out.code_of.insert(node.guid.clone(), code);
        }
        for child in &node.children {
            self.place(child, Place::Category(&name));
        }
    }

    fn concept(&mut self, node: &Node, place: Place) {
        let name = self.unique("concept", &node.name);
        let category = match place {
            Place::Category(c) => Some(c.to_owned()),
            _ => None,
        };
        self.out.concepts.push(ConceptEntry {
            name: name.clone(),
            category,
            facets: Self::facets(node),
            uid: Some(node.guid.clone()),
        });
        self.record(node, "concept", &name);
        if self.coded.contains(&node.guid) {
            self.moved += 1;
            let code = self.unique("code", &node.name);
            self.push_code(node, &code, Some(name.clone()), false);
            self.out.code_of.insert(node.guid.clone(), code);
        }
        for child in &node.children {
            self.place(child, Place::Concept(&name));
        }
    }

    fn code(&mut self, node: &Node, place: Place) {
        let concept = match place {
            Place::Concept(c) => Some(c.to_owned()),
            Place::Category(c) => Some(self.auto_concept(c)),
            Place::Top | Place::Class(_) => None,
        };
        let name = self.unique("code", &node.name);
        self.push_code(node, &name, concept.clone(), true);
        self.record(node, "code", &name);
        self.out.code_of.insert(node.guid.clone(), name.clone());
        self.flatten(&node.children, &node.name, &concept);
    }

    /// Codes below a code: each becomes a code of the same concept named by its path.
    fn flatten(&mut self, children: &[Node], path: &str, concept: &Option<String>) {
        for child in children {
            self.flattened += 1;
            let full = format!("{path} / {}", child.name.trim());
            let name = self.unique("code", &full);
            self.push_code(child, &name, concept.clone(), true);
            self.record(child, "code", &name);
            self.out.code_of.insert(child.guid.clone(), name);
            self.flatten(&child.children, &full, concept);
        }
    }

    fn push_code(&mut self, node: &Node, name: &str, concept: Option<String>, own: bool) {
        self.out.codes.push(CodeEntry {
            name: name.to_owned(),
            color: node.color.clone(),
            definition: if own { node.description.clone() } else { String::new() },
            concept,
            facets: if own { Self::facets(node) } else { BTreeMap::new() },
            // A code made to hold a category's codings has an id of its own.
            uid: own.then(|| node.guid.clone()),
        });
    }

    /// The concept a category's codes go in when the tree puts them right under it: one named
    /// after the category, made the first time it is needed.
    fn auto_concept(&mut self, category: &str) -> String {
        if let Some(existing) = self.auto_concepts.get(category) {
            return existing.clone();
        }
        let name = self.unique("concept", category);
        self.auto_concepts.insert(category.to_owned(), name.clone());
        self.out.concepts.push(ConceptEntry {
            name: name.clone(),
            category: Some(category.to_owned()),
            facets: BTreeMap::new(),
            uid: None,
        });
        name
    }

    fn record(&mut self, node: &Node, kind: &'static str, name: &str) {
        self.out.item_of.insert(node.guid.clone(), (kind, name.to_owned()));
        for note in &node.notes {
            self.out.notes.push((note.clone(), kind, name.to_owned()));
        }
    }
}

/// Levels below `node` (0 for a code without children).
fn height(node: &Node) -> usize {
    node.children.iter().map(|c| 1 + height(c)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, children: Vec<Node>) -> Node {
        Node { guid: derived_uid(name), name: name.into(), codable: true, children, ..Node::default() }
    }

    #[test]
    fn a_foreign_tree_is_levelled_by_its_shape() {
        let tree = vec![
            node("Loose", vec![]),
            node("Concept", vec![node("c1", vec![]), node("c2", vec![])]),
            node(
                "Cat",
                vec![
                    node("K", vec![node("k1", vec![node("deep", vec![node("deeper", vec![])])])]),
                    node("direct", vec![]),
                ],
            ),
            node("Phenomenon", vec![node("Placed", vec![node("p1", vec![])])]),
        ];
        let coded: HashSet<String> = [derived_uid("K")].into();
        let l = levelled(&tree, &coded);
        let names = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(l.categories.iter().map(|c| c.name.clone()).collect::<Vec<_>>(), names(vec!["Cat", "Placed"]));
        assert_eq!(l.categories[1].class, Some(ParadigmClass::Phenomenon));
        let concepts: Vec<(String, Option<String>)> =
            l.concepts.iter().map(|c| (c.name.clone(), c.category.clone())).collect();
        assert_eq!(
            concepts,
            vec![
                ("Concept".into(), None),
                ("K".into(), Some("Cat".into())),
                ("Cat".into(), Some("Cat".into())),
                ("Placed".into(), Some("Placed".into())),
            ]
        );
        let codes: Vec<(String, Option<String>)> =
            l.codes.iter().map(|c| (c.name.clone(), c.concept.clone())).collect();
        assert_eq!(
            codes,
            vec![
                ("Loose".into(), None),
                ("c1".into(), Some("Concept".into())),
                ("c2".into(), Some("Concept".into())),
                ("K".into(), Some("K".into())),
                ("k1".into(), Some("K".into())),
                ("k1 / deep".into(), Some("K".into())),
                ("k1 / deep / deeper".into(), Some("K".into())),
                ("direct".into(), Some("Cat".into())),
                ("p1".into(), Some("Placed".into())),
            ]
        );
        assert_eq!(l.code_of[&derived_uid("K")], "K", "codings on the concept go to its own code");
        assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings);
    }

    #[test]
    fn duplicate_names_are_numbered() {
        let tree = vec![node("A", vec![node("Other", vec![])]), node("B", vec![node("Other", vec![])])];
        let l = levelled(&tree, &HashSet::new());
        assert_eq!(l.codes.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Other", "Other (2)"]);
        assert!(l.warnings.iter().any(|w| w.contains("numbered")), "{:?}", l.warnings);
    }
}
