//! Server versions: what each endpoint and parameter needs, what the requests are built for, and
//! the one place where the two are compared.
//!
//! Every `endpoint!` declaration carries its [`Availability`]: the first Elasticsearch version
//! that has the endpoint (the specification's `@availability stack since=`), its stability, and
//! the parameters and body fields that came later than the endpoint itself. A [`ServerTarget`]
//! says what requests are built for: the `compatible-with` major version of the media types, and
//! the server's version when it is known. [`ServerTarget::check`] refuses, before anything is
//! sent, a call the known server cannot answer; [`ServerTarget::explain_refusal`] turns the
//! refusal of a server whose version is not known (an unknown route, an unrecognized parameter or
//! body field) into the same typed error.
//!
//! ```
//! use security_core::users::GetUser;
//! use security_core::{BaseUrl, Endpoint, Error, ServerTarget, Version};
//!
//! let base = BaseUrl::parse("http://localhost:9200").unwrap();
//! let on_8_4 = ServerTarget::stack().with_version(Version::new(8, 4, 3));
//! let request = GetUser::new().username("jacknich").with_profile_uid(true);
//! match request.to_http_request_for(&base, None, &on_8_4) {
//!     Err(Error::NeedsNewerServer(e)) => {
//!         assert_eq!(e.parameter, Some("with_profile_uid"));
//!         assert_eq!(e.since, Version::new(8, 5, 0));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! // Without the parameter, the request is built for that server.
//! assert!(GetUser::new().to_http_request_for(&base, None, &on_8_4).is_ok());
//! ```

use crate::endpoint::{EndpointSpec, RequestParts};
use crate::error::{ApiError, Error};
use http::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use std::fmt;

/// An Elasticsearch version, `major.minor.patch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major version.
    pub major: u16,
    /// The minor version.
    pub minor: u16,
    /// The patch version.
    pub patch: u16,
}

impl Version {
    /// The oldest server version this client talks to: requests carry
    /// `compatible-with=8`, which older servers do not know.
    pub const OLDEST_SUPPORTED: Version = Version::new(8, 0, 0);

    /// `major.minor.patch`.
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses a version the way the specification writes it (`"8.15.0"`), at compile time: an
    /// `endpoint!` declaration with a malformed version does not build.
    #[doc(hidden)]
    pub const fn from_spec(text: &str) -> Self {
        match Self::parse_bytes(text.as_bytes()) {
            Some(v) => v,
            None => panic!("a version is written major.minor.patch, e.g. \"8.15.0\""),
        }
    }

    /// Parses a server version: `"9.5.0"`, `"8.14"` (patch 0), or a build with a suffix such as
    /// `"9.5.0-SNAPSHOT"` (the suffix is ignored), as `GET /` reports in `version.number`.
    pub fn parse(text: &str) -> Result<Self, InvalidVersion> {
        let core = text.split_once('-').map_or(text, |(v, _)| v);
        Self::parse_bytes(core.as_bytes()).ok_or_else(|| InvalidVersion(text.to_owned()))
    }

    const fn parse_bytes(bytes: &[u8]) -> Option<Self> {
        let mut parts = [0u16; 3];
        let mut part = 0;
        let mut digits = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'.' {
                if digits == 0 || part == 2 {
                    return None;
                }
                part += 1;
                digits = 0;
            } else if b.is_ascii_digit() {
                let next = match parts[part].checked_mul(10) {
                    Some(v) => v.checked_add((b - b'0') as u16),
                    None => None,
                };
                match next {
                    Some(v) => parts[part] = v,
                    None => return None,
                }
                digits += 1;
            } else {
                return None;
            }
            i += 1;
        }
        if digits == 0 || part == 0 {
            return None;
        }
        Some(Version::new(parts[0], parts[1], parts[2]))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl std::str::FromStr for Version {
    type Err = InvalidVersion;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse(s)
    }
}

/// A text that is not a version (`major.minor[.patch][-suffix]`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an Elasticsearch version (major.minor.patch)")]
pub struct InvalidVersion(String);

/// How settled an endpoint is, as the specification says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stability {
    /// Stable.
    Stable,
    /// Beta: may still change.
    Beta,
    /// Experimental: may change or be removed in any release.
    Experimental,
}

/// A parameter or body field that a server version later than its endpoint's added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSince {
    /// A query parameter (`include_implicit`) or a body field, a path of object keys for a nested
    /// one (`global.data_source`; `*` is any key of a map, arrays are looked through).
    pub name: &'static str,
    /// The first server version that has it.
    pub since: Version,
}

/// Whether an endpoint exists on Elastic Cloud Serverless projects, as the specification's
/// `@availability serverless … visibility=` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Serverless {
    /// Not on serverless projects (the specification has no serverless availability).
    NotAvailable,
    /// Public: for everyone's use.
    Public,
    /// Private: exists, but is for Elastic's own use (Kibana, Fleet, …). A serverless target sends
    /// it only after an explicit opt-in (`elastic_internal`), as Elastic-internal.
    Private,
}

/// What servers have an endpoint: the availability record of a declaration.
///
/// The stack (self-managed and hosted clusters: versions) and Elastic Cloud Serverless
/// (visibility, and the parameters serverless projects do not take).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Availability {
    /// The first server version that has the endpoint; `None`: every supported version.
    pub since: Option<Version>,
    /// The specification's stability (the same on the stack and on serverless for every
    /// security endpoint of the 9.5 specification).
    pub stability: Stability,
    /// Parameters and body fields newer than the endpoint.
    pub params: &'static [ParamSince],
    /// Whether serverless projects have the endpoint.
    pub serverless: Serverless,
    /// Query parameters and body fields (paths as in [`ParamSince::name`]) that only the stack
    /// takes: the specification marks them `@availability stack` without `@availability serverless`.
    pub stack_only: &'static [&'static str],
}

impl Availability {
    /// Available in every supported version and on serverless, stable, no newer parameters (what
    /// a raw request is checked against: nothing).
    pub const ALWAYS: Availability = Availability {
        since: None,
        stability: Stability::Stable,
        params: &[],
        serverless: Serverless::Public,
        stack_only: &[],
    };

    #[doc(hidden)]
    pub const fn new(
        since: Option<Version>,
        stability: Stability,
        params: &'static [ParamSince],
    ) -> Self {
        Availability {
            since,
            stability,
            params,
            serverless: Serverless::NotAvailable,
            stack_only: &[],
        }
    }

    #[doc(hidden)]
    pub const fn on_serverless(
        mut self,
        serverless: Serverless,
        stack_only: &'static [&'static str],
    ) -> Self {
        self.serverless = serverless;
        self.stack_only = stack_only;
        self
    }

    /// The first server version that has the parameter or body field `name`: its own when it is
    /// newer than the endpoint, else the endpoint's.
    pub fn since_of(&self, name: &str) -> Option<Version> {
        self.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.since)
            .or(self.since)
    }
}

/// The server a call needs is newer than the one it was (or would be) sent to.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct NeedsNewerServer {
    /// The endpoint, e.g. `security.query_role`.
    pub endpoint: &'static str,
    /// The parameter or body field that needs the newer server; `None`: the endpoint itself.
    pub parameter: Option<&'static str>,
    /// The first server version that has it.
    pub since: Version,
    /// The server's version, when the client knew it: the call was refused before sending.
    pub server: Option<Version>,
    /// The server's refusal, when the version was not known and the call was sent.
    pub refusal: Option<Box<ApiError>>,
}

impl fmt::Display for NeedsNewerServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parameter {
            Some(p) => write!(f, "`{p}` of {}", self.endpoint)?,
            None => f.write_str(self.endpoint)?,
        }
        write!(f, " needs Elasticsearch {} or newer", self.since)?;
        match (&self.server, &self.refusal) {
            (Some(server), _) => write!(f, "; the cluster runs {server} (nothing was sent)"),
            (None, Some(refusal)) => {
                write!(f, "; the server refused it: {}", refusal.status)?;
                if let Some(reason) = &refusal.reason {
                    write!(f, " {reason}")?;
                }
                Ok(())
            }
            (None, None) => Ok(()),
        }
    }
}

/// A call a serverless project does not take: the endpoint or a parameter does not exist there,
/// or the endpoint is private to Elastic and the call did not opt in. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotOnServerless {
    /// The endpoint, e.g. `security.put_user`.
    pub endpoint: &'static str,
    /// The parameter or body field serverless projects do not take; `None`: the endpoint itself.
    pub parameter: Option<&'static str>,
    /// The endpoint exists but is private to Elastic (the call did not opt in).
    pub private: bool,
}

impl fmt::Display for NotOnServerless {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parameter {
            Some(p) => write!(f, "`{p}` of {}", self.endpoint)?,
            None => f.write_str(self.endpoint)?,
        }
        if self.private {
            write!(
                f,
                " is private to Elastic on serverless (Elastic-internal); opt in with \
                 `elastic_internal(true)` on the request or the client to send it \
                 (nothing was sent)"
            )
        } else {
            write!(
                f,
                " is not available on serverless (Elastic Cloud Serverless) (nothing was sent)"
            )
        }
    }
}

/// The `Elastic-Api-Version` a serverless target sends, as the official 9.x clients do.
pub const SERVERLESS_API_VERSION: &str = "2023-10-31";

/// What requests are built for: the media type's `compatible-with` major version, and the
/// server's version when it is known.
///
/// The default, [`ServerTarget::stack`], sends `compatible-with=8` (8.x and 9.x servers both
/// accept it) and checks nothing. With a known version ([`with_version`](Self::with_version)),
/// calls that need a newer server are refused before sending.
///
/// [`ServerTarget::serverless`] is an Elastic Cloud Serverless project: plain `application/json`
/// and `Elastic-Api-Version: 2023-10-31`, as the official 9.x clients send them; calls the
/// project does not have are refused before sending, and private ones unless the call or the
/// target opts in ([`elastic_internal`](Self::elastic_internal)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerTarget {
    compatible_with: u16,
    version: Option<Version>,
    serverless: bool,
    elastic_internal: bool,
}

impl Default for ServerTarget {
    fn default() -> Self {
        ServerTarget::stack()
    }
}

const MEDIA_TYPE_8: &str = "application/vnd.elasticsearch+json; compatible-with=8";
const MEDIA_TYPE_9: &str = "application/vnd.elasticsearch+json; compatible-with=9";

impl ServerTarget {
    /// An Elasticsearch cluster of unknown version, sent `compatible-with=8`.
    pub const fn stack() -> Self {
        ServerTarget {
            compatible_with: 8,
            version: None,
            serverless: false,
            elastic_internal: false,
        }
    }

    /// An Elastic Cloud Serverless project: `Accept` and `Content-Type` plain `application/json`,
    /// `Elastic-Api-Version: 2023-10-31`; endpoints and parameters serverless projects do not
    /// have are refused before sending, private endpoints unless opted in. A serverless project
    /// has no version to compare: none is set.
    pub const fn serverless() -> Self {
        ServerTarget {
            compatible_with: 8,
            version: None,
            serverless: true,
            elastic_internal: false,
        }
    }

    /// Whether this is a serverless project.
    pub const fn is_serverless(&self) -> bool {
        self.serverless
    }

    /// **Elastic-internal.** On a serverless target, also sends the endpoints the specification
    /// marks private to Elastic (for Elastic's own products; their behaviour may change without
    /// notice). Without it they are refused before sending. No effect on a stack target.
    pub const fn elastic_internal(mut self, allow: bool) -> Self {
        self.elastic_internal = allow;
        self
    }

    /// Whether private serverless endpoints are sent.
    pub const fn allows_elastic_internal(&self) -> bool {
        self.elastic_internal
    }

    /// Sends `compatible-with=major` in `Accept` and `Content-Type`: `8` (the default) works with
    /// 8.x and 9.x servers, `9` with 9.x (and 10.x) servers only; 8.x servers refuse it.
    pub const fn compatible_with(mut self, major: u16) -> Self {
        self.compatible_with = major;
        self
    }

    /// The server's version is known: calls it cannot answer are refused before sending.
    pub const fn with_version(mut self, version: Version) -> Self {
        self.version = Some(version);
        self
    }

    /// Sets or forgets the server's version.
    pub const fn with_version_opt(mut self, version: Option<Version>) -> Self {
        self.version = version;
        self
    }

    /// The `compatible-with` major version.
    pub const fn compatibility(&self) -> u16 {
        self.compatible_with
    }

    /// The server's version, when known.
    pub const fn version(&self) -> Option<Version> {
        self.version
    }

    /// The media type of `Accept` and of `Content-Type` (with a body): plain `application/json`
    /// on serverless, else the versioned type of the `compatible-with` major.
    pub fn media_type(&self) -> HeaderValue {
        if self.serverless {
            return HeaderValue::from_static("application/json");
        }
        match self.compatible_with {
            8 => HeaderValue::from_static(MEDIA_TYPE_8),
            9 => HeaderValue::from_static(MEDIA_TYPE_9),
            n => HeaderValue::try_from(format!(
                "application/vnd.elasticsearch+json; compatible-with={n}"
            ))
            .unwrap_or_else(|_| unreachable!("digits are a valid header value")),
        }
    }

    /// Adds the headers that depend on the target: `Accept`, `Content-Type` when a body is sent,
    /// and `Elastic-Api-Version` on serverless.
    pub(crate) fn content_headers(&self, headers: &mut http::HeaderMap, has_body: bool) {
        let media_type = self.media_type();
        if has_body {
            headers.insert(CONTENT_TYPE, media_type.clone());
        }
        headers.insert(ACCEPT, media_type);
        if self.serverless {
            headers.insert(
                http::HeaderName::from_static("elastic-api-version"),
                HeaderValue::from_static(SERVERLESS_API_VERSION),
            );
        }
    }

    /// Refuses, before sending, a call the known server is too old for: the endpoint, or a
    /// parameter or body field that is set. Checks nothing when the version is not known.
    ///
    /// On serverless, refuses what the project does not have: the endpoint, a stack-only
    /// parameter or body field that is set, or a private endpoint without the opt-in.
    pub fn check(&self, spec: &EndpointSpec, parts: &RequestParts) -> Result<(), Error> {
        if self.serverless {
            return self.check_serverless(spec, parts);
        }
        let Some(server) = self.version else {
            return Ok(());
        };
        let availability = &spec.availability;
        let too_old = |since: Version, parameter: Option<&'static str>| {
            Error::NeedsNewerServer(Box::new(NeedsNewerServer {
                endpoint: spec.name,
                parameter,
                since,
                server: Some(server),
                refusal: None,
            }))
        };
        if let Some(since) = availability.since.filter(|since| *since > server) {
            return Err(too_old(since, None));
        }
        let mut body: Option<Option<serde_json::Value>> = None;
        for param in availability.params.iter().filter(|p| p.since > server) {
            let in_query = !param.name.contains('.') && query_has(&parts.query, param.name);
            let mut in_body = || {
                let body = body.get_or_insert_with(|| {
                    parts
                        .body
                        .as_deref()
                        .and_then(|b| serde_json::from_slice(b).ok())
                });
                body.as_ref()
                    .is_some_and(|b| body_has(b, param.name.split('.')))
            };
            if in_query || in_body() {
                return Err(too_old(param.since, Some(param.name)));
            }
        }
        Ok(())
    }

    fn check_serverless(&self, spec: &EndpointSpec, parts: &RequestParts) -> Result<(), Error> {
        let availability = &spec.availability;
        let refuse = |parameter: Option<&'static str>, private: bool| {
            Error::NotOnServerless(Box::new(NotOnServerless {
                endpoint: spec.name,
                parameter,
                private,
            }))
        };
        match availability.serverless {
            Serverless::NotAvailable => return Err(refuse(None, false)),
            Serverless::Private if !self.elastic_internal => return Err(refuse(None, true)),
            Serverless::Private | Serverless::Public => {}
        }
        if availability.stack_only.is_empty() {
            return Ok(());
        }
        let body: Option<serde_json::Value> = parts
            .body
            .as_deref()
            .and_then(|b| serde_json::from_slice(b).ok());
        for name in availability.stack_only {
            let in_query = !name.contains('.') && query_has(&parts.query, name);
            let in_body = body.as_ref().is_some_and(|b| body_has(b, name.split('.')));
            if in_query || in_body {
                return Err(refuse(Some(name), false));
            }
        }
        Ok(())
    }

    /// When the server's version is not known, turns its refusal of an endpoint or parameter
    /// newer than the oldest supported server into [`Error::NeedsNewerServer`]: an unknown route
    /// (`no handler found for uri […]`, `Incorrect HTTP method for uri […]`), an unrecognized
    /// query parameter or an unknown body field that the declaration marks as newer. Any other
    /// error, and every error when the version is known, is returned as it is.
    pub fn explain_refusal(&self, spec: &EndpointSpec, error: Error) -> Error {
        if self.version.is_some() {
            return error;
        }
        let Error::Api(api) = error else {
            return error;
        };
        match refused(spec, &api) {
            Some((parameter, since)) => Error::NeedsNewerServer(Box::new(NeedsNewerServer {
                endpoint: spec.name,
                parameter,
                since,
                server: None,
                refusal: Some(api),
            })),
            None => Error::Api(api),
        }
    }
}

/// What a refusal says is missing on the server, if it is something the declaration marks as
/// newer than the oldest supported server.
fn refused(spec: &EndpointSpec, api: &ApiError) -> Option<(Option<&'static str>, Version)> {
    if !(400..=405).contains(&api.status) {
        return None;
    }
    let availability = &spec.availability;
    let newer = |since: &Version| *since > Version::OLDEST_SUPPORTED;
    let reasons = std::iter::once(api.reason.as_deref())
        .chain(api.root_cause.iter().map(|c| c.reason.as_deref()))
        .chain(std::iter::once(
            api.caused_by.as_ref().and_then(|c| c.reason.as_deref()),
        ))
        .flatten();
    for reason in reasons {
        if reason.starts_with("no handler found for uri [")
            || reason.starts_with("Incorrect HTTP method for uri [")
        {
            return availability.since.filter(newer).map(|s| (None, s));
        }
        let mut names = unrecognized_params(reason);
        names.extend(unknown_field(reason));
        for param in availability.params.iter().filter(|p| newer(&p.since)) {
            let leaf = param.name.rsplit('.').next().unwrap_or(param.name);
            if names.contains(&leaf) {
                return Some((Some(param.name), param.since));
            }
        }
    }
    None
}

/// The names in `request [/p] contains unrecognized parameter(s): [a] -> did you mean [b]?, [c]`.
fn unrecognized_params(reason: &str) -> Vec<&str> {
    let Some((_, list)) = reason.split_once("contains unrecognized parameter") else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut rest = list;
    while let Some(start) = rest.find('[') {
        let after = &rest[start + 1..];
        let Some(end) = after.find(']') else {
            break;
        };
        names.push(&after[..end]);
        rest = &after[end + 1..];
        if let Some(suggestion) = rest.strip_prefix(" -> did you mean ") {
            rest = suggestion.split_once('?').map_or("", |(_, r)| r);
        }
    }
    names
}

/// The field of `… unknown field [x]` (object parsers) or `… unexpected field [x]` (role
/// descriptors).
fn unknown_field(reason: &str) -> Option<&str> {
    ["unknown field [", "unexpected field ["]
        .iter()
        .find_map(|marker| {
            let (_, rest) = reason.split_once(marker)?;
            rest.split_once(']').map(|(name, _)| name)
        })
}

/// Whether the query string (`?a=1&b=2`) sets `name`.
fn query_has(query: &str, name: &str) -> bool {
    query
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair.split_once('=').map_or(pair, |(k, _)| k) == name)
}

/// Whether the JSON body holds a non-null value at the path (`*`: any key; arrays are looked
/// through).
fn body_has<'a>(
    value: &serde_json::Value,
    mut path: impl Iterator<Item = &'a str> + Clone,
) -> bool {
    use serde_json::Value;
    match value {
        Value::Array(items) => items.iter().any(|v| body_has(v, path.clone())),
        Value::Object(map) => match path.next() {
            None => true,
            Some("*") => map.values().any(|v| body_has(v, path.clone())),
            Some(key) => map.get(key).is_some_and(|v| {
                let mut rest = path.clone();
                if rest.next().is_none() {
                    !v.is_null()
                } else {
                    body_has(v, path.clone())
                }
            }),
        },
        Value::Null => false,
        _ => path.next().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_parse_as_servers_report_them() {
        assert_eq!(Version::parse("9.5.0"), Ok(Version::new(9, 5, 0)));
        assert_eq!(Version::parse("8.14"), Ok(Version::new(8, 14, 0)));
        assert_eq!(Version::parse("9.5.0-SNAPSHOT"), Ok(Version::new(9, 5, 0)));
        for bad in ["", "9", "9.", ".5", "9.5.0.1", "v9.5", "9..5", "99999999.0"] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert!(Version::new(8, 15, 0) > Version::new(8, 14, 3));
        assert!(Version::new(9, 0, 0) > Version::new(8, 19, 9));
        assert_eq!(Version::from_spec("8.10.0").to_string(), "8.10.0");
    }

    #[test]
    fn body_paths_are_found_where_they_are_set() {
        let body = json!({
            "description": "d",
            "global": [{"application": {}}, {"data_source": []}],
            "role_descriptors": {"a": {"remote_cluster": null}, "b": {"remote_cluster": []}},
            "empty": null
        });
        let has = |p: &str| body_has(&body, p.split('.'));
        assert!(has("description"));
        assert!(has("global.data_source"));
        assert!(has("role_descriptors.*.remote_cluster"));
        assert!(!has("empty"));
        assert!(!has("role_descriptors.*.description"));
        assert!(!has("global.application.manage"));
        assert!(!has("missing"));
    }

    #[test]
    fn query_keys_are_matched_whole() {
        assert!(query_has("?active_only=true&x=1", "active_only"));
        assert!(query_has("?x=1&active_only", "active_only"));
        assert!(!query_has("?not_active_only=true", "active_only"));
        assert!(!query_has("", "active_only"));
    }

    #[test]
    fn media_types_follow_the_compatibility() {
        assert_eq!(ServerTarget::stack().media_type(), MEDIA_TYPE_8);
        assert_eq!(
            ServerTarget::stack().compatible_with(9).media_type(),
            MEDIA_TYPE_9
        );
        assert_eq!(
            ServerTarget::stack().compatible_with(10).media_type(),
            "application/vnd.elasticsearch+json; compatible-with=10"
        );
    }
}
