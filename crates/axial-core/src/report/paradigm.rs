//! The paradigm model as a tree: class -> category -> concept -> code, with counts, the core
//! category marked, and the relations between categories.

use super::{Format, Table};
use crate::analysis::hierarchy::Hierarchy;
use crate::model::*;

pub fn render(project: &Project, format: Format) -> String {
    match format {
        Format::Json => {
            let model = crate::report::category_model::category_model(project);
            let value = serde_json::json!({
                "core_category": model["core_category"],
                "paradigm": model["paradigm"],
                "unplaced": model["unplaced"],
                "relations": model["relations"],
            });
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Csv => {
            // One row per code, and a row with empty cells for each category or concept that has
            // nothing under it, so every item of the model appears.
            let f = project.tallies();
            let h = Hierarchy::build(project);
            let mut t = Table::new(["class", "category", "core", "concept", "code", "references", "documents"]);
            let mut row = |class: &str, cat: &str, core: bool, concept: &str, code: &str, tally: Tally| {
                t.row([
                    class.to_owned(),
                    cat.to_owned(),
                    if cat.is_empty() { String::new() } else { core.to_string() },
                    concept.to_owned(),
                    code.to_owned(),
                    tally.references.to_string(),
                    tally.documents.to_string(),
                ]);
            };
            let concepts = |c| h.concepts_in(c).iter().filter_map(|&k| project.concept(k));
            let codes = |k| h.codes_in(k).iter().filter_map(|&k| project.code(k));
            for class in ParadigmClass::ALL.map(Some).into_iter().chain([None]) {
                let key = class.map(|x| x.key()).unwrap_or("");
                for c in h.categories_in(class).iter().filter_map(|&c| project.category(c)) {
                    let core = project.core_category() == Some(c.id);
                    if h.concepts_in(Some(c.id)).is_empty() {
                        row(key, &c.name, core, "", "", f.category(c.id));
                    }
                    for k in concepts(Some(c.id)) {
                        if h.codes_in(Some(k.id)).is_empty() {
                            row(key, &c.name, core, &k.name, "", f.concept(k.id));
                        }
                        for code in codes(Some(k.id)) {
                            row(key, &c.name, core, &k.name, &code.name, f.code(code.id));
                        }
                    }
                }
            }
            for k in concepts(None) {
                if h.codes_in(Some(k.id)).is_empty() {
                    row("", "", false, &k.name, "", f.concept(k.id));
                }
                for code in codes(Some(k.id)) {
                    row("", "", false, &k.name, &code.name, f.code(code.id));
                }
            }
            for code in codes(None) {
                row("", "", false, "", &code.name, f.code(code.id));
            }
            t.to_csv()
        }
        Format::Table => tree(project),
    }
}

fn tree(project: &Project) -> String {
    let f = project.tallies();
    let h = Hierarchy::build(project);
    let mut out = format!("{}\n", project.name());
    let count = |r: usize, d: usize| {
        format!("{r} ref{}, {d} doc{}", if r == 1 { "" } else { "s" }, if d == 1 { "" } else { "s" })
    };
    let branches: Vec<(String, Option<ParadigmClass>)> = ParadigmClass::ALL
        .iter()
        .map(|c| (c.label().to_owned(), Some(*c)))
        .chain((!h.categories_in(None).is_empty()).then(|| ("Not yet placed".to_owned(), None)))
        .collect();
    for (bi, (label, class)) in branches.iter().enumerate() {
        let last_branch = bi + 1 == branches.len();
        let t = class.map(|c| f.class(c)).unwrap_or_default();
        out.push_str(&format!(
            "{}{label} ({})\n",
            if last_branch { "└── " } else { "├── " },
            count(t.references, t.documents)
        ));
        let pad1 = if last_branch { "    " } else { "│   " };
        let cats: Vec<&Category> = h.categories_in(*class).iter().filter_map(|&c| project.category(c)).collect();
        if cats.is_empty() {
            out.push_str(&format!("{pad1}└── (no categories)\n"));
        }
        for (ci, c) in cats.iter().enumerate() {
            let last_cat = ci + 1 == cats.len();
            let core = if project.core_category() == Some(c.id) { " [core category]" } else { "" };
            let t = f.category(c.id);
            out.push_str(&format!(
                "{pad1}{}{}{core} ({})\n",
                if last_cat { "└── " } else { "├── " },
                c.name,
                count(t.references, t.documents)
            ));
            let pad2 = format!("{pad1}{}", if last_cat { "    " } else { "│   " });
            let concepts: Vec<&Concept> =
                h.concepts_in(Some(c.id)).iter().filter_map(|&k| project.concept(k)).collect();
            for (ki, k) in concepts.iter().enumerate() {
                let last_k = ki + 1 == concepts.len();
                let t = f.concept(k.id);
                out.push_str(&format!(
                    "{pad2}{}{} ({})\n",
                    if last_k { "└── " } else { "├── " },
                    k.name,
                    count(t.references, t.documents)
                ));
                let pad3 = format!("{pad2}{}", if last_k { "    " } else { "│   " });
                let codes: Vec<&Code> = h.codes_in(Some(k.id)).iter().filter_map(|&k| project.code(k)).collect();
                for (i, code) in codes.iter().enumerate() {
                    let t = f.code(code.id);
                    out.push_str(&format!(
                        "{pad3}{}{} ({})\n",
                        if i + 1 == codes.len() { "└── " } else { "├── " },
                        code.name,
                        count(t.references, t.documents)
                    ));
                }
            }
        }
    }
    let loose_concepts = h.concepts_in(None).len();
    let loose_codes = h.codes_in(None).len();
    if loose_concepts + loose_codes > 0 {
        out.push_str(&format!("\nNot yet grouped: {loose_concepts} concept(s) without a category, {loose_codes} code(s) without a concept.\n"));
    }
    if project.relations().len() > 0 {
        out.push_str("\nRelations\n");
        for r in project.relations() {
            let name = |id| project.category(id).map(|c| c.name.as_str()).unwrap_or("?");
            out.push_str(&format!("  {} --{}--> {}\n", name(r.from), r.kind, name(r.to)));
        }
    }
    out
}
