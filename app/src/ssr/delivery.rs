//! Delivery of selected projects (DOMAIN.md §2 实施, 验收): a provider, milestones, dated
//! progress with money spent, handing over, and residents' acceptance within a window —
//! enough "not really done" reopens the work. Ratings are kept per provider.

use super::audit::{self, AuditEvent};
use super::db::entities::{acceptance_verdict, funding_round, project_milestone, project_update, proposal, provider};
use super::photos::{self, PhotoTarget};
use super::projects::{actor, advance, allowed, load, may_steward, record, state_of, supporters, tell};
use super::{shown_date, shown_time as local};
use crate::authz::{self, Action, Principal};
use crate::domain::{MilestoneTitle, ProviderName, Reason, UpdateNote};
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use crate::model::CommunityId;
use crate::projects::{
    AcceptanceView, Actor, DeliveryView, Fen, Ledger, LedgerLine, LedgerPage, MilestoneView, ProposalAction,
    ProposalState, ProviderRating, UpdateView,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// How long residents have to accept a delivered project.
pub const ACCEPTANCE_DAYS: i64 = 14;

const DELIVERY_STATES: [ProposalState; 4] =
    [ProposalState::Selected, ProposalState::InProgress, ProposalState::Delivered, ProposalState::Accepted];

fn allocated(p: &proposal::Model) -> Fen {
    Fen(p.reviewed_cost_fen.unwrap_or(p.estimated_cost_fen))
}

async fn audit_step(
    db: &impl ConnectionTrait,
    who: &Principal,
    p: &proposal::Model,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let event = AuditEvent {
        actor: who.account.0,
        action,
        object_type: "proposal",
        object_id: Some(p.id),
        community: Some(p.community_id),
        reason: None,
    };
    audit::record(db, event, now).await
}

async fn told(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<Vec<i64>, DbErr> {
    let mut to = supporters(db, p.id).await?;
    to.push(p.author_id);
    Ok(to)
}

/// The community's provider of that name, added the first time it is named.
async fn provider_id(
    db: &impl ConnectionTrait,
    community: i64,
    name: String,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let found = provider::Entity::find()
        .filter(provider::Column::CommunityId.eq(community))
        .filter(provider::Column::Name.eq(name.clone()))
        .one(db)
        .await?;
    if let Some(found) = found {
        return Ok(found.id);
    }
    let row = provider::ActiveModel {
        community_id: Set(community),
        name: Set(name),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Work starts on a selected project with its provider.
pub async fn start(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    name: ProviderName,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let p = may_steward(db, who, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::StartWork)?;
    let name = name.into_inner();
    let provider = provider_id(db, p.community_id, name.clone(), now).await?;
    advance(db, &p, to, |u| u.col_expr(proposal::Column::ProviderId, Expr::value(provider)), now).await?;
    record(db, id, Some(who.account.0), "work_started", Some(name), now).await?;
    audit_step(db, who, &p, "delivery_started", now).await?;
    tell(db, &p, &told(db, &p).await?, Key::NotifyProjectStarted, now).await?;
    Ok(())
}

pub async fn add_milestone(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    title: MilestoneTitle,
    due: DateTime<Utc>,
) -> AppResult<()> {
    let p = may_steward(db, who, id).await?;
    if state_of(&p) == ProposalState::Delivered {
        return Err(AppError::Conflict(Key::ErrNotInDelivery));
    }
    project_milestone::ActiveModel {
        proposal_id: Set(id),
        title: Set(title.into_inner()),
        due_at: Set(due),
        done_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn complete_milestone(
    db: &impl ConnectionTrait,
    who: &Principal,
    milestone: i64,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let m = project_milestone::Entity::find_by_id(milestone).one(db).await?.ok_or(AppError::NotFound)?;
    may_steward(db, who, m.proposal_id).await?;
    project_milestone::Entity::update_many()
        .col_expr(project_milestone::Column::DoneAt, Expr::value(now))
        .filter(project_milestone::Column::Id.eq(milestone))
        .filter(project_milestone::Column::DoneAt.is_null())
        .exec(db)
        .await?;
    Ok(m.proposal_id)
}

/// A dated progress report. Percent and money spent only go forward, and spending stops at
/// what the vote allocated: the ledger can never show more spent than funded.
pub async fn post_update(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    percent: u8,
    spent: Fen,
    note: UpdateNote,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let p = may_steward(db, who, id).await?;
    if state_of(&p) != ProposalState::InProgress {
        return Err(AppError::Conflict(Key::ErrNotInDelivery));
    }
    if percent > 100 || (percent as i32) < p.progress_percent {
        return Err(AppError::invalid("percent", Key::FieldPercent));
    }
    if spent.0 < p.spent_fen || spent > allocated(&p) {
        return Err(AppError::invalid("spent", Key::FieldSpent));
    }
    let row = project_update::ActiveModel {
        proposal_id: Set(id),
        author_id: Set(who.account.0),
        percent: Set(percent as i32),
        spent_fen: Set(spent.0),
        note: Set(note.into_inner()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    advance(
        db,
        &p,
        ProposalState::InProgress,
        |u| {
            u.col_expr(proposal::Column::ProgressPercent, Expr::value(percent as i32))
                .col_expr(proposal::Column::SpentFen, Expr::value(spent.0))
        },
        now,
    )
    .await?;
    record(db, id, Some(who.account.0), "progress", Some(format!("{percent}%")), now).await?;
    tell(db, &p, &told(db, &p).await?, Key::NotifyProjectProgress, now).await?;
    Ok(row.id)
}

/// Handed over: residents have `ACCEPTANCE_DAYS` to accept it or say it is not really done.
pub async fn deliver(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let p = may_steward(db, who, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::Deliver)?;
    if p.progress_percent < 100 {
        return Err(AppError::Conflict(Key::ErrNotComplete));
    }
    let until = now + Duration::days(ACCEPTANCE_DAYS);
    advance(
        db,
        &p,
        to,
        |u| {
            u.col_expr(proposal::Column::DeliveredAt, Expr::value(now))
                .col_expr(proposal::Column::AcceptanceUntil, Expr::value(until))
                .col_expr(proposal::Column::DeliveryAttempt, Expr::value(p.delivery_attempt + 1))
        },
        now,
    )
    .await?;
    record(db, id, Some(who.account.0), "delivered", None, now).await?;
    audit_step(db, who, &p, "delivered", now).await?;
    tell(db, &p, &told(db, &p).await?, Key::NotifyProjectDelivered, now).await?;
    Ok(())
}

/// `(accepted, not done)` verdicts on the current delivery.
async fn counts(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<(u32, u32), DbErr> {
    let verdicts: Vec<bool> = acceptance_verdict::Entity::find()
        .select_only()
        .column(acceptance_verdict::Column::Accepted)
        .filter(acceptance_verdict::Column::ProposalId.eq(p.id))
        .filter(acceptance_verdict::Column::Attempt.eq(p.delivery_attempt))
        .into_tuple()
        .all(db)
        .await?;
    let accepted = verdicts.iter().filter(|a| **a).count() as u32;
    Ok((accepted, verdicts.len() as u32 - accepted))
}

/// A resident's 验收: accepted (with an optional 1–5 rating of the provider), or not really
/// done (with what is missing). One verdict per person and delivery, changeable while the
/// window is open. As many verdicts as it took supports to propose it decide early either
/// way; otherwise the window's end decides by majority (a tie or silence accepts).
pub async fn judge(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    accepted: bool,
    rating: Option<i32>,
    comment: Option<Reason>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (p, round) = load(db, id).await?;
    authz::authorize(Some(who), Action::Participate { community: CommunityId(p.community_id) })?;
    if state_of(&p) != ProposalState::Delivered || p.acceptance_until.is_none_or(|u| u <= now) {
        return Err(AppError::Conflict(Key::ErrAcceptanceClosed));
    }
    if !accepted && comment.is_none() {
        return Err(AppError::invalid("comment", Key::FieldRequired));
    }
    acceptance_verdict::Entity::insert(acceptance_verdict::ActiveModel {
        proposal_id: Set(id),
        attempt: Set(p.delivery_attempt),
        account_id: Set(who.account.0),
        accepted: Set(accepted),
        rating: Set(rating.filter(|_| accepted)),
        comment: Set(comment.map(Reason::into_inner)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            acceptance_verdict::Column::ProposalId,
            acceptance_verdict::Column::Attempt,
            acceptance_verdict::Column::AccountId,
        ])
        .update_columns([
            acceptance_verdict::Column::Accepted,
            acceptance_verdict::Column::Rating,
            acceptance_verdict::Column::Comment,
            acceptance_verdict::Column::CreatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let (yes, no) = counts(db, &p).await?;
    let needed = round.support_threshold.max(1) as u32;
    if no >= needed {
        settle(db, &p, false, now).await?;
    } else if yes >= needed {
        settle(db, &p, true, now).await?;
    }
    Ok(())
}

/// Accepts the delivery or sends it back to work.
async fn settle(db: &impl ConnectionTrait, p: &proposal::Model, accept: bool, now: DateTime<Utc>) -> AppResult<()> {
    let action = if accept { ProposalAction::Accept } else { ProposalAction::Reopen };
    let to = allowed(p, Actor::System, action)?;
    advance(
        db,
        p,
        to,
        |u| {
            if accept {
                u
            } else {
                u.col_expr(proposal::Column::DeliveredAt, Expr::value(Option::<DateTime<Utc>>::None))
                    .col_expr(proposal::Column::AcceptanceUntil, Expr::value(Option::<DateTime<Utc>>::None))
                    .col_expr(proposal::Column::ProgressPercent, Expr::value(90))
            }
        },
        now,
    )
    .await?;
    let (kind, key) =
        if accept { ("accepted", Key::NotifyProjectAccepted) } else { ("reopened", Key::NotifyProjectReopened) };
    record(db, p.id, None, kind, None, now).await?;
    tell(db, p, &told(db, p).await?, key, now).await?;
    Ok(())
}

/// Deliveries whose acceptance window has ended are decided. Run by the worker.
pub async fn run_timers(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u32, DbErr> {
    let due = proposal::Entity::find()
        .filter(proposal::Column::State.eq(ProposalState::Delivered.as_str()))
        .filter(proposal::Column::AcceptanceUntil.lte(now))
        .limit(200)
        .all(db)
        .await?;
    let mut settled = 0;
    for p in due {
        let (yes, no) = counts(db, &p).await?;
        if settle(db, &p, no <= yes, now).await.is_ok() {
            settled += 1;
        }
    }
    Ok(settled)
}

async fn provider_name(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<Option<String>, DbErr> {
    match p.provider_id {
        Some(id) => Ok(provider::Entity::find_by_id(id).one(db).await?.map(|r| r.name)),
        None => Ok(None),
    }
}

/// The delivery tracker on a proposal's page, from selection on.
pub async fn view(
    db: &impl ConnectionTrait,
    who: &Principal,
    p: &proposal::Model,
    round: &funding_round::Model,
    now: DateTime<Utc>,
) -> Result<Option<DeliveryView>, DbErr> {
    let state = state_of(p);
    if !DELIVERY_STATES.contains(&state) {
        return Ok(None);
    }
    let provider = provider_name(db, p).await?;
    let milestones = project_milestone::Entity::find()
        .filter(project_milestone::Column::ProposalId.eq(p.id))
        .order_by_asc(project_milestone::Column::DueAt)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MilestoneView { id: m.id, title: m.title, due: shown_date(m.due_at), done: m.done_at.map(shown_date) })
        .collect();
    let rows = project_update::Entity::find()
        .filter(project_update::Column::ProposalId.eq(p.id))
        .order_by_desc(project_update::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let mut updates = Vec::with_capacity(rows.len());
    for u in rows {
        updates.push(UpdateView {
            id: u.id,
            percent: u.percent as u8,
            spent: Fen(u.spent_fen),
            who: super::accounts::display_name(db, u.author_id).await?,
            when: local(u.created_at),
            photos: photos::ids(db, PhotoTarget::Update(u.id)).await?,
            note: u.note,
        });
    }
    let acceptance = match (state, p.acceptance_until) {
        (ProposalState::Delivered, Some(until)) => {
            let (accepted, not_done) = counts(db, p).await?;
            let verdicts = acceptance_verdict::Entity::find()
                .filter(acceptance_verdict::Column::ProposalId.eq(p.id))
                .filter(acceptance_verdict::Column::Attempt.eq(p.delivery_attempt))
                .order_by_asc(acceptance_verdict::Column::CreatedAt)
                .all(db)
                .await?;
            Some(AcceptanceView {
                until: local(until),
                accepted,
                not_done,
                needed: round.support_threshold.max(1) as u32,
                mine: verdicts.iter().find(|v| v.account_id == who.account.0).map(|v| v.accepted),
                objections: verdicts.into_iter().filter(|v| !v.accepted).filter_map(|v| v.comment).collect(),
                can_judge: until > now
                    && authz::permits(Some(who), Action::Participate { community: CommunityId(p.community_id) }),
            })
        }
        _ => None,
    };
    Ok(Some(DeliveryView {
        provider,
        percent: p.progress_percent as u8,
        spent: Fen(p.spent_fen),
        allocated: allocated(p),
        milestones,
        updates,
        acceptance,
        can_steward: state != ProposalState::Accepted
            && authz::permits(Some(who), Action::RunDelivery { community: CommunityId(p.community_id) }),
    }))
}

/// Mean ratings per provider of the community, best first.
async fn provider_ratings(db: &impl ConnectionTrait, community: i64) -> Result<Vec<ProviderRating>, DbErr> {
    let providers = provider::Entity::find().filter(provider::Column::CommunityId.eq(community)).all(db).await?;
    let mut out = Vec::with_capacity(providers.len());
    for pr in providers {
        let projects: Vec<i64> = proposal::Entity::find()
            .select_only()
            .column(proposal::Column::Id)
            .filter(proposal::Column::ProviderId.eq(pr.id))
            .into_tuple()
            .all(db)
            .await?;
        let ratings: Vec<Option<i32>> = acceptance_verdict::Entity::find()
            .select_only()
            .column(acceptance_verdict::Column::Rating)
            .filter(acceptance_verdict::Column::ProposalId.is_in(projects))
            .filter(acceptance_verdict::Column::Rating.is_not_null())
            .into_tuple()
            .all(db)
            .await?;
        let ratings: Vec<i32> = ratings.into_iter().flatten().collect();
        let sum: i32 = ratings.iter().sum();
        let average_tenths =
            if ratings.is_empty() { 0 } else { (sum * 10 + ratings.len() as i32 / 2) / ratings.len() as i32 };
        out.push(ProviderRating {
            name: pr.name,
            average_tenths: average_tenths as u32,
            ratings: ratings.len() as u32,
        });
    }
    out.sort_by(|a, b| b.average_tenths.cmp(&a.average_tenths).then(b.ratings.cmp(&a.ratings)));
    Ok(out)
}

/// The public ledger of the caller's community's latest tallied round.
pub async fn ledger(db: &impl ConnectionTrait, who: &Principal) -> AppResult<LedgerPage> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let round = funding_round::Entity::find()
        .filter(funding_round::Column::CommunityId.eq(community.0))
        .filter(funding_round::Column::TalliedAt.is_not_null())
        .order_by_desc(funding_round::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::Conflict(Key::ErrNoResultsYet))?;
    let funded = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::State.is_in(DELIVERY_STATES.map(ProposalState::as_str)))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let mut lines = Vec::with_capacity(funded.len());
    for p in funded {
        let provider = provider_name(db, &p).await?;
        lines.push(LedgerLine {
            proposal: p.id,
            state: state_of(&p),
            provider,
            allocated: allocated(&p),
            spent: Fen(p.spent_fen),
            percent: p.progress_percent as u8,
            title: p.title,
        });
    }
    Ok(LedgerPage {
        ledger: Ledger::new(round.title, Fen(round.budget_fen), lines),
        providers: provider_ratings(db, community.0).await?,
    })
}
