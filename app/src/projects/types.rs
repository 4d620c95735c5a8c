//! Funding rounds and proposals as they cross the wire.

use super::lifecycle::{ProposalAction, ProposalState};
use super::money::Fen;
use crate::i18n::Key;
use crate::model::SubCommittee;
use serde::{Deserialize, Serialize};

/// What a micro-project delivers (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProjectCategory {
    Service,
    Goods,
    Works,
}

impl ProjectCategory {
    pub const ALL: [ProjectCategory; 3] = [ProjectCategory::Service, ProjectCategory::Goods, ProjectCategory::Works];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectCategory::Service => "service",
            ProjectCategory::Goods => "goods",
            ProjectCategory::Works => "works",
        }
    }

    pub fn parse(raw: &str) -> Option<ProjectCategory> {
        ProjectCategory::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            ProjectCategory::Service => Key::ProjectService,
            ProjectCategory::Goods => Key::ProjectGoods,
            ProjectCategory::Works => Key::ProjectWorks,
        }
    }
}

/// Where a round stands, from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RoundPhase {
    Collecting,
    Review,
    Notice,
    Voting,
    Implementation,
    Evaluation,
    Closed,
}

impl RoundPhase {
    pub fn label(self) -> Key {
        match self {
            RoundPhase::Collecting => Key::PhaseCollecting,
            RoundPhase::Review => Key::PhaseReview,
            RoundPhase::Notice => Key::PhaseNotice,
            RoundPhase::Voting => Key::PhaseVoting,
            RoundPhase::Implementation => Key::PhaseImplementation,
            RoundPhase::Evaluation => Key::PhaseEvaluation,
            RoundPhase::Closed => Key::PhaseClosed,
        }
    }
}

pub fn state_label(state: ProposalState) -> Key {
    use ProposalState::*;
    match state {
        Draft => Key::ProposalDraft,
        CollectingSupport => Key::ProposalCollecting,
        UnderReview => Key::ProposalUnderReview,
        ChangesRequested => Key::ProposalChangesRequested,
        Feasible => Key::ProposalFeasible,
        Unfeasible => Key::ProposalUnfeasible,
        OnBallot => Key::ProposalOnBallot,
        Selected => Key::ProposalSelected,
        NotSelected => Key::ProposalNotSelected,
        InProgress => Key::ProposalInProgress,
        Delivered => Key::ProposalDelivered,
        Accepted => Key::ProposalAccepted,
        Withdrawn => Key::ProposalWithdrawn,
        Expired => Key::ProposalExpired,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub id: i64,
    pub title: String,
    pub budget: Fen,
    pub cost_cap: Fen,
    pub support_threshold: u32,
    pub support_window_days: u32,
    pub categories: Vec<ProjectCategory>,
    pub phase: RoundPhase,
    /// `(phase, until)` for the timeline at the top of the projects home.
    pub schedule: Vec<(RoundPhase, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalSummary {
    pub id: i64,
    pub title: String,
    pub category: ProjectCategory,
    pub state: ProposalState,
    pub supports: u32,
    pub threshold: u32,
    pub estimated_cost: Fen,
    pub reviewed_cost: Option<Fen>,
    pub author: String,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEventView {
    pub what: Key,
    pub who: Option<String>,
    pub note: Option<String>,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDetail {
    pub summary: ProposalSummary,
    pub description: String,
    pub location: String,
    pub beneficiaries: String,
    pub sub_committee: Option<SubCommittee>,
    pub review_note: Option<String>,
    pub support_deadline: Option<String>,
    pub i_support: bool,
    /// What the viewer may do now, for the buttons.
    pub actions: Vec<ProposalAction>,
    pub timeline: Vec<ProposalEventView>,
    pub photos: Vec<i64>,
    /// The author may still add photos (editing is open and fewer than the limit).
    pub can_add_photo: bool,
    /// From selection on.
    pub delivery: Option<DeliveryView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    pub id: i64,
    pub title: String,
    pub due: String,
    pub done: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: i64,
    pub percent: u8,
    pub spent: Fen,
    pub note: String,
    pub who: String,
    pub when: String,
    pub photos: Vec<i64>,
}

/// Residents' 验收 of a delivered project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptanceView {
    pub until: String,
    pub accepted: u32,
    pub not_done: u32,
    /// Verdicts either way that decide before the window ends.
    pub needed: u32,
    /// My verdict on this delivery, if I gave one.
    pub mine: Option<bool>,
    /// What residents said was not done.
    pub objections: Vec<String>,
    pub can_judge: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub provider: Option<String>,
    pub percent: u8,
    pub spent: Fen,
    pub allocated: Fen,
    pub milestones: Vec<MilestoneView>,
    /// Newest first.
    pub updates: Vec<UpdateView>,
    pub acceptance: Option<AcceptanceView>,
    /// The viewer runs delivery (staff, committee, admins of the community).
    pub can_steward: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRating {
    pub name: String,
    /// Mean of residents' 1–5 ratings, in tenths (43 = 4.3).
    pub average_tenths: u32,
    pub ratings: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPage {
    pub ledger: super::ledger::Ledger,
    pub providers: Vec<ProviderRating>,
}

/// The projects home: the round, and one page of its proposals (the most supported first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectsHome {
    pub round: Option<RoundView>,
    pub proposals: Vec<ProposalSummary>,
    pub page: u32,
    /// Whether a next page exists.
    pub more: bool,
    /// Proposals in the round, over all pages.
    pub total: u64,
    pub can_propose: bool,
    pub can_open_round: bool,
    /// May end the current phase early (committee and admins).
    pub can_manage: bool,
}

/// The committee's queue: proposals under review routed to the viewer's sub-committees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub proposals: Vec<ProposalSummary>,
}

/// A project on the ballot, with the cost the committee reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotItem {
    pub proposal: ProposalSummary,
    pub cost: Fen,
    pub picked: bool,
}

/// My ballot: what is on it, what I picked, what money there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub round_id: i64,
    pub round_title: String,
    pub budget: Fen,
    pub items: Vec<BallotItem>,
    /// Voting is open now (else the ballot is shown read-only).
    pub open: bool,
    pub closes: String,
    pub cast: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultLine {
    pub proposal: ProposalSummary,
    pub cost: Fen,
    pub votes: super::tally::Votes,
    pub selected: bool,
    pub skipped_for_budget: bool,
}

/// The public result of a closed vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundResults {
    pub round_title: String,
    pub budget: Fen,
    pub allocated: Fen,
    pub remaining: Fen,
    pub ballots_online: u64,
    pub ballots_paper: u64,
    pub lines: Vec<ResultLine>,
}
