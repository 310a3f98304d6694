//! The demo site as `serve --demo` loads it.

use rotative_demo::Outcome;
use rotative_store::ArticleFilter;
use rotative_test_support::{TestApp, engine_test};
use std::collections::BTreeMap;

#[test]
fn the_seed_article_is_the_shared_fixture_copied_verbatim() {
    let shipped = include_str!("../content/articles/article-maroc-kazakhstan.md");
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/article-maroc-kazakhstan.md"
    ))
    .expect("../shared/fixtures is beside the project");
    assert_eq!(shipped, fixture);
}

#[test]
fn about_thirty_more_french_articles_cover_six_sections_with_authors_and_tags() {
    let demo = rotative_demo::content().expect("demo content parses");
    assert!(
        (30..=40).contains(&(demo.articles.len() - 1)),
        "{}",
        demo.articles.len()
    );
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_author: BTreeMap<&str, usize> = BTreeMap::new();
    for article in &demo.articles {
        *per_category.entry(&article.front.category).or_default() += 1;
        *per_author.entry(&article.front.author).or_default() += 1;
        if !article.file.contains("maroc-kazakhstan") {
            assert!(
                !article.front.tags.is_empty(),
                "{} has no tags",
                article.file
            );
        }
    }
    let sections: Vec<&str> = per_category.keys().copied().collect();
    assert_eq!(
        sections,
        [
            "Culture",
            "International",
            "Politique",
            "Société",
            "Sport",
            "Économie"
        ]
    );
    assert!(per_category.values().all(|n| *n >= 4), "{per_category:?}");
    assert!(per_author.len() >= 4, "{per_author:?}");
}

engine_test! {
    async fn the_demo_loads_into_an_empty_database_only(app: TestApp) {
        let first = rotative_demo::load_if_empty(app.store(), app.now()).await.expect("loads");
        let expected = rotative_demo::content().expect("parses").articles.len();
        assert_eq!(first, Outcome::Loaded { articles: expected });
        let second = rotative_demo::load_if_empty(app.store(), app.now()).await.expect("runs");
        assert_eq!(second, Outcome::AlreadyHasContent);
        assert_eq!(app.store().count_articles().await.expect("count"), expected as u64);
        let total = app
            .store()
            .count_public_articles(ArticleFilter::All, app.now())
            .await
            .expect("count");
        assert_eq!(total, expected as u64, "every demo article is public");
    }
}

engine_test! {
    async fn the_demo_does_nothing_to_a_site_with_content(app: TestApp) {
        app.article("Notre premier article").create().await;
        let outcome = rotative_demo::load_if_empty(app.store(), app.now()).await.expect("runs");
        assert_eq!(outcome, Outcome::AlreadyHasContent);
        assert_eq!(app.store().count_articles().await.expect("count"), 1);
    }
}

engine_test! {
    async fn generate_adds_articles_in_bulk_with_tags_authors_and_dates(app: TestApp) {
        let mut reported = Vec::new();
        let generated = rotative_demo::generate::generate(app.store(), 2500, 7, app.now(), |n| reported.push(n))
            .await
            .expect("generates");
        assert_eq!(generated.articles, 2500);
        assert_eq!(reported.last(), Some(&2500), "progress reaches the total");
        let demo = rotative_demo::content().expect("parses").articles.len() as u64;
        assert_eq!(app.store().count_articles().await.expect("count"), demo + 2500);
        let public = app.store().count_public_articles(ArticleFilter::All, app.now()).await.expect("count");
        assert_eq!(public, demo + 2500, "generated articles are published in the past");
        let newest = app.store().public_articles(ArticleFilter::All, 50, 0, app.now()).await.expect("list");
        let mut authors: Vec<_> = newest.iter().map(|a| a.author.id).collect();
        authors.sort();
        authors.dedup();
        assert!(authors.len() > 5, "articles are spread over authors");
        let sample = &newest[0];
        let tags = app.store().article_tags(sample.id).await.expect("tags");
        assert!((1..=4).contains(&tags.len()), "{} tags", tags.len());
        // About four articles in ten have readers' comments, most of them approved and
        // counted.
        assert!((2000..8000).contains(&generated.comments), "{} comments", generated.comments);
        let counted: i64 = app.store().public_articles(ArticleFilter::All, 3000, 0, app.now()).await.expect("list").iter().map(|a| a.comment_count).sum();
        let approved = app.store().count_comments(&rotative_store::CommentQuery::default()).await.expect("counts")
            .into_iter().filter(|(s, _)| *s == rotative_core::CommentStatus::Approved).map(|(_, n)| n as i64).sum::<i64>();
        assert_eq!(counted, approved);
        assert!(approved > generated.comments as i64 * 3 / 4);
        // A second run adds more, with new slugs.
        rotative_demo::generate::generate(app.store(), 10, 8, app.now(), |_| {}).await.expect("again");
        assert_eq!(app.store().count_articles().await.expect("count"), demo + 2510);
    }
}
