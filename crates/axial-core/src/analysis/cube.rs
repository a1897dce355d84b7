//! The knowledge cube: every coded reference counted into the cell its resolved facets name
//! (Khodakarami & Chan 2014, Table 6), with margins over any subset of dimensions (Table 7).

use super::units::{Rule, TurnIndex, Unit};
use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cube {
    pub dimensions: Vec<Dimension>,
    /// Count per cell, keyed by the value keys in dimension order. Every cell is present.
    pub cells: BTreeMap<Vec<String>, usize>,
    /// Codings whose code resolves no value on at least one dimension.
    pub unassigned: usize,
    /// What one reference is in these counts.
    pub unit: Unit,
    /// Which references count (all, or only unprompted ones).
    pub rule: Rule,
}

/// The cube of the project as it is now, from its live code counts: one pass over codes,
/// not codings (every coding of a code falls in the same cell).
pub fn cube(project: &Project) -> Cube {
    cube_from(project, project.tallies())
}

/// The cube from given code counts (a from-scratch [`Tallies::build`], or the live ones).
pub fn cube_from(project: &Project, tallies: &Tallies) -> Cube {
    let dimensions = project.framework().dimensions.clone();
    let mut cells: BTreeMap<Vec<String>, usize> = all_cells(&dimensions).into_iter().map(|k| (k, 0)).collect();
    let mut unassigned = 0;
    for (code, references) in tallies.code_references() {
        let key = dimensions
            .iter()
            .map(|d| project.resolved_facet(code, &d.key).map(str::to_owned))
            .collect::<Option<Vec<_>>>();
        match key.as_ref().and_then(|k| cells.get_mut(k)) {
            Some(count) => *count += references,
            None => unassigned += references,
        }
    }
    Cube { dimensions, cells, unassigned, unit: Unit::Passage, rule: Rule::All }
}

/// The cube counted in `unit` under `rule` (see [`units`](super::units)): each code's count
/// goes to the code's cell.
pub fn cube_in(project: &Project, unit: Unit, rule: Rule, turns: &mut TurnIndex) -> Cube {
    let tallies = super::units::tallies(project, unit, rule, turns);
    Cube { unit, rule, ..cube_from(project, &tallies) }
}

/// The cube counted in `unit` under `rule` over the documents `keep` accepts (one case, one
/// role, ...).
pub fn cube_where(
    project: &Project,
    unit: Unit,
    rule: Rule,
    turns: &mut TurnIndex,
    keep: &dyn Fn(&Document) -> bool,
) -> Cube {
    let tallies = super::units::tallies_where(project, unit, rule, turns, keep);
    Cube { unit, rule, ..cube_from(project, &tallies) }
}

/// The codings counted in a cell or margin of [`cube_where`]'s cube: those whose code resolves
/// the given value on each named dimension, in reading order.
pub fn passages_at(
    project: &Project,
    unit: Unit,
    rule: Rule,
    turns: &mut TurnIndex,
    keep: &dyn Fn(&Document) -> bool,
    fixed: &[(String, String)],
) -> Vec<CodingId> {
    let mut matches: FxHashMap<CodeId, bool> = FxHashMap::default();
    let mut holds = |code: CodeId| {
        *matches.entry(code).or_insert_with(|| {
            fixed.iter().all(|(d, v)| project.resolved_facet(code, d) == Some(v.as_str()))
                && project.framework().dimensions.iter().all(|d| project.resolved_facet(code, &d.key).is_some())
        })
    };
    super::units::counted_codings_where(project, unit, rule, turns, keep)
        .into_iter()
        .filter(|c| holds(c.code))
        .map(|c| c.id)
        .collect()
}

/// The cube kept ready by revision: each code's cell is resolved once per structure revision
/// (facets and the hierarchy change rarely); after a coding changes, the cells are summed
/// again from the live per-code counts with integer adds only.
#[derive(Clone, Debug, Default)]
pub struct CubeCache {
    /// (structure revision, codings revision) the cube was built at.
    built: Option<(u64, u64)>,
    cell_of: FxHashMap<CodeId, Option<usize>>,
    keys: Vec<Vec<String>>,
    cube: Cube,
}

impl CubeCache {
    /// The cube of `project` as it is now.
    pub fn get(&mut self, project: &Project) -> &Cube {
        let r = project.revisions();
        let now = (r.structure, r.codings);
        if self.built == Some(now) {
            return &self.cube;
        }
        if self.built.map(|(structure, _)| structure) != Some(r.structure) {
            let dimensions = &project.framework().dimensions;
            self.keys = all_cells(dimensions);
            let index: FxHashMap<&[String], usize> =
                self.keys.iter().enumerate().map(|(i, k)| (k.as_slice(), i)).collect();
            self.cell_of = project
                .codes()
                .map(|code| {
                    let key = dimensions
                        .iter()
                        .map(|d| project.resolved_facet(code.id, &d.key).map(str::to_owned))
                        .collect::<Option<Vec<_>>>();
                    (code.id, key.and_then(|k| index.get(k.as_slice()).copied()))
                })
                .collect();
        }
        let mut counts = vec![0usize; self.keys.len()];
        let mut unassigned = 0;
        for (code, references) in project.tallies().code_references() {
            match self.cell_of.get(&code).copied().flatten() {
                Some(i) => counts[i] += references,
                None => unassigned += references,
            }
        }
        self.cube = Cube {
            dimensions: project.framework().dimensions.clone(),
            cells: self.keys.iter().cloned().zip(counts).collect(),
            unassigned,
            unit: Unit::Passage,
            rule: Rule::All,
        };
        self.built = Some(now);
        &self.cube
    }
}

/// Every combination of values, first dimension outermost, values in their defined order.
pub fn all_cells(dimensions: &[Dimension]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    if dimensions.is_empty() {
        return Vec::new();
    }
    for d in dimensions {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                d.values.iter().map(move |v| {
                    let mut k = prefix.clone();
                    k.push(v.key.clone());
                    k
                })
            })
            .collect();
    }
    out
}

impl Cube {
    pub fn total(&self) -> usize {
        self.cells.values().sum()
    }

    pub fn position(&self, dimension: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.key == dimension)
    }

    /// Sum of all cells whose value on each named dimension is the one given.
    pub fn sum(&self, fixed: &[(&str, &str)]) -> usize {
        let fixed: Vec<(usize, &str)> = fixed.iter().filter_map(|(d, v)| self.position(d).map(|p| (p, *v))).collect();
        self.cells.iter().filter(|(k, _)| fixed.iter().all(|(p, v)| k[*p] == *v)).map(|(_, n)| n).sum()
    }

    /// The count of one cell, values given by dimension key.
    pub fn cell(&self, values: &[(&str, &str)]) -> usize {
        self.sum(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_resolve_nearest_first_and_every_cell_is_listed() {
        let mut p = Project::new("t", Framework::seci_crm_knowledge());
        p.apply_change(Change::Category(Category { id: CategoryId(1), name: "Analytical".into(), class: None }));
        p.apply_change(Change::Concept(Concept {
            id: ConceptId(1),
            name: "Warehouse".into(),
            category: Some(CategoryId(1)),
        }));
        p.apply_change(Change::Code(Code {
            id: CodeId(1),
            name: "Segments".into(),
            color: "#000000".into(),
            definition: String::new(),
            concept: Some(ConceptId(1)),
        }));
        p.apply_change(Change::Code(Code {
            id: CodeId(2),
            name: "Loose".into(),
            color: "#000000".into(),
            definition: String::new(),
            concept: None,
        }));
        let facet = |owner, d: &str, v: &str| Change::Facet { owner, dimension: d.into(), value: Some(v.into()) };
        for change in [
            facet(FacetOwner::Category(CategoryId(1)), "crm", "analytical"),
            facet(FacetOwner::Category(CategoryId(1)), "seci", "internalization"),
            facet(FacetOwner::Code(CodeId(1)), "seci", "combination"),
            facet(FacetOwner::Code(CodeId(1)), "knowledge", "about"),
            facet(FacetOwner::Code(CodeId(2)), "seci", "combination"),
        ] {
            p.apply_change(change);
        }
        for (i, code) in [1, 1, 2].into_iter().enumerate() {
            p.apply_change(Change::Coding(Coding {
                id: CodingId(i as i64),
                document: DocumentId(1),
                code: CodeId(code),
                start: 0,
                end: 1,
                coder: String::new(),
                created: String::new(),
            }));
        }
        let c = cube(&p);
        let mut cache = CubeCache::default();
        assert_eq!(cache.get(&p), &c, "the cache agrees with a direct count");
        assert_eq!(c.cells.len(), 36);
        assert_eq!(c.cell(&[("seci", "combination"), ("crm", "analytical"), ("knowledge", "about")]), 2);
        assert_eq!(c.sum(&[("crm", "analytical")]), 2);
        assert_eq!(c.unassigned, 1);
        assert_eq!(c.total(), 2);
        // A facet change re-resolves; a coding change only re-sums.
        p.apply_change(Change::Facet {
            owner: FacetOwner::Code(CodeId(2)),
            dimension: "crm".into(),
            value: Some("operational".into()),
        });
        p.apply_change(Change::Facet {
            owner: FacetOwner::Code(CodeId(2)),
            dimension: "knowledge".into(),
            value: Some("for".into()),
        });
        p.apply_change(Change::CodingDeleted(CodingId(0)));
        assert_eq!(cache.get(&p), &cube(&p));
        assert_eq!(cache.get(&p).unassigned, 0);
    }
}
