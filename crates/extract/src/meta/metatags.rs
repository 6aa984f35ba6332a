//! `<meta>` tags: OpenGraph, Twitter cards, Dublin Core, `name=`/`itemprop=`/`http-equiv=`.
//!
//! *What it does*: keeps each tag's key (lower-cased) and content, and says where a key comes
//! from (the provenance origin).
//! *Why*: meta tags are the second most explicit metadata after JSON-LD.
//! *Example*: `<meta property="og:title" content="Big news">` → `get(&["og:title"])` =
//! `("Big news", "opengraph")`.

/// Keys per field, in order of trust.
pub mod keys {
    /// The headline.
    pub const TITLE: &[&str] = &[
        "og:title",
        "twitter:title",
        "dc.title",
        "dcterms.title",
        "title",
    ];
    /// The description.
    pub const DESCRIPTION: &[&str] = &[
        "og:description",
        "twitter:description",
        "description",
        "dc.description",
        "dcterms.description",
    ];
    /// The site's name.
    pub const SITE_NAME: &[&str] = &[
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
        "publisher",
        "dc.publisher",
    ];
    /// Authors.
    pub const AUTHOR: &[&str] = &[
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "twitter:creator:name",
    ];
    /// Publication date.
    pub const PUBLISHED: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "itemprop:datepublished",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "dc.date.created",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "published_time",
        "datepublished",
        "originalpublicationdate",
        "cxenseparse:recs:publishtime",
        "displaydate",
    ];
    /// Modification date.
    pub const MODIFIED: &[&str] = &[
        "article:modified_time",
        "og:updated_time",
        "itemprop:datemodified",
        "dcterms.modified",
        "dc.date.modified",
        "lastmod",
        "last-modified",
        "article.updated",
        "datemodified",
        "revision_date",
    ];
    /// The page language.
    pub const LANGUAGE: &[&str] = &[
        "http-equiv:content-language",
        "content-language",
        "og:locale",
        "dc.language",
        "dcterms.language",
        "language",
    ];
    /// The section.
    pub const SECTION: &[&str] = &[
        "article:section",
        "section",
        "parsely-section",
        "sailthru.section",
    ];
    /// The page URL.
    pub const URL: &[&str] = &["og:url", "twitter:url"];
}

/// All `<meta>` tags of a page, in document order.
#[derive(Debug, Default, Clone)]
pub struct MetaTags<'d> {
    tags: Vec<(String, &'d str)>,
}

impl<'d> MetaTags<'d> {
    /// Records one tag (`key` is lower-cased here; empty contents are dropped).
    pub fn push(&mut self, key: &str, content: &'d str) {
        let content = content.trim();
        if !content.is_empty() {
            self.tags.push((key.trim().to_ascii_lowercase(), content));
        }
    }

    /// The first content for the first key of `keys` present, with its origin.
    pub fn get(&self, keys: &[&str]) -> Option<(&'d str, &'static str)> {
        keys.iter().find_map(|k| {
            self.tags
                .iter()
                .find(|(key, _)| key == k)
                .map(|(key, c)| (*c, origin(key)))
        })
    }

    /// Every content for the keys of `keys`, in key order then document order.
    pub fn all(&self, keys: &[&str]) -> Vec<(&'d str, &'static str)> {
        keys.iter()
            .flat_map(|k| {
                self.tags
                    .iter()
                    .filter(move |(key, _)| key == k)
                    .map(|(key, c)| (*c, origin(key)))
            })
            .collect()
    }

    /// Number of tags.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// True when the page has no meta tags with content.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }
}

/// The provenance origin of a meta key.
pub fn origin(key: &str) -> &'static str {
    if key.starts_with("og:") || key.starts_with("article:") {
        "opengraph"
    } else if key.starts_with("twitter:") {
        "twitter"
    } else if key.starts_with("dc.") || key.starts_with("dcterms.") {
        "dublin-core"
    } else if key.starts_with("itemprop:") {
        "microdata"
    } else {
        "meta"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_case_insensitive_and_ordered_by_trust() {
        let mut m = MetaTags::default();
        m.push("Twitter:Title", "From Twitter");
        m.push("og:title", "From OpenGraph");
        m.push("DC.creator", "Jonas Weber");
        m.push("description", "   ");
        assert_eq!(m.get(keys::TITLE), Some(("From OpenGraph", "opengraph")));
        assert_eq!(m.get(keys::AUTHOR), Some(("Jonas Weber", "dublin-core")));
        assert_eq!(m.get(keys::DESCRIPTION), None);
        assert_eq!(m.len(), 3);
    }
}
