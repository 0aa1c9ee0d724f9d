//! The "create API key" form: from what was typed to a [`CreateApiKeyBody`], and back to words.

use crate::text::split_list;
use crate::FormError;
use security_client::api_keys::{CreateApiKeyBody, RoleDescriptors};
use security_client::types::common::{IndicesPrivileges, RoleDescriptor};

/// Element ids of the form's fields, named in [`FormError::field`].
pub mod field {
    /// The key name.
    pub const NAME: &str = "key-name";
    /// The expiration.
    pub const EXPIRATION: &str = "key-expiration";
    /// The role descriptor's name.
    pub const ROLE_NAME: &str = "role-name";
    /// Cluster privileges.
    pub const CLUSTER: &str = "role-cluster";
    /// Index names or patterns.
    pub const INDICES: &str = "role-indices";
    /// Index privileges.
    pub const INDEX_PRIVILEGES: &str = "role-index-privileges";
    /// Role descriptors as JSON (replaces the fields above when set).
    pub const ADVANCED: &str = "role-json";
}

/// What the create-key form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreateKeyForm {
    /// The key name.
    pub name: String,
    /// A duration such as `1d`; empty or `never` for a key that does not expire.
    pub expiration: String,
    /// The name of the one role descriptor the fields build.
    pub role_name: String,
    /// Cluster privileges, as a comma list.
    pub cluster: String,
    /// Index names or patterns, as a comma list.
    pub indices: String,
    /// Index privileges on those indices, as a comma list.
    pub index_privileges: String,
    /// Role descriptors as a JSON object (by role name): when not blank, it replaces the fields.
    pub advanced_json: String,
}

/// The longest key name Elasticsearch accepts.
pub const MAX_NAME_LEN: usize = 1024;

impl CreateKeyForm {
    /// The request body, or the first field that is wrong.
    pub fn to_body(&self) -> Result<CreateApiKeyBody, FormError> {
        Ok(CreateApiKeyBody {
            name: Some(key_name(&self.name)?),
            expiration: expiration(&self.expiration)?,
            role_descriptors: self.role_descriptors()?,
            metadata: None,
        })
    }

    /// The role descriptors the form describes: none when it asks for none (the key then gets
    /// a snapshot of the owner's privileges).
    pub fn role_descriptors(&self) -> Result<Option<RoleDescriptors>, FormError> {
        if !self.advanced_json.trim().is_empty() {
            return parse_role_descriptors(&self.advanced_json).map(Some);
        }
        let cluster = split_list(&self.cluster);
        let indices = split_list(&self.indices);
        let index_privileges = split_list(&self.index_privileges);
        if cluster.is_empty() && indices.is_empty() && index_privileges.is_empty() {
            return Ok(None);
        }
        if indices.is_empty() && !index_privileges.is_empty() {
            return Err(FormError::new(
                field::INDICES,
                "Name the indices (or patterns such as logs-*) these index privileges apply to.",
            ));
        }
        if !indices.is_empty() && index_privileges.is_empty() {
            return Err(FormError::new(
                field::INDEX_PRIVILEGES,
                format!(
                    "Name the index privileges to grant on {} (for example read).",
                    indices.join(", ")
                ),
            ));
        }
        let role_name = self.role_name.trim();
        if role_name.is_empty() {
            return Err(FormError::new(
                field::ROLE_NAME,
                "A role descriptor needs a name (any name: it only labels this key's permissions).",
            ));
        }
        let mut role = RoleDescriptor {
            cluster: cluster.into_iter().map(Into::into).collect(),
            ..Default::default()
        };
        if !indices.is_empty() {
            role.indices = vec![IndicesPrivileges::new(indices, index_privileges)];
        }
        Ok(Some(RoleDescriptors::from([(role_name.to_owned(), role)])))
    }
}

/// A key name: required, as Elasticsearch requires it; at most [`MAX_NAME_LEN`] characters.
pub fn key_name(name: &str) -> Result<String, FormError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FormError::new(field::NAME, "Give the key a name."));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(FormError::new(
            field::NAME,
            format!("A key name has at most {MAX_NAME_LEN} characters."),
        ));
    }
    Ok(name.to_owned())
}

/// An expiration as Elasticsearch reads it: a whole number and a unit (`d`, `h`, `m`, `s`,
/// `ms`, `micros`, `nanos`), e.g. `30d`. Empty or `never`: the key does not expire (`None`).
pub fn expiration(input: &str) -> Result<Option<String>, FormError> {
    let value = input.trim();
    if value.is_empty() || value.eq_ignore_ascii_case("never") {
        return Ok(None);
    }
    let digits = value.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = value.split_at(digits);
    let units = ["d", "h", "m", "s", "ms", "micros", "nanos"];
    if number.is_empty() || !units.contains(&unit) || number.trim_start_matches('0').is_empty() {
        return Err(FormError::new(
            field::EXPIRATION,
            format!(
                "\"{value}\" is not a duration: use a positive whole number and a unit, such as 8h, 1d or 30d."
            ),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// Role descriptors typed as JSON: an object of role descriptors by role name.
pub fn parse_role_descriptors(json: &str) -> Result<RoleDescriptors, FormError> {
    let value: serde_json::Value = serde_json::from_slice(json.as_bytes()).map_err(|e| {
        FormError::new(
            field::ADVANCED,
            format!("The role descriptors are not valid JSON: {e}."),
        )
    })?;
    if !value.is_object() {
        return Err(FormError::new(
            field::ADVANCED,
            "Role descriptors are a JSON object by role name, e.g. {\"reader\": {\"cluster\": [\"monitor\"]}}.",
        ));
    }
    // Decoded from the text again, not from `value`: the decoder of the answers (which carry
    // role descriptors too) is reused, where `from_value` adds a second one to the wasm.
    serde_json::from_slice(json.as_bytes()).map_err(|e| {
        FormError::new(
            field::ADVANCED,
            format!("These are not role descriptors: {e}."),
        )
    })
}

/// What a create-key request will send, as the page previews it: the request line and the
/// pretty JSON body.
pub fn preview(body: &CreateApiKeyBody) -> String {
    // Through the bytes the request sends (the request's own serializer), not `to_value`,
    // which adds a second serializer of every body type to the wasm.
    let value = serde_json::to_vec(body).and_then(|b| serde_json::from_slice(&b));
    let json = match value {
        Ok(value) => crate::text::pretty_json(&value),
        Err(e) => format!("<{e}>"),
    };
    format!("PUT /_security/api_key\n{json}")
}

/// Role descriptors in a few words, e.g. `logs-reader: cluster monitor; read on logs-*`.
/// No descriptors: the key has its owner's privileges.
pub fn describe_role_descriptors(descriptors: &RoleDescriptors) -> String {
    if descriptors.is_empty() {
        return "owner's privileges".to_owned();
    }
    descriptors
        .iter()
        .map(|(name, role)| {
            let mut parts: Vec<String> = Vec::new();
            if !role.cluster.is_empty() {
                let cluster: Vec<&str> = role.cluster.iter().map(|p| p.as_str()).collect();
                parts.push(format!("cluster {}", cluster.join(", ")));
            }
            for index in &role.indices {
                let privileges: Vec<&str> = index.privileges.iter().map(|p| p.as_str()).collect();
                parts.push(format!(
                    "{} on {}",
                    privileges.join(", "),
                    index.names.as_slice().join(", ")
                ));
            }
            if !role.applications.is_empty() {
                let apps: Vec<&str> = role
                    .applications
                    .iter()
                    .map(|a| a.application.as_str())
                    .collect();
                parts.push(format!("applications {}", apps.join(", ")));
            }
            if parts.is_empty() {
                format!("{name}: no privileges")
            } else {
                format!("{name}: {}", parts.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form() -> CreateKeyForm {
        CreateKeyForm {
            name: " ci-reader ".into(),
            expiration: "1d".into(),
            role_name: "logs-reader".into(),
            cluster: "monitor".into(),
            indices: "logs-*, metrics-*".into(),
            index_privileges: "read,view_index_metadata".into(),
            advanced_json: String::new(),
        }
    }

    #[test]
    fn the_fields_build_one_role_descriptor() {
        let body = form().to_body().unwrap();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({
                "name": "ci-reader",
                "expiration": "1d",
                "role_descriptors": {
                    "logs-reader": {
                        "cluster": ["monitor"],
                        "indices": [{
                            "names": ["logs-*", "metrics-*"],
                            "privileges": ["read", "view_index_metadata"]
                        }]
                    }
                }
            })
        );
    }

    #[test]
    fn no_privileges_means_no_role_descriptors_and_never_means_no_expiration() {
        let f = CreateKeyForm {
            name: "all-mine".into(),
            expiration: "never".into(),
            role_name: "ignored".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(f.to_body().unwrap()).unwrap(),
            json!({"name": "all-mine"})
        );
    }

    #[test]
    fn cluster_only() {
        let f = CreateKeyForm {
            indices: String::new(),
            index_privileges: String::new(),
            ..form()
        };
        let rd = f.role_descriptors().unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(rd).unwrap(),
            json!({"logs-reader": {"cluster": ["monitor"]}})
        );
    }

    #[test]
    fn wrong_fields_are_named() {
        let err = CreateKeyForm {
            name: "  ".into(),
            ..form()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::NAME);

        let err = CreateKeyForm {
            name: "x".repeat(1025),
            ..form()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::NAME);
        assert!(err.message.contains("1024"));

        let err = CreateKeyForm {
            index_privileges: " ".into(),
            ..form()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::INDEX_PRIVILEGES);
        assert!(err.message.contains("logs-*, metrics-*"), "{}", err.message);

        let err = CreateKeyForm {
            indices: "".into(),
            ..form()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::INDICES);

        let err = CreateKeyForm {
            role_name: " ".into(),
            ..form()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::ROLE_NAME);
    }

    #[test]
    fn expirations() {
        assert_eq!(expiration("").unwrap(), None);
        assert_eq!(expiration(" Never ").unwrap(), None);
        assert_eq!(expiration("30d").unwrap().as_deref(), Some("30d"));
        assert_eq!(expiration("8h").unwrap().as_deref(), Some("8h"));
        assert_eq!(expiration("1500ms").unwrap().as_deref(), Some("1500ms"));
        for bad in ["1 day", "d", "10", "-1d", "1.5h", "0d", "1w", "1dd"] {
            let err = expiration(bad).unwrap_err();
            assert_eq!(err.field, field::EXPIRATION, "{bad}");
            assert!(err.message.contains(bad.trim()), "{}", err.message);
        }
    }

    #[test]
    fn advanced_json_replaces_the_fields() {
        let f = CreateKeyForm {
            advanced_json: r#"{"app": {"applications": [{"application": "myapp", "privileges": ["read"], "resources": ["*"]}]},
                               "watcher": {"cluster": ["monitor_watcher"]}}"#
                .into(),
            ..form()
        };
        let rd = f.role_descriptors().unwrap().unwrap();
        assert_eq!(rd.keys().collect::<Vec<_>>(), ["app", "watcher"]);
        assert_eq!(
            describe_role_descriptors(&rd),
            "app: applications myapp · watcher: cluster monitor_watcher"
        );
    }

    #[test]
    fn advanced_json_errors_say_what_is_wrong() {
        let syntax = parse_role_descriptors("{\"a\": ").unwrap_err();
        assert_eq!(syntax.field, field::ADVANCED);
        assert!(syntax
            .message
            .starts_with("The role descriptors are not valid JSON"));

        let not_object = parse_role_descriptors("[1]").unwrap_err();
        assert!(not_object.message.contains("JSON object by role name"));

        let wrong_shape = parse_role_descriptors(r#"{"r": {"cluster": "monitor"}}"#).unwrap_err();
        assert!(
            wrong_shape
                .message
                .starts_with("These are not role descriptors"),
            "{}",
            wrong_shape.message
        );
    }

    #[test]
    fn preview_and_description() {
        let body = form().to_body().unwrap();
        let text = preview(&body);
        assert!(
            text.starts_with("PUT /_security/api_key\n{\n  \"expiration\": \"1d\""),
            "{text}"
        );
        let rd = body.role_descriptors.unwrap();
        assert_eq!(
            describe_role_descriptors(&rd),
            "logs-reader: cluster monitor; read, view_index_metadata on logs-*, metrics-*"
        );
        assert_eq!(
            describe_role_descriptors(&RoleDescriptors::new()),
            "owner's privileges"
        );
        assert_eq!(
            describe_role_descriptors(&RoleDescriptors::from([(
                "empty".to_owned(),
                RoleDescriptor::default()
            )])),
            "empty: no privileges"
        );
    }
}
