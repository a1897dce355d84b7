//! Axial: grounded-theory coding of interview transcripts.
//!
//! This crate is the application on top of `axial_core` (which has no window): `app` holds the
//! application state and applies the user's commands (no egui), `ui` draws it with egui, and
//! `cli` is the command line. Both the window and the command line stand on the same core.

pub mod app;
pub mod cli;
pub mod log_file;
pub mod ui;
