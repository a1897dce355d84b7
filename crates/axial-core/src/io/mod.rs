//! Other formats in and out: importers (plain text in any common encoding, .docx, .odt, PDF,
//! WebVTT and SubRip subtitles, folders, Axial project JSON, REFI-QDA) and the lossless project
//! JSON and REFI-QDA writers. Depends on `model` and `store` only: the exports that read
//! analyses and reports (figures, tables, the category model) are `crate::export`.

pub mod docx;
pub mod import;
pub mod limits;
pub mod odt;
pub mod pdf;
pub mod project_json;
pub mod qdpx;
/// Speaker labels and turns (kept at the crate root, below both `io` and `store`, which counts a
/// document's speakers when it is added).
pub use crate::speakers;
pub mod subtitles;
pub mod text;
