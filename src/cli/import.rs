//! `axial import`: transcripts (all or nothing) or an Axial project JSON, into a project.

use anyhow::{Result, bail};
use axial_core::project::{self, Access};
use std::path::{Path, PathBuf};

/// What to do with files whose title a document already has.
pub(super) struct Existing {
    pub again: bool,
    pub skip_existing: bool,
}

/// The theoretical sampling log written when importing: why the interviews were sought and the
/// category they were to develop, set as attributes of every imported document.
pub(super) struct Sampling {
    pub because: Option<String>,
    pub to_develop: Option<String>,
}

impl Sampling {
    fn attributes(&self) -> Vec<(String, String)> {
        use axial_core::analysis::saturation::{SAMPLED_BECAUSE, TO_DEVELOP};
        [(SAMPLED_BECAUSE, &self.because), (TO_DEVELOP, &self.to_develop)]
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value.as_ref()?.trim().to_owned())))
            .filter(|(_, value)| !value.is_empty())
            .collect()
    }
}

/// Imports transcripts or a project JSON and says what came in.
pub(super) fn import(
    path: PathBuf,
    inputs: Vec<PathBuf>,
    Existing { again, skip_existing }: Existing,
    sampling: Sampling,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let notes = sampling.attributes();
    let mut store = project::open(&path, Access::Write)?;
    let exchange: Vec<&PathBuf> =
        inputs.iter().filter(|p| has_extension(p, "qdpx") || has_extension(p, "qdc")).collect();
    if !notes.is_empty() && (!exchange.is_empty() || inputs.iter().any(|p| has_extension(p, "json"))) {
        bail!("--sampled-because and --to-develop go with transcripts; a project brings its documents' own attributes");
    }
    if let [file] = exchange.as_slice() {
        if inputs.len() > 1 {
            bail!("import a QDPX project or QDC codebook on its own, not together with other files");
        }
        return import_exchange(&mut store, &path, file, out);
    } else if !exchange.is_empty() {
        bail!("import one QDPX project or QDC codebook at a time");
    }
    let json: Vec<&PathBuf> = inputs.iter().filter(|p| has_extension(p, "json")).collect();
    if !json.is_empty() {
        if inputs.len() > 1 {
            bail!("import a project JSON on its own, not together with other files");
        }
        let imported = project::import_project_json(&mut store, json[0])?;
        let n = imported.documents;
        writeln!(out, "Imported the project {} ({n} documents) into {}", json[0].display(), path.display())?;
        for warning in &imported.warnings {
            eprintln!("axial: warning: {warning}");
        }
        return Ok(());
    }
    // Every file is read before the project is touched (all or nothing).
    let sources = axial_core::io::import::read_all(&inputs)?;
    let titles: std::collections::HashSet<String> = store.load()?.documents().map(|d| d.title.clone()).collect();
    let (existing, sources): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| titles.contains(&s.title));
    let sources = match (existing.is_empty(), again, skip_existing) {
        (true, _, _) | (false, false, true) => sources,
        (false, true, _) => existing.into_iter().chain(sources).collect(),
        (false, false, false) => {
            let names: Vec<String> = existing.iter().map(|s| format!("\u{201c}{}\u{201d}", s.title)).collect();
            bail!(
                "the project already has {} {}; import again as copies with --again, or leave them out with --skip-existing",
                if names.len() == 1 { "a document titled" } else { "documents titled" },
                names.join(", ")
            );
        }
    };
    if sources.is_empty() {
        writeln!(out, "Nothing to import: every file is in {} already", path.display())?;
        return Ok(());
    }
    let (imported, _) = project::add_sources_with(&mut store, sources, &notes)?;
    for d in &imported {
        let speakers = if d.speakers.is_empty() {
            "no speaker turns".to_owned()
        } else {
            format!("speakers: {}", d.speakers.join(", "))
        };
        writeln!(out, "  {} ({}, {} characters, {speakers})", d.title, d.format, d.characters)?;
    }
    writeln!(out, "Imported {} document(s) into {}", imported.len(), path.display())?;
    // A warning is not a failure: the documents are in, the exit code stays 0.
    for warning in imported.iter().flat_map(|d| &d.warnings) {
        eprintln!("axial: warning: {warning}");
    }
    Ok(())
}

/// Imports another tool's project (QDPX) or codebook (QDC) and says what came in, how
/// positions were counted and what could not be carried over (on standard error, as warnings).
fn import_exchange(
    store: &mut axial_core::store::Store,
    path: &Path,
    file: &Path,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    if has_extension(file, "qdc") {
        let imported = project::import_qdc(store, file)?;
        writeln!(
            out,
            "Imported the codebook {} into {}: {} new, {} already in the project",
            file.display(),
            path.display(),
            imported.added.len(),
            imported.matched
        )?;
        for added in &imported.added {
            writeln!(out, "  added {added}")?;
        }
        for warning in &imported.warnings {
            eprintln!("axial: warning: {warning}");
        }
        return Ok(());
    }
    let imported = project::import_qdpx(store, file)?;
    writeln!(
        out,
        "Imported the QDPX project {} into {}: {} documents, {} codings, {} memos, {} new codes, concepts and categories",
        file.display(),
        path.display(),
        imported.documents,
        imported.codings,
        imported.memos,
        imported.added.len()
    )?;
    if let Some(positions) = &imported.positions {
        writeln!(out, "  {positions}")?;
    }
    for warning in &imported.warnings {
        eprintln!("axial: warning: {warning}");
    }
    Ok(())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
