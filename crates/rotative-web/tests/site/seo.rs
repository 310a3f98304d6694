//! What pages tell search engines and social networks: meta description, canonical,
//! OpenGraph and Twitter tags, and JSON-LD parsed back as JSON.

use crate::SEED;
use rotative_test_support::{TestApp, engine_test, unescape};
use serde_json::Value;

/// The JSON-LD documents of a page, parsed.
fn json_ld(page: &str) -> Vec<Value> {
    page.split(r#"<script type="application/ld+json">"#)
        .skip(1)
        .map(|rest| {
            let text = rest.split("</script>").next().expect("closed");
            serde_json::from_str(text).unwrap_or_else(|e| panic!("JSON-LD parses: {e}: {text}"))
        })
        .collect()
}

/// The one document of a type.
fn of_type(page: &str, kind: &str) -> Value {
    json_ld(page)
        .into_iter()
        .find(|d| d["@type"] == kind)
        .unwrap_or_else(|| panic!("a {kind}"))
}

/// A meta tag's content.
fn meta(page: &str, attribute: &str, name: &str) -> Option<String> {
    let marker = format!(r#"<meta {attribute}="{name}" content=""#);
    let at = page.find(&marker)? + marker.len();
    Some(unescape(page[at..].split('"').next().unwrap_or_default()))
}

engine_test! {
    async fn an_article_describes_itself_to_search_engines_and_social_networks(app: TestApp) {
        let app = app.with_demo().await;
        let page = app.get(SEED).await.body;
        let url = format!("http://127.0.0.1:8080{SEED}");
        assert!(page.contains(&format!(r#"<link rel="canonical" href="{url}">"#)));
        let description = meta(&page, "name", "description").expect("a description");
        assert!(description.starts_with("Le Royaume du Maroc et la République du Kazakhstan"), "{description}");
        assert!(description.chars().count() <= 160);
        assert_eq!(meta(&page, "property", "og:type").as_deref(), Some("article"));
        assert_eq!(meta(&page, "property", "og:title").as_deref(), Some("Le Maroc et le Kazakhstan renforcent leur coopération bilatérale"));
        assert_eq!(meta(&page, "property", "og:url").as_deref(), Some(url.as_str()));
        assert_eq!(meta(&page, "property", "og:locale").as_deref(), Some("fr_FR"));
        assert_eq!(meta(&page, "property", "og:site_name").as_deref(), Some("Marrakech Info"));
        assert_eq!(meta(&page, "property", "article:section").as_deref(), Some("Politique"));
        assert!(meta(&page, "property", "article:published_time").is_some_and(|t| t.starts_with("2025-03-")));
        assert_eq!(meta(&page, "name", "twitter:card").as_deref(), Some("summary"), "no image: the small card");

        let article = of_type(&page, "NewsArticle");
        assert_eq!(article["@context"], "https://schema.org");
        assert_eq!(article["headline"], "Le Maroc et le Kazakhstan renforcent leur coopération bilatérale");
        assert_eq!(article["mainEntityOfPage"]["@id"], url.as_str());
        assert!(article["datePublished"].as_str().is_some_and(|d| d.starts_with("2025-03-")));
        assert!(article["dateModified"].is_string());
        assert!(article["author"][0]["name"].is_string());
        assert!(article["author"][0]["url"].as_str().is_some_and(|u| u.starts_with("http://127.0.0.1:8080/author/")));
        assert_eq!(article["publisher"]["name"], "Marrakech Info");
        assert_eq!(article["articleSection"], "Politique");
        assert_eq!(article["inLanguage"], "fr");

        let crumbs = of_type(&page, "BreadcrumbList");
        let items = crumbs["itemListElement"].as_array().expect("items");
        assert_eq!(items.len(), 3);
        assert_eq!(items[0]["name"], "Accueil");
        assert_eq!(items[1]["item"], "http://127.0.0.1:8080/politique/");
        assert_eq!(items[2]["position"], 3);
    }
}

engine_test! {
    async fn the_image_and_the_logo_are_given_as_absolute_addresses(app: TestApp) {
        app.set_setting("base_url", "https://www.marrakech-info.ma").await;
        app.set_setting("logo", "").await;
        app.article("Avec une photo").body("Texte.").tags(&["Souk", "Médina"]).create().await;
        app.edit_article("avec-une-photo", |a| a.featured_image = Some("/static/une.jpg".to_owned())).await;
        let page = app.get("/politique/avec-une-photo/").await.body;
        assert_eq!(meta(&page, "property", "og:image").as_deref(), Some("https://www.marrakech-info.ma/static/une.jpg"));
        assert_eq!(meta(&page, "name", "twitter:card").as_deref(), Some("summary_large_image"));
        assert_eq!(of_type(&page, "NewsArticle")["image"][0], "https://www.marrakech-info.ma/static/une.jpg");
        assert!(of_type(&page, "NewsArticle")["publisher"].get("logo").is_none(), "no logo set: none claimed");
        assert!(page.contains(r#"<meta property="article:tag" content="Souk">"#) && page.contains(r#"<meta property="article:tag" content="Médina">"#));
        assert_eq!(of_type(&page, "NewsArticle")["keywords"], serde_json::json!(["Médina", "Souk"]));
        app.set_setting("logo", "/media/3/logo.png").await;
        let page = app.get("/politique/avec-une-photo/").await.body;
        let logo = &of_type(&page, "NewsArticle")["publisher"]["logo"];
        assert_eq!(logo["@type"], "ImageObject");
        assert_eq!(logo["url"], "https://www.marrakech-info.ma/media/3/logo.png");
    }
}

engine_test! {
    async fn the_home_page_offers_the_sites_search_to_search_engines(app: TestApp) {
        let app = app.with_demo().await;
        let page = app.get("/").await.body;
        assert_eq!(meta(&page, "property", "og:type").as_deref(), Some("website"));
        assert_eq!(meta(&page, "name", "description").as_deref(), Some("L’actualité de Marrakech, du Maroc et du monde"));
        let site = of_type(&page, "WebSite");
        assert_eq!(site["name"], "Marrakech Info");
        assert_eq!(site["url"], "http://127.0.0.1:8080/");
        let action = &site["potentialAction"];
        assert_eq!(action["@type"], "SearchAction");
        assert_eq!(action["target"]["urlTemplate"], "http://127.0.0.1:8080/recherche?q={search_term_string}");
        assert_eq!(action["query-input"], "required name=search_term_string");
        assert!(!page.contains("hreflang"), "one language: no alternates");
        app.set_setting("seo.alternates", "ar=https://ar.marrakech-info.ma/ en=https://en.marrakech-info.ma").await;
        let page = app.get("/").await.body;
        for (code, url) in [("fr", "http://127.0.0.1:8080/"), ("ar", "https://ar.marrakech-info.ma/"), ("en", "https://en.marrakech-info.ma/"), ("x-default", "http://127.0.0.1:8080/")] {
            assert!(page.contains(&format!(r#"<link rel="alternate" hreflang="{code}" href="{url}">"#)), "{code}");
        }
        // Lists carry their breadcrumbs.
        let list = app.get("/politique/").await.body;
        let crumbs = of_type(&list, "BreadcrumbList");
        assert_eq!(crumbs["itemListElement"][1]["name"], "Politique");
    }
}

engine_test! {
    async fn titles_cannot_break_out_of_the_tags_or_the_json(app: TestApp) {
        let title = r#"Quand "</script><script>alert(1)</script>" & <b>co</b>"#;
        app.article(title).body("Un texte <script>alert(2)</script>.").create().await;
        let slug = app.store().article_by_id(rotative_core::ArticleId(1)).await.expect("read").expect("there").summary.slug;
        let page = app.get(&format!("/politique/{slug}/")).await.body;
        assert!(!page.contains("<script>alert("), "nothing runs");
        assert_eq!(meta(&page, "property", "og:title").as_deref(), Some(title));
        assert_eq!(of_type(&page, "NewsArticle")["headline"], title, "intact once parsed");
    }
}
