//! What every page has: header with the date, site name and tagline, menu, footer;
//! in the site's language and time zone.

use crate::{SEED, utc};
use axum::http::StatusCode;
use rotative_test_support::{TestApp, engine_test};

engine_test! {
    async fn every_page_has_the_dated_header_menu_slots_and_footer(app: TestApp) {
        let app = app.with_demo().await;
        app.clock.advance(utc(3, 20, 10, 0) - app.now());
        for path in ["/", "/politique/", "/tag/marrakech/", "/author/redaction/", "/n-existe-pas/"] {
            let body = app.get(path).await.body;
            assert!(body.contains(">jeudi 20 mars 2025</time>"), "{path}: date");
            assert!(body.contains(r#"<span class="brand-name">Marrakech Info</span>"#), "{path}: name");
            assert!(body.contains("L’actualité de Marrakech, du Maroc et du monde"), "{path}: tagline");
            for section in ["politique", "economie", "societe", "sport", "culture", "international"] {
                assert!(body.contains(&format!(r#"<a href="/{section}/""#)), "{path}: menu {section}");
            }
            // The demo's house ads fill the header and the left column, as on the seed
            // page; zones without a creative leave no empty box.
            assert!(body.contains(r#"data-slot="sidebar-left"><aside class="ad ad-sidebar-left""#), "{path}: left column ad");
            assert!(body.contains("Publicité gauche"), "{path}");
            assert!(body.contains(r#"data-slot="header"><aside class="ad ad-header""#), "{path}: header ad");
            assert!(!body.contains(r#"data-slot="sidebar-right""#), "{path}: empty zones render nothing");
            assert!(body.contains(r#"<footer class="footer">"#), "{path}: footer");
        }
        let article = app.get(SEED).await.body;
        assert!(!article.contains(r#"data-slot="in-article""#));
    }
}

engine_test! {
    async fn the_header_date_follows_the_site_time_zone(app: TestApp) {
        app.clock.advance(utc(3, 20, 23, 30) - app.now());
        app.set_setting("timezone", "UTC").await;
        assert!(app.get("/").await.body.contains(">jeudi 20 mars 2025</time>"));
        app.set_setting("timezone", "Asia/Almaty").await;
        assert!(app.get("/").await.body.contains(">vendredi 21 mars 2025</time>"));
    }
}

engine_test! {
    async fn an_english_site_speaks_english(app: TestApp) {
        let app = app.with_demo().await;
        app.set_setting("locale", "en").await;
        app.clock.advance(utc(3, 20, 10, 0) - app.now());
        let home = app.get("/").await.body;
        assert!(home.contains(r#"lang="en""#));
        assert!(home.contains(">Thursday, March 20, 2025</time>"));
        assert!(home.contains("Most read") && home.contains(">Home</a>"));
        let article = app.get(SEED).await.body;
        assert!(article.contains("LEAVE A COMMENT"));
        assert!(article.contains(">March 20, 2025</time>"));
        assert!(article.contains(r#"title="0 comments""#));
        let missing = app.get("/nothing-here/").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("Page not found"));
    }
}

engine_test! {
    async fn site_name_and_tagline_come_from_the_settings(app: TestApp) {
        app.set_setting("name", "L’Écho du Souss").await;
        app.set_setting("tagline", "Agadir & sa région").await;
        let body = app.get("/").await.body;
        assert!(body.contains(r#"<span class="brand-name">L’Écho du Souss</span>"#));
        assert!(body.contains("Agadir &amp; sa région"));
        assert!(body.contains("<title>L’Écho du Souss – Agadir &amp; sa région</title>"));
    }
}
