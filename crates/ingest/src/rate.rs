//! A per-host minimum interval between requests.
//!
//! Each call to [`RateLimiter::wait`] reserves the host's next free slot and sleeps until it,
//! so requests to one host are spaced by at least the interval however many threads make
//! them, while different hosts never wait for each other.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Per-host request spacing.
#[derive(Debug)]
pub struct RateLimiter {
    default_interval: Duration,
    hosts: Mutex<HashMap<String, HostSlot>>,
}

#[derive(Debug, Clone, Copy)]
struct HostSlot {
    next: Instant,
    interval: Duration,
}

impl RateLimiter {
    /// A limiter spacing requests to each host by `interval`.
    pub fn new(interval: Duration) -> Self {
        RateLimiter {
            default_interval: interval,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, HostSlot>> {
        self.hosts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sets a longer interval for one host (a robots.txt `Crawl-delay`); shorter ones than
    /// the default are ignored.
    pub fn set_interval(&self, host: &str, interval: Duration) {
        let interval = interval.max(self.default_interval);
        let now = Instant::now();
        let mut hosts = self.lock();
        let slot = hosts.entry(host.to_string()).or_insert(HostSlot {
            next: now,
            interval,
        });
        slot.interval = interval;
    }

    /// When the next request to `host` may start.
    pub fn next_slot(&self, host: &str) -> Instant {
        let now = Instant::now();
        self.lock().get(host).map_or(now, |slot| slot.next.max(now))
    }

    /// Reserves the next slot of `host` and sleeps until it.
    pub fn wait(&self, host: &str) {
        let now = Instant::now();
        let start = {
            let mut hosts = self.lock();
            let slot = hosts.entry(host.to_string()).or_insert(HostSlot {
                next: now,
                interval: self.default_interval,
            });
            let start = slot.next.max(now);
            slot.next = start + slot.interval;
            start
        };
        let delay = start.saturating_duration_since(Instant::now());
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_one_host_and_not_others() {
        let limiter = RateLimiter::new(Duration::from_millis(60));
        let began = Instant::now();
        limiter.wait("a:80");
        limiter.wait("b:80");
        assert!(began.elapsed() < Duration::from_millis(50));
        limiter.wait("a:80");
        assert!(began.elapsed() >= Duration::from_millis(60));
    }

    #[test]
    fn crawl_delay_lengthens_only() {
        let limiter = RateLimiter::new(Duration::from_millis(50));
        limiter.set_interval("a:80", Duration::from_millis(1));
        limiter.wait("a:80");
        let next = limiter.next_slot("a:80");
        assert!(next >= Instant::now() + Duration::from_millis(30));
    }
}
