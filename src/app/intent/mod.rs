//! What the user asks for, as data. Views emit intents; [`AppState::handle`] turns each into
//! at most one action on the project (one transaction, one undo step) or a change of what is
//! selected. Failures become a notice, never a panic.

use super::hits::HitsCode;
use super::{AppError, AppState, Selection, reader};
use axial_core::io::import::SourceText;
use axial_core::model::*;

#[derive(Clone, Debug)]
pub enum Intent {
    Undo,
    Redo,
    OpenDocument(DocumentId),
    /// Sets the selection in the open document (character offsets).
    Select {
        anchor: usize,
        focus: usize,
    },
    ClearSelection,
    SelectCoding(Option<CodingId>),
    SelectCode(Option<CodeId>),
    /// Selects a concept or category (its details, facets and memos show below).
    SelectGroup(Option<super::Group>),
    /// Sets (or clears) a cube facet value on a code, concept or category.
    SetFacet {
        owner: FacetOwner,
        dimension: String,
        value: Option<String>,
    },
    /// Codes the selected passage with an existing code.
    ApplyCode(CodeId),
    /// Creates a code with this name and codes the selected passage with it.
    CreateCodeAndApply(String),
    /// Codes the selected passage with a new code named after the passage itself.
    InVivo,
    RemoveCoding(CodingId),
    ChangeCodingCode(CodingId, CodeId),
    /// Moves a coding's boundaries to the current selection.
    FitCodingToSelection(CodingId),
    /// Writes the (first) memo on a target: creates it, or edits it (typing merges into one
    /// undo step).
    SetMemo {
        target: MemoTarget,
        text: String,
    },
    SetCodeDefinition {
        code: CodeId,
        definition: String,
    },
    /// Edits one memo's text (typing merges into one undo step).
    EditMemo {
        id: MemoId,
        text: String,
    },
    /// A further memo on a target (an item can carry several, each with a title).
    NewMemo {
        target: MemoTarget,
        title: String,
    },
    DeleteMemo(MemoId),
    /// Runs a search across all documents.
    Search {
        query: String,
        regex: bool,
        case_sensitive: bool,
    },
    /// Replaces the project with one of its backups (the state before is kept as a backup).
    RestoreBackup(std::path::PathBuf),
    /// Makes a rolling backup now (in the background).
    BackUpNow,
    /// Codes every current search hit, widened to `extent`, with a code (an existing one, or a
    /// new one made in the same step), as one undoable action.
    CodeAllHits {
        code: HitsCode,
        extent: axial_core::analysis::extent::Extent,
    },
    /// Opens a search hit: its document, selected.
    OpenHit(usize),
    /// Adds transcripts read by an import, as one undoable action.
    AddSources(Vec<SourceText>),
    /// The answer about files already in the project: import them again as copies, or skip.
    ResolveDuplicates {
        import: bool,
    },
    /// Imports an Axial project JSON (`axial.project/1`) into this project, as one action.
    ImportProjectJson(std::path::PathBuf),
    /// Changes the category model (regroup, place, rename, create, delete, core).
    EditTree(super::TreeEdit),
    /// Reads the passages under a code, concept, category or class one by one: opens the first.
    ReadPassages(axial_core::analysis::retrieval::Scope),
    /// Opens the next (+1) or previous (-1) passage of the walk.
    StepPassage(isize),
    EndWalk,
    /// Creates a case, and puts a document in it if one is given: one undo step.
    NewCase {
        name: String,
        document: Option<DocumentId>,
    },
    /// Edits a case or document (create, rename, delete a case; rename a document, move it to
    /// a case; set or clear an attribute): one of those actions, built by the documents panel.
    EditRecord(Action),
    /// Edits the project's vocabularies (cube dimensions and values, relation kinds): one of
    /// the dimension, value or relation-kind actions, built by the settings view.
    EditVocabulary(Action),
    /// Writes a text a view made (passages as CSV) to a file, in one atomic write.
    WriteText {
        path: std::path::PathBuf,
        text: String,
        what: String,
    },
    /// Writes an export to a file, in the background.
    Export(axial_core::io::export::Export, std::path::PathBuf),
    DismissNotice(usize),
}

/// What happens to an intent while a project import writes in the background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WhileWriting {
    /// It does not write: carried out at once.
    Now,
    /// It carries everything it needs (a memo's text, a coding's id): queued in order and saved
    /// when the import lands.
    Wait,
    /// It depends on what is selected or on the history now (code the selection, undo): carried
    /// out later it would act on something else, so it is refused with a notice.
    Refuse,
}

impl Intent {
    fn while_writing(&self) -> WhileWriting {
        match self {
            Intent::OpenDocument(_)
            | Intent::Select { .. }
            | Intent::ClearSelection
            | Intent::SelectCoding(_)
            | Intent::SelectCode(_)
            | Intent::SelectGroup(_)
            | Intent::Search { .. }
            | Intent::OpenHit(_)
            | Intent::Export(..)
            | Intent::WriteText { .. }
            | Intent::ReadPassages(_)
            | Intent::StepPassage(_)
            | Intent::EndWalk
            | Intent::DismissNotice(_)
            | Intent::BackUpNow => WhileWriting::Now,
            Intent::SetMemo { .. }
            | Intent::EditMemo { .. }
            | Intent::NewMemo { .. }
            | Intent::DeleteMemo(_)
            | Intent::SetCodeDefinition { .. }
            | Intent::RemoveCoding(_)
            | Intent::ChangeCodingCode(..)
            | Intent::AddSources(_)
            | Intent::ResolveDuplicates { .. } => WhileWriting::Wait,
            Intent::Undo
            | Intent::Redo
            | Intent::ApplyCode(_)
            | Intent::CreateCodeAndApply(_)
            | Intent::InVivo
            | Intent::FitCodingToSelection(_)
            | Intent::CodeAllHits { .. }
            | Intent::ImportProjectJson(_)
            | Intent::RestoreBackup(_)
            | Intent::EditTree(_)
            | Intent::SetFacet { .. }
            | Intent::EditVocabulary(_)
            | Intent::EditRecord(_)
            | Intent::NewCase { .. } => WhileWriting::Refuse,
        }
    }
}

impl AppState {
    /// Adds transcripts read by an import, as one undoable action, and opens the last.
    fn add_sources(&mut self, sources: Vec<SourceText>) -> Result<(), AppError> {
        let n = sources.len();
        let (imported, changes) = axial_core::project::add_sources(&mut self.store, sources)?;
        self.patch(&changes)?;
        if let Some(last) = imported.last()
            && let Some(doc) = self.project.documents().rev().find(|d| d.title == last.title)
        {
            self.document = Some(doc.id);
            self.selection = None;
        }
        self.info(format!("Imported {n} document{}.", if n == 1 { "" } else { "s" }));
        // Repaired bytes and the like: imported, but the user should know where.
        for warning in imported.iter().flat_map(|d| &d.warnings) {
            self.info(format!("Imported with a warning: {warning}"));
        }
        Ok(())
    }

    /// Moves the walk `by` passages (skipping ones deleted since it began) and opens that one.
    fn step_passage(&mut self, by: isize) {
        let Some(walk) = &mut self.walk else { return };
        let last = walk.codings.len().saturating_sub(1);
        let mut index = walk.index.saturating_add_signed(by).min(last);
        let direction = if by < 0 { -1 } else { 1 };
        while self.project.coding(walk.codings[index]).is_none() {
            match index.checked_add_signed(direction).filter(|&i| i <= last) {
                Some(i) => index = i,
                None => return,
            }
        }
        walk.index = index;
        let coding = walk.codings[index];
        let _ = self.try_handle(Intent::SelectCoding(Some(coding)));
    }
}

/// The longest in-vivo code name; a longer passage is cut at a word boundary.
const IN_VIVO_MAX: usize = 60;

impl AppState {
    pub fn handle(&mut self, intent: Intent) {
        if self.writing_in_background() {
            match intent.while_writing() {
                WhileWriting::Now => {}
                WhileWriting::Wait => {
                    if self.deferred.is_empty() {
                        self.info("Your changes are kept and saved as soon as the import finishes.");
                    }
                    self.deferred.push(intent);
                    return;
                }
                WhileWriting::Refuse => {
                    self.error(AppError::WritingBeside.to_string());
                    return;
                }
            }
        }
        // A write that carries its own data waits its turn behind unsaved ones, and is kept
        // (not dropped) when the project is busy.
        let keep = (intent.while_writing() == WhileWriting::Wait).then(|| intent.clone());
        if let Some(intent) = &keep
            && self.not_saved_yet()
        {
            self.keep_unsaved(intent.clone());
            self.retry_unsaved();
            return;
        }
        match self.try_handle(intent) {
            Ok(()) => {}
            Err(e) if super::unsaved::is_busy(&e) => match keep {
                Some(intent) => self.keep_unsaved(intent),
                None => self.error(
                    "another program is writing the project just now, so this was not done; try again in a moment",
                ),
            },
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn try_handle(&mut self, intent: Intent) -> Result<(), AppError> {
        match intent {
            Intent::Undo => {
                let result = self.store.undo();
                self.after_history_step(result)
            }
            Intent::Redo => {
                let result = self.store.redo();
                self.after_history_step(result)
            }
            Intent::OpenDocument(id) => {
                if self.project.document(id).is_none() {
                    return Err(AppError::Gone("document"));
                }
                if self.document != Some(id) {
                    self.document = Some(id);
                    self.selection = None;
                    self.selected_coding = None;
                    self.scroll_to = Some(0);
                }
                Ok(())
            }
            Intent::Select { anchor, focus } => {
                let doc = self.current_document().ok_or(AppError::NoDocument)?;
                let len = doc.char_len();
                let selection = Selection { document: doc.id, anchor: anchor.min(len), focus: focus.min(len) };
                // A new selection drops the selected coding: the details panel and Delete then
                // act on nothing stale (select a coding again, e.g. to fit it to this passage).
                if self.selection.map(|s| s.range()) != Some(selection.range()) {
                    self.selected_coding = None;
                }
                self.selection = Some(selection);
                Ok(())
            }
            Intent::ClearSelection => {
                self.selection = None;
                Ok(())
            }
            Intent::SelectCoding(id) => {
                self.selected_coding = id;
                if let Some(c) = id.and_then(|id| self.project.coding(id)).cloned() {
                    if self.document != Some(c.document) {
                        self.document = Some(c.document);
                        self.selection = None;
                    }
                    self.selected_code = Some(c.code);
                    self.scroll_to = Some(c.start);
                }
                Ok(())
            }
            Intent::SelectCode(id) => {
                // Another code: the coding selected before is no longer what the details show.
                if self.selected_coding.and_then(|c| self.project.coding(c)).map(|c| c.code) != id {
                    self.selected_coding = None;
                }
                self.selected_code = id;
                if id.is_some() {
                    self.selected_group = None;
                }
                Ok(())
            }
            Intent::SelectGroup(group) => {
                self.selected_group = group;
                if group.is_some() {
                    self.selected_code = None;
                    self.selected_coding = None;
                }
                Ok(())
            }
            Intent::SetFacet { owner, dimension, value } => self.apply(Action::SetFacet { owner, dimension, value }),
            Intent::EditVocabulary(action) | Intent::EditRecord(action) => self.apply(action),
            Intent::NewCase { name, document } => self.apply_new(|_, ids| {
                let id = ids.case();
                let mut actions = vec![Action::CreateCase { id, name: name.trim().to_owned() }];
                actions.extend(document.map(|d| Action::SetDocumentCase { id: d, case: Some(id) }));
                Ok((Action::Batch { label: format!("New case \u{201c}{}\u{201d}", name.trim()), actions }, ()))
            }),
            Intent::ReadPassages(scope) => {
                let codings = axial_core::analysis::retrieval::passages(&self.project, scope);
                let title = scope.describe(&self.project);
                if codings.is_empty() {
                    self.info(format!("The {title} has no coded passages yet"));
                    return Ok(());
                }
                self.walk = Some(super::PassageWalk { scope, title, codings, index: 0 });
                self.step_passage(0);
                Ok(())
            }
            Intent::StepPassage(by) => {
                self.step_passage(by);
                Ok(())
            }
            Intent::EndWalk => {
                self.walk = None;
                Ok(())
            }
            Intent::ApplyCode(code) => {
                let (doc, start, end) = self.passage()?;
                self.code_passage(doc, code, start, end)
            }
            Intent::CreateCodeAndApply(name) => {
                let (doc, start, end) = self.passage()?;
                let name = name.trim().to_owned();
                if let Some(existing) = self.project.code_named(&name) {
                    return self.code_passage(doc, existing.id, start, end);
                }
                self.create_and_code(name, doc, start, end)
            }
            Intent::InVivo => {
                let (doc, start, end) = self.passage()?;
                let text = &self.project.document(doc).ok_or(AppError::Gone("document"))?.text;
                let name = in_vivo_name(&reader::slice(text, start, end));
                if name.is_empty() {
                    return Err(AppError::NoWords);
                }
                if let Some(existing) = self.project.code_named(&name) {
                    return self.code_passage(doc, existing.id, start, end);
                }
                self.create_and_code(name, doc, start, end)
            }
            Intent::RemoveCoding(id) => self.apply(Action::DeleteCoding { id }),
            Intent::ChangeCodingCode(id, code) => {
                self.apply(Action::SetCodingCode { id, code })?;
                self.touch_recent(code);
                Ok(())
            }
            Intent::FitCodingToSelection(id) => {
                let (doc, start, end) = self.passage()?;
                let coding = self.project.coding(id).ok_or(AppError::Gone("coding"))?;
                if coding.document != doc {
                    return Err(AppError::OtherDocument);
                }
                self.apply_merging(Action::SetCodingRange { id, start, end })
            }
            Intent::SetMemo { target, text } => {
                let existing = self.project.memos_on(&target).next().cloned();
                match existing {
                    Some(memo) if memo.text == text => Ok(()),
                    Some(memo) => self.apply_merging(Action::UpdateMemo {
                        id: memo.id,
                        title: memo.title,
                        text,
                        modified: now_rfc3339(),
                    }),
                    None if text.is_empty() => Ok(()),
                    None => {
                        let (author, now) = (self.store.user().to_owned(), now_rfc3339());
                        self.apply_new(|_, ids| {
                            let memo = Action::CreateMemo {
                                id: ids.memo(),
                                target,
                                title: String::new(),
                                text,
                                author,
                                created: now.clone(),
                                modified: now,
                            };
                            Ok((memo, ()))
                        })
                    }
                }
            }
            Intent::EditMemo { id, text } => {
                let memo = self.project.memo(id).ok_or(AppError::Gone("memo"))?.clone();
                if memo.text == text {
                    return Ok(());
                }
                self.apply_merging(Action::UpdateMemo { id, title: memo.title, text, modified: now_rfc3339() })
            }
            Intent::NewMemo { target, title } => {
                let (author, now) = (self.store.user().to_owned(), now_rfc3339());
                self.apply_new(|_, ids| {
                    let memo = Action::CreateMemo {
                        id: ids.memo(),
                        target,
                        title: title.trim().to_owned(),
                        text: String::new(),
                        author,
                        created: now.clone(),
                        modified: now,
                    };
                    Ok((memo, ()))
                })
            }
            Intent::DeleteMemo(id) => self.apply(Action::DeleteMemo { id }),
            Intent::SetCodeDefinition { code, definition } => {
                let c = self.project.code(code).ok_or(AppError::Gone("code"))?.clone();
                if c.definition == definition {
                    return Ok(());
                }
                self.apply_merging(Action::UpdateCode { id: code, name: c.name, color: c.color, definition })
            }
            Intent::Search { query, regex, case_sensitive } => {
                self.search.query = query;
                self.search.options = axial_core::analysis::search::SearchOptions { regex, case_sensitive };
                self.run_search();
                Ok(())
            }
            Intent::CodeAllHits { code, extent } => self.code_all_hits(code, extent),
            Intent::OpenHit(i) => {
                let hit = self.search.hits.get(i).cloned().ok_or(AppError::HitGone)?;
                self.document = Some(hit.document);
                self.selection = Some(Selection { document: hit.document, anchor: hit.start, focus: hit.end });
                self.selected_coding = None;
                self.scroll_to = Some(hit.start);
                Ok(())
            }
            Intent::AddSources(sources) => {
                // Files whose title a document has already wait for the user's answer (import
                // again as a copy, or skip) instead of silently becoming "title (2)".
                let titles: std::collections::HashSet<&str> =
                    self.project.documents().map(|d| d.title.as_str()).collect();
                let (again, sources): (Vec<_>, Vec<_>) =
                    sources.into_iter().partition(|s| titles.contains(s.title.as_str()));
                self.duplicates.extend(again);
                if sources.is_empty() { Ok(()) } else { self.add_sources(sources) }
            }
            Intent::ResolveDuplicates { import } => {
                let again = std::mem::take(&mut self.duplicates);
                if again.is_empty() {
                    return Ok(());
                }
                if import {
                    return self.add_sources(again);
                }
                let n = again.len();
                self.info(format!("Skipped {n} file{} already in the project.", if n == 1 { "" } else { "s" }));
                Ok(())
            }
            Intent::ImportProjectJson(path) => self.start_project_json_import(path),
            Intent::RestoreBackup(path) => self.restore_backup(path),
            Intent::BackUpNow => {
                self.backup_now();
                Ok(())
            }
            Intent::EditTree(edit) => self.edit_tree(edit),
            Intent::WriteText { path, text, what } => {
                match axial_core::io::export::write_atomically(&path, text.as_bytes()) {
                    Ok(()) => self.info(format!("Exported the {what} to {}", path.display())),
                    Err(e) => {
                        self.error(format!("cannot write the {what} ({e}); check the folder: {}", path.display()))
                    }
                }
                Ok(())
            }
            Intent::Export(export, path) => {
                self.start_export(export, path);
                Ok(())
            }
            Intent::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
                Ok(())
            }
        }
    }

    /// Refreshes after an undo or redo; "nothing to undo" is not an error worth a notice.
    fn after_history_step(
        &mut self,
        result: axial_core::store::Result<axial_core::store::Step>,
    ) -> Result<(), AppError> {
        match result {
            Ok(step) => {
                self.history_steps += 1;
                self.patch(&step.changes)
            }
            Err(axial_core::store::StoreError::NothingTo(_)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The open document and the selected passage in it.
    fn passage(&self) -> Result<(DocumentId, usize, usize), AppError> {
        let doc = self.document.ok_or(AppError::NoDocument)?;
        let (start, end) = self.selected_range().ok_or(AppError::NoSelection)?;
        Ok((doc, start, end))
    }

    fn code_passage(&mut self, document: DocumentId, code: CodeId, start: usize, end: usize) -> Result<(), AppError> {
        if self.project.codings_in(document).any(|c| c.code == code && c.start == start && c.end == end) {
            return Err(AppError::AlreadyCoded);
        }
        let coder = self.store.user().to_owned();
        let id = self.apply_new(|_, ids| {
            let id = ids.coding();
            Ok((new_coding(&coder, id, document, code, start, end), id))
        })?;
        self.select_new_coding(code, id);
        Ok(())
    }

    /// After coding a passage: the code becomes recent, and the coding and code are selected.
    fn select_new_coding(&mut self, code: CodeId, coding: CodingId) {
        self.touch_recent(code);
        self.selected_coding = Some(coding);
        self.selected_code = Some(code);
    }

    /// Creates a code and codes the passage with it: one action, one undo step.
    fn create_and_code(
        &mut self,
        name: String,
        document: DocumentId,
        start: usize,
        end: usize,
    ) -> Result<(), AppError> {
        let coder = self.store.user().to_owned();
        let (code, coding) = self.apply_new(|project, ids| {
            let (code, coding) = (ids.code(), ids.coding());
            let color = CODE_PALETTE[project.codes().len() % CODE_PALETTE.len()].to_owned();
            let label = format!("Code passage with new code \u{201c}{name}\u{201d}");
            let actions = vec![
                Action::CreateCode { id: code, name, color, definition: String::new(), concept: None },
                new_coding(&coder, coding, document, code, start, end),
            ];
            Ok((Action::Batch { label, actions }, (code, coding)))
        })?;
        self.select_new_coding(code, coding);
        Ok(())
    }
}

/// A new coding by `coder`, now.
pub(super) fn new_coding(
    coder: &str,
    id: CodingId,
    document: DocumentId,
    code: CodeId,
    start: usize,
    end: usize,
) -> Action {
    Action::CreateCoding { id, document, code, start, end, coder: coder.to_owned(), created: now_rfc3339() }
}

/// An in-vivo code name from a passage: its words on one line, quotes and outer punctuation
/// trimmed, cut at a word boundary if long.
pub fn in_vivo_name(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let mut name = String::new();
    for w in words {
        if name.chars().count() + w.chars().count() + 1 > IN_VIVO_MAX && !name.is_empty() {
            name.push('…');
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    name.trim_matches(|c: char| c.is_ascii_punctuation() && c != '…' || matches!(c, '“' | '”' | '‘' | '’'))
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppState;
    use axial_core::store::Store;

    fn state() -> AppState {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let text = "Interviewer: Why?\n\nB: We keep a “hot list” of calls. The hot list is read by everyone.";
        store
            .apply(&Action::AddDocument {
                id: ids.document(),
                title: "B".into(),
                text: text.into(),
                case: None,
                imported: "t".into(),
            })
            .unwrap();
        store
            .apply(&Action::CreateCode {
                id: ids.code(),
                name: "Sharing".into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            })
            .unwrap();
        AppState::from_store(store, None, None).unwrap()
    }

    /// What the details panel shows is what Delete acts on: a new selection, or another code
    /// selected, drops the coding selected before.
    #[test]
    fn a_new_selection_or_code_drops_the_selected_coding() {
        let mut s = state();
        let code = s.project.codes().next().unwrap().id;
        s.handle(Intent::Select { anchor: 0, focus: 5 });
        s.handle(Intent::ApplyCode(code));
        let coding = s.selected_coding.expect("the new coding is selected");
        s.handle(Intent::Select { anchor: 0, focus: 5 });
        assert_eq!(s.selected_coding, Some(coding), "the same selection keeps it");
        s.handle(Intent::Select { anchor: 10, focus: 14 });
        assert_eq!(s.selected_coding, None, "a new selection drops it");
        s.handle(Intent::SelectCoding(Some(coding)));
        assert_eq!(s.selected_coding, Some(coding), "selected again, with the new passage kept to fit it to");
        assert_eq!(s.selected_range(), Some((10, 14)));
        s.handle(Intent::SelectCode(Some(code)));
        assert_eq!(s.selected_coding, Some(coding), "its own code keeps it");
        s.handle(Intent::SelectCode(None));
        assert_eq!(s.selected_coding, None);
    }

    /// Pressing a key twice applies the same code twice: keys never reorder on use, and the
    /// tenth code takes the key used longest ago.
    #[test]
    fn recent_code_keys_are_stable() {
        let mut s = state();
        let codes: Vec<CodeId> = (0..10).map(CodeId).collect();
        for &c in &codes[..9] {
            s.touch_recent(c);
        }
        assert_eq!(s.recent_codes, codes[..9]);
        s.touch_recent(codes[2]);
        s.touch_recent(codes[2]);
        assert_eq!(s.recent_codes[2], codes[2], "using key 3 keeps its code on key 3");
        assert_eq!(s.recent_codes, codes[..9], "nothing moved");
        s.touch_recent(codes[9]);
        assert_eq!(s.recent_codes[0], codes[9], "key 1 was used longest ago");
        assert_eq!(s.recent_codes[2], codes[2]);
    }

    #[test]
    fn coding_needs_a_selection_and_is_one_undo_step() {
        let mut s = state();
        let code = s.project.codes().next().unwrap().id;
        s.handle(Intent::ApplyCode(code));
        assert_eq!(s.notices.last().unwrap().text, "select a passage first");
        s.handle(Intent::Select { anchor: 30, focus: 22 });
        s.handle(Intent::ApplyCode(code));
        assert_eq!(s.project.codings().len(), 1);
        let c = s.project.codings().next().unwrap();
        assert_eq!((c.start, c.end), (22, 30));
        assert_eq!(s.recent_codes, vec![code]);
        s.handle(Intent::ApplyCode(code));
        assert_eq!(s.notices.last().unwrap().text, "this passage already has that code");
        s.handle(Intent::Undo);
        assert_eq!(s.project.codings().len(), 0);
        s.handle(Intent::Redo);
        assert_eq!(s.project.codings().len(), 1);
    }

    #[test]
    fn in_vivo_names_the_code_after_the_words() {
        let mut s = state();
        let text = s.project.documents().next().unwrap().text.to_string();
        let start = text.find('“').map(|b| text[..b].chars().count()).unwrap();
        s.handle(Intent::Select { anchor: start, focus: start + 10 });
        s.handle(Intent::InVivo);
        assert_eq!(s.project.codes().last().unwrap().name, "hot list");
        assert_eq!(s.project.codings().len(), 1);
        s.handle(Intent::Undo);
        assert_eq!(s.project.codes().len(), 1, "creating the code and coding undo together");
        assert_eq!(in_vivo_name("  “we just, like, listen.” "), "we just, like, listen");
    }

    #[test]
    fn code_all_hits_is_one_action_and_skips_what_is_coded() {
        let mut s = state();
        let code = s.project.codes().next().unwrap().id;
        s.handle(Intent::Search { query: "hot list".into(), regex: false, case_sensitive: false });
        assert_eq!(s.search.hits.len(), 2);
        let all = |code| Intent::CodeAllHits { code: HitsCode::Existing(code), extent: Default::default() };
        s.handle(all(code));
        assert_eq!(s.project.codings().len(), 2);
        assert_eq!(s.undo_label.as_deref(), Some("Code 2 search hits with “Sharing”"));
        s.handle(all(code));
        assert!(s.notices.last().unwrap().text.contains("no new search hits"));
        s.handle(Intent::Undo);
        assert_eq!(s.project.codings().len(), 0);
    }

    #[test]
    fn memos_are_created_then_edited_in_one_step() {
        let mut s = state();
        let doc = s.project.documents().next().unwrap().id;
        for text in ["F", "Fi", "First thoughts"] {
            s.handle(Intent::SetMemo { target: MemoTarget::Document(doc), text: text.into() });
        }
        assert_eq!(s.project.memos().len(), 1);
        assert_eq!(s.project.memos().next().unwrap().text, "First thoughts");
        s.handle(Intent::Undo);
        assert_eq!(s.project.memos().next().unwrap().text, "F", "the edits after creating merge into one step");
    }

    #[test]
    fn fitting_a_coding_to_the_selection_moves_its_boundaries() {
        let mut s = state();
        let code = s.project.codes().next().unwrap().id;
        s.handle(Intent::Select { anchor: 0, focus: 11 });
        s.handle(Intent::ApplyCode(code));
        let id = s.project.codings().next().unwrap().id;
        s.handle(Intent::Select { anchor: 13, focus: 17 });
        s.handle(Intent::FitCodingToSelection(id));
        let c = s.project.codings().next().unwrap();
        assert_eq!((c.start, c.end), (13, 17));
        s.handle(Intent::RemoveCoding(id));
        assert_eq!(s.project.codings().len(), 0);
        assert_eq!(s.selected_coding, None);
    }
}
