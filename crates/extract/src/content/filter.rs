//! Block filters: what is dropped from inside the chosen body (link lists, chrome phrases,
//! the repeated headline, bylines).

use super::blocks::{Block, BlockKind};
use super::vocab::{BYLINE_OPENERS, CHROME_PHRASES};

/// Filter thresholds.
#[derive(Debug, Clone)]
pub struct FilterConfig {
    /// Blocks with a larger share of link text are dropped.
    pub max_link_density: f32,
    /// Chrome phrases are only recognised in blocks up to this many characters.
    pub max_chrome_chars: usize,
    /// Bylines are only recognised in blocks up to this many words.
    pub max_byline_words: usize,
}

impl Default for FilterConfig {
    fn default() -> Self {
        FilterConfig { max_link_density: 0.5, max_chrome_chars: 80, max_byline_words: 10 }
    }
}

/// Keeps the blocks that are article text.
pub fn keep(blocks: Vec<Block>, title: Option<&str>, standfirst: Option<&str>, cfg: &FilterConfig) -> Vec<Block> {
    let title_key = title.map(normalise);
    let standfirst_key = standfirst.map(normalise);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let chars = block.text.chars().count();
        if block.link_density() > cfg.max_link_density && !(block.kind == BlockKind::Paragraph && chars > 200 && block.link_density() < 0.8) {
            continue;
        }
        let key = normalise(&block.text);
        if key.is_empty() {
            continue;
        }
        if title_key.as_deref() == Some(key.as_str()) || standfirst_key.as_deref() == Some(key.as_str()) {
            continue;
        }
        if chars <= cfg.max_chrome_chars && is_chrome(&key) {
            continue;
        }
        if out.is_empty() && is_byline(&key, cfg.max_byline_words) {
            continue;
        }
        out.push(block);
    }
    out
}

/// Lower-cases and trims punctuation for comparisons.
fn normalise(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_chrome(key: &str) -> bool {
    CHROME_PHRASES.iter().any(|p| {
        key == *p
            || (key.starts_with(p)
                && key[p.len()..].starts_with(|c: char| c == ':' || c == ' ' || c == '»' || c == '>' || c == '|' || c == '-')
                && key.len() <= p.len() + 60
                && (key[p.len()..].trim_start().starts_with(':') || key.split_whitespace().count() <= 4))
    }) || is_reading_time(key)
}

/// "5 min read", "Temps de lecture : 4 min", "Lesezeit: 3 Minuten".
fn is_reading_time(key: &str) -> bool {
    let words = key.split_whitespace().count();
    words <= 6
        && key.chars().any(|c| c.is_ascii_digit())
        && ["min read", "minute read", "minutes read", "lecture", "lesezeit", "lettura", "lectura", "min de lectura"]
            .iter()
            .any(|p| key.contains(p))
}

fn is_byline(key: &str, max_words: usize) -> bool {
    key.split_whitespace().count() <= max_words && BYLINE_OPENERS.iter().any(|o| key.starts_with(o))
        && key.split_whitespace().nth(1).is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::NodeId;

    fn block(text: &str, link_chars: usize) -> Block {
        Block { text: text.into(), link_chars, kind: BlockKind::Paragraph, node: NodeId(0) }
    }

    #[test]
    fn drops_chrome_links_title_and_byline() {
        let blocks = vec![
            block("Headline", 0),
            block("By Anna Reyes", 0),
            block("The story starts here.", 0),
            block("Advertisement", 0),
            block("Read also: Another story", 16),
            block("Lire aussi : un autre article", 0),
            block("Some linked text entirely", 25),
            block("5 min read", 0),
            block("The story ends here.", 0),
        ];
        let kept = keep(blocks, Some("Headline"), None, &FilterConfig::default());
        let texts: Vec<_> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["The story starts here.", "The story ends here."]);
    }
}
