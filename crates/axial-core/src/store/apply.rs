//! Applies one [`Action`] inside an open transaction: validates it against the current rows
//! (so a refused action changes nothing), writes it, records every row it changed in a
//! [`ChangeSet`] (dependents before the row they hang on) and returns the action that undoes it.

use super::lookup::*;
use super::read::{facet_owner_columns, memo_target_columns};
use super::vocabulary;
use super::{Result, StoreError, invalid};
use crate::model::*;
use rusqlite::{Connection, OptionalExtension, params};
use std::sync::Arc;

/// Applies `action`, records what changed in `changes` and returns the action that undoes it.
pub(super) fn apply(tx: &Connection, action: &Action, changes: &mut ChangeSet) -> Result<Action> {
    use Action::*;
    Ok(match action {
        SetProjectName { name } => {
            let name = required("project name", name)?;
            let old: String = query_row(tx, "SELECT name FROM project WHERE id = 1", [], |r| r.get(0))?;
            exec(tx, "UPDATE project SET name = ?1 WHERE id = 1", [name])?;
            changes.push(Change::ProjectName(name.to_owned()));
            SetProjectName { name: old }
        }

        CreateCase { id, name } => {
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, None)?;
            exec(tx, "INSERT INTO case_ (id, name) VALUES (?1, ?2)", params![id.0, name])?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            DeleteCase { id: *id }
        }
        RenameCase { id, name } => {
            let old = name_of(tx, "case_", "case", id.0)?;
            let name = required("case name", name)?;
            unique_name(tx, "case_", "case", name, Some(id.0))?;
            exec(tx, "UPDATE case_ SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            RenameCase { id: *id, name: old }
        }
        DeleteCase { id } => {
            let name = name_of(tx, "case_", "case", id.0)?;
            let mut undo = vec![CreateCase { id: *id, name }];
            for (key, value) in attributes(tx, "case_attribute", "case_id", id.0)? {
                undo.push(SetCaseAttribute { id: *id, key, value: Some(value) });
            }
            let documents = ids(tx, "SELECT id FROM document WHERE case_id = ?1 ORDER BY id", id.0)?;
            for doc in &documents {
                undo.push(SetDocumentCase { id: DocumentId(*doc), case: Some(*id) });
            }
            exec(tx, "DELETE FROM case_ WHERE id = ?1", [id.0])?;
            for doc in documents {
                changes.push(Change::DocumentMeta(document_meta(tx, doc)?));
            }
            changes.push(Change::CaseDeleted(*id));
            batch("Restore case", undo)
        }
        SetCaseAttribute { id, key, value } => {
            name_of(tx, "case_", "case", id.0)?;
            let old = set_attribute(tx, "case_attribute", "case_id", id.0, key, value.as_deref())?;
            changes.push(Change::Case(case_row(tx, id.0)?));
            SetCaseAttribute { id: *id, key: key.clone(), value: old }
        }

        AddDocument { id, title, text, case, imported } => {
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, None)?;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            if text.contains('\r') {
                return invalid("document text must use \\n line ends");
            }
            let char_len = text.chars().count();
            // Its parked copy goes first, so the file reuses those pages for the row.
            super::history_text::unpark(tx, id.0)?;
            exec(
                tx,
                "INSERT INTO document (id, title, text, char_len, case_id, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, title, text, char_len as i64, case.map(|c| c.0), imported],
            )?;
            changes.push(Change::DocumentAdded(Document {
                id: *id,
                title: title.to_owned(),
                text: Arc::from(text.as_str()),
                char_len,
                case: *case,
                attributes: Attributes::new(),
                imported: imported.clone(),
            }));
            DeleteDocument { id: *id }
        }
        RenameDocument { id, title } => {
            let old = title_of(tx, id.0)?;
            let title = required("document title", title)?;
            unique_name(tx, "document", "document", title, Some(id.0))?;
            exec(tx, "UPDATE document SET title = ?1 WHERE id = ?2", params![title, id.0])?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            RenameDocument { id: *id, title: old }
        }
        SetDocumentCase { id, case } => {
            let old = document_meta(tx, id.0)?.case;
            if let Some(case) = case {
                name_of(tx, "case_", "case", case.0)?;
            }
            exec(tx, "UPDATE document SET case_id = ?1 WHERE id = ?2", params![case.map(|c| c.0), id.0])?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            SetDocumentCase { id: *id, case: old }
        }
        SetDocumentAttribute { id, key, value } => {
            title_of(tx, id.0)?;
            let old = set_attribute(tx, "document_attribute", "document_id", id.0, key, value.as_deref())?;
            changes.push(Change::DocumentMeta(document_meta(tx, id.0)?));
            SetDocumentAttribute { id: *id, key: key.clone(), value: old }
        }
        DeleteDocument { id } => {
            let d = document_row(tx, id.0)?;
            let mut undo = vec![AddDocument {
                id: *id,
                title: d.title,
                text: d.text.to_string(),
                case: d.case,
                imported: d.imported,
            }];
            for (key, value) in d.attributes {
                undo.push(SetDocumentAttribute { id: *id, key, value: Some(value) });
            }
            undo.extend(memos_on(tx, "document", id.0, changes)?);
            let evidence = super::depth::evidence_on(tx, "document_id", id.0, changes)?;
            for coding in ids(tx, "SELECT id FROM coding WHERE document_id = ?1 ORDER BY id", id.0)? {
                undo.extend(restore_coding(tx, coding, changes)?);
            }
            undo.extend(evidence);
            exec(tx, "DELETE FROM document WHERE id = ?1", [id.0])?;
            super::history_text::park(tx, id.0, &d.text)?;
            changes.push(Change::DocumentDeleted(*id));
            batch("Restore document", undo)
        }

        CreateCode { id, name, color, definition, concept } => {
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, None)?;
            check_color(color)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            exec(
                tx,
                "INSERT INTO code (id, name, color, definition, concept_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.0, name, color, definition, concept.map(|c| c.0)],
            )?;
            changes.push(Change::Code(code_row(tx, id.0)?));
            DeleteCode { id: *id }
        }
        UpdateCode { id, name, color, definition } => {
            let old = code_row(tx, id.0)?;
            let name = required("code name", name)?;
            unique_name(tx, "code", "code", name, Some(id.0))?;
            check_color(color)?;
            exec(
                tx,
                "UPDATE code SET name = ?1, color = ?2, definition = ?3 WHERE id = ?4",
                params![name, color, definition, id.0],
            )?;
            changes.push(Change::Code(Code {
                name: name.to_owned(),
                color: color.clone(),
                definition: definition.clone(),
                ..old.clone()
            }));
            UpdateCode { id: *id, name: old.name, color: old.color, definition: old.definition }
        }
        SetCodeConcept { id, concept } => {
            let old = code_row(tx, id.0)?;
            if let Some(concept) = concept {
                name_of(tx, "concept", "concept", concept.0)?;
            }
            exec(tx, "UPDATE code SET concept_id = ?1 WHERE id = ?2", params![concept.map(|c| c.0), id.0])?;
            changes.push(Change::Code(Code { concept: *concept, ..old.clone() }));
            SetCodeConcept { id: *id, concept: old.concept }
        }
        DeleteCode { id } => {
            let old = code_row(tx, id.0)?;
            let mut undo = vec![CreateCode {
                id: *id,
                name: old.name,
                color: old.color,
                definition: old.definition,
                concept: old.concept,
            }];
            for coding in ids(tx, "SELECT id FROM coding WHERE code_id = ?1 ORDER BY id", id.0)? {
                let restore = restore_coding(tx, coding, changes)?;
                undo.extend(restore);
            }
            undo.extend(facets_of(tx, FacetOwner::Code(*id), changes)?);
            undo.extend(memos_on(tx, "code", id.0, changes)?);
            exec(tx, "DELETE FROM code WHERE id = ?1", [id.0])?;
            changes.push(Change::CodeDeleted(*id));
            batch("Restore code", undo)
        }

        CreateConcept { id, name, category } => {
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, None)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            exec(
                tx,
                "INSERT INTO concept (id, name, category_id) VALUES (?1, ?2, ?3)",
                params![id.0, name, category.map(|c| c.0)],
            )?;
            changes.push(Change::Concept(concept_row(tx, id.0)?));
            DeleteConcept { id: *id }
        }
        RenameConcept { id, name } => {
            let old = name_of(tx, "concept", "concept", id.0)?;
            let name = required("concept name", name)?;
            unique_name(tx, "concept", "concept", name, Some(id.0))?;
            exec(tx, "UPDATE concept SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Concept(concept_row(tx, id.0)?));
            RenameConcept { id: *id, name: old }
        }
        SetConceptCategory { id, category } => {
            let old = concept_row(tx, id.0)?;
            if let Some(category) = category {
                name_of(tx, "category", "category", category.0)?;
            }
            exec(tx, "UPDATE concept SET category_id = ?1 WHERE id = ?2", params![category.map(|c| c.0), id.0])?;
            changes.push(Change::Concept(Concept { category: *category, ..old.clone() }));
            SetConceptCategory { id: *id, category: old.category }
        }
        DeleteConcept { id } => {
            let old = concept_row(tx, id.0)?;
            let mut undo = vec![CreateConcept { id: *id, name: old.name, category: old.category }];
            let codes = ids(tx, "SELECT id FROM code WHERE concept_id = ?1 ORDER BY id", id.0)?;
            for code in &codes {
                undo.push(SetCodeConcept { id: CodeId(*code), concept: Some(*id) });
            }
            undo.extend(facets_of(tx, FacetOwner::Concept(*id), changes)?);
            undo.extend(memos_on(tx, "concept", id.0, changes)?);
            exec(tx, "DELETE FROM concept WHERE id = ?1", [id.0])?;
            for code in codes {
                changes.push(Change::Code(code_row(tx, code)?));
            }
            changes.push(Change::ConceptDeleted(*id));
            batch("Restore concept", undo)
        }

        CreateCategory { id, name, class } => {
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, None)?;
            exec(
                tx,
                "INSERT INTO category (id, name, class) VALUES (?1, ?2, ?3)",
                params![id.0, name, class.map(|c| c.key())],
            )?;
            changes.push(Change::Category(category_row(tx, id.0)?));
            DeleteCategory { id: *id }
        }
        RenameCategory { id, name } => {
            let old = name_of(tx, "category", "category", id.0)?;
            let name = required("category name", name)?;
            unique_name(tx, "category", "category", name, Some(id.0))?;
            exec(tx, "UPDATE category SET name = ?1 WHERE id = ?2", params![name, id.0])?;
            changes.push(Change::Category(category_row(tx, id.0)?));
            RenameCategory { id: *id, name: old }
        }
        SetCategoryClass { id, class } => {
            let old = category_row(tx, id.0)?;
            exec(tx, "UPDATE category SET class = ?1 WHERE id = ?2", params![class.map(|c| c.key()), id.0])?;
            changes.push(Change::Category(Category { class: *class, ..old.clone() }));
            SetCategoryClass { id: *id, class: old.class }
        }
        SetCoreCategory { id } => {
            if let Some(id) = id {
                name_of(tx, "category", "category", id.0)?;
            }
            let old: Option<i64> = query_row(tx, "SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            exec(tx, "UPDATE project SET core_category = ?1 WHERE id = 1", [id.map(|c| c.0)])?;
            changes.push(Change::CoreCategory(*id));
            SetCoreCategory { id: old.map(CategoryId) }
        }
        DeleteCategory { id } => {
            let old = category_row(tx, id.0)?;
            let mut undo = vec![CreateCategory { id: *id, name: old.name, class: old.class }];
            let core: Option<i64> = query_row(tx, "SELECT core_category FROM project WHERE id = 1", [], |r| r.get(0))?;
            if core == Some(id.0) {
                undo.push(SetCoreCategory { id: Some(*id) });
            }
            let concepts = ids(tx, "SELECT id FROM concept WHERE category_id = ?1 ORDER BY id", id.0)?;
            for concept in &concepts {
                undo.push(SetConceptCategory { id: ConceptId(*concept), category: Some(*id) });
            }
            let mut stmt = tx.prepare_cached(
                "SELECT id, from_id, to_id, kind FROM relation WHERE from_id = ?1 OR to_id = ?1 ORDER BY id",
            )?;
            let relations = stmt
                .query_map([id.0], |r| {
                    Ok(Relation {
                        id: RelationId(r.get(0)?),
                        from: CategoryId(r.get(1)?),
                        to: CategoryId(r.get(2)?),
                        kind: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut relation_dependents = Vec::new();
            for r in relations {
                relation_dependents.extend(super::depth::evidence_on(tx, "relation_id", r.id.0, changes)?);
                relation_dependents.extend(memos_on(tx, "relation", r.id.0, changes)?);
                changes.push(Change::RelationDeleted(r.id));
                undo.push(CreateRelation { id: r.id, from: r.from, to: r.to, kind: r.kind });
            }
            undo.extend(relation_dependents);
            undo.extend(super::depth::category_dependents(tx, *id, changes)?);
            undo.extend(facets_of(tx, FacetOwner::Category(*id), changes)?);
            undo.extend(memos_on(tx, "category", id.0, changes)?);
            exec(tx, "DELETE FROM category WHERE id = ?1", [id.0])?;
            if core == Some(id.0) {
                changes.push(Change::CoreCategory(None));
            }
            for concept in concepts {
                changes.push(Change::Concept(concept_row(tx, concept)?));
            }
            changes.push(Change::CategoryDeleted(*id));
            batch("Restore category", undo)
        }

        CreateRelation { id, from, to, kind } => {
            name_of(tx, "category", "category", from.0)?;
            name_of(tx, "category", "category", to.0)?;
            let kind = required("relation kind", kind)?;
            if from == to {
                return invalid("a relation links two different categories; pick another target");
            }
            let new_kind = vocabulary::ensure_kind(tx, kind, changes)?;
            exec(
                tx,
                "INSERT INTO relation (id, from_id, to_id, kind) VALUES (?1, ?2, ?3, ?4)",
                params![id.0, from.0, to.0, kind],
            )?;
            changes.push(Change::Relation(Relation { id: *id, from: *from, to: *to, kind: kind.to_owned() }));
            if new_kind {
                batch("Delete relation", vec![DeleteRelation { id: *id }, DeleteRelationKind { name: kind.to_owned() }])
            } else {
                DeleteRelation { id: *id }
            }
        }
        DeleteRelation { id } => {
            let (from, to, kind): (i64, i64, String) =
                query_row(tx, "SELECT from_id, to_id, kind FROM relation WHERE id = ?1", [id.0], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| not_found("relation", id.0))?;
            let mut undo = vec![CreateRelation { id: *id, from: CategoryId(from), to: CategoryId(to), kind }];
            undo.extend(super::depth::evidence_on(tx, "relation_id", id.0, changes)?);
            undo.extend(memos_on(tx, "relation", id.0, changes)?);
            exec(tx, "DELETE FROM relation WHERE id = ?1", [id.0])?;
            changes.push(Change::RelationDeleted(*id));
            if undo.len() == 1 { undo.remove(0) } else { batch("Restore relation", undo) }
        }

        AddEvidence { .. }
        | RemoveEvidence { .. }
        | CreateProperty { .. }
        | UpdateProperty { .. }
        | RenamePropertyPoint { .. }
        | DeleteProperty { .. }
        | PlaceCoding { .. }
        | SetCategoryLevel { .. }
        | SetCodingPrompted { .. } => super::depth::apply(tx, action, changes)?,

        CreateCoding { id, document, code, start, end, coder, created } => {
            check_range(tx, document.0, *start, *end)?;
            code_row(tx, code.0)?;
            exec(
                tx,
                "INSERT INTO coding (id, document_id, code_id, start, end, coder, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id.0, document.0, code.0, *start as i64, *end as i64, coder, created],
            )?;
            changes.push(Change::Coding(Coding {
                id: *id,
                document: *document,
                code: *code,
                start: *start,
                end: *end,
                coder: coder.clone(),
                created: created.clone(),
            }));
            DeleteCoding { id: *id }
        }
        SetCodingRange { id, start, end } => {
            let old = coding_row(tx, id.0)?;
            check_range(tx, old.document.0, *start, *end)?;
            exec(
                tx,
                "UPDATE coding SET start = ?1, end = ?2 WHERE id = ?3",
                params![*start as i64, *end as i64, id.0],
            )?;
            changes.push(Change::Coding(Coding { start: *start, end: *end, ..old.clone() }));
            SetCodingRange { id: *id, start: old.start, end: old.end }
        }
        SetCodingCode { id, code } => {
            let old = coding_row(tx, id.0)?;
            code_row(tx, code.0)?;
            exec(tx, "UPDATE coding SET code_id = ?1 WHERE id = ?2", params![code.0, id.0])?;
            changes.push(Change::Coding(Coding { code: *code, ..old.clone() }));
            SetCodingCode { id: *id, code: old.code }
        }
        DeleteCoding { id } => {
            let undo = restore_coding(tx, id.0, changes)?;
            exec(tx, "DELETE FROM coding WHERE id = ?1", [id.0])?;
            batch("Restore coding", undo)
        }

        CreateMemo { id, target, title, text, author, created, modified } => {
            check_memo_target(tx, target)?;
            let (kind, target_id) = memo_target_columns(target);
            exec(
                tx,
                "INSERT INTO memo (id, target_kind, target_id, title, text, author, created, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id.0, kind, target_id, title, text, author, created, modified],
            )?;
            changes.push(Change::Memo(Memo {
                id: *id,
                target: target.clone(),
                title: title.clone(),
                text: text.clone(),
                author: author.clone(),
                created: created.clone(),
                modified: modified.clone(),
            }));
            DeleteMemo { id: *id }
        }
        UpdateMemo { id, title, text, modified } => {
            let old = memo(tx, id.0)?;
            exec(
                tx,
                "UPDATE memo SET title = ?1, text = ?2, modified = ?3 WHERE id = ?4",
                params![title, text, modified, id.0],
            )?;
            let undo = UpdateMemo {
                id: *id,
                title: old.title.clone(),
                text: old.text.clone(),
                modified: old.modified.clone(),
            };
            changes.push(Change::Memo(Memo {
                title: title.clone(),
                text: text.clone(),
                modified: modified.clone(),
                ..old
            }));
            undo
        }
        DeleteMemo { id } => {
            let undo = create_memo(memo(tx, id.0)?);
            exec(tx, "DELETE FROM memo WHERE id = ?1", [id.0])?;
            changes.push(Change::MemoDeleted(*id));
            undo
        }

        CreateDimension { dimension, position } => vocabulary::create_dimension(tx, dimension, *position, changes)?,
        DeleteDimension { key } => vocabulary::delete_dimension(tx, key, changes)?,
        RenameDimension { key, label } => vocabulary::rename_dimension(tx, key, label, changes)?,
        MoveDimension { key, position } => vocabulary::move_dimension(tx, key, *position, changes)?,
        CreateDimensionValue { dimension, value, position } => {
            vocabulary::create_value(tx, dimension, value, *position, changes)?
        }
        RenameDimensionValue { dimension, key, label } => vocabulary::rename_value(tx, dimension, key, label, changes)?,
        MoveDimensionValue { dimension, key, position } => {
            vocabulary::move_value(tx, dimension, key, *position, changes)?
        }
        DeleteDimensionValue { dimension, key } => vocabulary::delete_value(tx, dimension, key, changes)?,
        CreateRelationKind { name, position } => vocabulary::create_kind(tx, name, *position, changes)?,
        RenameRelationKind { name, new_name } => vocabulary::rename_kind(tx, name, new_name, changes)?,
        MoveRelationKind { name, position } => vocabulary::move_kind(tx, name, *position, changes)?,
        DeleteRelationKind { name } => vocabulary::delete_kind(tx, name, changes)?,
        SetFacet { owner, dimension, value } => {
            let (kind, owner_id) = facet_owner_columns(*owner);
            match owner {
                FacetOwner::Code(id) => drop(code_row(tx, id.0)?),
                FacetOwner::Concept(id) => drop(name_of(tx, "concept", "concept", id.0)?),
                FacetOwner::Category(id) => drop(name_of(tx, "category", "category", id.0)?),
            }
            if let Some(value) = value
                && !dimension_value_exists(tx, dimension, value)?
            {
                return invalid(format!(
                    "\u{201c}{value}\u{201d} is not a value of the cube dimension \u{201c}{dimension}\u{201d}"
                ));
            }
            let old: Option<String> = query_row(
                tx,
                "SELECT value FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                params![kind, owner_id, dimension],
                |r| r.get(0),
            )
            .optional()?;
            exec(
                tx,
                "DELETE FROM facet WHERE owner_kind = ?1 AND owner_id = ?2 AND dimension = ?3",
                params![kind, owner_id, dimension],
            )?;
            if let Some(value) = value {
                exec(
                    tx,
                    "INSERT INTO facet (owner_kind, owner_id, dimension, value) VALUES (?1, ?2, ?3, ?4)",
                    params![kind, owner_id, dimension, value],
                )?;
            }
            changes.push(Change::Facet { owner: *owner, dimension: dimension.clone(), value: value.clone() });
            SetFacet { owner: *owner, dimension: dimension.clone(), value: old }
        }

        SetUid { kind, id, uid } => {
            let uid = required("id", uid)?;
            let old: String = query_row(
                tx,
                "SELECT uid FROM item_uid WHERE kind = ?1 AND id = ?2",
                params![kind.as_str(), id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found("item", *id))?;
            let holder: Option<(String, i64)> =
                query_row(tx, "SELECT kind, id FROM item_uid WHERE uid = ?1", [uid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
            // The id may be kept by an item deleted here (ids stay with their rows): it gives
            // it up for a fresh one, and the undo gives it back.
            let mut undo = vec![SetUid { kind: *kind, id: *id, uid: old.clone() }];
            if let Some((holder_kind, holder_id)) = holder.filter(|_| old != uid) {
                let holder_kind = UidKind::from_key(&holder_kind).ok_or_else(|| not_found("item", holder_id))?;
                if super::uids::item_exists(tx, holder_kind, holder_id)? {
                    return invalid(format!("the id {uid} is already another item's in this project"));
                }
                let fresh = crate::model::new_uid();
                exec(
                    tx,
                    "UPDATE item_uid SET uid = ?1 WHERE kind = ?2 AND id = ?3",
                    params![fresh, holder_kind.as_str(), holder_id],
                )?;
                undo.push(SetUid { kind: holder_kind, id: holder_id, uid: uid.to_owned() });
            }
            exec(tx, "UPDATE item_uid SET uid = ?1 WHERE kind = ?2 AND id = ?3", params![uid, kind.as_str(), id])?;
            if undo.len() == 1 { undo.remove(0) } else { batch("Keep an id from elsewhere", undo) }
        }

        SetPersonUid { name, uid } => {
            let uid = required("id", uid)?;
            let old: String =
                query_row(tx, "SELECT uid FROM person WHERE name = ?1", [name], |r| r.get(0)).optional()?.ok_or_else(
                    || StoreError::Invalid(format!("there is no coder or author named \u{201c}{name}\u{201d}")),
                )?;
            let taken: Option<String> =
                query_row(tx, "SELECT name FROM person WHERE uid = ?1", [uid], |r| r.get(0)).optional()?;
            if taken.as_ref().is_some_and(|t| t != name) {
                return invalid(format!("the id {uid} is already another person's in this project"));
            }
            exec(tx, "UPDATE person SET uid = ?1 WHERE name = ?2", params![uid, name])?;
            SetPersonUid { name: name.clone(), uid: old }
        }

        SetExpectation { row, column, level } => {
            for r in [row, column] {
                if !dimension_value_exists(tx, &r.dimension, &r.value)? {
                    return invalid(format!(
                        "\u{201c}{}\u{201d} is not a value of the cube dimension \u{201c}{}\u{201d}",
                        r.value, r.dimension
                    ));
                }
            }
            if row.dimension == column.dimension {
                return invalid("an expectation pairs values of two different cube dimensions");
            }
            if let Some(level) = level
                && !EXPECTED_LEVELS.contains(&level.as_str())
            {
                return invalid(format!("\u{201c}{level}\u{201d} is not a level; use {}", EXPECTED_LEVELS.join(", ")));
            }
            let keys = params![row.dimension, row.value, column.dimension, column.value];
            let old: Option<String> = query_row(
                tx,
                "SELECT level FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                 AND column_dimension = ?3 AND column_value = ?4",
                keys,
                |r| r.get(0),
            )
            .optional()?;
            exec(
                tx,
                "DELETE FROM expectation WHERE row_dimension = ?1 AND row_value = ?2
                 AND column_dimension = ?3 AND column_value = ?4",
                keys,
            )?;
            if let Some(level) = level {
                exec(
                    tx,
                    "INSERT INTO expectation (row_dimension, row_value, column_dimension, column_value, level)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![row.dimension, row.value, column.dimension, column.value, level],
                )?;
            }
            changes.push(Change::Expectation { row: row.clone(), column: column.clone(), level: level.clone() });
            SetExpectation { row: row.clone(), column: column.clone(), level: old }
        }

        Batch { label, actions } => {
            let mut undo = Vec::with_capacity(actions.len());
            for action in actions {
                undo.push(apply(tx, action, changes)?);
            }
            undo.reverse();
            Batch { label: format!("Undo {label}"), actions: undo }
        }
    })
}

fn set_attribute(
    tx: &Connection,
    table: &str,
    owner: &str,
    id: i64,
    key: &str,
    value: Option<&str>,
) -> Result<Option<String>> {
    let key = required("attribute name", key)?;
    let old: Option<String> =
        query_row(tx, &format!("SELECT value FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key], |r| {
            r.get(0)
        })
        .optional()?;
    exec(tx, &format!("DELETE FROM {table} WHERE {owner} = ?1 AND key = ?2"), params![id, key])?;
    if let Some(value) = value {
        exec(tx, &format!("INSERT INTO {table} ({owner}, key, value) VALUES (?1, ?2, ?3)"), params![id, key, value])?;
    }
    Ok(old)
}
