//! The quick-pick box: type a few letters, the codes that fuzzy-match come up, Enter codes the
//! selection with the first (or the one chosen with the arrows); a name no code has creates it.

use super::command::Commands;
use crate::app::HitsCode;
use crate::app::{AppState, Intent};
use axial_core::analysis::extent::Extent;
use axial_core::model::CodeId;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Default)]
pub struct QuickPick {
    pub open: bool,
    pub query: String,
    chosen: usize,
    /// Open in "new code" mode: Enter creates a code with the typed name.
    pub new_code: bool,
    /// What the chosen code is applied to.
    pub target: PickTarget,
}

/// What the quick pick codes: the selected passage, or every search hit (widened).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PickTarget {
    #[default]
    Selection,
    Hits(Extent),
}

/// What the quick pick offers for a query: existing codes best first, then "create".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Code(CodeId),
    Create(String),
}

pub fn choices(state: &AppState, query: &str, new_code: bool) -> Vec<Choice> {
    let query = query.trim();
    let mut out: Vec<Choice> = Vec::new();
    if !new_code {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, CodeId)> = state
            .project
            .codes()
            .filter_map(|c| {
                if query.is_empty() {
                    let recent = state.recent_codes.iter().position(|r| *r == c.id).unwrap_or(usize::MAX);
                    return Some((-(recent.min(1000) as i64), c.name.len(), c.id));
                }
                matcher.fuzzy_match(&c.name, query).map(|s| (s, c.name.len(), c.id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        out.extend(scored.into_iter().take(10).map(|(_, _, id)| Choice::Code(id)));
    }
    match state.project.codes().find(|c| c.name.eq_ignore_ascii_case(query)) {
        // A "new" name that a code already has means that code: offer it rather than nothing.
        Some(existing) if new_code => out.push(Choice::Code(existing.id)),
        Some(_) => {}
        None if !query.is_empty() => out.push(Choice::Create(query.to_owned())),
        None => {}
    }
    out
}

/// The keys of a pick list: arrows move `chosen` within `len` items; whether Enter and Escape
/// were pressed. Shared by the quick pick and the command palette.
pub fn list_keys(ui: &egui::Ui, chosen: &mut usize, len: usize) -> (bool, bool) {
    let (down, up, enter, escape) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if down {
        *chosen = (*chosen + 1).min(len.saturating_sub(1));
    }
    if up {
        *chosen = chosen.saturating_sub(1);
    }
    (enter, escape)
}

impl QuickPick {
    pub fn open(&mut self, new_code: bool) {
        self.open_for(new_code, PickTarget::Selection);
    }

    pub fn open_for(&mut self, new_code: bool, target: PickTarget) {
        self.open = true;
        self.new_code = new_code;
        self.target = target;
        self.query.clear();
        self.chosen = 0;
    }

    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, commands: &mut Commands) {
        if !self.open {
            return;
        }
        let title = match self.target {
            PickTarget::Hits(Extent::Match) => format!("Code all {} search hits", state.search.hits.len()),
            PickTarget::Hits(extent) => {
                format!("Code the {}s of {} search hits", extent.label(), state.search.hits.len())
            }
            PickTarget::Selection if self.new_code => "New code for the selection".into(),
            PickTarget::Selection => "Code the selection".into(),
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("quick-pick")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.strong(title);
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt("quick-pick-query")
                    .hint_text(if self.new_code { "Name of the new code" } else { "Type a few letters of a code" })
                    .desired_width(f32::INFINITY),
            );
            edit.request_focus();
            if edit.changed() {
                self.chosen = 0;
            }
            let list = choices(state, &self.query, self.new_code);
            let (enter, escape) = list_keys(ui, &mut self.chosen, list.len());
            let mut pick: Option<Choice> = None;
            for (i, choice) in list.iter().enumerate() {
                let label = match choice {
                    Choice::Code(id) => {
                        let code = state.project.code(*id);
                        format!("{}  ({})", code.map(|c| c.name.as_str()).unwrap_or("?"), state.code_count(*id))
                    }
                    Choice::Create(name) => format!("+ Create code “{name}”"),
                };
                if ui.add(egui::Button::selectable(i == self.chosen, super::bidi_text::label(ui, label))).clicked() {
                    pick = Some(choice.clone());
                }
            }
            if list.is_empty() {
                let hint = if state.project.codes().len() == 0 || self.new_code {
                    "Type a name to create a code."
                } else {
                    "No code matches; type a name to create one."
                };
                ui.label(egui::RichText::new(hint).weak());
            }
            if enter && pick.is_none() {
                pick = list.get(self.chosen).cloned();
            }
            if let Some(choice) = pick {
                commands.push(match (self.target, choice) {
                    (PickTarget::Selection, Choice::Code(id)) => Intent::ApplyCode(id),
                    (PickTarget::Selection, Choice::Create(name)) => Intent::CreateCodeAndApply(name),
                    (PickTarget::Hits(extent), Choice::Code(id)) => {
                        Intent::CodeAllHits { code: HitsCode::Existing(id), extent }
                    }
                    (PickTarget::Hits(extent), Choice::Create(name)) => {
                        Intent::CodeAllHits { code: HitsCode::New(name), extent }
                    }
                });
                close = true;
            }
            if escape {
                close = true;
            }
        });
        if close {
            self.open = false;
            self.query.clear();
        }
    }
}
