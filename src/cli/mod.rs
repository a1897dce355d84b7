//! The command line: `axial new | import | info | export | report | edit | undo | redo | history | check`
//! (and `synth`, for developers).
//! Each command opens the project through the same core as the app; errors come back as one
//! sentence (printed by `main` to stderr, exit code 1) and leave the project as it was.

use anyhow::{Context, Result, bail};
use axial_core::analysis::cube::cube_in;
use axial_core::analysis::units::{self, TurnIndex, Unit};
use axial_core::analysis::{cooccurrence, memos, retrieval, saturation};
use axial_core::io::export::Export;
use axial_core::project::{self, Access};
use axial_core::report::{
    self,
    cube::{Bins, Layout, Levels},
};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

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
    /// Import transcripts (.txt, .md in any common encoding, .docx, whole folders) or an Axial project JSON.
    #[command(
        after_help = "If any file is bad (binary, empty, undecodable, damaged .docx), nothing is imported and every bad file is named.\n\n\
Examples:\n  axial import thesis.axial interview_01.docx interview_02.txt\n  axial import thesis.axial transcripts/\n  axial import thesis.axial exported-project.json"
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
    },
    /// Print what a project holds: counts and documents.
    #[command(after_help = "Example:\n  axial info thesis.axial")]
    Info {
        /// A .axial file or a sample folder.
        project: PathBuf,
    },
    /// Export the category model, the whole project or the paradigm diagram (SVG or PNG).
    #[command(
        after_help = "Formats:\n  json          the category model (axial.category-model/1): paradigm classes, categories, concepts, codes, counts, relations, cube\n  project-json  the whole project, lossless (axial.project/1); `axial import` reads it back\n  svg           the paradigm model diagram: classes, categories with counts, relations\n  png           the same diagram as a picture, at twice its size, for slides and theses\n\n\
Examples:\n  axial export thesis.axial --format json -o model.json\n  axial export thesis.axial --format png -o paradigm.png"
    )]
    Export {
        /// A .axial file or a sample folder.
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// For --format json: count references as every coded passage, each speaker turn once
        /// per code, or each document once per code (the export says which).
        #[arg(long, value_enum, default_value = "passage")]
        unit: UnitArg,
    },
    /// Print a report: code frequencies, the knowledge cube or the paradigm model.
    #[command(
        after_help = "Examples:\n  axial report thesis.axial frequencies --format csv\n  axial report sample_projects/crm_knowledge_creation cube --view table8 --bins 7,12,17\n  axial report sample_projects/crm_knowledge_creation cube --view expected --levels 13,25\n  axial report sample_projects/banking_ckm_crm paradigm"
    )]
    Report {
        /// A .axial file or a sample folder.
        project: PathBuf,
        #[arg(value_enum)]
        kind: ReportKind,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// For the cube: which of the paper's tables.
        #[arg(long, value_enum, default_value = "table6")]
        view: CubeView,
        /// For --view table8: counts where Med, Med-High and High begin.
        #[arg(long, default_value = "7,12,17")]
        bins: String,
        /// For --view expected: two-way counts where observed medium and high begin.
        #[arg(long, default_value = "13,25")]
        levels: String,
        /// For the cube: the two row dimensions, outer first (default crm,seci).
        #[arg(long, value_delimiter = ',')]
        rows: Option<Vec<String>>,
        /// For the cube: the column dimension (default knowledge).
        #[arg(long)]
        columns: Option<String>,
        /// For frequencies and the cube: what one reference is (every coded passage, each
        /// speaker turn once per code, or each document once per code).
        #[arg(long, value_enum, default_value = "passage")]
        unit: UnitArg,
        /// For retrieval: the passages of this code.
        #[arg(long, group = "retrieve")]
        code: Option<String>,
        /// For retrieval: the passages of every code under this concept.
        #[arg(long, group = "retrieve")]
        concept: Option<String>,
        /// For retrieval: the passages of every code under this category.
        #[arg(long, group = "retrieve")]
        category: Option<String>,
        /// For retrieval: the passages of a paradigm class (e.g. strategies).
        #[arg(long, group = "retrieve")]
        class: Option<String>,
        /// For co-occurrence: pair codes, concepts or categories.
        #[arg(long, value_enum, default_value = "code")]
        level: LevelArg,
        /// For co-occurrence: overlapping passages, or coded in the same speaker turn.
        #[arg(long, value_enum, default_value = "overlap")]
        by: NearArg,
        /// For memos: only those whose title, text or target holds every word of this.
        #[arg(long)]
        search: Option<String>,
    },
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

/// The edits `axial edit` makes.
#[derive(Subcommand, Debug)]
pub enum EditVerb {
    /// A new concept, in a category or loose.
    NewConcept {
        name: String,
        #[arg(long)]
        category: Option<String>,
    },
    /// A new category, placed in a paradigm class or not yet.
    NewCategory {
        name: String,
        /// causal_conditions, phenomenon, contextual_conditions, intervening_conditions, strategies, consequences.
        #[arg(long)]
        class: Option<String>,
    },
    /// Group a code under a concept (--concept none: ungroup it).
    MoveCode {
        code: String,
        #[arg(long)]
        concept: String,
    },
    /// Group a concept under a category (--category none: ungroup it).
    MoveConcept {
        concept: String,
        #[arg(long)]
        category: String,
    },
    /// Place a category in a paradigm class (--class none: unplace it).
    Place {
        category: String,
        #[arg(long)]
        class: String,
    },
    /// Rename a code, concept or category.
    Rename { level: LevelArg, old: String, new: String },
    /// Merge two or more codes, concepts or categories into one (codings kept, duplicates once).
    Merge {
        level: LevelArg,
        #[arg(required = true, num_args = 2..)]
        names: Vec<String>,
        /// The name of the result: one of them (kept), or a new name for the first.
        #[arg(long)]
        into: String,
    },
    /// Delete a code (with its codings), a concept or a category (their members stay, ungrouped).
    Delete { level: LevelArg, name: String },
    /// Mark the core category (none: no core category).
    Core { category: String },
    /// Relate two categories (axial coding): FROM --kind KIND--> TO.
    Relate {
        from: String,
        to: String,
        #[arg(long)]
        kind: String,
    },
    /// Set (or, with none, clear) a cube facet value on a code, concept or category.
    Facet { level: LevelArg, name: String, dimension: String, value: String },
    /// Add, rename, move or remove a cube dimension (named by key or label).
    #[command(subcommand)]
    Dimension(DimensionOp),
    /// Add, rename, move or remove a value of a cube dimension.
    #[command(subcommand)]
    Value(ValueOp),
    /// Add, rename, move or remove a relation kind (the kinds `relate --kind` accepts).
    #[command(subcommand)]
    Kind(KindOp),
    /// Create, rename or delete a case, or set one of its attributes.
    #[command(subcommand)]
    Case(CaseOp),
    /// Rename a document, put it in a case, or set one of its attributes.
    #[command(subcommand)]
    Document(DocumentOp),
}

/// Edits of cases (the organisations, groups or people a study's documents belong to).
#[derive(Subcommand, Debug)]
pub enum CaseOp {
    New {
        name: String,
    },
    Rename {
        old: String,
        new: String,
    },
    /// Delete a case; its documents stay, in no case.
    Delete {
        name: String,
    },
    /// Set an attribute (none clears it): `case attribute "Bank A" sector public`.
    Attribute {
        case: String,
        key: String,
        value: String,
    },
}

/// Edits of documents.
#[derive(Subcommand, Debug)]
pub enum DocumentOp {
    Rename {
        old: String,
        new: String,
    },
    /// Put a document in a case (none: in no case).
    Case {
        document: String,
        case: String,
    },
    /// Set an attribute (none clears it): `document attribute "Interview A" date 2019-04-14`.
    Attribute {
        document: String,
        key: String,
        value: String,
    },
}

/// Edits of the cube framework's dimensions. Positions count from 1.
#[derive(Subcommand, Debug)]
pub enum DimensionOp {
    /// A new dimension: `dimension add "Role" --values "Manager,Front line"`.
    Add {
        label: String,
        /// Its values' names, separated by commas (at least one).
        #[arg(long, required = true)]
        values: String,
        /// The key facets and exports use (default: made from the name).
        #[arg(long)]
        key: Option<String>,
    },
    Rename {
        dimension: String,
        label: String,
    },
    Move {
        dimension: String,
        position: usize,
    },
    /// Remove a dimension with every facet value on it.
    Delete {
        dimension: String,
    },
}

/// Edits of one dimension's values. Positions count from 1.
#[derive(Subcommand, Debug)]
pub enum ValueOp {
    Add {
        dimension: String,
        label: String,
        #[arg(long)]
        key: Option<String>,
    },
    Rename {
        dimension: String,
        value: String,
        label: String,
    },
    Move {
        dimension: String,
        value: String,
        position: usize,
    },
    /// Remove a value with every facet and expected level on it.
    Delete {
        dimension: String,
        value: String,
    },
}

/// Edits of the relation kinds. Positions count from 1.
#[derive(Subcommand, Debug)]
pub enum KindOp {
    Add {
        name: String,
    },
    /// Rename a kind and every relation of that kind.
    Rename {
        old: String,
        new: String,
    },
    Move {
        name: String,
        position: usize,
    },
    /// Remove a kind no relation uses.
    Delete {
        name: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Code,
    Concept,
    Category,
}

impl From<LevelArg> for axial_core::edit::Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Code => Self::Code,
            LevelArg::Concept => Self::Concept,
            LevelArg::Category => Self::Category,
        }
    }
}

/// Builds the action for an edit from the project as it is.
fn edit_action(
    p: &axial_core::model::Project,
    ids: &mut axial_core::store::IdAllocator,
    verb: EditVerb,
) -> Result<(axial_core::model::Action, Option<axial_core::edit::Consequences>)> {
    use axial_core::edit;
    let action = match verb {
        EditVerb::NewConcept { name, category } => edit::new_concept(p, ids, &name, category.as_deref())?,
        EditVerb::NewCategory { name, class } => edit::new_category(ids, &name, class.as_deref())?,
        EditVerb::MoveCode { code, concept } => edit::move_code(p, &code, &concept)?,
        EditVerb::MoveConcept { concept, category } => edit::move_concept(p, &concept, &category)?,
        EditVerb::Place { category, class } => edit::place(p, &category, &class)?,
        EditVerb::Rename { level, old, new } => edit::rename(p, level.into(), &old, &new)?,
        EditVerb::Merge { level, names, into } => edit::merge(p, ids, level.into(), &names, &into)?,
        EditVerb::Delete { level, name } => {
            let (action, consequences) = edit::delete(p, level.into(), &name)?;
            return Ok((action, Some(consequences)));
        }
        EditVerb::Core { category } => edit::set_core(p, &category)?,
        EditVerb::Relate { from, to, kind } => edit::relate(p, ids, &from, &to, &kind)?,
        EditVerb::Facet { level, name, dimension, value } => edit::facet(p, level.into(), &name, &dimension, &value)?,
        EditVerb::Dimension(op) => vocabulary_action_dimension(p, op)?,
        EditVerb::Value(op) => match op {
            ValueOp::Add { dimension, label, key } => {
                edit::vocabulary::add_value(p, &dimension, &label, key.as_deref())?
            }
            ValueOp::Rename { dimension, value, label } => {
                edit::vocabulary::rename_value(p, &dimension, &value, &label)?
            }
            ValueOp::Move { dimension, value, position } => {
                edit::vocabulary::move_value(p, &dimension, &value, position)?
            }
            ValueOp::Delete { dimension, value } => edit::vocabulary::delete_value(p, &dimension, &value)?,
        },
        EditVerb::Case(op) => match op {
            CaseOp::New { name } => edit::records::new_case(ids, &name),
            CaseOp::Rename { old, new } => edit::records::rename_case(p, &old, &new)?,
            CaseOp::Delete { name } => edit::records::delete_case(p, &name)?,
            CaseOp::Attribute { case, key, value } => edit::records::case_attribute(p, &case, &key, &value)?,
        },
        EditVerb::Document(op) => match op {
            DocumentOp::Rename { old, new } => edit::records::rename_document(p, &old, &new)?,
            DocumentOp::Case { document, case } => edit::records::document_case(p, &document, &case)?,
            DocumentOp::Attribute { document, key, value } => {
                edit::records::document_attribute(p, &document, &key, &value)?
            }
        },
        EditVerb::Kind(op) => match op {
            KindOp::Add { name } => edit::vocabulary::add_kind(&name),
            KindOp::Rename { old, new } => edit::vocabulary::rename_kind(p, &old, &new)?,
            KindOp::Move { name, position } => edit::vocabulary::move_kind(p, &name, position)?,
            KindOp::Delete { name } => edit::vocabulary::delete_kind(p, &name)?,
        },
    };
    Ok((action, None))
}

/// What `axial report retrieval` reads: exactly one of --code, --concept, --category, --class.
fn retrieval_scope(
    p: &axial_core::model::Project,
    code: Option<String>,
    concept: Option<String>,
    category: Option<String>,
    class: Option<String>,
) -> Result<retrieval::Scope> {
    use axial_core::edit;
    Ok(match (code, concept, category, class) {
        (Some(name), ..) => retrieval::Scope::Code(edit::code_id(p, &name)?),
        (_, Some(name), ..) => retrieval::Scope::Concept(edit::concept_id(p, &name)?),
        (_, _, Some(name), _) => retrieval::Scope::Category(edit::category_id(p, &name)?),
        (_, _, _, Some(key)) => match edit::class(&key)? {
            Some(class) => retrieval::Scope::Class(class),
            None => bail!("name a paradigm class to retrieve, like --class strategies"),
        },
        _ => bail!("say whose passages to list: --code NAME, --concept NAME, --category NAME or --class KEY"),
    })
}

fn vocabulary_action_dimension(p: &axial_core::model::Project, op: DimensionOp) -> Result<axial_core::model::Action> {
    use axial_core::edit::vocabulary as v;
    Ok(match op {
        DimensionOp::Add { label, values, key } => {
            let values: Vec<String> = values.split(',').map(str::to_owned).collect();
            v::add_dimension(p, &label, key.as_deref(), &values)
        }
        DimensionOp::Rename { dimension, label } => v::rename_dimension(p, &dimension, &label)?,
        DimensionOp::Move { dimension, position } => v::move_dimension(p, &dimension, position)?,
        DimensionOp::Delete { dimension } => v::delete_dimension(p, &dimension)?,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The category model (axial.category-model/1).
    Json,
    /// The whole project, lossless (axial.project/1).
    ProjectJson,
    /// The paradigm model diagram (SVG).
    Svg,
    /// The paradigm model diagram as a picture (PNG, at twice the SVG's size).
    Png,
}

/// How a report is written (the command line's names for [`report::Format`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON for other programs.
    Json,
}

impl From<ReportFormat> for report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Table => report::Format::Table,
            ReportFormat::Csv => report::Format::Csv,
            ReportFormat::Json => report::Format::Json,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    Frequencies,
    Cube,
    Paradigm,
    /// Every passage of a code, concept, category or class (--code, --concept, --category, --class).
    Retrieval,
    /// Pairs that overlap or share a speaker turn (--level, --by).
    Cooccurrence,
    /// New codes, concepts and categories per interview, in interview order.
    Saturation,
    /// Every memo, newest first, with what it is on (--search to find some).
    Memos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Passage,
    Turn,
    Document,
}

impl From<UnitArg> for Unit {
    fn from(u: UnitArg) -> Self {
        match u {
            UnitArg::Passage => Unit::Passage,
            UnitArg::Turn => Unit::Turn,
            UnitArg::Document => Unit::Document,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NearArg {
    Overlap,
    Turn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CubeView {
    /// Counts by system x process and knowledge type, with totals.
    Table6,
    /// The three two-way tables with margins.
    Table7,
    /// The three-way cells binned Low / Med / Med-High / High.
    Table8,
    /// Observed levels beside the study's expected levels (Table 1), per pair.
    Expected,
}

/// Runs a subcommand, writing results to `out`.
pub fn run(command: Command, out: &mut dyn std::io::Write) -> Result<()> {
    match command {
        Command::New { project: path, name } => {
            if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                bail!("the project name is empty; give a name or leave out --name");
            }
            // The file appears only whole, its name set: never half made, even if killed.
            axial_core::store::Store::create_with(&path, |store| {
                if let Some(name) = name {
                    store.apply(&axial_core::model::Action::SetProjectName { name })?;
                }
                Ok::<(), axial_core::store::StoreError>(())
            })?;
            writeln!(out, "Created {}", path.display())?;
        }
        Command::Import { project: path, inputs, again, skip_existing } => {
            let mut store = project::open(&path, Access::Write)?;
            let json: Vec<&PathBuf> = inputs.iter().filter(|p| has_extension(p, "json")).collect();
            if !json.is_empty() {
                if inputs.len() > 1 {
                    bail!("import a project JSON on its own, not together with other files");
                }
                let imported = project::import_project_json(&mut store, json[0])?;
                let n = imported.documents;
                writeln!(out, "Imported the project {} ({n} documents) into {}", json[0].display(), path.display())?;
                for warning in &imported.warnings {
                    eprintln!("axial: warning: {warning}");
                }
                return Ok(());
            }
            // Every file is read before the project is touched (all or nothing).
            let sources = axial_core::io::import::read_all(&inputs)?;
            let titles: std::collections::HashSet<String> =
                store.load()?.documents().map(|d| d.title.clone()).collect();
            let (existing, sources): (Vec<_>, Vec<_>) = sources.into_iter().partition(|s| titles.contains(&s.title));
            let sources = match (existing.is_empty(), again, skip_existing) {
                (true, _, _) | (false, false, true) => sources,
                (false, true, _) => existing.into_iter().chain(sources).collect(),
                (false, false, false) => {
                    let names: Vec<String> = existing.iter().map(|s| format!("\u{201c}{}\u{201d}", s.title)).collect();
                    bail!(
                        "the project already has {} {}; import again as copies with --again, or leave them out with --skip-existing",
                        if names.len() == 1 { "a document titled" } else { "documents titled" },
                        names.join(", ")
                    );
                }
            };
            if sources.is_empty() {
                writeln!(out, "Nothing to import: every file is in {} already", path.display())?;
                return Ok(());
            }
            let (imported, _) = project::add_sources(&mut store, sources)?;
            for d in &imported {
                let speakers = if d.speakers.is_empty() {
                    "no speaker turns".to_owned()
                } else {
                    format!("speakers: {}", d.speakers.join(", "))
                };
                writeln!(out, "  {} ({}, {} characters, {speakers})", d.title, d.format, d.characters)?;
            }
            writeln!(out, "Imported {} document(s) into {}", imported.len(), path.display())?;
            // A warning is not a failure: the documents are in, the exit code stays 0.
            for warning in imported.iter().flat_map(|d| &d.warnings) {
                eprintln!("axial: warning: {warning}");
            }
        }
        Command::Info { project: path } => {
            let store = project::open(&path, Access::Read)?;
            write!(out, "{}", info(&store)?)?;
        }
        Command::Export { project: path, format, output, unit } => {
            check_export_target(&path, &output)?;
            let unit = Unit::from(unit);
            if unit != Unit::Passage && format != ExportFormat::Json {
                bail!("--unit applies to the category model (--format json) only");
            }
            let store = project::open(&path, Access::Read)?;
            let p = store.load()?;
            let bytes = match format {
                ExportFormat::Json if unit != Unit::Passage => {
                    let tallies = units::tallies(&p, unit, &mut TurnIndex::default());
                    let h = axial_core::analysis::hierarchy::Hierarchy::build(&p);
                    let model = axial_core::io::category_model::category_model_in(&p, &h, &tallies, unit);
                    (serde_json::to_string_pretty(&model)? + "\n").into_bytes()
                }
                _ => match format {
                    ExportFormat::Json => Export::CategoryModel,
                    ExportFormat::ProjectJson => Export::ProjectJson,
                    ExportFormat::Svg => Export::DiagramSvg,
                    ExportFormat::Png => Export::DiagramPng,
                }
                .render(&p)?,
            };
            if output.as_os_str() == "-" {
                out.write_all(&bytes)?;
            } else {
                write_atomically(&output, &bytes)?;
                writeln!(out, "Wrote {}", output.display())?;
            }
        }
        Command::Report {
            project: path,
            kind,
            format,
            view,
            bins,
            levels,
            rows,
            columns,
            unit,
            code,
            concept,
            category,
            class,
            level,
            by,
            search,
        } => {
            let format = report::Format::from(format);
            let store = project::open(&path, Access::Read)?;
            let p = store.load()?;
            let unit = Unit::from(unit);
            let mut turns = TurnIndex::default();
            let text = match kind {
                ReportKind::Frequencies => {
                    let tallies = units::tallies(&p, unit, &mut turns);
                    report::frequencies::render_in(&p, &tallies, unit, format)
                }
                ReportKind::Paradigm => report::paradigm::render(&p, format),
                ReportKind::Retrieval => {
                    let scope = retrieval_scope(&p, code, concept, category, class)?;
                    let passages = retrieval::details(&p, &retrieval::passages(&p, scope), &mut turns);
                    report::retrieval::render(&p, &scope.describe(&p), &passages, format)
                }
                ReportKind::Cooccurrence => {
                    let level = match level {
                        LevelArg::Code => cooccurrence::Level::Code,
                        LevelArg::Concept => cooccurrence::Level::Concept,
                        LevelArg::Category => cooccurrence::Level::Category,
                    };
                    let near = match by {
                        NearArg::Overlap => cooccurrence::Near::Overlap,
                        NearArg::Turn => cooccurrence::Near::Turn,
                    };
                    report::cooccurrence::render(&p, &cooccurrence::matrix(&p, level, near, &mut turns), format)
                }
                ReportKind::Saturation => report::saturation::render(&saturation::saturation(&p), format),
                ReportKind::Memos => {
                    report::memos::render(&p, &memos::find(&p, search.as_deref().unwrap_or_default()), format)
                }
                ReportKind::Cube => {
                    let c = cube_in(&p, unit, &mut turns);
                    let mut layout =
                        Layout::default_for(&c).context("the project's cube needs three dimensions for this report")?;
                    if let Some(rows) = rows {
                        let [outer, inner] = <[String; 2]>::try_from(rows)
                            .map_err(|_| anyhow::anyhow!("--rows takes two dimensions, like --rows crm,seci"))?;
                        layout.outer = outer;
                        layout.inner = inner;
                    }
                    if let Some(columns) = columns {
                        layout.columns = columns;
                    }
                    if layout.outer == layout.inner || layout.columns == layout.outer || layout.columns == layout.inner
                    {
                        bail!("the rows and the columns must be three different cube dimensions");
                    }
                    let result = match view {
                        CubeView::Table6 => report::cube::table6(&c, &layout, format),
                        CubeView::Table7 => report::cube::table7(&c, &layout, format),
                        CubeView::Table8 => {
                            Bins::parse(&bins).and_then(|b| report::cube::table8(&c, &layout, b, format))
                        }
                        CubeView::Expected => Levels::parse(&levels)
                            .and_then(|l| report::cube::expected(&c, &p.expectations(), l, format)),
                    };
                    result.map_err(anyhow::Error::msg)?
                }
            };
            out.write_all(text.as_bytes())?;
        }
        Command::Undo { project: path } => {
            let mut store = project::open(&path, Access::Write)?;
            let step = store.undo()?;
            writeln!(out, "Undid: {}", step.label)?;
        }
        Command::Redo { project: path } => {
            let mut store = project::open(&path, Access::Write)?;
            let step = store.redo()?;
            writeln!(out, "Redid: {}", step.label)?;
        }
        Command::Edit { project: path, verb } => {
            let mut store = project::open(&path, Access::Write)?;
            // Read and pick ids under the write lock: another writer cannot take them meanwhile.
            let ((label, consequences), _) = store.apply_built(|store| {
                let p = store.load()?;
                let mut ids = store.ids()?;
                let (action, consequences) = edit_action(&p, &mut ids, verb)?;
                let label = action.label();
                anyhow::Ok((action, (label, consequences)))
            })?;
            writeln!(out, "{label} (undo with: axial undo {})", path.display())?;
            if let Some(c) = consequences {
                writeln!(
                    out,
                    "Removed with it: {} coding(s), {} memo(s), {} relation(s); {} item(s) left ungrouped.",
                    c.codings, c.memos, c.relations, c.ungrouped
                )?;
            }
        }
        Command::Check { project: path } => {
            let store = project::open(&path, Access::Read)?;
            match store.check_integrity()? {
                None => writeln!(out, "The project file is sound: {}", path.display())?,
                Some(problem) => bail!(
                    "the project file is damaged ({problem}); export what you can and restore it from a backup: {}",
                    path.display()
                ),
            }
        }
        Command::Backup { project: path } | Command::Restore { project: path, .. }
            if project::is_sample_folder(&path) =>
        {
            bail!("a sample folder has no backups (it is never written); back up a .axial project file instead")
        }
        Command::Backup { project: path } => {
            // Opening checks it is a project this build can read before anything is copied.
            drop(project::open(&path, Access::Read)?);
            writeln!(out, "{}", axial_core::backups::make(&path)?.describe())?;
        }
        Command::Restore { project: path, backup: None } => {
            drop(project::open(&path, Access::Read)?);
            let all = axial_core::backups::list(&path);
            if all.is_empty() {
                writeln!(out, "No backups yet in {}", axial_core::backups::folder(&path).display())?;
            }
            for b in all {
                let kind = if b.before_restore { "  (saved before a restore)" } else { "" };
                writeln!(out, "{}{kind}\n  {}", b.made, b.path.display())?;
            }
        }
        Command::Restore { project: path, backup: Some(from) } => {
            let mut store = project::open(&path, Access::Write)?;
            let before = axial_core::backups::restore(&mut store, &from)?;
            writeln!(out, "Restored {} from {}", path.display(), from.display())?;
            writeln!(out, "The project as it was is kept in {}; restore it to undo this.", before.display())?;
        }
        Command::Synth { output, size, seed, documents, codes, codings } => {
            let mut spec = axial_core::synth::SynthSpec::named(&size)
                .with_context(|| format!("there is no size \u{201c}{size}\u{201d}; use tiny, thesis or large"))?;
            spec.seed = seed;
            spec.documents = documents.unwrap_or(spec.documents);
            spec.codes = codes.unwrap_or(spec.codes);
            spec.codings = codings.unwrap_or(spec.codings);
            let started = std::time::Instant::now();
            let s = axial_core::synth::generate(&output, &spec, |_, _| {})?;
            writeln!(
                out,
                "Wrote {} in {:.1} s: {} documents, {} words, {} codes, {} concepts, {} categories, {} codings, {} memos, {} cases",
                output.display(),
                started.elapsed().as_secs_f64(),
                s.documents,
                s.words,
                s.codes,
                s.concepts,
                s.categories,
                s.codings,
                s.memos,
                s.cases
            )?;
        }
        Command::History { project: path } => {
            let store = project::open(&path, Access::Read)?;
            for e in store.history()? {
                writeln!(
                    out,
                    "{:>4}  {}  {:<10}  {}{}",
                    e.seq,
                    e.at,
                    e.who,
                    e.label,
                    if e.undone { "  (undone)" } else { "" }
                )?;
            }
        }
    }
    Ok(())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Writes an export atomically (see [`axial_core::io::export::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    axial_core::io::export::write_atomically(path, bytes)
        .with_context(|| format!("cannot write the export; check the folder: {}", path.display()))
}

/// Refuses an export that would overwrite a project file (the one exported or any other) or
/// a folder.
fn check_export_target(project: &Path, output: &Path) -> Result<()> {
    if output.as_os_str() == "-" {
        return Ok(());
    }
    if output.is_dir() {
        bail!("the output is a folder; give a file name such as model.json: {}", output.display());
    }
    let same = match (std::fs::canonicalize(project), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let is_project = std::fs::read(output).is_ok_and(|b| b.starts_with(b"SQLite format 3\0"));
    if same || is_project {
        bail!(
            "the output would overwrite a project file; choose another name such as model.json: {}",
            output.display()
        );
    }
    Ok(())
}

/// The summary `axial info` prints.
pub fn info(store: &axial_core::store::Store) -> Result<String> {
    use std::fmt::Write;
    let p = store.load()?;
    let mut s = String::new();
    writeln!(s, "Project: {}", p.name())?;
    writeln!(
        s,
        "{} documents, {} cases, {} codes, {} concepts, {} categories, {} codings, {} memos, {} relations",
        p.documents().len(),
        p.cases().len(),
        p.codes().len(),
        p.concepts().len(),
        p.categories().len(),
        p.codings().len(),
        p.memos().len(),
        p.relations().len()
    )?;
    let placed = p.categories().filter(|c| c.class.is_some()).count();
    let core = p.core_category().and_then(|c| p.category(c)).map(|c| c.name.as_str()).unwrap_or("none yet");
    writeln!(s, "Paradigm model: {placed} of {} categories placed; core category: {core}", p.categories().len())?;
    let dims: Vec<String> =
        p.framework().dimensions.iter().map(|d| format!("{} ({})", d.key, d.values.len())).collect();
    writeln!(s, "Cube dimensions: {}", if dims.is_empty() { "none".into() } else { dims.join(" x ") })?;
    if p.documents().len() != 0 {
        writeln!(s, "\nDocuments")?;
        for d in p.documents() {
            let case = d.case.and_then(|c| p.case(c)).map(|c| format!("  [{}]", c.name)).unwrap_or_default();
            let codings = p.codings_in(d.id).len();
            let speakers = axial_core::io::speakers::speakers(&d.text).len();
            writeln!(s, "  {}{case}: {} characters, {speakers} speakers, {codings} codings", d.title, d.char_len())?;
        }
    }
    Ok(s)
}
