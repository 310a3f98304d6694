//! `/static/{file}`: the theme's files under fingerprinted names, cached for a year.

use crate::AppState;
use crate::error::AppError;
use axum::extract::State;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};

/// Serves a static file.
pub async fn serve(State(state): State<AppState>, uri: Uri) -> Result<Response, AppError> {
    let asset = state
        .theme()
        .assets()
        .by_path(uri.path())
        .ok_or_else(AppError::not_found)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        asset.bytes,
    )
        .into_response())
}
