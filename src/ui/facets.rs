//! The cube facets of a code, concept or category, set from the details panel: one choice
//! per dimension of the study's framework, and for what is not set here, the value it inherits
//! and from where (a code takes each facet from itself, else its concept, else its category).

use super::command::Commands;
use crate::app::{AppState, Intent};
use axial_core::model::*;
use egui::RichText;

/// One row per cube dimension: the value set here (or "—"), and what is inherited otherwise.
pub fn facets_ui(ui: &mut egui::Ui, state: &AppState, owner: FacetOwner, commands: &mut Commands) {
    let p = &state.project;
    if p.framework().dimensions.is_empty() {
        return;
    }
    ui.label(RichText::new("Cube facets").small());
    let refusal = state.edit_refusal();
    egui::Grid::new(("facets", owner)).num_columns(3).spacing([8.0, 2.0]).show(ui, |ui| {
        for dim in &p.framework().dimensions {
            let name = ui.label(RichText::new(&dim.label).small());
            let own = p.facet(owner, &dim.key).map(str::to_owned);
            let label =
                |key: &str| dim.values.iter().find(|v| v.key == key).map(|v| v.label.clone()).unwrap_or_default();
            let mut chosen = own.clone();
            let combo = ui.add_enabled_ui(refusal.is_none(), |ui| {
                egui::ComboBox::from_id_salt(("facet", owner, dim.key.as_str()))
                    .selected_text(own.as_deref().map(label).unwrap_or_else(|| "—".into()))
                    .width(150.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, "— (not set here)");
                        for v in &dim.values {
                            ui.selectable_value(&mut chosen, Some(v.key.clone()), &v.label);
                        }
                    })
                    .response
                    .labelled_by(name.id)
                    .on_disabled_hover_text(refusal.unwrap_or_default())
            });
            let _ = combo;
            if chosen != own {
                commands.push(Intent::SetFacet { owner, dimension: dim.key.clone(), value: chosen });
            }
            match (own.is_none(), inherited(p, owner, &dim.key)) {
                (true, Some((value, from))) => {
                    ui.label(RichText::new(format!("{} from {from}", label(&value))).small().weak())
                }
                _ => ui.label(""),
            };
            ui.end_row();
        }
    });
}

/// The value `owner` would take on `dimension` from above it, and the item it comes from.
fn inherited(p: &Project, owner: FacetOwner, dimension: &str) -> Option<(String, String)> {
    let (concept, category) = match owner {
        FacetOwner::Code(id) => {
            let place = p.placement(id);
            (place.concept, place.category)
        }
        FacetOwner::Concept(id) => (None, p.concept(id).and_then(|k| k.category)),
        FacetOwner::Category(_) => (None, None),
    };
    concept
        .and_then(|k| {
            let value = p.facet(FacetOwner::Concept(k), dimension)?;
            Some((value.to_owned(), format!("concept \u{201c}{}\u{201d}", p.concept(k)?.name)))
        })
        .or_else(|| {
            let c = category?;
            let value = p.facet(FacetOwner::Category(c), dimension)?;
            Some((value.to_owned(), format!("category \u{201c}{}\u{201d}", p.category(c)?.name)))
        })
}
