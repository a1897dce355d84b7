//! REFI-QDA exchange: Axial -> QDPX -> Axial loses nothing, exports are valid against the
//! standard's schemas and the same from one export to the next, other tools' files (positions
//! in UTF-16 units, CRLF, a BOM, deep trees, extensions) come in with what was done said, and a
//! bad file changes nothing.

use axial_core::export::Export;
use axial_core::io::project_json;
use axial_core::io::qdpx;
use axial_core::model::*;
use axial_core::project::{self, Access};
use axial_core::store::Store;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects").join(name)
}

/// A project file made from a sample (so every item has its stable id).
fn sample_file(name: &str, dir: &Path) -> Store {
    project::create_from_sample(&sample(name), &dir.join(format!("{name}.axial"))).unwrap()
}

/// The project as JSON with ids, rows in id order (the order a QDPX cannot keep: its codebook
/// is a tree and its codings sit in their sources), memos on codings naming them by id.
fn canonical(store: &Store) -> Value {
    let p = store.load().unwrap();
    let mut v = serde_json::to_value(project_json::export(&p, Some(&store.uids().unwrap()))).unwrap();
    let coding_uids: Vec<Value> = v["codings"].as_array().unwrap().iter().map(|c| c["uid"].clone()).collect();
    for m in v["memos"].as_array_mut().unwrap() {
        if m["on"] == "coding" {
            m["target"] = coding_uids[m["target"].as_u64().unwrap() as usize].clone();
        }
    }
    for key in ["cases", "documents", "categories", "concepts", "codes", "relations", "codings", "memos"] {
        v[key].as_array_mut().unwrap().sort_by_key(|item| item["uid"].as_str().unwrap().to_owned());
    }
    v
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().into_owned(), out)
        })
        .collect()
}

fn qdpx_of(store: &Store) -> Vec<u8> {
    Export::Qdpx.render(&store.load().unwrap(), store.file_uids().as_ref()).unwrap()
}

#[test]
fn axial_to_qdpx_to_axial_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["banking_ckm_crm", "crm_knowledge_creation"] {
        let original = sample_file(name, dir.path());
        let path = dir.path().join(format!("{name}.qdpx"));
        std::fs::write(&path, qdpx_of(&original)).unwrap();
        let mut copy = Store::create(&dir.path().join(format!("{name}-copy.axial"))).unwrap();
        let imported = project::import_qdpx(&mut copy, &path).unwrap();
        assert!(imported.warnings.is_empty(), "{name}: {:?}", imported.warnings);
        let positions = imported.positions.unwrap();
        assert!(positions.contains("Unicode code points") && !positions.contains(" 0 of"), "{positions}");
        assert_eq!(canonical(&copy), canonical(&original), "{name}");
        // And once more: the copy exports to the same archive but for its date.
        let again = unzip(&qdpx_of(&copy));
        let first = unzip(&qdpx_of(&original));
        assert_eq!(again.len(), first.len());
        for ((a_name, a), (b_name, b)) in again.iter().zip(&first) {
            assert_eq!(a_name, b_name);
            assert_eq!(strip_date(a), strip_date(b), "{name}: {a_name}");
        }
    }
}

/// The export with its one date (`modifiedDateTime` of the project) taken out.
fn strip_date(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    regex_lite_replace(&text, " modifiedDateTime=\"", "\"")
}

fn regex_lite_replace(text: &str, start: &str, end: &str) -> String {
    match text.find(start) {
        Some(i) => {
            let rest = &text[i + start.len()..];
            let j = rest.find(end).unwrap();
            format!("{}{}", &text[..i], &rest[j + end.len()..])
        }
        None => text.to_owned(),
    }
}

#[test]
fn two_exports_of_an_unchanged_project_are_the_same_but_for_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_file("banking_ckm_crm", dir.path());
    let file = project_json::export(&store.load().unwrap(), store.file_uids().as_ref());
    let a = qdpx::qdpx(&file, "2026-01-01T00:00:00Z");
    let b = qdpx::qdpx(&file, "2026-01-01T00:00:00Z");
    assert_eq!(a, b, "byte for byte with the same date");
    let c = qdpx_of(&store);
    let names: Vec<String> = unzip(&c).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names[0], "project.qde");
    assert!(names[1..].iter().all(|n| n.starts_with("sources/") && n.ends_with(".txt")), "{names:?}");
    // A sample folder (no stored ids) exports the same twice too: its GUIDs come from names.
    let p = project::open(&sample("crm_knowledge_creation"), Access::Read).unwrap().load().unwrap();
    let f = project_json::export(&p, None);
    assert_eq!(
        qdpx::qdpx(&f, "2026-01-01T00:00:00Z"),
        qdpx::qdpx(&project_json::export(&p, None), "2026-01-01T00:00:00Z")
    );
}

fn xmllint(xml: &[u8], schema: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file.xml");
    std::fs::write(&file, xml).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/refi-qda").join(schema);
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint runs (scripts/setup.sh installs libxml2-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn exports_are_valid_against_the_standards_schemas() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["banking_ckm_crm", "crm_knowledge_creation"] {
        let store = sample_file(name, dir.path());
        let entries = unzip(&qdpx_of(&store));
        xmllint(&entries[0].1, "Project-mrt2019.xsd");
        let qdc = Export::Qdc.render(&store.load().unwrap(), store.file_uids().as_ref()).unwrap();
        xmllint(&qdc, "Codebook.xsd");
    }
    // A project with cases, attributes, memos on every kind of thing and odd text.
    let mut store = Store::in_memory("Odd").unwrap();
    let mut ids = store.ids().unwrap();
    let (case, doc, code, coding) = (ids.case(), ids.document(), ids.code(), ids.coding());
    let memo = |id, target| Action::CreateMemo {
        id,
        target,
        title: "T \"quoted\" <b>".into(),
        text: "line one\n\tline two & more".into(),
        author: "ana".into(),
        created: "2020-01-01T00:00:00Z".into(),
        modified: "not a date".into(),
    };
    store
        .apply(&Action::Batch {
            label: "x".into(),
            actions: vec![
                Action::CreateCase { id: case, name: "Bank A".into() },
                Action::SetCaseAttribute { id: case, key: "sector".into(), value: Some("public".into()) },
                Action::AddDocument {
                    id: doc,
                    title: "D".into(),
                    text: "Q: 😀 here\nA: yes".into(),
                    case: Some(case),
                    imported: "t".into(),
                },
                Action::SetDocumentAttribute { id: doc, key: "date".into(), value: Some("2019".into()) },
                Action::CreateCode {
                    id: code,
                    name: "C".into(),
                    color: "#112233".into(),
                    definition: "d".into(),
                    concept: None,
                },
                Action::CreateCoding {
                    id: coding,
                    document: doc,
                    code,
                    start: 3,
                    end: 9,
                    coder: "ana".into(),
                    created: "x".into(),
                },
                memo(ids.memo(), MemoTarget::Project),
                memo(ids.memo(), MemoTarget::Document(doc)),
                memo(ids.memo(), MemoTarget::Code(code)),
                memo(ids.memo(), MemoTarget::Coding(coding)),
            ],
        })
        .unwrap();
    let p = store.load().unwrap();
    let entries = unzip(&Export::Qdpx.render(&p, None).unwrap());
    xmllint(&entries[0].1, "Project-mrt2019.xsd");
}

/// A QDPX as another tool might write it: the project file named after the project, a
/// `Sources/` folder, GUIDs in braces and upper case, a BOM, CRLF line ends, an emoji, and
/// positions in UTF-16 code units with CRLF as two; a tree five levels deep, a code without a
/// colour, a vendor extension, a set, and one user and time stamped on every coding.
fn foreign_qdpx() -> Vec<u8> {
    let text = "\u{FEFF}Interviewer: How do you greet customers? 😀\r\nClerk: We learn their names.\r\nInterviewer: And then?\r\nClerk: We remember what they bought.\r\n";
    let utf16 = |s: &str| -> usize { s.strip_prefix('\u{FEFF}').unwrap_or(s).encode_utf16().count() };
    let at = |quote: &str| -> (usize, usize) {
        let byte = text.find(quote).unwrap();
        let start = utf16(&text[..byte]);
        (start, start + utf16(quote))
    };
    let (a0, a1) = at("We learn their names.");
    let (b0, b1) = at("We remember what they bought.");
    let (c0, c1) = at("How do you greet customers? 😀");
    let g = |n: u32| format!("{{0000000{n}-AAAA-4BBB-8CCC-00000000000{n}}}");
    let qde = format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:mx="urn:example:vendor" name="Greeting study" origin="Other Tool 3">
  <Users><User guid="{u}" name="Sam"/></Users>
  <CodeBook><Codes>
    <Code guid="{k1}" name="Service" isCodable="true" color="#ABC">
      <Code guid="{k2}" name="Knowing customers" isCodable="true" color="#00ff00">
        <Code guid="{k3}" name="Names" isCodable="true">
          <Code guid="{k4}" name="First names" isCodable="true" color="#123456">
            <Code guid="{k5}" name="Nicknames" isCodable="true" color="#654321"/>
          </Code>
        </Code>
      </Code>
    </Code>
    <Code guid="{k6}" name="Questions" isCodable="true" color="#999999"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{s}" name="Clerk interview" plainTextPath="internal://{s}.txt" creationDateTime="2021-03-04T05:06:07Z">
      <PlainTextSelection guid="{p1}" name="We learn their names." startPosition="{a0}" endPosition="{a1}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z">
        <Coding guid="{cg1}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z"><CodeRef targetGUID="{k5}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{p2}" name="We remember what they bought." startPosition="{b0}" endPosition="{b1}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z">
        <Coding guid="{cg2}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z"><CodeRef targetGUID="{k2}"/></Coding>
        <NoteRef targetGUID="{n1}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="{p3}" name="How do you greet customers? 😀" startPosition="{c0}" endPosition="{c1}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z">
        <Coding guid="{cg3}" creatingUser="{u}" creationDateTime="2021-05-05T00:00:00Z"><CodeRef targetGUID="{k6}"/></Coding>
      </PlainTextSelection>
      <mx:Highlight colour="yellow"/>
    </TextSource>
  </Sources>
  <Notes><Note guid="{n1}" name="Why this matters" creatingUser="{u}"><PlainTextContent>Remembering is service.</PlainTextContent></Note></Notes>
  <Sets><Set guid="{set}" name="Favourites"/></Sets>
</Project>"##,
        u = g(1),
        k1 = g(2),
        k2 = g(3),
        k3 = g(4),
        k4 = g(5),
        k5 = g(6),
        k6 = g(7),
        s = g(8),
        p1 = g(9),
        p2 = "{00000010-AAAA-4BBB-8CCC-000000000010}",
        p3 = "{00000011-AAAA-4BBB-8CCC-000000000011}",
        cg1 = "{00000012-AAAA-4BBB-8CCC-000000000012}",
        cg2 = "{00000013-AAAA-4BBB-8CCC-000000000013}",
        cg3 = "{00000014-AAAA-4BBB-8CCC-000000000014}",
        n1 = "{00000015-AAAA-4BBB-8CCC-000000000015}",
        set = "{00000016-AAAA-4BBB-8CCC-000000000016}",
    );
    zip_of(&[("Greeting study.qde", qde.as_bytes()), (&format!("Sources/{}.txt", g(8)), text.as_bytes())])
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn another_tools_project_comes_in_with_what_was_done_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("greeting.qdpx");
    std::fs::write(&path, foreign_qdpx()).unwrap();
    let mut store = Store::in_memory("new").unwrap();
    let imported = project::import_qdpx(&mut store, &path).unwrap();
    let positions = imported.positions.clone().unwrap();
    assert!(positions.contains("UTF-16 code units, CRLF as two characters"), "{positions}");
    assert!(positions.contains("3 of 3"), "{positions}");
    let warnings = imported.warnings.join("\n");
    for expected in ["flattened", "no colour", "sets are not carried over", "<Highlight>"] {
        assert!(warnings.contains(expected), "{expected}: {warnings}");
    }
    let p = store.load().unwrap();
    assert_eq!(p.name(), "Greeting study");
    let doc = p.documents().next().unwrap();
    assert_eq!(doc.title, "Clerk interview");
    assert!(doc.text.starts_with("Interviewer: How") && !doc.text.contains('\r'), "no BOM, no CR");
    let quote = |c: &Coding| doc.text.chars().skip(c.start).take(c.end - c.start).collect::<String>();
    let mut got: Vec<(String, String, String, String)> = p
        .codings()
        .map(|c| (p.code(c.code).unwrap().name.clone(), quote(c), c.coder.clone(), c.created.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "Knowing customers".into(),
                "We remember what they bought.".into(),
                "Sam".into(),
                "2021-05-05T00:00:00Z".into()
            ),
            (
                "Names / First names / Nicknames".into(),
                "We learn their names.".into(),
                "Sam".into(),
                "2021-05-05T00:00:00Z".into()
            ),
            ("Questions".into(), "How do you greet customers? 😀".into(), "Sam".into(), "2021-05-05T00:00:00Z".into()),
        ]
    );
    // Service > Knowing customers > Names...: a category, a concept, and codes flattened in it.
    let names = p.code_named("Names / First names / Nicknames").unwrap();
    let concept = p.concept(names.concept.unwrap()).unwrap();
    assert_eq!(concept.name, "Knowing customers");
    assert_eq!(p.category(concept.category.unwrap()).unwrap().name, "Service");
    assert!(CODE_PALETTE.contains(&p.code_named("Names").unwrap().color.as_str()), "a code without a colour gets one");
    assert_eq!(p.code_named("Names / First names").unwrap().color, "#123456");
    let memo = p.memos().next().unwrap();
    assert!(matches!(memo.target, MemoTarget::Coding(_)));
    assert_eq!(memo.text, "Remembering is service.");
    assert_eq!(
        store.uids().unwrap().people.get("Sam").map(String::as_str),
        Some("00000001-aaaa-4bbb-8ccc-000000000001")
    );
}

#[test]
fn a_bad_file_is_refused_in_one_sentence_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = sample_file("crm_knowledge_creation", dir.path());
    let before = canonical(&store);
    let history = store.history().unwrap().len();
    let good = foreign_qdpx();
    let entries = unzip(&good);
    let qde = String::from_utf8(entries[0].1.clone()).unwrap();
    let source_name = entries[1].0.clone();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not a zip", b"PK\x03\x04 but not really".to_vec(), "not a QDPX project"),
        ("no project file", zip_of(&[("readme.txt", b"hello")]), "no .qde project file"),
        ("bad XML", zip_of(&[("project.qde", b"<Project name=\"x\"><Sources>")]), "not well-formed XML"),
        (
            "past the end",
            zip_of(&[
                ("project.qde", qde.replace("endPosition=\"", "endPosition=\"9").as_bytes()),
                (&source_name, &entries[1].1),
            ]),
            "past the end of its text",
        ),
        ("missing source", zip_of(&[("project.qde", qde.as_bytes())]), "which the archive does not hold"),
        ("not a project", zip_of(&[("project.qde", b"<CodeBook/>")]), "not <Project>"),
        (
            "bad position",
            zip_of(&[
                ("project.qde", qde.replacen("startPosition=\"", "startPosition=\"x", 1).as_bytes()),
                (&source_name, &entries[1].1),
            ]),
            "not a position",
        ),
        (
            "unknown code",
            zip_of(&[
                (
                    "project.qde",
                    qde.replace("<CodeRef targetGUID=\"{00000007", "<CodeRef targetGUID=\"{99999997").as_bytes(),
                ),
                (&source_name, &entries[1].1),
            ]),
            "codes its codebook does not define",
        ),
    ];
    for (what, bytes, expected) in cases {
        let path = dir.path().join(format!("{what}.qdpx"));
        std::fs::write(&path, bytes).unwrap();
        let err = project::import_qdpx(&mut store, &path).unwrap_err().to_string();
        assert!(err.contains(expected), "{what}: {err}");
        assert!(!err.contains('\n'), "one sentence: {err}");
        assert_eq!(canonical(&store), before, "{what}: the project is unchanged");
        assert_eq!(store.history().unwrap().len(), history, "{what}: no step recorded");
    }
}

#[test]
fn a_codebook_round_trips_and_merges_by_id_then_name() {
    let dir = tempfile::tempdir().unwrap();
    let original = sample_file("banking_ckm_crm", dir.path());
    let qdc = Export::Qdc.render(&original.load().unwrap(), original.file_uids().as_ref()).unwrap();
    let path = dir.path().join("codebook.qdc");
    std::fs::write(&path, &qdc).unwrap();
    // Into an empty project: the same codes, concepts and categories with the same ids.
    let mut fresh = Store::create(&dir.path().join("fresh.axial")).unwrap();
    let imported = project::import_qdc(&mut fresh, &path).unwrap();
    let p = original.load().unwrap();
    assert_eq!(imported.added.len(), p.codes().len() + p.concepts().len() + p.categories().len());
    assert_eq!(imported.matched, 0);
    let again = Export::Qdc.render(&fresh.load().unwrap(), fresh.file_uids().as_ref()).unwrap();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        String::from_utf8(qdc.clone()).unwrap(),
        "QDC -> Axial -> QDC: the same codes"
    );
    // Into the project it came from: everything matches, nothing is added.
    let mut same = original;
    let imported = project::import_qdc(&mut same, &path).unwrap();
    assert!(imported.added.is_empty(), "{:?}", imported.added);
    // Into a project with one code of the same name and one renamed code with the same id.
    let mut other = Store::in_memory("other").unwrap();
    let first = p.codes().next().unwrap();
    let second = p.codes().nth(1).unwrap();
    let mut ids = other.ids().unwrap();
    let (a, b) = (ids.code(), ids.code());
    let code = |id, name: &str| Action::CreateCode {
        id,
        name: name.into(),
        color: "#000000".into(),
        definition: String::new(),
        concept: None,
    };
    let uid = same.uids().unwrap().of(UidKind::Code, second.id.0).unwrap().to_owned();
    other
        .apply(&Action::Batch {
            label: "x".into(),
            actions: vec![
                code(a, &first.name),
                code(b, "Renamed here"),
                Action::SetUid { kind: UidKind::Code, id: b.0, uid },
            ],
        })
        .unwrap();
    let imported = project::import_qdc(&mut other, &path).unwrap();
    assert_eq!(imported.matched, 2);
    assert!(
        !imported.added.iter().any(|a| a.contains(&first.name) || a.contains(&second.name)),
        "{:?}",
        imported.added
    );
    let q = other.load().unwrap();
    assert_eq!(q.codes().len(), p.codes().len(), "the two matched codes are not added again");
    assert!(q.code_named("Renamed here").unwrap().concept.is_none(), "a matched code stays as the project has it");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn exported() -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
        let p = project::open(&sample("crm_knowledge_creation"), Access::Read).unwrap().load().unwrap();
        let bytes = qdpx::qdpx(&project_json::export(&p, None), "2026-01-01T00:00:00Z");
        let entries = unzip(&bytes);
        (bytes, entries)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// Flipped or cut bytes of the archive, and flipped or cut XML in a sound archive (which
        /// is what reaches the parser: a flipped zip rarely passes its CRC check).
        #[test]
        fn a_damaged_qdpx_or_qdc_is_an_error_not_a_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
                                                          cut in proptest::option::of(any::<prop::sample::Index>()),
                                                          in_xml in any::<bool>()) {
            let (bytes, entries) = exported();
            let empty = Project::default();
            let uids = Uids::default();
            let damage = |mut b: Vec<u8>| {
                for (at, value) in &flips {
                    let i = at.index(b.len());
                    b[i] = *value;
                }
                if let Some(cut) = &cut {
                    let n = cut.index(b.len());
                    b.truncate(n);
                }
                b
            };
            let damaged = if in_xml {
                let qde = damage(entries[0].1.clone());
                let rest: Vec<(&str, &[u8])> = entries[1..].iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
                let mut all = vec![("project.qde", qde.as_slice())];
                all.extend(rest);
                zip_of(&all)
            } else {
                damage(bytes)
            };
            let _ = qdpx::read_qdpx(&damaged, &empty, &uids);
            let qdc = qdpx::qdc(&project_json::export(&project::open(&sample("crm_knowledge_creation"), Access::Read).unwrap().load().unwrap(), None));
            let _ = qdpx::read_qdc(&damage(qdc.into_bytes()), &empty, &uids);
        }
    }
}

/// A coder named only by a GUID that is not ASCII (a damaged or odd file) is shown by the GUID's
/// first eight characters, not cut through a character (a panic, found by the property test).
#[test]
fn a_coder_named_by_an_odd_guid_is_shortened_by_characters() {
    let qdpx = foreign_qdpx();
    let entries = unzip(&qdpx);
    let odd = "aéééééé-é";
    let renamed: Vec<(String, Vec<u8>)> = entries
        .into_iter()
        .map(|(name, bytes)| {
            if name.ends_with(".qde") {
                let xml = String::from_utf8(bytes).unwrap();
                let user = xml.split("<User guid=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
                // The coder's GUID, unnamed and odd, on every coding (and no Users entry).
                let xml = xml.replace(&format!("<User guid=\"{user}\" name=\"Sam\"/>"), "").replace(&user, odd);
                (name, xml.into_bytes())
            } else {
                (name, bytes)
            }
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = renamed.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.qdpx");
    std::fs::write(&path, zip_of(&refs)).unwrap();
    let mut store = Store::in_memory("new").unwrap();
    project::import_qdpx(&mut store, &path).unwrap();
    let p = store.load().unwrap();
    assert!(
        p.codings().all(|c| c.coder.chars().count() <= 13),
        "{:?}",
        p.codings().map(|c| &c.coder).collect::<Vec<_>>()
    );
}
