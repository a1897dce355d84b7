//! The depth of the model as reports: `axial report P relations` (each relation with what
//! grounds it: the passages picked as its evidence, the turns and passages coded with both its
//! ends, the suggestions to pick from, its memo) and `axial report P properties` (each
//! category's properties, their dimensions and how the placed passages spread over them).

use super::{Format, Table};
use crate::analysis::grounding::{grounding, suggestions};
use crate::io::text::CharIndex;
use crate::model::*;
use serde_json::json;
use std::collections::HashMap;

/// The text of passages in several documents, each text indexed once.
struct Quotes<'a> {
    p: &'a Project,
    indexes: HashMap<DocumentId, CharIndex<'a>>,
}

impl<'a> Quotes<'a> {
    fn new(p: &'a Project) -> Self {
        Quotes { p, indexes: HashMap::new() }
    }

    fn get(&mut self, document: DocumentId, start: usize, end: usize) -> String {
        let p = self.p;
        let Some(d) = p.document(document) else { return String::new() };
        self.indexes.entry(document).or_insert_with(|| CharIndex::new(&d.text)).slice(start, end).to_owned()
    }
}

fn category_name(p: &Project, id: CategoryId) -> &str {
    p.category(id).map(|c| c.name.as_str()).unwrap_or("?")
}

fn title(p: &Project, id: DocumentId) -> &str {
    p.document(id).map(|d| d.title.as_str()).unwrap_or("?")
}

/// Each relation with its evidence, its grounding in the data and its memo.
pub fn relations(p: &Project, format: Format) -> String {
    let grounds = grounding(p);
    let mut quotes = Quotes::new(p);
    let memo =
        |id: RelationId| p.memos_on(&MemoTarget::Relation(id)).map(|m| m.text.trim().to_owned()).collect::<Vec<_>>();
    match format {
        Format::Json => {
            let relations: Vec<_> = p
                .relations()
                .map(|r| {
                    let g = grounds.get(&r.id).copied().unwrap_or_default();
                    let evidence: Vec<_> = p
                        .depth()
                        .evidence_of(r.id)
                        .map(|e| {
                            json!({"id": e.id.0, "document": title(p, e.document), "start": e.start, "end": e.end,
                                   "quote": quotes.get(e.document, e.start, e.end)})
                        })
                        .collect();
                    let suggested: Vec<_> = suggestions(p, r.id)
                        .into_iter()
                        .map(|s| {
                            json!({"document": title(p, s.document), "start": s.start, "end": s.end,
                                   "quote": quotes.get(s.document, s.start, s.end)})
                        })
                        .collect();
                    json!({"id": r.id.0, "from": category_name(p, r.from), "to": category_name(p, r.to),
                           "kind": r.kind, "grounded": g.any(), "evidence": evidence,
                           "turns_coded_with_both": g.turns, "overlapping_passages": g.overlaps,
                           "suggested": suggested, "memos": memo(r.id)})
                })
                .collect();
            serde_json::to_string_pretty(&json!({ "relations": relations })).unwrap_or_default() + "\n"
        }
        Format::Csv | Format::Table => {
            let mut t =
                Table::new(["Id", "From", "Kind", "To", "Evidence", "Turns coded with both", "Overlaps", "Memo"]);
            for r in p.relations() {
                let g = grounds.get(&r.id).copied().unwrap_or_default();
                t.row([
                    r.id.0.to_string(),
                    category_name(p, r.from).to_owned(),
                    r.kind.clone(),
                    category_name(p, r.to).to_owned(),
                    g.picked.to_string(),
                    g.turns.to_string(),
                    g.overlaps.to_string(),
                    memo(r.id).join(" / "),
                ]);
            }
            if format == Format::Csv {
                return t.to_csv();
            }
            let mut out = t.to_text();
            let mut picked = Table::new(["Evidence id", "Relation", "Document", "Position", "Passage"]);
            for e in p.depth().evidence() {
                let quote = quotes.get(e.document, e.start, e.end);
                let short: String = quote.chars().take(80).collect();
                picked.row([
                    e.id.0.to_string(),
                    e.relation.0.to_string(),
                    title(p, e.document).to_owned(),
                    format!("{}\u{2013}{}", e.start, e.end),
                    if short.len() < quote.len() { format!("{short}\u{2026}") } else { short },
                ]);
            }
            let ungrounded = grounds.values().filter(|g| !g.any()).count();
            out.push_str(&format!(
                "\n{} of {} relations have no passage as evidence and none coded with both ends (drawn dashed).\n",
                ungrounded,
                p.relations().len()
            ));
            if p.depth().evidence().next().is_some() {
                out.push('\n');
                out.push_str(&picked.to_text());
            }
            out
        }
    }
}

/// Each category's properties with their dimensions and the spread of placed passages.
pub fn properties(p: &Project, format: Format) -> String {
    let d = p.depth();
    match format {
        Format::Json => {
            let categories: Vec<_> = p
                .categories()
                .filter(|c| d.properties_of(c.id).next().is_some() || d.level(c.id).is_some())
                .map(|c| {
                    let properties: Vec<_> = d
                        .properties_of(c.id)
                        .map(|prop| {
                            let spread: Vec<_> = d
                                .spread(prop)
                                .into_iter()
                                .map(|(point, n)| json!({"point": point, "passages": n}))
                                .collect();
                            json!({"name": prop.name, "dimension": if prop.dimension.ordered { "range" } else { "set" },
                                   "points": spread})
                        })
                        .collect();
                    json!({"category": c.name, "level": d.level(c.id).map(|l| l.key()), "properties": properties})
                })
                .collect();
            serde_json::to_string_pretty(&json!({ "categories": categories })).unwrap_or_default() + "\n"
        }
        Format::Csv | Format::Table => {
            let mut t = Table::new(["Category", "Property", "Dimension", "Point", "Passages"]);
            for c in p.categories() {
                for prop in d.properties_of(c.id) {
                    let kind = if prop.dimension.ordered { "range" } else { "set" };
                    for (point, n) in d.spread(prop) {
                        t.row([c.name.clone(), prop.name.clone(), kind.to_owned(), point, n.to_string()]);
                    }
                }
            }
            if format == Format::Csv {
                t.to_csv()
            } else if d.properties().next().is_none() {
                "No category has a property yet: give one with `axial edit PROJECT property add CATEGORY NAME --points low,high`.\n"
                    .to_owned()
            } else {
                t.to_text()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_project_says_how_to_begin() {
        let p = Project::default();
        assert!(properties(&p, Format::Table).contains("property add"));
        assert!(relations(&p, Format::Table).contains("0 of 0 relations"));
        let json: serde_json::Value = serde_json::from_str(&relations(&p, Format::Json)).unwrap();
        assert_eq!(json["relations"], json!([]));
    }
}
