//! The command palette (Ctrl+Shift+P): every command of the menus and every view, found by
//! typing a few letters, run with Enter; each shows its shortcut, so the palette also teaches
//! them.

use super::command::{Commands, UiCommand};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Default)]
pub struct Palette {
    pub open: bool,
    query: String,
    chosen: usize,
}

/// Every command the palette offers, in menu order: those of the menu bar's declaration
/// ([`super::menu_bar::MENU_BAR`]), then the views' own.
pub fn all_commands() -> Vec<UiCommand> {
    super::menu_bar::palette_commands()
}

/// The commands matching `query`, best first (all, in menu order, for an empty query).
pub fn matching(query: &str) -> Vec<UiCommand> {
    let query = query.trim();
    let all = all_commands();
    if query.is_empty() {
        return all;
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize, UiCommand)> = all
        .into_iter()
        .enumerate()
        // Views come first on an equal match: "cube" is more often the view than its export.
        .filter_map(|(i, c)| {
            let bonus = if matches!(c, UiCommand::Show(_)) { 30 } else { 0 };
            matcher.fuzzy_match(&c.label(), query).map(|s| (s + bonus, i, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, c)| c).collect()
}

impl Palette {
    pub fn show(&mut self) {
        self.open = true;
        self.query.clear();
        self.chosen = 0;
    }

    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        if !self.open {
            return;
        }
        let mut close = false;
        egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(440.0);
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt("palette-query")
                    .hint_text("Type a command: export, cube, undo, settings…")
                    .desired_width(f32::INFINITY),
            );
            edit.request_focus();
            if edit.changed() {
                self.chosen = 0;
            }
            let list = matching(&self.query);
            let moved = ui.input(|i| i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::ArrowUp));
            let (enter, escape) = super::quick_pick::list_keys(ui, &mut self.chosen, list.len());
            let mut pick = None;
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for (i, c) in list.iter().enumerate() {
                    let mut button = egui::Button::selectable(i == self.chosen, c.label());
                    if let Some(s) = c.shortcut() {
                        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                    }
                    let response = ui.add(button.min_size(egui::vec2(ui.available_width(), 0.0)));
                    if i == self.chosen && moved {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        pick = Some(*c);
                    }
                }
            });
            if list.is_empty() {
                ui.label(egui::RichText::new("No command matches.").weak());
            }
            if enter && pick.is_none() {
                pick = list.get(self.chosen).copied();
            }
            if let Some(c) = pick {
                commands.push(c);
                close = true;
            }
            close |= escape;
        });
        if close {
            self.open = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::Center;

    #[test]
    fn a_few_letters_find_the_command() {
        assert_eq!(matching("cube").first(), Some(&UiCommand::Show(Center::Cube)));
        assert_eq!(matching("undo").first(), Some(&UiCommand::Undo));
        assert!(matching("png").contains(&UiCommand::Export(axial_core::export::Export::DiagramPng)));
        assert_eq!(matching("").len(), all_commands().len());
    }
}
