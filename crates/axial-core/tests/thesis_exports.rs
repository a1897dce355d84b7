//! Thesis exports read back: the DOCX as a zip whose `word/document.xml` is parsed for its
//! tables and paragraphs, the Markdown by splitting its pipe rows, the HTML as XML; each
//! compared with the tables and passages it was made from, and counted against the bundled
//! samples.

use axial_core::analysis::retrieval::{Scope, details, passages};
use axial_core::analysis::units::TurnIndex;
use axial_core::model::*;
use axial_core::project::{self, Access};
use axial_core::report::document::{Block, Doc, to_docx, to_html, to_markdown};
use axial_core::report::{Table, thesis};
use std::collections::BTreeMap;
use std::io::Read as _;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn sample(name: &str) -> Project {
    let folder = format!("{}/../../sample_projects/{name}", env!("CARGO_MANIFEST_DIR"));
    project::open(std::path::Path::new(&folder), Access::Read).unwrap().load().unwrap()
}

/// The package's parts by name, after checking that every part the content types or the
/// relationships name is there and every part has a content type.
fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(f.name().unwrap().to_string(), String::from_utf8_lossy(&bytes).into_owned());
    }
    let types = roxmltree::Document::parse(&out["[Content_Types].xml"]).unwrap();
    let overrides: Vec<&str> = types.descendants().filter_map(|n| n.attribute("PartName")).collect();
    let defaults: Vec<&str> = types.descendants().filter_map(|n| n.attribute("Extension")).collect();
    for part in &overrides {
        assert!(out.contains_key(part.trim_start_matches('/')), "{part} is listed but missing");
    }
    for name in out.keys() {
        let ext = name.rsplit('.').next().unwrap();
        assert!(overrides.contains(&format!("/{name}").as_str()) || defaults.contains(&ext), "{name} has no type");
    }
    for (rels, base) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
        let xml = roxmltree::Document::parse(&out[rels]).unwrap();
        for target in xml.descendants().filter_map(|n| n.attribute("Target")) {
            assert!(out.contains_key(&format!("{base}{target}")), "{target} is related but missing");
        }
    }
    out
}

/// The text of a node: its `w:t`s, `w:br` as a newline.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter_map(|n| match n.tag_name().name() {
            "t" => n.text().map(str::to_owned),
            "br" => Some("\n".into()),
            _ => None,
        })
        .collect()
}

/// Every `w:tbl` of the document as rows of cell texts.
fn docx_tables(xml: &roxmltree::Document) -> Vec<Vec<Vec<String>>> {
    fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, tag: &'static str) -> Vec<roxmltree::Node<'a, 'i>> {
        n.children().filter(|c| c.has_tag_name((W, tag))).collect()
    }
    xml.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|tbl| {
            children(tbl, "tr").into_iter().map(|tr| children(tr, "tc").into_iter().map(text_of).collect()).collect()
        })
        .collect()
}

/// The paragraphs of one style, as text, in order.
fn styled(xml: &roxmltree::Document, style: &str) -> Vec<String> {
    xml.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter(|p| p.descendants().any(|n| n.has_tag_name((W, "pStyle")) && n.attribute((W, "val")) == Some(style)))
        .map(text_of)
        .collect()
}

fn header_and_rows(t: &Table) -> Vec<Vec<String>> {
    std::iter::once(t.header.clone()).chain(t.rows.iter().cloned()).collect()
}

/// The cells of a pipe row, unescaped (`\x` to `x`, `<br>` to a newline).
fn pipe_cells(row: &str) -> Vec<String> {
    let inner = row.trim().strip_prefix('|').and_then(|r| r.strip_suffix('|')).unwrap();
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().replace("<br>", "\n")).collect()
}

/// Every pipe table of a Markdown text as rows of cells, the delimiter row left out.
fn markdown_tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let mut inside = false;
    for line in md.lines() {
        if line.starts_with("| ") {
            if !inside {
                out.push(Vec::new());
            }
            inside = true;
            let cells = pipe_cells(line);
            if !cells.iter().all(|c| c == "---" || c == "---:") {
                out.last_mut().unwrap().push(cells);
            }
        } else {
            inside = false;
        }
    }
    out
}

fn doc_tables(d: &Doc) -> Vec<Vec<Vec<String>>> {
    d.tables().map(header_and_rows).collect()
}

#[test]
fn the_model_reads_back_from_docx_markdown_and_csv_with_every_code_and_definition() {
    let p = sample("banking_ckm_crm");
    let t = thesis::model_table(&p);
    let code_rows: Vec<&Vec<String>> = t.rows.iter().filter(|r| !r[3].is_empty()).collect();
    assert_eq!(code_rows.len(), 100, "one row per code");
    let references: usize = code_rows.iter().map(|r| r[5].parse::<usize>().unwrap()).sum();
    assert_eq!(references, 258, "every coding is counted once");
    for r in &code_rows {
        let code = p.code_named(&r[3]).unwrap();
        assert_eq!(r[4], code.definition.trim(), "{}", r[3]);
        assert!(!r[4].is_empty());
    }
    let placed =
        t.rows.iter().filter(|r| r[0] == "Causal conditions").map(|r| &r[1]).collect::<std::collections::BTreeSet<_>>();
    assert_eq!(placed.len(), 3, "the banking study's three causal conditions");

    let d = thesis::model(&p);
    let want = doc_tables(&d);
    assert_eq!(want.len(), 2, "the codebook, then the relations with what grounds them");
    assert_eq!(want[0].len(), t.rows.len() + 1);
    // The relations: all 24; the 21 with evidence (4 also with turns coded with both ends),
    // each with an example; the other 3 "none yet".
    let relations = &want[1];
    assert_eq!(relations.len(), 24 + 1);
    let grounded: Vec<&Vec<String>> = relations[1..].iter().filter(|r| r[3] != "0" || r[4] != "0").collect();
    assert_eq!(grounded.len(), 21);
    assert_eq!(relations[1..].iter().filter(|r| r[4] != "0").count(), 4);
    assert!(grounded.iter().all(|r| r[6].starts_with('\u{201c}') && r[6].ends_with(')')), "{grounded:?}");
    assert!(relations[1..].iter().filter(|r| r[3] == "0" && r[4] == "0").all(|r| r[6] == "none yet"));
    assert_eq!(d.quotes(), 34, "every evidence passage quoted under its relation");
    let files = parts(&to_docx(&d));
    let xml = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    assert_eq!(docx_tables(&xml), want, "the DOCX table is the model table, cell for cell");
    assert!(files["word/document.xml"].contains("w:orient=\"landscape\""), "a codebook with definitions is landscape");
    assert!(files["docProps/core.xml"].contains("Category model of Customer knowledge management"));
    assert_eq!(markdown_tables(&to_markdown(&d)), want, "the Markdown table too");

    let csv = thesis::model_csv(&p);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), t.header);
    let records: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(records, t.rows);
}

#[test]
fn the_cube_document_has_tables_6_to_8_with_the_papers_counts_and_shaded_levels() {
    let p = sample("crm_knowledge_creation");
    let d = thesis::cube(&p);
    let want = doc_tables(&d);
    assert_eq!(want.len(), 1 + 3 + (4 + 1) + (3 + 1) + (3 + 1));
    assert_eq!(want[0].last().unwrap().last().map(String::as_str), Some("193"), "Table 6's grand total");
    let t7a = &want[1];
    let row = t7a.iter().find(|r| r[0] == "Collaborative").unwrap();
    let col = t7a[0].iter().position(|h| h == "Externalization").unwrap();
    assert_eq!(row[col], "47", "Table 7's collaborative externalization");

    let files = parts(&to_docx(&d));
    let document = &files["word/document.xml"];
    let xml = roxmltree::Document::parse(document).unwrap();
    assert_eq!(docx_tables(&xml), want);
    let headers = xml.descendants().filter(|n| n.has_tag_name((W, "tblHeader"))).count();
    assert_eq!(headers, want.len(), "every table's header row repeats on a new page");
    // Each three-way cell is in three panels of Table 8; High is 17 or more.
    let cube = axial_core::analysis::cube::cube(&p);
    let high = cube.cells.values().filter(|n| **n >= 17).count();
    assert!(high > 0);
    assert_eq!(document.matches("w:fill=\"E06666\"").count(), 3 * high);
    let notes = styled(&xml, "TableNote");
    assert!(notes.iter().filter(|n| n.starts_with("Counting unit: coded references")).count() >= 7);
    assert_eq!(markdown_tables(&to_markdown(&d)), want);

    let banking = sample("banking_ckm_crm");
    let unassigned = axial_core::analysis::cube::cube(&banking).unassigned;
    let d = thesis::cube(&banking);
    let note = d.blocks.iter().find_map(|b| match b {
        Block::Table { note: Some(n), .. } => Some(n.clone()),
        _ => None,
    });
    assert!(unassigned > 0 && note.unwrap().contains(&format!("{unassigned} coded references")));
}

#[test]
fn quotes_read_back_as_block_quotes_with_their_sources_grouped_by_code() {
    let p = sample("crm_knowledge_creation");
    let category = p.categories().max_by_key(|c| p.tallies().category(c.id).references).unwrap();
    let scope = Scope::Category(category.id);
    let read = details(&p, &passages(&p, scope), &mut TurnIndex::default());
    assert_eq!(read.len(), p.tallies().category(category.id).references);
    let d = thesis::quotes(&p, &scope.describe(&p), &read);
    let files = parts(&to_docx(&d));
    let xml = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let sources = styled(&xml, "QuoteSource");
    assert_eq!(sources.len(), read.len(), "one source line per passage");
    let codes: std::collections::BTreeSet<CodeId> = read.iter().map(|pa| pa.code).collect();
    let headings = styled(&xml, "Heading1");
    assert_eq!(headings.len(), codes.len(), "a heading per code");
    // Within a code, reading order; every source names its document, speaker and position.
    for pa in &read {
        let line = format!("\u{2014} {}", thesis::source_line(&p, pa));
        assert!(sources.contains(&line), "{line}");
        let case = pa.case.as_deref().unwrap();
        assert!(line.starts_with(&format!("\u{2014} {} ({case}), ", pa.title)), "{line}");
        assert!(line.contains(&format!("{}\u{2013}{}, code: ", pa.start, pa.end)));
    }
    let quoted: String = styled(&xml, "Quote").join(" ");
    assert!(read.iter().all(|pa| quoted.contains(pa.text.split_whitespace().next().unwrap())));

    let md = to_markdown(&d);
    assert_eq!(md.lines().filter(|l| l.starts_with("> \u{2014} ")).count(), read.len());
    assert_eq!(md.lines().filter(|l| l.starts_with("## ")).count(), codes.len());
}

#[test]
fn the_html_appendix_holds_every_category_and_quotes_every_categorised_passage() {
    for name in ["crm_knowledge_creation", "banking_ckm_crm"] {
        let p = sample(name);
        let figure = axial_core::report::diagram::svg(&p);
        let html = to_html(&thesis::report(&p, &figure, None));
        let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        let xml = roxmltree::Document::parse_with_options(&html, opts).expect("the page reads as XML");
        let elements = |tag: &str| xml.descendants().filter(|n| n.has_tag_name(tag)).collect::<Vec<_>>();
        let categorised = p.codings().filter(|c| p.placement(c.code).category.is_some()).count();
        let evidence = p.depth().evidence().count();
        assert_eq!(
            elements("blockquote").len(),
            categorised + evidence,
            "{name}: every categorised coding is quoted once, and every relation's evidence passage"
        );
        let h3: Vec<String> = elements("h3").iter().map(|n| n.text().unwrap_or("").to_owned()).collect();
        for c in p.categories() {
            assert!(h3.contains(&c.name), "{name}: {} has its section", c.name);
        }
        assert_eq!(elements("svg").len(), 1, "the figure, inlined");
        assert!(elements("script").is_empty() && elements("link").is_empty() && elements("img").is_empty());
        let ids: Vec<&str> = xml.descendants().filter_map(|n| n.attribute("id")).collect();
        for href in elements("a").iter().filter_map(|a| a.attribute("href")) {
            assert!(ids.contains(&href.trim_start_matches('#')), "{name}: {href} leads somewhere");
        }
        let tables = elements("table").len();
        let relations = usize::from(p.relations().len() > 0);
        assert_eq!(
            tables,
            1 + relations + 17 + 1 + 1,
            "{name}: codebook, relations (if any), Tables 6-8, frequencies, saturation"
        );
        assert!(html.contains("<meta charset=\"utf-8\"/>"));
    }
}

/// The appendix of a project at the size the design names (600 documents, 200,000 codings)
/// is built and written in a few seconds. Run with `--release --ignored`: the synthetic project
/// itself takes a while to generate.
#[test]
#[ignore]
fn the_appendix_of_a_large_project_is_made_in_seconds() {
    use axial_core::synth::{SynthSpec, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.axial");
    generate(&path, &SynthSpec::large(), |_, _| {}).unwrap();
    let p = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let started = std::time::Instant::now();
    let d = thesis::report(&p, "", None);
    let built = started.elapsed();
    let html = to_html(&d);
    let total = started.elapsed();
    eprintln!("report built in {built:?}, HTML ({} MB) in {total:?}", html.len() / 1_000_000);
    let categorised = p.codings().filter(|c| p.placement(c.code).category.is_some()).count();
    assert_eq!(d.quotes(), categorised);
    assert!(total.as_secs_f64() < 10.0, "{total:?}");
}
