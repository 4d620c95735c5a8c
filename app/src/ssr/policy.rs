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
    pub push: PushPolicy,
}

/// Web Push: who we say we are, where subscriptions may point, how hard we retry.
#[derive(Clone, Serialize, Deserialize)]
pub struct PushPolicy {
    /// The VAPID `sub` claim: a `mailto:` or `https:` contact push services can reach.
    pub subject: String,
    /// Raw P-256 private key, base64url. Empty: one is generated at first start and kept in
    /// the database.
    pub vapid_private_key: String,
    /// Origins a subscription endpoint may have. `https://` entries may start their host
    /// with `*.`; a plain `http://` entry is accepted only for a loopback host (test
    /// receivers).
    pub allowed_origins: Vec<String>,
    /// Sends in flight at once per dispatcher.
    pub concurrency: usize,
    /// Attempts before a delivery is given up.
    pub max_attempts: i32,
    /// Consecutive refusals (4xx) before a subscription is removed.
    pub max_failures: i32,
}

/// The key never appears in logs.
impl std::fmt::Debug for PushPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushPolicy")
            .field("subject", &self.subject)
            .field("vapid_private_key", &if self.vapid_private_key.is_empty() { "(database)" } else { "(set)" })
            .field("allowed_origins", &self.allowed_origins)
            .field("concurrency", &self.concurrency)
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

impl Default for PushPolicy {
    fn default() -> Self {
        PushPolicy {
            subject: "mailto:jiayuan@zhaoshang.example.cn".into(),
            vapid_private_key: String::new(),
            allowed_origins: [
                "https://fcm.googleapis.com",
                "https://*.push.apple.com",
                "https://updates.push.services.mozilla.com",
                "https://*.notify.windows.com",
                "https://*.push.hicloud.com",
            ]
            .map(String::from)
            .to_vec(),
            concurrency: 16,
            max_attempts: 8,
            max_failures: 3,
        }
    }
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
    /// An urgent request whose push no volunteer's device confirmed within this many minutes
    /// goes on the staff call list (phone the volunteers).
    pub call_list_after_minutes: i64,
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
    /// Postings of one person (see `quotas`). Generous for a neighbour in need, tight enough
    /// that one account cannot flood a building's volunteers or a proposal's discussion.
    pub help_requests: RateLimit,
    pub alerts: RateLimit,
    pub alert_replies: RateLimit,
    pub comments: RateLimit,
    pub topics: RateLimit,
    pub supports: RateLimit,
    /// All postings from one address, across accounts (a compound's shared connection
    /// counts once, so this is high).
    pub posts_per_ip: RateLimit,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct RateLimit {
    pub max: u32,
    pub window_seconds: u64,
}

const HOUR: u64 = 3600;
const DAY: u64 = 24 * HOUR;

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
                // Discourse's defaults are the model: 20 topics and 50 likes a day.
                help_requests: RateLimit { max: 10, window_seconds: HOUR },
                alerts: RateLimit { max: 10, window_seconds: DAY },
                alert_replies: RateLimit { max: 60, window_seconds: HOUR },
                comments: RateLimit { max: 30, window_seconds: HOUR },
                topics: RateLimit { max: 5, window_seconds: HOUR },
                supports: RateLimit { max: 50, window_seconds: DAY },
                posts_per_ip: RateLimit { max: 300, window_seconds: HOUR },
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
                call_list_after_minutes: 3,
            },
            push: PushPolicy::default(),
        }
    }
}
