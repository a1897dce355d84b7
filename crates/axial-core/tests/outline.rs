//! The narrow reads the command line uses (issue 25): a project's outline (no texts, no
//! codings), the codings' refs, counts per document, texts one at a time, and the codings an
//! edit needs. Each is checked against the whole model read the usual way, on a synthetic
//! project with prompted codings, placements and evidence.

use axial_core::analysis::cube::cube_from;
use axial_core::analysis::units::{self, Rule, TurnIndex, Unit};
use axial_core::model::*;
use axial_core::store::{CodingsWanted, Store};
use axial_core::synth::{self, SynthSpec};

/// A small synthetic project, with every fifth coding marked prompted.
fn project(dir: &std::path::Path) -> (Store, Project) {
    let path = dir.join("p.axial");
    synth::generate(&path, &SynthSpec::named("tiny").unwrap(), |_, _| {}).unwrap();
    let mut store = Store::open(&path).unwrap();
    let p = store.load().unwrap();
    let prompted: Vec<Action> =
        p.codings().step_by(5).map(|c| Action::SetCodingPrompted { id: c.id, prompted: true }).collect();
    store.apply(&Action::Batch { label: "prompt".into(), actions: prompted }).unwrap();
    let p = store.load().unwrap();
    assert!(p.depth().prompted_count() > 0);
    (store, p)
}

#[test]
fn the_outline_is_the_whole_model_without_texts_and_codings() {
    let dir = tempfile::tempdir().unwrap();
    let (store, whole) = project(dir.path());
    let outline = store.load_outline().unwrap();
    assert_eq!(outline.parts(), Parts::OUTLINE);
    assert_eq!(whole.parts(), Parts::ALL);
    assert_eq!(outline.codings().len(), 0);
    assert_eq!(outline.name(), whole.name());
    assert!(outline.codes().eq(whole.codes()));
    assert!(outline.concepts().eq(whole.concepts()));
    assert!(outline.categories().eq(whole.categories()));
    assert!(outline.relations().eq(whole.relations()));
    assert!(outline.memos().eq(whole.memos()));
    assert!(outline.cases().eq(whole.cases()));
    assert_eq!(outline.framework(), whole.framework());
    assert_eq!(outline.depth(), whole.depth());
    for (a, b) in outline.documents().zip(whole.documents()) {
        assert_eq!(
            (a.id, &a.title, a.char_len(), a.case, &a.attributes),
            (b.id, &b.title, b.char_len(), b.case, &b.attributes)
        );
        assert!(a.text.is_empty() && !b.text.is_empty());
    }
    assert_eq!(outline.documents().len(), whole.documents().len());
}

/// Counting from the outline and the refs gives what counting the whole model gives, for
/// every unit that needs no text, under both rules, at every level and in the cube.
#[test]
fn counts_from_the_refs_equal_counts_from_the_whole_model() {
    let dir = tempfile::tempdir().unwrap();
    let (store, whole) = project(dir.path());
    let outline = store.load_outline().unwrap();
    let refs = store.coding_refs().unwrap();
    assert_eq!(refs.len(), whole.codings().len());
    for unit in [Unit::Passage, Unit::Document] {
        for rule in Rule::ALL {
            let lean = units::tallies_of(&outline, &refs, unit, rule).unwrap();
            let full = units::tallies(&whole, unit, rule, &mut TurnIndex::default());
            assert_eq!(lean, full, "{unit:?} {rule:?}");
            assert_eq!(cube_from(&outline, &lean), cube_from(&whole, &full), "{unit:?} {rule:?}");
        }
    }
    assert!(units::tallies_of(&outline, &refs, Unit::Turn, Rule::All).is_none(), "turns need the texts");
}

#[test]
fn codings_and_speakers_per_document_are_the_models() {
    let dir = tempfile::tempdir().unwrap();
    let (store, whole) = project(dir.path());
    let per_document = store.codings_per_document().unwrap();
    let speakers = store.speakers_per_document().unwrap();
    for d in whole.documents() {
        assert_eq!(per_document.get(&d.id).copied().unwrap_or(0), whole.codings_in(d.id).len(), "{}", d.title);
        assert_eq!(speakers[&d.id], axial_core::speakers::speakers(&d.text).len(), "{}", d.title);
        assert!(speakers[&d.id] > 0, "the synthetic interviews have speakers");
    }
}

/// The codings an edit asks for arrive in the outline, and answer as the whole model does.
#[test]
fn an_edit_reads_only_the_codings_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let (store, whole) = project(dir.path());
    let code = whole.codings().next().unwrap().code;
    let document = whole.documents().last().unwrap().id;
    let one = whole.codings().last().unwrap().id;
    let mut outline = store.load_outline().unwrap();
    let wanted = CodingsWanted { ids: vec![one, CodingId(999_999)], codes: vec![code], documents: vec![document] };
    store.add_codings_to(&mut outline, &wanted).unwrap();
    assert_eq!(outline.coding(one), whole.coding(one));
    assert!(outline.codings_of(code).eq(whole.codings_of(code)));
    assert_eq!(outline.codings_in(document).len(), whole.codings_in(document).len());
    let expected: std::collections::BTreeSet<CodingId> =
        whole.codings().filter(|c| c.id == one || c.code == code || c.document == document).map(|c| c.id).collect();
    assert_eq!(outline.codings().map(|c| c.id).collect::<std::collections::BTreeSet<_>>(), expected);
}

/// The names an edit resolves: the outline without memos, facets and expected levels.
#[test]
fn the_names_are_the_outline_without_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, whole) = project(dir.path());
    let names = store.load_only(Parts::NAMES).unwrap();
    assert_eq!(names.parts(), Parts::NAMES);
    assert!(names.codes().eq(whole.codes()) && names.categories().eq(whole.categories()));
    assert!(names.relations().eq(whole.relations()) && names.cases().eq(whole.cases()));
    assert_eq!(names.depth(), whole.depth());
    assert_eq!(names.framework(), whole.framework());
    assert!(whole.memos().len() > 0);
    assert!(whole.codes().any(|c| whole.facet(FacetOwner::Code(c.id), "seci").is_some()));
    assert!(names.codes().all(|c| names.facet(FacetOwner::Code(c.id), "seci").is_none()), "no facets read");
}
