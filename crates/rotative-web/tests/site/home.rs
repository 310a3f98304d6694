//! The home page.

use crate::position;
use axum::http::StatusCode;
use rotative_test_support::{TestApp, engine_test};

engine_test! {
    async fn home_shows_the_latest_articles_then_a_block_per_category(app: TestApp) {
        let app = app.with_demo().await;
        let page = app.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        // The newest demo article leads, large, with its excerpt.
        let featured = position(body, r#"<article class="card card-large">"#);
        let newest = position(body, "Médina de Marrakech : la rénovation des riads entre espoirs et inquiétudes");
        assert!(featured < newest);
        assert!(body.contains(r#"<p class="excerpt">"#));
        assert!(body.contains(r#"class="thumb thumb-societe""#), "image slot");
        let mut last = 0;
        for (slug, name) in [
            ("politique", "Politique"),
            ("economie", "Économie"),
            ("societe", "Société"),
            ("sport", "Sport"),
            ("culture", "Culture"),
            ("international", "International"),
        ] {
            let block = position(body, &format!(r#"<h2 class="block-title"><a href="/{slug}/">{name}</a></h2>"#));
            assert!(block > last, "{name} block out of menu order");
            last = block;
        }
    }
}

engine_test! {
    async fn most_read_follows_the_stored_view_counts(app: TestApp) {
        app.article("Peu lu").views(5).create().await;
        app.article("Très lu").views(500).create().await;
        app.article("Moyennement lu").views(50).create().await;
        let body = app.get("/").await.body;
        let widget = &body[position(&body, "Les plus lus")..];
        let top = position(widget, "Très lu");
        let middle = position(widget, "Moyennement lu");
        let low = position(widget, "Peu lu");
        assert!(top < middle && middle < low);
        assert!(widget.contains("👁</span> 500"));
    }
}

engine_test! {
    async fn an_empty_site_still_has_a_home_page(app: TestApp) {
        let page = app.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Aucun article pour le moment."));
    }
}
