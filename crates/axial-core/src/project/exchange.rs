//! Importing other tools' files: a REFI-QDA project (`.qdpx`) or codebook (`.qdc`), each as
//! one undoable step, read whole before the project is touched.

use super::{ProjectError, Result};
use crate::io::qdpx::{self, QdpxError};
use crate::model::{Action, ChangeSet, Project};
use crate::store::Store;
use std::path::Path;

/// Largest `.qdpx` Axial reads: 2 GiB of archive (a project with its sources; pictures and
/// recordings in it are skipped, but their bytes are in the file).
pub const MAX_QDPX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Largest `.qdc` codebook: 64 MiB of XML (a codebook of 50,000 codes is a few MiB).
pub const MAX_QDC_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What importing another tool's file brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExchangeImport {
    pub documents: usize,
    pub codings: usize,
    pub memos: usize,
    /// The codes, concepts and categories that are new to the project ("code “Trust”").
    pub added: Vec<String>,
    /// How many codes, concepts and categories the project already had (matched by id or name).
    pub matched: usize,
    /// How positions were counted, as a sentence (None: no selections).
    pub positions: Option<String>,
    /// What was not carried over or was changed to fit, one sentence each.
    pub warnings: Vec<String>,
}

fn exchange_err(path: &Path) -> impl Fn(QdpxError) -> ProjectError + '_ {
    move |e| ProjectError::Exchange { path: path.to_owned(), reason: e.0 }
}

fn read(path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>> {
    crate::io::limits::read_capped(path, max, what).map_err(|e| exchange_err(path)(QdpxError(e.to_string())))
}

/// Imports a `.qdpx` project into `store` (a new project or one with work in it).
pub fn import_qdpx(store: &mut Store, path: &Path) -> Result<ExchangeImport> {
    let bytes = read(path, MAX_QDPX_FILE_BYTES, "one QDPX project")?;
    Ok(store.apply_built(|s| qdpx_action(s, &bytes, path, &s.load()?))?.0)
}

/// As [`import_qdpx`], for a store whose live model is at hand.
pub fn import_qdpx_into(store: &mut Store, path: &Path, existing: &Project) -> Result<(ExchangeImport, ChangeSet)> {
    let bytes = read(path, MAX_QDPX_FILE_BYTES, "one QDPX project")?;
    store.apply_built(|s| qdpx_action(s, &bytes, path, existing))
}

fn qdpx_action(store: &Store, bytes: &[u8], path: &Path, existing: &Project) -> Result<(Action, ExchangeImport)> {
    let uids = store.uids()?;
    let read = qdpx::read_qdpx(bytes, existing, &uids).map_err(exchange_err(path))?;
    let mut ids = store.ids()?;
    let (actions, mut warnings) =
        crate::io::project_json::to_actions(&read.file, None, existing, &mut ids, store.user(), &uids)
            .map_err(|reason| ProjectError::Json { path: path.to_owned(), reason })?;
    warnings.extend(read.warnings);
    let imported = ExchangeImport {
        documents: read.file.documents.len(),
        codings: read.file.codings.len(),
        memos: read.file.memos.len(),
        added: read.added,
        matched: 0,
        positions: read.positions.map(|p| p.sentence()),
        warnings,
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((Action::Batch { label: format!("Import {name}"), actions }, imported))
}

/// Imports a `.qdc` codebook into `store`: codes, concepts and categories the project has
/// (by id, then by name) are kept as they are; the others are added.
pub fn import_qdc(store: &mut Store, path: &Path) -> Result<ExchangeImport> {
    let bytes = read(path, MAX_QDC_FILE_BYTES, "one codebook")?;
    Ok(store.apply_built(|s| qdc_action(s, &bytes, path, &s.load()?))?.0)
}

/// As [`import_qdc`], for a store whose live model is at hand.
pub fn import_qdc_into(store: &mut Store, path: &Path, existing: &Project) -> Result<(ExchangeImport, ChangeSet)> {
    let bytes = read(path, MAX_QDC_FILE_BYTES, "one codebook")?;
    store.apply_built(|s| qdc_action(s, &bytes, path, existing))
}

fn qdc_action(store: &Store, bytes: &[u8], path: &Path, existing: &Project) -> Result<(Action, ExchangeImport)> {
    let uids = store.uids()?;
    let read = qdpx::read_qdc(bytes, existing, &uids).map_err(exchange_err(path))?;
    let mut ids = store.ids()?;
    let (actions, _) = crate::io::project_json::to_actions(&read.file, None, existing, &mut ids, store.user(), &uids)
        .map_err(|reason| ProjectError::Json { path: path.to_owned(), reason })?;
    let imported = ExchangeImport {
        added: read.added,
        matched: read.matched,
        warnings: read.warnings,
        ..ExchangeImport::default()
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((Action::Batch { label: format!("Import codebook {name}"), actions }, imported))
}
