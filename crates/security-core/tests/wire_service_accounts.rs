//! Wire-exact requests and typed answers of the `service_accounts` group.
#![cfg(feature = "service-accounts")]

mod common;
use common::*;
use security_core::service_accounts::*;
use security_core::types::common::{ClusterPrivilege, IndexPrivilege, Refresh};
use security_core::{Credentials, Endpoint, ToCredentials};

// ---------------------------------------------------------------------------------------------
// create_service_token
// ---------------------------------------------------------------------------------------------

#[test]
fn create_service_token_with_a_name_is_a_put() {
    assert_wire(
        &build(&CreateServiceToken::new("elastic", "fleet-server").name("token1")),
        "PUT",
        "/_security/service/elastic/fleet-server/credential/token/token1",
        None,
    );
}

#[test]
fn create_service_token_without_a_name_is_a_post() {
    assert_wire(
        &build(&CreateServiceToken::new("elastic", "fleet-server")),
        "POST",
        "/_security/service/elastic/fleet-server/credential/token",
        None,
    );
}

#[test]
fn create_service_token_all_parameters() {
    assert_wire(
        &build(
            &CreateServiceToken::new("my ns", "svc/1")
                .name("tok én")
                .refresh(Refresh::WaitFor)
                .error_trace(true)
                .filter_path(["token.name", "token.value"])
                .human(false)
                .pretty(true),
        ),
        "PUT",
        "/_security/service/my%20ns/svc%2F1/credential/token/tok%20%C3%A9n?refresh=wait_for&error_trace=true&filter_path=token.name,token.value&human=false&pretty=true",
        None,
    );
    assert_wire(
        &build(&CreateServiceToken::new("elastic", "fleet-server").refresh(Refresh::False)),
        "POST",
        "/_security/service/elastic/fleet-server/credential/token?refresh=false",
        None,
    );
    assert!(CreateServiceToken::new("", "fleet-server")
        .request_parts()
        .is_err());
    assert!(CreateServiceToken::new("elastic", "fleet-server")
        .name("")
        .request_parts()
        .is_err());
}

#[test]
fn create_service_token_answer_becomes_bearer_credentials() {
    let created = decode::<CreateServiceToken>(
        r#"{"created":true,"token":{"name":"token1","value":"AAEAAWVsYXN0aWM...vZmxlZXQtc2VydmVyL3Rva2VuMTo3TFdaSDZ"}}"#,
    );
    assert!(created.created);
    assert_eq!(created.token.name, "token1");
    let shown = format!("{created:?}");
    assert!(!shown.contains("AAEAAWVsYXN0aWM"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    let credentials = created.to_credentials();
    assert!(matches!(credentials, Credentials::Bearer(_)));
    assert_eq!(
        credentials.header_value().unwrap(),
        "Bearer AAEAAWVsYXN0aWM...vZmxlZXQtc2VydmVyL3Rva2VuMTo3TFdaSDZ"
    );
    assert_eq!(created.token.to_credentials(), credentials);
}

#[test]
fn create_service_token_decodes_the_documented_answer() {
    let dir = spec("create_service_token_decodes_the_documented_answer");
    let answers = examples(&dir, "security.create_service_token", "response");
    let created = decode::<CreateServiceToken>(&answers[0].raw);
    assert_eq!(created.token.name, "token1");
    assert!(created.token.value.expose().starts_with("AAEAAWVsYXN0aWM"));
}

// ---------------------------------------------------------------------------------------------
// delete_service_token
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_service_token_minimal_and_all_parameters() {
    assert_wire(
        &build(&DeleteServiceToken::new(
            "elastic",
            "fleet-server",
            "token42",
        )),
        "DELETE",
        "/_security/service/elastic/fleet-server/credential/token/token42",
        None,
    );
    assert_wire(
        &build(
            &DeleteServiceToken::new("a/b", "c d", "t?1")
                .refresh(Refresh::True)
                .error_trace(false)
                .filter_path("found")
                .human(true)
                .pretty(false),
        ),
        "DELETE",
        "/_security/service/a%2Fb/c%20d/credential/token/t%3F1?refresh=true&error_trace=false&filter_path=found&human=true&pretty=false",
        None,
    );
    assert!(DeleteServiceToken::new("elastic", "fleet-server", "")
        .request_parts()
        .is_err());
}

#[test]
fn delete_service_token_decodes() {
    assert!(decode::<DeleteServiceToken>(r#"{"found" : true}"#).found);
    assert!(!decode::<DeleteServiceToken>(r#"{"found":false}"#).found);
}

// ---------------------------------------------------------------------------------------------
// get_service_accounts
// ---------------------------------------------------------------------------------------------

#[test]
fn get_service_accounts_routes() {
    assert_wire(
        &build(&GetServiceAccounts::new()),
        "GET",
        "/_security/service",
        None,
    );
    assert_wire(
        &build(&GetServiceAccounts::new().namespace("elastic")),
        "GET",
        "/_security/service/elastic",
        None,
    );
    assert_wire(
        &build(
            &GetServiceAccounts::new()
                .namespace("elastic")
                .service("fleet server")
                .error_trace(true)
                .filter_path("*.role_descriptor.cluster")
                .human(true)
                .pretty(true),
        ),
        "GET",
        "/_security/service/elastic/fleet%20server?error_trace=true&filter_path=*.role_descriptor.cluster&human=true&pretty=true",
        None,
    );
    // A service without a namespace has no route: refused before sending.
    let err = GetServiceAccounts::new()
        .service("fleet-server")
        .request_parts()
        .unwrap_err();
    assert!(err.to_string().contains("`service`"), "{err}");
}

#[test]
fn get_service_accounts_decodes() {
    let accounts = decode::<GetServiceAccounts>(
        r#"{"elastic/fleet-server":{"role_descriptor":{"cluster":["monitor","manage_own_api_key","read_fleet_secrets"],
        "indices":[{"names":["logs-*","metrics-*"],"privileges":["write","create_index","auto_configure"],"allow_restricted_indices":false},
                   {"names":[".fleet-secrets*"],"privileges":["read"],"allow_restricted_indices":true}],
        "applications":[{"application":"kibana-*","privileges":["reserved_fleet-setup"],"resources":["*"]}],
        "run_as":[],"metadata":{},"transient_metadata":{"enabled":true}}},
        "elastic/kibana":{"role_descriptor":{"cluster":["all"],"indices":[],"remote_indices":[{"clusters":["*"],"names":["x"],"privileges":["read"]}],
        "applications":[],"run_as":[],"metadata":{},"transient_metadata":{"enabled":true}}}}"#,
    );
    let fleet = &accounts["elastic/fleet-server"].role_descriptor;
    assert_eq!(fleet.cluster[2], ClusterPrivilege::ReadFleetSecrets);
    assert_eq!(
        fleet.indices[0].privileges[2],
        IndexPrivilege::AutoConfigure
    );
    assert_eq!(fleet.indices[1].allow_restricted_indices, Some(true));
    assert_eq!(fleet.applications[0].application, "kibana-*");
    assert_eq!(
        accounts["elastic/kibana"].role_descriptor.remote_indices[0]
            .names
            .as_slice(),
        ["x"]
    );
}

#[test]
fn get_service_accounts_decodes_the_documented_answer() {
    let dir = spec("get_service_accounts_decodes_the_documented_answer");
    let answers = examples(&dir, "security.get_service_accounts", "response");
    let accounts = decode::<GetServiceAccounts>(&answers[0].raw);
    let fleet = &accounts["elastic/fleet-server"].role_descriptor;
    assert_eq!(fleet.indices.len(), 13);
    assert_eq!(fleet.applications[0].privileges, ["reserved_fleet-setup"]);
}

// ---------------------------------------------------------------------------------------------
// get_service_credentials
// ---------------------------------------------------------------------------------------------

#[test]
fn get_service_credentials_minimal_and_all_parameters() {
    assert_wire(
        &build(&GetServiceCredentials::new("elastic", "fleet-server")),
        "GET",
        "/_security/service/elastic/fleet-server/credential",
        None,
    );
    assert_wire(
        &build(
            &GetServiceCredentials::new("el astic", "fleet+server")
                .error_trace(true)
                .filter_path("count")
                .human(false)
                .pretty(false),
        ),
        "GET",
        "/_security/service/el%20astic/fleet%2Bserver/credential?error_trace=true&filter_path=count&human=false&pretty=false",
        None,
    );
    assert!(GetServiceCredentials::new("elastic", "")
        .request_parts()
        .is_err());
}

#[test]
fn get_service_credentials_decodes() {
    let credentials = decode::<GetServiceCredentials>(
        r#"{"service_account":"elastic/fleet-server","count":3,
        "tokens":{"token1":{},"token42":{"created_by":"admin"}},
        "nodes_credentials":{"_nodes":{"total":3,"successful":2,"failed":1,
            "failures":[{"type":"failed_node_exception","reason":"node n3 failed"}]},
          "file_tokens":{"my-token":{"nodes":["node0","node1"]}}}}"#,
    );
    assert_eq!(credentials.service_account, "elastic/fleet-server");
    assert_eq!(credentials.count, 3);
    assert_eq!(credentials.tokens["token42"]["created_by"], "admin");
    assert_eq!(credentials.nodes_credentials.node_stats.failed, 1);
    assert_eq!(credentials.nodes_credentials.node_stats.failures.len(), 1);
    assert_eq!(
        credentials.nodes_credentials.file_tokens["my-token"].nodes,
        ["node0", "node1"]
    );
}

#[test]
fn get_service_credentials_decodes_the_documented_answer() {
    let dir = spec("get_service_credentials_decodes_the_documented_answer");
    let answers = examples(&dir, "security.get_service_credentials", "response");
    let credentials = decode::<GetServiceCredentials>(&answers[0].raw);
    assert_eq!(credentials.tokens.len(), 2);
    assert!(credentials.tokens["token1"].is_empty());
    assert_eq!(credentials.nodes_credentials.node_stats.total, 3);
}

// ---------------------------------------------------------------------------------------------
// clear_cached_service_tokens
// ---------------------------------------------------------------------------------------------

#[test]
fn clear_cached_service_tokens_minimal_and_all_parameters() {
    assert_wire(
        &build(&ClearCachedServiceTokens::new(
            "elastic",
            "fleet-server",
            "token1",
        )),
        "POST",
        "/_security/service/elastic/fleet-server/credential/token/token1/_clear_cache",
        None,
    );
    assert_wire(
        &build(
            &ClearCachedServiceTokens::new("elastic", "fleet server", ["token1", "tok/2"])
                .error_trace(false)
                .filter_path("nodes")
                .human(true)
                .pretty(true),
        ),
        "POST",
        "/_security/service/elastic/fleet%20server/credential/token/token1,tok%2F2/_clear_cache?error_trace=false&filter_path=nodes&human=true&pretty=true",
        None,
    );
    assert_wire(
        &build(&ClearCachedServiceTokens::new(
            "elastic",
            "fleet-server",
            "*",
        )),
        "POST",
        "/_security/service/elastic/fleet-server/credential/token/*/_clear_cache",
        None,
    );
    assert!(
        ClearCachedServiceTokens::new("elastic", "fleet-server", Vec::<String>::new())
            .request_parts()
            .is_err()
    );
}

#[test]
fn clear_cached_service_tokens_decodes() {
    let answer = decode::<ClearCachedServiceTokens>(
        r#"{"_nodes":{"total":1,"successful":1,"failed":0},"cluster_name":"docker-cluster",
        "nodes":{"tU6vSGnaRbyQ_kM-S_M7HA":{"name":"instance-0000000000"}}}"#,
    );
    assert_eq!(answer.cluster_name, "docker-cluster");
    assert_eq!(
        answer.nodes["tU6vSGnaRbyQ_kM-S_M7HA"].name,
        "instance-0000000000"
    );
}
