use sea_orm::entity::prelude::*;

/// One browser on one device that receives pushes for one person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    #[sea_orm(unique)]
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub vapid_key_id: i64,
    /// What the person sees in their device list ("Android · Chrome").
    pub label: String,
    pub created_at: DateTimeUtc,
    pub last_success_at: Option<DateTimeUtc>,
    pub failures: i32,
    pub needs_renewal: bool,
    /// The session (its stored key) that turned push on.
    pub session_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
