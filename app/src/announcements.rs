//! Announcements 社区公告: what the service centre tells a community or one building, and,
//! for the sender, how far the sending has got.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementSummary {
    pub id: i64,
    pub title: String,
    pub pinned: bool,
    /// The building's name, or `None` for the whole community.
    pub building: Option<String>,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementList {
    pub items: Vec<AnnouncementSummary>,
    pub page: u32,
    pub more: bool,
    /// The buildings a publisher may address; empty for everyone else.
    pub buildings: Vec<(i64, String)>,
    pub can_publish: bool,
}

/// Sending progress of a pushed announcement, as its publisher watches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SendProgress {
    /// People it was addressed to (each gets it in the inbox).
    pub recipients: u64,
    /// People the dispatcher has not reached yet.
    pub waiting: u64,
    /// Devices the push went to, and still queued for.
    pub devices_sent: u64,
    pub devices_queued: u64,
    /// People with no device or who muted announcements: inbox only.
    pub inbox_only: u64,
}

impl SendProgress {
    pub fn is_finished(&self) -> bool {
        self.waiting == 0 && self.devices_queued == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementView {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub pinned: bool,
    pub building: Option<String>,
    pub author: String,
    pub when: String,
    pub pushed: bool,
    /// Only for those who may publish here.
    pub progress: Option<SendProgress>,
}
