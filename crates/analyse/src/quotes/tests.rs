use super::*;
use newsloom_model::Language;

fn quotes(text: &str, lang: Language) -> Vec<Quote> {
    let doc = TextDoc::new(text, lang);
    find(&doc, &[])
}

fn direct(text: &str, lang: Language) -> Vec<Quote> {
    quotes(text, lang)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect()
}

fn pair(q: &Quote) -> (&str, Option<&str>) {
    (q.text.as_str(), q.speaker.as_deref())
}

#[test]
fn english_curly_quote_said_after() {
    let q = direct(
        "\u{201c}We have a deal,\u{201d} said Egyptian spymaster Hassan Rashad.",
        Language::En,
    );
    assert_eq!(pair(&q[0]), ("We have a deal", Some("Hassan Rashad")));
    assert_eq!(q[0].cue.as_deref(), Some("said"));
}

#[test]
fn english_straight_quote_speaker_before_with_colon() {
    let q = direct(
        "Mayor Jane Doe said: \"The bridge will reopen in May.\"",
        Language::En,
    );
    assert_eq!(
        pair(&q[0]),
        ("The bridge will reopen in May.", Some("Jane Doe"))
    );
}

#[test]
fn english_single_quotes_and_nested() {
    let q = direct(
        "'He told me \"never again\", and I believed him,' said Tom Hardy.",
        Language::En,
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.as_deref(), Some("Tom Hardy"));
}

#[test]
fn english_pronoun_resolves_to_earlier_speaker() {
    let q = direct(
        "\u{201c}It is over,\u{201d} said Steve Witkoff. The talks resumed on Monday.\n\n\u{201c}We are ready,\u{201d} he added.",
        Language::En,
    );
    assert_eq!(pair(&q[1]), ("We are ready", Some("Steve Witkoff")));
}

#[test]
fn english_pronoun_agrees_in_gender() {
    let q = direct(
        "Mrs Jones arrived first. Mr Smith arrived later. \u{201c}It went well,\u{201d} she said.",
        Language::En,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Jones"));
}

#[test]
fn english_scare_quotes_are_not_speech() {
    assert!(direct(
        "Kushner, Witkoff 'met directly with Hamas' to seal Gaza truce deal",
        Language::En
    )
    .is_empty());
    assert!(direct(
        "The film \u{201c}Cold War\u{201d} opened in Paris.",
        Language::En
    )
    .is_empty());
}

#[test]
fn english_no_speaker_in_text_gives_none() {
    let q = direct(
        "The streets were empty.\n\n\u{201c}Nobody knows what will happen next, and nobody is asking either.\u{201d}",
        Language::En,
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker, None);
}

#[test]
fn quote_spanning_paragraphs() {
    let text = "Doe said: \u{201c}The first part of the statement goes here.\n\n\u{201c}And the second part ends here.\u{201d}";
    let q = direct(text, Language::En);
    assert_eq!(q.len(), 1);
    assert!(q[0].text.starts_with("The first part"));
    assert!(q[0].text.ends_with("ends here."));
    assert_eq!(q[0].speaker.as_deref(), Some("Doe"));
}

#[test]
fn french_guillemets_inverted_pronoun() {
    let q = direct(
        "La ministre Élisabeth Borne a visité l'usine. « Nous tiendrons nos engagements », a-t-elle affirmé.",
        Language::Fr,
    );
    assert_eq!(
        pair(&q[0]),
        ("Nous tiendrons nos engagements", Some("Élisabeth Borne"))
    );
    assert_eq!(q[0].cue.as_deref(), Some("a-t-elle affirmé"));
}

#[test]
fn french_partial_quote_inside_sentence() {
    let q = direct(
        "Le projet a un coût « largement sous-estimé », selon la Cour des comptes.",
        Language::Fr,
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "largement sous-estimé");
    assert_eq!(q[0].cue.as_deref(), Some("selon"));
    assert!(q[0]
        .speaker
        .as_deref()
        .is_some_and(|s| s.starts_with("Cour")));
}

#[test]
fn spanish_speaker_after_with_role() {
    let q = direct(
        "«Vamos a reforzar la atención primaria», dijo la consejera Lucía Ferrer.",
        Language::Es,
    );
    assert_eq!(
        pair(&q[0]),
        (
            "Vamos a reforzar la atención primaria",
            Some("Lucía Ferrer")
        )
    );
}

#[test]
fn german_low_high_quotes_and_so() {
    let q = direct(
        "\u{201e}Das war keine Reaktion auf einen Angriff\u{201c}, sagte Müller am Montag.",
        Language::De,
    );
    assert_eq!(
        pair(&q[0]),
        ("Das war keine Reaktion auf einen Angriff", Some("Müller"))
    );
    let q = direct(
        "Die Soldaten hätten \u{201e}unschuldige Zivilisten kaltblütig getötet\u{201c}, so Murtha.",
        Language::De,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Murtha"));
}

#[test]
fn german_chevrons_and_verb_second() {
    let q = direct(
        "Dazu sagte Filep Karma: »Ich werde im Gefängnis gehalten.«",
        Language::De,
    );
    assert_eq!(
        pair(&q[0]),
        ("Ich werde im Gefängnis gehalten.", Some("Filep Karma"))
    );
}

#[test]
fn german_single_guillemets() {
    let q = direct(
        "Die Sprecherin Anna Weber erklärte: ‹Wir prüfen den Fall sorgfältig.›",
        Language::De,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Anna Weber"));
}

#[test]
fn italian_ha_detto_and_pronoun() {
    let q = direct(
        "Il sindaco Roberto Gualtieri è arrivato alle nove. «Il cantiere riaprirà a maggio», ha detto. «Lo garantisco io», ha aggiunto lui.",
        Language::It,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Roberto Gualtieri"));
    assert_eq!(q[1].speaker.as_deref(), Some("Roberto Gualtieri"));
}

#[test]
fn indirect_speech_in_five_languages() {
    let cases = [
        (
            "The minister Paul Adams said that the plan would fail next year.",
            Language::En,
            "Paul Adams",
        ),
        (
            "Le ministre Gérald Martin a déclaré que le projet serait abandonné.",
            Language::Fr,
            "Gérald Martin",
        ),
        (
            "La ministra Ana López dijo que el plan fracasará pronto.",
            Language::Es,
            "Ana López",
        ),
        (
            "Der Staatsanwalt sagte, der Sohn habe sich selbst stranguliert.",
            Language::De,
            "Der Staatsanwalt",
        ),
        (
            "Il ministro Carlo Rossi ha detto che il piano fallirà presto.",
            Language::It,
            "Carlo Rossi",
        ),
    ];
    for (text, lang, speaker) in cases {
        let q = quotes(text, lang.clone());
        let ind: Vec<&Quote> = q.iter().filter(|q| q.kind == QuoteKind::Indirect).collect();
        assert_eq!(ind.len(), 1, "{text}");
        assert_eq!(ind[0].speaker.as_deref(), Some(speaker), "{text}");
    }
}

#[test]
fn offsets_are_characters_of_the_quoted_words() {
    let text = "« Ça coûte très cher », a dit Zoé Dupont.";
    let q = direct(text, Language::Fr);
    let s: String = text
        .chars()
        .skip(q[0].start)
        .take(q[0].end - q[0].start)
        .collect();
    assert_eq!(s, q[0].text);
}

#[test]
fn speaker_entity_from_entities() {
    use newsloom_model::{EntityLabel, Mention};
    let text = "\u{201c}It is over,\u{201d} said Witkoff.";
    let doc = TextDoc::new(text, Language::En);
    let entities = vec![Entity {
        name: "Steve Witkoff".into(),
        label: EntityLabel::Person,
        mentions: vec![Mention {
            start: 20,
            end: 27,
            text: "Witkoff".into(),
        }],
    }];
    let q = find(&doc, &entities);
    assert_eq!(q[0].speaker.as_deref(), Some("Witkoff"));
    assert_eq!(q[0].speaker_entity.as_deref(), Some("Steve Witkoff"));
}

#[test]
fn german_single_capitalised_word_is_a_term_not_a_quote() {
    let q = direct(
        "Der Sprecher sagte, der PCF vertrete Positionen in der Tradition des \u{201e}Eurokommunismus\u{201c}.",
        Language::De,
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn german_single_word_after_naming_verb_stays_a_quote() {
    let q = direct(
        "Modder nannte die Absage einen \u{201e}Vertrauensbruch\u{201c}.",
        Language::De,
    );
    assert_eq!(pair(&q[0]), ("Vertrauensbruch", Some("Modder")));
}

#[test]
fn name_in_quotes_covered_by_an_entity_is_no_quote() {
    let text =
        "Der Minister sagte im Gespr\u{e4}ch mit \u{201e}radio eins\u{201c}, die Lage sei ernst.";
    let doc = TextDoc::new(text, Language::De);
    let without = find(&doc, &[]);
    assert!(
        without.iter().any(|q| q.kind == QuoteKind::Direct),
        "{without:?}"
    );
    let start = text[..text.find("radio eins").unwrap_or(0)].chars().count();
    let entity = Entity {
        name: "radio eins".into(),
        label: newsloom_model::EntityLabel::Organisation,
        mentions: vec![newsloom_model::Mention {
            start,
            end: start + "radio eins".chars().count(),
            text: "radio eins".into(),
        }],
    };
    let with = find(&doc, std::slice::from_ref(&entity));
    assert!(with.iter().all(|q| q.kind != QuoteKind::Direct), "{with:?}");
}

#[test]
fn german_naming_verb_object_is_not_the_speaker() {
    let q = direct(
        "RTL-Chefin Anke Sch\u{e4}ferkordt nannte diese Zahlen \u{201e}aus der Luft gegriffen\u{201c}.",
        Language::De,
    );
    let speaker = q[0].speaker.as_deref().unwrap_or("");
    assert!(speaker.contains("Anke Sch\u{e4}ferkordt"), "{q:?}");
}

#[test]
fn german_name_after_preposition_is_not_the_speaker() {
    let q = direct(
        "\u{201e}Die Regel ist doch eindeutig, das muss man so sehen\u{201c}, sagte Schalkes Trainer Felix Magath zur Sportschau.",
        Language::De,
    );
    let speaker = q[0].speaker.as_deref().unwrap_or("");
    assert!(speaker.contains("Felix Magath"), "{q:?}");
}

#[test]
fn german_apposition_with_lower_case_words() {
    let q = direct(
        "Halima Jouini, Vorstandsmitglied der tunesischen Menschenrechtsliga, sagte dazu gegen\u{fc}ber der ARD: \u{201e}Frauen haben sich gegen den Extremismus gestellt.\u{201c}",
        Language::De,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("Halima Jouini"));
}

#[test]
fn german_colon_without_verb_takes_the_phrase_before_it() {
    let q = direct(
        "Ein Beamter der Nationalpolizei: \u{201e}Hier wei\u{df} man, wer die Kriminellen sind und wo sie wohnen.\u{201c}",
        Language::De,
    );
    let speaker = q[0].speaker.as_deref().unwrap_or("");
    assert!(speaker.contains("Beamter"), "{q:?}");
}

#[test]
fn english_short_quote_after_naming_verb_is_kept_with_its_subject() {
    let q = direct(
        "Mary Cross called the general election \u{201c}a citizenship election\u{201d} on Monday.",
        Language::En,
    );
    assert_eq!(pair(&q[0]), ("a citizenship election", Some("Mary Cross")));
}

#[test]
fn english_short_scare_quote_without_naming_verb_is_dropped() {
    let q = direct(
        "The so-called \u{201c}big tent\u{201d} approach has a long history.",
        Language::En,
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn english_quote_opening_a_paragraph_continues_the_previous_speaker() {
    let q = direct(
        "\u{201c}We will win this state,\u{201d} Senator Maria Lopez said.\n\n\u{201c}We will win it big and we will win it soon, believe me.\u{201d}",
        Language::En,
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].speaker.as_deref(), Some("Maria Lopez"));
}

#[test]
fn german_dative_object_after_the_verb_is_no_speaker() {
    let q = direct(
        "Tourmanager Peter Schmidt sagte der Fachzeitschrift: „Es war eine lange Tour, aber vor allem eine gute.“",
        Language::De,
    );
    assert!(q[0]
        .speaker
        .as_deref()
        .is_some_and(|s| s.ends_with("Peter Schmidt")));
    let q = direct(
        "Die Sängerin Anna Berg sagte dem Magazin: „Wir haben lange an dem Album gearbeitet.“",
        Language::De,
    );
    assert!(q[0]
        .speaker
        .as_deref()
        .is_some_and(|s| s.ends_with("Anna Berg")));
}

#[test]
fn german_impersonal_attribution_names_the_document() {
    let q = direct(
        "Der Verband schrieb an die Behörden. „Wir fordern eine sofortige Prüfung aller Fälle“, heißt es in dem Schreiben des Verbands.",
        Language::De,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("dem Schreiben des Verbands"));
    let q = direct(
        "In dem Antrag heißt es wörtlich: „Die Regelung ist mit sofortiger Wirkung aufzuheben.“",
        Language::De,
    );
    assert_eq!(q[0].speaker.as_deref(), Some("dem Antrag"));
}
