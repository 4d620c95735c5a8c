//! The proposal state machine (DOMAIN.md §2): who may move a proposal from which state, and
//! to where. Handlers and pages ask `transition`; nothing else decides.

use crate::authz::Refusal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProposalState {
    Draft,
    CollectingSupport,
    UnderReview,
    ChangesRequested,
    Feasible,
    Unfeasible,
    OnBallot,
    Selected,
    NotSelected,
    InProgress,
    Delivered,
    Accepted,
    Withdrawn,
    /// Missed its support window.
    Expired,
}

impl ProposalState {
    pub const ALL: [ProposalState; 14] = [
        ProposalState::Draft,
        ProposalState::CollectingSupport,
        ProposalState::UnderReview,
        ProposalState::ChangesRequested,
        ProposalState::Feasible,
        ProposalState::Unfeasible,
        ProposalState::OnBallot,
        ProposalState::Selected,
        ProposalState::NotSelected,
        ProposalState::InProgress,
        ProposalState::Delivered,
        ProposalState::Accepted,
        ProposalState::Withdrawn,
        ProposalState::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalState::Draft => "draft",
            ProposalState::CollectingSupport => "collecting_support",
            ProposalState::UnderReview => "under_review",
            ProposalState::ChangesRequested => "changes_requested",
            ProposalState::Feasible => "feasible",
            ProposalState::Unfeasible => "unfeasible",
            ProposalState::OnBallot => "on_ballot",
            ProposalState::Selected => "selected",
            ProposalState::NotSelected => "not_selected",
            ProposalState::InProgress => "in_progress",
            ProposalState::Delivered => "delivered",
            ProposalState::Accepted => "accepted",
            ProposalState::Withdrawn => "withdrawn",
            ProposalState::Expired => "expired",
        }
    }

    pub fn parse(raw: &str) -> Option<ProposalState> {
        ProposalState::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Still going somewhere: the projects home lists these first.
    pub fn is_live(self) -> bool {
        !matches!(
            self,
            ProposalState::Unfeasible
                | ProposalState::NotSelected
                | ProposalState::Accepted
                | ProposalState::Withdrawn
                | ProposalState::Expired
        )
    }
}

/// The caller's relation to one proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Author,
    /// A verified resident of the proposal's community who is not its author.
    Resident,
    /// A member of the sub-committee the proposal is routed to, not its author.
    Reviewer,
    /// Staff or committee of the community running delivery.
    Steward,
    /// The server: thresholds, windows, the vote's close.
    System,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProposalAction {
    Edit,
    Submit,
    Support,
    ReachThreshold,
    MissWindow,
    Withdraw,
    MarkFeasible,
    MarkUnfeasible,
    RequestChanges,
    Resubmit,
    PutOnBallot,
    Select,
    Reject,
    StartWork,
    Deliver,
    Accept,
    Reopen,
}

impl ProposalAction {
    pub const ALL: [ProposalAction; 17] = [
        ProposalAction::Edit,
        ProposalAction::Submit,
        ProposalAction::Support,
        ProposalAction::ReachThreshold,
        ProposalAction::MissWindow,
        ProposalAction::Withdraw,
        ProposalAction::MarkFeasible,
        ProposalAction::MarkUnfeasible,
        ProposalAction::RequestChanges,
        ProposalAction::Resubmit,
        ProposalAction::PutOnBallot,
        ProposalAction::Select,
        ProposalAction::Reject,
        ProposalAction::StartWork,
        ProposalAction::Deliver,
        ProposalAction::Accept,
        ProposalAction::Reopen,
    ];
}

/// The state after `action`, or why not. `supports`: how many residents support it now
/// (editing stops at the first; the author cannot change what people signed up for).
pub fn transition(
    state: ProposalState,
    actor: Actor,
    action: ProposalAction,
    supports: u32,
) -> Result<ProposalState, Refusal> {
    use Actor::*;
    use ProposalAction::*;
    use ProposalState::*;
    let next = match (action, state, actor) {
        (Edit, Draft | ChangesRequested, Author) => state,
        (Edit, CollectingSupport, Author) if supports == 0 => state,
        (Submit, Draft, Author) => CollectingSupport,
        (Support, CollectingSupport, Resident) => CollectingSupport,
        (ReachThreshold, CollectingSupport, System) => UnderReview,
        (MissWindow, CollectingSupport, System) => Expired,
        (Withdraw, Draft | CollectingSupport | ChangesRequested, Author) => Withdrawn,
        (MarkFeasible, UnderReview, Reviewer) => Feasible,
        (MarkUnfeasible, UnderReview, Reviewer) => Unfeasible,
        (RequestChanges, UnderReview, Reviewer) => ChangesRequested,
        (Resubmit, ChangesRequested, Author) => UnderReview,
        (PutOnBallot, Feasible, System) => OnBallot,
        (Select, OnBallot, System) => Selected,
        (Reject, OnBallot, System) => NotSelected,
        (StartWork, Selected, Steward) => InProgress,
        (Deliver, InProgress, Steward) => Delivered,
        (Accept, Delivered, System) => Accepted,
        (Reopen, Delivered, System) => InProgress,
        _ => return Err(Refusal::Forbidden),
    };
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::*;
    use ProposalAction::*;
    use ProposalState::*;

    const ACTORS: [Actor; 6] = [Author, Resident, Reviewer, Steward, System, Other];

    /// Every allowed move, written out once more: anything not in this list is refused.
    const ALLOWED: &[(ProposalAction, ProposalState, Actor, ProposalState)] = &[
        (Edit, Draft, Author, Draft),
        (Edit, ChangesRequested, Author, ChangesRequested),
        (Edit, CollectingSupport, Author, CollectingSupport),
        (Submit, Draft, Author, CollectingSupport),
        (Support, CollectingSupport, Resident, CollectingSupport),
        (ReachThreshold, CollectingSupport, System, UnderReview),
        (MissWindow, CollectingSupport, System, Expired),
        (Withdraw, Draft, Author, Withdrawn),
        (Withdraw, CollectingSupport, Author, Withdrawn),
        (Withdraw, ChangesRequested, Author, Withdrawn),
        (MarkFeasible, UnderReview, Reviewer, Feasible),
        (MarkUnfeasible, UnderReview, Reviewer, Unfeasible),
        (RequestChanges, UnderReview, Reviewer, ChangesRequested),
        (Resubmit, ChangesRequested, Author, UnderReview),
        (PutOnBallot, Feasible, System, OnBallot),
        (Select, OnBallot, System, Selected),
        (Reject, OnBallot, System, NotSelected),
        (StartWork, Selected, Steward, InProgress),
        (Deliver, InProgress, Steward, Delivered),
        (Accept, Delivered, System, Accepted),
        (Reopen, Delivered, System, InProgress),
    ];

    #[test]
    fn every_state_actor_and_action_is_decided_as_listed() {
        for action in ProposalAction::ALL {
            for state in ProposalState::ALL {
                for actor in ACTORS {
                    let listed = ALLOWED.iter().find(|(a, s, who, _)| *a == action && *s == state && *who == actor);
                    let got = transition(state, actor, action, 0);
                    match listed {
                        Some((.., next)) => assert_eq!(got, Ok(*next), "{action:?} {state:?} {actor:?}"),
                        None => assert_eq!(got, Err(Refusal::Forbidden), "{action:?} {state:?} {actor:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn editing_stops_at_the_first_support() {
        assert_eq!(transition(CollectingSupport, Author, Edit, 0), Ok(CollectingSupport));
        assert_eq!(transition(CollectingSupport, Author, Edit, 1), Err(Refusal::Forbidden));
    }

    #[test]
    fn nobody_reviews_or_supports_from_the_wrong_seat() {
        assert!(transition(UnderReview, Author, MarkFeasible, 5).is_err(), "not one's own proposal");
        assert!(transition(CollectingSupport, Author, Support, 0).is_err(), "not one's own proposal");
        assert!(transition(UnderReview, Resident, Support, 20).is_err(), "supports lock at review");
    }

    #[test]
    fn states_round_trip_through_their_names() {
        for s in ProposalState::ALL {
            assert_eq!(ProposalState::parse(s.as_str()), Some(s));
        }
    }
}
