//! Every coding as one CSV row with where it sits in the model: the raw data a student takes
//! into a spreadsheet or R. Texts are indexed once per document, not walked per coding.

use super::Table;
use crate::io::text::CharIndex;
use crate::model::Project;

/// `document, case, code, concept, category, class, start, end, coder, created, quote`, in
/// document order and, within a document, in the order of the text.
pub fn csv(p: &Project) -> String {
    let mut t = Table::new([
        "document", "case", "code", "concept", "category", "class", "start", "end", "coder", "created", "quote",
    ]);
    for d in p.documents() {
        let index = CharIndex::new(&d.text);
        let case = d.case.and_then(|c| p.case(c)).map(|c| c.name.clone()).unwrap_or_default();
        let mut codings: Vec<_> = p.codings_in(d.id).collect();
        codings.sort_by_key(|c| (c.start, c.end, c.id));
        for c in codings {
            let code = p.code(c.code);
            let concept = code.and_then(|k| k.concept).and_then(|k| p.concept(k));
            let category = concept.and_then(|k| k.category).and_then(|k| p.category(k));
            t.row([
                d.title.clone(),
                case.clone(),
                code.map(|k| k.name.clone()).unwrap_or_default(),
                concept.map(|k| k.name.clone()).unwrap_or_default(),
                category.map(|k| k.name.clone()).unwrap_or_default(),
                category.and_then(|k| k.class).map(|k| k.label().to_owned()).unwrap_or_default(),
                c.start.to_string(),
                c.end.to_string(),
                c.coder.clone(),
                c.created.clone(),
                index.slice(c.start.min(index.len()), c.end.min(index.len())).to_owned(),
            ]);
        }
    }
    t.to_csv()
}
