//! Paths no route knows: a missing trailing slash is redirected to the canonical URL
//! (`/politique` → `/politique/`), anything else is the 404 page.

use crate::error::AppError;
use axum::http::{Method, Uri};
use axum::response::Response;

/// Redirects or answers 404.
pub async fn fallback(method: Method, uri: Uri) -> Result<Response, AppError> {
    let path = uri.path();
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    let wants_slash = matches!(method, Method::GET | Method::HEAD)
        && !path.ends_with('/')
        && !last_segment.contains('.')
        && !path.starts_with("//")
        && !path.contains('\\');
    if !wants_slash {
        return Err(AppError::not_found());
    }
    let target = match uri.query() {
        Some(query) => format!("{path}/?{query}"),
        None => format!("{path}/"),
    };
    Ok(crate::redirect::permanent(&target))
}
