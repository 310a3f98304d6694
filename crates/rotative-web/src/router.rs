//! Every route of the site, in one place.

use crate::public::list::{first, paged};
use crate::public::{
    article, assets, author::AuthorList, category::CategoryList, fallback, health, home,
    tag::TagList,
};
use crate::{AppState, cache, error};
use axum::http::{HeaderName, HeaderValue, Request};
use axum::routing::get;
use axum::{Router, middleware};
use std::sync::atomic::{AtomicU64, Ordering};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The application: every route with its middleware, over the given state.
pub fn router(state: AppState) -> Router {
    let x_request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(health::check))
        .route("/static/{file}", get(assets::serve))
        .route("/tag/{tag}/", get(first::<TagList>))
        .route("/tag/{tag}/page/{n}/", get(paged::<TagList>))
        .route("/author/{author}/", get(first::<AuthorList>))
        .route("/author/{author}/page/{n}/", get(paged::<AuthorList>))
        .route("/{category}/", get(first::<CategoryList>))
        .route("/{category}/page/{n}/", get(paged::<CategoryList>))
        .route("/{category}/{slug}/", get(article::show))
        .fallback(fallback::fallback)
        // Innermost first: pages in the site's language for errors, traced; the cache in
        // front of them, so a hit skips all that; compression for what the cache did not
        // already compress; then what every response gets.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            error::render_error_pages,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::middleware::serve,
        ))
        .layer(CompressionLayer::new().gzip(true).br(true))
        .layer(CatchPanicLayer::new())
        .layer(security_header("x-content-type-options", "nosniff"))
        .layer(security_header(
            "referrer-policy",
            "strict-origin-when-cross-origin",
        ))
        .layer(security_header("x-frame-options", "SAMEORIGIN"))
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(SetRequestIdLayer::new(x_request_id, Counter::default()))
        .with_state(state)
}

fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id
    )
}

fn security_header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

/// Request ids: the process id and a counter, unique per node and cheap.
#[derive(Clone, Default)]
struct Counter(std::sync::Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:x}-{n:x}", std::process::id()))
            .ok()
            .map(RequestId::new)
    }
}
