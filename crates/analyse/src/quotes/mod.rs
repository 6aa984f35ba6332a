//! Quotes, direct and indirect, and their speakers.
//!
//! The cascade, one concern per module:
//!
//! 1. [`marks`] pairs quotation marks into quoted spans (every style of the five languages,
//!    nesting, quotes spanning paragraphs);
//! 2. each span's *frame* — the words of its sentence outside any quote, to its left and to its
//!    right — is searched for a speech cue from [`cues`] (a verb such as "said", "a déclaré",
//!    "sagte"; a preposition such as "according to", "selon", "laut");
//! 3. [`speaker`] finds the speaker phrase that goes with the cue ([`names`]) and resolves it
//!    to a name: an entity when one matches, the earlier person for a pronoun or role noun;
//! 4. spans with no cue that are short (scare quotes, titles) are not speech; longer ones keep
//!    the speaker of the quote they continue, or get `speaker: None`;
//! 5. [`indirect`] finds reported speech ("said that", "a déclaré que", German subjunctive).
//!
//! ```
//! use newsloom_analyse::{quotes, text::TextDoc};
//! use newsloom_model::{Language, QuoteKind};
//! let doc = TextDoc::new("\u{201c}We have a deal,\u{201d} said Marie Curie.", Language::En);
//! let found = quotes::find(&doc, &[]);
//! assert_eq!(found[0].kind, QuoteKind::Direct);
//! assert_eq!(found[0].speaker.as_deref(), Some("Marie Curie"));
//! ```

pub mod cues;
pub mod indirect;
pub mod marks;
pub mod names;
pub mod ranker;
pub mod speaker;

#[cfg(test)]
mod tests;

use crate::text::{TextDoc, TokenKind};
use cues::{lexicon, normalise, Lexicon};
use marks::{paragraph_of, Marked};
use names::{np_after, NpKind};
use newsloom_model::{Entity, Language, Quote, QuoteKind};
use speaker::{cue_at, verb_subject, Attribution, Cue, CueKind, Resolver, Speaker};
use std::ops::Range;

/// Thresholds of quote detection.
#[derive(Debug, Clone)]
pub struct QuoteConfig {
    /// A quote of at most this many words with no speech cue nearby is a scare quote or a
    /// title, not speech.
    pub scare_max_words: usize,
    /// A quote whose words are at least this share capitalised is a title (German: all).
    pub title_case_share: f32,
    /// Titles are recognised up to this many words even with a speech cue nearby.
    pub title_max_words: usize,
    /// A quote of at most this many words that an entity mention covers is a name, not speech.
    pub name_max_words: usize,
    /// Most tokens of the left frame searched for a cue.
    pub left_frame_tokens: usize,
    /// Most tokens between a quote's end and a cue to its right.
    pub right_cue_window: usize,
    /// Most object words between a speech verb and its complementiser ("told the team that").
    pub max_object_tokens: usize,
    /// Tokens after "sagte," searched for a German reported subjunctive.
    pub subjunctive_window: usize,
    /// Fewest words of a reported clause.
    pub min_indirect_words: usize,
    /// Accept English reported clauses with no "that" ("said the plan would fail").
    pub bare_clauses: bool,
    /// Let the learned ranker ([`ranker`]) choose each direct quote's speaker among the
    /// rules' choice, nearby entity mentions, recent persons and "no speaker".
    pub speaker_ranker: bool,
    /// Candidate generation of the ranker.
    pub ranker: ranker::RankerConfig,
    /// Ranker weights to use instead of the embedded ones (for fitting them).
    pub speaker_weights: Option<std::sync::Arc<ranker::Weights>>,
}

impl Default for QuoteConfig {
    fn default() -> Self {
        QuoteConfig {
            scare_max_words: 4,
            title_case_share: 0.75,
            title_max_words: 6,
            name_max_words: 3,
            left_frame_tokens: 40,
            right_cue_window: 20,
            max_object_tokens: 6,
            subjunctive_window: 10,
            min_indirect_words: 3,
            bare_clauses: true,
            speaker_ranker: true,
            ranker: ranker::RankerConfig::default(),
            speaker_weights: None,
        }
    }
}

/// Finds the quotes of `doc`; speakers are resolved to `entities` where possible (with no
/// entities, capitalised-name spans stand in).
pub fn find(doc: &TextDoc<'_>, entities: &[Entity]) -> Vec<Quote> {
    find_with(doc, entities, &QuoteConfig::default())
}

/// [`find`] with explicit thresholds.
pub fn find_with(doc: &TextDoc<'_>, entities: &[Entity], config: &QuoteConfig) -> Vec<Quote> {
    find_inner(doc, entities, config, None)
}

/// [`find_with`], also listing the speaker candidates of every direct quote (what the ranker
/// chooses from; used to fit its weights).
pub fn find_traced(
    doc: &TextDoc<'_>,
    entities: &[Entity],
    config: &QuoteConfig,
) -> (Vec<Quote>, Vec<ranker::Ranked>) {
    let mut trace = Vec::new();
    let quotes = find_inner(doc, entities, config, Some(&mut trace));
    (quotes, trace)
}

fn find_inner(
    doc: &TextDoc<'_>,
    entities: &[Entity],
    config: &QuoteConfig,
    mut trace: Option<&mut Vec<ranker::Ranked>>,
) -> Vec<Quote> {
    let lex = lexicon(&doc.lang);
    let spans = marks::pair(doc);
    let mut inside: Vec<Option<usize>> = vec![None; doc.tokens.len()];
    for (n, m) in spans.iter().enumerate() {
        for slot in inside.iter_mut().take(m.end).skip(m.open) {
            *slot = Some(n);
        }
    }
    let mut resolver = Resolver::new(doc, lex, entities);
    let weights: &ranker::Weights = match &config.speaker_weights {
        Some(w) => w,
        None => ranker::Weights::embedded(),
    };
    let use_ranker = config.speaker_ranker && !weights.is_empty();
    let mentions =
        (use_ranker || trace.is_some()).then(|| ranker::MentionIndex::new(doc, entities));
    let rank = mentions.as_ref().map(|mentions| Rank {
        entities,
        mentions,
        weights: use_ranker.then_some(weights),
    });
    let mut out: Vec<Quote> = Vec::new();
    // The last attributed speaker, with its paragraph, for quotes that continue it.
    let mut last: Option<(usize, Speaker)> = None;
    let mut next_span = 0;
    for sent in &doc.sentences {
        // Direct quotes opening in this sentence.
        while next_span < spans.len() && spans[next_span].open < sent.tokens.end {
            let m = &spans[next_span];
            next_span += 1;
            if let Some((q, spk)) = direct(
                doc,
                lex,
                &spans,
                &inside,
                m,
                &mut resolver,
                &last,
                config,
                rank.as_ref(),
                trace.as_deref_mut(),
            ) {
                if let Some(s) = spk {
                    last = Some((paragraph_of(doc, m.open), s));
                }
                out.push(q);
            }
        }
        for r in indirect::find(doc, lex, sent.tokens.clone(), &inside, config) {
            let speaker =
                resolve_attribution(doc, &mut resolver, r.np.as_ref(), r.cue.pronoun.clone());
            let Some(speaker) = speaker else { continue };
            let bytes = doc.token_bytes(r.content.clone());
            let (start, end) = doc.char_span(bytes.clone());
            last = Some((sent.paragraph, speaker.clone()));
            out.push(Quote {
                text: doc.text[bytes].to_string(),
                kind: QuoteKind::Indirect,
                speaker: Some(speaker.text),
                speaker_entity: speaker.entity,
                cue: Some(cue_text(doc, &r.cue)),
                start,
                end,
            });
        }
        resolver.note_sentence_subject(sent.tokens.clone());
        resolver.note_speech_subjects(sent.tokens.clone());
    }
    out.sort_by_key(|q| (q.start, q.end));
    out
}

fn cue_text(doc: &TextDoc<'_>, cue: &Cue) -> String {
    doc.text[doc.token_bytes(cue.tokens.clone())].to_string()
}

fn resolve_attribution(
    doc: &TextDoc<'_>,
    resolver: &mut Resolver<'_>,
    np: Option<&names::Np>,
    pronoun: Option<(cues::Gender, Range<usize>)>,
) -> Option<Speaker> {
    if let Some(np) = np {
        return resolver.resolve(np);
    }
    let (g, r) = pronoun?;
    let written = doc.text[doc.token_bytes(r)]
        .rsplit('-')
        .next()
        .unwrap_or("")
        .to_string();
    // A dropped subject ("ha detto") with no earlier person stays unknown.
    Some(resolver.resolve_pronoun(g, &written)).filter(|s| !s.text.is_empty())
}

/// The named or role subjects of the speech verbs in the sentence of quote `m` and the
/// sentences before and after it in its paragraph (outside quotes), with their sentence offset.
fn verb_subjects(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    inside: &[Option<usize>],
    resolver: &Resolver<'_>,
    m: &Marked,
) -> Vec<(Speaker, &'static str, isize)> {
    let s = doc.sentence_of(m.open);
    let Some(para) = doc.sentences.get(s).map(|x| x.paragraph) else {
        return Vec::new();
    };
    let lo = if s > 0 && doc.sentences[s - 1].paragraph == para {
        s - 1
    } else {
        s
    };
    let e = doc
        .sentence_of(m.end.saturating_sub(1).max(m.open))
        .min(doc.sentences.len() - 1);
    let hi = if e + 1 < doc.sentences.len() && doc.sentences[e + 1].paragraph == para {
        e + 1
    } else {
        e
    };
    let mut out = Vec::new();
    for si in lo..=hi {
        let r = doc.sentences[si].tokens.clone();
        let off = if si < s {
            -1
        } else if si > e {
            1
        } else {
            0
        };
        let mut k = r.start;
        while k < r.end {
            if inside[k].is_some()
                || doc.tokens[k].kind != TokenKind::Word
                || !lex.is_verb(doc.token_text(k))
            {
                k += 1;
                continue;
            }
            let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Verb) else {
                k += 1;
                continue;
            };
            // The clause around the verb, outside quotes.
            let mut a = cue.tokens.start;
            while a > r.start && inside[a - 1].is_none() {
                a -= 1;
            }
            let mut b = cue.tokens.end;
            while b < r.end && inside[b].is_none() {
                b += 1;
            }
            let prefer_after = doc.lang != Language::En;
            if let Some(np) = verb_subject(doc, lex, &cue, a, b, prefer_after) {
                let kind = match np.kind {
                    NpKind::Name => "name",
                    NpKind::Role => "role",
                    NpKind::Pronoun => "pron",
                };
                if let Some(sp) = resolver.peek(&np) {
                    out.push((sp, kind, off));
                }
            }
            k = cue.tokens.end.max(k + 1);
        }
    }
    out
}

/// What the speaker ranker needs per document.
struct Rank<'a> {
    entities: &'a [Entity],
    mentions: &'a ranker::MentionIndex,
    /// `None` when only tracing (the rules decide).
    weights: Option<&'a ranker::Weights>,
}

/// One direct quote: its frame, cue and speaker; `None` when it is not speech.
#[allow(clippy::too_many_arguments)]
fn direct(
    doc: &TextDoc<'_>,
    lex: &'static Lexicon,
    spans: &[Marked],
    inside: &[Option<usize>],
    m: &Marked,
    resolver: &mut Resolver<'_>,
    last: &Option<(usize, Speaker)>,
    config: &QuoteConfig,
    rank: Option<&Rank<'_>>,
    trace: Option<&mut Vec<ranker::Ranked>>,
) -> Option<(Quote, Option<Speaker>)> {
    let inner_tokens = m.inner_tokens();
    let words: Vec<usize> = inner_tokens
        .clone()
        .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .collect();
    if words.is_empty() {
        return None;
    }
    let left = left_frame(doc, spans, inside, m, config);
    let right = right_frame(doc, inside, m);
    // Titles and names in quotes ("Fox News Sunday", "Hvalur 9") are not speech, cue or not.
    if words.len() <= config.title_max_words && is_title(doc, &words, config) {
        return None;
    }
    // A name in quotes ("„Deutschlandfunk“", "„Amflora“"): the tagger found an entity
    // covering the quoted words.
    if words.len() <= config.name_max_words && quotes_a_name(doc, resolver, &words) {
        return None;
    }
    // German: a single capitalised word in quotes is a name or a term ("die Modelle
    // „Touareg“", "in der Tradition des „Eurokommunismus“") unless its sentence gives
    // something that label ("nannte die Absage einen „Vertrauensbruch“").
    if doc.lang == Language::De
        && words.len() == 1
        && doc.token_text(words[0]).starts_with(char::is_uppercase)
        && !sentence_has_naming_verb(doc, lex, m.open)
    {
        return None;
    }
    let left_first = colon_before(doc, m) || ends_sentence(doc, m);
    // A quote closing a sentence it does not open ("Sanders called the suspension “arbitrary.”
    // Josh Hendler … warned"): what follows is another sentence, with its own speaker.
    let opens_own_sentence = left
        .iter()
        .flat_map(|seg| seg.clone())
        .all(|i| doc.tokens[i].kind != TokenKind::Word);
    let cue_right = if ends_sentence(doc, m) && !opens_own_sentence {
        right.start..right.start
    } else {
        right.clone()
    };
    let attribution = attribute(doc, lex, &left, cue_right, left_first, config);
    // A name after the noun it names; a single German word after a noun is a name only with no
    // speech verb around ("verteidigte die Bezeichnung „Gesindel“").
    if words.len() <= config.title_max_words
        && names_thing(doc, lex, m, &words)
        && (words.len() >= 2 || attribution.is_none())
    {
        return None;
    }
    // German marks speech with „…“, »…« or "…"; single marks ('…', ‚…‘) and wiki italics
    // (''…'') are scare quotes and titles unless a speech verb introduces a longer quote.
    let single = doc
        .token_text(m.open)
        .starts_with(['\'', '‚', '‘', '‹', '›']);
    if doc.lang == Language::De
        && single
        && (words.len() <= config.scare_max_words
            || !attribution
                .as_ref()
                .is_some_and(|a| a.cue.kind == CueKind::Verb))
    {
        return None;
    }
    let para = paragraph_of(doc, m.open);
    let (speaker, cue, how, pronoun) = match &attribution {
        Some(a) => {
            let kind = match a.cue.kind {
                CueKind::Verb => "verb",
                CueKind::Prepositional => "prep",
            };
            let side = if a.cue.tokens.start >= m.end {
                "right"
            } else {
                "left"
            };
            let (np, pronoun) = match (&a.np, &a.cue_pronoun) {
                (Some(np), _) => match np.kind {
                    NpKind::Name => ("name", None),
                    NpKind::Role => ("role", None),
                    NpKind::Pronoun => ("pron", Some(np.gender)),
                },
                (None, Some((g, _))) => ("cuepron", Some(*g)),
                (None, None) => ("none", None),
            };
            (
                resolve_attribution(doc, resolver, a.np.as_ref(), a.cue_pronoun.clone()),
                Some(cue_text(doc, &a.cue)),
                format!("{kind}_{side}_{np}"),
                pronoun,
            )
        }
        None => {
            // German reported speech marks short quotes as speech without a verb: "Der
            // Niederländer sei „nicht aggressiv oder so“".
            let reported = doc.lang == Language::De
                && left
                    .iter()
                    .flat_map(|s| s.clone())
                    .chain(right.clone())
                    .any(|i| lex.is_subjunctive(doc.token_text(i)));
            // A short quote in a sentence that names or labels something is someone's wording
            // ("calling it “disqualifying”", "accused Sanders of a “flip-flop”"). Not in German,
            // whose naming verbs are speech cues already ("nannte"): there the rule only adds
            // terms in quotes.
            let labelled = doc.lang != Language::De && sentence_has_naming_verb(doc, lex, m.open);
            if (words.len() <= config.scare_max_words && !reported && !labelled)
                || is_title(doc, &words, config)
            {
                return None;
            }
            // A quote opening its sentence (or reported in German) continues the last speaker
            // of its paragraph.
            let starts_sentence = left
                .iter()
                .flat_map(|seg| seg.clone())
                .all(|i| doc.tokens[i].kind != TokenKind::Word)
                || reported;
            // A quote making up the start of its paragraph continues the speaker of the quote
            // that closed the previous paragraph ("…,” Trump said. ¶ “…”").
            let opens_paragraph = starts_sentence && opens_its_paragraph(doc, m.open);
            let inherited = last
                .as_ref()
                .filter(|(p, _)| {
                    starts_sentence && (*p == para || (opens_paragraph && *p + 1 == para))
                })
                .map(|(_, s)| s.clone());
            // A partial quote inside a sentence with no speech verb ("He called Burma a
            // “…”"): the sentence's subject, when it is a name or a pronoun.
            // A reported quote with its own subject ("Er habe „…“"): that subject.
            let own_subject = reported;
            let subject = if inherited.is_none() && (!starts_sentence || own_subject) {
                let naming = if labelled {
                    naming_subject(doc, lex, &left)
                } else {
                    None
                };
                naming
                    .or_else(|| {
                        left.last()
                            .and_then(|seg| sentence_subject(doc, lex, seg.clone()))
                    })
                    .and_then(|np| resolver.resolve(&np))
            } else {
                None
            };
            // A quote introduced by a colon with no speech verb ("the Christie supporter
            // retorted: “…”", "Ein Beamter der Nationalpolizei: „…“"): the subject of the
            // clause before the colon.
            let colon_subject = if inherited.is_none() && subject.is_none() && colon_before(doc, m)
            {
                left.first()
                    .and_then(|seg| {
                        let end = seg.end.saturating_sub(1);
                        speaker::clause_subject(doc, lex, seg.start, end).or_else(|| {
                            // "Die … Alice Kakamara, 30, beschrieb den Hergang:": the phrase
                            // opening the sentence.
                            names::np_after(doc, lex, seg.start, end)
                                .filter(|np| np.kind != NpKind::Role || np.role.is_some())
                        })
                    })
                    .and_then(|np| resolver.resolve(&np))
            } else {
                None
            };
            // German impersonal attributions name a document: "…“, heißt es in der Rede", "In
            // dem Antrag heißt es wörtlich: „…“".
            let impersonal = if doc.lang == Language::De {
                impersonal_source(doc, lex, &left, right.clone())
            } else {
                None
            };
            let how = if impersonal.is_some() {
                "impersonal"
            } else if inherited.is_some() {
                "inherited"
            } else if subject.is_some() {
                if labelled {
                    "subject_naming"
                } else {
                    "subject"
                }
            } else if colon_subject.is_some() {
                "colon"
            } else {
                "none"
            };
            (
                impersonal.or(inherited).or(subject).or(colon_subject),
                None,
                how.to_string(),
                None,
            )
        }
    };
    let speaker = match rank {
        Some(rank) => {
            let ctx = ranker::Context {
                doc,
                lex,
                entities: rank.entities,
                mentions: rank.mentions,
                inside,
                m,
                last: last.as_ref().map(|(_, s)| s),
                recent: resolver.recent(config.ranker.recent_persons),
                verb_subjects: verb_subjects(doc, lex, inside, resolver, m),
                words: words.len(),
                after_colon: colon_before(doc, m),
            };
            let rule = ranker::RuleChoice {
                speaker: speaker.as_ref(),
                how,
                pronoun,
            };
            let cands = ranker::candidates(&ctx, &rule, &config.ranker);
            let chosen = rank.weights.map_or(0, |w| w.best(&cands));
            let chosen = cands[chosen].speaker.clone();
            if let Some(trace) = trace {
                let (start, end, _) = quote_text(doc, m);
                trace.push(ranker::Ranked {
                    start,
                    end,
                    candidates: cands,
                });
            }
            chosen
        }
        None => speaker,
    };
    if let Some(s) = &speaker {
        resolver.touch(s);
    }
    let (start, end, text) = quote_text(doc, m);
    Some((
        Quote {
            text,
            kind: QuoteKind::Direct,
            speaker: speaker.as_ref().map(|s| s.text.clone()),
            speaker_entity: speaker.as_ref().and_then(|s| s.entity.clone()),
            cue,
            start,
            end,
        },
        speaker,
    ))
}

/// The subject of the nearest naming verb of the left frame ("Cross called November’s
/// general election “…”", "Romney went after Trump, calling it “…”"), never a phrase after
/// the verb (its object: "called Trump a “…”").
fn naming_subject(doc: &TextDoc<'_>, lex: &Lexicon, left: &[Range<usize>]) -> Option<names::Np> {
    left.iter().find_map(|seg| {
        let k = (seg.start..seg.end)
            .rev()
            .find(|&k| lex.is_naming_verb(doc.token_text(k)))?;
        let cue = Cue {
            tokens: k..k + 1,
            kind: CueKind::Verb,
            pronoun: None,
        };
        verb_subject(doc, lex, &cue, seg.start, seg.end, false).filter(|np| np.tokens.end <= k)
    })
}

/// German impersonal speech verbs ("heißt es", "hieß es").
const IMPERSONAL_VERBS: &[&str] = &["heißt", "hieß"];

/// Prepositions introducing the document an impersonal verb cites ("in der Rede", "auf der
/// Webseite", "aus Paris").
const SOURCE_PREPOSITIONS: &[&str] = &["in", "im", "auf", "aus"];

/// Adverbs between "heißt es" and its source ("heißt es dazu in", "hieß es wörtlich").
const IMPERSONAL_ADVERBS: &[&str] = &[
    "dazu",
    "wörtlich",
    "darin",
    "weiter",
    "auch",
    "nun",
    "zudem",
];

/// Most tokens of the cited document's phrase.
const SOURCE_MAX_TOKENS: usize = 8;

/// The document of a German impersonal attribution in the quote's frame: the phrase after
/// "heißt es (dazu) in/auf/aus" to the right of the quote, or the prepositional phrase opening
/// the clause before "heißt es" on its left ("In dem Antrag heißt es wörtlich: „…“").
fn impersonal_source(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    left: &[Range<usize>],
    right: Range<usize>,
) -> Option<Speaker> {
    let is = |k: usize, list: &[&str]| list.contains(&normalise(doc.token_text(k)).as_str());
    let phrase = |a: usize, hi: usize| -> Option<Speaker> {
        let mut b = a;
        while b < hi
            && b < a + SOURCE_MAX_TOKENS
            && doc.tokens[b].kind == TokenKind::Word
            && !lex.is_verb(doc.token_text(b))
            && !IMPERSONAL_VERBS.contains(&normalise(doc.token_text(b)).as_str())
        {
            b += 1;
        }
        let words = a..b;
        (words
            .clone()
            .any(|k| doc.token_text(k).starts_with(char::is_uppercase)))
        .then(|| Speaker {
            text: doc.text[doc.token_bytes(words)].to_string(),
            entity: None,
            gender: cues::Gender::Unknown,
        })
    };
    // Right: "…“, heißt es (dazu) in einer Pressemitteilung des CCC."
    let mut k = right.start;
    while k < right.end && doc.tokens[k].kind != TokenKind::Word {
        k += 1;
    }
    if k + 2 < right.end && is(k, IMPERSONAL_VERBS) && normalise(doc.token_text(k + 1)) == "es" {
        let mut p = k + 2;
        while p < right.end && is(p, IMPERSONAL_ADVERBS) {
            p += 1;
        }
        if p + 1 < right.end && is(p, SOURCE_PREPOSITIONS) {
            return phrase(p + 1, right.end);
        }
        return None;
    }
    // Left: "In dem Antrag heißt es wörtlich:", "Aus Paris hieß es, …".
    let seg = left.first()?;
    let v = (seg.start..seg.end).rev().find(|&k| {
        is(k, IMPERSONAL_VERBS) && k + 1 < seg.end && normalise(doc.token_text(k + 1)) == "es"
    })?;
    let start = (seg.start..v)
        .rev()
        .find(|&k| matches!(doc.token_text(k), "," | ":" | ";"))
        .map_or(seg.start, |k| k + 1);
    if start < v && is(start, SOURCE_PREPOSITIONS) {
        return phrase(start + 1, v);
    }
    None
}

/// True when token `at` is in the first sentence of its paragraph.
fn opens_its_paragraph(doc: &TextDoc<'_>, at: usize) -> bool {
    let s = doc.sentence_of(at);
    s == 0 || doc.sentences[s - 1].paragraph != doc.sentences[s].paragraph
}

/// True when an entity mention covers all the quoted `words`.
fn quotes_a_name(doc: &TextDoc<'_>, resolver: &Resolver<'_>, words: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    let (start, end) = doc.char_span(doc.token_bytes(first..last + 1));
    resolver.inside_entity(start, end)
}

/// True when the sentence of token `at` has a naming verb ([`Lexicon::is_naming_verb`]).
fn sentence_has_naming_verb(doc: &TextDoc<'_>, lex: &Lexicon, at: usize) -> bool {
    doc.sentences[doc.sentence_of(at)]
        .tokens
        .clone()
        .any(|i| lex.is_naming_verb(doc.token_text(i)))
}

/// The subject opening sentence tokens `seg`: a name or pronoun, after at most two
/// fronted words.
fn sentence_subject(doc: &TextDoc<'_>, lex: &Lexicon, seg: Range<usize>) -> Option<names::Np> {
    (seg.start..seg.end.min(seg.start + 3)).find_map(|s| {
        np_after(doc, lex, s, seg.end)
            .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun))
            .filter(|np| {
                np.tokens.end < seg.end
                    && doc.tokens[np.tokens.end].kind == TokenKind::Word
                    && doc
                        .token_text(np.tokens.end)
                        .starts_with(char::is_lowercase)
            })
    })
}

/// Char span and text of the quoted words, without surrounding blanks and a trailing comma.
fn quote_text(doc: &TextDoc<'_>, m: &Marked) -> (usize, usize, String) {
    let raw = &doc.text[m.inner.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim_start().trim_end().trim_end_matches(',').trim_end();
    let b = m.inner.start + lead;
    let e = b + trimmed.len();
    let (start, end) = doc.char_span(b..e);
    (start, end, trimmed.to_string())
}

/// True when the quote names the thing the noun before it introduces: "der Film
/// „Retirement“", "der Fernsehsender „Channel 10“", "Fox News’s “Fox and Friends.”" — a
/// German capitalised noun (not opening the sentence) or an English possessive right before
/// the opening mark, and a quote without a sentence stop inside.
fn names_thing(doc: &TextDoc<'_>, lex: &Lexicon, m: &Marked, words: &[usize]) -> bool {
    if m.open == 0 || internal_stop(doc, words) {
        return false;
    }
    let k = m.open - 1;
    let t = doc.tokens[k].kind;
    let prev = doc.token_text(k);
    let sentence_start = doc.sentences[doc.sentence_of(k)].tokens.start == k;
    match doc.lang {
        Language::De => {
            t == TokenKind::Word
                && !sentence_start
                && prev.starts_with(char::is_uppercase)
                && doc.token_text(words[0]).starts_with(char::is_uppercase)
                && !names::is_name_word(doc, lex, k.saturating_sub(1))
                && lex.pronoun(prev).is_none()
                && !lex.is_determiner(prev)
                && !lex.is_verb(prev)
        }
        Language::En => {
            (prev == "'s" || prev == "’s" || prev.ends_with("'s") || prev.ends_with("’s"))
                && is_title_case(doc, words, 1.0)
        }
        _ => false,
    }
}

/// True when a sentence stop sits inside the quoted words (not at their end).
fn internal_stop(doc: &TextDoc<'_>, words: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    (first..last).any(|i| matches!(doc.token_text(i), "." | "!" | "?"))
}

/// True when at least `share` of the content words are capitalised (function words of three
/// letters or fewer are ignored).
fn is_title_case(doc: &TextDoc<'_>, words: &[usize], share: f32) -> bool {
    let content: Vec<&str> = words
        .iter()
        .map(|&i| doc.token_text(i))
        .filter(|w| w.chars().count() > 3 || w.starts_with(char::is_uppercase))
        .collect();
    let caps = content
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    !content.is_empty() && caps as f32 >= share * content.len() as f32
}

/// True when the quoted words look like a title ("Cold War", "Make America Great Again").
fn is_title(doc: &TextDoc<'_>, words: &[usize], config: &QuoteConfig) -> bool {
    let lex = lexicon(&doc.lang);
    // German capitalises every noun: only an all-capitalised quote is a title there.
    let share = if doc.lang == Language::De {
        1.0
    } else {
        config.title_case_share
    };
    let caps = words
        .iter()
        .filter(|&&i| {
            doc.token_text(i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .count();
    let has_stop = words
        .iter()
        .any(|&i| matches!(doc.token_text(i), "." | "!" | "?"));
    // A single capitalised German word is a noun, not a title ("„Gesindel“").
    let too_short = doc.lang == Language::De && words.len() < 2;
    // German: a longer name whose only lower-case words are short function words ("Union pour
    // un Mouvement Populaire", "Championnat du Monde de Pétanque").
    let name_like = doc.lang == Language::De
        && words.len() >= 3
        && doc.token_text(words[0]).starts_with(char::is_uppercase)
        && 2 * caps >= words.len()
        && words.iter().all(|&i| {
            let w = doc.token_text(i);
            w.starts_with(|c: char| !c.is_lowercase())
                || (w.chars().count() <= 4 && !lex.is_determiner(w))
        });
    !has_stop && !too_short && (caps as f32 >= share * words.len() as f32 || name_like)
}

fn is_terminal_or_comma(doc: &TextDoc<'_>, i: usize) -> bool {
    i >= doc.tokens.len() || is_terminal(doc, i) || doc.token_text(i) == ","
}

fn is_terminal(doc: &TextDoc<'_>, i: usize) -> bool {
    doc.tokens[i].kind == TokenKind::Punct && doc.token_text(i).starts_with(['.', '!', '?', '…'])
}

/// The left frame: contiguous token ranges of the quote's sentence outside any quote, nearest
/// first. A frame reaching its paragraph start continues into the previous paragraph when that
/// one ends with a colon ("Caddell continued:").
fn left_frame(
    doc: &TextDoc<'_>,
    spans: &[Marked],
    inside: &[Option<usize>],
    m: &Marked,
    config: &QuoteConfig,
) -> Vec<Range<usize>> {
    let mut segs = Vec::new();
    let mut para = paragraph_of(doc, m.open);
    let mut seg_end = m.open;
    let mut i = m.open;
    let mut count = 0;
    while i > 0 && count < config.left_frame_tokens {
        let k = i - 1;
        // A quote ending the previous paragraph is not part of this sentence.
        let other_para = paragraph_of(doc, k) != para && doc.token_text(k) != ":";
        if let (Some(n), false) = (inside[k], other_para) {
            segs.push(i..seg_end);
            i = spans[n].open;
            seg_end = i;
            continue;
        }
        let p = paragraph_of(doc, k);
        if p != para {
            if doc.token_text(k) == ":"
                && i == seg_end
                && segs.iter().all(|s: &Range<usize>| s.is_empty())
            {
                segs.push(i..seg_end);
                para = p;
                seg_end = i;
            } else {
                break;
            }
        }
        if is_terminal(doc, k) {
            break;
        }
        count += 1;
        i = k;
    }
    segs.push(i..seg_end);
    segs
}

/// The right frame: tokens after the quote up to the end of its clause, the next quote or the
/// paragraph end.
fn right_frame(doc: &TextDoc<'_>, inside: &[Option<usize>], m: &Marked) -> Range<usize> {
    let para = paragraph_of(doc, m.open.max(m.end.saturating_sub(1)));
    let mut i = m.end;
    while i < doc.tokens.len()
        && inside[i].is_none()
        && !is_terminal(doc, i)
        && paragraph_of(doc, i) == para
    {
        i += 1;
    }
    m.end..i
}

/// A speech verb in the left frame, nearest first, with its subject.
fn left_verb(doc: &TextDoc<'_>, lex: &Lexicon, left: &[Range<usize>]) -> Option<Attribution> {
    let prefer_after = doc.lang != Language::En;
    for seg in left {
        for k in seg.clone().rev() {
            let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Verb) else {
                continue;
            };
            if cue.tokens.end > seg.end || cue.tokens.start < seg.start {
                continue;
            }
            if cue.pronoun.is_some() {
                return Some(Attribution {
                    np: None,
                    cue_pronoun: cue.pronoun.clone(),
                    cue,
                });
            }
            if let Some(np) = verb_subject(doc, lex, &cue, seg.start, seg.end, prefer_after) {
                return Some(Attribution {
                    np: Some(np),
                    cue_pronoun: None,
                    cue,
                });
            }
        }
    }
    None
}

/// True when the quote `m` is introduced by a colon ("sagte: „…“", "said:").
fn colon_before(doc: &TextDoc<'_>, m: &Marked) -> bool {
    let mut k = m.open;
    while k > 0 && doc.tokens[k - 1].kind == TokenKind::Quote {
        k -= 1;
    }
    k > 0 && doc.token_text(k - 1) == ":"
}

/// True when the quote `m` ends its own sentence and a new one starts after it ("…“ Der
/// Minister …"): its last word is followed by a full stop and the next word is capitalised.
fn ends_sentence(doc: &TextDoc<'_>, m: &Marked) -> bool {
    let inner = m.inner_tokens();
    let last_terminal = (inner.start..inner.end)
        .rev()
        .find(|&i| doc.tokens[i].kind != TokenKind::Quote)
        .is_some_and(|i| is_terminal(doc, i));
    let mut k = m.end;
    while k < doc.tokens.len() && doc.tokens[k].kind == TokenKind::Quote {
        k += 1;
    }
    last_terminal
        && k < doc.tokens.len()
        && doc.tokens[k].kind == TokenKind::Word
        && doc.token_text(k).starts_with(char::is_uppercase)
}

/// Finds the cue and speaker phrase of a quote: a verb to the right, a verb to the left, then
/// prepositional cues right and left. A quote introduced by a colon, or closing its own
/// sentence, looks left first.
fn attribute(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    left: &[Range<usize>],
    right: Range<usize>,
    left_first: bool,
    config: &QuoteConfig,
) -> Option<Attribution> {
    if left_first {
        if let Some(a) = left_verb(doc, lex, left) {
            return Some(a);
        }
    }
    let mut r0 = right.start;
    let mut comma = false;
    while r0 < right.end && doc.tokens[r0].kind != TokenKind::Word {
        comma |= matches!(doc.token_text(r0), "," | "—" | "–" | "-");
        r0 += 1;
    }
    // "“…,” Leonard E. Burman, director of … and a professor at …, said": a name and an
    // apposition right after the quote; the name is the subject of the verb that follows.
    let apposed = np_after(doc, lex, r0, right.end).filter(|np| {
        np.kind == NpKind::Name
            && np.tokens.end < right.end
            && doc.token_text(np.tokens.end) == ","
            && !(np.tokens.end + 1 < right.end && cue_at(doc, lex, np.tokens.end + 1).is_some())
    });
    let window = if apposed.is_some() {
        config.right_cue_window * 2
    } else {
        config.right_cue_window
    };
    let window_end = right.end.min(r0 + window);
    // "“…” ― Carla Sanchez": a dash and a name closing the clause.
    let dash = (right.start..r0).any(|k| matches!(doc.token_text(k), "―" | "—" | "–" | "-"));
    if dash {
        if let Some(np) = np_after(doc, lex, r0, right.end) {
            if np.kind == NpKind::Name
                && (np.tokens.end >= right.end || is_terminal_or_comma(doc, np.tokens.end))
            {
                return Some(Attribution {
                    np: Some(np),
                    cue_pronoun: None,
                    cue: Cue {
                        tokens: r0 - 1..r0,
                        kind: CueKind::Prepositional,
                        pronoun: None,
                    },
                });
            }
        }
    }
    // German "…“, so Murtha."
    if comma
        && r0 < right.end
        && lex
            .right_only
            .contains(&normalise(doc.token_text(r0)).as_str())
    {
        // "…“, so charakterisierte ihn der Gewerkschaftsfunktionär Bernard Aubin."
        let np = np_after(doc, lex, r0 + 1, right.end).or_else(|| {
            let mut s = r0 + 2;
            while s < right.end
                && s < r0 + 4
                && lex.pronoun(doc.token_text(s)).is_none()
                && !names::is_name_word(doc, lex, s)
                && !lex.is_determiner(doc.token_text(s))
            {
                s += 1;
            }
            if matches!(normalise(doc.token_text(s)).as_str(), "ihn" | "sie" | "es") {
                s += 1;
            }
            np_after(doc, lex, s, right.end)
        });
        if let Some(np) = np {
            return Some(Attribution {
                np: Some(np),
                cue_pronoun: None,
                cue: Cue {
                    tokens: r0..r0 + 1,
                    kind: CueKind::Prepositional,
                    pronoun: None,
                },
            });
        }
    }
    // A verb right after the quote.
    let mut k = r0;
    while k < window_end {
        if let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Verb) {
            if cue.pronoun.is_some() {
                return Some(Attribution {
                    np: None,
                    cue_pronoun: cue.pronoun.clone(),
                    cue,
                });
            }
            let after_comma = cue.tokens.start > r0 && doc.token_text(cue.tokens.start - 1) == ",";
            let np = apposed
                .clone()
                .filter(|np| after_comma && np.tokens.end < cue.tokens.start)
                .or_else(|| verb_subject(doc, lex, &cue, r0, right.end, false))
                .or_else(|| {
                    // "…“, hatte VW-Chef Winterkorn in einem Interview erklärt."
                    let s = speaker::skip_forward(doc, lex, r0, cue.tokens.start);
                    np_after(doc, lex, s, cue.tokens.start)
                        .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun))
                });
            // Spanish and Italian drop subject pronouns: «…», ha detto.
            let pro_drop = np.is_none() && matches!(doc.lang, Language::Es | Language::It);
            if np.is_none() && !pro_drop {
                // The verb has no subject here ("… and appealed to them to"): look left.
                break;
            }
            let cue_pronoun =
                pro_drop.then_some((cues::Gender::Unknown, cue.tokens.start..cue.tokens.start));
            return Some(Attribution {
                np,
                cue_pronoun,
                cue,
            });
        }
        // Stop at a clause boundary other than the comma after the quote.
        if doc.tokens[k].kind == TokenKind::Punct && !matches!(doc.token_text(k), "," | "(" | ")") {
            break;
        }
        k += 1;
    }
    // A verb to the left, nearest first.
    if let Some(a) = left_verb(doc, lex, left) {
        return Some(a);
    }
    // Prepositional cues: right, then left.
    for k in r0..window_end {
        if let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Prepositional) {
            if let Some(np) = np_after(doc, lex, cue.tokens.end, right.end) {
                return Some(Attribution {
                    np: Some(np),
                    cue_pronoun: None,
                    cue,
                });
            }
        }
    }
    for seg in left {
        for k in seg.clone().rev() {
            if let Some(cue) = cue_at(doc, lex, k).filter(|c| c.kind == CueKind::Prepositional) {
                if let Some(np) = np_after(doc, lex, cue.tokens.end, seg.end) {
                    if np.kind != NpKind::Pronoun {
                        return Some(Attribution {
                            np: Some(np),
                            cue_pronoun: None,
                            cue,
                        });
                    }
                }
            }
        }
    }
    None
}
