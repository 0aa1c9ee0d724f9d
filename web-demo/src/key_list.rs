//! The API key list: filters to a `query_api_keys` body, keys to table rows, and paging.

use crate::create_key::describe_role_descriptors;
use crate::text::{format_utc, plural, relative};
use security_client::api_keys::query::{BoolQuery, RangeQuery, WildcardQuery};
use security_client::api_keys::{
    ApiKey, ApiKeyQuery, QueryApiKeysBody, Sort, SortOptions, SortOrder,
};

/// Which keys the status filter keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every key.
    #[default]
    All,
    /// Keys neither invalidated nor expired.
    Active,
    /// Keys past their expiration, not invalidated.
    Expired,
    /// Invalidated keys.
    Invalidated,
}

impl StatusFilter {
    /// The filter named by a `<select>` value (`all`, `active`, `expired`, `invalidated`);
    /// anything else: [`StatusFilter::All`].
    pub fn from_value(value: &str) -> Self {
        match value {
            "active" => StatusFilter::Active,
            "expired" => StatusFilter::Expired,
            "invalidated" => StatusFilter::Invalidated,
            _ => StatusFilter::All,
        }
    }
}

/// The filters of the key list, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFilter {
    /// Part of the key name, or a pattern with `*` and `?`.
    pub name: String,
    /// The owner's exact username.
    pub username: String,
    /// Which keys by status.
    pub status: StatusFilter,
    /// Keys per page.
    pub page_size: u32,
}

impl Default for KeyFilter {
    fn default() -> Self {
        KeyFilter {
            name: String::new(),
            username: String::new(),
            status: StatusFilter::default(),
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

/// Keys per page unless chosen.
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// `from + size` of a `query_api_keys` page cannot go past this (Elasticsearch's
/// `index.max_result_window`).
pub const MAX_RESULT_WINDOW: u32 = 10_000;

impl KeyFilter {
    /// The query the filters make (`None`: every key).
    pub fn query(&self) -> Option<ApiKeyQuery> {
        let mut must: Vec<ApiKeyQuery> = Vec::new();
        let mut must_not: Vec<ApiKeyQuery> = Vec::new();
        let name = self.name.trim();
        if !name.is_empty() {
            let pattern = if name.contains(['*', '?']) {
                name.to_owned()
            } else {
                format!("*{name}*")
            };
            must.push(
                WildcardQuery::new("name", pattern)
                    .case_insensitive(true)
                    .into(),
            );
        }
        let username = self.username.trim();
        if !username.is_empty() {
            must.push(ApiKeyQuery::term("username", username));
        }
        let expired = || -> ApiKeyQuery { RangeQuery::date("expiration").lte("now").into() };
        match self.status {
            StatusFilter::All => {}
            StatusFilter::Active => {
                must.push(ApiKeyQuery::term("invalidated", false));
                must_not.push(expired());
            }
            StatusFilter::Expired => {
                must.push(ApiKeyQuery::term("invalidated", false));
                must.push(expired());
            }
            StatusFilter::Invalidated => must.push(ApiKeyQuery::term("invalidated", true)),
        }
        if must.len() == 1 && must_not.is_empty() {
            return must.pop();
        }
        if must.is_empty() && must_not.is_empty() {
            return None;
        }
        let mut query = BoolQuery::new();
        for q in must {
            query = query.filter(q);
        }
        for q in must_not {
            query = query.must_not(q);
        }
        Some(query.into())
    }

    /// The `query_api_keys` body of the page that starts at key `from`: newest keys first.
    pub fn body(&self, from: u32) -> QueryApiKeysBody {
        QueryApiKeysBody {
            query: self.query(),
            from: (from > 0).then_some(from),
            size: Some(self.page_size.max(1)),
            sort: Some(Sort::from([
                SortOptions::new("creation").order(SortOrder::Desc)
            ])),
            ..Default::default()
        }
    }
}

/// Where a page of results stands: what the pager shows and which pages it can go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pager {
    /// The offset of the page's first key.
    pub from: u32,
    /// Keys on this page.
    pub count: u32,
    /// Keys that match in all.
    pub total: u64,
    /// Keys per page.
    pub page_size: u32,
}

impl Pager {
    /// `11–20 of 42 keys`, or `No keys match` when none do.
    pub fn label(&self) -> String {
        if self.total == 0 {
            return "No keys match".to_owned();
        }
        if self.count == 0 {
            return format!("Past the last of {}", plural(self.total, "key", "keys"));
        }
        format!(
            "{}–{} of {}",
            u64::from(self.from) + 1,
            u64::from(self.from) + u64::from(self.count),
            plural(self.total, "key", "keys")
        )
    }

    /// The offset of the previous page, if there is one.
    pub fn prev(&self) -> Option<u32> {
        (self.from > 0).then(|| self.from.saturating_sub(self.page_size))
    }

    /// The offset of the next page, if there is one within reach of `from`/`size` paging.
    pub fn next(&self) -> Option<u32> {
        let next = self.from.checked_add(self.count)?;
        let more = u64::from(next) < self.total && self.count > 0;
        let reachable = next.saturating_add(self.page_size) <= MAX_RESULT_WINDOW;
        (more && reachable).then_some(next)
    }
}

/// A key's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStatus {
    /// Usable.
    Active,
    /// Past its expiration.
    Expired,
    /// Invalidated.
    Invalidated,
}

impl KeyStatus {
    /// The key's state at `now` (milliseconds since the epoch).
    pub fn of(key: &ApiKey, now: i64) -> Self {
        if key.invalidated {
            KeyStatus::Invalidated
        } else if key.expiration.is_some_and(|e| e <= now) {
            KeyStatus::Expired
        } else {
            KeyStatus::Active
        }
    }

    /// `Active`, `Expired`, `Invalidated`.
    pub fn label(self) -> &'static str {
        match self {
            KeyStatus::Active => "Active",
            KeyStatus::Expired => "Expired",
            KeyStatus::Invalidated => "Invalidated",
        }
    }

    /// The CSS class of the status badge.
    pub fn class(self) -> &'static str {
        match self {
            KeyStatus::Active => "badge ok",
            KeyStatus::Expired => "badge warn",
            KeyStatus::Invalidated => "badge off",
        }
    }
}

/// One row of the key table, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRow {
    /// The key id.
    pub id: String,
    /// The key name (`(no name)` if it has none).
    pub name: String,
    /// `username (realm)`.
    pub owner: String,
    /// Creation, relative (`3 min ago`).
    pub created: String,
    /// Creation, in UTC (the tooltip).
    pub created_utc: String,
    /// Expiration, relative (`in 1 day`, `never`).
    pub expires: String,
    /// Expiration, in UTC (the tooltip; empty if it never expires).
    pub expires_utc: String,
    /// The key's state.
    pub status: KeyStatus,
    /// Its role descriptors in a few words.
    pub roles: String,
}

impl KeyRow {
    /// The row of `key` at `now` (milliseconds since the epoch).
    pub fn new(key: &ApiKey, now: i64) -> Self {
        let owner = match (&key.username, &key.realm) {
            (Some(user), Some(realm)) => format!("{user} ({realm})"),
            (Some(user), None) => user.clone(),
            (None, _) => "unknown".to_owned(),
        };
        let (created, created_utc) = match key.creation {
            Some(c) => (relative(c, now), format_utc(c)),
            None => ("unknown".to_owned(), String::new()),
        };
        let (expires, expires_utc) = match key.expiration {
            Some(e) => (relative(e, now), format_utc(e)),
            None => ("never".to_owned(), String::new()),
        };
        KeyRow {
            id: key.id.clone(),
            name: key
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "(no name)".to_owned()),
            owner,
            created,
            created_utc,
            expires,
            expires_utc,
            status: KeyStatus::of(key, now),
            roles: match key.role_descriptors.parse() {
                Ok(descriptors) => describe_role_descriptors(&descriptors),
                Err(e) => format!("(role descriptors not readable: {e})"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(filter: &KeyFilter, from: u32) -> serde_json::Value {
        serde_json::to_value(filter.body(from)).unwrap()
    }

    #[test]
    fn the_default_list_is_every_key_newest_first() {
        assert_eq!(
            body(&KeyFilter::default(), 0),
            json!({"size": 10, "sort": [{"creation": {"order": "desc"}}]})
        );
    }

    #[test]
    fn active_keys_are_neither_invalidated_nor_expired() {
        let filter = KeyFilter {
            status: StatusFilter::Active,
            ..Default::default()
        };
        assert_eq!(
            body(&filter, 0),
            json!({
                "query": {"bool": {
                    "filter": [{"term": {"invalidated": {"value": false}}}],
                    "must_not": [{"range": {"expiration": {"lte": "now"}}}]
                }},
                "size": 10,
                "sort": [{"creation": {"order": "desc"}}]
            })
        );
    }

    #[test]
    fn all_keys_of_one_owner_with_a_name_part() {
        let filter = KeyFilter {
            name: " ci ".into(),
            username: "elastic".into(),
            status: StatusFilter::All,
            page_size: 25,
        };
        assert_eq!(
            body(&filter, 50),
            json!({
                "query": {"bool": {"filter": [
                    {"wildcard": {"name": {"value": "*ci*", "case_insensitive": true}}},
                    {"term": {"username": {"value": "elastic"}}}
                ]}},
                "from": 50,
                "size": 25,
                "sort": [{"creation": {"order": "desc"}}]
            })
        );
    }

    #[test]
    fn one_condition_is_sent_without_a_bool_and_patterns_are_kept() {
        let filter = KeyFilter {
            name: "ci-*".into(),
            status: StatusFilter::All,
            ..Default::default()
        };
        assert_eq!(
            body(&filter, 0)["query"],
            json!({"wildcard": {"name": {"value": "ci-*", "case_insensitive": true}}})
        );
        let filter = KeyFilter {
            status: StatusFilter::Invalidated,
            ..Default::default()
        };
        assert_eq!(
            body(&filter, 0)["query"],
            json!({"term": {"invalidated": {"value": true}}})
        );
        assert!(body(&KeyFilter::default(), 0).get("query").is_none());
    }

    #[test]
    fn expired_keys() {
        let filter = KeyFilter {
            status: StatusFilter::Expired,
            ..Default::default()
        };
        assert_eq!(
            body(&filter, 0)["query"],
            json!({"bool": {"filter": [
                {"term": {"invalidated": {"value": false}}},
                {"range": {"expiration": {"lte": "now"}}}
            ]}})
        );
    }

    #[test]
    fn status_filter_values() {
        assert_eq!(StatusFilter::from_value("active"), StatusFilter::Active);
        assert_eq!(StatusFilter::from_value("expired"), StatusFilter::Expired);
        assert_eq!(
            StatusFilter::from_value("invalidated"),
            StatusFilter::Invalidated
        );
        assert_eq!(StatusFilter::from_value("all"), StatusFilter::All);
        assert_eq!(StatusFilter::from_value("bogus"), StatusFilter::All);
    }

    #[test]
    fn pager() {
        let p = Pager {
            from: 0,
            count: 10,
            total: 23,
            page_size: 10,
        };
        assert_eq!(p.label(), "1–10 of 23 keys");
        assert_eq!((p.prev(), p.next()), (None, Some(10)));
        let p = Pager {
            from: 20,
            count: 3,
            total: 23,
            page_size: 10,
        };
        assert_eq!(p.label(), "21–23 of 23 keys");
        assert_eq!((p.prev(), p.next()), (Some(10), None));
        let p = Pager {
            from: 0,
            count: 1,
            total: 1,
            page_size: 10,
        };
        assert_eq!(p.label(), "1–1 of 1 key");
        let p = Pager {
            from: 0,
            count: 0,
            total: 0,
            page_size: 10,
        };
        assert_eq!(
            (p.label().as_str(), p.prev(), p.next()),
            ("No keys match", None, None)
        );
        // A page past the end (keys were invalidated meanwhile): go back, not forward.
        let p = Pager {
            from: 30,
            count: 0,
            total: 23,
            page_size: 10,
        };
        assert_eq!(
            (p.label().as_str(), p.prev(), p.next()),
            ("Past the last of 23 keys", Some(20), None)
        );
        // from + size may not pass 10,000.
        let p = Pager {
            from: 9_980,
            count: 10,
            total: 50_000,
            page_size: 10,
        };
        assert_eq!(p.next(), Some(9_990));
        let p = Pager {
            from: 9_990,
            count: 10,
            total: 50_000,
            page_size: 10,
        };
        assert_eq!(p.next(), None);
        let p = Pager {
            from: 5,
            count: 10,
            total: 50,
            page_size: 10,
        };
        assert_eq!(p.prev(), Some(0));
    }

    fn key(json: serde_json::Value) -> ApiKey {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn rows() {
        let now = 1_700_000_000_000;
        let k = key(json!({
            "id": "VuaCfGcBCdbkQm-e5aOx", "name": "ci-reader", "creation": now - 120_000,
            "expiration": now + 86_400_000, "invalidated": false, "username": "elastic",
            "realm": "reserved", "metadata": {},
            "role_descriptors": {"r": {"cluster": ["monitor"]}}
        }));
        let row = KeyRow::new(&k, now);
        assert_eq!(
            row,
            KeyRow {
                id: "VuaCfGcBCdbkQm-e5aOx".into(),
                name: "ci-reader".into(),
                owner: "elastic (reserved)".into(),
                created: "2 min ago".into(),
                created_utc: "2023-11-14 22:11 UTC".into(),
                expires: "in 1 day".into(),
                expires_utc: "2023-11-15 22:13 UTC".into(),
                status: KeyStatus::Active,
                roles: "r: cluster monitor".into(),
            }
        );
        assert_eq!(KeyRow::new(&k, now + 86_400_000).status, KeyStatus::Expired);

        let bare = key(json!({"id": "x", "name": null, "invalidated": true}));
        let row = KeyRow::new(&bare, now);
        assert_eq!(
            (
                row.name.as_str(),
                row.owner.as_str(),
                row.created.as_str(),
                row.expires.as_str(),
                row.expires_utc.as_str()
            ),
            ("(no name)", "unknown", "unknown", "never", "")
        );
        assert_eq!(row.status, KeyStatus::Invalidated);
        assert_eq!(row.roles, "owner's privileges");
        assert_eq!(
            (row.status.label(), row.status.class()),
            ("Invalidated", "badge off")
        );
    }
}
