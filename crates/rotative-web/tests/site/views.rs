//! Views counted in memory, on cache hits too, without robots, and written in batches.

use crate::SEED;
use axum::http::{Method, StatusCode};
use rotative_core::Slug;
use rotative_test_support::{BROWSER, TestApp, engine_test};
use rotative_web::jobs::{JobSettings, Jobs};
use std::time::Duration;

async fn stored_views(app: &TestApp, slug: &str) -> i64 {
    let slug = Slug::parse(slug).expect("slug");
    app.store()
        .article_by_slug(&slug)
        .await
        .expect("lookup")
        .expect("exists")
        .summary
        .view_count
}

const SEED_SLUG: &str = "le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale";

engine_test! {
    async fn views_are_counted_on_cache_hits_and_written_in_one_batch(app: TestApp) {
        let app = app.with_demo().await;
        for _ in 0..3 {
            assert_eq!(app.get(SEED).await.status, StatusCode::OK);
        }
        assert_eq!(app.get(SEED).await.header("x-cache"), Some("hit"));
        assert_eq!(stored_views(&app, SEED_SLUG).await, 31, "no write per request");
        assert_eq!(app.flush_views().await, 4);
        assert_eq!(stored_views(&app, SEED_SLUG).await, 35);
        assert_eq!(app.flush_views().await, 0, "nothing twice");
    }
}

engine_test! {
    async fn robots_head_requests_and_prefetches_are_not_counted(app: TestApp) {
        let app = app.with_demo().await;
        for round in 0..2 {
            app.get_with(SEED, &[("user-agent", "Mozilla/5.0 (compatible; Googlebot/2.1)")]).await;
            app.get_with(SEED, &[]).await;
            app.get_with(SEED, &[("user-agent", BROWSER), ("sec-purpose", "prefetch")]).await;
            app.send(Method::HEAD, SEED).await;
            assert_eq!(app.flush_views().await, 0, "round {round}");
        }
    }
}

engine_test! {
    async fn cached_counts_move_after_the_refresh_interval(app: TestApp) {
        let options = rotative_web::Options { cache_refresh: Duration::ZERO, ..Default::default() };
        let app = app.with_demo().await.with_options(options).await;
        let first = app.get(SEED).await.body;
        assert!(first.contains(r#"<span class="view-count">32</span>"#));
        app.flush_views().await;
        // Past the refresh interval, the first request renders again…
        let refreshed = app.get(SEED).await;
        assert_eq!(refreshed.header("x-cache"), Some("miss"));
        assert!(refreshed.body.contains(r#"<span class="view-count">33</span>"#), "count did not move");
    }
}

engine_test! {
    async fn stopping_the_jobs_writes_the_last_views(app: TestApp) {
        let app = app.with_demo().await;
        let settings = JobSettings {
            publish_interval: Duration::from_secs(3600),
            flush_views_interval: Duration::from_secs(3600),
            settings_interval: Duration::from_secs(3600),
            weather_interval: Duration::from_secs(3600),
            search_interval: Duration::from_secs(3600),
        };
        let jobs = Jobs::start(&app.state, settings);
        app.get(SEED).await;
        app.get(SEED).await;
        jobs.stop().await;
        assert_eq!(stored_views(&app, SEED_SLUG).await, 33);
    }
}
