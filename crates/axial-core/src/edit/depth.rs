//! Edits of the method's depth by name, as `axial edit` and the window ask for them: a
//! category's properties and their dimensions, a passage placed on a dimension, a relation's
//! evidence and memo, a category's matrix level, a coding's prompted mark.

use super::{EditError, category_id, is_none};
use crate::model::*;
use crate::store::IdAllocator;

fn refused<T>(sentence: impl Into<String>) -> Result<T, EditError> {
    Err(EditError::Refused(sentence.into()))
}

/// Points from a comma-separated list ("low, medium, high"), trimmed.
pub fn points(list: &str) -> Vec<String> {
    list.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

/// A category's property by name.
pub fn property<'a>(p: &'a Project, category: &str, name: &str) -> Result<&'a Property, EditError> {
    let id = category_id(p, category)?;
    p.depth().property_named(id, name).ok_or_else(|| {
        let names: Vec<&str> = p.depth().properties_of(id).map(|p| p.name.as_str()).collect();
        let has = if names.is_empty() { "none yet".to_owned() } else { names.join(", ") };
        EditError::Refused(format!(
            "the category \u{201c}{category}\u{201d} has no property \u{201c}{name}\u{201d} (its properties: {has})"
        ))
    })
}

pub fn add_property(
    p: &Project,
    ids: &mut IdAllocator,
    category: &str,
    name: &str,
    dimension: PropertyDimension,
) -> Result<Action, EditError> {
    let category = category_id(p, category)?;
    if let Some(problem) = dimension.problem() {
        return refused(problem);
    }
    Ok(Action::CreateProperty { id: ids.property(), category, name: name.trim().to_owned(), dimension })
}

/// Renames a property or gives it other points (absent: as they are).
pub fn edit_property(
    p: &Project,
    category: &str,
    name: &str,
    new_name: Option<&str>,
    dimension: Option<PropertyDimension>,
) -> Result<Action, EditError> {
    let property = property(p, category, name)?;
    Ok(Action::UpdateProperty {
        id: property.id,
        name: new_name.unwrap_or(&property.name).trim().to_owned(),
        dimension: dimension.unwrap_or_else(|| property.dimension.clone()),
    })
}

pub fn rename_point(p: &Project, category: &str, name: &str, point: &str, new: &str) -> Result<Action, EditError> {
    let property = property(p, category, name)?;
    Ok(Action::RenamePropertyPoint { id: property.id, point: point.into(), new_name: new.trim().into() })
}

pub fn delete_property(p: &Project, category: &str, name: &str) -> Result<Action, EditError> {
    Ok(Action::DeleteProperty { id: property(p, category, name)?.id })
}

pub fn coding(p: &Project, id: i64) -> Result<&Coding, EditError> {
    p.coding(CodingId(id)).ok_or_else(|| {
        EditError::Refused(format!(
            "there is no coded passage with id {id}; `axial report PROJECT retrieval --format json` gives each passage's id"
        ))
    })
}

/// Places a coded passage on a point of a property (`none`: takes it off).
pub fn place_passage(
    p: &Project,
    coding_id: i64,
    category: &str,
    name: &str,
    point: &str,
) -> Result<Action, EditError> {
    let coding = coding(p, coding_id)?;
    let property = property(p, category, name)?;
    let point = if is_none(point) { None } else { Some(point.to_owned()) };
    if let Some(point) = &point
        && !property.dimension.points.contains(point)
    {
        return refused(format!(
            "\u{201c}{point}\u{201d} is not a point of \u{201c}{}\u{201d}; its points are {}",
            property.name,
            property.dimension.points.join(", ")
        ));
    }
    Ok(Action::PlaceCoding { coding: coding.id, property: property.id, point })
}

/// A relation by "FROM -> TO" (the first of that pair when it has several kinds, unless a
/// kind is named) or by its id.
pub fn relation(p: &Project, name: &str, kind: Option<&str>) -> Result<RelationId, EditError> {
    if let Ok(id) = name.trim().parse::<i64>() {
        return p
            .relation(RelationId(id))
            .map(|r| r.id)
            .ok_or_else(|| EditError::Refused(format!("there is no relation with id {id}")));
    }
    let Some((from, to)) = name.split_once("->") else {
        return refused(format!(
            "name a relation as \u{201c}FROM -> TO\u{201d} (its two categories), not \u{201c}{name}\u{201d}"
        ));
    };
    let (from, to) = (category_id(p, from.trim())?, category_id(p, to.trim())?);
    let mut found = p.relations().filter(|r| r.from == from && r.to == to && kind.is_none_or(|k| r.kind == k));
    match (found.next(), found.next()) {
        (Some(r), None) => Ok(r.id),
        (Some(_), Some(_)) => refused("these two categories are related more than once; name the relation's --kind"),
        (None, _) => refused(format!("there is no relation {name}; relate the two categories first")),
    }
}

/// Evidence for a relation: the passage of a coding, or a stretch of a document.
pub enum Passage<'a> {
    Coding(i64),
    Range { document: &'a str, start: usize, end: usize },
}

pub fn add_evidence(
    p: &Project,
    ids: &mut IdAllocator,
    relation: RelationId,
    passage: Passage,
) -> Result<Action, EditError> {
    let (document, start, end) = match passage {
        Passage::Coding(id) => {
            let c = coding(p, id)?;
            (c.document, c.start, c.end)
        }
        Passage::Range { document, start, end } => {
            let d = p
                .documents()
                .find(|d| d.title == document)
                .ok_or_else(|| EditError::UnknownRecord("document", document.into()))?;
            if start >= end || end > d.char_len() {
                return refused(format!(
                    "the passage {start}..{end} is not inside \u{201c}{document}\u{201d} (0..{}); give a start before its end",
                    d.char_len()
                ));
            }
            (d.id, start, end)
        }
    };
    Ok(Action::AddEvidence { id: ids.evidence(), relation, document, start, end })
}

pub fn remove_evidence(p: &Project, id: i64) -> Result<Action, EditError> {
    p.depth().evidence_item(EvidenceId(id)).map(|e| Action::RemoveEvidence { id: e.id }).ok_or_else(|| {
        EditError::Refused(format!(
            "there is no evidence passage with id {id}; `axial report PROJECT relations` lists them"
        ))
    })
}

/// Writes the memo on a relation: its first memo's text is replaced, or a memo is made.
pub fn relation_memo(p: &Project, ids: &mut IdAllocator, relation: RelationId, text: &str, author: &str) -> Action {
    let now = now_rfc3339();
    match p.memos_on(&MemoTarget::Relation(relation)).next() {
        Some(m) => Action::UpdateMemo { id: m.id, title: m.title.clone(), text: text.into(), modified: now },
        None => Action::CreateMemo {
            id: ids.memo(),
            target: MemoTarget::Relation(relation),
            title: String::new(),
            text: text.into(),
            author: author.into(),
            created: now.clone(),
            modified: now,
        },
    }
}

/// Sets a category's level of the conditional/consequential matrix (`none`: clears it).
pub fn level(p: &Project, category: &str, level: &str) -> Result<Action, EditError> {
    let id = category_id(p, category)?;
    let level = if is_none(level) {
        None
    } else {
        Some(ConditionLevel::from_key(level).ok_or_else(|| {
            EditError::Refused(format!(
                "\u{201c}{level}\u{201d} is not a level of the matrix; use one of {} or none",
                ConditionLevel::ALL.map(|l| l.key()).join(", ")
            ))
        })?)
    };
    Ok(Action::SetCategoryLevel { id, level })
}

pub fn prompted(p: &Project, coding_id: i64, prompted: bool) -> Result<Action, EditError> {
    Ok(Action::SetCodingPrompted { id: coding(p, coding_id)?.id, prompted })
}
