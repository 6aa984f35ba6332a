//! Speaker resolution: finding the speech cue next to a quote, the speaker phrase that goes
//! with it, and turning that phrase into a name — an entity when one matches, the earlier
//! person for a pronoun or a role noun.

use super::cues::{normalise, Gender, Lexicon};
use super::names::{np_after, np_before, Np, NpKind};
use crate::text::{TextDoc, TokenKind};
use newsloom_model::{Entity, EntityLabel, Language};
use std::ops::Range;

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name as written (or the resolved name for a pronoun or role).
    pub text: String,
    /// The canonical entity name when an entity matches.
    pub entity: Option<String>,
    /// Known gender.
    pub gender: Gender,
}

/// How a cue introduces its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A speech verb ("said", "a déclaré", "sagte").
    Verb,
    /// A preposition whose complement is the speaker ("according to", "selon", "laut").
    Prepositional,
}

/// A speech cue in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Verb or preposition.
    pub kind: CueKind,
    /// A subject pronoun inside the cue (French inversion "a-t-elle affirmé").
    pub pronoun: Option<(Gender, Range<usize>)>,
}

/// Longest apposition between a speaker and the verb ("X, a historian who …, recalled").
const APPOSITION_MAX: usize = 16;

/// German articles that never open a subject (dative and accusative forms).
const OBLIQUE_ARTICLES: &[&str] = &["dem", "einem", "den", "einen"];

/// German articles opening a subject or a dative (feminine) object.
const DATIVE_OR_NOMINATIVE: &[&str] = &["der", "einer"];

/// Auxiliaries joined to the cue text when they precede the verb.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "was", "is", "a", "ont", "avait", "ha", "han", "hanno", "había", "hat",
    "hatte", "è", "aveva",
];

/// The cue starting at token `i`, if any.
pub fn cue_at(doc: &TextDoc<'_>, lex: &Lexicon, i: usize) -> Option<Cue> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let w = normalise(doc.token_text(i));
    // French inversion: "a-t-elle", "affirme-t-il", "dit-il".
    if let Some((base, pron)) = split_inversion(&w) {
        let g = lex.pronoun(pron)?;
        if base == "a" {
            let next = doc.tokens.get(i + 1)?;
            if next.kind == TokenKind::Word && lex.is_verb(doc.token_text(i + 1)) {
                return Some(Cue {
                    tokens: i..i + 2,
                    kind: CueKind::Verb,
                    pronoun: Some((g, i..i + 1)),
                });
            }
            return None;
        }
        if lex.is_verb(base) {
            return Some(Cue {
                tokens: i..i + 1,
                kind: CueKind::Verb,
                pronoun: Some((g, i..i + 1)),
            });
        }
        return None;
    }
    // A capitalised verb form after a capitalised word is part of a name ("United States").
    let in_name = i > 0
        && doc.tokens[i - 1].kind == TokenKind::Word
        && doc.token_text(i).starts_with(char::is_uppercase)
        && doc.token_text(i - 1).starts_with(char::is_uppercase);
    if lex.is_verb(&w) && !in_name {
        if i > 0 && doc.tokens[i - 1].kind == TokenKind::Word {
            let prev = normalise(doc.token_text(i - 1));
            if let Some(("a", pron)) = split_inversion(&prev) {
                let g = lex.pronoun(pron)?;
                return Some(Cue {
                    tokens: i - 1..i + 1,
                    kind: CueKind::Verb,
                    pronoun: Some((g, i - 1..i)),
                });
            }
        }
        let start = if i > 0
            && doc.tokens[i - 1].kind == TokenKind::Word
            && AUXILIARIES.contains(&normalise(doc.token_text(i - 1)).as_str())
        {
            i - 1
        } else {
            i
        };
        return Some(Cue {
            tokens: start..i + 1,
            kind: CueKind::Verb,
            pronoun: None,
        });
    }
    for seq in lex.prepositional {
        let matches = seq.iter().enumerate().all(|(k, s)| {
            doc.tokens
                .get(i + k)
                .is_some_and(|_| normalise(doc.token_text(i + k)) == *s)
        });
        if matches {
            return Some(Cue {
                tokens: i..i + seq.len(),
                kind: CueKind::Prepositional,
                pronoun: None,
            });
        }
    }
    None
}

fn split_inversion(w: &str) -> Option<(&str, &str)> {
    for suffix in ["-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on"] {
        if let Some(base) = w.strip_suffix(suffix) {
            return Some((base, &suffix[3..]));
        }
    }
    for suffix in ["-il", "-elle", "-ils", "-elles", "-on"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if !base.is_empty() {
                return Some((base, &suffix[1..]));
            }
        }
    }
    None
}

/// An earlier person a pronoun or role can refer to.
#[derive(Debug, Clone)]
struct Salient {
    speaker: Speaker,
    role: Option<String>,
}

/// Turns speaker phrases into speakers, remembering earlier persons for pronouns and roles.
pub struct Resolver<'a> {
    doc: &'a TextDoc<'a>,
    lex: &'static Lexicon,
    entities: &'a [Entity],
    salient: Vec<Salient>,
}

impl<'a> Resolver<'a> {
    /// A resolver over `doc` with the tagger's `entities` (possibly empty).
    pub fn new(doc: &'a TextDoc<'a>, lex: &'static Lexicon, entities: &'a [Entity]) -> Self {
        Resolver {
            doc,
            lex,
            entities,
            salient: Vec::new(),
        }
    }

    fn text_of(&self, r: Range<usize>) -> String {
        self.doc.text[self.doc.token_bytes(r)].to_string()
    }

    /// The entity whose mention overlaps tokens `r`, or whose name ends with the same surname.
    fn entity_for(&self, r: Range<usize>) -> Option<&'a Entity> {
        let (s, e) = self.doc.char_span(self.doc.token_bytes(r.clone()));
        let overlap = self
            .entities
            .iter()
            .find(|ent| ent.mentions.iter().any(|m| m.start < e && s < m.end));
        if overlap.is_some() {
            return overlap;
        }
        let text = self.text_of(r);
        let surname = text.split_whitespace().last()?;
        self.entities.iter().find(|ent| {
            ent.label == EntityLabel::Person && ent.name.split_whitespace().last() == Some(surname)
        })
    }

    /// Resolves a speaker phrase; `None` for a plural or unresolvable phrase with nothing
    /// written worth reporting (never happens for names).
    pub fn resolve(&mut self, np: &Np) -> Option<Speaker> {
        match np.kind {
            NpKind::Pronoun => {
                let written = self.text_of(np.tokens.clone());
                Some(self.resolve_pronoun(np.gender, &written))
            }
            NpKind::Role => {
                // Only a bare role ("the spokeswoman", "der Sprecher") refers back.
                let bare = np.tokens.len() <= 2;
                let role = np.role.clone().filter(|_| bare);
                let found = self
                    .salient
                    .iter()
                    .rev()
                    .find(|s| s.role.is_some() && s.role == role)
                    .map(|s| s.speaker.clone());
                Some(found.unwrap_or_else(|| Speaker {
                    text: self.text_of(np.tokens.clone()),
                    entity: None,
                    gender: np.gender,
                }))
            }
            NpKind::Name => {
                let (mut speaker, entity) = self.named(np);
                // A surname alone takes the gender of the full name's given name ("Clinton"
                // after "Hillary Clinton").
                if let (Gender::Unknown, Some(e)) = (speaker.gender, entity) {
                    if e.label == EntityLabel::Person {
                        speaker.gender = e
                            .name
                            .split_whitespace()
                            .next()
                            .and_then(super::cues::given_name_gender)
                            .unwrap_or(Gender::Unknown);
                    }
                }
                // With a tagger, only its persons; without one, every name.
                let person = match entity {
                    Some(e) => e.label == EntityLabel::Person,
                    None => self.entities.is_empty(),
                };
                if person {
                    self.remember(speaker.clone(), np.role.clone());
                }
                Some(speaker)
            }
        }
    }

    /// Resolves the pronoun in a cue ("a-t-elle").
    pub fn resolve_pronoun(&mut self, gender: Gender, written: &str) -> Speaker {
        let plural = matches!(
            normalise(written).as_str(),
            "they"
                | "we"
                | "i"
                | "ils"
                | "nous"
                | "je"
                | "j'"
                | "on"
                | "ellos"
                | "yo"
                | "nosotros"
                | "wir"
                | "ich"
                | "loro"
                | "io"
                | "noi"
        );
        if !plural {
            let pos = self
                .salient
                .iter()
                .rposition(|s| compatible(gender, s.speaker.gender));
            if let Some(pos) = pos {
                if gender != Gender::Unknown && self.salient[pos].speaker.gender == Gender::Unknown
                {
                    self.salient[pos].speaker.gender = gender;
                }
                let s = self.salient.remove(pos);
                let out = s.speaker.clone();
                self.salient.push(s);
                return out;
            }
        }
        Speaker {
            text: written.to_string(),
            entity: None,
            gender,
        }
    }

    /// The speaker a name or role phrase stands for, without noting it (pronouns: `None`).
    pub fn peek(&self, np: &Np) -> Option<Speaker> {
        match np.kind {
            NpKind::Pronoun => None,
            NpKind::Role => Some(Speaker {
                text: self.text_of(np.tokens.clone()),
                entity: None,
                gender: np.gender,
            }),
            NpKind::Name => Some(self.named(np).0),
        }
    }

    /// The speaker a name phrase writes (its name part, or the whole phrase), with the entity
    /// it belongs to and the phrase's own gender.
    fn named(&self, np: &Np) -> (Speaker, Option<&'a Entity>) {
        let r = np.name.clone().unwrap_or(np.tokens.clone());
        let entity = self.entity_for(r.clone());
        let speaker = Speaker {
            text: self.text_of(r),
            entity: entity.map(|e| e.name.clone()),
            gender: np.gender,
        };
        (speaker, entity)
    }

    /// The `n` most recently noted persons, most recent first.
    pub fn recent(&self, n: usize) -> Vec<Speaker> {
        self.salient
            .iter()
            .rev()
            .take(n)
            .map(|s| s.speaker.clone())
            .collect()
    }

    /// Notes a person named as a sentence subject, for later pronouns.
    pub fn remember(&mut self, speaker: Speaker, role: Option<String>) {
        if let Some(pos) = self
            .salient
            .iter()
            .position(|s| s.speaker.text == speaker.text)
        {
            let old = self.salient.remove(pos);
            let gender = if speaker.gender == Gender::Unknown {
                old.speaker.gender
            } else {
                speaker.gender
            };
            self.salient.push(Salient {
                speaker: Speaker { gender, ..speaker },
                role: role.or(old.role),
            });
        } else {
            self.salient.push(Salient { speaker, role });
        }
    }

    /// True when the text between chars `start` and `end` lies inside one entity mention.
    pub fn inside_entity(&self, start: usize, end: usize) -> bool {
        self.entities
            .iter()
            .flat_map(|e| &e.mentions)
            .any(|m| m.start <= start && end <= m.end)
    }

    /// Notes a resolved speaker (already a name) as the most recent person.
    pub fn touch(&mut self, speaker: &Speaker) {
        if self.salient.iter().any(|s| s.speaker.text == speaker.text) {
            self.remember(speaker.clone(), None);
        }
    }

    /// Notes the named subjects of the speech verbs of sentence tokens `r` ("…, Stovall
    /// said.", "Mr. Comey told reporters"), in text order, as the most recent persons.
    pub fn note_speech_subjects(&mut self, r: Range<usize>) {
        let mut k = r.start;
        while k < r.end {
            // Only speech verbs count (cheap test first: most tokens are none).
            if self.doc.tokens[k].kind != TokenKind::Word
                || !self.lex.is_verb(self.doc.token_text(k))
            {
                k += 1;
                continue;
            }
            let Some(cue) = cue_at(self.doc, self.lex, k).filter(|c| {
                c.kind == CueKind::Verb && c.pronoun.is_none() && c.tokens.end <= r.end
            }) else {
                k += 1;
                continue;
            };
            let end = skip_backward(self.doc, self.lex, cue.tokens.start, r.start);
            if let Some(np) =
                np_before(self.doc, self.lex, end, r.start).filter(|np| np.kind == NpKind::Name)
            {
                let _ = self.resolve(&np);
            }
            k = cue.tokens.end;
        }
    }

    /// Notes the subject of sentence tokens `r` when it is a name.
    pub fn note_sentence_subject(&mut self, r: Range<usize>) {
        let mut i = r.start;
        while i < r.end
            && (self.doc.tokens[i].kind != TokenKind::Word
                || self.lex.is_not_name(self.doc.token_text(i))
                    && !self.lex.is_determiner(self.doc.token_text(i)))
        {
            i += 1;
            if i - r.start > 2 {
                return;
            }
        }
        if let Some(np) = np_after(self.doc, self.lex, i, r.end) {
            let words = np.name.as_ref().map_or(0, |n| n.len());
            let honorific = np.tokens.start < np.name.as_ref().map_or(0, |n| n.start)
                && self
                    .lex
                    .honorific(self.doc.token_text(np.tokens.start))
                    .is_some();
            if np.kind == NpKind::Name && (words >= 2 || honorific) {
                // Only when a verb-like lower-case word follows (a subject, not a fronted
                // adverbial).
                let next = np.tokens.end;
                let verbish = next < r.end
                    && self.doc.tokens[next].kind == TokenKind::Word
                    && self
                        .doc
                        .token_text(next)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                if verbish {
                    let _ = self.resolve(&np);
                }
            }
        }
    }
}

fn compatible(pronoun: Gender, candidate: Gender) -> bool {
    pronoun == Gender::Unknown || candidate == Gender::Unknown || pronoun == candidate
}

/// The attribution of one quote or reported clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker phrase.
    pub np: Option<Np>,
    /// A pronoun inside the cue itself.
    pub cue_pronoun: Option<(Gender, Range<usize>)>,
    /// The cue.
    pub cue: Cue,
}

/// Skips skippable words forwards from `i`.
pub fn skip_forward(doc: &TextDoc<'_>, lex: &Lexicon, mut i: usize, hi: usize) -> usize {
    while i < hi && doc.tokens[i].kind == TokenKind::Word && lex.is_skippable(doc.token_text(i)) {
        i += 1;
    }
    i
}

/// Skips skippable words backwards from `end` (exclusive).
pub fn skip_backward(doc: &TextDoc<'_>, lex: &Lexicon, mut end: usize, lo: usize) -> usize {
    while end > lo
        && doc.tokens[end - 1].kind == TokenKind::Word
        && lex.is_skippable(doc.token_text(end - 1))
        && lex.pronoun(doc.token_text(end - 1)).is_none()
    {
        end -= 1;
    }
    end
}

/// The speaker phrase of the verb cue `cue`, looking at `lo..hi`: before the verb first
/// (or after it when `prefer_after` and a name or pronoun directly follows), then after.
pub fn verb_subject(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    cue: &Cue,
    lo: usize,
    hi: usize,
    prefer_after: bool,
) -> Option<Np> {
    subject_of_verb(doc, lex, cue, lo, hi, prefer_after).or_else(|| {
        // With no subject in sight the quote still has its cue: the phrase after a
        // preposition stands in as before.
        let after_start = skip_forward(doc, lex, cue.tokens.end, hi);
        np_after(doc, lex, after_start, hi)
    })
}

fn subject_of_verb(
    doc: &TextDoc<'_>,
    lex: &Lexicon,
    cue: &Cue,
    lo: usize,
    hi: usize,
    prefer_after: bool,
) -> Option<Np> {
    // "one source quoted Witkoff as telling": the speaker is the object.
    let verb = cue.tokens.end - 1;
    if normalise(doc.token_text(verb)) == "quoted" {
        if let Some(np) = np_after(doc, lex, verb + 1, hi) {
            let as_follows = doc
                .tokens
                .get(np.tokens.end)
                .is_some_and(|_| normalise(doc.token_text(np.tokens.end)) == "as");
            if as_follows && np.kind != NpKind::Role {
                return Some(np);
            }
        }
    }
    let after_start = skip_forward(doc, lex, cue.tokens.end, hi);
    // A phrase after a skipped preposition is its object ("sagte dazu gegenüber der ARD").
    let after = np_after(doc, lex, after_start, hi)
        .filter(|_| !(cue.tokens.end..after_start).any(|k| lex.is_preposition(doc.token_text(k))));
    let before_end = skip_backward(doc, lex, cue.tokens.start, lo);
    let mut before = np_before(doc, lex, before_end, lo);
    let comma_before = before_end > lo && doc.token_text(before_end - 1) == ",";
    if before.is_none() && comma_before {
        let verb_text = normalise(doc.token_text(verb));
        if doc.lang == Language::En && verb_text.ends_with("ing") {
            // "X had mocked the complaint, saying …": the subject of the main clause.
            before = clause_subject(doc, lex, lo, before_end - 1);
        } else {
            // An apposition: "Brian Fallon, the campaign's press secretary, noted", "Der
            // Sprecher des Programms, Tomson Phiri, teilte mit".
            // A name ending the apposition counts only when it is the whole phrase, not the
            // end of one ("Vorstandsmitglied der tunesischen Menschenrechtsliga").
            before = np_before(doc, lex, before_end - 1, lo).filter(|np| {
                np.kind == NpKind::Name
                    && (np.tokens.start == lo || clause_boundary(doc, lex, np.tokens.start - 1))
            });
        }
        if before.is_none()
            && comma_before
            && !(doc.lang == Language::En && normalise(doc.token_text(verb)).ends_with("ing"))
        {
            let open = (lo..before_end - 1)
                .rev()
                .take(APPOSITION_MAX)
                .find(|&k| doc.token_text(k) == ",");
            if let Some(open) = open {
                before = np_before(doc, lex, open, lo).filter(|np| np.kind == NpKind::Name);
            }
        }
    }
    let after_ok = after.as_ref().is_some_and(|np| {
        np.kind != NpKind::Role || np.tokens.end >= hi || ends_clause(doc, np.tokens.end)
    });
    if doc.lang == Language::De {
        // After a naming verb right before the quote, or before "als", the phrase after the
        // verb is the object ("McCarthy nannte Patersons Entscheidung „…“", "Schüssel
        // würdigte Ligeti als „…“"), unless it is a pronoun ("bezeichnete er als").
        // After a naming verb, a phrase followed by an article is the object too ("Rice
        // nannte Shultz einen „…“"), and so is any pronoun but a nominative one ("nannte sie
        // „fahrlässig“").
        let naming = lex.is_naming_verb(doc.token_text(verb));
        let after_is_object = after.as_ref().is_some_and(|np| {
            let next = (np.tokens.end < hi).then(|| doc.token_text(np.tokens.end));
            if np.kind == NpKind::Pronoun {
                return naming
                    && !matches!(
                        normalise(doc.token_text(np.tokens.start)).as_str(),
                        "er" | "ich" | "wir"
                    );
            }
            next.is_some_and(|w| normalise(w) == "als")
                || (naming
                    && (np.tokens.end >= hi
                        || ends_clause(doc, np.tokens.end)
                        || next.is_some_and(|w| lex.is_determiner(w))))
        });
        if after_is_object {
            let subject = before
                .filter(|np| np.kind != NpKind::Role || np.role.is_some())
                .or_else(|| clause_subject(doc, lex, lo, cue.tokens.start));
            // With no subject in sight the quote still has its cue: keep the phrase.
            return subject.or(after);
        }
        // Verb second: a subject before the verb starts its clause; otherwise the subject
        // follows the verb ("Dazu sagte Filep Karma:"), or opens the clause with the verb
        // further on ("Sie wird mit den Worten zitiert:").
        // A capitalised adverb opening the sentence is no name ("Relativierend fügt Gall
        // hinzu", "Unmissverständlich sagt das Gericht").
        let before = before.filter(|np| {
            !(np.kind == NpKind::Name
                && np.tokens.len() == 1
                && is_sentence_start(doc, np.tokens.start)
                && lex.has_adverb_suffix(doc.token_text(np.tokens.start)))
        });
        let before_ok = before.as_ref().is_some_and(|np| {
            np.tokens.start == lo || clause_boundary(doc, lex, np.tokens.start - 1)
        });
        // A phrase after the verb opening with a dative or accusative article is an object
        // ("sagte dem Spiegel"); so is one opening with "der" when a name opens the clause
        // before the verb ("Tourmanager Michael Cohl sagte der US-Zeitschrift:").
        let oblique = after.as_ref().is_some_and(|np| {
            // The article may have been skipped before the phrase.
            let at = if np.tokens.start > cue.tokens.end
                && lex.is_determiner(doc.token_text(np.tokens.start - 1))
            {
                np.tokens.start - 1
            } else {
                np.tokens.start
            };
            let first = normalise(doc.token_text(at));
            OBLIQUE_ARTICLES.contains(&first.as_str())
                || (DATIVE_OR_NOMINATIVE.contains(&first.as_str())
                    && before_ok
                    && before.as_ref().is_some_and(|b| {
                        // A lone capitalised word opening the sentence may be an adverb
                        // ("Besorgt äußerte sich der …").
                        b.kind == NpKind::Name
                            && !lex.is_determiner(doc.token_text(b.tokens.start))
                            && (b.tokens.len() >= 2 || !is_sentence_start(doc, b.tokens.start))
                    }))
        });
        // An inverted subject right after the verb: "Ähnlich äußerte sich der US-Präsident
        // George W. Bush:", "bezeichnete er als".
        let after_strong = !oblique
            && after.as_ref().is_some_and(|np| {
                np.tokens.start == after_start
                    && match np.kind {
                        NpKind::Pronoun => matches!(
                            normalise(doc.token_text(np.tokens.start)).as_str(),
                            "er" | "ich" | "wir"
                        ),
                        NpKind::Name => np.tokens.end >= hi || ends_clause(doc, np.tokens.end),
                        NpKind::Role => false,
                    }
            });
        if after_strong {
            return after;
        }
        if before_ok {
            return before;
        }
        if !oblique
            && after
                .as_ref()
                .is_some_and(|np| np.kind != NpKind::Role || after_ok)
        {
            return after;
        }
        return clause_subject(doc, lex, lo, cue.tokens.start);
    }
    if prefer_after && after_ok {
        let a = after.as_ref().is_some_and(|np| {
            matches!(np.kind, NpKind::Name | NpKind::Pronoun)
                && (np.tokens.end >= hi || ends_clause(doc, np.tokens.end))
        });
        if a {
            return after;
        }
    }
    if before.is_some() {
        return before;
    }
    if after_ok {
        return after;
    }
    None
}

/// True when token `i` separates clauses (a comma, colon, semicolon or "and").
fn clause_boundary(doc: &TextDoc<'_>, lex: &Lexicon, i: usize) -> bool {
    let t = doc.token_text(i);
    matches!(t, "," | ";" | ":" | "(" | "—" | "–")
        || lex.is_conjunction(t)
        || lex.is_complementiser(t)
}

/// True when token `i` opens its sentence.
fn is_sentence_start(doc: &TextDoc<'_>, i: usize) -> bool {
    doc.sentences
        .get(doc.sentence_of(i))
        .is_some_and(|s| s.tokens.start == i)
}

/// The subject opening the clause that holds token `end` ("Sie wird … zitiert").
pub fn clause_subject(doc: &TextDoc<'_>, lex: &Lexicon, lo: usize, end: usize) -> Option<Np> {
    let start = (lo..end)
        .rev()
        .find(|&k| clause_boundary(doc, lex, k))
        .map_or(lo, |k| k + 1);
    np_after(doc, lex, start, end).filter(|np| np.kind != NpKind::Role || np.role.is_some())
}

/// True when token `i` is punctuation that ends a speaker phrase.
fn ends_clause(doc: &TextDoc<'_>, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        t.kind == TokenKind::Quote
            || (t.kind == TokenKind::Punct
                && matches!(
                    doc.token_text(i),
                    ":" | "," | "." | ";" | "—" | "–" | "-" | "!" | "?"
                ))
    })
}
