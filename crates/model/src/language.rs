//! Article languages: the five newsloom understands, others by code, and "unknown".

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The language of an article, as an ISO 639-1 code on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// German.
    De,
    /// Italian.
    It,
    /// Another language, by its lower-case ISO 639-1 code.
    Other(String),
    /// Not known (`und`).
    #[default]
    Unknown,
}

impl Language {
    /// The five languages newsloom analyses.
    pub const SUPPORTED: [Language; 5] = [
        Language::En,
        Language::Fr,
        Language::Es,
        Language::De,
        Language::It,
    ];

    /// Parses a language tag ("en", "en-GB", "fr_FR", "EN") or an English or native language
    /// name ("French", "Deutsch"). Returns `None` for anything unrecognisable.
    pub fn parse(tag: &str) -> Option<Language> {
        let t = tag.trim();
        if t.is_empty() {
            return None;
        }
        let lower = t.to_lowercase();
        if let Some(lang) = Self::from_name(&lower) {
            return Some(lang);
        }
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" | "eng" => Some(Language::En),
            "fr" | "fra" | "fre" => Some(Language::Fr),
            "es" | "spa" => Some(Language::Es),
            "de" | "deu" | "ger" => Some(Language::De),
            "it" | "ita" => Some(Language::It),
            "und" | "mul" | "zxx" | "x" => None,
            p if p.len() == 2 && p.chars().all(|c| c.is_ascii_lowercase()) => {
                Some(Language::Other(p.to_string()))
            }
            _ => None,
        }
    }

    /// Recognises a language *name* (in English or in the language itself), as found in
    /// language-switcher menus. `name` must be lower-case.
    pub fn from_name(name: &str) -> Option<Language> {
        let lang = match name {
            "english" | "anglais" | "inglés" | "ingles" | "englisch" | "inglese" => Language::En,
            "french" | "français" | "francais" | "francés" | "frances" | "französisch"
            | "francese" => Language::Fr,
            "spanish" | "español" | "espanol" | "espagnol" | "spanisch" | "spagnolo"
            | "castellano" => Language::Es,
            "german" | "deutsch" | "allemand" | "alemán" | "aleman" | "tedesco" => Language::De,
            "italian" | "italiano" | "italien" | "italienisch" => Language::It,
            "arabic" | "العربية" | "عربي" => Language::Other("ar".into()),
            "portuguese" | "português" | "portugues" => Language::Other("pt".into()),
            "russian" | "русский" => Language::Other("ru".into()),
            "turkish" | "türkçe" | "turkce" => Language::Other("tr".into()),
            "dutch" | "nederlands" => Language::Other("nl".into()),
            "chinese" | "中文" => Language::Other("zh".into()),
            "japanese" | "日本語" => Language::Other("ja".into()),
            "bosnian" | "bosanski" => Language::Other("bs".into()),
            "croatian" | "hrvatski" => Language::Other("hr".into()),
            "serbian" | "srpski" => Language::Other("sr".into()),
            "polish" | "polski" => Language::Other("pl".into()),
            "ukrainian" | "українська" => Language::Other("uk".into()),
            "persian" | "farsi" | "فارسی" => Language::Other("fa".into()),
            "hindi" | "हिन्दी" => Language::Other("hi".into()),
            "urdu" | "اردو" => Language::Other("ur".into()),
            "swahili" | "kiswahili" => Language::Other("sw".into()),
            _ => return None,
        };
        Some(lang)
    }

    /// The ISO 639-1 code (`und` when unknown).
    pub fn code(&self) -> &str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::De => "de",
            Language::It => "it",
            Language::Other(code) => code,
            Language::Unknown => "und",
        }
    }

    /// True when this is not [`Language::Unknown`].
    pub fn is_known(&self) -> bool {
        !matches!(self, Language::Unknown)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Language::parse(&code).unwrap_or(Language::Unknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_with_regions() {
        assert_eq!(Language::parse("en-GB"), Some(Language::En));
        assert_eq!(Language::parse("fr_FR"), Some(Language::Fr));
        assert_eq!(Language::parse("pt-BR"), Some(Language::Other("pt".into())));
        assert_eq!(Language::parse("und"), None);
        assert_eq!(Language::parse(""), None);
    }

    #[test]
    fn parses_menu_names() {
        assert_eq!(Language::parse("French"), Some(Language::Fr));
        assert_eq!(Language::parse("Deutsch"), Some(Language::De));
        assert_eq!(Language::parse("Español"), Some(Language::Es));
    }
}
