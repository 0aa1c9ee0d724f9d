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
}
