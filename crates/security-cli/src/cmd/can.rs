//! `es-security can USER …`: has_privileges as that user (run-as), then which roles grant each
//! privilege, which role would grant a missing one, and the role mappings that map to it.

use crate::output::{Format, Styles};
use crate::{CliError, CmdResult, Ctx};
use security_client::sans_io::http::Method;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Can USER do this? has_privileges as the user (run-as), then an explanation: which of the
/// user's roles grant each privilege, and for a missing one which roles (and the role mappings
/// that map to them) would grant it.
///
/// Elasticsearch decides granted or missing. Which role grants what is worked out here from the
/// role definitions: privilege names, `all`, the usual implications (`write` covers `index`,
/// `manage` covers `monitor`, …) and wildcard patterns; a privilege granted in a way this does
/// not model says so. Needs the run_as privilege for USER (superuser has it).
///
/// Exit code: 0 when every privilege is granted, 3 when one is missing, 1 on error.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  es-security can alice --cluster monitor --index 'logs-*:read,view_index_metadata'
  es-security can ci --index metrics-app:create_doc --application 'kibana-.kibana:feature_dashboard.read:space:ops'
  es-security can alice --index logs-2024:read -o json")]
pub struct Args {
    /// The user to check (run as).
    pub user: String,
    /// Cluster privileges (names or actions).
    #[arg(long, value_name = "PRIV", num_args = 1.., value_delimiter = ',')]
    pub cluster: Vec<String>,
    /// Index privileges: `PATTERN:PRIV[,PRIV…]` (repeatable).
    #[arg(long, value_name = "PATTERN:PRIVS", value_parser = parse_index)]
    pub index: Vec<IndexCheck>,
    /// Application privileges: `APP:PRIV:RESOURCE` (the resource may contain `:`; repeatable).
    #[arg(long, value_name = "APP:PRIV:RESOURCE", value_parser = parse_application)]
    pub application: Vec<ApplicationCheck>,
}

/// An `--index` argument.
#[derive(Debug, Clone)]
pub struct IndexCheck {
    names: String,
    privileges: Vec<String>,
}

/// An `--application` argument.
#[derive(Debug, Clone)]
pub struct ApplicationCheck {
    application: String,
    privilege: String,
    resource: String,
}

fn parse_index(text: &str) -> Result<IndexCheck, String> {
    let (names, privileges) = text
        .split_once(':')
        .filter(|(n, p)| !n.is_empty() && !p.is_empty())
        .ok_or_else(|| format!("expected PATTERN:PRIV[,PRIV…], e.g. logs-*:read, got `{text}`"))?;
    Ok(IndexCheck {
        names: names.to_owned(),
        privileges: privileges.split(',').map(str::to_owned).collect(),
    })
}

fn parse_application(text: &str) -> Result<ApplicationCheck, String> {
    let mut parts = text.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(p), Some(r)) if !a.is_empty() && !p.is_empty() && !r.is_empty() => {
            Ok(ApplicationCheck {
                application: a.to_owned(),
                privilege: p.to_owned(),
                resource: r.to_owned(),
            })
        }
        _ => Err(format!(
            "expected APP:PRIV:RESOURCE, e.g. kibana-.kibana:read:space:default, got `{text}`"
        )),
    }
}

/// One requested privilege and its explanation (the JSON/YAML output).
#[derive(Debug, Serialize)]
struct Verdict {
    /// `cluster`, `index` or `application`.
    kind: &'static str,
    /// The index or `application resource`; absent for cluster privileges.
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<String>,
    privilege: String,
    granted: bool,
    /// The user's roles that grant it (with the matching entry).
    granted_by: Vec<Grant>,
    /// For a missing privilege: other roles that would grant it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    would_be_granted_by: Vec<Grant>,
}

#[derive(Debug, Serialize)]
struct Grant {
    role: String,
    /// The entry of the role that covers the privilege, e.g. `logs-*: read`.
    entry: String,
    /// Role mappings that map users to this role (where they apply, the user gets it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    role_mappings: Vec<String>,
    /// Whether the user has the role through a role mapping rather than its own roles.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    via_role_mapping: bool,
}

/// The whole answer (JSON/YAML).
#[derive(Debug, Serialize)]
struct Report {
    user: String,
    realm: String,
    roles: Vec<String>,
    has_all_requested: bool,
    privileges: Vec<Verdict>,
}

/// Runs `can`.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    if args.cluster.is_empty() && args.index.is_empty() && args.application.is_empty() {
        return Err(CliError::new("nothing to check").hint(
            "name privileges: --cluster PRIV, --index PATTERN:PRIV, --application APP:PRIV:RESOURCE",
        ));
    }
    let run_as_hint = |e: security_client::Error, ctx: &Ctx<'_>| {
        let forbidden = e.is_forbidden();
        let error = ctx.client_error(e);
        if forbidden {
            error.hint(format!(
                "`can` runs has_privileges as {} (run-as): you need the run_as privilege for that user (superuser has it), and the user must exist and be enabled",
                args.user
            ))
        } else {
            error
        }
    };
    let mut body = Map::new();
    if !args.cluster.is_empty() {
        body.insert("cluster".into(), json!(args.cluster));
    }
    if !args.index.is_empty() {
        let index: Vec<Value> = args
            .index
            .iter()
            .map(|i| json!({"names": [i.names], "privileges": i.privileges}))
            .collect();
        body.insert("index".into(), Value::Array(index));
    }
    if !args.application.is_empty() {
        let apps: Vec<Value> = args
            .application
            .iter()
            .map(|a| json!({"application": a.application, "privileges": [a.privilege], "resources": [a.resource]}))
            .collect();
        body.insert("application".into(), Value::Array(apps));
    }
    let answer: Value = ctx
        .client
        .raw_request(Method::POST, "/_security/user/_has_privileges")
        .run_as(args.user.clone())
        .body(Value::Object(body))
        .await
        .map_err(|e| run_as_hint(e, ctx))?
        .json()
        .map_err(|e| ctx.client_error(e))?;
    let me = ctx
        .client
        .authenticate()
        .run_as(args.user.clone())
        .await
        .map_err(|e| run_as_hint(e, ctx))?;
    let all_roles = get_all(ctx, "/_security/role").await?;
    let mappings = get_all(ctx, "/_security/role_mapping").await?;
    // The user's own roles (native and reserved users); the rest came from role mappings.
    let own_roles: Vec<String> = match ctx
        .client
        .get_user()
        .username(args.user.clone())
        .raw()
        .await
    {
        Ok(raw) => {
            let users: Value = raw.json().map_err(|e| ctx.client_error(e))?;
            strings(&users[&args.user]["roles"])
        }
        Err(e) if e.is_not_found() => Vec::new(),
        Err(e) => return Err(ctx.client_error(e)),
    };
    let explain = Explainer {
        user_roles: &me.roles,
        own_roles: &own_roles,
        all_roles: &all_roles,
        mappings: &mappings,
    };

    let mut verdicts = Vec::new();
    for privilege in &args.cluster {
        let granted = answer["cluster"][privilege].as_bool().unwrap_or(false);
        verdicts.push(
            explain.verdict("cluster", None, privilege, granted, |role| {
                strings(&role["cluster"])
                    .into_iter()
                    .find(|held| cluster_covers(held, privilege))
            }),
        );
    }
    for check in &args.index {
        for privilege in &check.privileges {
            let granted = answer["index"][&check.names][privilege]
                .as_bool()
                .unwrap_or(false);
            verdicts.push(explain.verdict(
                "index",
                Some(check.names.clone()),
                privilege,
                granted,
                |role| {
                    role["indices"].as_array()?.iter().find_map(|entry| {
                        let names = strings(&entry["names"]);
                        let held = strings(&entry["privileges"]);
                        (names.iter().any(|n| glob(n, &check.names))
                            && held.iter().any(|h| index_covers(h, privilege)))
                        .then(|| format!("{}: {}", names.join(", "), held.join(", ")))
                    })
                },
            ));
        }
    }
    for check in &args.application {
        let granted = answer["application"][&check.application][&check.resource][&check.privilege]
            .as_bool()
            .unwrap_or(false);
        verdicts.push(explain.verdict(
            "application",
            Some(format!("{} {}", check.application, check.resource)),
            &check.privilege,
            granted,
            |role| {
                role["applications"].as_array()?.iter().find_map(|entry| {
                    let app = entry["application"].as_str().unwrap_or_default();
                    let held = strings(&entry["privileges"]);
                    let resources = strings(&entry["resources"]);
                    (glob(app, &check.application)
                        && held
                            .iter()
                            .any(|h| h == "*" || h == "all" || glob(h, &check.privilege))
                        && resources.iter().any(|r| glob(r, &check.resource)))
                    .then(|| format!("{app}: {} on {}", held.join(", "), resources.join(", ")))
                })
            },
        ));
    }
    let report = Report {
        user: me.username.clone(),
        realm: me.lookup_realm.name.clone(),
        roles: me.roles.clone(),
        has_all_requested: answer["has_all_requested"].as_bool().unwrap_or(false),
        privileges: verdicts,
    };
    if ctx.format == Format::Table {
        let text = render(&report, &ctx.styles);
        ctx.out.write_all(text.as_bytes())?;
    } else {
        ctx.data(&report)?;
    }
    Ok(if report.has_all_requested { 0 } else { 3 })
}

async fn get_all(ctx: &Ctx<'_>, path: &str) -> Result<Map<String, Value>, CliError> {
    let raw = ctx
        .client
        .raw_request(Method::GET, path)
        .await
        .map_err(|e| ctx.client_error(e))?;
    match raw.json::<Value>().map_err(|e| ctx.client_error(e))? {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

struct Explainer<'a> {
    /// The roles the user has (authenticate as the user).
    user_roles: &'a [String],
    /// The roles in the user's own document.
    own_roles: &'a [String],
    all_roles: &'a Map<String, Value>,
    mappings: &'a Map<String, Value>,
}

impl Explainer<'_> {
    fn verdict(
        &self,
        kind: &'static str,
        resource: Option<String>,
        privilege: &str,
        granted: bool,
        covers: impl Fn(&Value) -> Option<String>,
    ) -> Verdict {
        let mut granted_by = Vec::new();
        let mut others = Vec::new();
        let mut names: Vec<&String> = self.all_roles.keys().collect();
        names.sort();
        for name in names {
            let role = &self.all_roles[name.as_str()];
            let Some(entry) = covers(role) else { continue };
            let grant = Grant {
                role: name.clone(),
                entry,
                role_mappings: self.mappings_to(name),
                via_role_mapping: self.user_roles.contains(name) && !self.own_roles.contains(name),
            };
            if self.user_roles.contains(name) {
                granted_by.push(grant);
            } else {
                others.push(grant);
            }
        }
        // Built-in roles such as superuser grant everything: list the others first.
        others.sort_by_key(|g| {
            self.all_roles[g.role.as_str()]["metadata"]["_reserved"]
                .as_bool()
                .unwrap_or(false)
        });
        Verdict {
            kind,
            resource,
            privilege: privilege.to_owned(),
            granted,
            granted_by,
            would_be_granted_by: if granted { Vec::new() } else { others },
        }
    }

    /// The enabled role mappings whose `roles` include `role`.
    fn mappings_to(&self, role: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .mappings
            .iter()
            .filter(|(_, m)| m["enabled"].as_bool().unwrap_or(true))
            .filter(|(_, m)| strings(&m["roles"]).iter().any(|r| r == role))
            .map(|(n, _)| n.clone())
            .collect();
        names.sort();
        names
    }
}

fn render(report: &Report, styles: &Styles) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} (realm {}), roles: {}\n",
        Styles::paint(styles.header, &report.user),
        report.realm,
        if report.roles.is_empty() {
            "(none)".to_owned()
        } else {
            report.roles.join(", ")
        }
    ));
    let width = report
        .privileges
        .iter()
        .map(|v| v.privilege.chars().count())
        .max()
        .unwrap_or(0);
    let mut section = String::new();
    for v in &report.privileges {
        let title = match &v.resource {
            Some(r) => format!("{} {r}", v.kind),
            None => v.kind.to_owned(),
        };
        if title != section {
            out.push_str(&format!(
                "\n{}\n",
                Styles::paint(styles.header, &format!("{title}:"))
            ));
            section = title;
        }
        let mark = if v.granted {
            Styles::paint(styles.good, "granted")
        } else {
            Styles::paint(styles.bad, "MISSING")
        };
        let why = if v.granted {
            match v.granted_by.as_slice() {
                [] => "by a privilege this explanation does not model".to_owned(),
                grants => format!(
                    "by {}",
                    grants.iter().map(describe).collect::<Vec<_>>().join("; ")
                ),
            }
        } else {
            match v.would_be_granted_by.as_slice() {
                [] => "no role grants it".to_owned(),
                grants => {
                    let shown: Vec<String> = grants.iter().take(3).map(describe).collect();
                    let more = grants.len().saturating_sub(3);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!("would be granted by {}{more}", shown.join("; "))
                }
            }
        };
        out.push_str(&format!("  {mark}  {:width$}  {why}\n", v.privilege));
    }
    let missing = report.privileges.iter().filter(|v| !v.granted).count();
    out.push('\n');
    if missing == 0 {
        out.push_str(&format!("{} has every privilege asked for.\n", report.user));
    } else {
        out.push_str(&format!(
            "{} lacks {missing} of {} privileges asked for.\n",
            report.user,
            report.privileges.len()
        ));
    }
    out
}

fn describe(grant: &Grant) -> String {
    let mut text = format!("role {} ({})", grant.role, grant.entry);
    if grant.via_role_mapping {
        text.push_str(", through role mapping");
    }
    if !grant.role_mappings.is_empty() {
        text.push_str(&format!(", mapped by {}", grant.role_mappings.join(", ")));
    }
    text
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a held cluster privilege covers the requested one (names, `all`, the usual
/// implications, action patterns).
fn cluster_covers(held: &str, requested: &str) -> bool {
    const SECURITY: [&str; 8] = [
        "manage_api_key",
        "manage_own_api_key",
        "read_security",
        "manage_service_account",
        "manage_token",
        "manage_user_profile",
        "read_security",
        "grant_api_key",
    ];
    held == requested
        || held == "all"
        || (held.contains('*') && glob(held, requested))
        || (held == "manage"
            && (requested.starts_with("monitor")
                || (requested.starts_with("manage_")
                    && requested != "manage_security"
                    && !SECURITY.contains(&requested))))
        || (held == "manage_security" && SECURITY.contains(&requested))
        || (held == "manage_api_key" && requested == "manage_own_api_key")
        || (held == "monitor" && requested.starts_with("monitor_"))
}

/// Whether a held index privilege covers the requested one.
fn index_covers(held: &str, requested: &str) -> bool {
    held == requested
        || held == "all"
        || (held.contains('*') && glob(held, requested))
        || (held == "write" && ["index", "create", "create_doc", "delete"].contains(&requested))
        || (held == "index" && ["create", "create_doc"].contains(&requested))
        || (held == "create" && requested == "create_doc")
        || (held == "manage"
            && [
                "monitor",
                "view_index_metadata",
                "create_index",
                "delete_index",
                "manage_ilm",
                "manage_data_stream_lifecycle",
                "manage_follow_index",
            ]
            .contains(&requested))
}

/// `*` (any run) and `?` (one character) wildcards; `pattern` covers `text` (which may itself
/// hold wildcards, matched literally).
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) && p[pi] != '*' {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("logs-*", "logs-2024"));
        assert!(glob("logs-*", "logs-2024*"));
        assert!(glob("*", "anything"));
        assert!(!glob("logs-*", "metrics-1"));
        assert!(glob("l?gs", "logs"));
        assert!(!glob("logs", "logs-1"));
    }

    #[test]
    fn implications() {
        assert!(cluster_covers("all", "manage_security"));
        assert!(cluster_covers("manage", "monitor"));
        assert!(!cluster_covers("manage", "manage_security"));
        assert!(cluster_covers("manage_security", "manage_own_api_key"));
        assert!(!cluster_covers("monitor", "manage"));
        assert!(index_covers("write", "create_doc"));
        assert!(!index_covers("read", "write"));
        assert!(index_covers("manage", "view_index_metadata"));
    }

    #[test]
    fn argument_syntax() {
        let i = parse_index("logs-*:read,view_index_metadata").unwrap();
        assert_eq!((i.names.as_str(), i.privileges.len()), ("logs-*", 2));
        assert!(parse_index("logs-*").is_err());
        let a = parse_application("kibana-.kibana:read:space:ops").unwrap();
        assert_eq!(
            (
                a.application.as_str(),
                a.privilege.as_str(),
                a.resource.as_str()
            ),
            ("kibana-.kibana", "read", "space:ops")
        );
        assert!(parse_application("app:priv").is_err());
    }
}
