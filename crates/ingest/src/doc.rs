//! The raw document handed to the pipeline, and the outcome of reading one input.

use crate::validators::Validators;
use crate::{IngestError, SkipReason};

/// One raw document, as read from a file, a WARC record or a fetch, ready for
/// `newsloom_extract::extract` (map the fields onto `newsloom_extract::Input`; `published_hint`
/// goes to `published_fallback`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawDoc {
    /// Where it came from: a path, `path#offset` for a WARC record (the byte offset of the
    /// record, or of its gzip member), or the requested URL.
    pub source: String,
    /// The body, un-gzipped, at most the configured cap.
    pub bytes: Vec<u8>,
    /// The page's URL when known (WARC-Target-URI, or the final URL after redirects).
    pub url: Option<String>,
    /// The `charset` parameter of the HTTP `Content-Type`, when there was one.
    pub http_charset: Option<String>,
    /// True when the body is known to be plain text (a `.txt` file, a `text/plain` response).
    pub plain_text: bool,
    /// When it was fetched (WARC-Date, or the fetch time), RFC 3339.
    pub fetched_at: Option<String>,
    /// Publication date listed by the feed or sitemap that led to it (as written there).
    pub published_hint: Option<String>,
    /// Title listed by the feed or Google News sitemap that led to it.
    pub title_hint: Option<String>,
    /// The `ETag`/`Last-Modified` validators of the response, for a persistent cache.
    pub validators: Option<Validators>,
}

/// A link found in a feed or a sitemap, with what the listing says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    /// The absolute URL (or, in a local sitemap index, a path).
    pub url: String,
    /// Publication date as listed (`news:publication_date`, RSS `pubDate`, Atom `published`;
    /// sitemap `lastmod` when nothing better), normalised to RFC 3339 where the parser could.
    pub published: Option<String>,
    /// Title as listed (`news:title`, the feed entry title).
    pub title: Option<String>,
}

/// What reading one input (a file, a record, a URL) gave.
#[derive(Debug)]
pub enum Outcome {
    /// A document.
    Doc(RawDoc),
    /// Deliberately left out.
    Skipped {
        /// The input left out.
        input: String,
        /// Why.
        reason: SkipReason,
    },
    /// Could not be read.
    Failed(IngestError),
}
