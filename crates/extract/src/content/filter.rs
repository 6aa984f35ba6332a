//! Block filters: what is dropped from inside the chosen body (link lists, chrome phrases,
//! the repeated headline, bylines).

use super::blocks::{Block, BlockKind};
use super::vocab::{BYLINE_OPENERS, CHROME_PHRASES, CONSENT_PHRASES, DATE_LINE_WORDS, MONTHS};

/// Filter thresholds.
#[derive(Debug, Clone)]
pub struct FilterConfig {
    /// Blocks with a larger share of link text are dropped.
    pub max_link_density: f32,
    /// Chrome phrases are only recognised in blocks up to this many characters.
    pub max_chrome_chars: usize,
    /// Bylines are only recognised in blocks up to this many words.
    pub max_byline_words: usize,
    /// Cookie notices are only recognised in blocks up to this many characters.
    pub max_consent_chars: usize,
}

impl Default for FilterConfig {
    fn default() -> Self {
        FilterConfig {
            max_link_density: 0.5,
            max_chrome_chars: 80,
            max_byline_words: 10,
            max_consent_chars: 400,
        }
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
        if chars <= cfg.max_consent_chars && CONSENT_PHRASES.iter().any(|p| key.contains(p)) {
            continue;
        }
        if chars <= cfg.max_chrome_chars && block.kind != BlockKind::Cell && is_date_line(&key) {
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

/// A line made only of a date and time ("August 23, 2018", "Mis à jour le 3 mars 2030 à 10h").
fn is_date_line(key: &str) -> bool {
    let mut has_number = false;
    let mut has_date = false;
    for word in key.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '(' | ')')) {
        let word = word.trim_matches('.');
        if word.is_empty() {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_digit()) || is_ordinal_or_time(word) {
            has_number = true;
            continue;
        }
        if is_numeric_date(word) {
            has_date = true;
            continue;
        }
        if MONTHS.contains(&word) {
            has_date = true;
            continue;
        }
        if DATE_LINE_WORDS.contains(&word) {
            continue;
        }
        return false;
    }
    has_date && (has_number || key.chars().any(|c| c.is_ascii_digit()))
}

/// "23/08/2018", "2018-08-23", "23.08.2018".
fn is_numeric_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_ordinal_or_time(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = &word[digits..];
    digits > 0
        && (matches!(rest, "st" | "nd" | "rd" | "th" | "er" | "h" | "am" | "pm" | "°" | "º")
            || (rest.starts_with('h') && rest[1..].chars().all(|c| c.is_ascii_digit())))
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
            block("August 23, 2018", 0),
            block("Mis à jour le 3 mars 2030 à 10h15", 0),
            block("This website uses cookies. By continuing you agree.", 0),
            block("The story ends here.", 0),
        ];
        let kept = keep(blocks, Some("Headline"), None, &FilterConfig::default());
        let texts: Vec<_> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["The story starts here.", "The story ends here."]);
    }
}
