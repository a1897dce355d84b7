//! A transcript's text is stored once: the undo history names it instead of copying it, the
//! audit trail names its length, and an undone import keeps it only in the park (see
//! `store::history_text`), so importing grows the file by about the text and undoing and
//! redoing does not grow it at all.

use axial_core::store::Store;
use std::path::PathBuf;

fn file_size(path: &std::path::Path, store: &Store) -> u64 {
    store.checkpoint().unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn an_imported_text_is_not_copied_again_by_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["customer", "bank", "knowledge", "branch", "manager", "trust", "deposit", "service"];
    let mut text = String::new();
    for i in 0..6000usize {
        text.push_str(if i % 40 == 0 { "\n\nManager: " } else { " " });
        text.push_str(words[(i * 7 + i / 3) % words.len()]);
    }
    let file: PathBuf = dir.path().join("long.txt");
    std::fs::write(&file, text.repeat(12)).unwrap();
    let chars = std::fs::metadata(&file).unwrap().len();
    let path = dir.path().join("p.axial");
    let mut store = Store::create(&path).unwrap();
    let empty = file_size(&path, &store);
    axial_core::project::import_paths(&mut store, &[file]).unwrap();
    let imported = file_size(&path, &store);
    for _ in 0..5 {
        store.undo().unwrap();
        store.redo().unwrap();
    }
    let after = file_size(&path, &store);
    let grew = imported - empty;
    eprintln!(
        "a {chars}-byte text: the file grew by {grew} bytes on import ({imported} in all), {after} after 5 undo/redo cycles"
    );
    assert!(grew < chars + chars / 10, "{grew} bytes more for a {chars}-byte text: stored more than once");
    assert!(after <= imported + 64 * 1024, "undo and redo grew the file from {imported} to {after} bytes");
}
