//! Plain-text dumps of pages: one line per block, chrome lines around the article.

use crate::Config;
use newsloom_model::Article;

/// Extracts an article from a plain-text dump.
pub fn extract(text: &str, config: &Config) -> Article {
    let _ = config;
    let mut article = Article::default();
    article.text = text.to_string();
    article
}
