//! Gold quotes of the two evaluation sets and their scoring, shared by
//! `examples/quotes_eval.rs` and `tests/quotes_gate.rs` (see the example for the sets and the
//! matching rules).

use newsloom_analyse::{ner, quotes, text::TextDoc};
use newsloom_model::{Language, Quote, QuoteKind};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A gold quote: char span of the words and acceptable speaker texts.
#[derive(Debug, Clone)]
pub struct Gold {
    /// First char of the quoted words.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Acceptable speaker texts (empty: no speaker).
    pub speakers: Vec<String>,
}

/// A brat text-bound annotation: type, segments, text.
type Span = (String, Vec<(usize, usize)>, String);
/// A content span with its text and its source's text.
type Content = (Vec<(usize, usize)>, String, String);

/// One article with its gold.
pub struct Doc {
    /// File name.
    pub name: String,
    /// Article text.
    pub text: String,
    /// Its language.
    pub lang: Language,
    /// Gold direct quotes.
    pub direct: Vec<Gold>,
    /// Gold indirect quotes.
    pub indirect: Vec<Gold>,
}

/// Counts of one set.
#[derive(Debug, Default)]
pub struct Score {
    /// Predicted quotes.
    pub pred: usize,
    /// Predicted quotes matching a gold one.
    pub pred_ok: usize,
    /// Gold quotes.
    pub gold: usize,
    /// Gold quotes matched by a prediction.
    pub gold_found: usize,
    /// Found gold quotes with an acceptable speaker.
    pub speaker_ok: usize,
}

impl Score {
    /// Precision.
    pub fn p(&self) -> f64 {
        ratio(self.pred_ok, self.pred)
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    /// Speaker accuracy over the found gold quotes.
    pub fn speaker(&self) -> f64 {
        ratio(self.speaker_ok, self.gold_found)
    }
    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

const QUOTE_CHARS: &[char] = &[
    '"', '“', '”', '„', '«', '»', '‹', '›', '‘', '’', '‚', '\'', '‟',
];

/// Scores `quotes::find` on `docs` (direct, then indirect quotes), resolving speakers against
/// `ner`'s entities when given; with `errors`, prints false positives, misses and wrong
/// speakers.
pub fn evaluate(docs: &[Doc], ner: Option<&ner::Model>, errors: bool) -> (Score, Score) {
    evaluate_with(docs, ner, errors, &quotes::QuoteConfig::default())
}

/// [`evaluate`] with explicit quote settings (`speaker_ranker: false` scores the rules alone).
pub fn evaluate_with(
    docs: &[Doc],
    ner: Option<&ner::Model>,
    errors: bool,
    config: &quotes::QuoteConfig,
) -> (Score, Score) {
    let mut direct = Score::default();
    let mut indirect = Score::default();
    for d in docs {
        let doc = TextDoc::new(&d.text, d.lang.clone());
        let entities = ner.map(|m| m.entities(&doc)).unwrap_or_default();
        let found = quotes::find_with(&doc, &entities, config);
        let pd: Vec<&Quote> = found
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .collect();
        let pi: Vec<&Quote> = found
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        score(d, &pd, &d.direct, &mut direct, errors, true);
        score(d, &pi, &d.indirect, &mut indirect, false, false);
    }
    (direct, indirect)
}

/// Overlap in chars of two spans.
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn matches(q: &Quote, g: &Gold) -> bool {
    span_matches((q.start, q.end), g)
}

/// True when the predicted char span `q` and the gold quote overlap by at least half of the
/// shorter one.
pub fn span_matches(q: (usize, usize), g: &Gold) -> bool {
    let shorter = (q.1 - q.0).min(g.end - g.start).max(1);
    2 * overlaps(q, (g.start, g.end)) >= shorter
}

fn score(d: &Doc, pred: &[&Quote], gold: &[Gold], s: &mut Score, errors: bool, speakers: bool) {
    s.pred += pred.len();
    s.gold += gold.len();
    for q in pred {
        if gold.iter().any(|g| matches(q, g)) {
            s.pred_ok += 1;
            if std::env::var_os("QUOTES_EVAL_HITS").is_some() && speakers {
                println!(
                    "TP\t{}\t{:?}\tspeaker={:?}\tcue={:?}",
                    d.name, q.text, q.speaker, q.cue
                );
            }
        } else if errors {
            let g = Gold {
                start: q.start,
                end: q.end,
                speakers: Vec::new(),
            };
            println!(
                "FP\t{}\t{:?}\tspeaker={:?}\tcue={:?}",
                d.name,
                snippet(&d.text, &g),
                q.speaker,
                q.cue
            );
        }
    }
    for g in gold {
        let best = pred
            .iter()
            .filter(|q| matches(q, g))
            .max_by_key(|q| overlaps((q.start, q.end), (g.start, g.end)));
        match best {
            Some(q) => {
                s.gold_found += 1;
                if speakers {
                    if speaker_ok(q.speaker.as_deref(), &g.speakers) {
                        s.speaker_ok += 1;
                    } else if errors {
                        println!(
                            "SPK\t{}\t{:?}\tpred={:?}\tgold={:?}",
                            d.name,
                            snippet(&d.text, g),
                            q.speaker,
                            g.speakers
                        );
                    }
                }
            }
            None => {
                if errors {
                    println!(
                        "FN\t{}\t{:?}\tgold={:?}",
                        d.name,
                        snippet(&d.text, g),
                        g.speakers
                    );
                }
            }
        }
    }
}

fn snippet(text: &str, g: &Gold) -> String {
    let before: String = text.chars().take(g.start).collect();
    let before: String = before
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let inner: String = text
        .chars()
        .skip(g.start)
        .take(g.end - g.start)
        .take(80)
        .collect();
    let after: String = text.chars().skip(g.end).take(100).collect();
    format!("{before}[[{inner}]]{after}").replace('\n', "|")
}

/// True when a predicted speaker counts as correct for the gold speakers of a quote.
pub fn speaker_ok(pred: Option<&str>, gold: &[String]) -> bool {
    let gold: Vec<&String> = gold.iter().filter(|g| !g.trim().is_empty()).collect();
    let Some(p) = pred else {
        return gold.is_empty();
    };
    let pl = p.to_lowercase();
    gold.iter().any(|g| {
        let gl = g.to_lowercase();
        if gl.contains(&pl) || pl.contains(&gl) {
            return true;
        }
        let names = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| {
                    w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase)
                })
                .map(str::to_lowercase)
                .filter(|w| !STOP.contains(&w.as_str()))
                .collect()
        };
        let gn = names(g);
        names(p).iter().any(|w| gn.contains(w))
    })
}

/// Capitalised words that are not names.
const STOP: &[&str] = &[
    "the",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einem",
    "einer",
    "mr",
    "mrs",
    "ms",
    "herr",
    "frau",
    "president",
    "präsident",
    "sprecher",
    "sprecherin",
];

/// Pronouns and bare roles, whose antecedent is accepted as the speaker.
fn unnamed(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let pronoun = matches!(
        first.as_str(),
        "he" | "she"
            | "they"
            | "er"
            | "sie"
            | "i"
            | "we"
            | "ich"
            | "wir"
            | "him"
            | "her"
            | "ihm"
            | "ihr"
    ) && words.len() == 1;
    let det = matches!(
        first.as_str(),
        "the"
            | "der"
            | "die"
            | "das"
            | "dem"
            | "den"
            | "des"
            | "a"
            | "an"
            | "ein"
            | "eine"
            | "einem"
            | "einer"
    );
    pronoun || (det && words.len() <= 2)
}

/// Adds the antecedent (nearest preceding named speaker) to unnamed gold speakers.
fn add_antecedents(golds: &mut [Gold], speaker_positions: &[(usize, String)]) {
    for g in golds.iter_mut() {
        if g.speakers.iter().any(|s| unnamed(s)) {
            let ante = speaker_positions
                .iter()
                .filter(|(pos, s)| *pos < g.start && !s.trim().is_empty() && !unnamed(s))
                .max_by_key(|(pos, _)| *pos)
                .map(|(_, s)| s.clone());
            if let Some(a) = ante {
                g.speakers.push(a);
            }
        }
    }
}

fn strip_marks(text: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && (text[start].is_whitespace() || QUOTE_CHARS.contains(&text[start])) {
        start += 1;
    }
    while end > start && (text[end - 1].is_whitespace() || QUOTE_CHARS.contains(&text[end - 1])) {
        end -= 1;
    }
    (start, end)
}

/// Loads the German WikiNews articles of `dir`.
pub fn load_wikinews(dir: &Path) -> Result<Vec<Doc>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let v: Value = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", f.display()))?;
        let text = v["originalText"].as_str().unwrap_or_default().to_string();
        let chars: Vec<char> = text.chars().collect();
        let mut direct: Vec<Gold> = Vec::new();
        let mut indirect: Vec<Gold> = Vec::new();
        let mut positions = Vec::new();
        for a in v["annotations"].as_array().into_iter().flatten() {
            let span = |role: &str| -> Option<(usize, usize)> {
                let spans = a[role]["spans"].as_array()?;
                let s = spans.iter().filter_map(|s| s["charBegin"].as_u64()).min()?;
                let e = spans.iter().filter_map(|s| s["charEnd"].as_u64()).max()?;
                Some((s as usize, e as usize))
            };
            let speaker = a["speaker"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if let Some((s, _)) = span("speaker") {
                positions.push((s, speaker.clone()));
            }
            let Some((s, e)) = span("quote") else {
                continue;
            };
            let (s, e) = strip_marks(&chars, s.min(chars.len()), e.min(chars.len()));
            let list = match a["type"].as_str() {
                Some("Direct") => &mut direct,
                Some("Indirect") => &mut indirect,
                _ => continue,
            };
            match list.iter_mut().find(|g| g.start == s && g.end == e) {
                Some(g) => g.speakers.push(speaker),
                None => list.push(Gold {
                    start: s,
                    end: e,
                    speakers: vec![speaker],
                }),
            }
        }
        add_antecedents(&mut direct, &positions);
        out.push(Doc {
            name: f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text,
            lang: Language::De,
            direct,
            indirect,
        });
    }
    Ok(out)
}

/// Outermost double-quote pairs per paragraph (char offsets of the marks). Two apostrophes
/// (`''`) are one double quotation mark: the New York Times texts of PolNeAR write every
/// double quote that way. Curly marks typeset the wrong way round are read by their position.
fn double_quote_pairs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let twin = c == '\'' && chars.get(i + 1) == Some(&'\'');
        let width = if twin { 2 } else { 1 };
        if c == '\n' {
            open = None;
            depth = 0;
            i += 1;
            continue;
        }
        let straight = c == '"' || twin;
        // Typeset the wrong way round (”Mr. Trump …” ― X; “… w“): a mark opens where a word
        // follows it at the start of a quote, and closes where a word precedes it.
        let space_before = i == 0 || chars[i - 1].is_whitespace();
        let space_after = chars.get(i + width).is_none_or(|n| n.is_whitespace());
        let opens = c == '“' && !(depth > 0 && !space_before && space_after)
            || (c == '”' && depth == 0 && space_before && !space_after)
            || (straight && depth == 0);
        let closes = c == '”' || c == '“' || (straight && depth > 0);
        if opens {
            if depth == 0 {
                open = Some(i);
            }
            depth += 1;
        } else if closes && depth > 0 {
            depth -= 1;
            if depth == 0 {
                if let Some(o) = open.take() {
                    out.push((o, i + width));
                }
            }
        }
        i += width;
    }
    out
}

/// Loads the PolNeAR articles of `dir`.
pub fn load_polnear(dir: &Path) -> Result<Vec<Doc>, String> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(|e| format!("{}: {e}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((base, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if !seen.insert(base.to_string()) {
            continue;
        }
        let tpath = text_dir.join(format!("{base}.txt"));
        let text =
            std::fs::read_to_string(&tpath).map_err(|e| format!("{}: {e}", tpath.display()))?;
        let raw = std::fs::read_to_string(&ann).map_err(|e| format!("{}: {e}", ann.display()))?;
        let chars: Vec<char> = text.chars().collect();
        // T id -> (type, segments, text)
        let mut spans: std::collections::HashMap<String, Span> = Default::default();
        let mut attributions: Vec<std::collections::HashMap<String, String>> = Vec::new();
        for line in raw.lines() {
            let parts: Vec<&str> = line.split('\t').collect();
            if parts.len() >= 2 && parts[0].starts_with('T') {
                let Some((kind, ranges)) = parts[1].split_once(' ') else {
                    continue;
                };
                let segs: Vec<(usize, usize)> = ranges
                    .split(';')
                    .filter_map(|r| {
                        let (a, b) = r.split_once(' ')?;
                        Some((a.parse().ok()?, b.parse().ok()?))
                    })
                    .collect();
                let t = parts.get(2).copied().unwrap_or_default().to_string();
                spans.insert(parts[0].to_string(), (kind.to_string(), segs, t));
            } else if parts.len() >= 2 && parts[0].starts_with('E') {
                let roles = parts[1]
                    .split_whitespace()
                    .filter_map(|r| r.split_once(':'))
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect();
                attributions.push(roles);
            }
        }
        let pairs = double_quote_pairs(&chars);
        let mut direct: Vec<Gold> = Vec::new();
        let mut indirect: Vec<Gold> = Vec::new();
        let mut positions = Vec::new();
        let mut contents: Vec<Content> = Vec::new();
        for a in &attributions {
            let source = a
                .get("Source")
                .and_then(|id| spans.get(id))
                .map(|(_, segs, t)| {
                    if let Some(s) = segs.first() {
                        positions.push((s.0, t.clone()));
                    }
                    t.clone()
                })
                .unwrap_or_default();
            if let Some((_, segs, t)) = a.get("Content").and_then(|id| spans.get(id)) {
                contents.push((segs.clone(), t.clone(), source));
            }
        }
        for &(o, c) in &pairs {
            let (s, e) = strip_marks(&chars, o, c);
            if e <= s {
                continue;
            }
            let covering = contents.iter().find(|(segs, _, _)| {
                let cov: usize = segs.iter().map(|&seg| overlaps(seg, (s, e))).sum();
                2 * cov >= e - s
            });
            if let Some((_, _, source)) = covering {
                direct.push(Gold {
                    start: s,
                    end: e,
                    speakers: vec![source.clone()],
                });
            }
        }
        for (segs, t, source) in &contents {
            if t.contains(QUOTE_CHARS) || segs.is_empty() {
                continue;
            }
            let s = segs.iter().map(|x| x.0).min().unwrap_or(0);
            let e = segs.iter().map(|x| x.1).max().unwrap_or(0);
            indirect.push(Gold {
                start: s,
                end: e,
                speakers: vec![source.clone()],
            });
        }
        add_antecedents(&mut direct, &positions);
        out.push(Doc {
            name: base.to_string(),
            text,
            lang: Language::En,
            direct,
            indirect,
        });
    }
    Ok(out)
}
