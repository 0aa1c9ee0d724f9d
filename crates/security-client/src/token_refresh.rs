//! Keeps a `get_token` access token fresh, over any transport.
//!
//! [`TokenRefresher`] holds the access token, the refresh token and the expiry (computed from
//! `expires_in` and the current time, which you pass in: there is no clock in this crate, so it
//! works the same on servers and in browsers). Shortly before expiry, or when a call is answered
//! 401, it calls `get_token` with `grant_type: refresh_token` and swaps the client's credentials
//! for the new access token. Concurrent callers share one refresh.
//!
//! ```no_run
//! use security_client::token_refresh::TokenRefresher;
//! use security_client::{types::tokens::AccessTokenGrantType, Credentials, SecurityClient};
//! use std::time::SystemTime;
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! // A service logs a user in with the password grant, authenticating as itself.
//! let service = Credentials::basic("my_service", "service-password");
//! let token = client
//!     .get_token()
//!     .grant_type(AccessTokenGrantType::Password)
//!     .username("jacknich")
//!     .password("l0ng-r4nd0m-p@ssw0rd")
//!     .credentials(service.clone())
//!     .await?;
//! // Elasticsearch lets only the client that created a token refresh it.
//! let tokens = TokenRefresher::new(&token, SystemTime::now()).refresh_credentials(service);
//! tokens.install(&client);
//!
//! // Each call: refreshed first when about to expire, and once more after a 401.
//! let me = tokens
//!     .call(&client, SystemTime::now(), |c| c.authenticate().into_future())
//!     .await?;
//! # let _ = me; Ok(()) }
//! # use std::future::IntoFuture;
//! ```
//!
//! In a browser, pass the time from JavaScript:
//! `SystemTime::UNIX_EPOCH + Duration::from_millis(js_sys::Date::now() as u64)`
//! (`SystemTime::now()` is not available on `wasm32-unknown-unknown`).

use crate::{Credentials, Error, SecurityClient, Transport};
use security_core::tokens::GetToken;
use security_core::{MaybeSend, MaybeSync};
use security_types::tokens::{AccessTokenGrantType, GetTokenResponse};
use security_types::Secret;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// How long before expiry a token is refreshed, unless set with
/// [`TokenRefresher::refresh_margin`].
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// Holds an access token and refreshes it with its refresh token; see the [module](self).
pub struct TokenRefresher {
    state: Mutex<State>,
    /// Held while refreshing, so that concurrent callers wait for one refresh.
    refreshing: futures::lock::Mutex<()>,
    margin: Duration,
    refresh_credentials: Option<Credentials>,
}

#[derive(Clone)]
struct State {
    access: Secret,
    refresh: Option<Secret>,
    expires_at: SystemTime,
}

impl std::fmt::Debug for TokenRefresher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state();
        f.debug_struct("TokenRefresher")
            .field("access_token", &state.access)
            .field("refresh_token", &state.refresh)
            .field("expires_at", &state.expires_at)
            .field("margin", &self.margin)
            .field("refresh_credentials", &self.refresh_credentials)
            .finish()
    }
}

impl TokenRefresher {
    /// Starts from a `get_token` answer received at `now`.
    pub fn new(token: &GetTokenResponse, now: SystemTime) -> Self {
        Self::from_tokens(
            token.access_token.clone(),
            token.refresh_token.clone(),
            seconds(token.expires_in),
            now,
        )
    }

    /// Starts from tokens kept elsewhere: the access token, the refresh token (none with the
    /// `client_credentials` grant: such a token cannot be refreshed), and the time it has left.
    pub fn from_tokens(
        access_token: impl Into<Secret>,
        refresh_token: Option<Secret>,
        expires_in: Duration,
        now: SystemTime,
    ) -> Self {
        TokenRefresher {
            state: Mutex::new(State {
                access: access_token.into(),
                refresh: refresh_token,
                expires_at: now + expires_in,
            }),
            refreshing: futures::lock::Mutex::new(()),
            margin: DEFAULT_REFRESH_MARGIN,
            refresh_credentials: None,
        }
    }

    /// Refreshes this long before expiry (default [`DEFAULT_REFRESH_MARGIN`], 60 s).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The credentials the refresh request is sent with.
    ///
    /// Elasticsearch only lets the client that created a token refresh it: when a service
    /// created the token for a user (password grant), give the service's credentials. Without
    /// them, the refresh request carries the client's current credentials (the access token
    /// itself), which works only while that token is still valid and belongs to its creator.
    pub fn refresh_credentials(mut self, credentials: Credentials) -> Self {
        self.refresh_credentials = Some(credentials);
        self
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current access token as bearer credentials.
    pub fn credentials(&self) -> Credentials {
        Credentials::Bearer(self.state().access.clone())
    }

    /// When the current access token expires.
    pub fn expires_at(&self) -> SystemTime {
        self.state().expires_at
    }

    /// Whether the token expires within the margin of `now` (or has expired).
    pub fn needs_refresh(&self, now: SystemTime) -> bool {
        now + self.margin >= self.state().expires_at
    }

    /// Sets the client's credentials to the current access token.
    pub fn install<T>(&self, client: &SecurityClient<T>) {
        client.set_credentials(Some(self.credentials()));
    }

    /// Refreshes the token if it expires within the margin of `now`, and sets the client's
    /// credentials to the current access token. Returns those credentials.
    pub async fn ensure_fresh<T: Transport + MaybeSend + MaybeSync + 'static>(
        &self,
        client: &SecurityClient<T>,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        if !self.needs_refresh(now) {
            self.install(client);
            return Ok(self.credentials());
        }
        let _refreshing = self.refreshing.lock().await;
        // Another caller may have refreshed while we waited.
        if !self.needs_refresh(now) {
            self.install(client);
            return Ok(self.credentials());
        }
        self.refresh_now(client, now).await
    }

    /// Refreshes after `rejected` was answered 401, unless the token was replaced since (by a
    /// concurrent caller): then the current credentials are returned without a refresh.
    pub async fn refresh_rejected<T: Transport + MaybeSend + MaybeSync + 'static>(
        &self,
        client: &SecurityClient<T>,
        rejected: &Credentials,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        let _refreshing = self.refreshing.lock().await;
        let current = self.credentials();
        if current != *rejected {
            self.install(client);
            return Ok(current);
        }
        self.refresh_now(client, now).await
    }

    /// Runs a call with a fresh token: refreshes first if the token is about to expire, and if
    /// the call is answered 401, refreshes once and runs it again.
    ///
    /// `call` builds the request from the client, e.g. `|c| c.authenticate().into_future()`.
    pub async fn call<T, F, Fut, R>(
        &self,
        client: &SecurityClient<T>,
        now: SystemTime,
        call: F,
    ) -> Result<R, Error>
    where
        T: Transport + MaybeSend + MaybeSync + 'static,
        F: Fn(&SecurityClient<T>) -> Fut,
        Fut: Future<Output = Result<R, Error>>,
    {
        let used = self.ensure_fresh(client, now).await?;
        match call(client).await {
            Err(e) if e.is_unauthorized() => {
                self.refresh_rejected(client, &used, now).await?;
                call(client).await
            }
            other => other,
        }
    }

    /// Sends `get_token` with the refresh token, stores the answer, sets the client's
    /// credentials. The caller holds `refreshing`.
    async fn refresh_now<T: Transport + MaybeSend + MaybeSync + 'static>(
        &self,
        client: &SecurityClient<T>,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        let Some(refresh) = self.state().refresh.clone() else {
            return Err(Error::InvalidRequest {
                endpoint: "security.get_token",
                reason: "this token has no refresh token (client_credentials grant): request a \
                         new token instead"
                    .to_owned(),
            });
        };
        let mut request = GetToken::new()
            .grant_type(AccessTokenGrantType::RefreshToken)
            .refresh_token(refresh);
        if let Some(credentials) = &self.refresh_credentials {
            request = request.credentials(credentials.clone());
        }
        let answer = client.send(request).await?;
        {
            let mut state = self.state();
            *state = State {
                access: answer.access_token,
                // A refresh token is used once; Elasticsearch sends a new one.
                refresh: answer.refresh_token,
                expires_at: now + seconds(answer.expires_in),
            };
        }
        self.install(client);
        Ok(self.credentials())
    }
}

fn seconds(expires_in: i64) -> Duration {
    Duration::from_secs(u64::try_from(expires_in).unwrap_or(0))
}
