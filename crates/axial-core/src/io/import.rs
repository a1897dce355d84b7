//! Reads transcripts from files and folders into memory, all before the project is touched.
//!
//! Policy for bad input: **all or nothing**. If any file of an import is bad, the import names
//! every bad file and imports none of them, so a user fixes the folder and runs it again rather
//! than hunting for which nine of ten landed.

use super::limits::{MAX_DOCX_FILE_BYTES, MAX_TEXT_FILE_BYTES, ReadError, read_capped};
use super::{docx, text};
use std::path::{Path, PathBuf};

/// A transcript read from disk, not yet in any project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub path: PathBuf,
    /// Title the document gets: the file name without its extension.
    pub title: String,
    pub text: String,
    /// What the bytes were: "UTF-8", "UTF-16LE", "windows-1252", "docx"...
    pub format: String,
    /// Sentences about what was read but not exactly (bytes that are not valid UTF-8,
    /// replaced by U+FFFD), each naming the file; empty when the text is exact.
    pub warnings: Vec<String>,
}

/// One file that could not be read, and why, as a sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the file {reason}: {}", path.display())]
pub struct BadFile {
    pub path: PathBuf,
    pub reason: String,
}

/// Every bad file of an import (at least one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub bad: Vec<BadFile>,
    pub total: usize,
}

impl std::fmt::Display for ImportError {
    /// One sentence for one bad file; a list for several.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bad.as_slice() {
            [one] => write!(
                f,
                "nothing was imported because the file {}; fix it or leave it out and import again: {}",
                one.reason,
                one.path.display()
            ),
            many => {
                write!(
                    f,
                    "nothing was imported because {} of {} files could not be read; fix them or leave them out and import again:",
                    many.len(),
                    self.total
                )?;
                for b in many {
                    write!(f, "\n  {b}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// File kinds an import reads, by extension (lower case).
pub const TEXT_EXTENSIONS: [&str; 3] = ["txt", "md", "text"];
pub const DOCX_EXTENSION: &str = "docx";

/// Whether a folder import picks up this file.
pub fn is_importable(path: &Path) -> bool {
    let ext = extension(path);
    TEXT_EXTENSIONS.contains(&ext.as_str()) || ext == DOCX_EXTENSION
}

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// The files an import of `inputs` reads: files as given, folders expanded to their
/// importable files (sorted, hidden files skipped, not recursive).
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    let mut bad = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(meta) => meta,
            Err(e) => {
                bad.push(BadFile { path: input.clone(), reason: ReadError::from_io(&e).to_string() });
                continue;
            }
        };
        if meta.is_dir() {
            // Every importable name is kept, even one that is not a regular file (a FIFO, a
            // dangling link, a symlink loop): reading it names the problem instead of skipping
            // it silently.
            let mut found: Vec<PathBuf> = match std::fs::read_dir(input) {
                Ok(entries) => entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| is_importable(p) && !p.is_dir())
                    .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                    .collect(),
                Err(e) => {
                    bad.push(BadFile { path: input.clone(), reason: format!("is a folder that cannot be read ({e})") });
                    continue;
                }
            };
            if found.is_empty() {
                bad.push(BadFile {
                    path: input.clone(),
                    reason: "is a folder with no .txt, .md or .docx files".into(),
                });
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    if bad.is_empty() { Ok(files) } else { Err(ImportError { total: inputs.len().max(files.len() + bad.len()), bad }) }
}

/// Reads one transcript file: only a regular file, and at most [`MAX_TEXT_FILE_BYTES`] of
/// plain text or [`MAX_DOCX_FILE_BYTES`] of Word document, refused by size before reading.
pub fn read_source(path: &Path) -> Result<SourceText, BadFile> {
    let bad = |reason: String| BadFile { path: path.to_owned(), reason };
    let ext = extension(path);
    let is_docx = ext == DOCX_EXTENSION;
    if !is_docx && !TEXT_EXTENSIONS.contains(&ext.as_str()) {
        return Err(bad(format!(
            "has a type Axial does not import (.{ext}); use .txt, .md or .docx, or an Axial project .json"
        )));
    }
    let max = if is_docx { MAX_DOCX_FILE_BYTES } else { MAX_TEXT_FILE_BYTES };
    let bytes = read_capped(path, max, "one transcript").map_err(|e| bad(e.to_string()))?;
    let mut warnings = Vec::new();
    let (text, format) = if is_docx {
        (docx::read_docx(&bytes).map_err(|e| bad(e.to_string()))?, "docx".to_owned())
    } else {
        let decoded = text::decode(&bytes).map_err(|e| bad(e.to_string()))?;
        if let Some(replaced) = &decoded.replaced {
            warnings.push(format!("the file {replaced}: {}", path.display()));
        }
        (decoded.text, decoded.encoding.to_owned())
    };
    if text.trim().is_empty() {
        return Err(bad("contains only blank space".into()));
    }
    let title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled".into());
    Ok(SourceText { path: path.to_owned(), title, text, format, warnings })
}

/// Reads every file of `inputs`, or names every one that is bad.
pub fn read_all(inputs: &[PathBuf]) -> Result<Vec<SourceText>, ImportError> {
    read_all_with_progress(inputs, |_, _| {})
}

/// As [`read_all`], calling `progress(done, total)` after each file (for a progress bar).
pub fn read_all_with_progress(
    inputs: &[PathBuf],
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<SourceText>, ImportError> {
    let files = expand(inputs)?;
    let mut out = Vec::with_capacity(files.len());
    let mut bad = Vec::new();
    for (i, file) in files.iter().enumerate() {
        match read_source(file) {
            Ok(source) => out.push(source),
            Err(b) => bad.push(b),
        }
        progress(i + 1, files.len());
    }
    if bad.is_empty() { Ok(out) } else { Err(ImportError { bad, total: files.len() }) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_expansion_reads_only_transcripts_and_reports_all_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "B: hello\n").unwrap();
        std::fs::write(dir.path().join("a.md"), "# notes\n").unwrap();
        std::fs::write(dir.path().join("image.png"), [0x89, b'P', b'N', b'G']).unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let read = read_all(&[dir.path().to_owned()]).unwrap();
        assert_eq!(read.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["a", "b"]);

        std::fs::write(dir.path().join("c.txt"), "").unwrap();
        let err = read_all(&[dir.path().to_owned(), dir.path().join("missing.txt")]).unwrap_err();
        assert_eq!(err.bad.len(), 1, "{err}");
        assert!(err.bad[0].reason.contains("does not exist"));
        let err = read_all(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(err.bad[0].reason, "is empty (zero bytes)");
        assert!(
            err.to_string().starts_with("nothing was imported because the file is empty (zero bytes); fix it"),
            "{err}"
        );
    }

    #[test]
    fn a_huge_sparse_text_is_refused_by_its_size_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        std::fs::File::create(&path).unwrap().set_len(1024 * 1024 * 1024).unwrap();
        let started = std::time::Instant::now();
        let err = read_source(&path).unwrap_err();
        assert_eq!(
            err.reason,
            "is 1.0 GB, more than the 64 MB Axial reads for one transcript; split it into smaller files"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "refused without reading 1 GB");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_txt_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        // Opening a FIFO for reading would block this test forever.
        let err = read_source(&fifo).unwrap_err();
        assert!(err.reason.starts_with("is a named pipe (FIFO), not a regular file"), "{err}");
        // In a folder it is named too, not skipped.
        std::fs::write(dir.path().join("a.txt"), "A: hello\n").unwrap();
        let err = read_all(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(err.bad.len(), 1);
        assert_eq!(err.bad[0].path, fifo);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_not_called_missing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("loop.txt");
        std::os::unix::fs::symlink(&a, &a).unwrap();
        for err in [read_all(std::slice::from_ref(&a)).unwrap_err().bad.remove(0), read_source(&a).unwrap_err()] {
            assert!(err.reason.contains("symlink loop"), "{err}");
            assert!(!err.reason.contains("does not exist"), "{err}");
        }
    }

    #[test]
    fn a_stray_byte_is_a_warning_naming_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.txt");
        let mut bytes = "A: Können wir?\nB: Ja, gern ".as_bytes().to_vec();
        bytes.push(0xE4);
        std::fs::write(&path, bytes).unwrap();
        let read = read_source(&path).unwrap();
        assert_eq!(read.format, "UTF-8");
        assert!(read.text.starts_with("A: Können wir?"));
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].contains("(line 2)") && read.warnings[0].ends_with("k.txt"), "{:?}", read.warnings);
    }

    #[test]
    fn unsupported_types_are_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("x.pdf");
        std::fs::write(&pdf, b"%PDF-1.4").unwrap();
        assert!(read_source(&pdf).unwrap_err().to_string().contains("use .txt, .md or .docx"));
    }
}
