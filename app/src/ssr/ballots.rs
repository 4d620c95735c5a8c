//! The budget ballot of a funding round: feasible proposals go on it after the public
//! notice, residents fill and change one ballot each until the vote closes, staff enter paper
//! ballots, and at the close the tally (`crate::projects::tally`) picks the winners.
//! Nobody can read another person's ballot: only counts leave this module, and only after
//! the close.

use super::audit::{self, AuditEvent};
use super::db::entities::{ballot, ballot_pick, funding_round, proposal};
use super::projects::{advance, current_round, phase, record, state_of, summarize, supporters, tell};
use super::shown_time as local;
use crate::authz::{self, Action, Principal};
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use crate::model::CommunityId;
use crate::projects::tally::{self, Ballot, BallotProblem, OnBallot};
use crate::projects::{
    Actor, BallotItem, BallotView, Fen, ProposalAction, ProposalState, ResultLine, RoundPhase, RoundResults, transition,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

async fn on_ballot(db: &impl ConnectionTrait, round: i64) -> Result<Vec<proposal::Model>, DbErr> {
    proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round))
        .filter(proposal::Column::State.eq(ProposalState::OnBallot.as_str()))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await
}

fn costs(projects: &[proposal::Model]) -> Vec<OnBallot> {
    projects
        .iter()
        .map(|p| OnBallot { proposal: p.id, cost: Fen(p.reviewed_cost_fen.unwrap_or(p.estimated_cost_fen)) })
        .collect()
}

fn problem(p: BallotProblem) -> AppError {
    match p {
        BallotProblem::Empty => AppError::invalid("picks", Key::BallotEmpty),
        BallotProblem::NotOnBallot | BallotProblem::Duplicate => AppError::invalid("picks", Key::BallotNotOnIt),
        BallotProblem::OverBudget { .. } => AppError::invalid("picks", Key::BallotOverBudget),
    }
}

async fn picks_of(db: &impl ConnectionTrait, ballot: i64) -> Result<Vec<i64>, DbErr> {
    Ok(ballot_pick::Entity::find()
        .filter(ballot_pick::Column::BallotId.eq(ballot))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.proposal_id)
        .collect())
}

async fn replace_picks(db: &impl ConnectionTrait, ballot: i64, picks: &[i64]) -> Result<(), DbErr> {
    ballot_pick::Entity::delete_many().filter(ballot_pick::Column::BallotId.eq(ballot)).exec(db).await?;
    let rows = picks.iter().map(|p| ballot_pick::ActiveModel { ballot_id: Set(ballot), proposal_id: Set(*p) });
    ballot_pick::Entity::insert_many(rows).exec_without_returning(db).await.map(|_| ())
}

/// The voting round of the caller's community, refused unless voting is open now.
async fn voting_round(
    db: &impl ConnectionTrait,
    community: CommunityId,
    now: DateTime<Utc>,
) -> AppResult<funding_round::Model> {
    let round = current_round(db, community.0, now).await?.ok_or(AppError::Conflict(Key::ErrNoOpenRound))?;
    if phase(&round, now) != RoundPhase::Voting || round.tallied_at.is_some() {
        return Err(AppError::Conflict(Key::ErrVotingClosed));
    }
    Ok(round)
}

pub async fn my_ballot(db: &impl ConnectionTrait, who: &Principal, now: DateTime<Utc>) -> AppResult<BallotView> {
    let community = who.community.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Participate { community })?;
    let round = current_round(db, community.0, now).await?.ok_or(AppError::Conflict(Key::ErrNoOpenRound))?;
    let mine = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round.id))
        .filter(ballot::Column::VoterId.eq(who.account.0))
        .one(db)
        .await?;
    let picked = match &mine {
        Some(b) => picks_of(db, b.id).await?,
        None => vec![],
    };
    sheet(db, &round, &picked, mine.is_some(), now).await
}

/// A blank ballot of the viewer's community, for staff copying a paper one.
pub async fn paper_sheet(db: &impl ConnectionTrait, who: &Principal, now: DateTime<Utc>) -> AppResult<BallotView> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::EnterPaperBallots { community })?;
    let round = current_round(db, community.0, now).await?.ok_or(AppError::Conflict(Key::ErrNoOpenRound))?;
    sheet(db, &round, &[], false, now).await
}

async fn sheet(
    db: &impl ConnectionTrait,
    round: &funding_round::Model,
    picked: &[i64],
    cast: bool,
    now: DateTime<Utc>,
) -> AppResult<BallotView> {
    let projects = on_ballot(db, round.id).await?;
    let summaries = summarize(db, projects.clone(), round.support_threshold as u32).await?;
    let items = projects
        .iter()
        .zip(summaries)
        .map(|(p, s)| BallotItem {
            cost: Fen(p.reviewed_cost_fen.unwrap_or(p.estimated_cost_fen)),
            picked: picked.contains(&p.id),
            proposal: s,
        })
        .collect();
    Ok(BallotView {
        round_id: round.id,
        round_title: round.title.clone(),
        budget: Fen(round.budget_fen),
        items,
        open: phase(round, now) == RoundPhase::Voting && round.tallied_at.is_none(),
        closes: local(round.voting_until),
        cast,
    })
}

/// Fills or changes the caller's ballot. All of it is checked before anything is written.
pub async fn cast(db: &impl ConnectionTrait, who: &Principal, picks: &[i64], now: DateTime<Utc>) -> AppResult<Fen> {
    let community = who.community.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Participate { community })?;
    let round = voting_round(db, community, now).await?;
    let total = tally::check(picks, &costs(&on_ballot(db, round.id).await?), Fen(round.budget_fen)).map_err(problem)?;
    let existing = ballot::Entity::find()
        .filter(ballot::Column::RoundId.eq(round.id))
        .filter(ballot::Column::VoterId.eq(who.account.0))
        .one(db)
        .await?;
    let id = match existing {
        Some(b) => {
            ballot::Entity::update_many()
                .col_expr(ballot::Column::UpdatedAt, Expr::value(now))
                .filter(ballot::Column::Id.eq(b.id))
                .exec(db)
                .await?;
            b.id
        }
        None => {
            ballot::ActiveModel {
                round_id: Set(round.id),
                voter_id: Set(Some(who.account.0)),
                paper: Set(false),
                entered_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id
        }
    };
    replace_picks(db, id, picks).await?;
    Ok(total)
}

/// Staff enter a paper ballot collected door to door; it counts like an online one and is
/// shown apart.
pub async fn enter_paper(
    db: &impl ConnectionTrait,
    staff: &Principal,
    community: CommunityId,
    picks: &[i64],
    now: DateTime<Utc>,
) -> AppResult<()> {
    authz::authorize(Some(staff), Action::EnterPaperBallots { community })?;
    let round = voting_round(db, community, now).await?;
    tally::check(picks, &costs(&on_ballot(db, round.id).await?), Fen(round.budget_fen)).map_err(problem)?;
    let b = ballot::ActiveModel {
        round_id: Set(round.id),
        voter_id: Set(None),
        paper: Set(true),
        entered_by: Set(Some(staff.account.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    replace_picks(db, b.id, picks).await?;
    let event = AuditEvent {
        actor: staff.account.0,
        action: "paper_ballot",
        object_type: "ballot",
        object_id: Some(b.id),
        community: Some(community.0),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(())
}

async fn ballots_of(db: &impl ConnectionTrait, round: i64) -> Result<Vec<Ballot>, DbErr> {
    let ballots = ballot::Entity::find().filter(ballot::Column::RoundId.eq(round)).all(db).await?;
    let paper: HashMap<i64, bool> = ballots.iter().map(|b| (b.id, b.paper)).collect();
    let mut picks: HashMap<i64, Vec<i64>> = HashMap::new();
    for pick in ballot_pick::Entity::find()
        .filter(ballot_pick::Column::BallotId.is_in(ballots.iter().map(|b| b.id)))
        .all(db)
        .await?
    {
        picks.entry(pick.ballot_id).or_default().push(pick.proposal_id);
    }
    Ok(paper.into_iter().map(|(id, paper)| Ballot { picks: picks.remove(&id).unwrap_or_default(), paper }).collect())
}

/// The worker's pass: after the public notice, feasible proposals go on the ballot; after
/// the vote, the tally decides. Each step is conditional, so servers may run it at once.
pub async fn run_timers(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u32, DbErr> {
    let mut moved = 0;
    let rounds = funding_round::Entity::find()
        .filter(funding_round::Column::TalliedAt.is_null())
        .filter(funding_round::Column::NoticeUntil.lte(now))
        .all(db)
        .await?;
    for round in rounds {
        let feasible = proposal::Entity::find()
            .filter(proposal::Column::RoundId.eq(round.id))
            .filter(proposal::Column::State.eq(ProposalState::Feasible.as_str()))
            .all(db)
            .await?;
        for p in feasible {
            let Ok(to) = transition(state_of(&p), Actor::System, ProposalAction::PutOnBallot, p.supports as u32) else {
                continue;
            };
            if advance(db, &p, to, |u| u, now).await.is_ok() {
                record(db, p.id, None, "on_ballot", None, now).await?;
                moved += 1;
            }
        }
        if round.voting_until <= now {
            moved += close(db, &round, now).await?;
        }
    }
    Ok(moved)
}

/// Counts the ballots and marks winners and the rest; happens once per round.
async fn close(db: &impl ConnectionTrait, round: &funding_round::Model, now: DateTime<Utc>) -> Result<u32, DbErr> {
    let claimed = funding_round::Entity::update_many()
        .col_expr(funding_round::Column::TalliedAt, Expr::value(now))
        .filter(funding_round::Column::Id.eq(round.id))
        .filter(funding_round::Column::TalliedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(0);
    }
    let projects = on_ballot(db, round.id).await?;
    let result = tally::allocate(Fen(round.budget_fen), &costs(&projects), &ballots_of(db, round.id).await?);
    let mut moved = 0;
    for p in &projects {
        let won = result.lines.iter().any(|l| l.proposal == p.id && l.selected);
        let action = if won { ProposalAction::Select } else { ProposalAction::Reject };
        let Ok(to) = transition(state_of(p), Actor::System, action, p.supports as u32) else { continue };
        if advance(db, p, to, |u| u, now).await.is_ok() {
            let kind = if won { "selected" } else { "not_selected" };
            record(db, p.id, None, kind, None, now).await?;
            let mut told = supporters(db, p.id).await?;
            told.push(p.author_id);
            let what = if won { Key::NotifyProposalSelected } else { Key::NotifyProposalNotSelected };
            tell(db, p, &told, what, now).await?;
            moved += 1;
        }
    }
    Ok(moved)
}

/// The public result, once the vote has closed: counts per project, totals, money left.
pub async fn results(db: &impl ConnectionTrait, who: &Principal) -> AppResult<RoundResults> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let round = funding_round::Entity::find()
        .filter(funding_round::Column::CommunityId.eq(community.0))
        .filter(funding_round::Column::TalliedAt.is_not_null())
        .order_by_desc(funding_round::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::Conflict(Key::ErrNoResultsYet))?;
    let projects = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round.id))
        .filter(proposal::Column::State.is_in([
            ProposalState::Selected.as_str(),
            ProposalState::NotSelected.as_str(),
            ProposalState::InProgress.as_str(),
            ProposalState::Delivered.as_str(),
            ProposalState::Accepted.as_str(),
        ]))
        .all(db)
        .await?;
    let ballots = ballots_of(db, round.id).await?;
    let result = tally::allocate(Fen(round.budget_fen), &costs(&projects), &ballots);
    let summaries = summarize(db, projects.clone(), round.support_threshold as u32).await?;
    let by_id: HashMap<i64, _> = projects.iter().map(|p| p.id).zip(summaries).collect();
    let lines = result
        .lines
        .iter()
        .filter_map(|l| {
            Some(ResultLine {
                proposal: by_id.get(&l.proposal)?.clone(),
                cost: l.cost,
                votes: l.votes,
                selected: l.selected,
                skipped_for_budget: l.skipped_for_budget,
            })
        })
        .collect();
    Ok(RoundResults {
        round_title: round.title,
        budget: Fen(round.budget_fen),
        allocated: result.allocated,
        remaining: result.remaining,
        ballots_online: ballots.iter().filter(|b| !b.paper).count() as u64,
        ballots_paper: ballots.iter().filter(|b| b.paper).count() as u64,
        lines,
    })
}
