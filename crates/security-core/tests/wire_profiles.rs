//! Wire-exact requests and typed answers of the `profiles` group.
#![cfg(feature = "profiles")]

mod common;
use common::*;
use security_core::profiles::*;
use security_core::types::common::{ClusterPrivilege, IndexPrivilege, Refresh};
use security_core::types::profiles::*;
use security_core::{Endpoint, Error};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

const UID: &str = "u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0";

/// A realistic profile as Elasticsearch 8.x returns it, with a field newer servers may add.
const PROFILE: &str = r#"{
    "uid": "u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0",
    "enabled": true,
    "last_synchronized": 1642650651037,
    "user": {
        "username": "jacknich",
        "roles": ["admin", "other_role1"],
        "realm_name": "saml1",
        "realm_domain": "my_domain",
        "full_name": "Jack Nicholson",
        "email": null,
        "new_user_field": 1
    },
    "labels": {"direction": "north"},
    "data": {"app1": {"theme": "dark", "recent": ["dash-1", "dash-2"]}},
    "_doc": {"_primary_term": 88, "_seq_no": 66},
    "new_field": {"x": 1}
}"#;

/// Application data a caller defines.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct App1 {
    theme: String,
    recent: Vec<String>,
}

// ---------------------------------------------------------------- activate_user_profile

#[test]
fn activate_user_profile_minimal_and_all_parameters() {
    let req = build(&ActivateUserProfile::new(GrantType::AccessToken));
    assert_wire(
        &req,
        "POST",
        "/_security/profile/_activate",
        Some(json!({"grant_type": "access_token"})),
    );

    let req = build(
        &ActivateUserProfile::new(GrantType::Password)
            .username("jacknich")
            .password("l0ng-r4nd0m-p@ssw0rd")
            .access_token("dGhpcyBpcyBub3Q=")
            .error_trace(true)
            .filter_path(["uid", "user.username"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/profile/_activate?error_trace=true&filter_path=uid,user.username&human=true&pretty=true",
        Some(json!({
            "grant_type": "password",
            "username": "jacknich",
            "password": "l0ng-r4nd0m-p@ssw0rd",
            "access_token": "dGhpcyBpcyBub3Q="
        })),
    );
}

#[test]
fn activate_user_profile_constructors_and_secrets() {
    let req = build(&ActivateUserProfile::with_password(
        "jacknich",
        "l0ng-r4nd0m-p@ssw0rd",
    ));
    assert_body_bytes(
        &req,
        r#"{"grant_type":"password","username":"jacknich","password":"l0ng-r4nd0m-p@ssw0rd"}"#,
    );
    let req = build(&ActivateUserProfile::with_access_token("dGhpcyBpcyBub3Q="));
    assert_body_bytes(
        &req,
        r#"{"grant_type":"access_token","access_token":"dGhpcyBpcyBub3Q="}"#,
    );
    // A grant type this client does not know still reaches the wire.
    let req = build(&ActivateUserProfile::new(GrantType::from("_kerberos")));
    assert_body_bytes(&req, r#"{"grant_type":"_kerberos"}"#);

    let shown = format!(
        "{:?} {:?}",
        ActivateUserProfile::with_password("jacknich", "s3cr3t-pw"),
        ActivateUserProfile::with_access_token("s3cr3t-tok")
    );
    assert!(
        !shown.contains("s3cr3t-pw") && !shown.contains("s3cr3t-tok"),
        "{shown}"
    );
    assert!(shown.contains("jacknich"));
}

#[test]
fn activate_user_profile_decodes_the_profile() {
    let profile = decode::<ActivateUserProfile>(PROFILE);
    assert_eq!(profile.uid, UID);
    assert_eq!(profile.enabled, Some(true));
    assert_eq!(profile.last_synchronized, 1642650651037);
    assert_eq!(profile.user.username, "jacknich");
    assert_eq!(profile.user.roles, ["admin", "other_role1"]);
    assert_eq!(profile.user.realm_domain.as_deref(), Some("my_domain"));
    assert_eq!(profile.user.email, None);
    assert_eq!(profile.doc.primary_term, 88);
    assert_eq!(profile.doc.seq_no, 66);
    assert_eq!(profile.labels["direction"], "north");
    // The caller's own types, or JSON.
    let app1: App1 = profile.data_get("app1").unwrap().unwrap();
    assert_eq!(app1.recent, ["dash-1", "dash-2"]);
    let all: BTreeMap<String, App1> = profile.data_as().unwrap();
    assert_eq!(all["app1"].theme, "dark");
    assert_eq!(profile.data["app1"]["theme"], "dark");
    let labels: BTreeMap<String, String> = profile.labels_as().unwrap();
    assert_eq!(labels["direction"], "north");
}

// ---------------------------------------------------------------- get_user_profile

#[test]
fn get_user_profile_minimal_and_all_parameters() {
    let req = build(&GetUserProfile::new(UID));
    assert_wire(&req, "GET", &format!("/_security/profile/{UID}"), None);

    let req = build(
        &GetUserProfile::new([UID, "u_a b/c", "u_é"])
            .data(["app1.key1", "app 2"])
            .error_trace(false)
            .filter_path("profiles.uid")
            .human(false)
            .pretty(true),
    );
    assert_wire(
        &req,
        "GET",
        &format!(
            "/_security/profile/{UID},u_a%20b%2Fc,u_%C3%A9?data=app1.key1,app%202&error_trace=false&filter_path=profiles.uid&human=false&pretty=true"
        ),
        None,
    );
    let req = build(&GetUserProfile::new(UID).data("*"));
    assert_wire(
        &req,
        "GET",
        &format!("/_security/profile/{UID}?data=*"),
        None,
    );
}

#[test]
fn get_user_profile_rejects_empty_uids_before_sending() {
    let err = GetUserProfile::new("").request_parts().unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    let none: Vec<String> = Vec::new();
    assert!(GetUserProfile::new(none).request_parts().is_err());
}

#[test]
fn get_user_profile_decodes_several_profiles_and_errors() {
    let body = format!(
        r#"{{"profiles": [{PROFILE}, {{"uid": "u_P_0BMHgaOK3p7k-PFWUCbw9dQ-UFjt01oWJ_Dp2PmPc_0",
            "enabled": false, "last_synchronized": 1642650651038,
            "user": {{"username": "jane", "roles": [], "realm_name": "native"}},
            "labels": {{}}, "data": {{}}, "_doc": {{"_primary_term": 1, "_seq_no": 3}}}}],
          "errors": {{"count": 2, "details": {{
            "u_FmxQt3gr1BBH5wpnz9HkouPj3Q710XkOgg1PWkwLPBW_5": {{"type": "resource_not_found_exception", "reason": "profile document not found"}},
            "u_other_0": {{"type": "illegal_argument_exception", "reason": "bad uid",
              "caused_by": {{"type": "x_exception", "reason": "inner"}}}}
          }}}}}}"#
    );
    let answer = decode::<GetUserProfile>(&body);
    assert_eq!(answer.profiles.len(), 2);
    assert_eq!(answer.profiles[0].uid, UID);
    assert_eq!(answer.profiles[1].enabled, Some(false));
    assert!(answer.profiles[1].data.is_empty());
    assert_eq!(answer.profiles[1].doc.seq_no, 3);
    let errors = answer.errors.unwrap();
    assert_eq!(errors.count, 2);
    let missing = &errors.details["u_FmxQt3gr1BBH5wpnz9HkouPj3Q710XkOgg1PWkwLPBW_5"];
    assert_eq!(missing.error_type, "resource_not_found_exception");
    assert_eq!(
        missing.reason.as_deref(),
        Some("profile document not found")
    );
    assert_eq!(
        errors.details["u_other_0"]
            .caused_by
            .as_ref()
            .unwrap()
            .error_type,
        "x_exception"
    );

    // Without errors, `errors` is absent.
    let answer = decode::<GetUserProfile>(r#"{"profiles":[]}"#);
    assert!(answer.profiles.is_empty() && answer.errors.is_none());
}

#[test]
fn get_user_profile_decode_errors_name_the_path() {
    let err = GetUserProfile::decode(es_response(
        200,
        r#"{"profiles":[{"uid":"u_1","user":{"username":"j","realm_name":"native"},"last_synchronized":"soon","_doc":{"_primary_term":1,"_seq_no":1}}]}"#,
    ))
    .unwrap_err();
    match err {
        Error::Decode { path, .. } => assert_eq!(path, "profiles[0].last_synchronized"),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------- suggest_user_profiles

#[test]
fn suggest_user_profiles_minimal_and_all_parameters() {
    // No body: GET.
    let req = build(&SuggestUserProfiles::new());
    assert_wire(&req, "GET", "/_security/profile/_suggest", None);

    let req = build(
        &SuggestUserProfiles::new()
            .data(["app1", "app 2"])
            .name("jack")
            .size(5u32)
            .body_data(["app1.key1", "app2"])
            .hint_uids([UID, "u_8RKO7AKfEbSiIHZkZZ2LJy2MUSDPWDr3tMI_CkIGApU_0"])
            .hint_labels("direction", ["north", "east"])
            .hint_labels("team", "blue")
            .error_trace(true)
            .filter_path("profiles.uid")
            .human(true)
            .pretty(false),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/profile/_suggest?data=app1,app%202&error_trace=true&filter_path=profiles.uid&human=true&pretty=false",
        Some(json!({
            "name": "jack",
            "size": 5,
            "data": ["app1.key1", "app2"],
            "hint": {
                "uids": [UID, "u_8RKO7AKfEbSiIHZkZZ2LJy2MUSDPWDr3tMI_CkIGApU_0"],
                "labels": {"direction": ["north", "east"], "team": "blue"}
            }
        })),
    );

    // The query parameter alone keeps the GET without a body.
    let req = build(&SuggestUserProfiles::new().data("*"));
    assert_wire(&req, "GET", "/_security/profile/_suggest?data=*", None);

    // The whole hint at once, and a body-level data string.
    let req = build(
        &SuggestUserProfiles::new()
            .hint(SuggestUserProfilesHint {
                uids: None,
                labels: Some(BTreeMap::from([("direction".to_owned(), "north".into())])),
            })
            .body_data("*"),
    );
    assert_body_bytes(
        &req,
        r#"{"data":"*","hint":{"labels":{"direction":"north"}}}"#,
    );
}

#[test]
fn suggest_user_profiles_decodes() {
    let answer = decode::<SuggestUserProfiles>(
        r#"{"total":{"value":2,"relation":"eq"},"took":4,"profiles":[
            {"uid":"u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0","user":{"username":"jacknich",
              "roles":["admin","other_role1"],"realm_name":"native","email":"jacknich@example.com",
              "full_name":"Jack Nicholson"},"labels":{"direction":"north"},"data":{}},
            {"uid":"u_8RKO7AKfEbSiIHZkZZ2LJy2MUSDPWDr3tMI_CkIGApU_0","user":{"username":"jackspa",
              "roles":["user"],"realm_name":"native","email":"jackspa@example.com","full_name":"Jack Sparrow"},
              "labels":{"direction":"west"},"data":{"app1":{"theme":"dark","recent":[]}}}]}"#,
    );
    assert_eq!(answer.total.value, 2);
    assert_eq!(answer.total.relation, TotalRelation::Eq);
    assert_eq!(answer.took, 4);
    assert_eq!(
        answer.profiles[0].user.full_name.as_deref(),
        Some("Jack Nicholson")
    );
    assert_eq!(answer.profiles[0].enabled, None);
    let app1: App1 = answer.profiles[1].data_get("app1").unwrap().unwrap();
    assert_eq!(app1.theme, "dark");
    let answer = decode::<SuggestUserProfiles>(
        r#"{"total":{"value":10000,"relation":"gte"},"took":1,"profiles":[]}"#,
    );
    assert_eq!(answer.total.relation, TotalRelation::Gte);
}

// ---------------------------------------------------------------- enable / disable

#[test]
fn enable_user_profile_minimal_and_all_parameters() {
    let req = build(&EnableUserProfile::new(UID));
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/profile/{UID}/_enable"),
        None,
    );
    let req = build(
        &EnableUserProfile::new("u_a b")
            .refresh(Refresh::WaitFor)
            .error_trace(true)
            .filter_path("acknowledged")
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/profile/u_a%20b/_enable?refresh=wait_for&error_trace=true&filter_path=acknowledged&human=true&pretty=true",
        None,
    );
    assert!(EnableUserProfile::new("").request_parts().is_err());
    assert!(decode::<EnableUserProfile>(r#"{"acknowledged":true}"#).acknowledged);
}

#[test]
fn disable_user_profile_minimal_and_all_parameters() {
    let req = build(&DisableUserProfile::new(UID));
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/profile/{UID}/_disable"),
        None,
    );
    let req = build(
        &DisableUserProfile::new("u_a/b")
            .refresh(true)
            .error_trace(false)
            .filter_path(["acknowledged"])
            .human(false)
            .pretty(false),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/profile/u_a%2Fb/_disable?refresh=true&error_trace=false&filter_path=acknowledged&human=false&pretty=false",
        None,
    );
    assert!(DisableUserProfile::new("").request_parts().is_err());
    assert!(!decode::<DisableUserProfile>(r#"{"acknowledged":false}"#).acknowledged);
}

// ---------------------------------------------------------------- update_user_profile_data

#[test]
fn update_user_profile_data_minimal_and_all_parameters() {
    let req = build(&UpdateUserProfileData::new(UID));
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/profile/{UID}/_data"),
        Some(json!({})),
    );

    let req = build(
        &UpdateUserProfileData::new("u_a b")
            .if_seq_no(66)
            .if_primary_term(88)
            .refresh(Refresh::False)
            .labels(json!({"direction": "east"}))
            .data(json!({"app1": {"theme": "default"}}))
            .error_trace(true)
            .filter_path("acknowledged")
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/profile/u_a%20b/_data?if_seq_no=66&if_primary_term=88&refresh=false&error_trace=true&filter_path=acknowledged&human=true&pretty=true",
        Some(json!({
            "labels": {"direction": "east"},
            "data": {"app1": {"theme": "default"}}
        })),
    );
}

#[test]
fn update_user_profile_data_from_the_callers_types() {
    let app1 = App1 {
        theme: "dark".into(),
        recent: vec!["dash-1".into()],
    };
    let profile = decode::<GetUserProfile>(&format!(r#"{{"profiles":[{PROFILE}]}}"#));
    let req = build(
        &UpdateUserProfileData::new(UID)
            .data_entry("app1", &app1)
            .data_entry("app2", 7)
            .labels_entry("direction", "east")
            .labels_entry("teams", ["blue", "red"])
            .if_unchanged(&profile.profiles[0].doc),
    );
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/profile/{UID}/_data?if_seq_no=66&if_primary_term=88"),
        Some(json!({
            "labels": {"direction": "east", "teams": ["blue", "red"]},
            "data": {"app1": {"theme": "dark", "recent": ["dash-1"]}, "app2": 7}
        })),
    );

    // A whole struct as the data object.
    #[derive(Serialize)]
    struct AllApps {
        app1: App1,
    }
    let req = build(&UpdateUserProfileData::new(UID).data(AllApps { app1 }));
    assert_body_bytes(
        &req,
        r#"{"data":{"app1":{"recent":["dash-1"],"theme":"dark"}}}"#,
    );
}

#[test]
fn update_user_profile_data_rejects_values_that_are_not_objects() {
    // Not an object: a typed error when building, nothing is sent, nothing panics.
    let err = UpdateUserProfileData::new(UID)
        .data(vec![1, 2])
        .request_parts()
        .unwrap_err();
    match &err {
        Error::InvalidRequest { endpoint, reason } => {
            assert_eq!(*endpoint, "security.update_user_profile_data");
            assert!(reason.contains("JSON object, not an array"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // A value serde_json cannot serialize (a map with non-string keys).
    let bad: BTreeMap<(u8, u8), u8> = BTreeMap::from([((1, 2), 3)]);
    let err = UpdateUserProfileData::new(UID)
        .labels_entry("coords", bad)
        .to_http_request(&security_core::BaseUrl::parse(BASE).unwrap(), None)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(err.to_string().contains("`coords`"), "{err}");
}

#[test]
fn update_user_profile_data_conflict_is_a_typed_409() {
    let body = r#"{"error":{"root_cause":[{"type":"version_conflict_engine_exception",
        "reason":"[profile_u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0]: version conflict, required seqNo [66], primary term [88]. current document has seqNo [67] and primary term [88]",
        "index_uuid":"Vf2AEpMVQGq1E6yRUSlCTg","shard":"0","index":".security-profile-8"}],
        "type":"version_conflict_engine_exception",
        "reason":"[profile_u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0]: version conflict, required seqNo [66], primary term [88]. current document has seqNo [67] and primary term [88]",
        "index_uuid":"Vf2AEpMVQGq1E6yRUSlCTg","shard":"0","index":".security-profile-8"},"status":409}"#;
    let err = UpdateUserProfileData::decode(es_response(409, body)).unwrap_err();
    let api = err.api().expect("an Elasticsearch error");
    assert!(api.is_conflict());
    assert_eq!(err.status(), Some(409));
    assert_eq!(api.endpoint, "security.update_user_profile_data");
    assert_eq!(
        api.error_type.as_deref(),
        Some("version_conflict_engine_exception")
    );
    assert!(api
        .reason
        .as_deref()
        .unwrap()
        .contains("required seqNo [66]"));
    assert_eq!(
        api.root_cause[0].error_type,
        "version_conflict_engine_exception"
    );
    assert_eq!(api.error.as_ref().unwrap()["index"], ".security-profile-8");
}

#[test]
fn update_user_profile_data_decodes() {
    assert!(decode::<UpdateUserProfileData>(r#"{"acknowledged":true}"#).acknowledged);
}

// ---------------------------------------------------------------- has_privileges_user_profile

#[test]
fn has_privileges_user_profile_minimal_and_all_parameters() {
    let req = build(&HasPrivilegesUserProfile::new(UID, PrivilegesCheck::new()));
    assert_wire(
        &req,
        "POST",
        "/_security/profile/_has_privileges",
        Some(json!({"uids": [UID], "privileges": {}})),
    );

    let mut restricted = IndexPrivilegesCheck::new([".security*"], [IndexPrivilege::Read]);
    restricted.allow_restricted_indices = Some(true);
    let req = build(
        &HasPrivilegesUserProfile::new(
            [
                "u_LQPnxDxEjIH0GOUoFkZr5Y57YUwSkL9Joiq-g4OCbPc_0",
                "u_rzRnxDgEHIH0GOUoFkZr5Y27YUwSk19Joiq=g4OCxxB_1",
                "u_does-not-exist_0",
            ],
            PrivilegesCheck::new()
                .cluster(["monitor", "create_snapshot"])
                .cluster([ClusterPrivilege::ManageMl])
                .index(IndexPrivilegesCheck::new(
                    ["suppliers", "products"],
                    ["create_doc"],
                ))
                .index(IndexPrivilegesCheck::new(["inventory"], ["read", "write"]))
                .index(restricted)
                .application(ApplicationPrivilegesCheck::new(
                    "inventory_manager",
                    ["read", "data:write/inventory"],
                    ["product/1852563"],
                )),
        )
        .error_trace(true)
        .filter_path("has_privilege_uids")
        .human(true)
        .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/profile/_has_privileges?error_trace=true&filter_path=has_privilege_uids&human=true&pretty=true",
        Some(json!({
            "uids": [
                "u_LQPnxDxEjIH0GOUoFkZr5Y57YUwSkL9Joiq-g4OCbPc_0",
                "u_rzRnxDgEHIH0GOUoFkZr5Y27YUwSk19Joiq=g4OCxxB_1",
                "u_does-not-exist_0"
            ],
            "privileges": {
                "cluster": ["monitor", "create_snapshot", "manage_ml"],
                "index": [
                    {"names": ["suppliers", "products"], "privileges": ["create_doc"]},
                    {"names": ["inventory"], "privileges": ["read", "write"]},
                    {"names": [".security*"], "privileges": ["read"], "allow_restricted_indices": true}
                ],
                "application": [{
                    "application": "inventory_manager",
                    "privileges": ["read", "data:write/inventory"],
                    "resources": ["product/1852563"]
                }]
            }
        })),
    );
}

#[test]
fn has_privileges_user_profile_decodes() {
    let answer = decode::<HasPrivilegesUserProfile>(
        r#"{"has_privilege_uids":["u_rzRnxDgEHIH0GOUoFkZr5Y27YUwSk19Joiq=g4OCxxB_1"],
           "errors":{"count":1,"details":{"u_does-not-exist_0":{"type":"resource_not_found_exception",
           "reason":"profile document not found"}}}}"#,
    );
    assert_eq!(
        answer.has_privilege_uids,
        ["u_rzRnxDgEHIH0GOUoFkZr5Y27YUwSk19Joiq=g4OCxxB_1"]
    );
    let errors = answer.errors.unwrap();
    assert_eq!(errors.count, 1);
    assert_eq!(
        errors.details["u_does-not-exist_0"].error_type,
        "resource_not_found_exception"
    );
    let answer = decode::<HasPrivilegesUserProfile>(r#"{"has_privilege_uids":[]}"#);
    assert!(answer.has_privilege_uids.is_empty() && answer.errors.is_none());
}

// ---------------------------------------------------------------- documented examples

/// The documented requests of this group are what the typed requests send.
#[test]
fn documented_requests_match() {
    let dir = spec("profiles documented_requests_match");
    let expected = |endpoint: &str| -> serde_json::Value {
        let examples = examples(&dir, endpoint, "request");
        let ex = examples
            .iter()
            .find(|e| e.value.is_ok())
            .unwrap_or_else(|| panic!("no request example for {endpoint}"));
        ex.value.clone().unwrap()
    };
    let body = |req: &http::Request<Vec<u8>>| -> serde_json::Value {
        serde_json::from_slice(req.body()).unwrap()
    };

    let req = build(&ActivateUserProfile::with_password(
        "jacknich",
        "l0ng-r4nd0m-p@ssw0rd",
    ));
    assert_eq!(body(&req), expected("security.activate_user_profile"));

    let req = build(
        &SuggestUserProfiles::new()
            .name("jack")
            .hint_uids([
                "u_8RKO7AKfEbSiIHZkZZ2LJy2MUSDPWDr3tMI_CkIGApU_0",
                "u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0",
            ])
            .hint_labels("direction", ["north", "east"]),
    );
    assert_eq!(req.method(), "POST");
    assert_eq!(body(&req), expected("security.suggest_user_profiles"));

    let req = build(
        &UpdateUserProfileData::new("u_P_0BMHgaOK3p7k-PFWUCbw9dQ-UFjt01oWJ_Dp2PmPc_0")
            .labels_entry("direction", "east")
            .data_entry("app1", json!({"theme": "default"})),
    );
    assert_eq!(body(&req), expected("security.update_user_profile_data"));

    let req = build(&HasPrivilegesUserProfile::new(
        [
            "u_LQPnxDxEjIH0GOUoFkZr5Y57YUwSkL9Joiq-g4OCbPc_0",
            "u_rzRnxDgEHIH0GOUoFkZr5Y27YUwSk19Joiq=g4OCxxB_1",
            "u_does-not-exist_0",
        ],
        PrivilegesCheck::new()
            .cluster(["monitor", "create_snapshot", "manage_ml"])
            .index(IndexPrivilegesCheck::new(
                ["suppliers", "products"],
                ["create_doc"],
            ))
            .index(IndexPrivilegesCheck::new(["inventory"], ["read", "write"]))
            .application(ApplicationPrivilegesCheck::new(
                "inventory_manager",
                ["read", "data:write/inventory"],
                ["product/1852563"],
            )),
    ));
    assert_eq!(body(&req), expected("security.has_privileges_user_profile"));

    // The documented paths of the requests without a body.
    for (endpoint, req) in [
        (
            "security.get_user_profile",
            build(&GetUserProfile::new(UID)),
        ),
        (
            "security.enable_user_profile",
            build(&EnableUserProfile::new(UID)),
        ),
        (
            "security.disable_user_profile",
            build(&DisableUserProfile::new(UID)),
        ),
    ] {
        let ex = &examples(&dir, endpoint, "request")[0];
        let documented = ex.method_request.as_deref().unwrap();
        let (_, path) = documented.split_once(' ').unwrap();
        assert_eq!(req.uri().path(), path, "{endpoint}");
    }
}

/// The documented answers of this group decode, with the values they show.
#[test]
fn documented_answers_decode_with_their_values() {
    let dir = spec("profiles documented_answers_decode_with_their_values");
    let answer = |endpoint: &str, n: usize| -> String {
        let examples = examples(&dir, endpoint, "response");
        serde_json::to_string(examples[n].value.as_ref().unwrap()).unwrap()
    };

    let profile = decode::<ActivateUserProfile>(&answer("security.activate_user_profile", 0));
    assert_eq!(profile.uid, UID);
    assert_eq!(profile.user.full_name.as_deref(), Some("Jack Nicholson"));
    assert_eq!(profile.doc.primary_term, 88);
    assert_eq!(profile.doc.seq_no, 66);

    let got = decode::<GetUserProfile>(&answer("security.get_user_profile", 0));
    assert_eq!(got.profiles[0].labels["direction"], "north");
    assert!(got.profiles[0].data.is_empty());
    let got = decode::<GetUserProfile>(&answer("security.get_user_profile", 1));
    let app1: BTreeMap<String, String> = got.profiles[0].data_get("app1").unwrap().unwrap();
    assert_eq!(app1["key1"], "value1");
    let got = decode::<GetUserProfile>(&answer("security.get_user_profile", 2));
    assert!(got.profiles.is_empty());
    assert_eq!(got.errors.as_ref().unwrap().count, 1);

    let ack = decode::<UpdateUserProfileData>(&answer("security.update_user_profile_data", 0));
    assert!(ack.acknowledged);

    let has =
        decode::<HasPrivilegesUserProfile>(&answer("security.has_privileges_user_profile", 0));
    assert_eq!(has.has_privilege_uids.len(), 1);
    assert!(has
        .errors
        .unwrap()
        .details
        .contains_key("u_does-not-exist_0"));
}
