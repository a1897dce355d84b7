//! The fixed choices options and arguments take (levels, formats, report kinds, units, cube
//! views), and the core types they stand for.

use axial_core::analysis::units::Unit;
use axial_core::report;
use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Code,
    Concept,
    Category,
}

impl From<LevelArg> for axial_core::edit::Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Code => Self::Code,
            LevelArg::Concept => Self::Concept,
            LevelArg::Category => Self::Category,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The category model (axial.category-model/2).
    Json,
    /// The whole project, lossless (axial.project/2).
    ProjectJson,
    /// The paradigm model as a figure for print (SVG, 16 cm wide).
    Svg,
    /// The figure as a picture (PNG, 300 dpi at its printed width).
    Png,
    /// The figure as a one-page vector PDF.
    Pdf,
    /// The conditional/consequential matrix: categories by the level of their conditions (SVG).
    MatrixSvg,
    /// The matrix as a picture (PNG, 300 dpi).
    MatrixPng,
    /// The matrix as a one-page vector PDF.
    MatrixPdf,
    /// The whole project for NVivo, ATLAS.ti, MAXQDA, QualCoder... (REFI-QDA .qdpx).
    Qdpx,
    /// The codebook for other tools (REFI-QDA .qdc).
    Qdc,
    /// Class, category, concept, code, definition, references and documents (CSV).
    ModelCsv,
    /// The category model table in Markdown.
    ModelMd,
    /// The category model table as a Word document.
    ModelDocx,
    /// One of the cube's tables (--table 6, 7 or 8), as `report cube` writes it.
    CubeCsv,
    /// Tables 6, 7 and 8 of the cube in Markdown, with the counting unit.
    CubeMd,
    /// Tables 6, 7 and 8 of the cube as a Word document.
    CubeDocx,
    /// References and documents per code, concept, category and class (as `report frequencies`).
    FrequenciesCsv,
    /// The frequencies in Markdown.
    FrequenciesMd,
    /// The frequencies as a Word document.
    FrequenciesDocx,
    /// Pairs of codes on overlapping passages (as `report cooccurrence`, its defaults).
    CooccurrenceCsv,
    /// Co-occurrence in Markdown.
    CooccurrenceMd,
    /// Co-occurrence as a Word document.
    CooccurrenceDocx,
    /// New codes, concepts and categories per interview (as `report saturation`).
    SaturationCsv,
    /// Saturation in Markdown.
    SaturationMd,
    /// Saturation with its curve as a Word document.
    SaturationDocx,
    /// The saturation curve (SVG).
    SaturationSvg,
    /// The saturation curve as a picture (PNG, 300 dpi).
    SaturationPng,
    /// Every passage of a code, concept, category or class (--code, --concept, --category, --class).
    QuotesCsv,
    /// The passages as quotations in Markdown.
    QuotesMd,
    /// The passages as quotations in a Word document.
    QuotesDocx,
    /// Every coding with its document, case, place in the model, coder, date and quote.
    CodingsCsv,
    /// One self-contained page for a thesis appendix (opens offline).
    Html,
}

impl ExportFormat {
    /// The quotes format, for the formats that write the passages of one item.
    pub fn quotes(self) -> Option<axial_core::export::QuotesFormat> {
        use axial_core::export::QuotesFormat;
        match self {
            ExportFormat::QuotesCsv => Some(QuotesFormat::Csv),
            ExportFormat::QuotesMd => Some(QuotesFormat::Markdown),
            ExportFormat::QuotesDocx => Some(QuotesFormat::Docx),
            _ => None,
        }
    }

    /// The export of the whole project this format writes (`table`: which cube table).
    pub fn export(self, table: axial_core::export::CubeTable) -> Option<axial_core::export::Export> {
        use axial_core::export::Export;
        Some(match self {
            ExportFormat::Json => Export::CategoryModel,
            ExportFormat::ProjectJson => Export::ProjectJson,
            ExportFormat::Svg => Export::DiagramSvg,
            ExportFormat::Png => Export::DiagramPng,
            ExportFormat::Pdf => Export::DiagramPdf,
            ExportFormat::MatrixSvg => Export::MatrixSvg,
            ExportFormat::MatrixPng => Export::MatrixPng,
            ExportFormat::MatrixPdf => Export::MatrixPdf,
            ExportFormat::Qdpx => Export::Qdpx,
            ExportFormat::Qdc => Export::Qdc,
            ExportFormat::ModelCsv => Export::ModelCsv,
            ExportFormat::ModelMd => Export::ModelMarkdown,
            ExportFormat::ModelDocx => Export::ModelDocx,
            ExportFormat::CubeCsv => Export::CubeCsv(table),
            ExportFormat::CubeMd => Export::CubeMarkdown,
            ExportFormat::CubeDocx => Export::CubeDocx,
            ExportFormat::FrequenciesCsv => Export::FrequenciesCsv,
            ExportFormat::FrequenciesMd => Export::FrequenciesMarkdown,
            ExportFormat::FrequenciesDocx => Export::FrequenciesDocx,
            ExportFormat::CooccurrenceCsv => Export::CooccurrenceCsv,
            ExportFormat::CooccurrenceMd => Export::CooccurrenceMarkdown,
            ExportFormat::CooccurrenceDocx => Export::CooccurrenceDocx,
            ExportFormat::SaturationCsv => Export::SaturationCsv,
            ExportFormat::SaturationMd => Export::SaturationMarkdown,
            ExportFormat::SaturationDocx => Export::SaturationDocx,
            ExportFormat::SaturationSvg => Export::SaturationSvg,
            ExportFormat::SaturationPng => Export::SaturationPng,
            ExportFormat::CodingsCsv => Export::CodingsCsv,
            ExportFormat::Html => Export::Html,
            ExportFormat::QuotesCsv | ExportFormat::QuotesMd | ExportFormat::QuotesDocx => return None,
        })
    }

    /// Whether the file is binary (never written to a terminal).
    pub fn binary(self) -> bool {
        matches!(
            self,
            ExportFormat::Png
                | ExportFormat::Pdf
                | ExportFormat::MatrixPng
                | ExportFormat::MatrixPdf
                | ExportFormat::Qdpx
                | ExportFormat::ModelDocx
                | ExportFormat::CubeDocx
                | ExportFormat::FrequenciesDocx
                | ExportFormat::CooccurrenceDocx
                | ExportFormat::SaturationDocx
                | ExportFormat::SaturationPng
                | ExportFormat::QuotesDocx
        )
    }
}

/// Which of the paper's cube tables `--format cube-csv` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CubeTableArg {
    #[value(name = "6")]
    Six,
    #[value(name = "7")]
    Seven,
    #[value(name = "8")]
    Eight,
}

impl From<CubeTableArg> for axial_core::export::CubeTable {
    fn from(t: CubeTableArg) -> Self {
        use axial_core::export::CubeTable;
        match t {
            CubeTableArg::Six => CubeTable::Six,
            CubeTableArg::Seven => CubeTable::Seven,
            CubeTableArg::Eight => CubeTable::Eight,
        }
    }
}

/// How a report is written (the command line's names for [`report::Format`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON for other programs.
    Json,
}

impl From<ReportFormat> for report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Table => report::Format::Table,
            ReportFormat::Csv => report::Format::Csv,
            ReportFormat::Json => report::Format::Json,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    Frequencies,
    Cube,
    Paradigm,
    /// Every passage of a code, concept, category or class (--code, --concept, --category, --class).
    Retrieval,
    /// Pairs that overlap or share a speaker turn (--level, --by).
    Cooccurrence,
    /// New codes, concepts, categories, properties and relations per interview, in interview order.
    Saturation,
    /// Every memo, newest first, with what it is on (--search to find some).
    Memos,
    /// How far two or more coders agree, per code and overall (--coders A B).
    Agreement,
    /// Each relation with its evidence, the passages coded with both its ends, suggestions and memo.
    Relations,
    /// Each category's properties, their dimensions and the passages placed on each point.
    Properties,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Passage,
    Turn,
    Document,
}

impl From<UnitArg> for Unit {
    fn from(u: UnitArg) -> Self {
        match u {
            UnitArg::Passage => Unit::Passage,
            UnitArg::Turn => Unit::Turn,
            UnitArg::Document => Unit::Document,
        }
    }
}

/// Which coded references count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    /// Every coded reference, prompted by the interviewer or not.
    All,
    /// Only references the interviewer did not prompt (`axial edit PROJECT prompted ID yes` marks one).
    Unprompted,
}

impl From<RuleArg> for axial_core::analysis::units::Rule {
    fn from(r: RuleArg) -> Self {
        match r {
            RuleArg::All => Self::All,
            RuleArg::Unprompted => Self::Unprompted,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NearArg {
    Overlap,
    Turn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CubeView {
    /// Counts by system x process and knowledge type, with totals.
    Table6,
    /// The three two-way tables with margins.
    Table7,
    /// The three-way cells binned Low / Med / Med-High / High.
    Table8,
    /// Observed levels beside the study's expected levels (Table 1), per pair.
    Expected,
}
