//! Server functions: thin typed entry points. Each turns raw form input into domain values,
//! asks the rules, and calls a service in `crate::ssr`.

pub mod accounts;
pub mod alerts;
pub mod console;
pub mod deliberation;
pub mod forum;
pub mod help;
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod places;
pub mod projects;
