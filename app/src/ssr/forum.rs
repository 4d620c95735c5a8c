//! The residents' forum 居民论坛 (DOMAIN.md §3): topics by verified residents of a community,
//! answered through the shared comments (`super::comments`), moderated the same way.

use super::comments::{Hidden, record_hiding};
use super::db::entities::forum_topic;
use super::notifications::Topic;
use super::shown_time as local;
use crate::authz::{self, Action, Principal};
use crate::deliberation::{ForumPage, TopicSummary, TopicView};
use crate::domain::{CommentBody, Reason, TopicTitle};
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use crate::model::CommunityId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

const PAGE: u64 = 20;

/// The topic, if the caller may see it: residents of its community and its console.
pub async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<forum_topic::Model> {
    let topic = forum_topic::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(topic.community_id);
    if who.community != Some(community) && !authz::console_communities(who).contains(community) {
        return Err(AppError::NotFound);
    }
    Ok(topic)
}

/// A verified resident opens a topic in their community.
pub async fn open(
    db: &impl ConnectionTrait,
    who: &Principal,
    title: TopicTitle,
    body: CommentBody,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let community = who.community.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Participate { community })?;
    let row = forum_topic::ActiveModel {
        community_id: Set(community.0),
        author_id: Set(who.account.0),
        title: Set(title.into_inner()),
        body: Set(body.into_inner()),
        replies: Set(0),
        last_activity_at: Set(now),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// A reply moves the topic to the top of the list.
pub async fn replied(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    forum_topic::Entity::update_many()
        .col_expr(forum_topic::Column::Replies, Expr::col(forum_topic::Column::Replies).add(1))
        .col_expr(forum_topic::Column::LastActivityAt, Expr::value(now))
        .filter(forum_topic::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// The community's topics, latest activity first, hidden ones left out.
pub async fn page(db: &impl ConnectionTrait, who: &Principal, page: u32) -> AppResult<ForumPage> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let rows = forum_topic::Entity::find()
        .filter(forum_topic::Column::CommunityId.eq(community.0))
        .filter(forum_topic::Column::HiddenAt.is_null())
        .order_by_desc(forum_topic::Column::LastActivityAt)
        .order_by_desc(forum_topic::Column::Id)
        .offset(page as u64 * PAGE)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE;
    let mut topics = Vec::with_capacity(rows.len());
    for t in rows.into_iter().take(PAGE as usize) {
        topics.push(TopicSummary {
            author: super::accounts::display_name(db, t.author_id).await?,
            id: t.id,
            title: t.title,
            replies: t.replies as u32,
            last_activity: local(t.last_activity_at),
        });
    }
    Ok(ForumPage { topics, page, more, can_post: authz::permits(Some(who), Action::Participate { community }) })
}

pub async fn topic(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<TopicView> {
    let t = visible(db, who, id).await?;
    let hidden = t.hidden_at.is_some();
    Ok(TopicView {
        id: t.id,
        author: super::accounts::display_name(db, t.author_id).await?,
        when: local(t.created_at),
        can_moderate: authz::permits(Some(who), Action::Moderate { community: CommunityId(t.community_id) }),
        body: if hidden { String::new() } else { t.body },
        hidden_reason: if hidden { Some(t.hidden_reason.unwrap_or_default()) } else { None },
        title: t.title,
    })
}

/// A moderator hides a topic with a reason that is shown, logged and sent to its author.
pub async fn hide(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    reason: Reason,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let t = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::Moderate { community: CommunityId(t.community_id) })?;
    if t.hidden_at.is_some() {
        return Err(AppError::Conflict(Key::ErrAlreadyHidden));
    }
    let reason = reason.into_inner();
    forum_topic::Entity::update_many()
        .col_expr(forum_topic::Column::HiddenAt, Expr::value(now))
        .col_expr(forum_topic::Column::HiddenBy, Expr::value(who.account.0))
        .col_expr(forum_topic::Column::HiddenReason, Expr::value(reason.clone()))
        .filter(forum_topic::Column::Id.eq(id))
        .exec(db)
        .await?;
    let url = format!("/forum/{id}");
    let hidden = Hidden {
        action: "topic_hidden",
        object_type: "forum_topic",
        id,
        community: CommunityId(t.community_id),
        author: t.author_id,
        url: &url,
        topic: Topic::Forum,
        told: Key::NotifyTopicHidden,
    };
    record_hiding(db, who, hidden, reason, now).await
}
