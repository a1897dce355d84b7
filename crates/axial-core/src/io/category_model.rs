//! The category-model export (`axial.category-model/1`, a contract; JSON Schema in
//! `assets/category-model.schema.json`): paradigm classes -> categories -> concepts -> codes
//! with counts, what is not yet placed, relations between categories, and the cube.

use crate::analysis::cube::cube;
use crate::analysis::frequencies::{Frequencies, frequencies};
use crate::analysis::hierarchy::{categories_of, codes_of, concepts_of};
use crate::model::*;
use serde_json::{Map, Value, json};

pub const SCHEMA: &str = "axial.category-model/1";

pub fn category_model(project: &Project) -> Value {
    let freq = frequencies(project);
    let paradigm: Vec<Value> = ParadigmClass::ALL
        .iter()
        .map(|&class| {
            let t = freq.class(class);
            json!({
                "class": class.key(),
                "label": class.label(),
                "references": t.references,
                "documents": t.documents,
                "categories": categories_of(project, Some(class)).map(|c| category_json(project, &freq, c)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let unplaced = json!({
        "categories": categories_of(project, None).map(|c| category_json(project, &freq, c)).collect::<Vec<_>>(),
        "concepts": concepts_of(project, None).map(|c| concept_json(project, &freq, c)).collect::<Vec<_>>(),
        "codes": codes_of(project, None).map(|c| code_json(project, &freq, c)).collect::<Vec<_>>(),
    });
    let name_of = |id: CategoryId| project.category(id).map(|c| c.name.clone()).unwrap_or_default();
    let relations: Vec<Value> = project
        .relations
        .iter()
        .map(|r| json!({"from": name_of(r.from), "to": name_of(r.to), "kind": r.kind}))
        .collect();

    let cube = cube(project);
    let mut dimensions = Map::new();
    for d in &cube.dimensions {
        dimensions.insert(d.key.clone(), d.values.iter().map(|v| v.key.clone()).collect::<Vec<_>>().into());
    }
    // Cells in the framework's order (first dimension outermost), zeros included.
    let cells: Vec<Value> = crate::analysis::cube::all_cells(&cube.dimensions)
        .into_iter()
        .map(|key| {
            let mut cell = Map::new();
            for (d, v) in cube.dimensions.iter().zip(&key) {
                cell.insert(d.key.clone(), v.clone().into());
            }
            cell.insert("references".into(), cube.cells.get(&key).copied().unwrap_or(0).into());
            Value::Object(cell)
        })
        .collect();

    json!({
        "schema": SCHEMA,
        "project": {
            "name": project.name,
            "documents": project.documents.len(),
            "cases": project.cases.len(),
            "codes": project.codes.len(),
            "concepts": project.concepts.len(),
            "categories": project.categories.len(),
            "codings": project.codings.len(),
            "memos": project.memos.len(),
        },
        "core_category": project.core_category.map(name_of),
        "paradigm": paradigm,
        "unplaced": unplaced,
        "relations": relations,
        "cube": {
            "dimensions": dimensions,
            "cells": cells,
            "unassigned_references": cube.unassigned,
            "references": cube.total(),
        },
    })
}

fn memo_text(project: &Project, target: MemoTarget) -> String {
    project.memos_on(&target).map(|m| m.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn facets_json(project: &Project, owner: FacetOwner) -> Value {
    let mut out = Map::new();
    for f in project.facets.iter().filter(|f| f.owner == owner) {
        out.insert(f.dimension.clone(), f.value.clone().into());
    }
    Value::Object(out)
}

fn category_json(project: &Project, freq: &Frequencies, c: &Category) -> Value {
    let t = freq.category(c.id);
    json!({
        "name": c.name,
        "core": project.core_category == Some(c.id),
        "memo": memo_text(project, MemoTarget::Category(c.id)),
        "facets": facets_json(project, FacetOwner::Category(c.id)),
        "references": t.references,
        "documents": t.documents,
        "concepts": concepts_of(project, Some(c.id)).map(|k| concept_json(project, freq, k)).collect::<Vec<_>>(),
    })
}

fn concept_json(project: &Project, freq: &Frequencies, c: &Concept) -> Value {
    let t = freq.concept(c.id);
    json!({
        "name": c.name,
        "memo": memo_text(project, MemoTarget::Concept(c.id)),
        "facets": facets_json(project, FacetOwner::Concept(c.id)),
        "references": t.references,
        "documents": t.documents,
        "codes": codes_of(project, Some(c.id)).map(|k| code_json(project, freq, k)).collect::<Vec<_>>(),
    })
}

fn code_json(project: &Project, freq: &Frequencies, c: &Code) -> Value {
    let t = freq.code(c.id);
    json!({
        "name": c.name,
        "definition": c.definition,
        "color": c.color,
        "memo": memo_text(project, MemoTarget::Code(c.id)),
        "facets": facets_json(project, FacetOwner::Code(c.id)),
        "references": t.references,
        "documents": t.documents,
    })
}
