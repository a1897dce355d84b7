//! The command line timed as a whole process, the way scripts and users run it: `axial report
//! P frequencies`, `axial info P`, one `axial edit`, `axial import` of a project JSON; against
//! SQLite itself doing the least each job needs, also as a whole process: reading every coding
//! once, one durable insert (`axial_core::store::floor`, run by this benchmark's own executable
//! with `--floor`, so the floor pays for starting a process as Axial does). A process that
//! starts and does nothing is timed too, for what starting costs.
//!
//! `AXIAL_BENCH_SIZES=thesis,large cargo bench --bench cli` (default: thesis,large). The
//! synthetic projects are the core benchmarks' (`$CARGO_TARGET_DIR/synthetic`, generated once);
//! each size works on a private copy. docs/performance.md has the numbers.

use axial_core::store::floor::Floor;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, measurement::WallTime};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--floor") {
        return floor(&args[i + 1..]);
    }
    let mut c = Criterion::default().configure_from_args();
    let sizes = std::env::var("AXIAL_BENCH_SIZES").unwrap_or_else(|_| "thesis,large".into());
    for size in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        commands(&mut c, size);
    }
    c.final_summary();
    ExitCode::SUCCESS
}

/// The floors, run as a process of their own: `--floor scan FILE`, `--floor insert FILE NAME`,
/// `--floor start`.
fn floor(args: &[String]) -> ExitCode {
    let done = match args {
        [job, file] if job == "scan" => Floor::read_only(Path::new(file)).and_then(|f| f.scan_codings()).map(drop),
        [job, file, name] if job == "insert" => Floor::durable(Path::new(file)).and_then(|f| f.insert_case(name)),
        [job] if job == "start" => Ok(()),
        _ => {
            eprintln!("usage: --floor scan FILE | --floor insert FILE NAME | --floor start");
            return ExitCode::FAILURE;
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn synthetic_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("synthetic")
}

/// Runs a process to its end, its output thrown away; panics (the bench's own failure) if it fails.
fn run(program: &Path, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(status.success(), "{} {args:?} failed", program.display());
}

fn axial() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_axial"))
}

/// Times `iters` runs of a process made by `args(n)` for the n-th run.
fn timed(iters: u64, mut args: impl FnMut(u64) -> (PathBuf, Vec<String>)) -> Duration {
    let mut spent = Duration::ZERO;
    for n in 0..iters {
        let (program, args) = args(n);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        run(&program, &args);
        spent += started.elapsed();
    }
    spent
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, slow: bool) {
    group.sample_size(if slow { 10 } else { 20 });
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(if slow { 20 } else { 8 }));
    group.sampling_mode(SamplingMode::Flat);
}

fn commands(c: &mut Criterion, size: &str) {
    let original = axial_core::synth::generated(&synthetic_dir(), size).unwrap();
    let dir = tempfile::Builder::new().prefix("bench-cli-").tempdir_in(synthetic_dir()).unwrap();
    let file = dir.path().join("project.axial");
    std::fs::copy(&original, &file).unwrap();
    let file_arg = file.display().to_string();
    let me = std::env::current_exe().unwrap();
    let slow = size != "thesis";

    let mut group = c.benchmark_group(format!("cli/{size}"));
    configure(&mut group, false);
    group.bench_function("process_start_floor", |b| b.iter(|| run(&me, &["--floor", "start"])));
    group.bench_function("scan_codings_floor", |b| b.iter(|| run(&me, &["--floor", "scan", &file_arg])));
    group.bench_function("report_frequencies", |b| b.iter(|| run(axial(), &["report", &file_arg, "frequencies"])));
    group.bench_function("info", |b| b.iter(|| run(axial(), &["info", &file_arg])));
    let mut n = 0u64;
    group.bench_function("durable_insert_floor", |b| {
        b.iter_custom(|iters| {
            timed(iters, |_| {
                n += 1;
                (me.clone(), vec!["--floor".into(), "insert".into(), file_arg.clone(), format!("Floor case {n}")])
            })
        })
    });
    group.bench_function("edit_new_case", |b| {
        b.iter_custom(|iters| {
            timed(iters, |_| {
                n += 1;
                let args = ["edit", &file_arg, "case", "new", &format!("Bench case {n}")];
                (axial().to_owned(), args.map(str::to_owned).to_vec())
            })
        })
    });
    // Back and forth between two names, so every run renames.
    let names = ["Bench category", "Bench category (renamed)"];
    run(axial(), &["edit", &file_arg, "new-category", names[0]]);
    let mut renamed = false;
    group.bench_function("edit_rename_category", |b| {
        b.iter_custom(|iters| {
            timed(iters, |_| {
                let (from, to) = if renamed { (names[1], names[0]) } else { (names[0], names[1]) };
                renamed = !renamed;
                let args = ["edit", &file_arg, "rename", "category", from, to];
                (axial().to_owned(), args.map(str::to_owned).to_vec())
            })
        })
    });
    group.finish();
    import(c, size, &file, slow);
}

/// `axial import NEW.axial PROJECT.json` of the whole project, exported once, into a new
/// file each time (the `axial new` before it is not timed).
fn import(c: &mut Criterion, size: &str, file: &Path, slow: bool) {
    let dir = file.parent().unwrap();
    let json = dir.join("project.json");
    run(
        axial(),
        &["export", &file.display().to_string(), "--format", "project-json", "-o", &json.display().to_string()],
    );
    let mut group = c.benchmark_group(format!("cli/{size}"));
    configure(&mut group, slow);
    let mut n = 0u64;
    group.bench_function("import_project_json", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let target = dir.join(format!("imported-{n}.axial"));
                run(axial(), &["new", &target.display().to_string()]);
                let args = ["import", &target.display().to_string(), &json.display().to_string()];
                let started = Instant::now();
                run(axial(), &args);
                spent += started.elapsed();
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
                }
            }
            spent
        })
    });
    group.finish();
}
