//! "Code all hits": every current search hit, widened to its sentence, paragraph or speaker
//! turn if asked, coded with one code in one undoable step.

use super::intent::new_coding;
use super::{AppError, AppState};
use axial_core::analysis::extent::{Extent, widen_all};
use axial_core::model::*;
use std::collections::{HashMap, HashSet};

/// The code the hits get: one the project has, or a new one made in the same step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HitsCode {
    Existing(CodeId),
    New(String),
}

impl AppState {
    /// The passages the hits become under `extent`, by document in reading order, each once.
    pub fn hit_passages(&self, extent: Extent) -> Vec<(DocumentId, usize, usize)> {
        let mut by_document: HashMap<DocumentId, Vec<(usize, usize)>> = HashMap::new();
        let mut order = Vec::new();
        for hit in &self.search.hits {
            let passages = by_document.entry(hit.document).or_default();
            if passages.is_empty() {
                order.push(hit.document);
            }
            passages.push((hit.start, hit.end));
        }
        let mut out = Vec::new();
        for document in order {
            let Some(doc) = self.project.document(document) else { continue };
            let mut widened = widen_all(&doc.text, &by_document[&document], extent);
            widened.sort_unstable();
            widened.dedup();
            out.extend(widened.into_iter().map(|(s, e)| (document, s, e)));
        }
        out
    }

    pub(super) fn code_all_hits(&mut self, code: HitsCode, extent: Extent) -> Result<(), AppError> {
        let existing = match &code {
            HitsCode::Existing(id) => Some(*id),
            HitsCode::New(name) => self.project.code_named(name.trim()).map(|c| c.id),
        };
        // Passages this coder coded with it already (another coder's count for agreement).
        let me = self.store().user().to_owned();
        let already: HashSet<(DocumentId, usize, usize)> = existing
            .map(|id| {
                self.project.codings_of(id).filter(|c| c.coder == me).map(|c| (c.document, c.start, c.end)).collect()
            })
            .unwrap_or_default();
        let passages: Vec<_> = self.hit_passages(extent).into_iter().filter(|p| !already.contains(p)).collect();
        if passages.is_empty() {
            return Err(AppError::NoNewHits);
        }
        let what =
            if extent == Extent::Match { "search hits".to_owned() } else { format!("hits' {}s", extent.label()) };
        let coder = self.store.user().to_owned();
        let (code, name) = self.apply_new(|project, ids| {
            let mut actions = Vec::with_capacity(passages.len() + 1);
            let (code, name) = match (existing, code) {
                (Some(id), _) => (id, project.code(id).ok_or(AppError::Gone("code"))?.name.clone()),
                (None, HitsCode::New(name)) => {
                    let (id, name) = (ids.code(), name.trim().to_owned());
                    let color = CODE_PALETTE[project.codes().len() % CODE_PALETTE.len()].to_owned();
                    actions.push(Action::CreateCode {
                        id,
                        name: name.clone(),
                        color,
                        definition: String::new(),
                        concept: None,
                    });
                    (id, name)
                }
                (None, HitsCode::Existing(_)) => return Err(AppError::Gone("code")),
            };
            for (document, start, end) in &passages {
                actions.push(new_coding(&coder, ids.coding(), *document, code, *start, *end));
            }
            let label = format!("Code {} {what} with \u{201c}{name}\u{201d}", passages.len());
            Ok((Action::Batch { label, actions }, (code, name)))
        })?;
        self.touch_recent(code);
        self.info(format!("Coded {} {what} with \u{201c}{name}\u{201d}.", passages.len()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Intent;
    use axial_core::store::Store;

    fn state_with_text(text: &str) -> AppState {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let id = ids.document();
        store
            .apply(&Action::AddDocument { id, title: "B".into(), text: text.into(), case: None, imported: "t".into() })
            .unwrap();
        AppState::from_store(store, None, None).unwrap()
    }

    #[test]
    fn hits_widened_to_their_sentence_are_coded_once_each_with_a_new_code() {
        let mut s =
            state_with_text("Manager: We keep a hot list. The hot list is shared daily.\n\nManager: Nothing else.");
        s.handle(Intent::Search { query: "list".into(), regex: false, case_sensitive: false });
        assert_eq!(s.search.hits.len(), 2);
        let code = HitsCode::New("Hot list".into());
        s.handle(Intent::CodeAllHits { code: code.clone(), extent: Extent::Paragraph });
        assert_eq!(s.project.codes().len(), 1, "the new code is made");
        let codings: Vec<_> = s.project.codings().collect();
        assert_eq!(codings.len(), 1, "two hits in one paragraph make one coding");
        let text = &s.project.documents().next().unwrap().text;
        let coded: String = text.chars().skip(codings[0].start).take(codings[0].end - codings[0].start).collect();
        assert_eq!(coded, "We keep a hot list. The hot list is shared daily.");
        assert_eq!(s.undo_label.as_deref(), Some("Code 1 hits' paragraphs with “Hot list”"));
        // Sentences: two more codings; the same name now means the code just made.
        s.handle(Intent::CodeAllHits { code, extent: Extent::Sentence });
        assert_eq!(s.project.codes().len(), 1);
        assert_eq!(s.project.codings().len(), 3);
        s.handle(Intent::Undo);
        s.handle(Intent::Undo);
        assert_eq!((s.project.codes().len(), s.project.codings().len()), (0, 0), "code and codings undo together");
    }
}
