//! Types of the `info` group: the cluster's own description (`GET /`), where its version is.

use serde::Deserialize;

/// Answer of `info` (`GET /`): the node that answered, its cluster and its version.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InfoResponse {
    /// The name of the node that answered.
    pub name: String,
    /// The cluster name.
    pub cluster_name: String,
    /// The cluster's unique id (`_na_` before the cluster has formed).
    pub cluster_uuid: String,
    /// The version and build of the node.
    pub version: ElasticsearchVersionInfo,
    /// `You Know, for Search`.
    pub tagline: String,
}

/// The version and build of a node (`ElasticsearchVersionInfo` in the spec).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ElasticsearchVersionInfo {
    /// The version, e.g. `9.5.0` (a snapshot build adds `-SNAPSHOT`).
    pub number: String,
    /// `default`, or `serverless` on Elastic Cloud Serverless.
    pub build_flavor: String,
    /// How it was packaged: `tar`, `docker`, `deb`, `rpm`, …
    pub build_type: String,
    /// The commit of the build.
    pub build_hash: String,
    /// When it was built (ISO 8601).
    pub build_date: String,
    /// Whether it is a snapshot build.
    pub build_snapshot: bool,
    /// The Lucene version.
    pub lucene_version: String,
    /// The oldest version whose nodes it talks to.
    pub minimum_wire_compatibility_version: String,
    /// The oldest version whose indices it reads.
    pub minimum_index_compatibility_version: String,
}
