//! The live model against its baselines, at thesis size and beyond.
//!
//! `AXIAL_BENCH_SIZES=thesis,mid,large cargo bench -p axial-core --bench model` (default:
//! thesis,large). The synthetic projects are generated once into
//! `$CARGO_TARGET_DIR/synthetic/{size}-seed1-schemaN.axial` (or `target/` of the workspace) and
//! reused; every bench group works on its own copy of the file, so runs are repeatable.
//! Baselines sit in the same group: raw SQL (the floor SQLite sets) or the old full reload.
//! docs/performance.md has the numbers.

use axial_core::analysis::cooccurrence::{self as co, CooccurrenceCache, Near, cooccurrence, meetings};
use axial_core::analysis::cube::{Cube, CubeCache, cube, cube_from, cube_where, passages_at};
use axial_core::analysis::frequencies::{self as freq, By};
use axial_core::analysis::retrieval::{Scope, details, passages};
use axial_core::analysis::saturation::saturation;
use axial_core::analysis::units::{self, Rule, TurnIndex, Unit};
use axial_core::io::project_json::export_string;
use axial_core::model::*;
use axial_core::report::category_model::category_model;
use axial_core::store::floor::Floor;
use axial_core::store::{IdAllocator, Store};
use axial_core::synth;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main, measurement::WallTime};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One project size: its name and what it holds.
#[derive(Clone, Copy)]
struct Size {
    name: &'static str,
    /// Large enough that a whole load is slow: fewer samples, flat sampling.
    slow: bool,
}

fn sizes() -> Vec<Size> {
    let wanted = std::env::var("AXIAL_BENCH_SIZES").unwrap_or_else(|_| "thesis,large".into());
    wanted
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| match name {
            "thesis" => Size { name: "thesis", slow: false },
            "mid" => Size { name: "mid", slow: true },
            "large" => Size { name: "large", slow: true },
            other => panic!("AXIAL_BENCH_SIZES: unknown size {other:?} (thesis, mid or large)"),
        })
        .collect()
}

fn synthetic_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("synthetic")
}

/// The generated file for `size`, made once.
fn synthetic(size: Size) -> PathBuf {
    let started = Instant::now();
    let path = synth::generated(&synthetic_dir(), size.name).unwrap();
    if started.elapsed() > Duration::from_secs(1) {
        eprintln!("generated {} in {:.1?}", path.display(), started.elapsed());
    }
    path
}

/// A private copy of the project in a temporary folder beside the originals (same disk, so
/// commits pay the same fsync), removed when dropped.
struct Copy {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn private_copy(size: Size) -> Copy {
    let original = synthetic(size);
    let dir = tempfile::Builder::new().prefix("bench-").tempdir_in(synthetic_dir()).unwrap();
    let path = dir.path().join("project.axial");
    std::fs::copy(&original, &path).unwrap();
    Copy { _dir: dir, path }
}

/// An open store and its loaded model, with ids and a seeded random source for new codings.
struct Live {
    store: Store,
    project: Project,
    ids: IdAllocator,
    rng: fastrand::Rng,
    documents: Vec<(DocumentId, usize)>,
    codes: Vec<CodeId>,
}

impl Live {
    fn open(copy: &Copy) -> Live {
        let store = Store::open(&copy.path).unwrap();
        let project = store.load().unwrap();
        let ids = store.ids().unwrap();
        let documents = project.documents().map(|d| (d.id, d.char_len)).collect();
        let codes = project.codes().map(|c| c.id).collect();
        Live { store, project, ids, rng: fastrand::Rng::with_seed(7), documents, codes }
    }

    /// A new coding: a new id, a random code, a random range of up to 400 characters in a random document.
    fn new_coding(&mut self) -> Coding {
        let (document, len) = self.documents[self.rng.usize(..self.documents.len())];
        let start = self.rng.usize(..len - 1);
        let end = (start + self.rng.usize(1..400)).min(len);
        Coding {
            id: self.ids.coding(),
            document,
            code: self.codes[self.rng.usize(..self.codes.len())],
            start,
            end,
            coder: "bench".into(),
            created: now_rfc3339(),
        }
    }

    fn create_coding(&mut self) -> Action {
        let c = self.new_coding();
        Action::CreateCoding {
            id: c.id,
            document: c.document,
            code: c.code,
            start: c.start,
            end: c.end,
            coder: c.coder,
            created: c.created,
        }
    }
}

/// One change to the model, alternately a new coding and its removal, so the model neither
/// grows nor shrinks over a run.
struct Toggle {
    pending: Option<CodingId>,
}

impl Toggle {
    fn next(&mut self, live: &mut Live) -> ChangeSet {
        let change = match self.pending.take() {
            Some(id) => Change::CodingDeleted(id),
            None => {
                let c = live.new_coding();
                self.pending = Some(c.id);
                Change::Coding(c)
            }
        };
        let mut changes = ChangeSet::default();
        changes.push(change);
        changes
    }
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, size: Size, slow_here: bool) {
    group.warm_up_time(Duration::from_millis(500));
    if size.slow && slow_here {
        group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(4));
    } else if slow_here {
        group.sample_size(15).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(3));
    } else {
        group.sample_size(20).measurement_time(Duration::from_secs(2));
    }
}

fn open(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut group = c.benchmark_group(format!("open/{}", size.name));
    configure(&mut group, size, true);
    group.bench_function("axial_ready_model", |b| {
        b.iter(|| {
            let store = Store::open(&copy.path).unwrap();
            let project = store.load().unwrap();
            black_box(project.tallies().total());
            (store, project)
        })
    });
    group.bench_function("sql_select_all_floor", |b| {
        b.iter(|| Floor::read_only(&copy.path).and_then(|floor| floor.select_all()).unwrap())
    });
    group.finish();
}

fn apply_coding(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let mut group = c.benchmark_group(format!("apply_coding/{}", size.name));
    configure(&mut group, size, false);
    let mut cache = CubeCache::default();
    cache.get(&live.project);
    group.bench_function("axial_apply_patch_cube", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let action = live.create_coding();
                let started = Instant::now();
                let changes = live.store.apply(&action).unwrap();
                live.project.apply(&changes);
                black_box(cache.get(&live.project));
                spent += started.elapsed();
            }
            spent
        })
    });
    configure(&mut group, size, true);
    group.bench_function("reload_baseline", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let action = live.create_coding();
                let started = Instant::now();
                live.store.apply(&action).unwrap();
                let project = live.store.load().unwrap();
                let tallies = Tallies::build(&project);
                black_box(cube_from(&project, &tallies));
                spent += started.elapsed();
                drop(project);
            }
            spent
        })
    });
    group.finish();
}

fn undo(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let mut group = c.benchmark_group(format!("undo/{}", size.name));
    configure(&mut group, size, false);
    group.bench_function("axial_undo_patch", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let action = live.create_coding();
                let changes = live.store.apply(&action).unwrap();
                live.project.apply(&changes);
                let started = Instant::now();
                let step = live.store.undo().unwrap();
                live.project.apply(&step.changes);
                spent += started.elapsed();
            }
            spent
        })
    });
    configure(&mut group, size, true);
    group.bench_function("reload_baseline", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let action = live.create_coding();
                live.store.apply(&action).unwrap();
                let started = Instant::now();
                live.store.undo().unwrap();
                let project = live.store.load().unwrap();
                spent += started.elapsed();
                drop(project);
            }
            spent
        })
    });
    group.finish();
}

fn memo_keystroke(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let id = live.ids.memo();
    let title = "Bench memo".to_owned();
    let mut text = "The bank's relationship managers hold what the CRM never sees. ".repeat(32);
    text.truncate(2_000);
    let created = now_rfc3339();
    let changes = live
        .store
        .apply(&Action::CreateMemo {
            id,
            target: MemoTarget::Project,
            title: title.clone(),
            text: text.clone(),
            author: "bench".into(),
            created: created.clone(),
            modified: created,
        })
        .unwrap();
    live.project.apply(&changes);
    // One more character per keystroke; back to 2,000 now and then so the memo stays ~2,000 chars.
    let mut type_one = move || {
        if text.len() >= 2_200 {
            text.truncate(2_000);
        } else {
            text.push(if text.len().is_multiple_of(7) { ' ' } else { 'e' });
        }
        text.clone()
    };
    let mut group = c.benchmark_group(format!("memo_keystroke/{}", size.name));
    configure(&mut group, size, false);
    group.bench_function("axial_apply_merging_patch", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let action = Action::UpdateMemo { id, title: title.clone(), text: type_one(), modified: now_rfc3339() };
                let started = Instant::now();
                let changes = live.store.apply_merging(&action).unwrap();
                live.project.apply(&changes);
                spent += started.elapsed();
            }
            spent
        })
    });
    let floor = Floor::durable(&copy.path).unwrap();
    group.bench_function("sql_update_durable_floor", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let text = type_one();
                let started = Instant::now();
                floor.update_memo_text(id.0, &text).unwrap();
                spent += started.elapsed();
            }
            spent
        })
    });
    group.finish();
}

fn frequencies(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let mut group = c.benchmark_group(format!("frequencies/{}", size.name));
    configure(&mut group, size, false);
    group.bench_function("from_scratch", |b| b.iter(|| Tallies::build(&live.project)));
    let mut toggle = Toggle { pending: None };
    group.bench_function("after_one_change", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let changes = toggle.next(&mut live);
                let started = Instant::now();
                live.project.apply(&changes);
                black_box(live.project.tallies().total());
                spent += started.elapsed();
            }
            spent
        })
    });
    group.finish();
}

fn median_of(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn cube_bench(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let dimensions = live.project.framework().dimensions.clone();
    let floor = Floor::read_only(&copy.path).unwrap();

    // Once: the SQL aggregate and Axial's cube agree cell for cell.
    let axial: Cube = cube(&live.project);
    assert_eq!(axial, cube_from(&live.project, &Tallies::build(&live.project)));
    let (cells, unassigned) = floor.cube_group_by(&dimensions).unwrap();
    for (key, &count) in &axial.cells {
        assert_eq!(cells.get(key).copied().unwrap_or(0), count, "cell {key:?}");
    }
    assert!(cells.keys().all(|k| axial.cells.contains_key(k)), "SQL found a cell the cube has not");
    assert_eq!(unassigned, axial.unassigned, "unassigned codings");
    let sql_time = median_of(|| drop(black_box(floor.cube_group_by(&dimensions).unwrap())), 7);
    let scratch_time = median_of(|| drop(black_box(cube_from(&live.project, &Tallies::build(&live.project)))), 7);
    let live_time = median_of(|| drop(black_box(cube(&live.project))), 7);
    eprintln!(
        "cube/{}: SQL totals equal Axial's cube ({} codings, {} unassigned); Axial from scratch / SQL = {:.3}, live cube / SQL = {:.4} (SQL {:.2?}, scratch {:.2?}, live {:.2?})",
        size.name,
        axial.total() + axial.unassigned,
        axial.unassigned,
        scratch_time.as_secs_f64() / sql_time.as_secs_f64(),
        live_time.as_secs_f64() / sql_time.as_secs_f64(),
        sql_time,
        scratch_time,
        live_time
    );

    let mut group = c.benchmark_group(format!("cube/{}", size.name));
    configure(&mut group, size, false);
    group.bench_function("from_scratch", |b| b.iter(|| cube_from(&live.project, &Tallies::build(&live.project))));
    let mut toggle = Toggle { pending: None };
    let mut cache = CubeCache::default();
    cache.get(&live.project);
    group.bench_function("after_one_change", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let changes = toggle.next(&mut live);
                let started = Instant::now();
                live.project.apply(&changes);
                black_box(cache.get(&live.project));
                spent += started.elapsed();
            }
            spent
        })
    });
    configure(&mut group, size, true);
    group.bench_function("sql_group_by", |b| b.iter(|| floor.cube_group_by(&dimensions).unwrap()));
    group.finish();
}

fn cooccurrence_bench(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let mut live = Live::open(&copy);
    let mut group = c.benchmark_group(format!("cooccurrence/{}", size.name));
    configure(&mut group, size, true);
    group.bench_function("from_scratch", |b| b.iter(|| cooccurrence(&live.project)));
    configure(&mut group, size, false);
    let mut cache = CooccurrenceCache::default();
    cache.update(&live.project);
    let mut toggle = Toggle { pending: None };
    group.bench_function("cache_after_one_coding", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let changes = toggle.next(&mut live);
                live.project.apply(&changes);
                let started = Instant::now();
                black_box(cache.update(&live.project).pairs.len());
                spent += started.elapsed();
            }
            spent
        })
    });
    group.finish();
}

fn export(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let live = Live::open(&copy);
    let mut group = c.benchmark_group(format!("export/{}", size.name));
    configure(&mut group, size, true);
    group.bench_function("project_json", |b| b.iter(|| export_string(&live.project, None)));
    group.bench_function("category_model_json", |b| {
        b.iter(|| serde_json::to_string_pretty(&category_model(&live.project)).unwrap())
    });
    group.finish();
}

/// Reading the model back (issue 10): what the analysis views compute, each as the window
/// computes it (`src/ui/analysis/*`): a fresh `TurnIndex` per computation, so every figure
/// pays for splitting the transcripts into turns when its unit or proximity needs them. The
/// window runs these on the frame thread below `INLINE_CODINGS` (20,000) codings, else in
/// the background.
fn reading_back(c: &mut Criterion, size: Size) {
    let copy = private_copy(size);
    let live = Live::open(&copy);
    let p = &live.project;
    let t = p.tallies();
    let category =
        p.categories().map(|g| g.id).max_by_key(|&g| (t.category(g).references, std::cmp::Reverse(g))).unwrap();
    let code = p.codes().map(|c| c.id).max_by_key(|&c| (t.code(c).references, std::cmp::Reverse(c))).unwrap();
    let case = p.documents().find_map(|d| d.case).unwrap();
    let in_case = |d: &Document| d.case == Some(case);
    // The slice's fullest cell, each dimension fixed, as a click on it in Table 6 asks.
    let sliced = cube_where(p, Unit::Turn, Rule::All, &mut TurnIndex::default(), &in_case);
    let (cell, cell_count) = sliced.cells.iter().max_by_key(|(_, n)| **n).map(|(k, n)| (k.clone(), *n)).unwrap();
    let fixed: Vec<(String, String)> = sliced.dimensions.iter().map(|d| d.key.clone()).zip(cell).collect();
    let at_cell = passages_at(p, Unit::Turn, Rule::All, &mut TurnIndex::default(), &in_case, &fixed);
    assert_eq!(at_cell.len(), cell_count, "a cell's passages are what it counts");
    // The fullest cell of the code matrix, for the passages where two codes meet.
    let overlaps = co::matrix(p, co::Level::Code, Near::Overlap, &mut TurnIndex::default());
    let (&(a, b), pair) = overlaps.pairs.iter().max_by_key(|(_, n)| n.overlaps).unwrap();
    eprintln!(
        "reading/{}: {} codings ({} the frame thread, INLINE_CODINGS = 20,000); largest category {} references, \
         most-coded code {} references; case {} holds {} documents, its fullest cell {} turns; \
         fullest code pair {} overlaps",
        size.name,
        p.codings().len(),
        if p.codings().len() < 20_000 { "on" } else { "off" },
        t.category(category).references,
        t.code(code).references,
        p.case(case).map_or("?", |c| c.name.as_str()),
        p.documents().filter(|d| in_case(d)).count(),
        cell_count,
        pair.overlaps,
    );

    let mut group = c.benchmark_group(format!("units/{}", size.name));
    configure(&mut group, size, true);
    for unit in [Unit::Turn, Unit::Document] {
        group.bench_function(format!("tallies_{}", unit.key()), |b| {
            b.iter(|| units::tallies(p, unit, Rule::All, &mut TurnIndex::default()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group(format!("frequency_table/{}", size.name));
    configure(&mut group, size, true);
    for (name, by) in [("code_overall", By::Overall), ("code_by_document", By::Document)] {
        group.bench_function(name, |b| {
            b.iter(|| freq::table(p, freq::Level::Code, by, Unit::Passage, Rule::All, &mut TurnIndex::default()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group(format!("cooccurrence_matrix/{}", size.name));
    configure(&mut group, size, true);
    for (name, level, near) in
        [("code_overlap", co::Level::Code, Near::Overlap), ("category_turn", co::Level::Category, Near::Turn)]
    {
        group.bench_function(name, |b| b.iter(|| co::matrix(p, level, near, &mut TurnIndex::default())));
    }
    // A click on a cell: where the two codes meet, then those passages (on the frame thread at any size).
    group.bench_function("cell_passages_code_overlap", |bench| {
        bench.iter(|| {
            let mut turns = TurnIndex::default();
            let pairs = meetings(p, &overlaps, a, b, &mut turns);
            let mut codings: Vec<CodingId> = pairs.iter().flat_map(|(x, y)| [*x, *y]).collect();
            codings.sort_by_key(|id| p.coding(*id).map(|c| (c.document, c.start, c.end)));
            codings.dedup();
            details(p, &codings, &mut turns)
        })
    });
    group.finish();

    let mut group = c.benchmark_group(format!("saturation/{}", size.name));
    configure(&mut group, size, true);
    group.bench_function("from_scratch", |b| b.iter(|| saturation(p)));
    group.finish();

    let mut group = c.benchmark_group(format!("retrieval/{}", size.name));
    configure(&mut group, size, true);
    for (name, scope) in [("largest_category", Scope::Category(category)), ("one_code", Scope::Code(code))] {
        group.bench_function(name, |b| b.iter(|| details(p, &passages(p, scope), &mut TurnIndex::default())));
    }
    group.finish();

    let mut group = c.benchmark_group(format!("cube_slice/{}", size.name));
    configure(&mut group, size, true);
    group.bench_function("turn_one_case", |b| {
        b.iter(|| cube_where(p, Unit::Turn, Rule::All, &mut TurnIndex::default(), &in_case))
    });
    group.bench_function("passages_at_cell", |b| {
        b.iter(|| {
            let mut turns = TurnIndex::default();
            let ids = passages_at(p, Unit::Turn, Rule::All, &mut turns, &in_case, &fixed);
            details(p, &ids, &mut turns)
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    for size in sizes() {
        synthetic(size);
        open(c, size);
        apply_coding(c, size);
        undo(c, size);
        memo_keystroke(c, size);
        frequencies(c, size);
        cube_bench(c, size);
        cooccurrence_bench(c, size);
        export(c, size);
        reading_back(c, size);
    }
}

criterion_group!(model, benches);
criterion_main!(model);
