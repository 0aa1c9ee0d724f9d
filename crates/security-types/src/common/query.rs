//! The query DSL subset of the security query APIs (`ApiKeyQueryContainer`,
//! `UserQueryContainer`, `RoleQueryContainer` in the spec).
//!
//! The three containers allow the same query types (`match_all`, `bool`, `term`, `terms`,
//! `match`, `ids`, `prefix`, `wildcard`, `exists`, `range` and `simple_query_string`), so one
//! type, [`QueryContainer`], serves them all; the aliases `ApiKeyQuery` (in `api_keys`, feature
//! `api-keys`), [`UserQuery`](crate::users::UserQuery) and [`RoleQuery`](crate::roles::RoleQuery)
//! name it where each endpoint takes it, and say which fields each API lets you query.
//!
//! ```
//! use security_types::common::query::{BoolQuery, QueryContainer, RangeQuery};
//!
//! let query = QueryContainer::from(
//!     BoolQuery::new()
//!         .must(QueryContainer::prefix("name", "app1-key-"))
//!         .must(QueryContainer::term("invalidated", false))
//!         .filter(RangeQuery::date("creation").gte("now-1d")),
//! );
//! assert_eq!(
//!     serde_json::to_value(&query).unwrap(),
//!     serde_json::json!({"bool": {
//!         "must": [{"prefix": {"name": {"value": "app1-key-"}}}, {"term": {"invalidated": {"value": false}}}],
//!         "filter": [{"range": {"creation": {"gte": "now-1d"}}}]
//!     }})
//! );
//!
//! // The short forms of the documentation's examples: `{"enabled": true}`.
//! let short = QueryContainer::from(security_types::common::query::TermQuery::new("enabled", true).shorthand());
//! assert_eq!(serde_json::to_value(&short).unwrap(), serde_json::json!({"term": {"enabled": true}}));
//! ```

use super::dsl::Emit;
use super::FieldValue;
use crate::open_enum;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Adds `boost` and `query_name` setters and the conversion into [`QueryContainer`].
macro_rules! query_common {
    ($name:ident, $q:ident => $into:expr) => {
        impl $name {
            /// Sets `boost`: the relevance weight of this query.
            pub fn boost(mut self, boost: f32) -> Self {
                self.boost = Some(boost);
                self
            }

            /// Sets `_name`: a name reported in `matched_queries`.
            pub fn query_name(mut self, name: impl Into<String>) -> Self {
                self.query_name = Some(name.into());
                self
            }
        }

        impl From<$name> for QueryContainer {
            fn from($q: $name) -> Self {
                $into
            }
        }
    };
}

/// A query of the security query APIs (`ApiKeyQueryContainer`, `UserQueryContainer`,
/// `RoleQueryContainer`): one of the supported query types.
///
/// `Raw` sends any JSON query as it is, for what the types do not cover.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QueryContainer {
    /// Boolean combination of other queries.
    Bool(BoolQuery),
    /// Documents that have a value for a field.
    Exists(ExistsQuery),
    /// Documents by id.
    Ids(IdsQuery),
    /// Analyzed text match on a field.
    Match(MatchQuery),
    /// All documents.
    MatchAll(MatchAllQuery),
    /// Documents whose field starts with a prefix.
    Prefix(PrefixQuery),
    /// Documents whose field is in a range.
    Range(RangeQuery),
    /// A simple query string over fields.
    SimpleQueryString(SimpleQueryStringQuery),
    /// Documents whose field is exactly a value.
    Term(TermQuery),
    /// Documents whose field is one of some values.
    Terms(TermsQuery),
    /// Documents whose field matches a wildcard pattern.
    Wildcard(WildcardQuery),
    /// Any query as JSON, sent as is.
    #[serde(untagged)]
    Raw(serde_json::Value),
}

/// Reads a query from JSON (a user's request body): it is kept whole as
/// [`QueryContainer::Raw`] and sent back as it came; Elasticsearch judges it.
impl<'de> serde::Deserialize<'de> for QueryContainer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(QueryContainer::Raw)
    }
}

impl QueryContainer {
    /// `match_all`: every document.
    pub fn match_all() -> Self {
        QueryContainer::MatchAll(MatchAllQuery::default())
    }

    /// `term`: `field` is exactly `value`.
    pub fn term(field: impl Into<String>, value: impl Into<FieldValue>) -> Self {
        TermQuery::new(field, value).into()
    }

    /// `terms`: `field` is one of `values`.
    pub fn terms<I>(field: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FieldValue>,
    {
        TermsQuery::new(field, values).into()
    }

    /// `match`: analyzed match of `query` on `field`.
    pub fn match_text(field: impl Into<String>, query: impl Into<FieldValue>) -> Self {
        MatchQuery::new(field, query).into()
    }

    /// `ids`: documents with these ids.
    pub fn ids<I>(ids: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        IdsQuery::new(ids).into()
    }

    /// `prefix`: `field` starts with `prefix`.
    pub fn prefix(field: impl Into<String>, prefix: impl Into<String>) -> Self {
        PrefixQuery::new(field, prefix).into()
    }

    /// `wildcard`: `field` matches `pattern` (`*` and `?`).
    pub fn wildcard(field: impl Into<String>, pattern: impl Into<String>) -> Self {
        WildcardQuery::new(field, pattern).into()
    }

    /// `exists`: `field` has a value.
    pub fn exists(field: impl Into<String>) -> Self {
        ExistsQuery::new(field).into()
    }

    /// `simple_query_string`: a query string in the simple syntax.
    pub fn simple_query_string(query: impl Into<String>) -> Self {
        SimpleQueryStringQuery::new(query).into()
    }
}

impl From<BoolQuery> for QueryContainer {
    fn from(query: BoolQuery) -> Self {
        QueryContainer::Bool(query)
    }
}

/// `match_all`: every document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MatchAllQuery {
    /// Relevance weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<f32>,
    /// A name reported in `matched_queries`.
    #[serde(rename = "_name", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
}

impl MatchAllQuery {
    /// Sets `boost`: the relevance weight of this query.
    pub fn boost(mut self, boost: f32) -> Self {
        self.boost = Some(boost);
        self
    }

    /// Sets `_name`: a name reported in `matched_queries`.
    pub fn query_name(mut self, name: impl Into<String>) -> Self {
        self.query_name = Some(name.into());
        self
    }
}

impl From<MatchAllQuery> for QueryContainer {
    fn from(query: MatchAllQuery) -> Self {
        QueryContainer::MatchAll(query)
    }
}

/// `minimum_should_match`: a count (`2`, `-1`) or a specification (`"75%"`, `"3<90%"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MinimumShouldMatch {
    /// A number of clauses.
    Count(i32),
    /// A specification such as `"75%"`.
    Spec(String),
}

impl From<i32> for MinimumShouldMatch {
    fn from(value: i32) -> Self {
        MinimumShouldMatch::Count(value)
    }
}

impl From<&str> for MinimumShouldMatch {
    fn from(value: &str) -> Self {
        MinimumShouldMatch::Spec(value.to_owned())
    }
}

/// `bool`: clauses that must, should, must not or filter-match.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BoolQuery {
    /// Clauses that must match (scoring).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub must: Vec<QueryContainer>,
    /// Clauses that must not match.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub must_not: Vec<QueryContainer>,
    /// Clauses that should match.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub should: Vec<QueryContainer>,
    /// Clauses that must match (not scoring).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<QueryContainer>,
    /// How many `should` clauses must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_should_match: Option<MinimumShouldMatch>,
    /// Relevance weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<f32>,
    /// A name reported in `matched_queries`.
    #[serde(rename = "_name", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
}

impl BoolQuery {
    /// An empty `bool` query (matches every document).
    pub fn new() -> Self {
        BoolQuery::default()
    }

    /// Adds a `must` clause.
    pub fn must(mut self, query: impl Into<QueryContainer>) -> Self {
        self.must.push(query.into());
        self
    }

    /// Adds a `must_not` clause.
    pub fn must_not(mut self, query: impl Into<QueryContainer>) -> Self {
        self.must_not.push(query.into());
        self
    }

    /// Adds a `should` clause.
    pub fn should(mut self, query: impl Into<QueryContainer>) -> Self {
        self.should.push(query.into());
        self
    }

    /// Adds a `filter` clause.
    pub fn filter(mut self, query: impl Into<QueryContainer>) -> Self {
        self.filter.push(query.into());
        self
    }

    /// Sets `minimum_should_match`.
    pub fn minimum_should_match(mut self, value: impl Into<MinimumShouldMatch>) -> Self {
        self.minimum_should_match = Some(value.into());
        self
    }

    /// Sets `boost`: the relevance weight of this query.
    pub fn boost(mut self, boost: f32) -> Self {
        self.boost = Some(boost);
        self
    }

    /// Sets `_name`: a name reported in `matched_queries`.
    pub fn query_name(mut self, name: impl Into<String>) -> Self {
        self.query_name = Some(name.into());
        self
    }
}

field_query! {
    /// `term`: the field is exactly a value.
    pub struct TermQuery {
        shortcut: req value,
        /// The value.
        req value: FieldValue = "value",
        /// Match ASCII case-insensitively.
        opt case_insensitive: bool = "case_insensitive",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

impl TermQuery {
    /// `field` is exactly `value`.
    pub fn new(field: impl Into<String>, value: impl Into<FieldValue>) -> Self {
        TermQuery {
            field: field.into(),
            value: value.into(),
            ..Default::default()
        }
    }

    /// Sets `case_insensitive`.
    pub fn case_insensitive(mut self, value: bool) -> Self {
        self.case_insensitive = Some(value);
        self
    }
}

query_common!(TermQuery, q => QueryContainer::Term(q));

/// The values of a `terms` query: a list, or a lookup in another document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TermsQueryField {
    /// The values.
    Values(Vec<FieldValue>),
    /// Values fetched from a document.
    Lookup(TermsLookup),
}

/// A terms lookup: take the values from a field of a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TermsLookup {
    /// The index of the document.
    pub index: String,
    /// The document id.
    pub id: String,
    /// The field holding the values.
    pub path: String,
    /// Custom routing of the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<String>,
}

/// `terms`: the field is one of some values.
#[derive(Clone, Debug, PartialEq)]
pub struct TermsQuery {
    /// The field.
    pub field: String,
    /// The values.
    pub terms: TermsQueryField,
    /// Relevance weight.
    pub boost: Option<f32>,
    /// A name reported in `matched_queries` (`_name`).
    pub query_name: Option<String>,
}

impl TermsQuery {
    /// `field` is one of `values`.
    pub fn new<I>(field: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FieldValue>,
    {
        TermsQuery {
            field: field.into(),
            terms: TermsQueryField::Values(values.into_iter().map(Into::into).collect()),
            boost: None,
            query_name: None,
        }
    }
}

impl Serialize for TermsQuery {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(&self.field, &self.terms)?;
        self.boost.emit("boost", &mut map)?;
        self.query_name.emit("_name", &mut map)?;
        map.end()
    }
}

query_common!(TermsQuery, q => QueryContainer::Terms(q));

open_enum! {
    /// The boolean operator between the terms of a text query.
    pub enum Operator {
        /// All terms must match.
        And = "and",
        /// Any term may match.
        Or = "or",
    }
}

open_enum! {
    /// What a match query matches when the analyzer removes every token.
    pub enum ZeroTermsQuery {
        /// Every document.
        All = "all",
        /// No document.
        None = "none",
    }
}

field_query! {
    /// `match`: analyzed match of a text, number or boolean on a field.
    pub struct MatchQuery {
        shortcut: req query,
        /// The text, number or boolean to match.
        req query: FieldValue = "query",
        /// The analyzer of the query text.
        opt analyzer: String = "analyzer",
        /// Whether to create phrase queries for multi-term synonyms.
        opt auto_generate_synonyms_phrase_query: bool = "auto_generate_synonyms_phrase_query",
        /// Cutoff frequency (deprecated by Elasticsearch).
        opt cutoff_frequency: f64 = "cutoff_frequency",
        /// Allowed edit distance, e.g. `AUTO` or `2`.
        opt fuzziness: String = "fuzziness",
        /// How fuzzy terms are rewritten.
        opt fuzzy_rewrite: String = "fuzzy_rewrite",
        /// Whether transpositions count as one edit.
        opt fuzzy_transpositions: bool = "fuzzy_transpositions",
        /// Ignore format errors.
        opt lenient: bool = "lenient",
        /// Maximum number of terms fuzziness expands to.
        opt max_expansions: i32 = "max_expansions",
        /// How many terms must match.
        opt minimum_should_match: MinimumShouldMatch = "minimum_should_match",
        /// `and` or `or` between terms.
        opt operator: Operator = "operator",
        /// Leading characters left unchanged by fuzziness.
        opt prefix_length: i32 = "prefix_length",
        /// What to match when no token remains.
        opt zero_terms_query: ZeroTermsQuery = "zero_terms_query",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

impl MatchQuery {
    /// Analyzed match of `query` on `field`.
    pub fn new(field: impl Into<String>, query: impl Into<FieldValue>) -> Self {
        MatchQuery {
            field: field.into(),
            query: query.into(),
            ..Default::default()
        }
    }

    /// Sets `operator`.
    pub fn operator(mut self, operator: impl Into<Operator>) -> Self {
        self.operator = Some(operator.into());
        self
    }
}

query_common!(MatchQuery, q => QueryContainer::Match(q));

/// `ids`: documents by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IdsQuery {
    /// The ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// Relevance weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<f32>,
    /// A name reported in `matched_queries`.
    #[serde(rename = "_name", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
}

impl IdsQuery {
    /// Documents with these ids.
    pub fn new<I>(ids: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        IdsQuery {
            values: Some(ids.into_iter().map(Into::into).collect()),
            ..Default::default()
        }
    }
}

query_common!(IdsQuery, q => QueryContainer::Ids(q));

field_query! {
    /// `prefix`: the field starts with a prefix.
    pub struct PrefixQuery {
        shortcut: req value,
        /// The prefix.
        req value: String = "value",
        /// How the query is rewritten.
        opt rewrite: String = "rewrite",
        /// Match ASCII case-insensitively.
        opt case_insensitive: bool = "case_insensitive",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

query_common!(PrefixQuery, q => QueryContainer::Prefix(q));

impl PrefixQuery {
    /// `field` starts with `prefix`.
    pub fn new(field: impl Into<String>, prefix: impl Into<String>) -> Self {
        PrefixQuery {
            field: field.into(),
            value: prefix.into(),
            ..Default::default()
        }
    }

    /// Sets `case_insensitive`.
    pub fn case_insensitive(mut self, value: bool) -> Self {
        self.case_insensitive = Some(value);
        self
    }
}

field_query! {
    /// `wildcard`: the field matches a pattern with `*` and `?`.
    pub struct WildcardQuery {
        shortcut: opt value,
        /// The pattern (set this or `wildcard`).
        opt value: String = "value",
        /// The pattern, under its other name.
        opt wildcard: String = "wildcard",
        /// How the query is rewritten.
        opt rewrite: String = "rewrite",
        /// Match ASCII case-insensitively.
        opt case_insensitive: bool = "case_insensitive",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

query_common!(WildcardQuery, q => QueryContainer::Wildcard(q));

impl WildcardQuery {
    /// `field` matches `pattern`.
    pub fn new(field: impl Into<String>, pattern: impl Into<String>) -> Self {
        WildcardQuery {
            field: field.into(),
            value: Some(pattern.into()),
            ..Default::default()
        }
    }

    /// Sets `case_insensitive`.
    pub fn case_insensitive(mut self, value: bool) -> Self {
        self.case_insensitive = Some(value);
        self
    }
}

/// `exists`: the field has a value.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExistsQuery {
    /// The field.
    pub field: String,
    /// Relevance weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<f32>,
    /// A name reported in `matched_queries`.
    #[serde(rename = "_name", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
}

impl ExistsQuery {
    /// `field` has a value.
    pub fn new(field: impl Into<String>) -> Self {
        ExistsQuery {
            field: field.into(),
            ..Default::default()
        }
    }
}

query_common!(ExistsQuery, q => QueryContainer::Exists(q));

open_enum! {
    /// How a range query matches range fields.
    pub enum RangeRelation {
        /// The field's range is within the query's.
        Within = "within",
        /// The field's range contains the query's.
        Contains = "contains",
        /// The ranges intersect (the default).
        Intersects = "intersects",
    }
}

/// `range`: the field is in a range of dates or numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RangeQuery {
    /// A range of dates (date math such as `now-1d/d`, or formatted dates).
    Date(DateRangeQuery),
    /// A range of numbers.
    Number(NumberRangeQuery),
}

impl RangeQuery {
    /// A date range on `field` (e.g. `creation`, `expiration`, `invalidation`).
    pub fn date(field: impl Into<String>) -> DateRangeQuery {
        DateRangeQuery {
            field: field.into(),
            ..Default::default()
        }
    }

    /// A number range on `field` (e.g. a numeric `metadata.*` field).
    pub fn number(field: impl Into<String>) -> NumberRangeQuery {
        NumberRangeQuery {
            field: field.into(),
            ..Default::default()
        }
    }
}

impl From<RangeQuery> for QueryContainer {
    fn from(query: RangeQuery) -> Self {
        QueryContainer::Range(query)
    }
}

field_query! {
    /// A range of dates (`DateRangeQuery`).
    pub struct DateRangeQuery {
        /// Greater than.
        opt gt: String = "gt",
        /// Greater than or equal.
        opt gte: String = "gte",
        /// Less than.
        opt lt: String = "lt",
        /// Less than or equal.
        opt lte: String = "lte",
        /// Lower bound (old syntax).
        opt from: String = "from",
        /// Upper bound (old syntax).
        opt to: String = "to",
        /// The date format of the bounds.
        opt format: String = "format",
        /// The time zone of the bounds.
        opt time_zone: String = "time_zone",
        /// How range fields match.
        opt relation: RangeRelation = "relation",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

query_common!(DateRangeQuery, q => QueryContainer::Range(RangeQuery::Date(q)));

impl DateRangeQuery {
    /// Sets `gt`.
    pub fn gt(mut self, value: impl Into<String>) -> Self {
        self.gt = Some(value.into());
        self
    }
    /// Sets `gte`.
    pub fn gte(mut self, value: impl Into<String>) -> Self {
        self.gte = Some(value.into());
        self
    }
    /// Sets `lt`.
    pub fn lt(mut self, value: impl Into<String>) -> Self {
        self.lt = Some(value.into());
        self
    }
    /// Sets `lte`.
    pub fn lte(mut self, value: impl Into<String>) -> Self {
        self.lte = Some(value.into());
        self
    }
    /// Sets `format`.
    pub fn format(mut self, value: impl Into<String>) -> Self {
        self.format = Some(value.into());
        self
    }
    /// Sets `time_zone`.
    pub fn time_zone(mut self, value: impl Into<String>) -> Self {
        self.time_zone = Some(value.into());
        self
    }
}

impl From<DateRangeQuery> for RangeQuery {
    fn from(query: DateRangeQuery) -> Self {
        RangeQuery::Date(query)
    }
}

field_query! {
    /// A range of numbers (`NumberRangeQuery`).
    pub struct NumberRangeQuery {
        /// Greater than.
        opt gt: f64 = "gt",
        /// Greater than or equal.
        opt gte: f64 = "gte",
        /// Less than.
        opt lt: f64 = "lt",
        /// Less than or equal.
        opt lte: f64 = "lte",
        /// Lower bound (old syntax).
        opt from: f64 = "from",
        /// Upper bound (old syntax).
        opt to: f64 = "to",
        /// How range fields match.
        opt relation: RangeRelation = "relation",
        /// Relevance weight.
        opt boost: f32 = "boost",
        /// A name reported in `matched_queries` (`_name`).
        opt query_name: String = "_name",
    }
}

query_common!(NumberRangeQuery, q => QueryContainer::Range(RangeQuery::Number(q)));

impl NumberRangeQuery {
    /// Sets `gt`.
    pub fn gt(mut self, value: f64) -> Self {
        self.gt = Some(value);
        self
    }
    /// Sets `gte`.
    pub fn gte(mut self, value: f64) -> Self {
        self.gte = Some(value);
        self
    }
    /// Sets `lt`.
    pub fn lt(mut self, value: f64) -> Self {
        self.lt = Some(value);
        self
    }
    /// Sets `lte`.
    pub fn lte(mut self, value: f64) -> Self {
        self.lte = Some(value);
        self
    }
}

impl From<NumberRangeQuery> for RangeQuery {
    fn from(query: NumberRangeQuery) -> Self {
        RangeQuery::Number(query)
    }
}

open_enum! {
    /// One flag of `simple_query_string`'s `flags`.
    pub enum SimpleQueryStringFlag {
        /// No operator.
        None = "NONE",
        /// `+`
        And = "AND",
        /// `-`
        Not = "NOT",
        /// `|`
        Or = "OR",
        /// `*` at the end of a term.
        Prefix = "PREFIX",
        /// `"` for phrases.
        Phrase = "PHRASE",
        /// `(` and `)`.
        Precedence = "PRECEDENCE",
        /// `\` escapes.
        Escape = "ESCAPE",
        /// Whitespace as a separator.
        Whitespace = "WHITESPACE",
        /// `~N` after a word.
        Fuzzy = "FUZZY",
        /// `~N` after a phrase.
        Near = "NEAR",
        /// Same as `NEAR`.
        Slop = "SLOP",
        /// Every operator.
        All = "ALL",
    }
}

/// `flags` of `simple_query_string`: flags joined by `|` on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleQueryStringFlags(pub Vec<SimpleQueryStringFlag>);

impl Serialize for SimpleQueryStringFlags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let joined: Vec<&str> = self.0.iter().map(SimpleQueryStringFlag::as_str).collect();
        serializer.serialize_str(&joined.join("|"))
    }
}

impl<F: Into<SimpleQueryStringFlag>> FromIterator<F> for SimpleQueryStringFlags {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        SimpleQueryStringFlags(iter.into_iter().map(Into::into).collect())
    }
}

/// `simple_query_string`: a query string in the simple syntax.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SimpleQueryStringQuery {
    /// The query string.
    pub query: String,
    /// The fields to search (e.g. `name`, `metadata.*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
    /// The operator between terms without an explicit one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_operator: Option<Operator>,
    /// The analyzer of the query text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyzer: Option<String>,
    /// Whether to analyze wildcard terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyze_wildcard: Option<bool>,
    /// Whether to create phrase queries for multi-term synonyms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_generate_synonyms_phrase_query: Option<bool>,
    /// The operators enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<SimpleQueryStringFlags>,
    /// Maximum number of terms fuzziness expands to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuzzy_max_expansions: Option<i32>,
    /// Leading characters left unchanged by fuzziness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuzzy_prefix_length: Option<i32>,
    /// Whether transpositions count as one edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuzzy_transpositions: Option<bool>,
    /// Ignore format errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lenient: Option<bool>,
    /// How many clauses must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_should_match: Option<MinimumShouldMatch>,
    /// Suffix for quoted text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_field_suffix: Option<String>,
    /// Relevance weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boost: Option<f32>,
    /// A name reported in `matched_queries`.
    #[serde(rename = "_name", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
}

impl SimpleQueryStringQuery {
    /// A simple query string.
    pub fn new(query: impl Into<String>) -> Self {
        SimpleQueryStringQuery {
            query: query.into(),
            ..Default::default()
        }
    }

    /// Sets the fields to search.
    pub fn fields<I>(mut self, fields: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.fields = Some(fields.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `default_operator`.
    pub fn default_operator(mut self, operator: impl Into<Operator>) -> Self {
        self.default_operator = Some(operator.into());
        self
    }
}

query_common!(SimpleQueryStringQuery, q => QueryContainer::SimpleQueryString(q));
