//! The paradigm diagram exported as SVG is well-formed XML with a card for every category,
//! each in its class's box, and an arrow for every relation.

use axial_core::report::diagram::svg;
use quick_xml::Reader;
use quick_xml::events::Event;

#[test]
fn the_banking_diagram_has_every_category_and_relation() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../sample_projects/banking_ckm_crm");
    let store = axial_core::project::open_sample(std::path::Path::new(folder)).unwrap();
    let p = store.load().unwrap();
    let text = svg(&p);
    let mut reader = Reader::from_str(&text);
    let mut cards = Vec::new();
    let mut relation_lines = 0;
    let mut kinds = Vec::new();
    let mut in_kind = false;
    loop {
        match reader.read_event().expect("the SVG is well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let class = e.try_get_attribute("class").unwrap().map(|a| a.unescape_value().unwrap().into_owned());
                match (e.name().as_ref(), class.as_deref()) {
                    (b"g", Some("card")) => {
                        let name = e.try_get_attribute("data-category").unwrap().unwrap().unescape_value().unwrap();
                        cards.push(name.into_owned());
                    }
                    (b"line", Some("relation")) => relation_lines += 1,
                    (b"g", Some("relation-kind")) => in_kind = true,
                    _ => {}
                }
            }
            Event::Text(t) if in_kind => {
                kinds.push(t.decode().unwrap().into_owned());
                in_kind = false;
            }
            _ => {}
        }
    }
    let mut expected: Vec<String> = p.categories().map(|c| c.name.clone()).collect();
    expected.sort();
    cards.sort();
    assert_eq!(cards, expected, "a card for every one of the {} categories", expected.len());
    assert_eq!(relation_lines, p.relations().len());
    assert_eq!(kinds.len(), p.relations().len());
    assert!(text.contains("core category"), "the core category is set apart");
}
