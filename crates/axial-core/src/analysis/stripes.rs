//! Coding stripes: each coding of a document gets a lane (a column beside the text) so that
//! overlapping codings sit side by side, as MAXQDA's and NVivo's coding stripes do.

use crate::model::{Coding, CodingId};
use std::collections::HashMap;

/// Lane per coding: greedy interval partitioning by start, longer codings first on ties, so
/// the fewest lanes are used and a coding keeps its lane along its whole length.
pub fn lanes<'a>(codings: impl IntoIterator<Item = &'a Coding>) -> HashMap<CodingId, usize> {
    let mut sorted: Vec<&Coding> = codings.into_iter().collect();
    sorted.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.id));
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut out = HashMap::new();
    for c in sorted {
        let lane = match lane_ends.iter().position(|end| *end <= c.start) {
            Some(free) => {
                lane_ends[free] = c.end;
                free
            }
            None => {
                lane_ends.push(c.end);
                lane_ends.len() - 1
            }
        };
        out.insert(c.id, lane);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn coding(id: i64, start: usize, end: usize) -> Coding {
        Coding {
            id: CodingId(id),
            document: DocumentId(1),
            code: CodeId(1),
            start,
            end,
            coder: String::new(),
            created: String::new(),
        }
    }

    #[test]
    fn overlapping_codings_get_different_lanes_and_free_lanes_are_reused() {
        let c = [coding(1, 0, 10), coding(2, 5, 15), coding(3, 12, 20), coding(4, 0, 3)];
        let l = lanes(&c);
        assert_ne!(l[&CodingId(1)], l[&CodingId(2)]);
        assert_ne!(l[&CodingId(1)], l[&CodingId(4)]);
        assert_eq!(l[&CodingId(3)], l[&CodingId(1)], "lane 0 is free again after 10");
        assert_eq!(*l.values().max().unwrap(), 1, "two lanes are enough");
    }
}
