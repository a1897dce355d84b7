//! `axial report PROJECT agreement --coders A B` through the real binary, on a project whose
//! figures are worked by hand (see `analysis::agreement`'s tests for the working).

mod common;
use common::*;

/// One 100-character interview: C1 coded by A at [0,30) and by B at [10,40), C2 by A at
/// [50,60); a second interview only A coded; a third nobody coded.
fn two_coders() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = new_project();
    let text = "x".repeat(100);
    let coding = |doc: &str, code: &str, coder: &str, start: usize, end: usize| serde_json::json!({"document": doc, "code": code, "coder": coder, "start": start, "end": end, "created": "t"});
    let json = serde_json::json!({
        "schema": "axial.project/1",
        "name": "two coders",
        "documents": [
            {"title": "Interview 1", "text": text},
            {"title": "Interview 2", "text": text},
            {"title": "Interview 3", "text": text},
        ],
        "codes": [{"name": "C1"}, {"name": "C2"}],
        "codings": [
            coding("Interview 1", "C1", "A", 0, 30),
            coding("Interview 1", "C1", "B", 10, 40),
            coding("Interview 1", "C2", "A", 50, 60),
            coding("Interview 2", "C1", "A", 0, 100),
        ],
    });
    let file = dir.path().join("two-coders.json");
    std::fs::write(&file, json.to_string()).unwrap();
    ok(&["import", s(&path), s(&file)]);
    (dir, path)
}

#[test]
fn the_agreement_report_gives_the_hand_worked_figures_and_says_what_it_counted() {
    let (_dir, path) = two_coders();
    let json = ok(&["report", s(&path), "agreement", "--coders", "A", "B", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let r3 = |x: &serde_json::Value| (x.as_f64().unwrap() * 1000.0).round() / 1000.0;
    assert_eq!(v["documents"], serde_json::json!(["Interview 1"]), "only what both coded");
    let c1 = &v["codes"][0]["characters_level"];
    assert_eq!(r3(&c1["all_text"]["percent_agreement"]), 0.8);
    assert_eq!(r3(&c1["all_text"]["cohen_kappa"]), 0.524);
    assert_eq!(r3(&c1["all_text"]["krippendorff_alpha"]), 0.526);
    assert_eq!(r3(&c1["coded_text"]["percent_agreement"]), 0.6);
    assert_eq!(r3(&c1["coded_text"]["cohen_kappa"]), 0.167);
    assert_eq!(r3(&v["overall"]["all_text"]["cohen_kappa"]), 0.483);
    assert!(v["units"]["all_text"].as_str().unwrap().contains("counts as agreement"));
    assert_eq!(v["disagreements"].as_array().unwrap().len(), 3);
    assert_eq!(
        v["disagreements"][1],
        serde_json::json!({"document": "Interview 1", "code": "C1", "start": 30, "end": 40, "coded_by": ["B"]})
    );

    let table = ok(&["report", s(&path), "agreement", "--coders", "A", "B"]);
    assert!(table.contains("on the 1 document all of them coded (of 3)"), "{table}");
    assert!(table.contains("Cohen's kappa") && table.contains("0.483"), "{table}");
    let csv = ok(&["report", s(&path), "agreement", "--coders", "A", "B", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().starts_with("code,chars A,chars B,% all,kappa all"), "{csv}");
    assert!(csv.contains("C1,30,30,0.800,0.524,0.526,0.600,0.167"), "{csv}");
}

#[test]
fn a_missing_or_unknown_coder_is_one_sentence() {
    let (_dir, path) = two_coders();
    let r = axial(&["report", s(&path), "agreement"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--coders A B (this project's coders: A, B)"), "{}", r.stderr);
    let r = axial(&["report", s(&path), "agreement", "--coders", "A", "Z"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.trim(),
        "axial: there is no coder named \u{201c}Z\u{201d} in this project (its coders are: A, B)"
    );
}

/// Codes that carry values under one concept are a scale: the report gives its interval alpha
/// (worked by hand in `analysis::agreement`'s tests: 0.708, nominal 0.333).
#[test]
fn a_scale_of_valued_codes_gets_interval_alpha_in_the_report() {
    let (dir, path) = new_project();
    let coding = |code: &str, coder: &str, start: usize, end: usize| serde_json::json!({"document": "Interview 1", "code": code, "coder": coder, "start": start, "end": end, "created": "t"});
    let mut codings = Vec::new();
    for (unit, (a, b)) in [("1 low", "1 low"), ("2", "3 high"), ("3 high", "3 high"), ("1 low", "2")].iter().enumerate()
    {
        codings.push(coding(a, "A", unit * 20, unit * 20 + 10));
        codings.push(coding(b, "B", unit * 20, unit * 20 + 12));
    }
    let json = serde_json::json!({
        "schema": "axial.project/1",
        "name": "ratings",
        "documents": [{"title": "Interview 1", "text": "x".repeat(100)}],
        "concepts": [{"name": "Intensity"}],
        "codes": [
            {"name": "1 low", "concept": "Intensity"},
            {"name": "2", "concept": "Intensity"},
            {"name": "3 high", "concept": "Intensity"},
        ],
        "codings": codings,
    });
    let file = dir.path().join("ratings.json");
    std::fs::write(&file, json.to_string()).unwrap();
    ok(&["import", s(&path), s(&file)]);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&["report", s(&path), "agreement", "--coders", "A", "B", "--format", "json"]))
            .unwrap();
    let scale = &v["scales"][0];
    let r3 = |x: &serde_json::Value| (x.as_f64().unwrap() * 1000.0).round() / 1000.0;
    assert_eq!(scale["concept"], "Intensity");
    assert_eq!(scale["codes"][2], serde_json::json!({"code": "3 high", "value": 3.0}));
    assert_eq!(r3(&scale["krippendorff_alpha_interval"]), 0.708);
    assert_eq!(r3(&scale["krippendorff_alpha_nominal"]), 0.333);
    let table = ok(&["report", s(&path), "agreement", "--coders", "A", "B"]);
    assert!(
        table.contains("Scale \u{201c}Intensity\u{201d} (3 codes, values 1 to 3): 4 groups of passages, 4 rated by two or more coders; alpha interval 0.708 (nominal 0.333)"),
        "{table}"
    );
}
