//! Keeps a `get_token` access token fresh, over any transport.
//!
//! [`TokenRefresher`] holds the access token, the refresh token and the expiry (computed from
//! `expires_in` and the current time, which you pass in: there is no clock in this crate, so it
//! works the same on servers and in browsers). Shortly before expiry, or when a call is answered
//! 401, it calls `get_token` with `grant_type: refresh_token` and swaps the client's credentials
//! for the new access token. Concurrent callers share one refresh and its outcome: when it
//! fails, every caller that waited on it gets its error (the refresh token is single-use, so
//! it is never sent again by the callers queued behind). A lifetime too large for the clock
//! (`expires_in` of years) is capped at a century.
//!
//! ```no_run
//! use security_client::token_refresh::TokenRefresher;
//! use security_client::tokens::GetToken;
//! use security_client::{Credentials, SecurityClient};
//! use std::time::SystemTime;
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! // A service logs a user in with the password grant, authenticating as itself.
//! let service = Credentials::basic("my_service", "service-password");
//! let token = client
//!     .send(GetToken::with_password("jacknich", "l0ng-r4nd0m-p@ssw0rd").credentials(service.clone()))
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

use crate::{Credentials, Error, SecurityClient};
use security_core::tokens::GetToken;
use security_core::ClientTransport;
use security_core::{TransportError, TransportErrorKind};
use security_types::tokens::GetTokenResponse;
use security_types::Secret;
use std::future::Future;
use std::sync::{Arc, Mutex};
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
    /// Refreshes finished so far (successful or not): a caller that waited for a refresh
    /// sees it change, and takes that refresh's outcome instead of sending another.
    refreshes: u64,
    /// The last refresh's failure, if it failed.
    failure: Option<SharedFailure>,
}

/// A failed refresh, kept for every caller that waited on it (a refresh token is single-use:
/// trying again with it cannot succeed, and would be one more request per waiting caller).
#[derive(Clone)]
enum SharedFailure {
    InvalidRequest(&'static str, String),
    Api(Box<security_core::ApiError>),
    UnsupportedProduct(&'static str, u16),
    Decode(&'static str, String, String, Vec<u8>),
    /// A transport error (its kind kept), or an error of a kind this helper does not know.
    Other(
        TransportErrorKind,
        Arc<dyn std::error::Error + Send + Sync + 'static>,
    ),
}

impl SharedFailure {
    fn new(error: Error) -> Self {
        match error {
            Error::InvalidRequest { endpoint, reason } => {
                SharedFailure::InvalidRequest(endpoint, reason)
            }
            Error::Api(api) => SharedFailure::Api(api),
            Error::UnsupportedProduct { endpoint, status } => {
                SharedFailure::UnsupportedProduct(endpoint, status)
            }
            Error::Decode {
                endpoint,
                path,
                message,
                body,
            } => SharedFailure::Decode(endpoint, path, message, body),
            Error::Transport(transport) => {
                let kind = transport.kind();
                SharedFailure::Other(kind, Arc::from(transport.into_inner()))
            }
            other => SharedFailure::Other(TransportErrorKind::Other, Arc::new(other)),
        }
    }

    /// The failure as an error of its own: the same variant and content; a transport error
    /// keeps its kind and message (its source is shared by every caller).
    fn to_error(&self) -> Error {
        match self.clone() {
            SharedFailure::InvalidRequest(endpoint, reason) => {
                Error::InvalidRequest { endpoint, reason }
            }
            SharedFailure::Api(api) => Error::Api(api),
            SharedFailure::UnsupportedProduct(endpoint, status) => {
                Error::UnsupportedProduct { endpoint, status }
            }
            SharedFailure::Decode(endpoint, path, message, body) => Error::Decode {
                endpoint,
                path,
                message,
                body,
            },
            SharedFailure::Other(kind, source) => {
                Error::Transport(TransportError::new(kind, source))
            }
        }
    }
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
                expires_at: later(now, expires_in),
                refreshes: 0,
                failure: None,
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
        // A margin too long for the clock: always due.
        now.checked_add(self.margin)
            .is_none_or(|due| due >= self.state().expires_at)
    }

    /// Sets the client's credentials to the current access token.
    pub fn install<T>(&self, client: &SecurityClient<T>) {
        client.set_credentials(Some(self.credentials()));
    }

    /// Refreshes the token if it expires within the margin of `now`, and sets the client's
    /// credentials to the current access token. Returns those credentials.
    pub async fn ensure_fresh<T: ClientTransport>(
        &self,
        client: &SecurityClient<T>,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        if !self.needs_refresh(now) {
            self.install(client);
            return Ok(self.credentials());
        }
        let seen = self.state().refreshes;
        let _refreshing = self.refreshing.lock().await;
        // Another caller refreshed while we waited: its outcome is ours, error included.
        if let Some(outcome) = self.outcome_since(seen) {
            if outcome.is_ok() {
                self.install(client);
            }
            return outcome;
        }
        if !self.needs_refresh(now) {
            self.install(client);
            return Ok(self.credentials());
        }
        self.refresh_now(client, now).await
    }

    /// The outcome of the refreshes that finished since `seen` (the count a caller read before
    /// waiting), if any did: the new credentials, or the last one's error.
    fn outcome_since(&self, seen: u64) -> Option<Result<Credentials, Error>> {
        let state = self.state();
        if state.refreshes == seen {
            return None;
        }
        Some(match &state.failure {
            Some(failure) => Err(failure.to_error()),
            None => Ok(Credentials::Bearer(state.access.clone())),
        })
    }

    /// Refreshes after `rejected` was answered 401, unless the token was replaced since (by a
    /// concurrent caller): then the current credentials are returned without a refresh.
    pub async fn refresh_rejected<T: ClientTransport>(
        &self,
        client: &SecurityClient<T>,
        rejected: &Credentials,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        let seen = self.state().refreshes;
        let _refreshing = self.refreshing.lock().await;
        if let Some(outcome) = self.outcome_since(seen) {
            if outcome.is_ok() {
                self.install(client);
            }
            return outcome;
        }
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
        T: ClientTransport,
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

    /// Sends `get_token` with the refresh token, stores the answer (or the failure, for the
    /// callers waiting), sets the client's credentials. The caller holds `refreshing`.
    async fn refresh_now<T: ClientTransport>(
        &self,
        client: &SecurityClient<T>,
        now: SystemTime,
    ) -> Result<Credentials, Error> {
        match self.try_refresh(client, now).await {
            Ok(credentials) => Ok(credentials),
            Err(error) => {
                let failure = SharedFailure::new(error);
                let error = failure.to_error();
                let mut state = self.state();
                state.refreshes = state.refreshes.wrapping_add(1);
                state.failure = Some(failure);
                Err(error)
            }
        }
    }

    async fn try_refresh<T: ClientTransport>(
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
        let mut request = GetToken::with_refresh_token(refresh);
        if let Some(credentials) = &self.refresh_credentials {
            request = request.credentials(credentials.clone());
        }
        let answer = client.send(request).await?;
        {
            let mut state = self.state();
            let refreshes = state.refreshes.wrapping_add(1);
            *state = State {
                access: answer.access_token,
                // A refresh token is used once; Elasticsearch sends a new one.
                refresh: answer.refresh_token,
                expires_at: later(now, seconds(answer.expires_in)),
                refreshes,
                failure: None,
            };
        }
        self.install(client);
        Ok(self.credentials())
    }
}

fn seconds(expires_in: i64) -> Duration {
    Duration::from_secs(u64::try_from(expires_in).unwrap_or(0))
}

/// The longest lifetime a token is taken to have, whatever the server says.
const MAX_LIFETIME: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// `now + lifetime` without overflow: the lifetime is capped at a century, and a time the clock
/// cannot represent becomes `now` (refresh at once).
fn later(now: SystemTime, lifetime: Duration) -> SystemTime {
    now.checked_add(lifetime.min(MAX_LIFETIME)).unwrap_or(now)
}
