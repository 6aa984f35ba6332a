//! Feeds and sitemaps as local files (articles fetched from a server on 127.0.0.1), and local
//! pages and WARC archives through the same `spawn`.

mod common;

use common::{html, not_found, reply, run, serve, test_config, Server};
use flate2::write::GzEncoder;
use flate2::Compression;
use newsloom_ingest::{Location, SkipReason, Source};
use std::fs;
use std::io::Write;
use std::path::Path;

/// A server with articles `/a/<anything>` and a remote sitemap `/remote-sitemap.xml`.
fn article_server() -> Server {
    serve(|path, _, base| match path {
        "/robots.txt" => not_found(),
        "/remote-sitemap.xml" => reply(
            "200 OK",
            &[("Content-Type", "application/xml")],
            &format!("<urlset><url><loc>{base}/a/remote</loc></url></urlset>"),
        ),
        p if p.starts_with("/a/") => html(&format!("<p>{p}</p>")),
        _ => not_found(),
    })
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).expect("write fixture");
    path.display().to_string()
}

#[test]
fn rss_and_atom_files_are_sniffed_and_expanded() {
    let server = article_server();
    let base = &server.base;
    let dir = tempfile::tempdir().expect("temp dir");
    let rss = write(
        dir.path(),
        "news.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>N</title><link>{base}</link>\
             <item><title>Rss one</title><link>{base}/a/rss1</link><pubDate>Wed, 03 Jan 2024 08:30:00 +0100</pubDate></item>\
             </channel></rss>"
        ),
    );
    let atom = write(
        dir.path(),
        "news.atom",
        &format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>urn:x</id>\
             <updated>2024-01-04T00:00:00Z</updated>\
             <entry><title>Atom one</title><id>urn:1</id><link rel=\"alternate\" href=\"{base}/a/atom1\"/>\
             <link rel=\"enclosure\" href=\"{base}/a/photo.jpg\"/>\
             <published>2024-01-04T09:00:00Z</published><updated>2024-01-05T00:00:00Z</updated></entry></feed>"
        ),
    );
    let rss_source = Source::parse(&rss).expect("rss");
    assert!(matches!(rss_source, Source::Feed(Location::Path(_))));
    let atom_source = Source::parse(&atom).expect("atom");
    assert!(matches!(atom_source, Source::Feed(Location::Path(_))));
    let (docs, errors, stats) = run(vec![rss_source, atom_source], test_config());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 2, "{stats:?}");
    assert_eq!((stats.urls_queued, stats.urls_done), (2, 2), "{stats:?}");
    assert_eq!(docs[0].source, format!("{base}/a/atom1"));
    assert_eq!(docs[0].title_hint.as_deref(), Some("Atom one"));
    assert_eq!(
        docs[0].published_hint.as_deref(),
        Some("2024-01-04T09:00:00+00:00")
    );
    assert_eq!(docs[1].source, format!("{base}/a/rss1"));
    assert_eq!(
        docs[1].published_hint.as_deref(),
        Some("2024-01-03T07:30:00+00:00")
    );
}

#[test]
fn sitemap_index_reaches_a_local_file_and_a_url_and_news_hints_are_kept() {
    let server = article_server();
    let base = &server.base;
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "part.xml",
        &format!(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <url><loc>{base}/a/local1</loc><lastmod>2024-02-01</lastmod></url>\
             <url><loc>{base}/a/local2</loc></url></urlset>"
        ),
    );
    let index = write(
        dir.path(),
        "sitemap.xml",
        &format!(
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <sitemap><loc>part.xml</loc></sitemap>\
             <sitemap><loc>{base}/remote-sitemap.xml</loc></sitemap>\
             <sitemap><loc>sitemap.xml</loc></sitemap></sitemapindex>"
        ),
    );
    // Google News sitemap, gzipped.
    let news = format!(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:n=\"http://www.google.com/schemas/sitemap-news/0.9\">\
         <url><loc>{base}/a/news1</loc><n:news><n:publication><n:name>P</n:name><n:language>de</n:language></n:publication>\
         <n:publication_date>2024-03-01T12:00:00+01:00</n:publication_date><n:title>Wahl &amp; Folgen</n:title></n:news></url></urlset>"
    );
    let news_path = dir.path().join("news-sitemap.xml.gz");
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(news.as_bytes()).expect("gzip");
    fs::write(&news_path, enc.finish().expect("gzip")).expect("write");

    let sources = vec![
        Source::parse(&index).expect("index"),
        Source::parse(&news_path.display().to_string()).expect("news sitemap"),
    ];
    assert!(matches!(sources[1], Source::Sitemap(Location::Path(_))));
    let (docs, errors, stats) = run(sources, test_config());
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<_> = docs
        .iter()
        .map(|d| d.source.trim_start_matches(base.as_str()))
        .collect();
    assert_eq!(got, ["/a/local1", "/a/local2", "/a/news1", "/a/remote"]);
    assert_eq!(docs[0].published_hint.as_deref(), Some("2024-02-01"));
    assert_eq!(
        docs[2].published_hint.as_deref(),
        Some("2024-03-01T12:00:00+01:00")
    );
    assert_eq!(docs[2].title_hint.as_deref(), Some("Wahl & Folgen"));
    // The index listing itself is not followed twice.
    assert_eq!(stats.skipped(SkipReason::DuplicateUrl), 1, "{stats:?}");
}

#[test]
fn sitemap_depth_and_url_limits_are_counted() {
    let server = article_server();
    let base = &server.base;
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "leaf.xml", &format!(
        "<urlset><url><loc>{base}/a/1</loc></url><url><loc>{base}/a/2</loc></url><url><loc>{base}/a/3</loc></url></urlset>"
    ));
    write(
        dir.path(),
        "mid.xml",
        "<sitemapindex><sitemap><loc>leaf.xml</loc></sitemap></sitemapindex>",
    );
    let top = write(
        dir.path(),
        "top.xml",
        "<sitemapindex><sitemap><loc>mid.xml</loc></sitemap></sitemapindex>",
    );
    let mut config = test_config();
    config.expand.max_sitemap_depth = 1;
    let (docs, _, stats) = run(vec![Source::parse(&top).expect("top")], config);
    assert!(docs.is_empty());
    assert_eq!(stats.skipped(SkipReason::SitemapDepth), 1);

    let mut config = test_config();
    config.expand.max_urls = 2;
    let (docs, _, stats) = run(vec![Source::parse(&top).expect("top")], config);
    assert_eq!(docs.len(), 2);
    assert_eq!(stats.skipped(SkipReason::UrlLimit), 1);
}

#[test]
fn local_pages_and_warc_archives_flow_through_spawn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    fs::create_dir_all(pages.join("deep")).expect("mkdir");
    fs::write(pages.join("deep/b.html"), "<p>b</p>").expect("write");
    fs::write(pages.join("a.txt"), "plain").expect("write");
    fs::write(pages.join("skip.json"), "{}").expect("write");
    let body = "<html><p>in a warc</p></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    let warc = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.invalid/w\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(warc.as_bytes()).expect("gzip");
    let warc_path = dir.path().join("x.warc.gz");
    fs::write(&warc_path, enc.finish().expect("gzip")).expect("write");
    let sources = vec![
        Source::parse(&pages.display().to_string()).expect("dir"),
        Source::parse(&warc_path.display().to_string()).expect("warc"),
        Source::parse(&dir.path().join("missing.html").display().to_string()).expect("file"),
    ];
    assert!(matches!(sources[1], Source::Warc(_)));
    let (docs, errors, stats) = run(sources, test_config());
    assert_eq!(docs.len(), 3);
    assert!(docs[0].source.ends_with("a.txt") && docs[0].plain_text);
    assert!(docs[1].source.ends_with("deep/b.html"));
    assert!(docs[2].source.ends_with("x.warc.gz#0"));
    assert_eq!(docs[2].bytes, body.as_bytes());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("missing.html"), "{errors:?}");
    assert_eq!(stats.read, 3);
    assert_eq!(stats.failed.len(), 1);
    // What was left is now nothing: every local byte named was read.
    let local = fs::metadata(pages.join("deep/b.html")).expect("size").len()
        + fs::metadata(pages.join("a.txt")).expect("size").len()
        + fs::metadata(&warc_path).expect("size").len();
    assert_eq!(stats.local_bytes_total, local);
    assert_eq!(stats.local_bytes_read, local);
    assert_eq!(stats.urls_queued, 0);
}

#[test]
fn dropping_the_receiver_stops_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    for n in 0..50 {
        fs::write(dir.path().join(format!("{n:02}.html")), "<p>x</p>").expect("write");
    }
    let mut config = test_config();
    config.channel_capacity = 2;
    let (receiver, handle) =
        newsloom_ingest::spawn(vec![Source::Dir(dir.path().to_path_buf())], config);
    let first = receiver.recv().expect("one document");
    assert!(first.is_ok());
    drop(receiver);
    let stats = handle.join().expect("run ends");
    assert!(stats.read < 50, "{stats:?}");
}
