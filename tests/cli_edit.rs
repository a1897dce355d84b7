//! `axial edit` through the real binary: every verb is one undoable step, a wrong name is one
//! sentence on stderr with the project left byte for byte as it was.

mod common;
use common::*;
use serde_json::Value;

fn banking() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("banking_ckm_crm").join("project.json"))]);
    (dir, path)
}

fn model(path: &std::path::Path) -> Value {
    serde_json::from_str(&ok(&["export", s(path), "--format", "json", "-o", "-"])).unwrap()
}

fn whole(path: &std::path::Path) -> String {
    ok(&["export", s(path), "--format", "project-json", "-o", "-"])
}

/// The category named `name` in the category model, with the class it sits in.
fn find_category<'a>(m: &'a Value, name: &str) -> Option<(String, &'a Value)> {
    m["paradigm"].as_array().unwrap().iter().find_map(|class| {
        class["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| (class["class"].as_str().unwrap().to_owned(), c))
    })
}

#[test]
fn building_the_model_from_the_command_line_and_taking_it_back() {
    let (_dir, path) = banking();
    let start = whole(&path);
    let p = s(&path);
    ok(&["edit", p, "new-category", "Building trust", "--class", "strategies"]);
    ok(&["edit", p, "new-concept", "Shared lists", "--category", "Building trust"]);
    ok(&["edit", p, "move-code", "Tracking competitor offers", "--concept", "Shared lists"]);
    ok(&["edit", p, "rename", "code", "Tracking competitor offers", "Watching rivals"]);
    ok(&["edit", p, "facet", "code", "Watching rivals", "seci", "combination"]);
    ok(&["edit", p, "relate", "Building trust", "Social responsibility of the bank", "--kind", "leads to"]);
    ok(&["edit", p, "core", "Building trust"]);
    let m = model(&path);
    let (class, cat) = find_category(&m, "Building trust").expect("the new category is in the model");
    assert_eq!(class, "strategies");
    assert_eq!(cat["core"], true);
    assert_eq!(cat["concepts"][0]["name"], "Shared lists");
    let code = &cat["concepts"][0]["codes"][0];
    assert_eq!(code["name"], "Watching rivals");
    assert_eq!(code["facets"]["seci"], "combination");
    assert!(code["references"].as_u64().unwrap() > 0, "the code kept its codings");
    assert!(
        m["relations"].as_array().unwrap().iter().any(|r| r["from"] == "Building trust" && r["kind"] == "leads to")
    );
    ok(&["edit", p, "place", "Building trust", "--class", "none"]);
    assert!(model(&path)["unplaced"]["categories"].as_array().unwrap().iter().any(|c| c["name"] == "Building trust"));
    // Eight steps, eight undos, and the project is as it was.
    for _ in 0..8 {
        ok(&["undo", p]);
    }
    assert_eq!(whole(&path), start);
}

#[test]
fn merging_and_deleting_say_what_they_do_and_undo_whole() {
    let (_dir, path) = banking();
    let p = s(&path);
    let start = whole(&path);
    let before = model(&path);
    let refs = |m: &Value, name: &str| -> u64 {
        let all = m.to_string();
        assert!(all.contains(name));
        m["paradigm"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["categories"].as_array().unwrap())
            .flat_map(|c| c["concepts"].as_array().unwrap())
            .flat_map(|k| k["codes"].as_array().unwrap())
            .find(|c| c["name"] == name)
            .map(|c| c["references"].as_u64().unwrap())
            .unwrap()
    };
    let (a, b) = (refs(&before, "Tracking competitor offers"), refs(&before, "Watching regulatory announcements"));
    let out = ok(&[
        "edit",
        p,
        "merge",
        "code",
        "Tracking competitor offers",
        "Watching regulatory announcements",
        "--into",
        "Market watching",
    ]);
    assert!(out.contains("Merge 2 codes"), "{out}");
    let merged = refs(&model(&path), "Market watching");
    assert!(merged <= a + b && merged >= a.max(b), "codings kept, duplicates once: {merged} of {a}+{b}");
    ok(&["undo", p]);
    assert_eq!(whole(&path), start, "one undo takes the merge back");

    let out = ok(&["edit", p, "delete", "category", "Social responsibility of the bank"]);
    assert!(out.contains("relation(s)") && out.contains("left ungrouped"), "{out}");
    assert!(find_category(&model(&path), "Social responsibility of the bank").is_none());
    ok(&["undo", p]);
    assert_eq!(whole(&path), start, "undo brings the category back with its concepts, relations and memos");
}

#[test]
fn a_wrong_name_is_one_sentence_and_changes_nothing() {
    let (_dir, path) = banking();
    let before = std::fs::read(&path).unwrap();
    for args in [
        vec!["move-code", "Trakcing competitor offers", "--concept", "none"],
        vec!["place", "Social responsibility of the bank", "--class", "causes"],
        vec!["merge", "concept", "Monitoring market signals", "--into", "x"],
        vec!["facet", "code", "Fast redesign of products", "mood", "calm"],
        vec!["new-category", "Social responsibility of the bank"],
        vec!["relate", "Social responsibility of the bank", "Customer satisfaction", "--kind", "cuases"],
        vec!["kind", "delete", "causes"],
        vec!["value", "delete", "crm", "bogus"],
        vec!["dimension", "move", "crm", "0"],
    ] {
        let mut full = vec!["edit", s(&path)];
        full.extend(args.iter().copied());
        let r = axial(&full);
        assert_eq!(r.code, if args[0] == "merge" { 2 } else { 1 }, "{args:?}: {}", r.stderr);
        if r.code == 1 {
            assert_eq!(r.stderr.trim().lines().count(), 1, "one sentence: {}", r.stderr);
            assert!(r.stderr.starts_with("axial: "), "{}", r.stderr);
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?} left the project as it was");
    }
    let r = axial(&["edit", s(&path), "move-code", "Trakcing competitor offers", "--concept", "none"]);
    assert!(r.stderr.contains("no code named \u{201c}Trakcing competitor offers\u{201d}"), "{}", r.stderr);
}

/// The study's own vocabulary from the command line: a dimension with its values and a
/// relation kind, renamed, moved and used, each one undoable step.
#[test]
fn dimensions_values_and_relation_kinds_are_project_data() {
    let (_dir, path) = banking();
    let p = s(&path);
    let start = whole(&path);
    ok(&["edit", p, "dimension", "add", "Role", "--values", "Manager, Front line"]);
    ok(&["edit", p, "dimension", "move", "Role", "1"]);
    ok(&["edit", p, "value", "add", "role", "Back office"]);
    ok(&["edit", p, "value", "rename", "role", "Front line", "Front desk"]);
    ok(&["edit", p, "facet", "category", "Social responsibility of the bank", "role", "Manager"]);
    ok(&["edit", p, "kind", "add", "enables"]);
    ok(&["edit", p, "relate", "Social responsibility of the bank", "Customer satisfaction", "--kind", "enables"]);
    ok(&["edit", p, "kind", "rename", "enables", "makes possible"]);
    let project: Value = serde_json::from_str(&whole(&path)).unwrap();
    let role = &project["framework"][0];
    assert_eq!(role["key"], "role", "moved first");
    let values: Vec<&str> = role["values"].as_array().unwrap().iter().map(|v| v["label"].as_str().unwrap()).collect();
    assert_eq!(values, ["Manager", "Front desk", "Back office"]);
    assert!(project["relation_kinds"].as_array().unwrap().iter().any(|k| k == "makes possible"));
    let m = model(&path);
    assert!(
        m["relations"].as_array().unwrap().iter().any(|r| r["kind"] == "makes possible"),
        "renaming a kind renames its relations"
    );
    for _ in 0..8 {
        ok(&["undo", p]);
    }
    assert_eq!(whole(&path), start);
}

#[test]
fn cases_and_documents_are_edited_from_the_command_line() {
    let (_dir, path) = banking();
    let p = s(&path);
    let start = whole(&path);
    ok(&["edit", p, "case", "new", "Regulators"]);
    ok(&["edit", p, "case", "attribute", "Regulators", "sector", "public"]);
    ok(&["edit", p, "document", "case", "Interview P13", "Regulators"]);
    ok(&["edit", p, "document", "rename", "Interview P13", "Interview P13 (central bank)"]);
    ok(&["edit", p, "document", "attribute", "Interview P13 (central bank)", "role", "supervisor"]);
    ok(&["edit", p, "case", "rename", "Regulators", "Central bank"]);
    let project: Value = serde_json::from_str(&whole(&path)).unwrap();
    let doc =
        project["documents"].as_array().unwrap().iter().find(|d| d["title"] == "Interview P13 (central bank)").unwrap();
    assert_eq!(doc["case"], "Central bank");
    assert_eq!(doc["attributes"]["role"], "supervisor");
    let case = project["cases"].as_array().unwrap().iter().find(|c| c["name"] == "Central bank").unwrap();
    assert_eq!(case["attributes"]["sector"], "public");
    let wrong = axial(&["edit", p, "document", "case", "Interview P99", "Central bank"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("no document named \u{201c}Interview P99\u{201d}"), "{}", wrong.stderr);
    for _ in 0..6 {
        ok(&["undo", p]);
    }
    assert_eq!(whole(&path), start);
}

/// Every verb of `axial edit`, each run once by the debug binary, where an edit that asks its
/// project for a part it did not read (`reads` in `src/cli/edit.rs`: an edit reads only the
/// parts its names live in) fails an assertion; then as many undos bring the project back.
#[test]
fn every_edit_verb_reads_what_it_needs_and_undoes() {
    let (_dir, path) = banking();
    let p = s(&path);
    let start = whole(&path);
    let (a, b) = ("Rapid response of the bank to the external environment", "Determining the management framework");
    let (c, d) =
        ("Social responsibility of the bank", "Implementation of international standards in customer orientation");
    let passages: Value =
        serde_json::from_str(&ok(&["report", p, "retrieval", "--category", a, "--format", "json"])).unwrap();
    let coding = passages["passages"][0]["coding"].as_i64().expect("a passage of the category").to_string();
    let coding = coding.as_str();
    let fresh_b = format!("Fresh -> {b}");
    let steps: Vec<Vec<&str>> = vec![
        vec!["new-concept", "Loose concept"],
        vec!["new-concept", "Grouped", "--category", a],
        vec!["new-category", "Fresh", "--class", "phenomenon"],
        vec!["move-code", "Tracking competitor offers", "--concept", "Grouped"],
        vec!["move-concept", "Grouped", "--category", b],
        vec!["place", "Fresh", "--class", "strategies"],
        vec!["rename", "concept", "Loose concept", "Loose"],
        vec!["merge", "code", "Watching regulatory announcements", "Shortened approval cycles", "--into", "Watching"],
        vec!["core", b],
        vec!["relate", "Fresh", b, "--kind", "leads to"],
        vec!["facet", "category", "Fresh", "seci", "combination"],
        vec!["dimension", "add", "Role", "--values", "Manager,Front line"],
        vec!["dimension", "rename", "Role", "Role of speaker"],
        vec!["dimension", "move", "Role of speaker", "1"],
        vec!["value", "add", "Role of speaker", "Teller"],
        vec!["value", "rename", "Role of speaker", "Teller", "Cashier"],
        vec!["value", "move", "Role of speaker", "Cashier", "1"],
        vec!["value", "delete", "Role of speaker", "Cashier"],
        vec!["dimension", "delete", "Role of speaker"],
        vec!["kind", "add", "supports"],
        vec!["kind", "rename", "supports", "backs"],
        vec!["kind", "move", "backs", "1"],
        vec!["kind", "delete", "backs"],
        vec!["case", "new", "Regulators"],
        vec!["case", "rename", "Regulators", "Regulator"],
        vec!["case", "attribute", "Regulator", "sector", "public"],
        vec!["document", "case", "Interview P02", "Regulator"],
        vec!["document", "attribute", "Interview P02", "role", "teller"],
        vec!["document", "rename", "Interview P02", "P02"],
        vec!["case", "delete", "Regulator"],
        vec!["property", "add", a, "Speed", "--points", "slow,fast"],
        vec!["property", "edit", a, "Speed", "--name-to", "Pace"],
        vec!["property", "rename-point", a, "Pace", "slow", "slowly"],
        vec!["place-passage", coding, a, "Pace", "fast"],
        vec!["property", "delete", a, "Pace"],
        vec!["evidence", "add", &fresh_b, "--coding", coding],
        vec!["evidence", "add", &fresh_b, "--document", "Interview P01", "--start", "0", "--end", "10"],
        vec!["evidence", "remove", "1"],
        vec!["relation-memo", &fresh_b, "Why fresh leads to the framework."],
        vec!["level", a, "organisation"],
        vec!["prompted", coding, "yes"],
        vec!["merge", "concept", "Monitoring market signals", "Speed of product adjustment", "--into", "Signals"],
        vec!["merge", "category", c, d, "--into", c],
        vec!["delete", "code", "Fast redesign of products"],
        vec!["delete", "concept", "Loose"],
        vec!["delete", "category", "Fresh"],
        vec!["document", "delete", "P02"],
    ];
    for step in &steps {
        let args: Vec<&str> = ["edit", p].iter().copied().chain(step.iter().copied()).collect();
        ok(&args);
    }
    for _ in 0..steps.len() {
        ok(&["undo", p]);
    }
    assert_eq!(whole(&path), start, "as many undos as edits bring the project back");
}
