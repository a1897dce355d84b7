//! Finishing the commands that need a file: the desktop's dialog where there is one, Axial's
//! in-window browser otherwise, then the same follow-up either way.

use super::AxialApp;
use super::command::Commands;
use super::dialogs::FilePurpose;
use crate::app::{AppState, Intent, OpenAs};
use std::path::PathBuf;

impl AxialApp {
    /// Asks for the file `purpose` needs: the desktop's dialog where there is one, otherwise the
    /// in-window browser (which finishes the command in a later frame, see `file_browser_ui`).
    pub(super) fn choose_file(&mut self, purpose: FilePurpose, intents: &mut Commands) {
        let last = self.export_folder.clone().filter(|_| purpose.writes());
        if self.picker.available() {
            let paths = self.picker.pick(&purpose, last.as_deref());
            self.file_chosen(purpose, paths, intents);
            return;
        }
        // A project opened by a bare name ("study.axial") has an empty parent: the current folder.
        let project_folder = self.state.as_ref().filter(|s| s.sample.is_none()).and_then(|s| {
            s.path.as_deref()?.parent().filter(|p| !p.as_os_str().is_empty()).map(std::path::Path::to_path_buf)
        });
        let folder =
            last.or(project_folder).or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("/"));
        self.file_browser.open(purpose, &folder);
    }

    /// Finishes a command once its paths are known (none: the user cancelled).
    fn file_chosen(&mut self, purpose: FilePurpose, mut paths: Vec<PathBuf>, intents: &mut Commands) {
        if paths.is_empty() {
            return;
        }
        if purpose.writes() {
            // The next export starts here (the user's folder for this project's outputs).
            self.export_folder =
                paths[0].parent().filter(|p| !p.as_os_str().is_empty()).map(std::path::Path::to_path_buf);
        }
        match purpose {
            FilePurpose::NewProject => {
                let path = paths.swap_remove(0);
                match AppState::create(&path) {
                    Ok(state) => self.install(state, path),
                    Err(e) => self.notify_error(e.to_string()),
                }
            }
            FilePurpose::OpenProject => self.open(&paths[0]),
            FilePurpose::ReviewProject => self.open_as(&paths[0], OpenAs::Review),
            FilePurpose::ImportComments => intents.push(Intent::ImportComments(paths.swap_remove(0))),
            FilePurpose::MergeCopy => intents.push(Intent::MergeCopy(paths.swap_remove(0))),
            FilePurpose::SaveCopy { .. } => intents.push(Intent::SaveCopy(paths.swap_remove(0))),
            FilePurpose::ImportFiles | FilePurpose::ImportFolder => self.import(paths),
            FilePurpose::Export { export, .. } => {
                if self.state.is_some() {
                    intents.push(Intent::Export(export, paths.swap_remove(0)));
                }
            }
            FilePurpose::Passages { bytes, .. } => {
                intents.push(Intent::WriteFile { path: paths.swap_remove(0), bytes, what: "quotes".into() });
            }
        }
    }

    /// The in-window file browser, when one is open; what the chosen file leads to is queued.
    pub(super) fn file_browser_ui(&mut self, ctx: &egui::Context, intents: &mut Commands) {
        if let Some((purpose, paths)) = self.file_browser.show(ctx) {
            self.file_chosen(purpose, paths, intents);
        }
    }
}
