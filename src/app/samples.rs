//! The bundled samples as editable working copies. A sample folder is never written; opening
//! one in the app copies it once into a project file in the user's data folder, so edits to
//! the sample persist like any other project's.

use axial_core::project::{self, ProjectError};
use axial_core::store::Store;
use std::path::{Path, PathBuf};

/// Where Axial keeps its own files: `AXIAL_DATA_DIR`, else the platform's data folder
/// (`$XDG_DATA_HOME/axial` or `~/.local/share/axial` on Linux, `~/Library/Application
/// Support/axial` on macOS, `%APPDATA%\axial` on Windows), else a folder in the temporary
/// directory.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AXIAL_DATA_DIR") {
        return PathBuf::from(dir);
    }
    match directories::BaseDirs::new() {
        Some(dirs) => dirs.data_dir().join("axial"),
        None => std::env::temp_dir().join("axial"),
    }
}

/// The bundled sample folders: next to the executable's source tree, or in the current folder.
pub fn bundled_samples() -> Vec<PathBuf> {
    let roots = [PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects"), PathBuf::from("sample_projects")];
    for root in roots {
        if let Ok(entries) = std::fs::read_dir(&root) {
            let mut found: Vec<PathBuf> =
                entries.flatten().map(|e| e.path()).filter(|p| project::is_sample_folder(p)).collect();
            // The CRM study first: it is the one the README opens.
            found.sort_by_key(|p| (!p.ends_with("crm_knowledge_creation"), p.clone()));
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// The working copy of a sample folder.
pub fn working_copy_path(sample: &Path) -> PathBuf {
    let name = sample.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "sample".into());
    data_dir().join("samples").join(format!("{name}.axial"))
}

/// Opens the working copy of `sample`, making it first if there is none.
pub fn open_working_copy(sample: &Path) -> Result<(Store, PathBuf), ProjectError> {
    let path = working_copy_path(sample);
    if path.exists() {
        return Ok((Store::open(&path)?, path));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            ProjectError::Store(axial_core::store::StoreError::Io {
                action: format!("cannot create {}", dir.display()),
                error: e,
            })
        })?;
    }
    let store = project::create_from_sample(sample, &path)?;
    Ok((store, path))
}
