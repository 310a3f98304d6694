//! A headless Chromium driven by chromedriver, pointed at the app served on 127.0.0.1.

use fantoccini::{Client, ClientBuilder, Locator};
use rotative_test_support::TestApp;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The browser, the server it talks to, and the driver process. Dropping it kills the
/// driver's whole process group, the Chromium it started included (a session never closed
/// would otherwise leave Chromium running after the tests).
pub struct Browser {
    client: Client,
    /// The app's address: `http://127.0.0.1:{port}`.
    pub base: String,
    driver: Child,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The driver leads its own group (see `start`): `kill -- -PGID` ends it and every
        // process it started, without code that reaches for signals itself.
        let group = format!("-{}", self.driver.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !killed.is_ok_and(|status| status.success()) {
            let _ = self.driver.kill();
        }
        let _ = self.driver.wait();
    }
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Serves the app on a loopback port and opens a browser on it.
    pub async fn start(app: &TestApp) -> Browser {
        assert!(
            std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists(),
            "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (.ci/run does)"
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = app.state.clone();
        tokio::spawn(
            async move { rotative_web::serve(listener, state, std::future::pending()).await },
        );

        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR"],
            }),
        );
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        base,
                        driver,
                    };
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not answer: {last_error}");
    }

    /// Opens a path of the app.
    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("page opens");
    }

    /// The page's HTML as the browser has it now.
    pub async fn source(&self) -> String {
        self.client.source().await.expect("page source")
    }

    /// The address shown.
    pub async fn url(&self) -> String {
        self.client.current_url().await.expect("url").to_string()
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} is on the page: {e}"))
    }

    /// Types into a field (or chooses a file for a file input).
    pub async fn fill(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.expect("typed");
    }

    /// Empties a field.
    pub async fn clear(&self, css: &str) {
        self.find(css).await.clear().await.expect("cleared");
    }

    /// Chooses the option with this visible text.
    pub async fn select(&self, css: &str, label: &str) {
        self.find(css)
            .await
            .select_by_label(label)
            .await
            .unwrap_or_else(|e| panic!("{label} is an option of {css}: {e}"));
    }

    /// Sets a field's value as a date picker would (and tells the page it changed).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.client
            .execute(
                "const f = document.querySelector(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));",
                vec![serde_json::json!(css), serde_json::json!(value)],
            )
            .await
            .expect("value set");
    }

    /// A field's current value.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value read")
            .unwrap_or_default()
    }

    /// Clicks an element.
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("clicked");
    }

    /// Submits the form a field belongs to, as pressing its button would, and waits for
    /// the next page.
    pub async fn submit(&self, css: &str) {
        self.client
            .execute(
                "const f = document.querySelector(arguments[0]).form; (f.querySelector('button[type=submit]') || f).click();",
                vec![serde_json::json!(css)],
            )
            .await
            .expect("submitted");
        self.client
            .wait()
            .for_element(Locator::Css("body"))
            .await
            .expect("the next page loads");
    }

    /// Waits until an element is on the page (after a click that navigates).
    pub async fn wait_for(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} appears: {e}"));
    }

    /// Runs a script returning a boolean.
    pub async fn eval(&self, script: &str) -> bool {
        self.client
            .execute(script, Vec::new())
            .await
            .expect("script runs")
            .as_bool()
            .unwrap_or(false)
    }

    /// Runs a script returning a string.
    pub async fn eval_text(&self, script: &str) -> String {
        self.client
            .execute(script, Vec::new())
            .await
            .expect("script runs")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Runs a script returning any JSON value (numbers, objects…).
    pub async fn eval_json(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, Vec::new())
            .await
            .expect("script runs")
    }

    /// A PNG of what the window shows.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("screenshot taken")
    }

    /// Moves into the first frame matching `css` (scripts then run inside it).
    pub async fn enter_frame(&self, css: &str) {
        self.find(css)
            .await
            .enter_frame()
            .await
            .expect("frame entered");
    }

    /// Moves back to the page holding the current frame.
    pub async fn leave_frame(&self) {
        self.client.enter_parent_frame().await.expect("frame left");
    }

    /// Reloads the page.
    pub async fn refresh(&self) {
        self.client.refresh().await.expect("reloaded");
    }

    /// Waits until an element has some text.
    pub async fn wait_for_text(&self, css: &str, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let text = self.find(css).await.text().await.unwrap_or_default();
            if !text.trim().is_empty() {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{css} stayed empty for {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}
