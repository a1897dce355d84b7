//! `axial export`: the category model, the whole project or the paradigm diagram, to a file
//! (written atomically, never over a project) or to standard output.

use super::values::{ExportFormat, UnitArg};
use anyhow::{Context, Result, bail};
use axial_core::analysis::units::{self, TurnIndex, Unit};
use axial_core::io::export::Export;
use axial_core::project::{self, Access};
use std::path::{Path, PathBuf};

/// Exports a project in `format` to `output`.
pub(super) fn export(
    path: PathBuf,
    format: ExportFormat,
    output: PathBuf,
    unit: UnitArg,
    passages: super::report::PassageArgs,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    check_export_target(&path, &output)?;
    let unit = Unit::from(unit);
    if unit != Unit::Passage && format != ExportFormat::Json {
        bail!("--unit applies to the category model (--format json) only");
    }
    if passages.given() && format != ExportFormat::QuotesCsv {
        bail!(
            "--code, --concept, --category, --class, --case, --attribute and --coder apply to the quotes formats only"
        );
    }
    let store = project::open(&path, Access::Read)?;
    let p = store.load()?;
    // The exports the window writes too: the same bytes (the ids only where they are carried).
    let render = |export: Export| export.render(&p, export.carries_ids().then(|| store.file_uids()).flatten().as_ref());
    let bytes = match format {
        ExportFormat::QuotesCsv => {
            let (scope, filter) = (passages.scope(&p)?, passages.filter(&p)?);
            let found = axial_core::analysis::retrieval::filtered(&p, scope, &filter, &mut TurnIndex::default());
            let title = passages.title(&p, scope, &filter);
            axial_core::report::retrieval::render(&p, &title, &found, axial_core::report::Format::Csv).into_bytes()
        }
        ExportFormat::CooccurrenceCsv => {
            use axial_core::analysis::cooccurrence::{self, Level, Near};
            // As `axial report cooccurrence` by default: codes on overlapping passages.
            let m = cooccurrence::matrix(&p, Level::Code, Near::Overlap, &mut TurnIndex::default());
            axial_core::report::cooccurrence::render(&p, &m, axial_core::report::Format::Csv).into_bytes()
        }
        ExportFormat::SaturationCsv => {
            let s = axial_core::analysis::saturation::saturation(&p);
            axial_core::report::saturation::render(&s, axial_core::report::Format::Csv).into_bytes()
        }
        ExportFormat::CodingsCsv => axial_core::report::codings::csv(&p).into_bytes(),
        ExportFormat::Json if unit != Unit::Passage => {
            let tallies = units::tallies(&p, unit, &mut TurnIndex::default());
            let h = axial_core::analysis::hierarchy::Hierarchy::build(&p);
            let model = axial_core::io::category_model::category_model_in(&p, &h, &tallies, unit);
            (serde_json::to_string_pretty(&model)? + "\n").into_bytes()
        }
        ExportFormat::Json => render(Export::CategoryModel)?,
        ExportFormat::ProjectJson => render(Export::ProjectJson)?,
        ExportFormat::Svg => render(Export::DiagramSvg)?,
        ExportFormat::Png => render(Export::DiagramPng)?,
        ExportFormat::Qdpx => render(Export::Qdpx)?,
        ExportFormat::Qdc => render(Export::Qdc)?,
        ExportFormat::FrequenciesCsv => render(Export::FrequenciesCsv)?,
    };
    if output.as_os_str() == "-" {
        if format == ExportFormat::Qdpx {
            bail!("a QDPX archive is a zip file; give a file name such as study.qdpx, not -");
        }
        out.write_all(&bytes)?;
    } else {
        write_atomically(&output, &bytes)?;
        writeln!(out, "Wrote {}", output.display())?;
    }
    Ok(())
}

/// Writes an export atomically (see [`axial_core::io::export::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    axial_core::io::export::write_atomically(path, bytes)
        .with_context(|| format!("cannot write the export; check the folder: {}", path.display()))
}

/// Refuses an export that would overwrite a project file (the one exported or any other) or
/// a folder.
fn check_export_target(project: &Path, output: &Path) -> Result<()> {
    if output.as_os_str() == "-" {
        return Ok(());
    }
    if output.is_dir() {
        bail!("the output is a folder; give a file name such as model.json: {}", output.display());
    }
    let same = match (std::fs::canonicalize(project), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    // Its first 16 bytes only (it is checked before the project is opened, so this handle
    // cannot drop a lock of ours; see `store::file`).
    let is_project = std::fs::File::open(output)
        .and_then(|f| {
            let mut header = [0u8; 16];
            std::io::Read::read_exact(&mut std::io::Read::take(f, 16), &mut header).map(|()| header)
        })
        .is_ok_and(|h| &h == b"SQLite format 3\0");
    if same || is_project {
        bail!(
            "the output would overwrite a project file; choose another name such as model.json: {}",
            output.display()
        );
    }
    Ok(())
}
