//! The start screen: new project, open, the bundled samples, recent projects.

use egui::RichText;
use std::path::{Path, PathBuf};

/// What the start screen asks for.
pub enum StartChoice {
    New,
    Open,
    /// Open a project for review (a supervisor's view: comments only).
    Review,
    Path(PathBuf),
}

pub fn ui(ui: &mut egui::Ui, recent: &[PathBuf], samples: &[PathBuf], error: Option<&str>) -> Option<StartChoice> {
    let mut choice = None;
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(RichText::new("Axial").size(32.0).strong());
        ui.label(RichText::new("Grounded-theory coding of interview transcripts").weak());
        ui.add_space(18.0);
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 450.0).max(0.0) / 2.0);
            if ui.add_sized([140.0, 32.0], egui::Button::new("New project…")).clicked() {
                choice = Some(StartChoice::New);
            }
            if ui.add_sized([140.0, 32.0], egui::Button::new("Open project…")).clicked() {
                choice = Some(StartChoice::Open);
            }
            if ui
                .add_sized([140.0, 32.0], egui::Button::new("Review a project…"))
                .on_hover_text("A supervisor's view: read everything, change nothing, leave comments")
                .clicked()
            {
                choice = Some(StartChoice::Review);
            }
        });
        if let Some(e) = error {
            ui.add_space(8.0);
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.add_space(24.0);
        ui.set_max_width(560.0);
        if !samples.is_empty() {
            ui.label(RichText::new("Sample projects").strong());
            for s in samples {
                let (title, blurb) = describe(s);
                let frame = egui::Frame::group(ui.style()).inner_margin(10.0).show(ui, |ui| {
                    ui.set_width(540.0);
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.label(RichText::new(title).strong().size(15.0));
                        ui.label(RichText::new(blurb).weak());
                    });
                });
                let response = frame
                    .response
                    .interact(egui::Sense::click())
                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                    .on_hover_text("Opens your own working copy; the sample folder is never changed");
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, title));
                if response.hovered() {
                    ui.painter().rect_stroke(
                        response.rect,
                        4.0,
                        ui.visuals().selection.stroke,
                        egui::StrokeKind::Inside,
                    );
                }
                if response.clicked() {
                    choice = Some(StartChoice::Path(s.clone()));
                }
                ui.add_space(4.0);
            }
            ui.add_space(16.0);
        }
        if !recent.is_empty() {
            ui.label(RichText::new("Recent projects").strong());
            for path in recent {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if ui.add(egui::Button::new(format!("{name}  —  {}", path.display())).frame(false)).clicked() {
                    choice = Some(StartChoice::Path(path.clone()));
                }
            }
        }
    });
    choice
}

fn describe(sample: &Path) -> (&'static str, &'static str) {
    match sample.file_name().and_then(|n| n.to_str()) {
        Some("crm_knowledge_creation") => (
            "CRM systems and customer knowledge creation",
            "12 interviews, 3 organisations · the SECI × CRM × knowledge cube (Khodakarami & Chan 2014)",
        ),
        Some("banking_ckm_crm") => (
            "Customer knowledge management and CRM in banking",
            "16 interviews · 100 codes, 50 concepts, 18 categories in the paradigm model",
        ),
        Some("persian_bank_interview") => (
            "Customer knowledge in a bank branch (Persian)",
            "1 Persian interview, right to left · 10 codes, 4 concepts, 2 categories · English gloss in a memo",
        ),
        _ => ("Sample project", ""),
    }
}
