//! The plan: desired against actual, per object, with a field-level diff. A value, computed
//! without I/O; its `Display` is the human plan.

use crate::state::{ActualState, Desired, Key, Kind, Protection};
use serde_json::Value;
use std::fmt;

/// What happens to one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// It does not exist and will be created.
    Create,
    /// It exists and differs: it will be updated.
    Change,
    /// It exists, carries the ownership marker and the desired state no longer names it.
    Delete,
    /// It exists as desired.
    Unchanged,
    /// Reserved or read-only: never touched (`in_file`: the desired state names it).
    Protected {
        /// Why.
        protection: Protection,
        /// Whether the desired state names it (it is still left alone).
        in_file: bool,
    },
    /// It exists, the desired state does not name it and it has no ownership marker: left
    /// alone.
    Unmanaged,
}

/// One changed field: its path and its value before and after (`None`: absent).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// The path, e.g. `indices[0].privileges`.
    pub path: String,
    /// The value now.
    pub before: Option<Value>,
    /// The value the desired state gives.
    pub after: Option<Value>,
}

/// One object of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Kind and name.
    pub key: Key,
    /// What happens to it.
    pub action: Action,
    /// The fields that change (for create: every field; for delete: none).
    pub changes: Vec<FieldChange>,
    /// The desired object (create and change).
    pub desired: Option<Value>,
}

/// A plan: one entry per object of either side, in kind and name order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The entries.
    pub entries: Vec<Entry>,
}

/// A plan that cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// A user would be created without a password source.
    #[error("user `{0}` does not exist and has no password source: give it `password_env` or `password_file` (a new user needs a password; the file never holds one)")]
    NoPassword(String),
}

impl Plan {
    /// Compares the desired state with the cluster's.
    ///
    /// Refused: creating a user that has no password source.
    pub fn new(desired: &Desired, actual: &ActualState) -> Result<Plan, PlanError> {
        let mut keys: Vec<&Key> = desired
            .objects
            .keys()
            .chain(actual.objects.keys())
            .collect();
        keys.sort();
        keys.dedup();
        let mut entries = Vec::new();
        for key in keys {
            let want = desired.objects.get(key);
            let have = actual.objects.get(key);
            let entry = match (want, have) {
                (_, Some(have)) if have.protection.is_some() => Entry {
                    key: key.clone(),
                    action: Action::Protected {
                        protection: have.protection.unwrap_or(Protection::Reserved),
                        in_file: want.is_some(),
                    },
                    changes: Vec::new(),
                    desired: None,
                },
                (Some(want), None) => {
                    if key.0 == Kind::User {
                        let spec = desired.users.get(&key.1);
                        if spec
                            .is_none_or(|u| u.password_env.is_none() && u.password_file.is_none())
                        {
                            return Err(PlanError::NoPassword(key.1.clone()));
                        }
                    }
                    let mut changes = Vec::new();
                    diff("", None, Some(want), &mut changes);
                    Entry {
                        key: key.clone(),
                        action: Action::Create,
                        changes,
                        desired: Some(want.clone()),
                    }
                }
                (Some(want), Some(have)) => {
                    let mut changes = Vec::new();
                    diff("", Some(&have.body), Some(want), &mut changes);
                    Entry {
                        key: key.clone(),
                        action: if changes.is_empty() {
                            Action::Unchanged
                        } else {
                            Action::Change
                        },
                        changes,
                        desired: Some(want.clone()),
                    }
                }
                (None, Some(have)) => Entry {
                    key: key.clone(),
                    action: if have.managed {
                        Action::Delete
                    } else {
                        Action::Unmanaged
                    },
                    changes: Vec::new(),
                    desired: None,
                },
                (None, None) => continue,
            };
            entries.push(entry);
        }
        Ok(Plan { entries })
    }

    /// Whether applying the plan would change anything.
    pub fn has_changes(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e.action, Action::Create | Action::Change | Action::Delete))
    }

    /// How many entries have this action.
    pub fn count(&self, action: &Action) -> usize {
        self.entries
            .iter()
            .filter(|e| std::mem::discriminant(&e.action) == std::mem::discriminant(action))
            .count()
    }
}

/// Field-level diff: objects member by member, lists of equal length item by item, anything
/// else as a whole.
fn diff(path: &str, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<FieldChange>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (before, after) {
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                diff(&join(key), a.get(key), b.get(key), out);
            }
        }
        (None, Some(Value::Object(b))) if path.is_empty() => {
            for (key, value) in b {
                diff(&join(key), None, Some(value), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b)))
            if a.len() == b.len() && a.iter().chain(b).all(Value::is_object) =>
        {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{path}[{i}]"), Some(x), Some(y), out);
            }
        }
        (None, None) => {}
        _ => out.push(FieldChange {
            path: path.to_owned(),
            before: before.cloned(),
            after: after.cloned(),
        }),
    }
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl fmt::Display for Plan {
    /// The human plan: changed objects with their field diff, then protected objects by kind,
    /// then a summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.entries {
            let (kind, name) = (&entry.key.0, &entry.key.1);
            match &entry.action {
                Action::Create => writeln!(f, "+ {kind} {name}: create")?,
                Action::Change => writeln!(f, "~ {kind} {name}: change")?,
                Action::Delete => writeln!(
                    f,
                    "- {kind} {name}: delete (managed, no longer in the desired state)"
                )?,
                Action::Protected {
                    protection,
                    in_file: true,
                } => writeln!(
                    f,
                    "! {kind} {name}: in the desired state but {}: not touched",
                    match protection {
                        Protection::Reserved => "reserved",
                        Protection::ReadOnly => "read-only (operator-defined)",
                    }
                )?,
                _ => continue,
            }
            for change in &entry.changes {
                match (&change.before, &change.after) {
                    (None, Some(after)) => {
                        writeln!(f, "    + {}: {}", change.path, compact(after))?
                    }
                    (Some(before), None) => {
                        writeln!(f, "    - {}: {}", change.path, compact(before))?
                    }
                    (Some(before), Some(after)) => writeln!(
                        f,
                        "    ~ {}: {} -> {}",
                        change.path,
                        compact(before),
                        compact(after)
                    )?,
                    (None, None) => {}
                }
            }
        }
        for (protection, label) in [
            (Some(Protection::Reserved), "reserved, never touched"),
            (
                Some(Protection::ReadOnly),
                "read-only (operator-defined), never touched",
            ),
            (
                None,
                "not managed: not in the desired state, no ownership marker, left alone",
            ),
        ] {
            for kind in [
                Kind::Role,
                Kind::RoleMapping,
                Kind::User,
                Kind::ApplicationPrivilege,
            ] {
                let names: Vec<&str> = self
                    .entries
                    .iter()
                    .filter(|e| {
                        e.key.0 == kind
                            && match (&e.action, protection) {
                                (Action::Protected { protection: p, .. }, Some(want)) => *p == want,
                                (Action::Unmanaged, None) => true,
                                _ => false,
                            }
                    })
                    .map(|e| e.key.1.as_str())
                    .collect();
                if !names.is_empty() {
                    writeln!(f, "  {kind} ({label}): {}", names.join(", "))?;
                }
            }
        }
        let protected = self
            .entries
            .iter()
            .filter(|e| matches!(e.action, Action::Protected { .. }))
            .count();
        writeln!(
            f,
            "Plan: {} to create, {} to change, {} to delete; {} unchanged, {} reserved or read-only, {} not managed.",
            self.count(&Action::Create),
            self.count(&Action::Change),
            self.count(&Action::Delete),
            self.count(&Action::Unchanged),
            protected,
            self.count(&Action::Unmanaged),
        )
    }
}
