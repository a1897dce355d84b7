//! Quotations as a thesis prints them: each coded passage as a block quote, then where it is
//! from ("Interview 3 (Case B), Interviewee, 1204–1290, code: X"), grouped under a heading per
//! code (in codebook order) when the passages are of several codes, in their given order
//! (retrieval's reading order) within each.

use super::plural;
use crate::analysis::hierarchy::{Hierarchy, Node};
use crate::analysis::retrieval::{Passage, Scope, details, passages};
use crate::analysis::units::TurnIndex;
use crate::model::{CodeId, Project};
use crate::report::document::Doc;
use rustc_hash::FxHashMap;

/// Where a passage is from: document (case), speaker, start–end in characters, code.
pub fn source_line(p: &Project, pa: &Passage) -> String {
    let mut s = pa.title.clone();
    if let Some(case) = &pa.case {
        s.push_str(&format!(" ({case})"));
    }
    if let Some(speaker) = &pa.speaker {
        s.push_str(&format!(", {speaker}"));
    }
    let code = p.code(pa.code).map(|c| c.name.as_str()).unwrap_or("?");
    s.push_str(&format!(", {}\u{2013}{}, code: {code}", pa.start, pa.end));
    s
}

/// `passages` (as [`details`] gives them, in retrieval order) as quotations of what `title`
/// names ("category “Trust”", as [`Scope::describe`] says it).
pub fn quotes(p: &Project, title: &str, passages: &[Passage]) -> Doc {
    let mut d = Doc::new(format!("Quotations: {title}"));
    d.paragraph(format!(
        "{} of the {title}, in reading order (documents in project order, then by position). Positions are \
         characters from the start of the document.",
        plural(passages.len(), "coded passage", "coded passages"),
    ));
    let all: Vec<&Passage> = passages.iter().collect();
    let by_code = passages.iter().any(|pa| pa.code != passages[0].code);
    quote_blocks(p, &all, by_code, 1, &code_order(p), &mut d);
    d
}

/// Every passage of `scope`, read and quoted.
pub fn quotes_of(p: &Project, scope: Scope) -> Doc {
    quotes(p, &scope.describe(p), &details(p, &passages(p, scope), &mut TurnIndex::default()))
}

/// Each code's place in the codebook (the hierarchy's order).
pub(crate) fn code_order(p: &Project) -> FxHashMap<CodeId, usize> {
    Hierarchy::build(p)
        .walk()
        .into_iter()
        .filter_map(|e| match e.node {
            Node::Code(id) => Some(id),
            _ => None,
        })
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect()
}

/// The quotations of `passages` into `d`; with `by_code`, under a heading at `level` per code,
/// codes in codebook `order`, passages keeping their order within each.
pub(crate) fn quote_blocks(
    p: &Project,
    passages: &[&Passage],
    by_code: bool,
    level: u8,
    order: &FxHashMap<CodeId, usize>,
    d: &mut Doc,
) {
    if passages.is_empty() {
        d.paragraph("No passage is coded here yet.");
        return;
    }
    if !by_code {
        for pa in passages {
            d.quote(pa.text.as_str(), source_line(p, pa));
        }
        return;
    }
    let mut sorted = passages.to_vec();
    // A stable sort: within a code, the passages stay in reading order.
    sorted.sort_by_key(|pa| (order.get(&pa.code).copied().unwrap_or(usize::MAX), pa.code));
    for group in sorted.chunk_by(|a, b| a.code == b.code) {
        let name = p.code(group[0].code).map(|c| c.name.as_str()).unwrap_or("?");
        d.heading(level, format!("{name} ({})", plural(group.len(), "passage", "passages")));
        for pa in group {
            d.quote(pa.text.as_str(), source_line(p, pa));
        }
    }
}
