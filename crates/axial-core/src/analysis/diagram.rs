//! Strauss & Corbin's paradigm model laid out as a diagram: causal conditions -> phenomenon ->
//! strategies -> consequences along the top, contextual and intervening conditions below,
//! bearing on the strategies; each class a box holding its categories as cards; categories not
//! yet placed wait in a tray underneath. Pure geometry, so the window and the SVG export draw
//! the same picture.

use super::hierarchy::Hierarchy;
use crate::model::*;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }
}

/// A class's box (`None`: the tray of categories not yet placed).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassBox {
    pub class: Option<ParadigmClass>,
    pub rect: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub category: CategoryId,
    pub rect: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    pub boxes: Vec<ClassBox>,
    pub cards: Vec<Card>,
}

impl Diagram {
    pub fn class_box(&self, class: Option<ParadigmClass>) -> Option<&ClassBox> {
        self.boxes.iter().find(|b| b.class == class)
    }
    pub fn card(&self, category: CategoryId) -> Option<&Card> {
        self.cards.iter().find(|c| c.category == category)
    }
    /// The card under a point, if any.
    pub fn card_at(&self, x: f32, y: f32) -> Option<CategoryId> {
        self.cards.iter().find(|c| c.rect.contains(x, y)).map(|c| c.category)
    }
    /// The box under a point, if any (`Some(None)`: the tray).
    pub fn box_at(&self, x: f32, y: f32) -> Option<Option<ParadigmClass>> {
        self.boxes.iter().find(|b| b.rect.contains(x, y)).map(|b| b.class)
    }
}

/// The paradigm's flow: which class bears on which (the diagram's fixed arrows).
pub const FLOW: [(ParadigmClass, ParadigmClass); 5] = [
    (ParadigmClass::CausalConditions, ParadigmClass::Phenomenon),
    (ParadigmClass::Phenomenon, ParadigmClass::Strategies),
    (ParadigmClass::ContextualConditions, ParadigmClass::Strategies),
    (ParadigmClass::InterveningConditions, ParadigmClass::Strategies),
    (ParadigmClass::Strategies, ParadigmClass::Consequences),
];

pub const MARGIN: f32 = 16.0;
pub const GAP: f32 = 36.0;
pub const HEADER: f32 = 30.0;
pub const CARD_HEIGHT: f32 = 48.0;
pub const CARD_GAP: f32 = 8.0;

/// Lays out the diagram `width` wide (it grows down as boxes fill).
pub fn layout(project: &Project, h: &Hierarchy, width: f32) -> Diagram {
    let width = width.max(640.0);
    let column = (width - 2.0 * MARGIN - 3.0 * GAP) / 4.0;
    let x = |col: f32| MARGIN + col * (column + GAP);
    let placed = |class: Option<ParadigmClass>| {
        h.categories_in(class).iter().copied().filter(|c| project.category(*c).is_some()).collect::<Vec<_>>()
    };
    let box_height = |n: usize| HEADER + (n.max(1) as f32) * (CARD_HEIGHT + CARD_GAP) + CARD_GAP;
    use ParadigmClass::*;
    let top = [CausalConditions, Phenomenon, Strategies, Consequences];
    let bottom = [(ContextualConditions, 1.0), (InterveningConditions, 2.0)];
    let top_height = top.iter().map(|c| box_height(placed(Some(*c)).len())).fold(0.0, f32::max);
    let bottom_y = MARGIN + top_height + GAP;
    let bottom_height = bottom.iter().map(|(c, _)| box_height(placed(Some(*c)).len())).fold(0.0, f32::max);
    let mut boxes = Vec::new();
    let mut cards = Vec::new();
    let mut fill = |class: Option<ParadigmClass>, rect: Rect, per_row: usize, cards: &mut Vec<Card>| {
        let card_w = (rect.w - CARD_GAP * (per_row as f32 + 1.0)) / per_row as f32;
        for (i, category) in placed(class).into_iter().enumerate() {
            let (row, col) = (i / per_row, i % per_row);
            cards.push(Card {
                category,
                rect: Rect {
                    x: rect.x + CARD_GAP + col as f32 * (card_w + CARD_GAP),
                    y: rect.y + HEADER + row as f32 * (CARD_HEIGHT + CARD_GAP),
                    w: card_w,
                    h: CARD_HEIGHT,
                },
            });
        }
        boxes.push(ClassBox { class, rect });
    };
    for (col, class) in top.iter().enumerate() {
        let rect = Rect { x: x(col as f32), y: MARGIN, w: column, h: top_height };
        fill(Some(*class), rect, 1, &mut cards);
    }
    for (class, col) in bottom {
        let rect = Rect { x: x(col), y: bottom_y, w: column, h: bottom_height };
        fill(Some(class), rect, 1, &mut cards);
    }
    let tray_y = bottom_y + bottom_height + GAP;
    let per_row = 4;
    let unplaced = placed(None).len();
    let tray_h = HEADER + (unplaced.div_ceil(per_row).max(1) as f32) * (CARD_HEIGHT + CARD_GAP) + CARD_GAP;
    let tray = Rect { x: MARGIN, y: tray_y, w: width - 2.0 * MARGIN, h: tray_h };
    fill(None, tray, per_row, &mut cards);
    Diagram { width, height: tray_y + tray_h + MARGIN, boxes, cards }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_gets_a_card_inside_its_class_box_and_boxes_do_not_overlap() {
        let mut p = Project::default();
        for (i, class) in [
            Some(ParadigmClass::Strategies),
            Some(ParadigmClass::Strategies),
            None,
            Some(ParadigmClass::ContextualConditions),
        ]
        .into_iter()
        .enumerate()
        {
            p.apply_change(Change::Category(Category { id: CategoryId(i as i64 + 1), name: format!("c{i}"), class }));
        }
        let d = layout(&p, &Hierarchy::build(&p), 1200.0);
        assert_eq!(d.cards.len(), 4);
        for card in &d.cards {
            let class = p.category(card.category).unwrap().class;
            let b = d.class_box(class).unwrap();
            let (cx, cy) = card.rect.center();
            assert!(b.rect.contains(cx, cy), "{card:?} outside {b:?}");
            assert_eq!(d.card_at(cx, cy), Some(card.category));
            assert_eq!(d.box_at(cx, cy), Some(class));
        }
        for (i, a) in d.boxes.iter().enumerate() {
            for b in &d.boxes[i + 1..] {
                let apart = a.rect.x + a.rect.w <= b.rect.x
                    || b.rect.x + b.rect.w <= a.rect.x
                    || a.rect.y + a.rect.h <= b.rect.y
                    || b.rect.y + b.rect.h <= a.rect.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }
}
