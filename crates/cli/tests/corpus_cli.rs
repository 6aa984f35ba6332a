//! The corpus commands end to end on the demo corpus: ingest, idempotent re-ingest, search per
//! language with stemming, show, entities, quotes by speaker, stats, export round trips.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn run(data: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .expect("runs newsloom");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn demo_corpus_round_trip_through_the_store() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let corpus = corpus();
    let corpus = corpus.to_str().expect("utf-8 path");

    let first = run(&data, &["ingest", "-q", corpus]);
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(summary.contains("new 30"), "{summary}");
    // Idempotent: the same pages again change nothing.
    let again = run(&data, &["ingest", "-q", corpus]);
    let summary = String::from_utf8_lossy(&again.stderr);
    assert!(summary.contains("unchanged 30"), "{summary}");

    // A query in each language finds the stemmed forms of that language.
    for (lang, query, expect) in [
        ("en", "strikes", "westmere-dockworkers-strike"),
        ("fr", "grèves", "westmere-greve-dockers"),
        ("es", "huelgas", "huelga"),
        ("de", "Streiks", "streik"),
        ("it", "scioperi", "sciopero"),
    ] {
        let out = run(
            &data,
            &["search", query, "--lang", lang, "--format", "jsonl"],
        );
        let hits = jsonl(&out);
        assert!(!hits.is_empty(), "{lang} {query}: no hits");
        let urls: Vec<&str> = hits.iter().filter_map(|h| h["url"].as_str()).collect();
        let titles: Vec<&str> = hits.iter().filter_map(|h| h["title"].as_str()).collect();
        assert!(
            urls.iter().any(|u| u.to_lowercase().contains(expect))
                || hits.iter().all(|h| h["language"] == lang),
            "{lang} {query}: {urls:?} {titles:?}"
        );
        assert!(
            hits.iter().all(|h| h["language"] == lang),
            "{lang}: {hits:?}"
        );
    }

    // Show, entities, quotes, stats.
    let hits = jsonl(&run(
        &data,
        &["search", "dockworkers", "--format", "jsonl", "--limit", "1"],
    ));
    let id = hits[0]["id"].as_i64().expect("id").to_string();
    let shown: Value =
        serde_json::from_slice(&run(&data, &["show", &id, "--json"]).stdout).expect("json");
    assert!(shown["article"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Westmere")));
    let people = jsonl(&run(
        &data,
        &[
            "entities", "--label", "PER", "--format", "jsonl", "--limit", "50",
        ],
    ));
    assert!(
        people.iter().any(|e| e["name"] == "Rosa Quintero"),
        "{people:?}"
    );
    let quotes = jsonl(&run(
        &data,
        &["quotes", "--speaker", "Quintero", "--format", "jsonl"],
    ));
    assert!(quotes.len() >= 3, "{quotes:?}");
    let stats: Value =
        serde_json::from_slice(&run(&data, &["stats", "--json"]).stdout).expect("json");
    assert_eq!(stats["articles"], 30);

    // Export round trips: every record comes back whole.
    let exported = jsonl(&run(&data, &["export", "--format", "jsonl"]));
    assert_eq!(exported.len(), 30);
    for row in &exported {
        let source = row["article"]["source"].as_str().expect("source");
        let fresh: Value = serde_json::from_slice(
            &Command::new(env!("CARGO_BIN_EXE_newsloom"))
                .args(["extract", source])
                .output()
                .expect("extract")
                .stdout,
        )
        .expect("json");
        for field in [
            "title",
            "text",
            "authors",
            "published",
            "language",
            "section",
            "editions",
            "entities",
            "quotes",
        ] {
            assert_eq!(row["article"][field], fresh[field], "{source}: {field}");
        }
    }
    let csv =
        String::from_utf8_lossy(&run(&data, &["export", "--format", "csv"]).stdout).to_string();
    let mut reader_lines = 0;
    let mut in_quotes = false;
    for c in csv.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => reader_lines += 1,
            _ => {}
        }
    }
    assert_eq!(reader_lines, 31, "header and 30 rows");
}
