//! What feeds and sitemaps read, on both engines.

use chrono::Duration;
use rotative_core::ArticleStatus;
use rotative_test_support::{TestApp, engine_test};

engine_test! {
    async fn sitemap_pages_cut_public_articles_by_id_with_their_latest_change(app: TestApp) {
        let now = app.now();
        let mut times = Vec::new();
        for n in 0..5 {
            let at = now - Duration::days(10 - n);
            app.article(&format!("Article {n}")).published_at(at).create().await;
            times.push(at);
        }
        app.article("Brouillon").status(ArticleStatus::Draft, None).create().await;
        app.article("Prévu").status(ArticleStatus::Scheduled, Some(now + Duration::hours(1))).create().await;
        // The builder creates articles at `now`: their edit is their latest change.
        let store = app.store();
        let pages = store.sitemap_article_pages(2, now).await.expect("pages");
        assert_eq!(pages, vec![now, now, now], "5 public articles, 2 a page");
        let first = store.sitemap_articles(2, 0, now).await.expect("first page");
        let last = store.sitemap_articles(2, 2, now).await.expect("last page");
        let paths = |entries: &[rotative_store::SitemapEntry]| entries.iter().map(|e| e.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&first), ["/politique/article-0/", "/politique/article-1/"]);
        assert_eq!(paths(&last), ["/politique/article-4/"]);
        assert!(store.sitemap_articles(2, 3, now).await.expect("past the end").is_empty());
        assert!(store.sitemap_article_pages(2, now - Duration::days(30)).await.expect("before any").is_empty());
    }
}

engine_test! {
    async fn a_scheduled_article_last_changed_at_its_publication(app: TestApp) {
        let at = app.now() + Duration::hours(2);
        app.article("Plus tard").tags(&["Eau"]).status(ArticleStatus::Scheduled, Some(at)).create().await;
        app.clock.advance(Duration::hours(3));
        let now = app.now();
        let store = app.store();
        let entries = store.sitemap_articles(10, 0, now).await.expect("articles");
        assert_eq!(entries.iter().map(|e| e.lastmod).collect::<Vec<_>>(), [at]);
        let tags = store.sitemap_tags(now).await.expect("tags");
        assert_eq!(tags.iter().map(|t| (t.path.as_str(), t.lastmod)).collect::<Vec<_>>(), [("/tag/eau/", at)]);
        let authors = store.sitemap_authors(now).await.expect("authors");
        assert_eq!(authors.iter().map(|a| a.path.as_str()).collect::<Vec<_>>(), ["/author/redaction/"]);
        let categories = store.category_lastmods(now).await.expect("categories");
        assert_eq!(categories.len(), 1);
        assert_eq!(categories[0].1, at);
    }
}

engine_test! {
    async fn tags_and_authors_without_public_articles_are_left_out(app: TestApp) {
        app.article("Brouillon").tags(&["Secret"]).author("Invisible").status(ArticleStatus::Draft, None).create().await;
        app.article("Public").tags(&["Eau"]).create().await;
        let store = app.store();
        let tags: Vec<String> = store.sitemap_tags(app.now()).await.expect("tags").into_iter().map(|t| t.path).collect();
        assert_eq!(tags, ["/tag/eau/"]);
        let authors: Vec<String> = store.sitemap_authors(app.now()).await.expect("authors").into_iter().map(|a| a.path).collect();
        assert_eq!(authors, ["/author/redaction/"]);
    }
}

engine_test! {
    async fn recent_articles_are_the_public_ones_since_a_time_newest_first(app: TestApp) {
        let now = app.now();
        app.article("Avant-hier").published_at(now - Duration::hours(49)).create().await;
        app.article("Hier").published_at(now - Duration::hours(20)).create().await;
        app.article("Ce matin").published_at(now - Duration::hours(2)).create().await;
        app.article("Demain").status(ArticleStatus::Scheduled, Some(now + Duration::hours(2))).create().await;
        let store = app.store();
        let recent = store.articles_since(now - Duration::hours(48), 10, now).await.expect("recent");
        let titles: Vec<&str> = recent.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Ce matin", "Hier"]);
        let one = store.articles_since(now - Duration::hours(48), 1, now).await.expect("limited");
        assert_eq!(one.len(), 1);
    }
}

engine_test! {
    async fn bodies_are_read_for_the_ids_asked(app: TestApp) {
        let a = app.article("Premier").body("Texte *un*.").create().await;
        let b = app.article("Second").body("Texte deux.").create().await;
        let store = app.store();
        let mut bodies = store.article_bodies(&[b, a, rotative_core::ArticleId(999)]).await.expect("bodies");
        bodies.sort_by_key(|body| body.id);
        assert_eq!(bodies.iter().map(|body| body.id).collect::<Vec<_>>(), [a, b]);
        assert!(bodies[0].body_html.contains("<em>un</em>"), "{}", bodies[0].body_html);
        assert_eq!(bodies[0].updated_at, app.now());
        assert!(store.article_bodies(&[]).await.expect("none").is_empty());
    }
}
