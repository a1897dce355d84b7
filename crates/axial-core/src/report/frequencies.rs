//! Code frequencies report: references and documents per paradigm class, category, concept
//! and code, walked top-down, then what is not yet placed.

use super::{Format, Table};
use crate::analysis::hierarchy::{Hierarchy, Node, key};
use crate::analysis::units::Counting;
use crate::model::*;
use serde_json::json;

/// Rows of (level, name, parent, tally) in the hierarchy's tree order, then the total.
fn rows(project: &Project, tallies: &Tallies) -> Vec<(&'static str, String, String, Tally)> {
    let count = |node: Node| match node {
        Node::Class(c) => tallies.class(c),
        Node::Category(id) => tallies.category(id),
        Node::Concept(id) => tallies.concept(id),
        Node::Code(id) => tallies.code(id),
    };
    let mut out: Vec<_> = Hierarchy::build(project)
        .walk()
        .into_iter()
        .map(|e| {
            let level = match e.node {
                Node::Class(_) => "class",
                Node::Category(_) => "category",
                Node::Concept(_) => "concept",
                Node::Code(_) => "code",
            };
            let parent = e.parent.map(|p| key(project, p).to_owned()).unwrap_or_default();
            (level, key(project, e.node).to_owned(), parent, count(e.node))
        })
        .collect();
    out.push(("total", "All codings".into(), String::new(), tallies.total()));
    out
}

/// The report counted in every coded passage (the live counts).
pub fn render(project: &Project, format: Format) -> String {
    render_in(project, project.tallies(), Counting::default(), format)
}

/// The report from counts in a unit under a rule ([`units::tallies`](crate::analysis::units::tallies));
/// counts other than every coded passage are named in the output.
pub fn render_in(project: &Project, tallies: &Tallies, counting: Counting, format: Format) -> String {
    let rows = rows(project, tallies);
    let Counting { unit, rule } = counting;
    let counted = counting != Counting::default();
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
                "unit": unit.key(),
                "rule": rule.key(),
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
                    let indent = match (*level, parent.is_empty()) {
                        ("category", false) => 2,
                        ("concept", false) => 4,
                        ("code", false) => 6,
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
            if format == Format::Csv {
                if counted {
                    t.row(["unit", unit.key(), "", "", ""]);
                    t.row(["rule", rule.key(), "", "", ""]);
                }
                t.to_csv()
            } else if counted {
                format!("{}\n{}\n", t.to_text(), crate::analysis::units::statement(unit, rule))
            } else {
                t.to_text()
            }
        }
    }
}
