//! UI tests (egui_kittest) for the one path of commands: the Help window lists every declared
//! shortcut, a shortcut does what its menu item does, the palette finds a command by typing and
//! runs it, the menus show the declared labels, and keys and buttons that once went around the
//! queue (the walk's Alt+arrows, the reader's context menu) now go through it.

use axial::app::{Intent, Scope};
use axial::ui::command::{SHORTCUTS, UiCommand};
use axial::ui::menu_bar::{Entry, MENU_BAR};
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod ui_common;
use ui_common::{crm, menu, press, select_by_mouse, state};

type H<'a> = egui_kittest::Harness<'a, axial::ui::AxialApp>;

#[test]
fn the_help_window_lists_every_declared_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().shortcuts_open);
    let ctx = h.ctx.clone();
    for (command, shortcut) in SHORTCUTS {
        // The nine recent codes share one row, "1 … 9" (checked below).
        if matches!(command, UiCommand::ApplyRecent(2..=8)) {
            continue;
        }
        let keys = ctx.format_shortcut(&shortcut);
        let shown = h.query_all_by_label_contains(&keys).any(|n| {
            // A label's text is its accesskit value.
            let label = n.accesskit_node().value().unwrap_or_default();
            label == keys || label.split([' ', '/', '…']).any(|part| part == keys)
        });
        assert!(shown, "{command:?}: its shortcut {keys} is not on the Help screen");
    }
    // Grouped by menu, then the keys of the views and the widgets'.
    for title in ["Project menu", "Edit menu", "View menu", "Code menu", "Help menu", "In the views"] {
        h.get_by_label(title);
    }
    h.get_by_label("Rename the item selected in the code tree");
    h.get_by_label("Extend the selection by characters, words");
    h.get_by_label("1 … 9");
    h.get_by_label("Alt+Left / Alt+Right");
}

#[test]
fn every_menu_shows_its_declared_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    for m in MENU_BAR {
        h.get_by_label(m.title).click();
        h.run_steps(3);
        for entry in m.entries {
            if let Entry::Command(c) = entry {
                // A menu item reads as its label and then its shortcut, as declared.
                let shown = match c.shortcut() {
                    Some(s) => format!("{} {}", c.label(), h.ctx.format_shortcut(&s)),
                    None => c.label(),
                };
                h.get_by_label(&shown);
            }
        }
        // Close it again before the next one.
        h.key_press(Key::Escape);
        h.run_steps(3);
    }
}

#[test]
fn a_shortcut_does_what_its_menu_item_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    // Ctrl+B and View > Hide or show the side panels.
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert!(h.state().panels_hidden);
    menu(&mut h, &["View", "Hide or show the side panels Ctrl+B"]);
    assert!(!h.state().panels_hidden);
    // Ctrl+Shift+G and Code > New category…: the same dialog.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    h.get_by_label("New category");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("New category").is_none());
    menu(&mut h, &["Code", "New category… Ctrl+Shift+G"]);
    h.get_by_label("New category");
}

#[test]
fn the_palette_finds_a_command_by_typing_and_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(Event::Text("side panels".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().panels_hidden, "the palette ran Hide or show the side panels");
    // A view, found the same way.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.event(Event::Text("cube".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().center, axial::ui::Center::Cube);
}

#[test]
fn alt_arrows_step_through_passages_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let code = state(&h).project.codes().find(|c| state(&h).project.codings_of(c.id).count() > 2).unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::ReadPassages(Scope::Code(code)));
    h.run();
    let at = |h: &H<'_>| state(h).walk.as_ref().map(|w| w.index);
    assert_eq!(at(&h), Some(0));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert_eq!(at(&h), Some(1));
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(at(&h), Some(2), "the Next button runs the same command");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(at(&h), Some(1));
}

/// The reader's context menu once opened the code picker through a flag in egui's memory; now
/// its items are the declared commands, queued like any other.
#[test]
fn the_readers_context_menu_codes_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    let (start, end) = select_by_mouse(&mut h);
    let at = h.get_by_label("Transcript text").rect().left_top() + egui::vec2(200.0, 12.0);
    press(&mut h, at, PointerButton::Secondary);
    // The declared label and shortcut (the toolbar's button is "Code selection…" alone).
    h.get_by_label("Code selection… Ctrl+K").click();
    h.run();
    assert!(h.state().quick_pick.open, "the code picker opened");
    assert_eq!(state(&h).selected_range(), Some((start, end)));
}
