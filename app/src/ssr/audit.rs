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

impl<'a> AuditEvent<'a> {
    /// An action on a person's account, with no reason given.
    pub fn about_account(actor: i64, action: &'a str, account: i64, community: Option<i64>) -> Self {
        AuditEvent { actor, action, object_type: "account", object_id: Some(account), community, reason: None }
    }
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

/// A list leaving the console as a file is itself an audited action. It is filed under the
/// community the list was drawn from (the first, for a list over several), so that
/// community's admins see it; a street-wide list is filed street-wide.
pub async fn record_export(
    db: &impl ConnectionTrait,
    who: &Principal,
    list: &str,
    scope: &CommunityScope,
    filter: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let community = match scope {
        CommunityScope::Some(ids) => ids.first().map(|c| c.0),
        CommunityScope::All => None,
    };
    let filter = filter.trim();
    let event = AuditEvent {
        actor: who.account.0,
        action: "export",
        object_type: list,
        object_id: None,
        community,
        reason: Some(filter).filter(|f| !f.is_empty()),
    };
    record(db, event, now).await
}

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
    let mut found = super::page_of(db, query(db, who, f).await?, f.page).await?;
    let entries = rows(db, std::mem::take(&mut found.items), locale).await?;
    Ok(AuditPage { entries: found.with(entries), actions: actions(db).await? })
}

/// The filtered log as CSV; the export is itself an audited action.
pub async fn export(
    db: &impl ConnectionTrait,
    who: &Principal,
    f: &AuditFilter,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let found = query(db, who, f).await?.limit(super::EXPORT_LIMIT).all(db).await?;
    let mut csv = super::csv::Csv::new(
        &[Key::AuditWhen, Key::AuditActor, Key::AuditAction, Key::AuditObject, Key::AuditCommunity, Key::AuditReason],
        locale,
    );
    for r in rows(db, found, locale).await? {
        csv.row([r.when, r.actor, r.action, r.object, r.community.unwrap_or_default(), r.reason.unwrap_or_default()]);
    }
    record_export(db, who, "audit_log", &scope_of(who)?, f.action.as_deref().unwrap_or_default(), now).await?;
    Ok((format!("audit-{}.csv", super::file_date(now)), csv.finish()))
}
