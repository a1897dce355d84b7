//! Review comments in the window: the threads on one item (in the details panel), the
//! Comments tab (every thread, open ones first, each a click from its item), and the Changes
//! tab a reviewer sees (what changed since their last review). Writing goes through
//! `Intent::Comment`; the drafts typed here are kept per item, so switching items loses nothing.

use super::Center;
use super::command::{Commands, UiCommand};
use crate::app::{AppState, Intent};
use axial_core::analysis::review_changes::{Area, Item};
use axial_core::model::{Comment, CommentAction, CommentTarget, Thread, new_uid};
use egui::RichText;
use std::collections::HashMap;

/// Text typed into comment boxes and not yet saved: a new thread per item, a reply per thread.
/// A draft is cleared only once its comment is in the project (a refused or waiting one keeps
/// what was typed).
#[derive(Default)]
pub struct Drafts {
    new: HashMap<Option<CommentTarget>, String>,
    replies: HashMap<String, String>,
    /// The uid each draft was sent as, by the draft's key: cleared when that uid arrives.
    sent: HashMap<String, String>,
}

impl Drafts {
    /// Clears the drafts whose comments have arrived. A comment is written by the end of the
    /// frame it was sent in, so one that has not arrived by the next was refused (the notice
    /// says why) unless it waits for a busy file: its draft stays, to be sent again.
    fn settle(&mut self, state: &AppState) {
        if !state.not_saved_yet() {
            self.sent.retain(|_, uid| state.comments.get(uid).is_some());
        }
        let arrived: Vec<String> =
            self.sent.iter().filter(|(_, uid)| state.comments.get(uid).is_some()).map(|(k, _)| k.clone()).collect();
        for key in arrived {
            self.sent.remove(&key);
            if let Some(thread) = key.strip_prefix("reply:") {
                self.replies.remove(thread);
            } else {
                self.new.retain(|t, _| new_key(*t) != key);
            }
        }
    }
}

fn new_key(target: Option<CommentTarget>) -> String {
    format!("new:{target:?}")
}

/// "2026-12-06 14:02" from an RFC 3339 time.
pub fn when(t: &str) -> String {
    t.get(..16).map(|s| s.replace('T', " ")).unwrap_or_else(|| t.to_owned())
}

/// The threads on `target`, each with its replies, and a box to start a new one.
pub fn threads_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    target: CommentTarget,
    drafts: &mut Drafts,
    commands: &mut Commands,
) {
    drafts.settle(state);
    let threads = state.comments.threads_on(Some(target));
    if threads.is_empty() {
        ui.label(RichText::new("No comments on this yet.").weak());
    }
    for t in &threads {
        thread_ui(ui, state, t, drafts, commands, false);
    }
    new_comment_ui(ui, state, target, drafts, commands);
}

fn new_comment_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    target: CommentTarget,
    drafts: &mut Drafts,
    commands: &mut Commands,
) {
    let waiting = drafts.sent.contains_key(&new_key(Some(target)));
    let draft = drafts.new.entry(Some(target)).or_default();
    let can = state.can_comment();
    let edit = ui.add_enabled(
        can,
        egui::TextEdit::multiline(draft)
            .id_salt(("new-comment", target))
            .desired_rows(2)
            .desired_width(ui.available_width())
            .hint_text("Write a comment: a question, a doubt, a suggestion"),
    );
    let edit = if can {
        edit
    } else {
        edit.on_disabled_hover_text("This file cannot be written, so comments cannot be saved")
    };
    let ready = can && !waiting && !draft.trim().is_empty();
    let send = ui
        .add_enabled(ready, egui::Button::new("Comment"))
        .on_hover_text("Saved at once; the author sees it in their Comments tab (Ctrl+Enter)");
    let ctrl_enter = edit.has_focus() && ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Enter));
    if (send.clicked() || ctrl_enter) && ready {
        let (uid, text) = (new_uid(), draft.clone());
        drafts.sent.insert(new_key(Some(target)), uid.clone());
        commands.push(Intent::Comment(CommentAction::Write { uid, target, text }));
    }
}

/// One thread: its first comment, replies, and what can be done (reply, resolve, withdraw).
/// `show_target` adds what it is on, as a link to it (the Comments tab).
fn thread_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    t: &Thread,
    drafts: &mut Drafts,
    commands: &mut Commands,
    show_target: bool,
) {
    let me = state.store().user();
    let open = t.is_open();
    egui::Frame::group(ui.style()).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let (text, color) = if t.first.is_withdrawn() {
                ("withdrawn", ui.visuals().weak_text_color())
            } else if open {
                ("open", ui.visuals().warn_fg_color)
            } else {
                ("resolved", ui.visuals().weak_text_color())
            };
            ui.label(RichText::new(text).small().strong().color(color));
            if show_target {
                match t.first.target {
                    Some(CommentTarget::Project) => drop(ui.label(RichText::new(&t.first.label).strong())),
                    Some(target) if !target.exists_in(&state.project) => {
                        ui.label(RichText::new(format!("{} (deleted since)", t.first.label)).strong());
                    }
                    Some(target) => {
                        let link = ui.link(&t.first.label).on_hover_text("Show it");
                        if link.clicked() {
                            commands.push(Intent::ShowCommentTarget(target));
                            if matches!(target, CommentTarget::Coding(_)) {
                                commands.push(UiCommand::Show(Center::Transcript));
                            }
                        }
                    }
                    None => {
                        ui.label(RichText::new(format!("{} (no longer in the project)", t.first.label)).strong());
                    }
                }
            }
        });
        comment_ui(ui, t.first);
        for r in &t.replies {
            ui.indent(("reply", &r.uid), |ui| comment_ui(ui, r));
        }
        if let Some(status) = &t.first.status_by
            && let Some(at) = &t.first.status_at
        {
            let what = if t.first.resolved { "Resolved" } else { "Reopened" };
            ui.label(RichText::new(format!("{what} by {status} · {}", when(at))).small().weak());
        }
        if !state.can_comment() || t.first.is_withdrawn() {
            return;
        }
        let key = format!("reply:{}", t.first.uid);
        let waiting = drafts.sent.contains_key(&key);
        let draft = drafts.replies.entry(t.first.uid.clone()).or_default();
        let mut sent = None;
        ui.horizontal(|ui| {
            let reply = ui.add(
                egui::TextEdit::singleline(draft)
                    .id_salt(("reply", &t.first.uid))
                    .desired_width((ui.available_width() - 190.0).max(80.0))
                    .hint_text("Reply"),
            );
            let enter = reply.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ready = !waiting && !draft.trim().is_empty();
            if (ui.add_enabled(ready, egui::Button::new("Reply").small()).clicked() || enter) && ready {
                let uid = new_uid();
                sent = Some(uid.clone());
                commands.push(Intent::Comment(CommentAction::Reply {
                    uid,
                    thread: t.first.uid.clone(),
                    text: draft.clone(),
                }));
            }
            let (label, resolved) = if open { ("Resolve", true) } else { ("Reopen", false) };
            let tip = if open { "Mark this thread as dealt with" } else { "Open this thread again" };
            if ui.small_button(label).on_hover_text(tip).clicked() {
                commands.push(Intent::Comment(CommentAction::Resolve { uid: t.first.uid.clone(), resolved }));
            }
            if t.first.author == me
                && ui
                    .small_button("Withdraw")
                    .on_hover_text("Take your comment back (a mark stays in the thread)")
                    .clicked()
            {
                commands.push(Intent::Comment(CommentAction::Withdraw { uid: t.first.uid.clone() }));
            }
        });
        if let Some(uid) = sent {
            drafts.sent.insert(key, uid);
        }
    });
}

fn comment_ui(ui: &mut egui::Ui, c: &Comment) {
    let edited = if c.edited != c.created && !c.is_withdrawn() { " · edited" } else { "" };
    ui.label(RichText::new(format!("{} · {}{edited}", c.author, when(&c.created))).small().weak());
    if c.is_withdrawn() {
        ui.label(RichText::new("(withdrawn by its author)").italics().weak());
    } else {
        ui.add(egui::Label::new(&c.text).wrap());
    }
}

/// Which threads the Comments tab lists.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Filter {
    #[default]
    Open,
    Resolved,
    All,
}

/// The Comments tab: every thread of the project.
#[derive(Default)]
pub struct CommentsView {
    filter: Filter,
    drafts: Drafts,
}

impl CommentsView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        self.drafts.settle(state);
        let all = state.comments.threads();
        let open = all.iter().filter(|t| t.is_open()).count();
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.filter, Filter::Open, format!("Open ({open})"));
            ui.selectable_value(&mut self.filter, Filter::Resolved, format!("Resolved ({})", all.len() - open));
            ui.selectable_value(&mut self.filter, Filter::All, format!("All ({})", all.len()));
            ui.separator();
            let bring = ui
                .add_enabled(
                    !state.reviewing() && state.can_comment(),
                    egui::Button::new("Bring in comments from a reviewed copy…"),
                )
                .on_hover_text(
                    "The copy you sent for review came back: add its comments and replies here (nothing else of it)",
                )
                .on_disabled_hover_text("Only the project's author brings comments home, into their own file");
            if bring.clicked() {
                commands.push(UiCommand::ImportComments);
            }
        });
        let shown: Vec<&Thread> = all
            .iter()
            .filter(|t| match self.filter {
                Filter::Open => t.is_open(),
                Filter::Resolved => !t.is_open(),
                Filter::All => true,
            })
            .collect();
        if shown.is_empty() {
            ui.add_space(8.0);
            ui.label(RichText::new(match self.filter {
                Filter::Open => "No open comments. Comment on a code, category, passage, relation or memo in the details panel below.",
                _ => "None here.",
            }).weak());
            return;
        }
        egui::ScrollArea::vertical().id_salt("comment-threads").auto_shrink([false, false]).show(ui, |ui| {
            for t in shown {
                thread_ui(ui, state, t, &mut self.drafts, commands, true);
                ui.add_space(4.0);
            }
        });
    }
}

/// The Changes tab (review): what changed since this reviewer last reviewed.
#[derive(Default)]
pub struct ChangesView;

impl ChangesView {
    pub fn ui(&mut self, ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
        let Some(review) = &state.review else { return };
        match &review.last_review {
            None => {
                ui.label(RichText::new("Your first review of this project").strong());
                ui.label(
                    RichText::new(
                        "From your next review on, this tab lists what the author changed in between: codes added, renamed \
                         and merged, categories moved, codings added and removed, memos edited.",
                    )
                    .weak(),
                );
                return;
            }
            Some(last) => {
                let n = review.changes.len();
                ui.label(
                    RichText::new(format!(
                        "{n} change{} since your last review ({})",
                        if n == 1 { "" } else { "s" },
                        when(last)
                    ))
                    .strong(),
                );
            }
        }
        if review.changes.is_empty() {
            ui.label(RichText::new("Nothing changed.").weak());
            return;
        }
        egui::ScrollArea::vertical().id_salt("review-changes").auto_shrink([false, false]).show(ui, |ui| {
            let mut area: Option<Area> = None;
            for change in &review.changes {
                if area != Some(change.area) {
                    ui.add_space(6.0);
                    ui.label(RichText::new(change.area.label()).strong());
                    area = Some(change.area);
                }
                ui.horizontal_wrapped(|ui| {
                    match change.item {
                        Some(item) => {
                            if ui.link(&change.what).on_hover_text("Show it").clicked() {
                                jump(item, commands);
                            }
                        }
                        None => drop(ui.label(&change.what)),
                    }
                    let by = match (&change.who[..], &change.at) {
                        ([], None) => String::new(),
                        (who, at) => format!(
                            "{}{}",
                            who.join(", "),
                            at.as_deref().map(|a| format!(" · {}", when(a))).unwrap_or_default()
                        ),
                    };
                    if !by.is_empty() {
                        ui.label(RichText::new(by).small().weak());
                    }
                });
            }
        });
    }
}

/// Selects a changed item (a passage or document opens in the transcript).
fn jump(item: Item, commands: &mut Commands) {
    let target = match item {
        Item::Category(id) => CommentTarget::Category(id),
        Item::Concept(id) => CommentTarget::Concept(id),
        Item::Code(id) => CommentTarget::Code(id),
        Item::Relation(id) => CommentTarget::Relation(id),
        Item::Coding(id) => CommentTarget::Coding(id),
        Item::Memo(id) => CommentTarget::Memo(id),
        Item::Document(id) => {
            commands.push(UiCommand::ShowDocument(id));
            return;
        }
    };
    commands.push(Intent::ShowCommentTarget(target));
    if matches!(item, Item::Coding(_)) {
        commands.push(UiCommand::Show(Center::Transcript));
    }
}
