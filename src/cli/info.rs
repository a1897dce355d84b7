//! `axial info`: what a project holds.

use anyhow::Result;

/// The summary `axial info` prints. It reads the project's outline, how many codings each
/// document has (from the index of codings by document) and the speakers counted when each
/// transcript was added; no transcript and no coding.
pub fn info(store: &axial_core::store::Store) -> Result<String> {
    use std::fmt::Write;
    let p = store.load_outline()?;
    let codings = store.codings_per_document()?;
    let speakers = store.speakers_per_document()?;
    let mut s = String::new();
    writeln!(s, "Project: {}", p.name())?;
    writeln!(
        s,
        "{} documents, {} cases, {} codes, {} concepts, {} categories, {} codings, {} memos, {} relations",
        p.documents().len(),
        p.cases().len(),
        p.codes().len(),
        p.concepts().len(),
        p.categories().len(),
        codings.values().sum::<usize>(),
        p.memos().len(),
        p.relations().len()
    )?;
    let placed = p.categories().filter(|c| c.class.is_some()).count();
    let core = p.core_category().and_then(|c| p.category(c)).map(|c| c.name.as_str()).unwrap_or("none yet");
    writeln!(s, "Paradigm model: {placed} of {} categories placed; core category: {core}", p.categories().len())?;
    let dims: Vec<String> =
        p.framework().dimensions.iter().map(|d| format!("{} ({})", d.key, d.values.len())).collect();
    writeln!(s, "Cube dimensions: {}", if dims.is_empty() { "none".into() } else { dims.join(" x ") })?;
    if p.documents().len() != 0 {
        writeln!(s, "\nDocuments")?;
        for d in p.documents() {
            let case = d.case.and_then(|c| p.case(c)).map(|c| format!("  [{}]", c.name)).unwrap_or_default();
            let codings = codings.get(&d.id).copied().unwrap_or(0);
            let speakers = speakers.get(&d.id).copied().unwrap_or(0);
            writeln!(s, "  {}{case}: {} characters, {speakers} speakers, {codings} codings", d.title, d.char_len())?;
        }
    }
    Ok(s)
}
