//! The `profiles` API group: client methods, request types and data types.
//!
//! User profiles hold application data (`data`, private) and `labels` (searchable) next to the
//! user's identity. Both are JSON objects the application defines, usually one key per
//! application; read them as JSON or as your own `Deserialize` types (`data_get`, `data_as`),
//! and write them from any `Serialize` value (`data_entry`, `data`, `labels_entry`, `labels`).
//!
//! # Read-modify-write
//!
//! Read the profile with the data key you need, change it, and write it back only if nobody
//! changed the profile in between (`if_unchanged`, i.e. `if_seq_no` + `if_primary_term`). If
//! somebody did, the update fails with a 409 conflict: read again and retry.
//!
//! ```
//! use security_client::{Error, SecurityClient};
//! use std::collections::BTreeMap;
//!
//! /// The settings app1 keeps in profiles; any `Serialize + Deserialize` type works.
//! type Settings = BTreeMap<String, String>;
//!
//! async fn set_theme<T>(client: &SecurityClient<T>, uid: &str, theme: &str) -> Result<(), Error>
//! where
//!     T: security_client::ClientTransport,
//! {
//!     loop {
//!         let read = client.get_user_profile(uid).data("app1").await?;
//!         let profile = &read.profiles[0];
//!         let mut settings: Settings = profile.data_get("app1").ok().flatten().unwrap_or_default();
//!         settings.insert("theme".into(), theme.into());
//!         let written = client
//!             .update_user_profile_data(uid)
//!             .data_entry("app1", &settings)
//!             .if_unchanged(&profile.doc)
//!             .await;
//!         match written {
//!             Ok(_) => return Ok(()),
//!             // Somebody changed the profile since we read it: read it again.
//!             Err(e) if e.is_conflict() => continue,
//!             Err(e) => return Err(e),
//!         }
//!     }
//! }
//! # // A fake Elasticsearch: the first update conflicts, the second succeeds.
//! # let updates = std::sync::atomic::AtomicUsize::new(0);
//! # let transport = move |req: http::Request<Vec<u8>>| {
//! #     let (status, body) = if req.method() == "GET" {
//! #         assert_eq!(req.uri().path_and_query().unwrap(), "/_security/profile/u_79Hk_0?data=app1");
//! #         (200, r#"{"profiles":[{"uid":"u_79Hk_0","enabled":true,"last_synchronized":1642650651037,
//! #             "user":{"username":"jacknich","roles":[],"realm_name":"native"},
//! #             "labels":{},"data":{"app1":{"theme":"light","lang":"en"}},"_doc":{"_primary_term":88,"_seq_no":66}}]}"#)
//! #     } else if updates.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
//! #         (409, r#"{"error":{"type":"version_conflict_engine_exception","reason":"version conflict"},"status":409}"#)
//! #     } else {
//! #         assert_eq!(req.uri().path_and_query().unwrap(), "/_security/profile/u_79Hk_0/_data?if_seq_no=66&if_primary_term=88");
//! #         assert_eq!(req.body(), br#"{"data":{"app1":{"lang":"en","theme":"dark"}}}"#);
//! #         (200, r#"{"acknowledged":true}"#)
//! #     };
//! #     async move {
//! #         Ok::<_, std::io::Error>(http::Response::builder().status(status)
//! #             .header("x-elastic-product", "Elasticsearch").body(body.as_bytes().to_vec()).unwrap())
//! #     }
//! # };
//! # let client = SecurityClient::new("http://localhost:9200", transport).unwrap();
//! # futures::executor::block_on(set_theme(&client, "u_79Hk_0", "dark")).unwrap();
//! ```
//!
//! With your own `#[derive(Serialize, Deserialize)]` struct in place of `Settings`, the same code
//! reads and writes typed settings; `profile.data_as::<AllApps>()` reads the whole `data` object.

pub use security_core::profiles::*;
pub use security_types::profiles::*;

methods! {
    /// Creates or updates the profile of a user, who authenticates with `.username(..)` and
    /// `.password(..)` (grant type `password`) or `.access_token(..)` (grant type
    /// `access_token`). `POST /_security/profile/_activate`.
    activate_user_profile(grant_type: GrantType) -> security_core::profiles::ActivateUserProfile;
    /// Gets user profiles by uid (`.data("app1")` for application data).
    /// `GET /_security/profile/{uid}`.
    get_user_profile(uid: security_core::Names) -> security_core::profiles::GetUserProfile;
    /// Suggests user profiles that match `.name(..)`, ranked by hints.
    /// `POST /_security/profile/_suggest` (`GET` without a body).
    suggest_user_profiles() -> security_core::profiles::SuggestUserProfiles;
    /// Enables a user profile. `PUT /_security/profile/{uid}/_enable`.
    enable_user_profile(uid: String) -> security_core::profiles::EnableUserProfile;
    /// Disables a user profile. `PUT /_security/profile/{uid}/_disable`.
    disable_user_profile(uid: String) -> security_core::profiles::DisableUserProfile;
    /// Updates the application data and labels of a user profile.
    /// `PUT /_security/profile/{uid}/_data`.
    update_user_profile_data(uid: String) -> security_core::profiles::UpdateUserProfileData;
    /// Checks whether the users of some profiles have all of the given privileges.
    /// `POST /_security/profile/_has_privileges`.
    has_privileges_user_profile(uids: ProfileUids, privileges: PrivilegesCheck)
        -> security_core::profiles::HasPrivilegesUserProfile;
}
