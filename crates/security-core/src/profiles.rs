//! Endpoints of the `profiles` API group: user profiles, their application data and labels, and
//! privilege checks by profile (Kibana's private API at 8.14).
//!
//! Application data and labels are written from any `Serialize` value
//! ([`UpdateUserProfileData::data`], [`UpdateUserProfileData::data_entry`], …) and read back as
//! JSON or as the caller's own types (`UserProfile::data_as`, `data_get`). Updates can be made
//! conditional on the version that was read ([`UpdateUserProfileData::if_unchanged`]); a lost race
//! comes back as a 409 [`ApiError`](crate::ApiError) (`is_conflict()`).

use crate::{Endpoint, EndpointSpec, Names};
use security_types::common::{AcknowledgedResponse, OneOrMany, Refresh};
use security_types::profiles::*;
use security_types::Secret;
use serde::Serialize;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <ActivateUserProfile as Endpoint>::SPEC,
    <GetUserProfile as Endpoint>::SPEC,
    <SuggestUserProfiles as Endpoint>::SPEC,
    <EnableUserProfile as Endpoint>::SPEC,
    <DisableUserProfile as Endpoint>::SPEC,
    <UpdateUserProfileData as Endpoint>::SPEC,
    <HasPrivilegesUserProfile as Endpoint>::SPEC,
];

endpoint! {
    /// Creates or updates the profile of a user, authenticating the user with a password or an
    /// access token.
    pub struct ActivateUserProfile {
        name: "security.activate_user_profile",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-activate-user-profile.html",
        since: "8.2.0",
        serverless: private,
        response: ActivateUserProfileResponse,
        routes: ["POST /_security/profile/_activate"],
        path: [],
        opt_path: [],
        query: [],
        body: required ActivateUserProfileBody {
            args: [grant_type: GrantType],
            fields: [
                /// The username (grant type `password`).
                opt username: String,
                /// The password (grant type `password`).
                opt password: Secret,
                /// The access token (grant type `access_token`).
                opt access_token: Secret,
            ],
        },
    }
}

impl ActivateUserProfile {
    /// Activates the profile of the user with this username and password (grant type `password`).
    pub fn with_password(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        ActivateUserProfile::new(GrantType::Password)
            .username(username)
            .password(password)
    }

    /// Activates the profile of the user this access token belongs to (grant type
    /// `access_token`), e.g. a token from `get_token` or `saml_authenticate`.
    pub fn with_access_token(access_token: impl Into<Secret>) -> Self {
        ActivateUserProfile::new(GrantType::AccessToken).access_token(access_token)
    }
}

endpoint! {
    /// Returns user profiles by uid, with the application data asked for; uids that cannot be read
    /// are reported in `errors`.
    pub struct GetUserProfile {
        name: "security.get_user_profile",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-user-profile.html",
        since: "8.2.0",
        serverless: private,
        response: GetUserProfileResponse,
        routes: ["GET /_security/profile/{uid}"],
        path: [
            /// The profile uids.
            uid: Names,
        ],
        opt_path: [],
        query: [
            /// The `data` keys to return: `*` for all, `app1` or `app1.key1` for a part (none by
            /// default).
            data: Names,
        ],
        body: none,
    }
}

endpoint! {
    /// Suggests user profiles whose name-related fields match a text, ranked by optional hints.
    ///
    /// The `data` keys to return are set with [`data`](Self::data) (query parameter) or
    /// [`body_data`](Self::body_data) (body field), not both.
    pub struct SuggestUserProfiles {
        name: "security.suggest_user_profiles",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-suggest-user-profile.html",
        since: "8.2.0",
        serverless: private,
        response: SuggestUserProfilesResponse,
        routes: ["GET|POST /_security/profile/_suggest"],
        path: [],
        opt_path: [],
        query: [
            /// The `data` keys to return: `*` for all, `app1` or `app1.key1` for a part (none by
            /// default).
            data: Names,
        ],
        body: optional SuggestUserProfilesBody {
            args: [],
            fields: [
                /// Text matched against `username`, `full_name` and `email`.
                opt name: String,
                /// How many profiles to return (default 10).
                opt size: u32,
                /// The whole hint (see also [`hint_uids`](Self::hint_uids) and
                /// [`hint_labels`](Self::hint_labels)).
                opt hint: SuggestUserProfilesHint,
            ],
        },
    }
}

impl<C> SuggestUserProfiles<C> {
    /// The `data` keys to return, as the body field `data` (the query parameter is
    /// [`data`](Self::data); setting both is an error).
    pub fn body_data(mut self, keys: impl Into<OneOrMany<String>>) -> Self {
        self.__body_mut().data = Some(keys.into());
        self
    }

    /// Hint: rank the profiles with these uids higher.
    pub fn hint_uids<I>(mut self, uids: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let hint = self.__body_mut().hint.get_or_insert_with(Default::default);
        hint.uids = Some(uids.into_iter().map(Into::into).collect());
        self
    }

    /// Hint: rank the profiles whose `label` has one of `values` higher.
    pub fn hint_labels(
        mut self,
        label: impl Into<String>,
        values: impl Into<OneOrMany<String>>,
    ) -> Self {
        let hint = self.__body_mut().hint.get_or_insert_with(Default::default);
        hint.labels
            .get_or_insert_with(Default::default)
            .insert(label.into(), values.into());
        self
    }
}

endpoint! {
    /// Enables a user profile, so that it appears in suggestions again.
    pub struct EnableUserProfile {
        name: "security.enable_user_profile",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-enable-user-profile.html",
        since: "8.2.0",
        serverless: private,
        response: AcknowledgedResponse,
        routes: ["PUT|POST /_security/profile/{uid}/_enable"],
        path: [
            /// The profile uid.
            uid: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the profile index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Disables a user profile, so that it no longer appears in suggestions.
    pub struct DisableUserProfile {
        name: "security.disable_user_profile",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-disable-user-profile.html",
        since: "8.2.0",
        serverless: private,
        response: AcknowledgedResponse,
        routes: ["PUT|POST /_security/profile/{uid}/_disable"],
        path: [
            /// The profile uid.
            uid: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the profile index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Updates the application data and labels of a user profile, optionally only if it has not
    /// changed since it was read (a conflict is a 409 error, `ApiError::is_conflict`).
    ///
    /// Set the data and labels from any `Serialize` value with [`data`](Self::data),
    /// [`data_entry`](Self::data_entry), [`labels`](Self::labels) and
    /// [`labels_entry`](Self::labels_entry). A value that is not a JSON object fails when the
    /// request is built, with [`Error::InvalidRequest`](crate::Error::InvalidRequest).
    pub struct UpdateUserProfileData {
        name: "security.update_user_profile_data",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-update-user-profile-data.html",
        since: "8.2.0",
        serverless: private,
        response: AcknowledgedResponse,
        routes: ["PUT|POST /_security/profile/{uid}/_data"],
        path: [
            /// The profile uid.
            uid: String,
        ],
        opt_path: [],
        query: [
            /// Update only if the profile document still has this sequence number.
            if_seq_no: i64,
            /// Update only if the profile document still has this primary term.
            if_primary_term: i64,
            /// Whether to refresh the profile index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: required UpdateUserProfileDataBody {
            args: [],
            fields: [],
        },
    }
}

impl<C> UpdateUserProfileData<C> {
    /// Sets the application data: any value that serializes to a JSON object, usually keyed by
    /// application (`{"app1": {...}}`). Top-level keys replace the stored ones; others are kept.
    pub fn data<T: Serialize>(mut self, value: T) -> Self {
        self.__body_mut().data = Some(ProfileData::from_serialize(&value));
        self
    }

    /// Sets one entry of the application data (usually an application's key) to any
    /// `Serialize` value.
    pub fn data_entry<T: Serialize>(mut self, key: impl Into<String>, value: T) -> Self {
        self.__body_mut()
            .data
            .get_or_insert_with(ProfileData::new)
            .insert(key, &value);
        self
    }

    /// Sets the labels: any value that serializes to a JSON object. Top-level keys replace the
    /// stored ones; others are kept.
    pub fn labels<T: Serialize>(mut self, value: T) -> Self {
        self.__body_mut().labels = Some(ProfileData::from_serialize(&value));
        self
    }

    /// Sets one label to any `Serialize` value.
    pub fn labels_entry<T: Serialize>(mut self, key: impl Into<String>, value: T) -> Self {
        self.__body_mut()
            .labels
            .get_or_insert_with(ProfileData::new)
            .insert(key, &value);
        self
    }

    /// Updates only if the profile is still at the version that was read: sets `if_seq_no` and
    /// `if_primary_term` from the profile's `_doc`.
    pub fn if_unchanged(self, doc: &UserProfileHitMetadata) -> Self {
        self.if_seq_no(doc.seq_no).if_primary_term(doc.primary_term)
    }
}

endpoint! {
    /// Checks whether the users of some profiles have all of the given privileges.
    pub struct HasPrivilegesUserProfile {
        name: "security.has_privileges_user_profile",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-has-privileges-user-profile.html",
        since: "8.3.0",
        serverless: private,
        response: HasPrivilegesUserProfileResponse,
        routes: ["GET|POST /_security/profile/_has_privileges"],
        path: [],
        opt_path: [],
        query: [],
        body: required HasPrivilegesUserProfileBody {
            args: [uids: ProfileUids, privileges: PrivilegesCheck],
            fields: [],
        },
    }
}
