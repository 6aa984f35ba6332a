//! The story index kept in memory between runs in one process (as the server runs them):
//! used while the file is as the last run left it, read from the file otherwise, and the
//! assignments are the same either way. A test binary of its own, so that no other test's
//! store shares the process's memory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use newsloom_analyse::Analyser;
use newsloom_model::{Article, Language};
use newsloom_pipeline::stories::{assign, IndexSource, STATE_FILE};
use newsloom_store::{SourceInfo, Store};

/// Two reports of the same event (one in English, one in German) and an unrelated one, each
/// analysed; `n` makes the URLs unique.
fn articles(analyser: &Analyser, n: usize) -> Vec<(Article, SourceInfo)> {
    let texts = [
        (Language::En, "Port of Westmere strike halts container traffic",
         "Dockworkers at the port of Westmere went on strike on Tuesday over plans by Northgate Terminals to buy automated cranes worth 470 million euros, union leader Rosa Quintero said. About 2,300 workers joined the strike."),
        (Language::De, "Streik im Hafen von Westmere legt Containerumschlag lahm",
         "Im Hafen von Westmere streiken seit Dienstag rund 2.300 Hafenarbeiter gegen den Plan von Northgate Terminals, für 470 Millionen Euro automatische Kräne zu kaufen, sagte Gewerkschaftschefin Rosa Quintero."),
        (Language::It, "Inaugurata la nuova biblioteca di Valmarina",
         "La nuova biblioteca comunale di Valmarina ha aperto sabato con 80.000 volumi, ha detto il sindaco Lucia Ferraris durante la cerimonia."),
    ];
    texts
        .iter()
        .enumerate()
        .map(|(i, (lang, title, text))| {
            let mut a = Article::new(format!("https://news{n}-{i}.example/a"));
            a.url = Some(format!("https://news{n}-{i}.example/a"));
            a.language = lang.clone();
            a.title = Some((*title).to_string());
            a.text = format!("{text} Report number {n}.");
            analyser.analyse(&mut a, Some("2030-10-08"));
            (
                a,
                SourceInfo {
                    source: format!("test-{n}-{i}"),
                    fetched_at: None,
                    raw_hash: None,
                },
            )
        })
        .collect()
}

#[test]
fn kept_index_is_used_while_the_file_is_unchanged() {
    let analyser = Analyser::new();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    store.put_batch(articles(&analyser, 0)).unwrap();
    assert!(matches!(
        assign(&mut store).unwrap().index,
        IndexSource::Replayed(_)
    ));
    store.put_batch(articles(&analyser, 1)).unwrap();
    let second = assign(&mut store).unwrap();
    assert_eq!(second.index, IndexSource::Memory);
    assert_eq!(second.processed, 3);

    // Something else changes the file (here: a cut record at its end): it is read again.
    let path = tmp.path().join(STATE_FILE);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\x40\0\0");
    std::fs::write(&path, &bytes).unwrap();
    store.put_batch(articles(&analyser, 2)).unwrap();
    let third = assign(&mut store).unwrap();
    assert_eq!(third.index, IndexSource::Saved);
    assert_eq!(third.processed, 3);

    // The same assignments as a store replayed at every run.
    let other = tempfile::tempdir().unwrap();
    let mut reference = Store::open(other.path()).unwrap();
    for n in 0..3 {
        reference.put_batch(articles(&analyser, n)).unwrap();
        let state = other.path().join(STATE_FILE);
        if state.exists() {
            std::fs::remove_file(&state).unwrap();
        }
        assert!(matches!(
            assign(&mut reference).unwrap().index,
            IndexSource::Replayed(_)
        ));
    }
    let rows = store.story_assignments().unwrap();
    assert_eq!(rows, reference.story_assignments().unwrap());
    // The strike reports of every run share one story; the library story is another.
    let stories: std::collections::BTreeSet<i64> = rows.iter().map(|r| r.story_id).collect();
    assert!(stories.len() < rows.len(), "{rows:?}");
}
