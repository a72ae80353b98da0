//! `X-Pipes-Signature`: lowercase hex HMAC-SHA256 of the raw body (protocol §6.2, A8), checked
//! in constant time before anything parses the body.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The webhook secret; never printed (`Debug` shows its length only).
#[derive(Clone)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Wraps a secret (surrounding whitespace removed).
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into().trim().to_owned())
    }

    /// Whether `signature` (the header's value) is the HMAC of `body`. Constant time in the
    /// signature's bytes; a header that is not 64 hex digits is simply wrong.
    ///
    /// ```
    /// use pipes_media_ingest::webhook::WebhookSecret;
    /// let secret = WebhookSecret::new("0123456789abcdef");
    /// let body = br#"{"object":"whatsapp_business_account"}"#;
    /// let good = pipes_media_ingest::webhook::sign("0123456789abcdef", body);
    /// assert!(secret.verify(body, &good));
    /// assert!(!secret.verify(body, &good.to_uppercase()));
    /// assert!(!secret.verify(b"{}", &good));
    /// ```
    pub fn verify(&self, body: &[u8], signature: &str) -> bool {
        let Ok(expected) = hex::decode(signature.trim()) else {
            return false;
        };
        if signature.trim().bytes().any(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(self.0.as_bytes()) else {
            return false;
        };
        mac.update(body);
        mac.verify_slice(&expected).is_ok()
    }
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WebhookSecret({} characters)", self.0.chars().count())
    }
}

/// The signature a sender with `secret` puts on `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}
