//! The help request state machine: which actor may move a request from which state, and to
//! where. Everything else (handlers, pages) asks `transition`.

use super::types::HelpState;
use crate::authz::Refusal;
use serde::{Deserialize, Serialize};

/// The caller's relation to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The resident who asked (or staff relaying for them are `Staff`).
    Requester,
    /// The volunteer who holds the request now.
    HoldingVolunteer,
    /// A volunteer the request is currently offered to (own building, or neighbouring
    /// buildings once escalated) who does not hold it.
    EligibleVolunteer,
    /// Service-centre staff of the request's community.
    Staff,
    /// The server's own worker (timers).
    System,
    /// Anyone else.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HelpAction {
    Claim,
    /// Staff hand the request to a volunteer.
    Assign,
    Release,
    Start,
    ReportDone,
    Confirm,
    Cancel,
    Expire,
    AutoResolve,
}

impl HelpAction {
    pub const ALL: [HelpAction; 9] = [
        HelpAction::Claim,
        HelpAction::Assign,
        HelpAction::Release,
        HelpAction::Start,
        HelpAction::ReportDone,
        HelpAction::Confirm,
        HelpAction::Cancel,
        HelpAction::Expire,
        HelpAction::AutoResolve,
    ];
}

/// The state after `action`, or why it is refused. `done_reported`: the volunteer has said
/// the help is given (confirmation and auto-resolution wait for it).
pub fn transition(
    state: HelpState,
    actor: Actor,
    action: HelpAction,
    done_reported: bool,
) -> Result<HelpState, Refusal> {
    use Actor::*;
    use HelpAction::*;
    use HelpState::*;
    let next = match (action, state, actor) {
        (Claim, Open, EligibleVolunteer) => Claimed,
        (Assign, Open, Staff) => Claimed,
        (Release, Claimed | InProgress, HoldingVolunteer | Staff) => Open,
        (Start, Claimed, HoldingVolunteer) => InProgress,
        (ReportDone, Claimed | InProgress, HoldingVolunteer) if !done_reported => InProgress,
        (Confirm, Claimed | InProgress, Requester | Staff) => Resolved,
        (Cancel, Open | Claimed | InProgress, Requester | Staff) => Cancelled,
        (Expire, Open, System) => Expired,
        (AutoResolve, InProgress, System) if done_reported => Resolved,
        _ => return Err(Refusal::Forbidden),
    };
    Ok(next)
}

/// What `actor` may do to a request in `state`, for showing buttons.
pub fn allowed(state: HelpState, actor: Actor, done_reported: bool) -> Vec<HelpAction> {
    HelpAction::ALL.into_iter().filter(|a| transition(state, actor, *a, done_reported).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::*;
    use HelpAction::*;
    use HelpState::*;

    const STATES: [HelpState; 6] = [Open, Claimed, InProgress, Resolved, Cancelled, Expired];
    const ACTORS: [Actor; 6] = [Requester, HoldingVolunteer, EligibleVolunteer, Staff, System, Other];

    /// Every allowed move, written out; everything not listed must be refused.
    const ALLOWED: &[(HelpAction, HelpState, Actor, bool, HelpState)] = &[
        (Claim, Open, EligibleVolunteer, false, Claimed),
        (Assign, Open, Staff, false, Claimed),
        (Release, Claimed, HoldingVolunteer, false, Open),
        (Release, InProgress, HoldingVolunteer, false, Open),
        (Release, InProgress, HoldingVolunteer, true, Open),
        (Release, Claimed, Staff, false, Open),
        (Release, InProgress, Staff, false, Open),
        (Release, InProgress, Staff, true, Open),
        (Start, Claimed, HoldingVolunteer, false, InProgress),
        (ReportDone, Claimed, HoldingVolunteer, false, InProgress),
        (ReportDone, InProgress, HoldingVolunteer, false, InProgress),
        (Confirm, Claimed, Requester, false, Resolved),
        (Confirm, InProgress, Requester, false, Resolved),
        (Confirm, InProgress, Requester, true, Resolved),
        (Confirm, Claimed, Staff, false, Resolved),
        (Confirm, InProgress, Staff, false, Resolved),
        (Confirm, InProgress, Staff, true, Resolved),
        (Cancel, Open, Requester, false, Cancelled),
        (Cancel, Claimed, Requester, false, Cancelled),
        (Cancel, InProgress, Requester, false, Cancelled),
        (Cancel, InProgress, Requester, true, Cancelled),
        (Cancel, Open, Staff, false, Cancelled),
        (Cancel, Claimed, Staff, false, Cancelled),
        (Cancel, InProgress, Staff, false, Cancelled),
        (Cancel, InProgress, Staff, true, Cancelled),
        (Expire, Open, System, false, Expired),
        (AutoResolve, InProgress, System, true, Resolved),
    ];

    #[test]
    fn exactly_the_listed_moves_are_allowed() {
        for action in HelpAction::ALL {
            for state in STATES {
                for actor in ACTORS {
                    for done in [false, true] {
                        // `done` only exists once someone holds the request.
                        if done && state != InProgress {
                            continue;
                        }
                        let expected = ALLOWED
                            .iter()
                            .find(|(a, s, who, d, _)| *a == action && *s == state && *who == actor && *d == done)
                            .map(|(.., next)| *next);
                        let got = transition(state, actor, action, done).ok();
                        assert_eq!(got, expected, "{action:?} on {state:?} by {actor:?} (done reported: {done})");
                    }
                }
            }
        }
    }

    #[test]
    fn finished_requests_never_move() {
        for state in [Resolved, Cancelled, Expired] {
            assert!(state.is_finished());
            for actor in ACTORS {
                assert!(allowed(state, actor, false).is_empty(), "{state:?} {actor:?}");
            }
        }
    }

    #[test]
    fn strangers_can_do_nothing() {
        for state in STATES {
            assert!(allowed(state, Other, false).is_empty());
            assert!(allowed(state, Other, true).is_empty());
        }
    }
}
