//! The Persian sample (sample_projects/persian_bank_interview): a right-to-left interview with
//! English words, Persian and Latin digits, Persian punctuation and zero-width non-joiners. It
//! must load as a sample folder without warnings, its codings must cut exactly their quotes out
//! of the text as Axial reads it, and its speaker turns must be recognised.

mod common;
use common::*;
use serde_json::Value;

const NAME: &str = "persian_bank_interview";
const TITLE: &str = "مصاحبه\u{200c}ی ۱: مدیر شعبه";
const PHENOMENON: &str = "شناخت مشتری در شعبه";
const STRATEGIES: &str = "ثبت و تحلیل دانش مشتری";

/// The whole sample as Axial exports it (texts inline, quotes cut by Axial).
fn exported() -> Value {
    let path = sample(NAME);
    serde_json::from_str(&ok(&["export", s(&path), "--format", "project-json", "-o", "-"])).unwrap()
}

fn document_text(project: &Value) -> String {
    project["documents"][0]["text"].as_str().unwrap().to_owned()
}

/// Right-to-left letters: Arabic script (Persian uses its Arabic block and presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

#[test]
fn opens_as_a_sample_folder_without_warnings() {
    let folder = sample(NAME);
    assert!(axial_core::project::is_sample_folder(&folder));
    // Imported by hand, the import's warnings (a repaired byte, say) are at hand: there are none.
    let mut store = axial_core::store::Store::in_memory(NAME).unwrap();
    let imported = axial_core::project::import_project_json(&mut store, &folder.join("project.json")).unwrap();
    assert_eq!(imported.documents, 1);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    // And through the binary: the sample folder opens read-only, with nothing on stderr.
    let r = axial(&["info", s(&folder)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(
        r.stdout.contains("1 documents, 1 cases, 10 codes, 4 concepts, 2 categories, 20 codings, 4 memos, 1 relations"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Paradigm model: 2 of 2 categories placed"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{TITLE}  [")), "{}", r.stdout);
    assert!(r.stdout.contains("2 speakers, 20 codings"), "{}", r.stdout);
}

#[test]
fn the_text_is_right_to_left_with_mixed_content() {
    let text = document_text(&exported());
    let rtl = text.chars().filter(|&c| is_rtl_letter(c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    assert!(rtl * 10 > letters * 8, "mostly right-to-left letters: {rtl} of {letters}");
    // What stresses a bidirectional layout: Latin words and digits inside Persian sentences,
    // Persian digits, Persian punctuation, guillemets, parentheses, and the zero-width non-joiner.
    for needle in [
        "CRM (Customer Relationship Management)",
        "SMS",
        "(OTP)",
        "Excel",
        "25%",
        "3.2",
        "(یعنی ۱۴۰۲)",
        "۳۰٪",
        "«تماس با ما»",
        "می\u{200c}خواهیم",
        "،",
        "؛",
        "؟",
    ] {
        assert!(text.contains(needle), "the transcript has {needle:?}");
    }
    assert!(text.matches('\u{200c}').count() > 50, "Persian spelling uses the ZWNJ throughout");
    // Persian letters, not their Arabic look-alikes (Arabic yeh, kaf and alef maksura).
    assert!(!text.contains(['\u{064A}', '\u{0643}', '\u{0649}']), "Persian yeh and keheh only");
    // The file is the text Axial holds: nothing normalised away, offsets count the same.
    let file = std::fs::read_to_string(sample(NAME).join("transcripts/interview_P01.txt")).unwrap();
    assert_eq!(file, text);
}

#[test]
fn every_quote_is_the_text_at_its_offsets() {
    let project = exported();
    let text: Vec<char> = document_text(&project).chars().collect();
    let codings = project["codings"].as_array().unwrap();
    assert_eq!(codings.len(), 20);
    // The sample file's own offsets and quotes, as written, against the text as Axial reads it.
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(sample(NAME).join("project.json")).unwrap()).unwrap();
    let written = file["codings"].as_array().unwrap();
    assert_eq!(written.len(), codings.len());
    for (exported, written) in codings.iter().zip(written) {
        let (start, end) = (exported["start"].as_u64().unwrap() as usize, exported["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= text.len());
        let at: String = text[start..end].iter().collect();
        assert_eq!(exported["quote"].as_str().unwrap(), at, "quote at {start}..{end}");
        assert_eq!(written["quote"].as_str().unwrap(), at, "the sample's own quote at {start}..{end}");
        assert_eq!((&written["start"], &written["end"]), (&exported["start"], &exported["end"]));
        assert_eq!(written["code"], exported["code"]);
        // Every passage is the interviewee's, in one paragraph, and starts and ends on whole words.
        assert!(!at.contains('\n'), "{at}");
        assert!(!at.starts_with(char::is_whitespace) && !at.ends_with(char::is_whitespace), "{at:?}");
        assert!(at.chars().any(is_rtl_letter), "{at}");
    }
}

#[test]
fn counts_and_the_category_model() {
    let project = exported();
    let names = |key: &str| -> Vec<String> {
        project[key].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(project["documents"].as_array().unwrap().len(), 1);
    assert_eq!(project["documents"][0]["title"], TITLE);
    assert_eq!(names("codes").len(), 10);
    assert_eq!(names("concepts").len(), 4);
    assert_eq!(names("categories"), [PHENOMENON, STRATEGIES]);
    assert_eq!(project["memos"].as_array().unwrap().len(), 4);
    let classes: Vec<&str> =
        project["categories"].as_array().unwrap().iter().map(|c| c["class"].as_str().unwrap()).collect();
    assert_eq!(classes, ["phenomenon", "strategies"]);
    assert_eq!(project["relations"].as_array().unwrap().len(), 1);
    assert_eq!(project["relations"][0]["from"], STRATEGIES);
    assert_eq!(project["relations"][0]["to"], PHENOMENON);
    assert_eq!(project["relations"][0]["kind"], "is strategy for");
    // Code names are Persian (one opens with a Latin acronym); every definition is in English
    // and every code is placed in a concept and used at least once.
    let codings = project["codings"].as_array().unwrap();
    for code in project["codes"].as_array().unwrap() {
        let name = code["name"].as_str().unwrap();
        assert!(name.chars().any(is_rtl_letter), "{name}");
        let definition = code["definition"].as_str().unwrap();
        assert!(definition.is_ascii() && definition.len() > 60, "{name}: {definition}");
        assert!(code["concept"].is_string(), "{name}");
        assert!(codings.iter().any(|c| c["code"] == name), "{name} is used");
    }
    assert!(names("codes").iter().any(|n| n.starts_with("CRM ")), "a name that starts left to right");
    // The cube counts every reference (every code has a value on each dimension).
    let model: Value = serde_json::from_str(&ok(&["export", s(&sample(NAME)), "--format", "json", "-o", "-"])).unwrap();
    assert_eq!(model["cube"]["unassigned_references"], 0);
}

#[test]
fn the_document_has_a_faithful_english_gloss() {
    let project = exported();
    let memos = project["memos"].as_array().unwrap();
    let gloss = memos
        .iter()
        .find(|m| m["on"] == "document" && m["title"] == "English gloss")
        .expect("a memo \u{201c}English gloss\u{201d} on the document");
    assert_eq!(gloss["target"], TITLE);
    let gloss = gloss["text"].as_str().unwrap();
    assert!(gloss.is_ascii(), "the gloss is in English");
    assert!(gloss.contains("CRM (Customer Relationship Management)"), "{gloss}");
    // Turn by turn: as many turns of each speaker as the transcript has.
    let text = document_text(&project);
    for label in ["Interviewer:", "P01:"] {
        let turns = |t: &str| t.lines().filter(|l| l.starts_with(label)).count();
        assert_eq!(turns(gloss), turns(&text), "{label} turns");
    }
    // The category memos carry an English gloss after the Persian.
    for category in [PHENOMENON, STRATEGIES] {
        let memo = memos.iter().find(|m| m["on"] == "category" && m["target"] == category).unwrap();
        assert!(memo["text"].as_str().unwrap().contains("\n\nEnglish gloss: "), "{category}");
    }
}

#[test]
fn speaker_turns_are_recognised() {
    let text = document_text(&exported());
    assert_eq!(axial_core::io::speakers::speakers(&text), ["Interviewer", "P01"]);
    let turns = axial_core::io::speakers::turns(&text);
    assert_eq!(turns.len(), 18);
    assert_eq!(turns.iter().filter(|t| t.speaker == "P01").count(), 9);
    // A retrieved passage names its speaker turn, and quotes the Persian exactly.
    let r = axial(&["report", s(&sample(NAME)), "retrieval", "--category", PHENOMENON]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(r.stdout.starts_with(&format!("8 passages of the category \u{201c}{PHENOMENON}\u{201d}")), "{}", r.stdout);
    assert!(r.stdout.contains(" · P01 · وفاداری از راه شناخته\u{200c}شدن · "), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("[«بانک\u{200c}های دیگر اپلیکیشن بهتری دارند، ولی این\u{200c}جا کسی اسم مرا می\u{200c}داند.»]")
    );
}

#[test]
fn the_reports_run_cleanly() {
    let folder = sample(NAME);
    for kind in ["paradigm", "frequencies", "cube", "cooccurrence", "saturation", "memos"] {
        let r = axial(&["report", s(&folder), kind]);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{kind}: {}", r.stderr);
    }
    let paradigm = ok(&["report", s(&folder), "paradigm"]);
    assert!(paradigm.contains(&format!("{STRATEGIES} --is strategy for--> {PHENOMENON}")), "{paradigm}");
    let frequencies: Value =
        serde_json::from_str(&ok(&["report", s(&folder), "frequencies", "--format", "json"])).unwrap();
    let text = frequencies.to_string();
    assert!(text.contains(PHENOMENON) && text.contains(STRATEGIES), "{text}");
}

#[test]
fn the_app_lists_it_among_the_bundled_samples() {
    let samples = axial::app::samples::bundled_samples();
    assert!(samples.iter().any(|p| p.ends_with(NAME)), "{samples:?}");
    assert!(samples[0].ends_with("crm_knowledge_creation"), "the CRM study stays first");
}
