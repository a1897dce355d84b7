//! The newer transcript formats (PDF, OpenDocument Text, WebVTT, SubRip) through the public
//! route `axial import` takes: a folder expanded and read by `io::import::read_all`, then
//! `project::add_sources` into a project. And all or nothing: one malformed file of any kind
//! refuses the whole import, naming it, and the project is left as it was.

#[path = "common/files.rs"]
mod files;

use axial_core::io::import::read_all;
use axial_core::io::speakers::speakers;
use axial_core::project::add_sources;
use axial_core::store::Store;
use std::path::Path;

const VTT: &str = "WEBVTT\n\n\
    NOTE Recorded with Teams\n\n\
    1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How do you keep track of complaints?</v>\n\n\
    2\n00:00:04.500 --> 00:00:07.000\n<v Branch Manager>We write them in a book.</v>\n\n\
    3\n00:00:07.000 --> 00:00:09.000\n<v Branch Manager>Every one of them.</v>\n";

const SRT: &str = "1\r\n00:00:01,000 --> 00:00:02,000\r\nGood morning.\r\n\r\n\
    2\r\n00:00:05,000 --> 00:00:06,500\r\n<i>After a pause.</i>\r\n";

/// Writes one good file of each new kind into `dir`.
fn write_good_files(dir: &Path) {
    let pdf = files::pdf(&[&["Interviewer: Where do you work?", "P02: At the call centre."], &["P02: Since 2019."]]);
    std::fs::write(dir.join("call centre.pdf"), pdf).unwrap();
    let odt = files::odt(&files::odt_content(
        "<text:h>Interview 5</text:h><text:p>Interviewer: And the CRM?</text:p><text:p>P05: We use it daily.</text:p>",
    ));
    std::fs::write(dir.join("interview 5.odt"), odt).unwrap();
    std::fs::write(dir.join("teams call.vtt"), VTT).unwrap();
    std::fs::write(dir.join("zoom.srt"), SRT).unwrap();
}

#[test]
fn a_folder_of_each_new_kind_imports_with_texts_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    write_good_files(dir.path());
    let sources = read_all(&[dir.path().to_owned()]).unwrap();
    let summary: Vec<(&str, &str)> = sources.iter().map(|s| (s.title.as_str(), s.format.as_str())).collect();
    assert_eq!(
        summary,
        [("call centre", "PDF, 2 pages"), ("interview 5", "ODT"), ("teams call", "WebVTT"), ("zoom", "SubRip")]
    );
    assert!(sources.iter().all(|s| s.warnings.is_empty()));

    let mut store = Store::in_memory("t").unwrap();
    let (imported, _) = add_sources(&mut store, sources).unwrap();
    assert_eq!(imported.len(), 4);
    let project = store.load().unwrap();
    let text = |title: &str| project.documents().find(|d| d.title == title).unwrap().text.to_string();

    assert_eq!(text("call centre"), "Interviewer: Where do you work?\nP02: At the call centre.\n\nP02: Since 2019.\n");
    assert_eq!(text("interview 5"), "Interview 5\nInterviewer: And the CRM?\nP05: We use it daily.\n");
    assert_eq!(
        text("teams call"),
        "[00:00:01] Interviewer: How do you keep track of complaints?\n\n\
         [00:00:04] Branch Manager: We write them in a book. Every one of them.\n"
    );
    assert_eq!(speakers(&text("teams call")), ["Interviewer", "Branch Manager"]);
    assert_eq!(text("zoom"), "[00:00:01] Good morning.\n\n[00:00:05] After a pause.\n");
    assert!(speakers(&text("zoom")).is_empty());
    let by_title = |t: &str| imported.iter().find(|i| i.title == t).unwrap();
    assert_eq!(by_title("teams call").speakers, ["Interviewer", "Branch Manager"]);
    assert_eq!(by_title("call centre").speakers, ["Interviewer", "P02"]);
}

#[test]
fn one_malformed_file_of_any_kind_refuses_the_whole_import() {
    let malformed: [(&str, Vec<u8>, &str); 4] = [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog".to_vec(), "is a PDF Axial cannot read ("),
        (
            "scan.pdf",
            files::pdf_pages(&[b"0.5 g 72 72 468 648 re f".as_slice()]),
            "is a PDF with no text layer (a scanned document?); run it through OCR and import the result, or import a .txt of it",
        ),
        (
            "broken.odt",
            b"PK\x03\x04 not really a zip".to_vec(),
            "is not a valid .odt (it is not a readable zip archive",
        ),
        ("empty.vtt", b"WEBVTT\n\nNOTE nothing else\n".to_vec(), "has no subtitle cues Axial can read"),
    ];
    let srt_without_cues = ("notes.srt", b"1\nthis is not a subtitle file\n".to_vec(), "has no subtitle cues");
    for (name, bytes, reason) in malformed.into_iter().chain([srt_without_cues]) {
        let dir = tempfile::tempdir().unwrap();
        write_good_files(dir.path());
        let bad = dir.path().join(name);
        std::fs::write(&bad, &bytes).unwrap();

        // The project as it was before: one document already in it.
        let mut store = Store::in_memory("t").unwrap();
        let first = read_all(&[dir.path().join("zoom.srt")]).unwrap();
        add_sources(&mut store, first).unwrap();
        let before =
            store.load().unwrap().documents().map(|d| (d.title.clone(), d.text.to_string())).collect::<Vec<_>>();

        // The import as `axial import` runs it: every file read before the project is touched.
        let err = read_all(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(err.bad.len(), 1, "{name}: {err}");
        assert_eq!(err.bad[0].path, bad, "{name}");
        assert!(err.bad[0].reason.starts_with(reason), "{name}: {}", err.bad[0].reason);
        assert_eq!(err.bad[0].reason.lines().count(), 1, "one sentence: {}", err.bad[0].reason);
        assert!(err.to_string().starts_with("nothing was imported because the file "), "{err}");

        let after =
            store.load().unwrap().documents().map(|d| (d.title.clone(), d.text.to_string())).collect::<Vec<_>>();
        assert_eq!(before, after, "{name}: the project is unchanged");
    }
}
