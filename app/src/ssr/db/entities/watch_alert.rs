use sea_orm::entity::prelude::*;

/// A short safety notice (守望提醒) to a building, or (`building_id` empty) a whole community.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "watch_alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub building_id: Option<i64>,
    pub author_id: i64,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<i64>,
    pub hidden_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
