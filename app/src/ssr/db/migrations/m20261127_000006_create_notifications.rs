use super::m20261126_000002_create_accounts::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The outbox and the inbox in one table: every notification is written here in the same
/// transaction as the change that causes it; the inbox reads it, a dispatcher pushes it.
#[derive(DeriveIden)]
pub enum Notifications {
    Table,
    Id,
    RecipientId,
    Topic,
    Title,
    Body,
    Url,
    Urgent,
    CreatedAt,
    ReadAt,
    PushState,
    PushAttempts,
    NextAttemptAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::RecipientId))
                    .col(string(Notifications::Topic))
                    .col(string(Notifications::Title))
                    .col(text(Notifications::Body))
                    .col(string(Notifications::Url))
                    .col(boolean(Notifications::Urgent))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(string(Notifications::PushState))
                    .col(integer(Notifications::PushAttempts))
                    .col(timestamp_with_time_zone_null(Notifications::NextAttemptAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::RecipientId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_inbox")
                    .table(Notifications::Table)
                    .col(Notifications::RecipientId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_dispatch")
                    .table(Notifications::Table)
                    .col(Notifications::PushState)
                    .col(Notifications::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Notifications::Table).to_owned()).await
    }
}
