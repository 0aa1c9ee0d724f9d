//! `security-testkit`: serves the in-memory Elasticsearch security API test server until
//! killed. It is a test tool, not Elasticsearch.

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "\
security-testkit: an in-memory test server that speaks the Elasticsearch security API
(as 8.14 by default, or as 9.5). It is a test tool, NOT Elasticsearch.

USAGE:
    security-testkit [--port PORT] [--password PASSWORD] [--es-version 8.14|9.5] [--serverless]
                     [--cors-allow-origin ORIGIN]... [--cors-allow-credentials]

OPTIONS:
    --port PORT                 Port on 127.0.0.1 (default 0: any free port)
    --password PASSWORD         Password of the superuser `elastic` (default: changeme)
    --es-version VERSION        Elasticsearch version to pretend to be: 8.14 (default) or 9.5
    --serverless                Act as an Elastic Cloud Serverless project (9.5 routes, only the
                                public ones answer; the others answer 410)
    --cors-allow-origin ORIGIN  Enable CORS for ORIGIN (`*` for any); may be repeated
    --cors-allow-credentials    Send Access-Control-Allow-Credentials: true
    -h, --help                  Show this help

Prints the server URL on the first line of standard output, then serves until killed.";

#[cfg(not(target_arch = "wasm32"))]
fn parse(args: &[String]) -> Result<Option<security_testkit::Config>, String> {
    let mut config = security_testkit::Config::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--port" => {
                let v = value("--port")?;
                let port = v.parse().map_err(|_| format!("invalid port: {v}"))?;
                config = config.port(port);
            }
            "--password" => config = config.elastic_password(value("--password")?),
            "--es-version" => {
                let v = value("--es-version")?;
                let version = v.parse().map_err(|e| format!("{e}"))?;
                config = config.es_version(version);
            }
            "--cors-allow-origin" => {
                config = config.cors_allow_origin(value("--cors-allow-origin")?)
            }
            "--cors-allow-credentials" => config = config.cors_allow_credentials(true),
            "--serverless" => config = config.serverless(true),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Some(config))
}

/// On wasm32 there is no server (the crate is native-only).
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("security-testkit: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match security_testkit::TestServer::start_blocking(config) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("security-testkit: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", server.url());
    eprintln!(
        "security-testkit: serving the Elasticsearch {} security API (test server, not Elasticsearch); user `elastic`. Stop with Ctrl-C.",
        server.es_version()
    );
    loop {
        std::thread::park();
    }
}
