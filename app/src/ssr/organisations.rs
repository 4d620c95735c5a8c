//! Social organisations: filing 备案 by a resident, the committee's decision, the directory
//! and its members. The rules of the filing's states are in `crate::organisations`.

use super::audit::{self, AuditEvent};
use super::db::entities::{organisation, organisation_member};
use super::notifications::{self, Notice, Topic};
use crate::authz::{self, Action, Principal};
use crate::domain::{OrgName, OrgPurpose, Reason};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::CommunityId;
use crate::organisations::{OrgDecision, OrgDirectory, OrgKind, OrgState, OrgSummary, OrgView, decide as next_state};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

fn state_of(o: &organisation::Model) -> OrgState {
    OrgState::parse(&o.state).unwrap_or(OrgState::Filed)
}

async fn members(db: &impl ConnectionTrait, id: i64) -> Result<u32, DbErr> {
    Ok(organisation_member::Entity::find().filter(organisation_member::Column::OrganisationId.eq(id)).count(db).await?
        as u32)
}

async fn summary(db: &impl ConnectionTrait, o: organisation::Model) -> Result<OrgSummary, DbErr> {
    Ok(OrgSummary {
        members: members(db, o.id).await?,
        state: state_of(&o),
        kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Service),
        id: o.id,
        name: o.name,
    })
}

/// An approved organisation is public in its community; a filing only to its contact person
/// and to those who review it.
async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<organisation::Model> {
    let o = organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(o.community_id);
    let reviewer = authz::permits(Some(who), Action::ReviewOrganisations { community });
    let home = who.community == Some(community) || authz::console_communities(who).contains(community);
    let shown = reviewer || o.contact_id == who.account.0 || (home && state_of(&o) == OrgState::Approved);
    if !shown {
        return Err(AppError::NotFound);
    }
    Ok(o)
}

pub async fn directory(db: &impl ConnectionTrait, who: &Principal) -> AppResult<OrgDirectory> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let of_state = |state: OrgState| {
        organisation::Entity::find()
            .filter(organisation::Column::CommunityId.eq(community.0))
            .filter(organisation::Column::State.eq(state.as_str()))
    };
    let mut approved = vec![];
    for o in of_state(OrgState::Approved).order_by_asc(organisation::Column::Name).all(db).await? {
        approved.push(summary(db, o).await?);
    }
    let mut mine = vec![];
    let filed = organisation::Entity::find()
        .filter(organisation::Column::ContactId.eq(who.account.0))
        .filter(organisation::Column::State.ne(OrgState::Approved.as_str()))
        .order_by_desc(organisation::Column::Id)
        .all(db)
        .await?;
    for o in filed {
        mine.push(summary(db, o).await?);
    }
    let mut to_review = vec![];
    if authz::permits(Some(who), Action::ReviewOrganisations { community }) {
        for o in of_state(OrgState::Filed).order_by_asc(organisation::Column::Id).all(db).await? {
            to_review.push(summary(db, o).await?);
        }
    }
    Ok(OrgDirectory {
        approved,
        mine,
        to_review,
        can_file: authz::permits(Some(who), Action::Participate { community }),
    })
}

pub async fn view(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<OrgView> {
    let o = visible(db, who, id).await?;
    let community = CommunityId(o.community_id);
    let state = state_of(&o);
    let is_member = organisation_member::Entity::find_by_id((o.id, who.account.0)).one(db).await?.is_some();
    Ok(OrgView {
        members: members(db, o.id).await?,
        contact: super::accounts::display_name(db, o.contact_id).await?,
        is_member,
        can_join: !is_member
            && state == OrgState::Approved
            && authz::permits(Some(who), Action::Participate { community }),
        can_review: state == OrgState::Filed && authz::permits(Some(who), Action::ReviewOrganisations { community }),
        can_refile: state == OrgState::Returned && o.contact_id == who.account.0,
        kind: OrgKind::parse(&o.kind).unwrap_or(OrgKind::Service),
        id: o.id,
        name: o.name,
        state,
        purpose: o.purpose,
        return_reason: o.return_reason,
    })
}

pub struct Filing {
    pub name: OrgName,
    pub kind: OrgKind,
    pub purpose: OrgPurpose,
}

/// Another organisation of the community already goes by this name.
async fn name_taken(db: &impl ConnectionTrait, community: i64, name: &str, except: i64) -> Result<bool, DbErr> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::CommunityId.eq(community))
        .filter(organisation::Column::Name.eq(name))
        .filter(organisation::Column::Id.ne(except))
        .count(db)
        .await?
        > 0)
}

/// A verified resident files an organisation; they are its contact person and first member.
pub async fn file(db: &impl ConnectionTrait, who: &Principal, filing: Filing, now: DateTime<Utc>) -> AppResult<i64> {
    let community = who.community.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Participate { community })?;
    let name = filing.name.into_inner();
    if name_taken(db, community.0, &name, 0).await? {
        return Err(AppError::invalid("name", Key::ErrOrgNameTaken));
    }
    let row = organisation::ActiveModel {
        community_id: Set(community.0),
        name: Set(name),
        kind: Set(filing.kind.as_str().to_owned()),
        purpose: Set(filing.purpose.into_inner()),
        contact_id: Set(who.account.0),
        state: Set(OrgState::Filed.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    organisation_member::ActiveModel {
        organisation_id: Set(row.id),
        account_id: Set(who.account.0),
        joined_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The contact person changes a returned filing and files it again.
pub async fn refile(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    filing: Filing,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let o = visible(db, who, id).await?;
    if o.contact_id != who.account.0 {
        return Err(AppError::Forbidden);
    }
    if state_of(&o) != OrgState::Returned {
        return Err(AppError::Conflict(Key::ErrOrgNotNow));
    }
    let name = filing.name.into_inner();
    if name_taken(db, o.community_id, &name, o.id).await? {
        return Err(AppError::invalid("name", Key::ErrOrgNameTaken));
    }
    let mut row = organisation::ActiveModel::from(o);
    row.name = Set(name);
    row.kind = Set(filing.kind.as_str().to_owned());
    row.purpose = Set(filing.purpose.into_inner());
    row.state = Set(OrgState::Filed.as_str().to_owned());
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// The committee approves a filing, or returns it saying what to change; audited, and the
/// contact person is told.
pub async fn decide(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    decision: OrgDecision,
    reason: Option<Reason>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let o = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::ReviewOrganisations { community: CommunityId(o.community_id) })?;
    let to = next_state(state_of(&o), decision).ok_or(AppError::Conflict(Key::ErrOrgNotNow))?;
    let reason = match (decision, reason) {
        (OrgDecision::Return, None) => return Err(AppError::invalid("reason", Key::FieldRequired)),
        (OrgDecision::Return, Some(r)) => Some(r.into_inner()),
        (OrgDecision::Approve, _) => None,
    };
    let changed = organisation::Entity::update_many()
        .col_expr(organisation::Column::State, Expr::value(to.as_str()))
        .col_expr(organisation::Column::ReturnReason, Expr::value(reason.clone()))
        .col_expr(organisation::Column::DecidedBy, Expr::value(who.account.0))
        .col_expr(organisation::Column::DecidedAt, Expr::value(now))
        .col_expr(organisation::Column::UpdatedAt, Expr::value(now))
        .filter(organisation::Column::Id.eq(id))
        .filter(organisation::Column::State.eq(OrgState::Filed.as_str()))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::Conflict(Key::ErrOrgNotNow));
    }
    let event = AuditEvent {
        actor: who.account.0,
        action: if decision == OrgDecision::Approve { "organisation.approve" } else { "organisation.return" },
        object_type: "organisation",
        object_id: Some(id),
        community: Some(o.community_id),
        reason: reason.as_deref(),
    };
    audit::record(db, event, now).await?;
    let url = format!("/orgs/{id}");
    let text = |l: Locale| (format!("{} · {}", o.name, to.label().text(l)), reason.clone().unwrap_or_default());
    let notice = Notice { topic: Topic::MyRequests, urgent: false, url: &url, text: &text };
    notifications::notify(db, &[o.contact_id], notice, now).await?;
    Ok(())
}

/// A verified resident of the community joins an approved organisation.
pub async fn join(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let o = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::Participate { community: CommunityId(o.community_id) })?;
    if state_of(&o) != OrgState::Approved {
        return Err(AppError::Conflict(Key::ErrOrgNotNow));
    }
    let joined = organisation_member::ActiveModel {
        organisation_id: Set(id),
        account_id: Set(who.account.0),
        joined_at: Set(now),
    }
    .insert(db)
    .await;
    match joined {
        Ok(_) => Ok(()),
        Err(e) if super::is_unique_violation(&e) => Err(AppError::Conflict(Key::ErrAlreadyMember)),
        Err(e) => Err(e.into()),
    }
}

pub async fn leave(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<()> {
    visible(db, who, id).await?;
    organisation_member::Entity::delete_by_id((id, who.account.0)).exec(db).await?;
    Ok(())
}
