//! The notification outbox: rows written in the caller's transaction, read by the inbox and
//! by the push dispatcher. A notification never holds what its recipient may not see.

use super::db::entities::{account, notification};
use crate::i18n::Locale;
pub use crate::notifications::Topic;
use crate::notifications::{Inbox, InboxItem};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

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
    // A broadcast reaches thousands: work in slices, within every backend's limit on bound
    // parameters (12 columns × 500 rows).
    for slice in recipients.chunks(500) {
        let locales: Vec<(i64, String)> = account::Entity::find()
            .select_only()
            .column(account::Column::Id)
            .column(account::Column::Locale)
            .filter(account::Column::Id.is_in(slice.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        if locales.is_empty() {
            continue;
        }
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
        notification::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The notifications of one person, newest first (the inbox and the tests read this).
pub async fn for_recipient(db: &impl ConnectionTrait, recipient: i64) -> Result<Vec<notification::Model>, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(recipient))
        .order_by_desc(notification::Column::Id)
        .limit(INBOX_SIZE)
        .all(db)
        .await
}

/// The inbox keeps the latest this many; older ones stay in the table but are not listed.
const INBOX_SIZE: u64 = 200;

pub async fn unread_count(db: &impl ConnectionTrait, recipient: i64) -> Result<u64, DbErr> {
    notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(recipient))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
}

pub async fn inbox(db: &impl ConnectionTrait, recipient: i64) -> Result<Inbox, DbErr> {
    let items = for_recipient(db, recipient)
        .await?
        .into_iter()
        .map(|n| InboxItem {
            id: n.id,
            topic: Topic::parse(&n.topic).unwrap_or(Topic::MyRequests),
            title: n.title,
            body: n.body,
            url: n.url,
            urgent: n.urgent,
            created: super::shown_time(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    Ok(Inbox { items, unread: unread_count(db, recipient).await? })
}

/// Marks one of my notifications read and gives its deep link; someone else's is not found.
pub async fn open(
    db: &impl ConnectionTrait,
    recipient: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let Some(n) =
        notification::Entity::find_by_id(id).filter(notification::Column::RecipientId.eq(recipient)).one(db).await?
    else {
        return Ok(None);
    };
    if n.read_at.is_none() {
        mark_read(db, recipient, Some(id), now).await?;
    }
    Ok(Some(n.url))
}

/// Marks one (or, with `None`, every) unread notification of mine read.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    recipient: i64,
    id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::RecipientId.eq(recipient))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        update = update.filter(notification::Column::Id.eq(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}
