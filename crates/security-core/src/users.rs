//! Endpoints of the `users` API group: authenticate, native users, passwords, realm caches.

use crate::{Endpoint, EndpointSpec};
use security_types::users::*;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[
    <Authenticate as Endpoint>::SPEC,
    <GetUser as Endpoint>::SPEC,
    <PutUser as Endpoint>::SPEC,
];

endpoint! {
    /// Returns who the caller is: username, roles, realms, and the API key or token used.
    pub struct Authenticate {
        name: "security.authenticate",
        doc: "security-api-authenticate.html",
        response: AuthenticateResponse,
        routes: ["GET /_security/_authenticate"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Returns users of the native realm: some by name, or all.
    pub struct GetUser {
        name: "security.get_user",
        doc: "security-api-get-user.html",
        response: GetUserResponse,
        routes: ["GET /_security/user/{username}", "GET /_security/user"],
        path: [],
        opt_path: [
            /// The usernames to return (all users when not set).
            username: crate::Names,
        ],
        query: [
            /// Also return each user's profile id (`profile_uid`).
            with_profile_uid: bool,
        ],
        body: none,
    }
}

endpoint! {
    /// Creates or updates a user of the native realm.
    pub struct PutUser {
        name: "security.put_user",
        doc: "security-api-put-user.html",
        response: PutUserResponse,
        routes: ["PUT|POST /_security/user/{username}"],
        path: [
            /// The username.
            username: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required PutUserBody {
            args: [],
            fields: [
                /// Email.
                opt email: String,
                /// Full name.
                opt full_name: String,
                /// Arbitrary metadata.
                opt metadata: security_types::common::Metadata,
                /// The password (at least 6 characters).
                opt password: security_types::Secret,
                /// A hash of the password, in the cluster's configured format.
                opt password_hash: security_types::Secret,
                /// Role names.
                list roles: String,
                /// Whether the user is enabled.
                opt enabled: bool,
            ],
        },
    }
}
