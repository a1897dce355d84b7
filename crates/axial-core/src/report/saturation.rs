//! The saturation report: new and cumulative codes, concepts and categories per interview, and
//! after which interview new categories stopped appearing.

use super::{Format, Table};
use crate::analysis::saturation::Saturation;
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
                           "new_categories": st.new_categories, "codes": st.codes,
                           "concepts": st.concepts, "categories": st.categories})
                })
                .collect();
            let value = json!({
                "order": if s.by_date { "date" } else { "import" },
                "interviews": steps,
                "last_new_category": s.last_new_category(),
                "last_new_code": s.last_new_code(),
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Csv | Format::Table => {
            let mut t = Table::new([
                "#",
                "document",
                "date",
                "new codes",
                "new concepts",
                "new categories",
                "codes",
                "concepts",
                "categories",
            ]);
            for (i, st) in s.steps.iter().enumerate() {
                t.row([
                    (i + 1).to_string(),
                    st.title.clone(),
                    st.date.clone().unwrap_or_default(),
                    st.new_codes.to_string(),
                    st.new_concepts.to_string(),
                    st.new_categories.to_string(),
                    st.codes.to_string(),
                    st.concepts.to_string(),
                    st.categories.to_string(),
                ]);
            }
            if format == Format::Csv {
                return t.to_csv();
            }
            let n = s.steps.len();
            let summary = match s.last_new_category() {
                0 => "No interview has brought a category yet.".to_owned(),
                k if k == n => format!("Interviews {order}: the last one ({k} of {n}) still brought a new category."),
                k => format!(
                    "Interviews {order}: no new category after interview {k} of {n} (new codes until interview {}).",
                    s.last_new_code()
                ),
            };
            format!("{}\n{summary}\n", t.to_text())
        }
    }
}
