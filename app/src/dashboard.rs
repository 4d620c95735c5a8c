//! The staff console's dashboard: counts that need someone today, and charts drawn as SVG
//! on the server from the same rows.

use serde::{Deserialize, Serialize};

/// One bar of a chart; several values stack (one per series).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub values: Vec<u32>,
}

impl Bar {
    pub fn total(&self) -> u32 {
        self.values.iter().sum()
    }
}

/// A bar chart with its title and series names, already in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
    /// Said after a value, e.g. "min".
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub pending_verifications: u64,
    /// Help requests nobody has taken yet; of them, those escalated to staff.
    pub open_help: u64,
    pub escalated_help: u64,
    /// Unfinished past their time window, or older than `OVERDUE_DAYS` without one.
    pub overdue_help: u64,
    pub awaiting_review: u64,
    pub open_service_requests: u64,
    pub charts: Vec<Chart>,
}

/// A request with no time window is overdue when still unfinished after this many days.
pub const OVERDUE_DAYS: i64 = 3;
/// The charts look back this many weeks.
pub const WEEKS: usize = 8;
