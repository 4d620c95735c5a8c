//! Notifications: inbox items, devices and push preferences, as they cross the wire.

use crate::i18n::Key;
use crate::model::RoleKind;
use serde::{Deserialize, Serialize};

/// What a notification is about; people switch pushes per topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    /// New help requests of the buildings a volunteer serves.
    BuildingHelp,
    /// Changes to requests I asked for or am helping with.
    MyRequests,
    /// Requests nobody took, for the service centre's staff.
    StaffHelp,
    /// Micro-projects I proposed, support or follow.
    Proposals,
    /// Watch alerts of my building and community.
    Alerts,
    /// Announcements of the community.
    Announcements,
    /// Replies to my forum topics and comments.
    Forum,
    /// New service requests, for the service centre's staff.
    StaffServices,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::BuildingHelp,
        Topic::MyRequests,
        Topic::StaffHelp,
        Topic::Proposals,
        Topic::Alerts,
        Topic::Announcements,
        Topic::Forum,
        Topic::StaffServices,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::BuildingHelp => "building_help",
            Topic::MyRequests => "my_requests",
            Topic::StaffHelp => "staff_help",
            Topic::Proposals => "proposals",
            Topic::Alerts => "alerts",
            Topic::Announcements => "announcements",
            Topic::Forum => "forum",
            Topic::StaffServices => "staff_services",
        }
    }

    pub fn parse(raw: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            Topic::BuildingHelp => Key::TopicBuildingHelp,
            Topic::MyRequests => Key::TopicMyRequests,
            Topic::StaffHelp => Key::TopicStaffHelp,
            Topic::Proposals => Key::TopicProposals,
            Topic::Alerts => Key::TopicAlerts,
            Topic::Announcements => Key::TopicAnnouncements,
            Topic::Forum => Key::TopicForum,
            Topic::StaffServices => Key::TopicStaffServices,
        }
    }

    /// The role a topic only makes sense for; `None`: everyone.
    pub fn for_role(self) -> Option<RoleKind> {
        match self {
            Topic::BuildingHelp => Some(RoleKind::Volunteer),
            Topic::StaffHelp | Topic::StaffServices => Some(RoleKind::Staff),
            _ => None,
        }
    }

    /// Pushed even in quiet hours: a neighbour's safety cannot wait for the morning.
    pub fn ignores_quiet_hours(self, urgent: bool) -> bool {
        urgent || self == Topic::Alerts
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    pub topic: Topic,
    pub title: String,
    pub body: String,
    pub url: String,
    pub urgent: bool,
    pub created: String,
    pub unread: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub items: Vec<InboxItem>,
    pub unread: u64,
}

/// A device that receives my pushes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    pub id: i64,
    pub label: String,
    pub added: String,
    /// The push service took the last message for it.
    pub last_delivered: Option<String>,
    /// The device last confirmed showing a notification (its service worker's receipt).
    pub last_shown: Option<String>,
    /// Subscribed with a key the server no longer has: open the app on it to renew.
    pub needs_renewal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    pub topic: Topic,
    pub pushed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushPreferences {
    pub topics: Vec<TopicChoice>,
    /// `HH:MM`, Beijing time; both set or both empty.
    pub quiet_from: Option<String>,
    pub quiet_until: Option<String>,
    pub devices: Vec<DeviceView>,
    /// The server's VAPID public key (base64url), for `pushManager.subscribe`.
    pub public_key: String,
}

/// Minutes after midnight from `HH:MM`.
pub fn parse_clock(raw: &str) -> Option<i32> {
    let (h, m) = raw.trim().split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

pub fn show_clock(minutes: i32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// True when `minute` (after local midnight) falls in the quiet span; a span may cross
/// midnight (22:00–07:00).
pub fn in_quiet_hours(from: i32, until: i32, minute: i32) -> bool {
    if from == until {
        false
    } else if from < until {
        (from..until).contains(&minute)
    } else {
        minute >= from || minute < until
    }
}

/// Unpadded base64url, as push keys travel (the browser bundle has no base64 crate).
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, s)| n | (*s as u32) << (18 - 6 * i));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(37)).collect();
            assert_eq!(base64url_decode(&base64url(&bytes)), bytes);
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
    }

    #[test]
    fn clock_times_parse_and_print() {
        assert_eq!(parse_clock("07:30"), Some(450));
        assert_eq!(parse_clock(" 22:00 "), Some(1320));
        assert_eq!(parse_clock("24:00"), None);
        assert_eq!(parse_clock("7"), None);
        assert_eq!(show_clock(450), "07:30");
    }

    #[test]
    fn quiet_hours_may_cross_midnight() {
        assert!(in_quiet_hours(22 * 60, 7 * 60, 23 * 60));
        assert!(in_quiet_hours(22 * 60, 7 * 60, 60));
        assert!(!in_quiet_hours(22 * 60, 7 * 60, 7 * 60));
        assert!(!in_quiet_hours(22 * 60, 7 * 60, 12 * 60));
        assert!(in_quiet_hours(13 * 60, 14 * 60, 13 * 60 + 30));
        assert!(!in_quiet_hours(8 * 60, 8 * 60, 8 * 60));
    }

    #[test]
    fn topics_round_trip() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.as_str()), Some(t));
        }
        assert_eq!(Topic::parse("nope"), None);
    }
}
