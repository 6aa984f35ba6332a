//! Vocabularies of the metadata heuristics, as named data per language.
//!
//! Every list is lower-case. Lists that differ by language are given per language
//! (`EN`, `FR`, `ES`, `DE`, `IT`) and joined in an `ALL` slice the heuristics iterate.

/// Words and phrases that introduce a byline ("By Anna Reyes"), per language.
pub mod byline_prefixes {
    /// English.
    pub const EN: &[&str] = &[
        "written by",
        "words by",
        "reporting by",
        "reported by",
        "story by",
        "posted by",
        "author",
        "authors",
        "by",
    ];
    /// French.
    pub const FR: &[&str] = &[
        "propos recueillis par",
        "un article de",
        "texte",
        "auteur",
        "auteurs",
        "par",
    ];
    /// Spanish.
    pub const ES: &[&str] = &["escrito por", "texto", "autor", "autores", "por"];
    /// German.
    pub const DE: &[&str] = &[
        "ein beitrag von",
        "ein artikel von",
        "text",
        "autor",
        "autoren",
        "von",
    ];
    /// Italian.
    pub const IT: &[&str] = &["a cura di", "testo", "autore", "autori", "di"];
    /// All languages, longest phrases first within each language.
    pub const ALL: &[&[&str]] = &[EN, FR, ES, DE, IT];
}

/// Words that join names in a byline ("Anna Reyes and Tom Clarke").
pub const NAME_CONJUNCTIONS: &[&str] = &["and", "&", "with", "et", "y", "e", "und", "sowie"];

/// Lower-case particles allowed inside a person's name ("Ludwig van Beethoven").
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "delle", "dei", "di", "du", "des", "la", "le",
    "van", "von", "der", "den", "ter", "ten", "zu", "bin", "ibn", "al", "el", "y", "st.",
];

/// Words after which a byline no longer names people ("Updated", "Follow"), all languages.
pub const BYLINE_STOP_WORDS: &[&str] = &[
    // English
    "updated",
    "published",
    "posted",
    "follow",
    "email",
    "e-mail",
    "twitter",
    "last",
    "photo",
    "photos",
    "video",
    "read",
    "on",
    // French
    "publié",
    "mis",
    "mise",
    "modifié",
    "photo",
    "suivre",
    // Spanish
    "actualizado",
    "publicado",
    "actualización",
    "foto",
    "fotos",
    "seguir",
    // German
    "aktualisiert",
    "veröffentlicht",
    "stand",
    "foto",
    "fotos",
    "folgen",
    // Italian
    "aggiornato",
    "pubblicato",
    "aggiornamento",
    "foto",
    "segui",
];

/// Weekday names per language (a byline's date starts with one: "Monday, 18 November").
pub const WEEKDAYS: &[&[&str]] = &[
    &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ],
    &[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    &[
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
    ],
    &[
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ],
];

/// Journalistic roles, per language: a byline part made of them is not a person.
pub mod roles {
    /// English.
    pub const EN: &[&str] = &[
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "writer",
        "writers",
        "columnist",
        "contributor",
        "contributing",
        "senior",
        "chief",
        "political",
        "foreign",
        "special",
        "associate",
        "deputy",
        "producer",
        "analyst",
        "journalist",
        "newsroom",
        "desk",
        "team",
    ];
    /// French.
    pub const FR: &[&str] = &[
        "envoyé",
        "envoyée",
        "spécial",
        "spéciale",
        "correspondant",
        "correspondante",
        "journaliste",
        "rédaction",
        "rédacteur",
        "rédactrice",
        "chroniqueur",
        "chroniqueuse",
        "service",
    ];
    /// Spanish.
    pub const ES: &[&str] = &[
        "corresponsal",
        "enviado",
        "enviada",
        "especial",
        "redacción",
        "redactor",
        "redactora",
        "periodista",
        "columnista",
    ];
    /// German.
    pub const DE: &[&str] = &[
        "redakteur",
        "redakteurin",
        "redaktion",
        "korrespondent",
        "korrespondentin",
        "reporter",
        "reporterin",
        "autor",
        "autorin",
        "kolumnist",
        "kolumnistin",
    ];
    /// Italian.
    pub const IT: &[&str] = &[
        "redazione",
        "inviato",
        "inviata",
        "corrispondente",
        "giornalista",
        "redattore",
        "redattrice",
        "editorialista",
    ];
    /// All languages.
    pub const ALL: &[&[&str]] = &[EN, FR, ES, DE, IT];
}

/// Names that appear in bylines but are not people: agencies, desks, "staff".
pub const NON_PERSONS: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "associated press",
    "the associated press",
    "agence france-presse",
    "agence france presse",
    "dpa",
    "epa",
    "efe",
    "ansa",
    "europa press",
    "bloomberg",
    "upi",
    "pa media",
    "press association",
    "kyodo",
    "xinhua",
    "tass",
    "anadolu",
    "staff",
    "redazione",
    "rédaction",
    "redacción",
    "redaktion",
    "newsroom",
    "agencies",
    "agences",
    "agencias",
    "agenturen",
    "agenzie",
    "news desk",
    "web desk",
    "editorial board",
    "admin",
    "administrator",
];

/// Words that mark an organisation, not a person, in a would-be name.
pub const ORG_WORDS: &[&str] = &[
    "news",
    "press",
    "agency",
    "agence",
    "agencia",
    "agenzia",
    "agentur",
    "times",
    "post",
    "media",
    "group",
    "online",
    "magazine",
    "journal",
    "tribune",
    "herald",
    "daily",
    "gazette",
    "network",
    "radio",
    "tv",
    "television",
    "télévision",
    "televisión",
    "fernsehen",
    "service",
    "services",
    "editors",
    "staff",
    "desk",
    "team",
    "redaktion",
    "redazione",
    "rédaction",
    "redacción",
    "newsroom",
    "wire",
    "bureau",
    "inc",
    "ltd",
    "gmbh",
    "s.a.",
    "spa",
];

/// Leading articles: a "name" starting with one is a publication ("The Planet", "La Stampa").
pub const LEADING_ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "l'", "el", "los", "las", "il", "lo", "gli", "der", "die",
    "das",
];

/// Labels of a breadcrumb's home link, all languages.
pub const HOME_LABELS: &[&str] = &[
    "home",
    "home page",
    "homepage",
    "start",
    "front page",
    "accueil",
    "page d'accueil",
    "une",
    "la une",
    "inicio",
    "portada",
    "página principal",
    "startseite",
    "home-page",
    "homepage",
    "prima pagina",
    "pagina iniziale",
    "🏠",
];

/// Separators between crumbs when a breadcrumb is flat text.
pub const CRUMB_SEPARATORS: &[char] = &['›', '»', '>', '/', '|', '→', '▸', '•', '·', '\\'];

/// Separators between a headline and the site name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " · ", " :: ", " » ", " • "];

/// Month names and abbreviations per language, as `(name, month number)`.
pub mod months {
    /// English.
    pub const EN: &[(&str, u8)] = &[
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sept", 9),
        ("sep", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ];
    /// French.
    pub const FR: &[(&str, u8)] = &[
        ("janvier", 1),
        ("janv", 1),
        ("février", 2),
        ("fevrier", 2),
        ("févr", 2),
        ("fév", 2),
        ("mars", 3),
        ("avril", 4),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("juil", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
        ("déc", 12),
    ];
    /// Spanish.
    pub const ES: &[(&str, u8)] = &[
        ("enero", 1),
        ("ene", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("abr", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("ago", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        ("dic", 12),
    ];
    /// German.
    pub const DE: &[(&str, u8)] = &[
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("märz", 3),
        ("maerz", 3),
        ("mär", 3),
        ("april", 4),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("august", 8),
        ("september", 9),
        ("oktober", 10),
        ("okt", 10),
        ("november", 11),
        ("dezember", 12),
        ("dez", 12),
    ];
    /// Italian.
    pub const IT: &[(&str, u8)] = &[
        ("gennaio", 1),
        ("gen", 1),
        ("febbraio", 2),
        ("marzo", 3),
        ("aprile", 4),
        ("maggio", 5),
        ("mag", 5),
        ("giugno", 6),
        ("giu", 6),
        ("luglio", 7),
        ("lug", 7),
        ("agosto", 8),
        ("settembre", 9),
        ("set", 9),
        ("ottobre", 10),
        ("ott", 10),
        ("novembre", 11),
        ("dicembre", 12),
        ("dic", 12),
    ];
    /// All languages.
    pub const ALL: &[&[(&str, u8)]] = &[EN, FR, ES, DE, IT];
}

/// Words allowed between the parts of a written date ("14 de octubre de 2030", "le 14").
pub const DATE_FILLER_WORDS: &[&str] = &[
    "de", "del", "of", "the", "le", "el", "am", "den", "il", "at", "à", "a", "um", "alle", "ore",
    "las", "los", "h", "uhr", "on",
];

/// Class and id words that mark page elements, matched against the words of the attribute.
pub mod markers {
    /// A dek / standfirst / chapô: matched as substrings (distinctive).
    pub const STANDFIRST_SUBSTRINGS: &[&str] = &[
        "standfirst",
        "subheadline",
        "sub-headline",
        "subtitle",
        "sub-title",
        "subhead",
        "sub-head",
        "article-summary",
        "articlesummary",
        "chapo",
        "chapeau",
        "entradilla",
        "sottotitolo",
        "occhiello",
        "summary-text",
        "deck",
        "excerpt",
    ];
    /// A dek: matched as whole words of the class or id (ambiguous as substrings).
    pub const STANDFIRST_WORDS: &[&str] = &[
        "dek",
        "lead",
        "lede",
        "intro",
        "summary",
        "teaser",
        "sapo",
        "kicker-text",
    ];
    /// A byline: matched as substrings.
    pub const BYLINE_SUBSTRINGS: &[&str] = &[
        "byline",
        "author",
        "autor",
        "auteur",
        "autore",
        "firma",
        "signature",
    ];
    /// A breadcrumb: matched as substrings.
    pub const BREADCRUMB_SUBSTRINGS: &[&str] = &["crumb", "ariane", "brotkrume", "migas-de-pan"];
    /// A breadcrumb: matched as whole words ("pfad", "arbo", "trail").
    pub const BREADCRUMB_WORDS: &[&str] = &[
        "pfad",
        "arbo",
        "arborescence",
        "trail",
        "percorso",
        "miga",
        "migas",
        "youarehere",
        "location-path",
    ];
    /// A language switcher: matched as substrings.
    pub const LANG_SWITCH_SUBSTRINGS: &[&str] = &[
        "lang-switch",
        "langswitch",
        "language-switch",
        "languageswitch",
        "language-selector",
        "languageselector",
        "lang-menu",
        "langmenu",
        "language-menu",
        "languages",
        "langs",
        "lang-select",
        "idiomas",
        "sprachen",
        "langues",
        "lingue",
        "translations",
    ];
    /// A language switcher's `aria-label`: matched as substrings.
    pub const LANG_ARIA_SUBSTRINGS: &[&str] =
        &["language", "langue", "idioma", "sprache", "lingua"];
    /// Where a visible date is likely: matched as whole words.
    pub const DATE_WORDS: &[&str] = &[
        "date",
        "dateline",
        "time",
        "timestamp",
        "published",
        "pubdate",
        "posted",
        "datum",
        "fecha",
        "data",
        "meta",
        "info",
    ];
    /// Regions whose content is not the article's own (related lists, footers).
    pub const FOREIGN_REGION_WORDS: &[&str] = &[
        "related",
        "recommended",
        "more",
        "popular",
        "trending",
        "promo",
        "comments",
        "comment",
    ];
}
