//! End to end in a real browser: Debian's headless Chromium, driven through chromedriver,
//! against a server this test starts. Search, open an article, switch to another language
//! edition, open the story; a hostile page runs nothing; the layout fits a phone. Screenshots
//! are kept in `target/e2e-artifacts/`.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages `chromium` and
//! `chromium-driver`; `./scripts/test` installs them when missing). Without them this test
//! fails and says so.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use newsloom_serve::{serve, AppState, ServeConfig};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.len() > 1000, "empty screenshot {name}");
    std::fs::write(artifacts().join(name), png).unwrap();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_browser(profile: &Path) -> (Driver, Client) {
    for bin in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(bin).exists(),
            "{bin} is missing: install Debian's chromium and chromium-driver \
             (`apt-get install chromium chromium-driver`; ./scripts/test does it)"
        );
    }
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let started = Instant::now();
    loop {
        // chromedriver is on loopback: plain HTTP, no TLS stack needed.
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return (driver, client),
            Err(e) if started.elapsed() > Duration::from_secs(60) => {
                panic!("chromedriver did not answer in 60 s: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .text()
        .await
        .unwrap()
}

/// Clicks what `css` finds and waits for the next page to load.
async fn follow(client: &Client, css: &str) {
    let before = client.current_url().await.unwrap();
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css} to click: {e}"))
        .click()
        .await
        .unwrap();
    let started = Instant::now();
    while client.current_url().await.unwrap() == before {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "clicking {css} went nowhere"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("footer.foot"))
        .await
        .unwrap();
}

async fn lang(client: &Client) -> String {
    client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reader_in_chromium() {
    let dir = common::shared_store();
    let hostile = common::id_of(dir, common::HOSTILE_URL);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(
        listener,
        AppState::new(ServeConfig::new(dir.to_path_buf())),
    ));
    let profile = tempfile::tempdir().unwrap();
    let (_driver, client) = start_browser(profile.path()).await;

    // 1. Search from the front page's box.
    client.goto(&base).await.unwrap();
    assert!(text_of(&client, "h1").await.contains("Latest"));
    let input = client
        .find(Locator::Css("form.search input[name=q]"))
        .await
        .unwrap();
    input.send_keys("Westmere").await.unwrap();
    follow(&client, "form.search button").await;
    let heading = text_of(&client, "#results-heading").await;
    assert!(heading.contains("results for"), "{heading}");
    assert!(!client
        .find_all(Locator::Css(".hit mark"))
        .await
        .unwrap()
        .is_empty());
    shot(&client, "01-search.png").await;

    // 2. Open the first English hit.
    follow(&client, ".facet a[href*='lang=en']").await;
    text_of(&client, ".chip").await;
    follow(&client, ".hit h2 a").await;
    let headline = text_of(&client, "article.article h1").await;
    assert!(!headline.is_empty());
    assert_eq!(lang(&client).await, "en");
    assert!(
        !client
            .find_all(Locator::Css(".body a.ent"))
            .await
            .unwrap()
            .is_empty(),
        "no entity marked"
    );
    shot(&client, "02-article.png").await;

    // 3. Switch to another edition held by the corpus.
    let edition = client
        .find(Locator::Css(".editions a[hreflang]:not(.external)"))
        .await
        .expect("an edition in the corpus");
    let target = edition.attr("hreflang").await.unwrap().unwrap();
    follow(&client, ".editions a[hreflang]:not(.external)").await;
    let other = text_of(&client, "article.article h1").await;
    assert_ne!(other, headline);
    assert_eq!(lang(&client).await, target.get(..2).unwrap_or(&target));
    assert_eq!(
        text_of(&client, ".editions .current").await.to_lowercase(),
        target.to_lowercase()
    );
    shot(&client, "03-edition.png").await;

    // 4. Open its story.
    follow(&client, ".story-link a").await;
    assert_eq!(text_of(&client, "#timeline-heading").await, "Timeline");
    assert!(
        client
            .find_all(Locator::Css(".members li"))
            .await
            .unwrap()
            .len()
            >= 2
    );
    shot(&client, "04-story.png").await;

    // 5. A hostile page runs nothing.
    client
        .goto(&format!("{base}/article/{hostile}"))
        .await
        .unwrap();
    text_of(&client, "article.article h1").await;
    assert!(client.get_alert_text().await.is_err(), "an alert opened");
    let pwned = client
        .execute(
            "return window.pwned === undefined && document.scripts.length === 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(pwned, json!(true), "a script ran or was inserted");
    shot(&client, "05-hostile.png").await;

    // 6. On a phone-sized window the article fits the width.
    client.set_window_size(390, 844).await.unwrap();
    client
        .goto(&format!("{base}/search?q=Westmere"))
        .await
        .unwrap();
    text_of(&client, "#results-heading").await;
    let fits = client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "the page scrolls sideways on a phone");
    shot(&client, "06-phone-search.png").await;

    client.close().await.unwrap();
}
