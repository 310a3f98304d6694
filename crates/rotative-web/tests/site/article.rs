//! The article page.

use crate::{SEED, count, position};
use axum::http::{Method, StatusCode};
use rotative_test_support::{TestApp, engine_test};

engine_test! {
    async fn seed_article_shows_breadcrumbs_title_headings_date_and_counts(app: TestApp) {
        let app = app.with_demo().await;
        let page = app.get(SEED).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        let title = "Le Maroc et le Kazakhstan renforcent leur coopération bilatérale";

        // Breadcrumbs: Accueil › Politique › title, as links, with BreadcrumbList markup.
        let crumbs = &body[position(body, r#"class="breadcrumbs""#)..position(body, "</nav>\n<article")];
        assert!(crumbs.contains(r#"itemtype="https://schema.org/BreadcrumbList""#));
        let home = position(crumbs, r#"href="http://127.0.0.1:8080/"><span itemprop="name">Accueil</span></a>"#);
        let section = position(crumbs, r#"href="http://127.0.0.1:8080/politique/"><span itemprop="name">Politique</span></a>"#);
        let own = position(crumbs, &format!(r#"<span itemprop="name">{title}</span>"#));
        assert!(home < section && section < own);
        assert_eq!(count(crumbs, "›"), 2);
        assert_eq!(count(crumbs, r#"itemprop="position""#), 3);

        assert!(body.contains(&format!(r#"<h1 class="article-title">{title}</h1>"#)));
        assert!(body.contains(&format!("<title>{title} – Marrakech Info</title>")));
        for (id, heading) in [
            ("une-cooperation-politique-renforcee", "Une coopération politique renforcée"),
            ("des-perspectives-economiques-prometteuses", "Des perspectives économiques prometteuses"),
            ("securite-alimentaire-mondiale-et-logistique", "Sécurité alimentaire mondiale et logistique"),
            ("un-partenariat-dans-la-lutte-contre-les-menaces-globales", "Un partenariat dans la lutte contre les menaces globales"),
            ("une-cooperation-multilaterale-renforcee", "Une coopération multilatérale renforcée"),
        ] {
            assert!(body.contains(&format!(r#"<h2 id="{id}">{heading}</h2>"#)), "missing {heading}");
        }
        assert!(body.contains(r#"<time class="meta-date" datetime="2025-03-20T09:00:00Z">20 mars 2025</time>"#));
        assert!(body.contains(r#"rel="author">Rédaction</a>"#));
        assert!(body.contains(r#"<span class="comment-count">0</span>"#));
        assert!(body.contains(r#"title="0 commentaire""#));
        // 31 views stored, and this one.
        assert!(body.contains(r#"<span class="view-count">32</span>"#));
        assert!(body.contains("LAISSER UN COMMENTAIRE"));
        assert!(body.contains(r#"lang="fr""#));
    }
}

engine_test! {
    async fn opening_an_article_counts_a_view_but_a_head_request_does_not(app: TestApp) {
        app.article("Le budget communal adopté").views(10).create().await;
        let path = "/politique/le-budget-communal-adopte/";
        assert!(app.get(path).await.body.contains(r#"<span class="view-count">11</span>"#));
        assert_eq!(app.send(Method::HEAD, path).await.status, StatusCode::OK);
        assert_eq!(app.get(path).await.status, StatusCode::OK);
        app.flush_views().await;
        let slug = rotative_core::Slug::parse("le-budget-communal-adopte").expect("slug");
        let stored = app.store().article_by_slug(&slug).await.expect("lookup").expect("exists");
        assert_eq!(stored.summary.view_count, 12);
    }
}

engine_test! {
    async fn article_shows_its_tags_related_articles_and_neighbours(app: TestApp) {
        let hours_ago = |h| app.now() - chrono::Duration::hours(h);
        app.article("Plus ancien").category("Sport").published_at(hours_ago(30)).create().await;
        app.article("Au milieu").category("Sport").tags(&["Football", "Kawkab"]).published_at(hours_ago(20)).create().await;
        app.article("Plus récent").category("Sport").published_at(hours_ago(10)).create().await;
        app.article("Ailleurs").category("Culture").published_at(hours_ago(15)).create().await;

        let body = app.get("/sport/au-milieu/").await.body;
        assert!(body.contains(r#"<a href="/tag/football/" rel="tag">Football</a>"#));
        assert!(body.contains(r#"<a href="/tag/kawkab/" rel="tag">Kawkab</a>"#));
        assert!(body.contains(r#"<a class="prev" rel="prev" href="/sport/plus-ancien/">"#));
        assert!(body.contains(r#"<a class="next" rel="next" href="/sport/plus-recent/">"#));
        let related = &body[position(&body, r#"<section class="related">"#)..];
        let related = &related[..position(related, "</section>")];
        assert!(related.contains("Plus récent") && related.contains("Plus ancien"));
        assert!(!related.contains("Ailleurs") && !related.contains("Au milieu"));
    }
}

engine_test! {
    async fn related_articles_are_the_four_newest_others_of_the_category_newest_first(app: TestApp) {
        let hours_ago = |h| app.now() - chrono::Duration::hours(h);
        for (title, hours) in [("Un", 60), ("Deux", 50), ("Trois", 40), ("Quatre", 30), ("Cinq", 20), ("Six", 10)] {
            app.article(title).category("Sport").published_at(hours_ago(hours)).create().await;
        }
        app.article("Demain").category("Sport").status(rotative_core::ArticleStatus::Scheduled, Some(app.now() + chrono::Duration::hours(2))).create().await;

        let body = app.get("/sport/trois/").await.body;
        assert!(body.contains(r#"<a class="prev" rel="prev" href="/sport/deux/">"#));
        assert!(body.contains(r#"<a class="next" rel="next" href="/sport/quatre/">"#));
        let related = &body[position(&body, r#"<section class="related">"#)..];
        let related = &related[..position(related, "</section>")];
        let shown: Vec<usize> = ["/sport/six/", "/sport/cinq/", "/sport/quatre/", "/sport/deux/"]
            .iter()
            .map(|url| position(related, &format!(r#"<h3 class="card-title"><a href="{url}">"#)))
            .collect();
        assert!(shown.is_sorted(), "newest first: {shown:?}");
        for hidden in ["/sport/un/", "/sport/trois/", "/sport/demain/"] {
            assert!(!related.contains(&format!(r#"href="{hidden}""#)), "{hidden} is not related");
        }

        // The newest has no newer neighbour (the scheduled one is not public yet), the
        // oldest no older one.
        let newest = app.get("/sport/six/").await.body;
        assert!(newest.contains(r#"<a class="prev" rel="prev" href="/sport/cinq/">"#));
        assert!(!newest.contains(r#"rel="next""#));
        let oldest = app.get("/sport/un/").await.body;
        assert!(!oldest.contains(r#"rel="prev""#));
        assert!(oldest.contains(r#"<a class="next" rel="next" href="/sport/deux/">"#));
    }
}

engine_test! {
    async fn articles_published_at_the_same_moment_are_neighbours_in_the_order_they_were_made(app: TestApp) {
        let at = app.now() - chrono::Duration::hours(3);
        app.article("Premier jumeau").category("Sport").published_at(at).create().await;
        app.article("Second jumeau").category("Sport").published_at(at).create().await;
        let first = app.get("/sport/premier-jumeau/").await.body;
        assert!(first.contains(r#"<a class="next" rel="next" href="/sport/second-jumeau/">"#));
        assert!(!first.contains(r#"rel="prev""#));
        let second = app.get("/sport/second-jumeau/").await.body;
        assert!(second.contains(r#"<a class="prev" rel="prev" href="/sport/premier-jumeau/">"#));
        assert!(!second.contains(r#"rel="next""#));
    }
}

engine_test! {
    async fn article_reached_through_another_category_redirects_permanently(app: TestApp) {
        app.article("Le derby de Marrakech").category("Sport").create().await;
        app.category_named("Culture").await;
        let moved = app.get("/culture/le-derby-de-marrakech/").await;
        assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(moved.header("location"), Some("/sport/le-derby-de-marrakech/"));
    }
}

engine_test! {
    async fn a_title_with_a_script_tag_is_shown_as_text(app: TestApp) {
        app.article("<script>alert(1)</script>").slug("script").category("Sport").create().await;
        for path in ["/sport/script/", "/sport/", "/"] {
            let body = app.get(path).await.body;
            assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{path}");
            assert!(!body.contains("<script>alert(1)"), "{path} lets the script through");
        }
    }
}

engine_test! {
    async fn a_body_cannot_inject_html_or_javascript_links(app: TestApp) {
        app.article("Piège")
            .body("Texte <img src=x onerror=alert(1)> et [lien](javascript:alert(2)).\n\n<iframe src=\"https://evil.example\"></iframe>")
            .create()
            .await;
        let body = app.get("/politique/piege/").await.body;
        let article = &body[position(&body, r#"<div class="article-body">"#)..position(&body, "</article>")];
        assert!(!article.contains("<img"), "{article}");
        assert!(!article.contains("<iframe"), "{article}");
        assert!(!article.to_lowercase().contains("javascript:"), "{article}");
        assert!(article.contains("&lt;img src=x onerror=alert(1)&gt;"), "{article}");
    }
}

engine_test! {
    async fn unpublished_articles_are_not_found(app: TestApp) {
        use rotative_core::ArticleStatus::{Archived, Draft, Scheduled};
        let later = app.now() + chrono::Duration::hours(2);
        app.article("Brouillon").status(Draft, None).create().await;
        app.article("Archivé").status(Archived, Some(app.now())).create().await;
        app.article("Programmé").status(Scheduled, Some(later)).create().await;
        for slug in ["brouillon", "archive", "programme"] {
            let page = app.get(&format!("/politique/{slug}/")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{slug}");
            assert!(page.body.contains("Page introuvable"));
        }
        for path in ["/politique/", "/"] {
            let body = app.get(path).await.body;
            for title in ["Brouillon", "Archivé", "Programmé"] {
                assert!(!body.contains(title), "{path} shows {title}");
            }
        }
    }
}
