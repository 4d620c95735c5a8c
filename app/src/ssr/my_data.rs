//! A person's own data under PIPL: a copy of everything they entered, and deleting their
//! account. Deletion keeps what neighbours' threads need (requests, proposals, comments),
//! under a name that no longer says who wrote it, and removes everything else about them.

use super::audit::{self, AuditEvent};
use super::db::entities::{
    acceptance_verdict, account, alert_reply, ballot, ballot_pick, comment, form_submission, forum_topic, help_request,
    notification, notification_mute, notification_setting, organisation, organisation_member, proposal,
    proposal_support, push_delivery, push_subscription, role_grant, service_request, volunteer_duty, watch_alert,
};
use super::help::{self, ActInput};
use super::policy::HelpPolicy;
use super::{places, roles, sessions, shown_datetime};
use crate::authz::Principal;
use crate::error::{AppError, AppResult};
use crate::help::HelpAction;
use crate::i18n::Locale;
use crate::model::AccountStatus;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Iterable, PrimaryKeyToColumn, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Value, json};

/// What a deleted person is called wherever their requests and comments stay.
pub const DELETED_NAME: &str = "已注销 · deleted";

fn when(t: DateTime<Utc>) -> String {
    shown_datetime(t)
}

fn maybe(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(shown_datetime)
}

/// Everything the person entered, as one JSON document. Nothing about anyone else: no
/// volunteer's name on their requests, no inbox (other people's doings), no neighbours'
/// descriptions on the requests they volunteered for.
pub async fn export(
    db: &impl ConnectionTrait,
    who: &Principal,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<Value> {
    let me = who.account.0;
    let acc = account::Entity::find_by_id(me).one(db).await?.ok_or(AppError::NotFound)?;
    let address = places::address(db, acc.building_id, acc.unit_id, acc.room.as_deref(), locale).await?;
    let roles: Vec<Value> = roles::role_views(db, me, locale)
        .await?
        .into_iter()
        .map(|r| json!({ "role": r.role.kind().as_str(), "place": r.place }))
        .collect();
    Ok(json!({
        "exported_at": when(now),
        "profile": {
            "name": acc.display_name,
            "phone": acc.phone,
            "email": acc.email,
            "address": address,
            "language": acc.locale,
            "verification": acc.status,
            "registered": when(acc.created_at),
            "privacy_notice_version": acc.privacy_version,
            "privacy_consented_at": maybe(acc.privacy_consented_at),
        },
        "roles": roles,
        "help_requests": help_requests(db, me).await?,
        "volunteering": volunteering(db, me).await?,
        "proposals": proposals(db, me).await?,
        "supports": rows(db, proposal_support::Entity::find().filter(proposal_support::Column::AccountId.eq(me)), |s| json!({
            "proposal": s.proposal_id, "at": when(s.created_at),
        })).await?,
        "ballots": ballots(db, me).await?,
        "acceptance_verdicts": rows(db, acceptance_verdict::Entity::find().filter(acceptance_verdict::Column::AccountId.eq(me)), |v| json!({
            "proposal": v.proposal_id, "attempt": v.attempt, "accepted": v.accepted, "rating": v.rating,
            "comment": v.comment, "at": when(v.created_at),
        })).await?,
        "comments": rows(db, comment::Entity::find().filter(comment::Column::AuthorId.eq(me)), |c| json!({
            "on": format!("{} #{}", c.subject_kind, c.subject_id), "reply_to": c.parent_id, "stance": c.stance,
            "text": c.body, "at": when(c.created_at), "hidden_reason": c.hidden_reason,
        })).await?,
        "forum_topics": rows(db, forum_topic::Entity::find().filter(forum_topic::Column::AuthorId.eq(me)), |t| json!({
            "id": t.id, "title": t.title, "text": t.body, "at": when(t.created_at), "hidden_reason": t.hidden_reason,
        })).await?,
        "watch_alerts": rows(db, watch_alert::Entity::find().filter(watch_alert::Column::AuthorId.eq(me)), |a| json!({
            "id": a.id, "text": a.body, "at": when(a.created_at), "hidden_reason": a.hidden_reason,
        })).await?,
        "alert_replies": rows(db, alert_reply::Entity::find().filter(alert_reply::Column::AuthorId.eq(me)), |r| json!({
            "alert": r.alert_id, "text": r.body, "at": when(r.created_at),
        })).await?,
        "service_requests": rows(db, service_request::Entity::find().filter(service_request::Column::RequesterId.eq(me)), |r| json!({
            "id": r.id, "service": r.service_id, "details": r.details, "state": r.state, "rating": r.rating,
            "rating_comment": r.rating_comment, "at": when(r.created_at),
        })).await?,
        "organisations_filed": rows(db, organisation::Entity::find().filter(organisation::Column::ContactId.eq(me)), |o| json!({
            "id": o.id, "name": o.name, "kind": o.kind, "purpose": o.purpose, "state": o.state, "at": when(o.created_at),
        })).await?,
        "organisation_memberships": rows(db, organisation_member::Entity::find().filter(organisation_member::Column::AccountId.eq(me)), |m| json!({
            "organisation": m.organisation_id, "joined": when(m.joined_at),
        })).await?,
        "notification_settings": {
            "quiet_hours": notification_setting::Entity::find_by_id(me).one(db).await?.map(|s| json!({ "from": s.quiet_from, "until": s.quiet_until })),
            "muted_topics": rows(db, notification_mute::Entity::find().filter(notification_mute::Column::AccountId.eq(me)), |m| json!(m.topic)).await?,
        },
        "devices": rows(db, push_subscription::Entity::find().filter(push_subscription::Column::AccountId.eq(me)), |d| json!({
            "device": d.label, "added": when(d.created_at),
        })).await?,
    }))
}

/// The rows of `select`, oldest first by primary key, each shaped by `shape`.
async fn rows<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<E>,
    shape: impl Fn(E::Model) -> Value,
) -> Result<Vec<Value>, DbErr>
where
    E::Model: Send + Sync,
{
    let mut select = select;
    for key in E::PrimaryKey::iter() {
        select = select.order_by_asc(key.into_column());
    }
    Ok(select.all(db).await?.into_iter().map(shape).collect())
}

async fn help_requests(db: &impl ConnectionTrait, me: i64) -> Result<Vec<Value>, DbErr> {
    rows(db, help_request::Entity::find().filter(help_request::Column::RequesterId.eq(me)), |r| {
        json!({
            "id": r.id, "category": r.category, "urgency": r.urgency, "description": r.description,
            "window": [maybe(r.window_start), maybe(r.window_end)], "state": r.state, "posted": when(r.created_at),
            "finished": maybe(r.finished_at), "thanks": r.thanks, "rating": r.rating,
        })
    })
    .await
}

/// Requests the person took as a volunteer: when and how long, not the neighbour's words.
async fn volunteering(db: &impl ConnectionTrait, me: i64) -> Result<Vec<Value>, DbErr> {
    rows(
        db,
        help_request::Entity::find().filter(help_request::Column::VolunteerId.eq(me)),
        |r| json!({ "request": r.id, "claimed": maybe(r.claimed_at), "minutes": r.volunteer_minutes }),
    )
    .await
}

async fn proposals(db: &impl ConnectionTrait, me: i64) -> Result<Vec<Value>, DbErr> {
    rows(db, proposal::Entity::find().filter(proposal::Column::AuthorId.eq(me)), |p| {
        json!({
            "id": p.id, "title": p.title, "description": p.description, "category": p.category,
            "location": p.location, "estimated_cost_fen": p.estimated_cost_fen, "beneficiaries": p.beneficiaries,
            "state": p.state, "submitted": maybe(p.submitted_at),
        })
    })
    .await
}

async fn ballots(db: &impl ConnectionTrait, me: i64) -> Result<Vec<Value>, DbErr> {
    let mut out = vec![];
    for b in
        ballot::Entity::find().filter(ballot::Column::VoterId.eq(me)).order_by_asc(ballot::Column::Id).all(db).await?
    {
        let picks: Vec<i64> = ballot_pick::Entity::find()
            .select_only()
            .column(ballot_pick::Column::ProposalId)
            .filter(ballot_pick::Column::BallotId.eq(b.id))
            .into_tuple()
            .all(db)
            .await?;
        out.push(json!({ "round": b.round_id, "picks": picks, "paper": b.paper, "cast": when(b.updated_at) }));
    }
    Ok(out)
}

/// Deletes the person's account: contact, address, password, sessions, devices, inbox,
/// settings, roles and memberships go; open help and service requests are withdrawn; what
/// neighbours' threads rely on stays, signed `DELETED_NAME`. The caller checked the password.
pub async fn delete_account(
    db: &impl ConnectionTrait,
    who: &Principal,
    now: DateTime<Utc>,
    policy: &HelpPolicy,
) -> AppResult<()> {
    let me = who.account.0;
    // Open requests would otherwise wait for a helper who could not reach anyone. They are
    // cancelled as the person would cancel them: on the request's timeline, and a volunteer
    // who holds one is told.
    let open = help_request::Entity::find()
        .filter(help_request::Column::RequesterId.eq(me))
        .filter(help_request::Column::State.is_in(["open", "claimed", "in_progress"]))
        .all(db)
        .await?;
    for request in open {
        match help::act(db, who, request.id, HelpAction::Cancel, ActInput::default(), now, policy).await {
            // Not cancellable in its state (the volunteer already reported it done): it stays.
            Ok(()) | Err(AppError::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    service_request::Entity::update_many()
        .col_expr(service_request::Column::State, Expr::value("withdrawn"))
        .col_expr(service_request::Column::UpdatedAt, Expr::value(now))
        .filter(service_request::Column::RequesterId.eq(me))
        .filter(service_request::Column::State.is_in(["submitted", "accepted"]))
        .exec(db)
        .await?;
    let inbox = Query::select()
        .column(notification::Column::Id)
        .from(notification::Entity)
        .and_where(notification::Column::RecipientId.eq(me))
        .to_owned();
    push_delivery::Entity::delete_many()
        .filter(push_delivery::Column::NotificationId.in_subquery(inbox))
        .exec(db)
        .await?;
    let devices = Query::select()
        .column(push_subscription::Column::Id)
        .from(push_subscription::Entity)
        .and_where(push_subscription::Column::AccountId.eq(me))
        .to_owned();
    push_delivery::Entity::delete_many()
        .filter(push_delivery::Column::SubscriptionId.in_subquery(devices))
        .exec(db)
        .await?;
    sessions::end_all(db, me, None).await?;
    notification::Entity::delete_many().filter(notification::Column::RecipientId.eq(me)).exec(db).await?;
    notification_mute::Entity::delete_many().filter(notification_mute::Column::AccountId.eq(me)).exec(db).await?;
    notification_setting::Entity::delete_many().filter(notification_setting::Column::AccountId.eq(me)).exec(db).await?;
    volunteer_duty::Entity::delete_many().filter(volunteer_duty::Column::AccountId.eq(me)).exec(db).await?;
    organisation_member::Entity::delete_many().filter(organisation_member::Column::AccountId.eq(me)).exec(db).await?;
    role_grant::Entity::delete_many().filter(role_grant::Column::AccountId.eq(me)).exec(db).await?;
    form_submission::Entity::delete_many().filter(form_submission::Column::AccountId.eq(me)).exec(db).await?;
    account::Entity::update_many()
        .col_expr(account::Column::DisplayName, Expr::value(DELETED_NAME))
        .col_expr(account::Column::Phone, Expr::value(Option::<String>::None))
        .col_expr(account::Column::Email, Expr::value(Option::<String>::None))
        // No password hashes to this: nobody signs in as a deleted person again.
        .col_expr(account::Column::PasswordHash, Expr::value("!deleted"))
        .col_expr(account::Column::UnitId, Expr::value(Option::<i64>::None))
        .col_expr(account::Column::Room, Expr::value(Option::<String>::None))
        .col_expr(account::Column::RejectionReason, Expr::value(Option::<String>::None))
        .col_expr(account::Column::Status, Expr::value(AccountStatus::Deleted.as_str()))
        .col_expr(account::Column::UpdatedAt, Expr::value(now))
        .filter(account::Column::Id.eq(me))
        .exec(db)
        .await?;
    let event = AuditEvent {
        actor: me,
        action: "account.delete",
        object_type: "account",
        object_id: Some(me),
        community: who.community.map(|c| c.0),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(())
}
