//! Types shared by several API groups: privileges, role descriptors, users, small status bodies,
//! and the sort of the query endpoints.

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[macro_use]
mod dsl;
pub mod query;

/// Arbitrary metadata that Elasticsearch stores with users, roles, keys, … (`Metadata` in the spec).
pub type Metadata = serde_json::Map<String, serde_json::Value>;

/// Declares an open string enum: known values as variants, anything else kept in `Other`.
///
/// Serializes to and deserializes from a plain JSON string, so a newer server's values never fail
/// to decode.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the client does not know.
            Other(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(other) => other.as_str(),
                }
            }
        }

        impl $name {
            /// The known variant of a wire value. One match for both `From` impls: a long
            /// list of values is compiled once (it counts in a browser bundle).
            fn known(value: &str) -> ::core::option::Option<Self> {
                match value {
                    $( $value => ::core::option::Option::Some($name::$variant), )*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                $name::known(value).unwrap_or_else(|| $name::Other(value.to_owned()))
            }
        }

        impl ::core::convert::From<String> for $name {
            fn from(value: String) -> Self {
                match $name::known(&value) {
                    ::core::option::Option::Some(known) => known,
                    ::core::option::Option::None => $name::Other(value),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a string (", stringify!($name), ")"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

/// One value or a list of values (`T | T[]` in the spec). Serialized back as it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// A list of values.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice, whichever form they came in.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }

    /// The values as a vector.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> From<OneOrMany<T>> for Vec<T> {
    fn from(values: OneOrMany<T>) -> Self {
        values.into_vec()
    }
}

impl<T> FromIterator<T> for OneOrMany<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        OneOrMany::Many(iter.into_iter().collect())
    }
}

/// One name or a list of names (`Names` in the spec: `Name | Name[]`).
///
/// Path and query parameters join the names with `,`; in a body a single name is sent as a
/// string and a list as an array. Converts from `&str`, `String`, arrays, slices and vectors
/// of strings, so `.name("a")` and `.name(["a", "b"])` both work.
pub type Names = OneOrMany<String>;

impl OneOrMany<String> {
    /// Whether there is no name, or an empty one.
    pub fn has_empty(&self) -> bool {
        let names = self.as_slice();
        names.is_empty() || names.iter().any(String::is_empty)
    }
}

impl From<&str> for OneOrMany<String> {
    fn from(value: &str) -> Self {
        OneOrMany::One(value.to_owned())
    }
}

impl From<String> for OneOrMany<String> {
    fn from(value: String) -> Self {
        OneOrMany::One(value)
    }
}

impl From<&String> for OneOrMany<String> {
    fn from(value: &String) -> Self {
        OneOrMany::One(value.clone())
    }
}

impl<S: Into<String>> From<Vec<S>> for OneOrMany<String> {
    fn from(values: Vec<S>) -> Self {
        OneOrMany::Many(values.into_iter().map(Into::into).collect())
    }
}

impl<S: Into<String>, const N: usize> From<[S; N]> for OneOrMany<String> {
    fn from(values: [S; N]) -> Self {
        OneOrMany::Many(values.into_iter().map(Into::into).collect())
    }
}

impl<S: Into<String> + Clone> From<&[S]> for OneOrMany<String> {
    fn from(values: &[S]) -> Self {
        OneOrMany::Many(values.iter().cloned().map(Into::into).collect())
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(one) => one.serialize(serializer),
            OneOrMany::Many(many) => many.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr<T> {
            Many(Vec<T>),
            One(T),
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Many(many) => OneOrMany::Many(many),
            Repr::One(one) => OneOrMany::One(one),
        })
    }
}

open_enum! {
    /// The `refresh` query parameter: whether and how to make a change visible to search.
    pub enum Refresh {
        /// Refresh the affected shards now.
        True = "true",
        /// Do not refresh (the default).
        False = "false",
        /// Wait for a refresh to make the change visible.
        WaitFor = "wait_for",
    }
}

impl From<bool> for Refresh {
    fn from(value: bool) -> Self {
        if value {
            Refresh::True
        } else {
            Refresh::False
        }
    }
}

open_enum! {
    /// A cluster privilege (`ClusterPrivilege` in the spec); unknown names are kept in `Other`.
    pub enum ClusterPrivilege {
        /// `all`
        All = "all",
        /// `cancel_task`
        CancelTask = "cancel_task",
        /// `create_snapshot`
        CreateSnapshot = "create_snapshot",
        /// `cross_cluster_replication`
        CrossClusterReplication = "cross_cluster_replication",
        /// `cross_cluster_search`
        CrossClusterSearch = "cross_cluster_search",
        /// `delegate_pki`
        DelegatePki = "delegate_pki",
        /// `grant_api_key`
        GrantApiKey = "grant_api_key",
        /// `manage`
        Manage = "manage",
        /// `manage_api_key`
        ManageApiKey = "manage_api_key",
        /// `manage_autoscaling`
        ManageAutoscaling = "manage_autoscaling",
        /// `manage_behavioral_analytics`
        ManageBehavioralAnalytics = "manage_behavioral_analytics",
        /// `manage_ccr`
        ManageCcr = "manage_ccr",
        /// `manage_data_frame_transforms`
        ManageDataFrameTransforms = "manage_data_frame_transforms",
        /// `manage_data_stream_global_retention`
        ManageDataStreamGlobalRetention = "manage_data_stream_global_retention",
        /// `manage_enrich`
        ManageEnrich = "manage_enrich",
        /// `manage_esql`
        ManageEsql = "manage_esql",
        /// `manage_ilm`
        ManageIlm = "manage_ilm",
        /// `manage_index_templates`
        ManageIndexTemplates = "manage_index_templates",
        /// `manage_inference`
        ManageInference = "manage_inference",
        /// `manage_ingest_pipelines`
        ManageIngestPipelines = "manage_ingest_pipelines",
        /// `manage_logstash_pipelines`
        ManageLogstashPipelines = "manage_logstash_pipelines",
        /// `manage_ml`
        ManageMl = "manage_ml",
        /// `manage_oidc`
        ManageOidc = "manage_oidc",
        /// `manage_own_api_key`
        ManageOwnApiKey = "manage_own_api_key",
        /// `manage_pipeline`
        ManagePipeline = "manage_pipeline",
        /// `manage_project_routing`
        ManageProjectRouting = "manage_project_routing",
        /// `manage_reindex`
        ManageReindex = "manage_reindex",
        /// `manage_rollup`
        ManageRollup = "manage_rollup",
        /// `manage_saml`
        ManageSaml = "manage_saml",
        /// `manage_search_application`
        ManageSearchApplication = "manage_search_application",
        /// `manage_search_query_rules`
        ManageSearchQueryRules = "manage_search_query_rules",
        /// `manage_search_synonyms`
        ManageSearchSynonyms = "manage_search_synonyms",
        /// `manage_security`
        ManageSecurity = "manage_security",
        /// `manage_service_account`
        ManageServiceAccount = "manage_service_account",
        /// `manage_slm`
        ManageSlm = "manage_slm",
        /// `manage_token`
        ManageToken = "manage_token",
        /// `manage_transform`
        ManageTransform = "manage_transform",
        /// `manage_user_profile`
        ManageUserProfile = "manage_user_profile",
        /// `manage_watcher`
        ManageWatcher = "manage_watcher",
        /// `monitor`
        Monitor = "monitor",
        /// `monitor_data_frame_transforms`
        MonitorDataFrameTransforms = "monitor_data_frame_transforms",
        /// `monitor_data_stream_global_retention`
        MonitorDataStreamGlobalRetention = "monitor_data_stream_global_retention",
        /// `monitor_enrich`
        MonitorEnrich = "monitor_enrich",
        /// `monitor_esql`
        MonitorEsql = "monitor_esql",
        /// `monitor_inference`
        MonitorInference = "monitor_inference",
        /// `monitor_ml`
        MonitorMl = "monitor_ml",
        /// `monitor_reindex`
        MonitorReindex = "monitor_reindex",
        /// `monitor_rollup`
        MonitorRollup = "monitor_rollup",
        /// `monitor_snapshot`
        MonitorSnapshot = "monitor_snapshot",
        /// `monitor_stats`
        MonitorStats = "monitor_stats",
        /// `monitor_text_structure`
        MonitorTextStructure = "monitor_text_structure",
        /// `monitor_transform`
        MonitorTransform = "monitor_transform",
        /// `monitor_watcher`
        MonitorWatcher = "monitor_watcher",
        /// `none`
        None = "none",
        /// `post_behavioral_analytics_event`
        PostBehavioralAnalyticsEvent = "post_behavioral_analytics_event",
        /// `read_ccr`
        ReadCcr = "read_ccr",
        /// `read_connector_secrets`
        ReadConnectorSecrets = "read_connector_secrets",
        /// `read_fleet_secrets`
        ReadFleetSecrets = "read_fleet_secrets",
        /// `read_ilm`
        ReadIlm = "read_ilm",
        /// `read_pipeline`
        ReadPipeline = "read_pipeline",
        /// `read_project_routing`
        ReadProjectRouting = "read_project_routing",
        /// `read_security`
        ReadSecurity = "read_security",
        /// `read_slm`
        ReadSlm = "read_slm",
        /// `transport_client`
        TransportClient = "transport_client",
        /// `write_connector_secrets`
        WriteConnectorSecrets = "write_connector_secrets",
        /// `write_fleet_secrets`
        WriteFleetSecrets = "write_fleet_secrets",
    }
}

open_enum! {
    /// An index privilege (`IndexPrivilege` in the spec); unknown names are kept in `Other`.
    pub enum IndexPrivilege {
        /// `all`
        All = "all",
        /// `auto_configure`
        AutoConfigure = "auto_configure",
        /// `create`
        Create = "create",
        /// `create_doc`
        CreateDoc = "create_doc",
        /// `create_index`
        CreateIndex = "create_index",
        /// `create_view`
        CreateView = "create_view",
        /// `cross_cluster_replication`
        CrossClusterReplication = "cross_cluster_replication",
        /// `cross_cluster_replication_internal`
        CrossClusterReplicationInternal = "cross_cluster_replication_internal",
        /// `delete`
        Delete = "delete",
        /// `delete_index`
        DeleteIndex = "delete_index",
        /// `delete_view`
        DeleteView = "delete_view",
        /// `index`
        Index = "index",
        /// `maintenance`
        Maintenance = "maintenance",
        /// `manage`
        Manage = "manage",
        /// `manage_data_stream_lifecycle`
        ManageDataStreamLifecycle = "manage_data_stream_lifecycle",
        /// `manage_follow_index`
        ManageFollowIndex = "manage_follow_index",
        /// `manage_ilm`
        ManageIlm = "manage_ilm",
        /// `manage_leader_index`
        ManageLeaderIndex = "manage_leader_index",
        /// `manage_view`
        ManageView = "manage_view",
        /// `monitor`
        Monitor = "monitor",
        /// `none`
        None = "none",
        /// `read`
        Read = "read",
        /// `read_cross_cluster`
        ReadCrossCluster = "read_cross_cluster",
        /// `read_view_metadata`
        ReadViewMetadata = "read_view_metadata",
        /// `view_index_metadata`
        ViewIndexMetadata = "view_index_metadata",
        /// `write`
        Write = "write",
    }
}

/// Application privileges granted on resources (`ApplicationPrivileges` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationPrivileges {
    /// The application this entry applies to.
    pub application: String,
    /// Names of application privileges or actions.
    #[serde(default)]
    pub privileges: Vec<String>,
    /// Resources the privileges apply to.
    #[serde(default)]
    pub resources: Vec<String>,
}

/// Field-level security: the fields granted and excepted (`FieldSecurity` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldSecurity {
    /// Fields granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<OneOrMany<String>>,
    /// Fields excepted from the grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub except: Option<OneOrMany<String>>,
}

/// A document-level-security query: a JSON string, a query object, or a role template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IndicesPrivilegesQuery {
    /// The query as a JSON string (how Elasticsearch returns it).
    Json(String),
    /// The query as a JSON object (a query DSL object or `{"template": …}`).
    Object(serde_json::Map<String, serde_json::Value>),
}

/// Privileges on indices (`IndicesPrivileges` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicesPrivileges {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Index privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<IndexPrivilege>,
    /// Field-level security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_security: Option<FieldSecurity>,
    /// Document-level security query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<IndicesPrivilegesQuery>,
    /// Whether patterns may cover restricted indices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_restricted_indices: Option<bool>,
}

impl IndicesPrivileges {
    /// Privileges on the given index names or patterns.
    pub fn new<N, P>(names: N, privileges: P) -> Self
    where
        N: IntoIterator,
        N::Item: Into<String>,
        P: IntoIterator,
        P::Item: Into<IndexPrivilege>,
    {
        IndicesPrivileges {
            names: OneOrMany::Many(names.into_iter().map(Into::into).collect()),
            privileges: privileges.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }
}

/// Privileges on indices of remote clusters (`RemoteIndicesPrivileges`; servers 8.14 and later).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RemoteIndicesPrivileges {
    /// Remote cluster aliases or patterns.
    #[serde(default)]
    pub clusters: OneOrMany<String>,
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Index privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<IndexPrivilege>,
    /// Field-level security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_security: Option<FieldSecurity>,
    /// Document-level security query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<IndicesPrivilegesQuery>,
    /// Whether patterns may cover restricted indices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_restricted_indices: Option<bool>,
}

impl RemoteIndicesPrivileges {
    /// Privileges on the given index names or patterns of the given remote clusters.
    pub fn new<C, N, P>(clusters: C, names: N, privileges: P) -> Self
    where
        C: IntoIterator,
        C::Item: Into<String>,
        N: IntoIterator,
        N::Item: Into<String>,
        P: IntoIterator,
        P::Item: Into<IndexPrivilege>,
    {
        RemoteIndicesPrivileges {
            clusters: OneOrMany::Many(clusters.into_iter().map(Into::into).collect()),
            names: OneOrMany::Many(names.into_iter().map(Into::into).collect()),
            privileges: privileges.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }
}

open_enum! {
    /// A cluster privilege that can be granted on remote clusters (`RemoteClusterPrivilege` in
    /// the spec); unknown names are kept in `Other`.
    pub enum RemoteClusterPrivilege {
        /// `monitor_enrich` (servers 8.14 and later).
        MonitorEnrich = "monitor_enrich",
        /// `monitor_stats` (servers 8.17 and later).
        MonitorStats = "monitor_stats",
    }
}

/// Cluster privileges on remote clusters (`RemoteClusterPrivileges`; servers 8.15 and later).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RemoteClusterPrivileges {
    /// Remote cluster aliases or patterns.
    pub clusters: OneOrMany<String>,
    /// The cluster privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<RemoteClusterPrivilege>,
}

impl RemoteClusterPrivileges {
    /// Privileges on the given remote clusters.
    pub fn new<C, P>(clusters: C, privileges: P) -> Self
    where
        C: IntoIterator,
        C::Item: Into<String>,
        P: IntoIterator,
        P::Item: Into<RemoteClusterPrivilege>,
    {
        RemoteClusterPrivileges {
            clusters: OneOrMany::Many(clusters.into_iter().map(Into::into).collect()),
            privileges: privileges.into_iter().map(Into::into).collect(),
        }
    }
}

/// `global` privileges: management of some applications' privileges, writing some
/// applications' user-profile data, or ES|QL data sources.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GlobalPrivilege {
    /// `application.manage`: the applications whose privileges may be managed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<ApplicationGlobalUserPrivileges>,
    /// `profile.write`: the applications whose user-profile data may be written (servers
    /// send it although the spec types do not list it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileGlobalPrivileges>,
    /// `data_source`: privileges on ES|QL data sources (servers 9.5 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<Vec<DataSourcePrivileges>>,
}

/// Part of [`GlobalPrivilege`]: `profile.write`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileGlobalPrivileges {
    /// The `write` privilege.
    pub write: ManageUserPrivileges,
}

/// Part of [`GlobalPrivilege`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationGlobalUserPrivileges {
    /// The `manage` privilege.
    pub manage: ManageUserPrivileges,
}

/// Part of [`GlobalPrivilege`]: the applications that may be managed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ManageUserPrivileges {
    /// Application names.
    #[serde(default)]
    pub applications: Vec<String>,
}

open_enum! {
    /// A privilege on ES|QL data sources (`DataSourcePrivilege`; servers 9.5 and later);
    /// unknown names are kept in `Other`.
    pub enum DataSourcePrivilege {
        /// `create`: create a data source with a matching name.
        Create = "create",
        /// `delete`: delete a data source with a matching name.
        Delete = "delete",
        /// `read_metadata`: read a data source's metadata.
        ReadMetadata = "read_metadata",
        /// `read`: attach a dataset to a data source with a matching name.
        Read = "read",
        /// `manage`: all data source privileges.
        Manage = "manage",
    }
}

/// Part of [`GlobalPrivilege`]: privileges on ES|QL data sources (`DataSourcePrivileges`;
/// servers 9.5 and later).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataSourcePrivileges {
    /// Data source names or wildcard patterns.
    #[serde(default)]
    pub names: Vec<String>,
    /// The privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<DataSourcePrivilege>,
}

open_enum! {
    /// A workflow an API-key role can be restricted to (`RestrictionWorkflow`); unknown names are
    /// kept in `Other`.
    pub enum RestrictionWorkflow {
        /// `search_application_query`: the search application query API.
        SearchApplicationQuery = "search_application_query",
    }
}

/// A workflow restriction on an API key's role descriptor (`Restriction`; servers 8.9 and
/// later). `put_role` does not accept it: only API-key role descriptors carry it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Restriction {
    /// Workflows the role is restricted to.
    #[serde(default)]
    pub workflows: Vec<RestrictionWorkflow>,
}

/// A role descriptor of an API key: cluster, index, application and run-as privileges
/// (`RoleDescriptor` in the spec).
///
/// Sent in the `role_descriptors` of create_api_key, grant_api_key and update_api_key, and
/// read in those of get_api_key and query_api_keys. Empty lists are not sent. Roles of the
/// native realm have their own read and write types: `roles::Role` (get_role) and
/// `roles::PutRoleBody` (put_role).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleDescriptor {
    /// Cluster privileges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cluster: Vec<ClusterPrivilege>,
    /// Index privileges.
    #[serde(default, alias = "index", skip_serializing_if = "Vec::is_empty")]
    pub indices: Vec<IndicesPrivileges>,
    /// Privileges on indices of remote clusters (servers 8.14 and later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_indices: Vec<RemoteIndicesPrivileges>,
    /// Cluster privileges on remote clusters (servers 8.15 and later).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_cluster: Vec<RemoteClusterPrivileges>,
    /// Global privileges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<OneOrMany<GlobalPrivilege>>,
    /// Application privileges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<ApplicationPrivileges>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Users this role may run as.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub run_as: Vec<String>,
    /// Transient metadata (e.g. `enabled: false` for a role disabled by a license).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transient_metadata: Option<Metadata>,
    /// A description of the role (servers 8.15 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A workflow restriction (API-key role descriptors; servers 8.9 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<Restriction>,
}

/// A user of the native realm (`User` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The username.
    pub username: String,
    /// Role names.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Full name, if set.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Email, if set.
    #[serde(default)]
    pub email: Option<String>,
    /// Arbitrary metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Whether the user is enabled.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The user's profile id, when asked for with `with_profile_uid`.
    #[serde(default)]
    pub profile_uid: Option<String>,
}

fn yes() -> bool {
    true
}

/// A realm name and type (`RealmInfo` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealmInfo {
    /// The realm name.
    pub name: String,
    /// The realm type (`native`, `file`, `saml`, …).
    #[serde(rename = "type")]
    pub realm_type: String,
}

/// `{"acknowledged": bool}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AcknowledgedResponse {
    /// Whether the request was acknowledged.
    pub acknowledged: bool,
}

/// `{"found": bool}`, the answer of delete endpoints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FoundStatus {
    /// Whether the object existed.
    pub found: bool,
}

/// `{"created": bool}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CreatedStatus {
    /// Whether the object was created (false: updated).
    pub created: bool,
}

/// An empty JSON object `{}` (e.g. the answer of change_password, enable_user).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct EmptyObject {}

/// Node statistics of cache-clearing and similar node-level answers (`_nodes`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NodeStatistics {
    /// Nodes asked.
    #[serde(default)]
    pub total: u32,
    /// Nodes that answered successfully.
    #[serde(default)]
    pub successful: u32,
    /// Nodes that failed.
    #[serde(default)]
    pub failed: u32,
    /// The failures, as Elasticsearch reports them.
    #[serde(default)]
    pub failures: Vec<serde_json::Value>,
}

/// The name of a node that answered (`ClusterNode` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ClusterNode {
    /// The node name.
    pub name: String,
}

/// The answer of the cache-clearing endpoints (`_nodes`, `cluster_name`, `nodes`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ClearCacheResponse {
    /// Node statistics.
    #[serde(rename = "_nodes")]
    pub node_stats: NodeStatistics,
    /// The cluster name.
    pub cluster_name: String,
    /// The nodes that cleared their cache, by node id.
    #[serde(default)]
    pub nodes: std::collections::BTreeMap<String, ClusterNode>,
}

/// A body field that can also be sent as an explicit JSON `null` (`T | null`), for fields where
/// "absent" and "null" mean different things to Elasticsearch.
///
/// Held in an `Option`: `None` leaves the field out (the server keeps or defaults the value),
/// `Some(Nullable::Null)` sends `null` (e.g. clears a cross-cluster key's
/// `certificate_identity`, or clones a key without expiration), `Some(Nullable::Value(v))` sends
/// `v`. A value converts into it with `From`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nullable<T> {
    /// An explicit `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, unless this is `null`.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(v) => Some(v),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_unit(),
            Nullable::Value(v) => v.serialize(serializer),
        }
    }
}

/// The errors of a bulk operation (`BulkError` in the spec): their number and, by item (role
/// name, API key id), what went wrong.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BulkError {
    /// The number of errors.
    pub count: u32,
    /// The error of each failed item, by role name or API key id.
    pub details: std::collections::BTreeMap<String, ErrorCause>,
}

/// The cause of an error (`ErrorCause` in the spec): in Elasticsearch's error answers, and in
/// the per-item errors of some answers (`error_details` of invalidate_api_key and
/// invalidate_token, `errors` of the profile APIs).
///
/// Decoded by hand (the same as `#[derive(Deserialize)]` with `#[serde(flatten)] other` and
/// `#[serde(default)]` on the rest): a derived `flatten` buffers the unknown fields through
/// serde's private `Content` type, whose code (and, through its error messages, the float
/// formatting of `core`) would take about 9 KB of every browser bundle (each error answer is
/// read with it).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorCause {
    /// The exception type, e.g. `security_exception`.
    pub error_type: String,
    /// The reason.
    pub reason: Option<String>,
    /// The cause of this cause.
    pub caused_by: Option<Box<ErrorCause>>,
    /// The root causes.
    pub root_cause: Vec<ErrorCause>,
    /// Suppressed errors.
    pub suppressed: Vec<ErrorCause>,
    /// The server's stack trace (with `error_trace`).
    pub stack_trace: Option<String>,
    /// Any other field Elasticsearch sent (`header`, `index`, `resource.id`, …).
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for ErrorCause {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CauseVisitor;
        impl<'de> Visitor<'de> for CauseVisitor {
            type Value = ErrorCause;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct ErrorCause")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorCause, A::Error> {
                // A known field given twice is refused (before its value is read), as a
                // derived decoder does.
                fn once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
                    map: &mut A,
                    slot: &mut Option<T>,
                    name: &'static str,
                ) -> Result<(), A::Error> {
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field(name));
                    }
                    *slot = Some(map.next_value()?);
                    Ok(())
                }
                let mut error_type = None;
                let mut reason = None;
                let mut caused_by = None;
                let mut root_cause = None;
                let mut suppressed = None;
                let mut stack_trace = None;
                let mut other = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "type" => once(&mut map, &mut error_type, "type")?,
                        "reason" => once(&mut map, &mut reason, "reason")?,
                        "caused_by" => once(&mut map, &mut caused_by, "caused_by")?,
                        "root_cause" => once(&mut map, &mut root_cause, "root_cause")?,
                        "suppressed" => once(&mut map, &mut suppressed, "suppressed")?,
                        "stack_trace" => once(&mut map, &mut stack_trace, "stack_trace")?,
                        _ => {
                            other.insert(key, map.next_value()?);
                        }
                    }
                }
                Ok(ErrorCause {
                    error_type: error_type.unwrap_or_default(),
                    reason: reason.unwrap_or_default(),
                    caused_by: caused_by.unwrap_or_default(),
                    root_cause: root_cause.unwrap_or_default(),
                    suppressed: suppressed.unwrap_or_default(),
                    stack_trace: stack_trace.unwrap_or_default(),
                    other,
                })
            }
        }
        deserializer.deserialize_map(CauseVisitor)
    }
}

/// A sort or search-after value (`FieldValue` in the spec): null, a boolean, a number or a string.
///
/// `_sort` values of API keys and `search_after` use it; so do term queries and bucket keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum FieldValue {
    /// `null`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Long(i64),
    /// A floating-point number (also integers beyond `i64`).
    Double(f64),
    /// A string.
    String(String),
    /// Anything else (an array or an object), kept as JSON.
    Other(serde_json::Value),
}

impl FieldValue {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FieldValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            FieldValue::Long(n) => Some(*n),
            _ => None,
        }
    }
}

impl From<&str> for FieldValue {
    fn from(value: &str) -> Self {
        FieldValue::String(value.to_owned())
    }
}

impl From<String> for FieldValue {
    fn from(value: String) -> Self {
        FieldValue::String(value)
    }
}

impl From<bool> for FieldValue {
    fn from(value: bool) -> Self {
        FieldValue::Bool(value)
    }
}

impl From<i64> for FieldValue {
    fn from(value: i64) -> Self {
        FieldValue::Long(value)
    }
}

impl From<i32> for FieldValue {
    fn from(value: i32) -> Self {
        FieldValue::Long(value.into())
    }
}

impl From<u32> for FieldValue {
    fn from(value: u32) -> Self {
        FieldValue::Long(value.into())
    }
}

impl From<u64> for FieldValue {
    /// A `Long`, or a `Double` beyond `i64` (as a decoded answer holds it).
    fn from(value: u64) -> Self {
        match i64::try_from(value) {
            Ok(n) => FieldValue::Long(n),
            Err(_) => FieldValue::Double(value as f64),
        }
    }
}

impl From<serde_json::Number> for FieldValue {
    /// A `Long` when the number is an integer that fits, a `Double` otherwise.
    fn from(value: serde_json::Number) -> Self {
        if let Some(n) = value.as_i64() {
            FieldValue::Long(n)
        } else if let Some(n) = value.as_u64() {
            FieldValue::from(n)
        } else {
            FieldValue::Double(value.as_f64().unwrap_or(f64::NAN))
        }
    }
}

impl From<f64> for FieldValue {
    fn from(value: f64) -> Self {
        FieldValue::Double(value)
    }
}

impl Serialize for FieldValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Null => serializer.serialize_unit(),
            FieldValue::Bool(b) => serializer.serialize_bool(*b),
            FieldValue::Long(n) => serializer.serialize_i64(*n),
            FieldValue::Double(n) => serializer.serialize_f64(*n),
            FieldValue::String(s) => serializer.serialize_str(s),
            FieldValue::Other(v) => v.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for FieldValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field value")
            }
            fn visit_unit<E>(self) -> Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_none<E>(self) -> Result<FieldValue, E> {
                Ok(FieldValue::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<FieldValue, E> {
                Ok(FieldValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<FieldValue, E> {
                Ok(FieldValue::Long(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<FieldValue, E> {
                Ok(match i64::try_from(v) {
                    Ok(n) => FieldValue::Long(n),
                    Err(_) => FieldValue::Double(v as f64),
                })
            }
            fn visit_f64<E>(self, v: f64) -> Result<FieldValue, E> {
                Ok(FieldValue::Double(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<FieldValue, E> {
                Ok(FieldValue::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<FieldValue, E> {
                Ok(FieldValue::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FieldValue, A::Error> {
                let v = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(FieldValue::Other(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FieldValue, A::Error> {
                let v = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(FieldValue::Other(v))
            }
        }
        deserializer.deserialize_any(V)
    }
}

open_enum! {
    /// The language of a script (`ScriptLanguage` in the spec); role templates use `mustache`,
    /// aggregations `painless` (the default).
    pub enum ScriptLanguage {
        /// Painless.
        Painless = "painless",
        /// Lucene expressions.
        Expression = "expression",
        /// Mustache templates.
        Mustache = "mustache",
        /// Expert Java API.
        Java = "java",
    }
}

/// An inline script (`InlineScript` in the spec): its source and parameters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InlineScript {
    /// The script source, e.g. `_user_{{username}}` or `{{#tojson}}groups{{/tojson}}`.
    pub source: String,
    /// The script language (role templates are always mustache).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<ScriptLanguage>,
    /// Script options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<std::collections::BTreeMap<String, String>>,
    /// Named parameters passed to the script.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Metadata>,
}

/// A stored script, by id (`StoredScriptId` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredScriptId {
    /// The id of the stored script.
    pub id: String,
    /// Named parameters passed to the script.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Metadata>,
}

/// A script: inline or stored (`Script` in the spec), for role-mapping templates and
/// aggregation scripts alike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Script {
    /// An inline script (`{"source": ...}`).
    Inline(InlineScript),
    /// A stored script (`{"id": ...}`).
    Stored(StoredScriptId),
}

impl From<&str> for Script {
    /// An inline script with this source and the server's default language.
    fn from(source: &str) -> Self {
        Script::Inline(InlineScript {
            source: source.to_owned(),
            ..InlineScript::default()
        })
    }
}

/// Sort values (`SortResults` in the spec): the `_sort` of an API key, or a `search_after`.
pub type SortResults = Vec<FieldValue>;
/// The sort of a query endpoint (`Sort` in the spec): one criterion or a list of them, sent in
/// the form it was given.
///
/// Every form Elasticsearch documents can be written:
///
/// ```
/// use security_types::common::{Sort, SortCombinations, SortOptions, SortOrder};
/// use serde_json::json;
///
/// let by_name = Sort::from("name"); // a field name: ascending
/// assert_eq!(serde_json::to_value(&by_name).unwrap(), json!("name"));
///
/// let newest = Sort::from(("creation", SortOrder::Desc)); // the `{field: order}` shorthand
/// assert_eq!(serde_json::to_value(&newest).unwrap(), json!({"creation": "desc"}));
///
/// let options = Sort::from(SortOptions::new("expiration").order(SortOrder::Asc).missing("_last"));
/// assert_eq!(
///     serde_json::to_value(&options).unwrap(),
///     json!({"expiration": {"order": "asc", "missing": "_last"}})
/// );
///
/// let list = Sort::from([SortCombinations::from(("creation", SortOrder::Desc)), "_doc".into()]);
/// assert_eq!(serde_json::to_value(&list).unwrap(), json!([{"creation": "desc"}, "_doc"]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Sort {
    /// A single criterion.
    One(SortCombinations),
    /// A list of criteria, the first one deciding first.
    Many(Vec<SortCombinations>),
}

impl Sort {
    /// The criteria, whichever form they came in.
    pub fn criteria(&self) -> &[SortCombinations] {
        match self {
            Sort::One(one) => std::slice::from_ref(one),
            Sort::Many(many) => many,
        }
    }

    /// The criteria as a vector.
    pub fn into_vec(self) -> Vec<SortCombinations> {
        match self {
            Sort::One(one) => vec![one],
            Sort::Many(many) => many,
        }
    }
}

impl Default for Sort {
    fn default() -> Self {
        Sort::Many(Vec::new())
    }
}

impl<T: Into<SortCombinations>> From<T> for Sort {
    fn from(criterion: T) -> Self {
        Sort::One(criterion.into())
    }
}

impl<T: Into<SortCombinations>> From<Vec<T>> for Sort {
    fn from(criteria: Vec<T>) -> Self {
        Sort::Many(criteria.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<SortCombinations>, const N: usize> From<[T; N]> for Sort {
    fn from(criteria: [T; N]) -> Self {
        Sort::Many(criteria.into_iter().map(Into::into).collect())
    }
}

impl FromIterator<SortCombinations> for Sort {
    fn from_iter<I: IntoIterator<Item = SortCombinations>>(iter: I) -> Self {
        Sort::Many(iter.into_iter().collect())
    }
}

impl Serialize for Sort {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Sort::One(one) => one.serialize(serializer),
            Sort::Many(many) => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Sort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(SortCombinations::from_json)
                .collect::<Result<Vec<_>, _>>()
                .map(Sort::Many)
                .map_err(D::Error::custom),
            one => SortCombinations::from_json(one)
                .map(Sort::One)
                .map_err(D::Error::custom),
        }
    }
}

/// A sort direction (`SortOrder`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

open_enum! {
    /// How a multi-valued field sorts (`SortMode`).
    pub enum SortMode {
        /// The lowest value.
        Min = "min",
        /// The highest value.
        Max = "max",
        /// The sum of the values.
        Sum = "sum",
        /// The average of the values.
        Avg = "avg",
        /// The median of the values.
        Median = "median",
    }
}

/// One sort criterion (`SortCombinations`).
///
/// A bare field name sorts ascending (`_doc` sorts by index order, `_score` by relevance,
/// descending).
#[derive(Clone, Debug, PartialEq)]
pub enum SortCombinations {
    /// A field name: `"name"`.
    Field(String),
    /// A field and a direction, the shorthand `{"creation": "desc"}`.
    Order {
        /// The field to sort on.
        field: String,
        /// The direction.
        order: SortOrder,
    },
    /// A field with options: `{"creation": {"order": "desc", …}}`.
    Options(SortOptions),
    /// Any other sort (e.g. `_script`, `_geo_distance`), sent as it is.
    Raw(serde_json::Value),
}

impl SortCombinations {
    /// The field name, if this is a bare name.
    pub fn as_field(&self) -> Option<&str> {
        match self {
            SortCombinations::Field(name) => Some(name),
            _ => None,
        }
    }

    /// The field this criterion sorts on (for a raw sort: its only key, if it has one).
    pub fn field(&self) -> Option<&str> {
        match self {
            SortCombinations::Field(field) | SortCombinations::Order { field, .. } => Some(field),
            SortCombinations::Options(options) => Some(&options.field),
            SortCombinations::Raw(serde_json::Value::Object(map)) if map.len() == 1 => {
                map.keys().next().map(String::as_str)
            }
            SortCombinations::Raw(_) => None,
        }
    }

    /// Reads one criterion from JSON: a string is a field name, `{field: "asc"|"desc"}` the
    /// shorthand, `{field: {…}}` with known options typed options; anything else stays raw.
    fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Error> {
        let serde_json::Value::Object(map) = value else {
            return match value {
                serde_json::Value::String(field) => Ok(SortCombinations::Field(field)),
                other => Err(serde::de::Error::custom(format_args!(
                    "a sort criterion is a field name or an object, not {other}"
                ))),
            };
        };
        if map.len() == 1 {
            let (field, options) = map.iter().next().expect("one entry");
            if let Ok(order) = SortOrder::deserialize(options) {
                return Ok(SortCombinations::Order {
                    field: field.clone(),
                    order,
                });
            }
            if let Some(options) = SortOptions::from_json(field, options) {
                return Ok(SortCombinations::Options(options));
            }
        }
        Ok(SortCombinations::Raw(serde_json::Value::Object(map)))
    }
}

impl From<&str> for SortCombinations {
    fn from(field: &str) -> Self {
        SortCombinations::Field(field.to_owned())
    }
}

impl From<String> for SortCombinations {
    fn from(field: String) -> Self {
        SortCombinations::Field(field)
    }
}

impl From<SortOptions> for SortCombinations {
    fn from(options: SortOptions) -> Self {
        SortCombinations::Options(options)
    }
}

impl<F: Into<String>> From<(F, SortOrder)> for SortCombinations {
    /// The shorthand `{field: order}`.
    fn from((field, order): (F, SortOrder)) -> Self {
        SortCombinations::Order {
            field: field.into(),
            order,
        }
    }
}

impl Serialize for SortCombinations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            SortCombinations::Field(field) => serializer.serialize_str(field),
            SortCombinations::Order { field, order } => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(field, order)?;
                map.end()
            }
            SortCombinations::Options(options) => options.serialize(serializer),
            SortCombinations::Raw(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for SortCombinations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        SortCombinations::from_json(serde_json::Value::deserialize(deserializer)?)
            .map_err(D::Error::custom)
    }
}

/// The options of a `FieldSort`, as read from a user's JSON. Unknown options make the
/// criterion stay raw (sent as it came) rather than be dropped: hence `deny_unknown_fields`
/// on this private helper only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSortParams {
    order: Option<SortOrder>,
    missing: Option<FieldValue>,
    mode: Option<SortMode>,
    numeric_type: Option<String>,
    unmapped_type: Option<String>,
    format: Option<String>,
    nested: Option<serde_json::Value>,
}

/// A field sort with options (`SortOptions` holding a `FieldSort`):
/// `{"<field>": {"order": "desc", "missing": "_last", …}}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SortOptions {
    /// The field to sort on.
    pub field: String,
    /// Ascending or descending.
    pub order: Option<SortOrder>,
    /// Where documents without a value go: `_first`, `_last` or a value.
    pub missing: Option<FieldValue>,
    /// How a multi-valued field sorts.
    pub mode: Option<SortMode>,
    /// The numeric type to sort as (`long`, `double`, `date`, `date_nanos`).
    pub numeric_type: Option<String>,
    /// The type to assume where the field is unmapped.
    pub unmapped_type: Option<String>,
    /// The date format of the sort values (e.g. `date_time`).
    pub format: Option<String>,
    /// Nested sort (as JSON).
    pub nested: Option<serde_json::Value>,
}

impl SortOptions {
    /// Sort on `field`.
    pub fn new(field: impl Into<String>) -> Self {
        SortOptions {
            field: field.into(),
            ..Default::default()
        }
    }

    /// Sets the direction.
    pub fn order(mut self, order: SortOrder) -> Self {
        self.order = Some(order);
        self
    }

    /// Sets the date format of the sort values (e.g. `date_time`).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Sets where documents without a value go (`_first`, `_last` or a value).
    pub fn missing(mut self, missing: impl Into<FieldValue>) -> Self {
        self.missing = Some(missing.into());
        self
    }

    /// Sets how a multi-valued field sorts.
    pub fn mode(mut self, mode: impl Into<SortMode>) -> Self {
        self.mode = Some(mode.into());
        self
    }

    /// Sets the type to assume where the field is unmapped.
    pub fn unmapped_type(mut self, unmapped_type: impl Into<String>) -> Self {
        self.unmapped_type = Some(unmapped_type.into());
        self
    }

    /// Typed options from `{field: {…}}`, if every option is one this type knows.
    fn from_json(field: &str, options: &serde_json::Value) -> Option<Self> {
        let p = FieldSortParams::deserialize(options).ok()?;
        Some(SortOptions {
            field: field.to_owned(),
            order: p.order,
            missing: p.missing,
            mode: p.mode,
            numeric_type: p.numeric_type,
            unmapped_type: p.unmapped_type,
            format: p.format,
            nested: p.nested,
        })
    }
}

impl Serialize for SortOptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(Serialize)]
        struct Params<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            order: Option<&'a SortOrder>,
            #[serde(skip_serializing_if = "Option::is_none")]
            missing: Option<&'a FieldValue>,
            #[serde(skip_serializing_if = "Option::is_none")]
            mode: Option<&'a SortMode>,
            #[serde(skip_serializing_if = "Option::is_none")]
            numeric_type: Option<&'a String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unmapped_type: Option<&'a String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            format: Option<&'a String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            nested: Option<&'a serde_json::Value>,
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(
            &self.field,
            &Params {
                order: self.order.as_ref(),
                missing: self.missing.as_ref(),
                mode: self.mode.as_ref(),
                numeric_type: self.numeric_type.as_ref(),
                unmapped_type: self.unmapped_type.as_ref(),
                format: self.format.as_ref(),
                nested: self.nested.as_ref(),
            },
        )?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_privileges_of_both_kinds_decode() {
        let global: OneOrMany<GlobalPrivilege> = serde_json::from_str(
            r#"[{"application":{"manage":{"applications":["app1"]}}},{"profile":{"write":{"applications":["kibana*"]}}}]"#,
        )
        .unwrap();
        let all = global.as_slice();
        assert_eq!(
            all[0].application.as_ref().unwrap().manage.applications,
            ["app1"]
        );
        assert_eq!(
            all[1].profile.as_ref().unwrap().write.applications,
            ["kibana*"]
        );
        assert_eq!(
            serde_json::to_string(&all[1]).unwrap(),
            r#"{"profile":{"write":{"applications":["kibana*"]}}}"#
        );
    }

    /// `ErrorCause` as it was derived before its decoder was written by hand: the hand-written
    /// one must decode, and refuse, exactly as this one does (same name: serde's messages say
    /// `expected struct ErrorCause`).
    mod derived {
        use serde::Deserialize;

        #[derive(Debug, Deserialize)]
        pub struct ErrorCause {
            #[serde(default, rename = "type")]
            pub error_type: String,
            #[serde(default)]
            pub reason: Option<String>,
            #[serde(default)]
            pub caused_by: Option<Box<ErrorCause>>,
            #[serde(default)]
            pub root_cause: Vec<ErrorCause>,
            #[serde(default)]
            pub suppressed: Vec<ErrorCause>,
            #[serde(default)]
            pub stack_trace: Option<String>,
            #[serde(flatten)]
            pub other: serde_json::Map<String, serde_json::Value>,
        }
    }

    impl From<derived::ErrorCause> for ErrorCause {
        fn from(d: derived::ErrorCause) -> Self {
            let all = |v: Vec<derived::ErrorCause>| v.into_iter().map(ErrorCause::from).collect();
            ErrorCause {
                error_type: d.error_type,
                reason: d.reason,
                caused_by: d.caused_by.map(|c| Box::new(ErrorCause::from(*c))),
                root_cause: all(d.root_cause),
                suppressed: all(d.suppressed),
                stack_trace: d.stack_trace,
                other: d.other,
            }
        }
    }

    #[test]
    fn error_causes_decode_as_the_derived_decoder_did() {
        let full = serde_json::json!({
            "type": "security_exception",
            "reason": "unable to authenticate user [elastic]",
            "caused_by": {"type": "io_exception", "reason": "deep", "index": ".security-7"},
            "root_cause": [{"type": "security_exception", "reason": "r", "header": {"WWW-Authenticate": ["Basic"]}}],
            "suppressed": [{"type": "x", "suppressed": []}],
            "stack_trace": "at ...",
            "header": {"WWW-Authenticate": ["Basic realm=\"security\"", "ApiKey"]},
            "resource.id": "k1",
            "shard": 0,
            "ratio": 0.5,
            "big": 18446744073709551615u64,
            "neg": -3,
            "flag": true,
            "nothing": null
        });
        let serde_json::Value::Object(fields) = full else {
            unreachable!()
        };
        let mut bodies = vec![
            serde_json::Value::Object(fields.clone()).to_string(),
            "{}".to_owned(),
            r#"{"type":"a","type":"b"}"#.to_owned(),
            r#"{"reason":null,"reason":"x"}"#.to_owned(),
            r#"{"other":1,"other":2}"#.to_owned(),
            r#"{"caused_by":{"caused_by":{"type":"deepest","stack_trace":null}}}"#.to_owned(),
            r#"{"type":"t",}"#.to_owned(),
            r#"{"type":"t""#.to_owned(),
        ];
        // Every known field, and an unknown one, with a value of each JSON type.
        let kinds = [
            "null",
            "true",
            "7",
            "-1.5e3",
            r#""text""#,
            "[]",
            r#"[{"type":"inner"}]"#,
            r#"{"type":"inner"}"#,
            "{}",
        ];
        for name in fields.keys() {
            for kind in kinds {
                let mut map = fields.clone();
                map.insert(name.clone(), serde_json::from_str(kind).unwrap());
                bodies.push(serde_json::Value::Object(map).to_string());
            }
        }
        // Not an object at all.
        bodies.extend(kinds.iter().map(|k| (*k).to_owned()));
        let mut refused = 0;
        for body in &bodies {
            let hand = serde_json::from_str::<ErrorCause>(body).map_err(|e| e.to_string());
            let derived = serde_json::from_str::<derived::ErrorCause>(body)
                .map(ErrorCause::from)
                .map_err(|e| e.to_string());
            assert_eq!(hand, derived, "{body}");
            refused += usize::from(hand.is_err());
        }
        // Both outcomes were compared, not only one of them.
        assert!(
            refused > 20 && refused < bodies.len() - 20,
            "{refused} of {}",
            bodies.len()
        );
        // From a `Value` too (ApiError keeps the whole `error` object as one).
        let value: serde_json::Value = serde_json::from_str(&bodies[0]).unwrap();
        assert_eq!(
            serde_json::from_value::<ErrorCause>(value.clone()).unwrap(),
            ErrorCause::from(serde_json::from_value::<derived::ErrorCause>(value).unwrap())
        );
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let p: ClusterPrivilege = serde_json::from_str("\"manage_everything_2030\"").unwrap();
        assert_eq!(p, ClusterPrivilege::Other("manage_everything_2030".into()));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            "\"manage_everything_2030\""
        );
        assert_eq!(ClusterPrivilege::from("monitor"), ClusterPrivilege::Monitor);
        assert_eq!(Refresh::from(true).as_str(), "true");
    }
}
