//! How much one person may post in a window: help requests, watch alerts and replies,
//! comments, forum topics and supports.
//!
//! Counted from the rows the person wrote, not kept in memory, so every app server applies
//! the same count and a restart forgets nothing. Run inside the write transaction that adds
//! the row, after the replay check: a repeat of a form that already went through is not
//! counted twice, and on SQLite the write lock makes the count exact.

use super::db::entities::{alert_reply, comment, forum_topic, help_request, proposal_support, watch_alert};
use super::policy::{Limits, RateLimit};
use super::state::AppState;
use crate::error::{AppError, AppResult};
use crate::model::AccountId;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posting {
    HelpRequest,
    Alert,
    AlertReply,
    Comment,
    Topic,
    Support,
}

impl Limits {
    fn for_posting(&self, posting: Posting) -> RateLimit {
        match posting {
            Posting::HelpRequest => self.help_requests,
            Posting::Alert => self.alerts,
            Posting::AlertReply => self.alert_replies,
            Posting::Comment => self.comments,
            Posting::Topic => self.topics,
            Posting::Support => self.supports,
        }
    }
}

/// Refuses with 429 when `author` has used up this kind of posting for the window.
pub async fn check(
    db: &impl ConnectionTrait,
    limits: &Limits,
    posting: Posting,
    author: AccountId,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let limit = limits.for_posting(posting);
    let since = now - chrono::Duration::seconds(limit.window_seconds as i64);
    let written = written_since(db, posting, author.0, since).await?;
    if written >= u64::from(limit.max) {
        tracing::warn!(?posting, "posting limit reached");
        return Err(AppError::TooManyRequests);
    }
    Ok(())
}

async fn written_since(
    db: &impl ConnectionTrait,
    posting: Posting,
    author: i64,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::Select;
    fn count_of<E: EntityTrait>(
        select: Select<E>,
        by: E::Column,
        at: E::Column,
        author: i64,
        since: DateTime<Utc>,
    ) -> Select<E> {
        select.filter(by.eq(author)).filter(at.gt(since))
    }
    match posting {
        Posting::HelpRequest => {
            use help_request::{Column, Entity};
            // Counted by who posted: a hotline call staff file for a resident is not the
            // resident's posting.
            count_of(Entity::find(), Column::CreatedBy, Column::CreatedAt, author, since)
                .filter(Column::ViaHotline.eq(false))
                .count(db)
                .await
        }
        Posting::Alert => {
            use watch_alert::{Column, Entity};
            count_of(Entity::find(), Column::AuthorId, Column::CreatedAt, author, since).count(db).await
        }
        Posting::AlertReply => {
            use alert_reply::{Column, Entity};
            count_of(Entity::find(), Column::AuthorId, Column::CreatedAt, author, since).count(db).await
        }
        Posting::Comment => {
            use comment::{Column, Entity};
            count_of(Entity::find(), Column::AuthorId, Column::CreatedAt, author, since).count(db).await
        }
        Posting::Topic => {
            use forum_topic::{Column, Entity};
            count_of(Entity::find(), Column::AuthorId, Column::CreatedAt, author, since).count(db).await
        }
        Posting::Support => {
            use proposal_support::{Column, Entity};
            count_of(Entity::find(), Column::AccountId, Column::CreatedAt, author, since).count(db).await
        }
    }
}

/// Refuses with 429 when the caller's address has posted too much, whoever signed in: one
/// address behind many accounts. Kept in memory per server; the per-person count above is
/// the exact one.
pub fn check_address(state: &AppState) -> AppResult<()> {
    let Some(ip) = super::request::client_ip(state) else {
        return Ok(());
    };
    if state.throttle.allow(&format!("post:ip:{ip}"), state.policy.limits.posts_per_ip) {
        Ok(())
    } else {
        tracing::warn!("posting limit reached for an address");
        Err(AppError::TooManyRequests)
    }
}
