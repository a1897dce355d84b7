use super::*;
use std::collections::BTreeMap;
use std::io::Read as _;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Every entry of the package by name.
pub(crate) fn entries(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().expect("a UTF-8 entry name").to_string(), bytes)
        })
        .collect()
}

/// The text of a paragraph or cell: its `w:t`s, `w:br` as a newline, `w:tab` as a tab.
pub(crate) fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter_map(|n| match n.tag_name().name() {
            "t" => n.text().map(str::to_owned),
            "br" => Some("\n".into()),
            "tab" => Some("\t".into()),
            _ => None,
        })
        .collect()
}

/// Every table of `word/document.xml` as rows of cell texts.
pub(crate) fn tables(document_xml: &str) -> Vec<Vec<Vec<String>>> {
    let xml = roxmltree::Document::parse(document_xml).expect("document.xml is XML");
    xml.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|tbl| {
            tbl.children()
                .filter(|n| n.has_tag_name((W, "tr")))
                .map(|tr| tr.children().filter(|n| n.has_tag_name((W, "tc"))).map(text_of).collect())
                .collect()
        })
        .collect()
}

/// Checks the package holds every part its content types and relationships name, and that every
/// part has a content type; returns the entries.
pub(crate) fn checked_package(docx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let parts = entries(docx);
    let text = |name: &str| String::from_utf8(parts[name].clone()).unwrap();
    let types = text("[Content_Types].xml");
    let types = roxmltree::Document::parse(&types).unwrap();
    let defaults: Vec<&str> =
        types.descendants().filter(|n| n.has_tag_name("Default")).filter_map(|n| n.attribute("Extension")).collect();
    let overrides: Vec<&str> =
        types.descendants().filter(|n| n.has_tag_name("Override")).filter_map(|n| n.attribute("PartName")).collect();
    for part in &overrides {
        assert!(parts.contains_key(part.trim_start_matches('/')), "{part} is listed and present");
    }
    for name in parts.keys() {
        let ext = name.rsplit('.').next().unwrap_or("");
        assert!(
            overrides.contains(&format!("/{name}").as_str()) || defaults.contains(&ext),
            "{name} has a content type"
        );
        if name.ends_with(".xml") || name.ends_with(".rels") {
            roxmltree::Document::parse(&text(name)).unwrap_or_else(|e| panic!("{name} is XML: {e}"));
        }
    }
    for (rels, base) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
        let rels = text(rels);
        for r in roxmltree::Document::parse(&rels).unwrap().descendants().filter(|n| n.has_tag_name("Relationship")) {
            let target = format!("{base}{}", r.attribute("Target").unwrap());
            assert!(parts.contains_key(&target), "{target} is related and present");
        }
    }
    parts
}

fn sample_doc() -> (Doc, Table) {
    let mut t = Table::new(["Code", "Definition", "References"]);
    t.row(["Web | phone", "Line one\nline two", "12"]);
    t.row(["<Trust> & \"care\"", "", "3"]);
    t.total_row(["Total", "", "15"]);
    let mut d = Doc::new("Category model \u{2014} “Banks”");
    d.blocks.push(Block::Contents);
    d.section(1, "Codebook", "codebook");
    d.table("Codes", t.clone(), Some("Counting unit: coded passages.".into()));
    d.quote("We trusted\nthe bank.\n\nSecond paragraph.", "Interview 3 (Case B), Ann, 1204\u{2013}1290, code: Trust");
    (d, t)
}

#[test]
fn the_package_is_complete_and_its_table_reads_back_cell_for_cell() {
    let (d, t) = sample_doc();
    let parts = checked_package(&to_docx(&d));
    for part in ["word/document.xml", "word/styles.xml", "docProps/core.xml", "_rels/.rels"] {
        assert!(parts.contains_key(part), "{part}");
    }
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let got = tables(&xml);
    assert_eq!(got.len(), 1);
    let want: Vec<Vec<String>> = std::iter::once(t.header.clone()).chain(t.rows.clone()).collect();
    assert_eq!(got[0], want);
    let core = String::from_utf8(parts["docProps/core.xml"].clone()).unwrap();
    let core = roxmltree::Document::parse(&core).unwrap();
    let title = core.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text());
    assert_eq!(title, Some(d.title.as_str()));
}

#[test]
fn the_header_repeats_numbers_align_right_and_quotes_and_headings_are_styled() {
    let (d, _) = sample_doc();
    let parts = entries(&to_docx(&d));
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rows: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((W, "tr"))).collect();
    let header = |tr: &roxmltree::Node| tr.descendants().any(|n| n.has_tag_name((W, "tblHeader")));
    assert_eq!(rows.iter().map(header).collect::<Vec<_>>(), [true, false, false, false]);
    let right = |tr: &roxmltree::Node| {
        tr.descendants()
            .filter(|n| n.has_tag_name((W, "tc")))
            .map(|tc| tc.descendants().any(|n| n.has_tag_name((W, "jc")) && n.attribute((W, "val")) == Some("right")))
            .collect::<Vec<_>>()
    };
    assert_eq!(right(&rows[1]), [false, false, true], "the references column is numeric");
    let styles: Vec<(&str, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter_map(|p| {
            let style = p.descendants().find(|n| n.has_tag_name((W, "pStyle")))?.attribute((W, "val"))?;
            (style != "TableText").then(|| (style, text_of(p)))
        })
        .collect();
    assert_eq!(
        styles,
        [
            ("Title", d.title.clone()),
            ("TOCHeading", "Contents".into()),
            ("TOC1", "Codebook".into()),
            ("Heading1", "Codebook".into()),
            ("Caption", "Codes".into()),
            ("TableNote", "Counting unit: coded passages.".into()),
            ("Quote", "We trusted\nthe bank.".into()),
            ("Quote", "Second paragraph.".into()),
            ("QuoteSource", "\u{2014} Interview 3 (Case B), Ann, 1204\u{2013}1290, code: Trust".into()),
        ]
    );
    let styles_xml = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    let styles_doc = roxmltree::Document::parse(&styles_xml).unwrap();
    let defined: Vec<&str> = styles_doc.descendants().filter_map(|n| n.attribute((W, "styleId"))).collect();
    for (used, _) in &styles {
        assert!(defined.contains(used), "{used} is defined");
    }
    assert!(defined.contains(&"AxialTable") && styles_xml.contains("insideV"), "a bordered table style");
}

#[test]
fn a_figure_is_embedded_as_a_png_the_document_relates_to() {
    let mut d = Doc::new("F");
    d.figure(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\"><rect width=\"200\" height=\"100\" fill=\"#c00\"/></svg>",
        "Figure 1. The paradigm model",
    );
    d.figure("not an svg", "Figure 2. Broken");
    let parts = checked_package(&to_docx(&d));
    assert!(parts["word/media/figure1.png"].starts_with(b"\x89PNG"));
    assert!(!parts.contains_key("word/media/figure2.png"));
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    assert!(xml.contains("r:embed=\"rIdImg1\""));
    // 200 SVG units at 15 twips each.
    assert!(xml.contains(&format!("cx=\"{}\"", 200 * 15 * 635)), "{xml}");
    assert!(xml.contains("Figure 2. Broken (figure exported separately as SVG)"));
}

#[test]
fn columns_fill_the_text_width_and_a_long_column_gets_the_room() {
    let mut t = Table::new(["Code", "Definition", "References"]);
    t.row(["Trust", &"a long definition that wraps ".repeat(10), "3"]);
    let w = column_widths(&t, TEXT_WIDTH);
    assert!(w.iter().sum::<u32>() <= TEXT_WIDTH && w.iter().sum::<u32>() > TEXT_WIDTH - 10, "{w:?}");
    assert!(w[1] > w[0] + w[2], "{w:?}");
    assert!(w[2] >= 10 * 100, "the header word fits: {w:?}");
}
