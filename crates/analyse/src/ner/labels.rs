//! The BIO tag set of the tagger: `O` plus `B-`/`I-` for PER, ORG, LOC and MISC, and the
//! conversion between tag sequences and labelled token spans.

use newsloom_model::EntityLabel;
use std::ops::Range;

/// Number of BIO tags.
pub const N_TAGS: usize = 9;

/// The entity classes in tag order (tag `1 + 2k` is `B-` of class `k`, `2 + 2k` is `I-`).
pub const CLASSES: [EntityLabel; 4] = [
    EntityLabel::Person,
    EntityLabel::Organisation,
    EntityLabel::Location,
    EntityLabel::Misc,
];

/// A BIO tag, `0..N_TAGS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u8);

impl Tag {
    /// Outside any entity.
    pub const O: Tag = Tag(0);

    /// The `B-` tag of `label`.
    pub fn begin(label: EntityLabel) -> Tag {
        Tag(1 + 2 * class_index(label) as u8)
    }

    /// The `I-` tag of `label`.
    pub fn inside(label: EntityLabel) -> Tag {
        Tag(2 + 2 * class_index(label) as u8)
    }

    /// The entity label of a `B-`/`I-` tag.
    pub fn label(self) -> Option<EntityLabel> {
        (self.0 > 0).then(|| CLASSES[(self.0 as usize - 1) / 2])
    }

    /// True for `B-` tags.
    pub fn is_begin(self) -> bool {
        self.0 % 2 == 1
    }

    /// True for `I-` tags.
    pub fn is_inside(self) -> bool {
        self.0 > 0 && self.0.is_multiple_of(2)
    }

    /// Whether `self` may follow `prev` in a well-formed BIO sequence.
    pub fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || (prev.0 > 0 && prev.label() == self.label())
    }

    /// Parses `O`, `B-PER`, `I-LOC`, … (unknown classes are `O`).
    pub fn parse(s: &str) -> Tag {
        let (bio, class) = match s.split_once('-') {
            Some(x) => x,
            None => return Tag::O,
        };
        let label = match class {
            "PER" => EntityLabel::Person,
            "ORG" => EntityLabel::Organisation,
            "LOC" => EntityLabel::Location,
            "MISC" => EntityLabel::Misc,
            _ => return Tag::O,
        };
        match bio {
            "B" => Tag::begin(label),
            "I" => Tag::inside(label),
            _ => Tag::O,
        }
    }

    /// `O`, `B-PER`, … as written in CoNLL files.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; N_TAGS] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        NAMES[self.0 as usize % N_TAGS]
    }
}

fn class_index(label: EntityLabel) -> usize {
    match label {
        EntityLabel::Person => 0,
        EntityLabel::Organisation => 1,
        EntityLabel::Location => 2,
        EntityLabel::Misc => 3,
    }
}

/// A labelled range of tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// Token indices (relative to the tagged sequence).
    pub tokens: Range<usize>,
    /// The label.
    pub label: EntityLabel,
}

/// The spans of a BIO sequence; an `I-` tag that does not continue a span starts one (the
/// lenient CoNLL reading).
pub fn spans(tags: &[Tag]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, t) in tags.iter().enumerate() {
        let label = t.label();
        let continues = t.is_inside() && open.is_some_and(|(_, l)| Some(l) == label);
        if continues {
            continue;
        }
        if let Some((s, l)) = open.take() {
            out.push(Span {
                tokens: s..i,
                label: l,
            });
        }
        if let Some(l) = label {
            open = Some((i, l));
        }
    }
    if let Some((s, l)) = open {
        out.push(Span {
            tokens: s..tags.len(),
            label: l,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_names_round_trip() {
        for i in 0..N_TAGS as u8 {
            assert_eq!(Tag::parse(Tag(i).name()), Tag(i));
        }
        assert_eq!(Tag::parse("B-XYZ"), Tag::O);
    }

    #[test]
    fn spans_of_bio_sequence() {
        let tags: Vec<Tag> = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]
            .iter()
            .map(|s| Tag::parse(s))
            .collect();
        let s = spans(&tags);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].tokens, 0..2);
        assert_eq!(s[1].label, EntityLabel::Location);
        assert_eq!(s[3].tokens, 5..6);
    }
}
