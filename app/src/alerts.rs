//! Watch alerts (守望提醒): what crosses the wire.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertView {
    pub id: i64,
    pub author: String,
    pub body: String,
    /// The building's name, or `None` for the whole community.
    pub building: Option<String>,
    pub created: String,
    /// Set when staff hid it; only staff still see a hidden alert.
    pub hidden_reason: Option<String>,
    pub replies: Vec<AlertReplyView>,
    /// Shown to staff only.
    pub reports: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertReplyView {
    pub author: String,
    pub body: String,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertFeed {
    pub alerts: Vec<AlertView>,
    pub can_post_community: bool,
    pub can_moderate: bool,
}
