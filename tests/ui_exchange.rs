//! UI tests (egui_kittest) for exchange with other tools and other coders, and for deleting a
//! document: every export the menus offer (the bytes `axial export` writes), QDPX there and
//! back, a coder's copy merged; the real menus and dialogs, clicked, with what changed in the
//! project checked.

use axial_core::model::Action;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use std::path::Path;

mod ui_common;
use ui_common::{Picker, harness, menu, sample_copy, state, wait_for, wait_idle};

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

/// Every export of the Export menu (its submenus) writes the bytes `axial export` writes.
#[test]
fn exporting_from_the_window_writes_what_the_command_line_writes() {
    use axial_core::export::{CubeTable, Export};
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    let picker = Picker::default();
    let mut h = harness(path.clone(), picker.clone());
    let p = path.to_str().unwrap();
    let cli = |format: &'static str| vec!["export", p, "--format", format, "-o"];
    let mut tested = 0;
    for export in Export::ALL {
        let args: Vec<&str> = match export {
            Export::CategoryModel => cli("json"),
            Export::ProjectJson => cli("project-json"),
            Export::DiagramSvg => cli("svg"),
            Export::DiagramPng => cli("png"),
            Export::DiagramPdf => cli("pdf"),
            Export::MatrixSvg => cli("matrix-svg"),
            Export::MatrixPng => cli("matrix-png"),
            Export::MatrixPdf => cli("matrix-pdf"),
            Export::SaturationSvg => cli("saturation-svg"),
            Export::SaturationPng => cli("saturation-png"),
            Export::ModelCsv => cli("model-csv"),
            Export::ModelMarkdown => cli("model-md"),
            Export::ModelDocx => cli("model-docx"),
            Export::CubeCsv(CubeTable::Six) => vec!["export", p, "--format", "cube-csv", "-o"],
            Export::CubeCsv(CubeTable::Seven) => vec!["export", p, "--format", "cube-csv", "--table", "7", "-o"],
            Export::CubeCsv(CubeTable::Eight) => vec!["export", p, "--format", "cube-csv", "--table", "8", "-o"],
            Export::CubeMarkdown => cli("cube-md"),
            Export::CubeDocx => cli("cube-docx"),
            Export::FrequenciesCsv => cli("frequencies-csv"),
            Export::FrequenciesMarkdown => cli("frequencies-md"),
            Export::FrequenciesDocx => cli("frequencies-docx"),
            Export::CooccurrenceCsv => cli("cooccurrence-csv"),
            Export::CooccurrenceMarkdown => cli("cooccurrence-md"),
            Export::CooccurrenceDocx => cli("cooccurrence-docx"),
            Export::SaturationCsv => cli("saturation-csv"),
            Export::SaturationMarkdown => cli("saturation-md"),
            Export::SaturationDocx => cli("saturation-docx"),
            Export::CodingsCsv => cli("codings-csv"),
            Export::Html => cli("html"),
            Export::Qdc => cli("qdc"),
            // Stamped with the time it was written (the QDPX test above reads it back).
            Export::Qdpx => continue,
        };
        let out = dir.path().join(Export::default_file_name(export, &state(&h).project));
        *picker.export.lock().unwrap() = Some(out.clone());
        h.get_by_label("Project").click();
        h.run();
        h.get_by_label("Export").click();
        h.run();
        h.get_by_label(export.group().label()).click();
        h.run();
        h.get_by_label(export.menu_label()).click();
        h.step();
        wait_idle(&mut h);
        let from_window = std::fs::read(&out).expect("the export was written");
        let cli_out = dir.path().join(format!("cli-{}", out.file_name().unwrap().to_string_lossy()));
        let mut args = args;
        args.push(cli_out.to_str().unwrap());
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_axial")).args(&args).output().unwrap();
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        let from_cli = std::fs::read(&cli_out).unwrap();
        assert!(from_window == from_cli, "{export:?}: the window and the command line write the same bytes");
        assert!(state(&h).notices.last().unwrap().text.starts_with("Exported the"), "the window says so");
        tested += 1;
    }
    assert_eq!(tested, Export::ALL.len() - 1);
}

/// Project > Merge a coder's copy: the copy's codings arrive with their coder, in the
/// background, as one undo step.
#[test]
fn merging_a_coders_copy_from_the_window_brings_their_codings() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let copy = dir.path().join("sam.axial");
    axial_core::store::backup::copy_project(&path, &copy).unwrap();
    {
        let mut sam = axial_core::store::Store::open(&copy).unwrap();
        let p = sam.load().unwrap();
        let (doc, code) = (p.documents().next().unwrap().id, p.codes().next().unwrap().id);
        let id = sam.ids().unwrap().coding();
        sam.apply(&Action::CreateCoding {
            id,
            document: doc,
            code,
            start: 0,
            end: 30,
            coder: "sam".into(),
            created: "t".into(),
        })
        .unwrap();
    }
    let picker = Picker::default();
    *picker.open.lock().unwrap() = Some(copy);
    let mut h = harness(path, picker);
    let before = state(&h).project.codings().count();
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Merge a coder's copy…").click();
    h.step();
    wait_idle(&mut h);
    assert_eq!(state(&h).project.codings().count(), before + 1);
    assert!(state(&h).project.codings().any(|c| c.coder == "sam"));
    assert!(state(&h).notices.iter().any(|n| n.text.starts_with("Merged sam.axial: added")), "{:?}", state(&h).notices);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(state(&h).project.codings().count(), before, "one undo step");
}
