//! Is a sentence about the future? A deliberately simple cue test: a future word ("will",
//! "sera", "wird", "prossimo"), a lower-case word with a future verb ending ("commencera",
//! "comenzará", "inizierà"), or an adjacent cue right before the date ("from", "ab",
//! "à partir de"). It does not parse clauses: "said on Tuesday it will …" counts as future.

use super::vocab::Vocab;
use super::Words;
use std::ops::Range;

/// True when any token of `sentence` is a future word or a future verb form.
pub fn sentence_is_future(words: &Words<'_>, sentence: Range<usize>, vocab: &Vocab) -> bool {
    sentence.into_iter().any(|i| {
        let w = words.lower(i);
        vocab.future_words.contains(&w) || has_future_ending(words, i, vocab)
    })
}

/// True when one of the adjacent future cues ends right before token `start` (and inside the
/// sentence that begins at `sentence_start`).
pub fn cue_before(words: &Words<'_>, start: usize, sentence_start: usize, vocab: &Vocab) -> bool {
    vocab
        .adjacent_future_cues
        .iter()
        .any(|cue| start >= sentence_start + cue.len() && words.matches(start - cue.len(), cue))
}

fn has_future_ending(words: &Words<'_>, i: usize, vocab: &Vocab) -> bool {
    let w = words.lower(i);
    !words.capitalised(i)
        && w.chars().count() >= vocab.future_suffix_min_chars
        && vocab.future_suffixes.iter().any(|s| w.ends_with(s))
        && !vocab.future_suffix_exceptions.contains(&w)
}
