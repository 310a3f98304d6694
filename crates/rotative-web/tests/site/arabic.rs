//! Arabic: a site in `ar` speaks Arabic from right to left (the admin too), writes its
//! dates with Moroccan month names, in Western or Eastern Arabic digits as set; and a
//! French site marks its Arabic articles as Arabic and right to left.

use crate::newsroom::{Member, member};
use crate::{SEED, utc};
use axum::http::StatusCode;
use rotative_core::{Locale, Role, Slug};
use rotative_test_support::{TestApp, TestResponse, engine_test};

/// The `<article …>` tag of an article page.
fn article_tag(page: &str) -> &str {
    let start = page.find("<article ").unwrap_or(0);
    let end = page[start..]
        .find('>')
        .map_or(page.len(), |e| start + e + 1);
    &page[start..end]
}

/// The attributes of the date under an article's title.
fn date_tag(page: &str) -> &str {
    page.split(r#"<time class="meta-date""#)
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default()
}

engine_test! {
    async fn an_arabic_site_speaks_arabic_from_right_to_left(app: TestApp) {
        let app = app.with_demo().await;
        app.set_setting("locale", "ar").await;
        app.clock.advance(utc(3, 20, 10, 0) - app.now());
        let home = app.get("/").await.body;
        assert!(home.contains(r#"<html lang="ar" dir="rtl">"#), "{home}");
        assert!(home.contains(">الخميس 20 مارس 2025</time>"), "the header's date");
        assert!(home.contains(">الرئيسية</a>") && home.contains("الأكثر قراءة"), "{home}");
        assert!(home.contains("آخر الأخبار"));

        let article = app.get(SEED).await.body;
        assert!(article.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(article.contains("أترك تعليقا"), "the comment form's title");
        assert!(article.contains(r#"<span itemprop="name">الرئيسية</span>"#), "breadcrumbs start at home");
        assert!(article.contains(">20 مارس 2025</time>"), "{article}");
        assert!(article.contains(r#"title="لا تعليقات""#), "zero takes its own form");
        assert_eq!(article_tag(&article), r#"<article class="article">"#, "the site's own language");

        let missing = app.get("/nothing-here/").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.body.contains("الصفحة غير موجودة") && missing.body.contains(r#"dir="rtl""#));
    }
}

engine_test! {
    async fn arabic_dates_and_counts_take_eastern_arabic_digits_when_set(app: TestApp) {
        app.clock.advance(utc(3, 20, 10, 0) - app.now());
        app.article("Le budget").views(1874).create().await;
        app.set_setting("locale", "ar").await;
        assert!(app.get("/").await.body.contains(">الخميس 20 مارس 2025</time>"), "Western by default");

        app.set_setting("dates.digits", "arabic").await;
        let home = app.get("/").await.body;
        assert!(home.contains(">الخميس ٢٠ مارس ٢٠٢٥</time>"), "{home}");
        let article = app.get("/politique/le-budget/").await.body;
        assert!(article.contains(r#"<span class="view-count">١٬٨٧٥</span>"#), "counts too: {article}");
        assert!(article.contains(">٢٠ مارس ٢٠٢٥</time>"), "{article}");

        // The setting is for Arabic pages: a French site keeps its digits.
        app.set_setting("locale", "fr").await;
        assert!(app.get("/").await.body.contains(">jeudi 20 mars 2025</time>"));
    }
}

engine_test! {
    async fn the_admin_turns_right_to_left_with_an_arabic_site(app: TestApp) {
        app.set_setting("locale", "ar").await;
        let login = app.get("/admin/login").await.body;
        assert!(login.contains(r#"<html lang="ar" dir="rtl">"#), "{login}");
        assert!(login.contains("تسجيل الدخول"), "{login}");
        let admin = member(&app, Role::Admin, "Directrice").await;
        let settings = admin.get(&app, "/admin/settings").await.body;
        assert!(settings.contains(r#"<html lang="ar" dir="rtl">"#));
        assert!(settings.contains(r#"<option value="ar" selected>العربية</option>"#), "{settings}");
        assert!(settings.contains("أرقام هندية: ٢٠ مارس ٢٠٢٥"), "{settings}");
    }
}

engine_test! {
    async fn the_digits_are_a_setting_of_the_admin(app: TestApp) {
        let admin = member(&app, Role::Admin, "Directrice").await;
        let page = admin.get(&app, "/admin/settings").await.body;
        assert!(page.contains(r#"<select id="dates.digits" name="dates.digits">"#), "{page}");
        assert!(page.contains("Chiffres arabes orientaux : ٢٠ مارس ٢٠٢٥"), "{page}");
        let refused = admin.post(&app, "/admin/settings", &[("dates.digits", "roman")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("western, arabic"), "{}", refused.body);
        let saved = admin
            .post(&app, "/admin/settings", &[("dates.digits", "arabic"), ("locale", "ar")])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(app.state.settings().digits, rotative_core::Digits::Arabic);
        assert_eq!(app.state.settings().locale, Locale::Ar);
    }
}

engine_test! {
    async fn an_arabic_article_in_a_french_site_is_marked_arabic_and_right_to_left(app: TestApp) {
        app.article("المغرب وكازاخستان يعززان تعاونهما الثنائي")
            .slug("le-maroc-et-le-kazakhstan")
            .body("أجرى وزير الشؤون الخارجية مباحثات مع نظيره الكازاخستاني.")
            .lang(Locale::Ar)
            .create()
            .await;
        app.article("Le budget").create().await;
        app.article("Marché").slug("marche").lang(Locale::Fr).create().await;

        let arabic = app.get("/politique/le-maroc-et-le-kazakhstan/").await.body;
        assert!(arabic.contains(r#"<html lang="fr" dir="ltr">"#), "the page stays French");
        assert_eq!(article_tag(&arabic), r#"<article class="article" lang="ar" dir="rtl">"#);
        assert!(arabic.contains("LAISSER UN COMMENTAIRE"), "the site's strings stay French");
        assert!(date_tag(&arabic).ends_with(r#" lang="fr" dir="ltr""#), "its French date keeps its direction: {arabic}");
        let french = app.get("/politique/le-budget/").await.body;
        assert_eq!(article_tag(&french), r#"<article class="article">"#);
        assert!(!date_tag(&french).contains("dir="), "{french}");
        let marked_french = app.get("/politique/marche/").await.body;
        assert_eq!(article_tag(&marked_french), r#"<article class="article">"#, "same as the site's");

        // In an Arabic site, the French article is the one set apart.
        app.set_setting("locale", "ar").await;
        let arabic = app.get("/politique/le-maroc-et-le-kazakhstan/").await.body;
        assert_eq!(article_tag(&arabic), r#"<article class="article">"#);
        let marked_french = app.get("/politique/marche/").await.body;
        assert_eq!(article_tag(&marked_french), r#"<article class="article" lang="fr" dir="ltr">"#);
    }
}

/// Saves the editor at `path` with an Arabic article in "Politique", in language `lang`.
async fn save_festival(app: &TestApp, editor: &Member, path: &str, lang: &str) -> TestResponse {
    let category = app.category_named("Politique").await.to_string();
    let author = app.author_named("Rédaction").await.to_string();
    let fields = [
        ("title", "مهرجان مراكش"),
        ("slug", "festival"),
        ("body", "افتتاح الدورة الجديدة."),
        ("category", category.as_str()),
        ("author", author.as_str()),
        ("status", "published"),
        ("lang", lang),
    ];
    editor.post(app, path, &fields).await
}

engine_test! {
    async fn the_editor_sets_an_articles_language(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let form = editor.get(&app, "/admin/articles/new").await.body;
        assert!(form.contains(r#"<select id="lang" name="lang"><option value="">Langue du site</option>"#), "{form}");
        assert!(form.contains(r#"<option value="ar" lang="ar">العربية</option>"#), "{form}");

        let refused = save_festival(&app, &editor, "/admin/articles/new", "xx").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Choisissez une des langues proposées."), "{}", refused.body);

        let saved = save_festival(&app, &editor, "/admin/articles/new", "ar").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let slug = Slug::parse("festival").expect("slug");
        let stored = app.store().article_by_slug(&slug).await.expect("read").expect("saved");
        assert_eq!(stored.lang, Some(Locale::Ar));
        let editor_path = format!("/admin/articles/{}", stored.summary.id);
        let page = editor.get(&app, &editor_path).await.body;
        assert!(page.contains(r#"<option value="ar" lang="ar" selected>العربية</option>"#), "{page}");
        let public = app.get("/politique/festival/").await.body;
        assert_eq!(article_tag(&public), r#"<article class="article" lang="ar" dir="rtl">"#);

        // Back to the site's language.
        let saved = save_festival(&app, &editor, &editor_path, "").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let stored = app.store().article_by_slug(&slug).await.expect("read").expect("saved");
        assert_eq!(stored.lang, None);
        let public = app.get("/politique/festival/").await.body;
        assert_eq!(article_tag(&public), r#"<article class="article">"#);
    }
}
