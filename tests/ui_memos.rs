//! UI tests (egui_kittest) of what is written about the data: memos in the details panel
//! (saved at once, undone while typing, kept while another program writes, never carried into
//! the next project), the memo browser, and a supervisor's review (nothing editable but
//! comments) with the comments brought home.

use axial::app::{AppState, Intent};
use axial::ui::AxialApp;
use axial_core::model::{CommentAction, CommentTarget, MemoTarget, new_uid};
use egui::{Event, Key, Modifiers, PointerButton, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod ui_common;
use ui_common::{Picker, banking, crm, harness, press, sample_copy, select_by_mouse, state, wait_idle};

#[test]
fn a_memo_typed_in_the_details_panel_is_saved_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    let mut h = harness(path.clone(), Picker::default());
    h.get_by_label("project").click();
    h.run();
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run();
    let existing = state(&h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone()).unwrap_or_default();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Text(" Saturation reached.".into()));
    h.run();
    let saved = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let text = &saved.memos_on(&MemoTarget::Project).next().unwrap().text;
    assert!(text.ends_with("Saturation reached."), "{text}");
    assert!(text.len() > existing.len());
}

#[test]
fn undo_while_typing_a_memo_shows_the_undone_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = crm(dir.path());
    h.get_by_label("project").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.event(Event::Text("abc".into()));
    h.run();
    let memo =
        |h: &Harness<'_, AxialApp>| state(h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone());
    let typed = memo(&h).unwrap();
    assert!(typed.ends_with("abc"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let undone = memo(&h).unwrap_or_default();
    assert!(!undone.ends_with("abc"), "the burst of typing is undone: {undone:?}");
    // The editor now shows the undone text, so the next key does not bring "abc" back.
    h.event(Event::Text("d".into()));
    h.run();
    let after = memo(&h).unwrap();
    assert_eq!(after, format!("{undone}d"));
}

#[test]
fn a_memo_open_in_one_project_never_lands_in_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let banking = sample_copy(dir.path(), "banking_ckm_crm");
    let crm = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = harness(banking, Picker::default());
    h.get_by_label("project").click();
    h.run();
    let banking_memo = state(&h).project.memos_on(&MemoTarget::Project).next().unwrap().text.clone();
    h.state_mut().open(&crm);
    wait_idle(&mut h);
    let crm_memo = state(&h).project.memos_on(&MemoTarget::Project).next().map(|m| m.text.clone()).unwrap_or_default();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.event(Event::Text("!".into()));
    h.run();
    let now = state(&h).project.memos_on(&MemoTarget::Project).next().unwrap().text.clone();
    assert_ne!(now, format!("{banking_memo}!"), "the banking memo must not be written into the CRM project");
    assert!(now.starts_with(&crm_memo) || now == "!", "{now:?}");
}

#[test]
fn every_memo_on_an_item_can_be_added_opened_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label("project").click();
    h.run();
    let before = state(&h).project.clone();
    let texts = |h: &Harness<'_, AxialApp>| -> Vec<String> {
        state(h).project.memos_on(&MemoTarget::Project).map(|m| m.text.clone()).collect()
    };
    let start = texts(&h);
    assert!(start.len() >= 2, "the banking sample has several project memos");
    // Each is listed (by title, else its first words) and opens in the editor.
    let second = state(&h).project.memos_on(&MemoTarget::Project).nth(1).unwrap().clone();
    let chip = if second.title.trim().is_empty() {
        format!("{}\u{2026}", second.text.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
    } else {
        second.title.clone()
    };
    h.get_by_label(&chip).click();
    h.run();
    assert_eq!(h.get_by_role(egui::accesskit::Role::MultilineTextInput).value().unwrap(), start[1]);
    // Another memo, typed into.
    h.get_by_label("+ Memo").click();
    h.run();
    h.run();
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    memo.focus();
    h.run();
    h.event(Event::Text("Second thoughts on sampling.".into()));
    h.run();
    let now = texts(&h);
    assert_eq!(now.len(), start.len() + 1);
    assert_eq!(now.last().map(String::as_str), Some("Second thoughts on sampling."));
    assert_eq!(now[..start.len()], start[..], "the others are untouched");
    // Delete it, then undo everything.
    h.get_by_label("Delete memo").click();
    h.run();
    assert_eq!(texts(&h), start);
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(*state(&h).project, *before);
}

#[test]
fn the_memo_browser_finds_a_memo_and_opens_its_item_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.get_by_label("Memos").click();
    h.run();
    h.get_by_label_contains("27 of 27 memos");
    // The search field sits right of its "Find" label.
    let at = h.get_by_role_and_label(egui::accesskit::Role::Label, "Find").rect().right_center() + Vec2::new(60.0, 0.0);
    press(&mut h, at, PointerButton::Primary);
    h.event(Event::Text("word of mouth".into()));
    h.run();
    h.get_by_label_contains("1 of 27 memos");
    h.get_by_label("Being known").click();
    h.run();
    assert_eq!(
        h.get_all_by_label_contains("on category “Customer satisfaction”").count(),
        2,
        "in the list and over the text"
    );
    h.get_by_label("Open its item").click();
    h.run();
    let s = state(&h);
    let category = s.project.categories().find(|c| c.name == "Customer satisfaction").unwrap().id;
    assert_eq!(s.selected_group, Some(axial::app::Group::Category(category)), "its item is selected");
    // The details panel now edits that memo.
    let editor = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    assert!(editor.value().unwrap_or_default().contains("word of mouth"), "{:?}", editor.value());
}

/// While another program holds the write lock (a long import from a terminal), a memo being
/// typed is kept, marked "not saved yet", survives the other program's change being reloaded,
/// and is saved as soon as the lock is free.
#[test]
fn a_memo_typed_while_another_program_writes_is_kept_and_saved_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let mut h = harness(path.clone(), Picker::default());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.get_by_label("document").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Text("Trust comes first".into()));
    h.run();
    h.get_by_label("Not saved yet");
    // The other program's write lands: the window reloads, the typed text stays.
    other.execute_batch("UPDATE project SET name = 'renamed elsewhere'; COMMIT").unwrap();
    for _ in 0..100 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        if !state(&h).not_saved_yet() {
            break;
        }
    }
    h.run();
    assert!(!state(&h).not_saved_yet(), "saved once the lock was free");
    assert!(h.query_by_label("Not saved yet").is_none());
    let memo = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    assert!(memo.value().unwrap_or_default().ends_with("Trust comes first"), "the text typed is still there");
    let saved = axial_core::store::Store::open_read_only(&path).unwrap().load().unwrap();
    let doc = state(&h).document.unwrap();
    let text = saved.memos_on(&MemoTarget::Document(doc)).next().map(|m| m.text.clone()).unwrap_or_default();
    assert!(text.ends_with("Trust comes first"), "{text}");
    assert_eq!(saved.name(), "renamed elsewhere", "and the other program's change is kept too");
}

/// A long memo scrolls inside the details panel: the transcript keeps its height.
#[test]
fn a_long_memo_does_not_push_the_transcript_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = banking(dir.path());
    h.set_size(Vec2::new(1024.0, 700.0));
    h.run();
    // The details panel's top edge (where the transcript ends) is where "Memo on" starts.
    let before = h.get_by_label("Memo on").rect().top();
    let doc = state(&h).document.expect("a document is open");
    let text = "A long memo line that goes on about the phenomenon.\n".repeat(60);
    h.state_mut().state.as_mut().unwrap().handle(Intent::SetMemo { target: MemoTarget::Document(doc), text });
    h.run();
    let after = h.get_by_label("Memo on").rect().top();
    assert!((before - after).abs() < 2.0, "the details panel's top moved from {before} to {after}");
}

/// A supervisor opens the student's project for review: every control that would change the
/// project is disabled (and says why), Ctrl+Z reaches none of the student's steps, and the one
/// thing they can write, a comment, is saved in the file.
#[test]
fn review_mode_disables_every_edit_control_ctrl_z_is_harmless_and_a_comment_is_saved() {
    use axial::app::{OpenAs, REVIEW_REFUSAL, TreeEdit};
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "banking_ckm_crm");
    {
        // The student's last step, which a reviewer's Ctrl+Z must not undo.
        let mut student = AppState::open(&path).unwrap();
        student.handle(Intent::EditTree(TreeEdit::NewCategory { name: "Student's last step".into(), class: None }));
        assert!(student.notices.is_empty(), "{:?}", student.notices);
    }
    let read = || axial_core::store::Store::open_read_only(&path).unwrap();
    let (model_before, history_before) = (read().load().unwrap(), read().history().unwrap());
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .build_eframe(move |cc| AxialApp::new_as(cc, Some(p), OpenAs::Review, Box::new(Picker::default())));
    wait_idle(&mut h);
    assert!(state(&h).reviewing());
    h.get_by_label_contains("Reviewing");

    // Ctrl+Z and Ctrl+Shift+Z: refused, said why, nothing undone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(read().history().unwrap(), history_before, "the student's history is untouched");
    assert_eq!(read().load().unwrap(), model_before);
    assert!(state(&h).notices.iter().any(|n| n.text == REVIEW_REFUSAL), "{:?}", state(&h).notices);

    let disabled = |h: &Harness<'_, AxialApp>, label: &str| {
        let node = h.get_by_label(label);
        assert!(node.accesskit_node().is_disabled(), "{label} is disabled while reviewing");
    };
    for label in ["Undo", "Redo", "+ Concept", "+ Category", "Code selection…", "In-vivo"] {
        disabled(&h, label);
    }
    // A reviewer starts on the changes since their last review (the first time: none).
    h.get_by_label_contains("Your first review");
    h.get_by_label("Transcript").click();
    h.run();
    // A selected passage: still no coding from it.
    select_by_mouse(&mut h);
    disabled(&h, "Code selection…");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(!h.state().quick_pick.open, "Ctrl+K opens no code picker");
    // A coding: its code, boundaries and removal are disabled; Delete removes nothing.
    let coding = state(&h).project.codings().next().unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCoding(Some(coding)));
    h.run();
    disabled(&h, "Fit to selection");
    disabled(&h, "Remove coding");
    h.key_press(Key::Delete);
    h.run();
    assert!(state(&h).project.coding(coding).is_some());
    // A code: its definition is text to read, its facets are disabled.
    let code = state(&h).project.codes().next().unwrap().id;
    h.state_mut().state.as_mut().unwrap().handle(Intent::SelectCode(Some(code)));
    h.run();
    for combo in h.query_all_by_role(Role::ComboBox) {
        assert!(combo.accesskit_node().is_disabled(), "{:?} is disabled", combo.accesskit_node().label());
    }
    // No text field edits the project: the only ones left search, filter, or write comments.
    // With the memo pane shown too (a reviewer starts on the comments pane).
    let no_editor = |h: &Harness<'_, AxialApp>| {
        for input in h.query_all_by_role(Role::TextInput).chain(h.query_all_by_role(Role::MultilineTextInput)) {
            let hint = format!("{:?} {:?}", input.accesskit_node().label(), input.accesskit_node().placeholder());
            let allowed = ["Filter codes", "Filter documents", "Search all documents", "Write a comment", "Reply"];
            assert!(
                input.accesskit_node().is_disabled() || allowed.iter().any(|a| hint.contains(a)),
                "an editable text field while reviewing: {hint}"
            );
        }
    };
    no_editor(&h);
    h.get_by_label("Memo").click();
    h.run();
    no_editor(&h);
    for label in ["+ Memo", "Delete memo"] {
        if let Some(node) = h.query_by_label(label) {
            assert!(node.accesskit_node().is_disabled(), "{label}");
        }
    }
    assert_eq!(read().load().unwrap(), model_before, "nothing the reviewer did changed the project");

    // The comment: typed in the details panel, on the selected code, saved in the file.
    // The tab strip says "Comments" too; the details panel's is the lower one.
    let pane = h.get_all_by_label("Comments").max_by(|a, b| a.rect().top().total_cmp(&b.rect().top())).unwrap().rect();
    h.event(Event::PointerMoved(pane.center()));
    press(&mut h, pane.center(), PointerButton::Primary);
    let box_ = h
        .get_all_by_role(Role::MultilineTextInput)
        .find(|n| n.accesskit_node().placeholder().is_some_and(|p| p.contains("Write a comment")));
    box_.expect("a comment box").focus();
    h.run();
    h.event(Event::Text("Is this code distinct from its neighbour?".into()));
    h.run();
    h.get_by_label("Comment").click();
    h.run();
    let saved = read().comments().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].text, "Is this code distinct from its neighbour?");
    assert_eq!(saved[0].target, Some(CommentTarget::Code(code)));
    assert_eq!(read().history().unwrap(), history_before, "a comment is no undo step");
}

/// The author brings a reviewed copy's comments home from the Comments tab.
#[test]
fn the_author_brings_a_reviewed_copy_s_comments_home_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path(), "crm_knowledge_creation");
    let copy = dir.path().join("reviewed.axial");
    axial_core::store::backup::copy_project(&path, &copy).unwrap();
    {
        let mut sup = axial_core::store::Store::open_for_review(&copy).unwrap();
        sup.set_user("supervisor");
        let target = CommentTarget::Code(sup.load().unwrap().codes().next().unwrap().id);
        let uid = new_uid();
        sup.comment(&CommentAction::Write { uid, target, text: "Where is this in interview C?".into() }).unwrap();
    }
    let picker = Picker::default();
    *picker.open.lock().unwrap() = Some(copy);
    let mut h = harness(path.clone(), picker);
    // The tab (the details panel's pane has the same name, lower down).
    let tab = h.get_all_by_label("Comments").min_by(|a, b| a.rect().top().total_cmp(&b.rect().top())).unwrap().rect();
    press(&mut h, tab.center(), PointerButton::Primary);
    h.get_by_label_contains("No open comments");
    h.get_by_label("Bring in comments from a reviewed copy…").click();
    h.step();
    wait_idle(&mut h);
    assert_eq!(state(&h).comments.open_count(), 1);
    h.get_by_label("Where is this in interview C?");
    assert!(state(&h).notices.iter().any(|n| n.text.contains("1 new thread")), "{:?}", state(&h).notices);
    assert_eq!(axial_core::store::Store::open_read_only(&path).unwrap().comments().unwrap().len(), 1, "in the file");
}
