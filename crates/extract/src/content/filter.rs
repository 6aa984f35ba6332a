//! Block filters: what is dropped from inside the chosen body (link lists, chrome phrases,
//! the repeated headline, bylines).

use super::blocks::{Block, BlockKind};
use super::classes;
use super::vocab::{BYLINE_OPENERS, CHROME_PHRASES, CONSENT_PHRASES, DATE_LINE_WORDS, MONTHS};
use super::vocab::{
    CREDIT_PHRASES, POSTED_BY_PHRASES, PROMO_ACTIONS, PROMO_OBJECTS, STANDFIRST_TOKENS,
};
use crate::dom::{Document, NodeId};

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
    /// Promotions are only recognised in blocks up to this many characters.
    pub max_promo_chars: usize,
    /// "Posted by" lines are only recognised up to this many words.
    pub max_posted_by_words: usize,
    /// Blocks above the headline up to this many characters are dropped (kickers, labels).
    pub max_kicker_chars: usize,
    /// Bylines are looked for until the first paragraph of this many characters.
    pub long_paragraph_chars: usize,
}

impl Default for FilterConfig {
    fn default() -> Self {
        FilterConfig {
            max_link_density: 0.5,
            max_chrome_chars: 80,
            max_byline_words: 10,
            max_consent_chars: 400,
            max_kicker_chars: 120,
            max_promo_chars: 300,
            max_posted_by_words: 30,
            long_paragraph_chars: 150,
        }
    }
}

/// Keeps the blocks that are article text.
pub fn keep(
    doc: &Document,
    blocks: Vec<Block>,
    title: Option<&str>,
    standfirst: Option<&str>,
    cfg: &FilterConfig,
) -> Vec<Block> {
    let title_key = title.map(normalise);
    let standfirst_key = standfirst.map(normalise);
    // The headline inside the body: short blocks above it are kickers, breadcrumbs, dates.
    let title_at = blocks.iter().position(|b| {
        b.kind == BlockKind::Heading
            && (title_key.as_deref() == Some(normalise(&b.text).as_str()) || b.is_h1)
    });
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut seen_long_paragraph = false;
    for (i, block) in blocks.into_iter().enumerate() {
        let chars = block.text.chars().count();
        if title_at.is_some_and(|t| i < t) && chars <= cfg.max_kicker_chars {
            continue;
        }
        if block.link_density() > cfg.max_link_density
            && !(block.kind == BlockKind::Paragraph && chars > 200 && block.link_density() < 0.8)
        {
            continue;
        }
        let key = normalise(&block.text);
        if key.is_empty()
            || (chars <= 12
                && block.kind != BlockKind::Cell
                && !key.chars().any(char::is_alphabetic))
        {
            continue;
        }
        if title_key.as_deref() == Some(key.as_str()) || title_at == Some(i) {
            continue;
        }
        // A block equal to the standfirst is dropped only when marked up as one: many pages'
        // meta description is simply their first paragraph.
        if standfirst_key.as_deref() == Some(key.as_str()) && is_marked_standfirst(doc, block.node)
        {
            continue;
        }
        if chars <= cfg.max_chrome_chars && (is_chrome(&key) || is_trail(&block.text)) {
            continue;
        }
        if chars <= cfg.max_consent_chars && CONSENT_PHRASES.iter().any(|p| key.contains(p)) {
            continue;
        }
        if chars <= cfg.max_promo_chars && is_promo(&key) {
            continue;
        }
        if chars <= cfg.max_chrome_chars && CREDIT_PHRASES.iter().any(|p| key.contains(p)) {
            continue;
        }
        if is_shortcode(&block.text) {
            continue;
        }
        if chars <= cfg.max_chrome_chars && block.kind != BlockKind::Cell && is_date_line(&key) {
            continue;
        }
        if !seen_long_paragraph
            && (is_byline(&key, cfg.max_byline_words)
                || (key.split_whitespace().count() <= cfg.max_posted_by_words
                    && POSTED_BY_PHRASES.iter().any(|p| key.contains(p))))
        {
            continue;
        }
        seen_long_paragraph |= chars >= cfg.long_paragraph_chars;
        out.push(block);
    }
    out
}

fn is_marked_standfirst(doc: &Document, node: NodeId) -> bool {
    std::iter::once(node)
        .chain(doc.ancestors(node))
        .take(3)
        .filter_map(|n| doc.element(n))
        .any(|e| classes::any_token_in(e, STANDFIRST_TOKENS))
}

/// A newsletter or subscription promotion: a call to action and what it offers.
fn is_promo(key: &str) -> bool {
    PROMO_ACTIONS.iter().any(|a| key.contains(a)) && PROMO_OBJECTS.iter().any(|o| key.contains(o))
}

/// A CMS shortcode left in the text: "[button link=…]Send us your review[/button]".
fn is_shortcode(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('[') && t.ends_with(']') && t.contains("[/")
}

/// A breadcrumb trail written out as text: "Home > News > Politics".
fn is_trail(text: &str) -> bool {
    [" > ", " › ", " » ", " / "]
        .iter()
        .any(|sep| text.matches(sep).count() >= 2)
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
                && key[p.len()..].starts_with(|c: char| {
                    c == ':' || c == ' ' || c == '»' || c == '>' || c == '|' || c == '-'
                })
                && key.len() <= p.len() + 60
                && (key[p.len()..].trim_start().starts_with(':')
                    || key.split_whitespace().count() <= 4))
    }) || is_reading_time(key)
}

/// "5 min read", "Temps de lecture : 4 min", "Lesezeit: 3 Minuten".
fn is_reading_time(key: &str) -> bool {
    let words = key.split_whitespace().count();
    words <= 6
        && key.chars().any(|c| c.is_ascii_digit())
        && [
            "min read",
            "minute read",
            "minutes read",
            "lecture",
            "lesezeit",
            "lettura",
            "lectura",
            "min de lectura",
        ]
        .iter()
        .any(|p| key.contains(p))
}

/// A line made only of a date and time ("August 23, 2018", "Mis à jour le 3 mars 2030 à 10h").
fn is_date_line(key: &str) -> bool {
    let mut has_number = false;
    let mut has_date = false;
    for word in key.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '(' | ')')) {
        let word = word.trim_matches('.');
        if !word.chars().any(char::is_alphanumeric) {
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
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_ordinal_or_time(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = &word[digits..];
    digits > 0
        && (matches!(
            rest,
            "st" | "nd" | "rd" | "th" | "er" | "h" | "am" | "pm" | "°" | "º"
        ) || (rest.starts_with('h') && rest[1..].chars().all(|c| c.is_ascii_digit())))
}

fn is_byline(key: &str, max_words: usize) -> bool {
    if key.split_whitespace().count() > max_words {
        return false;
    }
    let starts = BYLINE_OPENERS.iter().any(|o| key.starts_with(o))
        && key
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic));
    // "lundi 4 novembre 2030, par Yann Le Goff": a date, then the opener.
    let dated = BYLINE_OPENERS.iter().any(|o| {
        key.find(&format!(", {o}"))
            .or_else(|| key.find(&format!(" - {o}")))
            .is_some_and(|at| is_date_line(&key[..at]))
    });
    starts || dated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, link_chars: usize) -> Block {
        Block {
            text: text.into(),
            link_chars,
            kind: BlockKind::Paragraph,
            node: NodeId(0),
            is_h1: false,
        }
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
            block("Accueil > Littoral > Tempête", 0),
            block("lundi 4 novembre 2030, par Yann Le Goff", 0),
            block("5:12", 0),
            block(
                "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde",
                0,
            ),
            block(
                "Sign up for The Daily Brief to get the free newsletter delivered to your inbox.",
                0,
            ),
            block("[button link=x]Send us YOUR review[/button]", 0),
            block("November 20, 2019 - 11:28 AMT", 0),
            block("The story ends here.", 0),
        ];
        let doc = Document::parse_str("<p>x</p>");
        let kept = keep(
            &doc,
            blocks,
            Some("Headline"),
            None,
            &FilterConfig::default(),
        );
        let texts: Vec<_> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["The story starts here.", "The story ends here."]
        );
    }
}
