use sea_orm::entity::prelude::*;

/// A topic of the residents' forum; its replies are comments.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_topics")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub title: String,
    pub body: String,
    pub replies: i32,
    pub last_activity_at: DateTimeUtc,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<i64>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
