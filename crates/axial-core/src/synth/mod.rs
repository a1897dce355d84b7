//! Synthetic projects for trying the views and timing the analyses at thesis size and beyond:
//! a study of customer knowledge and CRM in banks, written through the store (actions, ids,
//! history) exactly as the app writes a real one. Deterministic from a seed: the same spec gives
//! the same project, down to every timestamp (no wall clock is read for the content).

mod text;

use crate::model::*;
use crate::store::{IdAllocator, Store, StoreError};
use std::path::Path;
use std::time::{Duration, SystemTime};
use text::{PREPOSITIONS, phrase_of, sentence, topic, transcript};

/// How big a synthetic project is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SynthSpec {
    pub seed: u64,
    pub documents: usize,
    pub words_per_document: usize,
    pub codes: usize,
    pub codings: usize,
}

impl SynthSpec {
    /// 60 documents x 8,000 words, 400 codes, 20,000 codings.
    pub fn thesis() -> SynthSpec {
        SynthSpec { seed: 1, documents: 60, words_per_document: 8_000, codes: 400, codings: 20_000 }
    }

    /// 600 documents x 8,000 words, 2,000 codes, 200,000 codings.
    pub fn large() -> SynthSpec {
        SynthSpec { seed: 1, documents: 600, words_per_document: 8_000, codes: 2_000, codings: 200_000 }
    }

    /// "thesis" | "mid" (200 docs x 8,000 words, 700 codes, 66,000 codings: between the two,
    /// for how cost grows) | "large" | "tiny" (6 docs x 1,500 words, 40 codes, 600 codings,
    /// for tests) -> spec with seed 1.
    pub fn named(name: &str) -> Option<SynthSpec> {
        match name {
            "thesis" => Some(Self::thesis()),
            "mid" => {
                Some(SynthSpec { seed: 1, documents: 200, words_per_document: 8_000, codes: 700, codings: 66_000 })
            }
            "large" => Some(Self::large()),
            "tiny" => Some(SynthSpec { seed: 1, documents: 6, words_per_document: 1_500, codes: 40, codings: 600 }),
            _ => None,
        }
    }
}

/// The synthetic project `name` ([`SynthSpec::named`]) as `dir/NAME-seed1-schemaN.axial` (N:
/// the schema this build writes, so a file an older build made is never measured), generated
/// the first time (into a temporary name, then renamed, so a half-made file is never reused):
/// the benchmarks' and `scripts/peak-memory.sh`'s shared projects.
pub fn generated(dir: &Path, name: &str) -> Result<std::path::PathBuf, StoreError> {
    let spec = SynthSpec::named(name)
        .ok_or_else(|| StoreError::Invalid(format!("unknown synthetic size {name:?}; use thesis, mid or large")))?;
    let path = dir.join(format!("{name}-seed{}-schema{}.axial", spec.seed, crate::store::CURRENT_VERSION));
    if path.exists() {
        return Ok(path);
    }
    let io = |error| StoreError::Io { action: format!("cannot write {}", dir.display()), error };
    std::fs::create_dir_all(dir).map_err(io)?;
    let partial = dir.join(format!("{name}-seed{}.{}.partial", spec.seed, std::process::id()));
    generate(&partial, &spec, |_, _| {})?;
    std::fs::rename(&partial, &path).map_err(io)?;
    Ok(path)
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthSummary {
    pub documents: usize,
    pub words: usize,
    pub codes: usize,
    pub concepts: usize,
    pub categories: usize,
    pub codings: usize,
    pub memos: usize,
    pub cases: usize,
}

/// Writes a new project file at `path` (refuses to overwrite, as Store::create does). `progress(done, total)` is called after each document.
pub fn generate(
    path: &Path,
    spec: &SynthSpec,
    mut progress: impl FnMut(usize, usize),
) -> Result<SynthSummary, StoreError> {
    if spec.codings > 0 && (spec.documents == 0 || spec.codes == 0 || spec.words_per_document < 2) {
        return Err(StoreError::Invalid(
            "a synthetic project with codings needs documents of at least two words and at least one code".into(),
        ));
    }
    // The file appears only whole: a run stopped half way leaves no project behind.
    let mut summary = None;
    Store::create_with(path, |store| {
        summary = Some(fill(store, spec, &mut progress)?);
        Ok::<(), StoreError>(())
    })?;
    Ok(summary.expect("create_with ran the fill, which set the summary"))
}

/// Writes the synthetic project into a new, empty store.
fn fill(
    store: &mut Store,
    spec: &SynthSpec,
    progress: &mut impl FnMut(usize, usize),
) -> Result<SynthSummary, StoreError> {
    let mut ids = store.ids()?;
    let mut summary =
        SynthSummary { documents: 0, words: 0, codes: 0, concepts: 0, categories: 0, codings: 0, memos: 0, cases: 0 };

    // Cases: organisations, about one per six interviews.
    let mut rng = fastrand::Rng::with_seed(mix(spec.seed, 1));
    let case_count = if spec.documents == 0 { 0 } else { spec.documents.div_ceil(6) };
    let cases: Vec<CaseId> = (0..case_count).map(|_| ids.case()).collect();
    let mut actions = Vec::new();
    for (i, &id) in cases.iter().enumerate() {
        actions.push(Action::CreateCase { id, name: format!("Org {:0w$}", i + 1, w = width(case_count)) });
        for (key, values) in [("sector", SECTORS), ("size", SIZES)] {
            actions.push(Action::SetCaseAttribute { id, key: key.into(), value: Some(pick(&mut rng, values).into()) });
        }
    }
    summary.cases = cases.len();
    if !actions.is_empty() {
        store.apply(&Action::Batch { label: "Create cases".into(), actions })?;
    }

    let mut hierarchy = hierarchy(&mut ids, spec);
    summary.codes = hierarchy.codes.len();
    summary.concepts = hierarchy.concept_count;
    summary.categories = hierarchy.categories.len();
    store.apply(&Action::Batch {
        label: "Build the code hierarchy".into(),
        actions: std::mem::take(&mut hierarchy.actions),
    })?;

    // Documents, each with its codings and memos in one batch.
    let documents = Documents {
        spec,
        cases: &cases,
        hierarchy: &hierarchy,
        picker: CodePicker::new(&mut fastrand::Rng::with_seed(mix(spec.seed, 2)), &hierarchy.resolves),
        base: epoch(),
    };
    let per_document = spread(&mut fastrand::Rng::with_seed(mix(spec.seed, 3)), spec.codings, spec.documents);
    let mut coding_index = 0usize;
    for (i, &coding_count) in per_document.iter().enumerate() {
        let batch = documents.batch(&mut ids, i, coding_count, &mut coding_index)?;
        summary.words += spec.words_per_document;
        summary.codings += batch.codings;
        summary.memos += batch.memos;
        summary.documents += 1;
        store.apply(&Action::Batch { label: batch.label, actions: batch.actions })?;
        progress(i + 1, spec.documents);
    }

    // The rest: a storyline memo, memos on codes and on every category, expected levels.
    let mut rng = fastrand::Rng::with_seed(mix(spec.seed, 4));
    let late = documents.base + Duration::from_secs(200 * 86_400);
    let mut actions = vec![memo(&mut rng, &mut ids, MemoTarget::Project, "Storyline".into(), CODERS[0], late, 6)];
    for (k, &code) in hierarchy.codes.iter().enumerate().filter(|(k, _)| k % 5 == 0) {
        let when = late + Duration::from_secs(600 + k as u64 * 120);
        actions.push(memo(&mut rng, &mut ids, MemoTarget::Code(code), "Code note".into(), CODERS[k % 2], when, 2));
    }
    for (k, (category, name)) in hierarchy.categories.iter().enumerate() {
        let when = late + Duration::from_secs(5 * 86_400 + k as u64 * 900);
        let target = MemoTarget::Category(*category);
        actions.push(memo(&mut rng, &mut ids, target, format!("On {name}"), CODERS[k % 2], when, 5));
    }
    summary.memos += actions.len();
    for crm in ["operational", "analytical", "collaborative"] {
        for seci in ["socialization", "externalization", "combination", "internalization"] {
            actions.push(Action::SetExpectation {
                row: DimensionRef { dimension: "crm".into(), value: crm.into() },
                column: DimensionRef { dimension: "seci".into(), value: seci.into() },
                level: Some(pick(&mut rng, &EXPECTED_LEVELS).into()),
            });
        }
    }
    store.apply(&Action::Batch { label: "Write memos and expectations".into(), actions })?;
    Ok(summary)
}

/// What every document's batch is made from.
struct Documents<'a> {
    spec: &'a SynthSpec,
    cases: &'a [CaseId],
    hierarchy: &'a Hierarchy,
    picker: CodePicker,
    /// When the first interview took place.
    base: SystemTime,
}

/// One document's batch: the transcript with its attributes, its codings and memos.
struct DocumentBatch {
    label: String,
    actions: Vec<Action>,
    codings: usize,
    memos: usize,
}

impl Documents<'_> {
    /// The `i`-th document with `coding_count` codings; `coding_index` counts codings across
    /// documents (every hundredth gets a memo).
    fn batch(
        &self,
        ids: &mut IdAllocator,
        i: usize,
        coding_count: usize,
        coding_index: &mut usize,
    ) -> Result<DocumentBatch, StoreError> {
        let (spec, hierarchy, base) = (self.spec, self.hierarchy, self.base);
        let case_count = self.cases.len();
        let mut rng = fastrand::Rng::with_seed(mix(spec.seed, 1_000 + i as u64));
        let id = ids.document();
        let participant = format!("P{:03}", i + 1);
        let transcript = transcript(&mut rng, &participant, spec.words_per_document);
        let day = (i * 180 / spec.documents.max(1)) as u64;
        let interviewed = base + Duration::from_secs(day * 86_400 + 9 * 3_600 + rng.u64(0..8) * 1_800);
        let imported = interviewed + Duration::from_secs(86_400 + 8 * 3_600);
        let date = rfc3339(interviewed)[..10].to_owned();
        let title = format!("Interview {:03}", i + 1);
        let interviewer = INTERVIEWERS[i % INTERVIEWERS.len()];
        let mut actions = vec![
            Action::AddDocument {
                id,
                title: title.clone(),
                text: transcript.text.clone(),
                case: self.cases.get(i * case_count / spec.documents.max(1)).copied(),
                imported: rfc3339(imported),
            },
            Action::SetDocumentAttribute { id, key: "role".into(), value: Some(pick(&mut rng, ROLES).into()) },
            Action::SetDocumentAttribute { id, key: "date".into(), value: Some(date) },
            Action::SetDocumentAttribute { id, key: "interviewer".into(), value: Some(interviewer.into()) },
        ];
        let coder = CODERS[i % 2];
        let mut ranges: Vec<(usize, usize)> =
            (0..coding_count).map(|_| transcript.passage(&mut rng)).collect::<Result<_, _>>()?;
        ranges.sort_unstable();
        let mut memos = Vec::new();
        if i.is_multiple_of(3) {
            let when = imported + Duration::from_secs(3 * 86_400);
            memos.push(memo(&mut rng, ids, MemoTarget::Document(id), format!("{title} summary"), coder, when, 4));
        }
        for (k, &(start, end)) in ranges.iter().enumerate() {
            let coding = ids.coding();
            let created =
                imported + Duration::from_secs(86_400 + k as u64 * 47 + mix(spec.seed, *coding_index as u64) % 40);
            let who = if rng.f64() < 0.12 { CODERS[(i + 1) % 2] } else { coder };
            actions.push(Action::CreateCoding {
                id: coding,
                document: id,
                code: hierarchy.codes[self.picker.pick(&mut rng)],
                start,
                end,
                coder: who.into(),
                created: rfc3339(created),
            });
            if *coding_index % 100 == 50 {
                memos.push(memo(
                    &mut rng,
                    ids,
                    MemoTarget::Coding(coding),
                    "Passage note".into(),
                    who,
                    created + Duration::from_secs(20),
                    1,
                ));
            }
            *coding_index += 1;
        }
        let (codings, memo_count) = (ranges.len(), memos.len());
        actions.extend(memos);
        let label = format!("Import \u{201c}{title}\u{201d} with its coding");
        Ok(DocumentBatch { label, actions, codings, memos: memo_count })
    }
}

/// The code hierarchy as one list of actions, with what later steps need.
struct Hierarchy {
    actions: Vec<Action>,
    codes: Vec<CodeId>,
    /// Whether each code resolves a value on every cube dimension (a cell).
    resolves: Vec<bool>,
    concept_count: usize,
    categories: Vec<(CategoryId, String)>,
}

fn hierarchy(ids: &mut IdAllocator, spec: &SynthSpec) -> Hierarchy {
    let mut rng = fastrand::Rng::with_seed(mix(spec.seed, 5));
    let mut actions = Vec::new();
    let category_count = (spec.codes / 20).max(ParadigmClass::ALL.len() + 1);
    let concept_count = (spec.codes / 5).max(1);

    // Categories: about 10% unplaced, the rest cycling through the six classes.
    let mut categories = Vec::new();
    let mut placed = 0;
    for (i, unplaced) in loose(&mut rng, category_count).into_iter().enumerate() {
        let id = ids.category();
        let class = if unplaced {
            None
        } else {
            placed += 1;
            Some(ParadigmClass::ALL[(placed - 1) % ParadigmClass::ALL.len()])
        };
        let name = format!("Category {:0w$} {}", i + 1, topic(&mut rng), w = width(category_count));
        actions.push(Action::CreateCategory { id, name: name.clone(), class });
        categories.push((id, name));
    }

    // Concepts: each in a category, about 10% loose.
    let free = loose(&mut rng, concept_count);
    let mut order: Vec<usize> = (0..category_count).collect();
    rng.shuffle(&mut order);
    let mut concepts = Vec::new();
    let mut concept_category = Vec::new();
    let mut placed = 0;
    for (i, &free) in free.iter().enumerate() {
        let id = ids.concept();
        let index = (!free).then(|| {
            placed += 1;
            order[(placed - 1) % order.len()]
        });
        concept_category.push(index);
        let category = index.map(|c| categories[c].0);
        let name = format!("Concept {:0w$} {}", i + 1, topic(&mut rng), w = width(concept_count));
        actions.push(Action::CreateConcept { id, name, category });
        concepts.push(id);
    }

    // Codes: each in a concept, about 10% loose; some with a definition.
    let free = loose(&mut rng, spec.codes);
    let mut order: Vec<usize> = (0..concept_count).collect();
    rng.shuffle(&mut order);
    let mut codes = Vec::new();
    let mut code_concept = Vec::new();
    let mut placed = 0;
    for (i, &free) in free.iter().enumerate() {
        let id = ids.code();
        let index = (!free).then(|| {
            placed += 1;
            order[(placed - 1) % order.len()]
        });
        code_concept.push(index);
        let concept = index.map(|c| concepts[c]);
        let phrase = topic(&mut rng);
        let definition = if rng.f64() < 0.45 {
            format!("Passages where the participant talks about {phrase} {}.", phrase_of(&mut rng, &PREPOSITIONS))
        } else {
            String::new()
        };
        let name = format!("Code {:0w$} {phrase}", i + 1, w = width(spec.codes));
        let color = CODE_PALETTE[rng.usize(..CODE_PALETTE.len())].to_owned();
        actions.push(Action::CreateCode { id, name, color, definition, concept });
        codes.push(id);
    }

    let resolves = facets(&mut rng, &categories, &concepts, &concept_category, &codes, &code_concept, &mut actions);
    relations(&mut rng, ids, &categories, &mut actions);
    let core = actions.iter().find_map(|a| match a {
        Action::CreateCategory { id, class: Some(ParadigmClass::Phenomenon), .. } => Some(*id),
        _ => None,
    });
    // The first phenomenon is the core.
    actions.push(Action::SetCoreCategory { id: core });
    Hierarchy { actions, codes, resolves, concept_count, categories }
}

/// Facets: CRM type on categories, SECI process on concepts, knowledge type on codes (and a
/// few codes overriding their concept's process). Some are left out, so some codings resolve
/// no cube cell. Returns whether each code resolves a value on every dimension.
fn facets(
    rng: &mut fastrand::Rng,
    categories: &[(CategoryId, String)],
    concepts: &[ConceptId],
    concept_category: &[Option<usize>],
    codes: &[CodeId],
    code_concept: &[Option<usize>],
    actions: &mut Vec<Action>,
) -> Vec<bool> {
    let facet = |owner, dimension: &str, value: &str| Action::SetFacet {
        owner,
        dimension: dimension.into(),
        value: Some(value.into()),
    };
    let mut category_crm = Vec::new();
    for &(id, _) in categories {
        category_crm.push(rng.f64() < 0.92);
        if category_crm[category_crm.len() - 1] {
            actions.push(facet(FacetOwner::Category(id), "crm", pick(rng, &CRM)));
        }
    }
    let mut concept_seci = Vec::new();
    for &id in concepts {
        concept_seci.push(rng.f64() < 0.92);
        if concept_seci[concept_seci.len() - 1] {
            actions.push(facet(FacetOwner::Concept(id), "seci", pick(rng, &SECI)));
        }
    }
    let mut resolves = Vec::new();
    for (&id, concept) in codes.iter().zip(code_concept) {
        let knowledge = rng.f64() < 0.93;
        if knowledge {
            actions.push(facet(FacetOwner::Code(id), "knowledge", pick(rng, &KNOWLEDGE)));
        }
        let seci = rng.f64() < 0.15;
        if seci {
            actions.push(facet(FacetOwner::Code(id), "seci", pick(rng, &SECI)));
        }
        let crm = concept.and_then(|c| concept_category[c]).is_some_and(|c| category_crm[c]);
        resolves.push(knowledge && crm && (seci || concept.is_some_and(|c| concept_seci[c])));
    }

    resolves
}

/// About one relation per category, no pair twice.
fn relations(
    rng: &mut fastrand::Rng,
    ids: &mut IdAllocator,
    categories: &[(CategoryId, String)],
    actions: &mut Vec<Action>,
) {
    let category_count = categories.len();
    let mut pairs = std::collections::BTreeSet::new();
    for i in 0..category_count {
        let j = (i + 1 + rng.usize(..category_count - 1)) % category_count;
        if pairs.insert((i, j)) {
            actions.push(Action::CreateRelation {
                id: ids.relation(),
                from: categories[i].0,
                to: categories[j].0,
                kind: pick(rng, RELATION_KINDS).into(),
            });
        }
    }
}

/// Which of `n` items stay loose: about 10%, at least one (when there are two or more).
fn loose(rng: &mut fastrand::Rng, n: usize) -> Vec<bool> {
    let count = if n < 2 { 0 } else { (n / 10).max(1) };
    let mut flags = vec![false; n];
    flags[..count].fill(true);
    rng.shuffle(&mut flags);
    flags
}

/// `total` split over `parts`, evenly-ish (each within about a fifth of the mean).
fn spread(rng: &mut fastrand::Rng, total: usize, parts: usize) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    let mut counts: Vec<usize> = (0..parts).map(|i| total / parts + usize::from(i < total % parts)).collect();
    let swing = total / parts / 5;
    for _ in 0..parts {
        let (a, b) = (rng.usize(..parts), rng.usize(..parts));
        let delta = rng.usize(..=swing).min(counts[a]);
        counts[a] -= delta;
        counts[b] += delta;
    }
    counts
}

/// Chooses codes with a skew: a Zipf-like weight over a shuffled order, a few codes never, and
/// codes that resolve no cube cell less often (coders use the codes they have placed).
struct CodePicker {
    cumulative: Vec<f64>,
    order: Vec<usize>,
}

impl CodePicker {
    fn new(rng: &mut fastrand::Rng, resolves: &[bool]) -> CodePicker {
        let codes = resolves.len();
        let mut order: Vec<usize> = (0..codes).collect();
        rng.shuffle(&mut order);
        let unused = if codes < 10 { 0 } else { (codes / 33).max(1) };
        let mut sum = 0.0;
        let cumulative = (0..codes)
            .map(|rank| {
                if rank < codes - unused {
                    let damp = if resolves[order[rank]] { 1.0 } else { 0.4 };
                    sum += damp / ((rank + 1) as f64).powf(0.9);
                }
                sum
            })
            .collect();
        CodePicker { cumulative, order }
    }

    /// An index into the codes.
    fn pick(&self, rng: &mut fastrand::Rng) -> usize {
        let total = *self.cumulative.last().expect("codes to pick from");
        let x = rng.f64() * total;
        let rank = self.cumulative.partition_point(|&c| c <= x).min(self.cumulative.len() - 1);
        self.order[rank]
    }
}

/// A memo of `sentences` sentences.
fn memo(
    rng: &mut fastrand::Rng,
    ids: &mut IdAllocator,
    target: MemoTarget,
    title: String,
    author: &str,
    when: SystemTime,
    sentences: usize,
) -> Action {
    let text = (0..sentences).map(|_| sentence(rng).join(" ")).collect::<Vec<_>>().join(" ");
    let modified = when + Duration::from_secs(rng.u64(0..3) * 3_600);
    Action::CreateMemo {
        id: ids.memo(),
        target,
        title,
        text,
        author: author.into(),
        created: rfc3339(when),
        modified: rfc3339(modified),
    }
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

/// Digits needed for numbers up to `n`, at least two.
fn width(n: usize) -> usize {
    n.to_string().len().max(2)
}

/// A seed for one part of the project (splitmix64 of the seed and the part).
fn mix(seed: u64, part: u64) -> u64 {
    let mut z = seed.wrapping_add(part.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// 2026-01-05T00:00:00Z: the fieldwork starts.
fn epoch() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_571_200)
}

fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

const CODERS: [&str; 2] = ["coder-a", "coder-b"];
const INTERVIEWERS: &[&str] = &["Ana Ruiz", "Ben Okafor", "Chloe Martin"];
const SECI: [&str; 4] = ["socialization", "externalization", "combination", "internalization"];
const CRM: [&str; 3] = ["operational", "analytical", "collaborative"];
const KNOWLEDGE: [&str; 3] = ["for", "about", "from"];
const SECTORS: &[&str] =
    &["retail banking", "private banking", "insurance", "building society", "credit union", "telecommunications"];
const SIZES: &[&str] = &["small", "medium", "large"];
const ROLES: &[&str] = &[
    "branch manager",
    "relationship manager",
    "CRM analyst",
    "call centre agent",
    "marketing manager",
    "IT manager",
    "regional director",
    "customer service lead",
    "teller",
    "financial advisor",
];
const RELATION_KINDS: &[&str] =
    &["causes", "leads to", "is context of", "influences", "is a strategy for", "is a consequence of", "enables"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::cube::cube;
    use crate::io::project_json::export_string;

    fn tiny(dir: &Path) -> (SynthSummary, Project) {
        let path = dir.join("synth.axial");
        let mut calls = Vec::new();
        let summary = generate(&path, &SynthSpec::named("tiny").unwrap(), |done, total| calls.push((done, total)))
            .expect("tiny project");
        assert_eq!(calls, (1..=6).map(|d| (d, 6)).collect::<Vec<_>>(), "progress after each document");
        (summary, Store::open(&path).unwrap().load().unwrap())
    }

    #[test]
    fn synth_counts_match_the_spec() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, project) = tiny(dir.path());
        let spec = SynthSpec::named("tiny").unwrap();
        assert_eq!(project.documents().len(), spec.documents);
        assert_eq!(project.codes().len(), spec.codes);
        assert_eq!(project.codings().len(), spec.codings);
        assert_eq!(summary.documents, spec.documents);
        assert_eq!(summary.codes, spec.codes);
        assert_eq!(summary.codings, spec.codings);
        assert_eq!(summary.words, spec.documents * spec.words_per_document);
        assert_eq!(summary.concepts, project.concepts().len());
        assert_eq!(summary.categories, project.categories().len());
        assert_eq!(summary.memos, project.memos().len());
        assert_eq!(summary.cases, project.cases().len());
        assert_eq!(project.cases().len(), 1);
        for d in project.documents() {
            assert_eq!(d.text.split_whitespace().count(), spec.words_per_document, "{}", d.title);
            assert!(d.text.starts_with("Interviewer: "), "{}", &d.text[..40]);
            assert!(d.text.contains("\n\nP00"), "participant turns");
            assert!(!d.text.contains("  ") && !d.text.contains(" a a"), "one space between words");
            assert!(d.case.is_some());
            for key in ["role", "date", "interviewer"] {
                assert!(d.attributes.contains_key(key), "{key}");
            }
            assert!(d.attributes["date"].starts_with("2026-"));
        }
        assert!(project.cases().all(|c| c.attributes.contains_key("sector") && c.attributes.contains_key("size")));
        assert!(project.core_category().is_some());
        assert!(project.relations().len() > 0);
        let used: std::collections::BTreeSet<_> = project.codings().map(|c| c.code).collect();
        assert!(used.len() < project.codes().len(), "a few codes stay unused");
    }

    #[test]
    fn synth_codings_are_inside_their_documents() {
        let dir = tempfile::tempdir().unwrap();
        let (_, project) = tiny(dir.path());
        for c in project.codings() {
            let len = project.document(c.document).unwrap().char_len();
            assert!(c.start < c.end && c.end <= len, "{c:?} in 0..{len}");
            assert!((5..=400).contains(&(c.end - c.start)), "{c:?}");
            assert!(humantime::parse_rfc3339(&c.created).is_ok(), "{}", c.created);
        }
        let coders: std::collections::BTreeSet<_> = project.codings().map(|c| c.coder.as_str()).collect();
        assert_eq!(coders.into_iter().collect::<Vec<_>>(), ["coder-a", "coder-b"]);
        for d in project.documents() {
            let n = project.codings().filter(|c| c.document == d.id).count();
            assert!((50..=150).contains(&n), "{} has {n} codings", d.title);
        }
    }

    #[test]
    fn synth_hierarchy_is_placed_and_partly_loose() {
        let dir = tempfile::tempdir().unwrap();
        let (_, project) = tiny(dir.path());
        for class in ParadigmClass::ALL {
            assert!(project.categories().any(|c| c.class == Some(class)), "{class:?}");
        }
        assert!(project.categories().any(|c| c.class.is_none()));
        assert!(project.concepts().any(|c| c.category.is_none()));
        assert!(project.concepts().any(|c| c.category.is_some()));
        assert!(project.codes().any(|c| c.concept.is_none()));
        assert!(project.codes().any(|c| c.concept.is_some()));
        assert!(project.codes().any(|c| !c.definition.is_empty()));
        assert!(project.codes().all(|c| CODE_PALETTE.contains(&c.color.as_str())));
        let cube = cube(&project);
        assert!(cube.total() > 0 && cube.unassigned > 0, "assigned {} unassigned {}", cube.total(), cube.unassigned);
        assert!(cube.total() > cube.unassigned, "most codings resolve a cell");
    }

    #[test]
    fn synth_writes_memos() {
        let dir = tempfile::tempdir().unwrap();
        let (_, project) = tiny(dir.path());
        let on = |f: fn(&MemoTarget) -> bool| project.memos().filter(|m| f(&m.target)).count();
        assert_eq!(on(|t| matches!(t, MemoTarget::Project)), 1);
        assert_eq!(on(|t| matches!(t, MemoTarget::Document(_))), 2);
        assert_eq!(on(|t| matches!(t, MemoTarget::Code(_))), 8);
        assert_eq!(on(|t| matches!(t, MemoTarget::Category(_))), project.categories().len());
        assert_eq!(on(|t| matches!(t, MemoTarget::Coding(_))), 6);
        assert!(project.memos().all(|m| !m.text.is_empty()));
    }

    #[test]
    fn synth_is_deterministic_and_keeps_history() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let spec = SynthSpec::named("tiny").unwrap();
        let export = |dir: &Path| {
            let path = dir.join("synth.axial");
            generate(&path, &spec, |_, _| {}).unwrap();
            let store = Store::open(&path).unwrap();
            assert_eq!(store.history().unwrap().len(), 2 + spec.documents + 1, "one batch per step");
            export_string(&store.load().unwrap(), None)
        };
        assert_eq!(export(a.path()), export(b.path()));
        let other = generate(&a.path().join("other.axial"), &SynthSpec { seed: 2, ..spec }, |_, _| {}).unwrap();
        assert_eq!(other.codings, spec.codings);
        assert!(matches!(generate(&a.path().join("synth.axial"), &spec, |_, _| {}), Err(StoreError::Exists(_))));
        assert_eq!(SynthSpec::named("nope"), None);
        assert_eq!(SynthSpec::named("large"), Some(SynthSpec::large()));
    }
}
