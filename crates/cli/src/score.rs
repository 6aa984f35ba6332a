//! Extraction scoring, ported from `bench/extraction/score.py` (its default `shingle4` metric).
//!
//! * text is tokenised into Unicode word tokens (Python's `\w+`, see [`words`]);
//! * each text becomes a bag (multiset) of 4-token shingles; a text of at most 4 tokens is one
//!   shingle;
//! * per document: tp = size of the bag intersection, fp = predicted shingles not matched,
//!   fn = gold shingles not matched;
//! * precision is averaged over documents with some prediction, recall over documents with some
//!   gold; a document where both sides are empty is left out of both averages;
//! * F1 is the harmonic mean of the two averages; the mean of per-document F1s is reported apart.
//!
//! A gold id with no prediction counts as an empty prediction; predicted ids not in the gold
//! are ignored (and counted).

mod word_chars;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Tokens per shingle in the default metric.
pub const SHINGLE_SIZE: usize = 4;

/// One document of a gold or prediction file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The reference (or predicted) body text.
    pub text: String,
    /// The document's language, when the file gives one.
    pub lang: Option<String>,
    /// The page URL, when the file gives one (scrapinghub gold does).
    pub url: Option<String>,
}

/// Reads records the way `score.py` does: a JSON object `{id: {"articleBody"|"text", "url",
/// "lang"}}` (optionally wrapped as `{"version", "output"}`), or JSON Lines
/// `{"id", "text"|"articleBody", "lang"}`.
pub fn read_records(raw: &str) -> Result<BTreeMap<String, Record>> {
    let mut records = BTreeMap::new();
    if raw.trim_start().starts_with('{') {
        if let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(raw) {
            if !(obj.contains_key("id") && obj.contains_key("text")) {
                let wrapped = obj.len() == 2
                    && obj.contains_key("version")
                    && matches!(obj.get("output"), Some(Value::Object(_)));
                if wrapped {
                    if let Some(Value::Object(inner)) = obj.remove("output") {
                        obj = inner;
                    }
                }
                for (key, val) in obj {
                    let record = match &val {
                        Value::Object(fields) => Record {
                            text: match fields.get("articleBody") {
                                Some(body) => text_of(body),
                                None => fields.get("text").map(text_of).unwrap_or_default(),
                            },
                            lang: fields.get("lang").and_then(Value::as_str).map(String::from),
                            url: fields.get("url").and_then(Value::as_str).map(String::from),
                        },
                        other => Record {
                            text: text_of(other),
                            ..Record::default()
                        },
                    };
                    records.insert(key, record);
                }
                return Ok(records);
            }
        }
    }
    for (lineno, line) in raw.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let item: Value =
            serde_json::from_str(line).with_context(|| format!("line {}", lineno + 1))?;
        let Some(id) = item.get("id") else {
            bail!("line {}: record without \"id\"", lineno + 1);
        };
        let id = match id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let text = match item.get("text") {
            Some(Value::Null) | None => item.get("articleBody").map(text_of).unwrap_or_default(),
            Some(text) => text_of(text),
        };
        let lang = item.get("lang").and_then(Value::as_str).map(String::from);
        let url = item.get("url").and_then(Value::as_str).map(String::from);
        records.insert(id, Record { text, lang, url });
    }
    Ok(records)
}

/// A JSON value as text: strings as they are, `null` as empty, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// True for the characters Python's `re` `\w` matches in a `str` pattern.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let cp = u32::from(c);
    word_chars::WORD_RANGES
        .binary_search_by(|&(first, last)| {
            if last < cp {
                std::cmp::Ordering::Less
            } else if first > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The word tokens of `text`: maximal runs of [`is_word_char`] characters (Python's `\w+`).
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The bag of `n`-token shingles of `tokens`; fewer than `n` tokens make one shingle.
fn shingles<'t, 'a>(tokens: &'t [&'a str], n: usize) -> HashMap<&'t [&'a str], usize> {
    let mut bag = HashMap::new();
    if tokens.is_empty() {
        return bag;
    }
    if tokens.len() <= n {
        bag.insert(tokens, 1);
        return bag;
    }
    for window in tokens.windows(n) {
        *bag.entry(window).or_insert(0) += 1;
    }
    bag
}

/// The scores of one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocScore {
    /// Precision; `None` when there is no prediction (or both sides are empty).
    pub precision: Option<f64>,
    /// Recall; `None` when there is no gold (or both sides are empty).
    pub recall: Option<f64>,
    /// F1 of this document (1 when both sides are empty, 0 when one side is).
    pub f1: f64,
    /// True when both texts have the same word tokens.
    pub exact: bool,
}

/// Scores one prediction against its gold text (`score.py`'s `doc_scores`).
pub fn doc_scores(gold_text: &str, pred_text: &str) -> DocScore {
    let gold_words = words(gold_text);
    let pred_words = words(pred_text);
    let g = shingles(&gold_words, SHINGLE_SIZE);
    let p = shingles(&pred_words, SHINGLE_SIZE);
    let tp: usize = p
        .iter()
        .map(|(k, &c)| c.min(g.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = g.values().sum::<usize>() - tp;
    if tp == 0 && fp == 0 && fn_ == 0 {
        return DocScore {
            precision: None,
            recall: None,
            f1: 1.0,
            exact: true,
        };
    }
    let (precision, recall) = if fp == 0 && fn_ == 0 {
        (Some(1.0), Some(1.0))
    } else {
        (
            (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64),
            (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64),
        )
    };
    let f1 = match (precision, recall) {
        (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
        _ => 0.0,
    };
    DocScore {
        precision,
        recall,
        f1,
        exact: gold_words == pred_words,
    }
}

/// Scores averaged over documents (`score.py`'s `aggregate`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Aggregate {
    /// Harmonic mean of the averaged precision and the averaged recall.
    pub f1: f64,
    /// Mean precision over documents with some prediction.
    pub precision: f64,
    /// Mean recall over documents with some gold.
    pub recall: f64,
    /// Mean of the per-document F1s.
    pub mean_doc_f1: f64,
    /// Share of documents whose word tokens match the gold exactly.
    pub exact_match: f64,
    /// Number of documents scored.
    pub docs: usize,
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Averages per-document scores.
pub fn aggregate(rows: &[DocScore]) -> Aggregate {
    let precision = mean(rows.iter().filter_map(|r| r.precision));
    let recall = mean(rows.iter().filter_map(|r| r.recall));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Aggregate {
        f1,
        precision,
        recall,
        mean_doc_f1: mean(rows.iter().map(|r| r.f1)),
        exact_match: mean(rows.iter().map(|r| if r.exact { 1.0 } else { 0.0 })),
        docs: rows.len(),
    }
}

/// The result of scoring a prediction set against a gold set.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The averaged scores.
    #[serde(flatten)]
    pub aggregate: Aggregate,
    /// Gold documents with no prediction (scored as empty predictions).
    pub missing_predictions: usize,
    /// Gold documents whose prediction is empty or blank.
    pub empty_predictions: usize,
    /// Predicted ids not in the gold (ignored).
    pub ids_not_in_gold: usize,
}

/// Scores `predictions` (id → text) against `gold`, in sorted id order like `score.py`.
pub fn score(gold: &BTreeMap<String, Record>, predictions: &HashMap<String, String>) -> Report {
    let mut rows = Vec::with_capacity(gold.len());
    let mut missing = 0;
    let mut empty = 0;
    for (id, record) in gold {
        let pred = match predictions.get(id) {
            Some(text) => text.as_str(),
            None => {
                missing += 1;
                ""
            }
        };
        if pred.trim().is_empty() {
            empty += 1;
        }
        rows.push(doc_scores(&record.text, pred));
    }
    Report {
        aggregate: aggregate(&rows),
        missing_predictions: missing,
        empty_predictions: empty,
        ids_not_in_gold: predictions
            .keys()
            .filter(|id| !gold.contains_key(*id))
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn words_match_python_word_regex() {
        assert_eq!(
            words("Hello, wörld! foo_bar 42x"),
            vec!["Hello", "wörld", "foo_bar", "42x"]
        );
        assert_eq!(words("l’été—déjà"), vec!["l", "été", "déjà"]);
        assert_eq!(words("東京 ½ Ⅻ"), vec!["東京", "½", "Ⅻ"]);
        assert!(words("  ...  ").is_empty());
    }

    #[test]
    fn combining_marks_split_words_like_python() {
        // U+0301 COMBINING ACUTE ACCENT and the Devanagari vowel sign U+093F are not `\w`.
        assert_eq!(words("e\u{301}x"), vec!["e", "x"]);
        assert_eq!(words("हिन्दी"), vec!["ह", "न", "द"]);
        assert!(!is_word_char('\u{301}'));
        assert!(is_word_char('_'));
        assert!(is_word_char('ß'));
    }

    #[test]
    fn identical_texts_score_one() {
        let s = doc_scores("one two three four five six", "one two three four five six");
        assert_eq!(
            s,
            DocScore {
                precision: Some(1.0),
                recall: Some(1.0),
                f1: 1.0,
                exact: true
            }
        );
    }

    #[test]
    fn both_empty_is_left_out_of_the_averages() {
        let s = doc_scores("", "  ");
        assert_eq!(
            s,
            DocScore {
                precision: None,
                recall: None,
                f1: 1.0,
                exact: true
            }
        );
        let agg = aggregate(&[s]);
        assert_eq!((agg.precision, agg.recall, agg.f1), (0.0, 0.0, 0.0));
        assert_eq!(agg.mean_doc_f1, 1.0);
    }

    #[test]
    fn empty_prediction_has_recall_zero_and_no_precision() {
        let s = doc_scores("a b c d e", "");
        assert_eq!(s.precision, None);
        assert_eq!(s.recall, Some(0.0));
        assert_eq!(s.f1, 0.0);
        assert!(!s.exact);
    }

    #[test]
    fn partial_overlap_counts_shingle_bags() {
        // gold shingles: abcd bcde cdef (3); pred: abcd bcde cdex (3); tp = 2.
        let s = doc_scores("a b c d e f", "a b c d e x");
        assert!(close(s.precision.unwrap_or(-1.0), 2.0 / 3.0));
        assert!(close(s.recall.unwrap_or(-1.0), 2.0 / 3.0));
        assert!(close(s.f1, 2.0 / 3.0));
    }

    #[test]
    fn repeated_shingles_are_a_multiset() {
        // gold: "a b c d" twice → shingles abcd, bcda, cdab, dabc, abcd (abcd ×2).
        // pred: "a b c d" → one shingle abcd (short text) → tp 1, fp 0, fn 4.
        let s = doc_scores("a b c d a b c d", "a b c d");
        assert_eq!(s.precision, Some(1.0));
        assert!(close(s.recall.unwrap_or(-1.0), 0.2));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let s = doc_scores("a b", "a b c");
        assert_eq!((s.precision, s.recall, s.f1), (Some(0.0), Some(0.0), 0.0));
    }

    #[test]
    fn f1_is_of_the_averages_not_the_mean_of_f1s() {
        let rows = [
            DocScore {
                precision: Some(1.0),
                recall: Some(0.5),
                f1: 2.0 / 3.0,
                exact: false,
            },
            DocScore {
                precision: None,
                recall: Some(0.0),
                f1: 0.0,
                exact: false,
            },
        ];
        let agg = aggregate(&rows);
        assert!(close(agg.precision, 1.0));
        assert!(close(agg.recall, 0.25));
        assert!(close(agg.f1, 2.0 * 0.25 / 1.25));
        assert!(close(agg.mean_doc_f1, 1.0 / 3.0));
        assert_eq!(agg.docs, 2);
    }

    #[test]
    fn reads_scrapinghub_gold_and_jsonl_predictions() {
        let gold = read_records(
            r#"{"b": {"articleBody": "x y", "url": "https://e.invalid/b"}, "a": {"articleBody": null}}"#,
        )
        .expect("gold parses");
        assert_eq!(gold.keys().collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!(gold["a"].text, "");
        assert_eq!(gold["b"].url.as_deref(), Some("https://e.invalid/b"));

        let pred = read_records(
            "{\"id\": \"a\", \"text\": \"t\"}\n\n{\"id\": 7, \"articleBody\": \"u\"}\n",
        )
        .expect("jsonl parses");
        assert_eq!(pred["a"].text, "t");
        assert_eq!(pred["7"].text, "u");

        let single = read_records(r#"{"id": "z", "text": "only"}"#).expect("one line");
        assert_eq!(single["z"].text, "only");

        let wrapped = read_records(r#"{"version": 1, "output": {"q": {"articleBody": "w"}}}"#)
            .expect("wrapped");
        assert_eq!(wrapped["q"].text, "w");

        assert!(read_records("{\"text\": \"no id\"}\n{\"x\": 1}\n").is_err());
    }

    #[test]
    fn score_counts_missing_empty_and_extra() {
        let gold = read_records(r#"{"a": {"articleBody": "one two three four five"}, "b": {"articleBody": "six seven"}}"#)
            .expect("gold");
        let mut pred = HashMap::new();
        pred.insert("a".to_string(), "one two three four five".to_string());
        pred.insert("zz".to_string(), "ignored".to_string());
        let report = score(&gold, &pred);
        assert_eq!(report.missing_predictions, 1);
        assert_eq!(report.empty_predictions, 1);
        assert_eq!(report.ids_not_in_gold, 1);
        assert!(close(report.aggregate.precision, 1.0));
        assert!(close(report.aggregate.recall, 0.5));
    }
}
