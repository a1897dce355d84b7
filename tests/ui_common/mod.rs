//! Helpers shared by the UI test files (egui_kittest): waiting for background work and
//! reaching the open project's state.
#![allow(dead_code)]

use axial::app::AppState;
use axial::ui::AxialApp;
use egui_kittest::Harness;

/// Steps the app until no background work (opening, imports, checks) is left, then settles.
pub fn wait_idle(h: &mut Harness<'_, AxialApp>) {
    for _ in 0..2000 {
        // The backup made on opening counts too: its spinner repaints every frame, so a
        // `run()` while it lasts (long on a loaded machine) would never settle.
        let busy = h.state().is_opening() || h.state().state.as_ref().is_some_and(|s| s.jobs.any() || s.backing_up());
        if !busy {
            h.run();
            return;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the background work did not finish");
}

pub fn state<'a>(h: &'a Harness<'_, AxialApp>) -> &'a AppState {
    h.state().state.as_ref().expect("a project is open")
}
