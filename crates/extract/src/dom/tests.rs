use super::*;

fn tags_under(doc: &Document, id: NodeId) -> Vec<&str> {
    doc.children(id)
        .filter_map(|c| doc.element(c))
        .map(|e| &*e.name)
        .collect()
}

fn first(doc: &Document, tag: Tag) -> NodeId {
    doc.elements_by_tag(tag)
        .next()
        .map(|(id, _)| id)
        .expect("element present")
}

#[test]
fn builds_a_simple_tree() {
    let doc = Document::parse_str("<html><body><div id=a><p>One <b>two</b></p><p>Three</div>");
    let div = first(&doc, Tag::Div);
    assert_eq!(doc.attr(div, "id"), Some("a"));
    assert_eq!(tags_under(&doc, div), vec!["p", "p"]);
    assert_eq!(doc.text_content(div), "One two Three");
}

#[test]
fn implied_end_tags_close_paragraphs_and_items() {
    let doc = Document::parse_str("<p>a<p>b<div>c</div><ul><li>x<li>y</ul>");
    let body: Vec<_> = doc
        .children(doc.root())
        .filter_map(|c| doc.tag(c))
        .collect();
    assert_eq!(body, vec![Tag::P, Tag::P, Tag::Div, Tag::Ul]);
    let ul = first(&doc, Tag::Ul);
    assert_eq!(tags_under(&doc, ul), vec!["li", "li"]);
}

#[test]
fn raw_text_elements_swallow_markup() {
    let doc = Document::parse_str("<script>if (a<b) { x = '</div>'; }</script><p>ok</p>");
    let script = first(&doc, Tag::Script);
    let text = doc
        .children(script)
        .next()
        .and_then(|c| doc.text(c))
        .unwrap_or("");
    assert_eq!(text, "if (a<b) { x = '</div>'; }");
    assert!(doc.elements_by_tag(Tag::P).count() == 1);
}

#[test]
fn attributes_are_decoded_and_lowercased() {
    let doc = Document::parse_str("<A HREF='/x?a=1&amp;b=2' Class=big data-x>t</A>");
    let a = first(&doc, Tag::A);
    assert_eq!(doc.attr(a, "href"), Some("/x?a=1&b=2"));
    assert_eq!(doc.attr(a, "class"), Some("big"));
    assert_eq!(doc.attr(a, "data-x"), Some(""));
}

#[test]
fn stray_end_tags_do_not_cross_tables() {
    let doc = Document::parse_str("<div><table><tr><td>a</div>b</td></tr></table>c</div>");
    let div = first(&doc, Tag::Div);
    assert_eq!(doc.text_content(div), "ab c");
}

#[test]
fn descendants_are_a_contiguous_range() {
    let doc = Document::parse_str("<div><p>a<i>b</i></p><p>c</p></div><p>d</p>");
    let div = first(&doc, Tag::Div);
    let inside: Vec<_> = doc.descendants(div).filter_map(|n| doc.text(n)).collect();
    assert_eq!(inside, vec!["a", "b", "c"]);
}

#[test]
fn depth_limit_flattens_instead_of_overflowing() {
    let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    let limits = crate::Limits {
        max_depth: 64,
        ..crate::Limits::default()
    };
    let far = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let (doc, warnings) = Document::parse(&html, &limits, far).expect("parses");
    assert!(doc.len() > 100_000);
    assert_eq!(warnings.len(), 1);
    assert!(doc.text_content(doc.root()).contains("deep"));
}

#[test]
fn node_limit_stops_with_a_warning() {
    let html = "<p>x</p>".repeat(10_000);
    let limits = crate::Limits {
        max_nodes: 1000,
        ..crate::Limits::default()
    };
    let far = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let (doc, warnings) = Document::parse(&html, &limits, far).expect("parses");
    assert!(doc.len() <= 1001);
    assert!(warnings[0].contains("node limit"));
}

#[test]
fn comments_and_doctype_are_skipped() {
    let doc = Document::parse_str("<!DOCTYPE html><!-- <p>no</p> --><p>yes</p><?php x ?>");
    assert_eq!(doc.text_content(doc.root()), "yes");
}

#[test]
fn unclosed_comment_and_truncated_tag_do_not_panic() {
    for html in [
        "<p>a<!-- never closed",
        "<p>a</p><div class=\"x",
        "<",
        "</",
        "<a href=x",
        "&#",
    ] {
        let _ = Document::parse_str(html);
    }
}

#[test]
fn html_attributes_merge() {
    let doc = Document::parse_str("<html><head></head><html lang=fr><body>x</body></html>");
    let html = first(&doc, Tag::Html);
    assert_eq!(doc.attr(html, "lang"), Some("fr"));
}
