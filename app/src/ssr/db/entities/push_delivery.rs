use sea_orm::entity::prelude::*;

/// One notification to one device: the push dispatcher's queue item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "push_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub notification_id: i64,
    pub subscription_id: i64,
    /// `queued`, `sent`, `gone` (device unsubscribed), `failed` or `expired`.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A dispatcher holds the row until then; after it, another may take it over.
    pub lease_until: Option<DateTimeUtc>,
    pub last_status: Option<i32>,
    /// Sent in the payload; the service worker returns it when the notification is shown.
    pub receipt_token: String,
    pub sent_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
