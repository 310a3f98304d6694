//! Every route of the site, in one place.

use crate::public::feed::{self, Atom, Rss};
use crate::public::list::{first, paged};
use crate::public::{
    article, assets, author::AuthorList, category::CategoryList, fallback, health, home, robots,
    search, sitemap, tag::TagList,
};
use crate::{AppState, admin, cache, comments, error};
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, middleware};
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use tower::util::BoxCloneSyncService;
use tower::{Service, ServiceBuilder};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Every route, with the middleware that only rendered pages need: error pages in the
/// site's language, and tracing. [`app`] puts the page cache and the rest around it.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(health::check))
        .route("/static/{file}", get(assets::serve))
        .route("/media/{id}/{file}", get(crate::media::serve))
        .route("/go/ad/{id}", get(crate::ads::click::click))
        .route("/ads.txt", get(crate::ads::click::ads_txt))
        .route("/robots.txt", get(robots::show))
        .route("/sitemap.xml", get(sitemap::index))
        // The parameter is `{n}.xml`: a route parameter cannot be followed by text.
        .route("/sitemap-articles-{file}", get(sitemap::articles))
        .route("/sitemap-categories.xml", get(sitemap::categories))
        .route("/sitemap-tags.xml", get(sitemap::tags))
        .route("/sitemap-authors.xml", get(sitemap::authors))
        .route("/news-sitemap.xml", get(sitemap::news))
        .route("/feed/", get(feed::site::<Rss>))
        .route("/feed/atom/", get(feed::site::<Atom>))
        .route("/recherche", get(search::show))
        .route("/search", get(search::show))
        .route("/tag/{tag}/", get(first::<TagList>))
        .route("/tag/{tag}/page/{n}/", get(paged::<TagList>))
        .route("/tag/{tag}/feed/", get(feed::list::<TagList, Rss>))
        .route("/tag/{tag}/feed/atom/", get(feed::list::<TagList, Atom>))
        .route("/author/{author}/", get(first::<AuthorList>))
        .route("/author/{author}/page/{n}/", get(paged::<AuthorList>))
        .route("/author/{author}/feed/", get(feed::list::<AuthorList, Rss>))
        .route(
            "/author/{author}/feed/atom/",
            get(feed::list::<AuthorList, Atom>),
        )
        .route("/{category}/", get(first::<CategoryList>))
        .route("/{category}/page/{n}/", get(paged::<CategoryList>))
        // `feed` is a reserved slug: no article lives at `/{category}/feed/`.
        .route("/{category}/feed/", get(feed::list::<CategoryList, Rss>))
        .route(
            "/{category}/feed/atom/",
            get(feed::list::<CategoryList, Atom>),
        )
        .route(
            "/{category}/{slug}/",
            get(article::show).post(comments::post),
        )
        .merge(admin::routes())
        .fallback(fallback::fallback)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::public::legacy::redirect_missing,
        ))
        .layer(middleware::from_fn(crate::form::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            error::render_error_pages,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The whole application: the routes, with the page cache in front of them (a hit goes
/// no further), compression for what the cache did not compress already, and what every
/// response carries (request id, security headers, a 500 instead of a crash). The layers
/// wrap the router as a whole rather than each route, so a hit costs no routing.
pub fn app(
    state: AppState,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send + 'static>
+ Clone
+ Send
+ Sync
+ 'static {
    let x_request_id = HeaderName::from_static("x-request-id");
    ServiceBuilder::new()
        .map_response(IntoResponse::into_response)
        .layer(SetRequestIdLayer::new(
            x_request_id.clone(),
            Counter::default(),
        ))
        .layer(PropagateRequestIdLayer::new(x_request_id))
        .layer(security_header("x-frame-options", "SAMEORIGIN"))
        .layer(security_header(
            "referrer-policy",
            "strict-origin-when-cross-origin",
        ))
        .layer(security_header("x-content-type-options", "nosniff"))
        .layer(CatchPanicLayer::new())
        .layer(CompressionLayer::new().gzip(true).br(true))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::public::legacy::redirect_query,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::middleware::serve,
        ))
        .service(router(state))
}

/// [`app`] as one boxed type with a plain body, for tests and embedding.
pub fn boxed_app(state: AppState) -> BoxCloneSyncService<Request<Body>, Response, Infallible> {
    BoxCloneSyncService::new(app(state))
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
#[derive(Clone)]
struct Counter {
    next: std::sync::Arc<AtomicU64>,
    process: u32,
}

impl Default for Counter {
    fn default() -> Self {
        Counter {
            next: std::sync::Arc::default(),
            process: std::process::id(),
        }
    }
}

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:x}-{n:x}", self.process))
            .ok()
            .map(RequestId::new)
    }
}
