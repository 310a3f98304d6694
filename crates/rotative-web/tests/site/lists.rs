//! Category, tag and author pages, and their pagination.

use crate::{count, listed, position};
use axum::http::StatusCode;
use chrono::Duration;
use rotative_core::ArticleStatus;
use rotative_store::{ArticleFilter, ListStart};
use rotative_test_support::{TestApp, engine_test};

/// Twelve sport articles, "Match 1" the oldest, "Match 12" the newest, five per page.
async fn twelve_matches(app: &TestApp) {
    app.set_setting("posts_per_page", "5").await;
    for n in 1..=12 {
        app.article(&format!("Match {n}"))
            .category("Sport")
            .author("Karim Ouazzani")
            .tags(&["Football"])
            .published_at(app.now() - Duration::hours(100 - n))
            .create()
            .await;
    }
}

engine_test! {
    async fn a_category_lists_its_articles_newest_first_five_per_page(app: TestApp) {
        twelve_matches(&app).await;
        let first = app.get("/sport/").await;
        assert_eq!(first.status, StatusCode::OK);
        let list = listed(&first.body);
        assert!(position(list, "Match 12<") < position(list, "Match 11<"));
        assert_eq!(count(list, r#"<h3 class="card-title">"#), 5);
        assert!(first.body.contains(r#"<a rel="next" href="/sport/page/2/">"#));
        assert!(first.body.contains("Page 1 sur 3"));
        assert!(first.body.contains("<h1>Sport</h1>"));
        assert!(first.body.contains("Tout sur Sport."));

        let second = app.get("/sport/page/2/").await;
        assert_eq!(second.status, StatusCode::OK);
        let list = listed(&second.body);
        assert!(list.contains("Match 7<") && list.contains("Match 3<"));
        assert!(!list.contains("Match 8<") && !list.contains("Match 2<"));
        assert!(second.body.contains(r#"<a rel="prev" href="/sport/">"#));
        assert!(second.body.contains(r#"<link rel="canonical" href="http://127.0.0.1:8080/sport/page/2/">"#));
        assert!(second.body.contains("<title>Sport – page 2 – Rotative</title>"));
        assert_eq!(app.get("/sport/?page=2").await.body, second.body);

        let last = app.get("/sport/page/3/").await;
        assert_eq!(count(listed(&last.body), r#"<h3 class="card-title">"#), 2);
        assert!(!last.body.contains(r#"rel="next""#));
    }
}

engine_test! {
    async fn page_numbers_outside_the_list_are_refused(app: TestApp) {
        twelve_matches(&app).await;
        for query in ["0", "-1", "abc", "1.5", "", "99999999999"] {
            let page = app.get(&format!("/sport/?page={query}")).await;
            assert_eq!(page.status, StatusCode::BAD_REQUEST, "?page={query}");
            assert!(page.body.contains("Numéro de page invalide"), "?page={query}");
            assert!(page.body.contains(r#"<a href="/sport/""#), "?page={query}: navigation");
        }
        for segment in ["0", "-1", "abc", "4", "1e3"] {
            let page = app.get(&format!("/sport/page/{segment}/")).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "/page/{segment}/");
            assert!(page.body.contains("Page introuvable"));
        }
        assert_eq!(app.get("/sport/?page=4").await.status, StatusCode::NOT_FOUND);
        let first = app.get("/sport/page/1/").await;
        assert_eq!(first.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(first.header("location"), Some("/sport/"));
    }
}

engine_test! {
    async fn an_empty_category_has_a_first_page_and_nothing_after(app: TestApp) {
        app.category_named("Culture").await;
        let first = app.get("/culture/").await;
        assert_eq!(first.status, StatusCode::OK);
        assert!(first.body.contains("Aucun article pour le moment."));
        assert_eq!(app.get("/culture/page/2/").await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn a_category_includes_its_sub_categories(app: TestApp) {
        let sport = app.category_named("Sport").await;
        app.subcategory_named("Football", Some(sport)).await;
        app.article("Le Kawkab gagne").category("Football").create().await;
        assert!(app.get("/sport/").await.body.contains("Le Kawkab gagne"));
        let football = app.get("/football/").await.body;
        let crumbs = &football[position(&football, r#"class="breadcrumbs""#)..];
        assert!(position(crumbs, ">Accueil<") < position(crumbs, ">Sport<"));
        assert!(position(crumbs, ">Sport<") < position(crumbs, ">Football<"));
        let article = app.get("/football/le-kawkab-gagne/").await.body;
        let crumbs = &article[position(&article, r#"class="breadcrumbs""#)..];
        assert!(position(crumbs, ">Sport<") < position(crumbs, ">Football<"));
        // The menu shows the top-level category as the current one.
        assert!(article.contains(r#"<a href="/sport/" aria-current="page">Sport</a>"#));
    }
}

engine_test! {
    async fn a_tag_page_lists_the_tagged_articles_with_pagination(app: TestApp) {
        twelve_matches(&app).await;
        app.article("Sans étiquette").category("Sport").create().await;
        let page = app.get("/tag/football/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<h1>Mot-clé : Football</h1>"));
        assert!(!listed(&page.body).contains("Sans étiquette"));
        assert!(page.body.contains(r#"<a rel="next" href="/tag/football/page/2/">"#));
        assert_eq!(app.get("/tag/football/page/3/").await.status, StatusCode::OK);
        assert_eq!(app.get("/tag/football/page/4/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/tag/inconnu/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/tag/Not%20A%20Slug/").await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn an_author_page_lists_their_articles_and_biography(app: TestApp) {
        twelve_matches(&app).await;
        app.article("Par une autre plume").author("Salma Benali").create().await;
        let page = app.get("/author/karim-ouazzani/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<h1>Articles de Karim Ouazzani</h1>"));
        assert!(page.body.contains("Karim Ouazzani écrit pour le journal."));
        assert!(!listed(&page.body).contains("Par une autre plume"));
        assert_eq!(app.get("/author/karim-ouazzani/page/3/").await.status, StatusCode::OK);
        assert_eq!(app.get("/author/karim-ouazzani/page/4/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/author/personne/").await.status, StatusCode::NOT_FOUND);
    }
}

/// The titles of the cards in a list page's main column, in order.
fn titles(body: &str) -> Vec<&str> {
    listed(body)
        .split(r#"<h3 class="card-title"><a href=""#)
        .skip(1)
        .filter_map(|card| {
            let text = &card[card.find("\">")? + 2..];
            text.find("</a>").map(|end| &text[..end])
        })
        .collect()
}

/// "Match n" for each of these numbers.
fn matches(numbers: &[u32]) -> Vec<String> {
    numbers.iter().map(|n| format!("Match {n}")).collect()
}

/// The titles of pages 1 to 3 of `/sport/`, read in order (each tells the next where it
/// starts), then read again (each from where it starts).
async fn sport_pages(app: &TestApp) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    for round in 0..2 {
        let mut read = Vec::new();
        for path in ["/sport/", "/sport/page/2/", "/sport/page/3/"] {
            let page = app.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            read.push(
                titles(&page.body)
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            );
        }
        if round == 1 {
            assert_eq!(read, pages, "read again from where they start");
        }
        pages = read;
    }
    pages
}

engine_test! {
    async fn a_deep_page_read_from_where_it_starts_moves_with_every_write(app: TestApp) {
        let options = rotative_web::Options { cache_enabled: false, ..Default::default() };
        let app = app.with_options(options).await;
        twelve_matches(&app).await;
        // Straight to the last page: counted from the top.
        assert_eq!(titles(&app.get("/sport/page/3/").await.body), ["Match 2", "Match 1"]);
        let pages = [matches(&[12, 11, 10, 9, 8]), matches(&[7, 6, 5, 4, 3]), matches(&[2, 1])];
        assert_eq!(sport_pages(&app).await, pages);

        // A newer article pushes every page down by one.
        app.article("Match 13").category("Sport").create().await;
        let pages = [matches(&[13, 12, 11, 10, 9]), matches(&[8, 7, 6, 5, 4]), matches(&[3, 2, 1])];
        assert_eq!(sport_pages(&app).await, pages);

        // One taken out of the first page pulls the others up.
        app.edit_article("match-11", |a| a.status = ArticleStatus::Draft).await;
        let pages = [matches(&[13, 12, 10, 9, 8]), matches(&[7, 6, 5, 4, 3]), matches(&[2, 1])];
        assert_eq!(sport_pages(&app).await, pages);

        // One moved back in time goes from the first page to the last.
        app.edit_article("match-13", |a| a.published_at = Some(app.now() - Duration::days(30))).await;
        let pages = [matches(&[12, 10, 9, 8, 7]), matches(&[6, 5, 4, 3, 2]), matches(&[1, 13])];
        assert_eq!(sport_pages(&app).await, pages);

        // A scheduled article whose time comes is the newest, with no write of the editors'.
        let at = app.now() + Duration::minutes(30);
        app.article("Match 14").category("Sport").status(ArticleStatus::Scheduled, Some(at)).create().await;
        assert_eq!(sport_pages(&app).await, pages);
        app.clock.advance(Duration::minutes(30));
        let pages = [matches(&[14, 12, 10, 9, 8]), matches(&[7, 6, 5, 4, 3]), matches(&[2, 1, 13])];
        assert_eq!(titles(&app.get("/sport/page/2/").await.body), pages[1]);
        assert_eq!(sport_pages(&app).await, pages);
    }
}

engine_test! {
    async fn a_page_start_is_forgotten_at_the_refresh_when_a_write_went_unheard(app: TestApp) {
        let options = rotative_web::Options {
            cache_enabled: false,
            cache_refresh: std::time::Duration::ZERO,
            ..Default::default()
        };
        let app = app.with_options(options).await;
        twelve_matches(&app).await;
        assert_eq!(sport_pages(&app).await[1], matches(&[7, 6, 5, 4, 3]));
        // Another node unpublishes Match 12: this node is not told.
        app.unpublish_unheard("match-12").await;
        assert_eq!(titles(&app.get("/sport/page/2/").await.body), matches(&[6, 5, 4, 3, 2]));
    }
}

engine_test! {
    async fn every_list_read_from_a_page_start_matches_it_read_by_position(app: TestApp) {
        let section = app.category_named("Sport").await;
        let sub = app.subcategory_named("Football", Some(section)).await;
        let now = app.now();
        for n in 1..=9_i64 {
            let mut article = app
                .article(&format!("Match {n}"))
                .category(if n % 3 == 0 { "Football" } else { "Sport" })
                .author(if n % 2 == 0 { "Karim Ouazzani" } else { "Salma Idrissi" })
                .tags(if n % 4 == 0 { &[] } else { &["Derby"] })
                // Two at the same time: their ids order them.
                .published_at(now - Duration::hours(20 - n.min(8)));
            if n % 2 == 1 {
                article = article.sticky();
            }
            article.create().await;
        }
        // Not public yet: in no list, whatever the start.
        app.article("Match 10").category("Sport").tags(&["Derby"])
            .status(ArticleStatus::Scheduled, Some(now + Duration::hours(1))).create().await;
        let sites = app.store().categories().await.expect("categories");
        assert!(sites.iter().any(|c| c.id == sub));
        let tag = app.store().tags_named(&["Derby"]).await.expect("tags")[0].id;
        let karim = app.author_named("Karim Ouazzani").await;
        let filters = [
            ArticleFilter::All,
            ArticleFilter::Category(section),
            ArticleFilter::CategoryTree(section),
            ArticleFilter::Tag(tag),
            ArticleFilter::Author(karim),
            ArticleFilter::Sticky,
        ];
        for filter in filters {
            let all = app.store().public_articles(filter, 100, 0, now).await.expect("list");
            assert!(all.len() >= 2, "{filter:?}: {}", all.len());
            for (at, article) in all.iter().enumerate() {
                let start = ListStart::at(article).expect("dated");
                let from = app.store().public_articles_from(filter, 3, start).await.expect("from");
                let by_position = app.store().public_articles(filter, 3, at as u64, now).await.expect("page");
                let ids = |list: &[rotative_core::ArticleSummary]| list.iter().map(|a| a.id).collect::<Vec<_>>();
                assert_eq!(ids(&from), ids(&by_position), "{filter:?} from row {at}");
            }
        }
    }
}
