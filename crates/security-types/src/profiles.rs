//! Types of the `profiles` API group: user profiles, their application data and labels, and
//! privilege checks by profile.
//!
//! A profile's `data` (private application data) and `labels` (searchable) are JSON objects that
//! applications define. Read them as JSON ([`UserProfile::data`]) or as your own types
//! ([`UserProfile::data_as`], [`UserProfile::data_get`]); write them from any `Serialize` value
//! with [`ProfileData`].

use crate::common::{ClusterPrivilege, ErrorCause, Metadata, OneOrMany};
pub use crate::privileges::{ApplicationPrivilegesCheck, IndexPrivilegesCheck};
use crate::{open_enum, Secret};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// Reads a profile's `data` and `labels` as the caller's own types; shared by the profile types.
macro_rules! typed_access {
    ($ty:ident) => {
        impl $ty {
            /// Reads the whole `data` object as `T` (e.g. a struct with one field per application).
            ///
            /// Fails when `data` does not have the shape of `T`.
            pub fn data_as<'a, T: Deserialize<'a>>(&'a self) -> Result<T, serde_json::Error> {
                T::deserialize(&self.data)
            }

            /// Reads the `data` entry under `key` (usually an application's name) as `T`;
            /// `Ok(None)` when there is no such entry.
            pub fn data_get<'a, T: Deserialize<'a>>(
                &'a self,
                key: &str,
            ) -> Result<Option<T>, serde_json::Error> {
                self.data.get(key).map(T::deserialize).transpose()
            }

            /// Reads the whole `labels` object as `T`.
            ///
            /// Fails when `labels` does not have the shape of `T`.
            pub fn labels_as<'a, T: Deserialize<'a>>(&'a self) -> Result<T, serde_json::Error> {
                T::deserialize(&self.labels)
            }

            /// Reads the `labels` entry under `key` as `T`; `Ok(None)` when there is no such entry.
            pub fn labels_get<'a, T: Deserialize<'a>>(
                &'a self,
                key: &str,
            ) -> Result<Option<T>, serde_json::Error> {
                self.labels.get(key).map(T::deserialize).transpose()
            }
        }
    };
}

/// The user a profile belongs to (`UserProfileUser` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserProfileUser {
    /// The username.
    pub username: String,
    /// The user's roles.
    #[serde(default)]
    pub roles: Vec<String>,
    /// The realm that authenticated the user.
    pub realm_name: String,
    /// The security domain of the realm, if the realm belongs to one.
    #[serde(default)]
    pub realm_domain: Option<String>,
    /// Email, if known.
    #[serde(default)]
    pub email: Option<String>,
    /// Full name, if known.
    #[serde(default)]
    pub full_name: Option<String>,
}

/// A user profile (`UserProfile` in the spec), as `suggest_user_profiles` returns it.
///
/// `data` is returned only for the keys asked for with the `data` parameter.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserProfile {
    /// The profile's unique id (`u_…`).
    pub uid: String,
    /// The user the profile belongs to.
    pub user: UserProfileUser,
    /// Private application data, by application key.
    #[serde(default)]
    pub data: Metadata,
    /// Searchable labels.
    #[serde(default)]
    pub labels: Metadata,
    /// Whether the profile is enabled (visible in suggestions).
    #[serde(default)]
    pub enabled: Option<bool>,
}

typed_access!(UserProfile);

/// The sequence number and primary term of a profile document: what optimistic concurrency
/// control compares (`UserProfileHitMetadata` in the spec).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub struct UserProfileHitMetadata {
    /// The primary term.
    #[serde(rename = "_primary_term")]
    pub primary_term: i64,
    /// The sequence number.
    #[serde(rename = "_seq_no")]
    pub seq_no: i64,
}

/// A user profile with its document metadata (`UserProfileWithMetadata` in the spec), as
/// `activate_user_profile` and `get_user_profile` return it.
///
/// Pass [`doc`](Self::doc) to `update_user_profile_data`'s `if_unchanged` to update the profile
/// only if nobody changed it since it was read.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserProfileWithMetadata {
    /// The profile's unique id (`u_…`).
    pub uid: String,
    /// The user the profile belongs to.
    pub user: UserProfileUser,
    /// Private application data, by application key (only the keys asked for with `data`).
    #[serde(default)]
    pub data: Metadata,
    /// Searchable labels.
    #[serde(default)]
    pub labels: Metadata,
    /// Whether the profile is enabled (visible in suggestions).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// When the user information was last synchronized, in milliseconds since the epoch.
    pub last_synchronized: i64,
    /// The document's sequence number and primary term.
    #[serde(rename = "_doc")]
    pub doc: UserProfileHitMetadata,
}

typed_access!(UserProfileWithMetadata);

impl From<UserProfileWithMetadata> for UserProfile {
    fn from(profile: UserProfileWithMetadata) -> Self {
        UserProfile {
            uid: profile.uid,
            user: profile.user,
            data: profile.data,
            labels: profile.labels,
            enabled: profile.enabled,
        }
    }
}

open_enum! {
    /// How `activate_user_profile` authenticates the user (`GrantType` in the spec).
    pub enum GrantType {
        /// With `username` and `password`.
        Password = "password",
        /// With an `access_token` from the token service (e.g. `get_token`, `saml_authenticate`).
        AccessToken = "access_token",
    }
}

impl Default for GrantType {
    /// `password`.
    fn default() -> Self {
        GrantType::Password
    }
}

/// Body of `activate_user_profile`: the grant type and the user's credentials.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActivateUserProfileBody {
    /// The grant type.
    pub grant_type: GrantType,
    /// The username (grant type `password`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The password (grant type `password`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The access token (grant type `access_token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
}

/// Answer of `activate_user_profile`: the profile.
pub type ActivateUserProfileResponse = UserProfileWithMetadata;

/// Errors for some of the requested uids (`GetUserProfileErrors` and
/// `HasPrivilegesUserProfileErrors` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserProfileErrors {
    /// How many uids failed.
    pub count: u64,
    /// The error of each failed uid.
    #[serde(default)]
    pub details: BTreeMap<String, ErrorCause>,
}

/// Answer of `get_user_profile`: the profiles found, and errors for the others.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetUserProfileResponse {
    /// The profiles found.
    pub profiles: Vec<UserProfileWithMetadata>,
    /// Errors for uids that could not be read (absent when there are none).
    #[serde(default)]
    pub errors: Option<UserProfileErrors>,
}

/// Extra criteria that rank matching profiles higher in `suggest_user_profiles` (`Hint` in the
/// spec). Profiles that do not match the hint are still returned if they match `name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SuggestUserProfilesHint {
    /// Profile uids to rank higher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uids: Option<Vec<String>>,
    /// A label and the values it may have (one value or several) to rank higher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, OneOrMany<String>>>,
}

/// Body of `suggest_user_profiles`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SuggestUserProfilesBody {
    /// Text matched against the name-related fields: `username`, `full_name`, `email`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How many profiles to return (the server's default is 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// The `data` keys to return (`*` for all); the body form of the `data` query parameter.
    /// Setting both is an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<OneOrMany<String>>,
    /// Extra criteria that rank profiles higher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<SuggestUserProfilesHint>,
}

open_enum! {
    /// Whether a hit count is exact (`RelationName` in the spec).
    pub enum TotalRelation {
        /// The count is exact.
        Eq = "eq",
        /// The count is a lower bound.
        Gte = "gte",
    }
}

impl Default for TotalRelation {
    /// `eq`.
    fn default() -> Self {
        TotalRelation::Eq
    }
}

/// The number of matching profiles (`TotalUserProfiles` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TotalUserProfiles {
    /// The count.
    pub value: u64,
    /// Whether the count is exact.
    pub relation: TotalRelation,
}

/// Answer of `suggest_user_profiles`.
///
/// Elasticsearch always sends every field; they default when left out (e.g. by `filter_path`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SuggestUserProfilesResponse {
    /// How many profiles matched.
    pub total: TotalUserProfiles,
    /// How long the search took, in milliseconds.
    pub took: u64,
    /// The best matching profiles, best first.
    pub profiles: Vec<UserProfile>,
}

/// Application data or labels to store in a profile: a JSON object, usually keyed by application.
///
/// Built from any `Serialize` value ([`ProfileData::from_serialize`]) or a JSON object. A value
/// that does not serialize into a JSON object is kept as an error, and building the request then
/// fails with that error (nothing is sent, nothing panics).
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileData(Result<Metadata, String>);

impl Default for ProfileData {
    /// An empty object.
    fn default() -> Self {
        ProfileData(Ok(Metadata::new()))
    }
}

impl ProfileData {
    /// An empty object.
    pub fn new() -> Self {
        ProfileData::default()
    }

    /// Serializes `value`, which must become a JSON object.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Self {
        ProfileData(match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            Ok(other) => Err(format!(
                "profile data and labels must serialize to a JSON object, not {}",
                json_kind(&other)
            )),
            Err(e) => Err(format!("cannot serialize profile data or labels: {e}")),
        })
    }

    /// Serializes `value` and sets it under `key`, replacing what was there.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: impl Into<String>, value: &T) {
        if let Ok(map) = &mut self.0 {
            match serde_json::to_value(value) {
                Ok(value) => {
                    map.insert(key.into(), value);
                }
                Err(e) => {
                    self.0 = Err(format!(
                        "cannot serialize the profile entry `{}`: {e}",
                        key.into()
                    ))
                }
            }
        }
    }

    /// The object, or `None` if the value could not be serialized into one.
    pub fn as_map(&self) -> Option<&Metadata> {
        self.0.as_ref().ok()
    }

    /// Why the value could not be serialized into a JSON object, if it could not.
    pub fn error(&self) -> Option<&str> {
        self.0.as_ref().err().map(String::as_str)
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

impl From<Metadata> for ProfileData {
    fn from(map: Metadata) -> Self {
        ProfileData(Ok(map))
    }
}

impl From<serde_json::Value> for ProfileData {
    /// Takes a JSON object; any other JSON value is kept as an error.
    fn from(value: serde_json::Value) -> Self {
        ProfileData::from_serialize(&value)
    }
}

impl Serialize for ProfileData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(map) => map.serialize(serializer),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

/// Body of `update_user_profile_data`: the labels and data to merge into the profile.
///
/// Top-level keys replace what the profile had under them; other keys are kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateUserProfileDataBody {
    /// Searchable labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<ProfileData>,
    /// Private application data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<ProfileData>,
}

/// Profile uids (`UserProfileId[]`), always sent as a JSON array.
///
/// Converts from `&str`, `String`, arrays and vectors, so `["u_1", "u_2"]` works where uids are
/// expected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ProfileUids(pub Vec<String>);

impl From<&str> for ProfileUids {
    fn from(value: &str) -> Self {
        ProfileUids(vec![value.to_owned()])
    }
}

impl From<String> for ProfileUids {
    fn from(value: String) -> Self {
        ProfileUids(vec![value])
    }
}

impl<S: Into<String>> From<Vec<S>> for ProfileUids {
    fn from(values: Vec<S>) -> Self {
        ProfileUids(values.into_iter().map(Into::into).collect())
    }
}

impl<S: Into<String>, const N: usize> From<[S; N]> for ProfileUids {
    fn from(values: [S; N]) -> Self {
        ProfileUids(values.into_iter().map(Into::into).collect())
    }
}

/// The privileges `has_privileges_user_profile` checks (`PrivilegesCheck` in the spec).
///
/// ```
/// use security_types::profiles::{ApplicationPrivilegesCheck, IndexPrivilegesCheck, PrivilegesCheck};
/// let check = PrivilegesCheck::new()
///     .cluster(["monitor", "manage_ml"])
///     .index(IndexPrivilegesCheck::new(["products"], ["read"]))
///     .application(ApplicationPrivilegesCheck::new("inventory", ["read"], ["product/1"]));
/// assert_eq!(check.cluster.as_ref().map(Vec::len), Some(2));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PrivilegesCheck {
    /// Application privileges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Vec<ApplicationPrivilegesCheck>>,
    /// Cluster privileges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Vec<ClusterPrivilege>>,
    /// Index privileges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<Vec<IndexPrivilegesCheck>>,
}

impl PrivilegesCheck {
    /// Checks nothing yet.
    pub fn new() -> Self {
        PrivilegesCheck::default()
    }

    /// Adds cluster privileges to check.
    pub fn cluster<I>(mut self, privileges: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<ClusterPrivilege>,
    {
        self.cluster
            .get_or_insert_with(Vec::new)
            .extend(privileges.into_iter().map(Into::into));
        self
    }

    /// Adds an index check.
    pub fn index(mut self, check: IndexPrivilegesCheck) -> Self {
        self.index.get_or_insert_with(Vec::new).push(check);
        self
    }

    /// Adds an application check.
    pub fn application(mut self, check: ApplicationPrivilegesCheck) -> Self {
        self.application.get_or_insert_with(Vec::new).push(check);
        self
    }
}

/// Body of `has_privileges_user_profile`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HasPrivilegesUserProfileBody {
    /// The profiles whose users are checked.
    pub uids: ProfileUids,
    /// The privileges to check.
    pub privileges: PrivilegesCheck,
}

/// Answer of `has_privileges_user_profile`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct HasPrivilegesUserProfileResponse {
    /// The requested uids whose users have all the privileges.
    pub has_privilege_uids: Vec<String>,
    /// Uids that could not be checked (absent when there are none). Unknown uids and users
    /// without the privileges are in neither list.
    #[serde(default)]
    pub errors: Option<UserProfileErrors>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Prefs {
        theme: String,
    }

    #[test]
    fn profile_data_from_serialize() {
        let data = ProfileData::from_serialize(&json!({"app1": {"theme": "dark"}}));
        assert_eq!(data.as_map().unwrap()["app1"]["theme"], "dark");
        let mut data = ProfileData::new();
        data.insert(
            "app1",
            &Prefs {
                theme: "dark".into(),
            },
        );
        assert_eq!(
            serde_json::to_value(&data).unwrap(),
            json!({"app1": {"theme": "dark"}})
        );
    }

    #[test]
    fn profile_data_that_is_not_an_object_is_an_error_not_a_panic() {
        let data = ProfileData::from_serialize(&42);
        assert!(data.error().unwrap().contains("not a number"), "{data:?}");
        let err = serde_json::to_vec(&data).unwrap_err();
        assert!(err.to_string().contains("JSON object"), "{err}");

        // A map with non-string keys cannot become JSON at all.
        let mut bad = BTreeMap::new();
        bad.insert((1, 2), "x");
        let mut data = ProfileData::new();
        data.insert("app1", &bad);
        assert!(data.error().unwrap().contains("`app1`"), "{data:?}");
        // Once in error, later entries do not hide it.
        data.insert("app2", &1);
        assert!(data.as_map().is_none());
    }

    #[test]
    fn typed_access_to_data_and_labels() {
        let profile: UserProfile = serde_json::from_value(json!({
            "uid": "u_1", "user": {"username": "j", "roles": [], "realm_name": "native"},
            "data": {"app1": {"theme": "dark"}}, "labels": {"direction": "north"}
        }))
        .unwrap();
        let prefs: Option<Prefs> = profile.data_get("app1").unwrap();
        assert_eq!(prefs.unwrap().theme, "dark");
        assert!(profile.data_get::<Prefs>("app2").unwrap().is_none());
        let all: BTreeMap<String, Prefs> = profile.data_as().unwrap();
        assert_eq!(all["app1"].theme, "dark");
        let direction: Option<&str> = profile.labels_get("direction").unwrap();
        assert_eq!(direction, Some("north"));
        assert!(profile.labels_as::<Prefs>().is_err());
    }
}
