//! Metadata: title, standfirst, authors, dates, language, section, site, editions.
//!
//! Sources in order of trust: JSON-LD (including `@graph`), microdata, OpenGraph/Twitter/Dublin
//! Core meta tags, the visible page (bylines, `<time>`, breadcrumbs, language switchers) and the
//! URL. Each field records where it came from in [`newsloom_model::Article::provenance`].

use crate::dom::Document;
use newsloom_model::Article;

/// Reads the page's metadata into `article` (everything but `text`).
pub fn read(doc: &Document, url: Option<&str>, article: &mut Article) {
    let _ = (doc, url, article);
}

/// Completes metadata that depends on the extracted body.
pub fn finish(doc: &Document, article: &mut Article) {
    let _ = (doc, article);
}
