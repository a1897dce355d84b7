//! The knowledge cube as Khodakarami & Chan lay it out: Table 6 with all its margins, Table
//! 7's three two-way tables, Table 8 as a heat map (Low / Med / Med-High / High, bins
//! adjustable), and the research model's expected levels beside the observed ones (Table 1).
//! Any cell or margin lists the passages behind it. Count in any unit; slice by case or
//! document attribute, and compare two slices side by side.

use super::frequencies::unit_choice;
use super::{Commands, counts_key, passage_list, wake};
use crate::app::{AppState, Computed};
use axial_core::analysis::cube::{Cube, CubeCache, cube_where, passages_at};
use axial_core::analysis::retrieval::{Passage, details};
use axial_core::analysis::units::{Rule, TurnIndex, Unit};
use axial_core::model::*;
use axial_core::report::cube::{Bins, Layout, Levels, comparisons};
use egui::{Color32, RichText, Sense, vec2};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Table {
    #[default]
    Six,
    Seven,
    Eight,
    Expected,
}

/// Which documents are counted: all, one case, or those with one attribute value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Slice {
    #[default]
    All,
    Case(CaseId),
    Attribute(String, String),
}

impl Slice {
    pub fn keeps(&self, d: &Document) -> bool {
        match self {
            Slice::All => true,
            Slice::Case(c) => d.case == Some(*c),
            Slice::Attribute(k, v) => d.attributes.get(k) == Some(v),
        }
    }

    pub fn describe(&self, p: &Project) -> String {
        match self {
            Slice::All => "all documents".into(),
            Slice::Case(c) => p.case(*c).map(|c| c.name.clone()).unwrap_or_else(|| "?".into()),
            Slice::Attribute(k, v) => format!("{k} = {v}"),
        }
    }
}

/// A cell or margin: the value fixed on each named dimension.
type Fixed = Vec<(String, String)>;
type Key = ((u64, u64), Unit, Rule, Slice);

#[derive(Default)]
pub struct CubeView {
    pub table: Table,
    pub unit: Unit,
    /// Which references count (all, or only unprompted ones); stated under every table.
    pub rule: Rule,
    pub bins: Bins,
    pub levels: Levels,
    /// The slice counted, and the one compared with it.
    pub slice: Slice,
    pub compare: Option<Slice>,
    cubes: [Computed<Key, Cube>; 2],
    /// The whole project's cube in coded passages, updated from the live counts by revision.
    live: CubeCache,
    /// The cell or margin whose passages are listed, and in which slice (0 or 1).
    pub selected: Option<(usize, Fixed)>,
    passages: Computed<(Key, Fixed), Vec<Passage>>,
    /// The width each table took when last drawn: whether two fit side by side.
    widths: [f32; 2],
}

const LEVEL_COLORS: [Color32; 4] = [
    Color32::from_rgb(0xe8, 0xd4, 0x4d),
    Color32::from_rgb(0xf0, 0xa0, 0x3c),
    Color32::from_rgb(0xe0, 0x6c, 0x2c),
    Color32::from_rgb(0xc8, 0x2a, 0x2a),
];

impl CubeView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let p = &state.project;
        self.toolbar(ui, p);
        // Every cube says what it counts: the unit and the rule (and what the rule leaves out).
        let mut counted = axial_core::analysis::units::statement(self.unit, self.rule);
        let prompted = p.depth().prompted_count();
        if prompted > 0 {
            counted.push_str(&format!(
                " {prompted} coding{} marked prompted{}.",
                if prompted == 1 { " is" } else { "s are" },
                if self.rule == Rule::Unprompted { ", left out" } else { ", counted" }
            ));
        }
        ui.label(RichText::new(counted).small().weak());
        let slices: Vec<Slice> = std::iter::once(self.slice.clone()).chain(self.compare.clone()).collect();
        let mut cubes: Vec<Option<Cube>> = Vec::new();
        // The whole project counted in coded passages (the paper's Table 6, and what the view
        // opens on) comes from the incremental cube, kept ready by revision on this thread:
        // after one coding changes it re-sums the per-code counts (15 µs on the large project;
        // counting from scratch is 68 ms there). Slices, other units and rules are counted in
        // the background.
        let whole = self.unit == Unit::Passage && (self.rule == Rule::All || prompted == 0);
        for (i, slice) in slices.iter().enumerate() {
            if whole && *slice == Slice::All {
                cubes.push(Some(Cube { rule: self.rule, ..self.live.get(p).clone() }));
                continue;
            }
            let (unit, rule, s) = (self.unit, self.rule, slice.clone());
            let key = (counts_key(state), unit, rule, slice.clone());
            let cube = self.cubes[i].get(key, &state.project, wake(ui), move |p| {
                cube_where(p, unit, rule, &mut TurnIndex::default(), &|d| s.keeps(d))
            });
            cubes.push(cube.cloned());
        }
        if self.cubes.iter().any(Computed::busy) {
            ui.spinner();
        }
        let Some(Some(first)) = cubes.first() else { return };
        let Some(layout) = Layout::default_for(first) else {
            ui.label(
                RichText::new("The paper's tables need a cube of three dimensions; add one in Project settings.")
                    .weak(),
            );
            return;
        };
        // Said above the tables, where it is seen (under them it scrolls out of view).
        if first.total() == 0 && first.unassigned > 0 {
            ui.label(
                RichText::new(format!(
                    "None of the {} references is in the cube yet: give codes, concepts or categories a value \
                     on every dimension (Facets in the details panel), and their codings count here.",
                    first.unassigned
                ))
                .color(ui.visuals().warn_fg_color),
            );
        } else if cubes.iter().flatten().any(|c| c.unassigned > 0) {
            let unassigned: Vec<String> = cubes.iter().flatten().map(|c| c.unassigned.to_string()).collect();
            ui.label(
                RichText::new(format!(
                    "{} references are not in the cube: their codes lack a value on some dimension.",
                    unassigned.join(" / ")
                ))
                .weak(),
            );
        }
        let mut clicked: Option<(usize, Fixed)> = None;
        // The passages below take the rest when a cell is chosen; until then the tables may
        // use nearly all the height.
        let room = if self.selected.is_some() { 0.62 } else { 0.9 };
        egui::ScrollArea::both().id_salt("cube-tables").max_height(ui.available_height() * room).show(ui, |ui| {
            // Side by side when both fit the width they were drawn at last frame, else one
            // above the other: never overlapping (each table has the width it needs), never
            // cut off at the side.
            let spacing = 24.0;
            let side_by_side = cubes.len() > 1 && self.widths.iter().sum::<f32>() + spacing <= ui.available_width();
            let mut draw = |ui: &mut egui::Ui, i: usize| {
                let Some(cube) = &cubes[i] else {
                    ui.spinner();
                    return;
                };
                let drawn = ui.vertical(|ui| {
                    if cubes.len() > 1 {
                        ui.label(RichText::new(slices[i].describe(p)).strong());
                    }
                    let selected = self.selected.as_ref().filter(|(s, _)| *s == i).map(|(_, f)| f.as_slice());
                    let compact = cubes.len() > 1;
                    let mut grid = Grid { cube, layout: &layout, selected, salt: i, compact, clicked: None };
                    match self.table {
                        Table::Six => grid.table6(ui),
                        Table::Seven => grid.table7(ui),
                        Table::Eight => grid.table8(ui, self.bins),
                        Table::Expected => grid.expected(ui, &p.expectations(), self.levels),
                    }
                    grid.clicked
                });
                self.widths[i] = drawn.response.rect.width();
                if let Some(f) = drawn.inner {
                    clicked = Some((i, f));
                }
            };
            if side_by_side {
                ui.horizontal_top(|ui| {
                    draw(ui, 0);
                    ui.add_space(spacing);
                    draw(ui, 1);
                });
            } else {
                for i in 0..cubes.len() {
                    if i > 0 {
                        ui.add_space(12.0);
                        ui.separator();
                    }
                    draw(ui, i);
                }
            }
        });
        if clicked.is_some() {
            self.selected = clicked;
        }
        self.passages_ui(ui, state, &slices, commands);
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, p: &Project) {
        ui.horizontal_wrapped(|ui| {
            for (table, label) in [
                (Table::Six, "Table 6"),
                (Table::Seven, "Table 7"),
                (Table::Eight, "Table 8 heat map"),
                (Table::Expected, "Expected vs observed"),
            ] {
                ui.selectable_value(&mut self.table, table, label);
            }
            ui.separator();
            let (unit, rule) = (self.unit, self.rule);
            unit_choice(ui, &mut self.unit, "cube-unit");
            super::frequencies::rule_choice(ui, &mut self.rule, "cube-rule");
            if unit != self.unit || rule != self.rule {
                self.selected = None;
            }
        });
        ui.horizontal_wrapped(|ui| {
            if slice_choice(ui, p, &mut self.slice, "Slice:", "cube-slice") {
                self.selected = None;
            }
            let mut comparing = self.compare.is_some();
            if ui.checkbox(&mut comparing, "Compare with").changed() {
                self.compare = comparing.then_some(Slice::All);
                self.selected = None;
            }
            if let Some(other) = &mut self.compare
                && slice_choice(ui, p, other, "Second slice:", "cube-compare")
            {
                self.selected = None;
            }
            match self.table {
                Table::Eight => bins_ui(ui, &mut self.bins),
                Table::Expected => levels_ui(ui, &mut self.levels),
                _ => {}
            }
        });
    }

    fn passages_ui(&mut self, ui: &mut egui::Ui, state: &AppState, slices: &[Slice], commands: &mut Commands) {
        let p = &state.project;
        let Some((slot, fixed)) = self.selected.clone() else {
            ui.label(RichText::new("Click a cell or a total to read the passages behind it.").weak());
            return;
        };
        let Some(slice) = slices.get(slot).cloned() else { return };
        let (unit, rule) = (self.unit, self.rule);
        let key = ((counts_key(state), unit, rule, slice.clone()), fixed.clone());
        let f = fixed.clone();
        let s = slice.clone();
        let Some(passages) = self.passages.get(key, &state.project, wake(ui), move |p| {
            let mut turns = TurnIndex::default();
            let ids = passages_at(p, unit, rule, &mut turns, &|d| s.keeps(d), &f);
            details(p, &ids, &mut turns)
        }) else {
            ui.spinner();
            return;
        };
        let what = describe(p, &fixed);
        let within =
            if slices.len() > 1 || slice != Slice::All { format!(" in {}", slice.describe(p)) } else { String::new() };
        ui.label(RichText::new(format!("{} passages behind {what}{within}", passages.len())).strong());
        passage_list(ui, state, passages, "cube", commands);
    }
}

/// "Collaborative · Externalization", from the framework's labels; "every reference" for none.
fn describe(p: &Project, fixed: &[(String, String)]) -> String {
    if fixed.is_empty() {
        return "every reference in the cube".into();
    }
    fixed
        .iter()
        .map(|(d, v)| {
            p.framework()
                .dimension(d)
                .and_then(|dim| dim.values.iter().find(|x| x.key == *v))
                .map(|x| x.label.clone())
                .unwrap_or_else(|| v.clone())
        })
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
}

/// A choice of slice; whether it changed.
fn slice_choice(ui: &mut egui::Ui, p: &Project, slice: &mut Slice, label: &str, salt: &str) -> bool {
    let before = slice.clone();
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(salt)
        .selected_text(slice.describe(p))
        .show_ui(ui, |ui| {
            let attributes = super::document_attribute_values(p);
            ui.selectable_value(slice, Slice::All, "all documents");
            for c in p.cases() {
                ui.selectable_value(slice, Slice::Case(c.id), format!("case: {}", c.name));
            }
            for (k, v) in attributes {
                let text = format!("{k} = {v}");
                ui.selectable_value(slice, Slice::Attribute(k, v), text);
            }
        })
        .response
        .labelled_by(label.id);
    *slice != before
}

fn bins_ui(ui: &mut egui::Ui, bins: &mut Bins) {
    ui.separator();
    for (i, name) in ["Med from", "Med-High from", "High from"].into_iter().enumerate() {
        let label = ui.label(name);
        let low = if i == 0 { 1 } else { bins.0[i - 1] + 1 };
        let high = if i == 2 { 100_000 } else { bins.0[i + 1] - 1 };
        ui.add(egui::DragValue::new(&mut bins.0[i]).range(low..=high)).labelled_by(label.id);
    }
    for (i, level) in Bins::LABELS.iter().enumerate() {
        let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
        ui.painter().rect_filled(r, 2.0, LEVEL_COLORS[i]);
        ui.label(RichText::new(*level).small());
    }
}

fn levels_ui(ui: &mut egui::Ui, levels: &mut Levels) {
    ui.separator();
    for (i, name) in ["medium from", "high from"].into_iter().enumerate() {
        let label = ui.label(name);
        let range = if i == 0 { 1..=levels.0[1] - 1 } else { levels.0[0] + 1..=100_000 };
        ui.add(egui::DragValue::new(&mut levels.0[i]).range(range)).labelled_by(label.id);
    }
}

/// Draws one of the tables of one cube, remembering which cell was clicked.
struct Grid<'a> {
    cube: &'a Cube,
    layout: &'a Layout,
    selected: Option<&'a [(String, String)]>,
    salt: usize,
    /// Narrower cells, for two tables side by side.
    compact: bool,
    clicked: Option<Fixed>,
}

impl Grid<'_> {
    fn dim(&self, key: &str) -> &Dimension {
        &self.cube.dimensions[self.cube.position(key).unwrap_or(0)]
    }

    /// A column's heading: on one line, or a word per line beside another table.
    fn header(&self, label: &str) -> String {
        if self.compact && label.chars().count() > 8 {
            label.split(' ').collect::<Vec<_>>().join("\n")
        } else {
            label.to_owned()
        }
    }

    fn count(&self, fixed: &[(String, String)]) -> usize {
        let pairs: Vec<(&str, &str)> = fixed.iter().map(|(d, v)| (d.as_str(), v.as_str())).collect();
        self.cube.sum(&pairs)
    }

    /// A clickable count. `fill` shades a heat-map cell; totals are bold.
    fn cell(&mut self, ui: &mut egui::Ui, fixed: Fixed, text: String, fill: Option<Color32>, total: bool) {
        // Heat-map cells carry their level too ("15 Med-High").
        let width = match (fill.is_some(), self.compact) {
            (true, false) => 92.0,
            (true, true) => 84.0,
            (false, false) => 64.0,
            (false, true) => 44.0,
        };
        let (rect, response) = ui.allocate_exact_size(vec2(width, 22.0), Sense::click());
        let visuals = ui.visuals();
        let background = fill.unwrap_or(if total { visuals.faint_bg_color } else { visuals.extreme_bg_color });
        ui.painter().rect_filled(rect, 2.0, background);
        if self.selected == Some(fixed.as_slice()) {
            let stroke = egui::Stroke::new(2.0, visuals.selection.stroke.color);
            ui.painter().rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Inside);
        }
        let color = if fill.is_some() { Color32::BLACK } else { visuals.strong_text_color() };
        let font = if total { egui::FontId::proportional(13.5) } else { egui::FontId::proportional(13.0) };
        ui.painter().text(rect.center(), egui::Align2::CENTER_CENTER, &text, font, color);
        let name = fixed.iter().map(|(d, v)| format!("{d}={v}")).collect::<Vec<_>>().join(", ");
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, format!("Cell {name}: {text}"))
        });
        if response.on_hover_text("Read the passages behind this count").clicked() {
            self.clicked = Some(fixed);
        }
    }

    fn table6(&mut self, ui: &mut egui::Ui) {
        let (outer, inner, cols) = (
            self.dim(&self.layout.outer).clone(),
            self.dim(&self.layout.inner).clone(),
            self.dim(&self.layout.columns).clone(),
        );
        egui::Grid::new(("table6", self.salt)).spacing(vec2(4.0, 3.0)).show(ui, |ui| {
            ui.strong(&outer.label);
            ui.strong(&inner.label);
            for c in &cols.values {
                ui.strong(self.header(&c.label));
            }
            ui.strong("Total");
            ui.end_row();
            for o in &outer.values {
                let fo = (outer.key.clone(), o.key.clone());
                for (n, i) in inner.values.iter().enumerate() {
                    ui.label(if n == 0 { o.label.as_str() } else { "" });
                    ui.label(&i.label);
                    let fi = (inner.key.clone(), i.key.clone());
                    for c in &cols.values {
                        let f = vec![fo.clone(), fi.clone(), (cols.key.clone(), c.key.clone())];
                        let n = self.count(&f);
                        self.cell(ui, f, n.to_string(), None, false);
                    }
                    let f = vec![fo.clone(), fi];
                    let n = self.count(&f);
                    self.cell(ui, f, n.to_string(), None, true);
                    ui.end_row();
                }
                ui.label("");
                ui.label(RichText::new(format!("Total {}", o.label)).strong());
                for c in &cols.values {
                    let f = vec![fo.clone(), (cols.key.clone(), c.key.clone())];
                    let n = self.count(&f);
                    self.cell(ui, f, n.to_string(), None, true);
                }
                let f = vec![fo.clone()];
                let n = self.count(&f);
                self.cell(ui, f, n.to_string(), None, true);
                ui.end_row();
            }
            ui.strong("Total");
            ui.label("");
            for c in &cols.values {
                let f = vec![(cols.key.clone(), c.key.clone())];
                let n = self.count(&f);
                self.cell(ui, f, n.to_string(), None, true);
            }
            let n = self.cube.total();
            self.cell(ui, Vec::new(), n.to_string(), None, true);
            ui.end_row();
        });
    }

    /// A two-way table of `rows` by `columns` with its margins.
    fn two_way(&mut self, ui: &mut egui::Ui, rows: &Dimension, columns: &Dimension, id: &str) {
        ui.label(RichText::new(format!("{} \u{d7} {}", rows.label, columns.label)).strong());
        egui::Grid::new((id, self.salt)).spacing(vec2(4.0, 3.0)).show(ui, |ui| {
            ui.label("");
            for c in &columns.values {
                ui.strong(self.header(&c.label));
            }
            ui.strong("Total");
            ui.end_row();
            for r in &rows.values {
                ui.label(&r.label);
                let fr = (rows.key.clone(), r.key.clone());
                for c in &columns.values {
                    let f = vec![fr.clone(), (columns.key.clone(), c.key.clone())];
                    let n = self.count(&f);
                    self.cell(ui, f, n.to_string(), None, false);
                }
                let f = vec![fr];
                let n = self.count(&f);
                self.cell(ui, f, n.to_string(), None, true);
                ui.end_row();
            }
            ui.strong("Total");
            for c in &columns.values {
                let f = vec![(columns.key.clone(), c.key.clone())];
                let n = self.count(&f);
                self.cell(ui, f, n.to_string(), None, true);
            }
            let n = self.cube.total();
            self.cell(ui, Vec::new(), n.to_string(), None, true);
            ui.end_row();
        });
        ui.add_space(8.0);
    }

    fn table7(&mut self, ui: &mut egui::Ui) {
        let (outer, inner, cols) = (
            self.dim(&self.layout.outer).clone(),
            self.dim(&self.layout.inner).clone(),
            self.dim(&self.layout.columns).clone(),
        );
        self.two_way(ui, &outer, &inner, "t7a");
        self.two_way(ui, &outer, &cols, "t7b");
        self.two_way(ui, &cols, &inner, "t7c");
    }

    fn table8(&mut self, ui: &mut egui::Ui, bins: Bins) {
        let (outer, inner, cols) = (
            self.dim(&self.layout.outer).clone(),
            self.dim(&self.layout.inner).clone(),
            self.dim(&self.layout.columns).clone(),
        );
        egui::Grid::new(("table8", self.salt)).spacing(vec2(4.0, 3.0)).show(ui, |ui| {
            ui.strong(&outer.label);
            ui.strong(&inner.label);
            for c in &cols.values {
                ui.strong(self.header(&c.label));
            }
            ui.end_row();
            for o in &outer.values {
                for (n, i) in inner.values.iter().enumerate() {
                    ui.label(if n == 0 { o.label.as_str() } else { "" });
                    ui.label(&i.label);
                    for c in &cols.values {
                        let f = vec![
                            (outer.key.clone(), o.key.clone()),
                            (inner.key.clone(), i.key.clone()),
                            (cols.key.clone(), c.key.clone()),
                        ];
                        let n = self.count(&f);
                        let level = Bins::LABELS.iter().position(|l| *l == bins.label(n)).unwrap_or(0);
                        self.cell(ui, f, format!("{n} {}", bins.label(n)), Some(LEVEL_COLORS[level]), false);
                    }
                    ui.end_row();
                }
            }
        });
    }

    fn expected(&mut self, ui: &mut egui::Ui, expectations: &[Expectation], levels: Levels) {
        if expectations.is_empty() {
            ui.label(
                RichText::new("This project records no expected levels (the CRM sample has the paper's Table 1).")
                    .weak(),
            );
            return;
        }
        egui::Grid::new(("expected", self.salt)).striped(true).spacing(vec2(10.0, 3.0)).show(ui, |ui| {
            for h in ["Row", "Column", "References", "Observed", "Expected", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for c in comparisons(self.cube, expectations, levels) {
                ui.label(&c.row_label);
                ui.label(&c.column_label);
                let f = vec![
                    (c.row.dimension.clone(), c.row.value.clone()),
                    (c.column.dimension.clone(), c.column.value.clone()),
                ];
                self.cell(ui, f, c.references.to_string(), None, false);
                ui.label(c.observed);
                ui.label(&c.expected);
                let color = match c.agreement {
                    "as expected" => Color32::from_rgb(0x5c, 0xb8, 0x5c),
                    _ => Color32::from_rgb(0xe0, 0x8a, 0x2c),
                };
                ui.label(RichText::new(c.agreement).color(color));
                ui.end_row();
            }
        });
    }
}
