use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_grants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    /// `volunteer`, `staff`, `committee` or `admin` (see `model::RoleKind`).
    pub role: String,
    /// `None` only for a street-level admin.
    pub community_id: Option<i64>,
    pub building_id: Option<i64>,
    pub sub_committee: Option<String>,
    /// One text naming role and place, unique per account: SQL unique constraints treat
    /// NULLs as distinct, so the nullable columns alone could not forbid duplicates.
    pub scope_key: String,
    pub granted_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
