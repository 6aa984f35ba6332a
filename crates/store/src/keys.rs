//! Identity keys: normalised URLs (to recognise the same article) and site keys (for filters).

use newsloom_model::Article;

/// A URL reduced to what identifies a page: no scheme, no fragment, lower-case host without
/// `www.`, no trailing slash. `None` for an empty string.
///
/// `https://www.Example.com/a/b/?x=1#top` and `http://example.com/a/b?x=1` differ only in the
/// query's slash, so they give `example.com/a/b/?x=1` and `example.com/a/b?x=1`; paths are
/// otherwise kept exactly (they are case-sensitive on most servers).
pub(crate) fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => url.strip_prefix("//").unwrap_or(url),
    };
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let path = path.strip_suffix('/').unwrap_or(path);
    Some(format!("{host}{path}"))
}

/// The host of a URL, lower-case, without `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let key = url_key(url)?;
    let host = key.split(['/', '?']).next().unwrap_or(&key);
    // Drop a port.
    let host = host.split(':').next().unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// A site name or host as matched by the `site` filters: trimmed, lower-case, without `www.`.
pub(crate) fn site_key(site: &str) -> String {
    let s = site.trim().to_lowercase();
    s.strip_prefix("www.").unwrap_or(&s).to_string()
}

/// The article's identity keys: its URL and canonical URL, normalised, deduplicated.
pub(crate) fn article_url_keys(article: &Article) -> Vec<String> {
    let mut keys: Vec<String> = [&article.url, &article.canonical_url]
        .into_iter()
        .flatten()
        .filter_map(|u| url_key(u))
        .collect();
    keys.dedup();
    keys
}

/// The article's host: from its URL, else its canonical URL.
pub(crate) fn article_host(article: &Article) -> Option<String> {
    [&article.url, &article.canonical_url]
        .into_iter()
        .flatten()
        .find_map(|u| host_of(u))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn url_keys_ignore_scheme_www_fragment_and_trailing_slash() {
        assert_eq!(
            url_key("https://www.Example.com/News/a/#top").unwrap(),
            "example.com/News/a"
        );
        assert_eq!(
            url_key("http://example.com/News/a").unwrap(),
            "example.com/News/a"
        );
        assert_eq!(
            url_key("https://example.com?id=3").unwrap(),
            "example.com?id=3"
        );
        assert!(url_key("  ").is_none());
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.lemonde.fr:443/x").unwrap(),
            "lemonde.fr"
        );
        assert_eq!(site_key(" The Guardian "), "the guardian");
    }
}
