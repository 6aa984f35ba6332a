//! The article body: boilerplate removal, main-content scoring, paragraph serialisation.
//!
//! 1. [`prune::hard`] drops subtrees that are never body (scripts, landmarks, hidden);
//! 2. [`stats::Stats`] measures text, links and paragraphs of every subtree in one pass;
//! 3. [`prune::by_class`] drops boilerplate by class/id, guarded by those statistics;
//! 4. [`candidate::choose`] scores containers and picks the body;
//! 5. [`blocks::collect`] serialises it into blocks and [`filter::keep`] drops the chrome left.

pub mod blocks;
pub mod candidate;
pub mod classes;
pub mod filter;
pub mod prune;
pub mod stats;
pub mod vocab;

use crate::dom::Document;
use crate::ExtractError;
use newsloom_model::Article;
use std::time::Instant;

/// Thresholds of body finding.
#[derive(Debug, Clone)]
pub struct ContentConfig {
    /// Shortest inline text (chars) counted as a paragraph when scoring.
    pub min_paragraph_chars: u32,
    /// Candidate scoring.
    pub score: candidate::ScoreConfig,
    /// Block filters.
    pub filter: filter::FilterConfig,
}

impl Default for ContentConfig {
    fn default() -> Self {
        ContentConfig {
            min_paragraph_chars: 25,
            score: candidate::ScoreConfig::default(),
            filter: filter::FilterConfig::default(),
        }
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
    let cfg = &config.content;
    let dead = prune::hard(doc);
    let stats = stats::Stats::compute(doc, &dead, cfg.min_paragraph_chars);
    let dead = prune::by_class(doc, &dead, &stats);
    let stats = stats::Stats::compute(doc, &dead, cfg.min_paragraph_chars);
    if Instant::now() > deadline {
        return Err(ExtractError::Timeout {
            limit_ms: config.limits.max_time.as_millis(),
            stage: "finding the article body",
        });
    }
    let Some(body) = candidate::choose(doc, &dead, &stats, &cfg.score, cfg.min_paragraph_chars)
    else {
        warnings.push("no article body found".into());
        return Ok(String::new());
    };
    if std::env::var_os("NEWSLOOM_DEBUG_ROOTS").is_some() {
        eprintln!(
            "{:?}",
            body.roots
                .iter()
                .map(|r| (
                    doc.element(*r).map(|e| e.name.to_string()),
                    doc.attr(*r, "class").map(String::from)
                ))
                .collect::<Vec<_>>()
        );
    }
    tracing::debug!(roots = ?body.roots.iter().map(|r| (doc.element(*r).map(|e| e.name.to_string()), doc.attr(*r, "class").map(String::from))).collect::<Vec<_>>(), "body roots");
    let blocks = blocks::collect(doc, &dead, &body.roots);
    let blocks = filter::keep(
        doc,
        blocks,
        article.title.as_deref(),
        article.standfirst.as_deref(),
        &cfg.filter,
    );
    let mut text = String::new();
    for b in blocks {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&b.text);
    }
    Ok(text)
}
