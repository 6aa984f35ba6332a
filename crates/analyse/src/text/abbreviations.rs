//! Abbreviations that end in a period but do not end a sentence, per language (lower case,
//! without the final period).

use newsloom_model::Language;

/// Shared by all languages: titles, initials-like forms, Latin.
const COMMON: &[&str] = &[
    "dr", "prof", "st", "no", "nr", "vs", "etc", "ca", "approx", "jr", "sr", "inc", "ltd", "co",
    "corp", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "hon", "fig", "vol",
    "p", "pp", "ed", "eds", "cf", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u",
];

/// English.
const EN: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mt", "ft", "ave", "blvd", "rd", "dept", "est", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "a.m", "p.m", "ph.d", "d.c",
];

/// French.
const FR: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "pr", "av", "bd", "env", "cie", "hab",
    "janv", "févr", "avr", "juil", "sept", "déc", "c.-à-d", "p.ex", "art", "chap",
];

/// Spanish.
const ES: &[&str] = &[
    "sr", "sra", "sres", "sras", "srta", "dña", "d", "da", "ud", "uds", "lic", "ing", "arq",
    "avda", "av", "admón", "pág", "núm", "aprox", "art", "ene", "feb", "abr", "ago", "sept", "oct",
    "dic", "ee.uu", "ej", "p.ej",
];

/// German.
const DE: &[&str] = &[
    "hr", "fr", "frl", "dipl", "ing", "bzw", "ggf", "usw", "vgl", "z.b", "u.a", "d.h", "o.ä",
    "s.o", "s.u", "inkl", "exkl", "evtl", "ca", "mio", "mrd", "bzgl", "abs", "str", "tel", "jh",
    "jhd", "jahrh", "okt", "dez", "jan", "febr", "mär", "aug", "sept", "nov", "u.s.a", "z.t",
    "m.e", "i.d.r", "bspw", "sog", "z", "u", "d", "o", "s", "v", "i",
];

/// Italian.
const IT: &[&str] = &[
    "sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "dr.ssa", "prof.ssa", "avv", "ing",
    "arch", "on", "sen", "geom", "rag", "ecc", "pag", "art", "cap", "gen", "feb", "mar", "apr",
    "mag", "giu", "lug", "ago", "sett", "ott", "nov", "dic", "es",
];

/// True when `word` (without its final period) is an abbreviation in `lang` or in all languages.
pub fn is_abbreviation(word: &str, lang: &Language) -> bool {
    let lower = word.to_lowercase();
    let w = lower.as_str();
    if COMMON.contains(&w) {
        return true;
    }
    let list: &[&str] = match lang {
        Language::En => EN,
        Language::Fr => FR,
        Language::Es => ES,
        Language::De => DE,
        Language::It => IT,
        _ => &[],
    };
    list.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_titles_per_language() {
        assert!(is_abbreviation("Mr", &Language::En));
        assert!(is_abbreviation("M", &Language::Fr));
        assert!(is_abbreviation("Sra", &Language::Es));
        assert!(is_abbreviation("z.B", &Language::De));
        assert!(is_abbreviation("Dott", &Language::It));
        assert!(!is_abbreviation("Hamas", &Language::En));
    }
}
