//! The smallest browser app on `security-client`: one exported function, `whoami(url, username,
//! password)`, that connects to a cluster with the browser's `fetch` and calls `authenticate`.
//! The page (`index.html`) calls it and shows the answer or the error.
//!
//! It is the measure of what the client costs a browser app that needs only the core:
//! `scripts/wasm-size.sh` builds it and holds it to its size budget, and `scripts/test-e2e.sh`
//! runs the page in headless Chromium against the test server (`e2e/minimal.e2e.mjs`).

use security_client::users::AuthenticateResponse;

/// What the page shows for an `authenticate` answer: the user, the roles, the realm.
///
/// ```
/// let me: security_client::users::AuthenticateResponse = serde_json::from_value(serde_json::json!({
///     "username": "elastic", "roles": ["superuser"], "enabled": true,
///     "authentication_realm": {"name": "reserved", "type": "reserved"},
///     "lookup_realm": {"name": "reserved", "type": "reserved"},
///     "authentication_type": "realm"
/// })).unwrap();
/// assert_eq!(wasm_minimal::describe(&me), "elastic, roles: superuser, realm: reserved (reserved)");
/// ```
pub fn describe(me: &AuthenticateResponse) -> String {
    let roles = if me.roles.is_empty() {
        "none".to_owned()
    } else {
        me.roles.join(", ")
    };
    let realm = &me.authentication_realm;
    format!(
        "{}, roles: {roles}, realm: {} ({})",
        me.username, realm.name, realm.realm_type
    )
}

/// The allocator in the browser: talc's WebAssembly allocator, a drop-in for std's default
/// (dlmalloc) that takes less of the module (the page is single-threaded: no `atomics`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod browser {
    use security_client::{Credentials, SecurityClient};
    use wasm_bindgen::prelude::*;

    /// Connects to the cluster at `url` as `username` and says who the cluster says that is
    /// (`authenticate`). Rejects with the error's text: a bad URL, a network or CORS failure,
    /// or Elasticsearch's own error (`401 security_exception: ...`).
    #[wasm_bindgen]
    pub async fn whoami(
        url: String,
        username: String,
        password: String,
    ) -> Result<String, JsValue> {
        let fail = |e: &dyn std::fmt::Display| JsValue::from_str(&e.to_string());
        let client = SecurityClient::connect(&url)
            .map_err(|e| fail(&e))?
            .with_credentials(Credentials::basic(username, password));
        let me = client.authenticate().await.map_err(|e| fail(&e))?;
        Ok(super::describe(&me))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_key_without_roles_says_so() {
        let me: AuthenticateResponse = serde_json::from_value(serde_json::json!({
            "username": "ci", "roles": [], "enabled": true,
            "authentication_realm": {"name": "_es_api_key", "type": "_es_api_key"},
            "lookup_realm": {"name": "_es_api_key", "type": "_es_api_key"},
            "authentication_type": "api_key"
        }))
        .unwrap();
        assert_eq!(
            describe(&me),
            "ci, roles: none, realm: _es_api_key (_es_api_key)"
        );
    }
}
