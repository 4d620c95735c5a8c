//! Items 3 and 4: one announcement to 10,000 subscribed phones, and a help request's time to
//! its volunteer's phone. Both go through the server's own dispatcher to the local RFC 8291
//! receiver of the push tests, which checks every VAPID signature and decrypts every message.

use crate::push_receiver::PushReceiver;
use app::ssr::db::entities::{notification, push_subscription};
use app::ssr::policy::PushPolicy;
use app::ssr::push::{dispatch, keys};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use std::time::{Duration, Instant};

/// A broadcast to subscribed phones, end to end, beside the encryption alone.
#[derive(Debug, Clone, Copy)]
pub struct FanOut {
    pub devices: usize,
    /// From the staff member's "publish" to the last phone's message decrypted.
    pub seconds: f64,
    /// Until the publish request was answered (the inbox rows of the whole community written).
    pub answered_s: f64,
    /// Until the first phone had its message.
    pub first_s: f64,
    /// Messages one core encrypts a second, sending nothing.
    pub encrypted_per_core: f64,
    pub cores: usize,
}

impl FanOut {
    pub fn per_second(&self) -> f64 {
        self.devices as f64 / self.seconds
    }

    /// End to end against what the cores could encrypt (goal ≥ 0.5).
    pub fn ratio(&self) -> f64 {
        self.per_second() / (self.encrypted_per_core * self.cores as f64)
    }
}

/// Help request posted → the volunteer's phone has it.
#[derive(Debug, Clone, Copy)]
pub struct Latency {
    pub samples: usize,
    /// Requests whose push did not arrive within `PATIENCE`.
    pub missed: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

const PATIENCE: Duration = Duration::from_secs(5);

/// One phone for each of `accounts`, registered with the server's current VAPID key the way
/// `push/subscribe` stores it (written in bulk: 10,000 sign-ins would measure sign-in).
pub async fn subscribe_phones(
    db: &DatabaseConnection,
    receiver: &PushReceiver,
    accounts: &[i64],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    keys::ensure(db, "", now).await?;
    let key = keys::current(db).await?.expect("a key was just ensured").id;
    let rows = accounts.iter().map(|&account| {
        let phone = receiver.device(&format!("phone-{account}"));
        push_subscription::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            account_id: sea_orm::Set(account),
            endpoint: sea_orm::Set(phone.endpoint),
            p256dh: sea_orm::Set(phone.p256dh),
            auth: sea_orm::Set(phone.auth),
            vapid_key_id: sea_orm::Set(key),
            label: sea_orm::Set("Android · Chrome".to_owned()),
            created_at: sea_orm::Set(now),
            last_success_at: sea_orm::Set(None),
            failures: sea_orm::Set(0),
            needs_renewal: sea_orm::Set(false),
            session_key: sea_orm::Set(None),
        }
    });
    crate::generate::insert_chunks(db, rows.collect()).await
}

/// Messages a second one core builds as the dispatcher does (RFC 8291 encryption of the
/// payload for the device's key; the VAPID signature is made once and reused), sending none.
pub async fn encryption_rate(db: &DatabaseConnection, now: DateTime<Utc>) -> anyhow::Result<f64> {
    let subscription = push_subscription::Entity::find()
        .order_by_asc(push_subscription::Column::Id)
        .one(db)
        .await?
        .expect("phones are subscribed first");
    let private_key = keys::signing_keys(db, "").await?.remove(&subscription.vapid_key_id).expect("our key");
    let job = dispatch::Job {
        delivery_id: 1,
        attempt: 1,
        receipt_token: "0".repeat(32),
        notification: notification::Model {
            id: 1,
            recipient_id: subscription.account_id,
            topic: "announcements".into(),
            title: "停水通知".into(),
            body: "因管道检修，明天上午 9 点至 12 点全小区停水，请提前储水。".into(),
            url: "/announcements/1".into(),
            urgent: false,
            created_at: now,
            read_at: None,
            push_state: "queued".into(),
            push_attempts: 0,
            next_attempt_at: None,
        },
        subscription,
    };
    let sender = dispatch::Sender::new(&PushPolicy::default());
    // One thread, as long as it takes to be sure of the figure.
    let rate = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let mut built = 0u32;
        while started.elapsed() < Duration::from_secs(3) {
            sender.message(&job, &private_key, 3600).expect("the message builds");
            built += 1;
        }
        f64::from(built) / started.elapsed().as_secs_f64()
    })
    .await?;
    Ok(rate)
}

/// Waits until the receiver has decrypted `count` messages; the moment it had them all.
pub async fn all_delivered(receiver: &PushReceiver, count: usize, limit: Duration) -> anyhow::Result<Instant> {
    let started = Instant::now();
    while receiver.delivered() < count {
        anyhow::ensure!(
            started.elapsed() < limit,
            "{} of {count} pushes arrived within {limit:?}",
            receiver.delivered()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(Instant::now())
}

/// `samples` help requests posted one after another by `resident`; for each, the time until
/// the volunteer's phone (`device` at the receiver) decrypted its push.
pub async fn help_latency(
    base: &str,
    resident_cookie: &str,
    receiver: &PushReceiver,
    device: &str,
    samples: usize,
) -> anyhow::Result<Latency> {
    let http = reqwest::Client::new();
    let mut times = vec![];
    let mut missed = 0;
    for n in 0..samples {
        let before = receiver.received(device).len();
        let posted = Instant::now();
        let answer = http
            .post(format!("{base}/api/help/post"))
            .header("Cookie", resident_cookie)
            .form(&[
                ("category", "errand"),
                ("urgency", "today"),
                ("description", "帮忙去药店买感冒药，谢谢"),
                ("key", &format!("latency-{n}")),
            ])
            .send()
            .await?;
        anyhow::ensure!(answer.status().is_success(), "posting a help request: {}", answer.status());
        loop {
            if let Some(arrived) = receiver.received(device).get(before) {
                times.push((arrived.at - posted).as_secs_f64() * 1000.0);
                break;
            }
            if posted.elapsed() > PATIENCE {
                missed += 1;
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    times.sort_by(f64::total_cmp);
    let at =
        |q: f64| times.get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or(f64::NAN);
    Ok(Latency {
        samples,
        missed,
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        max_ms: times.last().copied().unwrap_or(f64::NAN),
    })
}
