//! Frequencies: references and documents per code, concept, category or class, overall or
//! with a column per document or case, in the study's counting unit; a sortable table and a
//! bar chart of the most frequent items. A click on a row reads its passages.

use super::{Commands, counts_key, wake};
use crate::app::{AppState, Computed, Scope};
use crate::ui::command::UiCommand;
use axial_core::analysis::frequencies::{By, FrequencyTable, Level, Row, overall_from_tallies, table};
use axial_core::analysis::units::{Rule, TurnIndex, Unit};
use egui::RichText;
use egui_plot::{AxisHints, Bar, BarChart, Plot};

/// What the table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// The tree's order.
    #[default]
    Tree,
    Name,
    References,
    Documents,
    /// A document's or case's column.
    Column(usize),
}

type Key = ((u64, u64), Level, By, Unit, Rule);

#[derive(Default)]
pub struct FrequenciesView {
    pub level: Level,
    pub by: By,
    pub unit: Unit,
    /// Which references count (all, or only unprompted ones).
    pub rule: Rule,
    pub sort: Sort,
    pub descending: bool,
    table: Computed<Key, FrequencyTable>,
    /// The overall table from the live counts, by the key it was built at.
    live: Option<(Key, FrequencyTable)>,
}

/// How many bars the chart shows.
const BARS: usize = 20;
const BAR: egui::Color32 = egui::Color32::from_rgb(0x5b, 0x9b, 0xd5);
const DOCUMENTS: egui::Color32 = egui::Color32::from_rgb(0xed, 0xa2, 0x4a);

impl FrequenciesView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        ui.horizontal_wrapped(|ui| {
            for level in Level::ALL {
                ui.selectable_value(&mut self.level, level, level.label());
            }
            ui.separator();
            ui.selectable_value(&mut self.by, By::Overall, "Overall");
            ui.selectable_value(&mut self.by, By::Document, "By document");
            ui.selectable_value(&mut self.by, By::Case, "By case");
            ui.separator();
            unit_choice(ui, &mut self.unit, "frequencies-unit");
            rule_choice(ui, &mut self.rule, "frequencies-rule");
        });
        let key = (counts_key(state), self.level, self.by, self.unit, self.rule);
        let (level, by, unit, rule) = (self.level, self.by, self.unit, self.rule);
        let busy = self.table.busy();
        // Overall in coded passages: from the live counts the project keeps (patched by every
        // change), on this thread; other views of the counts walk the codings in the background.
        let live = by == By::Overall
            && unit == Unit::Passage
            && (rule == Rule::All || state.project.depth().prompted_count() == 0);
        let t = if live {
            if self.live.as_ref().is_none_or(|(at, _)| *at != key) {
                self.live = Some((key, overall_from_tallies(&state.project, level)));
            }
            self.live.as_ref().map(|(_, t)| t)
        } else {
            self.table
                .get(key, &state.project, wake(ui), move |p| table(p, level, by, unit, rule, &mut TurnIndex::default()))
        };
        let Some(t) = t else {
            ui.spinner();
            return;
        };
        let mut rows: Vec<&Row> = t.rows.iter().collect();
        sort_rows(&mut rows, self.sort, self.descending);
        if busy {
            ui.spinner();
        }
        chart(ui, &rows);
        let (sort, descending) = table_ui(ui, t, &rows, (self.sort, self.descending), commands);
        (self.sort, self.descending) = (sort, descending);
    }
}

/// The counting rule as a choice: every reference, or only those the interviewer did not
/// prompt (marked on a coding in its details).
pub fn rule_choice(ui: &mut egui::Ui, rule: &mut Rule, salt: &str) {
    let label = ui.label("Rule").on_hover_text("Which references count");
    egui::ComboBox::from_id_salt(salt)
        .selected_text(rule_label(*rule))
        .show_ui(ui, |ui| {
            for r in Rule::ALL {
                ui.selectable_value(rule, r, rule_label(r)).on_hover_text(r.describe());
            }
        })
        .response
        .labelled_by(label.id);
}

fn rule_label(rule: Rule) -> &'static str {
    match rule {
        Rule::All => "all references",
        Rule::Unprompted => "unprompted only",
    }
}

/// The counting unit as a choice, with what each unit means on hover.
pub fn unit_choice(ui: &mut egui::Ui, unit: &mut Unit, salt: &str) {
    let label = ui.label("Count").on_hover_text("What one reference is");
    egui::ComboBox::from_id_salt(salt)
        .selected_text(unit_label(*unit))
        .show_ui(ui, |ui| {
            for u in Unit::ALL {
                ui.selectable_value(unit, u, unit_label(u)).on_hover_text(u.describe());
            }
        })
        .response
        .labelled_by(label.id);
}

fn unit_label(u: Unit) -> &'static str {
    match u {
        Unit::Passage => "every coded passage",
        Unit::Turn => "each turn once per code",
        Unit::Document => "each document once per code",
    }
}

fn sort_rows(rows: &mut [&Row], sort: Sort, descending: bool) {
    match sort {
        Sort::Tree => {}
        Sort::Name => rows.sort_by_key(|r| r.name.to_lowercase()),
        Sort::References => rows.sort_by_key(|r| r.references),
        Sort::Documents => rows.sort_by_key(|r| r.documents),
        Sort::Column(c) => rows.sort_by_key(|r| r.cells.get(c).copied().unwrap_or(0)),
    }
    if descending {
        rows.reverse();
    }
}

/// The most frequent items as horizontal bars (references, and the documents they are in),
/// most frequent on top.
fn chart(ui: &mut egui::Ui, rows: &[&Row]) {
    let mut top: Vec<&Row> = rows.iter().copied().filter(|r| r.references > 0).collect();
    top.sort_by_key(|r| std::cmp::Reverse(r.references));
    top.truncate(BARS);
    if top.is_empty() {
        ui.label(RichText::new("Nothing coded yet.").weak());
        return;
    }
    let names: Vec<String> = top.iter().map(|r| r.name.clone()).collect();
    let n = top.len();
    let bars = |value: fn(&Row) -> usize, offset: f64, color: egui::Color32| -> Vec<Bar> {
        top.iter()
            .enumerate()
            .map(|(i, r)| {
                Bar::new((n - 1 - i) as f64 + offset, value(r) as f64)
                    .name(&r.name)
                    .width(0.4)
                    .fill(color)
                    .stroke((1.0, color))
            })
            .collect()
    };
    let references = bars(|r| r.references, 0.2, BAR);
    let documents = bars(|r| r.documents, -0.2, DOCUMENTS);
    let height = (n as f32 * 17.0 + 40.0).clamp(120.0, 400.0);
    Plot::new("frequency-bars")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_y(false)
        // A mark at every bar, so every bar has its name.
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .custom_y_axes(vec![AxisHints::new_y().label_spacing(12.0..=14.0).min_thickness(200.0).formatter(
            move |mark, _| {
                let i = mark.value.round() as isize;
                if (mark.value - i as f64).abs() > 0.01 || i < 0 || i as usize >= n {
                    return String::new();
                }
                let name = &names[n - 1 - i as usize];
                let short: String = name.chars().take(34).collect();
                if short.len() < name.len() { format!("{short}…") } else { short }
            },
        )])
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightBottom))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("references", references).horizontal().color(BAR));
            plot.bar_chart(BarChart::new("documents", documents).horizontal().color(DOCUMENTS));
        });
}

const ROW: f32 = 22.0;

/// The table with clickable headers (sort; again to reverse) and rows (read the passages).
/// Only the rows and columns in view are drawn: a large project has thousands of codes and
/// hundreds of documents.
fn table_ui(
    ui: &mut egui::Ui,
    t: &FrequencyTable,
    rows: &[&Row],
    (mut sort, mut descending): (Sort, bool),
    commands: &mut Commands,
) -> (Sort, bool) {
    let mut columns: Vec<(String, f32, Sort)> = vec![
        ("Name".into(), 280.0, Sort::Name),
        ("Under".into(), 220.0, Sort::Tree),
        ("References".into(), 90.0, Sort::References),
        ("Documents".into(), 90.0, Sort::Documents),
    ];
    columns.extend(t.columns.iter().enumerate().map(|(i, c)| (c.clone(), 80.0, Sort::Column(i))));
    let starts: Vec<f32> = columns
        .iter()
        .scan(0.0, |x, c| {
            let start = *x;
            *x += c.1;
            Some(start)
        })
        .collect();
    let width: f32 = columns.iter().map(|c| c.1).sum();
    let visuals = ui.visuals().clone();
    egui::ScrollArea::both().id_salt("frequency-table").auto_shrink([false, false]).show_viewport(ui, |ui, view| {
        let (full, _) = ui.allocate_exact_size(egui::vec2(width, ROW * (rows.len() + 1) as f32), egui::Sense::hover());
        let origin = full.min;
        let first_row = ((view.min.y / ROW).floor() as usize).saturating_sub(1);
        let last_row = ((view.max.y / ROW).ceil() as usize).min(rows.len());
        let shown_columns: Vec<usize> =
            (0..columns.len()).filter(|&c| starts[c] + columns[c].1 >= view.min.x && starts[c] <= view.max.x).collect();
        let cell = |row: usize, c: usize| {
            egui::Rect::from_min_size(origin + egui::vec2(starts[c], row as f32 * ROW), egui::vec2(columns[c].1, ROW))
        };
        // The header stays at the top of the view.
        let header_y = view.min.y.max(0.0);
        for &c in &shown_columns {
            let (label, w, by) = (&columns[c].0, columns[c].1, columns[c].2);
            let rect = egui::Rect::from_min_size(origin + egui::vec2(starts[c], header_y), egui::vec2(w, ROW));
            ui.painter().rect_filled(rect, 0.0, visuals.panel_fill);
            let arrow = if sort == by { if descending { " v" } else { " ^" } } else { "" };
            let text = RichText::new(format!("{label}{arrow}")).strong();
            let button = ui.put(rect.shrink2(egui::vec2(2.0, 1.0)), egui::Button::new(text).frame(false).truncate());
            if button.on_hover_text("Sort by this column; click again to reverse").clicked() {
                if sort == by {
                    descending = !descending;
                } else {
                    sort = by;
                    descending = !matches!(by, Sort::Name);
                }
            }
        }
        for (i, r) in rows.iter().enumerate().take(last_row).skip(first_row) {
            let y = (i + 1) as f32 * ROW;
            if y < header_y + ROW - 0.5 {
                continue;
            }
            if i % 2 == 1 {
                let stripe = egui::Rect::from_min_size(origin + egui::vec2(0.0, y), egui::vec2(width, ROW));
                ui.painter().rect_filled(stripe, 0.0, visuals.faint_bg_color);
            }
            for &c in &shown_columns {
                let rect = cell(i + 1, c);
                let (text, color) = match c {
                    0 => (r.name.clone(), visuals.text_color()),
                    1 => (r.parent.clone(), visuals.weak_text_color()),
                    2 => (r.references.to_string(), visuals.text_color()),
                    3 => (r.documents.to_string(), visuals.text_color()),
                    _ => match r.cells.get(c - 4).copied().unwrap_or(0) {
                        0 => ("\u{b7}".into(), visuals.weak_text_color()),
                        n => (n.to_string(), visuals.text_color()),
                    },
                };
                // Names in right-to-left scripts in visual order (the counts need nothing).
                let format = egui::TextFormat::simple(egui::FontId::proportional(14.0), color);
                let galley = ui.painter().layout_job(super::super::bidi_text::visual_job(&text, format));
                let galley_pos = rect.left_center() + egui::vec2(4.0, -galley.size().y / 2.0);
                ui.painter().with_clip_rect(rect).galley(galley_pos, galley, color);
                if c == 0 {
                    let response = ui.interact(rect, ui.scope_id().with(("frequency-row", i)), egui::Sense::click());
                    let name = r.name.clone();
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Link, true, &name));
                    if response.on_hover_text("Read its passages").clicked() {
                        let scope = Scope::of(r.node);
                        commands.push(UiCommand::ShowPassages(scope));
                    }
                }
            }
        }
    });
    (sort, descending)
}
