//! The newsroom in a real browser (headless Chromium driven over WebDriver): log in, write
//! an article with an image, schedule it and see it appear; edit and restore a revision;
//! an autosaved draft survives a reload. Needs Debian's `chromium` and `chromium-driver`
//! (`.ci/run` installs them); without them these tests fail and say so.

mod driver;

use driver::Browser;
use rotative_core::Role;
use rotative_test_support::{TestApp, engine_test};
use std::time::Duration;

const PASSWORD: &str = "un mot de passe assez long";

/// An editor's account, logged in through the login form.
async fn editor_logged_in(app: &TestApp, browser: &Browser) {
    app.account("cheffe@example.ma", "Cheffe", Role::Editor, PASSWORD)
        .await;
    browser.goto("/admin/login").await;
    browser.fill("#email", "cheffe@example.ma").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("#password").await;
    let page = browser.source().await;
    assert!(page.contains("Se déconnecter"), "logged in: {page}");
}

/// Opens the editor of a new article, types a title and body, saves it as a draft;
/// returns the editor's path (`/admin/articles/{id}`).
async fn new_draft(browser: &Browser, title: &str, body: &str) -> String {
    browser.goto("/admin/articles/new").await;
    browser.fill("#title", title).await;
    browser.fill("#body", body).await;
    browser.select("#category", "Politique").await;
    browser.submit("#title").await;
    let url = browser.url().await;
    let path = url.replace(&browser.base, "");
    let path = path.split('?').next().unwrap_or_default().to_owned();
    assert!(
        path.starts_with("/admin/articles/") && !path.ends_with("/new"),
        "saved and shown again: {url}"
    );
    path
}

engine_test! {
    async fn a_journalist_writes_an_illustrated_article_schedules_it_and_it_appears(app: TestApp) {
        app.category_named("Politique").await;
        let browser = Browser::start(&app).await;
        editor_logged_in(&app, &browser).await;

        // An image, through the media library's upload form.
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("souk.png");
        image::RgbImage::from_fn(800, 500, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]))
            .save(&file)
            .expect("image written");
        browser.goto("/admin/media").await;
        browser.fill("#file", &file.to_string_lossy()).await;
        browser.fill("#alt", "Le souk de Marrakech").await;
        browser.submit("#alt").await;
        rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed");
        browser.goto("/admin/media").await;
        let library = browser.source().await;
        let image = library
            .split("<code>")
            .nth(1)
            .and_then(|rest| rest.split("</code>").next())
            .expect("the library shows the image's address")
            .to_owned();

        // The article, scheduled for tomorrow 08:00 (site time), with the image.
        new_draft(&browser, "Le marché rouvre", "Les commerçants sont *revenus*.").await;
        browser.fill("#featured_image", &image).await;
        browser.select("#status", "Publié").await;
        let tomorrow = app.now() + chrono::Duration::days(1);
        let local = tomorrow.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%dT08:00").to_string();
        browser.set_value("#published_at", &local).await;
        browser.submit("#title").await;
        assert!(browser.source().await.contains("Programmé"), "scheduled");

        assert_eq!(app.get("/politique/le-marche-rouvre/").await.status, axum::http::StatusCode::NOT_FOUND);
        app.clock.advance(chrono::Duration::days(2));
        browser.goto("/politique/le-marche-rouvre/").await;
        let page = browser.source().await;
        assert!(page.contains("Le marché rouvre") && page.contains("<em>revenus</em>"), "{page}");
        assert!(page.contains(r#"alt="Le souk de Marrakech""#) && page.contains("srcset="), "the image is shown: {page}");
        let loaded: bool = browser
            .eval("const i = document.querySelector('article img'); return !!i && i.complete && i.naturalWidth > 0;")
            .await;
        assert!(loaded, "the browser loaded the image");
    }
}

engine_test! {
    async fn an_edit_is_undone_by_restoring_a_revision(app: TestApp) {
        app.category_named("Politique").await;
        let browser = Browser::start(&app).await;
        editor_logged_in(&app, &browser).await;
        let editor = new_draft(&browser, "Budget voté", "Première version du texte.").await;
        browser.clear("#body").await;
        browser.fill("#body", "Deuxième version, erronée.").await;
        browser.submit("#title").await;
        assert!(browser.value("#body").await.contains("Deuxième version"));

        browser.goto(&format!("{editor}/revisions")).await;
        // Compare the two, then restore the first.
        browser.click("form[action$='/revisions'] > p > button").await;
        browser.wait_for("table.diff").await;
        let diff = browser.source().await;
        assert!(diff.contains("Première version du texte.") && diff.contains("Deuxième version, erronée."), "{diff}");
        browser.click("button[form^=restore-]").await;
        browser.wait_for("#editor").await;
        browser.goto(&editor).await;
        assert_eq!(browser.value("#body").await, "Première version du texte.");
    }
}

engine_test! {
    async fn an_autosaved_draft_survives_a_reload(app: TestApp) {
        app.category_named("Politique").await;
        let browser = Browser::start(&app).await;
        editor_logged_in(&app, &browser).await;
        new_draft(&browser, "Séisme", "Premières informations.").await;
        browser.fill("#body", " Le bilan s’alourdit.").await;
        // Autosave runs every five seconds; its status shows when it has.
        browser.wait_for_text("#autosave-status", Duration::from_secs(15)).await;
        browser.refresh().await;
        assert_eq!(browser.value("#body").await, "Premières informations. Le bilan s’alourdit.");
        // And the live preview rendered it.
        browser.wait_for_text("#preview", Duration::from_secs(5)).await;
        assert!(browser.source().await.contains("<p>Premières informations. Le bilan s’alourdit.</p>"));
    }
}

engine_test! {
    async fn an_ad_snippet_cannot_reach_the_pages_cookies_or_document(app: TestApp) {
        // What a hostile ad network's code would try: read the cookies, reach the page.
        let snippet = "<p id=\"ad\">Annonce</p><script>\
            var r; try { r = 'cookies:' + document.cookie; } catch (e) { r = 'blocked'; }\
            var p; try { parent.document.body.dataset.stolen = document.cookie; p = 'reached'; } catch (e) { p = 'blocked'; }\
            document.getElementById('ad').dataset.cookie = r; document.getElementById('ad').dataset.parent = p;\
            </script>";
        let creative = rotative_store::NewCreative {
            name: "Régie douteuse".to_owned(),
            content: rotative_store::AdContent::Snippet { html: snippet.to_owned() },
            width: 300,
            height: 250,
            zones: vec!["sidebar-right".to_owned()],
            categories: Vec::new(),
            starts_at: None,
            ends_at: None,
            weight: 1,
            active: true,
        };
        app.store().insert_ad(&creative, app.now()).await.expect("stored");
        rotative_web::ads::reload(&app.state).await.expect("reloaded");
        let browser = Browser::start(&app).await;
        browser.goto("/").await;
        // The reader's page has a cookie of its own.
        assert!(browser.eval("document.cookie = 'lecteur=secret; path=/'; return document.cookie.includes('secret');").await);
        browser.refresh().await;
        browser.wait_for("iframe.ad-frame").await;
        browser.enter_frame("iframe.ad-frame").await;
        browser.wait_for("#ad[data-parent]").await;
        assert_eq!(browser.eval_text("return document.getElementById('ad').dataset.cookie;").await, "blocked");
        assert_eq!(browser.eval_text("return document.getElementById('ad').dataset.parent;").await, "blocked");
        browser.leave_frame().await;
        assert!(!browser.eval("return 'stolen' in document.body.dataset;").await, "the page was not touched");
        assert!(browser.eval("return document.cookie.includes('secret');").await, "the page still has its cookie");
    }
}
