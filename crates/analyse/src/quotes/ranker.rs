//! The learned speaker ranker: for each direct quote the rule cascade's speaker, the entity
//! mentions around the quote, the recently named persons and "no speaker" are candidates; a
//! linear model over their features picks one.
//!
//! The weights (`models/speaker.weights`, one `feature<TAB>weight` a line) are fitted by
//! `examples/speaker_train.rs` on the training splits of `../shared/data/quotes`; with no
//! weights, or when every candidate scores the same, the rules' choice (listed first) wins.

use super::cues::{given_name_gender, Gender, Lexicon};
use super::marks::{paragraph_of, Marked};
use super::speaker::{cue_at, CueKind, Speaker};
use crate::text::{TextDoc, TokenKind};
use newsloom_model::{Entity, EntityLabel, Language};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The embedded weights.
static WEIGHTS_TEXT: &str = include_str!("../../models/speaker.weights");

/// Thresholds of candidate generation.
#[derive(Debug, Clone)]
pub struct RankerConfig {
    /// Most recently named persons offered as candidates.
    pub recent_persons: usize,
    /// Tokens next to a mention searched for a speech verb.
    pub verb_window: usize,
}

impl Default for RankerConfig {
    fn default() -> Self {
        RankerConfig {
            recent_persons: 3,
            verb_window: 3,
        }
    }
}

/// One candidate speaker of a quote with its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The speaker, `None` for "no speaker".
    pub speaker: Option<Speaker>,
    /// Feature names (each also conjoined with the language).
    pub features: Vec<String>,
}

/// The candidates of one direct quote (for training and inspection).
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Char start of the quoted words.
    pub start: usize,
    /// Char end of the quoted words.
    pub end: usize,
    /// Candidates, the rules' choice first.
    pub candidates: Vec<Candidate>,
}

/// Entity mentions by token, built once per document.
pub struct MentionIndex {
    /// (tokens, entity index), sorted by start token.
    mentions: Vec<(Range<usize>, usize)>,
}

impl MentionIndex {
    /// Maps the char offsets of `entities`' mentions to tokens of `doc`.
    pub fn new(doc: &TextDoc<'_>, entities: &[Entity]) -> Self {
        let starts: Vec<usize> = doc
            .tokens
            .iter()
            .map(|t| doc.char_offset(t.start))
            .collect();
        let ends: Vec<usize> = doc.tokens.iter().map(|t| doc.char_offset(t.end)).collect();
        let mut mentions = Vec::new();
        for (e, ent) in entities.iter().enumerate() {
            if !matches!(ent.label, EntityLabel::Person | EntityLabel::Organisation) {
                continue;
            }
            for m in &ent.mentions {
                let a = starts.partition_point(|&s| s < m.start);
                let b = ends.partition_point(|&x| x < m.end);
                if a <= b && b < doc.tokens.len() {
                    mentions.push((a..b + 1, e));
                }
            }
        }
        mentions.sort_by_key(|(r, _)| (r.start, r.end));
        MentionIndex { mentions }
    }

    fn within(&self, r: Range<usize>) -> impl Iterator<Item = &(Range<usize>, usize)> {
        let first = self.mentions.partition_point(|(m, _)| m.start < r.start);
        self.mentions[first..]
            .iter()
            .take_while(move |(m, _)| m.start < r.end)
            .filter(move |(m, _)| m.end <= r.end)
    }
}

/// What the rule cascade did for a quote.
pub struct RuleChoice<'s> {
    /// Its speaker.
    pub speaker: Option<&'s Speaker>,
    /// Which rule chose it ("verb_right_name", "inherited", "none", …).
    pub how: String,
    /// The gender of the pronoun the rules resolved, when the phrase was a pronoun.
    pub pronoun: Option<Gender>,
}

/// Everything the candidate generator looks at for one quote.
pub struct Context<'a> {
    /// The document.
    pub doc: &'a TextDoc<'a>,
    /// Its lexicon.
    pub lex: &'a Lexicon,
    /// Its entities.
    pub entities: &'a [Entity],
    /// Their mentions by token.
    pub mentions: &'a MentionIndex,
    /// Which quote (if any) holds each token.
    pub inside: &'a [Option<usize>],
    /// The quote.
    pub m: &'a Marked,
    /// The previous quote's speaker.
    pub last: Option<&'a Speaker>,
    /// Recently named persons, most recent first.
    pub recent: Vec<Speaker>,
    /// The subjects of the speech verbs of the quote's sentence and its neighbours in the
    /// paragraph, as (speaker, phrase kind, sentence offset from the quote's).
    pub verb_subjects: Vec<(Speaker, &'static str, isize)>,
    /// Words in the quote.
    pub words: usize,
    /// The quote follows a colon.
    pub after_colon: bool,
}

fn key(s: &Speaker) -> String {
    s.entity.as_deref().unwrap_or(&s.text).to_lowercase()
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

fn gender_of(ent: &Entity) -> Gender {
    if ent.label != EntityLabel::Person {
        return Gender::Unknown;
    }
    ent.name
        .split_whitespace()
        .next()
        .and_then(given_name_gender)
        .unwrap_or(Gender::Unknown)
}

struct Builder {
    lang: &'static str,
    list: Vec<Candidate>,
    keys: Vec<Option<String>>,
}

impl Builder {
    fn add(&mut self, speaker: Option<Speaker>, feats: Vec<String>) {
        let k = speaker.as_ref().map(key);
        let at = self.keys.iter().position(|x| *x == k);
        let idx = match at {
            Some(i) => i,
            None => {
                self.keys.push(k);
                self.list.push(Candidate {
                    speaker,
                    features: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        let c = &mut self.list[idx];
        for f in feats {
            if !c.features.contains(&f) {
                c.features.push(f);
            }
        }
    }
}

/// The candidates of a quote: the rules' choice first, then "no speaker", entity mentions
/// around the quote and recent persons. Candidates naming the same entity are merged.
pub fn candidates(
    ctx: &Context<'_>,
    rule: &RuleChoice<'_>,
    config: &RankerConfig,
) -> Vec<Candidate> {
    let doc = ctx.doc;
    let lang = match doc.lang {
        Language::De => "de",
        Language::En => "en",
        _ => "xx",
    };
    let mut b = Builder {
        lang,
        list: Vec::new(),
        keys: Vec::new(),
    };
    let wb = bucket(ctx.words.min(11));
    // The rule's class: how much to trust it.
    let cls = match rule.how.as_str() {
        "inherited" | "none" | "colon" => rule.how.as_str(),
        h if h.starts_with("subject") => "subject",
        h if h.ends_with("pron") => "pron",
        h if h.ends_with("role") => "role",
        h if h.ends_with("name") => "named",
        _ => "other",
    };
    let m = ctx.m;
    let s_idx = doc.sentence_of(m.open);
    if s_idx >= doc.sentences.len() {
        // A quote outside every sentence (never seen): the rules decide.
        return vec![Candidate {
            speaker: rule.speaker.cloned(),
            features: Vec::new(),
        }];
    }
    // A pronoun opening the quote's sentence before the quote ("He noted that … “…”"): its
    // sentence's names are rather objects.
    let sent_start = doc.sentences[s_idx].tokens.start;
    let spron = sent_start < m.open
        && doc.tokens[sent_start].kind == TokenKind::Word
        && ctx.lex.pronoun(doc.token_text(sent_start)).is_some();
    // The rules' choice.
    let mut rf = vec![
        format!("rule:{}", rule.how),
        "rule".to_string(),
        format!("rule_spron:{spron}:{cls}"),
    ];
    if let Some(s) = rule.speaker {
        rf.push(format!("rule_entity:{}", s.entity.is_some()));
        if rule.pronoun.is_some() {
            let resolved = s.entity.is_some()
                || s.text.split_whitespace().count() > 1
                || s.text.starts_with(char::is_uppercase);
            rf.push(format!("rule_pronoun_resolved:{resolved}"));
        }
        if ctx.last.is_some_and(|l| key(l) == key(s)) {
            rf.push(format!("rule_is_last:{}", rule.how));
        }
    }
    b.add(rule.speaker.cloned(), rf);
    // No speaker.
    b.add(
        None,
        vec![
            "null".to_string(),
            format!("null:{}", rule.how),
            format!("null_words:{wb}"),
            format!("null_colon:{}", ctx.after_colon),
        ],
    );
    let para = paragraph_of(doc, m.open);
    // The window: the previous paragraph, the quote's paragraph up to the sentence after the
    // quote's.
    let mut lo_s = s_idx;
    while lo_s > 0
        && (doc.sentences[lo_s - 1].paragraph == para
            || doc.sentences[lo_s - 1].paragraph + 1 == para)
    {
        lo_s -= 1;
    }
    let end_s = doc
        .sentence_of(m.end.saturating_sub(1).max(m.open))
        .min(doc.sentences.len() - 1);
    let mut hi_s = end_s;
    if hi_s + 1 < doc.sentences.len() && doc.sentences[hi_s + 1].paragraph == para {
        hi_s += 1;
    }
    let window = doc.sentences[lo_s].tokens.start..doc.sentences[hi_s].tokens.end;
    let counts = |e: usize| ctx.entities[e].mentions.len();
    // The most mentioned person of the document.
    let top_person = ctx
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.label == EntityLabel::Person)
        .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let quote_char = doc.char_offset(doc.tokens[m.open].start);
    let mut before: Vec<(Range<usize>, usize)> = Vec::new();
    let mut after: Vec<(Range<usize>, usize)> = Vec::new();
    for (r, e) in ctx.mentions.within(window) {
        if (r.start..r.end).any(|k| ctx.inside[k].is_some()) {
            continue;
        }
        if r.end <= m.open {
            before.push((r.clone(), *e));
        } else if r.start >= m.end {
            after.push((r.clone(), *e));
        }
    }
    // Nearest first on both sides.
    before.reverse();
    for (side, list) in [("before", &before), ("after", &after)] {
        let mut seen_nearest = false;
        for (rank, (r, e)) in list.iter().enumerate() {
            let ent = &ctx.entities[*e];
            let ms = doc.sentence_of(r.start);
            let rel = if ms == s_idx || (ms >= s_idx && ms <= end_s) {
                "same"
            } else if doc.sentences[ms].paragraph != para {
                "prev_para"
            } else if ms < s_idx {
                "prev_sent"
            } else {
                "next_sent"
            };
            let dist = if side == "before" {
                m.open - r.end
            } else {
                r.start - m.end
            };
            let label = match ent.label {
                EntityLabel::Person => "PER",
                _ => "ORG",
            };
            let local = list.iter().filter(|(_, x)| x == e).count();
            let sent_gap = if side == "before" {
                s_idx.saturating_sub(ms)
            } else {
                ms.saturating_sub(end_s)
            };
            // Mentions of the entity before the quote (salience so far).
            let earlier = ent.mentions.iter().filter(|x| x.start < quote_char).count();
            // The first person or organisation mention of its sentence.
            let first_in_sentence = list
                .iter()
                .filter(|(x, _)| doc.sentence_of(x.start) == ms)
                .all(|(x, _)| x.start >= r.start);
            let mut f = vec![
                format!("m_local:{}", bucket(local)),
                format!("{cls}|m_pos:{side}:{rel}"),
                format!("{cls}|m_label:{label}"),
                "mention".to_string(),
                format!("m_label:{label}"),
                format!("m_pos:{side}:{rel}"),
                format!("m_dist:{side}:{}", bucket(dist)),
                format!("m_rank:{side}:{}", rank.min(3)),
                format!("m_label_pos:{label}:{side}:{rel}"),
                format!("m_count:{}", bucket(counts(*e))),
                format!("m_gap:{side}:{}", sent_gap.min(4)),
                format!("{cls}|m_gap:{side}:{}", sent_gap.min(4)),
                format!("m_earlier:{}", bucket(earlier)),
                format!("m_top_person:{}", top_person == Some(*e)),
                format!("m_first_in_sentence:{first_in_sentence}:{rel}"),
            ];
            if !seen_nearest {
                seen_nearest = true;
                f.push(format!("m_nearest:{side}:{rel}"));
                f.push(format!("{cls}|m_nearest:{side}:{rel}"));
            }
            // A speech verb right after the mention (its subject) or right before it
            // (inverted: "said Smith").
            let verb_after = (r.end..(r.end + config.verb_window).min(doc.tokens.len()))
                .take_while(|&k| {
                    ctx.inside[k].is_none() && doc.tokens[k].kind != TokenKind::Punct
                        || doc.token_text(k) == ","
                })
                .any(|k| cue_at(doc, ctx.lex, k).is_some_and(|c| c.kind == CueKind::Verb));
            let verb_before = (r.start.saturating_sub(config.verb_window)..r.start)
                .rev()
                .take_while(|&k| ctx.inside[k].is_none() && doc.tokens[k].kind != TokenKind::Punct)
                .any(|k| cue_at(doc, ctx.lex, k).is_some_and(|c| c.kind == CueKind::Verb));
            let prep_before = (r.start.saturating_sub(3)..r.start).any(|k| {
                cue_at(doc, ctx.lex, k)
                    .is_some_and(|c| c.kind == CueKind::Prepositional && c.tokens.end == r.start)
            });
            if verb_after {
                f.push(format!("m_verb_after:{side}:{rel}"));
                f.push(format!("{cls}|m_verb_after:{side}:{rel}"));
            }
            // A subject: a lower-case word follows, and the mention opens its clause.
            let opens_clause = r.start == doc.sentences[ms].tokens.start
                || (r.start > 0
                    && (matches!(doc.token_text(r.start - 1), "," | ";" | ":")
                        || ctx.lex.is_conjunction(doc.token_text(r.start - 1))));
            let verbish = r.end < doc.tokens.len()
                && doc.tokens[r.end].kind == TokenKind::Word
                && ctx.inside[r.end].is_none()
                && doc.token_text(r.end).starts_with(char::is_lowercase);
            if opens_clause && verbish {
                f.push(format!("m_subject:{side}:{rel}"));
                f.push(format!("{cls}|m_subject:{rel}"));
            }
            if spron && rel == "same" {
                f.push(format!("m_spron:{side}"));
            }
            if verb_before {
                f.push(format!("m_verb_before:{side}:{rel}"));
            }
            if prep_before {
                f.push(format!("m_prep_before:{side}:{rel}"));
            }
            if r.start > 0 && ctx.lex.is_preposition(doc.token_text(r.start - 1)) {
                f.push("m_after_preposition".to_string());
            }
            if r.end < doc.tokens.len() && matches!(doc.token_text(r.end), "'s" | "’s") {
                f.push("m_possessive".to_string());
            }
            if doc.sentences[ms].tokens.start == r.start
                || (r.start > 0
                    && doc.tokens[r.start - 1].kind == TokenKind::Word
                    && doc.sentences[ms].tokens.start + 1 == r.start)
            {
                f.push(format!("m_opens_sentence:{rel}"));
            }
            if ctx.after_colon && side == "before" && rel == "same" {
                f.push("m_before_colon".to_string());
            }
            let text = ent
                .mentions
                .iter()
                .find(|x| {
                    let (cs, _) = doc.char_span(doc.token_bytes(r.clone()));
                    x.start == cs
                })
                .map_or_else(
                    || doc.text[doc.token_bytes(r.clone())].to_string(),
                    |x| x.text.clone(),
                );
            let sp = Speaker {
                text,
                entity: Some(ent.name.clone()),
                gender: gender_of(ent),
            };
            if ctx.last.is_some_and(|l| key(l) == key(&sp)) {
                f.push("m_is_last".to_string());
                f.push(format!("{cls}|m_is_last"));
            }
            if let Some(g) = rule.pronoun {
                f.push(format!("m_pron_gender:{}", agree(g, sp.gender)));
            }
            b.add(Some(sp), f);
        }
    }
    // Subjects of speech verbs nearby.
    for (sp, kind, off) in &ctx.verb_subjects {
        let rel = match off {
            0 => "same",
            o if *o < 0 => "prev_sent",
            _ => "next_sent",
        };
        let mut f = vec![
            format!("vsubj:{kind}:{rel}"),
            format!("{cls}|vsubj:{kind}:{rel}"),
        ];
        if ctx.last.is_some_and(|l| key(l) == key(sp)) {
            f.push("vsubj_is_last".to_string());
        }
        if let Some(g) = rule.pronoun {
            f.push(format!("vsubj_pron_gender:{}", agree(g, sp.gender)));
        }
        b.add(Some(sp.clone()), f);
    }
    // Recently named persons.
    for (rank, s) in ctx.recent.iter().take(config.recent_persons).enumerate() {
        let mut f = vec![format!("recent:{rank}"), format!("{cls}|recent:{rank}")];
        if ctx.last.is_some_and(|l| key(l) == key(s)) {
            f.push("recent_is_last".to_string());
        }
        if let Some(g) = rule.pronoun {
            f.push(format!("recent_pron_gender:{}", agree(g, s.gender)));
        }
        b.add(Some(s.clone()), f);
    }
    // The previous quote's speaker.
    if let Some(l) = ctx.last {
        b.add(
            Some(l.clone()),
            vec!["last".to_string(), format!("{cls}|last")],
        );
    }
    let lang = b.lang;
    let mut out = b.list;
    for c in &mut out {
        let plain = std::mem::take(&mut c.features);
        for f in plain {
            c.features.push(format!("{lang}|{f}"));
            c.features.push(f);
        }
    }
    out
}

fn agree(pronoun: Gender, candidate: Gender) -> &'static str {
    if pronoun == Gender::Unknown || candidate == Gender::Unknown {
        "unknown"
    } else if pronoun == candidate {
        "match"
    } else {
        "clash"
    }
}

/// Linear weights over feature names.
#[derive(Debug, Default)]
pub struct Weights {
    map: HashMap<String, f32>,
}

impl Weights {
    /// Parses `feature<TAB>weight` lines (blank lines and `#` comments skipped).
    pub fn parse(text: &str) -> Weights {
        let map = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (f, w) = l.rsplit_once('\t')?;
                Some((f.to_string(), w.trim().parse().ok()?))
            })
            .collect();
        Weights { map }
    }

    /// The embedded weights.
    pub fn embedded() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| Weights::parse(WEIGHTS_TEXT))
    }

    /// True when there are no weights (the rules decide).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The score of a candidate.
    pub fn score(&self, c: &Candidate) -> f32 {
        c.features.iter().filter_map(|f| self.map.get(f)).sum()
    }

    /// The index of the best candidate (the first on ties).
    pub fn best(&self, cands: &[Candidate]) -> usize {
        let mut best = 0;
        let mut top = f32::NEG_INFINITY;
        for (i, c) in cands.iter().enumerate() {
            let s = self.score(c);
            if s > top {
                top = s;
                best = i;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: Option<&str>, features: &[&str]) -> Candidate {
        Candidate {
            speaker: text.map(|t| Speaker {
                text: t.to_string(),
                entity: None,
                gender: Gender::Unknown,
            }),
            features: features.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn weights_parse_skip_comments_and_score_sums() {
        let w = Weights::parse("# header\nrule\t0.5\n\nmention\t-0.25\nbad line\n");
        assert!(!w.is_empty());
        let c = cand(Some("X"), &["rule", "mention", "unknown"]);
        assert!((w.score(&c) - 0.25).abs() < 1e-6);
    }

    #[test]
    fn ties_keep_the_rules_choice() {
        let w = Weights::parse("");
        let cands = [cand(Some("Rule"), &["rule"]), cand(None, &["null"])];
        assert_eq!(w.best(&cands), 0);
        let w = Weights::parse("null\t1.0\n");
        assert_eq!(w.best(&cands), 1);
    }

    #[test]
    fn embedded_weights_load() {
        assert!(!Weights::embedded().is_empty());
    }

    #[test]
    fn candidates_naming_one_entity_merge() {
        let mut b = Builder {
            lang: "en",
            list: Vec::new(),
            keys: Vec::new(),
        };
        let s = |text: &str, entity: Option<&str>| Speaker {
            text: text.to_string(),
            entity: entity.map(str::to_string),
            gender: Gender::Unknown,
        };
        b.add(
            Some(s("Mr. Smith", Some("John Smith"))),
            vec!["rule".into()],
        );
        b.add(None, vec!["null".into()]);
        b.add(Some(s("Smith", Some("John Smith"))), vec!["mention".into()]);
        assert_eq!(b.list.len(), 2);
        assert_eq!(b.list[0].features, ["rule", "mention"]);
        assert_eq!(
            b.list[0].speaker.as_ref().map(|s| s.text.as_str()),
            Some("Mr. Smith")
        );
    }
}
