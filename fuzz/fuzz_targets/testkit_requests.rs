#![no_main]

// The test server's request handling: one connection's bytes in, its answers out; never a panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    security_testkit::fuzzing::respond_to_bytes(data);
});
