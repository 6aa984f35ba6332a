//! newsloom's extraction stage: from a raw news page to a clean [`Article`] record.
//!
//! The cascade is explicit:
//! 1. [`decode`] turns bytes into UTF-8 (BOM, HTTP charset, `<meta>` charset, detection);
//! 2. a plain-text dump goes to [`textdump`]; HTML is parsed by [`dom`] into a small arena tree
//!    under node, depth and time limits;
//! 3. [`meta`] reads metadata (JSON-LD, meta tags, microdata, bylines, breadcrumbs, editions);
//! 4. [`content`] removes boilerplate, finds the article body and serialises its paragraphs.
//!
//! ```
//! use newsloom_extract::{extract, Config, Input};
//! let html = b"<html lang=en><head><title>Big news - The Planet</title></head><body>\
//!   <nav><a href=/>Home</a></nav><article><h1>Big news</h1>\
//!   <p>The first paragraph of the story is long enough to count as body text here.</p>\
//!   <p>The second paragraph adds detail, with more words than a menu would ever have.</p>\
//!   </article></body></html>";
//! let article = extract(&Input::new("page.html", html), &Config::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Big news"));
//! assert!(article.text.starts_with("The first paragraph"));
//! ```

pub mod config;
pub mod content;
pub mod decode;
pub mod dom;
mod error;
pub mod meta;
pub mod textdump;

pub use config::{Config, Limits};
pub use error::ExtractError;

use newsloom_model::Article;
use std::time::Instant;

/// One document to extract, with what is known about it from outside the page.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The input path or URL, copied to [`Article::source`] and used in error messages.
    pub source: String,
    /// The raw bytes, as read or fetched (already un-gzipped).
    pub bytes: &'a [u8],
    /// The page's URL, when known (fetched address or `--url`).
    pub url: Option<String>,
    /// The charset of an HTTP `Content-Type` header, when fetched.
    pub http_charset: Option<String>,
    /// True when the input is known to be plain text (a `.txt` file); otherwise sniffed.
    pub plain_text: bool,
    /// Publication date to use when the page has none (ISO 8601).
    pub published_fallback: Option<String>,
}

impl<'a> Input<'a> {
    /// An input with only a source name and bytes.
    pub fn new(source: impl Into<String>, bytes: &'a [u8]) -> Self {
        Input {
            source: source.into(),
            bytes,
            url: None,
            http_charset: None,
            plain_text: false,
            published_fallback: None,
        }
    }
}

/// Extracts one document into an [`Article`].
///
/// Survivable problems (bad charset, truncation, a limit hit part-way) become
/// [`Article::warnings`]; a document that cannot be handled at all is an [`ExtractError`].
pub fn extract(input: &Input<'_>, config: &Config) -> Result<Article, ExtractError> {
    let started = Instant::now();
    let mut warnings = Vec::new();
    let bytes = if input.bytes.len() > config.limits.max_bytes {
        if config.limits.truncate_oversized {
            warnings.push(format!(
                "input truncated to {} bytes (limit max_bytes)",
                config.limits.max_bytes
            ));
            &input.bytes[..config.limits.max_bytes]
        } else {
            return Err(ExtractError::TooLarge {
                bytes: input.bytes.len(),
                limit: config.limits.max_bytes,
            });
        }
    } else {
        input.bytes
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    let decoded = decode::decode(bytes, input.http_charset.as_deref());
    warnings.extend(decoded.warnings);
    let text = decoded.text;

    let plain = input.plain_text || !decode::looks_like_html(&text);
    let mut article = if plain {
        textdump::extract(&text, config)
    } else {
        let deadline = started + config.limits.max_time;
        let (doc, dom_warnings) = dom::Document::parse(&text, &config.limits, deadline)?;
        warnings.extend(dom_warnings);
        let mut article = Article::default();
        meta::read(&doc, input.url.as_deref(), &mut article);
        content::extract_body(&doc, &article, config, &mut warnings, deadline)
            .map(|text| article.text = text)?;
        meta::finish(&doc, &mut article);
        if !article.language.is_known() {
            if let Some(lang) = textdump::detect_language(&article.text) {
                article.language = lang;
                article.provenance.set("language", "detected");
            }
        }
        article
    };
    article.source = input.source.clone();
    if article.url.is_none() {
        article.url = input.url.clone().or_else(|| article.canonical_url.clone());
    }
    if article.published.is_none() {
        if let Some(date) = &input.published_fallback {
            article.published = Some(date.clone());
            article.provenance.set("published", "fallback");
        }
    }
    article.warnings.splice(0..0, warnings);
    Ok(article)
}
