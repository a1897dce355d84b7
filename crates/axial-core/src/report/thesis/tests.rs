use super::*;
use crate::analysis::retrieval::{Scope, details, passages};
use crate::analysis::units::TurnIndex;
use crate::report::document::Block;

/// Two categories (one placed, with a concept of two codes; one unplaced and empty), a loose
/// code, and codings of both grouped codes interleaved in one document.
fn project() -> Project {
    let mut p = Project::new("Study", Framework::seci_crm_knowledge());
    p.apply_change(Change::Category(Category {
        id: CategoryId(1),
        name: "Trust".into(),
        class: Some(ParadigmClass::Phenomenon),
    }));
    p.apply_change(Change::Category(Category { id: CategoryId(2), name: "Empty".into(), class: None }));
    p.apply_change(Change::Concept(Concept {
        id: ConceptId(1),
        name: "Reliance".into(),
        category: Some(CategoryId(1)),
    }));
    for (id, name, concept, definition) in [
        (1, "Keeps promises", Some(ConceptId(1)), "The bank does | what it says.\nAlways."),
        (2, "Doubts", Some(ConceptId(1)), ""),
        (3, "Loose", None, "Not yet grouped"),
    ] {
        p.apply_change(Change::Code(Code {
            id: CodeId(id),
            name: name.into(),
            color: "#000000".into(),
            definition: definition.into(),
            concept,
        }));
    }
    p.apply_change(Change::Case(Case { id: CaseId(1), name: "Bank A".into(), attributes: Default::default() }));
    let text = "Interviewer: Why?\n\nAnn: They kept every promise. But I doubt them now. Loose words.";
    let mut doc = Document::new(DocumentId(1), "Interview 1", text);
    doc.case = Some(CaseId(1));
    p.apply_change(Change::DocumentAdded(doc));
    let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
    for (id, code, s, len) in
        [(1, 2, "But I", 20), (2, 1, "They kept", 23), (3, 1, "every promise", 13), (4, 3, "Loose", 5)]
    {
        p.apply_change(Change::Coding(Coding {
            id: CodingId(id),
            document: DocumentId(1),
            code: CodeId(code),
            start: at(s),
            end: at(s) + len,
            coder: "a".into(),
            created: "t".into(),
        }));
    }
    p
}

#[test]
fn the_model_table_has_a_row_per_code_with_its_definition_and_empty_items_and_loose_codes_last() {
    let p = project();
    let t = model_table(&p);
    let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    assert_eq!(
        rows,
        [
            vec![
                "Phenomenon",
                "Trust",
                "Reliance",
                "Keeps promises",
                "The bank does | what it says.\nAlways.",
                "2",
                "1"
            ],
            vec!["Phenomenon", "Trust", "Reliance", "Doubts", "", "1", "1"],
            vec!["", "Empty", "", "", "", "0", "0"],
            vec!["", "", "", "Loose", "Not yet grouped", "1", "1"],
        ]
    );
    let g = grouped(&t, 3);
    assert_eq!(g.rows[1][..4], ["", "", "", "Doubts"], "repeats are left empty");
    assert_eq!(g.rows[3][..4], ["", "", "", "Loose"]);
    let csv = model_csv(&p);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(r.records().count(), 4);
}

#[test]
fn a_cube_without_three_dimensions_is_said_and_one_with_them_has_tables_6_to_8() {
    let mut p = project();
    let flat = Project::new("Flat", Framework::default());
    let d = cube(&flat);
    assert_eq!(d.tables().count(), 0);
    assert!(matches!(&d.blocks[..], [Block::Paragraph(s)] if s.contains("0 dimensions")), "{:?}", d.blocks);
    for (dimension, value) in [("seci", "socialization"), ("crm", "operational"), ("knowledge", "about")] {
        p.apply_change(Change::Facet {
            owner: FacetOwner::Category(CategoryId(1)),
            dimension: dimension.into(),
            value: Some(value.into()),
        });
    }
    let d = cube(&p);
    // Table 6, the three of Table 7, and Table 8's panels: 4 + 1, 3 + 1, 3 + 1.
    assert_eq!(d.tables().count(), 1 + 3 + 5 + 4 + 4);
    let t6 = d.tables().next().unwrap();
    assert_eq!(t6.rows.last().unwrap().last().map(String::as_str), Some("3"), "the grand total");
    let notes: Vec<&str> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { note: Some(n), .. } => Some(n.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1 + 3 + 3);
    assert!(notes.iter().all(|n| n.starts_with("Counting unit: coded references") && n.contains("1 coded reference")));
}

#[test]
fn quotes_of_several_codes_are_grouped_by_code_in_codebook_order_and_keep_reading_order() {
    let p = project();
    let read = details(&p, &passages(&p, Scope::Category(CategoryId(1))), &mut TurnIndex::default());
    assert_eq!(read.iter().map(|pa| pa.code.0).collect::<Vec<_>>(), [1, 1, 2], "reading order");
    let d = quotes(&p, "category \u{201c}Trust\u{201d}", &read);
    let shape: Vec<String> = d
        .blocks
        .iter()
        .skip(1)
        .map(|b| match b {
            Block::Heading { text, .. } => format!("# {text}"),
            Block::Quote { text, .. } => text.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        shape,
        [
            "# Keeps promises (2 passages)",
            "They kept every promise",
            "every promise",
            "# Doubts (1 passage)",
            "But I doubt them now"
        ]
    );
    let Block::Quote { source, .. } = &d.blocks[2] else { unreachable!() };
    let start = read[0].start;
    assert_eq!(source, &format!("Interview 1 (Bank A), Ann, {start}\u{2013}{}, code: Keeps promises", start + 23));
    let one = quotes_of(&p, Scope::Code(CodeId(3)));
    assert!(!one.blocks.iter().any(|b| matches!(b, Block::Heading { .. })), "one code: no headings");
    assert_eq!(one.quotes(), 1);
}

#[test]
fn the_appendix_quotes_every_category_and_links_its_sections() {
    let p = project();
    let d = report(&p, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>", None);
    assert_eq!(d.quotes(), 3, "the three codings under a category; the loose code is not in one");
    let anchors: Vec<&str> = d.contents().into_iter().map(|(_, _, a)| a).collect();
    for a in
        ["codebook", "paradigm-model", "cube", "frequencies", "saturation", "quotations", "category-1", "category-2"]
    {
        assert!(anchors.contains(&a), "{a} in {anchors:?}");
    }
    assert!(d.blocks.iter().any(|b| matches!(b, Block::Paragraph(s) if s == "No passage is coded here yet.")));
    assert_eq!(d.blocks.iter().filter(|b| matches!(b, Block::Figure { .. })).count(), 1);
    let freq = frequencies_table(&p);
    assert_eq!(freq.rows.last().unwrap()[3], "4");
    assert!(freq.is_total(freq.rows.len() - 1));
}
