//! Which relations between categories the data grounds: the speaker turns and passages coded
//! with both ends of a relation (codings of codes under each category that share a turn or
//! overlap). A relation nothing grounds is an arrow the analyst drew without evidence in the
//! data; the paradigm diagram and the figure mark it. (Evidence picked by hand is to come,
//! issue 24 item 2; until then this is the evidence the data suggests.)

use crate::analysis::cooccurrence::{Level, Near, matrix, meetings};
use crate::analysis::hierarchy::Node;
use crate::analysis::units::TurnIndex;
use crate::model::*;
use rustc_hash::FxHashMap;

/// What grounds one relation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Grounds {
    /// Speaker turns (paragraphs, without labels) coded with both ends.
    pub turns: usize,
    /// Pairs of overlapping codings, one under each end.
    pub overlaps: usize,
    /// A coding under the relation's first end in the first turn coded with both, for an
    /// example passage.
    pub example: Option<CodingId>,
}

impl Grounds {
    /// Whether any passage is coded with both ends.
    pub fn any(self) -> bool {
        self.turns > 0 || self.overlaps > 0
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
            (r.id, Grounds { turns: turn_count, overlaps, example })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The banking sample: 4 of its 24 relations have a turn coded with both ends (as its
    /// saturation report counts them), none an overlap (its codings never overlap).
    #[test]
    fn the_banking_sample_grounds_four_of_its_relations() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects/banking_ckm_crm");
        let p = crate::project::open_sample(&root).unwrap().load().unwrap();
        let g = grounding(&p);
        assert_eq!(g.len(), 24);
        assert_eq!(g.values().filter(|g| g.any()).count(), 4);
        assert_eq!(g.values().map(|g| g.overlaps).sum::<usize>(), 0);
    }
}
