//! Sitemaps, the Google News sitemap and robots.txt, read back with a real XML parser.

use crate::feeds::{child, children, parse, text};
use crate::newsroom::member;
use axum::http::StatusCode;
use chrono::{DateTime, Duration};
use rotative_core::{ArticleStatus, Role};
use rotative_test_support::{TestApp, engine_test};

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const XML_TYPE: &str = "application/xml; charset=utf-8";
const BASE: &str = "http://127.0.0.1:8080";

/// A sitemap's body, checked for its status and media type.
async fn fetch(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status, StatusCode::OK, "{path}");
    assert_eq!(response.header("content-type"), Some(XML_TYPE), "{path}");
    response.body
}

/// The `<loc>` and `<lastmod>` of each `<url>` (or `<sitemap>`) of a document, checking
/// the root element and that every date is a W3C datetime.
fn locations(body: &str, root: &str, item: &str) -> Vec<(String, Option<String>)> {
    let doc = parse(body);
    let top = doc.root_element();
    assert!(
        top.has_tag_name((SITEMAP, root)),
        "<{root}> in the sitemaps namespace"
    );
    children(top, (SITEMAP, item))
        .into_iter()
        .map(|node| {
            let lastmod = children(node, (SITEMAP, "lastmod")).first().map(|l| {
                let text = l.text().unwrap_or_default().to_owned();
                assert!(DateTime::parse_from_rfc3339(&text).is_ok(), "{text}");
                text
            });
            (text(node, (SITEMAP, "loc")), lastmod)
        })
        .collect()
}

fn locs(entries: &[(String, Option<String>)]) -> Vec<&str> {
    entries.iter().map(|(loc, _)| loc.as_str()).collect()
}

engine_test! {
    async fn the_sitemap_index_pages_every_public_article_and_lists_the_taxonomy(app: TestApp) {
        let options = rotative_web::Options { sitemap_page_size: 2, ..Default::default() };
        let app = app.with_options(options).await;
        let sport = app.category_named("Sport").await;
        app.subcategory_named("Football", Some(sport)).await;
        app.category_named("Vide").await;
        for n in 1..=5 {
            let category = if n == 3 { "Football" } else { "Sport" };
            app.article(&format!("Match {n}")).category(category).tags(&["Derby"]).author("Karim").create().await;
        }
        app.article("Brouillon").tags(&["Secret"]).author("Fantôme").status(ArticleStatus::Draft, None).create().await;

        let index = locations(&fetch(&app, "/sitemap.xml").await, "sitemapindex", "sitemap");
        assert_eq!(
            locs(&index),
            [
                "sitemap-articles-1.xml", "sitemap-articles-2.xml", "sitemap-articles-3.xml",
                "sitemap-categories.xml", "sitemap-tags.xml", "sitemap-authors.xml",
            ]
            .map(|file| format!("{BASE}/{file}"))
        );
        let when = rotative_feeds::w3c(app.now());
        assert!(index.iter().all(|(_, lastmod)| lastmod.as_deref() == Some(when.as_str())), "{index:?}");

        let mut articles = Vec::new();
        for n in 1..=3 {
            let page = locations(&fetch(&app, &format!("/sitemap-articles-{n}.xml")).await, "urlset", "url");
            assert!(page.len() <= 2 && !page.is_empty(), "page {n}: {page:?}");
            assert!(page.iter().all(|(_, lastmod)| lastmod.is_some()));
            articles.extend(locs(&page).into_iter().map(str::to_owned));
        }
        let expected: Vec<String> = (1..=5)
            .map(|n| format!("{BASE}/{}/match-{n}/", if n == 3 { "football" } else { "sport" }))
            .collect();
        assert_eq!(articles, expected, "every public article once, by id");
        for missing in ["/sitemap-articles-4.xml", "/sitemap-articles-0.xml", "/sitemap-articles-01.xml", "/sitemap-articles-x.xml", "/sitemap-articles-1.txt"] {
            assert_eq!(app.get(missing).await.status, StatusCode::NOT_FOUND, "{missing}");
        }

        let categories = locations(&fetch(&app, "/sitemap-categories.xml").await, "urlset", "url");
        let category = |slug: &str| categories.iter().find(|(loc, _)| *loc == format!("{BASE}/{slug}/")).cloned();
        assert_eq!(category("sport").and_then(|c| c.1), Some(when.clone()), "with its sub-category's");
        assert_eq!(category("football").and_then(|c| c.1), Some(when.clone()));
        assert_eq!(category("vide"), Some((format!("{BASE}/vide/"), None)), "an empty category, without date");
        let tags = locations(&fetch(&app, "/sitemap-tags.xml").await, "urlset", "url");
        assert_eq!(locs(&tags), [format!("{BASE}/tag/derby/")]);
        let authors = locations(&fetch(&app, "/sitemap-authors.xml").await, "urlset", "url");
        assert_eq!(locs(&authors), [format!("{BASE}/author/karim/")]);
    }
}

engine_test! {
    async fn a_site_without_articles_has_valid_empty_sitemaps(app: TestApp) {
        let index = locations(&fetch(&app, "/sitemap.xml").await, "sitemapindex", "sitemap");
        assert_eq!(index.len(), 3, "the taxonomy and authors' sitemaps only: {index:?}");
        assert!(locations(&fetch(&app, "/sitemap-articles-1.xml").await, "urlset", "url").is_empty());
        let news = fetch(&app, "/news-sitemap.xml").await;
        assert!(children(parse(&news).root_element(), (SITEMAP, "url")).is_empty());
    }
}

engine_test! {
    async fn the_news_sitemap_lists_the_last_48_hours_with_google_news_tags(app: TestApp) {
        app.set_setting("name", "Le Journal & Cie").await;
        let now = app.now();
        app.article("Trop ancien").published_at(now - Duration::hours(49)).create().await;
        let published = now - Duration::hours(47);
        app.article("Hier « soir » & <après>").slug("hier-soir").category("Sport").published_at(published).create().await;
        app.article("Ce matin").published_at(now - Duration::hours(1)).create().await;
        app.article("Plus tard").status(ArticleStatus::Scheduled, Some(now + Duration::hours(1))).create().await;
        let body = fetch(&app, "/news-sitemap.xml").await;
        let doc = parse(&body);
        let urlset = doc.root_element();
        assert_eq!(urlset.lookup_namespace_uri(Some("news")), Some(NEWS));
        let urls = children(urlset, (SITEMAP, "url"));
        let listed: Vec<String> = urls.iter().map(|u| text(*u, (SITEMAP, "loc"))).collect();
        assert_eq!(listed, [format!("{BASE}/politique/ce-matin/"), format!("{BASE}/sport/hier-soir/")]);
        let news = child(urls[1], (NEWS, "news"));
        let publication = child(news, (NEWS, "publication"));
        assert_eq!(text(publication, (NEWS, "name")), "Le Journal & Cie");
        assert_eq!(text(publication, (NEWS, "language")), "fr");
        let date = DateTime::parse_from_rfc3339(&text(news, (NEWS, "publication_date"))).expect("a W3C date");
        assert_eq!(date, published);
        assert_eq!(text(news, (NEWS, "title")), "Hier « soir » & <après>");
        app.set_setting("locale", "en").await;
        let english = fetch(&app, "/news-sitemap.xml").await;
        let english = parse(&english);
        let first = children(english.root_element(), (SITEMAP, "url"))[0];
        assert_eq!(text(child(child(first, (NEWS, "news")), (NEWS, "publication")), (NEWS, "language")), "en");
        app.clock.advance(Duration::hours(2));
        let later = fetch(&app, "/news-sitemap.xml").await;
        assert!(!later.contains("hier-soir") && later.contains("plus-tard"), "the window moves with time");
    }
}

engine_test! {
    async fn sitemaps_are_cached_with_their_type_and_change_on_the_next_request_after_a_publication(app: TestApp) {
        app.article("Premier").create().await;
        for path in ["/sitemap.xml", "/sitemap-articles-1.xml", "/news-sitemap.xml", "/sitemap-tags.xml", "/robots.txt"] {
            app.get(path).await;
            let again = app.get(path).await;
            assert_eq!(again.header("x-cache"), Some("hit"), "{path}");
            let expected = if path.ends_with(".txt") { "text/plain; charset=utf-8" } else { XML_TYPE };
            assert_eq!(again.header("content-type"), Some(expected), "{path}");
        }
        app.article("Second").tags(&["Nouveau"]).create().await;
        assert!(fetch(&app, "/sitemap-articles-1.xml").await.contains("/politique/second/"));
        assert!(fetch(&app, "/news-sitemap.xml").await.contains("/politique/second/"));
        assert!(fetch(&app, "/sitemap-tags.xml").await.contains("/tag/nouveau/"));
        app.edit_article("second", |a| a.status = ArticleStatus::Archived).await;
        assert!(!fetch(&app, "/sitemap-articles-1.xml").await.contains("/politique/second/"));
        assert!(!fetch(&app, "/news-sitemap.xml").await.contains("/politique/second/"));
        let robot = app.get_with("/sitemap.xml", &[("user-agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")]).await;
        assert_eq!(robot.status, StatusCode::OK, "robots get sitemaps");
    }
}

engine_test! {
    async fn robots_txt_has_default_rules_and_points_at_the_sitemaps_of_the_current_address(app: TestApp) {
        let default = app.get("/robots.txt").await;
        assert_eq!(default.status, StatusCode::OK);
        assert_eq!(default.header("content-type"), Some("text/plain; charset=utf-8"));
        assert_eq!(
            default.body,
            format!("User-agent: *\nDisallow: /admin/\nDisallow: /preview/\n\nSitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n")
        );
        let admin = member(&app, Role::Admin, "Patronne").await;
        let form = admin.get(&app, "/admin/settings").await.body;
        assert!(form.contains("<textarea id=\"robots_txt\" name=\"robots_txt\""), "the rules are on the screen");
        assert!(form.contains("Disallow: /preview/</textarea>"), "the default rules are shown");

        let refused = admin.post(&app, "/admin/settings", &[("robots_txt", "User-agent: *\u{0}")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("64 Kio au plus, sans caractères de contrôle."));
        assert_eq!(app.get("/robots.txt").await.body, default.body, "nothing stored");

        let saved = admin
            .post(&app, "/admin/settings", &[("robots_txt", "User-agent: GPTBot\r\nDisallow: /\r\n"), ("base_url", "https://journal.ma/")])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(
            app.get("/robots.txt").await.body,
            "User-agent: GPTBot\nDisallow: /\n\nSitemap: https://journal.ma/sitemap.xml\nSitemap: https://journal.ma/news-sitemap.xml\n"
        );
        assert!(admin.get(&app, "/admin/settings").await.body.contains("Disallow: /</textarea>"));
        let emptied = admin.post(&app, "/admin/settings", &[("robots_txt", "  ")]).await;
        assert_eq!(emptied.status, StatusCode::SEE_OTHER);
        assert!(app.get("/robots.txt").await.body.starts_with("User-agent: *\nDisallow: /admin/\n"), "back to the default");
    }
}
