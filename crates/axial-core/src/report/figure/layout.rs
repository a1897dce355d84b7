//! Where the class boxes and the cards go: the paradigm's fixed arrangement (causal conditions
//! -> phenomenon -> strategies -> consequences in a row; contextual conditions under the
//! phenomenon and intervening conditions under the strategies, both bearing on the strategies),
//! every placed category as a card in its class's box, sized to its wrapped name. All edges of
//! cards and title bands fall on the routing grid ([`GRID`]), so the router's obstacles are
//! exactly the drawn shapes.

use super::font::{Line, wrap};
use super::{Point, Rect};
use crate::analysis::diagram::FLOW;
use crate::analysis::hierarchy::Hierarchy;
use crate::model::*;

/// The figure's printed width: the text width of an A4 page with 25 mm margins.
pub const WIDTH_MM: f32 = 160.0;
/// The drawing unit is the printer's point, so a font size is the printed size.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// The routing grid's step; every card and title band edge is a multiple of it.
pub const GRID: f32 = 3.0;

/// At least this much white around the boxes (more on the right, what the grid leaves).
pub const MARGIN: f32 = 6.0;
pub const COLUMN_GAP: f32 = 18.0;
pub const ROW_GAP: f32 = 36.0;
/// Room between a box's border and its cards (two routing tracks beside the cards).
pub const BOX_PAD: f32 = 12.0;
/// Below a box's title band, above its first card: routing tracks, or a relation's label.
pub const BAND_GAP: f32 = 15.0;
/// Between two cards of a box: three routing tracks, or a relation's label.
pub const CARD_GAP: f32 = 18.0;
pub const TEXT_INSET: f32 = 4.0;

pub const TITLE_SIZE: f32 = 8.5;
pub const TITLE_LEADING: f32 = 10.0;
pub const NAME_SIZE: f32 = 8.0;
pub const NAME_LEADING: f32 = 9.5;
/// Counts, "core category", "(no category yet)" and the relations' labels: the smallest text.
pub const SMALL_SIZE: f32 = 7.0;
pub const SMALL_LEADING: f32 = 8.5;

/// A class's box, its title band (an obstacle for relations) and the title's lines.
#[derive(Clone, Debug)]
pub struct ClassBox {
    pub class: ParadigmClass,
    pub rect: Rect,
    pub band: Rect,
    /// The title's lines and their baselines.
    pub title: Vec<Line>,
    /// No category is placed in the class: where the box says "(no category yet)".
    pub placeholder: Option<Rect>,
}

/// A placed category.
#[derive(Clone, Debug)]
pub struct Card {
    pub category: CategoryId,
    pub name: String,
    pub rect: Rect,
    pub core: bool,
    /// The name's lines, then the counts' lines.
    pub lines: Vec<Line>,
    pub meta: Vec<Line>,
    /// Baseline of the "core category" tag (core category only).
    pub tag: Option<f32>,
}

/// One of the paradigm's flow arrows, as the polyline along its middle.
#[derive(Clone, Debug)]
pub struct Flow {
    pub from: ParadigmClass,
    pub to: ParadigmClass,
    pub points: Vec<Point>,
}

#[derive(Clone, Debug)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub boxes: Vec<ClassBox>,
    pub cards: Vec<Card>,
    pub flows: Vec<Flow>,
}

fn snap_up(v: f32) -> f32 {
    (v / GRID - 1e-3).ceil() * GRID
}

fn snap_down(v: f32) -> f32 {
    (v / GRID + 1e-3).floor() * GRID
}

/// The grid column of each class (top row) and the bottom row's two.
const TOP: [ParadigmClass; 4] = [
    ParadigmClass::CausalConditions,
    ParadigmClass::Phenomenon,
    ParadigmClass::Strategies,
    ParadigmClass::Consequences,
];
const BOTTOM: [(ParadigmClass, usize); 2] =
    [(ParadigmClass::ContextualConditions, 1), (ParadigmClass::InterveningConditions, 2)];

pub fn layout(project: &Project) -> Layout {
    let width = WIDTH_MM * PT_PER_MM;
    let column = snap_down((width - 2.0 * MARGIN - 3.0 * COLUMN_GAP) / 4.0);
    let left = snap_down((width - 4.0 * column - 3.0 * COLUMN_GAP) / 2.0);
    let x = |col: usize| left + col as f32 * (column + COLUMN_GAP);
    let h = Hierarchy::build(project);
    let cards_of = |class| -> Vec<Card> {
        h.categories_in(Some(class))
            .iter()
            .filter_map(|id| project.category(*id))
            .map(|c| card(project, c, column - 2.0 * BOX_PAD))
            .collect()
    };
    let stack_height =
        |cards: &[Card]| if cards.is_empty() { CARD_GAP } else { cards.iter().map(|c| c.rect.h + CARD_GAP).sum() };
    let titles: Vec<Vec<Line>> =
        ParadigmClass::ALL.iter().map(|c| wrap(c.label(), TITLE_SIZE, column - 2.0 * TEXT_INSET)).collect();
    let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let band_height = snap_up(6.0 + title_lines * TITLE_LEADING);
    let cards_top = band_height + BAND_GAP;
    let box_height = |cards: &[Card]| cards_top + stack_height(cards) - CARD_GAP + BOX_PAD;

    let top: Vec<Vec<Card>> = TOP.iter().map(|c| cards_of(*c)).collect();
    let bottom: Vec<Vec<Card>> = BOTTOM.iter().map(|(c, _)| cards_of(*c)).collect();
    let top_y = MARGIN;
    let top_h = snap_up(top.iter().map(|c| box_height(c)).fold(0.0, f32::max));
    let bottom_y = top_y + top_h + ROW_GAP;
    let bottom_h = snap_up(bottom.iter().map(|c| box_height(c)).fold(0.0, f32::max));

    let mut out = Layout { width, height: 0.0, boxes: Vec::new(), cards: Vec::new(), flows: Vec::new() };
    let placed = TOP.iter().zip(top).enumerate().map(|(col, (class, cards))| (*class, col, top_y, top_h, cards));
    let below = BOTTOM.iter().zip(bottom).map(|((class, col), cards)| (*class, *col, bottom_y, bottom_h, cards));
    for (class, col, y, h, mut cards) in placed.chain(below) {
        let rect = Rect { x: x(col), y, w: column, h };
        let mut card_y = y + cards_top;
        for card in &mut cards {
            card.move_to(rect.x + BOX_PAD, card_y);
            card_y += card.rect.h + CARD_GAP;
        }
        let band = Rect { h: band_height, ..rect };
        let lines = &titles[ParadigmClass::ALL.iter().position(|c| *c == class).unwrap_or(0)];
        let first = y + (band_height - lines.len() as f32 * TITLE_LEADING) / 2.0 + TITLE_SIZE * 0.95;
        let title =
            lines.iter().enumerate().map(|(i, l)| Line { y: first + i as f32 * TITLE_LEADING, ..l.clone() }).collect();
        let placeholder = cards.is_empty().then(|| Rect {
            x: rect.x + BOX_PAD,
            y: band.bottom() + BAND_GAP,
            w: rect.w - 2.0 * BOX_PAD,
            h: SMALL_LEADING + 3.0,
        });
        out.boxes.push(ClassBox { class, rect, band, title, placeholder });
        out.cards.extend(cards);
    }
    out.height = snap_up(bottom_y + bottom_h + MARGIN);
    out.flows = flows(&out.boxes);
    out
}

/// A card for `category`, `width` wide, at the origin: the name wrapped, the counts under it.
fn card(project: &Project, category: &Category, width: f32) -> Card {
    let room = width - 2.0 * TEXT_INSET;
    let core = project.core_category() == Some(category.id);
    let t = project.tallies().category(category.id);
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let counts = format!("{} · {}", plural(t.references, "ref", "refs"), plural(t.documents, "doc", "docs"));
    let mut y = 4.0;
    let tag = core.then(|| {
        y += SMALL_SIZE;
        let at = y;
        y += SMALL_LEADING - SMALL_SIZE + 1.0;
        at
    });
    let mut lines = Vec::new();
    for line in wrap(&category.name, NAME_SIZE, room) {
        lines.push(Line { y: y + NAME_SIZE * 0.95, ..line });
        y += NAME_LEADING;
    }
    y += 1.5;
    let mut meta = Vec::new();
    for line in wrap(&counts, SMALL_SIZE, room) {
        meta.push(Line { y: y + SMALL_SIZE * 0.95, ..line });
        y += SMALL_LEADING;
    }
    let rect = Rect { x: 0.0, y: 0.0, w: width, h: snap_up(y + 3.0) };
    Card { category: category.id, name: category.name.clone(), rect, core, lines, meta, tag }
}

impl Card {
    fn move_to(&mut self, x: f32, y: f32) {
        let dy = y - self.rect.y;
        self.rect.x = x;
        self.rect.y = y;
        for line in self.lines.iter_mut().chain(self.meta.iter_mut()) {
            line.y += dy;
        }
        if let Some(tag) = &mut self.tag {
            *tag += dy;
        }
    }
}

/// The paradigm's arrows: along the top row between title bands; from the contextual
/// conditions up and across into the strategies; from the intervening conditions straight up.
fn flows(boxes: &[ClassBox]) -> Vec<Flow> {
    let rect = |class| boxes.iter().find(|b| b.class == class).map(|b| b.rect);
    FLOW.iter()
        .filter_map(|(from, to)| {
            let (a, b) = (rect(*from)?, rect(*to)?);
            let points = if a.y > b.bottom() && (a.x - b.x).abs() < 1.0 {
                let x = snap_down(a.x + a.w * 0.6);
                vec![Point(x, a.y), Point(x, b.bottom())]
            } else if a.y > b.bottom() {
                let (x1, x2) = (snap_down(a.x + a.w * 0.75), snap_down(b.x + b.w * 0.25));
                let mid = snap_down((a.y + b.bottom()) / 2.0);
                vec![Point(x1, a.y), Point(x1, mid), Point(x2, mid), Point(x2, b.bottom())]
            } else {
                let y = a.y + boxes[0].band.h / 2.0;
                vec![Point(a.right(), y), Point(b.x, y)]
            };
            Some(Flow { from: *from, to: *to, points })
        })
        .collect()
}
