use sea_orm::entity::prelude::*;

/// A staff account's authenticator secret (RFC 6238). Until `confirmed_at` is set it is an
/// enrolment in progress and sign-in does not ask for it. `last_step` is the time step of the
/// last code accepted: a code is good once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "two_factor_secrets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i64,
    /// Base32, as authenticator apps take it.
    pub secret: String,
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
