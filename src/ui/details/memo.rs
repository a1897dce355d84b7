//! The memo pane: which item the memo is on (following the selection), which of its memos,
//! and an editor that saves as the user types (one undo step per burst of typing).

use super::DetailsPanel;
use crate::app::{AppState, Group, Intent};
use crate::ui::command::Commands;
use axial_core::model::*;
use egui::RichText;

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum MemoOn {
    Coding,
    Code,
    /// The concept or category selected in the tree.
    Group,
    /// The relation selected in the paradigm model.
    Relation,
    #[default]
    Document,
    Project,
}

impl DetailsPanel {
    /// The memo the memo pane shows now (the chosen one on its item, else the first).
    pub(super) fn current_memo(&self, state: &AppState) -> Option<MemoId> {
        let target = self.memo_target(state)?;
        let memos: Vec<MemoId> = state.project.memos_on(&target).map(|m| m.id).collect();
        shown(self.memo_chosen, &memos)
    }

    fn memo_target(&self, state: &AppState) -> Option<MemoTarget> {
        match self.memo_on {
            MemoOn::Coding => state.selected_coding.map(MemoTarget::Coding),
            MemoOn::Code => state.selected_code.map(MemoTarget::Code),
            MemoOn::Group => state.selected_group.map(|g| match g {
                Group::Concept(id) => MemoTarget::Concept(id),
                Group::Category(id) => MemoTarget::Category(id),
            }),
            MemoOn::Relation => state.selected_relation.map(MemoTarget::Relation),
            MemoOn::Document => state.document.map(MemoTarget::Document),
            MemoOn::Project => Some(MemoTarget::Project),
        }
    }

    /// The memos on what is selected (or on the document or project): which item, which of
    /// its memos, and an editor that saves as the user types.
    pub(super) fn memo_ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        self.follow_selection(state);
        self.memo_targets_ui(ui, state);
        let Some(target) = self.memo_target(state) else {
            ui.label(RichText::new("Select one first.").weak());
            return;
        };
        let memos: Vec<&Memo> = state.project.memos_on(&target).collect();
        if self.memo_pick_newest && memos.len() > 1 {
            self.memo_chosen = memos.iter().map(|m| m.id).max();
            self.memo_pick_newest = false;
        }
        let ids: Vec<MemoId> = memos.iter().map(|m| m.id).collect();
        let chosen = shown(self.memo_chosen, &ids);
        self.memo_list_ui(ui, state, &target, &memos, chosen, commands);
        self.refresh_memo_buffer(ui, state, &target, chosen);
        self.memo_editor_ui(ui, state, &target, chosen, commands);
    }

    /// Selecting a concept, category or relation shows its memo (the storyline is the core
    /// category's); coming back to a coding or code, the memo follows.
    fn follow_selection(&mut self, state: &AppState) {
        follow(&mut self.memo_on, &mut self.seen_group, state.selected_group, MemoOn::Group);
        // A relation's memo says why the two categories are linked.
        follow(&mut self.memo_on, &mut self.seen_relation, state.selected_relation, MemoOn::Relation);
    }

    /// "Memo on": the items the memo can be on, those not selected greyed out.
    fn memo_targets_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Memo on");
            let has_coding = state.selected_coding.is_some();
            let has_code = state.selected_code.is_some();
            ui.add_enabled_ui(has_coding, |ui| ui.selectable_value(&mut self.memo_on, MemoOn::Coding, "coding"));
            ui.add_enabled_ui(has_code, |ui| ui.selectable_value(&mut self.memo_on, MemoOn::Code, "code"));
            match state.selected_group {
                Some(Group::Concept(_)) => drop(ui.selectable_value(&mut self.memo_on, MemoOn::Group, "concept")),
                Some(Group::Category(_)) => drop(ui.selectable_value(&mut self.memo_on, MemoOn::Group, "category")),
                None => {}
            }
            if state.selected_relation.is_some() {
                ui.selectable_value(&mut self.memo_on, MemoOn::Relation, "relation");
            }
            ui.selectable_value(&mut self.memo_on, MemoOn::Document, "document");
            ui.selectable_value(&mut self.memo_on, MemoOn::Project, "project");
        });
    }

    /// Every memo on the item, by title (or first words): pick one to edit, add, delete.
    fn memo_list_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        target: &MemoTarget,
        memos: &[&Memo],
        chosen: Option<MemoId>,
        commands: &mut Commands,
    ) {
        ui.horizontal_wrapped(|ui| {
            if memos.len() > 1 {
                for (i, m) in memos.iter().enumerate() {
                    let words: String = m.text.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                    let name = if !m.title.trim().is_empty() {
                        m.title.clone()
                    } else if words.is_empty() {
                        format!("Memo {}", i + 1)
                    } else {
                        format!("{words}\u{2026}")
                    };
                    if ui.selectable_label(chosen == Some(m.id), name).clicked() {
                        self.memo_chosen = Some(m.id);
                    }
                }
            }
            let refusal = state.edit_refusal();
            if !memos.is_empty()
                && ui
                    .add_enabled(refusal.is_none(), egui::Button::new("+ Memo").small())
                    .on_hover_text("Another memo on this item")
                    .on_disabled_hover_text(refusal.unwrap_or_default())
                    .clicked()
            {
                commands.push(Intent::NewMemo { target: target.clone(), title: String::new() });
                self.memo_pick_newest = true;
            }
            if let Some(id) = chosen
                && ui
                    .add_enabled(refusal.is_none(), egui::Button::new("Delete memo").small())
                    .on_hover_text("Delete this memo (undo brings it back)")
                    .on_disabled_hover_text(refusal.unwrap_or_default())
                    .clicked()
            {
                commands.push(Intent::DeleteMemo(id));
                self.memo_chosen = None;
            }
            // Who wrote it and when, on this row: every line below is the editor's.
            if let Some(m) = chosen.and_then(|id| state.project.memo(id)) {
                let when = m.modified.get(..16).unwrap_or(&m.modified).replace('T', " ");
                // Whole or on the next line, never broken between the name and the time.
                ui.add(egui::Label::new(RichText::new(format!("{} · {when}", m.author)).small().weak()).extend())
                    .on_hover_text(format!("Last edited {} by {}", m.modified, m.author));
            }
        });
    }

    /// The editor's text follows the chosen memo unless the user is typing in it.
    fn refresh_memo_buffer(&mut self, ui: &egui::Ui, state: &AppState, target: &MemoTarget, chosen: Option<MemoId>) {
        let key = (target.clone(), chosen, state.revision());
        let editing =
            ui.ctx().text_edit_focused() && self.memo_key.as_ref().is_some_and(|(t, c, _)| t == target && *c == chosen);
        if self.memo_key.is_none() || (self.memo_key.as_ref() != Some(&key) && !editing) {
            // Text typed but not saved yet (the project was busy) is what the editor shows.
            self.memo_buffer = match state.unsaved_memo_text(target, chosen) {
                Some(text) => text.to_owned(),
                None => chosen.and_then(|id| state.project.memo(id)).map(|m| m.text.clone()).unwrap_or_default(),
            };
            self.memo_key = Some(key);
        }
    }

    fn memo_editor_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        target: &MemoTarget,
        chosen: Option<MemoId>,
        commands: &mut Commands,
    ) {
        // A long memo scrolls inside the panel instead of growing it over the transcript: the
        // panel keeps the height the user gave it (drag its edge for a taller editor).
        let max_height = ui.available_height().max(36.0);
        if let Some(why) = state.edit_refusal().filter(|_| !state.restoring()) {
            // Reviewing or read-only: the memo to read (and copy), not an editor.
            egui::ScrollArea::vertical()
                .id_salt("memo-scroll")
                .max_height(max_height)
                .min_scrolled_height(max_height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let text = if self.memo_buffer.trim().is_empty() { "(no memo here)" } else { &self.memo_buffer };
                    ui.add(egui::Label::new(text).wrap().selectable(true)).on_hover_text(why);
                });
            return;
        }
        let edit = egui::ScrollArea::vertical()
            .id_salt("memo-scroll")
            .max_height(max_height)
            // egui's default minimum (64 px) would overflow a low panel and grow it.
            .min_scrolled_height(max_height)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Right-to-left text is edited in Axial's own editor (egui's would show it in
                // stored order), under the same id, so focus stays when the first such letter
                // is typed.
                let id = ui.make_persistent_id("memo-editor");
                if axial_core::bidi::has_rtl_chars(&self.memo_buffer) && !state.restoring() {
                    crate::ui::bidi_editor::edit(ui, id, &mut self.memo_buffer, 5)
                } else {
                    ui.add(
                        egui::TextEdit::multiline(&mut self.memo_buffer)
                            .id_salt("memo-editor")
                            .interactive(!state.restoring())
                            .desired_rows(5)
                            .desired_width(ui.available_width())
                            .hint_text("Write a memo: saved as you type"),
                    )
                }
            })
            .inner;
        if edit.changed() {
            commands.push(match chosen {
                Some(id) => Intent::EditMemo { id, text: self.memo_buffer.clone() },
                None => Intent::SetMemo { target: target.clone(), text: self.memo_buffer.clone() },
            });
        }
    }
}

/// The memo shown among an item's `memos`: the one the user chose while it is there, else the
/// first.
fn shown(chosen: Option<MemoId>, memos: &[MemoId]) -> Option<MemoId> {
    chosen.filter(|id| memos.contains(id)).or(memos.first().copied())
}

/// One kind of selection followed: when `now` differs from what was `seen`, the memo goes on
/// it (`on`) if something is selected, or back to the document if it was on it.
fn follow<T: PartialEq>(memo_on: &mut MemoOn, seen: &mut Option<T>, now: Option<T>, on: MemoOn) {
    if now == *seen {
        return;
    }
    if now.is_some() {
        *memo_on = on;
    } else if *memo_on == on {
        *memo_on = MemoOn::Document;
    }
    *seen = now;
}
