//! `axial edit`: the edits it makes, and building each one's action from the project as it is.

use super::values::LevelArg;
use anyhow::Result;
use axial_core::project::{self, Access};
use clap::Subcommand;
use std::path::PathBuf;

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
    /// Give a category a property with its dimension, edit it or delete it.
    #[command(subcommand)]
    Property(PropertyOp),
    /// Place a coded passage (by id, as `report retrieval --format json` gives it) on a point
    /// of a property of a category (POINT none: take it off).
    PlacePassage { coding: i64, category: String, property: String, point: String },
    /// Add or remove a passage as evidence for a relation.
    #[command(subcommand)]
    Evidence(EvidenceOp),
    /// Write the memo on a relation ("FROM -> TO"): why the two categories are linked.
    RelationMemo {
        relation: String,
        text: String,
        /// When the two categories are related more than once.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Set a category's level of the conditional/consequential matrix: individual, group,
    /// organisation, industry, society (none: clear it).
    Level { category: String, level: String },
    /// Mark a coded passage (by id) as prompted by the interviewer (yes) or not (no).
    Prompted {
        coding: i64,
        #[arg(action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
        prompted: bool,
    },
}

/// Edits of a category's properties. POINTS: names separated by commas, from one end of the
/// range to the other ("rarely,monthly,weekly"), or the values of a set with --set.
#[derive(Subcommand, Debug)]
pub enum PropertyOp {
    Add {
        category: String,
        name: String,
        #[arg(long, required = true)]
        points: String,
        /// The points are a set of values with no order, not a range.
        #[arg(long)]
        set: bool,
    },
    /// Rename a property (--name-to) or give it other points (--points, with --set for a set).
    Edit {
        category: String,
        name: String,
        #[arg(long)]
        name_to: Option<String>,
        #[arg(long)]
        points: Option<String>,
        #[arg(long)]
        set: bool,
    },
    /// Rename a point, and every passage placed on it.
    RenamePoint { category: String, name: String, point: String, new: String },
    /// Delete a property, with the passages' places on it (`axial undo` brings them back).
    Delete { category: String, name: String },
}

/// Edits of a relation's evidence.
#[derive(Subcommand, Debug)]
pub enum EvidenceOp {
    /// Add evidence to the relation "FROM -> TO": a coded passage (--coding ID) or a stretch of
    /// a document (--document TITLE --start N --end N, in characters).
    Add {
        relation: String,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, conflicts_with = "document")]
        coding: Option<i64>,
        #[arg(long, requires_all = ["start", "end"])]
        document: Option<String>,
        #[arg(long)]
        start: Option<usize>,
        #[arg(long)]
        end: Option<usize>,
    },
    /// Remove an evidence passage by id (`axial report PROJECT relations` lists them).
    Remove { id: i64 },
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
    /// Delete a document with its codings and memos (one step; `axial undo` brings it back).
    Delete {
        document: String,
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

/// Makes one edit, as one undoable step, and says what it did.
pub(super) fn edit(path: PathBuf, verb: EditVerb, out: &mut dyn std::io::Write) -> Result<()> {
    let mut store = project::open(&path, Access::Write)?;
    // Read and pick ids under the write lock: another writer cannot take them meanwhile.
    let ((label, consequences), _) = store.apply_built(|store| {
        let p = read_for(store, &verb)?;
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
    Ok(())
}

/// What an edit reads: the parts of the project its names live in ([`reads`]), and only the
/// codings the edit acts on or counts. An edit never reads the transcripts or every coding,
/// so it costs about the same on a 200,000-coding project as on an empty one.
fn read_for(store: &axial_core::store::Store, verb: &EditVerb) -> Result<axial_core::model::Project> {
    let mut p = store.load_only(reads(verb))?;
    let wanted = codings_wanted(&p, verb);
    if wanted != axial_core::store::CodingsWanted::default() {
        store.add_codings_to(&mut p, &wanted)?;
    }
    Ok(p)
}

/// The parts of the project an edit resolves its names in or counts. The name, core category,
/// cube framework and relation kinds are always read; the cases and documents (2,400 rows on
/// the large benchmark project) only by an edit that names one; the categories, their
/// relations and the depth of the model by one that names a category, relation, property or
/// passage; the concepts and codes (2,400 rows) only by one that names or counts them; the
/// memos, facets and expected levels only by an edit that counts or moves memos (a delete says
/// how many go with the item, a merge of codes copies theirs, a relation's memo is found to be
/// updated). An edit that asks for a part it did not read is a bug the debug build asserts
/// (`tests/cli_edit.rs` runs every verb).
fn reads(verb: &EditVerb) -> axial_core::model::Parts {
    use axial_core::model::Parts;
    let records = matches!(
        verb,
        EditVerb::Case(CaseOp::Rename { .. } | CaseOp::Delete { .. } | CaseOp::Attribute { .. })
            | EditVerb::Document(_)
            | EditVerb::Evidence(EvidenceOp::Add { document: Some(_), .. })
    );
    let codes = matches!(
        verb,
        EditVerb::MoveCode { .. }
            | EditVerb::MoveConcept { .. }
            | EditVerb::Rename { level: LevelArg::Code | LevelArg::Concept, .. }
            | EditVerb::Merge { .. }
            | EditVerb::Delete { .. }
            | EditVerb::Facet { level: LevelArg::Code | LevelArg::Concept, .. }
            | EditVerb::Document(DocumentOp::Delete { .. })
            | EditVerb::PlacePassage { .. }
            | EditVerb::Evidence(EvidenceOp::Add { coding: Some(_), .. })
            | EditVerb::Prompted { .. }
    );
    let categories = codes
        || matches!(
            verb,
            EditVerb::NewConcept { category: Some(_), .. }
                | EditVerb::Place { .. }
                | EditVerb::Core { .. }
                | EditVerb::Relate { .. }
                | EditVerb::Rename { .. }
                | EditVerb::Facet { .. }
                | EditVerb::Property(_)
                | EditVerb::Evidence(_)
                | EditVerb::RelationMemo { .. }
                | EditVerb::Level { .. }
        );
    let notes = matches!(
        verb,
        EditVerb::Delete { .. }
            | EditVerb::Merge { level: LevelArg::Code, .. }
            | EditVerb::Document(DocumentOp::Delete { .. })
            | EditVerb::RelationMemo { .. }
    );
    Parts { records, categories, codes, notes, ..Parts::VOCABULARY }
}

/// The codings an edit acts on or counts: a deleted or merged code's, a deleted document's,
/// a passage named by id. A name that is not found wants nothing: the edit itself then says
/// it is not there.
fn codings_wanted(p: &axial_core::model::Project, verb: &EditVerb) -> axial_core::store::CodingsWanted {
    use axial_core::edit;
    use axial_core::model::CodingId;
    let mut wanted = axial_core::store::CodingsWanted::default();
    match verb {
        EditVerb::Delete { level: LevelArg::Code, name } => wanted.codes.extend(edit::code_id(p, name).ok()),
        EditVerb::Merge { level: LevelArg::Code, names, .. } => {
            wanted.codes.extend(names.iter().filter_map(|n| edit::code_id(p, n).ok()))
        }
        EditVerb::Document(DocumentOp::Delete { document }) => {
            wanted.documents.extend(edit::records::document_id(p, document).ok())
        }
        EditVerb::PlacePassage { coding, .. }
        | EditVerb::Prompted { coding, .. }
        | EditVerb::Evidence(EvidenceOp::Add { coding: Some(coding), .. }) => wanted.ids.push(CodingId(*coding)),
        _ => {}
    }
    wanted
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
            DocumentOp::Delete { document } => {
                let (action, consequences) = edit::records::delete_document(p, &document)?;
                return Ok((action, Some(consequences)));
            }
        },
        EditVerb::Property(op) => property_action(p, ids, op)?,
        EditVerb::PlacePassage { coding, category, property, point } => {
            edit::depth::place_passage(p, coding, &category, &property, &point)?
        }
        EditVerb::Evidence(EvidenceOp::Add { relation, kind, coding, document, start, end }) => {
            let relation = edit::depth::relation(p, &relation, kind.as_deref())?;
            let passage = match (coding, document.as_deref(), start, end) {
                (Some(id), _, _, _) => edit::depth::Passage::Coding(id),
                (None, Some(document), Some(start), Some(end)) => edit::depth::Passage::Range { document, start, end },
                _ => anyhow::bail!("name the passage: --coding ID, or --document TITLE --start N --end N"),
            };
            edit::depth::add_evidence(p, ids, relation, passage)?
        }
        EditVerb::Evidence(EvidenceOp::Remove { id }) => edit::depth::remove_evidence(p, id)?,
        EditVerb::RelationMemo { relation, text, kind } => {
            let relation = edit::depth::relation(p, &relation, kind.as_deref())?;
            edit::depth::relation_memo(p, ids, relation, &text, &axial_core::model::current_user())
        }
        EditVerb::Level { category, level } => edit::depth::level(p, &category, &level)?,
        EditVerb::Prompted { coding, prompted } => edit::depth::prompted(p, coding, prompted)?,
        EditVerb::Kind(op) => match op {
            KindOp::Add { name } => edit::vocabulary::add_kind(&name),
            KindOp::Rename { old, new } => edit::vocabulary::rename_kind(p, &old, &new)?,
            KindOp::Move { name, position } => edit::vocabulary::move_kind(p, &name, position)?,
            KindOp::Delete { name } => edit::vocabulary::delete_kind(p, &name)?,
        },
    };
    Ok((action, None))
}

fn property_action(
    p: &axial_core::model::Project,
    ids: &mut axial_core::store::IdAllocator,
    op: PropertyOp,
) -> Result<axial_core::model::Action> {
    use axial_core::edit::depth as d;
    use axial_core::model::PropertyDimension;
    let dimension = |points: &str, set: bool| PropertyDimension { ordered: !set, points: d::points(points) };
    Ok(match op {
        PropertyOp::Add { category, name, points, set } => {
            d::add_property(p, ids, &category, &name, dimension(&points, set))?
        }
        PropertyOp::Edit { category, name, name_to, points, set } => {
            let current = d::property(p, &category, &name)?;
            let dimension = match points {
                Some(points) => Some(dimension(&points, set)),
                // --set alone turns a range into a set of the same values.
                None if set => Some(PropertyDimension { ordered: false, ..current.dimension.clone() }),
                None => None,
            };
            d::edit_property(p, &category, &name, name_to.as_deref(), dimension)?
        }
        PropertyOp::RenamePoint { category, name, point, new } => d::rename_point(p, &category, &name, &point, &new)?,
        PropertyOp::Delete { category, name } => d::delete_property(p, &category, &name)?,
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
