//! Devices that receive pushes, and what each person wants pushed.

use crate::authz::Principal;
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use crate::notifications::{DeviceView, PushPreferences, Topic, TopicChoice, show_clock};
use crate::ssr::db::entities::{notification_mute, notification_setting, push_delivery, push_subscription};
use crate::ssr::shown_time;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

/// Devices one person may register; the oldest goes when a new one comes.
const MAX_DEVICES: usize = 10;

/// What a browser hands over after `pushManager.subscribe`, checked.
pub struct NewSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

impl NewSubscription {
    /// Accepts only HTTPS endpoints of an allowed push service (this is the server asking an
    /// address it was given: without the list, anyone could make it call inside our network),
    /// and keys of the right shape.
    pub fn parse(endpoint: &str, p256dh: &str, auth: &str, allowed: &[String]) -> AppResult<NewSubscription> {
        if !endpoint_allowed(endpoint, allowed) {
            return Err(AppError::invalid("endpoint", Key::PushEndpointRefused));
        }
        let point = URL_SAFE_NO_PAD.decode(p256dh.trim_end_matches('=')).unwrap_or_default();
        let secret = URL_SAFE_NO_PAD.decode(auth.trim_end_matches('=')).unwrap_or_default();
        if point.len() != 65 || point[0] != 4 || secret.len() != 16 {
            return Err(AppError::invalid("keys", Key::PushKeysInvalid));
        }
        Ok(NewSubscription {
            endpoint: endpoint.to_owned(),
            p256dh: URL_SAFE_NO_PAD.encode(point),
            auth: URL_SAFE_NO_PAD.encode(secret),
        })
    }
}

/// `scheme`, lowercase host and port of an absolute URL without user info.
fn origin_of(url: &str) -> Option<(String, String, u16)> {
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let authority = uri.authority()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let port = authority.port_u16().unwrap_or(if scheme == "https" { 443 } else { 80 });
    Some((scheme, authority.host().to_ascii_lowercase(), port))
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

pub fn endpoint_allowed(endpoint: &str, allowed: &[String]) -> bool {
    if endpoint.len() > 1024 {
        return false;
    }
    let Some((scheme, host, port)) = origin_of(endpoint) else { return false };
    allowed.iter().any(|entry| {
        let (pattern, wildcard) = match entry.split_once("://*.") {
            Some((s, rest)) => (format!("{s}://{rest}"), true),
            None => (entry.clone(), false),
        };
        let Some((e_scheme, e_host, e_port)) = origin_of(&pattern) else { return false };
        let scheme_ok = match e_scheme.as_str() {
            "https" => scheme == "https",
            "http" => scheme == "http" && is_loopback(&e_host),
            _ => false,
        };
        let host_ok = if wildcard { host.ends_with(&format!(".{e_host}")) } else { host == e_host };
        scheme_ok && host_ok && port == e_port
    })
}

/// Registers this device for `who` in this session. A device known before (same endpoint)
/// gets the new keys; if it was someone else's, their row goes first, and with it whatever
/// was still queued for them.
pub async fn subscribe(
    db: &impl ConnectionTrait,
    who: &Principal,
    new: NewSubscription,
    label: String,
    session_key: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let key = super::keys::current(db).await?.ok_or(AppError::Internal)?;
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::Endpoint.eq(new.endpoint.as_str()))
        .filter(push_subscription::Column::AccountId.ne(who.account.0))
        .exec(db)
        .await?;
    let row = push_subscription::ActiveModel {
        account_id: Set(who.account.0),
        endpoint: Set(new.endpoint),
        p256dh: Set(new.p256dh),
        auth: Set(new.auth),
        vapid_key_id: Set(key.id),
        label: Set(label),
        created_at: Set(now),
        last_success_at: Set(None),
        failures: Set(0),
        needs_renewal: Set(false),
        session_key: Set(session_key),
        ..Default::default()
    };
    use push_subscription::Column as C;
    push_subscription::Entity::insert(row)
        .on_conflict(
            OnConflict::column(C::Endpoint)
                .update_columns([
                    C::P256dh,
                    C::Auth,
                    C::VapidKeyId,
                    C::Label,
                    C::Failures,
                    C::NeedsRenewal,
                    C::SessionKey,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    let mine = devices_of(db, who.account.0).await?;
    for old in mine.iter().skip(MAX_DEVICES) {
        push_subscription::Entity::delete_by_id(old.id).exec(db).await?;
    }
    Ok(())
}

/// Whether this endpoint is registered to `who` (the page asks after loading, to re-register
/// a device the server forgot).
pub async fn is_registered(db: &impl ConnectionTrait, who: &Principal, endpoint: &str) -> Result<bool, DbErr> {
    Ok(push_subscription::Entity::find()
        .filter(push_subscription::Column::Endpoint.eq(endpoint))
        .filter(push_subscription::Column::AccountId.eq(who.account.0))
        .filter(push_subscription::Column::NeedsRenewal.eq(false))
        .one(db)
        .await?
        .is_some())
}

async fn devices_of(db: &impl ConnectionTrait, account: i64) -> Result<Vec<push_subscription::Model>, DbErr> {
    push_subscription::Entity::find()
        .filter(push_subscription::Column::AccountId.eq(account))
        .order_by_desc(push_subscription::Column::Id)
        .all(db)
        .await
}

/// Removes one of my devices (by id from my list, or by endpoint from the device itself).
/// Someone else's device is not found.
pub async fn remove(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: Option<i64>,
    endpoint: Option<&str>,
) -> AppResult<()> {
    let mut delete =
        push_subscription::Entity::delete_many().filter(push_subscription::Column::AccountId.eq(who.account.0));
    delete = match (id, endpoint) {
        (Some(id), _) => delete.filter(push_subscription::Column::Id.eq(id)),
        (None, Some(endpoint)) => delete.filter(push_subscription::Column::Endpoint.eq(endpoint)),
        (None, None) => return Err(AppError::NotFound),
    };
    match delete.exec(db).await?.rows_affected {
        0 => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

/// The topics this person can receive: a volunteer's and staff's own topics only for them.
pub fn topics_for(who: &Principal) -> Vec<Topic> {
    Topic::ALL
        .into_iter()
        .filter(|t| t.for_role().is_none_or(|kind| who.roles.iter().any(|r| r.kind() == kind)))
        .collect()
}

pub async fn muted_topics(db: &impl ConnectionTrait, account: i64) -> Result<Vec<String>, DbErr> {
    Ok(notification_mute::Entity::find()
        .filter(notification_mute::Column::AccountId.eq(account))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.topic)
        .collect())
}

pub async fn quiet_hours(db: &impl ConnectionTrait, account: i64) -> Result<Option<(i32, i32)>, DbErr> {
    Ok(notification_setting::Entity::find_by_id(account).one(db).await?.and_then(|s| s.quiet_from.zip(s.quiet_until)))
}

async fn last_shown(db: &impl ConnectionTrait, device: i64) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(push_delivery::Entity::find()
        .filter(push_delivery::Column::SubscriptionId.eq(device))
        .filter(push_delivery::Column::DeliveredAt.is_not_null())
        .order_by_desc(push_delivery::Column::DeliveredAt)
        .one(db)
        .await?
        .and_then(|d| d.delivered_at))
}

pub async fn preferences(db: &impl ConnectionTrait, who: &Principal) -> AppResult<PushPreferences> {
    let muted = muted_topics(db, who.account.0).await?;
    let topics = topics_for(who)
        .into_iter()
        .map(|topic| TopicChoice { topic, pushed: !muted.iter().any(|m| m == topic.as_str()) })
        .collect();
    let quiet = quiet_hours(db, who.account.0).await?;
    let mut devices = vec![];
    for d in devices_of(db, who.account.0).await? {
        devices.push(DeviceView {
            last_shown: last_shown(db, d.id).await?.map(shown_time),
            id: d.id,
            label: d.label,
            added: shown_time(d.created_at),
            last_delivered: d.last_success_at.map(shown_time),
            needs_renewal: d.needs_renewal,
        });
    }
    let public_key = super::keys::current(db).await?.map(|k| k.public_key).unwrap_or_default();
    Ok(PushPreferences {
        topics,
        quiet_from: quiet.map(|(f, _)| show_clock(f)),
        quiet_until: quiet.map(|(_, u)| show_clock(u)),
        devices,
        public_key,
    })
}

/// Replaces the pushed topics and quiet hours. Topics not offered to this person are ignored.
pub async fn save_preferences(
    db: &impl ConnectionTrait,
    who: &Principal,
    pushed: &[Topic],
    quiet: Option<(i32, i32)>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let account = who.account.0;
    notification_mute::Entity::delete_many().filter(notification_mute::Column::AccountId.eq(account)).exec(db).await?;
    let mutes: Vec<_> = topics_for(who)
        .into_iter()
        .filter(|t| !pushed.contains(t))
        .map(|t| notification_mute::ActiveModel { account_id: Set(account), topic: Set(t.as_str().to_owned()) })
        .collect();
    if !mutes.is_empty() {
        notification_mute::Entity::insert_many(mutes).exec(db).await?;
    }
    let (from, until) = quiet.unzip();
    use notification_setting::Column as C;
    notification_setting::Entity::insert(notification_setting::ActiveModel {
        account_id: Set(account),
        quiet_from: Set(from),
        quiet_until: Set(until),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(C::AccountId).update_columns([C::QuietFrom, C::QuietUntil, C::UpdatedAt]).to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// "Android · Chrome" from a User-Agent, so people can tell their devices apart.
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent.to_ascii_lowercase();
    let system = [
        ("harmonyos", "HarmonyOS"),
        ("iphone", "iPhone"),
        ("ipad", "iPad"),
        ("android", "Android"),
        ("windows", "Windows"),
        ("mac os", "Mac"),
        ("linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| ua.contains(needle))
    .map_or("?", |(_, name)| name);
    let browser = [
        ("micromessenger", "WeChat"),
        ("edg/", "Edge"),
        ("firefox", "Firefox"),
        ("huaweibrowser", "Huawei Browser"),
        ("chrome", "Chrome"),
        ("safari", "Safari"),
    ]
    .into_iter()
    .find(|(needle, _)| ua.contains(needle))
    .map_or("?", |(_, name)| name);
    format!("{system} · {browser}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        crate::ssr::policy::PushPolicy::default().allowed_origins
    }

    #[test]
    fn only_https_push_services_are_accepted() {
        let a = allowed();
        assert!(endpoint_allowed("https://fcm.googleapis.com/fcm/send/abc", &a));
        assert!(endpoint_allowed("https://web.push.apple.com/QGx", &a));
        assert!(!endpoint_allowed("http://fcm.googleapis.com/fcm/send/abc", &a), "plain HTTP");
        assert!(!endpoint_allowed("https://fcm.googleapis.com.evil.cn/x", &a), "suffix trick");
        assert!(!endpoint_allowed("https://push.apple.com/x", &a), "wildcard needs a label");
        assert!(!endpoint_allowed("https://fcm.googleapis.com:8443/x", &a), "other port");
        assert!(!endpoint_allowed("https://user@fcm.googleapis.com/x", &a), "user info");
        assert!(!endpoint_allowed("https://169.254.169.254/latest/meta-data", &a));
        assert!(!endpoint_allowed("http://127.0.0.1:5432/", &a), "loopback only when listed");
        assert!(!endpoint_allowed("not a url", &a));
    }

    #[test]
    fn plain_http_is_only_for_a_listed_loopback_receiver() {
        let a = vec!["http://127.0.0.1:4999".to_owned(), "http://push.example.cn".to_owned()];
        assert!(endpoint_allowed("http://127.0.0.1:4999/push/1", &a));
        assert!(!endpoint_allowed("http://127.0.0.1:5000/push/1", &a));
        assert!(!endpoint_allowed("http://push.example.cn/x", &a), "HTTP to a real host");
    }

    #[test]
    fn devices_get_readable_labels() {
        let pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(device_label(pixel), "Android · Chrome");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(iphone), "iPhone · Safari");
    }
}
