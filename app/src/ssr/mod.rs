//! Server-only code: data, sessions, services. Never compiled into the browser bundle.

pub mod accounts;
pub mod alerts;
pub mod announcements;
pub mod audit;
pub mod ballots;
pub mod clock;
pub mod comments;
pub mod csv;
pub mod dashboard;
pub mod db;
pub mod delivery;
pub mod forum;
pub mod help;
pub mod magazine;
pub mod notifications;
pub mod organisations;
pub mod passwords;
pub mod photos;
pub mod places;
pub mod policy;
pub mod projects;
pub mod push;
pub mod request;
pub mod roles;
pub mod seed;
pub mod services;
pub mod sessions;
pub mod state;
pub mod throttle;

pub use state::AppState;

use crate::error::AppError;

/// A database failure is logged with its cause and reaches the client only as "internal".
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// True when the error is a unique-constraint violation (both backends).
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// A calendar day as people in Shenzhen read it: `2026-12-31`.
pub fn shown_date(t: chrono::DateTime<chrono::Utc>) -> String {
    let shenzhen = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    t.with_timezone(&shenzhen).format("%Y-%m-%d").to_string()
}

/// A time as people in Shenzhen read it (UTC+8), short: `11-27 09:30`.
pub fn shown_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let shenzhen = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    t.with_timezone(&shenzhen).format("%m-%d %H:%M").to_string()
}

/// Date and time as people in Shenzhen read them, in full: `2026-11-27 09:30`.
pub fn shown_datetime(t: chrono::DateTime<chrono::Utc>) -> String {
    let shenzhen = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    t.with_timezone(&shenzhen).format("%Y-%m-%d %H:%M").to_string()
}

/// Rows of the communities in `scope` (everything for a street-wide scope).
pub fn in_scope<C: sea_orm::ColumnTrait>(column: C, scope: &crate::authz::CommunityScope) -> sea_orm::Condition {
    match scope {
        crate::authz::CommunityScope::All => sea_orm::Condition::all(),
        crate::authz::CommunityScope::Some(ids) => sea_orm::Condition::all().add(column.is_in(ids.iter().map(|c| c.0))),
    }
}
