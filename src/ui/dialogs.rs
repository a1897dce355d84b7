//! Native file dialogs (rfd) behind a small trait, so tests can answer them without a window
//! ever opening.

use std::path::PathBuf;

pub trait FilePicker {
    fn transcripts(&mut self) -> Vec<PathBuf>;
    fn folder(&mut self) -> Option<PathBuf>;
    fn open_project(&mut self) -> Option<PathBuf>;
    fn new_project(&mut self) -> Option<PathBuf>;
    /// Where to write an export (a JSON file), suggesting `file_name`.
    fn export(&mut self, file_name: &str) -> Option<PathBuf> {
        let _ = file_name;
        None
    }
}

/// The real dialogs of the desktop (XDG portal on Linux).
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn transcripts(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import transcripts")
            .add_filter("Transcripts", &["txt", "md", "text", "docx"])
            .add_filter("Axial project JSON", &["json"])
            .pick_files()
            .unwrap_or_default()
    }
    fn folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Import a folder of transcripts").pick_folder()
    }
    fn open_project(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Open project").add_filter("Axial project", &["axial"]).pick_file()
    }
    fn new_project(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("New project")
            .add_filter("Axial project", &["axial"])
            .set_file_name("project.axial")
            .save_file()
            .map(|p| if p.extension().is_none() { p.with_extension("axial") } else { p })
    }
    fn export(&mut self, file_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title("Export").set_file_name(file_name).save_file()
    }
}
