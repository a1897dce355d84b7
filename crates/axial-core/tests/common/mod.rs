//! Helpers shared by the reliability tests; see `ops.rs`.
pub mod ops;
