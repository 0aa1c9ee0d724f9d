#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| security_fuzz::lazy_api_key_parts(data));
