//! Axial's own file browser (egui_file), shown in the window when the desktop has no file
//! dialog to offer. Its top field takes a typed path, so a path can always be given.

use super::dialogs::{FilePurpose, with_project_extension};
use egui_file::{DialogType, FileDialog, State};
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct FileBrowser {
    open: Option<(FileDialog, FilePurpose)>,
}

impl FileBrowser {
    /// Shows the browser for `purpose`, starting in `folder`.
    pub fn open(&mut self, purpose: FilePurpose, folder: &Path) {
        let kind = match &purpose {
            FilePurpose::OpenProject
            | FilePurpose::ReviewProject
            | FilePurpose::ImportComments
            | FilePurpose::MergeCopy
            | FilePurpose::ImportFiles => DialogType::OpenFile,
            FilePurpose::ImportFolder => DialogType::SelectFolder,
            FilePurpose::NewProject
            | FilePurpose::Export { .. }
            | FilePurpose::Passages { .. }
            | FilePurpose::SaveCopy { .. } => DialogType::SaveFile,
        };
        let mut dialog = match kind {
            DialogType::OpenFile => FileDialog::open_file().multi_select(purpose == FilePurpose::ImportFiles),
            DialogType::SelectFolder => FileDialog::select_folder(),
            DialogType::SaveFile => FileDialog::save_file(),
        }
        .initial_path(folder)
        .title(&format!("{} — type a path or pick one", purpose.title()))
        .id(egui::Id::unique("axial-file-browser"))
        .default_size([560.0, 380.0])
        .keep_on_top(true)
        .show_new_folder(kind == DialogType::SaveFile)
        .show_rename(false);
        if let Some(name) = suggested_name(&purpose) {
            dialog = dialog.default_filename(name);
        }
        if matches!(
            purpose,
            FilePurpose::OpenProject
                | FilePurpose::ReviewProject
                | FilePurpose::ImportComments
                | FilePurpose::MergeCopy
        ) {
            dialog = dialog.show_files_filter(Box::new(|p: &Path| p.extension().is_some_and(|e| e == "axial")));
        }
        dialog.open();
        self.open = Some((dialog, purpose));
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Draws the browser; returns the purpose and the chosen paths once the user confirms.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, Vec<PathBuf>)> {
        let (dialog, _) = self.open.as_mut()?;
        match dialog.show(ctx).state() {
            State::Open => None,
            State::Cancelled | State::Closed => {
                self.open = None;
                None
            }
            State::Selected => {
                let (dialog, purpose) = self.open.take()?;
                let mut paths: Vec<PathBuf> = dialog.selection().into_iter().map(Path::to_path_buf).collect();
                if paths.is_empty() {
                    paths.extend(dialog.path().map(Path::to_path_buf));
                }
                if matches!(purpose, FilePurpose::NewProject | FilePurpose::SaveCopy { .. }) {
                    paths = paths.into_iter().map(with_project_extension).collect();
                }
                Some((purpose, paths))
            }
        }
    }
}

fn suggested_name(purpose: &FilePurpose) -> Option<&str> {
    match purpose {
        FilePurpose::NewProject => Some("project.axial"),
        FilePurpose::Export { file_name, .. }
        | FilePurpose::Passages { file_name, .. }
        | FilePurpose::SaveCopy { file_name } => Some(file_name),
        _ => None,
    }
}
