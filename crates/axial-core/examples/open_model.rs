//! Opens a project file and loads the live model (rows, indexes and tallies), then prints its
//! counts and how long that took; for measuring peak memory with only the core built
//! (`scripts/peak-memory.sh`).
//!
//! `open_model FILE` | `open_model --generate thesis|mid|large PATH` (the synthetic project,
//! seed 1, as `benches/model.rs` makes it) | `open_model --generated SIZE DIR` (the benchmarks'
//! shared file of that size in DIR, made if missing: prints its path).

use axial_core::store::Store;
use axial_core::synth::{self, SynthSpec};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--generate", size, path] => {
            let Some(spec) = SynthSpec::named(size) else {
                eprintln!("unknown size {size:?}; use thesis, mid or large");
                return ExitCode::FAILURE;
            };
            let started = Instant::now();
            match synth::generate(Path::new(path), &spec, |_, _| {}) {
                Ok(summary) => {
                    println!("generated {path}: {summary:?} in {:.2?}", started.elapsed());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        ["--generated", size, dir] => match synth::generated(Path::new(dir), size) {
            Ok(path) => {
                println!("{}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        [path] => {
            let started = Instant::now();
            let project = match Store::open(Path::new(path)).and_then(|store| store.load()) {
                Ok(project) => project,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let elapsed = started.elapsed();
            println!(
                "{path}: {} documents, {} codes, {} concepts, {} categories, {} codings, {} memos; {} references counted; opened and loaded in {:.1?}",
                project.documents().len(),
                project.codes().len(),
                project.concepts().len(),
                project.categories().len(),
                project.codings().len(),
                project.memos().len(),
                project.tallies().total().references,
                elapsed
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: open_model FILE | open_model --generate thesis|mid|large PATH");
            ExitCode::FAILURE
        }
    }
}
