//! The co-occurrence report: pairs of codes (or concepts, categories) that overlap or share a
//! speaker turn, most frequent first.

use super::{Format, Table};
use crate::analysis::cooccurrence::Matrix;
use crate::analysis::hierarchy::name;
use crate::model::Project;
use serde_json::json;

pub fn render(p: &Project, m: &Matrix, format: Format) -> String {
    let mut pairs: Vec<(&(usize, usize), _)> = m.pairs.iter().collect();
    pairs.sort_by(|a, b| b.1.overlaps.cmp(&a.1.overlaps).then(a.0.cmp(b.0)));
    let label = |i: usize| name(p, m.items[i]).to_owned();
    match format {
        Format::Json => {
            let rows: Vec<_> = pairs
                .iter()
                .map(|((a, b), n)| json!({"a": label(*a), "b": label(*b), "count": n.overlaps, "documents": n.documents}))
                .collect();
            let value = json!({"level": m.level.key(), "by": m.near.key(), "pairs": rows});
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Csv | Format::Table => {
            let count = match m.near {
                crate::analysis::cooccurrence::Near::Overlap => "overlaps",
                crate::analysis::cooccurrence::Near::Turn => "shared turns",
            };
            let mut t =
                Table::new([m.level.key().to_owned(), m.level.key().to_owned(), count.to_owned(), "documents".into()]);
            for ((a, b), n) in pairs {
                t.row([label(*a), label(*b), n.overlaps.to_string(), n.documents.to_string()]);
            }
            if format == Format::Csv { t.to_csv() } else { t.to_text() }
        }
    }
}
