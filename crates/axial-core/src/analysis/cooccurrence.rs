//! Code co-occurrence: how often two codes are applied to overlapping passages of the same
//! document. Counted per document by a sweep over its codings in start order (each coding
//! meets only those still open where it starts), so the cost is the codings plus the
//! overlaps, never codings squared. [`CooccurrenceCache`] keeps the totals live: after a
//! change it recounts only the documents whose codings changed.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
