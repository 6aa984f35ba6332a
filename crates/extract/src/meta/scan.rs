//! The one pass over the page's elements that collects every metadata candidate.
//!
//! *What it does*: walks `doc.elements()` once and notes meta tags, links, JSON-LD scripts,
//! headings, `<time>`s, and elements whose class, id, `itemprop` or `rel` mark a byline,
//! standfirst, breadcrumb, date or language switcher.
//! *Why*: one linear pass keeps metadata cheap on 200 KB pages; the heuristics then look only
//! at the few candidates.
//! *Example*: `<p class="article__standfirst">` becomes a standfirst candidate.

use super::metatags::MetaTags;
use super::text::{attr_words, contains_ci, has_word};
use super::vocab::markers;
use super::MetaConfig;
use crate::dom::{Document, Element, NodeId, Tag};
use newsloom_model::Language;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A candidate element and whether it sits in the article's own region (`<article>`, `<main>`,
/// `<header>`, or an element typed as an Article).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The element.
    pub id: NodeId,
    /// Inside the article region.
    pub in_article: bool,
}

/// A byline candidate and how it was marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylineMark {
    /// `itemprop=author` (microdata).
    Itemprop,
    /// `rel=author`.
    RelAuthor,
    /// A class or id like `byline`, `author`, `autor`.
    Class,
}

/// Everything the pass collected.
#[derive(Debug, Default)]
pub struct Scan<'d> {
    /// `<html lang>`.
    pub html_lang: Option<&'d str>,
    /// The first `<title>` outside `<svg>`.
    pub title: Option<NodeId>,
    /// `<h1>` elements (capped).
    pub h1s: Vec<Found>,
    /// All meta tags.
    pub metas: MetaTags<'d>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<&'d str>,
    /// `<link rel=alternate hreflang href>`: (hreflang, href).
    pub hreflang_links: Vec<(&'d str, &'d str)>,
    /// `<a hreflang href>`: (hreflang, href).
    pub hreflang_anchors: Vec<(&'d str, &'d str)>,
    /// JSON-LD scripts.
    pub jsonld: Vec<NodeId>,
    /// `<time>` elements outside foreign regions.
    pub times: Vec<Found>,
    /// Byline candidates.
    pub bylines: Vec<(Found, BylineMark)>,
    /// Standfirst candidates (class/id marked, `p.lead`, `itemprop=description`).
    pub standfirsts: Vec<Found>,
    /// Breadcrumb containers: (element, marked as microdata `BreadcrumbList`).
    pub breadcrumbs: Vec<(NodeId, bool)>,
    /// Language-switcher containers.
    pub switchers: Vec<NodeId>,
    /// Links whose whole text is a language name: (anchor, language, href).
    pub lang_anchors: Vec<(NodeId, Language, &'d str)>,
    /// Elements likely to show a date (class/id words like `date`, `published`).
    pub dates: Vec<Found>,
    /// Microdata `itemprop` values of body elements: (element, itemprop).
    pub itemprops: Vec<(Found, &'d str)>,
}

/// The attributes the pass looks at, read in one loop over an element's attributes.
#[derive(Default)]
struct Attrs<'d> {
    class: Option<&'d str>,
    id: Option<&'d str>,
    itemprop: Option<&'d str>,
    itemtype: Option<&'d str>,
    rel: Option<&'d str>,
    aria_label: Option<&'d str>,
    hreflang: Option<&'d str>,
    href: Option<&'d str>,
}

impl<'d> Attrs<'d> {
    fn of(e: &'d Element) -> Self {
        let mut a = Attrs::default();
        for attr in &e.attrs {
            let v = Some(&*attr.value);
            match &*attr.name {
                "class" => a.class = v,
                "id" => a.id = v,
                "itemprop" => a.itemprop = v,
                "itemtype" => a.itemtype = v,
                "rel" => a.rel = v,
                "aria-label" => a.aria_label = v,
                "hreflang" => a.hreflang = v,
                "href" => a.href = v,
                _ => {}
            }
        }
        a
    }

    /// The marks of the class and id (class marks cached by value: pages repeat their classes).
    fn marks(&self, cache: &mut HashMap<&'d str, u8>) -> u8 {
        let class = self
            .class
            .map_or(0, |c| *cache.entry(c).or_insert_with(|| classify(c)));
        class | self.id.map_or(0, classify)
    }
}

/// Marks of an element, from its class and id.
mod mark {
    pub const STANDFIRST: u8 = 1;
    pub const BYLINE: u8 = 2;
    pub const CRUMB: u8 = 4;
    pub const SWITCH: u8 = 8;
    pub const DATE: u8 = 16;
    pub const FOREIGN: u8 = 32;
}

/// Needles starting with one byte: (needle, mark).
type NeedleBucket = Vec<(&'static [u8], u8)>;

/// Substring needles by their first byte, built once from the vocabularies.
fn needle_table() -> &'static [NeedleBucket] {
    static TABLE: OnceLock<Vec<NeedleBucket>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<NeedleBucket> = vec![Vec::new(); 256];
        let lists: [(&[&'static str], u8); 4] = [
            (markers::STANDFIRST_SUBSTRINGS, mark::STANDFIRST),
            (markers::BYLINE_SUBSTRINGS, mark::BYLINE),
            (markers::BREADCRUMB_SUBSTRINGS, mark::CRUMB),
            (markers::LANG_SWITCH_SUBSTRINGS, mark::SWITCH),
        ];
        for (list, flag) in lists {
            for n in list {
                if let Some(&first) = n.as_bytes().first() {
                    t[usize::from(first)].push((n.as_bytes(), flag));
                }
            }
        }
        t
    })
}

/// The marks of one class or id value: one pass for the substrings, one over the words.
fn classify(value: &str) -> u8 {
    let table = needle_table();
    let b = value.as_bytes();
    let mut flags = 0u8;
    for i in 0..b.len() {
        for (needle, flag) in &table[usize::from(b[i].to_ascii_lowercase())] {
            if flags & flag == 0
                && b.len() - i >= needle.len()
                && b[i..i + needle.len()].eq_ignore_ascii_case(needle)
            {
                flags |= flag;
            }
        }
    }
    let words: [(&[&str], u8); 4] = [
        (markers::STANDFIRST_WORDS, mark::STANDFIRST),
        (markers::BREADCRUMB_WORDS, mark::CRUMB),
        (markers::DATE_WORDS, mark::DATE),
        (markers::FOREIGN_REGION_WORDS, mark::FOREIGN),
    ];
    for w in attr_words(value) {
        for (list, flag) in words {
            if flags & flag == 0 && list.iter().any(|x| w.eq_ignore_ascii_case(x)) {
                flags |= flag;
            }
        }
    }
    flags
}

fn push_capped<T>(v: &mut Vec<T>, item: T, cap: usize) {
    if v.len() < cap {
        v.push(item);
    }
}

/// Runs the pass.
pub fn scan<'d>(doc: &'d Document, cfg: &MetaConfig) -> Scan<'d> {
    let cap = cfg.max_candidates;
    let mut s = Scan::default();
    // Ends (exclusive node ids) of the regions the walk is inside; nodes are in document order
    // and subtrees are contiguous, so "inside" is one comparison.
    let mut foreign_until = 0u32;
    let mut article_until = 0u32;
    let mut svg_until = 0u32;
    let mut crumb_until = 0u32;
    let mut switch_until = 0u32;
    let mut cache: HashMap<&'d str, u8> = HashMap::new();
    for (id, e) in doc.elements() {
        let end = doc.descendant_range(id).end;
        let in_foreign = id.0 < foreign_until;
        let in_article = id.0 < article_until;
        let found = Found { id, in_article };
        match e.tag {
            Tag::Html => {
                if s.html_lang.is_none() {
                    s.html_lang = e
                        .attr("lang")
                        .or_else(|| e.attr("xml:lang"))
                        .filter(|l| !l.trim().is_empty());
                }
                continue;
            }
            Tag::Head | Tag::Body => continue,
            Tag::Svg => {
                svg_until = end;
                continue;
            }
            Tag::Title => {
                if s.title.is_none() && id.0 >= svg_until {
                    s.title = Some(id);
                }
                continue;
            }
            Tag::Meta => {
                if let Some(content) = e.attr("content") {
                    if let Some(k) = e.attr("property").or_else(|| e.attr("name")) {
                        s.metas.push(k, content);
                    }
                    if let Some(k) = e.attr("itemprop") {
                        s.metas.push(&format!("itemprop:{k}"), content);
                    }
                    if let Some(k) = e.attr("http-equiv") {
                        s.metas.push(&format!("http-equiv:{k}"), content);
                    }
                }
                continue;
            }
            Tag::Link => {
                let (Some(rel), Some(href)) = (e.attr("rel"), e.attr("href")) else {
                    continue;
                };
                if has_word(rel, &["canonical"]) && s.canonical.is_none() {
                    s.canonical = Some(href);
                } else if has_word(rel, &["alternate"]) {
                    if let Some(lang) = e.attr("hreflang") {
                        push_capped(&mut s.hreflang_links, (lang, href), cap * 4);
                    }
                }
                continue;
            }
            Tag::Script => {
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    push_capped(&mut s.jsonld, id, cap);
                }
                continue;
            }
            Tag::Style | Tag::Noscript | Tag::Template => continue,
            _ => {}
        }
        let a = Attrs::of(e);
        let marks = a.marks(&mut cache);
        // Regions.
        let typed_article = a
            .itemtype
            .is_some_and(|t| t.contains("Article") || t.contains("BlogPosting"));
        if (matches!(e.tag, Tag::Article | Tag::Main) || typed_article) && !in_article {
            article_until = end;
        }
        let foreign = matches!(e.tag, Tag::Aside | Tag::Footer)
            || (e.tag == Tag::Nav && marks & mark::CRUMB == 0)
            || marks & mark::FOREIGN != 0;
        if foreign && !in_foreign {
            foreign_until = end;
        }

        // Breadcrumbs (often inside <nav>, so before the foreign-region filter).
        let crumb_micro = a.itemtype.is_some_and(|t| t.contains("BreadcrumbList"));
        let crumb_class =
            marks & mark::CRUMB != 0 || a.aria_label.is_some_and(|l| contains_ci(l, "breadcrumb"));
        if (crumb_micro || crumb_class) && id.0 >= crumb_until {
            push_capped(&mut s.breadcrumbs, (id, crumb_micro), cap);
            crumb_until = end;
        }
        // Language switchers and language links (headers and footers included).
        let switch_marked = marks & mark::SWITCH != 0
            || a.aria_label.is_some_and(|l| {
                markers::LANG_ARIA_SUBSTRINGS
                    .iter()
                    .any(|n| contains_ci(l, n))
            });
        if switch_marked && id.0 >= switch_until && e.tag != Tag::A {
            push_capped(&mut s.switchers, id, cap);
            switch_until = end;
        }
        if e.tag == Tag::A {
            if let Some(href) = a.href {
                if let Some(lang) = a.hreflang {
                    push_capped(&mut s.hreflang_anchors, (lang, href), cap * 4);
                }
                if end - id.0 <= 3 {
                    if let Some(lang) = language_label(doc, id, cfg.max_language_label_chars) {
                        push_capped(&mut s.lang_anchors, (id, lang, href), cap * 4);
                    }
                }
            }
        }
        if in_foreign || foreign {
            continue;
        }
        if e.tag == Tag::H1 {
            push_capped(&mut s.h1s, found, cap);
        }
        if e.tag == Tag::Time {
            push_capped(&mut s.times, found, cap);
        }
        if let Some(prop) = a.itemprop {
            push_capped(&mut s.itemprops, (found, prop), cap * 2);
        }
        if a.rel.is_some_and(|r| has_word(r, &["author"])) {
            push_capped(&mut s.bylines, (found, BylineMark::RelAuthor), cap);
        } else if a
            .itemprop
            .is_some_and(|p| has_word(p, &["author", "creator"]))
        {
            push_capped(&mut s.bylines, (found, BylineMark::Itemprop), cap);
        } else if marks & mark::BYLINE != 0 {
            push_capped(&mut s.bylines, (found, BylineMark::Class), cap);
        }
        if matches!(e.tag, Tag::Meta | Tag::Link | Tag::Img | Tag::Script) {
            continue;
        }
        let standfirst = marks & mark::STANDFIRST != 0
            || a.itemprop
                .is_some_and(|p| has_word(p, &["description", "abstract"]));
        if standfirst && (!e.tag.is_heading() || e.tag == Tag::H2) {
            push_capped(&mut s.standfirsts, found, cap);
        }
        if marks & mark::DATE != 0 {
            push_capped(&mut s.dates, found, cap);
        }
    }
    s
}

/// The language named by a tiny link's only text ("Deutsch", "English"), without allocating
/// for links that cannot be one.
fn language_label(doc: &Document, id: NodeId, max: usize) -> Option<Language> {
    let mut text: Option<&str> = None;
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            if text.is_some() {
                return None;
            }
            text = Some(t);
        }
    }
    let t = text?;
    if t.len() < 4
        || t.len() > max
        || t.contains(char::is_whitespace)
        || !t.chars().next()?.is_alphabetic()
    {
        return None;
    }
    Language::from_name(&t.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_finds_the_candidates() {
        let doc = Document::parse_str(
            r#"<html lang="fr"><head><title>Titre - Site</title>
            <meta property="og:title" content="Titre"><link rel="canonical" href="/a">
            <link rel="alternate" hreflang="en" href="/en/a"></head><body>
            <nav class="breadcrumb"><a href="/">Accueil</a></nav>
            <article><h1>Titre</h1><p class="chapo">Le chapô.</p>
            <span class="byline">Par Claire Dubois</span><time datetime="2030-10-14">14 oct.</time>
            </article><aside><span class="author">Autre Personne</span></aside>
            <ul class="lang-switcher"><li><a href="/en/a">English</a></li></ul></body></html>"#,
        );
        let s = scan(&doc, &MetaConfig::DEFAULT);
        assert_eq!(s.html_lang, Some("fr"));
        assert!(s.title.is_some());
        assert_eq!(s.canonical, Some("/a"));
        assert_eq!(s.hreflang_links, vec![("en", "/en/a")]);
        assert_eq!(s.h1s.len(), 1);
        assert!(s.h1s[0].in_article);
        assert_eq!(s.standfirsts.len(), 1);
        assert_eq!(s.bylines.len(), 1, "the aside's author is not a byline");
        assert_eq!(s.times.len(), 1);
        assert_eq!(s.breadcrumbs.len(), 1);
        assert_eq!(s.switchers.len(), 1);
        assert_eq!(s.lang_anchors.len(), 1);
    }
}
