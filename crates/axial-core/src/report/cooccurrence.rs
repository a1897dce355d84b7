//! The co-occurrence report: pairs of codes (or concepts, categories) that overlap or share a
//! speaker turn, most frequent first.

use super::{Format, Table};
use crate::analysis::cooccurrence::Matrix;
use crate::analysis::hierarchy::name;
use crate::model::Project;
use serde_json::json;

/// The pairs, most frequent first (then in tree order).
fn sorted_pairs(m: &Matrix) -> Vec<(&(usize, usize), &crate::analysis::cooccurrence::PairCount)> {
    let mut pairs: Vec<_> = m.pairs.iter().collect();
    pairs.sort_by(|a, b| b.1.overlaps.cmp(&a.1.overlaps).then(a.0.cmp(b.0)));
    pairs
}

/// The pairs as a table: item, item, how often they meet, in how many documents.
pub fn table(p: &Project, m: &Matrix) -> Table {
    let label = |i: usize| name(p, m.items[i]).to_owned();
    let count = match m.near {
        crate::analysis::cooccurrence::Near::Overlap => "overlaps",
        crate::analysis::cooccurrence::Near::Turn => "shared turns",
    };
    let mut t = Table::new([m.level.key().to_owned(), m.level.key().to_owned(), count.to_owned(), "documents".into()]);
    for ((a, b), n) in sorted_pairs(m) {
        t.row([label(*a), label(*b), n.overlaps.to_string(), n.documents.to_string()]);
    }
    t
}

pub fn render(p: &Project, m: &Matrix, format: Format) -> String {
    let pairs = sorted_pairs(m);
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
        Format::Csv => table(p, m).to_csv(),
        Format::Table => table(p, m).to_text(),
    }
}
