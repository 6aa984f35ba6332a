//! `Content-Type` values: the media type, its charset, and which types are pages.

/// Media types taken as HTML pages.
pub const HTML_TYPES: [&str; 2] = ["text/html", "application/xhtml+xml"];

/// Media types taken as plain-text pages.
pub const PLAIN_TEXT_TYPES: [&str; 1] = ["text/plain"];

/// Media types that may hold a feed or a sitemap (then sniffed by root element).
pub const XML_TYPES: [&str; 6] = [
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-gzip",
];

/// A parsed `Content-Type` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentType {
    /// The media type, lower-cased, without parameters (`text/html`).
    pub mime: String,
    /// The `charset` parameter, unquoted, as written.
    pub charset: Option<String>,
}

impl ContentType {
    /// Parses a header value such as `text/html; charset="utf-8"`.
    pub fn parse(value: &str) -> Self {
        let mut parts = value.split(';');
        let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let charset = parts.find_map(|param| {
            let (name, value) = param.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("charset") {
                return None;
            }
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            (!value.is_empty()).then(|| value.to_string())
        });
        ContentType { mime, charset }
    }

    /// True for HTML media types.
    pub fn is_html(&self) -> bool {
        HTML_TYPES.contains(&self.mime.as_str())
    }

    /// True for plain text.
    pub fn is_plain_text(&self) -> bool {
        PLAIN_TEXT_TYPES.contains(&self.mime.as_str())
    }

    /// True for media types that may hold a feed or a sitemap.
    pub fn is_xml(&self) -> bool {
        XML_TYPES.contains(&self.mime.as_str()) || self.mime.ends_with("+xml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mime_and_charset() {
        let ct = ContentType::parse("Text/HTML; Charset=\"ISO-8859-1\"");
        assert_eq!(ct.mime, "text/html");
        assert_eq!(ct.charset.as_deref(), Some("ISO-8859-1"));
        assert!(ct.is_html());
        let ct = ContentType::parse("application/rss+xml");
        assert!(ct.is_xml() && !ct.is_html() && ct.charset.is_none());
        assert_eq!(ContentType::parse("").mime, "");
        assert!(ContentType::parse("text/plain; charset=").charset.is_none());
    }
}
