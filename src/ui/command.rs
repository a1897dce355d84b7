//! Commands the menus, the toolbar and the keyboard share: each with its label, tooltip and
//! shortcut (as rerun's `UICommand`). Views only emit them; `AxialApp` runs them.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    NewProject,
    OpenProject,
    /// Open a project for review: read everything, change nothing, comment.
    ReviewProject,
    /// Save a copy of the project to send for review.
    SaveCopy,
    /// Bring in the comments of a copy that came back from review.
    ImportComments,
    /// Show the comments of what is selected in the details panel.
    ShowComments,
    /// Merge a second coder's copy of the project into it.
    MergeCopy,
    CloseProject,
    ImportFiles,
    ImportFolder,
    /// Write an export through the save dialog, in the background.
    Export(axial_core::export::Export),
    /// The study's cube dimensions and values and its relation kinds.
    ProjectSettings,
    /// The project's backups: make one now, restore one.
    Backups,
    /// Read the passages under a code, concept, category or class one by one, in the transcript.
    ReadPassages(crate::app::Scope),
    /// Show the passages of an item in the passages view.
    ShowPassages(crate::app::Scope),
    /// Open a coded passage in the transcript.
    OpenPassage(axial_core::model::CodingId),
    /// Open a document in the transcript.
    ShowDocument(axial_core::model::DocumentId),
    /// Select what a memo is on and edit the memo in the details panel.
    OpenMemo(axial_core::model::MemoId),
    /// Choose (or create) a code for every search hit, widened to this extent.
    CodeHits(axial_core::analysis::extent::Extent),
    /// Copy the passages the passages view shows, as text.
    CopyPassages,
    /// Close the window (everything is saved already).
    Quit,
    /// Show one of the views of the centre (transcript, paradigm model, cube, ...).
    Show(super::Center),
    /// Every command, found by typing.
    Palette,
    /// Hide (or show again) the documents and codes panels: the whole width for the centre.
    TogglePanels,
    /// The list of keyboard shortcuts.
    Shortcuts,
    /// Open Axial's log (to attach to a bug report) with the system's viewer.
    OpenLog,
    /// Export the passages the passages view shows, as quotes.
    ExportPassages(axial_core::export::QuotesFormat),
    Undo,
    Redo,
    QuickPick,
    InVivo,
    NewCode,
    NewConcept,
    NewCategory,
    RemoveCoding,
    Find,
    /// Apply the n-th recent code (1-9) to the selection.
    ApplyRecent(usize),
}

impl UiCommand {
    pub fn label(self) -> String {
        match self {
            Self::NewProject => "New project…".into(),
            Self::OpenProject => "Open project…".into(),
            Self::ReviewProject => "Open for review…".into(),
            Self::SaveCopy => "Save a copy for review…".into(),
            Self::ImportComments => "Bring in comments from a reviewed copy…".into(),
            Self::ShowComments => "Comments on the selection".into(),
            Self::MergeCopy => "Merge a coder's copy…".into(),
            Self::CloseProject => "Close project".into(),
            Self::ImportFiles => "Import files…".into(),
            Self::ImportFolder => "Import folder…".into(),
            Self::Export(export) => export.menu_label().into(),
            Self::ProjectSettings => "Project settings…".into(),
            Self::Backups => "Backups…".into(),
            Self::ReadPassages(_) => "Read its passages".into(),
            Self::ShowPassages(_) => "Show its passages".into(),
            Self::OpenPassage(_) => "Open in the transcript".into(),
            Self::ShowDocument(_) => "Open the document".into(),
            Self::CodeHits(_) => "Code all hits…".into(),
            Self::TogglePanels => "Hide or show the side panels".into(),
            Self::OpenMemo(_) => "Open its item".into(),
            Self::CopyPassages => "Copy passages".into(),
            Self::Quit => "Quit".into(),
            Self::Show(center) => format!(
                "Show {}",
                super::Center::TABS.iter().find(|(c, _)| *c == center).map(|(_, l)| *l).unwrap_or("view")
            ),
            Self::Palette => "Command palette…".into(),
            Self::Shortcuts => "Keyboard shortcuts".into(),
            Self::OpenLog => "Open the log (for a bug report)".into(),
            Self::ExportPassages(format) => format!("Quotes of the passages shown ({})…", format.label()),
            Self::Undo => "Undo".into(),
            Self::Redo => "Redo".into(),
            Self::QuickPick => "Code selection…".into(),
            Self::InVivo => "In-vivo code".into(),
            Self::NewCode => "New code from selection…".into(),
            Self::NewConcept => "New concept…".into(),
            Self::NewCategory => "New category…".into(),
            Self::RemoveCoding => "Remove selected coding".into(),
            Self::Find => "Search documents".into(),
            Self::ApplyRecent(n) => format!("Apply recent code {n}"),
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::QuickPick => "Type a few letters of a code, Enter to code the selected passage",
            Self::ReviewProject => "Read a project and comment on it, changing nothing else (a supervisor's view)",
            Self::MergeCopy => {
                "Bring a second coder's copy in: their codings arrive with their name, new codes are added, nothing is dropped (one undo step)"
            }
            Self::SaveCopy => "A copy of the project as it is now, to send to your supervisor; you keep working here",
            Self::ImportComments => {
                "A copy you sent for review came back: add its comments and replies here (nothing else of it)"
            }
            Self::InVivo => "Code the selection with a new code named after its own words",
            Self::NewCode => "Create a new code and code the selected passage with it",
            Self::NewConcept => "A new concept, in the category selected in the code tree if one is",
            Self::NewCategory => "A new category, not yet placed in the paradigm model",
            Self::RemoveCoding => "Remove the coding selected in the stripes or details",
            Self::Find => "Text or regular-expression search across all documents",
            Self::TogglePanels => "Give the centre (a table, the cube, the diagram) the window's whole width",
            Self::ProjectSettings => "The cube's dimensions and values, and the kinds of relation between categories",
            Self::Backups => "The copies Axial makes while you work; restore one (undoable)",
            Self::ImportFiles => {
                "Import transcripts (.txt, .md, .docx, .odt, .pdf, .vtt, .srt), an Axial project JSON, or another tool's project (.qdpx) or codebook (.qdc)"
            }
            Self::ImportFolder => "Import every transcript in a folder",
            Self::Export(export) => export.description(),
            Self::ExportPassages(_) => {
                "Every passage the Passages view shows (filtered), with document, case, speaker and position"
            }
            _ => "",
        }
    }

    /// Whether this command leads to a change of the project (refused while reviewing or
    /// read-only, with the reason, before any dialog opens).
    pub fn changes_project(self) -> bool {
        matches!(
            self,
            Self::ImportFiles
                | Self::ImportFolder
                | Self::MergeCopy
                | Self::ProjectSettings
                | Self::Backups
                | Self::Undo
                | Self::Redo
                | Self::QuickPick
                | Self::CodeHits(_)
                | Self::NewCode
                | Self::InVivo
                | Self::NewConcept
                | Self::NewCategory
                | Self::RemoveCoding
                | Self::ApplyRecent(_)
        )
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let key = |m: Modifiers, k: Key| Some(KeyboardShortcut::new(m, k));
        match self {
            Self::NewProject => key(cmd, Key::N),
            Self::OpenProject => key(cmd, Key::O),
            Self::ImportFiles => key(cmd, Key::I),
            Self::Undo => key(cmd, Key::Z),
            Self::Redo => key(cmd.plus(Modifiers::SHIFT), Key::Z),
            Self::QuickPick => key(cmd, Key::K),
            Self::InVivo => key(cmd.plus(Modifiers::SHIFT), Key::I),
            Self::NewCode => key(cmd.plus(Modifiers::SHIFT), Key::N),
            Self::NewConcept => key(cmd.plus(Modifiers::SHIFT), Key::C),
            Self::NewCategory => key(cmd.plus(Modifiers::SHIFT), Key::G),
            Self::RemoveCoding => key(Modifiers::NONE, Key::Delete),
            Self::Find => key(cmd, Key::F),
            Self::TogglePanels => key(cmd, Key::B),
            Self::ProjectSettings => key(cmd, Key::Comma),
            Self::Quit => key(cmd, Key::Q),
            Self::Shortcuts => key(Modifiers::NONE, Key::F1),
            Self::Palette => key(cmd.plus(Modifiers::SHIFT), Key::P),
            Self::ApplyRecent(n) => {
                let k =
                    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
                k.get(n.wrapping_sub(1)).map(|k| KeyboardShortcut::new(Modifiers::NONE, *k))
            }
            Self::CloseProject
            | Self::ReviewProject
            | Self::SaveCopy
            | Self::ImportComments
            | Self::ShowComments
            | Self::MergeCopy
            | Self::Backups
            | Self::ImportFolder
            | Self::Export(_)
            | Self::ReadPassages(_)
            | Self::ShowPassages(_)
            | Self::OpenPassage(_)
            | Self::ShowDocument(_)
            | Self::CodeHits(_)
            | Self::OpenMemo(_)
            | Self::CopyPassages
            | Self::ExportPassages(_)
            | Self::OpenLog
            | Self::Show(_) => None,
        }
    }

    /// Every command with a shortcut, longest modifier sets first so Ctrl+Shift+Z is not read
    /// as Ctrl+Z.
    pub fn with_shortcuts() -> Vec<UiCommand> {
        let mut all = vec![
            Self::Redo,
            Self::InVivo,
            Self::NewCode,
            Self::NewConcept,
            Self::NewCategory,
            Self::Palette,
            Self::Undo,
            Self::NewProject,
            Self::OpenProject,
            Self::ImportFiles,
            Self::QuickPick,
            Self::Find,
            Self::ProjectSettings,
            Self::Quit,
            Self::Shortcuts,
            Self::RemoveCoding,
            Self::TogglePanels,
        ];
        all.extend((1..=9).map(Self::ApplyRecent));
        all
    }

    /// What each shortcut does, in menu order, for the Help window.
    pub fn shortcut_list(ctx: &egui::Context) -> Vec<(String, String)> {
        let order = [
            Self::NewProject,
            Self::OpenProject,
            Self::ImportFiles,
            Self::ProjectSettings,
            Self::Quit,
            Self::Undo,
            Self::Redo,
            Self::Find,
            Self::QuickPick,
            Self::NewCode,
            Self::InVivo,
            Self::NewConcept,
            Self::NewCategory,
            Self::RemoveCoding,
            Self::TogglePanels,
            Self::Palette,
            Self::Shortcuts,
        ];
        let mut out: Vec<(String, String)> = order
            .into_iter()
            .filter_map(|c| Some((ctx.format_shortcut(&c.shortcut()?), c.label().trim_end_matches('…').to_owned())))
            .collect();
        out.push(("1 … 9".into(), "Code the selection with a recent code (the toolbar shows which)".into()));
        out.push(("Alt+Left / Alt+Right".into(), "Previous / next passage while reading passages one by one".into()));
        out.push(("Shift+arrows, Ctrl+Shift+arrows".into(), "Extend the selection by characters, words".into()));
        out.push(("F2".into(), "Rename the item selected in the code tree".into()));
        out.push(("Escape".into(), "Drop the selection".into()));
        out
    }

    /// As [`UiCommand::menu_button`], saying `why` on hover when it is disabled for a reason.
    pub fn menu_button_why(self, ui: &mut egui::Ui, enabled: bool, why: Option<&str>) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(s) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let mut response = ui.add_enabled(enabled, button);
        if !self.tooltip().is_empty() {
            response = response.on_hover_text(self.tooltip());
        }
        if let Some(why) = why {
            response = response.on_disabled_hover_text(why);
        }
        response.clicked()
    }

    /// A menu button showing the shortcut; returns whether it was clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        self.menu_button_why(ui, enabled, None)
    }
}

/// The commands whose shortcuts were pressed this frame. Plain keys (Delete, 1-9) only count
/// when no text field has the keyboard, so typing a memo never codes anything.
pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
    let typing = ctx.text_edit_focused();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for c in UiCommand::with_shortcuts() {
            let Some(s) = c.shortcut() else { continue };
            if typing && s.modifiers.is_none() {
                continue;
            }
            if i.consume_shortcut(&s) {
                out.push(c);
            }
        }
    });
    out
}

/// One thing the user asked for: a window-level command (dialogs, projects) or an intent on
/// the open project.
#[derive(Clone, Debug)]
pub enum Command {
    Ui(UiCommand),
    App(crate::app::Intent),
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}

impl From<crate::app::Intent> for Command {
    fn from(i: crate::app::Intent) -> Self {
        Command::App(i)
    }
}

/// The one queue that carries every user command to the app: shortcuts, menus, buttons,
/// drags and drops all push here; the app drains it once per frame, in the order asked.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.0.push(command.into());
    }

    /// Takes everything queued so far, oldest first.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}
