//! Query parameters shared by the API and the web reader, checked against the limits.

use crate::error::ApiError;
use crate::Limits;
use newsloom_model::Language;
use newsloom_store::SearchQuery;
use serde::{Deserialize, Serialize};
use url::form_urlencoded;

/// Results per page when none is asked for.
pub const DEFAULT_PER_PAGE: usize = 10;
/// The deepest page number served.
pub const MAX_PAGE: usize = 100;

/// The parameters of a search (`/api/v1/search`, `/search`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchParams {
    /// Words, "phrases", -exclusions.
    pub q: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Site name or host.
    pub site: Option<String>,
    /// Published on or after (ISO 8601).
    pub since: Option<String>,
    /// Published on or before (ISO 8601).
    pub until: Option<String>,
    /// Entity name.
    pub entity: Option<String>,
    /// Quote speaker.
    pub speaker: Option<String>,
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Hits per page.
    pub per_page: Option<usize>,
    /// API only: `false` leaves the facets out.
    #[serde(skip_serializing)]
    pub facets: Option<bool>,
}

/// A checked search: the store query and the page asked for.
#[derive(Debug, Clone)]
pub struct CheckedSearch {
    /// The store query (limit and offset set from the page).
    pub query: SearchQuery,
    /// Page number, from 1.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
}

/// A text parameter, trimmed, `None` when empty; too long is an error.
pub fn text(
    value: &Option<String>,
    name: &str,
    limits: &Limits,
) -> Result<Option<String>, ApiError> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > limits.max_query_chars {
        return Err(ApiError::bad_request(format!(
            "parameter {name} is longer than {} characters",
            limits.max_query_chars
        )));
    }
    Ok(Some(v.to_string()))
}

/// What a language parameter looks like: a BCP 47-ish tag (`en`, `fr-CA`, `pt_BR`).
pub const LANGUAGE_PATTERN: &str = "^([A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)?$";
/// What a date parameter looks like: ISO 8601, from a year to a date-time.
pub const DATE_PATTERN: &str = "^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|1[0-9]|2[0-8])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.,][0-9]+)?)?(Z|z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?)?)?)?$";

fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A date parameter: ISO 8601 (`2030`, `2030-10`, `2030-10-08`, a date-time).
pub fn date(value: &Option<String>, name: &str) -> Result<Option<String>, ApiError> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let ok = v.len() <= 40 && newsloom_store::is_iso_date(v);
    if ok {
        Ok(Some(v.to_string()))
    } else {
        Err(ApiError::bad_request(format!(
            "parameter {name}: {v:?} is not an ISO 8601 date (2030, 2030-10, 2030-10-08)"
        )))
    }
}

/// A language code parameter.
pub fn language(value: &Option<String>) -> Result<Option<Language>, ApiError> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(code) if !is_language_tag(code) => Err(ApiError::bad_request(format!(
            "parameter lang: {code:?} is not a language code (en, fr, es, de, it, …)"
        ))),
        // A well-formed tag of a language the store does not know matches nothing.
        Some(code) => Ok(Some(Language::parse(code).unwrap_or_else(|| {
            Language::Other(code.split(['-', '_']).next().unwrap_or(code).to_lowercase())
        }))),
    }
}

/// A page size parameter: default, at least 1, at most the limit.
pub fn page_size(value: Option<usize>, default: usize, limits: &Limits) -> Result<usize, ApiError> {
    match value {
        None => Ok(default),
        Some(0) => Err(ApiError::bad_request("page size must be at least 1")),
        Some(n) if n > limits.max_page_size => Err(ApiError::bad_request(format!(
            "page size {n} is over the limit of {}",
            limits.max_page_size
        ))),
        Some(n) => Ok(n),
    }
}

impl SearchParams {
    /// Checks the parameters and builds the store query.
    pub fn check(&self, limits: &Limits) -> Result<CheckedSearch, ApiError> {
        let per_page = page_size(self.per_page, DEFAULT_PER_PAGE, limits)?;
        let page = self.page.unwrap_or(1);
        if page == 0 {
            return Err(ApiError::bad_request("page numbers start at 1"));
        }
        if page > MAX_PAGE {
            return Err(ApiError::bad_request(format!(
                "page {page} is past the last page served ({MAX_PAGE})"
            )));
        }
        let offset = (page - 1).saturating_mul(per_page);
        if offset > limits.max_offset {
            return Err(ApiError::bad_request(format!(
                "page {page} is deeper than the limit of {} results",
                limits.max_offset
            )));
        }
        let mut query = SearchQuery::new(text(&self.q, "q", limits)?.unwrap_or_default());
        if let Some(l) = language(&self.lang)? {
            query = query.lang(l);
        }
        if let Some(v) = text(&self.site, "site", limits)? {
            query = query.site(v);
        }
        if let Some(v) = date(&self.since, "since")? {
            query = query.since(v);
        }
        if let Some(v) = date(&self.until, "until")? {
            query = query.until(v);
        }
        if let Some(v) = text(&self.entity, "entity", limits)? {
            query = query.entity(v);
        }
        if let Some(v) = text(&self.speaker, "speaker", limits)? {
            query = query.speaker(v);
        }
        Ok(CheckedSearch {
            query: query.limit(per_page).offset(offset),
            page,
            per_page,
        })
    }

    /// True when nothing at all is asked (the reader's front page).
    pub fn is_empty(&self) -> bool {
        [
            &self.q,
            &self.lang,
            &self.site,
            &self.since,
            &self.until,
            &self.entity,
            &self.speaker,
        ]
        .iter()
        .all(|v| v.as_deref().is_none_or(|v| v.trim().is_empty()))
    }

    /// The query string of these parameters (empty ones left out).
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        let page = self.page.filter(|&p| p > 1).map(|p| p.to_string());
        let per_page = self.per_page.map(|p| p.to_string());
        for (k, v) in [
            ("q", &self.q),
            ("lang", &self.lang),
            ("site", &self.site),
            ("since", &self.since),
            ("until", &self.until),
            ("entity", &self.entity),
            ("speaker", &self.speaker),
            ("page", &page),
            ("per_page", &per_page),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                out.append_pair(k, v);
            }
        }
        out.finish()
    }

    /// These parameters with one changed (and the page reset).
    pub fn with(&self, key: &str, value: Option<&str>) -> SearchParams {
        let mut p = self.clone();
        p.page = None;
        let v = value.map(str::to_string);
        match key {
            "q" => p.q = v,
            "lang" => p.lang = v,
            "site" => p.site = v,
            "since" => p.since = v,
            "until" => p.until = v,
            "entity" => p.entity = v,
            "speaker" => p.speaker = v,
            _ => {}
        }
        p
    }
}

/// `/search?…` for `params`.
pub fn search_href(params: &SearchParams) -> String {
    let qs = params.query_string();
    if qs.is_empty() {
        "/search".to_string()
    } else {
        format!("/search?{qs}")
    }
}

/// A path segment, percent-encoded (`/entity/{name}`).
pub fn segment(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_limits() {
        let limits = Limits::default();
        let long = "x".repeat(limits.max_query_chars + 1);
        let p = SearchParams {
            q: Some(long),
            ..SearchParams::default()
        };
        assert_eq!(p.check(&limits).unwrap_err().code, "bad_request");
        let p = SearchParams {
            per_page: Some(limits.max_page_size + 1),
            ..SearchParams::default()
        };
        assert!(p.check(&limits).is_err());
        let p = SearchParams {
            lang: Some("klingon".into()),
            ..SearchParams::default()
        };
        assert!(p.check(&limits).is_err());
        let p = SearchParams {
            page: Some(3),
            per_page: Some(20),
            ..SearchParams::default()
        };
        let c = p.check(&limits).unwrap();
        assert_eq!((c.query.offset, c.query.limit), (40, 20));
    }

    #[test]
    fn dates_and_languages() {
        for ok in [
            "2030",
            "2030-10",
            "2030-10-08",
            "2030-10-08T11:20:00+01:00",
            "2030-10-08 11:20Z",
        ] {
            assert!(date(&Some(ok.into()), "since").is_ok(), "{ok}");
        }
        for bad in [
            "yesterday",
            "2030-1",
            "20301008",
            "2030-10-08Tnoon",
            "__main__",
            "0380-35",
        ] {
            assert!(date(&Some(bad.into()), "since").is_err(), "{bad}");
        }
        for ok in ["en", "fr-CA", "pt_BR", "deu"] {
            assert!(language(&Some(ok.into())).unwrap().is_some(), "{ok}");
        }
        for bad in ["French", "e", "en-", "x1"] {
            assert!(language(&Some(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn builds_links() {
        let p = SearchParams {
            q: Some("gaza talks".into()),
            page: Some(2),
            ..SearchParams::default()
        };
        assert_eq!(search_href(&p), "/search?q=gaza+talks&page=2");
        assert_eq!(
            search_href(&p.with("lang", Some("fr"))),
            "/search?q=gaza+talks&lang=fr"
        );
        assert_eq!(segment("Steve Witkoff/é"), "Steve%20Witkoff%2F%C3%A9");
    }
}
