use sea_orm::entity::prelude::*;

/// A VAPID key pair the server signs pushes with.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vapid_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Uncompressed P-256 point, base64url: what browsers get as `applicationServerKey`.
    pub public_key: String,
    /// Raw private scalar, base64url; `None` when it is given in configuration instead.
    pub private_key: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
