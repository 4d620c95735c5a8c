//! Runtime rules the server functions need, filled from the server's configuration.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Policy {
    /// A session unused for this long ends.
    pub session_idle_minutes: i64,
    /// A session ends this long after sign-in, used or not.
    pub session_absolute_days: i64,
    /// Mark cookies `Secure`: on whenever the public address is HTTPS.
    pub secure_cookies: bool,
    /// Believe `X-Forwarded-For` (only behind our own reverse proxy).
    pub trust_proxy_headers: bool,
    pub limits: Limits,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    pub login_per_ip: RateLimit,
    pub login_per_account: RateLimit,
    pub register_per_ip: RateLimit,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct RateLimit {
    pub max: u32,
    pub window_seconds: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            session_idle_minutes: 60 * 24 * 14,
            session_absolute_days: 90,
            secure_cookies: false,
            trust_proxy_headers: false,
            limits: Limits {
                login_per_ip: RateLimit {
                    max: 30,
                    window_seconds: 600,
                },
                login_per_account: RateLimit {
                    max: 10,
                    window_seconds: 900,
                },
                register_per_ip: RateLimit {
                    max: 10,
                    window_seconds: 3600,
                },
            },
        }
    }
}
