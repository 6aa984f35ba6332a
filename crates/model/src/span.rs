//! Character spans over an article's text.

use serde::{Deserialize, Serialize};

/// A half-open range of Unicode scalar values in an article's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First character (inclusive).
    pub start: usize,
    /// Last character (exclusive).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The covered characters of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        let mut indices = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let start = indices.nth(self.start).unwrap_or(text.len());
        let end = if self.end > self.start {
            indices.nth(self.end - self.start - 1).unwrap_or(text.len())
        } else {
            start
        };
        &text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_characters_not_bytes() {
        let text = "Çà et là";
        assert_eq!(Span::new(0, 2).slice(text), "Çà");
        assert_eq!(Span::new(6, 8).slice(text), "là");
        assert!(Span::new(3, 3).is_empty());
    }
}
