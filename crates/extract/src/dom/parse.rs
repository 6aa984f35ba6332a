//! The tokenizer and tree builder, fused into one linear pass over the input.

use super::entities::decode_into;
use super::{Attr, Document, Element, Node, NodeKind, Tag, NONE};
use crate::{ExtractError, Limits};
use memchr::{memchr, memchr2};
use std::time::Instant;

/// How many tags are handled between two looks at the clock.
const CLOCK_EVERY: u32 = 4096;

struct Builder<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    /// Open elements: (node index, tag).
    stack: Vec<(u32, Tag)>,
    limits: &'a Limits,
    warnings: Vec<String>,
    depth_warned: bool,
}

pub(super) fn parse(
    html: &str,
    limits: &Limits,
    deadline: Instant,
) -> Result<(Document, Vec<String>), ExtractError> {
    let mut b = Builder {
        src: html,
        nodes: Vec::with_capacity(html.len() / 40 + 16),
        stack: Vec::with_capacity(64),
        limits,
        warnings: Vec::new(),
        depth_warned: false,
    };
    b.nodes.push(Node {
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
        prev_sibling: NONE,
        subtree_end: 1,
        depth: 0,
        kind: NodeKind::Document,
    });
    b.stack.push((0, Tag::Other));
    b.run(deadline)?;
    while b.stack.len() > 1 {
        b.pop();
    }
    b.nodes[0].subtree_end = b.nodes.len() as u32;
    Ok((Document { nodes: b.nodes }, b.warnings))
}

impl<'a> Builder<'a> {
    fn run(&mut self, deadline: Instant) -> Result<(), ExtractError> {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut pos = 0;
        let mut tags_seen = 0u32;
        while pos < bytes.len() {
            let Some(lt) = memchr(b'<', &bytes[pos..]).map(|p| pos + p) else {
                self.text(&src[pos..], true);
                break;
            };
            if lt > pos {
                self.text(&src[pos..lt], true);
            }
            tags_seen += 1;
            if tags_seen.is_multiple_of(CLOCK_EVERY) && Instant::now() > deadline {
                return Err(ExtractError::Timeout {
                    limit_ms: self.limits.max_time.as_millis(),
                    stage: "parsing HTML",
                });
            }
            if self.nodes.len() >= self.limits.max_nodes {
                self.warnings.push(format!(
                    "DOM node limit of {} reached at byte {lt}; the rest of the page was ignored",
                    self.limits.max_nodes
                ));
                break;
            }
            pos = self.markup(lt);
        }
        Ok(())
    }

    /// Handles the markup starting at `lt` (a `<`); returns the position after it.
    fn markup(&mut self, lt: usize) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        match next {
            b'!' => {
                if bytes[lt..].starts_with(b"<!--") {
                    match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                        Some(p) => lt + 4 + p + 3,
                        None => bytes.len(),
                    }
                } else if bytes[lt..].starts_with(b"<![CDATA[") {
                    let end = memchr::memmem::find(&bytes[lt + 9..], b"]]>")
                        .map_or(bytes.len(), |p| lt + 9 + p);
                    self.text(&src[lt + 9..end], false);
                    (end + 3).min(bytes.len())
                } else {
                    skip_to_gt(bytes, lt)
                }
            }
            b'?' => skip_to_gt(bytes, lt),
            b'/' => {
                let name_start = lt + 2;
                if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                    return skip_to_gt(bytes, lt);
                }
                let name_end = name_end(bytes, name_start);
                let name = src[name_start..name_end].to_ascii_lowercase();
                self.end_tag(&name);
                skip_to_gt(bytes, name_end - 1)
            }
            c if c.is_ascii_alphabetic() => self.start_tag(lt),
            _ => {
                self.text("<", true);
                lt + 1
            }
        }
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let name_start = lt + 1;
        let name_end = name_end(bytes, name_start);
        let name = src[name_start..name_end].to_ascii_lowercase();
        let tag = Tag::from_lowercase(&name);
        let mut attrs: Vec<Attr> = Vec::new();
        let mut i = name_end;
        let mut self_closing = false;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                if bytes[i] == b'/' {
                    self_closing = bytes.get(i + 1) == Some(&b'>');
                }
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            // Attribute name.
            let an_start = i;
            i += 1;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let an_end = i;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |p| i + 1 + p);
                        value = &src[i + 1..end];
                        i = (end + 1).min(bytes.len());
                    }
                    Some(_) => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = &src[start..i];
                    }
                    None => {}
                }
            }
            let aname = src[an_start..an_end].to_ascii_lowercase();
            if !attrs.iter().any(|a| *a.name == *aname) && attrs.len() < 256 {
                let value: Box<str> = if value.contains('&') {
                    let mut out = String::with_capacity(value.len());
                    decode_into(value, &mut out, true);
                    out.into()
                } else {
                    value.into()
                };
                attrs.push(Attr {
                    name: aname.into(),
                    value,
                });
            }
        }
        let after = i;
        let element = Element {
            tag,
            name: name.into(),
            attrs,
        };
        if tag.is_raw_text() && !self_closing {
            let close = find_close_tag(bytes, after, tag.as_str());
            let (content_end, resume) = close.unwrap_or((bytes.len(), bytes.len()));
            let id = self.open(element);
            let raw = &src[after..content_end];
            if !raw.is_empty() {
                if tag.is_rcdata() {
                    self.text(raw, true);
                } else {
                    self.text(raw, false);
                }
            }
            if let Some(id) = id {
                self.pop_to(id);
            }
            return resume;
        }
        if tag == Tag::Plaintext {
            self.open(element);
            self.text(&src[after..], false);
            return bytes.len();
        }
        let void = tag.is_void() || (self_closing && tag == Tag::Other);
        let id = self.open(element);
        if void || (self_closing && matches!(tag, Tag::Svg | Tag::Math)) {
            if let Some(id) = id {
                self.pop_to(id);
            }
        }
        after
    }

    /// Inserts an element, applying the implied-end-tag rules; returns its index when pushed.
    fn open(&mut self, element: Element) -> Option<u32> {
        let tag = element.tag;
        match tag {
            Tag::Html | Tag::Body | Tag::Head => {
                if let Some(&(existing, _)) = self.stack.iter().find(|(_, t)| *t == tag) {
                    // Merge attributes into the open one, as browsers do.
                    if let NodeKind::Element(e) = &mut self.nodes[existing as usize].kind {
                        for a in element.attrs {
                            if e.attr(&a.name).is_none() {
                                e.attrs.push(a);
                            }
                        }
                    }
                    return None;
                }
                if tag == Tag::Body {
                    self.close_if_open(Tag::Head);
                }
            }
            _ => {}
        }
        if tag.closes_p() {
            self.close_in_scope(Tag::P, &[]);
        }
        match tag {
            Tag::Li => self.close_in_scope(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Dir]),
            Tag::Dd | Tag::Dt => {
                self.close_in_scope(Tag::Dd, &[Tag::Dl]);
                self.close_in_scope(Tag::Dt, &[Tag::Dl]);
            }
            Tag::Td | Tag::Th => {
                self.close_in_scope(Tag::Td, &[Tag::Tr]);
                self.close_in_scope(Tag::Th, &[Tag::Tr]);
            }
            Tag::Tr => {
                self.close_in_scope(Tag::Td, &[Tag::Tr]);
                self.close_in_scope(Tag::Th, &[Tag::Tr]);
                self.close_in_scope(Tag::Tr, &[Tag::Tbody, Tag::Thead, Tag::Tfoot]);
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                for t in [
                    Tag::Td,
                    Tag::Th,
                    Tag::Tr,
                    Tag::Tbody,
                    Tag::Thead,
                    Tag::Tfoot,
                ] {
                    self.close_in_scope(t, &[]);
                }
            }
            Tag::Option => self.close_if_current(Tag::Option),
            Tag::Optgroup => {
                self.close_if_current(Tag::Option);
                self.close_if_current(Tag::Optgroup);
            }
            Tag::A => self.close_in_scope(Tag::A, &[]),
            t if t.is_heading() && self.stack.last().is_some_and(|(_, top)| top.is_heading()) => {
                self.pop();
            }
            _ => {}
        }
        let (parent, _) = *self.stack.last().unwrap_or(&(0, Tag::Other));
        let depth = self.stack.len();
        let idx = self.append(parent, NodeKind::Element(element));
        if depth >= self.limits.max_depth {
            if !self.depth_warned {
                self.depth_warned = true;
                self.warnings.push(format!(
                    "nesting deeper than {} elements was flattened",
                    self.limits.max_depth
                ));
            }
            return None;
        }
        self.stack.push((idx, tag));
        Some(idx)
    }

    fn end_tag(&mut self, name: &str) {
        let tag = Tag::from_lowercase(name);
        match tag {
            Tag::Br => {
                let idx = self.open(Element {
                    tag,
                    name: name.into(),
                    attrs: Vec::new(),
                });
                if let Some(idx) = idx {
                    self.pop_to(idx);
                }
                return;
            }
            Tag::Html | Tag::Body | Tag::Head if tag != Tag::Head => return,
            _ => {}
        }
        // Find the nearest open element with that name, not crossing a scope boundary.
        for i in (1..self.stack.len()).rev() {
            let (idx, t) = self.stack[i];
            let matches = if tag == Tag::Other {
                t == Tag::Other && self.name_of(idx) == name
            } else {
                t == tag
            };
            if matches {
                self.pop_to(idx);
                return;
            }
            if t.is_scope_boundary() {
                return;
            }
        }
    }

    fn name_of(&self, idx: u32) -> &str {
        match &self.nodes[idx as usize].kind {
            NodeKind::Element(e) => &e.name,
            _ => "",
        }
    }

    /// Closes the nearest open `tag` unless a scope boundary or one of `stop` comes first.
    fn close_in_scope(&mut self, tag: Tag, stop: &[Tag]) {
        for i in (1..self.stack.len()).rev() {
            let (idx, t) = self.stack[i];
            if t == tag {
                self.pop_to(idx);
                return;
            }
            if t.is_scope_boundary() || stop.contains(&t) || t == Tag::Button {
                return;
            }
        }
    }

    fn close_if_current(&mut self, tag: Tag) {
        if self.stack.len() > 1 && self.stack.last().is_some_and(|(_, t)| *t == tag) {
            self.pop();
        }
    }

    fn close_if_open(&mut self, tag: Tag) {
        if let Some(&(idx, _)) = self.stack.iter().skip(1).find(|(_, t)| *t == tag) {
            self.pop_to(idx);
        }
    }

    fn pop(&mut self) {
        if let Some((idx, _)) = self.stack.pop() {
            self.nodes[idx as usize].subtree_end = self.nodes.len() as u32;
        }
    }

    fn pop_to(&mut self, idx: u32) {
        while let Some(&(top, _)) = self.stack.last() {
            if self.stack.len() == 1 {
                return;
            }
            self.pop();
            if top == idx {
                return;
            }
        }
    }

    fn append(&mut self, parent: u32, kind: NodeKind) -> u32 {
        let idx = self.nodes.len() as u32;
        let prev = self.nodes[parent as usize].last_child;
        let depth = self.nodes[parent as usize].depth.saturating_add(1);
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            prev_sibling: prev,
            subtree_end: idx + 1,
            depth,
            kind,
        });
        if prev == NONE {
            self.nodes[parent as usize].first_child = idx;
        } else {
            self.nodes[prev as usize].next_sibling = idx;
        }
        self.nodes[parent as usize].last_child = idx;
        idx
    }

    /// Appends text to the current element, merging with a preceding text node.
    fn text(&mut self, raw: &str, decode: bool) {
        let (parent, _) = *self.stack.last().unwrap_or(&(0, Tag::Other));
        let last = self.nodes[parent as usize].last_child;
        if last != NONE && last as usize == self.nodes.len() - 1 {
            if let NodeKind::Text(t) = &mut self.nodes[last as usize].kind {
                push_text(t, raw, decode);
                return;
            }
        }
        let mut t = String::with_capacity(raw.len());
        push_text(&mut t, raw, decode);
        self.append(parent, NodeKind::Text(t));
    }
}

fn push_text(out: &mut String, raw: &str, decode: bool) {
    if decode && memchr(b'&', raw.as_bytes()).is_some() {
        decode_into(raw, out, false);
    } else {
        out.push_str(raw);
    }
}

/// End of a tag name starting at `start`.
fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'/' | b'>') {
        i += 1;
    }
    i
}

/// Position just after the next `>` from `from`.
fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    memchr(b'>', &bytes[from..]).map_or(bytes.len(), |p| from + p + 1)
}

/// Finds `</name` (case-insensitive) followed by a delimiter, from `from`; returns the start of
/// the close tag and the position after its `>`.
fn find_close_tag(bytes: &[u8], from: usize, name: &str) -> Option<(usize, usize)> {
    let name = name.as_bytes();
    let mut i = from;
    while let Some(p) = memchr2(b'<', b'<', &bytes[i..]) {
        let at = i + p;
        let rest = &bytes[at..];
        if rest.len() >= 2 + name.len()
            && rest[1] == b'/'
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name)
            && rest
                .get(2 + name.len())
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        {
            return Some((at, skip_to_gt(bytes, at)));
        }
        i = at + 1;
    }
    None
}
