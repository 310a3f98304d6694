//! Ad zones: who manages creatives, where they show (zones, dates, categories, weights),
//! how snippets are isolated, how impressions and clicks are counted and reported.

use crate::newsroom::member;
use axum::http::StatusCode;
use rotative_core::{Role, Timestamp};
use rotative_store::{AdContent, NewCreative};
use rotative_test_support::{BROWSER, TestApp, engine_test};

/// An image creative in these zones.
fn banner(name: &str, zones: &[&str]) -> NewCreative {
    NewCreative {
        name: name.to_owned(),
        content: AdContent::Image {
            image: format!("/media/1/{}.jpg", name.to_lowercase()),
            link: format!("https://annonceur.example/{}", name.to_lowercase()),
            alt: format!("Annonce {name}"),
        },
        width: 300,
        height: 250,
        zones: zones.iter().map(|z| (*z).to_owned()).collect(),
        categories: Vec::new(),
        starts_at: None,
        ends_at: None,
        weight: 1,
        active: true,
    }
}

/// Stores a creative and makes the app use it.
async fn add(app: &TestApp, creative: &NewCreative) -> i64 {
    let id = app
        .store()
        .insert_ad(creative, app.now())
        .await
        .expect("stored");
    rotative_web::ads::reload(&app.state)
        .await
        .expect("reloaded");
    id
}

/// The app with the page cache off (every request renders, so chooses again).
async fn uncached(app: TestApp) -> TestApp {
    app.with_options(rotative_web::Options {
        cache_enabled: false,
        ad_seed: Some(20_250_320),
        ..rotative_web::Options::default()
    })
    .await
}

/// The demo site without its house ads.
async fn demo(app: TestApp) -> TestApp {
    let app = app.with_demo().await;
    for creative in app.store().ad_creatives().await.expect("read") {
        app.store().delete_ad(creative.id).await.expect("deleted");
    }
    rotative_web::ads::reload(&app.state)
        .await
        .expect("reloaded");
    app
}

/// A reader's GET.
async fn read(app: &TestApp, path: &str) -> String {
    app.get_with(path, &[("user-agent", BROWSER)]).await.body
}

fn shows(page: &str, id: i64) -> bool {
    page.contains(&format!(r#"data-ad="{id}""#))
}

engine_test! {
    async fn only_editors_and_admins_manage_ads(app: TestApp) {
        for role in [Role::Author, Role::Contributor] {
            let refused = member(&app, role, &format!("Refus{}", role.as_str())).await;
            for path in ["/admin/ads", "/admin/ads/new", "/admin/ads/report", "/admin/ads/report.csv"] {
                assert_eq!(refused.get(&app, path).await.status, StatusCode::FORBIDDEN, "{path}");
            }
            let sent = refused.post(&app, "/admin/ads/new", &[("name", "Pirate"), ("kind", "snippet"), ("snippet", "<b>x</b>"), ("width", "300"), ("height", "250"), ("zones", "header"), ("weight", "1")]).await;
            assert_eq!(sent.status, StatusCode::FORBIDDEN);
            assert_eq!(refused.post(&app, "/admin/ads/txt", &[("ads_txt", "pirate.example, 1, DIRECT")]).await.status, StatusCode::FORBIDDEN);
        }
        assert!(app.store().ad_creatives().await.expect("read").is_empty());
        assert_eq!(app.get("/admin/ads").await.status, StatusCode::SEE_OTHER, "logged out: to the login page");

        let editor = member(&app, Role::Editor, "Cheffe").await;
        let page = editor.get(&app, "/admin/ads").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Colonne de gauche") && page.body.contains("Entre les articles des listes"));
        // Every problem at once, nothing stored.
        let refused = editor.post(&app, "/admin/ads/new", &[("name", "Soldes"), ("kind", "image"), ("image", "/media/999/x.jpg"), ("link", "javascript:alert(1)"), ("alt", ""), ("width", "0"), ("height", "250"), ("weight", "0"), ("starts_at", "2025-05-02T10:00"), ("ends_at", "2025-05-01T10:00")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        for message in ["Choisissez une image prête de la médiathèque.", "Entrez une adresse commençant par http:// ou https://.", "Entrez une largeur et une hauteur de 1 à 2000 pixels.", "Choisissez au moins un emplacement.", "Entrez un poids de 1 à 1000.", "La fin doit venir après le début."] {
            assert!(refused.body.contains(message), "{message}");
        }
        assert!(refused.body.contains(r#"value="Soldes""#), "what was typed is kept");
        assert!(app.store().ad_creatives().await.expect("read").is_empty());
        // Without the CSRF token: refused.
        let forged = app.post_raw(rotative_test_support::READER_IP, "/admin/ads/new", b"name=x".to_vec(), &[("cookie", &editor.session)]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);

        let saved = editor.post(&app, "/admin/ads/new", &[("name", "Régie locale"), ("kind", "snippet"), ("snippet", "<div>Annonce de la régie</div>"), ("width", "300"), ("height", "250"), ("zones", "sidebar-right"), ("zones", "in-article"), ("weight", "5"), ("active", "yes")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let stored = app.store().ad_creatives().await.expect("read");
        assert_eq!(stored.len(), 1);
        let id = stored[0].id;
        assert_eq!(stored[0].zones, ["sidebar-right", "in-article"]);
        assert!(editor.get(&app, "/admin/ads").await.body.contains("Régie locale"));
        assert!(shows(&read(&app, "/").await, id), "shown at once");

        let edit = editor.get(&app, &format!("/admin/ads/{id}")).await;
        assert!(edit.body.contains("&lt;div&gt;Annonce de la régie&lt;/div&gt;"), "the snippet is escaped in the form");
        let updated = editor.post(&app, &format!("/admin/ads/{id}"), &[("name", "Régie locale"), ("kind", "snippet"), ("snippet", "<div>Annonce</div>"), ("width", "300"), ("height", "250"), ("zones", "header"), ("weight", "5")]).await;
        assert_eq!(updated.status, StatusCode::SEE_OTHER);
        let stored = app.store().ad_creative(id).await.expect("read").expect("kept");
        assert!(!stored.active, "unchecked: switched off");
        assert!(!shows(&read(&app, "/").await, id), "switched off at once");
        assert_eq!(editor.post(&app, "/admin/ads/99999", &[("name", "x"), ("kind", "snippet"), ("snippet", "x"), ("width", "1"), ("height", "1"), ("zones", "header"), ("weight", "1")]).await.status, StatusCode::NOT_FOUND);

        assert_eq!(editor.post(&app, &format!("/admin/ads/{id}/delete"), &[]).await.status, StatusCode::SEE_OTHER);
        assert!(app.store().ad_creatives().await.expect("read").is_empty());
        assert_eq!(editor.post(&app, &format!("/admin/ads/{id}/delete"), &[]).await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn creatives_show_in_their_zones_and_empty_zones_show_nothing(app: TestApp) {
        let app = demo(app).await;
        let header = add(&app, &banner("Tete", &["header"])).await;
        let inside = add(&app, &banner("Dedans", &["in-article"])).await;
        let between = add(&app, &banner("Entre", &["between-list-items"])).await;

        let home = read(&app, "/").await;
        assert!(home.contains(&format!(r#"<a href="/go/ad/{header}" rel="sponsored noopener" target="_blank"><img src="/media/1/tete.jpg" alt="Annonce Tete" width="300" height="250" loading="lazy"></a>"#)), "{home}");
        assert!(home.contains(r#"<span class="ad-label">Publicité</span>"#));
        assert!(!home.contains(r#"data-slot="sidebar-left""#) && !home.contains(r#"data-slot="sidebar-right""#), "no empty box");
        assert!(!shows(&home, inside), "in-article is for articles");

        // After the second paragraph of an article, by default; the setting moves it.
        let article = read(&app, crate::SEED).await;
        let zone = article.find(&format!(r#"data-ad="{inside}""#)).expect("in the article");
        assert_eq!(article[..zone].matches("</p>").count() - article[..article.find("article-body").expect("body")].matches("</p>").count(), 2);
        app.set_setting("ads.in_article_after", "1").await;
        let article = read(&app, crate::SEED).await;
        let zone = article.find(&format!(r#"data-ad="{inside}""#)).expect("in the article");
        assert_eq!(article[..zone].matches("</p>").count() - article[..article.find("article-body").expect("body")].matches("</p>").count(), 1);

        // Between list items: after every fourth article, never after the last.
        let list = read(&app, "/politique/").await;
        let cards = list.matches(r#"<article class="card"#).count();
        assert!(cards > 4, "enough articles: {cards}");
        let expected = (cards - 1) / 4;
        assert_eq!(list.matches(&format!(r#"data-ad="{between}""#)).count(), expected);
        app.set_setting("ads.list_every", "2").await;
        let list = read(&app, "/politique/").await;
        assert_eq!(list.matches(&format!(r#"data-ad="{between}""#)).count(), (cards - 1) / 2);
    }
}

engine_test! {
    async fn snippets_run_only_in_a_sandboxed_frame(app: TestApp) {
        let mut snippet = banner("Regie", &["sidebar-left"]);
        snippet.content = AdContent::Snippet { html: "<script>document.write(document.cookie)</script>\"'&".to_owned() };
        let id = add(&app, &snippet).await;
        let home = read(&app, "/").await;
        assert!(shows(&home, id));
        assert!(!home.contains("<script>document.write"), "never in the page itself");
        let frame = home.split("<iframe").nth(1).expect("a frame").split("</iframe>").next().expect("closed");
        assert!(frame.contains(r#"sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation""#), "{frame}");
        assert!(!frame.contains("allow-same-origin"), "an opaque origin: no cookies, no access to the page");
        assert!(frame.contains("srcdoc=\"&lt;!doctype html&gt;"));
        assert!(frame.contains("&lt;script&gt;document.write(document.cookie)&lt;/script&gt;&quot;&#39;&amp;"), "{frame}");
        // A snippet has no click redirect.
        assert_eq!(app.get(&format!("/go/ad/{id}")).await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn dates_switches_and_categories_decide_where_creatives_show(app: TestApp) {
        let app = uncached(demo(app).await).await;
        let now: Timestamp = app.now();
        let mut later = banner("Plustard", &["header"]);
        later.starts_at = Some(now + chrono::Duration::hours(2));
        later.ends_at = Some(now + chrono::Duration::hours(4));
        let later = add(&app, &later).await;
        let mut off = banner("Eteinte", &["header"]);
        off.active = false;
        let off = add(&app, &off).await;
        let sport_id = app.category_named("Sport").await;
        let mut sport = banner("Sport", &["sidebar-right"]);
        sport.categories = vec![sport_id.0];
        let sport = add(&app, &sport).await;

        let home = read(&app, "/").await;
        assert!(!shows(&home, later) && !shows(&home, off) && !shows(&home, sport));
        app.clock.advance(chrono::Duration::hours(3));
        assert!(shows(&read(&app, "/").await, later), "started");
        app.clock.advance(chrono::Duration::hours(2));
        assert!(!shows(&read(&app, "/").await, later), "ended");

        assert!(shows(&read(&app, "/sport/").await, sport), "its category's list");
        let sport_article = app.article("Le Kawkab gagne").category("Sport").create().await;
        let path = app.store().article_by_id(sport_article).await.expect("read").expect("there").summary.slug;
        assert!(shows(&read(&app, &format!("/sport/{path}/")).await, sport), "its category's articles");
        assert!(!shows(&read(&app, "/politique/").await, sport), "not elsewhere");
        assert!(!shows(&read(&app, crate::SEED).await, sport));
    }
}

engine_test! {
    async fn rotation_follows_the_weights_across_requests(app: TestApp) {
        let app = uncached(app).await;
        let mut heavy = banner("Lourde", &["sidebar-right"]);
        heavy.weight = 3;
        let heavy = add(&app, &heavy).await;
        let light = add(&app, &banner("Legere", &["sidebar-right"])).await;
        let (mut heavy_seen, mut light_seen) = (0_u32, 0_u32);
        for _ in 0..400 {
            let page = read(&app, "/").await;
            heavy_seen += u32::from(shows(&page, heavy));
            light_seen += u32::from(shows(&page, light));
        }
        assert_eq!(heavy_seen + light_seen, 400, "one creative per zone per page");
        // Expected 300 / 100; with a fixed seed the draw is the same every run, and any
        // fair one stays within 3 standard deviations (±26).
        assert!((274..=326).contains(&heavy_seen), "{heavy_seen} / {light_seen}");
    }
}

engine_test! {
    async fn impressions_and_clicks_are_counted_reported_and_exported(app: TestApp) {
        let app = demo(app).await;
        let mut creative = banner("=HYPERLINK(\"https://evil.example\")", &["header", "sidebar-left"]);
        creative.content = AdContent::Image { image: "/media/1/b.jpg".to_owned(), link: "https://annonceur.example/soldes?ref=rotative".to_owned(), alt: "Soldes".to_owned() };
        let id = add(&app, &creative).await;
        // A miss, a hit, a robot, a HEAD: two readers' pages with the creative twice each.
        read(&app, crate::SEED).await;
        read(&app, crate::SEED).await;
        app.get_with(crate::SEED, &[("user-agent", "Googlebot/2.1")]).await;
        app.send(axum::http::Method::HEAD, crate::SEED).await;
        // Clicks go to the stored address only, whatever the request says.
        for path in [format!("/go/ad/{id}"), format!("/go/ad/{id}?url=https://evil.example/")] {
            let click = app.get_with(&path, &[("user-agent", BROWSER)]).await;
            assert_eq!(click.status, StatusCode::FOUND);
            assert_eq!(click.header("location"), Some("https://annonceur.example/soldes?ref=rotative"));
            assert_eq!(click.header("cache-control"), Some("no-store"));
        }
        for path in ["/go/ad/999999", "/go/ad/abc", "/go/ad/-1", "/go/ad/1%2F..%2F"] {
            let refused = app.get(path).await;
            assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
            assert!(refused.header("location").is_none());
        }
        assert_eq!(rotative_web::ads::flush(&app.state).await.expect("written"), 4);
        let stored = app.store().ad_creative(id).await.expect("read").expect("there");
        assert_eq!((stored.impressions, stored.clicks), (4, 2));

        let editor = member(&app, Role::Editor, "Cheffe").await;
        let report = editor.get(&app, "/admin/ads/report").await;
        assert_eq!(report.status, StatusCode::OK);
        assert!(report.body.contains("<td>2025-04-01</td>"), "the site's day");
        assert!(report.body.contains("<td>4</td><td>2</td><td>50.00 %</td>"), "{}", report.body);
        let csv = editor.get(&app, "/admin/ads/report.csv?from=2025-03-01&to=2025-04-30").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        assert!(csv.header("content-disposition").is_some_and(|d| d.contains("ads-2025-03-01-2025-04-30.csv")));
        let mut lines = csv.body.lines();
        assert_eq!(lines.next(), Some("day,creative_id,creative,impressions,clicks,ctr_percent"));
        assert_eq!(lines.next(), Some(format!("2025-04-01,{id},\"'=HYPERLINK(\"\"https://evil.example\"\")\",4,2,50.00").as_str()), "a name is never a formula");
        for bad in ["/admin/ads/report?from=demain", "/admin/ads/report?from=2025-04-02&to=2025-04-01", "/admin/ads/report.csv?from=2020-01-01&to=2025-01-01", "/admin/ads/report?to=-262143-01-01", "/admin/ads/report.csv?to=-262143-01-01", "/admin/ads/report?from=+99999-01-01&to=+99999-01-02"] {
            assert_eq!(editor.get(&app, bad).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }
}

engine_test! {
    async fn counts_are_written_when_the_server_stops(app: TestApp) {
        let app = demo(app).await;
        let id = add(&app, &banner("Arret", &["header"])).await;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let job = tokio::spawn(rotative_web::jobs::flush_views::run(app.state.clone(), std::time::Duration::from_secs(3600), stopped));
        for _ in 0..3 {
            read(&app, "/").await;
        }
        assert_eq!(app.get_with(&format!("/go/ad/{id}"), &[("user-agent", BROWSER)]).await.status, StatusCode::FOUND);
        let _ = stop.send(true);
        job.await.expect("the job stops");
        let stored = app.store().ad_creative(id).await.expect("read").expect("there");
        assert_eq!((stored.impressions, stored.clicks), (3, 1), "written at shutdown");
    }
}

engine_test! {
    async fn ads_txt_is_served_from_the_admin_setting(app: TestApp) {
        assert_eq!(app.get("/ads.txt").await.status, StatusCode::NOT_FOUND);
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let text = "google.com, pub-1234567890123456, DIRECT, f08c47fec0942fa0\r\nregie.ma, 42, RESELLER";
        assert_eq!(editor.post(&app, "/admin/ads/txt", &[("ads_txt", text)]).await.status, StatusCode::SEE_OTHER);
        let served = app.get("/ads.txt").await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.header("content-type"), Some("text/plain; charset=utf-8"));
        assert_eq!(served.body, "google.com, pub-1234567890123456, DIRECT, f08c47fec0942fa0\nregie.ma, 42, RESELLER\n");
        assert_eq!(editor.post(&app, "/admin/ads/txt", &[("ads_txt", "a\u{0}b")]).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.get("/ads.txt").await.body.lines().count(), 2, "kept as it was");
    }
}
