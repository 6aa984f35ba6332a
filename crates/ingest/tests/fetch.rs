//! Polite fetching against a canned server on 127.0.0.1.

mod common;

use common::{html, not_found, reply, run, serve, test_config};
use newsloom_ingest::{Ingester, MemoryValidatorCache, SkipReason, Source, ValidatorCache};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[test]
fn robots_txt_disallow_is_respected_and_the_user_agent_names_newsloom() {
    let server = serve(|path, _, _| match path {
        "/robots.txt" => reply(
            "200 OK",
            &[("Content-Type", "text/plain")],
            "User-agent: *\nDisallow: /private/\n",
        ),
        "/public/a" => html("<p>public</p>"),
        "/private/b" => html("<p>secret</p>"),
        _ => not_found(),
    });
    let sources = vec![
        Source::parse(&format!("{}/public/a", server.base)).expect("url"),
        Source::parse(&format!("{}/private/b", server.base)).expect("url"),
    ];
    let (docs, errors, stats) = run(sources, test_config());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].source, format!("{}/public/a", server.base));
    assert_eq!(docs[0].url.as_deref(), Some(docs[0].source.as_str()));
    assert_eq!(docs[0].http_charset.as_deref(), Some("utf-8"));
    assert!(docs[0].fetched_at.is_some());
    assert_eq!(stats.skipped(SkipReason::RobotsTxt), 1);
    assert!(
        server.requests("/private/b").is_empty(),
        "a disallowed URL was fetched"
    );
    // robots.txt fetched once for the host, not once per URL.
    assert_eq!(server.requests("/robots.txt").len(), 1);
    for seen in server.all() {
        assert!(
            seen.head.contains("user-agent: newsloom/")
                && seen.head.contains("(+https://example.invalid/newsloom)"),
            "{}",
            seen.head
        );
    }
}

#[test]
fn a_429_is_retried_with_backoff_then_succeeds() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let server = serve(move |path, _, _| match path {
        "/flaky" if counter.fetch_add(1, Ordering::SeqCst) == 0 => {
            reply("429 Too Many Requests", &[("Retry-After", "0")], "")
        }
        "/flaky" => html("<p>ok</p>"),
        "/down" => reply("503 Service Unavailable", &[], ""),
        _ => not_found(),
    });
    let mut config = test_config();
    config.fetch.max_retries = 2;
    let sources = vec![
        Source::parse(&format!("{}/flaky", server.base)).expect("url"),
        Source::parse(&format!("{}/down", server.base)).expect("url"),
    ];
    let (docs, errors, stats) = run(sources, config);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].bytes, b"<p>ok</p>");
    assert_eq!(server.requests("/flaky").len(), 2);
    // 1 try + 2 retries, then a failure naming the URL and the status.
    assert_eq!(server.requests("/down").len(), 3);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("/down") && errors[0].contains("503"),
        "{errors:?}"
    );
    assert_eq!(stats.failed.len(), 1);
    assert_eq!(stats.read, 1);
}

#[test]
fn validators_are_sent_back_and_304_is_skipped_as_not_modified() {
    let server = serve(|path, head, _| match path {
        "/v" if head.contains("if-none-match: \"abc\"") => {
            reply("304 Not Modified", &[("ETag", "\"abc\"")], "")
        }
        "/v" => reply(
            "200 OK",
            &[
                ("Content-Type", "text/html"),
                ("ETag", "\"abc\""),
                ("Last-Modified", "Tue, 02 Jan 2024 10:00:00 GMT"),
            ],
            "<p>v1</p>",
        ),
        _ => not_found(),
    });
    let cache = Arc::new(MemoryValidatorCache::new());
    let url = format!("{}/v", server.base);
    let first = Ingester::new(test_config())
        .validator_cache(cache.clone())
        .spawn(vec![Source::Url(url.clone())]);
    let docs: Vec<_> = first.0.into_iter().collect();
    let stats = first.1.join().expect("first run");
    assert_eq!(stats.read, 1);
    let doc = docs
        .into_iter()
        .next()
        .expect("one item")
        .expect("a document");
    let validators = doc.validators.expect("validators on the document");
    assert_eq!(validators.etag.as_deref(), Some("\"abc\""));
    assert_eq!(cache.get(&url), Some(validators));

    let ingester = Ingester::new(test_config()).validator_cache(cache);
    let live = ingester.stats();
    let (receiver, handle) = ingester.spawn(vec![Source::Url(url)]);
    assert_eq!(receiver.into_iter().count(), 0);
    let stats = handle.join().expect("second run");
    assert_eq!(stats.skipped(SkipReason::NotModified), 1);
    assert_eq!(live.snapshot(), stats);
    let second = server.requests("/v").pop().expect("second request");
    assert!(
        second
            .head
            .contains("if-modified-since: tue, 02 jan 2024 10:00:00 gmt"),
        "{}",
        second.head
    );
}

#[test]
fn requests_to_one_host_are_spaced_by_the_interval() {
    let server = serve(|path, _, _| match path {
        "/a" | "/b" | "/c" => html("<p>page</p>"),
        _ => not_found(),
    });
    let interval = Duration::from_millis(300);
    let mut config = test_config();
    config.fetch.min_interval = interval;
    config.fetch_workers = 4;
    let sources = ["/a", "/b", "/c"]
        .iter()
        .map(|path| Source::Url(format!("{}{path}", server.base)))
        .collect();
    let (docs, errors, _) = run(sources, config);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 3);
    // robots.txt, /a, /b, /c: every gap at least the interval, despite four workers.
    let seen = server.all();
    assert_eq!(seen.len(), 4);
    for pair in seen.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= interval - Duration::from_millis(25),
            "{} then {} after {gap:?}",
            pair[0].path,
            pair[1].path
        );
    }
}

#[test]
fn different_hosts_are_fetched_concurrently() {
    let route = |path: &str, _: &str, _: &str| match path {
        "/robots.txt" => not_found(),
        _ => html("<p>page</p>"),
    };
    let one = serve(route);
    let two = serve(route);
    let mut config = test_config();
    config.fetch.min_interval = Duration::from_millis(600);
    let sources = vec![
        Source::Url(format!("{}/x", one.base)),
        Source::Url(format!("{}/x", two.base)),
    ];
    let began = std::time::Instant::now();
    let (docs, _, _) = run(sources, config);
    assert_eq!(docs.len(), 2);
    // Each host needs robots.txt + page = one interval; in series it would take two.
    assert!(
        began.elapsed() < Duration::from_millis(750),
        "{:?}",
        began.elapsed()
    );
}

#[test]
fn a_feed_url_is_expanded_and_its_articles_fetched() {
    let server = serve(|path, _, base| {
        match path {
        "/feed" => reply(
            "200 OK",
            &[("Content-Type", "application/rss+xml")],
            &format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
                 <item><title>One</title><link>{base}/one</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>\
                 <item><title>Two</title><link>/two</link></item>\
                 <item><title>One again</title><link>{base}/one</link></item>\
                 <item><title>Mail</title><link>mailto:x@example.invalid</link></item>\
                 </channel></rss>"
            ),
        ),
        "/one" => html("<p>one</p>"),
        "/two" => html("<p>two</p>"),
        _ => not_found(),
    }
    });
    let (docs, errors, stats) = run(
        vec![Source::Url(format!("{}/feed", server.base))],
        test_config(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let sources: Vec<_> = docs.iter().map(|d| d.source.clone()).collect();
    assert_eq!(
        sources,
        [
            format!("{}/one", server.base),
            format!("{}/two", server.base)
        ]
    );
    assert_eq!(docs[0].title_hint.as_deref(), Some("One"));
    assert_eq!(
        docs[0].published_hint.as_deref(),
        Some("2024-01-02T10:00:00+00:00")
    );
    assert_eq!(stats.skipped(SkipReason::DuplicateUrl), 1);
    assert_eq!(stats.skipped(SkipReason::UnsupportedScheme), 1);
    assert_eq!(stats.read, 2);
}
