//! Importing real files with the real binary: every encoding and format users have.

mod common;
use common::*;

fn export_project(path: &std::path::Path) -> serde_json::Value {
    let out = ok(&["export", s(path), "--format", "project-json", "-o", "-"]);
    serde_json::from_str(&out).unwrap()
}

fn text_of(project: &serde_json::Value, title: &str) -> String {
    project["documents"].as_array().unwrap().iter().find(|d| d["title"] == title).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn imports_utf16_both_byte_orders_windows1252_cr_and_docx() {
    let (_dir, project) = new_project();
    let out = ok(&[
        "import",
        s(&project),
        s(&fixture("utf16le_interview.txt")),
        s(&fixture("utf16be_interview.txt")),
        s(&fixture("windows1252_interview.txt")),
        s(&fixture("mac_cr_interview.txt")),
        s(&fixture("branch_manager.docx")),
    ]);
    assert!(out.contains("utf16le_interview (UTF-16LE"), "{out}");
    assert!(out.contains("windows1252_interview (windows-1252"), "{out}");
    assert!(out.contains("branch_manager (docx"), "{out}");
    assert!(out.contains("speakers: Interviewer, Zoë"), "{out}");
    assert!(out.contains("Imported 5 document(s)"), "{out}");

    let p = export_project(&project);
    let le = text_of(&p, "utf16le_interview");
    assert_eq!(le, text_of(&p, "utf16be_interview"));
    assert!(le.contains("Zoë: Sure. Every Friday we go through the “hot list” – the calls"));
    assert!(le.contains("Straße") && !le.contains('\r'));
    let cp = text_of(&p, "windows1252_interview");
    assert!(
        cp.contains(
            "Renée: She said “it’s the first time anyone listened”. We noted it in the café meeting – à la française"
        ),
        "{cp}"
    );
    assert!(cp.contains("coördinator") && cp.contains("naïve") && cp.contains("Señor García") && !cp.contains('\r'));
    assert_eq!(text_of(&p, "mac_cr_interview"), "Interviewer: Old Mac line ends?\nA: Yes, CR only.\n");
    let docx = text_of(&p, "branch_manager");
    assert!(
        docx.starts_with(
            "Interview with the branch manager\nInterviewer: How does your branch learn about customers?\n"
        ),
        "{docx}"
    );
    assert!(docx.contains(
        "P03: Mostly at the counter. Our bazaar customers tell us things no system records – who is expanding"
    ));
    assert!(docx.contains("Branch | Isfahan bazaar\nStaff | 14"), "{docx}");
    let doc = p["documents"].as_array().unwrap().iter().find(|d| d["title"] == "branch_manager").unwrap();
    assert_eq!(doc["attributes"]["source"], "branch_manager.docx");

    let info = ok(&["info", s(&project)]);
    assert!(info.contains("5 documents"), "{info}");
    assert!(info.contains("branch_manager: "), "{info}");
}

#[test]
fn a_whole_folder_imports_its_transcripts_in_order_and_titles_stay_unique() {
    let (dir, project) = new_project();
    let folder = dir.path().join("interviews");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(fixture("windows1252_interview.txt"), folder.join("02_renee.txt")).unwrap();
    std::fs::copy(fixture("branch_manager.docx"), folder.join("01_branch.docx")).unwrap();
    std::fs::write(folder.join("notes.xlsx"), b"PK\x03\x04 a spreadsheet").unwrap();
    ok(&["import", s(&project), s(&folder)]);
    ok(&["import", s(&project), s(&folder.join("02_renee.txt")), "--again"]);
    let p = export_project(&project);
    let titles: Vec<&str> = p["documents"].as_array().unwrap().iter().map(|d| d["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["01_branch", "02_renee", "02_renee (2)"]);
}

#[test]
fn import_is_one_undoable_step_and_undo_survives_reopening() {
    let (_dir, project) = new_project();
    ok(&["import", s(&project), s(&fixture("utf16le_interview.txt")), s(&fixture("branch_manager.docx"))]);
    let history = ok(&["history", s(&project)]);
    assert!(history.contains("Import 2 documents"), "{history}");
    assert!(ok(&["undo", s(&project)]).contains("Undid: Import 2 documents"));
    assert!(ok(&["info", s(&project)]).contains("0 documents"));
    assert!(ok(&["redo", s(&project)]).contains("Redid: Import 2 documents"));
    assert!(ok(&["info", s(&project)]).contains("2 documents"));
    let r = axial(&["redo", s(&project)]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim(), "axial: nothing to redo");
}

#[test]
fn importing_a_file_already_in_the_project_is_refused_unless_asked_for() {
    let (_dir, project) = new_project();
    let file = fixture("windows1252_interview.txt");
    ok(&["import", s(&project), s(&file)]);
    let before = export_project(&project);
    let r = axial(&["import", s(&project), s(&file), s(&fixture("mac_cr_interview.txt"))]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("already has a document titled “windows1252_interview”") && r.stderr.contains("--again"),
        "{}",
        r.stderr
    );
    assert_eq!(export_project(&project), before, "a refused import changes nothing");
    let out = ok(&["import", s(&project), s(&file), s(&fixture("mac_cr_interview.txt")), "--skip-existing"]);
    assert!(out.contains("Imported 1 document(s)"), "{out}");
    ok(&["import", s(&project), s(&file), "--again"]);
    let titles: Vec<String> = export_project(&project)["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_owned())
        .collect();
    assert!(titles.contains(&"windows1252_interview (2)".to_owned()), "{titles:?}");
    let out = ok(&["import", s(&project), s(&file), "--skip-existing"]);
    assert!(out.starts_with("Nothing to import"), "{out}");
}
