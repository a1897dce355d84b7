//! How far two or more coders agree, per code and overall, at the level of characters and of
//! coded passages (segments).
//!
//! Which text counts, said plainly, because the tools users trust differ here:
//! - Only documents every chosen coder coded at least once are compared (a second coder who
//!   coded three transcripts is compared on those three).
//! - **All text**: every character of those documents is a unit, once per code: "coded with
//!   this code" or not, by each coder. Text neither coded counts as agreement, as NVivo counts
//!   it; with long uncoded stretches the percent agreement is high whatever the coders did.
//! - **Coded text**: only characters at least one chosen coder coded (with any code): the
//!   stretches nobody coded are left out, which is closer to what MAXQDA reports.
//! - Overall figures pool the codes: each character counts once per code.
//! - **Segments**: the coded passages of all chosen coders, grouped where they overlap (a chain
//!   of overlapping passages is one group). Per code: how many groups every coder has a passage
//!   in. Overall, "codes given overlap": for groups every coder coded, whether they gave the
//!   same code(s), with Krippendorff's alpha over those groups (nominal; a coder's value is the
//!   set of codes they gave the group).
//!
//! - **Scales**: where a concept's codes carry values ([`super::scales`]), the passages of its
//!   codes grouped where they overlap, each coder's value the one their code carries (the mean,
//!   if they gave one passage two), with Krippendorff's alpha interval (and nominal beside it).
//!
//! Cohen's kappa is for exactly two coders; percent agreement and Krippendorff's alpha take any
//! number. Nothing here walks characters one by one: each document is cut where any coding of
//! the code begins or ends, and each piece counts with its length as weight.

use super::reliability::{Coincidences, Metric, Table2};
use super::scales::{Scale, scales};
use crate::model::{CodeId, DocumentId, Project};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Figures at the level of characters, over all text and over coded text only.
#[derive(Clone, Debug, Default)]
pub struct CharFigures {
    /// Two coders: the 2x2 tables (all text, coded text).
    pub all: Table2,
    pub coded: Table2,
    /// Characters (weighted units) where every coder gave the same value, and all of them.
    pub agree_all: f64,
    pub units_all: f64,
    pub agree_coded: f64,
    pub units_coded: f64,
    coincidences_all: Coincidences,
    coincidences_coded: Coincidences,
}

impl CharFigures {
    pub fn percent_all(&self) -> Option<f64> {
        (self.units_all > 0.0).then(|| self.agree_all / self.units_all)
    }

    pub fn percent_coded(&self) -> Option<f64> {
        (self.units_coded > 0.0).then(|| self.agree_coded / self.units_coded)
    }

    pub fn alpha_all(&self) -> Option<f64> {
        self.coincidences_all.alpha(Metric::Nominal)
    }

    pub fn alpha_coded(&self) -> Option<f64> {
        self.coincidences_coded.alpha(Metric::Nominal)
    }

    fn add(&mut self, other: &CharFigures) {
        self.all.add(&other.all);
        self.coded.add(&other.coded);
        self.agree_all += other.agree_all;
        self.units_all += other.units_all;
        self.agree_coded += other.agree_coded;
        self.units_coded += other.units_coded;
        self.coincidences_all.add(&other.coincidences_all);
        self.coincidences_coded.add(&other.coincidences_coded);
    }

    /// Characters where coder i's value is `values[i]` (true: coded with the code): `all` of
    /// them, of which `coded` some coder coded with any code.
    fn add_stretch(&mut self, values: &[bool], all: f64, coded: f64) {
        let agree = values.iter().all(|v| *v == values[0]);
        let as_numbers: Vec<Option<f64>> = values.iter().map(|v| Some(if *v { 1.0 } else { 0.0 })).collect();
        let table = |length: f64| {
            let mut t = Table2::default();
            if let [a, b] = values {
                *match (a, b) {
                    (true, true) => &mut t.both,
                    (true, false) => &mut t.first_only,
                    (false, true) => &mut t.second_only,
                    (false, false) => &mut t.neither,
                } = length;
            }
            t
        };
        for (length, t, units, agreeing, coincidences) in [
            (all, &mut self.all, &mut self.units_all, &mut self.agree_all, &mut self.coincidences_all),
            (coded, &mut self.coded, &mut self.units_coded, &mut self.agree_coded, &mut self.coincidences_coded),
        ] {
            if length <= 0.0 {
                continue;
            }
            t.add(&table(length));
            *units += length;
            *agreeing += if agree { length } else { 0.0 };
            coincidences.add_unit(&as_numbers, length);
        }
    }
}

/// Segment figures of one code: groups of overlapping passages, and how many every coder has
/// a passage in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SegmentCounts {
    pub groups: usize,
    pub by_all: usize,
}

impl SegmentCounts {
    pub fn percent(&self) -> Option<f64> {
        (self.groups > 0).then(|| self.by_all as f64 / self.groups as f64)
    }
}

/// The agreement on one code.
#[derive(Clone, Debug)]
pub struct CodeAgreement {
    pub code: CodeId,
    /// Characters each coder coded with it (in the documents compared).
    pub characters: Vec<usize>,
    pub chars: CharFigures,
    pub segments: SegmentCounts,
}

/// Segments across codes: groups every coder coded, and whether they gave the same code(s).
#[derive(Clone, Debug, Default)]
pub struct SegmentFigures {
    pub groups: usize,
    pub by_all: usize,
    /// Of the groups every coder coded, those where all gave the same code(s).
    pub same_codes: usize,
    coincidences: Coincidences,
}

impl SegmentFigures {
    /// Share of groups every coder coded.
    pub fn percent_by_all(&self) -> Option<f64> {
        (self.groups > 0).then(|| self.by_all as f64 / self.groups as f64)
    }

    /// Of those, the share where they gave the same code(s).
    pub fn percent_same_codes(&self) -> Option<f64> {
        (self.by_all > 0).then(|| self.same_codes as f64 / self.by_all as f64)
    }

    /// Krippendorff's alpha (nominal) of the codes given to groups two or more coders coded.
    pub fn alpha(&self) -> Option<f64> {
        self.coincidences.alpha(Metric::Nominal)
    }

    /// The figures in one sentence, as the report and the window say them.
    pub fn sentence(&self) -> String {
        let pct = |x: Option<f64>| x.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "n/a".into());
        let alpha = self.alpha().map(|x| format!("{x:.3}")).unwrap_or_else(|| "n/a".into());
        format!(
            "Segments (coded passages grouped where they overlap): {} groups, {} coded by every coder ({}); of those, {} with the same code(s) ({}); alpha of the codes given overlap {alpha}",
            self.groups,
            self.by_all,
            pct(self.percent_by_all()),
            self.same_codes,
            pct(self.percent_same_codes()),
        )
    }
}

/// Agreement on the values of one scale (a concept whose codes carry values).
#[derive(Clone, Debug)]
pub struct ScaleFigures {
    pub scale: Scale,
    /// Groups of overlapping passages of the scale's codes, and those two or more coders rated.
    pub groups: usize,
    pub rated_by_two: usize,
    coincidences: Coincidences,
}

impl ScaleFigures {
    /// Krippendorff's alpha with the interval metric: how far apart the values given are.
    pub fn alpha_interval(&self) -> Option<f64> {
        self.coincidences.alpha(Metric::Interval)
    }

    /// The same values taken as names (any two different values disagree alike).
    pub fn alpha_nominal(&self) -> Option<f64> {
        self.coincidences.alpha(Metric::Nominal)
    }

    /// The figures in one sentence, as the report and the window say them.
    pub fn sentence(&self, p: &Project) -> String {
        let name = p.concept(self.scale.concept).map(|c| c.name.as_str()).unwrap_or("?");
        let (lo, hi) = self.scale.range();
        let f3 = |x: Option<f64>| x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "n/a".into());
        format!(
            "Scale \u{201c}{name}\u{201d} ({} codes, values {lo} to {hi}): {} groups of passages, {} rated by two or more coders; alpha interval {} (nominal {})",
            self.scale.codes.len(),
            self.groups,
            self.rated_by_two,
            f3(self.alpha_interval()),
            f3(self.alpha_nominal()),
        )
    }
}

/// A stretch of text the coders did not code alike with one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub document: DocumentId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    /// The coders (indexes into [`Agreement::coders`]) who coded it with the code; the others
    /// did not.
    pub coded_by: Vec<usize>,
}

/// How far the chosen coders agree.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    pub coders: Vec<String>,
    /// The documents compared (every coder coded each), in project order.
    pub documents: Vec<DocumentId>,
    /// Codes any coder used in those documents, in project order.
    pub per_code: Vec<CodeAgreement>,
    /// Pooled over the codes.
    pub overall: CharFigures,
    pub segments: SegmentFigures,
    /// One per scale of the project, in concept order.
    pub scales: Vec<ScaleFigures>,
    /// In document order, then by start.
    pub disagreements: Vec<Disagreement>,
}

/// Why agreement cannot be worked out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("agreement needs two or more different coders; name them, such as --coders alice bob")]
    TooFewCoders,
    #[error("there is no coder named \u{201c}{0}\u{201d} in this project (its coders are: {1})")]
    UnknownCoder(String, String),
}

/// The coders of a project (everyone who coded something), sorted.
pub fn coders(p: &Project) -> Vec<String> {
    p.coders().map(str::to_owned).collect()
}

/// Sorted, merged intervals.
fn union(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Whether `[s, e)` lies inside one of the sorted, merged `intervals` (`at` walks forward).
fn covered(intervals: &[(usize, usize)], at: &mut usize, s: usize, e: usize) -> bool {
    while *at < intervals.len() && intervals[*at].1 <= s {
        *at += 1;
    }
    intervals.get(*at).is_some_and(|&(a, b)| a <= s && e <= b)
}

fn total(intervals: &[(usize, usize)]) -> usize {
    intervals.iter().map(|(s, e)| e - s).sum()
}

/// How much of any stretch sorted, merged intervals cover, in O(log n) per question (prefix
/// sums of their lengths), so each code's pieces ask it without cutting at every other code's
/// boundaries.
struct Coverage<'a> {
    intervals: &'a [(usize, usize)],
    /// prefix[i]: the total length of the first i intervals.
    prefix: Vec<usize>,
}

impl<'a> Coverage<'a> {
    fn new(intervals: &'a [(usize, usize)]) -> Self {
        let mut prefix = Vec::with_capacity(intervals.len() + 1);
        prefix.push(0);
        for (s, e) in intervals {
            prefix.push(prefix.last().copied().unwrap_or(0) + (e - s));
        }
        Coverage { intervals, prefix }
    }

    /// Covered length in `[0, x)`.
    fn up_to(&self, x: usize) -> usize {
        let started = self.intervals.partition_point(|&(s, _)| s < x);
        let overshoot = started.checked_sub(1).map_or(0, |i| self.intervals[i].1.saturating_sub(x));
        self.prefix[started] - overshoot
    }

    /// Covered length in `[s, e)`.
    fn within(&self, s: usize, e: usize) -> usize {
        self.up_to(e) - self.up_to(s)
    }
}

/// Works out the agreement of `coders` (two or more names) in `p`.
pub fn agreement(p: &Project, coders: &[String]) -> Result<Agreement, AgreementError> {
    let chosen: Vec<String> = {
        let mut seen = BTreeSet::new();
        coders.iter().filter(|c| seen.insert(c.as_str())).cloned().collect()
    };
    if chosen.len() < 2 {
        return Err(AgreementError::TooFewCoders);
    }
    let known = self::coders(p);
    if let Some(missing) = chosen.iter().find(|c| !known.contains(c)) {
        return Err(AgreementError::UnknownCoder(missing.clone(), known.join(", ")));
    }
    let index: FxHashMap<&str, usize> = chosen.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let m = chosen.len();
    let mut out = Agreement { coders: chosen.clone(), ..Default::default() };

    // Per code: the figures, the characters each coder coded, and in which documents it is.
    let mut per_code: BTreeMap<CodeId, CodeAgreement> = BTreeMap::new();
    let mut code_docs_len: FxHashMap<CodeId, (f64, f64)> = FxHashMap::default();
    let (mut all_len, mut coded_len) = (0.0, 0.0);
    let mut segment_keys: BTreeMap<Vec<CodeId>, f64> = BTreeMap::new();
    out.scales = scales(p)
        .into_iter()
        .map(|scale| ScaleFigures { scale, groups: 0, rated_by_two: 0, coincidences: Coincidences::default() })
        .collect();
    let value_of: FxHashMap<CodeId, (usize, f64)> = out
        .scales
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.scale.codes.iter().map(move |&(code, v)| (code, (i, v))))
        .collect();
    for d in p.documents() {
        // (coder, code, start, end) of the chosen coders' codings here.
        let here: Vec<(usize, CodeId, usize, usize)> = p
            .codings_in(d.id)
            .filter_map(|c| index.get(c.coder.as_str()).map(|&i| (i, c.code, c.start, c.end)))
            .collect();
        let mut who = vec![false; m];
        for (i, ..) in &here {
            who[*i] = true;
        }
        if !who.iter().all(|w| *w) {
            continue;
        }
        out.documents.push(d.id);
        let any = union(here.iter().map(|&(_, _, s, e)| (s, e)).collect());
        let coverage = Coverage::new(&any);
        all_len += d.char_len as f64;
        coded_len += total(&any) as f64;
        let mut by_code: BTreeMap<CodeId, Vec<Vec<(usize, usize)>>> = BTreeMap::new();
        for &(i, code, s, e) in &here {
            by_code.entry(code).or_insert_with(|| vec![Vec::new(); m])[i].push((s, e));
        }
        for (code, per_coder) in by_code {
            let entry = per_code.entry(code).or_insert_with(|| CodeAgreement {
                code,
                characters: vec![0; m],
                chars: CharFigures::default(),
                segments: SegmentCounts::default(),
            });
            let lens = code_docs_len.entry(code).or_default();
            lens.0 += d.char_len as f64;
            lens.1 += total(&any) as f64;
            segment_counts(&per_coder, &mut entry.segments);
            let unions: Vec<Vec<(usize, usize)>> = per_coder.into_iter().map(union).collect();
            for (i, u) in unions.iter().enumerate() {
                entry.characters[i] += total(u);
            }
            compare_stretches(d.id, code, d.char_len, &unions, &coverage, &mut entry.chars, &mut out.disagreements);
        }
        segments_across_codes(&here, m, &mut out.segments, &mut segment_keys);
        if !value_of.is_empty() {
            rate_scales(&here, m, &value_of, &mut out.scales);
        }
    }
    // Documents where a code does not appear at all: every character is "not coded with it"
    // by every coder, all agreeing.
    for (code, entry) in &mut per_code {
        let (with_all, with_coded) = code_docs_len.get(code).copied().unwrap_or_default();
        entry.chars.add_stretch(&vec![false; m], all_len - with_all, coded_len - with_coded);
    }
    let order: FxHashMap<CodeId, usize> = p.codes().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut codes: Vec<CodeAgreement> = per_code.into_values().collect();
    codes.sort_by_key(|c| order.get(&c.code).copied().unwrap_or(usize::MAX));
    for c in &codes {
        out.overall.add(&c.chars);
    }
    out.per_code = codes;
    let doc_order: FxHashMap<DocumentId, usize> = out.documents.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    out.disagreements.sort_by_key(|d| (doc_order.get(&d.document).copied(), d.start, d.end, d.code));
    Ok(out)
}

/// Cuts `[0, len)` where any coder's coding of the code begins or ends, and counts each piece
/// (how much of it is coded text, with any code, comes from `coded`); records the pieces coded
/// unalike, merged where they touch.
fn compare_stretches(
    document: DocumentId,
    code: CodeId,
    len: usize,
    unions: &[Vec<(usize, usize)>],
    coded: &Coverage,
    figures: &mut CharFigures,
    disagreements: &mut Vec<Disagreement>,
) {
    let mut cuts: Vec<usize> = vec![0, len];
    for &(s, e) in unions.iter().flatten() {
        cuts.push(s.min(len));
        cuts.push(e.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut at = vec![0usize; unions.len()];
    let mut open: Option<Disagreement> = None;
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e {
            continue;
        }
        let values: Vec<bool> = unions.iter().zip(at.iter_mut()).map(|(u, a)| covered(u, a, s, e)).collect();
        let length = (e - s) as f64;
        figures.add_stretch(&values, length, coded.within(s, e) as f64);
        let coded_by: Vec<usize> = values.iter().enumerate().filter(|(_, v)| **v).map(|(i, _)| i).collect();
        let differ = !coded_by.is_empty() && coded_by.len() < values.len();
        match (&mut open, differ) {
            (Some(d), true) if d.end == s && d.coded_by == coded_by => d.end = e,
            (_, true) => {
                if let Some(done) = open.take() {
                    disagreements.push(done);
                }
                open = Some(Disagreement { document, code, start: s, end: e, coded_by });
            }
            (_, false) => {
                if let Some(done) = open.take() {
                    disagreements.push(done);
                }
            }
        }
    }
    disagreements.extend(open);
}

/// Groups of overlapping passages of one code in one document, and how many every coder is in.
fn segment_counts(per_coder: &[Vec<(usize, usize)>], counts: &mut SegmentCounts) {
    let mut all: Vec<(usize, usize, usize)> =
        per_coder.iter().enumerate().flat_map(|(i, v)| v.iter().map(move |&(s, e)| (s, e, i))).collect();
    all.sort_unstable();
    let m = per_coder.len();
    let mut group: Option<(usize, Vec<bool>)> = None;
    let close = |g: (usize, Vec<bool>), counts: &mut SegmentCounts| {
        counts.groups += 1;
        counts.by_all += usize::from(g.1.iter().all(|x| *x));
    };
    for (s, e, i) in all {
        match &mut group {
            Some((end, who)) if s < *end => {
                *end = (*end).max(e);
                who[i] = true;
            }
            _ => {
                if let Some(g) = group.take() {
                    close(g, counts);
                }
                let mut who = vec![false; m];
                who[i] = true;
                group = Some((e, who));
            }
        }
    }
    if let Some(g) = group {
        close(g, counts);
    }
}

/// Groups the passages `here` (coder, code, start, end) where they overlap (a chain of
/// overlapping passages is one group) and hands `close` the codes each coder gave each group.
fn for_each_group(here: &[(usize, CodeId, usize, usize)], m: usize, mut close: impl FnMut(Vec<BTreeSet<CodeId>>)) {
    let mut all: Vec<(usize, usize, usize, CodeId)> = here.iter().map(|&(i, code, s, e)| (s, e, i, code)).collect();
    all.sort_unstable();
    let mut group: Option<(usize, Vec<BTreeSet<CodeId>>)> = None;
    for (s, e, i, code) in all {
        match &mut group {
            Some((end, codes)) if s < *end => {
                *end = (*end).max(e);
                codes[i].insert(code);
            }
            _ => {
                if let Some((_, codes)) = group.take() {
                    close(codes);
                }
                let mut codes = vec![BTreeSet::new(); m];
                codes[i].insert(code);
                group = Some((e, codes));
            }
        }
    }
    if let Some((_, codes)) = group {
        close(codes);
    }
}

/// Groups of overlapping passages of any code in one document: which codes each coder gave
/// each group (for "codes given overlap").
fn segments_across_codes(
    here: &[(usize, CodeId, usize, usize)],
    m: usize,
    figures: &mut SegmentFigures,
    keys: &mut BTreeMap<Vec<CodeId>, f64>,
) {
    for_each_group(here, m, |codes| {
        figures.groups += 1;
        if codes.iter().all(|c| !c.is_empty()) {
            figures.by_all += 1;
            figures.same_codes += usize::from(codes.iter().all(|c| *c == codes[0]));
        }
        let values: Vec<Option<f64>> = codes
            .iter()
            .map(|set| {
                (!set.is_empty()).then(|| {
                    let key: Vec<CodeId> = set.iter().copied().collect();
                    let next = keys.len() as f64;
                    *keys.entry(key).or_insert(next)
                })
            })
            .collect();
        figures.coincidences.add_unit(&values, 1.0);
    });
}

/// The values each coder gave the passages of each scale's codes in one document, grouped
/// where they overlap; a coder's value of a group is the mean of the values they gave it.
fn rate_scales(
    here: &[(usize, CodeId, usize, usize)],
    m: usize,
    value_of: &FxHashMap<CodeId, (usize, f64)>,
    figures: &mut [ScaleFigures],
) {
    let mut by_scale: BTreeMap<usize, Vec<(usize, CodeId, usize, usize)>> = BTreeMap::new();
    for item in here {
        if let Some(&(scale, _)) = value_of.get(&item.1) {
            by_scale.entry(scale).or_default().push(*item);
        }
    }
    for (scale, passages) in by_scale {
        let f = &mut figures[scale];
        for_each_group(&passages, m, |codes| {
            let values: Vec<Option<f64>> = codes
                .iter()
                .map(|set| {
                    let given: Vec<f64> = set.iter().filter_map(|c| value_of.get(c).map(|(_, v)| *v)).collect();
                    (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64)
                })
                .collect();
            f.groups += 1;
            f.rated_by_two += usize::from(values.iter().flatten().count() >= 2);
            f.coincidences.add_unit(&values, 1.0);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn coverage_answers_any_stretch() {
        let any = [(2, 5), (8, 10)];
        let c = Coverage::new(&any);
        for (s, e, want) in [(0, 12, 5), (0, 2, 0), (3, 9, 3), (5, 8, 0), (4, 4, 0), (9, 20, 1), (0, 3, 1)] {
            assert_eq!(c.within(s, e), want, "[{s}, {e})");
        }
    }

    fn round3(x: Option<f64>) -> Option<f64> {
        x.map(|x| (x * 1000.0).round() / 1000.0)
    }

    /// A project of `docs` documents of 100 characters and codings (document index, code index,
    /// coder, start, end).
    fn project(docs: usize, codings: &[(usize, usize, &str, usize, usize)]) -> Project {
        let mut p = Project::default();
        for d in 0..docs {
            p.apply_change(Change::DocumentAdded(Document::new(
                DocumentId(d as i64 + 1),
                format!("D{d}"),
                "x".repeat(100),
            )));
        }
        for k in 1..=3 {
            p.apply_change(Change::Code(Code {
                id: CodeId(k),
                name: format!("C{k}"),
                color: "#000000".into(),
                definition: String::new(),
                concept: None,
            }));
        }
        for (i, &(d, code, coder, start, end)) in codings.iter().enumerate() {
            p.apply_change(Change::Coding(Coding {
                id: CodingId(i as i64 + 1),
                document: DocumentId(d as i64 + 1),
                code: CodeId(code as i64),
                start,
                end,
                coder: coder.into(),
                created: "t".into(),
            }));
        }
        p
    }

    /// Interval alpha over a scale, worked by hand. Codes "1 low", "2", "3 high" under one
    /// concept; four passages, A rating 1, 2, 3, 1 and B 1, 3, 3, 2 (one passage of B's runs
    /// past A's: still one group). Pooled values: three 1s, two 2s, three 3s; n = 8, mean 2.
    /// Interval: D_o = (0 + 2 + 0 + 2) / 8 = 0.5, D_e = 2·8·(3·1 + 2·0 + 3·1) / (8·7) = 96/56,
    /// alpha = 1 - 0.5 / 1.714 = 0.708. Nominal: D_o = (8 - 4) / 8 = 0.5,
    /// D_e = (64 - 9 - 4 - 9) / 56 = 0.75, alpha = 0.333.
    #[test]
    fn a_scale_s_values_are_compared_on_the_interval_metric() {
        let mut p = project(1, &[]);
        p.apply_change(Change::Concept(Concept { id: ConceptId(1), name: "Intensity".into(), category: None }));
        for (k, name) in [(1, "1 low"), (2, "2"), (3, "3 high")] {
            p.apply_change(Change::Code(Code {
                id: CodeId(k),
                name: name.into(),
                color: "#000000".into(),
                definition: String::new(),
                concept: Some(ConceptId(1)),
            }));
        }
        let ratings = [(1, 1), (2, 3), (3, 3), (1, 2)];
        let mut id = 0;
        for (unit, (a, b)) in ratings.iter().enumerate() {
            let start = unit * 20;
            for (coder, code, end) in [("A", a, start + 10), ("B", b, start + 12)] {
                id += 1;
                p.apply_change(Change::Coding(Coding {
                    id: CodingId(id),
                    document: DocumentId(1),
                    code: CodeId(*code),
                    start,
                    end,
                    coder: coder.into(),
                    created: "t".into(),
                }));
            }
        }
        let a = agreement(&p, &names(&["A", "B"])).unwrap();
        let [scale] = a.scales.as_slice() else { panic!("{:?}", a.scales) };
        assert_eq!((scale.groups, scale.rated_by_two), (4, 4));
        assert_eq!(round3(scale.alpha_interval()), Some(0.708));
        assert_eq!(round3(scale.alpha_nominal()), Some(0.333));
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    /// Worked by hand (see each figure's comment).
    #[test]
    fn two_coders_on_one_document_match_the_hand_worked_figures() {
        // C1: A [0,30), B [10,40). C2: A [50,60). Coded text: [0,40) and [50,60): 50 chars.
        let p = project(1, &[(0, 1, "A", 0, 30), (0, 1, "B", 10, 40), (0, 2, "A", 50, 60)]);
        let a = agreement(&p, &names(&["A", "B"])).unwrap();
        assert_eq!(a.documents, [DocumentId(1)]);
        let c1 = &a.per_code[0];
        assert_eq!((c1.code, c1.characters.as_slice()), (CodeId(1), [30, 30].as_slice()));
        // All text: both 20, A only 10, B only 10, neither 60. p_o = 0.8, p_e = 0.3*0.3 +
        // 0.7*0.7 = 0.58, kappa = 0.22 / 0.42 = 0.524.
        assert_eq!(c1.chars.all, Table2 { both: 20.0, first_only: 10.0, second_only: 10.0, neither: 60.0 });
        assert_eq!(round3(c1.chars.percent_all()), Some(0.8));
        assert_eq!(round3(c1.chars.all.cohen_kappa()), Some(0.524));
        // Alpha: n = 200, o01 + o10 = 40, n1 = 60, n0 = 140: 1 - 199*40/(2*60*140) = 0.526.
        assert_eq!(round3(c1.chars.alpha_all()), Some(0.526));
        // Coded text: both 20, A only 10, B only 10, neither 10 ([50,60)). p_o = 0.6,
        // p_e = 0.6*0.6 + 0.4*0.4 = 0.52, kappa = 0.08 / 0.48 = 0.167.
        assert_eq!(c1.chars.coded, Table2 { both: 20.0, first_only: 10.0, second_only: 10.0, neither: 10.0 });
        assert_eq!(round3(c1.chars.percent_coded()), Some(0.6));
        assert_eq!(round3(c1.chars.coded.cohen_kappa()), Some(0.167));
        // C2, coded by A alone: p_o = 0.9, p_e = 0.1*0 + 0.9*1 = 0.9, kappa = 0.
        let c2 = &a.per_code[1];
        assert_eq!(round3(c2.chars.all.cohen_kappa()), Some(0.0));
        // Pooled: both 20, A only 20, B only 10, neither 150. p_o = 0.85, p_A = 0.2,
        // p_B = 0.15, p_e = 0.03 + 0.68 = 0.71, kappa = 0.14 / 0.29 = 0.483.
        assert_eq!(a.overall.all, Table2 { both: 20.0, first_only: 20.0, second_only: 10.0, neither: 150.0 });
        assert_eq!(round3(a.overall.all.cohen_kappa()), Some(0.483));
        // Segments: C1 one group both coded, C2 one group A alone; across codes two groups,
        // one coded by both with the same code.
        assert_eq!(c1.segments, SegmentCounts { groups: 1, by_all: 1 });
        assert_eq!(c2.segments, SegmentCounts { groups: 1, by_all: 0 });
        assert_eq!((a.segments.groups, a.segments.by_all, a.segments.same_codes), (2, 1, 1));
        assert_eq!(a.segments.alpha(), None, "one pairable group, all alike: undefined");
        // The stretches coded unalike, in reading order.
        let d = |code: i64, start, end, coded_by: &[usize]| Disagreement {
            document: DocumentId(1),
            code: CodeId(code),
            start,
            end,
            coded_by: coded_by.to_vec(),
        };
        assert_eq!(a.disagreements, [d(1, 0, 10, &[0]), d(1, 30, 40, &[1]), d(2, 50, 60, &[0])]);
    }

    #[test]
    fn documents_one_coder_or_nobody_coded_are_not_compared_and_overlaps_count_once() {
        // D0: both coders. D1: A only. D2: nobody. A's two overlapping codings of C1 in D0 are
        // [0,30) once.
        let p = project(3, &[(0, 1, "A", 0, 20), (0, 1, "A", 10, 30), (0, 1, "B", 0, 30), (1, 1, "A", 0, 100)]);
        let a = agreement(&p, &names(&["A", "B"])).unwrap();
        assert_eq!(a.documents, [DocumentId(1)]);
        let c1 = &a.per_code[0];
        assert_eq!(c1.characters, [30, 30]);
        assert_eq!(c1.chars.all, Table2 { both: 30.0, neither: 70.0, ..Default::default() });
        assert_eq!(c1.chars.all.cohen_kappa(), Some(1.0));
        assert!(a.disagreements.is_empty());
        assert_eq!(c1.segments, SegmentCounts { groups: 1, by_all: 1 });
    }

    #[test]
    fn three_coders_take_alpha_and_percent_and_no_kappa() {
        // C1: A [0,50), B [0,50), C [0,40). 100 characters: 40 all three, 10 A and B only,
        // 50 none.
        let p = project(1, &[(0, 1, "A", 0, 50), (0, 1, "B", 0, 50), (0, 1, "C", 0, 40)]);
        let a = agreement(&p, &names(&["A", "B", "C"])).unwrap();
        let c1 = &a.per_code[0];
        assert_eq!(round3(c1.chars.percent_all()), Some(0.9));
        // Coincidences: the 40 all-yes: o11 += 40*6/2 = 120; the 50 all-no: o00 += 150; the
        // 10 (1,1,0): o11 += 10*2/2 = 10, o10 + o01 += 10*4/2 = 20. n = 300, n1 = 140,
        // n0 = 160, alpha = 1 - 299*20/(2*140*160) = 1 - 5980/44800 = 0.867.
        assert_eq!(round3(c1.chars.alpha_all()), Some(0.867));
        assert_eq!(a.disagreements.len(), 1);
        assert_eq!((a.disagreements[0].start, a.disagreements[0].end), (40, 50));
        assert_eq!(a.disagreements[0].coded_by, [0, 1]);
    }

    #[test]
    fn coders_are_named_and_checked() {
        let p = project(1, &[(0, 1, "A", 0, 50), (0, 1, "B", 0, 50)]);
        assert_eq!(coders(&p), ["A", "B"]);
        assert_eq!(agreement(&p, &names(&["A", "A"])).unwrap_err(), AgreementError::TooFewCoders);
        let err = agreement(&p, &names(&["A", "Z"])).unwrap_err();
        assert_eq!(err.to_string(), "there is no coder named \u{201c}Z\u{201d} in this project (its coders are: A, B)");
    }
}
