//! `es-security api-keys list|get|rotate|prune`.

use crate::output::{Format, Styles, Table};
use crate::{CliError, CmdResult, Ctx};
use security_client::sans_io::http::Method;
use security_client::Version;
use serde_json::{json, Map, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The metadata key of a key made by `rotate`: `{"replaces": OLD_ID, "invalidate_after": MS}`
/// (`invalidate_after` is absent when the old key waits for `rotate --finish`).
pub const ROTATION_KEY: &str = "es_security_rotation";

/// API keys: list (filters, expiry), get, rotate without downtime, prune expired ones.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  es-security api-keys list --owner ci --expiring-within 7d
  es-security api-keys get ci-deploy -o yaml
  es-security api-keys rotate ci-deploy --overlap 24h > new-key.json   # deploy it, then:
  es-security api-keys rotate ci-deploy --finish                        # invalidates the old key
  es-security api-keys prune --expired --dry-run")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Lists API keys (the query API: active keys unless --all), newest first.
    ///
    /// Elasticsearch (up to 9.5) does not report when a key was last used, so there is no
    /// last-used column.
    #[command(alias = "ls")]
    List(ListArgs),
    /// Gets a key by id or name (JSON/YAML: every field, role descriptors included).
    Get {
        /// The key's id or name.
        #[arg(value_name = "ID_OR_NAME")]
        key: String,
    },
    /// Rotates your API key NAME: a new key with the same role descriptors, metadata and
    /// lifetime, printed once as JSON (`encoded` is what clients send); the old key stays valid
    /// for the overlap, then `--finish` invalidates it.
    ///
    /// On servers with clone_api_key (9.4+), and when the old key's encoded value is known
    /// (--current-key-env, or ES_API_KEY is that key), the new key is a clone; otherwise it is
    /// created with the old key's role descriptors. The rotation is recorded in the new key's
    /// metadata (`es_security_rotation`), not on disk. Only keys you own can be rotated (a new
    /// key always belongs to its creator).
    Rotate(RotateArgs),
    /// Invalidates API keys that have expired but are not invalidated yet.
    Prune(PruneArgs),
}

#[derive(clap::Args, Debug)]
struct ListArgs {
    /// Keys with this name (`*` wildcards allowed).
    #[arg(long, value_name = "PATTERN")]
    name: Option<String>,
    /// Keys owned by this user.
    #[arg(long, value_name = "USER")]
    owner: Option<String>,
    /// Keys owned by users of this realm.
    #[arg(long, value_name = "REALM")]
    realm: Option<String>,
    /// Active keys that expire within this time (e.g. 7d, 12h).
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    expiring_within: Option<Duration>,
    /// Keys that have expired (and are not invalidated).
    #[arg(long, conflicts_with = "expiring_within")]
    expired: bool,
    /// Invalidated and expired keys too.
    #[arg(long, conflicts_with_all = ["expired", "expiring_within"])]
    all: bool,
}

#[derive(clap::Args, Debug)]
struct RotateArgs {
    /// The name of the key.
    name: String,
    /// How long the old key stays valid next to the new one (e.g. 24h; 0s invalidates it at
    /// once). Without it, the old key stays valid until `--finish`.
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, conflicts_with = "finish")]
    overlap: Option<Duration>,
    /// Ends a rotation: invalidates the old key once its overlap is over.
    #[arg(long)]
    finish: bool,
    /// With --finish: invalidate the old key even if its overlap is not over.
    #[arg(long, requires = "finish")]
    force: bool,
    /// The environment variable holding the old key's encoded value (lets 9.4+ servers clone it).
    #[arg(long, value_name = "VAR", conflicts_with = "finish")]
    current_key_env: Option<String>,
}

#[derive(clap::Args, Debug)]
struct PruneArgs {
    /// Invalidate the keys that have expired (required: says what is pruned).
    #[arg(long, required = true)]
    expired: bool,
    /// Only keys owned by this user.
    #[arg(long, value_name = "USER")]
    owner: Option<String>,
    /// List what would be invalidated, and invalidate nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs an `api-keys` command.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    match args.action {
        Action::List(list) => {
            let keys = query(ctx, list_query(&list)).await?;
            print_keys(ctx, keys)
        }
        Action::Get { key } => get(ctx, &key).await,
        Action::Rotate(rotate) if rotate.finish => finish(ctx, &rotate).await,
        Action::Rotate(rotate) => start_rotation(ctx, &rotate).await,
        Action::Prune(prune) => prune_expired(ctx, &prune).await,
    }
}

fn list_query(args: &ListArgs) -> Value {
    let mut filter = Vec::new();
    if !args.all {
        filter.push(json!({"term": {"invalidated": false}}));
    }
    if let Some(name) = &args.name {
        filter.push(if name.contains('*') || name.contains('?') {
            json!({"wildcard": {"name": name}})
        } else {
            json!({"term": {"name": name}})
        });
    }
    if let Some(owner) = &args.owner {
        filter.push(json!({"term": {"username": owner}}));
    }
    if let Some(realm) = &args.realm {
        filter.push(json!({"term": {"realm_name": realm}}));
    }
    if args.expired {
        filter.push(json!({"range": {"expiration": {"lte": "now"}}}));
    } else if let Some(within) = args.expiring_within {
        filter.push(json!({"range": {"expiration": {"gt": "now", "lte": format!("now+{}s", within.as_secs())}}}));
    } else if !args.all {
        // Active: not invalidated, and not expired.
        filter.push(json!({"bool": {"should": [
            {"bool": {"must_not": {"exists": {"field": "expiration"}}}},
            {"range": {"expiration": {"gt": "now"}}},
        ], "minimum_should_match": 1}}));
    }
    json!({"bool": {"filter": filter}})
}

/// The keys matching `query`, newest first (the query API; up to 10,000).
async fn query(ctx: &Ctx<'_>, query: Value) -> Result<Vec<Value>, CliError> {
    let answer = ctx
        .client
        .raw_request(Method::POST, "/_security/_query/api_key")
        .body(json!({"query": query, "size": 10000, "sort": [{"creation": {"order": "desc"}}]}))
        .await
        .map_err(|e| ctx.client_error(e))?;
    let body: Value = answer.json().map_err(|e| ctx.client_error(e))?;
    let mut keys = body["api_keys"].as_array().cloned().unwrap_or_default();
    for key in &mut keys {
        // The query API's sort values: not part of the key.
        if let Some(key) = key.as_object_mut() {
            key.remove("_sort");
        }
    }
    Ok(keys)
}

fn print_keys(ctx: &mut Ctx<'_>, keys: Vec<Value>) -> CmdResult {
    if ctx.format != Format::Table {
        ctx.data(&keys)?;
        return Ok(0);
    }
    let now = now_ms();
    let mut table = Table::new(["id", "name", "owner", "created", "expires", "status"]);
    for key in &keys {
        table.row([
            key["id"].as_str().unwrap_or("-").to_owned(),
            key["name"].as_str().unwrap_or("-").to_owned(),
            format!(
                "{}@{}",
                key["username"].as_str().unwrap_or("?"),
                key["realm"].as_str().unwrap_or("?")
            ),
            time(key["creation"].as_i64()),
            time(key["expiration"].as_i64()),
            status(key, now, &ctx.styles),
        ]);
    }
    if table.is_empty() {
        writeln!(ctx.err, "no API keys match")?;
        return Ok(0);
    }
    let text = table.render(&ctx.styles);
    ctx.out.write_all(text.as_bytes())?;
    Ok(0)
}

fn status(key: &Value, now: i64, styles: &Styles) -> String {
    if key["invalidated"].as_bool().unwrap_or(false) {
        return Styles::paint(styles.dim, "invalidated");
    }
    match key["expiration"].as_i64() {
        Some(exp) if exp <= now => Styles::paint(styles.bad, "expired"),
        Some(exp) if exp - now <= 7 * 86_400_000 => Styles::paint(
            styles.warn,
            &format!(
                "expires in {}",
                human(Duration::from_millis((exp - now) as u64))
            ),
        ),
        _ => "active".to_owned(),
    }
}

async fn get(ctx: &mut Ctx<'_>, key: &str) -> CmdResult {
    let mut keys = query(ctx, json!({"ids": {"values": [key]}})).await?;
    if keys.is_empty() {
        keys = query(ctx, json!({"term": {"name": key}})).await?;
    }
    if keys.is_empty() {
        return Err(CliError::new(format!("no API key with id or name {key}"))
            .hint("`es-security api-keys list --all` shows the keys there are"));
    }
    if ctx.format == Format::Table {
        return print_keys(ctx, keys);
    }
    if keys.len() == 1 {
        ctx.data(&keys[0])?;
    } else {
        ctx.data(&keys)?;
    }
    Ok(0)
}

/// The caller's active keys named `name` (get_api_key with `owner=true`).
async fn own_active_keys(ctx: &Ctx<'_>, name: &str) -> Result<Vec<Value>, CliError> {
    let answer = ctx.client.get_api_key().name(name).owner(true).raw().await;
    let body: Value = match answer {
        Ok(raw) => raw.json().map_err(|e| ctx.client_error(e))?,
        Err(e) if e.is_not_found() => json!({"api_keys": []}),
        Err(e) => return Err(ctx.client_error(e)),
    };
    let now = now_ms();
    let mut keys: Vec<Value> = body["api_keys"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| !k["invalidated"].as_bool().unwrap_or(false))
        .filter(|k| k["expiration"].as_i64().is_none_or(|e| e > now))
        .collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k["creation"].as_i64().unwrap_or(0)));
    Ok(keys)
}

/// A key in `keys` that another one in `keys` replaces (a rotation not finished).
fn pending_rotation(keys: &[Value]) -> Option<(&Value, &Value)> {
    keys.iter().find_map(|new| {
        let replaces = new["metadata"][ROTATION_KEY]["replaces"].as_str()?;
        let old = keys.iter().find(|k| k["id"] == replaces)?;
        Some((new, old))
    })
}

async fn start_rotation(ctx: &mut Ctx<'_>, args: &RotateArgs) -> CmdResult {
    let keys = own_active_keys(ctx, &args.name).await?;
    if let Some((new, old)) = pending_rotation(&keys) {
        return Err(CliError::new(format!(
            "the key {} is already being rotated: {} replaces {}",
            args.name,
            new["id"].as_str().unwrap_or("?"),
            old["id"].as_str().unwrap_or("?")
        ))
        .hint(format!(
            "finish it first: es-security api-keys rotate {} --finish",
            args.name
        )));
    }
    let old = match keys.as_slice() {
        [] => {
            return Err(CliError::new(format!("you have no active API key named {}", args.name))
                .hint("`es-security api-keys list --name NAME` lists keys of every owner; only your own keys can be rotated"))
        }
        [one] => one.clone(),
        several => {
            let ids: Vec<&str> = several.iter().filter_map(|k| k["id"].as_str()).collect();
            return Err(CliError::new(format!(
                "you have {} active API keys named {}: {}",
                several.len(),
                args.name,
                ids.join(", ")
            ))
            .hint("invalidate the extra ones (es-security api-keys list --name NAME) so that one remains"));
        }
    };
    let old_id = old["id"].as_str().unwrap_or_default().to_owned();
    let now = now_ms();
    let invalidate_after = args
        .overlap
        .map(|o| now.saturating_add(i64::try_from(o.as_millis()).unwrap_or(i64::MAX)));
    let mut rotation = Map::new();
    rotation.insert("replaces".into(), json!(old_id));
    if let Some(at) = invalidate_after {
        rotation.insert("invalidate_after".into(), json!(at));
    }
    let mut metadata = old["metadata"].as_object().cloned().unwrap_or_default();
    metadata.insert(ROTATION_KEY.into(), Value::Object(rotation));
    // The same lifetime as the old key (never longer than it was given).
    let lifetime = match (old["creation"].as_i64(), old["expiration"].as_i64()) {
        (Some(c), Some(e)) if e > c => Some(format!("{}ms", e - c)),
        _ => None,
    };

    let credential = current_key(ctx, args, &old_id);
    let can_clone = ctx
        .client
        .learn_server_version()
        .await
        .map_err(|e| ctx.client_error(e))?
        .is_some_and(|v| v >= Version::new(9, 4, 0));
    let (created, how) = if let (true, Some(encoded)) = (can_clone, credential) {
        let mut body = json!({"api_key": encoded, "name": args.name, "metadata": metadata});
        if let Some(l) = &lifetime {
            body["expiration"] = json!(l);
        }
        let answer = ctx
            .client
            .raw_request(Method::POST, "/_security/api_key/clone")
            .query("refresh", "wait_for".to_owned())
            .body(body)
            .await;
        (answer, "cloned")
    } else {
        // The role descriptors the key was given (an empty object: the owner's privileges).
        let mut body = json!({
            "name": args.name,
            "role_descriptors": old.get("role_descriptors").cloned().unwrap_or_else(|| json!({})),
            "metadata": metadata,
        });
        if let Some(l) = &lifetime {
            body["expiration"] = json!(l);
        }
        let answer = ctx
            .client
            .raw_request(Method::POST, "/_security/api_key")
            .query("refresh", "wait_for".to_owned())
            .body(body)
            .await;
        (answer, "created")
    };
    let created: Value = created
        .map_err(|e| ctx.client_error(e))?
        .json()
        .map_err(|e| ctx.client_error(e))?;
    let new_id = created["id"].as_str().unwrap_or_default().to_owned();

    let mut secret = json!({
        "id": new_id,
        "name": created["name"],
        "api_key": created["api_key"],
        "encoded": created["encoded"],
        "replaces": old_id,
    });
    if let Some(exp) = created["expiration"].as_i64() {
        secret["expiration"] = json!(time(Some(exp)));
    }
    match ctx.format {
        Format::Yaml => ctx.data(&secret)?,
        Format::Json | Format::Table => {
            serde_json::to_writer_pretty(&mut *ctx.out, &secret)?;
            ctx.out.write_all(b"\n")?;
        }
    }
    writeln!(
        ctx.err,
        "{} API key {new_id} ({how} from {old_id}); its secret is printed once, above: store it now.",
        Styles::paint(ctx.err_styles.good, "rotated:"),
    )?;
    match invalidate_after {
        Some(at) if at <= now => {
            invalidate(ctx, std::slice::from_ref(&old_id)).await?;
            writeln!(ctx.err, "the old key {old_id} is invalidated (no overlap).")?;
        }
        Some(at) => writeln!(
            ctx.err,
            "the old key {old_id} stays valid until {}; then run: es-security api-keys rotate {} --finish",
            time(Some(at)),
            args.name
        )?,
        None => writeln!(
            ctx.err,
            "the old key {old_id} stays valid; once clients use the new one, run: es-security api-keys rotate {} --finish",
            args.name
        )?,
    }
    Ok(0)
}

/// The old key's encoded value: from `--current-key-env`, or ES_API_KEY when it is that key.
fn current_key(ctx: &Ctx<'_>, args: &RotateArgs, old_id: &str) -> Option<String> {
    if let Some(var) = &args.current_key_env {
        return std::env::var(var).ok().filter(|v| !v.is_empty());
    }
    let _ = ctx;
    let encoded = std::env::var("ES_API_KEY").ok()?;
    let decoded = base64_decode(&encoded)?;
    let (id, _) = decoded.split_once(':')?;
    (id == old_id).then_some(encoded)
}

async fn finish(ctx: &mut Ctx<'_>, args: &RotateArgs) -> CmdResult {
    let keys = own_active_keys(ctx, &args.name).await?;
    let Some((new, old)) = pending_rotation(&keys) else {
        return Err(CliError::new(format!(
            "no rotation of {} to finish (no active key of yours named so replaces another active one)",
            args.name
        ))
        .hint(format!("start one with: es-security api-keys rotate {}", args.name)));
    };
    let old_id = old["id"].as_str().unwrap_or_default().to_owned();
    let new_id = new["id"].as_str().unwrap_or_default().to_owned();
    if let Some(at) = new["metadata"][ROTATION_KEY]["invalidate_after"].as_i64() {
        if now_ms() < at && !args.force {
            return Err(CliError::new(format!(
                "the overlap of the old key {old_id} lasts until {}",
                time(Some(at))
            ))
            .hint("run --finish again then, or add --force to invalidate it now"));
        }
    }
    invalidate(ctx, std::slice::from_ref(&old_id)).await?;
    if ctx.format == Format::Table {
        writeln!(ctx.out, "invalidated {old_id} (replaced by {new_id})")?;
    } else {
        ctx.data(&json!({"invalidated": [old_id], "replaced_by": new_id}))?;
    }
    Ok(0)
}

async fn invalidate(ctx: &Ctx<'_>, ids: &[String]) -> Result<(), CliError> {
    ctx.client
        .invalidate_api_key()
        .ids(ids.to_vec())
        .await
        .map_err(|e| ctx.client_error(e))?;
    Ok(())
}

async fn prune_expired(ctx: &mut Ctx<'_>, args: &PruneArgs) -> CmdResult {
    let list = ListArgs {
        name: None,
        owner: args.owner.clone(),
        realm: None,
        expiring_within: None,
        expired: true,
        all: false,
    };
    let keys = query(ctx, list_query(&list)).await?;
    let ids: Vec<String> = keys
        .iter()
        .filter_map(|k| k["id"].as_str().map(str::to_owned))
        .collect();
    if ids.is_empty() {
        writeln!(ctx.err, "no expired API keys to invalidate")?;
        return Ok(0);
    }
    if !args.dry_run {
        invalidate(ctx, &ids).await?;
    }
    let verb = if args.dry_run {
        "would invalidate"
    } else {
        "invalidated"
    };
    if ctx.format == Format::Table {
        let mut table = Table::new(["id", "name", "owner", "expired"]);
        for key in &keys {
            table.row([
                key["id"].as_str().unwrap_or("-").to_owned(),
                key["name"].as_str().unwrap_or("-").to_owned(),
                key["username"].as_str().unwrap_or("-").to_owned(),
                time(key["expiration"].as_i64()),
            ]);
        }
        ctx.out.write_all(table.render(&ctx.styles).as_bytes())?;
        writeln!(ctx.err, "{verb} {} expired API key(s)", ids.len())?;
    } else {
        let field = if args.dry_run {
            "would_invalidate"
        } else {
            "invalidated"
        };
        ctx.data(&json!({ field: ids }))?;
    }
    Ok(0)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Milliseconds since the epoch as RFC 3339 UTC (seconds), `-` when absent.
fn time(ms: Option<i64>) -> String {
    match ms.and_then(|ms| u64::try_from(ms).ok()) {
        Some(ms) => UNIX_EPOCH
            .checked_add(Duration::from_millis(ms))
            .map(|t| humantime::format_rfc3339_seconds(t).to_string())
            .unwrap_or_else(|| "-".to_owned()),
        None => "never".to_owned(),
    }
}

/// A duration in its largest unit: `3d`, `5h`, `12m`.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s >= 86_400 => format!("{}d", s / 86_400),
        s if s >= 3_600 => format!("{}h", s / 3_600),
        s => format!("{}m", s / 60),
    }
}

fn base64_decode(text: &str) -> Option<String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()?;
    String::from_utf8(bytes).ok()
}
