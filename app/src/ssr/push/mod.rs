//! Web Push (RFC 8030/8291/8292): VAPID keys, devices and preferences, and the dispatcher
//! that delivers the notification outbox to them.

pub mod dispatch;
pub mod keys;
pub mod subscriptions;
