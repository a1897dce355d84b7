//! The reading-back reports through the real binary: retrieval, co-occurrence, saturation and
//! counting units, on the samples, in table, CSV and JSON.

mod common;
use common::*;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

#[test]
fn saturation_follows_the_interview_dates_and_the_last_interview_brings_nothing_new() {
    let b = sample("banking_ckm_crm");
    let sat = json(&["report", s(&b), "saturation"]);
    assert_eq!(sat["order"], "date");
    let rows = sat["interviews"].as_array().unwrap();
    assert_eq!(rows.len(), 16);
    assert_eq!(rows[1]["document"], "Interview P03", "ordered by date, not by participant");
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(rows.last().unwrap()["categories"], 18);
    assert_eq!(rows.last().unwrap()["codes"], 100);
    assert_eq!(rows.last().unwrap()["new_codes"], 0, "the 16th interview confirms saturation");
    assert_eq!(sat["last_new_category"], 4);
    let text = ok(&["report", s(&b), "saturation"]);
    assert!(text.contains("No new category after interview 4 of 16"), "{text}");
    assert!(text.contains("A claim of saturation can rest on categories (none new in the last 12), concepts (none new in the last 6) and codes (none new in the last interview)"), "{text}");
    assert_eq!(
        sat["last_new"]["relations"], 12,
        "4 of the 24 relations have a passage coded with both ends, the last first at interview 12"
    );
}

#[test]
fn retrieval_lists_a_codes_passages_with_speaker_case_and_context() {
    let b = sample("banking_ckm_crm");
    let r = json(&["report", s(&b), "retrieval", "--code", "\u{201c}a named person\u{201d}"]);
    let passages = r["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1);
    let p = &passages[0];
    assert_eq!(
        (p["document"].as_str(), p["speaker"].as_str(), p["case"].as_str()),
        (Some("Interview P07"), Some("P07"), Some("Bank staff"))
    );
    assert!(p["text"].as_str().unwrap().contains("gets a named person"));
    // A category gathers the passages of all its codes, in reading order.
    let cat = json(&["report", s(&b), "retrieval", "--category", "Customer satisfaction"]);
    assert_eq!(cat["passages"].as_array().unwrap().len(), 17);
    let csv = ok(&["report", s(&b), "retrieval", "--class", "consequences", "--format", "csv"]);
    assert_eq!(csv.lines().next().unwrap(), "document,case,speaker,code,coder,start,end,passage,before,after");
    let wrong = axial(&["report", s(&b), "retrieval", "--code", "Trsut"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("no code named"), "{}", wrong.stderr);
    let none = axial(&["report", s(&b), "retrieval"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("--code NAME"), "{}", none.stderr);
}

#[test]
fn cooccurrence_pairs_items_by_overlap_or_shared_turn() {
    let b = sample("banking_ckm_crm");
    let overlap = json(&["report", s(&b), "cooccurrence"]);
    assert_eq!((overlap["level"].as_str(), overlap["by"].as_str()), (Some("code"), Some("overlap")));
    let turn = json(&["report", s(&b), "cooccurrence", "--level", "category", "--by", "turn"]);
    let pairs = turn["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    let counts: Vec<u64> = pairs.iter().map(|p| p["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most frequent first");
    assert!(pairs.iter().all(|p| p["a"] != p["b"] && p["documents"].as_u64().unwrap() <= p["count"].as_u64().unwrap()));
}

/// The counting unit changes the counts as the study's definition says: on the CRM sample
/// the paper's 193 references are coded passages; fewer turns, fewer documents still.
#[test]
fn the_counting_unit_changes_the_cube_and_frequencies_and_says_so() {
    let c = sample("crm_knowledge_creation");
    let total = |unit: &str| json(&["report", s(&c), "cube", "--unit", unit])["totals"]["references"].as_u64().unwrap();
    let (passage, turn, document) = (total("passage"), total("turn"), total("document"));
    assert_eq!(passage, 193, "Table 6 counts every coded passage");
    assert!(document < turn && turn < passage, "{passage} > {turn} > {document}");
    assert_eq!(json(&["report", s(&c), "cube", "--unit", "turn"])["unit"], "turn");
    let f = json(&["report", s(&c), "frequencies", "--unit", "document"]);
    assert_eq!(f["unit"], "document");
    assert!(f["codes"].as_array().unwrap().iter().all(|c| c["references"] == c["documents"]), "once per document");
    let text = ok(&["report", s(&c), "cube", "--unit", "turn"]);
    assert!(text.contains("Counting unit: turn (each speaker turn once per code)"), "{text}");
}

#[test]
fn memos_are_listed_newest_first_and_found_by_their_words() {
    let b = sample("banking_ckm_crm");
    let all = json(&["report", s(&b), "memos"]);
    let rows = all["memos"].as_array().unwrap();
    assert_eq!(rows.len(), 27, "every memo of the sample (four of them on relations)");
    let modified: Vec<&str> = rows.iter().map(|r| r["modified"].as_str().unwrap()).collect();
    assert!(modified.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let found = json(&["report", s(&b), "memos", "--search", "word of mouth"]);
    let found = found["memos"].as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["on"], "category \u{201c}Customer satisfaction\u{201d}");
    let text = ok(&["report", s(&b), "memos", "--search", "word of mouth"]);
    assert!(text.starts_with("1 memo\n"), "{text}");
}

/// The theoretical sampling log written when importing: why the interviews were sought and the
/// category they were to develop, kept as document attributes and shown beside the saturation
/// report in every format; a project JSON brings its own and refuses the flags.
#[test]
fn a_sampling_log_written_when_importing_shows_beside_saturation() {
    let (dir, p) = new_project();
    let text = dir.path().join("Interview 1.txt");
    std::fs::write(&text, "Interviewer: Why?\n\nP1: Because the branch keeps no notes.\n").unwrap();
    ok(&[
        "import",
        s(&p),
        s(&text),
        "--sampled-because",
        "a branch without a CRM, to compare",
        "--to-develop",
        "Recording customer knowledge",
    ]);
    let sat = json(&["report", s(&p), "saturation"]);
    let row = &sat["interviews"][0];
    assert_eq!(row["sampled_because"], "a branch without a CRM, to compare");
    assert_eq!(row["to_develop"], "Recording customer knowledge");
    let csv = ok(&["report", s(&p), "saturation", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with("Sampled because,To develop"), "{header}");
    assert!(csv.contains("Recording customer knowledge"), "{csv}");
    // Written later, as an attribute, it shows the same way.
    ok(&["edit", s(&p), "document", "attribute", "Interview 1", "to develop", "Trust"]);
    assert_eq!(json(&["report", s(&p), "saturation"])["interviews"][0]["to_develop"], "Trust");
    // Without a log, the table has no such columns.
    let banking = ok(&["report", s(&sample("banking_ckm_crm")), "saturation", "--format", "csv"]);
    assert!(!banking.lines().next().unwrap().contains("Sampled because"));
    // A project JSON carries its documents' own attributes: the flags are refused, nothing changes.
    let r = axial(&["import", s(&p), s(&sample("banking_ckm_crm").join("project.json")), "--sampled-because", "x"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--sampled-because and --to-develop go with transcripts"), "{}", r.stderr);
}

/// `report frequencies` and `report cube` count from the project's outline and one pass over
/// the codings (issue 25); what they print is exactly what counting the whole model prints,
/// for every unit and rule, on both samples, in every format.
#[test]
fn counts_read_from_the_outline_print_what_the_whole_model_prints() {
    use axial_core::analysis::{cube, units};
    use axial_core::report::{self, cube::Layout};
    for name in ["banking_ckm_crm", "crm_knowledge_creation"] {
        let folder = sample(name);
        let whole = axial_core::project::open(&folder, axial_core::project::Access::Read).unwrap().load().unwrap();
        for (unit, unit_key) in
            [(units::Unit::Passage, "passage"), (units::Unit::Turn, "turn"), (units::Unit::Document, "document")]
        {
            for (rule, rule_key) in [(units::Rule::All, "all"), (units::Rule::Unprompted, "unprompted")] {
                let tallies = units::tallies(&whole, unit, rule, &mut units::TurnIndex::default());
                let counting = units::Counting { unit, rule };
                let c = cube::Cube { unit, rule, ..cube::cube_from(&whole, &tallies) };
                let layout = Layout::default_for(&c).unwrap();
                for (format, key) in
                    [(report::Format::Table, "table"), (report::Format::Csv, "csv"), (report::Format::Json, "json")]
                {
                    let args = ["--unit", unit_key, "--rule", rule_key, "--format", key];
                    let mut frequencies = vec!["report", s(&folder), "frequencies"];
                    frequencies.extend(args);
                    assert_eq!(
                        ok(&frequencies),
                        report::frequencies::render_in(&whole, &tallies, counting, format),
                        "{name} frequencies {args:?}"
                    );
                    let mut cube_args = vec!["report", s(&folder), "cube"];
                    cube_args.extend(args);
                    assert_eq!(
                        ok(&cube_args),
                        report::cube::table6(&c, &layout, format).unwrap(),
                        "{name} cube {args:?}"
                    );
                }
            }
        }
    }
}
