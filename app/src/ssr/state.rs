use super::clock::Clock;
use super::policy::Policy;
use super::throttle::Throttle;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request needs, handed to server functions as context and to axum handlers
/// as state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub policy: Arc<Policy>,
    pub throttle: Arc<Throttle>,
    pub clock: Arc<dyn Clock>,
    /// Rung after a write is answered: the push dispatcher looks at the outbox now instead of
    /// at its next poll, so a volunteer's phone rings within milliseconds of a help request.
    pub outbox: Arc<tokio::sync::Notify>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
