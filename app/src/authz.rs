//! Who may do what: the one place that says so. Every server function asks `authorize`;
//! pages ask `permits` only to hide what the server would refuse anyway. Deny by default.

use crate::model::{AccountId, AccountStatus, BuildingId, CommunityId, Role, SubCommittee};
use serde::{Deserialize, Serialize};

/// The caller of a server function, as loaded from their session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub account: AccountId,
    pub status: AccountStatus,
    pub community: Option<CommunityId>,
    pub building: Option<BuildingId>,
    pub roles: Vec<Role>,
}

/// Everything a person can ask to do, with the object it touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Post, support, vote, ask for help: the resident's own voice in their community.
    Participate { community: CommunityId },
    /// See the staff console at all.
    OpenConsole,
    /// See who is waiting for verification in a community.
    ViewVerificationQueue { community: CommunityId },
    /// Verify or decline a person who registered in a community.
    DecideVerification { community: CommunityId, subject: AccountId },
    /// Add communities (street level).
    ManageCommunities,
    /// Add buildings and entrances to a community.
    ManagePlaces { community: CommunityId },
    /// Triage help requests, assign volunteers, take hotline requests for residents.
    HandleHelp { community: CommunityId },
    /// Look people up and grant or revoke roles in a community (`None`: street-wide roles).
    AssignRoles { community: Option<CommunityId> },
    /// Open a funding round for micro-projects and run its phases.
    ManageRounds { community: CommunityId },
    /// Enter paper ballots collected door to door.
    EnterPaperBallots { community: CommunityId },
    /// Judge proposals routed to one sub-committee of a community.
    ReviewProposals { community: CommunityId, sub: SubCommittee },
    /// Hide comments and forum posts, with a reason that is logged.
    Moderate { community: CommunityId },
    /// Run delivery of selected projects: provider, milestones, progress, handing over.
    RunDelivery { community: CommunityId },
    /// Answer residents' service requests and edit the service catalogue (the service centre).
    RunServices { community: CommunityId },
    /// Read the ratings of the service centre per service and quarter (监督职能).
    SuperviseServices { community: CommunityId },
    /// Publish announcements to a community or one of its buildings.
    Publish { community: CommunityId },
    /// Read the audit log of a community (`None`: all of the street).
    ViewAudit { community: Option<CommunityId> },
    /// Approve or return the filing 备案 of a social organisation.
    ReviewOrganisations { community: CommunityId },
}

/// Why a request was refused, in the order a person can fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotSignedIn,
    NotVerified,
    Forbidden,
}

impl Principal {
    fn is_street_admin(&self) -> bool {
        self.roles.contains(&Role::Admin { community: None })
    }

    fn is_admin_of(&self, community: CommunityId) -> bool {
        self.is_street_admin() || self.roles.contains(&Role::Admin { community: Some(community) })
    }

    fn is_staff_of(&self, community: CommunityId) -> bool {
        self.roles.contains(&Role::Staff { community })
    }

    fn is_committee_of(&self, community: CommunityId) -> bool {
        self.roles.iter().any(|r| matches!(r, Role::Committee { community: c, .. } if *c == community))
    }

    fn is_verified(&self) -> bool {
        self.status == AccountStatus::Verified
    }
}

pub fn authorize(who: Option<&Principal>, action: Action) -> Result<(), Refusal> {
    let Some(p) = who else {
        return Err(Refusal::NotSignedIn);
    };
    let allowed = match action {
        Action::Participate { community } => {
            if !p.is_verified() {
                return Err(Refusal::NotVerified);
            }
            p.community == Some(community)
        }
        Action::OpenConsole => {
            p.roles.iter().any(|r| matches!(r, Role::Staff { .. } | Role::Committee { .. } | Role::Admin { .. }))
        }
        Action::ViewVerificationQueue { community } => p.is_staff_of(community) || p.is_admin_of(community),
        Action::DecideVerification { community, subject } => {
            subject != p.account && (p.is_staff_of(community) || p.is_admin_of(community))
        }
        Action::HandleHelp { community } => p.is_staff_of(community) || p.is_admin_of(community),
        Action::ManageCommunities => p.is_street_admin(),
        Action::ManagePlaces { community } => p.is_admin_of(community),
        Action::AssignRoles { community: Some(community) } => p.is_admin_of(community),
        Action::AssignRoles { community: None } => p.is_street_admin(),
        Action::ManageRounds { community } => p.is_admin_of(community) || p.is_committee_of(community),
        Action::EnterPaperBallots { community } => p.is_staff_of(community) || p.is_admin_of(community),
        Action::ReviewProposals { community, sub } => p.roles.contains(&Role::Committee { community, sub }),
        Action::Moderate { community } | Action::RunDelivery { community } => {
            p.is_staff_of(community) || p.is_admin_of(community) || p.is_committee_of(community)
        }
        Action::RunServices { community } | Action::Publish { community } => {
            p.is_staff_of(community) || p.is_admin_of(community)
        }
        Action::SuperviseServices { community } | Action::ReviewOrganisations { community } => {
            p.is_committee_of(community) || p.is_admin_of(community)
        }
        Action::ViewAudit { community: Some(community) } => p.is_admin_of(community),
        Action::ViewAudit { community: None } => p.is_street_admin(),
    };
    if allowed { Ok(()) } else { Err(Refusal::Forbidden) }
}

pub fn permits(who: Option<&Principal>, action: Action) -> bool {
    authorize(who, action).is_ok()
}

/// The communities whose console lists a person may see: all for a street admin.
pub fn console_communities(p: &Principal) -> CommunityScope {
    if p.is_street_admin() {
        return CommunityScope::All;
    }
    let mut ids: Vec<CommunityId> =
        p.roles.iter().filter(|r| !matches!(r, Role::Volunteer { .. })).filter_map(|r| r.community()).collect();
    ids.sort();
    ids.dedup();
    CommunityScope::Some(ids)
}

/// The communities of a person's console where `action` is allowed (all, for a street admin
/// it allows everywhere). Lists are filtered with this, so no row from elsewhere is shown.
pub fn scope_where(p: &Principal, action: impl Fn(CommunityId) -> Action) -> CommunityScope {
    match console_communities(p) {
        CommunityScope::All => CommunityScope::All,
        CommunityScope::Some(ids) => {
            CommunityScope::Some(ids.into_iter().filter(|c| permits(Some(p), action(*c))).collect())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommunityScope {
    All,
    Some(Vec<CommunityId>),
}

impl CommunityScope {
    pub fn is_empty(&self) -> bool {
        matches!(self, CommunityScope::Some(ids) if ids.is_empty())
    }

    pub fn contains(&self, community: CommunityId) -> bool {
        match self {
            CommunityScope::All => true,
            CommunityScope::Some(ids) => ids.contains(&community),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SubCommittee;

    const A: CommunityId = CommunityId(1);
    const B: CommunityId = CommunityId(2);

    fn person(id: i64, status: AccountStatus, roles: Vec<Role>) -> Principal {
        Principal { account: AccountId(id), status, community: Some(A), building: Some(BuildingId(1)), roles }
    }

    fn resident() -> Principal {
        person(1, AccountStatus::Verified, vec![])
    }
    fn pending() -> Principal {
        person(2, AccountStatus::Pending, vec![])
    }
    fn staff_a() -> Principal {
        person(3, AccountStatus::Verified, vec![Role::Staff { community: A }])
    }
    fn committee_a() -> Principal {
        person(4, AccountStatus::Verified, vec![Role::Committee { community: A, sub: SubCommittee::Environment }])
    }
    fn admin_a() -> Principal {
        person(5, AccountStatus::Verified, vec![Role::Admin { community: Some(A) }])
    }
    fn street_admin() -> Principal {
        person(6, AccountStatus::Verified, vec![Role::Admin { community: None }])
    }
    fn volunteer_a() -> Principal {
        person(7, AccountStatus::Verified, vec![Role::Volunteer { community: A, building: BuildingId(1) }])
    }

    #[test]
    fn anonymous_is_refused_everything() {
        for action in [
            Action::Participate { community: A },
            Action::OpenConsole,
            Action::ViewVerificationQueue { community: A },
            Action::ManageCommunities,
        ] {
            assert_eq!(authorize(None, action), Err(Refusal::NotSignedIn));
        }
    }

    #[test]
    fn only_verified_residents_participate_and_only_at_home() {
        assert_eq!(authorize(Some(&resident()), Action::Participate { community: A }), Ok(()));
        assert_eq!(authorize(Some(&pending()), Action::Participate { community: A }), Err(Refusal::NotVerified));
        let rejected = person(8, AccountStatus::Rejected, vec![]);
        assert_eq!(authorize(Some(&rejected), Action::Participate { community: A }), Err(Refusal::NotVerified));
        assert_eq!(authorize(Some(&resident()), Action::Participate { community: B }), Err(Refusal::Forbidden));
    }

    #[test]
    fn the_console_is_for_staff_committee_and_admins() {
        for p in [staff_a(), committee_a(), admin_a(), street_admin()] {
            assert!(permits(Some(&p), Action::OpenConsole), "{p:?}");
        }
        for p in [resident(), pending(), volunteer_a()] {
            assert_eq!(authorize(Some(&p), Action::OpenConsole), Err(Refusal::Forbidden), "{p:?}");
        }
    }

    #[test]
    fn verification_belongs_to_staff_and_admins_of_that_community() {
        let decide_a = Action::DecideVerification { community: A, subject: AccountId(99) };
        let decide_b = Action::DecideVerification { community: B, subject: AccountId(99) };
        for p in [staff_a(), admin_a(), street_admin()] {
            assert!(permits(Some(&p), decide_a), "{p:?}");
            assert!(permits(Some(&p), Action::ViewVerificationQueue { community: A }), "{p:?}");
        }
        for p in [resident(), pending(), committee_a(), volunteer_a()] {
            assert!(!permits(Some(&p), decide_a), "{p:?}");
            assert!(!permits(Some(&p), Action::ViewVerificationQueue { community: A }), "{p:?}");
        }
        assert!(!permits(Some(&staff_a()), decide_b));
        assert!(!permits(Some(&admin_a()), decide_b));
        assert!(permits(Some(&street_admin()), decide_b));
    }

    #[test]
    fn nobody_verifies_themselves() {
        let me = staff_a();
        assert!(!permits(Some(&me), Action::DecideVerification { community: A, subject: me.account }));
    }

    #[test]
    fn help_triage_is_for_staff_and_admins_of_the_community() {
        let triage = Action::HandleHelp { community: A };
        for p in [staff_a(), admin_a(), street_admin()] {
            assert!(permits(Some(&p), triage), "{p:?}");
        }
        for p in [resident(), pending(), committee_a(), volunteer_a()] {
            assert!(!permits(Some(&p), triage), "{p:?}");
        }
        assert!(!permits(Some(&staff_a()), Action::HandleHelp { community: B }));
    }

    #[test]
    fn places_and_roles_are_for_admins() {
        assert!(permits(Some(&admin_a()), Action::ManagePlaces { community: A }));
        assert!(!permits(Some(&admin_a()), Action::ManagePlaces { community: B }));
        assert!(!permits(Some(&admin_a()), Action::ManageCommunities));
        assert!(permits(Some(&street_admin()), Action::ManageCommunities));
        assert!(permits(Some(&admin_a()), Action::AssignRoles { community: Some(A) }));
        assert!(!permits(Some(&admin_a()), Action::AssignRoles { community: None }));
        for p in [resident(), staff_a(), committee_a(), volunteer_a()] {
            assert!(!permits(Some(&p), Action::ManagePlaces { community: A }), "{p:?}");
            assert!(!permits(Some(&p), Action::AssignRoles { community: Some(A) }), "{p:?}");
        }
    }

    #[test]
    fn moderation_and_delivery_are_for_the_communitys_staff_committee_and_admins() {
        for action in [Action::Moderate { community: A }, Action::RunDelivery { community: A }] {
            for p in [staff_a(), committee_a(), admin_a(), street_admin()] {
                assert!(permits(Some(&p), action), "{p:?} {action:?}");
            }
            for p in [resident(), pending(), volunteer_a()] {
                assert!(!permits(Some(&p), action), "{p:?} {action:?}");
            }
        }
        assert!(!permits(Some(&staff_a()), Action::Moderate { community: B }));
        assert!(!permits(Some(&committee_a()), Action::RunDelivery { community: B }));
    }

    #[test]
    fn the_service_centre_serves_and_publishes_the_committee_supervises() {
        for action in [Action::RunServices { community: A }, Action::Publish { community: A }] {
            for p in [staff_a(), admin_a(), street_admin()] {
                assert!(permits(Some(&p), action), "{p:?} {action:?}");
            }
            for p in [resident(), pending(), volunteer_a(), committee_a()] {
                assert!(!permits(Some(&p), action), "{p:?} {action:?}");
            }
            assert!(!permits(Some(&staff_a()), Action::Publish { community: B }));
        }
        let supervise = Action::SuperviseServices { community: A };
        for p in [committee_a(), admin_a(), street_admin()] {
            assert!(permits(Some(&p), supervise), "{p:?}");
        }
        // The provider does not grade itself.
        for p in [resident(), volunteer_a(), staff_a()] {
            assert!(!permits(Some(&p), supervise), "{p:?}");
        }
        assert!(!permits(Some(&committee_a()), Action::SuperviseServices { community: B }));
    }

    #[test]
    fn the_committee_reviews_organisations() {
        let review = Action::ReviewOrganisations { community: A };
        for p in [committee_a(), admin_a(), street_admin()] {
            assert!(permits(Some(&p), review), "{p:?}");
        }
        for p in [resident(), pending(), volunteer_a(), staff_a()] {
            assert!(!permits(Some(&p), review), "{p:?}");
        }
        assert!(!permits(Some(&committee_a()), Action::ReviewOrganisations { community: B }));
    }

    #[test]
    fn the_audit_log_is_for_admins_only() {
        assert!(permits(Some(&admin_a()), Action::ViewAudit { community: Some(A) }));
        assert!(!permits(Some(&admin_a()), Action::ViewAudit { community: Some(B) }));
        assert!(!permits(Some(&admin_a()), Action::ViewAudit { community: None }));
        assert!(permits(Some(&street_admin()), Action::ViewAudit { community: None }));
        for p in [resident(), staff_a(), committee_a(), volunteer_a()] {
            assert!(!permits(Some(&p), Action::ViewAudit { community: Some(A) }), "{p:?}");
        }
    }

    #[test]
    fn console_scope_follows_roles() {
        assert_eq!(console_communities(&street_admin()), CommunityScope::All);
        assert_eq!(console_communities(&staff_a()), CommunityScope::Some(vec![A]));
        assert_eq!(console_communities(&volunteer_a()), CommunityScope::Some(vec![]));
    }
}
