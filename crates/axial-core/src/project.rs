//! Opening projects and importing into them: the operations the command line and the app
//! share. A `PROJECT` argument is a `.axial` file or a sample folder (a folder with a
//! `project.json`), which opens as a fresh in-memory project and is never written.

use crate::io::import::{self, ImportError, SourceText};
use crate::io::project_json::{self, ProjectJsonError};
use crate::model::{Action, ChangeSet, Project, now_rfc3339};
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

mod exchange;
pub use exchange::{
    ExchangeImport, MAX_QDC_FILE_BYTES, MAX_QDPX_FILE_BYTES, import_qdc, import_qdc_into, import_qdpx, import_qdpx_into,
};

/// The file a sample folder keeps its project in.
pub const SAMPLE_PROJECT_FILE: &str = "project.json";

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("the file {reason}: {}", path.display())]
    Json { path: PathBuf, reason: ProjectJsonError },
    #[error("a sample folder is never written; make your own copy with `axial new copy.axial` then `axial import copy.axial {}`", path.join(SAMPLE_PROJECT_FILE).display())]
    SampleIsReadOnly { path: PathBuf },
    #[error("this folder has no {SAMPLE_PROJECT_FILE}, so it is not an Axial project; give a .axial file or a sample folder: {}", path.display())]
    NotASample { path: PathBuf },
    /// Another window has the project open for editing (see [`crate::edit_lock`]).
    #[error("this project is open for editing by {}; open it for review, or open a copy: {}", holder.describe(), path.display())]
    InUse { path: PathBuf, holder: Box<crate::edit_lock::Holder> },
    /// Another tool's file (QDPX, QDC) that cannot be read whole.
    #[error("the file {reason}: {}", path.display())]
    Exchange { path: PathBuf, reason: String },
}

pub type Result<T, E = ProjectError> = std::result::Result<T, E>;

/// How a project is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    /// For review: comments only (see [`crate::store::Mode::Review`]).
    Review,
}

/// Whether `path` is a sample folder.
pub fn is_sample_folder(path: &Path) -> bool {
    path.is_dir() && path.join(SAMPLE_PROJECT_FILE).is_file()
}

/// Opens a `.axial` file, or builds a fresh in-memory project from a sample folder.
pub fn open(path: &Path, access: Access) -> Result<Store> {
    if path.is_dir() {
        if !is_sample_folder(path) {
            return Err(ProjectError::NotASample { path: path.to_owned() });
        }
        if access == Access::Write {
            return Err(ProjectError::SampleIsReadOnly { path: path.to_owned() });
        }
        let store = open_sample(path)?;
        return Ok(if access == Access::Review { store.into_review() } else { store });
    }
    Ok(match access {
        Access::Read => Store::open_read_only(path)?,
        Access::Write => Store::open(path)?,
        Access::Review => Store::open_for_review(path)?,
    })
}

/// Makes a copy of the project at `path` beside it, "NAME (copy).axial" (or "(copy 2)"...),
/// through SQLite's online backup (consistent while another window writes it), and returns
/// where. Its edits stay in the copy; its comments can be brought back.
pub fn make_copy(path: &Path) -> Result<PathBuf> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "project".into());
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut n = 1;
    let target = loop {
        let name = if n == 1 { format!("{stem} (copy).axial") } else { format!("{stem} (copy {n}).axial") };
        let candidate = folder.join(name);
        if candidate.symlink_metadata().is_err() {
            break candidate;
        }
        n += 1;
    };
    crate::store::backup::copy_project(path, &target)?;
    Ok(target)
}

/// A sample folder as a fresh in-memory project (editable, never saved back to the folder).
pub fn open_sample(folder: &Path) -> Result<Store> {
    let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut store = Store::in_memory(&name)?;
    import_project_json(&mut store, &folder.join(SAMPLE_PROJECT_FILE))?;
    Ok(store)
}

/// Copies a sample folder into a new project file, so its edits persist. The file appears only
/// whole: a failure (or a kill) on the way leaves no file at `target`.
pub fn create_from_sample(folder: &Path, target: &Path) -> Result<Store> {
    Store::create_with(target, |store| {
        import_project_json(store, &folder.join(SAMPLE_PROJECT_FILE))?;
        Ok::<(), ProjectError>(store.forget_history()?)
    })
}

/// What importing a project JSON brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectImport {
    pub documents: usize,
    /// The warnings of transcripts the JSON names by `path`, one sentence each naming the file
    /// (see [`SourceText::warnings`]).
    pub warnings: Vec<String>,
}

/// Imports an `axial.project/1` file into `store` as one undoable action. The project is read
/// (for names already taken) under the write lock.
pub fn import_project_json(store: &mut Store, path: &Path) -> Result<ProjectImport> {
    let file = read_project_json(path)?;
    // No live model follows this store: the rows written are not kept a second time.
    let imported = store.apply_built_unobserved(move |s| {
        let existing = s.load()?;
        let built = project_json_action(s, &file, path, &existing);
        // The parsed file and the project as it was go before the batch is applied: a large
        // project's file is as big again as its actions.
        drop((file, existing));
        built
    })?;
    Ok(imported)
}

/// As [`import_project_json`], for a store whose live model is at hand (no reload): returns
/// what it brought in and what changed.
pub fn import_project_json_into(
    store: &mut Store,
    path: &Path,
    existing: &Project,
) -> Result<(ProjectImport, ChangeSet)> {
    let file = read_project_json(path)?;
    store.apply_built(move |s| {
        let built = project_json_action(s, &file, path, existing);
        drop(file);
        built
    })
}

fn read_project_json(path: &Path) -> Result<project_json::ProjectFile> {
    let json_err = |reason| ProjectError::Json { path: path.to_owned(), reason };
    let text = crate::io::limits::read_capped(path, crate::io::limits::MAX_PROJECT_JSON_BYTES, "one project file")
        .map_err(|e| json_err(ProjectJsonError::Invalid(e.to_string())))?;
    let text =
        crate::io::text::decode_owned(text).map_err(|e| json_err(ProjectJsonError::Invalid(e.to_string())))?.text;
    project_json::parse(&text).map_err(json_err)
}

/// The one batch that imports `file`, with ids picked under the write lock.
fn project_json_action(
    store: &Store,
    file: &project_json::ProjectFile,
    path: &Path,
    existing: &Project,
) -> Result<(Action, ProjectImport)> {
    let mut ids = store.ids()?;
    let uids = store.uids()?;
    let (actions, warnings) = project_json::to_actions(file, path.parent(), existing, &mut ids, store.user(), &uids)
        .map_err(|reason| ProjectError::Json { path: path.to_owned(), reason })?;
    let imported = ProjectImport { documents: file.documents.len(), warnings };
    Ok((Action::Batch { label: format!("Import project {}", file.name), actions }, imported))
}

/// What an import brought in, per document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub title: String,
    pub format: String,
    pub characters: usize,
    pub speakers: Vec<String>,
    /// What was read but not exactly, one sentence each naming the file (see
    /// [`SourceText::warnings`]).
    pub warnings: Vec<String>,
}

/// Gives each source a title not used in the project or earlier in the batch ("x (2)").
fn unique_titles(store: &Store, sources: &mut [SourceText]) -> Result<()> {
    let mut taken = store.document_titles()?;
    for s in sources.iter_mut() {
        let base = s.title.clone();
        let mut n = 2;
        while taken.contains(&s.title) {
            s.title = format!("{base} ({n})");
            n += 1;
        }
        taken.insert(s.title.clone());
    }
    Ok(())
}

/// Adds already-read sources to the project as one undoable action; returns what was
/// imported and what changed. Titles and ids are picked under the write lock, so imports
/// running at the same time into one project each get their own.
pub fn add_sources(store: &mut Store, sources: Vec<SourceText>) -> Result<(Vec<Imported>, ChangeSet)> {
    add_sources_with(store, sources, &[])
}

/// As [`add_sources`], every document also given the attributes `attributes` (key, value), in
/// the same step: the theoretical sampling log written when importing, say.
pub fn add_sources_with(
    store: &mut Store,
    sources: Vec<SourceText>,
    attributes: &[(String, String)],
) -> Result<(Vec<Imported>, ChangeSet)> {
    store.apply_built(|store| {
        let mut sources = sources;
        unique_titles(store, &mut sources)?;
        let mut ids = store.ids()?;
        let now = now_rfc3339();
        let mut actions = Vec::new();
        let mut out = Vec::new();
        for s in &sources {
            let id = ids.document();
            actions.push(Action::AddDocument {
                id,
                title: s.title.clone(),
                text: s.text.clone(),
                case: None,
                imported: now.clone(),
            });
            if let Some(name) = s.path.file_name() {
                actions.push(Action::SetDocumentAttribute {
                    id,
                    key: "source".into(),
                    value: Some(name.to_string_lossy().into_owned()),
                });
            }
            for (key, value) in attributes {
                actions.push(Action::SetDocumentAttribute { id, key: key.clone(), value: Some(value.clone()) });
            }
            out.push(Imported {
                title: s.title.clone(),
                format: s.format.clone(),
                characters: s.text.chars().count(),
                speakers: crate::io::speakers::speakers(&s.text),
                warnings: s.warnings.clone(),
            });
        }
        let label = match sources.as_slice() {
            [one] => format!("Import \u{201c}{}\u{201d}", one.title),
            many => format!("Import {} documents", many.len()),
        };
        Ok((Action::Batch { label, actions }, out))
    })
}

/// Imports transcripts (files and folders): every file is read before the project is touched;
/// if any is bad, nothing is imported and every bad file is named.
pub fn import_paths(store: &mut Store, inputs: &[PathBuf]) -> Result<Vec<Imported>> {
    let sources = import::read_all(inputs)?;
    Ok(add_sources(store, sources)?.0)
}
