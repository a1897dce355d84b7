//! The CSV exports a thesis takes its tables from, through the real binary, read back as CSV
//! and checked against the CRM sample's counts.

mod common;
use common::*;

fn rows(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn crm() -> String {
    s(&sample("crm_knowledge_creation")).to_owned()
}

#[test]
fn codings_csv_has_every_coding_with_its_place_and_quote() {
    let (header, rows) = rows(&ok(&["export", &crm(), "--format", "codings-csv", "-o", "-"]));
    assert_eq!(
        header,
        ["document", "case", "code", "concept", "category", "class", "start", "end", "coder", "created", "quote"]
    );
    assert_eq!(rows.len(), 193, "the CRM sample's 193 references");
    assert!(rows.iter().all(|r| !r[10].is_empty() && r[6].parse::<usize>().unwrap() < r[7].parse::<usize>().unwrap()));
    assert!(rows.iter().all(|r| !r[4].is_empty()), "every code of the sample sits in a category");
}

#[test]
fn quotes_csv_is_the_retrieval_of_a_scope_and_needs_one() {
    let p = crm();
    let exported = ok(&["export", &p, "--format", "quotes-csv", "--category", "Operational CRM", "-o", "-"]);
    let reported = ok(&["report", &p, "retrieval", "--category", "Operational CRM", "--format", "csv"]);
    assert_eq!(exported, reported);
    let (header, all) = rows(&exported);
    assert_eq!(&header[..3], ["document", "case", "speaker"]);
    assert!(!all.is_empty());
    let run = axial(&["export", &p, "--format", "quotes-csv", "-o", "-"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("--code NAME, --concept NAME, --category NAME or --class KEY"), "{}", run.stderr);
    let run = axial(&["export", &p, "--format", "codings-csv", "--code", "x", "-o", "-"]);
    assert!(run.stderr.contains("apply to the quotes formats only"), "{}", run.stderr);
    // Filtered as in the retrieval view: by case, attribute value and coder.
    let health = ok(&[
        "export",
        &p,
        "--format",
        "quotes-csv",
        "--category",
        "Operational CRM",
        "--case",
        "Health organisation",
        "-o",
        "-",
    ]);
    let (_, kept) = rows(&health);
    assert!(!kept.is_empty() && kept.len() < all.len(), "{} of {}", kept.len(), all.len());
    assert!(kept.iter().all(|r| r[1] == "Health organisation"));
    assert_eq!(kept.len(), all.iter().filter(|r| r[1] == "Health organisation").count());
    let nobody =
        ok(&["export", &p, "--format", "quotes-csv", "--category", "Operational CRM", "--coder", "nobody", "-o", "-"]);
    assert!(rows(&nobody).1.is_empty());
    let run =
        axial(&["export", &p, "--format", "quotes-csv", "--class", "strategies", "--attribute", "role", "-o", "-"]);
    assert!(run.stderr.contains("give the attribute as KEY=VALUE"), "{}", run.stderr);
}

#[test]
fn frequencies_cooccurrence_and_saturation_export_as_their_reports() {
    let p = crm();
    for (format, report) in [
        ("frequencies-csv", vec!["report", &p, "frequencies", "--format", "csv"]),
        ("saturation-csv", vec!["report", &p, "saturation", "--format", "csv"]),
        ("cooccurrence-csv", vec!["report", &p, "cooccurrence", "--format", "csv"]),
    ] {
        let exported = ok(&["export", &p, "--format", format, "-o", "-"]);
        assert_eq!(exported, ok(&report), "{format}");
        let (header, rows) = rows(&exported);
        assert!(!header.is_empty(), "{format}");
        // The sample's codings never overlap, so its co-occurrence table has a header only.
        assert_eq!(rows.is_empty(), format == "cooccurrence-csv", "{format}");
    }
}
