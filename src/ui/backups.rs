//! Project > Backups…: the project's rolling backups, newest first, each restorable (after a
//! confirmation; the project as it is is kept as a backup first, so a restore can be undone).

use super::command::Commands;
use crate::app::{AppState, Intent};
use axial_core::backups::{self, Backup};
use egui::RichText;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct BackupsWindow {
    pub open: bool,
    /// A backup the user asked to restore, waiting for the confirmation.
    confirm: Option<Backup>,
    /// The folder's listing and when it was read (read again every two seconds, not per frame).
    listed: Option<(Instant, PathBuf, Vec<Backup>)>,
}

impl BackupsWindow {
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState, commands: &mut Commands) {
        if !self.open {
            return;
        }
        let Some(path) = state.path.clone().filter(|_| state.sample.is_none()) else {
            self.open = false;
            return;
        };
        let stale = self.listed.as_ref().is_none_or(|(at, p, _)| *p != path || at.elapsed() > Duration::from_secs(2));
        if stale {
            self.listed = Some((Instant::now(), path.clone(), backups::list(&path)));
        }
        let list = self.listed.as_ref().map(|(_, _, l)| l.clone()).unwrap_or_default();
        let mut open = self.open;
        egui::Window::new("Backups")
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            // Below the menu bar and the toolbar, centred across the window (as the settings).
            .default_pos([(ctx.content_rect().center().x - 230.0).max(8.0), 64.0])
            .show(ctx, |ui| {
            ui.label(format!(
                "Axial copies the project when it opens and every {} minutes of editing into “{}”; the newest {} are kept.",
                backups::EVERY.as_secs() / 60,
                backups::folder(&path).display(),
                backups::KEEP
            ));
            ui.horizontal(|ui| {
                if ui.add_enabled(!state.backing_up(), egui::Button::new("Back up now")).clicked() {
                    commands.push(Intent::BackUpNow);
                    self.listed = None;
                }
                if state.backing_up() {
                    ui.spinner();
                }
                if state.restoring() {
                    ui.spinner();
                    ui.label("Restoring…");
                }
            });
            ui.separator();
            if list.is_empty() {
                ui.label(RichText::new("No backups yet.").weak());
            }
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                egui::Grid::new("backups").striped(true).num_columns(3).show(ui, |ui| {
                    for b in &list {
                        ui.label(&b.made);
                        ui.label(RichText::new(if b.before_restore { "saved before a restore" } else { "" }).weak());
                        if ui.add_enabled(!state.restoring(), egui::Button::new("Restore…")).clicked() {
                            self.confirm = Some(b.clone());
                        }
                        ui.end_row();
                    }
                });
            });
            if let Some(b) = self.confirm.clone() {
                ui.separator();
                ui.label(
                    RichText::new(format!(
                        "Replace the whole project with the backup of {}? The project as it is now is kept as a backup first: restoring that one undoes this.",
                        b.made
                    ))
                    .strong(),
                );
                ui.horizontal(|ui| {
                    if ui.button("Restore this backup").clicked() {
                        commands.push(Intent::RestoreBackup(b.path.clone()));
                        self.confirm = None;
                        self.listed = None;
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm = None;
                    }
                });
            }
        });
        self.open = open;
    }
}
