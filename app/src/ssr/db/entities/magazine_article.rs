use sea_orm::entity::prelude::*;

/// An article of an issue of 《家园》, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "magazine_articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub issue_id: i64,
    pub position: i32,
    pub title: String,
    pub byline: String,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
