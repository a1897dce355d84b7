//! Axial's core: everything but the window, so the compiler keeps the boundary (no egui,
//! eframe or rfd here). `model` (plain types and the live, indexed project), `store` (the
//! SQLite project file, the only place that speaks SQL), `io` (importers and exporters),
//! `analysis` (pure functions over the model), `report` (tables as text, CSV and JSON; figures
//! and thesis documents), `bidi` (right-to-left and mixed lines: visual order and the mapping
//! between screen positions and logical characters) and `project` (opening and importing,
//! shared by the command line and the app).

pub mod analysis;
pub mod backups;
pub mod bidi;
pub mod edit;
pub mod edit_lock;
pub mod io;
pub mod merge;
pub mod model;
pub mod project;
pub mod report;
pub mod store;
pub mod synth;
