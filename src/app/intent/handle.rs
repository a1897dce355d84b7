//! Carrying out intents: [`AppState::handle`] runs one now, queues it or refuses it while a
//! project import writes in the background, and keeps a write that finds the project busy;
//! `try_handle` hands each intent to the method that carries it out.

use super::{Intent, WhileWriting};
use crate::app::{AppError, AppState, unsaved};
use axial_core::model::*;

impl AppState {
    pub fn handle(&mut self, intent: Intent) {
        // A reviewer (or a read-only file) changes nothing: said once per attempt, nothing
        // reaches the store. Undo and redo too: the history is the author's.
        if intent.changes_project()
            && let Some(why) = self.edit_refusal().filter(|_| self.reviewing() || self.store().is_read_only())
        {
            self.error(why);
            return;
        }
        if self.writing_in_background() {
            match intent.while_writing() {
                WhileWriting::Now => {}
                // A restore replaces the project: an edit made to what is shown now would be
                // applied to the restored project afterwards and undo part of the restore.
                WhileWriting::Wait if self.restoring() => {
                    self.error(
                        "a backup is being restored; this was not saved, as it was made to the project before the restore; do it again when the restore has finished",
                    );
                    return;
                }
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
            Err(e) if unsaved::is_busy(&e) => match keep {
                Some(intent) => self.keep_unsaved(intent),
                None => self.error(
                    "another program is writing the project just now, so this was not done; try again in a moment",
                ),
            },
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(in crate::app) fn try_handle(&mut self, intent: Intent) -> Result<(), AppError> {
        match intent {
            Intent::Undo => {
                let result = self.store.undo();
                self.after_history_step(result)
            }
            Intent::Redo => {
                let result = self.store.redo();
                self.after_history_step(result)
            }
            Intent::OpenDocument(id) => self.open_document(id),
            Intent::Select { anchor, focus } => self.select_passage(anchor, focus),
            Intent::ClearSelection => {
                self.selection = None;
                Ok(())
            }
            Intent::SelectCoding(id) => self.select_coding(id),
            Intent::SelectCode(id) => self.select_code(id),
            Intent::SelectGroup(group) => self.select_group(group),
            Intent::SetFacet { owner, dimension, value } => self.apply(Action::SetFacet { owner, dimension, value }),
            Intent::EditVocabulary(action) | Intent::EditRecord(action) => self.apply(action),
            Intent::EditDepth(edit) => self.apply_new(|p, ids| Ok((edit.action(p, ids), ()))),
            Intent::NewCase { name, document } => self.apply_new(|_, ids| {
                let id = ids.case();
                let mut actions = vec![Action::CreateCase { id, name: name.trim().to_owned() }];
                actions.extend(document.map(|d| Action::SetDocumentCase { id: d, case: Some(id) }));
                Ok((Action::Batch { label: format!("New case \u{201c}{}\u{201d}", name.trim()), actions }, ()))
            }),
            Intent::ReadPassages(scope) => self.read_passages(scope),
            Intent::StepPassage(by) => {
                self.step_passage(by);
                Ok(())
            }
            Intent::EndWalk => {
                self.walk = None;
                Ok(())
            }
            Intent::ApplyCode(code) => self.apply_code(code),
            Intent::CreateCodeAndApply(name) => self.create_code_and_apply(name),
            Intent::InVivo => self.code_in_vivo(),
            Intent::RemoveCoding(id) => self.apply(Action::DeleteCoding { id }),
            Intent::ChangeCodingCode(id, code) => self.change_coding_code(id, code),
            Intent::FitCodingToSelection(id) => self.fit_coding_to_selection(id),
            Intent::SetMemo { target, text } => self.set_memo(target, text),
            Intent::EditMemo { id, text } => self.edit_memo(id, text),
            Intent::NewMemo { target, title } => self.new_memo(target, title),
            Intent::DeleteMemo(id) => self.apply(Action::DeleteMemo { id }),
            Intent::SetCodeDefinition { code, definition } => self.set_code_definition(code, definition),
            Intent::Search { query, regex, case_sensitive } => {
                self.search.query = query;
                self.search.options = axial_core::analysis::search::SearchOptions { regex, case_sensitive };
                self.run_search();
                Ok(())
            }
            Intent::CodeAllHits { code, extent } => self.code_all_hits(code, extent),
            Intent::OpenHit(i) => self.open_hit(i),
            Intent::AddSources(sources) => self.import_sources(sources),
            Intent::ResolveDuplicates { import } => self.resolve_duplicates(import),
            Intent::ImportProjectJson(path) => self.start_project_json_import(path),
            Intent::RestoreBackup(path) => self.restore_backup(path),
            Intent::BackUpNow => {
                self.backup_now();
                Ok(())
            }
            Intent::EditTree(edit) => self.edit_tree(edit),
            Intent::WriteFile { path, bytes, what } => {
                match axial_core::export::write_atomically(&path, &bytes) {
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
            Intent::Comment(action) => self.comment(action),
            Intent::ImportComments(path) => self.import_comments(path),
            Intent::SaveCopy(path) => self.start_copy(path),
            Intent::MergeCopy(path) => self.start_merge(path),
            Intent::Settle { document, start, end, code, coders, how } => self.apply_new(|p, ids| {
                let action = axial_core::edit::settle::settle(
                    p,
                    ids,
                    document,
                    (start, end),
                    code,
                    (&coders.0, &coders.1),
                    &how,
                )
                .map_err(|e| AppError::Store(axial_core::store::StoreError::Invalid(e.to_string())))?;
                Ok((action, ()))
            }),
            Intent::SelectRelation(id) => self.select_relation(id),
            Intent::ShowPassage { document, start, end } => self.show_passage(document, start, end),
            Intent::ShowCommentTarget(target) => {
                self.go_to_comment_target(target);
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
}
