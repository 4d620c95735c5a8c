use sea_orm::entity::prelude::*;

/// A notification: the person's inbox entry and the push dispatcher's queue item.
/// Title and body are already in the recipient's language and hold nothing the recipient
/// may not see.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub recipient_id: i64,
    pub topic: String,
    pub title: String,
    pub body: String,
    pub url: String,
    pub urgent: bool,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// `pending` until the push dispatcher has handled it.
    pub push_state: String,
    pub push_attempts: i32,
    pub next_attempt_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
