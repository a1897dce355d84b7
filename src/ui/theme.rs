//! Colours and sizes the views share: code colours from `#rrggbb`, highlight blending.

use egui::Color32;

/// A code's colour, or grey if the stored string is not a colour.
pub fn code_color(hex: &str) -> Color32 {
    Color32::from_hex(hex).unwrap_or(Color32::GRAY)
}

/// The light highlight behind coded text: the codes' colours averaged, stronger where more
/// codes overlap, strongest for the selected coding.
pub fn highlight(colors: &[Color32], emphasised: bool, dark: bool) -> Color32 {
    if colors.is_empty() {
        return Color32::TRANSPARENT;
    }
    let n = colors.len() as u32;
    let (r, g, b) =
        colors.iter().fold((0u32, 0u32, 0u32), |(r, g, b), c| (r + c.r() as u32, g + c.g() as u32, b + c.b() as u32));
    let alpha = if emphasised { 0.55 } else { (0.20 + 0.10 * (n - 1) as f32).min(0.45) };
    let alpha = if dark { alpha * 0.8 } else { alpha };
    Color32::from_rgba_unmultiplied((r / n) as u8, (g / n) as u8, (b / n) as u8, (alpha * 255.0) as u8)
}

/// The selected text in the transcript: neutral (near-white on dark, near-black on light) with
/// inverted text, so it never looks like a code's colour (the palette is all hues and one grey;
/// egui's own blue selection was the palette's blue).
pub fn text_selection(dark: bool) -> (Color32, Color32) {
    if dark {
        (Color32::from_rgb(225, 225, 218), Color32::from_rgb(20, 20, 20))
    } else {
        (Color32::from_rgb(45, 45, 52), Color32::from_rgb(250, 250, 250))
    }
}

pub const BODY_SIZE: f32 = 15.0;
pub const LANE_WIDTH: f32 = 5.0;
pub use crate::app::reader::MAX_LANES;
pub const GUTTER_WIDTH: f32 = 40.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_code_colour_looks_like_the_text_selection() {
        let distance = |a: Color32, b: Color32| {
            let d = |x: u8, y: u8| (x as f32 - y as f32).powi(2);
            (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())).sqrt()
        };
        // What the reader shows: a code's highlight (at its strongest) over the page.
        let shown = |c: Color32, page: Color32, dark: bool| {
            let h = highlight(&[c], true, dark);
            let a = h.a() as f32 / 255.0;
            let mix = |x: u8, y: u8| (x as f32 * (1.0 - a) + y as f32 * a) as u8;
            let [r, g, b, _] = h.to_srgba_unmultiplied();
            Color32::from_rgb(mix(page.r(), r), mix(page.g(), g), mix(page.b(), b))
        };
        for (dark, visuals) in [(true, egui::Visuals::dark()), (false, egui::Visuals::light())] {
            let (selection, _) = text_selection(dark);
            let page = visuals.panel_fill;
            for hex in axial_core::model::CODE_PALETTE {
                let far = distance(shown(code_color(hex), page, dark), selection);
                assert!(far > 100.0, "{hex} is {far:.0} from the selection (dark: {dark})");
            }
        }
    }
}
