//! Two-step sign-in for staff (TOTP, RFC 6238): enrolment, checking codes so each works once,
//! the half-finished sign-in between password and code, and the street's rule that staff must
//! use it.
//!
//! While the rule is on, an account holding staff, committee or admin roles but no confirmed
//! authenticator acts as a resident (`accounts::load_principal` leaves those roles out) until
//! it enrols: the console is closed to a password alone.

use super::db::entities::{setting, sign_in_challenge, two_factor_secret};
use super::sessions::{digest, random_hex};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// One step either side: a phone clock slightly off, or a code typed just as it changed.
const SKEW_STEPS: i64 = 1;
/// How long the code page waits after the password was right.
const CHALLENGE_MINUTES: i64 = 5;
/// Wrong codes allowed in one sign-in; then it starts over from the password, whose own
/// limits apply again.
pub const MAX_CODE_ATTEMPTS: i32 = 5;
pub const CHALLENGE_COOKIE: &str = "jy_second_step";
const ISSUER: &str = "Jiayuan";
const REQUIRED_FOR_STAFF: &str = "staff_two_factor_required";

// ---- the arithmetic of RFC 4226 / 6238 ----

/// The code an authenticator shows for `secret` during time step `step`.
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let mac = hmac_sha1_compact::HMAC::mac(&step.to_be_bytes(), secret);
    let offset = usize::from(mac[19] & 0x0f);
    let truncated = u32::from_be_bytes([mac[offset] & 0x7f, mac[offset + 1], mac[offset + 2], mac[offset + 3]]);
    truncated % 10u32.pow(DIGITS)
}

pub fn step_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP_SECONDS)
}

/// The time step a typed code belongs to, within the allowed skew, if it is right at all.
/// Spaces and dashes people type between groups are ignored.
pub fn matching_step(secret: &[u8], typed: &str, now: DateTime<Utc>) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.len() != DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u32 = digits.parse().ok()?;
    let current = step_of(now);
    (current - SKEW_STEPS..=current + SKEW_STEPS).find(|&step| code_at(secret, step) == code)
}

/// A new 160-bit secret (RFC 4226's recommendation), base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

pub fn secret_bytes(secret: &str) -> Option<Vec<u8>> {
    data_encoding::BASE32_NOPAD.decode(secret.as_bytes()).ok()
}

/// The secret in groups of four, for typing into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` address an authenticator app reads from the QR code (Google's Key Uri
/// Format). `label` is what the app lists the entry under.
pub fn provisioning_uri(secret: &str, label: &str) -> String {
    format!(
        "otpauth://totp/{ISSUER}:{}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        percent_encode(label)
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The QR code of `uri` as an SVG document, drawn on the server (no image in the bundle).
pub fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let document = code.render::<qrcode::render::svg::Color>().min_dimensions(220, 220).quiet_zone(true).build();
    // Inline in the page, so without the XML declaration.
    document.find("<svg").map(|start| document[start..].to_owned())
}

// ---- enrolment ----

async fn secret_of(db: &impl ConnectionTrait, account: i64) -> Result<Option<two_factor_secret::Model>, DbErr> {
    two_factor_secret::Entity::find_by_id(account).one(db).await
}

/// Whether the account signs in with a code as well as its password.
pub async fn enabled(db: &impl ConnectionTrait, account: i64) -> Result<bool, DbErr> {
    Ok(secret_of(db, account).await?.is_some_and(|s| s.confirmed_at.is_some()))
}

/// The enrolment in progress: its secret, if one was started and not yet confirmed.
pub async fn pending_secret(db: &impl ConnectionTrait, account: i64) -> Result<Option<String>, DbErr> {
    Ok(secret_of(db, account).await?.filter(|s| s.confirmed_at.is_none()).map(|s| s.secret))
}

/// Starts (or restarts) enrolment with a fresh secret. An enabled authenticator is left alone:
/// the caller must turn it off first.
pub async fn begin(db: &impl ConnectionTrait, account: i64, now: DateTime<Utc>) -> Result<String, DbErr> {
    let secret = new_secret();
    two_factor_secret::Entity::delete_many()
        .filter(two_factor_secret::Column::AccountId.eq(account))
        .filter(two_factor_secret::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    two_factor_secret::ActiveModel {
        account_id: Set(account),
        secret: Set(secret.clone()),
        confirmed_at: Set(None),
        last_step: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Finishes enrolment when `typed` is the app's current code; false (and nothing changes)
/// when it is not, or no enrolment is in progress.
pub async fn confirm(db: &impl ConnectionTrait, account: i64, typed: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let Some(pending) = secret_of(db, account).await?.filter(|s| s.confirmed_at.is_none()) else {
        return Ok(false);
    };
    let Some(step) = secret_bytes(&pending.secret).and_then(|key| matching_step(&key, typed, now)) else {
        return Ok(false);
    };
    let mut confirmed: two_factor_secret::ActiveModel = pending.into();
    confirmed.confirmed_at = Set(Some(now));
    confirmed.last_step = Set(Some(step));
    confirmed.update(db).await?;
    Ok(true)
}

/// Accepts `typed` for an enabled account, once: the step it belongs to must be later than the
/// last one accepted. The check and the record are one conditional update, so two servers
/// given the same code at the same moment cannot both accept it.
pub async fn accept(db: &impl ConnectionTrait, account: i64, typed: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let Some(enabled) = secret_of(db, account).await?.filter(|s| s.confirmed_at.is_some()) else {
        return Ok(false);
    };
    let Some(step) = secret_bytes(&enabled.secret).and_then(|key| matching_step(&key, typed, now)) else {
        return Ok(false);
    };
    let updated = two_factor_secret::Entity::update_many()
        .col_expr(two_factor_secret::Column::LastStep, Expr::value(step))
        .filter(two_factor_secret::Column::AccountId.eq(account))
        .filter(
            Condition::any()
                .add(two_factor_secret::Column::LastStep.is_null())
                .add(two_factor_secret::Column::LastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Turns two-step sign-in off for the account (by its owner, or an admin's reset).
pub async fn remove(db: &impl ConnectionTrait, account: i64) -> Result<bool, DbErr> {
    Ok(two_factor_secret::Entity::delete_by_id(account).exec(db).await?.rows_affected > 0)
}

/// Which of `accounts` have two-step sign-in on.
pub async fn enabled_among(db: &impl ConnectionTrait, accounts: &[i64]) -> Result<Vec<i64>, DbErr> {
    Ok(two_factor_secret::Entity::find()
        .filter(two_factor_secret::Column::AccountId.is_in(accounts.iter().copied()))
        .filter(two_factor_secret::Column::ConfirmedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.account_id)
        .collect())
}

// ---- the street's rule ----

pub async fn required_for_staff(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(setting::Entity::find_by_id(REQUIRED_FOR_STAFF).one(db).await?.is_some_and(|s| s.value == "1"))
}

pub async fn set_required_for_staff(
    db: &impl ConnectionTrait,
    required: bool,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = setting::ActiveModel {
        name: Set(REQUIRED_FOR_STAFF.to_owned()),
        value: Set(if required { "1" } else { "0" }.to_owned()),
        updated_by: Set(Some(by)),
        updated_at: Set(now),
    };
    setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(setting::Column::Name)
                .update_columns([setting::Column::Value, setting::Column::UpdatedBy, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await
        .map(|_| ())
}

/// Whether an account holding console roles must enrol before it may use them.
pub async fn due(db: &impl ConnectionTrait, account: i64) -> Result<bool, DbErr> {
    Ok(required_for_staff(db).await? && !enabled(db, account).await?)
}

// ---- the sign-in between password and code ----

/// Records that `account` gave the right password and returns the token for the challenge
/// cookie. Any earlier challenge of the account is dropped.
pub async fn open_challenge(db: &impl ConnectionTrait, account: i64, now: DateTime<Utc>) -> Result<String, DbErr> {
    sign_in_challenge::Entity::delete_many().filter(sign_in_challenge::Column::AccountId.eq(account)).exec(db).await?;
    let token = random_hex::<32>();
    sign_in_challenge::ActiveModel {
        id: Set(digest(&token)),
        account_id: Set(account),
        attempts: Set(0),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CHALLENGE_MINUTES)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The challenge behind a cookie's token, if it is still open.
pub async fn challenge(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<sign_in_challenge::Model>, DbErr> {
    Ok(sign_in_challenge::Entity::find_by_id(digest(token)).one(db).await?.filter(|c| c.expires_at > now))
}

/// Counts a wrong code. Returns whether the sign-in may go on; at the limit it is closed.
pub async fn count_wrong_code(db: &impl ConnectionTrait, open: sign_in_challenge::Model) -> Result<bool, DbErr> {
    let attempts = open.attempts + 1;
    if attempts >= MAX_CODE_ATTEMPTS {
        sign_in_challenge::Entity::delete_by_id(open.id).exec(db).await?;
        return Ok(false);
    }
    let mut counted: sign_in_challenge::ActiveModel = open.into();
    counted.attempts = Set(attempts);
    counted.update(db).await?;
    Ok(true)
}

pub async fn close_challenge(db: &impl ConnectionTrait, id: &str) -> Result<(), DbErr> {
    sign_in_challenge::Entity::delete_by_id(id.to_owned()).exec(db).await.map(|_| ())
}

pub fn challenge_cookie(token: Option<&str>, policy: &super::policy::Policy) -> String {
    super::sessions::http_only_cookie(CHALLENGE_COOKIE, token, CHALLENGE_MINUTES * 60, policy)
}

/// Removes challenges nobody finished; called from the server's housekeeping.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(sign_in_challenge::Entity::delete_many()
        .filter(sign_in_challenge::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, 0).unwrap()
    }

    /// RFC 6238 appendix B (SHA-1), the last six of its eight digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        for (time, code) in [(59, 287_082), (1_111_111_109, 81_804), (1_111_111_111, 50_471), (1_234_567_890, 5_924)] {
            assert_eq!(code_at(RFC_SECRET, step_of(at(time))), code, "at {time}");
        }
        assert_eq!(code_at(RFC_SECRET, step_of(at(2_000_000_000))), 279_037);
    }

    #[test]
    fn a_code_is_good_one_step_either_side_and_no_further() {
        let now = at(1_111_111_111);
        let step = step_of(now);
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = format!("{:06}", code_at(RFC_SECRET, step + offset));
            assert_eq!(matching_step(RFC_SECRET, &code, now).is_some(), accepted, "offset {offset}");
        }
    }

    #[test]
    fn typed_codes_may_have_spaces_but_not_letters_or_wrong_lengths() {
        let now = at(59);
        assert_eq!(matching_step(RFC_SECRET, "287 082", now), Some(1));
        assert_eq!(matching_step(RFC_SECRET, "287-082", now), Some(1));
        for bad in ["", "28708", "2870820", "28708a", "２８７０８２"] {
            assert_eq!(matching_step(RFC_SECRET, bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn secrets_are_base32_of_twenty_random_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(secret_bytes(&a).map(|k| k.len()), Some(20));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn the_provisioning_address_names_the_issuer_and_encodes_the_label() {
        let uri = provisioning_uri("JBSWY3DPEHPK3PXP", "王 社工");
        assert!(uri.starts_with("otpauth://totp/Jiayuan:%E7%8E%8B%20%E7%A4%BE%E5%B7%A5?secret=JBSWY3DPEHPK3PXP"));
        assert!(uri.contains("&issuer=Jiayuan&algorithm=SHA1&digits=6&period=30"));
        let svg = qr_svg(&uri).expect("fits in a QR code");
        assert!(svg.starts_with("<svg") && !svg.contains("<script"));
    }
}
