//! Category, tag and author pages, and their pagination.

use crate::{count, listed, position};
use axum::http::StatusCode;
use chrono::Duration;
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
