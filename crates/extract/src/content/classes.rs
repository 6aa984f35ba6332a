//! Class and id tokens: splitting `class`/`id` values into comparable tokens and matching them
//! against the vocabularies of [`super::vocab`].

use crate::dom::Element;

/// Calls `f` with each lower-cased token of the element's `class` and `id`: whole
/// space-separated names ("article-body"), and their parts split at `-`, `_` and camel-case
/// humps ("article", "body").
pub fn for_each_token(element: &Element, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut buf = String::new();
    for attr in ["class", "id"] {
        let Some(value) = element.attr(attr) else {
            continue;
        };
        for name in value.split_ascii_whitespace().take(16) {
            buf.clear();
            // Whole name, lower-cased, camel humps marked by '-'.
            let mut prev_lower = false;
            for c in name.chars() {
                if c.is_ascii_uppercase() && prev_lower {
                    buf.push('-');
                }
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                buf.push(c.to_ascii_lowercase());
            }
            let whole = buf.replace('_', "-");
            if super::vocab::STATE_PREFIXES
                .iter()
                .any(|p| whole.starts_with(p) || whole.contains(&format!("-{p}")))
            {
                continue;
            }
            if f(&whole) {
                return true;
            }
            // Compact form without separators ("article-body" → "articlebody").
            if whole.contains('-') {
                let compact: String = whole.chars().filter(|&c| c != '-').collect();
                if f(&compact) {
                    return true;
                }
                for part in whole.split('-').filter(|p| !p.is_empty()) {
                    if f(part) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// True when `token` matches an entry of `vocab` (exact, or prefix for entries ending in `*`).
pub fn matches(vocab: &[&str], token: &str) -> bool {
    vocab.iter().any(|entry| match entry.strip_suffix('*') {
        Some(prefix) => token.starts_with(prefix),
        None => token == *entry,
    })
}

/// True when any class/id token of `element` matches `vocab`.
pub fn any_token_in(element: &Element, vocab: &[&str]) -> bool {
    for_each_token(element, |t| matches(vocab, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Document, Tag};

    fn first_div(html: &str) -> Element {
        let doc = Document::parse_str(html);
        let (_, e) = doc.elements_by_tag(Tag::Div).next().expect("a div");
        e.clone()
    }

    #[test]
    fn splits_camel_case_and_separators() {
        let e = first_div("<div class='relatedArticles main_col' id=x></div>");
        let mut seen = Vec::new();
        for_each_token(&e, |t| {
            seen.push(t.to_string());
            false
        });
        assert!(seen.contains(&"related-articles".to_string()));
        assert!(seen.contains(&"related".to_string()));
        assert!(seen.contains(&"col".to_string()));
    }

    #[test]
    fn prefix_entries_match() {
        assert!(matches(&["comment*"], "comments"));
        assert!(!matches(&["ad"], "add"));
        assert!(matches(&["ad"], "ad"));
    }
}
