//! The coded passages behind a code, concept, category or paradigm class: what an analyst reads
//! back to compare incidents (constant comparison), in reading order.

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
    /// "code “Trust”", "category “Building trust”", "class phenomenon".
    pub fn describe(self, p: &Project) -> String {
        let quoted = |kind: &str, name: Option<&str>| format!("{kind} \u{201c}{}\u{201d}", name.unwrap_or("?"));
        match self {
            Scope::Code(id) => quoted("code", p.code(id).map(|c| c.name.as_str())),
            Scope::Concept(id) => quoted("concept", p.concept(id).map(|c| c.name.as_str())),
            Scope::Category(id) => quoted("category", p.category(id).map(|c| c.name.as_str())),
            Scope::Class(class) => format!("class {}", class.label().to_lowercase()),
        }
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
}
