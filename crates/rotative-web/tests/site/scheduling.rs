//! Scheduled articles appear when their time comes, without a restart.

use axum::http::StatusCode;
use chrono::Duration;
use rotative_core::{ArticleStatus, Slug};
use rotative_test_support::{TestApp, engine_test};

engine_test! {
    async fn a_scheduled_article_appears_when_its_time_comes(app: TestApp) {
        let at = app.now() + Duration::hours(1);
        app.article("Résultats du conseil")
            .category("Politique")
            .status(ArticleStatus::Scheduled, Some(at))
            .create()
            .await;
        let path = "/politique/resultats-du-conseil/";
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND);
        assert!(!app.get("/").await.body.contains("Résultats du conseil"));

        app.clock.advance(Duration::minutes(59));
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND);

        app.clock.advance(Duration::minutes(1));
        assert_eq!(app.get(path).await.status, StatusCode::OK);
        assert!(app.get("/").await.body.contains("Résultats du conseil"));
        assert!(app.get("/politique/").await.body.contains("Résultats du conseil"));

        // The request that found it due recorded the publication.
        let slug = Slug::parse("resultats-du-conseil").expect("slug");
        let stored = app.store().article_by_slug(&slug).await.expect("lookup").expect("exists");
        assert_eq!(stored.status, ArticleStatus::Published);
    }
}

engine_test! {
    async fn the_job_publishes_due_articles_when_no_request_comes(app: TestApp) {
        let at = app.now() + Duration::hours(1);
        app.article("Sans visiteur")
            .status(ArticleStatus::Scheduled, Some(at))
            .create()
            .await;
        let run = rotative_web::jobs::publish_scheduled::run_once;
        assert_eq!(run(&app.state).await.expect("job runs"), 0);
        app.clock.advance(Duration::hours(1));
        assert_eq!(run(&app.state).await.expect("job runs"), 1);
        assert_eq!(run(&app.state).await.expect("job runs"), 0);
        let slug = Slug::parse("sans-visiteur").expect("slug");
        let stored = app.store().article_by_slug(&slug).await.expect("lookup").expect("exists");
        assert_eq!(stored.status, ArticleStatus::Published);
    }
}
