//! The notification outbox: rows written in the caller's transaction, read by the inbox and
//! by the push dispatcher. A notification never holds what its recipient may not see.

use super::db::entities::{account, notification};
use crate::i18n::Locale;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};

/// What a notification is about; people switch topics on and off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// New help requests of the buildings a volunteer serves.
    BuildingHelp,
    /// Changes to requests I asked for or am helping with.
    MyRequests,
    /// Requests nobody took, for the service centre's staff.
    StaffHelp,
    /// Watch alerts of my building and community.
    Alerts,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::BuildingHelp => "building_help",
            Topic::MyRequests => "my_requests",
            Topic::StaffHelp => "staff_help",
            Topic::Alerts => "alerts",
        }
    }
}

pub struct Notice<'a> {
    pub topic: Topic,
    pub urgent: bool,
    pub url: &'a str,
    /// Title and body in the given language.
    pub text: &'a (dyn Fn(Locale) -> (String, String) + Sync),
}

/// Queues one notification per recipient, each in the recipient's own language.
pub async fn notify(
    db: &impl ConnectionTrait,
    recipients: &[i64],
    notice: Notice<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if recipients.is_empty() {
        return Ok(());
    }
    let locales: Vec<(i64, String)> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Locale)
        .filter(account::Column::Id.is_in(recipients.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let rows = locales.into_iter().map(|(id, locale)| {
        let (title, body) = (notice.text)(Locale::from_tag(&locale).unwrap_or_default());
        notification::ActiveModel {
            recipient_id: Set(id),
            topic: Set(notice.topic.as_str().to_owned()),
            title: Set(title),
            body: Set(body),
            url: Set(notice.url.to_owned()),
            urgent: Set(notice.urgent),
            created_at: Set(now),
            read_at: Set(None),
            push_state: Set("pending".to_owned()),
            push_attempts: Set(0),
            next_attempt_at: Set(Some(now)),
            ..Default::default()
        }
    });
    notification::Entity::insert_many(rows).exec(db).await.map(|_| ())
}

/// The notifications of one person, newest first (the inbox and the tests read this).
pub async fn for_recipient(db: &impl ConnectionTrait, recipient: i64) -> Result<Vec<notification::Model>, DbErr> {
    use sea_orm::QueryOrder;
    notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(recipient))
        .order_by_desc(notification::Column::Id)
        .limit(200)
        .all(db)
        .await
}
