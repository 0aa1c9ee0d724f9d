//! Parsing and validating role descriptors the way Elasticsearch's parser does (8.14, or 9.5
//! with `description` and `remote_cluster`), and writing them back in the shape get_role and
//! get_api_key show.

use crate::authz::{
    cluster_privilege_names, index_privilege_names, is_cluster_privilege, is_index_privilege,
};
use crate::error::{illegal_argument, parse_error, Reply};
use crate::version::EsVersion;
use serde_json::{json, Map, Value};

/// Parses one role descriptor. Parse errors are returned at once (400 `parse_exception`);
/// privilege names that do not exist are pushed to `invalid` (they become a 400
/// `action_request_validation_exception`, as in Elasticsearch).
pub(crate) fn parse(
    role: &str,
    value: &Value,
    for_api_key: bool,
    version: EsVersion,
    invalid: &mut Vec<String>,
) -> Result<Value, Reply> {
    let Some(obj) = value.as_object() else {
        return Err(parse_error(format!(
            "failed to parse role [{role}]. expected an object but found [{}] instead",
            kind(value)
        )));
    };
    let mut cluster: Vec<String> = Vec::new();
    let mut indices: Vec<Value> = Vec::new();
    let mut remote_indices: Vec<Value> = Vec::new();
    let mut applications: Vec<Value> = Vec::new();
    let mut run_as: Vec<String> = Vec::new();
    let mut metadata = Map::new();
    let mut global: Option<Value> = None;
    let mut restriction: Option<Value> = None;
    let mut description: Option<String> = None;
    let mut remote_cluster: Vec<Value> = Vec::new();
    // Fields added after 8.14 (Elasticsearch 8.15).
    let newer = version.has((8, 15));
    for (field, v) in obj {
        match field.as_str() {
            "cluster" => cluster = string_array(role, field, v)?,
            "indices" | "index" => {
                for g in array(role, field, v)? {
                    indices.push(index_group(role, g, false, invalid)?);
                }
            }
            "remote_indices" => {
                for g in array(role, field, v)? {
                    remote_indices.push(index_group(role, g, true, invalid)?);
                }
            }
            "applications" | "application" => {
                for g in array(role, field, v)? {
                    applications.push(app_group(role, g)?);
                }
            }
            "run_as" => run_as = string_array(role, field, v)?,
            "description" if newer => match v {
                Value::String(d) => description = Some(d.clone()),
                Value::Null => {}
                _ => {
                    return Err(parse_error(format!(
                        "failed to parse role [{role}]. expected field [description] value to be a string, but found [{}] instead",
                        kind(v)
                    )))
                }
            },
            "remote_cluster" if newer => {
                for g in array(role, field, v)? {
                    remote_cluster.push(remote_cluster_group(role, g)?);
                }
            }
            "metadata" => match v {
                Value::Object(m) => metadata = m.clone(),
                Value::Null => {}
                _ => return Err(expected_object(role, field, v)),
            },
            "transient_metadata" => {
                if !v.is_object() && !v.is_null() {
                    return Err(expected_object(role, field, v));
                }
            }
            "global" => {
                if !v.is_object() {
                    return Err(expected_object(role, field, v));
                }
                global = Some(v.clone());
            }
            "restriction" if for_api_key => {
                let Some(r) = v.as_object() else {
                    return Err(expected_object(role, field, v));
                };
                for k in r.keys() {
                    if k != "workflows" {
                        return Err(parse_error(format!(
                            "failed to parse restriction for role [{role}]. unexpected field [{k}]"
                        )));
                    }
                }
                let workflows = string_array(role, "workflows", &r["workflows"])?;
                if workflows.is_empty() {
                    return Err(parse_error(format!(
                        "failed to parse restriction for role [{role}]. missing required [workflows] field"
                    )));
                }
                restriction = Some(json!({"workflows": workflows}));
            }
            other => {
                return Err(parse_error(format!(
                    "failed to parse role [{role}]. unexpected field [{other}]"
                )))
            }
        }
    }
    for p in &cluster {
        if !is_cluster_privilege(p) {
            invalid.push(format!(
                "unknown cluster privilege [{}]. a privilege must be either one of the predefined cluster privilege names [{}] or a pattern over one of the available cluster actions",
                p.to_lowercase(),
                cluster_privilege_names().join(",")
            ));
        }
    }
    if metadata.keys().any(|k| k.starts_with('_')) && !for_api_key {
        invalid.push("role descriptor metadata keys may not start with [_]".to_owned());
    }
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        invalid.push("Role description must be less than 1000 characters.".to_owned());
    }
    let mut out = Map::new();
    out.insert("cluster".into(), json!(cluster));
    out.insert("indices".into(), json!(indices));
    out.insert("applications".into(), json!(applications));
    out.insert("run_as".into(), json!(run_as));
    out.insert("metadata".into(), Value::Object(metadata));
    out.insert("transient_metadata".into(), json!({"enabled": true}));
    if let Some(g) = global {
        out.insert("global".into(), g);
    }
    if !remote_indices.is_empty() {
        out.insert("remote_indices".into(), json!(remote_indices));
    }
    if !remote_cluster.is_empty() {
        out.insert("remote_cluster".into(), json!(remote_cluster));
    }
    if let Some(r) = restriction {
        out.insert("restriction".into(), r);
    }
    if let Some(d) = description {
        out.insert("description".into(), json!(d));
    }
    Ok(Value::Object(out))
}

/// The cluster privileges a `remote_cluster` entry may grant (9.5).
const REMOTE_CLUSTER_PRIVILEGES: [&str; 2] = ["monitor_enrich", "monitor_stats"];

fn remote_cluster_group(role: &str, g: &Value) -> Result<Value, Reply> {
    let Some(obj) = g.as_object() else {
        return Err(parse_error(format!(
            "failed to parse remote_cluster for role [{role}]. expected field [remote_cluster] value to be an array of objects, but found an array element of type [{}]",
            kind(g)
        )));
    };
    let mut clusters = None;
    let mut privileges = None;
    for (field, v) in obj {
        match field.as_str() {
            "clusters" => clusters = Some(string_array(role, field, v)?),
            "privileges" => privileges = Some(string_array(role, field, v)?),
            other => {
                return Err(parse_error(format!(
                    "failed to parse remote_cluster for role [{role}]. unexpected field [{other}]"
                )))
            }
        }
    }
    let missing = |f: &str| {
        parse_error(format!(
            "failed to parse remote_cluster for role [{role}]. missing required [{f}] field"
        ))
    };
    let clusters = clusters.ok_or_else(|| missing("clusters"))?;
    let privileges = privileges.ok_or_else(|| missing("privileges"))?;
    let bad: Vec<&String> = privileges
        .iter()
        .filter(|p| !REMOTE_CLUSTER_PRIVILEGES.contains(&p.to_lowercase().as_str()))
        .collect();
    if !bad.is_empty() {
        let bad: Vec<&str> = bad.iter().map(|p| p.as_str()).collect();
        return Err(illegal_argument(format!(
            "Invalid remote_cluster permissions found. Please remove the following: [{}] Only [{}] are allowed",
            bad.join(", "),
            REMOTE_CLUSTER_PRIVILEGES.join(", ")
        )));
    }
    Ok(json!({"privileges": privileges, "clusters": clusters}))
}

fn index_group(
    role: &str,
    g: &Value,
    remote: bool,
    invalid: &mut Vec<String>,
) -> Result<Value, Reply> {
    let what = if remote { "remote indices" } else { "indices" };
    let Some(obj) = g.as_object() else {
        return Err(parse_error(format!(
            "failed to parse {what} privileges for role [{role}]. expected field [{what}] value to be an array of objects, but found an array element of type [{}]",
            kind(g)
        )));
    };
    let mut names: Option<Vec<String>> = None;
    let mut privileges: Option<Vec<String>> = None;
    let mut clusters: Option<Vec<String>> = None;
    let mut out = Map::new();
    let mut allow_restricted = false;
    for (field, v) in obj {
        match field.as_str() {
            "names" => {
                names = Some(match v {
                    Value::String(s) => vec![s.clone()],
                    _ => string_array(role, field, v)?,
                })
            }
            "privileges" => privileges = Some(string_array(role, field, v)?),
            "clusters" if remote => clusters = Some(string_array(role, field, v)?),
            "field_security" => {
                let Some(fs) = v.as_object() else {
                    return Err(expected_object(role, field, v));
                };
                for k in fs.keys() {
                    if k != "grant" && k != "except" {
                        return Err(parse_error(format!(
                            "failed to parse indices privileges for role [{role}]. field_security only supports the grant and except fields, found [{k}]"
                        )));
                    }
                }
                out.insert("field_security".into(), v.clone());
            }
            "query" => {
                if !v.is_string() && !v.is_object() && !v.is_null() {
                    return Err(parse_error(format!(
                        "failed to parse indices privileges for role [{role}]. expected field [query] value to be null, a string, or an object, but found [{}] instead",
                        kind(v)
                    )));
                }
                if !v.is_null() {
                    let q = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    out.insert("query".into(), json!(q));
                }
            }
            "allow_restricted_indices" => {
                allow_restricted = v.as_bool().ok_or_else(|| {
                    parse_error(format!(
                        "failed to parse indices privileges for role [{role}]. expected field [allow_restricted_indices] value to be a boolean, but found [{}] instead",
                        kind(v)
                    ))
                })?
            }
            other => {
                return Err(parse_error(format!(
                    "failed to parse {what} privileges for role [{role}]. unexpected field [{other}]"
                )))
            }
        }
    }
    let Some(names) = names else {
        return Err(parse_error(format!(
            "failed to parse {what} privileges for role [{role}]. missing required [names] field"
        )));
    };
    let Some(privileges) = privileges else {
        return Err(parse_error(format!(
            "failed to parse {what} privileges for role [{role}]. missing required [privileges] field"
        )));
    };
    if remote && clusters.is_none() {
        return Err(parse_error(format!(
            "failed to parse remote indices privileges for role [{role}]. missing required [clusters] field"
        )));
    }
    for p in &privileges {
        if !is_index_privilege(p) {
            invalid.push(format!(
                "unknown index privilege [{}]. a privilege must be either one of the predefined fixed indices privileges [{}] or a pattern over one of the available index actions",
                p.to_lowercase(),
                index_privilege_names().join(",")
            ));
        }
    }
    let mut group = Map::new();
    if let Some(c) = clusters {
        group.insert("clusters".into(), json!(c));
    }
    group.insert("names".into(), json!(names));
    group.insert("privileges".into(), json!(privileges));
    group.extend(out);
    group.insert("allow_restricted_indices".into(), json!(allow_restricted));
    Ok(Value::Object(group))
}

fn app_group(role: &str, g: &Value) -> Result<Value, Reply> {
    let Some(obj) = g.as_object() else {
        return Err(parse_error(format!(
            "failed to parse application privileges for role [{role}]. expected an object but found [{}]",
            kind(g)
        )));
    };
    let mut application = None;
    let mut privileges = None;
    let mut resources = None;
    for (field, v) in obj {
        match field.as_str() {
            "application" => {
                application = Some(v.as_str().map(str::to_owned).ok_or_else(|| {
                    parse_error(format!(
                        "failed to parse application privileges for role [{role}]. expected field [application] value to be a string"
                    ))
                })?)
            }
            "privileges" => privileges = Some(string_array(role, field, v)?),
            "resources" => resources = Some(string_array(role, field, v)?),
            other => {
                return Err(parse_error(format!(
                    "failed to parse application privileges for role [{role}]. unexpected field [{other}]"
                )))
            }
        }
    }
    let missing = |f: &str| {
        parse_error(format!(
            "failed to parse application privileges for role [{role}]. missing required [{f}] field"
        ))
    };
    Ok(json!({
        "application": application.ok_or_else(|| missing("application"))?,
        "privileges": privileges.ok_or_else(|| missing("privileges"))?,
        "resources": resources.ok_or_else(|| missing("resources"))?,
    }))
}

fn array<'a>(role: &str, field: &str, v: &'a Value) -> Result<&'a Vec<Value>, Reply> {
    v.as_array().ok_or_else(|| {
        parse_error(format!(
            "failed to parse role [{role}]. expected field [{field}] value to be an array, but found [{}] instead",
            kind(v)
        ))
    })
}

fn string_array(role: &str, field: &str, v: &Value) -> Result<Vec<String>, Reply> {
    if v.is_null() {
        return Ok(Vec::new());
    }
    let items = array(role, field, v)?;
    items
        .iter()
        .map(|x| {
            x.as_str().map(str::to_owned).ok_or_else(|| {
                parse_error(format!(
                    "failed to parse role [{role}]. expected field [{field}] value to be a string array, but found an element of type [{}]",
                    kind(x)
                ))
            })
        })
        .collect()
}

fn expected_object(role: &str, field: &str, v: &Value) -> Reply {
    parse_error(format!(
        "failed to parse role [{role}]. expected field [{field}] value to be an object, but found [{}] instead",
        kind(v)
    ))
}

/// The JSON token kind, in Jackson's words.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "VALUE_NULL",
        Value::Bool(_) => "VALUE_BOOLEAN",
        Value::Number(_) => "VALUE_NUMBER",
        Value::String(_) => "VALUE_STRING",
        Value::Array(_) => "START_ARRAY",
        Value::Object(_) => "START_OBJECT",
    }
}

/// Parses a map of role descriptors (`role_descriptors` of create/update/grant API key).
pub(crate) fn parse_map(
    value: &Value,
    version: EsVersion,
    invalid: &mut Vec<String>,
) -> Result<Map<String, Value>, Reply> {
    let Some(map) = value.as_object() else {
        return Err(parse_error(format!(
            "failed to parse role descriptors. expected an object but found [{}] instead",
            kind(value)
        )));
    };
    let mut out = Map::new();
    for (name, d) in map {
        out.insert(name.clone(), parse(name, d, true, version, invalid)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_validates() {
        let mut invalid = Vec::new();
        let d = parse(
            "r",
            &json!({"cluster": ["monitor"], "indices": [{"names": "logs-*", "privileges": ["read"]}]}),
            false,
            EsVersion::V8_14,
            &mut invalid,
        )
        .unwrap();
        assert!(invalid.is_empty());
        assert_eq!(d["indices"][0]["names"], json!(["logs-*"]));
        assert_eq!(d["indices"][0]["allow_restricted_indices"], json!(false));
        assert_eq!(d["transient_metadata"], json!({"enabled": true}));

        let v14 = EsVersion::V8_14;
        let err = parse("r", &json!({"description": "x"}), false, v14, &mut invalid).unwrap_err();
        assert_eq!(err.status, 400);
        let d = parse(
            "r",
            &json!({"description": "x"}),
            false,
            EsVersion::V9_5,
            &mut invalid,
        )
        .unwrap();
        assert_eq!(d["description"], "x");
        parse(
            "r",
            &json!({"cluster": ["bogus"]}),
            false,
            v14,
            &mut invalid,
        )
        .unwrap();
        assert!(invalid[0].starts_with("unknown cluster privilege [bogus]"));
    }
}
