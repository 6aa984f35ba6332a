//! Pairing of quotation marks into quoted spans, for every quotation style of the five
//! languages: "…", “…”, « … », „…“, »…«, ‹…›, ‘…’, ‚…‘, straight single quotes, nested quotes,
//! and quotes spanning paragraphs (an opening mark with no close at the end of a paragraph,
//! continued by an opening mark at the start of the next one).
//!
//! Only outermost quotes are returned: a quote inside a quote is part of its words.

use crate::text::{TextDoc, TokenKind};
use std::ops::Range;

/// A quoted span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the quote runs to the end of its last
    /// paragraph without one.
    pub close: Option<usize>,
    /// Token index one past the quote (past the closing mark when there is one).
    pub end: usize,
    /// Byte range of the quoted words (between the marks).
    pub inner: Range<usize>,
}

impl Marked {
    /// Token indices of the quoted words.
    pub fn inner_tokens(&self) -> Range<usize> {
        self.open + 1..self.close.unwrap_or(self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Ignore,
}

#[derive(Debug, Clone, Copy)]
struct Opener {
    tok: usize,
    ch: char,
    family: Family,
}

fn family(c: char) -> Family {
    match c {
        '\'' | '‘' | '’' | '‚' | '‹' | '›' => Family::Single,
        _ => Family::Double,
    }
}

/// Finds the outermost quoted spans of `doc`, in text order.
pub fn pair(doc: &TextDoc<'_>) -> Vec<Marked> {
    let mut pairs: Vec<Marked> = Vec::new();
    // An unclosed double-quote opener carried over from the previous paragraph.
    let mut carry: Option<Opener> = None;
    for para in paragraph_tokens(doc) {
        let mut stack: Vec<Opener> = Vec::new();
        let first = para.start;
        if let Some(c) = carry.take() {
            let continued = para.start < para.end
                && doc.tokens[first].kind == TokenKind::Quote
                && family(first_char(doc, first)) == Family::Double
                && classify(doc, first, &stack) == Role::Open;
            if continued {
                stack.push(c);
            } else {
                close_at_paragraph_end(doc, c, &mut pairs);
            }
        }
        let skip_first = !stack.is_empty();
        for i in para.clone() {
            if doc.tokens[i].kind != TokenKind::Quote || (skip_first && i == first) {
                continue;
            }
            let ch = first_char(doc, i);
            match classify(doc, i, &stack) {
                Role::Open => stack.push(Opener {
                    tok: i,
                    ch,
                    family: family(ch),
                }),
                Role::Close => {
                    if let Some(pos) = stack.iter().rposition(|o| o.family == family(ch)) {
                        let o = stack[pos];
                        stack.truncate(pos);
                        pairs.push(Marked {
                            open: o.tok,
                            close: Some(i),
                            end: i + 1,
                            inner: doc.tokens[o.tok].end..doc.tokens[i].start,
                        });
                    }
                }
                Role::Ignore => {}
            }
        }
        // The outermost unclosed double quote may continue in the next paragraph.
        carry = stack.into_iter().find(|o| o.family == Family::Double);
    }
    if let Some(c) = carry {
        close_at_paragraph_end(doc, c, &mut pairs);
    }
    outermost(pairs)
}

/// An opener never closed: the quote runs to the end of the paragraph before the one that
/// failed to continue it, but only when the opener starts its paragraph (a missing closing
/// mark); otherwise the mark is dropped.
fn close_at_paragraph_end(doc: &TextDoc<'_>, c: Opener, pairs: &mut Vec<Marked>) {
    let para_start = paragraph_start_token(doc, c.tok);
    if para_start != c.tok {
        return;
    }
    // The last token of the paragraph the quote reached: the paragraph of the last token
    // before the next paragraph start after the opener.
    let mut end = c.tok + 1;
    let para = paragraph_of(doc, c.tok);
    let mut p = para;
    while end < doc.tokens.len() {
        let q = paragraph_of(doc, end);
        if q != p {
            // Continued paragraphs start with an opening mark.
            let starts_with_mark = doc.tokens[end].kind == TokenKind::Quote;
            if !starts_with_mark {
                break;
            }
            p = q;
        }
        end += 1;
    }
    if end > c.tok + 1 {
        pairs.push(Marked {
            open: c.tok,
            close: None,
            end,
            inner: doc.tokens[c.tok].end..doc.tokens[end - 1].end,
        });
    }
}

/// Drops spans inside other spans.
fn outermost(mut pairs: Vec<Marked>) -> Vec<Marked> {
    pairs.sort_by_key(|m| (m.open, std::cmp::Reverse(m.end)));
    let mut out: Vec<Marked> = Vec::new();
    for m in pairs {
        if out.last().is_some_and(|o| m.open < o.end) {
            continue;
        }
        out.push(m);
    }
    out
}

fn first_char(doc: &TextDoc<'_>, i: usize) -> char {
    doc.token_text(i).chars().next().unwrap_or(' ')
}

/// Token ranges of the paragraphs.
fn paragraph_tokens(doc: &TextDoc<'_>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in &doc.sentences {
        match out.last_mut() {
            Some(last) if paragraph_of(doc, last.start) == s.paragraph => last.end = s.tokens.end,
            _ => out.push(s.tokens.clone()),
        }
    }
    out
}

/// The paragraph index of token `i`.
pub fn paragraph_of(doc: &TextDoc<'_>, i: usize) -> usize {
    let s = doc.sentence_of(i);
    doc.sentences.get(s).map_or(usize::MAX, |s| s.paragraph)
}

fn paragraph_start_token(doc: &TextDoc<'_>, i: usize) -> usize {
    let p = paragraph_of(doc, i);
    let mut s = doc.sentence_of(i);
    while s > 0 && doc.sentences[s - 1].paragraph == p {
        s -= 1;
    }
    doc.sentences.get(s).map_or(i, |s| s.tokens.start)
}

/// Whether the mark at token `i` opens, closes or is not a quotation mark here.
fn classify(doc: &TextDoc<'_>, i: usize, stack: &[Opener]) -> Role {
    let t = doc.tokens[i];
    let c = first_char(doc, i);
    let prev = doc.text[..t.start].chars().next_back();
    let next = doc.text[t.end..].chars().next();
    let left_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p) || is_mark(p));
    let right_open =
        next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}…—–-".contains(n) || is_mark(n));
    let has = |ch: char| stack.iter().any(|o| o.ch == ch);
    let has_single = stack.iter().any(|o| o.family == Family::Single);
    match c {
        '„' | '‚' | '‟' => Role::Open,
        '“' => {
            if stack
                .iter()
                .rev()
                .find(|o| o.family == Family::Double)
                .is_some_and(|o| o.ch == '„')
                || (!left_open && right_open && !stack.is_empty())
            {
                Role::Close
            } else {
                Role::Open
            }
        }
        '‘' => {
            if has('‚') || (!left_open && right_open && has_single) {
                Role::Close
            } else if left_open {
                Role::Open
            } else {
                Role::Ignore
            }
        }
        '”' => {
            if left_open && !right_open && !stack.iter().any(|o| o.family == Family::Double) {
                Role::Open
            } else {
                Role::Close
            }
        }
        '’' => {
            if has_single && right_open {
                Role::Close
            } else {
                Role::Ignore
            }
        }
        '"' => {
            if left_open && !right_open {
                Role::Open
            } else if (!left_open && right_open) || has('"') {
                Role::Close
            } else {
                Role::Open
            }
        }
        '\'' => {
            if left_open && next.is_some_and(|n| n.is_alphanumeric() || is_mark(n)) {
                Role::Open
            } else if !left_open && right_open && has_single {
                Role::Close
            } else {
                Role::Ignore
            }
        }
        '«' => {
            if !left_open && right_open && has('»') {
                Role::Close
            } else {
                Role::Open
            }
        }
        '»' => {
            if has('«') {
                Role::Close
            } else if left_open && !right_open {
                Role::Open
            } else {
                Role::Ignore
            }
        }
        '‹' => {
            if !left_open && right_open && has('›') {
                Role::Close
            } else {
                Role::Open
            }
        }
        '›' => {
            if has('‹') {
                Role::Close
            } else if left_open && !right_open {
                Role::Open
            } else {
                Role::Ignore
            }
        }
        _ => Role::Ignore,
    }
}

/// Quotation-mark characters (the ones the tokeniser makes `TokenKind::Quote`).
const MARKS: &str = "\"“”„«»‹›‘’‚'‟";

fn is_mark(c: char) -> bool {
    MARKS.contains(c)
}
