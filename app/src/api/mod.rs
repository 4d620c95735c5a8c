//! Server functions: thin typed entry points. Each turns raw form input into domain values,
//! asks the rules, and calls a service in `crate::ssr`.

pub mod accounts;
pub mod alerts;
pub mod announcements;
pub mod console;
pub mod deliberation;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod forum;
pub mod help;
pub mod magazine;
#[cfg(feature = "ssr")]
pub mod my_data;
pub mod notifications;
pub mod organisations;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod places;
pub mod projects;
pub mod services;
