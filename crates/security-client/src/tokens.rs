//! The `tokens` API group: client methods, request types and data types.

pub use security_core::tokens::*;
pub use security_types::tokens::*;

methods! {
    /// Creates an access token (and usually a refresh token). `POST /_security/oauth2/token`.
    get_token() -> security_core::tokens::GetToken;
    /// Invalidates access or refresh tokens. `DELETE /_security/oauth2/token` (with a body).
    invalidate_token() -> security_core::tokens::InvalidateToken;
}
