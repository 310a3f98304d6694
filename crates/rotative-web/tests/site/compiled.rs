//! The default theme's compiled pages (askama) write exactly what its minijinja templates
//! write: the same requests, answered by a site with the default theme and by one whose
//! theme folder holds an unchanged copy of `base.html` (which turns the compiled pages off),
//! give the same bytes.

use crate::SEED;
use crate::comments::{ARTICLE, comment, stored, with_article};
use axum::http::StatusCode;
use rotative_test_support::{TestApp, TestResponse, engine_test};
use rotative_theme::{TEMPLATES, Theme};

/// The same site rendered through the minijinja templates.
async fn through_templates(app: &TestApp) -> (TestApp, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("theme folder");
    let base = TEMPLATES
        .iter()
        .find(|(name, _)| *name == "base.html")
        .map(|(_, source)| *source)
        .expect("the default theme has a base.html");
    std::fs::write(folder.path().join("base.html"), base).expect("theme folder written");
    let theme = Theme::load(Some(folder.path().to_owned())).expect("the theme loads");
    (app.with_theme(theme).await, folder)
}

fn same(path: &str, compiled: &TestResponse, templates: &TestResponse) {
    assert_eq!(compiled.status, templates.status, "{path}");
    if compiled.body != templates.body {
        let at = compiled
            .body
            .bytes()
            .zip(templates.body.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(compiled.body.len().min(templates.body.len()));
        let around = |body: &str| {
            let start = body.floor_char_boundary(at.saturating_sub(200));
            let end = body.ceil_char_boundary((at + 200).min(body.len()));
            body[start..end].to_owned()
        };
        panic!(
            "{path} differs at byte {at}:\ncompiled:  {:?}\ntemplates: {:?}",
            around(&compiled.body),
            around(&templates.body)
        );
    }
}

engine_test! {
    async fn compiled_pages_write_what_the_templates_write(app: TestApp) {
        let app = app.with_demo().await;
        let (app, _) = with_article(app, &[("comments.moderation", "none")]).await;
        assert_eq!(comment(&app, &[("comment", "Premier <b>!</b>"), ("author", "Karim \"K\"")]).await.status, StatusCode::SEE_OTHER);
        let first = stored(&app).await[0].comment.id.to_string();
        comment(&app, &[("comment", "Réponse."), ("comment_parent", &first)]).await;
        let reply = stored(&app).await[0].comment.id.to_string();
        comment(&app, &[("comment", "Réponse à la réponse."), ("comment_parent", &reply)]).await;
        comment(&app, &[("comment", "Second.")]).await;

        // Both sites then count views from the same stored figure.
        app.flush_views().await;
        let (templates, _folder) = through_templates(&app).await;
        assert!(app.state.theme().compiled());
        assert!(!templates.state.theme().compiled());
        let paths = [
            "/".to_owned(),
            SEED.to_owned(),
            ARTICLE.to_owned(),
            format!("{ARTICLE}?replytocom={first}"),
            "/politique/".to_owned(),
            "/politique/page/2/".to_owned(),
            "/author/camille-durand/".to_owned(),
            "/tag/marrakech/".to_owned(),
            "/recherche?q=maroc".to_owned(),
            "/nulle-part/".to_owned(),
        ];
        let mut lists = 0;
        for path in &paths {
            let compiled = app.get(path).await;
            if compiled.body.contains("page-list") {
                lists += 1;
            }
            same(path, &compiled, &templates.get(path).await);
        }
        assert!(lists >= 3, "category, author and tag pages were compared");

        // A form sent back with its problems, and a page past the last.
        let token = crate::comments::hidden(&app.get(ARTICLE).await.body, "token");
        templates.get(ARTICLE).await;
        let bad = [("comment", ""), ("author", ""), ("email", "pas une adresse"), ("url", "x"), ("token", token.as_str())];
        let compiled = app.post_form(ARTICLE, &bad).await;
        assert!(compiled.body.contains("field-error"), "the form shows its problems");
        same("the form with errors", &compiled, &templates.post_form(ARTICLE, &bad).await);
    }
}
