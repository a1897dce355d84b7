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

pub const BODY_SIZE: f32 = 15.0;
pub const LANE_WIDTH: f32 = 5.0;
pub const MAX_LANES: usize = 8;
pub const GUTTER_WIDTH: f32 = 40.0;
