//! Errors as the page shows them: what happened, in words, and what to do about it.

use security_client::{Error, TransportErrorKind};

/// An error message for the page: a one-line summary and, when there is one, a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// What happened.
    pub summary: String,
    /// What to check or do, if the page knows.
    pub hint: Option<String>,
}

/// Where the page and the cluster are, for hints about CORS.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The cluster URL the page talks to.
    pub cluster_url: &'a str,
    /// The page's own origin (`http://127.0.0.1:8080`).
    pub page_origin: &'a str,
}

/// The message for an error of a call.
pub fn describe(error: &Error, ctx: Context<'_>) -> Message {
    match error {
        Error::Api(api) => {
            let kind = api.error_type.as_deref().unwrap_or("error");
            let reason = api.reason.as_deref().unwrap_or("no reason given");
            let hint = match api.status {
                401 => Some(
                    "Check the username and password, or the API key (it may have expired or been invalidated).",
                ),
                403 => Some(
                    "The connected user or key lacks a privilege this needs (for API keys: manage_api_key, or manage_own_api_key for one's own keys).",
                ),
                _ => None,
            };
            Message {
                summary: format!("Elasticsearch answered {} {kind}: {reason}", api.status),
                hint: hint.map(str::to_owned),
            }
        }
        Error::Transport(source) => match source.kind() {
            TransportErrorKind::Timeout => Message {
                summary: format!("{} did not answer in time: {source}", ctx.cluster_url),
                hint: Some(
                    "The cluster is reachable but slow, or busy: try again, or check its health."
                        .to_owned(),
                ),
            },
            TransportErrorKind::Aborted => Message {
                summary: format!("The call to {} was cancelled.", ctx.cluster_url),
                hint: None,
            },
            TransportErrorKind::InvalidRequest => Message {
                summary: format!("The browser refused to send the call: {source}"),
                hint: None,
            },
            TransportErrorKind::InvalidResponse => Message {
                summary: format!("The answer of {} could not be read: {source}", ctx.cluster_url),
                hint: None,
            },
            _ => Message {
                summary: format!("No answer from {}: {source}", ctx.cluster_url),
                hint: Some(format!(
                    "Is the cluster up at that URL? A browser also needs the cluster to allow this page's origin by CORS: http.cors.enabled: true and http.cors.allow-origin: \"{}\" in elasticsearch.yml. The browser's console names the reason, the page cannot see it.",
                    ctx.page_origin
                )),
            },
        },
        Error::UnsupportedProduct { status, .. } => Message {
            summary: format!(
                "The server at {} answered {status} without the header X-Elastic-Product: Elasticsearch that this page can read.",
                ctx.cluster_url
            ),
            hint: Some(
                "Either it is not Elasticsearch, or its CORS settings hide the header: Elasticsearch exposes it by default (http.cors.expose-headers: X-elastic-product).".to_owned(),
            ),
        },
        Error::InvalidRequest { reason, .. } => Message {
            summary: format!("Not sent: {reason}"),
            hint: None,
        },
        Error::Decode { endpoint, path, message, .. } => Message {
            summary: format!("The answer of {endpoint} could not be read at {path}: {message}"),
            hint: None,
        },
        other => Message {
            summary: other.to_string(),
            hint: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use security_client::ApiError;

    const CTX: Context<'static> = Context {
        cluster_url: "http://127.0.0.1:9200",
        page_origin: "http://127.0.0.1:8080",
    };

    fn api(status: u16, body: &str) -> Error {
        Error::Api(Box::new(ApiError::from_parts(
            "security.authenticate",
            status,
            body.as_bytes().to_vec(),
        )))
    }

    #[test]
    fn elasticsearch_errors_show_type_and_reason() {
        let m = describe(
            &api(
                401,
                r#"{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]"}],"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]"},"status":401}"#,
            ),
            CTX,
        );
        assert_eq!(
            m.summary,
            "Elasticsearch answered 401 security_exception: unable to authenticate user [elastic] for REST request [/_security/_authenticate]"
        );
        assert!(m.hint.unwrap().contains("username and password"));

        let m = describe(
            &api(
                403,
                r#"{"error":{"type":"security_exception","reason":"action [cluster:admin/xpack/security/api_key/create] is unauthorized"},"status":403}"#,
            ),
            CTX,
        );
        assert!(
            m.summary
                .contains("403 security_exception: action [cluster:admin"),
            "{}",
            m.summary
        );
        assert!(m.hint.unwrap().contains("manage_own_api_key"));

        let m = describe(&api(502, "Bad Gateway"), CTX);
        assert_eq!(m.summary, "Elasticsearch answered 502 error: Bad Gateway");
        assert_eq!(m.hint, None);
    }

    #[test]
    fn network_errors_point_at_cors() {
        let e = Error::transport_with_kind(
            TransportErrorKind::Network,
            std::io::Error::other("Failed to fetch"),
        );
        let m = describe(&e, CTX);
        assert_eq!(
            m.summary,
            "No answer from http://127.0.0.1:9200: Failed to fetch"
        );
        let hint = m.hint.unwrap();
        assert!(
            hint.contains("http.cors.allow-origin: \"http://127.0.0.1:8080\""),
            "{hint}"
        );
    }

    #[test]
    fn timeouts_are_told_from_network_errors() {
        let e = Error::transport_with_kind(
            TransportErrorKind::Timeout,
            std::io::Error::other(
                "GET http://127.0.0.1:9200/_security/_authenticate timed out after 30s",
            ),
        );
        let m = describe(&e, CTX);
        assert_eq!(
            m.summary,
            "http://127.0.0.1:9200 did not answer in time: GET http://127.0.0.1:9200/_security/_authenticate timed out after 30s"
        );
        assert!(!m.hint.unwrap().contains("CORS"));

        let e = Error::transport_with_kind(
            TransportErrorKind::Aborted,
            std::io::Error::other("aborted"),
        );
        assert_eq!(
            describe(&e, CTX).summary,
            "The call to http://127.0.0.1:9200 was cancelled."
        );
    }

    #[test]
    fn other_errors() {
        let m = describe(
            &Error::UnsupportedProduct {
                endpoint: "security.authenticate",
                status: 200,
            },
            CTX,
        );
        assert!(m
            .summary
            .contains("answered 200 without the header X-Elastic-Product"));
        assert!(m.hint.unwrap().contains("http.cors.expose-headers"));

        let m = describe(
            &Error::InvalidRequest {
                endpoint: "security.invalidate_api_key",
                reason: "no key".into(),
            },
            CTX,
        );
        assert_eq!(m.summary, "Not sent: no key");

        let m = describe(
            &Error::Decode {
                endpoint: "security.authenticate",
                path: "roles[0]".into(),
                message: "invalid type".into(),
                body: Vec::new(),
            },
            CTX,
        );
        assert_eq!(
            m.summary,
            "The answer of security.authenticate could not be read at roles[0]: invalid type"
        );
    }
}
