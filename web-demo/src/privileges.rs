//! The privileges checker: from the form to a `has_privileges` body, and the answer as rows.

use crate::text::split_list;
use crate::FormError;
use security_client::privileges::{
    ApplicationPrivilegesCheck, HasPrivilegesBody, HasPrivilegesResponse, IndexPrivilegesCheck,
};

/// Element ids of the form's fields, named in [`FormError::field`].
pub mod field {
    /// Cluster privileges.
    pub const CLUSTER: &str = "priv-cluster";
    /// Index names or patterns.
    pub const INDICES: &str = "priv-indices";
    /// Index privileges.
    pub const INDEX_PRIVILEGES: &str = "priv-index-privileges";
    /// Application name.
    pub const APPLICATION: &str = "priv-application";
    /// Application privileges.
    pub const APPLICATION_PRIVILEGES: &str = "priv-app-privileges";
    /// Application resources.
    pub const RESOURCES: &str = "priv-resources";
}

/// What the privileges form holds, as typed (lists are comma lists).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivilegesForm {
    /// Cluster privileges to check.
    pub cluster: String,
    /// Index names or patterns.
    pub indices: String,
    /// Index privileges to check on them.
    pub index_privileges: String,
    /// An application.
    pub application: String,
    /// Application privileges or actions to check.
    pub application_privileges: String,
    /// Application resources to check them on.
    pub resources: String,
}

impl PrivilegesForm {
    /// The request body, or the first field that is wrong.
    pub fn to_body(&self) -> Result<HasPrivilegesBody, FormError> {
        let cluster = split_list(&self.cluster);
        let indices = split_list(&self.indices);
        let index_privileges = split_list(&self.index_privileges);
        let application = self.application.trim();
        let app_privileges = split_list(&self.application_privileges);
        let resources = split_list(&self.resources);

        let mut body = HasPrivilegesBody::default();
        if !cluster.is_empty() {
            body.cluster = Some(cluster.into_iter().map(Into::into).collect());
        }
        match (indices.is_empty(), index_privileges.is_empty()) {
            (true, true) => {}
            (false, false) => {
                body.index = Some(vec![IndexPrivilegesCheck::new(indices, index_privileges)])
            }
            (true, false) => {
                return Err(FormError::new(
                    field::INDICES,
                    "Name the indices (or patterns) to check these index privileges on.",
                ))
            }
            (false, true) => {
                return Err(FormError::new(
                    field::INDEX_PRIVILEGES,
                    "Name the index privileges to check (for example read, write).",
                ))
            }
        }
        let any_app =
            !application.is_empty() || !app_privileges.is_empty() || !resources.is_empty();
        if any_app {
            let missing = [
                (
                    application.is_empty(),
                    field::APPLICATION,
                    "the application",
                ),
                (
                    app_privileges.is_empty(),
                    field::APPLICATION_PRIVILEGES,
                    "its privileges",
                ),
                (
                    resources.is_empty(),
                    field::RESOURCES,
                    "the resources (* for all)",
                ),
            ];
            if let Some((_, id, what)) = missing.iter().find(|(m, _, _)| *m) {
                return Err(FormError::new(
                    id,
                    format!("To check application privileges, name {what}."),
                ));
            }
            body.application = Some(vec![ApplicationPrivilegesCheck::new(
                application,
                app_privileges,
                resources,
            )]);
        }
        if body == HasPrivilegesBody::default() {
            return Err(FormError::new(
                field::CLUSTER,
                "Name at least one privilege to check: cluster, index or application.",
            ));
        }
        Ok(body)
    }
}

/// One checked privilege of a `has_privileges` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRow {
    /// `Cluster`, `Index logs-*`, `Application myapp on *`.
    pub scope: String,
    /// The privilege.
    pub privilege: String,
    /// Whether it is granted.
    pub granted: bool,
}

/// Every checked privilege of an answer, cluster first, then indices, then applications.
pub fn check_rows(answer: &HasPrivilegesResponse) -> Vec<CheckRow> {
    let mut rows = Vec::new();
    for (privilege, granted) in &answer.cluster {
        rows.push(CheckRow {
            scope: "Cluster".to_owned(),
            privilege: privilege.clone(),
            granted: *granted,
        });
    }
    for (index, privileges) in &answer.index {
        for (privilege, granted) in privileges {
            rows.push(CheckRow {
                scope: format!("Index {index}"),
                privilege: privilege.clone(),
                granted: *granted,
            });
        }
    }
    for (application, resources) in &answer.application {
        for (resource, privileges) in resources {
            for (privilege, granted) in privileges {
                rows.push(CheckRow {
                    scope: format!("Application {application} on {resource}"),
                    privilege: privilege.clone(),
                    granted: *granted,
                });
            }
        }
    }
    rows
}

/// The headline of an answer: `elastic has all 4 requested privileges`,
/// `ci-reader lacks 2 of 4 requested privileges`.
pub fn summary(answer: &HasPrivilegesResponse) -> String {
    let rows = check_rows(answer);
    let missing = rows.iter().filter(|r| !r.granted).count();
    let user = &answer.username;
    match (answer.has_all_requested, rows.len()) {
        (true, 1) => format!("{user} has the requested privilege"),
        (true, n) => format!("{user} has all {n} requested privileges"),
        (false, 1) => format!("{user} lacks the requested privilege"),
        (false, n) => format!("{user} lacks {missing} of {n} requested privileges"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_of_check() {
        let form = PrivilegesForm {
            cluster: "monitor, manage_security".into(),
            indices: "logs-*".into(),
            index_privileges: "read write".into(),
            application: " kibana ".into(),
            application_privileges: "read".into(),
            resources: "*".into(),
        };
        assert_eq!(
            serde_json::to_value(form.to_body().unwrap()).unwrap(),
            json!({
                "cluster": ["monitor", "manage_security"],
                "index": [{"names": ["logs-*"], "privileges": ["read", "write"]}],
                "application": [{"application": "kibana", "privileges": ["read"], "resources": ["*"]}]
            })
        );
    }

    #[test]
    fn cluster_only() {
        let form = PrivilegesForm {
            cluster: "monitor".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(form.to_body().unwrap()).unwrap(),
            json!({"cluster": ["monitor"]})
        );
    }

    #[test]
    fn incomplete_forms_name_the_field() {
        let err = PrivilegesForm::default().to_body().unwrap_err();
        assert_eq!(err.field, field::CLUSTER);
        let err = PrivilegesForm {
            indices: "logs".into(),
            ..Default::default()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::INDEX_PRIVILEGES);
        let err = PrivilegesForm {
            index_privileges: "read".into(),
            ..Default::default()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::INDICES);
        let err = PrivilegesForm {
            application: "app".into(),
            resources: "*".into(),
            ..Default::default()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::APPLICATION_PRIVILEGES);
        let err = PrivilegesForm {
            resources: "*".into(),
            ..Default::default()
        }
        .to_body()
        .unwrap_err();
        assert_eq!(err.field, field::APPLICATION);
        assert_eq!(
            err.message,
            "To check application privileges, name the application."
        );
    }

    #[test]
    fn answers_as_rows_and_a_summary() {
        let answer: HasPrivilegesResponse = serde_json::from_value(json!({
            "username": "ci-reader",
            "has_all_requested": false,
            "cluster": {"monitor": true, "manage_security": false},
            "index": {"logs-*": {"read": true, "write": false}},
            "application": {"kibana": {"*": {"read": true}}}
        }))
        .unwrap();
        let rows = check_rows(&answer);
        let flat: Vec<(String, String, bool)> = rows
            .into_iter()
            .map(|r| (r.scope, r.privilege, r.granted))
            .collect();
        assert_eq!(
            flat,
            [
                ("Cluster".into(), "manage_security".into(), false),
                ("Cluster".into(), "monitor".into(), true),
                ("Index logs-*".into(), "read".into(), true),
                ("Index logs-*".into(), "write".into(), false),
                ("Application kibana on *".into(), "read".into(), true),
            ]
        );
        assert_eq!(
            summary(&answer),
            "ci-reader lacks 2 of 5 requested privileges"
        );

        let all: HasPrivilegesResponse = serde_json::from_value(json!({
            "username": "elastic", "has_all_requested": true, "cluster": {"monitor": true},
            "index": {}, "application": {}
        }))
        .unwrap();
        assert_eq!(summary(&all), "elastic has the requested privilege");
    }
}
