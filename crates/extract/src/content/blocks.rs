//! Serialising the body: text blocks (paragraphs, headings, list items, quotes) in document
//! order, each with the statistics the filters need.

use crate::dom::{Document, NodeId, NodeKind, Tag};

/// What kind of block a piece of text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph or any other text block.
    Paragraph,
    /// A heading `h1`–`h6`.
    Heading,
    /// A list item.
    ListItem,
    /// Inside a block quote.
    Quote,
    /// Preformatted text.
    Pre,
    /// A table cell.
    Cell,
}

/// One block of body text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Whitespace-collapsed text.
    pub text: String,
    /// Characters inside links.
    pub link_chars: usize,
    /// Kind of block.
    pub kind: BlockKind,
    /// The block's element.
    pub node: NodeId,
    /// True for an `<h1>`.
    pub is_h1: bool,
}

impl Block {
    /// Share of the block's characters inside links.
    pub fn link_density(&self) -> f32 {
        let n = self.text.chars().count();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f32 / n as f32
        }
    }
}

struct Collector<'a> {
    doc: &'a Document,
    dead: &'a [bool],
    blocks: Vec<Block>,
    buf: String,
    link_chars: usize,
    kind: BlockKind,
    node: NodeId,
}

/// Collects the blocks under `roots`, skipping dead nodes.
pub fn collect(doc: &Document, dead: &[bool], roots: &[NodeId]) -> Vec<Block> {
    let mut c = Collector {
        doc,
        dead,
        blocks: Vec::new(),
        buf: String::new(),
        link_chars: 0,
        kind: BlockKind::Paragraph,
        node: roots.first().copied().unwrap_or(NodeId(0)),
    };
    for &root in roots {
        c.walk(root, BlockKind::Paragraph, false);
        c.flush();
    }
    c.blocks
}

impl Collector<'_> {
    fn walk(&mut self, id: NodeId, context: BlockKind, in_link: bool) {
        if self.dead[id.index()] {
            return;
        }
        match &self.doc.node(id).kind {
            NodeKind::Text(t) => {
                if self.buf.is_empty() {
                    self.kind = context;
                }
                if in_link {
                    self.link_chars += t.trim().chars().count();
                }
                self.buf.push_str(t);
            }
            NodeKind::Element(e) => {
                let tag = e.tag;
                if tag == Tag::Br {
                    self.flush();
                    return;
                }
                if tag == Tag::Img || tag == Tag::Hr {
                    return;
                }
                let block = tag.is_block() || tag == Tag::Li;
                let kind = match tag {
                    t if t.is_heading() => BlockKind::Heading,
                    Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
                    Tag::Blockquote => BlockKind::Quote,
                    Tag::Pre => BlockKind::Pre,
                    Tag::Td | Tag::Th => BlockKind::Cell,
                    _ => context,
                };
                if block {
                    self.flush();
                    self.node = id;
                }
                let link = in_link || tag == Tag::A;
                for child in self.doc.children(id) {
                    self.walk(child, kind, link);
                }
                if block {
                    self.kind = kind;
                    self.flush();
                } else if matches!(tag, Tag::Td | Tag::Th) {
                    self.buf.push(' ');
                }
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = crate::dom::collapse_whitespace(&self.buf);
        self.buf.clear();
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                link_chars: self.link_chars,
                kind: self.kind,
                node: self.node,
                is_h1: self.doc.tag(self.node) == Some(Tag::H1),
            });
        }
        self.link_chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_block_boundaries() {
        let doc = Document::parse_str(
            "<div><h2>Sub</h2><p>One <b>bold</b> line<br>second line</p><ul><li>a</li><li>b</li></ul></div>",
        );
        let dead = vec![false; doc.len()];
        let (div, _) = doc.elements_by_tag(Tag::Div).next().expect("div");
        let blocks = collect(&doc, &dead, &[div]);
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Sub", "One bold line", "second line", "a", "b"]);
        assert_eq!(blocks[0].kind, BlockKind::Heading);
        assert_eq!(blocks[3].kind, BlockKind::ListItem);
    }
}
