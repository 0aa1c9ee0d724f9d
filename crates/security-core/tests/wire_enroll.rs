//! Wire-exact requests and typed answers of the `enroll` group.

mod common;
use common::*;
use security_core::auth::ToCredentials;
use security_core::enroll::*;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

#[test]
fn enroll_kibana_minimal_and_all_parameters() {
    assert_wire(
        &build(&EnrollKibana::new()),
        "GET",
        "/_security/enroll/kibana",
        None,
    );
    let req = build(
        &EnrollKibana::new()
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "GET",
        &format!("/_security/enroll/kibana?{ALL_COMMON}"),
        None,
    );
}

#[test]
fn enroll_node_minimal_and_all_parameters() {
    assert_wire(
        &build(&EnrollNode::new()),
        "GET",
        "/_security/enroll/node",
        None,
    );
    let req = build(
        &EnrollNode::new()
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "GET",
        &format!("/_security/enroll/node?{ALL_COMMON}"),
        None,
    );
}

const KIBANA_ANSWER: &str = r#"{
  "token": {"name": "enroll-process-token-1629123923000", "value": "AAEAAWVsYXN0aWMvc2VjcmV0LXRva2VuLXZhbHVl"},
  "http_ca": "MIIDSjCCAjKgAwIBAgIVAJQLm8V2LcaCTHUcoIfO+KL63nG3MA0GCSqGSIb3DQEBCwUA",
  "new_field": true
}"#;

#[test]
fn enroll_kibana_decodes() {
    let answer = decode::<EnrollKibana>(KIBANA_ANSWER);
    assert_eq!(answer.token.name, "enroll-process-token-1629123923000");
    assert_eq!(
        answer.token.value.expose(),
        "AAEAAWVsYXN0aWMvc2VjcmV0LXRva2VuLXZhbHVl"
    );
    // The CA certificate is public material: a plain string.
    let ca: &String = &answer.http_ca;
    assert!(ca.starts_with("MIIDSjCCAjKgAwIBAgIVAJQLm8V2"));
}

#[test]
fn enroll_kibana_debug_hides_the_token() {
    let answer = decode::<EnrollKibana>(KIBANA_ANSWER);
    let shown = format!("{answer:?}");
    assert!(!shown.contains("AAEAAWVsYXN0aWM"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    assert!(
        shown.contains("enroll-process-token-1629123923000"),
        "{shown}"
    );
}

#[test]
fn enroll_kibana_token_becomes_bearer_credentials() {
    let answer = decode::<EnrollKibana>(KIBANA_ANSWER);
    let header = answer.to_credentials().header_value().unwrap();
    assert_eq!(header, "Bearer AAEAAWVsYXN0aWMvc2VjcmV0LXRva2VuLXZhbHVl");
    assert!(header.is_sensitive());
}

const NODE_ANSWER: &str = r#"{
  "http_ca_key": "PRIVATE-http-ca-key-MIIJlAIBAzCCCVoGCSqGSIb3DQEHAaCCCUsEgglHMIIJQzCCA98GCSqGSIb3DQ",
  "http_ca_cert": "MIIJlAIBAzCCCVoGCSqGSIb3DQEHAaCCCUsEgglHMIIJQzCCA98GCSqGSIb3DQ",
  "transport_ca_cert": "MIIJlAIBAzCCCVoGCSqGSIb3DQEHAaCCCUsEgglHMIIJQzCCA98GCSqG",
  "transport_key": "PRIVATE-transport-key-MIIEJgIBAzCCA98GCSqGSIb3DQEHAaCCA9AEggPMMIIDyDCCA8QGCSqGSIb3",
  "transport_cert": "MIIEJgIBAzCCA98GCSqGSIb3DQEHAaCCA9AEggPMMIIDyDCCA8QGCSqGSIb3",
  "nodes_addresses": ["192.168.1.2:9300", "[::1]:9300"]
}"#;

#[test]
fn enroll_node_decodes() {
    let answer = decode::<EnrollNode>(NODE_ANSWER);
    assert!(answer
        .http_ca_key
        .expose()
        .starts_with("PRIVATE-http-ca-key-"));
    assert!(answer
        .transport_key
        .expose()
        .starts_with("PRIVATE-transport-key-"));
    assert!(answer.http_ca_cert.starts_with("MIIJlAIBAzCCCVoG"));
    assert!(answer.transport_ca_cert.ends_with("CCA98GCSqG"));
    assert!(answer.transport_cert.starts_with("MIIEJgIBAzCCA98G"));
    assert_eq!(answer.nodes_addresses, ["192.168.1.2:9300", "[::1]:9300"]);
}

#[test]
fn enroll_node_debug_hides_the_private_keys() {
    let answer = decode::<EnrollNode>(NODE_ANSWER);
    let shown = format!("{answer:?}");
    assert!(!shown.contains("PRIVATE"), "{shown}");
    assert_eq!(shown.matches("[redacted]").count(), 2, "{shown}");
    // The public parts stay visible.
    assert!(shown.contains("192.168.1.2:9300"), "{shown}");
    assert!(shown.contains("MIIEJgIBAzCCA98G"), "{shown}");
}

#[test]
fn enroll_answers_decode_the_documented_examples() {
    let dir = spec("enroll_answers_decode_the_documented_examples");
    // The enroll_kibana example has a trailing comma (a documentation artefact): parsed leniently.
    let ex = examples(&dir, "security.enroll_kibana", "response");
    assert_eq!(ex.len(), 1);
    let value = ex[0].value.clone().expect("lenient JSON");
    let answer = decode::<EnrollKibana>(&value.to_string());
    assert_eq!(answer.token.name, "enroll-process-token-1629123923000");
    assert!(answer.token.value.expose().starts_with("AAEAAWVsYXN0aWM"));
    assert!(answer.http_ca.starts_with("MIIJlAIBAzVoGCSqGSIb3"));

    let ex = examples(&dir, "security.enroll_node", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<EnrollNode>(&ex[0].raw);
    assert_eq!(answer.nodes_addresses, ["192.168.1.2:9300"]);
    assert!(answer
        .transport_key
        .expose()
        .starts_with("MIIEJgIBAzCCA98G"));
    // (The example's key and certificate hold the same placeholder: only count the redactions.)
    assert_eq!(format!("{answer:?}").matches("[redacted]").count(), 2);
}
