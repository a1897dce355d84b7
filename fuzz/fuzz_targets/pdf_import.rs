#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| axial_fuzz::pdf_import(data));
