//! Aggregations of `query_api_keys`: the requests (`ApiKeyAggregationContainer`) and the
//! typed results (`ApiKeyAggregate`).
//!
//! The supported kinds are `terms`, `range`, `date_range`, `missing`, `cardinality`,
//! `value_count`, `composite`, `filter` and `filters`, over the fields that queries can use.
//!
//! Results are typed when the request sets `typed_keys` (Elasticsearch then names each result
//! `<type>#<name>`, e.g. `sterms#by_realm`); [`Aggregations`] strips the prefix and decodes the
//! matching type. Without `typed_keys` a result's type cannot be told from its shape, so it is
//! kept as [`ApiKeyAggregate::Untyped`] JSON, which [`ApiKeyAggregate::decode_as`] reads as any
//! of the result types.
//!
//! ```
//! use security_types::api_keys::aggregations::{ApiKeyAggregation, TermsAggregation};
//!
//! let by_realm = ApiKeyAggregation::from(TermsAggregation::field("realm").size(5))
//!     .aggregation("owners", ApiKeyAggregation::cardinality("username"));
//! assert_eq!(
//!     serde_json::to_value(&by_realm).unwrap(),
//!     serde_json::json!({"terms": {"field": "realm", "size": 5},
//!                        "aggregations": {"owners": {"cardinality": {"field": "username"}}}})
//! );
//! ```

use super::query::{ApiKeyQuery, SortOrder};
use super::FieldValue;
/// The script types are shared with role-mapping templates.
pub use crate::common::{InlineScript, Script, ScriptLanguage, StoredScriptId};
use crate::common::{Metadata, OneOrMany};
use crate::open_enum;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/// One aggregation (`ApiKeyAggregationContainer`): its kind, sub-aggregations and `meta`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiKeyAggregation {
    /// What to aggregate.
    #[serde(flatten)]
    pub kind: ApiKeyAggregationKind,
    /// Sub-aggregations, by name (bucket aggregations only).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregations: BTreeMap<String, ApiKeyAggregation>,
    /// Metadata returned with the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Metadata>,
}

impl ApiKeyAggregation {
    /// An aggregation of this kind.
    pub fn new(kind: impl Into<ApiKeyAggregationKind>) -> Self {
        ApiKeyAggregation {
            kind: kind.into(),
            aggregations: BTreeMap::new(),
            meta: None,
        }
    }

    /// `terms` on a field.
    pub fn terms(field: impl Into<String>) -> Self {
        TermsAggregation::field(field).into()
    }

    /// `cardinality` of a field.
    pub fn cardinality(field: impl Into<String>) -> Self {
        CardinalityAggregation::field(field).into()
    }

    /// `value_count` of a field.
    pub fn value_count(field: impl Into<String>) -> Self {
        ValueCountAggregation::field(field).into()
    }

    /// `missing`: keys without a value for a field.
    pub fn missing(field: impl Into<String>) -> Self {
        ApiKeyAggregation::new(ApiKeyAggregationKind::Missing(MissingAggregation {
            field: Some(field.into()),
            missing: None,
        }))
    }

    /// `filter`: one bucket of the keys that match a query.
    pub fn filter(query: impl Into<ApiKeyQuery>) -> Self {
        ApiKeyAggregation::new(ApiKeyAggregationKind::Filter(query.into()))
    }

    /// Adds a sub-aggregation.
    pub fn aggregation(mut self, name: impl Into<String>, aggregation: ApiKeyAggregation) -> Self {
        self.aggregations.insert(name.into(), aggregation);
        self
    }

    /// Sets `meta`.
    pub fn meta(mut self, meta: Metadata) -> Self {
        self.meta = Some(meta);
        self
    }
}

/// The kind of an aggregation, with its parameters.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ApiKeyAggregationKind {
    /// Approximate count of distinct values.
    Cardinality(CardinalityAggregation),
    /// Pageable buckets over combinations of sources.
    Composite(CompositeAggregation),
    /// Buckets of date ranges.
    DateRange(DateRangeAggregation),
    /// One bucket of the keys that match a query.
    Filter(ApiKeyQuery),
    /// One bucket per query.
    Filters(ApiKeyFiltersAggregation),
    /// One bucket of the keys without a value.
    Missing(MissingAggregation),
    /// Buckets of numeric ranges.
    Range(RangeAggregation),
    /// One bucket per value.
    Terms(TermsAggregation),
    /// Count of values.
    ValueCount(ValueCountAggregation),
    /// An aggregation kept as JSON, sent as it is: what an aggregation read from JSON holds
    /// (`{"<name>": <body>}`), or a kind the types do not cover.
    Json {
        /// The aggregation type, e.g. `terms`.
        name: String,
        /// Its parameters.
        body: serde_json::Value,
    },
}

impl Serialize for ApiKeyAggregationKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            ApiKeyAggregationKind::Cardinality(a) => map.serialize_entry("cardinality", a)?,
            ApiKeyAggregationKind::Composite(a) => map.serialize_entry("composite", a)?,
            ApiKeyAggregationKind::DateRange(a) => map.serialize_entry("date_range", a)?,
            ApiKeyAggregationKind::Filter(a) => map.serialize_entry("filter", a)?,
            ApiKeyAggregationKind::Filters(a) => map.serialize_entry("filters", a)?,
            ApiKeyAggregationKind::Missing(a) => map.serialize_entry("missing", a)?,
            ApiKeyAggregationKind::Range(a) => map.serialize_entry("range", a)?,
            ApiKeyAggregationKind::Terms(a) => map.serialize_entry("terms", a)?,
            ApiKeyAggregationKind::ValueCount(a) => map.serialize_entry("value_count", a)?,
            ApiKeyAggregationKind::Json { name, body } => map.serialize_entry(name, body)?,
        }
        map.end()
    }
}

/// Reads an aggregation from JSON (a user's request body): its kind stays JSON
/// ([`ApiKeyAggregationKind::Json`], sent back as it came); sub-aggregations under
/// `aggregations` or its alias `aggs` are read the same way and sent as `aggregations`.
impl<'de> Deserialize<'de> for ApiKeyAggregation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let mut kind = None;
        let mut aggregations = None;
        let mut meta = None;
        for (key, value) in map {
            match key.as_str() {
                "aggregations" | "aggs" => {
                    if aggregations.is_some() {
                        return Err(de::Error::custom(
                            "`aggregations` and its alias `aggs` cannot both be set",
                        ));
                    }
                    aggregations = Some(
                        BTreeMap::<String, ApiKeyAggregation>::deserialize(value)
                            .map_err(de::Error::custom)?,
                    );
                }
                "meta" => meta = Some(Metadata::deserialize(value).map_err(de::Error::custom)?),
                _ => {
                    if let Some(ApiKeyAggregationKind::Json { name, .. }) = &kind {
                        return Err(de::Error::custom(format_args!(
                            "an aggregation has one type, found `{name}` and `{key}`"
                        )));
                    }
                    kind = Some(ApiKeyAggregationKind::Json {
                        name: key,
                        body: value,
                    });
                }
            }
        }
        Ok(ApiKeyAggregation {
            kind: kind.ok_or_else(|| de::Error::custom("an aggregation without a type"))?,
            aggregations: aggregations.unwrap_or_default(),
            meta,
        })
    }
}

macro_rules! into_aggregation {
    ($($ty:ident => $variant:ident),* $(,)?) => {$(
        impl From<$ty> for ApiKeyAggregationKind {
            fn from(value: $ty) -> Self {
                ApiKeyAggregationKind::$variant(value)
            }
        }
        impl From<$ty> for ApiKeyAggregation {
            fn from(value: $ty) -> Self {
                ApiKeyAggregation::new(ApiKeyAggregationKind::$variant(value))
            }
        }
    )*};
}

into_aggregation! {
    CardinalityAggregation => Cardinality,
    CompositeAggregation => Composite,
    DateRangeAggregation => DateRange,
    ApiKeyFiltersAggregation => Filters,
    MissingAggregation => Missing,
    RangeAggregation => Range,
    TermsAggregation => Terms,
    ValueCountAggregation => ValueCount,
}

open_enum! {
    /// How `cardinality` computes (`CardinalityExecutionMode`).
    pub enum CardinalityExecutionMode {
        /// `global_ordinals`
        GlobalOrdinals = "global_ordinals",
        /// `segment_ordinals`
        SegmentOrdinals = "segment_ordinals",
        /// `direct`
        Direct = "direct",
        /// `save_memory_heuristic`
        SaveMemoryHeuristic = "save_memory_heuristic",
        /// `save_time_heuristic`
        SaveTimeHeuristic = "save_time_heuristic",
    }
}

/// `cardinality`: approximate count of distinct values.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CardinalityAggregation {
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value for keys without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<FieldValue>,
    /// A script producing the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// Below this count, the result is close to exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision_threshold: Option<i32>,
    /// Whether to rehash values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rehash: Option<bool>,
    /// How to compute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_hint: Option<CardinalityExecutionMode>,
}

impl CardinalityAggregation {
    /// The cardinality of `field`.
    pub fn field(field: impl Into<String>) -> Self {
        CardinalityAggregation {
            field: Some(field.into()),
            ..Default::default()
        }
    }

    /// Sets `precision_threshold`.
    pub fn precision_threshold(mut self, value: i32) -> Self {
        self.precision_threshold = Some(value);
        self
    }
}

/// `value_count`: the number of values.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ValueCountAggregation {
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value for keys without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<FieldValue>,
    /// A script producing the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// The format of `value_as_string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl ValueCountAggregation {
    /// The number of values of `field`.
    pub fn field(field: impl Into<String>) -> Self {
        ValueCountAggregation {
            field: Some(field.into()),
            ..Default::default()
        }
    }
}

/// `missing`: one bucket of the keys without a value for a field.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MissingAggregation {
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value that counts as missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<FieldValue>,
}

open_enum! {
    /// How `terms` collects sub-aggregations (`TermsAggregationCollectMode`).
    pub enum TermsAggregationCollectMode {
        /// `depth_first`
        DepthFirst = "depth_first",
        /// `breadth_first`
        BreadthFirst = "breadth_first",
    }
}

open_enum! {
    /// How `terms` computes (`TermsAggregationExecutionHint`).
    pub enum TermsAggregationExecutionHint {
        /// `map`
        Map = "map",
        /// `global_ordinals`
        GlobalOrdinals = "global_ordinals",
        /// `global_ordinals_hash`
        GlobalOrdinalsHash = "global_ordinals_hash",
        /// `global_ordinals_low_cardinality`
        GlobalOrdinalsLowCardinality = "global_ordinals_low_cardinality",
    }
}

open_enum! {
    /// Where the bucket of missing values goes (`MissingOrder`).
    pub enum MissingOrder {
        /// First.
        First = "first",
        /// Last.
        Last = "last",
        /// The default place.
        Default = "default",
    }
}

/// Which terms to include (`TermsInclude`): a regex, values, or a partition.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TermsInclude {
    /// A regular expression.
    Regex(String),
    /// Exact values.
    Values(Vec<String>),
    /// One partition of the terms.
    Partition(TermsPartition),
}

/// A partition of the terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TermsPartition {
    /// The number of partitions.
    pub num_partitions: i64,
    /// This partition's number.
    pub partition: i64,
}

/// The order of buckets (`AggregateOrder`): `(key, direction)` pairs such as
/// `("_count", Desc)`, `("_key", Asc)` or a sub-aggregation's name. Sent as a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AggregateOrder(pub Vec<(String, SortOrder)>);

impl Serialize for AggregateOrder {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct One<'a>(&'a str, SortOrder);
        impl Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(self.0, &self.1)?;
                map.end()
            }
        }
        serializer.collect_seq(self.0.iter().map(|(k, o)| One(k, *o)))
    }
}

impl<K: Into<String>> From<(K, SortOrder)> for AggregateOrder {
    fn from((key, order): (K, SortOrder)) -> Self {
        AggregateOrder(vec![(key.into(), order)])
    }
}

/// `terms`: one bucket per value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TermsAggregation {
    /// How sub-aggregations are collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collect_mode: Option<TermsAggregationCollectMode>,
    /// Values to exclude (a regex or values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude: Option<OneOrMany<String>>,
    /// How to compute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_hint: Option<TermsAggregationExecutionHint>,
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Values to include.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<TermsInclude>,
    /// Minimum document count of a bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_doc_count: Option<i32>,
    /// The value for keys without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<FieldValue>,
    /// Where the missing bucket goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_order: Option<MissingOrder>,
    /// Whether to add a bucket for keys without a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_bucket: Option<bool>,
    /// The value type for unmapped fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// The bucket order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<AggregateOrder>,
    /// A script producing the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// Minimum document count per shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard_min_doc_count: Option<i64>,
    /// Buckets per shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard_size: Option<i32>,
    /// Whether to return each bucket's count error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_term_doc_count_error: Option<bool>,
    /// Number of buckets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i32>,
    /// The format of `key_as_string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl TermsAggregation {
    /// One bucket per value of `field`.
    pub fn field(field: impl Into<String>) -> Self {
        TermsAggregation {
            field: Some(field.into()),
            ..Default::default()
        }
    }

    /// Sets the number of buckets.
    pub fn size(mut self, size: i32) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the bucket order.
    pub fn order(mut self, order: impl Into<AggregateOrder>) -> Self {
        self.order = Some(order.into());
        self
    }
}

/// `range`: buckets of numeric ranges.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RangeAggregation {
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value for keys without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<i32>,
    /// The ranges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<AggregationRange>,
    /// A script producing the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// Return buckets as an object keyed by range key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyed: Option<bool>,
    /// The format of `from_as_string`/`to_as_string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// One numeric range: `from` (inclusive) to `to` (exclusive).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AggregationRange {
    /// Lower bound, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// The bucket key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Upper bound, exclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
}

/// A date-range bound: date math (`now-1M/M`) or milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldDateMath {
    /// Date math or a formatted date.
    Expr(String),
    /// Milliseconds since the epoch.
    Number(f64),
}

impl From<&str> for FieldDateMath {
    fn from(value: &str) -> Self {
        FieldDateMath::Expr(value.to_owned())
    }
}

impl From<f64> for FieldDateMath {
    fn from(value: f64) -> Self {
        FieldDateMath::Number(value)
    }
}

/// One date range: `from` (inclusive) to `to` (exclusive).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DateRangeExpression {
    /// Lower bound, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<FieldDateMath>,
    /// The bucket key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Upper bound, exclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<FieldDateMath>,
}

/// `date_range`: buckets of date ranges.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DateRangeAggregation {
    /// The field (`creation`, `expiration`, `invalidation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The date format of bounds and `*_as_string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The value for keys without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<FieldValue>,
    /// The ranges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<DateRangeExpression>,
    /// The time zone of the bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Return buckets as an object keyed by range key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyed: Option<bool>,
}

/// `filters`: one bucket per query (`ApiKeyFiltersAggregation`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ApiKeyFiltersAggregation {
    /// The queries: named (keyed) or a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filters: Option<Buckets<ApiKeyQuery>>,
    /// Add a bucket for keys that match no query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_bucket: Option<bool>,
    /// The key of that bucket (`_other_` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_bucket_key: Option<String>,
    /// Return buckets as an object (default) or a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyed: Option<bool>,
}

impl ApiKeyFiltersAggregation {
    /// Named queries, one bucket each.
    pub fn keyed<I, K, Q>(filters: I) -> Self
    where
        I: IntoIterator<Item = (K, Q)>,
        K: Into<String>,
        Q: Into<ApiKeyQuery>,
    {
        ApiKeyFiltersAggregation {
            filters: Some(Buckets::Keyed(
                filters
                    .into_iter()
                    .map(|(k, q)| (k.into(), q.into()))
                    .collect(),
            )),
            ..Default::default()
        }
    }
}

/// The options shared by composite sources (`CompositeAggregationBase`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompositeValuesSource {
    /// The field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Whether keys without a value get a bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_bucket: Option<bool>,
    /// Where the missing bucket goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_order: Option<MissingOrder>,
    /// A script producing the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// The value type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<String>,
    /// Ascending or descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}

/// A source of a composite aggregation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompositeAggregationSource {
    /// Terms of a field.
    Terms(CompositeValuesSource),
    /// A numeric histogram.
    Histogram(CompositeHistogramAggregation),
    /// A date histogram.
    DateHistogram(CompositeDateHistogramAggregation),
    /// A geo-tile grid.
    GeotileGrid(CompositeGeoTileGridAggregation),
}

impl CompositeAggregationSource {
    /// Terms of `field`.
    pub fn terms(field: impl Into<String>) -> Self {
        CompositeAggregationSource::Terms(CompositeValuesSource {
            field: Some(field.into()),
            ..Default::default()
        })
    }
}

/// A numeric histogram source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompositeHistogramAggregation {
    /// The shared options.
    #[serde(flatten)]
    pub source: CompositeValuesSource,
    /// The interval.
    pub interval: f64,
}

/// A date histogram source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompositeDateHistogramAggregation {
    /// The shared options.
    #[serde(flatten)]
    pub source: CompositeValuesSource,
    /// The format of the keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// A calendar interval such as `1M`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_interval: Option<String>,
    /// A fixed interval such as `1d`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_interval: Option<String>,
    /// An offset of the buckets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// The time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// A geo-tile grid source.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompositeGeoTileGridAggregation {
    /// The shared options.
    #[serde(flatten)]
    pub source: CompositeValuesSource,
    /// The zoom level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<i32>,
    /// The bounding box (as JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounds: Option<serde_json::Value>,
}

/// The key of a composite bucket, by source name (`CompositeAggregateKey`).
pub type CompositeAggregateKey = BTreeMap<String, FieldValue>;

/// `composite`: pageable buckets over combinations of sources.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CompositeAggregation {
    /// Continue after this key (the previous answer's `after_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<CompositeAggregateKey>,
    /// Buckets per page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i32>,
    /// The sources, each a one-entry map `{name: source}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<BTreeMap<String, CompositeAggregationSource>>>,
}

impl CompositeAggregation {
    /// A composite aggregation without sources yet.
    pub fn new() -> Self {
        CompositeAggregation::default()
    }

    /// Adds a source.
    pub fn source(mut self, name: impl Into<String>, source: CompositeAggregationSource) -> Self {
        self.sources
            .get_or_insert_with(Vec::new)
            .push(BTreeMap::from([(name.into(), source)]));
        self
    }

    /// Sets the page size.
    pub fn size(mut self, size: i32) -> Self {
        self.size = Some(size);
        self
    }

    /// Continues after a key.
    pub fn after(mut self, after: CompositeAggregateKey) -> Self {
        self.after = Some(after);
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Buckets, both ways
// ---------------------------------------------------------------------------------------------

/// Buckets as an object keyed by name, or as a list (`Buckets<T>`). Keyed order is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Buckets<T> {
    /// Buckets by key, in the server's order.
    Keyed(Vec<(String, T)>),
    /// Buckets as a list.
    Array(Vec<T>),
}

impl<T> Default for Buckets<T> {
    fn default() -> Self {
        Buckets::Array(Vec::new())
    }
}

impl<T> Buckets<T> {
    /// The buckets, whatever their form (keys of keyed buckets are dropped).
    pub fn iter(&self) -> Box<dyn Iterator<Item = &T> + '_> {
        match self {
            Buckets::Keyed(items) => Box::new(items.iter().map(|(_, b)| b)),
            Buckets::Array(items) => Box::new(items.iter()),
        }
    }

    /// The number of buckets.
    pub fn len(&self) -> usize {
        match self {
            Buckets::Keyed(items) => items.len(),
            Buckets::Array(items) => items.len(),
        }
    }

    /// Whether there is no bucket.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A keyed bucket by key.
    pub fn get(&self, key: &str) -> Option<&T> {
        match self {
            Buckets::Keyed(items) => items.iter().find(|(k, _)| k == key).map(|(_, b)| b),
            Buckets::Array(_) => None,
        }
    }
}

impl<T: Serialize> Serialize for Buckets<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Buckets::Keyed(items) => {
                serializer.collect_map(items.iter().map(|(k, v)| (k.as_str(), v)))
            }
            Buckets::Array(items) => serializer.collect_seq(items),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Buckets<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Buckets<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("buckets as an object or a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Buckets<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Buckets::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Buckets<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    items.push(entry);
                }
                Ok(Buckets::Keyed(items))
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// Aggregation results by name (the `aggregations` of an answer or of a bucket).
///
/// With `typed_keys`, names come as `<type>#<name>`: the prefix selects the result type and is
/// stripped. Other names keep their JSON as [`ApiKeyAggregate::Untyped`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregations(pub BTreeMap<String, ApiKeyAggregate>);

impl Aggregations {
    /// A result by name (without the `typed_keys` prefix).
    pub fn get(&self, name: &str) -> Option<&ApiKeyAggregate> {
        self.0.get(name)
    }

    /// The results, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ApiKeyAggregate)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of results.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no result.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads results by name in one pass: each value is decoded in place as the type its
/// `typed_keys` prefix names, without an intermediate `serde_json::Value` (so nested
/// aggregations cost no copies, whatever their depth).
impl<'de> Deserialize<'de> for Aggregations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Aggregations;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("aggregation results by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Aggregations, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let (name, aggregate) = map.next_value_seed(AggregateSeed(&key))?;
                    out.insert(name, aggregate);
                }
                Ok(Aggregations(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Decodes the result named by a key (`<type>#<name>` with `typed_keys`) as that type, in
/// place; gives the name without the prefix.
struct AggregateSeed<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for AggregateSeed<'_> {
    type Value = (String, ApiKeyAggregate);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let key = self.0;
        let untyped = |d: D| -> Result<Self::Value, D::Error> {
            Ok((
                key.to_owned(),
                ApiKeyAggregate::Untyped(serde_json::Value::deserialize(d)?),
            ))
        };
        let Some((prefix, name)) = key.split_once('#') else {
            return untyped(d);
        };
        let aggregate = match prefix {
            "cardinality" => ApiKeyAggregate::Cardinality(Deserialize::deserialize(d)?),
            "value_count" => ApiKeyAggregate::ValueCount(Deserialize::deserialize(d)?),
            "sterms" => ApiKeyAggregate::StringTerms(Deserialize::deserialize(d)?),
            "lterms" => ApiKeyAggregate::LongTerms(Deserialize::deserialize(d)?),
            "dterms" => ApiKeyAggregate::DoubleTerms(Deserialize::deserialize(d)?),
            "umterms" => ApiKeyAggregate::UnmappedTerms(Deserialize::deserialize(d)?),
            "multi_terms" => ApiKeyAggregate::MultiTerms(Deserialize::deserialize(d)?),
            "missing" => ApiKeyAggregate::Missing(Deserialize::deserialize(d)?),
            "filter" => ApiKeyAggregate::Filter(Deserialize::deserialize(d)?),
            "filters" => ApiKeyAggregate::Filters(Deserialize::deserialize(d)?),
            "range" => ApiKeyAggregate::Range(Deserialize::deserialize(d)?),
            "date_range" => ApiKeyAggregate::DateRange(Deserialize::deserialize(d)?),
            "composite" => ApiKeyAggregate::Composite(Deserialize::deserialize(d)?),
            _ => return untyped(d),
        };
        Ok((name.to_owned(), aggregate))
    }
}

/// `Deserialize` for a bucket (or single-bucket result): its own fields, and every other key
/// as a sub-aggregation result, decoded in the same pass (what `#[serde(flatten)]` would do
/// through a buffered copy of every level).
macro_rules! with_sub_aggregations {
    ($ty:ident $(<$g:ident>)?, $expecting:literal, { $($field:ident: $fty:ty = $how:ident),* $(,)? }) => {
        impl<'de $(, $g: Deserialize<'de>)?> Deserialize<'de> for $ty $(<$g>)? {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V $(<$g>)? (PhantomData<($($g,)?)>);
                impl<'de $(, $g: Deserialize<'de>)?> Visitor<'de> for V $(<$g>)? {
                    type Value = $ty $(<$g>)?;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        $( let mut $field: Option<$fty> = None; )*
                        let mut aggregations = BTreeMap::new();
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                $(
                                    stringify!($field) => {
                                        if $field.is_some() {
                                            return Err(de::Error::duplicate_field(stringify!($field)));
                                        }
                                        $field = Some(map.next_value()?);
                                    }
                                )*
                                _ => {
                                    let (name, aggregate) = map.next_value_seed(AggregateSeed(&key))?;
                                    aggregations.insert(name, aggregate);
                                }
                            }
                        }
                        Ok($ty {
                            $( $field: with_sub_aggregations!(@take $how $field), )*
                            aggregations: Aggregations(aggregations),
                        })
                    }
                }
                deserializer.deserialize_map(V(PhantomData))
            }
        }
    };
    (@take required $field:ident) => {
        $field.ok_or_else(|| de::Error::missing_field(stringify!($field)))?
    };
    (@take optional $field:ident) => {
        $field.unwrap_or_default()
    };
}

with_sub_aggregations!(TermsBucket<K>, "a terms bucket", {
    key: K = required,
    key_as_string: Option<String> = optional,
    doc_count: i64 = required,
    doc_count_error_upper_bound: Option<i64> = optional,
});

with_sub_aggregations!(SingleBucketAggregate, "a single-bucket result", {
    doc_count: i64 = required,
    meta: Option<Metadata> = optional,
});

with_sub_aggregations!(FiltersBucket, "a filters bucket", {
    doc_count: i64 = required,
    key: Option<String> = optional,
});

with_sub_aggregations!(RangeBucket, "a range bucket", {
    key: Option<String> = optional,
    from: Option<f64> = optional,
    to: Option<f64> = optional,
    from_as_string: Option<String> = optional,
    to_as_string: Option<String> = optional,
    doc_count: i64 = required,
});

with_sub_aggregations!(CompositeBucket, "a composite bucket", {
    key: CompositeAggregateKey = required,
    doc_count: i64 = required,
});

/// An aggregation result (`ApiKeyAggregate`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ApiKeyAggregate {
    /// `cardinality`.
    Cardinality(CardinalityAggregate),
    /// `value_count`.
    ValueCount(ValueCountAggregate),
    /// `terms` on a string field (`sterms`).
    StringTerms(StringTermsAggregate),
    /// `terms` on an integer field (`lterms`).
    LongTerms(LongTermsAggregate),
    /// `terms` on a floating-point field (`dterms`).
    DoubleTerms(DoubleTermsAggregate),
    /// `terms` on an unmapped field (`umterms`).
    UnmappedTerms(UnmappedTermsAggregate),
    /// `multi_terms`.
    MultiTerms(MultiTermsAggregate),
    /// `missing`.
    Missing(SingleBucketAggregate),
    /// `filter`.
    Filter(SingleBucketAggregate),
    /// `filters`.
    Filters(FiltersAggregate),
    /// `range`.
    Range(RangeAggregate),
    /// `date_range`.
    DateRange(RangeAggregate),
    /// `composite`.
    Composite(CompositeAggregate),
    /// A result without a `typed_keys` prefix (or of a type this client does not know): its JSON.
    Untyped(serde_json::Value),
}

fn typed<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value)
}

impl ApiKeyAggregate {
    /// Decodes a result named `key`; returns the name without the type prefix.
    pub fn from_typed_key(
        key: &str,
        value: serde_json::Value,
    ) -> Result<(String, ApiKeyAggregate), serde_json::Error> {
        let Some((prefix, name)) = key.split_once('#') else {
            return Ok((key.to_owned(), ApiKeyAggregate::Untyped(value)));
        };
        let aggregate = match prefix {
            "cardinality" => ApiKeyAggregate::Cardinality(typed(value)?),
            "value_count" => ApiKeyAggregate::ValueCount(typed(value)?),
            "sterms" => ApiKeyAggregate::StringTerms(typed(value)?),
            "lterms" => ApiKeyAggregate::LongTerms(typed(value)?),
            "dterms" => ApiKeyAggregate::DoubleTerms(typed(value)?),
            "umterms" => ApiKeyAggregate::UnmappedTerms(typed(value)?),
            "multi_terms" => ApiKeyAggregate::MultiTerms(typed(value)?),
            "missing" => ApiKeyAggregate::Missing(typed(value)?),
            "filter" => ApiKeyAggregate::Filter(typed(value)?),
            "filters" => ApiKeyAggregate::Filters(typed(value)?),
            "range" => ApiKeyAggregate::Range(typed(value)?),
            "date_range" => ApiKeyAggregate::DateRange(typed(value)?),
            "composite" => ApiKeyAggregate::Composite(typed(value)?),
            _ => return Ok((key.to_owned(), ApiKeyAggregate::Untyped(value))),
        };
        Ok((name.to_owned(), aggregate))
    }

    /// Reads a result as a given result type: for results without `typed_keys`, whose type the
    /// caller knows from the request. A typed result is re-read through its JSON form.
    pub fn decode_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match self {
            ApiKeyAggregate::Untyped(value) => T::deserialize(value),
            _ => Err(de::Error::custom(
                "decode_as reads untyped results; match on the variant of a typed one",
            )),
        }
    }

    /// The string terms, if this is a `sterms` result.
    pub fn as_string_terms(&self) -> Option<&StringTermsAggregate> {
        match self {
            ApiKeyAggregate::StringTerms(a) => Some(a),
            _ => None,
        }
    }

    /// The composite result, if this is one.
    pub fn as_composite(&self) -> Option<&CompositeAggregate> {
        match self {
            ApiKeyAggregate::Composite(a) => Some(a),
            _ => None,
        }
    }

    /// The single value of a `cardinality` or `value_count` result.
    pub fn value(&self) -> Option<f64> {
        match self {
            ApiKeyAggregate::Cardinality(a) => Some(a.value as f64),
            ApiKeyAggregate::ValueCount(a) => a.value,
            _ => None,
        }
    }
}

/// `cardinality` result.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CardinalityAggregate {
    /// The approximate count of distinct values.
    pub value: i64,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// `value_count` result.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ValueCountAggregate {
    /// The count (`null` when there was nothing to count).
    #[serde(default)]
    pub value: Option<f64>,
    /// The formatted value.
    #[serde(default)]
    pub value_as_string: Option<String>,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// A `terms` result with keys of type `K` (`StringTermsAggregate`, `LongTermsAggregate`, …).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
#[serde(bound = "K: Deserialize<'de>")]
pub struct TermsAggregate<K> {
    /// The buckets.
    #[serde(default)]
    pub buckets: Buckets<TermsBucket<K>>,
    /// The upper bound of count errors.
    #[serde(default)]
    pub doc_count_error_upper_bound: Option<i64>,
    /// Keys not in a bucket.
    #[serde(default)]
    pub sum_other_doc_count: Option<i64>,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// `terms` result of a string field (`sterms`).
pub type StringTermsAggregate = TermsAggregate<FieldValue>;
/// `terms` result of an integer field (`lterms`).
pub type LongTermsAggregate = TermsAggregate<i64>;
/// `terms` result of a floating-point field (`dterms`).
pub type DoubleTermsAggregate = TermsAggregate<f64>;
/// `terms` result of an unmapped field (`umterms`): no buckets.
pub type UnmappedTermsAggregate = TermsAggregate<FieldValue>;
/// `multi_terms` result.
pub type MultiTermsAggregate = TermsAggregate<Vec<FieldValue>>;

/// A `terms` bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct TermsBucket<K> {
    /// The value.
    pub key: K,
    /// The formatted value.
    pub key_as_string: Option<String>,
    /// The number of keys with this value.
    pub doc_count: i64,
    /// The count error of this bucket.
    pub doc_count_error_upper_bound: Option<i64>,
    /// Sub-aggregation results.
    pub aggregations: Aggregations,
}

/// A single-bucket result: `missing` and `filter`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SingleBucketAggregate {
    /// The number of keys in the bucket.
    pub doc_count: i64,
    /// The request's `meta`.
    pub meta: Option<Metadata>,
    /// Sub-aggregation results.
    pub aggregations: Aggregations,
}

/// `filters` result.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FiltersAggregate {
    /// One bucket per query (keyed by name when the queries were named).
    #[serde(default)]
    pub buckets: Buckets<FiltersBucket>,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// A `filters` bucket.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiltersBucket {
    /// The number of keys that match the query.
    pub doc_count: i64,
    /// The query's name (list form with named queries).
    pub key: Option<String>,
    /// Sub-aggregation results.
    pub aggregations: Aggregations,
}

/// `range` and `date_range` result.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RangeAggregate {
    /// One bucket per range.
    #[serde(default)]
    pub buckets: Buckets<RangeBucket>,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// A `range` or `date_range` bucket.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RangeBucket {
    /// The range key.
    pub key: Option<String>,
    /// Lower bound (for dates: milliseconds).
    pub from: Option<f64>,
    /// Upper bound (for dates: milliseconds).
    pub to: Option<f64>,
    /// Formatted lower bound.
    pub from_as_string: Option<String>,
    /// Formatted upper bound.
    pub to_as_string: Option<String>,
    /// The number of keys in the range.
    pub doc_count: i64,
    /// Sub-aggregation results.
    pub aggregations: Aggregations,
}

/// `composite` result.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CompositeAggregate {
    /// The key to continue after (absent on the last page).
    #[serde(default)]
    pub after_key: Option<CompositeAggregateKey>,
    /// The buckets.
    #[serde(default)]
    pub buckets: Buckets<CompositeBucket>,
    /// The request's `meta`.
    #[serde(default)]
    pub meta: Option<Metadata>,
}

/// A `composite` bucket.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompositeBucket {
    /// The key, by source name.
    pub key: CompositeAggregateKey,
    /// The number of keys in the bucket.
    pub doc_count: i64,
    /// Sub-aggregation results.
    pub aggregations: Aggregations,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_keys_select_the_type_and_are_stripped() {
        let aggs: Aggregations = serde_json::from_value(json!({
            "sterms#by_realm": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                "buckets": [{"key": "native1", "doc_count": 3,
                             "cardinality#owners": {"value": 2}}]},
            "value_count#n": {"value": 3.0},
            "plain": {"value": 1}
        }))
        .unwrap();
        let terms = aggs.get("by_realm").unwrap().as_string_terms().unwrap();
        let bucket = terms.buckets.iter().next().unwrap();
        assert_eq!(bucket.key.as_str(), Some("native1"));
        assert_eq!(
            bucket.aggregations.get("owners").unwrap().value(),
            Some(2.0)
        );
        assert_eq!(aggs.get("n").unwrap().value(), Some(3.0));
        let plain: CardinalityAggregate = aggs.get("plain").unwrap().decode_as().unwrap();
        assert_eq!(plain.value, 1);
    }
}
