//! `axial new` and `axial check`: creating a project file, and scanning one for damage.

use anyhow::{Result, bail};
use axial_core::project::{self, Access};
use std::path::PathBuf;

/// Creates a new, empty project file (with its name, if given).
pub(super) fn create(path: PathBuf, name: Option<String>, out: &mut dyn std::io::Write) -> Result<()> {
    if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        bail!("the project name is empty; give a name or leave out --name");
    }
    // The file appears only whole, its name set: never half made, even if killed.
    axial_core::store::Store::create_with(&path, |store| {
        if let Some(name) = name {
            store.apply(&axial_core::model::Action::SetProjectName { name })?;
        }
        Ok::<(), axial_core::store::StoreError>(())
    })?;
    writeln!(out, "Created {}", path.display())?;
    Ok(())
}

/// Checks every page of a project file for damage.
pub(super) fn check(path: PathBuf, out: &mut dyn std::io::Write) -> Result<()> {
    let store = project::open(&path, Access::Read)?;
    match store.check_integrity()? {
        None => writeln!(out, "The project file is sound: {}", path.display())?,
        Some(problem) => bail!(
            "the project file is damaged ({problem}); export what you can and restore it from a backup: {}",
            path.display()
        ),
    }
    Ok(())
}
