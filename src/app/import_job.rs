//! Reading transcripts off the frame thread: a background thread reads and decodes the files
//! and reports progress; the app applies the result (one quick transaction) when it is done.

use axial_core::io::import::{self, SourceText};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

/// Something that wakes the UI (egui's `request_repaint`), so progress shows without input.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// What the user reads if the reading thread died (a bug, not bad input).
const STOPPED: &str = "the import stopped unexpectedly and nothing was imported; try again";

pub struct ImportJob {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: mpsc::Receiver<Result<Vec<SourceText>, String>>,
    pub inputs: Vec<PathBuf>,
}

impl ImportJob {
    pub fn start(inputs: Vec<PathBuf>, wake: Option<Wake>) -> ImportJob {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let (d, t, paths) = (done.clone(), total.clone(), inputs.clone());
        std::thread::spawn(move || {
            let result = import::read_all_with_progress(&paths, |n, of| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
                if let Some(w) = &wake {
                    w();
                }
            });
            let _ = tx.send(result.map_err(|e| e.to_string()));
            if let Some(w) = &wake {
                w();
            }
        });
        ImportJob { done, total, result: rx, inputs }
    }

    /// Files read so far and in all (0 of 0 until the folder is listed).
    pub fn progress(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// The result, once the thread has finished (an error sentence if it could not finish).
    pub fn poll(&self) -> Option<Result<Vec<SourceText>, String>> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(STOPPED.into())),
        }
    }

    /// Waits for the result (tests, and the command line).
    pub fn wait(self) -> Result<Vec<SourceText>, String> {
        self.result.recv().unwrap_or_else(|_| Err(STOPPED.into()))
    }
}
