//! Running `es-security` in process, with captured output.

#![allow(dead_code)]

/// What a run printed and returned.
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// Runs `es-security ARGS…` in process (no terminal, so no colour and no progress bars).
pub fn run(args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["es-security"];
    argv.extend_from_slice(args);
    let code = security_cli::run(argv, security_cli::Io::captured(&mut out, &mut err));
    Run {
        code,
        out: String::from_utf8(out).expect("stdout is UTF-8"),
        err: String::from_utf8(err).expect("stderr is UTF-8"),
    }
}

/// Runs against `server` as `elastic`, whatever the environment says.
pub fn run_at(server: &security_testkit::TestServer, args: &[&str]) -> Run {
    let url = server.url();
    let mut argv = vec![
        "--url",
        url.as_str(),
        "--username",
        "elastic",
        "--password",
        server.elastic_password(),
    ];
    argv.extend_from_slice(args);
    run(&argv)
}

/// A fresh 9.5 test server.
pub fn server() -> security_testkit::TestServer {
    security_testkit::TestServer::start_blocking(
        security_testkit::Config::default().es_version(security_testkit::EsVersion::V9_5),
    )
    .expect("the test server starts")
}

/// Compares `actual` with the golden file `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it.
/// A missing golden file fails.
pub fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} is missing ({e}); run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

/// An admin client of `server` (as elastic).
pub fn admin(server: &security_testkit::TestServer) -> security_client::SecurityClient {
    security_client::SecurityClient::connect(server.url())
        .expect("client")
        .with_credentials(security_client::Credentials::basic(
            "elastic",
            server.elastic_password().to_owned(),
        ))
}

/// Runs a future on a fresh current-thread runtime (the CLI runs its own inside `run`).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}
