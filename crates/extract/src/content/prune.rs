//! Pruning: which subtrees can never be article body.
//!
//! Two tiers. [`hard`] drops what is never body whatever the page (scripts, forms controls,
//! navigation landmarks, hidden elements). [`by_class`] drops elements whose class or id names
//! boilerplate (share bars, related links, comments…), unless the element holds most of the
//! page's paragraph text — a guard against pages that put `has-sidebar` on the article wrapper.

use super::classes;
use super::stats::Stats;
use super::vocab::{BOILERPLATE_TOKENS, STRONG_BOILERPLATE_TOKENS};
use crate::dom::{Document, NodeId, NodeKind, Tag};

/// Share of the page's paragraph text above which a class-matched element is kept anyway.
pub const GUARD_SHARE: f32 = 0.4;

/// Marks nodes that are never body: returns `dead[i]`, true for every node inside a dropped
/// subtree.
pub fn hard(doc: &Document) -> Vec<bool> {
    let mut dead = vec![false; doc.len()];
    let mut in_paragraph = vec![false; doc.len()];
    for i in 1..doc.len() {
        let id = NodeId(i as u32);
        let parent = doc.parent(id).map_or(0, |p| p.index());
        if dead[parent] {
            dead[i] = true;
            continue;
        }
        in_paragraph[i] = in_paragraph[parent] || doc.tag(id) == Some(Tag::P);
        if let NodeKind::Element(e) = &doc.node(id).kind {
            dead[i] = is_never_body(e) || (in_paragraph[parent] && is_hover_card(doc, id, e.tag));
        } else if let NodeKind::Comment = doc.node(id).kind {
            dead[i] = true;
        }
    }
    dead
}

/// An inline element inside a paragraph that holds an image and several links: a hover card
/// (a person's photo and latest articles) that the browser shows only on mouse-over.
fn is_hover_card(doc: &Document, id: NodeId, tag: Tag) -> bool {
    if tag != Tag::Span {
        return false;
    }
    let (mut images, mut links) = (0, 0);
    let mut first = None;
    for d in doc.descendants(id) {
        let t = doc.tag(d);
        if first.is_none() && t.is_some_and(|t| t != Tag::Span) {
            first = t;
        }
        match t {
            Some(Tag::Img | Tag::Picture) => images += 1,
            Some(Tag::A) => links += 1,
            _ => {}
        }
    }
    // The card opens with its picture; a name link followed by its card is not one.
    images >= 1 && links >= 2 && matches!(first, Some(Tag::Img | Tag::Picture))
}

fn is_never_body(e: &crate::dom::Element) -> bool {
    let by_tag = matches!(
        e.tag,
        Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Canvas
            | Tag::Video
            | Tag::Audio
            | Tag::Head
            | Tag::Title
            | Tag::Meta
            | Tag::Link
            | Tag::Nav
            | Tag::Aside
            | Tag::Footer
            | Tag::Button
            | Tag::Select
            | Tag::Textarea
            | Tag::Input
            | Tag::Label
            | Tag::Dialog
            | Tag::Map
            | Tag::Frameset
            | Tag::Noembed
            | Tag::Noframes
            | Tag::Figcaption
            | Tag::Search
            | Tag::Fieldset
    );
    if by_tag {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = e.attr("role") {
        if matches!(
            role.trim(),
            "navigation"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "search"
                | "menu"
                | "menubar"
                | "banner"
                | "toolbar"
                | "tablist"
        ) {
            return true;
        }
    }
    if e.attr("itemprop").is_some_and(|p| p.contains("comment")) {
        return true;
    }
    false
}

/// Extends `dead` with elements whose class or id names boilerplate, guarded by `stats`.
pub fn by_class(doc: &Document, dead: &[bool], stats: &Stats) -> Vec<bool> {
    let total = stats.good_chars(doc.root()) as f32;
    let mut out = dead.to_vec();
    for i in 1..doc.len() {
        if out[i] {
            continue;
        }
        let id = NodeId(i as u32);
        let parent = doc.parent(id).map_or(0, |p| p.index());
        if out[parent] {
            out[i] = true;
            continue;
        }
        let Some(e) = doc.element(id) else { continue };
        if matches!(e.tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main) {
            continue;
        }
        if e.attr("itemprop")
            .is_some_and(|p| p.contains("articleBody"))
        {
            continue;
        }
        // Forms are dropped like boilerplate classes: some CMSs wrap the whole page in one.
        let soft_tag = e.tag == Tag::Form;
        if classes::any_token_in(e, super::vocab::BODY_TOKENS)
            || classes::any_token_in(e, super::vocab::EMBED_TOKENS)
        {
            continue;
        }
        let strong = classes::any_token_in(e, STRONG_BOILERPLATE_TOKENS);
        if strong
            || (soft_tag || classes::any_token_in(e, BOILERPLATE_TOKENS))
                && (stats.good_chars(id) as f32) < GUARD_SHARE * total
        {
            out[i] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alive_text(html: &str) -> String {
        let doc = Document::parse_str(html);
        let dead = hard(&doc);
        let stats = Stats::compute(&doc, &dead, 25);
        let dead = by_class(&doc, &dead, &stats);
        (0..doc.len())
            .filter(|&i| !dead[i])
            .filter_map(|i| doc.text(NodeId(i as u32)))
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn drops_landmarks_hidden_and_scripts() {
        let t = alive_text(
            "<nav>menu</nav><p>body</p><div hidden>h</div><div style='display: none'>n</div>\
             <script>x</script><div role=navigation>r</div>",
        );
        assert_eq!(t, "body");
    }

    #[test]
    fn drops_hover_cards_inside_paragraphs_but_keeps_the_name() {
        let t = alive_text(
            "<p>He met <span class=person><a href=/p>Ilhan Omar</a><span class=card>\
             <img src=x><a href=/1>Latest story</a><a href=/2>Other story</a></span></span> on Monday.</p>",
        );
        assert!(t.contains("Ilhan Omar"), "{t}");
        assert!(!t.contains("Latest story"), "{t}");
    }

    #[test]
    fn drops_share_bars_but_not_a_wrapper_holding_the_article() {
        let para = "A sentence of the article body, long enough to count as a paragraph.";
        let html = format!(
            "<div class='share-bar'>Share</div><div class='content has-sidebar'><p>{para}</p>\
             <p>{para}</p></div>"
        );
        let t = alive_text(&html);
        assert!(!t.contains("Share"));
        assert!(t.contains("A sentence"));
    }
}
