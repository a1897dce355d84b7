//! Property: the importers answer every input with text or a clear error, never a panic:
//! random bytes, bytes that start like UTF-16 or zip, and real .docx files with bytes flipped
//! or cut short.

use axial_core::io::{docx::read_docx, text::decode};
use proptest::prelude::*;

fn docx_bytes() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/branch_manager.docx")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_answers_any_bytes(prefix in prop_oneof![Just(vec![]), Just(vec![0xFF, 0xFE]), Just(vec![0xFE, 0xFF]), Just(vec![0xEF, 0xBB, 0xBF]), Just(b"PK\x03\x04".to_vec())],
                                body in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut bytes = prefix;
        bytes.extend(body);
        if let Ok(d) = decode(&bytes) {
            prop_assert!(!d.text.contains('\r'), "line ends are normalised");
        }
    }

    #[test]
    fn a_damaged_docx_is_an_error_not_a_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
                                               cut in proptest::option::of(any::<prop::sample::Index>())) {
        let mut bytes = docx_bytes();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        let _ = read_docx(&bytes);
    }
}
