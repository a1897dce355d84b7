//! Importers (plain text in any common encoding, .docx, .odt, PDF, WebVTT and SubRip subtitles,
//! folders, Axial project JSON) and exporters (the category model and the full project as JSON).

pub mod category_model;
pub mod docx;
pub mod export;
pub mod import;
pub mod limits;
pub mod odt;
pub mod pdf;
pub mod project_json;
pub mod qdpx;
pub mod speakers;
pub mod subtitles;
pub mod text;
