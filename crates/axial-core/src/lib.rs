//! Axial's core: everything but the window, so the compiler keeps the boundary (no egui,
//! eframe or rfd here). `model` (plain types and the live, indexed project), `store` (the
//! SQLite project file, the only place that speaks SQL), `io` (reading and writing other
//! formats: transcripts, the project as JSON, REFI-QDA; it depends on `model` and `store`
//! only), `analysis` (pure functions over the model), `report` (tables as text, CSV and JSON;
//! the category model; figures and thesis documents), `export` (every export as a file, on top
//! of `io` and `report`), `bidi` (right-to-left and mixed lines: visual order and the mapping
//! between screen positions and logical characters) and `project` (opening and importing,
//! shared by the command line and the app).

pub mod analysis;
pub mod backups;
pub mod bidi;
pub mod edit;
pub mod edit_lock;
pub mod export;
pub mod io;
pub mod merge;
pub mod model;
pub mod project;
pub mod report;
pub mod speakers;
pub mod store;
pub mod synth;
