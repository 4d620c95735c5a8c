//! The push dispatcher: turns pending notifications into per-device deliveries, claims due
//! deliveries with a lease, sends them with bounded concurrency and records the outcome.
//!
//! Claiming is one write transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
//! writer on SQLite), so dispatchers on several servers never take the same row; a dispatcher
//! that dies mid-batch leaves rows whose lease runs out and another takes them over.

use crate::notifications::{Topic, in_quiet_hours};
use crate::ssr::db::{
    self,
    entities::{notification, notification_mute, notification_setting, push_delivery, push_subscription},
};
use crate::ssr::policy::PushPolicy;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, FixedOffset, Timelike, Utc};
use futures::StreamExt;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, ExprTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use web_push::{
    ContentEncoding, SubscriptionInfo, Urgency, VapidSignature, VapidSignatureBuilder, WebPushMessageBuilder,
};

/// A dispatcher takes up to this many rows per send slot at once: a broadcast's backlog
/// goes in few, large claims; a lone urgent row is claimed alone with a short lease.
const ROWS_PER_SLOT: usize = 16;
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);
/// A push service asking us to wait longer than this is treated as asking for a day.
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Rows claimed per batch.
pub fn batch_size(policy: &PushPolicy) -> u64 {
    (policy.concurrency.max(1) * ROWS_PER_SLOT) as u64
}

/// The longest lease, that of a full batch.
pub fn lease(policy: &PushPolicy) -> Duration {
    lease_for(policy, batch_size(policy))
}

/// How long `rows` claimed rows stay ours: long enough for all of them to be sent even if
/// every send runs to its timeout, so no other dispatcher can take a row still in flight,
/// and no longer, so a crashed dispatcher's few urgent rows are soon taken over.
fn lease_for(policy: &PushPolicy, rows: u64) -> Duration {
    let rounds = rows.div_ceil(policy.concurrency.max(1) as u64) as u32;
    Duration::from_std(SEND_TIMEOUT * (rounds + 1)).expect("a short duration") + Duration::seconds(30)
}
/// A VAPID signature holds for 12 hours and for every subscription at one push service, so
/// one an hour per service and key is signed instead of one per message (a broadcast to
/// thousands of phones goes to a handful of services).
const SIGNATURE_REUSE: std::time::Duration = std::time::Duration::from_secs(3600);
/// Push services accept about 4 KB; the encrypted record adds its own bytes.
pub const MAX_PAYLOAD: usize = 3000;

/// Lifetime at the push service and delivery urgency, by topic: a help request is useless
/// tomorrow, an announcement is not.
pub fn delivery_rules(topic: Topic, urgent: bool) -> (u32, Urgency) {
    const HOUR: u32 = 3600;
    match topic {
        Topic::BuildingHelp | Topic::StaffHelp if urgent => (HOUR, Urgency::High),
        Topic::BuildingHelp | Topic::StaffHelp => (6 * HOUR, Urgency::Normal),
        Topic::MyRequests => (24 * HOUR, Urgency::Normal),
        Topic::Alerts => (6 * HOUR, Urgency::High),
        Topic::Proposals => (72 * HOUR, Urgency::Low),
        Topic::Announcements => (72 * HOUR, Urgency::Normal),
        Topic::Forum => (72 * HOUR, Urgency::Low),
        Topic::StaffServices => (24 * HOUR, Urgency::Normal),
    }
}

/// What the service worker receives. Only the inbox item's own text, already limited to what
/// the recipient may see.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Payload {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub url: String,
    /// Notifications about the same thing replace each other instead of stacking.
    pub tag: String,
    pub urgent: bool,
    pub receipt: String,
}

impl Payload {
    fn new(n: &notification::Model, receipt: &str) -> Payload {
        let mut p = Payload {
            id: n.id,
            title: n.title.clone(),
            body: n.body.clone(),
            url: n.url.clone(),
            tag: n.url.clone(),
            urgent: n.urgent,
            receipt: receipt.to_owned(),
        };
        while p.encode().len() > MAX_PAYLOAD && p.body.pop().is_some() {}
        while p.encode().len() > MAX_PAYLOAD && p.title.pop().is_some() {}
        p
    }

    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a payload serialises")
    }
}

/// One delivery a dispatcher holds the lease on.
#[derive(Debug, Clone)]
pub struct Job {
    pub delivery_id: i64,
    /// The claim's number: the outcome is recorded only if the row is still at it.
    pub attempt: i32,
    pub receipt_token: String,
    pub notification: notification::Model,
    pub subscription: push_subscription::Model,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Delivered(u16),
    /// 404/410: the browser dropped the subscription.
    Gone(u16),
    /// 429, 5xx or no answer: try again later, not before `after`.
    Retry {
        status: Option<u16>,
        after: Option<std::time::Duration>,
    },
    /// Another 4xx: our request was refused; repeated refusals remove the device.
    Refused(u16),
    /// The device subscribed with a key this server no longer has.
    Unsignable,
    /// Our own fault (the message could not be built): not held against the device.
    NotBuilt,
    /// Too old to be worth sending (its topic's lifetime is over).
    Stale,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DispatchReport {
    pub queued: u64,
    pub delivered: u64,
    pub retried: u64,
    pub gone: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for DispatchReport {
    fn add_assign(&mut self, o: Self) {
        self.queued += o.queued;
        self.delivered += o.delivered;
        self.retried += o.retried;
        self.gone += o.gone;
        self.failed += o.failed;
    }
}

/// The next moment quiet hours end, in Beijing time (no daylight saving there).
fn quiet_end(until_minute: i32, now: DateTime<Utc>) -> DateTime<Utc> {
    let beijing = FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    let local = now.with_timezone(&beijing);
    let minute_now = (local.hour() * 60 + local.minute()) as i32;
    let mut wait = (until_minute - minute_now).rem_euclid(24 * 60);
    if wait == 0 {
        wait = 24 * 60;
    }
    (now + Duration::minutes(wait as i64)).with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(now)
}

fn local_minute(now: DateTime<Utc>) -> i32 {
    let local = now.with_timezone(&FixedOffset::east_opt(8 * 3600).expect("a valid offset"));
    (local.hour() * 60 + local.minute()) as i32
}

/// Step 1: every pending notification becomes one queued delivery per device of its
/// recipient, unless the topic is muted, it is quiet hours (then it waits), it is too old to
/// matter, or the person has no device (the inbox has it either way). A broadcast queues
/// thousands at once, so each batch reads its recipients' settings and devices in three
/// queries and writes in bulk.
pub async fn fan_out(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<FannedOut, DbErr> {
    let due = || {
        notification::Entity::find()
            .filter(notification::Column::PushState.eq("pending"))
            .filter(notification::Column::NextAttemptAt.lte(now))
    };
    // A read first: an idle dispatcher must not take SQLite's write lock several times a second.
    if due().one(db).await?.is_none() {
        return Ok(FannedOut::default());
    }
    let txn = db::begin_write(db).await?;
    let pending = due()
        .order_by_asc(notification::Column::Id)
        .limit(FAN_OUT_BATCH)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    let recipients: Vec<i64> = pending.iter().map(|n| n.recipient_id).collect();
    let settings = RecipientSettings::load(&txn, &recipients).await?;
    let mut deliveries = vec![];
    // Notifications by the state (and next attempt) they move to.
    let mut moves: HashMap<(&'static str, Option<DateTime<Utc>>), Vec<i64>> = HashMap::new();
    for n in &pending {
        let topic = Topic::parse(&n.topic).unwrap_or(Topic::MyRequests);
        let (ttl, _) = delivery_rules(topic, n.urgent);
        let devices = settings.devices.get(&n.recipient_id).map(Vec::as_slice).unwrap_or_default();
        let to = if n.created_at + Duration::seconds(ttl as i64) <= now {
            ("expired", None)
        } else if settings.muted.get(&n.recipient_id).is_some_and(|m| m.iter().any(|t| t == topic.as_str())) {
            ("muted", None)
        } else if let Some(&(from, until)) = settings.quiet.get(&n.recipient_id)
            && !topic.ignores_quiet_hours(n.urgent)
            && in_quiet_hours(from, until, local_minute(now))
        {
            ("pending", Some(quiet_end(until, now)))
        } else if devices.is_empty() {
            ("no_device", None)
        } else {
            deliveries.extend(devices.iter().map(|&device| push_delivery::ActiveModel {
                notification_id: Set(n.id),
                subscription_id: Set(device),
                state: Set("queued".into()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                lease_until: Set(None),
                last_status: Set(None),
                receipt_token: Set(crate::ssr::sessions::random_hex::<16>()),
                sent_at: Set(None),
                delivered_at: Set(None),
                ..Default::default()
            }));
            ("queued", None)
        };
        moves.entry(to).or_default().push(n.id);
    }
    let queued = deliveries.len() as u64;
    // Within every backend's limit on bound parameters (10 columns × 1,000 rows).
    let mut deliveries = deliveries.into_iter().peekable();
    while deliveries.peek().is_some() {
        let chunk: Vec<_> = deliveries.by_ref().take(1_000).collect();
        push_delivery::Entity::insert_many(chunk).exec_without_returning(&txn).await?;
    }
    for ((state, next), ids) in moves {
        notification::Entity::update_many()
            .col_expr(notification::Column::PushState, Expr::value(state))
            .col_expr(notification::Column::NextAttemptAt, Expr::value(next))
            .filter(notification::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(FannedOut { notifications: pending.len() as u64, deliveries: queued })
}

/// Notifications fanned out per transaction.
const FAN_OUT_BATCH: u64 = 500;

/// What one fan-out batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FannedOut {
    /// Notifications taken from the outbox.
    pub notifications: u64,
    /// Deliveries queued for their devices.
    pub deliveries: u64,
}

/// What step 1 needs to know about a batch's recipients.
struct RecipientSettings {
    muted: HashMap<i64, Vec<String>>,
    quiet: HashMap<i64, (i32, i32)>,
    /// Subscription ids by account.
    devices: HashMap<i64, Vec<i64>>,
}

impl RecipientSettings {
    async fn load(db: &impl ConnectionTrait, recipients: &[i64]) -> Result<RecipientSettings, DbErr> {
        let mut muted: HashMap<i64, Vec<String>> = HashMap::new();
        for m in notification_mute::Entity::find()
            .filter(notification_mute::Column::AccountId.is_in(recipients.iter().copied()))
            .all(db)
            .await?
        {
            muted.entry(m.account_id).or_default().push(m.topic);
        }
        let quiet = notification_setting::Entity::find()
            .filter(notification_setting::Column::AccountId.is_in(recipients.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|s| Some((s.account_id, s.quiet_from.zip(s.quiet_until)?)))
            .collect();
        let mut devices: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, account) in push_subscription::Entity::find()
            .select_only()
            .columns([push_subscription::Column::Id, push_subscription::Column::AccountId])
            .filter(push_subscription::Column::AccountId.is_in(recipients.iter().copied()))
            .order_by_asc(push_subscription::Column::Id)
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
        {
            devices.entry(account).or_default().push(id);
        }
        Ok(RecipientSettings { muted, quiet, devices })
    }
}

/// Step 2: takes up to `limit` due deliveries under a lease.
pub async fn claim(db: &DatabaseConnection, policy: &PushPolicy, now: DateTime<Utc>) -> Result<Vec<Job>, DbErr> {
    let limit = batch_size(policy);
    let due = || {
        push_delivery::Entity::find()
            .filter(push_delivery::Column::State.eq("queued"))
            .filter(push_delivery::Column::NextAttemptAt.lte(now))
            .filter(push_delivery::Column::LeaseUntil.is_null().or(push_delivery::Column::LeaseUntil.lt(now)))
    };
    if due().one(db).await?.is_none() {
        return Ok(vec![]);
    }
    let txn = db::begin_write(db).await?;
    // Soonest due first; in the order of `ix_push_deliveries_due` (its rows end in the id),
    // so a broadcast's backlog is read a batch at a time, not sorted whole on every claim.
    let due = due()
        .order_by_asc(push_delivery::Column::NextAttemptAt)
        .order_by_asc(push_delivery::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    if due.is_empty() {
        txn.commit().await?;
        return Ok(vec![]);
    }
    let ids: Vec<i64> = due.iter().map(|d| d.id).collect();
    push_delivery::Entity::update_many()
        .col_expr(push_delivery::Column::LeaseUntil, Expr::value(now + lease_for(policy, ids.len() as u64)))
        .col_expr(push_delivery::Column::Attempts, Expr::col(push_delivery::Column::Attempts).add(1))
        .filter(push_delivery::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    let notifications: HashMap<i64, notification::Model> = notification::Entity::find()
        .filter(notification::Column::Id.is_in(due.iter().map(|d| d.notification_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let devices: HashMap<i64, push_subscription::Model> = push_subscription::Entity::find()
        .filter(push_subscription::Column::Id.is_in(due.iter().map(|d| d.subscription_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    txn.commit().await?;
    Ok(due
        .into_iter()
        .filter_map(|d| {
            let notification = notifications.get(&d.notification_id)?;
            let subscription = devices.get(&d.subscription_id)?;
            // The device changed hands since this was queued: it is not for them.
            (notification.recipient_id == subscription.account_id).then(|| Job {
                delivery_id: d.id,
                attempt: d.attempts + 1,
                receipt_token: d.receipt_token,
                notification: notification.clone(),
                subscription: subscription.clone(),
            })
        })
        .collect())
}

/// Signatures by (VAPID key, audience), with when they were made.
type Signatures = HashMap<(i64, String), (VapidSignature, std::time::Instant)>;

/// Sends pushes over HTTP. One per server; cheap to clone.
#[derive(Clone)]
pub struct Sender {
    http: reqwest::Client,
    subject: String,
    signatures: Arc<Mutex<Signatures>>,
}

impl Sender {
    pub fn new(policy: &PushPolicy) -> Sender {
        let http = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            // An endpoint is checked when it is registered; a redirect must not take the
            // request anywhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Sender { http, subject: policy.subject.clone(), signatures: Arc::default() }
    }

    pub async fn send(&self, job: &Job, private_key: Option<&str>, now: DateTime<Utc>) -> Outcome {
        let Some(private_key) = private_key else { return Outcome::Unsignable };
        let topic = Topic::parse(&job.notification.topic).unwrap_or(Topic::MyRequests);
        let (lifetime, _) = delivery_rules(topic, job.notification.urgent);
        // What is left of the lifetime goes to the push service as the TTL.
        let left = (job.notification.created_at + Duration::seconds(lifetime as i64) - now).num_seconds();
        if left <= 0 {
            return Outcome::Stale;
        }
        let message = match self.message(job, private_key, left as u32) {
            Ok(m) => m,
            Err(err) => {
                tracing::warn!(delivery = job.delivery_id, error = %err, "push message not built");
                return Outcome::NotBuilt;
            }
        };
        let mut request = self
            .http
            .post(message.endpoint.to_string())
            .header("TTL", message.ttl.to_string())
            .header("Content-Type", "application/octet-stream");
        if let Some(urgency) = message.urgency {
            request = request.header("Urgency", urgency.to_string());
        }
        if let Some(payload) = message.payload {
            request = request.header("Content-Encoding", payload.content_encoding.to_str());
            for (name, value) in payload.crypto_headers {
                request = request.header(name, value);
            }
            request = request.body(payload.content);
        }
        match request.send().await {
            Ok(response) => classify(
                response.status().as_u16(),
                response.headers().get("retry-after").and_then(|v| v.to_str().ok()),
            ),
            Err(err) => {
                tracing::info!(delivery = job.delivery_id, error = %err.without_url(), "push service unreachable");
                Outcome::Retry { status: None, after: None }
            }
        }
    }

    /// The encrypted, signed request for one job, not sent (the benchmarks time this alone).
    pub fn message(
        &self,
        job: &Job,
        private_key: &str,
        ttl: u32,
    ) -> Result<web_push::WebPushMessage, web_push::WebPushError> {
        let s = &job.subscription;
        let info = SubscriptionInfo::new(s.endpoint.as_str(), s.p256dh.as_str(), s.auth.as_str());
        let topic = Topic::parse(&job.notification.topic).unwrap_or(Topic::MyRequests);
        let (_, urgency) = delivery_rules(topic, job.notification.urgent);
        let content = Payload::new(&job.notification, &job.receipt_token).encode();
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_payload(ContentEncoding::Aes128Gcm, &content);
        builder.set_vapid_signature(self.signature(s.vapid_key_id, private_key, &info)?);
        builder.set_ttl(ttl);
        builder.set_urgency(urgency);
        builder.build()
    }

    fn signature(
        &self,
        key_id: i64,
        private_key: &str,
        info: &SubscriptionInfo,
    ) -> Result<VapidSignature, web_push::WebPushError> {
        // The audience is the endpoint's origin, port included (RFC 8292 §2); the crate's
        // default drops the port.
        let audience = audience(&info.endpoint).ok_or(web_push::WebPushError::InvalidUri)?;
        let mut made = self.signatures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((signature, at)) = made.get(&(key_id, audience.clone()))
            && at.elapsed() < SIGNATURE_REUSE
        {
            return Ok(signature.clone());
        }
        let mut builder = VapidSignatureBuilder::from_base64(private_key, info)?;
        builder.add_claim("sub", self.subject.as_str());
        builder.add_claim("aud", audience.as_str());
        let signature = builder.build()?;
        made.retain(|_, (_, at)| at.elapsed() < SIGNATURE_REUSE);
        made.insert((key_id, audience), (signature.clone(), std::time::Instant::now()));
        Ok(signature)
    }
}

/// `scheme://host[:port]` of an endpoint.
fn audience(endpoint: &str) -> Option<String> {
    let uri: http::Uri = endpoint.parse().ok()?;
    Some(format!("{}://{}", uri.scheme_str()?, uri.authority()?.as_str()))
}

/// Reads a push service's answer (RFC 8030 §5 and what the big services send).
pub fn classify(status: u16, retry_after: Option<&str>) -> Outcome {
    match status {
        200..=299 => Outcome::Delivered(status),
        404 | 410 => Outcome::Gone(status),
        429 | 500..=599 => Outcome::Retry { status: Some(status), after: retry_after.and_then(parse_retry_after) },
        _ => Outcome::Refused(status),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<std::time::Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(std::time::Duration::from_secs(seconds));
    }
    let at = DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (at.with_timezone(&Utc) - Utc::now()).to_std().ok()
}

/// Exponential backoff from 30 s, capped at an hour, ±20 % jitter so a crowd of retries
/// does not arrive together; never sooner than the service asked.
pub fn backoff(attempt: i32, asked: Option<std::time::Duration>) -> Duration {
    let base = Ord::min(30i64 << (attempt.clamp(1, 8) - 1), 3600);
    let jitter = (OsRng.next_u32() % 41) as i64 - 20;
    let mine = Duration::seconds(base + base * jitter / 100);
    let theirs = asked.map(|d| d.min(LONGEST_WAIT)).and_then(|d| Duration::from_std(d).ok()).unwrap_or_default();
    mine.max(theirs)
}

/// Step 3: writes what happened to each job, in one transaction. A row whose lease another
/// dispatcher took over meanwhile is left alone.
pub async fn record(
    db: &DatabaseConnection,
    policy: &PushPolicy,
    results: &[(Job, Outcome)],
    now: DateTime<Utc>,
) -> Result<DispatchReport, DbErr> {
    let txn = db::begin_write(db).await?;
    let mut report = DispatchReport::default();
    let (delivered, others): (Vec<_>, Vec<_>) =
        results.iter().partition(|(_, outcome)| matches!(outcome, Outcome::Delivered(_)));
    report.delivered = record_delivered(&txn, &delivered, now).await?;
    for (job, outcome) in others {
        let update = || {
            push_delivery::Entity::update_many()
                .filter(push_delivery::Column::Id.eq(job.delivery_id))
                .filter(push_delivery::Column::Attempts.eq(job.attempt))
                .filter(push_delivery::Column::State.eq("queued"))
                .col_expr(push_delivery::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
        };
        let device = || {
            push_subscription::Entity::update_many()
                .filter(push_subscription::Column::Id.eq(job.subscription.id))
                // Only the device we sent to: it may have re-subscribed meanwhile.
                .filter(push_subscription::Column::Endpoint.eq(job.subscription.endpoint.as_str()))
        };
        match *outcome {
            // Recorded in bulk above.
            Outcome::Delivered(_) => {}
            Outcome::Gone(_) => {
                push_subscription::Entity::delete_many()
                    .filter(push_subscription::Column::Id.eq(job.subscription.id))
                    .filter(push_subscription::Column::Endpoint.eq(job.subscription.endpoint.as_str()))
                    .exec(&txn)
                    .await?;
                report.gone += 1;
            }
            Outcome::Retry { status, after } if job.attempt < policy.max_attempts => {
                let won = update()
                    .col_expr(push_delivery::Column::NextAttemptAt, Expr::value(now + backoff(job.attempt, after)))
                    .col_expr(push_delivery::Column::LastStatus, Expr::value(status.map(i32::from)))
                    .exec(&txn)
                    .await?;
                report.retried += won.rows_affected;
            }
            Outcome::Retry { status, .. } => {
                let won = update()
                    .col_expr(push_delivery::Column::State, Expr::value("failed"))
                    .col_expr(push_delivery::Column::LastStatus, Expr::value(status.map(i32::from)))
                    .exec(&txn)
                    .await?;
                report.failed += won.rows_affected;
            }
            Outcome::Refused(status) => {
                let won = update()
                    .col_expr(push_delivery::Column::State, Expr::value("failed"))
                    .col_expr(push_delivery::Column::LastStatus, Expr::value(status as i32))
                    .exec(&txn)
                    .await?;
                report.failed += won.rows_affected;
                let mut failing = device().col_expr(
                    push_subscription::Column::Failures,
                    Expr::col(push_subscription::Column::Failures).add(1),
                );
                // 401/403: the service does not accept our key for this subscription.
                if matches!(status, 401 | 403) {
                    failing = failing.col_expr(push_subscription::Column::NeedsRenewal, Expr::value(true));
                }
                failing.exec(&txn).await?;
                push_subscription::Entity::delete_many()
                    .filter(push_subscription::Column::Id.eq(job.subscription.id))
                    .filter(push_subscription::Column::Failures.gte(policy.max_failures))
                    .exec(&txn)
                    .await?;
            }
            Outcome::NotBuilt | Outcome::Stale => {
                let state = if *outcome == Outcome::Stale { "expired" } else { "failed" };
                let won = update().col_expr(push_delivery::Column::State, Expr::value(state)).exec(&txn).await?;
                report.failed += won.rows_affected;
            }
            Outcome::Unsignable => {
                let won = update().col_expr(push_delivery::Column::State, Expr::value("failed")).exec(&txn).await?;
                report.failed += won.rows_affected;
                device().col_expr(push_subscription::Column::NeedsRenewal, Expr::value(true)).exec(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(report)
}

/// The common outcome in bulk (a broadcast delivers hundreds a batch): rows still at the
/// claim that sent them become `sent`, and their devices are known to work. Gives the rows
/// recorded.
async fn record_delivered(
    txn: &impl ConnectionTrait,
    delivered: &[&(Job, Outcome)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut by_claim: HashMap<(i32, u16), Vec<&Job>> = HashMap::new();
    for (job, outcome) in delivered {
        if let Outcome::Delivered(status) = outcome {
            by_claim.entry((job.attempt, *status)).or_default().push(job);
        }
    }
    let mut recorded = 0;
    for ((attempt, status), jobs) in by_claim {
        recorded += push_delivery::Entity::update_many()
            .col_expr(push_delivery::Column::State, Expr::value("sent"))
            .col_expr(push_delivery::Column::SentAt, Expr::value(now))
            .col_expr(push_delivery::Column::LastStatus, Expr::value(status as i32))
            .col_expr(push_delivery::Column::LeaseUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(push_delivery::Column::Id.is_in(jobs.iter().map(|j| j.delivery_id)))
            .filter(push_delivery::Column::Attempts.eq(attempt))
            .filter(push_delivery::Column::State.eq("queued"))
            .exec(txn)
            .await?
            .rows_affected;
        // Only the devices we sent to: one may have re-subscribed with a new endpoint since.
        push_subscription::Entity::update_many()
            .col_expr(push_subscription::Column::LastSuccessAt, Expr::value(now))
            .col_expr(push_subscription::Column::Failures, Expr::value(0))
            .filter(push_subscription::Column::Id.is_in(jobs.iter().map(|j| j.subscription.id)))
            .filter(push_subscription::Column::Endpoint.is_in(jobs.iter().map(|j| j.subscription.endpoint.as_str())))
            .exec(txn)
            .await?;
    }
    Ok(recorded)
}

/// One full pass: fan out a batch, then claim, send and record until nothing is due, and
/// again while the outbox had more. A broadcast goes a batch at a time, so the first phones
/// ring while later inbox rows are still being read, and nothing waits for the next poll.
pub async fn run_once(
    db: &DatabaseConnection,
    policy: &PushPolicy,
    sender: &Sender,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<DispatchReport, DbErr> {
    let keys = super::keys::signing_keys(db, &policy.vapid_private_key).await?;
    let mut report = DispatchReport::default();
    loop {
        let fanned = fan_out(db, now()).await?;
        report.queued += fanned.deliveries;
        report += send_due(db, policy, sender, &keys, &now).await?;
        if fanned.notifications < FAN_OUT_BATCH {
            return Ok(report);
        }
    }
}

/// Claims, sends and records batches until nothing is due. While one batch is on the wire
/// the previous one is recorded and the next claimed, so the cores keep encrypting through
/// the write transactions instead of waiting on them.
async fn send_due(
    db: &DatabaseConnection,
    policy: &PushPolicy,
    sender: &Sender,
    keys: &HashMap<i64, String>,
    now: &impl Fn() -> DateTime<Utc>,
) -> Result<DispatchReport, DbErr> {
    let keys = Arc::new(keys.clone());
    let mut report = DispatchReport::default();
    let mut on_the_wire = None;
    loop {
        // A failed claim still lets the batch on the wire be recorded before it is reported.
        let next = match claim(db, policy, now()).await {
            Ok(jobs) if jobs.is_empty() => Ok(None),
            Ok(jobs) => Ok(Some(send_batch(jobs, policy, sender, &keys, now()))),
            Err(e) => Err(e),
        };
        if let Some(batch) = on_the_wire.take() {
            report += record(db, policy, &sent(batch).await, now()).await?;
        }
        match next? {
            Some(batch) => on_the_wire = Some(batch),
            None => return Ok(report),
        }
    }
}

type Batch = tokio::task::JoinHandle<Vec<(Job, Outcome)>>;

/// Sends a batch in the background. Each send is a task of its own, so encrypting runs on
/// every core, not only on the dispatcher's.
fn send_batch(
    jobs: Vec<Job>,
    policy: &PushPolicy,
    sender: &Sender,
    keys: &Arc<HashMap<i64, String>>,
    at: DateTime<Utc>,
) -> Batch {
    let (sender, keys, concurrency) = (sender.clone(), keys.clone(), policy.concurrency.max(1));
    tokio::spawn(async move {
        futures::stream::iter(jobs)
            .map(|job| {
                let key = keys.get(&job.subscription.vapid_key_id).cloned();
                let sender = sender.clone();
                tokio::spawn(async move {
                    let outcome = sender.send(&job, key.as_deref(), at).await;
                    (job, outcome)
                })
            })
            .buffer_unordered(concurrency)
            .filter_map(|sent| async move { sent.ok() })
            .collect()
            .await
    })
}

/// What a batch's sends came to. A send that panicked records nothing: its lease runs out
/// and it is claimed again.
async fn sent(batch: Batch) -> Vec<(Job, Outcome)> {
    batch.await.unwrap_or_default()
}

/// The service worker showed the notification: remember the device got it. An unknown token
/// changes nothing and says nothing.
pub async fn receipt(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(());
    }
    push_delivery::Entity::update_many()
        .col_expr(push_delivery::Column::DeliveredAt, Expr::value(now))
        .filter(push_delivery::Column::ReceiptToken.eq(token))
        .filter(push_delivery::Column::DeliveredAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_lease_outlasts_a_whole_batch_of_slow_sends() {
        let policy = PushPolicy::default();
        let slots = policy.concurrency as u64;
        let worst = SEND_TIMEOUT.as_secs() * batch_size(&policy).div_ceil(slots);
        assert!(lease(&policy).num_seconds() as u64 > worst);
    }

    #[test]
    fn a_lone_urgent_row_is_leased_briefly_but_long_enough_to_send() {
        let policy = PushPolicy::default();
        let lone = lease_for(&policy, 1);
        assert!(lone < lease(&policy));
        assert!(lone.num_seconds() as u64 > SEND_TIMEOUT.as_secs());
    }

    #[test]
    fn the_audience_keeps_a_port() {
        assert_eq!(audience("https://fcm.googleapis.com/fcm/send/x").as_deref(), Some("https://fcm.googleapis.com"));
        assert_eq!(audience("http://127.0.0.1:4100/push/a").as_deref(), Some("http://127.0.0.1:4100"));
    }

    #[test]
    fn answers_are_classified() {
        assert_eq!(classify(201, None), Outcome::Delivered(201));
        assert_eq!(classify(410, None), Outcome::Gone(410));
        assert_eq!(classify(404, None), Outcome::Gone(404));
        assert_eq!(
            classify(429, Some("120")),
            Outcome::Retry { status: Some(429), after: Some(std::time::Duration::from_secs(120)) }
        );
        assert_eq!(classify(503, None), Outcome::Retry { status: Some(503), after: None });
        assert_eq!(classify(400, None), Outcome::Refused(400));
        assert_eq!(classify(413, None), Outcome::Refused(413));
    }

    #[test]
    fn backoff_grows_is_capped_and_honours_retry_after() {
        for _ in 0..50 {
            let first = backoff(1, None).num_seconds();
            assert!((24..=36).contains(&first), "{first}");
            let late = backoff(12, None).num_seconds();
            assert!((2880..=4320).contains(&late), "{late}");
        }
        assert!(backoff(1, Some(std::time::Duration::from_secs(600))).num_seconds() >= 600);
        let absurd = backoff(1, Some(std::time::Duration::from_secs(9_000_000_000_000)));
        assert_eq!(absurd, Duration::hours(24), "a huge Retry-After is capped, not a panic");
    }

    #[test]
    fn quiet_hours_end_at_the_next_local_morning() {
        // 23:30 in Beijing is 15:30 UTC; quiet until 07:00 Beijing = 23:00 UTC.
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 15, 30, 0).unwrap();
        assert_eq!(quiet_end(7 * 60, now), Utc.with_ymd_and_hms(2026, 11, 27, 23, 0, 0).unwrap());
        assert_eq!(local_minute(now), 23 * 60 + 30);
    }

    /// A job for a new phone at `endpoint`, with real P-256 keys.
    fn job_for(endpoint: &str) -> Job {
        use super::super::keys;
        let subscription = push_subscription::Model {
            id: 1,
            account_id: 1,
            endpoint: endpoint.into(),
            // A phone's key is a P-256 point, the same kind as a VAPID public key.
            p256dh: keys::public_of(&keys::generate()).unwrap(),
            auth: "BwcHBwcHBwcHBwcHBwcHBw".into(),
            vapid_key_id: 1,
            label: String::new(),
            created_at: Utc::now(),
            last_success_at: None,
            failures: 0,
            needs_renewal: false,
            session_key: None,
        };
        let notification = notification::Model {
            id: 1,
            recipient_id: 1,
            topic: "announcements".into(),
            title: "停水通知".into(),
            body: "明天上午停水".into(),
            url: "/announcements/1".into(),
            urgent: false,
            created_at: Utc::now(),
            read_at: None,
            push_state: "queued".into(),
            push_attempts: 0,
            next_attempt_at: None,
        };
        Job { delivery_id: 1, attempt: 1, receipt_token: "0".repeat(32), notification, subscription }
    }

    fn authorization(message: &web_push::WebPushMessage) -> String {
        let headers = &message.payload.as_ref().expect("a payload").crypto_headers;
        headers.iter().find(|(name, _)| *name == "Authorization").map(|(_, v)| v.clone()).expect("signed")
    }

    #[test]
    fn one_signature_serves_every_phone_at_a_push_service() {
        let sender = Sender::new(&PushPolicy::default());
        let key = super::super::keys::generate();
        let sign = |endpoint: &str| authorization(&sender.message(&job_for(endpoint), &key, 60).unwrap());
        let first = sign("https://fcm.googleapis.com/fcm/send/a");
        assert_eq!(sign("https://fcm.googleapis.com/fcm/send/b"), first, "same service: signed once");
        let other = sign("https://updates.push.services.mozilla.com/wpush/v2/c");
        assert_ne!(other, first, "another service has its own audience");
        // Each message is still encrypted for its own phone.
        let (a, b) =
            (job_for("https://fcm.googleapis.com/fcm/send/a"), job_for("https://fcm.googleapis.com/fcm/send/a"));
        let body = |job: &Job| sender.message(job, &key, 60).unwrap().payload.unwrap().content;
        assert_ne!(body(&a), body(&b));
    }

    #[test]
    fn long_bodies_are_cut_to_fit_a_push() {
        let n = notification::Model {
            id: 1,
            recipient_id: 1,
            topic: "alerts".into(),
            title: "守望提醒".into(),
            body: "很长".repeat(2000),
            url: "/alerts".into(),
            urgent: false,
            created_at: Utc::now(),
            read_at: None,
            push_state: "pending".into(),
            push_attempts: 0,
            next_attempt_at: None,
        };
        let p = Payload::new(&n, "00");
        assert!(p.encode().len() <= MAX_PAYLOAD);
        assert!(p.body.starts_with("很长"));
    }
}
