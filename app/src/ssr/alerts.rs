//! Watch alerts: posting tells the neighbours at once; replies never do; staff hide with a
//! logged reason; residents report.

use super::audit::{self, AuditEvent};
use super::db::entities::{account, alert_reply, alert_report, building, watch_alert};
use super::notifications::{self, Notice, Topic};
use super::places::pick;
use super::shown_time;
use crate::alerts::{AlertFeed, AlertReplyView, AlertView};
use crate::authz::{self, Action, CommunityScope, Principal};
use crate::domain::{AlertText, Reason};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{AccountStatus, CommunityId};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

fn is_staff(p: &Principal, community: i64) -> bool {
    authz::permits(Some(p), Action::HandleHelp { community: CommunityId(community) })
}

/// Posts an alert to the author's building, or (staff) to the whole community, and tells
/// every verified resident there at once.
pub async fn post(
    db: &impl ConnectionTrait,
    p: &Principal,
    body: AlertText,
    whole_community: bool,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let (community, building) = if whole_community {
        // Staff usually live elsewhere: their community is the one they serve.
        let served = match authz::scope_where(p, |community| Action::HandleHelp { community }) {
            CommunityScope::Some(ids) => ids.first().map(|c| c.0),
            CommunityScope::All => None,
        };
        let community = served.or(p.community.map(|c| c.0)).ok_or(AppError::Forbidden)?;
        if !is_staff(p, community) {
            return Err(AppError::Forbidden);
        }
        (community, None)
    } else {
        let community = p.community.ok_or(AppError::Forbidden)?;
        authz::authorize(Some(p), Action::Participate { community })?;
        (community.0, Some(p.building.ok_or(AppError::Forbidden)?.0))
    };
    let alert = watch_alert::ActiveModel {
        community_id: Set(community),
        building_id: Set(building),
        author_id: Set(p.account.0),
        body: Set(body.into_inner()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut neighbours = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::Status.eq(AccountStatus::Verified.as_str()))
        .filter(account::Column::CommunityId.eq(community))
        .filter(account::Column::Id.ne(p.account.0));
    if let Some(b) = building {
        neighbours = neighbours.filter(account::Column::BuildingId.eq(b));
    }
    let recipients: Vec<i64> = neighbours.into_tuple().all(db).await?;
    let excerpt: String = alert.body.chars().take(60).collect();
    let text = move |l: Locale| (Key::NotifyAlertTitle.text(l).to_owned(), excerpt.clone());
    let notice = Notice { topic: Topic::Alerts, urgent: true, url: "/alerts", text: &text };
    notifications::notify(db, &recipients, notice, now).await?;
    Ok(alert.id)
}

/// Loads an alert the caller may see: verified residents of its building (or community, for
/// community-wide ones), and staff of its community.
async fn visible(db: &impl ConnectionTrait, p: &Principal, id: i64) -> AppResult<watch_alert::Model> {
    let alert = watch_alert::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if is_staff(p, alert.community_id) {
        return Ok(alert);
    }
    authz::authorize(Some(p), Action::Participate { community: CommunityId(alert.community_id) })?;
    let in_reach = alert.building_id.is_none() || alert.building_id == p.building.map(|b| b.0);
    if !in_reach || alert.hidden_at.is_some() {
        return Err(AppError::NotFound);
    }
    Ok(alert)
}

/// A reply: visible under the alert, notifies nobody (no alert storms).
pub async fn reply(
    db: &impl ConnectionTrait,
    p: &Principal,
    id: i64,
    body: AlertText,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let alert = visible(db, p, id).await?;
    alert_reply::ActiveModel {
        alert_id: Set(alert.id),
        author_id: Set(p.account.0),
        body: Set(body.into_inner()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn report(db: &impl ConnectionTrait, p: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let alert = visible(db, p, id).await?;
    alert_report::ActiveModel {
        alert_id: Set(alert.id),
        reporter_id: Set(p.account.0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| if super::is_unique_violation(&e) { AppError::Conflict(Key::ErrAlreadyReported) } else { e.into() })?;
    Ok(())
}

/// Staff hide an alert; the reason goes to the audit log.
pub async fn hide(
    db: &impl ConnectionTrait,
    p: &Principal,
    id: i64,
    reason: Reason,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let alert = watch_alert::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    authz::authorize(Some(p), Action::HandleHelp { community: CommunityId(alert.community_id) })?;
    let reason = reason.into_inner();
    watch_alert::Entity::update_many()
        .col_expr(watch_alert::Column::HiddenReason, Expr::value(reason.clone()))
        .col_expr(watch_alert::Column::HiddenBy, Expr::value(p.account.0))
        .col_expr(watch_alert::Column::HiddenAt, Expr::value(now))
        .filter(watch_alert::Column::Id.eq(id))
        .exec(db)
        .await?;
    let event = AuditEvent {
        actor: p.account.0,
        action: "alert.hide",
        object_type: "watch_alert",
        object_id: Some(id),
        community: Some(alert.community_id),
        reason: Some(&reason),
    };
    audit::record(db, event, now).await?;
    Ok(())
}

/// The caller's feed: their building's and their community's alerts, newest first. Staff see
/// every alert of their communities, hidden ones marked, with report counts.
pub async fn feed(db: &impl ConnectionTrait, p: &Principal, locale: Locale) -> AppResult<AlertFeed> {
    let staff_scope = authz::scope_where(p, |community| Action::HandleHelp { community });
    let moderator = !staff_scope.is_empty();
    let mut query = watch_alert::Entity::find();
    if moderator {
        if let CommunityScope::Some(ids) = &staff_scope {
            query = query.filter(watch_alert::Column::CommunityId.is_in(ids.iter().map(|c| c.0)));
        }
    } else {
        let community = p.community.ok_or(AppError::Forbidden)?;
        authz::authorize(Some(p), Action::Participate { community })?;
        let building = p.building.map(|b| b.0);
        query = query
            .filter(watch_alert::Column::CommunityId.eq(community.0))
            .filter(watch_alert::Column::HiddenAt.is_null())
            .filter(
                Condition::any()
                    .add(watch_alert::Column::BuildingId.is_null())
                    .add(watch_alert::Column::BuildingId.eq(building)),
            );
    }
    let rows = query.order_by_desc(watch_alert::Column::Id).limit(100).all(db).await?;
    let mut alerts = Vec::with_capacity(rows.len());
    for a in rows {
        let building = match a.building_id {
            Some(b) => building::Entity::find_by_id(b).one(db).await?.map(|b| pick(locale, &b.name_zh, &b.name_en)),
            None => None,
        };
        let mut replies = vec![];
        for r in alert_reply::Entity::find()
            .filter(alert_reply::Column::AlertId.eq(a.id))
            .order_by_asc(alert_reply::Column::Id)
            .all(db)
            .await?
        {
            replies.push(AlertReplyView {
                author: super::accounts::display_name(db, r.author_id).await?,
                body: r.body,
                created: shown_time(r.created_at),
            });
        }
        let reports = if moderator {
            Some(alert_report::Entity::find().filter(alert_report::Column::AlertId.eq(a.id)).count(db).await?)
        } else {
            None
        };
        alerts.push(AlertView {
            id: a.id,
            author: super::accounts::display_name(db, a.author_id).await?,
            body: a.body,
            building,
            created: shown_time(a.created_at),
            hidden_reason: a.hidden_reason,
            replies,
            reports,
        });
    }
    Ok(AlertFeed { alerts, can_post_community: moderator, can_moderate: moderator })
}
