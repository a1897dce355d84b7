//! Running commands: the keys the window takes, the one queue drained once a frame (each
//! command's follow-ups before the next), and what each [`UiCommand`] does.

use super::command::{Command, Commands, UiCommand};
use super::dialogs::FilePurpose;
use super::{AxialApp, Center, analysis, documents, open_externally, quick_pick};
use crate::app::{Intent, OpenAs};
use std::collections::VecDeque;
use std::path::PathBuf;

impl AxialApp {
    /// Whether the window takes the key of `c` now, before any widget sees it. A code picker,
    /// the palette or the file browser owns the keyboard while open (undo and redo aside); a
    /// key whose command has nothing to act on is left to the widgets (Delete deletes a
    /// selected relation in the paradigm model, Alt+Left moves by a word).
    pub(super) fn takes_key(&self, c: UiCommand) -> bool {
        let free = !self.quick_pick.open && !self.palette.open && !self.file_browser.is_open();
        let state = self.state.as_ref();
        match c {
            UiCommand::Undo | UiCommand::Redo => true,
            UiCommand::PreviousPassage | UiCommand::NextPassage => free && state.is_some_and(|s| s.walk.is_some()),
            UiCommand::RemoveCoding => free && state.is_some_and(|s| s.selected_coding.is_some()),
            _ => free,
        }
    }

    /// Runs every queued command in the order asked; the commands one leads to run right after
    /// it, before the next.
    pub(super) fn run_queue(&mut self, mut queue: Commands) {
        let mut queue: VecDeque<Command> = queue.take().into();
        while let Some(command) = queue.pop_front() {
            let mut follow = Commands::default();
            match command {
                Command::Ui(c) => self.run_command(c, &mut follow),
                Command::App(intent) => self.handle_intents(vec![intent]),
                Command::Open(path, how) => self.open_as(&path, how),
                Command::OpenCopy(path) => self.open_copy(&path),
                Command::Drop(paths) => self.dropped(paths),
            }
            for c in follow.take().into_iter().rev() {
                queue.push_front(c);
            }
        }
    }

    /// Files dropped onto the window: imported, or the first opened when no project is open.
    fn dropped(&mut self, paths: Vec<PathBuf>) {
        match &mut self.state {
            None => self.open_as(&paths[0], OpenAs::Edit),
            Some(state) if state.reviewing() || state.store().is_read_only() => {
                let why = state.edit_refusal().unwrap_or_default();
                state.error(why);
            }
            Some(_) => self.import(paths),
        }
    }

    /// Runs `command`; what it leads to (intents on the project, other commands) goes to
    /// `intents`, run next, before the rest of the queue.
    fn run_command(&mut self, command: UiCommand, intents: &mut Commands) {
        if command.changes_project()
            && let Some(state) = &mut self.state
            && let Some(why) = state.edit_refusal().filter(|_| state.reviewing() || state.store().is_read_only())
        {
            state.error(why);
            return;
        }
        match command {
            UiCommand::NewProject
            | UiCommand::OpenProject
            | UiCommand::ReviewProject
            | UiCommand::MergeCopy
            | UiCommand::ImportComments
            | UiCommand::SaveCopy
            | UiCommand::CloseProject
            | UiCommand::ImportFiles
            | UiCommand::ImportFolder
            | UiCommand::Export(_) => self.run_file_command(command, intents),
            UiCommand::Show(_)
            | UiCommand::ShowComments
            | UiCommand::ReadPassages(_)
            | UiCommand::ShowPassages(_)
            | UiCommand::OpenPassage(_)
            | UiCommand::OpenMemo(_)
            | UiCommand::ShowDocument(_)
            | UiCommand::CopyPassages
            | UiCommand::ExportPassages(_) => self.run_view_command(command, intents),
            UiCommand::ProjectSettings => self.project_settings.open = self.state.is_some(),
            UiCommand::Backups => self.backups.open = self.state.as_ref().is_some_and(|s| s.sample.is_none()),
            UiCommand::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Shortcuts => self.shortcuts_open = true,
            UiCommand::OpenLog => {
                let path = crate::log_file::path();
                let opened = open_externally(&path);
                if let Some(state) = &mut self.state {
                    state.info(if opened {
                        format!("The log is {} (opened in your viewer).", path.display())
                    } else {
                        format!("The log is {}; attach it to a bug report.", path.display())
                    });
                }
            }
            UiCommand::Palette => self.palette.show(),
            UiCommand::TogglePanels => self.panels_hidden = !self.panels_hidden,
            // Searching happens in the documents panel: it comes back.
            UiCommand::Find if self.panels_hidden => {
                self.panels_hidden = false;
                self.run_command(UiCommand::Find, intents);
            }
            UiCommand::Undo => intents.push(Intent::Undo),
            UiCommand::Redo => intents.push(Intent::Redo),
            UiCommand::QuickPick => self.open_quick_pick(false),
            UiCommand::CodeHits(extent) => {
                if self.state.as_ref().is_some_and(|s| !s.search.hits.is_empty()) {
                    self.quick_pick.open_for(false, quick_pick::PickTarget::Hits(extent));
                }
            }
            UiCommand::NewCode => self.open_quick_pick(true),
            UiCommand::InVivo => intents.push(Intent::InVivo),
            UiCommand::NewConcept | UiCommand::NewCategory if self.state.is_some() => {
                self.codes.new_item(command == UiCommand::NewConcept);
            }
            UiCommand::NewConcept | UiCommand::NewCategory => {}
            UiCommand::RemoveCoding => {
                if let Some(c) = self.state.as_ref().and_then(|s| s.selected_coding) {
                    intents.push(Intent::RemoveCoding(c));
                }
            }
            UiCommand::Find => {
                self.documents.tab = documents::Tab::Search;
                self.documents.focus_search = true;
            }
            UiCommand::ApplyRecent(n) => {
                if let Some(code) = self.state.as_ref().and_then(|s| s.recent_codes.get(n.wrapping_sub(1))).copied() {
                    intents.push(Intent::ApplyCode(code));
                }
            }
            UiCommand::PreviousPassage => intents.push(Intent::StepPassage(-1)),
            UiCommand::NextPassage => intents.push(Intent::StepPassage(1)),
            UiCommand::RenameSelected => {
                if let Some(state) = &self.state {
                    self.codes.rename_selected(state);
                }
            }
            UiCommand::DropSelection => intents.push(Intent::ClearSelection),
        }
    }

    /// Runs the commands that show something: a view, an item's passages, a document, a memo.
    fn run_view_command(&mut self, command: UiCommand, intents: &mut Commands) {
        match command {
            UiCommand::ShowComments => self.details.show_comments(),
            UiCommand::Show(center) if self.state.is_some() => self.center = center,
            UiCommand::ReadPassages(scope) => {
                self.center = Center::Transcript;
                intents.push(Intent::ReadPassages(scope));
            }
            UiCommand::ShowPassages(scope) => {
                self.center = Center::Passages;
                self.passages.pinned = None;
                match scope {
                    crate::app::Scope::Code(id) => intents.push(Intent::SelectCode(Some(id))),
                    crate::app::Scope::Concept(id) => {
                        intents.push(Intent::SelectGroup(Some(crate::app::Group::Concept(id))))
                    }
                    crate::app::Scope::Category(id) => {
                        intents.push(Intent::SelectGroup(Some(crate::app::Group::Category(id))))
                    }
                    crate::app::Scope::Class(class) => {
                        self.passages.class = Some(class);
                        intents.push(Intent::SelectCode(None));
                        intents.push(Intent::SelectGroup(None));
                    }
                }
            }
            UiCommand::OpenPassage(coding) => {
                self.center = Center::Transcript;
                intents.push(Intent::SelectCoding(Some(coding)));
            }
            UiCommand::OpenMemo(id) => self.open_memo(id, intents),
            UiCommand::ShowDocument(document) => {
                self.center = Center::Transcript;
                intents.push(Intent::OpenDocument(document));
            }
            UiCommand::CopyPassages | UiCommand::ExportPassages(_) => self.passages_out(command, intents),
            _ => {}
        }
    }

    /// Runs the commands that ask for a file (projects, imports, copies, exports).
    fn run_file_command(&mut self, command: UiCommand, intents: &mut Commands) {
        match command {
            UiCommand::NewProject => self.choose_file(FilePurpose::NewProject, intents),
            UiCommand::OpenProject => self.choose_file(FilePurpose::OpenProject, intents),
            UiCommand::ReviewProject => self.choose_file(FilePurpose::ReviewProject, intents),
            UiCommand::MergeCopy if self.state.is_some() => self.choose_file(FilePurpose::MergeCopy, intents),
            UiCommand::ImportComments if self.state.is_some() => self.choose_file(FilePurpose::ImportComments, intents),
            UiCommand::SaveCopy => {
                let Some(state) = &self.state else { return };
                let stem = state.project.name().to_owned();
                self.choose_file(FilePurpose::SaveCopy { file_name: format!("{stem} (for review).axial") }, intents);
            }
            UiCommand::CloseProject => self.close(),
            UiCommand::ImportFiles => self.choose_file(FilePurpose::ImportFiles, intents),
            UiCommand::ImportFolder => self.choose_file(FilePurpose::ImportFolder, intents),
            UiCommand::Export(export) => {
                let Some(state) = &self.state else { return };
                let file_name = export.default_file_name(&state.project);
                self.choose_file(FilePurpose::Export { export, file_name }, intents);
            }
            _ => {}
        }
    }

    /// Copies or exports the passages the passages view shows.
    fn passages_out(&mut self, command: UiCommand, intents: &mut Commands) {
        let Some(state) = &self.state else { return };
        if command == UiCommand::CopyPassages {
            let passages = self.passages.shown(state, Some(self.wake.clone()));
            self.ctx.copy_text(analysis::passages_as_text(state, &passages));
            return;
        }
        let UiCommand::ExportPassages(format) = command else { return };
        use axial_core::export::{quotes, quotes_file_name, quotes_title};
        let p = &state.project;
        let scopes = self.passages.scopes_read(state);
        // Read here, not from the view's last result: the menu exports them with the view hidden.
        let mut turns = axial_core::analysis::units::TurnIndex::default();
        let passages: Vec<_> = scopes
            .iter()
            .flat_map(|&s| axial_core::analysis::retrieval::filtered(p, s, &self.passages.filter, &mut turns))
            .collect();
        let title = quotes_title(p, &scopes, &self.passages.filter);
        let bytes = quotes(p, &title, &passages, format);
        let file_name = quotes_file_name(p, &scopes, format);
        self.choose_file(FilePurpose::Passages { bytes, file_name }, intents);
    }

    /// Selects what memo `id` is on (a document or passage opens in the transcript) and shows
    /// the memo in the details panel's editor.
    fn open_memo(&mut self, id: axial_core::model::MemoId, intents: &mut Commands) {
        use axial_core::model::MemoTarget;
        let Some(target) = self.state.as_ref().and_then(|s| s.project.memo(id)).map(|m| m.target.clone()) else {
            return;
        };
        match target {
            MemoTarget::Project => {}
            MemoTarget::Document(d) => self.run_command(UiCommand::ShowDocument(d), intents),
            MemoTarget::Coding(c) => self.run_command(UiCommand::OpenPassage(c), intents),
            MemoTarget::Code(c) => intents.push(Intent::SelectCode(Some(c))),
            MemoTarget::Concept(c) => intents.push(Intent::SelectGroup(Some(crate::app::Group::Concept(c)))),
            MemoTarget::Category(c) => intents.push(Intent::SelectGroup(Some(crate::app::Group::Category(c)))),
            MemoTarget::Relation(r) => intents.push(Intent::SelectRelation(Some(r))),
        }
        self.details.show_memo(&target, id);
    }

    fn handle_intents(&mut self, intents: Vec<Intent>) {
        if let Some(state) = &mut self.state {
            for intent in intents {
                state.handle(intent);
            }
        }
    }

    fn open_quick_pick(&mut self, new_code: bool) {
        match &mut self.state {
            Some(state) if state.selected_range().is_none() => state.error("select a passage first"),
            Some(_) => self.quick_pick.open(new_code),
            None => {}
        }
    }
}
