//! "Who am I": the `authenticate` answer as labelled lines.

use security_client::users::AuthenticateResponse;

/// The lines the page shows for an `authenticate` answer: (label, value).
pub fn rows(me: &AuthenticateResponse) -> Vec<(&'static str, String)> {
    let mut rows = vec![("User", me.username.clone())];
    if let Some(full_name) = me.full_name.as_deref().filter(|n| !n.is_empty()) {
        rows.push(("Full name", full_name.to_owned()));
    }
    rows.push((
        "Roles",
        if me.roles.is_empty() {
            "none".to_owned()
        } else {
            me.roles.join(", ")
        },
    ));
    let realm =
        |r: &security_client::types::common::RealmInfo| format!("{} ({})", r.name, r.realm_type);
    rows.push(("Authenticated by", realm(&me.authentication_realm)));
    if me.lookup_realm != me.authentication_realm {
        rows.push(("Looked up in", realm(&me.lookup_realm)));
    }
    let how = match (&me.api_key, &me.token) {
        (Some(key), _) => format!(
            "API key {} (id {})",
            key.name.as_deref().unwrap_or("(no name)"),
            key.id
        ),
        // Service-account tokens have a name; access tokens (described by 9.x servers) do not.
        (None, Some(token)) => match &token.name {
            Some(name) => format!("service token {name}"),
            None => "access token".to_owned(),
        },
        (None, None) => me.authentication_type.clone(),
    };
    rows.push(("Credentials", how));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_user_with_a_password() {
        let me: AuthenticateResponse = serde_json::from_value(json!({
            "username": "elastic", "roles": ["superuser"], "full_name": null, "email": null,
            "metadata": {"_reserved": true}, "enabled": true,
            "authentication_realm": {"name": "reserved", "type": "reserved"},
            "lookup_realm": {"name": "reserved", "type": "reserved"},
            "authentication_type": "realm"
        }))
        .unwrap();
        assert_eq!(
            rows(&me),
            [
                ("User", "elastic".to_owned()),
                ("Roles", "superuser".to_owned()),
                ("Authenticated by", "reserved (reserved)".to_owned()),
                ("Credentials", "realm".to_owned()),
            ]
        );
    }

    #[test]
    fn an_api_key() {
        let me: AuthenticateResponse = serde_json::from_value(json!({
            "username": "jacknich", "roles": [], "full_name": "Jack Nicholson",
            "metadata": {}, "enabled": true,
            "authentication_realm": {"name": "_es_api_key", "type": "_es_api_key"},
            "lookup_realm": {"name": "native1", "type": "native"},
            "authentication_type": "api_key",
            "api_key": {"id": "VuaCfGcBCdbkQm-e5aOx", "name": "ci-reader"}
        }))
        .unwrap();
        assert_eq!(
            rows(&me),
            [
                ("User", "jacknich".to_owned()),
                ("Full name", "Jack Nicholson".to_owned()),
                ("Roles", "none".to_owned()),
                ("Authenticated by", "_es_api_key (_es_api_key)".to_owned()),
                ("Looked up in", "native1 (native)".to_owned()),
                (
                    "Credentials",
                    "API key ci-reader (id VuaCfGcBCdbkQm-e5aOx)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn tokens_with_and_without_a_name() {
        let me = |token: serde_json::Value| -> AuthenticateResponse {
            serde_json::from_value(json!({
                "username": "u", "roles": ["r"], "metadata": {}, "enabled": true,
                "authentication_realm": {"name": "n", "type": "t"},
                "lookup_realm": {"name": "n", "type": "t"},
                "authentication_type": "token", "token": token
            }))
            .unwrap()
        };
        let service = me(json!({"name": "token1", "type": "_service_account_index",
                                "managed_by": "elasticsearch"}));
        assert_eq!(
            rows(&service)[3],
            ("Credentials", "service token token1".to_owned())
        );
        let access = me(json!({"managed_by": "cloud"}));
        assert_eq!(rows(&access)[3], ("Credentials", "access token".to_owned()));
    }
}
