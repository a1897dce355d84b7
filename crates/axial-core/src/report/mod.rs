//! Reports as text: frequency tables, the cube laid out as the paper's tables, the paradigm
//! model as a tree; each as an aligned table, CSV or JSON. Pure: a project in, a string out
//! (the diagram also as PNG bytes).

pub mod agreement;
pub mod category_model;
pub mod codings;
pub mod cooccurrence;
pub mod cube;
pub mod depth;
pub mod diagram;
pub mod document;
pub mod figure;
pub mod frequencies;
pub mod memos;
pub mod paradigm;
pub mod png;
pub mod retrieval;
pub mod saturation;
pub mod saturation_curve;
mod table;
pub mod thesis;

pub use table::Table;

/// How a report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON for other programs.
    Json,
}
