//! Code frequencies report: references and documents per paradigm class, category, concept
//! and code, walked top-down, then what is not yet placed.

use super::{Format, Table};
use crate::analysis::frequencies::{Tally, frequencies};
use crate::analysis::hierarchy::{categories_of, codes_of, concepts_of};
use crate::model::*;
use serde_json::json;

/// Rows of (level, name, parent, tally) in tree order.
fn rows(project: &Project) -> Vec<(&'static str, String, String, Tally)> {
    let f = frequencies(project);
    let mut out = Vec::new();
    let category = |out: &mut Vec<_>, c: &Category, parent: String| {
        out.push(("category", c.name.clone(), parent, f.category(c.id)));
        for k in concepts_of(project, Some(c.id)) {
            out.push(("concept", k.name.clone(), c.name.clone(), f.concept(k.id)));
            for code in codes_of(project, Some(k.id)) {
                out.push(("code", code.name.clone(), k.name.clone(), f.code(code.id)));
            }
        }
    };
    for class in ParadigmClass::ALL {
        out.push(("class", class.key().to_owned(), String::new(), f.class(class)));
        for c in categories_of(project, Some(class)) {
            category(&mut out, c, class.key().to_owned());
        }
    }
    for c in categories_of(project, None) {
        category(&mut out, c, String::new());
    }
    for k in concepts_of(project, None) {
        out.push(("concept", k.name.clone(), String::new(), f.concept(k.id)));
        for code in codes_of(project, Some(k.id)) {
            out.push(("code", code.name.clone(), k.name.clone(), f.code(code.id)));
        }
    }
    for code in codes_of(project, None) {
        out.push(("code", code.name.clone(), String::new(), f.code(code.id)));
    }
    out.push(("total", "All codings".into(), String::new(), f.total));
    out
}

pub fn render(project: &Project, format: Format) -> String {
    let rows = rows(project);
    match format {
        Format::Json => {
            let level = |l: &str| -> Vec<serde_json::Value> {
                rows.iter()
                    .filter(|r| r.0 == l)
                    .map(|(_, name, parent, t)| {
                        json!({"name": name, "parent": (!parent.is_empty()).then_some(parent),
                               "references": t.references, "documents": t.documents})
                    })
                    .collect()
            };
            let total = rows.last().map(|r| r.3).unwrap_or_default();
            let value = json!({
                "classes": level("class"), "categories": level("category"),
                "concepts": level("concept"), "codes": level("code"),
                "total": {"references": total.references, "documents": total.documents},
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Csv | Format::Table => {
            let mut t = Table::new(["level", "name", "parent", "references", "documents"]);
            for (level, name, parent, tally) in &rows {
                let shown = if format == Format::Table {
                    let indent = match *level {
                        "category" if !parent.is_empty() => 2,
                        "concept" => {
                            if parent.is_empty() {
                                0
                            } else {
                                4
                            }
                        }
                        "code" => {
                            if parent.is_empty() {
                                0
                            } else {
                                6
                            }
                        }
                        _ => 0,
                    };
                    format!("{}{}", " ".repeat(indent), name)
                } else {
                    name.clone()
                };
                t.row([
                    level.to_string(),
                    shown,
                    parent.clone(),
                    tally.references.to_string(),
                    tally.documents.to_string(),
                ]);
            }
            if format == Format::Csv { t.to_csv() } else { t.to_text() }
        }
    }
}
