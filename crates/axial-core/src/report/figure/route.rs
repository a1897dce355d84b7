//! Relations routed around the cards: orthogonal paths found by A* over a uniform grid of
//! [`GRID`]-point steps, whose blocked nodes are the cards grown by two steps and the class
//! title bands. A path starts and ends at a port, a node two steps off a card's side, joined
//! to the card by a short straight stub (room for the arrowhead). Costs: a step, a bend, a
//! crossing of, a run along or right beside an earlier path, a node next to a card, on a box
//! border or a flow arrow, a port already used or next to a used one. The grid for a hundred
//! categories is about 150 × 900 nodes; the obstacles are written into it once, so a step costs
//! a few array reads whatever the number of cards.

use super::layout::{GRID, Layout};
use super::{Edge, Point, Rect};
use crate::model::*;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

// What a path pays, in half grid steps.
const STEP: u32 = 2;
const BEND: u32 = 8;
const CROSS: u32 = 12;
const ALONG: u32 = 8;
const BORDER: u32 = 6;
const RING: u32 = 1;
const NEAR: u32 = 2;
const FLOW: u32 = 6;
const PORT_SAME: u32 = 120;
const PORT_NEXT: u32 = 40;
/// Passing the port of another path (right in front of its arrowhead).
const PORT_PASS: u32 = 12;

/// How much the search trusts its estimate of the cost left: over 1, it finds a path close to
/// the cheapest (at most this many times its cost) after exploring far fewer nodes. A search
/// that has not found its way after [`BUDGET`] nodes (a crowded figure, where every channel
/// costs much more than the estimate) starts again trusting it [`HURRIED`] times.
const GREED: u32 = 2;
const BUDGET: usize = 6_000;
/// What careful searches may spend on one figure in all; past it, every search is hurried.
const ALLOWANCE: usize = 250_000;
const HURRIED: u32 = 8;

/// Right, down, left, up: as grid steps.
const DIRS: [(i32, i32); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];

struct Grid {
    cols: usize,
    rows: usize,
    blocked: Vec<bool>,
    cost: Vec<u32>,
    /// Paths through a node horizontally / vertically, and paths ending at it.
    horizontal: Vec<u8>,
    vertical: Vec<u8>,
    ports: Vec<u8>,
    /// A* scratch per (node, direction), reused between searches.
    states: Vec<State>,
    search: u32,
}

/// What a search knows of a (node, direction): its entries count in the search numbered
/// `seen` (so nothing is cleared between searches); expanded if `closed` is that number too.
#[derive(Clone, Copy, Default)]
struct State {
    g: u32,
    prev: u32,
    seen: u32,
    closed: u32,
}

/// A card's extent in grid steps.
#[derive(Clone, Copy)]
struct Cells {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

fn cells(r: &Rect) -> Cells {
    let c = |v: f32| (v / GRID).round() as i32;
    Cells { x0: c(r.x), y0: c(r.y), x1: c(r.right()), y1: c(r.bottom()) }
}

/// How far paths keep from cards, in grid steps (6 pt: the stub that carries the arrowhead).
const OFF: i32 = 2;

impl Grid {
    fn new(layout: &Layout) -> Grid {
        let cols = (layout.width / GRID).floor() as usize + 1;
        let rows = (layout.height / GRID).floor() as usize + 1;
        let n = cols * rows;
        let mut grid = Grid {
            cols,
            rows,
            blocked: vec![false; n],
            cost: vec![0; n],
            horizontal: vec![0; n],
            vertical: vec![0; n],
            ports: vec![0; n],
            states: vec![State::default(); n * 4 + 1],
            search: 0,
        };
        for i in 0..cols {
            grid.block(i as i32, 0);
            grid.block(i as i32, rows as i32 - 1);
        }
        for j in 0..rows {
            grid.block(0, j as i32);
            grid.block(cols as i32 - 1, j as i32);
        }
        for card in &layout.cards {
            let c = cells(&card.rect);
            grid.fill(c.x0 - OFF + 1, c.y0 - OFF + 1, c.x1 + OFF - 1, c.y1 + OFF - 1, |g, at| g.blocked[at] = true);
            // Hugging a card is allowed but the middle of a channel is better.
            let (x0, y0, x1, y1) = (c.x0 - OFF, c.y0 - OFF, c.x1 + OFF, c.y1 + OFF);
            for (i0, j0, i1, j1) in [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)] {
                grid.fill(i0, j0, i1, j1, |g, at| g.cost[at] += RING);
            }
        }
        for b in &layout.boxes {
            let c = cells(&b.rect);
            let band = cells(&b.band);
            grid.fill(c.x0, c.y0, c.x0, c.y1, |g, at| g.cost[at] += BORDER);
            grid.fill(c.x1, c.y0, c.x1, c.y1, |g, at| g.cost[at] += BORDER);
            grid.fill(c.x0, c.y1, c.x1, c.y1, |g, at| g.cost[at] += BORDER);
            grid.fill(band.x0, band.y0, band.x1, band.y1, |g, at| g.blocked[at] = true);
            if let Some(note) = b.placeholder.as_ref().map(cells) {
                grid.fill(note.x0, note.y0, note.x1, note.y1, |g, at| g.cost[at] += BORDER);
            }
        }
        for flow in &layout.flows {
            for w in flow.points.windows(2) {
                let (a, b) = (
                    cells(&Rect { x: w[0].0, y: w[0].1, w: 0.0, h: 0.0 }),
                    cells(&Rect { x: w[1].0, y: w[1].1, w: 0.0, h: 0.0 }),
                );
                let (x0, x1, y0, y1) = (a.x0.min(b.x0), a.x0.max(b.x0), a.y0.min(b.y0), a.y0.max(b.y0));
                grid.fill(x0 - 1, y0 - 1, x1 + 1, y1 + 1, |g, at| g.cost[at] += FLOW);
            }
        }
        grid
    }

    fn at(&self, i: i32, j: i32) -> Option<usize> {
        (i >= 0 && j >= 0 && (i as usize) < self.cols && (j as usize) < self.rows)
            .then(|| j as usize * self.cols + i as usize)
    }

    fn block(&mut self, i: i32, j: i32) {
        if let Some(at) = self.at(i, j) {
            self.blocked[at] = true;
        }
    }

    fn fill(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, mut f: impl FnMut(&mut Grid, usize)) {
        for j in y0..=y1 {
            for i in x0..=x1 {
                if let Some(at) = self.at(i, j) {
                    f(self, at);
                }
            }
        }
    }

    fn point(&self, at: usize) -> Point {
        Point((at % self.cols) as f32 * GRID, (at / self.cols) as f32 * GRID)
    }

    /// The ports around a card: (node, direction away from the card, where the stub meets the
    /// card's border). Corners are left out.
    fn ports(&self, c: Cells) -> Vec<(usize, usize, Point)> {
        let mut out = Vec::new();
        let mut add = |i: i32, j: i32, dir: usize, border: Point| {
            if let Some(at) = self.at(i, j).filter(|at| !self.blocked[*at]) {
                out.push((at, dir, border));
            }
        };
        let g = GRID;
        for i in c.x0 + 2..=c.x1 - 2 {
            add(i, c.y0 - OFF, 3, Point(i as f32 * g, c.y0 as f32 * g));
            add(i, c.y1 + OFF, 1, Point(i as f32 * g, c.y1 as f32 * g));
        }
        for j in c.y0 + 2..=c.y1 - 2 {
            add(c.x0 - OFF, j, 2, Point(c.x0 as f32 * g, j as f32 * g));
            add(c.x1 + OFF, j, 0, Point(c.x1 as f32 * g, j as f32 * g));
        }
        out
    }

    fn port_cost(&self, at: usize, dir: usize) -> u32 {
        // The neighbours along the card's side.
        let along = if dir.is_multiple_of(2) { self.cols } else { 1 };
        let near = |d: isize| {
            at.checked_add_signed(d * along as isize).and_then(|n| self.ports.get(n)).copied().unwrap_or(0) as u32
        };
        PORT_SAME * self.ports[at] as u32 + PORT_NEXT * (near(-1) + near(1))
    }

    fn step_cost(&self, to: usize, dir: usize) -> u32 {
        let (along, across) = if dir.is_multiple_of(2) {
            (self.horizontal[to], self.vertical[to])
        } else {
            (self.vertical[to], self.horizontal[to])
        };
        // Whether a node is used counts, not how often: in a crowded channel the cost of a step
        // stays within reach of the estimate (else the search would flood the whole grid).
        let used = |n: u8| u32::from(n.min(1));
        // A path one track beside another, running the same way: hard to tell apart in print.
        let lane = if dir.is_multiple_of(2) { &self.horizontal } else { &self.vertical };
        let side = if dir.is_multiple_of(2) { self.cols } else { 1 };
        let beside = |n: Option<usize>| n.and_then(|n| lane.get(n)).map_or(0, |u| used(*u));
        let near = beside(to.checked_sub(side)) + beside(Some(to + side));
        STEP + self.cost[to]
            + ALONG * used(along)
            + CROSS * used(across)
            + PORT_PASS * used(self.ports[to])
            + NEAR * near.min(1)
    }

    /// The cheapest path from a port of `from` to a port of `to`, card border to card border.
    /// Gives up (`None`) once it has expanded `budget` states (counting down what it spends).
    fn route(&mut self, from: Cells, to: Cells, greed: u32, budget: &mut usize) -> Option<Vec<Point>> {
        self.search += 1;
        let goal = self.cols * self.rows * 4;
        let sources = self.ports(from);
        let h = |g: &Grid, at: usize| {
            let (i, j) = ((at % g.cols) as i32, (at / g.cols) as i32);
            let dx = (to.x0 - OFF - i).max(i - to.x1 - OFF).max(0);
            let dy = (to.y0 - OFF - j).max(j - to.y1 - OFF).max(0);
            // Off to the side and off above or below: the path bends at least once.
            greed * ((dx + dy) as u32 * STEP + if dx > 0 && dy > 0 { BEND } else { 0 })
        };
        let mut heap = BinaryHeap::new();
        for (at, dir, _) in &sources {
            let state = at * 4 + dir;
            let g = self.port_cost(*at, *dir);
            if self.visit(state, g, u32::MAX) {
                heap.push(Reverse((g + h(self, *at), u32::MAX - g, state)));
            }
        }
        while let Some(Reverse((_, _, state))) = heap.pop() {
            *budget = budget.checked_sub(1)?;
            if state == goal {
                return Some(self.path(goal, &sources, to));
            }
            // Expanded once (an entry left from before a cheaper visit is skipped): with the
            // estimate weighted, reopening states would cost more than it gains.
            if self.states[state].closed == self.search {
                continue;
            }
            self.states[state].closed = self.search;
            let g = self.states[state].g;
            let (at, dir) = (state / 4, state % 4);
            if let Some((inward, _)) = self.port_of(to, at) {
                let end = g + self.port_cost(at, (inward + 2) % 4) + if dir == inward { 0 } else { BEND };
                if self.visit(goal, end, state as u32) {
                    heap.push(Reverse((end, u32::MAX - end, goal)));
                }
            }
            let (i, j) = ((at % self.cols) as i32, (at / self.cols) as i32);
            for (d, (di, dj)) in DIRS.iter().enumerate() {
                if d == (dir + 2) % 4 {
                    continue;
                }
                let Some(next) = self.at(i + di, j + dj).filter(|n| !self.blocked[*n]) else { continue };
                let cost = g + self.step_cost(next, d) + if d == dir { 0 } else { BEND };
                let s = next * 4 + d;
                if self.visit(s, cost, state as u32) {
                    heap.push(Reverse((cost + h(self, next), u32::MAX - cost, s)));
                }
            }
        }
        None
    }

    /// If `at` is a port of the card `c`: the direction into the card and where the stub meets
    /// its border.
    fn port_of(&self, c: Cells, at: usize) -> Option<(usize, Point)> {
        let (i, j) = ((at % self.cols) as i32, (at / self.cols) as i32);
        let g = GRID;
        let across = (c.x0 + 2..=c.x1 - 2).contains(&i);
        let along = (c.y0 + 2..=c.y1 - 2).contains(&j);
        match () {
            _ if across && j == c.y0 - OFF => Some((1, Point(i as f32 * g, c.y0 as f32 * g))),
            _ if across && j == c.y1 + OFF => Some((3, Point(i as f32 * g, c.y1 as f32 * g))),
            _ if along && i == c.x0 - OFF => Some((0, Point(c.x0 as f32 * g, j as f32 * g))),
            _ if along && i == c.x1 + OFF => Some((2, Point(c.x1 as f32 * g, j as f32 * g))),
            _ => None,
        }
    }

    /// Records `g` for `state` if it is new or cheaper; whether it was.
    fn visit(&mut self, state: usize, g: u32, prev: u32) -> bool {
        let search = self.search;
        let s = &mut self.states[state];
        if s.seen == search && (s.g <= g || s.closed == search) {
            return false;
        }
        *s = State { g, prev, seen: search, closed: s.closed };
        true
    }

    /// The nodes back from the goal, registered as used; as points from border to border.
    fn path(&mut self, goal: usize, sources: &[(usize, usize, Point)], to: Cells) -> Vec<Point> {
        let mut nodes = Vec::new();
        let mut state = self.states[goal].prev;
        loop {
            nodes.push(state as usize / 4);
            let prev = self.states[state as usize].prev;
            if prev == u32::MAX {
                break;
            }
            state = prev;
        }
        nodes.reverse();
        let first = nodes[0];
        let last = *nodes.last().expect("a path has a node");
        let start = sources.iter().find(|(at, dir, _)| *at == first && *dir == state as usize % 4);
        let start = start.map(|s| s.2).expect("a path starts at a source port");
        let end = self.port_of(to, last).expect("a path ends at a target port").1;
        self.ports[first] += 1;
        self.ports[last] += 1;
        for w in nodes.windows(2) {
            let lane = if w[0] / self.cols == w[1] / self.cols { &mut self.horizontal } else { &mut self.vertical };
            lane[w[0]] = lane[w[0]].saturating_add(1);
            lane[w[1]] = lane[w[1]].saturating_add(1);
        }
        let mut points = vec![start];
        points.extend(nodes.iter().map(|at| self.point(*at)));
        points.push(end);
        simplify(points)
    }
}

/// Drops points in the middle of straight runs.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Every relation between two different placed categories, routed; shorter ones first.
pub fn route_all(project: &Project, layout: &Layout) -> Vec<Edge> {
    let card: HashMap<CategoryId, &Rect> = layout.cards.iter().map(|c| (c.category, &c.rect)).collect();
    let mut todo: Vec<(&Relation, Rect, Rect)> = project
        .relations()
        .filter(|r| r.from != r.to)
        .filter_map(|r| Some((r, **card.get(&r.from)?, **card.get(&r.to)?)))
        .collect();
    let distance = |a: &Rect, b: &Rect| (a.x - b.x).abs() + (a.y - b.y).abs();
    todo.sort_by(|x, y| distance(&x.1, &x.2).total_cmp(&distance(&y.1, &y.2)).then(x.0.id.cmp(&y.0.id)));
    let mut grid = Grid::new(layout);
    let mut allowance = ALLOWANCE;
    let mut edges = Vec::with_capacity(todo.len());
    for (r, a, b) in todo {
        let (a, b) = (cells(&a), cells(&b));
        let mut careful = BUDGET.min(allowance);
        let found = grid.route(a, b, GREED, &mut careful);
        allowance -= BUDGET.min(allowance) - careful;
        if let Some(points) = found.or_else(|| grid.route(a, b, HURRIED, &mut { usize::MAX })) {
            edges.push(Edge { relation: r.id, from: r.from, to: r.to, kind: r.kind.clone(), points, grounded: true });
        }
    }
    edges.sort_by_key(|e| e.relation);
    edges
}
