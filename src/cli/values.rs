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
    /// The category model (axial.category-model/1).
    Json,
    /// The whole project, lossless (axial.project/1).
    ProjectJson,
    /// The paradigm model diagram (SVG).
    Svg,
    /// The paradigm model diagram as a picture (PNG, at twice the SVG's size).
    Png,
    /// The whole project for NVivo, ATLAS.ti, MAXQDA, QualCoder... (REFI-QDA .qdpx).
    Qdpx,
    /// The codebook for other tools (REFI-QDA .qdc).
    Qdc,
    /// References and documents per code, concept, category and class (as `report frequencies`).
    FrequenciesCsv,
    /// Pairs of codes on overlapping passages (as `report cooccurrence`, its defaults).
    CooccurrenceCsv,
    /// New codes, concepts and categories per interview (as `report saturation`).
    SaturationCsv,
    /// Every passage of a code, concept, category or class (--code, --concept, --category, --class).
    QuotesCsv,
    /// Every coding with its document, case, place in the model, coder, date and quote.
    CodingsCsv,
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
    /// New codes, concepts and categories per interview, in interview order.
    Saturation,
    /// Every memo, newest first, with what it is on (--search to find some).
    Memos,
    /// How far two or more coders agree, per code and overall (--coders A B).
    Agreement,
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
