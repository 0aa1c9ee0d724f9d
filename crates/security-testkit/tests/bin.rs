//! The `security-testkit` binary: prints its URL, serves, takes its flags.

mod common;

use common::{raw_answer, raw_exchange, RawAnswer};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_security-testkit");

fn get(addr: &str, path: &str, headers: &str) -> RawAnswer {
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n");
    raw_answer(&raw_exchange(addr.parse().unwrap(), request.as_bytes()))
}

#[test]
fn prints_the_url_and_serves_until_killed() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--password",
            "bin-pass",
            "--cors-allow-origin=http://localhost:1234",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_owned();
    let addr = url
        .strip_prefix("http://127.0.0.1:")
        .map(|port| format!("127.0.0.1:{port}"));
    let result = std::panic::catch_unwind(|| {
        let addr = addr.expect("the first line is the URL");
        // "elastic:bin-pass"
        let ok = get(
            &addr,
            "/_security/_authenticate",
            "Authorization: Basic ZWxhc3RpYzpiaW4tcGFzcw==\r\nOrigin: http://localhost:1234\r\n",
        );
        assert_eq!(ok.status, 200, "{ok:?}");
        assert_eq!(
            ok.header("access-control-allow-origin"),
            Some("http://localhost:1234"),
            "{ok:?}"
        );
        let denied = get(&addr, "/_security/_authenticate", "");
        assert_eq!(denied.status, 401, "{denied:?}");
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}

#[test]
fn flags() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("NOT Elasticsearch"));
    let bad = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown argument: --bogus"));
    let bad = Command::new(BIN).args(["--port", "x"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn debug_output_hides_the_password() {
    let config = security_testkit::Config::default().elastic_password("hunter2-secret");
    assert!(!format!("{config:?}").contains("hunter2"));
    let server = security_testkit::TestServer::start_blocking(config).unwrap();
    let shown = format!("{server:?}");
    assert!(
        shown.contains(&server.url()) && !shown.contains("hunter2"),
        "{shown}"
    );
}

#[test]
fn es_version_flag() {
    let bad = Command::new(BIN)
        .args(["--es-version", "9.4"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("unsupported Elasticsearch version [9.4]"),
        "{bad:?}"
    );
    let mut child = Command::new(BIN)
        .args(["--password", "bin-pass", "--es-version=9.5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line.trim().strip_prefix("http://").map(str::to_owned);
    let result = std::panic::catch_unwind(|| {
        let addr = addr.expect("the first line is the URL");
        let auth = "Authorization: Basic ZWxhc3RpYzpiaW4tcGFzcw==\r\n";
        let info = get(&addr, "/", auth);
        assert_eq!(info.json()["version"]["number"], "9.5.0", "{info:?}");
        // A 9.2 route exists.
        let stats = get(&addr, "/_security/stats", auth);
        assert_eq!(stats.status, 200, "{stats:?}");
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}
