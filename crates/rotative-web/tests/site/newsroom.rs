//! The newsroom's writing screens: the editor and what each role may do with it, the
//! article list, revisions, preview links and autosave.

use crate::comments::hidden;
use axum::http::StatusCode;
use rotative_core::{ArticleId, ArticleStatus, Role};
use rotative_test_support::{READER_IP, TestApp, TestResponse, engine_test};

const PASSWORD: &str = "un mot de passe assez long";

/// A logged-in member: their session cookie and CSRF token.
pub struct Member {
    /// The session cookie.
    pub session: String,
    csrf: String,
    id: rotative_core::UserId,
}

/// Logs a new member with this role in.
pub async fn member(app: &TestApp, role: Role, name: &str) -> Member {
    let email = format!("{}@example.ma", name.to_lowercase());
    let id = app.account(&email, name, role, PASSWORD).await;
    let session = app.login(&email, PASSWORD).await;
    let page = app
        .get_with("/admin/articles/new", &[("cookie", &session)])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    Member {
        csrf: hidden(&page.body, "csrf"),
        session,
        id,
    }
}

impl Member {
    /// A page, logged in.
    pub async fn get(&self, app: &TestApp, path: &str) -> TestResponse {
        app.get_with(path, &[("cookie", &self.session)]).await
    }

    /// Sends a form with the session's CSRF token.
    pub async fn post(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = rotative_test_support::encode_form(&all);
        app.post_raw(
            READER_IP,
            path,
            body.into_bytes(),
            &[("cookie", &self.session)],
        )
        .await
    }

    /// Saves the editor (new article when `id` is `None`) with these fields over defaults.
    async fn save(
        &self,
        app: &TestApp,
        id: Option<ArticleId>,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let category = app.category_named("Politique").await.to_string();
        let author = self.id.to_string();
        let mut all: Vec<(&str, &str)> = vec![
            ("title", "Un nouvel article"),
            ("body", "Premier paragraphe.\n\n## Un intertitre\n\nSuite."),
            ("category", &category),
            ("author", &author),
            ("status", "draft"),
            ("comments_open", "yes"),
        ];
        for (name, value) in fields {
            all.retain(|(n, _)| n != name);
            all.push((name, value));
        }
        let path = match id {
            Some(id) => format!("/admin/articles/{id}"),
            None => "/admin/articles/new".to_owned(),
        };
        self.post(app, &path, &all).await
    }
}

/// The id a save redirected to.
fn saved_id(response: &TestResponse) -> ArticleId {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.header("location").unwrap_or_default();
    let id = location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("redirected to the editor");
    ArticleId(id)
}

async fn status_of(app: &TestApp, id: ArticleId) -> ArticleStatus {
    app.store()
        .article_by_id(id)
        .await
        .expect("read")
        .expect("exists")
        .status
}

engine_test! {
    async fn each_role_writes_what_it_may_and_no_more(app: TestApp) {
        let contributor = member(&app, Role::Contributor, "Pigiste").await;
        let author = member(&app, Role::Author, "Auteure").await;
        let editor = member(&app, Role::Editor, "Cheffe").await;

        // A contributor writes drafts, and may not publish them.
        let draft = saved_id(&contributor.save(&app, None, &[("title", "Brouillon du pigiste")]).await);
        assert_eq!(status_of(&app, draft).await, ArticleStatus::Draft);
        assert_eq!(contributor.save(&app, Some(draft), &[("status", "published")]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(contributor.save(&app, None, &[("status", "scheduled")]).await.status, StatusCode::FORBIDDEN);
        let bulk = contributor.post(&app, "/admin/articles", &[("action", "publish"), ("ids", &draft.to_string())]).await;
        assert_eq!(bulk.status, StatusCode::FORBIDDEN);
        assert_eq!(status_of(&app, draft).await, ArticleStatus::Draft);

        // An author publishes their own, but touches nobody else's and signs for nobody.
        let own = saved_id(&author.save(&app, None, &[("title", "Article de Salma"), ("status", "published")]).await);
        assert_eq!(status_of(&app, own).await, ArticleStatus::Published);
        assert_eq!(app.get("/politique/article-de-salma/").await.status, StatusCode::OK);
        assert_eq!(author.get(&app, &format!("/admin/articles/{draft}")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(author.save(&app, Some(draft), &[]).await.status, StatusCode::FORBIDDEN);
        let other = contributor.id.to_string();
        assert_eq!(author.save(&app, None, &[("author", &other)]).await.status, StatusCode::FORBIDDEN);
        // Once published, the contributor's own article is out of their hands… and lists
        // show each writer their own articles only.
        assert_eq!(contributor.get(&app, &format!("/admin/articles/{own}")).await.status, StatusCode::FORBIDDEN);
        let list = contributor.get(&app, "/admin/articles").await;
        assert!(list.body.contains("Brouillon du pigiste") && !list.body.contains("Article de Salma"));

        // An editor edits anything, and may sign it for someone else.
        let signed = editor.save(&app, Some(draft), &[("title", "Brouillon relu"), ("author", &other), ("status", "published")]).await;
        assert_eq!(saved_id(&signed), draft);
        let article = app.store().article_by_id(draft).await.expect("read").expect("exists");
        assert_eq!((article.summary.title.as_str(), article.summary.author.id, article.status), ("Brouillon relu", contributor.id, ArticleStatus::Published));
        // Readers only ever reach the screens through a login.
        assert_eq!(app.get("/admin/articles").await.header("location"), Some("/admin/login"));
    }
}

engine_test! {
    async fn the_editor_explains_each_problem_and_stores_nothing(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        saved_id(&editor.save(&app, None, &[("title", "Titre pris"), ("slug", "titre-pris")]).await);
        for (fields, message) in [
            (vec![("title", "  ")], "Le titre est obligatoire."),
            (vec![("slug", "Pas Valide!")], "L’identifiant ne peut contenir que des lettres minuscules"),
            (vec![("slug", "titre-pris")], "Cet identifiant est déjà pris par un autre article."),
            (vec![("category", "0")], "Choisissez une rubrique."),
            (vec![("published_at", "demain"), ("status", "published")], "Date invalide."),
            (vec![("featured_image", "javascript:alert(1)")], "L’adresse de l’image doit commencer par / ou https://."),
        ] {
            let page = editor.save(&app, None, &fields).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
            assert!(page.body.contains(message), "{message}");
            assert!(page.body.contains("L’article n’a pas été enregistré"));
        }
        for bad in [vec![("status", "deleted")], vec![("author", "99999")]] {
            assert_eq!(editor.save(&app, None, &bad).await.status, StatusCode::BAD_REQUEST);
        }
        let csrf_less = app.post_raw(READER_IP, "/admin/articles/new", b"title=x".to_vec(), &[("cookie", &editor.session)]).await;
        assert_eq!(csrf_less.status, StatusCode::FORBIDDEN);
        // Another token of the same length, the token cut short, the token made longer.
        let mut other = editor.csrf.clone();
        let last = if other.ends_with('A') { "B" } else { "A" };
        other.replace_range(other.len() - 1.., last);
        let short = &editor.csrf[..editor.csrf.len() - 1];
        let long = format!("{}A", editor.csrf);
        for token in [other.as_str(), short, long.as_str(), editor.csrf.as_str()] {
            let form = rotative_test_support::encode_form(&[("csrf", token), ("title", "x")]);
            let sent = app.post_raw(READER_IP, "/admin/articles/new", form.into_bytes(), &[("cookie", &editor.session)]).await;
            if token == editor.csrf {
                // The same form with the true token goes through, to be refused for its
                // missing fields.
                assert_eq!(sent.status, StatusCode::BAD_REQUEST, "{}", sent.body);
            } else {
                assert_eq!(sent.status, StatusCode::FORBIDDEN, "{token}");
            }
        }
        assert_eq!(app.store().count_articles().await.expect("count"), 1);
    }
}

engine_test! {
    async fn a_published_article_keeps_its_old_address_as_a_redirect(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let id = saved_id(&editor.save(&app, None, &[("title", "Premier titre"), ("status", "published")]).await);
        assert_eq!(app.get("/politique/premier-titre/").await.status, StatusCode::OK);
        app.category_named("Sport").await;
        let sport = app.category_named("Sport").await.to_string();
        saved_id(&editor.save(&app, Some(id), &[("title", "Titre corrigé"), ("slug", "titre-corrige"), ("status", "published")]).await);
        saved_id(&editor.save(&app, Some(id), &[("title", "Titre corrigé"), ("slug", "titre-corrige"), ("category", &sport), ("status", "published")]).await);
        for old in ["/politique/premier-titre/", "/politique/titre-corrige/"] {
            let moved = app.get(old).await;
            assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY, "{old}");
            assert_eq!(moved.header("location"), Some("/sport/titre-corrige/"));
        }
        assert_eq!(app.get("/sport/titre-corrige/").await.status, StatusCode::OK);
        // Unpublished, it is gone from every address.
        saved_id(&editor.save(&app, Some(id), &[("title", "Titre corrigé"), ("slug", "titre-corrige"), ("category", &sport), ("status", "draft")]).await);
        assert_eq!(app.get("/politique/premier-titre/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/sport/titre-corrige/").await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn articles_are_scheduled_or_back_dated_by_their_time(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        // 2025-04-01 09:00 UTC is 11:00 in Paris; one hour later, in the site's time zone:
        let later = editor.save(&app, None, &[("title", "Plus tard"), ("status", "published"), ("published_at", "2025-04-01T12:00")]).await;
        let later = saved_id(&later);
        assert_eq!(status_of(&app, later).await, ArticleStatus::Scheduled);
        assert_eq!(app.get("/politique/plus-tard/").await.status, StatusCode::NOT_FOUND);
        app.clock.advance(chrono::Duration::minutes(61));
        assert_eq!(app.get("/politique/plus-tard/").await.status, StatusCode::OK);

        let back = editor.save(&app, None, &[("title", "Archive de mars"), ("status", "published"), ("published_at", "2025-03-02T08:30")]).await;
        saved_id(&back);
        let page = app.get("/politique/archive-de-mars/").await;
        assert!(page.body.contains(r#"datetime="2025-03-02T07:30:00Z">2 mars 2025</time>"#));
    }
}

engine_test! {
    async fn the_list_filters_searches_pages_and_acts_in_bulk(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let mut ids = Vec::new();
        for n in 0..35 {
            let title = format!("Dépêche numéro {n}");
            ids.push(saved_id(&editor.save(&app, None, &[("title", &title)]).await));
        }
        saved_id(&editor.save(&app, None, &[("title", "Grand reportage"), ("status", "published")]).await);
        let drafts = editor.get(&app, "/admin/articles?status=draft").await;
        assert!(drafts.body.contains("Dépêche numéro 34") && !drafts.body.contains("Grand reportage"));
        assert!(drafts.body.contains("Page 1 sur 2"));
        let second = editor.get(&app, "/admin/articles?status=draft&page=2").await;
        assert!(second.body.contains("Dépêche numéro 0<") && !second.body.contains("Dépêche numéro 34"));
        let found = editor.get(&app, "/admin/articles?q=REPORTAGE").await;
        assert!(found.body.contains("Grand reportage") && !found.body.contains("Dépêche"));
        for bad in ["?status=perdu", "?page=0", "?category=abc"] {
            assert_eq!(editor.get(&app, &format!("/admin/articles{bad}")).await.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        let (first, second) = (ids[0].to_string(), ids[1].to_string());
        let done = editor.post(&app, "/admin/articles", &[("action", "publish"), ("ids", &first), ("ids", &second)]).await;
        assert_eq!(done.header("location"), Some("/admin/articles?done=2"));
        assert_eq!(status_of(&app, ids[0]).await, ArticleStatus::Published);
        assert_eq!(app.get("/politique/depeche-numero-1/").await.status, StatusCode::OK);
        editor.post(&app, "/admin/articles", &[("action", "trash"), ("ids", &first)]).await;
        assert_eq!(app.get("/politique/depeche-numero-0/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(editor.post(&app, "/admin/articles", &[("action", "shred"), ("ids", &first)]).await.status, StatusCode::BAD_REQUEST);
    }
}

engine_test! {
    async fn every_save_is_a_revision_that_can_be_compared_and_restored(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let id = saved_id(&editor.save(&app, None, &[("title", "Version une"), ("slug", "versions"), ("body", "Ligne commune.\n\nPremière fin.")]).await);
        editor.save(&app, Some(id), &[("title", "Version deux"), ("slug", "versions"), ("body", "Ligne commune.\n\nDeuxième fin.")]).await;
        let revisions = app.store().revisions(id).await.expect("revisions");
        assert_eq!(revisions.len(), 2);
        assert_eq!(revisions[0].saved_by.as_deref(), Some("Cheffe"));
        let (old, new) = (revisions[1].id.to_string(), revisions[0].id.to_string());
        let compared = editor.get(&app, &format!("/admin/articles/{id}/revisions?a={old}&b={new}")).await;
        assert!(compared.body.contains(r#"<tr class="removed"><td>−</td><td>Première fin.</td></tr>"#), "{}", compared.body);
        assert!(compared.body.contains(r#"<tr class="added"><td>+</td><td>Deuxième fin.</td></tr>"#));
        assert!(compared.body.contains(r#"<tr class="same"><td></td><td>Ligne commune.</td></tr>"#));

        let restored = editor.post(&app, &format!("/admin/articles/{id}/revisions/{old}/restore"), &[]).await;
        assert_eq!(saved_id(&restored), id);
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.summary.title, "Version une");
        assert!(article.body_markdown.contains("Première fin."));
        assert_eq!(app.store().revisions(id).await.expect("revisions").len(), 3, "restoring is a save");
        // A revision of another article is not restored through this one.
        let other = saved_id(&editor.save(&app, None, &[("title", "Autre")]).await);
        assert_eq!(editor.post(&app, &format!("/admin/articles/{other}/revisions/{old}/restore"), &[]).await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn a_secret_link_previews_an_unpublished_article(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let id = saved_id(&editor.save(&app, None, &[("title", "Pas encore publié")]).await);
        assert_eq!(app.get("/politique/pas-encore-publie/").await.status, StatusCode::NOT_FOUND);
        let editor_page = editor.get(&app, &format!("/admin/articles/{id}")).await;
        let start = editor_page.body.find("/preview/").expect("a preview link");
        let link = editor_page.body[start..].split('"').next().unwrap_or_default().to_owned();
        let preview = app.get(&link).await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(preview.body.contains("Pas encore publié"));
        assert_eq!(preview.header("cache-control"), Some("private, no-store"));
        assert_eq!(app.get(&format!("{link}x")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/preview/{id}")).await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn autosave_keeps_drafts_and_never_half_edits_a_published_article(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let draft = saved_id(&editor.save(&app, None, &[("title", "Brouillon"), ("slug", "brouillon")]).await);
        let saved = editor.post(&app, &format!("/admin/articles/{draft}/autosave"), &[("title", "Brouillon"), ("body", "Texte tapé à l’instant")]).await;
        assert_eq!(saved.status, StatusCode::NO_CONTENT);
        let article = app.store().article_by_id(draft).await.expect("read").expect("exists");
        assert_eq!(article.body_markdown, "Texte tapé à l’instant");
        // A title the editor's save refuses is not kept by an autosave either.
        let long = "T".repeat(rotative_core::article::MAX_TITLE_CHARS + 1);
        let refused = editor.post(&app, &format!("/admin/articles/{draft}/autosave"), &[("title", &long), ("body", "Autre texte")]).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.store().article_by_id(draft).await.expect("read").expect("exists").body_markdown, "Texte tapé à l’instant");

        let live = saved_id(&editor.save(&app, None, &[("title", "En ligne"), ("slug", "en-ligne"), ("status", "published"), ("body", "Texte publié.")]).await);
        editor.post(&app, &format!("/admin/articles/{live}/autosave"), &[("title", "En ligne"), ("body", "Texte à moitié")]).await;
        assert!(app.get("/politique/en-ligne/").await.body.contains("Texte publié."));
        let revisions = app.store().revisions(live).await.expect("revisions");
        assert_eq!(revisions[0].body_markdown, "Texte à moitié");
        let body = rotative_test_support::encode_form(&[("title", "x"), ("body", "y")]);
        let forged = app.post_raw(READER_IP, &format!("/admin/articles/{draft}/autosave"), body.into_bytes(), &[("cookie", &editor.session)]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);

        // The live preview renders Markdown, sanitised.
        let preview = editor.post(&app, "/admin/preview", &[("body", "## Intertitre\n\n<script>alert(1)</script>")]).await;
        assert!(preview.body.contains("<h2 id=\"intertitre\">Intertitre</h2>"));
        assert!(!preview.body.contains("<script>"));
    }
}

engine_test! {
    async fn categories_are_created_renamed_reordered_and_deleted_with_redirects(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let author = member(&app, Role::Author, "Auteure").await;
        assert_eq!(author.get(&app, "/admin/categories").await.status, StatusCode::FORBIDDEN);
        app.article("Une dépêche").create().await;
        assert!(app.get("/").await.body.contains(">Politique</a>"));
        let politique = app.category_named("Politique").await;

        let created = editor.post(&app, "/admin/categories", &[("name", "Économie")]).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER);
        assert!(app.get("/").await.body.contains(">Économie</a>"), "the menu shows it at once");
        let economie = app.store().categories().await.expect("categories").into_iter().find(|c| c.slug == "economie").expect("created");

        // Problems come back as messages; nothing changes.
        let p = politique.to_string();
        let e = economie.id.to_string();
        for (fields, message) in [
            (vec![("name", "Économie")], "Cet identifiant est déjà pris"),
            (vec![("name", "Admin"), ("slug", "admin")], "Cet identifiant est réservé aux pages du site"),
            (vec![("name", "Mauvais"), ("slug", "Pas Valide")], "L’identifiant ne peut contenir que"),
            (vec![("name", "")], "Le nom est obligatoire"),
        ] {
            let page = editor.post(&app, "/admin/categories", &fields).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
            assert!(page.body.contains(message), "{message}");
        }
        // A parent cannot sit under its own child.
        editor.post(&app, &format!("/admin/categories/{e}"), &[("name", "Économie"), ("slug", "economie"), ("parent", &p)]).await;
        let loop_ = editor.post(&app, &format!("/admin/categories/{p}"), &[("name", "Politique"), ("slug", "politique"), ("parent", &e)]).await;
        assert!(loop_.body.contains("Cette rubrique parente n’est pas possible."));

        // A new slug: the old addresses answer 301, pages and articles alike.
        let renamed = editor.post(&app, &format!("/admin/categories/{p}"), &[("name", "Politique nationale"), ("slug", "politique-nationale"), ("position", "7")]).await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER);
        for (old, new) in [
            ("/politique/", "/politique-nationale/"),
            ("/politique/page/2/", "/politique-nationale/page/2/"),
            ("/politique/une-depeche/", "/politique-nationale/une-depeche/"),
        ] {
            let moved = app.get(old).await;
            assert_eq!((moved.status, moved.header("location")), (StatusCode::MOVED_PERMANENTLY, Some(new)), "{old}");
        }
        assert!(app.get("/").await.body.contains(">Politique nationale</a>"));

        // Deleting moves the articles; the address leads to where they went.
        assert_eq!(editor.post(&app, &format!("/admin/categories/{p}/delete"), &[]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let deleted = editor.post(&app, &format!("/admin/categories/{p}/delete"), &[("move_to", &e)]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get("/economie/une-depeche/").await.status, StatusCode::OK);
        assert_eq!(app.get("/politique-nationale/").await.header("location"), Some("/economie/"));
        let economie = app.store().categories().await.expect("categories").into_iter().find(|c| c.slug == "economie").expect("kept");
        assert_eq!(economie.parent_id, None, "its sub-categories moved up");
    }
}

engine_test! {
    async fn tags_are_renamed_with_redirects_and_deleted(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let article = app.article("Sécheresse").tags(&["Eau"]).create().await;
        let tag = app.store().article_tags(article).await.expect("tags")[0].id.to_string();
        assert!(editor.get(&app, "/admin/tags").await.body.contains(r#"<a href="/tag/eau/">1</a>"#));
        let renamed = editor.post(&app, &format!("/admin/tags/{tag}"), &[("name", "Ressources en eau"), ("slug", "")]).await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER);
        let moved = app.get("/tag/eau/").await;
        assert_eq!(moved.header("location"), Some("/tag/ressources-en-eau/"));
        assert!(app.get("/politique/secheresse/").await.body.contains("Ressources en eau"));
        assert_eq!(editor.post(&app, &format!("/admin/tags/{tag}/delete"), &[]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get("/tag/ressources-en-eau/").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/tag/eau/").await.status, StatusCode::NOT_FOUND);
        assert!(app.store().article_tags(article).await.expect("tags").is_empty());
        assert_eq!(editor.post(&app, "/admin/tags/999999/delete", &[]).await.status, StatusCode::NOT_FOUND);
    }
}

engine_test! {
    async fn a_tag_whose_slug_is_not_its_names_survives_every_save(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let first = app.article("Demi-finale").tags(&["Coupe du monde"]).create().await;
        let tag = app.store().article_tags(first).await.expect("tags")[0].id;
        // An editor gives the tag a short address (WordPress's imported tags have theirs).
        let renamed = editor.post(&app, &format!("/admin/tags/{tag}"), &[("name", "Coupe du monde"), ("slug", "mondial")]).await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER);
        let shared = &app;
        let tags_of = |id| async move {
            let mut tags: Vec<(i64, String, String)> = shared.store().article_tags(id).await.expect("tags").into_iter().map(|t| (t.id.0, t.slug, t.name)).collect();
            tags.sort();
            tags
        };

        // The editor's field writes names: the one typed is the existing tag, not a new one.
        let id = saved_id(&editor.save(&app, None, &[("title", "Finale"), ("slug", "finale"), ("status", "published"), ("tags", "Coupe du monde, Maroc")]).await);
        let tags = tags_of(id).await;
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert!(tags.contains(&(tag.0, "mondial".to_owned(), "Coupe du monde".to_owned())), "{tags:?}");
        assert!(app.get("/tag/mondial/").await.body.contains("Finale"));
        // Saved again as the editor shows it, autosaved, restored: the same tags each time.
        let editor_page = editor.get(&app, &format!("/admin/articles/{id}")).await;
        assert!(editor_page.body.contains("Coupe du monde, Maroc"), "the field lists the names");
        editor.save(&app, Some(id), &[("title", "Finale"), ("slug", "finale"), ("status", "published"), ("tags", "Coupe du monde, Maroc"), ("body", "Deuxième version.")]).await;
        assert_eq!(tags_of(id).await, tags);
        let draft = saved_id(&editor.save(&app, None, &[("title", "Brouillon"), ("slug", "brouillon"), ("tags", "Coupe du monde")]).await);
        editor.post(&app, &format!("/admin/articles/{draft}/autosave"), &[("title", "Brouillon"), ("body", "Texte tapé")]).await;
        assert_eq!(tags_of(draft).await, vec![(tag.0, "mondial".to_owned(), "Coupe du monde".to_owned())]);
        let old = app.store().revisions(id).await.expect("revisions").last().expect("the first save").id.to_string();
        let restored = editor.post(&app, &format!("/admin/articles/{id}/revisions/{old}/restore"), &[]).await;
        assert_eq!(saved_id(&restored), id);
        assert_eq!(tags_of(id).await, tags);
        let slugs: Vec<String> = app.store().tags_with_counts().await.expect("tags").into_iter().map(|(t, _)| t.slug).collect();
        assert!(!slugs.iter().any(|s| s == "coupe-du-monde"), "no twin made from the name: {slugs:?}");

        // The field separates names with commas: a name with one is refused, and kept.
        let comma = editor.post(&app, &format!("/admin/tags/{tag}"), &[("name", "Coupe du monde, 2030"), ("slug", "mondial")]).await;
        assert_eq!(comma.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(comma.body.contains("ne peut pas contenir de virgule"), "{}", comma.body);
        assert_eq!(tags_of(first).await[0].2, "Coupe du monde");
    }
}

engine_test! {
    async fn admins_change_the_sites_settings_and_they_apply_at_once(app: TestApp) {
        let admin = member(&app, Role::Admin, "Directrice").await;
        let editor = member(&app, Role::Editor, "Cheffe").await;
        assert_eq!(editor.get(&app, "/admin/settings").await.status, StatusCode::FORBIDDEN);
        assert_eq!(editor.post(&app, "/admin/settings", &[("name", "Pirate")]).await.status, StatusCode::FORBIDDEN);
        assert!(app.get("/").await.body.contains("Rotative"));

        let refused = admin.post(&app, "/admin/settings", &[("name", "Le Journal"), ("timezone", "Mars/Olympus"), ("posts_per_page", "0")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Fuseau horaire inconnu"), "{}", refused.body);
        assert!(refused.body.contains("Entrez un nombre entier de 1 à 100."));
        assert!(!app.get("/").await.body.contains("Le Journal"), "nothing is stored when a field is wrong");

        let saved = admin.post(&app, "/admin/settings", &[("name", "Le Journal"), ("tagline", "L’info du Souss"), ("locale", "en"), ("timezone", "Africa/Casablanca")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let home = app.get("/").await;
        assert!(home.body.contains("Le Journal") && home.body.contains("L’info du Souss"));
        assert!(home.body.contains(r#"<html lang="en""#));
        let stored = app.store().settings().await.expect("settings");
        assert!(stored.contains(&("timezone".to_owned(), "Africa/Casablanca".to_owned())));
    }
}

engine_test! {
    async fn admins_set_the_comment_rules_in_the_settings(app: TestApp) {
        let admin = member(&app, Role::Admin, "Directrice").await;
        let page = admin.get(&app, "/admin/settings").await;
        assert!(page.body.contains("Modération des nouveaux commentaires"));
        assert!(page.body.contains(r#"<option value="all" selected>"#));
        let refused = admin.post(&app, "/admin/settings", &[("comments.moderation", "some"), ("comments.thread_depth", "11"), ("comments.require_email", "peut-être")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Choisissez parmi : all, known, none."));
        assert!(refused.body.contains("Entrez un nombre entier de 1 à 10."));
        assert!(refused.body.contains("Choisissez oui ou non."));
        assert_eq!(app.state.settings().comments, rotative_core::CommentRules::default(), "nothing stored");

        app.article("Un article").create().await;
        let saved = admin.post(&app, "/admin/settings", &[("comments.moderation", "none"), ("comments.require_email", "false"), ("comments.min_seconds", "0")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        // Applied at once: a comment without an e-mail address is published straight away.
        let article = app.get("/politique/un-article/").await;
        let token = crate::comments::hidden(&article.body, "token");
        let sent = app.post_form("/politique/un-article/", &[("token", &token), ("comment", "Bravo pour cet article."), ("author", "Karim"), ("email", "")]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        assert!(app.get("/politique/un-article/").await.body.contains("Bravo pour cet article."));
    }
}

engine_test! {
    async fn rules_pinned_in_the_configuration_are_shown_but_not_editable(app: TestApp) {
        let options = rotative_web::Options {
            pinned: vec![("comments.moderation".to_owned(), "known".to_owned())],
            ..rotative_web::Options::default()
        };
        let app = app.with_options(options).await;
        let admin = member(&app, Role::Admin, "Directrice").await;
        let page = admin.get(&app, "/admin/settings").await;
        assert!(page.body.contains(r#"<select id="comments.moderation" name="comments.moderation" disabled>"#), "{}", page.body);
        admin.post(&app, "/admin/settings", &[("comments.moderation", "none")]).await;
        assert_eq!(app.state.settings().comments.moderation, rotative_core::Moderation::Known);
    }
}

engine_test! {
    async fn members_edit_their_own_profile(app: TestApp) {
        let author = member(&app, Role::Author, "Salma").await;
        let id = saved_id(&author.save(&app, None, &[("title", "Signé Salma"), ("status", "published")]).await);
        assert!(app.get("/politique/signe-salma/").await.body.contains(">Salma</a>"));
        let empty = author.post(&app, "/admin/profile", &[("display_name", " "), ("bio", "x")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let saved = author.post(&app, "/admin/profile", &[("display_name", "Salma Idrissi"), ("bio", "Correspondante à Agadir.")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert!(app.get("/politique/signe-salma/").await.body.contains(">Salma Idrissi</a>"), "pages show it at once");
        assert!(app.get("/author/salma/").await.body.contains("Correspondante à Agadir."));
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.summary.author.name, "Salma Idrissi");
    }
}

engine_test! {
    async fn settings_changed_on_one_node_reach_the_others(app: TestApp) {
        // Another node: its own state over the same database.
        let theme = rotative_theme::Theme::load(None).expect("theme");
        let other = rotative_web::AppState::new(app.state.store_arc(), theme, app.clock.clone(), rotative_web::Options::default())
            .await
            .expect("state");
        let admin = member(&app, Role::Admin, "Directrice").await;
        admin.post(&app, "/admin/settings", &[("name", "Le Journal du Souss")]).await;
        assert_eq!(app.state.settings().name, "Le Journal du Souss");
        assert_eq!(other.settings().name, "Rotative", "not yet");
        assert!(rotative_web::jobs::refresh_settings::run_once(&other).await.expect("read"));
        assert_eq!(other.settings().name, "Le Journal du Souss");
        assert!(!rotative_web::jobs::refresh_settings::run_once(&other).await.expect("read"), "nothing more changed");
    }
}

engine_test! {
    async fn long_articles_are_saved_and_oversized_forms_refused(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        // 40,000 accented characters: some 240 KB once percent-encoded.
        let long = "Une très longue enquête, chapitre après chapitre. ".repeat(800);
        let id = saved_id(&editor.save(&app, None, &[("title", "Enquête"), ("body", &long)]).await);
        let article = app.store().article_by_id(id).await.expect("read").expect("exists");
        assert_eq!(article.body_markdown.chars().count(), long.chars().count());
        let too_much = "é".repeat(1 << 20);
        let refused = editor.save(&app, None, &[("title", "Trop"), ("body", &too_much)]).await;
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(app.store().count_articles().await.expect("count"), 1);
    }
}

engine_test! {
    async fn editors_pin_an_article_at_the_top_of_the_home_page(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let author = member(&app, Role::Author, "Auteure").await;
        let old = saved_id(&editor.save(&app, None, &[("title", "Dossier de fond"), ("status", "published"), ("published_at", "2025-01-05T08:00")]).await);
        let new = saved_id(&editor.save(&app, None, &[("title", "Dernière minute"), ("status", "published")]).await);
        let home = app.get("/").await;
        let position = |body: &str, slug: &str| body.find(slug).unwrap_or_else(|| panic!("{slug} on the home page"));
        assert!(position(&home.body, "/politique/derniere-minute/") < position(&home.body, "/politique/dossier-de-fond/"));

        // Pinned by an editor: first on the home page at once (the cached page goes).
        let editor_form = editor.get(&app, &format!("/admin/articles/{old}")).await;
        assert!(editor_form.body.contains("name=\"sticky\""));
        saved_id(&editor.save(&app, Some(old), &[("title", "Dossier de fond"), ("status", "published"), ("published_at", "2025-01-05T08:00"), ("sticky", "yes")]).await);
        let home = app.get("/").await;
        assert!(position(&home.body, "/politique/dossier-de-fond/") < position(&home.body, "/politique/derniere-minute/"), "the pinned article leads");
        assert!(app.store().article_by_id(old).await.expect("read").expect("exists").sticky);

        // An author neither sees the box nor changes it, even by sending the field.
        let own = saved_id(&author.save(&app, None, &[("title", "Article de Salma"), ("status", "published"), ("sticky", "yes")]).await);
        assert!(!app.store().article_by_id(own).await.expect("read").expect("exists").sticky);
        assert!(!author.get(&app, &format!("/admin/articles/{own}")).await.body.contains("name=\"sticky\""));

        // Unpinned: back in date order.
        saved_id(&editor.save(&app, Some(old), &[("title", "Dossier de fond"), ("status", "published"), ("published_at", "2025-01-05T08:00")]).await);
        let home = app.get("/").await;
        assert!(position(&home.body, "/politique/derniere-minute/") < position(&home.body, "/politique/dossier-de-fond/"));
        let _ = new;
    }
}
