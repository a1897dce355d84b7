//! The figure as a one-page vector PDF the size of the figure. Its SVG is read by usvg with
//! the PNG's options (text shaped with the embedded font), and the tree's paths are written as
//! PDF path operators, text as its glyph outlines (so the PDF needs no embedded font and looks
//! the same everywhere; the text cannot be selected). Written by hand rather than with lopdf
//! (reachable through pdf-extract): the page is one content stream of operators we write in
//! either case, and the file around it is five small objects and an offset table; the export
//! does not then depend on the importer's PDF library. Only what the figure uses is supported:
//! solid fills and strokes, dashes, opacity; gradients, patterns, clips, masks, filters and
//! images are not drawn.

use super::svg;
use crate::model::Project;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use resvg::usvg::{self, Group, Node, Paint, Path, Transform};
use std::fmt::Write as _;
use std::io::Write as _;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the figure cannot be read as SVG ({0}); export it as SVG instead")]
    Svg(#[from] usvg::Error),
    #[error("cannot compress the PDF's page ({0})")]
    Compress(#[from] std::io::Error),
}

/// Points per CSS pixel (usvg measures a document in pixels, 96 to the inch).
const PT_PER_PX: f32 = 0.75;

/// The paradigm figure of `project` as PDF bytes.
pub fn pdf(project: &Project) -> Result<Vec<u8>, PdfError> {
    from_svg(&svg(project), &format!("Paradigm model: {}", project.name()))
}

/// `svg` as a one-page PDF titled `title`.
pub(crate) fn from_svg(svg: &str, title: &str) -> Result<Vec<u8>, PdfError> {
    let tree = usvg::Tree::from_str(svg, &crate::report::png::options_for(svg))?;
    let (w, h) = (tree.size().width() * PT_PER_PX, tree.size().height() * PT_PER_PX);
    let mut page = Page::default();
    let _ = writeln!(page.ops, "{} 0 0 {} 0 {} cm", R(PT_PER_PX), R(-PT_PER_PX), R(h));
    page.group(tree.root(), 1.0);
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(page.ops.as_bytes())?;
    let content = z.finish()?;

    let states: String = page
        .states
        .iter()
        .enumerate()
        .map(|(i, (ca, cs))| format!("/G{i} << /ca {} /CA {} >> ", R(*ca), R(*cs)))
        .collect();
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        let _ = writeln!(out, "{} 0 obj", offsets.len());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
    object(&mut out, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    let page_dict = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /ExtGState << {states}>> >> /Contents 4 0 R >>",
        R(w),
        R(h)
    );
    object(&mut out, page_dict.as_bytes());
    let mut stream = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"\nendstream");
    object(&mut out, &stream);
    object(&mut out, format!("<< /Title {} /Producer (Axial) >>", text_string(title)).as_bytes());
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
    for offset in &offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ =
        write!(out, "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1);
    Ok(out)
}

/// A PDF real: no exponent, at most three decimals.
struct R(f32);

impl std::fmt::Display for R {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = format!("{:.3}", if self.0.is_finite() { self.0 } else { 0.0 });
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" || s.is_empty() { "0" } else { s })
    }
}

/// A PDF text string in UTF-16 (any title, whatever its script).
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// The page's operators and the opacity states they name.
#[derive(Default)]
struct Page {
    ops: String,
    /// (fill, stroke) opacities, `/G{index}`.
    states: Vec<(f32, f32)>,
}

impl Page {
    fn group(&mut self, g: &Group, opacity: f32) {
        let opacity = opacity * g.opacity().get();
        for node in g.children() {
            match node {
                Node::Group(g) => self.group(g, opacity),
                Node::Path(p) => self.path(p, opacity),
                Node::Text(t) => self.group(t.flattened(), opacity),
                Node::Image(_) => {}
            }
        }
    }

    fn state(&mut self, fill: f32, stroke: f32) -> usize {
        let same = |s: &(f32, f32)| (s.0 - fill).abs() < 1e-3 && (s.1 - stroke).abs() < 1e-3;
        if let Some(i) = self.states.iter().position(same) {
            return i;
        }
        self.states.push((fill, stroke));
        self.states.len() - 1
    }

    fn path(&mut self, p: &Path, opacity: f32) {
        if !p.is_visible() {
            return;
        }
        let fill = p.fill().and_then(|f| Some((color(f.paint())?, f.opacity().get(), f.rule())));
        let stroke = p.stroke().and_then(|s| Some((color(s.paint())?, s)));
        if fill.is_none() && stroke.is_none() {
            return;
        }
        let t: Transform = p.abs_transform();
        let _ = writeln!(self.ops, "q {} {} {} {} {} {} cm", R(t.sx), R(t.ky), R(t.kx), R(t.sy), R(t.tx), R(t.ty));
        let fill_alpha = fill.map_or(1.0, |f| f.1) * opacity;
        let stroke_alpha = stroke.map_or(1.0, |s| s.1.opacity().get()) * opacity;
        if fill_alpha < 0.999 || stroke_alpha < 0.999 {
            let i = self.state(fill_alpha, stroke_alpha);
            let _ = writeln!(self.ops, "/G{i} gs");
        }
        if let Some((c, _, _)) = fill {
            let _ = writeln!(self.ops, "{} {} {} rg", R(c[0]), R(c[1]), R(c[2]));
        }
        if let Some((c, s)) = stroke {
            self.stroke_style(c, s);
        }
        let fill_op = match fill {
            Some((_, _, usvg::FillRule::EvenOdd)) => "f*",
            Some(_) => "f",
            None => "",
        };
        let stroke_first = p.paint_order() == usvg::PaintOrder::StrokeAndFill;
        match (fill_op, stroke.is_some()) {
            ("", _) => self.outline(p, "S"),
            (f, false) => self.outline(p, f),
            (f, true) if stroke_first => {
                self.outline(p, "S");
                self.outline(p, f);
            }
            ("f*", true) => self.outline(p, "B*"),
            (_, true) => self.outline(p, "B"),
        }
        self.ops.push_str("Q\n");
    }

    fn stroke_style(&mut self, c: [f32; 3], s: &usvg::Stroke) {
        let cap = match s.linecap() {
            usvg::LineCap::Butt => 0,
            usvg::LineCap::Round => 1,
            usvg::LineCap::Square => 2,
        };
        let join = match s.linejoin() {
            usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => 0,
            usvg::LineJoin::Round => 1,
            usvg::LineJoin::Bevel => 2,
        };
        let _ = writeln!(
            self.ops,
            "{} {} {} RG {} w {cap} J {join} j {} M",
            R(c[0]),
            R(c[1]),
            R(c[2]),
            R(s.width().get()),
            R(s.miterlimit().get())
        );
        if let Some(dashes) = s.dasharray() {
            let list: Vec<String> = dashes.iter().map(|d| R(*d).to_string()).collect();
            let _ = writeln!(self.ops, "[{}] {} d", list.join(" "), R(s.dashoffset()));
        }
    }

    /// The path's segments, then `paint`.
    fn outline(&mut self, p: &Path, paint: &str) {
        use usvg::tiny_skia_path::PathSegment::*;
        let (mut current, mut start) = ((0.0, 0.0), (0.0, 0.0));
        for segment in p.data().segments() {
            match segment {
                MoveTo(a) => {
                    let _ = writeln!(self.ops, "{} {} m", R(a.x), R(a.y));
                    (current, start) = ((a.x, a.y), (a.x, a.y));
                }
                LineTo(a) => {
                    let _ = writeln!(self.ops, "{} {} l", R(a.x), R(a.y));
                    current = (a.x, a.y);
                }
                QuadTo(q, a) => {
                    // The same curve as a cubic: control points two thirds towards `q`.
                    let c1 = (current.0 + 2.0 / 3.0 * (q.x - current.0), current.1 + 2.0 / 3.0 * (q.y - current.1));
                    let c2 = (a.x + 2.0 / 3.0 * (q.x - a.x), a.y + 2.0 / 3.0 * (q.y - a.y));
                    let _ =
                        writeln!(self.ops, "{} {} {} {} {} {} c", R(c1.0), R(c1.1), R(c2.0), R(c2.1), R(a.x), R(a.y));
                    current = (a.x, a.y);
                }
                CubicTo(c1, c2, a) => {
                    let _ =
                        writeln!(self.ops, "{} {} {} {} {} {} c", R(c1.x), R(c1.y), R(c2.x), R(c2.y), R(a.x), R(a.y));
                    current = (a.x, a.y);
                }
                Close => {
                    self.ops.push_str("h\n");
                    current = start;
                }
            }
        }
        self.ops.push_str(paint);
        self.ops.push('\n');
    }
}

/// A solid paint as PDF's 0–1 RGB (gradients and patterns are not drawn).
fn color(paint: &Paint) -> Option<[f32; 3]> {
    match paint {
        Paint::Color(c) => Some([c.red, c.green, c.blue].map(|v| f32::from(v) / 255.0)),
        _ => None,
    }
}
