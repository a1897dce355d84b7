//! File dialogs: the desktop's own (rfd) when this machine can show one, and Axial's in-window
//! file browser when it cannot, so New, Open, Import and Export never silently do nothing.
//!
//! rfd on Linux asks the XDG desktop portal and falls back to zenity; when neither is there it
//! returns "cancelled" without showing anything, so the choice is made before asking:
//! [`native_dialogs_available`] looks for a portal with a file chooser or a zenity on the path.

use axial_core::export::Export;
use std::path::{Path, PathBuf};

/// What a chosen path is for: the app finishes the command once a path is known, whichever
/// dialog supplied it.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    NewProject,
    OpenProject,
    /// A project to open for review.
    ReviewProject,
    /// A reviewed copy whose comments come home.
    ImportComments,
    /// A coder's copy to merge in.
    MergeCopy,
    /// Where to write a copy of the project for review, suggesting `file_name`.
    SaveCopy {
        file_name: String,
    },
    ImportFiles,
    ImportFolder,
    /// A project export, suggesting `file_name`.
    Export {
        export: Export,
        file_name: String,
    },
    /// Passages already written as quotes (CSV, Markdown or Word), saved where the user says.
    Passages {
        bytes: Vec<u8>,
        file_name: String,
    },
}

impl FilePurpose {
    /// Whether the file is written (an export or a copy): such dialogs start in the folder the
    /// last one went to.
    pub fn writes(&self) -> bool {
        matches!(self, Self::SaveCopy { .. } | Self::Export { .. } | Self::Passages { .. })
    }

    pub fn title(&self) -> &'static str {
        match self {
            Self::NewProject => "New project",
            Self::OpenProject => "Open project",
            Self::ReviewProject => "Open a project for review",
            Self::ImportComments => "Bring in comments from a reviewed copy",
            Self::MergeCopy => "Merge a coder's copy",
            Self::SaveCopy { .. } => "Save a copy for review",
            Self::ImportFiles => "Import transcripts or a project",
            Self::ImportFolder => "Import a folder of transcripts",
            Self::Export { .. } => "Export",
            Self::Passages { .. } => "Export quotes",
        }
    }
}

pub trait FilePicker {
    /// Whether this picker can show a dialog here; when it cannot, the app shows its own.
    fn available(&self) -> bool {
        true
    }
    fn transcripts(&mut self) -> Vec<PathBuf>;
    fn folder(&mut self) -> Option<PathBuf>;
    fn open_project(&mut self) -> Option<PathBuf>;
    /// A project file to open, with the dialog titled for why.
    fn open_project_titled(&mut self, title: &str) -> Option<PathBuf> {
        let _ = title;
        self.open_project()
    }
    fn new_project(&mut self) -> Option<PathBuf>;
    /// Where to write an export, suggesting `file_name`.
    fn export(&mut self, file_name: &str) -> Option<PathBuf> {
        let _ = file_name;
        None
    }
    /// Where to write an export, suggesting `file_name` in `folder` (the last one an export
    /// went to, if any).
    fn export_in(&mut self, file_name: &str, folder: Option<&std::path::Path>) -> Option<PathBuf> {
        let _ = folder;
        self.export(file_name)
    }
    /// Asks for the paths `purpose` needs, starting a save in `folder` when one is known;
    /// empty when the user cancelled.
    fn pick(&mut self, purpose: &FilePurpose, folder: Option<&std::path::Path>) -> Vec<PathBuf> {
        match purpose {
            FilePurpose::NewProject => self.new_project().into_iter().collect(),
            FilePurpose::OpenProject
            | FilePurpose::ReviewProject
            | FilePurpose::ImportComments
            | FilePurpose::MergeCopy => self.open_project_titled(purpose.title()).into_iter().collect(),
            FilePurpose::SaveCopy { file_name } => {
                self.export_in(file_name, folder).map(with_project_extension).into_iter().collect()
            }
            FilePurpose::ImportFiles => self.transcripts(),
            FilePurpose::ImportFolder => self.folder().into_iter().collect(),
            FilePurpose::Export { file_name, .. } | FilePurpose::Passages { file_name, .. } => {
                self.export_in(file_name, folder).into_iter().collect()
            }
        }
    }
}

/// The real dialogs of the desktop (XDG portal or zenity on Linux).
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn available(&self) -> bool {
        native_dialogs_available()
    }
    fn transcripts(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import transcripts")
            .add_filter("Transcripts", &axial_core::io::import::IMPORTABLE_EXTENSIONS)
            .add_filter("Axial project JSON", &["json"])
            .add_filter("Project or codebook from another tool (REFI-QDA)", &["qdpx", "qdc"])
            .pick_files()
            .unwrap_or_default()
    }
    fn folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Import a folder of transcripts").pick_folder()
    }
    fn open_project(&mut self) -> Option<PathBuf> {
        self.open_project_titled("Open project")
    }
    fn open_project_titled(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).add_filter("Axial project", &["axial"]).pick_file()
    }
    fn new_project(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("New project")
            .add_filter("Axial project", &["axial"])
            .set_file_name("project.axial")
            .save_file()
            .map(with_project_extension)
    }
    fn export(&mut self, file_name: &str) -> Option<PathBuf> {
        self.export_in(file_name, None)
    }
    fn export_in(&mut self, file_name: &str, folder: Option<&std::path::Path>) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new().set_title("Export").set_file_name(file_name);
        match folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        }
        .save_file()
    }
}

/// A new project's path ends in `.axial` even when the user typed a bare name.
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() { path.with_extension("axial") } else { path }
}

/// Whether the desktop can show a file dialog. `AXIAL_FILE_DIALOG=builtin` (or `native`)
/// overrides the guess.
pub fn native_dialogs_available() -> bool {
    match std::env::var("AXIAL_FILE_DIALOG").as_deref() {
        Ok("builtin") => return false,
        Ok("native") => return true,
        _ => {}
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let data_dirs = std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".into());
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    zenity_on(&path) || (session_bus && portal_file_chooser_in(data_dirs.split(':').map(Path::new)))
}

fn zenity_on(path: &std::ffi::OsStr) -> bool {
    std::env::split_paths(path).any(|dir| dir.join("zenity").is_file())
}

/// Whether a desktop-portal backend that implements the file chooser is installed (the portal
/// itself answers nothing without one).
fn portal_file_chooser_in<'a>(data_dirs: impl Iterator<Item = &'a Path>) -> bool {
    data_dirs.filter_map(|dir| std::fs::read_dir(dir.join("xdg-desktop-portal/portals")).ok()).flatten().flatten().any(
        |entry| {
            std::fs::read_to_string(entry.path())
                .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portal_counts_only_with_a_file_chooser_backend() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!portal_file_chooser_in([dir.path()].into_iter()));
        let portals = dir.path().join("xdg-desktop-portal/portals");
        std::fs::create_dir_all(&portals).unwrap();
        std::fs::write(portals.join("kde.portal"), "[portal]\nInterfaces=org.freedesktop.impl.portal.Inhibit\n")
            .unwrap();
        assert!(!portal_file_chooser_in([dir.path()].into_iter()));
        std::fs::write(portals.join("gtk.portal"), "Interfaces=org.freedesktop.impl.portal.FileChooser;\n").unwrap();
        assert!(portal_file_chooser_in([dir.path()].into_iter()));
    }

    #[test]
    fn zenity_is_found_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!zenity_on(dir.path().as_os_str()));
        std::fs::write(dir.path().join("zenity"), "").unwrap();
        assert!(zenity_on(dir.path().as_os_str()));
    }

    #[test]
    fn a_bare_project_name_gets_the_extension() {
        assert_eq!(with_project_extension("a/thesis".into()), PathBuf::from("a/thesis.axial"));
        assert_eq!(with_project_extension("a/thesis.db".into()), PathBuf::from("a/thesis.db"));
    }
}
