//! Plain-text dumps of pages: one line per block, chrome lines around the article.
//!
//! *What it does*: drops chrome lines ("Breadcrumb", "Skip to content", "Share",
//! "Advertisement", short navigation labels before the headline), takes the headline (the first
//! substantial line that is not a sentence paragraph, or a Markdown `# Title`), reads a byline
//! and a date right under it, turns a trailing (or leading) list of language names into
//! `editions`, guesses the body's language from stop words, and keeps every other line as a
//! paragraph. Windows line endings, blank-line-separated and hard-wrapped paragraphs, and
//! Markdown-ish dumps are handled.
//! *Why*: some sources only give the text of a page, with its menus flattened into lines.
//! *Example*:
//!
//! ```
//! use newsloom_extract::{textdump, Config};
//! let dump = "Home\nShare\nTalks resume in Geneva after a week of silence\n\
//!   The talks resumed on Monday, officials said, after the delegations returned to the city.\n\
//!   Both sides said they expected a long week of negotiations in the Swiss city.\nEnglish\nFrançais";
//! let article = textdump::extract(dump, &Config::default());
//! assert_eq!(article.title.as_deref(), Some("Talks resume in Geneva after a week of silence"));
//! assert_eq!(article.paragraphs().count(), 2);
//! assert_eq!(article.language.code(), "en");
//! assert_eq!(article.editions.len(), 1);
//! assert_eq!(article.editions[0].language, "fr");
//! ```

use crate::meta::{byline, dates};
use crate::Config;
use newsloom_model::{Article, Edition, Language};

/// Thresholds of text-dump reading.
#[derive(Debug, Clone, Copy)]
pub struct TextDumpConfig {
    /// A line at least this long (chars) is substantial enough to be the headline.
    pub min_title_chars: usize,
    /// A line with at least this many words is substantial enough to be the headline.
    pub min_title_words: usize,
    /// Longest headline, in characters.
    pub max_title_chars: usize,
    /// Longest headline, in words.
    pub max_title_words: usize,
    /// A line this long (chars) or more that ends a sentence is a paragraph.
    pub min_paragraph_chars: usize,
    /// Lines this long or more are checked for hard wrapping in blank-line-separated dumps.
    pub min_wrapped_line_chars: usize,
    /// Longest line in a dump that may be hard-wrapped.
    pub max_wrap_width: usize,
    /// Lines under the headline examined for a byline or a date.
    pub max_meta_lines: usize,
    /// Longest byline or date line, in characters.
    pub max_meta_line_chars: usize,
    /// Fewest stop-word hits to name the body's language.
    pub min_stopword_hits: usize,
    /// Words of the body read for language guessing.
    pub max_language_words: usize,
}

impl TextDumpConfig {
    /// Defaults.
    pub const DEFAULT: TextDumpConfig = TextDumpConfig {
        min_title_chars: 20,
        min_title_words: 4,
        max_title_chars: 250,
        max_title_words: 35,
        min_paragraph_chars: 60,
        min_wrapped_line_chars: 40,
        max_wrap_width: 100,
        max_meta_lines: 4,
        max_meta_line_chars: 120,
        min_stopword_hits: 3,
        max_language_words: 3000,
    };
}

impl Default for TextDumpConfig {
    fn default() -> Self {
        TextDumpConfig::DEFAULT
    }
}

/// Lines that are page chrome, not content, per language (lower-case, compared whole).
pub mod chrome {
    /// English.
    pub const EN: &[&str] = &[
        "breadcrumb",
        "breadcrumbs",
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "menu",
        "main menu",
        "navigation",
        "toggle navigation",
        "home",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "share on whatsapp",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "email",
        "e-mail",
        "print",
        "copy link",
        "link copied",
        "advertisement",
        "advertising",
        "ad",
        "sponsored",
        "subscribe",
        "sign in",
        "sign up",
        "log in",
        "login",
        "register",
        "search",
        "close",
        "newsletter",
        "follow us",
        "read more",
        "related",
        "related articles",
        "related stories",
        "more",
        "more stories",
        "comments",
        "back to top",
        "cookie settings",
        "listen",
        "listen to this article",
        "save",
        "bookmark",
        "top stories",
        "trending",
        "loading",
        "watch",
        "gift this article",
        "language",
        "languages",
        "select language",
    ];
    /// French.
    pub const FR: &[&str] = &[
        "fil d'ariane",
        "aller au contenu",
        "aller au contenu principal",
        "accueil",
        "partager",
        "partager sur facebook",
        "partager sur twitter",
        "publicité",
        "s'abonner",
        "abonnez-vous",
        "se connecter",
        "connexion",
        "rechercher",
        "recherche",
        "fermer",
        "lire aussi",
        "lire la suite",
        "à lire aussi",
        "commentaires",
        "imprimer",
        "suivez-nous",
        "écouter",
        "sauvegarder",
        "langue",
        "langues",
    ];
    /// Spanish.
    pub const ES: &[&str] = &[
        "miga de pan",
        "ir al contenido",
        "saltar al contenido",
        "inicio",
        "portada",
        "compartir",
        "publicidad",
        "suscríbete",
        "suscribirse",
        "iniciar sesión",
        "buscar",
        "cerrar",
        "leer más",
        "lee también",
        "comentarios",
        "imprimir",
        "síguenos",
        "escuchar",
        "guardar",
        "menú",
        "idioma",
        "idiomas",
    ];
    /// German.
    pub const DE: &[&str] = &[
        "brotkrumen",
        "brotkrümelnavigation",
        "zum inhalt springen",
        "zum hauptinhalt springen",
        "startseite",
        "teilen",
        "anzeige",
        "werbung",
        "abonnieren",
        "anmelden",
        "einloggen",
        "suche",
        "suchen",
        "schließen",
        "mehr zum thema",
        "lesen sie auch",
        "kommentare",
        "drucken",
        "folgen sie uns",
        "vorlesen",
        "merken",
        "sprache",
        "sprachen",
    ];
    /// Italian.
    pub const IT: &[&str] = &[
        "briciole di pane",
        "vai al contenuto",
        "salta al contenuto",
        "home page",
        "condividi",
        "pubblicità",
        "abbonati",
        "accedi",
        "cerca",
        "chiudi",
        "leggi anche",
        "leggi di più",
        "commenti",
        "stampa",
        "seguici",
        "ascolta",
        "salva",
        "lingua",
        "lingue",
    ];
    /// All languages.
    pub const ALL: &[&[&str]] = &[EN, FR, ES, DE, IT];
}

/// Frequent function words per language, for guessing the body's language.
pub mod stopwords {
    /// English.
    pub const EN: &[&str] = &[
        "the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as", "by", "he",
        "it", "his", "had", "from", "which", "would", "said", "have", "has", "were", "been",
        "this", "after", "their", "they", "will",
    ];
    /// French.
    pub const FR: &[&str] = &[
        "le", "la", "les", "des", "et", "du", "un", "une", "est", "dans", "pour", "que", "qui",
        "sur", "pas", "au", "aux", "avec", "ce", "il", "elle", "ont", "été", "mais", "par", "ses",
    ];
    /// Spanish.
    pub const ES: &[&str] = &[
        "el", "la", "los", "las", "del", "y", "en", "que", "por", "con", "una", "para", "es", "se",
        "su", "al", "lo", "como", "más", "pero", "fue", "ha", "sus", "este",
    ];
    /// German.
    pub const DE: &[&str] = &[
        "der", "die", "das", "und", "den", "dem", "ist", "nicht", "mit", "von", "sich", "auf",
        "für", "ein", "eine", "zu", "im", "des", "auch", "wurde", "hat", "sie", "nach", "bei",
    ];
    /// Italian.
    pub const IT: &[&str] = &[
        "il", "lo", "gli", "le", "di", "che", "e", "del", "della", "per", "con", "non", "una",
        "sono", "è", "nel", "alla", "ha", "anche", "più", "dei", "delle", "al", "si",
    ];
    /// The lists with their languages.
    pub fn all() -> [(newsloom_model::Language, &'static [&'static str]); 5] {
        use newsloom_model::Language;
        [
            (Language::En, EN),
            (Language::Fr, FR),
            (Language::Es, ES),
            (Language::De, DE),
            (Language::It, IT),
        ]
    }
}

/// Extracts an article from a plain-text dump.
pub fn extract(text: &str, config: &Config) -> Article {
    let _ = config; // The dump thresholds live in `TextDumpConfig` (defaults).
    extract_with(text, &TextDumpConfig::DEFAULT)
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Content,
    Chrome,
    LanguageName,
}

/// One logical line of the dump.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Markdown heading level (`# Title` → 1), 0 otherwise.
    heading: u8,
    kind: Kind,
}

/// [`extract`] with explicit thresholds.
pub fn extract_with(text: &str, cfg: &TextDumpConfig) -> Article {
    let lines = split_lines(text, cfg);
    let mut article = Article::default();

    // Trailing chrome and language list.
    let mut end = lines.len();
    while end > 0 && lines[end - 1].kind != Kind::Content {
        end -= 1;
    }
    // The headline.
    let mut start = 0;
    let title_at = find_title(&lines[..end], cfg);
    let mut leading_languages = Vec::new();
    if let Some(t) = title_at {
        for line in &lines[..t] {
            if line.kind == Kind::LanguageName {
                leading_languages.push(line);
            }
        }
        article.title = Some(lines[t].text.clone());
        article.provenance.set("title", "text");
        start = t + 1;
    } else {
        while start < end && lines[start].kind != Kind::Content {
            start += 1;
        }
    }
    // Byline and date right under the headline.
    let mut k = start;
    while k < end && k < start + cfg.max_meta_lines {
        let line = &lines[k];
        if line.kind != Kind::Content {
            k += 1;
            continue;
        }
        if line.text.chars().count() > cfg.max_meta_line_chars {
            break;
        }
        let names = byline::parse(&line.text, true, None, &byline::BylineConfig::DEFAULT);
        let date = dates::parse(&line.text, &dates::DateConfig::DEFAULT)
            .filter(|_| is_date_line(&line.text));
        if !names.is_empty() && article.authors.is_empty() {
            article.authors = names;
            article.provenance.set("authors", "byline");
            if let Some(d) = dates::find_written(&line.text, &dates::DateConfig::DEFAULT) {
                article.published.get_or_insert(d.to_iso());
                article.provenance.set("published", "text");
            }
        } else if let Some(d) = date.filter(|_| article.published.is_none()) {
            article.published = Some(d.to_iso());
            article.provenance.set("published", "text");
        } else {
            break;
        }
        k += 1;
    }
    start = k;

    let body: Vec<&str> = lines[start.min(end)..end]
        .iter()
        .filter(|l| l.kind == Kind::Content)
        .map(|l| l.text.as_str())
        .collect();
    article.text = body.join("\n\n");

    if let Some(lang) = guess_language(&body, cfg) {
        article.language = lang;
        article.provenance.set("language", "text");
    }
    let mut editions: Vec<Edition> = Vec::new();
    let languages = leading_languages
        .into_iter()
        .chain(lines[end..].iter().filter(|l| l.kind == Kind::LanguageName));
    for line in languages {
        let Some(lang) = Language::from_name(&line.text.to_lowercase()) else {
            continue;
        };
        if lang == article.language || editions.iter().any(|e| e.language == lang.code()) {
            continue;
        }
        editions.push(Edition {
            language: lang.code().to_string(),
            url: None,
        });
    }
    if !editions.is_empty() {
        article.editions = editions;
        article.provenance.set("editions", "text");
    }
    article
}

/// True when the line is little more than a date ("14 October 2030", "Updated: 14/10/2030 09:30").
fn is_date_line(text: &str) -> bool {
    text.split_whitespace().count() <= 8
}

fn is_chrome(lower: &str) -> bool {
    let key = lower.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '›' | '»' | '>' | '|' | '•' | '·' | '…')
    });
    chrome::ALL.iter().any(|l| l.contains(&key))
}

/// Cleans Markdown-ish markup: `# `, `> `, list bullets, `**bold**`, `[text](url)`.
fn clean_markdown(line: &str) -> (String, u8) {
    let mut s = line.trim();
    let mut heading = 0u8;
    if s.starts_with('#') {
        let hashes = s.chars().take_while(|&c| c == '#').count();
        if hashes <= 6 && s[hashes..].starts_with(' ') {
            heading = hashes as u8;
            s = s[hashes..].trim();
        }
    }
    if let Some(rest) = s.strip_prefix("> ") {
        s = rest.trim();
    }
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            s = rest.trim();
        }
    }
    if s.starts_with("![") {
        return (String::new(), 0);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)))
        {
            Some((mid, close)) => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out.replace("**", "").replace("__", "");
    (crate::dom::collapse_whitespace(&out), heading)
}

/// Splits the dump into logical lines: line endings normalised, Markdown cleaned, hard-wrapped
/// paragraphs of blank-line-separated dumps joined.
fn split_lines(text: &str, cfg: &TextDumpConfig) -> Vec<Line> {
    let text = text.trim_start_matches('\u{feff}');
    let raw: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let max_len = raw
        .iter()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    let has_blank = raw.iter().any(|l| l.trim().is_empty());
    let wrapped = has_blank && max_len <= cfg.max_wrap_width;
    let wrap_threshold = (max_len / 2).max(cfg.min_wrapped_line_chars);
    let mut lines: Vec<Line> = Vec::new();
    let mut prev_joinable = false;
    for raw_line in raw {
        let (clean, heading) = clean_markdown(raw_line);
        if clean.is_empty() {
            prev_joinable = false;
            continue;
        }
        let lower = clean.to_lowercase();
        let kind = if Language::from_name(&lower).is_some() {
            Kind::LanguageName
        } else if is_chrome(&lower) {
            Kind::Chrome
        } else {
            Kind::Content
        };
        let len = clean.chars().count();
        if wrapped && prev_joinable && heading == 0 && kind == Kind::Content {
            if let Some(last) = lines.last_mut() {
                last.text.push(' ');
                last.text.push_str(&clean);
                prev_joinable = len >= wrap_threshold;
                continue;
            }
        }
        prev_joinable = wrapped && heading == 0 && kind == Kind::Content && len >= wrap_threshold;
        lines.push(Line {
            text: clean,
            heading,
            kind,
        });
    }
    lines
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// True when a line is a paragraph: a long sentence.
fn is_paragraph(line: &str, cfg: &TextDumpConfig) -> bool {
    ends_sentence(line) && line.chars().count() >= cfg.min_paragraph_chars
}

/// The index of the headline among `lines`.
fn find_title(lines: &[Line], cfg: &TextDumpConfig) -> Option<usize> {
    if let Some(i) = lines
        .iter()
        .position(|l| l.heading == 1 && l.kind == Kind::Content)
    {
        return Some(i);
    }
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == Kind::Content)
        .collect();
    for (n, &i) in content.iter().enumerate() {
        let text = &lines[i].text;
        let chars = text.chars().count();
        let words = text.split_whitespace().count();
        let next = content.get(n + 1).map(|&j| lines[j].text.as_str());
        if chars > cfg.max_title_chars || words > cfg.max_title_words {
            return None;
        }
        let substantial = chars >= cfg.min_title_chars || words >= cfg.min_title_words;
        let next_is_paragraph =
            next.is_some_and(|nx| is_paragraph(nx, cfg) && nx.chars().count() > chars);
        let sentence = ends_sentence(text) && text.ends_with('.');
        if is_paragraph(text, cfg) && !next_is_paragraph {
            // The dump starts with body text: no headline.
            return None;
        }
        if !sentence && (substantial || (next_is_paragraph && words >= 2)) {
            return Some(i);
        }
        if sentence && next_is_paragraph && chars * 2 <= next.map_or(0, |nx| nx.chars().count()) {
            return Some(i);
        }
        if substantial && is_paragraph(text, cfg) {
            return None;
        }
    }
    None
}

/// Guesses the language of `text` among en/fr/es/de/it by counting stop words; `None` when too
/// few are found. A cheap stand-in until the analysis stage's detector.
pub fn detect_language(text: &str) -> Option<Language> {
    guess_language(&[text], &TextDumpConfig::DEFAULT)
}

/// Guesses the body's language by counting stop words of the five languages.
fn guess_language(body: &[&str], cfg: &TextDumpConfig) -> Option<Language> {
    let mut counts = [0usize; 5];
    let lists = stopwords::all();
    let words = body
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .take(cfg.max_language_words);
    for w in words {
        let lower = w.to_lowercase();
        for (k, (_, list)) in lists.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                counts[k] += 1;
            }
        }
    }
    let (best, &hits) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    (hits >= cfg.min_stopword_hits).then(|| lists[best].0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(s: &str) -> Article {
        extract_with(s, &TextDumpConfig::DEFAULT)
    }

    /// Reads `../shared/samples/seed.txt`; SKIPPED (with a note on stderr) when `../shared` is
    /// not there.
    #[test]
    fn seed_dump_or_skipped_when_shared_is_missing() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/samples/seed.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("SKIPPED: ../shared not found ({})", path.display());
            return;
        };
        let a = extract(&text, &Config::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Kushner, Witkoff 'met directly with Hamas' to seal Gaza truce deal")
        );
        let paras: Vec<&str> = a.paragraphs().collect();
        // Every line from "A meeting between US officials…" to "…entering the territory." is a
        // paragraph (17 in the current sample).
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("A meeting between US officials"));
        let last = lines
            .iter()
            .position(|l| l.ends_with("entering the territory."));
        let (Some(first), Some(last)) = (first, last) else {
            panic!("seed sample changed")
        };
        assert_eq!(paras, lines[first..=last].to_vec());
        assert_eq!(a.text, lines[first..=last].join("\n\n"));
        assert_eq!(a.language, Language::En);
        let eds: Vec<(&str, Option<&str>)> = a
            .editions
            .iter()
            .map(|e| (e.language.as_str(), e.url.as_deref()))
            .collect();
        assert_eq!(
            eds,
            vec![("fr", None), ("es", None), ("de", None), ("it", None)]
        );
        assert!(!a.text.contains("Breadcrumb"));
        for name in ["English", "French", "Spanish", "German", "Italian"] {
            assert!(!paras.contains(&name), "{name} left in the text");
        }
    }

    const BODY_EN: &str = "The council voted on Tuesday to close the old bridge to traffic, after engineers found cracks in two of its piers.\n\
        Repairs are expected to take at least six months, and the city has said it will run extra buses in the meantime.\n\
        \"We had no choice,\" the mayor said.";

    #[test]
    fn synthetic_dump_with_chrome_and_languages() {
        let text = format!("Skip to content\r\nMenu\r\nHome\r\nNews\r\nLocal\r\nOld bridge closed after engineers find cracks\r\nBy Anna Reyes and Tom Clarke\r\n14 October 2030\r\n{}\r\nShare\r\nAdvertisement\r\nEnglish\r\nFrançais\r\nDeutsch\r\nالعربية", BODY_EN.replace('\n', "\r\n"));
        let a = dump(&text);
        assert_eq!(
            a.title.as_deref(),
            Some("Old bridge closed after engineers find cracks")
        );
        assert_eq!(a.authors, vec!["Anna Reyes", "Tom Clarke"]);
        assert_eq!(a.published.as_deref(), Some("2030-10-14"));
        let paras: Vec<&str> = a.paragraphs().collect();
        assert_eq!(paras.len(), 3);
        assert_eq!(paras[2], "\"We had no choice,\" the mayor said.");
        assert_eq!(a.language, Language::En);
        let langs: Vec<&str> = a.editions.iter().map(|e| e.language.as_str()).collect();
        assert_eq!(langs, vec!["fr", "de", "ar"]);
        assert!(a.editions.iter().all(|e| e.url.is_none()));
    }

    #[test]
    fn markdown_dump_with_blank_lines_and_wrapping() {
        let text = "[Accueil](/) › [Monde](/monde)\n\n# Le pont fermé après la découverte de fissures\n\n\
            Le conseil municipal a voté mardi la fermeture du vieux pont à la circulation,\n\
            après que des ingénieurs ont découvert des fissures dans deux de ses piles.\n\n\
            Les travaux dureront au moins six mois, et la ville a promis des bus supplémentaires.\n\n\
            Partager\n";
        let a = dump(text);
        assert_eq!(
            a.title.as_deref(),
            Some("Le pont fermé après la découverte de fissures")
        );
        let paras: Vec<&str> = a.paragraphs().collect();
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert!(paras[0].contains("circulation, après que"));
        assert_eq!(a.language, Language::Fr);
    }

    #[test]
    fn body_language_in_german_spanish_italian() {
        let de = dump("Brücke gesperrt nach Rissen in den Pfeilern\nDer Stadtrat hat am Dienstag beschlossen, die alte Brücke für den Verkehr zu sperren, nachdem Ingenieure Risse entdeckt hatten.\nDie Reparatur wird auch nach Angaben der Stadt mindestens sechs Monate dauern.\nEnglish\nDeutsch");
        assert_eq!(de.language, Language::De);
        assert_eq!(
            de.editions
                .iter()
                .map(|e| e.language.as_str())
                .collect::<Vec<_>>(),
            vec!["en"]
        );
        let es = dump("Cierran el puente viejo por grietas\nEl ayuntamiento votó el martes cerrar el puente al tráfico, después de que los ingenieros encontraran grietas en dos de sus pilares.\nLas obras durarán al menos seis meses, según la ciudad.");
        assert_eq!(es.language, Language::Es);
        let it = dump("Chiuso il vecchio ponte per le crepe\nIl consiglio comunale ha votato martedì la chiusura del ponte al traffico, dopo che gli ingegneri hanno trovato crepe nei piloni.\nI lavori dureranno almeno sei mesi, ha detto il sindaco, e non ci sono alternative.");
        assert_eq!(it.language, Language::It);
        assert_eq!(
            it.title.as_deref(),
            Some("Chiuso il vecchio ponte per le crepe")
        );
    }

    #[test]
    fn dump_without_headline_keeps_all_paragraphs() {
        let a = dump(BODY_EN);
        assert_eq!(a.title, None);
        assert_eq!(a.paragraphs().count(), 3);
    }
}
