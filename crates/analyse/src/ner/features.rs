//! Sparse features of a token in its sentence, hashed to 64-bit keys: word and affixes, shape,
//! case flags, neighbours ±2 and their shapes, words ±3 and bags of the words within ±6,
//! capitalised runs, cue-word classes, lexicon membership, gazetteer matches, external name
//! lists, language; plus the previous-tag features added while decoding.

use super::gazetteer::{self, Gazetteer};
use super::hash;
use super::labels::Tag;
use super::vocab::Cues;
use super::wordset::{WordClasses, WordSet};
use newsloom_model::Language;

/// Lexical knowledge gathered from the training data and stored with the weights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicon {
    /// Words seen mostly in lower case (so a capitalised occurrence is likely sentence-initial
    /// or a common noun, not a name).
    pub lower_common: WordSet,
    /// Words seen as the first token of multi-token person names.
    pub first_names: WordSet,
    /// Distributional class of frequent words: the 16-bit hashes of their most frequent left
    /// (high half) and right (low half) neighbours in the training text.
    pub contexts: WordClasses,
    /// Entity strings of the training data with their label counts.
    pub gazetteer: Gazetteer,
    /// External name lists ([`super::external`]): one slot per list.
    pub external: Gazetteer,
}

impl Lexicon {
    /// An empty lexicon with sets of `2^bits` bits.
    pub fn empty(bits: u32) -> Lexicon {
        Lexicon {
            lower_common: WordSet::new(bits),
            first_names: WordSet::new(bits),
            contexts: WordClasses::new(bits),
            gazetteer: Gazetteer::new(),
            external: Gazetteer::new(),
        }
    }
}

/// The language feature value of a language.
pub fn lang_id(lang: &Language) -> u8 {
    match lang {
        Language::En => 0,
        Language::Fr => 1,
        Language::Es => 2,
        Language::De => 3,
        Language::It => 4,
        _ => 5,
    }
}

/// The text domain of a sentence. News-domain sentences get every feature twice: once shared
/// with the other domain and once conjoined with the domain, so the model can learn the
/// conventions of the news annotations (KIND) apart from those of Wikipedia (WikiNEuRal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Domain {
    /// Encyclopaedic text (WikiNEuRal).
    #[default]
    Wiki,
    /// News text annotated by hand (KIND Wikinews).
    News,
}

impl Domain {
    /// The domain the runtime tagger uses for articles in `lang`: news where the training data
    /// has news in that language.
    pub fn for_articles(lang: &Language) -> Domain {
        if *lang == Language::It {
            Domain::News
        } else {
            Domain::Wiki
        }
    }
}

/// Seed of domain-conjoined keys.
const T_DOMAIN: u64 = 0x646f_6d61_696e;

/// What the extractor needs besides the tokens.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Language id ([`lang_id`]).
    pub lang: u8,
    /// Domain of the text.
    pub domain: Domain,
    /// Cue words of the language.
    pub cues: &'a Cues,
    /// The model's lexicon.
    pub lexicon: &'a Lexicon,
    /// The gazetteer to use instead of the lexicon's (training: one built without the
    /// sentence's block of the training data).
    pub gazetteer: Option<&'a Gazetteer>,
}

/// The static features of every token of a sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    /// Feature keys of all tokens, token after token.
    pub keys: Vec<u64>,
    /// `keys[offsets[i]..offsets[i + 1]]` are token `i`'s.
    pub offsets: Vec<usize>,
    /// Key of each token's lower-cased word (for tag conjunctions).
    pub word: Vec<u64>,
    /// Key of each token's shape (for tag conjunctions).
    pub shape: Vec<u64>,
    /// Seed conjoined with the previous-tag features (0 for the first stage).
    pub stage: u64,
}

impl SentenceFeatures {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.word.len()
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.word.is_empty()
    }

    /// Keys of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        &self.keys[self.offsets[i]..self.offsets[i + 1]]
    }

    /// The previous-tag features of token `i` ([`dynamic`], conjoined with the stage).
    #[inline]
    pub fn dynamic(&self, i: usize, prev: Tag, prev2: Tag) -> [u64; 4] {
        let mut d = dynamic(prev, prev2, self.word[i], self.shape[i]);
        if self.stage != 0 {
            for k in &mut d {
                *k = hash::pair(self.stage, *k);
            }
        }
        d
    }
}

// Template ids.
const T_BIAS: u64 = 1;
const T_LANG: u64 = 2;
const T_W: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SHAPE_LANG: u64 = 5;
const T_PRE: u64 = 6;
const T_SUF: u64 = 10;
const T_FLAGS: u64 = 14;
const T_LC: u64 = 15;
const T_FN: u64 = 16;
const T_CUE: u64 = 17;
const T_WM1: u64 = 22;
const T_WP1: u64 = 23;
const T_WM2: u64 = 24;
const T_WP2: u64 = 25;
const T_SM1: u64 = 26;
const T_SP1: u64 = 27;
const T_SM2: u64 = 28;
const T_SP2: u64 = 29;
const T_BI_L: u64 = 30;
const T_BI_R: u64 = 31;
const T_TRI_SHAPE: u64 = 32;
const T_RUN: u64 = 33;
const T_RAW: u64 = 34;
const T_SUF_LANG: u64 = 35;
const T_WM1_SHAPE: u64 = 36;
const T_CLASS: u64 = 37;
const T_GAZ: u64 = 38;
const T_XGAZ: u64 = 39;
const T_XGAZ_CTX: u64 = 44;
const T_WM3: u64 = 46;
const T_WP3: u64 = 47;
const T_BAG_L: u64 = 48;
const T_BAG_R: u64 = 49;
const T_PREV: u64 = 40;
const T_PREV2: u64 = 41;
const T_PREV_W: u64 = 42;
const T_PREV_SHAPE: u64 = 43;

/// Words on each side whose bag is a feature.
const BAG_WINDOW: isize = 6;

/// Case and character flags of a token.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    title: bool,
    upper: bool,
    digit: bool,
    hyphen: bool,
    alpha: bool,
}

impl Flags {
    fn code(self) -> u64 {
        u64::from(self.title)
            | u64::from(self.upper) << 1
            | u64::from(self.digit) << 2
            | u64::from(self.hyphen) << 3
            | u64::from(self.alpha) << 4
    }

    fn capitalised(self) -> bool {
        self.title || (self.upper && self.alpha)
    }
}

struct Tok {
    lower: String,
    short_shape: String,
    flags: Flags,
    cue: u8,
    w_key: u64,
    s_key: u64,
    ss_key: u64,
    class: u32,
}

fn flags(word: &str) -> Flags {
    let mut f = Flags::default();
    let mut first = true;
    let mut any_lower = false;
    let mut any_upper = false;
    let mut first_upper = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            f.alpha = true;
            if c.is_uppercase() {
                any_upper = true;
                if first {
                    first_upper = true;
                }
            } else if c.is_lowercase() {
                any_lower = true;
            }
        } else if c.is_ascii_digit() {
            f.digit = true;
        } else if c == '-' {
            f.hyphen = true;
        }
        first = false;
    }
    f.title = first_upper && any_lower;
    f.upper = any_upper && !any_lower;
    f
}

/// The shape of `word`: `X` upper, `x` lower, `d` digit, other characters kept, runs of the
/// same class cut to `max_run`.
fn shape(word: &str, max_run: usize) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            last = k;
        }
        if run <= max_run {
            out.push(k);
        }
    }
    out
}

fn tok(word: &str, ctx: &Context<'_>) -> Tok {
    let lower = word.to_lowercase();
    let shape_long = shape(word, 2);
    let short_shape = shape(word, 1);
    Tok {
        w_key: hash::str(T_W, &lower),
        s_key: hash::str(T_SHAPE, &shape_long),
        ss_key: hash::str(T_SHAPE, &short_shape),
        cue: ctx.cues.classes(word),
        class: ctx.lexicon.contexts.get(&lower),
        flags: flags(word),
        lower,
        short_shape,
    }
}

/// Sentence-boundary placeholders.
const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Extracts the static features of a sentence of `words`.
pub fn extract<S: AsRef<str>>(words: &[S], ctx: &Context<'_>) -> SentenceFeatures {
    let n = words.len();
    let toks: Vec<Tok> = words.iter().map(|w| tok(w.as_ref(), ctx)).collect();
    let mut out = SentenceFeatures {
        keys: Vec::with_capacity(n * 44),
        offsets: Vec::with_capacity(n + 1),
        word: toks.iter().map(|t| t.w_key).collect(),
        shape: toks.iter().map(|t| t.s_key).collect(),
        stage: 0,
    };
    // Runs of capitalised tokens: (length, position) per token.
    let mut run = vec![(0u64, 0u64); n];
    let mut i = 0;
    while i < n {
        if toks[i].flags.capitalised() {
            let mut j = i;
            while j < n && toks[j].flags.capitalised() {
                j += 1;
            }
            for (k, r) in run.iter_mut().enumerate().take(j).skip(i) {
                r.0 = (j - i).min(4) as u64;
                r.1 = (k - i).min(3) as u64;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let lang = u64::from(ctx.lang);
    // Gazetteer matches covering each token.
    let mut gaz: Vec<Vec<u64>> = vec![Vec::new(); n];
    let gz = ctx.gazetteer.unwrap_or(&ctx.lexicon.gazetteer);
    let xg = &ctx.lexicon.external;
    let (hashes, starts): (Vec<u64>, Vec<bool>) = if gz.is_empty() && xg.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        words
            .iter()
            .map(|w| {
                let w = w.as_ref();
                (gazetteer::word_hash(w), w.chars().any(char::is_uppercase))
            })
            .unzip()
    };
    let whole_run = |s: usize, e: usize| {
        u64::from(
            (s == 0 || !toks[s - 1].flags.capitalised())
                && (e == n || !toks[e].flags.capitalised()),
        )
    };
    let span_pos = |i: usize, s: usize, e: usize| -> u64 {
        if e - s == 1 {
            0
        } else if i == s {
            1
        } else if i + 1 == e {
            3
        } else {
            2
        }
    };
    if !gz.is_empty() {
        for (c, s, e, own) in gz.matches(&hashes, &starts, ctx.lang) {
            let counts: Vec<u64> = (0..4).map(|l| u64::from((c >> (4 * l)) & 0xf)).collect();
            let max = counts.iter().copied().max().unwrap_or(0);
            let len = (e - s).min(4) as u64;
            for (l, &cl) in counts.iter().enumerate() {
                if cl == 0 {
                    continue;
                }
                let dominant = u64::from(cl == max);
                // Does the match cover a whole capitalised run (not just part of one)?
                let whole = whole_run(s, e);
                let freq = if cl >= 4 { 2 } else { u64::from(cl >= 2) };
                for (i, g) in gaz.iter_mut().enumerate().take(e).skip(s) {
                    let pos = span_pos(i, s, e);
                    g.push(hash::ints(
                        T_GAZ,
                        &[l as u64, pos, len, dominant, whole, u64::from(own)],
                    ));
                    g.push(hash::ints(
                        T_GAZ,
                        &[l as u64, pos, 9, freq, whole, u64::from(own)],
                    ));
                }
            }
        }
    }
    // External name lists: which lists cover each token (and in what position), and the
    // single-token lists of the neighbours.
    if !xg.is_empty() {
        let mut single = vec![0u64; n];
        for (c, s, e, _) in xg.matches(&hashes, &starts, ctx.lang) {
            let len = (e - s).min(4) as u64;
            let whole = whole_run(s, e);
            for l in 0..4u64 {
                if (c >> (4 * l)) & 0xf == 0 {
                    continue;
                }
                if e - s == 1 {
                    single[s] |= 1 << l;
                }
                for (i, g) in gaz.iter_mut().enumerate().take(e).skip(s) {
                    g.push(hash::ints(T_XGAZ, &[l, span_pos(i, s, e), len, whole]));
                }
            }
        }
        for i in 0..n {
            let prev = if i > 0 { single[i - 1] } else { 0 };
            let next = single.get(i + 1).copied().unwrap_or(0);
            if prev | single[i] | next != 0 {
                gaz[i].push(hash::ints(T_XGAZ_CTX, &[0, prev, single[i]]));
                gaz[i].push(hash::ints(T_XGAZ_CTX, &[1, single[i], next]));
            }
        }
    }
    let word_at = |j: isize| -> &str {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            &toks[j as usize].lower
        }
    };
    let sshape_at = |j: isize| -> &str {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            &toks[j as usize].short_shape
        }
    };
    let cue_at = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            0
        } else {
            u64::from(toks[j as usize].cue)
        }
    };
    for (i, t) in toks.iter().enumerate() {
        out.offsets.push(out.keys.len());
        let ii = i as isize;
        let k = &mut out.keys;
        k.push(hash::ints(T_BIAS, &[]));
        k.push(hash::ints(T_LANG, &[lang]));
        k.push(t.w_key);
        k.push(hash::str(T_RAW, words[i].as_ref()));
        k.push(t.s_key);
        k.push(hash::pair(hash::ints(T_SHAPE_LANG, &[lang]), t.s_key));
        // Affixes of 1–4 characters.
        let chars: Vec<(usize, char)> = t.lower.char_indices().collect();
        let nc = chars.len();
        for a in 1..=4usize.min(nc) {
            let pre = &t.lower[..chars.get(a).map_or(t.lower.len(), |c| c.0)];
            let suf = &t.lower[chars[nc - a].0..];
            k.push(hash::str(T_PRE + a as u64 - 1, pre));
            k.push(hash::str(T_SUF + a as u64 - 1, suf));
            if a == 3 {
                k.push(hash::pair(
                    hash::ints(T_SUF_LANG, &[lang]),
                    hash::str(0, suf),
                ));
            }
        }
        let initial = u64::from(i == 0);
        k.push(hash::ints(T_FLAGS, &[t.flags.code(), initial]));
        if t.flags.capitalised() {
            let lc = u64::from(ctx.lexicon.lower_common.contains(&t.lower));
            k.push(hash::ints(T_LC, &[lc, initial, lang]));
        }
        let fn_here = ctx.lexicon.first_names.contains(&t.lower) && t.flags.capitalised();
        let fn_prev = i > 0
            && toks[i - 1].flags.capitalised()
            && ctx.lexicon.first_names.contains(&toks[i - 1].lower);
        if fn_here || fn_prev {
            k.push(hash::ints(T_FN, &[u64::from(fn_here), u64::from(fn_prev)]));
        }
        for (d, off) in [(0u64, 0isize), (1, -1), (2, -2), (3, 1), (4, 2)] {
            let c = cue_at(ii + off);
            if c != 0 {
                k.push(hash::ints(T_CUE + d, &[c]));
            }
        }
        k.push(hash::str(T_WM1, word_at(ii - 1)));
        k.push(hash::str(T_WP1, word_at(ii + 1)));
        k.push(hash::str(T_WM2, word_at(ii - 2)));
        k.push(hash::str(T_WP2, word_at(ii + 2)));
        k.push(hash::str(T_SM1, sshape_at(ii - 1)));
        k.push(hash::str(T_SP1, sshape_at(ii + 1)));
        k.push(hash::str(T_SM2, sshape_at(ii - 2)));
        k.push(hash::str(T_SP2, sshape_at(ii + 2)));
        k.push(hash::pair(hash::str(T_BI_L, word_at(ii - 1)), t.w_key));
        k.push(hash::pair(hash::str(T_BI_R, word_at(ii + 1)), t.w_key));
        k.push(hash::pair(
            hash::pair(hash::str(T_TRI_SHAPE, sshape_at(ii - 1)), t.ss_key),
            hash::str(0, sshape_at(ii + 1)),
        ));
        k.push(hash::pair(
            hash::str(T_WM1_SHAPE, word_at(ii - 1)),
            t.ss_key,
        ));
        // Wider context: the words ±3, and the words within ±BAG_WINDOW as a bag per side.
        k.push(hash::str(T_WM3, word_at(ii - 3)));
        k.push(hash::str(T_WP3, word_at(ii + 3)));
        for off in 1..=BAG_WINDOW {
            let (l, r) = (word_at(ii - off), word_at(ii + off));
            if l != BOS {
                k.push(hash::str(T_BAG_L, l));
            }
            if r != EOS {
                k.push(hash::str(T_BAG_R, r));
            }
        }
        if run[i].0 > 0 {
            k.push(hash::ints(T_RUN, &[run[i].0, run[i].1, initial]));
        }
        // Distributional classes of the word and its neighbours.
        for (d, off) in [(0u64, 0isize), (1, -1), (2, 1)] {
            let j = ii + off;
            let c = if j < 0 || j as usize >= n {
                0
            } else {
                toks[j as usize].class
            };
            if c != 0 {
                let (l, r) = (u64::from(c >> 16), u64::from(c & 0xffff));
                k.push(hash::ints(T_CLASS, &[d, 0, l]));
                k.push(hash::ints(T_CLASS, &[d, 1, r]));
                if d == 0 {
                    k.push(hash::ints(T_CLASS, &[d, 2, l, r]));
                    k.push(hash::ints(T_CLASS, &[3, l, t.flags.code()]));
                }
            }
        }
        k.extend_from_slice(&gaz[i]);
        if ctx.domain == Domain::News {
            let from = out.offsets[i];
            for j in from..k.len() {
                let d = hash::pair(T_DOMAIN, k[j]);
                k.push(d);
            }
        }
    }
    out.offsets.push(out.keys.len());
    out
}

/// Seed of the second (stacked) stage's keys.
const T_STAGE2: u64 = 0x7374_6167_6532;
const T_ST_TAG: u64 = 50;
const T_ST_PAIR: u64 = 51;
const T_ST_TRI: u64 = 52;
const T_ST_WORD: u64 = 53;
const T_ST_SPAN: u64 = 54;
const T_ST_SAME: u64 = 55;
const T_ST_SHAPE: u64 = 56;

/// The features of the second stage: every first-stage key conjoined with the stage, plus
/// the first stage's predicted tags `pred` of the words around each token (±2), tag pairs and
/// triples, the predicted tag with the word, the predicted span around the token (label,
/// length, position), and the labels predicted for the same word elsewhere in the sentence.
#[allow(clippy::needless_range_loop)]
pub fn stacked(base: &SentenceFeatures, pred: &[Tag]) -> SentenceFeatures {
    let n = base.len();
    let mut out = SentenceFeatures {
        keys: Vec::with_capacity(base.keys.len() * 2),
        offsets: Vec::with_capacity(n + 1),
        word: base.word.clone(),
        shape: base.shape.clone(),
        stage: T_STAGE2,
    };
    let tag_at = |j: isize| -> u64 {
        if j < 0 {
            20
        } else if j as usize >= n {
            21
        } else {
            u64::from(pred[j as usize].0)
        }
    };
    // Span (label, length, position) of every token from the predicted tags.
    let mut span = vec![(0u64, 0u64, 0u64); n];
    for sp in super::labels::spans(pred) {
        let len = sp.tokens.len();
        let label = u64::from(Tag::begin(sp.label).0);
        for (p, i) in sp.tokens.clone().enumerate() {
            let pos = if p == 0 {
                0
            } else if p + 1 == len {
                2
            } else {
                1
            };
            span[i] = (label, len.min(5) as u64, pos);
        }
    }
    for i in 0..n {
        out.offsets.push(out.keys.len());
        let ii = i as isize;
        let k = &mut out.keys;
        for &b in base.token(i) {
            k.push(hash::pair(T_STAGE2, b));
        }
        for off in -2isize..=2 {
            k.push(hash::ints(T_ST_TAG, &[(off + 2) as u64, tag_at(ii + off)]));
        }
        k.push(hash::ints(T_ST_PAIR, &[0, tag_at(ii - 1), tag_at(ii)]));
        k.push(hash::ints(T_ST_PAIR, &[1, tag_at(ii), tag_at(ii + 1)]));
        k.push(hash::ints(T_ST_PAIR, &[2, tag_at(ii + 1), tag_at(ii + 2)]));
        k.push(hash::ints(
            T_ST_TRI,
            &[tag_at(ii - 1), tag_at(ii), tag_at(ii + 1)],
        ));
        k.push(hash::pair(
            hash::ints(T_ST_WORD, &[tag_at(ii)]),
            base.word[i],
        ));
        k.push(hash::pair(
            hash::ints(T_ST_SHAPE, &[tag_at(ii), tag_at(ii + 1)]),
            base.shape[i],
        ));
        let (l, len, pos) = span[i];
        k.push(hash::ints(T_ST_SPAN, &[l, len, pos]));
        // Labels of other occurrences of the same word in the sentence.
        for j in 0..n {
            if j != i && base.word[j] == base.word[i] && pred[j] != Tag::O {
                k.push(hash::ints(T_ST_SAME, &[u64::from(pred[j].0)]));
            }
        }
    }
    out.offsets.push(out.keys.len());
    out
}

/// The features that depend on the tags already chosen: previous tag, previous two tags, and
/// the previous tag with the current word and shape.
#[inline]
pub fn dynamic(prev: Tag, prev2: Tag, word: u64, shape: u64) -> [u64; 4] {
    let p = u64::from(prev.0);
    let p2 = u64::from(prev2.0);
    [
        hash::ints(T_PREV, &[p]),
        hash::ints(T_PREV2, &[p, p2]),
        hash::pair(hash::ints(T_PREV_W, &[p]), word),
        hash::pair(hash::ints(T_PREV_SHAPE, &[p]), shape),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_flags() {
        assert_eq!(shape("Witkoff", 2), "Xxx");
        assert_eq!(shape("U.S.", 1), "X.X.");
        assert_eq!(shape("2,000", 1), "d,d");
        assert!(flags("Gaza").title);
        assert!(flags("NATO").upper);
        assert!(flags("al-Hayya").hyphen);
    }

    #[test]
    fn every_token_has_features() {
        let cues = Cues::new(&Language::En);
        let lex = Lexicon::empty(10);
        let ctx = Context {
            lang: 0,
            domain: Domain::Wiki,
            cues: &cues,
            lexicon: &lex,
            gazetteer: None,
        };
        let f = extract(&["Mr", "Witkoff", "said", "."], &ctx);
        assert_eq!(f.len(), 4);
        assert!(f.token(1).len() > 20);
    }
}
