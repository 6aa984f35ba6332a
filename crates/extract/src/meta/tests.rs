//! End-to-end tests of [`super::read`] and [`super::finish`] on small pages in five languages.

use super::*;

fn read_page(html: &str, url: Option<&str>) -> Article {
    let doc = Document::parse_str(html);
    let mut a = Article::default();
    read(&doc, url, &mut a);
    a
}

#[test]
fn english_page_with_json_ld_graph() {
    let a = read_page(
        r##"<html lang="en-GB"><head><title>Big news today | The Planet</title>
        <link rel="canonical" href="/world/2030/10/14/big-news">
        <link rel="alternate" hreflang="fr" href="/fr/monde/grande-nouvelle">
        <link rel="alternate" hreflang="x-default" href="/world/2030/10/14/big-news">
        <meta name="description" content="Talks broke the stalemate after a week of quiet diplomacy in Cairo.">
        <script type="application/ld+json">{"@graph":[
          {"@type":"NewsArticle","headline":"Big news today","datePublished":"2030-10-14T09:30:00Z",
           "dateModified":"2030-10-14T11:00:00+01:00","author":[{"@id":"#anna"},{"@type":"Person","name":"Tom Clarke"}],
           "publisher":{"@type":"Organization","name":"The Planet"}},
          {"@type":"Person","@id":"#anna","name":"Anna Reyes"},
          {"@type":"BreadcrumbList","itemListElement":[
            {"@type":"ListItem","position":1,"name":"Home","item":"https://planet.test/"},
            {"@type":"ListItem","position":2,"name":"World","item":"https://planet.test/world"},
            {"@type":"ListItem","position":3,"name":"Big news today"}]}]}</script></head>
        <body><article><h1>Big news today</h1>
        <p class="standfirst">Talks broke the stalemate after a week of quiet diplomacy in Cairo.</p>
        <p>Body text.</p></article></body></html>"##,
        Some("https://planet.test/world/2030/10/14/big-news?utm=x"),
    );
    assert_eq!(a.title.as_deref(), Some("Big news today"));
    assert_eq!(a.provenance.0.get("title").map(String::as_str), Some("dom"));
    assert_eq!(a.site_name.as_deref(), Some("The Planet"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://planet.test/world/2030/10/14/big-news")
    );
    assert_eq!(a.url, None, "the caller sets the input URL");
    assert_eq!(a.authors, vec!["Anna Reyes", "Tom Clarke"]);
    assert_eq!(a.published.as_deref(), Some("2030-10-14T09:30:00+00:00"));
    assert_eq!(a.modified.as_deref(), Some("2030-10-14T11:00:00+01:00"));
    assert_eq!(a.language, Language::En);
    assert_eq!(a.section, vec!["World"]);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Talks broke the stalemate after a week of quiet diplomacy in Cairo.")
    );
    assert_eq!(a.editions.len(), 1);
    assert_eq!(a.editions[0].language, "fr");
    assert_eq!(
        a.editions[0].url.as_deref(),
        Some("https://planet.test/fr/monde/grande-nouvelle")
    );
    assert_eq!(
        a.provenance.0.get("authors").map(String::as_str),
        Some("json-ld")
    );
}

#[test]
fn french_page_with_meta_tags_and_visible_byline() {
    let a = read_page(
        r#"<html lang="fr"><head><title>Accord trouvé à Bruxelles - Le Quotidien</title>
        <meta property="og:title" content="Accord trouvé à Bruxelles">
        <meta property="og:url" content="https://quotidien.test/europe/accord">
        <meta property="og:description" content="Texte promotionnel qui n'apparaît nulle part dans la page visible.">
        <meta property="article:published_time" content="2030-10-14T08:00:00+02:00">
        <meta property="article:section" content="Europe"></head>
        <body><nav aria-label="Fil d'Ariane breadcrumb"><a href="/">Accueil</a> › <a href="/europe">Europe</a> › <span>Accord trouvé à Bruxelles</span></nav>
        <article><h1>Accord trouvé à Bruxelles</h1>
        <div class="signature">Par Claire Dubois, envoyée spéciale à Bruxelles</div>
        <p>Le texte.</p></article></body></html>"#,
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Accord trouvé à Bruxelles"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://quotidien.test/europe/accord")
    );
    assert_eq!(a.site_name.as_deref(), Some("Le Quotidien"));
    assert_eq!(
        a.provenance.0.get("site_name").map(String::as_str),
        Some("title-tag")
    );
    assert_eq!(a.authors, vec!["Claire Dubois"]);
    assert_eq!(
        a.provenance.0.get("authors").map(String::as_str),
        Some("byline")
    );
    assert_eq!(a.published.as_deref(), Some("2030-10-14T08:00:00+02:00"));
    assert_eq!(
        a.provenance.0.get("published").map(String::as_str),
        Some("opengraph")
    );
    assert_eq!(a.section, vec!["Europe"]);
    assert_eq!(
        a.standfirst, None,
        "an invisible og:description is not a standfirst"
    );
    assert_eq!(a.language, Language::Fr);
}

#[test]
fn spanish_page_with_visible_date_and_switcher() {
    let a = read_page(
        r#"<html><head><meta http-equiv="content-language" content="es-ES"><title>El Diario: Cierran el puente viejo</title>
        <meta name="application-name" content="El Diario"></head><body>
        <ul class="lang-switcher"><li><a href="/es/puente" aria-current="page">ES</a></li><li><a href="/en/bridge">EN</a></li><li><a href="/ca/pont">Català</a></li></ul>
        <article><header><h1>Cierran el puente viejo</h1><h2>El ayuntamiento alega grietas en dos de sus pilares centrales.</h2></header>
        <p class="autor">Por Lucía Ferrer | Madrid</p><p class="fecha">14 de octubre de 2030, 09:30</p>
        <p>Texto.</p></article></body></html>"#,
        Some("https://diario.test/es/puente"),
    );
    assert_eq!(a.title.as_deref(), Some("Cierran el puente viejo"));
    assert_eq!(a.site_name.as_deref(), Some("El Diario"));
    assert_eq!(a.authors, vec!["Lucía Ferrer"]);
    assert_eq!(a.published.as_deref(), Some("2030-10-14T09:30:00"));
    assert_eq!(
        a.standfirst.as_deref(),
        Some("El ayuntamiento alega grietas en dos de sus pilares centrales.")
    );
    assert_eq!(a.language, Language::Es);
    let eds: Vec<_> = a
        .editions
        .iter()
        .map(|e| (e.language.as_str(), e.url.as_deref()))
        .collect();
    assert_eq!(eds, vec![("en", Some("https://diario.test/en/bridge"))]);
}

#[test]
fn german_page_with_microdata() {
    let a = read_page(
        r#"<html lang="de-DE"><head><title>Brücke gesperrt – Die Zeitung</title></head><body>
        <ol class="breadcrumb" itemscope itemtype="https://schema.org/BreadcrumbList">
          <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/"><span itemprop="name">Startseite</span></a></li>
          <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/politik"><span itemprop="name">Politik</span></a></li>
          <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/politik/berlin"><span itemprop="name">Berlin</span></a></li></ol>
        <article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Brücke gesperrt</h1>
        <p class="dachzeile">Von <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jonas Weber</span></span>
        und <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Lena Vogt</span></span>, Berlin</p>
        <meta itemprop="datePublished" content="2030-10-14"><time class="updated" datetime="2030-10-15T10:00:00">15.10.2030</time>
        <p>Text.</p></article></body></html>"#,
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Brücke gesperrt"));
    assert_eq!(a.site_name.as_deref(), Some("Die Zeitung"));
    assert_eq!(a.authors, vec!["Jonas Weber", "Lena Vogt"]);
    assert_eq!(
        a.provenance.0.get("authors").map(String::as_str),
        Some("microdata")
    );
    assert_eq!(a.published.as_deref(), Some("2030-10-14"));
    assert_eq!(a.modified.as_deref(), Some("2030-10-15T10:00:00"));
    assert_eq!(a.section, vec!["Politik", "Berlin"]);
    assert_eq!(
        a.provenance.0.get("section").map(String::as_str),
        Some("microdata")
    );
    assert_eq!(a.language, Language::De);
}

#[test]
fn italian_page_with_byline_text_and_url_date() {
    let a = read_page(
        r#"<html lang="it"><head><title>Chiuso il ponte · La Gazzetta</title>
        <meta property="og:site_name" content="La Gazzetta"><meta name="author" content="Redazione"></head><body>
        <main><h1>Chiuso il ponte</h1><p>di Giulia Romano</p><p>Il testo dell'articolo.</p></main></body></html>"#,
        Some("https://gazzetta.test/cronaca/2030/10/14/chiuso-il-ponte"),
    );
    assert_eq!(a.title.as_deref(), Some("Chiuso il ponte"));
    assert_eq!(a.site_name.as_deref(), Some("La Gazzetta"));
    assert_eq!(
        a.authors,
        vec!["Giulia Romano"],
        "Redazione is not a person"
    );
    assert_eq!(a.published.as_deref(), Some("2030-10-14"));
    assert_eq!(
        a.provenance.0.get("published").map(String::as_str),
        Some("url")
    );
    assert_eq!(a.language, Language::It);
}

#[test]
fn finish_drops_a_standfirst_that_repeats_the_first_paragraph() {
    let html = r#"<html><head><meta name="description" content="The council voted on Tuesday to close the old bridge to traffic."></head>
        <body><h1>Bridge closed</h1><p>The council voted on Tuesday to close the old bridge to traffic.</p><p>More.</p></body></html>"#;
    let doc = Document::parse_str(html);
    let mut a = Article::default();
    read(&doc, None, &mut a);
    assert!(a.standfirst.is_some());
    a.text = "The council voted on Tuesday to close the old bridge to traffic.\n\nMore.".into();
    finish(&doc, &mut a);
    assert_eq!(a.standfirst, None);
    assert!(!a.provenance.0.contains_key("standfirst"));
}

#[test]
fn finish_keeps_a_marked_dek_and_takes_it_out_of_the_body() {
    let html = r#"<header><h1>Titolo</h1><p class="td-post-sub-title">Terzo rialzo dell’anno, decideranno i dati.</p></header>"#;
    let doc = Document::parse_str(html);
    let mut a = Article::default();
    read(&doc, None, &mut a);
    a.text = "Terzo rialzo dell’anno, decideranno i dati.\n\nIl primo paragrafo.".into();
    finish(&doc, &mut a);
    assert_eq!(
        a.standfirst.as_deref(),
        Some("Terzo rialzo dell’anno, decideranno i dati.")
    );
    assert_eq!(a.text, "Il primo paragrafo.");
}

#[test]
fn breadcrumb_marked_by_a_path_class_with_you_are_here() {
    let a = read_page(
        r#"<title>Streik im Hafen - Weser-Bote</title><table><tr><td class="pfad">Sie sind hier: <a href="/">Startseite</a> &gt; <a href="/wirtschaft.html">Wirtschaft</a> &gt; Häfen</td></tr></table><h1>Streik im Hafen</h1>"#,
        None,
    );
    assert_eq!(a.section, vec!["Wirtschaft", "Häfen"]);
}

#[test]
fn finish_reads_a_byline_from_the_first_line() {
    let doc = Document::parse_str("<h1>Titre</h1>");
    let mut a = Article::default();
    read(&doc, None, &mut a);
    a.text = "Par Claire Dubois et Jean Martin\n\nLe texte de l'article.".into();
    finish(&doc, &mut a);
    assert_eq!(a.authors, vec!["Claire Dubois", "Jean Martin"]);
}

#[test]
fn broken_json_ld_is_a_warning_not_a_failure() {
    let a = read_page(
        r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><h1>Ok</h1>"#,
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Ok"));
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn empty_document_reads_nothing() {
    let a = read_page("", None);
    assert_eq!(a, Article::default());
}
