//! The paradigm diagram as PNG: the SVG of [`super::diagram`] rasterised by resvg, at twice its
//! size, on white, its text set in the one font embedded in the program (Ubuntu Light, the
//! window's), so the picture is the same on every machine whatever fonts it has. Text in a
//! script that font lacks (Persian, Arabic, Hebrew, Hindi, Thai, Chinese...) is set in the
//! machine's Noto fonts for it, when installed (`scripts/setup.sh` installs them), rather than
//! drawn as empty boxes; usvg shapes it and orders right-to-left runs.

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, OnceLock};

/// Pixels per SVG unit. Twice the diagram's size keeps the 11–13 px labels crisp on a slide or
/// a printed page (1280 units wide become 2560 pixels, about 21 cm at 300 dpi), at a file size
/// still easy to mail.
pub const SCALE: f32 = 2.0;

/// No side longer than this (the limit of many image viewers and editors): a taller diagram
/// is drawn at a smaller scale rather than refused.
pub const MAX_SIDE: u32 = 16_384;

#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the diagram cannot be read as SVG ({0}); export it as SVG instead")]
    Svg(#[from] usvg::Error),
    #[error("the diagram has no area ({width}×{height}); there is nothing to draw")]
    Empty { width: f32, height: f32 },
    #[error("the diagram is too large to draw ({width}×{height} pixels); export it as SVG instead")]
    TooLarge { width: u32, height: u32 },
    #[error("cannot encode the PNG ({0})")]
    Encode(String),
}

/// The paradigm diagram of `project` as PNG bytes, at [`SCALE`].
pub fn diagram(project: &crate::model::Project) -> Result<Vec<u8>, PngError> {
    rasterise(&super::diagram::svg(project), SCALE)
}

/// `svg` drawn at `scale` pixels per unit (less if a side would pass [`MAX_SIDE`]) on white,
/// encoded as PNG.
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let tree = usvg::Tree::from_str(svg, &options_for(svg))?;
    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    if !(width >= 1.0 && height >= 1.0) {
        return Err(PngError::Empty { width, height });
    }
    let scale = scale.min(MAX_SIDE as f32 / width.max(height));
    let side = |units: f32| (units * scale).ceil().min(MAX_SIDE as f32) as u32;
    let (w, h) = (side(width), side(height));
    let mut pixmap = Pixmap::new(w, h).ok_or(PngError::TooLarge { width: w, height: h })?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| PngError::Encode(e.to_string()))
}

/// How the exports read SVG: text in the embedded font, nothing looked up on the machine.
pub(crate) fn options() -> usvg::Options<'static> {
    usvg::Options { font_family: FAMILY.into(), fontdb: fonts(), ..usvg::Options::default() }
}

/// As [`options`], and when `svg` holds text in a script the embedded font lacks, the
/// machine's fonts for those scripts behind it (usvg falls back to them glyph by glyph).
pub(crate) fn options_for(svg: &str) -> usvg::Options<'static> {
    if svg.chars().any(|c| SCRIPT_FONTS.iter().any(|(range, _)| range.contains(&c))) {
        usvg::Options { font_family: FAMILY.into(), fontdb: fonts_with_scripts(), ..usvg::Options::default() }
    } else {
        options()
    }
}

/// Scripts the embedded font lacks, and the file names of the Noto fonts that draw them, in
/// order of preference (Debian's fonts-noto-core and fonts-noto-cjk).
const SCRIPT_FONTS: [(std::ops::RangeInclusive<char>, &[&str]); 9] = [
    ('\u{0590}'..='\u{05FF}', &["NotoSansHebrew-Regular.ttf"]),
    ('\u{0600}'..='\u{08FF}', &["NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf"]),
    ('\u{0900}'..='\u{097F}', &["NotoSansDevanagari-Regular.ttf"]),
    ('\u{0980}'..='\u{09FF}', &["NotoSansBengali-Regular.ttf"]),
    ('\u{0B80}'..='\u{0BFF}', &["NotoSansTamil-Regular.ttf"]),
    ('\u{0E00}'..='\u{0E7F}', &["NotoSansThai-Regular.ttf"]),
    ('\u{3000}'..='\u{9FFF}', &["NotoSansCJK-Regular.ttc"]),
    ('\u{AC00}'..='\u{D7AF}', &["NotoSansCJK-Regular.ttc"]),
    (
        '\u{FB1D}'..='\u{FEFF}',
        &["NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"],
    ),
];

/// Where fonts are installed on Linux (the system's, the user's).
fn font_dirs() -> Vec<std::path::PathBuf> {
    let mut dirs =
        vec![std::path::PathBuf::from("/usr/share/fonts"), std::path::PathBuf::from("/usr/local/share/fonts")];
    if let Some(home) = std::env::var_os("HOME") {
        let home = std::path::PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs
}

/// The embedded font, then every font of [`SCRIPT_FONTS`] found on the machine; loaded once.
fn fonts_with_scripts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = (*fonts()).clone();
            let mut wanted: Vec<&str> = SCRIPT_FONTS.iter().flat_map(|(_, files)| files.iter().copied()).collect();
            wanted.sort_unstable();
            wanted.dedup();
            for path in find_files(&font_dirs(), &wanted) {
                // A font that cannot be read is left out: its script then draws as boxes.
                if let Ok(bytes) = std::fs::read(&path) {
                    db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
                }
            }
            Arc::new(db)
        })
        .clone()
}

/// The files named in `names` under `dirs` (four folders deep at most), the first found of each.
fn find_files(dirs: &[std::path::PathBuf], names: &[&str]) -> Vec<std::path::PathBuf> {
    let mut found: std::collections::BTreeMap<String, std::path::PathBuf> = Default::default();
    let mut stack: Vec<(std::path::PathBuf, u8)> = dirs.iter().map(|d| (d.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() && depth < 4 {
                stack.push((path, depth + 1));
            } else if names.contains(&name.as_str()) {
                found.entry(name).or_insert(path);
            }
        }
    }
    found.into_values().collect()
}

/// The family name of the embedded font, and what `sans-serif`, `serif` and an unnamed family
/// resolve to.
const FAMILY: &str = "Ubuntu";

/// The font database: only the embedded font, loaded once (no scan of the system's fonts,
/// which would cost time and make the picture depend on the machine).
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_source(fontdb::Source::Binary(Arc::new(epaint_default_fonts::UBUNTU_LIGHT)));
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> Pixmap {
        Pixmap::decode_png(png).expect("the export is a PNG")
    }

    #[test]
    fn the_embedded_font_is_the_named_family() {
        let db = fonts();
        assert_eq!(db.len(), 1);
        let face = db.faces().next().expect("one face");
        assert!(face.families.iter().any(|(name, _)| name == FAMILY), "{:?}", face.families);
    }

    #[test]
    fn text_is_drawn_with_the_embedded_font() {
        let text = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="sans-serif"><text x="4" y="30" font-size="24" font-weight="bold">Trust · Café…</text></svg>"#;
        let blank = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>"#;
        let dark = |png: &[u8]| decode(png).pixels().iter().filter(|p| p.red() < 128).count();
        let with_text = rasterise(text, 1.0).unwrap();
        assert!(dark(&with_text) > 200, "the text is drawn: {} dark pixels", dark(&with_text));
        assert_eq!(dark(&rasterise(blank, 1.0).unwrap()), 0, "white background");
        assert_eq!(with_text, rasterise(text, 1.0).unwrap(), "the same bytes every time");
    }

    /// Persian in a figure draws with the machine's Noto Arabic font (installed by the setup)
    /// rather than as the embedded font's empty boxes. Needs fonts-noto-core.
    #[test]
    fn persian_text_is_drawn_with_the_machines_font() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="4" y="30" font-size="24">مشتری CRM</text></svg>"#;
        let families: Vec<String> =
            fonts_with_scripts().faces().flat_map(|f| f.families.iter().map(|(n, _)| n.clone())).collect();
        assert!(families.iter().any(|f| f.contains("Arabic")), "a Noto Arabic font is found: {families:?}");
        let with_fonts = decode(&rasterise(svg, 1.0).unwrap());
        // The same text with the embedded font alone: boxes.
        let tree = usvg::Tree::from_str(svg, &options()).unwrap();
        let mut boxes = Pixmap::new(300, 40).unwrap();
        boxes.fill(Color::WHITE);
        resvg::render(&tree, Transform::identity(), &mut boxes.as_mut());
        let ink = |p: &Pixmap| p.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(ink(&with_fonts) > 100, "the text is drawn");
        assert_ne!(with_fonts.data(), boxes.data(), "not as the embedded font's boxes");
    }

    #[test]
    fn the_scale_sets_the_size_and_a_huge_diagram_is_scaled_down() {
        let svg = |w: u32, h: u32| format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"/>"#);
        let p = decode(&rasterise(&svg(300, 100), SCALE).unwrap());
        assert_eq!((p.width(), p.height()), (600, 200));
        let p = decode(&rasterise(&svg(1000, 40_000), SCALE).unwrap());
        assert_eq!((p.width(), p.height()), (410, MAX_SIDE));
    }

    #[test]
    fn bad_svg_is_an_error_sentence_not_a_panic() {
        let e = rasterise("<svg", SCALE).unwrap_err();
        assert!(matches!(e, PngError::Svg(_)), "{e:?}");
        assert!(e.to_string().starts_with("the diagram cannot be read as SVG"), "{e}");
        let e = rasterise(r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#, SCALE);
        assert!(e.is_err());
    }
}
