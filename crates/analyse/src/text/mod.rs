//! The text layer every analysis part works on: tokens and sentences with byte and character
//! offsets, per language.
//!
//! ```
//! use newsloom_analyse::text::TextDoc;
//! use newsloom_model::Language;
//! let doc = TextDoc::new("Mr. Witkoff met al-Hayya on 8 October. He said: «Bon».", Language::En);
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.token_text(0), "Mr.");
//! ```

pub mod abbreviations;
mod sentences;
mod tokenize;

pub use tokenize::TokenKind;

use newsloom_model::Language;
use std::ops::Range;

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
    /// True when whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
}

/// One sentence: a range of tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Token indices of the sentence.
    pub tokens: Range<usize>,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Index of the paragraph the sentence is in.
    pub paragraph: usize,
}

/// A text tokenised and split into sentences, with offset conversions.
#[derive(Debug, Clone)]
pub struct TextDoc<'a> {
    /// The text (an article's `text`).
    pub text: &'a str,
    /// Its language.
    pub lang: Language,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Byte ranges of the paragraphs (separated by blank lines).
    pub paragraphs: Vec<Range<usize>>,
    /// Character offset of every byte boundary that starts a character (sparse: only when the
    /// text is not ASCII).
    char_index: Option<Vec<u32>>,
}

impl<'a> TextDoc<'a> {
    /// Tokenises and splits `text`.
    pub fn new(text: &'a str, lang: Language) -> TextDoc<'a> {
        let paragraphs = tokenize::paragraphs(text);
        let tokens = tokenize::tokenize(text, &lang);
        let sentences = sentences::split(text, &tokens, &paragraphs, &lang);
        let char_index = (!text.is_ascii()).then(|| {
            let mut idx = vec![0u32; text.len() + 1];
            let mut c = 0u32;
            for (b, _) in text.char_indices() {
                idx[b] = c;
                c += 1;
            }
            idx[text.len()] = c;
            idx
        });
        TextDoc {
            text,
            lang,
            tokens,
            sentences,
            paragraphs,
            char_index,
        }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The character offset of byte offset `byte` (which must be on a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        match &self.char_index {
            None => byte,
            Some(idx) => idx[byte.min(self.text.len())] as usize,
        }
    }

    /// Character span `(start, end)` of a byte range.
    pub fn char_span(&self, bytes: Range<usize>) -> (usize, usize) {
        (self.char_offset(bytes.start), self.char_offset(bytes.end))
    }

    /// Byte range covered by tokens `range` (empty range: empty span at the next token).
    pub fn token_bytes(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self
                .tokens
                .get(range.start)
                .map_or(self.text.len(), |t| t.start);
            return at..at;
        }
        self.tokens[range.start].start..self.tokens[range.end - 1].end
    }

    /// The index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i)
    }
}

#[cfg(test)]
mod tests;
