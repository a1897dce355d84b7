//! Editing the category model from the window: regrouping and placing by drag and drop,
//! renaming, creating, deleting and marking the core category. Every gesture is one action
//! (a batch when it moves several items), so one undo takes it back, whatever it moved.

use super::{AppError, AppState};
use axial_core::analysis::hierarchy::Node;
use axial_core::edit::{self, Consequences, Level};
use axial_core::model::*;

/// A change to the category model asked for in the code tree.
#[derive(Clone, Debug, PartialEq)]
pub enum TreeEdit {
    /// Codes into a concept (`None`: ungrouped).
    MoveCodes(Vec<CodeId>, Option<ConceptId>),
    /// Concepts into a category (`None`: ungrouped).
    MoveConcepts(Vec<ConceptId>, Option<CategoryId>),
    /// Categories into a paradigm class (`None`: not yet placed).
    PlaceCategories(Vec<CategoryId>, Option<ParadigmClass>),
    Rename(Node, String),
    NewConcept {
        name: String,
        category: Option<CategoryId>,
    },
    NewCategory {
        name: String,
        class: Option<ParadigmClass>,
    },
    Delete(Node),
    SetCore(Option<CategoryId>),
    /// Merges the items (all of one kind) into `keep`.
    Merge(Vec<Node>, Node),
    Recolor(CodeId, String),
    /// Moves some of a code's codings (those of one document, or those in the selected
    /// passage) to a new code with this name, under the same concept.
    Split {
        code: CodeId,
        codings: Vec<CodingId>,
        name: String,
    },
    /// A typed relation between two categories (axial coding).
    Relate {
        from: CategoryId,
        to: CategoryId,
        kind: String,
    },
    DeleteRelation(RelationId),
}

impl AppState {
    pub(crate) fn edit_tree(&mut self, edit: TreeEdit) -> Result<(), AppError> {
        let p = &self.project;
        let action = match edit {
            TreeEdit::MoveCodes(codes, concept) => batch(
                "Move codes",
                codes
                    .into_iter()
                    .filter(|c| p.code(*c).is_some_and(|k| k.concept != concept))
                    .map(|id| Action::SetCodeConcept { id, concept })
                    .collect(),
            ),
            TreeEdit::MoveConcepts(concepts, category) => batch(
                "Move concepts",
                concepts
                    .into_iter()
                    .filter(|c| p.concept(*c).is_some_and(|k| k.category != category))
                    .map(|id| Action::SetConceptCategory { id, category })
                    .collect(),
            ),
            TreeEdit::PlaceCategories(categories, class) => batch(
                "Place categories",
                categories
                    .into_iter()
                    .filter(|c| p.category(*c).is_some_and(|k| k.class != class))
                    .map(|id| Action::SetCategoryClass { id, class })
                    .collect(),
            ),
            TreeEdit::Rename(node, name) => match node {
                Node::Code(id) => {
                    let code = p.code(id).ok_or(AppError::Gone("code"))?;
                    Some(Action::UpdateCode {
                        id,
                        name,
                        color: code.color.clone(),
                        definition: code.definition.clone(),
                    })
                }
                Node::Concept(id) => Some(Action::RenameConcept { id, name }),
                Node::Category(id) => Some(Action::RenameCategory { id, name }),
                Node::Class(_) => None,
            },
            TreeEdit::NewConcept { name, category } => {
                return self.apply_new(|_, ids| Ok((Action::CreateConcept { id: ids.concept(), name, category }, ())));
            }
            TreeEdit::NewCategory { name, class } => {
                return self.apply_new(|_, ids| Ok((Action::CreateCategory { id: ids.category(), name, class }, ())));
            }
            TreeEdit::Delete(node) => Some(match node {
                Node::Code(id) => Action::DeleteCode { id },
                Node::Concept(id) => Action::DeleteConcept { id },
                Node::Category(id) => Action::DeleteCategory { id },
                Node::Class(_) => return Ok(()),
            }),
            TreeEdit::SetCore(id) => Some(Action::SetCoreCategory { id }),
            TreeEdit::Merge(nodes, keep) => {
                let level = match keep {
                    Node::Code(_) => Level::Code,
                    Node::Concept(_) => Level::Concept,
                    Node::Category(_) => Level::Category,
                    Node::Class(_) => return Ok(()),
                };
                let names: Vec<String> = nodes
                    .iter()
                    .filter(|n| std::mem::discriminant(*n) == std::mem::discriminant(&keep))
                    .map(|n| axial_core::analysis::hierarchy::name(p, *n).to_owned())
                    .collect();
                let into = axial_core::analysis::hierarchy::name(p, keep).to_owned();
                return self.apply_new(|p, ids| Ok((edit::merge(p, ids, level, &names, &into)?, ())));
            }
            TreeEdit::Relate { from, to, kind } => {
                return self
                    .apply_new(|_, ids| Ok((Action::CreateRelation { id: ids.relation(), from, to, kind }, ())));
            }
            TreeEdit::DeleteRelation(id) => Some(Action::DeleteRelation { id }),
            TreeEdit::Recolor(id, color) => {
                let code = p.code(id).ok_or(AppError::Gone("code"))?;
                Some(Action::UpdateCode { id, name: code.name.clone(), color, definition: code.definition.clone() })
            }
            TreeEdit::Split { code, codings, name } => {
                return self.apply_new(|p, ids| {
                    let original = p.code(code).ok_or(AppError::Gone("code"))?;
                    let new = ids.code();
                    let color = CODE_PALETTE[p.codes().len() % CODE_PALETTE.len()].to_owned();
                    let mut actions = vec![Action::CreateCode {
                        id: new,
                        name: name.clone(),
                        color,
                        definition: String::new(),
                        concept: original.concept,
                    }];
                    actions.extend(
                        codings
                            .into_iter()
                            .filter(|id| p.coding(*id).is_some_and(|c| c.code == code))
                            .map(|id| Action::SetCodingCode { id, code: new }),
                    );
                    let label = format!("Split \u{201c}{name}\u{201d} off \u{201c}{}\u{201d}", original.name);
                    Ok((Action::Batch { label, actions }, ()))
                });
            }
        };
        match action {
            Some(action) => self.apply(action),
            None => Ok(()),
        }
    }

    /// What deleting `node` would take with it, for the confirmation.
    pub fn delete_consequences(&self, node: Node) -> Option<Consequences> {
        let p = &self.project;
        let (level, name) = match node {
            Node::Code(id) => (Level::Code, p.code(id)?.name.clone()),
            Node::Concept(id) => (Level::Concept, p.concept(id)?.name.clone()),
            Node::Category(id) => (Level::Category, p.category(id)?.name.clone()),
            Node::Class(_) => return None,
        };
        edit::delete(p, level, &name).ok().map(|(_, c)| c)
    }
}

/// One action for a gesture: nothing when nothing moves, the action itself when one thing does.
fn batch(label: &str, mut actions: Vec<Action>) -> Option<Action> {
    match actions.len() {
        0 => None,
        1 => actions.pop(),
        _ => Some(Action::Batch { label: label.into(), actions }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Intent;
    use axial_core::store::Store;

    fn state() -> AppState {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (k1, k2) = (ids.concept(), ids.concept());
        let mut actions = vec![
            Action::CreateConcept { id: k1, name: "K1".into(), category: None },
            Action::CreateConcept { id: k2, name: "K2".into(), category: None },
        ];
        for n in 0..3 {
            actions.push(Action::CreateCode {
                id: ids.code(),
                name: format!("c{n}"),
                color: "#123456".into(),
                definition: String::new(),
                concept: Some(k1),
            });
        }
        store.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        AppState::from_store(store, None, None).unwrap()
    }

    #[test]
    fn moving_several_codes_is_one_undo_step() {
        let mut s = state();
        let k2 = s.project.concepts().nth(1).unwrap().id;
        let codes: Vec<CodeId> = s.project.codes().map(|c| c.id).collect();
        s.handle(Intent::EditTree(TreeEdit::MoveCodes(codes.clone(), Some(k2))));
        assert!(s.project.codes().all(|c| c.concept == Some(k2)));
        assert_eq!(s.undo_label.as_deref(), Some("Move codes"));
        s.handle(Intent::Undo);
        assert!(s.project.codes().all(|c| c.concept != Some(k2)), "one undo moves all three back");
    }

    #[test]
    fn a_taken_name_is_refused_as_such() {
        let mut s = state();
        let k2 = s.project.concepts().nth(1).unwrap().id;
        let err = s.edit_tree(TreeEdit::Rename(Node::Concept(k2), "K1".into())).unwrap_err();
        assert!(matches!(err, AppError::Store(axial_core::store::StoreError::NameTaken { .. })), "{err}");
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::app::Intent;
    use axial_core::store::Store;

    #[test]
    fn splitting_a_code_moves_its_codings_in_one_document_and_merging_puts_them_back() {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (d1, d2, code) = (ids.document(), ids.document(), ids.code());
        let mut actions = vec![
            Action::AddDocument {
                id: d1,
                title: "A".into(),
                text: "one two three".into(),
                case: None,
                imported: "t".into(),
            },
            Action::AddDocument {
                id: d2,
                title: "B".into(),
                text: "four five six".into(),
                case: None,
                imported: "t".into(),
            },
            Action::CreateCode {
                id: code,
                name: "Trust".into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            },
        ];
        for (doc, start) in [(d1, 0), (d1, 4), (d2, 0)] {
            actions.push(Action::CreateCoding {
                id: ids.coding(),
                document: doc,
                code,
                start,
                end: start + 3,
                coder: "c".into(),
                created: "t".into(),
            });
        }
        store.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let mut s = AppState::from_store(store, None, None).unwrap();
        let in_d1: Vec<CodingId> = s.project.codings_in(d1).map(|c| c.id).collect();
        s.handle(Intent::EditTree(TreeEdit::Split { code, codings: in_d1, name: "Trust in A".into() }));
        let new = s.project.code_named("Trust in A").expect("split off").id;
        assert_eq!(s.project.codings_of(new).count(), 2);
        assert_eq!(s.project.codings_of(code).count(), 1);
        s.handle(Intent::EditTree(TreeEdit::Merge(vec![Node::Code(code), Node::Code(new)], Node::Code(code))));
        assert_eq!(s.project.codes().len(), 1);
        assert_eq!(s.project.codings_of(code).count(), 3);
        s.handle(Intent::Undo);
        assert_eq!(s.project.codings_of(new).count(), 2, "one undo takes the merge back");
    }
}
