//! Normalising names and words so that they compare across languages: case and accent folding,
//! a small table of place and organisation exonyms, and surname keys for people.
//!
//! ```
//! use newsloom_stories::normalise::{entity_key, fold};
//! use newsloom_model::EntityLabel;
//! assert_eq!(fold("États-Unis"), "etats-unis");
//! assert_eq!(entity_key("Allemagne", EntityLabel::Location), "germany");
//! assert_eq!(entity_key("Angela Merkel", EntityLabel::Person), "merkel");
//! ```

use newsloom_model::EntityLabel;

/// Exonyms of places and organisations: a canonical key (the English name, folded) and the names
/// it is written as in English, French, Spanish, German and Italian (folded, as [`fold`] makes
/// them). Kept modest on purpose: countries and capitals that news names most often, and a few
/// international bodies whose acronyms differ by language.
pub const EXONYMS: &[(&str, &[&str])] = &[
    (
        "germany",
        &[
            "germany",
            "allemagne",
            "alemania",
            "deutschland",
            "germania",
        ],
    ),
    (
        "united states",
        &[
            "united states",
            "united states of america",
            "usa",
            "us",
            "u.s.",
            "u.s.a.",
            "etats-unis",
            "etats unis",
            "ee. uu.",
            "ee.uu.",
            "eeuu",
            "estados unidos",
            "stati uniti",
            "vereinigte staaten",
            "america",
            "amerique",
            "amerika",
        ],
    ),
    (
        "united kingdom",
        &[
            "united kingdom",
            "uk",
            "britain",
            "great britain",
            "royaume-uni",
            "reino unido",
            "regno unito",
            "grossbritannien",
            "gran bretana",
            "gran bretagna",
            "grande-bretagne",
        ],
    ),
    ("france", &["france", "francia", "frankreich"]),
    (
        "spain",
        &["spain", "espagne", "espana", "spanien", "spagna"],
    ),
    ("italy", &["italy", "italie", "italia", "italien"]),
    ("china", &["china", "chine", "cina"]),
    ("russia", &["russia", "russie", "rusia", "russland"]),
    ("japan", &["japan", "japon", "giappone"]),
    ("india", &["india", "inde", "indien"]),
    ("austria", &["austria", "autriche", "osterreich"]),
    (
        "switzerland",
        &["switzerland", "suisse", "suiza", "schweiz", "svizzera"],
    ),
    (
        "belgium",
        &["belgium", "belgique", "belgica", "belgien", "belgio"],
    ),
    (
        "netherlands",
        &[
            "netherlands",
            "pays-bas",
            "paises bajos",
            "niederlande",
            "paesi bassi",
            "holland",
        ],
    ),
    ("greece", &["greece", "grece", "grecia", "griechenland"]),
    (
        "turkey",
        &["turkey", "turquie", "turquia", "turkei", "turchia"],
    ),
    ("syria", &["syria", "syrie", "siria", "syrien"]),
    ("iran", &["iran"]),
    ("ukraine", &["ukraine", "ucrania", "ucraina"]),
    ("poland", &["poland", "pologne", "polonia", "polen"]),
    ("mexico", &["mexico", "mexique", "messico", "mexiko"]),
    (
        "brazil",
        &["brazil", "bresil", "brasil", "brasilien", "brasile"],
    ),
    (
        "south korea",
        &[
            "south korea",
            "coree du sud",
            "corea del sur",
            "sudkorea",
            "corea del sud",
        ],
    ),
    (
        "north korea",
        &[
            "north korea",
            "coree du nord",
            "corea del norte",
            "nordkorea",
            "corea del nord",
        ],
    ),
    ("europe", &["europe", "europa"]),
    ("london", &["london", "londres", "londra"]),
    (
        "brussels",
        &["brussels", "bruxelles", "brussel", "bruselas"],
    ),
    ("moscow", &["moscow", "moscou", "moskau", "mosca", "moscu"]),
    ("beijing", &["beijing", "pekin", "peking", "pechino"]),
    (
        "munich",
        &["munich", "munchen", "monaco di baviera", "munich"],
    ),
    ("cologne", &["cologne", "koln", "colonia"]),
    ("vienna", &["vienna", "vienne", "viena", "wien"]),
    ("rome", &["rome", "roma", "rom"]),
    ("milan", &["milan", "milano", "mailand"]),
    (
        "venice",
        &["venice", "venise", "venecia", "venedig", "venezia"],
    ),
    ("florence", &["florence", "florencia", "florenz", "firenze"]),
    ("naples", &["naples", "napoles", "neapel", "napoli"]),
    (
        "lisbon",
        &["lisbon", "lisbonne", "lisboa", "lissabon", "lisbona"],
    ),
    (
        "warsaw",
        &["warsaw", "varsovie", "varsovia", "warschau", "varsavia"],
    ),
    ("athens", &["athens", "athenes", "atenas", "athen", "atene"]),
    (
        "geneva",
        &["geneva", "geneve", "ginebra", "genf", "ginevra"],
    ),
    ("new york", &["new york", "nueva york"]),
    ("washington", &["washington"]),
    (
        "european union",
        &[
            "european union",
            "eu",
            "union europeenne",
            "ue",
            "union europea",
            "europaische union",
            "unione europea",
        ],
    ),
    (
        "united nations",
        &[
            "united nations",
            "un",
            "onu",
            "nations unies",
            "naciones unidas",
            "vereinte nationen",
            "uno",
            "nazioni unite",
        ],
    ),
    ("nato", &["nato", "otan"]),
    (
        "world health organization",
        &[
            "world health organization",
            "who",
            "oms",
            "organisation mondiale de la sante",
            "organizacion mundial de la salud",
            "weltgesundheitsorganisation",
            "organizzazione mondiale della sanita",
        ],
    ),
];

/// Folds case and accents: lower-case, Latin letters without diacritics, `ß` → `ss`, curly
/// apostrophes straightened. Other characters are kept (lower-cased).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for l in c.to_lowercase() {
            match strip_accent(l) {
                Some(plain) => out.push_str(plain),
                None => out.push(l),
            }
        }
    }
    out
}

/// The unaccented form of a lower-case Latin letter with a diacritic, `None` for any other
/// character.
fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        '’' | '‘' | 'ʼ' => "'",
        _ => return None,
    })
}

/// The canonical key of a folded place or organisation name when the exonym table knows it.
pub fn exonym(folded: &str) -> Option<&'static str> {
    EXONYMS
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(key, _)| *key)
}

/// Person-name particles that are not surnames on their own ("de", "von", …), and honorifics.
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "van", "von", "der", "den", "le", "la", "du", "jr", "jr.",
    "sr", "mr", "mr.", "mrs", "ms", "dr", "dr.", "m.", "mme", "herr", "frau", "sig.", "sr.",
];

/// The key an entity name is compared by across articles and languages: the surname (last word
/// that is not a particle) for people, the exonym key for known places and organisations, the
/// folded name otherwise.
pub fn entity_key(name: &str, label: EntityLabel) -> String {
    let folded = fold(name.trim());
    let folded = folded.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if let Some(key) = exonym(folded) {
        return key.to_string();
    }
    if label == EntityLabel::Person {
        let surname = folded
            .split_whitespace()
            .rev()
            .find(|w| !NAME_PARTICLES.contains(w));
        if let Some(s) = surname {
            return s.trim_end_matches("'s").to_string();
        }
    }
    folded.to_string()
}

/// The key of a single capitalised word (folded, exonym-mapped).
pub fn word_key(word: &str) -> String {
    let folded = fold(word);
    match exonym(&folded) {
        Some(key) => key.to_string(),
        None => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exonyms_meet_across_languages() {
        for name in [
            "Allemagne",
            "Alemania",
            "Deutschland",
            "Germania",
            "Germany",
        ] {
            assert_eq!(entity_key(name, EntityLabel::Location), "germany", "{name}");
        }
        for name in [
            "États-Unis",
            "EE. UU.",
            "Estados Unidos",
            "USA",
            "Stati Uniti",
        ] {
            assert_eq!(
                entity_key(name, EntityLabel::Location),
                "united states",
                "{name}"
            );
        }
        for name in ["Pékin", "Peking", "Pechino", "Beijing"] {
            assert_eq!(entity_key(name, EntityLabel::Location), "beijing", "{name}");
        }
        assert_eq!(word_key("Brüssel"), "brussels");
    }

    #[test]
    fn people_meet_by_surname() {
        assert_eq!(
            entity_key("Ursula von der Leyen", EntityLabel::Person),
            "leyen"
        );
        assert_eq!(entity_key("Merkel", EntityLabel::Person), "merkel");
        assert_eq!(entity_key("Mr. Trump", EntityLabel::Person), "trump");
    }

    #[test]
    fn folding_strips_accents_and_case() {
        assert_eq!(fold("Köln Straße"), "koln strasse");
        assert_eq!(fold("Ñandú"), "nandu");
    }
}
