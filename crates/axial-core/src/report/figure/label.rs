//! Where each relation's kind is written: on a white plate, on or beside its route, at the
//! best of the candidate positions along the route's segments. A label never overlaps a card,
//! a class title band, an arrowhead or another label; among the positions left it prefers
//! those that cover no other relation or flow arrow and sit near the middle of the route.
//! Where the route has no room (a short hop between two columns), the label goes a little
//! away, tied to its route by a thin leader line that crosses no card. Where even that finds
//! no room, the route carries a number, and the figure's notes say which kind it stands for.

use super::font::{SLACK, width};
use super::layout::{GRID, Layout, SMALL_SIZE};
use super::{Edge, Point, Rect};
use std::cell::RefCell;

/// A relation's kind where it is written.
#[derive(Clone, Debug)]
pub struct Label {
    /// Index into the figure's edges.
    pub edge: usize,
    pub rect: Rect,
    pub text: String,
    /// From the route to the plate, when the plate is away from it.
    pub leader: Option<(Point, Point)>,
    /// The plate shows this number instead of the kind (the notes under the figure give it).
    pub key: Option<usize>,
}

impl Label {
    /// The text's anchor: the middle of its baseline.
    pub fn anchor(&self) -> Point {
        Point(self.rect.x + self.rect.w / 2.0, self.rect.y + self.rect.h / 2.0 + SMALL_SIZE * 0.35)
    }
}

pub const PLATE_PAD: f32 = 2.0;
pub const PLATE_HEIGHT: f32 = 9.0;
/// The length of a relation's arrowhead.
pub const HEAD: f32 = 5.0;

const BUCKET: f32 = 30.0;

/// Ids of shapes by the square buckets their bounding boxes touch.
struct Buckets {
    cols: usize,
    cells: Vec<Vec<u32>>,
}

impl Buckets {
    fn new(width: f32, height: f32) -> Buckets {
        let cols = (width / BUCKET) as usize + 1;
        let rows = (height / BUCKET) as usize + 1;
        Buckets { cols, cells: vec![Vec::new(); cols * rows] }
    }

    fn range(&self, r: &Rect) -> impl Iterator<Item = usize> + use<> {
        let rows = self.cells.len() / self.cols;
        let c = |v: f32, n: usize| ((v / BUCKET).floor().max(0.0) as usize).min(n - 1);
        let (x0, x1, y0, y1) = (c(r.x, self.cols), c(r.right(), self.cols), c(r.y, rows), c(r.bottom(), rows));
        let cols = self.cols;
        (y0..=y1).flat_map(move |j| (x0..=x1).map(move |i| j * cols + i))
    }

    fn insert(&mut self, r: &Rect, id: u32) {
        for cell in self.range(r).collect::<Vec<_>>() {
            self.cells[cell].push(id);
        }
    }

    fn near<'a>(&'a self, r: &Rect) -> impl Iterator<Item = u32> + 'a {
        self.range(r).flat_map(|cell| self.cells[cell].iter().copied())
    }
}

/// Shapes a label must not overlap, and relation segments it should not cover.
struct Scene {
    hard: Vec<Rect>,
    hard_index: Buckets,
    /// (edge, a, b); edge `usize::MAX` for a flow arrow.
    segments: Vec<(usize, Point, Point)>,
    segment_index: Buckets,
    bounds: Rect,
    /// Segment ids near a plate, reused from one candidate to the next.
    scratch: RefCell<Vec<u32>>,
}

impl Scene {
    fn add_hard(&mut self, r: Rect) {
        self.hard_index.insert(&r, self.hard.len() as u32);
        self.hard.push(r);
    }

    fn free(&self, r: &Rect) -> bool {
        let inside = r.x >= self.bounds.x
            && r.y >= self.bounds.y
            && r.right() <= self.bounds.right()
            && r.bottom() <= self.bounds.bottom();
        inside && !self.hard_index.near(r).any(|i| self.hard[i as usize].overlaps(r))
    }

    /// What covering these segments costs: another relation much, a flow arrow less, the
    /// label's own route's other segments (its bends) a little.
    fn covered(&self, r: &Rect, edge: usize, on: usize) -> f32 {
        let mut ids = self.scratch.borrow_mut();
        ids.clear();
        ids.extend(self.segment_index.near(r));
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .map(|i| {
                let (e, a, b) = self.segments[*i as usize];
                let hit = r.grow(1.0).cut_by(a, b);
                match () {
                    _ if !hit || *i as usize == on => 0.0,
                    _ if e == usize::MAX => 8.0,
                    _ if e == edge => 3.0,
                    _ => 25.0,
                }
            })
            .sum()
    }
}

/// A label for every edge that has room for one.
pub fn place(layout: &Layout, edges: &[Edge]) -> Vec<Label> {
    let mut scene = Scene {
        hard: Vec::new(),
        hard_index: Buckets::new(layout.width, layout.height),
        segments: Vec::new(),
        segment_index: Buckets::new(layout.width, layout.height),
        bounds: Rect { x: 1.0, y: 1.0, w: layout.width - 2.0, h: layout.height - 2.0 },
        scratch: RefCell::default(),
    };
    for card in &layout.cards {
        scene.add_hard(card.rect.grow(1.0));
    }
    for b in &layout.boxes {
        scene.add_hard(b.band);
        if let Some(p) = b.placeholder {
            scene.add_hard(p);
        }
    }
    let add_segment = |edge: usize, a: Point, b: Point, scene: &mut Scene| {
        scene.segment_index.insert(&Rect::spanning(a, b), scene.segments.len() as u32);
        scene.segments.push((edge, a, b));
    };
    let mut first_segment = Vec::with_capacity(edges.len());
    for (i, e) in edges.iter().enumerate() {
        first_segment.push(scene.segments.len());
        for w in e.points.windows(2) {
            add_segment(i, w[0], w[1], &mut scene);
        }
        // The arrowhead stays visible.
        if let [.., a, b] = e.points[..] {
            let (dx, dy) = ((a.0 - b.0).signum() * HEAD, (a.1 - b.1).signum() * HEAD);
            let tail = Point(b.0 + dx, b.1 + dy);
            scene.add_hard(Rect::spanning(b, tail).grow(3.0));
        }
    }
    for flow in &layout.flows {
        for w in flow.points.windows(2) {
            add_segment(usize::MAX, w[0], w[1], &mut scene);
        }
    }
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|a, b| length(&edges[*a].points).total_cmp(&length(&edges[*b].points)));
    let mut labels = Vec::with_capacity(edges.len());
    let digits = edges.len().to_string().len();
    let key_width = width(&"0".repeat(digits), SMALL_SIZE) * SLACK + 2.0 * PLATE_PAD;
    for i in order {
        let e = &edges[i];
        let w = width(&e.kind, SMALL_SIZE) * SLACK + 2.0 * PLATE_PAD;
        let spot = |w| {
            let near = best(&scene, &e.points, i, first_segment[i], w);
            near.map(|r| (r, None)).or_else(|| away(&scene, &e.points, i, w))
        };
        let (spot, key) = match spot(w) {
            Some(spot) => (Some(spot), None),
            None => (spot(key_width), Some(0)),
        };
        if let Some((rect, leader)) = spot {
            scene.add_hard(rect.grow(1.0));
            if let Some((a, b)) = leader {
                scene.add_hard(Rect::spanning(a, b));
            }
            labels.push(Label { edge: i, rect, text: e.kind.clone(), leader, key });
        }
    }
    labels.sort_by_key(|l| l.edge);
    // Numbers in the order of the relations, so the notes read in order.
    for (n, label) in labels.iter_mut().filter(|l| l.key.is_some()).enumerate() {
        label.key = Some(n + 1);
    }
    labels
}

fn length(points: &[Point]) -> f32 {
    points.windows(2).map(|w| (w[0].0 - w[1].0).abs() + (w[0].1 - w[1].1).abs()).sum()
}

/// The cheapest free spot for a `w`-wide label along `points` (edge `edge`, whose first
/// segment is `first` in the scene): on the line, else just beside it, else a little away.
fn best(scene: &Scene, points: &[Point], edge: usize, first: usize, w: f32) -> Option<Rect> {
    // (Distance of the plate's near side from the line, or none: on it; what it costs.)
    let near = [(None, 0.0), (Some(1.5), 10.0)];
    let far = [(Some(4.0), 20.0)];
    let total = length(points);
    [&near[..], &far[..]].into_iter().find_map(|offsets| {
        let mut best: Option<(f32, Rect)> = None;
        let mut walked = 0.0;
        for (s, seg) in points.windows(2).enumerate() {
            let horizontal = seg[0].1 == seg[1].1;
            for (k, at) in steps(seg[0], seg[1]).enumerate() {
                let middle = (walked + k as f32 * GRID - total / 2.0).abs() * 0.05;
                let tries = offsets.iter().flat_map(|(gap, penalty)| {
                    // On the line, the side does not matter.
                    let sides: &[f32] = if gap.is_some() { &[-1.0, 1.0] } else { &[1.0] };
                    sides.iter().map(move |side| (*gap, *penalty, *side))
                });
                for (gap, penalty, side) in tries {
                    let (rect, reach) = spot(at, w, horizontal, gap, side);
                    let base = penalty + middle + if horizontal { 0.0 } else { 1.0 };
                    if best.is_some_and(|(c, _)| c <= base) || !scene.free(&rect) {
                        continue;
                    }
                    let cost = base + scene.covered(&reach, edge, first + s);
                    if best.is_none_or(|(c, _)| cost < c) {
                        best = Some((cost, rect));
                    }
                }
            }
            walked += length(seg);
        }
        best.map(|(_, r)| r)
    })
}

/// A `w`-wide plate at `at` on a line, or `gap` off it on `side`; and the plate with
/// the gap to the line, which should cover no other line either (or the label would seem to
/// belong to that one).
fn spot(at: Point, w: f32, horizontal: bool, gap: Option<f32>, side: f32) -> (Rect, Rect) {
    let (cx, cy, h) = (at.0, at.1, PLATE_HEIGHT);
    let on = Rect { x: cx - w / 2.0, y: cy - h / 2.0, w, h };
    let Some(gap) = gap else { return (on, on) };
    if horizontal {
        let y = if side < 0.0 { cy - gap - h } else { cy + gap };
        let rect = Rect { y, ..on };
        (rect, Rect { y: y.min(cy), h: h + gap, ..on })
    } else {
        let x = if side < 0.0 { cx - gap - w } else { cx + gap };
        let rect = Rect { x, ..on };
        (rect, Rect { x: x.min(cx), w: w + gap, ..on })
    }
}

/// A spot up to 60 pt away from the route, straight across from one of its points, with the
/// leader from that point to the plate; the nearest that covers least.
fn away(scene: &Scene, points: &[Point], edge: usize, w: f32) -> Option<(Rect, Option<(Point, Point)>)> {
    let mut best: Option<(f32, Rect, (Point, Point))> = None;
    for seg in points.windows(2) {
        let horizontal = seg[0].1 == seg[1].1;
        for from in steps(seg[0], seg[1]) {
            let tries = (2..=20).flat_map(|d| [-1.0, 1.0].map(|side| (d as f32 * GRID, side)));
            for ((d, side), shift) in tries.flat_map(|t| [0.0, -1.0, 1.0].map(|shift| (t, shift))) {
                let (rect, to) = across(from, horizontal, d, side, shift, w);
                let base = d + shift.abs() * 2.0;
                if best.as_ref().is_some_and(|(c, ..)| *c <= base) || !scene.free(&rect) {
                    continue;
                }
                let line = Rect::spanning(from, to);
                if scene.hard_index.near(&line).any(|i| scene.hard[i as usize].cut_by(from, to)) {
                    continue;
                }
                let covered = scene.covered(&rect, edge, usize::MAX) + scene.covered(&line, edge, usize::MAX) * 0.4;
                if best.as_ref().is_none_or(|(c, ..)| base + covered < *c) {
                    best = Some((base + covered, rect, (from, to)));
                }
            }
        }
    }
    best.map(|(_, rect, leader)| (rect, Some(leader)))
}

/// The points every grid step along the segment `a`-`b`.
fn steps(a: Point, b: Point) -> impl Iterator<Item = Point> {
    let len = (a.0 - b.0).abs() + (a.1 - b.1).abs();
    let (dx, dy) = if len > 0.0 { ((b.0 - a.0) / len, (b.1 - a.1) / len) } else { (0.0, 0.0) };
    (0..=(len / GRID).floor() as usize).map(move |k| Point(a.0 + dx * k as f32 * GRID, a.1 + dy * k as f32 * GRID))
}

/// A `w`-wide plate `d` away from `from` on a horizontal or vertical line, on `side` (-1: above
/// or left), moved along the line by `shift` (-1, 0, 1) so the leader meets it near an end; and
/// where the leader meets it.
fn across(from: Point, horizontal: bool, d: f32, side: f32, shift: f32, w: f32) -> (Rect, Point) {
    let h = PLATE_HEIGHT;
    if horizontal {
        let y = if side < 0.0 { from.1 - d - h } else { from.1 + d };
        let x = from.0 - w / 2.0 + shift * (w / 2.0 - 3.0);
        (Rect { x, y, w, h }, Point(from.0, if side < 0.0 { y + h } else { y }))
    } else {
        let x = if side < 0.0 { from.0 - d - w } else { from.0 + d };
        let y = from.1 - h / 2.0 + shift * (h / 2.0 - 2.0);
        (Rect { x, y, w, h }, Point(if side < 0.0 { x + w } else { x }, from.1))
    }
}
