//! The whole analysis as one document for a thesis appendix (rendered as one self-contained
//! HTML page): codebook, paradigm figure, cube Tables 6–8, frequencies, saturation and the
//! quotations of every category, with a table of contents.

use super::quotes::{code_order, quote_blocks};
use super::{grouped, model_note, model_table, plural, summary};
use crate::analysis::hierarchy::{Hierarchy, Node};
use crate::analysis::retrieval::{Passage, Scope, details, passages};
use crate::analysis::units::TurnIndex;
use crate::model::{CategoryId, CodingId, Project};
use crate::report::cube::Bins;
use crate::report::document::{Block, Doc};
use rustc_hash::FxHashMap;

/// The appendix: `figure_svg` is the paradigm model's figure (inlined; empty: none), and
/// `saturation_svg` the saturation curve, when there is one.
pub fn report(p: &Project, figure_svg: &str, saturation_svg: Option<&str>) -> Doc {
    let mut d = Doc::new(format!("{} \u{2014} analysis appendix", p.name()));
    d.paragraph(summary(p));
    d.blocks.push(Block::Contents);

    d.section(1, "Codebook", "codebook");
    d.table("Codebook: paradigm class, category, concept and code", grouped(&model_table(p), 3), Some(model_note(p)));

    d.section(1, "Paradigm model", "paradigm-model");
    if figure_svg.trim().is_empty() {
        d.paragraph("The paradigm model figure is not included.");
    } else {
        d.figure(figure_svg, "The paradigm model: categories in the six classes, and their relations");
    }
    if p.relations().len() > 0 {
        d.table(
            "Relations between categories and what grounds them",
            super::relations_table(p),
            Some(super::RELATIONS_NOTE.into()),
        );
        super::evidence_quotes(p, &mut d, 2);
    }

    d.section(1, "Knowledge cube", "cube");
    let cube = crate::analysis::cube::cube(p);
    let blocks = super::cube_blocks(&cube, None, Bins::default(), 2);
    d.blocks.extend(blocks.expect("the default layout names the cube's own dimensions"));

    d.section(1, "Frequencies", "frequencies");
    d.blocks.extend(super::frequencies(p).blocks);

    d.section(1, "Saturation", "saturation");
    d.blocks.extend(super::saturation(p, saturation_svg).blocks);

    d.section(1, "Quotations by category", "quotations");
    category_quotes(p, &mut d);
    d
}

/// Every category's passages, under a heading per category (hierarchy order) and per code.
/// Each category's codings come from its codes' own lists; the passages' texts are read in one
/// pass in reading order (one character index per document), then looked up by coding id.
fn category_quotes(p: &Project, d: &mut Doc) {
    let categories: Vec<CategoryId> = Hierarchy::build(p)
        .walk()
        .into_iter()
        .filter_map(|e| match e.node {
            Node::Category(id) => Some(id),
            _ => None,
        })
        .collect();
    if categories.is_empty() {
        d.paragraph("The project has no categories yet.");
        return;
    }
    let per_category: Vec<Vec<CodingId>> = categories.iter().map(|&c| passages(p, Scope::Category(c))).collect();
    let mut all: Vec<_> = per_category
        .iter()
        .flatten()
        .filter_map(|&id| p.coding(id).map(|c| (c.document, c.start, c.end, id)))
        .collect();
    all.sort_unstable();
    let ids: Vec<CodingId> = all.into_iter().map(|(.., id)| id).collect();
    let read = details(p, &ids, &mut TurnIndex::default());
    let at: FxHashMap<CodingId, &Passage> = read.iter().map(|pa| (pa.coding, pa)).collect();
    let order = code_order(p);
    for (&category, codings) in categories.iter().zip(&per_category) {
        let name = p.category(category).map(|c| c.name.as_str()).unwrap_or("?");
        let found: Vec<&Passage> = codings.iter().filter_map(|id| at.get(id).copied()).collect();
        d.section(2, name, format!("category-{}", category.0));
        d.paragraph(format!(
            "{} of the category \u{201c}{name}\u{201d}.",
            plural(found.len(), "coded passage", "coded passages")
        ));
        quote_blocks(p, &found, true, 3, &order, d);
    }
}
