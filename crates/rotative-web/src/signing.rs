//! Signed tokens: what the site hands out and must recognise when it comes back (the
//! comment form's timestamp, a held comment's link, the moderators' session and their
//! forms' CSRF tokens). HMAC-SHA-256 under the site's secret, which is made once, kept in
//! the database, and so shared by every node.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The settings key of the site's secret.
pub const SECRET_KEY: &str = "secret";

/// Signs and checks tokens with the site's secret.
#[derive(Clone)]
pub struct Signer {
    /// HMAC keyed once: its key schedule (two of the four SHA-256 blocks a short token
    /// costs) is not worked out again for each token.
    keyed: Hmac<Sha256>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(…)")
    }
}

impl Signer {
    /// A signer over a secret.
    pub fn new(secret: &str) -> Self {
        Signer {
            // A key of any length is accepted by HMAC.
            keyed: <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length")),
        }
    }

    /// A new random secret, as text.
    pub fn random_secret() -> Result<String, getrandom::Error> {
        Ok(hex(&random_bytes::<32>()?))
    }

    fn mac(&self, purpose: &str, payload: &str) -> Hmac<Sha256> {
        let mut mac = self.keyed.clone();
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(payload.as_bytes());
        mac
    }

    /// The signature of `payload` for one purpose (a signature for one purpose is worth
    /// nothing for another).
    pub fn sign(&self, purpose: &str, payload: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, payload).finalize().into_bytes())
    }

    /// Whether `signature` is that of `payload` for this purpose (in constant time).
    pub fn verify(&self, purpose: &str, payload: &str, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        self.mac(purpose, payload).verify_slice(&bytes).is_ok()
    }

    /// `payload.signature`.
    pub fn seal(&self, purpose: &str, payload: &str) -> String {
        format!("{payload}.{}", self.sign(purpose, payload))
    }

    /// The payload of a sealed token, if its signature holds.
    pub fn open<'a>(&self, purpose: &str, token: &'a str) -> Option<&'a str> {
        let (payload, signature) = token.rsplit_once('.')?;
        self.verify(purpose, payload, signature).then_some(payload)
    }
}

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hold_only_for_their_purpose_and_secret() {
        let signer = Signer::new("s3cret");
        let token = signer.seal("form", "42:1700000000");
        assert_eq!(signer.open("form", &token), Some("42:1700000000"));
        assert_eq!(signer.open("session", &token), None);
        assert_eq!(Signer::new("other").open("form", &token), None);
        let forged = token.replace("42:", "43:");
        assert_eq!(signer.open("form", &forged), None);
        assert_eq!(signer.open("form", "no-signature"), None);
    }

    #[test]
    fn a_signature_is_hmac_sha256_of_purpose_and_payload_each_time() {
        // Python: hmac.new(b"Jefe", b"form\x0042:1700000000", hashlib.sha256), base64url.
        let signer = Signer::new("Jefe");
        for _ in 0..2 {
            assert_eq!(
                signer.sign("form", "42:1700000000"),
                "VpxNWcRdRvy3xgTf3Z9IqGQxmKpK34Wyv2D-MPbgpfQ"
            );
        }
    }

    #[test]
    fn random_secrets_differ() {
        let (a, b) = (Signer::random_secret(), Signer::random_secret());
        assert!(matches!((&a, &b), (Ok(a), Ok(b)) if a != b && a.len() == 64));
    }
}
