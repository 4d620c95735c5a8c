use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub building_id: i64,
    pub requester_id: i64,
    /// The requester, or the staff member who took the call (热线).
    pub created_by: i64,
    pub via_hotline: bool,
    pub category: String,
    pub urgency: String,
    pub description: String,
    pub window_start: Option<DateTimeUtc>,
    pub window_end: Option<DateTimeUtc>,
    pub state: String,
    pub volunteer_id: Option<i64>,
    pub claimed_at: Option<DateTimeUtc>,
    pub done_reported_at: Option<DateTimeUtc>,
    pub volunteer_minutes: Option<i32>,
    pub finished_at: Option<DateTimeUtc>,
    /// 0: own building's volunteers; 1: neighbouring buildings too; 2: duty staff too.
    pub escalation_level: i32,
    pub next_escalation_at: Option<DateTimeUtc>,
    pub expires_at: DateTimeUtc,
    pub thanks: Option<String>,
    pub rating: Option<i32>,
    pub idempotency_key: String,
    /// Bumped by every change; an update names the version it read (optimistic locking), so
    /// two volunteers claiming at once cannot both win.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Urgent, and no volunteer's device confirmed the push in time: staff phone round.
    pub call_listed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
