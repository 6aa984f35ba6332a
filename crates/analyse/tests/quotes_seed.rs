//! The seed article: four direct quotes with their speakers, and the Axios source.

use newsloom_analyse::{quotes, sources, text::TextDoc};
use newsloom_model::{Language, QuoteKind, SourceKind};
use std::path::PathBuf;

/// The seed body (lines 3..=19 of `shared/samples/seed.txt`), or `None` when the shared
/// directory is absent.
fn seed_body() -> Option<String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        manifest.join("../shared/samples/seed.txt"),
        manifest.join("../../shared/samples/seed.txt"),
        manifest.join("../../../shared/samples/seed.txt"),
    ];
    let raw = candidates
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())?;
    let lines: Vec<&str> = raw.lines().collect();
    if lines.len() < 19 {
        return None;
    }
    Some(lines[2..19].join("\n\n"))
}

#[test]
fn seed_article_quotes_and_speakers() {
    let Some(body) = seed_body() else {
        println!("SKIPPED: ../shared not found");
        return;
    };
    let doc = TextDoc::new(&body, Language::En);
    // Without entities, and with the embedded tagger's (as the CLI runs it, where the speaker
    // ranker also sees the entity mentions).
    let entities = newsloom_analyse::ner::Model::embedded().entities(&doc);
    for entities in [Vec::new(), entities] {
        check_seed_quotes(&doc, &entities);
    }
}

fn check_seed_quotes(doc: &TextDoc<'_>, entities: &[newsloom_model::Entity]) {
    let found: Vec<_> = quotes::find(doc, entities)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    let expect = [
        ("President Trump's message is that", "Witkoff"),
        ("more of a liability than an asset for you", "Witkoff"),
        ("bring people home on both sides of the border", "Witkoff"),
        (
            "Based on the meeting we just had, we have a deal",
            "Hassan Rashad",
        ),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (q, (start, speaker)) in found.iter().zip(expect) {
        assert!(q.text.starts_with(start), "{}", q.text);
        assert_eq!(q.speaker.as_deref(), Some(speaker), "{}", q.text);
    }
}

#[test]
fn seed_article_source_axios() {
    let Some(body) = seed_body() else {
        println!("SKIPPED: ../shared not found");
        return;
    };
    let doc = TextDoc::new(&body, Language::En);
    let found = sources::find(&doc, &[]);
    let axios = found.iter().find(|s| s.name == "Axios").expect("Axios");
    assert_eq!(axios.kind, SourceKind::Outlet);
    assert_eq!(axios.cites, vec!["three sources familiar with the matter"]);
}
