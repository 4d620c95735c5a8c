//! Micro-projects: funding rounds, proposals, supports and committee review. The rules live
//! in `crate::projects`; this module loads, asks them, and writes in the caller's transaction.

use super::audit::{self, AuditEvent};
use super::db::entities::{funding_round, proposal, proposal_event, proposal_support, role_grant};
use super::notifications::{self, Notice, Topic};
use super::{shown_date, shown_time as local};
use crate::authz::{self, Action, Principal};
use crate::domain::{Beneficiaries, ProjectLocation, ProposalDescription, ProposalTitle};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::{CommunityId, Role, SubCommittee};
use crate::projects::{
    Actor, Fen, ProjectCategory, ProjectsHome, ProposalAction, ProposalDetail, ProposalEventView, ProposalState,
    ProposalSummary, ReviewQueue, RoundPhase, RoundView, transition,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// A new round, checked.
pub struct NewRound {
    pub community: CommunityId,
    pub title: String,
    pub budget: Fen,
    pub cost_cap: Fen,
    pub support_threshold: u32,
    pub support_window_days: u32,
    pub categories: Vec<ProjectCategory>,
    /// The end of each phase, in order: collecting, review, notice, voting, implementation,
    /// evaluation. Strictly increasing.
    pub phase_ends: [DateTime<Utc>; 6],
}

/// A proposal's text, checked.
pub struct ProposalInput {
    pub title: ProposalTitle,
    pub description: ProposalDescription,
    pub category: ProjectCategory,
    pub location: ProjectLocation,
    pub estimated_cost: Fen,
    pub beneficiaries: Beneficiaries,
}

/// The sub-committee that judges a category: works are the environment's, services public
/// service's, goods social management's.
pub fn routed_to(category: ProjectCategory) -> SubCommittee {
    match category {
        ProjectCategory::Works => SubCommittee::Environment,
        ProjectCategory::Service => SubCommittee::PublicService,
        ProjectCategory::Goods => SubCommittee::SocialManagement,
    }
}

pub fn phase(round: &funding_round::Model, now: DateTime<Utc>) -> RoundPhase {
    let ends = [
        (RoundPhase::Collecting, round.collecting_until),
        (RoundPhase::Review, round.review_until),
        (RoundPhase::Notice, round.notice_until),
        (RoundPhase::Voting, round.voting_until),
        (RoundPhase::Implementation, round.implementation_until),
        (RoundPhase::Evaluation, round.evaluation_until),
    ];
    ends.into_iter().find(|(_, until)| now < *until).map_or(RoundPhase::Closed, |(p, _)| p)
}

fn categories_of(round: &funding_round::Model) -> Vec<ProjectCategory> {
    [
        (ProjectCategory::Service, round.allow_service),
        (ProjectCategory::Goods, round.allow_goods),
        (ProjectCategory::Works, round.allow_works),
    ]
    .into_iter()
    .filter_map(|(c, on)| on.then_some(c))
    .collect()
}

fn round_view(round: &funding_round::Model, now: DateTime<Utc>) -> RoundView {
    RoundView {
        id: round.id,
        title: round.title.clone(),
        budget: Fen(round.budget_fen),
        cost_cap: Fen(round.cost_cap_fen),
        support_threshold: round.support_threshold as u32,
        support_window_days: round.support_window_days as u32,
        categories: categories_of(round),
        phase: phase(round, now),
        schedule: vec![
            (RoundPhase::Collecting, shown_date(round.collecting_until)),
            (RoundPhase::Review, shown_date(round.review_until)),
            (RoundPhase::Notice, shown_date(round.notice_until)),
            (RoundPhase::Voting, shown_date(round.voting_until)),
            (RoundPhase::Implementation, shown_date(round.implementation_until)),
            (RoundPhase::Evaluation, shown_date(round.evaluation_until)),
        ],
    }
}

/// The community's round that is not over yet (at most one).
pub async fn current_round(
    db: &impl ConnectionTrait,
    community: i64,
    now: DateTime<Utc>,
) -> Result<Option<funding_round::Model>, DbErr> {
    funding_round::Entity::find()
        .filter(funding_round::Column::CommunityId.eq(community))
        .filter(funding_round::Column::EvaluationUntil.gt(now))
        .order_by_desc(funding_round::Column::Id)
        .one(db)
        .await
}

pub async fn open_round(
    db: &impl ConnectionTrait,
    who: &Principal,
    new: NewRound,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authz::authorize(Some(who), Action::ManageRounds { community: new.community })?;
    // Two admins opening a round at once: the community row is the lock (SQLite's writer
    // lock does the same there).
    super::db::entities::community::Entity::find_by_id(new.community.0)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if current_round(db, new.community.0, now).await?.is_some() {
        return Err(AppError::Conflict(Key::ErrRoundAlreadyOpen));
    }
    let has = |c| new.categories.contains(&c);
    let [collecting, review, notice, voting, implementation, evaluation] = new.phase_ends;
    let round = funding_round::ActiveModel {
        community_id: Set(new.community.0),
        title: Set(new.title),
        budget_fen: Set(new.budget.0),
        cost_cap_fen: Set(new.cost_cap.0),
        support_threshold: Set(new.support_threshold as i32),
        support_window_days: Set(new.support_window_days as i32),
        allow_service: Set(has(ProjectCategory::Service)),
        allow_goods: Set(has(ProjectCategory::Goods)),
        allow_works: Set(has(ProjectCategory::Works)),
        collecting_until: Set(collecting),
        review_until: Set(review),
        notice_until: Set(notice),
        voting_until: Set(voting),
        implementation_until: Set(implementation),
        evaluation_until: Set(evaluation),
        created_by: Set(who.account.0),
        created_at: Set(now),
        tallied_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let event = AuditEvent {
        actor: who.account.0,
        action: "round_opened",
        object_type: "funding_round",
        object_id: Some(round.id),
        community: Some(new.community.0),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(round.id)
}

/// Ends the round's current phase now, for a committee that finishes early (or a demo).
/// Proposals still collecting support close with it; the timers then move what is due.
pub async fn end_phase(
    db: &impl ConnectionTrait,
    who: &Principal,
    round_id: i64,
    now: DateTime<Utc>,
) -> AppResult<RoundPhase> {
    let round = funding_round::Entity::find_by_id(round_id).one(db).await?.ok_or(AppError::NotFound)?;
    authz::authorize(Some(who), Action::ManageRounds { community: CommunityId(round.community_id) })?;
    let column = match phase(&round, now) {
        RoundPhase::Collecting => funding_round::Column::CollectingUntil,
        RoundPhase::Review => funding_round::Column::ReviewUntil,
        RoundPhase::Notice => funding_round::Column::NoticeUntil,
        RoundPhase::Voting => funding_round::Column::VotingUntil,
        RoundPhase::Implementation => funding_round::Column::ImplementationUntil,
        RoundPhase::Evaluation => funding_round::Column::EvaluationUntil,
        RoundPhase::Closed => return Err(AppError::Conflict(Key::ErrNoOpenRound)),
    };
    funding_round::Entity::update_many()
        .col_expr(column, Expr::value(now))
        .filter(funding_round::Column::Id.eq(round.id))
        .exec(db)
        .await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::SupportDeadline, Expr::value(now))
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::State.eq(ProposalState::CollectingSupport.as_str()))
        .filter(proposal::Column::SupportDeadline.gt(now))
        .exec(db)
        .await?;
    let event = AuditEvent {
        actor: who.account.0,
        action: "round_phase_ended",
        object_type: "funding_round",
        object_id: Some(round.id),
        community: Some(round.community_id),
        reason: None,
    };
    audit::record(db, event, now).await?;
    run_timers(db, now).await?;
    super::ballots::run_timers(db, now).await?;
    let round = funding_round::Entity::find_by_id(round_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(phase(&round, now))
}

/// Checks a proposal against its round's rules, naming the form field at fault.
fn check_rules(round: &funding_round::Model, input: &ProposalInput) -> AppResult<()> {
    if !categories_of(round).contains(&input.category) {
        return Err(AppError::invalid("proposal[category]", Key::FieldCategoryNotAllowed));
    }
    if input.estimated_cost > Fen(round.cost_cap_fen) || input.estimated_cost == Fen::ZERO {
        return Err(AppError::invalid("proposal[estimated_cost]", Key::FieldCostOverCap));
    }
    Ok(())
}

pub(super) async fn record(
    db: &impl ConnectionTrait,
    proposal: i64,
    actor: Option<i64>,
    kind: &str,
    note: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    proposal_event::ActiveModel {
        proposal_id: Set(proposal),
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

/// A verified resident drafts a proposal in their community's current round.
pub async fn draft(
    db: &impl ConnectionTrait,
    who: &Principal,
    input: ProposalInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let community = who.community.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Participate { community })?;
    let round = current_round(db, community.0, now).await?.ok_or(AppError::Conflict(Key::ErrNoOpenRound))?;
    if phase(&round, now) != RoundPhase::Collecting {
        return Err(AppError::Conflict(Key::ErrRoundNotCollecting));
    }
    check_rules(&round, &input)?;
    let row = proposal::ActiveModel {
        round_id: Set(round.id),
        community_id: Set(community.0),
        author_id: Set(who.account.0),
        title: Set(input.title.into_inner()),
        description: Set(input.description.into_inner()),
        category: Set(input.category.as_str().to_owned()),
        location: Set(input.location.into_inner()),
        estimated_cost_fen: Set(input.estimated_cost.0),
        reviewed_cost_fen: Set(None),
        beneficiaries: Set(input.beneficiaries.into_inner()),
        state: Set(ProposalState::Draft.as_str().to_owned()),
        sub_committee: Set(None),
        review_note: Set(None),
        reviewer_id: Set(None),
        supports: Set(0),
        submitted_at: Set(None),
        support_deadline: Set(None),
        version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    record(db, row.id, Some(who.account.0), "drafted", None, now).await?;
    Ok(row.id)
}

pub(super) async fn load(db: &impl ConnectionTrait, id: i64) -> AppResult<(proposal::Model, funding_round::Model)> {
    let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let round = funding_round::Entity::find_by_id(p.round_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((p, round))
}

pub(super) fn state_of(p: &proposal::Model) -> ProposalState {
    ProposalState::parse(&p.state).unwrap_or(ProposalState::Withdrawn)
}

/// The caller's seat at this proposal. Someone from another community, or not verified, is
/// `Other`: they may read but not act.
pub(super) fn actor(who: &Principal, p: &proposal::Model) -> Actor {
    let community = CommunityId(p.community_id);
    if who.account.0 == p.author_id {
        return Actor::Author;
    }
    let delivering = matches!(state_of(p), ProposalState::Selected | ProposalState::InProgress);
    if delivering && authz::permits(Some(who), Action::RunDelivery { community }) {
        return Actor::Steward;
    }
    let sub = p.sub_committee.as_deref().and_then(SubCommittee::parse);
    if let Some(sub) = sub
        && authz::permits(Some(who), Action::ReviewProposals { community, sub })
    {
        return Actor::Reviewer;
    }
    if authz::permits(Some(who), Action::Participate { community }) {
        return Actor::Resident;
    }
    Actor::Other
}

/// Moves the proposal if it is still at the version read; a lost race is a conflict.
pub(super) async fn advance(
    db: &impl ConnectionTrait,
    p: &proposal::Model,
    to: ProposalState,
    change: impl FnOnce(sea_orm::UpdateMany<proposal::Entity>) -> sea_orm::UpdateMany<proposal::Entity>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let update = proposal::Entity::update_many()
        .col_expr(proposal::Column::State, Expr::value(to.as_str()))
        .col_expr(proposal::Column::Version, Expr::value(p.version + 1))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now));
    let done = change(update)
        .filter(proposal::Column::Id.eq(p.id))
        .filter(proposal::Column::Version.eq(p.version))
        .exec(db)
        .await?;
    if done.rows_affected == 1 { Ok(()) } else { Err(AppError::Conflict(Key::ErrProposalChanged)) }
}

pub(super) fn allowed(p: &proposal::Model, actor: Actor, action: ProposalAction) -> AppResult<ProposalState> {
    Ok(transition(state_of(p), actor, action, p.supports as u32)?)
}

/// The proposal, if the caller may see it: a draft is its author's; a community's proposals
/// are its residents' and its console's.
pub async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<proposal::Model> {
    let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let same_community = who.community.map(|c| c.0) == Some(p.community_id)
        || authz::console_communities(who).contains(CommunityId(p.community_id));
    if (state_of(&p) == ProposalState::Draft && who.account.0 != p.author_id) || !same_community {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// Refused unless the caller may edit the proposal now (its author, before any support).
pub async fn may_edit(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<()> {
    let p = visible(db, who, id).await?;
    allowed(&p, actor(who, &p), ProposalAction::Edit).map(|_| ())
}

/// The proposal, if the caller runs its delivery: from selection until residents accept it.
pub async fn may_steward(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<proposal::Model> {
    let p = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::RunDelivery { community: CommunityId(p.community_id) })?;
    if !matches!(state_of(&p), ProposalState::Selected | ProposalState::InProgress | ProposalState::Delivered) {
        return Err(AppError::Conflict(Key::ErrNotInDelivery));
    }
    Ok(p)
}

pub async fn edit(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    input: ProposalInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (p, round) = load(db, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::Edit)?;
    check_rules(&round, &input)?;
    // After review asked for changes, a new kind of project goes to the sub-committee of
    // that kind.
    let routed = p.sub_committee.as_ref().map(|_| routed_to(input.category).as_str());
    advance(
        db,
        &p,
        to,
        |u| {
            u.col_expr(proposal::Column::Title, Expr::value(input.title.into_inner()))
                .col_expr(proposal::Column::Description, Expr::value(input.description.into_inner()))
                .col_expr(proposal::Column::Category, Expr::value(input.category.as_str()))
                .col_expr(proposal::Column::Location, Expr::value(input.location.into_inner()))
                .col_expr(proposal::Column::EstimatedCostFen, Expr::value(input.estimated_cost.0))
                .col_expr(proposal::Column::Beneficiaries, Expr::value(input.beneficiaries.into_inner()))
                .col_expr(proposal::Column::SubCommittee, Expr::value(routed))
                // Counted under the same guard: a support arriving meanwhile fails the edit.
                .filter(proposal::Column::Supports.eq(p.supports))
        },
        now,
    )
    .await?;
    record(db, id, Some(who.account.0), "edited", None, now).await?;
    Ok(())
}

/// The author submits: support collection starts and runs for the round's window.
pub async fn submit(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let (p, round) = load(db, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::Submit)?;
    if phase(&round, now) != RoundPhase::Collecting {
        return Err(AppError::Conflict(Key::ErrRoundNotCollecting));
    }
    let deadline = (now + Duration::days(round.support_window_days as i64)).min(round.collecting_until);
    advance(
        db,
        &p,
        to,
        |u| {
            u.col_expr(proposal::Column::SubmittedAt, Expr::value(now))
                .col_expr(proposal::Column::SupportDeadline, Expr::value(deadline))
        },
        now,
    )
    .await?;
    record(db, id, Some(who.account.0), "submitted", None, now).await?;
    Ok(())
}

pub async fn withdraw(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let (p, _) = load(db, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::Withdraw)?;
    advance(db, &p, to, |u| u, now).await?;
    record(db, id, Some(who.account.0), "withdrawn", None, now).await?;
    Ok(())
}

/// A verified neighbour supports (once: the key of the table says so). At the threshold the
/// proposal goes to its sub-committee and further supports are refused.
pub async fn support(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let (p, round) = load(db, id).await?;
    // Not verified, or of another community: say which, before the proposal's own rules.
    authz::authorize(Some(who), Action::Participate { community: CommunityId(p.community_id) })?;
    let seat = actor(who, &p);
    allowed(&p, seat, ProposalAction::Support)?;
    if p.support_deadline.is_some_and(|d| d <= now) {
        return Err(AppError::Conflict(Key::ErrSupportWindowOver));
    }
    let inserted = proposal_support::Entity::insert(proposal_support::ActiveModel {
        proposal_id: Set(id),
        account_id: Set(who.account.0),
        created_at: Set(now),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            proposal_support::Column::ProposalId,
            proposal_support::Column::AccountId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(Key::ErrAlreadySupported));
    }
    let supports = p.supports + 1;
    let reached = supports >= round.support_threshold;
    let to = if reached { allowed(&p, Actor::System, ProposalAction::ReachThreshold)? } else { state_of(&p) };
    let sub = routed_to(ProjectCategory::parse(&p.category).unwrap_or(ProjectCategory::Service));
    advance(
        db,
        &p,
        to,
        |u| {
            let u = u.col_expr(proposal::Column::Supports, Expr::value(supports));
            if reached { u.col_expr(proposal::Column::SubCommittee, Expr::value(sub.as_str())) } else { u }
        },
        now,
    )
    .await?;
    if reached {
        record(db, id, None, "to_review", None, now).await?;
        let mut told = reviewers(db, p.community_id, sub).await?;
        told.push(p.author_id);
        tell(db, &p, &told, Key::NotifyProposalToReview, now).await?;
    }
    Ok(())
}

/// Members of the sub-committee in the community.
async fn reviewers(db: &impl ConnectionTrait, community: i64, sub: SubCommittee) -> Result<Vec<i64>, DbErr> {
    role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::AccountId)
        .filter(role_grant::Column::Role.eq("committee"))
        .filter(role_grant::Column::CommunityId.eq(community))
        .filter(role_grant::Column::SubCommittee.eq(sub.as_str()))
        .into_tuple()
        .all(db)
        .await
}

pub(super) async fn supporters(db: &impl ConnectionTrait, id: i64) -> Result<Vec<i64>, DbErr> {
    proposal_support::Entity::find()
        .select_only()
        .column(proposal_support::Column::AccountId)
        .filter(proposal_support::Column::ProposalId.eq(id))
        .into_tuple()
        .all(db)
        .await
}

pub(super) async fn tell(
    db: &impl ConnectionTrait,
    p: &proposal::Model,
    to: &[i64],
    what: Key,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let title = p.title.clone();
    let text = move |l: Locale| (what.text(l).to_owned(), title.clone());
    let url = format!("/projects/{}", p.id);
    notifications::notify(db, to, Notice { topic: Topic::Proposals, urgent: false, url: &url, text: &text }, now).await
}

/// The committee's decision.
pub enum Decision {
    Feasible { reviewed_cost: Fen },
    Unfeasible { reason: String },
    ChangesRequested { what: String },
}

pub async fn review(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    decision: Decision,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (p, round) = load(db, id).await?;
    let seat = actor(who, &p);
    let (action, cost, note, kind, key) = match decision {
        Decision::Feasible { reviewed_cost } => {
            if reviewed_cost > Fen(round.cost_cap_fen) || reviewed_cost == Fen::ZERO {
                return Err(AppError::invalid("reviewed_cost", Key::FieldCostOverCap));
            }
            (ProposalAction::MarkFeasible, Some(reviewed_cost.0), None, "feasible", Key::NotifyProposalFeasible)
        }
        Decision::Unfeasible { reason } => {
            (ProposalAction::MarkUnfeasible, None, Some(reason), "unfeasible", Key::NotifyProposalUnfeasible)
        }
        Decision::ChangesRequested { what } => {
            (ProposalAction::RequestChanges, None, Some(what), "changes_requested", Key::NotifyProposalChanges)
        }
    };
    let to = allowed(&p, seat, action)?;
    let note_value = note.clone();
    advance(
        db,
        &p,
        to,
        |u| {
            u.col_expr(proposal::Column::ReviewedCostFen, Expr::value(cost))
                .col_expr(proposal::Column::ReviewNote, Expr::value(note_value))
                .col_expr(proposal::Column::ReviewerId, Expr::value(who.account.0))
        },
        now,
    )
    .await?;
    record(db, id, Some(who.account.0), kind, note.clone(), now).await?;
    let event = AuditEvent {
        actor: who.account.0,
        action: kind,
        object_type: "proposal",
        object_id: Some(id),
        community: Some(p.community_id),
        reason: note.as_deref(),
    };
    audit::record(db, event, now).await?;
    let mut told = supporters(db, id).await?;
    told.push(p.author_id);
    tell(db, &p, &told, key, now).await?;
    Ok(())
}

/// The author answers a change request; the proposal goes back to the same sub-committee.
pub async fn resubmit(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let (p, _) = load(db, id).await?;
    let to = allowed(&p, actor(who, &p), ProposalAction::Resubmit)?;
    advance(db, &p, to, |u| u, now).await?;
    record(db, id, Some(who.account.0), "resubmitted", None, now).await?;
    Ok(())
}

/// Proposals whose support window closed short of the threshold expire. Run by the worker.
pub async fn run_timers(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u32, DbErr> {
    let due = proposal::Entity::find()
        .filter(proposal::Column::State.eq(ProposalState::CollectingSupport.as_str()))
        .filter(proposal::Column::SupportDeadline.lte(now))
        .limit(200)
        .all(db)
        .await?;
    let mut expired = 0;
    for p in due {
        if advance(db, &p, ProposalState::Expired, |u| u, now).await.is_ok() {
            record(db, p.id, None, "expired", None, now).await?;
            tell(db, &p, &[p.author_id], Key::NotifyProposalExpired, now).await?;
            expired += 1;
        }
    }
    Ok(expired)
}

/// One pass of the proposal and ballot timers in its own write transaction, as the server's worker runs it.
pub async fn tick(state: &super::AppState) -> Result<u32, DbErr> {
    let txn = super::db::begin_write(&state.db).await?;
    let now = state.clock.now();
    let moved = run_timers(&txn, now).await?
        + super::ballots::run_timers(&txn, now).await?
        + super::delivery::run_timers(&txn, now).await?;
    txn.commit().await?;
    Ok(moved)
}

pub(super) async fn summarize(
    db: &impl ConnectionTrait,
    rows: Vec<proposal::Model>,
    threshold: u32,
) -> Result<Vec<ProposalSummary>, DbErr> {
    let authors = super::accounts::display_names(db, rows.iter().map(|p| p.author_id)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        out.push(ProposalSummary {
            author: authors.get(&p.author_id).cloned().unwrap_or_default(),
            id: p.id,
            title: p.title.clone(),
            category: ProjectCategory::parse(&p.category).unwrap_or(ProjectCategory::Service),
            state: state_of(&p),
            supports: p.supports as u32,
            threshold,
            estimated_cost: Fen(p.estimated_cost_fen),
            reviewed_cost: p.reviewed_cost_fen.map(Fen),
            created: local(p.created_at),
        });
    }
    Ok(out)
}

/// The community whose micro-projects a person sees: their home, or for staff and committee
/// members without one, the first community they serve (a street admin: the first there is).
pub async fn viewing_community(db: &impl ConnectionTrait, who: &Principal) -> Result<Option<CommunityId>, DbErr> {
    if let Some(home) = who.community {
        return Ok(Some(home));
    }
    match authz::console_communities(who) {
        authz::CommunityScope::Some(ids) => Ok(ids.first().copied()),
        authz::CommunityScope::All => Ok(super::db::entities::community::Entity::find()
            .order_by_asc(super::db::entities::community::Column::Id)
            .one(db)
            .await?
            .map(|c| CommunityId(c.id))),
    }
}

/// The projects home: the current round of the viewer's community and one page of its
/// proposals. Drafts are shown only to their authors.
pub async fn home(
    db: &impl ConnectionTrait,
    who: &Principal,
    page: u32,
    now: DateTime<Utc>,
) -> AppResult<ProjectsHome> {
    let Some(community) = viewing_community(db, who).await? else {
        return Ok(ProjectsHome::default());
    };
    let can_open_round = authz::permits(Some(who), Action::ManageRounds { community });
    let Some(round) = current_round(db, community.0, now).await? else {
        return Ok(ProjectsHome { can_open_round, ..Default::default() });
    };
    let rows = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(
            Condition::any()
                .add(proposal::Column::State.ne(ProposalState::Draft.as_str()))
                .add(proposal::Column::AuthorId.eq(who.account.0)),
        )
        .order_by_desc(proposal::Column::Supports)
        .order_by_asc(proposal::Column::Id);
    let listed = super::page_of(db, rows, page).await?;
    let can_propose =
        phase(&round, now) == RoundPhase::Collecting && authz::permits(Some(who), Action::Participate { community });
    Ok(ProjectsHome {
        proposals: summarize(db, listed.items, round.support_threshold as u32).await?,
        page: listed.page,
        more: listed.more,
        total: listed.total,
        round: Some(round_view(&round, now)),
        can_propose,
        can_open_round: false,
        can_manage: can_open_round,
    })
}

fn event_key(kind: &str) -> Key {
    match kind {
        "drafted" => Key::ProposalEvDrafted,
        "edited" => Key::ProposalEvEdited,
        "submitted" => Key::ProposalEvSubmitted,
        "to_review" => Key::ProposalEvToReview,
        "feasible" => Key::ProposalEvFeasible,
        "unfeasible" => Key::ProposalEvUnfeasible,
        "changes_requested" => Key::ProposalEvChanges,
        "resubmitted" => Key::ProposalEvResubmitted,
        "withdrawn" => Key::ProposalEvWithdrawn,
        "expired" => Key::ProposalEvExpired,
        "on_ballot" => Key::ProposalEvOnBallot,
        "selected" => Key::ProposalEvSelected,
        "not_selected" => Key::ProposalEvNotSelected,
        "work_started" => Key::ProposalEvWorkStarted,
        "progress" => Key::ProposalEvProgress,
        "delivered" => Key::ProposalEvDelivered,
        "accepted" => Key::ProposalEvAccepted,
        "reopened" => Key::ProposalEvReopened,
        _ => Key::HelpSystem,
    }
}

pub async fn detail(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<ProposalDetail> {
    let p = visible(db, who, id).await?;
    let round = funding_round::Entity::find_by_id(p.round_id).one(db).await?.ok_or(AppError::NotFound)?;
    let seat = actor(who, &p);
    let state = state_of(&p);
    let i_support = proposal_support::Entity::find_by_id((id, who.account.0)).one(db).await?.is_some();
    let mut actions: Vec<ProposalAction> =
        ProposalAction::ALL.into_iter().filter(|a| transition(state, seat, *a, p.supports as u32).is_ok()).collect();
    if i_support || p.support_deadline.is_some_and(|d| d <= now) {
        actions.retain(|a| *a != ProposalAction::Support);
    }
    let events = proposal_event::Entity::find()
        .filter(proposal_event::Column::ProposalId.eq(id))
        .order_by_asc(proposal_event::Column::Id)
        .all(db)
        .await?;
    let mut timeline = Vec::with_capacity(events.len());
    for e in events {
        let who = match e.actor_id {
            Some(a) => Some(super::accounts::display_name(db, a).await?),
            None => None,
        };
        timeline.push(ProposalEventView { what: event_key(&e.kind), who, note: e.note, when: local(e.created_at) });
    }
    let summary = summarize(db, vec![p.clone()], round.support_threshold as u32).await?.remove(0);
    let photos = super::photos::ids(db, super::photos::PhotoTarget::Proposal(id)).await?;
    let can_add_photo = actions.contains(&ProposalAction::Edit) && (photos.len() as u64) < super::photos::PER_SUBJECT;
    let delivery = super::delivery::view(db, who, &p, &round, now).await?;
    Ok(ProposalDetail {
        photos,
        can_add_photo,
        delivery,
        summary,
        description: p.description,
        location: p.location,
        beneficiaries: p.beneficiaries,
        sub_committee: p.sub_committee.as_deref().and_then(SubCommittee::parse),
        review_note: p.review_note,
        support_deadline: p.support_deadline.map(local),
        i_support,
        actions,
        timeline,
    })
}

/// Proposals under review for the viewer's sub-committees, excluding their own.
pub async fn review_queue(db: &impl ConnectionTrait, who: &Principal) -> AppResult<ReviewQueue> {
    let seats: Vec<(i64, SubCommittee)> = who
        .roles
        .iter()
        .filter_map(|r| match r {
            Role::Committee { community, sub } => Some((community.0, *sub)),
            _ => None,
        })
        .collect();
    if seats.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut rows = vec![];
    for (community, sub) in seats {
        rows.extend(
            proposal::Entity::find()
                .filter(proposal::Column::CommunityId.eq(community))
                .filter(proposal::Column::State.eq(ProposalState::UnderReview.as_str()))
                .filter(proposal::Column::SubCommittee.eq(sub.as_str()))
                .filter(proposal::Column::AuthorId.ne(who.account.0))
                .order_by_asc(proposal::Column::Id)
                .all(db)
                .await?,
        );
    }
    Ok(ReviewQueue { proposals: summarize(db, rows, 0).await? })
}
