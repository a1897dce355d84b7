//! The two sample projects reproduce the papers' figures, checked against copies of the
//! reference files in tests/fixtures (a clean clone has no ../shared).

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

fn report_json(sample_name: &str, args: &[&str]) -> Value {
    let path = sample(sample_name);
    let mut all = vec!["report", s(&path)];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

#[test]
fn crm_cube_equals_table6_cell_for_cell() {
    let reference = fixture_json("crm_knowledge_cube_table6.json");
    let model: Value =
        serde_json::from_str(&ok(&["export", s(&sample("crm_knowledge_creation")), "--format", "json", "-o", "-"]))
            .unwrap();
    let key = |c: &Value| {
        (
            c["seci"].as_str().unwrap().to_owned(),
            c["crm"].as_str().unwrap().to_owned(),
            c["knowledge"].as_str().unwrap().to_owned(),
        )
    };
    let ours: BTreeMap<_, _> = model["cube"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (key(c), c["references"].as_u64().unwrap()))
        .collect();
    let theirs: BTreeMap<_, _> =
        reference["cells"].as_array().unwrap().iter().map(|c| (key(c), c["references"].as_u64().unwrap())).collect();
    assert_eq!(theirs.len(), 36);
    assert_eq!(ours, theirs);
    assert_eq!(model["cube"]["unassigned_references"], 0);
    assert_eq!(model["cube"]["dimensions"], reference["dimensions"]);
}

#[test]
fn crm_table6_report_has_the_papers_totals() {
    let reference = fixture_json("crm_knowledge_cube_table6.json");
    let t = &reference["totals"];
    let report = report_json("crm_knowledge_creation", &["cube"]);
    let totals = &report["totals"];
    assert_eq!(totals["references"], t["references"]);
    assert_eq!(totals["by_crm"], t["by_crm"]);
    assert_eq!(totals["by_knowledge"], t["by_knowledge"]);
    assert_eq!(totals["by_crm_seci"], t["by_seci_crm"], "per system and process");
    assert_eq!(totals["references"], 193);
    // The aligned table prints the same grand total row, then what it counted.
    let text = ok(&["report", s(&sample("crm_knowledge_creation")), "cube"]);
    let (table, counted) = text.split_once("\n\n").unwrap();
    assert_eq!(
        counted.trim(),
        "Counting unit: passage (every coded passage); rule: all (every coded reference, prompted or not)."
    );
    let last = table.lines().last().unwrap();
    assert_eq!(last.split_whitespace().collect::<Vec<_>>(), ["Total", "45", "129", "19", "193"]);
    assert!(text.contains("Total Collaborative"), "{text}");
}

#[test]
fn crm_table7_margins_match_the_paper() {
    let report = report_json("crm_knowledge_creation", &["cube", "--view", "table7"]);
    let tables = report["tables"].as_array().unwrap();
    let find =
        |r: &str, c: &str| tables.iter().find(|t| t["rows"] == r && t["columns"] == c).unwrap()["counts"].clone();
    // Table 7 of the paper, as printed there.
    let crm_seci = find("crm", "seci");
    assert_eq!(
        crm_seci["operational"],
        serde_json::json!({"socialization": 19, "externalization": 13, "combination": 11, "internalization": 9})
    );
    assert_eq!(
        crm_seci["analytical"],
        serde_json::json!({"socialization": 0, "externalization": 0, "combination": 31, "internalization": 17})
    );
    assert_eq!(
        crm_seci["collaborative"],
        serde_json::json!({"socialization": 13, "externalization": 47, "combination": 3, "internalization": 30})
    );
    let crm_knowledge = find("crm", "knowledge");
    assert_eq!(crm_knowledge["operational"], serde_json::json!({"for": 15, "about": 31, "from": 6}));
    assert_eq!(crm_knowledge["analytical"], serde_json::json!({"for": 1, "about": 46, "from": 1}));
    assert_eq!(crm_knowledge["collaborative"], serde_json::json!({"for": 29, "about": 52, "from": 12}));
    let knowledge_seci = find("knowledge", "seci");
    assert_eq!(
        knowledge_seci["for"],
        serde_json::json!({"socialization": 9, "externalization": 20, "combination": 2, "internalization": 14})
    );
    assert_eq!(
        knowledge_seci["about"],
        serde_json::json!({"socialization": 17, "externalization": 33, "combination": 43, "internalization": 36})
    );
    assert_eq!(
        knowledge_seci["from"],
        serde_json::json!({"socialization": 6, "externalization": 7, "combination": 0, "internalization": 6})
    );
}

#[test]
fn crm_table8_bins_every_cell_and_thresholds_can_be_set() {
    let report = report_json("crm_knowledge_creation", &["cube", "--view", "table8"]);
    let cells = report["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 36);
    let level = |seci: &str, crm: &str, k: &str| {
        cells.iter().find(|c| c["seci"] == seci && c["crm"] == crm && c["knowledge"] == k).unwrap()["level"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(level("combination", "analytical", "about"), "High");
    assert_eq!(level("internalization", "analytical", "about"), "Med-High");
    assert_eq!(level("socialization", "operational", "for"), "Med");
    assert_eq!(level("combination", "collaborative", "from"), "Low");
    let strict = report_json("crm_knowledge_creation", &["cube", "--view", "table8", "--bins", "10,20,40"]);
    let c = strict["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["seci"] == "combination" && c["crm"] == "analytical" && c["knowledge"] == "about")
        .unwrap();
    assert_eq!(c["level"], "Med-High");
    let r = axial(&["report", s(&sample("crm_knowledge_creation")), "cube", "--view", "table8", "--bins", "9,3,1"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("three increasing whole numbers"), "{}", r.stderr);
    let csv = ok(&["report", s(&sample("crm_knowledge_creation")), "cube", "--view", "table8", "--format", "csv"]);
    assert!(csv.starts_with("crm,seci,knowledge,references,level\noperational,socialization,for,8,Med\n"), "{csv}");
}

/// The paper's own reading of its tables (Khodakarami & Chan 2014, section 6), which the
/// default bins and levels must reproduce on the CRM sample.
#[test]
fn the_default_bins_and_levels_read_the_tables_as_the_paper_does() {
    // Table 8: "collaborative externalization can be well supported ... with respect to
    // knowledge for and about customers"; "there are not many red areas. Many more areas are
    // yellow"; "one table is all yellow": very little is captured from customers.
    let t8 = report_json("crm_knowledge_creation", &["cube", "--view", "table8"]);
    let cells = t8["cells"].as_array().unwrap();
    let level = |seci: &str, crm: &str, k: &str| {
        cells.iter().find(|c| c["seci"] == seci && c["crm"] == crm && c["knowledge"] == k).unwrap()["level"].clone()
    };
    assert_eq!(level("externalization", "collaborative", "for"), "High");
    assert_eq!(level("externalization", "collaborative", "about"), "High");
    let count = |l: &str| cells.iter().filter(|c| c["level"] == l).count();
    assert!(count("High") <= 4, "not many red areas: {}", count("High"));
    assert!(count("Low") > cells.len() / 2, "many more yellow: {}", count("Low"));
    assert!(
        cells.iter().filter(|c| c["knowledge"] == "from").all(|c| c["level"] == "Low"),
        "the from table is all low"
    );
    assert!(
        ["for", "about"].iter().all(|k| cells.iter().any(|c| c["knowledge"] == *k && c["level"] != "Low")),
        "and it is the only one"
    );
    // Table 7 against Table 1, in the words of the discussion.
    let t7 = report_json("crm_knowledge_creation", &["cube", "--view", "expected"]);
    let observed = |crm: &str, other: &str| {
        t7["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["row"]["crm"] == crm && p["column"].as_object().unwrap().values().any(|v| v == other))
            .unwrap()["observed"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let reading = [
        ("operational", "socialization", "medium"),
        ("collaborative", "socialization", "medium"),
        ("analytical", "socialization", "low"),
        ("operational", "externalization", "medium"),
        ("collaborative", "externalization", "high"),
        ("operational", "combination", "low"),
        ("analytical", "combination", "high"),
        ("collaborative", "combination", "low"),
        ("operational", "internalization", "low"),
        ("analytical", "internalization", "medium"),
        ("collaborative", "internalization", "high"),
        ("operational", "for", "medium"),
        ("analytical", "for", "low"),
        ("collaborative", "for", "high"),
        ("operational", "about", "high"),
        ("analytical", "about", "high"),
        ("collaborative", "about", "high"),
        ("operational", "from", "low"),
        ("analytical", "from", "low"),
        ("collaborative", "from", "low"),
    ];
    for (crm, other, said) in reading {
        assert_eq!(observed(crm, other), said, "{crm} x {other}");
    }
}

#[test]
fn crm_expected_levels_sit_beside_the_observed_ones() {
    let reference = fixture_json("crm_knowledge_cube_table6.json");
    let report = report_json("crm_knowledge_creation", &["cube", "--view", "expected"]);
    let pairs = report["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 21, "every system x process and system x knowledge pair");
    for p in pairs {
        let crm = p["row"]["crm"].as_str().unwrap();
        let (_, value) = p["column"].as_object().unwrap().iter().next().unwrap();
        assert_eq!(p["expected"], reference["research_model_table1"][crm][value.as_str().unwrap()], "{p}");
    }
    let from_collab =
        pairs.iter().find(|p| p["row"]["crm"] == "collaborative" && p["column"]["knowledge"] == "from").unwrap();
    assert_eq!(from_collab["references"], 12);
    assert_eq!(from_collab["agreement"], "lower than expected");
}

#[test]
fn crm_sample_has_twelve_interviewees_in_three_cases_with_role_and_case() {
    let reference = fixture_json("crm_knowledge_cube_table6.json");
    let p: Value = serde_json::from_str(&ok(&[
        "export",
        s(&sample("crm_knowledge_creation")),
        "--format",
        "project-json",
        "-o",
        "-",
    ]))
    .unwrap();
    let docs = p["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 12);
    assert_eq!(p["cases"].as_array().unwrap().len(), 3);
    for person in reference["study"]["interviewees"].as_array().unwrap() {
        let doc = docs.iter().find(|d| d["attributes"]["interviewee"] == person["id"]).unwrap();
        assert_eq!(doc["attributes"]["role"], person["role"]);
        assert_eq!(doc["attributes"]["case"], person["case"]);
        let case = p["cases"].as_array().unwrap().iter().find(|c| c["name"] == doc["case"]).unwrap();
        assert_eq!(case["attributes"]["case"], person["case"]);
        let words = doc["text"].as_str().unwrap().split_whitespace().count();
        assert!((1500..=3000).contains(&words), "{} has {words} words", doc["title"]);
        assert!(doc["text"].as_str().unwrap().starts_with("Interviewer: "));
    }
    for code in p["codes"].as_array().unwrap() {
        assert!(!code["definition"].as_str().unwrap().is_empty(), "{} has no definition", code["name"]);
        assert!(code["facets"]["seci"].is_string() && code["facets"]["knowledge"].is_string());
    }
}

#[test]
fn banking_paradigm_model_matches_the_reference() {
    let reference = fixture_json("banking_paradigm_model.json");
    let model: Value =
        serde_json::from_str(&ok(&["export", s(&sample("banking_ckm_crm")), "--format", "json", "-o", "-"])).unwrap();
    assert_eq!(model["project"]["documents"], reference["interviews"]);
    assert_eq!(model["project"]["concepts"], reference["concepts"]);
    assert_eq!(model["project"]["categories"], reference["categories"]);
    for class in model["paradigm"].as_array().unwrap() {
        let names: Vec<&str> =
            class["categories"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        let expected: Vec<&str> = reference["classes"][class["class"].as_str().unwrap()]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(names, expected, "class {}", class["class"]);
        for cat in class["categories"].as_array().unwrap() {
            assert!(!cat["concepts"].as_array().unwrap().is_empty(), "{} has no concepts", cat["name"]);
            assert!(!cat["memo"].as_str().unwrap().is_empty(), "{} has no memo", cat["name"]);
            assert!(cat["references"].as_u64().unwrap() > 0, "{} is never coded", cat["name"]);
        }
    }
    let unplaced = &model["unplaced"];
    assert_eq!(
        unplaced["categories"].as_array().unwrap().len()
            + unplaced["concepts"].as_array().unwrap().len()
            + unplaced["codes"].as_array().unwrap().len(),
        0
    );
    // One core category, in the phenomenon class, with the storyline among its memos.
    let core: Vec<&Value> = model["paradigm"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["categories"].as_array().unwrap())
        .filter(|c| c["core"] == true)
        .collect();
    assert_eq!(core.len(), 1);
    assert_eq!(model["core_category"], core[0]["name"]);
    assert!(reference["classes"]["phenomenon"].as_array().unwrap().contains(&core[0]["name"]));
    assert!(
        core[0]["memo"].as_str().unwrap().split_whitespace().count() > 200,
        "the storyline is in the core category's memo"
    );
}

#[test]
fn banking_relations_follow_the_paradigm_model() {
    let reference = fixture_json("banking_paradigm_model.json");
    let model: Value =
        serde_json::from_str(&ok(&["export", s(&sample("banking_ckm_crm")), "--format", "json", "-o", "-"])).unwrap();
    let class_of = |name: &str| -> String {
        reference["classes"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, v)| v.as_array().unwrap().iter().any(|c| c == name))
            .unwrap()
            .0
            .clone()
    };
    let rank = |class: &str| match class {
        "causal_conditions" => 0,
        "contextual_conditions" | "intervening_conditions" => 1,
        "phenomenon" => 2,
        "strategies" => 3,
        _ => 4,
    };
    // Which class may point at which with each kind of relation.
    let allowed = |kind: &str, from: &str, to: &str| match kind {
        "causes" => from == "causal_conditions" && to == "phenomenon",
        // As Strauss & Corbin draw it: context and intervening conditions bear on the strategies.
        "is context of" => from == "contextual_conditions" && to == "strategies",
        "intervenes in" => from == "intervening_conditions" && to == "strategies",
        "is strategy for" => from == "strategies" && to == "phenomenon",
        // Along the flow: the phenomenon to itself, its strategies or consequences; strategies
        // to consequences; one consequence to another.
        "leads to" => rank(from) >= 2 && rank(to) >= rank(from),
        _ => false,
    };
    let relations = model["relations"].as_array().unwrap();
    assert!(relations.len() >= 16);
    for r in relations {
        let (from, to) = (class_of(r["from"].as_str().unwrap()), class_of(r["to"].as_str().unwrap()));
        assert!(allowed(r["kind"].as_str().unwrap(), &from, &to), "{r} goes {from} -> {to}");
    }
}

#[test]
fn banking_sample_has_sixteen_interviews_of_managers_staff_and_academics() {
    let p: Value =
        serde_json::from_str(&ok(&["export", s(&sample("banking_ckm_crm")), "--format", "project-json", "-o", "-"]))
            .unwrap();
    let docs = p["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 16);
    let groups: std::collections::BTreeSet<&str> =
        docs.iter().map(|d| d["attributes"]["group"].as_str().unwrap()).collect();
    assert_eq!(groups.into_iter().collect::<Vec<_>>(), ["academic", "manager", "staff"]);
    for d in docs {
        let words = d["text"].as_str().unwrap().split_whitespace().count();
        assert!(words >= 1500, "{} has {words} words", d["title"]);
    }
    assert_eq!(p["codes"].as_array().unwrap().len(), 100);
    assert!(p["codes"].as_array().unwrap().iter().all(|c| !c["definition"].as_str().unwrap().is_empty()));
}

#[test]
fn frequencies_and_paradigm_reports_cover_every_level() {
    let f = report_json("banking_ckm_crm", &["frequencies"]);
    assert_eq!(f["classes"].as_array().unwrap().len(), 6);
    assert_eq!(f["categories"].as_array().unwrap().len(), 18);
    assert_eq!(f["concepts"].as_array().unwrap().len(), 50);
    assert_eq!(f["codes"].as_array().unwrap().len(), 100);
    let class_refs: u64 = f["classes"].as_array().unwrap().iter().map(|c| c["references"].as_u64().unwrap()).sum();
    assert_eq!(class_refs, f["total"]["references"].as_u64().unwrap(), "every coding is placed in exactly one class");
    let tree = ok(&["report", s(&sample("banking_ckm_crm")), "paradigm"]);
    assert!(tree.contains("├── Phenomenon ("), "{tree}");
    assert!(tree.contains("Determining the management framework [core category]"), "{tree}");
    assert!(tree.contains("Relations\n"));
    let csv = ok(&["report", s(&sample("crm_knowledge_creation")), "frequencies", "--format", "csv"]);
    assert!(csv.starts_with("level,name,parent,references,documents\n"));
    assert!(csv.contains("category,Analytical CRM,,48,"), "{csv}");
}

#[test]
fn opening_a_sample_never_writes_the_folder() {
    let folder = sample("banking_ckm_crm");
    let before: Vec<(std::path::PathBuf, std::time::SystemTime)> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    ok(&["info", s(&folder)]);
    ok(&["report", s(&folder), "cube"]);
    let after: Vec<(std::path::PathBuf, std::time::SystemTime)> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| (e.path(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn cube_layout_options_take_commas_and_refuse_repeated_dimensions() {
    let crm = sample("crm_knowledge_creation");
    let swapped = ok(&["report", s(&crm), "cube", "--rows", "seci,crm", "--columns", "knowledge", "--format", "json"]);
    let v: Value = serde_json::from_str(&swapped).unwrap();
    assert_eq!(v["layout"]["rows"], serde_json::json!(["seci", "crm"]));
    assert_eq!(v["totals"]["references"], 193);
    for bad in [vec!["--rows", "seci,seci"], vec!["--columns", "crm"], vec!["--rows", "crm"]] {
        let mut args = vec!["report", s(&crm), "cube"];
        args.extend(bad.iter().copied());
        let r = axial(&args);
        assert_eq!(r.code, 1, "{bad:?} should be refused");
        assert!(r.stderr.contains("dimension"), "{}", r.stderr);
    }
}

#[test]
fn paradigm_csv_lists_categories_and_concepts_with_nothing_under_them() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.axial");
    ok(&["new", s(&project)]);
    let json = dir.path().join("model.json");
    std::fs::write(
        &json,
        r#"{"schema": "axial.project/1", "name": "m",
        "categories": [{"name": "Empty category", "class": "phenomenon"}, {"name": "Full", "class": "strategies"}],
        "concepts": [{"name": "Lonely concept", "category": "Full"}, {"name": "Loose concept"}],
        "codes": [{"name": "Loose code"}]}"#,
    )
    .unwrap();
    ok(&["import", s(&project), s(&json)]);
    let csv = ok(&["report", s(&project), "paradigm", "--format", "csv"]);
    assert!(csv.contains("phenomenon,Empty category,false,,,0,0\n"), "{csv}");
    assert!(csv.contains("strategies,Full,false,Lonely concept,,0,0\n"), "{csv}");
    assert!(csv.contains(",,,Loose concept,,0,0\n"), "{csv}");
    assert!(csv.contains(",,,,Loose code,0,0\n"), "{csv}");
}

/// A few banking codes are in-vivo: named, in quotation marks, with words a speaker said,
/// and those words stand in one of the code's own coded passages.
#[test]
fn banking_has_in_vivo_codes_in_the_speakers_own_words() {
    let project: Value =
        serde_json::from_str(&std::fs::read_to_string(sample("banking_ckm_crm").join("project.json")).unwrap())
            .unwrap();
    let texts: BTreeMap<String, String> = project["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(sample("banking_ckm_crm").join(d["path"].as_str().unwrap())).unwrap();
            (d["title"].as_str().unwrap().to_owned(), text)
        })
        .collect();
    let in_vivo: Vec<&str> = project["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .filter(|n| n.starts_with('\u{201c}') && n.ends_with('\u{201d}'))
        .collect();
    assert!(in_vivo.len() >= 3, "a few in-vivo codes: {in_vivo:?}");
    for name in in_vivo {
        let words = name.trim_matches(['\u{201c}', '\u{201d}']);
        let said = project["codings"].as_array().unwrap().iter().filter(|c| c["code"] == name).any(|c| {
            let text: Vec<char> = texts[c["document"].as_str().unwrap()].chars().collect();
            let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            text[start..end].iter().collect::<String>().contains(words)
        });
        assert!(said, "{name} is said in one of its passages");
    }
}

fn project_json(sample_name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(sample(sample_name).join("project.json")).unwrap()).unwrap()
}

fn memo<'a>(p: &'a Value, title: &str) -> &'a str {
    p["memos"].as_array().unwrap().iter().find(|m| m["title"] == title).and_then(|m| m["text"].as_str()).unwrap()
}

/// The CRM sample says how its 193 references were reached, and each figure it gives is the
/// one Axial counts; it names the misprint in the paper's Table 8 and follows Table 6.
#[test]
fn crm_sample_states_how_its_references_are_counted_and_the_table8_misprint() {
    let p = project_json("crm_knowledge_creation");
    let how = memo(&p, "How the 193 references are counted");
    let total = |unit: &str, rule: &str| -> u64 {
        let c = report_json("crm_knowledge_creation", &["cube", "--unit", unit, "--rule", rule]);
        c["cells"].as_array().unwrap().iter().map(|c| c["references"].as_u64().unwrap()).sum()
    };
    assert_eq!(total("passage", "all"), 193);
    assert_eq!(total("passage", "unprompted"), 193, "no coding is marked prompted");
    assert!(how.contains("cube --unit turn) the cube holds 140 references") && total("turn", "all") == 140, "{how}");
    assert!(how.contains("(--unit document) 111") && total("document", "all") == 111, "{how}");
    // 51 answers carry one code two or more times, 104 codings in all: counted from the
    // passages' speakers, as the turn unit counts them.
    assert!(how.contains("51 answers carry one code two or more times, 104 codings in all"), "{how}");
    let project = axial_core::project::open_sample(&sample("crm_knowledge_creation")).unwrap().load().unwrap();
    let mut turns = axial_core::analysis::units::TurnIndex::default();
    let mut per_turn: BTreeMap<(i64, i64, usize), u64> = BTreeMap::new();
    for c in project.codings() {
        let turn = turns.turn_at(&project, c.document, c.start);
        *per_turn.entry((c.document.0, c.code.0, turn)).or_default() += 1;
    }
    let repeated: Vec<u64> = per_turn.values().copied().filter(|n| *n > 1).collect();
    assert_eq!((repeated.len(), repeated.iter().sum::<u64>()), (51, 104));
    assert_eq!(per_turn.len(), 140, "the turn unit's count");
    let misprint = memo(&p, "A misprint in the paper's Table 8");
    assert!(misprint.contains("prints 8") && misprint.contains("Table 6 gives 3"), "{misprint}");
    let t8 = report_json("crm_knowledge_creation", &["cube", "--view", "table8"]);
    let cell = t8["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["crm"] == "operational" && c["seci"] == "externalization" && c["knowledge"] == "for")
        .unwrap()
        .clone();
    assert_eq!((cell["references"].as_u64(), cell["level"].as_str()), (Some(3), Some("Low")));
}

/// The banking sample says what comes from the paper and what was written for it; its memos
/// and codings are dated in the order of the interviews; its storyline follows the paradigm
/// (context and intervening conditions bear on the strategies); its relations carry evidence;
/// every category has a level of the matrix.
#[test]
fn banking_sample_labels_its_provenance_dates_follow_the_interviews_and_relations_carry_evidence() {
    let p = project_json("banking_ckm_crm");
    assert_eq!(p["schema"], "axial.project/2");
    let provenance = memo(&p, "Provenance of this sample");
    assert!(provenance.contains("From the study") && provenance.contains("the 18 categories"), "{provenance}");
    assert!(provenance.contains("Written for this sample") && provenance.contains("the storyline"), "{provenance}");
    // Dates: a document is imported after its interview, its codings after that; a memo on a
    // category is written after the first interview coded under it; no memo before 2019-04-14.
    let date_of: BTreeMap<&str, &str> = p["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["title"].as_str().unwrap(), d["attributes"]["date"].as_str().unwrap()))
        .collect();
    for d in p["documents"].as_array().unwrap() {
        assert!(d["imported"].as_str().unwrap() > date_of[d["title"].as_str().unwrap()]);
    }
    let mut first_coded: BTreeMap<String, String> = BTreeMap::new();
    let concept_category: BTreeMap<&str, &str> = p["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["category"].as_str().unwrap()))
        .collect();
    let code_category: BTreeMap<&str, &str> = p["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), concept_category[c["concept"].as_str().unwrap()]))
        .collect();
    for c in p["codings"].as_array().unwrap() {
        let created = c["created"].as_str().unwrap();
        let interviewed = date_of[c["document"].as_str().unwrap()];
        assert!(created > interviewed, "a coding made before its interview: {created} {interviewed}");
        let date = created[..10].to_owned();
        let first = first_coded.entry(code_category[c["code"].as_str().unwrap()].to_owned()).or_insert(date.clone());
        if date < *first {
            *first = date;
        }
    }
    let last_interview = date_of.values().max().unwrap().to_string();
    for m in p["memos"].as_array().unwrap() {
        let (created, modified) = (m["created"].as_str().unwrap(), m["modified"].as_str().unwrap());
        assert!(created <= modified && created > "2019-04-14", "{}", m["title"]);
        assert!(modified > last_interview.as_str(), "every memo's text as it stood after the last interview");
        if m["on"] == "category" && m["title"] != "Storyline" {
            let first = &first_coded[m["target"].as_str().unwrap()];
            assert!(created > first.as_str(), "{} written before its category was coded", m["title"]);
        }
    }
    // The storyline: context and intervening conditions bear on the strategies.
    let storyline = memo(&p, "Storyline");
    assert!(storyline.contains("bear on those strategies rather than on the framework itself"), "{storyline}");
    // Evidence on relations; the relations report and the figure follow it.
    let with_evidence = p["relations"].as_array().unwrap().iter().filter(|r| r["evidence"].is_array()).count();
    assert!(with_evidence >= 20, "{with_evidence} of 24 relations carry evidence");
    let rels = report_json("banking_ckm_crm", &["relations"]);
    let grounded = rels["relations"].as_array().unwrap().iter().filter(|r| r["grounded"] == true).count();
    assert!(grounded >= with_evidence);
    assert!(p["categories"].as_array().unwrap().iter().all(|c| c["level"].is_string()), "every category has a level");
}
