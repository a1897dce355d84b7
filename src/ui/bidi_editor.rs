//! A multi-line text editor for right-to-left text (a memo written in Persian or Arabic): egui's
//! `TextEdit` draws such text in stored order and puts its caret in the wrong place, so memos
//! holding right-to-left text are edited here instead, each paragraph laid out by
//! [`BidiBlock`] in its own direction.
//!
//! What it does: typing and pasting at the caret (replacing a selection), Backspace and Delete,
//! Enter for a new paragraph, the arrow keys moving by what is on screen (left is forward in a
//! right-to-left line), Up and Down to the paragraph above or below, Home and End to the
//! paragraph's ends, Shift to extend a selection, Ctrl+A, copy and cut, clicks and drags. The
//! caret and selection are char offsets into the text, kept in egui's memory under the widget's
//! id, which is the id of the `TextEdit` it stands in for, so focus carries over when a memo's
//! first right-to-left letter switches editors.

use std::ops::Range;

use egui::{Event, FontId, Id, Key, Pos2, Rect, Sense, Stroke, vec2};

use super::bidi_text::{BidiBlock, BlockStyle};

/// Caret and selection anchor, char offsets into the whole text.
#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    anchor: usize,
    caret: usize,
}

impl Cursor {
    fn range(self) -> Range<usize> {
        self.anchor.min(self.caret)..self.anchor.max(self.caret)
    }
}

/// One paragraph laid out: its first char in the text, where it is drawn (from the editor's
/// top left), and its block.
struct Laid {
    start: usize,
    top: f32,
    block: BidiBlock,
}

/// Edits `text` in a frame `width` wide (at least `rows` lines high); returns the response,
/// `changed()` when the text was edited this frame.
pub fn edit(ui: &mut egui::Ui, id: Id, text: &mut String, rows: usize) -> egui::Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.available_width();
    let row_height = ui.fonts_mut(|f| f.row_height(&font));
    let mut cursor: Cursor = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| {
        let end = text.chars().count();
        Cursor { anchor: end, caret: end }
    });
    let len = text.chars().count();
    cursor.anchor = cursor.anchor.min(len);
    cursor.caret = cursor.caret.min(len);

    let mut laid = layout(ui, text, &font, width - 8.0);
    let height = laid.last().map_or(0.0, |l| l.top + l.block.size().y).max(rows as f32 * row_height) + 8.0;
    // The widget's own id (not an automatic one): focus and the cursor live under it.
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let mut response = ui.interact(rect, id, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, text.as_str()));
    let origin = rect.min + vec2(4.0, 4.0);

    // The pointer: a click places the caret, a drag selects.
    let hit = |laid: &[Laid], pos: Pos2| -> usize {
        let y = pos.y - origin.y;
        let i = laid.partition_point(|l| l.top + l.block.size().y <= y).min(laid.len() - 1);
        let l = &laid[i];
        l.start + l.block.hit(pos - origin - vec2(0.0, l.top))
    };
    if let Some(pos) = response.interact_pointer_pos() {
        let at = hit(&laid, pos);
        if response.drag_started() || response.clicked() {
            let shift = ui.input(|i| i.modifiers.shift);
            cursor = Cursor { anchor: if shift { cursor.anchor } else { at }, caret: at };
        } else if response.dragged() {
            cursor.caret = at;
        }
        response.request_focus();
    }

    if response.has_focus() {
        // The arrows are the editor's while it has focus (not a move to the next widget).
        let filter = egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
        let events = ui.input(|i| i.filtered_events(&filter));
        for event in events {
            if let Some(new) = apply(&event, text, &mut cursor, &laid) {
                if new {
                    response.mark_changed();
                    laid = layout(ui, text, &font, width - 8.0);
                }
            } else if let Event::Copy | Event::Cut = event {
                let selected = slice(text, cursor.range());
                if !selected.is_empty() {
                    ui.ctx().copy_text(selected);
                }
                if matches!(event, Event::Cut) && replace(text, &mut cursor, "") {
                    response.mark_changed();
                    laid = layout(ui, text, &font, width - 8.0);
                }
            }
        }
    }
    ui.data_mut(|d| d.insert_temp(id, cursor));

    paint(ui, rect, origin, &laid, cursor, response.has_focus());
    response
}

/// Each paragraph of `text` laid out `wrap` wide, one under the other.
fn layout(ui: &egui::Ui, text: &str, font: &FontId, wrap: f32) -> Vec<Laid> {
    let mut laid = Vec::new();
    let (mut start, mut top) = (0, 0.0);
    for paragraph in text.split('\n') {
        let style = BlockStyle { font, colors: &[], body_from: 0 };
        let block = ui.fonts_mut(|f| BidiBlock::new(f, paragraph, &style, wrap));
        let height = block.size().y;
        laid.push(Laid { start, top, block });
        start += paragraph.chars().count() + 1;
        top += height;
    }
    laid
}

/// Applies one input event: `Some(true)` when the text changed, `Some(false)` when only the
/// cursor moved, `None` when the event is not the editor's (or is a copy or cut).
fn apply(event: &Event, text: &mut String, cursor: &mut Cursor, laid: &[Laid]) -> Option<bool> {
    match event {
        Event::Text(typed) => Some(replace(text, cursor, typed)),
        Event::Paste(pasted) => Some(replace(text, cursor, &pasted.replace("\r\n", "\n"))),
        Event::Key { key, pressed: true, modifiers, .. } => {
            let len = text.chars().count();
            let para = laid.partition_point(|l| l.start + l.block.len() < cursor.caret).min(laid.len() - 1);
            let here = &laid[para];
            let moved = match key {
                Key::Enter => return Some(replace(text, cursor, "\n")),
                Key::Backspace | Key::Delete => {
                    if cursor.anchor == cursor.caret {
                        cursor.anchor = if *key == Key::Backspace {
                            cursor.caret.saturating_sub(1)
                        } else {
                            (cursor.caret + 1).min(len)
                        };
                    }
                    return Some(replace(text, cursor, ""));
                }
                Key::A if modifiers.command => {
                    *cursor = Cursor { anchor: 0, caret: len };
                    return Some(false);
                }
                Key::ArrowLeft | Key::ArrowRight => {
                    let left = *key == Key::ArrowLeft;
                    let local = cursor.caret - here.start;
                    let next = here.block.move_visual(local, left);
                    // At a paragraph's end going on (left in a right-to-left one): the next
                    // paragraph's start; at its start going back: the previous one's end.
                    let forward = left == here.block.is_rtl();
                    match (next == local, forward) {
                        (true, true) if para + 1 < laid.len() => laid[para + 1].start,
                        (true, false) if para > 0 => here.start - 1,
                        _ => here.start + next,
                    }
                }
                Key::ArrowUp => laid.get(para.wrapping_sub(1)).map_or(0, |l| l.start),
                Key::ArrowDown => laid.get(para + 1).map_or(len, |l| l.start),
                Key::Home => here.start,
                Key::End => here.start + here.block.len(),
                _ => return None,
            };
            cursor.caret = moved.min(len);
            if !modifiers.shift {
                cursor.anchor = cursor.caret;
            }
            Some(false)
        }
        _ => None,
    }
}

/// Replaces the selection with `with` and puts the caret after it; whether the text changed.
fn replace(text: &mut String, cursor: &mut Cursor, with: &str) -> bool {
    let range = cursor.range();
    if range.is_empty() && with.is_empty() {
        return false;
    }
    let bytes = axial_core::bidi::byte_range(text, range.clone());
    text.replace_range(bytes, with);
    let caret = range.start + with.chars().count();
    *cursor = Cursor { anchor: caret, caret };
    true
}

fn slice(text: &str, chars: Range<usize>) -> String {
    text[axial_core::bidi::byte_range(text, chars)].to_owned()
}

/// The frame, the selection, the text and (when focused) the caret.
fn paint(ui: &egui::Ui, rect: Rect, origin: Pos2, laid: &[Laid], cursor: Cursor, focused: bool) {
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, visuals.extreme_bg_color);
    let stroke = if focused { visuals.selection.stroke } else { visuals.widgets.inactive.bg_stroke };
    painter.rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Inside);
    let range = cursor.range();
    let selection_colors = super::theme::text_selection(visuals.dark_mode);
    for l in laid {
        let at = origin + vec2(0.0, l.top);
        let local =
            range.start.max(l.start).saturating_sub(l.start)..range.end.saturating_sub(l.start).min(l.block.len());
        let selection = (!range.is_empty() && !local.is_empty()).then_some((local, selection_colors));
        l.block.paint(&painter, at, &[], selection, visuals.text_color());
        if focused && (l.start..=l.start + l.block.len()).contains(&cursor.caret) {
            let (x, top, bottom) = l.block.caret(cursor.caret - l.start);
            painter.vline(at.x + x, (at.y + top)..=(at.y + bottom), Stroke::new(1.5, visuals.text_cursor.stroke.color));
        }
    }
}
