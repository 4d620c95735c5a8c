use sea_orm::entity::prelude::*;

/// A community's autonomy-fund cycle (社区自治基金): budget, phase dates, proposal rules.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "funding_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    pub budget_fen: i64,
    pub cost_cap_fen: i64,
    pub support_threshold: i32,
    pub support_window_days: i32,
    pub allow_service: bool,
    pub allow_goods: bool,
    pub allow_works: bool,
    pub collecting_until: DateTimeUtc,
    pub review_until: DateTimeUtc,
    pub notice_until: DateTimeUtc,
    pub voting_until: DateTimeUtc,
    pub implementation_until: DateTimeUtc,
    pub evaluation_until: DateTimeUtc,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub tallied_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
