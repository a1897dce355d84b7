//! Code co-occurrence: how often two codes are applied to overlapping passages of the same
//! document. Counted per document by a sweep over its codings in start order (each coding
//! meets only those still open where it starts), so the cost is the codings plus the
//! overlaps, never codings squared. [`CooccurrenceCache`] keeps the totals live: after a
//! change it recounts only the documents whose codings changed.

use super::hierarchy::{Hierarchy, Node};
use super::units::TurnIndex;
use crate::model::*;
use rustc_hash::FxHashMap;

/// An unordered pair of different codes, smaller id first.
pub type Pair = (CodeId, CodeId);

/// Overlapping coding pairs per code pair, and in how many documents they occur.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cooccurrence {
    pub pairs: FxHashMap<Pair, PairCount>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairCount {
    /// Pairs of overlapping codings.
    pub overlaps: usize,
    /// Documents where the two codes overlap at least once.
    pub documents: usize,
}

impl Cooccurrence {
    /// The counts for two codes, in either order.
    pub fn get(&self, a: CodeId, b: CodeId) -> PairCount {
        self.pairs.get(&pair(a, b)).copied().unwrap_or_default()
    }
}

fn pair(a: CodeId, b: CodeId) -> Pair {
    if a <= b { (a, b) } else { (b, a) }
}

/// The overlapping pairs in one document: codings in start order, swept once.
fn document_pairs(project: &Project, document: DocumentId) -> FxHashMap<Pair, usize> {
    let mut out: FxHashMap<Pair, usize> = FxHashMap::default();
    // Codings still open at the current start: (end, code).
    let mut open: Vec<(usize, CodeId)> = Vec::new();
    for c in project.codings_in(document) {
        open.retain(|(end, _)| *end > c.start);
        for &(_, other) in &open {
            if other != c.code {
                *out.entry(pair(other, c.code)).or_default() += 1;
            }
        }
        open.push((c.end, c.code));
    }
    out
}

/// Co-occurrence over the whole project, from scratch.
pub fn cooccurrence(project: &Project) -> Cooccurrence {
    let mut total = Cooccurrence::default();
    for d in project.documents() {
        add(&mut total, &document_pairs(project, d.id), 1);
    }
    total
}

fn add(total: &mut Cooccurrence, pairs: &FxHashMap<Pair, usize>, sign: i64) {
    for (p, n) in pairs {
        let entry = total.pairs.entry(*p).or_default();
        entry.overlaps = (entry.overlaps as i64 + sign * *n as i64) as usize;
        entry.documents = (entry.documents as i64 + sign) as usize;
        if entry.overlaps == 0 {
            total.pairs.remove(p);
        }
    }
}

/// Co-occurrence kept up to date by document: [`CooccurrenceCache::update`] recounts only the
/// documents whose codings changed since the last update (by their coding revision).
#[derive(Clone, Debug, Default)]
pub struct CooccurrenceCache {
    total: Cooccurrence,
    per_document: FxHashMap<DocumentId, (u64, FxHashMap<Pair, usize>)>,
    codings_revision: Option<u64>,
}

impl CooccurrenceCache {
    /// The totals as of the last update.
    pub fn get(&self) -> &Cooccurrence {
        &self.total
    }

    /// Brings the totals up to date with `project`; returns them.
    pub fn update(&mut self, project: &Project) -> &Cooccurrence {
        let revisions = project.revisions();
        if self.codings_revision == Some(revisions.codings) {
            return &self.total;
        }
        self.codings_revision = Some(revisions.codings);
        let gone: Vec<DocumentId> =
            self.per_document.keys().filter(|d| project.document(**d).is_none()).copied().collect();
        for d in gone {
            if let Some((_, pairs)) = self.per_document.remove(&d) {
                add(&mut self.total, &pairs, -1);
            }
        }
        for d in project.documents() {
            let revision = revisions.document(d.id);
            if self.per_document.get(&d.id).is_some_and(|(r, _)| *r == revision) {
                continue;
            }
            let pairs = document_pairs(project, d.id);
            if let Some((_, old)) = self.per_document.get(&d.id) {
                let old = old.clone();
                add(&mut self.total, &old, -1);
            }
            add(&mut self.total, &pairs, 1);
            self.per_document.insert(d.id, (revision, pairs));
        }
        &self.total
    }
}

/// What makes two items co-occur.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Near {
    /// Their passages overlap.
    #[default]
    Overlap,
    /// They are coded in the same speaker turn (paragraph, without speaker labels).
    Turn,
}

impl Near {
    pub fn key(self) -> &'static str {
        match self {
            Near::Overlap => "overlap",
            Near::Turn => "turn",
        }
    }
}

/// Which items the matrix pairs: codes, or the concepts or categories the codes are under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    #[default]
    Code,
    Concept,
    Category,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Code => "code",
            Level::Concept => "concept",
            Level::Category => "category",
        }
    }

    /// The item `code` counts for at this level (none for a code not grouped that far).
    pub fn item(self, project: &Project, code: CodeId) -> Option<Node> {
        match self {
            Level::Code => Some(Node::Code(code)),
            Level::Concept => project.placement(code).concept.map(Node::Concept),
            Level::Category => project.placement(code).category.map(Node::Category),
        }
    }
}

/// Co-occurrence of items at one level: for each pair, how many times they meet (overlapping
/// coding pairs, or shared turns) and in how many documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    pub level: Level,
    pub near: Near,
    /// Items with at least one coding, in tree order.
    pub items: Vec<Node>,
    /// Counts by pair of indexes into `items`, smaller index first.
    pub pairs: std::collections::BTreeMap<(usize, usize), PairCount>,
}

impl Matrix {
    pub fn get(&self, a: usize, b: usize) -> PairCount {
        self.pairs.get(&(a.min(b), a.max(b))).copied().unwrap_or_default()
    }
}

/// The co-occurrence matrix of `project` at `level` by `near`. One sweep per document over
/// its codings in start order (overlaps), or one pass grouping them by turn.
pub fn matrix(project: &Project, level: Level, near: Near, turns: &mut TurnIndex) -> Matrix {
    let items: Vec<Node> = Hierarchy::build(project)
        .walk()
        .into_iter()
        .map(|e| e.node)
        .filter(|n| match *n {
            Node::Code(id) => level == Level::Code && project.tallies().code(id).references > 0,
            Node::Concept(id) => level == Level::Concept && project.tallies().concept(id).references > 0,
            Node::Category(id) => level == Level::Category && project.tallies().category(id).references > 0,
            Node::Class(_) => false,
        })
        .collect();
    let index: FxHashMap<Node, usize> = items.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let item_of = |code: CodeId| level.item(project, code).and_then(|n| index.get(&n).copied());
    let mut pairs: std::collections::BTreeMap<(usize, usize), PairCount> = Default::default();
    for d in project.documents() {
        let here = pairs_in(project, d.id, near, turns, item_of);
        for (pair, n) in here {
            let entry = pairs.entry(pair).or_default();
            entry.overlaps += n;
            entry.documents += 1;
        }
    }
    Matrix { level, near, items, pairs }
}

/// The code-level matrix of overlapping passages from the live totals of a
/// [`CooccurrenceCache`]: what `matrix(project, Level::Code, Near::Overlap, ..)` counts, without
/// walking the codings again (the cache recounts only the documents that changed).
pub fn code_matrix(project: &Project, totals: &Cooccurrence) -> Matrix {
    let items: Vec<Node> = Hierarchy::build(project)
        .walk()
        .into_iter()
        .map(|e| e.node)
        .filter(|n| matches!(*n, Node::Code(id) if project.tallies().code(id).references > 0))
        .collect();
    let index: FxHashMap<CodeId, usize> = items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n {
            Node::Code(id) => Some((*id, i)),
            _ => None,
        })
        .collect();
    let pairs = totals
        .pairs
        .iter()
        .filter_map(|((a, b), count)| {
            let (i, j) = (*index.get(a)?, *index.get(b)?);
            Some(((i.min(j), i.max(j)), *count))
        })
        .collect();
    Matrix { level: Level::Code, near: Near::Overlap, items, pairs }
}

/// The pairs of items (numbered by `item_of`, smaller first) that meet in `document` by `near`,
/// with how many times: one sweep over its codings in start order (overlaps), or one pass
/// grouping them by turn.
pub fn pairs_in(
    project: &Project,
    document: DocumentId,
    near: Near,
    turns: &mut TurnIndex,
    item_of: impl Fn(CodeId) -> Option<usize>,
) -> FxHashMap<(usize, usize), usize> {
    let mut here: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    match near {
        Near::Overlap => {
            let mut open: Vec<(usize, usize)> = Vec::new();
            for c in project.codings_in(document) {
                open.retain(|(end, _)| *end > c.start);
                let Some(item) = item_of(c.code) else { continue };
                for &(_, other) in &open {
                    if other != item {
                        *here.entry((other.min(item), other.max(item))).or_default() += 1;
                    }
                }
                open.push((c.end, item));
            }
        }
        Near::Turn => {
            let mut by_turn: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
            for c in project.codings_in(document) {
                if let Some(item) = item_of(c.code) {
                    by_turn.entry(turns.turn_at(project, document, c.start)).or_default().push(item);
                }
            }
            for mut present in by_turn.into_values() {
                present.sort_unstable();
                present.dedup();
                for (i, &a) in present.iter().enumerate() {
                    for &b in &present[i + 1..] {
                        *here.entry((a, b)).or_default() += 1;
                    }
                }
            }
        }
    }
    here
}

/// Where items `a` and `b` of `m` meet: pairs of codings (one of each) that overlap or share
/// a turn, in document order, for the passages behind a cell. Reads only the codings of the
/// two items' codes (not every coding of the project), grouped by document in reading order.
pub fn meetings(project: &Project, m: &Matrix, a: usize, b: usize, turns: &mut TurnIndex) -> Vec<(CodingId, CodingId)> {
    let (Some(&na), Some(&nb)) = (m.items.get(a), m.items.get(b)) else { return Vec::new() };
    if na == nb {
        return Vec::new();
    }
    // An item's codings in reading order: by document, then start (then id), as `codings_in` has them.
    let codings_of = |node: Node| {
        let mut out: Vec<&Coding> = project
            .codes()
            .filter(|c| m.level.item(project, c.id) == Some(node))
            .flat_map(|c| project.codings_of(c.id))
            .filter(|c| project.document(c.document).is_some())
            .collect();
        out.sort_unstable_by_key(|c| (c.document, c.start, c.id));
        out
    };
    let (all_a, all_b) = (codings_of(na), codings_of(nb));
    let b_in: FxHashMap<DocumentId, &[&Coding]> =
        all_b.chunk_by(|x, y| x.document == y.document).map(|run| (run[0].document, run)).collect();
    let mut out = Vec::new();
    for of_a in all_a.chunk_by(|x, y| x.document == y.document) {
        let d = of_a[0].document;
        let Some(of_b) = b_in.get(&d) else { continue };
        for x in of_a {
            for y in *of_b {
                let meet = match m.near {
                    Near::Overlap => x.start < y.end && y.start < x.end,
                    Near::Turn => turns.turn_at(project, d, x.start) == turns.turn_at(project, d, y.start),
                };
                if meet {
                    out.push((x.id, y.id));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code matrix from the cache is the one counted from scratch, on both samples and after
    /// a change (the cache recounts the changed document only).
    #[test]
    fn the_code_matrix_from_the_cache_is_the_one_counted_from_scratch() {
        for name in ["crm_knowledge_creation", "banking_ckm_crm"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects").join(name);
            let mut p = crate::project::open_sample(&root).unwrap().load().unwrap();
            let mut cache = CooccurrenceCache::default();
            let scratch = |p: &Project| matrix(p, Level::Code, Near::Overlap, &mut TurnIndex::default());
            assert_eq!(code_matrix(&p, cache.update(&p)), scratch(&p), "{name}");
            // Two overlapping codings of different codes in the first document.
            let d = p.documents().next().unwrap().id;
            let codes: Vec<CodeId> = p.codes().map(|c| c.id).take(2).collect();
            for (i, code) in codes.iter().enumerate() {
                p.apply_change(Change::Coding(Coding {
                    id: CodingId(1_000_000 + i as i64),
                    document: d,
                    code: *code,
                    start: 10 + i,
                    end: 40,
                    coder: "t".into(),
                    created: "t".into(),
                }));
            }
            let cached = code_matrix(&p, cache.update(&p));
            assert_eq!(cached, scratch(&p), "{name} after a change");
            assert!(!cached.pairs.is_empty());
        }
    }

    fn coding(id: i64, doc: i64, code: i64, start: usize, end: usize) -> Change {
        Change::Coding(Coding {
            id: CodingId(id),
            document: DocumentId(doc),
            code: CodeId(code),
            start,
            end,
            coder: String::new(),
            created: String::new(),
        })
    }

    #[test]
    fn overlapping_codes_are_counted_per_pair_and_document_and_kept_live() {
        let mut p = Project::default();
        for d in [1, 2] {
            p.apply_change(Change::DocumentAdded(Document::new(DocumentId(d), format!("d{d}"), "x".repeat(100))));
        }
        // Document 1: code 1 [0,10) overlaps code 2 [5,15) and code 3 [8,9); 2 and 3 overlap;
        // code 2 [20,30) touches nothing ([10,20) ends where it starts).
        for c in [
            coding(1, 1, 1, 0, 10),
            coding(2, 1, 2, 5, 15),
            coding(3, 1, 3, 8, 9),
            coding(4, 1, 1, 10, 20),
            coding(5, 1, 2, 20, 30),
            coding(6, 2, 1, 0, 50),
            coding(7, 2, 2, 40, 60),
        ] {
            p.apply_change(c);
        }
        let c = cooccurrence(&p);
        assert_eq!(c.get(CodeId(2), CodeId(1)), PairCount { overlaps: 3, documents: 2 });
        assert_eq!(c.get(CodeId(1), CodeId(3)), PairCount { overlaps: 1, documents: 1 });
        assert_eq!(c.get(CodeId(2), CodeId(3)), PairCount { overlaps: 1, documents: 1 });
        let mut cache = CooccurrenceCache::default();
        assert_eq!(cache.update(&p), &c);
        p.apply_change(Change::CodingDeleted(CodingId(7)));
        assert_eq!(cache.update(&p), &cooccurrence(&p), "only document 2 is recounted");
        assert_eq!(cache.get().get(CodeId(1), CodeId(2)), PairCount { overlaps: 2, documents: 1 });
        p.apply_change(Change::DocumentDeleted(DocumentId(1)));
        assert_eq!(cache.update(&p), &cooccurrence(&p));
        assert!(cache.get().pairs.is_empty());
    }

    /// `meetings` reads only the two items' codings; it finds what a walk over every coding of
    /// every document finds, in the same order, at each level and by either proximity.
    #[test]
    fn meetings_are_those_a_walk_over_every_coding_finds() {
        let mut p = Project::default();
        let text = "A: one two three four five\n\nB: six seven eight nine\n\nA: ten eleven twelve";
        for d in [3, 1, 2] {
            p.apply_change(Change::DocumentAdded(Document::new(DocumentId(d), format!("d{d}"), text)));
        }
        p.apply_change(Change::Category(Category { id: CategoryId(1), name: "G".into(), class: None }));
        for (k, category) in [(1, Some(CategoryId(1))), (2, None)] {
            p.apply_change(Change::Concept(Concept { id: ConceptId(k), name: format!("K{k}"), category }));
        }
        for (id, concept) in [(1, Some(1)), (2, Some(1)), (3, Some(2)), (4, None)] {
            p.apply_change(Change::Code(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept: concept.map(ConceptId),
            }));
        }
        let mut rng = fastrand::Rng::with_seed(3);
        let len = text.chars().count();
        for id in 0..120 {
            let start = rng.usize(..len - 1);
            let end = (start + rng.usize(1..20)).min(len);
            p.apply_change(coding(id, rng.i64(1..=3), rng.i64(1..=4), start, end));
        }
        fn walk(p: &Project, m: &Matrix, a: usize, b: usize, turns: &mut TurnIndex) -> Vec<(CodingId, CodingId)> {
            let mut out = Vec::new();
            for d in p.documents() {
                let of = |n: Node| -> Vec<&Coding> {
                    p.codings_in(d.id).filter(|c| m.level.item(p, c.code) == Some(n)).collect()
                };
                for x in of(m.items[a]) {
                    for y in of(m.items[b]) {
                        let meet = match m.near {
                            Near::Overlap => x.start < y.end && y.start < x.end,
                            Near::Turn => turns.turn_at(p, d.id, x.start) == turns.turn_at(p, d.id, y.start),
                        };
                        if meet {
                            out.push((x.id, y.id));
                        }
                    }
                }
            }
            out
        }
        let mut turns = TurnIndex::default();
        let mut found = 0;
        for level in [Level::Code, Level::Concept, Level::Category] {
            for near in [Near::Overlap, Near::Turn] {
                let m = matrix(&p, level, near, &mut turns);
                for a in 0..m.items.len() {
                    for b in 0..m.items.len() {
                        let got = meetings(&p, &m, a, b, &mut turns);
                        let want = if a == b { Vec::new() } else { walk(&p, &m, a, b, &mut turns) };
                        assert_eq!(got, want, "{level:?} {near:?} {a} {b}");
                        if a < b {
                            let counted = m.get(a, b).overlaps;
                            if near == Near::Overlap {
                                assert_eq!(got.len(), counted, "a cell's meetings are what it counts");
                            }
                        }
                        found += got.len();
                    }
                }
            }
        }
        assert!(found > 100, "the project has meetings at every level ({found})");
    }

    /// Worked by hand: one document, turns "A: ..." and "B: ...". Code 1 [3,8) overlaps code 2
    /// [6,12) in A; code 3 [14,16) is also in A but overlaps nothing; in B codes 1 and 3.
    #[test]
    fn the_matrix_counts_overlaps_or_shared_turns_at_any_level() {
        let mut p = Project::default();
        let text = "A: one two three four\n\nB: five six seven";
        p.apply_change(Change::DocumentAdded(Document::new(DocumentId(1), "d".to_owned(), text)));
        p.apply_change(Change::Concept(Concept { id: ConceptId(1), name: "K".into(), category: None }));
        for (id, concept) in [(1, Some(ConceptId(1))), (2, Some(ConceptId(1))), (3, None)] {
            p.apply_change(Change::Code(Code {
                id: CodeId(id),
                name: format!("c{id}"),
                color: "#000000".into(),
                definition: String::new(),
                concept,
            }));
        }
        let b = text.find("B:").unwrap();
        for c in [
            coding(1, 1, 1, 3, 8),
            coding(2, 1, 2, 6, 12),
            coding(3, 1, 3, 14, 16),
            coding(4, 1, 1, b + 3, b + 7),
            coding(5, 1, 3, b + 8, b + 11),
        ] {
            p.apply_change(c);
        }
        let mut turns = TurnIndex::default();
        let m = matrix(&p, Level::Code, Near::Overlap, &mut turns);
        let at = |m: &Matrix, a: i64, b: i64| {
            let i = |id| m.items.iter().position(|n| *n == Node::Code(CodeId(id))).unwrap();
            m.get(i(a), i(b)).overlaps
        };
        assert_eq!((at(&m, 1, 2), at(&m, 1, 3), at(&m, 2, 3)), (1, 0, 0));
        let t = matrix(&p, Level::Code, Near::Turn, &mut turns);
        assert_eq!((at(&t, 1, 2), at(&t, 1, 3), at(&t, 2, 3)), (1, 2, 1), "A holds all three, B holds 1 and 3");
        let meets = meetings(&p, &t, 0, 2, &mut turns);
        assert_eq!(meets.len(), 2);
        // At the concept level codes 1 and 2 are one item, and code 3 has no concept.
        let k = matrix(&p, Level::Concept, Near::Turn, &mut turns);
        assert_eq!(k.items, [Node::Concept(ConceptId(1))]);
        assert!(k.pairs.is_empty());
    }
}
