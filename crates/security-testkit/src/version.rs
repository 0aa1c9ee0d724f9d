//! Which Elasticsearch version the test server pretends to be.

use std::fmt;
use std::str::FromStr;

/// A `major.minor` version, as the routes and parameters record when they appeared.
pub(crate) type Since = (u8, u8);

/// Available in every version this server can pretend to be.
pub(crate) const ALWAYS: Since = (0, 0);

/// The Elasticsearch version a [`TestServer`](crate::TestServer) pretends to be: its `GET /`
/// answer, which routes exist, which query parameters and role-descriptor fields it accepts.
///
/// A route or parameter newer than the version answers as that server would: an unknown path
/// gives `400 no handler found for uri [...] and method [...]`, a known path with a newer
/// method `405 Incorrect HTTP method ...`, a newer query parameter `400
/// illegal_argument_exception` "request [...] contains unrecognized parameter: [...]", a
/// newer role-descriptor field `400 parse_exception` "... unexpected field [...]".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EsVersion {
    /// Elasticsearch 8.14 (`GET /` says `8.14.3`): the default.
    #[default]
    V8_14,
    /// Elasticsearch 9.5 (`GET /` says `9.5.0`): the 8.15–9.5 endpoints and fields too.
    V9_5,
}

impl EsVersion {
    /// `major.minor`.
    pub(crate) const fn minor(self) -> Since {
        match self {
            EsVersion::V8_14 => (8, 14),
            EsVersion::V9_5 => (9, 5),
        }
    }

    /// Whether something that appeared in `since` exists in this version.
    pub(crate) fn has(self, since: Since) -> bool {
        since <= self.minor()
    }

    /// The full version number `GET /` reports, e.g. `8.14.3`.
    pub fn number(self) -> &'static str {
        match self {
            EsVersion::V8_14 => "8.14.3",
            EsVersion::V9_5 => "9.5.0",
        }
    }
}

impl fmt::Display for EsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (major, minor) = self.minor();
        write!(f, "{major}.{minor}")
    }
}

/// The error of [`EsVersion::from_str`]: a version this server cannot pretend to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVersion(String);

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unsupported Elasticsearch version [{}]: the test server can be 8.14 or 9.5",
            self.0
        )
    }
}

impl std::error::Error for UnknownVersion {}

impl FromStr for EsVersion {
    type Err = UnknownVersion;

    /// `8.14`, `8.14.x`, `9.5` or `9.5.x`.
    fn from_str(s: &str) -> Result<EsVersion, UnknownVersion> {
        let mut parts = s.trim().split('.');
        let major = parts.next();
        let minor = parts.next();
        let patch_ok = parts.next().is_none_or(|p| p.parse::<u32>().is_ok());
        let tail_ok = parts.next().is_none();
        match (major, minor) {
            (Some("8"), Some("14")) if patch_ok && tail_ok => Ok(EsVersion::V8_14),
            (Some("9"), Some("5")) if patch_ok && tail_ok => Ok(EsVersion::V9_5),
            _ => Err(UnknownVersion(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares() {
        assert_eq!("8.14".parse(), Ok(EsVersion::V8_14));
        assert_eq!("9.5.0".parse(), Ok(EsVersion::V9_5));
        assert!("9.4".parse::<EsVersion>().is_err());
        assert!("9.5.x".parse::<EsVersion>().is_err());
        assert!("9.5.0.1".parse::<EsVersion>().is_err());
        assert!(EsVersion::V8_14.has((8, 14)));
        assert!(!EsVersion::V8_14.has((8, 15)));
        assert!(EsVersion::V9_5.has((9, 2)));
        assert!(EsVersion::V9_5.has(ALWAYS));
        assert_eq!(EsVersion::V9_5.to_string(), "9.5");
    }
}
