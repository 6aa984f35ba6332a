//! Tests of the whole entity model on articles.

use super::*;
use crate::text::TextDoc;
use newsloom_model::{EntityLabel, Language};

fn entities(text: &str, lang: Language) -> Vec<Entity> {
    let doc = TextDoc::new(text, lang);
    Model::embedded().entities(&doc)
}

fn find<'a>(es: &'a [Entity], name: &str) -> Option<&'a Entity> {
    es.iter().find(|e| e.name == name)
}

#[test]
fn embedded_model_loads_and_tags_a_sentence() {
    let model = Model::embedded();
    assert!(model.tagger().is_some(), "embedded model failed to load");
    let es = entities(
        "Angela Merkel met Emmanuel Macron in Paris on Monday.",
        Language::En,
    );
    let merkel = find(&es, "Angela Merkel").expect("Angela Merkel found");
    assert_eq!(merkel.label, EntityLabel::Person);
    assert_eq!(
        find(&es, "Paris").map(|e| e.label),
        Some(EntityLabel::Location)
    );
}

#[test]
fn corrupt_model_file_is_an_error_not_a_panic() {
    assert!(Model::from_bytes(b"not a model").is_err());
    assert!(Model::empty()
        .entities(&TextDoc::new("Paris", Language::En))
        .is_empty());
}

#[test]
fn mentions_have_char_offsets_and_text_as_written() {
    let text = "Élodie Durand est arrivée. Mme Durand a déclaré que Renault allait bien.";
    let es = entities(text, Language::Fr);
    let e = find(&es, "Élodie Durand").expect("Élodie Durand found");
    assert_eq!(e.mentions.len(), 2, "{es:?}");
    let chars: Vec<char> = text.chars().collect();
    for m in &e.mentions {
        let s: String = chars[m.start..m.end].iter().collect();
        assert_eq!(s, m.text);
    }
    assert_eq!(e.mentions[1].text, "Durand");
}

fn assert_merged(text: &str, lang: Language, full: &str, variant: &str, title: &str) {
    let es = entities(text, lang);
    let e = find(&es, full).unwrap_or_else(|| panic!("{full} not found in {es:?}"));
    assert_eq!(e.label, EntityLabel::Person, "{es:?}");
    assert!(
        e.mentions.iter().any(|m| m.text == variant),
        "{variant} not merged into {full}: {es:?}"
    );
    assert!(
        find(&es, variant).is_none(),
        "{variant} is a second entity: {es:?}"
    );
    for e in &es {
        for m in &e.mentions {
            assert!(!m.text.contains(title), "title {title} kept in {m:?}");
        }
    }
}

#[test]
fn english_title_stripped_and_surname_merged() {
    assert_merged(
        "Steve Witkoff arrived in Cairo on Monday. Mr Witkoff met the mediators.",
        Language::En,
        "Steve Witkoff",
        "Witkoff",
        "Mr",
    );
}

#[test]
fn french_title_stripped_and_surname_merged() {
    assert_merged(
        "Emmanuel Macron s'est rendu à Lyon. M. Macron a déclaré que la France était prête.",
        Language::Fr,
        "Emmanuel Macron",
        "Macron",
        "M.",
    );
}

#[test]
fn spanish_title_stripped_and_surname_merged() {
    assert_merged(
        "Pedro Sánchez viajó a Bruselas el lunes. El presidente Sánchez dijo que el acuerdo era bueno.",
        Language::Es,
        "Pedro Sánchez",
        "Sánchez",
        "presidente",
    );
}

#[test]
fn german_title_stripped_and_surname_merged() {
    assert_merged(
        "Angela Merkel reiste am Montag nach Paris. Frau Merkel sagte, die Lage sei ernst.",
        Language::De,
        "Angela Merkel",
        "Merkel",
        "Frau",
    );
}

#[test]
fn italian_title_stripped_and_surname_merged() {
    assert_merged(
        "Giorgia Meloni è arrivata a Roma. La premier Meloni ha detto che il governo è unito.",
        Language::It,
        "Giorgia Meloni",
        "Meloni",
        "premier",
    );
}

/// The body of the seed article: the lines after the title, without the trailing language
/// names, joined as paragraphs.
fn seed_body(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let languages = ["English", "French", "Spanish", "German", "Italian"];
    let mut body: Vec<&str> = lines.iter().skip(2).copied().collect();
    while body.last().is_some_and(|l| languages.contains(l)) {
        body.pop();
    }
    body.join("\n\n")
}

#[test]
fn seed_article_entities() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("SKIPPED: ../shared not found");
        return;
    };
    let text = seed_body(&raw);
    let es = entities(&text, Language::En);
    let summary: Vec<String> = es
        .iter()
        .map(|e| format!("{:?} {} ×{}", e.label, e.name, e.mentions.len()))
        .collect();
    for name in [
        "Steve Witkoff",
        "Jared Kushner",
        "Khalil al-Hayya",
        "Hassan Rashad",
        "Adam Boehler",
        "Edan Alexander",
    ] {
        let n = es
            .iter()
            .filter(|e| e.name == name && e.label == EntityLabel::Person)
            .count();
        assert_eq!(n, 1, "{name}: {summary:#?}");
    }
    for variant in ["Witkoff", "Kushner", "al-Hayya", "Boehler"] {
        assert!(
            find(&es, variant).is_none(),
            "{variant} not merged: {summary:#?}"
        );
    }
    for name in ["Hamas", "Axios"] {
        assert_eq!(
            find(&es, name).map(|e| e.label),
            Some(EntityLabel::Organisation),
            "{name}: {summary:#?}"
        );
    }
    for name in [
        "Gaza",
        "Egypt",
        "Qatar",
        "Turkey",
        "Israel",
        "Sharm el-Sheikh",
    ] {
        assert_eq!(
            find(&es, name).map(|e| e.label),
            Some(EntityLabel::Location),
            "{name}: {summary:#?}"
        );
    }
    let witkoff = find(&es, "Steve Witkoff").map_or(0, |e| e.mentions.len());
    assert!(witkoff >= 4, "{summary:#?}");
    let chars: Vec<char> = text.chars().collect();
    for e in &es {
        for m in &e.mentions {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
}
