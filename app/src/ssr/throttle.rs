//! Fixed-window attempt counters for sign-in and registration, kept in memory per server.

use super::policy::RateLimit;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Throttle {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

/// Past this many keys, expired windows are swept before counting.
const SWEEP_AT: usize = 10_000;

impl Throttle {
    /// Counts one attempt under `key`; false when the limit for the current window is spent.
    pub fn allow(&self, key: &str, limit: RateLimit) -> bool {
        self.allow_at(key, limit, Instant::now())
    }

    fn allow_at(&self, key: &str, limit: RateLimit, now: Instant) -> bool {
        let window = Duration::from_secs(limit.window_seconds);
        let mut windows = self.windows.lock().expect("throttle poisoned");
        if windows.len() > SWEEP_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= limit.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_until_the_window_ends() {
        let throttle = Throttle::default();
        let limit = RateLimit { max: 2, window_seconds: 60 };
        let t0 = Instant::now();
        assert!(throttle.allow_at("ip:1", limit, t0));
        assert!(throttle.allow_at("ip:1", limit, t0));
        assert!(!throttle.allow_at("ip:1", limit, t0));
        assert!(throttle.allow_at("ip:2", limit, t0), "keys are independent");
        assert!(throttle.allow_at("ip:1", limit, t0 + Duration::from_secs(61)));
    }
}
