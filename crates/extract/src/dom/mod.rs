//! A small, fast, tolerant HTML parser and the arena tree it builds.
//!
//! Not a full HTML5 tree builder: it tokenises per the spec's main states (tags, attributes,
//! comments, raw text, character references) and builds the tree with the rules that matter for
//! news pages (void elements, implied `</p>`, `</li>`, `</td>`, `</option>`, scoped end tags),
//! in one linear pass. Nodes are stored in document order, so the descendants of a node are a
//! contiguous range of ids — subtree walks are slices, not pointer chases.

mod entities;
mod entity_table;
mod parse;
mod tag;

pub use entities::decode as decode_entities;
pub use tag::Tag;

use std::ops::Range;

/// Index of a node in its [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

const NONE: u32 = u32::MAX;

/// An attribute, name lower-cased, value with character references decoded.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Lower-case name.
    pub name: Box<str>,
    /// Decoded value.
    pub value: Box<str>,
}

/// An element's name and attributes.
#[derive(Debug, Clone)]
pub struct Element {
    /// The element's tag.
    pub tag: Tag,
    /// Lower-case name (useful for [`Tag::Other`]).
    pub name: Box<str>,
    /// Attributes in source order (duplicates dropped).
    pub attrs: Vec<Attr>,
}

impl Element {
    /// The value of attribute `name` (lower-case).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| &*a.value)
    }
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// The root.
    Document,
    /// An element.
    Element(Element),
    /// Text, character references decoded.
    Text(String),
    /// A comment (content dropped).
    Comment,
}

/// A node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    prev_sibling: u32,
    /// One past the id of the last descendant.
    subtree_end: u32,
    /// Element nesting depth (the root is 0).
    pub depth: u16,
    /// What the node is.
    pub kind: NodeKind,
}

/// A parsed HTML document.
#[derive(Debug, Clone)]
pub struct Document {
    nodes: Vec<Node>,
}

impl Document {
    /// Parses `html`. Hitting the node limit stops the parse with a warning; running out of time
    /// is an error.
    pub fn parse(
        html: &str,
        limits: &crate::Limits,
        deadline: std::time::Instant,
    ) -> Result<(Document, Vec<String>), crate::ExtractError> {
        parse::parse(html, limits, deadline)
    }

    /// Parses with default limits and no deadline worth mentioning; for tests and tools.
    pub fn parse_str(html: &str) -> Document {
        let far = std::time::Instant::now() + std::time::Duration::from_secs(3600);
        match parse::parse(html, &crate::Limits::default(), far) {
            Ok((doc, _)) => doc,
            Err(_) => Document::empty(),
        }
    }

    fn empty() -> Document {
        Document {
            nodes: vec![Node {
                parent: NONE,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
                prev_sibling: NONE,
                subtree_end: 1,
                depth: 0,
                kind: NodeKind::Document,
            }],
        }
    }

    /// The root node.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the document has only its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The element data of `id`, when it is an element.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id.index()].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag of `id`, when it is an element.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.element(id).map(|e| e.tag)
    }

    /// The text of `id`, when it is a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].kind {
            NodeKind::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Attribute `name` of element `id`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    /// The parent of `id`.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id.index()].parent;
        (p != NONE).then_some(NodeId(p))
    }

    /// Ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&n| self.parent(n))
    }

    /// Direct children of `id`, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let first = self.nodes[id.index()].first_child;
        std::iter::successors((first != NONE).then_some(NodeId(first)), move |&n| {
            let next = self.nodes[n.index()].next_sibling;
            (next != NONE).then_some(NodeId(next))
        })
    }

    /// The next sibling of `id`.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.nodes[id.index()].next_sibling;
        (n != NONE).then_some(NodeId(n))
    }

    /// The previous sibling of `id`.
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.nodes[id.index()].prev_sibling;
        (n != NONE).then_some(NodeId(n))
    }

    /// The ids of `id`'s descendants (document order), excluding `id`.
    pub fn descendant_range(&self, id: NodeId) -> Range<u32> {
        id.0 + 1..self.nodes[id.index()].subtree_end
    }

    /// Descendants of `id` in document order, excluding `id`.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.descendant_range(id).map(NodeId)
    }

    /// True when `id` is `ancestor` or inside it.
    pub fn is_inside(&self, id: NodeId, ancestor: NodeId) -> bool {
        id == ancestor || self.descendant_range(ancestor).contains(&id.0)
    }

    /// All elements of the document, in order.
    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Element)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.kind {
                NodeKind::Element(e) => Some((NodeId(i as u32), e)),
                _ => None,
            })
    }

    /// Elements with tag `tag`, in order.
    pub fn elements_by_tag(&self, tag: Tag) -> impl Iterator<Item = (NodeId, &Element)> + '_ {
        self.elements().filter(move |(_, e)| e.tag == tag)
    }

    /// The concatenated text of `id` and its descendants, with whitespace collapsed and block
    /// boundaries turned into spaces; script and style content left out.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.collect_text(id, &mut out);
        collapse_whitespace(&out)
    }

    fn collect_text(&self, id: NodeId, out: &mut String) {
        match &self.nodes[id.index()].kind {
            NodeKind::Text(t) => out.push_str(t),
            NodeKind::Element(e) => {
                if matches!(
                    e.tag,
                    Tag::Script | Tag::Style | Tag::Template | Tag::Noscript
                ) {
                    return;
                }
                let block = e.tag.is_block();
                if block {
                    out.push(' ');
                }
                for child in self.children(id) {
                    self.collect_text(child, out);
                }
                if block {
                    out.push(' ');
                }
            }
            NodeKind::Document => {
                for child in self.children(id) {
                    self.collect_text(child, out);
                }
            }
            NodeKind::Comment => {}
        }
    }

    /// Character count of the text under `id` (raw, whitespace included), without building it.
    pub fn text_len(&self, id: NodeId) -> usize {
        self.descendants(id)
            .filter_map(|n| self.text(n))
            .map(|t| t.chars().count())
            .sum()
    }
}

/// Collapses runs of whitespace (including NBSP) to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
