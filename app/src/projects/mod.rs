//! Micro-projects 民生微实事 (DOMAIN.md §2): money, the proposal state machine and the
//! ballot tally — the rules, kept free of storage so they can be tested exhaustively.

pub mod ledger;
pub mod lifecycle;
pub mod money;
pub mod tally;
pub mod types;

pub use ledger::{Ledger, LedgerLine};
pub use lifecycle::{Actor, ProposalAction, ProposalState, transition};
pub use money::Fen;
pub use types::{
    AcceptanceView, BallotItem, BallotView, DeliveryView, LedgerPage, MilestoneView, ProjectCategory, ProjectsHome,
    ProposalDetail, ProposalEventView, ProposalSummary, ProviderRating, ResultLine, ReviewQueue, RoundPhase,
    RoundResults, RoundView, UpdateView,
};
