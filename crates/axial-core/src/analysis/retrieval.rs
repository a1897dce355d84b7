//! The coded passages behind a code, concept, category or paradigm class: what an analyst reads
//! back to compare incidents (constant comparison), in reading order.

use super::units::TurnIndex;
use crate::model::*;

/// What the passages are read for: one code, or everything coded under a concept, a category
/// or a paradigm class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Code(CodeId),
    Concept(ConceptId),
    Category(CategoryId),
    Class(ParadigmClass),
}

impl Scope {
    /// The passages of a tree item: a code, concept, category or paradigm class.
    pub fn of(node: super::hierarchy::Node) -> Scope {
        use super::hierarchy::Node;
        match node {
            Node::Code(id) => Scope::Code(id),
            Node::Concept(id) => Scope::Concept(id),
            Node::Category(id) => Scope::Category(id),
            Node::Class(class) => Scope::Class(class),
        }
    }

    /// "code “Trust”", "category “Building trust”", "class phenomenon".
    pub fn describe(self, p: &Project) -> String {
        // An in-vivo name is already in quotation marks.
        let quoted = |kind: &str, name: Option<&str>| match name.unwrap_or("?") {
            n if n.starts_with('\u{201c}') => format!("{kind} {n}"),
            n => format!("{kind} \u{201c}{n}\u{201d}"),
        };
        match self {
            Scope::Code(id) => quoted("code", p.code(id).map(|c| c.name.as_str())),
            Scope::Concept(id) => quoted("concept", p.concept(id).map(|c| c.name.as_str())),
            Scope::Category(id) => quoted("category", p.category(id).map(|c| c.name.as_str())),
            Scope::Class(class) => format!("class {}", class.label().to_lowercase()),
        }
    }

    /// The item's name ("Trust"), or the class's label.
    pub fn name(self, p: &Project) -> String {
        match self {
            Scope::Code(id) => p.code(id).map(|c| c.name.clone()),
            Scope::Concept(id) => p.concept(id).map(|c| c.name.clone()),
            Scope::Category(id) => p.category(id).map(|c| c.name.clone()),
            Scope::Class(class) => Some(class.label().to_owned()),
        }
        .unwrap_or_default()
    }

    /// Whether `code` is under this scope.
    pub fn holds(self, p: &Project, code: CodeId) -> bool {
        let place = p.placement(code);
        match self {
            Scope::Code(id) => code == id,
            Scope::Concept(id) => place.concept == Some(id),
            Scope::Category(id) => place.category == Some(id),
            Scope::Class(class) => place.class == Some(class),
        }
    }
}

/// Which passages to keep: of one case, of documents with an attribute's value, of one coder.
/// The retrieval view's filters, and `--case`, `--attribute` and `--coder` on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub case: Option<CaseId>,
    /// A document attribute and the value it must have.
    pub attribute: Option<(String, String)>,
    pub coder: Option<String>,
}

impl Filter {
    pub fn keeps(&self, p: &Project, passage: &Passage) -> bool {
        let doc = p.document(passage.document);
        self.case.is_none_or(|c| doc.is_some_and(|d| d.case == Some(c)))
            && self.coder.as_ref().is_none_or(|c| *c == passage.coder)
            && self.attribute.as_ref().is_none_or(|(k, v)| doc.is_some_and(|d| d.attributes.get(k) == Some(v)))
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// "case “Anna”, date = 2024-03-01, coder ali", or "" when it keeps everything.
    pub fn describe(&self, p: &Project) -> String {
        let mut parts = Vec::new();
        if let Some(case) = self.case {
            parts.push(format!("case \u{201c}{}\u{201d}", p.case(case).map_or("?", |c| c.name.as_str())));
        }
        if let Some((k, v)) = &self.attribute {
            parts.push(format!("{k} = {v}"));
        }
        if let Some(coder) = &self.coder {
            parts.push(format!("coder {coder}"));
        }
        parts.join(", ")
    }
}

/// The passages of `scope` that `filter` keeps, with their context, in reading order: what the
/// retrieval view shows and every quotes export writes.
pub fn filtered(p: &Project, scope: Scope, filter: &Filter, turns: &mut TurnIndex) -> Vec<Passage> {
    let mut all = details(p, &passages(p, scope), turns);
    if !filter.is_empty() {
        all.retain(|pa| filter.keeps(p, pa));
    }
    all
}

/// Every coding under `scope`, in reading order: documents in project order, then by start
/// (then end). One pass over the codes and one sort of the passages found.
pub fn passages(p: &Project, scope: Scope) -> Vec<CodingId> {
    let mut found: Vec<(DocumentId, usize, usize, CodingId)> = Vec::new();
    let codes: Vec<CodeId> = match scope {
        Scope::Code(id) => vec![id],
        _ => p.codes().map(|c| c.id).filter(|&c| scope.holds(p, c)).collect(),
    };
    for code in codes {
        found.extend(p.codings_of(code).map(|c| (c.document, c.start, c.end, c.id)));
    }
    found.sort_unstable();
    found.into_iter().map(|(.., id)| id).collect()
}

/// One coded passage as retrieval shows it: where it is, who said it, the words, and a line of
/// context on either side (within its paragraph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub coding: CodingId,
    pub code: CodeId,
    pub document: DocumentId,
    pub title: String,
    pub case: Option<String>,
    pub speaker: Option<String>,
    pub coder: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub before: String,
    pub after: String,
}

/// Characters of context shown on either side of a passage.
pub const CONTEXT: usize = 80;

/// The passages of `codings` with their context. Codings of one document are best given
/// together (as [`passages`] orders them): each document's character index is built once per
/// run of its codings.
pub fn details(p: &Project, codings: &[CodingId], turns: &mut TurnIndex) -> Vec<Passage> {
    let mut out = Vec::with_capacity(codings.len());
    let mut index: Option<(DocumentId, crate::io::text::CharIndex)> = None;
    for &id in codings {
        let Some(c) = p.coding(id) else { continue };
        let Some(d) = p.document(c.document) else { continue };
        if index.as_ref().is_none_or(|(doc, _)| *doc != d.id) {
            index = Some((d.id, crate::io::text::CharIndex::new(&d.text)));
        }
        let Some((_, chars)) = &index else { continue };
        let len = chars.len();
        let (start, end) = (c.start.min(len), c.end.min(len));
        out.push(Passage {
            coding: id,
            code: c.code,
            document: d.id,
            title: d.title.clone(),
            case: d.case.and_then(|k| p.case(k)).map(|k| k.name.clone()),
            speaker: turns.speaker_at(p, d.id, start),
            coder: c.coder.clone(),
            start,
            end,
            text: chars.slice(start, end).to_owned(),
            before: context_before(chars.slice(start.saturating_sub(CONTEXT), start), start > CONTEXT),
            after: context_after(chars.slice(end, (end + CONTEXT).min(len)), end + CONTEXT < len),
        });
    }
    out
}

/// The context before a passage: from the paragraph's start, or from a word with "…" when
/// the paragraph began earlier (`cut`).
fn context_before(text: &str, cut: bool) -> String {
    match text.rfind("\n\n") {
        Some(i) => text[i + 2..].to_owned(),
        None if cut => text.find(' ').map(|i| format!("\u{2026}{}", &text[i + 1..])).unwrap_or_else(|| text.to_owned()),
        None => text.to_owned(),
    }
}

/// The context after a passage: to the paragraph's end, or to a word with "…" (`cut`).
fn context_after(text: &str, cut: bool) -> String {
    match text.find("\n\n") {
        Some(i) => text[..i].to_owned(),
        None if cut => text.rfind(' ').map(|i| format!("{}\u{2026}", &text[..i])).unwrap_or_else(|| text.to_owned()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Two documents; "Trust" in concept K in category C (phenomenon), "Delay" loose.
    #[test]
    fn passages_under_each_level_in_reading_order() {
        let mut s = Store::in_memory("t").unwrap();
        let mut ids = s.ids().unwrap();
        let (d1, d2) = (ids.document(), ids.document());
        let (cat, concept) = (ids.category(), ids.concept());
        let (trust, delay) = (ids.code(), ids.code());
        let doc = |id, title: &str| Action::AddDocument {
            id,
            title: title.into(),
            text: "one two three four five six".into(),
            case: None,
            imported: "t".into(),
        };
        let code = |id, name: &str, concept| Action::CreateCode {
            id,
            name: name.into(),
            color: "#123456".into(),
            definition: String::new(),
            concept,
        };
        let mut coding = |document, code, start, end| Action::CreateCoding {
            id: ids.coding(),
            document,
            code,
            start,
            end,
            coder: "c".into(),
            created: "t".into(),
        };
        let codings =
            [coding(d2, trust, 0, 3), coding(d1, trust, 8, 13), coding(d1, delay, 4, 7), coding(d1, trust, 0, 3)];
        let mut actions = vec![
            doc(d1, "A"),
            doc(d2, "B"),
            Action::CreateCategory { id: cat, name: "C".into(), class: Some(ParadigmClass::Phenomenon) },
            Action::CreateConcept { id: concept, name: "K".into(), category: Some(cat) },
            code(trust, "Trust", Some(concept)),
            code(delay, "Delay", None),
        ];
        let coding_ids: Vec<CodingId> = codings
            .iter()
            .map(|a| if let Action::CreateCoding { id, .. } = a { *id } else { unreachable!() })
            .collect();
        actions.extend(codings);
        s.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        let p = s.load().unwrap();
        let [b0, a8, a4, a0] = coding_ids[..] else { unreachable!() };
        assert_eq!(passages(&p, Scope::Code(trust)), [a0, a8, b0], "document order, then by start");
        assert_eq!(passages(&p, Scope::Concept(concept)), [a0, a8, b0]);
        assert_eq!(passages(&p, Scope::Category(cat)), [a0, a8, b0]);
        assert_eq!(passages(&p, Scope::Class(ParadigmClass::Phenomenon)), [a0, a8, b0]);
        assert_eq!(passages(&p, Scope::Code(delay)), [a4]);
        assert!(passages(&p, Scope::Class(ParadigmClass::Consequences)).is_empty());
        assert_eq!(Scope::Category(cat).describe(&p), "category \u{201c}C\u{201d}");
    }

    #[test]
    fn a_passage_comes_with_its_speaker_case_and_context_within_its_paragraph() {
        let mut p = Project::default();
        let long = "word ".repeat(30);
        let text = format!("Interviewer: why?\n\nZoë: {long}we trusted the bank {long}\n\nInterviewer: ok");
        p.apply_change(Change::Case(Case { id: CaseId(1), name: "Bank A".into(), attributes: Default::default() }));
        let mut doc = Document::new(DocumentId(1), "I1".to_owned(), text.clone());
        doc.case = Some(CaseId(1));
        p.apply_change(Change::DocumentAdded(doc));
        let start = text.chars().count() - text[text.find("we trusted").unwrap()..].chars().count();
        p.apply_change(Change::Coding(Coding {
            id: CodingId(1),
            document: DocumentId(1),
            code: CodeId(1),
            start,
            end: start + "we trusted the bank".len(),
            coder: "maryam".into(),
            created: "t".into(),
        }));
        let got = details(&p, &[CodingId(1)], &mut TurnIndex::default());
        let one = &got[0];
        assert_eq!(one.text, "we trusted the bank");
        assert_eq!(
            (one.speaker.as_deref(), one.case.as_deref(), one.title.as_str()),
            (Some("Zoë"), Some("Bank A"), "I1")
        );
        assert!(one.before.starts_with('\u{2026}') && one.before.ends_with("word "), "{:?}", one.before);
        assert!(one.after.ends_with('\u{2026}') && !one.after.contains('\n'), "{:?}", one.after);
    }
}
