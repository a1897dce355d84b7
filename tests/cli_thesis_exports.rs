//! `axial export` of the thesis outputs, each read back: the category model table (CSV,
//! Markdown, Word), the cube's tables, quotes, the figure and the saturation curve, checked
//! against the samples' counts.

mod common;

use common::{axial, ok, s, sample};
use std::io::Read;
use std::path::{Path, PathBuf};

fn crm() -> String {
    sample("crm_knowledge_creation").to_str().unwrap().to_owned()
}

fn load(path: &str) -> axial_core::model::Project {
    axial_core::project::open(Path::new(path), axial_core::project::Access::Read).unwrap().load().unwrap()
}

/// Exports `args` to a file in `dir` and returns its path.
fn export_to(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", s(&out)]);
    ok(&all);
    out
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The tables of a Word document: rows of cell texts (a cell's paragraphs joined by a space).
fn docx_tables(path: &Path) -> Vec<Vec<Vec<String>>> {
    let xml = docx_part(path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed WordprocessingML");
    let text = |n: roxmltree::Node| -> String {
        n.descendants()
            .filter(|p| p.tag_name().name() == "p")
            .map(|p| {
                p.descendants().filter(|t| t.tag_name().name() == "t").filter_map(|t| t.text()).collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .map(|tbl| {
            tbl.children()
                .filter(|r| r.tag_name().name() == "tr")
                .map(|r| r.children().filter(|c| c.tag_name().name() == "tc").map(text).collect())
                .collect()
        })
        .collect()
}

/// The text of a Word document's paragraphs, a space between paragraphs.
fn docx_text(path: &Path) -> String {
    let xml = docx_part(path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed WordprocessingML");
    doc.descendants()
        .filter(|p| p.tag_name().name() == "p")
        .map(|p| p.descendants().filter(|t| t.tag_name().name() == "t").filter_map(|t| t.text()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn docx_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("{name} is in the package")).read_to_string(&mut xml).unwrap();
    xml
}

/// The rows of the Markdown pipe tables (header and body, the rule left out), cells trimmed.
fn markdown_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---") && !l.starts_with("|---"))
        .map(|l| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            // A `|` inside a cell is escaped.
            inner.replace("\\|", "\u{0}").split('|').map(|c| c.trim().replace('\u{0}', "|")).collect()
        })
        .collect()
}

#[test]
fn the_category_model_table_has_a_row_per_code_with_its_definition_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = crm();
    let project = load(&p);
    let csv_text = std::fs::read_to_string(export_to(dir.path(), "model.csv", &[&p, "--format", "model-csv"])).unwrap();
    let rows = csv_rows(&csv_text);
    assert_eq!(rows[0][..5], ["Class", "Category", "Concept", "Code", "Definition"]);
    let body = &rows[1..];
    assert_eq!(body.len(), project.codes().count(), "a row per code");
    for code in project.codes() {
        let row = body.iter().find(|r| r[3] == code.name).unwrap_or_else(|| panic!("a row for {}", code.name));
        assert_eq!(row[4], code.definition, "{}'s definition", code.name);
    }
    let references: usize = body.iter().map(|r| r[5].parse::<usize>().unwrap()).sum();
    assert_eq!(references, 193, "the CRM sample's references");

    let word = export_to(dir.path(), "model.docx", &[&p, "--format", "model-docx"]);
    let tables = docx_tables(&word);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].len(), rows.len(), "the Word table has the CSV's rows");
    for (w, c) in tables[0].iter().zip(&rows) {
        assert_eq!(w.len(), c.len());
        assert_eq!(w[3], c[3]);
        assert_eq!(w[5], c[5]);
    }
    let document = docx_part(&word, "word/document.xml");
    assert!(document.contains("<w:tblHeader"), "the header row repeats on every page");
    let types = docx_part(&word, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));

    let md = std::fs::read_to_string(export_to(dir.path(), "model.md", &[&p, "--format", "model-md"])).unwrap();
    let md_rows = markdown_rows(&md);
    assert_eq!(md_rows.len(), rows.len(), "the Markdown table has the CSV's rows");
    assert!(md_rows.iter().all(|r| r.len() == 7), "every row has seven cells");
}

#[test]
fn the_cube_tables_state_their_unit_and_match_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let p = crm();
    for (table, view) in [("6", "table6"), ("7", "table7"), ("8", "table8")] {
        let file = export_to(dir.path(), &format!("t{table}.csv"), &[&p, "--format", "cube-csv", "--table", table]);
        let report = ok(&["report", &p, "cube", "--view", view, "--format", "csv"]);
        assert_eq!(std::fs::read_to_string(file).unwrap(), report, "Table {table} as the report writes it");
    }
    let word = export_to(dir.path(), "cube.docx", &[&p, "--format", "cube-docx"]);
    let tables = docx_tables(&word);
    assert!(tables.len() >= 5, "Table 6, the three parts of Table 7 and Table 8: {}", tables.len());
    let six = &tables[0];
    let total = six.last().unwrap();
    assert_eq!(total.last().unwrap(), "193", "Table 6's grand total");
    let document = docx_part(&word, "word/document.xml");
    assert!(document.contains("Counting unit"), "the unit is stated");
    let md = std::fs::read_to_string(export_to(dir.path(), "cube.md", &[&p, "--format", "cube-md"])).unwrap();
    for heading in ["Table 6", "Table 7", "Table 8", "Counting unit"] {
        assert!(md.contains(heading), "{heading}");
    }
    assert_eq!(markdown_rows(&md)[..six.len()].last().unwrap().last().unwrap(), "193");
}

#[test]
fn quotes_as_markdown_and_word_quote_every_passage_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let p = crm();
    let scope = ["--category", "Operational CRM"];
    let csv_text = ok(&["export", &p, "--format", "quotes-csv", scope[0], scope[1], "-o", "-"]);
    let passages = &csv_rows(&csv_text)[1..];
    assert!(passages.len() > 10);
    let md = std::fs::read_to_string(export_to(dir.path(), "q.md", &[&p, "--format", "quotes-md", scope[0], scope[1]]))
        .unwrap();
    let word = export_to(dir.path(), "q.docx", &[&p, "--format", "quotes-docx", scope[0], scope[1]]);
    let paragraphs = docx_text(&word);
    let folded = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let (md, paragraphs) = (folded(&md), folded(&paragraphs));
    for row in passages {
        let (document, start, end, text) = (&row[0], &row[5], &row[6], &row[7]);
        let words: String = text.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
        assert!(md.contains(&words), "Markdown quotes {words:?}");
        assert!(
            md.contains(&format!("{start}\u{2013}{end}")),
            "Markdown gives the position {start}–{end} of {document}"
        );
        assert!(paragraphs.contains(&words), "Word quotes {words:?}");
    }
    // Filtered by case, fewer.
    let health =
        ok(&["export", &p, "--format", "quotes-md", scope[0], scope[1], "--case", "Health organisation", "-o", "-"]);
    assert!(health.contains("Health organisation"));
    assert!(health.len() < md.len());
}

#[test]
fn the_figure_names_every_placed_category_in_full_and_the_curve_every_interview() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample("banking_ckm_crm");
    let project = load(s(&p));
    let svg = std::fs::read_to_string(export_to(dir.path(), "f.svg", &[s(&p), "--format", "svg"])).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let cards: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("card"))
        .map(|card| {
            // The name's lines, joined by a space (without one where a long word was broken).
            let name = card.descendants().find(|n| n.attribute("class") == Some("name")).expect("a name");
            let mut full = String::new();
            for line in name.children().filter(|n| n.has_tag_name("tspan")) {
                if !full.is_empty() && line.attribute("class") != Some("joined") {
                    full.push(' ');
                }
                full.push_str(line.text().unwrap_or_default());
            }
            full
        })
        .collect();
    let placed: Vec<&str> = project.categories().filter(|c| c.class.is_some()).map(|c| c.name.as_str()).collect();
    assert_eq!(cards.len(), placed.len(), "a card per placed category");
    for name in placed {
        assert!(cards.iter().any(|c| c == name), "the figure names {name:?} in full: {cards:?}");
    }
    let pdf = std::fs::read(export_to(dir.path(), "f.pdf", &[s(&p), "--format", "pdf"])).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.trim_ascii_end().ends_with(b"%%EOF"));
    let png = std::fs::read(export_to(dir.path(), "f.png", &[s(&p), "--format", "png"])).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!(info.width, 1890, "16 cm at 300 dpi");

    let curve =
        std::fs::read_to_string(export_to(dir.path(), "s.svg", &[s(&p), "--format", "saturation-svg"])).unwrap();
    let doc = roxmltree::Document::parse(&curve).expect("well-formed SVG");
    let lines: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("total")).collect();
    assert_eq!(lines.len(), 4, "codes, concepts, categories, relations grounded");
    for line in lines {
        assert_eq!(line.attribute("points").unwrap().split(' ').count(), project.documents().len());
    }
}

#[test]
fn binary_formats_need_a_file_and_options_belong_to_their_formats() {
    let p = crm();
    for format in
        ["png", "pdf", "model-docx", "cube-docx", "frequencies-docx", "saturation-docx", "saturation-png", "qdpx"]
    {
        let run = axial(&["export", &p, "--format", format, "-o", "-"]);
        assert_ne!(run.code, 0, "{format}");
        assert!(run.stderr.contains("give a file name"), "{format}: {}", run.stderr);
    }
    let run = axial(&["export", &p, "--format", "model-csv", "--table", "7", "-o", "-"]);
    assert!(run.stderr.contains("--table applies to --format cube-csv only"), "{}", run.stderr);
    let run = axial(&["export", &p, "--format", "model-md", "--category", "Operational CRM", "-o", "-"]);
    assert!(run.stderr.contains("apply to the quotes formats only"), "{}", run.stderr);
}

#[test]
fn frequencies_cooccurrence_and_saturation_are_word_and_markdown_tables_too() {
    let dir = tempfile::tempdir().unwrap();
    let p = crm();
    for (name, report) in [("frequencies", "frequencies"), ("saturation", "saturation")] {
        let csv_rows_of = csv_rows(&ok(&["report", &p, report, "--format", "csv"]));
        let word = export_to(dir.path(), &format!("{name}.docx"), &[&p, "--format", &format!("{name}-docx")]);
        let tables = docx_tables(&word);
        assert_eq!(tables.len(), 1, "{name}");
        assert_eq!(tables[0].len(), csv_rows_of.len(), "{name}: the report's rows");
        let md = std::fs::read_to_string(export_to(
            dir.path(),
            &format!("{name}.md"),
            &[&p, "--format", &format!("{name}-md")],
        ))
        .unwrap();
        assert_eq!(markdown_rows(&md).len(), csv_rows_of.len(), "{name}: the report's rows in Markdown");
    }
    // Saturation in Word carries its curve as a picture.
    let word = dir.path().join("saturation.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&word).unwrap()).unwrap();
    assert!(
        (0..zip.len()).any(|i| zip.by_index(i).unwrap().name().unwrap().starts_with("word/media/")),
        "the curve is embedded"
    );
    let word = export_to(dir.path(), "co.docx", &[&p, "--format", "cooccurrence-docx"]);
    assert!(docx_text(&word).contains("overlap"), "co-occurrence says what it pairs");
}
