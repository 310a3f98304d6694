//! The one HTTP client Rotative uses to reach other services (S3 storage, and later the
//! weather and WordPress imports): rustls over the system's certificates, short timeouts.

use std::time::Duration;

/// A client for outgoing requests, with these timeouts.
pub fn client(connect: Duration, total: Duration) -> reqwest::Result<reqwest::Client> {
    // One cryptography provider for the whole process; a second call finds it installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .connect_timeout(connect)
        .timeout(total)
        .user_agent(concat!("Rotative/", env!("CARGO_PKG_VERSION")))
        .build()
}
