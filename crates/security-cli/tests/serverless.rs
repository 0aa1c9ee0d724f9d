//! `--serverless`: the test server as a serverless project, what projects lack refused before
//! sending, and a real project needs an API key.

mod common;
use common::run;

#[test]
fn serverless_testkit_answers_public_commands_and_refuses_the_rest() {
    let r = run(&["--testkit", "--serverless", "whoami"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("elastic"), "{}", r.out);

    let r = run(&["--testkit", "--serverless", "roles", "list"]);
    assert_eq!(r.code, 0, "{}", r.err);

    let r = run(&["--testkit", "--serverless", "users", "list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains(
            "security.get_user is not available on serverless (Elastic Cloud Serverless) (nothing was sent)"
        ),
        "{}",
        r.err
    );
}

#[test]
fn a_serverless_project_needs_an_api_key() {
    let r = run(&[
        "--serverless",
        "--url",
        "http://127.0.0.1:9",
        "--api-key",
        "",
        "--password",
        "pw",
        "whoami",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("a serverless project takes an API key"),
        "{}",
        r.err
    );
    assert!(r.err.contains("hint: set ES_API_KEY"), "{}", r.err);
}
