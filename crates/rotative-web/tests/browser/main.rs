//! The newsroom in a real browser (headless Chromium driven over WebDriver): log in, write
//! an article with an image, schedule it and see it appear; edit and restore a revision;
//! an autosaved draft survives a reload; an Arabic page is laid out from right to left
//! (checked in the browser's layout and in a screenshot, kept under the temporary
//! folder). Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them);
//! without them these tests fail and say so.

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

/// Where the page's parts are, as the browser lays them out: the viewport's width, the
/// brand block's left and right edges, the content column's, the narrow ad column's, and
/// the article's category label's.
#[derive(Debug)]
struct Layout {
    viewport: f64,
    brand: (f64, f64),
    content: (f64, f64),
    ad_column: (f64, f64),
    label: (f64, f64),
    article: (f64, f64),
}

async fn layout(browser: &Browser) -> Layout {
    let value = browser
        .eval_json(
            "const edges = (css) => { const r = document.querySelector(css).getBoundingClientRect(); return [r.left, r.right]; };\
             return { viewport: document.documentElement.clientWidth, brand: edges('.brand'), content: edges('.content'),\
                      ads: edges('.sidebar-left'), label: edges('.category-label'), article: edges('article') };",
        )
        .await;
    let edges = |name: &str| {
        let pair = |i: usize| value[name][i].as_f64().unwrap_or(f64::NAN);
        (pair(0), pair(1))
    };
    Layout {
        viewport: value["viewport"].as_f64().unwrap_or(f64::NAN),
        brand: edges("brand"),
        content: edges("content"),
        ad_column: edges("ads"),
        label: edges("label"),
        article: edges("article"),
    }
}

/// Takes a screenshot, checks it is a real picture of the whole window, and keeps it for
/// people to look at (under the system's temporary folder); returns it decoded.
async fn screenshot(browser: &Browser, name: &str) -> image::RgbImage {
    let png = browser.screenshot().await;
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let picture = image::load_from_memory(&png)
        .expect("the PNG decodes")
        .to_rgb8();
    let size = browser
        .eval_json("return [Math.round(window.innerWidth * devicePixelRatio), Math.round(window.innerHeight * devicePixelRatio)];")
        .await;
    let expected = (size[0].as_u64().unwrap_or(0), size[1].as_u64().unwrap_or(0));
    assert_eq!(
        (u64::from(picture.width()), u64::from(picture.height())),
        expected,
        "the window's size"
    );
    assert_eq!(
        picture.width(),
        1280,
        "the window the browser was started with"
    );
    let colours: std::collections::HashSet<[u8; 3]> = picture.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 50,
        "a rendered page, not a blank one: {} colours",
        colours.len()
    );
    let path = std::env::temp_dir().join(format!("rotative-{name}.png"));
    std::fs::write(&path, &png).expect("screenshot saved");
    eprintln!("screenshot: {}", path.display());
    picture
}

/// The dark pixels of the brand block's band of the screenshot (the site's name; nothing
/// else is dark there), on the left half of the picture and on the right half.
async fn masthead_ink(browser: &Browser, picture: &image::RgbImage) -> (usize, usize) {
    let band = browser
        .eval_json("const r = document.querySelector('.brand').getBoundingClientRect(); return [Math.floor(r.top * devicePixelRatio), Math.ceil(r.bottom * devicePixelRatio)];")
        .await;
    let edge = |i: usize| u32::try_from(band[i].as_u64().unwrap_or(0)).unwrap_or(0);
    let (top, bottom) = (edge(0), edge(1));
    assert!(bottom > top, "the brand block has a height");
    let half = picture.width() / 2;
    let mut ink = (0, 0);
    for y in top..bottom.min(picture.height()) {
        for x in 0..picture.width() {
            let [r, g, b] = picture.get_pixel(x, y).0;
            if u32::from(r) + u32::from(g) + u32::from(b) < 200 {
                if x < half {
                    ink.0 += 1;
                } else {
                    ink.1 += 1;
                }
            }
        }
    }
    ink
}

engine_test! {
    async fn an_arabic_article_page_is_laid_out_from_right_to_left(app: TestApp) {
        app.set_setting("name", "مراكش الإخبارية").await;
        app.set_setting("tagline", "أخبار مراكش والمغرب والعالم").await;
        app.article("المغرب وكازاخستان يعززان تعاونهما الثنائي")
            .slug("le-maroc-et-le-kazakhstan")
            .author("هيئة التحرير")
            .body("أجرى وزير الشؤون الخارجية مباحثات مع نظيره الكازاخستاني بالرباط.\n\n## تعاون اقتصادي\n\nاتفق الجانبان على تعزيز المبادلات التجارية.")
            .lang(rotative_core::Locale::Ar)
            .create()
            .await;
        let path = "/politique/le-maroc-et-le-kazakhstan/";
        app.set_setting("locale", "ar").await;
        let browser = Browser::start(&app).await;
        browser.goto(path).await;
        browser.wait_for(".article-body").await;

        assert_eq!(browser.eval_text("return document.documentElement.dir;").await, "rtl");
        assert_eq!(browser.eval_text("return document.documentElement.lang;").await, "ar");
        assert_eq!(browser.eval_text("return getComputedStyle(document.querySelector('.article-body')).direction;").await, "rtl");
        assert!(browser.source().await.contains("أترك تعليقا"));
        let ar = layout(&browser).await;
        assert!(ar.viewport - ar.brand.1 < 80.0, "the brand starts on the right: {ar:?}");
        assert!(ar.brand.0 > ar.viewport / 2.0, "and stays on the right half: {ar:?}");
        assert!(ar.ad_column.0 > ar.content.1, "the narrow ad column is right of the content: {ar:?}");
        assert!((ar.content.1 - ar.label.1).abs() < 2.0, "the category label starts at the content's right edge: {ar:?}");
        let picture = screenshot(&browser, "article-ar").await;
        let (left, right) = masthead_ink(&browser, &picture).await;
        assert!(right > 100 && left * 10 < right, "the screenshot shows the name on the right: {left} dark pixels left, {right} right");

        // The same page in a French site: laid out from the left, but the Arabic article
        // itself is marked Arabic and runs right to left.
        app.set_setting("locale", "fr").await;
        // Reloaded, as the page may be kept by the browser for `max-age`.
        browser.refresh().await;
        browser.wait_for(".article-body").await;
        assert_eq!(browser.eval_text("return document.documentElement.dir;").await, "ltr");
        assert_eq!(browser.eval_text("return document.querySelector('article').lang + ' ' + document.querySelector('article').dir;").await, "ar rtl");
        assert_eq!(browser.eval_text("return getComputedStyle(document.querySelector('.article-body')).direction;").await, "rtl");
        assert!(browser.source().await.contains("LAISSER UN COMMENTAIRE"));
        let fr = layout(&browser).await;
        assert!(fr.brand.0 < 80.0, "the brand starts on the left: {fr:?}");
        assert!(fr.brand.1 < fr.viewport / 2.0, "and stays on the left half: {fr:?}");
        assert!(fr.ad_column.1 < fr.content.0, "the narrow ad column is left of the content: {fr:?}");
        assert!((fr.article.1 - fr.label.1).abs() < 2.0, "the Arabic article starts on its right: {fr:?}");
        let picture = screenshot(&browser, "article-fr-with-arabic-article").await;
        let (left, right) = masthead_ink(&browser, &picture).await;
        assert!(left > 100 && right * 10 < left, "the screenshot shows the name on the left: {left} dark pixels left, {right} right");
    }
}
