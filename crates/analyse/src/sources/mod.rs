//! The attributions of the reporting itself ("according to Axios, which cited three sources").
//!
//! Three patterns, with vocabularies per language in [`vocab`]:
//!
//! 1. an anchor and a source phrase: "according to US news outlet Axios", "selon le quotidien
//!    X", "según fuentes … citadas por la agencia X", "wie der Sender X … berichtete",
//!    "secondo quanto riportato da X";
//! 2. a reporting verb and its subject: "the Herald reported", "berichtete der Spiegel", "one
//!    source quoted …";
//! 3. a verb of telling and the outlet told: "a spokesperson told the Herald".
//!
//! What a source itself relied on follows it: "which cited …", "qui cite …", "que cita …",
//! "unter Berufung auf …", "che cita …". The kind (outlet, agency, official, organisation,
//! person, document, anonymous) comes from the phrase's words and name.
//!
//! ```
//! use newsloom_analyse::{sources, text::TextDoc};
//! use newsloom_model::{Language, SourceKind};
//! let doc = TextDoc::new("The deal is done, according to Reuters.", Language::En);
//! let found = sources::find(&doc, &[]);
//! assert_eq!(found[0].name, "Reuters");
//! assert_eq!(found[0].kind, SourceKind::Agency);
//! ```

pub mod vocab;

#[cfg(test)]
mod tests;

use crate::quotes::cues::{given_name_gender, lexicon, normalise, Lexicon};
use crate::quotes::names::{is_name_word, np_after, np_before, NpKind};
use crate::text::{TextDoc, TokenKind};
use newsloom_model::{Entity, EntityLabel, Source, SourceKind};
use std::ops::Range;
use vocab::{kind_of, vocab, Vocab};

/// Limits of source-phrase reading.
#[derive(Debug, Clone)]
pub struct SourceConfig {
    /// Longest source phrase after an anchor, in tokens.
    pub max_phrase_tokens: usize,
    /// Longest phrase of what a source cites, in tokens.
    pub max_cites_tokens: usize,
    /// Most tokens between German "wie" and its reporting verb.
    pub wie_window: usize,
}

impl Default for SourceConfig {
    fn default() -> Self {
        SourceConfig {
            max_phrase_tokens: 8,
            max_cites_tokens: 10,
            wie_window: 14,
        }
    }
}

/// Finds the sources `doc` cites.
pub fn find(doc: &TextDoc<'_>, entities: &[Entity]) -> Vec<Source> {
    find_with(doc, entities, &SourceConfig::default())
}

/// [`find`] with explicit limits.
pub fn find_with(doc: &TextDoc<'_>, entities: &[Entity], config: &SourceConfig) -> Vec<Source> {
    let v = vocab(&doc.lang);
    let lex = lexicon(&doc.lang);
    let mut out: Vec<Source> = Vec::new();
    for sent in &doc.sentences {
        let end = sent.tokens.end;
        let mut k = sent.tokens.start;
        while k < end {
            if let Some(found) = at(doc, v, lex, entities, k, sent.tokens.clone(), config) {
                let next = found.1.max(k + 1);
                let s = found.0;
                if !out.iter().any(|o| o.start < s.end && s.start < o.end) {
                    out.push(s);
                }
                k = next;
                continue;
            }
            k += 1;
        }
    }
    out
}

/// The source attributed at token `k`, with the token index to continue from.
fn at(
    doc: &TextDoc<'_>,
    v: &Vocab,
    lex: &Lexicon,
    entities: &[Entity],
    k: usize,
    sent: Range<usize>,
    config: &SourceConfig,
) -> Option<(Source, usize)> {
    if doc.tokens[k].kind != TokenKind::Word {
        return None;
    }
    let w = normalise(doc.token_text(k));
    // 1. Anchor + phrase.
    if let Some(len) = match_any(doc, v.anchors, k) {
        let start = k + len;
        // German "wie" needs its reporting verb ("wie der Sender X berichtete").
        if w == "wie" {
            let verb = (start..sent.end.min(start + config.wie_window)).any(|i| {
                v.report_verbs
                    .contains(&normalise(doc.token_text(i)).as_str())
            });
            if !verb {
                return None;
            }
        }
        let phrase = source_phrase(doc, v, start, sent.end, config.max_phrase_tokens);
        if phrase.is_empty() {
            return None;
        }
        let from = phrase.end;
        return Some(build(
            doc, v, lex, entities, k, phrase, from, sent.end, config,
        ));
    }
    // 2. Reporting verb and its subject.
    if v.report_verbs.contains(&w.as_str()) {
        let before = np_before(doc, lex, k, sent.start);
        let subject = match before {
            Some(np) => Some(np.tokens),
            None => np_after(doc, lex, k + 1, sent.end).map(|np| np.tokens),
        };
        let subject = subject.or_else(|| anonymous_before(doc, k, sent.start))?;
        let kind = kind_of(&lower_words(doc, subject.clone()), false);
        let reportish = matches!(
            kind,
            SourceKind::Outlet | SourceKind::Agency | SourceKind::Anonymous | SourceKind::Document
        );
        if !reportish {
            return None;
        }
        let first = subject.start.min(k);
        let from = subject.end.max(k + 1);
        return Some(build(
            doc, v, lex, entities, first, subject, from, sent.end, config,
        ));
    }
    // 3. "told the Herald".
    if v.told_verbs.contains(&w.as_str()) {
        let mut s = k + 1;
        // French/Italian "au Monde", "al Corriere".
        if s < sent.end
            && matches!(
                normalise(doc.token_text(s)).as_str(),
                "au" | "à" | "al" | "alla" | "der" | "dem"
            )
        {
            s += 1;
        }
        let np = np_after(doc, lex, s, sent.end)?;
        let kind = kind_of(&lower_words(doc, np.tokens.clone()), false);
        if !matches!(kind, SourceKind::Outlet | SourceKind::Agency) {
            return None;
        }
        let from = np.tokens.end;
        return Some(build(
            doc, v, lex, entities, k, np.tokens, from, sent.end, config,
        ));
    }
    None
}

/// "one source quoted …": an anonymous phrase right before the verb.
fn anonymous_before(doc: &TextDoc<'_>, k: usize, lo: usize) -> Option<Range<usize>> {
    let start = (lo..k)
        .rev()
        .take(3)
        .take_while(|&i| doc.tokens[i].kind == TokenKind::Word)
        .last()?;
    let words = lower_words(doc, start..k);
    (kind_of(&words, false) == SourceKind::Anonymous).then_some(start..k)
}

fn lower_words(doc: &TextDoc<'_>, r: Range<usize>) -> Vec<String> {
    r.filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .map(|i| normalise(doc.token_text(i)))
        .collect()
}

fn match_any(doc: &TextDoc<'_>, seqs: &[&[&str]], k: usize) -> Option<usize> {
    seqs.iter()
        .filter(|seq| {
            seq.iter()
                .enumerate()
                .all(|(j, s)| k + j < doc.tokens.len() && normalise(doc.token_text(k + j)) == *s)
        })
        .map(|seq| seq.len())
        .max()
}

/// The source phrase starting at `start`: up to a clause boundary, a stop word or a cites
/// marker.
fn source_phrase(
    doc: &TextDoc<'_>,
    v: &Vocab,
    start: usize,
    hi: usize,
    max: usize,
) -> Range<usize> {
    let mut i = start;
    while i < hi && i - start < max {
        let t = doc.tokens[i];
        if t.kind == TokenKind::Quote
            || (t.kind == TokenKind::Punct && !matches!(doc.token_text(i), "-" | "&" | "'"))
        {
            break;
        }
        let w = normalise(doc.token_text(i));
        if i > start && (v.stops.contains(&w.as_str()) || match_any(doc, v.cites, i).is_some()) {
            // Passive "cited by" stays inside: handled by `build`.
            if match_any(doc, v.cited_by, i).is_none() {
                break;
            }
        }
        if match_any(doc, v.cited_by, i).is_some() {
            // Keep reading past "citadas por" to the real source.
            let len = match_any(doc, v.cited_by, i).unwrap_or(1);
            i += len;
            continue;
        }
        i += 1;
    }
    start..i
}

/// Makes the source of phrase tokens `phrase` (anchor at `anchor`), with what it cites.
#[allow(clippy::too_many_arguments)]
fn build(
    doc: &TextDoc<'_>,
    v: &Vocab,
    lex: &Lexicon,
    entities: &[Entity],
    anchor: usize,
    phrase: Range<usize>,
    cites_from: usize,
    hi: usize,
    config: &SourceConfig,
) -> (Source, usize) {
    let mut cites: Vec<String> = Vec::new();
    let mut source = phrase.clone();
    // "fuentes del departamento citadas por la agencia X".
    if let Some(pos) = phrase
        .clone()
        .find(|&i| match_any(doc, v.cited_by, i).is_some())
    {
        let len = match_any(doc, v.cited_by, pos).unwrap_or(1);
        if pos > phrase.start && pos + len < phrase.end {
            cites.push(text_of(doc, phrase.start..pos));
            source = pos + len..phrase.end;
        }
    }
    // ", which cited …", "qui cite …", "unter Berufung auf …".
    let mut end = cites_from.max(phrase.end);
    let mut j = end;
    if j < hi && doc.token_text(j) == "," {
        j += 1;
    }
    if let Some(len) = match_any(doc, v.cites, j) {
        let c = source_phrase(doc, v, j + len, hi, config.max_cites_tokens);
        if !c.is_empty() {
            cites.push(text_of(doc, c.clone()));
            end = c.end;
        }
    }
    // German "wie X … berichtete": the text runs to the verb.
    if normalise(doc.token_text(anchor)) == "wie" {
        if let Some(verb) = (end..hi.min(end + 3)).find(|&i| {
            v.report_verbs
                .contains(&normalise(doc.token_text(i)).as_str())
        }) {
            end = verb + 1;
        }
    }
    let words = lower_words(doc, source.clone());
    let name_run = last_name_run(doc, lex, source.clone());
    let person = name_run.as_ref().is_some_and(|r| {
        let entity_person = entities.iter().any(|e| {
            e.label == EntityLabel::Person && {
                let (s, en) = doc.char_span(doc.token_bytes(r.clone()));
                e.mentions.iter().any(|m| m.start < en && s < m.end)
            }
        });
        entity_person
            || (r.len() >= 2 && given_name_gender(doc.token_text(r.start)).is_some())
            || (r.start > source.start && lex.honorific(doc.token_text(r.start - 1)).is_some())
    });
    let kind = kind_of(&words, person);
    let name = match (&name_run, kind) {
        (Some(r), k) if !matches!(k, SourceKind::Anonymous | SourceKind::Document) => {
            text_of(doc, r.clone())
        }
        (_, SourceKind::Document) => text_of(doc, strip_determiner(doc, lex, source.clone())),
        _ => text_of(doc, source.clone()),
    };
    let bytes = doc.tokens[anchor].start..doc.tokens[end - 1].end;
    let (start, e) = doc.char_span(bytes.clone());
    (
        Source {
            name,
            kind,
            text: doc.text[bytes].to_string(),
            start,
            end: e,
            cites,
        },
        end,
    )
}

fn strip_determiner(doc: &TextDoc<'_>, lex: &Lexicon, r: Range<usize>) -> Range<usize> {
    if r.len() > 1 && lex.is_determiner(doc.token_text(r.start)) && {
        let w = normalise(doc.token_text(r.start));
        !w.chars().all(|c| c.is_alphabetic()) || w.len() <= 3
    } {
        r.start + 1..r.end
    } else {
        r
    }
}

/// The last run of name words in `r` ("Axios" in "US news outlet Axios").
fn last_name_run(doc: &TextDoc<'_>, lex: &Lexicon, r: Range<usize>) -> Option<Range<usize>> {
    let mut best: Option<Range<usize>> = None;
    let mut i = r.start;
    while i < r.end {
        if is_name_word(doc, lex, i) {
            let s = i;
            while i < r.end
                && (is_name_word(doc, lex, i)
                    || (lex.is_particle(doc.token_text(i))
                        && i + 1 < r.end
                        && is_name_word(doc, lex, i + 1)))
            {
                i += 1;
            }
            // Descriptor nouns opening the run are not the name ("Sender Bloomberg TV").
            let mut s = s;
            while s + 1 < i && is_descriptor(&normalise(doc.token_text(s))) {
                s += 1;
            }
            // A capitalised article inside a sentence belongs to the name ("Le Monde").
            if s > r.start
                && lex.is_determiner(doc.token_text(s - 1))
                && doc.token_text(s - 1).starts_with(char::is_uppercase)
            {
                s -= 1;
            }
            best = Some(s..i);
        } else {
            i += 1;
        }
    }
    // A name run that is only a descriptor ("US" in "US news outlet") is not the name when a
    // later run exists; the last run wins.
    best.filter(|b| !b.is_empty()).or_else(|| {
        np_after(doc, lex, r.start, r.end)
            .and_then(|np| (np.kind == NpKind::Name).then_some(np.name).flatten())
    })
}

fn is_descriptor(w: &str) -> bool {
    [
        vocab::OUTLET_WORDS,
        vocab::AGENCY_WORDS,
        vocab::OFFICIAL_WORDS,
        vocab::DOCUMENT_WORDS,
    ]
    .iter()
    .any(|l| l.contains(&w))
}

fn text_of(doc: &TextDoc<'_>, r: Range<usize>) -> String {
    doc.text[doc.token_bytes(r)].to_string()
}
