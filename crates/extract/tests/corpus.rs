//! The demo corpus round-trips: every page of `examples/corpus/` is extracted and compared with
//! its `.expected.json` (written by hand with the page): body paragraphs, boilerplate that must
//! not appear, and every metadata field.

use newsloom_extract::{extract, Config, Input};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn pages() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lang in std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .flatten()
    {
        if !lang.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(lang.path()).expect("lang dir").flatten() {
            if f.path().extension().is_some_and(|e| e == "html") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Outcome {
    mismatches: Vec<String>,
    paragraphs: usize,
    found: usize,
    extra: usize,
}

fn check(path: &Path) -> Outcome {
    let html = std::fs::read(path).expect("page");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(path.with_extension("expected.json")).expect("expected json"),
    )
    .expect("valid json");
    let a = extract(
        &Input::new(path.display().to_string(), &html),
        &Config::default(),
    )
    .expect("extracts");
    let mut mismatches = Vec::new();
    let got: Vec<String> = a.paragraphs().map(collapse).collect();
    let want: Vec<String> = expected["body_paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| collapse(p.as_str().unwrap_or("")))
        .collect();
    let found = want.iter().filter(|p| got.contains(p)).count();
    let extra: Vec<&String> = got.iter().filter(|p| !want.contains(p)).collect();
    for p in want.iter().filter(|p| !got.contains(p)) {
        mismatches.push(format!("missing paragraph: {p:.80}"));
    }
    for p in &extra {
        mismatches.push(format!("extra paragraph: {p:.80}"));
    }
    for b in expected["boilerplate_samples"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let b = b.as_str().unwrap_or("");
        if a.text.contains(b) {
            mismatches.push(format!("boilerplate in text: {b}"));
        }
    }
    let record = serde_json::to_value(&a).expect("serialises");
    for field in [
        "title",
        "standfirst",
        "authors",
        "published",
        "language",
        "section",
        "editions",
        "site_name",
    ] {
        let want = &expected[field];
        let got = &record[field];
        let same = match (want, got) {
            (Value::String(w), Value::String(g)) => collapse(w) == collapse(g),
            (w, g) => w == g,
        };
        if !same {
            mismatches.push(format!("{field}: expected {want}, got {got}"));
        }
    }
    Outcome {
        mismatches,
        paragraphs: want.len(),
        found,
        extra: extra.len(),
    }
}

#[test]
fn demo_corpus_round_trips() {
    let pages = pages();
    assert!(pages.len() >= 30, "corpus has {} pages", pages.len());
    let (mut paragraphs, mut found, mut extra, mut failed) = (0, 0, 0, 0);
    for page in &pages {
        let o = check(page);
        paragraphs += o.paragraphs;
        found += o.found;
        extra += o.extra;
        if !o.mismatches.is_empty() {
            failed += 1;
            eprintln!(
                "{}:",
                page.strip_prefix(corpus_dir()).unwrap_or(page).display()
            );
            for m in &o.mismatches {
                eprintln!("    {m}");
            }
        }
    }
    eprintln!(
        "corpus: {} pages, {failed} with mismatches; body paragraphs {found}/{paragraphs} found, {extra} extra",
        pages.len()
    );
    assert_eq!(
        failed, 0,
        "{failed} corpus pages differ from their expected extraction"
    );
}
