//! Read-modify-write round trips: what a GET returns, converted into the body of the matching
//! PUT/update, is exactly what that endpoint accepts (no read-only field sent back, nothing else
//! lost). Roles are tested in `wire_roles.rs` (`a_role_read_with_get_role_is_put_back_exactly`).
//!
//! Reads the documented 9.5 answers in `spec/9.5/examples/` (a missing file fails).

mod common;
use common::*;
use serde_json::json;

fn documented_answer(endpoint: &str, index: usize) -> String {
    let dir = spec_version("9.5");
    let answers = examples(&dir, endpoint, "response");
    answers
        .get(index)
        .unwrap_or_else(|| panic!("no documented answer #{index} of {endpoint}"))
        .value
        .as_ref()
        .unwrap()
        .to_string()
}

fn body_of(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).unwrap()
}

#[test]
fn a_user_read_with_get_user_is_put_back_without_read_only_fields() {
    use security_core::types::users::PutUserBody;
    use security_core::users::{GetUser, PutUser};
    let users = decode::<GetUser>(&documented_answer("security.get_user", 0));
    let user = users["jacknich"].clone();
    assert!(user.profile_uid.is_some());
    let req = build(&PutUser::new("jacknich").body(PutUserBody::from(user.clone())));
    assert_wire(
        &req,
        "PUT",
        "/_security/user/jacknich",
        Some(json!({
            "roles": ["admin", "other_role1"],
            "full_name": "Jack Nicholson",
            "email": "jacknich@example.com",
            "metadata": {"intelligence": 7},
            "enabled": true
        })),
    );
    // `.body(user)` converts too; a copy under a new name needs a password.
    let copy = build(
        &PutUser::new("jacknich2")
            .body(user)
            .password(security_core::types::Secret::from("l0ng-passw0rd")),
    );
    assert_eq!(body_of(&copy)["password"], "l0ng-passw0rd");
    assert!(body_of(&copy).get("profile_uid").is_none());
}

#[cfg(feature = "api-keys")]
#[test]
fn an_api_key_read_with_get_api_key_is_updated_with_its_own_descriptors() {
    use security_core::api_keys::{GetApiKey, UpdateApiKey};
    let keys = decode::<GetApiKey>(&documented_answer("security.get_api_key", 1)).api_keys;
    assert_eq!(keys.len(), 2);
    let key = &keys[0];
    let req = build(&UpdateApiKey::new(key.id.as_str()).body(key.to_update_body().unwrap()));
    assert_wire(
        &req,
        "PUT",
        "/_security/api_key/0GF5GXsBCXxz2eDxWwFN",
        Some(json!({
            "role_descriptors": {
                "role-a": {
                    "cluster": ["monitor"],
                    "indices": [{"names": ["index-a"], "privileges": ["read"], "allow_restricted_indices": false}]
                }
            },
            "metadata": {"application": "myapp"}
        })),
    );
    // A key without role descriptors keeps the owner's permissions: `{}` says so again.
    let key = &keys[1];
    let req = build(&UpdateApiKey::new(key.id.as_str()).body(key.to_update_body().unwrap()));
    assert_eq!(
        body_of(&req),
        json!({"role_descriptors": {}, "metadata": {}})
    );
}

#[test]
fn a_role_mapping_read_with_get_role_mapping_is_put_back() {
    use security_core::role_mappings::{GetRoleMapping, PutRoleMapping};
    use security_core::types::role_mappings::PutRoleMappingBody;
    let mappings = decode::<GetRoleMapping>(&documented_answer("security.get_role_mapping", 0));
    let mapping = mappings["mapping1"].clone();
    let req = build(&PutRoleMapping::new("mapping1").body(PutRoleMappingBody::from(mapping)));
    assert_wire(
        &req,
        "PUT",
        "/_security/role_mapping/mapping1",
        Some(json!({
            "enabled": true,
            "roles": ["user"],
            "rules": {"field": {"username": "*"}},
            "metadata": {}
        })),
    );
}
