use super::*;
use newsloom_model::Language;

fn sources(text: &str, lang: Language) -> Vec<Source> {
    let doc = TextDoc::new(text, lang);
    find(&doc, &[])
}

#[test]
fn english_according_to_outlet_citing_sources() {
    let s = sources(
        "The talks broke the stalemate, according to US news outlet Axios, which cited three sources familiar with the matter.",
        Language::En,
    );
    assert_eq!(s[0].name, "Axios");
    assert_eq!(s[0].kind, SourceKind::Outlet);
    assert_eq!(s[0].cites, vec!["three sources familiar with the matter"]);
    assert!(s[0].text.starts_with("according to US news outlet Axios"));
}

#[test]
fn english_outlet_reported_citing_executives() {
    let s = sources(
        "The company will cut 500 jobs, the Financial Times reported, citing two executives.",
        Language::En,
    );
    assert_eq!(s[0].name, "Financial Times");
    assert_eq!(s[0].kind, SourceKind::Outlet);
    assert_eq!(s[0].cites, vec!["two executives"]);
}

#[test]
fn english_spokesperson_told_the_herald() {
    let s = sources(
        "A spokesperson told the Herald the plan was dropped.",
        Language::En,
    );
    assert_eq!(s[0].name, "Herald");
    assert_eq!(s[0].kind, SourceKind::Outlet);
}

#[test]
fn english_one_source_quoted_is_anonymous() {
    let s = sources(
        "\u{201c}We will,\u{201d} one source quoted Witkoff as telling al-Hayya.",
        Language::En,
    );
    assert_eq!(s[0].kind, SourceKind::Anonymous);
    assert_eq!(s[0].name, "one source");
}

#[test]
fn french_selon_le_quotidien_qui_cite_un_rapport() {
    let s = sources(
        "Le projet est abandonné, selon le quotidien Le Monde, qui cite un rapport interne.",
        Language::Fr,
    );
    assert_eq!(s[0].name, "Le Monde");
    assert_eq!(s[0].kind, SourceKind::Outlet);
    assert_eq!(s[0].cites, vec!["un rapport interne"]);
}

#[test]
fn spanish_fuentes_citadas_por_la_agencia() {
    let s = sources(
        "El acuerdo se firmará el lunes, según fuentes del departamento citadas por la agencia EFE.",
        Language::Es,
    );
    assert_eq!(s[0].name, "EFE");
    assert_eq!(s[0].kind, SourceKind::Agency);
    assert_eq!(s[0].cites, vec!["fuentes del departamento"]);
}

#[test]
fn german_wie_der_sender_unter_berufung_auf_kreise() {
    let s = sources(
        "Der Konzern plant den Verkauf, wie der Sender Bloomberg TV unter Berufung auf Unternehmenskreise berichtete.",
        Language::De,
    );
    assert_eq!(s[0].name, "Bloomberg TV");
    assert_eq!(s[0].kind, SourceKind::Outlet);
    assert_eq!(s[0].cites, vec!["Unternehmenskreise"]);
    assert!(s[0].text.ends_with("berichtete"));
}

#[test]
fn italian_secondo_quanto_riportato_da_che_cita_fonti() {
    let s = sources(
        "Il cantiere riaprirà a maggio, secondo quanto riportato da Repubblica, che cita fonti del Comune.",
        Language::It,
    );
    assert_eq!(s[0].name, "Repubblica");
    assert_eq!(s[0].kind, SourceKind::Outlet);
    assert_eq!(s[0].cites, vec!["fonti del Comune"]);
}

#[test]
fn kinds_from_vocabulary() {
    let s = sources("Prices rose, according to Reuters.", Language::En);
    assert_eq!(s[0].kind, SourceKind::Agency);
    let s = sources(
        "Prices rose, according to a report by the central bank.",
        Language::En,
    );
    assert_eq!(s[0].kind, SourceKind::Document);
    let s = sources("Laut Polizei wurden drei Menschen verletzt.", Language::De);
    assert_eq!(s[0].kind, SourceKind::Official);
    let s = sources("Secondo l'agenzia ANSA, il voto è rinviato.", Language::It);
    assert_eq!(s[0].kind, SourceKind::Agency);
    assert_eq!(s[0].name, "ANSA");
}

#[test]
fn no_source_in_plain_text() {
    assert!(sources("The council met on Tuesday in Lyon.", Language::En).is_empty());
}
