//! The command line: `axial new | import | info | export | report | edit | undo | redo | history |
//! check | backup | restore` (and `synth`, for developers).
//! Each command opens the project through the same core as the app; errors come back as one
//! sentence (printed by `main` to stderr, exit code 1) and leave the project as it was.

mod backups;
mod comments;
mod edit;
mod export;
mod history;
mod import;
mod info;
mod project_file;
mod report;
mod synth;
mod values;

pub use comments::{CommentsOp, OnArg};
pub use edit::{CaseOp, DimensionOp, DocumentOp, EditVerb, KindOp, ValueOp};
pub use export::write_atomically;
pub use info::info;
pub use report::ReportArgs;
pub use values::{CubeView, ExportFormat, LevelArg, NearArg, ReportFormat, ReportKind, UnitArg};

use anyhow::{Result, bail};
use axial_core::project::{self, Access};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "axial",
    version,
    about = "Grounded-theory coding of interview transcripts.",
    long_about = "Grounded-theory coding of interview transcripts: import, code, group codes into concepts and \
categories, place them in the paradigm model, count them into the knowledge cube, export.\n\n\
With no command, opens the app; with a PROJECT, opens the app on it.",
    after_help = "Examples:\n  axial new study.axial\n  axial import study.axial interviews/\n  axial report sample_projects/crm_knowledge_creation cube\n  axial sample_projects/banking_ckm_crm",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A project to open in the app: a .axial file or a sample folder.
    pub project: Option<PathBuf>,
    /// Open the project for review: read everything, change nothing, write comments.
    #[arg(long, requires = "project")]
    pub review: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new, empty project file.
    #[command(after_help = "Example:\n  axial new thesis.axial --name \"Nurses' handovers\"")]
    New {
        /// Path of the new .axial file (must not exist yet).
        project: PathBuf,
        /// Project name (default: the file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import transcripts (.txt, .md in any common encoding, .docx, .odt, .pdf, WebVTT .vtt and SubRip .srt subtitles, whole folders), an Axial project JSON, or another tool's project (.qdpx) or codebook (.qdc).
    #[command(
        after_help = "If any file is bad (binary, empty, undecodable, a damaged or renamed .docx, .odt or .pdf, a password-protected PDF, a scanned PDF without a text layer, a subtitle file without cues), nothing is imported and every bad file is named. Subtitles become one paragraph per speaker turn: [00:01:23] Name: text. A .qdpx or .qdc is read whole or not at all; what it could not carry over is listed as warnings.\n\n\
Examples:\n  axial import thesis.axial interview_01.docx interview_02.txt\n  axial import thesis.axial transcripts/\n  axial import thesis.axial zoom-call.vtt interview_03.pdf\n  axial import thesis.axial exported-project.json\n  axial import thesis.axial from-nvivo.qdpx\n  axial import thesis.axial supervisor-codebook.qdc"
    )]
    Import {
        /// The .axial project to import into.
        project: PathBuf,
        /// Files or folders to import.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Import files whose title a document already has again, as copies ("title (2)").
        #[arg(long, conflicts_with = "skip_existing")]
        again: bool,
        /// Leave out files whose title a document already has.
        #[arg(long)]
        skip_existing: bool,
        /// The theoretical sampling log: why these interviews were sought (kept as each
        /// document's "sampled because" attribute, shown beside the saturation report).
        #[arg(long, value_name = "WHY")]
        sampled_because: Option<String>,
        /// The category these interviews were sought to develop (the "to develop" attribute).
        #[arg(long, value_name = "CATEGORY")]
        to_develop: Option<String>,
    },
    /// Print what a project holds: counts and documents.
    #[command(after_help = "Example:\n  axial info thesis.axial")]
    Info {
        /// A .axial file or a sample folder.
        project: PathBuf,
    },
    /// Export figures, tables and quotes for a thesis, an appendix report, the category model, the whole project, or the project or codebook for other tools.
    #[command(after_help = "Formats:\n\
  svg, png, pdf     the paradigm model as a figure for print (16 cm wide; PNG at 300 dpi): placed categories in full, relations routed around them\n\
  model-csv, model-md, model-docx   the category model table: class, category, concept, code, definition, references, documents\n\
  cube-csv          one of the paper's cube tables (--table 6, 7 or 8), as `axial report cube` writes it\n\
  cube-md, cube-docx   Tables 6, 7 and 8 of the cube, each with its counting unit\n\
  frequencies-csv, cooccurrence-csv, saturation-csv   the reports as CSV (as `axial report ... --format csv`)\n\
  frequencies-md|docx, cooccurrence-md|docx, saturation-md|docx   the same tables in Markdown or Word, with what they count\n\
  saturation-svg, saturation-png   the saturation curve\n\
  quotes-csv, quotes-md, quotes-docx   every passage of --code, --concept, --category or --class (filtered by --case, --attribute, --coder), with document, case, speaker and position\n\
  codings-csv       every coding with document, case, code, concept, category, class, coder, date and quote\n\
  html              one self-contained page for an appendix: codebook, figure, cube tables, frequencies, saturation, quotes per category\n\
  json              the category model (axial.category-model/2): paradigm classes, categories, concepts, codes, counts, relations, cube\n\
  project-json      the whole project, lossless (axial.project/1); `axial import` reads it back\n\
  qdpx              the whole project for NVivo, ATLAS.ti, MAXQDA, QualCoder (REFI-QDA); `axial import` reads it back\n\
  qdc               the codebook for other tools (REFI-QDA)\n\n\
Examples:\n  axial export thesis.axial --format pdf -o paradigm.pdf\n  axial export thesis.axial --format quotes-docx --category \"Building trust\" -o trust.docx\n  axial export thesis.axial --format cube-csv --table 7 -o table7.csv\n  axial export thesis.axial --format html -o appendix.html\n  axial export thesis.axial --format qdpx -o thesis.qdpx")]
    Export {
        /// A .axial file or a sample folder.
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// For --format json and the cube formats: count references as every coded passage,
        /// each speaker turn once per code, or each document once per code (the export says which).
        #[arg(long, value_enum, default_value = "passage")]
        unit: UnitArg,
        /// For --format json and the cube formats: count every reference, or only those the
        /// interviewer did not prompt (the export says which).
        #[arg(long, value_enum, default_value = "all")]
        rule: values::RuleArg,
        /// For --format cube-csv: which of the paper's tables (default 6).
        #[arg(long, value_enum)]
        table: Option<values::CubeTableArg>,
        #[command(flatten)]
        passages: report::PassageArgs,
    },
    /// Print a report: code frequencies, the knowledge cube or the paradigm model.
    #[command(
        after_help = "Examples:\n  axial report thesis.axial frequencies --format csv\n  axial report sample_projects/crm_knowledge_creation cube --view table8 --bins 7,12,17\n  axial report sample_projects/crm_knowledge_creation cube --view expected --levels 13,25\n  axial report sample_projects/banking_ckm_crm paradigm"
    )]
    Report(ReportArgs),
    /// Undo the last change to a project (undo history survives closing it).
    #[command(after_help = "Example:\n  axial undo thesis.axial")]
    Undo { project: PathBuf },
    /// Redo the last undone change.
    #[command(after_help = "Example:\n  axial redo thesis.axial")]
    Redo { project: PathBuf },
    /// List the undo history, oldest first.
    #[command(after_help = "Example:\n  axial history thesis.axial")]
    History { project: PathBuf },
    /// Change the category model: one undoable step each (see `axial edit --help`).
    #[command(
        after_help = "Examples:\n  axial edit thesis.axial new-category \"Building trust\" --class strategies\n  axial edit thesis.axial move-code \"Hot list\" --concept \"Shared lists\"\n  axial edit thesis.axial merge code Trust Confidence --into \"Trust and confidence\"\n  axial edit thesis.axial facet code \"Hot list\" seci combination\n\n\
`none` unplaces, ungroups or clears (--class none, --concept none, --category none, facet ... none)."
    )]
    Edit {
        /// The .axial project to change.
        project: PathBuf,
        #[command(subcommand)]
        verb: EditVerb,
    },
    /// Check every page of a project file for damage (a full scan; opening checks only what is cheap).
    #[command(after_help = "Example:\n  axial check thesis.axial")]
    Check { project: PathBuf },
    /// Make a backup copy of a project now (in the "NAME backups" folder beside it; the newest 5 are kept).
    #[command(
        after_help = "The window also makes one on opening and every 5 minutes of editing.\n\nExample:\n  axial backup thesis.axial"
    )]
    Backup { project: PathBuf },
    /// Replace a project with one of its backups (without BACKUP: list them, newest first).
    #[command(
        after_help = "The project as it was is saved first as a \"before restore\" backup: restoring that one undoes the restore.\n\n\
Examples:\n  axial restore thesis.axial\n  axial restore thesis.axial \"thesis backups/thesis 2026-11-30 14-05-09.axial\""
    )]
    Restore { project: PathBuf, backup: Option<PathBuf> },
    /// Comments on a project: list them, add one, reply, resolve, reopen, or bring in those of a reviewed copy.
    #[command(
        subcommand,
        after_help = "Examples:\n  axial comments list thesis.axial\n  axial comments add thesis.axial --on code --target Trust \"Define trust before coding more.\"\n  axial comments reply thesis.axial 3f2a9c1d \"Done, see the definition.\"\n  axial comments resolve thesis.axial 3f2a9c1d\n  axial comments import thesis.axial \"thesis (reviewed).axial\""
    )]
    Comments(CommentsOp),
    /// What changed since a reviewer last reviewed the project (codes, categories, codings, memos).
    #[command(
        after_help = "A review is noted each time a window opened with `axial --review` closes.\n\nExample:\n  axial changes thesis.axial --reviewer supervisor"
    )]
    Changes {
        project: PathBuf,
        /// Whose last review (default: you, AXIAL_USER or the login name).
        #[arg(long)]
        reviewer: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// Merge a second coder's copy of the project into it: one undoable step, nothing dropped.
    #[command(
        after_help = "Documents match by stable id, then by identical text; codes, concepts, categories and cases by id, then by name;\n\
codings by id, then by the same passage, code and coder. What matches keeps this project's form (differences are listed);\n\
what does not is added, with the copy's ids, so merging the same copy again adds nothing.\n\n\
Example:\n  axial merge thesis.axial \"thesis (sam).axial\""
    )]
    Merge {
        project: PathBuf,
        /// The coder's copy (.axial).
        other: PathBuf,
    },
    /// For developers: write a synthetic project (deterministic from a seed) to measure Axial at scale.
    #[command(
        after_help = "Sizes: tiny (6 documents), thesis (60 documents x 8,000 words, 400 codes, 20,000 codings),\n\
large (600 x 8,000 words, 2,000 codes, 200,000 codings). --documents, --codes and --codings scale a size.\n\n\
Example:\n  axial synth /tmp/thesis.axial --size thesis"
    )]
    Synth {
        /// Path of the new .axial file (must not exist yet).
        output: PathBuf,
        #[arg(long, default_value = "thesis")]
        size: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        documents: Option<usize>,
        #[arg(long)]
        codes: Option<usize>,
        #[arg(long)]
        codings: Option<usize>,
    },
}

/// Runs a subcommand, writing results to `out`. A write that found the project busy for longer
/// than the store waits says who holds it.
pub fn run(command: Command, out: &mut dyn std::io::Write) -> Result<()> {
    let path = command.project().map(PathBuf::from);
    run_command(command, out).map_err(|e| match &path {
        Some(path) if is_busy(&e) => busy(path),
        _ => e,
    })
}

/// Whether `e` is "another connection held the write lock too long".
fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<axial_core::store::StoreError>().is_some_and(|s| s.is_busy())
            || matches!(
                c.downcast_ref::<axial_core::project::ProjectError>(),
                Some(axial_core::project::ProjectError::Store(s)) if s.is_busy()
            )
    })
}

/// The one sentence for a busy project, naming who has it open for editing if anyone does.
fn busy(path: &std::path::Path) -> anyhow::Error {
    let secs = axial_core::store::BUSY_TIMEOUT.as_secs();
    match axial_core::edit_lock::holder(path) {
        Some(h) => anyhow::anyhow!(
            "the project stayed busy for {secs} seconds: it is open in Axial by {}, which was writing to it, so nothing was changed; try again when it is done: {}",
            h.describe(),
            path.display()
        ),
        None => anyhow::anyhow!(
            "the project stayed busy for {secs} seconds: another program was writing to it, so nothing was changed; try again when it is done: {}",
            path.display()
        ),
    }
}

impl Command {
    /// The project a command works on.
    fn project(&self) -> Option<&std::path::Path> {
        Some(match self {
            Command::New { project, .. }
            | Command::Import { project, .. }
            | Command::Info { project }
            | Command::Export { project, .. }
            | Command::Undo { project }
            | Command::Redo { project }
            | Command::History { project }
            | Command::Edit { project, .. }
            | Command::Check { project }
            | Command::Backup { project }
            | Command::Restore { project, .. }
            | Command::Changes { project, .. }
            | Command::Merge { project, .. } => project,
            Command::Report(args) => &args.project,
            Command::Comments(op) => match op {
                CommentsOp::List { project, .. }
                | CommentsOp::Add { project, .. }
                | CommentsOp::Reply { project, .. }
                | CommentsOp::Resolve { project, .. }
                | CommentsOp::Reopen { project, .. }
                | CommentsOp::Import { project, .. } => project,
            },
            Command::Synth { .. } => return None,
        })
    }
}

fn run_command(command: Command, out: &mut dyn std::io::Write) -> Result<()> {
    match command {
        Command::New { project: path, name } => project_file::create(path, name, out)?,
        Command::Import { project: path, inputs, again, skip_existing, sampled_because, to_develop } => {
            let sampling = import::Sampling { because: sampled_because, to_develop };
            import::import(path, inputs, import::Existing { again, skip_existing }, sampling, out)?
        }
        Command::Info { project: path } => {
            let store = project::open(&path, Access::Read)?;
            write!(out, "{}", info(&store)?)?;
        }
        Command::Export { project: path, format, output, unit, rule, table, passages } => {
            export::export(path, format, output, export::ExportOptions { unit, rule, table, passages }, out)?
        }
        Command::Report(args) => report::report(args, out)?,
        Command::Undo { project: path } => history::undo(path, out)?,
        Command::Redo { project: path } => history::redo(path, out)?,
        Command::Edit { project: path, verb } => edit::edit(path, verb, out)?,
        Command::Check { project: path } => project_file::check(path, out)?,
        Command::Backup { project: path } | Command::Restore { project: path, .. }
            if project::is_sample_folder(&path) =>
        {
            bail!("a sample folder has no backups (it is never written); back up a .axial project file instead")
        }
        Command::Backup { project: path } => backups::backup(path, out)?,
        Command::Restore { project: path, backup: None } => backups::list(path, out)?,
        Command::Restore { project: path, backup: Some(from) } => backups::restore(path, from, out)?,
        Command::Synth { output, size, seed, documents, codes, codings } => {
            synth::synth(output, size, seed, documents, codes, codings, out)?
        }
        Command::History { project: path } => history::history(path, out)?,
        Command::Comments(op) => comments::comments(op, out)?,
        Command::Merge { project: path, other } => {
            let mut store = project::open(&path, Access::Write)?;
            let p = store.load()?;
            let (report, _) = axial_core::merge::merge_copy(&mut store, &p, &other)?;
            writeln!(out, "Merged {}: {}", other.display(), report.summary())?;
            for d in &report.differences {
                writeln!(out, "  differs: {d}")?;
            }
            for item in &report.new_items {
                writeln!(out, "  new: {item}")?;
            }
            if !report.nothing_new() {
                writeln!(out, "(undo with: axial undo {})", path.display())?;
            }
        }
        Command::Changes { project: path, reviewer, format } => comments::changes(path, reviewer, format, out)?,
    }
    Ok(())
}
