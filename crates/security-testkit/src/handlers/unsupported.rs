//! What this test server has no realm for. SAML and user profiles: an Elasticsearch-shaped
//! 501 that says so. OpenID Connect and PKI delegation: what a cluster without an OpenID
//! Connect realm, or without a PKI realm that allows delegation, answers (following
//! Elasticsearch's own code paths for that case).

use super::{opt_string, opt_strings};
use crate::dispatch::Ctx;
use crate::error::{not_emulated, unauthorized, validation, x_content_parse, EsError, Outcome};
use crate::store::State;
use serde_json::Value;

/// SAML endpoints.
pub(crate) fn saml(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "SAML",
        &format!(
            "[{} {}] needs a SAML realm and an identity provider",
            ctx.req.method, ctx.req.path
        ),
    ))
}

/// User-profile endpoints.
pub(crate) fn profiles(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "user profiles",
        &format!("[{} {}] is not implemented", ctx.req.method, ctx.req.path),
    ))
}

/// Rejects fields an object parser does not know (`x_content_parse_exception`).
fn strict(body: &Value, allowed: &[&str], parser: &str) -> Result<(), crate::error::Reply> {
    for key in body.as_object().into_iter().flat_map(|m| m.keys()) {
        if !allowed.contains(&key.as_str()) {
            return Err(x_content_parse(format!("[{parser}] unknown field [{key}]")));
        }
    }
    Ok(())
}

fn has_text(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// POST /_security/oidc/prepare: there is no OpenID Connect realm, so none has the name or
/// the issuer asked for (500 `security_exception`, as Elasticsearch answers).
pub(crate) fn oidc_prepare(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "oidc_prepare_authentication";
    let body = ctx.body();
    strict(
        body,
        &["realm", "iss", "login_hint", "state", "nonce"],
        PARSER,
    )?;
    let realm = opt_string(body, "realm", PARSER)?;
    let issuer = opt_string(body, "iss", PARSER)?;
    for f in ["login_hint", "state", "nonce"] {
        opt_string(body, f, PARSER)?;
    }
    if !has_text(&realm) && !has_text(&issuer) {
        return Err(validation(&[
            "one of [realm, issuer] must be provided".to_owned()
        ]));
    }
    if has_text(&realm) && has_text(&issuer) {
        return Err(validation(&[
            "only one of [realm, issuer] can be provided in the same request".to_owned(),
        ]));
    }
    ctx.require(state, "cluster:admin/xpack/security/oidc/prepare", false)?;
    let reason = match issuer.filter(|i| !i.trim().is_empty()) {
        Some(issuer) => format!("Cannot find OpenID Connect realm with issuer [{issuer}]"),
        None => format!(
            "Cannot find OpenID Connect realm with name [{}]",
            realm.unwrap_or_default()
        ),
    };
    Err(EsError::new(500, "security_exception", reason).reply())
}

/// POST /_security/oidc/authenticate: no realm accepts the OpenID Connect token, so the
/// authentication fails (401, with the challenges).
pub(crate) fn oidc_authenticate(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "oidc_authn";
    const ACTION: &str = "cluster:admin/xpack/security/oidc/authenticate";
    let body = ctx.body();
    strict(body, &["redirect_uri", "state", "nonce", "realm"], PARSER)?;
    let mut errors = Vec::new();
    for (field, message) in [
        ("state", "state parameter is missing"),
        ("nonce", "nonce parameter is missing"),
        ("redirect_uri", "redirect_uri parameter is missing"),
    ] {
        if !has_text(&opt_string(body, field, PARSER)?) {
            errors.push(message.to_owned());
        }
    }
    opt_string(body, "realm", PARSER)?;
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, ACTION, false)?;
    Err(unauthorized(format!(
        "unable to authenticate user [<OIDC Token>] for action [{ACTION}]"
    ))
    .reply())
}

/// POST /_security/oidc/logout: the token is not one an OpenID Connect realm issued.
pub(crate) fn oidc_logout(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "oidc_logout";
    let body = ctx.body();
    strict(body, &["token", "refresh_token"], PARSER)?;
    let token = opt_string(body, "token", PARSER)?;
    opt_string(body, "refresh_token", PARSER)?;
    let Some(token) = token.filter(|t| !t.trim().is_empty()) else {
        return Err(validation(&["token is missing".to_owned()]));
    };
    ctx.require(state, "cluster:admin/xpack/security/oidc/logout", false)?;
    if state.tokens.contains_key(&token) {
        // A token of another realm (native, reserved, ...).
        return Err(crate::error::illegal_argument(
            "Access token is not valid for an OpenID Connect realm",
        ));
    }
    Err(EsError::new(500, "security_exception", "supplied token is not valid").reply())
}

/// The subject distinguished name of a DER certificate, as Java's `X500Principal` prints it
/// (most specific first: `CN=…, OU=…, O=…`); `None` when it is not a certificate.
fn subject_dn(der: &[u8]) -> Option<String> {
    /// One DER element: (tag, content, rest).
    fn element(data: &[u8]) -> Option<(u8, &[u8], &[u8])> {
        let tag = *data.first()?;
        let first = *data.get(1)? as usize;
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *data.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let end = header.checked_add(len)?;
        Some((tag, data.get(header..end)?, data.get(end..)?))
    }
    let (0x30, cert, _) = element(der)? else {
        return None;
    };
    let (0x30, tbs, _) = element(cert)? else {
        return None;
    };
    let mut rest = tbs;
    let (tag, _, after) = element(rest)?;
    if tag == 0xa0 {
        rest = after; // explicit version
    }
    // serial, signature algorithm, issuer, validity, subject
    for _ in 0..4 {
        rest = element(rest)?.2;
    }
    let (0x30, mut name, _) = element(rest)? else {
        return None;
    };
    let mut parts = Vec::new();
    while !name.is_empty() {
        let (0x31, mut set, next) = element(name)? else {
            return None;
        };
        name = next;
        while !set.is_empty() {
            let (0x30, attr, next) = element(set)? else {
                return None;
            };
            set = next;
            let (0x06, oid, value) = element(attr)? else {
                return None;
            };
            let (_, value, _) = element(value)?;
            let key = match oid {
                [0x55, 0x04, 0x03] => "CN".to_owned(),
                [0x55, 0x04, 0x06] => "C".to_owned(),
                [0x55, 0x04, 0x07] => "L".to_owned(),
                [0x55, 0x04, 0x08] => "ST".to_owned(),
                [0x55, 0x04, 0x0a] => "O".to_owned(),
                [0x55, 0x04, 0x0b] => "OU".to_owned(),
                other => other.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            };
            parts.push(format!("{key}={}", String::from_utf8_lossy(value)));
        }
    }
    parts.reverse();
    Some(parts.join(", "))
}

/// POST /_security/delegate_pki: no PKI realm allows delegation, so the certificate's
/// subject cannot be authenticated (401, with the challenges).
pub(crate) fn delegate_pki(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "delegate_pki_request";
    const ACTION: &str = "cluster:admin/xpack/security/delegate_pki";
    let body = ctx.body();
    strict(body, &["x509_certificate_chain"], PARSER)?;
    let chain = opt_strings(body, "x509_certificate_chain", PARSER)?.unwrap_or_default();
    if chain.is_empty() {
        return Err(validation(&[
            "certificates chain array must not be empty".to_owned()
        ]));
    }
    let mut subjects = Vec::new();
    for cert in &chain {
        let dn = crate::util::b64_decode(cert).and_then(|der| subject_dn(&der));
        match dn {
            Some(dn) => subjects.push(dn),
            None => {
                return Err(EsError::new(
                    400,
                    "x_content_parse_exception",
                    format!("[{PARSER}] failed to parse field [x509_certificate_chain]"),
                )
                .caused_by("x_content_parse_exception", "failed to parse certificate")
                .reply())
            }
        }
    }
    ctx.require(state, ACTION, false)?;
    Err(unauthorized(format!(
        "unable to authenticate user [{}] for action [{ACTION}]",
        subjects[0]
    ))
    .reply())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_subject_of_the_spec_example_certificate() {
        let cert = "MIIDeDCCAmCgAwIBAgIUBzj/nGGKxP2iXawsSquHmQjCJmMwDQYJKoZIhvcNAQELBQAwUzErMCkGA1UEAxMiRWxhc3RpY3NlYXJjaCBUZXN0IEludGVybWVkaWF0ZSBDQTEWMBQGA1UECxMNRWxhc3RpY3NlYXJjaDEMMAoGA1UEChMDb3JnMB4XDTIzMDcxODE5MjkwNloXDTQzMDcxMzE5MjkwNlowSjEiMCAGA1UEAxMZRWxhc3RpY3NlYXJjaCBUZXN0IENsaWVudDEWMBQGA1UECxMNRWxhc3RpY3NlYXJjaDEMMAoGA1UEChMDb3JnMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAllHL4pQkkfwAm/oLkxYYO+r950DEy1bjH+4viCHzNADLCTWO+lOZJVlNx7QEzJE3QGMdif9CCBBxQFMapA7oUFCLq84fPSQQu5AnvvbltVD9nwVtCs+9ZGDjMKsz98RhSLMFIkxdxi6HkQ3Lfa4ZSI4lvba4oo+T/GveazBDS+NgmKyq00EOXt3tWi1G9vEVItommzXWfv0agJWzVnLMldwkPqsw0W7zrpyT7FZS4iLbQADGceOW8fiauOGMkscu9zAnDR/SbWl/chYioQOdw6ndFLn1YIFPd37xL0WsdsldTpn0vH3YfzgLMffT/3P6YlwBegWzsx6FnM/93Ecb4wIDAQABo00wSzAJBgNVHRMEAjAAMB0GA1UdDgQWBBQKNRwjW+Ad/FN1Rpoqme/5+jrFWzAfBgNVHSMEGDAWgBRcya0c0x/PaI7MbmJVIylWgLqXNjANBgkqhkiG9w0BAQsFAAOCAQEACZ3PF7Uqu47lplXHP6YlzYL2jL0D28hpj5lGtdha4Muw1m/BjDb0Pu8l0NQ1z3AP6AVcvjNDkQq6Y5jeSz0bwQlealQpYfo7EMXjOidrft1GbqOMFmTBLpLA9SvwYGobSTXWTkJzonqVaTcf80HpMgM2uEhodwTcvz6v1WEfeT/HMjmdIsq4ImrOL9RNrcZG6nWfw0HR3JNOgrbfyEztEI471jHznZ336OEcyX7gQuvHE8tOv5+oD1d7s3Xg1yuFp+Ynh+FfOi3hPCuaHA+7F6fLmzMDLVUBAllugst1C3U+L/paD7tqIa4ka+KNPCbSfwazmJrt4XNiivPR4hwH5g==";
        let der = crate::util::b64_decode(cert).unwrap();
        // The spec's delegate_pki answer names this subject: O=org, OU=Elasticsearch, CN=...
        assert_eq!(
            subject_dn(&der).as_deref(),
            Some("O=org, OU=Elasticsearch, CN=Elasticsearch Test Client")
        );
        assert_eq!(subject_dn(b"not a certificate"), None);
        assert_eq!(subject_dn(&der[..40]), None);
    }
}
