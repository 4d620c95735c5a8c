//! Tables as sea-orm entities. Times are UTC; ids are `i64`.

pub mod account;
pub mod audit_entry;
pub mod building;
pub mod community;
pub mod help_event;
pub mod help_request;
pub mod notification;
pub mod role_grant;
pub mod session;
pub mod street;
pub mod unit;
pub mod volunteer_duty;
