//! Counts as thesis tables: frequencies at every level of the hierarchy, co-occurring codes,
//! and saturation (what each interview added), each with a note on what it counts.

use crate::analysis::cooccurrence::{Level, Near, matrix};
use crate::analysis::hierarchy::{Hierarchy, Node, name, tally};
use crate::analysis::saturation::Saturation;
use crate::analysis::units::TurnIndex;
use crate::model::Project;
use crate::report::Table;
use crate::report::document::Doc;

/// Coded references and documents at every level of the hierarchy, then the total.
pub fn frequencies_table(p: &Project) -> Table {
    let mut t = Table::new(["Level", "Item", "Under", "References", "Documents"]);
    for e in Hierarchy::build(p).walk() {
        let level = match e.node {
            Node::Class(_) => "Class",
            Node::Category(_) => "Category",
            Node::Concept(_) => "Concept",
            Node::Code(_) => "Code",
        };
        let under = e.parent.map(|n| name(p, n)).unwrap_or("");
        let n = tally(p, e.node);
        t.row([level, name(p, e.node), under, &n.references.to_string(), &n.documents.to_string()]);
    }
    let total = p.tallies().total();
    t.total_row(["Total", "All codings", "", &total.references.to_string(), &total.documents.to_string()]);
    t
}

pub const FREQUENCIES_NOTE: &str = "Counting unit: coded references, one per coding (a passage coded with two \
    codes counts once for each). A concept, category or class adds up its codes' references. Documents: the \
    distinct documents with at least one of them.";

pub fn frequencies(p: &Project) -> Doc {
    let mut d = Doc::new(format!("Code frequencies of {}", p.name()));
    d.table(
        "Coded references and documents per class, category, concept and code",
        frequencies_table(p),
        Some(FREQUENCIES_NOTE.into()),
    );
    d
}

/// Pairs of codes applied to overlapping passages, most frequent first.
pub fn cooccurrence(p: &Project) -> Doc {
    let m = matrix(p, Level::Code, Near::Overlap, &mut TurnIndex::default());
    let mut t = crate::report::cooccurrence::table(p, &m);
    t.header = ["Code", "Code", "Overlaps", "Documents"].map(String::from).to_vec();
    let mut d = Doc::new(format!("Code co-occurrence in {}", p.name()));
    if t.rows.is_empty() {
        d.paragraph("No two codes are applied to overlapping passages.");
    }
    d.table(
        "Codes applied to overlapping passages",
        t,
        Some(
            "Counting unit: pairs of overlapping coded passages, one of each code (the same text coded with both \
             counts once). Documents: the documents where the two codes overlap at least once."
                .into(),
        ),
    );
    d
}

/// New and cumulative codes, concepts, categories and relations per interview (the report's
/// table).
pub fn saturation_table(s: &Saturation) -> Table {
    crate::report::saturation::table(s)
}

/// What the saturation table shows, in sentences: the order, where each level stopped growing
/// and what a claim of saturation rests on.
fn saturation_note(s: &Saturation) -> String {
    let order = if s.by_date { "by interview date" } else { "in import order" };
    format!(
        "Interviews {order}. New: codes, concepts and categories first coded in that interview, relations \
         first grounded in a passage coded with both their ends; the last four columns are cumulative. {}",
        s.summary()
    )
}

/// The saturation table, and the curve (an SVG) when given.
pub fn saturation(p: &Project, curve_svg: Option<&str>) -> Doc {
    let s = crate::analysis::saturation::saturation(p);
    let mut d = Doc::new(format!("Saturation in {}", p.name()));
    d.table(
        "New and cumulative codes, concepts, categories and relations per interview",
        saturation_table(&s),
        Some(saturation_note(&s)),
    );
    if let Some(svg) = curve_svg {
        d.figure(svg, "Cumulative codes, concepts and categories per interview");
    }
    d
}
