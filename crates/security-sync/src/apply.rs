//! Applying a plan: the plan as a list of the client's sans-IO requests (what `--dry-run`
//! prints), sending them, and reading the cluster's state.

use crate::plan::{Action, Plan};
use crate::state::{ActualState, Desired, Kind, MANAGED_KEY};
use security_client::privileges::{DeletePrivileges, PutPrivileges};
use security_client::role_mappings::{DeleteRoleMapping, PutRoleMapping};
use security_client::roles::{BulkDeleteRole, BulkPutRole, DeleteRole, PutRole};
use security_client::sans_io::{BaseUrl, Endpoint, MaybeSend, MaybeSync};
use security_client::users::{DeleteUser, PutUser};
use security_client::{Error, OptionalExt, Secret, SecurityClient, Transport, Version};
use serde_json::{Map, Value};
use std::fmt;

/// One request of an apply, with the objects it creates, changes or deletes.
#[derive(Debug)]
pub struct Step {
    /// The objects (`kind name`) this request is for.
    pub objects: Vec<(Kind, String)>,
    /// What it does to them.
    pub action: Action,
    /// The request.
    pub request: Request,
}

/// A request of the client (sans-IO).
#[derive(Debug)]
#[allow(missing_docs)]
pub enum Request {
    PutRole(PutRole),
    BulkPutRole(BulkPutRole),
    DeleteRole(DeleteRole),
    BulkDeleteRole(BulkDeleteRole),
    PutRoleMapping(PutRoleMapping),
    DeleteRoleMapping(DeleteRoleMapping),
    PutUser(PutUser),
    DeleteUser(DeleteUser),
    PutPrivileges(PutPrivileges),
    DeletePrivileges(DeletePrivileges),
}

macro_rules! each {
    ($request:expr, $r:ident => $body:expr) => {
        match $request {
            Request::PutRole($r) => $body,
            Request::BulkPutRole($r) => $body,
            Request::DeleteRole($r) => $body,
            Request::BulkDeleteRole($r) => $body,
            Request::PutRoleMapping($r) => $body,
            Request::DeleteRoleMapping($r) => $body,
            Request::PutUser($r) => $body,
            Request::DeleteUser($r) => $body,
            Request::PutPrivileges($r) => $body,
            Request::DeletePrivileges($r) => $body,
        }
    };
}

impl Request {
    /// The HTTP request as it is sent to `base_url` (without credentials).
    pub fn to_http(&self, base_url: &BaseUrl) -> Result<http::Request<Vec<u8>>, Error> {
        each!(self, r => r.to_http_request(base_url, None))
    }

    /// The request as text: method, path and query, and the JSON body with passwords
    /// redacted. What `--dry-run` prints.
    pub fn describe(&self) -> String {
        let parts = match each!(self, r => r.request_parts()) {
            Ok(parts) => parts,
            Err(e) => return format!("(invalid request: {e})"),
        };
        let mut text = format!("{} {}{}", parts.method, parts.path, parts.query);
        if let Some(body) = parts.body {
            let body = match serde_json::from_slice::<Value>(&body) {
                Ok(mut json) => {
                    redact(&mut json);
                    serde_json::to_string_pretty(&json).unwrap_or_default()
                }
                Err(_) => "(body not JSON)".to_owned(),
            };
            text.push('\n');
            text.push_str(&body);
        }
        text
    }
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if matches!(key.as_str(), "password" | "password_hash") {
                    *value = Value::String("[redacted]".into());
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.request.describe())
    }
}

/// A request that cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// A password source could not be read.
    #[error("user `{user}`: cannot read its password: {reason}")]
    Password {
        /// The user.
        user: String,
        /// Why.
        reason: String,
    },
}

fn with_marker(value: &Value) -> Value {
    let mut value = value.clone();
    if let Value::Object(map) = &mut value {
        let metadata = map
            .entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(metadata) = metadata {
            metadata.insert(MANAGED_KEY.into(), Value::Bool(true));
        }
    }
    value
}

fn read_password(desired: &Desired, user: &str) -> Result<Secret, StepError> {
    let err = |reason: String| StepError::Password {
        user: user.to_owned(),
        reason,
    };
    let spec = desired
        .users
        .get(user)
        .ok_or_else(|| err("not in the desired state".into()))?;
    if let Some(var) = &spec.password_env {
        return std::env::var(var)
            .map(Secret::from)
            .map_err(|e| err(format!("environment variable {var}: {e}")));
    }
    if let Some(path) = &spec.password_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| err(format!("file {}: {e}", path.display())))?;
        let first = text.lines().next().unwrap_or("").to_owned();
        if first.is_empty() {
            return Err(err(format!("file {} is empty", path.display())));
        }
        return Ok(Secret::from(first));
    }
    Err(err("it has no password_env or password_file".into()))
}

/// The requests that carry out a plan: roles first (in one bulk_put_role when `bulk_roles`,
/// else one put_role each), then role mappings, users and application privileges; deletions
/// last (roles in one bulk_delete_role when `bulk_roles`, else one delete_role each). Every
/// written object gets the ownership marker. A created user gets its password from its
/// source; an updated one keeps its password. `bulk_roles`: see [`has_bulk_roles`].
pub fn requests(plan: &Plan, desired: &Desired, bulk_roles: bool) -> Result<Vec<Step>, StepError> {
    let mut steps = Vec::new();
    let mut bulk: Vec<(String, Value)> = Vec::new();
    let mut bulk_deletes: Vec<String> = Vec::new();
    let mut deletes = Vec::new();
    for entry in &plan.entries {
        let (kind, name) = (entry.key.0, entry.key.1.clone());
        let objects = vec![(kind, name.clone())];
        match (&entry.action, &entry.desired) {
            (Action::Create | Action::Change, Some(want)) => {
                let body = with_marker(want);
                let request = match kind {
                    Kind::Role if bulk_roles => {
                        bulk.push((name, body));
                        continue;
                    }
                    Kind::Role => Request::PutRole(PutRole::new(name).raw_body(body)),
                    Kind::RoleMapping => {
                        let mut body = body;
                        if let Value::Object(map) = &mut body {
                            map.entry("enabled").or_insert(Value::Bool(true));
                        }
                        Request::PutRoleMapping(PutRoleMapping::new(name).raw_body(body))
                    }
                    Kind::User => {
                        let mut put = PutUser::new(name.clone());
                        let get = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_owned);
                        let roles: Vec<String> = body
                            .get("roles")
                            .and_then(Value::as_array)
                            .map(|r| {
                                r.iter()
                                    .filter_map(Value::as_str)
                                    .map(str::to_owned)
                                    .collect()
                            })
                            .unwrap_or_default();
                        put = put.roles(roles);
                        if let Some(full_name) = get("full_name") {
                            put = put.full_name(full_name);
                        }
                        if let Some(email) = get("email") {
                            put = put.email(email);
                        }
                        if let Some(Value::Object(metadata)) = body.get("metadata") {
                            put = put.metadata(metadata.clone());
                        }
                        put = put.enabled(body.get("enabled") != Some(&Value::Bool(false)));
                        if entry.action == Action::Create {
                            put = put.password(read_password(desired, &name)?);
                        }
                        Request::PutUser(put)
                    }
                    Kind::ApplicationPrivilege => {
                        let (app, privilege) = name.split_once('/').unwrap_or((&name, ""));
                        let body = serde_json::json!({ app: { privilege: body } });
                        Request::PutPrivileges(PutPrivileges::new().raw_body(body))
                    }
                };
                steps.push(Step {
                    objects,
                    action: entry.action.clone(),
                    request,
                });
            }
            (Action::Delete, _) => {
                let request = match kind {
                    Kind::Role if bulk_roles => {
                        bulk_deletes.push(name);
                        continue;
                    }
                    Kind::Role => Request::DeleteRole(DeleteRole::new(name)),
                    Kind::RoleMapping => Request::DeleteRoleMapping(DeleteRoleMapping::new(name)),
                    Kind::User => Request::DeleteUser(DeleteUser::new(name)),
                    Kind::ApplicationPrivilege => {
                        let (app, privilege) = name.split_once('/').unwrap_or((&name, ""));
                        Request::DeletePrivileges(DeletePrivileges::new(app, [privilege]))
                    }
                };
                deletes.push(Step {
                    objects,
                    action: Action::Delete,
                    request,
                });
            }
            _ => {}
        }
    }
    if !bulk.is_empty() {
        let objects = bulk.iter().map(|(n, _)| (Kind::Role, n.clone())).collect();
        let roles: Map<String, Value> = bulk.into_iter().collect();
        let body = serde_json::json!({ "roles": roles });
        steps.insert(
            0,
            Step {
                objects,
                action: Action::Change,
                request: Request::BulkPutRole(BulkPutRole::new().raw_body(body)),
            },
        );
    }
    if !bulk_deletes.is_empty() {
        deletes.insert(
            0,
            Step {
                objects: bulk_deletes
                    .iter()
                    .map(|n| (Kind::Role, n.clone()))
                    .collect(),
                action: Action::Delete,
                request: Request::BulkDeleteRole(BulkDeleteRole::new(bulk_deletes)),
            },
        );
    }
    steps.extend(deletes);
    Ok(steps)
}

/// Whether a server of this version has bulk_put_role (`None`: not known, taken as yes; on a
/// serverless project it is private to Elastic: callers pass `false` for `bulk_roles` there).
pub fn has_bulk_put_role(version: Option<Version>) -> bool {
    match (version, BulkPutRole::<()>::SPEC.availability.since) {
        (Some(version), Some(since)) => version >= since,
        _ => true,
    }
}

/// Whether a server of this version has bulk_delete_role (`None`: not known, taken as yes; on a
/// serverless project it is private to Elastic: callers pass `false` for `bulk_roles` there).
pub fn has_bulk_delete_role(version: Option<Version>) -> bool {
    match (version, BulkDeleteRole::SPEC.availability.since) {
        (Some(version), Some(since)) => version >= since,
        _ => true,
    }
}

/// Whether a server of this version has both bulk role endpoints (bulk_put_role and
/// bulk_delete_role, 8.15 and later): the `bulk_roles` argument of [`requests`].
pub fn has_bulk_roles(version: Option<Version>) -> bool {
    has_bulk_put_role(version) && has_bulk_delete_role(version)
}

/// What happened to one object.
#[derive(Debug)]
pub struct Outcome {
    /// Kind and name.
    pub object: (Kind, String),
    /// What was done.
    pub action: Action,
    /// `Ok` or the server's refusal.
    pub result: Result<(), String>,
    /// A deletion of an object that was already gone (the server answered "not found").
    pub not_found: bool,
}

/// Sends the steps in order, reporting per object; a failed step does not stop the others.
pub async fn execute<T>(client: &SecurityClient<T>, steps: Vec<Step>) -> Vec<Outcome>
where
    T: Transport + MaybeSend + MaybeSync + 'static,
{
    let mut outcomes = Vec::new();
    for step in steps {
        let Step {
            objects,
            action,
            request,
        } = step;
        let per_object = |result: Result<(), String>| {
            objects
                .iter()
                .map(|o| Outcome {
                    object: o.clone(),
                    action: action.clone(),
                    result: result.clone(),
                    not_found: false,
                })
                .collect::<Vec<_>>()
        };
        let result = match request {
            Request::BulkPutRole(r) => match client.send(r).await {
                Ok(answer) => {
                    let errors = answer.errors.map(|e| e.details).unwrap_or_default();
                    outcomes.extend(objects.iter().map(|o| Outcome {
                        object: o.clone(),
                        action: action.clone(),
                        result: match errors.get(&o.1) {
                            Some(cause) => Err(format!(
                                "{}: {}",
                                cause.error_type,
                                cause.reason.clone().unwrap_or_default()
                            )),
                            None => Ok(()),
                        },
                        not_found: false,
                    }));
                    continue;
                }
                Err(e) => Err(e.to_string()),
            },
            Request::BulkDeleteRole(r) => match client.send(r).await {
                Ok(answer) => {
                    let errors = answer.errors.map(|e| e.details).unwrap_or_default();
                    let deleted = answer.deleted.unwrap_or_default();
                    let not_found = answer.not_found.unwrap_or_default();
                    outcomes.extend(objects.iter().map(|o| {
                        let missing = not_found.contains(&o.1);
                        Outcome {
                            object: o.clone(),
                            action: action.clone(),
                            result: match errors.get(&o.1) {
                                Some(cause) => Err(format!(
                                    "{}: {}",
                                    cause.error_type,
                                    cause.reason.clone().unwrap_or_default()
                                )),
                                None if deleted.contains(&o.1) || missing => Ok(()),
                                None => Err("not in the server's answer".to_owned()),
                            },
                            not_found: missing,
                        }
                    }));
                    continue;
                }
                Err(e) => Err(e.to_string()),
            },
            Request::PutRole(r) => client.send(r).await.map(drop).map_err(|e| e.to_string()),
            // A role already gone is reported as such, as the bulk answer's `not_found` is.
            Request::DeleteRole(r) => match client.send(r).await.optional() {
                Ok(answer) => {
                    outcomes.extend(objects.iter().map(|o| Outcome {
                        object: o.clone(),
                        action: action.clone(),
                        result: Ok(()),
                        not_found: !answer.as_ref().is_some_and(|a| a.found),
                    }));
                    continue;
                }
                Err(e) => Err(e.to_string()),
            },
            Request::PutRoleMapping(r) => client.send(r).await.map(drop).map_err(|e| e.to_string()),
            Request::DeleteRoleMapping(r) => {
                client.send(r).await.map(drop).map_err(|e| e.to_string())
            }
            Request::PutUser(r) => client.send(r).await.map(drop).map_err(|e| e.to_string()),
            Request::DeleteUser(r) => client.send(r).await.map(drop).map_err(|e| e.to_string()),
            Request::PutPrivileges(r) => client.send(r).await.map(drop).map_err(|e| e.to_string()),
            Request::DeletePrivileges(r) => {
                client.send(r).await.map(drop).map_err(|e| e.to_string())
            }
        };
        outcomes.extend(per_object(result));
    }
    outcomes
}

/// Reads the cluster's roles, role mappings, users and application privileges.
pub async fn fetch<T>(client: &SecurityClient<T>) -> Result<ActualState, Error>
where
    T: Transport + MaybeSend + MaybeSync + 'static,
{
    fetch_reporting(client, |_, _| {}).await
}

/// The number of reads [`fetch`] makes.
pub const FETCH_READS: u64 = 4;

/// [`fetch`], calling `before_read(done, what)` before each of its [`FETCH_READS`] reads with
/// the number of reads done and what is read next (`"roles"`, `"role mappings"`, `"users"`,
/// `"application privileges"`): for a progress display.
pub async fn fetch_reporting<T>(
    client: &SecurityClient<T>,
    mut before_read: impl FnMut(u64, &'static str),
) -> Result<ActualState, Error>
where
    T: Transport + MaybeSend + MaybeSync + 'static,
{
    before_read(0, "roles");
    let roles = client.get_role().await?;
    before_read(1, "role mappings");
    let role_mappings = client.get_role_mapping().await?;
    before_read(2, "users");
    let users = client.get_user().await?;
    before_read(3, "application privileges");
    let privileges = client.get_privileges().await?;
    Ok(ActualState::from_responses(
        roles,
        role_mappings,
        users,
        privileges,
    ))
}
