//! robots.txt rules per origin, fetched once per run and cached (RFC 9309, via `robotxt`).

use robotxt::{AccessResult, Agent, Robots};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

/// What fetching an origin's robots.txt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RobotsFetch {
    /// The file (2xx): its rules apply.
    Body(Vec<u8>),
    /// A 4xx (or too many redirects): everything is allowed.
    Unavailable,
    /// A 5xx after retries: everything is disallowed for this run.
    Unreachable,
}

/// The rules that apply to newsloom on one origin.
#[derive(Debug)]
pub struct RobotsRules {
    robots: Robots,
}

impl RobotsRules {
    /// Parses what fetching robots.txt gave, for the crawler named `agent`. The agent is
    /// matched by prefix, so a `newsloom` group applies to `newsloom/0.1`.
    pub fn new(fetch: &RobotsFetch, agent: &str) -> Self {
        let access = match fetch {
            RobotsFetch::Body(body) => AccessResult::Successful(body),
            RobotsFetch::Unavailable => AccessResult::Unavailable,
            RobotsFetch::Unreachable => AccessResult::Unreachable,
        };
        RobotsRules {
            robots: Robots::from_access(access, Agent::Prefix(agent)),
        }
    }

    /// True when `url` may be fetched.
    pub fn allows(&self, url: &Url) -> bool {
        self.robots.is_url_allowed(url)
    }

    /// The `Crawl-delay` of the group that applies, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.robots.crawl_delay()
    }
}

/// robots.txt rules per origin (`scheme://host:port`).
#[derive(Debug, Default)]
pub struct RobotsCache {
    entries: Mutex<HashMap<String, Arc<RobotsRules>>>,
}

impl RobotsCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached rules of `url`'s origin.
    pub fn get(&self, url: &Url) -> Option<Arc<RobotsRules>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(&origin(url)).cloned()
    }

    /// Caches the rules of `url`'s origin and returns them.
    pub fn insert(&self, url: &Url, rules: RobotsRules) -> Arc<RobotsRules> {
        let rules = Arc::new(rules);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.insert(origin(url), Arc::clone(&rules));
        rules
    }
}

/// `scheme://host:port` of a URL (the port made explicit).
pub fn origin(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The robots.txt URL of `url`'s origin.
pub fn robots_url(url: &Url) -> Option<Url> {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    robots.set_username("").ok()?;
    robots.set_password(None).ok()?;
    Some(robots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("test URL")
    }

    #[test]
    fn newsloom_group_and_wildcard_group() {
        let txt = b"User-agent: *\nDisallow: /private/\n\nUser-agent: newsloom\nDisallow: /no-bots\nCrawl-delay: 2\n";
        let rules = RobotsRules::new(&RobotsFetch::Body(txt.to_vec()), "newsloom");
        assert!(!rules.allows(&url("http://h/no-bots/a")));
        // The specific group replaces the wildcard one.
        assert!(rules.allows(&url("http://h/private/a")));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_secs(2)));
        let other = RobotsRules::new(
            &RobotsFetch::Body(b"User-agent: *\nDisallow: /private/".to_vec()),
            "newsloom",
        );
        assert!(!other.allows(&url("http://h/private/a")));
    }

    #[test]
    fn unavailable_allows_and_unreachable_disallows() {
        let u = url("http://h/a");
        assert!(RobotsRules::new(&RobotsFetch::Unavailable, "newsloom").allows(&u));
        assert!(!RobotsRules::new(&RobotsFetch::Unreachable, "newsloom").allows(&u));
    }

    #[test]
    fn origin_and_robots_url() {
        let u = url("https://user:pw@example.invalid/a/b?q=1#f");
        assert_eq!(origin(&u), "https://example.invalid:443");
        assert_eq!(
            robots_url(&u).map(String::from).as_deref(),
            Some("https://example.invalid/robots.txt")
        );
    }
}
