//! Vocabularies of the body finder, as named data: class/id tokens of boilerplate and of article
//! bodies, and boilerplate phrases per language.

/// Class/id tokens of elements that are never article body (matched against the lower-cased,
/// camel-case-split tokens of `class` and `id`). A token matches when it equals an entry, or
/// starts with an entry that ends in `*`.
pub const BOILERPLATE_TOKENS: &[&str] = &[
    // Navigation and page chrome.
    "nav", "navbar", "navigation", "menu*", "breadcrumb*", "breadcrumbs", "masthead", "footer*",
    "sidebar*", "widget*", "skip*", "toolbar", "pagination", "pager", "topbar", "site-header",
    "header-nav", "dropdown", "drawer", "offcanvas", "hamburger",
    // Sharing and following.
    "share*", "sharing", "social*", "sociable", "follow*", "addthis", "sharethis", "shariff",
    // Comments.
    "comment*", "disqus*", "discussion", "respond", "replies", "reply",
    // Related content and promotion.
    "related*", "recommend*", "promo*", "teaser*", "outbrain*", "taboola*", "trending*",
    "mostread", "most-read", "popular*", "more-stories", "morestories", "readmore", "read-more",
    "also", "see-also", "seealso", "lireaussi", "lire-aussi", "leggi-anche", "auch", "upnext",
    "up-next", "next-article", "prev-next", "card-list", "headlines",
    // Ads and sponsors.
    "ad", "ads", "adv", "advert*", "advertisement", "adslot", "ad-slot", "adsbygoogle",
    "adunit", "ad-unit", "ad-container", "ad-wrapper", "banner*", "sponsor*", "dfp", "gpt",
    "commercial", "werbung", "anzeige", "publicite", "pubblicita", "publicidad",
    // Consent, newsletters, subscriptions, popups.
    "cookie*", "consent*", "gdpr", "newsletter*", "subscribe*", "subscription*", "signup",
    "sign-up", "register*", "login", "paywall-cta", "popup*", "modal*", "overlay", "lightbox",
    "optin", "opt-in", "cta",
    // Metadata that is not body.
    "byline*", "author-bio", "authorbio", "author-box", "authorbox", "about-author",
    "author-info", "author-description", "about-the-author", "bio", "tags", "tag-list", "taglist", "post-tags", "entry-meta",
    "post-meta", "article-meta", "meta", "dateline", "timestamp", "print*", "rating*",
    "vote*", "reactions", "emoji*", "audio-player", "audioplayer", "listen*", "reading-time",
    "readingtime", "read-time", "readtime", "caption*", "credit*", "copyright*", "disclaimer",
    "hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "noprint",
    "jump*", "toc",
];

/// The boilerplate tokens that are never the name of an article wrapper: an element matching
/// one is dropped even when it holds much of the page's text (long comment threads).
pub const STRONG_BOILERPLATE_TOKENS: &[&str] = &[
    "comment*", "disqus*", "cookie*", "consent*", "gdpr", "newsletter*", "share*", "sharing",
    "social*", "addthis", "sharethis", "shariff", "related*", "outbrain*", "taboola*",
    "breadcrumb*", "byline*", "author-bio", "authorbio", "reply", "respond", "replies",
    "forum*", "ariane", "fil-ariane", "arbo",
];

/// Prefixes of class names that describe a state of the page, not the element ("has-sidebar",
/// "with-comments", "no-ads"): such names are not matched against the vocabularies.
pub const STATE_PREFIXES: &[&str] = &["has-", "with-", "no-", "is-", "show-", "hide-"];

/// Class/id tokens of elements that hold an article body.
pub const BODY_TOKENS: &[&str] = &[
    "articlebody", "article-body", "article__body", "article-content", "article__content",
    "articlecontent", "article-text", "articletext", "article__text", "entry-content",
    "entrycontent", "post-content", "postcontent", "post-body", "postbody", "post-entry",
    "post-text", "story-body", "storybody", "story-content", "storycontent", "story-text",
    "body-text", "bodytext", "article-main", "main-text", "maintext", "content-body",
    "field-body", "field--name-body", "field-name-body", "text-body", "rich-text", "richtext",
    "paywall", "article-story", "news-content", "news-body", "news-text", "artikeltext",
    "article-detail", "detail-body", "td-post-content", "single-content", "blog-content",
    "c-article-body", "article__body-text", "story__body", "content__body", "entry-body",
    "article-section", "articleBody",
];

/// Class/id tokens that make an element more likely to be the article (readability's positive
/// weight).
pub const POSITIVE_TOKENS: &[&str] = &[
    "article*", "body", "content*", "entry*", "hentry", "main", "page", "post*", "text*",
    "blog", "story*", "news", "single", "prose", "artikel", "articolo", "articulo", "cuerpo",
    "corpo", "testo", "texto", "contenu",
];

/// Class/id tokens that make an element less likely to be the article (readability's negative
/// weight); the boilerplate tokens count too.
pub const NEGATIVE_TOKENS: &[&str] = &[
    "hid", "combx", "com-", "contact", "foot*", "masthead", "media", "outbrain", "promo*",
    "scroll", "shoutbox", "sponsor*", "shopping", "tags", "tool*", "widget*", "card*",
    "list*", "feed*", "teaser*", "aside", "rail", "right", "left", "column",
];

/// Short lines that are page chrome in any of the five languages (compared lower-cased, with
/// trailing punctuation and whitespace trimmed). A block equal to one, or starting with one
/// and short, is dropped.
pub const CHROME_PHRASES: &[&str] = &[
    // en
    "advertisement", "sponsored", "read more", "read also", "also read", "see also",
    "related", "related articles", "related stories", "recommended", "more on this story",
    "share", "share this", "share this article", "share on facebook", "share on twitter",
    "tweet", "email", "print", "comments", "leave a comment", "sign up", "subscribe",
    "subscribe now", "sign up for our newsletter", "listen to this article", "min read",
    "minute read", "click here", "continue reading", "story continues below advertisement",
    "article continues below", "skip advertisement", "follow us", "most read", "most popular",
    "trending", "you may also like", "recommended for you", "back to top", "loading",
    "image", "photo", "getty images", "copyright", "advert", "ad", "ads", "tags", "tagged",
    "topics", "top stories", "latest news", "more stories", "related posts", "related news",
    "this slideshow requires javascript", "tell us what you think", "comment", "reply",
    "show comments", "view comments", "next article", "previous article", "next", "previous",
    "watch", "video", "play video", "enable javascript", "javascript is disabled",
    // fr
    "publicité", "lire aussi", "lire la suite", "à lire aussi", "voir aussi", "partager",
    "partager sur facebook", "partager sur twitter", "abonnez-vous", "s'abonner",
    "temps de lecture", "écouter cet article", "les plus lus", "sur le même sujet",
    "newsletter", "commentaires", "réagir",
    // es
    "publicidad", "lee también", "leer más", "lea también", "ver también", "compartir",
    "compartir en facebook", "suscríbete", "tiempo de lectura", "escuchar", "lo más leído",
    "más información", "te puede interesar", "comentarios", "noticias relacionadas",
    // de
    "anzeige", "werbung", "lesen sie auch", "mehr zum thema", "weiterlesen", "teilen",
    "auf facebook teilen", "abonnieren", "lesezeit", "artikel anhören", "meistgelesen",
    "kommentare", "das könnte sie auch interessieren", "zum thema",
    // it
    "pubblicità", "leggi anche", "leggi di più", "continua a leggere", "condividi",
    "condividi su facebook", "iscriviti", "abbonati", "tempo di lettura", "ascolta",
    "ascolta l'articolo", "i più letti", "commenti", "potrebbe interessarti",
];

/// Byline openers; a short first block starting with one is a byline, not body.
pub const BYLINE_OPENERS: &[&str] = &["by ", "par ", "por ", "von ", "di ", "a cura di "];

/// Phrases of cookie and consent notices; a short block containing one is dropped.
pub const CONSENT_PHRASES: &[&str] = &[
    "uses cookies", "use cookies", "use of cookies", "accept cookies", "cookie policy",
    "utilise des cookies", "utilisation des cookies", "accepter les cookies",
    "utiliza cookies", "uso de cookies", "aceptar cookies", "política de cookies",
    "verwendet cookies", "verwenden cookies", "cookies zu", "cookie-richtlinie",
    "utilizza cookie", "utilizza i cookie", "uso dei cookie", "cookie policy",
];

/// Month names in the five languages (lower case), for recognising date-only lines.
pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero",
    "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
    "noviembre", "diciembre", "januar", "jänner", "februar", "märz", "juni", "juli",
    "oktober", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
    "settembre", "ottobre", "dicembre", "janeiro", "fevereiro", "março", "maio", "junho",
    "julho", "setembro", "outubro", "novembro", "dezembro",
];

/// Words that may stand in a date line besides numbers and months ("Updated", "le", "de").
pub const DATE_LINE_WORDS: &[&str] = &[
    "updated", "published", "posted", "on", "at", "am", "pm", "est", "edt", "pst", "pdt", "gmt",
    "utc", "cet", "cest", "bst", "mis", "à", "jour", "le", "publié", "modifié", "h", "de",
    "del", "actualizado", "publicado", "a", "las", "aktualisiert", "veröffentlicht", "um",
    "uhr", "am", "aggiornato", "pubblicato", "il", "alle", "ore", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves",
    "viernes", "sábado", "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
    "domenica", "the", "of", "by", "last", "modified", "às", "segunda-feira", "terça-feira",
    "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo", "em", "atualizado",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "ist", "aest", "aedt", "amt", "msk", "et",
    "pt", "ct", "mt", "hkt", "sgt", "jst", "kst", "wib",
];

/// Phrases that name who posted a piece; a short line holding one near the top is a byline.
pub const POSTED_BY_PHRASES: &[&str] = &[
    "posted by", "published by", "written by", "publicado por", "escrito por", "publié par",
    "écrit par", "pubblicato da", "scritto da", "veröffentlicht von", "geschrieben von",
];

/// Calls to action of promotions: a short block with one of these *and* one of
/// [`PROMO_OBJECTS`] is an advertisement for a newsletter or subscription, not article text.
pub const PROMO_ACTIONS: &[&str] = &[
    "sign up", "subscribe", "click here", "inscrivez-vous", "abonnez-vous", "cliquez ici",
    "suscríbete", "regístrate", "haz clic", "melden sie sich", "abonnieren", "klicken sie hier",
    "iscriviti", "abbonati", "clicca qui",
];

/// What promotions offer (see [`PROMO_ACTIONS`]).
pub const PROMO_OBJECTS: &[&str] = &[
    "newsletter", "inbox", "delivered", "free trial", "for more information", "issues for",
    "boîte mail", "boîte de réception", "bandeja de entrada", "postfach", "casella di posta",
    "lettre d'information", "boletín",
];

/// Class/id tokens of a standfirst (dek, chapô, Teaser, sommario).
pub const STANDFIRST_TOKENS: &[&str] = &[
    "standfirst*", "dek", "deck", "subtitle*", "subheadline*", "sub-headline", "summary*",
    "chapo*", "chapeau", "intro*", "lead", "lede", "teaser*", "abstract", "excerpt",
    "description", "sommario", "occhiello", "entradilla", "sumario", "bajada", "vorspann",
    "article-lead", "article-summary",
];
