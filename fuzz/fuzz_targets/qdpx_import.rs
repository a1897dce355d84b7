#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| axial_fuzz::qdpx_import(data));
