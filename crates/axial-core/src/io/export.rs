//! Exports as files: what each export writes (the same bytes from the command line and the
//! window) and how it is written (atomically: a reader never sees half a file).

use crate::model::Project;
use std::path::Path;

/// The exports Axial writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The category model, `axial.category-model/1`.
    CategoryModel,
    /// The whole project, lossless, `axial.project/1`.
    ProjectJson,
    /// The paradigm model diagram as SVG.
    DiagramSvg,
}

impl Export {
    /// The file's text.
    pub fn render(self, project: &Project) -> String {
        match self {
            Export::CategoryModel => {
                serde_json::to_string_pretty(&super::category_model::category_model(project))
                    .expect("the category model serialises (plain JSON values)")
                    + "\n"
            }
            Export::ProjectJson => super::project_json::export_string(project),
            Export::DiagramSvg => crate::report::diagram::svg(project),
        }
    }

    /// A file name to suggest.
    pub fn default_file_name(self, project: &Project) -> String {
        let stem: String =
            project.name().chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
        match self {
            Export::CategoryModel => format!("{stem}-category-model.json"),
            Export::ProjectJson => format!("{stem}-project.json"),
            Export::DiagramSvg => format!("{stem}-paradigm.svg"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Export::CategoryModel => "category model",
            Export::ProjectJson => "whole project",
            Export::DiagramSvg => "paradigm diagram",
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it over `path`: a reader never sees
/// half a file, and a failed export leaves the old one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".{}.tmp", path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
