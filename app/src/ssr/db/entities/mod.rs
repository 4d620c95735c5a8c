//! Tables as sea-orm entities. Times are UTC; ids are `i64`.

pub mod account;
pub mod alert_reply;
pub mod alert_report;
pub mod audit_entry;
pub mod ballot;
pub mod ballot_pick;
pub mod building;
pub mod community;
pub mod funding_round;
pub mod help_event;
pub mod help_request;
pub mod notification;
pub mod notification_mute;
pub mod notification_setting;
pub mod proposal;
pub mod proposal_event;
pub mod proposal_support;
pub mod push_delivery;
pub mod push_subscription;
pub mod role_grant;
pub mod session;
pub mod street;
pub mod unit;
pub mod vapid_key;
pub mod volunteer_duty;
pub mod watch_alert;
