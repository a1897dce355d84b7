//! UI tests (egui_kittest) for exchange with other tools and for deleting a document: the real
//! menus and dialogs, clicked, with what changed in the project checked.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use std::path::Path;

mod ui_common;
use ui_common::{Picker, harness, menu, sample_copy, state, wait_for};

#[test]
fn a_project_exported_as_qdpx_from_the_menu_imports_into_an_empty_project_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let mut h = harness(sample_copy(dir.path(), "crm_knowledge_creation"), picker.clone());
    let qdpx = dir.path().join("crm.qdpx");
    *picker.export.lock().unwrap() = Some(qdpx.clone());
    menu(&mut h, &["Project", "Export", "Data and other tools", "Project for NVivo, ATLAS.ti, MAXQDA… (QDPX)…"]);
    wait_for(&mut h, |s| s.notices.last().is_some_and(|n| n.text.starts_with("Exported the project for other tools")));
    let original = state(&h).project.clone();
    drop(h);

    let empty = dir.path().join("empty.axial");
    drop(axial_core::store::Store::create(&empty).unwrap());
    let picker = Picker::default();
    let mut h = harness(empty, picker.clone());
    *picker.import.lock().unwrap() = Some(qdpx);
    // Project > Import files… (Ctrl+I) takes other tools' files beside transcripts.
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    wait_for(&mut h, |s| s.notices.iter().any(|n| n.text.starts_with("Imported the QDPX project")));
    let s = state(&h);
    let notices: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
    assert!(
        notices
            .iter()
            .any(|t| t.starts_with("Imported the QDPX project: 12 documents, 193 codings, 10 memos, 50 new codes")),
        "{notices:?} {}",
        s.project.documents().len()
    );
    assert!(notices.iter().any(|t| t.contains("positions were read as Unicode code points")), "{notices:?}");
    assert_eq!(s.project.codings().len(), original.codings().len());
    assert_eq!(s.project.categories().len(), original.categories().len());
    assert_eq!(s.project.name(), original.name());
    // One step: undo takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.documents().len(), 0);
}

#[test]
fn a_document_is_deleted_from_its_menu_after_a_confirmation_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "crm_knowledge_creation"), Picker::default());
    let before = state(&h).project.clone();
    let doc = before.documents().find(|d| d.title == "Interview A").unwrap().id;
    let codings = before.codings_in(doc).len();
    h.get_by_label(&format!("Interview A  ({codings})")).click_secondary();
    h.run();
    h.get_by_label("Delete document…").click();
    h.run();
    h.get_by_label_contains(&format!("with its {codings} codings"));
    h.get_by_label("Delete document").click();
    h.run();
    let p = &state(&h).project;
    assert!(p.document(doc).is_none());
    assert_eq!(p.codings().len(), before.codings().len() - codings, "its codings went with it");
    assert!(h.query_by_label(&format!("Interview A  ({codings})")).is_none(), "gone from the list");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(*state(&h).project, *before, "one undo brings it all back");
}

#[test]
fn cancel_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(sample_copy(dir.path(), "crm_knowledge_creation"), Picker::default());
    let before = state(&h).project.clone();
    h.get_by_label("Interview B  (24)").click_secondary();
    h.run();
    h.get_by_label("Delete document…").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*state(&h).project, *before);
}

#[test]
fn the_export_dialog_starts_in_the_folder_the_last_export_went_to() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let mut h = harness(sample_copy(dir.path(), "crm_knowledge_creation"), picker.clone());
    let outputs = dir.path().join("thesis tables");
    std::fs::create_dir(&outputs).unwrap();
    for file in ["frequencies.csv", "cube.csv"] {
        *picker.export.lock().unwrap() = Some(outputs.join(file));
        let item = if file == "cube.csv" { "Cube, Table 6 (CSV)…" } else { "Frequencies (CSV)…" };
        menu(&mut h, &["Project", "Export", "Tables", item]);
        wait_for(&mut h, |s| s.notices.last().is_some_and(|n| n.text.starts_with("Exported the")));
    }
    assert_eq!(*picker.folders.lock().unwrap(), [None, Some(outputs.clone())]);
    assert!(outputs.join("cube.csv").is_file());
}

/// The words of every paragraph of a Word document's body, and its tables' row counts.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("a DOCX is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed WordprocessingML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| p.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|t| t.text()).collect())
        .collect()
}

#[test]
fn the_quotes_of_the_item_read_export_as_word_from_the_passages_view_and_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let picker = Picker::default();
    let mut h = harness(sample_copy(dir.path(), "crm_knowledge_creation"), picker.clone());
    let (category, expected) = {
        let p = &state(&h).project;
        let c = p.categories().find(|c| c.name == "Operational CRM").unwrap().id;
        let scope = axial_core::analysis::retrieval::Scope::Category(c);
        (
            c,
            axial_core::analysis::retrieval::details(
                p,
                &axial_core::analysis::retrieval::passages(p, scope),
                &mut Default::default(),
            ),
        )
    };
    h.state_mut()
        .state
        .as_mut()
        .unwrap()
        .handle(axial::app::Intent::SelectGroup(Some(axial::app::Group::Category(category))));
    h.get_by_label("Passages").click();
    h.run_steps(3);
    let word = dir.path().join("quotes.docx");
    *picker.export.lock().unwrap() = Some(word.clone());
    menu(&mut h, &["Export quotes", "Quotes of the passages shown (Word)…"]);
    wait_for(&mut h, |s| s.notices.last().is_some_and(|n| n.text.starts_with("Exported the quotes")));
    let paragraphs = docx_paragraphs(&word);
    for passage in &expected {
        let words: String = passage.text.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
        assert!(
            paragraphs.iter().any(|p| p.split_whitespace().collect::<Vec<_>>().join(" ").contains(&words)),
            "the document quotes {words:?}"
        );
    }
    let sources = paragraphs.iter().filter(|p| p.contains(&expected[0].title)).count();
    assert!(sources >= 1, "each quote says where it is from");
    assert!(
        picker.suggested.lock().unwrap().last().unwrap().ends_with("-quotes-Operational_CRM.docx"),
        "{:?}",
        picker.suggested.lock().unwrap()
    );
    // The same from Project > Export > Tables > Quotes, as Markdown, with the view's filter.
    let md = dir.path().join("quotes.md");
    *picker.export.lock().unwrap() = Some(md.clone());
    menu(&mut h, &["Project", "Export", "Tables", "Quotes", "Quotes of the passages shown (Markdown)…"]);
    wait_for(&mut h, |s| s.notices.last().is_some_and(|n| n.text.contains(&md.display().to_string())));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.lines().filter(|l| l.starts_with("> ")).count() >= expected.len(), "{text}");
}
