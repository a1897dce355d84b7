//! Reads transcripts from files and folders into memory, all before the project is touched.
//!
//! Policy for bad input: **all or nothing**. If any file of an import is bad, the import names
//! every bad file and imports none of them, so a user fixes the folder and runs it again rather
//! than hunting for which nine of ten landed.

use super::limits::{
    MAX_DOCX_FILE_BYTES, MAX_ODT_FILE_BYTES, MAX_PDF_FILE_BYTES, MAX_TEXT_FILE_BYTES, ReadError, read_capped,
};
use super::subtitles::SubtitleKind;
use super::{docx, odt, pdf, subtitles, text};
use std::path::{Path, PathBuf};

/// A transcript read from disk, not yet in any project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub path: PathBuf,
    /// Title the document gets: the file name without its extension.
    pub title: String,
    pub text: String,
    /// What the bytes were: "UTF-8", "UTF-16LE", "windows-1252", "docx", "ODT", "PDF, 3 pages",
    /// "WebVTT", "SubRip" (with the encoding when it is not UTF-8: "SubRip, windows-1252")...
    pub format: String,
    /// Sentences about what was read but not exactly (bytes that are not valid UTF-8,
    /// replaced by U+FFFD; PDF pages with no text), each naming the file; empty when the text
    /// is exact.
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
pub const ODT_EXTENSION: &str = "odt";
pub const PDF_EXTENSION: &str = "pdf";
pub const VTT_EXTENSION: &str = "vtt";
pub const SRT_EXTENSION: &str = "srt";

/// Every extension an import reads, for file dialogs and messages.
pub const IMPORTABLE_EXTENSIONS: [&str; 8] = ["txt", "md", "text", "docx", "odt", "pdf", "vtt", "srt"];

/// The kinds an import reads, as messages name them.
pub const IMPORTABLE_KINDS: &str = ".txt, .md, .docx, .odt, .pdf, .vtt or .srt";

/// What a file is, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Docx,
    Odt,
    Pdf,
    Subtitles(SubtitleKind),
}

fn kind(path: &Path) -> Option<Kind> {
    match extension(path).as_str() {
        e if TEXT_EXTENSIONS.contains(&e) => Some(Kind::Text),
        DOCX_EXTENSION => Some(Kind::Docx),
        ODT_EXTENSION => Some(Kind::Odt),
        PDF_EXTENSION => Some(Kind::Pdf),
        VTT_EXTENSION => Some(Kind::Subtitles(SubtitleKind::WebVtt)),
        SRT_EXTENSION => Some(Kind::Subtitles(SubtitleKind::SubRip)),
        _ => None,
    }
}

/// Whether a folder import picks up this file.
pub fn is_importable(path: &Path) -> bool {
    kind(path).is_some()
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
                    reason: format!("is a folder with no {IMPORTABLE_KINDS} files"),
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

/// Reads one transcript file: only a regular file, refused by size before reading: at most
/// [`MAX_TEXT_FILE_BYTES`] of plain text or subtitles, [`MAX_DOCX_FILE_BYTES`] of Word
/// document, [`MAX_ODT_FILE_BYTES`] of OpenDocument Text, [`MAX_PDF_FILE_BYTES`] of PDF.
pub fn read_source(path: &Path) -> Result<SourceText, BadFile> {
    let bad = |reason: String| BadFile { path: path.to_owned(), reason };
    let Some(kind) = kind(path) else {
        let ext = extension(path);
        return Err(bad(format!(
            "has a type Axial does not import (.{ext}); use {IMPORTABLE_KINDS}, or an Axial project .json"
        )));
    };
    let max = match kind {
        Kind::Text | Kind::Subtitles(_) => MAX_TEXT_FILE_BYTES,
        Kind::Docx => MAX_DOCX_FILE_BYTES,
        Kind::Odt => MAX_ODT_FILE_BYTES,
        Kind::Pdf => MAX_PDF_FILE_BYTES,
    };
    let bytes = read_capped(path, max, "one transcript").map_err(|e| bad(e.to_string()))?;
    let mut warnings = Vec::new();
    let (text, format) = match kind {
        Kind::Docx => (docx::read_docx(&bytes).map_err(|e| bad(e.to_string()))?, "docx".to_owned()),
        Kind::Odt => (odt::read_odt(&bytes).map_err(|e| bad(e.to_string()))?, "ODT".to_owned()),
        Kind::Pdf => {
            let read = pdf::read_pdf(&bytes).map_err(|e| bad(e.to_string()))?;
            if !read.blank_pages.is_empty() {
                warnings.push(format!(
                    "the file has no text on {} of its {} pages (blank, or scanned pictures of text that need OCR); the rest was imported: {}",
                    pages_text(&read.blank_pages),
                    read.pages,
                    path.display()
                ));
            }
            let pages = if read.pages == 1 { "1 page".to_owned() } else { format!("{} pages", read.pages) };
            (read.text, format!("PDF, {pages}"))
        }
        Kind::Text | Kind::Subtitles(_) => {
            let decoded = text::decode(&bytes).map_err(|e| bad(e.to_string()))?;
            if let Some(replaced) = &decoded.replaced {
                warnings.push(format!("the file {replaced}: {}", path.display()));
            }
            match kind {
                Kind::Subtitles(sub) => {
                    let text = subtitles::read_subtitles(&decoded.text, sub).map_err(|e| bad(e.to_string()))?;
                    let format = match decoded.encoding {
                        "UTF-8" => sub.name().to_owned(),
                        other => format!("{}, {other}", sub.name()),
                    };
                    (text, format)
                }
                _ => (decoded.text, decoded.encoding.to_owned()),
            }
        }
    };
    if text.trim().is_empty() {
        return Err(bad("contains only blank space".into()));
    }
    let title = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled".into());
    Ok(SourceText { path: path.to_owned(), title, text, format, warnings })
}

/// "page 4", "pages 4 and 9", "pages 2, 3, 4, 5, 6 and 7 more".
fn pages_text(pages: &[usize]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = pages.iter().take(SHOWN).map(|n| n.to_string()).collect();
    match (pages.len(), shown.as_slice()) {
        (1, [one]) => format!("page {one}"),
        (n, _) if n > SHOWN => format!("pages {} and {} more", shown.join(", "), n - SHOWN),
        (_, [init @ .., last]) => format!("pages {} and {last}", init.join(", ")),
        _ => "no page".into(),
    }
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

/// Small files of every kind, written in test code, for the importers' unit tests (the same
/// file the integration tests use).
#[cfg(test)]
#[path = "../../tests/common/files.rs"]
pub(crate) mod test_files;

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
        let rtf = dir.path().join("x.rtf");
        std::fs::write(&rtf, b"{\\rtf1 hello}").unwrap();
        let err = read_source(&rtf).unwrap_err().to_string();
        assert!(
            err.contains("(.rtf); use .txt, .md, .docx, .odt, .pdf, .vtt or .srt, or an Axial project .json"),
            "{err}"
        );
        // A folder of nothing importable names every kind it looks for.
        std::fs::remove_file(&rtf).unwrap();
        std::fs::write(dir.path().join("notes.rtf"), b"x").unwrap();
        let err = read_all(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(err.bad[0].reason, "is a folder with no .txt, .md, .docx, .odt, .pdf, .vtt or .srt files");
    }

    #[test]
    fn new_kinds_are_picked_up_by_extension_in_any_case() {
        for name in ["a.PDF", "b.odt", "c.Vtt", "d.srt", "e.txt", "f.docx"] {
            assert!(is_importable(Path::new(name)), "{name}");
        }
        for name in ["a.rtf", "b.doc", "c", "d.json", "e.ass"] {
            assert!(!is_importable(Path::new(name)), "{name}");
        }
        assert_eq!(
            IMPORTABLE_EXTENSIONS.iter().filter(|e| is_importable(Path::new(&format!("x.{e}")))).count(),
            IMPORTABLE_EXTENSIONS.len()
        );
    }

    #[test]
    fn subtitles_and_pdfs_read_with_their_formats_and_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let srt = dir.path().join("call.srt");
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("1\r\n00:00:01,000 --> 00:00:02,000\r\nAna: Caf\u{e9}?\r\n");
        std::fs::write(&srt, &bytes).unwrap();
        let read = read_source(&srt).unwrap();
        assert_eq!(
            (read.text.as_str(), read.format.as_str()),
            ("[00:00:01] Ana: Caf\u{e9}?\n", "SubRip, windows-1252")
        );

        let pdf = dir.path().join("scan.pdf");
        std::fs::write(&pdf, test_files::pdf_pages(&[b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".as_slice(), b""]))
            .unwrap();
        let read = read_source(&pdf).unwrap();
        assert_eq!(read.format, "PDF, 2 pages");
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].starts_with("the file has no text on page 2 of its 2 pages"), "{:?}", read.warnings);
        assert_eq!(pages_text(&[2, 3]), "pages 2 and 3");
        assert_eq!(pages_text(&[1, 2, 3, 4, 5, 6, 7]), "pages 1, 2, 3, 4, 5 and 2 more");
    }
}
