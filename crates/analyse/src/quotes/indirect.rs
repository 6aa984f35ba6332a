//! Indirect (reported) speech: a speech verb followed by a complementiser ("said that",
//! "a déclaré que", "dijo que", "sagte, dass", "ha detto che"), a German reported subjunctive
//! ("sagte, die Lage sei ernst"), or — in English — a bare clause ("said the plan would fail").

use super::cues::{normalise, Lexicon};
use super::names::{is_name_word, Np};
use super::speaker::{cue_at, skip_forward, verb_subject, Cue, CueKind};
use super::QuoteConfig;
use crate::text::{TextDoc, TokenKind};
use newsloom_model::Language;
use std::ops::Range;

/// One reported clause.
#[derive(Debug, Clone)]
pub struct Reported {
    /// Tokens of what was said.
    pub content: Range<usize>,
    /// The cue.
    pub cue: Cue,
    /// The speaker phrase.
    pub np: Option<Np>,
}

/// English verbs that take a bare clause ("said the plan would fail").
const BARE_CLAUSE_VERBS: &[&str] = &["said", "says", "added", "argued", "insisted", "warned"];

/// Words after which a bare clause does not start ("said in a statement", "said on Tuesday").
const NOT_CLAUSE_START: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "of",
    "for",
    "with",
    "by",
    "from",
    "during",
    "after",
    "before",
    "about",
    "so",
    "yes",
    "no",
    "nothing",
    "something",
    "anything",
    "this",
    "it",
    "goodbye",
    "hello",
    "thanks",
    "thank",
    "through",
    "via",
    "over",
    "under",
    "and",
    "or",
    "but",
    "as",
    "last",
    "earlier",
    "later",
    "recently",
    "previously",
    "repeatedly",
    "yesterday",
    "today",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "when",
    "while",
    "if",
    "what",
    "how",
    "why",
    "where",
    "who",
    "which",
    "then",
    "again",
];

/// Finds the reported clauses of sentence tokens `sent`; `inside` marks tokens inside direct
/// quotes.
pub fn find(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    sent: Range<usize>,
    inside: &[Option<usize>],
    config: &QuoteConfig,
) -> Vec<Reported> {
    let mut out = Vec::new();
    let mut k = sent.start;
    while k < sent.end {
        if inside[k].is_some() {
            k += 1;
            continue;
        }
        let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Verb) else {
            k += 1;
            continue;
        };
        let Some((comp, content_start)) = clause_start(doc, lex, &cue, sent.end, inside, config)
        else {
            k = cue.tokens.end;
            continue;
        };
        let mut end = sent.end;
        while end > content_start
            && matches!(
                doc.tokens[end - 1].kind,
                TokenKind::Punct | TokenKind::Quote
            )
            && inside[end - 1].is_none()
        {
            end -= 1;
        }
        let words = (content_start..end)
            .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
            .count();
        let all_quoted = (content_start..end).all(|i| inside[i].is_some());
        if words < config.min_indirect_words || all_quoted {
            k = cue.tokens.end;
            continue;
        }
        let np = verb_subject(doc, lex, &cue, sent.start, comp, doc.lang != Language::En);
        if np.is_none() && cue.pronoun.is_none() {
            k = cue.tokens.end;
            continue;
        }
        out.push(Reported {
            content: content_start..end,
            cue,
            np,
        });
        break;
    }
    out
}

/// Where the reported clause after `cue` starts: `(end of the verb's own phrase, first token
/// of the clause)`.
fn clause_start(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    cue: &Cue,
    hi: usize,
    inside: &[Option<usize>],
    config: &QuoteConfig,
) -> Option<(usize, usize)> {
    let mut j = skip_forward(doc, lex, cue.tokens.end, hi);
    let mut steps = 0;
    while j < hi && steps <= config.max_object_tokens && inside[j].is_none() {
        let t = doc.token_text(j);
        if doc.tokens[j].kind == TokenKind::Word && lex.is_complementiser(t) {
            return Some((j, j + 1));
        }
        if t == "," {
            // German: "sagte, die Lage sei ernst".
            if doc.lang == Language::De {
                let window = (j + 1..(j + 1 + config.subjunctive_window).min(hi)).any(|i| {
                    doc.tokens[i].kind == TokenKind::Word && lex.is_subjunctive(doc.token_text(i))
                });
                let next_comp = doc
                    .tokens
                    .get(j + 1)
                    .is_some_and(|_| lex.is_complementiser(doc.token_text(j + 1)));
                if window && !next_comp {
                    return Some((j, j + 1));
                }
            }
            j += 1;
            continue;
        }
        if doc.tokens[j].kind != TokenKind::Word || cue_at(doc, lex, j).is_some() {
            break;
        }
        j += 1;
        steps += 1;
    }
    // English bare clause right after the verb.
    if doc.lang == Language::En && config.bare_clauses {
        let verb = normalise(doc.token_text(cue.tokens.end - 1));
        let s = cue.tokens.end;
        let p = cue.tokens.start;
        let after_quote = (p > 0 && doc.tokens[p - 1].kind == TokenKind::Quote)
            || (p > 1
                && doc.token_text(p - 1) == ","
                && doc.tokens[p - 2].kind == TokenKind::Quote);
        if BARE_CLAUSE_VERBS.contains(&verb.as_str())
            && !after_quote
            && s < hi
            && inside[s].is_none()
        {
            let w = normalise(doc.token_text(s));
            let starts = doc.tokens[s].kind == TokenKind::Word
                && !NOT_CLAUSE_START.contains(&w.as_str())
                && (lex.pronoun(&w).is_some()
                    || lex.is_determiner(&w)
                    || is_name_word(doc, lex, s));
            if starts {
                return Some((s, s));
            }
        }
    }
    None
}
