use super::*;

fn toks(text: &str, lang: Language) -> Vec<String> {
    let d = TextDoc::new(text, lang);
    (0..d.tokens.len())
        .map(|i| d.token_text(i).to_string())
        .collect()
}

fn sents(text: &str, lang: Language) -> Vec<String> {
    let d = TextDoc::new(text, lang);
    d.sentences
        .iter()
        .map(|s| text[s.bytes.clone()].to_string())
        .collect()
}

#[test]
fn splits_punctuation_and_keeps_names() {
    assert_eq!(
        toks(
            "Hamas's lead negotiator Khalil al-Hayya, in Sharm el-Sheikh.",
            Language::En
        ),
        vec![
            "Hamas",
            "'s",
            "lead",
            "negotiator",
            "Khalil",
            "al-Hayya",
            ",",
            "in",
            "Sharm",
            "el-Sheikh",
            "."
        ]
    );
}

#[test]
fn elisions_split_in_french_and_italian() {
    assert_eq!(
        toks("l'assessora dell'Unione", Language::It),
        vec!["l'", "assessora", "dell'", "Unione"]
    );
    assert_eq!(
        toks("d’après l’AFP", Language::Fr),
        vec!["d’", "après", "l’", "AFP"]
    );
}

#[test]
fn numbers_keep_separators() {
    assert_eq!(
        toks("almost 2,000 at 3,5 % on 1.300", Language::En),
        vec!["almost", "2,000", "at", "3,5", "%", "on", "1.300"]
    );
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    assert_eq!(
        sents("Mr. Witkoff met J. Kushner. Then they left.", Language::En).len(),
        2
    );
    assert_eq!(
        sents(
            "M. Dupont et Mme Durand sont venus. Ils sont partis.",
            Language::Fr
        )
        .len(),
        2
    );
    assert_eq!(
        sents("La Sra. Ferrer habló. Después se fue.", Language::Es).len(),
        2
    );
    assert_eq!(
        sents("Das gilt z. B. für Berlin. Danach nicht.", Language::De).len(),
        2
    );
    assert_eq!(
        sents("Il dott. Rossi è arrivato. Poi è partito.", Language::It).len(),
        2
    );
}

#[test]
fn german_ordinal_dates_are_not_boundaries() {
    assert_eq!(
        sents("Am 3. Februar kam er. Dann ging er.", Language::De).len(),
        2
    );
}

#[test]
fn closing_quotes_stay_with_their_sentence() {
    let s = sents("He said: \"We have a deal.\" Then he left.", Language::En);
    assert_eq!(s, vec!["He said: \"We have a deal.\"", "Then he left."]);
}

#[test]
fn paragraphs_are_boundaries() {
    let s = sents(
        "A title without stop\n\nThe body starts here.",
        Language::En,
    );
    assert_eq!(s.len(), 2);
    let d = TextDoc::new(
        "A title without stop\n\nThe body starts here.",
        Language::En,
    );
    assert_eq!(d.sentences[1].paragraph, 1);
}

#[test]
fn char_offsets_count_scalar_values() {
    let d = TextDoc::new("Ça va. Très bien.", Language::Fr);
    let t = d.tokens[3];
    assert_eq!(d.token_text(3), "Très");
    assert_eq!(d.char_span(t.start..t.end), (7, 11));
}
