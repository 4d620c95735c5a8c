//! The audit log: who did what to whom, written in the same transaction as the change, and
//! read by admins with filters. Nothing in the app updates or deletes an entry.

use super::db::entities::{audit_entry, community};
use super::places::pick;
use crate::authz::{self, Action, CommunityScope, Principal};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{AuditPage, AuditRow};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set,
};

/// One staff/committee/admin action, about to be recorded.
pub struct AuditEvent<'a> {
    pub actor: i64,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: Option<i64>,
    pub community: Option<i64>,
    pub reason: Option<&'a str>,
}

pub async fn record(db: &impl ConnectionTrait, event: AuditEvent<'_>, now: DateTime<Utc>) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        actor_id: Set(Some(event.actor)),
        action: Set(event.action.to_owned()),
        object_type: Set(event.object_type.to_owned()),
        object_id: Set(event.object_id),
        community_id: Set(event.community),
        reason: Set(event.reason.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

const PAGE: u64 = 50;
/// A CSV export holds at most this many entries; narrow the filter for more.
const EXPORT_LIMIT: u64 = 10_000;

/// What an admin narrows the log to. `action` must be one the log holds.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: String,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub page: u32,
}

fn scope_of(who: &Principal) -> AppResult<CommunityScope> {
    if authz::permits(Some(who), Action::ViewAudit { community: None }) {
        return Ok(CommunityScope::All);
    }
    let scope = authz::scope_where(who, |community| Action::ViewAudit { community: Some(community) });
    if scope.is_empty() { Err(AppError::Forbidden) } else { Ok(scope) }
}

async fn actions(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::Action)
        .distinct()
        .order_by_asc(audit_entry::Column::Action)
        .into_tuple()
        .all(db)
        .await
}

async fn query(db: &impl ConnectionTrait, who: &Principal, f: &AuditFilter) -> AppResult<Select<audit_entry::Entity>> {
    let mut rows = audit_entry::Entity::find();
    if let CommunityScope::Some(ids) = scope_of(who)? {
        rows = rows.filter(audit_entry::Column::CommunityId.is_in(ids.iter().map(|c| c.0)));
    }
    if let Some(action) = &f.action {
        if !actions(db).await?.contains(action) {
            return Err(AppError::invalid("action", Key::FieldAuditAction));
        }
        rows = rows.filter(audit_entry::Column::Action.eq(action.as_str()));
    }
    let actor = f.actor.trim();
    if !actor.is_empty() {
        let people = super::accounts::ids_named_like(db, actor).await?;
        rows = rows.filter(audit_entry::Column::ActorId.is_in(people));
    }
    let mut dates = Condition::all();
    if let Some(from) = f.from {
        dates = dates.add(audit_entry::Column::CreatedAt.gte(from));
    }
    if let Some(until) = f.until {
        dates = dates.add(audit_entry::Column::CreatedAt.lt(until));
    }
    Ok(rows.filter(dates).order_by_desc(audit_entry::Column::Id))
}

async fn rows(db: &impl ConnectionTrait, entries: Vec<audit_entry::Model>, locale: Locale) -> AppResult<Vec<AuditRow>> {
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let actor = match e.actor_id {
            Some(id) => super::accounts::display_name(db, id).await?,
            None => String::new(),
        };
        let community = match e.community_id {
            Some(id) => community::Entity::find_by_id(id).one(db).await?.map(|c| pick(locale, &c.name_zh, &c.name_en)),
            None => None,
        };
        out.push(AuditRow {
            id: e.id,
            when: super::shown_datetime(e.created_at),
            actor,
            object: match e.object_id {
                Some(id) => format!("{} #{id}", e.object_type),
                None => e.object_type,
            },
            action: e.action,
            community,
            reason: e.reason,
        });
    }
    Ok(out)
}

pub async fn search(
    db: &impl ConnectionTrait,
    who: &Principal,
    f: &AuditFilter,
    locale: Locale,
) -> AppResult<AuditPage> {
    let found = query(db, who, f).await?.offset(f.page as u64 * PAGE).limit(PAGE + 1).all(db).await?;
    let more = found.len() as u64 > PAGE;
    let entries = rows(db, found.into_iter().take(PAGE as usize).collect(), locale).await?;
    Ok(AuditPage { entries, actions: actions(db).await?, page: f.page, more })
}

/// The filtered log as CSV; the export is itself an audited action.
pub async fn export(
    db: &impl ConnectionTrait,
    who: &Principal,
    f: &AuditFilter,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let found = query(db, who, f).await?.limit(EXPORT_LIMIT).all(db).await?;
    let mut csv = super::csv::Csv::new(
        &[Key::AuditWhen, Key::AuditActor, Key::AuditAction, Key::AuditObject, Key::AuditCommunity, Key::AuditReason],
        locale,
    );
    for r in rows(db, found, locale).await? {
        csv.row([r.when, r.actor, r.action, r.object, r.community.unwrap_or_default(), r.reason.unwrap_or_default()]);
    }
    let event = AuditEvent {
        actor: who.account.0,
        action: "export",
        object_type: "audit_log",
        object_id: None,
        community: who.community.map(|c| c.0),
        reason: f.action.as_deref(),
    };
    record(db, event, now).await?;
    Ok((format!("audit-{}.csv", super::shown_date(now)), csv.finish()))
}
