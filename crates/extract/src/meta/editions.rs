//! Editions: the same article in other languages.
//!
//! *What it does*: reads `<link rel=alternate hreflang href>` (skipping `x-default` and the
//! page's own language and URL), `<a hreflang>`, language-switcher menus (class/id/aria-label
//! like `lang-switch`, `languages`) and lists whose links are mostly language names.
//! *Why*: multilingual outlets link their translations; the record lists them.
//! *Example*: `<link rel=alternate hreflang=fr href=/fr/a>` on an English page →
//! `{language: "fr", url: "https://site/fr/a"}`.

use super::scan::Scan;
use crate::dom::{Document, NodeId, Tag};
use newsloom_model::{Edition, Language};
use url::Url;

/// Thresholds of edition finding.
#[derive(Debug, Clone, Copy)]
pub struct EditionsConfig {
    /// Fewest language links that make an unmarked list a language switcher.
    pub min_switcher_links: usize,
    /// Largest switcher element read, in nodes.
    pub max_switcher_nodes: u32,
    /// Longest link text read as a language name or code, in bytes.
    pub max_label_chars: usize,
    /// Most editions kept.
    pub max_editions: usize,
}

impl EditionsConfig {
    /// Defaults.
    pub const DEFAULT: EditionsConfig = EditionsConfig {
        min_switcher_links: 2,
        max_switcher_nodes: 600,
        max_label_chars: 24,
        max_editions: 60,
    };
}

/// What the page is: its language and its URLs (input, canonical), used to skip itself.
#[derive(Debug, Clone, Default)]
pub struct Page<'a> {
    /// The declared language.
    pub language: Option<&'a Language>,
    /// The page's own URLs, resolved.
    pub urls: Vec<String>,
    /// The base for relative links.
    pub base: Option<&'a Url>,
}

/// A BCP 47 tag as the record wants it: primary subtag lower-case, region as given, `_` → `-`;
/// `None` for `x-default` and anything unreadable.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    if tag.is_empty() || tag.eq_ignore_ascii_case("x-default") {
        return None;
    }
    let mut parts = tag.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lang = Language::parse(&primary)?;
    let mut out = lang.code().to_string();
    for p in parts {
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        out.push_str(p);
    }
    Some(out)
}

fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    match base {
        Some(b) => b.join(href).ok().map(String::from),
        None => Url::parse(href)
            .ok()
            .map(String::from)
            .or_else(|| Some(href.to_string())),
    }
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/')
        .eq_ignore_ascii_case(b.trim_end_matches('/'))
}

struct Collector<'p> {
    page: &'p Page<'p>,
    out: Vec<Edition>,
    max: usize,
}

impl Collector<'_> {
    fn add(&mut self, tag: &str, href: &str) -> bool {
        let Some(code) = normalize_tag(tag) else {
            return false;
        };
        let primary = code.split('-').next().unwrap_or(&code).to_string();
        if self.page.language.is_some_and(|l| l.code() == primary) {
            return false;
        }
        let Some(url) = resolve(href, self.page.base) else {
            return false;
        };
        if self.page.urls.iter().any(|u| same_url(u, &url)) {
            return false;
        }
        let dup = self.out.iter().any(|e| {
            e.language.eq_ignore_ascii_case(&code)
                || (!code.contains('-') && e.language.split('-').next() == Some(primary.as_str()))
        });
        if dup || self.out.len() >= self.max {
            return false;
        }
        self.out.push(Edition {
            language: code,
            url: Some(url),
        });
        true
    }
}

/// Finds the editions; the origin is that of the first source that gave one.
pub fn collect(
    doc: &Document,
    scan: &Scan<'_>,
    page: &Page<'_>,
    cfg: &EditionsConfig,
) -> (Vec<Edition>, Option<&'static str>) {
    let mut c = Collector {
        page,
        out: Vec::new(),
        max: cfg.max_editions,
    };
    let mut origin = None;
    for (tag, href) in &scan.hreflang_links {
        if c.add(tag, href) {
            origin.get_or_insert("meta");
        }
    }
    for (tag, href) in &scan.hreflang_anchors {
        if c.add(tag, href) {
            origin.get_or_insert("dom");
        }
    }
    // Marked switchers: every link with a language (hreflang, lang, name or code as text).
    for &sw in &scan.switchers {
        let range = doc.descendant_range(sw);
        if range.end - range.start > cfg.max_switcher_nodes {
            continue;
        }
        for a in doc.descendants(sw).filter(|&n| doc.tag(n) == Some(Tag::A)) {
            let Some(href) = doc.attr(a, "href") else {
                continue;
            };
            if let Some(tag) = anchor_language(doc, a, cfg) {
                if c.add(&tag, href) {
                    origin.get_or_insert("dom");
                }
            }
        }
    }
    // Unmarked lists whose links are language names.
    let anchors = &scan.lang_anchors;
    let mut i = 0;
    while i < anchors.len() {
        let group_of = |k: usize| list_container(doc, anchors[k].0);
        let g = group_of(i);
        let mut j = i + 1;
        while j < anchors.len() && group_of(j) == g {
            j += 1;
        }
        if j - i >= cfg.min_switcher_links {
            let total = doc
                .descendants(g)
                .filter(|&n| doc.tag(n) == Some(Tag::A))
                .take(4 * (j - i) + 1)
                .count();
            if total <= 2 * (j - i) {
                for (_, lang, href) in &anchors[i..j] {
                    if c.add(lang.code(), href) {
                        origin.get_or_insert("dom");
                    }
                }
            }
        }
        i = j;
    }
    (plain_codes(c.out), origin)
}

/// Drops the region of a tag ("en-GB" → "en") unless another edition has the same language.
fn plain_codes(mut editions: Vec<Edition>) -> Vec<Edition> {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_string();
    let primaries: Vec<String> = editions.iter().map(|e| primary(&e.language)).collect();
    for (k, e) in editions.iter_mut().enumerate() {
        let shared = primaries
            .iter()
            .enumerate()
            .any(|(j, p)| j != k && *p == primaries[k]);
        if !shared {
            e.language = primaries[k].clone();
        }
    }
    editions
}

/// The list (or other container) that holds a language link: the parent, or the `<li>`'s parent.
fn list_container(doc: &Document, a: NodeId) -> NodeId {
    let parent = doc.parent(a).unwrap_or(doc.root());
    match doc.tag(parent) {
        Some(Tag::Li) => doc.parent(parent).unwrap_or(parent),
        _ => parent,
    }
}

/// The language of a switcher link: `hreflang`, `lang`, a language name, or a code ("FR").
fn anchor_language(doc: &Document, a: NodeId, cfg: &EditionsConfig) -> Option<String> {
    if let Some(t) = doc.attr(a, "hreflang").or_else(|| doc.attr(a, "lang")) {
        return Some(t.to_string());
    }
    let range = doc.descendant_range(a);
    if range.end - range.start > 6 {
        return None;
    }
    let text = doc.text_content(a);
    if text.is_empty() || text.len() > cfg.max_label_chars {
        return None;
    }
    if let Some(l) = Language::from_name(&text.to_lowercase()) {
        return Some(l.code().to_string());
    }
    let code_like = text.len() <= 5
        && text
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    code_like.then(|| normalize_tag(&text)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{scan::scan, MetaConfig};

    fn editions(html: &str, lang: Language, url: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::parse_str(html);
        let s = scan(&doc, &MetaConfig::DEFAULT);
        let base = Url::parse(url).ok();
        let page = Page {
            language: Some(&lang),
            urls: vec![url.to_string()],
            base: base.as_ref(),
        };
        collect(&doc, &s, &page, &EditionsConfig::DEFAULT)
            .0
            .into_iter()
            .map(|e| (e.language, e.url))
            .collect()
    }

    #[test]
    fn hreflang_links_skip_default_and_self() {
        let e = editions(
            r#"<head><link rel="alternate" hreflang="x-default" href="/en/a">
            <link rel="alternate" hreflang="en" href="/en/a"><link rel="alternate" hreflang="fr" href="/fr/a">
            <link rel="alternate" hreflang="pt-BR" href="https://site.test/pt/a">
            <link rel="alternate" hreflang="pt-PT" href="/pt-pt/a"><link rel="alternate" hreflang="de_DE" href="/de/a"></head>"#,
            Language::En,
            "https://site.test/en/a",
        );
        assert_eq!(
            e,
            vec![
                ("fr".into(), Some("https://site.test/fr/a".into())),
                ("pt-BR".into(), Some("https://site.test/pt/a".into())),
                ("pt-PT".into(), Some("https://site.test/pt-pt/a".into())),
                ("de".into(), Some("https://site.test/de/a".into())),
            ]
        );
    }

    #[test]
    fn visible_switcher_adds_languages_once() {
        let e = editions(
            r#"<link rel="alternate" hreflang="es" href="/es/a"><body>
            <ul class="language-switcher"><li><a href="/es/a">ES</a></li><li><a href="/it/a">IT</a></li>
            <li><a href="/fr/a">FR</a></li></ul></body>"#,
            Language::Fr,
            "https://site.test/fr/a",
        );
        let langs: Vec<_> = e.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, vec!["es", "it"]);
    }

    #[test]
    fn unmarked_list_of_language_names() {
        let e = editions(
            r#"<body><p>Read <a href="/x">more</a></p><ul><li><a href="/en/a">English</a></li>
            <li><a href="/de/a">Deutsch</a></li><li><a href="/it/a">Italiano</a></li></ul></body>"#,
            Language::Es,
            "https://site.test/es/a",
        );
        let langs: Vec<_> = e.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, vec!["en", "de", "it"]);
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(normalize_tag("x-default"), None);
        assert_eq!(normalize_tag("FR"), Some("fr".into()));
        assert_eq!(normalize_tag("pt_BR"), Some("pt-BR".into()));
        assert_eq!(normalize_tag("zz9"), None);
    }
}
