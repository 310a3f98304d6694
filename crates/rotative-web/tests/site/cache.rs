//! The page cache: hits, exact invalidation by every kind of write, HTTP validators and
//! compression.

use crate::listed;
use axum::http::StatusCode;
use chrono::Duration;
use rotative_core::ArticleStatus;
use rotative_test_support::{BROWSER, TestApp, engine_test};
use std::io::Read;

/// Requests `path` and says whether it came from the cache.
async fn cached(app: &TestApp, path: &str) -> bool {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    match page.header("x-cache") {
        Some("hit") => true,
        Some("miss") => false,
        other => panic!("{path}: x-cache {other:?}"),
    }
}

/// An article, published long ago with few views: in no sidebar.
async fn old_article(app: &TestApp, title: &str, category: &str, tags: &[&str]) {
    app.article(title)
        .category(category)
        .tags(tags)
        .published_at(app.now() - Duration::days(300))
        .create()
        .await;
}

/// Six recent articles with many views fill both sidebars, so older ones appear in none.
async fn sidebar_fillers(app: &TestApp) {
    for n in 0..6 {
        app.article(&format!("Actualité {n}"))
            .category("Société")
            .views(10_000 + n)
            .published_at(app.now() - Duration::hours(n + 1))
            .create()
            .await;
    }
}

engine_test! {
    async fn a_second_request_is_served_from_the_cache(app: TestApp) {
        let app = app.with_demo().await;
        for path in ["/", "/politique/", "/tag/marrakech/", "/author/redaction/", crate::SEED] {
            assert!(!cached(&app, path).await, "{path}: first request");
            assert!(cached(&app, path).await, "{path}: second request");
        }
        let shared = app.get("/politique/?utm_source=newsletter").await;
        assert_eq!(shared.header("x-cache"), Some("hit"), "parameters pages do not read share the entry");
        let missing = app.get("/nulle-part/").await;
        assert_eq!(missing.header("x-cache"), None, "errors are not cached");
        assert_eq!(missing.header("cache-control"), Some("no-store"));
    }
}

engine_test! {
    async fn the_cache_reads_parameters_as_the_pages_read_them(app: TestApp) {
        for n in 0..12 {
            app.article(&format!("Match {n}")).category("Sport").published_at(app.now() - Duration::days(n + 1)).create().await;
        }
        // `%70age` is `page` to the list: page 2 under its own entry, not the first page's.
        let second = app.get("/sport/?%70age=2").await;
        assert_eq!(second.status, StatusCode::OK);
        assert!(second.body.contains(r#"rel="prev""#), "page 2 links back");
        let first = app.get("/sport/").await;
        assert!(!first.body.contains(r#"rel="prev""#), "the first page is the first page: {}", first.body);
        assert!(cached(&app, "/sport/?page=2").await, "one entry for page 2, however spelled");
        // A reader's bad request evicts nothing.
        assert!(cached(&app, "/sport/").await);
        assert_eq!(app.get("/sport/?page=2&page=x").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.get("/sport/?%70age=x").await.status, StatusCode::BAD_REQUEST);
        assert!(cached(&app, "/sport/?page=2").await);
        assert!(cached(&app, "/sport/").await);
        // A personal page stays personal, however its parameter is spelled.
        let article = "/sport/match-0/";
        assert!(!cached(&app, article).await);
        for query in ["replytocom=1", "reply%74ocom=1", "%68eld=x"] {
            let personal = app.get(&format!("{article}?{query}")).await;
            assert_eq!(personal.header("x-cache"), None, "{query}");
        }
        assert!(cached(&app, article).await, "and the shared copy is untouched");
    }
}

engine_test! {
    async fn publishing_shows_the_article_on_the_very_next_request_everywhere(app: TestApp) {
        sidebar_fillers(&app).await;
        old_article(&app, "Ancien article", "Sport", &["Football"]).await;
        let pages = ["/", "/sport/", "/tag/football/", "/author/redaction/", "/sport/ancien-article/", "/societe/actualite-0/"];
        for path in pages {
            app.get(path).await;
            assert!(cached(&app, path).await, "{path} primed");
        }
        app.article("Le derby fait salle comble")
            .category("Sport")
            .tags(&["Football"])
            .create()
            .await;
        for path in pages {
            let body = app.get(path).await.body;
            assert!(body.contains("Le derby fait salle comble"), "{path} does not show the new article");
        }
        let article = app.get("/sport/le-derby-fait-salle-comble/").await;
        assert_eq!(article.status, StatusCode::OK);
    }
}

engine_test! {
    async fn an_edit_shows_on_every_page_showing_the_article_and_no_other(app: TestApp) {
        sidebar_fillers(&app).await;
        old_article(&app, "Titre provisoire", "Sport", &["Football"]).await;
        old_article(&app, "Autre sujet", "Culture", &["Cinéma"]).await;
        let showing = ["/sport/", "/tag/football/", "/sport/titre-provisoire/", "/"];
        let not_showing = ["/culture/", "/tag/cinema/", "/culture/autre-sujet/"];
        for path in showing.iter().chain(&not_showing) {
            app.get(path).await;
        }
        app.edit_article("titre-provisoire", |a| a.title = "Titre définitif".to_owned()).await;
        for path in showing {
            let body = app.get(path).await.body;
            // (The body still quotes the old title; the title itself must be the new one.)
            assert!(body.contains(">Titre définitif<") && !body.contains(">Titre provisoire<"), "{path} is stale");
        }
        for path in not_showing {
            assert!(cached(&app, path).await, "{path} was dropped though it does not show the article");
        }
    }
}

engine_test! {
    async fn unpublishing_removes_the_article_from_every_page_at_once(app: TestApp) {
        app.article("À retirer").category("Sport").tags(&["Football"]).views(99_999).create().await;
        let pages = ["/", "/sport/", "/tag/football/", "/author/redaction/"];
        for path in pages {
            app.get(path).await;
        }
        app.get("/sport/a-retirer/").await;
        app.edit_article("a-retirer", |a| a.status = ArticleStatus::Draft).await;
        assert_eq!(app.get("/sport/a-retirer/").await.status, StatusCode::NOT_FOUND);
        for path in pages {
            assert!(!app.get(path).await.body.contains("À retirer"), "{path} still shows it");
        }
    }
}

engine_test! {
    async fn moving_an_article_updates_both_categories_and_its_tags(app: TestApp) {
        old_article(&app, "Voyageur", "Sport", &["Football"]).await;
        app.category_named("Culture").await;
        for path in ["/sport/", "/culture/", "/tag/football/"] {
            app.get(path).await;
        }
        let culture = app.category_named("Culture").await;
        app.edit_article("voyageur", |a| {
            a.category_id = culture;
            a.tags.clear();
        })
        .await;
        assert!(!listed(&app.get("/sport/").await.body).contains("Voyageur"));
        assert!(listed(&app.get("/culture/").await.body).contains("Voyageur"));
        assert!(!listed(&app.get("/tag/football/").await.body).contains("Voyageur"));
        assert_eq!(app.get("/culture/voyageur/").await.status, StatusCode::OK);
    }
}

engine_test! {
    async fn a_scheduled_article_appears_on_cached_pages_at_its_time(app: TestApp) {
        let at = app.now() + Duration::minutes(30);
        app.article("Conseil extraordinaire")
            .category("Politique")
            .status(ArticleStatus::Scheduled, Some(at))
            .create()
            .await;
        app.get("/").await;
        app.get("/politique/").await;
        assert!(cached(&app, "/").await);
        app.clock.advance(Duration::minutes(30));
        assert!(app.get("/").await.body.contains("Conseil extraordinaire"));
        assert!(listed(&app.get("/politique/").await.body).contains("Conseil extraordinaire"));
    }
}

engine_test! {
    async fn pages_carry_validators_and_answer_304_when_unchanged(app: TestApp) {
        let app = app.with_demo().await;
        let page = app.get("/politique/").await;
        assert_eq!(page.header("cache-control"), Some("public, max-age=60, stale-while-revalidate=300"));
        assert_eq!(page.header("vary"), Some("accept-encoding"));
        let etag = page.header("etag").expect("an etag").to_owned();
        let modified = page.header("last-modified").expect("a last-modified").to_owned();
        assert!(etag.starts_with("W/\""));
        let again = app.get_with("/politique/", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        let since = app.get_with("/politique/", &[("if-modified-since", &modified)]).await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED);
        let other = app.get_with("/politique/", &[("if-none-match", "W/\"autre\"")]).await;
        assert_eq!(other.status, StatusCode::OK);
        let long_ago = app.get_with("/politique/", &[("if-modified-since", "Thu, 01 Jan 2004 00:00:00 GMT")]).await;
        assert_eq!(long_ago.status, StatusCode::OK);
    }
}

fn decode(encoding: &str, body: &[u8]) -> String {
    let mut text = String::new();
    match encoding {
        "gzip" => flate2::read::GzDecoder::new(body).read_to_string(&mut text),
        "br" => brotli::Decompressor::new(body, 4096).read_to_string(&mut text),
        other => panic!("unexpected encoding {other}"),
    }
    .expect("decodes");
    text
}

engine_test! {
    async fn pages_are_sent_compressed_as_the_client_accepts(app: TestApp) {
        let app = app.with_demo().await;
        let plain = app.get(crate::SEED).await;
        assert_eq!(plain.header("content-encoding"), None);
        for (accept, expected) in [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip")] {
            for round in ["miss", "hit"] {
                let page = app.get_with(crate::SEED, &[("accept-encoding", accept), ("user-agent", BROWSER)]).await;
                assert_eq!(page.header("content-encoding"), Some(expected), "{accept} ({round})");
                let text = decode(expected, &page.bytes);
                assert!(text.contains("LAISSER UN COMMENTAIRE"), "{accept} ({round})");
                assert!(text.len() > 3 * page.bytes.len(), "{accept}: hardly compressed");
            }
        }
    }
}

engine_test! {
    async fn with_the_cache_off_pages_are_rendered_every_time_and_still_compressed(app: TestApp) {
        let options = rotative_web::Options { cache_enabled: false, ..Default::default() };
        let app = app.with_demo().await.with_options(options).await;
        for _ in 0..2 {
            let page = app.get("/politique/").await;
            assert_eq!(page.header("x-cache"), Some("miss"));
            assert!(page.header("etag").is_some());
        }
        let page = app.get_with("/politique/", &[("accept-encoding", "gzip")]).await;
        assert_eq!(page.header("content-encoding"), Some("gzip"));
        assert!(decode("gzip", &page.bytes).contains("<h1>Politique</h1>"));
        assert_eq!(app.state.cache().usage(), (0, 0));
    }
}

engine_test! {
    async fn the_cache_stays_within_its_size(app: TestApp) {
        let options = rotative_web::Options { cache_bytes: 300_000, ..Default::default() };
        let app = app.with_demo().await.with_options(options).await;
        for category in ["politique", "economie", "societe", "sport", "culture", "international"] {
            app.get(&format!("/{category}/")).await;
        }
        app.get(crate::SEED).await;
        let (pages, bytes) = app.state.cache().usage();
        assert!(bytes <= 300_000, "{bytes}");
        assert!(pages >= 2, "{pages}");
        assert!(cached(&app, crate::SEED).await, "the most recent page was kept");
    }
}

engine_test! {
    async fn a_page_gone_by_a_write_the_cache_did_not_hear_of_goes_at_its_refresh(app: TestApp) {
        let options = rotative_web::Options {
            cache_refresh: std::time::Duration::ZERO,
            ..Default::default()
        };
        let app = app.with_options(options).await;
        app.article("Éphémère").category("Sport").create().await;
        let path = "/sport/ephemere/";
        assert_eq!(app.get(path).await.status, StatusCode::OK);
        // Another node (or a hand-made change) unpublishes it: this node is not told.
        app.unpublish_unheard("ephemere").await;
        for round in 0..3 {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "round {round}");
        }
    }
}

engine_test! {
    async fn a_head_request_leaves_the_whole_page_in_the_cache(app: TestApp) {
        app.article("Entête").category("Sport").create().await;
        for path in ["/sport/", "/sport/entete/", "/feed/", "/sitemap.xml"] {
            let head = app.send(axum::http::Method::HEAD, path).await;
            assert_eq!(head.status, StatusCode::OK, "{path}");
            assert!(head.body.is_empty(), "{path}: HEAD has no body");
            let get = app.get(path).await;
            assert_eq!(get.header("x-cache"), Some("hit"), "{path}");
            assert!(get.body.len() > 100, "{path}: the cached copy is whole: {:?}", get.body);
            assert_eq!(head.header("etag"), get.header("etag"), "{path}");
        }
    }
}
