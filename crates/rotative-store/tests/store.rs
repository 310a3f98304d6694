//! The store's behaviour on both engines, through its public interface.

use chrono::Duration;
use rotative_core::{
    Article, ArticleStatus, Locale, NewArticle, NewAuthor, NewCategory, NewTag, Role, Slug,
    is_public,
};
use rotative_store::{ArticleFilter, Engine, StoreError};
use rotative_test_support::{TestApp, draft, engine_test};

engine_test! {
    async fn public_queries_follow_the_domain_rule_of_visibility(app: TestApp) {
        let now = app.now();
        let times = [None, Some(now - Duration::hours(1)), Some(now), Some(now + Duration::seconds(1))];
        let mut expected = Vec::new();
        for status in ArticleStatus::ALL {
            for (n, at) in times.iter().enumerate() {
                let title = format!("{status} {n}");
                if status != ArticleStatus::Draft && at.is_none() {
                    continue;
                }
                app.article(&title).status(status, *at).create().await;
                if is_public(status, *at, now) {
                    expected.push(title);
                }
            }
        }
        let page = app
            .store()
            .public_articles(ArticleFilter::All, 100, 0, now)
            .await
            .expect("list");
        let mut shown: Vec<String> = page.iter().map(|a| a.title.clone()).collect();
        shown.sort();
        expected.sort();
        assert_eq!(shown, expected);
        let total = app.store().count_public_articles(ArticleFilter::All, now).await.expect("count");
        assert_eq!(total, expected.len() as u64);
    }
}

engine_test! {
    async fn a_taken_slug_or_email_is_a_conflict_naming_the_field(app: TestApp) {
        app.article("Unique").create().await;
        let category = app.category_named("Politique").await;
        let author = app.author_named("Rédaction").await;
        let duplicate = NewArticle {
            title: "Autre".to_owned(),
            ..draft("unique", author, category)
        };
        let error = app.store().create_article(&duplicate, app.now()).await.err();
        assert!(matches!(&error, Some(StoreError::Conflict { field }) if field == "slug"), "{error:?}");

        let person = |slug: &str, email: &str| NewAuthor {
            slug: Slug::parse(slug).expect("slug"),
            display_name: slug.to_owned(),
            email: Some(email.to_owned()),
            bio: String::new(),
            role: Role::Author,
        };
        app.store().create_author(&person("a", "salma@example.ma"), app.now()).await.expect("first");
        let error = app.store().create_author(&person("b", "SALMA@example.ma"), app.now()).await.err();
        assert!(matches!(&error, Some(StoreError::Conflict { field }) if field == "email"), "{error:?}");

        let section = NewCategory {
            slug: Slug::parse("politique").expect("slug"),
            name: "Politique bis".to_owned(),
            description: String::new(),
            parent_id: None,
            position: 9,
        };
        let error = app.store().create_category(&section).await.err();
        assert!(matches!(&error, Some(StoreError::Conflict { field }) if field == "slug"), "{error:?}");
    }
}

engine_test! {
    async fn a_failed_article_leaves_nothing_behind(app: TestApp) {
        let author = app.author_named("Rédaction").await;
        let article = NewArticle {
            status: ArticleStatus::Published,
            published_at: Some(app.now()),
            tags: vec![NewTag::from_name("Nouveau").expect("tag")],
            ..draft("orphelin", author, rotative_core::CategoryId(9999))
        };
        let error = app.store().create_article(&article, app.now()).await.err();
        assert!(matches!(error, Some(StoreError::MissingReference)), "{error:?}");
        assert_eq!(app.store().count_articles().await.expect("count"), 0);
        let tag = app.store().tag_by_slug(&Slug::parse("nouveau").expect("slug")).await.expect("lookup");
        assert!(tag.is_none(), "the tag was created outside the failed transaction");
    }
}

engine_test! {
    async fn migrating_twice_changes_nothing(app: TestApp) {
        app.article("Avant").create().await;
        app.store().migrate().await.expect("second migration");
        assert_eq!(app.store().count_articles().await.expect("count"), 1);
    }
}

engine_test! {
    async fn tags_are_shared_between_articles_and_settings_are_replaced(app: TestApp) {
        app.article("Un").tags(&["Eau", "Climat"]).create().await;
        app.article("Deux").tags(&["eau"]).create().await;
        let tag = app.store().tag_by_slug(&Slug::parse("eau").expect("slug")).await.expect("lookup").expect("exists");
        assert_eq!(tag.name, "Eau", "the first spelling is kept");
        let total = app
            .store()
            .count_public_articles(ArticleFilter::Tag(tag.id), app.now())
            .await
            .expect("count");
        assert_eq!(total, 2);

        app.store().put_setting("name", "Premier").await.expect("put");
        app.store().put_setting("name", "Second").await.expect("put");
        let settings = app.store().settings().await.expect("settings");
        let names: Vec<_> = settings.iter().filter(|(key, _)| key == "name").collect();
        assert_eq!(names, [&("name".to_owned(), "Second".to_owned())]);
    }
}

engine_test! {
    async fn an_articles_language_is_kept_changed_and_cleared(app: TestApp) {
        let lang = |slug: &'static str| {
            let app = &app;
            async move {
                let slug = Slug::parse(slug).expect("slug");
                app.store().article_by_slug(&slug).await.expect("read").expect("exists").lang
            }
        };
        app.article("مهرجان مراكش").slug("festival").lang(Locale::Ar).create().await;
        app.article("Le budget").create().await;
        assert_eq!(lang("festival").await, Some(Locale::Ar));
        assert_eq!(lang("le-budget").await, None);
        app.edit_article("festival", |a| a.lang = Some(Locale::En)).await;
        assert_eq!(lang("festival").await, Some(Locale::En));
        app.edit_article("festival", |a| a.lang = None).await;
        assert_eq!(lang("festival").await, None);

        // Bulk inserts (imports, generated data) carry it too.
        let author = app.author_named("Rédaction").await;
        let category = app.category_named("Politique").await;
        let batch = [
            NewArticle { lang: Some(Locale::Ar), ..draft("un", author, category) },
            draft("deux", author, category),
        ];
        app.store().insert_articles(&batch, app.now()).await.expect("inserted");
        assert_eq!(lang("un").await, Some(Locale::Ar));
        assert_eq!(lang("deux").await, None);
    }
}

engine_test! {
    async fn a_snapshot_reads_one_state_and_the_next_one_sees_the_writes(app: TestApp) {
        let now = app.now();
        let titles = |list: Vec<rotative_core::ArticleSummary>| {
            let mut titles: Vec<String> = list.into_iter().map(|a| a.title).collect();
            titles.sort();
            titles
        };
        app.article("Avant").create().await;
        let snapshot = app.store().snapshot();
        let before = snapshot.public_articles(ArticleFilter::All, 10, 0, now).await.expect("list");
        assert_eq!(titles(before), ["Avant"]);

        app.article("Après").create().await;
        let again = snapshot.public_articles(ArticleFilter::All, 10, 0, now).await.expect("list");
        match app.store().engine() {
            // One read transaction: the snapshot keeps seeing the state of its first read.
            Engine::Sqlite => assert_eq!(titles(again), ["Avant"]),
            // Each read a statement of its own.
            Engine::Postgres => assert_eq!(titles(again), ["Après", "Avant"]),
        }
        drop(snapshot);

        // Snapshots in turn, on connections given back by the ones before: each new one
        // sees every write made before it.
        for _ in 0..50 {
            let snapshot = app.store().snapshot();
            let list = snapshot.public_articles(ArticleFilter::All, 10, 0, now).await.expect("list");
            assert_eq!(titles(list), ["Après", "Avant"]);
        }
        // A snapshot dropped before its first read ends no transaction and breaks nothing:
        // the next one still sees a new write.
        let unread = app.store().snapshot();
        drop(unread);
        app.article("Enfin").create().await;
        let list = app.store().snapshot().public_articles(ArticleFilter::All, 10, 0, now).await.expect("list");
        assert_eq!(titles(list), ["Après", "Avant", "Enfin"]);
    }
}

engine_test! {
    async fn an_article_page_is_the_article_without_its_markdown(app: TestApp) {
        app.article("Le budget").body("Un **budget** voté.\n\n## Les chiffres\n\nDix.").tags(&["Eau"]).create().await;
        let slug = Slug::parse("le-budget").expect("slug");
        let whole = app.store().article_by_slug(&slug).await.expect("read").expect("exists");
        let page = app.store().article_page_by_slug(&slug).await.expect("read").expect("exists");
        assert!(whole.body_markdown.contains("**budget**"));
        assert_eq!(page.body_markdown, "", "the page does not read the source");
        assert!(page.body_html.contains("<strong>budget</strong>"));
        assert_eq!(Article { body_markdown: whole.body_markdown.clone(), ..page }, whole);
        let missing = Slug::parse("absent").expect("slug");
        assert_eq!(app.store().article_page_by_slug(&missing).await.expect("read"), None);
    }
}
