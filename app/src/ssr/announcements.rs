//! Announcements: published by the service centre to a community or one of its buildings,
//! optionally sent to every addressee through the notification outbox, whose progress the
//! publisher can watch.

use super::audit::{self, AuditEvent};
use super::db::entities::{account, announcement, building, notification, push_delivery};
use super::notifications::{self, Notice, Topic};
use super::places::pick;
use super::shown_time as local;
use crate::announcements::{AnnouncementList, AnnouncementSummary, AnnouncementView, SendProgress};
use crate::authz::{self, Action, Principal};
use crate::domain::{AnnouncementBody, AnnouncementTitle};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{AccountStatus, BuildingId, CommunityId};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

const PAGE: u64 = 20;

/// What a person may read: the whole community's announcements and their own building's; a
/// publisher reads all of the community's.
fn readable(who: &Principal, community: CommunityId) -> Condition {
    let mine = Condition::all().add(announcement::Column::CommunityId.eq(community.0));
    if authz::permits(Some(who), Action::Publish { community }) {
        return mine;
    }
    let building = Condition::any().add(announcement::Column::BuildingId.is_null());
    mine.add(match who.building {
        Some(b) if who.community == Some(community) => building.add(announcement::Column::BuildingId.eq(b.0)),
        _ => building,
    })
}

async fn building_name(db: &impl ConnectionTrait, id: Option<i64>, locale: Locale) -> Result<Option<String>, DbErr> {
    let Some(id) = id else { return Ok(None) };
    Ok(building::Entity::find_by_id(id).one(db).await?.map(|b| pick(locale, &b.name_zh, &b.name_en)))
}

pub async fn list(
    db: &impl ConnectionTrait,
    who: &Principal,
    page: u32,
    locale: Locale,
) -> AppResult<AnnouncementList> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let rows = announcement::Entity::find()
        .filter(readable(who, community))
        .order_by_desc(announcement::Column::Pinned)
        .order_by_desc(announcement::Column::CreatedAt)
        .order_by_desc(announcement::Column::Id)
        .offset(page as u64 * PAGE)
        .limit(PAGE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE;
    let mut items = Vec::with_capacity(rows.len());
    for a in rows.into_iter().take(PAGE as usize) {
        items.push(AnnouncementSummary {
            building: building_name(db, a.building_id, locale).await?,
            id: a.id,
            title: a.title,
            pinned: a.pinned,
            when: local(a.created_at),
        });
    }
    let can_publish = authz::permits(Some(who), Action::Publish { community });
    let buildings = if can_publish {
        building::Entity::find()
            .filter(building::Column::CommunityId.eq(community.0))
            .order_by_asc(building::Column::Position)
            .order_by_asc(building::Column::Id)
            .all(db)
            .await?
            .iter()
            .map(|b| (b.id, pick(locale, &b.name_zh, &b.name_en)))
            .collect()
    } else {
        vec![]
    };
    Ok(AnnouncementList { items, page, more, buildings, can_publish })
}

async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<announcement::Model> {
    let a = announcement::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(a.community_id);
    let home = who.community == Some(community) || authz::console_communities(who).contains(community);
    let found = announcement::Entity::find_by_id(id).filter(readable(who, community)).count(db).await? > 0;
    if !home || !found {
        return Err(AppError::NotFound);
    }
    Ok(a)
}

fn url(id: i64) -> String {
    format!("/announcements/{id}")
}

pub async fn view(db: &impl ConnectionTrait, who: &Principal, id: i64, locale: Locale) -> AppResult<AnnouncementView> {
    let a = visible(db, who, id).await?;
    let publisher = authz::permits(Some(who), Action::Publish { community: CommunityId(a.community_id) });
    let progress = if publisher && a.pushed { Some(progress(db, &a).await?) } else { None };
    Ok(AnnouncementView {
        building: building_name(db, a.building_id, locale).await?,
        author: super::accounts::display_name(db, a.author_id).await?,
        when: local(a.created_at),
        id: a.id,
        title: a.title,
        body: a.body,
        pinned: a.pinned,
        pushed: a.pushed,
        progress,
    })
}

/// Counted from the outbox itself, so the figures are what the dispatcher really did.
async fn progress(db: &impl ConnectionTrait, a: &announcement::Model) -> Result<SendProgress, DbErr> {
    let sent_for = || notification::Entity::find().filter(notification::Column::Url.eq(url(a.id)));
    let waiting = sent_for().filter(notification::Column::PushState.eq("pending")).count(db).await?;
    let inbox_only = sent_for().filter(notification::Column::PushState.is_in(["no_device", "muted"])).count(db).await?;
    let ours = Query::select()
        .column(notification::Column::Id)
        .from(notification::Entity)
        .and_where(notification::Column::Url.eq(url(a.id)))
        .to_owned();
    let devices =
        || push_delivery::Entity::find().filter(push_delivery::Column::NotificationId.in_subquery(ours.clone()));
    Ok(SendProgress {
        recipients: a.recipients as u64,
        waiting,
        devices_sent: devices().filter(push_delivery::Column::State.eq("sent")).count(db).await?,
        devices_queued: devices().filter(push_delivery::Column::State.eq("queued")).count(db).await?,
        inbox_only,
    })
}

pub struct Draft {
    pub title: AnnouncementTitle,
    pub body: AnnouncementBody,
    pub building: Option<BuildingId>,
    pub pinned: bool,
    pub push: bool,
}

/// Staff publish; with `push`, everyone addressed gets it in the inbox and on their devices.
/// Audited as a broadcast.
pub async fn publish(db: &impl ConnectionTrait, who: &Principal, draft: Draft, now: DateTime<Utc>) -> AppResult<i64> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Publish { community })?;
    if let Some(b) = draft.building {
        let inside = building::Entity::find_by_id(b.0).one(db).await?.is_some_and(|b| b.community_id == community.0);
        if !inside {
            return Err(AppError::invalid("building", Key::FieldAudience));
        }
    }
    let recipients: Vec<i64> = if draft.push {
        let mut people = account::Entity::find()
            .select_only()
            .column(account::Column::Id)
            .filter(account::Column::CommunityId.eq(community.0))
            .filter(account::Column::Status.eq(AccountStatus::Verified.as_str()));
        if let Some(b) = draft.building {
            people = people.filter(account::Column::BuildingId.eq(b.0));
        }
        people.into_tuple().all(db).await?
    } else {
        vec![]
    };
    let (title, body) = (draft.title.into_inner(), draft.body.into_inner());
    let row = announcement::ActiveModel {
        community_id: Set(community.0),
        building_id: Set(draft.building.map(|b| b.0)),
        author_id: Set(who.account.0),
        title: Set(title.clone()),
        body: Set(body.clone()),
        pinned: Set(draft.pinned),
        pushed: Set(draft.push),
        recipients: Set(recipients.len() as i32),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if draft.push {
        let link = url(row.id);
        let summary: String = body.chars().take(80).collect();
        let text = |_: Locale| (title.clone(), summary.clone());
        let notice = Notice { topic: Topic::Announcements, urgent: false, url: &link, text: &text };
        notifications::notify(db, &recipients, notice, now).await?;
    }
    let event = AuditEvent {
        actor: who.account.0,
        action: "announcement.broadcast",
        object_type: "announcement",
        object_id: Some(row.id),
        community: Some(community.0),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(row.id)
}

/// Pinned announcements stay at the top of the list.
pub async fn pin(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    pinned: bool,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let a = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::Publish { community: CommunityId(a.community_id) })?;
    announcement::Entity::update_many()
        .col_expr(announcement::Column::Pinned, Expr::value(pinned))
        .filter(announcement::Column::Id.eq(id))
        .exec(db)
        .await?;
    let event = AuditEvent {
        actor: who.account.0,
        action: if pinned { "announcement.pin" } else { "announcement.unpin" },
        object_type: "announcement",
        object_id: Some(id),
        community: Some(a.community_id),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(())
}
