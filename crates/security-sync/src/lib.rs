//! Security as code for Elasticsearch: roles, role mappings, users and application privileges
//! kept in YAML or JSON files, compared with a cluster and applied.
//!
//! The steps are values, computed without I/O except where the cluster is read or written:
//!
//! 1. [`model::load`] reads desired-state files (unknown fields, wrong types and duplicate names
//!    are errors naming the file, line and field) and [`Desired::new`] normalises them;
//! 2. [`fetch`] reads the cluster into an [`ActualState`] (or build one with
//!    [`ActualState::from_responses`]);
//! 3. [`Plan::new`] compares them: per object created, changed, deleted, unchanged, reserved or
//!    read-only (never touched), or not managed; `Display` prints the human plan;
//! 4. [`requests`] turns the plan into the client's sans-IO requests (printable for a dry run,
//!    secrets redacted), and [`execute`] sends them, reporting per object.
//!
//! Ownership: objects named in the desired state are created or updated, and get the metadata
//! marker [`MANAGED_KEY`] (`es_security_managed: true`); an object the desired state no longer
//! names is deleted only when it carries the marker. Reserved objects (`_reserved: true`) and
//! operator-defined role mappings (`_read_only: true`) are never touched.
//!
//! Passwords: a user's password never appears in the file. `password_env` or `password_file`
//! names where the initial password is; it is used only when the user is created (an existing
//! user's password is not changed). A user that does not exist and has no password source is
//! refused when planning.
//!
//! ```no_run
//! # async fn demo(client: security_client::SecurityClient) -> Result<(), Box<dyn std::error::Error>> {
//! use security_sync::{fetch, model, requests, execute, has_bulk_roles, Desired, Plan};
//! let desired = Desired::new(&model::load(&["security.yaml"])?);
//! let plan = Plan::new(&desired, &fetch(&client).await?)?;
//! print!("{plan}");
//! let bulk = has_bulk_roles(client.learn_server_version().await?);
//! for outcome in execute(&client, requests(&plan, &desired, bulk)?).await {
//!     println!("{:?} {}: {:?}", outcome.object.0, outcome.object.1, outcome.result);
//! }
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]

pub mod apply;
pub mod model;
pub mod plan;
pub mod state;

pub use apply::{
    execute, fetch, fetch_reporting, has_bulk_delete_role, has_bulk_put_role, has_bulk_roles,
    requests, Outcome, Request, Step, StepError, FETCH_READS,
};
pub use model::{load, DesiredState, LoadError};
pub use plan::{Action, Entry, FieldChange, Plan, PlanError};
pub use state::{ActualState, Desired, Kind, Protection, MANAGED_KEY};

/// Writes a document (an export) as YAML.
pub fn to_yaml(value: &serde_json::Value) -> String {
    serde_norway::to_string(value).unwrap_or_default()
}
