//! A form sent twice is acted on once. Each rendering of a form carries a fresh key
//! (`components::form::FormKey`); the first submission claims it in the same transaction as
//! its write, and a repeat (a double press, a retry after a lost answer, the phone's offline
//! outbox sending what it kept) finds it claimed and changes nothing.

use super::db::entities::form_submission;
use crate::domain::IdempotencyKey;
use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

/// A key for one rendering of a form: 128 random bits, in hex.
pub fn fresh_key() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `key` field of a form. Our forms always send one; a caller that sends none is acted
/// on every time.
pub fn parse_key(raw: &str) -> AppResult<Option<IdempotencyKey>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    IdempotencyKey::parse(raw).map(Some).map_err(|k| AppError::invalid("key", k))
}

/// Whether to act on this submission: true the first time its key is seen for `account` (and
/// always without a key), false when it was acted on before. `DO NOTHING` rather than catching
/// the unique violation, which would abort a PostgreSQL transaction; of two racing copies the
/// second waits for the first's transaction and then finds the key taken.
pub async fn first_time(
    db: &impl ConnectionTrait,
    account: i64,
    key: Option<&IdempotencyKey>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(key) = key else { return Ok(true) };
    let row = form_submission::ActiveModel {
        account_id: Set(account),
        key: Set(key.as_str().to_owned()),
        created_at: Set(now),
    };
    let conflict =
        OnConflict::columns([form_submission::Column::AccountId, form_submission::Column::Key]).do_nothing().to_owned();
    let inserted = form_submission::Entity::insert(row).on_conflict(conflict).exec_without_returning(db).await?;
    Ok(inserted > 0)
}
