//! Thesis outputs as documents ([`Doc`]): the category model with definitions, the cube's
//! Tables 6–8, frequencies, co-occurrence, saturation, quotations, and the HTML appendix that
//! holds them all. Each says in its caption or note what it counts. Render any of them with
//! [`to_markdown`](super::document::to_markdown), [`to_docx`](super::document::to_docx) or
//! [`to_html`](super::document::to_html).

mod appendix;
mod counts;
mod cube;
mod quotes;

pub use appendix::report;
pub use counts::{FREQUENCIES_NOTE, cooccurrence, frequencies, frequencies_table, saturation, saturation_table};
pub use cube::{cube, cube_blocks, cube_counted, cube_with, unit_note};
pub use quotes::{quotes, quotes_of, source_line};

use super::Table;
use super::document::Doc;
use crate::analysis::hierarchy::{Hierarchy, Node, name, tally};
use crate::model::*;

/// "1 reference", "3 references".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The category model as one table, a row per code under its class, category and concept, with
/// the code's definition and counts, and a row for each category or concept with nothing under
/// it; in the hierarchy's order, what is not yet placed last (its class, or category, empty).
/// Every row names all its levels, so the table also stands alone as CSV.
pub fn model_table(p: &Project) -> Table {
    let h = Hierarchy::build(p);
    let mut t = Table::new(["Class", "Category", "Concept", "Code", "Definition", "References", "Documents"]);
    let (mut class, mut category, mut concept) = (String::new(), String::new(), String::new());
    let row = |t: &mut Table, class: &str, category: &str, concept: &str, node: Node| {
        let (code, definition) = match node {
            Node::Code(id) => (name(p, node), p.code(id).map(|c| c.definition.trim()).unwrap_or("")),
            _ => ("", ""),
        };
        let n = tally(p, node);
        t.row([class, category, concept, code, definition, &n.references.to_string(), &n.documents.to_string()]);
    };
    for e in Hierarchy::build(p).walk() {
        let top = e.parent.is_none();
        match e.node {
            Node::Class(c) => (class, category, concept) = (c.label().to_owned(), String::new(), String::new()),
            Node::Category(id) => {
                if top {
                    class.clear();
                }
                (category, concept) = (name(p, e.node).to_owned(), String::new());
                if h.concepts_in(Some(id)).is_empty() {
                    row(&mut t, &class, &category, "", e.node);
                }
            }
            Node::Concept(id) => {
                if top {
                    (class, category) = (String::new(), String::new());
                }
                concept = name(p, e.node).to_owned();
                if h.codes_in(Some(id)).is_empty() {
                    row(&mut t, &class, &category, &concept, e.node);
                }
            }
            Node::Code(_) => {
                if top {
                    (class, category, concept) = (String::new(), String::new(), String::new());
                }
                row(&mut t, &class, &category, &concept, e.node);
            }
        }
    }
    t
}

/// [`model_table`] as CSV.
pub fn model_csv(p: &Project) -> String {
    model_table(p).to_csv()
}

/// `t` with the first `levels` cells of a row left empty where they repeat the row above (a
/// grouped table, as printed).
pub(crate) fn grouped(t: &Table, levels: usize) -> Table {
    let mut out = t.clone();
    for r in (1..t.rows.len()).rev() {
        let same = (0..levels).take_while(|&i| t.rows[r].get(i) == t.rows[r - 1].get(i)).count();
        for cell in out.rows[r].iter_mut().take(same) {
            cell.clear();
        }
    }
    out
}

/// The note under the model table: what the counts are, the core category, what is unplaced.
fn model_note(p: &Project) -> String {
    let mut note = "References: coded passages of the code (a category or concept with no codes: its own). \
                    Documents: the documents it is coded in."
        .to_owned();
    if let Some(core) = p.core_category().and_then(|c| p.category(c)) {
        note.push_str(&format!(" Core category: {}.", core.name));
    }
    note.push_str(" An empty class or category: not yet placed.");
    note
}

/// The category model: classes, categories, concepts, codes with definitions and counts.
pub fn model(p: &Project) -> Doc {
    let mut d = Doc::new(format!("Category model of {}", p.name()));
    d.paragraph(summary(p));
    d.table("Codebook: paradigm class, category, concept and code", grouped(&model_table(p), 3), Some(model_note(p)));
    if p.relations().len() > 0 {
        d.table("Relations between categories and what grounds them", relations_table(p), Some(RELATIONS_NOTE.into()));
        evidence_quotes(p, &mut d, 2);
    }
    d
}

/// Each relation's evidence passages as quotations, under a heading naming the relation (its
/// memo, when it has one, before them): what a reader checks a relation against.
pub fn evidence_quotes(p: &Project, d: &mut Doc, level: u8) {
    if p.depth().evidence().next().is_none() {
        return;
    }
    d.heading(level, "Evidence for the relations");
    let name = |id| p.category(id).map_or("?", |c| c.name.as_str());
    for r in p.relations() {
        let evidence: Vec<_> = p.depth().evidence_of(r.id).collect();
        if evidence.is_empty() {
            continue;
        }
        d.heading(level + 1, format!("{} {} {}", name(r.from), r.kind, name(r.to)));
        for m in p.memos_on(&MemoTarget::Relation(r.id)) {
            d.paragraph(m.text.trim());
        }
        for e in evidence {
            let Some(doc) = p.document(e.document) else { continue };
            let text = &doc.text[crate::bidi::byte_range(&doc.text, e.start..e.end)];
            d.quote(text.trim(), format!("{}, {}\u{2013}{}", doc.title, e.start, e.end));
        }
    }
}

/// What the relations table counts.
pub const RELATIONS_NOTE: &str = "Evidence: the passages picked from the transcripts as grounding the relation. \
     Also counted: the speaker turns coded with both ends of a relation (a code under each category in one turn) and \
     the pairs of overlapping passages. The example is the first evidence passage, else from the first such turn. A \
     relation with none of these is drawn dashed in the figure: an arrow the analyst drew that the data does not yet \
     show.";

/// Each relation between categories (in the project's order) with its evidence passages, the
/// turns and passages coded with both its ends, and an example passage.
pub fn relations_table(p: &Project) -> Table {
    let grounds = crate::analysis::grounding::grounding(p);
    let mut t = Table::new([
        "From",
        "Relation",
        "To",
        "Evidence passages",
        "Turns coded with both",
        "Overlapping passages",
        "For example",
    ]);
    let name = |id| p.category(id).map_or("?", |c| c.name.as_str());
    for r in p.relations() {
        let g = grounds.get(&r.id).copied().unwrap_or_default();
        // The first passage picked as evidence, else the first coding under the first end in
        // a turn coded with both.
        let passage = p
            .depth()
            .evidence_of(r.id)
            .next()
            .map(|e| (e.document, e.start, e.end))
            .or_else(|| g.example.and_then(|c| p.coding(c)).map(|c| (c.document, c.start, c.end)));
        let example = passage.and_then(|(document, start, end)| {
            let doc = p.document(document)?;
            let quote = &doc.text[crate::bidi::byte_range(&doc.text, start..end)];
            let flat = quote.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = flat.chars().take(140).collect();
            let more = if flat.chars().count() > 140 { "…" } else { "" };
            Some(format!("\u{201c}{short}{more}\u{201d} ({})", doc.title))
        });
        t.row([
            name(r.from).to_owned(),
            r.kind.clone(),
            name(r.to).to_owned(),
            g.picked.to_string(),
            g.turns.to_string(),
            g.overlaps.to_string(),
            example.unwrap_or_else(|| "none yet".to_owned()),
        ]);
    }
    t
}

/// One sentence of what the project holds.
pub(crate) fn summary(p: &Project) -> String {
    let total = p.tallies().total();
    format!(
        "{} in {} paradigm classes, {}, {}; {} in {}.",
        plural(p.categories().len(), "category", "categories"),
        ParadigmClass::ALL.len(),
        plural(p.concepts().len(), "concept", "concepts"),
        plural(p.codes().len(), "code", "codes"),
        plural(total.references, "coded reference", "coded references"),
        plural(total.documents, "document", "documents"),
    )
}

#[cfg(test)]
mod tests;
