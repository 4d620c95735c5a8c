//! The Jiayuan server: configuration, the HTTP application, the command line.

pub mod availability;
pub mod backup;
pub mod caching;
pub mod cli;
pub mod config;
pub mod flash;
pub mod hardening;
pub mod origin;
pub mod startup;
pub mod telemetry;
