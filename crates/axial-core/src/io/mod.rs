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
pub mod speakers;
pub mod subtitles;
pub mod text;
