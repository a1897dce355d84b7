//! Text and regex search across documents, with offsets in characters (like codings) and a
//! little context on each side for the results list.

use crate::model::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub document: DocumentId,
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub matched: String,
    pub after: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    pub regex: bool,
    pub case_sensitive: bool,
}

/// Characters of context shown on each side of a hit.
const CONTEXT: usize = 40;

/// Every non-empty match of `query` in every document, in document then text order.
pub fn search(project: &Project, query: &str, options: SearchOptions) -> Result<Vec<Hit>, String> {
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = if options.regex { query.to_owned() } else { regex::escape(query) };
    let re = regex::RegexBuilder::new(&pattern)
        .case_insensitive(!options.case_sensitive)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
        format!("the search pattern is not a valid regular expression ({})", first_line(&e.to_string()))
    })?;
    let mut hits = Vec::new();
    for doc in project.documents() {
        let text: &str = &doc.text;
        // Byte -> char offsets, counted incrementally as matches come in order.
        let mut chars_before = 0usize;
        let mut bytes_seen = 0usize;
        for m in re.find_iter(text) {
            if m.start() == m.end() {
                continue;
            }
            chars_before += text[bytes_seen..m.start()].chars().count();
            bytes_seen = m.start();
            let start = chars_before;
            let len = m.as_str().chars().count();
            // Walk back from the match: the context costs its own length, not the text's.
            let head = &text[..m.start()];
            let from = head.char_indices().rev().take(CONTEXT).last().map(|(b, _)| b).unwrap_or(head.len());
            let before = head[from..].to_owned();
            let after: String = text[m.end()..].chars().take(CONTEXT).collect();
            hits.push(Hit {
                document: doc.id,
                start,
                end: start + len,
                before: one_line(&before),
                matched: one_line(m.as_str()),
                after: one_line(&after),
            });
        }
    }
    Ok(hits)
}

fn one_line(s: &str) -> String {
    s.replace('\n', " ")
}

fn first_line(s: &str) -> &str {
    s.lines().last().unwrap_or(s).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(texts: &[&str]) -> Project {
        let mut p = Project::default();
        for (i, t) in texts.iter().enumerate() {
            p.apply_change(Change::DocumentAdded(Document::new(DocumentId(i as i64 + 1), format!("d{i}"), *t)));
        }
        p
    }

    #[test]
    fn offsets_are_characters_and_context_is_one_line() {
        let p = project(&["Zoë: the café\nCafé again", "nothing"]);
        let hits = search(&p, "café", SearchOptions::default()).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (9, 13));
        assert_eq!(hits[1].matched, "Café");
        assert_eq!(hits[1].before, "Zoë: the café ");
        let chars: Vec<char> = p.documents().next().unwrap().text.chars().collect();
        assert_eq!(chars[hits[1].start..hits[1].end].iter().collect::<String>(), "Café");
        let exact = search(&p, "café", SearchOptions { case_sensitive: true, ..Default::default() }).unwrap();
        assert_eq!(exact.len(), 1);
    }

    #[test]
    fn regex_mode_and_bad_patterns() {
        let p = project(&["call centre, call center, callback"]);
        let hits = search(&p, r"call cent(re|er)", SearchOptions { regex: true, ..Default::default() }).unwrap();
        assert_eq!(hits.len(), 2);
        assert!(search(&p, "(", SearchOptions { regex: true, ..Default::default() }).is_err());
        assert_eq!(search(&p, "(", SearchOptions::default()).unwrap().len(), 0, "literal mode escapes");
        assert!(
            search(&p, "x*", SearchOptions { regex: true, ..Default::default() }).unwrap().is_empty(),
            "empty matches are skipped"
        );
    }
}
