//! Source-attribution vocabularies per language, as named data: the anchors that introduce a
//! source ("according to", "selon", "según", "laut", "secondo"), the markers of what a source
//! itself cites ("citing", "qui cite", "unter Berufung auf"), and the words that tell a source's
//! kind (outlet, agency, official, document, anonymous). Lower case; multi-word entries are
//! token sequences.

use newsloom_model::{Language, SourceKind};

/// The vocabulary of one language.
#[derive(Debug)]
pub struct Vocab {
    /// Prepositional anchors followed by the source ("according to X").
    pub anchors: &'static [&'static [&'static str]],
    /// Reporting verbs whose subject (or postposed subject) is the source ("X reported").
    pub report_verbs: &'static [&'static str],
    /// Verbs of telling followed by the outlet told ("told the Herald").
    pub told_verbs: &'static [&'static str],
    /// Markers introducing what a source cites ("which cited", "citing").
    pub cites: &'static [&'static [&'static str]],
    /// Passive markers: "Y cited by X" — X is the source, Y what it cites.
    pub cited_by: &'static [&'static [&'static str]],
    /// Words that end a source phrase (relative pronouns, clause words).
    pub stops: &'static [&'static str],
}

/// The vocabulary of `lang` (English for other languages).
pub fn vocab(lang: &Language) -> &'static Vocab {
    match lang {
        Language::Fr => &FR,
        Language::Es => &ES,
        Language::De => &DE,
        Language::It => &IT,
        _ => &EN,
    }
}

/// English.
pub static EN: Vocab = Vocab {
    anchors: &[&["according", "to"]],
    report_verbs: &["reported", "reports", "revealed", "quoted"],
    told_verbs: &["told"],
    cites: &[
        &["which", "cited"],
        &["which", "cites"],
        &["citing"],
        &["who", "cited"],
    ],
    cited_by: &[&["cited", "by"], &["quoted", "by"]],
    stops: &[
        "which", "who", "that", "and", "as", "citing", "said", "says", "on", "in", "at",
    ],
};

/// French.
pub static FR: Vocab = Vocab {
    anchors: &[&["selon"], &["d'", "après"], &["d'après"]],
    report_verbs: &[
        "rapporte",
        "rapporté",
        "révèle",
        "révélé",
        "affirme",
        "indique",
        "écrit",
    ],
    told_verbs: &["confié", "déclaré", "dit"],
    cites: &[
        &["qui", "cite"],
        &["qui", "citait"],
        &["citant"],
        &["qui", "s'", "appuie", "sur"],
    ],
    cited_by: &[
        &["cité", "par"],
        &["citée", "par"],
        &["cités", "par"],
        &["citées", "par"],
    ],
    stops: &["qui", "que", "et", "citant", "a", "dans"],
};

/// Spanish.
pub static ES: Vocab = Vocab {
    anchors: &[&["según"]],
    report_verbs: &[
        "informó",
        "informa",
        "publicó",
        "publica",
        "adelantó",
        "reveló",
        "avanzó",
    ],
    told_verbs: &["dijo", "declaró", "explicó"],
    cites: &[
        &["que", "cita"],
        &["que", "citó"],
        &["citando"],
        &["que", "cita", "a"],
    ],
    cited_by: &[
        &["citadas", "por"],
        &["citados", "por"],
        &["citada", "por"],
        &["citado", "por"],
    ],
    stops: &["que", "y", "citando", "en"],
};

/// German.
pub static DE: Vocab = Vocab {
    anchors: &[
        &["laut"],
        &["wie"],
        &["nach", "angaben"],
        &["nach", "informationen"],
    ],
    report_verbs: &[
        "berichtete",
        "berichtet",
        "meldete",
        "meldet",
        "schrieb",
        "schreibt",
    ],
    told_verbs: &["sagte", "erklärte"],
    cites: &[
        &["unter", "berufung", "auf"],
        &["der", "sich", "auf"],
        &["die", "sich", "auf"],
    ],
    cited_by: &[&["zitiert", "von"]],
    stops: &[
        "unter",
        "berichtete",
        "berichtet",
        "meldete",
        "meldet",
        "schrieb",
        "schreibt",
        "und",
        "der",
        "die",
        "das",
        "zufolge",
    ],
};

/// Italian.
pub static IT: Vocab = Vocab {
    anchors: &[
        &["secondo", "quanto", "riportato", "da"],
        &["secondo", "quanto", "riporta"],
        &["secondo"],
        &["stando", "a"],
    ],
    report_verbs: &[
        "riporta",
        "riportato",
        "riferisce",
        "scrive",
        "rivela",
        "rivelato",
    ],
    told_verbs: &["detto", "dichiarato"],
    cites: &[&["che", "cita"], &["che", "citava"], &["citando"]],
    cited_by: &[
        &["citate", "da"],
        &["citati", "da"],
        &["citata", "da"],
        &["citato", "da"],
    ],
    stops: &["che", "e", "citando", "in"],
};

/// News agencies by name (lower case, as token sequences joined by spaces).
pub const AGENCY_NAMES: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "associated press",
    "agence france-presse",
    "dpa",
    "ansa",
    "efe",
    "europa press",
    "kyodo",
    "xinhua",
    "tass",
    "ria novosti",
    "anadolu",
    "apa",
    "sda",
    "adnkronos",
    "agi",
    "bloomberg",
    "upi",
    "pa",
    "press association",
    "belga",
    "anp",
    "epd",
    "kna",
    "ddp",
];

/// Words marking a news agency.
pub const AGENCY_WORDS: &[&str] = &[
    "agency",
    "agence",
    "agencia",
    "agentur",
    "nachrichtenagentur",
    "presseagentur",
    "agenzia",
    "wire",
];

/// News outlets by name (lower case).
pub const OUTLET_NAMES: &[&str] = &[
    "axios",
    "politico",
    "cnn",
    "bbc",
    "nbc",
    "abc",
    "cbs",
    "fox news",
    "msnbc",
    "npr",
    "herald",
    "guardian",
    "times",
    "post",
    "new york times",
    "washington post",
    "wall street journal",
    "financial times",
    "the economist",
    "economist",
    "le monde",
    "le figaro",
    "libération",
    "liberation",
    "france info",
    "franceinfo",
    "bfmtv",
    "tf1",
    "france 2",
    "el país",
    "el pais",
    "el mundo",
    "abc",
    "la vanguardia",
    "rtve",
    "spiegel",
    "der spiegel",
    "bild",
    "faz",
    "sz",
    "süddeutsche zeitung",
    "die zeit",
    "zeit",
    "ard",
    "zdf",
    "tagesschau",
    "handelsblatt",
    "corriere della sera",
    "la repubblica",
    "repubblica",
    "la stampa",
    "rai",
    "il sole 24 ore",
    "haaretz",
    "al jazeera",
    "sky news",
    "breitbart",
    "huffpost",
    "usa today",
    "the hill",
    "newsweek",
    "time",
    "the atlantic",
    "daily mail",
    "telegraph",
    "the telegraph",
    "ynet",
    "times of israel",
    "jerusalem post",
    "kan",
    "channel 12",
    "euronews",
    "le parisien",
];

/// Name endings that make an outlet ("The Sydney Morning Herald", "Kölner Stadt-Anzeiger").
pub const OUTLET_NAME_ENDINGS: &[&str] = &[
    "times",
    "post",
    "news",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "zeitung",
    "anzeiger",
    "rundschau",
    "kurier",
    "figaro",
    "express",
    "telegraph",
    "observer",
    "chronicle",
    "mail",
    "today",
    "magazine",
    "tv",
    "radio",
];

/// Words marking a news outlet.
pub const OUTLET_WORDS: &[&str] = &[
    "outlet",
    "newspaper",
    "paper",
    "daily",
    "broadcaster",
    "channel",
    "network",
    "magazine",
    "website",
    "site",
    "station",
    "tabloid",
    "weekly",
    "journal",
    "quotidien",
    "journal",
    "hebdomadaire",
    "chaîne",
    "radio",
    "télévision",
    "magazine",
    "périodico",
    "periódico",
    "diario",
    "cadena",
    "emisora",
    "televisión",
    "revista",
    "zeitung",
    "sender",
    "magazin",
    "blatt",
    "nachrichtenmagazin",
    "rundfunk",
    "fernsehsender",
    "tageszeitung",
    "wochenzeitung",
    "quotidiano",
    "giornale",
    "emittente",
    "settimanale",
    "testata",
    "tg",
    "tv",
];

/// Words marking an official source.
pub const OFFICIAL_WORDS: &[&str] = &[
    "ministry",
    "minister",
    "police",
    "government",
    "white house",
    "pentagon",
    "kremlin",
    "department",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "prosecutor",
    "prosecutors",
    "authorities",
    "army",
    "military",
    "ministère",
    "ministre",
    "police",
    "gouvernement",
    "élysée",
    "préfecture",
    "parquet",
    "porte-parole",
    "autorités",
    "ministerio",
    "ministro",
    "policía",
    "gobierno",
    "portavoz",
    "fiscalía",
    "autoridades",
    "ministerium",
    "minister",
    "polizei",
    "regierung",
    "bundesregierung",
    "sprecher",
    "sprecherin",
    "staatsanwaltschaft",
    "behörden",
    "behörde",
    "ministero",
    "ministro",
    "polizia",
    "governo",
    "portavoce",
    "procura",
    "autorità",
    "carabinieri",
    "questura",
    "comune",
    "prefettura",
];

/// Words marking a document.
pub const DOCUMENT_WORDS: &[&str] = &[
    "report",
    "study",
    "filing",
    "document",
    "documents",
    "memo",
    "letter",
    "statement",
    "survey",
    "poll",
    "analysis",
    "data",
    "figures",
    "court",
    "rapport",
    "étude",
    "document",
    "note",
    "communiqué",
    "sondage",
    "données",
    "chiffres",
    "informe",
    "estudio",
    "documento",
    "comunicado",
    "encuesta",
    "datos",
    "cifras",
    "bericht",
    "studie",
    "dokument",
    "mitteilung",
    "pressemitteilung",
    "umfrage",
    "daten",
    "zahlen",
    "papier",
    "rapporto",
    "studio",
    "documento",
    "nota",
    "comunicato",
    "sondaggio",
    "dati",
];

/// Words marking unnamed sources.
pub const ANONYMOUS_WORDS: &[&str] = &[
    "source",
    "sources",
    "people",
    "person",
    "insiders",
    "insider",
    "officials",
    "diplomats",
    "sources",
    "personnes",
    "proches",
    "fuentes",
    "fuente",
    "kreise",
    "kreisen",
    "quellen",
    "quelle",
    "insidern",
    "fonti",
    "fonte",
    "ambienti",
];

/// The kind a source phrase of the given lower-case words and name suggests.
pub fn kind_of(words: &[String], name_is_person: bool) -> SourceKind {
    let joined = words.join(" ");
    let has = |list: &[&str]| {
        words.iter().any(|w| list.contains(&w.as_str()))
            || list.iter().any(|l| l.contains(' ') && joined.contains(l))
    };
    if has(AGENCY_WORDS)
        || AGENCY_NAMES
            .iter()
            .any(|n| joined.ends_with(n) || joined == *n)
    {
        return SourceKind::Agency;
    }
    if has(OUTLET_WORDS)
        || OUTLET_NAMES.iter().any(|n| joined.ends_with(n))
        || words
            .last()
            .is_some_and(|w| OUTLET_NAME_ENDINGS.contains(&w.as_str()))
    {
        return SourceKind::Outlet;
    }
    if has(ANONYMOUS_WORDS) && !name_is_person {
        return SourceKind::Anonymous;
    }
    if has(DOCUMENT_WORDS) {
        return SourceKind::Document;
    }
    if has(OFFICIAL_WORDS) {
        return SourceKind::Official;
    }
    if name_is_person {
        SourceKind::Person
    } else {
        SourceKind::Organisation
    }
}
