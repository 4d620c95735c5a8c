//! Help requests: posting, who sees what, every transition, the board, the timers.

use super::db::entities::{
    account, building, help_event, help_request, notification, push_delivery, role_grant, volunteer_duty,
};
use super::notifications::{self, Notice, Topic};
use super::places::pick;
use super::policy::{HelpPolicy, HelpTimers};
use super::shown_time as local;
use crate::authz::{self, Action, Principal};
use crate::domain::{HelpDescription, IdempotencyKey, ShortNote};
use crate::error::{AppError, AppResult};
use crate::help::{
    Actor, Board, CallListEntry, Category, HelpAction, HelpRequestDetail, HelpRequestSummary, HelpState, TimelineEntry,
    Triage, Urgency, VolunteerContact, transition,
};
use crate::i18n::{Key, Locale};
use crate::model::{AccountId, AccountStatus, BuildingId, CommunityId, Role};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

pub struct NewRequest {
    pub category: Category,
    pub urgency: Urgency,
    pub description: HelpDescription,
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub key: IdempotencyKey,
}

/// Who posts: a resident for themselves, or staff for a resident who phoned the hotline.
pub enum Poster<'a> {
    Resident(&'a Principal),
    Hotline { staff: &'a Principal, resident: i64 },
}

fn timers(policy: &HelpPolicy, urgency: Urgency) -> HelpTimers {
    match urgency {
        Urgency::Urgent => policy.urgent,
        Urgency::Today => policy.today,
        Urgency::ThisWeek => policy.this_week,
        Urgency::Anytime => policy.anytime,
    }
}

fn parse_state(m: &help_request::Model) -> HelpState {
    HelpState::parse(&m.state).unwrap_or(HelpState::Expired)
}

fn parse_urgency(m: &help_request::Model) -> Urgency {
    Urgency::parse(&m.urgency).unwrap_or(Urgency::Anytime)
}

/// Posts a request, or returns the one already posted with the same key.
pub async fn post(
    db: &impl ConnectionTrait,
    poster: Poster<'_>,
    new: NewRequest,
    now: DateTime<Utc>,
    policy: &HelpPolicy,
) -> AppResult<i64> {
    let (requester, created_by, via_hotline) = match poster {
        Poster::Resident(p) => {
            let community = p.community.ok_or(AppError::Forbidden)?;
            authz::authorize(Some(p), Action::Participate { community })?;
            (p.account.0, p.account.0, false)
        }
        Poster::Hotline { staff, resident } => {
            let r = account::Entity::find_by_id(resident).one(db).await?;
            let r = r
                .filter(|r| r.status == AccountStatus::Verified.as_str() && r.building_id.is_some())
                .ok_or_else(|| AppError::invalid("resident", Key::FieldNoSuchResident))?;
            let community = CommunityId(r.community_id.ok_or(AppError::Forbidden)?);
            authz::authorize(Some(staff), Action::HandleHelp { community })
                .map_err(|_| AppError::invalid("resident", Key::FieldNoSuchResident))?;
            (r.id, staff.account.0, true)
        }
    };
    let key = new.key.into_inner();
    if let Some(existing) = find_by_key(db, requester, &key).await? {
        return Ok(existing);
    }
    let person = account::Entity::find_by_id(requester).one(db).await?.ok_or(AppError::NotFound)?;
    let (Some(community), Some(building)) = (person.community_id, person.building_id) else {
        return Err(AppError::Forbidden);
    };
    let t = timers(policy, new.urgency);
    let default_expiry = now + Duration::hours(t.expire_after_hours);
    let expires_at = new.window.map(|(_, end)| end.max(now + Duration::hours(1))).unwrap_or(default_expiry);
    let row = help_request::ActiveModel {
        community_id: Set(community),
        building_id: Set(building),
        requester_id: Set(requester),
        created_by: Set(created_by),
        via_hotline: Set(via_hotline),
        category: Set(new.category.as_str().to_owned()),
        urgency: Set(new.urgency.as_str().to_owned()),
        description: Set(new.description.into_inner()),
        window_start: Set(new.window.map(|w| w.0)),
        window_end: Set(new.window.map(|w| w.1)),
        state: Set(HelpState::Open.as_str().to_owned()),
        escalation_level: Set(0),
        next_escalation_at: Set(Some(now + Duration::minutes(t.neighbours_after_minutes))),
        expires_at: Set(expires_at),
        idempotency_key: Set(key.clone()),
        version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    // Two submissions with one key racing past the check above: the first one stands. `DO
    // NOTHING` rather than catching the unique violation, which would abort a PostgreSQL
    // transaction.
    let conflict = OnConflict::columns([help_request::Column::RequesterId, help_request::Column::IdempotencyKey])
        .do_nothing()
        .to_owned();
    let id = match help_request::Entity::insert(row).on_conflict(conflict).exec(db).await {
        Ok(done) => done.last_insert_id,
        Err(DbErr::RecordNotInserted) => return find_by_key(db, requester, &key).await?.ok_or(AppError::Internal),
        Err(e) => return Err(e.into()),
    };
    let inserted = help_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::Internal)?;
    let kind = if via_hotline { "hotline" } else { "created" };
    record(db, inserted.id, Some(created_by), kind, None, now).await?;
    let volunteers = volunteers_for(db, &[building], requester).await?;
    announce(db, &inserted, &volunteers, Topic::BuildingHelp, now).await?;
    Ok(inserted.id)
}

pub(crate) async fn find_by_key(db: &impl ConnectionTrait, requester: i64, key: &str) -> Result<Option<i64>, DbErr> {
    Ok(help_request::Entity::find()
        .filter(help_request::Column::RequesterId.eq(requester))
        .filter(help_request::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
        .map(|r| r.id))
}

async fn record(
    db: &impl ConnectionTrait,
    request: i64,
    actor: Option<i64>,
    kind: &str,
    note: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    help_event::ActiveModel {
        request_id: Set(request),
        actor_id: Set(actor),
        kind: Set(kind.to_owned()),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Tells volunteers (or staff) about a request that needs someone. Only the category, the
/// urgency and the building: no name, no description, no contact.
async fn announce(
    db: &impl ConnectionTrait,
    request: &help_request::Model,
    recipients: &[i64],
    topic: Topic,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let title = if topic == Topic::StaffHelp { Key::NotifyEscalatedTitle } else { Key::NotifyNewHelpTitle };
    announce_as(db, request, recipients, topic, title, now).await
}

async fn announce_as(
    db: &impl ConnectionTrait,
    request: &help_request::Model,
    recipients: &[i64],
    topic: Topic,
    title: Key,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let b = building::Entity::find_by_id(request.building_id).one(db).await?;
    let category = Category::parse(&request.category).unwrap_or(Category::Other);
    let urgency = parse_urgency(request);
    let text = move |l: Locale| {
        let place = b.as_ref().map(|b| pick(l, &b.name_zh, &b.name_en)).unwrap_or_default();
        (title.text(l).to_owned(), format!("{place} · {} · {}", category.label().text(l), urgency.label().text(l)))
    };
    let url = format!("/help/{}", request.id);
    let notice = Notice { topic, urgent: urgency == Urgency::Urgent, url: &url, text: &text };
    notifications::notify(db, recipients, notice, now).await
}

/// Tells the people following a request that it moved.
async fn update_followers(
    db: &impl ConnectionTrait,
    request: &help_request::Model,
    what: Key,
    recipients: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let text = move |l: Locale| (Key::NotifyHelpUpdateTitle.text(l).to_owned(), what.text(l).to_owned());
    let url = format!("/help/{}", request.id);
    let notice = Notice { topic: Topic::MyRequests, urgent: false, url: &url, text: &text };
    notifications::notify(db, recipients, notice, now).await
}

/// Volunteers of these buildings who are on duty, except `except` (the requester).
async fn volunteers_for(db: &impl ConnectionTrait, buildings: &[i64], except: i64) -> Result<Vec<i64>, DbErr> {
    let ids: Vec<i64> = role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::AccountId)
        .filter(role_grant::Column::Role.eq("volunteer"))
        .filter(role_grant::Column::BuildingId.is_in(buildings.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let off: Vec<i64> = volunteer_duty::Entity::find()
        .select_only()
        .column(volunteer_duty::Column::AccountId)
        .filter(volunteer_duty::Column::OnDuty.eq(false))
        .into_tuple()
        .all(db)
        .await?;
    let mut ids: Vec<i64> = ids.into_iter().filter(|id| *id != except && !off.contains(id)).collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// The buildings next to this one (adjacent positions in the same community).
async fn neighbours(db: &impl ConnectionTrait, building_id: i64) -> Result<Vec<i64>, DbErr> {
    let Some(b) = building::Entity::find_by_id(building_id).one(db).await? else { return Ok(vec![]) };
    building::Entity::find()
        .select_only()
        .column(building::Column::Id)
        .filter(building::Column::CommunityId.eq(b.community_id))
        .filter(building::Column::Position.between(b.position - 1, b.position + 1))
        .filter(building::Column::Id.ne(b.id))
        .into_tuple()
        .all(db)
        .await
}

fn volunteer_buildings(p: &Principal) -> Vec<i64> {
    p.roles
        .iter()
        .filter_map(|r| match r {
            Role::Volunteer { building, .. } => Some(building.0),
            _ => None,
        })
        .collect()
}

/// Every way the caller is related to the request.
async fn relations(db: &impl ConnectionTrait, p: &Principal, r: &help_request::Model) -> Result<Vec<Actor>, DbErr> {
    let mut found = vec![];
    if p.account.0 == r.requester_id {
        found.push(Actor::Requester);
    }
    let verified = p.status == AccountStatus::Verified;
    if verified && r.volunteer_id == Some(p.account.0) {
        found.push(Actor::HoldingVolunteer);
    }
    let mine = volunteer_buildings(p);
    if verified && p.account.0 != r.requester_id && !mine.is_empty() {
        let eligible = mine.contains(&r.building_id)
            || (r.escalation_level >= 1 && neighbours(db, r.building_id).await?.iter().any(|b| mine.contains(b)));
        if eligible {
            found.push(Actor::EligibleVolunteer);
        }
    }
    if authz::permits(Some(p), Action::HandleHelp { community: CommunityId(r.community_id) }) {
        found.push(Actor::Staff);
    }
    Ok(found)
}

/// Extra input some actions carry.
#[derive(Default)]
pub struct ActInput {
    pub note: Option<ShortNote>,
    pub minutes: Option<i32>,
    pub volunteer: Option<i64>,
}

/// Moves a request, if the caller's relation to it allows the action in its current state.
pub async fn act(
    db: &impl ConnectionTrait,
    p: &Principal,
    id: i64,
    action: HelpAction,
    input: ActInput,
    now: DateTime<Utc>,
    policy: &HelpPolicy,
) -> AppResult<()> {
    let r = help_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let rels = relations(db, p, &r).await?;
    if rels.is_empty() {
        return Err(AppError::Forbidden);
    }
    let state = parse_state(&r);
    let done = r.done_reported_at.is_some();
    let Some(next) = rels.iter().find_map(|a| transition(state, *a, action, done).ok()) else {
        let taken = action == HelpAction::Claim && state != HelpState::Open;
        return Err(AppError::Conflict(if taken { Key::HelpAlreadyClaimed } else { Key::HelpNotAllowedNow }));
    };
    let mut update = help_request::Entity::update_many()
        .col_expr(help_request::Column::State, Expr::value(next.as_str()))
        .col_expr(help_request::Column::Version, Expr::value(r.version + 1))
        .col_expr(help_request::Column::UpdatedAt, Expr::value(now));
    let kind;
    let mut note = None;
    match action {
        HelpAction::Claim | HelpAction::Assign => {
            let volunteer = if action == HelpAction::Claim {
                p.account.0
            } else {
                let v = input.volunteer.ok_or_else(|| AppError::invalid("volunteer_id", Key::FieldChoose))?;
                if !volunteers_for(db, &community_buildings(db, r.community_id).await?, r.requester_id)
                    .await?
                    .contains(&v)
                {
                    return Err(AppError::invalid("volunteer_id", Key::FieldChoose));
                }
                v
            };
            update = update
                .col_expr(help_request::Column::VolunteerId, Expr::value(volunteer))
                .col_expr(help_request::Column::ClaimedAt, Expr::value(now))
                .col_expr(help_request::Column::NextEscalationAt, Expr::value(Option::<DateTime<Utc>>::None));
            kind = if action == HelpAction::Claim { "claimed" } else { "assigned" };
        }
        HelpAction::Release => {
            let reason = input.note.ok_or_else(|| AppError::invalid("reason", Key::FieldRequired))?;
            note = Some(reason.into_inner());
            let t = timers(policy, parse_urgency(&r));
            let next_step = match r.escalation_level {
                0 => Some(now + Duration::minutes(t.neighbours_after_minutes)),
                1 => Some(now + Duration::minutes(t.staff_after_minutes - t.neighbours_after_minutes)),
                _ => None,
            };
            update = update
                .col_expr(help_request::Column::VolunteerId, Expr::value(Option::<i64>::None))
                .col_expr(help_request::Column::ClaimedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(help_request::Column::DoneReportedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(help_request::Column::VolunteerMinutes, Expr::value(Option::<i32>::None))
                .col_expr(help_request::Column::NextEscalationAt, Expr::value(next_step))
                // Back on offer: give the next volunteer at least an hour before it expires.
                .col_expr(help_request::Column::ExpiresAt, Expr::value(r.expires_at.max(now + Duration::hours(1))));
            kind = "released";
        }
        HelpAction::Start => kind = "started",
        HelpAction::ReportDone => {
            let minutes = input.minutes.ok_or_else(|| AppError::invalid("minutes", Key::FieldMinutes))?;
            update = update
                .col_expr(help_request::Column::DoneReportedAt, Expr::value(now))
                .col_expr(help_request::Column::VolunteerMinutes, Expr::value(minutes));
            kind = "done_reported";
        }
        HelpAction::Confirm | HelpAction::Cancel => {
            update = update
                .col_expr(help_request::Column::FinishedAt, Expr::value(now))
                .col_expr(help_request::Column::NextEscalationAt, Expr::value(Option::<DateTime<Utc>>::None));
            kind = if action == HelpAction::Confirm { "confirmed" } else { "cancelled" };
        }
        HelpAction::Expire | HelpAction::AutoResolve => return Err(AppError::Forbidden),
    }
    let changed = update
        .filter(help_request::Column::Id.eq(r.id))
        .filter(help_request::Column::Version.eq(r.version))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        // Someone else moved it between our read and our write (two volunteers claiming).
        let taken = action == HelpAction::Claim;
        return Err(AppError::Conflict(if taken { Key::HelpAlreadyClaimed } else { Key::HelpNotAllowedNow }));
    }
    record(db, r.id, Some(p.account.0), kind, note, now).await?;
    // Staff placing a request with a volunteer acts on people: it goes on the audit log.
    if action == HelpAction::Assign {
        let event = super::audit::AuditEvent {
            actor: p.account.0,
            action: "help.assign",
            object_type: "help_request",
            object_id: Some(r.id),
            community: Some(r.community_id),
            reason: None,
        };
        super::audit::record(db, event, now).await?;
    }
    let after = help_request::Entity::find_by_id(r.id).one(db).await?.ok_or(AppError::Internal)?;
    let what = event_key(kind);
    let mut followers = vec![r.requester_id];
    if r.via_hotline {
        followers.push(r.created_by);
    }
    if let Some(v) = r.volunteer_id.or(after.volunteer_id) {
        followers.push(v);
    }
    followers.retain(|f| *f != p.account.0);
    followers.sort();
    followers.dedup();
    update_followers(db, &after, what, &followers, now).await?;
    if action == HelpAction::Release {
        let mut buildings = vec![r.building_id];
        if r.escalation_level >= 1 {
            buildings.extend(neighbours(db, r.building_id).await?);
        }
        let volunteers = volunteers_for(db, &buildings, r.requester_id).await?;
        let volunteers: Vec<i64> = volunteers.into_iter().filter(|v| *v != p.account.0).collect();
        announce(db, &after, &volunteers, Topic::BuildingHelp, now).await?;
    }
    Ok(())
}

async fn community_buildings(db: &impl ConnectionTrait, community: i64) -> Result<Vec<i64>, DbErr> {
    building::Entity::find()
        .select_only()
        .column(building::Column::Id)
        .filter(building::Column::CommunityId.eq(community))
        .into_tuple()
        .all(db)
        .await
}

/// The requester thanks and rates, once, after the request is resolved.
pub async fn thank(
    db: &impl ConnectionTrait,
    p: &Principal,
    id: i64,
    thanks: Option<ShortNote>,
    rating: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let r = help_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if r.requester_id != p.account.0 {
        return Err(AppError::Forbidden);
    }
    if parse_state(&r) != HelpState::Resolved || r.rating.is_some() || r.volunteer_id.is_none() {
        return Err(AppError::Conflict(Key::HelpNotAllowedNow));
    }
    let note = thanks.map(ShortNote::into_inner);
    let changed = help_request::Entity::update_many()
        .col_expr(help_request::Column::Thanks, Expr::value(note.clone()))
        .col_expr(help_request::Column::Rating, Expr::value(rating))
        .col_expr(help_request::Column::Version, Expr::value(r.version + 1))
        .filter(help_request::Column::Id.eq(id))
        .filter(help_request::Column::Version.eq(r.version))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::Conflict(Key::HelpNotAllowedNow));
    }
    record(db, id, Some(p.account.0), "thanked", note, now).await?;
    let volunteer: Vec<i64> = r.volunteer_id.into_iter().collect();
    update_followers(db, &r, Key::HelpEvThanked, &volunteer, now).await?;
    Ok(())
}

fn event_key(kind: &str) -> Key {
    match kind {
        "created" => Key::HelpEvCreated,
        "hotline" => Key::HelpEvHotline,
        "claimed" => Key::HelpEvClaimed,
        "assigned" => Key::HelpEvAssigned,
        "released" => Key::HelpEvReleased,
        "started" => Key::HelpEvStarted,
        "done_reported" => Key::HelpEvDoneReported,
        "confirmed" => Key::HelpEvConfirmed,
        "cancelled" => Key::HelpEvCancelled,
        "expired" => Key::HelpEvExpired,
        "auto_resolved" => Key::HelpEvAutoResolved,
        "escalated_neighbours" => Key::HelpEvNeighbours,
        "escalated_staff" => Key::HelpEvStaff,
        "thanked" => Key::HelpEvThanked,
        "call_listed" => Key::HelpEvCallListed,
        _ => Key::HelpSystem,
    }
}

async fn summarize(
    db: &impl ConnectionTrait,
    r: &help_request::Model,
    locale: Locale,
) -> Result<HelpRequestSummary, DbErr> {
    Ok(summaries(db, std::slice::from_ref(r), locale).await?.remove(0))
}

/// One request as the caller may see it; refused to anyone without a relation to it.
pub async fn detail(db: &impl ConnectionTrait, p: &Principal, id: i64, locale: Locale) -> AppResult<HelpRequestDetail> {
    let r = help_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let rels = relations(db, p, &r).await?;
    if rels.is_empty() {
        return Err(AppError::Forbidden);
    }
    let state = parse_state(&r);
    let holds = rels.contains(&Actor::HoldingVolunteer) && matches!(state, HelpState::Claimed | HelpState::InProgress);
    // The contact rule of DOMAIN.md: the volunteer holding the request, and the service
    // centre's staff of that community — not admins, who may triage without it.
    let reveal = holds || p.roles.contains(&Role::Staff { community: CommunityId(r.community_id) });
    let requester = account::Entity::find_by_id(r.requester_id).one(db).await?.ok_or(AppError::Internal)?;
    let (contact, address) = if reveal {
        let contact = requester.phone.clone().or(requester.email.clone());
        let address =
            super::places::address(db, requester.building_id, requester.unit_id, requester.room.as_deref(), locale)
                .await?;
        (contact, address)
    } else {
        (None, None)
    };
    let events = help_event::Entity::find()
        .filter(help_event::Column::RequestId.eq(r.id))
        .order_by_asc(help_event::Column::Id)
        .all(db)
        .await?;
    let mut timeline = Vec::with_capacity(events.len());
    for e in events {
        let who = match e.actor_id {
            Some(a) => super::accounts::display_name(db, a).await?,
            None => Key::HelpSystem.text(locale).to_owned(),
        };
        timeline.push(TimelineEntry { at: local(e.created_at), who, what: event_key(&e.kind), note: e.note });
    }
    let done = r.done_reported_at.is_some();
    let mut allowed: Vec<HelpAction> = HelpAction::ALL
        .into_iter()
        .filter(|a| rels.iter().any(|actor| transition(state, *actor, *a, done).is_ok()))
        .collect();
    allowed.retain(|a| *a != HelpAction::Assign || rels.contains(&Actor::Staff));
    let volunteer_name = match r.volunteer_id {
        Some(v) => Some(super::accounts::display_name(db, v).await?),
        None => None,
    };
    Ok(HelpRequestDetail {
        summary: summarize(db, &r, locale).await?,
        window: r.window_start.zip(r.window_end).map(|(a, b)| format!("{} – {}", local(a), local(b))),
        requester: AccountId(r.requester_id),
        volunteer: r.volunteer_id.map(AccountId),
        volunteer_name,
        building_id: BuildingId(r.building_id),
        contact,
        address,
        via_hotline: r.via_hotline,
        done_reported: done,
        thanks: r.thanks.clone(),
        rating: r.rating,
        timeline,
        allowed,
        can_thank: rels.contains(&Actor::Requester)
            && state == HelpState::Resolved
            && r.rating.is_none()
            && r.volunteer_id.is_some(),
    })
}

/// Buildings and requesters' names are read once for the whole list, not once a row.
async fn summaries(
    db: &impl ConnectionTrait,
    rows: &[help_request::Model],
    locale: Locale,
) -> Result<Vec<HelpRequestSummary>, DbErr> {
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let buildings: HashMap<i64, String> = building::Entity::find()
        .filter(building::Column::Id.is_in(rows.iter().map(|r| r.building_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, pick(locale, &b.name_zh, &b.name_en)))
        .collect();
    let names = super::accounts::display_names(db, rows.iter().map(|r| r.requester_id)).await?;
    Ok(rows
        .iter()
        .map(|r| HelpRequestSummary {
            id: r.id,
            category: Category::parse(&r.category).unwrap_or(Category::Other),
            urgency: parse_urgency(r),
            state: parse_state(r),
            description: r.description.clone(),
            building: buildings.get(&r.building_id).cloned().unwrap_or_default(),
            created: local(r.created_at),
            escalation_level: r.escalation_level,
            requester_name: names.get(&r.requester_id).cloned().unwrap_or_default(),
        })
        .collect())
}

/// The caller's own requests, newest first.
pub async fn mine(db: &impl ConnectionTrait, p: &Principal, locale: Locale) -> Result<Vec<HelpRequestSummary>, DbErr> {
    let rows = help_request::Entity::find()
        .filter(help_request::Column::RequesterId.eq(p.account.0))
        .order_by_desc(help_request::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    summaries(db, &rows, locale).await
}

/// A volunteer's board: open requests of their buildings (and of neighbouring buildings once
/// those escalate), the ones they hold, their duty state and tally.
pub async fn board(
    db: &impl ConnectionTrait,
    p: &Principal,
    urgency: Option<Urgency>,
    locale: Locale,
) -> AppResult<Board> {
    let buildings = volunteer_buildings(p);
    if buildings.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut nearby = vec![];
    for b in &buildings {
        nearby.extend(neighbours(db, *b).await?);
    }
    let mut open = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(help_request::Column::RequesterId.ne(p.account.0))
        .filter(
            Condition::any().add(help_request::Column::BuildingId.is_in(buildings.clone())).add(
                Condition::all()
                    .add(help_request::Column::BuildingId.is_in(nearby))
                    .add(help_request::Column::EscalationLevel.gte(1)),
            ),
        );
    if let Some(u) = urgency {
        open = open.filter(help_request::Column::Urgency.eq(u.as_str()));
    }
    let open = open.order_by_desc(help_request::Column::Id).limit(100).all(db).await?;
    let held = help_request::Entity::find()
        .filter(help_request::Column::VolunteerId.eq(p.account.0))
        .filter(help_request::Column::State.is_in([HelpState::Claimed.as_str(), HelpState::InProgress.as_str()]))
        .order_by_desc(help_request::Column::Id)
        .all(db)
        .await?;
    let duty = volunteer_duty::Entity::find_by_id(p.account.0).one(db).await?;
    let (resolved, minutes) = tally(db, p.account.0).await?;
    Ok(Board {
        open: summaries(db, &open, locale).await?,
        mine: summaries(db, &held, locale).await?,
        on_duty: duty.is_none_or(|d| d.on_duty),
        resolved,
        minutes,
    })
}

/// Requests a volunteer helped resolve, and the minutes they reported.
/// Counted and summed by the database: a long-serving volunteer has thousands.
pub async fn tally(db: &impl ConnectionTrait, volunteer: i64) -> Result<(u64, i64), DbErr> {
    let (resolved, minutes): (i64, Option<i64>) = help_request::Entity::find()
        .select_only()
        .column_as(Expr::expr(Func::count(Expr::col(help_request::Column::VolunteerId))), "resolved")
        .column_as(Expr::expr(Func::sum(Expr::col(help_request::Column::VolunteerMinutes))), "minutes")
        .filter(help_request::Column::VolunteerId.eq(volunteer))
        .filter(help_request::Column::State.eq(HelpState::Resolved.as_str()))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    Ok((u64::try_from(resolved).unwrap_or_default(), minutes.unwrap_or_default()))
}

pub async fn set_duty(db: &impl ConnectionTrait, p: &Principal, on_duty: bool, now: DateTime<Utc>) -> AppResult<()> {
    if volunteer_buildings(p).is_empty() {
        return Err(AppError::Forbidden);
    }
    let row = volunteer_duty::ActiveModel { account_id: Set(p.account.0), on_duty: Set(on_duty), updated_at: Set(now) };
    volunteer_duty::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(volunteer_duty::Column::AccountId)
                .update_columns([volunteer_duty::Column::OnDuty, volunteer_duty::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

fn triage_scope(p: &Principal) -> AppResult<authz::CommunityScope> {
    let scope = authz::scope_where(p, |community| Action::HandleHelp { community });
    if scope.is_empty() { Err(AppError::Forbidden) } else { Ok(scope) }
}

/// Open requests of the scope, the most escalated and oldest first, narrowed to those whose
/// description or requester's name contains `search`.
async fn triage_rows(
    db: &impl ConnectionTrait,
    scope: &authz::CommunityScope,
    search: &str,
) -> Result<sea_orm::Select<help_request::Entity>, DbErr> {
    let mut rows = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(super::in_scope(help_request::Column::CommunityId, scope));
    if !search.trim().is_empty() {
        let people = super::accounts::ids_named_like(db, search).await?;
        rows = rows.filter(
            Condition::any()
                .add(help_request::Column::Description.like(super::contains(search)))
                .add(help_request::Column::RequesterId.is_in(people)),
        );
    }
    Ok(rows
        .order_by_desc(help_request::Column::EscalationLevel)
        .order_by_asc(help_request::Column::CreatedAt)
        .order_by_asc(help_request::Column::Id))
}

/// Staff triage: a page of open requests, every volunteer staff may assign, and the call list
/// (which ignores the search: an unconfirmed urgent request is never filtered out of sight).
pub async fn triage(
    db: &impl ConnectionTrait,
    p: &Principal,
    search: &str,
    page: u32,
    locale: Locale,
) -> AppResult<Triage> {
    let scope = triage_scope(p)?;
    let found = super::page_of(db, triage_rows(db, &scope, search).await?, page).await?;
    let mut volunteers = vec![];
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::Role.eq("volunteer"))
        .filter(super::in_scope(role_grant::Column::CommunityId, &scope));
    for g in grants.order_by_asc(role_grant::Column::AccountId).all(db).await? {
        let building = match g.building_id {
            Some(b) => building::Entity::find_by_id(b).one(db).await?.map(|b| pick(locale, &b.name_zh, &b.name_en)),
            None => None,
        };
        volunteers.push((
            g.account_id,
            format!("{} · {}", super::accounts::display_name(db, g.account_id).await?, building.unwrap_or_default()),
        ));
    }
    let listed = triage_rows(db, &scope, "")
        .await?
        .filter(help_request::Column::CallListedAt.is_not_null())
        .limit(super::LIST_PAGE)
        .all(db)
        .await?;
    let mut call_list = vec![];
    for r in &listed {
        // Volunteers' numbers are for the service centre's staff, not for admins.
        let staff = p.roles.contains(&Role::Staff { community: CommunityId(r.community_id) });
        let mut volunteers = contacts_of_volunteers(db, r.building_id, r.requester_id).await?;
        if !staff {
            volunteers.iter_mut().for_each(|v| v.contact = crate::domain::mask_contact(&v.contact));
        }
        let request = summarize(db, r, locale).await?;
        call_list.push(CallListEntry { request, listed: local(r.call_listed_at.unwrap_or(r.created_at)), volunteers });
    }
    let requests = summaries(db, &found.items, locale).await?;
    Ok(Triage { requests: found.with(requests), volunteers, call_list })
}

/// The open requests as the search selects them, as CSV for the service centre's records.
/// Names and descriptions only: no contact and no unit leaves the console in a file.
pub async fn triage_csv(
    db: &impl ConnectionTrait,
    p: &Principal,
    search: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let scope = triage_scope(p)?;
    let rows = triage_rows(db, &scope, search).await?.limit(super::EXPORT_LIMIT).all(db).await?;
    let mut csv = super::csv::Csv::new(
        &[
            Key::CsvPosted,
            Key::CsvBuilding,
            Key::CsvCategory,
            Key::CsvUrgency,
            Key::CsvEscalation,
            Key::CsvCallListed,
            Key::CsvRequester,
            Key::CsvDetails,
        ],
        locale,
    );
    for (r, s) in rows.iter().zip(summaries(db, &rows, locale).await?) {
        let listed = if r.call_listed_at.is_some() { Key::Yes } else { Key::No };
        csv.row([
            super::shown_datetime(r.created_at),
            s.building,
            s.category.label().text(locale).to_owned(),
            s.urgency.label().text(locale).to_owned(),
            s.escalation_level.to_string(),
            listed.text(locale).to_owned(),
            s.requester_name,
            s.description,
        ]);
    }
    super::audit::record_export(db, p, "help_requests", &scope, search, now).await?;
    Ok((format!("help-requests-{}.csv", super::file_date(now)), csv.finish()))
}

/// The building's volunteers with their numbers, those on duty first (staff only).
async fn contacts_of_volunteers(
    db: &impl ConnectionTrait,
    building_id: i64,
    requester: i64,
) -> Result<Vec<VolunteerContact>, DbErr> {
    let ids: Vec<i64> = role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::AccountId)
        .filter(role_grant::Column::Role.eq("volunteer"))
        .filter(role_grant::Column::BuildingId.eq(building_id))
        .filter(role_grant::Column::AccountId.ne(requester))
        .into_tuple()
        .all(db)
        .await?;
    let off: Vec<i64> = volunteer_duty::Entity::find()
        .select_only()
        .column(volunteer_duty::Column::AccountId)
        .filter(volunteer_duty::Column::AccountId.is_in(ids.clone()))
        .filter(volunteer_duty::Column::OnDuty.eq(false))
        .into_tuple()
        .all(db)
        .await?;
    let mut contacts: Vec<VolunteerContact> = account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| VolunteerContact {
            on_duty: !off.contains(&a.id),
            contact: a.phone.or(a.email).unwrap_or_default(),
            name: a.display_name,
        })
        .collect();
    contacts.sort_by_key(|c| !c.on_duty);
    Ok(contacts)
}

/// What one pass of the timers did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TimerReport {
    pub escalated: u32,
    pub expired: u32,
    pub auto_resolved: u32,
    pub call_listed: u32,
}

/// One pass of the request timers: escalate, expire, auto-resolve. Each step is a
/// conditional update on the row's version, so several servers running this at once never
/// escalate or notify twice. The caller commits.
pub async fn run_timers(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &HelpPolicy,
) -> Result<TimerReport, DbErr> {
    let mut report = TimerReport::default();
    let due = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(help_request::Column::NextEscalationAt.lte(now))
        .filter(help_request::Column::ExpiresAt.gt(now))
        .order_by_asc(help_request::Column::NextEscalationAt)
        .limit(200)
        .all(db)
        .await?;
    for r in due {
        let t = timers(policy, parse_urgency(&r));
        let level = r.escalation_level + 1;
        // After the neighbours, the staff step is due at its own time from posting.
        let next = (level == 1).then(|| (r.created_at + Duration::minutes(t.staff_after_minutes)).max(now));
        if !bump(
            db,
            &r,
            |u| {
                u.col_expr(help_request::Column::EscalationLevel, Expr::value(level))
                    .col_expr(help_request::Column::NextEscalationAt, Expr::value(next))
            },
            now,
        )
        .await?
        {
            continue;
        }
        let (kind, recipients, topic) = if level == 1 {
            let nearby = neighbours(db, r.building_id).await?;
            ("escalated_neighbours", volunteers_for(db, &nearby, r.requester_id).await?, Topic::BuildingHelp)
        } else {
            ("escalated_staff", super::roles::staff_of(db, r.community_id).await?, Topic::StaffHelp)
        };
        record(db, r.id, None, kind, None, now).await?;
        announce(db, &r, &recipients, topic, now).await?;
        report.escalated += 1;
    }
    report.call_listed = call_list_unconfirmed(db, now, policy).await?;
    let expired = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(help_request::Column::ExpiresAt.lte(now))
        .limit(200)
        .all(db)
        .await?;
    for r in expired {
        if finish(db, &r, HelpState::Expired, "expired", now).await? {
            report.expired += 1;
        }
    }
    let done_before = now - Duration::hours(policy.auto_resolve_hours);
    let settled = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::InProgress.as_str()))
        .filter(help_request::Column::DoneReportedAt.lte(done_before))
        .limit(200)
        .all(db)
        .await?;
    for r in settled {
        if finish(db, &r, HelpState::Resolved, "auto_resolved", now).await? {
            report.auto_resolved += 1;
        }
    }
    Ok(report)
}

/// Urgent requests still open a few minutes after posting, whose push no volunteer's device
/// has confirmed showing, go on the staff call list: someone phones the volunteers.
async fn call_list_unconfirmed(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    policy: &HelpPolicy,
) -> Result<u32, DbErr> {
    let waiting = help_request::Entity::find()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(help_request::Column::Urgency.eq(Urgency::Urgent.as_str()))
        .filter(help_request::Column::CallListedAt.is_null())
        .filter(help_request::Column::CreatedAt.lte(now - Duration::minutes(policy.call_list_after_minutes)))
        .filter(help_request::Column::ExpiresAt.gt(now))
        .limit(200)
        .all(db)
        .await?;
    let mut listed = 0;
    for r in waiting {
        if confirmed_by_a_volunteer(db, r.id).await? {
            continue;
        }
        if !bump(db, &r, |u| u.col_expr(help_request::Column::CallListedAt, Expr::value(now)), now).await? {
            continue;
        }
        record(db, r.id, None, "call_listed", None, now).await?;
        let staff = super::roles::staff_of(db, r.community_id).await?;
        announce_as(db, &r, &staff, Topic::StaffHelp, Key::NotifyCallListTitle, now).await?;
        listed += 1;
    }
    Ok(listed)
}

/// True when a volunteer's device returned the receipt of this request's push. The
/// notification's deep link names the request.
async fn confirmed_by_a_volunteer(db: &impl ConnectionTrait, request_id: i64) -> Result<bool, DbErr> {
    let notices: Vec<i64> = notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .filter(notification::Column::Url.eq(format!("/help/{request_id}")))
        .filter(notification::Column::Topic.eq(Topic::BuildingHelp.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    if notices.is_empty() {
        return Ok(false);
    }
    let confirmed = push_delivery::Entity::find()
        .filter(push_delivery::Column::NotificationId.is_in(notices))
        .filter(push_delivery::Column::DeliveredAt.is_not_null())
        .count(db)
        .await?;
    Ok(confirmed > 0)
}

/// Applies `change` if the row is still at the version read. True when this caller won.
async fn bump(
    db: &impl ConnectionTrait,
    r: &help_request::Model,
    change: impl FnOnce(sea_orm::UpdateMany<help_request::Entity>) -> sea_orm::UpdateMany<help_request::Entity>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let update = help_request::Entity::update_many()
        .col_expr(help_request::Column::Version, Expr::value(r.version + 1))
        .col_expr(help_request::Column::UpdatedAt, Expr::value(now));
    let result = change(update)
        .filter(help_request::Column::Id.eq(r.id))
        .filter(help_request::Column::Version.eq(r.version))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn finish(
    db: &impl ConnectionTrait,
    r: &help_request::Model,
    to: HelpState,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let won = bump(
        db,
        r,
        |u| {
            u.col_expr(help_request::Column::State, Expr::value(to.as_str()))
                .col_expr(help_request::Column::FinishedAt, Expr::value(now))
                .col_expr(help_request::Column::NextEscalationAt, Expr::value(Option::<DateTime<Utc>>::None))
        },
        now,
    )
    .await?;
    if won {
        record(db, r.id, None, kind, None, now).await?;
        let mut followers = vec![r.requester_id];
        followers.extend(r.volunteer_id);
        update_followers(db, r, event_key(kind), &followers, now).await?;
    }
    Ok(won)
}

/// One pass of the timers in its own write transaction, as the server's worker runs it.
pub async fn tick(state: &super::AppState) -> Result<TimerReport, DbErr> {
    let txn = super::db::begin_write(&state.db).await?;
    let report = run_timers(&txn, state.clock.now(), &state.policy.help).await?;
    txn.commit().await?;
    Ok(report)
}
