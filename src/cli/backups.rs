//! `axial backup` and `axial restore`: backup copies of a project, in the "NAME backups"
//! folder beside it.

use anyhow::Result;
use axial_core::project::{self, Access};
use std::path::PathBuf;

/// Makes a backup copy now.
pub(super) fn backup(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    // Opening checks it is a project this build can read before anything is copied.
    drop(project::open(&path, Access::Read)?);
    writeln!(out, "{}", axial_core::backups::make(&path)?.describe())?;
    Ok(())
}

/// Lists a project's backups, newest first.
pub(super) fn list(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    drop(project::open(&path, Access::Read)?);
    let all = axial_core::backups::list(&path);
    if all.is_empty() {
        writeln!(out, "No backups yet in {}", axial_core::backups::folder(&path).display())?;
    }
    for b in all {
        let kind = if b.before_restore { "  (saved before a restore)" } else { "" };
        writeln!(out, "{}{kind}\n  {}", b.made, b.path.display())?;
    }
    Ok(())
}

/// Replaces a project with one of its backups, keeping the project as it was as a backup.
pub(super) fn restore(path: PathBuf, from: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    let mut store = project::open(&path, Access::Write)?;
    let before = axial_core::backups::restore(&mut store, &from)?;
    writeln!(out, "Restored {} from {}", path.display(), from.display())?;
    writeln!(out, "The project as it was is kept in {}; restore it to undo this.", before.display())?;
    Ok(())
}
