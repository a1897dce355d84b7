//! Edits of the category model by name, as the command line (`axial edit`) and the window's
//! code tree ask for them: each builds one action (a batch where it takes several rows) that
//! the store applies as one undoable step. Names are resolved against the live project first,
//! so a wrong name is one sentence naming it and nothing is written.

use crate::model::*;
use crate::store::IdAllocator;
use std::collections::{BTreeSet, HashSet};

pub mod depth;
pub mod records;
pub mod settle;
pub mod vocabulary;

/// Which level of the hierarchy an edit names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Code,
    Concept,
    Category,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Code => "code",
            Level::Concept => "concept",
            Level::Category => "category",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("there is no {} named \u{201c}{name}\u{201d} in this project; check the spelling (names are exact)", .level.name())]
    Unknown { level: Level, name: String },
    #[error("\u{201c}{0}\u{201d} is not a paradigm class; use one of {classes} or none", classes = class_keys())]
    UnknownClass(String),
    #[error("name two or more {0}s to merge")]
    TooFewToMerge(&'static str),
    #[error("\u{201c}{0}\u{201d} is named twice; name each {1} to merge once")]
    NamedTwice(String, &'static str),
    #[error("there is no cube dimension \u{201c}{0}\u{201d}; the project's are {1}")]
    UnknownDimension(String, String),
    #[error("\u{201c}{0}\u{201d} is not a value of the cube dimension \u{201c}{1}\u{201d}; its values are {2}")]
    UnknownValue(String, String, String),
    #[error(
        "\u{201c}{0}\u{201d} is not a relation kind of this project ({1}); add it first with `axial edit PROJECT kind add \u{201c}{0}\u{201d}`"
    )]
    UnknownKind(String, String),
    #[error("positions count from 1")]
    ZeroPosition,
    #[error("there is no {0} named \u{201c}{1}\u{201d} in this project; check the spelling (names are exact)")]
    UnknownRecord(&'static str, String),
    /// Any other edit that cannot be made, in one sentence.
    #[error("{0}")]
    Refused(String),
}

fn class_keys() -> String {
    ParadigmClass::ALL.map(|c| c.key()).join(", ")
}

/// `none` (or an empty string) means "take it out": unplace, ungroup, clear.
pub fn is_none(word: &str) -> bool {
    word.is_empty() || word.eq_ignore_ascii_case("none")
}

pub fn code_id(p: &Project, name: &str) -> Result<CodeId, EditError> {
    p.code_named(name).map(|c| c.id).ok_or(EditError::Unknown { level: Level::Code, name: name.into() })
}

pub fn concept_id(p: &Project, name: &str) -> Result<ConceptId, EditError> {
    p.concepts()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .ok_or(EditError::Unknown { level: Level::Concept, name: name.into() })
}

pub fn category_id(p: &Project, name: &str) -> Result<CategoryId, EditError> {
    p.categories()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .ok_or(EditError::Unknown { level: Level::Category, name: name.into() })
}

/// A paradigm class by key, or `None` for "none".
pub fn class(key: &str) -> Result<Option<ParadigmClass>, EditError> {
    if is_none(key) {
        return Ok(None);
    }
    ParadigmClass::from_key(key).map(Some).ok_or_else(|| EditError::UnknownClass(key.into()))
}

pub fn new_concept(
    p: &Project,
    ids: &mut IdAllocator,
    name: &str,
    category: Option<&str>,
) -> Result<Action, EditError> {
    let category = category.filter(|c| !is_none(c)).map(|c| category_id(p, c)).transpose()?;
    Ok(Action::CreateConcept { id: ids.concept(), name: name.into(), category })
}

pub fn new_category(ids: &mut IdAllocator, name: &str, class_key: Option<&str>) -> Result<Action, EditError> {
    let class = class_key.map(class).transpose()?.flatten();
    Ok(Action::CreateCategory { id: ids.category(), name: name.into(), class })
}

pub fn move_code(p: &Project, code: &str, concept: &str) -> Result<Action, EditError> {
    let id = code_id(p, code)?;
    let concept = if is_none(concept) { None } else { Some(concept_id(p, concept)?) };
    Ok(Action::SetCodeConcept { id, concept })
}

pub fn move_concept(p: &Project, concept: &str, category: &str) -> Result<Action, EditError> {
    let id = concept_id(p, concept)?;
    let category = if is_none(category) { None } else { Some(category_id(p, category)?) };
    Ok(Action::SetConceptCategory { id, category })
}

pub fn place(p: &Project, category: &str, class_key: &str) -> Result<Action, EditError> {
    Ok(Action::SetCategoryClass { id: category_id(p, category)?, class: class(class_key)? })
}

pub fn rename(p: &Project, level: Level, old: &str, new: &str) -> Result<Action, EditError> {
    Ok(match level {
        Level::Code => {
            let code = p.code(code_id(p, old)?).expect("resolved above");
            Action::UpdateCode {
                id: code.id,
                name: new.into(),
                color: code.color.clone(),
                definition: code.definition.clone(),
            }
        }
        Level::Concept => Action::RenameConcept { id: concept_id(p, old)?, name: new.into() },
        Level::Category => Action::RenameCategory { id: category_id(p, old)?, name: new.into() },
    })
}

pub fn set_core(p: &Project, category: &str) -> Result<Action, EditError> {
    let id = if is_none(category) { None } else { Some(category_id(p, category)?) };
    Ok(Action::SetCoreCategory { id })
}

/// Relates two categories with one of the project's relation kinds (a typo is refused, not
/// added as a new kind: `kind add` does that on purpose).
pub fn relate(p: &Project, ids: &mut IdAllocator, from: &str, to: &str, kind: &str) -> Result<Action, EditError> {
    let from = category_id(p, from)?;
    let to = category_id(p, to)?;
    let kind = vocabulary::kind(p, kind)?;
    Ok(Action::CreateRelation { id: ids.relation(), from, to, kind })
}

pub fn facet(p: &Project, level: Level, name: &str, dimension: &str, value: &str) -> Result<Action, EditError> {
    let dimension = vocabulary::dimension(p, dimension)?;
    let value = if is_none(value) { None } else { Some(vocabulary::value(dimension, value)?.key.clone()) };
    let owner = match level {
        Level::Code => FacetOwner::Code(code_id(p, name)?),
        Level::Concept => FacetOwner::Concept(concept_id(p, name)?),
        Level::Category => FacetOwner::Category(category_id(p, name)?),
    };
    Ok(Action::SetFacet { owner, dimension: dimension.key.clone(), value })
}

/// What deleting an item takes with it, for a confirmation that says so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consequences {
    /// Codings deleted with a code.
    pub codings: usize,
    /// Memos deleted with the item (and with its codings).
    pub memos: usize,
    /// Relations deleted with a category.
    pub relations: usize,
    /// Codes or concepts left without a concept or category.
    pub ungrouped: usize,
}

/// The action that deletes an item, and what goes with it.
pub fn delete(p: &Project, level: Level, name: &str) -> Result<(Action, Consequences), EditError> {
    Ok(match level {
        Level::Code => {
            let id = code_id(p, name)?;
            let coding_memos: usize = p.codings_of(id).map(|c| p.memos_on(&MemoTarget::Coding(c.id)).count()).sum();
            let consequences = Consequences {
                codings: p.codings_of(id).count(),
                memos: p.memos_on(&MemoTarget::Code(id)).count() + coding_memos,
                ..Default::default()
            };
            (Action::DeleteCode { id }, consequences)
        }
        Level::Concept => {
            let id = concept_id(p, name)?;
            let consequences = Consequences {
                memos: p.memos_on(&MemoTarget::Concept(id)).count(),
                ungrouped: p.codes().filter(|c| c.concept == Some(id)).count(),
                ..Default::default()
            };
            (Action::DeleteConcept { id }, consequences)
        }
        Level::Category => {
            let id = category_id(p, name)?;
            let consequences = Consequences {
                memos: p.memos_on(&MemoTarget::Category(id)).count(),
                relations: p.relations().filter(|r| r.from == id || r.to == id).count(),
                ungrouped: p.concepts().filter(|c| c.category == Some(id)).count(),
                ..Default::default()
            };
            (Action::DeleteCategory { id }, consequences)
        }
    })
}

/// Merges two or more items into one, as one undoable step. The item named `into` survives if
/// it is one of them; otherwise the first is kept and renamed to `into`.
///
/// Codes: the others' codings move to the kept code, and where two codings of the merged codes
/// cover the same passage of the same document only one stays; their memos are copied onto the
/// kept code; the others are deleted. Concepts: the others' codes move under the kept concept.
/// Categories: concepts move, relations are re-pointed (dropping any that would link the kept
/// category to itself or repeat one it has), and the core category follows. Facets of the kept
/// item stay as they are.
pub fn merge(
    p: &Project,
    ids: &mut IdAllocator,
    level: Level,
    names: &[String],
    into: &str,
) -> Result<Action, EditError> {
    if names.len() < 2 {
        return Err(EditError::TooFewToMerge(level.name()));
    }
    let mut seen = HashSet::new();
    if let Some(twice) = names.iter().find(|n| !seen.insert(n.as_str())) {
        return Err(EditError::NamedTwice(twice.clone(), level.name()));
    }
    let kept_index = names.iter().position(|n| n == into).unwrap_or(0);
    let rename_to = (names[kept_index] != into).then(|| into.to_owned());
    let mut actions = Vec::new();
    match level {
        Level::Code => {
            let codes: Vec<CodeId> = names.iter().map(|n| code_id(p, n)).collect::<Result<_, _>>()?;
            let kept = codes[kept_index];
            let mut passages: HashSet<(DocumentId, usize, usize)> =
                p.codings_of(kept).map(|c| (c.document, c.start, c.end)).collect();
            let now = now_rfc3339();
            for &other in codes.iter().filter(|c| **c != kept) {
                for c in p.codings_of(other) {
                    if passages.insert((c.document, c.start, c.end)) {
                        actions.push(Action::SetCodingCode { id: c.id, code: kept });
                    } else {
                        actions.push(Action::DeleteCoding { id: c.id });
                    }
                }
                for m in p.memos_on(&MemoTarget::Code(other)) {
                    actions.push(Action::CreateMemo {
                        id: ids.memo(),
                        target: MemoTarget::Code(kept),
                        title: m.title.clone(),
                        text: m.text.clone(),
                        author: m.author.clone(),
                        created: m.created.clone(),
                        modified: now.clone(),
                    });
                }
                actions.push(Action::DeleteCode { id: other });
            }
            if let Some(name) = rename_to {
                let code = p.code(kept).expect("resolved above");
                actions.push(Action::UpdateCode {
                    id: kept,
                    name,
                    color: code.color.clone(),
                    definition: code.definition.clone(),
                });
            }
        }
        Level::Concept => {
            let concepts: Vec<ConceptId> = names.iter().map(|n| concept_id(p, n)).collect::<Result<_, _>>()?;
            let kept = concepts[kept_index];
            for &other in concepts.iter().filter(|c| **c != kept) {
                for code in p.codes().filter(|c| c.concept == Some(other)) {
                    actions.push(Action::SetCodeConcept { id: code.id, concept: Some(kept) });
                }
                actions.push(Action::DeleteConcept { id: other });
            }
            if let Some(name) = rename_to {
                actions.push(Action::RenameConcept { id: kept, name });
            }
        }
        Level::Category => {
            let categories: Vec<CategoryId> = names.iter().map(|n| category_id(p, n)).collect::<Result<_, _>>()?;
            let kept = categories[kept_index];
            let merged: BTreeSet<CategoryId> = categories.iter().copied().collect();
            let point = |c: CategoryId| if merged.contains(&c) { kept } else { c };
            let mut relations: HashSet<(CategoryId, CategoryId, String)> = p
                .relations()
                .filter(|r| r.from == kept || r.to == kept)
                .map(|r| (r.from, r.to, r.kind.clone()))
                .collect();
            for &other in categories.iter().filter(|c| **c != kept) {
                for concept in p.concepts().filter(|c| c.category == Some(other)) {
                    actions.push(Action::SetConceptCategory { id: concept.id, category: Some(kept) });
                }
                for r in p.relations().filter(|r| r.from == other || r.to == other) {
                    let (from, to) = (point(r.from), point(r.to));
                    // Deleting the category deletes its relations; the re-pointed copy stays.
                    if from != to && relations.insert((from, to, r.kind.clone())) {
                        actions.push(Action::CreateRelation { id: ids.relation(), from, to, kind: r.kind.clone() });
                    }
                }
                if p.core_category() == Some(other) {
                    actions.push(Action::SetCoreCategory { id: Some(kept) });
                }
                actions.push(Action::DeleteCategory { id: other });
            }
            if let Some(name) = rename_to {
                actions.push(Action::RenameCategory { id: kept, name });
            }
        }
    }
    Ok(Action::Batch { label: format!("Merge {} {}s into \u{201c}{into}\u{201d}", names.len(), level.name()), actions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Two codes that coded the same passage, one with a memo, under one concept each.
    fn store() -> (Store, Project) {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let doc = ids.document();
        let (a, b) = (ids.code(), ids.code());
        let coding = |ids: &mut IdAllocator, code, start, end| Action::CreateCoding {
            id: ids.coding(),
            document: doc,
            code,
            start,
            end,
            coder: "c".into(),
            created: "t".into(),
        };
        let code = |id, name: &str| Action::CreateCode {
            id,
            name: name.into(),
            color: "#123456".into(),
            definition: String::new(),
            concept: None,
        };
        let actions = vec![
            Action::AddDocument {
                id: doc,
                title: "D".into(),
                text: "one two three four".into(),
                case: None,
                imported: "t".into(),
            },
            code(a, "Trust"),
            code(b, "Confidence"),
            coding(&mut ids, a, 0, 3),
            coding(&mut ids, b, 0, 3),
            coding(&mut ids, b, 4, 7),
            Action::CreateMemo {
                id: ids.memo(),
                target: MemoTarget::Code(b),
                title: String::new(),
                text: "why confidence".into(),
                author: "m".into(),
                created: "t".into(),
                modified: "t".into(),
            },
        ];
        s.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let p = s.load().unwrap();
        (s, p)
    }

    #[test]
    fn merging_codes_keeps_codings_once_and_the_memos_and_undoes_in_one_step() {
        let (mut s, p) = store();
        let mut ids = s.ids().unwrap();
        let names = ["Trust".to_owned(), "Confidence".to_owned()];
        let action = merge(&p, &mut ids, Level::Code, &names, "Trust and confidence").unwrap();
        s.apply(&action).unwrap();
        let after = s.load().unwrap();
        assert_eq!(after.codes().len(), 1);
        let kept = after.code_named("Trust and confidence").expect("the first is kept and renamed");
        let ranges: Vec<(usize, usize)> = after.codings_of(kept.id).map(|c| (c.start, c.end)).collect();
        assert_eq!(ranges, [(0, 3), (4, 7)], "the same passage coded by both is one coding now");
        assert_eq!(after.memos_on(&MemoTarget::Code(kept.id)).next().unwrap().text, "why confidence");
        s.undo().unwrap();
        assert_eq!(s.load().unwrap(), p, "one undo brings both codes back as they were");
    }

    #[test]
    fn wrong_names_and_classes_are_one_sentence_each() {
        let (s, p) = store();
        let mut ids = s.ids().unwrap();
        assert_eq!(
            move_code(&p, "Trsut", "none").unwrap_err().to_string(),
            "there is no code named \u{201c}Trsut\u{201d} in this project; check the spelling (names are exact)"
        );
        assert!(new_category(&mut ids, "C", Some("causes")).unwrap_err().to_string().contains("causal_conditions"));
        let one = ["Trust".to_owned()];
        assert_eq!(merge(&p, &mut ids, Level::Code, &one, "x"), Err(EditError::TooFewToMerge("code")));
        let (_, c) = delete(&p, Level::Code, "Confidence").unwrap();
        assert_eq!(c, Consequences { codings: 2, memos: 1, ..Default::default() });
    }
}
