//! A certificate file bound to its claim: `verify check-certificate` accepts a file only when it
//! proves every range statement of the claim it names — each statement of the registry's list
//! exactly once, no other — and every box of every statement re-checks with the other engine.
//!
//! Two kinds of "no": a file that is not a well-formed certificate of a claim with range
//! statements ([`CertificateError`]; the CLI exits 2), and a well-formed certificate that does
//! not prove its claim ([`CertificateCheck::holds`] is false; the CLI exits 1).

use super::registry::{find, Claim};
use crate::rigorous::prover::{recheck, Certificate, Rejection, CERTIFICATE_FORMAT};
use std::io::Read;

/// The largest certificate file read (the largest the suite writes is about 1 MB: drift-limit's
/// two statements with some 5 500 boxes).
pub const CERTIFICATE_MAX_BYTES: u64 = 16 << 20;

/// Why a file is not a certificate of a claim with range statements.
#[derive(Clone, Debug, PartialEq)]
pub enum CertificateError {
    /// The file cannot be read.
    Read(String),
    /// The file is larger than [`CERTIFICATE_MAX_BYTES`] (read no further).
    TooLarge,
    /// Not JSON of the certificate's shape (a field missing, unknown or of the wrong type).
    NotACertificate(String),
    /// The format tag is not this version's.
    UnknownFormat(String),
    /// The claim is not in the registry.
    UnknownClaim(String),
    /// The claim has no range statements: there is nothing a certificate could prove.
    NoRangeStatements(String),
    /// A statement's certificate is inconsistent in itself (a NaN margin, a non-finite corner).
    Malformed(String),
}

impl std::fmt::Display for CertificateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CertificateError::Read(e) => write!(f, "cannot read the certificate: {e}"),
            CertificateError::TooLarge => write!(
                f,
                "the certificate is larger than the {} MiB a certificate can be",
                CERTIFICATE_MAX_BYTES >> 20
            ),
            CertificateError::NotACertificate(e) => write!(f, "not a certificate: {e}"),
            CertificateError::UnknownFormat(s) => write!(
                f,
                "unknown certificate format '{s}' (known: '{CERTIFICATE_FORMAT}')"
            ),
            CertificateError::UnknownClaim(id) => {
                write!(f, "the certificate names an unknown claim '{id}'")
            }
            CertificateError::NoRangeStatements(id) => {
                write!(f, "claim '{id}' has no range statements to certify")
            }
            CertificateError::Malformed(e) => write!(f, "malformed certificate: {e}"),
        }
    }
}
impl std::error::Error for CertificateError {}

/// Reads at most `cap` bytes of a file as UTF-8.
///
/// # Errors
/// [`CertificateError::Read`], or [`CertificateError::TooLarge`] after reading `cap + 1` bytes
/// (so `/dev/zero` costs `cap` bytes, not forever).
pub fn read_capped(path: &std::path::Path, cap: u64) -> Result<String, CertificateError> {
    let file = std::fs::File::open(path).map_err(|e| CertificateError::Read(e.to_string()))?;
    let mut bytes = vec![];
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CertificateError::Read(e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(CertificateError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| CertificateError::NotACertificate("not UTF-8".into()))
}

/// The verdict on one statement of the claim.
#[derive(Clone, Debug)]
pub struct StatementCheck {
    pub id: &'static str,
    /// The number of boxes and the engine that made them, or why the statement is not certified.
    pub result: Result<(usize, &'static str), Rejection>,
}

/// The verdict on a well-formed certificate.
#[derive(Debug)]
pub struct CertificateCheck {
    pub claim: &'static Claim,
    /// One entry per statement of the claim, in the registry's order.
    pub statements: Vec<StatementCheck>,
    /// Statements in the file that are not the claim's, or repeated.
    pub extra: Vec<String>,
}

impl CertificateCheck {
    /// Does the certificate prove its claim: every statement present once, each re-checked,
    /// nothing else?
    pub fn holds(&self) -> bool {
        self.extra.is_empty() && self.statements.iter().all(|s| s.result.is_ok())
    }
}

/// Checks a certificate's text against the registry and re-checks every box.
///
/// # Errors
/// A [`CertificateError`] when the text is not a well-formed certificate of a claim with
/// range statements.
pub fn check_certificate(text: &str) -> Result<CertificateCheck, CertificateError> {
    let cert: Certificate =
        serde_json::from_str(text).map_err(|e| CertificateError::NotACertificate(e.to_string()))?;
    if cert.format != CERTIFICATE_FORMAT {
        return Err(CertificateError::UnknownFormat(cert.format));
    }
    let claim =
        find(&cert.claim).ok_or_else(|| CertificateError::UnknownClaim(cert.claim.clone()))?;
    if claim.range_statements.is_empty() {
        return Err(CertificateError::NoRangeStatements(cert.claim));
    }
    for sc in &cert.statements {
        sc.validate()
            .map_err(|e| CertificateError::Malformed(e.to_string()))?;
    }
    let statements = claim
        .range_statements
        .iter()
        .map(|st| {
            let present: Vec<_> = cert.statements.iter().filter(|sc| sc.id == st.id).collect();
            match present.as_slice() {
                [] => StatementCheck {
                    id: st.id,
                    result: Err(Rejection::WrongStatement(format!(
                        "{} is missing: the claim needs it",
                        st.id
                    ))),
                },
                [sc] => StatementCheck {
                    id: st.id,
                    result: recheck(st, sc).map(|()| (sc.boxes.len(), sc.engine.name())),
                },
                more => StatementCheck {
                    id: st.id,
                    result: Err(Rejection::WrongStatement(format!(
                        "{} appears {} times",
                        st.id,
                        more.len()
                    ))),
                },
            }
        })
        .collect();
    let extra = cert
        .statements
        .iter()
        .filter(|sc| claim.range_statements.iter().all(|st| st.id != sc.id))
        .map(|sc| sc.id.clone())
        .collect();
    Ok(CertificateCheck {
        claim,
        statements,
        extra,
    })
}
