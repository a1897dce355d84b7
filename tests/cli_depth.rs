//! The depth of the method through the real binary: a category's properties and dimensions, a
//! passage placed on one, a relation's evidence and memo, a matrix level, a prompted mark;
//! each one undoable step, read back from the reports and the JSON exports, and refused in one
//! sentence where it must be.

mod common;
use common::*;
use serde_json::Value;

fn banking() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("banking_ckm_crm").join("project.json"))]);
    (dir, path)
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

const CORE: &str = "Determining the management framework";

#[test]
fn properties_evidence_memos_levels_and_prompted_marks_from_the_command_line() {
    let (_dir, path) = banking();
    let p = s(&path);
    let before = ok(&["export", p, "--format", "project-json", "-o", "-"]);

    // A property with a range, and a passage of the category placed on it.
    ok(&["edit", p, "property", "add", CORE, "Formality", "--points", "informal, mixed, formal"]);
    let passages = json(&["report", p, "retrieval", "--category", CORE]);
    let coding = passages["passages"][0]["coding"].as_i64().expect("passages carry their id");
    let id = coding.to_string();
    ok(&["edit", p, "place-passage", &id, CORE, "Formality", "formal"]);
    let props = json(&["report", p, "properties"]);
    let core = props["categories"].as_array().unwrap().iter().find(|c| c["category"] == CORE).unwrap();
    assert_eq!(core["level"], "organisation", "the sample's matrix level");
    let formality = &core["properties"][0];
    assert_eq!(formality["name"], "Formality");
    assert_eq!(formality["dimension"], "range");
    assert_eq!(formality["points"][2], serde_json::json!({"point": "formal", "passages": 1}));

    // A point the dimension lacks is refused, naming the points it has.
    let run = axial(&["edit", p, "place-passage", &id, CORE, "Formality", "casual"]);
    assert_ne!(run.code, 0);
    let err = &run.stderr;
    assert!(err.contains("its points are informal, mixed, formal"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // Evidence for a relation, by a coded passage; its memo; the report lists both.
    // A relation nothing grounds yet (the sample leaves three so).
    let rels = json(&["report", p, "relations"]);
    let at = rels["relations"].as_array().unwrap().iter().position(|r| r["grounded"] == false).unwrap();
    let relation = &rels["relations"][at];
    let name = format!("{} -> {}", relation["from"].as_str().unwrap(), relation["to"].as_str().unwrap());
    assert!(relation["evidence"].as_array().unwrap().is_empty());
    ok(&["edit", p, "evidence", "add", &name, "--coding", &id]);
    ok(&["edit", p, "relation-memo", &name, "The committee is where the framework is decided."]);
    let rels = json(&["report", p, "relations"]);
    let relation = &rels["relations"][at];
    assert_eq!(relation["grounded"], true, "picked evidence grounds it");
    assert_eq!(relation["evidence"].as_array().unwrap().len(), 1);
    assert!(!relation["evidence"][0]["quote"].as_str().unwrap().is_empty());
    assert_eq!(relation["memos"][0], "The committee is where the framework is decided.");

    // Level and prompted mark.
    ok(&["edit", p, "level", CORE, "industry"]);
    ok(&["edit", p, "prompted", &id, "yes"]);
    let run = axial(&["edit", p, "level", CORE, "planet"]);
    assert!(run.stderr.contains("not a level of the matrix"), "{}", run.stderr);

    // The conditional/consequential matrix shows the category in the industry band.
    let svg = ok(&["export", p, "--format", "matrix-svg", "-o", "-"]);
    // The y of the first `y="…"` after `marker`.
    let y_after = |marker: &str| -> f32 {
        let at = svg.find(marker).unwrap_or_else(|| panic!("{marker} in the matrix"));
        let rest = &svg[at..];
        let y = &rest[rest.find(" y=\"").unwrap() + 4..];
        y[..y.find('"').unwrap()].parse().unwrap()
    };
    let (industry, organisation) = (y_after(r#"data-level="industry""#), y_after(r#"data-level="organisation""#));
    let chip = y_after(&format!(r#"data-category="{CORE}""#));
    assert!(industry < chip && chip < organisation, "in the industry band: {industry} < {chip} < {organisation}");
    assert!(!svg.contains("Without a level yet"), "the sample gives every category a level");
    let dir = tempfile::tempdir().unwrap();
    for (format, magic) in [("matrix-pdf", &b"%PDF"[..]), ("matrix-png", &b"\x89PNG"[..])] {
        let file = dir.path().join(format);
        ok(&["export", p, "--format", format, "-o", s(&file)]);
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "{format}");
    }

    // The category model (version 2) carries all of it.
    let model: Value = serde_json::from_str(&ok(&["export", p, "--format", "json", "-o", "-"])).unwrap();
    assert_eq!(model["schema"], "axial.category-model/2");
    let core = model["paradigm"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["categories"].as_array().unwrap())
        .find(|c| c["name"] == CORE)
        .unwrap();
    assert_eq!(core["level"], "industry");
    assert_eq!(core["properties"][0]["points"][2]["passages"], 1);
    let r = &model["relations"][at];
    assert_eq!(r["grounded"], true);
    assert_eq!(r["memo"], "The committee is where the framework is decided.");
    assert_eq!(r["evidence"].as_array().unwrap().len(), 1);

    // Six steps; six undos give the project back as it was.
    for _ in 0..6 {
        ok(&["undo", p]);
    }
    assert_eq!(ok(&["export", p, "--format", "project-json", "-o", "-"]), before);
}

/// The cube counts by the rule the user picks, and every printed or exported cube says which
/// unit and rule it counted by.
#[test]
fn the_cube_counts_unprompted_references_only_when_asked_and_says_so() {
    let (_dir, path) = new_project();
    ok(&["import", s(&path), s(&sample("crm_knowledge_creation").join("project.json"))]);
    let p = s(&path);
    let cube = |extra: &[&str]| -> Value {
        let mut args = vec!["report", p, "cube", "--format", "json"];
        args.extend(extra);
        serde_json::from_str(&ok(&args)).unwrap()
    };
    let total =
        |v: &Value| v["cells"].as_array().unwrap().iter().map(|c| c["references"].as_u64().unwrap()).sum::<u64>();
    let all = cube(&[]);
    assert_eq!((total(&all), all["rule"].as_str()), (193, Some("all")));
    // Two codings the interviewer prompted.
    let code = "Agents advise callers on products and repairs";
    let passages: Value =
        serde_json::from_str(&ok(&["report", p, "retrieval", "--code", code, "--format", "json"])).unwrap();
    let ids: Vec<String> =
        passages["passages"].as_array().unwrap().iter().take(2).map(|x| x["coding"].to_string()).collect();
    for id in &ids {
        ok(&["edit", p, "prompted", id, "yes"]);
    }
    assert_eq!(total(&cube(&[])), 193, "the rule all still counts them");
    let unprompted = cube(&["--rule", "unprompted"]);
    assert_eq!((total(&unprompted), unprompted["rule"].as_str()), (191, Some("unprompted")));
    let text = ok(&["report", p, "cube", "--rule", "unprompted"]);
    assert!(text.contains("Counting unit: passage (every coded passage); rule: unprompted"), "{text}");
    let csv = ok(&["report", p, "cube", "--format", "csv"]);
    assert!(csv.ends_with("Counting unit,passage,,,,\nCounting rule,all,,,,\n"), "{csv}");
    // The exports too: the category model's cube, the Word tables.
    let model: Value =
        serde_json::from_str(&ok(&["export", p, "--format", "json", "--rule", "unprompted", "-o", "-"])).unwrap();
    assert_eq!((model["rule"].as_str(), model["cube"]["rule"].as_str()), (Some("unprompted"), Some("unprompted")));
    assert_eq!(model["cube"]["references"], 191);
    let md = ok(&["export", p, "--format", "cube-md", "--rule", "unprompted", "--unit", "turn", "-o", "-"]);
    assert!(md.contains("Counting rule: unprompted"), "{md}");
    let run = axial(&["export", p, "--format", "frequencies-csv", "--rule", "unprompted", "-o", "-"]);
    assert!(run.stderr.contains("--unit and --rule apply to"), "{}", run.stderr);
}
