//! Exports as files: what each export writes (the same bytes from the command line and the
//! window) and how it is written (atomically: a reader never sees half a file).

use crate::analysis::retrieval::{Filter, Passage, Scope};
use crate::analysis::units::Counting;
use crate::model::Project;
use crate::report::Format;
use crate::report::cube::Layout;
use std::path::Path;

/// The exports Axial writes of a whole project (the quotes of one item: [`quotes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Export {
    /// The category model, `axial.category-model/2`.
    CategoryModel,
    /// The whole project, lossless, `axial.project/2`.
    ProjectJson,
    /// The paradigm model as a figure fit to print ([`crate::report::figure`]), as SVG.
    DiagramSvg,
    /// The figure as PNG at 300 dpi for its printed width.
    DiagramPng,
    /// The figure as a one-page vector PDF.
    DiagramPdf,
    /// The conditional/consequential matrix ([`crate::report::figure::matrix`]) as SVG, PNG
    /// at 300 dpi and PDF.
    MatrixSvg,
    MatrixPng,
    MatrixPdf,
    /// The category model as a table (class, category, concept, code, definition, counts).
    ModelCsv,
    ModelMarkdown,
    ModelDocx,
    /// One of the cube's tables (6, 7 or 8 of the paper) as CSV.
    CubeCsv(CubeTable),
    /// Tables 6, 7 and 8 with the counting unit stated.
    CubeMarkdown,
    CubeDocx,
    /// References and documents at every level of the model.
    FrequenciesCsv,
    FrequenciesMarkdown,
    FrequenciesDocx,
    /// Codes on overlapping passages (as `axial report cooccurrence` by default).
    CooccurrenceCsv,
    CooccurrenceMarkdown,
    CooccurrenceDocx,
    /// New and cumulative codes, concepts and categories per interview.
    SaturationCsv,
    /// The saturation table with its curve (Word: the curve embedded).
    SaturationMarkdown,
    SaturationDocx,
    /// The saturation curve as a figure.
    SaturationSvg,
    SaturationPng,
    /// Every coding with its document, case, place in the model, coder, date and quote.
    CodingsCsv,
    /// One self-contained HTML page for a thesis appendix: codebook, figure, cube, frequencies,
    /// saturation, quotes per category.
    Html,
    /// The whole project for other tools: a REFI-QDA `.qdpx` archive.
    Qdpx,
    /// The codebook for other tools: a REFI-QDA `.qdc` file.
    Qdc,
}

/// Which of the paper's cube tables a CSV holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CubeTable {
    /// System x process by knowledge, with totals.
    Six,
    /// The three two-way tables.
    Seven,
    /// Table 6's cells binned Low to High.
    Eight,
}

/// Where an export sits in the Export menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Figures,
    Tables,
    Report,
    Exchange,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Figures, Group::Tables, Group::Report, Group::Exchange];

    pub fn label(self) -> &'static str {
        match self {
            Group::Figures => "Figures",
            Group::Tables => "Tables",
            Group::Report => "Report",
            Group::Exchange => "Data and other tools",
        }
    }
}

impl Export {
    /// The file's bytes. The whole-project exports carry the items' stable ids when `uids` are
    /// given (read from the project file).
    pub fn render(self, project: &Project, uids: Option<&crate::model::Uids>) -> Result<Vec<u8>, ExportError> {
        self.render_counted(project, uids, Counting::default())
    }

    /// As [`Export::render`], the category model and the cube counted in `counting`'s unit under
    /// its rule (the other exports count every coded passage).
    pub fn render_counted(
        self,
        project: &Project,
        uids: Option<&crate::model::Uids>,
        counting: Counting,
    ) -> Result<Vec<u8>, ExportError> {
        use crate::report::{document, figure, saturation_curve, thesis};
        let saturation_svg =
            || saturation_curve::svg(&crate::analysis::saturation::saturation(project), project.name());
        let text = match self {
            Export::CategoryModel => {
                let model = if counting == Counting::default() {
                    crate::report::category_model::category_model(project)
                } else {
                    let tallies = crate::analysis::units::tallies(
                        project,
                        counting.unit,
                        counting.rule,
                        &mut crate::analysis::units::TurnIndex::default(),
                    );
                    let h = crate::analysis::hierarchy::Hierarchy::build(project);
                    crate::report::category_model::category_model_in(project, &h, &tallies, counting)
                };
                serde_json::to_string_pretty(&model).expect("the category model serialises (plain JSON values)") + "\n"
            }
            Export::ProjectJson => crate::io::project_json::export_string(project, uids),
            Export::DiagramSvg => figure::svg(project),
            Export::DiagramPng => return Ok(figure::png(project)?),
            Export::DiagramPdf => return Ok(figure::pdf(project)?),
            Export::MatrixSvg => figure::matrix::svg(project),
            Export::MatrixPng => return Ok(figure::matrix::png(project)?),
            Export::MatrixPdf => return Ok(figure::matrix::pdf(project)?),
            Export::ModelCsv => thesis::model_csv(project),
            Export::ModelMarkdown => document::to_markdown(&thesis::model(project)),
            Export::ModelDocx => return Ok(document::to_docx(&thesis::model(project))),
            Export::CubeCsv(table) => cube_csv(project, table, counting),
            Export::CubeMarkdown => document::to_markdown(&thesis::cube_counted(project, counting)),
            Export::CubeDocx => return Ok(document::to_docx(&thesis::cube_counted(project, counting))),
            Export::FrequenciesCsv => crate::report::frequencies::render(project, Format::Csv),
            Export::CooccurrenceCsv => {
                use crate::analysis::cooccurrence::{Level, Near, matrix};
                let m = matrix(project, Level::Code, Near::Overlap, &mut crate::analysis::units::TurnIndex::default());
                crate::report::cooccurrence::render(project, &m, Format::Csv)
            }
            Export::SaturationCsv => {
                crate::report::saturation::render(&crate::analysis::saturation::saturation(project), Format::Csv)
            }
            Export::FrequenciesMarkdown => document::to_markdown(&thesis::frequencies(project)),
            Export::FrequenciesDocx => return Ok(document::to_docx(&thesis::frequencies(project))),
            Export::CooccurrenceMarkdown => document::to_markdown(&thesis::cooccurrence(project)),
            Export::CooccurrenceDocx => return Ok(document::to_docx(&thesis::cooccurrence(project))),
            Export::SaturationMarkdown => document::to_markdown(&thesis::saturation(project, None)),
            Export::SaturationDocx => {
                return Ok(document::to_docx(&thesis::saturation(project, Some(&saturation_svg()))));
            }
            Export::SaturationSvg => saturation_svg(),
            Export::SaturationPng => {
                return Ok(crate::report::png::rasterise(&saturation_svg(), figure::DPI / 96.0)?);
            }
            Export::CodingsCsv => crate::report::codings::csv(project),
            Export::Html => document::to_html(&thesis::report(project, &figure::svg(project), Some(&saturation_svg()))),
            Export::Qdpx => {
                let file = crate::io::project_json::export(project, uids);
                return Ok(crate::io::qdpx::qdpx(&file, &crate::model::now_rfc3339()));
            }
            Export::Qdc => crate::io::qdpx::qdc(&crate::io::project_json::export(project, uids)),
        };
        Ok(text.into_bytes())
    }

    /// Whether the export names items by their stable ids (a project file's, read for it).
    pub fn carries_ids(self) -> bool {
        matches!(self, Export::ProjectJson | Export::Qdpx | Export::Qdc)
    }

    /// A file name to suggest: the project's name, what it holds, the format's extension.
    pub fn default_file_name(self, project: &Project) -> String {
        let stem = file_stem(project);
        match self {
            Export::CategoryModel => format!("{stem}-category-model.json"),
            Export::ProjectJson => format!("{stem}-project.json"),
            Export::Qdpx => format!("{stem}.qdpx"),
            Export::Qdc => format!("{stem}-codebook.qdc"),
            Export::Html => format!("{stem}-report.html"),
            _ => format!("{stem}-{}.{}", self.slug(), self.extension()),
        }
    }

    /// What the file holds, in a file name.
    fn slug(self) -> &'static str {
        match self {
            Export::DiagramSvg | Export::DiagramPng | Export::DiagramPdf => "paradigm",
            Export::MatrixSvg | Export::MatrixPng | Export::MatrixPdf => "matrix",
            Export::ModelCsv | Export::ModelMarkdown | Export::ModelDocx => "category-model",
            Export::CubeCsv(CubeTable::Six) => "cube-table6",
            Export::CubeCsv(CubeTable::Seven) => "cube-table7",
            Export::CubeCsv(CubeTable::Eight) => "cube-table8",
            Export::CubeMarkdown | Export::CubeDocx => "cube",
            Export::FrequenciesCsv | Export::FrequenciesMarkdown | Export::FrequenciesDocx => "frequencies",
            Export::CooccurrenceCsv | Export::CooccurrenceMarkdown | Export::CooccurrenceDocx => "cooccurrence",
            Export::SaturationCsv
            | Export::SaturationSvg
            | Export::SaturationPng
            | Export::SaturationMarkdown
            | Export::SaturationDocx => "saturation",
            Export::CodingsCsv => "codings",
            Export::CategoryModel | Export::ProjectJson | Export::Html | Export::Qdpx | Export::Qdc => "export",
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Export::CategoryModel | Export::ProjectJson => "json",
            Export::DiagramSvg | Export::SaturationSvg | Export::MatrixSvg => "svg",
            Export::DiagramPng | Export::SaturationPng | Export::MatrixPng => "png",
            Export::DiagramPdf | Export::MatrixPdf => "pdf",
            Export::ModelMarkdown
            | Export::CubeMarkdown
            | Export::FrequenciesMarkdown
            | Export::CooccurrenceMarkdown
            | Export::SaturationMarkdown => "md",
            Export::ModelDocx
            | Export::CubeDocx
            | Export::FrequenciesDocx
            | Export::CooccurrenceDocx
            | Export::SaturationDocx => "docx",
            Export::Html => "html",
            Export::Qdpx => "qdpx",
            Export::Qdc => "qdc",
            Export::ModelCsv
            | Export::CubeCsv(_)
            | Export::FrequenciesCsv
            | Export::CooccurrenceCsv
            | Export::SaturationCsv
            | Export::CodingsCsv => "csv",
        }
    }

    /// What is being exported, for "Exporting the …".
    pub fn label(self) -> &'static str {
        match self {
            Export::CategoryModel => "category model",
            Export::ProjectJson => "whole project",
            Export::DiagramSvg | Export::DiagramPng | Export::DiagramPdf => "paradigm figure",
            Export::MatrixSvg | Export::MatrixPng | Export::MatrixPdf => "conditional/consequential matrix",
            Export::ModelCsv | Export::ModelMarkdown | Export::ModelDocx => "category model table",
            Export::CubeCsv(_) | Export::CubeMarkdown | Export::CubeDocx => "cube",
            Export::FrequenciesCsv | Export::FrequenciesMarkdown | Export::FrequenciesDocx => "frequencies",
            Export::CooccurrenceCsv | Export::CooccurrenceMarkdown | Export::CooccurrenceDocx => "co-occurrence",
            Export::SaturationCsv
            | Export::SaturationSvg
            | Export::SaturationPng
            | Export::SaturationMarkdown
            | Export::SaturationDocx => "saturation",
            Export::CodingsCsv => "codings",
            Export::Html => "report",
            Export::Qdpx => "project for other tools",
            Export::Qdc => "codebook for other tools",
        }
    }

    /// Every export, in menu order.
    pub const ALL: [Export; 31] = [
        Export::DiagramSvg,
        Export::DiagramPng,
        Export::DiagramPdf,
        Export::MatrixSvg,
        Export::MatrixPng,
        Export::MatrixPdf,
        Export::SaturationSvg,
        Export::SaturationPng,
        Export::ModelDocx,
        Export::ModelMarkdown,
        Export::ModelCsv,
        Export::CubeDocx,
        Export::CubeMarkdown,
        Export::CubeCsv(CubeTable::Six),
        Export::CubeCsv(CubeTable::Seven),
        Export::CubeCsv(CubeTable::Eight),
        Export::FrequenciesDocx,
        Export::FrequenciesMarkdown,
        Export::FrequenciesCsv,
        Export::CooccurrenceDocx,
        Export::CooccurrenceMarkdown,
        Export::CooccurrenceCsv,
        Export::SaturationDocx,
        Export::SaturationMarkdown,
        Export::SaturationCsv,
        Export::CodingsCsv,
        Export::Html,
        Export::CategoryModel,
        Export::ProjectJson,
        Export::Qdpx,
        Export::Qdc,
    ];

    /// The Export submenu it is in.
    pub fn group(self) -> Group {
        match self {
            Export::DiagramSvg
            | Export::DiagramPng
            | Export::DiagramPdf
            | Export::MatrixSvg
            | Export::MatrixPng
            | Export::MatrixPdf
            | Export::SaturationSvg
            | Export::SaturationPng => Group::Figures,
            Export::Html => Group::Report,
            Export::CategoryModel | Export::ProjectJson | Export::Qdpx | Export::Qdc => Group::Exchange,
            _ => Group::Tables,
        }
    }

    /// The menu entry.
    pub fn menu_label(self) -> &'static str {
        match self {
            Export::CategoryModel => "Category model (JSON)…",
            Export::ProjectJson => "Whole project (JSON)…",
            Export::DiagramSvg => "Paradigm figure (SVG)…",
            Export::DiagramPng => "Paradigm figure (PNG, 300 dpi)…",
            Export::DiagramPdf => "Paradigm figure (PDF)…",
            Export::MatrixSvg => "Conditional/consequential matrix (SVG)…",
            Export::MatrixPng => "Conditional/consequential matrix (PNG, 300 dpi)…",
            Export::MatrixPdf => "Conditional/consequential matrix (PDF)…",
            Export::SaturationSvg => "Saturation curve (SVG)…",
            Export::SaturationPng => "Saturation curve (PNG, 300 dpi)…",
            Export::ModelCsv => "Category model table (CSV)…",
            Export::ModelMarkdown => "Category model table (Markdown)…",
            Export::ModelDocx => "Category model table (Word)…",
            Export::CubeCsv(CubeTable::Six) => "Cube, Table 6 (CSV)…",
            Export::CubeCsv(CubeTable::Seven) => "Cube, Table 7 (CSV)…",
            Export::CubeCsv(CubeTable::Eight) => "Cube, Table 8 (CSV)…",
            Export::CubeMarkdown => "Cube, Tables 6–8 (Markdown)…",
            Export::CubeDocx => "Cube, Tables 6–8 (Word)…",
            Export::FrequenciesCsv => "Frequencies (CSV)…",
            Export::FrequenciesMarkdown => "Frequencies (Markdown)…",
            Export::FrequenciesDocx => "Frequencies (Word)…",
            Export::CooccurrenceCsv => "Co-occurrence (CSV)…",
            Export::CooccurrenceMarkdown => "Co-occurrence (Markdown)…",
            Export::CooccurrenceDocx => "Co-occurrence (Word)…",
            Export::SaturationCsv => "Saturation (CSV)…",
            Export::SaturationMarkdown => "Saturation (Markdown)…",
            Export::SaturationDocx => "Saturation with its curve (Word)…",
            Export::CodingsCsv => "Every coding (CSV)…",
            Export::Html => "Report for an appendix (HTML)…",
            Export::Qdpx => "Project for NVivo, ATLAS.ti, MAXQDA… (QDPX)…",
            Export::Qdc => "Codebook for other tools (QDC)…",
        }
    }

    /// What the menu entry's tooltip says.
    pub fn description(self) -> &'static str {
        match self {
            Export::CategoryModel => {
                "The paradigm model with categories, concepts, codes, counts, relations and the cube (axial.category-model/2)"
            }
            Export::ProjectJson => "Everything, lossless, to import elsewhere (axial.project/2)",
            Export::MatrixSvg | Export::MatrixPng | Export::MatrixPdf => {
                "The categories by the level of their conditions, society to the individual, for the selective-coding chapter; 16 cm wide"
            }
            Export::DiagramSvg | Export::DiagramPng | Export::DiagramPdf => {
                "The paradigm model as a figure for a thesis: placed categories in full, relations routed around them, 16 cm wide"
            }
            Export::SaturationSvg | Export::SaturationPng => {
                "What each interview brought new: codes, concepts and categories, with their totals so far"
            }
            Export::ModelCsv | Export::ModelMarkdown | Export::ModelDocx => {
                "Class, category, concept and code with the code's definition and its references and documents"
            }
            Export::CubeCsv(_) => "The paper's table, as `axial report cube` writes it",
            Export::CubeMarkdown | Export::CubeDocx => "Tables 6, 7 and 8 of the cube, each with its counting unit",
            Export::FrequenciesCsv | Export::CooccurrenceCsv | Export::SaturationCsv => {
                "The same table the command line's report writes, as CSV"
            }
            Export::FrequenciesMarkdown | Export::FrequenciesDocx => {
                "References and documents per code, concept, category and class, with what is counted"
            }
            Export::CooccurrenceMarkdown | Export::CooccurrenceDocx => {
                "Pairs of codes on overlapping passages, with what is counted"
            }
            Export::SaturationMarkdown | Export::SaturationDocx => {
                "New and cumulative codes, concepts and categories per interview, and when new categories stopped"
            }
            Export::CodingsCsv => "Every coding with its document, case, place in the model, coder, date and quote",
            Export::Html => {
                "One page that opens offline: codebook, paradigm figure, cube tables, frequencies, saturation and the quotes of every category"
            }
            Export::Qdpx => "The whole project in the REFI-QDA standard other tools import",
            Export::Qdc => "The codebook in the REFI-QDA standard",
        }
    }
}

/// The project's name as a file name's stem: letters, digits and `-`, the rest `_`.
pub fn file_stem(project: &Project) -> String {
    stem_of(project.name())
}

fn stem_of(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// The formats the quotes of one item are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuotesFormat {
    Csv,
    Markdown,
    Docx,
}

impl QuotesFormat {
    pub const ALL: [QuotesFormat; 3] = [QuotesFormat::Docx, QuotesFormat::Markdown, QuotesFormat::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            QuotesFormat::Csv => "csv",
            QuotesFormat::Markdown => "md",
            QuotesFormat::Docx => "docx",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuotesFormat::Csv => "CSV",
            QuotesFormat::Markdown => "Markdown",
            QuotesFormat::Docx => "Word",
        }
    }
}

/// What a quotes export is of: "category “Trust”" (or two items compared: "… and …"), with
/// the filters ("(case “Anna”)").
pub fn quotes_title(project: &Project, scopes: &[Scope], filter: &Filter) -> String {
    let of = scopes.iter().map(|s| s.describe(project)).collect::<Vec<_>>().join(" and ");
    match filter.describe(project) {
        f if f.is_empty() => of,
        f => format!("{of} ({f})"),
    }
}

/// A file name for the quotes of `scopes`: the project's and the first item's names.
pub fn quotes_file_name(project: &Project, scopes: &[Scope], format: QuotesFormat) -> String {
    let item = scopes.first().map(|s| s.name(project)).unwrap_or_default();
    format!("{}-quotes-{}.{}", file_stem(project), stem_of(&item), format.extension())
}

/// The quotes titled `title` (see [`quotes_title`]): every passage given (the retrieval
/// view's, in its order) with its document, case, speaker and position.
pub fn quotes(project: &Project, title: &str, passages: &[Passage], format: QuotesFormat) -> Vec<u8> {
    use crate::report::{document, thesis};
    match format {
        QuotesFormat::Csv => crate::report::retrieval::render(project, title, passages, Format::Csv).into_bytes(),
        QuotesFormat::Markdown => document::to_markdown(&thesis::quotes(project, title, passages)).into_bytes(),
        QuotesFormat::Docx => document::to_docx(&thesis::quotes(project, title, passages)),
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Png(#[from] crate::report::png::PngError),
    #[error(transparent)]
    Pdf(#[from] crate::report::figure::PdfError),
}

/// One of the paper's tables as `axial report PROJECT cube --view tableN --format csv` writes
/// it; with fewer than three cube dimensions (no such table), every cell with its count.
fn cube_csv(project: &Project, table: CubeTable, counting: Counting) -> String {
    use crate::report::cube;
    let c = crate::analysis::cube::cube_in(
        project,
        counting.unit,
        counting.rule,
        &mut crate::analysis::units::TurnIndex::default(),
    );
    if let Some(layout) = Layout::default_for(&c) {
        let written = match table {
            CubeTable::Six => cube::table6(&c, &layout, Format::Csv),
            CubeTable::Seven => cube::table7(&c, &layout, Format::Csv),
            CubeTable::Eight => cube::table8(&c, &layout, cube::Bins::default(), Format::Csv),
        };
        if let Ok(csv) = written {
            return csv;
        }
    }
    let mut header: Vec<String> = c.dimensions.iter().map(|d| d.key.clone()).collect();
    header.push("references".into());
    let mut t = crate::report::Table::new(header);
    for (key, n) in &c.cells {
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
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A temporary file beside the target (a rename never crosses file systems), made with the
    // mode any new file gets (the umask applies), removed if anything fails before the rename.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
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
