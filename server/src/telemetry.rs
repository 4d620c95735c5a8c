//! Logs to stderr, filtered by `RUST_LOG` (default `info`). Log lines carry ids, never
//! contact details, addresses, passwords or session tokens.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}
