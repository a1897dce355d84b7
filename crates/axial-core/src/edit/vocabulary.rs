//! Edits of the project's vocabularies by name: the cube framework's dimensions and values,
//! and the relation kinds. A dimension or value is named by its key or its label (labels are
//! what users see; keys are what facets and exports refer to and never change). Positions
//! given here count from 1, as a user counts; actions count from 0.

use super::EditError;
use crate::model::*;

/// A dimension by key, or by label ignoring case.
pub fn dimension<'p>(p: &'p Project, name: &str) -> Result<&'p Dimension, EditError> {
    let dims = &p.framework().dimensions;
    dims.iter().find(|d| d.key == name).or_else(|| dims.iter().find(|d| d.label.eq_ignore_ascii_case(name))).ok_or_else(
        || {
            let keys: Vec<&str> = dims.iter().map(|d| d.key.as_str()).collect();
            EditError::UnknownDimension(name.into(), keys.join(", "))
        },
    )
}

/// A value of `dimension` by key, or by label ignoring case.
pub fn value<'d>(dimension: &'d Dimension, name: &str) -> Result<&'d DimensionValue, EditError> {
    let values = &dimension.values;
    values
        .iter()
        .find(|v| v.key == name)
        .or_else(|| values.iter().find(|v| v.label.eq_ignore_ascii_case(name)))
        .ok_or_else(|| {
            let keys: Vec<&str> = values.iter().map(|v| v.key.as_str()).collect();
            EditError::UnknownValue(name.into(), dimension.key.clone(), keys.join(", "))
        })
}

/// One of the project's relation kinds, exactly as named.
pub fn kind(p: &Project, name: &str) -> Result<String, EditError> {
    let name = name.trim();
    if p.relation_kinds().iter().any(|k| k == name) {
        Ok(name.to_owned())
    } else {
        Err(EditError::UnknownKind(name.into(), p.relation_kinds().join(", ")))
    }
}

/// A key made from a label: lower case letters, digits and `_`, unique among `taken`
/// (`"Knowledge from"` -> `knowledge_from`, then `knowledge_from_2`).
pub fn key_for(label: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut key = String::new();
    for c in label.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    while key.ends_with('_') {
        key.pop();
    }
    if key.is_empty() {
        key.push_str("value");
    }
    if !taken(&key) {
        return key;
    }
    (2..).map(|n| format!("{key}_{n}")).find(|k| !taken(k)).expect("some suffix is free")
}

fn index(position: usize) -> Result<usize, EditError> {
    position.checked_sub(1).ok_or(EditError::ZeroPosition)
}

/// A new dimension named `label` with values named `values` (keys made from the labels
/// unless `key` is given for the dimension).
pub fn add_dimension(p: &Project, label: &str, key: Option<&str>, values: &[String]) -> Action {
    let dims = &p.framework().dimensions;
    let key = match key {
        Some(k) => k.trim().to_owned(),
        None => key_for(label, |k| dims.iter().any(|d| d.key == k)),
    };
    let mut made: Vec<DimensionValue> = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        let key = key_for(v, |k| made.iter().any(|m| m.key == k));
        made.push(DimensionValue { key, label: v.to_owned() });
    }
    Action::CreateDimension { dimension: Dimension { key, label: label.trim().into(), values: made }, position: None }
}

pub fn rename_dimension(p: &Project, name: &str, label: &str) -> Result<Action, EditError> {
    Ok(Action::RenameDimension { key: dimension(p, name)?.key.clone(), label: label.into() })
}

pub fn move_dimension(p: &Project, name: &str, position: usize) -> Result<Action, EditError> {
    Ok(Action::MoveDimension { key: dimension(p, name)?.key.clone(), position: index(position)? })
}

pub fn delete_dimension(p: &Project, name: &str) -> Result<Action, EditError> {
    Ok(Action::DeleteDimension { key: dimension(p, name)?.key.clone() })
}

pub fn add_value(p: &Project, dim: &str, label: &str, key: Option<&str>) -> Result<Action, EditError> {
    let d = dimension(p, dim)?;
    let key = match key {
        Some(k) => k.trim().to_owned(),
        None => key_for(label, |k| d.has_value(k)),
    };
    Ok(Action::CreateDimensionValue {
        dimension: d.key.clone(),
        value: DimensionValue { key, label: label.trim().into() },
        position: None,
    })
}

pub fn rename_value(p: &Project, dim: &str, name: &str, label: &str) -> Result<Action, EditError> {
    let d = dimension(p, dim)?;
    Ok(Action::RenameDimensionValue { dimension: d.key.clone(), key: value(d, name)?.key.clone(), label: label.into() })
}

pub fn move_value(p: &Project, dim: &str, name: &str, position: usize) -> Result<Action, EditError> {
    let d = dimension(p, dim)?;
    Ok(Action::MoveDimensionValue {
        dimension: d.key.clone(),
        key: value(d, name)?.key.clone(),
        position: index(position)?,
    })
}

pub fn delete_value(p: &Project, dim: &str, name: &str) -> Result<Action, EditError> {
    let d = dimension(p, dim)?;
    Ok(Action::DeleteDimensionValue { dimension: d.key.clone(), key: value(d, name)?.key.clone() })
}

pub fn add_kind(name: &str) -> Action {
    Action::CreateRelationKind { name: name.trim().into(), position: None }
}

pub fn rename_kind(p: &Project, name: &str, new_name: &str) -> Result<Action, EditError> {
    Ok(Action::RenameRelationKind { name: kind(p, name)?, new_name: new_name.trim().into() })
}

pub fn move_kind(p: &Project, name: &str, position: usize) -> Result<Action, EditError> {
    Ok(Action::MoveRelationKind { name: kind(p, name)?, position: index(position)? })
}

pub fn delete_kind(p: &Project, name: &str) -> Result<Action, EditError> {
    Ok(Action::DeleteRelationKind { name: kind(p, name)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn keys_are_made_from_labels_and_kept_unique() {
        assert_eq!(key_for("Knowledge from", |_| false), "knowledge_from");
        assert_eq!(key_for("  Co-creation!  ", |_| false), "co_creation");
        assert_eq!(key_for("***", |_| false), "value");
        assert_eq!(key_for("Role", |k| k == "role" || k == "role_2"), "role_3");
    }

    /// Every vocabulary edit changes what it says, and undo puts back exactly what was there,
    /// including the facets and expected levels a removed value took with it.
    #[test]
    fn vocabulary_edits_apply_and_undo_exactly() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let category = ids.category();
        s.apply(&Action::CreateCategory { id: category, name: "C".into(), class: None }).unwrap();
        let owner = FacetOwner::Category(category);
        s.apply(&Action::SetFacet { owner, dimension: "crm".into(), value: Some("analytical".into()) }).unwrap();
        let row = DimensionRef { dimension: "crm".into(), value: "analytical".into() };
        let column = DimensionRef { dimension: "seci".into(), value: "combination".into() };
        s.apply(&Action::SetExpectation { row, column, level: Some("high".into()) }).unwrap();
        let before = s.load().unwrap();

        let p = s.load().unwrap();
        let edits = [
            add_dimension(&p, "Role", None, &["Manager".into(), "Front line".into()]),
            rename_dimension(&p, "CRM system", "CRM type").unwrap(),
            move_dimension(&p, "knowledge", 1).unwrap(),
            add_value(&p, "crm", "Strategic", None).unwrap(),
            rename_value(&p, "crm", "Operational", "Operations").unwrap(),
            move_value(&p, "crm", "collaborative", 1).unwrap(),
            delete_value(&p, "crm", "analytical").unwrap(),
            add_kind("enables"),
            move_kind(&p, "results in", 1).unwrap(),
            delete_kind(&p, "causes").unwrap(),
        ];
        for edit in &edits {
            s.apply(edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        }
        let after = s.load().unwrap();
        let keys = |p: &Project| p.framework().dimensions.iter().map(|d| d.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&after), ["knowledge", "seci", "crm", "role"]);
        let crm = after.framework().dimension("crm").unwrap();
        let values: Vec<(&str, &str)> = crm.values.iter().map(|v| (v.key.as_str(), v.label.as_str())).collect();
        assert_eq!(
            values,
            [("collaborative", "Collaborative"), ("operational", "Operations"), ("strategic", "Strategic")]
        );
        assert_eq!(crm.label, "CRM type");
        assert_eq!(after.facet(owner, "crm"), None, "the removed value's facet went with it");
        assert!(after.expectations().is_empty(), "and its expected level");
        assert_eq!(after.relation_kinds()[0], "results in");
        assert!(!after.relation_kinds().contains(&"causes".to_owned()));
        assert_eq!(after.relation_kinds().last().unwrap(), "enables");
        assert_eq!(after.framework().dimension("role").unwrap().values[1].key, "front_line");

        for _ in &edits {
            s.undo().unwrap();
        }
        assert_eq!(s.load().unwrap(), before, "undo restores every vocabulary, facet and expectation");
        for _ in &edits {
            s.redo().unwrap();
        }
        assert_eq!(s.load().unwrap(), after, "redo makes the same edits again");
    }

    #[test]
    fn renaming_a_kind_renames_its_relations_and_a_used_kind_stays() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let (a, b) = (ids.category(), ids.category());
        s.apply(&Action::CreateCategory { id: a, name: "A".into(), class: None }).unwrap();
        s.apply(&Action::CreateCategory { id: b, name: "B".into(), class: None }).unwrap();
        let p = s.load().unwrap();
        assert_eq!(
            super::super::relate(&p, &mut ids, "A", "B", "cuases").unwrap_err().to_string(),
            "\u{201c}cuases\u{201d} is not a relation kind of this project (causes, leads to, is context of, \
             intervenes in, is strategy for, results in); add it first with `axial edit PROJECT kind add \u{201c}cuases\u{201d}`"
        );
        s.apply(&super::super::relate(&p, &mut ids, "A", "B", "causes").unwrap()).unwrap();
        let p = s.load().unwrap();
        let refused = s.apply(&delete_kind(&p, "causes").unwrap()).unwrap_err().to_string();
        assert_eq!(
            refused,
            "1 relation of the kind \u{201c}causes\u{201d} remain; delete them or rename the kind instead"
        );
        let mut live = s.load().unwrap();
        let changes = s.apply(&rename_kind(&p, "causes", "gives rise to").unwrap()).unwrap();
        live.apply(&changes);
        assert_eq!(live, s.load().unwrap(), "the change set patches the live model to what the file holds");
        assert_eq!(live.relations().next().unwrap().kind, "gives rise to");
        assert_eq!(live.relation_kinds()[0], "gives rise to");
        live.apply(&s.undo().unwrap().changes);
        assert_eq!(live, s.load().unwrap());
        assert_eq!(s.load().unwrap().relations().next().unwrap().kind, "causes");
    }

    /// A relation of a kind the list lacks (an old history, another tool's file) adds the
    /// kind, and undoing the relation takes the kind away again.
    #[test]
    fn a_relation_of_a_new_kind_adds_the_kind_and_undo_removes_it() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let (a, b) = (ids.category(), ids.category());
        s.apply(&Action::CreateCategory { id: a, name: "A".into(), class: None }).unwrap();
        s.apply(&Action::CreateCategory { id: b, name: "B".into(), class: None }).unwrap();
        let before = s.load().unwrap();
        s.apply(&Action::CreateRelation { id: ids.relation(), from: a, to: b, kind: "enables".into() }).unwrap();
        assert!(s.load().unwrap().relation_kinds().contains(&"enables".to_owned()));
        s.undo().unwrap();
        assert_eq!(s.load().unwrap(), before);
    }
}
