//! Code frequencies kept live: coded references and the distinct documents they occur in, per
//! code, concept, category and paradigm class. The live [`Project`](super::Project) updates
//! them as codings come and go and as codes move in the hierarchy, so the counts are ready
//! after every change without a pass over all codings; [`Tallies::build`] is the from-scratch
//! pass (opening a project, checking the incremental path in tests).

use super::*;
use rustc_hash::FxHashMap;

/// References (codings) and distinct documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub references: usize,
    pub documents: usize,
}

/// References in all, and per document, so distinct documents stay countable as codings go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counter {
    references: usize,
    documents: FxHashMap<DocumentId, u32>,
}

impl Counter {
    fn add(&mut self, document: DocumentId, n: u32) {
        self.references += n as usize;
        *self.documents.entry(document).or_default() += n;
    }

    fn sub(&mut self, document: DocumentId, n: u32) {
        self.references -= n as usize;
        if let Some(count) = self.documents.get_mut(&document) {
            *count -= n;
            if *count == 0 {
                self.documents.remove(&document);
            }
        }
    }

    fn tally(&self) -> Tally {
        Tally { references: self.references, documents: self.documents.len() }
    }
}

/// Tallies at every level of the hierarchy. A coding counts once at each level above its code.
/// Levels with no references have no entry, so two tallies of the same codings are equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tallies {
    codes: FxHashMap<CodeId, Counter>,
    concepts: FxHashMap<ConceptId, Counter>,
    categories: FxHashMap<CategoryId, Counter>,
    classes: FxHashMap<ParadigmClass, Counter>,
    total: Counter,
}

/// One level of the hierarchy above a code.
#[derive(Clone, Copy, Debug)]
enum Level {
    Concept(ConceptId),
    Category(CategoryId),
    Class(ParadigmClass),
}

impl Tallies {
    /// Counts every coding of `project` from scratch.
    pub fn build(project: &Project) -> Tallies {
        let mut t = Tallies::default();
        for coding in project.codings() {
            t.add_coding(coding.code, coding.document, project.placement(coding.code));
        }
        t
    }

    pub fn code(&self, id: CodeId) -> Tally {
        self.codes.get(&id).map(Counter::tally).unwrap_or_default()
    }
    pub fn concept(&self, id: ConceptId) -> Tally {
        self.concepts.get(&id).map(Counter::tally).unwrap_or_default()
    }
    pub fn category(&self, id: CategoryId) -> Tally {
        self.categories.get(&id).map(Counter::tally).unwrap_or_default()
    }
    pub fn class(&self, class: ParadigmClass) -> Tally {
        self.classes.get(&class).map(Counter::tally).unwrap_or_default()
    }
    pub fn total(&self) -> Tally {
        self.total.tally()
    }

    /// Codes with at least one reference and their reference counts.
    pub fn code_references(&self) -> impl Iterator<Item = (CodeId, usize)> + '_ {
        self.codes.iter().map(|(id, c)| (*id, c.references))
    }

    pub(crate) fn add_coding(&mut self, code: CodeId, document: DocumentId, placement: Placement) {
        self.codes.entry(code).or_default().add(document, 1);
        for level in levels(placement) {
            self.level(level).add(document, 1);
        }
        self.total.add(document, 1);
    }

    /// Every reference of one code at once, as (document, references) with each document
    /// once: the counters of the code, of each level above it and of the total are each
    /// looked up once, not once per document (counting from grouped rows).
    pub(crate) fn add_code_references(&mut self, code: CodeId, placement: Placement, documents: &[(DocumentId, u32)]) {
        let add_all = |counter: &mut Counter| {
            for &(document, n) in documents {
                counter.add(document, n);
            }
        };
        let counter = self.codes.entry(code).or_default();
        counter.documents.reserve(documents.len());
        add_all(counter);
        for level in levels(placement) {
            add_all(self.level(level));
        }
        add_all(&mut self.total);
    }

    pub(crate) fn remove_coding(&mut self, code: CodeId, document: DocumentId, placement: Placement) {
        sub_and_prune(&mut self.codes, code, document, 1);
        for level in levels(placement) {
            self.sub_level(level, document, 1);
        }
        self.total.sub(document, 1);
    }

    /// A code moved from under `from` to under `to` (the concept and everything above it).
    pub(crate) fn move_code(&mut self, code: CodeId, from: Placement, to: Placement) {
        let Some(counter) = self.codes.get(&code).cloned() else { return };
        self.move_counter(&counter, levels(from), levels(to));
    }

    /// A concept moved: its counts leave its old category and class and join the new ones.
    pub(crate) fn move_concept(&mut self, concept: ConceptId, from: Placement, to: Placement) {
        let Some(counter) = self.concepts.get(&concept).cloned() else { return };
        self.move_counter(&counter, levels(from), levels(to));
    }

    /// A category moved to another paradigm class (or out of all).
    pub(crate) fn move_category(&mut self, category: CategoryId, from: Placement, to: Placement) {
        let Some(counter) = self.categories.get(&category).cloned() else { return };
        self.move_counter(&counter, levels(from), levels(to));
    }

    fn move_counter(
        &mut self,
        counter: &Counter,
        from: impl Iterator<Item = Level> + Clone,
        to: impl Iterator<Item = Level> + Clone,
    ) {
        for (document, n) in &counter.documents {
            for level in from.clone() {
                self.sub_level(level, *document, *n);
            }
            for level in to.clone() {
                self.level(level).add(*document, *n);
            }
        }
    }

    fn level(&mut self, level: Level) -> &mut Counter {
        match level {
            Level::Concept(id) => self.concepts.entry(id).or_default(),
            Level::Category(id) => self.categories.entry(id).or_default(),
            Level::Class(class) => self.classes.entry(class).or_default(),
        }
    }

    fn sub_level(&mut self, level: Level, document: DocumentId, n: u32) {
        match level {
            Level::Concept(id) => sub_and_prune(&mut self.concepts, id, document, n),
            Level::Category(id) => sub_and_prune(&mut self.categories, id, document, n),
            Level::Class(class) => sub_and_prune(&mut self.classes, class, document, n),
        }
    }
}

/// The levels a placement names, nearest first (no allocation: this runs per coding).
fn levels(p: Placement) -> impl Iterator<Item = Level> + Clone {
    [p.concept.map(Level::Concept), p.category.map(Level::Category), p.class.map(Level::Class)].into_iter().flatten()
}

fn sub_and_prune<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Counter>, key: K, document: DocumentId, n: u32) {
    if let Some(counter) = map.get_mut(&key) {
        counter.sub(document, n);
        if counter.references == 0 {
            map.remove(&key);
        }
    }
}
