//! The moderation screens: the password, sessions and CSRF tokens, the list and its
//! filters, single and bulk actions, bans and replies.

use crate::comments::{ARTICLE, comment, comment_from, hidden, stored, with_article};
use axum::http::StatusCode;
use rotative_core::{CommentStatus, Role};
use rotative_test_support::{READER_IP, TestApp, TestResponse, engine_test};

/// The editors' password in these tests.
pub const PASSWORD: &str = "correct horse battery staple";
/// The editor's address.
const EDITOR: &str = "redaction@example.ma";

/// Creates the editor's account and logs in; returns the session cookie (`name=value`).
async fn login(app: &TestApp) -> String {
    app.account(EDITOR, "Rédaction en chef", Role::Editor, PASSWORD)
        .await;
    let response = app
        .post_form("/admin/login", &[("email", EDITOR), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), Some("/admin/"));
    let cookie = response.header("set-cookie").expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/admin")
    );
    cookie.split(';').next().unwrap_or_default().to_owned()
}

/// A moderation page, logged in.
async fn page(app: &TestApp, session: &str, path: &str) -> TestResponse {
    app.get_with(
        path,
        &[
            ("cookie", session),
            ("user-agent", rotative_test_support::BROWSER),
        ],
    )
    .await
}

/// Sends a moderation form with the session's CSRF token.
async fn act(app: &TestApp, session: &str, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    let csrf = hidden(&page(app, session, "/admin/comments").await.body, "csrf");
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let body = rotative_test_support::encode_form(&all);
    app.post_raw(READER_IP, path, body.into_bytes(), &[("cookie", session)])
        .await
}

async fn comment_count(app: &TestApp, id: rotative_core::ArticleId) -> i64 {
    app.store()
        .article_by_id(id)
        .await
        .expect("read")
        .expect("exists")
        .summary
        .comment_count
}

fn statuses(comments: &[rotative_store::ModeratedComment]) -> Vec<CommentStatus> {
    comments.iter().map(|c| c.comment.status).collect()
}

engine_test! {
    async fn moderation_needs_the_password_a_session_and_its_token(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        comment(&app, &[]).await;
        let id = stored(&app).await[0].comment.id.to_string();

        let anonymous = app.get("/admin/comments").await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert_eq!(anonymous.header("location"), Some("/admin/login"));
        let one = format!("approve:{id}");
        let refused = app.post_form("/admin/comments", &[("one", &one)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let session = login(&app).await;
        // A wrong password and an unknown address get the same answer: no enumeration.
        for (email, password) in [(EDITOR, "motdepasse"), ("personne@example.ma", PASSWORD)] {
            let wrong = app.post_form("/admin/login", &[("email", email), ("password", password)]).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
            assert!(wrong.body.contains("Adresse e-mail ou mot de passe incorrect."));
            assert!(wrong.header("set-cookie").is_none());
        }
        let forged = app.get_with("/admin/comments", &[("cookie", "rotative_session=forged")]).await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER);
        let list = page(&app, &session, "/admin/comments").await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.header("cache-control"), Some("private, no-store"));
        assert!(list.body.contains("amina@example.ma") && list.body.contains(READER_IP));
        // Without the token, or with another, nothing happens.
        for csrf in ["", "forged"] {
            let body = rotative_test_support::encode_form(&[("one", &one), ("csrf", csrf)]);
            let response = app.post_raw(READER_IP, "/admin/comments", body.into_bytes(), &[("cookie", &session)]).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(statuses(&stored(&app).await), [CommentStatus::Pending]);
        let approved = act(&app, &session, "/admin/comments", &[("one", &one)]).await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        assert_eq!(approved.header("location"), Some("/admin/comments?done=1"));
        assert_eq!(statuses(&stored(&app).await), [CommentStatus::Approved]);

        // Sessions live in the database: another node (a new app over it) knows them.
        let app = app.with_options(rotative_web::Options::default()).await;
        assert_eq!(page(&app, &session, "/admin/comments").await.status, StatusCode::OK);
        // They end at logout, and after twelve hours.
        let out = act(&app, &session, "/admin/logout", &[]).await;
        assert!(out.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")));
        assert_eq!(page(&app, &session, "/admin/comments").await.status, StatusCode::SEE_OTHER);
        let again = app.login(EDITOR, PASSWORD).await;
        app.clock.advance(chrono::Duration::hours(13));
        assert_eq!(page(&app, &again, "/admin/comments").await.status, StatusCode::SEE_OTHER);
    }
}

engine_test! {
    async fn each_role_is_checked_on_the_server(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        comment(&app, &[]).await;
        let id = stored(&app).await[0].comment.id.to_string();
        let one = format!("approve:{id}");
        for (role, email) in [(Role::Author, "auteur@example.ma"), (Role::Contributor, "pigiste@example.ma")] {
            app.account(email, email, role, PASSWORD).await;
            let session = app.login(email, PASSWORD).await;
            let home = page(&app, &session, "/admin/").await;
            assert_eq!(home.status, StatusCode::OK, "{role:?}");
            for path in ["/admin/comments", "/admin/blocks"] {
                let refused = page(&app, &session, path).await;
                assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?} {path}");
                assert!(refused.body.contains("Accès refusé"));
            }
            // Forms are refused even with a valid CSRF token (taken from the home page).
            let csrf = hidden(&home.body, "csrf");
            for (path, fields) in [
                ("/admin/comments", vec![("one", one.as_str())]),
                ("/admin/blocks", vec![("op", "add"), ("kind", "word"), ("value", "x")]),
                (&*format!("/admin/comments/{id}/reply"), vec![("comment", "Réponse")]),
            ] {
                let mut all = vec![("csrf", csrf.as_str())];
                all.extend(fields);
                let body = rotative_test_support::encode_form(&all);
                let refused = app.post_raw(READER_IP, path, body.into_bytes(), &[("cookie", &session)]).await;
                assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?} {path}");
            }
        }
        assert_eq!(statuses(&stored(&app).await), [CommentStatus::Pending]);
        assert!(app.store().blocks().await.expect("blocks").is_empty());
        // Editors and admins moderate.
        app.account("admin@example.ma", "Admin", Role::Admin, PASSWORD).await;
        let admin = app.login("admin@example.ma", PASSWORD).await;
        assert_eq!(page(&app, &admin, "/admin/").await.header("location"), Some("/admin/comments"));
        act(&app, &admin, "/admin/comments", &[("one", &one)]).await;
        assert_eq!(statuses(&stored(&app).await), [CommentStatus::Approved]);
    }
}

engine_test! {
    async fn a_burst_of_parallel_logins_is_counted_as_it_runs(app: TestApp) {
        app.account(EDITOR, "Rédaction", Role::Editor, PASSWORD).await;
        let app = std::sync::Arc::new(app);
        // Many at once, from many addresses: the account's limit still holds, give or take
        // the few checks that run side by side.
        let mut burst = tokio::task::JoinSet::new();
        for n in 0..24 {
            let app = app.clone();
            burst.spawn(async move {
                let ip = format!("192.0.2.{}", 100 + n);
                app.post_form_from(&ip, "/admin/login", &[("email", EDITOR), ("password", "devine")]).await.status
            });
        }
        let mut checked = 0;
        while let Some(status) = burst.join_next().await {
            let status = status.expect("the attempt ran");
            assert!(status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS, "{status}");
            checked += usize::from(status == StatusCode::UNAUTHORIZED);
        }
        assert!((5..=5 + 3).contains(&checked), "{checked} passwords checked for a limit of 5");
        let locked = app.post_form_from("192.0.2.99", "/admin/login", &[("email", EDITOR), ("password", PASSWORD)]).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

engine_test! {
    async fn failed_logins_are_limited_per_account_and_per_address(app: TestApp) {
        app.account(EDITOR, "Rédaction", Role::Editor, PASSWORD).await;
        app.account("autre@example.ma", "Autre", Role::Editor, PASSWORD).await;
        for _ in 0..5 {
            let wrong = app.post_form("/admin/login", &[("email", EDITOR), ("password", "devine")]).await;
            assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        }
        // The account is locked for a while, even with the right password…
        let locked = app.post_form("/admin/login", &[("email", EDITOR), ("password", PASSWORD)]).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.body.contains("Trop de tentatives de connexion échouées."));
        // …but not the others.
        app.login("autre@example.ma", PASSWORD).await;
        // An address trying many accounts is locked out too.
        for n in 0..15 {
            let email = format!("inconnu{n}@example.ma");
            app.post_form("/admin/login", &[("email", &email), ("password", "devine")]).await;
        }
        let locked = app.post_form("/admin/login", &[("email", "autre@example.ma"), ("password", PASSWORD)]).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        let elsewhere = app.post_form_from("192.0.2.8", "/admin/login", &[("email", "autre@example.ma"), ("password", PASSWORD)]).await;
        assert_eq!(elsewhere.status, StatusCode::SEE_OTHER);
        // Fifteen minutes later, the account opens again.
        app.clock.advance(chrono::Duration::minutes(16));
        app.login(EDITOR, PASSWORD).await;
    }
}

engine_test! {
    async fn moderators_filter_search_and_act_in_bulk(app: TestApp) {
        let (app, article) = with_article(app, &[]).await;
        let other = app.article("Autre sujet").create().await;
        comment(&app, &[("comment", "Premier avis"), ("author", "Karim")]).await;
        comment(&app, &[("comment", "Deuxième avis"), ("email", "nadia@example.ma"), ("author", "Nadia")]).await;
        comment_from(&app, "192.0.2.50", &[("comment", "Troisième avis")]).await;
        let token = hidden(&app.get("/politique/autre-sujet/").await.body, "token");
        app.clock.advance(chrono::Duration::seconds(10));
        app.post_form("/politique/autre-sujet/", &[("comment", "Ailleurs"), ("author", "Omar"), ("email", "omar@example.ma"), ("token", &token)]).await;
        let session = login(&app).await;

        let pending = page(&app, &session, "/admin/comments?status=pending").await;
        assert!(pending.body.contains("En attente (4)"));
        let on_article = page(&app, &session, &format!("/admin/comments?article={article}")).await;
        assert!(on_article.body.contains("Premier avis") && !on_article.body.contains("Ailleurs"));
        let on_other = page(&app, &session, &format!("/admin/comments?article={other}")).await;
        assert!(on_other.body.contains("Ailleurs") && !on_other.body.contains("Premier avis"));
        let searched = page(&app, &session, "/admin/comments?q=NADIA").await;
        assert!(searched.body.contains("Deuxième avis") && !searched.body.contains("Premier avis"));
        let by_text = page(&app, &session, "/admin/comments?q=troisi%C3%A8me").await;
        assert!(by_text.body.contains("Troisième avis") && !by_text.body.contains("Deuxième avis"));
        for bad in ["?status=deleted", "?page=0", "?article=abc", "?q=%FF"] {
            assert_eq!(page(&app, &session, &format!("/admin/comments{bad}")).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }

        // Bulk: approve two, then trash one; counts follow, pages show it at once.
        let all = stored(&app).await;
        let id = |text: &str| all.iter().find(|c| c.comment.body == text).map(|c| c.comment.id.to_string()).unwrap_or_default();
        let (first, second, third, elsewhere) = (id("Premier avis"), id("Deuxième avis"), id("Troisième avis"), id("Ailleurs"));
        let done = act(&app, &session, "/admin/comments", &[("action", "approve"), ("ids", &first), ("ids", &second), ("return", "status=pending")]).await;
        assert_eq!(done.header("location"), Some("/admin/comments?status=pending&done=2"));
        let article_page = app.get(ARTICLE).await;
        assert!(article_page.body.contains("Premier avis") && article_page.body.contains("Deuxième avis"));
        assert!(article_page.body.contains(r#"<span class="comment-count">2</span>"#));
        act(&app, &session, "/admin/comments", &[("one", &format!("trash:{second}"))]).await;
        assert!(!app.get(ARTICLE).await.body.contains("Deuxième avis"));
        assert_eq!(comment_count(&app, article).await, 1);
        act(&app, &session, "/admin/comments", &[("one", &format!("spam:{elsewhere}"))]).await;
        act(&app, &session, "/admin/comments", &[("one", &format!("unapprove:{first}"))]).await;
        assert_eq!(comment_count(&app, article).await, 0);

        // Delete for good.
        act(&app, &session, "/admin/comments", &[("one", &format!("delete:{third}"))]).await;
        assert!(stored(&app).await.iter().all(|c| c.comment.body != "Troisième avis"));
        assert_eq!(stored(&app).await.len(), 3);
        // Unknown actions and ids are refused without a change.
        for bad in [vec![("action", "publish"), ("ids", first.as_str())], vec![("action", "approve"), ("ids", "x")]] {
            assert_eq!(act(&app, &session, "/admin/comments", &bad).await.status, StatusCode::BAD_REQUEST);
        }
        assert_eq!(comment_count(&app, article).await, 0);
    }
}

engine_test! {
    async fn banned_senders_go_to_spam_and_moderators_reply(app: TestApp) {
        let (app, article) = with_article(app, &[]).await;
        comment(&app, &[("comment", "Avis de Karim"), ("email", "karim@example.ma")]).await;
        comment_from(&app, "192.0.2.77", &[("comment", "Avis depuis une autre adresse"), ("email", "x@example.ma")]).await;
        let all = stored(&app).await;
        let (from_ip, karim) = (all[0].comment.id.to_string(), all[1].comment.id.to_string());
        let session = login(&app).await;
        act(&app, &session, "/admin/comments", &[("one", &format!("ban-email:{karim}"))]).await;
        act(&app, &session, "/admin/comments", &[("one", &format!("ban-ip:{from_ip}"))]).await;
        let blocks = page(&app, &session, "/admin/blocks").await;
        assert!(blocks.body.contains("karim@example.ma") && blocks.body.contains("192.0.2.77"));
        comment(&app, &[("comment", "Encore Karim"), ("email", "karim@example.ma")]).await;
        comment_from(&app, "192.0.2.77", &[("comment", "Encore l’adresse")]).await;
        assert_eq!(statuses(&stored(&app).await), [CommentStatus::Spam; 4]);

        // Words, from the block list screen; and removal.
        let added = act(&app, &session, "/admin/blocks", &[("op", "add"), ("kind", "word"), ("value", "  Viagra ")]).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER);
        comment_from(&app, "192.0.2.1", &[("comment", "viagra pas cher"), ("email", "y@example.ma")]).await;
        assert_eq!(stored(&app).await[0].comment.status, CommentStatus::Spam);
        act(&app, &session, "/admin/blocks", &[("op", "remove"), ("kind", "email"), ("value", "karim@example.ma")]).await;
        comment(&app, &[("comment", "Karim pardonné"), ("email", "karim@example.ma")]).await;
        assert_eq!(stored(&app).await[0].comment.status, CommentStatus::Pending);
        assert_eq!(act(&app, &session, "/admin/blocks", &[("op", "add"), ("kind", "planet"), ("value", "x")]).await.status, StatusCode::BAD_REQUEST);

        // A reply from the moderation screen is approved, and approves what it answers.
        let answered = stored(&app).await[0].comment.id;
        let replied = act(&app, &session, &format!("/admin/comments/{answered}/reply"), &[("comment", "Merci pour votre message."), ("return", "")]).await;
        assert_eq!(replied.status, StatusCode::SEE_OTHER);
        let newest = stored(&app).await[0].comment.clone();
        assert_eq!((newest.status, newest.parent_id, newest.depth), (CommentStatus::Approved, Some(answered), 1));
        assert_eq!(newest.author_name, "Rotative");
        let body = app.get(ARTICLE).await.body;
        assert!(body.contains("Merci pour votre message.") && body.contains("Karim pardonné"));
        let summary = app.store().article_by_id(article).await.expect("read").expect("exists").summary;
        assert_eq!(summary.comment_count, 2);
    }
}
