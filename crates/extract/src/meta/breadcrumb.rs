//! The section: the breadcrumb trail, outermost first, without the home link and without the
//! article's own title.
//!
//! *What it does*: reads crumbs from a JSON-LD `BreadcrumbList`, a microdata `BreadcrumbList`
//! or a breadcrumb element (`nav[aria-label*=breadcrumb]`, `[class*=breadcrumb]`), then drops
//! "Home"/"Accueil"/"Inicio"/"Startseite", the site's name, links to "/", and the title.
//! *Why*: the trail is the page's own classification of the story.
//! *Example*: `Home › World › Europe › Big news` on the page "Big news" → `["World", "Europe"]`.

use super::text::{fold, has_word};
use super::vocab;
use crate::dom::{Document, NodeId, Tag};

/// Thresholds of breadcrumb reading.
#[derive(Debug, Clone, Copy)]
pub struct BreadcrumbConfig {
    /// Largest breadcrumb element read, in nodes.
    pub max_container_nodes: u32,
    /// Longest crumb kept, in characters.
    pub max_crumb_chars: usize,
    /// Most crumbs kept.
    pub max_crumbs: usize,
    /// An unlinked last crumb of at least this many words is taken for the (truncated) title.
    pub title_like_words: usize,
}

impl BreadcrumbConfig {
    /// Defaults.
    pub const DEFAULT: BreadcrumbConfig = BreadcrumbConfig {
        max_container_nodes: 400,
        max_crumb_chars: 60,
        max_crumbs: 8,
        title_like_words: 7,
    };
}

/// A crumb as found: its label and link.
pub type Crumb = (String, Option<String>);

/// Reads the crumbs of a breadcrumb element.
pub fn from_element(doc: &Document, container: NodeId, cfg: &BreadcrumbConfig) -> Vec<Crumb> {
    let range = doc.descendant_range(container);
    if range.end - range.start > cfg.max_container_nodes {
        return Vec::new();
    }
    let first_href = |id: NodeId| {
        if doc.tag(id) == Some(Tag::A) {
            return doc.attr(id, "href").map(str::to_string);
        }
        doc.descendants(id)
            .find(|&n| doc.tag(n) == Some(Tag::A))
            .and_then(|a| doc.attr(a, "href"))
            .map(str::to_string)
    };
    // Microdata items.
    let items: Vec<NodeId> = doc
        .descendants(container)
        .filter(|&n| {
            doc.attr(n, "itemprop")
                .is_some_and(|p| has_word(p, &["itemListElement"]))
        })
        .collect();
    if !items.is_empty() {
        return items
            .iter()
            .map(|&item| {
                let name = doc
                    .descendants(item)
                    .find(|&n| {
                        doc.attr(n, "itemprop")
                            .is_some_and(|p| has_word(p, &["name"]))
                    })
                    .map_or_else(
                        || doc.text_content(item),
                        |n| {
                            doc.attr(n, "content")
                                .map_or_else(|| doc.text_content(n), str::to_string)
                        },
                    );
                (name, first_href(item))
            })
            .collect();
    }
    // List items without nested lists.
    let lis: Vec<NodeId> = doc
        .descendants(container)
        .filter(|&n| {
            doc.tag(n) == Some(Tag::Li) && !doc.descendants(n).any(|d| doc.tag(d) == Some(Tag::Li))
        })
        .collect();
    if !lis.is_empty() {
        return lis
            .iter()
            .map(|&li| (doc.text_content(li), first_href(li)))
            .collect();
    }
    // Links, then the unlinked last label.
    let anchors: Vec<NodeId> = doc
        .descendants(container)
        .filter(|&n| doc.tag(n) == Some(Tag::A))
        .collect();
    let full = doc.text_content(container);
    if !anchors.is_empty() {
        let mut crumbs: Vec<Crumb> = anchors
            .iter()
            .map(|&a| (doc.text_content(a), doc.attr(a, "href").map(str::to_string)))
            .collect();
        if let Some((last, _)) = crumbs.last() {
            if let Some(pos) = full.rfind(last.as_str()) {
                let tail = full[pos + last.len()..].trim_matches(|c: char| {
                    c.is_whitespace() || vocab::CRUMB_SEPARATORS.contains(&c)
                });
                if !tail.is_empty() {
                    crumbs.push((tail.to_string(), None));
                }
            }
        }
        return crumbs;
    }
    full.split(vocab::CRUMB_SEPARATORS)
        .map(|s| (s.trim().to_string(), None))
        .collect()
}

/// True when `href` points at the site's home page.
fn is_home_link(href: &str) -> bool {
    let h = href.trim();
    if h == "/" || h == "./" || h == "#" || h.is_empty() {
        return true;
    }
    match url::Url::parse(h) {
        Ok(u) => u.path() == "/" && u.query().is_none() && u.fragment().is_none(),
        Err(_) => false,
    }
}

/// Cleans a trail: labels trimmed, home links, the site's name and the title dropped.
pub fn clean(
    crumbs: &[Crumb],
    title: Option<&str>,
    site: Option<&str>,
    cfg: &BreadcrumbConfig,
) -> Vec<String> {
    let site_key = site.map(fold).filter(|s| !s.is_empty());
    let mut out: Vec<(String, bool)> = Vec::new();
    for (label, href) in crumbs {
        let label = crate::dom::collapse_whitespace(label);
        let label = label.trim_matches(|c: char| {
            c.is_whitespace() || vocab::CRUMB_SEPARATORS.contains(&c) || c == ','
        });
        let key = fold(label);
        if key.is_empty() || label.chars().count() > cfg.max_crumb_chars * 2 {
            continue;
        }
        let home = vocab::HOME_LABELS.iter().any(|h| fold(h) == key)
            || site_key.as_ref().is_some_and(|s| *s == key)
            || href.as_deref().is_some_and(is_home_link);
        if home {
            continue;
        }
        if out.last().is_some_and(|(l, _)| fold(l) == key) {
            continue;
        }
        out.push((label.to_string(), href.is_some()));
    }
    // The last crumb is often the article itself.
    if let Some((last, linked)) = out.last() {
        let key = fold(last);
        let is_title = title.is_some_and(|t| {
            let tk = fold(t);
            tk == key || (key.len() >= 12 && tk.starts_with(key.as_str()))
        });
        let title_like = !linked && last.split_whitespace().count() >= cfg.title_like_words;
        if is_title || title_like {
            out.pop();
        }
    }
    out.retain(|(l, _)| l.chars().count() <= cfg.max_crumb_chars);
    out.truncate(cfg.max_crumbs);
    out.into_iter().map(|(l, _)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: BreadcrumbConfig = BreadcrumbConfig::DEFAULT;

    fn trail(html: &str, title: &str) -> Vec<String> {
        let doc = Document::parse_str(html);
        let container = doc
            .elements()
            .find(|(_, e)| {
                e.attr("class").is_some_and(|c| c.contains("breadcrumb"))
                    || e.attr("aria-label").is_some()
            })
            .map(|(id, _)| id)
            .unwrap_or(doc.root());
        clean(
            &from_element(&doc, container, &C),
            Some(title),
            Some("The Planet"),
            &C,
        )
    }

    #[test]
    fn list_breadcrumb_without_home_and_title() {
        let t = trail(
            r#"<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
            <li><a href="/world/europe">Europe</a></li><li>Big news today</li></ol>"#,
            "Big news today",
        );
        assert_eq!(t, vec!["World", "Europe"]);
    }

    #[test]
    fn localised_home_labels_are_dropped() {
        for home in ["Accueil", "Inicio", "Startseite", "Home page", "Portada"] {
            let t = trail(
                &format!(
                    r#"<nav aria-label="Breadcrumb"><a href="/x">{home}</a> › <a href="/pol">Politik</a></nav>"#
                ),
                "Titel",
            );
            assert_eq!(t, vec!["Politik"], "{home}");
        }
    }

    #[test]
    fn links_to_root_and_site_name_are_home() {
        let t = trail(
            r#"<div class="breadcrumbs"><a href="https://planet.test/">Planet</a> / <a href="/cultura">Cultura</a> / <a href="/cultura/cine">Cine</a></div>"#,
            "Otra cosa",
        );
        assert_eq!(t, vec!["Cultura", "Cine"]);
    }

    #[test]
    fn microdata_breadcrumb() {
        let t = trail(
            r#"<ol class="breadcrumb" itemscope itemtype="https://schema.org/BreadcrumbList">
            <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/"><span itemprop="name">The Planet</span></a></li>
            <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/esteri"><span itemprop="name">Esteri</span></a></li></ol>"#,
            "Titolo",
        );
        assert_eq!(t, vec!["Esteri"]);
    }

    #[test]
    fn flat_text_breadcrumb() {
        let doc = Document::parse_str(
            r#"<div class="breadcrumb">Accueil &gt; International &gt; Europe</div>"#,
        );
        let div = doc
            .elements_by_tag(Tag::Div)
            .map(|(id, _)| id)
            .next()
            .unwrap_or(doc.root());
        assert_eq!(
            clean(&from_element(&doc, div, &C), None, None, &C),
            vec!["International", "Europe"]
        );
    }
}
