//! Every threshold of the crate, in one place, with its default.

use std::time::Duration;

/// The `User-Agent` sent with every request unless configured otherwise.
pub const USER_AGENT: &str = concat!(
    "newsloom/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/newsloom)"
);

/// Settings of an ingestion run.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Largest local page file, in bytes after un-gzipping; a larger file fails.
    pub max_file_bytes: usize,
    /// Documents buffered between the producers and the consumer; bounds memory.
    pub channel_capacity: usize,
    /// Threads fetching URLs (each host is served by one of them at a time).
    pub fetch_workers: usize,
    /// WARC reading limits.
    pub warc: WarcConfig,
    /// HTTP politeness and limits.
    pub fetch: FetchConfig,
    /// Feed and sitemap expansion limits.
    pub expand: ExpandConfig,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_file_bytes: 16 * 1024 * 1024,
            channel_capacity: 64,
            fetch_workers: 4,
            warc: WarcConfig::default(),
            fetch: FetchConfig::default(),
            expand: ExpandConfig::default(),
        }
    }
}

/// Limits of the WARC reader.
#[derive(Debug, Clone)]
pub struct WarcConfig {
    /// Largest record block (`Content-Length`) read into memory; larger records are skipped
    /// as oversized without being buffered.
    pub max_record_bytes: u64,
    /// Largest WARC or HTTP header block; a longer one marks the record corrupt.
    pub max_header_bytes: usize,
}

impl Default for WarcConfig {
    fn default() -> Self {
        WarcConfig {
            max_record_bytes: 16 * 1024 * 1024,
            max_header_bytes: 64 * 1024,
        }
    }
}

/// Politeness and limits of URL fetching.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The `User-Agent` header, also the name matched against robots.txt groups.
    pub user_agent: String,
    /// The product token matched against robots.txt `User-agent` lines.
    pub robots_agent: String,
    /// Honour robots.txt (on by default).
    pub obey_robots: bool,
    /// Largest robots.txt read (RFC 9309 asks for at least 500 KiB).
    pub max_robots_bytes: usize,
    /// Minimum time between two requests to the same host (`host:port`).
    pub min_interval: Duration,
    /// Follow a longer robots.txt `Crawl-delay`, up to [`FetchConfig::max_crawl_delay`].
    pub obey_crawl_delay: bool,
    /// Longest `Crawl-delay` honoured.
    pub max_crawl_delay: Duration,
    /// Time allowed for a whole request, body included.
    pub timeout: Duration,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Most redirects followed.
    pub max_redirects: u32,
    /// Largest body read, in bytes; a larger one is skipped as oversized.
    pub max_body_bytes: usize,
    /// Retries after a 429, a 5xx, a timeout or a broken connection.
    pub max_retries: u32,
    /// First backoff delay; doubled at each retry.
    pub backoff_base: Duration,
    /// Longest backoff delay, including one asked for by `Retry-After`.
    pub backoff_max: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: USER_AGENT.to_string(),
            robots_agent: "newsloom".to_string(),
            obey_robots: true,
            max_robots_bytes: 512 * 1024,
            min_interval: Duration::from_secs(1),
            obey_crawl_delay: true,
            max_crawl_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            max_body_bytes: 16 * 1024 * 1024,
            max_retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
        }
    }
}

/// Limits of feed and sitemap expansion.
#[derive(Debug, Clone)]
pub struct ExpandConfig {
    /// Deepest sitemap index nesting followed (an index of sitemaps is depth 1).
    pub max_sitemap_depth: u32,
    /// Most article URLs taken from one command-line source (feed, sitemap and the sitemaps
    /// it indexes); the rest are skipped as [`crate::SkipReason::UrlLimit`].
    pub max_urls: usize,
    /// Largest feed or sitemap read, in bytes after un-gzipping.
    pub max_document_bytes: usize,
}

impl Default for ExpandConfig {
    fn default() -> Self {
        ExpandConfig {
            max_sitemap_depth: 3,
            max_urls: 50_000,
            max_document_bytes: 64 * 1024 * 1024,
        }
    }
}
