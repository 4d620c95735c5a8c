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
pub mod my_data;
pub mod notifications;
pub mod organisations;
pub mod passwords;
pub mod photos;
pub mod places;
pub mod policy;
pub mod projects;
pub mod push;
pub mod quotas;
pub mod request;
pub mod roles;
pub mod seed;
pub mod services;
pub mod sessions;
pub mod state;
pub mod submissions;
pub mod throttle;
pub mod two_factor;

pub use state::AppState;

use crate::error::AppError;
use crate::i18n::Locale;

/// A database failure is logged with its cause and reaches the client only as "internal".
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::{DbErr, RuntimeErr};
        let unreachable = match &err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
            DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
                matches!(
                    **e,
                    sea_orm::sqlx::Error::Io(_) | sea_orm::sqlx::Error::PoolTimedOut | sea_orm::sqlx::Error::PoolClosed
                )
            }
            _ => false,
        };
        tracing::error!(error = %err, "database error");
        if unreachable { AppError::Unavailable } else { AppError::Internal }
    }
}

/// This build's identity for the service worker: the bundle's content hash from the hash
/// file cargo-leptos writes next to the server binary, or "dev" when files are not hashed.
pub fn build_id() -> String {
    static BUILD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BUILD
        .get_or_init(|| hash_file().and_then(|hashes| hash_of(&hashes, "wasm")).unwrap_or_else(|| "dev".to_owned()))
        .clone()
}

/// The hash file's text, when this binary was built with hashed file names.
pub fn hash_file() -> Option<String> {
    let dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    std::fs::read_to_string(dir.join("hash.txt")).ok()
}

fn hash_of(hashes: &str, kind: &str) -> Option<String> {
    hashes.lines().filter_map(|l| l.split_once(':')).find(|(k, _)| k.trim() == kind).map(|(_, v)| v.trim().to_owned())
}

/// Rows on one page of a console list.
pub const LIST_PAGE: u64 = 20;
/// Rows in one CSV export at most; a bigger list is narrowed by its filters first.
pub const EXPORT_LIMIT: u64 = 10_000;

/// One page of an ordered query (its order must end on a unique column, so pages neither
/// repeat nor skip rows) with the total it pages through.
pub async fn page_of<E: sea_orm::EntityTrait>(
    db: &impl sea_orm::ConnectionTrait,
    select: sea_orm::Select<E>,
    page: u32,
) -> Result<crate::model::Listing<E::Model>, sea_orm::DbErr>
where
    E::Model: Send + Sync,
{
    use sea_orm::{PaginatorTrait, QuerySelect};
    let total = select.clone().count(db).await?;
    let mut items = select.offset(u64::from(page) * LIST_PAGE).limit(LIST_PAGE + 1).all(db).await?;
    let more = items.len() as u64 > LIST_PAGE;
    items.truncate(LIST_PAGE as usize);
    Ok(crate::model::Listing { items, page, more, total })
}

/// What a person typed into a console search box, trimmed and bounded.
pub fn search_text(raw: &str) -> String {
    raw.trim().chars().take(40).collect()
}

/// A `LIKE` pattern matching text that contains `fragment`. Wildcards typed by the person are
/// dropped rather than escaped: a search for "50%" finds "50".
pub fn contains(fragment: &str) -> String {
    format!("%{}%", fragment.trim().replace(['%', '_'], ""))
}

/// True when the error is a unique-constraint violation (both backends).
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Shenzhen time (UTC+8), in which every date and time is shown.
fn in_shenzhen(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::FixedOffset> {
    t.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset"))
}

/// A calendar day in the reader's language: `2026年12月31日`, `31 Dec 2026`.
pub fn shown_date(t: chrono::DateTime<chrono::Utc>) -> String {
    date_in(request::locale(), t)
}

pub fn date_in(locale: Locale, t: chrono::DateTime<chrono::Utc>) -> String {
    let format = match locale {
        Locale::Zh => "%Y年%-m月%-d日",
        Locale::En => "%-d %b %Y",
    };
    in_shenzhen(t).format(format).to_string()
}

/// A recent moment in the reader's language, short: `11月27日 09:30`, `27 Nov 09:30`.
pub fn shown_time(t: chrono::DateTime<chrono::Utc>) -> String {
    time_in(request::locale(), t)
}

pub fn time_in(locale: Locale, t: chrono::DateTime<chrono::Utc>) -> String {
    let format = match locale {
        Locale::Zh => "%-m月%-d日 %H:%M",
        Locale::En => "%-d %b %H:%M",
    };
    in_shenzhen(t).format(format).to_string()
}

/// Date and time for files and records (CSV, the audit log, my data): `2026-11-27 09:30`,
/// the same in both languages, sortable.
pub fn shown_datetime(t: chrono::DateTime<chrono::Utc>) -> String {
    in_shenzhen(t).format("%Y-%m-%d %H:%M").to_string()
}

/// A day in a file name: `2026-11-27`.
pub fn file_date(t: chrono::DateTime<chrono::Utc>) -> String {
    in_shenzhen(t).format("%Y-%m-%d").to_string()
}

/// Rows of the communities in `scope` (everything for a street-wide scope).
pub fn in_scope<C: sea_orm::ColumnTrait>(column: C, scope: &crate::authz::CommunityScope) -> sea_orm::Condition {
    match scope {
        crate::authz::CommunityScope::All => sea_orm::Condition::all(),
        crate::authz::CommunityScope::Some(ids) => sea_orm::Condition::all().add(column.is_in(ids.iter().map(|c| c.0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_and_times_are_shown_in_shenzhen_time_in_the_readers_language() {
        // 17:30 UTC on 31 December is already 1 January in Shenzhen.
        let t = chrono::Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(date_in(Locale::Zh, t), "2027年1月1日");
        assert_eq!(date_in(Locale::En, t), "1 Jan 2027");
        assert_eq!(time_in(Locale::Zh, t), "1月1日 01:30");
        assert_eq!(time_in(Locale::En, t), "1 Jan 01:30");
        // Files and records sort as text, whoever reads them.
        assert_eq!(shown_datetime(t), "2027-01-01 01:30");
        assert_eq!(file_date(t), "2027-01-01");
    }
}
