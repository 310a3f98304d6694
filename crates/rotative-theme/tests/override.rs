//! A site's own templates override the default theme's, file by file.

use rotative_theme::views::{ErrorView, Page, Shared};
use rotative_theme::{Theme, ThemeError};

fn layout() -> rotative_theme::views::Layout {
    rotative_theme::views::Layout {
        locale: rotative_core::Locale::Fr,
        dir: "ltr",
        digits: rotative_core::Digits::Western,
        timezone: chrono_tz::Tz::UTC,
        site: rotative_theme::views::SiteView {
            name: "Le Site".to_owned(),
            tagline: String::new(),
            logo: String::new(),
            base_url: "http://127.0.0.1:8080".to_owned(),
        },
        today: chrono::DateTime::UNIX_EPOCH,
        menu: Vec::new(),
        most_read: Shared::default(),
        latest: Shared::default(),
        slots: Default::default(),
        seo: Default::default(),
        title: "Titre".to_owned(),
        canonical: "/".to_owned(),
    }
}

fn error_view() -> ErrorView {
    ErrorView {
        status: 404,
        title_key: "error-not-found-title",
        body_key: "error-not-found-body",
        request_id: None,
    }
}

fn render_error_page(theme: &Theme, layout: &rotative_theme::views::Layout) -> String {
    let page = Page {
        layout,
        page: &error_view(),
    };
    theme.render("error.html", &page).expect("renders")
}

#[test]
fn a_template_in_the_theme_folder_replaces_the_embedded_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("error.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ t(page.title_key) }}</p>{% endblock %}",
    )
    .expect("write");
    let theme = Theme::load(Some(dir.path().to_path_buf())).expect("theme loads");
    let layout = layout();
    let html = render_error_page(&theme, &layout);
    assert!(
        html.contains(r#"<p class="custom">Page introuvable</p>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<span class="brand-name">Le Site</span>"#),
        "base.html still embedded"
    );
}

#[test]
fn a_broken_template_stops_loading_and_names_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("home.html"), "{% if %}").expect("write");
    let error = Theme::load(Some(dir.path().to_path_buf())).err();
    assert!(
        matches!(&error, Some(ThemeError::Template { name, .. }) if name == "home.html"),
        "{error:?}"
    );
}

#[test]
fn a_missing_theme_folder_is_refused() {
    let error = Theme::load(Some("/no/such/theme".into())).err();
    assert!(matches!(error, Some(ThemeError::Folder(_))), "{error:?}");
}

#[test]
fn text_is_escaped_but_urls_stay_readable() {
    let theme = Theme::load(None).expect("theme loads");
    let mut layout = layout();
    layout.site.name = "<b>A & B</b>".to_owned();
    layout.canonical = "/politique/un-article/".to_owned();
    let html = render_error_page(&theme, &layout);
    assert!(html.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"), "{html}");
    assert!(!html.contains("<b>A"));
    assert!(html.contains(r#"href="http://127.0.0.1:8080/politique/un-article/""#));
}

#[test]
fn told_formats_write_what_the_context_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("error.html"),
        "{{ today|date('long') }}|{{ 1874|number }}|{{ t('nav-home') }}",
    )
    .expect("write");
    let theme = Theme::load(Some(dir.path().to_path_buf())).expect("theme loads");
    let mut layout = layout();
    layout.locale = rotative_core::Locale::Ar;
    layout.digits = rotative_core::Digits::Arabic;
    layout.timezone = chrono_tz::Tz::Asia__Almaty;
    // 23:30 UTC on 20 March 2025 is already the 21st in Almaty.
    layout.today = chrono::DateTime::from_timestamp(1_742_513_400, 0).expect("time");
    let page = Page {
        layout: &layout,
        page: &error_view(),
    };
    let read = theme.render("error.html", &page).expect("renders");
    let told = theme
        .render_as("error.html", &page, layout.formats())
        .expect("renders");
    assert_eq!(read, "الجمعة ٢١ مارس ٢٠٢٥|١٬٨٧٤|الرئيسية");
    assert_eq!(told, read);
    // Once told formats are done with, a render reads its own context again.
    layout.locale = rotative_core::Locale::Fr;
    let page = Page {
        layout: &layout,
        page: &error_view(),
    };
    assert_eq!(
        theme.render("error.html", &page).expect("renders"),
        "vendredi 21 mars 2025|1\u{202f}874|Accueil"
    );
}
