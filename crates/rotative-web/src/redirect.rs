//! Redirects.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A `301 Moved Permanently` to a path of this site: what search engines and old links
/// expect from a canonical redirect (axum's own helper answers 308).
pub fn permanent(path: &str) -> Response {
    match HeaderValue::from_str(path) {
        Ok(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => crate::AppError::not_found().into_response(),
    }
}
