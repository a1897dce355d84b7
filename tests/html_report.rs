//! The appendix report (`axial export --format html`) opened in a real browser: headless
//! Chromium (installed by `scripts/setup.sh test`) prints the page to PDF, and the PDF's text
//! layer is what a reader sees. Nothing is fetched: the page must show everything offline.

mod common;

use axial_core::model::Project;
use common::{ok, s, sample};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser: `AXIAL_CHROMIUM`, else Debian's chromium.
fn chromium() -> PathBuf {
    let path = std::env::var_os("AXIAL_CHROMIUM").map(PathBuf::from).unwrap_or_else(|| "/usr/bin/chromium".into());
    assert!(path.exists(), "no browser at {}: run `bash scripts/setup.sh test` (it installs chromium)", path.display());
    path
}

/// Runs headless Chromium on `page` with `args` (a fresh profile, no network services, no
/// sandbox: the tests run as root in CI).
fn browse(page: &Path, profile: &Path, args: &[String]) {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// What the browser shows of `page`, as text (printed to PDF, read back), whitespace folded.
fn shown_text(page: &Path, dir: &Path) -> String {
    let pdf = dir.join("printed.pdf");
    browse(page, &dir.join("profile"), &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()]);
    let text = axial_core::io::pdf::read_pdf(&std::fs::read(&pdf).unwrap()).expect("a PDF with text").text;
    fold(&text)
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn load(path: &Path) -> Project {
    axial_core::project::open(path, axial_core::project::Access::Read).unwrap().load().unwrap()
}

#[test]
fn the_appendix_report_shows_the_model_tables_and_quotes_in_a_browser() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("appendix.html");
    let project = sample("banking_ckm_crm");
    ok(&["export", s(&project), "--format", "html", "-o", s(&page)]);
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: no script, stylesheet, image or font fetched from anywhere.
    for external in ["<script", "<link", "src=\"http", "url(http", "@import"] {
        assert!(!html.contains(external), "the page refers outside itself: {external}");
    }
    let shown = shown_text(&page, dir.path());
    let p = load(&project);
    for category in p.categories() {
        assert!(shown.contains(&fold(&category.name)), "the page shows the category {:?}", category.name);
    }
    // Letters and digits only: a definition wraps in its narrow column, where the browser may
    // break a word at its hyphen.
    let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let shown_letters = letters(&shown);
    for code in p.codes().filter(|c| !c.definition.trim().is_empty()).take(10) {
        let start: String = letters(&code.definition).chars().take(40).collect();
        assert!(shown_letters.contains(&start), "the codebook shows the definition of {:?}", code.name);
    }
    for heading in ["Codebook", "Paradigm", "Table 6", "Table 7", "Table 8", "Frequencies", "Saturation", "Quotations"]
    {
        assert!(shown.to_lowercase().contains(&heading.to_lowercase()), "the page shows a section {heading:?}");
    }
    // Every coded passage of a placed category is quoted: the first words of a few of them.
    let mut checked = 0;
    for coding in p.codings().step_by(17).take(8) {
        let doc = p.document(coding.document).unwrap();
        let quote: String = doc.text.chars().skip(coding.start).take(coding.end - coding.start).collect();
        let words: Vec<&str> = quote.split_whitespace().take(6).collect();
        if p.placement(coding.code).category.is_some() && words.len() == 6 {
            assert!(shown.contains(&words.join(" ")), "the page quotes {:?}", words.join(" "));
            checked += 1;
        }
    }
    assert!(checked >= 4, "{checked} quotes checked");
    // A screenshot of the top of the page, for the eye (kept when AXIAL_SCREENSHOTS names a folder).
    if let Some(out) = std::env::var_os("AXIAL_SCREENSHOTS") {
        let shot = Path::new(&out).join("html-report.png");
        browse(
            &page,
            &dir.path().join("profile2"),
            &[format!("--screenshot={}", shot.display()), "--window-size=1280,1600".into()],
        );
    }
}

#[test]
fn the_cube_tables_in_the_browser_carry_the_samples_totals() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("appendix.html");
    let project = sample("crm_knowledge_creation");
    ok(&["export", s(&project), "--format", "html", "-o", s(&page)]);
    let shown = shown_text(&page, dir.path());
    let references = load(&project).codings().count();
    assert_eq!(references, 193);
    assert!(shown.contains("193"), "Table 6's grand total");
    assert!(shown.contains("Counting unit") || shown.contains("counting unit"), "the tables state their unit");
}
