//! What the pointer, the keys and a dragged code do to the transcript: selection by mouse
//! (snapped to words) and by keyboard, a click on coded text, a code dropped on the
//! selection, and the context menu.

use super::paragraph::Laid;
use super::{Frame, ReaderView};
use crate::app::{AppState, Intent};
use crate::ui::command::{Commands, UiCommand};
use axial_core::model::*;
use egui::{Align2, FontId, vec2};

impl ReaderView {
    /// Selection by mouse: a drag selects whole words (exact characters with Alt), a double
    /// click a word; a click puts the caret and selects the innermost coding there.
    pub(super) fn pointer_ui(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        state: &AppState,
        document: &Document,
        frame: &Frame,
        commands: &mut Commands,
    ) {
        // Mouse selection snaps to whole words, as coders expect; Alt selects exact characters.
        let exact = ui.input(|i| i.modifiers.alt);
        if response.drag_started() {
            let from = ui.input(|i| i.pointer.press_origin()).and_then(|pos| self.char_at(frame, pos));
            if let Some(anchor) = from {
                commands.push(Intent::Select { anchor, focus: anchor });
                self.drag_anchor = Some(anchor);
            }
        }
        if response.dragged()
            && let (Some(raw_anchor), Some(raw_focus)) =
                (self.drag_anchor, response.interact_pointer_pos().and_then(|pos| self.char_at(frame, pos)))
        {
            let (anchor, focus) =
                if exact { (raw_anchor, raw_focus) } else { self.snap(document, raw_anchor, raw_focus) };
            if state.selection.is_none_or(|s| (s.anchor, s.focus) != (anchor, focus)) {
                commands.push(Intent::Select { anchor, focus });
            }
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked() {
            if let Some(at) = response.interact_pointer_pos().and_then(|pos| self.char_at(frame, pos)) {
                let (a, b) = self.layout.word_at(&document.text, at);
                commands.push(Intent::Select { anchor: a, focus: b });
            }
        } else if response.clicked() {
            response.request_focus();
            let at = response.interact_pointer_pos().and_then(|pos| self.char_at(frame, pos));
            // A click on coded text selects the innermost coding there; elsewhere it clears.
            let coding = at.and_then(|at| {
                self.layout
                    .codings
                    .iter()
                    .filter(|c| c.start <= at && at < c.end)
                    .min_by_key(|c| c.end - c.start)
                    .map(|c| c.id)
            });
            // The caret first: a new selection drops the selected coding, so the coding comes
            // after it (the other way round, a click never selected the coding under it).
            commands.push(Intent::ClearSelection);
            if let Some(at) = at {
                commands.push(Intent::Select { anchor: at, focus: at });
            }
            commands.push(Intent::SelectCoding(coding));
        }
        if response.drag_started() || response.clicked() {
            response.request_focus();
        }
    }

    /// A dragged selection from `anchor` to `focus` widened to the whole words at both ends.
    fn snap(&self, document: &Document, anchor: usize, focus: usize) -> (usize, usize) {
        let word = |at| self.layout.word_at(&document.text, at);
        if focus >= anchor {
            (word(anchor).0, word(focus).1.max(focus))
        } else {
            (word(anchor).1, word(focus).0.min(focus))
        }
    }

    /// Keyboard selection while the reader has focus: the arrows (and Home, End) move the
    /// caret, with Shift the selection's focus.
    pub(super) fn keyboard_ui(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        state: &AppState,
        document: &Document,
        commands: &mut Commands,
    ) {
        if !response.has_focus() {
            return;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() },
            )
        });
        if let Some(sel) = state.selection.filter(|s| Some(s.document) == state.document)
            && let Some(focus) = self.keyboard_focus(ui, document, sel.focus)
        {
            let shift = ui.input(|i| i.modifiers.shift);
            let anchor = if shift { sel.anchor } else { focus };
            commands.push(Intent::Select { anchor, focus });
        }
    }

    /// The new focus position for arrow keys (by character, by word with Ctrl, by paragraph
    /// with Up/Down, to paragraph ends with Home/End), if one was pressed.
    fn keyboard_focus(&self, ui: &egui::Ui, document: &Document, focus: usize) -> Option<usize> {
        let len = self.layout.len;
        let para = crate::app::reader::paragraph_at(&self.layout.paragraphs, focus);
        // In a paragraph laid out right to left, arrows move by what is on screen.
        let block = match self.galleys.get(&para) {
            Some((_, Laid::Bidi(block))) => Some(block.clone()),
            _ => None,
        };
        let start = self.layout.paragraphs[para].start;
        ui.input(|i| {
            let word = i.modifiers.command || i.modifiers.alt;
            let arrow = |key| i.key_pressed(key) && !word;
            if let Some(block) = &block
                && (arrow(egui::Key::ArrowLeft) || arrow(egui::Key::ArrowRight))
            {
                let left = i.key_pressed(egui::Key::ArrowLeft);
                return Some(start + block.move_visual(focus - start, left));
            }
            // Words: forward is to the left in a right-to-left paragraph.
            let rtl = block.as_ref().is_some_and(|b| b.is_rtl());
            let (forward, backward) = if rtl {
                (egui::Key::ArrowLeft, egui::Key::ArrowRight)
            } else {
                (egui::Key::ArrowRight, egui::Key::ArrowLeft)
            };
            if i.key_pressed(forward) {
                Some(if word {
                    self.layout.word_at(&document.text, (focus + 1).min(len)).1.max(focus + 1).min(len)
                } else {
                    (focus + 1).min(len)
                })
            } else if i.key_pressed(backward) {
                Some(if word {
                    self.layout.word_at(&document.text, focus.saturating_sub(1)).0
                } else {
                    focus.saturating_sub(1)
                })
            } else if i.key_pressed(egui::Key::ArrowDown) {
                Some(self.layout.paragraphs.get(para + 1).map(|p| p.end).unwrap_or(len))
            } else if i.key_pressed(egui::Key::ArrowUp) {
                Some(if para == 0 { 0 } else { self.layout.paragraphs[para - 1].start })
            } else if i.key_pressed(egui::Key::Home) {
                Some(self.layout.paragraphs[para].start)
            } else if i.key_pressed(egui::Key::End) {
                Some(self.layout.paragraphs[para].end)
            } else {
                None
            }
        })
    }
}

/// The transcript as a drop target: a code dragged from the tree over the text says what
/// dropping it does; dropped, it codes the selection.
pub(super) fn drop_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    painter: &egui::Painter,
    state: &AppState,
    selection: Option<(usize, usize)>,
    commands: &mut Commands,
) {
    if let Some(code) = response.dnd_hover_payload::<CodeId>() {
        let name = state.project.code(*code).map(|c| c.name.clone()).unwrap_or_default();
        let hint = if selection.is_some() {
            format!("Drop to code the selection with “{name}”")
        } else {
            "Select a passage first".into()
        };
        if let Some(pt) = ui.ctx().pointer_hover_pos() {
            painter.text(
                pt + vec2(14.0, -18.0),
                Align2::LEFT_BOTTOM,
                hint,
                FontId::proportional(12.0),
                ui.visuals().strong_text_color(),
            );
        }
    }
    if let Some(code) = response.dnd_release_payload::<CodeId>() {
        commands.push(Intent::ApplyCode(*code));
    }
}

/// The text's context menu: the selected coding's comments, coding the selection (quick pick
/// or in vivo) and removing the selected coding, each disabled with the reason when it cannot.
pub(super) fn context_menu_ui(
    response: &egui::Response,
    state: &AppState,
    selection: Option<(usize, usize)>,
    commands: &mut Commands,
) {
    response.context_menu(|ui| {
        let refusal = state.edit_refusal();
        let why = refusal.unwrap_or("Select a passage first");
        let enabled = refusal.is_none() && selection.is_some();
        if let Some(c) = state.selected_coding {
            let open = state.comments.open_on(axial_core::model::CommentTarget::Coding(c));
            let label = if open > 0 {
                format!("Comments on this coding ({open} open)…")
            } else {
                "Comment on this coding…".to_owned()
            };
            if ui.button(label).clicked() {
                commands.push(UiCommand::ShowComments);
                ui.close();
            }
            ui.separator();
        }
        for c in [UiCommand::QuickPick, UiCommand::InVivo] {
            if c.menu_button_why(ui, enabled, Some(why)) {
                commands.push(c);
                ui.close();
            }
        }
        if state.selected_coding.is_some() && UiCommand::RemoveCoding.menu_button_why(ui, refusal.is_none(), Some(why))
        {
            commands.push(UiCommand::RemoveCoding);
            ui.close();
        }
    });
}
