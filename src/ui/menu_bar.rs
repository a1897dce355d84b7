//! The menu bar as data: each menu's title and, in order, the commands, separators and generated
//! submenus it holds. `menus.rs` draws it through one function; the palette and the Help screen
//! list the same commands from it, so no list of commands is written twice.

use super::Center;
use super::command::{UiCommand, WIDGET_KEYS};
use axial_core::export::{Export, QuotesFormat};

/// One entry of a menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A command, shown with its declared label, shortcut and tooltip.
    Command(UiCommand),
    Separator,
    /// The Export submenu, generated from [`Export::ALL`] by group, with the passages' quotes in
    /// every [`QuotesFormat`].
    Exports,
    /// The views of the centre ([`Center::TABS`]), the one shown marked.
    Views,
    /// Axial's version and how it saves.
    About,
}

/// A menu of the menu bar.
#[derive(Clone, Copy, Debug)]
pub struct Menu {
    pub title: &'static str,
    pub entries: &'static [Entry],
}

use Entry::{About, Command as C, Exports, Separator, Views};
use UiCommand as U;

/// The menu bar, left to right.
pub const MENU_BAR: [Menu; 5] = [
    Menu {
        title: "Project",
        entries: &[
            C(U::NewProject),
            C(U::OpenProject),
            C(U::ReviewProject),
            Separator,
            C(U::ImportFiles),
            C(U::ImportFolder),
            C(U::MergeCopy),
            Separator,
            C(U::SaveCopy),
            C(U::ImportComments),
            Separator,
            Exports,
            Separator,
            C(U::ProjectSettings),
            C(U::Backups),
            Separator,
            C(U::CloseProject),
            C(U::Quit),
        ],
    },
    Menu { title: "Edit", entries: &[C(U::Undo), C(U::Redo), Separator, C(U::Find)] },
    Menu { title: "View", entries: &[Views, Separator, C(U::TogglePanels)] },
    Menu {
        title: "Code",
        entries: &[
            C(U::QuickPick),
            C(U::NewCode),
            C(U::InVivo),
            Separator,
            C(U::NewConcept),
            C(U::NewCategory),
            Separator,
            C(U::RemoveCoding),
        ],
    },
    Menu { title: "Help", entries: &[C(U::Palette), C(U::Shortcuts), C(U::OpenLog), Separator, About] },
];

/// Commands no menu holds, reached from the views and the keyboard; the palette and the Help
/// screen list them after the menus' (the recent codes, 1-9, come last on the Help screen).
pub const ELSEWHERE: [UiCommand; 5] =
    [U::CopyPassages, U::PreviousPassage, U::NextPassage, U::RenameSelected, U::DropSelection];

/// The commands an entry stands for, in the order it shows them.
fn commands_of(entry: Entry) -> Vec<UiCommand> {
    match entry {
        C(c) => vec![c],
        Exports => Export::ALL.map(U::Export).into_iter().chain(QuotesFormat::ALL.map(U::ExportPassages)).collect(),
        Views => Center::TABS.map(|(c, _)| U::Show(c)).to_vec(),
        Separator | About => Vec::new(),
    }
}

/// Every command the palette offers: the menus' in menu order (the palette itself aside), then
/// the others.
pub fn palette_commands() -> Vec<UiCommand> {
    MENU_BAR
        .iter()
        .flat_map(|m| m.entries.iter().flat_map(|e| commands_of(*e)))
        .filter(|c| *c != U::Palette)
        .chain(ELSEWHERE)
        .collect()
}

/// A section of the Help screen: a title and its rows of (keys, what they do).
pub struct HelpSection {
    pub title: String,
    pub rows: Vec<(String, String)>,
}

/// The Help screen's list of keys: each menu's shortcuts under "<its title> menu", then the keys of
/// the views (commands grouped on one row by [`UiCommand::help_row`]), then the widgets' own.
pub fn help_sections(ctx: &egui::Context) -> Vec<HelpSection> {
    let mut out: Vec<HelpSection> = MENU_BAR
        .iter()
        .map(|m| HelpSection {
            title: format!("{} menu", m.title),
            rows: help_rows(ctx, m.entries.iter().flat_map(|e| commands_of(*e)).collect()),
        })
        .filter(|s| !s.rows.is_empty())
        .collect();
    let mut elsewhere = ELSEWHERE.to_vec();
    elsewhere.extend((1..=9).map(U::ApplyRecent));
    let mut rows = help_rows(ctx, elsewhere);
    rows.extend(WIDGET_KEYS.iter().map(|(k, w)| ((*k).to_owned(), (*w).to_owned())));
    out.push(HelpSection { title: "In the views".to_owned(), rows });
    out
}

/// One row per command with a shortcut; a run of commands sharing a [`UiCommand::help_row`] is
/// one row, its keys joined ("Alt+Left / Alt+Right", "1 … 9").
fn help_rows(ctx: &egui::Context, commands: Vec<UiCommand>) -> Vec<(String, String)> {
    let mut rows: Vec<(Option<&str>, Vec<String>, String)> = Vec::new();
    for c in commands {
        let Some(s) = c.shortcut() else { continue };
        let keys = ctx.format_shortcut(&s);
        match (c.help_row(), rows.last_mut()) {
            (Some(row), Some((Some(last), all, _))) if *last == row => all.push(keys),
            (row, _) => {
                let what = row.map(str::to_owned).unwrap_or_else(|| c.label().trim_end_matches('…').to_owned());
                rows.push((row, vec![keys], what));
            }
        }
    }
    rows.into_iter()
        .map(|(_, keys, what)| {
            let keys = match keys.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} / {b}"),
                [a, .., b] => format!("{a} … {b}"),
                [] => String::new(),
            };
            (keys, what)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command with a shortcut is somewhere the user can find it: a menu or the views.
    #[test]
    fn every_shortcut_is_in_a_menu_or_elsewhere() {
        let listed = palette_commands();
        for (c, _) in crate::ui::command::SHORTCUTS {
            let found = listed.contains(&c) || c == U::Palette || matches!(c, U::ApplyRecent(1..=9));
            assert!(found, "{c:?} has a shortcut but no menu lists it");
        }
    }

    #[test]
    fn the_help_screen_lists_every_shortcut_once() {
        let ctx = egui::Context::default();
        let sections = help_sections(&ctx);
        let rows: Vec<&(String, String)> = sections.iter().flat_map(|s| &s.rows).collect();
        // 30 shortcuts: the two passage keys share a row, the nine recent codes another.
        assert_eq!(rows.len(), 30 - 1 - 8 + WIDGET_KEYS.len());
        assert!(rows.iter().any(|(k, w)| k == "1 … 9" && w.starts_with("Code the selection with a recent code")));
        assert!(rows.iter().any(|(_, w)| w == "Previous / next passage while reading passages one by one"));
        assert_eq!(sections.first().map(|s| s.title.as_str()), Some("Project menu"));
    }
}
