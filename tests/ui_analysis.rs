//! UI tests (egui_kittest) of the analysis views: a category's passages (filtered, pinned beside
//! another), the frequency table, co-occurrence, saturation, the cube (its cells' passages,
//! slices, two side by side in a small window) and two coders' agreement, in the Agreement tab
//! and in the transcript.

use axial::ui::AxialApp;
use egui::{Key, Modifiers, PointerButton, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use std::path::Path;

mod ui_common;
use ui_common::{Picker, banking, crm, harness, press, state};

fn tab(h: &mut Harness<'_, AxialApp>, name: &str) {
    h.get_by_label(name).click();
    h.run();
}

#[test]
fn passages_of_the_selected_category_filter_by_case_and_open_in_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label_contains("Customer satisfaction (").click();
    h.run();
    tab(&mut h, "Passages");
    h.get_by_label("Passages of the category \u{201c}Customer satisfaction\u{201d}");
    h.get_by_label("17 passages");
    // Only the bank staff's interviews.
    let staff = {
        let p = &state(&h).project;
        let case = p.cases().find(|c| c.name == "Bank staff").unwrap().id;
        let cat = p.categories().find(|c| c.name == "Customer satisfaction").unwrap().id;
        axial_core::analysis::retrieval::passages(p, axial::app::Scope::Category(cat))
            .into_iter()
            .filter(|id| p.document(p.coding(*id).unwrap().document).unwrap().case == Some(case))
            .count()
    };
    assert!(staff > 0 && staff < 17);
    h.get_by_label("Case:").click();
    h.run();
    h.get_by_label("Bank staff").click();
    h.run();
    h.get_by_label(&format!("{staff} passages"));
    // A passage opens in the transcript, selected.
    let first = h.get_all_by_label_contains("Passage: ").next().unwrap().rect().center();
    press(&mut h, first, PointerButton::Primary);
    assert_eq!(h.state().center, axial::ui::Center::Transcript);
    let s = state(&h);
    let coding = s.selected_coding.expect("the passage's coding is selected");
    assert_eq!(s.document, s.project.coding(coding).map(|c| c.document));
}

#[test]
fn pinning_one_code_reads_it_beside_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label_contains("Customer satisfaction (").click();
    h.run();
    tab(&mut h, "Passages");
    h.get_by_label("Pin to compare").click();
    h.run();
    h.get_by_label_contains("Manpower supply (").click();
    h.run();
    h.get_by_label("Comparing the category \u{201c}Customer satisfaction\u{201d}");
    h.get_by_label("category \u{201c}Manpower supply\u{201d}");
    h.get_by_label("35 passages");
}

/// The category in the frequency table's first row (the table is left of the code tree).
fn first_row(h: &Harness<'_, AxialApp>) -> String {
    let names: Vec<String> = state(h).project.categories().map(|c| c.name.clone()).collect();
    let tree_left = h.get_by_label("+ Concept").rect().left();
    names
        .into_iter()
        .filter_map(|n| {
            let top = h
                .query_all_by_label(&n)
                .filter(|x| x.rect().right() < tree_left)
                .map(|x| x.rect().top())
                .reduce(f32::min)?;
            Some((top, n))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("rows in view")
        .1
}

#[test]
fn the_frequency_table_sorts_by_references_when_its_header_is_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Frequencies");
    tab(&mut h, "Categories");
    assert_eq!(first_row(&h), "Rapid response of the bank to the external environment", "tree order first");
    h.get_by_label_contains("References").click();
    h.run();
    assert_eq!(first_row(&h), "Determining the management framework", "the most referenced (26) first");
    h.get_by_label_contains("References").click();
    h.run();
    let p = &state(&h).project;
    let fewest = p.categories().map(|c| p.tallies().category(c.id).references).min().unwrap();
    let first = first_row(&h);
    let id = p.categories().find(|c| c.name == first).unwrap().id;
    assert_eq!(p.tallies().category(id).references, fewest, "a second click reverses the order");
}

#[test]
fn a_cooccurrence_cell_lists_the_passages_where_both_occur() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Co-occurrence");
    let cell = h
        .get_all_by_label_contains("Cell: ")
        .find(|n| !n.accesskit_node().label().unwrap_or_default().ends_with(": 0"))
        .expect("two categories share a turn");
    let label = cell.accesskit_node().label().unwrap_or_default();
    let at = cell.rect().center();
    press(&mut h, at, PointerButton::Primary);
    let pair = label.trim_start_matches("Cell: ");
    let (a, rest) = pair.split_once(" with ").unwrap();
    let b = rest.rsplit_once(": ").unwrap().0;
    h.get_by_label(&format!("Where \u{201c}{a}\u{201d} and \u{201c}{b}\u{201d} occur together"));
    assert!(h.get_all_by_label_contains("Passage: ").count() >= 2, "a passage of each");
}

#[test]
fn saturation_says_after_which_interview_no_new_category_came() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    tab(&mut h, "Saturation");
    h.get_by_label_contains("No new category after interview 4 of 16");
    h.get_by_label_contains("A claim of saturation can rest on categories (none new in the last 12)");
    h.get_by_label_contains("Interviews in the order of their date attribute.");
    h.get_by_label("New relations");
    // The second interview by date (P03) opens from its row.
    h.get_by_label("Interview P03").click();
    h.run();
    assert_eq!(h.state().center, axial::ui::Center::Transcript);
    let s = state(&h);
    assert_eq!(s.current_document().map(|d| d.title.as_str()), Some("Interview P03"));
}

#[test]
fn a_cube_cell_lists_the_passages_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    tab(&mut h, "Cube");
    h.get_by_label("Cell : 193");
    h.get_by_label("Cell crm=analytical, seci=combination, knowledge=about: 31").click();
    h.run();
    h.get_by_label("31 passages behind Analytical \u{b7} Combination \u{b7} Knowledge about");
    assert_eq!(h.get_all_by_label_contains("Passage: ").count(), 31);
    // A margin of Table 7.
    tab(&mut h, "Table 7");
    h.get_by_label("Cell crm=collaborative, seci=externalization: 47").click();
    h.run();
    h.get_by_label("47 passages behind Collaborative \u{b7} Externalization");
    let first = h.get_all_by_label_contains("Passage: ").next().unwrap().rect().center();
    press(&mut h, first, PointerButton::Primary);
    assert_eq!(h.state().center, axial::ui::Center::Transcript, "a passage opens in the transcript");
}

#[test]
fn slicing_the_cube_by_case_and_changing_the_unit_change_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    tab(&mut h, "Cube");
    let electronics = {
        let p = &state(&h).project;
        let case = p.cases().find(|c| c.name == "Electronics organisation").unwrap().id;
        p.codings().filter(|c| p.document(c.document).unwrap().case == Some(case)).count()
    };
    h.get_by_label("Slice:").click();
    h.run();
    h.get_by_label("case: Electronics organisation").click();
    h.run();
    h.get_by_label(&format!("Cell : {electronics}"));
    // Side by side with another organisation.
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("Second slice:").click();
    h.run();
    h.get_by_label("case: Health organisation").click();
    h.run();
    h.get_by_label("Health organisation");
    assert_eq!(h.get_all_by_label_contains("Cell : ").count(), 2, "two cubes side by side");
    // Each document once per code: fewer references than passages.
    h.get_by_label("Compare with").click();
    h.run();
    h.get_by_label("Count").click();
    h.run();
    h.get_by_label("each document once per code").click();
    h.run();
    let total: usize = h
        .get_by_label_contains("Cell : ")
        .accesskit_node()
        .label()
        .unwrap()
        .trim_start_matches("Cell : ")
        .parse()
        .unwrap();
    assert!(total < electronics, "{total} < {electronics}");
}

/// At 1024x700 the two cubes never overlap and no cell is cut off at the side: beside each
/// other when they fit (full width), else one above the other.
#[test]
fn comparing_two_cubes_fits_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.set_size(Vec2::new(1024.0, 700.0));
    tab(&mut h, "Cube");
    h.get_by_label("Compare with").click();
    h.run();
    for (full_width, table) in [
        (false, "Table 6"),
        (false, "Table 8 heat map"),
        (true, "Table 6"),
        (true, "Table 7"),
        (true, "Table 8 heat map"),
    ] {
        if full_width && !h.state().panels_hidden {
            h.get_by_label("Full width").click();
        }
        tab(&mut h, table);
        h.run();
        let (mut left, mut right) = (Vec::new(), Vec::new());
        // Cells name their place; both tables hold the same cells, the first drawn first.
        let cells: Vec<egui::Rect> = h.get_all_by_label_contains("Cell ").map(|n| n.rect()).collect();
        assert!(cells.len() >= 2 && cells.len().is_multiple_of(2), "{table}: {} cells", cells.len());
        for (i, r) in cells.iter().enumerate() {
            if i < cells.len() / 2 { left.push(*r) } else { right.push(*r) }
        }
        let bounds = |rs: &[egui::Rect]| rs.iter().fold(egui::Rect::NOTHING, |a, r| a.union(*r));
        let (a, b) = (bounds(&left), bounds(&right));
        assert!(!a.intersects(b), "{table} (full width {full_width}): the tables overlap: {a:?} {b:?}");
        let side_by_side = b.min.x > a.max.x;
        assert_eq!(side_by_side, full_width, "{table}: beside each other only when there is room");
        for r in &cells {
            assert!(r.max.x <= 1024.0, "{table}: a cell is cut off at the side: {r:?}");
        }
    }
}

/// A project file at `path` made from whole-project JSON, opened in a window on the
/// Agreement tab.
fn agreement_tab(path: &Path, json: &serde_json::Value) -> Harness<'static, AxialApp> {
    let file = path.with_extension("json");
    std::fs::write(&file, json.to_string()).unwrap();
    let mut store = axial_core::store::Store::create(path).unwrap();
    axial_core::project::import_project_json(&mut store, &file).unwrap();
    drop(store);
    let mut h = harness(path.to_path_buf(), Picker::default());
    h.get_by_label("Agreement").click();
    h.run();
    h
}

/// The Agreement tab: two coders' figures as worked by hand; a disagreement talked through,
/// read in the transcript and settled (one undo step), the figures following.
#[test]
fn the_agreement_tab_shows_both_coders_figures_and_opens_a_disagreement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let text = "x".repeat(100);
    let coding = |code: &str, coder: &str, start: usize, end: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": end, "created": "t"});
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "two coders",
        "documents": [{"title": "Interview 1", "text": text}],
        "codes": [{"name": "C1"}, {"name": "C2"}],
        "codings": [coding("C1", "A", 0, 30), coding("C1", "B", 10, 40), coding("C2", "A", 50, 60)],
    });
    let mut h = agreement_tab(&path, &json);
    h.get_by_label("Cohen's kappa");
    h.get_by_label("0.483");
    h.get_by_label_contains("1 of 1 documents are compared");
    h.get_by_label("Interview 1 · C1 · B only (10 characters)").click();
    h.run();
    h.get_by_label_contains("Talking it through: Interview 1, \u{201c}C1\u{201d}, characters 30");
    h.get_by_label("A did not code it");
    // Keep A's on [30,40) (A did not code it): B's coding of C1 is cut back to [10,30); the
    // characters they agreed on stay agreed.
    h.get_by_label("Keep A's").click();
    h.run();
    let c1 = state(&h).project.code_named("C1").unwrap().id;
    let b_c1: Vec<(usize, usize)> =
        state(&h).project.codings().filter(|c| c.coder == "B" && c.code == c1).map(|c| (c.start, c.end)).collect();
    assert_eq!(b_c1, [(10, 30)]);
    assert!(h.query_by_label("0.483").is_none(), "the figures followed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("0.483");
    // Read a disagreement in the transcript, selected.
    h.get_by_label("Interview 1 · C1 · B only (10 characters)").click();
    h.run();
    h.get_by_label("Read it in the transcript").click();
    h.run();
    assert_eq!(state(&h).selected_range(), Some((30, 40)));
    h.get_by_label("Transcript text");
}

/// A concept whose codes carry values is a scale: the Agreement tab gives its interval alpha.
#[test]
fn the_agreement_tab_gives_a_scale_s_interval_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.axial");
    let coding = |code: &str, coder: &str, start: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": start + 10, "created": "t"});
    let mut codings = Vec::new();
    for (unit, (a, b)) in [("1 low", "1 low"), ("2", "3 high"), ("3 high", "3 high"), ("1 low", "2")].iter().enumerate()
    {
        codings.push(coding(a, "A", unit * 20));
        codings.push(coding(b, "B", unit * 20));
    }
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "ratings",
        "documents": [{"title": "Interview 1", "text": "x".repeat(100)}],
        "concepts": [{"name": "Intensity"}],
        "codes": [{"name": "1 low", "concept": "Intensity"}, {"name": "2", "concept": "Intensity"}, {"name": "3 high", "concept": "Intensity"}],
        "codings": codings,
    });
    let h = agreement_tab(&path, &json);
    h.get_by_label_contains("Scale \u{201c}Intensity\u{201d} (3 codes, values 1 to 3)");
    h.get_by_label_contains("alpha interval 0.708 (nominal 0.333)");
}

/// Two disagreements on one stretch, one per code: the one clicked is the one talked through
/// and settled; the other stays open.
#[test]
fn two_disagreements_on_one_stretch_are_talked_through_one_code_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let coding = |code: &str, coder: &str, start: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": start + 10, "created": "t"});
    let json = serde_json::json!({
        "schema": "axial.project/1", "name": "two coders",
        "documents": [{"title": "Interview 1", "text": "x".repeat(100)}],
        "codes": [{"name": "C1"}, {"name": "C2"}],
        // Both coded [80,90) alike, so the interview stays compared whatever is settled.
        "codings": [coding("C1", "B", 30), coding("C2", "A", 30), coding("C1", "A", 80), coding("C1", "B", 80)],
    });
    let mut h = agreement_tab(&path, &json);
    h.get_by_label("Interview 1 · C2 · A only (10 characters)").click();
    h.run();
    h.get_by_label_contains("Talking it through: Interview 1, \u{201c}C2\u{201d}, characters 30");
    h.get_by_label("Keep B's").click();
    h.run();
    let p = &state(&h).project;
    let left: Vec<(&str, &str)> =
        p.codings().map(|c| (c.coder.as_str(), p.code(c.code).unwrap().name.as_str())).collect();
    assert_eq!(left, [("B", "C1"), ("A", "C1"), ("B", "C1")], "A's C2 is gone; B's C1, another disagreement, is not");
    assert!(h.query_by_label_contains("Talking it through").is_none(), "settled, it closes");
    h.get_by_label("Interview 1 · C1 · B only (10 characters)");
}

/// With two coders, the transcript shows one coder, the other, or both apart (a stripe group
/// each, with a legend).
#[test]
fn the_transcript_shows_one_coder_or_two_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.axial");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_axial"))
        .args(["synth", path.to_str().unwrap(), "--size", "tiny"])
        .output()
        .unwrap();
    assert!(r.status.success());
    let mut h = harness(path, Picker::default());
    let doc = state(&h).document.unwrap();
    let by = |who: &str| state(&h).project.codings_in(doc).filter(|c| c.coder == who).count();
    let (a, b) = (by("coder-a"), by("coder-b"));
    assert!(a > 0 && b > 0);
    h.get_by_label_contains(&format!("{} codings", a + b));
    h.get_by_label("Coders").click();
    h.run();
    h.get_by_label("coder-a only").click();
    h.run();
    h.get_by_label_contains(&format!("{a} codings"));
    h.get_by_label("Coders").click();
    h.run();
    h.get_by_label("coder-a | coder-b apart").click();
    h.run();
    h.get_by_label(&format!("left stripes: coder-a ({a})"));
    h.get_by_label(&format!("right stripes: coder-b ({b})"));
}
