//! The category-model export (`axial.category-model/2`, a contract; JSON Schema in
//! `assets/category-model.schema.json`): paradigm classes -> categories -> concepts -> codes
//! with counts, what is not yet placed, relations between categories, and the cube.
//!
//! Version 2 adds, and changes nothing of version 1: each category's matrix `level` and
//! `properties` (name, `dimension` range or set, and the passages placed on each point), and
//! each relation's `evidence` passages, whether the data `grounded` it and its `memo`.

use crate::analysis::cube::{Cube, cube_from};
use crate::analysis::hierarchy::Hierarchy;
use crate::analysis::units::Counting;
use crate::model::*;
use serde_json::{Map, Value, json};

pub const SCHEMA: &str = "axial.category-model/2";

/// The category model of `project`, walked through its hierarchy view model.
pub fn category_model(project: &Project) -> Value {
    category_model_with(project, &Hierarchy::build(project))
}

/// As [`category_model`], with a hierarchy already built for this revision.
pub fn category_model_with(project: &Project, h: &Hierarchy) -> Value {
    category_model_in(project, h, project.tallies(), Counting::default())
}

/// The category model with every count in a unit under a rule (`tallies` counted so, see
/// [`units::tallies`](crate::analysis::units::tallies)); the export says which.
pub fn category_model_in(project: &Project, h: &Hierarchy, freq: &Tallies, counting: Counting) -> Value {
    let Counting { unit, rule } = counting;
    let paradigm: Vec<Value> = ParadigmClass::ALL
        .iter()
        .map(|&class| {
            let t = freq.class(class);
            json!({
                "class": class.key(),
                "label": class.label(),
                "references": t.references,
                "documents": t.documents,
                "categories": h.categories_in(Some(class)).iter().map(|&c| category_json(project, h, freq, c)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let unplaced = json!({
        "categories": h.categories_in(None).iter().map(|&c| category_json(project, h, freq, c)).collect::<Vec<_>>(),
        "concepts": h.concepts_in(None).iter().map(|&c| concept_json(project, h, freq, c)).collect::<Vec<_>>(),
        "codes": h.codes_in(None).iter().map(|&c| code_json(project, freq, c)).collect::<Vec<_>>(),
    });
    let name_of = |id: CategoryId| project.category(id).map(|c| c.name.clone()).unwrap_or_default();
    let grounds = crate::analysis::grounding::grounding(project);
    let relations: Vec<Value> = project
        .relations()
        .map(|r| {
            let evidence: Vec<Value> = project
                .depth()
                .evidence_of(r.id)
                .map(|e| {
                    let (title, quote) = project
                        .document(e.document)
                        .map(|d| (d.title.as_str(), crate::io::text::slice_chars(&d.text, e.start, e.end)))
                        .unwrap_or_default();
                    json!({"document": title, "start": e.start, "end": e.end, "quote": quote})
                })
                .collect();
            json!({"from": name_of(r.from), "to": name_of(r.to), "kind": r.kind,
                   "grounded": grounds.get(&r.id).is_some_and(|g| g.any()),
                   "evidence": evidence, "memo": memo_text(project, MemoTarget::Relation(r.id))})
        })
        .collect();

    let cube = Cube { unit, rule, ..cube_from(project, freq) };
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
            "name": project.name(),
            "documents": project.documents().len(),
            "cases": project.cases().len(),
            "codes": project.codes().len(),
            "concepts": project.concepts().len(),
            "categories": project.categories().len(),
            "codings": project.codings().len(),
            "memos": project.memos().len(),
        },
        "unit": unit.key(),
        "rule": rule.key(),
        "core_category": project.core_category().map(name_of),
        "paradigm": paradigm,
        "unplaced": unplaced,
        "relations": relations,
        "cube": {
            "dimensions": dimensions,
            "cells": cells,
            "unassigned_references": cube.unassigned,
            "references": cube.total(),
            "unit": unit.key(),
            "rule": rule.key(),
        },
    })
}

fn memo_text(project: &Project, target: MemoTarget) -> String {
    project.memos_on(&target).map(|m| m.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n")
}

fn facets_json(project: &Project, owner: FacetOwner) -> Value {
    let mut out = Map::new();
    for (dimension, value) in project.facets_of(owner) {
        out.insert(dimension.to_owned(), value.into());
    }
    Value::Object(out)
}

fn category_json(project: &Project, h: &Hierarchy, freq: &Tallies, id: CategoryId) -> Value {
    let Some(c) = project.category(id) else { return Value::Null };
    let t = freq.category(id);
    json!({
        "name": c.name,
        "core": project.core_category() == Some(id),
        "memo": memo_text(project, MemoTarget::Category(id)),
        "facets": facets_json(project, FacetOwner::Category(id)),
        "references": t.references,
        "documents": t.documents,
        "level": project.depth().level(id).map(|l| l.key()),
        "properties": properties_json(project, id),
        "concepts": h.concepts_in(Some(id)).iter().map(|&k| concept_json(project, h, freq, k)).collect::<Vec<_>>(),
    })
}

fn properties_json(project: &Project, category: CategoryId) -> Vec<Value> {
    let d = project.depth();
    d.properties_of(category)
        .map(|p| {
            let points: Vec<Value> =
                d.spread(p).into_iter().map(|(point, n)| json!({"point": point, "passages": n})).collect();
            json!({"name": p.name, "dimension": if p.dimension.ordered { "range" } else { "set" }, "points": points})
        })
        .collect()
}

fn concept_json(project: &Project, h: &Hierarchy, freq: &Tallies, id: ConceptId) -> Value {
    let Some(c) = project.concept(id) else { return Value::Null };
    let t = freq.concept(id);
    json!({
        "name": c.name,
        "memo": memo_text(project, MemoTarget::Concept(id)),
        "facets": facets_json(project, FacetOwner::Concept(id)),
        "references": t.references,
        "documents": t.documents,
        "codes": h.codes_in(Some(id)).iter().map(|&k| code_json(project, freq, k)).collect::<Vec<_>>(),
    })
}

fn code_json(project: &Project, freq: &Tallies, id: CodeId) -> Value {
    let Some(c) = project.code(id) else { return Value::Null };
    let t = freq.code(id);
    json!({
        "name": c.name,
        "definition": c.definition,
        "color": c.color,
        "memo": memo_text(project, MemoTarget::Code(id)),
        "facets": facets_json(project, FacetOwner::Code(id)),
        "references": t.references,
        "documents": t.documents,
    })
}
