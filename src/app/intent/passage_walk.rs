//! Reading the passages under a code, concept, category or class one by one (a
//! [`PassageWalk`]).

use super::Intent;
use crate::app::{AppError, AppState, PassageWalk};
use axial_core::analysis::retrieval::Scope;

impl AppState {
    /// Starts a walk through the passages under `scope` and opens the first (or says there are
    /// none).
    pub(super) fn read_passages(&mut self, scope: Scope) -> Result<(), AppError> {
        let codings = axial_core::analysis::retrieval::passages(&self.project, scope);
        let title = scope.describe(&self.project);
        if codings.is_empty() {
            self.info(format!("The {title} has no coded passages yet"));
            return Ok(());
        }
        self.walk = Some(PassageWalk { scope, title, codings, index: 0 });
        self.step_passage(0);
        Ok(())
    }

    /// Moves the walk `by` passages (skipping ones deleted since it began) and opens that one.
    pub(super) fn step_passage(&mut self, by: isize) {
        let Some(walk) = &mut self.walk else { return };
        let last = walk.codings.len().saturating_sub(1);
        let mut index = walk.index.saturating_add_signed(by).min(last);
        let direction = if by < 0 { -1 } else { 1 };
        while self.project.coding(walk.codings[index]).is_none() {
            match index.checked_add_signed(direction).filter(|&i| i <= last) {
                Some(i) => index = i,
                None => return,
            }
        }
        walk.index = index;
        let coding = walk.codings[index];
        let _ = self.try_handle(Intent::SelectCoding(Some(coding)));
    }
}
