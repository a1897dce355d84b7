//! How the reader copes with a long transcript: a 300-page interview (about 150,000 words)
//! with 3,000 overlapping codings, opened in the real app (egui_kittest, no GPU) and scrolled
//! from top to bottom. Prints per-frame times; the numbers are for reading, not asserting.
//!
//! Run: `cargo bench --bench reader`

use axial::ui::{AxialApp, dialogs::FilePicker};
use axial_core::model::*;
use axial_core::store::Store;
use egui::{Event, MouseWheelUnit, Vec2};
use egui_kittest::kittest::Queryable as _;
use std::time::{Duration, Instant};

struct NoDialogs;
impl FilePicker for NoDialogs {
    fn transcripts(&mut self) -> Vec<std::path::PathBuf> {
        Vec::new()
    }
    fn folder(&mut self) -> Option<std::path::PathBuf> {
        None
    }
    fn open_project(&mut self) -> Option<std::path::PathBuf> {
        None
    }
    fn new_project(&mut self) -> Option<std::path::PathBuf> {
        None
    }
}

/// A long interview: alternating turns of varied length, about 500 words a page.
fn transcript(pages: usize) -> String {
    let words =
        ["customer", "branch", "knowledge", "the", "we", "call", "portal", "report", "and", "they", "data", "manager"];
    let mut out = String::new();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut count = 0;
    while count < pages * 500 {
        let speaker = if out.len().is_multiple_of(2) { "Interviewer" } else { "P01" };
        let n = 20 + next() % 140;
        let body: Vec<&str> = (0..n).map(|_| words[next() % words.len()]).collect();
        out.push_str(&format!("{speaker}: {}.\n\n", body.join(" ")));
        count += n;
    }
    out
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.axial");
    let text = transcript(300);
    let len = text.chars().count();
    {
        let mut store = Store::create(&path).unwrap();
        let mut ids = store.ids().unwrap();
        let doc = ids.document();
        let mut actions = vec![Action::AddDocument {
            id: doc,
            title: "Long interview".into(),
            text,
            case: None,
            imported: "t".into(),
        }];
        let codes: Vec<CodeId> = (0..40).map(|_| ids.code()).collect();
        for (i, id) in codes.iter().enumerate() {
            actions.push(Action::CreateCode {
                id: *id,
                name: format!("Code {i}"),
                color: CODE_PALETTE[i % CODE_PALETTE.len()].into(),
                definition: String::new(),
                concept: None,
            });
        }
        for i in 0..3000usize {
            let start = (i * 7919) % (len - 2000);
            let end = start + 40 + (i * 31) % 1200;
            actions.push(Action::CreateCoding {
                id: ids.coding(),
                document: doc,
                code: codes[i % codes.len()],
                start,
                end,
                coder: "bench".into(),
                created: "t".into(),
            });
        }
        let t = Instant::now();
        store.apply(&Action::Batch { label: "seed".into(), actions }).unwrap();
        println!("write 1 document + 3,000 codings in one transaction: {:?}", t.elapsed());
        let t = Instant::now();
        let p = store.load().unwrap();
        println!("load the project: {:?}", t.elapsed());
        let t = Instant::now();
        let hits = axial_core::analysis::search::search(&p, "the", Default::default()).unwrap();
        println!("search \"the\" in 150,000 words: {:?} ({} hits)", t.elapsed(), hits.len());
        let t = Instant::now();
        let f = axial_core::analysis::frequencies::from_scratch(&p);
        let c = axial_core::analysis::cube::cube(&p);
        println!(
            "frequencies + cube over {} codings: {:?} ({} references, {} in the cube)",
            p.codings().len(),
            t.elapsed(),
            f.total().references,
            c.total()
        );
    }

    let open = Instant::now();
    let mut h = egui_kittest::Harness::builder()
        .with_size(Vec2::new(1360.0, 860.0))
        .build_eframe(|cc| AxialApp::new(cc, Some(path.clone()), Box::new(NoDialogs)));
    // The project opens in the background; the window draws meanwhile.
    while h.state().is_opening() {
        h.step();
        std::thread::sleep(Duration::from_millis(1));
    }
    h.step();
    println!("open the app on it (in the background) and draw the first frame: {:?}", open.elapsed());

    let reader = h.get_by_label("Transcript text").rect();
    let at = reader.left_top() + Vec2::new(300.0, 200.0);
    let mut frames: Vec<Duration> = Vec::new();
    for _ in 0..600 {
        h.event(Event::PointerMoved(at));
        h.event(Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, -900.0),
            modifiers: Default::default(),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
    }
    frames.sort();
    let mean = frames.iter().sum::<Duration>() / frames.len() as u32;
    println!(
        "scroll 600 frames: mean {:?}, median {:?}, p95 {:?}, max {:?}",
        mean,
        frames[frames.len() / 2],
        frames[frames.len() * 95 / 100],
        frames[frames.len() - 1]
    );
}
