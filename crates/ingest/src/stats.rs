//! Counters of what an ingestion run read, skipped and failed, with reasons.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

/// Why a record or URL was deliberately not turned into a document. A closed list, so that the
/// CLI summary and the tests can name each reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
#[non_exhaustive]
pub enum SkipReason {
    /// A WARC record that is not a `response` (or an HTML `resource`): `warcinfo`, `request`,
    /// `metadata`, `revisit`…
    NotResponse,
    /// A WARC record or fetched body whose `Content-Type` is not HTML (nor plain text, nor a
    /// feed or sitemap where those are expected).
    NotHtml,
    /// A WARC response record whose HTTP status is not 2xx.
    HttpStatus,
    /// A WARC record whose content ends before its `Content-Length`.
    Truncated,
    /// A WARC record whose header, length or compression is damaged.
    Corrupt,
    /// A WARC record or body over the configured size cap.
    Oversized,
    /// An HTTP `Content-Encoding` or `Transfer-Encoding` that newsloom cannot decode.
    UnsupportedEncoding,
    /// A URL that the host's robots.txt disallows.
    RobotsTxt,
    /// A conditional GET answered `304 Not Modified`.
    NotModified,
    /// A URL seen earlier in the same run.
    DuplicateUrl,
    /// A link with a scheme other than http/https (or no usable URL at all).
    UnsupportedScheme,
    /// A sitemap index nested deeper than the configured limit.
    SitemapDepth,
    /// A URL beyond the configured maximum number of URLs taken from sitemaps and feeds.
    UrlLimit,
}

impl SkipReason {
    /// The reason as printed in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotResponse => "not a WARC response",
            SkipReason::NotHtml => "not html",
            SkipReason::HttpStatus => "http error status",
            SkipReason::Truncated => "truncated record",
            SkipReason::Corrupt => "corrupt record",
            SkipReason::Oversized => "oversized",
            SkipReason::UnsupportedEncoding => "unsupported encoding",
            SkipReason::RobotsTxt => "robots.txt",
            SkipReason::NotModified => "not modified",
            SkipReason::DuplicateUrl => "duplicate url",
            SkipReason::UnsupportedScheme => "unsupported scheme",
            SkipReason::SitemapDepth => "sitemap depth limit",
            SkipReason::UrlLimit => "url limit",
        }
    }
}

impl From<SkipReason> for &'static str {
    fn from(reason: SkipReason) -> Self {
        reason.as_str()
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an ingestion run did so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestStats {
    /// Documents handed to the pipeline.
    pub read: u64,
    /// Records and URLs deliberately left out, per reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// `(input, error message)` of every input that failed.
    pub failed: Vec<(String, String)>,
    /// Bytes of the local inputs of the run (page files, directories as they are walked, WARC
    /// archives as stored on disk), for reporting what is left.
    pub local_bytes_total: u64,
    /// Of which read so far.
    pub local_bytes_read: u64,
    /// URLs queued for fetching: named ones, and those feeds and sitemaps list.
    pub urls_queued: u64,
    /// Of which fetched, skipped or failed so far.
    pub urls_done: u64,
}

impl IngestStats {
    /// Counts one skip.
    pub fn skip(&mut self, reason: SkipReason) {
        *self.skipped.entry(reason).or_insert(0) += 1;
    }

    /// The number of skips for `reason`.
    pub fn skipped(&self, reason: SkipReason) -> u64 {
        self.skipped.get(&reason).copied().unwrap_or(0)
    }

    /// The total number of skips.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// [`IngestStats`] shared between the producer threads and whoever reports progress.
#[derive(Debug, Clone, Default)]
pub struct SharedStats(Arc<Mutex<IngestStats>>);

impl SharedStats {
    /// New, empty counters.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, IngestStats> {
        // A panicking producer cannot leave the counters half-updated in a way that matters.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A copy of the counters as they are now.
    pub fn snapshot(&self) -> IngestStats {
        self.lock().clone()
    }

    /// Counts one document read.
    pub fn read(&self) {
        self.lock().read += 1;
    }

    /// Counts one skip.
    pub fn skip(&self, reason: SkipReason) {
        self.lock().skip(reason);
    }

    /// The progress counters alone, without copying the failures: `(local bytes read, local
    /// bytes in all, URLs done, URLs queued)`. Cheap enough to call per document.
    pub fn progress(&self) -> (u64, u64, u64, u64) {
        let s = self.lock();
        (
            s.local_bytes_read,
            s.local_bytes_total,
            s.urls_done,
            s.urls_queued,
        )
    }

    /// Adds `bytes` of local input to read.
    pub fn add_local_total(&self, bytes: u64) {
        self.lock().local_bytes_total += bytes;
    }

    /// Counts `bytes` of local input read.
    pub fn add_local_read(&self, bytes: u64) {
        self.lock().local_bytes_read += bytes;
    }

    /// Counts one URL queued.
    pub fn url_queued(&self) {
        self.lock().urls_queued += 1;
    }

    /// Counts one queued URL dealt with.
    pub fn url_done(&self) {
        self.lock().urls_done += 1;
    }

    /// Records one failure.
    pub fn fail(&self, input: impl Into<String>, reason: impl Into<String>) {
        self.lock().failed.push((input.into(), reason.into()));
    }
}
