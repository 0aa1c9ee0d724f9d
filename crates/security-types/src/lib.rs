//! Serde data types of the Elasticsearch Security API (8.x and 9.x).
//!
//! This crate holds data only: request bodies (derive `Serialize`), responses (derive `Deserialize`)
//! and the shared types of the security domain ([`common::RoleDescriptor`], [`common::User`], …).
//! It does no I/O and builds no requests; see `security-core` for that.
//!
//! The types are faithful to the 8.14 specification and carry what servers up to 9.5 add
//! (`remote_indices`, `remote_cluster`, `description`, global `data_source`, `implicitly_granted`,
//! API-key `type`/`access`/`certificate_identity`, …), optional where older servers omit it.
//! They are forgiving: unknown response fields are ignored, open enums (privileges, grant types)
//! keep unknown values in an `Other` variant. Where a server returns a different shape than it
//! accepts, read and write types are separate ([`roles::Role`] → [`roles::PutRoleBody`]).
//!
//! Modules follow the API groups, with the same names in `security-core` and `security-client`.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod common;
pub mod secret;

pub mod enroll;
pub mod info;
pub mod privileges;
pub mod role_mappings;
pub mod roles;
pub mod settings;
pub mod tokens;
pub mod users;

#[cfg(feature = "api-keys")]
pub mod api_keys;
#[cfg(feature = "oidc")]
pub mod oidc;
#[cfg(feature = "profiles")]
pub mod profiles;
#[cfg(feature = "saml")]
pub mod saml;
#[cfg(feature = "service-accounts")]
pub mod service_accounts;

pub use secret::Secret;
