use sea_orm::entity::prelude::*;

/// A person. `phone`, `unit_id` and `room` are personal information: shown only where
/// DOMAIN.md's rules allow, never logged.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub display_name: String,
    #[sea_orm(unique)]
    pub phone: Option<String>,
    #[sea_orm(unique)]
    pub email: Option<String>,
    pub password_hash: String,
    pub community_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub room: Option<String>,
    /// `pending`, `verified` or `rejected` (see `model::AccountStatus`).
    pub status: String,
    pub rejection_reason: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub locale: String,
    pub privacy_version: Option<String>,
    pub privacy_consented_at: Option<DateTimeUtc>,
    /// 长辈模式: larger text, larger buttons, the simple home.
    pub elderly_mode: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
