//! RSS 0.9x/1.0/2.0, Atom and JSON Feed documents (feed-rs): the article links they list.

use crate::doc::Link;
use crate::IngestError;

/// Parses a feed and returns its entries' article links, in document order. `input` names the
/// feed in errors; `base` (the feed's URL) resolves relative links. An entry's link is its
/// `alternate` link (or its first one), else its id when that is an http(s) URL; its published
/// hint is `published` (RSS `pubDate`), else `updated`.
pub fn parse_feed(bytes: &[u8], input: &str, base: Option<&str>) -> Result<Vec<Link>, IngestError> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(base)
        .build()
        .parse(bytes)
        .map_err(|err| IngestError::Feed {
            input: input.to_string(),
            message: err.to_string(),
        })?;
    let links = feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let url = entry
                .links
                .iter()
                .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
                .or_else(|| entry.links.first())
                .map(|link| link.href.clone())
                .or_else(|| {
                    let id = entry.id.trim();
                    (id.starts_with("http://") || id.starts_with("https://"))
                        .then(|| id.to_string())
                })?;
            Some(Link {
                url: url.trim().to_string(),
                published: entry
                    .published
                    .or(entry.updated)
                    .map(|date| date.to_rfc3339()),
                title: entry
                    .title
                    .map(|title| title.content.trim().to_string())
                    .filter(|title| !title.is_empty()),
            })
        })
        .collect();
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_dates_and_titles() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://example.invalid/</link>
<item><title>First</title><link>https://example.invalid/a</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>No link</title><guid isPermaLink="false">tag:x</guid></item>
</channel></rss>"#;
        let links = parse_feed(rss, "t", None).expect("parse");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].url, "https://example.invalid/a");
        assert_eq!(links[0].title.as_deref(), Some("First"));
        assert_eq!(
            links[0].published.as_deref(),
            Some("2024-01-02T10:00:00+00:00")
        );
    }

    #[test]
    fn garbage_is_a_feed_error() {
        let err = parse_feed(b"<html></html>", "x.rss", None).expect_err("not a feed");
        assert_eq!(err.input(), "x.rss");
    }
}
