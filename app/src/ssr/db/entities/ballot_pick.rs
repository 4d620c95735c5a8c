use sea_orm::entity::prelude::*;

/// One project chosen on one ballot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_picks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ballot_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
