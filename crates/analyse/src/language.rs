//! The article's language: the declared one (from the page) checked against detection with
//! `lingua`, limited to the five languages newsloom analyses (models embedded in the binary).

use lingua::{LanguageDetector, LanguageDetectorBuilder};
use newsloom_model::{Article, Language};

/// Detection settings.
#[derive(Debug, Clone)]
pub struct LanguageConfig {
    /// How many characters of the text are given to the detector.
    pub sample_chars: usize,
    /// How many when the page declares one of the five languages (detection only checks it).
    pub check_chars: usize,
    /// Confidence (0–1) detection needs to override a declared language.
    pub override_confidence: f64,
    /// Confidence (0–1) detection needs to name a language when none is declared.
    pub min_confidence: f64,
}

impl Default for LanguageConfig {
    fn default() -> Self {
        LanguageConfig {
            sample_chars: 800,
            check_chars: 300,
            override_confidence: 0.9,
            min_confidence: 0.5,
        }
    }
}

/// A language detector for en/fr/es/de/it.
pub struct Detector {
    inner: LanguageDetector,
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector {
    /// Builds the detector (models are loaded lazily by lingua, once).
    pub fn new() -> Detector {
        let inner = LanguageDetectorBuilder::from_languages(&[
            lingua::Language::English,
            lingua::Language::French,
            lingua::Language::Spanish,
            lingua::Language::German,
            lingua::Language::Italian,
        ])
        .build();
        Detector { inner }
    }

    /// Detects the language of `text` with its confidence.
    pub fn detect(&self, text: &str, sample_chars: usize) -> Option<(Language, f64)> {
        let sample: String = text.chars().take(sample_chars).collect();
        if sample.trim().is_empty() {
            return None;
        }
        let values = self.inner.compute_language_confidence_values(&sample);
        let (lang, confidence) = values.first()?;
        Some((from_lingua(*lang), *confidence))
    }

    /// The language to record: the declared one unless detection strongly disagrees; the
    /// detected one when none is declared (or it is not one of the five and detection is sure).
    pub fn decide(&self, article: &Article, cfg: &LanguageConfig) -> Language {
        let declared = article.language.clone();
        let text = if article.text.is_empty() {
            article.title.as_deref().unwrap_or("")
        } else {
            &article.text
        };
        let supported = Language::SUPPORTED.contains(&declared);
        let sample = if supported {
            cfg.check_chars
        } else {
            cfg.sample_chars
        };
        let Some((detected, confidence)) = self.detect(text, sample) else {
            return declared;
        };
        if !declared.is_known() {
            return if confidence >= cfg.min_confidence {
                detected
            } else {
                declared
            };
        }
        if supported && detected != declared && confidence >= cfg.override_confidence {
            return detected;
        }
        declared
    }
}

fn from_lingua(l: lingua::Language) -> Language {
    match l {
        lingua::Language::English => Language::En,
        lingua::Language::French => Language::Fr,
        lingua::Language::Spanish => Language::Es,
        lingua::Language::German => Language::De,
        lingua::Language::Italian => Language::It,
        #[allow(unreachable_patterns)]
        _ => Language::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_five_languages_on_short_text() {
        let d = Detector::new();
        let cases = [
            (
                "The council voted on Tuesday to close the old bridge.",
                Language::En,
            ),
            (
                "Le conseil municipal a voté mardi la fermeture du vieux pont.",
                Language::Fr,
            ),
            (
                "El ayuntamiento votó el martes el cierre del viejo puente.",
                Language::Es,
            ),
            (
                "Der Stadtrat stimmte am Dienstag für die Schließung der alten Brücke.",
                Language::De,
            ),
            (
                "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte.",
                Language::It,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(d.detect(text, 2000).map(|x| x.0), Some(want), "{text}");
        }
    }

    #[test]
    fn a_wrong_declaration_is_overridden_only_when_sure() {
        let d = Detector::new();
        let mut a = Article::new("x");
        a.language = Language::En;
        a.text = "Le conseil municipal a voté mardi soir la fermeture du vieux pont, après un long débat sur le coût des travaux.".into();
        assert_eq!(d.decide(&a, &LanguageConfig::default()), Language::Fr);
        a.language = Language::Other("pt".into());
        assert_eq!(
            d.decide(&a, &LanguageConfig::default()),
            Language::Other("pt".into())
        );
    }
}
