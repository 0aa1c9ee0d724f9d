//! The test server driven with plain HTTP: what Elasticsearch 8.14 answers, byte for byte
//! where it matters (statuses, error types and reasons, headers).

mod common;

use common::{basic, call, call_with, Answer};
use security_testkit::{Config, TestServer};
use serde_json::{json, Value};
use std::time::Duration;

const CHALLENGES: [&str; 3] = [
    "Basic realm=\"security\" charset=\"UTF-8\"",
    "Bearer realm=\"security\"",
    "ApiKey",
];

async fn server() -> (TestServer, String, String) {
    let server = TestServer::start(Config::default().elastic_password("s3cr3t-pw"))
        .await
        .unwrap();
    let url = server.url();
    (server, url, basic("elastic", "s3cr3t-pw"))
}

fn assert_product(a: &Answer) {
    assert_eq!(
        a.header("x-elastic-product").as_deref(),
        Some("Elasticsearch"),
        "{a:?}"
    );
}

#[tokio::test]
async fn missing_credentials_get_elasticsearchs_401() {
    let (_server, url, _) = server().await;
    let a = call(&url, "GET", "/_security/_authenticate", None, None).await;
    assert_eq!(a.status, 401);
    assert_product(&a);
    assert_eq!(a.header_values("www-authenticate"), CHALLENGES);
    let reason = "missing authentication credentials for REST request [/_security/_authenticate]";
    let cause = json!({
        "type": "security_exception",
        "reason": reason,
        "header": {"WWW-Authenticate": CHALLENGES},
    });
    let mut error = cause.clone();
    error["root_cause"] = json!([cause]);
    assert_eq!(a.body, json!({"error": error, "status": 401}));
}

#[tokio::test]
async fn wrong_password_and_unknown_scheme() {
    let (_server, url, _) = server().await;
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate?pretty",
        Some(&basic("elastic", "nope")),
        None,
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(
        a.body["error"]["reason"],
        "unable to authenticate user [elastic] for REST request [/_security/_authenticate?pretty]"
    );
    assert_eq!(a.header_values("www-authenticate").len(), 3);
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some("Digest abc"),
        None,
    )
    .await;
    assert_eq!(a.status, 401);
    assert!(a.body["error"]["reason"]
        .as_str()
        .unwrap()
        .starts_with("missing authentication credentials"));
}

#[tokio::test]
async fn elastic_authenticates_as_reserved_superuser() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.status, 200);
    assert_product(&a);
    assert_eq!(
        a.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        a.body,
        json!({
            "username": "elastic",
            "roles": ["superuser"],
            "full_name": null,
            "email": null,
            "metadata": {"_reserved": true},
            "enabled": true,
            "authentication_realm": {"name": "reserved", "type": "reserved"},
            "lookup_realm": {"name": "reserved", "type": "reserved"},
            "authentication_type": "realm"
        })
    );
    let u = call(&url, "GET", "/_security/user/elastic", Some(&elastic), None).await;
    assert_eq!(u.body["elastic"]["metadata"]["_reserved"], true);
    let r = call(
        &url,
        "GET",
        "/_security/role/superuser",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(r.body["superuser"]["metadata"]["_reserved"], true);
    assert_eq!(r.body["superuser"]["cluster"], json!(["all"]));
}

#[tokio::test]
async fn user_lifecycle() {
    let (_server, url, elastic) = server().await;
    let jack = basic("jacknich", "l0ng-p@ss");
    let body = json!({"password": "l0ng-p@ss", "roles": ["admin"], "full_name": "Jack Nicholson", "email": "jack@example.com", "metadata": {"intelligence": 7}});
    let a = call(
        &url,
        "PUT",
        "/_security/user/jacknich",
        Some(&elastic),
        Some(body.clone()),
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (200, json!({"created": true})));
    let a = call(
        &url,
        "POST",
        "/_security/user/jacknich",
        Some(&elastic),
        Some(body),
    )
    .await;
    assert_eq!(a.body, json!({"created": false}));

    let a = call(
        &url,
        "GET",
        "/_security/user/jacknich",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body,
        json!({"jacknich": {"username": "jacknich", "roles": ["admin"], "full_name": "Jack Nicholson", "email": "jack@example.com", "metadata": {"intelligence": 7}, "enabled": true}})
    );
    let me = call(&url, "GET", "/_security/_authenticate", Some(&jack), None).await;
    assert_eq!(me.status, 200);
    assert_eq!(
        me.body["authentication_realm"],
        json!({"name": "default_native", "type": "native"})
    );

    // Disabled users cannot log in.
    let a = call(
        &url,
        "PUT",
        "/_security/user/jacknich/_disable",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (200, json!({})));
    let a = call(&url, "GET", "/_security/_authenticate", Some(&jack), None).await;
    assert_eq!(a.status, 401);
    assert_eq!(
        a.body["error"]["reason"],
        "unable to authenticate user [jacknich] for REST request [/_security/_authenticate]"
    );
    let a = call(
        &url,
        "GET",
        "/_security/user/jacknich",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body["jacknich"]["enabled"], false);
    call(
        &url,
        "POST",
        "/_security/user/jacknich/_enable",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&jack), None)
            .await
            .status,
        200
    );

    // A user changes its own password (no privilege needed).
    let a = call(
        &url,
        "POST",
        "/_security/user/_password",
        Some(&jack),
        Some(json!({"password": "n3w-p@ss"})),
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (200, json!({})));
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&jack), None)
            .await
            .status,
        401
    );
    assert_eq!(
        call(
            &url,
            "GET",
            "/_security/_authenticate",
            Some(&basic("jacknich", "n3w-p@ss")),
            None
        )
        .await
        .status,
        200
    );

    let a = call(
        &url,
        "DELETE",
        "/_security/user/jacknich",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (200, json!({"found": true})));
    let a = call(
        &url,
        "DELETE",
        "/_security/user/jacknich",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (404, json!({"found": false})));
    let a = call(
        &url,
        "GET",
        "/_security/user/jacknich",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (404, json!({})));
    assert_product(&a);
}

#[tokio::test]
async fn user_validation_and_reserved_users() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "PUT",
        "/_security/user/ghost/_enable",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "validation_exception");
    assert_eq!(
        a.body["error"]["reason"],
        "Validation Failed: 1: only existing users can be enabled;"
    );
    let a = call(
        &url,
        "PUT",
        "/_security/user/ghost/_password",
        Some(&elastic),
        Some(json!({"password": "ghost-pass"})),
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "Validation Failed: 1: user must exist in order to change password;"
    );
    let a = call(
        &url,
        "PUT",
        "/_security/user/elastic/_disable",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "users may not update the enabled status of their own account"
    );
    // A reserved user gets a password, then can log in.
    let kibana = basic("kibana_system", "kibana-pass");
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&kibana), None)
            .await
            .status,
        401
    );
    call(
        &url,
        "POST",
        "/_security/user/kibana_system/_password",
        Some(&elastic),
        Some(json!({"password": "kibana-pass"})),
    )
    .await;
    let me = call(&url, "GET", "/_security/_authenticate", Some(&kibana), None).await;
    assert_eq!(me.body["roles"], json!(["kibana_system"]));
    let a = call(
        &url,
        "PUT",
        "/_security/user/bob",
        Some(&elastic),
        Some(json!({"password": "abc"})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body["error"]["type"],
        "action_request_validation_exception"
    );
    assert_eq!(
        a.body["error"]["reason"],
        "Validation Failed: 1: roles are missing;2: passwords must be at least [6] characters long;"
    );
    let a = call(
        &url,
        "PUT",
        "/_security/user/bob",
        Some(&elastic),
        Some(json!({"roles": []})),
    )
    .await;
    assert_eq!(a.body["error"]["reason"], "Validation Failed: 1: password must be specified unless you are updating an existing user;");
    let a = call(
        &url,
        "PUT",
        "/_security/user/elastic",
        Some(&elastic),
        Some(json!({"password": "whatever1", "roles": []})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "illegal_argument_exception");
    assert_eq!(
        a.body["error"]["reason"],
        "user [elastic] is reserved and only the password can be changed"
    );
    let a = call(
        &url,
        "DELETE",
        "/_security/user/elastic",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "user [elastic] is reserved and cannot be deleted"
    );
    let a = call(
        &url,
        "PUT",
        "/_security/user/bob",
        Some(&elastic),
        Some(json!({"password": "abcdef", "roles": [], "nickname": "b"})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "parse_exception");
}

#[tokio::test]
async fn roles_grant_and_deny_actions() {
    let (_server, url, elastic) = server().await;
    let a = call(&url, "PUT", "/_security/role/monitor_only", Some(&elastic), Some(json!({"cluster": ["monitor"], "indices": [{"names": ["logs-*"], "privileges": ["read"]}]}))).await;
    assert_eq!(
        (a.status, a.body.clone()),
        (200, json!({"role": {"created": true}}))
    );
    let a = call(
        &url,
        "PUT",
        "/_security/role/monitor_only",
        Some(&elastic),
        Some(json!({"cluster": ["monitor"]})),
    )
    .await;
    assert_eq!(a.body, json!({"role": {"created": false}}));
    call(
        &url,
        "PUT",
        "/_security/user/mo",
        Some(&elastic),
        Some(json!({"password": "mo-pass1", "roles": ["monitor_only"]})),
    )
    .await;
    let mo = basic("mo", "mo-pass1");
    let a = call(
        &url,
        "PUT",
        "/_security/user/x",
        Some(&mo),
        Some(json!({"password": "xxxxxx", "roles": []})),
    )
    .await;
    assert_eq!(a.status, 403);
    assert_product(&a);
    assert_eq!(a.body["error"]["type"], "security_exception");
    assert_eq!(
        a.body["error"]["reason"],
        "action [cluster:admin/xpack/security/user/put] is unauthorized for user [mo] with effective roles [monitor_only], this action is granted by the cluster privileges [manage_security,all]"
    );
    let a = call(
        &url,
        "GET",
        "/_security/role/monitor_only",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body,
        json!({"monitor_only": {"cluster": ["monitor"], "indices": [], "applications": [], "run_as": [], "metadata": {}, "transient_metadata": {"enabled": true}}})
    );

    let a = call(
        &url,
        "PUT",
        "/_security/role/bad",
        Some(&elastic),
        Some(json!({"cluster": ["fly"]})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert!(
        a.body["error"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("Validation Failed: 1: unknown cluster privilege [fly]."),
        "{}",
        a.body
    );
    let a = call(
        &url,
        "PUT",
        "/_security/role/superuser",
        Some(&elastic),
        Some(json!({})),
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "Validation Failed: 1: Role [superuser] is reserved and may not be used.;"
    );
    let a = call(
        &url,
        "PUT",
        "/_security/role/r",
        Some(&elastic),
        Some(json!({"description": "8.15 field"})),
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "failed to parse role [r]. unexpected field [description]"
    );
    let a = call(&url, "GET", "/_security/role/nope", Some(&elastic), None).await;
    assert_eq!((a.status, a.body.clone()), (404, json!({})));
    let a = call(
        &url,
        "DELETE",
        "/_security/role/monitor_only",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body, json!({"found": true}));
    let a = call(
        &url,
        "DELETE",
        "/_security/role/monitor_only",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (404, json!({"found": false})));
}

#[tokio::test]
async fn role_mappings_and_application_privileges() {
    let (_server, url, elastic) = server().await;
    let mapping = json!({"enabled": true, "roles": ["user"], "rules": {"all": [{"field": {"username": "*"}}, {"except": {"field": {"realm.name": "file"}}}]}, "metadata": {"version": 1}});
    let a = call(
        &url,
        "PUT",
        "/_security/role_mapping/mapping1",
        Some(&elastic),
        Some(mapping.clone()),
    )
    .await;
    assert_eq!(a.body, json!({"role_mapping": {"created": true}}));
    let a = call(
        &url,
        "GET",
        "/_security/role_mapping/mapping1",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body["mapping1"], mapping);
    let a = call(
        &url,
        "PUT",
        "/_security/role_mapping/m2",
        Some(&elastic),
        Some(json!({"enabled": true, "rules": {"field": {"username": "x"}}})),
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "Validation Failed: 1: role-mapping roles or role-templates are missing;"
    );
    assert_eq!(
        (call(
            &url,
            "GET",
            "/_security/role_mapping/m2",
            Some(&elastic),
            None
        )
        .await
        .status),
        404
    );

    let a = call(&url, "PUT", "/_security/privilege", Some(&elastic), Some(json!({"myapp": {"read": {"actions": ["data:read/*", "action:login"], "metadata": {"description": "Read access"}}}}))).await;
    assert_eq!(a.body, json!({"myapp": {"read": {"created": true}}}));
    let a = call(
        &url,
        "GET",
        "/_security/privilege/myapp/read",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body,
        json!({"myapp": {"read": {"application": "myapp", "name": "read", "actions": ["data:read/*", "action:login"], "metadata": {"description": "Read access"}}}})
    );
    let a = call(
        &url,
        "DELETE",
        "/_security/privilege/myapp/read,write",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body,
        json!({"myapp": {"read": {"found": true}, "write": {"found": false}}})
    );
    let a = call(
        &url,
        "GET",
        "/_security/privilege/myapp",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!((a.status, a.body.clone()), (404, json!({})));
}

/// `ApiKey <encoded>`.
fn api_key_auth(created: &Value) -> String {
    format!("ApiKey {}", created["encoded"].as_str().unwrap())
}

#[tokio::test]
async fn api_key_create_authenticate_invalidate() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "POST",
        "/_security/api_key",
        Some(&elastic),
        Some(json!({"name": "my-api-key", "metadata": {"application": "my-app"}})),
    )
    .await;
    assert_eq!(a.status, 200);
    let id = a.body["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 20);
    assert_eq!(a.body["name"], "my-api-key");
    assert!(a.body.get("expiration").is_none());
    let secret = a.body["api_key"].as_str().unwrap();
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(a.body["encoded"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        String::from_utf8(decoded).unwrap(),
        format!("{id}:{secret}")
    );

    let key = api_key_auth(&a.body);
    let me = call(&url, "GET", "/_security/_authenticate", Some(&key), None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["username"], "elastic");
    assert_eq!(me.body["roles"], json!([]));
    assert_eq!(me.body["authentication_type"], "api_key");
    assert_eq!(
        me.body["authentication_realm"],
        json!({"name": "_es_api_key", "type": "_es_api_key"})
    );
    assert_eq!(me.body["api_key"], json!({"id": id, "name": "my-api-key"}));

    let got = call(
        &url,
        "GET",
        &format!("/_security/api_key?id={id}&with_limited_by=true"),
        Some(&elastic),
        None,
    )
    .await;
    let info = &got.body["api_keys"][0];
    assert_eq!(info["invalidated"], false);
    assert_eq!(info["username"], "elastic");
    assert_eq!(info["realm"], "reserved");
    assert_eq!(info["metadata"], json!({"application": "my-app"}));
    assert_eq!(info["role_descriptors"], json!({}));
    assert_eq!(
        info["limited_by"][0]["superuser"]["cluster"],
        json!(["all"])
    );

    let a = call(
        &url,
        "DELETE",
        "/_security/api_key",
        Some(&elastic),
        Some(json!({"ids": [id]})),
    )
    .await;
    assert_eq!(
        a.body,
        json!({"invalidated_api_keys": [id], "previously_invalidated_api_keys": [], "error_count": 0})
    );
    let a = call(&url, "GET", "/_security/_authenticate", Some(&key), None).await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body["error"]["reason"], "unable to authenticate with provided credentials and anonymous access is not allowed for this request");
    assert_eq!(
        a.body["error"]["additional_unsuccessful_credentials"],
        format!("API key: api key [{id}] has been invalidated")
    );
    assert_eq!(a.header_values("www-authenticate"), CHALLENGES);
    let a = call(
        &url,
        "DELETE",
        "/_security/api_key",
        Some(&elastic),
        Some(json!({"ids": [id]})),
    )
    .await;
    assert_eq!(a.body["invalidated_api_keys"], json!([]));
    let got = call(
        &url,
        "GET",
        &format!("/_security/api_key?id={id}"),
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(got.body["api_keys"][0]["invalidated"], true);
    assert!(got.body["api_keys"][0]["invalidation"].is_i64());

    let wrong = format!("ApiKey {}", common_b64(&format!("{id}:wrong")));
    let a = call(&url, "GET", "/_security/_authenticate", Some(&wrong), None).await;
    assert_eq!(
        a.body["error"]["additional_unsuccessful_credentials"],
        format!("API key: api key [{id}] has been invalidated")
    );
    let unknown = format!("ApiKey {}", common_b64("nope:secret"));
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&unknown),
        None,
    )
    .await;
    assert_eq!(
        a.body["error"]["additional_unsuccessful_credentials"],
        "API key: unable to find apikey with id nope"
    );
}

fn common_b64(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[tokio::test]
async fn expired_api_key_is_rejected() {
    let (server, url, elastic) = server().await;
    let a = call(
        &url,
        "PUT",
        "/_security/api_key",
        Some(&elastic),
        Some(json!({"name": "short", "expiration": "1h"})),
    )
    .await;
    let created = a.body["expiration"].as_i64().unwrap();
    let key = api_key_auth(&a.body);
    let info = call(
        &url,
        "GET",
        "/_security/api_key?name=short",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        created - info.body["api_keys"][0]["creation"].as_i64().unwrap(),
        3_600_000
    );
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&key), None)
            .await
            .status,
        200
    );
    server.advance_time(Duration::from_secs(2 * 3600));
    let a = call(&url, "GET", "/_security/_authenticate", Some(&key), None).await;
    assert_eq!(a.status, 401);
    assert_eq!(
        a.body["error"]["additional_unsuccessful_credentials"],
        "API key: api key is expired"
    );
    let active = call(
        &url,
        "GET",
        "/_security/api_key?name=short&active_only=true",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(active.body, json!({"api_keys": []}));
    let a = call(
        &url,
        "PUT",
        "/_security/api_key",
        Some(&elastic),
        Some(json!({"name": "bad", "expiration": "soon"})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body["error"]["caused_by"]["type"],
        "illegal_argument_exception"
    );
}

#[tokio::test]
async fn query_api_keys_with_sort_and_search_after() {
    let (_server, url, elastic) = server().await;
    for name in ["k-c", "k-a", "k-e", "k-b", "k-d", "other"] {
        call(&url, "POST", "/_security/api_key", Some(&elastic), Some(json!({"name": name, "metadata": {"env": if name == "other" { "test" } else { "prod" }}}))).await;
    }
    let q = json!({"query": {"bool": {"must": [{"prefix": {"name": "k-"}}], "filter": [{"term": {"metadata.env": "prod"}}]}}, "sort": ["name"], "size": 2});
    let page1 = call(
        &url,
        "POST",
        "/_security/_query/api_key",
        Some(&elastic),
        Some(q.clone()),
    )
    .await;
    assert_eq!(page1.status, 200, "{}", page1.body);
    assert_eq!(page1.body["total"], 5);
    assert_eq!(page1.body["count"], 2);
    let names = |a: &Answer| {
        a.body["api_keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&page1), ["k-a", "k-b"]);
    assert_eq!(page1.body["api_keys"][1]["_sort"], json!(["k-b"]));
    let mut q2 = q.clone();
    q2["search_after"] = page1.body["api_keys"][1]["_sort"].clone();
    let page2 = call(
        &url,
        "GET",
        "/_security/_query/api_key",
        Some(&elastic),
        Some(q2),
    )
    .await;
    assert_eq!(names(&page2), ["k-c", "k-d"]);
    assert_eq!(page2.body["total"], 5);

    let all = call(&url, "POST", "/_security/_query/api_key", Some(&elastic), Some(json!({"query": {"match_all": {}}, "from": 1, "size": 100, "sort": [{"creation": {"order": "desc"}}, "name"]}))).await;
    assert_eq!(all.body["total"], 6);
    assert_eq!(all.body["count"], 5);
    let ids = call(
        &url,
        "POST",
        "/_security/_query/api_key",
        Some(&elastic),
        Some(json!({"query": {"ids": {"values": [page1.body["api_keys"][0]["id"]]}}})),
    )
    .await;
    assert_eq!(names(&ids), ["k-a"]);
    assert!(ids.body["api_keys"][0].get("_sort").is_none());
    let bad = call(
        &url,
        "POST",
        "/_security/_query/api_key",
        Some(&elastic),
        Some(json!({"query": {"term": {"api_key_hash": "x"}}})),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.body["error"]["reason"],
        "Field [api_key_hash] is not allowed for API Key query"
    );
    let no_body = call(
        &url,
        "GET",
        "/_security/_query/api_key",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(no_body.body["count"], 6);
}

#[tokio::test]
async fn tokens_get_refresh_invalidate() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "password", "username": "elastic", "password": "s3cr3t-pw"})),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["type"], "Bearer");
    assert_eq!(a.body["expires_in"], 1200);
    assert_eq!(a.body["authentication"]["username"], "elastic");
    assert_eq!(a.body["authentication"]["authentication_type"], "realm");
    let access = a.body["access_token"].as_str().unwrap().to_owned();
    let refresh = a.body["refresh_token"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {access}");
    let me = call(&url, "GET", "/_security/_authenticate", Some(&bearer), None).await;
    assert_eq!(me.body["authentication_type"], "token");
    assert_eq!(me.body["username"], "elastic");

    let r = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "refresh_token", "refresh_token": refresh})),
    )
    .await;
    assert_eq!(r.status, 200);
    let new_access = r.body["access_token"].as_str().unwrap().to_owned();
    assert_ne!(new_access, access);
    assert_eq!(
        call(
            &url,
            "GET",
            "/_security/_authenticate",
            Some(&format!("Bearer {new_access}")),
            None
        )
        .await
        .status,
        200
    );
    let again = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "refresh_token", "refresh_token": refresh})),
    )
    .await;
    assert_eq!(
        (again.status, again.body.clone()),
        (
            400,
            json!({"error": "invalid_grant", "error_description": "token has already been refreshed"})
        )
    );

    let inv = call(
        &url,
        "DELETE",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"token": access})),
    )
    .await;
    assert_eq!(
        inv.body,
        json!({"invalidated_tokens": 1, "previously_invalidated_tokens": 0, "error_count": 0})
    );
    let a = call(&url, "GET", "/_security/_authenticate", Some(&bearer), None).await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body["error"]["reason"], "token expired");
    assert_eq!(
        a.header_values("www-authenticate"),
        ["Bearer realm=\"security\", error=\"invalid_token\", error_description=\"The access token expired\""]
    );
    let inv = call(
        &url,
        "DELETE",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"token": access})),
    )
    .await;
    assert_eq!(inv.body["previously_invalidated_tokens"], 1);
    let inv = call(
        &url,
        "DELETE",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"token": "unknown"})),
    )
    .await;
    assert_eq!(inv.status, 404);

    let cc = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "client_credentials"})),
    )
    .await;
    assert!(cc.body.get("refresh_token").is_none());
    let bad = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "password"})),
    )
    .await;
    assert_eq!(
        bad.body,
        json!({"error": "invalid_request", "error_description": "Validation Failed: 1: username is missing;2: password is missing;"})
    );
    let bad = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"username": "x"})),
    )
    .await;
    assert_eq!(
        bad.body,
        json!({"error": "unsupported_grant_type", "error_description": "Validation Failed: 1: grant_type only supports the values: [password, _kerberos, refresh_token, client_credentials];"})
    );
}

#[tokio::test]
async fn access_tokens_expire() {
    let server = TestServer::start(Config::default().token_lifetime(Duration::from_secs(60)))
        .await
        .unwrap();
    let url = server.url();
    let elastic = basic("elastic", "changeme");
    let a = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "client_credentials"})),
    )
    .await;
    assert_eq!(a.body["expires_in"], 60);
    let bearer = format!("Bearer {}", a.body["access_token"].as_str().unwrap());
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&bearer), None)
            .await
            .status,
        200
    );
    server.advance_time(Duration::from_secs(61));
    assert_eq!(
        call(&url, "GET", "/_security/_authenticate", Some(&bearer), None)
            .await
            .body["error"]["reason"],
        "token expired"
    );
}

#[tokio::test]
async fn has_privileges_with_index_wildcards_and_api_key_limits() {
    let (_server, url, elastic) = server().await;
    call(&url, "PUT", "/_security/role/logs_writer", Some(&elastic), Some(json!({
        "cluster": ["monitor", "manage_own_api_key"],
        "indices": [{"names": ["logs-*"], "privileges": ["read", "write"]}],
        "applications": [{"application": "myapp", "privileges": ["read"], "resources": ["doc/*"]}]
    }))).await;
    call(
        &url,
        "PUT",
        "/_security/user/lw",
        Some(&elastic),
        Some(json!({"password": "lw-pass1", "roles": ["logs_writer"]})),
    )
    .await;
    let lw = basic("lw", "lw-pass1");
    let check = json!({
        "cluster": ["monitor", "manage"],
        "index": [
            {"names": ["logs-app", "logs-*"], "privileges": ["read", "index"]},
            {"names": ["metrics-1"], "privileges": ["read"]}
        ],
        "application": [{"application": "myapp", "privileges": ["read", "write"], "resources": ["doc/1"]}]
    });
    let a = call(
        &url,
        "POST",
        "/_security/user/_has_privileges",
        Some(&lw),
        Some(check.clone()),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.body,
        json!({
            "username": "lw",
            "has_all_requested": false,
            "cluster": {"monitor": true, "manage": false},
            "index": {
                "logs-app": {"read": true, "index": true},
                "logs-*": {"read": true, "index": true},
                "metrics-1": {"read": false}
            },
            "application": {"myapp": {"doc/1": {"read": true, "write": false}}}
        })
    );
    let a = call(
        &url,
        "GET",
        "/_security/user/elastic/_has_privileges",
        Some(&lw),
        Some(check.clone()),
    )
    .await;
    assert_eq!(
        a.body["error"]["reason"],
        "users may only check the privileges of their own account"
    );

    // A key limited to logs-app-* for reading only.
    let created = call(&url, "POST", "/_security/api_key", Some(&lw), Some(json!({
        "name": "reader",
        "role_descriptors": {"r": {"indices": [{"names": ["logs-app-*"], "privileges": ["read"]}]}}
    }))).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let key = api_key_auth(&created.body);
    let a = call(&url, "POST", "/_security/user/_has_privileges", Some(&key), Some(json!({
        "cluster": ["monitor"],
        "index": [{"names": ["logs-app-1", "logs-web-1", "logs-app-*"], "privileges": ["read", "write"]}]
    }))).await;
    assert_eq!(a.body["username"], "lw");
    assert_eq!(a.body["cluster"], json!({"monitor": false}));
    assert_eq!(
        a.body["index"],
        json!({
            "logs-app-1": {"read": true, "write": false},
            "logs-web-1": {"read": false, "write": false},
            "logs-app-*": {"read": true, "write": false}
        })
    );
    // The key cannot do what its descriptors do not allow, even though its owner can.
    let a = call(
        &url,
        "GET",
        "/_security/api_key?owner=true",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(a.status, 403);
    assert!(a.body["error"]["reason"].as_str().unwrap().starts_with(&format!(
        "action [cluster:admin/xpack/security/api_key/get] is unauthorized for API key id [{}] of user [lw]",
        created.body["id"].as_str().unwrap()
    )));
    let a = call(
        &url,
        "GET",
        "/_security/api_key?owner=true",
        Some(&lw),
        None,
    )
    .await;
    assert_eq!(a.body["api_keys"].as_array().unwrap().len(), 1);
    let a = call(&url, "GET", "/_security/api_key", Some(&lw), None).await;
    assert_eq!(
        a.status, 403,
        "manage_own_api_key does not list other users' keys"
    );
}

#[tokio::test]
async fn cors_as_elasticsearch_settings_do_it() {
    let server = TestServer::start(
        Config::default()
            .cors_allow_origin("http://localhost:8080")
            .cors_allow_credentials(true),
    )
    .await
    .unwrap();
    let url = server.url();
    let preflight = call_with(
        &url,
        "OPTIONS",
        "/_security/_authenticate",
        None,
        &[
            ("origin", "http://localhost:8080"),
            ("access-control-request-method", "GET"),
            (
                "access-control-request-headers",
                "authorization,x-opaque-id",
            ),
        ],
        None,
    )
    .await;
    assert_eq!(preflight.status, 200);
    assert_eq!(
        preflight.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:8080")
    );
    assert_eq!(
        preflight
            .header("access-control-allow-credentials")
            .as_deref(),
        Some("true")
    );
    let methods = preflight.header("access-control-allow-methods").unwrap();
    assert!(
        methods.contains("GET") && methods.contains("DELETE"),
        "{methods}"
    );
    let headers = preflight.header("access-control-allow-headers").unwrap();
    for h in ["Authorization", "Content-Type", "X-Opaque-Id"] {
        assert!(headers.contains(h), "{headers}");
    }
    assert_eq!(preflight.body, Value::Null);

    let a = call_with(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&basic("elastic", "changeme")),
        &[
            ("origin", "http://localhost:8080"),
            ("x-opaque-id", "req-42"),
        ],
        None,
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:8080")
    );
    assert_eq!(a.header("x-opaque-id").as_deref(), Some("req-42"));
    // Browsers only show the product header to the page when it is exposed.
    assert_eq!(
        a.header("access-control-expose-headers").as_deref(),
        Some("X-elastic-product")
    );

    let denied = call_with(
        &url,
        "OPTIONS",
        "/_security/_authenticate",
        None,
        &[
            ("origin", "http://evil.example"),
            ("access-control-request-method", "GET"),
        ],
        None,
    )
    .await;
    assert_eq!(denied.status, 403);
    assert!(denied.header("access-control-allow-origin").is_none());

    // Without CORS settings, no CORS headers.
    let (_plain, plain_url, elastic) = self::server().await;
    let a = call_with(
        &plain_url,
        "GET",
        "/_security/_authenticate",
        Some(&elastic),
        &[("origin", "http://localhost:8080")],
        None,
    )
    .await;
    assert!(a.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn not_emulated_endpoints_say_so() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "POST",
        "/_security/saml/prepare",
        Some(&elastic),
        Some(json!({"realm": "saml1"})),
    )
    .await;
    assert_eq!(a.status, 501);
    assert_product(&a);
    assert_eq!(a.body["status"], 501);
    assert_eq!(a.body["error"]["type"], "unsupported_operation_exception");
    assert_eq!(
        a.body["error"]["root_cause"][0]["type"],
        "unsupported_operation_exception"
    );
    let reason = a.body["error"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("does not emulate SAML") && reason.contains("not Elasticsearch"),
        "{reason}"
    );
    let a = call(&url, "GET", "/_security/profile/u_1", Some(&elastic), None).await;
    assert_eq!(a.status, 501);
    assert!(a.body["error"]["reason"]
        .as_str()
        .unwrap()
        .contains("user profiles"));
    let a = call(
        &url,
        "POST",
        "/_security/oauth2/token",
        Some(&elastic),
        Some(json!({"grant_type": "_kerberos", "kerberos_ticket": "x"})),
    )
    .await;
    assert_eq!(a.status, 501);
    // Still authenticated first, as Elasticsearch would.
    let a = call(
        &url,
        "POST",
        "/_security/saml/prepare",
        None,
        Some(json!({"realm": "saml1"})),
    )
    .await;
    assert_eq!(a.status, 401);
}

#[tokio::test]
async fn fixed_answers_and_routing_errors() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "POST",
        "/_security/realm/*/_clear_cache",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(
        a.body["_nodes"],
        json!({"total": 1, "successful": 1, "failed": 0})
    );
    let a = call(
        &url,
        "GET",
        "/_security/privilege/_builtin",
        Some(&elastic),
        None,
    )
    .await;
    assert!(a.body["cluster"]
        .as_array()
        .unwrap()
        .contains(&json!("manage_own_api_key")));
    assert!(a.body["index"]
        .as_array()
        .unwrap()
        .contains(&json!("create_doc")));
    let a = call(&url, "GET", "/_security/service", Some(&elastic), None).await;
    assert!(a.body["elastic/fleet-server"]["role_descriptor"]["cluster"].is_array());

    let a = call(&url, "GET", "/_security/user?foo=1", Some(&elastic), None).await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body["error"]["reason"],
        "request [/_security/user] contains unrecognized parameter: [foo]"
    );
    let a = call(&url, "PATCH", "/_security/user/x", Some(&elastic), None).await;
    assert_eq!(a.status, 405);
    assert!(a.header("allow").unwrap().contains("PUT"));
    let a = call(&url, "GET", "/_security/nothing", Some(&elastic), None).await;
    assert_eq!(
        (a.status, a.body.clone()),
        (
            400,
            json!({"error": "no handler found for uri [/_security/nothing] and method [GET]"})
        )
    );
    assert_product(&a);
    let a = call(&url, "PUT", "/_security/user/x", Some(&elastic), None).await;
    assert_eq!(a.body["error"]["reason"], "request body is required");
    let a = call(
        &url,
        "GET",
        "/_security/user?filter_path=*.username",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body["elastic"], json!({"username": "elastic"}));
    let a = call(&url, "GET", "/", Some(&elastic), None).await;
    assert_eq!(a.body["version"]["number"], "8.14.3");
}

#[tokio::test]
async fn service_account_tokens_authenticate() {
    let (_server, url, elastic) = server().await;
    let a = call(
        &url,
        "POST",
        "/_security/service/elastic/fleet-server/credential/token/token1",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body["created"], true);
    let value = a.body["token"]["value"].as_str().unwrap().to_owned();
    assert!(
        value.starts_with("AAEAAWVsYXN0aWMvZmxlZXQtc2VydmVyL3Rva2VuMT"),
        "{value}"
    );
    let a = call(
        &url,
        "POST",
        "/_security/service/elastic/fleet-server/credential/token/token1",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.status, 409);
    assert_eq!(a.body["error"]["type"], "version_conflict_engine_exception");
    let me = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&format!("Bearer {value}")),
        None,
    )
    .await;
    assert_eq!(me.body["username"], "elastic/fleet-server");
    assert_eq!(
        me.body["token"],
        json!({"name": "token1", "type": "_service_account_index"})
    );
    let creds = call(
        &url,
        "GET",
        "/_security/service/elastic/fleet-server/credential",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(creds.body["count"], 1);
    assert_eq!(creds.body["tokens"], json!({"token1": {}}));
    let a = call(
        &url,
        "DELETE",
        "/_security/service/elastic/fleet-server/credential/token/token1",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.body, json!({"found": true}));
    assert_eq!(
        call(
            &url,
            "GET",
            "/_security/_authenticate",
            Some(&format!("Bearer {value}")),
            None
        )
        .await
        .status,
        401
    );
}

#[test]
fn blocking_variant_serves_plain_http() {
    let server =
        TestServer::start_blocking(Config::default().elastic_password("blocking")).unwrap();
    let request = format!(
        "GET /_security/_authenticate HTTP/1.1\r\nHost: localhost\r\nAuthorization: {}\r\nConnection: close\r\n\r\n",
        basic("elastic", "blocking")
    );
    let answer = common::raw_answer(&common::raw_exchange(server.addr(), request.as_bytes()));
    assert_eq!((answer.status, answer.reason.as_str()), (200, "OK"));
    assert_eq!(
        answer.header("x-elastic-product"),
        Some("Elasticsearch"),
        "{answer:?}"
    );
    assert_eq!(answer.json()["username"], "elastic", "{answer:?}");
    // Stops the accept loop and joins the server thread (would hang if it did not stop).
    server.shutdown();
}
