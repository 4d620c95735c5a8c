//! Community social organisations 社区社会组织 (DOMAIN.md §4): a group files for
//! registration 备案, the residents' committee approves it or returns it with a reason, and
//! approved ones form a directory residents can join.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgKind {
    /// 业主委员会
    OwnersCommittee,
    /// 文体类
    CultureSports,
    /// 服务类
    Service,
}

impl OrgKind {
    pub const ALL: [OrgKind; 3] = [OrgKind::OwnersCommittee, OrgKind::CultureSports, OrgKind::Service];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::OwnersCommittee => "owners_committee",
            OrgKind::CultureSports => "culture_sports",
            OrgKind::Service => "service",
        }
    }

    pub fn parse(raw: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            OrgKind::OwnersCommittee => Key::OrgKindOwners,
            OrgKind::CultureSports => Key::OrgKindCulture,
            OrgKind::Service => Key::OrgKindService,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgState {
    /// Filed, waiting for the committee.
    Filed,
    Approved,
    /// Sent back with a reason; the filer may change it and file again.
    Returned,
}

impl OrgState {
    pub const ALL: [OrgState; 3] = [OrgState::Filed, OrgState::Approved, OrgState::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgState::Filed => "filed",
            OrgState::Approved => "approved",
            OrgState::Returned => "returned",
        }
    }

    pub fn parse(raw: &str) -> Option<OrgState> {
        OrgState::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            OrgState::Filed => Key::OrgStateFiled,
            OrgState::Approved => Key::OrgStateApproved,
            OrgState::Returned => Key::OrgStateReturned,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgDecision {
    Approve,
    Return,
}

/// The committee decides only on a filing that waits for it.
pub fn decide(state: OrgState, decision: OrgDecision) -> Option<OrgState> {
    match (state, decision) {
        (OrgState::Filed, OrgDecision::Approve) => Some(OrgState::Approved),
        (OrgState::Filed, OrgDecision::Return) => Some(OrgState::Returned),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSummary {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub state: OrgState,
    pub members: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgDirectory {
    /// Approved organisations of the community.
    pub approved: Vec<OrgSummary>,
    /// What I filed that is not approved yet.
    pub mine: Vec<OrgSummary>,
    /// Filings waiting for the committee (reviewers only).
    pub to_review: Vec<OrgSummary>,
    pub can_file: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgView {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub state: OrgState,
    pub purpose: String,
    pub contact: String,
    pub members: u32,
    pub return_reason: Option<String>,
    pub is_member: bool,
    pub can_join: bool,
    pub can_review: bool,
    /// The filer, while it is returned: may change it and file again.
    pub can_refile: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_waiting_filing_is_decided() {
        assert_eq!(decide(OrgState::Filed, OrgDecision::Approve), Some(OrgState::Approved));
        assert_eq!(decide(OrgState::Filed, OrgDecision::Return), Some(OrgState::Returned));
        for state in [OrgState::Approved, OrgState::Returned] {
            for d in [OrgDecision::Approve, OrgDecision::Return] {
                assert_eq!(decide(state, d), None);
            }
        }
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
        for s in OrgState::ALL {
            assert_eq!(OrgState::parse(s.as_str()), Some(s));
        }
    }
}
