#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| security_fuzz::aggregations(data));
