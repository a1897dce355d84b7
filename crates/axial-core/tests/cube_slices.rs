//! The cube sliced by case and the passages behind its cells, on the CRM sample: every cell's
//! passages are exactly the references it counts, and the slices add up to the whole.

use axial_core::analysis::cube::{cube_where, passages_at};
use axial_core::analysis::units::{Rule, TurnIndex, Unit};
use axial_core::model::*;
use axial_core::project::{self, Access};

fn crm() -> Project {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample_projects/crm_knowledge_creation");
    project::open(std::path::Path::new(folder), Access::Read).unwrap().load().unwrap()
}

fn pair(d: &str, v: &str) -> (String, String) {
    (d.to_owned(), v.to_owned())
}

#[test]
fn a_cells_passages_are_what_it_counts_and_slices_add_up() {
    let p = crm();
    let mut turns = TurnIndex::default();
    let all = |_: &Document| true;
    let whole = cube_where(&p, Unit::Passage, Rule::All, &mut turns, &all);
    assert_eq!(whole.total(), 193);
    let margin = [pair("crm", "collaborative"), pair("seci", "externalization")];
    assert_eq!(passages_at(&p, Unit::Passage, Rule::All, &mut turns, &all, &margin).len(), 47, "Table 7's cell");
    let cell = [pair("crm", "analytical"), pair("seci", "combination"), pair("knowledge", "about")];
    let behind = passages_at(&p, Unit::Passage, Rule::All, &mut turns, &all, &cell);
    assert_eq!(behind.len(), 31);
    let order: Vec<(DocumentId, usize)> =
        behind.iter().map(|id| p.coding(*id).map(|c| (c.document, c.start)).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "in reading order");
    for unit in [Unit::Turn, Unit::Document] {
        let c = cube_where(&p, unit, Rule::All, &mut turns, &all);
        assert_eq!(passages_at(&p, unit, Rule::All, &mut turns, &all, &[]).len(), c.total(), "{unit:?}");
    }
    let mut by_case = 0;
    for case in p.cases() {
        let id = case.id;
        let slice = cube_where(&p, Unit::Passage, Rule::All, &mut turns, &move |d: &Document| d.case == Some(id));
        assert!(slice.total() > 0 && slice.total() < 193, "{}", case.name);
        by_case += slice.total();
    }
    assert_eq!(by_case, 193, "the three organisations add up to Table 6");
}
