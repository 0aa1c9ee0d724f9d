//! Endpoints of the `users` API group: authenticate, native users, passwords, realm caches.

use crate::{Endpoint, EndpointSpec};
use security_types::users::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <Authenticate as Endpoint>::SPEC,
    <GetUser as Endpoint>::SPEC,
    <PutUser as Endpoint>::SPEC,
    <DeleteUser as Endpoint>::SPEC,
    <EnableUser as Endpoint>::SPEC,
    <DisableUser as Endpoint>::SPEC,
    <ChangePassword as Endpoint>::SPEC,
    <ClearCachedRealms as Endpoint>::SPEC,
    <QueryUser as Endpoint>::SPEC,
];

endpoint! {
    /// Returns who the caller is: username, roles, realms, and the API key or token used.
    pub struct Authenticate {
        name: "security.authenticate",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-authenticate.html",
        since: "5.5.0",
        serverless: public,
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
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-user.html",
        params_since: [with_profile_uid: "8.5.0"],
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
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-put-user.html",
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

endpoint! {
    /// Deletes a user of the native realm.
    pub struct DeleteUser {
        name: "security.delete_user",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-delete-user.html",
        response: DeleteUserResponse,
        routes: ["DELETE /_security/user/{username}"],
        path: [
            /// The username.
            username: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Enables a user of the native realm (or a built-in user).
    pub struct EnableUser {
        name: "security.enable_user",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-enable-user.html",
        response: EnableUserResponse,
        routes: ["PUT|POST /_security/user/{username}/_enable"],
        path: [
            /// The username of the user to enable.
            username: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Disables a user of the native realm (or a built-in user).
    pub struct DisableUser {
        name: "security.disable_user",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-disable-user.html",
        response: DisableUserResponse,
        routes: ["PUT|POST /_security/user/{username}/_disable"],
        path: [
            /// The username of the user to disable.
            username: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Changes the password of a user of the native realm, or of the caller when no username is set.
    pub struct ChangePassword {
        name: "security.change_password",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-change-password.html",
        response: ChangePasswordResponse,
        routes: [
            "PUT|POST /_security/user/{username}/_password",
            "PUT|POST /_security/user/_password",
        ],
        path: [],
        opt_path: [
            /// The user whose password to change (the caller when not set).
            username: String,
        ],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required ChangePasswordBody {
            args: [],
            fields: [
                /// The new password (at least 6 characters).
                opt password: security_types::Secret,
                /// A hash of the new password, in the cluster's configured format.
                opt password_hash: security_types::Secret,
            ],
        },
    }
}

endpoint! {
    /// Evicts users from the user cache of realms: some users, or all.
    pub struct ClearCachedRealms {
        name: "security.clear_cached_realms",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-clear-cache.html",
        serverless: private,
        response: ClearCachedRealmsResponse,
        routes: ["POST /_security/realm/{realms}/_clear_cache"],
        path: [
            /// The realms whose caches to clear (`*` for all).
            realms: crate::Names,
        ],
        opt_path: [],
        query: [
            /// Evict only these users (all users when not set).
            usernames: crate::Names,
        ],
        body: none,
    }
}

endpoint! {
    /// Queries the users of the native realm with a subset of the query DSL, with sorting and
    /// paging (`from`/`size` or `search_after`). Built-in users are not included.
    ///
    /// To go through every matching user page by page, see the client's user stream.
    pub struct QueryUser {
        name: "security.query_user",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-query-user.html",
        since: "8.14.0",
        serverless: private,
        response: QueryUserResponse,
        routes: ["GET|POST /_security/_query/user"],
        path: [],
        opt_path: [],
        query: [
            /// Also return each user's profile id (`profile_uid`), when the user has one.
            with_profile_uid: bool,
        ],
        body: optional QueryUserBody {
            args: [],
            fields: [
                /// Which users (all when not set): on `username`, `roles`, `enabled`,
                /// `full_name` and `email`.
                opt query: UserQuery,
                /// Offset of the first user.
                opt from: u32,
                /// Number of users to return (default 10).
                opt size: u32,
                /// Sort criteria: on `username`, `roles`, `enabled`, or `_doc`.
                opt sort: security_types::common::Sort,
                /// Continue after these sort values.
                list search_after: security_types::common::FieldValue,
            ],
        },
    }
}

impl<C> QueryUser<C> {
    /// The body, created empty if none is set: for helpers that adjust a request (e.g. paging).
    pub fn body_mut(&mut self) -> &mut QueryUserBody {
        self.__body_mut()
    }
}
