use crate::i18n::Key;
use crate::model::{AccountId, BuildingId};
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($name:ident { $($variant:ident => $text:literal, $label:ident;)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value stored in the database and sent in forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            pub fn label(self) -> Key {
                match self { $($name::$variant => Key::$label),* }
            }
        }
    };
}

stored_enum!(Category {
    Errand => "errand", HelpCatErrand;
    Escort => "escort", HelpCatEscort;
    Repair => "repair", HelpCatRepair;
    CheckIn => "check_in", HelpCatCheckIn;
    LostFound => "lost_found", HelpCatLostFound;
    Other => "other", HelpCatOther;
});

stored_enum!(Urgency {
    Urgent => "urgent", UrgencyUrgent;
    Today => "today", UrgencyToday;
    ThisWeek => "this_week", UrgencyThisWeek;
    Anytime => "anytime", UrgencyAnytime;
});

stored_enum!(HelpState {
    Open => "open", HelpStateOpen;
    Claimed => "claimed", HelpStateClaimed;
    InProgress => "in_progress", HelpStateInProgress;
    Resolved => "resolved", HelpStateResolved;
    Cancelled => "cancelled", HelpStateCancelled;
    Expired => "expired", HelpStateExpired;
});

impl HelpState {
    pub fn is_finished(self) -> bool {
        matches!(self, HelpState::Resolved | HelpState::Cancelled | HelpState::Expired)
    }
}

/// One line of a request's list: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpRequestSummary {
    pub id: i64,
    pub category: Category,
    pub urgency: Urgency,
    pub state: HelpState,
    pub description: String,
    pub building: String,
    pub created: String,
    pub escalation_level: i32,
    pub requester_name: String,
}

/// A request as one person may see it. `contact` and `address` are filled only for the
/// volunteer who holds the request and for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpRequestDetail {
    pub summary: HelpRequestSummary,
    pub window: Option<String>,
    pub requester: AccountId,
    pub volunteer: Option<AccountId>,
    pub volunteer_name: Option<String>,
    pub building_id: BuildingId,
    pub contact: Option<String>,
    pub address: Option<String>,
    pub via_hotline: bool,
    pub done_reported: bool,
    pub thanks: Option<String>,
    pub rating: Option<i32>,
    pub timeline: Vec<TimelineEntry>,
    /// What the viewer may do now, decided by the server's rules.
    pub allowed: Vec<crate::help::HelpAction>,
    /// The viewer asked for this help, it is resolved, and they have not thanked yet.
    pub can_thank: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: String,
    pub who: String,
    pub what: Key,
    pub note: Option<String>,
}

/// A volunteer's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub open: Vec<HelpRequestSummary>,
    pub mine: Vec<HelpRequestSummary>,
    pub on_duty: bool,
    pub resolved: u64,
    pub minutes: i64,
}

/// The staff triage list and the volunteers they can assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Triage {
    pub requests: crate::model::Listing<HelpRequestSummary>,
    /// (account id, "name · building") of every volunteer staff may assign.
    pub volunteers: Vec<(i64, String)>,
    /// Urgent requests no volunteer's phone confirmed: staff ring the building's volunteers.
    pub call_list: Vec<CallListEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallListEntry {
    pub request: HelpRequestSummary,
    pub listed: String,
    pub volunteers: Vec<VolunteerContact>,
}

/// A volunteer's number, shown to staff only, for the call list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerContact {
    pub name: String,
    pub contact: String,
    pub on_duty: bool,
}
