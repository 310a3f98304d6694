//! The HTTP layer of Rotative.
//!
//! - [`router`] declares every route and its middleware; handlers live one per file under
//!   [`public`] and stay thin: read the request, ask the store, render through the theme.
//! - [`AppState`] is what handlers share (store, theme, clock, settings).
//! - [`error`] holds the error policy: handlers fail with [`AppError`], readers get pages in
//!   the site's language.
//! - [`cache`] serves public pages from memory, compressed in advance, and drops exactly
//!   those a write changes; [`content`] is where writes go so that it hears of them;
//!   [`audience`] counts views without a database write per request.
//! - [`search`] keeps the full-text index current (this node's writes at once, other
//!   nodes' through the `search_index` job); `public::search` answers readers' searches.
//! - [`weather`] keeps the header's weather readings and makes its widget;
//!   [`jobs::weather`] fetches them.
//! - [`jobs`] runs the background work; [`serve`] runs the server until a shutdown signal,
//!   on a listener the caller bound (tests bind `127.0.0.1:0`).

pub mod admin;
pub mod ads;
pub mod audience;
pub mod cache;
pub mod comments;
pub mod content;
pub mod error;
pub mod extract;
pub mod form;
pub mod jobs;
pub mod media;
pub mod net;
pub mod pagination;
pub mod public;
pub mod redirect;
mod render;
pub mod router;
pub mod search;
pub mod seo;
pub mod signing;
mod state;
pub mod weather;

pub use error::{AppError, UserError};
pub use router::{app, boxed_app, router};
pub use state::{AppState, HttpOptions, Options, PinnedSettingError, SiteData};

use std::future::Future;
use tokio::net::TcpListener;

/// Why the web layer could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The settings could not be read.
    #[error(transparent)]
    Store(#[from] rotative_store::StoreError),
    /// A setting pinned in the configuration is invalid.
    #[error(transparent)]
    Setting(#[from] PinnedSettingError),
    /// The search index could not be opened or created.
    #[error(transparent)]
    Search(#[from] rotative_search::SearchError),
    /// The search index could not be opened (a task failed).
    #[error("search index: {0}")]
    SearchTask(String),
    /// The operating system gave no random bytes for the site's secret.
    #[error("no random bytes for the site's secret: {0}")]
    Random(String),
}

/// Serves the site on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use tower::Layer;
    let app = app(state);
    // Each connection's service knows the peer's address (for the comment rate limit).
    let per_connection = tower::service_fn(
        move |incoming: axum::serve::IncomingStream<'_, TcpListener>| {
            let peer = axum::extract::ConnectInfo(*incoming.remote_addr());
            std::future::ready(Ok::<_, std::convert::Infallible>(
                axum::Extension(peer).layer(app.clone()),
            ))
        },
    );
    axum::serve(listener, per_connection)
        .with_graceful_shutdown(shutdown)
        .await
}
