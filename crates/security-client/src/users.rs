//! The `users` API group: client methods, request types and data types.

pub use security_core::users::*;
pub use security_types::users::*;

methods! {
    /// Who am I? `GET /_security/_authenticate`.
    authenticate() -> security_core::users::Authenticate;
    /// Gets users of the native realm (all, or `.username(...)`). `GET /_security/user/{username}`.
    get_user() -> security_core::users::GetUser;
    /// Creates or updates a user of the native realm. `PUT /_security/user/{username}`.
    put_user(username: String) -> security_core::users::PutUser;
    /// Deletes a user of the native realm. `DELETE /_security/user/{username}`.
    delete_user(username: String) -> security_core::users::DeleteUser;
    /// Enables a user. `PUT /_security/user/{username}/_enable`.
    enable_user(username: String) -> security_core::users::EnableUser;
    /// Disables a user. `PUT /_security/user/{username}/_disable`.
    disable_user(username: String) -> security_core::users::DisableUser;
    /// Changes a user's password (the caller's unless `.username(...)` is set).
    /// `PUT /_security/user/{username}/_password`.
    change_password() -> security_core::users::ChangePassword;
    /// Evicts users from realm caches (`*` for all realms).
    /// `POST /_security/realm/{realms}/_clear_cache`.
    clear_cached_realms(realms: security_core::Names) -> security_core::users::ClearCachedRealms;
    /// Queries native users with a query, sort and paging (servers 8.14 and newer); to go
    /// through every match page by page, see
    /// [`query_user_stream`](crate::SecurityClient::query_user_stream).
    /// `POST /_security/_query/user`.
    query_user() -> security_core::users::QueryUser;
}
