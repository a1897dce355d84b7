//! Saturation: new codes, concepts and categories per successive interview (by date, else in
//! import order) as bars, the cumulative totals as lines, and the answer to "after which
//! interview did new categories stop appearing?".

use super::{Commands, wake};
use crate::app::{AppState, Computed};
use crate::ui::command::UiCommand;
use axial_core::analysis::saturation::{SAMPLED_BECAUSE, Saturation, TO_DEVELOP, saturation};
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

#[derive(Default)]
pub struct SaturationView {
    computed: Computed<(u64, u64, u64), Saturation>,
}

const CODES: Color32 = Color32::from_rgb(0x5b, 0x9b, 0xd5);
const CONCEPTS: Color32 = Color32::from_rgb(0xed, 0xa2, 0x4a);
const CATEGORIES: Color32 = Color32::from_rgb(0xc0, 0x50, 0x4d);
const RELATIONS: Color32 = Color32::from_rgb(0x4d, 0xa0, 0x6a);
const PROPERTIES: Color32 = Color32::from_rgb(0x8e, 0x6c, 0xb8);

impl SaturationView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let r = state.project.revisions();
        // Document dates are document data: any change may reorder the interviews.
        let key = (r.structure, r.codings, r.all);
        let Some(s) = self.computed.get(key, &state.project, wake(ui), saturation) else {
            ui.spinner();
            return;
        };
        ui.label(RichText::new(s.summary()).strong());
        ui.label(
            RichText::new(if s.by_date {
                "Interviews in the order of their date attribute. Bars: new in the interview; lines: total so far."
            } else {
                "Interviews in import order (give documents a \u{201c}date\u{201d} attribute to order them by date). \
                 Bars: new in the interview; lines: total so far."
            })
            .weak(),
        );
        let n = s.steps.len();
        let bar = |offset: f64, color: Color32, value: fn(&axial_core::analysis::saturation::Step) -> usize| {
            s.steps
                .iter()
                .enumerate()
                .map(|(i, st)| Bar::new(i as f64 + 1.0 + offset, value(st) as f64).width(0.2).fill(color))
                .collect::<Vec<_>>()
        };
        let line = |value: fn(&axial_core::analysis::saturation::Step) -> usize| {
            PlotPoints::from_iter(s.steps.iter().enumerate().map(|(i, st)| [i as f64 + 1.0, value(st) as f64]))
        };
        // Properties once a passage is placed on one (a study that does not use them gets no
        // empty series).
        let with_properties = s.steps.last().is_some_and(|st| st.properties > 0);
        Plot::new("saturation")
            .height((ui.available_height() * 0.5).max(160.0))
            .legend(Legend::default().position(egui_plot::Corner::LeftTop))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label("interview")
            .include_x(0.5)
            .include_x(n as f64 + 0.5)
            .show(ui, |plot| {
                // A level's bars and line share a name: one legend entry (a click hides both).
                plot.bar_chart(BarChart::new("codes", bar(-0.3, CODES, |s| s.new_codes)).color(CODES));
                plot.bar_chart(BarChart::new("concepts", bar(-0.1, CONCEPTS, |s| s.new_concepts)).color(CONCEPTS));
                plot.bar_chart(
                    BarChart::new("categories", bar(0.1, CATEGORIES, |s| s.new_categories)).color(CATEGORIES),
                );
                plot.bar_chart(
                    BarChart::new("relations grounded", bar(0.3, RELATIONS, |s| s.new_relations)).color(RELATIONS),
                );
                if with_properties {
                    plot.bar_chart(
                        BarChart::new("properties shown", bar(0.5, PROPERTIES, |s| s.new_properties)).color(PROPERTIES),
                    );
                    plot.line(Line::new("properties shown", line(|s| s.properties)).color(PROPERTIES));
                }
                plot.line(Line::new("codes", line(|s| s.codes)).color(CODES));
                plot.line(Line::new("concepts", line(|s| s.concepts)).color(CONCEPTS));
                plot.line(Line::new("relations grounded", line(|s| s.relations)).color(RELATIONS));
                plot.line(Line::new("categories", line(|s| s.categories)).color(CATEGORIES));
            });
        // Only the interviews in view are laid out (a large study has hundreds).
        let heights = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        // The theoretical sampling log, when written, beside what each interview brought.
        let log = s.has_sampling_log();
        if !log {
            ui.label(
                RichText::new(format!(
                    "Record why an interview was sought, and the category it was to develop, as the document's \
                     attributes “{SAMPLED_BECAUSE}” and “{TO_DEVELOP}” \
                     (right-click it > Attributes…): they show here."
                ))
                .small()
                .weak(),
            );
        }
        let mut columns = vec![
            "#",
            "Interview",
            "Date",
            "New codes",
            "New concepts",
            "New categories",
            "New properties",
            "New relations",
        ];
        let mut widths = vec![36.0, 0.0, 96.0, 84.0, 100.0, 110.0, 106.0, 100.0];
        if log {
            columns.extend(["Sampled because", "To develop"]);
            widths.extend([260.0, 180.0]);
        }
        // The interview's title takes the room left (within reason); a narrow window scrolls the
        // table sideways rather than cutting its columns off.
        widths[1] = (ui.available_width() - widths.iter().sum::<f32>() - 12.0).clamp(120.0, 260.0);
        egui::ScrollArea::horizontal().id_salt("saturation-table-wide").show(ui, |ui| {
            ui.horizontal(|ui| {
                for (h, w) in columns.iter().zip(&widths) {
                    ui.add_sized([*w, heights], egui::Label::new(RichText::new(*h).strong()));
                }
            });
            let rows = |ui: &mut egui::Ui, range: std::ops::Range<usize>| {
                for i in range {
                    let st = &s.steps[i];
                    ui.horizontal(|ui| {
                        ui.add_sized([widths[0], heights], egui::Label::new((i + 1).to_string()));
                        let link = ui.add_sized([widths[1], heights], egui::Link::new(&st.title));
                        if link.on_hover_text("Open this interview").clicked() {
                            commands.push(UiCommand::ShowDocument(st.document));
                        }
                        ui.add_sized([widths[2], heights], egui::Label::new(st.date.as_deref().unwrap_or("")));
                        let new =
                            [st.new_codes, st.new_concepts, st.new_categories, st.new_properties, st.new_relations];
                        for (v, w) in new.into_iter().zip(&widths[3..]) {
                            let text = if v == 0 { RichText::new("0").weak() } else { RichText::new(v.to_string()) };
                            ui.add_sized([*w, heights], egui::Label::new(text));
                        }
                        if log {
                            for (note, w) in [&st.sampled_because, &st.to_develop].into_iter().zip(&widths[8..]) {
                                let text = super::super::bidi_text::label(ui, note.as_deref().unwrap_or(""));
                                ui.add_sized([*w, heights], egui::Label::new(text).truncate())
                                    .on_hover_text(note.as_deref().unwrap_or("no note"));
                            }
                        }
                    });
                }
            };
            egui::ScrollArea::vertical().id_salt("saturation-table").auto_shrink([false, false]).show_rows(
                ui,
                heights,
                s.steps.len(),
                rows,
            );
        });
    }
}
