//! The site's search over HTTP: analysers, ranking, snippets, pagination, filters,
//! suggestions, odd queries, and the index kept current by writes, other nodes and
//! rebuilds.

use crate::{SEED, listed, utc};
use axum::http::StatusCode;
use chrono::Duration;
use rotative_core::{ArticleStatus, Role, Slug};
use rotative_test_support::{TestApp, engine_test};
use rotative_web::search::SearchLocation;

/// `GET /recherche?q=…` with the text url-encoded, and `extra` appended as is.
async fn search(app: &TestApp, text: &str, extra: &str) -> rotative_test_support::TestResponse {
    let q = rotative_test_support::encode_form(&[("q", text)]);
    app.get(&format!("/recherche?{q}{extra}")).await
}

/// The result paths of a search page, in order.
fn results(body: &str) -> Vec<String> {
    let main = listed(body);
    main.split(r#"<h2 class="card-title"><a href=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

const TRADE: &str =
    "/international/commerce-de-nouvelles-lignes-maritimes-vers-l-afrique-de-l-ouest/";

engine_test! {
    async fn french_search_ignores_accents_case_inflection_and_elision(app: TestApp) {
        let app = app.with_demo().await;
        app.article("Un pôle d’excellence à Rabat")
            .slug("pole-excellence")
            .body("L'université vise l'Excellence académique.")
            .create()
            .await;
        // "cooperation" finds "coopération", "Tokaiev" finds "Tokaïev".
        assert!(results(&search(&app, "cooperation", "").await.body).contains(&SEED.to_owned()));
        assert_eq!(results(&search(&app, "Tokaiev", "").await.body), [SEED]);
        // "renforcent" finds "renforcer" (an article that never says "renforcent").
        let found = results(&search(&app, "renforcent", "").await.body);
        assert!(found.contains(&TRADE.to_owned()), "{found:?}");
        assert!(found.contains(&SEED.to_owned()), "{found:?}");
        // "l’excellence" finds "excellence" whatever the elision and apostrophe.
        for text in ["l’excellence", "l'excellence", "excellence", "EXCELLENCE"] {
            let found = results(&search(&app, text, "").await.body);
            assert!(found.contains(&"/politique/pole-excellence/".to_owned()), "{text}: {found:?}");
            assert!(found.contains(&SEED.to_owned()), "{text}: {found:?}");
        }
    }
}

engine_test! {
    async fn the_two_addresses_answer_and_an_empty_query_shows_the_form(app: TestApp) {
        let page = app.get("/recherche").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(r#"<input id="search-q" type="search" name="q""#));
        assert!(page.body.contains("Tapez un ou plusieurs mots"));
        let english = app.get("/search?q=").await;
        assert_eq!(english.status, StatusCode::OK);
        assert!(english.body.contains("Tapez un ou plusieurs mots"));
    }
}

engine_test! {
    async fn results_rank_by_relevance_then_by_recency(app: TestApp) {
        let body = "Le budget municipal est voté.";
        app.article("Budget municipal")
            .slug("budget-recent")
            .body(body)
            .published_at(app.now() - Duration::days(1))
            .create()
            .await;
        app.article("Budget municipal")
            .slug("budget-ancien")
            .body(body)
            .published_at(app.now() - Duration::days(30))
            .create()
            .await;
        app.article("Conseil municipal")
            .slug("conseil-du-jour")
            .body("Le conseil parle de tout, et un peu du budget aussi, parmi bien d'autres sujets.")
            .published_at(app.now() - Duration::hours(2))
            .create()
            .await;
        let found = results(&search(&app, "budget", "").await.body);
        assert_eq!(
            found,
            [
                "/politique/budget-recent/",
                "/politique/budget-ancien/",
                "/politique/conseil-du-jour/"
            ]
        );
    }
}

engine_test! {
    async fn snippets_highlight_the_words_found_and_escape_everything_else(app: TestApp) {
        app.article("Alerte <b>grasse</b> à Fès")
            .slug("alerte-fes")
            .body("Un texte qui cite <script>alert('pirate')</script> puis parle de Fès & Meknès.")
            .create()
            .await;
        let page = search(&app, "fes", "").await;
        assert_eq!(page.status, StatusCode::OK);
        let main = listed(&page.body);
        assert!(main.contains("Alerte &lt;b&gt;grasse&lt;/b&gt; à <mark>Fès</mark>"), "{main}");
        assert!(main.contains("&lt;script&gt;alert(&#39;pirate&#39;)&lt;/script&gt;"), "{main}");
        assert!(main.contains("<mark>Fès</mark> &amp; Meknès"), "{main}");
        assert!(!page.body.contains("<script>alert"));
        assert!(!page.body.contains("<b>grasse"));
    }
}

engine_test! {
    async fn results_are_paginated_like_lists(app: TestApp) {
        for n in 1..=12 {
            app.article(&format!("Tournoi de handball, journée {n}"))
                .published_at(app.now() - Duration::hours(n))
                .create()
                .await;
        }
        let first = search(&app, "handball", "").await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(results(&first.body).len(), 10);
        assert!(first.body.contains("12 résultats pour « handball »"), "{}", first.body);
        assert!(first.body.contains(r#"<a rel="next" href="/recherche?q=handball&amp;page=2">"#), "{}", first.body);
        let second = search(&app, "handball", "&page=2").await;
        assert_eq!(results(&second.body).len(), 2);
        assert!(second.body.contains(r#"<a rel="prev" href="/recherche?q=handball">"#));
        assert_eq!(search(&app, "handball", "&page=3").await.status, StatusCode::NOT_FOUND);
        // The last page number there is: a 404 like any page past the end (the search
        // does not reserve room for four billion pages of results first).
        assert_eq!(search(&app, "handball", "&page=4294967295").await.status, StatusCode::NOT_FOUND);
        assert_eq!(search(&app, "handball", "&page=2").await.status, StatusCode::OK);
        let bad = search(&app, "handball", "&page=deux").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Numéro de page invalide"));
    }
}

engine_test! {
    async fn the_category_filter_includes_sub_categories(app: TestApp) {
        let sport = app.category_named("Sport").await;
        app.subcategory_named("Football", Some(sport)).await;
        app.article("Finale de la coupe").slug("finale-sport").category("Sport").create().await;
        app.article("Finale du championnat").slug("finale-foot").category("Football").create().await;
        app.article("Finale des négociations").slug("finale-politique").category("Politique").create().await;
        let mut found = results(&search(&app, "finale", "&category=sport").await.body);
        found.sort();
        assert_eq!(found, ["/football/finale-foot/", "/sport/finale-sport/"]);
        assert_eq!(
            results(&search(&app, "finale", "&category=football").await.body),
            ["/football/finale-foot/"]
        );
        let unknown = search(&app, "finale", "&category=cuisine").await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert!(unknown.body.contains("La rubrique « cuisine » n’existe pas"));
        assert_eq!(results(&unknown.body).len(), 3);
        // The filter is kept in the form.
        let page = search(&app, "finale", "&category=sport").await;
        assert!(page.body.contains(r#"<option value="sport" selected>"#), "{}", page.body);
    }
}

engine_test! {
    async fn the_date_filter_takes_whole_days_in_the_site_time_zone(app: TestApp) {
        // Europe/Paris: 23:30 UTC on 9 March is 00:30 on 10 March there.
        app.article("Marché de mars").slug("mars-9").published_at(utc(3, 9, 22, 30)).create().await;
        app.article("Marché du printemps").slug("mars-10").published_at(utc(3, 9, 23, 30)).create().await;
        app.article("Marché de fin mars").slug("mars-20").published_at(utc(3, 20, 12, 0)).create().await;
        let found = results(&search(&app, "marché", "&from=2025-03-10&to=2025-03-15").await.body);
        assert_eq!(found, ["/politique/mars-10/"]);
        let found = results(&search(&app, "marché", "&to=2025-03-09").await.body);
        assert_eq!(found, ["/politique/mars-9/"]);
        let bad = search(&app, "marché", "&from=10/03/2025&to=2025-02-30").await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.body.contains("La date « 10/03/2025 » n’est pas valide"), "{}", bad.body);
        assert!(bad.body.contains("La date « 2025-02-30 » n’est pas valide"));
        assert_eq!(results(&bad.body).len(), 3, "invalid dates are ignored");
    }
}

engine_test! {
    async fn a_search_without_results_says_so_and_suggests_another(app: TestApp) {
        let app = app.with_demo().await;
        let typo = search(&app, "Kazakstan", "").await;
        assert_eq!(typo.status, StatusCode::OK);
        assert!(typo.body.contains("Aucun résultat pour « Kazakstan »."), "{}", typo.body);
        assert!(typo.body.contains("Vouliez-vous dire :"));
        assert!(typo.body.contains(r#"<a href="/recherche?q=kazakhstan">kazakhstan</a>"#), "{}", typo.body);
        assert!(typo.body.contains("Derniers articles"));
        let too_many = search(&app, "Kazakhstan zanzibar", "").await;
        assert!(too_many.body.contains("Essayez avec moins de mots :"), "{}", too_many.body);
        assert!(too_many.body.contains(r#"href="/recherche?q=Kazakhstan">Kazakhstan</a>"#), "{}", too_many.body);
        let following = app.get("/recherche?q=kazakhstan").await;
        assert!(results(&following.body).contains(&SEED.to_owned()));
    }
}

engine_test! {
    async fn odd_queries_get_results_or_a_message_never_an_error(app: TestApp) {
        let app = app.with_demo().await;
        let long = "Maroc ".repeat(2000);
        for text in [
            "\"unbalanced",
            "AND OR",
            "OR AND NOT",
            "title:Maroc",
            "Maroc^100 (((",
            "[* TO *]",
            "\\",
            "\u{0}\u{1}\u{1b}[31mMaroc\u{7f}",
            "'’'",
            "-",
            long.as_str(),
        ] {
            let page = search(&app, text, "").await;
            assert_eq!(page.status, StatusCode::OK, "{text:.40?}: {}", page.status);
        }
        let long_page = search(&app, &long, "").await;
        assert!(long_page.body.contains("seuls ses 200 premiers caractères"), "the long query is said to be cut");
        assert!(!results(&long_page.body).is_empty());
        assert!(search(&app, "***", "").await.body.contains("aucun mot à chercher"));
        // Bytes that are not UTF-8, a repeated parameter: a 400 page at worst.
        for path in ["/recherche?q=%FF%FE", "/recherche?q=a&q=b", "/recherche?q=%"] {
            let page = app.get(path).await;
            assert!(page.status.is_success() || page.status == StatusCode::BAD_REQUEST, "{path}: {}", page.status);
        }
    }
}

engine_test! {
    async fn publishing_editing_and_unpublishing_show_on_the_next_search(app: TestApp) {
        app.article("Nouvelle ligne de tramway")
            .slug("tramway")
            .status(ArticleStatus::Draft, None)
            .create()
            .await;
        assert!(results(&search(&app, "tramway", "").await.body).is_empty(), "drafts are not found");
        app.edit_article("tramway", |a| {
            a.status = ArticleStatus::Published;
            a.published_at = Some(app.now() - Duration::minutes(5));
        })
        .await;
        assert_eq!(results(&search(&app, "tramway", "").await.body), ["/politique/tramway/"]);
        app.edit_article("tramway", |a| a.body_markdown = "Le téléphérique arrive.".to_owned()).await;
        assert_eq!(results(&search(&app, "téléphérique", "").await.body), ["/politique/tramway/"]);
        let slug = Slug::parse("tramway").expect("slug");
        let id = app.store().article_by_slug(&slug).await.expect("lookup").expect("exists").summary.id;
        rotative_web::content::set_articles_status(&app.state, &[id], ArticleStatus::Archived)
            .await
            .expect("archived");
        assert!(results(&search(&app, "téléphérique", "").await.body).is_empty());
    }
}

engine_test! {
    async fn scheduled_articles_are_found_from_their_time(app: TestApp) {
        app.article("Inauguration du stade")
            .slug("inauguration")
            .status(ArticleStatus::Scheduled, Some(app.now() + Duration::hours(1)))
            .create()
            .await;
        assert!(results(&search(&app, "inauguration", "").await.body).is_empty());
        app.clock.advance(Duration::hours(1));
        assert_eq!(results(&search(&app, "inauguration", "").await.body), ["/politique/inauguration/"]);
    }
}

engine_test! {
    async fn search_pages_are_never_cached_and_not_indexed(app: TestApp) {
        app.article("Pluie sur Agadir").slug("pluie").create().await;
        app.article("Soleil sur Tanger").slug("soleil").create().await;
        let rain = search(&app, "pluie", "").await;
        let sun = search(&app, "soleil", "").await;
        assert_eq!(results(&rain.body), ["/politique/pluie/"]);
        assert_eq!(results(&sun.body), ["/politique/soleil/"]);
        assert_eq!(rain.header("cache-control"), Some("no-store"));
        assert_eq!(rain.header("x-robots-tag"), Some("noindex"));
        assert_ne!(rain.header("x-cache"), Some("hit"));
        assert!(rain.body.contains(r#"<meta name="robots" content="noindex, follow">"#));
        // The same search again is rendered again (and sees a new article).
        app.article("Pluie sur Essaouira").slug("pluie-2").create().await;
        assert_eq!(results(&search(&app, "pluie", "").await.body).len(), 2);
    }
}

engine_test! {
    async fn the_header_has_a_labelled_search_box_in_the_site_language(app: TestApp) {
        let home = app.get("/").await;
        assert!(home.body.contains(r#"<form class="search-box" role="search" action="/recherche" method="get">"#), "{}", home.body);
        assert!(home.body.contains(r#"<label class="visually-hidden" for="search-box">Rechercher</label>"#));
        app.set_setting("locale", "en").await;
        let home = app.get("/").await;
        assert!(home.body.contains(r#"action="/search""#));
        assert!(home.body.contains(r#"<label class="visually-hidden" for="search-box">Search</label>"#));
    }
}

engine_test! {
    async fn english_sites_search_with_the_english_analyser(app: TestApp) {
        app.article("Ministers strengthen the partnership").slug("ministers").create().await;
        app.set_setting("locale", "en").await;
        // The next pass of the search job notices the language and rebuilds.
        rotative_web::search::catch_up(&app.state).await.expect("rebuilt");
        let page = app.get("/search?q=strengthening+minister").await;
        assert_eq!(results(&page.body), ["/politique/ministers/"]);
        assert!(page.body.contains("One result for “strengthening minister”"), "{}", page.body);
    }
}

engine_test! {
    async fn renamed_tags_and_authors_are_found_by_their_new_names(app: TestApp) {
        app.article("Saison agricole").slug("saison").tags(&["Récoltes"]).author("Karim Alaoui").create().await;
        assert_eq!(results(&search(&app, "récoltes", "").await.body), ["/politique/saison/"]);
        let tag = app
            .store()
            .tag_by_slug(&Slug::parse("recoltes").expect("slug"))
            .await
            .expect("lookup")
            .expect("the tag exists");
        rotative_web::content::update_tag(&app.state, tag.id, "Moissons", &Slug::parse("moissons").expect("slug"))
            .await
            .expect("renamed");
        assert_eq!(results(&search(&app, "moissons", "").await.body), ["/politique/saison/"]);
        let author = app.author_named("Karim Alaoui").await;
        rotative_web::content::update_profile(&app.state, author, "Karima Bennani", "", None)
            .await
            .expect("profile saved");
        assert_eq!(results(&search(&app, "Bennani", "").await.body), ["/politique/saison/"]);
    }
}

engine_test! {
    async fn changes_made_by_another_node_reach_this_nodes_index(app: TestApp) {
        let other = rotative_web::AppState::new(
            app.state.store_arc(),
            rotative_theme::Theme::load(None).expect("theme"),
            app.clock.clone(),
            rotative_web::Options::default(),
        )
        .await
        .expect("another node");
        rotative_web::search::catch_up(&other).await.expect("built");
        let editor = app.account("ed@example.ma", "Éditrice", Role::Editor, "motdepasse-long").await;
        let category = app.category_named("Politique").await;
        let article = rotative_core::NewArticle {
            title: "Sommet à Dakhla".to_owned(),
            body_markdown: "Le sommet de Dakhla.".to_owned(),
            status: ArticleStatus::Published,
            published_at: Some(app.now() - Duration::minutes(1)),
            ..rotative_test_support::draft("sommet-dakhla", editor, category)
        };
        let id = rotative_web::content::create_article(&other, &article).await.expect("created elsewhere");
        assert!(results(&search(&app, "Dakhla", "").await.body).is_empty(), "not yet heard of");
        rotative_web::jobs::search_index::run_once(&app.state).await.expect("pass");
        assert_eq!(results(&search(&app, "Dakhla", "").await.body), ["/politique/sommet-dakhla/"]);
        rotative_web::content::set_articles_status(&other, &[id], ArticleStatus::Draft).await.expect("unpublished");
        rotative_web::jobs::search_index::run_once(&app.state).await.expect("pass");
        assert!(results(&search(&app, "Dakhla", "").await.body).is_empty());
        // A rename elsewhere makes this node rebuild.
        rotative_web::content::set_articles_status(&other, &[id], ArticleStatus::Published).await.expect("published");
        rotative_web::content::update_profile(&other, editor, "Nadia Tazi", "", None).await.expect("renamed");
        rotative_web::jobs::search_index::run_once(&app.state).await.expect("pass");
        assert_eq!(results(&search(&app, "Tazi", "").await.body), ["/politique/sommet-dakhla/"]);
    }
}

engine_test! {
    async fn a_missing_or_corrupt_index_is_rebuilt(app: TestApp) {
        let folder = tempfile::tempdir().expect("temporary folder");
        let root = folder.path().join("search");
        let options = || rotative_web::Options {
            search: SearchLocation::Folder(root.clone()),
            ..rotative_web::Options::default()
        };
        let app = app.with_demo().await.with_options(options()).await;
        assert_eq!(results(&search(&app, "Tokaiev", "").await.body), [SEED]);

        // Damaged files: the restarted node says it is rebuilding, then finds again.
        let current = std::fs::read_to_string(root.join("CURRENT")).expect("CURRENT");
        // (A node in memory meanwhile: the folder's writer lock is released.)
        let app = app.with_options_before_search_pass(rotative_web::Options::default()).await;
        for entry in std::fs::read_dir(root.join(current.trim())).expect("generation").flatten() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                std::fs::write(entry.path(), b"not an index").expect("damaged");
            }
        }
        let app = app.with_options_before_search_pass(options()).await;
        let waiting = search(&app, "Tokaiev", "").await;
        assert_eq!(waiting.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(waiting.body.contains("en cours de reconstruction"), "{}", waiting.body);
        assert_eq!(waiting.header("retry-after"), Some("5"));
        rotative_web::jobs::search_index::run_once(&app.state).await.expect("rebuilt");
        assert_eq!(results(&search(&app, "Tokaiev", "").await.body), [SEED]);

        // A missing folder: the same.
        let app = app.with_options_before_search_pass(rotative_web::Options::default()).await;
        std::fs::remove_dir_all(&root).expect("removed");
        let app = app.with_options(options()).await;
        let found = search(&app, "Tokaiev", "").await;
        assert_eq!(results(&found.body), [SEED]);
        assert!(found.body.contains("<mark>Tokaïev</mark>"), "{}", found.body);
    }
}
