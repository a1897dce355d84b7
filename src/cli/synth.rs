//! `axial synth`, for developers: a synthetic project, deterministic from a seed, to measure
//! Axial at scale.

use anyhow::{Context, Result};
use std::path::PathBuf;

/// Writes a synthetic project of a named size (scaled by `documents`, `codes`, `codings`).
pub(super) fn synth(
    output: PathBuf,
    size: String,
    seed: u64,
    documents: Option<usize>,
    codes: Option<usize>,
    codings: Option<usize>,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let mut spec = axial_core::synth::SynthSpec::named(&size)
        .with_context(|| format!("there is no size \u{201c}{size}\u{201d}; use tiny, thesis or large"))?;
    spec.seed = seed;
    spec.documents = documents.unwrap_or(spec.documents);
    spec.codes = codes.unwrap_or(spec.codes);
    spec.codings = codings.unwrap_or(spec.codings);
    let started = std::time::Instant::now();
    let s = axial_core::synth::generate(&output, &spec, |_, _| {})?;
    writeln!(
        out,
        "Wrote {} in {:.1} s: {} documents, {} words, {} codes, {} concepts, {} categories, {} codings, {} memos, {} cases",
        output.display(),
        started.elapsed().as_secs_f64(),
        s.documents,
        s.words,
        s.codes,
        s.concepts,
        s.categories,
        s.codings,
        s.memos,
        s.cases
    )?;
    Ok(())
}
