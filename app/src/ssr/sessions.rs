//! Server-side sessions: the cookie holds a random token, the table holds its SHA-256.

use super::db::entities::{push_subscription, session};
use super::policy::Policy;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "jy_session";

/// Only refresh `last_seen_at` this often, so reading pages does not write on every request.
const TOUCH_EVERY: Duration = Duration::minutes(5);

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `N` random bytes from the operating system, as hex: session tokens, receipt tokens.
pub fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    to_hex(&bytes)
}

/// The stored key of a session: the SHA-256 of its token.
pub fn digest(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

/// Starts a session for `account` and returns the token for the cookie. Always a new token:
/// whatever session id the browser had before sign-in is never promoted.
pub async fn start(
    db: &impl ConnectionTrait,
    account: i64,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<String, DbErr> {
    let token = random_hex::<32>();
    session::ActiveModel {
        id: Set(digest(&token)),
        account_id: Set(account),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::days(policy.session_absolute_days)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The account behind a token, if its session is neither idle too long nor past its end.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<Option<i64>, DbErr> {
    let Some(found) = session::Entity::find_by_id(digest(token)).one(db).await? else {
        return Ok(None);
    };
    let idle_limit = found.last_seen_at + Duration::minutes(policy.session_idle_minutes);
    if now >= found.expires_at || now >= idle_limit {
        session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    }
    let account = found.account_id;
    if now - found.last_seen_at >= TOUCH_EVERY {
        let mut touched: session::ActiveModel = found.into();
        touched.last_seen_at = Set(now);
        touched.update(db).await?;
    }
    Ok(Some(account))
}

/// Ends one session. The device that turned push on in it stops receiving: a shared or lost
/// phone must not keep showing someone's notifications after they sign out.
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    let key = digest(token);
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::SessionKey.eq(key.as_str()))
        .exec(db)
        .await?;
    session::Entity::delete_by_id(key).exec(db).await.map(|_| ())
}

/// Ends every session of the account, except the one holding `keep` if given.
/// Ends every session of the account, except the one holding `keep` if given, and turns
/// push off on every other device.
pub async fn end_all(db: &impl ConnectionTrait, account: i64, keep: Option<&str>) -> Result<u64, DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::AccountId.eq(account));
    let mut devices = push_subscription::Entity::delete_many().filter(push_subscription::Column::AccountId.eq(account));
    if let Some(token) = keep {
        query = query.filter(session::Column::Id.ne(digest(token)));
        devices = devices.filter(
            sea_orm::Condition::any()
                .add(push_subscription::Column::SessionKey.ne(digest(token)))
                .add(push_subscription::Column::SessionKey.is_null()),
        );
    }
    devices.exec(db).await?;
    Ok(query.exec(db).await?.rows_affected)
}

/// Removes sessions past their absolute end; called from the server's housekeeping.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}

/// The `Set-Cookie` value that stores `token` (or clears the cookie when `None`).
pub fn cookie(token: Option<&str>, policy: &Policy) -> String {
    http_only_cookie(COOKIE, token, policy.session_absolute_days * 24 * 3600, policy)
}

/// An HttpOnly, SameSite=Lax cookie named `name` holding `token` for `max_age` seconds, or
/// cleared when `None`.
pub fn http_only_cookie(name: &str, token: Option<&str>, max_age: i64, policy: &Policy) -> String {
    let secure = if policy.secure_cookies { "; Secure" } else { "" };
    let (value, max_age) = match token {
        Some(token) => (token, max_age),
        None => ("", 0),
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}
