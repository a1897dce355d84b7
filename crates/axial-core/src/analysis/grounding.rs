//! Which relations between categories the data grounds: the passages picked as a relation's
//! evidence, and the speaker turns and passages coded with both ends of a relation (codings of
//! codes under each category that share a turn or overlap), which are offered as suggestions
//! to pick from. A relation nothing grounds is an arrow the analyst drew without evidence in
//! the data; the paradigm diagram and the figure mark it.

use crate::analysis::cooccurrence::{Level, Near, matrix, meetings};
use crate::analysis::hierarchy::Node;
use crate::analysis::units::TurnIndex;
use crate::model::*;
use rustc_hash::FxHashMap;

/// What grounds one relation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Grounds {
    /// Passages picked by hand as the relation's evidence.
    pub picked: usize,
    /// Speaker turns (paragraphs, without labels) coded with both ends.
    pub turns: usize,
    /// Pairs of overlapping codings, one under each end.
    pub overlaps: usize,
    /// A coding under the relation's first end in the first turn coded with both, for an
    /// example passage.
    pub example: Option<CodingId>,
}

impl Grounds {
    /// Whether any passage grounds it: picked as evidence, or coded with both ends.
    pub fn any(self) -> bool {
        self.picked > 0 || self.turns > 0 || self.overlaps > 0
    }
}

/// What grounds each relation, by relation.
pub type Grounding = FxHashMap<RelationId, Grounds>;

/// What grounds each relation of `p` (every relation has an entry, zero when nothing does).
/// Two co-occurrence matrices at category level, one by turn, one by overlap.
pub fn grounding(p: &Project) -> Grounding {
    let mut turns = TurnIndex::default();
    let by_turn = matrix(p, Level::Category, Near::Turn, &mut turns);
    let by_overlap = matrix(p, Level::Category, Near::Overlap, &mut turns);
    let index = |m: &crate::analysis::cooccurrence::Matrix| -> FxHashMap<CategoryId, usize> {
        m.items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match n {
                Node::Category(c) => Some((*c, i)),
                _ => None,
            })
            .collect()
    };
    let (turn_index, overlap_index) = (index(&by_turn), index(&by_overlap));
    p.relations()
        .map(|r| {
            let pair = |at: &FxHashMap<CategoryId, usize>| match (at.get(&r.from), at.get(&r.to)) {
                (Some(&a), Some(&b)) if a != b => Some((a, b)),
                _ => None,
            };
            let count =
                |m: &crate::analysis::cooccurrence::Matrix, at| pair(at).map_or(0, |(a, b)| m.get(a, b).overlaps);
            let (turn_count, overlaps) = (count(&by_turn, &turn_index), count(&by_overlap, &overlap_index));
            // The example: the first meeting by turn, else by overlap (read only when there is one).
            let example = [(&by_turn, &turn_index, turn_count), (&by_overlap, &overlap_index, overlaps)]
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .find_map(|(m, at, _)| {
                    let (a, b) = pair(at)?;
                    let first = meetings(p, m, a, b, &mut turns).into_iter().next()?;
                    // Of the two codings, the one under the relation's first end.
                    let under_from =
                        |c: CodingId| p.coding(c).is_some_and(|c| p.placement(c.code).category == Some(r.from));
                    Some(if under_from(first.0) { first.0 } else { first.1 })
                });
            let picked = p.depth().evidence_of(r.id).count();
            (r.id, Grounds { picked, turns: turn_count, overlaps, example })
        })
        .collect()
}

/// A passage the data suggests as evidence for a relation: where a coding under one end meets
/// a coding under the other (the stretch from the first's start to the last's end).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Suggestion {
    pub document: DocumentId,
    pub start: usize,
    pub end: usize,
}

/// The passages coded with both ends of `relation` (in a speaker turn, or overlapping), in
/// reading order, without those already picked as its evidence.
pub fn suggestions(p: &Project, relation: RelationId) -> Vec<Suggestion> {
    let Some(r) = p.relation(relation) else { return Vec::new() };
    let mut turns = TurnIndex::default();
    let picked: std::collections::HashSet<(DocumentId, usize, usize)> =
        p.depth().evidence_of(relation).map(|e| (e.document, e.start, e.end)).collect();
    let mut out = std::collections::BTreeSet::new();
    for near in [Near::Turn, Near::Overlap] {
        let m = matrix(p, Level::Category, near, &mut turns);
        let at = |c: CategoryId| m.items.iter().position(|n| *n == Node::Category(c));
        let (Some(a), Some(b)) = (at(r.from), at(r.to)) else { continue };
        for (x, y) in meetings(p, &m, a, b, &mut turns) {
            let (Some(x), Some(y)) = (p.coding(x), p.coding(y)) else { continue };
            let s = Suggestion { document: x.document, start: x.start.min(y.start), end: x.end.max(y.end) };
            if !picked.contains(&(s.document, s.start, s.end)) {
                out.insert(s);
            }
        }
    }
    let order: FxHashMap<DocumentId, usize> = p.documents().enumerate().map(|(i, d)| (d.id, i)).collect();
    let mut out: Vec<Suggestion> = out.into_iter().collect();
    out.sort_by_key(|s| (order.get(&s.document).copied().unwrap_or(usize::MAX), s.start, s.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The banking sample: 21 of its 24 relations carry evidence picked from the transcripts
    /// (34 passages); 4 have a turn coded with both ends, none an overlap (its codings never
    /// overlap); the 3 with neither are drawn dashed.
    #[test]
    fn the_banking_sample_grounds_21_of_its_relations() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects/banking_ckm_crm");
        let p = crate::project::open_sample(&root).unwrap().load().unwrap();
        let g = grounding(&p);
        assert_eq!(g.len(), 24);
        assert_eq!(g.values().filter(|g| g.picked > 0).count(), 21);
        assert_eq!(g.values().map(|g| g.picked).sum::<usize>(), 34);
        assert_eq!(g.values().filter(|g| g.turns > 0).count(), 4);
        assert_eq!(g.values().filter(|g| g.any()).count(), 21);
        assert_eq!(g.values().map(|g| g.overlaps).sum::<usize>(), 0);
        // A suggestion is a passage coded with both ends not yet picked.
        let r = p.relations().find(|r| g[&r.id].turns > 0).unwrap();
        assert!(suggestions(&p, r.id).iter().all(|s| !p.depth().evidence_of(r.id).any(|e| (
            e.document, e.start, e.end
        ) == (
            s.document, s.start, s.end
        ))));
    }
}
