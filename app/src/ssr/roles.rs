//! Granted roles: stored, loaded, named.

use super::audit::{self, AuditEvent};
use super::db::entities::{account, building, community, role_grant};
use super::places::pick;
use crate::authz::{self, Action, Principal};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{AccountStatus, BuildingId, CommunityId, Role, RoleKind, RoleView, SubCommittee};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// Reads a stored grant; a row that no longer makes sense (say, a role name from a newer
/// version) grants nothing.
pub fn to_role(grant: &role_grant::Model) -> Option<Role> {
    let community = grant.community_id.map(CommunityId);
    Some(match RoleKind::parse(&grant.role)? {
        RoleKind::Volunteer => Role::Volunteer { community: community?, building: BuildingId(grant.building_id?) },
        RoleKind::Staff => Role::Staff { community: community? },
        RoleKind::Committee => {
            Role::Committee { community: community?, sub: SubCommittee::parse(grant.sub_committee.as_deref()?)? }
        }
        RoleKind::Admin => Role::Admin { community },
    })
}

fn scope_key(role: Role) -> String {
    match role {
        Role::Volunteer { community, building } => format!("volunteer:{community}:{building}"),
        Role::Staff { community } => format!("staff:{community}"),
        Role::Committee { community, sub } => format!("committee:{community}:{}", sub.as_str()),
        Role::Admin { community: Some(c) } => format!("admin:{c}"),
        Role::Admin { community: None } => "admin:street".to_owned(),
    }
}

pub async fn roles_of(db: &impl ConnectionTrait, account: i64) -> Result<Vec<(i64, Role)>, DbErr> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::AccountId.eq(account))
        .order_by_asc(role_grant::Column::Id)
        .all(db)
        .await?;
    Ok(grants.iter().filter_map(|g| to_role(g).map(|r| (g.id, r))).collect())
}

/// Roles with their places named, for pages.
pub async fn role_views(db: &impl ConnectionTrait, account: i64, locale: Locale) -> Result<Vec<RoleView>, DbErr> {
    let mut views = vec![];
    for (grant_id, role) in roles_of(db, account).await? {
        let community_name = match role.community() {
            Some(id) => {
                community::Entity::find_by_id(id.0).one(db).await?.map(|c| pick(locale, &c.name_zh, &c.name_en))
            }
            None => Some(Key::RoleStreetAdmin.text(locale).to_owned()),
        };
        let mut place = community_name.unwrap_or_default();
        match role {
            Role::Volunteer { building: b, .. } => {
                if let Some(b) = building::Entity::find_by_id(b.0).one(db).await? {
                    place = format!("{place} {}", pick(locale, &b.name_zh, &b.name_en));
                }
            }
            Role::Committee { sub, .. } => place = format!("{place} · {}", sub.label().text(locale)),
            _ => {}
        }
        views.push(RoleView { grant_id, role, place });
    }
    Ok(views)
}

/// Grants `role` to `account`, if `actor` may assign roles there. Granting twice is refused.
pub async fn grant(
    db: &impl ConnectionTrait,
    actor: &Principal,
    account: i64,
    role: Role,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authz::authorize(Some(actor), Action::AssignRoles { community: role.community() })?;
    // Roles act on neighbours' requests and data: only for verified people, and a volunteer
    // serves the community they live in.
    let target = account::Entity::find_by_id(account).one(db).await?.ok_or(AppError::NotFound)?;
    if target.status != AccountStatus::Verified.as_str() {
        return Err(AppError::Conflict(Key::ErrNotVerified));
    }
    if let Role::Volunteer { community, .. } = role
        && target.community_id != Some(community.0)
    {
        return Err(AppError::invalid("building_id", Key::FieldChoose));
    }
    if let Role::Volunteer { community, building } = role {
        let b = building::Entity::find_by_id(building.0).one(db).await?;
        if b.is_none_or(|b| b.community_id != community.0) {
            return Err(AppError::invalid("building_id", Key::FieldChoose));
        }
    }
    let (building_id, sub) = match role {
        Role::Volunteer { building, .. } => (Some(building.0), None),
        Role::Committee { sub, .. } => (None, Some(sub.as_str().to_owned())),
        _ => (None, None),
    };
    let inserted = role_grant::ActiveModel {
        account_id: Set(account),
        role: Set(role.kind().as_str().to_owned()),
        community_id: Set(role.community().map(|c| c.0)),
        building_id: Set(building_id),
        sub_committee: Set(sub),
        scope_key: Set(scope_key(role)),
        granted_by: Set(Some(actor.account.0)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| if super::is_unique_violation(&e) { AppError::Conflict(Key::ErrDuplicate) } else { e.into() })?;
    let event = AuditEvent {
        actor: actor.account.0,
        action: "role.grant",
        object_type: "account",
        object_id: Some(account),
        community: role.community().map(|c| c.0),
        reason: Some(&inserted.scope_key),
    };
    audit::record(db, event, now).await?;
    Ok(inserted.id)
}

pub async fn revoke(db: &impl ConnectionTrait, actor: &Principal, grant_id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let grant = role_grant::Entity::find_by_id(grant_id).one(db).await?.ok_or(AppError::NotFound)?;
    authz::authorize(Some(actor), Action::AssignRoles { community: grant.community_id.map(CommunityId) })?;
    role_grant::Entity::delete_by_id(grant.id).exec(db).await?;
    let event = AuditEvent {
        actor: actor.account.0,
        action: "role.revoke",
        object_type: "account",
        object_id: Some(grant.account_id),
        community: grant.community_id,
        reason: Some(&grant.scope_key),
    };
    audit::record(db, event, now).await?;
    Ok(())
}

/// The service centre's staff of a community, to be told what needs a person.
pub async fn staff_of(db: &impl ConnectionTrait, community: i64) -> Result<Vec<i64>, DbErr> {
    role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::AccountId)
        .filter(role_grant::Column::Role.eq("staff"))
        .filter(role_grant::Column::CommunityId.eq(community))
        .into_tuple()
        .all(db)
        .await
}
