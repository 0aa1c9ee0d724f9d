//! An answer that lacks what the specification requires is a decode error, not a success read
//! as "nothing": a `query_api_keys` page read as "no keys" would end a stream early, a
//! `has_privileges_user_profile` answer read as "nobody" would deny everyone.

/// The endpoints whose answer may be `{}`: maps keyed by name, and empty objects.
const EMPTY_IS_AN_ANSWER: &[&str] = &[
    "security.get_user",
    "security.enable_user",
    "security.disable_user",
    "security.change_password",
    "security.get_role",
    "security.bulk_put_role",
    "security.bulk_delete_role",
    "security.get_role_mapping",
    "security.put_privileges",
    "security.get_privileges",
    "security.delete_privileges",
    "security.get_service_accounts",
    "security.saml_complete_logout",
    // Required by the specification, but Elasticsearch sends `null` without an end-session
    // endpoint (see OidcLogoutResponse).
    "security.oidc_logout",
];

#[test]
fn an_empty_object_decodes_only_where_it_is_a_complete_answer() {
    let mut refused = Vec::new();
    for spec in security_core::endpoints() {
        let answer = http::Response::builder()
            .header("x-elastic-product", "Elasticsearch")
            .body(b"{}".to_vec())
            .unwrap();
        match (spec.decode_check)(answer) {
            Ok(()) => assert!(
                EMPTY_IS_AN_ANSWER.contains(&spec.name),
                "{} decodes `{{}}` as a success",
                spec.name
            ),
            Err(security_core::Error::Decode { .. }) => refused.push(spec.name),
            Err(e) => panic!("{}: {e}", spec.name),
        }
    }
    #[cfg(all(feature = "api-keys", feature = "profiles"))]
    for name in [
        "security.query_api_keys",
        "security.invalidate_api_key",
        "security.get_user_profile",
        "security.suggest_user_profiles",
        "security.has_privileges_user_profile",
        "security.get_builtin_privileges",
        "security.get_user_privileges",
    ] {
        assert!(refused.contains(&name), "{name}");
    }
}
