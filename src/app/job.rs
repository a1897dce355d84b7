//! Work off the frame thread: a [`Job`] runs on its own thread, reports progress through
//! atomics the window reads each frame, wakes the window when there is news, and hands its
//! result back once. Opening a project, importing, a search over a large project, exports and
//! the integrity check all run as jobs, so the window keeps drawing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

/// Something that wakes the UI (egui's `request_repaint`), so progress shows without input.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// How far a job is: `done` of `total` steps (0 of 0 until it knows).
#[derive(Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    wake: Option<Wake>,
}

impl Progress {
    /// Records progress and wakes the window.
    pub fn set(&self, done: usize, total: usize) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        if let Some(w) = &self.wake {
            w();
        }
    }

    pub fn get(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// The fraction done, 0 while unknown.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.get();
        if total == 0 { 0.0 } else { done as f32 / total as f32 }
    }
}

pub struct Job<T, E> {
    /// What the job does, for the progress bar ("Opening thesis.axial").
    pub label: String,
    progress: Arc<Progress>,
    result: mpsc::Receiver<Result<T, E>>,
}

impl<T: Send + 'static, E: Send + 'static> Job<T, E> {
    /// Runs `work` on a new thread.
    pub fn spawn(
        label: impl Into<String>,
        wake: Option<Wake>,
        work: impl FnOnce(&Progress) -> Result<T, E> + Send + 'static,
    ) -> Job<T, E> {
        let progress = Arc::new(Progress { wake: wake.clone(), ..Default::default() });
        let (tx, rx) = mpsc::channel();
        let p = progress.clone();
        std::thread::spawn(move || {
            let _ = tx.send(work(&p));
            if let Some(w) = &wake {
                w();
            }
        });
        Job { label: label.into(), progress, result: rx }
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The result once the thread has finished; `stopped()` if the thread died without one
    /// (a bug, not bad input).
    pub fn poll(&self, stopped: impl FnOnce() -> E) -> Option<Result<T, E>> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(stopped())),
        }
    }

    /// Waits for the result (tests, and the command line).
    pub fn wait(self, stopped: impl FnOnce() -> E) -> Result<T, E> {
        self.result.recv().unwrap_or_else(|_| Err(stopped()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_its_result() {
        let job: Job<usize, String> = Job::spawn("count", None, |p| {
            for i in 1..=3 {
                p.set(i, 3);
            }
            Ok(42)
        });
        assert_eq!(job.wait(|| "stopped".into()), Ok(42));
        let dead: Job<usize, String> = Job::spawn("panic", None, |_| panic!("a bug"));
        assert_eq!(dead.wait(|| "stopped".into()), Err("stopped".into()));
    }
}
