//! TLS: trust roots, CA fingerprint pinning, client certificates, and the development opt-out.
//!
//! The rustls configuration is built here and handed to reqwest, so every way of trusting a
//! server goes through the same code and the `ring` provider (no C toolchain, no OpenSSL).

use crate::error::BuildError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::fmt;
use std::sync::Arc;

/// The SHA-256 fingerprint of a CA certificate, as Elasticsearch 8 prints it at first start.
///
/// Accepts 64 hex digits, upper or lower case, with or without `:` between the bytes
/// (`openssl x509 -fingerprint -sha256` prints the colon form).
///
/// ```
/// use transport_native::CaFingerprint;
/// let a: CaFingerprint = "E6:C4:D2:0D:11:A1:E7:5F:7A:4F:C9:A0:8A:7E:2B:C6:B8:3E:E2:D1:7C:96:4F:6C:0E:4B:9E:8D:24:61:A7:1F".parse().unwrap();
/// let b: CaFingerprint = "e6c4d20d11a1e75f7a4fc9a08a7e2bc6b83ee2d17c964f6c0e4b9e8d2461a71f".parse().unwrap();
/// assert_eq!(a, b);
/// assert!("e6c4d2".parse::<CaFingerprint>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CaFingerprint([u8; 32]);

impl CaFingerprint {
    /// The fingerprint of a DER-encoded certificate.
    pub fn of_der(der: &[u8]) -> Self {
        let digest = ring::digest::digest(&ring::digest::SHA256, der);
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(digest.as_ref());
        CaFingerprint(bytes)
    }

    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::str::FromStr for CaFingerprint {
    type Err = BuildError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BuildError::InvalidFingerprint(s.to_owned());
        let hex: Vec<u8> = s.trim().bytes().filter(|b| *b != b':').collect();
        if hex.len() != 64 {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        for (i, pair) in hex.chunks(2).enumerate() {
            let digit = |c: u8| (c as char).to_digit(16).ok_or_else(bad);
            bytes[i] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
        }
        Ok(CaFingerprint(bytes))
    }
}

impl fmt::Display for CaFingerprint {
    /// Lower-case hex without colons, as Elasticsearch prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for CaFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CaFingerprint({self})")
    }
}

/// How servers are trusted.
#[derive(Clone, Debug, Default)]
pub(crate) enum Trust {
    /// The Mozilla roots (webpki-roots).
    #[default]
    WebPki,
    /// Only the given CA certificates.
    Ca(Vec<CertificateDer<'static>>),
    /// Any certificate chain that includes one of these certificates (see [`PinnedCa`]).
    Fingerprints(Vec<CaFingerprint>),
    /// Anything: development only.
    DangerAcceptAny,
}

/// A client certificate chain and its key (PKI realm).
pub(crate) struct Identity {
    pub(crate) chain: Vec<CertificateDer<'static>>,
    pub(crate) key: PrivateKeyDer<'static>,
}

impl Clone for Identity {
    fn clone(&self) -> Self {
        Identity {
            chain: self.chain.clone(),
            key: self.key.clone_key(),
        }
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("certificates", &self.chain.len())
            .field("key", &"[redacted]")
            .finish()
    }
}

pub(crate) fn parse_certificates(
    what: &'static str,
    pem: &[u8],
) -> Result<Vec<CertificateDer<'static>>, BuildError> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| BuildError::InvalidPem {
            what,
            reason: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(BuildError::InvalidPem {
            what,
            reason: "no `BEGIN CERTIFICATE` block found".to_owned(),
        });
    }
    Ok(certs)
}

pub(crate) fn parse_identity(cert_pem: &[u8], key_pem: &[u8]) -> Result<Identity, BuildError> {
    let chain = parse_certificates("client certificate", cert_pem)?;
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| BuildError::InvalidPem {
        what: "client key",
        reason: e.to_string(),
    })?;
    Ok(Identity { chain, key })
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Builds the rustls client configuration (HTTP/1.1 only, no ALPN).
pub(crate) fn client_config(
    trust: &Trust,
    identity: Option<&Identity>,
) -> Result<ClientConfig, BuildError> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let builder = match trust {
        Trust::WebPki => {
            let roots = RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            builder.with_root_certificates(roots)
        }
        Trust::Ca(certs) => {
            let mut roots = RootCertStore::empty();
            for cert in certs {
                roots
                    .add(cert.clone())
                    .map_err(|e| BuildError::InvalidPem {
                        what: "CA certificate",
                        reason: e.to_string(),
                    })?;
            }
            builder.with_root_certificates(roots)
        }
        Trust::Fingerprints(pins) => {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(CustomVerifier {
                    check: Check::Pinned(pins.clone()),
                    provider,
                }))
        }
        Trust::DangerAcceptAny => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(CustomVerifier {
                check: Check::DangerAcceptAny,
                provider,
            })),
    };
    Ok(match identity {
        Some(id) => builder.with_client_auth_cert(id.chain.clone(), id.key.clone_key())?,
        None => builder.with_no_client_auth(),
    })
}

/// The certificate checks that replace the usual chain-to-a-root verification (the handshake
/// signatures are always checked).
#[derive(Debug)]
struct CustomVerifier {
    check: Check,
    provider: Arc<CryptoProvider>,
}

/// What [`CustomVerifier`] accepts.
#[derive(Debug)]
enum Check {
    /// A server whose presented chain contains a pinned certificate.
    ///
    /// - The end-entity certificate itself is pinned: accepted (the handshake proves the server
    ///   holds its key).
    /// - Another certificate of the chain is pinned: the end-entity certificate must chain up to it
    ///   (signatures and validity dates are checked with that certificate as the only trust
    ///   anchor). Without that check anybody could send the cluster's public CA certificate along
    ///   with their own certificate.
    ///
    /// Like the official clients, the host name is not checked against the certificate: a
    /// certificate issued by the pinned cluster CA identifies the cluster, whatever name or address
    /// it is reached by (Elasticsearch's generated certificates only name the node's own hosts).
    Pinned(Vec<CaFingerprint>),
    /// Any certificate: development only.
    DangerAcceptAny,
}

/// The error a fingerprint mismatch is reported with.
#[derive(Debug)]
struct FingerprintMismatch;

impl fmt::Display for FingerprintMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no certificate of the server's chain matches the pinned CA fingerprint")
    }
}

impl std::error::Error for FingerprintMismatch {}

impl ServerCertVerifier for CustomVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let pins = match &self.check {
            Check::DangerAcceptAny => return Ok(ServerCertVerified::assertion()),
            Check::Pinned(pins) => pins,
        };
        let pinned = |der: &[u8]| pins.contains(&CaFingerprint::of_der(der));
        if pinned(end_entity) {
            return Ok(ServerCertVerified::assertion());
        }
        let Some(index) = intermediates.iter().position(|c| pinned(c)) else {
            return Err(rustls::Error::InvalidCertificate(CertificateError::Other(
                rustls::OtherError(Arc::new(FingerprintMismatch)),
            )));
        };
        let mut anchor = RootCertStore::empty();
        anchor.add(intermediates[index].clone().into_owned())?;
        let others: Vec<CertificateDer<'_>> = intermediates
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, c)| c.clone())
            .collect();
        let cert = rustls::server::ParsedCertificate::try_from(end_entity)?;
        rustls::client::verify_server_cert_signed_by_trust_anchor(
            &cert,
            &anchor,
            &others,
            now,
            self.provider.signature_verification_algorithms.all,
        )?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_in_both_forms_and_print_as_elasticsearch_does() {
        let plain = "3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
        let colons = "3A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";
        let a: CaFingerprint = plain.parse().unwrap();
        let b: CaFingerprint = colons.parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), plain);
        assert_eq!(a.as_bytes()[0], 0x3a);
        let spaced: CaFingerprint = format!("  {plain}\n").parse().unwrap();
        assert_eq!(spaced, a);
    }

    #[test]
    fn bad_fingerprints_are_refused() {
        for bad in [
            "",
            "3a1b",
            "zz1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f900",
            "3a 1b 2c 3d 4e 5f 60 71 82 93 a4 b5 c6 d7 e8 f9 0a 1b 2c 3d 4e 5f 60 71 82 93 a4 b5 c6 d7 e8 f9",
        ] {
            assert!(
                matches!(
                    bad.parse::<CaFingerprint>(),
                    Err(BuildError::InvalidFingerprint(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn fingerprint_of_der_is_sha256() {
        // SHA-256 of the empty input.
        assert_eq!(
            CaFingerprint::of_der(b"").to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn pem_without_certificates_is_an_error() {
        let err = parse_certificates("CA certificate", b"not a pem").unwrap_err();
        assert!(err.to_string().contains("CA certificate"), "{err}");
        assert!(parse_identity(b"", b"").is_err());
    }

    #[test]
    fn identity_debug_hides_the_key() {
        let id = Identity {
            chain: vec![],
            key: PrivateKeyDer::Pkcs8(vec![1, 2, 3].into()),
        };
        assert!(format!("{id:?}").contains("[redacted]"));
    }
}
