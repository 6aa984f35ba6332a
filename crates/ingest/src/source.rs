//! What a command-line argument names: [`Source`], and the sniffing that tells feeds, sitemaps
//! and pages apart.

use crate::media::ContentType;
use crate::read::read_capped;
use crate::IngestError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::fmt;
use std::fs::File;
use std::path::PathBuf;

/// Bytes read from the start of an `.xml` file to find its root element.
const SNIFF_BYTES: usize = 64 * 1024;

/// The argument naming standard input.
pub const STDIN_ARG: &str = "-";

/// Where a feed or a sitemap lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A local file (optionally gzipped).
    Path(PathBuf),
    /// An `http(s)://` URL.
    Url(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Path(path) => write!(f, "{}", path.display()),
            Location::Url(url) => f.write_str(url),
        }
    }
}

/// One ingestion source, as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`): one page.
    Stdin,
    /// One page file (`.html`, `.htm`, `.xhtml`, `.txt`, optionally `.gz`; any explicitly named
    /// file is read as a page).
    File(PathBuf),
    /// A directory, walked recursively in sorted order for page files.
    Dir(PathBuf),
    /// A WARC archive (`.warc`, `.warc.gz`).
    Warc(PathBuf),
    /// An RSS/Atom feed: its entries' links are fetched.
    Feed(Location),
    /// An XML sitemap or sitemap index: its URLs are fetched.
    Sitemap(Location),
    /// A URL: fetched, then sniffed as a feed, a sitemap or a page.
    Url(String),
}

/// What an XML document's root element says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlKind {
    /// `rss`, `feed` (Atom) or `RDF` (RSS 1.0).
    Feed,
    /// `urlset` or `sitemapindex`.
    Sitemap,
}

/// What a fetched body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// An HTML page (or no `Content-Type`: the extractor sniffs).
    Page,
    /// A `text/plain` page.
    PlainText,
    /// A feed.
    Feed,
    /// A sitemap.
    Sitemap,
    /// Anything else (images, PDFs, unknown XML).
    Other,
}

impl Source {
    /// Classifies a command-line argument: `-` is stdin; `http(s)://` a URL (other schemes are
    /// refused); an existing directory is walked; `*.warc`/`*.warc.gz` is a WARC archive;
    /// `*.xml`, `*.rss`, `*.atom` (optionally `.gz`) are read far enough to tell a feed from a
    /// sitemap by their root element; anything else is a page file (a missing one fails when
    /// read).
    pub fn parse(arg: &str) -> Result<Source, IngestError> {
        if arg == STDIN_ARG {
            return Ok(Source::Stdin);
        }
        if let Some((scheme, _)) = arg.split_once("://") {
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                let lower = scheme.to_ascii_lowercase();
                return if lower == "http" || lower == "https" {
                    Ok(Source::Url(arg.to_string()))
                } else {
                    Err(IngestError::UnsupportedInput {
                        input: arg.to_string(),
                        reason: format!(
                            "the {scheme}:// scheme is not supported (http and https only)"
                        ),
                    })
                };
            }
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            return Ok(Source::Dir(path));
        }
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let base = name.strip_suffix(".gz").unwrap_or(&name);
        if base.ends_with(".warc") {
            return Ok(Source::Warc(path));
        }
        if base.ends_with(".xml") || base.ends_with(".rss") || base.ends_with(".atom") {
            let head = File::open(&path)
                .and_then(|file| read_capped(file, SNIFF_BYTES))
                .map_err(|err| IngestError::io(arg, err))?;
            return match sniff_xml(&head) {
                Some(XmlKind::Feed) => Ok(Source::Feed(Location::Path(path))),
                Some(XmlKind::Sitemap) => Ok(Source::Sitemap(Location::Path(path))),
                None => Err(IngestError::UnsupportedInput {
                    input: arg.to_string(),
                    reason: "neither an RSS/Atom feed nor a sitemap".to_string(),
                }),
            };
        }
        Ok(Source::File(path))
    }

    /// The name used in messages and in [`crate::RawDoc::source`].
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(path) | Source::Dir(path) | Source::Warc(path) => {
                path.display().to_string()
            }
            Source::Feed(location) | Source::Sitemap(location) => location.to_string(),
            Source::Url(url) => url.clone(),
        }
    }
}

/// Tells a feed from a sitemap by the root element; `None` for anything else (or no XML).
pub fn sniff_xml(bytes: &[u8]) -> Option<XmlKind> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(element) | Event::Empty(element) => {
                return match element.local_name().as_ref() {
                    b"rss" | b"feed" | b"RDF" => Some(XmlKind::Feed),
                    b"urlset" | b"sitemapindex" => Some(XmlKind::Sitemap),
                    _ => None,
                };
            }
            Event::Eof => return None,
            Event::Text(text) if !text.iter().all(u8::is_ascii_whitespace) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Decides what a fetched body is from its `Content-Type` and, for XML, its root element.
pub fn classify_body(content_type: Option<&ContentType>, bytes: &[u8]) -> BodyKind {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let looks_xml = text[start..].starts_with(b"<?xml");
    let declared_xml = content_type.is_some_and(ContentType::is_xml);
    if looks_xml || declared_xml {
        match sniff_xml(&text[start..]) {
            Some(XmlKind::Feed) => return BodyKind::Feed,
            Some(XmlKind::Sitemap) => return BodyKind::Sitemap,
            None if declared_xml && !content_type.is_some_and(ContentType::is_html) => {
                return BodyKind::Other
            }
            None => {}
        }
    }
    match content_type {
        None => BodyKind::Page,
        Some(ct) if ct.is_html() || ct.mime.is_empty() => BodyKind::Page,
        Some(ct) if ct.is_plain_text() => BodyKind::PlainText,
        Some(_) => BodyKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_roots() {
        assert_eq!(
            sniff_xml(b"<?xml version='1.0'?>\n<!-- c --><rss version='2.0'/>"),
            Some(XmlKind::Feed)
        );
        assert_eq!(
            sniff_xml(b"<feed xmlns='http://www.w3.org/2005/Atom'>"),
            Some(XmlKind::Feed)
        );
        assert_eq!(sniff_xml(b"<rdf:RDF xmlns:rdf='x'>"), Some(XmlKind::Feed));
        assert_eq!(sniff_xml(b"<urlset>"), Some(XmlKind::Sitemap));
        assert_eq!(sniff_xml(b"<sitemapindex>"), Some(XmlKind::Sitemap));
        assert_eq!(sniff_xml(b"<html>"), None);
        assert_eq!(sniff_xml(b"plain"), None);
        assert_eq!(sniff_xml(b""), None);
    }

    #[test]
    fn classifies_bodies() {
        let html = ContentType::parse("text/html");
        let xml = ContentType::parse("application/xml");
        assert_eq!(classify_body(Some(&html), b"<html></html>"), BodyKind::Page);
        assert_eq!(classify_body(None, b"<html></html>"), BodyKind::Page);
        assert_eq!(classify_body(Some(&xml), b"<rss/>"), BodyKind::Feed);
        assert_eq!(
            classify_body(Some(&html), b"<?xml version='1.0'?><urlset/>"),
            BodyKind::Sitemap
        );
        assert_eq!(classify_body(Some(&xml), b"<svg/>"), BodyKind::Other);
        assert_eq!(
            classify_body(Some(&ContentType::parse("image/png")), b"\x89PNG"),
            BodyKind::Other
        );
        assert_eq!(
            classify_body(Some(&ContentType::parse("text/plain")), b"hi"),
            BodyKind::PlainText
        );
    }

    #[test]
    fn parses_arguments() {
        assert_eq!(Source::parse("-").expect("stdin"), Source::Stdin);
        assert_eq!(
            Source::parse("https://example.invalid/feed").expect("url"),
            Source::Url("https://example.invalid/feed".into())
        );
        assert!(Source::parse("ftp://example.invalid/x").is_err());
        assert_eq!(
            Source::parse("missing/CC-NEWS.warc.gz").expect("warc"),
            Source::Warc("missing/CC-NEWS.warc.gz".into())
        );
        assert_eq!(
            Source::parse("missing.html").expect("file"),
            Source::File("missing.html".into())
        );
        assert!(Source::parse("missing-feed.xml").is_err());
    }
}
