//! A service request's states: `submitted → accepted → in_progress → done`, or `declined`
//! with a reason by staff, or `withdrawn` by the resident before work starts.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceRequestState {
    Submitted,
    Accepted,
    InProgress,
    Done,
    Declined,
    Withdrawn,
}

impl ServiceRequestState {
    pub const ALL: [ServiceRequestState; 6] = [
        ServiceRequestState::Submitted,
        ServiceRequestState::Accepted,
        ServiceRequestState::InProgress,
        ServiceRequestState::Done,
        ServiceRequestState::Declined,
        ServiceRequestState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceRequestState::Submitted => "submitted",
            ServiceRequestState::Accepted => "accepted",
            ServiceRequestState::InProgress => "in_progress",
            ServiceRequestState::Done => "done",
            ServiceRequestState::Declined => "declined",
            ServiceRequestState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<ServiceRequestState> {
        ServiceRequestState::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            ServiceRequestState::Submitted => Key::SvcStateSubmitted,
            ServiceRequestState::Accepted => Key::SvcStateAccepted,
            ServiceRequestState::InProgress => Key::SvcStateInProgress,
            ServiceRequestState::Done => Key::SvcStateDone,
            ServiceRequestState::Declined => Key::SvcStateDeclined,
            ServiceRequestState::Withdrawn => Key::SvcStateWithdrawn,
        }
    }

    /// Staff still owe the resident something.
    pub fn is_open(self) -> bool {
        matches!(self, ServiceRequestState::Submitted | ServiceRequestState::Accepted | ServiceRequestState::InProgress)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceAction {
    Accept,
    Start,
    Complete,
    Decline,
    Withdraw,
}

impl ServiceAction {
    pub const ALL: [ServiceAction; 5] = [
        ServiceAction::Accept,
        ServiceAction::Start,
        ServiceAction::Complete,
        ServiceAction::Decline,
        ServiceAction::Withdraw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceAction::Accept => "accept",
            ServiceAction::Start => "start",
            ServiceAction::Complete => "complete",
            ServiceAction::Decline => "decline",
            ServiceAction::Withdraw => "withdraw",
        }
    }

    pub fn parse(raw: &str) -> Option<ServiceAction> {
        ServiceAction::ALL.into_iter().find(|a| a.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            ServiceAction::Accept => Key::SvcAccept,
            ServiceAction::Start => Key::SvcStart,
            ServiceAction::Complete => Key::SvcComplete,
            ServiceAction::Decline => Key::SvcDecline,
            ServiceAction::Withdraw => Key::SvcWithdraw,
        }
    }
}

/// The caller's relation to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceRole {
    Requester,
    /// Staff or admin of the request's community.
    Provider,
    Other,
}

/// Where `action` by `role` takes a request in `state`; a refusal says why in the caller's words.
pub fn transition(
    state: ServiceRequestState,
    role: ServiceRole,
    action: ServiceAction,
) -> Result<ServiceRequestState, TransitionError> {
    use ServiceAction as A;
    use ServiceRequestState as S;
    let allowed_role = match action {
        A::Withdraw => role == ServiceRole::Requester,
        A::Accept | A::Start | A::Complete | A::Decline => role == ServiceRole::Provider,
    };
    if !allowed_role {
        return Err(TransitionError::Forbidden);
    }
    match (state, action) {
        (S::Submitted, A::Accept) => Ok(S::Accepted),
        (S::Submitted | S::Accepted, A::Start) => Ok(S::InProgress),
        (S::InProgress, A::Complete) => Ok(S::Done),
        (S::Submitted | S::Accepted, A::Decline) => Ok(S::Declined),
        (S::Submitted | S::Accepted, A::Withdraw) => Ok(S::Withdrawn),
        _ => Err(TransitionError::NotNow),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// This person may never do this to this request.
    Forbidden,
    /// Not in the request's current state.
    NotNow,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ServiceAction as A;
    use ServiceRequestState as S;

    #[test]
    fn the_happy_path_runs_submitted_to_done() {
        let p = ServiceRole::Provider;
        let s = transition(S::Submitted, p, A::Accept).unwrap();
        let s = transition(s, p, A::Start).unwrap();
        assert_eq!(transition(s, p, A::Complete), Ok(S::Done));
    }

    #[test]
    fn only_staff_move_work_and_only_the_requester_withdraws() {
        for action in [A::Accept, A::Start, A::Complete, A::Decline] {
            for role in [ServiceRole::Requester, ServiceRole::Other] {
                for state in S::ALL {
                    assert_eq!(transition(state, role, action), Err(TransitionError::Forbidden), "{action:?}");
                }
            }
        }
        for state in S::ALL {
            assert_eq!(transition(state, ServiceRole::Provider, A::Withdraw), Err(TransitionError::Forbidden));
            assert_eq!(transition(state, ServiceRole::Other, A::Withdraw), Err(TransitionError::Forbidden));
        }
    }

    #[test]
    fn every_state_action_pair_is_decided() {
        let allowed = [
            (S::Submitted, A::Accept, S::Accepted),
            (S::Submitted, A::Start, S::InProgress),
            (S::Accepted, A::Start, S::InProgress),
            (S::InProgress, A::Complete, S::Done),
            (S::Submitted, A::Decline, S::Declined),
            (S::Accepted, A::Decline, S::Declined),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::Accepted, A::Withdraw, S::Withdrawn),
        ];
        for state in S::ALL {
            for action in A::ALL {
                let role = if action == A::Withdraw { ServiceRole::Requester } else { ServiceRole::Provider };
                let expected = allowed.iter().find(|(s, a, _)| *s == state && *a == action).map(|(_, _, to)| *to);
                assert_eq!(transition(state, role, action).ok(), expected, "{state:?} {action:?}");
            }
        }
    }

    #[test]
    fn closed_requests_stay_closed_and_names_round_trip() {
        for state in [S::Done, S::Declined, S::Withdrawn] {
            assert!(!state.is_open());
        }
        for state in S::ALL {
            assert_eq!(S::parse(state.as_str()), Some(state));
        }
        for action in A::ALL {
            assert_eq!(A::parse(action.as_str()), Some(action));
        }
    }
}
