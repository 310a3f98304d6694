//! Test helpers: a [`TestApp`] over a fresh database on either engine in one line, data
//! builders, and [`engine_test!`] to run one test body on SQLite and on PostgreSQL; fake
//! services on 127.0.0.1 ([`FakeS3`], [`FakeWeather`]).
//!
//! PostgreSQL tests use the server named by `ROTATIVE_TEST_DATABASE_URL` (each test in a
//! schema of its own, dropped afterwards); without it they report that they were skipped,
//! by name, and pass.

mod builders;
mod fake_s3;
mod fake_weather;
mod postgres;

pub use builders::{ArticleBuilder, draft};
pub use fake_s3::FakeS3;
pub use fake_weather::{FakeWeather, WeatherAnswer};

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use rotative_core::{ManualClock, Timestamp};
use rotative_store::Store;
use rotative_theme::Theme;
use rotative_web::AppState;
use std::sync::Arc;
use tower::ServiceExt;
use tower::util::BoxCloneSyncService;

/// Runs an async test body once per engine: `name::sqlite` and `name::postgres`.
///
/// ```ignore
/// engine_test! {
///     async fn home_page_answers(app: TestApp) {
///         assert_eq!(app.get("/").await.status, 200);
///     }
/// }
/// ```
#[macro_export]
macro_rules! engine_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident: $ty:ty) $body:block) => {
        $(#[$meta])*
        async fn $name($app: $ty) $body

        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::TestApp::sqlite().await).await
            }

            #[tokio::test]
            async fn postgres() {
                let name = concat!(module_path!(), "::postgres");
                if let Some(app) = $crate::TestApp::postgres(name).await {
                    super::$name(app).await
                }
            }
        }
    };
}

/// The user agent of test requests: a browser, whose views count.
pub const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

/// The address test requests come from, unless they say otherwise.
pub const READER_IP: &str = "203.0.113.7";

/// Url-encodes form fields.
pub fn encode_form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", percent(name), percent(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The argon2id hash of a password, with parameters cheap enough for tests.
pub fn cheap_password_hash(password: &str) -> String {
    use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version};
    let params = Params::new(64, 1, 1, None).expect("valid parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_with_salt(password.as_bytes(), b"rotative-test-salt")
        .expect("hashes")
        .to_string()
}

/// Decodes the HTML escapes templates write, to compare text as readers see it.
pub fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The time a [`TestApp`]'s clock shows at first: after every demo article.
pub fn default_now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 4, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The application over a fresh database, with a clock the test controls.
pub struct TestApp {
    /// The state handlers share.
    pub state: AppState,
    /// The clock (starts at [`default_now`]).
    pub clock: Arc<ManualClock>,
    router: BoxCloneSyncService<Request<Body>, axum::response::Response, std::convert::Infallible>,
    _database: Database,
}

enum Database {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres(#[allow(dead_code)] postgres::Schema),
    /// A [`Scratch`] database, which its owner drops.
    Scratch,
    /// The database of another app ([`TestApp::with_theme`]), which that app drops.
    Shared,
}

/// A database of its own for a test that runs the `rotative` binary on it, then looks at
/// the result through [`Scratch::app`]: a SQLite file in a temporary folder, or a new
/// PostgreSQL database (dropped with this value).
pub struct Scratch {
    /// The URL to give the binary (`--database-url`).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _pg: Option<postgres::ScratchPg>,
}

impl Scratch {
    /// A SQLite file.
    pub fn sqlite() -> Scratch {
        let dir = tempfile::tempdir().expect("temporary folder");
        Scratch {
            url: format!("sqlite://{}", dir.path().join("rotative.db").display()),
            _dir: Some(dir),
            _pg: None,
        }
    }

    /// A PostgreSQL database; `None` when the tests have no server.
    pub async fn postgres(test_name: &str) -> Option<Scratch> {
        let pg = postgres::ScratchPg::create(test_name).await?;
        Some(Scratch {
            url: pg.url.clone(),
            _dir: None,
            _pg: Some(pg),
        })
    }

    /// The site on this database, as a fresh server would start on it.
    pub async fn app(&self) -> TestApp {
        let dir = std::env::temp_dir();
        let url = rotative_store::DatabaseUrl::parse(&self.url, &dir).expect("URL parses");
        let store = rotative_store::connect(&url).await.expect("database opens");
        TestApp::build(store, Database::Scratch).await
    }
}

/// Runs a test body taking a [`Scratch`] database once per engine: `name::sqlite` and
/// `name::postgres`.
#[macro_export]
macro_rules! scratch_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident: Scratch) $body:block) => {
        $(#[$meta])*
        async fn $name($db: $crate::Scratch) $body

        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Scratch::sqlite()).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let name = concat!(module_path!(), "::postgres");
                if let Some(db) = $crate::Scratch::postgres(name).await {
                    super::$name(db).await
                }
            }
        }
    };
}

async fn state(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
    options: rotative_web::Options,
) -> AppState {
    let theme = Theme::load(None).expect("the default theme loads");
    state_with_theme(store, clock, options, theme).await
}

async fn state_with_theme(
    store: Arc<dyn Store>,
    clock: Arc<ManualClock>,
    options: rotative_web::Options,
    theme: Theme,
) -> AppState {
    AppState::new(store, theme, clock, options)
        .await
        .expect("state builds")
}

/// Builds the search index when it needs building and catches up, as the search job's
/// first pass does at start.
async fn search_pass(state: &AppState) {
    rotative_web::search::catch_up(state)
        .await
        .expect("search index built");
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body, as text.
    pub body: String,
    /// Its body, as sent.
    pub bytes: Vec<u8>,
}

impl TestResponse {
    /// A header's value as text, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    /// An app on a new SQLite file in a temporary folder.
    pub async fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = rotative_store::sqlite::SqliteStore::open(&dir.path().join("test.db"))
            .await
            .expect("SQLite opens");
        TestApp::build(Arc::new(store), Database::Sqlite(dir)).await
    }

    /// An app on a new schema of the PostgreSQL server named by
    /// `ROTATIVE_TEST_DATABASE_URL`; `None`, after saying so, when it is not set.
    pub async fn postgres(test_name: &str) -> Option<TestApp> {
        let (store, schema) = postgres::fresh_store(test_name).await?;
        Some(TestApp::build(Arc::new(store), Database::Postgres(schema)).await)
    }

    async fn build(store: Arc<dyn Store>, database: Database) -> TestApp {
        store.migrate().await.expect("migrations apply");
        let clock = Arc::new(ManualClock::new(default_now()));
        let state = state(store, clock.clone(), rotative_web::Options::default()).await;
        search_pass(&state).await;
        TestApp {
            router: rotative_web::boxed_app(state.clone()),
            state,
            clock,
            _database: database,
        }
    }

    /// The same database and clock behind a new app set up with `options` (as a restart
    /// with another configuration would be).
    pub async fn with_options(self, options: rotative_web::Options) -> TestApp {
        let app = self.with_options_before_search_pass(options).await;
        search_pass(&app.state).await;
        app
    }

    /// [`TestApp::with_options`] as the server is before the search job's first pass: an
    /// index that needs building is not built yet.
    pub async fn with_options_before_search_pass(self, options: rotative_web::Options) -> TestApp {
        let store = self.state.store_arc();
        let state = state(store, self.clock.clone(), options).await;
        TestApp {
            router: rotative_web::boxed_app(state.clone()),
            state,
            ..self
        }
    }

    /// The same database and clock behind a new app with another theme (as a restart with
    /// a theme folder would be).
    pub async fn with_theme(&self, theme: Theme) -> TestApp {
        let options = rotative_web::Options::default();
        let state =
            state_with_theme(self.state.store_arc(), self.clock.clone(), options, theme).await;
        rotative_web::ads::reload(&state).await.expect("ads reload");
        search_pass(&state).await;
        TestApp {
            router: rotative_web::boxed_app(state.clone()),
            state,
            clock: self.clock.clone(),
            _database: Database::Shared,
        }
    }

    /// Loads the demo site.
    pub async fn with_demo(self) -> TestApp {
        rotative_demo::load_if_empty(self.store(), self.now())
            .await
            .expect("demo content loads");
        self.state.reload_settings().await.expect("settings reload");
        rotative_web::ads::reload(&self.state)
            .await
            .expect("ads reload");
        rotative_web::search::rebuild(&self.state)
            .await
            .expect("search index built");
        self
    }

    /// What the app's clock shows.
    pub fn now(&self) -> Timestamp {
        rotative_core::Clock::now(self.clock.as_ref())
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.state.store()
    }

    /// Stores a site setting and makes the app use it.
    pub async fn set_setting(&self, key: &str, value: &str) {
        self.store()
            .put_setting(key, value)
            .await
            .expect("setting stored");
        self.state.reload_settings().await.expect("settings reload");
    }

    /// Sends a request to the router.
    pub async fn request(&self, mut request: Request<Body>) -> TestResponse {
        type Peer = axum::extract::ConnectInfo<std::net::SocketAddr>;
        if request.extensions().get::<Peer>().is_none() {
            let peer = std::net::SocketAddr::from(([203, 0, 113, 7], 50000));
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router always answers");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body reads").to_bytes();
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Method::GET, path).await
    }

    /// A request with no body, from a browser.
    pub async fn send(&self, method: Method, path: &str) -> TestResponse {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("user-agent", BROWSER)
            .body(Body::empty())
            .expect("valid request");
        self.request(request).await
    }

    /// `GET path` with extra headers (no user agent unless given).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::builder().uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.request(request.body(Body::empty()).expect("valid request"))
            .await
    }

    /// `POST path` of a form, from a browser at [`READER_IP`].
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.post_form_from(READER_IP, path, fields).await
    }

    /// `POST path` of a form from a browser at `ip`, with the session cookie if logged in.
    pub async fn post_form_from(
        &self,
        ip: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let body = encode_form(fields);
        self.post_raw(ip, path, body.into_bytes(), &[]).await
    }

    /// `POST path` with a raw form body and extra headers, from a browser at `ip`.
    pub async fn post_raw(
        &self,
        ip: &str,
        path: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let peer: std::net::SocketAddr = format!("{ip}:50000")
            .parse()
            .or_else(|_| format!("[{ip}]:50000").parse())
            .expect("a valid address");
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("user-agent", BROWSER)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("valid request");
        for (name, value) in headers {
            let name = axum::http::HeaderName::from_bytes(name.as_bytes()).expect("a header name");
            let value = axum::http::HeaderValue::from_str(value).expect("a header value");
            request.headers_mut().insert(name, value);
        }
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        self.request(request).await
    }

    /// Creates an account that can log in (its password hashed cheaply).
    pub async fn account(
        &self,
        email: &str,
        name: &str,
        role: rotative_core::Role,
        password: &str,
    ) -> rotative_core::UserId {
        let author = rotative_core::NewAuthor {
            slug: rotative_core::Slug::from_title(name).expect("the name gives a slug"),
            display_name: name.to_owned(),
            email: Some(email.to_owned()),
            bio: String::new(),
            role,
        };
        let id = self
            .store()
            .create_author(&author, self.now())
            .await
            .expect("account created");
        self.store()
            .set_password(id, &cheap_password_hash(password))
            .await
            .expect("password set");
        id
    }

    /// Logs in through the login form; returns the session cookie (`name=value`).
    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .post_form("/admin/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "login fails: {}",
            response.body
        );
        let cookie = response.header("set-cookie").expect("a session cookie");
        cookie.split(';').next().unwrap_or_default().to_owned()
    }

    /// Writes the views counted in memory to the database, as the job does.
    pub async fn flush_views(&self) -> i64 {
        rotative_web::jobs::flush_views::run_once(&self.state)
            .await
            .expect("views flushed")
    }

    /// Starts an article to create.
    pub fn article(&self, title: &str) -> ArticleBuilder<'_> {
        ArticleBuilder::new(self, title)
    }
}
