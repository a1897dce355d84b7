//! The saturation report: new and cumulative codes, concepts, categories, properties and relations per
//! interview, where each level stopped growing and what a claim of saturation rests on.

use super::{Format, Table};
use crate::analysis::saturation::{Level, Saturation};
use serde_json::json;

pub fn render(s: &Saturation, format: Format) -> String {
    let order = if s.by_date { "by date" } else { "in import order" };
    match format {
        Format::Json => {
            let steps: Vec<_> = s
                .steps
                .iter()
                .enumerate()
                .map(|(i, st)| {
                    json!({"position": i + 1, "document": st.title, "date": st.date,
                           "new_codes": st.new_codes, "new_concepts": st.new_concepts,
                           "new_categories": st.new_categories, "new_properties": st.new_properties,
                           "new_relations": st.new_relations,
                           "codes": st.codes, "concepts": st.concepts, "categories": st.categories,
                           "properties": st.properties, "relations": st.relations, "sampled_because": st.sampled_because,
                           "to_develop": st.to_develop})
                })
                .collect();
            let last_new: serde_json::Map<String, serde_json::Value> =
                Level::ALL.iter().map(|l| (l.plural().to_owned(), json!(s.last_new(*l)))).collect();
            let value = json!({
                "order": if s.by_date { "date" } else { "import" },
                "interviews": steps,
                "last_new_category": s.last_new_category(),
                "last_new_code": s.last_new_code(),
                "last_new": last_new,
                "claim_rests_on": s.stopped().iter().map(|(l, _)| l.plural()).collect::<Vec<_>>(),
                "summary": s.summary(),
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Csv => table(s).to_csv(),
        Format::Table => format!("{}\nInterviews {order}. {}\n", table(s).to_text(), s.summary()),
    }
}

/// New and cumulative codes, concepts, categories and relations per interview, in interview
/// order: the report's table and the thesis table. With a theoretical sampling log, why each
/// interview was sought and what it was to develop, beside what it brought.
pub fn table(s: &Saturation) -> Table {
    let mut header = vec![
        "#",
        "Document",
        "Date",
        "New codes",
        "New concepts",
        "New categories",
        "New properties",
        "New relations",
        "Codes",
        "Concepts",
        "Categories",
        "Properties",
        "Relations",
    ];
    let log = s.has_sampling_log();
    if log {
        header.extend(["Sampled because", "To develop"]);
    }
    let mut t = Table::new(header);
    for (i, st) in s.steps.iter().enumerate() {
        let mut row = vec![
            (i + 1).to_string(),
            st.title.clone(),
            st.date.clone().unwrap_or_default(),
            st.new_codes.to_string(),
            st.new_concepts.to_string(),
            st.new_categories.to_string(),
            st.new_properties.to_string(),
            st.new_relations.to_string(),
            st.codes.to_string(),
            st.concepts.to_string(),
            st.categories.to_string(),
            st.properties.to_string(),
            st.relations.to_string(),
        ];
        if log {
            row.push(st.sampled_because.clone().unwrap_or_default());
            row.push(st.to_develop.clone().unwrap_or_default());
        }
        t.row(row);
    }
    t
}
