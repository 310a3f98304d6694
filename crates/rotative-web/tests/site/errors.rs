//! Unknown paths, canonical redirects, bad input, health, static files.

use crate::{SEED, position};
use axum::http::{Method, StatusCode};
use rotative_core::Locale;
use rotative_test_support::{TestApp, engine_test};
use rotative_theme::Translations;
use rotative_web::UserError;

engine_test! {
    async fn an_unknown_path_is_a_404_page_in_french_with_navigation(app: TestApp) {
        let app = app.with_demo().await;
        for path in ["/n-existe-pas/", "/politique/article-inconnu/", "/static/inconnu.css", "/a/b/c/d/"] {
            let page = app.get(path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
            assert!(page.body.contains("<h1>Page introuvable</h1>"), "{path}");
            assert!(page.body.contains(r#"<a href="/politique/">Politique</a>"#), "{path}: menu");
            assert!(page.body.contains("Retour à l’accueil"), "{path}");
        }
    }
}

engine_test! {
    async fn a_path_without_its_trailing_slash_redirects_permanently(app: TestApp) {
        let app = app.with_demo().await;
        let article = SEED.trim_end_matches('/');
        for (from, to) in [
            ("/politique", "/politique/"),
            (article, SEED),
            ("/politique?page=2", "/politique/?page=2"),
            ("/tag/marrakech", "/tag/marrakech/"),
        ] {
            let page = app.get(from).await;
            assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{from}");
            assert_eq!(page.header("location"), Some(to), "{from}");
        }
        assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
        assert_eq!(app.get("//evil.example").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.send(Method::POST, "/politique").await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn undecodable_paths_and_queries_get_a_page_not_a_crash(app: TestApp) {
        assert_eq!(app.get("/%FF%FE/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/tag/%FF/").await.status, StatusCode::NOT_FOUND);
        let bad_query = app.get("/?page=%FF").await;
        assert_eq!(bad_query.status, StatusCode::OK, "the home page has no pages");
        let category = app.category_named("Sport").await;
        assert!(category.0 > 0);
        let page = app.get("/sport/?page=%FF").await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.body.contains("Numéro de page invalide"));
    }
}

engine_test! {
    async fn health_answers_ok_while_the_database_answers(app: TestApp) {
        let health = app.get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.body, "ok");
        app.store().close().await;
        assert_eq!(app.get("/healthz").await.status, StatusCode::SERVICE_UNAVAILABLE);
        let page = app.get("/").await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(page.body.contains("Service momentanément indisponible"));
    }
}

engine_test! {
    async fn the_stylesheet_is_fingerprinted_and_cached_for_a_year(app: TestApp) {
        let home = app.get("/").await.body;
        let start = position(&home, r#"<link rel="stylesheet" href=""#) + r#"<link rel="stylesheet" href=""#.len();
        let href = &home[start..start + position(&home[start..], "\"")];
        assert!(href.starts_with("/static/style.") && href.ends_with(".css"), "{href}");
        let css = app.get(href).await;
        assert_eq!(css.status, StatusCode::OK);
        assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
        assert_eq!(css.header("cache-control"), Some("public, max-age=31536000, immutable"));
        assert!(css.body.contains(".article-title"));
    }
}

engine_test! {
    async fn pages_carry_security_headers_and_a_request_id(app: TestApp) {
        let page = app.get("/").await;
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(page.header("x-frame-options"), Some("SAMEORIGIN"));
        assert!(page.header("x-request-id").is_some_and(|id| !id.is_empty()));
    }
}

#[test]
fn every_error_shown_to_readers_has_its_strings_in_every_locale() {
    let translations = Translations::load().expect("locales load");
    for kind in UserError::ALL {
        let (title, body) = kind.keys();
        for locale in Locale::ALL {
            assert!(
                translations.has(locale, title),
                "{kind:?}: {title} missing in {locale}"
            );
            assert!(
                translations.has(locale, body),
                "{kind:?}: {body} missing in {locale}"
            );
        }
    }
}
