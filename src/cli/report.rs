//! `axial report`: frequencies, the knowledge cube, the paradigm model, retrieval,
//! co-occurrence, saturation and memos, as a table, CSV or JSON.

use super::values::{CubeView, LevelArg, NearArg, ReportFormat, ReportKind, UnitArg};
use anyhow::{Context, Result, bail};
use axial_core::analysis::cube::{Cube, cube_from};
use axial_core::analysis::units::{self, TurnIndex, Unit};
use axial_core::analysis::{agreement, cooccurrence, memos, retrieval, saturation};
use axial_core::project::{self, Access};
use axial_core::report::{
    self,
    cube::{Bins, Layout, Levels},
};
use clap::Args;
use std::path::PathBuf;

/// What `axial report` takes.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A .axial file or a sample folder.
    pub(super) project: PathBuf,
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
    /// For frequencies and the cube: count every reference, or only those the interviewer did
    /// not prompt (the report says which).
    #[arg(long, value_enum, default_value = "all")]
    rule: super::values::RuleArg,
    #[command(flatten)]
    passages: PassageArgs,
    /// For co-occurrence: pair codes, concepts or categories.
    #[arg(long, value_enum, default_value = "code")]
    level: LevelArg,
    /// For co-occurrence: overlapping passages, or coded in the same speaker turn.
    #[arg(long, value_enum, default_value = "overlap")]
    by: NearArg,
    /// For memos: only those whose title, text or target holds every word of this.
    #[arg(long)]
    search: Option<String>,
    /// For agreement: the coders to compare (two or more), as their codings name them.
    #[arg(long, num_args = 2..)]
    coders: Vec<String>,
}

/// Prints a report.
pub(super) fn report(args: ReportArgs, out: &mut dyn std::io::Write) -> Result<()> {
    let ReportArgs {
        project: path,
        kind,
        format,
        view,
        bins,
        levels,
        rows,
        columns,
        unit,
        rule,
        passages,
        level,
        by,
        search,
        coders,
    } = args;
    let format = report::Format::from(format);
    let store = project::open(&path, Access::Read)?;
    let unit = Unit::from(unit);
    let rule = axial_core::analysis::units::Rule::from(rule);
    // Counts read only what they count; every other report reads the whole project.
    let text = match kind {
        ReportKind::Frequencies => {
            let (p, tallies) = counts(&store, unit, rule)?;
            report::frequencies::render_in(&p, &tallies, units::Counting { unit, rule }, format)
        }
        ReportKind::Cube => {
            let (p, tallies) = counts(&store, unit, rule)?;
            let c = Cube { unit, rule, ..cube_from(&p, &tallies) };
            cube_report(&c, &p, CubeArgs { view, bins, levels, rows, columns }, format)?
        }
        _ => {
            let options = ReportOptions { passages, level, by, search, coders };
            whole_project_report(&store.load()?, kind, format, options)?
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The frequencies in `unit` under `rule`, and the project they are of. The passage and
/// document units are counted from the project's outline and one pass over the codings'
/// codes and documents (`Store::coding_refs`); no transcript and no coding's range or coder is
/// read. The turn unit needs the texts, so it reads the whole project.
pub(super) fn counts(
    store: &axial_core::store::Store,
    unit: Unit,
    rule: units::Rule,
) -> Result<(axial_core::model::Project, axial_core::model::Tallies)> {
    let outline = store.load_outline()?;
    let refs = store.coding_refs()?;
    if let Some(tallies) = units::tallies_of(&outline, &refs, unit, rule) {
        return Ok((outline, tallies));
    }
    drop((outline, refs));
    let p = store.load()?;
    let tallies = units::tallies(&p, unit, rule, &mut TurnIndex::default());
    Ok((p, tallies))
}

/// The cube report's own options.
struct CubeArgs {
    view: CubeView,
    bins: String,
    levels: String,
    rows: Option<Vec<String>>,
    columns: Option<String>,
}

/// One of the cube's tables.
fn cube_report(c: &Cube, p: &axial_core::model::Project, args: CubeArgs, format: report::Format) -> Result<String> {
    let CubeArgs { view, bins, levels, rows, columns } = args;
    let layout = cube_layout(c, rows, columns)?;
    let result = match view {
        CubeView::Table6 => report::cube::table6(c, &layout, format),
        CubeView::Table7 => report::cube::table7(c, &layout, format),
        CubeView::Table8 => Bins::parse(&bins).and_then(|b| report::cube::table8(c, &layout, b, format)),
        CubeView::Expected => {
            Levels::parse(&levels).and_then(|l| report::cube::expected(c, &p.expectations(), l, format))
        }
    };
    result.map_err(anyhow::Error::msg)
}

/// The options of the reports that read the whole project.
struct ReportOptions {
    passages: PassageArgs,
    level: LevelArg,
    by: NearArg,
    search: Option<String>,
    coders: Vec<String>,
}

/// A report that reads the whole project (passages, quotes, turns, memos).
fn whole_project_report(
    p: &axial_core::model::Project,
    kind: ReportKind,
    format: report::Format,
    options: ReportOptions,
) -> Result<String> {
    let ReportOptions { passages, level, by, search, coders } = options;
    let mut turns = TurnIndex::default();
    Ok(match kind {
        ReportKind::Frequencies | ReportKind::Cube => bail!("the {kind:?} report is counted from the outline"),
        ReportKind::Paradigm => report::paradigm::render(p, format),
        ReportKind::Retrieval => {
            let (scope, filter) = (passages.scope(p)?, passages.filter(p)?);
            let found = retrieval::filtered(p, scope, &filter, &mut turns);
            report::retrieval::render(p, &passages.title(p, scope, &filter), &found, format)
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
            report::cooccurrence::render(p, &cooccurrence::matrix(p, level, near, &mut turns), format)
        }
        ReportKind::Saturation => report::saturation::render(&saturation::saturation(p), format),
        ReportKind::Relations => report::depth::relations(p, format),
        ReportKind::Properties => report::depth::properties(p, format),
        ReportKind::Memos => report::memos::render(p, &memos::find(p, search.as_deref().unwrap_or_default()), format),
        ReportKind::Agreement => {
            if coders.is_empty() {
                let known = agreement::coders(p);
                bail!(
                    "say which coders to compare with --coders, such as --coders {} (this project's coders: {})",
                    known.iter().take(2).cloned().collect::<Vec<_>>().join(" "),
                    if known.is_empty() { "none yet".to_owned() } else { known.join(", ") }
                );
            }
            report::agreement::render(p, &agreement::agreement(p, &coders)?, format)
        }
    })
}

/// The cube's rows and columns: the default layout, with --rows and --columns applied.
fn cube_layout(c: &Cube, rows: Option<Vec<String>>, columns: Option<String>) -> Result<Layout> {
    let mut layout = Layout::default_for(c).context("the project's cube needs three dimensions for this report")?;
    if let Some(rows) = rows {
        let [outer, inner] = <[String; 2]>::try_from(rows)
            .map_err(|_| anyhow::anyhow!("--rows takes two dimensions, like --rows crm,seci"))?;
        layout.outer = outer;
        layout.inner = inner;
    }
    if let Some(columns) = columns {
        layout.columns = columns;
    }
    if layout.outer == layout.inner || layout.columns == layout.outer || layout.columns == layout.inner {
        bail!("the rows and the columns must be three different cube dimensions");
    }
    Ok(layout)
}

/// Whose passages `axial report retrieval` and the quotes exports read (exactly one of
/// --code, --concept, --category, --class), and the retrieval view's filters.
#[derive(Args, Debug, Default)]
pub struct PassageArgs {
    /// For retrieval and quotes: the passages of this code.
    #[arg(long, group = "retrieve")]
    code: Option<String>,
    /// For retrieval and quotes: the passages of every code under this concept.
    #[arg(long, group = "retrieve")]
    concept: Option<String>,
    /// For retrieval and quotes: the passages of every code under this category.
    #[arg(long, group = "retrieve")]
    category: Option<String>,
    /// For retrieval and quotes: the passages of a paradigm class (e.g. strategies).
    #[arg(long, group = "retrieve")]
    class: Option<String>,
    /// For retrieval and quotes: only passages in documents of this case.
    #[arg(long)]
    case: Option<String>,
    /// For retrieval and quotes: only passages in documents with this attribute value (KEY=VALUE).
    #[arg(long, value_name = "KEY=VALUE")]
    attribute: Option<String>,
    /// For retrieval and quotes: only passages coded by this coder.
    #[arg(long)]
    coder: Option<String>,
}

impl PassageArgs {
    /// Whether any option was given.
    pub fn given(&self) -> bool {
        [&self.code, &self.concept, &self.category, &self.class, &self.case, &self.attribute, &self.coder]
            .iter()
            .any(|o| o.is_some())
    }

    pub fn scope(&self, p: &axial_core::model::Project) -> Result<retrieval::Scope> {
        use axial_core::edit;
        Ok(match (&self.code, &self.concept, &self.category, &self.class) {
            (Some(name), ..) => retrieval::Scope::Code(edit::code_id(p, name)?),
            (_, Some(name), ..) => retrieval::Scope::Concept(edit::concept_id(p, name)?),
            (_, _, Some(name), _) => retrieval::Scope::Category(edit::category_id(p, name)?),
            (_, _, _, Some(key)) => match edit::class(key)? {
                Some(class) => retrieval::Scope::Class(class),
                None => bail!("name a paradigm class to retrieve, like --class strategies"),
            },
            _ => bail!("say whose passages to list: --code NAME, --concept NAME, --category NAME or --class KEY"),
        })
    }

    pub fn filter(&self, p: &axial_core::model::Project) -> Result<retrieval::Filter> {
        let case = self.case.as_deref().map(|name| axial_core::edit::records::case_id(p, name)).transpose()?;
        let attribute = match self.attribute.as_deref() {
            Some(pair) => match pair.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => Some((k.trim().to_owned(), v.trim().to_owned())),
                _ => bail!("give the attribute as KEY=VALUE, like --attribute \"sector=retail\": {pair}"),
            },
            None => None,
        };
        Ok(retrieval::Filter { case, attribute, coder: self.coder.clone() })
    }

    /// "category “Trust” (case “Anna”)": what the passages are, for a report's title.
    pub fn title(&self, p: &axial_core::model::Project, scope: retrieval::Scope, filter: &retrieval::Filter) -> String {
        axial_core::export::quotes_title(p, &[scope], filter)
    }
}
