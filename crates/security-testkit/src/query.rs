//! The subset of the query DSL that query_api_keys, query_user and query_role accept, with
//! `from`, `size`, `sort` and `search_after`.
//!
//! Supported queries: `match_all`, `ids`, `term`, `terms`, `prefix`, `wildcard`, `exists`,
//! `range`, `match`, `simple_query_string` (words; `*` suffix for prefixes), `bool` (`must`,
//! `filter`, `should`, `must_not`, `minimum_should_match`). Text is analysed as lowercase
//! words. Aggregations are not emulated.

use crate::error::{illegal_argument, not_emulated, parse_error, Reply};
use crate::util::glob_match;
use serde_json::{json, Value};
use std::cmp::Ordering;

/// What can be searched.
pub(crate) struct Spec<'a> {
    /// "API key", "user" or "role", for the messages.
    pub what: &'a str,
    /// Fields that may be queried and sorted on.
    pub fields: &'a [&'a str],
    /// Fields holding dates (epoch millis): range accepts `now` date math on them.
    pub date_fields: &'a [&'a str],
    /// Whether `metadata.*` fields may be queried.
    pub allow_metadata: bool,
}

impl Spec<'_> {
    fn check_field(&self, field: &str) -> Result<(), Reply> {
        let ok = self.fields.contains(&field)
            || (self.allow_metadata && (field.starts_with("metadata.") || field == "metadata"));
        if ok {
            Ok(())
        } else {
            Err(illegal_argument(format!(
                "Field [{field}] is not allowed for {} query",
                self.label()
            )))
        }
    }

    fn label(&self) -> &str {
        if self.what != "API key" {
            "querying or aggregation"
        } else {
            "API Key"
        }
    }
}

#[derive(Debug, Clone)]
enum Q {
    All,
    Ids(Vec<String>),
    Term(String, Value, bool),
    Terms(String, Vec<Value>),
    Prefix(String, String, bool),
    Wildcard(String, String, bool),
    Exists(String),
    Range(String, Vec<(String, Value)>),
    /// Fields (empty: every queryable field), words, all words required.
    Text(Vec<String>, Vec<String>, bool),
    Bool {
        must: Vec<Q>,
        should: Vec<Q>,
        must_not: Vec<Q>,
        minimum_should_match: usize,
    },
}

fn single_field<'a>(kind: &str, body: &'a Value) -> Result<(&'a str, &'a Value), Reply> {
    let obj = body.as_object().filter(|o| o.len() == 1).ok_or_else(|| {
        parse_error(format!(
            "[{kind}] query malformed, no field or more than one field"
        ))
    })?;
    let (field, value) = obj
        .iter()
        .next()
        .ok_or_else(|| parse_error(format!("[{kind}] query malformed")))?;
    Ok((field.as_str(), value))
}

/// `{"field": value}` or `{"field": {"value": value, "case_insensitive": bool}}`.
fn value_and_flag<'a>(kind: &str, value: &'a Value) -> Result<(&'a Value, bool), Reply> {
    match value {
        Value::Object(o) => {
            let v = o.get("value").ok_or_else(|| {
                parse_error(format!(
                    "[{kind}] query does not support [{}]",
                    o.keys().next().map(String::as_str).unwrap_or("")
                ))
            })?;
            Ok((
                v,
                o.get("case_insensitive")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            ))
        }
        v => Ok((v, false)),
    }
}

fn compile(spec: &Spec, query: &Value) -> Result<Q, Reply> {
    let obj = query
        .as_object()
        .filter(|o| o.len() == 1)
        .ok_or_else(|| parse_error("[_na] query malformed, must start with start_object"))?;
    let Some((kind, body)) = obj.iter().next() else {
        return Ok(Q::All);
    };
    let compile_list = |v: &Value| -> Result<Vec<Q>, Reply> {
        match v {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items.iter().map(|q| compile(spec, q)).collect(),
            q => Ok(vec![compile(spec, q)?]),
        }
    };
    Ok(match kind.as_str() {
        "match_all" => Q::All,
        "ids" => Q::Ids(
            body["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        "term" => {
            let (field, v) = single_field(kind, body)?;
            spec.check_field(field)?;
            let (value, ci) = value_and_flag(kind, v)?;
            Q::Term(field.to_owned(), value.clone(), ci)
        }
        "terms" => {
            let (field, v) = single_field(kind, body)?;
            spec.check_field(field)?;
            Q::Terms(field.to_owned(), v.as_array().cloned().unwrap_or_default())
        }
        "prefix" | "wildcard" => {
            let (field, v) = single_field(kind, body)?;
            spec.check_field(field)?;
            let (value, ci) = value_and_flag(kind, v)?;
            let value = value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string());
            if kind == "prefix" {
                Q::Prefix(field.to_owned(), value, ci)
            } else {
                Q::Wildcard(field.to_owned(), value, ci)
            }
        }
        "exists" => {
            let field = body["field"]
                .as_str()
                .ok_or_else(|| parse_error("[exists] must be provided with a [field]"))?;
            spec.check_field(field)?;
            Q::Exists(field.to_owned())
        }
        "range" => {
            let (field, v) = single_field(kind, body)?;
            spec.check_field(field)?;
            let bounds = v
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| matches!(k.as_str(), "gt" | "gte" | "lt" | "lte"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Q::Range(field.to_owned(), bounds)
        }
        "match" => {
            let (field, v) = single_field(kind, body)?;
            spec.check_field(field)?;
            let (text, and) = match v {
                Value::Object(o) => (
                    o.get("query").ok_or_else(|| {
                        parse_error(format!(
                            "[match] query for field [{field}] requires [query]"
                        ))
                    })?,
                    o.get("operator")
                        .and_then(Value::as_str)
                        .is_some_and(|op| op.eq_ignore_ascii_case("and")),
                ),
                other => (other, false),
            };
            Q::Text(vec![field.to_owned()], words(&as_text(text)), and)
        }
        "simple_query_string" => {
            let text = body["query"]
                .as_str()
                .ok_or_else(|| parse_error("[simple_query_string] query text missing"))?;
            let mut fields = Vec::new();
            for f in body["fields"].as_array().into_iter().flatten() {
                let f = f.as_str().unwrap_or_default();
                let f = f.split('^').next().unwrap_or_default();
                if f != "*" {
                    spec.check_field(f)?;
                    fields.push(f.to_owned());
                }
            }
            let and = body["default_operator"]
                .as_str()
                .is_some_and(|op| op.eq_ignore_ascii_case("and"));
            let cleaned: String = text
                .chars()
                .map(|c| if "+-|\"()~".contains(c) { ' ' } else { c })
                .collect();
            let words = cleaned
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            Q::Text(fields, words, and)
        }
        "bool" => {
            let mut must = compile_list(&body["must"])?;
            must.extend(compile_list(&body["filter"])?);
            let should = compile_list(&body["should"])?;
            let must_not = compile_list(&body["must_not"])?;
            let default_msm = usize::from(must.is_empty() && !should.is_empty());
            let minimum_should_match = match &body["minimum_should_match"] {
                Value::Number(n) => n.as_u64().unwrap_or(1) as usize,
                Value::String(s) => s.trim().parse().unwrap_or(default_msm),
                _ => default_msm,
            };
            Q::Bool {
                must,
                should,
                must_not,
                minimum_should_match,
            }
        }
        other => {
            let reason = format!(
                "Query type [{other}] is not supported for {} query",
                spec.label()
            );
            return Err(illegal_argument(reason));
        }
    })
}

fn field_values<'a>(doc: &'a Value, field: &str) -> Vec<&'a Value> {
    let mut current = doc;
    for part in field.split('.') {
        current = &current[part];
    }
    match current {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().collect(),
        v => vec![v],
    }
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn eq(doc_value: &Value, query_value: &Value, case_insensitive: bool) -> bool {
    match (doc_value, query_value) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(a), Value::String(b)) => b.parse::<f64>().ok() == a.as_f64(),
        (Value::Bool(a), Value::String(b)) => b == if *a { "true" } else { "false" },
        (a, b) if case_insensitive => as_text(a).to_lowercase() == as_text(b).to_lowercase(),
        (a, b) => as_text(a) == as_text(b),
    }
}

/// A range bound as a number (epoch millis for dates, with `now`, `now-1d`, `now+2h`).
fn bound_number(v: &Value, now: i64) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            if let Some(rest) = s.strip_prefix("now") {
                let rest = rest.split('/').next().unwrap_or("");
                if rest.is_empty() {
                    return Some(now as f64);
                }
                let mut chars = rest.chars();
                let sign = chars.next().map(String::from).unwrap_or_default();
                let amount = chars.as_str();
                let ms = crate::util::parse_time_value(amount).or_else(|| {
                    amount
                        .strip_suffix('M')
                        .and_then(|n| n.parse::<i64>().ok())
                        .map(|n| n.saturating_mul(30 * 86_400_000))
                })?;
                match sign.as_str() {
                    "+" => Some(now.saturating_add(ms) as f64),
                    "-" => Some(now.saturating_sub(ms) as f64),
                    _ => None,
                }
            } else {
                s.parse().ok()
            }
        }
        _ => None,
    }
}

/// Lowercase words, as the standard analyser splits text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a document matches text words (`word*` matches a prefix).
fn text_matches(spec: &Spec, doc: &Value, fields: &[String], query: &[String], all: bool) -> bool {
    let all_fields: Vec<String>;
    let fields = if fields.is_empty() {
        all_fields = spec.fields.iter().map(|f| (*f).to_owned()).collect();
        &all_fields
    } else {
        fields
    };
    let doc_words: Vec<String> = fields
        .iter()
        .flat_map(|f| field_values(doc, f))
        .flat_map(|v| words(&as_text(v)))
        .collect();
    let hit = |q: &String| match q.strip_suffix('*') {
        Some(prefix) => doc_words.iter().any(|w| w.starts_with(prefix)),
        None => doc_words.iter().any(|w| w == q),
    };
    if query.is_empty() {
        false
    } else if all {
        query.iter().all(hit)
    } else {
        query.iter().any(hit)
    }
}

fn matches(spec: &Spec, q: &Q, doc: &Value, now: i64) -> bool {
    match q {
        Q::Text(fields, query, all) => text_matches(spec, doc, fields, query, *all),
        Q::All => true,
        Q::Ids(ids) => doc["_id"]
            .as_str()
            .is_some_and(|id| ids.iter().any(|i| i == id)),
        Q::Term(f, v, ci) => field_values(doc, f).iter().any(|d| eq(d, v, *ci)),
        Q::Terms(f, vs) => field_values(doc, f)
            .iter()
            .any(|d| vs.iter().any(|v| eq(d, v, false))),
        Q::Prefix(f, p, ci) => field_values(doc, f).iter().any(|d| {
            let t = as_text(d);
            if *ci {
                t.to_lowercase().starts_with(&p.to_lowercase())
            } else {
                t.starts_with(p.as_str())
            }
        }),
        Q::Wildcard(f, p, ci) => field_values(doc, f).iter().any(|d| {
            let t = as_text(d);
            if *ci {
                glob_match(&p.to_lowercase(), &t.to_lowercase())
            } else {
                glob_match(p, &t)
            }
        }),
        Q::Exists(f) => !field_values(doc, f).is_empty(),
        Q::Range(f, bounds) => field_values(doc, f).iter().any(|d| {
            bounds.iter().all(|(op, b)| {
                let ord = match (d.as_f64(), bound_number(b, now)) {
                    (Some(x), Some(y)) => x.partial_cmp(&y),
                    _ => Some(as_text(d).cmp(&as_text(b))),
                };
                match (op.as_str(), ord) {
                    ("gt", Some(o)) => o == Ordering::Greater,
                    ("gte", Some(o)) => o != Ordering::Less,
                    ("lt", Some(o)) => o == Ordering::Less,
                    ("lte", Some(o)) => o != Ordering::Greater,
                    _ => false,
                }
            })
        }),
        Q::Bool {
            must,
            should,
            must_not,
            minimum_should_match,
        } => {
            must.iter().all(|q| matches(spec, q, doc, now))
                && !must_not.iter().any(|q| matches(spec, q, doc, now))
                && should.iter().filter(|q| matches(spec, q, doc, now)).count()
                    >= *minimum_should_match
        }
    }
}

/// One sort key: the field, whether descending, and whether documents without the field
/// come first (`missing: "_first"`; by default they come last in both directions).
#[derive(Debug, Clone)]
struct SortKey {
    field: String,
    desc: bool,
    missing_first: bool,
}

/// The sort of a search body, in every form of the spec's `Sort`: a field name, `{field:
/// order}`, `{field: {order, missing, …}}`, or a list of those; `_doc` (index order) and
/// `_score` (every hit scores 1.0 here) too.
fn parse_sort(spec: &Spec, sort: &Value) -> Result<Vec<SortKey>, Reply> {
    let items: Vec<&Value> = match sort {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut keys = Vec::new();
    for item in items {
        let (field, options) = match item {
            Value::String(f) => (f.clone(), None),
            Value::Object(o) if o.len() == 1 => {
                let (f, v) = o
                    .iter()
                    .next()
                    .ok_or_else(|| parse_error("malformed sort"))?;
                (f.clone(), Some(v))
            }
            _ => {
                return Err(parse_error(
                    "malformed sort: expected a field name or an object",
                ))
            }
        };
        // `_score` sorts descending unless told otherwise, fields ascending.
        let default_order = if field == "_score" { "desc" } else { "asc" };
        let (order, missing) = match options {
            None => (default_order.to_owned(), None),
            Some(Value::String(order)) => (order.clone(), None),
            Some(Value::Object(o)) => (
                o.get("order")
                    .and_then(Value::as_str)
                    .unwrap_or(default_order)
                    .to_owned(),
                o.get("missing").and_then(Value::as_str).map(str::to_owned),
            ),
            Some(other) => {
                return Err(parse_error(format!(
                    "malformed sort of [{field}]: expected an order or an object, found [{other}]"
                )))
            }
        };
        let desc = match order.to_ascii_lowercase().as_str() {
            "asc" => false,
            "desc" => true,
            other => return Err(illegal_argument(format!("Unknown SortOrder [{other}]"))),
        };
        let missing_first = match missing.as_deref() {
            None | Some("_last") => false,
            Some("_first") => true,
            Some(other) => {
                return Err(illegal_argument(format!(
                    "[missing] of a sort on [{field}] must be [_first] or [_last], found [{other}]"
                )))
            }
        };
        if field != "_doc" && field != "_score" {
            spec.check_field(&field)?;
        }
        keys.push(SortKey {
            field,
            desc,
            missing_first,
        });
    }
    Ok(keys)
}

/// The sort value of a document (`_doc`: its position; `_score`: 1.0).
fn sort_value(spec: &Spec, doc: &Value, position: usize, key: &SortKey) -> Value {
    let field = key.field.as_str();
    if field == "_doc" {
        return json!(position);
    }
    if field == "_score" {
        return json!(1.0);
    }
    match field_values(doc, field).first() {
        Some(v) => (*v).clone(),
        // Elasticsearch reports a missing date as Long.MAX_VALUE (asc) or MIN_VALUE (desc).
        None if spec.date_fields.contains(&field) => {
            if key.desc {
                json!(i64::MIN)
            } else {
                json!(i64::MAX)
            }
        }
        None => Value::Null,
    }
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (x, y) => as_text(x).cmp(&as_text(y)),
    }
}

fn compare_keys(a: &[Value], b: &[Value], keys: &[SortKey]) -> Ordering {
    for ((x, y), key) in a.iter().zip(b).zip(keys) {
        let missing = if key.missing_first {
            Ordering::Less
        } else {
            Ordering::Greater
        };
        let o = match (x, y) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => missing,
            (_, Value::Null) => missing.reverse(),
            _ if key.desc => compare(y, x),
            _ => compare(x, y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// Runs a search body over `(doc, output)` pairs; returns the total hits and the page,
/// each output with `_sort` when the body sorts.
pub(crate) fn search(
    spec: &Spec,
    docs: Vec<(Value, Value)>,
    body: &Value,
    now: i64,
) -> Result<(usize, Vec<Value>), Reply> {
    if let Some(obj) = body.as_object() {
        for key in obj.keys() {
            match key.as_str() {
                "query" | "from" | "size" | "sort" | "search_after" => {}
                "aggs" | "aggregations" => {
                    return Err(not_emulated("aggregations", "query APIs answer hits only"))
                }
                other => {
                    return Err(parse_error(format!(
                        "failed to parse query request. unexpected field [{other}]"
                    )))
                }
            }
        }
    }
    let query = match &body["query"] {
        Value::Null => Q::All,
        q => compile(spec, q)?,
    };
    let from = match &body["from"] {
        Value::Null => 0,
        v => v
            .as_i64()
            .ok_or_else(|| parse_error("[from] must be a number"))?,
    };
    let size = match &body["size"] {
        Value::Null => 10,
        v => v
            .as_i64()
            .ok_or_else(|| parse_error("[size] must be a number"))?,
    };
    if from < 0 {
        return Err(illegal_argument(format!(
            "[from] parameter cannot be negative, found [{from}]"
        )));
    }
    if size < 0 {
        return Err(illegal_argument(format!(
            "[size] parameter cannot be negative, found [{size}]"
        )));
    }
    if from.saturating_add(size) > 10_000 {
        return Err(illegal_argument(format!(
            "Result window is too large, from + size must be less than or equal to: [10000] but was [{}]",
            from.saturating_add(size)
        )));
    }
    let keys = parse_sort(spec, &body["sort"])?;
    let search_after: Option<Vec<Value>> = match &body["search_after"] {
        Value::Null => None,
        Value::Array(v) => Some(v.clone()),
        _ => return Err(parse_error("[search_after] must be an array")),
    };
    if let Some(after) = &search_after {
        if keys.is_empty() {
            return Err(crate::error::validation(&[
                "[search_after] requires [sort]".to_owned(),
            ]));
        }
        if after.len() != keys.len() {
            return Err(illegal_argument(format!(
                "search_after has {} value(s) but sort has {}.",
                after.len(),
                keys.len()
            )));
        }
    }
    let mut hits: Vec<(Vec<Value>, Value)> = docs
        .into_iter()
        .enumerate()
        .filter(|(_, (doc, _))| matches(spec, &query, doc, now))
        .map(|(i, (doc, out))| {
            let sort: Vec<Value> = keys
                .iter()
                .map(|key| sort_value(spec, &doc, i, key))
                .collect();
            (sort, out)
        })
        .collect();
    let total = hits.len();
    if !keys.is_empty() {
        hits.sort_by(|a, b| compare_keys(&a.0, &b.0, &keys));
    }
    if let Some(after) = &search_after {
        hits.retain(|(sort, _)| compare_keys(sort, after, &keys) == Ordering::Greater);
    }
    let page: Vec<Value> = hits
        .into_iter()
        .skip(from as usize)
        .take(size as usize)
        .map(|(sort, mut out)| {
            if !keys.is_empty() {
                out["_sort"] = Value::Array(sort);
            }
            out
        })
        .collect();
    Ok((total, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        what: "API key",
        fields: &["name", "creation", "username"],
        date_fields: &["creation"],
        allow_metadata: true,
    };

    fn docs() -> Vec<(Value, Value)> {
        (1..=5)
            .map(|i| {
                let d = json!({"_id": format!("id{i}"), "name": format!("key-{i}"), "creation": i * 100, "username": if i % 2 == 0 { "even" } else { "odd" }, "metadata": {"n": i}});
                (d.clone(), d)
            })
            .collect()
    }

    #[test]
    fn queries_sorts_and_pages() {
        let (total, page) = search(&SPEC, docs(), &json!({"query": {"bool": {"must": [{"prefix": {"name": "key-"}}], "must_not": [{"term": {"username": "even"}}]}}, "sort": [{"creation": "desc"}], "size": 2}), 0).unwrap();
        assert_eq!(total, 3);
        assert_eq!(
            page.iter()
                .map(|p| p["_id"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["id5", "id3"]
        );
        assert_eq!(page[1]["_sort"], json!([300]));
        let (_, next) = search(
            &SPEC,
            docs(),
            &json!({"sort": [{"creation": "desc"}], "search_after": [300]}),
            0,
        )
        .unwrap();
        assert_eq!(
            next.iter()
                .map(|p| p["_id"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["id2", "id1"]
        );
        let (total, _) = search(
            &SPEC,
            docs(),
            &json!({"query": {"range": {"metadata.n": {"gte": 4}}}}),
            0,
        )
        .unwrap();
        assert_eq!(total, 2);
        let (total, _) = search(
            &SPEC,
            docs(),
            &json!({"query": {"ids": {"values": ["id1", "id9"]}}}),
            0,
        )
        .unwrap();
        assert_eq!(total, 1);
        assert_eq!(
            search(
                &SPEC,
                docs(),
                &json!({"query": {"term": {"secret": "x"}}}),
                0
            )
            .unwrap_err()
            .status,
            400
        );
        assert_eq!(
            search(
                &SPEC,
                docs(),
                &json!({"query": {"fuzzy": {"name": "x"}}}),
                0
            )
            .unwrap_err()
            .status,
            400
        );
    }

    #[test]
    fn every_sort_form() {
        let mut docs = docs();
        docs.push((
            json!({"_id": "id6", "name": "key-6", "creation": 50}),
            json!({"_id": "id6"}),
        ));
        let ids = |body: Value| -> Vec<String> {
            search(&SPEC, docs.clone(), &body, 0)
                .unwrap()
                .1
                .iter()
                .map(|p| p["_id"].as_str().unwrap().to_owned())
                .collect()
        };
        // A document without the field sorts last, or first with `missing: _first`.
        assert_eq!(
            ids(json!({"sort": [{"username": "desc"}, "creation"]})),
            ["id1", "id3", "id5", "id2", "id4", "id6"]
        );
        assert_eq!(
            ids(
                json!({"sort": [{"username": {"order": "DESC", "missing": "_first"}}, {"creation": "asc"}]})
            ),
            ["id6", "id1", "id3", "id5", "id2", "id4"]
        );
        assert_eq!(ids(json!({"sort": "creation", "size": 2})), ["id6", "id1"]);
        assert_eq!(
            ids(json!({"sort": [{"_doc": {"order": "desc"}}], "size": 2})),
            ["id6", "id5"]
        );
        // `_score`: every hit scores the same here, so the next key decides.
        let (_, page) = search(
            &SPEC,
            docs.clone(),
            &json!({"sort": ["_score", {"creation": "desc"}], "size": 1}),
            0,
        )
        .unwrap();
        assert_eq!(page[0]["_sort"], json!([1.0, 500]));
        for bad in [
            json!({"sort": [{"creation": "up"}]}),
            json!({"sort": [{"creation": {"missing": "_middle"}}]}),
            json!({"sort": [{"secret": "asc"}]}),
            json!({"sort": [7]}),
        ] {
            assert_eq!(
                search(&SPEC, docs.clone(), &bad, 0).unwrap_err().status,
                400,
                "{bad}"
            );
        }
    }
}
