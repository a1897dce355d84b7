//! Importers (plain text in any common encoding, .docx, folders, Axial project JSON) and
//! exporters (the category model and the full project as JSON).

pub mod category_model;
pub mod docx;
pub mod export;
pub mod import;
pub mod limits;
pub mod project_json;
pub mod speakers;
pub mod text;
