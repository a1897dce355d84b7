//! Axial's log: what the window did and what went wrong, one line each, in
//! `axial.log` in the data folder (`app::samples::data_dir`), for a user to attach to a bug
//! report (Help > Open the log). The `log` crate is the facade the code writes through; this
//! is its one sink. Rotated by size: past [`MAX_BYTES`] the file becomes `axial.log.1` (the one
//! before, `axial.log.2`; older ones go), so the log never grows without bound.
//!
//! Why not a logger crate with rotation (flexi_logger, tracing-appender): each brings a time
//! library and more, for the forty lines here; the timestamp comes from `humantime`, already
//! built for the core.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The size at which the log is rotated.
pub const MAX_BYTES: u64 = 1 << 20;
/// How many rotated files are kept beside the current one.
pub const KEPT: usize = 2;

/// The log file in `folder`.
pub fn path_in(folder: &Path) -> PathBuf {
    folder.join("axial.log")
}

/// The log file of this user.
pub fn path() -> PathBuf {
    path_in(&crate::app::samples::data_dir())
}

struct FileLogger {
    path: PathBuf,
    file: Mutex<Option<std::fs::File>>,
}

impl log::Log for FileLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Info
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!(
            "{} {:<5} {}: {}\n",
            humantime::format_rfc3339_seconds(std::time::SystemTime::now()),
            record.level(),
            record.target(),
            record.args().to_string().replace('\n', " / ")
        );
        let Ok(mut file) = self.file.lock() else { return };
        if file.as_ref().and_then(|f| f.metadata().ok()).is_some_and(|m| m.len() >= MAX_BYTES) {
            *file = None;
            rotate(&self.path);
        }
        if file.is_none() {
            *file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path).ok();
        }
        // A log that cannot be written is no reason to stop the user's work.
        if let Some(f) = file.as_mut() {
            let _ = f.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Ok(mut file) = self.file.lock()
            && let Some(f) = file.as_mut()
        {
            let _ = f.flush();
        }
    }
}

/// `axial.log` -> `axial.log.1` -> `axial.log.2`; the oldest kept one goes.
fn rotate(path: &Path) {
    let numbered = |n: usize| PathBuf::from(format!("{}.{n}", path.display()));
    let _ = std::fs::remove_file(numbered(KEPT));
    for n in (1..KEPT).rev() {
        let _ = std::fs::rename(numbered(n), numbered(n + 1));
    }
    let _ = std::fs::rename(path, numbered(1));
}

/// Logs to `axial.log` in `folder` (made if missing) from now on; panics are logged too. Once
/// per process; a folder that cannot be made leaves the process without a log.
pub fn init_in(folder: &Path) {
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let logger = FileLogger { path: path_in(folder), file: Mutex::new(None) };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            log::error!("panic: {info}");
            log::logger().flush();
            previous(info);
        }));
    }
}

/// Logs to this user's `axial.log` (see [`init_in`]).
pub fn init() {
    init_in(&crate::app::samples::data_dir());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_log_is_rotated_and_only_two_old_ones_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        let logger = FileLogger { path: path.clone(), file: Mutex::new(None) };
        let record = |text: &str| {
            log::Log::log(
                &logger,
                &log::Record::builder().level(log::Level::Warn).target("axial").args(format_args!("{text}")).build(),
            )
        };
        record("first\nline");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("WARN  axial: first / line\n"), "{text}");
        let big = "x".repeat(4096);
        for _ in 0..(3 * MAX_BYTES as usize / 4096 + 3) {
            record(&big);
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"axial.log.1".to_owned()) && names.contains(&"axial.log.2".to_owned()), "{names:?}");
        assert!(!names.contains(&"axial.log.3".to_owned()), "{names:?}");
        assert!(std::fs::metadata(&path).unwrap().len() < MAX_BYTES + 8192);
    }
}
