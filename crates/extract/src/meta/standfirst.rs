//! The standfirst (dek, subtitle, chapô): a visible summary under the headline.
//!
//! *What it does*: takes a visible dek element (class/id like `standfirst`, `dek`, `subtitle`,
//! `chapo`, `p.lead`, `[itemprop=description]`, or an `<h2>` right after the `<h1>` in a
//! header); failing that, the meta description, but only when a visible element carries the
//! same or similar text (then that element's text).
//! *Why*: meta descriptions are often SEO copy or the first paragraph truncated; only visible
//! text is a real standfirst.
//! *Example*: `<p class="article__standfirst">Talks broke the stalemate.</p>` → that sentence.

use super::text::{char_prefix, fold, similar};
use crate::dom::{Document, NodeId, Tag};

/// Thresholds of standfirst finding.
#[derive(Debug, Clone, Copy)]
pub struct StandfirstConfig {
    /// Shortest standfirst, in characters.
    pub min_chars: usize,
    /// Longest standfirst, in characters.
    pub max_chars: usize,
    /// Largest candidate element read, in nodes.
    pub max_candidate_nodes: u32,
    /// Shortest/longest length ratio for two texts to be "similar".
    pub min_similarity: f32,
    /// Folded characters of the description compared with each text node's start.
    pub probe_chars: usize,
    /// A standfirst starts at most this many nodes after the end of the `<h1>`.
    pub window_after_h1: u32,
    /// … or at most this many nodes before it.
    pub window_before_h1: u32,
}

impl StandfirstConfig {
    /// Defaults.
    pub const DEFAULT: StandfirstConfig = StandfirstConfig {
        min_chars: 25,
        max_chars: 800,
        max_candidate_nodes: 80,
        min_similarity: 0.6,
        probe_chars: 30,
        window_after_h1: 250,
        window_before_h1: 40,
    };
}

/// The collapsed text of a small element, when its length fits a standfirst.
pub fn candidate_text(
    doc: &Document,
    id: NodeId,
    title: Option<&str>,
    cfg: &StandfirstConfig,
) -> Option<String> {
    let range = doc.descendant_range(id);
    if range.end - range.start > cfg.max_candidate_nodes {
        return None;
    }
    let text = doc.text_content(id);
    let n = text.chars().count();
    if n < cfg.min_chars || n > cfg.max_chars {
        return None;
    }
    if title.is_some_and(|t| fold(t) == fold(&text)) || super::byline::prefix_len(&text).is_some() {
        return None;
    }
    Some(text)
}

/// The element right after the `<h1>` when both sit in a `<header>`/`<hgroup>` and it is an
/// `<h2>` or a `<p>`.
pub fn after_h1(doc: &Document, h1: NodeId) -> Option<NodeId> {
    let in_header = doc
        .ancestors(h1)
        .take(3)
        .any(|a| matches!(doc.tag(a), Some(Tag::Header | Tag::Hgroup)));
    if !in_header {
        return None;
    }
    let mut next = doc.next_sibling(h1);
    while let Some(n) = next {
        match doc.tag(n) {
            Some(Tag::H2 | Tag::P) => return Some(n),
            Some(_) => return None,
            None => next = doc.next_sibling(n),
        }
    }
    None
}

/// The node ids near the headline where a standfirst may be: the whole page without an `<h1>`.
pub fn window(doc: &Document, h1: Option<NodeId>, cfg: &StandfirstConfig) -> std::ops::Range<u32> {
    match h1 {
        Some(h) => {
            h.0.saturating_sub(cfg.window_before_h1)
                ..doc
                    .descendant_range(h)
                    .end
                    .saturating_add(cfg.window_after_h1)
        }
        None => 0..doc.len() as u32,
    }
}

/// The visible element in `within` whose text matches `description`; returns that element's text.
pub fn visible_match(
    doc: &Document,
    description: &str,
    within: std::ops::Range<u32>,
    cfg: &StandfirstConfig,
) -> Option<String> {
    let desc_key = fold(description);
    let desc_len = description.chars().count();
    if desc_len < cfg.min_chars || desc_len > cfg.max_chars {
        return None;
    }
    let probe = char_prefix(&desc_key, cfg.probe_chars);
    let first = probe.chars().next()?;
    let first_alnum = |t: &str| {
        t.chars()
            .find(|c| c.is_alphanumeric())
            .and_then(|c| c.to_lowercase().next())
    };
    for i in within.start..within.end.min(doc.len() as u32) {
        let id = NodeId(i);
        let Some(t) = doc.text(id) else { continue };
        let t = t.trim();
        if t.len() < cfg.min_chars.min(probe.len()) {
            continue;
        }
        let Some(parent) = doc.parent(id) else {
            continue;
        };
        if matches!(
            doc.tag(parent),
            Some(
                Tag::Script
                    | Tag::Style
                    | Tag::Title
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Textarea
            )
        ) {
            continue;
        }
        if first_alnum(t) != Some(first)
            || !fold(char_prefix(t, cfg.probe_chars * 2)).starts_with(probe)
        {
            continue;
        }
        // The nearest block element around the text.
        let block = std::iter::once(parent)
            .chain(doc.ancestors(parent))
            .take(4)
            .find(|&a| doc.tag(a).is_some_and(|t| t.is_block()))
            .unwrap_or(parent);
        let range = doc.descendant_range(block);
        if range.end - range.start > cfg.max_candidate_nodes {
            continue;
        }
        let text = doc.text_content(block);
        if similar(&text, description, cfg.min_similarity) {
            return Some(text);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: StandfirstConfig = StandfirstConfig::DEFAULT;

    #[test]
    fn description_counts_only_when_visible() {
        let desc = "Les négociations ont abouti après trois jours de discussions à Bruxelles.";
        let doc = Document::parse_str(&format!(
            "<head><meta name=description content=\"{desc}\"></head><body><h1>Titre</h1><p>  {desc}</p></body>"
        ));
        assert_eq!(
            visible_match(&doc, desc, 0..u32::MAX, &C).as_deref(),
            Some(desc)
        );
        let hidden = Document::parse_str(&format!(
            "<head><meta name=description content=\"{desc}\"></head><p>Autre chose.</p>"
        ));
        assert_eq!(visible_match(&hidden, desc, 0..u32::MAX, &C), None);
    }

    #[test]
    fn truncated_description_matches_its_element() {
        let full =
            "Die Verhandlungen endeten nach drei Tagen mit einer Einigung über den Haushalt.";
        let doc = Document::parse_str(&format!(
            "<header><h1>Titel</h1><h2 class=x>{full}</h2></header>"
        ));
        assert_eq!(
            visible_match(
                &doc,
                "Die Verhandlungen endeten nach drei Tagen mit einer Einigung…",
                0..u32::MAX,
                &C
            )
            .as_deref(),
            Some(full)
        );
    }

    #[test]
    fn h2_after_h1_in_header() {
        let doc = Document::parse_str(
            "<header><h1>Titolo</h1>\n<h2>Il sottotitolo spiega la notizia in breve.</h2></header>",
        );
        let h1 = doc
            .elements_by_tag(Tag::H1)
            .map(|(id, _)| id)
            .next()
            .unwrap_or(doc.root());
        let h2 = after_h1(&doc, h1).and_then(|id| candidate_text(&doc, id, Some("Titolo"), &C));
        assert_eq!(
            h2.as_deref(),
            Some("Il sottotitolo spiega la notizia in breve.")
        );
        let bare = Document::parse_str("<h1>Titolo</h1><h2>Altro</h2>");
        let h1 = bare
            .elements_by_tag(Tag::H1)
            .map(|(id, _)| id)
            .next()
            .unwrap_or(bare.root());
        assert_eq!(after_h1(&bare, h1), None);
    }
}
