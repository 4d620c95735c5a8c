use sea_orm::entity::prelude::*;

/// A comment on a proposal or a forum topic; moderators hide it with a reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub subject_kind: String,
    pub subject_id: i64,
    pub community_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    pub stance: Option<String>,
    pub body: String,
    pub reports: i32,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<i64>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
