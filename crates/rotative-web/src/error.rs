//! How errors become responses. The policy, for every crate:
//!
//! - Each library crate has its own `thiserror` enum in its own terms (`StoreError`,
//!   `ThemeError`, …); `anyhow` appears only in the binary and in background jobs.
//! - Handlers return [`AppError`]. What a reader may be told is a closed set, [`UserError`],
//!   whose every variant has a title and a text in each locale (a test checks it).
//! - An [`AppError`] becomes a bare response marked with its [`UserError`]; the
//!   [`render_error_pages`] middleware, which knows the site, turns it into a full page in the
//!   site's language, with the menu. Server errors are logged with the request id and shown
//!   without internals, with the id so a reader can report them.
//! - A unique-constraint violation is a 409 naming the field; a missing reference a 422.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rotative_store::StoreError;
use rotative_theme::ThemeError;

/// What a reader may be told went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserError {
    /// No such page (404).
    NotFound,
    /// A page number that is not a whole number from 1 (400).
    InvalidPage,
    /// A request the site does not understand (400).
    BadRequest,
    /// A request another site made a browser send, or a moderator's form without its
    /// token (403).
    Forbidden,
    /// A comment on an article whose comments are closed (403).
    CommentsClosed,
    /// A value that must be unique is taken (409).
    Conflict,
    /// A body larger than accepted (413).
    PayloadTooLarge,
    /// Too many comments from one address in a short time (429).
    TooManyRequests,
    /// A reference to something that does not exist (422).
    MissingReference,
    /// The database cannot be reached (503).
    Unavailable,
    /// Anything else (500).
    Internal,
}

impl UserError {
    /// Every variant; each needs its strings in every locale.
    pub const ALL: [UserError; 11] = [
        UserError::NotFound,
        UserError::InvalidPage,
        UserError::BadRequest,
        UserError::Forbidden,
        UserError::CommentsClosed,
        UserError::PayloadTooLarge,
        UserError::TooManyRequests,
        UserError::Conflict,
        UserError::MissingReference,
        UserError::Unavailable,
        UserError::Internal,
    ];

    /// The HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            UserError::NotFound => StatusCode::NOT_FOUND,
            UserError::InvalidPage | UserError::BadRequest => StatusCode::BAD_REQUEST,
            UserError::Forbidden | UserError::CommentsClosed => StatusCode::FORBIDDEN,
            UserError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UserError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            UserError::Conflict => StatusCode::CONFLICT,
            UserError::MissingReference => StatusCode::UNPROCESSABLE_ENTITY,
            UserError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            UserError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The Fluent keys of the page's heading and text.
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            UserError::NotFound => ("error-not-found-title", "error-not-found-body"),
            UserError::InvalidPage => ("error-invalid-page-title", "error-invalid-page-body"),
            UserError::BadRequest | UserError::Conflict | UserError::MissingReference => {
                ("error-bad-request-title", "error-bad-request-body")
            }
            UserError::Forbidden => ("error-forbidden-title", "error-forbidden-body"),
            UserError::CommentsClosed => {
                ("error-comments-closed-title", "error-comments-closed-body")
            }
            UserError::PayloadTooLarge => ("error-too-large-title", "error-too-large-body"),
            UserError::TooManyRequests => ("error-too-many-title", "error-too-many-body"),
            UserError::Unavailable => ("error-unavailable-title", "error-unavailable-body"),
            UserError::Internal => ("error-internal-title", "error-internal-body"),
        }
    }
}

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Something the reader asked for is wrong or missing.
    #[error("{0:?}")]
    User(UserError),
    /// A store failure.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A template failure.
    #[error(transparent)]
    Theme(#[from] ThemeError),
}

impl AppError {
    /// The page was not found.
    pub fn not_found() -> Self {
        AppError::User(UserError::NotFound)
    }

    /// Whether this is a page that was not found.
    pub fn is_not_found(&self) -> bool {
        matches!(self, AppError::User(UserError::NotFound))
    }

    fn user_error(&self) -> UserError {
        match self {
            AppError::User(kind) => *kind,
            AppError::Store(StoreError::Conflict { .. }) => UserError::Conflict,
            AppError::Store(StoreError::MissingReference) => UserError::MissingReference,
            AppError::Store(error) if error.is_unavailable() => UserError::Unavailable,
            AppError::Store(_) | AppError::Theme(_) => UserError::Internal,
        }
    }
}

/// Marks a response as an error page still to be rendered.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage(pub UserError);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = self.user_error();
        if kind.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut response = kind.status().into_response();
        if let AppError::Store(StoreError::Conflict { field }) = &self
            && let Ok(value) = HeaderValue::from_str(field)
        {
            response.headers_mut().insert("x-conflict-field", value);
        }
        response.extensions_mut().insert(ErrorPage(kind));
        response
    }
}

/// Turns responses marked with [`ErrorPage`] into pages in the site's language.
pub async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let Some(ErrorPage(kind)) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let shown_id = kind
        .status()
        .is_server_error()
        .then_some(request_id)
        .flatten();
    let (mut parts, _) = response.into_parts();
    let body = match crate::render::error_page(&state, kind, shown_id.clone()).await {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, "the error page itself failed; showing the bare one");
            crate::render::bare_error_page(&state, kind, shown_id)
        }
    };
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    // Errors may be passing (a database restart, an article about to be published).
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, body.into())
}
