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
    pub help: HelpPolicy,
}

/// Timers of a help request, by urgency.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HelpPolicy {
    pub urgent: HelpTimers,
    pub today: HelpTimers,
    pub this_week: HelpTimers,
    pub anytime: HelpTimers,
    /// A request the volunteer reported done resolves by itself after this long.
    pub auto_resolve_hours: i64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct HelpTimers {
    /// Unclaimed this long: offered to the neighbouring buildings' volunteers too.
    pub neighbours_after_minutes: i64,
    /// Unclaimed this long: the service centre's duty staff are told.
    pub staff_after_minutes: i64,
    /// Unclaimed this long: the request expires.
    pub expire_after_hours: i64,
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
                login_per_ip: RateLimit { max: 30, window_seconds: 600 },
                login_per_account: RateLimit { max: 10, window_seconds: 900 },
                register_per_ip: RateLimit { max: 10, window_seconds: 3600 },
            },
            help: HelpPolicy {
                urgent: HelpTimers { neighbours_after_minutes: 10, staff_after_minutes: 20, expire_after_hours: 24 },
                today: HelpTimers { neighbours_after_minutes: 60, staff_after_minutes: 180, expire_after_hours: 48 },
                this_week: HelpTimers {
                    neighbours_after_minutes: 24 * 60,
                    staff_after_minutes: 48 * 60,
                    expire_after_hours: 8 * 24,
                },
                anytime: HelpTimers {
                    neighbours_after_minutes: 3 * 24 * 60,
                    staff_after_minutes: 7 * 24 * 60,
                    expire_after_hours: 30 * 24,
                },
                auto_resolve_hours: 72,
            },
        }
    }
}
