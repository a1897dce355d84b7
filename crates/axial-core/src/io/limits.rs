//! How much an import reads, and the one way it reads a file: only regular files (never a
//! FIFO, device or socket), refused by size before a byte is read, and read through a capped
//! reader so a file that grows while it is read cannot exceed its limit.

use std::io::Read;
use std::path::Path;

const MIB: u64 = 1024 * 1024;

/// Largest plain-text transcript (`.txt`, `.md`) Axial reads: 64 MiB of file. A long interview
/// is 50–200 KB of text, so this is hundreds of interviews in one file; anything larger is a
/// log, a dump or a sparse file, and decoding it would hold several copies in memory.
pub const MAX_TEXT_FILE_BYTES: u64 = 64 * MIB;

/// Largest `.docx` file Axial reads: 256 MiB, more than plain text because Word files carry
/// pictures, which the importer skips.
pub const MAX_DOCX_FILE_BYTES: u64 = 256 * MIB;

/// Largest part of a `.docx` (`word/document.xml`, `word/footnotes.xml`) once unpacked: 256 MiB
/// of XML. Checked against the size the archive declares and again while inflating, so a zip
/// bomb with a lying header stops at the limit.
pub const MAX_DOCX_PART_BYTES: u64 = 256 * MIB;

/// Largest `.odt` file Axial reads: the same as a `.docx` (256 MiB), for the same reason: an
/// OpenDocument Text carries its pictures, which the importer skips.
pub const MAX_ODT_FILE_BYTES: u64 = MAX_DOCX_FILE_BYTES;

/// Largest `content.xml` of an `.odt` once unpacked: the same cap as a `.docx` part, checked
/// the same two ways.
pub const MAX_ODT_PART_BYTES: u64 = MAX_DOCX_PART_BYTES;

/// Largest `.pdf` file Axial reads: 256 MiB. The text layer is a small part of a PDF (fonts
/// and pictures are most of its bytes; a scanned one is all pictures), but the reader holds
/// the whole parsed file in memory, so a larger file costs gigabytes for little text.
pub const MAX_PDF_FILE_BYTES: u64 = 256 * MIB;

/// Most a PDF's compressed streams (page contents, forms, fonts, object streams) may unpack
/// to, in all: 512 MiB. A transcript's pages unpack to a few megabytes; a stream that
/// inflates a thousandfold (a decompression bomb) stops here instead of exhausting memory.
/// Pictures are never unpacked.
pub const MAX_PDF_INFLATED_BYTES: u64 = 512 * MIB;

/// Largest `axial.project/1` JSON Axial reads: 512 MiB (it holds every transcript inline).
pub const MAX_PROJECT_JSON_BYTES: u64 = 512 * MIB;

/// Why a file could not be read. Each reads as the end of "the file ...".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("does not exist; check the path")]
    Missing,
    #[error("is a symbolic link that leads back to itself (a symlink loop); point it at the real file or leave it out")]
    SymlinkLoop,
    #[error("is {0}, not a regular file; save the transcript as an ordinary file and import that")]
    NotRegular(&'static str),
    #[error("is {}, more than the {} Axial reads for {what}; split it into smaller files", size_text(*size), size_text(*max))]
    TooBig { size: u64, max: u64, what: &'static str },
    #[error("cannot be read ({0}); check that it exists and that you may read it")]
    Unreadable(String),
}

impl ReadError {
    /// The error for a failed `metadata`, `open` or `read`, naming a symlink loop as one.
    pub fn from_io(e: &std::io::Error) -> ReadError {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            _ if is_symlink_loop(e) => ReadError::SymlinkLoop,
            _ => ReadError::Unreadable(e.to_string()),
        }
    }
}

/// `ErrorKind::FilesystemLoop` (ELOOP) cannot be matched on stable Rust (1.95), but std
/// already maps the platform's error code to it on every platform, and its name is stable.
fn is_symlink_loop(e: &std::io::Error) -> bool {
    format!("{:?}", e.kind()) == "FilesystemLoop"
}

/// What a path that is not a regular file is, for a message ("a named pipe (FIFO)").
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    "not an ordinary file"
}

/// Checks that `path` is a regular file (following symbolic links) of at most `max` bytes,
/// from its metadata alone: a FIFO is never opened.
pub fn check_file(path: &Path, max: u64, what: &'static str) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::from_io(&e))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > max {
        return Err(ReadError::TooBig { size: meta.len(), max, what });
    }
    Ok(meta.len())
}

/// The bytes of the regular file at `path`, at most `max` of them: refused by its size before
/// reading, and read through [`Read::take`] so a file that grows meanwhile is refused too.
/// `what` names the limit in the message ("one transcript").
pub fn read_capped(path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    check_file(path, max, what)?;
    let file = open_without_blocking(path).map_err(|e| ReadError::from_io(&e))?;
    // The file opened is checked again, by its own handle: a path swapped for a FIFO or a
    // bigger file between the check and the open is refused, not read or waited on.
    let meta = file.metadata().map_err(|e| ReadError::from_io(&e))?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let size = meta.len();
    if size > max {
        return Err(ReadError::TooBig { size, max, what });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| ReadError::from_io(&e))?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooBig { size: bytes.len() as u64, max, what });
    }
    Ok(bytes)
}

/// Opens `path` for reading without waiting for a writer: opening a FIFO would otherwise
/// block until something writes to it (O_NONBLOCK changes nothing for a regular file).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// "64 MB", "1.0 GB", "812 bytes" (binary units, as file managers on most desktops show).
pub fn size_text(bytes: u64) -> String {
    const GIB: u64 = 1024 * MIB;
    if bytes >= GIB {
        format!("{:.1} GB", bytes as f64 / GIB as f64)
    } else if bytes >= MIB {
        let mb = bytes as f64 / MIB as f64;
        if bytes.is_multiple_of(MIB) { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(MAX_TEXT_FILE_BYTES), "64 MB");
        assert_eq!(size_text(1024 * 1024 * 1024), "1.0 GB");
        assert_eq!(size_text(3 * MIB / 2), "1.5 MB");
        assert_eq!(size_text(812), "812 bytes");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_even_when_opened_without_the_path_check() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        // As if the path were swapped for the FIFO after `check_file`: the open must not wait
        // for a writer, and the handle's own type refuses it.
        let file = open_without_blocking(&fifo).expect("opens at once");
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&file.metadata().unwrap().file_type()));
        assert_eq!(read_capped(&fifo, 10, "one transcript"), Err(ReadError::NotRegular("a named pipe (FIFO)")));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_size_and_one_under_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, 10, "one transcript").unwrap(), b"0123456789");
        assert_eq!(
            read_capped(&path, 9, "one transcript"),
            Err(ReadError::TooBig { size: 10, max: 9, what: "one transcript" })
        );
        assert_eq!(read_capped(&dir.path().join("none.txt"), 9, "x"), Err(ReadError::Missing));
        assert_eq!(read_capped(dir.path(), 9, "x"), Err(ReadError::NotRegular("a folder")));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert_eq!(read_capped(&a, 9, "x"), Err(ReadError::SymlinkLoop));
        let dangling = dir.path().join("c.txt");
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), &dangling).unwrap();
        assert_eq!(read_capped(&dangling, 9, "x"), Err(ReadError::Missing));
    }
}
