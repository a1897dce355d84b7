//! Axial: grounded-theory coding of interview transcripts.
//!
//! The core has no window: `model` (plain types), `store` (the SQLite project file, the only
//! place that speaks SQL), `io` (importers and exporters), `analysis` (pure functions over a
//! loaded project). The command line and the egui app sit on top and share it.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod io;
pub mod model;
pub mod project;
pub mod report;
pub mod store;
pub mod ui;
