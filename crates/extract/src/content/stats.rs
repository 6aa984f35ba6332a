//! Per-node text statistics, computed bottom-up in one reverse pass over the arena (children
//! have larger ids than their parents), skipping dead subtrees.

use crate::dom::{Document, NodeId, NodeKind, Tag};

/// Text statistics of every node's subtree.
#[derive(Debug, Clone)]
pub struct Stats {
    nodes: Vec<NodeStats>,
}

/// Statistics of one subtree.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodeStats {
    /// Non-whitespace-collapsed characters of live text.
    pub text_chars: u32,
    /// Characters of live text inside links.
    pub link_chars: u32,
    /// Characters of text reachable without crossing a block element (the element's own
    /// "paragraph" text).
    pub inline_chars: u32,
    /// Link characters of the inline text.
    pub inline_link_chars: u32,
    /// Commas in the inline text.
    pub inline_commas: u32,
    /// `<br>` elements among the inline content (text broken into lines without `<p>`).
    pub inline_breaks: u32,
    /// Characters in good paragraphs (blocks with enough inline text and few links).
    pub good_chars: u32,
    /// Number of good paragraphs.
    pub paragraphs: u32,
}

impl Stats {
    /// Computes statistics for every live node; `min_paragraph` is the shortest inline text
    /// counted as a paragraph.
    pub fn compute(doc: &Document, dead: &[bool], min_paragraph: u32) -> Stats {
        let n = doc.len();
        let mut nodes = vec![NodeStats::default(); n];
        // Whether each node is inside a link: parents come first, so one forward pass.
        let mut in_link = vec![false; n];
        for i in 1..n {
            let id = NodeId(i as u32);
            let parent = doc.parent(id).map_or(0, |p| p.index());
            in_link[i] = in_link[parent] || doc.tag(id) == Some(Tag::A);
        }
        for i in (0..n).rev() {
            if dead[i] {
                continue;
            }
            let id = NodeId(i as u32);
            match &doc.node(id).kind {
                NodeKind::Text(t) => {
                    let (chars, commas) = count(t);
                    let s = &mut nodes[i];
                    s.text_chars = chars;
                    s.inline_chars = chars;
                    s.inline_commas = commas;
                    if in_link[i] {
                        s.link_chars = chars;
                        s.inline_link_chars = chars;
                    }
                }
                NodeKind::Element(e) => {
                    let block = e.tag.is_block() || e.tag == Tag::Li;
                    let s = nodes[i];
                    if block
                        && s.inline_chars >= min_paragraph
                        && (s.inline_link_chars as f32) < 0.5 * s.inline_chars as f32
                    {
                        nodes[i].good_chars += s.inline_chars - s.inline_link_chars;
                        nodes[i].paragraphs += 1;
                    }
                }
                _ => {}
            }
            if i == 0 {
                break;
            }
            let Some(parent) = doc.parent(id) else {
                continue;
            };
            let s = nodes[i];
            let is_block = doc.tag(id).is_some_and(|t| t.is_block() || t == Tag::Li);
            let p = &mut nodes[parent.index()];
            p.text_chars += s.text_chars;
            p.link_chars += s.link_chars;
            p.good_chars += s.good_chars;
            p.paragraphs += s.paragraphs;
            if doc.tag(id) == Some(Tag::Br) {
                p.inline_breaks += 1;
            }
            if !is_block {
                p.inline_breaks += s.inline_breaks;
                p.inline_chars += s.inline_chars;
                p.inline_link_chars += s.inline_link_chars;
                p.inline_commas += s.inline_commas;
            }
        }
        Stats { nodes }
    }

    /// Statistics of `id`'s subtree.
    pub fn get(&self, id: NodeId) -> &NodeStats {
        &self.nodes[id.index()]
    }

    /// Characters in good paragraphs under `id`.
    pub fn good_chars(&self, id: NodeId) -> u32 {
        self.nodes[id.index()].good_chars
    }

    /// Share of `id`'s text inside links.
    pub fn link_density(&self, id: NodeId) -> f32 {
        let s = &self.nodes[id.index()];
        if s.text_chars == 0 {
            0.0
        } else {
            s.link_chars as f32 / s.text_chars as f32
        }
    }
}

/// Counts non-whitespace characters (runs of whitespace count as one) and commas.
fn count(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut prev_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !prev_space {
                chars += 1;
            }
            prev_space = true;
        } else {
            chars += 1;
            prev_space = false;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_paragraphs_and_links() {
        let doc = Document::parse_str(
            "<div><p>One paragraph, with a comma, long enough to count.</p>\
             <p><a href=x>A paragraph that is only a link, long enough</a></p></div>",
        );
        let dead = vec![false; doc.len()];
        let stats = Stats::compute(&doc, &dead, 25);
        let (div, _) = doc.elements_by_tag(Tag::Div).next().expect("div");
        let s = stats.get(div);
        assert_eq!(s.paragraphs, 1);
        assert!(s.link_chars > 30);
        assert!(stats.link_density(div) > 0.3);
    }
}
