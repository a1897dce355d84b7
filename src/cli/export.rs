//! `axial export`: figures, tables, quotes, the appendix report and the project for other
//! tools, to a file (written atomically, never over a project) or to standard output.

use super::values::{CubeTableArg, ExportFormat, UnitArg};
use anyhow::{Context, Result, bail};
use axial_core::analysis::units::{Counting, Rule, TurnIndex, Unit};
use axial_core::export::CubeTable;
use axial_core::project::{self, Access};
use std::path::{Path, PathBuf};

/// Exports a project in `format` to `output`.
pub(super) fn export(
    path: PathBuf,
    format: ExportFormat,
    output: PathBuf,
    options: ExportOptions,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    check_export_target(&path, &output)?;
    let ExportOptions { unit, rule, table, passages } = options;
    let counting = Counting { unit: Unit::from(unit), rule: Rule::from(rule) };
    let counted =
        matches!(format, ExportFormat::Json | ExportFormat::CubeCsv | ExportFormat::CubeMd | ExportFormat::CubeDocx);
    if counting != Counting::default() && !counted {
        bail!(
            "--unit and --rule apply to the category model (--format json) and the cube (cube-csv, cube-md, cube-docx) only"
        );
    }
    if passages.given() && format.quotes().is_none() {
        bail!(
            "--code, --concept, --category, --class, --case, --attribute and --coder apply to the quotes formats only (quotes-csv, quotes-md, quotes-docx)"
        );
    }
    if table.is_some() && format != ExportFormat::CubeCsv {
        bail!("--table applies to --format cube-csv only (cube-md and cube-docx hold all three tables)");
    }
    if output.as_os_str() == "-" && format.binary() {
        let extension = format.export(CubeTable::Six).map_or("docx", |e| e.extension());
        bail!("that format is a binary file, not text; give a file name such as thesis.{extension}, not -");
    }
    let store = project::open(&path, Access::Read)?;
    let p = store.load()?;
    let bytes = if let Some(quotes) = format.quotes() {
        let (scope, filter) = (passages.scope(&p)?, passages.filter(&p)?);
        let found = axial_core::analysis::retrieval::filtered(&p, scope, &filter, &mut TurnIndex::default());
        let title = axial_core::export::quotes_title(&p, &[scope], &filter);
        axial_core::export::quotes(&p, &title, &found, quotes)
    } else {
        let table = table.map_or(CubeTable::Six, CubeTable::from);
        let export = format.export(table).expect("every format but the quotes is a project export");
        // The same bytes the window writes (the ids only where they are carried).
        export.render_counted(&p, export.carries_ids().then(|| store.file_uids()).flatten().as_ref(), counting)?
    };
    if output.as_os_str() == "-" {
        out.write_all(&bytes)?;
    } else {
        write_atomically(&output, &bytes)?;
        writeln!(out, "Wrote {}", output.display())?;
    }
    Ok(())
}

/// What `axial export` takes besides the format and the output.
pub(super) struct ExportOptions {
    pub unit: UnitArg,
    pub rule: super::values::RuleArg,
    pub table: Option<CubeTableArg>,
    pub passages: super::report::PassageArgs,
}

/// Writes an export atomically (see [`axial_core::export::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    axial_core::export::write_atomically(path, bytes)
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
