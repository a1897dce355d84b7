//! A result the analysis views compute from the live project: recomputed when its key (the
//! revisions it depends on and the view's options) changes, off the frame thread when the
//! project is large, with the last result shown meanwhile.

use super::job::{Job, Wake};
use axial_core::model::Project;
use std::sync::Arc;

/// Projects with fewer codings than this are computed at once on the frame thread (a few
/// milliseconds at most); larger ones in the background.
pub const INLINE_CODINGS: usize = 20_000;

pub struct Computed<K, T> {
    value: Option<(K, T)>,
    job: Option<(K, Job<T, ()>)>,
}

impl<K, T> Default for Computed<K, T> {
    fn default() -> Self {
        Computed { value: None, job: None }
    }
}

impl<K: PartialEq + Clone + Send + 'static, T: Send + 'static> Computed<K, T> {
    /// The value for `key`: the current one if it is for `key`, else computed by `work` (at
    /// once for a small project, else in the background, returning the previous value until
    /// the new one lands).
    pub fn get(
        &mut self,
        key: K,
        project: &Arc<Project>,
        wake: Option<Wake>,
        work: impl FnOnce(&Project) -> T + Send + 'static,
    ) -> Option<&T> {
        if let Some((k, job)) = &self.job
            && let Some(result) = job.poll(|| ())
        {
            let k = k.clone();
            self.job = None;
            if let Ok(value) = result {
                self.value = Some((k, value));
            }
        }
        let current = self.value.as_ref().is_some_and(|(k, _)| *k == key);
        let running = self.job.as_ref().is_some_and(|(k, _)| *k == key);
        if !current && !running {
            if project.codings().len() < INLINE_CODINGS {
                self.value = Some((key, work(project)));
                self.job = None;
            } else {
                let p = project.clone();
                self.job = Some((key, Job::spawn("Counting", wake, move |_| Ok(work(&p)))));
            }
        }
        self.value.as_ref().map(|(_, v)| v)
    }

    /// The last value computed, whatever its key.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    /// Whether a newer value is being computed.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Forgets the value (another project opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_for_its_key_and_recomputed_for_a_new_one() {
        let project = Arc::new(Project::default());
        let mut c: Computed<u32, u32> = Computed::default();
        assert_eq!(c.get(1, &project, None, |_| 10), Some(&10));
        assert_eq!(c.get(1, &project, None, |_| panic!("not recomputed for the same key")), Some(&10));
        assert_eq!(c.get(2, &project, None, |_| 20), Some(&20));
        assert!(!c.busy());
    }
}
