//! The `settings` API group: client methods, request types and data types for the settings of
//! the security indices and the security statistics of the nodes.

pub use security_core::settings::*;
pub use security_types::settings::*;

methods! {
    /// Gets the user-configurable settings of the security indices. `GET /_security/settings`.
    get_settings() -> security_core::settings::GetSettings;
    /// Updates the user-configurable settings of the security indices.
    /// `PUT /_security/settings`.
    update_settings() -> security_core::settings::UpdateSettings;
    /// Gets the security statistics of every node (servers 9.2 and newer).
    /// `GET /_security/stats`.
    get_stats() -> security_core::settings::GetStats;
}
