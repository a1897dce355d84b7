//! Exports as files: what each export writes (the same bytes from the command line and the
//! window) and how it is written (atomically: a reader never sees half a file).

use crate::model::Project;
use crate::report::Format;
use crate::report::cube::Layout;
use std::path::Path;

/// The exports Axial writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The category model, `axial.category-model/1`.
    CategoryModel,
    /// The whole project, lossless, `axial.project/1`.
    ProjectJson,
    /// The paradigm model diagram as SVG.
    DiagramSvg,
    /// The paradigm model diagram as PNG, at twice the SVG's size ([`crate::report::png`]).
    DiagramPng,
    /// The frequency report (references and documents at every level) as CSV.
    FrequenciesCsv,
    /// The paradigm model report (one row per code with its place) as CSV.
    ParadigmCsv,
    /// The cube as Table 6 (system x process by knowledge, with totals) as CSV.
    CubeCsv,
    /// The whole project for other tools: a REFI-QDA `.qdpx` archive.
    Qdpx,
    /// The codebook for other tools: a REFI-QDA `.qdc` file.
    Qdc,
}

impl Export {
    /// The file's bytes: UTF-8 text for every export but the PNG. The whole-project export
    /// carries the items' stable ids when `uids` are given (read from the project file).
    pub fn render(self, project: &Project, uids: Option<&crate::model::Uids>) -> Result<Vec<u8>, ExportError> {
        let text = match self {
            Export::CategoryModel => {
                serde_json::to_string_pretty(&super::category_model::category_model(project))
                    .expect("the category model serialises (plain JSON values)")
                    + "\n"
            }
            Export::ProjectJson => super::project_json::export_string(project, uids),
            Export::DiagramSvg => crate::report::diagram::svg(project),
            Export::DiagramPng => return Ok(crate::report::png::diagram(project)?),
            Export::FrequenciesCsv => crate::report::frequencies::render(project, Format::Csv),
            Export::ParadigmCsv => crate::report::paradigm::render(project, Format::Csv),
            Export::CubeCsv => cube_csv(project),
            Export::Qdpx => {
                let file = super::project_json::export(project, uids);
                return Ok(super::qdpx::qdpx(&file, &crate::model::now_rfc3339()));
            }
            Export::Qdc => super::qdpx::qdc(&super::project_json::export(project, uids)),
        };
        Ok(text.into_bytes())
    }

    /// Whether the export names items by their stable ids (a project file's, read for it).
    pub fn carries_ids(self) -> bool {
        matches!(self, Export::ProjectJson | Export::Qdpx | Export::Qdc)
    }

    /// A file name to suggest.
    pub fn default_file_name(self, project: &Project) -> String {
        let stem: String =
            project.name().chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
        match self {
            Export::CategoryModel => format!("{stem}-category-model.json"),
            Export::ProjectJson => format!("{stem}-project.json"),
            Export::DiagramSvg => format!("{stem}-paradigm.svg"),
            Export::DiagramPng => format!("{stem}-paradigm.png"),
            Export::FrequenciesCsv => format!("{stem}-frequencies.csv"),
            Export::ParadigmCsv => format!("{stem}-paradigm.csv"),
            Export::CubeCsv => format!("{stem}-cube.csv"),
            Export::Qdpx => format!("{stem}.qdpx"),
            Export::Qdc => format!("{stem}-codebook.qdc"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Export::CategoryModel => "category model",
            Export::ProjectJson => "whole project",
            Export::DiagramSvg | Export::DiagramPng => "paradigm diagram",
            Export::FrequenciesCsv => "frequencies",
            Export::ParadigmCsv => "paradigm model table",
            Export::CubeCsv => "cube",
            Export::Qdpx => "project for other tools",
            Export::Qdc => "codebook for other tools",
        }
    }

    /// Every export, in menu order.
    pub const ALL: [Export; 9] = [
        Export::CategoryModel,
        Export::ProjectJson,
        Export::DiagramSvg,
        Export::DiagramPng,
        Export::FrequenciesCsv,
        Export::ParadigmCsv,
        Export::CubeCsv,
        Export::Qdpx,
        Export::Qdc,
    ];

    /// The menu entry.
    pub fn menu_label(self) -> &'static str {
        match self {
            Export::CategoryModel => "Category model (JSON)…",
            Export::ProjectJson => "Whole project (JSON)…",
            Export::DiagramSvg => "Paradigm diagram (SVG)…",
            Export::DiagramPng => "Paradigm diagram (PNG)…",
            Export::FrequenciesCsv => "Frequencies (CSV)…",
            Export::ParadigmCsv => "Paradigm model table (CSV)…",
            Export::CubeCsv => "Cube, Table 6 (CSV)…",
            Export::Qdpx => "Project for NVivo, ATLAS.ti, MAXQDA… (QDPX)…",
            Export::Qdc => "Codebook for other tools (QDC)…",
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Png(#[from] crate::report::png::PngError),
}

/// Table 6 as `axial report PROJECT cube --format csv` writes it; with fewer than three cube
/// dimensions (no such table), every cell with its count.
fn cube_csv(project: &Project) -> String {
    let cube = crate::analysis::cube::cube(project);
    if let Some(layout) = Layout::default_for(&cube)
        && let Ok(csv) = crate::report::cube::table6(&cube, &layout, Format::Csv)
    {
        return csv;
    }
    let mut header: Vec<String> = cube.dimensions.iter().map(|d| d.key.clone()).collect();
    header.push("references".into());
    let mut t = crate::report::Table::new(header);
    for (key, n) in &cube.cells {
        let mut row = key.clone();
        row.push(n.to_string());
        t.row(row);
    }
    t.to_csv()
}

/// Writes to a temporary file beside `path` (hidden, named for this process and call, so two
/// exports at once never share one), flushes it to disk, then renames it over `path`: a reader
/// never sees half a file, a kill at any moment leaves the old file or the new one, and a failed
/// export leaves the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The new name itself is on disk (best effort: not every system syncs a folder).
    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_at_once_each_write_whole_and_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        std::fs::write(&path, "old").unwrap();
        let threads: Vec<_> = (0..16u8)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || write_atomically(&path, &vec![b'a' + i; 200_000]).unwrap())
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 200_000);
        assert!(bytes.iter().all(|b| *b == bytes[0]), "one export's bytes, not a mix");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn a_failed_export_leaves_the_old_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        std::fs::create_dir(&path).unwrap(); // renaming a file over a folder fails
        assert!(write_atomically(&path, b"new").is_err());
        assert!(path.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }
}
