//! The audit log: who did what to whom, written in the same transaction as the change.

use super::db::entities::audit_entry;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

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
