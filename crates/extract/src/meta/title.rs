//! The headline: JSON-LD `headline`, `og:title`, `twitter:title`, `<title>` and `<h1>`.
//!
//! *What it does*: prefers the visible `<h1>` when it matches a meta title (up to the site
//! suffix), else the most trusted meta title, else the `<h1>`; strips " | Site", " - Site",
//! " — Site", " · Site", ": Site" from `<title>`.
//! *Why*: meta titles are often rewritten for social media; the `<h1>` is what readers see, but
//! on some pages it is the site logo.
//! *Example*: `<title>Big news | The Planet</title><h1>Big news</h1>` → "Big news" (from the DOM),
//! site "The Planet".

use super::text::fold;
use super::vocab;

/// Thresholds of title choice.
#[derive(Debug, Clone, Copy)]
pub struct TitleConfig {
    /// Longest site-name suffix stripped without knowing the site's name, in words.
    pub max_suffix_words: usize,
    /// Longest site-name suffix stripped without knowing the site's name, in characters.
    pub max_suffix_chars: usize,
    /// Longest acceptable headline, in characters.
    pub max_title_chars: usize,
}

impl TitleConfig {
    /// Defaults.
    pub const DEFAULT: TitleConfig = TitleConfig {
        max_suffix_words: 5,
        max_suffix_chars: 40,
        max_title_chars: 400,
    };
}

/// Splits `title` into the headline and the site-name part around a separator. The site part is
/// stripped when it matches `site`, or, with no known site, when it is short.
pub fn split_site_suffix<'a>(
    title: &'a str,
    site: Option<&str>,
    cfg: &TitleConfig,
) -> (&'a str, Option<&'a str>) {
    let title = title.trim();
    let site_key = site.map(fold).filter(|s| !s.is_empty());
    if let Some(site_key) = &site_key {
        let matches = |part: &str| {
            let p = fold(part);
            !p.is_empty()
                && (p == *site_key
                    || p.contains(site_key.as_str())
                    || site_key.contains(p.as_str()))
        };
        for sep in vocab::TITLE_SEPARATORS.iter().chain(std::iter::once(&": ")) {
            if let Some(pos) = title.rfind(sep) {
                let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
                if matches(tail) && !head.trim().is_empty() {
                    return (head.trim(), Some(tail.trim()));
                }
            }
            if let Some(pos) = title.find(sep) {
                let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
                let exact = fold(head) == *site_key;
                if matches(head) && !tail.trim().is_empty() && (*sep != ": " || exact) {
                    return (tail.trim(), Some(head.trim()));
                }
            }
        }
    }
    // No known site: strip a short trailing part after the last separator.
    let best = vocab::TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|pos| (pos, sep.len())))
        .max_by_key(|(pos, _)| *pos);
    if let Some((pos, len)) = best {
        let (head, tail) = (title[..pos].trim(), title[pos + len..].trim());
        let tail_words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        if !tail.is_empty()
            && tail_words <= cfg.max_suffix_words
            && tail.chars().count() <= cfg.max_suffix_chars
            && head_words >= tail_words
            && super::text::starts_upper(tail)
        {
            // "Headline | Section | Site": drop the section as well.
            let (head2, _) = match head.rfind(" | ") {
                Some(p) if head[p + 3..].split_whitespace().count() <= 2 && p > 0 => {
                    (head[..p].trim(), ())
                }
                _ => (head, ()),
            };
            return (head2, Some(tail));
        }
    }
    (title, None)
}

/// True when `h1` is `meta` up to a site suffix or a minor rewrite.
pub fn h1_matches(h1: &str, meta: &str, site: Option<&str>, cfg: &TitleConfig) -> bool {
    let (fh, fm) = (fold(h1), fold(meta));
    if fh.is_empty() || fm.is_empty() {
        return false;
    }
    if fh == fm || fold(split_site_suffix(meta, site, cfg).0) == fh {
        return true;
    }
    let close = |a: &str, b: &str| a.len() * 2 >= b.len();
    ((fm.starts_with(fh.as_str()) || fm.ends_with(fh.as_str())) && close(&fh, &fm))
        || (fh.starts_with(fm.as_str()) && fm.len() * 3 >= fh.len() * 2)
}

/// A title candidate: its text and provenance origin.
pub type Candidate<'a> = (&'a str, &'static str);

/// Chooses the headline from meta candidates (most trusted first) and the page's `<h1>`s
/// (article ones first).
pub fn choose(
    metas: &[Candidate<'_>],
    h1s: &[String],
    site: Option<&str>,
    cfg: &TitleConfig,
) -> Option<(String, &'static str)> {
    let ok = |t: &str| !t.trim().is_empty() && t.chars().count() <= cfg.max_title_chars;
    for h1 in h1s.iter().filter(|h| ok(h)) {
        if metas.iter().any(|(m, _)| h1_matches(h1, m, site, cfg)) {
            return Some((h1.clone(), "dom"));
        }
    }
    if let Some((m, origin)) = metas.iter().find(|(m, _)| ok(m)) {
        let (head, _) = split_site_suffix(m, site, cfg);
        return Some((head.to_string(), origin));
    }
    h1s.iter().find(|h| ok(h)).map(|h| (h.clone(), "dom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: TitleConfig = TitleConfig::DEFAULT;

    #[test]
    fn strips_site_suffixes() {
        assert_eq!(
            split_site_suffix("Big news | The Planet", None, &C),
            ("Big news", Some("The Planet"))
        );
        assert_eq!(
            split_site_suffix("Gros titre - Le Journal", None, &C).0,
            "Gros titre"
        );
        assert_eq!(
            split_site_suffix("Titular de hoy — El Diario", None, &C).0,
            "Titular de hoy"
        );
        assert_eq!(
            split_site_suffix("Schlagzeile heute · Die Zeitung", None, &C).0,
            "Schlagzeile heute"
        );
        assert_eq!(
            split_site_suffix("Titolo del giorno: La Gazzetta", Some("La Gazzetta"), &C).0,
            "Titolo del giorno"
        );
        assert_eq!(
            split_site_suffix("The Planet | Big news", Some("The Planet"), &C).0,
            "Big news"
        );
        assert_eq!(
            split_site_suffix("Brexit: what happens next", None, &C).0,
            "Brexit: what happens next"
        );
        assert_eq!(
            split_site_suffix("Story | World | The Planet", None, &C).0,
            "Story"
        );
    }

    #[test]
    fn prefers_the_h1_when_it_matches_a_meta_title() {
        let metas = [
            ("Big news, rewritten for social", "opengraph"),
            ("Big news | The Planet", "title-tag"),
        ];
        let h1s = vec!["Big news".to_string()];
        assert_eq!(
            choose(&metas, &h1s, Some("The Planet"), &C),
            Some(("Big news".into(), "dom"))
        );
    }

    #[test]
    fn a_logo_h1_loses_to_the_meta_title() {
        let metas = [("Gros titre du jour", "json-ld")];
        let h1s = vec!["Le Journal".to_string()];
        assert_eq!(
            choose(&metas, &h1s, None, &C),
            Some(("Gros titre du jour".into(), "json-ld"))
        );
        assert_eq!(
            choose(&[], &h1s, None, &C),
            Some(("Le Journal".into(), "dom"))
        );
    }
}
