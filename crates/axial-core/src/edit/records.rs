//! Edits of cases and documents by name: create, rename and delete cases, move documents
//! between cases, rename and delete documents, and set or clear attributes. Each is one undoable action.

use super::{EditError, is_none};
use crate::model::*;
use crate::store::IdAllocator;

pub fn case_id(p: &Project, name: &str) -> Result<CaseId, EditError> {
    p.cases().find(|c| c.name == name).map(|c| c.id).ok_or_else(|| EditError::UnknownRecord("case", name.into()))
}

pub fn document_id(p: &Project, title: &str) -> Result<DocumentId, EditError> {
    p.documents()
        .find(|d| d.title == title)
        .map(|d| d.id)
        .ok_or_else(|| EditError::UnknownRecord("document", title.into()))
}

pub fn new_case(ids: &mut IdAllocator, name: &str) -> Action {
    Action::CreateCase { id: ids.case(), name: name.trim().into() }
}

pub fn rename_case(p: &Project, old: &str, new: &str) -> Result<Action, EditError> {
    Ok(Action::RenameCase { id: case_id(p, old)?, name: new.trim().into() })
}

/// Deletes a case; its documents stay, without a case.
pub fn delete_case(p: &Project, name: &str) -> Result<Action, EditError> {
    Ok(Action::DeleteCase { id: case_id(p, name)? })
}

pub fn case_attribute(p: &Project, case: &str, key: &str, value: &str) -> Result<Action, EditError> {
    let value = (!is_none(value)).then(|| value.to_owned());
    Ok(Action::SetCaseAttribute { id: case_id(p, case)?, key: key.trim().into(), value })
}

pub fn rename_document(p: &Project, old: &str, new: &str) -> Result<Action, EditError> {
    Ok(Action::RenameDocument { id: document_id(p, old)?, title: new.trim().into() })
}

/// Puts a document in a case (`none`: in no case).
pub fn document_case(p: &Project, document: &str, case: &str) -> Result<Action, EditError> {
    let case = if is_none(case) { None } else { Some(case_id(p, case)?) };
    Ok(Action::SetDocumentCase { id: document_id(p, document)?, case })
}

/// Deletes a document with its codings and the memos on it and on them (one undoable step),
/// and says what goes with it.
pub fn delete_document(p: &Project, title: &str) -> Result<(Action, super::Consequences), EditError> {
    let id = document_id(p, title)?;
    let codings = p.codings_in(id).len();
    let memos = p.memos_on(&MemoTarget::Document(id)).count()
        + p.codings_in(id).map(|c| p.memos_on(&MemoTarget::Coding(c.id)).count()).sum::<usize>();
    Ok((Action::DeleteDocument { id }, super::Consequences { codings, memos, ..super::Consequences::default() }))
}

pub fn document_attribute(p: &Project, document: &str, key: &str, value: &str) -> Result<Action, EditError> {
    let value = (!is_none(value)).then(|| value.to_owned());
    Ok(Action::SetDocumentAttribute { id: document_id(p, document)?, key: key.trim().into(), value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn cases_and_documents_are_edited_by_name_and_undone() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let doc = ids.document();
        s.apply(&Action::AddDocument {
            id: doc,
            title: "Interview A".into(),
            text: "A: hello".into(),
            case: None,
            imported: "t".into(),
        })
        .unwrap();
        let before = s.load().unwrap();
        s.apply(&new_case(&mut ids, "Bank")).unwrap();
        let p = s.load().unwrap();
        s.apply(&rename_case(&p, "Bank", "State bank").unwrap()).unwrap();
        let p = s.load().unwrap();
        for action in [
            case_attribute(&p, "State bank", "sector", "public").unwrap(),
            document_case(&p, "Interview A", "State bank").unwrap(),
            document_attribute(&p, "Interview A", "role", "teller").unwrap(),
            rename_document(&p, "Interview A", "Teller, branch 3").unwrap(),
        ] {
            s.apply(&action).unwrap();
        }
        let p = s.load().unwrap();
        let d = p.document(doc).unwrap();
        assert_eq!(d.title, "Teller, branch 3");
        assert_eq!(d.attributes.get("role").map(String::as_str), Some("teller"));
        let case = p.case(d.case.unwrap()).unwrap();
        assert_eq!(
            (case.name.as_str(), case.attributes.get("sector").map(String::as_str)),
            ("State bank", Some("public"))
        );
        assert_eq!(
            document_case(&p, "Interview A", "none").unwrap_err().to_string(),
            "there is no document named \u{201c}Interview A\u{201d} in this project; check the spelling (names are exact)"
        );
        s.apply(&delete_case(&p, "State bank").unwrap()).unwrap();
        assert_eq!(s.load().unwrap().document(doc).unwrap().case, None, "its documents stay, without a case");
        for _ in 0..7 {
            s.undo().unwrap();
        }
        assert_eq!(s.load().unwrap(), before);
    }
}
