//! The shell of the CLI: help, usage errors, completions, connection errors, output formats.

mod common;
use common::{run, run_at, server};

#[test]
fn help_lists_commands_and_examples() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.err);
    for needle in [
        "whoami",
        "completions",
        "ES_URL",
        "ES_API_KEY",
        "--testkit",
        "Examples:",
    ] {
        assert!(r.out.contains(needle), "--help lacks {needle}:\n{}", r.out);
    }
}

#[test]
fn usage_errors_exit_1_on_stderr() {
    let r = run(&["no-such-command"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
    assert!(
        r.err.contains("unrecognized subcommand 'no-such-command'"),
        "{}",
        r.err
    );
}

#[test]
fn no_cluster_says_what_to_do() {
    let r = run(&["--url", "", "whoami"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("error: no cluster given"), "{}", r.err);
    assert!(r.err.contains("hint: set ES_URL"), "{}", r.err);
}

#[test]
fn refused_connection_names_the_url_and_testkit() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let r = run(&["--url", &url, "--password", "x", "whoami"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err
            .contains(&format!("is Elasticsearch running at {url}?")),
        "{}",
        r.err
    );
    assert!(r.err.contains("--testkit"), "{}", r.err);
}

#[test]
fn wrong_password_hints_at_credentials() {
    let server = server();
    let r = run(&["--url", &server.url(), "--password", "wrong", "whoami"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("hint: check the credentials"), "{}", r.err);
}

#[test]
fn completions_for_bash_zsh_fish() {
    for (shell, needle) in [
        ("bash", "complete -F _es__security"),
        ("zsh", "#compdef es-security"),
        ("fish", "complete -c es-security"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.err);
        assert!(r.out.contains(needle), "{shell} script lacks {needle}");
    }
}

#[test]
fn whoami_table_json_yaml() {
    let server = server();
    let table = run_at(&server, &["whoami"]);
    assert_eq!(table.code, 0, "{}", table.err);
    assert!(
        table
            .out
            .starts_with("User:             elastic\nRoles:            superuser\n"),
        "{}",
        table.out
    );
    assert!(table.out.contains("Elasticsearch 9.5.0"), "{}", table.out);
    assert!(!table.out.contains('\x1b'), "no colour without a terminal");

    let json = run_at(&server, &["whoami", "-o", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.out).expect("JSON output");
    assert_eq!(value["username"], "elastic");

    let yaml = run_at(&server, &["whoami", "--output", "yaml"]);
    let value: serde_json::Value = serde_norway::from_str(&yaml.out).expect("YAML output");
    assert_eq!(value["roles"][0], "superuser");
}

#[test]
fn testkit_flag_starts_a_server_with_demo_objects() {
    let r = run(&["--testkit", "whoami"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.err.contains("started the in-repo test server"),
        "progress on stderr: {}",
        r.err
    );
    assert!(r.err.contains("not Elasticsearch"));
    assert!(
        r.out.contains("User:             elastic"),
        "data on stdout: {}",
        r.out
    );
}

#[test]
fn colour_always_paints_and_never_does_not() {
    let server = server();
    let r = run_at(&server, &["--color", "always", "whoami"]);
    assert!(r.out.contains("\x1b[1mUser:\x1b[0m"), "{:?}", r.out);
    let r = run_at(&server, &["--color", "never", "whoami"]);
    assert!(!r.out.contains('\x1b'));
}

#[test]
fn auto_colour_needs_a_terminal_and_no_no_color() {
    let server = server();
    let url = server.url();
    let args = [
        "es-security",
        "--url",
        url.as_str(),
        "--password",
        "changeme",
        "whoami",
    ];
    let colour = |terminal: bool, no_color: bool| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut io = security_cli::Io::captured(&mut out, &mut err);
        io.out_is_terminal = terminal;
        io.no_color = no_color;
        assert_eq!(security_cli::run(args, io), 0);
        out.contains(&0x1b)
    };
    assert!(colour(true, false), "a terminal gets colour");
    assert!(!colour(true, true), "NO_COLOR wins");
    assert!(!colour(false, false), "a pipe gets none");
}
