//! Neighbourhood mutual aid (邻里守望 · 连心桥): help requests, their life, their timeline.

mod lifecycle;
mod types;

pub use lifecycle::{Actor, HelpAction, allowed, transition};
pub use types::{
    Board, CallListEntry, Category, HelpRequestDetail, HelpRequestSummary, HelpState, TimelineEntry, Triage, Urgency,
    VolunteerContact,
};
