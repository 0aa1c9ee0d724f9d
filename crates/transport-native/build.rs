//! Records the compiler version for the `User-Agent` and `x-elastic-client-meta` headers (the
//! official clients report their language's version there).

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "0.0.0".to_owned());
    println!("cargo:rustc-env=TRANSPORT_NATIVE_RUSTC_VERSION={version}");
}
