//! The `rotative` binary as an operator uses it: help, configuration precedence, clear
//! start-up errors, and `serve --demo` answering HTTP on SQLite and PostgreSQL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_rotative");

/// The binary with a clean environment (no ROTATIVE_* from the developer's shell), run in
/// `dir` so no stray rotative.toml is picked up.
fn rotative(dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.current_dir(dir);
    for (name, _) in std::env::vars() {
        if name.starts_with("ROTATIVE_") {
            command.env_remove(name);
        }
    }
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["config", "--help"],
        vec!["search", "reindex", "--help"],
        vec!["export", "json", "--help"],
        vec!["export", "wordpress", "--help"],
        vec!["import", "wordpress", "--help"],
    ] {
        let output = run(rotative(dir.path()).args(&args));
        assert!(output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage: rotative"),
            "{args:?}"
        );
    }
    let serve = run(rotative(dir.path()).args(["serve", "--help"]));
    let text = String::from_utf8_lossy(&serve.stdout);
    for flag in [
        "--listen",
        "--data-dir",
        "--database-url",
        "--demo",
        "--config",
    ] {
        assert!(text.contains(flag), "serve --help lacks {flag}");
    }
}

#[test]
fn bad_settings_stop_start_up_with_one_line_naming_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("unknown.toml"), "colour = \"red\"\n").expect("write");
    type Env = &'static [(&'static str, &'static str)];
    let cases: [(&[&str], Env, &str); 10] = [
        (&["serve", "--listen", "nowhere"], &[], "--listen"),
        (&["serve"], &[("ROTATIVE_LISTEN", "nowhere")], "listen"),
        (&["serve"], &[("ROTATIVE_SITE_LOCALE", "de")], "site.locale"),
        (
            &["serve"],
            &[("ROTATIVE_SITE_TIMEZONE", "Mars/Olympus")],
            "site.timezone",
        ),
        (
            &["serve", "--database-url", "mysql://db/site"],
            &[],
            "database_url",
        ),
        (
            &[
                "serve",
                "--database-url",
                "postgres://postgres@127.0.0.1:1/none",
            ],
            &[],
            "database_url",
        ),
        (&["migrate", "--config", "unknown.toml"], &[], "colour"),
        (
            &["migrate", "--config", "missing.toml"],
            &[],
            "missing.toml",
        ),
        (&["serve"], &[("ROTATIVE_LOG", "rotative=loud")], "log"),
        (
            &["serve"],
            &[("ROTATIVE_WEATHER_CITIES", "Pôle Nord:95:0")],
            "weather.cities",
        ),
    ];
    for (args, env, setting) in cases {
        let output = run(rotative(dir.path()).args(args).envs(env.iter().copied()));
        let message = stderr(&output);
        assert!(!output.status.success(), "{args:?} {env:?} started");
        assert!(message.contains(setting), "{args:?} {env:?}: {message}");
        let lines = message.lines().filter(|l| !l.trim().is_empty()).count();
        let clap_usage = message.contains("For more information, try '--help'");
        assert!(
            lines == 1 || clap_usage,
            "{args:?} {env:?}: not one line: {message}"
        );
    }
}

#[test]
fn flags_win_over_the_environment_which_wins_over_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("rotative.toml"),
        "database_url = \"mysql://file\"\n[site]\nlocale = \"de\"\n",
    )
    .expect("write");
    // The file alone: its locale is refused.
    let output = run(rotative(dir.path()).arg("migrate"));
    assert!(
        stderr(&output).contains("site.locale"),
        "{}",
        stderr(&output)
    );
    // The environment fixes the locale; the file's database URL is now the problem.
    let output = run(rotative(dir.path())
        .arg("migrate")
        .env("ROTATIVE_SITE_LOCALE", "en"));
    assert!(
        stderr(&output).contains("mysql://file"),
        "{}",
        stderr(&output)
    );
    // The environment's database URL wins over the file's…
    let output = run(rotative(dir.path())
        .arg("migrate")
        .env("ROTATIVE_SITE_LOCALE", "en")
        .env("ROTATIVE_DATABASE_URL", "mysql://environment"));
    assert!(
        stderr(&output).contains("mysql://environment"),
        "{}",
        stderr(&output)
    );
    // …and the flag wins over both.
    let output = run(rotative(dir.path())
        .args(["migrate", "--database-url", "sqlite://flag.db"])
        .env("ROTATIVE_SITE_LOCALE", "en")
        .env("ROTATIVE_DATABASE_URL", "mysql://environment"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("flag.db").is_file());
}

#[test]
fn migrate_creates_the_sqlite_database_in_the_data_dir() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(rotative(dir.path()).args(["migrate", "--data-dir", "site-data"]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("site-data/rotative.db").is_file());
}

/// A running `rotative serve`, stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    address: String,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let stderr = child.stderr.take().expect("stderr piped");
        let (sender, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        let address = loop {
            let line = log
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("serve did not start: {seen:#?}"));
            if let Some(rest) = line.split("serving http://").nth(1) {
                break rest.split('/').next().unwrap_or_default().to_owned();
            }
            seen.push(line);
        };
        Server {
            child,
            address,
            log,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.send(&format!("GET {path} HTTP/1.1\r\n"), "")
    }

    /// `POST path` of an url-encoded form body.
    fn post(&self, path: &str, body: &str) -> (u16, String) {
        let head = format!(
            "POST {path} HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n",
            body.len()
        );
        self.send(&head, body)
    }

    fn send(&self, head: &str, body: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "{head}Host: {}\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\r\nConnection: close\r\n\r\n{body}",
            self.address
        )
        .expect("writes");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("reads");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default();
        (status, response)
    }

    /// Sends SIGTERM and returns whether it exited cleanly, with the rest of its log.
    fn stop(mut self) -> (bool, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let status = self.child.wait().expect("exits");
        // Everything it wrote: the reader thread ends at the end of its stderr.
        let rest: Vec<String> = self.log.iter().collect();
        (status.success(), rest.join("\n"))
    }
}

impl Drop for Server {
    /// A failing test must not leave its server running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

const SEED: &str = "/politique/le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale/";

/// A stand-in for Open-Meteo on 127.0.0.1: 23.4 °C under a clear sky, wherever asked.
fn fake_weather() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut request = [0_u8; 4096];
            let _ = stream.read(&mut request);
            let body = r#"{"current":{"temperature_2m":23.4,"weather_code":0}}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{address}")
}

/// `serve --demo`, its weather (Marrakech's, with no city configured) from a local fake.
fn serve_demo(dir: &Path, database_url: Option<&str>) -> Server {
    let mut command = rotative(dir);
    command.env("ROTATIVE_WEATHER_BASE_URL", fake_weather());
    command.args([
        "serve",
        "--demo",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        "data",
    ]);
    if let Some(url) = database_url {
        command.args(["--database-url", url]);
    }
    Server::start(command)
}

fn check_demo_site(server: &Server) {
    let (status, home) = server.get("/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("Marrakech Info"));
    let (status, article) = server.get(SEED);
    assert_eq!(status, 200);
    assert!(article.contains("Le Maroc et le Kazakhstan renforcent leur coopération bilatérale"));
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert!(health.ends_with("ok"));
    // The weather is fetched in the background at start: it appears within moments.
    let weather = "<span class=\"weather-temp\">23\u{202f}°C</span>";
    let mut shown = false;
    for _ in 0..100 {
        let (_, home) = server.get("/");
        if home.contains(weather) && home.contains("<span class=\"weather-name\">Marrakech</span>")
        {
            shown = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(shown, "the demo's weather did not appear");
}

#[test]
fn serve_demo_runs_the_demo_site_on_sqlite_and_keeps_existing_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = serve_demo(dir.path(), None);
    check_demo_site(&server);
    let (clean, _) = server.stop();
    assert!(clean, "serve did not exit cleanly on SIGTERM");
    assert!(dir.path().join("data/rotative.db").is_file());

    let server = serve_demo(dir.path(), None);
    let (status, article) = server.get(SEED);
    assert_eq!(status, 200);
    // The views counted during the first run are still there: the demo was not reloaded.
    assert!(
        article.contains(r#"<span class="view-count">33</span>"#),
        "{article}"
    );
    let (clean, log) = server.stop();
    assert!(clean);
    assert!(!log.contains("demo site loaded"), "{log}");
}

#[test]
fn serve_runs_the_same_site_on_postgresql() {
    let Ok(admin_url) = std::env::var("ROTATIVE_TEST_DATABASE_URL") else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED cli::serve_runs_the_same_site_on_postgresql: set ROTATIVE_TEST_DATABASE_URL"
        );
        return;
    };
    let database = format!("rotative_cli_{}", std::process::id());
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url)
        .to_owned();
    let psql = |sql: &str| {
        let status = Command::new("psql")
            .args([admin_url.as_str(), "-q", "-c", sql])
            .status()
            .expect("psql runs");
        assert!(status.success(), "{sql}");
    };
    psql(&format!("DROP DATABASE IF EXISTS {database}"));
    psql(&format!("CREATE DATABASE {database}"));
    let dir = tempfile::tempdir().expect("temp dir");
    let server = serve_demo(dir.path(), Some(&format!("{base}/{database}")));
    check_demo_site(&server);
    let (clean, _) = server.stop();
    psql(&format!("DROP DATABASE IF EXISTS {database}"));
    assert!(clean);
    assert!(
        !dir.path().join("data/rotative.db").exists(),
        "SQLite was used"
    );
}

#[test]
fn demo_generate_fills_the_database_and_refuses_bad_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(rotative(dir.path()).args([
        "demo",
        "generate",
        "--articles",
        "300",
        "--data-dir",
        "data",
    ]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("added 300 articles"));
    let server = serve_demo(dir.path(), None);
    let (status, page) = server.get("/politique/page/2/");
    assert_eq!(status, 200, "{page}");
    let (clean, _) = server.stop();
    assert!(clean);
    let bad = run(rotative(dir.path()).args(["demo", "generate", "--articles", "many"]));
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--articles"), "{}", stderr(&bad));
}

#[test]
fn accounts_are_created_from_the_command_line_and_log_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let user = |args: &[&str], stdin: &str| {
        let mut child = rotative(dir.path())
            .arg("user")
            .args(args)
            .args(["--data-dir", "data"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // A command that refuses its arguments exits before reading: the pipe is closed.
        if let Err(error) = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
        {
            assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
        }
        child.wait_with_output().expect("finishes")
    };
    let add = |email: &str, role: &str| {
        vec![
            "add".to_owned(),
            "--email".to_owned(),
            email.to_owned(),
            "--name".to_owned(),
            format!("Nom {email}"),
            "--role".to_owned(),
            role.to_owned(),
            "--password-stdin".to_owned(),
        ]
    };
    let run_add = |email: &str, role: &str, password: &str| {
        let args = add(email, role);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        user(&args, password)
    };
    for (email, role, password, message) in [
        (
            "pas-une-adresse",
            "admin",
            "une phrase assez longue\n",
            "is not an e-mail address",
        ),
        (
            "a@example.ma",
            "chef",
            "une phrase assez longue\n",
            "is not admin, editor, author or contributor",
        ),
        ("a@example.ma", "admin", "court\n", "at least 10 characters"),
    ] {
        let output = run_add(email, role, password);
        assert!(!output.status.success());
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
    let created = run_add("chef@example.ma", "admin", "une longue phrase secrète\n");
    assert!(created.status.success(), "{}", stderr(&created));
    let twice = run_add("Chef@example.ma", "editor", "une longue phrase secrète\n");
    assert!(
        stderr(&twice).contains("already exists"),
        "{}",
        stderr(&twice)
    );
    let no_terminal = user(
        &[
            "add",
            "--email",
            "b@example.ma",
            "--name",
            "B",
            "--role",
            "author",
        ],
        "",
    );
    assert!(stderr(&no_terminal).contains("--password-stdin"));

    let mut command = rotative(dir.path());
    command.args(["serve", "--listen", "127.0.0.1:0", "--data-dir", "data"]);
    let server = Server::start(command);
    let (status, _) = server.post("/admin/login", "email=chef%40example.ma&password=mauvais");
    assert_eq!(status, 401);
    let login = "email=chef%40example.ma&password=une+longue+phrase+secr%C3%A8te";
    let (status, response) = server.post("/admin/login", login);
    assert_eq!(status, 303, "{response}");
    assert!(response.contains("rotative_session="));
    // A new password, set while the server runs, replaces the old one at once.
    let reset = user(
        &[
            "reset-password",
            "--email",
            "chef@example.ma",
            "--password-stdin",
        ],
        "un tout autre mot de passe\n",
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert_eq!(server.post("/admin/login", login).0, 401);
    let (status, _) = server.post(
        "/admin/login",
        "email=chef%40example.ma&password=un+tout+autre+mot+de+passe",
    );
    assert_eq!(status, 303);
    let (clean, _) = server.stop();
    assert!(clean);
}

#[test]
fn serve_says_how_to_create_the_first_account() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = rotative(dir.path());
    command.args(["serve", "--listen", "127.0.0.1:0", "--data-dir", "data"]);
    let server = Server::start(command);
    let (_, log) = server.stop();
    assert!(log.contains("rotative user add --email"), "{log}");
}

/// A data folder (`data` in the returned folder) holding the demo site and 40 generated
/// articles.
fn generated_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let generate = ["demo", "generate", "--articles", "40", "--data-dir", "data"];
    let output = run(rotative(dir.path()).args(generate));
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

#[test]
fn export_json_writes_everything_in_its_documented_shape() {
    let dir = generated_site();
    let output =
        run(rotative(dir.path()).args(["export", "json", "site.json", "--data-dir", "data"]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("exported 71 articles"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let text = std::fs::read_to_string(dir.path().join("site.json")).expect("written");
    let export: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(export["format"], "rotative-export");
    assert_eq!(export["version"], 1);
    assert_eq!(export["settings"]["name"], "Marrakech Info");
    assert!(
        export["settings"].get("secret").is_none(),
        "the signing secret stays home"
    );
    assert_eq!(export["categories"].as_array().map(Vec::len), Some(6));
    let articles = export["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 71);
    let seed = articles
        .iter()
        .find(|a| a["slug"] == "le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale")
        .expect("the seed article");
    for key in [
        "id",
        "title",
        "excerpt",
        "body_markdown",
        "body_html",
        "status",
        "published_at",
        "updated_at",
        "category",
        "author",
        "tags",
        "view_count",
        "comments_open",
        "lang",
        "sticky",
    ] {
        assert!(seed.get(key).is_some(), "articles carry {key}: {seed}");
    }
    assert_eq!(seed["category"]["slug"], "politique");
    assert!(
        export["comments"].as_array().is_some_and(|c| !c.is_empty()),
        "generated comments"
    );
    assert!(
        export["authors"]
            .as_array()
            .is_some_and(|a| a.iter().all(|a| a.get("password_hash").is_none()))
    );
    assert!(!dir.path().join("site.json.partial").exists());
    // A file that cannot be written: a clear error, nothing left behind.
    let bad = run(rotative(dir.path()).args([
        "export",
        "json",
        "nowhere/site.json",
        "--data-dir",
        "data",
    ]));
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("cannot write nowhere/site.json.partial"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn export_wordpress_writes_wxr_that_reads_back() {
    use rotative_wordpress::{Record, WxrReader};
    let dir = generated_site();
    let output =
        run(rotative(dir.path()).args(["export", "wordpress", "site.xml", "--data-dir", "data"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let records: Vec<Record> = WxrReader::open(&dir.path().join("site.xml"))
        .expect("opens")
        .collect::<Result<_, _>>()
        .expect("a well-formed WXR 1.2 file");
    let Record::Site(site) = &records[0] else {
        panic!("the site first")
    };
    assert_eq!(
        (
            site.wxr_version.as_str(),
            site.title.as_str(),
            site.language.as_str()
        ),
        ("1.2", "Marrakech Info", "fr")
    );
    let items: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Item(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(items.iter().filter(|i| i.post_type == "post").count(), 71);
    let terms = records
        .iter()
        .filter(|r| matches!(r, Record::Term(_)))
        .count();
    assert!(terms >= 6 + 36, "categories and tags: {terms}");
    assert!(
        records
            .iter()
            .any(|r| matches!(r, Record::Author(a) if a.login == "redaction"))
    );
    let seed = items
        .iter()
        .find(|i| i.slug == "le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale")
        .expect("the seed article");
    assert_eq!(seed.status, "publish");
    assert_eq!(
        seed.link,
        "http://127.0.0.1:8080/politique/le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale/"
    );
    assert!(seed.content.contains("<h2"), "the rendered HTML");
    assert!(
        seed.meta("_rotative_markdown")
            .is_some_and(|m| m.contains("## Une coopération politique renforcée"))
    );
    assert!(
        seed.terms
            .iter()
            .any(|t| t.domain == "category" && t.slug == "politique")
    );
    assert!(
        items
            .iter()
            .flat_map(|i| &i.comments)
            .any(|c| c.approved == "1"),
        "comments come along"
    );
}

/// The generations in `{data}/search` (folders named `index-…`).
fn generations(search: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(search)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("index-"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn search_reindex_rebuilds_the_index_even_while_the_server_runs() {
    let dir = generated_site();
    let reindex = || run(rotative(dir.path()).args(["search", "reindex", "--data-dir", "data"]));
    let first = reindex();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("indexed 71 articles"),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    let search = dir.path().join("data/search");
    let built = generations(&search);
    assert_eq!(built.len(), 1, "{built:?}");
    let current = std::fs::read_to_string(search.join("CURRENT")).expect("CURRENT");
    assert_eq!(current.trim(), built[0]);

    let server = serve_demo(dir.path(), None);
    let (status, page) = server.get("/recherche?q=Tokaiev");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(SEED), "{page}");

    // Again while the server runs: it switches to the new index and drops the old one.
    let second = reindex();
    assert!(second.status.success(), "{}", stderr(&second));
    let mut switched = false;
    for _ in 0..100 {
        let now = generations(&search);
        if now.len() == 1 && now != built {
            switched = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(switched, "still {:?}", generations(&search));
    let (status, page) = server.get("/recherche?q=Tokaiev");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(SEED), "{page}");
    let (clean, log) = server.stop();
    assert!(clean, "{log}");
}

#[test]
fn import_wordpress_works_while_the_server_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = serve_demo(dir.path(), None);
    let (status, _) = server.get("/2025/03/20/maroc-kazakhstan/");
    assert_eq!(status, 404, "not imported yet");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wordpress/site.xml");
    let import = run(rotative(dir.path())
        .args(["import", "wordpress"])
        .arg(&file)
        .args(["--data-dir", "data"]));
    assert!(import.status.success(), "{}", stderr(&import));
    let report = String::from_utf8_lossy(&import.stdout);
    assert!(report.contains("posts               7"), "{report}");
    // Not a terminal: the progress comes as plain lines.
    assert!(
        stderr(&import).contains("rotative: 11/11 items"),
        "{}",
        stderr(&import)
    );
    let (status, response) = server.get("/2025/03/20/maroc-kazakhstan/");
    assert_eq!(status, 301, "{response}");
    assert!(
        response.contains("location: /diplomatie/maroc-kazakhstan/"),
        "{response}"
    );
    let (status, page) = server.get("/diplomatie/maroc-kazakhstan/");
    assert_eq!(status, 200);
    assert!(page.contains("Le Maroc et le Kazakhstan renforcent leur coopération"));
    let (clean, log) = server.stop();
    assert!(clean, "{log}");
}
