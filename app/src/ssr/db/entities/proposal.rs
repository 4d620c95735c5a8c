use sea_orm::entity::prelude::*;

/// A micro-project proposal (民生微实事). `state` is a `ProposalState` name.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub location: String,
    pub estimated_cost_fen: i64,
    pub reviewed_cost_fen: Option<i64>,
    pub beneficiaries: String,
    pub state: String,
    pub sub_committee: Option<String>,
    pub review_note: Option<String>,
    pub reviewer_id: Option<i64>,
    pub supports: i32,
    pub submitted_at: Option<DateTimeUtc>,
    pub support_deadline: Option<DateTimeUtc>,
    /// Bumped by every change; updates are conditional on it.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub provider_id: Option<i64>,
    pub progress_percent: i32,
    /// Spent so far, never more than the reviewed cost (the ledger adds these up).
    pub spent_fen: i64,
    pub delivered_at: Option<DateTimeUtc>,
    pub acceptance_until: Option<DateTimeUtc>,
    /// Counts deliveries: a reopened project is judged afresh.
    pub delivery_attempt: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
