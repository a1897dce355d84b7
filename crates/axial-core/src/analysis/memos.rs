//! Every memo of a project, found by what it says or what it is on: the memo browser's rows and
//! `axial report P memos`.

use super::retrieval::Scope;
use crate::model::*;

/// What a memo is on, as a person says it ("code “Trust”", "the project").
pub fn target_label(p: &Project, target: &MemoTarget) -> String {
    let quoted = |kind: &str, name: Option<&str>| format!("{kind} \u{201c}{}\u{201d}", name.unwrap_or("?"));
    match target {
        MemoTarget::Project => "the project".into(),
        MemoTarget::Document(id) => quoted("document", p.document(*id).map(|d| d.title.as_str())),
        MemoTarget::Code(id) => Scope::Code(*id).describe(p),
        MemoTarget::Concept(id) => Scope::Concept(*id).describe(p),
        MemoTarget::Category(id) => Scope::Category(*id).describe(p),
        MemoTarget::Coding(id) => match p.coding(*id) {
            Some(c) => format!(
                "a passage of \u{201c}{}\u{201d} coded \u{201c}{}\u{201d}",
                p.document(c.document).map(|d| d.title.as_str()).unwrap_or("?"),
                p.code(c.code).map(|c| c.name.as_str()).unwrap_or("?")
            ),
            None => "a passage".into(),
        },
        MemoTarget::Relation(id) => relation_label(p, *id),
    }
}

/// A relation as a person says it: "relation “A” causes “B”".
pub fn relation_label(p: &Project, id: RelationId) -> String {
    let name = |c: CategoryId| p.category(c).map(|c| c.name.as_str()).unwrap_or("?");
    match p.relation(id) {
        Some(r) => format!("relation \u{201c}{}\u{201d} {} \u{201c}{}\u{201d}", name(r.from), r.kind, name(r.to)),
        None => "a relation".into(),
    }
}

/// A memo's heading: its title, else its first words.
pub fn heading(memo: &Memo) -> String {
    let title = memo.title.trim();
    if !title.is_empty() {
        return title.to_owned();
    }
    let mut words = String::new();
    for word in memo.text.split_whitespace() {
        if words.chars().count() + word.chars().count() > 60 {
            words.push('…');
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    if words.is_empty() { "(empty memo)".into() } else { words }
}

/// The memos whose title, text or target holds every word of `query` (any case), most recently
/// changed first. An empty query finds every memo.
pub fn find<'p>(p: &'p Project, query: &str) -> Vec<&'p Memo> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut found: Vec<&Memo> = p
        .memos()
        .filter(|m| {
            if words.is_empty() {
                return true;
            }
            let hay = format!("{}\n{}\n{}", m.title, m.text, target_label(p, &m.target)).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.id.cmp(&a.id)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn project() -> Project {
        let mut store = Store::in_memory("t").unwrap();
        let mut ids = store.ids().unwrap();
        let (doc, code) = (ids.document(), ids.code());
        let memo = |id, target, title: &str, text: &str, modified: &str| Action::CreateMemo {
            id,
            target,
            title: title.into(),
            text: text.into(),
            author: "maryam".into(),
            created: modified.into(),
            modified: modified.into(),
        };
        let actions = vec![
            Action::AddDocument {
                id: doc,
                title: "Interview A".into(),
                text: "x".into(),
                case: None,
                imported: "t".into(),
            },
            Action::CreateCode {
                id: code,
                name: "Trust".into(),
                color: "#123456".into(),
                definition: String::new(),
                concept: None,
            },
            memo(ids.memo(), MemoTarget::Project, "Storyline", "Trust carries the model.", "2026-01-02"),
            memo(
                ids.memo(),
                MemoTarget::Code(code),
                "",
                "Customers speak of trust in named people, not the bank as such and never the app",
                "2026-01-03",
            ),
            memo(ids.memo(), MemoTarget::Document(doc), "Setting", "A quiet branch.", "2026-01-01"),
        ];
        for a in &actions {
            store.apply(a).unwrap();
        }
        store.load().unwrap()
    }

    #[test]
    fn memos_are_found_by_their_words_or_their_target_newest_first() {
        let p = project();
        let all: Vec<String> = find(&p, "").iter().map(|m| heading(m)).collect();
        assert_eq!(all, ["Customers speak of trust in named people, not the bank as…", "Storyline", "Setting"]);
        assert_eq!(find(&p, "TRUST").len(), 2, "any case, title, text or target");
        assert_eq!(find(&p, "interview quiet").len(), 1, "every word, the target's name included");
        assert!(find(&p, "nowhere").is_empty());
    }

    #[test]
    fn targets_are_named_as_a_person_would() {
        let p = project();
        let labels: Vec<String> = find(&p, "").iter().map(|m| target_label(&p, &m.target)).collect();
        assert_eq!(labels, ["code “Trust”", "the project", "document “Interview A”"]);
    }
}
