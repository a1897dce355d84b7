//! The figure checked as printed: read back from its SVG (cards, routes, labels), rendered by
//! usvg, rasterised and written as PDF, on both samples and on projects built to stress it.

use super::layout::{PT_PER_MM, WIDTH_MM};
use super::*;
use crate::project::open_sample;
use resvg::usvg;
use std::collections::HashSet;
use std::path::Path;

fn sample(name: &str) -> Project {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample_projects").join(name);
    open_sample(&folder).expect("the sample opens").load().expect("the sample loads")
}

fn category(p: &mut Project, id: i64, name: &str, class: Option<ParadigmClass>) {
    p.apply_change(Change::Category(Category { id: CategoryId(id), name: name.into(), class }));
}

fn relate(p: &mut Project, id: i64, from: i64, to: i64, kind: &str) {
    p.apply_change(Change::Relation(Relation {
        id: RelationId(id),
        from: CategoryId(from),
        to: CategoryId(to),
        kind: kind.into(),
    }));
}

/// Long names, six cards in one class, relations both ways, within a box and across the
/// figure, to itself and to a category not placed; a name with XML's special characters.
fn stress() -> Project {
    use ParadigmClass::*;
    let mut p = Project::default();
    let long = "Negotiating the organisation's expectations of knowledge sharing against personal career risk";
    assert!(long.len() > 80);
    category(&mut p, 1, long, Some(CausalConditions));
    category(&mut p, 2, "Trust <in> \"management\" & 'peers'", Some(CausalConditions));
    category(&mut p, 3, "Sharing tacit knowledge in informal networks across departments and sites", Some(Phenomenon));
    for i in 0..6 {
        let name = format!("Strategy {i}: {}", &long[..20 + 10 * i as usize]);
        category(&mut p, 10 + i, &name, Some(Strategies));
    }
    category(&mut p, 20, "Recognition", Some(Consequences));
    category(
        &mut p,
        21,
        "Hierarchical culture of the bank's head office and its regional branches",
        Some(ContextualConditions),
    );
    category(&mut p, 30, "Not yet placed anywhere: a category that must not be drawn", None);
    p.apply_change(Change::CoreCategory(Some(CategoryId(3))));
    let mut id = 0;
    let mut rel = |p: &mut Project, from: i64, to: i64, kind: &str| {
        id += 1;
        relate(p, id, from, to, kind);
    };
    rel(&mut p, 1, 3, "causes");
    rel(&mut p, 2, 3, "causes");
    rel(&mut p, 3, 2, "undermines");
    rel(&mut p, 1, 2, "reinforces");
    rel(&mut p, 2, 1, "is strengthened by");
    for i in 0..6 {
        rel(&mut p, 3, 10 + i, "leads to");
        rel(&mut p, 21, 10 + i, "is context of");
        rel(&mut p, 10 + i, 20, "results in");
    }
    rel(&mut p, 10, 15, "precedes");
    rel(&mut p, 15, 10, "feeds back into");
    rel(&mut p, 12, 13, "supports");
    rel(&mut p, 1, 20, "long-term effect on");
    rel(&mut p, 20, 1, "reinforces");
    rel(&mut p, 21, 3, "frames");
    rel(&mut p, 3, 3, "itself");
    rel(&mut p, 3, 30, "to the unplaced");
    p
}

/// What a reader of the SVG finds: cards (name from the attribute, name from the lines, box),
/// class title bands, routes and label plates.
#[derive(Default)]
struct Read {
    cards: Vec<(String, String, Rect)>,
    bands: Vec<Rect>,
    routes: Vec<Vec<Point>>,
    labels: Vec<Rect>,
    leaders: Vec<Vec<Point>>,
}

fn rect_of(node: roxmltree::Node) -> Rect {
    let v = |name| node.attribute(name).and_then(|v: &str| v.parse().ok()).expect("a rect's geometry");
    Rect { x: v("x"), y: v("y"), w: v("width"), h: v("height") }
}

/// The points of an SVG path of straight lines, `M x,y L x,y …`.
fn path(d: &str) -> Vec<Point> {
    d.split_whitespace()
        .map(|p| {
            let (x, y) = p.trim_start_matches(['M', 'L']).split_once(',').expect("x,y");
            Point(x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn read(svg: &str) -> Read {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let mut out = Read::default();
    let class = |n: &roxmltree::Node, c: &str| n.attribute("class") == Some(c);
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        let child = |tag: &str, c: Option<&str>| {
            g.children().find(|n| n.has_tag_name(tag) && c.is_none_or(|c| n.attribute("class") == Some(c)))
        };
        if class(&g, "card") {
            let mut name = String::new();
            for line in child("text", Some("name")).expect("a name").children().filter(|t| t.has_tag_name("tspan")) {
                if !name.is_empty() && line.attribute("class") != Some("joined") {
                    name.push(' ');
                }
                name.push_str(line.text().unwrap_or_default());
            }
            let attr = g.attribute("data-category").expect("the full name").to_owned();
            out.cards.push((attr, name, rect_of(child("rect", None).expect("a card's rect"))));
        } else if class(&g, "class-box") {
            out.bands.push(rect_of(child("rect", Some("title")).expect("a title band")));
        } else if class(&g, "relation") {
            let d = child("path", Some("route")).and_then(|p| p.attribute("d")).expect("a route");
            let points = path(d);
            out.routes.push(points);
        } else if class(&g, "relation-label") {
            out.labels.push(rect_of(child("rect", None).expect("a plate")));
            if let Some(d) = child("path", Some("leader")).and_then(|p| p.attribute("d")) {
                out.leaders.push(path(d));
            }
        }
    }
    out
}

/// Everything the issue asks of the figure of `p`, from its SVG, PNG and PDF.
fn check(p: &Project) -> Read {
    let fig = figure(p);
    let text = svg::write(p, &fig);
    let r = read(&text);
    let placed: Vec<&Category> = p.categories().filter(|c| c.class.is_some()).collect();
    let mut expected: Vec<String> =
        placed.iter().map(|c| c.name.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let mut found: Vec<String> = r.cards.iter().map(|c| c.1.clone()).collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "every placed category's full name, from its card's lines");
    for (attr, lines, _) in &r.cards {
        assert_eq!(attr.split_whitespace().collect::<Vec<_>>().join(" "), *lines);
    }
    for c in p.categories().filter(|c| c.class.is_none()) {
        let escaped = quick_xml::escape::escape(c.name.as_str());
        assert!(!text.contains(escaped.as_ref()), "{:?} is not placed and not drawn", c.name);
    }
    let on = |id| p.category(id).is_some_and(|c: &Category| c.class.is_some());
    let drawable = p.relations().filter(|rel| rel.from != rel.to && on(rel.from) && on(rel.to)).count();
    assert_eq!(r.routes.len(), drawable, "every relation between placed categories is drawn");
    assert_eq!(r.labels.len(), drawable, "every drawn relation is labelled");
    for route in r.routes.iter().chain(&r.leaders) {
        for w in route.windows(2) {
            assert!(w[0].0 == w[1].0 || w[0].1 == w[1].1, "orthogonal: {w:?}");
            for (name, _, card) in &r.cards {
                assert!(!card.cut_by(w[0], w[1]), "a route passes through {name:?}: {w:?}");
            }
        }
    }
    for (i, label) in r.labels.iter().enumerate() {
        for (name, _, card) in &r.cards {
            assert!(!label.overlaps(card), "label {label:?} on {name:?}");
        }
        for band in &r.bands {
            assert!(!label.overlaps(band), "label {label:?} on a class title {band:?}");
        }
        for other in &r.labels[i + 1..] {
            assert!(!label.overlaps(other), "labels overlap: {label:?} {other:?}");
        }
    }
    text_stays_in_cards(&text, &r);
    renders(p, &text, fig.height);
    r
}

/// usvg's own shaping of every text that touches a card lies inside it.
fn text_stays_in_cards(text: &str, r: &Read) {
    let tree = usvg::Tree::from_str(text, &crate::report::png::options()).expect("usvg reads the figure");
    let scale = tree.size().width() / (WIDTH_MM * PT_PER_MM);
    let mut texts = Vec::new();
    fn walk(g: &usvg::Group, out: &mut Vec<usvg::Rect>) {
        for n in g.children() {
            match n {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => out.push(t.flattened().abs_bounding_box()),
                _ => {}
            }
        }
    }
    walk(tree.root(), &mut texts);
    assert!(!texts.is_empty());
    for b in texts {
        let b = Rect { x: b.x() / scale, y: b.y() / scale, w: b.width() / scale, h: b.height() / scale };
        for (name, _, card) in &r.cards {
            if b.overlaps(card) {
                let inside = b.x >= card.x && b.right() <= card.right() && b.y >= card.y && b.bottom() <= card.bottom();
                assert!(inside, "text {b:?} overflows the card of {name:?} {card:?}");
            }
        }
    }
}

/// The PNG is 300 dpi at 160 mm; the PDF loads, its offsets are right, its page the figure's.
fn renders(p: &Project, text: &str, height: f32) {
    let png = crate::report::png::rasterise(text, DPI / 96.0).map(|b| with_resolution(b, DPI)).expect("a PNG");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("the PNG decodes");
    assert_eq!(pixmap.width(), (WIDTH_MM / 25.4 * DPI).round() as u32);
    assert!(png.windows(4).any(|w| w == b"pHYs"));
    let bytes = pdf::from_svg(text, p.name()).expect("a PDF");
    check_pdf(&bytes, WIDTH_MM * PT_PER_MM, height);
}

fn check_pdf(bytes: &[u8], width: f32, height: f32) {
    assert!(bytes.starts_with(b"%PDF-"));
    let at_text = |at: usize| String::from_utf8_lossy(&bytes[at..(at + 40).min(bytes.len())]).into_owned();
    let tail = bytes.windows(10).rposition(|w| w == b"startxref\n").expect("startxref") + 10;
    let at: usize = at_text(tail).lines().next().unwrap().parse().unwrap();
    assert!(at_text(at).starts_with("xref\n0 "), "startxref points at the table");
    let table = String::from_utf8_lossy(&bytes[at..]).into_owned();
    let entries: Vec<&str> = table.lines().skip(3).take_while(|l| l.ends_with(" n ")).collect();
    assert_eq!(entries.len(), 5);
    for (n, line) in entries.iter().enumerate() {
        let offset: usize = line[..10].parse().unwrap();
        assert!(at_text(offset).starts_with(&format!("{} 0 obj", n + 1)), "object {} at {offset}", n + 1);
    }
    let doc = pdf_extract::Document::load_mem(bytes).expect("lopdf loads the PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_dictionary(pages[&1]).unwrap();
    let media: Vec<f32> =
        page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect();
    assert_eq!(media.len(), 4);
    // The SVG states its size in millimetres to two decimals: up to 0.005 mm (0.014 pt) off.
    assert!((media[2] - width).abs() < 0.02 && (media[3] - height).abs() < 0.02, "{media:?} vs {width}×{height}");
    let content = doc.get_page_content(pages[&1]).expect("the content inflates");
    assert!(content.windows(3).any(|w| w == b" cm"), "the page draws");
}

#[test]
fn the_banking_sample_is_drawn_whole_and_clear() {
    let p = sample("banking_ckm_crm");
    let r = check(&p);
    assert_eq!(r.cards.len(), 18);
    assert_eq!(r.routes.len(), p.relations().len());
}

#[test]
fn the_crm_sample_places_nothing_and_shows_the_empty_skeleton() {
    let p = sample("crm_knowledge_creation");
    let r = check(&p);
    assert!(r.cards.is_empty() && r.routes.is_empty());
    assert_eq!(r.bands.len(), 6, "all six class boxes");
    let text = svg(&p);
    assert_eq!(text.matches("(no category yet)").count(), 6);
    assert_eq!(text.matches(r#"class="flow""#).count(), 5, "the paradigm's five arrows");
}

#[test]
fn a_stressed_project_keeps_routes_off_cards_and_labels_apart() {
    let p = stress();
    let r = check(&p);
    assert_eq!(r.cards.len(), 11);
    let text = svg(&p);
    assert!(text.contains("data-category=\"Trust &lt;in&gt; &quot;management&quot; &amp; &apos;peers&apos;\""));
    assert_eq!(text.matches("data-core=\"true\"").count(), 1);
    assert!(text.contains(">core category</text>"), "the core category is named, not only coloured");
    assert!(!text.contains("itself") && !text.contains("to the unplaced"));
    // Both directions between one pair take different routes.
    let fig = figure(&p);
    let between = |a, b| fig.edges.iter().find(|e| e.from == CategoryId(a) && e.to == CategoryId(b)).unwrap();
    assert_ne!(between(1, 2).points, between(2, 1).points.iter().rev().copied().collect::<Vec<_>>());
    let ends: HashSet<(i32, i32)> =
        fig.edges.iter().map(|e| e.points[e.points.len() - 1]).map(|p| (p.0 as i32, p.1 as i32)).collect();
    assert_eq!(ends.len(), fig.edges.len(), "no two arrowheads on one spot");
}

#[test]
fn the_figure_is_160_mm_wide_and_its_smallest_text_is_7_pt() {
    let text = svg(&sample("banking_ckm_crm"));
    assert!(text.contains(r#"width="160mm""#));
    assert!(text.contains(r#"viewBox="0 0 453.54 "#), "one unit is one point");
    let sizes: Vec<f32> =
        text.split("font-size=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect();
    assert!(sizes.iter().all(|s| *s >= 7.0), "{sizes:?}");
}

#[test]
fn the_measure_matches_usvgs_shaping_within_the_slack() {
    for s in ["Determining the management framework", "Implementation of international", "WWW mmm iii 1234"] {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><text x="0" y="30" font-size="20">{s}</text></svg>"#
        );
        let tree = usvg::Tree::from_str(&svg, &crate::report::png::options()).unwrap();
        let usvg::Node::Text(t) = &tree.root().children()[0] else { panic!("a text node") };
        let shaped = t.flattened().bounding_box().right();
        let measured = font::width(s, 20.0);
        assert!(shaped <= measured * font::SLACK && shaped >= measured * 0.95, "{s}: {shaped} vs {measured}");
    }
}

/// ~100 categories and ~300 relations: how long building the figure takes (run with
/// `cargo test --release -p axial-core --lib report::figure -- --ignored --nocapture`).
#[test]
#[ignore]
fn a_hundred_categories_and_three_hundred_relations_route_quickly() {
    let mut p = Project::default();
    let mut rng = fastrand::Rng::with_seed(7);
    let words = ["trust", "knowledge", "sharing", "of the", "management", "customer", "network", "risk", "and"];
    for i in 0..100 {
        let name: Vec<&str> = (0..2 + rng.usize(0..8)).map(|_| words[rng.usize(0..words.len())]).collect();
        category(&mut p, i + 1, &format!("{} {i}", name.join(" ")), Some(ParadigmClass::ALL[i as usize % 6]));
    }
    for i in 0..300 {
        let (a, b) = (rng.i64(1..=100), rng.i64(1..=100));
        relate(&mut p, i + 1, a, b, ["causes", "leads to", "is context of"][i as usize % 3]);
    }
    let start = std::time::Instant::now();
    let l = layout::layout(&p);
    let t1 = start.elapsed();
    let e = route::route_all(&p, &l);
    let t2 = start.elapsed();
    let _ = label::place(&l, &e);
    eprintln!("layout {t1:?}, routes {:?}, labels {:?}", t2 - t1, start.elapsed() - t2);
    let start = std::time::Instant::now();
    let fig = figure(&p);
    let took = start.elapsed();
    let text = svg::write(&p, &fig);
    eprintln!(
        "{} edges, {} labels, {:.0}×{:.0} pt, built in {took:?}",
        fig.edges.len(),
        fig.labels.len(),
        fig.layout.width,
        fig.layout.height
    );
    let limit = std::time::Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 1 });
    assert!(took < limit, "{took:?}");
    let r = read(&text);
    let drawable = p.relations().filter(|rel| rel.from != rel.to).count();
    assert_eq!((r.routes.len(), r.labels.len()), (drawable, drawable));
    for route in &r.routes {
        for w in route.windows(2) {
            assert!(r.cards.iter().all(|c| !c.2.cut_by(w[0], w[1])));
        }
    }
    std::fs::create_dir_all("/tmp/figure").unwrap();
    std::fs::write("/tmp/figure/hundred.svg", &text).unwrap();
}

/// Writes the samples' and the stress project's figures to /tmp/figure to look at (run with
/// `-- --ignored`).
#[test]
#[ignore]
fn write_figures_to_look_at() {
    std::fs::create_dir_all("/tmp/figure").unwrap();
    for (name, p) in
        [("banking", sample("banking_ckm_crm")), ("crm", sample("crm_knowledge_creation")), ("stress", stress())]
    {
        std::fs::write(format!("/tmp/figure/{name}.svg"), svg(&p)).unwrap();
        std::fs::write(format!("/tmp/figure/{name}.png"), png(&p).unwrap()).unwrap();
        std::fs::write(format!("/tmp/figure/{name}.pdf"), pdf(&p).unwrap()).unwrap();
    }
}

/// A relation no passage or speaker turn is coded with both ends of is drawn dashed, and the
/// figure's notes say what dashed means: 3 of the banking sample's 24 relations (21 carry
/// evidence).
#[test]
fn relations_the_data_does_not_ground_are_dashed_and_explained() {
    let p = sample("banking_ckm_crm");
    let text = svg(&p);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let relations: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("relation")).collect();
    let dashed = |g: &roxmltree::Node| {
        g.children().any(|c| c.attribute("class") == Some("route") && c.attribute("stroke-dasharray").is_some())
    };
    let ungrounded: Vec<_> = relations.iter().filter(|g| g.attribute("data-grounded") == Some("no")).collect();
    assert_eq!((relations.len(), ungrounded.len()), (24, 3));
    assert!(ungrounded.iter().all(|g| dashed(g)), "the ungrounded ones are dashed");
    let grounded = relations.iter().filter(|g| g.attribute("data-grounded") == Some("yes"));
    assert!(!grounded.clone().any(dashed) && grounded.count() == 21, "the grounded ones are not");
    let notes: String = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("notes"))
        .flat_map(|n| n.descendants().filter_map(|t| t.text()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        notes.contains("Dashed: a relation with no passage picked as its evidence and none coded with both its ends."),
        "{notes}"
    );
}
