//! Sentence splitting that knows abbreviations, initials, German ordinal dates ("3. Februar"),
//! closing quotes after the final stop, and paragraph breaks.

use super::tokenize::TokenKind;
use super::{Sentence, Token};
use newsloom_model::Language;
use std::ops::Range;

/// German month names after which "3." is an ordinal, not a full stop.
const DE_MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// Splits tokens into sentences.
pub fn split(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Range<usize>],
    lang: &Language,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut para = 0;
    let para_of = |byte: usize, from: usize| -> usize {
        let mut p = from;
        while p + 1 < paragraphs.len() && paragraphs[p].end <= byte {
            p += 1;
        }
        p
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let tp = para_of(t.start, para);
        if tp != para && i > start {
            push(&mut out, tokens, start, i, para);
            start = i;
        }
        para = tp;
        let s = &text[t.start..t.end];
        let terminal = t.kind == TokenKind::Punct
            && (s.starts_with('.') || s.starts_with('!') || s.starts_with('?') || s == "…");
        if terminal {
            // Absorb closing quotes and brackets.
            let mut end = i + 1;
            while end < tokens.len()
                && !tokens[end].space_before
                && (tokens[end].kind == TokenKind::Quote
                    || matches!(&text[tokens[end].start..tokens[end].end], ")" | "]"))
            {
                end += 1;
            }
            let next = tokens.get(end);
            let boundary = match next {
                None => true,
                Some(n) => {
                    let next_text = &text[n.start..n.end];
                    let upper = next_text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                        || n.kind == TokenKind::Quote
                        || next_text.starts_with(['(', '-', '—', '–', '¿', '¡']);
                    let german_ordinal = *lang == Language::De
                        && s == "."
                        && i > 0
                        && tokens[i - 1].kind == TokenKind::Number
                        && !tokens[i].space_before
                        && DE_MONTHS.contains(&next_text.to_lowercase().as_str());
                    n.space_before && upper && !german_ordinal
                }
            };
            if boundary {
                push(&mut out, tokens, start, end, para);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        push(&mut out, tokens, start, tokens.len(), para);
    }
    out
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], start: usize, end: usize, paragraph: usize) {
    out.push(Sentence {
        tokens: start..end,
        bytes: tokens[start].start..tokens[end - 1].end,
        paragraph,
    });
}
