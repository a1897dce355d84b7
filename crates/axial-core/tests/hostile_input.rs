//! Hostile input made at test time (nothing big is committed): a .docx that inflates far past
//! its limit is refused with one sentence instead of aborting the process on allocation.

use axial_core::io::import::read_source;
use axial_core::io::limits::MAX_DOCX_PART_BYTES;
use std::io::Write;

#[test]
fn a_docx_zip_bomb_is_refused_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>").unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    let unpacked = MAX_DOCX_PART_BYTES + 16 * 1024 * 1024;
    for _ in 0..unpacked / chunk.len() as u64 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    zip.finish().unwrap();
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 2 * 1024 * 1024, "a bomb: {packed} bytes that unpack to {unpacked}");

    let err = read_source(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the file is a .docx whose document body unpacks to more than 256 MB, more than Axial reads (a zip bomb, or a document too long for one transcript); split it into smaller documents: {}",
            path.display()
        )
    );
}
