//! People: registration, sign-in lookup, verification, the views of a person.

use super::audit::{self, AuditEvent};
use super::db::entities::account;
use super::{places, roles};
use crate::authz::{self, Action, CommunityScope, Principal};
use crate::domain::{ContactPoint, DisplayName, Reason, RoomNumber, mask_contact};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{AccountId, AccountStatus, BuildingId, CommunityId, Listing, PendingAccount, PersonSummary, Viewer};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// The version of the privacy notice a person agrees to at registration.
pub const PRIVACY_VERSION: &str = "2026-11";

/// A registration that passed validation; the password is already hashed.
pub struct Registration {
    pub contact: ContactPoint,
    pub name: DisplayName,
    pub password_hash: String,
    pub building: i64,
    pub unit: i64,
    pub room: RoomNumber,
    pub locale: Locale,
}

/// Where a new account starts: `pending`, or `verified` for accounts staff create themselves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InitialStatus {
    Pending,
    Verified,
}

fn contact_filter(contact: &ContactPoint) -> Condition {
    match contact {
        ContactPoint::Phone(p) => Condition::all().add(account::Column::Phone.eq(p.as_str())),
        ContactPoint::Email(e) => Condition::all().add(account::Column::Email.eq(e.as_str())),
    }
}

/// The (phone, email) columns a contact point is stored in.
fn columns(contact: ContactPoint) -> (Option<String>, Option<String>) {
    match contact {
        ContactPoint::Phone(p) => (Some(p), None),
        ContactPoint::Email(e) => (None, Some(e)),
    }
}

pub async fn find_by_contact(
    db: &impl ConnectionTrait,
    contact: &ContactPoint,
) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find().filter(contact_filter(contact)).one(db).await
}

pub async fn register(
    db: &impl ConnectionTrait,
    reg: Registration,
    status: InitialStatus,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let community = places::community_of(db, reg.building, reg.unit)
        .await?
        .ok_or_else(|| AppError::invalid("unit_id", Key::FieldUnitMismatch))?;
    if find_by_contact(db, &reg.contact).await?.is_some() {
        return Err(AppError::invalid("contact", Key::ErrAlreadyRegistered));
    }
    let (phone, email) = columns(reg.contact);
    let status = match status {
        InitialStatus::Pending => AccountStatus::Pending,
        InitialStatus::Verified => AccountStatus::Verified,
    };
    let inserted = account::ActiveModel {
        display_name: Set(reg.name.into_inner()),
        phone: Set(phone),
        email: Set(email),
        password_hash: Set(reg.password_hash),
        community_id: Set(Some(community)),
        building_id: Set(Some(reg.building)),
        unit_id: Set(Some(reg.unit)),
        room: Set(Some(reg.room.into_inner())),
        status: Set(status.as_str().to_owned()),
        locale: Set(reg.locale.tag().to_owned()),
        privacy_version: Set(Some(PRIVACY_VERSION.to_owned())),
        privacy_consented_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    // Two registrations racing past the check above meet the unique index.
    .map_err(|e| {
        if super::is_unique_violation(&e) { AppError::invalid("contact", Key::ErrAlreadyRegistered) } else { e.into() }
    })?;
    Ok(inserted.id)
}

/// An account without a home, for staff and admins created from the command line.
pub async fn create_staff_account(
    db: &impl ConnectionTrait,
    contact: ContactPoint,
    name: DisplayName,
    password_hash: String,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    if find_by_contact(db, &contact).await?.is_some() {
        return Err(AppError::invalid("contact", Key::ErrAlreadyRegistered));
    }
    let (phone, email) = columns(contact);
    let inserted = account::ActiveModel {
        display_name: Set(name.into_inner()),
        phone: Set(phone),
        email: Set(email),
        password_hash: Set(password_hash),
        status: Set(AccountStatus::Verified.as_str().to_owned()),
        locale: Set(Locale::Zh.tag().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(inserted.id)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find_by_id(id).one(db).await
}

/// The name neighbours see; empty for an account that no longer exists.
pub async fn display_name(db: &impl ConnectionTrait, id: i64) -> Result<String, DbErr> {
    Ok(account::Entity::find_by_id(id).one(db).await?.map(|a| a.display_name).unwrap_or_default())
}

/// Display names by account, read in one query for a whole list.
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(account::Entity::find()
        .select_only()
        .columns([account::Column::Id, account::Column::DisplayName])
        .filter(account::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

pub async fn load_principal(db: &impl ConnectionTrait, id: i64) -> Result<Option<Principal>, DbErr> {
    let Some(acc) = account::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let mut roles: Vec<_> = roles::roles_of(db, id).await?.into_iter().map(|(_, r)| r).collect();
    if roles.iter().any(|r| r.kind().opens_console()) && super::two_factor::due(db, id).await? {
        roles.retain(|r| !r.kind().opens_console());
    }
    Ok(Some(Principal {
        account: AccountId(acc.id),
        status: status_of(&acc),
        community: acc.community_id.map(CommunityId),
        building: acc.building_id.map(BuildingId),
        roles,
    }))
}

fn status_of(acc: &account::Model) -> AccountStatus {
    AccountStatus::parse(&acc.status).unwrap_or(AccountStatus::Pending)
}

fn contact_of(acc: &account::Model) -> &str {
    acc.phone.as_deref().or(acc.email.as_deref()).unwrap_or_default()
}

/// The signed-in person's own view of themselves.
pub async fn viewer(db: &impl ConnectionTrait, id: i64, locale: Locale) -> Result<Option<Viewer>, DbErr> {
    let Some(acc) = account::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let community = match acc.community_id {
        Some(c) => places::community(db, c).await?,
        None => None,
    };
    let roles = roles::role_views(db, id, locale).await?;
    let two_step = super::two_factor::enabled(db, id).await?;
    let console = roles.iter().any(|r| r.role.kind().opens_console());
    let two_step_due = console && !two_step && super::two_factor::required_for_staff(db).await?;
    Ok(Some(Viewer {
        id: AccountId(acc.id),
        name: acc.display_name.clone(),
        contact_masked: mask_contact(contact_of(&acc)),
        status: status_of(&acc),
        rejection_reason: acc.rejection_reason.clone(),
        address: places::address(db, acc.building_id, acc.unit_id, acc.room.as_deref(), locale).await?,
        community_name: community.as_ref().map(|c| places::pick(locale, &c.name_zh, &c.name_en)),
        service_phone: community.and_then(|c| c.service_phone),
        locale: Locale::from_tag(&acc.locale).unwrap_or_default(),
        volunteer_tally: if roles.iter().any(|r| r.role.kind() == crate::model::RoleKind::Volunteer) {
            Some(super::help::tally(db, id).await?)
        } else {
            None
        },
        roles,
        unread: super::notifications::unread_count(db, id).await?,
        two_step,
        two_step_due,
    }))
}

pub async fn count_pending(db: &impl ConnectionTrait, scope: &CommunityScope) -> Result<u64, DbErr> {
    account::Entity::find()
        .filter(account::Column::Status.eq(AccountStatus::Pending.as_str()))
        .filter(super::in_scope(account::Column::CommunityId, scope))
        .count(db)
        .await
}

/// The verification queue of the given communities, oldest first, narrowed to names or
/// contacts containing `search`.
fn pending_rows(scope: &CommunityScope, search: &str) -> sea_orm::Select<account::Entity> {
    account::Entity::find()
        .filter(account::Column::Status.eq(AccountStatus::Pending.as_str()))
        .filter(super::in_scope(account::Column::CommunityId, scope))
        .filter(named_or_reached(search))
        .order_by_asc(account::Column::CreatedAt)
        .order_by_asc(account::Column::Id)
}

/// Accounts whose name, email or phone contains `search` (everyone when it is empty).
fn named_or_reached(search: &str) -> Condition {
    let pattern = super::contains(&search.to_lowercase());
    Condition::any()
        .add(Expr::expr(Func::lower(Expr::col(account::Column::DisplayName))).like(pattern.clone()))
        .add(account::Column::Email.like(pattern.clone()))
        .add(account::Column::Phone.like(pattern))
}

pub async fn pending(
    db: &impl ConnectionTrait,
    scope: &CommunityScope,
    search: &str,
    page: u32,
    locale: Locale,
) -> Result<Listing<PendingAccount>, DbErr> {
    let found = super::page_of(db, pending_rows(scope, search), page).await?;
    let mut queue = Vec::with_capacity(found.items.len());
    for acc in &found.items {
        queue.push(PendingAccount {
            id: AccountId(acc.id),
            name: acc.display_name.clone(),
            contact: contact_of(acc).to_owned(),
            address: places::address(db, acc.building_id, acc.unit_id, acc.room.as_deref(), locale)
                .await?
                .unwrap_or_default(),
            registered: super::shown_datetime(acc.created_at),
        });
    }
    Ok(found.with(queue))
}

/// The verification queue as CSV. Contacts are masked and the address stops at the
/// building: a file that leaves the console carries the minimum necessary.
pub async fn pending_csv(
    db: &impl ConnectionTrait,
    who: &Principal,
    scope: &CommunityScope,
    search: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(String, String), DbErr> {
    let rows = pending_rows(scope, search).limit(super::EXPORT_LIMIT).all(db).await?;
    let mut csv = super::csv::Csv::new(&[Key::CsvName, Key::CsvContact, Key::CsvBuilding, Key::CsvRegistered], locale);
    for acc in &rows {
        csv.row([
            acc.display_name.clone(),
            mask_contact(contact_of(acc)),
            places::address(db, acc.building_id, None, None, locale).await?.unwrap_or_default(),
            super::shown_datetime(acc.created_at),
        ]);
    }
    audit::record_export(db, who, "verification_queue", scope, search, now).await?;
    Ok((format!("verification-{}.csv", super::file_date(now)), csv.finish()))
}

pub enum Decision {
    Verify,
    Reject(Reason),
}

/// Staff verify or decline a pending person. Refused unless the actor may decide in that
/// person's community; a person already decided is not decided again.
pub async fn decide(
    db: &impl ConnectionTrait,
    actor: &Principal,
    subject: i64,
    decision: Decision,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let acc = account::Entity::find_by_id(subject).one(db).await?.ok_or(AppError::NotFound)?;
    let community = acc.community_id.map(CommunityId).ok_or(AppError::Forbidden)?;
    authz::authorize(Some(actor), Action::DecideVerification { community, subject: AccountId(subject) })?;
    if status_of(&acc) != AccountStatus::Pending {
        return Err(AppError::Conflict(Key::ErrAlreadyDecided));
    }
    let (status, reason, action) = match decision {
        Decision::Verify => (AccountStatus::Verified, None, "account.verify"),
        Decision::Reject(reason) => (AccountStatus::Rejected, Some(reason.into_inner()), "account.reject"),
    };
    // Only if still pending: two staff deciding at once must not both win.
    let changed = account::Entity::update_many()
        .col_expr(account::Column::Status, Expr::value(status.as_str()))
        .col_expr(account::Column::RejectionReason, Expr::value(reason.clone()))
        .col_expr(account::Column::DecidedBy, Expr::value(actor.account.0))
        .col_expr(account::Column::DecidedAt, Expr::value(now))
        .col_expr(account::Column::UpdatedAt, Expr::value(now))
        .filter(account::Column::Id.eq(subject))
        .filter(account::Column::Status.eq(AccountStatus::Pending.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(AppError::Conflict(Key::ErrAlreadyDecided));
    }
    let event = AuditEvent {
        actor: actor.account.0,
        action,
        object_type: "account",
        object_id: Some(subject),
        community: Some(community.0),
        reason: reason.as_deref(),
    };
    audit::record(db, event, now).await?;
    Ok(())
}

pub async fn password_hash(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, DbErr> {
    Ok(account::Entity::find_by_id(id).one(db).await?.map(|a| a.password_hash))
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: i64,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::PasswordHash, Expr::value(hash))
        .col_expr(account::Column::UpdatedAt, Expr::value(now))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn set_elderly(db: &impl ConnectionTrait, id: i64, on: bool) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::ElderlyMode, Expr::value(on))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn set_locale(db: &impl ConnectionTrait, id: i64, locale: Locale) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::Locale, Expr::value(locale.tag()))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// People in the given communities matching a name or contact fragment, for role assignment.
fn people_rows(scope: &CommunityScope, search: &str) -> sea_orm::Select<account::Entity> {
    let mut select = account::Entity::find().filter(named_or_reached(search));
    // Street-level people (no community) are only listed to street admins.
    if let CommunityScope::Some(_) = scope {
        select = select.filter(super::in_scope(account::Column::CommunityId, scope));
    }
    select.order_by_asc(account::Column::Id)
}

pub async fn search(
    db: &impl ConnectionTrait,
    scope: &CommunityScope,
    search: &str,
    page: u32,
    locale: Locale,
) -> Result<Listing<PersonSummary>, DbErr> {
    let found = super::page_of(db, people_rows(scope, search), page).await?;
    let mut people = Vec::with_capacity(found.items.len());
    for acc in &found.items {
        people.push(person(db, acc, locale).await?);
    }
    Ok(found.with(people))
}

async fn person(db: &impl ConnectionTrait, acc: &account::Model, locale: Locale) -> Result<PersonSummary, DbErr> {
    let community = match acc.community_id {
        Some(c) => places::community(db, c).await?.map(|c| places::pick(locale, &c.name_zh, &c.name_en)),
        None => None,
    };
    Ok(PersonSummary {
        id: AccountId(acc.id),
        name: acc.display_name.clone(),
        contact_masked: mask_contact(contact_of(acc)),
        status: status_of(acc),
        community,
        roles: roles::role_views(db, acc.id, locale).await?,
        two_step: super::two_factor::enabled(db, acc.id).await?,
    })
}

/// The people list as CSV (masked contacts, as on screen), for the community's records.
pub async fn people_csv(
    db: &impl ConnectionTrait,
    who: &Principal,
    scope: &CommunityScope,
    search: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(String, String), DbErr> {
    let rows = people_rows(scope, search).limit(super::EXPORT_LIMIT).all(db).await?;
    let mut csv = super::csv::Csv::new(
        &[Key::CsvName, Key::CsvContact, Key::CsvStatus, Key::CsvCommunity, Key::CsvRoles],
        locale,
    );
    for acc in &rows {
        let p = person(db, acc, locale).await?;
        let roles: Vec<String> =
            p.roles.iter().map(|r| format!("{} {}", r.role.kind().label().text(locale), r.place)).collect();
        let status = p.status.label().text(locale).to_owned();
        csv.row([p.name, p.contact_masked, status, p.community.unwrap_or_default(), roles.join(" | ")]);
    }
    audit::record_export(db, who, "people", scope, search, now).await?;
    Ok((format!("people-{}.csv", super::file_date(now)), csv.finish()))
}

/// Display names of the given accounts, by id.
pub async fn names_of(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    let ids: Vec<i64> = ids.collect();
    let rows: Vec<(i64, String)> = account::Entity::find()
        .select_only()
        .columns([account::Column::Id, account::Column::DisplayName])
        .filter(account::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Accounts whose display name contains `fragment`, for console searches (at most 200).
pub async fn ids_named_like(db: &impl ConnectionTrait, fragment: &str) -> Result<Vec<i64>, DbErr> {
    let pattern = super::contains(fragment);
    account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::DisplayName.like(&pattern))
        .limit(200)
        .into_tuple()
        .all(db)
        .await
}
