//! Commands the menus, the toolbar, the palette and the keyboard share: each with its label,
//! tooltip and shortcut, declared once here (as rerun's `UICommand`). Views only emit them into
//! the one [`Commands`] queue; `AxialApp` runs them. The menus are declared in `menu_bar`; the
//! Help screen and the palette are generated from both.

use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

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
    /// The previous passage while reading passages one by one.
    PreviousPassage,
    /// The next passage while reading passages one by one.
    NextPassage,
    /// Rename the (one) item selected in the code tree.
    RenameSelected,
    /// Drop the selected passage (Escape).
    DropSelection,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Every keyboard shortcut, each declared here and nowhere else: [`UiCommand::shortcut`], the
/// order they are matched in ([`UiCommand::with_shortcuts`]), the menus, the palette and the
/// Help screen all read this table.
pub const SHORTCUTS: [(UiCommand, KeyboardShortcut); 30] = [
    (UiCommand::NewProject, keys(CMD, Key::N)),
    (UiCommand::OpenProject, keys(CMD, Key::O)),
    (UiCommand::ImportFiles, keys(CMD, Key::I)),
    (UiCommand::ProjectSettings, keys(CMD, Key::Comma)),
    (UiCommand::Quit, keys(CMD, Key::Q)),
    (UiCommand::Undo, keys(CMD, Key::Z)),
    (UiCommand::Redo, keys(CMD_SHIFT, Key::Z)),
    (UiCommand::Find, keys(CMD, Key::F)),
    (UiCommand::TogglePanels, keys(CMD, Key::B)),
    (UiCommand::QuickPick, keys(CMD, Key::K)),
    (UiCommand::NewCode, keys(CMD_SHIFT, Key::N)),
    (UiCommand::InVivo, keys(CMD_SHIFT, Key::I)),
    (UiCommand::NewConcept, keys(CMD_SHIFT, Key::C)),
    (UiCommand::NewCategory, keys(CMD_SHIFT, Key::G)),
    (UiCommand::RemoveCoding, keys(NONE, Key::Delete)),
    (UiCommand::Palette, keys(CMD_SHIFT, Key::P)),
    (UiCommand::Shortcuts, keys(NONE, Key::F1)),
    (UiCommand::PreviousPassage, keys(Modifiers::ALT, Key::ArrowLeft)),
    (UiCommand::NextPassage, keys(Modifiers::ALT, Key::ArrowRight)),
    (UiCommand::RenameSelected, keys(NONE, Key::F2)),
    (UiCommand::DropSelection, keys(NONE, Key::Escape)),
    (UiCommand::ApplyRecent(1), keys(NONE, Key::Num1)),
    (UiCommand::ApplyRecent(2), keys(NONE, Key::Num2)),
    (UiCommand::ApplyRecent(3), keys(NONE, Key::Num3)),
    (UiCommand::ApplyRecent(4), keys(NONE, Key::Num4)),
    (UiCommand::ApplyRecent(5), keys(NONE, Key::Num5)),
    (UiCommand::ApplyRecent(6), keys(NONE, Key::Num6)),
    (UiCommand::ApplyRecent(7), keys(NONE, Key::Num7)),
    (UiCommand::ApplyRecent(8), keys(NONE, Key::Num8)),
    (UiCommand::ApplyRecent(9), keys(NONE, Key::Num9)),
];

/// Keys the widgets handle themselves, not commands: the Help screen lists them after the
/// commands' shortcuts.
pub const WIDGET_KEYS: [(&str, &str); 1] =
    [("Shift+arrows, Ctrl+Shift+arrows", "Extend the selection by characters, words")];

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
            Self::PreviousPassage => "Previous passage".into(),
            Self::NextPassage => "Next passage".into(),
            Self::RenameSelected => "Rename the item selected in the code tree".into(),
            Self::DropSelection => "Drop the selection".into(),
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
            Self::ApplyRecent(_) => "Code the selection with a recent code (the toolbar shows which)",
            Self::PreviousPassage | Self::NextPassage => "While reading passages one by one",
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
                | Self::RenameSelected
        )
    }

    /// The command's shortcut, from [`SHORTCUTS`].
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        SHORTCUTS.iter().find(|(c, _)| *c == self).map(|(_, s)| *s)
    }

    /// The shortcut as the user types it on this system ("Ctrl+K", "⌘K"), or "" without one.
    pub fn keys(self, ctx: &egui::Context) -> String {
        self.shortcut().map(|s| ctx.format_shortcut(&s)).unwrap_or_default()
    }

    /// The tooltip with the shortcut after it in brackets, for buttons that do the command.
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&s)),
            None => self.tooltip().to_owned(),
        }
    }

    /// Commands the Help screen shows on one row, their keys joined, with what they do.
    pub fn help_row(self) -> Option<&'static str> {
        match self {
            Self::PreviousPassage | Self::NextPassage => {
                Some("Previous / next passage while reading passages one by one")
            }
            Self::ApplyRecent(_) => Some(self.tooltip()),
            _ => None,
        }
    }

    /// Whether its key also means something to the widgets (Escape closes a menu too), so it is
    /// read without being taken from them.
    fn shares_key(self) -> bool {
        self == Self::DropSelection
    }

    /// Every command with a shortcut, longest modifier sets first so Ctrl+Shift+Z is not read
    /// as Ctrl+Z (egui matches a shortcut whatever extra Shift or Alt is held).
    pub fn with_shortcuts() -> Vec<(UiCommand, KeyboardShortcut)> {
        let mut all = SHORTCUTS.to_vec();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        all
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

/// How many of Alt, Shift and Ctrl/Cmd a shortcut holds.
fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.shift, m.ctrl || m.command || m.mac_cmd].into_iter().filter(|b| *b).count()
}

/// The commands whose shortcuts were pressed this frame, of those `available` now; the keys of
/// the others stay with the widgets (Delete deletes a selected relation when no coding is
/// selected, Alt+Left moves by a word when no passages are being read). Keys without Ctrl/Cmd
/// (Delete, 1-9, Alt+arrows, F2, Escape) only count when no text field has the keyboard, so
/// typing a memo never codes anything.
pub fn pressed(ctx: &egui::Context, available: impl Fn(UiCommand) -> bool) -> Vec<UiCommand> {
    let typing = ctx.text_edit_focused();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (c, s) in UiCommand::with_shortcuts() {
            if (typing && !s.modifiers.command) || !available(c) {
                continue;
            }
            let hit = if c.shares_key() {
                i.key_pressed(s.logical_key) && i.modifiers.matches_logically(s.modifiers)
            } else {
                i.consume_shortcut(&s)
            };
            if hit {
                out.push(c);
            }
        }
    });
    out
}

/// One thing the user asked for: a window-level command (dialogs, projects), an intent on
/// the open project, or one of the window's requests that carry a path.
#[derive(Clone, Debug)]
pub enum Command {
    Ui(UiCommand),
    App(crate::app::Intent),
    /// Open a project file or sample folder (the start screen, the in-use question, a chosen file).
    Open(PathBuf, crate::app::OpenAs),
    /// Open a copy of a project another window edits.
    OpenCopy(PathBuf),
    /// Files dropped onto the window: imported, or the first opened when no project is open.
    Drop(Vec<PathBuf>),
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

    /// Whether nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_or_declare_two() {
        for (i, (a, sa)) in SHORTCUTS.iter().enumerate() {
            for (b, sb) in &SHORTCUTS[i + 1..] {
                assert_ne!(a, b, "{a:?} declares two shortcuts");
                assert_ne!(sa, sb, "{a:?} and {b:?} share a shortcut");
            }
        }
    }

    /// A shortcut that another one would also match (same key, fewer modifiers: egui ignores an
    /// extra Shift or Alt) is tried after it: Ctrl+Shift+Z before Ctrl+Z.
    #[test]
    fn longer_shortcuts_are_matched_first() {
        let order = UiCommand::with_shortcuts();
        assert_eq!(order.len(), SHORTCUTS.len());
        let at = |c: UiCommand| order.iter().position(|(o, _)| *o == c).unwrap();
        for (a, sa) in SHORTCUTS {
            assert_eq!(a.shortcut(), Some(sa));
            for (b, sb) in SHORTCUTS {
                let shadowed =
                    sa.logical_key == sb.logical_key && sa != sb && sa.modifiers.matches_logically(sb.modifiers);
                if shadowed {
                    assert!(at(a) < at(b), "{a:?} ({sa:?}) must be tried before {b:?} ({sb:?})");
                }
            }
        }
        assert!(at(UiCommand::Redo) < at(UiCommand::Undo));
        assert!(at(UiCommand::InVivo) < at(UiCommand::ImportFiles));
        assert!(at(UiCommand::NewCode) < at(UiCommand::NewProject));
    }
}
