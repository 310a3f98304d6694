//! Readers' comments: the form, its validation in the site's language, moderation states,
//! spam defences, threads, escaping, and bad input.

use crate::count;
use axum::http::StatusCode;
use rotative_core::{ArticleId, CommentStatus};
use rotative_store::{Block, BlockKind, CommentQuery};
use rotative_test_support::{READER_IP, TestApp, TestResponse, engine_test, unescape};

/// The article every test comments on.
pub const ARTICLE: &str = "/politique/un-article/";

/// The app with an article to comment on and these comment rules (settings).
pub async fn with_article(app: TestApp, rules: &[(&str, &str)]) -> (TestApp, ArticleId) {
    for (key, value) in rules {
        app.set_setting(key, value).await;
    }
    let id = app.article("Un article").create().await;
    (app, id)
}

/// The value of a hidden field of the comment form on a page.
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = page
        .find(&marker)
        .map(|at| at + marker.len())
        .expect("the field is on the page");
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Sends the comment form as a reader would: shown, then sent ten seconds later, from
/// `READER_IP`; `fields` add to or replace the defaults (a comment, a name, an e-mail).
pub async fn comment(app: &TestApp, fields: &[(&str, &str)]) -> TestResponse {
    comment_from(app, READER_IP, fields).await
}

/// [`comment`] from another address.
pub async fn comment_from(app: &TestApp, ip: &str, fields: &[(&str, &str)]) -> TestResponse {
    let token = hidden(&app.get(ARTICLE).await.body, "token");
    app.clock.advance(chrono::Duration::seconds(10));
    let mut all: Vec<(&str, &str)> = vec![
        ("comment", "Très bon article, merci."),
        ("author", "Amina"),
        ("email", "amina@example.ma"),
        ("token", &token),
    ];
    for (name, value) in fields {
        all.retain(|(n, _)| n != name);
        all.push((name, value));
    }
    app.post_form_from(ip, ARTICLE, &all).await
}

/// The stored comments, newest first.
pub async fn stored(app: &TestApp) -> Vec<rotative_store::ModeratedComment> {
    app.store()
        .comments(&CommentQuery::default(), 1000, 0)
        .await
        .expect("comments")
}

fn location(response: &TestResponse) -> String {
    response.header("location").expect("a redirect").to_owned()
}

engine_test! {
    async fn each_field_is_checked_and_explained_in_the_sites_language(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        let page = comment(&app, &[("comment", "  "), ("author", ""), ("email", "pas-une-adresse"), ("url", "javascript:alert(1)")]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.header("cache-control"), Some("private, no-store"));
        let text = unescape(&page.body);
        for message in [
            "S'il vous plaît entrez votre commentaire!",
            "S'il vous plaît entrez votre nom ici",
            "S'il vous plaît entrez une adresse e-mail valide ici",
            "S'il vous plaît entrez une adresse web valide (http:// ou https://)",
        ] {
            assert_eq!(count(&text, message), 1, "{message}");
        }
        // What was typed is kept, escaped.
        assert!(page.body.contains(r#"value="pas-une-adresse""#));
        assert!(page.body.contains(r#"value="javascript:alert(1)""#));
        // A missing e-mail address has the same message; nothing was stored.
        let page = comment(&app, &[("email", "")]).await;
        assert!(unescape(&page.body).contains("S'il vous plaît entrez une adresse e-mail valide ici"));
        assert!(stored(&app).await.is_empty());

        // Limits: 5,000 characters of comment, 100 of name; control characters refused.
        let long = "é".repeat(5001);
        let name = "n".repeat(101);
        let page = comment(&app, &[("comment", &long), ("author", &name)]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let text = unescape(&page.body);
        assert!(text.contains("Ce champ est trop long : 5000 caractères au maximum."));
        assert!(text.contains("Ce champ est trop long : 100 caractères au maximum."));
        let page = comment(&app, &[("author", "Ami\u{1b}na")]).await;
        assert!(unescape(&page.body).contains("Ce champ contient des caractères non autorisés."));
        assert!(stored(&app).await.is_empty());
        let exactly = "é".repeat(5000);
        assert_eq!(comment(&app, &[("comment", &exactly)]).await.status, StatusCode::SEE_OTHER);
    }
}

engine_test! {
    async fn an_english_site_explains_in_english(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        app.set_setting("locale", "en").await;
        let page = comment(&app, &[("comment", ""), ("author", ""), ("email", "")]).await;
        let text = unescape(&page.body);
        for message in ["Please enter your comment!", "Please enter your name here", "Please enter a valid email address here"] {
            assert!(text.contains(message), "{message}");
        }
    }
}

engine_test! {
    async fn a_new_comment_waits_and_only_its_author_sees_it(app: TestApp) {
        let (app, id) = with_article(app, &[]).await;
        let sent = comment(&app, &[("comment", "Une première réaction.")]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let to = location(&sent);
        let comment_id = stored(&app).await[0].comment.id;
        assert!(to.starts_with(&format!("{ARTICLE}?held=")), "{to}");
        assert!(to.ends_with(&format!("#comment-{comment_id}")), "{to}");
        assert_eq!(stored(&app).await[0].comment.status, CommentStatus::Pending);

        let own = app.get(to.split('#').next().unwrap_or_default()).await;
        assert_eq!(own.status, StatusCode::OK);
        assert_eq!(own.header("cache-control"), Some("private, no-store"));
        assert!(own.body.contains("Votre commentaire est en attente de modération."));
        assert!(own.body.contains("Une première réaction."));

        // Everyone else, and a forged link, see neither; the count stays at 0.
        for path in [ARTICLE.to_owned(), format!("{ARTICLE}?held={}.forged", comment_id)] {
            let page = app.get(&path).await;
            assert!(!page.body.contains("Une première réaction."), "{path}");
            assert!(page.body.contains(r#"<span class="comment-count">0</span>"#));
        }
        // The public page stayed cached, shared.
        assert_eq!(app.get(ARTICLE).await.header("x-cache"), Some("hit"));
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.summary.comment_count, 0);
    }
}

engine_test! {
    async fn approved_comments_show_at_once_threaded_oldest_first_with_dates(app: TestApp) {
        let (app, id) = with_article(app, &[("comments.moderation", "none")]).await;
        assert_eq!(app.get(ARTICLE).await.header("x-cache"), Some("miss"));
        let first = comment(&app, &[("comment", "Premier !"), ("author", "Karim")]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        let first_id = stored(&app).await[0].comment.id;
        assert_eq!(location(&first), format!("{ARTICLE}#comment-{first_id}"));
        comment(&app, &[("comment", "Second.")]).await;
        let reply = comment(&app, &[("comment", "Réponse à Karim."), ("comment_parent", &first_id.to_string())]).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);

        let page = app.get(ARTICLE).await;
        let body = &page.body;
        assert!(body.contains("3 commentaires"));
        assert!(body.contains(r#"<span class="comment-count">3</span>"#));
        let (karim, second, answer) = (body.find("Premier !"), body.find("Second."), body.find("Réponse à Karim."));
        assert!(karim < answer && answer < second, "the reply sits under Karim's comment");
        assert!(body[body.find("Premier !").unwrap_or(0)..].split("</li>").next().unwrap_or_default().contains("comment-replies"));
        // 2025-04-01 09:00:10 UTC is 11 h 00 in Paris.
        assert!(body.contains("1 avril 2025 à 11 h 00"));
        assert!(body.contains(&format!("?replytocom={first_id}#respond")));
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.summary.comment_count, 3);

        // The reply form names whom it answers, and is not cached.
        let form = app.get(&format!("{ARTICLE}?replytocom={first_id}")).await;
        assert!(form.body.contains("RÉPONDRE À Karim"));
        assert_eq!(form.header("cache-control"), Some("private, no-store"));
        assert_eq!(hidden(&form.body, "comment_parent"), first_id.to_string());
        assert_eq!(app.get(ARTICLE).await.header("x-cache"), Some("hit"));
    }
}

engine_test! {
    async fn replies_nest_no_deeper_than_the_setting(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.moderation", "none"), ("comments.thread_depth", "2")]).await;
        comment(&app, &[("comment", "Racine")]).await;
        let root = stored(&app).await[0].comment.id.to_string();
        assert_eq!(comment(&app, &[("comment", "Niveau 1"), ("comment_parent", &root)]).await.status, StatusCode::SEE_OTHER);
        let child = stored(&app).await[0].comment.clone();
        assert_eq!(child.depth, 1);
        // Depth 2 would be a third level: refused, and no reply link is offered.
        let deeper = comment(&app, &[("comment", "Niveau 2"), ("comment_parent", &child.id.to_string())]).await;
        assert_eq!(deeper.status, StatusCode::BAD_REQUEST);
        assert!(!app.get(ARTICLE).await.body.contains(&format!("replytocom={}", child.id)));
        // Replies to a comment that does not exist, or to a bad id, are refused too.
        assert_eq!(comment(&app, &[("comment_parent", "999999")]).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(comment(&app, &[("comment_parent", "abc")]).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(stored(&app).await.len(), 2);
    }
}

engine_test! {
    async fn spam_is_held_silently_like_a_comment_awaiting_moderation(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.moderation", "none")]).await;
        app.store().add_block(&Block { kind: BlockKind::Word, value: "casino".into() }, app.now()).await.expect("block");
        app.store().add_block(&Block { kind: BlockKind::Email, value: "spam@example.com".into() }, app.now()).await.expect("block");
        app.store().add_block(&Block { kind: BlockKind::Ip, value: "198.51.100.9".into() }, app.now()).await.expect("block");
        let held = comment(&app, &[("comment", "Message honnête")]).await;
        let cases = [
            comment(&app, &[("website_confirmation", "http://spam.example")]).await,
            comment(&app, &[("comment", "Gagnez au CASINO en ligne")]).await,
            comment(&app, &[("email", "spam@example.com")]).await,
            comment_from(&app, "198.51.100.9", &[]).await,
        ];
        // Approved (moderation is off), then four spams answered the same way as held ones.
        assert_eq!(location(&held), format!("{ARTICLE}#comment-{}", stored(&app).await[4].comment.id));
        for case in &cases {
            assert_eq!(case.status, StatusCode::SEE_OTHER);
            assert!(location(case).starts_with(&format!("{ARTICLE}?held=")));
        }
        // Sent back sooner than a human could: spam too.
        let token = hidden(&app.get(ARTICLE).await.body, "token");
        let fast = app.post_form(ARTICLE, &[("comment", "Vite"), ("author", "Bot"), ("email", "bot@example.com"), ("token", &token)]).await;
        assert!(location(&fast).starts_with(&format!("{ARTICLE}?held=")));
        let statuses: Vec<_> = stored(&app).await.iter().map(|c| c.comment.status).collect();
        assert_eq!(statuses, [CommentStatus::Spam; 5].into_iter().chain([CommentStatus::Approved]).collect::<Vec<_>>());
    }
}

engine_test! {
    async fn comments_with_many_links_wait_whatever_the_policy(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.moderation", "none")]).await;
        comment(&app, &[("comment", "Voir https://a.example et http://b.example")]).await;
        comment(&app, &[("comment", "https://a.example https://b.example https://c.example")]).await;
        let statuses: Vec<_> = stored(&app).await.iter().map(|c| c.comment.status).collect();
        assert_eq!(statuses, [CommentStatus::Pending, CommentStatus::Approved]);
    }
}

engine_test! {
    async fn known_authors_may_be_approved_automatically(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.moderation", "known")]).await;
        comment(&app, &[]).await;
        let first = stored(&app).await[0].comment.id;
        assert_eq!(stored(&app).await[0].comment.status, CommentStatus::Pending);
        rotative_web::content::set_comment_status(&app.state, &[first], CommentStatus::Approved).await.expect("approve");
        comment(&app, &[("email", "AMINA@example.ma")]).await;
        comment(&app, &[("email", "autre@example.ma")]).await;
        let statuses: Vec<_> = stored(&app).await.iter().map(|c| c.comment.status).collect();
        assert_eq!(statuses, [CommentStatus::Pending, CommentStatus::Approved, CommentStatus::Approved]);
    }
}

engine_test! {
    async fn one_address_may_send_only_so_many_comments(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.rate_limit", "2")]).await;
        assert_eq!(comment(&app, &[]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(comment(&app, &[]).await.status, StatusCode::SEE_OTHER);
        let refused = comment(&app, &[]).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.body.contains("Vous avez envoyé beaucoup de commentaires en peu de temps."));
        assert_eq!(comment_from(&app, "192.0.2.44", &[]).await.status, StatusCode::SEE_OTHER, "another address is not limited");
        // Ten minutes later, the address may comment again.
        app.clock.advance(chrono::Duration::minutes(10));
        assert_eq!(comment(&app, &[]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(stored(&app).await.len(), 4);
    }
}

engine_test! {
    async fn behind_a_proxy_a_reader_is_the_address_the_proxy_added(app: TestApp) {
        let options = rotative_web::Options {
            client_ip_header: Some(axum::http::HeaderName::from_static("x-forwarded-for")),
            ..Default::default()
        };
        let (app, _) = with_article(app.with_options(options).await, &[("comments.rate_limit", "2")]).await;
        // The proxy adds the address it sees after whatever the reader sent: the first
        // entries are the reader's to write, the last one is not.
        let send = |forged: String| {
            let app = &app;
            async move {
                let forwarded = format!("{forged}, 198.51.100.7");
                let page = app.get_with(ARTICLE, &[("x-forwarded-for", &forwarded)]).await;
                let token = hidden(&page.body, "token");
                app.clock.advance(chrono::Duration::seconds(10));
                let body = rotative_test_support::encode_form(&[("comment", "Très bon article, merci."), ("author", "Amina"), ("email", "amina@example.ma"), ("token", &token)]);
                app.post_raw(READER_IP, ARTICLE, body.into_bytes(), &[("x-forwarded-for", &forwarded)]).await
            }
        };
        assert_eq!(send("203.0.113.1".to_owned()).await.status, StatusCode::SEE_OTHER);
        assert_eq!(send("203.0.113.2".to_owned()).await.status, StatusCode::SEE_OTHER);
        assert_eq!(send("203.0.113.3".to_owned()).await.status, StatusCode::TOO_MANY_REQUESTS, "a forged first address changes nothing");
        let kept = stored(&app).await;
        assert_eq!(kept.len(), 2);
        assert!(kept.iter().all(|c| c.ip == "198.51.100.7"), "the address kept is the one the proxy saw");
    }
}

engine_test! {
    async fn everything_readers_type_is_escaped(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.moderation", "none")]).await;
        let sent = comment(&app, &[
            ("comment", "<script>alert('x')</script>\nVoir https://example.ma/a?b=1&c=2\n\n<a href=\"javascript:alert(1)\">clic</a>"),
            ("author", "<img src=x onerror=alert(1)>"),
            ("url", "https://example.ma/\"><script>"),
        ]).await;
        // A website with quotes or brackets is refused; what was typed comes back escaped.
        assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!sent.body.contains("<script>alert"));
        assert!(!sent.body.contains("<img src=x"));
        let email = comment(&app, &[("email", "\"><script>alert(1)</script>@x.ma")]).await;
        assert_eq!(email.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!email.body.contains("<script>alert"));
        assert!(email.body.contains(r#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@x.ma""#));
        let sent = comment(&app, &[
            ("comment", "<script>alert('x')</script>\nVoir https://example.ma/a?b=1&c=2\n\n<a href=\"javascript:alert(1)\">clic</a>"),
            ("author", "<img src=x onerror=alert(1)>"),
            ("url", "example.ma"),
        ]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let body = app.get(ARTICLE).await.body;
        assert!(!body.contains("<script>alert"));
        assert!(!body.contains("<img src=x"));
        assert!(!body.contains("href=\"javascript"));
        assert!(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>"));
        assert!(body.contains(r#"<a href="https://example.ma/a?b=1&amp;c=2" rel="nofollow ugc noopener">"#));
        assert!(body.contains(r#"<a href="https://example.ma" rel="external nofollow ugc noopener">&lt;img src=x onerror=alert(1)&gt;</a>"#));
    }
}

engine_test! {
    async fn bad_bodies_get_clear_errors(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        let invalid = app.post_raw(READER_IP, ARTICLE, b"comment=%FF%FE&author=x".to_vec(), &[]).await;
        assert_eq!(invalid.status, StatusCode::BAD_REQUEST);
        assert!(invalid.body.contains("Requête invalide"));
        let huge = app.post_raw(READER_IP, ARTICLE, vec![b'a'; 200 * 1024], &[]).await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(huge.body.contains("Envoi trop volumineux"));
        let json = app.post_raw(READER_IP, ARTICLE, b"{}".to_vec(), &[("content-type", "application/json")]).await;
        assert_eq!(json.status, StatusCode::BAD_REQUEST);
        let missing = app.post_form("/politique/nulle-part/", &[("comment", "x")]).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(stored(&app).await.is_empty());
    }
}

engine_test! {
    async fn forms_sent_from_other_sites_or_expired_are_refused(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        let token = hidden(&app.get(ARTICLE).await.body, "token");
        app.clock.advance(chrono::Duration::seconds(10));
        let body = rotative_test_support::encode_form(&[("comment", "CSRF"), ("author", "A"), ("email", "a@b.ma"), ("token", &token)]);
        let cross = app.post_raw(READER_IP, ARTICLE, body.clone().into_bytes(), &[("origin", "https://evil.example"), ("host", "127.0.0.1:8080")]).await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN);
        assert!(cross.body.contains("Accès refusé"));
        let fetch = app.post_raw(READER_IP, ARTICLE, body.clone().into_bytes(), &[("sec-fetch-site", "cross-site")]).await;
        assert_eq!(fetch.status, StatusCode::FORBIDDEN);
        let same = app.post_raw(READER_IP, ARTICLE, body.into_bytes(), &[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")]).await;
        assert_eq!(same.status, StatusCode::SEE_OTHER);

        // A form shown three days ago, or one whose token was tampered with, comes back
        // with what was typed and a request to send it again.
        app.clock.advance(chrono::Duration::days(3));
        for bad in [token.clone(), token.replace('.', ".x")] {
            let page = app.post_form(ARTICLE, &[("comment", "Tardif"), ("author", "A"), ("email", "a@b.ma"), ("token", &bad)]).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(page.body.contains("Le formulaire a expiré."));
            assert!(page.body.contains(">Tardif</textarea>"));
        }
        assert_eq!(stored(&app).await.len(), 1);
    }
}

engine_test! {
    async fn comments_close_per_article_and_after_a_while(app: TestApp) {
        let (app, _) = with_article(app, &[("comments.close_after_days", "2")]).await;
        app.article("Fermé").comments_closed().create().await;
        let closed = app.get("/politique/ferme/").await;
        assert!(closed.body.contains("Les commentaires sont fermés."));
        assert!(!closed.body.contains(r#"name="token""#));
        let refused = app.post_form("/politique/ferme/", &[("comment", "x"), ("author", "a"), ("email", "a@b.ma")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.contains("Les commentaires de cet article sont fermés."));

        assert_eq!(comment(&app, &[]).await.status, StatusCode::SEE_OTHER);
        app.clock.advance(chrono::Duration::days(2));
        assert_eq!(comment(&app, &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(stored(&app).await.len(), 1);
    }
}

engine_test! {
    async fn commenters_may_be_remembered_by_their_browser(app: TestApp) {
        let (app, _) = with_article(app, &[]).await;
        let remembered = comment(&app, &[("remember", "yes"), ("url", "https://amina.example")]).await;
        let cookie = remembered.header("set-cookie").expect("a cookie");
        assert!(cookie.starts_with("rotative_commenter=name=Amina&email=amina%40example%2Ema&url=https%3A%2F%2Famina%2Eexample"), "{cookie}");
        assert!(cookie.contains("Max-Age=31536000"));
        let forgotten = comment(&app, &[]).await;
        assert!(forgotten.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")));
        // The page itself stays shared: it is filled from the cookie by its script.
        assert!(app.get(ARTICLE).await.body.contains("rotative_commenter="));
    }
}

engine_test! {
    async fn two_hundred_comments_sent_at_once_are_all_stored_once(app: TestApp) {
        let (app, id) = with_article(app, &[("comments.moderation", "none"), ("comments.rate_limit", "1000")]).await;
        let token = hidden(&app.get(ARTICLE).await.body, "token");
        app.clock.advance(chrono::Duration::seconds(10));
        let app = std::sync::Arc::new(app);
        let mut sends = tokio::task::JoinSet::new();
        for n in 0..200 {
            let (app, token) = (app.clone(), token.clone());
            sends.spawn(async move {
                let text = format!("Commentaire numéro {n}");
                app.post_form(ARTICLE, &[("comment", &text), ("author", "Foule"), ("email", "foule@example.ma"), ("token", &token)]).await.status
            });
        }
        while let Some(status) = sends.join_next().await {
            assert_eq!(status.expect("the task ran"), StatusCode::SEE_OTHER);
        }
        let all = stored(&app).await;
        let mut texts: Vec<_> = all.iter().map(|c| c.comment.body.clone()).collect();
        texts.sort();
        texts.dedup();
        assert_eq!((all.len(), texts.len()), (200, 200));
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.summary.comment_count, 200);
    }
}
