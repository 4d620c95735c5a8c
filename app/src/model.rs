//! Types that cross the wire between server functions and pages.

use crate::i18n::{Key, Locale};
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(AccountId, CommunityId, BuildingId, UnitId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    Pending,
    Verified,
    Rejected,
    /// The person deleted their account; only what neighbours' threads need is kept.
    Deleted,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Verified => "verified",
            AccountStatus::Rejected => "rejected",
            AccountStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<AccountStatus> {
        [AccountStatus::Pending, AccountStatus::Verified, AccountStatus::Rejected, AccountStatus::Deleted]
            .into_iter()
            .find(|status| status.as_str() == s)
    }

    pub fn label(self) -> Key {
        match self {
            AccountStatus::Pending => Key::StatusPending,
            AccountStatus::Verified => Key::StatusVerified,
            AccountStatus::Rejected => Key::StatusRejected,
            AccountStatus::Deleted => Key::StatusDeleted,
        }
    }
}

/// The residents' committee's three sub-committees (议事机构).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubCommittee {
    SocialManagement,
    PublicService,
    Environment,
}

impl SubCommittee {
    pub const ALL: [SubCommittee; 3] =
        [SubCommittee::SocialManagement, SubCommittee::PublicService, SubCommittee::Environment];

    pub fn as_str(self) -> &'static str {
        match self {
            SubCommittee::SocialManagement => "social_management",
            SubCommittee::PublicService => "public_service",
            SubCommittee::Environment => "environment",
        }
    }

    pub fn parse(s: &str) -> Option<SubCommittee> {
        SubCommittee::ALL.into_iter().find(|sub| sub.as_str() == s)
    }

    pub fn label(self) -> Key {
        match self {
            SubCommittee::SocialManagement => Key::SubSocialManagement,
            SubCommittee::PublicService => Key::SubPublicService,
            SubCommittee::Environment => Key::SubEnvironment,
        }
    }
}

/// The kinds of role that are granted (being a resident follows from a verified address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoleKind {
    Volunteer,
    Staff,
    Committee,
    Admin,
}

impl RoleKind {
    pub const ALL: [RoleKind; 4] = [RoleKind::Volunteer, RoleKind::Staff, RoleKind::Committee, RoleKind::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Volunteer => "volunteer",
            RoleKind::Staff => "staff",
            RoleKind::Committee => "committee",
            RoleKind::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<RoleKind> {
        RoleKind::ALL.into_iter().find(|kind| kind.as_str() == s)
    }

    /// Staff, committee and admin: the roles that open the console.
    pub fn opens_console(self) -> bool {
        matches!(self, RoleKind::Staff | RoleKind::Committee | RoleKind::Admin)
    }

    pub fn label(self) -> Key {
        match self {
            RoleKind::Volunteer => Key::RoleVolunteer,
            RoleKind::Staff => Key::RoleStaff,
            RoleKind::Committee => Key::RoleCommittee,
            RoleKind::Admin => Key::RoleAdmin,
        }
    }
}

/// One role held by a person, with the place it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Volunteer {
        community: CommunityId,
        building: BuildingId,
    },
    Staff {
        community: CommunityId,
    },
    Committee {
        community: CommunityId,
        sub: SubCommittee,
    },
    /// `None`: a street-level admin, who sees every community.
    Admin {
        community: Option<CommunityId>,
    },
}

impl Role {
    pub fn kind(self) -> RoleKind {
        match self {
            Role::Volunteer { .. } => RoleKind::Volunteer,
            Role::Staff { .. } => RoleKind::Staff,
            Role::Committee { .. } => RoleKind::Committee,
            Role::Admin { .. } => RoleKind::Admin,
        }
    }

    pub fn community(self) -> Option<CommunityId> {
        match self {
            Role::Volunteer { community, .. } | Role::Staff { community } | Role::Committee { community, .. } => {
                Some(community)
            }
            Role::Admin { community } => community,
        }
    }
}

/// A role as shown on a page, with its place already named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub grant_id: i64,
    pub role: Role,
    pub place: String,
}

/// The signed-in person as they see themselves. Their own contact is shown masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: AccountId,
    pub name: String,
    pub contact_masked: String,
    pub status: AccountStatus,
    pub rejection_reason: Option<String>,
    pub address: Option<String>,
    pub community_name: Option<String>,
    pub service_phone: Option<String>,
    pub roles: Vec<RoleView>,
    pub locale: Locale,
    /// For volunteers: requests they helped resolve and minutes given.
    pub volunteer_tally: Option<(u64, i64)>,
    /// Unread inbox items, for the badge.
    pub unread: u64,
    /// Signs in with an authenticator code as well as the password.
    pub two_step: bool,
    /// The street requires two-step sign-in for console roles and this account holds some
    /// without it: they stay closed until it enrols.
    pub two_step_due: bool,
}

impl Viewer {
    pub fn is_console_user(&self) -> bool {
        self.roles.iter().any(|r| r.role.kind().opens_console())
    }

    pub fn has(&self, kind: RoleKind) -> bool {
        self.roles.iter().any(|r| r.role.kind() == kind)
    }
}

/// Places offered on the registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceDirectory {
    pub communities: Vec<CommunityView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityView {
    pub id: CommunityId,
    pub name: String,
    pub buildings: Vec<BuildingView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingView {
    pub id: BuildingId,
    pub name: String,
    pub units: Vec<UnitView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitView {
    pub id: UnitId,
    pub name: String,
}

/// A person waiting in the verification queue. Staff of the community may see the contact and
/// the address: that is what they verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAccount {
    pub id: AccountId,
    pub name: String,
    pub contact: String,
    pub address: String,
    pub registered: String,
}

/// A person in the admin's people list: contact masked, roles listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: AccountId,
    pub name: String,
    pub contact_masked: String,
    pub status: AccountStatus,
    pub community: Option<String>,
    pub roles: Vec<RoleView>,
    /// Signs in with an authenticator code as well (shown for console roles).
    pub two_step: bool,
}

/// A console user's two-step sign-in, for `/me/security`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    pub enabled: bool,
    /// The street requires it for console roles.
    pub required: bool,
    /// An enrolment in progress: what the authenticator app needs.
    pub enrolment: Option<Enrolment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The secret in groups of four, for typing in by hand.
    pub secret: String,
    /// The QR code of the `otpauth://` address, as an SVG document drawn on the server.
    pub qr_svg: String,
}

/// One page of a console list and where it stands in the whole: every list of the console is
/// searchable and paged the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing<T> {
    pub items: Vec<T>,
    pub page: u32,
    /// Whether a next page exists.
    pub more: bool,
    /// How many match the search in all pages.
    pub total: u64,
}

impl<T> Listing<T> {
    /// The same page holding other items: the rows, shaped for the screen.
    pub fn with<U>(self, items: Vec<U>) -> Listing<U> {
        Listing { items, page: self.page, more: self.more, total: self.total }
    }
}

/// One line of the audit log as an admin reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub community: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Listing<AuditRow>,
    /// Every action recorded so far: the filter's allow-list.
    pub actions: Vec<String>,
}
