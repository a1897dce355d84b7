//! Codes that carry values, and the scales they make, for interval agreement.
//!
//! Axial codes are names, not numbers, but studies often code a rating as a row of codes:
//! "1 rarely", "2", "3 often" under one concept, or "Trust: 1" to "Trust: 5". A code carries
//! a value when its name begins or ends with a number standing on its own ("4", "4 – often",
//! "Trust: 4", "-1 negative"; not "3D printing" or "COVID-19"). A concept is a **scale** when it
//! holds two or more codes, every one of them carries a value, and the values are not all the
//! same: over a scale, Krippendorff's alpha can use the interval metric, where rating 2 against
//! 3 is a smaller disagreement than 1 against 5.

use crate::model::{CodeId, ConceptId, Project};
use rustc_hash::FxHashMap;

/// The value a code's name carries, if it carries one.
pub fn value_of(name: &str) -> Option<f64> {
    let name = name.trim();
    leading(name).or_else(|| trailing(name))
}

/// A number at the start, followed by the end or by something that is not a letter or digit.
fn leading(name: &str) -> Option<f64> {
    let digits_from = usize::from(name.starts_with(['-', '+', '\u{2212}']));
    let sign_len = name.chars().next().filter(|_| digits_from == 1).map_or(0, char::len_utf8);
    let rest = &name[sign_len..];
    let len = number_len(rest);
    if len == 0 {
        return None;
    }
    let after = rest[len..].chars().next();
    if after.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',') {
        return None;
    }
    parse(&name[..sign_len + len])
}

/// A number at the end, standing after a space, a colon or an equals sign (or alone).
fn trailing(name: &str) -> Option<f64> {
    let start = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
    let number = &name[start..];
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let before = &name[..start];
    let (sign, before) = match before.strip_suffix(['-', '\u{2212}']) {
        // A minus counts only where it cannot be a hyphen: after a space or at the start.
        Some(b) if b.is_empty() || b.ends_with([' ', ':', '=']) => ("-", b),
        Some(_) => return None,
        None => ("", before),
    };
    if !(before.is_empty() || before.ends_with([' ', ':', '=', '\t'])) {
        return None;
    }
    parse(&format!("{sign}{number}"))
}

/// Length of the digits (with at most one decimal point between digits) at the start of `s`.
fn number_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i > 0 && i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}

fn parse(s: &str) -> Option<f64> {
    s.replace('\u{2212}', "-").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A concept whose codes all carry values.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub concept: ConceptId,
    /// Its codes and their values, in project order.
    pub codes: Vec<(CodeId, f64)>,
}

impl Scale {
    /// The lowest and highest value.
    pub fn range(&self) -> (f64, f64) {
        self.codes.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)))
    }
}

/// The project's scales, in concept order. One pass over the codes.
pub fn scales(p: &Project) -> Vec<Scale> {
    let mut by_concept: FxHashMap<ConceptId, (Vec<(CodeId, f64)>, bool)> = FxHashMap::default();
    for code in p.codes() {
        let Some(concept) = code.concept else { continue };
        let (codes, all_valued) = by_concept.entry(concept).or_insert((Vec::new(), true));
        match value_of(&code.name) {
            Some(v) => codes.push((code.id, v)),
            None => *all_valued = false,
        }
    }
    p.concepts()
        .filter_map(|c| {
            let (codes, all_valued) = by_concept.remove(&c.id)?;
            let distinct = codes.iter().any(|(_, v)| *v != codes[0].1);
            (all_valued && codes.len() >= 2 && distinct).then_some(Scale { concept: c.id, codes })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_standing_on_its_own_at_either_end_is_a_value() {
        for (name, value) in [
            ("4", Some(4.0)),
            ("4 - often", Some(4.0)),
            ("4\u{2013}often", Some(4.0)),
            ("2.5 about half", Some(2.5)),
            ("-1 negative", Some(-1.0)),
            ("\u{2212}2", Some(-2.0)),
            ("Trust: 4", Some(4.0)),
            ("Trust = 3", Some(3.0)),
            ("Satisfaction 5", Some(5.0)),
            ("Score -2", Some(-2.0)),
            ("3D printing", None),
            ("COVID-19", None),
            ("Phase2", None),
            ("Trust", None),
            ("1.2.3 release", None),
            ("", None),
        ] {
            assert_eq!(value_of(name), value, "{name:?}");
        }
    }

    #[test]
    fn a_concept_is_a_scale_when_every_code_carries_a_value() {
        use crate::model::*;
        let mut p = Project::default();
        let concept =
            |id, name: &str| Change::Concept(Concept { id: ConceptId(id), name: name.into(), category: None });
        let code = |id, name: &str, concept| {
            Change::Code(Code {
                id: CodeId(id),
                name: name.into(),
                color: "#000000".into(),
                definition: String::new(),
                concept: Some(ConceptId(concept)),
            })
        };
        for c in [
            concept(1, "Intensity"),
            concept(2, "Phases and trust"),
            concept(3, "All the same"),
            code(1, "1 low", 1),
            code(2, "2", 1),
            code(3, "3 high", 1),
            code(4, "Phase 1", 2),
            code(5, "Trust", 2),
            code(6, "5", 3),
            code(7, "Five: 5", 3),
        ] {
            p.apply_change(c);
        }
        let found = scales(&p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].concept, ConceptId(1));
        assert_eq!(found[0].range(), (1.0, 3.0));
    }
}
