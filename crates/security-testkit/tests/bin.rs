//! The `security-testkit` binary: prints its URL, serves, takes its flags.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_security-testkit");

fn get(addr: &str, path: &str, headers: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
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
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        assert!(
            ok.to_ascii_lowercase()
                .contains("access-control-allow-origin: http://localhost:1234"),
            "{ok}"
        );
        let denied = get(&addr, "/_security/_authenticate", "");
        assert!(denied.starts_with("HTTP/1.1 401"), "{denied}");
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
        assert!(info.contains(r#""number":"9.5.0""#), "{info}");
        // A 9.2 route exists.
        let stats = get(&addr, "/_security/stats", auth);
        assert!(stats.starts_with("HTTP/1.1 200"), "{stats}");
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}
