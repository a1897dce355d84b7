//! `axial undo`, `axial redo` and `axial history`: the undo history, which survives closing
//! a project.

use anyhow::Result;
use axial_core::project::{self, Access};
use std::path::PathBuf;

/// Undoes the last change.
pub(super) fn undo(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    let mut store = project::open(&path, Access::Write)?;
    let step = store.undo()?;
    writeln!(out, "Undid: {}", step.label)?;
    Ok(())
}

/// Redoes the last undone change.
pub(super) fn redo(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    let mut store = project::open(&path, Access::Write)?;
    let step = store.redo()?;
    writeln!(out, "Redid: {}", step.label)?;
    Ok(())
}

/// Lists the undo history, oldest first.
pub(super) fn history(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    let store = project::open(&path, Access::Read)?;
    for e in store.history()? {
        writeln!(
            out,
            "{:>4}  {}  {:<10}  {}{}",
            e.seq,
            e.at,
            e.who,
            e.label,
            if e.undone { "  (undone)" } else { "" }
        )?;
    }
    Ok(())
}
